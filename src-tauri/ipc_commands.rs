// The names of every IPC command, shared by build.rs (permissions) and the app (a test
// checks this list against the registry in `ipc.rs`). Kept in its own file because a build
// script cannot import from the crate it builds.

/// Every IPC command the app registers.
pub const COMMANDS: &[&str] = &[
    "app_info",
    "settings_get",
    "settings_save",
    "settings_time_zones",
    "case_create",
    "case_get",
    "case_list",
    "case_edit",
    "case_transition",
    "case_assign",
    "case_escalate",
    "case_de_escalate",
    "case_set_tags",
    "case_add_note",
    "case_log_contact",
    "case_schedule_callback",
    "case_record_callback",
    "case_bulk",
    "case_bulk_undo",
    "case_categories",
    "case_tags",
    "customer_create",
    "customer_update",
    "customer_get",
    "customer_search",
    "agent_list",
    "team_list",
    "agent_create",
    "team_create",
];
