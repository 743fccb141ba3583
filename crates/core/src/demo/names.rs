//! Demo people: agents' and customers' names, companies, phone numbers and e-mails in the
//! chosen language (and its region's formats: UK, mainland China, Taiwan).

use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::text::Phrasebook;
use crate::customers::{CustomerInput, Tier};
use crate::settings::Language;

/// Share of customers who are VIP.
const VIP_SHARE: f64 = 0.08;
/// Share of customers who contact us for a company.
const COMPANY_SHARE: f64 = 0.25;

/// A full name: "Emma Clarke", "王小明", "陳美玲".
pub(super) fn person(rng: &mut StdRng, book: &Phrasebook) -> (String, String, String) {
    let given = *book.given_names.choose(rng).unwrap_or(&"");
    let family = *book.family_names.choose(rng).unwrap_or(&"");
    let full = if book.family_first { format!("{family}{given}") } else { format!("{given} {family}") };
    (full, given.to_owned(), family.to_owned())
}

/// `n` distinct names (falls back to numbering when the lists run out).
pub(super) fn distinct_people(rng: &mut StdRng, book: &Phrasebook, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(n);
    while out.len() < n {
        let mut name = person(rng, book).0;
        for attempt in 0..20 {
            if !out.contains(&name) {
                break;
            }
            name = if attempt < 19 { person(rng, book).0 } else { format!("{name} {}", out.len() + 1) };
        }
        out.push(name);
    }
    out
}

/// The `index`-th demo customer. At least the first customer of every twelve is VIP, so
/// even the smallest demo has a VIP queue.
pub(super) fn customer(rng: &mut StdRng, book: &Phrasebook, language: Language, index: usize) -> CustomerInput {
    let (name, given, family) = person(rng, book);
    let vip = index == 0 || rng.random_bool(VIP_SHARE);
    let company =
        if rng.random_bool(COMPANY_SHARE) { book.companies.choose(rng).copied().unwrap_or_default() } else { "" };
    let email = match language {
        Language::En if rng.random_bool(0.8) => {
            let clean = |s: &str| s.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_lowercase();
            let n: u32 = rng.random_range(0..100);
            format!(
                "{}.{}{}@example.com",
                clean(&given),
                clean(&family),
                if n < 60 { String::new() } else { n.to_string() }
            )
        }
        Language::ZhHans | Language::ZhHant if rng.random_bool(0.5) => format!("customer{:05}@example.com", index + 1),
        _ => String::new(),
    };
    let phone = match language {
        // Ofcom's range reserved for drama: never a real subscriber.
        Language::En => format!("07700 900{:03}", rng.random_range(0..1000)),
        Language::ZhHans => {
            let prefix = ["138", "139", "135", "150", "186", "177", "199"].choose(rng).copied().unwrap_or("138");
            format!("{prefix}{:08}", rng.random_range(0..100_000_000))
        }
        Language::ZhHant => format!(
            "09{:02}-{:03}-{:03}",
            rng.random_range(10..100),
            rng.random_range(0..1000),
            rng.random_range(0..1000)
        ),
    };
    let notes = if vip { book.vip_notes.choose(rng).copied().unwrap_or_default() } else { "" };
    CustomerInput {
        name,
        company: company.to_owned(),
        email,
        phone,
        tier: if vip { Tier::Vip } else { Tier::Standard },
        notes: notes.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::super::text::phrasebook;
    use super::*;

    #[test]
    fn names_follow_the_language() {
        let mut rng = StdRng::seed_from_u64(7);
        let en = person(&mut rng, phrasebook(Language::En)).0;
        assert!(en.contains(' '), "{en}");
        let zh = person(&mut rng, phrasebook(Language::ZhHans)).0;
        assert!(!zh.contains(' ') && (2..=3).contains(&zh.chars().count()), "{zh}");
    }

    #[test]
    fn distinct_people_are_distinct() {
        let mut rng = StdRng::seed_from_u64(7);
        let mut names = distinct_people(&mut rng, phrasebook(Language::ZhHant), 24);
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 24);
    }

    #[test]
    fn customers_pass_validation_shape() {
        let mut rng = StdRng::seed_from_u64(7);
        for lang in [Language::En, Language::ZhHans, Language::ZhHant] {
            for i in 0..200 {
                let c = customer(&mut rng, phrasebook(lang), lang, i);
                assert!(c.email.is_empty() || c.email.contains('@'), "{}", c.email);
                assert!(!c.phone.is_empty() && c.phone.len() <= 40);
                if i == 0 {
                    assert_eq!(c.tier, Tier::Vip);
                }
            }
        }
    }
}
