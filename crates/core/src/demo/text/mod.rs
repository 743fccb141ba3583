//! The words demo data is made of, one phrasebook per language.
//!
//! Texts are templates: `{days}`, `{weeks}`, `{minutes}`, `{times}`, `{amount}`, `{order}`,
//! `{product}`, `{device}`, `{plan}`, `{speed}`, `{code}` and `{dept}` are filled per case by
//! [`super::plan::Vars`], so one case speaks of one product and one amount throughout.
//! Categories are listed in the same order in every language (see [`CATEGORY_COUNT`]), so
//! the generator's mix of categories, teams and departments does not depend on language.

mod en;
mod zh_hans;
mod zh_hant;

use crate::settings::Language;

/// Billing, Delivery, Technical, Account, Complaint, Refund, Product quality.
pub(super) const CATEGORY_COUNT: usize = 7;

/// The texts of one case category.
pub(super) struct CategoryText {
    /// Category name as stored on the case.
    pub name: &'static str,
    /// Case titles.
    pub titles: &'static [&'static str],
    /// Case descriptions (fit any title of the category).
    pub descriptions: &'static [&'static str],
    /// Investigation notes.
    pub notes: &'static [&'static str],
    /// Root causes recorded at resolution.
    pub root_causes: &'static [&'static str],
    /// Resolution summaries.
    pub summaries: &'static [&'static str],
    /// Department a case of this category is escalated to.
    pub department: &'static str,
}

/// Everything language-dependent the generator writes.
pub(super) struct Phrasebook {
    /// Organisation name set in Settings when none is set.
    pub organisation: &'static str,
    /// The four teams: billing & accounts, orders & delivery, technical, customer relations.
    pub teams: [&'static str; 4],
    /// Case categories, in the order of [`CATEGORY_COUNT`].
    pub categories: [CategoryText; CATEGORY_COUNT],
    /// Whether a full name is written family name first without a space (王小明).
    pub family_first: bool,
    /// Given names.
    pub given_names: &'static [&'static str],
    /// Family names.
    pub family_names: &'static [&'static str],
    /// Companies some customers work for.
    pub companies: &'static [&'static str],
    /// Notes on VIP customers.
    pub vip_notes: &'static [&'static str],
    /// Products (for `{product}`).
    pub products: &'static [&'static str],
    /// Battery-powered devices with a screen (for `{device}`: product-quality cases).
    pub devices: &'static [&'static str],
    /// Plans (for `{plan}`).
    pub plans: &'static [&'static str],
    /// Tags.
    pub tags: &'static [&'static str],
    /// Whether amounts carry pence/cents (`12.50`) or are whole (`128`).
    pub decimal_amounts: bool,
    /// The contact that opened the case (a call, chat or visit).
    pub intake: &'static [&'static str],
    /// Our first answer.
    pub first_response: &'static [&'static str],
    /// Asking the customer for something (the case then waits for them).
    pub ask_customer: &'static [&'static str],
    /// The customer's answer.
    pub customer_reply: &'static [&'static str],
    /// A progress update.
    pub progress: &'static [&'static str],
    /// Explaining the fix.
    pub explain_fix: &'static [&'static str],
    /// The customer reporting the problem again.
    pub reopen_contact: &'static [&'static str],
    /// Note on reopening.
    pub reopen_note: &'static [&'static str],
    /// Note when the case starts waiting for another department (`{dept}`).
    pub waiting_internal: &'static [&'static str],
    /// Note when that department answered (`{dept}`).
    pub internal_answered: &'static [&'static str],
    /// Why a case was escalated.
    pub escalation_reasons: &'static [&'static str],
    /// Call-back outcomes, by how satisfied the customer was: good, mixed, bad.
    pub outcomes: [&'static [&'static str]; 3],
    /// Call-back outcome when nobody answered.
    pub no_answer: &'static [&'static str],
    /// Customers' comments, good, mixed, bad.
    pub comments: [&'static [&'static str]; 3],
}

/// The phrasebook of `language`.
pub(super) fn phrasebook(language: Language) -> &'static Phrasebook {
    super::parts::book_in(language, [&en::EN, &zh_hans::ZH_HANS, &zh_hant::ZH_HANT])
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Language; 3] = [Language::En, Language::ZhHans, Language::ZhHant];

    fn all_templates(p: &Phrasebook) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = Vec::new();
        for c in &p.categories {
            for list in [c.titles, c.descriptions, c.notes, c.root_causes, c.summaries] {
                v.extend_from_slice(list);
            }
        }
        for list in [
            p.intake,
            p.first_response,
            p.ask_customer,
            p.customer_reply,
            p.progress,
            p.explain_fix,
            p.reopen_contact,
            p.reopen_note,
            p.waiting_internal,
            p.internal_answered,
            p.escalation_reasons,
            p.no_answer,
        ] {
            v.extend_from_slice(list);
        }
        for list in p.outcomes.iter().chain(p.comments.iter()) {
            v.extend_from_slice(list);
        }
        v
    }

    #[test]
    fn every_list_has_entries() {
        for lang in ALL {
            let p = phrasebook(lang);
            for c in &p.categories {
                for list in [c.titles, c.descriptions, c.notes, c.root_causes, c.summaries] {
                    assert!(!list.is_empty(), "{lang:?} {}", c.name);
                }
            }
            assert!(p.given_names.len() >= 20 && p.family_names.len() >= 20, "{lang:?}");
            assert!(!all_templates(p).iter().any(|t| t.trim().is_empty()), "{lang:?}");
        }
    }

    #[test]
    fn templates_use_only_known_placeholders() {
        const KNOWN: &[&str] = &[
            "days", "weeks", "minutes", "times", "amount", "order", "product", "device", "plan", "speed", "code",
            "dept",
        ];
        for lang in ALL {
            for t in all_templates(phrasebook(lang)) {
                let mut rest = t;
                while let Some(start) = rest.find('{') {
                    let end = rest[start..].find('}').map(|e| start + e);
                    let name = end.map(|e| &rest[start + 1..e]);
                    assert!(name.is_some_and(|n| KNOWN.contains(&n)), "{lang:?}: {t:?}");
                    rest = &rest[end.unwrap_or(rest.len() - 1) + 1..];
                }
            }
        }
    }

    #[test]
    fn category_names_are_distinct_and_short() {
        for lang in ALL {
            let names: Vec<&str> = phrasebook(lang).categories.iter().map(|c| c.name).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), CATEGORY_COUNT, "{lang:?}");
            assert!(names.iter().all(|n| n.chars().count() <= 80));
        }
    }
}
