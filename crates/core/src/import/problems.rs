//! A problem with one row of a file: where (row, column), what (a code the UI
//! translates, with an English message for the CLI and logs) and the value at fault.

use serde::{Deserialize, Serialize};

use super::mapping::Field;
use crate::text_enum::text_enum;

text_enum! {
    /// Why a row cannot be imported.
    pub enum RowErrorCode {
        /// The file has no header row (it is empty).
        NoHeader = "no_header",
        /// A column a mapped field needs is not in the header row.
        MissingColumn = "missing_column",
        /// A required value is empty.
        Required = "required",
        /// Longer than our field allows.
        TooLong = "too_long",
        /// More tags than a case carries.
        TooManyTags = "too_many_tags",
        /// Not a date in an accepted form.
        BadDate = "bad_date",
        /// Day and month could be either way round: the mapping must say which comes first.
        AmbiguousDate = "ambiguous_date",
        /// A local time the time zone skips (a daylight-saving change).
        NonexistentTime = "nonexistent_time",
        /// A date after now.
        FutureDate = "future_date",
        /// A date before the case was created (resolved, closed, first response).
        BeforeCreated = "before_created",
        /// A status value the mapping does not map.
        UnknownStatus = "unknown_status",
        /// A priority value the mapping does not map.
        UnknownPriority = "unknown_priority",
        /// A channel value the mapping does not map.
        UnknownChannel = "unknown_channel",
        /// Not a number (minutes).
        BadNumber = "bad_number",
        /// Not an e-mail address.
        BadEmail = "bad_email",
        /// A character not allowed in the field (a control character).
        BadCharacter = "bad_character",
        /// Bytes that are not valid in the file's encoding.
        BadEncoding = "bad_encoding",
        /// More or fewer cells than the header row has.
        FieldCount = "field_count",
        /// The file ends in the middle of this row.
        Truncated = "truncated",
        /// Another row of the file has the same external id.
        DuplicateId = "duplicate_id",
        /// The file has more rows than one import takes.
        TooManyRows = "too_many_rows",
    }
}

/// One problem with one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    /// The row as a spreadsheet numbers it: the header row is 1, the first data row 2
    /// (a cell with line breaks does not add rows, unlike [`RowError::line`]).
    pub row: u32,
    /// The line of the file the row starts on (1-based).
    pub line: u32,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    /// Our field the column maps to.
    pub field: Option<Field>,
    /// What is wrong.
    pub code: RowErrorCode,
    /// The value at fault (at most 80 characters).
    pub value: Option<String>,
    /// The problem in English (the UI translates `code` instead).
    pub message: String,
}

/// Longest value quoted in an error.
const VALUE_MAX: usize = 80;

impl RowError {
    /// A problem of the whole row.
    pub(crate) fn row(row: u32, line: u32, code: RowErrorCode, message: impl Into<String>) -> RowError {
        RowError { row, line, column: None, field: None, code, value: None, message: message.into() }
    }

    /// A problem of one cell.
    pub(crate) fn cell(row: u32, line: u32, column: &str, field: Field, code: RowErrorCode, value: &str) -> RowError {
        let message = format!("{}: {}", column, explain(code));
        RowError {
            row,
            line,
            column: Some(column.to_owned()),
            field: Some(field),
            code,
            value: (!value.is_empty()).then(|| shorten(value)),
            message,
        }
    }
}

fn shorten(v: &str) -> String {
    if v.chars().count() <= VALUE_MAX {
        v.to_owned()
    } else {
        let mut s: String = v.chars().take(VALUE_MAX - 1).collect();
        s.push('…');
        s
    }
}

/// The code in English.
pub fn explain(code: RowErrorCode) -> &'static str {
    match code {
        RowErrorCode::NoHeader => "the file is empty: no header row",
        RowErrorCode::MissingColumn => "the column is not in the file",
        RowErrorCode::Required => "a value is required",
        RowErrorCode::TooLong => "too long",
        RowErrorCode::TooManyTags => "too many tags",
        RowErrorCode::BadDate => "not a date",
        RowErrorCode::AmbiguousDate => "day and month could be either way round; choose the date order",
        RowErrorCode::NonexistentTime => "this local time does not exist in the time zone (a daylight-saving change)",
        RowErrorCode::FutureDate => "in the future",
        RowErrorCode::BeforeCreated => "before the case was created",
        RowErrorCode::UnknownStatus => "a status the mapping does not know",
        RowErrorCode::UnknownPriority => "a priority the mapping does not know",
        RowErrorCode::UnknownChannel => "a channel the mapping does not know",
        RowErrorCode::BadNumber => "not a number",
        RowErrorCode::BadEmail => "not an e-mail address",
        RowErrorCode::BadCharacter => "contains a control character",
        RowErrorCode::BadEncoding => "bytes that are not valid in the file's encoding",
        RowErrorCode::FieldCount => "the row has a different number of cells than the header row",
        RowErrorCode::Truncated => "the file ends in the middle of this row (cut off?)",
        RowErrorCode::DuplicateId => "another row has the same id",
        RowErrorCode::TooManyRows => "more rows than one import takes",
    }
}
