//! Review reminders: the published articles whose review date has come, for the home
//! screen. Derived on every read from the articles' review dates and today — nothing is
//! stored, so a review date moved on another device drops the reminder everywhere.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::articles::ArticleKind;
use crate::Result;
use crate::ids::ArticleId;

/// Most reminders listed (the longest overdue first).
pub const MAX_DUE: u32 = 50;

/// A published article due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReviewDue {
    /// The article.
    pub id: ArticleId,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: ArticleKind,
    /// Who keeps it up to date.
    pub owner: String,
    /// The review date (YYYY-MM-DD), today or before.
    pub review_on: String,
    /// Days since the review date (0: due today).
    pub days_overdue: u32,
}

/// The reminders of one day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ReviewReminders {
    /// The articles due, the longest overdue first (at most [`MAX_DUE`]).
    pub articles: Vec<ReviewDue>,
    /// How many are due in all.
    pub total: u32,
}

/// The published articles whose review date is `today` or before, the longest overdue
/// first (at most [`MAX_DUE`]), and how many there are in all. Drafts and archived
/// articles are left out: a draft is not what the team reads, an archived one is no
/// longer in use.
pub fn due(conn: &rusqlite::Connection, today: NaiveDate) -> Result<ReviewReminders> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, kind, owner, review_on FROM articles
         WHERE deleted_at IS NULL AND status = 'published' AND review_on IS NOT NULL AND review_on <= ?1
         ORDER BY review_on, title COLLATE NOCASE, id",
    )?;
    let rows = stmt
        .query_map([today.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?)))?;
    let mut out = Vec::new();
    let mut total = 0;
    for row in rows {
        let (id, title, kind, owner, review_on) = row?;
        // A day that does not parse can only come from a broken peer: left out.
        let Ok(day) = NaiveDate::parse_from_str(&review_on, "%Y-%m-%d") else { continue };
        total += 1;
        if out.len() < MAX_DUE as usize {
            let days_overdue = u32::try_from((today - day).num_days()).unwrap_or(0);
            out.push(ReviewDue { id, title, kind, owner, review_on, days_overdue });
        }
    }
    Ok(ReviewReminders { articles: out, total })
}
