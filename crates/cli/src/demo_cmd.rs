//! `demo`: fill a database with a realistic demo contact centre, or clear it again.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::{Context, Result};
use frontline_core::settings::Language;
use frontline_core::{Error, Store, demo};

use crate::{output, progress};

pub struct DemoArgs {
    pub cases: u32,
    pub lang: Language,
    pub seed: u64,
    pub force: bool,
    pub clear: bool,
}

pub fn run(db: &Path, a: DemoArgs) -> Result<()> {
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    if a.clear {
        let cleared = demo::clear(&mut store)?;
        output::line(format_args!("removed the demo data ({} cases) from {}", cleared.cases, db.display()));
        return Ok(());
    }
    let opts = demo::DemoOptions { cases: a.cases, language: a.lang, seed: a.seed, end: store.now(), force: a.force };
    let cancelled = progress::cancel_on_ctrl_c()?;
    let started = Instant::now();
    let result = demo::generate(&mut store, &opts, |p: demo::DemoProgress| {
        let pct = if p.total == 0 { 100 } else { u64::from(p.done) * 100 / u64::from(p.total) };
        progress::draw(&format!("generating demo data: {pct:>3}% ({}/{} cases)", p.done, p.total));
        if cancelled.load(Ordering::SeqCst) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });
    let summary = match result {
        Err(Error::Cancelled) => anyhow::bail!("cancelled; the database is unchanged"),
        Err(Error::NotEmpty { cases }) => anyhow::bail!(
            "{} already has {cases} cases; demo data would be mixed into them. Use another --db, or --force to add \
             it anyway",
            db.display()
        ),
        Err(Error::Validation { field: "cases", limit: Some(max), .. }) => {
            anyhow::bail!("--cases must be from 1 to {max} (got {})", a.cases)
        }
        other => other?,
    };
    output::line(format_args!(
        "created {} cases, {} customers, {} agents and {} teams in {} in {:.1} s",
        summary.cases,
        summary.customers,
        summary.agents,
        summary.teams,
        db.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

pub fn parse_language(s: &str) -> Result<Language, String> {
    match s.to_ascii_lowercase().as_str() {
        "en" => Ok(Language::En),
        "zh-hans" | "zh-cn" => Ok(Language::ZhHans),
        "zh-hant" | "zh-tw" | "zh-hk" => Ok(Language::ZhHant),
        _ => Err(format!("unknown language {s:?}; use en, zh-Hans or zh-Hant")),
    }
}
