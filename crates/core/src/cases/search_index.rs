//! Keeping the search indexes (trigram and grams) and the case counts current.
//!
//! Triggers index each case as it is written (see migration 4), so every writer — the app,
//! the CLI, a sync merge — keeps search right without thinking about it. A bulk load can
//! instead run inside [`deferred`], which indexes all the cases it created in one pass at
//! the end: the same index contents, several times faster, because FTS5 otherwise flushes
//! its pending terms at every statement that touches it.

use crate::Result;
use crate::store::WriteTx;

/// Runs `f` (a bulk load that creates cases) with the indexing of the cases it creates
/// deferred, then indexes and counts them in bulk
/// ([`super::counts`]). Cases that existed before are still indexed as
/// they change. Everything happens in `tx`: if `f` fails nothing of it remains, the
/// deferral included.
pub(crate) fn deferred<T>(tx: &mut WriteTx<'_>, f: impl FnOnce(&mut WriteTx<'_>) -> Result<T>) -> Result<T> {
    let after: i64 = tx.conn().query_row("SELECT coalesce(max(rowid), 0) FROM cases", [], |r| r.get(0))?;
    tx.conn().execute("INSERT INTO search_deferred (after_rowid) VALUES (?1)", [after])?;
    let out = f(tx)?;
    let conn = tx.conn();
    conn.execute("DELETE FROM search_deferred", [])?;
    conn.execute(
        "INSERT INTO cases_fts (rowid, title, body) SELECT rid, title, body FROM case_search_text WHERE rid > ?1",
        [after],
    )?;
    conn.execute(
        "INSERT INTO cases_grams (rowid, grams)
         SELECT rowid, fl_grams(title || char(10) || body) FROM cases_fts WHERE rowid > ?1",
        [after],
    )?;
    super::counts::count_bulk_loaded(conn, after)?;
    Ok(out)
}
