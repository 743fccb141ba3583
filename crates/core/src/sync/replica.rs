//! The local store as the sync session's [`Replica`].

use frontline_sync::NodeId;
use frontline_sync::protocol::{MAX_CLOCK_AHEAD_MS, Outgoing, PullResponse};
use frontline_sync::session::{PageOutcome, Replica};

use super::CURSOR;
use crate::store::{Store, get_meta, outbox, set_meta};
use crate::{Error, Result};

/// A store taking part in a sync.
pub struct LocalReplica<'s> {
    store: &'s mut Store,
}

impl<'s> LocalReplica<'s> {
    /// The replica of `store`; fails when the device is not signed in.
    pub fn new(store: &'s mut Store) -> Result<Self> {
        if super::enrollment(store.conn())?.is_none() {
            return Err(Error::NotSignedIn);
        }
        store.conn().pragma_update(None, "wal_autocheckpoint", SYNC_CHECKPOINT_PAGES)?;
        Ok(LocalReplica { store })
    }
}

/// WAL pages after which a commit checkpoints, while a sync applies pages (SQLite's
/// default is 1,000, 4 MB). Each page of a first sync is a few megabytes of new rows
/// and index entries; checkpointing after nearly every one copied index pages into the
/// database again and again. 40 MB of WAL lets them settle first.
const SYNC_CHECKPOINT_PAGES: i64 = 10_000;

/// SQLite's default, restored when the sync ends.
const DEFAULT_CHECKPOINT_PAGES: i64 = 1_000;

impl Drop for LocalReplica<'_> {
    fn drop(&mut self) {
        // Only a performance setting: should it fail, the next open starts with the default.
        let _ = self.store.conn().pragma_update(None, "wal_autocheckpoint", DEFAULT_CHECKPOINT_PAGES);
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

    fn apply(&mut self, page: &PullResponse) -> Result<PageOutcome> {
        let applied = self.store.write(|tx| {
            // A page of a first sync brings thousands of new cases with their timelines:
            // index them for search once, at the end of the page, not row by row.
            let applied = crate::cases::search_index::deferred(tx, |tx| tx.apply_remote(&page.changes, &page.notices))?;
            set_meta(tx.conn(), CURSOR, &page.next.to_string())?;
            Ok(applied)
        })?;
        Ok(PageOutcome { applied: applied.applied, conflicts: applied.conflicts, parked: applied.parked })
    }

    fn outgoing(&mut self, limit: usize) -> Result<Option<(Vec<Outgoing>, u64)>> {
        Ok(outbox::next_batch(self.store.conn(), limit)?.map(|b| (b.changes, b.through)))
    }

    fn acknowledge(&mut self, through: u64) -> Result<()> {
        outbox::acknowledge(self.store.conn(), through)
    }
}
