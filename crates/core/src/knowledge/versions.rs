//! Versions of an article: append-only snapshots of its title and body, with who and
//! when, never edited.
//!
//! Publishing keeps one ([`VersionKind::Published`]). Sync keeps another kind: the body is
//! a register, so of two devices that edited it offline the later writer wins — and the
//! other text would be gone. When this device's body loses that way, sync records the
//! loss (store/apply.rs, `sync_conflicts`) and notes the article; the derivation hook then
//! calls [`keep_lost_bodies`], which keeps the losing text as a [`VersionKind::Conflict`]
//! version. That version is an event like any other, so every device ends up holding both
//! texts: the winner as the body, the loser in the history. Its id is made from the
//! article and the losing stamp, so recording it twice (a retried sync) writes one row.
//!
//! Any two versions (or a version and the current draft) can be compared line by line,
//! and any version restored as the new draft.

use std::collections::BTreeSet;

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::articles::{self, ArticleStatus};
use crate::ids::{ArticleId, ArticleVersionId};
use crate::input::check_id;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// Why a version was kept.
    pub enum VersionKind {
        /// The article was published.
        Published = "published",
        /// This text lost to a concurrent edit of the body on another device.
        Conflict = "conflict",
    }
}

/// A version, for the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ArticleVersionSummary {
    /// Id.
    pub id: ArticleVersionId,
    /// Published or kept from a conflict.
    pub kind: VersionKind,
    /// 1 for the first publication, then 2, … (conflict versions have none: 0).
    pub number: u32,
    /// The title it had.
    pub title: String,
    /// Who: the signed-in user of the device that kept it (empty on a device that never
    /// signed in).
    pub author: String,
    /// When (RFC 3339).
    pub at: String,
}

/// How a line of a diff changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DiffOp {
    /// In both.
    Equal,
    /// Only in the newer text.
    Insert,
    /// Only in the older text.
    Delete,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DiffLine {
    /// How it changed.
    pub op: DiffOp,
    /// The line, without its line break.
    pub text: String,
}

/// An article's versions, oldest first; published ones numbered in order of publication
/// (the same on every device once synced).
pub fn list(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Vec<ArticleVersionSummary>> {
    articles::fields(conn, article)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, author, created_at FROM article_versions
         WHERE article_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id",
    )?;
    let rows = stmt.query_map([article], |r| {
        Ok(ArticleVersionSummary {
            id: r.get(0)?,
            kind: r.get(1)?,
            number: 0,
            title: r.get(2)?,
            author: r.get(3)?,
            at: r.get(4)?,
        })
    })?;
    let mut out = Vec::new();
    let mut published = 0;
    for row in rows {
        let mut v = row?;
        if v.kind == VersionKind::Published {
            published += 1;
            v.number = published;
        }
        out.push(v);
    }
    Ok(out)
}

/// One version's title and body; `NotFound` when there is none.
pub fn text(conn: &rusqlite::Connection, id: &ArticleVersionId) -> Result<(ArticleId, String, String)> {
    check_id("versionId", id.as_str())?;
    conn.prepare_cached("SELECT article_id, title, body FROM article_versions WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "article version", id: id.to_string() })
}

/// The title and body of an article's latest publication, if it was ever published.
pub(super) fn latest_published(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT title, body FROM article_versions WHERE article_id = ?1 AND kind = 'published'
             AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
        )?
        .query_row([article], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn author(conn: &rusqlite::Connection) -> Result<String> {
    Ok(crate::sync::enrollment(conn)?.map(|e| e.user).unwrap_or_default())
}

/// Publishes the article as it is now: keeps a version with who and when and marks it
/// published; returns the version. Publishing an unchanged published article returns its
/// latest version and writes nothing. Errors (nothing written): `NotFound`, an empty body
/// (`Required` on `body`).
pub fn publish(tx: &mut WriteTx<'_>, article: &ArticleId) -> Result<ArticleVersionId> {
    let a = articles::get(tx.conn(), article)?;
    if a.fields.body.trim().is_empty() {
        return Err(Error::invalid("body", ValidationRule::Required));
    }
    if a.status == ArticleStatus::Published && !a.changed_since_publish {
        let latest: Option<ArticleVersionId> = tx
            .conn()
            .prepare_cached(
                "SELECT id FROM article_versions WHERE article_id = ?1 AND kind = 'published' AND deleted_at IS NULL
                 ORDER BY created_at DESC, id DESC LIMIT 1",
            )?
            .query_row([article], |r| r.get(0))
            .optional()?;
        if let Some(id) = latest {
            return Ok(id);
        }
    }
    let id = ArticleVersionId::new();
    let author = author(tx.conn())?;
    insert(tx, &id, article, VersionKind::Published, &a.fields.title, &a.fields.body, author)?;
    tx.upsert(Table::Articles, article.as_str(), &[("status", ArticleStatus::Published.into())])?;
    Ok(id)
}

fn insert(
    tx: &mut WriteTx<'_>,
    id: &ArticleVersionId,
    article: &ArticleId,
    kind: VersionKind,
    title: &str,
    body: &str,
    author: String,
) -> Result<()> {
    tx.insert(
        Table::ArticleVersions,
        id.as_str(),
        &[
            ("article_id", Value::Text(article.to_string())),
            ("kind", kind.into()),
            ("title", Value::Text(title.to_owned())),
            ("body", Value::Text(body.to_owned())),
            ("author", Value::Text(author)),
        ],
    )
}

/// Makes an older version the draft again: the article takes its title and body and
/// becomes a draft (publishing it makes a new version; nothing before is rewritten).
/// `NotFound` when there is no such version or its article is gone.
pub fn restore(tx: &mut WriteTx<'_>, version: &ArticleVersionId) -> Result<ArticleId> {
    let (article, title, body) = text(tx.conn(), version)?;
    articles::fields(tx.conn(), &article)?;
    tx.upsert(
        Table::Articles,
        article.as_str(),
        &[("title", Value::Text(title)), ("body", Value::Text(body)), ("status", ArticleStatus::Draft.into())],
    )?;
    Ok(article)
}

/// The body of `old` against that of `new`, line by line; `None` stands for the article's
/// current draft (of `article`). Errors: `NotFound`, versions of another article
/// (`InvalidValue` on `versionId`).
pub fn diff(
    conn: &rusqlite::Connection,
    article: &ArticleId,
    old: Option<&ArticleVersionId>,
    new: Option<&ArticleVersionId>,
) -> Result<Vec<DiffLine>> {
    let body = |v: Option<&ArticleVersionId>| -> Result<String> {
        match v {
            None => Ok(articles::fields(conn, article)?.body),
            Some(v) => {
                let (of, _, body) = text(conn, v)?;
                if &of != article {
                    return Err(Error::invalid("versionId", ValidationRule::InvalidValue));
                }
                Ok(body)
            }
        }
    };
    Ok(line_diff(&body(old)?, &body(new)?))
}

/// The line diff of two texts (a last line without a line break equals one with it).
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let ended = |s: &str| if s.is_empty() || s.ends_with('\n') { s.to_owned() } else { format!("{s}\n") };
    let (old, new) = (ended(old), ended(new));
    similar::TextDiff::from_lines(&old, &new)
        .iter_all_changes()
        .map(|c| DiffLine {
            op: match c.tag() {
                similar::ChangeTag::Equal => DiffOp::Equal,
                similar::ChangeTag::Insert => DiffOp::Insert,
                similar::ChangeTag::Delete => DiffOp::Delete,
            },
            text: c.value().trim_end_matches(['\n', '\r']).to_owned(),
        })
        .collect()
}

/// Keeps, as conflict versions, the bodies of `articles` this device lost to concurrent
/// edits (recorded by sync in `sync_conflicts`), each once. Called by the derivation hook
/// for every article a sync touched.
pub(crate) fn keep_lost_bodies(tx: &mut WriteTx<'_>, articles: &BTreeSet<String>) -> Result<()> {
    let mut lost: Vec<(ArticleId, String, String)> = Vec::new();
    {
        let mut stmt = tx.conn().prepare_cached(
            "SELECT mine, mine_hlc FROM sync_conflicts WHERE tbl = 'articles' AND col = 'body' AND row_id = ?1
             AND kind = 'value' ORDER BY id",
        )?;
        for a in articles {
            let rows =
                stmt.query_map([a], |r| Ok((ArticleId(a.clone()), r.get::<_, Option<String>>(0)?, r.get(1)?)))?;
            for row in rows {
                let (id, mine, hlc) = row?;
                lost.push((id, mine.unwrap_or_default(), hlc));
            }
        }
    }
    for (article, body, hlc) in lost {
        let id = ArticleVersionId(crate::ids::member_id(article.as_str(), &format!("conflict:{hlc}")));
        let known = tx
            .conn()
            .prepare_cached("SELECT 1 FROM article_versions WHERE id = ?1")?
            .query_row([&id], |_| Ok(()))
            .optional()?
            .is_some();
        let Some(title) = title_of(tx.conn(), &article)? else { continue };
        if !known {
            let author = author(tx.conn())?;
            insert(tx, &id, &article, VersionKind::Conflict, &title, &body, author)?;
        }
    }
    Ok(())
}

fn title_of(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT title FROM articles WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([article], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(d: &[DiffLine]) -> Vec<(DiffOp, &str)> {
        d.iter().map(|l| (l.op, l.text.as_str())).collect()
    }

    #[test]
    fn a_line_diff_shows_kept_removed_and_added_lines() {
        let d = line_diff("核对订单\nRefund in 3 days\nClose\n", "核对订单\nRefund in 5 days\nClose");
        assert_eq!(
            ops(&d),
            [
                (DiffOp::Equal, "核对订单"),
                (DiffOp::Delete, "Refund in 3 days"),
                (DiffOp::Insert, "Refund in 5 days"),
                (DiffOp::Equal, "Close"),
            ]
        );
    }

    #[test]
    fn equal_texts_have_only_equal_lines() {
        assert!(line_diff("a\nb", "a\nb").iter().all(|l| l.op == DiffOp::Equal));
        assert_eq!(line_diff("", ""), []);
    }
}
