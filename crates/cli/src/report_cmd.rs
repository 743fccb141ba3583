//! `report`: the weekly or monthly service report (a calendar week or month in the
//! workspace's time zone, beside the one before) as readable text, JSON or a PDF file,
//! from the same core module as the app's report page.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use frontline_core::export::labels::Label;
use frontline_core::report::{self, ReportKind, ReportRequest, ReportUnit, ServiceReport, change_text, value_text};
use frontline_core::settings::Language;
use frontline_core::{Store, ValidationRule};

use crate::{export_cmd, output};

pub struct ReportArgs {
    pub kind: ReportKind,
    pub of: Option<String>,
    pub pdf: Option<PathBuf>,
    pub json: bool,
    pub lang: Option<Language>,
}

/// `week` or `month`.
pub fn parse_period(s: &str) -> Result<ReportKind, String> {
    match s.to_ascii_lowercase().as_str() {
        "week" => Ok(ReportKind::Weekly),
        "month" => Ok(ReportKind::Monthly),
        _ => Err(format!("unknown period {s:?}; use week or month")),
    }
}

pub fn run(db: &Path, a: ReportArgs) -> Result<()> {
    let store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let lang = export_cmd::language(&store, a.lang)?;
    let request = ReportRequest { kind: a.kind, of: a.of };
    let r = explain(a.kind, report::service_report(store.conn(), &request, lang, store.now()))?;
    if a.json {
        return output::json(&r);
    }
    if let Some(to) = &a.pdf {
        report::save_pdf(&r, lang, to, false)?;
        output::line(format_args!(
            "saved the {} report {} ({} to {}) to {}",
            a.kind.as_str(),
            r.period.name,
            r.current.first_day,
            r.current.last_day,
            to.display()
        ));
        return Ok(());
    }
    text(&r, lang);
    Ok(())
}

fn unit_name(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::Weekly => "week",
        ReportKind::Monthly => "month",
    }
}

/// `--of` refused in the flag's own words; anything else as core says it.
fn explain<T>(kind: ReportKind, result: frontline_core::Result<T>) -> Result<T> {
    let unit = unit_name(kind);
    match result {
        Err(frontline_core::Error::Validation { field: "of", rule, limit }) => match rule {
            ValidationRule::TooLate => {
                anyhow::bail!("--of: that {unit} has not ended yet; leave out --of for the last complete {unit}")
            }
            ValidationRule::TooEarly => {
                anyhow::bail!("--of: a report goes back at most {} days", limit.unwrap_or_default())
            }
            _ => anyhow::bail!("--of must be a day as YYYY-MM-DD (any day of the {unit} wanted)"),
        },
        other => Ok(other?),
    }
}

/// The report as text: the KPI table, the days and the top lists, in `lang`.
fn text(r: &ServiceReport, lang: Language) {
    let title = match r.kind {
        ReportKind::Weekly => Label::WeeklyReport,
        ReportKind::Monthly => Label::MonthlyReport,
    };
    let to = Label::To.text(lang);
    output::line(format_args!("{} {}", title.text(lang), r.period.name));
    if !r.organisation.is_empty() {
        output::line(&r.organisation);
    }
    output::line(format_args!("{}: {} {to} {} ({})", Label::ThisPeriod.text(lang), r.current.first_day, r.current.last_day, r.time_zone));
    output::line(format_args!("{}: {} {to} {}", Label::PreviousPeriod.text(lang), r.previous.first_day, r.previous.last_day));

    output::line(format_args!("\n{}", Label::KpisHeading.text(lang)));
    output::line(format_args!(
        "{:<34} {:>14} {:>14} {:>12}",
        Label::Kpi.text(lang),
        Label::ThisPeriod.text(lang),
        Label::PreviousPeriod.text(lang),
        Label::Change.text(lang)
    ));
    for k in &r.kpis {
        output::line(format_args!(
            "{:<34} {:>14} {:>14} {:>12}",
            k.name,
            value_text(lang, k.unit, k.current),
            value_text(lang, k.unit, k.previous),
            change_text(lang, k.unit, k.current, k.previous)
        ));
    }

    output::line(format_args!("\n{}", Label::DayByDay.text(lang)));
    for d in &r.days {
        output::line(format_args!(
            "{}  {:>5}  SLA {:>8}  CSAT {:>8}  NPS {:>8}",
            d.day,
            d.created,
            value_text(lang, ReportUnit::Percent, d.sla_compliance.percent),
            value_text(lang, ReportUnit::Percent, d.csat.percent),
            value_text(lang, ReportUnit::Score, d.nps.score)
        ));
    }
    for (label, rows) in [(Label::TopCategories, &r.top_categories), (Label::RootCauses, &r.top_root_causes)] {
        if rows.is_empty() {
            continue;
        }
        output::line(format_args!("\n{}", label.text(lang)));
        for c in rows {
            output::line(format_args!("{:>6}  {}", c.cases, c.name));
        }
    }
}
