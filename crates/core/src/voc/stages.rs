//! The team's customer-journey stages: an ordered list the team edits in Settings (add,
//! rename, reorder, retire), stored as synced rows — one per stage, each column a
//! register — not as a JSON list two devices would overwrite wholesale.
//!
//! The seven built-in stages (awareness … cancellation) are made by the migration with
//! ids derived from their keys, so every device has the same rows; while its `name` is
//! empty a built-in stage shows its translated default name. A retired stage stays on the
//! cases that have it (and in the pain-point view) but is offered for no new choice.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::JourneyStageId;
use crate::input::{TextRule, check_count, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// Keys of the built-in stages, in journey order.
pub const BUILT_IN: [&str; 7] = ["awareness", "purchase", "onboarding", "use", "billing", "renewal", "cancellation"];
/// Most stages a team keeps (retired ones included).
pub const MAX_STAGES: usize = 30;

/// The SQL condition that stage row `s` was edited here: a cell not at the version the
/// built-in stages are seeded with on every device (2026-01-01, node 0; the migration that
/// made them).
pub(crate) const EDITED: &str = "EXISTS (SELECT 1 FROM column_versions v
    WHERE v.tbl = 'journey_stages' AND v.row_id = s.id AND v.hlc <> '0001767225600000-0000-0000000000000000')";

/// Removes stage `id` if it is a built-in one this device never edited, so a JSON import
/// (into a database that is empty but for them) can write the file's row in its place.
pub(crate) fn drop_unedited_built_in(conn: &rusqlite::Connection, id: &str) -> Result<()> {
    let unedited: bool = conn
        .prepare_cached(&format!("SELECT NOT {EDITED} FROM journey_stages s WHERE s.id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if unedited {
        conn.execute("DELETE FROM column_versions WHERE tbl = 'journey_stages' AND row_id = ?1", [id])?;
        conn.execute("DELETE FROM journey_stages WHERE id = ?1", [id])?;
    }
    Ok(())
}
const NAME: TextRule = TextRule::line("name", 60, true);

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
        if self.name.is_empty() { self.key.as_deref().unwrap_or("") } else { &self.name }
    }
}

/// The id of built-in stage `key` (the same on every device).
pub fn built_in_id(key: &str) -> JourneyStageId {
    JourneyStageId(crate::ids::member_id(Table::JourneyStages.name(), key))
}

/// Every stage in journey order, retired ones included.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<JourneyStage>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, key, name, position, retired FROM journey_stages WHERE deleted_at IS NULL ORDER BY position, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let key: String = r.get(1)?;
        Ok(JourneyStage {
            id: r.get(0)?,
            key: Some(key).filter(|k| !k.is_empty()),
            name: r.get(2)?,
            position: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
            retired: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a stage at the end of the journey. Errors: an empty or over-long name, a name
/// another live stage has (`Duplicate`), more than [`MAX_STAGES`] stages (`TooMany`).
pub fn create(tx: &mut WriteTx<'_>, name: &str) -> Result<JourneyStageId> {
    let name = NAME.check(name)?;
    let stages = list(tx.conn())?;
    check_count("stages", stages.len() + 1, MAX_STAGES)?;
    check_unique(&stages, &name, None)?;
    let id = JourneyStageId::new();
    let position = stages.iter().map(|s| s.position).max().unwrap_or(0) + 1;
    tx.upsert(
        Table::JourneyStages,
        id.as_str(),
        &[("name", Value::Text(name)), ("position", Value::Integer(i64::from(position)))],
    )?;
    Ok(id)
}

/// Renames a stage (a built-in one keeps its key).
pub fn rename(tx: &mut WriteTx<'_>, id: &JourneyStageId, name: &str) -> Result<()> {
    let name = NAME.check(name)?;
    let stages = list(tx.conn())?;
    find(&stages, id)?;
    check_unique(&stages, &name, Some(id))?;
    tx.upsert(Table::JourneyStages, id.as_str(), &[("name", Value::Text(name))])?;
    Ok(())
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
        tx.upsert(Table::JourneyStages, id.as_str(), &[("position", Value::Integer(i as i64 + 1))])?;
    }
    Ok(())
}

/// Retires a stage (or brings it back).
pub fn set_retired(tx: &mut WriteTx<'_>, id: &JourneyStageId, retired: bool) -> Result<()> {
    find(&list(tx.conn())?, id)?;
    tx.upsert(Table::JourneyStages, id.as_str(), &[("retired", Value::Integer(i64::from(retired)))])?;
    Ok(())
}

/// Checks a stage chosen for a case or a feedback entry: it must exist and, unless it is
/// the value already held (`current`), not be retired. Either failure is `InvalidValue`
/// on `journeyStageId`: the list the user chose from was out of date.
pub(crate) fn check_choice(
    conn: &rusqlite::Connection,
    stage: Option<&JourneyStageId>,
    current: Option<&JourneyStageId>,
) -> Result<()> {
    let Some(stage) = stage else { return Ok(()) };
    check_id("journeyStageId", stage.as_str())?;
    let retired: Option<bool> = conn
        .prepare_cached("SELECT retired FROM journey_stages WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([stage], |r| r.get(0))
        .optional()?;
    match retired {
        Some(false) => Ok(()),
        Some(true) if current == Some(stage) => Ok(()),
        _ => Err(Error::invalid("journeyStageId", ValidationRule::InvalidValue)),
    }
}

fn find<'a>(stages: &'a [JourneyStage], id: &JourneyStageId) -> Result<&'a JourneyStage> {
    stages.iter().find(|s| s.id == *id).ok_or_else(|| Error::NotFound { entity: "journey stage", id: id.to_string() })
}

/// A name equal (ignoring case) to another live stage's name, or to the key of a
/// built-in stage still shown by its default name, is a duplicate.
fn check_unique(stages: &[JourneyStage], name: &str, except: Option<&JourneyStageId>) -> Result<()> {
    let lower = name.to_lowercase();
    let clash = stages.iter().filter(|s| Some(&s.id) != except).any(|s| s.label().to_lowercase() == lower);
    if clash {
        return Err(Error::invalid("name", ValidationRule::Duplicate));
    }
    Ok(())
}
