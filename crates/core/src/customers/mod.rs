//! Customers: who complained, how to reach them, and whether they are VIP.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::ids::CustomerId;
use crate::input::TextRule;
use crate::store::{Table, WriteTx};
use crate::text_enum::text_enum;
use crate::{Error, Result, ValidationRule};

text_enum! {
    /// Service tier; VIP customers get their own queue and may have tighter SLAs.
    pub enum Tier {
        /// Standard.
        Standard = "standard",
        /// VIP.
        Vip = "vip",
    }
}

/// Input of the customer form (create and edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CustomerInput {
    /// Name (required).
    pub name: String,
    /// Company.
    pub company: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Tier.
    pub tier: Tier,
    /// Notes.
    pub notes: String,
}

/// A stored customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// Id.
    pub id: CustomerId,
    /// Name.
    pub name: String,
    /// Company.
    pub company: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Tier.
    pub tier: Tier,
    /// Notes.
    pub notes: String,
    /// Cases of this customer (all statuses).
    pub case_count: u32,
}

pub(crate) const NAME: TextRule = TextRule::line("name", 120, true);
pub(crate) const COMPANY: TextRule = TextRule::line("company", 120, false);
const EMAIL: TextRule = TextRule::line("email", 254, false);
pub(crate) const PHONE: TextRule = TextRule::line("phone", 40, false);
const NOTES: TextRule = TextRule::block("notes", 4000, false);

fn values(input: &CustomerInput) -> Result<Vec<(&'static str, Value)>> {
    let email = check_email(&input.email)?;
    Ok(vec![
        ("name", Value::Text(NAME.check(&input.name)?)),
        ("company", Value::Text(COMPANY.check(&input.company)?)),
        ("email", Value::Text(email)),
        ("phone", Value::Text(PHONE.check(&input.phone)?)),
        ("tier", input.tier.into()),
        ("notes", Value::Text(NOTES.check(&input.notes)?)),
    ])
}

/// An e-mail address as stored: trimmed, empty or with an `@`.
pub(crate) fn check_email(email: &str) -> Result<String> {
    let email = EMAIL.check(email)?;
    if !email.is_empty() && !email.contains('@') {
        return Err(Error::invalid("email", ValidationRule::InvalidValue));
    }
    Ok(email)
}

/// Creates a customer.
pub fn create(tx: &mut WriteTx<'_>, input: &CustomerInput) -> Result<CustomerId> {
    let vals = values(input)?;
    let id = CustomerId::new();
    tx.insert(Table::Customers, id.as_str(), &vals)?;
    Ok(id)
}

/// Replaces a customer's fields.
pub fn update(tx: &mut WriteTx<'_>, id: &CustomerId, input: &CustomerInput) -> Result<()> {
    let vals = values(input)?;
    ensure_exists(tx.conn(), id)?;
    tx.upsert(Table::Customers, id.as_str(), &vals)?;
    Ok(())
}

/// The customer called `name` (exactly, ignoring case), made as a standard customer if
/// there is none.
pub fn find_or_create(tx: &mut WriteTx<'_>, name: &str) -> Result<CustomerId> {
    let found: Option<CustomerId> = tx
        .conn()
        .prepare_cached(
            "SELECT id FROM customers WHERE name = ?1 COLLATE NOCASE AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
        )?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?;
    match found {
        Some(id) => Ok(id),
        None => create(
            tx,
            &CustomerInput {
                name: name.to_owned(),
                company: String::new(),
                email: String::new(),
                phone: String::new(),
                tier: Tier::Standard,
                notes: String::new(),
            },
        ),
    }
}

/// Fails with `NotFound` unless the customer exists.
pub fn ensure_exists(conn: &rusqlite::Connection, id: &CustomerId) -> Result<()> {
    conn.prepare_cached("SELECT 1 FROM customers WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "customer", id: id.to_string() })
}

/// The tier of customer `id`, `None` if there is no such customer (the policy of a case
/// without one applies).
pub(crate) fn tier_of(conn: &rusqlite::Connection, id: &str) -> Result<Option<Tier>> {
    Ok(conn.prepare_cached("SELECT tier FROM customers WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?)
}

const SELECT: &str = "SELECT c.id, c.name, c.company, c.email, c.phone, c.tier, c.notes,
    (SELECT count(*) FROM cases k WHERE k.customer_id = c.id AND k.deleted_at IS NULL)
    FROM customers c";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        company: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        tier: r.get(5)?,
        notes: r.get(6)?,
        case_count: r.get(7)?,
    })
}

/// One customer.
pub fn get(conn: &rusqlite::Connection, id: &CustomerId) -> Result<Customer> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1 AND c.deleted_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { entity: "customer", id: id.to_string() })
}

/// Longest search text, in characters (as for cases: [`crate::cases::query::TEXT_MAX`]).
pub const SEARCH_TEXT_MAX: u32 = 200;
/// Most customers one search returns.
pub const SEARCH_LIMIT_MAX: u32 = 200;

/// Customers whose name, company, e-mail or phone contains `query` (case-insensitive),
/// best matches (name prefix) first; all customers by name when `query` is empty. At most
/// `limit` (1 to [`SEARCH_LIMIT_MAX`]) of them; `query` has at most [`SEARCH_TEXT_MAX`]
/// characters.
pub fn search(conn: &rusqlite::Connection, query: &str, limit: u32) -> Result<Vec<Customer>> {
    let q = query.trim();
    if q.chars().count() > SEARCH_TEXT_MAX as usize {
        return Err(Error::Validation { field: "query", rule: ValidationRule::TooLong, limit: Some(SEARCH_TEXT_MAX) });
    }
    if limit == 0 || limit > SEARCH_LIMIT_MAX {
        return Err(Error::Validation {
            field: "limit",
            rule: ValidationRule::InvalidValue,
            limit: Some(SEARCH_LIMIT_MAX),
        });
    }
    let pattern = format!("%{}%", escape_like(q));
    let prefix = format!("{}%", escape_like(q));
    let sql = format!(
        "{SELECT} WHERE c.deleted_at IS NULL AND (?1 = '' OR c.name LIKE ?2 ESCAPE '\\' OR c.company LIKE ?2 ESCAPE '\\'
            OR c.email LIKE ?2 ESCAPE '\\' OR c.phone LIKE ?2 ESCAPE '\\')
         ORDER BY (c.name LIKE ?3 ESCAPE '\\') DESC, c.name COLLATE NOCASE LIMIT ?4"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params![q, pattern, prefix, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests;
