//! The compile-time schema of the synced and local tables.
//!
//! The write path accepts table and column names only from here, so no SQL is ever built
//! from input, and sync can rely on one list of what each table holds.

/// A table written through the write path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// SLA targets per priority (optionally per tier and category).
    SlaPolicies,
    /// Days the team does not work.
    Holidays,
    /// Saved list views of this device; never synced.
    SavedViews,
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
        Table::SlaPolicies,
        Table::Holidays,
        Table::SavedViews,
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
            Table::SlaPolicies => "sla_policies",
            Table::Holidays => "holidays",
            Table::SavedViews => "saved_views",
        }
    }

    /// The data columns the write path may set (besides `id` and the timestamps it manages).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::WorkspaceSettings => &["organisation_name", "time_zone", "working_hours"],
            Table::DevicePreferences => &["language", "theme", "me_agent_id"],
            Table::Customers => &["name", "company", "email", "phone", "tier", "notes"],
            Table::Teams => &["name"],
            Table::Agents => &["name", "email", "team_id", "role"],
            Table::Cases => &[
                "ref",
                "title",
                "description",
                "customer_id",
                "channel",
                "category",
                "priority",
                "status",
                "assignee_id",
                "team_id",
                "escalation_department",
                "escalation_level",
                "escalation_reason",
                "tags",
                "root_cause",
                "resolution_summary",
                "first_response_at",
                "resolved_at",
                "callback_due_at",
                "callback_done_at",
                "callback_outcome",
                "csat",
                "nps",
                "satisfaction_comment",
                "handle_seconds",
                "first_response_due_at",
                "resolution_due_at",
            ],
            Table::CaseEvents => &["case_id", "at", "kind", "data"],
            Table::SlaPolicies => &[
                "name",
                "priority",
                "tier",
                "category",
                "first_response_minutes",
                "resolution_minutes",
                "business_hours",
            ],
            Table::Holidays => &["date", "name"],
            Table::SavedViews => &["name", "query"],
        }
    }

    /// Whether changes are recorded in the outbox for sync. Device preferences stay on the
    /// device: one supervisor switching to Chinese must not switch the whole team.
    pub fn is_synced(self) -> bool {
        !matches!(self, Table::DevicePreferences | Table::SavedViews)
    }

    /// Whether rows are only ever inserted (merged by union, never updated).
    pub fn is_append_only(self) -> bool {
        matches!(self, Table::CaseEvents)
    }

    /// Looks a table up by its SQL name (for change-log readers).
    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.iter().copied().find(|t| t.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            for c in ["id", "created_at", "updated_at", "deleted_at"] {
                assert!(!t.columns().contains(&c), "{} lists {c}", t.name());
            }
        }
    }
}
