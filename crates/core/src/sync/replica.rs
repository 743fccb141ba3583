//! The local store as the sync session's [`Replica`].

use frontline_sync::NodeId;
use frontline_sync::protocol::{MAX_CLOCK_AHEAD_MS, Outgoing, PullResponse};
use frontline_sync::session::{PageOutcome, Replica};

use super::CURSOR;
use crate::store::{Applied, Store, get_meta, outbox, set_meta};
use crate::{Error, Result};

/// A store taking part in a sync.
pub struct LocalReplica<'s> {
    store: &'s mut Store,
    checkpointer: Option<Checkpointer>,
}

impl<'s> LocalReplica<'s> {
    /// The replica of `store`; fails when the device is not signed in.
    pub fn new(store: &'s mut Store) -> Result<Self> {
        if super::enrollment(store.conn())?.is_none() {
            return Err(Error::NotSignedIn);
        }
        let checkpointer = Checkpointer::start(store.path());
        let pages = if checkpointer.is_some() { 0 } else { SYNC_CHECKPOINT_PAGES };
        store.conn().pragma_update(None, "wal_autocheckpoint", pages)?;
        store.conn().pragma_update(None, "cache_size", -SYNC_CACHE_KIB)?;
        Ok(LocalReplica { store, checkpointer })
    }
}

/// Copies the WAL back into the database on a connection and thread of its own while the
/// sync applies the next pages. A commit that checkpointed itself spent about a tenth of
/// a first sync copying pages, with the next pages waiting; a passive checkpoint never
/// blocks the writer or readers, and what it has not copied yet stays readable in the WAL.
struct Checkpointer {
    wal: std::path::PathBuf,
    wake: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Checkpointer {
    /// None when a second connection cannot be opened (the commits then checkpoint).
    fn start(db: &std::path::Path) -> Option<Checkpointer> {
        let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE).ok()?;
        let (wake, woken) = std::sync::mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("sync-checkpoint".into())
            .spawn(move || {
                while woken.recv().is_ok() {
                    while woken.try_recv().is_ok() {}
                    // Only a performance matter: a checkpoint that fails is retried by the
                    // next one, or by SQLite when the database is closed.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .ok()?;
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        Some(Checkpointer { wal: wal.into(), wake: Some(wake), thread: Some(thread) })
    }

    /// After a commit: wakes the checkpointer once the WAL has grown past the sync's bound.
    fn after_commit(&self) {
        let big = std::fs::metadata(&self.wal).is_ok_and(|m| m.len() >= (SYNC_CHECKPOINT_PAGES * PAGE_BYTES) as u64);
        if big && let Some(wake) = &self.wake {
            let _ = wake.send(());
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.wake.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// SQLite's page size here (the default).
const PAGE_BYTES: i64 = 4096;

/// WAL pages after which a commit checkpoints, while a sync applies pages (SQLite's
/// default is 1,000, 4 MB). A first sync commits a few hundred thousand cells at a time,
/// tens of megabytes of new rows and index entries; checkpointing after each commit
/// copied the same index pages into the database again and again. 200 MB of WAL lets
/// them settle first (`journal_size_limit` shrinks the file again afterwards).
const SYNC_CHECKPOINT_PAGES: i64 = 50_000;

/// SQLite's default, restored when the sync ends.
const DEFAULT_CHECKPOINT_PAGES: i64 = 1_000;

/// The page cache while a sync applies pages (KiB; the store's usual is 64 MiB): a group
/// of pages of a first sync dirties more than that, and SQLite would write the overflow
/// to the WAL mid-transaction only to read it back. Given back when the sync ends.
const SYNC_CACHE_KIB: i64 = 256 * 1024;

impl Drop for LocalReplica<'_> {
    fn drop(&mut self) {
        self.checkpointer.take();
        // Only a performance setting: should it fail, the next open starts with the default.
        let _ = self.store.conn().pragma_update(None, "wal_autocheckpoint", DEFAULT_CHECKPOINT_PAGES);
        let _ = self.store.conn().pragma_update(None, "cache_size", -crate::store::CACHE_KIB);
    }
}

impl Replica for LocalReplica<'_> {
    type Error = Error;

    fn node(&self) -> NodeId {
        self.store.node_id()
    }

    fn cursor(&mut self) -> Result<u64> {
        Ok(get_meta(self.store.conn(), CURSOR)?.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    fn server_time(&mut self, server_ms: u64, local_ms: u64) -> Result<()> {
        let offset = i64::try_from(server_ms).unwrap_or(i64::MAX) - i64::try_from(local_ms).unwrap_or(i64::MAX);
        self.store.set_clock_offset(offset)?;
        if self.store.clock_last().wall_ms > server_ms.saturating_add(MAX_CLOCK_AHEAD_MS) {
            self.store.restamp_ahead(server_ms.saturating_add(MAX_CLOCK_AHEAD_MS))?;
        }
        Ok(())
    }

    fn apply(&mut self, pages: &[PullResponse]) -> Result<PageOutcome> {
        let Some(last) = pages.last() else { return Ok(PageOutcome::default()) };
        let applied = self.store.write(|tx| {
            // The pages of a first sync bring thousands of new cases with their timelines:
            // index and count them once, at the end, not row by row — after their facts
            // are derived, so the new cases' derived columns are written before the bulk
            // pass rather than each moving the counts again.
            let applied = crate::cases::search_index::deferred(tx, |tx| {
                let mut total = Applied::default();
                for page in pages {
                    total += tx.apply_remote(&page.changes, &page.notices)?;
                }
                tx.flush_derived()?;
                Ok(total)
            })?;
            set_meta(tx.conn(), CURSOR, &last.next.to_string())?;
            Ok(applied)
        })?;
        if let Some(c) = &self.checkpointer {
            c.after_commit();
        }
        Ok(PageOutcome { applied: applied.applied, conflicts: applied.conflicts, parked: applied.parked })
    }

    fn outgoing(&mut self, limit: usize) -> Result<Option<(Vec<Outgoing>, u64)>> {
        Ok(outbox::next_batch(self.store.conn(), limit)?.map(|b| (b.changes, b.through)))
    }

    fn acknowledge(&mut self, through: u64) -> Result<()> {
        outbox::acknowledge(self.store.conn(), through)
    }
}
