//! The compile-time schema: every table the write path may touch, and for each synced
//! column how it merges when two devices changed it offline.
//!
//! The write path accepts table and column names only from here, so no SQL is ever built
//! from input; sync relies on the same list to know what it may apply and how.
//!
//! **Merge kinds** (DESIGN.md, Sync). A value a person sets is a [`Merge::Register`]: the
//! last writer wins, and a concurrent loss is shown as a conflict. A membership is a
//! [`Merge::Set`]: one row per element whose presence is its own register, so two devices
//! adding different tags both keep theirs. An append-only row is an [`Merge::Event`]: it
//! travels whole and merges by union. Anything every device can compute from those —
//! status, totals, "first response at", due-time caches — is [`Merge::Derived`]: local,
//! never in the outbox, refreshed from its inputs after every local write and every
//! applied batch. A running total or a "set if still empty" value is never a register.

use rusqlite::types::Value;

/// How a column merges across devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Last writer wins (by HLC stamp); a concurrent loss is recorded as a conflict.
    Register,
    /// The presence flag of one element of a set: last writer wins per element, and no
    /// conflict is recorded (adding and removing a tag is not worth a question).
    Set,
    /// A column of an append-only row, which travels and merges as a whole.
    Event,
    /// Computed on every device from other data; never synced.
    Derived,
}

/// One column the write path knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// SQL name.
    pub name: &'static str,
    /// How it merges.
    pub merge: Merge,
}

const fn reg(name: &'static str) -> Column {
    Column { name, merge: Merge::Register }
}
const fn set(name: &'static str) -> Column {
    Column { name, merge: Merge::Set }
}
const fn event(name: &'static str) -> Column {
    Column { name, merge: Merge::Event }
}
const fn derived(name: &'static str) -> Column {
    Column { name, merge: Merge::Derived }
}

/// Column that records when a row was created: synced with the row.
pub const CREATED_AT: &str = "created_at";
/// Column of the local last-change time: derived (each device's own).
pub const UPDATED_AT: &str = "updated_at";
/// Column of the tombstone: a register that is only ever set, never cleared.
pub const DELETED_AT: &str = "deleted_at";

/// A table written through the write path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// Workspace-wide settings shared by the team (one row, id [`WORKSPACE_ROW`]).
    WorkspaceSettings,
    /// Preferences of this device only (one row, id [`DEVICE_ROW`]); never synced.
    DevicePreferences,
    /// Customers.
    Customers,
    /// Teams of agents.
    Teams,
    /// Agents (the people supervised).
    Agents,
    /// Cases.
    Cases,
    /// The cases' append-only timelines.
    CaseEvents,
    /// The cases' tags, one row per (case, tag) ever used.
    CaseTags,
    /// SLA targets per priority (optionally per tier and category).
    SlaPolicies,
    /// Dates that differ from their weekday in a calendar: holidays and make-up working
    /// days.
    Holidays,
    /// Business calendars besides the workspace's (a team in another time zone or country).
    Calendars,
    /// Saved list views of this device; never synced.
    SavedViews,
    /// Column mappings of CSV imports, one per source, of this device; never synced.
    ImportMappings,
    /// The team's customer-journey stages (awareness … cancellation, editable).
    JourneyStages,
    /// Feedback entries that are not cases: survey answers, focus-group notes, comments.
    Feedback,
    /// The themes of feedback entries, one row per (entry, theme) ever used.
    FeedbackThemes,
    /// Insights raised for other departments.
    Insights,
    /// The evidence of insights: one row per (insight, case or feedback entry) ever linked.
    InsightEvidence,
    /// The roles agents hold (agent, senior agent, team lead, QA; editable).
    Roles,
    /// Training courses.
    Courses,
    /// Agents' training records: append-only completions.
    TrainingRecords,
    /// What each role must or should take of each course: one row per (role, course).
    TrainingRequirements,
    /// The courses agents are exempt from: one row per (agent, course) ever exempted.
    TrainingExemptions,
    /// Training sessions: a course held on a day by a trainer at a place, with capacity.
    TrainingSessions,
    /// The agents enrolled in sessions: one row per (session, agent) ever enrolled.
    TrainingEnrolments,
    /// Contingency plans (the draft being edited).
    Plans,
    /// The steps of plans' phases.
    PlanSteps,
    /// Published versions of plans: frozen snapshots, append-only.
    PlanVersions,
    /// Runs of plans (incidents, drills, tabletop exercises): append-only starts.
    PlanRuns,
    /// What happens in runs (ticks, skips, notes, log entries, the close): append-only.
    RunEvents,
    /// The knowledge base's category tree.
    KbCategories,
    /// Knowledge-base articles (SOPs, policies, call scripts, known issues).
    Articles,
    /// The articles' tags, one row per (article, tag) ever used.
    ArticleTags,
    /// Links from articles to cases, one row per (article, case) ever linked.
    ArticleCases,
    /// Article versions: publications and texts that lost a sync conflict, append-only.
    ArticleVersions,
    /// The roles asked to read a published article version, append-only.
    ArticleReadRequests,
    /// Agents' acknowledgements of article versions, append-only.
    ArticleAcks,
    /// QA scorecards (their names).
    QaScorecards,
    /// Versions of scorecards' weighted criteria, append-only.
    QaScorecardVersions,
    /// QA evaluations of agents, append-only.
    QaEvaluations,
    /// Coaching notes: one-to-ones and feedback given to agents.
    CoachingNotes,
    /// The actions agreed in coaching conversations.
    CoachingActions,
    /// The contacts of plans' call trees.
    PlanContacts,
    /// Plans' communication templates (internal, customer-facing, public statement).
    CommsTemplates,
    /// The cases linked to runs, one row per (run, case) ever linked.
    RunCases,
    /// A run's hot-wash and after-action review: one row per run.
    RunReviews,
    /// The action items of runs' after-action reviews.
    RunActionItems,
    /// Links from articles to plan steps, one row per (article, step) ever linked.
    ArticlePlanSteps,
    /// Links from articles to courses (course materials), one row per (article, course).
    ArticleCourses,
    /// Images stored with articles, append-only.
    ArticleImages,
    /// KPI targets per role or per agent, one row per (scope, KPI).
    KpiTargets,
    /// Parts of the certificates attached to external training records, append-only.
    TrainingRecordFiles,
}

/// Id of the single workspace-settings row. Fixed, so two devices that each create it
/// offline merge into one row instead of two.
pub const WORKSPACE_ROW: &str = "workspace";
/// Id of the single device-preferences row.
pub const DEVICE_ROW: &str = "device";

impl Table {
    /// Every table, for counts and checks.
    pub const ALL: &'static [Table] = &[
        Table::WorkspaceSettings,
        Table::DevicePreferences,
        Table::Customers,
        Table::Teams,
        Table::Agents,
        Table::Cases,
        Table::CaseEvents,
        Table::CaseTags,
        Table::SlaPolicies,
        Table::Holidays,
        Table::Calendars,
        Table::SavedViews,
        Table::ImportMappings,
        Table::JourneyStages,
        Table::Feedback,
        Table::FeedbackThemes,
        Table::Insights,
        Table::InsightEvidence,
        Table::Roles,
        Table::Courses,
        Table::TrainingRecords,
        Table::TrainingRequirements,
        Table::TrainingExemptions,
        Table::TrainingSessions,
        Table::TrainingEnrolments,
        Table::Plans,
        Table::PlanSteps,
        Table::PlanVersions,
        Table::PlanRuns,
        Table::RunEvents,
        Table::KbCategories,
        Table::Articles,
        Table::ArticleTags,
        Table::ArticleCases,
        Table::ArticleVersions,
        Table::ArticleReadRequests,
        Table::ArticleAcks,
        Table::QaScorecards,
        Table::QaScorecardVersions,
        Table::QaEvaluations,
        Table::CoachingNotes,
        Table::CoachingActions,
        Table::PlanContacts,
        Table::CommsTemplates,
        Table::RunCases,
        Table::RunReviews,
        Table::RunActionItems,
        Table::ArticlePlanSteps,
        Table::ArticleCourses,
        Table::ArticleImages,
        Table::KpiTargets,
        Table::TrainingRecordFiles,
    ];

    /// The SQL name.
    pub fn name(self) -> &'static str {
        match self {
            Table::WorkspaceSettings => "workspace_settings",
            Table::DevicePreferences => "device_preferences",
            Table::Customers => "customers",
            Table::Teams => "teams",
            Table::Agents => "agents",
            Table::Cases => "cases",
            Table::CaseEvents => "case_events",
            Table::CaseTags => "case_tags",
            Table::SlaPolicies => "sla_policies",
            Table::Holidays => "holidays",
            Table::Calendars => "calendars",
            Table::SavedViews => "saved_views",
            Table::ImportMappings => "import_mappings",
            Table::JourneyStages => "journey_stages",
            Table::Feedback => "feedback",
            Table::FeedbackThemes => "feedback_themes",
            Table::Insights => "insights",
            Table::InsightEvidence => "insight_evidence",
            Table::Roles => "roles",
            Table::Courses => "courses",
            Table::TrainingRecords => "training_records",
            Table::TrainingRequirements => "training_requirements",
            Table::TrainingExemptions => "training_exemptions",
            Table::TrainingSessions => "training_sessions",
            Table::TrainingEnrolments => "training_enrolments",
            Table::Plans => "plans",
            Table::PlanSteps => "plan_steps",
            Table::PlanVersions => "plan_versions",
            Table::PlanRuns => "plan_runs",
            Table::RunEvents => "run_events",
            Table::KbCategories => "kb_categories",
            Table::Articles => "articles",
            Table::ArticleTags => "article_tags",
            Table::ArticleCases => "article_cases",
            Table::ArticleVersions => "article_versions",
            Table::ArticleReadRequests => "article_read_requests",
            Table::ArticleAcks => "article_acks",
            Table::QaScorecards => "qa_scorecards",
            Table::QaScorecardVersions => "qa_scorecard_versions",
            Table::QaEvaluations => "qa_evaluations",
            Table::CoachingNotes => "coaching_notes",
            Table::CoachingActions => "coaching_actions",
            Table::PlanContacts => "plan_contacts",
            Table::CommsTemplates => "comms_templates",
            Table::RunCases => "run_cases",
            Table::RunReviews => "run_reviews",
            Table::RunActionItems => "run_action_items",
            Table::ArticlePlanSteps => "article_plan_steps",
            Table::ArticleCourses => "article_courses",
            Table::ArticleImages => "article_images",
            Table::KpiTargets => "kpi_targets",
            Table::TrainingRecordFiles => "training_record_files",
        }
    }

    /// The data columns (besides `id` and the managed `created_at`, `updated_at`,
    /// `deleted_at`), each with its merge kind. Local tables' columns are registers that
    /// never leave the device.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::WorkspaceSettings => const { &[reg("organisation_name"), reg("time_zone"), reg("working_hours")] },
            Table::DevicePreferences => const { &[reg("language"), reg("theme"), reg("me_agent_id")] },
            Table::Customers => {
                const { &[reg("name"), reg("company"), reg("email"), reg("phone"), reg("tier"), reg("notes")] }
            }
            Table::Teams => const { &[reg("name"), reg("calendar_id")] },
            // `role` holds the id of a `roles` row ('' for none); `left_on` is empty while
            // the agent is active.
            Table::Agents => {
                const {
                    &[
                        reg("name"),
                        reg("email"),
                        reg("team_id"),
                        reg("role"),
                        reg("employee_id"),
                        reg("hired_on"),
                        reg("left_on"),
                    ]
                }
            }
            Table::Cases => {
                const {
                    &[
                        reg("ref"),
                        reg("title"),
                        reg("description"),
                        reg("customer_id"),
                        reg("channel"),
                        reg("category"),
                        reg("priority"),
                        reg("assignee_id"),
                        reg("team_id"),
                        // The case's id in the helpdesk it was imported from (import/), set at
                        // creation like `ref`.
                        reg("external_id"),
                        reg("journey_stage_id"),
                        // Facts of the timeline (cases/facts.rs).
                        derived("status"),
                        derived("escalation_department"),
                        derived("escalation_level"),
                        derived("escalation_reason"),
                        derived("root_cause"),
                        derived("resolution_summary"),
                        derived("first_response_at"),
                        derived("resolved_at"),
                        derived("callback_due_at"),
                        derived("callback_done_at"),
                        derived("callback_outcome"),
                        derived("csat"),
                        derived("nps"),
                        derived("satisfaction_comment"),
                        derived("handle_seconds"),
                        derived("last_event_at"),
                        // Of the tag rows.
                        derived("tags"),
                        // SLA caches for the queues (cases/service_level.rs), and the generated
                        // column over them.
                        derived("first_response_due_at"),
                        derived("resolution_due_at"),
                        derived("attention_due_at"),
                    ]
                }
            }
            Table::CaseEvents => const { &[event("case_id"), event("at"), event("kind"), event("data")] },
            // The id is made from (case, tag), so both are fixed at creation.
            Table::CaseTags => const { &[reg("case_id"), reg("tag"), set("present")] },
            Table::SlaPolicies => {
                const {
                    &[
                        reg("name"),
                        reg("priority"),
                        reg("tier"),
                        reg("category"),
                        reg("first_response_minutes"),
                        reg("resolution_minutes"),
                        reg("business_hours"),
                    ]
                }
            }
            Table::Holidays => const { &[reg("date"), reg("name"), reg("kind"), reg("works_as"), reg("calendar_id")] },
            Table::Calendars => const { &[reg("name"), reg("time_zone"), reg("working_hours")] },
            Table::SavedViews => const { &[reg("name"), reg("query")] },
            Table::ImportMappings => const { &[reg("source"), reg("mapping")] },
            // `key` names a built-in stage (translated while `name` is empty); a reorder
            // rewrites the moved stages' `position`; retiring is a flag, so cases keep theirs.
            Table::JourneyStages => const { &[reg("key"), reg("name"), reg("position"), reg("retired")] },
            Table::Feedback => {
                const {
                    &[
                        reg("received_on"),
                        reg("source"),
                        reg("sentiment"),
                        reg("customer_id"),
                        reg("journey_stage_id"),
                        reg("csat"),
                        reg("text"),
                    ]
                }
            }
            // As case tags: the id is made from (entry, theme); `present` is the element.
            Table::FeedbackThemes => const { &[reg("feedback_id"), reg("theme"), set("present")] },
            Table::Insights => {
                const {
                    &[
                        reg("title"),
                        reg("finding"),
                        reg("department"),
                        reg("requested_change"),
                        reg("status"),
                        reg("review_on"),
                    ]
                }
            }
            // The id is made from (insight, linked row): two devices linking the same case
            // make one row, and a link and an unlink made offline merge per element.
            Table::InsightEvidence => {
                const { &[reg("insight_id"), reg("case_id"), reg("feedback_id"), set("present")] }
            }
            // As journey stages: built-in roles are seeded with fixed ids and versions.
            Table::Roles => const { &[reg("key"), reg("name"), reg("position"), reg("retired")] },
            Table::Courses => {
                const {
                    &[
                        reg("title"),
                        reg("topic"),
                        reg("mode"),
                        reg("duration_minutes"),
                        reg("validity_months"),
                        reg("pass_mark"),
                    ]
                }
            }
            // A completion is a fact that happened: it travels whole and merges by union,
            // so two devices recording the same agent offline both keep theirs. Outcome
            // and expiry are derived from it and the course on every read (training/).
            // `session_id` names the session it was earned in (NULL: entered directly).
            Table::TrainingRecords => {
                const {
                    &[
                        event("agent_id"),
                        event("course_id"),
                        event("completed_on"),
                        event("score"),
                        event("session_id"),
                        event("issuer"),
                        event("note"),
                    ]
                }
            }
            // Values a person sets on a (role, course) pair whose row id is made from the
            // pair: two devices setting it offline write one row, the last writer winning.
            Table::TrainingRequirements => {
                const { &[reg("role_id"), reg("course_id"), reg("level"), reg("grace_days")] }
            }
            // As insight evidence: one row per (agent, course), a link and an unlink made
            // offline merging per element; the reason is a register.
            Table::TrainingExemptions => const { &[reg("agent_id"), reg("course_id"), reg("reason"), set("present")] },
            // Values a person sets. What a session amounts to (how many enrolled, attended,
            // passed) is derived from its enrolments and records, never stored.
            Table::TrainingSessions => {
                const { &[reg("course_id"), reg("held_on"), reg("trainer"), reg("place"), reg("capacity")] }
            }
            // As exemptions: the id is made from (session, agent), so two devices enrolling
            // offline both keep theirs and an enrolment and a withdrawal merge per element.
            // `attended` is a value a person sets in the attendance grid; the scores are
            // the training records the grid writes (events with `session_id`).
            Table::TrainingEnrolments => {
                const { &[reg("session_id"), reg("agent_id"), set("present"), reg("attended")] }
            }
            Table::Plans => {
                const {
                    &[
                        reg("title"),
                        reg("scenario"),
                        reg("severity"),
                        reg("owner"),
                        reg("review_days"),
                        reg("drill_days"),
                        reg("triggers"),
                        reg("thresholds"),
                    ]
                }
            }
            // `position` is a sortable key among the phase's steps (plans/position.rs): a
            // move rewrites only the moved step's key, so concurrent moves merge per step.
            Table::PlanSteps => {
                const {
                    &[
                        reg("plan_id"),
                        reg("phase"),
                        reg("position"),
                        reg("text"),
                        reg("owner_role"),
                        reg("offset_minutes"),
                        reg("required"),
                    ]
                }
            }
            // A published version is never edited: its content (the plan and its steps as
            // JSON) travels whole. Its number is derived from the order of publication.
            Table::PlanVersions => const { &[event("plan_id"), event("content")] },
            Table::PlanRuns => {
                const { &[event("plan_id"), event("version_id"), event("kind"), event("commander"), event("started_at")] }
            }
            // Ticks, skips and notes are events, so two supervisors ticking offline both
            // keep theirs; the checklist and the score are derived (plans/checklist.rs).
            Table::RunEvents => {
                const { &[event("run_id"), event("at"), event("kind"), event("step_id"), event("text")] }
            }
            Table::KbCategories => const { &[reg("name"), reg("parent_id")] },
            // The body is a register like any field, but a body that loses to a concurrent
            // edit is also kept as a conflict version (knowledge/versions.rs), so no text
            // is lost. `status` is set by publishing, archiving and restoring.
            Table::Articles => {
                const {
                    &[
                        reg("title"),
                        reg("body"),
                        reg("kind"),
                        reg("category_id"),
                        reg("owner"),
                        reg("status"),
                        reg("review_on"),
                    ]
                }
            }
            // As case tags: the id is made from (article, tag); `present` is the element.
            Table::ArticleTags => const { &[reg("article_id"), reg("tag"), set("present")] },
            // As insight evidence: the id is made from (article, case).
            Table::ArticleCases => const { &[reg("article_id"), reg("case_id"), set("present")] },
            // A snapshot with who and when, never edited: `kind` says whether it was
            // published or kept from a lost conflict.
            Table::ArticleVersions => {
                const { &[event("article_id"), event("kind"), event("title"), event("body"), event("author")] }
            }
            // A request that roles read a version: an event whose id is made from (version,
            // role), so asking twice, or on two devices, is one row. Never withdrawn: a
            // newer request supersedes it.
            Table::ArticleReadRequests => {
                const { &[event("article_id"), event("version_id"), event("role_id"), event("author")] }
            }
            // As article cases: the id is made from (article, step) and (article, course).
            Table::ArticlePlanSteps => const { &[reg("article_id"), reg("step_id"), set("present")] },
            Table::ArticleCourses => const { &[reg("article_id"), reg("course_id"), set("present")] },
            // An image pasted or picked in the editor: a fact that travels whole (its bytes
            // as base64 text, under the wire's value bound) and is never edited.
            Table::ArticleImages => const { &[event("article_id"), event("mime"), event("data")] },
            // An agent's acknowledgement of a version: an event whose id is made from
            // (version, agent), so a bulk entry after a briefing made on two devices merges
            // by union. Who is outstanding is derived (knowledge/acks.rs), never stored.
            Table::ArticleAcks => {
                const { &[event("article_id"), event("version_id"), event("agent_id"), event("acked_on"), event("author")] }
            }
            Table::QaScorecards => const { &[reg("name")] },
            // The whole list of weighted criteria as JSON: never edited (an edit is a new
            // version), so two devices cannot each change part of it.
            Table::QaScorecardVersions => const { &[event("scorecard_id"), event("criteria")] },
            // A score given is a fact: the ratings (JSON, never edited) travel with the
            // evaluation; the score is derived from them and the version (qa/score.rs).
            Table::QaEvaluations => {
                const {
                    &[
                        event("scorecard_id"),
                        event("version_id"),
                        event("agent_id"),
                        event("case_id"),
                        event("evaluator"),
                        event("evaluated_on"),
                        event("ratings"),
                        event("comment"),
                    ]
                }
            }
            // Values a supervisor writes and may correct. Whether a follow-up is due is
            // derived from the agent's later notes (coaching/), never stored.
            Table::CoachingNotes => {
                const {
                    &[
                        reg("agent_id"),
                        reg("held_on"),
                        reg("kind"),
                        reg("strengths"),
                        reg("improvements"),
                        reg("follow_up_on"),
                        reg("author"),
                    ]
                }
            }
            // `done_on` is set (and cleared) by a person ticking the action.
            Table::CoachingActions => const { &[reg("note_id"), reg("text"), reg("due_on"), reg("done_on")] },
            // A contact of a plan's call tree: values a person sets, ordered among the
            // plan's contacts by a sortable key as steps are. `backup_id` names another
            // contact of the same plan (NULL: none); a dangling one reads as none.
            Table::PlanContacts => {
                const {
                    &[
                        reg("plan_id"),
                        reg("position"),
                        reg("name"),
                        reg("role"),
                        reg("phone"),
                        reg("mobile"),
                        reg("email"),
                        reg("backup_id"),
                    ]
                }
            }
            // A communication template: values a person sets, one row each.
            Table::CommsTemplates => {
                const { &[reg("plan_id"), reg("position"), reg("kind"), reg("title"), reg("body")] }
            }
            // As article links: the id is made from (run, case); `present` is the element.
            Table::RunCases => const { &[reg("run_id"), reg("case_id"), set("present")] },
            // A run's review row (its id made from the run's): each field a value a person
            // writes and may correct, so the hot-wash and the findings merge one by one.
            Table::RunReviews => const { &[reg("run_id"), reg("hot_wash"), reg("went_well"), reg("went_wrong")] },
            // An action item: values a person sets; `done_on` is ticked and unticked.
            Table::RunActionItems => const { &[reg("run_id"), reg("text"), reg("owner"), reg("due_on"), reg("done_on")] },
            // A target a supervisor sets: the id is made from (scope, KPI), so the same
            // target set on two devices is one register; NULL value = cleared.
            Table::KpiTargets => const { &[reg("scope"), reg("scope_id"), reg("kpi"), reg("value")] },
            // A part of an attached certificate: a fact that travels whole and is never
            // edited, as article images (training/attachments.rs).
            Table::TrainingRecordFiles => {
                const {
                    &[
                        event("record_id"),
                        event("file_id"),
                        event("name"),
                        event("mime"),
                        event("size"),
                        event("part"),
                        event("parts"),
                        event("data"),
                    ]
                }
            }
        }
    }

    /// The column called `name`, managed columns included; `None` when unknown.
    pub fn column(self, name: &str) -> Option<Column> {
        match name {
            CREATED_AT => Some(if self.is_append_only() { event(CREATED_AT) } else { reg(CREATED_AT) }),
            UPDATED_AT => Some(derived(UPDATED_AT)),
            DELETED_AT => Some(if self.is_append_only() { event(DELETED_AT) } else { reg(DELETED_AT) }),
            _ => self.columns().iter().copied().find(|c| c.name == name),
        }
    }

    /// Whether changes are recorded for sync. Device preferences stay on the device: one
    /// supervisor switching to Chinese must not switch the whole team.
    pub fn is_synced(self) -> bool {
        !matches!(self, Table::DevicePreferences | Table::SavedViews | Table::ImportMappings)
    }

    /// Whether rows are only ever inserted (merged by union, never updated).
    pub fn is_append_only(self) -> bool {
        matches!(
            self,
            Table::CaseEvents
                | Table::TrainingRecords
                | Table::PlanVersions
                | Table::PlanRuns
                | Table::RunEvents
                | Table::ArticleVersions
                | Table::ArticleReadRequests
                | Table::ArticleAcks
                | Table::QaScorecardVersions
                | Table::QaEvaluations
                | Table::ArticleImages
                | Table::TrainingRecordFiles
        )
    }

    /// Values for the NOT NULL columns without a default, used when a synced row arrives
    /// before all of its columns have (a newer device's row, or a server that lost part of
    /// it): the row is created with these and the real values win as they come.
    pub fn placeholders(self) -> &'static [(&'static str, PlaceholderValue)] {
        use PlaceholderValue::{Empty, Now};
        match self {
            Table::Customers | Table::Teams | Table::Agents => &[("name", Empty)],
            Table::Cases => {
                &[("ref", Empty), ("title", Empty), ("channel", Empty), ("priority", Empty), ("status", Empty)]
            }
            Table::CaseEvents => &[("case_id", Empty), ("at", Now), ("kind", Empty), ("data", Empty)],
            Table::CaseTags => &[("case_id", Empty), ("tag", Empty)],
            Table::SlaPolicies => &[("name", Empty), ("priority", Empty)],
            Table::Holidays => &[("date", Empty)],
            Table::Calendars => &[("name", Empty), ("time_zone", Empty), ("working_hours", Empty)],
            Table::FeedbackThemes => &[("feedback_id", Empty), ("theme", Empty)],
            Table::InsightEvidence => &[("insight_id", Empty)],
            Table::TrainingRecords => &[("agent_id", Empty), ("course_id", Empty), ("completed_on", Empty)],
            Table::PlanVersions => &[("plan_id", Empty), ("content", Empty)],
            Table::PlanRuns => &[("plan_id", Empty), ("version_id", Empty), ("kind", Empty), ("started_at", Now)],
            Table::RunEvents => &[("run_id", Empty), ("at", Now), ("kind", Empty)],
            Table::ArticleVersions => &[("article_id", Empty), ("kind", Empty)],
            Table::ArticleReadRequests => &[("article_id", Empty), ("version_id", Empty), ("role_id", Empty)],
            Table::ArticleAcks => {
                &[("article_id", Empty), ("version_id", Empty), ("agent_id", Empty), ("acked_on", Empty)]
            }
            Table::QaScorecardVersions => &[("scorecard_id", Empty), ("criteria", Empty)],
            Table::QaEvaluations => &[
                ("scorecard_id", Empty),
                ("version_id", Empty),
                ("agent_id", Empty),
                ("evaluated_on", Empty),
                ("ratings", Empty),
            ],
            Table::ArticleImages => &[("article_id", Empty), ("mime", Empty), ("data", Empty)],
            Table::TrainingRecordFiles => {
                &[("record_id", Empty), ("file_id", Empty), ("name", Empty), ("mime", Empty), ("data", Empty)]
            }
            Table::WorkspaceSettings
            | Table::DevicePreferences
            | Table::SavedViews
            | Table::ImportMappings
            | Table::JourneyStages
            | Table::Feedback
            | Table::Insights
            | Table::Roles
            | Table::Courses
            | Table::TrainingRequirements
            | Table::TrainingExemptions
            | Table::TrainingSessions
            | Table::TrainingEnrolments
            | Table::Plans
            | Table::PlanSteps
            | Table::KbCategories
            | Table::Articles
            | Table::ArticleTags
            | Table::ArticleCases
            | Table::QaScorecards
            | Table::CoachingNotes
            | Table::CoachingActions
            | Table::PlanContacts
            | Table::CommsTemplates
            | Table::RunCases
            | Table::RunReviews
            | Table::RunActionItems
            | Table::ArticlePlanSteps
            | Table::ArticleCourses
            | Table::KpiTargets => &[],
        }
    }

    /// The row a row of this table belongs to, by the column naming it: a case's timeline
    /// and tags travel right after the case when a device publishes its state, so a new
    /// device receives each case whole, in one page.
    pub fn parent(self) -> Option<(Table, &'static str)> {
        match self {
            Table::CaseEvents | Table::CaseTags => Some((Table::Cases, "case_id")),
            Table::FeedbackThemes => Some((Table::Feedback, "feedback_id")),
            Table::InsightEvidence => Some((Table::Insights, "insight_id")),
            // An agent's history travels right after the agent.
            Table::TrainingRecords => Some((Table::Agents, "agent_id")),
            Table::TrainingExemptions => Some((Table::Agents, "agent_id")),
            // A session's enrolments travel right after the session.
            Table::TrainingEnrolments => Some((Table::TrainingSessions, "session_id")),
            // A plan's steps and versions travel with it; a run's events with the run (a
            // run is a root of its own: children are published one level deep).
            Table::PlanSteps | Table::PlanVersions | Table::PlanContacts | Table::CommsTemplates => {
                Some((Table::Plans, "plan_id"))
            }
            Table::RunEvents | Table::RunCases | Table::RunReviews | Table::RunActionItems => {
                Some((Table::PlanRuns, "run_id"))
            }
            Table::ArticleTags
            | Table::ArticleCases
            | Table::ArticleVersions
            | Table::ArticleReadRequests
            | Table::ArticleAcks
            | Table::ArticlePlanSteps
            | Table::ArticleCourses
            | Table::ArticleImages => Some((Table::Articles, "article_id")),
            Table::QaScorecardVersions => Some((Table::QaScorecards, "scorecard_id")),
            Table::CoachingActions => Some((Table::CoachingNotes, "note_id")),
            _ => None,
        }
    }

    /// Whether a migration seeds built-in rows with fixed ids and versions (node 0) on
    /// every device: such rows are not data until edited here (see [`edited_sql`]).
    pub fn has_built_ins(self) -> bool {
        matches!(self, Table::JourneyStages | Table::Roles)
    }

    /// Looks a table up by its SQL name (for change readers).
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.iter().copied().find(|t| t.name() == name)
    }
}

/// The version every device seeds built-in rows with (2026-01-01, node 0).
pub(crate) const SEEDED_VERSION: &str = "0001767225600000-0000-0000000000000000";

/// The SQL condition that row `s` of `table` (a table with built-in rows) was edited
/// here: a cell not at [`SEEDED_VERSION`].
pub(crate) fn edited_sql(table: Table) -> String {
    format!(
        "EXISTS (SELECT 1 FROM column_versions v WHERE v.tbl = '{}' AND v.row_id = s.id AND v.hlc <> '{SEEDED_VERSION}')",
        table.name()
    )
}

/// What a placeholder holds until the real value arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceholderValue {
    /// The empty string.
    Empty,
    /// The current time (for time columns that must parse).
    Now,
}

impl PlaceholderValue {
    /// The SQL value, given the transaction's time as text.
    pub fn value(self, now: &str) -> Value {
        match self {
            PlaceholderValue::Empty => Value::Text(String::new()),
            PlaceholderValue::Now => Value::Text(now.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_store;

    #[test]
    fn names_round_trip() {
        for t in Table::ALL {
            assert_eq!(Table::from_name(t.name()), Some(*t));
        }
        assert_eq!(Table::from_name("sqlite_master"), None);
    }

    #[test]
    fn managed_columns_are_never_data_columns() {
        for t in Table::ALL {
            for c in ["id", CREATED_AT, UPDATED_AT, DELETED_AT] {
                assert!(t.columns().iter().all(|col| col.name != c), "{} lists {c}", t.name());
            }
        }
    }

    /// Every column of every table in the real schema declares how it merges: a column
    /// added by a migration without a merge kind fails here, before it can sync wrongly.
    #[test]
    fn every_column_of_every_table_declares_its_merge_kind() {
        let (_dir, store, _) = temp_store();
        for t in Table::ALL {
            let mut stmt = store.conn().prepare("SELECT name FROM pragma_table_xinfo(?1)").unwrap();
            let sql_columns: Vec<String> =
                stmt.query_map([t.name()], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
            assert!(!sql_columns.is_empty(), "{} has no columns", t.name());
            for c in &sql_columns {
                if c == "id" {
                    continue;
                }
                assert!(t.column(c).is_some(), "{}.{c} declares no merge kind in store/schema.rs", t.name());
            }
            for c in t.columns() {
                assert!(sql_columns.iter().any(|s| s == c.name), "{}.{} is declared but not in SQL", t.name(), c.name);
            }
        }
    }

    /// A NULL cell that was never set is not published at sign-in (store/publish.rs): the
    /// receiving device creates the row without it, so the column must default to NULL
    /// there. A nullable synced column with another default fails here.
    #[test]
    fn every_nullable_synced_column_defaults_to_null() {
        let (_dir, store, _) = temp_store();
        for t in Table::ALL.iter().filter(|t| t.is_synced()) {
            let mut stmt =
                store.conn().prepare("SELECT name, \"notnull\", dflt_value FROM pragma_table_info(?1)").unwrap();
            let cols: Vec<(String, bool, Option<String>)> = stmt
                .query_map([t.name()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for (name, not_null, default) in cols {
                if !not_null {
                    assert!(
                        default.as_deref().is_none_or(|d| d.eq_ignore_ascii_case("NULL")),
                        "{}.{name} is nullable with default {default:?}",
                        t.name()
                    );
                }
            }
        }
    }

    #[test]
    fn only_synced_tables_have_set_or_event_columns_and_events_have_nothing_else() {
        for t in Table::ALL {
            for c in t.columns() {
                if !t.is_synced() {
                    assert_eq!(c.merge, Merge::Register, "{}.{}", t.name(), c.name);
                }
                assert_eq!(t.is_append_only(), c.merge == Merge::Event, "{}.{}", t.name(), c.name);
            }
        }
    }

    #[test]
    fn placeholders_name_known_columns() {
        for t in Table::ALL {
            for (c, _) in t.placeholders() {
                assert!(t.column(c).is_some(), "{}.{c}", t.name());
            }
        }
    }
}
