//! The one registry of IPC commands and events.
//!
//! [`commands`] and [`events`] feed the running app ([`Runtime`]) and the TypeScript
//! bindings in `ui/src/ipc/bindings.ts` ([`builder`]). The bindings are committed; `cargo
//! xtask gen` rewrites them and the test below fails when they drift from this registry.

use tauri::ipc::Invoke;
use tauri_specta::{Builder, Commands, Events, collect_commands, collect_events};

use crate::breach_watch::SlaBreached;
use crate::commands::{
    app, calendars, cases, coaching, customers, demo, export, import, knowledge, knowledge_files, kpi, people, plans,
    qa, report, settings, sla, sync, targets, training, training_files, views, voc,
};
use crate::state::DatabaseReady;
use crate::step_watch::RunStepsOverdue;
use crate::sync_worker::{DataChanged, SyncFinished, SyncProgress};

/// Where the generated bindings live, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

/// The registry as the running app uses it: the commands' invoke handler and the events.
///
/// Not [`builder`]: registering commands with a `tauri_specta::Builder` works out the
/// TypeScript type of every argument and result of every command at once, which only the
/// bindings need. At each start that ran the type code of some 240 commands and kept the
/// type map for the app's life: resident memory for nothing.
pub struct Runtime {
    commands: Commands<tauri::Wry>,
    events: Builder<tauri::Wry>,
}

/// The registry, its command types left unworked.
pub fn runtime() -> Runtime {
    Runtime { commands: commands(), events: Builder::new().events(events()) }
}

impl Runtime {
    /// The handler of every command.
    pub fn invoke_handler(&self) -> impl Fn(Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
        let handler = self.commands.0.clone();
        move |invoke| handler(invoke)
    }

    /// Makes every event emittable (within `tauri::Builder::setup`).
    pub fn mount_events(&self, app: &impl tauri::Manager<tauri::Wry>) {
        self.events.mount_events(app);
    }
}

/// Everything the bindings describe: every command and event, and the constants.
pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(commands())
        .events(events())
        // What the store accepts, so the UI's pickers and lists offer exactly that.
        .constant("LIMITS", frontline_core::limits::LIMITS)
        // The placeholders a communication template may use, so the form lists them.
        .constant("PLAN_PLACEHOLDERS", frontline_core::plans::placeholders::PLACEHOLDERS)
}

/// Every event the app emits.
fn events() -> Events {
    collect_events![SlaBreached, RunStepsOverdue, DatabaseReady, SyncProgress, SyncFinished, DataChanged]
}

/// Every command the app exposes.
fn commands() -> Commands<tauri::Wry> {
    collect_commands![
        app::app_info,
        app::app_log_timing,
        settings::settings_get,
        settings::settings_save,
        settings::settings_time_zones,
        sla::sla_policy_list,
        sla::sla_policy_create,
        sla::sla_policy_update,
        sla::sla_policy_delete,
        calendars::calendar_list,
        calendars::calendar_create,
        calendars::calendar_update,
        calendars::calendar_delete,
        calendars::team_set_calendar,
        calendars::holiday_list,
        calendars::holiday_create,
        calendars::holiday_delete,
        calendars::holiday_import_preview,
        calendars::holiday_import_apply,
        calendars::holiday_set_list,
        calendars::holiday_set_preview,
        calendars::holiday_set_apply,
        cases::case_create,
        cases::case_get,
        cases::case_list,
        cases::case_edit,
        cases::case_transition,
        cases::case_assign,
        cases::case_escalate,
        cases::case_de_escalate,
        cases::case_set_tags,
        cases::case_add_note,
        cases::case_log_contact,
        cases::case_schedule_callback,
        cases::case_record_callback,
        cases::case_bulk,
        cases::case_bulk_undo,
        cases::case_queue_counts,
        cases::case_categories,
        cases::case_tags,
        customers::customer_create,
        customers::customer_update,
        customers::customer_get,
        customers::customer_search,
        people::agent_list,
        people::team_list,
        people::agent_create,
        people::team_create,
        views::view_list,
        views::view_save,
        views::view_delete,
        views::me_get,
        views::me_set,
        demo::demo_generate,
        demo::demo_cancel,
        import::import_choose_file,
        import::import_inspect,
        import::import_dry_run,
        import::import_run,
        import::import_cancel,
        sync::sync_state,
        sync::sync_sign_in,
        sync::sync_sign_out,
        sync::sync_now,
        sync::sync_cancel,
        sync::sync_conflicts,
        sync::sync_resolve_conflict,
        sync::demo_clear,
        kpi::kpi_dashboard,
        kpi::kpi_leaderboard,
        voc::journey_stage_list,
        voc::journey_stage_create,
        voc::journey_stage_rename,
        voc::journey_stage_reorder,
        voc::journey_stage_set_retired,
        voc::case_set_journey_stage,
        voc::feedback_list,
        voc::feedback_get,
        voc::feedback_create,
        voc::feedback_update,
        voc::feedback_delete,
        voc::feedback_themes,
        voc::voc_pain_points,
        voc::insight_list,
        voc::insight_get,
        voc::insight_create,
        voc::insight_update,
        voc::insight_set_status,
        voc::insight_link,
        voc::insight_unlink,
        voc::insight_delete,
        voc::insight_save_handover,
        export::export_cases_csv,
        export::export_kpi_csv,
        export::data_export_json,
        export::data_import_json,
        export::export_cancel,
        report::report_service,
        report::report_save_pdf,
        training::role_list,
        training::roster_list,
        training::roster_add,
        training::roster_update,
        training::roster_set_left,
        training::course_list,
        training::course_create,
        training::course_update,
        training::training_history,
        training::training_record_add,
        training::requirement_list,
        training::requirement_set,
        training::exemption_list,
        training::exemption_set,
        training::exemption_end,
        training::compliance_view,
        training::session_list,
        training::session_get,
        training::session_create,
        training::session_update,
        training::session_enrol,
        training::session_withdraw,
        training::session_save_attendance,
        training::training_import_choose_file,
        training::training_import_dry_run,
        training::training_import_run,
        qa::qa_scorecard_list,
        qa::qa_scorecard_create,
        qa::qa_scorecard_update,
        qa::qa_scorecard_delete,
        qa::qa_evaluate,
        qa::qa_agent,
        qa::qa_case,
        coaching::coaching_create,
        coaching::coaching_update,
        coaching::coaching_delete,
        coaching::coaching_action_done,
        coaching::coaching_for_agent,
        coaching::coaching_follow_ups_due,
        targets::target_set,
        targets::target_list,
        targets::target_agent_status,
        training_files::training_attachment_pick,
        training_files::training_attachments,
        training_files::training_attachment_save,
        export::export_compliance_csv,
        plans::plan_list,
        plans::plan_get,
        plans::plan_create,
        plans::plan_update,
        plans::plan_step_add,
        plans::plan_step_update,
        plans::plan_step_remove,
        plans::plan_step_move,
        plans::plan_step_place,
        plans::plan_publish,
        plans::plan_run_start,
        plans::plan_run_active,
        plans::plan_reminders,
        plans::plan_run_get,
        plans::plan_run_record,
        plans::plan_contact_add,
        plans::plan_contact_update,
        plans::plan_contact_remove,
        plans::plan_contact_move,
        plans::plan_template_add,
        plans::plan_template_update,
        plans::plan_template_remove,
        plans::plan_template_fill,
        plans::plan_run_cases,
        plans::plan_run_link_case,
        plans::plan_run_unlink_case,
        plans::plan_run_create_case,
        plans::plan_runs_of_case,
        plans::plan_version_diff,
        plans::plan_run_review,
        plans::plan_run_save_pdf,
        plans::plan_run_hot_wash_save,
        plans::plan_run_review_save,
        plans::plan_action_item_add,
        plans::plan_action_item_update,
        plans::plan_action_item_remove,
        plans::plan_action_item_set_done,
        plans::plan_open_action_items,
        plans::plan_starter_list,
        plans::plan_starter_copy,
        knowledge::kb_article_find,
        knowledge::kb_tag_list,
        knowledge::kb_article_get,
        knowledge::kb_article_create,
        knowledge::kb_article_update,
        knowledge::kb_article_archive,
        knowledge::kb_article_publish,
        knowledge::kb_version_list,
        knowledge::kb_version_diff,
        knowledge::kb_version_restore,
        knowledge::kb_category_list,
        knowledge::kb_category_create,
        knowledge::kb_category_update,
        knowledge::kb_category_usage,
        knowledge::kb_category_delete,
        knowledge::kb_link_case,
        knowledge::kb_unlink_case,
        knowledge::kb_case_articles,
        knowledge::kb_article_cases,
        knowledge::kb_link_step,
        knowledge::kb_unlink_step,
        knowledge::kb_plan_articles,
        knowledge::kb_article_steps,
        knowledge::kb_link_course,
        knowledge::kb_unlink_course,
        knowledge::kb_course_materials,
        knowledge::kb_article_courses,
        knowledge::kb_image_add,
        knowledge::kb_image_get,
        knowledge_files::kb_image_pick,
        knowledge::kb_script_for_case,
        knowledge::kb_read_ask,
        knowledge::kb_acknowledge,
        knowledge::kb_read_status,
        knowledge::kb_outstanding_acks,
        knowledge::kb_review_due,
        knowledge_files::kb_markdown_choose_folder,
        knowledge_files::kb_markdown_import,
        knowledge_files::kb_markdown_export,
        knowledge_files::kb_markdown_cancel,
    ]
}

/// Renders the TypeScript bindings to a string.
pub fn render_bindings() -> Result<String, String> {
    // One directory per call: the tests render in parallel threads of one process, and a
    // shared directory was removed by one while the other was still writing into it.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("frontline-bindings-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join("bindings.ts");
    let ts = specta_typescript::Typescript::default()
        .header("// Generated by `cargo xtask gen` from src-tauri/ipc.rs. Do not edit.");
    builder().disable_serde_phases().export(ts, &file).map_err(|e| e.to_string())?;
    let out = std::fs::read_to_string(&file).map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn committed_path() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH)
    }

    /// Fails when `ui/src/ipc/bindings.ts` differs from what the registry generates.
    /// `cargo xtask gen` (which sets FRONTLINE_WRITE_BINDINGS) rewrites it.
    #[test]
    fn typescript_bindings_are_current() {
        let fresh = render_bindings().expect("render bindings");
        if std::env::var_os("FRONTLINE_WRITE_BINDINGS").is_some() {
            std::fs::write(committed_path(), &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(committed_path()).unwrap_or_default();
        assert!(
            committed == fresh,
            "{BINDINGS_PATH} is out of date with src-tauri/ipc.rs; run `cargo xtask gen` and commit it"
        );
    }

    /// The permission manifest (build.rs) and the registry list the same commands.
    #[test]
    fn permission_manifest_matches_registry() {
        let rendered = render_bindings().expect("render bindings");
        // Each call site reads `__TAURI_INVOKE("name"` or `__TAURI_INVOKE<T>("name"`.
        let registered: BTreeSet<&str> = rendered
            .split("__TAURI_INVOKE")
            .skip(1)
            .filter_map(|s| {
                let s = if s.starts_with('<') { &s[s.find(">(")? + 1..] } else { s };
                s.strip_prefix("(\"")?.split('"').next()
            })
            .collect();
        let manifest: BTreeSet<&str> = crate::COMMANDS.iter().copied().collect();
        assert_eq!(registered, manifest);
    }

    /// Every command in the manifest is granted to the main window, and nothing else is.
    #[test]
    fn capability_grants_exactly_the_registered_commands() {
        let cap: serde_json::Value = serde_json::from_str(include_str!("capabilities/main.json")).unwrap();
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        let granted: BTreeSet<String> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        let manifest: BTreeSet<String> = crate::COMMANDS.iter().map(|c| c.to_string()).collect();
        assert_eq!(granted, manifest);
    }

    /// The permission each `@tauri-apps/plugin-notification` function needs: the calls
    /// it makes (`plugin:notification|…`, through the plugin's `window.Notification`).
    const NOTIFICATION_CALLS: &[(&str, &str)] = &[
        ("isPermissionGranted", "notification:allow-is-permission-granted"),
        ("requestPermission", "notification:allow-request-permission"),
        ("sendNotification", "notification:allow-notify"),
    ];

    /// Names imported from `module` anywhere under `ui/src` (tests excluded).
    fn ui_imports(module: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("read ui/src") {
                let path = entry.expect("dir entry").path();
                let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                if path.is_dir() {
                    dirs.push(path);
                } else if (name.ends_with(".ts") || name.ends_with(".tsx")) && !name.contains(".test.") {
                    let text = std::fs::read_to_string(&path).expect("read source");
                    for import in text.split("import ").skip(1) {
                        let Some((names, rest)) = import.split_once(" from ") else { continue };
                        if rest.trim_start().trim_start_matches(['"', '\'']).starts_with(module) {
                            let names = names.trim().trim_start_matches("type ").trim_matches(['{', '}', ' ']);
                            out.extend(names.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()));
                        }
                    }
                }
            }
        }
        out
    }

    /// The permission each `@tauri-apps/plugin-dialog` function needs.
    /// Plugins get exactly the permissions the UI's calls need: the notification calls
    /// `ui/src` imports (a new one fails here until its permission is granted), the event
    /// listener, and nothing else (no `notification:default`). The UI imports no dialog
    /// call at all: every dialog opens from Rust (`dialogs.rs`).
    #[test]
    fn capability_grants_exactly_the_plugin_calls_the_ui_makes() {
        let cap: serde_json::Value = serde_json::from_str(include_str!("capabilities/main.json")).unwrap();
        let granted: BTreeSet<&str> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter(|p| p.contains(':'))
            .collect();
        let imported = ui_imports("@tauri-apps/plugin-notification");
        let mut needed: BTreeSet<&str> = ["core:event:allow-listen", "core:event:allow-unlisten"].into();
        for name in &imported {
            let permission = NOTIFICATION_CALLS
                .iter()
                .find(|(f, _)| f == name)
                .map(|(_, p)| *p)
                .unwrap_or_else(|| panic!("ui/src calls {name} from the notification plugin: add its permission"));
            needed.insert(permission);
        }
        assert!(imported.contains("sendNotification"), "the scan found the UI's notification calls: {imported:?}");
        let dialogs = ui_imports("@tauri-apps/plugin-dialog");
        assert!(
            dialogs.is_empty(),
            "ui/src calls {dialogs:?} from the dialog plugin: open it from Rust (src-tauri/dialogs.rs)"
        );
        assert_eq!(granted, needed);
    }

    /// The webview runs with `Object.prototype` frozen (a library that breaks under it is
    /// caught by `ui/build/frozenPrototype.test.ts` and `cargo xtask test`'s start-up
    /// check), and its CSP allows no source nothing uses: no asset protocol (not enabled,
    /// nothing converts file paths), no `data:` fonts (the bundle has none).
    #[test]
    fn security_config_freezes_prototypes_and_allows_only_used_sources() {
        let conf: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
        let security = &conf["app"]["security"];
        assert_eq!(security["freezePrototype"], true);
        for csp in ["csp", "devCsp"] {
            assert_eq!(security[csp]["img-src"], "'self' data:", "{csp}");
            assert_eq!(security[csp]["font-src"], "'self'", "{csp}");
            assert_eq!(security[csp]["script-src"], "'self'", "{csp}");
        }
    }
}
