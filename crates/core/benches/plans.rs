//! Opening a run on the issue 18 benchmark size: a 200-step plan (50 per phase) run with
//! 2,000 log entries — ticks, skips, notes and free entries — beside a raw-SQLite
//! baseline reading the same rows in the same run. Opening a run derives its checklist,
//! log and score from the events on every read (plans/checklist.rs), so this is what the
//! run page costs each time it refreshes. The data are made afresh in a temporary
//! database through the app's write path.
#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]

use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::Store;
use frontline_core::ids::PlanRunId;
use frontline_core::plans::{
    Phase, PlanInput, RunAction, RunInput, RunKind, Scenario, Severity, StepInput, plans, runs, versions,
};

const STEPS: usize = 200;
const LOG_ENTRIES: usize = 2_000;

fn make_run(dir: &std::path::Path) -> (Store, PlanRunId) {
    let mut store = Store::open(&dir.join("plans-bench.db")).unwrap();
    let phases = [Phase::Monitoring, Phase::Warning, Phase::Response, Phase::Recovery];
    let run = store
        .write(|tx| {
            let plan = plans::create(
                tx,
                &PlanInput {
                    title: "Benchmark outage".into(),
                    scenario: Scenario::SystemOutage,
                    severity: Severity::Critical,
                    owner: "Bench".into(),
                    review_days: 365,
                    drill_days: 90,
                    triggers: String::new(),
                    thresholds: String::new(),
                },
            )?;
            let mut steps = Vec::with_capacity(STEPS);
            for i in 0..STEPS {
                let input = StepInput {
                    phase: phases[i * phases.len() / STEPS],
                    text: format!("Step {i}: 核对队列并通知组长 check the queue and tell the leads"),
                    owner_role: "Duty manager".into(),
                    offset_minutes: i32::try_from(i).unwrap() * 3,
                    required: i % 5 != 0,
                };
                steps.push(plans::add_step(tx, &plan, &input)?);
            }
            versions::publish(tx, &plan)?;
            let run = runs::start(tx, &RunInput { plan_id: plan, kind: RunKind::Drill, commander: "Ann".into() })?;
            for i in 0..LOG_ENTRIES {
                let step = steps[i % STEPS].clone();
                let action = match i % 4 {
                    0 => RunAction::Tick { step },
                    1 => RunAction::Note { step, text: format!("Note {i}: 客户来电增多 more calls") },
                    2 if i % 40 == 2 => RunAction::Skip { step, reason: "Not needed at night".into() },
                    _ => RunAction::Log { text: format!("Entry {i}: carrier update 运营商更新") },
                };
                runs::record(tx, &run, &action)?;
            }
            Ok(run)
        })
        .unwrap();
    (store, run)
}

fn open_run(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, run) = make_run(dir.path());
    let conn = store.conn();
    let now = store.now();
    let view = runs::get(conn, &run, now).unwrap();
    assert_eq!((view.items.len(), view.log.len()), (STEPS, LOG_ENTRIES), "the run would measure something else");
    println!("plan_run_open: {STEPS} steps, {LOG_ENTRIES} log entries");
    let mut g = c.benchmark_group("plan_run_open");
    g.bench_function("run_get", |b| b.iter(|| runs::get(conn, &run, now).unwrap()));
    g.bench_function("baseline/raw_sql_rows", |b| {
        let mut version = conn.prepare("SELECT v.content FROM plan_runs r JOIN plan_versions v ON v.id = r.version_id WHERE r.id = ?1").unwrap();
        let mut events = conn
            .prepare("SELECT id, at, kind, step_id, text FROM run_events WHERE run_id = ?1 AND deleted_at IS NULL ORDER BY at, id")
            .unwrap();
        b.iter(|| {
            let content: String = version.query_row([&run], |r| r.get(0)).unwrap();
            let rows = events
                .query_map([&run], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect::<Vec<_>>();
            (content, rows)
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = open_run
}
criterion_main!(benches);
