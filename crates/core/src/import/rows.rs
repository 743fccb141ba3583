//! A file's text as a header row and data rows (the `csv` crate: quoted cells with
//! commas, quotes and line breaks), with the problems of the file's shape found on the
//! way: rows with more or fewer cells than the header, bytes the encoding could not read,
//! and a last row the file ends in the middle of.
//!
//! Rows whose cells are all empty (spreadsheets leave them below the data) are skipped.

use super::problems::{RowError, RowErrorCode};

/// Most data rows one import takes.
pub const MAX_ROWS: u32 = 200_000;

/// One data row.
pub(crate) struct Row {
    /// Spreadsheet row number (header = 1).
    pub number: u32,
    /// File line it starts on.
    pub line: u32,
    /// Its cells.
    pub cells: csv::StringRecord,
}

/// The parsed file.
pub(crate) struct Table {
    /// The header row, each cell trimmed.
    pub headers: Vec<String>,
    /// The data rows whose shape is right.
    pub rows: Vec<Row>,
    /// Rows not in `rows`, with why.
    pub errors: Vec<RowError>,
    /// Data rows seen, good or not (at most [`MAX_ROWS`] + 1).
    pub total: u32,
}

/// Parses `text`; `decoding_failed` says the decoder replaced malformed bytes with U+FFFD,
/// so rows holding one are refused as badly encoded. Reads at most `limit` data rows
/// (for a preview) — `None` for all, up to [`MAX_ROWS`].
pub(crate) fn parse(text: &str, decoding_failed: bool, limit: Option<u32>) -> Table {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut table = Table { headers: Vec::new(), rows: Vec::new(), errors: Vec::new(), total: 0 };
    // The header row: the first record with any non-empty cell.
    for record in records.by_ref() {
        let Ok(record) = record else { continue };
        if record.iter().any(|c| !c.trim().is_empty()) {
            table.headers = record.iter().map(|c| c.trim().to_owned()).collect();
            break;
        }
    }
    if table.headers.is_empty() {
        table.errors.push(RowError::row(1, 1, RowErrorCode::NoHeader, super::problems::explain(RowErrorCode::NoHeader)));
        return table;
    }
    let width = table.headers.len();
    let ends_cleanly = text.ends_with(['\n', '\r']);
    let mut number = 1u32;
    let mut last_start: Option<(usize, u32)> = None;
    for record in records {
        let record = match record {
            Ok(r) => r,
            // `flexible` and text input leave no other error than I/O, which a string has not.
            Err(_) => continue,
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        number += 1;
        table.total += 1;
        if limit.is_some_and(|l| table.total > l) {
            break;
        }
        if table.total > MAX_ROWS {
            table.errors.push(RowError::row(
                number,
                line_of(&record),
                RowErrorCode::TooManyRows,
                format!("the file has more than {MAX_ROWS} rows; split it"),
            ));
            break;
        }
        let line = line_of(&record);
        last_start = Some((record.position().map_or(0, |p| p.byte() as usize), line));
        if decoding_failed && record.iter().any(|c| c.contains('\u{FFFD}')) {
            table.errors.push(RowError::row(number, line, RowErrorCode::BadEncoding, super::problems::explain(RowErrorCode::BadEncoding)));
            continue;
        }
        if record.len() != width {
            table.errors.push(RowError::row(number, line, RowErrorCode::FieldCount, format!(
                "{} cells; the header row has {width}",
                record.len()
            )));
            continue;
        }
        table.rows.push(Row { number, line, cells: record });
    }
    // A file cut off inside its last row: no line end after it, and either an open quote
    // or fewer cells than the header.
    if !ends_cleanly && limit.is_none() && let Some((start, line)) = last_start {
        let tail = &text[start.min(text.len())..];
        let open_quote = tail.bytes().filter(|b| *b == b'"').count() % 2 == 1;
        let last = table.rows.last().filter(|r| r.number == number);
        let short = last.is_none_or(|r| r.cells.len() < width);
        let already = table.errors.iter().any(|e| e.row == number && e.code == RowErrorCode::FieldCount);
        if open_quote || (short && already) {
            table.rows.retain(|r| r.number != number);
            table.errors.retain(|e| e.row != number);
            table.errors.push(RowError::row(number, line, RowErrorCode::Truncated, super::problems::explain(RowErrorCode::Truncated)));
        }
    }
    table
}

/// The file line a record starts on.
fn line_of(record: &csv::StringRecord) -> u32 {
    record.position().map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_commas_quotes_and_line_breaks() {
        let text = "id,title,notes\n1,\"Refund, not received\",\"line one\nline two\"\n2,\"He said \"\"hi\"\"\",x\n";
        let t = parse(text, false, None);
        assert!(t.errors.is_empty(), "{:?}", t.errors);
        assert_eq!(t.headers, ["id", "title", "notes"]);
        assert_eq!(&t.rows[0].cells[1], "Refund, not received");
        assert_eq!(&t.rows[0].cells[2], "line one\nline two");
        assert_eq!((t.rows[1].number, t.rows[1].line), (3, 4), "row 3 starts on line 4");
        assert_eq!(&t.rows[1].cells[1], "He said \"hi\"");
    }

    #[test]
    fn crlf_blank_rows_and_a_missing_final_newline_are_fine() {
        let t = parse("id,title\r\n1,a\r\n,\r\n\r\n2,b", false, None);
        assert!(t.errors.is_empty(), "{:?}", t.errors);
        assert_eq!(t.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn rows_of_the_wrong_width_are_errors() {
        let t = parse("id,title\n1,a,extra\n2\n3,c\n", false, None);
        let codes: Vec<(u32, RowErrorCode)> = t.errors.iter().map(|e| (e.row, e.code)).collect();
        assert_eq!(codes, [(2, RowErrorCode::FieldCount), (3, RowErrorCode::FieldCount)]);
        assert_eq!(t.rows.len(), 1);
    }

    #[test]
    fn a_file_cut_off_in_its_last_row_says_so() {
        let t = parse("id,title,notes\n1,a,b\n2,\"cut in the mid", false, None);
        assert_eq!(t.errors.iter().map(|e| (e.row, e.code)).collect::<Vec<_>>(), [(3, RowErrorCode::Truncated)]);
        assert_eq!(t.rows.len(), 1);
        let t = parse("id,title,notes\n1,a,b\n2,b", false, None);
        assert_eq!(t.errors.iter().map(|e| (e.row, e.code)).collect::<Vec<_>>(), [(3, RowErrorCode::Truncated)]);
    }

    #[test]
    fn undecodable_rows_and_empty_files() {
        let t = parse("id,title\n1,ok\n2,bad \u{FFFD}\n", true, None);
        assert_eq!(t.errors.iter().map(|e| (e.row, e.code)).collect::<Vec<_>>(), [(3, RowErrorCode::BadEncoding)]);
        let t = parse("", false, None);
        assert_eq!(t.errors[0].code, RowErrorCode::NoHeader);
        let t = parse("\n\n", false, None);
        assert_eq!(t.errors[0].code, RowErrorCode::NoHeader);
    }

    #[test]
    fn a_preview_stops_early() {
        let t = parse("id\n1\n2\n3\n4", false, Some(2));
        assert_eq!(t.rows.len(), 2);
        assert!(t.errors.is_empty());
    }
}
