//! A plan's call tree: the people to call, each with a role, phones, an e-mail and a
//! backup person (another contact of the same plan). Each contact is its own row of
//! registers ordered by a sortable key (position.rs), so two supervisors editing different
//! contacts offline both keep theirs. A published version freezes the contacts with the
//! steps (versions.rs), and a run shows those of its version.

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::{plans, position};
use crate::ids::{PlanContactId, PlanId};
use crate::input::{TextRule, check_id};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule};

const NAME: TextRule = TextRule::line("name", 120, true);
const ROLE: TextRule = TextRule::line("role", 120, false);
const PHONE: TextRule = TextRule::line("phone", 40, false);
const MOBILE: TextRule = TextRule::line("mobile", 40, false);
const EMAIL: TextRule = TextRule::line("email", 254, false);
/// Most contacts in one plan.
pub const MAX_CONTACTS: usize = 200;

/// What the contact form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanContactInput {
    /// Name (required).
    pub name: String,
    /// Role in the response, such as "IT on call".
    pub role: String,
    /// Office or desk phone.
    pub phone: String,
    /// Mobile phone.
    pub mobile: String,
    /// E-mail address.
    pub email: String,
    /// Who to call when this person cannot be reached: another contact of the plan.
    pub backup_id: Option<PlanContactId>,
}

/// A contact of a plan's call tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct PlanContact {
    /// Id (the same in every version the contact is in).
    pub id: PlanContactId,
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Office or desk phone.
    pub phone: String,
    /// Mobile phone.
    pub mobile: String,
    /// E-mail address.
    pub email: String,
    /// The backup person, a contact of the same plan and content.
    pub backup_id: Option<PlanContactId>,
}

/// An e-mail address as stored: trimmed, empty, or a name, one `@` and a domain with a dot
/// inside it, without spaces. `InvalidEmail` on `email` otherwise.
pub fn check_email(email: &str) -> Result<String> {
    let email = EMAIL.check(email)?;
    if email.is_empty() {
        return Ok(email);
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
                && domain.split('.').count() >= 2
                && domain.split('.').all(|part| !part.is_empty())
        }
        None => false,
    };
    if valid { Ok(email) } else { Err(Error::invalid("email", ValidationRule::InvalidEmail)) }
}

/// Checks the form against the plan's contacts (`own`: the contact being edited); returns
/// the columns to write.
fn columns(
    input: &PlanContactInput,
    existing: &[(PlanContact, String)],
    own: Option<&PlanContactId>,
) -> Result<Vec<(&'static str, Value)>> {
    let name = NAME.check(&input.name)?;
    let role = ROLE.check(&input.role)?;
    let phone = PHONE.check(&input.phone)?;
    let mobile = MOBILE.check(&input.mobile)?;
    let email = check_email(&input.email)?;
    let backup = match &input.backup_id {
        None => Value::Null,
        Some(b) => {
            let known = existing.iter().any(|(c, _)| &c.id == b);
            if own == Some(b) || !known {
                return Err(Error::invalid("backupId", ValidationRule::InvalidBackup));
            }
            Value::Text(b.to_string())
        }
    };
    Ok(vec![
        ("name", Value::Text(name)),
        ("role", Value::Text(role)),
        ("phone", Value::Text(phone)),
        ("mobile", Value::Text(mobile)),
        ("email", Value::Text(email)),
        ("backup_id", backup),
    ])
}

/// A plan's live contacts with their position keys, in order (by key, then id, the same
/// on every device). A backup that is no longer a live contact of the plan (removed on
/// another device) reads as none.
fn with_keys(conn: &rusqlite::Connection, plan: &PlanId) -> Result<Vec<(PlanContact, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, role, phone, mobile, email, backup_id, position
         FROM plan_contacts WHERE plan_id = ?1 AND deleted_at IS NULL",
    )?;
    let mut out: Vec<(PlanContact, String)> = stmt
        .query_map([plan], |r| {
            Ok((
                PlanContact {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    phone: r.get(3)?,
                    mobile: r.get(4)?,
                    email: r.get(5)?,
                    backup_id: r.get(6)?,
                },
                r.get(7)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    out.sort_by(|(a, pa), (b, pb)| (pa, &a.id).cmp(&(pb, &b.id)));
    let ids: Vec<PlanContactId> = out.iter().map(|(c, _)| c.id.clone()).collect();
    for (c, _) in &mut out {
        if c.backup_id.as_ref().is_some_and(|b| b == &c.id || !ids.contains(b)) {
            c.backup_id = None;
        }
    }
    Ok(out)
}

/// A plan's contacts, in call order.
pub fn list(conn: &rusqlite::Connection, plan: &PlanId) -> Result<Vec<PlanContact>> {
    Ok(with_keys(conn, plan)?.into_iter().map(|(c, _)| c).collect())
}

/// The plan a live contact belongs to; `NotFound` otherwise.
fn home(conn: &rusqlite::Connection, id: &PlanContactId) -> Result<PlanId> {
    check_id("contactId", id.as_str())?;
    conn.prepare_cached(
        "SELECT c.plan_id FROM plan_contacts c JOIN plans p ON p.id = c.plan_id AND p.deleted_at IS NULL
         WHERE c.id = ?1 AND c.deleted_at IS NULL",
    )?
    .query_row([id], |r| r.get(0))
    .optional()?
    .ok_or_else(|| Error::NotFound { entity: "contact", id: id.to_string() })
}

/// Adds a contact at the end of the call tree; returns its id. Errors (nothing written):
/// an unknown plan (`NotFound`), an empty or over-long name, over-long other fields, a
/// malformed e-mail (`InvalidEmail`), a backup that is not a contact of the plan
/// (`InvalidBackup` on `backupId`), more than [`MAX_CONTACTS`] contacts.
pub fn add(tx: &mut WriteTx<'_>, plan: &PlanId, input: &PlanContactInput) -> Result<PlanContactId> {
    plans::fields(tx.conn(), plan)?;
    let existing = with_keys(tx.conn(), plan)?;
    let mut values = columns(input, &existing, None)?;
    crate::input::check_count("contacts", existing.len() + 1, MAX_CONTACTS)?;
    let last = existing.iter().map(|(_, p)| p.as_str()).max();
    values.push(("plan_id", Value::Text(plan.to_string())));
    values.push(("position", Value::Text(position::between(last, None))));
    let id = PlanContactId::new();
    tx.insert(Table::PlanContacts, id.as_str(), &values)?;
    Ok(id)
}

/// Replaces a contact's fields. Errors as [`add`] (the backup may not be the contact
/// itself), and `NotFound`.
pub fn update(tx: &mut WriteTx<'_>, id: &PlanContactId, input: &PlanContactInput) -> Result<()> {
    let plan = home(tx.conn(), id)?;
    let existing = with_keys(tx.conn(), &plan)?;
    let values = columns(input, &existing, Some(id))?;
    tx.upsert(Table::PlanContacts, id.as_str(), &values)?;
    Ok(())
}

/// Removes a contact from the draft; contacts that had it as their backup have none after.
/// `NotFound` when there is no such contact.
pub fn remove(tx: &mut WriteTx<'_>, id: &PlanContactId) -> Result<()> {
    let plan = home(tx.conn(), id)?;
    let backing: Vec<PlanContactId> =
        list(tx.conn(), &plan)?.into_iter().filter(|c| c.backup_id.as_ref() == Some(id)).map(|c| c.id).collect();
    for other in backing {
        tx.upsert(Table::PlanContacts, other.as_str(), &[("backup_id", Value::Null)])?;
    }
    tx.delete(Table::PlanContacts, id.as_str())?;
    Ok(())
}

/// Moves a contact one place up (`up`) or down the call tree, writing only its key. At
/// either end nothing changes. `NotFound` when there is no such contact.
pub fn move_contact(tx: &mut WriteTx<'_>, id: &PlanContactId, up: bool) -> Result<()> {
    let plan = home(tx.conn(), id)?;
    let all = with_keys(tx.conn(), &plan)?;
    let keys: Vec<(&PlanContactId, &str)> = all.iter().map(|(c, p)| (&c.id, p.as_str())).collect();
    let Some(i) = keys.iter().position(|(c, _)| *c == id) else {
        return Err(Error::NotFound { entity: "contact", id: id.to_string() });
    };
    let (before, after) = match (up, i) {
        (true, 0) => return Ok(()),
        (true, i) => (i.checked_sub(2).map(|j| keys[j].1), Some(keys[i - 1].1)),
        (false, i) if i + 1 == keys.len() => return Ok(()),
        (false, i) => (Some(keys[i + 1].1), keys.get(i + 2).map(|k| k.1)),
    };
    let key = position::between(before, after);
    tx.upsert(Table::PlanContacts, id.as_str(), &[("position", Value::Text(key))])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_addresses_are_checked() {
        for ok in ["", "  ann@example.com ", "duty.manager+ops@support.example.cn", "王芳@例子.中国"] {
            assert!(check_email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "ann@@example.com",
            "a b@example.com",
            "ann@example..com",
            "ann@.com",
        ] {
            assert!(
                matches!(
                    check_email(bad),
                    Err(Error::Validation { field: "email", rule: ValidationRule::InvalidEmail, .. })
                ),
                "{bad}"
            );
        }
    }
}
