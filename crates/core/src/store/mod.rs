//! The local SQLite store: opening, migrating and the one write path.
//!
//! A [`Store`] owns one connection to one database file and the device's hybrid logical
//! clock. Reads go through [`Store::conn`]; every write goes through [`Store::write`],
//! which hands the closure a [`WriteTx`] and commits data, change log and clock together.

mod open;
pub(crate) use open::{classify, restrict_permissions};
pub mod migrations;
pub mod schema;
mod write;

use std::path::{Path, PathBuf};

use frontline_sync::{Clock, Hlc, NodeId};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use schema::Table;
pub use write::WriteTx;

use crate::{Now, Result, system_now};

/// Keys of the `meta` table.
pub(crate) mod meta {
    /// This database's node id, minted once.
    pub const NODE_ID: &str = "node_id";
    /// The last HLC stamp issued or observed, so a restart never reissues a stamp.
    pub const CLOCK: &str = "hlc_last";
}

/// An open local database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    now: Now,
}

/// What `frontline-cli info` and the status bar show about a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreInfo {
    /// The database file.
    pub path: PathBuf,
    /// Schema version (number of migrations applied).
    pub schema_version: u32,
    /// This device's node id.
    pub node_id: NodeId,
    /// Live (not deleted) rows per table, by SQL name.
    pub row_counts: Vec<(&'static str, u64)>,
    /// Changes recorded locally and not yet pushed to a server.
    pub pending_changes: u64,
}

impl Store {
    /// Opens (creating if needed) the database at `path` with the system clock.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with_clock(path, system_now())
    }

    /// Opens (creating if needed) the database at `path`, reading time from `now`.
    pub fn open_with_clock(path: &Path, now: Now) -> Result<Store> {
        let conn = open::open_file(path, migrations::latest_version())?;
        Store::from_connection(conn, path.to_path_buf(), now)
    }

    /// Opens another connection to the database at `path` that can only read
    /// (`PRAGMA query_only`), after [`Store::open`] has created and migrated it. In WAL mode
    /// readers never wait for the writer, so the app answers queries on these while a long
    /// write (a bulk action, an import, a sync batch) holds the write connection.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let store = Store::open(path)?;
        store.conn.pragma_update(None, "query_only", true)?;
        Ok(store)
    }

    fn from_connection(mut conn: Connection, path: PathBuf, now: Now) -> Result<Store> {
        let clock = load_clock(&mut conn)?;
        Ok(Store { conn, path, clock, now })
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<u32> {
        migrations::current_version(&self.conn)
    }

    /// This device's node id.
    pub fn node_id(&self) -> NodeId {
        self.clock.node()
    }

    /// The last clock stamp issued or observed.
    pub fn clock_last(&self) -> Hlc {
        self.clock.last()
    }

    /// The injected wall clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        (self.now)()
    }

    /// Runs `f` in one immediate transaction. Data, change log and the persisted clock are
    /// committed together; if `f` fails, nothing of it remains — and the in-memory clock
    /// only advances after the commit succeeded.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut WriteTx<'_>) -> Result<T>) -> Result<T> {
        let now = (self.now)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut wtx = WriteTx::new(tx, self.clock.clone(), now);
        let out = f(&mut wtx)?;
        let clock = wtx.commit()?;
        self.clock = clock;
        Ok(out)
    }

    /// Schema version, node id, row counts and pending changes.
    pub fn info(&self) -> Result<StoreInfo> {
        let mut row_counts = Vec::with_capacity(Table::ALL.len());
        for t in Table::ALL {
            let n: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM {} WHERE deleted_at IS NULL", t.name()),
                [],
                |r| r.get(0),
            )?;
            row_counts.push((t.name(), n as u64));
        }
        let pending: i64 =
            self.conn.query_row("SELECT count(*) FROM change_log WHERE pushed = 0", [], |r| r.get(0))?;
        Ok(StoreInfo {
            path: self.path.clone(),
            schema_version: migrations::current_version(&self.conn)?,
            node_id: self.node_id(),
            row_counts,
            pending_changes: pending as u64,
        })
    }

    /// Gives this database a new node id, keeping the clock's position. Used after a
    /// restore: the restored file may carry the id of a device that is still in use, and
    /// two devices sharing a node id could mint equal stamps for different changes.
    /// `floor` is a stamp the clock must stay above (the replaced database's clock).
    pub fn rotate_node_id(&mut self, floor: Option<Hlc>) -> Result<NodeId> {
        let node = NodeId::random();
        let last = floor.map_or(self.clock.last(), |f| f.max(self.clock.last()));
        let clock = Clock::new(node, last);
        let tx = self.conn.transaction()?;
        set_meta(&tx, meta::NODE_ID, &node.to_string())?;
        set_meta(&tx, meta::CLOCK, &clock.last().to_string())?;
        tx.commit()?;
        self.clock = clock;
        Ok(node)
    }
}

pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// Loads the node id and clock, minting the node id on first open.
fn load_clock(conn: &mut Connection) -> Result<Clock> {
    let bad = |what: &str, v: &str| crate::Error::Internal(format!("stored {what} {v:?} is invalid"));
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let node = match get_meta(&tx, meta::NODE_ID)? {
        Some(v) => v.parse::<NodeId>().map_err(|_| bad("node id", &v))?,
        None => {
            let node = NodeId::random();
            set_meta(&tx, meta::NODE_ID, &node.to_string())?;
            node
        }
    };
    let last = match get_meta(&tx, meta::CLOCK)? {
        Some(v) => v.parse::<Hlc>().map_err(|_| bad("clock", &v))?,
        None => Hlc::zero(node),
    };
    tx.commit()?;
    Ok(Clock::new(node, last))
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::sync::{Arc, Mutex};

    use chrono::{DateTime, TimeZone, Utc};

    use super::*;

    /// A wall clock tests can move, including backwards.
    #[derive(Clone)]
    pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

    impl TestClock {
        pub fn new() -> Self {
            TestClock(Arc::new(Mutex::new(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())))
        }
        pub fn set(&self, t: DateTime<Utc>) {
            *self.0.lock().unwrap() = t;
        }
        pub fn get(&self) -> DateTime<Utc> {
            *self.0.lock().unwrap()
        }
        pub fn now(&self) -> Now {
            let inner = self.0.clone();
            Arc::new(move || *inner.lock().unwrap())
        }
    }

    /// A fresh store in a temp dir with a pinned clock.
    pub fn temp_store() -> (tempfile::TempDir, Store, TestClock) {
        let dir = tempfile::tempdir().unwrap();
        let clock = TestClock::new();
        let store = Store::open_with_clock(&dir.path().join("frontline.db"), clock.now()).unwrap();
        (dir, store, clock)
    }

    /// A store on `path` migrated only to `version`, as an older release left it.
    pub fn store_at_version(path: &Path, version: u32) -> Store {
        Store::from_connection(open::open_file(path, version).unwrap(), path.to_path_buf(), system_now()).unwrap()
    }
}

#[cfg(test)]
mod tests;
