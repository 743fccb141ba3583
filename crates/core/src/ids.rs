//! Typed ids. Every synced row is keyed by a UUIDv7 (time-ordered, minted offline without
//! coordination); the newtypes keep a case id from being passed where a customer id is due.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub String);

        // No `Default`: a fresh random id is not a default value.
        #[allow(clippy::new_without_default)]
        impl $name {
            /// A new, unique, time-ordered id.
            pub fn new() -> Self {
                $name(uuid::Uuid::now_v7().to_string())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                String::column_result(v).map($name)
            }
        }
    };
}

id_type!(
    /// Id of a case.
    CaseId
);
id_type!(
    /// Id of a customer.
    CustomerId
);
id_type!(
    /// Id of an agent (a person the supervisor supervises).
    AgentId
);
id_type!(
    /// Id of a team.
    TeamId
);
id_type!(
    /// Id of a timeline event.
    EventId
);
id_type!(
    /// Id of an SLA policy.
    SlaPolicyId
);
id_type!(
    /// Id of a holiday or make-up working day.
    HolidayId
);
id_type!(
    /// Id of a business calendar (besides the workspace's).
    CalendarId
);
id_type!(
    /// Id of a saved list view.
    ViewId
);
id_type!(
    /// Id of a customer-journey stage.
    JourneyStageId
);
id_type!(
    /// Id of a feedback entry (a survey answer, focus-group note or comment).
    FeedbackId
);
id_type!(
    /// Id of an insight raised for another department.
    InsightId
);

id_type!(
    /// Id of a role agents hold (agent, team lead, …).
    RoleId
);
id_type!(
    /// Id of a training course.
    CourseId
);
id_type!(
    /// Id of a training record (one completion of a course by an agent).
    TrainingRecordId
);
id_type!(
    /// Id of a training session (a course held on a day by a trainer at a place).
    SessionId
);

id_type!(
    /// Id of a contingency plan.
    PlanId
);
id_type!(
    /// Id of a step of a contingency plan.
    PlanStepId
);
id_type!(
    /// Id of a published (frozen) version of a contingency plan.
    PlanVersionId
);
id_type!(
    /// Id of a run of a plan: a real incident, a drill or a tabletop exercise.
    PlanRunId
);
id_type!(
    /// Id of a contact of a plan's call tree.
    PlanContactId
);
id_type!(
    /// Id of a communication template of a plan.
    CommsTemplateId
);
id_type!(
    /// Id of one recorded action of a run (a tick, a skip, a note, a log entry, the close).
    RunEventId
);
id_type!(
    /// Id of an action item of a run's after-action review.
    RunActionItemId
);

id_type!(
    /// Id of a category of the knowledge base.
    KbCategoryId
);
id_type!(
    /// Id of a knowledge-base article.
    ArticleId
);
id_type!(
    /// Id of a version of an article (a publication or a text kept from a conflict).
    ArticleVersionId
);
id_type!(
    /// Id of an image stored with an article (`frontline-image:ID` in its Markdown).
    ArticleImageId
);

id_type!(
    /// Id of a QA scorecard.
    ScorecardId
);
id_type!(
    /// Id of a version of a QA scorecard's criteria (an evaluation keeps the one it used).
    ScorecardVersionId
);
id_type!(
    /// Id of a QA evaluation of an agent.
    EvaluationId
);

id_type!(
    /// Id of a coaching note (a one-to-one or feedback given to an agent).
    CoachingNoteId
);
id_type!(
    /// Id of an action agreed in a coaching conversation.
    CoachingActionId
);

/// Namespace of the ids of set elements ([`member_id`]).
const MEMBER_NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x6a1f_0b7e_52c4_4d0c_9a61_3f2e_8d45_b7c9);

/// The id of `element` in the set owned by row `owner` (a tag of a case): made from both,
/// so two devices adding the same element offline make the same row, not two.
pub fn member_id(owner: &str, element: &str) -> String {
    uuid::Uuid::new_v5(&MEMBER_NAMESPACE, format!("{owner}\n{element}").as_bytes()).to_string()
}

/// Registers `fl_member_id(owner, element)` for SQL (migrations build set rows with it).
pub(crate) fn register_sql(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "fl_member_id",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(member_id(&ctx.get::<String>(0)?, &ctx.get::<String>(1)?)),
    )
}

#[cfg(test)]
mod member_tests {
    use super::*;

    #[test]
    fn member_ids_depend_on_owner_and_element_only() {
        assert_eq!(member_id("case-1", "退款"), member_id("case-1", "退款"));
        assert_ne!(member_id("case-1", "a"), member_id("case-2", "a"));
        assert_eq!(member_id("c", "t").len(), 36);
    }
}
