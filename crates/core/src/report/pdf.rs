//! A service report as a PDF file, A4: its layout (KPIs, day by day, top issues) on the
//! shared pages of [`crate::pdf`], which finds the font and draws.

use super::format::{change_text as change, value_text as value};
use super::{ReportKind, ReportUnit, ServiceReport};
use crate::Result;
use crate::export::labels::Label;
use crate::pdf::{CONTENT_WIDTH, Item, MARGIN, Pages};
use crate::settings::Language;

/// The report's pages.
pub(crate) fn layout(r: &ServiceReport, lang: Language) -> Vec<Vec<Item>> {
    let mut p = Pages::new();
    let title = match r.kind {
        ReportKind::Weekly => Label::WeeklyReport,
        ReportKind::Monthly => Label::MonthlyReport,
    };
    let y = p.line(26.0);
    p.text(MARGIN, y, 20.0, format!("{} · {}", title.text(lang), r.period.name));
    if !r.organisation.is_empty() {
        p.paragraph(MARGIN, CONTENT_WIDTH, 12.0, 18.0, &r.organisation);
    }
    let to = Label::To.text(lang);
    let y = p.line(15.0);
    p.text(
        MARGIN,
        y,
        10.0,
        format!("{}: {} {to} {}", Label::ThisPeriod.text(lang), r.current.first_day, r.current.last_day),
    );
    let y = p.line(15.0);
    p.text(
        MARGIN,
        y,
        10.0,
        format!("{}: {} {to} {}", Label::PreviousPeriod.text(lang), r.previous.first_day, r.previous.last_day),
    );
    let y = p.line(15.0);
    p.text(
        MARGIN,
        y,
        9.0,
        format!(
            "{}: {} · {}: {}",
            Label::TimeZone.text(lang),
            r.time_zone,
            Label::Generated.text(lang),
            r.generated_at
        ),
    );

    let cols = [MARGIN, 270.0, 370.0, 470.0];
    p.gap(12.0);
    let y = p.line(20.0);
    p.text(MARGIN, y, 14.0, Label::KpisHeading.text(lang));
    let y = p.line(16.0);
    for (x, label) in cols.iter().zip([Label::Kpi, Label::ThisPeriod, Label::PreviousPeriod, Label::Change]) {
        p.text(*x, y, 9.0, label.text(lang));
    }
    for k in &r.kpis {
        let y = p.line(15.0);
        p.text(cols[0], y, 10.0, k.name.clone());
        p.text(cols[1], y, 10.0, value(lang, k.unit, k.current));
        p.text(cols[2], y, 10.0, value(lang, k.unit, k.previous));
        p.text(cols[3], y, 10.0, change(lang, k.unit, k.current, k.previous));
    }

    p.gap(12.0);
    let y = p.line(20.0);
    p.text(MARGIN, y, 14.0, Label::DayByDay.text(lang));
    let day_cols = [130.0, 330.0, 400.0, 480.0];
    let y = p.line(14.0);
    for (x, label) in day_cols.iter().zip([Label::CasesCreated, Label::SlaCompliance, Label::Csat, Label::Nps]) {
        p.text(*x, y, 8.0, label.text(lang));
    }
    let max = r.days.iter().map(|d| d.created).max().unwrap_or(0).max(1) as f32;
    for d in &r.days {
        let y = p.line(14.0);
        p.text(MARGIN, y, 9.0, d.day.clone());
        let w = 150.0 * d.created as f32 / max;
        p.push(Item::Bar { x: day_cols[0], y: y - 8.0, w: 150.0, h: 8.0, strong: false });
        p.push(Item::Bar { x: day_cols[0], y: y - 8.0, w, h: 8.0, strong: true });
        p.text(286.0, y, 9.0, d.created.to_string());
        p.text(day_cols[1], y, 9.0, value(lang, ReportUnit::Percent, d.sla_compliance.percent));
        p.text(day_cols[2], y, 9.0, value(lang, ReportUnit::Percent, d.csat.percent));
        p.text(day_cols[3], y, 9.0, value(lang, ReportUnit::Score, d.nps.score));
    }

    for (label, rows) in [(Label::TopCategories, &r.top_categories), (Label::RootCauses, &r.top_root_causes)] {
        if rows.is_empty() {
            continue;
        }
        p.gap(12.0);
        let y = p.line(20.0);
        p.text(MARGIN, y, 14.0, label.text(lang));
        let max = rows.iter().map(|c| c.cases).max().unwrap_or(0).max(1) as f32;
        for c in rows {
            let y = p.line(14.0);
            p.text(MARGIN, y, 9.0, c.name.clone());
            p.push(Item::Bar { x: 250.0, y: y - 8.0, w: 150.0 * c.cases as f32 / max, h: 8.0, strong: true });
            p.text(406.0, y, 9.0, c.cases.to_string());
        }
    }
    p.finish()
}

/// The report as PDF bytes, in `lang`, with `font` (from [`crate::pdf::find_font`]).
pub fn report_pdf(r: &ServiceReport, lang: Language, font: (Vec<u8>, u32)) -> Result<Vec<u8>> {
    crate::pdf::draw(layout(r, lang), font)
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;
    use crate::Store;
    use crate::pdf::{PAGE, find_font};
    use crate::report::{ReportKind, ReportRequest, service_report};

    fn demo() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("frontline.db")).unwrap();
        let opts =
            crate::demo::DemoOptions { cases: 400, language: Language::En, seed: 9, end: store.now(), force: false };
        crate::demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
        (dir, store)
    }

    /// The text a PDF reader extracts, without whitespace (extractors space glyphs
    /// differently).
    fn text_of(pdf: &[u8]) -> String {
        pdf_extract::extract_text_from_mem(pdf).unwrap().chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn the_pdf_holds_the_kpi_names_and_values_in_english_and_chinese() {
        let (_d, store) = demo();
        for lang in [Language::En, Language::ZhHans, Language::ZhHant] {
            let r =
                service_report(store.conn(), &ReportRequest { kind: ReportKind::Monthly, of: None }, lang, store.now())
                    .unwrap();
            let pdf = report_pdf(&r, lang, find_font(lang).expect("a CJK font (fonts-wqy-microhei or fonts-noto-cjk)"))
                .unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
            let text = text_of(&pdf);
            let title: String = Label::MonthlyReport.text(lang).chars().filter(|c| !c.is_whitespace()).collect();
            assert!(text.contains(&title), "{lang:?}: {title} in {text}");
            for k in &r.kpis {
                let name: String = k.name.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(text.contains(&name), "{lang:?}: {name}");
            }
            let created = r.kpis.iter().find(|k| k.key == "created").unwrap();
            assert!(text.contains(&value(lang, created.unit, created.current)), "{lang:?}: the created count");
            let sla = r.kpis.iter().find(|k| k.key == "sla_compliance").unwrap();
            assert!(text.contains(&value(lang, sla.unit, sla.current).replace(' ', "")), "{lang:?}: SLA compliance");
        }
    }

    #[test]
    fn a_monthly_report_runs_over_pages_and_nothing_leaves_the_page() {
        let (_d, store) = demo();
        let r = service_report(
            store.conn(),
            &ReportRequest { kind: ReportKind::Monthly, of: None },
            Language::En,
            store.now(),
        )
        .unwrap();
        let pages = layout(&r, Language::En);
        assert!(pages.len() >= 2, "30 days and 24 KPIs do not fit one A4 page");
        for item in pages.iter().flatten() {
            let (x, y) = match item {
                Item::Text { x, y, .. } | Item::Bar { x, y, .. } => (*x, *y),
            };
            assert!((0.0..PAGE.0).contains(&x) && (MARGIN..PAGE.1 - MARGIN).contains(&y), "{item:?}");
        }
    }
}
