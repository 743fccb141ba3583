//! A run's report as a PDF file, A4: what the printable page shows
//! (`ui/src/plans/print/RunPrintPage.tsx`) — the plan's title and version, the kind of run,
//! its commander, when it started and ended, the score, the checklist phase by phase as it
//! ended, the incident log, the linked cases, the hot-wash and the after-action review with
//! its action items — laid out on [`crate::pdf`]'s pages in the app's language.
//!
//! Times are the workspace's wall-clock time, its zone named once at the top, so the report
//! reads the same on every computer. A run's events carry no author, so the report names who
//! led the run, not who ticked each step.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::checklist::{ItemState, RunEventKind};
use super::plans::Phase;
use super::review::{self, RunReview};
use super::run_cases::{self, RunCase};
use super::runs::{self, RunKind, RunView};
use super::versions;
use crate::Result;
use crate::cases::{CaseStatus, parse_time};
use crate::export::labels::Label;
use crate::ids::PlanRunId;
use crate::pdf::{CONTENT_WIDTH, Item, MARGIN, Pages};
use crate::settings::Language;

/// Everything a run's report shows, read at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// The run with its checklist, log and (once closed) score.
    pub run: RunView,
    /// The number of the plan version it followed (1 for the first published); `None` when
    /// that version is no longer listed.
    pub version: Option<u32>,
    /// Its hot-wash, review and action items.
    pub review: RunReview,
    /// The cases linked to it.
    pub cases: Vec<RunCase>,
    /// The organisation's name ('' when not set).
    pub organisation: String,
    /// The workspace's time zone, which every time is shown in.
    pub time_zone: String,
    /// When the report was made.
    pub generated_at: DateTime<Utc>,
}

/// Run `run`'s report as it stands at `now`. `NotFound` when there is no such run.
pub fn run_report(conn: &rusqlite::Connection, run: &PlanRunId, now: DateTime<Utc>) -> Result<RunReport> {
    let view = runs::get(conn, run, now)?;
    let version =
        versions::list(conn, &view.summary.plan_id)?.into_iter().find(|v| v.id == view.version_id).map(|v| v.number);
    let review = review::get(conn, run, crate::settings::today(conn, now)?)?;
    let cases = run_cases::for_run(conn, run)?;
    let settings = crate::settings::load_with(conn)?;
    Ok(RunReport {
        run: view,
        version,
        review,
        cases,
        organisation: settings.organisation_name,
        time_zone: settings.time_zone,
        generated_at: now,
    })
}

impl RunReport {
    fn zone(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// `at` as the workspace's wall-clock time, "2026-12-06 14:05".
    fn time(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.zone()).format("%Y-%m-%d %H:%M").to_string()
    }

    /// A stored time as [`Self::time`] shows it (as stored if unreadable).
    fn time_text(&self, at: &str) -> String {
        parse_time(at).map_or_else(|| at.to_owned(), |t| self.time(t))
    }

    /// The name a save dialog offers: `drill-report-<plan title>-<day it started>.pdf`
    /// (`incident-report-…`, `tabletop-report-…`), the title cut down to lower-case letters,
    /// digits and dashes (Chinese kept), so the name is a plain file name on every system.
    pub fn file_name(&self) -> String {
        let s = &self.run.summary;
        let day = parse_time(&s.started_at)
            .map(|t| t.with_timezone(&self.zone()).format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let name: Vec<String> = [slug(&self.run.version_title), day].into_iter().filter(|p| !p.is_empty()).collect();
        format!("{}-report-{}.pdf", s.kind.as_str(), name.join("-"))
    }
}

/// Most characters of the title a file name keeps.
const SLUG_MAX: usize = 60;

/// `title` in lower case with every run of characters other than letters and digits made
/// one dash, at most [`SLUG_MAX`] characters.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let cut: String = out.chars().take(SLUG_MAX).collect();
    cut.trim_end_matches('-').to_owned()
}

/// "Label: value", with the colon `lang` writes.
fn field(lang: Language, label: Label, value: &str) -> String {
    match lang {
        Language::En => format!("{}: {value}", label.text(lang)),
        Language::ZhHans | Language::ZhHant => format!("{}：{value}", label.text(lang)),
    }
}

/// "text (aside)", with the brackets `lang` writes.
fn aside(lang: Language, text: &str, aside: &str) -> String {
    match lang {
        Language::En => format!("{text} ({aside})"),
        Language::ZhHans | Language::ZhHant => format!("{text}（{aside}）"),
    }
}

/// Minutes as "45 min", "2 h" or "1 h 30 min" in `lang`.
fn minutes(lang: Language, m: i32) -> String {
    let (min, h) = (Label::Min.text(lang), Label::Hour.text(lang));
    match (m / 60, m % 60) {
        (0, m) => format!("{m} {min}"),
        (hours, 0) => format!("{hours} {h}"),
        (hours, m) => format!("{hours} {h} {m} {min}"),
    }
}

fn kind_label(kind: RunKind) -> Label {
    match kind {
        RunKind::Incident => Label::RealIncident,
        RunKind::Drill => Label::Drill,
        RunKind::Tabletop => Label::Tabletop,
    }
}

fn phase_label(phase: Phase) -> Label {
    match phase {
        Phase::Monitoring => Label::Monitoring,
        Phase::Warning => Label::Warning,
        Phase::Response => Label::Response,
        Phase::Recovery => Label::Recovery,
    }
}

fn state_label(state: ItemState) -> Label {
    match state {
        ItemState::Pending => Label::StepPending,
        ItemState::Overdue => Label::StepOverdue,
        ItemState::Done => Label::StepDone,
        ItemState::Skipped => Label::StepSkipped,
    }
}

fn status_label(status: CaseStatus) -> Label {
    match status {
        CaseStatus::New => Label::StatusNew,
        CaseStatus::Open => Label::StatusOpen,
        CaseStatus::PendingCustomer => Label::StatusPendingCustomer,
        CaseStatus::PendingInternal => Label::StatusPendingInternal,
        CaseStatus::Resolved => Label::StatusResolved,
        CaseStatus::Closed => Label::StatusClosed,
    }
}

/// The checklist's columns: step, owner role, due, outcome (x, width).
const STEP_COLS: [(f32, f32); 4] = [(MARGIN, 185.0), (238.0, 80.0), (322.0, 85.0), (411.0, 136.0)];
/// The action items' columns: action, owner, due, done on.
const ITEM_COLS: [(f32, f32); 4] = [(MARGIN, 230.0), (282.0, 100.0), (386.0, 75.0), (465.0, 82.0)];
/// The score's phase table: phase, target, took.
const PHASE_COLS: [(f32, f32); 3] = [(MARGIN, 150.0), (208.0, 120.0), (338.0, 209.0)];
/// The log's columns: when, what.
const LOG_COLS: [(f32, f32); 2] = [(MARGIN, 85.0), (137.0, 410.0)];

/// A section's heading, kept on a page with two lines under it.
fn heading(p: &mut Pages, text: &str) {
    p.gap(10.0);
    p.keep(20.0 + 2.0 * 14.0);
    let y = p.line(20.0);
    p.text(MARGIN, y, 14.0, text);
}

/// A heading inside a section (a phase, a review question).
fn subheading(p: &mut Pages, text: &str) {
    p.gap(4.0);
    p.keep(16.0 + 2.0 * 13.0);
    let y = p.line(16.0);
    p.text(MARGIN, y, 11.0, text);
}

/// A table row in `cols`, 9 points, or 8 for a header.
fn row<const N: usize>(p: &mut Pages, cols: &[(f32, f32); N], texts: [&str; N], header: bool) {
    let cells: Vec<(f32, f32, &str)> = cols.iter().zip(texts).map(|(&(x, w), t)| (x, w, t)).collect();
    if header {
        p.row(&cells, 8.0, 12.0);
    } else {
        p.row(&cells, 9.0, 13.0);
        p.gap(2.0);
    }
}

/// The report's pages.
pub(crate) fn layout(r: &RunReport, lang: Language) -> Vec<Vec<Item>> {
    let l = |label: Label| label.text(lang);
    let s = &r.run.summary;
    let mut p = Pages::new();
    p.paragraph(MARGIN, CONTENT_WIDTH, 18.0, 24.0, &field(lang, Label::RunReport, &r.run.version_title));
    if !r.organisation.is_empty() {
        p.paragraph(MARGIN, CONTENT_WIDTH, 12.0, 18.0, &r.organisation);
    }
    p.gap(4.0);
    let closed = s.closed_at.as_deref().map_or_else(|| l(Label::StillActive).to_owned(), |c| r.time_text(c));
    let facts = [
        (Label::PlanVersion, r.version.map(|v| v.to_string()).unwrap_or_default()),
        (Label::KindOfRun, l(kind_label(s.kind)).to_owned()),
        (Label::Commander, s.commander.clone()),
        (Label::Activated, r.time_text(&s.started_at)),
        (Label::ClosedAt, closed),
    ];
    for (label, value) in facts.iter().filter(|(_, v)| !v.is_empty()) {
        p.paragraph(MARGIN, CONTENT_WIDTH, 10.0, 15.0, &field(lang, *label, value));
    }
    let stamp = format!(
        "{} · {}",
        field(lang, Label::TimeZone, &r.time_zone),
        field(lang, Label::Generated, &r.time(r.generated_at))
    );
    p.paragraph(MARGIN, CONTENT_WIDTH, 9.0, 14.0, &stamp);

    if let Some(score) = &r.run.score {
        heading(&mut p, l(Label::RunScore));
        let y = p.line(22.0);
        p.text(MARGIN, y, 16.0, format!("{}%", score.percent));
        let on_time = format!("{} / {}", score.on_time, score.required);
        p.paragraph(MARGIN, CONTENT_WIDTH, 10.0, 15.0, &field(lang, Label::RequiredOnTime, &on_time));
        subheading(&mut p, l(Label::TimePerPhase));
        row(&mut p, &PHASE_COLS, [l(Label::Phase), l(Label::Target), l(Label::Took)], true);
        for ph in &score.phases {
            let took = match ph.actual_minutes {
                None => l(Label::NotDone).to_owned(),
                Some(m) if m > ph.target_minutes => aside(lang, &minutes(lang, m), l(Label::Late)),
                Some(m) => minutes(lang, m),
            };
            row(&mut p, &PHASE_COLS, [l(phase_label(ph.phase)), &minutes(lang, ph.target_minutes), &took], false);
        }
    }

    heading(&mut p, l(Label::Checklist));
    for &phase in Phase::ALL {
        let items: Vec<_> = r.run.items.iter().filter(|i| i.step.phase == phase).collect();
        if items.is_empty() {
            continue;
        }
        subheading(&mut p, l(phase_label(phase)));
        row(&mut p, &STEP_COLS, [l(Label::Step), l(Label::OwnerRole), l(Label::DueAt), l(Label::Outcome)], true);
        for i in items {
            let text =
                if i.step.required { i.step.text.clone() } else { aside(lang, &i.step.text, l(Label::Optional)) };
            let mut outcome = l(state_label(i.state)).to_owned();
            if let Some(at) = &i.settled_at {
                outcome = format!("{outcome} {}", r.time_text(at));
            }
            if let Some(reason) = &i.reason {
                outcome = format!("{outcome} — {reason}");
            }
            row(&mut p, &STEP_COLS, [&text, &i.step.owner_role, &r.time_text(&i.due_at), &outcome], false);
        }
    }

    heading(&mut p, l(Label::IncidentLog));
    if r.run.log.is_empty() {
        p.paragraph(MARGIN, CONTENT_WIDTH, 9.0, 13.0, l(Label::NothingLogged));
    }
    for e in &r.run.log {
        let step = e.step_text.as_deref().unwrap_or("");
        let text = match e.kind {
            RunEventKind::Tick => field(lang, Label::LogDone, step),
            RunEventKind::Skip => field(lang, Label::LogSkipped, &format!("{step} — {}", e.text)),
            RunEventKind::Note => field(lang, Label::LogNote, &format!("{step} — {}", e.text)),
            RunEventKind::Log => e.text.clone(),
            RunEventKind::Close => l(Label::LogClosed).to_owned(),
        };
        row(&mut p, &LOG_COLS, [&r.time_text(&e.at), &text], false);
    }

    if !r.cases.is_empty() {
        heading(&mut p, l(Label::LinkedCases));
        for c in &r.cases {
            let line = format!("{} · {} · {}", c.reference, c.title, l(status_label(c.status)));
            p.paragraph(MARGIN, CONTENT_WIDTH, 9.0, 13.0, &line);
        }
    }

    let written = |text: &str| if text.is_empty() { l(Label::NothingWritten).to_owned() } else { text.to_owned() };
    heading(&mut p, l(Label::HotWash));
    p.paragraph(MARGIN, CONTENT_WIDTH, 9.0, 13.0, &written(&r.review.hot_wash));
    heading(&mut p, l(Label::AfterActionReview));
    subheading(&mut p, l(Label::WentWell));
    p.paragraph(MARGIN, CONTENT_WIDTH, 9.0, 13.0, &written(&r.review.went_well));
    subheading(&mut p, l(Label::WentWrong));
    p.paragraph(MARGIN, CONTENT_WIDTH, 9.0, 13.0, &written(&r.review.went_wrong));

    heading(&mut p, l(Label::ActionItems));
    if r.review.items.is_empty() {
        p.paragraph(MARGIN, CONTENT_WIDTH, 9.0, 13.0, l(Label::NoActionItems));
    } else {
        row(&mut p, &ITEM_COLS, [l(Label::Action), l(Label::Owner), l(Label::DueOn), l(Label::DoneOn)], true);
        for a in &r.review.items {
            row(&mut p, &ITEM_COLS, [&a.text, &a.owner, &a.due_on, a.done_on.as_deref().unwrap_or("")], false);
        }
    }
    p.finish()
}

/// The report as PDF bytes, in `lang`, with `font` (from [`crate::pdf::find_font`]).
pub fn run_pdf(r: &RunReport, lang: Language, font: (Vec<u8>, u32)) -> Result<Vec<u8>> {
    crate::pdf::draw(layout(r, lang), font)
}

/// Writes `report` as a PDF in `lang` to `path`, whole or not at all (an existing file is
/// replaced only with `replace`). Errors: no font covering Chinese
/// ([`crate::Error::NoReportFont`]), `path` existing without `replace`
/// ([`crate::Error::AlreadyExists`]), or the file system's refusal ([`crate::Error::Io`]).
pub fn save_pdf(report: &RunReport, lang: Language, path: &Path, replace: bool) -> Result<()> {
    crate::pdf::save(path, replace, lang, |font| run_pdf(report, lang, font))
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::Error;
    use crate::ids::{PlanId, PlanStepId};
    use crate::pdf::{assert_inside, find_font};
    use crate::plans::review::ActionItemInput;
    use crate::plans::runs::{RunAction, RunInput};
    use crate::plans::{PlanInput, Scenario, Severity, StepInput, plans};
    use crate::store::Store;
    use crate::store::test_support::{TestClock, temp_store};

    /// The text a PDF reader extracts, without whitespace (extractors space glyphs
    /// differently).
    fn text_of(pdf: &[u8]) -> String {
        pdf_extract::extract_text_from_mem(pdf).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
    }

    fn squeeze(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    fn in_shanghai(store: &mut Store) {
        let mut s = crate::settings::load(store).unwrap();
        s.time_zone = "Asia/Shanghai".into();
        crate::settings::save(store, s).unwrap();
    }

    /// A published plan titled `title` with `steps` (phase, text, target minutes).
    fn plan(store: &mut Store, title: &str, steps: &[(Phase, &str, i32)]) -> (PlanId, Vec<PlanStepId>) {
        let input = PlanInput {
            title: title.into(),
            scenario: Scenario::SystemOutage,
            severity: Severity::High,
            owner: "Mei Chen".into(),
            review_days: 365,
            drill_days: 90,
            triggers: String::new(),
            thresholds: String::new(),
        };
        let plan = store.write(|tx| plans::create(tx, &input)).unwrap();
        let ids = steps
            .iter()
            .map(|&(phase, text, offset_minutes)| {
                let step = StepInput {
                    phase,
                    text: text.into(),
                    owner_role: "值班经理".into(),
                    offset_minutes,
                    required: true,
                };
                store.write(|tx| plans::add_step(tx, &plan, &step)).unwrap()
            })
            .collect();
        store.write(|tx| versions::publish(tx, &plan)).unwrap();
        (plan, ids)
    }

    fn start(store: &mut Store, plan: &PlanId) -> PlanRunId {
        let input = RunInput { plan_id: plan.clone(), kind: RunKind::Drill, commander: "Ann Lee".into() };
        store.write(|tx| runs::start(tx, &input)).unwrap()
    }

    fn record(store: &mut Store, run: &PlanRunId, action: RunAction) {
        store.write(|tx| runs::record(tx, run, &action)).unwrap();
    }

    /// A drill of a plan with a step in each phase, started 2026-03-02 09:00 UTC: two steps
    /// done at once (on time), one skipped, one left open, a log entry, closed two hours on,
    /// with a review and an action item. Scores 2 of 4 required steps on time: 50%.
    fn closed_drill(store: &mut Store, clock: &TestClock, title: &str, steps: [&str; 4], log: &str) -> PlanRunId {
        let phases = [Phase::Monitoring, Phase::Warning, Phase::Response, Phase::Recovery];
        let spec: Vec<(Phase, &str, i32)> =
            phases.into_iter().zip(steps).zip([0, 5, 15, 60]).map(|((p, s), o)| (p, s, o)).collect();
        let (plan, ids) = plan(store, title, &spec);
        let run = start(store, &plan);
        record(store, &run, RunAction::Tick { step: ids[0].clone() });
        record(store, &run, RunAction::Tick { step: ids[1].clone() });
        record(store, &run, RunAction::Skip { step: ids[2].clone(), reason: "Vendor fixed it".into() });
        record(store, &run, RunAction::Log { text: log.into() });
        clock.set(clock.get() + Duration::hours(2));
        record(store, &run, RunAction::Close);
        store
            .write(|tx| {
                review::save_review(
                    tx,
                    &run,
                    &review::ReviewInput { went_well: "Leads warned fast".into(), went_wrong: String::new() },
                )?;
                review::add_item(
                    tx,
                    &run,
                    &ActionItemInput {
                        text: "Test the IVR failover".into(),
                        owner: "Bo Wang".into(),
                        due_on: "2026-03-20".into(),
                    },
                )
            })
            .unwrap();
        run
    }

    #[test]
    fn the_pdf_holds_the_title_every_step_and_the_score_in_english_and_chinese() {
        let cases: [(Language, &str, [&str; 4], &str); 3] = [
            (
                Language::En,
                "Telephony outage",
                ["Watch the queue", "Warn the team leads", "Switch to the backup line", "Call back dropped callers"],
                "Carrier confirms the fault",
            ),
            (
                Language::ZhHans,
                "电话系统故障",
                ["监控排队人数", "通知各组组长", "切换到备用线路", "回拨掉线客户"],
                "运营商确认故障",
            ),
            (
                Language::ZhHant,
                "電話系統故障",
                ["監控排隊人數", "通知各組組長", "切換到備用線路", "回撥斷線客戶"],
                "電信商確認故障",
            ),
        ];
        for (lang, title, steps, log) in cases {
            let (_dir, mut store, clock) = temp_store();
            in_shanghai(&mut store);
            let run = closed_drill(&mut store, &clock, title, steps, log);
            let report = run_report(store.conn(), &run, store.now()).unwrap();
            assert_eq!(report.run.score.as_ref().map(|s| s.percent), Some(50));
            assert_eq!(report.version, Some(1));
            let pdf =
                run_pdf(&report, lang, find_font(lang).expect("a CJK font (fonts-wqy-microhei or fonts-noto-cjk)"))
                    .unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
            let text = text_of(&pdf);
            for expected in [title, log, "50%", "2/4", "Test the IVR failover", "Leads warned fast", "Vendor fixed it"]
                .into_iter()
                .chain(steps)
                .chain(
                    [
                        Label::RunReport,
                        Label::Checklist,
                        Label::Monitoring,
                        Label::Recovery,
                        Label::Drill,
                        Label::StepSkipped,
                    ]
                    .map(|l| l.text(lang)),
                )
            {
                assert!(text.contains(&squeeze(expected)), "{lang:?}: {expected:?} in {text}");
            }
            // Started 09:00 UTC: 17:00 in the workspace's zone.
            assert!(text.contains("2026-03-0217:00"), "{lang:?}: the start in Asia/Shanghai in {text}");
        }
    }

    #[test]
    fn a_long_run_spans_pages_and_nothing_leaves_the_page() {
        let (_dir, mut store, clock) = temp_store();
        let long_en = "Call every agent on the standby rota, confirm who can log in from home within the hour and note who cannot";
        let long_zh =
            "通知所有待命坐席并确认谁能在一小时内在家登录系统同时记录无法到岗人员的姓名和原因以便后续安排替补人手";
        let texts: Vec<String> =
            (0..40).map(|i| format!("{i}. {}", if i % 2 == 0 { long_en } else { long_zh })).collect();
        let spec: Vec<(Phase, &str, i32)> =
            texts.iter().enumerate().map(|(i, t)| (Phase::ALL[i % 4], t.as_str(), (i as i32) * 5)).collect();
        let (plan, ids) = plan(
            &mut store,
            "Contact-volume surge: a plan whose title is long enough to need a second line on the page",
            &spec,
        );
        let run = start(&mut store, &plan);
        for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            record(&mut store, &run, RunAction::Tick { step: id.clone() });
            record(&mut store, &run, RunAction::Note { step: id.clone(), text: format!("{i}: {long_zh}{long_zh}") });
        }
        for i in 0..60 {
            record(&mut store, &run, RunAction::Log { text: format!("{i}: {long_en}; {long_zh}") });
        }
        clock.set(clock.get() + Duration::hours(3));
        record(&mut store, &run, RunAction::Close);
        store
            .write(|tx| {
                review::save_hot_wash(tx, &run, &[long_en, long_zh, long_en].join("\n"))?;
                for i in 0..10 {
                    let input = ActionItemInput {
                        text: format!("{i} {long_en}"),
                        owner: long_zh.chars().take(10).collect(),
                        due_on: "2026-04-01".into(),
                    };
                    review::add_item(tx, &run, &input)?;
                }
                Ok(())
            })
            .unwrap();
        let report = run_report(store.conn(), &run, store.now()).unwrap();
        for lang in [Language::En, Language::ZhHans] {
            let pages = layout(&report, lang);
            assert!(
                pages.len() >= 5,
                "{lang:?}: 40 long steps, 100 log entries and 10 items fill more than four pages, got {}",
                pages.len()
            );
            assert_inside(&pages);
            // The step column's 9-point lines, read in order, hold every step whole: nothing
            // is lost at a line or a page break.
            let step_column: String = pages
                .iter()
                .flatten()
                .filter_map(|i| match i {
                    Item::Text { x, size, text, .. } if *x == MARGIN && *size == 9.0 => Some(squeeze(text)),
                    _ => None,
                })
                .collect();
            // Phase by phase, each phase's steps in the order they were added.
            let steps: String =
                (0..4).flat_map(|phase| texts.iter().skip(phase).step_by(4)).map(|t| squeeze(t)).collect();
            assert!(step_column.contains(&steps), "{lang:?}: every step, in order, in the step column");
        }
    }

    #[test]
    fn a_missing_run_is_not_found() {
        let (_dir, store, _) = temp_store();
        let missing = PlanRunId::new();
        match run_report(store.conn(), &missing, store.now()) {
            Err(Error::NotFound { entity: "run", id }) => assert_eq!(id, missing.to_string()),
            other => panic!("expected NotFound, got {other:?}"),
        }
    }

    #[test]
    fn the_file_name_names_the_kind_the_plan_and_the_day_it_started() {
        let (_dir, mut store, _) = temp_store();
        in_shanghai(&mut store);
        let (plan_en, _) = plan(&mut store, "Telephony outage / main site", &[(Phase::Response, "Switch", 0)]);
        let run = start(&mut store, &plan_en);
        let report = run_report(store.conn(), &run, store.now()).unwrap();
        assert_eq!(report.file_name(), "drill-report-telephony-outage-main-site-2026-03-02.pdf");
        let (plan_zh, _) = plan(&mut store, "《电话系统故障》..", &[(Phase::Response, "切换", 0)]);
        let run = start(&mut store, &plan_zh);
        assert_eq!(
            run_report(store.conn(), &run, store.now()).unwrap().file_name(),
            "drill-report-电话系统故障-2026-03-02.pdf"
        );
        assert_eq!(slug(&"x".repeat(80)).chars().count(), SLUG_MAX);
        assert_eq!(slug("** --"), "");
    }

    #[test]
    fn save_pdf_never_overwrites_unless_asked() {
        let (dir, mut store, clock) = temp_store();
        let run = closed_drill(&mut store, &clock, "Outage", ["a", "b", "c", "d"], "log");
        let report = run_report(store.conn(), &run, store.now()).unwrap();
        let path = dir.path().join(report.file_name());
        std::fs::write(&path, b"older").unwrap();
        assert!(matches!(save_pdf(&report, Language::En, &path, false), Err(Error::AlreadyExists { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), b"older");
        save_pdf(&report, Language::En, &path, true).expect("a CJK font (fonts-wqy-microhei or fonts-noto-cjk)");
        assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF-"));
    }
}
