//! Tables, and the one CSV writer every CSV export goes through.
//!
//! A [`Table`] is column headers and rows of [`Cell`]s: what a case list, a saved view,
//! the dashboard's tiles or any KPI chart or leaderboard becomes to be handed to a
//! spreadsheet. Whoever computes numbers builds a `Table` (or streams rows into a
//! [`CsvWriter`]); how a file is written is decided here once.
//!
//! **The file.** UTF-8 with a byte-order mark (Excel on Windows reads a BOM-less file in
//! the system's code page and garbles Chinese), comma-separated, CRLF line ends (RFC 4180),
//! fields quoted only when they must be (a comma, quote or line break inside).
//!
//! **Headers in the reader's language, values machine-readable.** Headers are what a person
//! reads first and never parses, so they follow the user's language. Values stay as the
//! database means them, in every language: times in RFC 3339 UTC, statuses and priorities
//! as their stable codes (`pending_customer`, `p2`), numbers with a `.` decimal point and no
//! unit or thousands separator, "no data" as an empty cell (never 0). So a file sorts,
//! filters and sums correctly in any spreadsheet locale, and scripts read a Chinese user's
//! export exactly as an English one.
//!
//! **Formula injection.** A spreadsheet runs a text cell that starts with `=`, `+`, `-`, `@`
//! (or a tab or carriage return before one) as a formula; case titles and notes come from
//! customers. Such a text cell is written with a leading `'`, which spreadsheets show as
//! text (OWASP, "CSV Injection"). Numbers are never text cells, so a negative NPS stays a
//! number.

use std::io::Write;

use crate::{Error, Result};

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value ("no data"): an empty field.
    Empty,
    /// Text, written as it is (see the module doc on formula injection).
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number, written with at most two decimals and without trailing zeros.
    Number(f64),
}

impl Cell {
    /// `Empty` for `None`, else the number.
    pub fn number(v: Option<f64>) -> Cell {
        v.map_or(Cell::Empty, Cell::Number)
    }

    /// `Empty` for `None`, else the text.
    pub fn opt_text(v: Option<&str>) -> Cell {
        v.map_or(Cell::Empty, |t| Cell::Text(t.to_owned()))
    }

    /// `true` or `false`.
    pub fn flag(v: bool) -> Cell {
        Cell::Text(if v { "true" } else { "false" }.into())
    }

    /// The field as written to the file.
    fn field(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Text(t) if starts_like_formula(t) => format!("'{t}").into(),
            Cell::Text(t) => t.as_str().into(),
            Cell::Int(i) => i.to_string().into(),
            Cell::Number(f) if !f.is_finite() => "".into(),
            Cell::Number(f) => {
                let text = format!("{f:.2}");
                let text = text.trim_end_matches('0').trim_end_matches('.');
                // -0.001 rounds to "-0".
                if text == "-0" { "0".into() } else { text.to_owned().into() }
            }
        }
    }
}

impl From<&str> for Cell {
    fn from(t: &str) -> Cell {
        Cell::Text(t.to_owned())
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Cell {
        Cell::Text(t)
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Cell {
        Cell::Int(i64::from(n))
    }
}

fn starts_like_formula(t: &str) -> bool {
    t.trim_start_matches(['\t', '\r', ' ']).starts_with(['=', '+', '-', '@']) || t.starts_with(['\t', '\r'])
}

/// Column headers and rows: what a CSV export writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The headers, in the reader's language.
    pub headers: Vec<String>,
    /// The rows, each with one cell per header.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Writes the table as a CSV file to `out`.
    pub fn write_csv(&self, out: impl Write) -> Result<()> {
        let mut w = CsvWriter::new(out, &self.headers)?;
        for row in &self.rows {
            w.row(row)?;
        }
        w.finish()?;
        Ok(())
    }

    /// The table as CSV bytes (for tests and small tables).
    pub fn to_csv(&self) -> Result<Vec<u8>> {
        let mut buf = Vec::new();
        self.write_csv(&mut buf)?;
        Ok(buf)
    }
}

/// The UTF-8 byte-order mark every file starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A CSV file being written row by row (a list of 100,000 cases is never held whole).
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
    columns: usize,
}

fn io(e: impl Into<std::io::Error>) -> Error {
    Error::io("write CSV", "", e.into())
}

impl<W: Write> CsvWriter<W> {
    /// Starts the file: the byte-order mark and the header row.
    pub fn new(mut out: W, headers: &[impl AsRef<str>]) -> Result<Self> {
        out.write_all(BOM).map_err(io)?;
        let mut inner = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        inner.write_record(headers.iter().map(|h| h.as_ref())).map_err(io)?;
        Ok(CsvWriter { inner, columns: headers.len() })
    }

    /// Writes one row; it must have a cell per header.
    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        if cells.len() != self.columns {
            return Err(Error::Internal(format!("a CSV row of {} cells under {} headers", cells.len(), self.columns)));
        }
        self.inner.write_record(cells.iter().map(|c| c.field().into_owned())).map_err(io)
    }

    /// Flushes what is buffered and gives the output back.
    pub fn finish(self) -> Result<W> {
        self.inner.into_inner().map_err(|e| io(std::io::Error::other(e.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_text(t: &Table) -> String {
        let bytes = t.to_csv().unwrap();
        assert!(bytes.starts_with(BOM), "starts with a byte-order mark");
        String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap()
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let t = Table {
            headers: vec!["a".into(), "b, c".into()],
            rows: vec![
                vec!["plain".into(), "with, comma".into()],
                vec!["say \"hi\"".into(), "two\nlines".into()],
            ],
        };
        assert_eq!(csv_text(&t), "a,\"b, c\"\r\nplain,\"with, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    #[test]
    fn chinese_is_written_as_utf8_after_the_bom() {
        let t = Table { headers: vec!["标题".into(), "狀態".into()], rows: vec![vec!["退款未到账".into(), "open".into()]] };
        let bytes = t.to_csv().unwrap();
        assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
        assert_eq!(std::str::from_utf8(&bytes[3..]).unwrap(), "标题,狀態\r\n退款未到账,open\r\n");
        // A CSV reader gets the values back unchanged.
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), ["标题", "狀態"]);
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "退款未到账");
    }

    #[test]
    fn numbers_are_machine_readable_and_no_data_is_empty() {
        let t = Table {
            headers: vec!["n".into(); 7],
            rows: vec![vec![
                Cell::Int(-12),
                Cell::Number(87.5),
                Cell::Number(2.0 / 3.0),
                Cell::Number(-0.001),
                Cell::Number(1200.0),
                Cell::number(None),
                Cell::Number(f64::NAN),
            ]],
        };
        assert_eq!(csv_text(&t).lines().nth(1).unwrap(), "-12,87.5,0.67,0,1200,,");
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_as_a_formula_is_kept_text() {
        let t = Table {
            headers: vec!["t".into(); 6],
            rows: vec![vec![
                "=HYPERLINK(\"x\")".into(),
                "+1".into(),
                "-2".into(),
                "@SUM(A1)".into(),
                "\t=1".into(),
                "a=b".into(),
            ]],
        };
        assert_eq!(csv_text(&t).lines().nth(1).unwrap(), "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\t=1,a=b");
    }

    #[test]
    fn a_row_of_the_wrong_width_is_refused() {
        let mut w = CsvWriter::new(Vec::new(), &["a", "b"]).unwrap();
        assert!(matches!(w.row(&["x".into()]), Err(Error::Internal(_))));
    }
}
