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
}

/// Id of the single workspace-settings row. Fixed, so two devices that each create it
/// offline merge into one row instead of two.
pub const WORKSPACE_ROW: &str = "workspace";
/// Id of the single device-preferences row.
pub const DEVICE_ROW: &str = "device";

impl Table {
    /// Every table, for counts and checks.
    pub const ALL: &'static [Table] = &[Table::WorkspaceSettings, Table::DevicePreferences];

    /// The SQL name.
    pub fn name(self) -> &'static str {
        match self {
            Table::WorkspaceSettings => "workspace_settings",
            Table::DevicePreferences => "device_preferences",
        }
    }

    /// The data columns the write path may set (besides `id` and the timestamps it manages).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::WorkspaceSettings => &["organisation_name", "time_zone", "working_hours"],
            Table::DevicePreferences => &["language", "theme"],
        }
    }

    /// Whether changes are recorded in the outbox for sync. Device preferences stay on the
    /// device: one supervisor switching to Chinese must not switch the whole team.
    pub fn is_synced(self) -> bool {
        match self {
            Table::WorkspaceSettings => true,
            Table::DevicePreferences => false,
        }
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
