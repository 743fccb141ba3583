//! `kpi`: the dashboard's numbers for a period beside the previous one (or, with `--by`,
//! per agent or team), from the same core module as the app.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use frontline_core::cases::{CaseChannel, Priority};
use frontline_core::customers::Tier;
use frontline_core::kpi::{
    self, Average, DashboardRequest, KpiFilter, Kpis, LeaderboardBy, LeaderboardRequest, PeriodPreset, PeriodRequest, Share,
};
use frontline_core::settings::Language;
use frontline_core::{Store, people};

use crate::{export_cmd, output};

pub struct KpiArgs {
    pub period: String,
    pub teams: Vec<String>,
    pub agents: Vec<String>,
    pub channels: Vec<CaseChannel>,
    pub categories: Vec<String>,
    pub priorities: Vec<Priority>,
    pub tiers: Vec<Tier>,
    pub by: Option<LeaderboardBy>,
    pub json: bool,
    pub csv: Option<PathBuf>,
    pub lang: Option<Language>,
}

/// `today`, `7d`, `30d`, `90d`, or `FROM..TO` (days, both included).
pub fn parse_period(s: &str) -> Result<PeriodRequest, String> {
    if let Some((from, to)) = s.split_once("..") {
        return Ok(PeriodRequest { preset: PeriodPreset::Custom, from: Some(from.into()), to: Some(to.into()) });
    }
    match PeriodPreset::parse(s) {
        Some(p) if p != PeriodPreset::Custom => Ok(PeriodRequest::preset(p)),
        _ => Err(format!("unknown period {s:?}; use today, 7d, 30d, 90d or YYYY-MM-DD..YYYY-MM-DD")),
    }
}

pub fn parse_by(s: &str) -> Result<LeaderboardBy, String> {
    LeaderboardBy::parse(&s.to_ascii_lowercase()).ok_or_else(|| format!("unknown leaderboard {s:?}; use agent or team"))
}

pub fn parse_tier(s: &str) -> Result<Tier, String> {
    Tier::parse(&s.to_ascii_lowercase()).ok_or_else(|| format!("unknown tier {s:?}; use standard or vip"))
}

pub fn run(db: &Path, a: KpiArgs) -> Result<()> {
    let store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let conn = store.conn();
    let period = parse_period(&a.period).map_err(anyhow::Error::msg)?;
    let filter = KpiFilter {
        teams: a.teams.iter().map(|n| people::find_team(conn, n)).collect::<frontline_core::Result<_>>()?,
        assignees: a.agents.iter().map(|n| people::find_agent(conn, n)).collect::<frontline_core::Result<_>>()?,
        channels: a.channels,
        categories: a.categories,
        priorities: a.priorities,
        tiers: a.tiers,
    };
    if let Some(by) = a.by {
        let board = explain(kpi::leaderboard(conn, &LeaderboardRequest { period, filter, by }, store.now()))?;
        return if a.json { output::json(&board) } else { leaderboard(&board) };
    }
    let d = explain(kpi::dashboard(conn, &DashboardRequest { period, filter }, store.now()))?;
    if a.json {
        return output::json(&d);
    }
    if let Some(to) = &a.csv {
        let table = d.table(export_cmd::language(&store, a.lang)?);
        export_cmd::to_new_file(to, |out, _| table.write_csv(out))?;
        output::line(format_args!("exported the KPIs to {}", to.display()));
        return Ok(());
    }
    let (cur, prev) = (&d.current, &d.previous);
    output::line(format_args!(
        "{} to {} ({} day{}, {}); previous: {} to {}",
        cur.period.first_day,
        cur.period.last_day,
        cur.period.days,
        if cur.period.days == 1 { "" } else { "s" },
        d.time_zone,
        prev.period.first_day,
        prev.period.last_day
    ));
    for (name, now, before) in rows(&cur.kpis, &prev.kpis) {
        output::line(format_args!("{name:<28} {now:>22} {before:>22}"));
    }
    Ok(())
}

/// A too-long period said plainly: the rule's generic wording ("not a valid value") says
/// less than this.
fn explain<T>(result: frontline_core::Result<T>) -> Result<T> {
    match result {
        Err(frontline_core::Error::Validation { field: "period", limit: Some(days), .. }) => {
            anyhow::bail!("a period can be at most {days} days long")
        }
        other => Ok(other?),
    }
}

/// One line per agent or team: the counts, then each KPI with the cases it rests on.
fn leaderboard(board: &kpi::Leaderboard) -> Result<()> {
    let p = &board.period;
    output::line(format_args!("{} to {} ({}), per {}", p.first_day, p.last_day, board.time_zone, board.by.as_str()));
    for row in &board.rows {
        let k = &row.kpis;
        let name = row.name.as_deref().unwrap_or(match board.by {
            LeaderboardBy::Agent => "(unassigned)",
            LeaderboardBy::Team => "(no team)",
        });
        output::line(format_args!(
            "{name}: created {}, resolved {}, backlog {}; first response {}; resolution {}; SLA {}; FCR {}; AHT {}; CSAT {}",
            k.created,
            k.resolved,
            k.backlog.total,
            duration(&k.first_response),
            duration(&k.resolution),
            share(&k.sla_compliance),
            share(&k.first_contact_resolution),
            duration(&k.handle_time),
            share(&k.csat),
        ));
    }
    Ok(())
}

/// Each KPI's name and its value in both periods, as text.
fn rows(c: &Kpis, p: &Kpis) -> Vec<(&'static str, String, String)> {
    let both = |f: &dyn Fn(&Kpis) -> String| (f(c), f(p));
    let mut out = Vec::new();
    let mut add = |name, (a, b)| out.push((name, a, b));
    add("Cases created", both(&|k| k.created.to_string()));
    add("Cases resolved", both(&|k| k.resolved.to_string()));
    add("First response time", both(&|k| duration(&k.first_response)));
    add("Resolution time", both(&|k| duration(&k.resolution)));
    add("SLA compliance", both(&|k| share(&k.sla_compliance)));
    add("First-contact resolution", both(&|k| share(&k.first_contact_resolution)));
    add("Average handle time", both(&|k| duration(&k.handle_time)));
    add("CSAT", both(&|k| share(&k.csat)));
    add("NPS", both(&|k| {
        let answers = k.nps.promoters + k.nps.passives + k.nps.detractors;
        k.nps.score.map_or_else(|| "no data".into(), |s| format!("{s:+.0} ({answers} answers)"))
    }));
    add("Backlog", both(&|k| k.backlog.total.to_string()));
    add("Call-backs due", both(&|k| k.callbacks.due.to_string()));
    add("Call-backs overdue", both(&|k| k.callbacks.overdue.to_string()));
    add("Call-backs done on time", both(&|k| share(&k.callbacks.follow_up)));
    out
}

fn duration(a: &Average) -> String {
    let Some(secs) = a.mean_seconds else { return "no data".into() };
    let minutes = (secs / 60.0).round() as u64;
    let text = match minutes {
        0 => format!("{:.0} s", secs),
        m if m < 60 => format!("{m} min"),
        m => format!("{} h {:02} min", m / 60, m % 60),
    };
    format!("{text} ({} cases)", a.cases)
}

fn share(s: &Share) -> String {
    s.percent.map_or_else(|| "no data".into(), |p| format!("{p:.1}% ({}/{})", s.hits, s.cases))
}
