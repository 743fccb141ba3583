//! The index behind one- and two-character searches.
//!
//! A Chinese word is often two characters, and the trigram index cannot find anything
//! shorter than three. So each case's text is also indexed as the set of its one- and
//! two-character grams, each stored as a token of an FTS5 table with the `ascii`
//! tokenizer, which splits only on ASCII spaces and punctuation and folds only ASCII case.
//! Matching a 1–2 character query against that table is then exactly "contains it as a
//! substring, ASCII case-insensitive" — what `LIKE '%q%'` means — but read from an index.
//!
//! The grams are made by the SQL function [`FUNCTION`], registered on every connection
//! the store opens, so the search triggers keep the index current for every writer.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// Name of the SQL function `fl_grams(text) -> text` the search triggers call.
pub(crate) const FUNCTION: &str = "fl_grams";

/// Longest query answered from the gram index.
pub(crate) const MAX_GRAM: usize = 2;

/// Whether the `ascii` tokenizer keeps `c` inside a token: every non-ASCII character and
/// ASCII letters and digits.
fn is_token_char(c: char) -> bool {
    !c.is_ascii() || c.is_ascii_alphanumeric()
}

/// The distinct one- and two-character grams of `text`, space-separated: each a whole
/// token for the `ascii` tokenizer. ASCII is lowered first only to drop duplicates the
/// tokenizer would fold anyway.
pub(crate) fn grams(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    // (c, None) is the unigram c, (c, Some(d)) the bigram cd: sorted as the strings
    // would be (code point order is UTF-8 byte order), without a string per gram.
    let mut grams: Vec<(char, Option<char>)> = Vec::with_capacity(chars.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        if !is_token_char(c) {
            continue;
        }
        grams.push((c, None));
        if let Some(&next) = chars.get(i + 1).filter(|n| is_token_char(**n)) {
            grams.push((c, Some(next)));
        }
    }
    grams.sort_unstable();
    grams.dedup();
    let mut out = String::with_capacity(grams.len() * 7);
    for (c, next) in grams {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
        out.extend(next);
    }
    out
}

/// The FTS5 query for `text` if the gram index can answer it exactly: one or two
/// characters, all of them token characters (so the query is one whole token).
pub(crate) fn match_query(text: &str) -> Option<String> {
    let n = text.chars().count();
    ((1..=MAX_GRAM).contains(&n) && text.chars().all(is_token_char)).then(|| format!("\"{text}\""))
}

/// Registers [`FUNCTION`] on `conn`. Deterministic, so SQLite may use it in triggers and
/// cache its result within a statement.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        FUNCTION,
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|t| grams(&t))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grams_are_the_distinct_unigrams_and_bigrams() {
        assert_eq!(grams("退款退款"), "款 款退 退 退款");
        assert_eq!(grams("Ab ab"), "a ab b");
    }

    #[test]
    fn ascii_punctuation_and_spaces_split_grams() {
        // "a-b" never forms a gram across the hyphen; non-ASCII punctuation stays in.
        assert_eq!(grams("a-b"), "a b");
        assert_eq!(grams("好，"), "好 好， ，");
        assert_eq!(grams(""), "");
    }

    proptest::proptest! {
        /// The grams are exactly the distinct token substrings of one or two characters,
        /// in string order, whatever the text's scripts.
        #[test]
        fn grams_are_the_sorted_distinct_short_substrings(text in "[a-cA-C -\\-好款退，\u{1F600}é]{0,24}") {
            let lower: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
            let mut expected = std::collections::BTreeSet::new();
            for n in 1..=MAX_GRAM {
                for w in lower.windows(n).filter(|w| w.iter().all(|c| is_token_char(*c))) {
                    expected.insert(w.iter().collect::<String>());
                }
            }
            proptest::prop_assert_eq!(grams(&text), expected.into_iter().collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn only_short_whole_token_queries_use_the_index() {
        assert_eq!(match_query("退款").as_deref(), Some("\"退款\""));
        assert_eq!(match_query("x").as_deref(), Some("\"x\""));
        assert_eq!(match_query("a b"), None);
        assert_eq!(match_query("a\""), None);
        assert_eq!(match_query("a-"), None);
        assert_eq!(match_query("退款单"), None);
        assert_eq!(match_query(""), None);
    }
}
