//! What the benchmarks share: the 100k-case demo database, made once and kept.
#![allow(dead_code)]

use std::ops::ControlFlow;
use std::path::PathBuf;

use chrono::{DateTime, TimeZone, Utc};
use frontline_core::Store;
use frontline_core::demo::{self, DemoOptions};
use frontline_core::settings::Language;

/// Cases in the benchmark database: DESIGN.md's benchmark size.
pub const CASES: u32 = 100_000;

/// Where the demo's history ends (it covers the 90 days before).
pub fn demo_end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
}

/// The 100k-case demo database in `language`, made once and kept: Chinese at
/// `$FRONTLINE_BENCH_DB` (default ~/.cache/frontline/bench-100k.db), English beside it
/// (`bench-100k-en.db`), so each language's search runs on text in that language.
pub fn bench_db(language: Language) -> PathBuf {
    let zh = std::env::var_os("FRONTLINE_BENCH_DB").map(PathBuf::from).unwrap_or_else(|| {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
        home.join(".cache/frontline/bench-100k.db")
    });
    let path = match language {
        Language::En => zh.with_file_name(format!("{}-en.db", zh.file_stem().and_then(|s| s.to_str()).unwrap_or("bench"))),
        _ => zh,
    };
    let ready = Store::open(&path).ok().and_then(|s| s.info().ok()).is_some_and(|i| {
        i.row_counts.iter().any(|(t, n)| *t == "cases" && *n >= u64::from(CASES))
    });
    if !ready {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path).unwrap();
        let opts = DemoOptions {
            cases: CASES,
            language,
            seed: 42,
            end: demo_end(),
            force: false,
        };
        eprintln!("generating {CASES} demo cases into {} (once)", path.display());
        demo::generate(&mut store, &opts, |_| ControlFlow::Continue(())).unwrap();
    }
    path
}

