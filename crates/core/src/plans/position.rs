//! Sortable position keys: a step's place among its phase's steps as a short text that
//! sorts between its neighbours' (fractional indexing).
//!
//! Why not a list or integers: a list of step ids is one value two devices overwrite, and
//! renumbering integers rewrites every step after the moved one. With a key between two
//! neighbours, a move or an insert writes one register of one step, so two supervisors
//! reordering offline merge per step. Equal keys (two devices inserting at the same place)
//! are ordered by id, the same on every device.

/// The digits, in ASCII order so that text comparison is numeric comparison.
const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const BASE: usize = DIGITS.len();

fn digit(c: u8) -> usize {
    DIGITS.iter().position(|d| *d == c).unwrap_or(0)
}

/// A key that sorts strictly after `before` and strictly before `after` (`None`: the start
/// or the end). Keys never end in `0`, so there is always room between two of them. A
/// malformed pair (`before` not below `after`, from a broken peer) gives a key after
/// `before`.
pub fn between(before: Option<&str>, after: Option<&str>) -> String {
    let a = before.unwrap_or("");
    match after {
        Some(b) if a < b => midpoint(a.as_bytes(), Some(b.as_bytes())),
        _ if a.is_empty() => midpoint(&[], None),
        _ => successor(a.as_bytes()),
    }
}

/// A key after `a`, one digit up rather than halfway to the end: steps are mostly added
/// at the end, and halving would lengthen the key every few steps.
fn successor(a: &[u8]) -> String {
    match a.split_first() {
        Some((&c, rest)) if digit(c) + 1 == BASE => format!("{}{}", char::from(c), successor(rest)),
        Some((&c, _)) => char::from(DIGITS[digit(c) + 1]).to_string(),
        None => midpoint(&[], None),
    }
}

fn midpoint(a: &[u8], b: Option<&[u8]>) -> String {
    if let Some(b) = b {
        // Keep the common prefix (`a` padded with zeros) and split the rest.
        let n = b.iter().enumerate().take_while(|(i, c)| a.get(*i).copied().unwrap_or(b'0') == **c).count();
        if n > 0 {
            let rest = midpoint(a.get(n..).unwrap_or(&[]), Some(&b[n..]));
            return format!("{}{rest}", String::from_utf8_lossy(&b[..n]));
        }
    }
    let da = a.first().map_or(0, |c| digit(*c));
    let db = b.and_then(|b| b.first()).map_or(BASE, |c| digit(*c));
    // Saturating: a key from a broken peer may hold characters that are not digits.
    if db.saturating_sub(da) > 1 {
        return char::from(DIGITS[(da + db) / 2]).to_string();
    }
    match b {
        // `b` is longer: its first digit alone sorts between.
        Some(b) if b.len() > 1 => char::from(b[0]).to_string(),
        _ => format!("{}{}", char::from(DIGITS[da]), midpoint(a.get(1..).unwrap_or(&[]), None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(before: Option<&str>, after: Option<&str>) -> String {
        let k = between(before, after);
        assert!(before.is_none_or(|a| a < k.as_str()), "{before:?} < {k}");
        assert!(after.is_none_or(|b| k.as_str() < b), "{k} < {after:?}");
        assert!(!k.ends_with('0'), "{k}");
        k
    }

    #[test]
    fn first_key_sits_in_the_middle() {
        assert_eq!(check(None, None), "i");
    }

    #[test]
    fn keys_fit_between_neighbours_and_at_both_ends() {
        check(Some("i"), None);
        check(None, Some("i"));
        check(Some("i"), Some("j"));
        check(Some("i"), Some("i1"));
        check(Some("a"), Some("a01"));
        check(Some("zz"), None);
        check(None, Some("01"));
    }

    #[test]
    fn repeated_inserts_at_the_front_and_between_stay_ordered() {
        let mut keys = vec![check(None, None)];
        for _ in 0..200 {
            let k = check(None, Some(&keys[0]));
            keys.insert(0, k);
        }
        let mut hi = check(Some(&keys[0]), Some(&keys[1]));
        for _ in 0..200 {
            hi = check(Some(&keys[0]), Some(&hi));
        }
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, keys);
    }

    #[test]
    fn appending_keeps_keys_short() {
        let mut last = check(None, None);
        for _ in 0..100 {
            last = check(Some(&last), None);
        }
        assert!(last.len() <= 8, "{last}");
    }

    #[test]
    fn a_malformed_pair_still_gives_a_key_after_the_first() {
        let k = between(Some("m"), Some("c"));
        assert!(k.as_str() > "m");
    }
}
