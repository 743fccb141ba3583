//! What each part of the demo (cases' texts, voice of the customer, QA, coaching) draws
//! on: its book of texts in the demo's language, and a random stream of its own.

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::settings::Language;

/// The book, among a part's English, Simplified and Traditional ones, in `language`.
pub(super) fn book_in<T: ?Sized>(language: Language, [en, zh_hans, zh_hant]: [&'static T; 3]) -> &'static T {
    match language {
        Language::En => en,
        Language::ZhHans => zh_hans,
        Language::ZhHant => zh_hant,
    }
}

/// The random stream of the part named by `part` (any constant of its own): drawing more
/// in one part then never reshuffles another, so a demo stays the same where it did not
/// change.
pub(super) fn part_rng(seed: u64, part: u64) -> StdRng {
    StdRng::seed_from_u64(seed ^ part)
}
