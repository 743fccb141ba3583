//! Reads the cases a set of periods needs as [`CaseRecord`]s, from their kept KPI facts
//! ([`super::facts`]): one small row per case, no timeline and no SLA worked out on the
//! way, but the same records the rule gives — a case whose facts do not hold yet at `now`
//! (a timeline event dated ahead of this computer's clock) is worked out from its row and
//! timeline as of `now` instead.

use chrono::{DateTime, Utc};

use super::facts::{self, Dates, Dictionary, Keys, Stored};
use super::filter::KpiFilter;
use super::measures::CaseRecord;
use crate::cases::SlaSetup;
use crate::{Error, Result};

/// Every case under `filter` that any measure of a period within `[start, end)` may
/// count: created before `end` and either created in it; resolved in it; active, or with a
/// call-back open, due or done since `start` (the backlog and call-backs at its periods'
/// ends). SLA state as of `now`. Each is given to `count` as it is read, and dropped
/// after: a dashboard counts tens of thousands of cases, and holding them all to count
/// them afterwards cost a sixth of its time (growing the list, then freeing each case).
pub(crate) fn each(
    conn: &rusqlite::Connection,
    setup: &SlaSetup,
    filter: &KpiFilter,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
    mut count: impl FnMut(&CaseRecord),
) -> Result<()> {
    // The table holds every live case and no other, with the columns the filter reads:
    // the case rows are not read at all.
    let narrowing = filter.narrowing(conn)?;
    // `created` and `relevant_until` are the facts' times in Unix milliseconds, rounded
    // down: the periods' bounds are whole milliseconds, so comparing them is comparing the
    // times themselves.
    let sql = "SELECT case_rowid, created, record FROM case_kpi_facts
               WHERE created < ?2 AND (relevant_until IS NULL OR relevant_until >= ?1)";
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([start.timestamp_millis(), end.timestamp_millis()])?;
    let mut names = Dictionary::new(conn);
    let mut dates = Dates::default();
    let mut unsettled = Vec::new();
    while let Some(row) = rows.next()? {
        let record = row.get_ref(2)?.as_blob().map_err(|e| Error::Internal(e.to_string()))?;
        match facts::decode(record, row.get(1)?, &mut dates)? {
            Stored::Damaged(message) => return Err(Error::Internal(message)),
            Stored::Facts(f) if !narrowing.admits(&f) => {}
            Stored::Facts(f) if f.settled > now => unsettled.push(row.get::<_, i64>(0)?),
            Stored::Facts(f) => count(&f.record(conn, setup, now, &mut names)?),
        }
    }
    for chunk in unsettled.chunks(500) {
        facts::records_as_of(conn, setup, &Keys::Rowids(chunk), now)?.iter().for_each(&mut count);
    }
    Ok(())
}
