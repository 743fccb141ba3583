//! `voc painpoints`: the pain-point heat maps (journey stage × root cause of cases,
//! journey stage × theme of feedback) for a period, from the same core function as the
//! app's view.

use std::path::Path;

use anyhow::{Context, Result};
use frontline_core::Store;
use frontline_core::voc::{HeatMap, PainPointsRequest, painpoints};

use crate::kpi_cmd::parse_period;
use crate::output;

pub fn pain_points(db: &Path, period: &str, json: bool) -> Result<()> {
    let store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let period = parse_period(period).map_err(anyhow::Error::msg)?;
    let p = painpoints::pain_points(store.conn(), &PainPointsRequest { period }, store.now())?;
    if json {
        return output::json(&p);
    }
    output::line(format_args!("{} to {} ({} days)", p.period.first_day, p.period.last_day, p.period.days));
    print_map("Cases: journey stage x root cause", &p.cases);
    output::line(format_args!(
        "Not in the map: {} cases without a journey stage, {} without a root cause yet",
        p.cases_without_stage, p.cases_without_root_cause
    ));
    print_map("Feedback: journey stage x theme", &p.feedback);
    output::line(format_args!("Not in the map: {} feedback entries without a journey stage", p.feedback_without_stage));
    Ok(())
}

/// One line per non-empty cell: stage, column, count and CSAT.
fn print_map(title: &str, map: &HeatMap) {
    output::line(format_args!("\n{title}"));
    if map.columns.is_empty() {
        output::line(format_args!("  (nothing in this period)"));
    }
    for row in &map.rows {
        for (column, cell) in map.columns.iter().zip(&row.cells).filter(|(_, c)| c.count > 0) {
            let csat = match cell.csat.percent {
                Some(p) => format!("CSAT {p:.0}% of {}", cell.csat.cases),
                None => "CSAT no answers".to_owned(),
            };
            output::line(format_args!("  {:<16} {:<48} {:>6}  {csat}", row.stage.label(), column, cell.count));
        }
    }
    if map.left_out > 0 {
        output::line(format_args!("  ({} more beyond the {} most frequent columns)", map.left_out, map.columns.len()));
    }
}
