//! The team's customer-journey stages: an ordered list the team edits in Settings (add,
//! rename, reorder, retire), kept as an editable list of synced rows (lists.rs).
//!
//! The seven built-in stages (awareness … cancellation) are made by the migration with
//! ids derived from their keys, so every device has the same rows; while its `name` is
//! empty a built-in stage shows its translated default name. A retired stage stays on the
//! cases that have it (and in the pain-point view) but is offered for no new choice.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::JourneyStageId;
use crate::input::{TextRule, check_count};
use crate::lists::{EditableList, Entry};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// Keys of the built-in stages, in journey order.
pub const BUILT_IN: [&str; 7] = [
    "awareness",
    "purchase",
    "onboarding",
    "use",
    "billing",
    "renewal",
    "cancellation",
];
/// Most stages a team keeps (retired ones included).
pub const MAX_STAGES: usize = 30;

const STAGES: EditableList = EditableList {
    table: Table::JourneyStages,
    entity: "journey stage",
    max: MAX_STAGES,
    count_field: "stages",
    name: TextRule::line("name", 60, true),
    choice_field: "journeyStageId",
};

/// One stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct JourneyStage {
    /// Id.
    pub id: JourneyStageId,
    /// The built-in stage it is (e.g. "billing"), `None` for one the team added.
    pub key: Option<String>,
    /// The name the team gave it; empty for a built-in stage never renamed (the UI shows
    /// the translated default).
    pub name: String,
    /// Place in the journey, 1 first.
    pub position: u32,
    /// Offered for no new choice; kept where used.
    pub retired: bool,
}

impl JourneyStage {
    /// The name to show where no translation is at hand (CLI, exports): the team's name,
    /// or the built-in key.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            self.key.as_deref().unwrap_or("")
        } else {
            &self.name
        }
    }
}

impl From<Entry> for JourneyStage {
    fn from(e: Entry) -> Self {
        JourneyStage {
            id: JourneyStageId(e.id),
            key: e.key,
            name: e.name,
            position: e.position,
            retired: e.retired,
        }
    }
}

/// The id of built-in stage `key` (the same on every device).
pub fn built_in_id(key: &str) -> JourneyStageId {
    JourneyStageId(STAGES.built_in_id(key))
}

/// Every stage in journey order, retired ones included.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<JourneyStage>> {
    Ok(STAGES
        .list(conn)?
        .into_iter()
        .map(JourneyStage::from)
        .collect())
}

/// Adds a stage at the end of the journey. Errors: an empty or over-long name, a name
/// another live stage has (`Duplicate`), more than [`MAX_STAGES`] stages (`TooMany`).
pub fn create(tx: &mut WriteTx<'_>, name: &str) -> Result<JourneyStageId> {
    STAGES.create(tx, name).map(JourneyStageId)
}

/// Renames a stage (a built-in one keeps its key).
pub fn rename(tx: &mut WriteTx<'_>, id: &JourneyStageId, name: &str) -> Result<()> {
    STAGES.rename(tx, id.as_str(), name)
}

/// Puts the stages in the order of `ids`, which must name every stage once
/// (`InvalidValue` on `ids` otherwise). Each stage's position is its own register, so
/// only the stages that moved are written.
pub fn reorder(tx: &mut WriteTx<'_>, ids: &[JourneyStageId]) -> Result<()> {
    check_count("ids", ids.len(), MAX_STAGES)?;
    let stages = list(tx.conn())?;
    let mut given: Vec<&JourneyStageId> = ids.iter().collect();
    given.sort();
    given.dedup();
    let mut known: Vec<&JourneyStageId> = stages.iter().map(|s| &s.id).collect();
    known.sort();
    if given != known || given.len() != ids.len() {
        return Err(Error::invalid("ids", ValidationRule::InvalidValue));
    }
    for (i, id) in ids.iter().enumerate() {
        tx.upsert(
            Table::JourneyStages,
            id.as_str(),
            &[("position", Value::Integer(i as i64 + 1))],
        )?;
    }
    Ok(())
}

/// Retires a stage (or brings it back).
pub fn set_retired(tx: &mut WriteTx<'_>, id: &JourneyStageId, retired: bool) -> Result<()> {
    STAGES.set_retired(tx, id.as_str(), retired)
}

/// Checks a stage chosen for a case or a feedback entry: it must exist and, unless it is
/// the value already held (`current`), not be retired. Either failure is `InvalidValue`
/// on `journeyStageId`: the list the user chose from was out of date.
pub(crate) fn check_choice(
    conn: &rusqlite::Connection,
    stage: Option<&JourneyStageId>,
    current: Option<&JourneyStageId>,
) -> Result<()> {
    STAGES.check_choice(
        conn,
        stage.map(JourneyStageId::as_str),
        current.map(JourneyStageId::as_str),
    )
}
