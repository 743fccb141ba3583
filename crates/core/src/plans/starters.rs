//! Starter plans: three worked examples (system outage, contact-volume surge, PR crisis) in
//! English, Simplified and Traditional Chinese, each with steps in all four phases, owner
//! roles and target offsets, placeholder contacts to replace and communication templates.
//!
//! The content is data (`starters/<key>.<language>.json`, compiled in), in the shape the
//! authoring forms send, and a copy is made through the same write path as typing it in
//! — create the plan, add each step, contact and template — so every rule applies and the
//! copy syncs like any plan. The copy is a draft the user adapts before publishing.

use serde::{Deserialize, Serialize};

use super::contacts::{self, PlanContactInput};
use super::plans::{self, PlanInput, StepInput};
use super::templates::{self, TemplateInput};
use crate::ids::PlanId;
use crate::settings::Language;
use crate::store::WriteTx;
use crate::{Error, Result};

crate::text_enum::text_enum! {
    /// One of the example plans.
    pub enum StarterKey {
        /// Telephony or the helpdesk down.
        SystemOutage = "system_outage",
        /// Far more contacts than forecast.
        VolumeSurge = "volume_surge",
        /// A complaint spreading in public.
        PrCrisis = "pr_crisis",
    }
}

/// An example plan as the forms would send it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Starter {
    plan: PlanInput,
    steps: Vec<StepInput>,
    contacts: Vec<PlanContactInput>,
    templates: Vec<TemplateInput>,
}

/// An example plan, for the "Start from an example" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StarterSummary {
    /// Which example.
    pub key: StarterKey,
    /// Its title in the language asked for.
    pub title: String,
    /// Its trigger criteria, as a description.
    pub triggers: String,
    /// How many steps it has.
    pub steps: u32,
}

fn source(key: StarterKey, language: Language) -> &'static str {
    use Language::{En, ZhHans, ZhHant};
    use StarterKey::{PrCrisis, SystemOutage, VolumeSurge};
    match (key, language) {
        (SystemOutage, En) => include_str!("starters/system_outage.en.json"),
        (SystemOutage, ZhHans) => include_str!("starters/system_outage.zh-Hans.json"),
        (SystemOutage, ZhHant) => include_str!("starters/system_outage.zh-Hant.json"),
        (VolumeSurge, En) => include_str!("starters/volume_surge.en.json"),
        (VolumeSurge, ZhHans) => include_str!("starters/volume_surge.zh-Hans.json"),
        (VolumeSurge, ZhHant) => include_str!("starters/volume_surge.zh-Hant.json"),
        (PrCrisis, En) => include_str!("starters/pr_crisis.en.json"),
        (PrCrisis, ZhHans) => include_str!("starters/pr_crisis.zh-Hans.json"),
        (PrCrisis, ZhHant) => include_str!("starters/pr_crisis.zh-Hant.json"),
    }
}

fn load(key: StarterKey, language: Language) -> Result<Starter> {
    serde_json::from_str(source(key, language))
        .map_err(|e| Error::Internal(format!("starter plan {} ({language:?}) is malformed: {e}", key.as_str())))
}

/// The example plans in `language`, in a fixed order.
pub fn list(language: Language) -> Result<Vec<StarterSummary>> {
    StarterKey::ALL
        .iter()
        .map(|&key| {
            let s = load(key, language)?;
            Ok(StarterSummary {
                key,
                title: s.plan.title,
                triggers: s.plan.triggers,
                steps: u32::try_from(s.steps.len()).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// Copies an example plan, in `language`, into a new draft plan; returns its id. Every
/// part goes through the authoring path in the caller's one transaction, so a copy is
/// either whole or not made at all.
pub fn copy(tx: &mut WriteTx<'_>, key: StarterKey, language: Language) -> Result<PlanId> {
    let s = load(key, language)?;
    let plan = plans::create(tx, &s.plan)?;
    for step in &s.steps {
        plans::add_step(tx, &plan, step)?;
    }
    for contact in &s.contacts {
        contacts::add(tx, &plan, contact)?;
    }
    for template in &s.templates {
        templates::add(tx, &plan, template)?;
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::{Phase, PlanStatus, overview, versions};
    use crate::store::test_support::temp_store;

    const LANGUAGES: [Language; 3] = [Language::En, Language::ZhHans, Language::ZhHant];

    #[test]
    fn every_example_covers_the_four_phases_with_owners_contacts_and_templates() {
        for language in LANGUAGES {
            for &key in StarterKey::ALL {
                let s = load(key, language).unwrap();
                for phase in [Phase::Monitoring, Phase::Warning, Phase::Response, Phase::Recovery] {
                    assert!(s.steps.iter().any(|st| st.phase == phase), "{key:?} {language:?} lacks {phase:?}");
                }
                assert!(s.steps.iter().all(|st| !st.owner_role.is_empty()), "{key:?} {language:?}");
                assert!(s.contacts.len() >= 3 && s.templates.len() >= 2, "{key:?} {language:?}");
            }
        }
    }

    #[test]
    fn the_three_languages_say_the_same_plan() {
        for &key in StarterKey::ALL {
            let [en, hans, hant] = LANGUAGES.map(|l| load(key, l).unwrap());
            for other in [&hans, &hant] {
                assert_eq!(other.plan.scenario, en.plan.scenario);
                assert_eq!((other.plan.review_days, other.plan.drill_days), (en.plan.review_days, en.plan.drill_days));
                let shape = |s: &Starter| {
                    s.steps.iter().map(|st| (st.phase, st.offset_minutes, st.required)).collect::<Vec<_>>()
                };
                assert_eq!(shape(other), shape(&en), "{key:?}");
                assert_eq!(other.contacts.len(), en.contacts.len());
                let kinds = |s: &Starter| s.templates.iter().map(|t| t.kind).collect::<Vec<_>>();
                assert_eq!(kinds(other), kinds(&en));
            }
            assert_ne!(hans.plan.title, en.plan.title);
            assert_ne!(hant.steps[0].text, hans.steps[0].text, "{key:?}: Traditional is not a copy of Simplified");
        }
    }

    #[test]
    fn copying_an_example_makes_a_draft_that_can_be_published() {
        let (_dir, mut store, _) = temp_store();
        for language in LANGUAGES {
            for &key in StarterKey::ALL {
                let plan = store.write(|tx| copy(tx, key, language)).unwrap();
                let detail = overview::detail(store.conn(), &plan).unwrap();
                let s = load(key, language).unwrap();
                assert_eq!(detail.status, PlanStatus::Draft);
                assert_eq!(detail.content.fields, s.plan);
                let texts: Vec<&str> = detail.content.steps.iter().map(|st| st.text.as_str()).collect();
                let mut expected = s.steps.clone();
                expected.sort_by_key(|st| st.phase);
                assert_eq!(texts, expected.iter().map(|st| st.text.as_str()).collect::<Vec<_>>());
                assert_eq!(detail.content.contacts.len(), s.contacts.len());
                assert_eq!(detail.content.templates.len(), s.templates.len());
                store.write(|tx| versions::publish(tx, &plan)).unwrap();
            }
        }
        assert_eq!(overview::list(store.conn()).unwrap().len(), 9);
        let titles: Vec<String> = list(Language::ZhHant).unwrap().into_iter().map(|s| s.title).collect();
        assert_eq!(titles, ["系統故障：電話或工單系統中斷", "來電量激增", "公關危機"]);
    }
}
