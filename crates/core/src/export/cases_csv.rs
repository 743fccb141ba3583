//! A case list or saved view as a CSV file: every row of the list (not just the page on
//! screen), in the list's order, streamed in batches so 100,000 cases never sit in memory.

use std::io::Write;
use std::ops::ControlFlow;

use chrono::{DateTime, Utc};

use super::Progress;
use super::labels::Label;
use super::table::{Cell, CsvWriter};
use crate::Result;
use crate::cases::{CaseQuery, CaseSummary, query};
use crate::settings::Language;

/// The columns, in order.
const COLUMNS: [Label; 17] = [
    Label::Reference,
    Label::Title,
    Label::Status,
    Label::Priority,
    Label::Channel,
    Label::Category,
    Label::Customer,
    Label::Vip,
    Label::Assignee,
    Label::Tags,
    Label::Escalated,
    Label::Created,
    Label::FirstResponseDue,
    Label::ResolutionDue,
    Label::CallbackDue,
    Label::AtRisk,
    Label::Id,
];

fn cells(c: &CaseSummary) -> Vec<Cell> {
    vec![
        c.reference.as_str().into(),
        c.title.as_str().into(),
        c.status.as_str().into(),
        c.priority.as_str().into(),
        c.channel.as_str().into(),
        c.category.as_str().into(),
        Cell::opt_text(c.customer_name.as_deref()),
        Cell::flag(c.vip),
        Cell::opt_text(c.assignee_name.as_deref()),
        // Tags never hold a comma (it separates them wherever tags are typed).
        c.tags.join(",").into(),
        Cell::flag(c.escalated),
        c.created_at.as_str().into(),
        Cell::opt_text(c.first_response_due_at.as_deref()),
        Cell::opt_text(c.resolution_due_at.as_deref()),
        Cell::opt_text(c.callback_due_at.as_deref()),
        Cell::flag(c.at_risk),
        c.id.as_str().into(),
    ]
}

/// Writes every case of the list `q` describes (its paging ignored) to `out` as CSV,
/// headers in `lang`; returns the rows written. `on_progress` is told after each batch
/// and may cancel ([`crate::Error::Cancelled`]; what was written to `out` is then
/// incomplete, so callers write to a temporary file).
pub fn cases_csv(
    conn: &rusqlite::Connection,
    q: &CaseQuery,
    lang: Language,
    now: DateTime<Utc>,
    out: impl Write,
    mut on_progress: impl FnMut(Progress) -> ControlFlow<()>,
) -> Result<u64> {
    let headers: Vec<&str> = COLUMNS.iter().map(|l| l.text(lang)).collect();
    let mut w = CsvWriter::new(out, &headers)?;
    let mut rows = 0u64;
    let total = query::walk(conn, q, now, |batch, total| {
        for c in batch {
            w.row(&cells(c))?;
        }
        rows += batch.len() as u64;
        Ok(on_progress(Progress { rows, total: u64::from(total) }))
    })?;
    w.finish()?;
    let _ = on_progress(Progress { rows, total: u64::from(total) });
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{CaseSort, Queue};
    use crate::export::table::BOM;
    use crate::{Error, Store};

    fn demo_store(cases: u32, language: Language) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("frontline.db")).unwrap();
        let opts = crate::demo::DemoOptions { cases, language, seed: 7, end: store.now(), force: false };
        crate::demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
        (dir, store)
    }

    fn read(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
        assert!(bytes.starts_with(BOM));
        let mut r = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let headers = r.headers().unwrap().iter().map(str::to_owned).collect();
        (headers, r.records().collect::<std::result::Result<_, _>>().unwrap())
    }

    #[test]
    fn every_row_of_the_list_is_written_in_its_order_past_one_batch() {
        let (_d, store) = demo_store(1_200, Language::En);
        let q = CaseQuery { sort: CaseSort::Priority, descending: false, limit: 20, offset: 40, ..CaseQuery::default() };
        let mut seen = Vec::new();
        let mut buf = Vec::new();
        let rows = cases_csv(store.conn(), &q, Language::En, store.now(), &mut buf, |p| {
            seen.push(p);
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(rows, 1_200, "the paging of the list on screen is ignored");
        let (headers, records) = read(&buf);
        assert_eq!(headers[..3], ["Reference", "Title", "Status"]);
        assert_eq!(records.len(), 1_200);
        // The same rows, in the same order, as the list's pages.
        let mut listed = Vec::new();
        for offset in (0..1_200).step_by(500) {
            let page = query::list(store.conn(), &CaseQuery { offset, limit: 500, ..q.clone() }, store.now()).unwrap();
            listed.extend(page.rows);
        }
        for (record, case) in records.iter().zip(&listed) {
            assert_eq!(&record[0], case.reference);
            assert_eq!(&record[1], case.title.trim_start_matches('\''));
            assert_eq!(&record[15], if case.at_risk { "true" } else { "false" });
            assert_eq!(&record[16], case.id.as_str());
        }
        assert_eq!(seen.first(), Some(&Progress { rows: 500, total: 1_200 }));
        assert_eq!(seen.last(), Some(&Progress { rows: 1_200, total: 1_200 }));
    }

    #[test]
    fn a_filtered_list_in_chinese_has_chinese_headers_and_machine_values() {
        let (_d, store) = demo_store(300, Language::ZhHans);
        let q = CaseQuery { queue: Queue::Escalated, ..CaseQuery::default() };
        let expected = query::list(store.conn(), &CaseQuery { limit: 500, ..q.clone() }, store.now()).unwrap();
        assert!(expected.total > 0, "the demo data has escalated cases");
        let mut buf = Vec::new();
        let rows = cases_csv(store.conn(), &q, Language::ZhHans, store.now(), &mut buf, |_| ControlFlow::Continue(())).unwrap();
        assert_eq!(rows, u64::from(expected.total));
        let (headers, records) = read(&buf);
        assert_eq!(headers[..4], ["案件编号", "标题", "状态", "优先级"]);
        for r in &records {
            assert_eq!(&r[10], "true", "escalated");
            assert!(["new", "open", "pending_customer", "pending_internal", "resolved", "closed"].contains(&&r[2]));
            assert!(["p1", "p2", "p3", "p4"].contains(&&r[3]), "priorities as their codes");
            assert!(r[11].ends_with('Z'), "times in RFC 3339 UTC: {}", &r[11]);
        }
        assert!(records.iter().any(|r| r[1].chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))), "Chinese titles");
    }

    #[test]
    fn cancelling_stops_the_export() {
        let (_d, store) = demo_store(600, Language::En);
        let mut buf = Vec::new();
        let out = cases_csv(store.conn(), &CaseQuery::default(), Language::En, store.now(), &mut buf, |_| ControlFlow::Break(()));
        assert!(matches!(out, Err(Error::Cancelled)));
    }
}
