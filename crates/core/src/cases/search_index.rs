//! Keeping the search indexes (trigram and grams) and the case counts current.
//!
//! Triggers index each case as it is written (see migration 4), so every writer — the app,
//! the CLI, a sync merge — keeps search right without thinking about it. A bulk load can
//! instead run inside [`deferred`], which indexes all the cases it created or changed in
//! one pass at the end: the same index contents, several times faster, because FTS5
//! otherwise flushes its pending terms at every statement that touches it, and folds each
//! flush into its segments later.

use crate::Result;
use crate::store::WriteTx;

/// Runs `f` (a bulk load that creates or changes cases) with the indexing of the cases it
/// creates or changes deferred, then indexes them in bulk and counts the new ones
/// ([`super::counts`]). Everything happens in `tx`: if `f` fails nothing of it remains, the
/// deferral included.
pub(crate) fn deferred<T>(tx: &mut WriteTx<'_>, f: impl FnOnce(&mut WriteTx<'_>) -> Result<T>) -> Result<T> {
    let after: i64 = tx.conn().query_row("SELECT coalesce(max(rowid), 0) FROM cases", [], |r| r.get(0))?;
    tx.conn().execute("INSERT INTO search_deferred (after_rowid) VALUES (?1)", [after])?;
    let out = f(tx)?;
    let conn = tx.conn();
    conn.execute("DELETE FROM search_deferred", [])?;
    // Older cases changed on the way (`search_stale`, filled by the triggers) are taken
    // out and put back with the new ones: four statements, so four flushes in all.
    conn.execute("DELETE FROM cases_fts WHERE rowid IN (SELECT rid FROM search_stale)", [])?;
    conn.execute("DELETE FROM cases_grams WHERE rowid IN (SELECT rid FROM search_stale)", [])?;
    conn.execute(
        "INSERT INTO cases_fts (rowid, title, body)
         SELECT rid, title, body FROM case_search_text WHERE rid > ?1
         UNION ALL SELECT t.rid, t.title, t.body FROM search_stale s JOIN case_search_text t ON t.rid = s.rid",
        [after],
    )?;
    conn.execute(
        "INSERT INTO cases_grams (rowid, grams)
         SELECT rowid, fl_grams(title || char(10) || body) FROM cases_fts
         WHERE rowid > ?1 OR rowid IN (SELECT rid FROM search_stale)",
        [after],
    )?;
    conn.execute("DELETE FROM search_stale", [])?;
    super::counts::count_bulk_loaded(conn, after)?;
    Ok(out)
}
