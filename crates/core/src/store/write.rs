//! The one write path for every table in [`Table`].
//!
//! [`WriteTx::upsert`] compares the new values with the stored row and writes only the
//! columns that really changed. Each changed synced column gets a fresh HLC stamp and its
//! [`Version`] in `column_versions`; on a signed-in device it also goes to the `outbox`
//! — all in the same transaction as the data, so there is never data without its version
//! or a pushed change without its data. An append-only row ([`WriteTx::insert`]) is one
//! outbox record holding the whole row. Derived columns are written only through
//! [`WriteTx::set_derived`], which never versions or logs them.
//!
//! Rows whose changes feed derivations of *other* rows (settings, policies, a customer's
//! tier) are noted as touched; at commit the store's [`Hooks`] refresh what depends on
//! them, so no domain module has to remember which caches another one keeps. A local
//! action that keeps its own row's derived columns current as it goes (a case and its
//! timeline) notes the row as stale instead ([`WriteTx::note_stale`]): what derives from
//! it elsewhere follows once, at commit, however many events the transaction appended.

use std::any::{Any, TypeId};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use frontline_sync::{Clock, Version};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};

use super::held::Held;
use super::schema::{CREATED_AT, DELETED_AT, Merge, Table, UPDATED_AT};
use super::statements::{Shape, Statements};
use super::{Hooks, meta, set_meta};
use crate::time::to_db_text;
use crate::{Error, Result};

/// Rows changed in a transaction whose derivations must follow, by table.
pub type Touched = BTreeMap<Table, BTreeSet<String>>;

/// A new row for [`WriteTx::insert_all`]: its id, creation time and data columns.
pub(crate) type NewRow<'a> = (&'a str, DateTime<Utc>, Vec<(&'static str, Value)>);

/// What a transaction changed that derivations follow at commit.
#[derive(Debug, Default)]
pub struct Changed {
    /// Inputs of other rows' derived data: watched columns changed locally
    /// ([`Hooks::watch_local`]), and every row sync changed.
    pub touched: Touched,
    /// Rows a local action changed and kept its own derived columns current for
    /// ([`WriteTx::note_stale`]): only what derives from them elsewhere must follow.
    pub stale: Touched,
    /// New rows pulled from the server that were inserted whole, their derived columns
    /// worked out by [`Hooks::derive_new`] from what the transaction had stored by then
    /// (store/held.rs); also in `touched`. Only what derives from them elsewhere, and what
    /// any new row sets off, must follow.
    pub fresh: Touched,
}

impl Changed {
    fn is_empty(&self) -> bool {
        self.touched.is_empty() && self.stale.is_empty() && self.fresh.is_empty()
    }
}

/// An open write transaction with the clock that stamps its changes.
pub struct WriteTx<'conn> {
    tx: Transaction<'conn>,
    pub(super) clock: Clock,
    pub(super) clock_moved: bool,
    now: DateTime<Utc>,
    /// Whether changes go to the outbox (only on a device signed in to a server).
    pub(super) outbox: bool,
    /// Whether changes are versioned at all (not while demo data is written).
    versioned: bool,
    pub(super) hooks: &'static Hooks,
    pub(super) changed: Changed,
    /// Values computed from the transaction's data (see [`WriteTx::cached`]).
    caches: HashMap<TypeId, Rc<dyn Any>>,
    statements: Statements,
    /// New rows pulled from the server, inserted at [`WriteTx::flush_derived`].
    pub(super) held: Held,
}

impl<'conn> WriteTx<'conn> {
    pub(super) fn new(tx: Transaction<'conn>, clock: Clock, now: DateTime<Utc>, hooks: &'static Hooks) -> Result<Self> {
        let outbox = super::get_meta(&tx, meta::OUTBOX)?.is_some();
        Ok(WriteTx {
            tx,
            clock,
            clock_moved: false,
            now,
            outbox,
            versioned: true,
            hooks,
            changed: Changed::default(),
            caches: HashMap::new(),
            statements: Statements::default(),
            held: Held::default(),
        })
    }

    /// The transaction's connection, for reads that must see this transaction's writes.
    pub fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    /// The wall-clock time of this transaction.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Sets the wall time that later writes in this transaction record (`created_at`,
    /// `updated_at`, timeline times). Only for importers and demo data, which recreate
    /// history; the HLC stamps stay monotonic whatever time is set.
    pub fn set_time(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// This device's node id.
    pub fn node(&self) -> frontline_sync::NodeId {
        self.clock.node()
    }

    /// Writes the rest of this transaction without versions or outbox records: for demo
    /// data, which may never be synced (sign-in refuses a database holding it) and so
    /// needs no sync bookkeeping at all.
    pub fn unversioned(&mut self) {
        self.versioned = false;
    }

    /// A value computed by `make` from this transaction's data, made once and kept until
    /// a write touches what derivations depend on (settings, policies, holidays, a
    /// customer's tier — the hooks' watched tables). For the SLA setup every case of a
    /// bulk load shares.
    pub fn cached<T: Any>(&mut self, make: impl FnOnce(&rusqlite::Connection) -> Result<T>) -> Result<Rc<T>> {
        if let Some(v) = self.caches.get(&TypeId::of::<T>()).and_then(|v| v.clone().downcast::<T>().ok()) {
            return Ok(v);
        }
        let v = Rc::new(make(&self.tx)?);
        self.caches.insert(TypeId::of::<T>(), v.clone());
        Ok(v)
    }

    /// Inserts a new row; fails if `id` exists. The only way to write an append-only table.
    pub fn insert(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<()> {
        check_columns(table, values, Mode::Data)?;
        self.insert_row(table, id, values).map_err(|e| match e {
            Error::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                Error::Internal(format!("{} row {id} already exists", table.name()))
            }
            other => other,
        })?;
        Ok(())
    }

    /// Inserts new rows of an append-only table, each created at its own time, in one
    /// statement: a case's whole timeline written at once (an import's). Every row gives
    /// the same columns. A statement on a table with triggers keeps a statement journal of
    /// the pages it touches and starts the triggers' programs, so a timeline's entries in
    /// one statement cost about what two cost one by one. Fails if any id exists.
    pub(crate) fn insert_all(&mut self, table: Table, rows: &[NewRow<'_>]) -> Result<()> {
        let Some((_, _, first)) = rows.first() else {
            return Ok(());
        };
        if !table.is_append_only() {
            return Err(Error::Internal(format!("{} is not append-only; use upsert", table.name())));
        }
        for (_, _, values) in rows {
            check_columns(table, values, Mode::Data)?;
            if values.iter().map(|(c, _)| c).ne(first.iter().map(|(c, _)| c)) {
                return Err(Error::Internal(format!("rows of {} given with different columns", table.name())));
            }
        }
        let width = 3 + first.len();
        // Unnumbered parameters, bound in order: this text is made for every timeline.
        let row = format!("({})", vec!["?"; width].join(", "));
        let sql = format!(
            "INSERT INTO {} (id, {CREATED_AT}, {UPDATED_AT}{}) VALUES {}",
            table.name(),
            first.iter().map(|(c, _)| format!(", {c}")).collect::<String>(),
            vec![row.as_str(); rows.len()].join(", ")
        );
        let mut args: Vec<Value> = Vec::with_capacity(rows.len() * width);
        for (id, at, values) in rows {
            let at = Value::Text(to_db_text(*at));
            args.extend([Value::Text((*id).to_owned()), at.clone(), at]);
            args.extend(values.iter().map(|(_, v)| v.clone()));
        }
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(args)).map_err(|e| match e {
            e if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                Error::Internal(format!("a {} row given already exists", table.name()))
            }
            e => Error::Sqlite(e),
        })?;
        let now = self.now;
        // Each row's outbox record only on a signed-in device: a timeline's rows are not
        // made twice for nothing.
        let logged = self.logs_rows(table);
        for (id, at, values) in rows {
            if logged {
                self.now = *at;
                let created = Value::Text(to_db_text(*at));
                let mut row: Vec<(&str, &Value)> = values.iter().map(|(c, v)| (*c, v)).collect();
                row.push((CREATED_AT, &created));
                self.log_row(table, id, &row)?;
            }
            self.note_local(table, id, values.iter().map(|(c, _)| *c), true);
        }
        self.now = now;
        Ok(())
    }

    /// Inserts row `id` into `table`, or updates the given columns of the existing row.
    /// Returns how many data columns changed (0 when everything was already equal).
    /// Derived columns may be given only when the row is new (their first values, which
    /// are not logged); later they change through [`WriteTx::set_derived`].
    pub fn upsert(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<usize> {
        if table.is_append_only() {
            return Err(Error::Internal(format!("{} is append-only; use insert", table.name())));
        }
        self.upsert_inner(table, id, values)
    }

    /// Writes derived columns of an existing row (computed from other data on every
    /// device): no version, no outbox. Returns how many changed.
    pub fn set_derived(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<usize> {
        check_columns(table, values, Mode::Derived)?;
        let Some(old) = self.read_row(table, id, values)? else {
            return Err(Error::Internal(format!("{} row {id} does not exist", table.name())));
        };
        let changed: Vec<&(&'static str, Value)> =
            values.iter().zip(old).filter(|((_, new), old)| new != old).map(|(p, _)| p).collect();
        if !changed.is_empty() {
            self.update_columns(table, id, &changed)?;
        }
        Ok(changed.len())
    }

    fn upsert_inner(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<usize> {
        check_columns(table, values, Mode::Data)?;
        match self.read_row(table, id, values)? {
            None => self.insert_row(table, id, values),
            Some(old) => {
                let changed: Vec<&(&'static str, Value)> =
                    values.iter().zip(old).filter(|((_, new), old)| new != old).map(|(p, _)| p).collect();
                if changed.is_empty() {
                    return Ok(0);
                }
                if let Some((col, _)) = changed.iter().find(|(c, _)| is_derived(table, c)) {
                    return Err(Error::Internal(format!(
                        "{}.{col} is derived; write it with set_derived",
                        table.name()
                    )));
                }
                self.update_columns(table, id, &changed)?;
                for (col, v) in &changed {
                    self.log_cell(table, id, col, v)?;
                }
                self.note_local(table, id, changed.iter().map(|(c, _)| *c), false);
                Ok(changed.len())
            }
        }
    }

    /// Inserts a new row, like [`WriteTx::insert`], created at the transaction's time but
    /// last changed at `updated_at`: a row written with its past at once (an imported
    /// case, whose facts are those of its last event). `id` must have been minted in this
    /// transaction (a new case's, or made from it): no row of it can have left versions
    /// behind, so none are looked up — an import of 100,000 cases spared as many reads.
    pub(crate) fn insert_as_of(
        &mut self,
        table: Table,
        id: &str,
        values: &[(&'static str, Value)],
        updated_at: DateTime<Utc>,
    ) -> Result<()> {
        check_columns(table, values, Mode::Data)?;
        self.insert_row_as_of(table, id, values, updated_at, true)?;
        Ok(())
    }

    /// Inserts a row known to be new, versioning and logging it.
    fn insert_row(&mut self, table: Table, id: &str, values: &[(&'static str, Value)]) -> Result<usize> {
        self.insert_row_as_of(table, id, values, self.now, false)
    }

    fn insert_row_as_of(
        &mut self,
        table: Table,
        id: &str,
        values: &[(&'static str, Value)],
        updated_at: DateTime<Utc>,
        minted_here: bool,
    ) -> Result<usize> {
        let now = to_db_text(self.now);
        let sql = self.statement(
            Shape::Insert,
            table,
            std::iter::once(CREATED_AT).chain(values.iter().map(|(c, _)| *c)).collect(),
        );
        let mut args: Vec<Value> =
            vec![Value::Text(id.to_owned()), Value::Text(to_db_text(updated_at)), Value::Text(now.clone())];
        args.extend(values.iter().map(|(_, v)| v.clone()));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(args))?;
        let created = Value::Text(now);
        if table.is_append_only() {
            let mut row: Vec<(&str, &Value)> = values.iter().map(|(c, v)| (*c, v)).collect();
            row.push((CREATED_AT, &created));
            self.log_row(table, id, &row)?;
        } else {
            let cells: Vec<(&str, &Value)> = std::iter::once((CREATED_AT, &created))
                .chain(values.iter().filter(|(c, _)| !is_derived(table, c)).map(|(c, v)| (*c, v)))
                .collect();
            self.log_new_cells(table, id, &cells, minted_here)?;
        }
        self.note_local(table, id, values.iter().map(|(c, _)| *c), true);
        Ok(values.len())
    }

    /// Writes derived columns whose new values the caller already knows differ from the
    /// stored ones (it read them itself): no read, no version, no outbox.
    pub(crate) fn set_derived_changed(
        &mut self,
        table: Table,
        id: &str,
        changed: &[(&'static str, Value)],
    ) -> Result<()> {
        check_columns(table, changed, Mode::Derived)?;
        if !changed.is_empty() {
            let refs: Vec<&(&'static str, Value)> = changed.iter().collect();
            self.update_columns(table, id, &refs)?;
        }
        Ok(())
    }

    /// The text of a statement shaped from `table` and `cols` (see [`Shape`]).
    pub(super) fn statement(&mut self, shape: Shape, table: Table, cols: Vec<&'static str>) -> Rc<str> {
        self.statements.get(shape, table, cols)
    }

    fn update_columns(&mut self, table: Table, id: &str, changed: &[&(&'static str, Value)]) -> Result<()> {
        let sql = self.statement(Shape::Update, table, changed.iter().map(|(c, _)| *c).collect());
        let mut args: Vec<Value> = vec![Value::Text(id.to_owned()), Value::Text(to_db_text(self.now))];
        args.extend(changed.iter().map(|(_, v)| v.clone()));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(args))?;
        Ok(())
    }

    /// Marks row `id` deleted (a tombstone, so the deletion syncs). Returns false when the
    /// row does not exist or is already deleted.
    pub fn delete(&mut self, table: Table, id: &str) -> Result<bool> {
        let now = Value::Text(to_db_text(self.now));
        let n = self.tx.execute(
            &format!(
                "UPDATE {} SET {DELETED_AT} = ?2, {UPDATED_AT} = ?2 WHERE id = ?1 AND {DELETED_AT} IS NULL",
                table.name()
            ),
            rusqlite::params![id, now],
        )?;
        if n == 1 {
            self.log_cell(table, id, DELETED_AT, &now)?;
            self.note_local(table, id, [DELETED_AT].into_iter(), false);
        }
        Ok(n == 1)
    }

    /// Inserts the new rows pulled so far (store/held.rs) and runs the derivations of
    /// everything touched so far, now rather than at commit: for a caller that reads
    /// pulled rows or derived values later in the same transaction.
    pub fn flush_derived(&mut self) -> Result<()> {
        self.insert_held()?;
        if self.changed.is_empty() {
            return Ok(());
        }
        let changed = std::mem::take(&mut self.changed);
        (self.hooks.derive)(self, changed)
    }

    /// Notes that a local action changed row `id` of `table` and kept the row's own
    /// derived columns current: derived data elsewhere that hangs on the row (a case's
    /// KPI facts) is refreshed at commit, once per transaction. Never clears
    /// [`WriteTx::cached`] values: nothing they hold depends on such a row.
    pub(crate) fn note_stale(&mut self, table: Table, id: &str) {
        let rows = self.changed.stale.entry(table).or_default();
        if !rows.contains(id) {
            rows.insert(id.to_owned());
        }
    }

    /// Commits data, versions, outbox and clock; returns the clock to adopt.
    pub(super) fn commit(mut self) -> Result<Clock> {
        self.flush_derived()?;
        if self.clock_moved {
            set_meta(&self.tx, meta::CLOCK, &self.clock.last().to_string())?;
        }
        self.tx.commit()?;
        Ok(self.clock)
    }

    pub(super) fn read_row(
        &self,
        table: Table,
        id: &str,
        values: &[(&'static str, Value)],
    ) -> Result<Option<Vec<Value>>> {
        let cols: Vec<&str> = values.iter().map(|(c, _)| *c).collect();
        let select = if cols.is_empty() { "id".to_owned() } else { cols.join(", ") };
        let sql = format!("SELECT {select} FROM {} WHERE id = ?1", table.name());
        let n = values.len();
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([id], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
            .optional()?)
    }

    /// A fresh stamp for a local change.
    pub(super) fn tick(&mut self) -> frontline_sync::Hlc {
        let now_ms = u64::try_from(self.now.timestamp_millis()).unwrap_or(0);
        self.clock_moved = true;
        self.clock.tick(now_ms)
    }

    /// Versions one changed column of a synced row and, when signed in, records it in the
    /// outbox.
    pub(super) fn log_cell(&mut self, table: Table, id: &str, col: &str, value: &Value) -> Result<()> {
        if !table.is_synced() || !self.versioned {
            return Ok(());
        }
        let held = super::versions::get(&self.tx, table, id, col)?;
        let stamp = self.tick();
        let version = Version::local_successor(held.as_ref(), self.clock.node(), stamp);
        super::versions::set(&self.tx, table, id, col, &version)?;
        if self.outbox {
            super::outbox::record(&self.tx, table, id, col, value, &version)?;
        }
        Ok(())
    }

    /// [`WriteTx::log_cell`] for every cell of a row just inserted, reading and writing
    /// their versions with one statement each: a bulk load inserts millions of cells.
    fn log_new_cells(&mut self, table: Table, id: &str, cells: &[(&str, &Value)], minted_here: bool) -> Result<()> {
        if !table.is_synced() || !self.versioned {
            return Ok(());
        }
        if minted_here {
            // One write made every cell: one stamp, held once for the row (versions.rs).
            let version = Version { hlc: self.tick(), base: None };
            if self.outbox {
                for (col, value) in cells {
                    super::outbox::record(&self.tx, table, id, col, value, &version)?;
                }
            }
            return super::versions::insert_new_row(&self.tx, table, id, &version);
        }
        // A new row has no versions, unless one was left by a row of this id made and
        // removed before (a cleared demo row): the successor then follows it, as always.
        let held = super::versions::get_row(&self.tx, table, id)?;
        let mut versions = Vec::with_capacity(cells.len());
        for (col, value) in cells {
            let stamp = self.tick();
            let version = Version::local_successor(held.of(col).as_ref(), self.clock.node(), stamp);
            if self.outbox {
                super::outbox::record(&self.tx, table, id, col, value, &version)?;
            }
            versions.push((*col, version));
        }
        let refs: Vec<(&str, &Version)> = versions.iter().map(|(c, v)| (*c, v)).collect();
        super::versions::set_row(&self.tx, table, id, &refs)
    }

    /// Records a whole new append-only row in the outbox (when signed in). Such rows are
    /// never changed, so they need no version: a duplicate is recognised by its id.
    pub(super) fn log_row(&mut self, table: Table, id: &str, row: &[(&str, &Value)]) -> Result<()> {
        if !self.logs_rows(table) {
            return Ok(());
        }
        let stamp = self.tick();
        let value = Value::Text(super::outbox::row_json(row)?);
        super::outbox::record(&self.tx, table, id, "", &value, &Version { hlc: stamp, base: None })
    }

    /// Whether [`WriteTx::log_row`] records rows of `table`.
    fn logs_rows(&self, table: Table) -> bool {
        table.is_synced() && self.versioned && self.outbox
    }

    /// Notes a local change of `cols` of a row (`inserted`: a new one) if the hooks derive
    /// something from them.
    fn note_local<'a>(&mut self, table: Table, id: &str, mut cols: impl Iterator<Item = &'a str>, inserted: bool) {
        let watched = self.hooks.watch_local.iter().find(|(t, _)| *t == table);
        if let Some((_, watched_cols)) = watched
            && (watched_cols.is_empty() || cols.any(|c| watched_cols.contains(&c)))
        {
            if !inserted || !self.hooks.reach_referrers.contains(&table) {
                self.changed.touched.entry(table).or_default().insert(id.to_owned());
            }
            self.caches.clear();
        }
    }

    /// Notes a row changed by a remote change: every derivation of it must follow.
    pub(super) fn note_remote(&mut self, table: Table, id: &str) {
        if self.hooks.watch_local.iter().any(|(t, _)| *t == table) {
            self.caches.clear();
        }
        self.changed.touched.entry(table).or_default().insert(id.to_owned());
    }
}

fn is_derived(table: Table, col: &str) -> bool {
    table.column(col).is_some_and(|c| c.merge == Merge::Derived)
}

/// What a write may set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Data, plus derived columns' first values on insert.
    Data,
    /// Derived columns only.
    Derived,
}

/// Refuses unknown columns, a column given twice, and data written as derived.
fn check_columns(table: Table, values: &[(&'static str, Value)], mode: Mode) -> Result<()> {
    for (i, (col, _)) in values.iter().enumerate() {
        let Some(c) = table.columns().iter().find(|c| c.name == *col) else {
            return Err(Error::Internal(format!("{} has no writable column {col}", table.name())));
        };
        if mode == Mode::Derived && c.merge != Merge::Derived {
            return Err(Error::Internal(format!("{}.{col} is not derived; write it with upsert", table.name())));
        }
        if values[..i].iter().any(|(c, _)| c == col) {
            return Err(Error::Internal(format!("column {col} given twice")));
        }
    }
    Ok(())
}

/// Refuses unknown columns, a column given twice and derived columns: what a row read from
/// an export may hold ([`WriteTx::import_row`]).
pub(super) fn check_data_columns(table: Table, values: &[(&'static str, Value)]) -> Result<()> {
    check_columns(table, values, Mode::Data)?;
    match values.iter().find(|(c, _)| is_derived(table, c)) {
        Some((col, _)) => Err(Error::Internal(format!("{}.{col} is derived; it is never imported", table.name()))),
        None => Ok(()),
    }
}
