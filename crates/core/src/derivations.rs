//! What the store must recompute when its inputs change, in one place.
//!
//! The store knows no domain module: it calls these [`Hooks`] — the SQL functions every
//! connection registers, and the derivations that follow a write. Local writes note only
//! the inputs other rows derive from ([`WATCHED`]); a case's own actions keep its facts
//! current as they go (`cases::facts::append`). Changes pulled from the server note every
//! row they touch, and the cases they reach are folded afresh from their timelines.

use std::collections::BTreeSet;

use crate::ids::CaseId;
use crate::store::{Hooks, Table, Touched, WriteTx};
use crate::{Result, cases, ids, sla_policies};

/// The one set of hooks every store uses.
pub(crate) static HOOKS: &Hooks = &Hooks { functions, watch_local: WATCHED, derive };

/// Local changes other rows derive from: the business calendars and the policies (every
/// active case's due times), a team's calendar, a customer's tier (the policy of their
/// cases).
const WATCHED: &[(Table, &[&str])] = &[
    (Table::WorkspaceSettings, &["time_zone", "working_hours"]),
    (Table::SlaPolicies, &[]),
    (Table::Holidays, &[]),
    (Table::Calendars, &[]),
    (Table::Teams, &["calendar_id"]),
    (Table::Customers, &["tier"]),
];

fn functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    cases::grams::register(conn)?;
    ids::register_sql(conn)
}

fn derive(tx: &mut WriteTx<'_>, touched: Touched) -> Result<()> {
    let mut case_ids: BTreeSet<CaseId> =
        touched.get(&Table::Cases).into_iter().flatten().map(|id| CaseId(id.clone())).collect();
    for table in [Table::CaseEvents, Table::CaseTags] {
        if let Some(ids) = touched.get(&table) {
            case_ids.extend(cases::facts::cases_of(tx.conn(), table, ids)?);
        }
    }
    if !case_ids.is_empty() {
        let relabelled = cases::resolve_reference_clashes(tx, &case_ids)?;
        case_ids.extend(relabelled);
        cases::facts::refresh(tx, &case_ids)?;
    }
    let calendar = [Table::WorkspaceSettings, Table::SlaPolicies, Table::Holidays, Table::Calendars, Table::Teams];
    if calendar.iter().any(|t| touched.contains_key(t)) {
        cases::refresh_active_due_caches(tx)?;
    } else if let Some(customers) = touched.get(&Table::Customers) {
        cases::refresh_due_caches_of_customers(tx, &customers.iter().cloned().collect::<Vec<_>>())?;
    }
    if touched.contains_key(&Table::SlaPolicies) {
        sla_policies::record_duplicates(tx)?;
    }
    Ok(())
}
