//! SLA policies: the team's first-response and resolution targets per priority,
//! optionally narrowed to a customer tier and/or a case category, in business or
//! calendar hours.
//!
//! Where the team has set no policy for a priority, built-in defaults apply
//! ([`default_policy`]); [`effective`] lists both, so the Settings screen shows what
//! really applies. The matching rule lives in one place, [`PolicyTable::policy_for`].
//!
//! Every write also recomputes the due times cached on active cases, in the same
//! transaction: the "Breaching" queue and breach notifications read that cache, and
//! must follow a changed target at once rather than at each case's next edit.

mod matching;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

pub use matching::{Policy, PolicyTable, default_policy};

use crate::cases::Priority;
use crate::customers::Tier;
use crate::ids::SlaPolicyId;
use crate::input::TextRule;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

/// Longest target accepted, in minutes: 365 days. Anything longer is a typo, and keeps
/// the minutes well inside the `u32` and `i32` the views use.
pub const TARGET_MINUTES_MAX: u32 = 365 * 24 * 60;

const NAME: TextRule = TextRule::line("name", 80, true);
/// Same limit as a case's category, so every category a case can have can be named.
const CATEGORY: TextRule = TextRule::line("category", 80, false);

/// Input of the policy form (create and edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SlaPolicyInput {
    /// Name shown in Settings (required).
    pub name: String,
    /// Priority the policy is for.
    pub priority: Priority,
    /// Only for customers of this tier; `None`: any customer (or none).
    pub tier: Option<Tier>,
    /// Only for cases of this category (compared as stored); `None` or blank: any.
    pub category: Option<String>,
    /// First-response target in minutes; `None`: no target.
    pub first_response_minutes: Option<u32>,
    /// Resolution target in minutes; `None`: no target.
    pub resolution_minutes: Option<u32>,
    /// Targets count business hours (true) or every hour (false).
    pub business_hours: bool,
}

/// A stored policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SlaPolicy {
    /// Id.
    pub id: SlaPolicyId,
    /// Name.
    pub name: String,
    /// Priority.
    pub priority: Priority,
    /// Customer tier it is narrowed to.
    pub tier: Option<Tier>,
    /// Category it is narrowed to (never blank).
    pub category: Option<String>,
    /// First-response target in minutes.
    pub first_response_minutes: Option<u32>,
    /// Resolution target in minutes.
    pub resolution_minutes: Option<u32>,
    /// Business hours (true) or calendar hours (false).
    pub business_hours: bool,
}

/// The built-in targets of one priority, where no policy of the team replaces them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct BuiltInPolicy {
    /// Priority.
    pub priority: Priority,
    /// First-response target in minutes.
    pub first_response_minutes: Option<u32>,
    /// Resolution target in minutes.
    pub resolution_minutes: Option<u32>,
    /// Business hours (true) or calendar hours (false).
    pub business_hours: bool,
}

/// One line of the effective target table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum EffectivePolicy {
    /// The built-in default of a priority the team has not set a policy for.
    BuiltIn(BuiltInPolicy),
    /// A policy of the team.
    Custom(SlaPolicy),
}

fn minutes(d: Option<chrono::Duration>) -> Option<u32> {
    d.and_then(|d| u32::try_from(d.num_minutes()).ok())
}

/// What applies, priority by priority (P1 first): the policy for the priority alone, or
/// the built-in default when the team has none, then the team's narrower policies (tier
/// before category, then by name).
pub fn effective(conn: &rusqlite::Connection) -> Result<Vec<EffectivePolicy>> {
    let table = load(conn)?;
    let mut out = Vec::with_capacity(table.rows().len() + Priority::ALL.len());
    for &priority in Priority::ALL {
        // A case with no customer and no category gets exactly the priority-wide policy.
        if table.matching(priority, None, "").is_none() {
            let d = default_policy(priority);
            out.push(EffectivePolicy::BuiltIn(BuiltInPolicy {
                priority,
                first_response_minutes: minutes(d.first_response),
                resolution_minutes: minutes(d.resolution),
                business_hours: d.business_hours,
            }));
        }
        let mut own: Vec<&SlaPolicy> = table.rows().iter().filter(|p| p.priority == priority).collect();
        own.sort_by(|a, b| {
            (a.tier.is_some(), a.category.is_some(), a.tier, &a.category, &a.name, &a.id).cmp(&(
                b.tier.is_some(),
                b.category.is_some(),
                b.tier,
                &b.category,
                &b.name,
                &b.id,
            ))
        });
        out.extend(own.into_iter().cloned().map(EffectivePolicy::Custom));
    }
    Ok(out)
}

const SELECT: &str = "SELECT id, name, priority, tier, category, first_response_minutes, resolution_minutes,
    business_hours FROM sla_policies";

fn from_row(r: &Row<'_>) -> rusqlite::Result<SlaPolicy> {
    Ok(SlaPolicy {
        id: r.get(0)?,
        name: r.get(1)?,
        priority: r.get(2)?,
        tier: r.get(3)?,
        category: r.get(4)?,
        first_response_minutes: r.get(5)?,
        resolution_minutes: r.get(6)?,
        business_hours: r.get(7)?,
    })
}

/// Every live policy, for matching.
pub fn load(conn: &rusqlite::Connection) -> Result<PolicyTable> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE deleted_at IS NULL ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(PolicyTable::new(rows))
}

/// One live policy.
pub fn get(conn: &rusqlite::Connection, id: &SlaPolicyId) -> Result<SlaPolicy> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "sla_policy", id: id.to_string() })
}

fn check_target(field: &'static str, value: Option<u32>) -> Result<Value> {
    match value {
        None => Ok(Value::Null),
        Some(m) if (1..=TARGET_MINUTES_MAX).contains(&m) => Ok(Value::Integer(m.into())),
        Some(_) => {
            Err(Error::Validation { field, rule: ValidationRule::InvalidValue, limit: Some(TARGET_MINUTES_MAX) })
        }
    }
}

/// Validates `input` (`id`: the policy being edited, which does not count as its own
/// duplicate) and returns the columns to write.
fn values(
    conn: &rusqlite::Connection,
    input: &SlaPolicyInput,
    id: Option<&SlaPolicyId>,
) -> Result<Vec<(&'static str, Value)>> {
    let name = NAME.check(&input.name)?;
    let category = match &input.category {
        Some(c) => Some(CATEGORY.check(c)?).filter(|c| !c.is_empty()),
        None => None,
    };
    let first_response = check_target("firstResponseMinutes", input.first_response_minutes)?;
    let resolution = check_target("resolutionMinutes", input.resolution_minutes)?;
    let taken = load(conn)?
        .rows()
        .iter()
        .any(|p| Some(&p.id) != id && p.priority == input.priority && p.tier == input.tier && p.category == category);
    if taken {
        return Err(Error::invalid("priority", ValidationRule::Duplicate));
    }
    Ok(vec![
        ("name", Value::Text(name)),
        ("priority", input.priority.into()),
        ("tier", input.tier.map_or(Value::Null, Value::from)),
        ("category", category.map_or(Value::Null, Value::Text)),
        ("first_response_minutes", first_response),
        ("resolution_minutes", resolution),
        ("business_hours", Value::Integer(input.business_hours.into())),
    ])
}

/// Creates a policy. (The cached due times of active cases follow at commit, see
/// `crate::derivations`; so for update and delete.)
pub fn create(tx: &mut WriteTx<'_>, input: &SlaPolicyInput) -> Result<SlaPolicyId> {
    let vals = values(tx.conn(), input, None)?;
    let id = SlaPolicyId::new();
    tx.insert(Table::SlaPolicies, id.as_str(), &vals)?;
    Ok(id)
}

/// Replaces a policy's fields.
pub fn update(tx: &mut WriteTx<'_>, id: &SlaPolicyId, input: &SlaPolicyInput) -> Result<()> {
    get(tx.conn(), id)?;
    let vals = values(tx.conn(), input, Some(id))?;
    tx.upsert(Table::SlaPolicies, id.as_str(), &vals)?;
    Ok(())
}

/// Deletes a policy (its priority falls back to a broader policy or the default).
pub fn delete(tx: &mut WriteTx<'_>, id: &SlaPolicyId) -> Result<()> {
    if !tx.delete(Table::SlaPolicies, id.as_str())? {
        return Err(Error::NotFound { entity: "sla_policy", id: id.to_string() });
    }
    Ok(())
}

/// Records, as conflicts for the supervisor, policies for the same priority, tier and
/// category that two devices created offline (the first by id applies meanwhile, so the
/// other is not silently shadowed). Only pairs involving a policy made on this device
/// are recorded here: the other device records its own.
pub(crate) fn record_duplicates(tx: &mut WriteTx<'_>) -> Result<()> {
    /// A live policy's id, priority, tier, category and creation stamp.
    type Row = (SlaPolicyId, String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = {
        let mut stmt = tx.conn().prepare_cached(&format!(
            "SELECT p.id, p.priority, p.tier, p.category, {} FROM sla_policies p
             WHERE p.deleted_at IS NULL ORDER BY p.priority, p.tier, p.category, p.id",
            crate::store::versions::stamp_sql("'sla_policies'", "p.id", "'created_at'")
        ))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?
    };
    let me = tx.node().to_string();
    let ours = |hlc: &Option<String>| hlc.as_deref().is_some_and(|h| h.ends_with(&me));
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            if (&a.1, &a.2, &a.3) != (&b.1, &b.2, &b.3) {
                break;
            }
            let (mine, theirs) = match (ours(&a.4), ours(&b.4)) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                _ => continue,
            };
            crate::sync::conflicts::record_duplicate(
                tx,
                Table::SlaPolicies,
                mine.0.as_str(),
                mine.4.as_deref().unwrap_or_default(),
                theirs.0.as_str(),
                theirs.4.as_deref().unwrap_or_default(),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
