//! Conflicts: this device's edits that lost to a concurrent edit elsewhere, kept for the
//! supervisor to review instead of vanishing silently.
//!
//! A value conflict keeps the losing value. "Keep mine" writes it again — an ordinary
//! local edit, stamped now and based on the winner, so it wins everywhere without being
//! a conflict in its turn. "Accept theirs" just closes the question. Two SLA policies
//! for the same scope, created on two devices, are a conflict too: keeping one deletes
//! the other.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::CaseId;
use crate::store::{Merge, Store, Table, WriteTx};
use crate::time::to_db_text;
use crate::{Error, Result, ValidationRule, cases};

/// What kind of conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// One field edited on two devices; this device's value lost.
    Value,
    /// Two rows for the same thing (SLA policies for one scope).
    Duplicate,
}

/// One open conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// Id (local to this device).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub id: i64,
    /// Value or duplicate.
    pub kind: ConflictKind,
    /// The table (`cases`, `customers`, `sla_policies`, ...).
    pub table: String,
    /// The row.
    pub row_id: String,
    /// The column (camelCase, as the UI names fields); empty for a duplicate.
    pub field: String,
    /// What the row is, for people: a case's reference and title, a customer's name.
    pub label: String,
    /// This device's value (or, for a duplicate, this device's row's label).
    pub mine: Option<String>,
    /// The value that won (or the other row's label).
    pub theirs: Option<String>,
    /// When it was found (RFC 3339).
    pub found_at: String,
}

/// How the supervisor settled a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ConflictResolution {
    /// Write this device's value again (or keep this device's row).
    KeepMine,
    /// Keep what won (or the other device's row).
    AcceptTheirs,
}

/// Records two rows created for the same thing on two devices; false when known.
pub(crate) fn record_duplicate(
    tx: &WriteTx<'_>,
    table: Table,
    mine: &str,
    mine_hlc: &str,
    theirs: &str,
    theirs_hlc: &str,
) -> Result<bool> {
    let n = tx
        .conn()
        .prepare_cached(
            "INSERT INTO sync_conflicts (kind, tbl, row_id, col, mine, mine_hlc, theirs_hlc, other_row, found_at)
             VALUES ('duplicate', ?1, ?2, '', NULL, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        )?
        .execute(rusqlite::params![table.name(), mine, mine_hlc, theirs_hlc, theirs, to_db_text(tx.now())])?;
    Ok(n == 1)
}

/// Conflicts waiting for review.
pub fn open_count(conn: &rusqlite::Connection) -> Result<u64> {
    Ok(list(conn)?.len() as u64)
}

/// Every open conflict, newest first. A duplicate whose rows are no longer both there (one
/// was deleted, here or elsewhere) is settled and not listed.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Conflict>> {
    type Row = (i64, String, String, String, String, Value, Option<String>, String);
    let rows: Vec<Row> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id, kind, tbl, row_id, col, mine, other_row, found_at FROM sync_conflicts
             WHERE resolved_at IS NULL ORDER BY found_at DESC, id DESC",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))?
            .collect::<Result<_, _>>()?
    };
    let mut out = Vec::new();
    for (id, kind, tbl, row_id, col, mine, other, found_at) in rows {
        let Some(table) = Table::from_name(&tbl) else { continue };
        if kind == "duplicate" {
            let other = other.unwrap_or_default();
            let (Some(a), Some(b)) = (label(conn, table, &row_id)?, label(conn, table, &other)?) else { continue };
            out.push(Conflict {
                id,
                kind: ConflictKind::Duplicate,
                table: tbl,
                row_id,
                field: String::new(),
                label: a.clone(),
                mine: Some(a),
                theirs: Some(b),
                found_at,
            });
            continue;
        }
        let Some(column) = table.column(&col) else { continue };
        let Some(row_label) = label(conn, table, &row_id)? else { continue };
        let theirs: Option<Value> = conn
            .prepare(&format!("SELECT {} FROM {} WHERE id = ?1", column.name, table.name()))?
            .query_row([&row_id], |r| r.get(0))
            .optional()?;
        out.push(Conflict {
            id,
            kind: ConflictKind::Value,
            table: tbl,
            row_id,
            field: camel(&col),
            label: row_label,
            mine: display(&mine),
            theirs: theirs.as_ref().and_then(display),
            found_at,
        });
    }
    Ok(out)
}

/// Settles a conflict.
pub fn resolve(store: &mut Store, id: i64, how: ConflictResolution) -> Result<()> {
    store.write(|tx| {
        let row: Option<(String, String, String, String, Value, Option<String>)> = tx
            .conn()
            .prepare_cached(
                "SELECT kind, tbl, row_id, col, mine, other_row FROM sync_conflicts WHERE id = ?1 AND resolved_at IS NULL",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .optional()?;
        let (kind, tbl, row_id, col, mine, other) =
            row.ok_or_else(|| Error::NotFound { entity: "conflict", id: id.to_string() })?;
        let table = Table::from_name(&tbl).ok_or_else(|| Error::Internal(format!("conflict on unknown table {tbl}")))?;
        match (kind.as_str(), how) {
            ("duplicate", ConflictResolution::KeepMine) => {
                tx.delete(table, &other.unwrap_or_default())?;
            }
            ("duplicate", ConflictResolution::AcceptTheirs) => {
                tx.delete(table, &row_id)?;
            }
            (_, ConflictResolution::KeepMine) => keep_mine(tx, table, &row_id, &col, mine)?,
            (_, ConflictResolution::AcceptTheirs) => {}
        }
        let resolution = match how {
            ConflictResolution::KeepMine => "kept_mine",
            ConflictResolution::AcceptTheirs => "accepted_theirs",
        };
        tx.conn().execute(
            "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1",
            rusqlite::params![id, to_db_text(tx.now()), resolution],
        )?;
        Ok(())
    })
}

/// Writes this device's losing value again, as a new edit that wins.
fn keep_mine(tx: &mut WriteTx<'_>, table: Table, row_id: &str, col: &str, mine: Value) -> Result<()> {
    let column = table
        .columns()
        .iter()
        .find(|c| c.name == col && c.merge == Merge::Register)
        .ok_or(Error::invalid("field", ValidationRule::InvalidValue))?;
    if tx.upsert(table, row_id, &[(column.name, mine)])? > 0 && table == Table::Cases {
        cases::note_restored_field(tx, &CaseId(row_id.to_owned()), &camel(col))?;
    }
    Ok(())
}

/// What a row is called, for the conflicts list; `None` when the row is gone.
fn label(conn: &rusqlite::Connection, table: Table, id: &str) -> Result<Option<String>> {
    let sql = match table {
        Table::Cases => "SELECT ref || ' · ' || title FROM cases WHERE id = ?1 AND deleted_at IS NULL",
        Table::Customers | Table::Teams | Table::Agents | Table::SlaPolicies | Table::Holidays | Table::Calendars => {
            return Ok(conn
                .prepare(&format!(
                    "SELECT {} FROM {} WHERE id = ?1 AND deleted_at IS NULL",
                    if table == Table::Holidays { "date || ' ' || name" } else { "name" },
                    table.name()
                ))?
                .query_row([id], |r| r.get(0))
                .optional()?);
        }
        Table::JourneyStages => "SELECT coalesce(nullif(name, ''), key) FROM journey_stages WHERE id = ?1 AND deleted_at IS NULL",
        Table::Roles => "SELECT coalesce(nullif(name, ''), key) FROM roles WHERE id = ?1 AND deleted_at IS NULL",
        Table::Courses => "SELECT title FROM courses WHERE id = ?1 AND deleted_at IS NULL",
        Table::Plans => "SELECT title FROM plans WHERE id = ?1 AND deleted_at IS NULL",
        Table::PlanSteps => "SELECT substr(text, 1, 60) FROM plan_steps WHERE id = ?1 AND deleted_at IS NULL",
        Table::Feedback => "SELECT received_on || ' · ' || substr(text, 1, 60) FROM feedback WHERE id = ?1 AND deleted_at IS NULL",
        Table::Insights => "SELECT title FROM insights WHERE id = ?1 AND deleted_at IS NULL",
        Table::Articles => "SELECT title FROM articles WHERE id = ?1 AND deleted_at IS NULL",
        Table::KbCategories => "SELECT name FROM kb_categories WHERE id = ?1 AND deleted_at IS NULL",
        Table::WorkspaceSettings => return Ok(Some(String::new())),
        _ => return Ok(Some(id.to_owned())),
    };
    Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get(0)).optional()?)
}

fn display(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Text(t) => Some(t.clone()),
        Value::Blob(_) => None,
    }
}

/// `snake_case` column name as the camelCase field name the UI labels.
fn camel(col: &str) -> String {
    let mut out = String::with_capacity(col.len());
    let mut upper = false;
    for ch in col.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_become_the_fields_the_ui_labels() {
        assert_eq!(super::camel("customer_id"), "customerId");
        assert_eq!(super::camel("title"), "title");
        assert_eq!(super::camel("first_response_minutes"), "firstResponseMinutes");
    }
}
