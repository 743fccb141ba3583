//! Links between articles and cases: a set, one row per (article, case) whose `present`
//! flag is its own register (as insight evidence), so two devices linking and unlinking
//! offline merge per link. And "insert script": a call script's text with the case's
//! customer and reference filled in.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::articles::{self, ArticleKind, ArticleStatus};
use crate::ids::{ArticleId, CaseId};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule, cases};

/// Most articles linked to one case.
pub const MAX_PER_CASE: usize = 50;

/// An article linked to a case, for the case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LinkedArticle {
    /// Id.
    pub id: ArticleId,
    /// Title.
    pub title: String,
    /// Kind (a call script can be inserted).
    pub kind: ArticleKind,
    /// Status.
    pub status: ArticleStatus,
}

/// A case linked to an article, for the article page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LinkedCase {
    /// Id.
    pub id: CaseId,
    /// Reference.
    pub reference: String,
    /// Title.
    pub title: String,
}

/// Links an article to a case (linking twice is harmless). Errors (nothing written): an
/// unknown article or case (`NotFound`), more than [`MAX_PER_CASE`] articles on the case.
pub fn link(tx: &mut WriteTx<'_>, article: &ArticleId, case: &CaseId) -> Result<()> {
    articles::fields(tx.conn(), article)?;
    cases::get(tx.conn(), case)?;
    let linked = for_case(tx.conn(), case)?;
    if linked.iter().any(|a| &a.id == article) {
        return Ok(());
    }
    crate::input::check_count("articleIds", linked.len() + 1, MAX_PER_CASE)?;
    set(tx, article, case, true)
}

/// Removes a link; one that is not there is harmless. `NotFound` for an unknown article.
pub fn unlink(tx: &mut WriteTx<'_>, article: &ArticleId, case: &CaseId) -> Result<()> {
    articles::fields(tx.conn(), article)?;
    crate::input::check_id("caseId", case.as_str())?;
    if for_case(tx.conn(), case)?.iter().any(|a| &a.id == article) {
        set(tx, article, case, false)?;
    }
    Ok(())
}

fn set(tx: &mut WriteTx<'_>, article: &ArticleId, case: &CaseId, present: bool) -> Result<()> {
    tx.upsert(
        Table::ArticleCases,
        &crate::ids::member_id(article.as_str(), &format!("case:{case}")),
        &[
            ("article_id", Value::Text(article.to_string())),
            ("case_id", Value::Text(case.to_string())),
            ("present", Value::Integer(i64::from(present))),
        ],
    )?;
    Ok(())
}

/// The live articles linked to a case, by title.
pub fn for_case(conn: &rusqlite::Connection, case: &CaseId) -> Result<Vec<LinkedArticle>> {
    crate::input::check_id("caseId", case.as_str())?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.title, a.kind, a.status FROM article_cases l JOIN articles a ON a.id = l.article_id
         WHERE l.case_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL AND a.deleted_at IS NULL
         ORDER BY a.title COLLATE NOCASE, a.id",
    )?;
    let rows = stmt.query_map([case], |r| {
        Ok(LinkedArticle { id: r.get(0)?, title: r.get(1)?, kind: r.get(2)?, status: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live cases an article is linked to, newest first.
pub fn cases_of(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Vec<LinkedCase>> {
    articles::fields(conn, article)?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.ref, c.title FROM article_cases l JOIN cases c ON c.id = l.case_id
         WHERE l.article_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL AND c.deleted_at IS NULL
         ORDER BY c.created_at DESC, c.id",
    )?;
    let rows =
        stmt.query_map([article], |r| Ok(LinkedCase { id: r.get(0)?, reference: r.get(1)?, title: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A call script's body for a case: `{customer_name}` and `{case_reference}` replaced by
/// the case's customer (empty without one) and reference. Errors: `NotFound`, an article
/// that is not a call script (`InvalidValue` on `articleId`).
pub fn script_for_case(conn: &rusqlite::Connection, article: &ArticleId, case: &CaseId) -> Result<String> {
    let a = articles::fields(conn, article)?;
    if a.kind != ArticleKind::CallScript {
        return Err(Error::invalid("articleId", ValidationRule::InvalidValue));
    }
    let c = cases::get(conn, case)?;
    Ok(fill(&a.body, c.customer_name.as_deref().unwrap_or(""), &c.reference))
}

/// Fills the placeholders of a script in one pass, so a customer called
/// "{case_reference}" stays as typed.
fn fill(script: &str, customer: &str, reference: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut rest = script;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{customer_name}") {
            out.push_str(customer);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{case_reference}") {
            out.push_str(reference);
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_are_filled_once_and_others_stay() {
        assert_eq!(
            fill("您好，{customer_name}！工单 {case_reference}。", "王芳", "C-0042"),
            "您好，王芳！工单 C-0042。"
        );
        assert_eq!(fill("{customer_name} {x} {", "{case_reference}", "R"), "{case_reference} {x} {");
    }
}
