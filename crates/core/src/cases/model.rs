//! The case and its parts, as stored and as the UI sees them.

use serde::{Deserialize, Serialize};

use crate::ids::{AgentId, CaseId, CustomerId, EventId, JourneyStageId, TeamId};
use crate::text_enum::text_enum;

text_enum! {
    /// Where a case is in its life. Allowed moves are in [`super::workflow`].
    pub enum CaseStatus {
        /// Logged, nobody has worked on it yet.
        New = "new",
        /// Being worked on.
        Open = "open",
        /// Waiting for the customer; the resolution SLA clock pauses.
        PendingCustomer = "pending_customer",
        /// Waiting for another department; the clock keeps running.
        PendingInternal = "pending_internal",
        /// Solved (root cause and resolution summary recorded).
        Resolved = "resolved",
        /// Done; only a reopen changes it.
        Closed = "closed",
    }
}

text_enum! {
    /// Urgency, P1 most urgent.
    pub enum Priority {
        /// Critical.
        P1 = "p1",
        /// High.
        P2 = "p2",
        /// Normal.
        P3 = "p3",
        /// Low.
        P4 = "p4",
    }
}

text_enum! {
    /// How the customer reached us.
    pub enum CaseChannel {
        /// Telephone.
        Phone = "phone",
        /// E-mail.
        Email = "email",
        /// Live chat.
        Chat = "chat",
        /// Social media.
        Social = "social",
        /// In person.
        WalkIn = "walk_in",
    }
}

text_enum! {
    /// Direction of a customer contact.
    pub enum Direction {
        /// We contacted the customer.
        Outbound = "outbound",
        /// The customer contacted us.
        Inbound = "inbound",
    }
}

/// An escalation to another department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Escalation {
    /// Department escalated to (e.g. "Billing", "Engineering").
    pub department: String,
    /// Level, 1 (team lead) to 3 (executive).
    pub level: u8,
    /// Why.
    pub reason: String,
}

/// Input of the quick-create form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct NewCase {
    /// Short summary.
    pub title: String,
    /// Details (may be empty).
    pub description: String,
    /// The customer, if known.
    pub customer_id: Option<CustomerId>,
    /// How the customer reached us.
    pub channel: CaseChannel,
    /// Free category (e.g. "Billing", "Delivery").
    pub category: String,
    /// Urgency.
    pub priority: Priority,
}

/// Fields of the full edit form (all replace the stored values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CaseEdit {
    /// Short summary.
    pub title: String,
    /// Details.
    pub description: String,
    /// The customer.
    pub customer_id: Option<CustomerId>,
    /// CaseChannel.
    pub channel: CaseChannel,
    /// Category.
    pub category: String,
    /// Urgency.
    pub priority: Priority,
}

/// The follow-up call (回访) after resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FollowUp {
    /// When the call-back is due.
    pub due_at: Option<String>,
    /// When it was done.
    pub done_at: Option<String>,
    /// What came of it.
    pub outcome: Option<String>,
}

/// The customer's satisfaction, recorded at the call-back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Satisfaction {
    /// CSAT, 1–5.
    pub csat: Option<u8>,
    /// NPS answer, 0–10.
    pub nps: Option<u8>,
    /// The customer's words.
    pub comment: Option<String>,
}

/// A case as the detail view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Case {
    /// Id.
    pub id: CaseId,
    /// Human-readable reference, unique across devices (see `reference.rs`).
    pub reference: String,
    /// Short summary.
    pub title: String,
    /// Details.
    pub description: String,
    /// The customer.
    pub customer_id: Option<CustomerId>,
    /// The customer's name (for display).
    pub customer_name: Option<String>,
    /// Whether the customer is VIP.
    pub customer_vip: bool,
    /// CaseChannel.
    pub channel: CaseChannel,
    /// Category.
    pub category: String,
    /// Urgency.
    pub priority: Priority,
    /// Status.
    pub status: CaseStatus,
    /// Assigned agent.
    pub assignee_id: Option<AgentId>,
    /// The agent's name.
    pub assignee_name: Option<String>,
    /// Assigned team.
    pub team_id: Option<TeamId>,
    /// The team's name.
    pub team_name: Option<String>,
    /// Current escalation, if escalated.
    pub escalation: Option<Escalation>,
    /// Tags, sorted.
    pub tags: Vec<String>,
    /// Root cause (required to resolve).
    pub root_cause: Option<String>,
    /// Resolution summary (required to resolve).
    pub resolution_summary: Option<String>,
    /// When we first responded.
    pub first_response_at: Option<String>,
    /// When it was (last) resolved.
    pub resolved_at: Option<String>,
    /// Call-back.
    pub follow_up: FollowUp,
    /// Satisfaction.
    pub satisfaction: Satisfaction,
    /// Total handle time of customer contacts, seconds.
    pub handle_seconds: u32,
    /// Created.
    pub created_at: String,
    /// Last changed.
    pub updated_at: String,
    /// Where in the customer's journey the case arose (`crate::voc::stages`).
    pub journey_stage_id: Option<JourneyStageId>,
}

/// One entry of a case's append-only timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CaseEvent {
    /// Id.
    pub id: EventId,
    /// When it happened.
    pub at: String,
    /// What happened.
    pub data: EventData,
}

/// What a timeline event records. Never edited: a correction is a new `Note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum EventData {
    /// The case was logged.
    Created {
        /// Priority at intake.
        priority: Priority,
        /// CaseChannel at intake.
        channel: CaseChannel,
    },
    /// A free note.
    Note {
        /// The text.
        text: String,
    },
    /// The status moved.
    StatusChanged {
        /// Before.
        from: CaseStatus,
        /// After.
        to: CaseStatus,
    },
    /// Assignment changed.
    Assigned {
        /// New agent (None: unassigned).
        assignee: Option<String>,
        /// New team.
        team: Option<String>,
    },
    /// Escalated (or escalation changed).
    Escalated {
        /// To where, how high, why.
        escalation: Escalation,
    },
    /// Escalation withdrawn.
    DeEscalated {
        /// Why.
        reason: String,
    },
    /// Tags added or removed.
    TagsChanged {
        /// Added.
        added: Vec<String>,
        /// Removed.
        removed: Vec<String>,
    },
    /// Fields edited (names of the fields).
    Edited {
        /// Which fields.
        fields: Vec<String>,
    },
    /// A contact with the customer (phone call, e-mail, chat).
    CustomerContact {
        /// How.
        channel: CaseChannel,
        /// Who contacted whom.
        direction: Direction,
        /// What was said.
        summary: String,
        /// Handle time, seconds.
        handle_seconds: u32,
    },
    /// Resolved, with what was found and done.
    Resolved {
        /// Root cause.
        root_cause: String,
        /// What was done.
        resolution_summary: String,
    },
    /// A call-back was scheduled.
    CallbackScheduled {
        /// Due.
        due_at: String,
    },
    /// The call-back was made.
    CallbackRecorded {
        /// What came of it.
        outcome: String,
        /// CSAT 1–5.
        csat: Option<u8>,
        /// NPS 0–10.
        nps: Option<u8>,
        /// The customer's words.
        comment: Option<String>,
    },
    /// The reference changed: two devices had given two cases the same one before they
    /// synced, and this case (the later id) took a distinct one.
    ReferenceChanged {
        /// The reference it had.
        from: String,
        /// The reference it has now.
        to: String,
    },
}
