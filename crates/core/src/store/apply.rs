//! Applying changes pulled from the server, inside the caller's [`WriteTx`].
//!
//! Per cell the shared rule [`frontline_sync::merge`] decides; an append-only row is
//! inserted once. Nothing applied here goes to the outbox: it came from the server. What
//! this version cannot store (a newer Frontline's table or column) is parked, never
//! dropped, and applied after an update. A row that breaks a local constraint (two cases
//! with one reference) is repaired by a deterministic local write that every device makes
//! alike, so one bad row never blocks the rest of a sync.

use frontline_sync::protocol::{Body, Change, ConflictNotice};
use frontline_sync::{Decision, Version};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

use super::schema::{CREATED_AT, DELETED_AT, Merge, Table, UPDATED_AT};
use super::statements::{Shape, rows_per_statement};
use super::versions;
use super::wire::{self, Arg};
use super::write::WriteTx;
use crate::time::to_db_text;
use crate::{Error, Result};

/// What applying a page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Cells and rows stored.
    pub applied: u32,
    /// Changes older than what this device holds (or already held).
    pub kept: u32,
    /// Changes this version has no table or column for, kept aside.
    pub parked: u32,
    /// Values of this device that lost to a concurrent edit (new conflicts).
    pub conflicts: u32,
}

impl std::ops::AddAssign for Applied {
    fn add_assign(&mut self, other: Applied) {
        self.applied += other.applied;
        self.kept += other.kept;
        self.parked += other.parked;
        self.conflicts += other.conflicts;
    }
}

impl WriteTx<'_> {
    /// Applies pulled `changes` and `notices`. Every stamp is observed by the clock first;
    /// one further ahead of this device's clock than the drift bound refuses the whole
    /// page ([`Error::ClockAhead`]), so a wrong clock elsewhere never drags ours along.
    pub fn apply_remote(&mut self, changes: &[Change], notices: &[ConflictNotice]) -> Result<Applied> {
        let now_ms = u64::try_from(self.now().timestamp_millis()).unwrap_or(0);
        for c in changes {
            self.clock.observe(c.hlc, now_ms).map_err(|e| match e {
                frontline_sync::ClockError::Drift { ahead_ms, .. } => Error::ClockAhead { ahead_ms },
                other => Error::Internal(other.to_string()),
            })?;
            self.clock_moved = true;
        }
        let mut out = Applied::default();
        self.reapply_parked(&mut out)?;
        // A page keeps a row's cells together: apply them as one row, with one read of its
        // versions and one write. Append-only rows are gathered and inserted many per
        // statement at the end: nothing before then reads them.
        let now = to_db_text(self.now());
        let mut rows = RowBatch::default();
        let mut start = 0;
        while start < changes.len() {
            let key = (&changes[start].table, &changes[start].row);
            let end = start + changes[start..].iter().take_while(|c| (&c.table, &c.row) == key).count();
            self.apply_row(&changes[start..end], &now, &mut rows, &mut out)?;
            start = end;
        }
        self.insert_rows_once(rows, &now, &mut out)?;
        for n in notices {
            out.conflicts += u32::from(self.record_notice(n)?);
        }
        Ok(out)
    }

    /// Applies the changes of one row (same table and row id); an append-only row goes
    /// into `rows`.
    fn apply_row<'a>(
        &mut self,
        cells: &'a [Change],
        now: &'a str,
        rows: &mut RowBatch<'a>,
        out: &mut Applied,
    ) -> Result<()> {
        let Some(table) = Table::from_name(&cells[0].table).filter(|t| t.is_synced()) else {
            return cells.iter().try_for_each(|c| self.park(c, out));
        };
        let id = cells[0].row.as_str();
        let mut taken: Vec<Taken<'a>> = Vec::new();
        // A row not stored yet has no versions to compare against (versions are only ever
        // written with their row): most rows of a first sync, spared a lookup each.
        let mut exists: Option<bool> = None;
        let mut held: Option<versions::RowVersions> = None;
        for c in cells {
            if c.check_shape().is_err() {
                // The server checks shapes too; such a change can only come from a broken
                // server, and storing it would help nobody.
                out.kept += 1;
                continue;
            }
            match &c.body {
                Body::Row { values } => {
                    if !table.is_append_only() {
                        out.kept += 1;
                        continue;
                    }
                    if values.keys().any(|k| table.column(k).is_none()) {
                        // A newer version's column: keep the whole row aside as well, so
                        // the update can fill it in; the known columns are stored now.
                        self.park(c, out)?;
                        out.parked -= 1;
                    }
                    let known: Vec<(&'static str, Arg<'a>)> = values
                        .iter()
                        .filter_map(|(k, v)| table.column(k).map(|col| (col.name, Arg::Wire(v))))
                        .collect();
                    self.held.adopt(table, id, &known);
                    rows.add(table, id, known, now);
                }
                Body::Cell { column, value } => {
                    let Some(col) = table.column(column) else {
                        self.park(c, out)?;
                        continue;
                    };
                    if !matches!(col.merge, Merge::Register | Merge::Set) {
                        // Derived here from what it derives from; an older device sending
                        // it is ignored.
                        out.kept += 1;
                        continue;
                    }
                    let versions = match &mut held {
                        Some(v) => v,
                        None => {
                            // A held row (store/held.rs) is here as far as sync goes:
                            // its versions are stored.
                            let stored = *exists
                                .get_or_insert(self.held.position(table, id).is_some() || self.row_exists(table, id)?);
                            held.insert(if stored {
                                versions::get_row(self.conn(), table, id)?
                            } else {
                                Default::default()
                            })
                        }
                    };
                    let current = versions.of(col.name);
                    let incoming = c.version();
                    let Decision::Take { loser } = frontline_sync::merge(current.as_ref(), &incoming) else {
                        out.kept += 1;
                        continue;
                    };
                    taken.push(Taken { col: col.name, value, version: incoming, merge: col.merge, loser });
                }
            }
        }
        if let Some(exists) = exists.filter(|_| !taken.is_empty()) {
            self.write_cells(table, id, exists, &taken, now, out)?;
        }
        Ok(())
    }

    /// Stores the cells that won, in one statement, with their versions; records this
    /// device's values that lost to a concurrent edit.
    fn write_cells(
        &mut self,
        table: Table,
        id: &str,
        exists: bool,
        taken: &[Taken<'_>],
        now: &str,
        out: &mut Applied,
    ) -> Result<()> {
        let me = self.node();
        // A held row came in this transaction: no value of this device is in it to lose.
        let held = if exists { self.held.position(table, id) } else { None };
        if exists && held.is_none() {
            for t in taken {
                if let Some(lost) = t.loser.filter(|l| l.hlc.node == me)
                    && t.merge == Merge::Register
                    && ![CREATED_AT, DELETED_AT].contains(&t.col)
                {
                    let mine: Value = self
                        .conn()
                        .prepare_cached(&format!("SELECT {} FROM {} WHERE id = ?1", t.col, table.name()))?
                        .query_row([id], |r| r.get(0))?;
                    // The same value written on both devices (a set element's owner and
                    // element, made from its id, when both added it) lost nothing.
                    if wire::from_wire(t.value) == mine {
                        continue;
                    }
                    out.conflicts +=
                        u32::from(record_conflict(self, table, id, t.col, &mine, lost.hlc, t.version.hlc)?);
                }
            }
        }
        let mut cols: Vec<(&'static str, Arg<'_>)> = taken.iter().map(|t| (t.col, Arg::Wire(t.value))).collect();
        match held {
            Some(at) => self.held.set(at, cols.into_iter().map(|(c, v)| (c, v.into_value())), now),
            None if exists => {
                let sql = self.statement(Shape::Update, table, cols.iter().map(|(c, _)| *c).collect());
                let args = [Arg::Text(id), Arg::Text(now)].into_iter().chain(cols.into_iter().map(|(_, v)| v));
                self.conn().prepare_cached(&sql)?.execute(rusqlite::params_from_iter(args))?;
            }
            None => {
                complete_new_row(table, &mut cols, now);
                if self.hooks.derive_on_insert.contains(&table) {
                    self.held.add(table, id, cols.into_iter().map(|(c, v)| (c, v.into_value())).collect(), now);
                } else {
                    self.insert_raw(table, id, cols, now)?;
                }
            }
        }
        // A new row's creating write gets one entry; cells of later writes their own.
        let creation = match (exists, creating_write(taken)) {
            (false, Some(v)) if versions::insert_received_row(self.conn(), table, id, &v)? => Some(v),
            _ => None,
        };
        let cells: Vec<(&str, &Version)> =
            taken.iter().filter(|t| Some(t.version) != creation).map(|t| (t.col, &t.version)).collect();
        versions::set_row(self.conn(), table, id, &cells)?;
        self.note_remote(table, id);
        out.applied += taken.len() as u32;
        Ok(())
    }

    fn row_exists(&self, table: Table, id: &str) -> Result<bool> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", table.name()))?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Inserts the gathered append-only rows, each unless it is already here: many rows
    /// per statement, one statement shape per table and set of columns.
    fn insert_rows_once(&mut self, batch: RowBatch, now: &str, out: &mut Applied) -> Result<()> {
        for ((table, cols), rows) in batch.rows {
            // What derives from a child row (a timeline entry) is its parent's: the
            // statement returns the parent of each row it inserted, to be noted directly.
            let noted = table.parent().map_or(table, |(parent, _)| parent);
            for chunk in rows.chunks(rows_per_statement(cols.len())) {
                let sql = self.statement(Shape::InsertNewRows(chunk.len()), table, cols.clone());
                let args = chunk.iter().flat_map(|(id, values)| {
                    [id as &dyn rusqlite::ToSql, &now as &dyn rusqlite::ToSql]
                        .into_iter()
                        .chain(values.iter().map(|v| v as &dyn rusqlite::ToSql))
                });
                let inserted: Vec<String> = self
                    .conn()
                    .prepare_cached(&sql)?
                    .query_map(rusqlite::params_from_iter(args), |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                out.applied += inserted.len() as u32;
                out.kept += (chunk.len() - inserted.len()) as u32;
                for id in &inserted {
                    self.note_remote(noted, id);
                }
            }
        }
        Ok(())
    }

    /// One INSERT of the given columns, `updated_at` set to `now`.
    fn insert_raw(&mut self, table: Table, id: &str, cols: Vec<(&'static str, Arg<'_>)>, now: &str) -> Result<()> {
        let sql = self.statement(Shape::Insert, table, cols.iter().map(|(c, _)| *c).collect());
        let args = [Arg::Text(id), Arg::Text(now)].into_iter().chain(cols.into_iter().map(|(_, v)| v));
        self.conn().prepare_cached(&sql)?.execute(rusqlite::params_from_iter(args))?;
        Ok(())
    }

    /// Keeps a change this version cannot store (its newest version per cell).
    fn park(&mut self, c: &Change, out: &mut Applied) -> Result<()> {
        let value = match &c.body {
            Body::Cell { value, .. } => wire::from_wire(value),
            Body::Row { values } => {
                Value::Text(serde_json::to_string(values).map_err(|e| Error::Internal(e.to_string()))?)
            }
        };
        self.conn()
            .prepare_cached(
                "INSERT INTO sync_parked (tbl, row_id, col, value, hlc, base) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (tbl, row_id, col) DO UPDATE SET value = excluded.value, hlc = excluded.hlc,
                     base = excluded.base WHERE excluded.hlc > sync_parked.hlc",
            )?
            .execute(rusqlite::params![
                c.table,
                c.row,
                c.column(),
                value,
                c.hlc.to_string(),
                c.base.map(|b| b.to_string())
            ])?;
        out.parked += 1;
        Ok(())
    }

    /// Applies parked changes this version now knows (after an update), and forgets them.
    fn reapply_parked(&mut self, out: &mut Applied) -> Result<()> {
        let parked: Vec<(String, String, String, Value, String, Option<String>)> = {
            let mut stmt = self.conn().prepare_cached("SELECT tbl, row_id, col, value, hlc, base FROM sync_parked")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
                .collect::<Result<_, _>>()?
        };
        for (tbl, row, col, value, hlc, base) in parked {
            let Some(table) = Table::from_name(&tbl).filter(|t| t.is_synced()) else { continue };
            let body = if col.is_empty() {
                let Value::Text(json) = &value else { continue };
                let Ok(values) = serde_json::from_str(json) else { continue };
                Body::Row { values }
            } else {
                if table.column(&col).is_none() {
                    continue;
                }
                Body::Cell { column: col.clone(), value: wire::to_wire(&value)? }
            };
            if col.is_empty()
                && let Body::Row { values } = &body
                && values.keys().any(|k| table.column(k).is_none())
            {
                continue;
            }
            self.conn()
                .prepare_cached("DELETE FROM sync_parked WHERE tbl = ?1 AND row_id = ?2 AND col = ?3")?
                .execute(rusqlite::params![tbl, row, col])?;
            let change = Change {
                table: tbl,
                row,
                hlc: versions::parse(&hlc)?,
                base: base.as_deref().map(versions::parse).transpose()?,
                body,
            };
            if col.is_empty() {
                // Its known columns were stored when it first came; fill in the rest.
                self.fill_row(table, &change)?;
                out.applied += 1;
            } else {
                let now = to_db_text(self.now());
                let mut rows = RowBatch::default();
                self.apply_row(std::slice::from_ref(&change), &now, &mut rows, out)?;
                self.insert_rows_once(rows, &now, out)?;
            }
        }
        Ok(())
    }

    /// Sets the columns of an already stored append-only row that it arrived without.
    fn fill_row(&mut self, table: Table, c: &Change) -> Result<()> {
        let Body::Row { values } = &c.body else { return Ok(()) };
        for (k, v) in values {
            if let Some(col) = table.column(k).filter(|col| col.merge == Merge::Event) {
                self.conn()
                    .prepare_cached(&format!("UPDATE {} SET {} = ?2 WHERE id = ?1", table.name(), col.name))?
                    .execute(rusqlite::params![c.row, wire::from_wire(v)])?;
            }
        }
        self.note_remote(table, &c.row);
        Ok(())
    }

    /// Records a server's notice that a value of this device lost; false when known or
    /// not worth a question (a set element, an unknown column).
    fn record_notice(&mut self, n: &ConflictNotice) -> Result<bool> {
        let Some(table) = Table::from_name(&n.table) else { return Ok(false) };
        let Some(col) = table.column(&n.column).filter(|c| c.merge == Merge::Register) else {
            return Ok(false);
        };
        if n.hlc.node != self.node() || [CREATED_AT, DELETED_AT].contains(&col.name) {
            return Ok(false);
        }
        let recorded = record_conflict(self, table, &n.row, col.name, &wire::from_wire(&n.value), n.hlc, n.winner)?;
        // What derives from a lost value (an article's conflict versions) follows.
        if recorded {
            self.note_remote(table, &n.row);
        }
        Ok(recorded)
    }
}

/// A register or set cell that won, to be stored.
struct Taken<'a> {
    col: &'static str,
    value: &'a frontline_sync::protocol::Value,
    version: Version,
    merge: Merge,
    /// This device's version it beat concurrently, if any.
    loser: Option<Version>,
}

/// The version of the write elsewhere that created a new row (a row minted there,
/// versions.rs), if the row arrived with it: two cells or more at the stamp of its
/// `created_at`, without a base. Cells of later writes, in the same page, have stamps of
/// their own. A row inserted cell by cell gets a stamp per cell, so it never qualifies;
/// nor does a later edit, which never writes `created_at`.
fn creating_write(taken: &[Taken<'_>]) -> Option<Version> {
    let created = taken.iter().find(|t| t.col == CREATED_AT)?.version;
    let cells = taken.iter().filter(|t| t.version == created).count();
    (created.base.is_none() && cells >= 2).then_some(created)
}

/// Completes the columns of a row about to be created: `created_at` defaults to `now`,
/// and NOT NULL columns it arrived without get their placeholders.
fn complete_new_row<'a>(table: Table, cols: &mut Vec<(&'static str, Arg<'a>)>, now: &'a str) {
    if !cols.iter().any(|(c, _)| *c == CREATED_AT) {
        cols.push((CREATED_AT, Arg::Text(now)));
    }
    for (c, p) in table.placeholders() {
        if !cols.iter().any(|(k, _)| k == c) {
            cols.push((c, Arg::Owned(p.value(now))));
        }
    }
}

/// Append-only rows of a page waiting to be inserted, by table and column list, each
/// with its id and its values in that order.
#[derive(Default)]
struct RowBatch<'a> {
    rows: std::collections::BTreeMap<(Table, Vec<&'static str>), Vec<BatchedRow<'a>>>,
}

/// A row's id and its values, in its batch's column order.
type BatchedRow<'a> = (&'a str, Vec<Arg<'a>>);

impl<'a> RowBatch<'a> {
    /// Adds a row as it is stored (see [`complete_new_row`]); its `updated_at` is bound
    /// when it is inserted: now.
    fn add(&mut self, table: Table, id: &'a str, mut cols: Vec<(&'static str, Arg<'a>)>, now: &'a str) {
        cols.retain(|(c, _)| *c != UPDATED_AT);
        complete_new_row(table, &mut cols, now);
        let (names, values): (Vec<&'static str>, Vec<Arg<'a>>) = cols.into_iter().unzip();
        self.rows.entry((table, names)).or_default().push((id, values));
    }
}

/// Stores one lost value of this device; false when it was already known.
fn record_conflict(
    tx: &WriteTx<'_>,
    table: Table,
    id: &str,
    col: &str,
    mine: &Value,
    mine_hlc: frontline_sync::Hlc,
    theirs_hlc: frontline_sync::Hlc,
) -> Result<bool> {
    let n = tx
        .conn()
        .prepare_cached(
            "INSERT INTO sync_conflicts (kind, tbl, row_id, col, mine, mine_hlc, theirs_hlc, found_at)
             VALUES ('value', ?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
        )?
        .execute(rusqlite::params![
            table.name(),
            id,
            col,
            mine,
            mine_hlc.to_string(),
            theirs_hlc.to_string(),
            to_db_text(tx.now())
        ])?;
    Ok(n == 1)
}
