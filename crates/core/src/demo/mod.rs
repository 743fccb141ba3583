//! Demo data: a realistic, reproducible contact centre in English, Simplified or
//! Traditional Chinese — for trying Frontline out, for screenshots and for benchmarks at
//! the size DESIGN.md measures (100k cases, about a million timeline events).
//!
//! **Why through the write path.** Every row is written by the functions the app writes
//! with, inside a [`WriteTx`] whose wall time is set to the moment things happened:
//! people and customers by `people::create_agent`, `customers::create`, ...; each case
//! with its whole past by the bulk writer the CSV import uses
//! ([`history::create_with_past_but_tags`]), which passes every step through the rules and
//! timeline entries of the action it stands for and writes the case row once with the
//! facts and cached SLA due times its timeline folds to — the case the actions one by one
//! would make (a test holds the two writers to the same rows). So a demo database
//! exercises the same code as a real one, and there is no raw insert anywhere in this
//! module. (The search indexes of the new cases are built in one pass at the end —
//! [`cases::search_index::deferred`] — with the same contents the per-row triggers would
//! give.)
//!
//! **Reproducible.** One seeded [`StdRng`] drives every choice, so the same options on the
//! same starting database (same time zone and SLA policies) give the same cases, texts,
//! statuses and times. Ids (UUIDv7) and the device part of case references differ between
//! databases, as they must. (`StdRng`'s stream is only stable within one `rand` version.)
//!
//! **All or nothing.** One run is one transaction: a cancelled or failed run leaves the
//! database exactly as it was — no customers, no half-written case.
//!
//! - `timing.rs`: when cases arrive (day and week shape) and when agents act.
//! - `plan.rs`: what a case is about and what happens to it — pure.
//! - `names.rs`: agents and customers. `text/`: the phrasebooks.
//! - `knowledge.rs`: the knowledge base (SOPs, policies, call scripts, known issues).
//! - `voc.rs`: journey stages, feedback and insights (the voice of the customer).
//! - `targets.rs`: KPI targets for two roles and three agents.

mod coaching;
mod knowledge;
mod names;
mod parts;
mod plan;
mod qa;
mod targets;
mod text;
mod timing;
mod training;
mod voc;

use std::ops::ControlFlow;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use self::plan::{AGENTS_PER_TEAM, Draft, TEAMS, World};
use crate::cases::history::{self, Load};
use crate::cases::{self, Intake, NewCase};
use crate::ids::{AgentId, CaseId, CustomerId, TeamId};
use crate::settings::{self, Language};
use crate::store::{Store, Table, WriteTx};
use crate::{Error, Result, ValidationRule, customers, people};

/// Largest demo accepted in one run: the size DESIGN.md measures (under half a minute
/// and 600 MB). The app offers at most this; the CLI refuses more.
pub const MAX_CASES: u32 = 100_000;
/// Days of history before [`DemoOptions::end`] the cases are spread over.
pub const SPAN_DAYS: i64 = 90;
/// Customers per case (at least [`MIN_CUSTOMERS`]): some customers have several cases.
const CASES_PER_CUSTOMER: u32 = 20;
/// Fewest customers a demo has.
const MIN_CUSTOMERS: u32 = 5;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DemoOptions {
    /// Number of cases, 1 to [`MAX_CASES`].
    pub cases: u32,
    /// Language of names and texts.
    pub language: Language,
    /// Random seed: the same seed and options give the same data. (From the UI, a number
    /// below 2^53.)
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub seed: u64,
    /// Cases are created over the [`SPAN_DAYS`] days before this; nothing happens after it.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub end: DateTime<Utc>,
    /// Add to a database that already has cases. Made-up cases among real ones mislead
    /// every figure, so only a deliberate choice mixes the two (the CLI's `--force`; the
    /// app offers demo data on an empty database only and never sets this).
    pub force: bool,
}

/// How far a run has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DemoProgress {
    /// Cases written so far.
    pub done: u32,
    /// Cases in all.
    pub total: u32,
}

/// What a run created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    /// Cases.
    pub cases: u32,
    /// Customers.
    pub customers: u32,
    /// Agents.
    pub agents: u32,
    /// Teams.
    pub teams: u32,
}

/// Writes a demo contact centre into `store`: 4 teams, 24 agents, `cases / 20` customers
/// (at least 5, about 8% VIP) and `cases` cases with their whole history, spread over the
/// 90 days before `opts.end`.
///
/// The one rule for the CLI and the app: 1 to [`MAX_CASES`] cases (else a validation
/// error on `cases`), into a database without cases unless `opts.force` (else
/// [`Error::NotEmpty`], checked inside the run's transaction, so no case written meanwhile
/// slips past it). With `force` it adds to whatever the database holds.
///
/// `on_progress` is called about a hundred times (every 1,000 cases at most); returning
/// `Break` cancels with [`Error::Cancelled`] and nothing of the run is kept. Sets the
/// organisation name (e.g. "Demo Support Centre") when none is set.
pub fn generate(
    store: &mut Store,
    opts: &DemoOptions,
    mut on_progress: impl FnMut(DemoProgress) -> ControlFlow<()>,
) -> Result<DemoSummary> {
    check_size(opts.cases)?;
    if crate::sync::enrollment(store.conn())?.is_some() {
        return Err(Error::DemoWhileSignedIn);
    }
    let current = settings::load(store)?;
    let tz: Tz = current.time_zone.parse().unwrap_or(Tz::UTC);
    let book = text::phrasebook(opts.language);
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let mut voc_rng = voc::rng(opts.seed);
    let start = opts.end - Duration::days(SPAN_DAYS);
    let created = timing::creation_times(&mut rng, tz, start, opts.end, opts.cases);
    let total = opts.cases;
    let report_every = (total / 100).clamp(1, 1_000);

    let written = store.write(|tx| {
        if !opts.force {
            let cases: i64 =
                tx.conn().query_row("SELECT count(*) FROM cases WHERE deleted_at IS NULL", [], |r| r.get(0))?;
            if cases > 0 {
                return Err(Error::NotEmpty { cases: cases as u64 });
            }
        }
        // Demo data can never be synced (signing in refuses a database that holds it), so
        // it needs no versions; its rows are remembered so it can be told apart and cleared.
        tx.unversioned();
        let before = rowid_marks(tx.conn())?;
        let cast = cast(tx, &mut rng, book, opts.language, start, (total / CASES_PER_CUSTOMER).max(MIN_CUSTOMERS))?;
        let world = World { book, tz, end: opts.end, vip: &cast.vip, agents: &cast.agents, teams: &cast.teams };
        cases::search_index::deferred(tx, |tx| {
            let mut load = Load::default();
            for (i, at) in created.iter().enumerate() {
                write_case(tx, &mut rng, &mut voc_rng, &world, &cast, &mut load, *at)?;
                let done = i as u32 + 1;
                if (done.is_multiple_of(report_every) || done == total)
                    && on_progress(DemoProgress { done, total }).is_break()
                {
                    return Err(Error::Cancelled);
                }
            }
            history::write_tags(tx, load)
        })?;
        voc::write(tx, &mut voc_rng, opts.language, tz, opts.end, total, &cast.customers)?;
        let recent: Vec<CaseId> = tx
            .conn()
            .prepare("SELECT id FROM cases WHERE deleted_at IS NULL ORDER BY rowid DESC LIMIT 6")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        knowledge::write(tx, opts.language, opts.end.with_timezone(&tz).date_naive(), &recent)?;
        qa::write(tx, opts.seed, opts.language, opts.end.with_timezone(&tz).date_naive(), &cast.agents)?;
        coaching::write(tx, opts.seed, opts.language, opts.end.with_timezone(&tz).date_naive(), &cast.agents)?;
        training::write(tx, opts.seed, opts.language, opts.end.with_timezone(&tz).date_naive(), &cast.agents)?;
        targets::write(tx, &cast.agents)?;
        remember_rows(tx.conn(), &before)?;
        Ok(DemoSummary {
            cases: total,
            customers: cast.customers.len() as u32,
            agents: cast.agents.len() as u32,
            teams: cast.teams.len() as u32,
        })
    });
    let summary = written?;

    if current.organisation_name.trim().is_empty() {
        let mut s = settings::load(store)?;
        s.organisation_name = book.organisation.to_owned();
        settings::save(store, s)?;
    }
    Ok(summary)
}

/// 1 to [`MAX_CASES`] cases.
fn check_size(cases: u32) -> Result<()> {
    if cases == 0 || cases > MAX_CASES {
        return Err(Error::Validation { field: "cases", rule: ValidationRule::InvalidValue, limit: Some(MAX_CASES) });
    }
    Ok(())
}

/// Tables demo data writes rows into.
const DEMO_TABLES: &[Table] = &[
    Table::Teams,
    Table::Agents,
    Table::Customers,
    Table::Cases,
    Table::CaseEvents,
    Table::CaseTags,
    Table::Feedback,
    Table::FeedbackThemes,
    Table::Insights,
    Table::InsightEvidence,
    Table::KbCategories,
    Table::Articles,
    Table::ArticleTags,
    Table::ArticleCases,
    Table::ArticleVersions,
    Table::QaScorecards,
    Table::QaScorecardVersions,
    Table::QaEvaluations,
    Table::CoachingNotes,
    Table::CoachingActions,
    Table::Courses,
    Table::TrainingRecords,
    Table::TrainingRequirements,
    Table::TrainingExemptions,
    Table::TrainingSessions,
    Table::TrainingEnrolments,
    Table::KpiTargets,
];

/// The highest rowid of each demo table before a run.
fn rowid_marks(conn: &rusqlite::Connection) -> Result<Vec<i64>> {
    DEMO_TABLES
        .iter()
        .map(|t| Ok(conn.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM {}", t.name()), [], |r| r.get(0))?))
        .collect()
}

/// Records the rowid range each table gained in this run (one transaction: no other
/// writer's rows can be among them).
fn remember_rows(conn: &rusqlite::Connection, before: &[i64]) -> Result<()> {
    for (t, after) in DEMO_TABLES.iter().zip(rowid_marks(conn)?) {
        let first = before[DEMO_TABLES.iter().position(|x| x == t).unwrap_or(0)] + 1;
        if after >= first {
            conn.execute(
                "INSERT INTO demo_rows (tbl, first_rowid, last_rowid) VALUES (?1, ?2, ?3)",
                rusqlite::params![t.name(), first, after],
            )?;
        }
    }
    Ok(())
}

/// Whether the database holds rows a demo run wrote.
pub fn holds_demo_data(conn: &rusqlite::Connection) -> Result<bool> {
    let ranges: Vec<(String, i64, i64)> = {
        let mut stmt = conn.prepare_cached("SELECT tbl, first_rowid, last_rowid FROM demo_rows")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    for (tbl, first, last) in ranges {
        let Some(t) = Table::from_name(&tbl) else { continue };
        let any: bool = conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {} WHERE rowid BETWEEN ?1 AND ?2)", t.name()),
            [first, last],
            |r| r.get(0),
        )?;
        if any {
            return Ok(true);
        }
    }
    Ok(false)
}

/// What clearing demo data removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct ClearedDemo {
    /// Cases removed.
    pub cases: u32,
}

/// Removes every row demo runs wrote, with what hangs on them (timeline entries and tags
/// of demo cases, their search entries and versions), in one transaction. Real rows made
/// since stay; a real case that referred to a demo customer or agent no longer shows one.
pub fn clear(store: &mut Store) -> Result<ClearedDemo> {
    store.write(|tx| {
        let conn = tx.conn();
        let ranges: Vec<(String, i64, i64)> = {
            let mut stmt = conn.prepare("SELECT tbl, first_rowid, last_rowid FROM demo_rows")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?
        };
        let mut cases = 0;
        for (tbl, first, last) in &ranges {
            let Some(t) = Table::from_name(tbl) else { continue };
            if t == Table::Cases {
                conn.execute("DELETE FROM cases_fts WHERE rowid BETWEEN ?1 AND ?2", [first, last])?;
                conn.execute("DELETE FROM cases_grams WHERE rowid BETWEEN ?1 AND ?2", [first, last])?;
            }
            let n = conn.execute(&format!("DELETE FROM {} WHERE rowid BETWEEN ?1 AND ?2", t.name()), [first, last])?;
            if t == Table::Cases {
                cases += n as u32;
            }
        }
        // What real use added to demo cases, and sync bookkeeping of rows now gone.
        conn.execute("DELETE FROM case_events WHERE case_id NOT IN (SELECT id FROM cases)", [])?;
        conn.execute("DELETE FROM case_tags WHERE case_id NOT IN (SELECT id FROM cases)", [])?;
        conn.execute("DELETE FROM feedback_themes WHERE feedback_id NOT IN (SELECT id FROM feedback)", [])?;
        conn.execute("DELETE FROM insight_evidence WHERE insight_id NOT IN (SELECT id FROM insights)", [])?;
        for t in DEMO_TABLES {
            conn.execute(
                &format!("DELETE FROM column_versions WHERE tbl = ?1 AND row_id NOT IN (SELECT id FROM {})", t.name()),
                [t.name()],
            )?;
        }
        conn.execute("DELETE FROM demo_rows", [])?;
        Ok(ClearedDemo { cases })
    })
}

/// The people of the demo.
struct Cast {
    teams: Vec<TeamId>,
    agents: Vec<AgentId>,
    customers: Vec<CustomerId>,
    vip: Vec<bool>,
}

/// Creates the teams and their agents (half a year before the first case) and the
/// customers (up to two years before it).
fn cast(
    tx: &mut WriteTx<'_>,
    rng: &mut StdRng,
    book: &'static text::Phrasebook,
    language: Language,
    start: DateTime<Utc>,
    customers: u32,
) -> Result<Cast> {
    tx.set_time(start - Duration::days(180));
    let teams = book.teams.iter().map(|name| people::create_team(tx, name)).collect::<Result<Vec<_>>>()?;
    let names = names::distinct_people(rng, book, TEAMS * AGENTS_PER_TEAM);
    let mut agents = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        agents.push(people::create_agent(tx, name, Some(&teams[i / AGENTS_PER_TEAM]))?);
    }
    let mut cast = Cast { teams, agents, customers: Vec::new(), vip: Vec::new() };
    for i in 0..customers as usize {
        let input = names::customer(rng, book, language, i);
        tx.set_time(start - Duration::minutes(rng.random_range(60..730 * 24 * 60)));
        cast.vip.push(input.tier == customers::Tier::Vip);
        cast.customers.push(customers::create(tx, &input)?);
    }
    Ok(cast)
}

/// Creates one case with its whole history, timed on the due times the case starts with.
fn write_case(
    tx: &mut WriteTx<'_>,
    rng: &mut StdRng,
    voc_rng: &mut StdRng,
    w: &World<'_>,
    cast: &Cast,
    load: &mut Load,
    created: DateTime<Utc>,
) -> Result<()> {
    let mut d: Draft = plan::draft(rng, w, created);
    let input = NewCase {
        title: std::mem::take(&mut d.title),
        description: std::mem::take(&mut d.description),
        customer_id: cast.customers.get(d.customer).cloned(),
        channel: d.channel,
        category: d.category_text(w.book).name.to_owned(),
        priority: d.priority,
    };
    let stage = voc::case_stage(voc_rng, d.category);
    let (first_response_due, resolution_due) = history::due_at_creation(tx, load, &input, created)?;
    let steps = plan::steps(rng, w, &d, first_response_due, resolution_due);
    let intake = Intake { stage: stage.as_ref(), ..Intake::default() };
    history::create_with_past_but_tags(tx, created, &input, intake, steps, load)?;
    Ok(())
}

#[cfg(test)]
mod tests;
