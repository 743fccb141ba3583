//! A column mapping: which column of the file holds which of our fields, how its dates
//! and values read, and where the imported rows came from.
//!
//! A mapping is plain data (JSON in the CLI's `--mapping FILE`, the wire type of the app's
//! wizard, and what [`super::saved`] keeps per source). The layouts ([`super::layout`])
//! make the mapping of a Zendesk or Freshdesk export; for any other file the user makes
//! one, starting from [`super::layout::guess`].
//!
//! The file format, as `frontline-cli import --mapping FILE` reads it:
//!
//! ```json
//! {
//!   "source": "old-crm",
//!   "columns": { "externalId": "Ticket no.", "title": "Subject", "createdAt": "Opened",
//!                "status": "State", "priority": "Urgency", "customerEmail": "E-mail" },
//!   "dateOrder": "day_first",
//!   "timeZone": "Asia/Shanghai",
//!   "statuses": { "done": "resolved", "waiting": "pending_customer" },
//!   "priorities": { "urgent": "p1", "normal": "p3" },
//!   "channels": { "hotline": "phone" },
//!   "defaultPriority": "p3",
//!   "defaultChannel": "email",
//!   "tagSeparators": ",;"
//! }
//! ```
//!
//! `source` names where the rows come from: it is part of every imported case's external
//! id (`old-crm:4711`), so importing the same file again finds the cases it made. Column
//! names are the file's header cells (compared ignoring case and surrounding spaces);
//! `columns` keys are [`Field`]s. Value maps are keyed by the file's values, compared
//! ignoring case and surrounding spaces; their targets are our statuses (`new`, `open`,
//! `pending_customer`, `pending_internal`, `resolved`, `closed`), priorities (`p1`–`p4`)
//! and channels (`phone`, `email`, `chat`, `social`, `walk_in`). Every key but `source`
//! and `columns` may be left out.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dates::DateOrder;
use crate::cases::{CaseChannel, CaseStatus, Priority};
use crate::text_enum::text_enum;

text_enum! {
    /// One of our fields a column can fill.
    pub enum Field {
        /// The case's id in the other helpdesk (kept, so a re-import skips it).
        ExternalId = "externalId",
        /// Title (required).
        Title = "title",
        /// Description.
        Description = "description",
        /// Status (mapped through `statuses`).
        Status = "status",
        /// Priority (mapped through `priorities`).
        Priority = "priority",
        /// Channel (mapped through `channels`).
        Channel = "channel",
        /// Category.
        Category = "category",
        /// Tags, separated by `tagSeparators`.
        Tags = "tags",
        /// When the case was created (required).
        CreatedAt = "createdAt",
        /// When it was last updated (the time of its current status when nothing better
        /// is known).
        UpdatedAt = "updatedAt",
        /// When the customer first got an answer.
        FirstResponseAt = "firstResponseAt",
        /// Minutes from creation to the first answer (Zendesk's "First reply time in
        /// minutes").
        FirstResponseMinutes = "firstResponseMinutes",
        /// When it was resolved.
        ResolvedAt = "resolvedAt",
        /// When it was closed.
        ClosedAt = "closedAt",
        /// Root cause, for a resolved case.
        RootCause = "rootCause",
        /// What was done, for a resolved case.
        ResolutionSummary = "resolutionSummary",
        /// The customer's name.
        CustomerName = "customerName",
        /// The customer's e-mail (matches an existing customer first).
        CustomerEmail = "customerEmail",
        /// The customer's phone.
        CustomerPhone = "customerPhone",
        /// The customer's company.
        CustomerCompany = "customerCompany",
        /// The assigned agent, by name (made if new).
        Assignee = "assignee",
        /// The team, by name (made if new).
        Team = "team",
    }
}

impl Field {
    /// Fields a file must have a column for.
    pub const REQUIRED: &'static [Field] = &[Field::Title, Field::CreatedAt];
}

/// How a file's columns and values become cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ImportMapping {
    /// Where the rows come from (`zendesk`, `freshdesk`, or a name the user gives): the
    /// prefix of the external ids, and the key the mapping is saved under.
    pub source: String,
    /// Our field → the header of the column holding it.
    pub columns: BTreeMap<Field, String>,
    /// Which comes first in dates written with the year last.
    #[serde(default)]
    pub date_order: DateOrder,
    /// IANA time zone of times written without an offset; empty for the workspace's.
    #[serde(default)]
    pub time_zone: String,
    /// The file's status values → ours.
    #[serde(default)]
    pub statuses: BTreeMap<String, CaseStatus>,
    /// The file's priority values → ours.
    #[serde(default)]
    pub priorities: BTreeMap<String, Priority>,
    /// The file's channel values → ours.
    #[serde(default)]
    pub channels: BTreeMap<String, CaseChannel>,
    /// The priority of a row whose priority is empty.
    #[serde(default = "default_priority")]
    pub default_priority: Priority,
    /// The channel of a row whose channel is empty.
    #[serde(default = "default_channel")]
    pub default_channel: CaseChannel,
    /// Characters that separate tags (besides none: one tag per cell when empty); a space
    /// here splits on any white space.
    #[serde(default = "default_separators")]
    pub tag_separators: String,
}

fn default_priority() -> Priority {
    Priority::P3
}

fn default_channel() -> CaseChannel {
    CaseChannel::Email
}

fn default_separators() -> String {
    ",;，、".to_owned()
}

impl ImportMapping {
    /// An empty mapping for `source`.
    pub fn new(source: &str) -> ImportMapping {
        ImportMapping {
            source: source.to_owned(),
            columns: BTreeMap::new(),
            date_order: DateOrder::Unknown,
            time_zone: String::new(),
            statuses: BTreeMap::new(),
            priorities: BTreeMap::new(),
            channels: BTreeMap::new(),
            default_priority: default_priority(),
            default_channel: default_channel(),
            tag_separators: default_separators(),
        }
    }

    /// The value maps keyed the way they are looked up: trimmed and lower-cased.
    pub(crate) fn normalised(mut self) -> ImportMapping {
        fn norm<T>(m: BTreeMap<String, T>) -> BTreeMap<String, T> {
            m.into_iter().map(|(k, v)| (value_key(&k), v)).collect()
        }
        self.statuses = norm(self.statuses);
        self.priorities = norm(self.priorities);
        self.channels = norm(self.channels);
        self.source = self.source.trim().to_owned();
        self
    }
}

/// How a file's value is looked up in a value map: trimmed, lower-case.
pub fn value_key(v: &str) -> String {
    v.trim().to_lowercase()
}

/// How a header is compared with a mapping's column name: trimmed, lower-case, inner
/// white space as one space.
pub fn header_key(h: &str) -> String {
    h.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_file_format_reads() {
        let json = r#"{
          "source": "old-crm",
          "columns": { "externalId": "Ticket no.", "title": "Subject", "createdAt": "Opened",
                       "status": "State", "priority": "Urgency", "customerEmail": "E-mail" },
          "dateOrder": "day_first",
          "timeZone": "Asia/Shanghai",
          "statuses": { "Done": "resolved", "waiting": "pending_customer" },
          "priorities": { "urgent": "p1", "normal": "p3" },
          "channels": { "hotline": "phone" },
          "defaultPriority": "p3",
          "defaultChannel": "email",
          "tagSeparators": ",;"
        }"#;
        let m: ImportMapping = serde_json::from_str(json).unwrap();
        assert_eq!(m.columns[&Field::ExternalId], "Ticket no.");
        assert_eq!(m.date_order, DateOrder::DayFirst);
        let m = m.normalised();
        assert_eq!(m.statuses["done"], CaseStatus::Resolved);
        let minimal: ImportMapping =
            serde_json::from_str(r#"{"source":"x","columns":{"title":"T","createdAt":"C"}}"#).unwrap();
        assert_eq!(minimal.default_priority, Priority::P3);
        assert_eq!(minimal.tag_separators, ",;，、");
        assert!(serde_json::from_str::<ImportMapping>(r#"{"source":"x","columns":{"colour":"C"}}"#).is_err());
    }

    #[test]
    fn headers_compare_loosely() {
        assert_eq!(header_key("  Requester   email "), "requester email");
        assert_eq!(header_key("创建时间"), "创建时间");
    }
}
