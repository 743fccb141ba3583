//! What changed between two versions of a plan: its fields, and its steps, contacts and
//! templates added, removed or changed (matched by id, which a step, contact or template
//! keeps in every version). A pure function of the two contents, with a stable order:
//! the newer version's order for what it has, then what it lost in the older one's order.

use serde::{Deserialize, Serialize};

use super::plans::{Phase, PlanContent};
use super::versions;
use crate::ids::PlanVersionId;
use crate::input::check_id;
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// How an item differs between the two versions.
    pub enum Change {
        /// Only in the newer version.
        Added = "added",
        /// Only in the older version.
        Removed = "removed",
        /// In both, with other values.
        Changed = "changed",
    }
}

/// A plan field with other values in the two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The field (camelCase, as the plan form names it).
    pub field: String,
    /// Its value in the older version, as text.
    pub old: String,
    /// Its value in the newer version, as text.
    pub new: String,
}

/// A step, contact or template added, removed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ItemChange {
    /// How.
    pub change: Change,
    /// What it is called: a step's text, a contact's name, a template's title (the newer
    /// version's, unless removed).
    pub label: String,
    /// Its older label, when that changed.
    pub old_label: Option<String>,
    /// A step's phase (the newer version's, unless removed); `None` for the others.
    pub phase: Option<Phase>,
    /// For a change, the fields that differ (camelCase).
    pub fields: Vec<String>,
}

/// Everything that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanDiff {
    /// The plan's own fields.
    pub fields: Vec<FieldChange>,
    /// Steps, the newer version's phase order first.
    pub steps: Vec<ItemChange>,
    /// Contacts of the call tree.
    pub contacts: Vec<ItemChange>,
    /// Communication templates.
    pub templates: Vec<ItemChange>,
}

/// Items matched by id: `label`, `phase` and the values compared field by field.
fn items<T, I: PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &I,
    label: impl Fn(&T) -> String,
    phase: impl Fn(&T) -> Option<Phase>,
    values: impl Fn(&T) -> Vec<(&'static str, String)>,
) -> Vec<ItemChange> {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| id(o) == id(n)) {
            None => out.push(ItemChange {
                change: Change::Added,
                label: label(n),
                old_label: None,
                phase: phase(n),
                fields: vec![],
            }),
            Some(o) => {
                let fields: Vec<String> = values(o)
                    .into_iter()
                    .zip(values(n))
                    .filter(|((_, a), (_, b))| a != b)
                    .map(|((f, _), _)| f.to_owned())
                    .collect();
                if !fields.is_empty() {
                    let (before, after) = (label(o), label(n));
                    out.push(ItemChange {
                        change: Change::Changed,
                        old_label: (before != after).then_some(before),
                        label: after,
                        phase: phase(n),
                        fields,
                    });
                }
            }
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| id(n) == id(o))) {
        out.push(ItemChange {
            change: Change::Removed,
            label: label(o),
            old_label: None,
            phase: phase(o),
            fields: vec![],
        });
    }
    out
}

/// What differs from `old` to `new`.
pub fn diff(old: &PlanContent, new: &PlanContent) -> PlanDiff {
    let field_values = |c: &PlanContent| -> Vec<(&'static str, String)> {
        let f = &c.fields;
        vec![
            ("title", f.title.clone()),
            ("scenario", f.scenario.as_str().to_owned()),
            ("severity", f.severity.as_str().to_owned()),
            ("owner", f.owner.clone()),
            ("reviewDays", f.review_days.to_string()),
            ("drillDays", f.drill_days.to_string()),
            ("triggers", f.triggers.clone()),
            ("thresholds", f.thresholds.clone()),
        ]
    };
    let fields = field_values(old)
        .into_iter()
        .zip(field_values(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, old), (_, new))| FieldChange { field: field.to_owned(), old, new })
        .collect();
    let steps = items(
        &old.steps,
        &new.steps,
        |s| &s.id,
        |s| s.text.clone(),
        |s| Some(s.phase),
        |s| {
            vec![
                ("phase", s.phase.as_str().to_owned()),
                ("text", s.text.clone()),
                ("ownerRole", s.owner_role.clone()),
                ("offsetMinutes", s.offset_minutes.to_string()),
                ("required", s.required.to_string()),
            ]
        },
    );
    // Contacts compare their backup by id: a renamed backup is that contact's change.
    let contacts = items(
        &old.contacts,
        &new.contacts,
        |c| &c.id,
        |c| c.name.clone(),
        |_| None,
        |c| {
            vec![
                ("name", c.name.clone()),
                ("role", c.role.clone()),
                ("phone", c.phone.clone()),
                ("mobile", c.mobile.clone()),
                ("email", c.email.clone()),
                ("backupId", c.backup_id.as_ref().map(ToString::to_string).unwrap_or_default()),
            ]
        },
    );
    let templates = items(
        &old.templates,
        &new.templates,
        |t| &t.id,
        |t| t.title.clone(),
        |_| None,
        |t| vec![("kind", t.kind.as_str().to_owned()), ("title", t.title.clone()), ("body", t.body.clone())],
    );
    PlanDiff { fields, steps, contacts, templates }
}

/// The diff between two published versions of one plan. Errors: an unknown version
/// (`NotFound`), versions of two different plans (`InvalidValue` on `versionId`).
pub fn between(conn: &rusqlite::Connection, old: &PlanVersionId, new: &PlanVersionId) -> Result<PlanDiff> {
    check_id("versionId", old.as_str())?;
    check_id("versionId", new.as_str())?;
    if versions::plan_of(conn, old)? != versions::plan_of(conn, new)? {
        return Err(Error::invalid("versionId", ValidationRule::InvalidValue));
    }
    Ok(diff(&versions::content(conn, old)?, &versions::content(conn, new)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CommsTemplateId, PlanContactId};
    use crate::plans::checklist::tests::step;
    use crate::plans::contacts::PlanContact;
    use crate::plans::plans::{PlanInput, Scenario, Severity};
    use crate::plans::templates::{Template, TemplateKind};

    fn contact(id: &str, name: &str) -> PlanContact {
        PlanContact {
            id: PlanContactId(id.into()),
            name: name.into(),
            role: String::new(),
            phone: String::new(),
            mobile: String::new(),
            email: String::new(),
            backup_id: None,
        }
    }

    fn template(id: &str, body: &str) -> Template {
        Template {
            id: CommsTemplateId(id.into()),
            kind: TemplateKind::Customer,
            title: "Notice".into(),
            body: body.into(),
        }
    }

    fn content() -> PlanContent {
        PlanContent {
            fields: PlanInput {
                title: "Outage".into(),
                scenario: Scenario::SystemOutage,
                severity: Severity::High,
                owner: String::new(),
                review_days: 365,
                drill_days: 90,
                triggers: String::new(),
                thresholds: String::new(),
            },
            steps: vec![
                step("a", Phase::Monitoring, 0, true),
                step("b", Phase::Response, 10, true),
                step("c", Phase::Recovery, 60, false),
            ],
            contacts: vec![contact("k1", "Ann"), contact("k2", "Bo")],
            templates: vec![template("t1", "Down since {start_time}")],
        }
    }

    #[test]
    fn the_same_content_has_no_differences() {
        let c = content();
        assert_eq!(diff(&c, &c), PlanDiff { fields: vec![], steps: vec![], contacts: vec![], templates: vec![] });
    }

    #[test]
    fn steps_added_removed_and_changed_are_listed_with_their_phase_and_fields() {
        let old = content();
        let mut new = content();
        new.steps.remove(0);
        new.steps[0].offset_minutes = 5;
        new.steps[0].phase = Phase::Warning;
        new.steps.push(step("d", Phase::Recovery, 90, true));
        let d = diff(&old, &new);
        let summary: Vec<(Change, Option<Phase>, Vec<String>)> =
            d.steps.iter().map(|s| (s.change, s.phase, s.fields.clone())).collect();
        assert_eq!(
            summary,
            [
                (Change::Changed, Some(Phase::Warning), vec!["phase".to_owned(), "offsetMinutes".to_owned()]),
                (Change::Added, Some(Phase::Recovery), vec![]),
                (Change::Removed, Some(Phase::Monitoring), vec![]),
            ]
        );
        assert!(d.fields.is_empty() && d.contacts.is_empty() && d.templates.is_empty());
    }

    #[test]
    fn renamed_items_keep_their_old_label_and_plan_fields_their_values() {
        let old = content();
        let mut new = content();
        new.fields.title = "系统故障".into();
        new.fields.drill_days = 30;
        new.contacts[1].name = "Bo Wang".into();
        new.contacts[1].backup_id = Some(PlanContactId("k1".into()));
        new.contacts.remove(0);
        new.templates[0].body = "中断自{start_time}".into();
        new.templates.push(template("t2", "Internal"));
        let d = diff(&old, &new);
        assert_eq!(
            d.fields,
            [
                FieldChange { field: "title".into(), old: "Outage".into(), new: "系统故障".into() },
                FieldChange { field: "drillDays".into(), old: "90".into(), new: "30".into() },
            ]
        );
        assert_eq!(
            d.contacts,
            [
                ItemChange {
                    change: Change::Changed,
                    label: "Bo Wang".into(),
                    old_label: Some("Bo".into()),
                    phase: None,
                    fields: vec!["name".into(), "backupId".into()],
                },
                ItemChange {
                    change: Change::Removed,
                    label: "Ann".into(),
                    old_label: None,
                    phase: None,
                    fields: vec![]
                },
            ]
        );
        let t: Vec<(Change, Vec<String>)> = d.templates.iter().map(|t| (t.change, t.fields.clone())).collect();
        assert_eq!(t, [(Change::Changed, vec!["body".to_owned()]), (Change::Added, vec![])]);
    }
}
