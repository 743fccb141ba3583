//! A pull page written as the protocol's JSON straight from the stored columns.
//!
//! A first sync serves every cell of a workspace, millions of them. Rebuilding each one
//! as a [`Change`](frontline_sync::protocol::Change) (parsing its value's stored JSON
//! into a [`Value`](frontline_sync::protocol::Value)) only to serialise it again cost
//! most of a pull. Every column a change needs is already stored as its JSON: the value
//! as the text [`plan::encode_body`](super::plan::encode_body) wrote, the stamps in their
//! fixed text form. So a page is written by copying: names, ids and stamps through
//! `serde_json`'s own string escaping, values unparsed. The unit tests pin that the result
//! is byte for byte what `serde_json` writes for the same
//! [`PullResponse`](frontline_sync::protocol::PullResponse).

use std::fmt::Write as _;

use frontline_sync::protocol::MAX_PULL_LIMIT;

use super::{PullPage, StorageError, StorageResult};

/// A stored cell, borrowed from the row the database returned.
#[derive(Debug, Clone, Copy)]
pub struct StoredCell<'a> {
    /// The table.
    pub table: &'a str,
    /// The row id.
    pub row: &'a str,
    /// The column, `""` for a whole append-only row.
    pub column: &'a str,
    /// The value's JSON text, or the whole row's values map as JSON text.
    pub value: &'a str,
    /// The stamp's text.
    pub hlc: &'a str,
    /// The base stamp's text, if any.
    pub base: Option<&'a str>,
}

/// A page's changes as the JSON array of the protocol's `changes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageChanges {
    json: Vec<u8>,
}

impl PageChanges {
    /// The JSON array.
    pub fn as_json(&self) -> &[u8] {
        &self.json
    }
}

/// Writes a page's changes, one stored cell at a time, in page order.
#[derive(Debug)]
pub struct PageWriter {
    json: Vec<u8>,
    empty: bool,
}

impl PageWriter {
    /// An empty page about to hold some `cells`: its buffer is sized for them (a cell
    /// takes about 200 bytes), so it rarely grows, and never by copying megabytes.
    pub fn for_cells(cells: u64) -> Self {
        let bytes = usize::try_from(cells).unwrap_or(usize::MAX).min(MAX_PULL_LIMIT as usize).saturating_mul(200);
        let mut json = Vec::with_capacity(bytes);
        json.push(b'[');
        PageWriter { json, empty: true }
    }

    /// Appends one change, exactly as `serde_json` writes the
    /// [`Change`](frontline_sync::protocol::Change) it stands for: its fields in
    /// declaration order, `base` left out when absent, then the flattened body.
    pub fn push(&mut self, cell: StoredCell<'_>) -> StorageResult<()> {
        if !std::mem::take(&mut self.empty) {
            self.json.push(b',');
        }
        self.json.extend_from_slice(b"{\"table\":");
        self.string(cell.table)?;
        self.json.extend_from_slice(b",\"row\":");
        self.string(cell.row)?;
        self.json.extend_from_slice(b",\"hlc\":");
        self.string(cell.hlc)?;
        if let Some(base) = cell.base {
            self.json.extend_from_slice(b",\"base\":");
            self.string(base)?;
        }
        if cell.column.is_empty() {
            self.json.extend_from_slice(b",\"kind\":\"row\",\"values\":");
        } else {
            self.json.extend_from_slice(b",\"kind\":\"cell\",\"column\":");
            self.string(cell.column)?;
            self.json.extend_from_slice(b",\"value\":");
        }
        self.json.extend_from_slice(cell.value.as_bytes());
        self.json.push(b'}');
        Ok(())
    }

    /// The page's changes.
    pub fn finish(mut self) -> PageChanges {
        self.json.push(b']');
        PageChanges { json: self.json }
    }

    /// A JSON string, escaped as `serde_json` escapes it.
    fn string(&mut self, s: &str) -> StorageResult<()> {
        serde_json::to_writer(&mut self.json, s).map_err(encode_error)
    }
}

/// The body of the answer to a pull: the protocol's
/// [`PullResponse`](frontline_sync::protocol::PullResponse), fields in declaration order.
pub fn response_json(page: &PullPage, server_time_ms: u64) -> StorageResult<Vec<u8>> {
    let changes = page.changes.as_json();
    let mut json = Vec::with_capacity(changes.len() + 256);
    json.extend_from_slice(b"{\"changes\":");
    json.extend_from_slice(changes);
    json.extend_from_slice(b",\"notices\":");
    serde_json::to_writer(&mut json, &page.notices).map_err(encode_error)?;
    let mut tail = String::with_capacity(64);
    // Writing to a String cannot fail.
    let _ = write!(tail, ",\"next\":{},\"more\":{},\"server_time_ms\":{server_time_ms}}}", page.next, page.more);
    json.extend_from_slice(tail.as_bytes());
    Ok(json)
}

fn encode_error(e: serde_json::Error) -> StorageError {
    StorageError::Other(format!("cannot write a pull page: {e}"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use frontline_sync::protocol::{Body, Change, ConflictNotice, PullResponse, Value};
    use frontline_sync::{Hlc, NodeId};

    use super::super::plan::encode_body;
    use super::*;

    fn h(ms: u64, counter: u16, node: u64) -> Hlc {
        Hlc { wall_ms: ms, counter, node: NodeId::from_u64(node) }
    }

    fn change(table: &str, row: &str, base: Option<Hlc>, body: Body) -> Change {
        Change { table: table.into(), row: row.into(), hlc: h(1_700_000_000_123, 7, 0xabc), base, body }
    }

    /// Every kind of value and every character a row id may hold.
    fn changes() -> Vec<Change> {
        let cell = |column: &str, value| Body::Cell { column: column.into(), value };
        let values = BTreeMap::from([
            ("a".to_owned(), Value::Integer(i64::MIN)),
            ("b".to_owned(), Value::Real(-0.000_1)),
            ("c".to_owned(), Value::Text("\"quoted\" \\ 🚒 退款\u{7f}\u{2028}".into())),
            ("d".to_owned(), Value::Null),
            ("e".to_owned(), Value::Real(2.0)),
        ]);
        vec![
            change("cases", "c1", None, cell("n", Value::Integer(i64::MAX))),
            change("cases", "c1", Some(h(1, 0, u64::MAX)), cell("r", Value::Real(1e300))),
            change("cases", "c1", None, cell("r2", Value::Real(2.0))),
            change("cases", "c1", None, cell("r3", Value::Real(f64::MIN_POSITIVE))),
            change("cases", "c1", None, cell("t", Value::Text(String::new()))),
            change("cases", "c1", None, cell("t2", Value::Text("12".into()))),
            change("cases", "c1", None, cell("z", Value::Null)),
            change("cases", "r \"\\/ 退款 🚒 \u{2029}", None, cell("t", Value::Text("\u{1}\t\n".into()))),
            change("case_events", "e1", Some(h(0, 0, 0)), Body::Row { values }),
        ]
    }

    fn page_of(changes: &[Change]) -> PageChanges {
        let mut writer = PageWriter::for_cells(1);
        for c in changes {
            let (value, hlc, base) = (encode_body(&c.body).unwrap(), c.hlc.to_string(), c.base.map(|b| b.to_string()));
            let stored = StoredCell {
                table: &c.table,
                row: &c.row,
                column: c.column(),
                value: &value,
                hlc: &hlc,
                base: base.as_deref(),
            };
            writer.push(stored).unwrap();
        }
        writer.finish()
    }

    #[test]
    fn a_page_is_written_exactly_as_serde_json_writes_its_changes() {
        let changes = changes();
        let page = page_of(&changes);
        assert_eq!(String::from_utf8(page.as_json().to_vec()).unwrap(), serde_json::to_string(&changes).unwrap());
        assert_eq!(serde_json::from_slice::<Vec<Change>>(page.as_json()).unwrap(), changes);
    }

    #[test]
    fn an_empty_page_is_an_empty_array() {
        assert_eq!(page_of(&[]).as_json(), b"[]");
    }

    #[test]
    fn the_answer_is_written_exactly_as_serde_json_writes_a_pull_response() {
        let changes = changes();
        let notice = ConflictNotice {
            table: "cases".into(),
            row: "c\"1".into(),
            column: "title".into(),
            value: Value::Text("lost".into()),
            hlc: h(5, 1, 0xa),
            winner: h(6, 0, 0xb),
        };
        for (changes, notices, more) in [(changes, vec![notice], true), (Vec::new(), Vec::new(), false)] {
            let page = PullPage { changes: page_of(&changes), notices: notices.clone(), next: 42, more };
            let expected = PullResponse { changes, notices, next: 42, more, server_time_ms: 1_700_000_000_000 };
            let json = response_json(&page, 1_700_000_000_000).unwrap();
            assert_eq!(String::from_utf8(json).unwrap(), serde_json::to_string(&expected).unwrap());
        }
    }
}
