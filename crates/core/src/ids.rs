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
    /// Id of a holiday.
    HolidayId
);
id_type!(
    /// Id of a saved list view.
    ViewId
);
