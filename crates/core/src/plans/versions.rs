//! Published versions: publishing freezes the plan's content in an append-only row that
//! is never edited, so a run can always show the exact plan it followed. Editing the
//! plan afterwards makes it a draft again; whether it is one is derived by comparing the
//! draft with the latest version, never stored. Version numbers follow the order of
//! publication (two devices publishing offline get two versions, numbered alike on both).

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::plans::{self, PlanContent};
use crate::ids::{PlanId, PlanVersionId};
use crate::input::check_id;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// Whether a plan's current content is published.
    pub enum PlanStatus {
        /// Never published, or edited since the latest version.
        Draft = "draft",
        /// The same as its latest version.
        Published = "published",
    }
}

/// A published version, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary {
    /// Id.
    pub id: PlanVersionId,
    /// 1 for the first published, then 2, …
    pub number: u32,
    /// When it was published.
    pub published_at: String,
}

/// A plan's status given its draft and its latest version.
pub fn status(draft: &PlanContent, latest: Option<&PlanContent>) -> PlanStatus {
    if latest == Some(draft) { PlanStatus::Published } else { PlanStatus::Draft }
}

/// A stored version's content. Versions published before plans had contacts and
/// templates lack both: they read as having none.
fn parse(content: &str) -> Result<PlanContent> {
    let unreadable = |e: serde_json::Error| Error::Internal(format!("unreadable plan version: {e}"));
    let mut value: serde_json::Value = serde_json::from_str(content).map_err(unreadable)?;
    if let Some(map) = value.as_object_mut() {
        for key in ["contacts", "templates"] {
            map.entry(key).or_insert_with(|| serde_json::Value::Array(Vec::new()));
        }
    }
    serde_json::from_value(value).map_err(unreadable)
}

/// A plan's versions, the first published first.
pub fn list(conn: &rusqlite::Connection, plan: &PlanId) -> Result<Vec<VersionSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, created_at FROM plan_versions WHERE plan_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([plan], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut out = Vec::new();
    for (i, row) in rows.enumerate() {
        let (id, published_at) = row?;
        out.push(VersionSummary { id, number: i as u32 + 1, published_at });
    }
    Ok(out)
}

/// A plan's latest version and its content, if it was ever published.
pub fn latest(conn: &rusqlite::Connection, plan: &PlanId) -> Result<Option<(PlanVersionId, PlanContent)>> {
    let row: Option<(PlanVersionId, String)> = conn
        .prepare_cached(
            "SELECT id, content FROM plan_versions WHERE plan_id = ?1 AND deleted_at IS NULL
             ORDER BY created_at DESC, id DESC LIMIT 1",
        )?
        .query_row([plan], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(id, content)| Ok((id, parse(&content)?))).transpose()
}

/// One version's content; `NotFound` when there is none.
pub fn content(conn: &rusqlite::Connection, id: &PlanVersionId) -> Result<PlanContent> {
    check_id("versionId", id.as_str())?;
    let content: String = conn
        .prepare_cached("SELECT content FROM plan_versions WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "plan version", id: id.to_string() })?;
    parse(&content)
}

/// The plan a version belongs to; `NotFound` when there is no such version.
pub fn plan_of(conn: &rusqlite::Connection, id: &PlanVersionId) -> Result<PlanId> {
    check_id("versionId", id.as_str())?;
    conn.prepare_cached("SELECT plan_id FROM plan_versions WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "plan version", id: id.to_string() })
}

/// Publishes the plan as it is now; returns the version. Publishing an unchanged plan
/// returns its latest version and writes nothing. Errors (nothing written): an unknown
/// plan (`NotFound`), a plan without steps (`NoSteps` on `steps`).
pub fn publish(tx: &mut WriteTx<'_>, plan: &PlanId) -> Result<PlanVersionId> {
    let draft = plans::content(tx.conn(), plan)?;
    if draft.steps.is_empty() {
        return Err(Error::invalid("steps", ValidationRule::NoSteps));
    }
    if let Some((id, latest)) = latest(tx.conn(), plan)?
        && latest == draft
    {
        return Ok(id);
    }
    let content = serde_json::to_string(&draft).map_err(|e| Error::Internal(e.to_string()))?;
    let id = PlanVersionId::new();
    tx.insert(
        Table::PlanVersions,
        id.as_str(),
        &[("plan_id", Value::Text(plan.to_string())), ("content", Value::Text(content))],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::checklist::tests::step;
    use crate::plans::plans::{Phase, PlanInput, Scenario, Severity};

    fn content(title: &str) -> PlanContent {
        PlanContent {
            fields: PlanInput {
                title: title.into(),
                scenario: Scenario::SystemOutage,
                severity: Severity::High,
                owner: String::new(),
                review_days: 365,
                drill_days: 90,
                triggers: String::new(),
                thresholds: String::new(),
            },
            steps: vec![step("a", Phase::Response, 0, true)],
            contacts: vec![],
            templates: vec![],
        }
    }

    #[test]
    fn never_published_is_a_draft() {
        assert_eq!(status(&content("Outage"), None), PlanStatus::Draft);
    }

    #[test]
    fn the_same_as_the_latest_version_is_published_and_any_edit_makes_a_draft() {
        let v = content("Outage");
        assert_eq!(status(&v, Some(&v)), PlanStatus::Published);
        assert_eq!(status(&content("Outage 2"), Some(&v)), PlanStatus::Draft);
        let mut moved = v.clone();
        moved.steps[0].offset_minutes = 5;
        assert_eq!(status(&moved, Some(&v)), PlanStatus::Draft);
    }

    #[test]
    fn content_round_trips_through_its_stored_form() {
        let v = content("预案");
        assert_eq!(parse(&serde_json::to_string(&v).unwrap()).unwrap(), v);
    }

    #[test]
    fn a_version_published_before_contacts_and_templates_reads_with_none() {
        let v = content("Outage");
        let mut old: serde_json::Value = serde_json::to_value(&v).unwrap();
        let map = old.as_object_mut().unwrap();
        map.remove("contacts");
        map.remove("templates");
        assert_eq!(parse(&old.to_string()).unwrap(), v);
    }
}
