//! Full-text search shared by every searchable table (cases, knowledge-base articles).
//!
//! Each searchable table keeps two derived indexes under its rowids: a trigram FTS5 table
//! with `title` and `body` columns (substrings of three characters or more, any script)
//! and a gram table ([`grams`]) for one- and two-character queries, which Chinese words
//! often are. [`matches`] turns a query into the one SELECT of rowids that reads the right
//! index, so every search finds the same things the same way; [`snippet`] cuts the piece
//! of text around the first hit that a result list shows, with the hit marked.

pub(crate) mod grams;

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::customers::escape_like;

/// The indexes of one searchable table (names from migrations, never from input).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Index {
    /// The trigram FTS5 table, with `title` and `body` columns.
    pub fts: &'static str,
    /// The gram table (see [`grams`]).
    pub grams: &'static str,
}

/// A SELECT of the rowids whose title or body contains `text` (ASCII case-insensitive),
/// its parameters numbered from `first`, and their values. Rowids of tombstoned rows are
/// in the indexes too: callers exclude them.
pub(crate) fn matches(index: Index, text: &str, first: usize) -> (String, Vec<Value>) {
    let Index { fts, grams: gram_table } = index;
    let (a, b) = (first, first + 1);
    if let Some(gram) = grams::match_query(text) {
        (format!("SELECT rowid FROM {gram_table} WHERE {gram_table} MATCH ?{a}"), vec![Value::Text(gram)])
    } else if text.chars().count() > grams::MAX_GRAM {
        // A quoted FTS5 string: the trigram tokenizer matches it as a substring.
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        (format!("SELECT rowid FROM {fts} WHERE {fts} MATCH ?{a}"), vec![Value::Text(phrase)])
    } else {
        // One or two characters with ASCII punctuation or a space in them: rare enough for
        // a scan.
        let like = Value::Text(format!("%{}%", escape_like(text)));
        (
            format!("SELECT rowid FROM {fts} WHERE title LIKE ?{a} ESCAPE '\\' OR body LIKE ?{b} ESCAPE '\\'"),
            vec![like.clone(), like],
        )
    }
}

/// A piece of a snippet: plain text, or the text searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// The text.
    pub text: String,
    /// Whether it is the text searched for.
    pub hit: bool,
}

/// The piece of `text` around the first place `query` occurs in it (ASCII
/// case-insensitive, as the indexes match), at most `context` characters either side,
/// with `…` where it was cut; `None` when it does not occur. Segments rather than markup,
/// so the UI never renders stored text as HTML.
pub fn snippet(text: &str, query: &str, context: usize) -> Option<Vec<Segment>> {
    if query.is_empty() {
        return None;
    }
    let hay: Vec<char> = text.chars().collect();
    let needle: Vec<char> = query.chars().collect();
    if needle.len() > hay.len() {
        return None;
    }
    let at = hay.windows(needle.len()).position(|w| w.iter().zip(&needle).all(|(h, n)| h.eq_ignore_ascii_case(n)))?;
    let end = at + needle.len();
    let from = at.saturating_sub(context);
    let to = end.saturating_add(context).min(hay.len());
    let flat = |s: &[char]| s.iter().map(|c| if c.is_whitespace() { ' ' } else { *c }).collect::<String>();
    let mut out = Vec::with_capacity(3);
    let before = format!("{}{}", if from > 0 { "…" } else { "" }, flat(&hay[from..at]));
    if !before.is_empty() {
        out.push(Segment { text: before, hit: false });
    }
    out.push(Segment { text: hay[at..end].iter().collect(), hit: true });
    let after = format!("{}{}", flat(&hay[end..to]), if to < hay.len() { "…" } else { "" });
    if !after.is_empty() {
        out.push(Segment { text: after, hit: false });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> String {
        segments.iter().map(|s| if s.hit { format!("[{}]", s.text) } else { s.text.clone() }).collect()
    }

    #[test]
    fn a_snippet_marks_the_first_hit_and_cuts_around_it() {
        let s = snippet("先核对订单，再办理退款。退款三日到账", "退款", 3).unwrap();
        assert_eq!(marked(&s), "…再办理[退款]。退款…");
        assert_eq!(marked(&snippet("Refund policy", "REFUND", 20).unwrap()), "[Refund] policy");
    }

    #[test]
    fn line_breaks_become_spaces_and_a_missing_query_has_no_snippet() {
        assert_eq!(marked(&snippet("a\nbc\td", "bc", 5).unwrap()), "a [bc] d");
        assert_eq!(snippet("abc", "x", 5), None);
        assert_eq!(snippet("abc", "", 5), None);
    }

    #[test]
    fn each_query_reads_the_index_that_answers_it() {
        let index = Index { fts: "t_fts", grams: "t_grams" };
        assert!(matches(index, "退款", 1).0.contains("t_grams MATCH ?1"));
        assert_eq!(matches(index, "退款单", 2).1, vec![Value::Text("\"退款单\"".into())]);
        assert!(matches(index, "a-", 1).0.contains("LIKE ?2"));
    }
}
