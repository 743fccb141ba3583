//! Articles: what a knowledge-base article is and the draft a supervisor edits. Every
//! field is a register and the tags are a set (one row per tag, as case tags), so edits
//! on two devices merge per field and per tag. The body, the one field long enough to
//! hold a day's work, is also protected against a lost concurrent edit (versions.rs).

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::categories;
use crate::ids::{ArticleId, KbCategoryId};
use crate::input::{TextRule, check_id, parse_day};
use crate::store::{Table, WriteTx};
use crate::{Error, Result};

crate::text_enum::text_enum! {
    /// What an article is for.
    pub enum ArticleKind {
        /// A standard operating procedure.
        Sop = "sop",
        /// A service policy.
        Policy = "policy",
        /// A call script, with `{customer_name}` and `{case_reference}` placeholders.
        CallScript = "call_script",
        /// A known issue and its answer (FAQ).
        KnownIssue = "known_issue",
        /// Anything else.
        Other = "other",
    }
}

crate::text_enum::text_enum! {
    /// Where an article stands.
    pub enum ArticleStatus {
        /// Being written (or restored from an older version): not published.
        Draft = "draft",
        /// Published: the latest publication is what the team reads.
        Published = "published",
        /// No longer in use; kept for the record.
        Archived = "archived",
    }
}

const TITLE: TextRule = TextRule::line("title", 200, true);
/// Longest article body, in characters: a long SOP is some 20,000; ten times that leaves
/// room while keeping every version, diff and search row of an article small.
pub const BODY_MAX: u32 = 200_000;
const BODY: TextRule = TextRule::block("body", BODY_MAX, false);
const OWNER: TextRule = TextRule::line("owner", 120, false);

/// What the article form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ArticleInput {
    /// Title.
    pub title: String,
    /// Body, in Markdown.
    pub body: String,
    /// What it is for.
    pub kind: ArticleKind,
    /// Its category, if any.
    pub category_id: Option<KbCategoryId>,
    /// Tags.
    pub tags: Vec<String>,
    /// Who keeps it up to date.
    pub owner: String,
    /// When it is due for review (`YYYY-MM-DD`), if ever.
    pub review_on: Option<String>,
}

/// An article with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// Id.
    pub id: ArticleId,
    /// The fields, as the form edits them (tags sorted).
    pub fields: ArticleInput,
    /// Draft, published or archived.
    pub status: ArticleStatus,
    /// Whether the title or body differ from the latest publication (derived).
    pub changed_since_publish: bool,
    /// Texts kept from sync conflicts since the latest publication (derived).
    pub conflicts: u32,
    /// When it was created.
    pub created_at: String,
    /// When it was last changed on this device.
    pub updated_at: String,
}

/// An article, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ArticleSummary {
    /// Id.
    pub id: ArticleId,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ArticleKind,
    /// Category.
    pub category_id: Option<KbCategoryId>,
    /// Status.
    pub status: ArticleStatus,
    /// Tags, sorted.
    pub tags: Vec<String>,
    /// Review date.
    pub review_on: Option<String>,
    /// Texts kept from sync conflicts since the latest publication.
    pub conflicts: u32,
    /// When it was last changed on this device.
    pub updated_at: String,
}

/// Columns to write, with their values.
type Columns = Vec<(&'static str, Value)>;

/// Checks the form; returns the columns to write and the clean tags.
fn columns(conn: &rusqlite::Connection, input: &ArticleInput) -> Result<(Columns, Vec<String>)> {
    let title = TITLE.check(&input.title)?;
    let body = BODY.check(&input.body)?;
    let owner = OWNER.check(&input.owner)?;
    if let Some(c) = &input.category_id {
        categories::ensure(conn, c)?;
    }
    let review_on = match input.review_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(day) => Value::Text(parse_day(day, "reviewOn")?.to_string()),
        None => Value::Null,
    };
    let tags = crate::cases::clean_tags(&input.tags)?;
    let category = input.category_id.as_ref().map_or(Value::Null, |c| Value::Text(c.to_string()));
    Ok((
        vec![
            ("title", Value::Text(title)),
            ("body", Value::Text(body)),
            ("kind", input.kind.into()),
            ("category_id", category),
            ("owner", Value::Text(owner)),
            ("review_on", review_on),
        ],
        tags,
    ))
}

/// Checks an article form as [`create`] would, writing nothing.
pub(crate) fn check(conn: &rusqlite::Connection, input: &ArticleInput) -> Result<()> {
    columns(conn, input).map(|_| ())
}

/// Creates a draft article; returns its id. Errors (nothing written): an empty or
/// over-long title, a body over [`BODY_MAX`] characters, an over-long owner or tag, too
/// many tags, a malformed review date, an unknown category.
pub fn create(tx: &mut WriteTx<'_>, input: &ArticleInput) -> Result<ArticleId> {
    let (mut values, tags) = columns(tx.conn(), input)?;
    values.push(("status", ArticleStatus::Draft.into()));
    let id = ArticleId::new();
    tx.insert(Table::Articles, id.as_str(), &values)?;
    write_tags(tx, &id, &[], &tags)?;
    Ok(id)
}

/// Replaces an article's fields; its status stays (a published article edited shows
/// `changed_since_publish` until published again). Errors as [`create`], and `NotFound`.
pub fn update(tx: &mut WriteTx<'_>, id: &ArticleId, input: &ArticleInput) -> Result<()> {
    let before = fields(tx.conn(), id)?;
    let (values, tags) = columns(tx.conn(), input)?;
    tx.upsert(Table::Articles, id.as_str(), &values)?;
    write_tags(tx, id, &before.tags, &tags)
}

/// Archives an article (it stays readable, out of the default list). `NotFound` when
/// there is no such article.
pub fn archive(tx: &mut WriteTx<'_>, id: &ArticleId) -> Result<()> {
    fields(tx.conn(), id)?;
    tx.upsert(Table::Articles, id.as_str(), &[("status", ArticleStatus::Archived.into())])?;
    Ok(())
}

/// Writes the elements of the tag set that changed from `before` to `after`.
fn write_tags(tx: &mut WriteTx<'_>, id: &ArticleId, before: &[String], after: &[String]) -> Result<()> {
    let added = after.iter().filter(|t| !before.contains(t)).map(|t| (t, 1));
    let removed = before.iter().filter(|t| !after.contains(t)).map(|t| (t, 0));
    for (tag, present) in added.chain(removed) {
        tx.upsert(
            Table::ArticleTags,
            &crate::ids::member_id(id.as_str(), tag),
            &[
                ("article_id", Value::Text(id.to_string())),
                ("tag", Value::Text(tag.clone())),
                ("present", Value::Integer(present)),
            ],
        )?;
    }
    Ok(())
}

/// The SQL of an article's present tags as a JSON array, sorted (`a` is the article).
pub(super) const TAGS_JSON: &str = "(SELECT json_group_array(tag) FROM (SELECT t.tag FROM article_tags t
    WHERE t.article_id = a.id AND t.present = 1 AND t.deleted_at IS NULL ORDER BY t.tag))";

/// The SQL of how many conflict versions an article has since its latest publication
/// (`a` is the article): publishing, after reading them, settles them.
pub(super) const CONFLICTS: &str = "(SELECT count(*) FROM article_versions v
    WHERE v.article_id = a.id AND v.kind = 'conflict' AND v.deleted_at IS NULL
    AND v.created_at > coalesce((SELECT max(p.created_at) FROM article_versions p
        WHERE p.article_id = a.id AND p.kind = 'published' AND p.deleted_at IS NULL), ''))";

pub(super) fn parse_tags(json: &str) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(json)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into()))
}

/// An article's fields; `NotFound` when there is no such live article.
pub fn fields(conn: &rusqlite::Connection, id: &ArticleId) -> Result<ArticleInput> {
    Ok(get(conn, id)?.fields)
}

/// One article's page; `NotFound` when there is no such live article.
pub fn get(conn: &rusqlite::Connection, id: &ArticleId) -> Result<Article> {
    check_id("articleId", id.as_str())?;
    let sql = format!(
        "SELECT a.title, a.body, a.kind, a.category_id, {TAGS_JSON}, a.owner, a.review_on, a.status, {CONFLICTS},
             a.created_at, a.updated_at
         FROM articles a WHERE a.id = ?1 AND a.deleted_at IS NULL"
    );
    let article = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            Ok(Article {
                id: id.clone(),
                fields: ArticleInput {
                    title: r.get(0)?,
                    body: r.get(1)?,
                    kind: r.get(2)?,
                    category_id: r.get(3)?,
                    tags: parse_tags(&r.get::<_, String>(4)?)?,
                    owner: r.get(5)?,
                    review_on: r.get(6)?,
                },
                status: r.get(7)?,
                changed_since_publish: false,
                conflicts: r.get(8)?,
                created_at: r.get(9)?,
                updated_at: r.get(10)?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "article", id: id.to_string() })?;
    let published = super::versions::latest_published(conn, id)?;
    let changed = published.is_some_and(|(title, body)| title != article.fields.title || body != article.fields.body);
    Ok(Article { changed_since_publish: changed, ..article })
}
