//! Writing a plan: one transaction, through the cases' history writer
//! ([`crate::cases::history::create_with_past_but_tags`]: the actions' rules and timeline
//! entries, each case row written once; the cases' tag rows all at the end, in id order,
//! by [`crate::cases::history::write_tags`]), so every imported case has the timeline its
//! facts come from — created at the file's creation time, answered at its first-response
//! time, moved to its status at the file's times — and every column is versioned and
//! logged for sync like any other write.
//!
//! A case's imported past, in time order:
//! - created (with its external id), assigned and tagged at its creation time;
//! - its first response, if the file has one: an outbound contact on the case's channel;
//! - open at the first response (or creation); pending at its last update;
//! - resolved at its resolution time (root cause and summary from the file, or saying
//!   they were not recorded), closed at its closing time.

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};

use super::plan::{Plan, PlannedCase, Who};
use super::validate::Draft;
use super::{ImportProgress, ImportSummary};
use crate::cases::history::{self, Load, Step};
use crate::cases::{CaseChannel, CaseStatus, Contact, Direction, Intake, NewCase, Resolution};
use crate::customers::{CustomerInput, Tier};
use crate::ids::{AgentId, CustomerId, TeamId};
use crate::store::{Table, WriteTx};
use crate::{Error, Result, customers, people};

/// Writes `plan` in `tx`. `on_progress` is called about a hundred times; `Break` stops with
/// [`Error::Cancelled`] (the caller's transaction then keeps nothing).
pub(crate) fn write(
    tx: &mut WriteTx<'_>,
    plan: Plan,
    source: &str,
    mut on_progress: impl FnMut(ImportProgress) -> ControlFlow<()>,
) -> Result<ImportSummary> {
    let total = plan.cases.len() as u32;
    let summary = ImportSummary {
        cases: total,
        skipped: plan.skipped,
        customers_created: plan.customers.len() as u32,
        customers_matched: plan.customers_matched,
        agents_created: plan.agents.len() as u32,
        teams_created: plan.teams.len() as u32,
    };
    if on_progress(ImportProgress { done: 0, total }).is_break() {
        return Err(Error::Cancelled);
    }
    let teams = plan
        .teams
        .iter()
        .map(|t| {
            tx.set_time(t.first_needed);
            people::create_team(tx, &t.value)
        })
        .collect::<Result<Vec<TeamId>>>()?;
    let agents = plan
        .agents
        .iter()
        .map(|a| {
            tx.set_time(a.first_needed);
            people::create_agent(tx, &a.value, None)
        })
        .collect::<Result<Vec<AgentId>>>()?;
    let customers = plan
        .customers
        .iter()
        .map(|c| {
            tx.set_time(c.first_needed);
            customers::create(
                tx,
                &CustomerInput {
                    name: c.value.name.clone(),
                    company: c.value.company.clone(),
                    email: c.value.email.clone(),
                    phone: c.value.phone.clone(),
                    tier: Tier::Standard,
                    notes: String::new(),
                },
            )
        })
        .collect::<Result<Vec<CustomerId>>>()?;
    let report_every = (total / 100).clamp(1, 1_000);
    // An import at least as large as what the case tables hold builds their indexes
    // faster afresh at its end (the writing reads cases by id alone). Before the search
    // indexing, which reads the timelines by case.
    let held: i64 = tx.conn().query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
    crate::cases::search_index::deferred(tx, |tx| {
        let load = |tx: &mut WriteTx<'_>| {
            let mut load = history::Load::default();
            for (i, case) in plan.cases.into_iter().enumerate() {
                let row = case.draft.row;
                // The plan passed the same rules, so a refusal here is a bug: name the row.
                write_case(tx, case, source, &customers, &agents, &teams, &mut load).map_err(|e| match e {
                    Error::Validation { .. } | Error::InvalidTransition { .. } | Error::NotFound { .. } => {
                        Error::Internal(format!("row {row} could not be imported: {e}"))
                    }
                    e => e,
                })?;
                let done = i as u32 + 1;
                // At each report the pages written so far go out to the WAL, clean in the
                // cache ([`WriteTx::write_out_pages`]).
                if done.is_multiple_of(report_every) || done == total {
                    if on_progress(ImportProgress { done, total }).is_break() {
                        return Err(Error::Cancelled);
                    }
                    tx.write_out_pages()?;
                }
            }
            history::write_tags(tx, load)?;
            tx.write_out_pages()
        };
        // The timeline's index (by case) stays: the cases' ids are minted in order, so its
        // entries are appended, which costs less than sorting them all again at the end.
        if i64::from(total) >= held {
            tx.with_indexes_rebuilt(&[Table::Cases, Table::CaseTags], load)
        } else {
            load(tx)
        }
    })?;
    Ok(summary)
}

fn pick<T: Clone>(who: Option<&Who<T>>, new: &[T]) -> Option<T> {
    match who? {
        Who::Existing(id) => Some(id.clone()),
        Who::New(i) => new.get(*i).cloned(),
    }
}

fn write_case(
    tx: &mut WriteTx<'_>,
    case: PlannedCase,
    source: &str,
    customers: &[CustomerId],
    agents: &[AgentId],
    teams: &[TeamId],
    load: &mut Load,
) -> Result<()> {
    let customer_id = pick(case.customer.as_ref(), customers);
    let agent = pick(case.assignee.as_ref(), agents);
    let team = pick(case.team.as_ref(), teams);
    let d = case.draft;
    history::create_with_past_but_tags(
        tx,
        d.created,
        &NewCase {
            title: d.title.clone(),
            description: d.description.clone(),
            customer_id,
            channel: d.channel,
            category: d.category.clone(),
            priority: d.priority,
        },
        Intake { external_id: Some(&d.external_id), ..Intake::default() },
        steps(&d, agent, team, source),
        load,
    )?;
    Ok(())
}

/// The case's past after its creation, in time order.
fn steps(d: &Draft, agent: Option<AgentId>, team: Option<TeamId>, source: &str) -> Vec<(DateTime<Utc>, Step)> {
    let mut out = Vec::with_capacity(6);
    if agent.is_some() || team.is_some() {
        out.push((d.created, Step::Assign { agent, team }));
    }
    if !d.tags.is_empty() {
        out.push((d.created, Step::Tags(d.tags.clone())));
    }
    if let Some(at) = d.first_response {
        let channel = match d.channel {
            CaseChannel::WalkIn => CaseChannel::Phone,
            c => c,
        };
        let contact = Contact { channel, direction: Direction::Outbound, summary: String::new(), handle_seconds: 0 };
        out.push((at, Step::Contact(contact)));
    }
    let opened = d.first_response.unwrap_or(d.created);
    match d.status {
        CaseStatus::New => {}
        CaseStatus::Open => out.push((opened, Step::Move(CaseStatus::Open, None))),
        CaseStatus::PendingCustomer | CaseStatus::PendingInternal => {
            out.push((opened, Step::Move(CaseStatus::Open, None)));
            out.push((d.status_at, Step::Move(d.status, None)));
        }
        CaseStatus::Resolved | CaseStatus::Closed => {
            let resolved = d.resolved.unwrap_or(d.created);
            let resolution = Resolution {
                root_cause: d.root_cause.clone().unwrap_or_else(|| format!("(not recorded in {source})")),
                resolution_summary: d.resolution_summary.clone().unwrap_or_else(|| format!("(imported from {source})")),
            };
            out.push((resolved, Step::Move(CaseStatus::Resolved, Some(resolution))));
            if d.status == CaseStatus::Closed {
                out.push((d.closed.unwrap_or(resolved), Step::Move(CaseStatus::Closed, None)));
            }
        }
    }
    // Stable: steps of one instant keep their order.
    out.sort_by_key(|(t, _)| *t);
    out
}
