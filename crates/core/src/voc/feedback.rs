//! Feedback entries that are not cases: survey answers, focus-group notes, comments from
//! reviews or social media. Each has a source, a sentiment, themes (tags), optionally a
//! customer, a journey stage and a CSAT score, a date and its text.
//!
//! The themes are a set: one row per (entry, theme), its id made from both and its
//! `present` flag the element's own register — as case tags — so themes added on two
//! devices offline both stay. Every other field is a register a person sets.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::stages;
use crate::customers::escape_like;
use crate::ids::{CustomerId, FeedbackId, JourneyStageId};
use crate::input::{TextRule, check_count, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule, customers};

crate::text_enum::text_enum! {
    /// Where a feedback entry came from.
    pub enum FeedbackSource {
        /// An answer to a survey.
        Survey = "survey",
        /// A note from a focus group.
        FocusGroup = "focus_group",
        /// An interview with a customer.
        Interview = "interview",
        /// A comment (to an agent, on a form).
        Comment = "comment",
        /// A public review.
        Review = "review",
        /// A post on social media.
        Social = "social",
        /// Anything else.
        Other = "other",
    }
}

crate::text_enum::text_enum! {
    /// How the customer feels, as the person recording it judged.
    pub enum Sentiment {
        /// Pleased.
        Positive = "positive",
        /// Neither.
        Neutral = "neutral",
        /// Unhappy.
        Negative = "negative",
    }
}

/// Longest feedback text, in characters.
pub const TEXT_MAX: u32 = 10_000;
/// Most themes one entry carries.
pub const MAX_THEMES: usize = 20;
/// How far back a feedback date may be, in days (ten years: old survey exports).
pub const DAYS_BACK: u32 = 3_660;
/// How far ahead of today a feedback date may be, in days (a time zone ahead of ours).
pub const DAYS_AHEAD: u32 = 1;
const TEXT: TextRule = TextRule::block("text", TEXT_MAX, true);
pub(crate) const THEME: TextRule = TextRule::line("themes", 40, true);
const SEARCH: TextRule = TextRule::line("text", 200, false);
/// Largest page of a feedback list.
pub const MAX_LIMIT: u32 = 500;

/// What the create and edit forms send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FeedbackInput {
    /// The day it was given (YYYY-MM-DD).
    pub received_on: String,
    /// Where it came from.
    pub source: FeedbackSource,
    /// How the customer feels.
    pub sentiment: Sentiment,
    /// The customer, if known.
    pub customer_id: Option<CustomerId>,
    /// The journey stage it is about, if any.
    pub journey_stage_id: Option<JourneyStageId>,
    /// A CSAT answer (1–5) given with it.
    pub csat: Option<u8>,
    /// Themes (trimmed, de-duplicated, sorted).
    pub themes: Vec<String>,
    /// What the customer said.
    pub text: String,
}

/// A feedback entry as lists and forms show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    /// Id.
    pub id: FeedbackId,
    /// The day it was given.
    pub received_on: String,
    /// Where it came from.
    pub source: FeedbackSource,
    /// How the customer feels.
    pub sentiment: Sentiment,
    /// The customer.
    pub customer_id: Option<CustomerId>,
    /// The customer's name.
    pub customer_name: Option<String>,
    /// The journey stage.
    pub journey_stage_id: Option<JourneyStageId>,
    /// CSAT, 1–5.
    pub csat: Option<u8>,
    /// Themes, sorted.
    pub themes: Vec<String>,
    /// The text.
    pub text: String,
}

/// A feedback list request; empty lists mean any.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FeedbackQuery {
    /// Words in the text.
    pub text: Option<String>,
    /// Only these sources.
    pub sources: Vec<FeedbackSource>,
    /// Only these sentiments.
    pub sentiments: Vec<Sentiment>,
    /// Only these journey stages.
    pub journey_stages: Vec<JourneyStageId>,
    /// Only entries with one of these themes.
    pub themes: Vec<String>,
    /// Given on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Given on or before this day (YYYY-MM-DD).
    pub to: Option<String>,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (1 to [`MAX_LIMIT`]).
    pub limit: u32,
}

/// A page of feedback and how many entries the whole list has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FeedbackPage {
    /// The rows, newest first.
    pub rows: Vec<Feedback>,
    /// Entries in the whole list.
    pub total: u32,
}

/// The checked values of an input.
struct Checked {
    received_on: String,
    text: String,
    themes: Vec<String>,
}

fn check(tx: &WriteTx<'_>, input: &FeedbackInput, current_stage: Option<&JourneyStageId>) -> Result<Checked> {
    let text = TEXT.check(&input.text)?;
    let day = super::parse_day(&input.received_on, "receivedOn")?;
    let today = super::today(tx.conn(), tx.now())?;
    super::check_day_window(day, today, "receivedOn", DAYS_BACK, DAYS_AHEAD)?;
    if input.csat.is_some_and(|v| !(1..=5).contains(&v)) {
        return Err(Error::Validation { field: "csat", rule: ValidationRule::InvalidValue, limit: Some(5) });
    }
    let themes = clean_themes(&input.themes)?;
    if let Some(c) = &input.customer_id {
        check_id("customerId", c.as_str())?;
        customers::ensure_exists(tx.conn(), c)?;
    }
    stages::check_choice(tx.conn(), input.journey_stage_id.as_ref(), current_stage)?;
    Ok(Checked { received_on: day.to_string(), text, themes })
}

/// Themes trimmed, checked, de-duplicated and sorted.
pub(crate) fn clean_themes(themes: &[String]) -> Result<Vec<String>> {
    check_count("themes", themes.len(), MAX_THEMES)?;
    let mut clean = themes.iter().map(|t| THEME.check(t)).collect::<Result<Vec<_>>>()?;
    clean.sort();
    clean.dedup();
    Ok(clean)
}

fn opt_text(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::Text)
}

fn columns(input: &FeedbackInput, c: Checked) -> (Vec<(&'static str, Value)>, Vec<String>) {
    (
        vec![
            ("received_on", Value::Text(c.received_on)),
            ("source", input.source.into()),
            ("sentiment", input.sentiment.into()),
            ("customer_id", opt_text(input.customer_id.as_ref().map(|c| c.to_string()))),
            ("journey_stage_id", opt_text(input.journey_stage_id.as_ref().map(|s| s.to_string()))),
            ("csat", input.csat.map_or(Value::Null, |v| Value::Integer(i64::from(v)))),
            ("text", Value::Text(c.text)),
        ],
        c.themes,
    )
}

/// Records a feedback entry; returns its id. Errors (nothing written): empty or
/// over-long text, a date that is not YYYY-MM-DD or out of its window, a CSAT outside
/// 1–5, too many or over-long themes, an unknown customer, an unknown or retired stage.
pub fn create(tx: &mut WriteTx<'_>, input: &FeedbackInput) -> Result<FeedbackId> {
    let checked = check(tx, input, None)?;
    let id = FeedbackId::new();
    let (values, themes) = columns(input, checked);
    tx.upsert(Table::Feedback, id.as_str(), &values)?;
    write_themes(tx, &id, &[], &themes)?;
    Ok(id)
}

/// Replaces every field of an entry.
pub fn update(tx: &mut WriteTx<'_>, id: &FeedbackId, input: &FeedbackInput) -> Result<()> {
    let before = get(tx.conn(), id)?;
    let checked = check(tx, input, before.journey_stage_id.as_ref())?;
    let (values, themes) = columns(input, checked);
    tx.upsert(Table::Feedback, id.as_str(), &values)?;
    write_themes(tx, id, &before.themes, &themes)
}

/// Deletes an entry (a tombstone, so the deletion syncs). Insights that cite it no
/// longer list it.
pub fn delete(tx: &mut WriteTx<'_>, id: &FeedbackId) -> Result<()> {
    if !tx.delete(Table::Feedback, id.as_str())? {
        return Err(Error::NotFound { entity: "feedback", id: id.to_string() });
    }
    Ok(())
}

/// Writes the elements of the theme set that changed from `before` to `after`.
fn write_themes(tx: &mut WriteTx<'_>, id: &FeedbackId, before: &[String], after: &[String]) -> Result<()> {
    let added = after.iter().filter(|t| !before.contains(t)).map(|t| (t, 1));
    let removed = before.iter().filter(|t| !after.contains(t)).map(|t| (t, 0));
    for (theme, present) in added.chain(removed) {
        tx.upsert(
            Table::FeedbackThemes,
            &crate::ids::member_id(id.as_str(), theme),
            &[
                ("feedback_id", Value::Text(id.to_string())),
                ("theme", Value::Text(theme.clone())),
                ("present", Value::Integer(present)),
            ],
        )?;
    }
    Ok(())
}

const SELECT: &str = "SELECT f.id, f.received_on, f.source, f.sentiment, f.customer_id, cu.name, f.journey_stage_id,
    f.csat, f.text,
    (SELECT json_group_array(theme) FROM (SELECT t.theme FROM feedback_themes t
        WHERE t.feedback_id = f.id AND t.present = 1 AND t.deleted_at IS NULL ORDER BY t.theme))
    FROM feedback f LEFT JOIN customers cu ON cu.id = f.customer_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Feedback> {
    let themes: String = r.get(9)?;
    Ok(Feedback {
        id: r.get(0)?,
        received_on: r.get(1)?,
        source: r.get(2)?,
        sentiment: r.get(3)?,
        customer_id: r.get(4)?,
        customer_name: r.get(5)?,
        journey_stage_id: r.get(6)?,
        csat: r.get::<_, Option<i64>>(7)?.and_then(|v| u8::try_from(v).ok()),
        text: r.get(8)?,
        themes: serde_json::from_str(&themes).unwrap_or_default(),
    })
}

/// One entry.
pub fn get(conn: &rusqlite::Connection, id: &FeedbackId) -> Result<Feedback> {
    conn.prepare_cached(&format!("{SELECT} WHERE f.id = ?1 AND f.deleted_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "feedback", id: id.to_string() })
}

/// Entries by id, in the order given; missing ones are left out.
pub(crate) fn get_many(conn: &rusqlite::Connection, ids: &[FeedbackId]) -> Result<Vec<Feedback>> {
    ids.iter().filter_map(|id| get(conn, id).map(Some).or_else(not_found_as_none).transpose()).collect()
}

fn not_found_as_none<T>(e: Error) -> Result<Option<T>> {
    match e {
        Error::NotFound { .. } => Ok(None),
        e => Err(e),
    }
}

/// Checks a list request: paging, list sizes, days, theme and search lengths.
fn validate(q: &FeedbackQuery) -> Result<()> {
    use crate::cases::query::LIST_MAX;
    if q.limit == 0 || q.limit > MAX_LIMIT {
        return Err(Error::Validation { field: "limit", rule: ValidationRule::InvalidValue, limit: Some(MAX_LIMIT) });
    }
    if let Some(t) = &q.text {
        SEARCH.check(t)?;
    }
    check_count("sources", q.sources.len(), LIST_MAX)?;
    check_count("sentiments", q.sentiments.len(), LIST_MAX)?;
    check_count("journeyStages", q.journey_stages.len(), LIST_MAX)?;
    check_count("themes", q.themes.len(), LIST_MAX)?;
    for s in &q.journey_stages {
        check_id("journeyStages", s.as_str())?;
    }
    for t in &q.themes {
        THEME.check(t)?;
    }
    for (day, field) in [(&q.from, "from"), (&q.to, "to")] {
        if let Some(d) = day {
            super::parse_day(d, field)?;
        }
    }
    Ok(())
}

/// Where-clause and parameters of a (validated) request, on `feedback` as `f`.
pub(crate) fn filters(q: &FeedbackQuery) -> (String, Vec<Value>) {
    let mut sql = String::from("f.deleted_at IS NULL");
    let mut args: Vec<Value> = Vec::new();
    let mut any_of = |sql: &mut String, frag: &str, vals: Vec<Value>| {
        if vals.is_empty() {
            return;
        }
        let start = args.len();
        let marks: Vec<String> = (0..vals.len()).map(|i| format!("?{}", start + i + 1)).collect();
        args.extend(vals);
        sql.push_str(&frag.replace("{}", &marks.join(", ")));
    };
    any_of(&mut sql, " AND f.source IN ({})", q.sources.iter().map(|s| Value::from(*s)).collect());
    any_of(&mut sql, " AND f.sentiment IN ({})", q.sentiments.iter().map(|s| Value::from(*s)).collect());
    any_of(
        &mut sql,
        " AND f.journey_stage_id IN ({})",
        q.journey_stages.iter().map(|s| Value::Text(s.to_string())).collect(),
    );
    any_of(
        &mut sql,
        " AND EXISTS (SELECT 1 FROM feedback_themes t WHERE t.feedback_id = f.id AND t.present = 1
            AND t.deleted_at IS NULL AND t.theme IN ({}))",
        q.themes.iter().map(|t| Value::Text(t.trim().to_owned())).collect(),
    );
    let mut bind = |sql: &mut String, frag: &str, v: Value| {
        args.push(v);
        sql.push_str(&frag.replace('?', &format!("?{}", args.len())));
    };
    if let Some(from) = &q.from {
        bind(&mut sql, " AND f.received_on >= ?", Value::Text(from.trim().to_owned()));
    }
    if let Some(to) = &q.to {
        bind(&mut sql, " AND f.received_on <= ?", Value::Text(to.trim().to_owned()));
    }
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        bind(&mut sql, " AND f.text LIKE ? ESCAPE '\\'", Value::Text(format!("%{}%", escape_like(text))));
    }
    (sql, args)
}

/// A page of feedback, newest first, and the size of the whole list.
pub fn list(conn: &rusqlite::Connection, q: &FeedbackQuery) -> Result<FeedbackPage> {
    validate(q)?;
    let (filter, mut args) = filters(q);
    conn.execute_batch("SAVEPOINT feedback_list")?;
    let page = (|| {
        let total: i64 = conn
            .prepare_cached(&format!("SELECT count(*) FROM feedback f WHERE {filter}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let n = args.len();
        args.push(Value::Integer(i64::from(q.limit)));
        args.push(Value::Integer(i64::from(q.offset)));
        let mut stmt = conn.prepare_cached(&format!(
            "{SELECT} WHERE {filter} ORDER BY f.received_on DESC, f.id DESC LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), from_row)?.collect::<Result<_, _>>()?;
        Ok(FeedbackPage { rows, total: u32::try_from(total).unwrap_or(u32::MAX) })
    })();
    conn.execute_batch("RELEASE feedback_list")?;
    page
}

/// The themes in use, sorted: what the theme pickers offer.
pub fn themes(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT t.theme FROM feedback_themes t JOIN feedback f ON f.id = t.feedback_id
         WHERE t.present = 1 AND t.deleted_at IS NULL AND f.deleted_at IS NULL ORDER BY t.theme",
    )?;
    Ok(stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?)
}
