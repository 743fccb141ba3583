//! A plan's communication templates: internal notes, customer-facing messages and public
//! statements, each its own row of registers (ordered by a sortable key), so two devices
//! editing different templates both keep theirs. Their placeholders must be known ones
//! (placeholders.rs); a published version freezes them, and a run fills them with its own
//! values.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::placeholders::{self, Values};
use super::{plans, position, runs, versions};
use crate::ids::{CommsTemplateId, PlanId, PlanRunId};
use crate::input::{TextRule, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

crate::text_enum::text_enum! {
    /// Who a template speaks to.
    pub enum TemplateKind {
        /// The team and the rest of the company.
        Internal = "internal",
        /// The customers affected.
        Customer = "customer",
        /// The public: a statement for the website, social media or the press.
        Public = "public",
    }
}

const TITLE: TextRule = TextRule::line("title", 200, true);
const BODY: TextRule = TextRule::block("body", 8_000, true);
const EXPECTED_RECOVERY: TextRule = TextRule::line("expectedRecovery", 120, false);
/// Most templates in one plan.
pub const MAX_TEMPLATES: usize = 50;

/// What the template form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct TemplateInput {
    /// Internal, customer-facing or public statement.
    pub kind: TemplateKind,
    /// The title, also the e-mail's subject (may hold placeholders).
    pub title: String,
    /// The message (may hold placeholders).
    pub body: String,
}

/// A communication template of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Template {
    /// Id (the same in every version the template is in).
    pub id: CommsTemplateId,
    /// Who it speaks to.
    pub kind: TemplateKind,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
}

/// What filling a template for a run needs besides the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FillInput {
    /// When service is expected back, as the supervisor says it ('' when not known yet).
    pub expected_recovery: String,
    /// The reader's IANA time zone, for the start time.
    pub time_zone: String,
}

/// A template filled for a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct FilledTemplate {
    /// The title, filled (the e-mail's subject).
    pub title: String,
    /// The body, filled.
    pub body: String,
    /// Placeholders left as they were for want of a value, each once.
    pub missing: Vec<String>,
}

/// Checks the form; returns the columns to write. An unknown placeholder in the title or
/// the body is `UnknownPlaceholder` on that field.
fn columns(input: &TemplateInput) -> Result<Vec<(&'static str, Value)>> {
    let title = TITLE.check(&input.title)?;
    let body = BODY.check(&input.body)?;
    for (field, text) in [("title", &title), ("body", &body)] {
        if !placeholders::unknown(text).is_empty() {
            return Err(Error::invalid(field, ValidationRule::UnknownPlaceholder));
        }
    }
    Ok(vec![("kind", input.kind.into()), ("title", Value::Text(title)), ("body", Value::Text(body))])
}

/// A plan's live templates with their keys, in order. Rows of a kind this build does not
/// know (from a newer peer) are left out.
fn with_keys(conn: &rusqlite::Connection, plan: &PlanId) -> Result<Vec<(Template, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, body, position FROM comms_templates WHERE plan_id = ?1 AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([plan], |r| {
        let kind: String = r.get(1)?;
        Ok(TemplateKind::parse(&kind).map(|kind| -> rusqlite::Result<(Template, String)> {
            Ok((Template { id: r.get(0)?, kind, title: r.get(2)?, body: r.get(3)? }, r.get(4)?))
        }))
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let Some(t) = row? {
            out.push(t?);
        }
    }
    out.sort_by(|(a, pa), (b, pb)| (pa, &a.id).cmp(&(pb, &b.id)));
    Ok(out)
}

/// A plan's templates, in order.
pub fn list(conn: &rusqlite::Connection, plan: &PlanId) -> Result<Vec<Template>> {
    Ok(with_keys(conn, plan)?.into_iter().map(|(t, _)| t).collect())
}

fn home(conn: &rusqlite::Connection, id: &CommsTemplateId) -> Result<PlanId> {
    check_id("templateId", id.as_str())?;
    conn.prepare_cached(
        "SELECT t.plan_id FROM comms_templates t JOIN plans p ON p.id = t.plan_id AND p.deleted_at IS NULL
         WHERE t.id = ?1 AND t.deleted_at IS NULL",
    )?
    .query_row([id], |r| r.get(0))
    .optional()?
    .ok_or_else(|| Error::NotFound { entity: "template", id: id.to_string() })
}

/// Adds a template after the plan's others; returns its id. Errors (nothing written): an
/// unknown plan (`NotFound`), an empty or over-long title or body, an unknown placeholder
/// (`UnknownPlaceholder`), more than [`MAX_TEMPLATES`] templates.
pub fn add(tx: &mut WriteTx<'_>, plan: &PlanId, input: &TemplateInput) -> Result<CommsTemplateId> {
    plans::fields(tx.conn(), plan)?;
    let mut values = columns(input)?;
    let existing = with_keys(tx.conn(), plan)?;
    crate::input::check_count("templates", existing.len() + 1, MAX_TEMPLATES)?;
    let last = existing.iter().map(|(_, p)| p.as_str()).max();
    values.push(("plan_id", Value::Text(plan.to_string())));
    values.push(("position", Value::Text(position::between(last, None))));
    let id = CommsTemplateId::new();
    tx.insert(Table::CommsTemplates, id.as_str(), &values)?;
    Ok(id)
}

/// Replaces a template's fields. Errors as [`add`], and `NotFound`.
pub fn update(tx: &mut WriteTx<'_>, id: &CommsTemplateId, input: &TemplateInput) -> Result<()> {
    home(tx.conn(), id)?;
    let values = columns(input)?;
    tx.upsert(Table::CommsTemplates, id.as_str(), &values)?;
    Ok(())
}

/// Removes a template from the draft (published versions keep it). `NotFound` when there
/// is no such template.
pub fn remove(tx: &mut WriteTx<'_>, id: &CommsTemplateId) -> Result<()> {
    home(tx.conn(), id)?;
    tx.delete(Table::CommsTemplates, id.as_str())?;
    Ok(())
}

/// `at` as the reader's wall-clock time with its offset, "2026-12-06 14:05 (UTC+08:00)":
/// plain digits that read alike in every language of a message.
pub fn format_start(at: DateTime<Utc>, zone: chrono_tz::Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d %H:%M (UTC%:z)").to_string()
}

/// Template `template` of run `run`'s version filled with the run's values: the version's
/// title as the incident name, the activation time in `input.time_zone`, the commander and
/// the expected recovery as typed. Errors: an unknown run or template of its version
/// (`NotFound`), an unknown time zone (`InvalidTimeZone` on `timeZone`), an over-long
/// expected recovery.
pub fn fill_for_run(
    conn: &rusqlite::Connection,
    run: &PlanRunId,
    template: &CommsTemplateId,
    input: &FillInput,
) -> Result<FilledTemplate> {
    check_id("templateId", template.as_str())?;
    let zone: chrono_tz::Tz =
        input.time_zone.parse().map_err(|_| Error::invalid("timeZone", ValidationRule::InvalidTimeZone))?;
    let expected_recovery = EXPECTED_RECOVERY.check(&input.expected_recovery)?;
    let (version, started, summary) = runs::head(conn, run)?;
    let content = versions::content(conn, &version)?;
    let t = content
        .templates
        .iter()
        .find(|t| &t.id == template)
        .ok_or_else(|| Error::NotFound { entity: "template", id: template.to_string() })?;
    let values = Values {
        incident_name: Some(content.fields.title.clone()),
        start_time: Some(format_start(started, zone)),
        expected_recovery: Some(expected_recovery),
        commander: Some(summary.commander),
    };
    let (title, mut missing) = placeholders::fill(&t.title, &values);
    let (body, body_missing) = placeholders::fill(&t.body, &values);
    for name in body_missing {
        if !missing.contains(&name) {
            missing.push(name);
        }
    }
    Ok(FilledTemplate { title, body, missing })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_time_reads_in_the_readers_zone_with_its_offset() {
        let at = DateTime::parse_from_rfc3339("2026-12-06T06:05:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(format_start(at, chrono_tz::Asia::Shanghai), "2026-12-06 14:05 (UTC+08:00)");
        assert_eq!(format_start(at, chrono_tz::America::New_York), "2026-12-06 01:05 (UTC-05:00)");
    }

    #[test]
    fn unknown_placeholders_are_refused_on_their_field() {
        let input = |title: &str, body: &str| TemplateInput {
            kind: TemplateKind::Internal,
            title: title.into(),
            body: body.into(),
        };
        assert!(columns(&input("{incident_name}", "Since {start_time}")).is_ok());
        for (i, field) in [(input("{eta}", "ok"), "title"), (input("ok", "Back by {eta}"), "body")] {
            assert!(
                matches!(columns(&i), Err(Error::Validation { field: f, rule: ValidationRule::UnknownPlaceholder, .. }) if f == field),
                "{field}"
            );
        }
    }
}
