//! What the store must recompute when its inputs change, in one place.
//!
//! The store knows no domain module: it calls these [`Hooks`] — the SQL functions every
//! connection registers, the derivations that follow a write, and the derived data a
//! migration asks for. Local writes note only the inputs other rows derive from
//! ([`WATCHED`]); a case's own actions keep its facts current as they go
//! (`cases::facts::append`) and note the case as stale, so what hangs on it elsewhere (its
//! KPI facts) follows once per transaction. Changes pulled from the server note every row
//! they touch, and the cases they reach are folded afresh from their timelines; a new
//! case pulled is held until then and inserted whole, folded once (store/held.rs).

use std::collections::{BTreeSet, HashMap};

use crate::cases::SlaSetup;
use crate::ids::CaseId;
use crate::kpi::facts::{self as kpi_facts, CaseOwner};
use crate::store::{Changed, HeldRow, Hooks, InsertHeld, Table, WriteTx};
use crate::{Result, cases, ids, knowledge, sla_policies};

/// The one set of hooks every store uses.
pub(crate) static HOOKS: &Hooks = &Hooks {
    functions,
    watch_local: WATCHED,
    reach_referrers: &[Table::Teams, Table::Customers],
    derive_on_insert: &[Table::Cases],
    derive_new,
    derive,
    migrated: kpi_facts::fill_if_asked,
};

/// Local changes other rows derive from: the business calendars and the policies (every
/// case's due times and KPI facts), a team's calendar, a customer's tier (the policy of
/// their cases).
const WATCHED: &[(Table, &[&str])] = &[
    (Table::WorkspaceSettings, &["time_zone", "working_hours"]),
    (Table::SlaPolicies, &[]),
    (Table::Holidays, &[]),
    (Table::Calendars, &[]),
    (Table::Teams, &["calendar_id"]),
    (Table::Customers, &["tier"]),
];

fn functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    crate::search::grams::register(conn)?;
    ids::register_sql(conn)
}

/// New cases pulled with their timelines: their facts, tags and due times, worked out
/// before they are inserted (store/held.rs).
fn derive_new(tx: &mut WriteTx<'_>, table: Table, rows: Vec<HeldRow>, insert: InsertHeld<'_>) -> Result<()> {
    match table {
        Table::Cases => cases::pulled::derive_new(tx, rows, insert),
        _ => insert(tx, rows),
    }
}

fn derive(tx: &mut WriteTx<'_>, changed: Changed) -> Result<()> {
    let Changed { touched, stale, fresh } = changed;
    // New cases inserted whole: their facts are those of everything stored with them,
    // which comes before this (derive_new), so they are not folded again.
    let fresh: BTreeSet<CaseId> = fresh.get(&Table::Cases).into_iter().flatten().map(|id| CaseId(id.clone())).collect();
    let mut case_ids: BTreeSet<CaseId> =
        touched.get(&Table::Cases).into_iter().flatten().map(|id| CaseId(id.clone())).collect();
    for table in [Table::CaseEvents, Table::CaseTags] {
        if let Some(ids) = touched.get(&table) {
            case_ids.extend(cases::facts::cases_of(tx.conn(), table, ids)?);
        }
    }
    let mut histories = HashMap::new();
    if !case_ids.is_empty() {
        let relabelled = cases::resolve_reference_clashes(tx, &case_ids)?;
        case_ids.retain(|id| !fresh.contains(id));
        case_ids.extend(relabelled);
        histories = cases::facts::refresh(tx, &case_ids)?;
    }
    case_ids.extend(fresh);
    let calendar = [Table::WorkspaceSettings, Table::SlaPolicies, Table::Holidays, Table::Calendars, Table::Teams];
    if calendar.iter().any(|t| touched.contains_key(t)) {
        cases::refresh_active_due_caches(tx)?;
    } else if let Some(customers) = touched.get(&Table::Customers) {
        cases::refresh_due_caches_of_customers(tx, &customers.iter().cloned().collect::<Vec<_>>())?;
    }
    if touched.contains_key(&Table::SlaPolicies) {
        sla_policies::record_duplicates(tx)?;
    }
    if let Some(articles) = touched.get(&Table::Articles) {
        knowledge::versions::keep_lost_bodies(tx, articles)?;
    }
    // The KPI facts last: they read the case facts refolded above (and the histories read
    // on the way, else those of the cases written with their past in this transaction).
    for (id, history) in cases::facts::take_written_histories(tx)? {
        histories.entry(id).or_insert(history);
    }
    let setup = tx.cached(SlaSetup::load)?;
    let every_case = [Table::WorkspaceSettings, Table::SlaPolicies, Table::Holidays, Table::Calendars];
    if every_case.iter().any(|t| touched.contains_key(t)) {
        return kpi_facts::refresh_all(tx.conn(), &setup, histories);
    }
    case_ids.extend(stale.get(&Table::Cases).into_iter().flatten().map(|id| CaseId(id.clone())));
    for (table, owner) in [(Table::Customers, CaseOwner::Customer), (Table::Teams, CaseOwner::Team)] {
        if let Some(owners) = touched.get(&table) {
            case_ids.extend(kpi_facts::cases_of(tx.conn(), owner, owners)?);
        }
    }
    kpi_facts::refresh(tx.conn(), &setup, &case_ids, histories)
}
