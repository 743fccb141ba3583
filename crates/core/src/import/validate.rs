//! One row checked against the mapping and our rules: either a [`Draft`] of the case it
//! becomes, or every problem it has (all of them, not only the first, so one dry run
//! shows everything to fix).
//!
//! The rules are the store's own (the same text rules `cases::create` and
//! `customers::create` apply), checked here so that the dry run finds what the import
//! would fail on. Values are cleaned the way a spreadsheet user expects: surrounding
//! space trimmed, line breaks and tabs in a one-line field (a title) made spaces, a
//! description longer than ours cut (with "…"), `-` and `--` read as empty (helpdesks
//! write them for "none").
//!
//! Times: a resolved or closed case needs the time it was resolved; when the file has
//! none, its closing time, then its last update, then its creation stand in (a resolution
//! time of zero rather than a lost case). A first response after the resolution is
//! dropped (resolving answers the customer too). No date may lie in the future, and none
//! but the last update before the case's creation.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use super::dates::{self, DateProblem};
use super::mapping::{Field, ImportMapping, header_key, value_key};
use super::problems::{RowError, RowErrorCode};
use super::rows::Row;
use crate::cases::{self, CaseChannel, CaseStatus, MAX_TAGS, Priority};
use crate::input::TextRule;
use crate::{Error, ValidationRule, customers, people};

/// Longest external id kept, in characters.
pub const EXTERNAL_ID_MAX: usize = 200;
/// How far ahead of now a date may lie (clocks and time zones disagree a little).
const FUTURE_SLACK: Duration = Duration::hours(24);

/// A valid row: the case it becomes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    pub row: u32,
    pub line: u32,
    /// `source:id`, or `source:row-<hash of the row>` when the file has no id column.
    pub external_id: String,
    pub title: String,
    pub description: String,
    pub category: String,
    pub channel: CaseChannel,
    pub priority: Priority,
    pub status: CaseStatus,
    pub tags: Vec<String>,
    pub created: DateTime<Utc>,
    /// When the case reached its current status, for open and pending cases.
    pub status_at: DateTime<Utc>,
    pub first_response: Option<DateTime<Utc>>,
    pub resolved: Option<DateTime<Utc>>,
    pub closed: Option<DateTime<Utc>>,
    pub root_cause: Option<String>,
    pub resolution_summary: Option<String>,
    pub customer: Option<CustomerDraft>,
    pub assignee: Option<String>,
    pub team: Option<String>,
}

/// The customer a row names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CustomerDraft {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub company: String,
}

/// The mapping resolved against one file's headers.
pub(crate) struct Context {
    /// Field → (column index, header as written).
    columns: BTreeMap<Field, (usize, String)>,
    mapping: ImportMapping,
    tz: Tz,
    now: DateTime<Utc>,
}

impl Context {
    /// Resolves `mapping`'s columns in `headers`; a mapped column the file lacks, or a
    /// required field without a column, is an error of the header row.
    pub fn new(
        mapping: ImportMapping,
        headers: &[String],
        tz: Tz,
        now: DateTime<Utc>,
    ) -> Result<Context, Vec<RowError>> {
        let mapping = mapping.normalised();
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        let mut columns = BTreeMap::new();
        let mut errors = Vec::new();
        for (field, header) in &mapping.columns {
            match keys.iter().position(|k| *k == header_key(header)) {
                Some(i) => {
                    columns.insert(*field, (i, headers[i].clone()));
                }
                None => errors.push(missing(header, *field)),
            }
        }
        for field in Field::REQUIRED {
            if !mapping.columns.contains_key(field) {
                errors.push(missing(field.as_str(), *field));
            }
        }
        if errors.is_empty() { Ok(Context { columns, mapping, tz, now }) } else { Err(errors) }
    }

    /// The mapping in use (value maps normalised).
    pub fn mapping(&self) -> &ImportMapping {
        &self.mapping
    }

    /// The column index of `field`, if mapped.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).map(|(i, _)| *i)
    }
}

fn missing(header: &str, field: Field) -> RowError {
    let mut e = RowError::cell(1, 1, header, field, RowErrorCode::MissingColumn, "");
    e.message = format!("the file has no column {header:?} (for {})", field.as_str());
    e
}

/// Reads one row.
pub(crate) fn row(cx: &Context, row: &Row) -> Result<Draft, Vec<RowError>> {
    let mut r = Reader { cx, row, errors: Vec::new() };
    let m = &cx.mapping;

    let id = r.text(Field::ExternalId);
    let external_id = match cx.columns.contains_key(&Field::ExternalId) {
        true if id.is_empty() => {
            r.fail(Field::ExternalId, RowErrorCode::Required, "");
            String::new()
        }
        true if id.chars().count() > EXTERNAL_ID_MAX => {
            r.fail(Field::ExternalId, RowErrorCode::TooLong, &id);
            String::new()
        }
        true => format!("{}:{id}", m.source),
        false => format!("{}:row-{}", m.source, row_hash(row)),
    };
    let title = r.checked(Field::Title, &one_line(&r.text(Field::Title)), cases::TITLE);
    let description = r.checked(Field::Description, &cut(&r.text(Field::Description), cases::DESCRIPTION.max), cases::DESCRIPTION);
    let category = r.checked(Field::Category, &one_line(&r.text(Field::Category)), cases::CATEGORY);
    let status = r.value(Field::Status, &m.statuses, RowErrorCode::UnknownStatus, Some(CaseStatus::New), true);
    let priority = r.value(Field::Priority, &m.priorities, RowErrorCode::UnknownPriority, Some(m.default_priority), false);
    let channel = r.value(Field::Channel, &m.channels, RowErrorCode::UnknownChannel, Some(m.default_channel), false);
    let tags = r.tags();

    let created = r.date(Field::CreatedAt);
    if created.is_none() && r.text(Field::CreatedAt).is_empty() {
        r.fail(Field::CreatedAt, RowErrorCode::Required, "");
    }
    let updated = r.date(Field::UpdatedAt);
    let mut first_response = r.date(Field::FirstResponseAt);
    let minutes = r.minutes(Field::FirstResponseMinutes);
    let resolved = r.date(Field::ResolvedAt);
    let closed = r.date(Field::ClosedAt);
    let root_cause = r.optional(Field::RootCause, cases::ROOT_CAUSE);
    let resolution_summary = r.optional(Field::ResolutionSummary, cases::RESOLUTION);
    let customer = r.customer();
    let assignee = r.optional(Field::Assignee, people::NAME).map(|s| one_line(&s));
    let team = r.optional(Field::Team, people::NAME).map(|s| one_line(&s));

    let Some(created) = created else { return Err(r.errors) };
    if first_response.is_none()
        && let Some(m) = minutes
    {
        first_response = Some(created + Duration::minutes(m));
    }
    for (field, t) in [(Field::FirstResponseAt, first_response), (Field::ResolvedAt, resolved), (Field::ClosedAt, closed)] {
        if t.is_some_and(|t| t < created) {
            let text = r.text(field);
            r.fail(field, RowErrorCode::BeforeCreated, &text);
        }
    }
    let (status, priority, channel) = match (status, priority, channel) {
        (Some(s), Some(p), Some(c)) if r.errors.is_empty() => (s, p, c),
        _ => return Err(r.errors),
    };
    let updated = updated.filter(|u| *u >= created);
    let done = matches!(status, CaseStatus::Resolved | CaseStatus::Closed);
    let resolved = done.then(|| resolved.or(closed).or(updated).unwrap_or(created));
    let closed = (status == CaseStatus::Closed).then(|| {
        let at = closed.or(updated).unwrap_or(created);
        at.max(resolved.unwrap_or(created))
    });
    let first_response = first_response.filter(|f| resolved.is_none_or(|r| *f <= r));
    let status_at = updated.unwrap_or(created).max(first_response.unwrap_or(created));
    Ok(Draft {
        row: row.number,
        line: row.line,
        external_id,
        title,
        description,
        category,
        channel,
        priority,
        status,
        tags,
        created,
        status_at,
        first_response,
        resolved,
        closed,
        root_cause,
        resolution_summary,
        customer,
        assignee,
        team,
    })
}

/// Reads the cells of one row, collecting problems.
struct Reader<'a> {
    cx: &'a Context,
    row: &'a Row,
    errors: Vec<RowError>,
}

impl Reader<'_> {
    /// The cell of `field`, trimmed; empty when unmapped or a placeholder for "none".
    fn text(&self, field: Field) -> String {
        let Some(i) = self.cx.column(field) else { return String::new() };
        let v = self.row.cells.get(i).unwrap_or("").trim();
        if matches!(v, "-" | "--" | "—") { String::new() } else { v.to_owned() }
    }

    fn fail(&mut self, field: Field, code: RowErrorCode, value: &str) {
        let header = self.cx.columns.get(&field).map_or(field.as_str(), |(_, h)| h.as_str());
        self.errors.push(RowError::cell(self.row.number, self.row.line, header, field, code, value));
    }

    /// `value` checked by `rule`; a problem is noted (and an empty string returned).
    fn checked(&mut self, field: Field, value: &str, rule: TextRule) -> String {
        match rule.check(value) {
            Ok(v) => v,
            Err(e) => {
                self.fail(field, code_of(&e), value);
                String::new()
            }
        }
    }

    /// The cell of `field` checked by `rule`, `None` when empty.
    fn optional(&mut self, field: Field, rule: TextRule) -> Option<String> {
        let v = self.text(field);
        if v.is_empty() {
            return None;
        }
        let checked = self.checked(field, &v, rule);
        (!checked.is_empty()).then_some(checked)
    }

    /// The cell of `field` looked up in `map`: `empty` when unmapped or (unless
    /// `required`) empty; a value the map lacks is `unknown`.
    fn value<T: Copy>(
        &mut self,
        field: Field,
        map: &BTreeMap<String, T>,
        unknown: RowErrorCode,
        empty: Option<T>,
        required: bool,
    ) -> Option<T> {
        let v = self.text(field);
        if v.is_empty() {
            if required && self.cx.columns.contains_key(&field) {
                self.fail(field, RowErrorCode::Required, "");
                return None;
            }
            return empty;
        }
        match map.get(&value_key(&v)) {
            Some(t) => Some(*t),
            None => {
                self.fail(field, unknown, &v);
                None
            }
        }
    }

    fn date(&mut self, field: Field) -> Option<DateTime<Utc>> {
        let v = self.text(field);
        if v.is_empty() {
            return None;
        }
        match dates::parse(&v, self.cx.mapping.date_order, self.cx.tz) {
            Ok(t) if t > self.cx.now + FUTURE_SLACK => {
                self.fail(field, RowErrorCode::FutureDate, &v);
                None
            }
            Ok(t) => Some(t),
            Err(p) => {
                let code = match p {
                    DateProblem::Ambiguous => RowErrorCode::AmbiguousDate,
                    DateProblem::Nonexistent => RowErrorCode::NonexistentTime,
                    DateProblem::Unreadable => RowErrorCode::BadDate,
                };
                self.fail(field, code, &v);
                None
            }
        }
    }

    /// A whole number of minutes (a decimal part is rounded), up to ten years.
    fn minutes(&mut self, field: Field) -> Option<i64> {
        let v = self.text(field);
        if v.is_empty() {
            return None;
        }
        match v.replace(',', "").parse::<f64>() {
            Ok(m) if (0.0..=5_256_000.0).contains(&m) => Some(m.round() as i64),
            _ => {
                self.fail(field, RowErrorCode::BadNumber, &v);
                None
            }
        }
    }

    fn tags(&mut self) -> Vec<String> {
        let v = self.text(Field::Tags);
        let seps = &self.cx.mapping.tag_separators;
        let split_space = seps.contains(' ');
        let mut tags: Vec<String> = v
            .split(|c: char| seps.contains(c) || (split_space && c.is_whitespace()))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        tags.sort();
        tags.dedup();
        if tags.len() > MAX_TAGS {
            self.fail(Field::Tags, RowErrorCode::TooManyTags, &v);
            return Vec::new();
        }
        let mut out = Vec::with_capacity(tags.len());
        for t in tags {
            if let Err(e) = cases::TAG.check(&t) {
                self.fail(Field::Tags, code_of(&e), &t);
            } else {
                out.push(t);
            }
        }
        out
    }

    fn customer(&mut self) -> Option<CustomerDraft> {
        let mut name = one_line(&self.text(Field::CustomerName));
        let email = self.text(Field::CustomerEmail);
        let email = match customers::check_email(&email) {
            Ok(e) => e,
            Err(_) => {
                self.fail(Field::CustomerEmail, RowErrorCode::BadEmail, &email);
                String::new()
            }
        };
        if name.is_empty() {
            name.clone_from(&email);
        }
        if name.is_empty() {
            return None;
        }
        let name = self.checked(Field::CustomerName, &name, customers::NAME);
        let phone = self.checked(Field::CustomerPhone, &one_line(&self.text(Field::CustomerPhone)), customers::PHONE);
        let company =
            self.checked(Field::CustomerCompany, &one_line(&self.text(Field::CustomerCompany)), customers::COMPANY);
        Some(CustomerDraft { name, email, phone, company })
    }
}

/// The row code of a rule's refusal.
fn code_of(e: &Error) -> RowErrorCode {
    match e {
        Error::Validation { rule: ValidationRule::Required, .. } => RowErrorCode::Required,
        Error::Validation { rule: ValidationRule::TooLong, .. } => RowErrorCode::TooLong,
        _ => RowErrorCode::BadCharacter,
    }
}

/// Line breaks and tabs as single spaces.
fn one_line(s: &str) -> String {
    if s.contains(char::is_whitespace) { s.split_whitespace().collect::<Vec<_>>().join(" ") } else { s.to_owned() }
}

/// `s` cut to `max` characters, the last one "…" when cut.
fn cut(s: &str, max: u32) -> String {
    let max = max as usize;
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// A stable id for a row of a file without an id column: a hash of its cells.
fn row_hash(row: &Row) -> String {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x3c1d_9a0e_7f4b_4e21_b6d8_52a0_c9e1_7d34);
    let joined = row.cells.iter().map(str::trim).collect::<Vec<_>>().join("\u{1f}");
    uuid::Uuid::new_v5(&NAMESPACE, joined.as_bytes()).simple().to_string()
}
