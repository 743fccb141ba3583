//! Lists the team edits in Settings, kept as synced rows — one per entry, each column a
//! register — rather than one JSON list two devices would overwrite wholesale: the
//! customer-journey stages (voc/stages.rs) and the roles agents hold (people/roles.rs).
//!
//! An entry has a `key` when it is built in (made by a migration with an id derived from
//! the key and a fixed version, so every device has the same rows), a `name` (empty for a
//! built-in entry never renamed: the UI shows its translated default), a `position` and a
//! `retired` flag: a retired entry stays where it is used but is offered for no new choice.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use crate::input::{TextRule, check_count, check_id};
use crate::store::schema::edited_sql;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// One entry as stored.
pub(crate) struct Entry {
    pub id: String,
    pub key: Option<String>,
    pub name: String,
    pub position: u32,
    pub retired: bool,
}

impl Entry {
    /// The team's name, or the built-in key.
    fn label(&self) -> &str {
        if self.name.is_empty() {
            self.key.as_deref().unwrap_or("")
        } else {
            &self.name
        }
    }
}

/// One editable list: its table and how its errors name things.
pub(crate) struct EditableList {
    /// The table of its entries (columns `key`, `name`, `position`, `retired`).
    pub table: Table,
    /// What an entry is called in a `NotFound` error.
    pub entity: &'static str,
    /// The most entries it keeps (retired ones included), refused as `TooMany` on `count_field`.
    pub max: usize,
    /// The field a full list is reported on.
    pub count_field: &'static str,
    /// The rule of an entry's name.
    pub name: TextRule,
    /// The field a choice of an entry is reported on (a case's stage, an agent's role).
    pub choice_field: &'static str,
}

impl EditableList {
    /// The id of built-in entry `key` (the same on every device).
    pub fn built_in_id(&self, key: &str) -> String {
        crate::ids::member_id(self.table.name(), key)
    }

    /// Every entry in order, retired ones included.
    pub fn list(&self, conn: &rusqlite::Connection) -> Result<Vec<Entry>> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, key, name, position, retired FROM {} WHERE deleted_at IS NULL ORDER BY position, id",
            self.table.name()
        ))?;
        let rows = stmt.query_map([], |r| {
            let key: String = r.get(1)?;
            Ok(Entry {
                id: r.get(0)?,
                key: Some(key).filter(|k| !k.is_empty()),
                name: r.get(2)?,
                position: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                retired: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds an entry at the end. Errors: an empty or over-long name, a name another live
    /// entry has (`Duplicate`), a full list (`TooMany`).
    pub fn create(&self, tx: &mut WriteTx<'_>, name: &str) -> Result<String> {
        let name = self.name.check(name)?;
        let entries = self.list(tx.conn())?;
        check_count(self.count_field, entries.len() + 1, self.max)?;
        check_unique(&entries, &name, None, self.name.field)?;
        let id = uuid::Uuid::now_v7().to_string();
        let position = entries.iter().map(|s| s.position).max().unwrap_or(0) + 1;
        tx.upsert(
            self.table,
            &id,
            &[
                ("name", Value::Text(name)),
                ("position", Value::Integer(i64::from(position))),
            ],
        )?;
        Ok(id)
    }

    /// Renames an entry (a built-in one keeps its key).
    pub fn rename(&self, tx: &mut WriteTx<'_>, id: &str, name: &str) -> Result<()> {
        let name = self.name.check(name)?;
        let entries = self.list(tx.conn())?;
        self.find(&entries, id)?;
        check_unique(&entries, &name, Some(id), self.name.field)?;
        tx.upsert(self.table, id, &[("name", Value::Text(name))])?;
        Ok(())
    }

    /// Retires an entry (or brings it back).
    pub fn set_retired(&self, tx: &mut WriteTx<'_>, id: &str, retired: bool) -> Result<()> {
        self.find(&self.list(tx.conn())?, id)?;
        tx.upsert(
            self.table,
            id,
            &[("retired", Value::Integer(i64::from(retired)))],
        )?;
        Ok(())
    }

    /// Checks an entry chosen for a row: it must exist and, unless it is the value already
    /// held (`current`), not be retired. Either failure is `InvalidValue` on the choice
    /// field: the list the user chose from was out of date.
    pub fn check_choice(
        &self,
        conn: &rusqlite::Connection,
        chosen: Option<&str>,
        current: Option<&str>,
    ) -> Result<()> {
        let Some(chosen) = chosen else { return Ok(()) };
        check_id(self.choice_field, chosen)?;
        let retired: Option<bool> = conn
            .prepare_cached(&format!(
                "SELECT retired FROM {} WHERE id = ?1 AND deleted_at IS NULL",
                self.table.name()
            ))?
            .query_row([chosen], |r| r.get(0))
            .optional()?;
        match retired {
            Some(false) => Ok(()),
            Some(true) if current == Some(chosen) => Ok(()),
            _ => Err(Error::invalid(
                self.choice_field,
                ValidationRule::InvalidValue,
            )),
        }
    }

    fn find<'a>(&self, entries: &'a [Entry], id: &str) -> Result<&'a Entry> {
        entries
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::NotFound {
                entity: self.entity,
                id: id.to_owned(),
            })
    }
}

/// A name equal (ignoring case) to another live entry's name, or to the key of a built-in
/// entry still shown by its default name, is a duplicate.
fn check_unique(
    entries: &[Entry],
    name: &str,
    except: Option<&str>,
    field: &'static str,
) -> Result<()> {
    let lower = name.to_lowercase();
    if entries
        .iter()
        .filter(|s| Some(s.id.as_str()) != except)
        .any(|s| s.label().to_lowercase() == lower)
    {
        return Err(Error::invalid(field, ValidationRule::Duplicate));
    }
    Ok(())
}

/// Removes row `id` of `table` if it is a built-in one this device never edited, so a JSON
/// import (into a database that is empty but for them) can write the file's row in its
/// place.
pub(crate) fn drop_unedited_built_in(
    conn: &rusqlite::Connection,
    table: Table,
    id: &str,
) -> Result<()> {
    let name = table.name();
    let unedited: bool = conn
        .prepare_cached(&format!(
            "SELECT NOT {} FROM {name} s WHERE s.id = ?1",
            edited_sql(table)
        ))?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if unedited {
        conn.execute(
            "DELETE FROM column_versions WHERE tbl = ?1 AND row_id = ?2",
            [name, id],
        )?;
        conn.execute(&format!("DELETE FROM {name} WHERE id = ?1"), [id])?;
    }
    Ok(())
}
