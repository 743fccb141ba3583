//! Training records from a CSV file (issue 17 item 9): one completion a row — employee
//! id, course, date, score — as a spreadsheet saves it, in UTF-8 (with or without a
//! byte-order mark), GBK/GB18030 or Big5, detected and decoded as the case import does
//! (import/encoding.rs) and split into rows by the same reader (import/rows.rs).
//!
//! [`dry_run`] checks every row and lists each row's problem (row number as the
//! spreadsheet shows it, the column, a code the UI translates, the value) without writing;
//! [`import`] checks the same way and, only when no row has a problem, writes every record
//! in the caller's one transaction through [`records`]' write path. A row that matches a
//! record already held (same agent, course, day and score), or an earlier row of the file,
//! is skipped rather than recorded twice, so importing a file again adds nothing.
//!
//! Columns are found by their header, in English or Chinese, in any order and case.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::courses::MAX_SCORE;
use super::records::{self, RecordInput};
use crate::ids::{AgentId, CourseId};
use crate::import::encoding::{self, Detected, FileEncoding};
use crate::import::problems::RowErrorCode;
use crate::import::rows;
use crate::store::WriteTx;
use crate::{Error, Result};

crate::text_enum::text_enum! {
    /// Why a row of a training-records file cannot be imported.
    pub enum RecordRowCode {
        /// The file has no header row (it is empty).
        NoHeader = "no_header",
        /// A column the import needs is not in the header row (the value names it).
        MissingColumn = "missing_column",
        /// Bytes that are not valid in the file's encoding.
        BadEncoding = "bad_encoding",
        /// More or fewer cells than the header row has.
        FieldCount = "field_count",
        /// The file ends in the middle of this row.
        Truncated = "truncated",
        /// The file has more rows than one import takes.
        TooManyRows = "too_many_rows",
        /// A required value is empty.
        Required = "required",
        /// No agent on the roster has this employee id.
        UnknownEmployee = "unknown_employee",
        /// No course has this title.
        UnknownCourse = "unknown_course",
        /// Not a date as YYYY-MM-DD (or YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日).
        BadDate = "bad_date",
        /// A date after today.
        FutureDate = "future_date",
        /// A date before the agent's hire date.
        BeforeHire = "before_hire",
        /// Not a whole number from 0 to 100.
        BadScore = "bad_score",
        /// Empty, where the course has a pass mark.
        ScoreRequired = "score_required",
    }
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordRowError {
    /// The row as a spreadsheet numbers it: the header row is 1, the first data row 2.
    pub row: u32,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong.
    pub code: RecordRowCode,
    /// The value at fault (at most 80 characters), or the missing column's name.
    pub value: Option<String>,
}

/// What a dry run found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordDryRun {
    /// What encoding detection found.
    pub detected: Detected,
    /// The encoding the file was read in (the chosen one, else the detected one).
    pub encoding: FileEncoding,
    /// Data rows in the file (empty rows not counted).
    pub rows: u32,
    /// Rows that would be recorded.
    pub ready: u32,
    /// Rows skipped: the same record is already held, or is an earlier row of the file.
    pub duplicates: u32,
    /// Every problem, by row; empty when the file can be imported.
    pub errors: Vec<RecordRowError>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordImportSummary {
    /// Records written.
    pub imported: u32,
    /// Rows skipped as already held.
    pub duplicates: u32,
}

/// How far an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct RecordImportProgress {
    /// Records written so far.
    pub done: u32,
    /// Records to write.
    pub total: u32,
}

/// The columns, by the headers each is known by (compared without case, spaces, `_`, `-`).
const EMPLOYEE: &[&str] = &[
    "employeeid",
    "employeeno",
    "empid",
    "staffid",
    "员工编号",
    "員工編號",
    "工号",
    "工號",
    "员工号",
    "員工號",
];
const COURSE: &[&str] = &[
    "course",
    "coursetitle",
    "coursename",
    "课程",
    "課程",
    "课程名称",
    "課程名稱",
];
const DATE: &[&str] = &[
    "date",
    "completed",
    "completedon",
    "completiondate",
    "日期",
    "完成日期",
    "完成时间",
    "完成時間",
];
const SCORE: &[&str] = &["score", "result", "分数", "分數", "成绩", "成績", "得分"];

fn header_key(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Longest value quoted in an error.
const VALUE_MAX: usize = 80;

fn shorten(v: &str) -> Option<String> {
    let v = v.trim();
    if v.is_empty() {
        return None;
    }
    Some(if v.chars().count() <= VALUE_MAX {
        v.to_owned()
    } else {
        let mut s: String = v.chars().take(VALUE_MAX - 1).collect();
        s.push('…');
        s
    })
}

/// A day as the file gives it: `2026-03-01`, `2026/3/1`, `2026.03.01` or `2026年3月1日`.
/// Only year-first forms: `01/03/2026` could be either of two days.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.strip_suffix('日').unwrap_or(t);
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let num = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
}

/// A score as the file gives it: a whole number 0–100 (`85`, `85.0`); `Ok(None)` when
/// empty.
fn parse_score(text: &str) -> std::result::Result<Option<u8>, ()> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(None);
    }
    let whole = t
        .strip_suffix(".0")
        .or_else(|| t.strip_suffix(".00"))
        .unwrap_or(t);
    match whole.parse::<u8>() {
        Ok(s) if s <= MAX_SCORE && whole.chars().all(|c| c.is_ascii_digit()) => Ok(Some(s)),
        _ => Err(()),
    }
}

/// What the roster and courses are, looked up once per run.
struct Lookup {
    /// Employee id (lower case) → agent and hire day.
    agents: HashMap<String, (AgentId, Option<NaiveDate>)>,
    /// Title (lower case) → course and pass mark.
    courses: HashMap<String, (CourseId, Option<u8>)>,
    /// Records already held: (agent, course, day, score).
    held: HashSet<(String, String, String, Option<u8>)>,
}

impl Lookup {
    fn load(conn: &rusqlite::Connection) -> Result<Lookup> {
        let mut agents = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT id, employee_id, hired_on FROM agents WHERE deleted_at IS NULL AND employee_id <> '' ORDER BY created_at, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, AgentId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, employee, hired) = row?;
            let hired = hired.and_then(|h| NaiveDate::parse_from_str(&h, "%Y-%m-%d").ok());
            agents
                .entry(employee.trim().to_lowercase())
                .or_insert((id, hired));
        }
        let mut courses = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, title, pass_mark FROM courses WHERE deleted_at IS NULL ORDER BY created_at, id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, CourseId>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<u8>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, title, pass_mark) = row?;
            courses
                .entry(title.trim().to_lowercase())
                .or_insert((id, pass_mark));
        }
        let mut held = HashSet::new();
        let mut stmt = conn.prepare_cached("SELECT agent_id, course_id, completed_on, score FROM training_records WHERE deleted_at IS NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        for row in rows {
            held.insert(row?);
        }
        Ok(Lookup {
            agents,
            courses,
            held,
        })
    }
}

/// The checked file: the records to write, the skipped rows and every problem.
struct Checked {
    detected: Detected,
    encoding: FileEncoding,
    rows: u32,
    ready: Vec<RecordInput>,
    duplicates: u32,
    errors: Vec<RecordRowError>,
}

fn check(
    conn: &rusqlite::Connection,
    bytes: &[u8],
    chosen: Option<FileEncoding>,
    today: NaiveDate,
) -> Result<Checked> {
    let detected = encoding::detect(bytes);
    let enc = chosen.unwrap_or(detected.encoding);
    let (text, failed) = encoding::decode(bytes, enc);
    let table = rows::parse(&text, failed, None);
    let mut out = Checked {
        detected,
        encoding: enc,
        rows: table.total,
        ready: Vec::new(),
        duplicates: 0,
        errors: Vec::new(),
    };
    for e in &table.errors {
        let code = match e.code {
            RowErrorCode::NoHeader => RecordRowCode::NoHeader,
            RowErrorCode::BadEncoding => RecordRowCode::BadEncoding,
            RowErrorCode::FieldCount => RecordRowCode::FieldCount,
            RowErrorCode::Truncated => RecordRowCode::Truncated,
            RowErrorCode::TooManyRows => RecordRowCode::TooManyRows,
            _ => RecordRowCode::FieldCount,
        };
        out.errors.push(RecordRowError {
            row: e.row,
            column: e.column.clone(),
            code,
            value: e.value.clone(),
        });
    }
    if table.headers.is_empty() {
        return Ok(out);
    }
    let find = |names: &[&str]| {
        table
            .headers
            .iter()
            .position(|h| names.contains(&header_key(h).as_str()))
    };
    let columns = [
        ("employee id", find(EMPLOYEE)),
        ("course", find(COURSE)),
        ("date", find(DATE)),
        ("score", find(SCORE)),
    ];
    let missing: Vec<&str> = columns
        .iter()
        .filter(|(_, i)| i.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        for name in missing {
            out.errors.push(RecordRowError {
                row: 1,
                column: None,
                code: RecordRowCode::MissingColumn,
                value: Some(name.to_owned()),
            });
        }
        return Ok(out);
    }
    let [employee_col, course_col, date_col, score_col] =
        columns.map(|(_, i)| i.unwrap_or_default());
    let lookup = Lookup::load(conn)?;
    let earliest = today - chrono::Days::new(u64::from(records::DAYS_BACK));
    let mut seen: HashSet<(String, String, String, Option<u8>)> = HashSet::new();
    for row in &table.rows {
        let cell = |i: usize| row.cells.get(i).unwrap_or("");
        let mut problems = Vec::new();
        let mut problem = |col: usize, code: RecordRowCode, value: &str| {
            problems.push(RecordRowError {
                row: row.number,
                column: Some(table.headers[col].clone()),
                code,
                value: shorten(value),
            });
        };
        let employee = cell(employee_col).trim();
        let agent = if employee.is_empty() {
            problem(employee_col, RecordRowCode::Required, "");
            None
        } else {
            let found = lookup.agents.get(&employee.to_lowercase());
            if found.is_none() {
                problem(employee_col, RecordRowCode::UnknownEmployee, employee);
            }
            found
        };
        let title = cell(course_col).trim();
        let course = if title.is_empty() {
            problem(course_col, RecordRowCode::Required, "");
            None
        } else {
            let found = lookup.courses.get(&title.to_lowercase());
            if found.is_none() {
                problem(course_col, RecordRowCode::UnknownCourse, title);
            }
            found
        };
        let date_text = cell(date_col);
        let day = match parse_day(date_text) {
            None if date_text.trim().is_empty() => {
                problem(date_col, RecordRowCode::Required, "");
                None
            }
            None => {
                problem(date_col, RecordRowCode::BadDate, date_text);
                None
            }
            Some(d) if d > today => {
                problem(date_col, RecordRowCode::FutureDate, date_text);
                None
            }
            Some(d) if d < earliest => {
                problem(date_col, RecordRowCode::BadDate, date_text);
                None
            }
            Some(d) => {
                if let Some((_, Some(hired))) = agent
                    && d < *hired
                {
                    problem(date_col, RecordRowCode::BeforeHire, date_text);
                }
                Some(d)
            }
        };
        let score_text = cell(score_col);
        let score = match parse_score(score_text) {
            Ok(s) => s,
            Err(()) => {
                problem(score_col, RecordRowCode::BadScore, score_text);
                None
            }
        };
        if score.is_none()
            && parse_score(score_text).is_ok()
            && let Some((_, Some(_))) = course
        {
            problem(score_col, RecordRowCode::ScoreRequired, "");
        }
        if !problems.is_empty() {
            out.errors.extend(problems);
            continue;
        }
        let (Some((agent_id, _)), Some((course_id, _)), Some(day)) = (agent, course, day) else {
            continue;
        };
        let key = (
            agent_id.to_string(),
            course_id.to_string(),
            day.to_string(),
            score,
        );
        if lookup.held.contains(&key) || !seen.insert(key) {
            out.duplicates += 1;
            continue;
        }
        out.ready.push(RecordInput {
            agent_id: agent_id.clone(),
            course_id: course_id.clone(),
            completed_on: day.to_string(),
            score,
            issuer: String::new(),
            note: String::new(),
        });
    }
    out.errors.sort_by_key(|e| e.row);
    Ok(out)
}

/// Checks every row of `bytes` (read as `encoding`, else as detected) on `today` (the
/// workspace's day); writes nothing.
pub fn dry_run(
    conn: &rusqlite::Connection,
    bytes: &[u8],
    encoding: Option<FileEncoding>,
    today: NaiveDate,
) -> Result<RecordDryRun> {
    let c = check(conn, bytes, encoding, today)?;
    Ok(RecordDryRun {
        detected: c.detected,
        encoding: c.encoding,
        rows: c.rows,
        ready: c.ready.len() as u32,
        duplicates: c.duplicates,
        errors: c.errors,
    })
}

/// Imports every row of `bytes` in the caller's transaction, reporting progress; all or
/// nothing. Errors: `ImportInvalid` when any row has a problem (nothing is written; the
/// dry run lists them), and what [`records::add`] refuses.
pub fn import(
    tx: &mut WriteTx<'_>,
    bytes: &[u8],
    encoding: Option<FileEncoding>,
    mut progress: impl FnMut(RecordImportProgress),
) -> Result<RecordImportSummary> {
    let today = crate::settings::today(tx.conn(), tx.now())?;
    let c = check(tx.conn(), bytes, encoding, today)?;
    if !c.errors.is_empty() {
        let rows: HashSet<u32> = c.errors.iter().map(|e| e.row).collect();
        return Err(Error::ImportInvalid {
            rows: rows.len() as u32,
        });
    }
    let total = c.ready.len() as u32;
    progress(RecordImportProgress { done: 0, total });
    for (i, input) in c.ready.iter().enumerate() {
        records::add(tx, input)?;
        let done = i as u32 + 1;
        if done.is_multiple_of(250) || done == total {
            progress(RecordImportProgress { done, total });
        }
    }
    Ok(RecordImportSummary {
        imported: total,
        duplicates: c.duplicates,
    })
}
