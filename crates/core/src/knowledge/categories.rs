//! The knowledge base's category tree: each category names its parent (none at the top).
//! Name and parent are registers. Moving a category under itself or one of its own
//! descendants is refused here; two devices that each move one category under the other
//! offline can still make a loop once merged, so reading the tree treats a category on a
//! loop as a top-level one rather than trusting the links.
//!
//! Deleting a category is a tombstone; its articles and subcategories move up to its parent
//! in the same transaction. An article filed offline under a category another device
//! deleted keeps the id of a category that is gone, and reads as filed under none.

use std::collections::HashMap;

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::ids::KbCategoryId;
use crate::input::{TextRule, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const NAME: TextRule = TextRule::line("name", 80, true);

/// What the category form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CategoryInput {
    /// Name.
    pub name: String,
    /// The category it sits in; `None` at the top.
    pub parent_id: Option<KbCategoryId>,
}

/// A category, as the tree lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Category {
    /// Id.
    pub id: KbCategoryId,
    /// Name.
    pub name: String,
    /// Its parent; `None` at the top (or when its parent is gone or on a loop).
    pub parent_id: Option<KbCategoryId>,
    /// Its depth in the tree (0 at the top).
    pub depth: u32,
}

/// `NotFound` unless `id` is a live category.
pub(super) fn ensure(conn: &rusqlite::Connection, id: &KbCategoryId) -> Result<()> {
    check_id("categoryId", id.as_str())?;
    conn.prepare_cached("SELECT 1 FROM kb_categories WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "category", id: id.to_string() })
}

fn columns(conn: &rusqlite::Connection, input: &CategoryInput) -> Result<Vec<(&'static str, Value)>> {
    let name = NAME.check(&input.name)?;
    if let Some(p) = &input.parent_id {
        ensure(conn, p)?;
    }
    Ok(vec![
        ("name", Value::Text(name)),
        ("parent_id", input.parent_id.as_ref().map_or(Value::Null, |p| Value::Text(p.to_string()))),
    ])
}

/// Creates a category; returns its id. Errors: an empty or over-long name, an unknown
/// parent.
pub fn create(tx: &mut WriteTx<'_>, input: &CategoryInput) -> Result<KbCategoryId> {
    let values = columns(tx.conn(), input)?;
    let id = KbCategoryId::new();
    tx.insert(Table::KbCategories, id.as_str(), &values)?;
    Ok(id)
}

/// Renames or moves a category. Errors as [`create`], `NotFound`, and a parent that is
/// the category itself or below it (`InvalidValue` on `parentId`).
pub fn update(tx: &mut WriteTx<'_>, id: &KbCategoryId, input: &CategoryInput) -> Result<()> {
    ensure(tx.conn(), id)?;
    let values = columns(tx.conn(), input)?;
    if let Some(parent) = &input.parent_id {
        let parents = parents(tx.conn())?;
        let mut at = Some(parent);
        // Walks up from the new parent; meeting `id` means it would sit under itself.
        for _ in 0..=parents.len() {
            match at {
                Some(p) if p == id => return Err(Error::invalid("parentId", ValidationRule::InvalidValue)),
                Some(p) => at = parents.get(p).and_then(Option::as_ref),
                None => break,
            }
        }
    }
    tx.upsert(Table::KbCategories, id.as_str(), &values)?;
    Ok(())
}

fn parents(conn: &rusqlite::Connection) -> Result<HashMap<KbCategoryId, Option<KbCategoryId>>> {
    let mut stmt = conn.prepare_cached("SELECT id, parent_id FROM kb_categories WHERE deleted_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The whole tree in reading order: each category followed by its children, siblings by
/// name.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<Category>> {
    let mut all: Vec<(KbCategoryId, String, Option<KbCategoryId>)> = conn
        .prepare_cached(
            "SELECT id, name, parent_id FROM kb_categories WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let live: HashMap<KbCategoryId, Option<KbCategoryId>> =
        all.iter().map(|(id, _, p)| (id.clone(), p.clone())).collect();
    // A parent that is gone, or a loop made by two offline moves, puts the category at the
    // top: every category stays reachable.
    let reaches_top = |id: &KbCategoryId| {
        let mut at = live.get(id).cloned().flatten();
        for _ in 0..=live.len() {
            match at {
                None => return true,
                Some(p) if !live.contains_key(&p) => return true,
                Some(p) if &p == id => return false,
                Some(p) => at = live.get(&p).cloned().flatten(),
            }
        }
        false
    };
    for (id, _, parent) in &mut all {
        if parent.as_ref().is_some_and(|p| !live.contains_key(p)) || !reaches_top(id) {
            *parent = None;
        }
    }
    let mut out = Vec::with_capacity(all.len());
    fn walk(
        all: &[(KbCategoryId, String, Option<KbCategoryId>)],
        parent: Option<&KbCategoryId>,
        depth: u32,
        out: &mut Vec<Category>,
    ) {
        for (id, name, p) in all.iter().filter(|(_, _, p)| p.as_ref() == parent) {
            out.push(Category { id: id.clone(), name: name.clone(), parent_id: p.clone(), depth });
            walk(all, Some(id), depth + 1, out);
        }
    }
    walk(&all, None, 0, &mut out);
    Ok(out)
}

/// What deleting a category would move, for its confirmation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CategoryUsage {
    /// Live articles filed directly in it.
    pub articles: u32,
    /// Categories directly inside it.
    pub subcategories: u32,
}

/// How many articles and categories sit directly in a category. `NotFound` when there is
/// no such live category.
pub fn usage(conn: &rusqlite::Connection, id: &KbCategoryId) -> Result<CategoryUsage> {
    ensure(conn, id)?;
    let count = |sql: &str| -> Result<u32> { Ok(conn.prepare_cached(sql)?.query_row([id], |r| r.get(0))?) };
    Ok(CategoryUsage {
        articles: count("SELECT count(*) FROM articles WHERE category_id = ?1 AND deleted_at IS NULL")?,
        subcategories: count("SELECT count(*) FROM kb_categories WHERE parent_id = ?1 AND deleted_at IS NULL")?,
    })
}

/// Deletes a category (a tombstone, so the deletion syncs). Its articles and the
/// categories directly inside it move up to its parent (to the top when it has none), in
/// the same transaction, so nothing is left filed under a category that is gone. Returns
/// what moved. `NotFound` when there is no such live category.
pub fn delete(tx: &mut WriteTx<'_>, id: &KbCategoryId) -> Result<CategoryUsage> {
    let moved = usage(tx.conn(), id)?;
    // The parent as the tree reads it: one that is gone or on a loop counts as the top.
    let parent = list(tx.conn())?.into_iter().find(|c| &c.id == id).and_then(|c| c.parent_id);
    let parent = parent.as_ref().map_or(Value::Null, |p| Value::Text(p.to_string()));
    let ids = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = tx.conn().prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    let articles = ids("SELECT id FROM articles WHERE category_id = ?1 AND deleted_at IS NULL")?;
    let children = ids("SELECT id FROM kb_categories WHERE parent_id = ?1 AND deleted_at IS NULL")?;
    for a in &articles {
        tx.upsert(Table::Articles, a, &[("category_id", parent.clone())])?;
    }
    for c in &children {
        tx.upsert(Table::KbCategories, c, &[("parent_id", parent.clone())])?;
    }
    tx.delete(Table::KbCategories, id.as_str())?;
    Ok(moved)
}
