//! Bulk loads: a load that writes more rows than its tables hold goes faster with their
//! secondary indexes dropped and built again at its end, one sort each, than with every
//! row entered into every index as it is written (a 100,000-case import, into a dozen
//! indexes of cases, timelines and tags).

use super::schema::Table;
use super::write::WriteTx;
use crate::Result;

impl WriteTx<'_> {
    /// Runs `f` with the secondary indexes of `tables` dropped, then creates them again as
    /// they were, in this transaction: if `f` fails, nothing of it remains and the indexes
    /// are back. Unique indexes stay, so what they refuse is refused as `f` writes. `f`'s
    /// own reads must not need the dropped indexes.
    pub(crate) fn with_indexes_rebuilt<T>(
        &mut self,
        tables: &[Table],
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let mut indexes: Vec<(String, String)> = Vec::new();
        {
            let mut stmt = self.conn().prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1
                 AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
            )?;
            for table in tables {
                for index in stmt.query_map([table.name()], |r| Ok((r.get(0)?, r.get(1)?)))? {
                    indexes.push(index?);
                }
            }
        }
        for (name, _) in &indexes {
            self.conn().execute(&format!("DROP INDEX \"{name}\""), [])?;
        }
        let out = f(self)?;
        for (_, sql) in &indexes {
            self.conn().execute(sql, [])?;
        }
        Ok(out)
    }

    /// Writes the transaction's dirty pages out to the WAL now, uncommitted (a rollback
    /// still drops them), leaving them in the page cache as clean pages. A load larger
    /// than the page cache otherwise has SQLite make room one page at a time, each
    /// spilled page first copied to the running statement's journal, and every read of
    /// a page no longer cached evicting another dirty one: the passes over the loaded
    /// tables at its end (index builds, search, counts, KPI facts) then read each table
    /// from the WAL again, pass after pass. Flushed at intervals, the cache holds clean
    /// pages it can drop and keep whichever are read again.
    pub(crate) fn write_out_pages(&mut self) -> Result<()> {
        Ok(self.conn().cache_flush()?)
    }
}
