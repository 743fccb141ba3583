//! The dashboard's tiles as a [`Table`]: one row per KPI, this period beside the previous
//! one, for a CSV file (and the report's KPI section). The numbers are the dashboard's own
//! ([`super::Dashboard`]); nothing is measured again here.
//!
//! Values are machine-readable (see [`crate::export::table`]): durations in seconds, shares
//! in percent, NPS as its score, each with the number of cases (or answers) it rests on;
//! a KPI without data is an empty cell, never 0. The key column (`first_response`,
//! `backlog.P1`, …) names each row the same in every language.

use crate::export::labels::Label;
use crate::export::table::{Cell, Table};
use crate::settings::Language;

use super::{Average, Dashboard, Kpis, Period, Share};

/// Reads one KPI's value and basis from a period's KPIs.
pub type KpiValue = Box<dyn Fn(&Kpis) -> (Cell, Cell)>;

/// One KPI row: its key, name and unit, and how to read its value and basis.
pub struct KpiRow {
    /// Stable key.
    pub key: String,
    /// Name in the reader's language.
    pub name: String,
    /// Unit in the reader's language.
    pub unit: Label,
    /// Value and basis in one period's KPIs.
    pub value: KpiValue,
}

fn average(a: &Average) -> (Cell, Cell) {
    (Cell::number(a.mean_seconds), a.cases.into())
}

fn share(s: &Share) -> (Cell, Cell) {
    (Cell::number(s.percent), s.cases.into())
}

fn count(n: u32) -> (Cell, Cell) {
    (n.into(), n.into())
}

/// Every KPI row of the dashboard, in the dashboard's order.
pub fn kpi_rows(lang: Language) -> Vec<KpiRow> {
    let row = |key: &str, name: Label, unit: Label, value: KpiValue| KpiRow {
        key: key.to_owned(),
        name: name.text(lang).to_owned(),
        unit,
        value,
    };
    let mut rows = vec![
        row("created", Label::CasesCreated, Label::Cases, Box::new(|k| count(k.created))),
        row("resolved", Label::CasesResolved, Label::Cases, Box::new(|k| count(k.resolved))),
        row("first_response", Label::FirstResponseTime, Label::Seconds, Box::new(|k| average(&k.first_response))),
        row("resolution", Label::ResolutionTime, Label::Seconds, Box::new(|k| average(&k.resolution))),
        row("sla_compliance", Label::SlaCompliance, Label::Percent, Box::new(|k| share(&k.sla_compliance))),
        row(
            "first_contact_resolution",
            Label::FirstContactResolution,
            Label::Percent,
            Box::new(|k| share(&k.first_contact_resolution)),
        ),
        row("handle_time", Label::HandleTime, Label::Seconds, Box::new(|k| average(&k.handle_time))),
        row("csat", Label::Csat, Label::Percent, Box::new(|k| share(&k.csat))),
        row(
            "nps",
            Label::Nps,
            Label::Score,
            Box::new(|k| (Cell::number(k.nps.score), (k.nps.promoters + k.nps.passives + k.nps.detractors).into())),
        ),
        row("backlog", Label::Backlog, Label::Cases, Box::new(|k| count(k.backlog.total))),
    ];
    use super::AgeBucket;
    let ages = [
        (AgeBucket::UnderOneDay, Label::BacklogUnderOneDay),
        (AgeBucket::OneToThreeDays, Label::BacklogOneToThreeDays),
        (AgeBucket::ThreeToSevenDays, Label::BacklogThreeToSevenDays),
        (AgeBucket::OverSevenDays, Label::BacklogOverSevenDays),
    ];
    for (age, label) in ages {
        let cases = move |k: &Kpis| k.backlog.by_age.iter().find(|a| a.age == age).map_or(0, |a| a.cases);
        rows.push(row(&format!("backlog.{}", age.as_str()), label, Label::Cases, Box::new(move |k| count(cases(k)))));
    }
    for p in crate::cases::Priority::ALL.iter().copied() {
        let cases = move |k: &Kpis| k.backlog.by_priority.iter().find(|c| c.priority == p).map_or(0, |c| c.cases);
        let mut r = row(&format!("backlog.{}", p.as_str()), Label::BacklogOfPriority, Label::Cases, Box::new(move |k| count(cases(k))));
        r.name = format!("{} {}", r.name, p.as_str().to_uppercase());
        rows.push(r);
    }
    rows.push(row("callbacks.due", Label::CallbacksDue, Label::Cases, Box::new(|k| count(k.callbacks.due))));
    rows.push(row("callbacks.overdue", Label::CallbacksOverdue, Label::Cases, Box::new(|k| count(k.callbacks.overdue))));
    rows.push(row("callbacks.on_time", Label::CallbacksOnTime, Label::Percent, Box::new(|k| share(&k.callbacks.follow_up))));
    rows
}

/// "This period (2026-11-01 to 2026-11-30)".
fn period_header(label: Label, p: &Period, lang: Language) -> String {
    let to = Label::To.text(lang);
    match lang {
        Language::En => format!("{} ({} {to} {})", label.text(lang), p.first_day, p.last_day),
        Language::ZhHans | Language::ZhHant => format!("{}（{} {to} {}）", label.text(lang), p.first_day, p.last_day),
    }
}

impl Dashboard {
    /// The tiles as a table in `lang`: KPI, key, unit, then value and basis in this period
    /// and in the previous one.
    pub fn table(&self, lang: Language) -> Table {
        let headers = vec![
            Label::Kpi.text(lang).to_owned(),
            Label::Key.text(lang).to_owned(),
            Label::Unit.text(lang).to_owned(),
            period_header(Label::ThisPeriod, &self.current.period, lang),
            Label::Basis.text(lang).to_owned(),
            period_header(Label::PreviousPeriod, &self.previous.period, lang),
            Label::Basis.text(lang).to_owned(),
        ];
        let rows = kpi_rows(lang)
            .into_iter()
            .map(|r| {
                let (now, now_basis) = (r.value)(&self.current.kpis);
                let (before, before_basis) = (r.value)(&self.previous.kpis);
                vec![r.name.into(), r.key.into(), r.unit.text(lang).into(), now, now_basis, before, before_basis]
            })
            .collect();
        Table { headers, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::{DashboardRequest, KpiFilter, PeriodPreset, PeriodRequest};
    use crate::store::test_support::temp_store;

    fn dashboard(conn: &rusqlite::Connection, now: chrono::DateTime<chrono::Utc>) -> Dashboard {
        let request = DashboardRequest { period: PeriodRequest::preset(PeriodPreset::Days30), filter: KpiFilter::default() };
        crate::kpi::dashboard(conn, &request, now).unwrap()
    }

    #[test]
    fn the_table_holds_the_dashboards_numbers_and_no_data_as_empty_cells() {
        let (_d, store, clock) = temp_store();
        let d = dashboard(store.conn(), clock.get());
        let t = d.table(Language::En);
        assert_eq!(t.headers.len(), 7);
        assert!(t.headers[3].starts_with("This period (") && t.headers[3].contains(&d.current.period.first_day));
        let row = |key: &str| t.rows.iter().find(|r| r[1] == Cell::Text(key.into())).unwrap_or_else(|| panic!("{key}"));
        assert_eq!(row("first_response")[3], Cell::Empty, "no cases: no data, not 0");
        assert_eq!(row("first_response")[4], Cell::Int(0));
        assert_eq!(row("created")[3], Cell::Int(0));
        assert_eq!(row("backlog.p1")[0], Cell::Text("Backlog: P1".into()));
        assert_eq!(t.rows.iter().filter(|r| r.len() == 7).count(), t.rows.len());
        let zh = d.table(Language::ZhHant);
        assert_eq!(zh.headers[0], "指標");
        assert_eq!(zh.rows[2][0], Cell::Text("首次回應時間".into()));
        assert_eq!(zh.rows[2][1], t.rows[2][1], "keys are the same in every language");
    }

    #[test]
    fn values_are_the_tiles_values() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::Store::open(&dir.path().join("frontline.db")).unwrap();
        let opts = crate::demo::DemoOptions {
            cases: 400,
            language: Language::En,
            seed: 5,
            end: store.now(),
            force: false,
        };
        crate::demo::generate(&mut store, &opts, |_| std::ops::ControlFlow::Continue(())).unwrap();
        let d = dashboard(store.conn(), store.now());
        let t = d.table(Language::En);
        let row = |key: &str| t.rows.iter().find(|r| r[1] == Cell::Text(key.into())).unwrap().clone();
        let k = &d.current.kpis;
        assert_eq!(row("created")[3], Cell::Int(i64::from(k.created)));
        assert_eq!(row("first_response")[3], Cell::number(k.first_response.mean_seconds));
        assert_eq!(row("sla_compliance")[3], Cell::number(k.sla_compliance.percent));
        assert_eq!(row("sla_compliance")[4], Cell::Int(i64::from(k.sla_compliance.cases)));
        assert_eq!(row("nps")[5], Cell::number(d.previous.kpis.nps.score));
        assert!(matches!(row("csat")[3], Cell::Number(_)), "demo data has CSAT answers");
    }
}
