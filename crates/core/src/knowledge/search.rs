//! Finding articles: full-text search over title and body through the shared search
//! indexes (crate::search — the same matching as case search, Chinese and English
//! alike), with the hit marked in the title and a snippet of the body, and filters by
//! kind, category (with its subcategories), tag and status.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::articles::{ArticleKind, ArticleStatus, ArticleSummary, CONFLICTS, TAGS_JSON, parse_tags};
use super::categories;
use crate::Result;
use crate::ids::KbCategoryId;
use crate::input::TextRule;
use crate::search::{self, Segment};

/// Longest search text, in characters.
pub const TEXT_MAX: u32 = 200;
const TEXT: TextRule = TextRule::line("query", TEXT_MAX, false);
const TAG: TextRule = TextRule::line("tag", 40, false);
/// Most articles one search returns (the best first).
pub const MAX_HITS: u32 = 200;
/// Characters of body shown either side of a hit.
const CONTEXT: usize = 60;

/// What the list asks for. Without a status, archived articles are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ArticleQuery {
    /// Text to find in title or body.
    pub text: Option<String>,
    /// Only this kind.
    pub kind: Option<ArticleKind>,
    /// Only this category and those below it.
    pub category_id: Option<KbCategoryId>,
    /// Only articles with this tag.
    pub tag: Option<String>,
    /// Only this status.
    pub status: Option<ArticleStatus>,
}

/// An article found, with the text searched for marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ArticleHit {
    /// The article.
    pub article: ArticleSummary,
    /// Its title, the hit marked.
    pub title: Vec<Segment>,
    /// The piece of its body around the first hit (empty when the body has none, or
    /// without search text).
    pub snippet: Vec<Segment>,
}

/// The articles `q` finds: title matches first, then by last change. Errors: an
/// over-long text or tag, an unknown category.
pub fn find(conn: &rusqlite::Connection, q: &ArticleQuery) -> Result<Vec<ArticleHit>> {
    let text = TEXT.check(q.text.as_deref().unwrap_or(""))?;
    let tag = TAG.check(q.tag.as_deref().unwrap_or(""))?;
    // Without search text there is no snippet to cut: bodies are not read.
    let body = if text.is_empty() { "''" } else { "a.body" };
    let mut sql = format!(
        "SELECT a.id, a.title, a.kind, a.category_id, a.status, {TAGS_JSON}, a.review_on, {CONFLICTS}, a.updated_at, {body}
         FROM articles a WHERE a.deleted_at IS NULL"
    );
    let mut args: Vec<Value> = Vec::new();
    if !text.is_empty() {
        let (matches, values) = search::matches(INDEX, &text, args.len() + 1);
        args.extend(values);
        sql.push_str(&format!(" AND a.rowid IN ({matches})"));
    }
    if let Some(kind) = q.kind {
        args.push(kind.into());
        sql.push_str(&format!(" AND a.kind = ?{}", args.len()));
    }
    if let Some(category) = &q.category_id {
        categories::ensure(conn, category)?;
        let tree = categories::list(conn)?;
        let mut within = vec![category.clone()];
        // The tree lists each category right before its descendants.
        if let Some(i) = tree.iter().position(|c| &c.id == category) {
            let depth = tree[i].depth;
            within.extend(tree[i + 1..].iter().take_while(|c| c.depth > depth).map(|c| c.id.clone()));
        }
        let first = args.len() + 1;
        args.extend(within.iter().map(|c| Value::Text(c.to_string())));
        let marks: Vec<String> = (first..=args.len()).map(|i| format!("?{i}")).collect();
        sql.push_str(&format!(" AND a.category_id IN ({})", marks.join(", ")));
    }
    if !tag.is_empty() {
        args.push(Value::Text(tag));
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = ?{}
               AND t.present = 1 AND t.deleted_at IS NULL)",
            args.len()
        ));
    }
    match q.status {
        Some(status) => {
            args.push(status.into());
            sql.push_str(&format!(" AND a.status = ?{}", args.len()));
        }
        None => sql.push_str(" AND a.status <> 'archived'"),
    }
    sql.push_str(" ORDER BY a.updated_at DESC, a.id");
    if text.is_empty() {
        // With search text every match is read, so that title matches can come first.
        sql.push_str(&format!(" LIMIT {MAX_HITS}"));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        Ok((
            ArticleSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                category_id: r.get(3)?,
                status: r.get(4)?,
                tags: parse_tags(&r.get::<_, String>(5)?)?,
                review_on: r.get(6)?,
                conflicts: r.get(7)?,
                updated_at: r.get(8)?,
            },
            r.get::<_, String>(9)?,
        ))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (article, body) = row?;
        let title = search::snippet(&article.title, &text, usize::MAX)
            .unwrap_or_else(|| vec![Segment { text: article.title.clone(), hit: false }]);
        let snippet = search::snippet(&body, &text, CONTEXT).unwrap_or_default();
        hits.push(ArticleHit { article, title, snippet });
    }
    // Stable: within each group the order by last change stays.
    hits.sort_by_key(|h| !h.title.iter().any(|s| s.hit));
    hits.truncate(MAX_HITS as usize);
    Ok(hits)
}

/// The search indexes of articles (their migration).
const INDEX: search::Index = search::Index { fts: "articles_fts", grams: "articles_grams" };

/// Every tag in use on a live article, sorted (for the tag filter).
pub fn tags(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT t.tag FROM article_tags t JOIN articles a ON a.id = t.article_id
         WHERE t.present = 1 AND t.deleted_at IS NULL AND a.deleted_at IS NULL ORDER BY t.tag",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
