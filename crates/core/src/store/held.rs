//! New rows pulled from the server that are held back until the transaction's
//! derivations run, so each is inserted once, whole, with its derived columns.
//!
//! A case's derived columns (its facts, tags and due times) come from its timeline, which
//! arrives as rows of its own after the case. Inserted at once, a new case gets
//! placeholders and is then rewritten with everything the derivations work out: a first
//! sync of 100,000 cases wrote each case twice, and the second write, which moves every
//! index the derived columns are in, took a tenth of the applying thread. Held instead,
//! the row waits, in memory, for the rest of the transaction's pages; at
//! [`WriteTx::flush_derived`] the hooks fill in its derived columns from what is stored
//! by then ([`Hooks::derive_new`]) and it is inserted whole. Until then it is not in its
//! table: the reads of it in between are sync's own (is it stored, what are its
//! versions), which know of held rows, and the search triggers of its timeline entries,
//! which find no case and leave it to the bulk indexing a pull runs in
//! (`cases::search_index::deferred`), as for entries that arrive before their case.
//!
//! [`Hooks::derive_new`]: super::Hooks::derive_new

use std::collections::HashMap;

use frontline_sync::protocol;
use rusqlite::types::Value;

use super::schema::Table;
use super::statements::{Shape, rows_per_statement};
use super::wire::Arg;
use super::write::WriteTx;
use crate::Result;

/// A new row pulled from the server, held until it is inserted.
#[derive(Debug)]
pub struct HeldRow {
    /// Its id.
    pub id: String,
    /// Its columns as they will be stored (but `id` and `updated_at`); the hooks set the
    /// derived ones.
    pub cols: Vec<(&'static str, Value)>,
    /// Append-only rows of its children (its timeline entries) pulled after it in this
    /// transaction, as they came: copies, for the hooks to read without reading them back.
    /// They are stored too (or were already); children stored before it came are not here.
    pub children: Vec<HeldChild>,
    updated_at: String,
}

#[cfg(test)]
impl HeldRow {
    /// A row as the store holds it, for tests of the hooks.
    pub(crate) fn new(id: &str, cols: Vec<(&'static str, Value)>, children: Vec<HeldChild>) -> HeldRow {
        HeldRow { id: id.to_owned(), cols, children, updated_at: String::new() }
    }
}

/// An append-only child row of a held row (see [`HeldRow::children`]).
#[derive(Debug)]
pub struct HeldChild {
    /// Its table.
    pub table: Table,
    /// Its id.
    pub id: String,
    /// The columns it came with.
    pub cols: Vec<(&'static str, Value)>,
}

impl HeldChild {
    /// The value of column `col`, if the row came with it.
    pub fn get(&self, col: &str) -> Option<&Value> {
        value_of(&self.cols, col)
    }
}

fn value_of<'a>(cols: &'a [(&'static str, Value)], col: &str) -> Option<&'a Value> {
    cols.iter().find(|(c, _)| *c == col).map(|(_, v)| v)
}

impl HeldRow {
    /// Sets column `col` to `value`, whether or not the row has it yet.
    pub fn set(&mut self, col: &'static str, value: Value) {
        match self.cols.iter_mut().find(|(c, _)| *c == col) {
            Some((_, v)) => *v = value,
            None => self.cols.push((col, value)),
        }
    }

    /// The value of column `col`, if the row has it.
    pub fn get(&self, col: &str) -> Option<&Value> {
        value_of(&self.cols, col)
    }
}

/// The rows a transaction holds, in the order they arrived.
#[derive(Default)]
pub(super) struct Held {
    rows: Vec<(Table, HeldRow)>,
    /// Positions in `rows`, by table then id: looked up by `&str`, without an owned key.
    index: HashMap<Table, HashMap<String, usize>>,
}

impl Held {
    /// Where row `id` of `table` is held, if it is.
    pub(super) fn position(&self, table: Table, id: &str) -> Option<usize> {
        if self.rows.is_empty() {
            return None;
        }
        self.index.get(&table)?.get(id).copied()
    }

    /// Holds a new row, last changed at `updated_at`.
    pub(super) fn add(&mut self, table: Table, id: &str, cols: Vec<(&'static str, Value)>, updated_at: &str) {
        self.index.entry(table).or_default().insert(id.to_owned(), self.rows.len());
        self.rows.push((
            table,
            HeldRow { id: id.to_owned(), cols, children: Vec::new(), updated_at: updated_at.to_owned() },
        ));
    }

    /// Keeps a copy of append-only row `id` of `table`, as it came, with its parent if
    /// that is held.
    pub(super) fn adopt(&mut self, table: Table, id: &str, cols: &[(&'static str, Arg<'_>)]) {
        let Some((parent, col)) = table.parent() else { return };
        let Some((_, Arg::Wire(protocol::Value::Text(parent_id)))) = cols.iter().find(|(c, _)| *c == col) else {
            return;
        };
        if let Some(at) = self.position(parent, parent_id) {
            let cols = cols.iter().map(|(c, v)| (*c, v.to_value())).collect();
            self.rows[at].1.children.push(HeldChild { table, id: id.to_owned(), cols });
        }
    }

    /// Sets columns of the held row at `at`, changed at `updated_at`.
    pub(super) fn set(&mut self, at: usize, cols: impl IntoIterator<Item = (&'static str, Value)>, updated_at: &str) {
        let row = &mut self.rows[at].1;
        for (c, v) in cols {
            row.set(c, v);
        }
        updated_at.clone_into(&mut row.updated_at);
    }
}

/// Inserts held rows whose derived columns are set ([`super::Hooks::derive_new`]).
pub type InsertHeld<'a> = &'a mut dyn FnMut(&mut WriteTx<'_>, Vec<HeldRow>) -> Result<()>;

impl WriteTx<'_> {
    /// Inserts the held rows, table by table in the order they arrived, each with the
    /// derived columns the hooks worked out, and notes them as such for the derivations
    /// that follow ([`super::Changed::fresh`]).
    pub(super) fn insert_held(&mut self) -> Result<()> {
        let Held { rows, .. } = std::mem::take(&mut self.held);
        let mut by_table: Vec<(Table, Vec<HeldRow>)> = Vec::new();
        for (table, row) in rows {
            match by_table.iter_mut().find(|(t, _)| *t == table) {
                Some((_, rows)) => rows.push(row),
                None => by_table.push((table, vec![row])),
            }
        }
        for (table, rows) in by_table {
            (self.hooks.derive_new)(self, table, rows, &mut |tx, rows| tx.insert_derived(table, rows))?;
        }
        Ok(())
    }

    /// Inserts held `rows` of `table`, their derived columns set.
    fn insert_derived(&mut self, table: Table, rows: Vec<HeldRow>) -> Result<()> {
        // Many rows per statement (see statements.rs): a case's row touches a dozen
        // index pages.
        let mut rows = rows.into_iter().peekable();
        while let Some(first) = rows.next() {
            let cols: Vec<&'static str> = first.cols.iter().map(|(c, _)| *c).collect();
            let per_statement = rows_per_statement(cols.len());
            let mut batch = vec![first];
            while batch.len() < per_statement
                && let Some(next) = rows.next_if(|r| r.cols.iter().map(|(c, _)| *c).eq(cols.iter().copied()))
            {
                batch.push(next);
            }
            let sql = self.statement(Shape::InsertRows(batch.len()), table, cols);
            let mut ids = Vec::with_capacity(batch.len());
            let mut args = Vec::new();
            for row in batch {
                args.extend([Value::Text(row.id.clone()), Value::Text(row.updated_at)]);
                args.extend(row.cols.into_iter().map(|(_, v)| v));
                ids.push(row.id);
            }
            self.conn().prepare_cached(&sql)?.execute(rusqlite::params_from_iter(args))?;
            self.changed.fresh.entry(table).or_default().extend(ids);
        }
        Ok(())
    }
}
