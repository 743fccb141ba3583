//! The compliance matrix on the issue 17 benchmark size: 500 agents × 40 courses with
//! 10,000 training records, beside a raw-SQLite baseline (reading the same records in one
//! query) taken in the same run. The data set is made afresh in a temporary database,
//! deterministically, through the app's write path: four roles each requiring 20 of the
//! courses, validity from none to 36 months, records spread over three years so every
//! state (compliant, expiring, expired, missing, due) occurs.
#![allow(missing_docs, clippy::unwrap_used, clippy::print_stdout)]

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use frontline_core::Store;
use frontline_core::people::{AgentInput, roles, roster};
use frontline_core::training::requirements::{self, Requirement, RequirementLevel};
use frontline_core::training::{CourseInput, Mode, RecordInput, Topic, courses, matrix, records};

const AGENTS: usize = 500;
const COURSES: usize = 40;
const RECORDS: usize = 10_000;

fn make_store(dir: &std::path::Path) -> (Store, NaiveDate) {
    let mut store = Store::open(&dir.join("compliance-bench.db")).unwrap();
    let today = frontline_core::settings::today(store.conn(), store.now()).unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    store
        .write(|tx| {
            let role_ids: Vec<_> = roles::BUILT_IN.iter().map(|k| roles::built_in_id(k)).collect();
            let mut agents = Vec::with_capacity(AGENTS);
            for i in 0..AGENTS {
                // Hired between 1 and 5 years ago, so new hires' grace has passed.
                let days_in = 365 + (next() % (4 * 365)) as i64;
                let input = AgentInput {
                    name: format!("Agent {i:03}"),
                    employee_id: format!("E-{i:04}"),
                    team_id: None,
                    role_id: Some(role_ids[i % role_ids.len()].clone()),
                    hired_on: Some((today - Duration::days(days_in)).to_string()),
                };
                agents.push((roster::create(tx, &input)?, days_in));
            }
            let mut course_ids = Vec::with_capacity(COURSES);
            for j in 0..COURSES {
                let input = CourseInput {
                    title: format!("Course {j:02}"),
                    topic: Topic::Compliance,
                    mode: Mode::Online,
                    duration_minutes: 60,
                    validity_months: [None, Some(12), Some(24), Some(36)][j % 4],
                    pass_mark: if j % 2 == 0 { Some(70) } else { None },
                };
                course_ids.push(courses::create(tx, &input)?);
            }
            for (r, role) in role_ids.iter().enumerate() {
                for k in 0..20 {
                    let course = &course_ids[(r * 10 + k) % COURSES];
                    let level = if k < 15 { RequirementLevel::Required } else { RequirementLevel::Recommended };
                    requirements::set(
                        tx,
                        &Requirement { role_id: role.clone(), course_id: course.clone(), level, grace_days: 30 },
                    )?;
                }
            }
            for _ in 0..RECORDS {
                let (agent, days_in) = &agents[(next() % AGENTS as u64) as usize];
                let course = (next() % COURSES as u64) as usize;
                let input = RecordInput {
                    agent_id: agent.clone(),
                    course_id: course_ids[course].clone(),
                    // Within the last 3 years, on or after the hire date.
                    completed_on: (today - Duration::days((next() % (*days_in).min(3 * 365) as u64) as i64))
                        .to_string(),
                    score: Some(50 + (next() % 51) as u8),
                    issuer: String::new(),
                    note: String::new(),
                };
                records::add(tx, &input)?;
            }
            Ok(())
        })
        .unwrap();
    (store, today)
}

fn compliance(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (store, today) = make_store(dir.path());
    let conn = store.conn();
    let m = matrix::matrix(conn, None, today).unwrap();
    println!("compliance_matrix: {} agents × {} courses over {RECORDS} records", m.rows.len(), m.courses.len());
    let mut g = c.benchmark_group("compliance");
    g.bench_function("matrix_500x40_10k", |b| b.iter(|| matrix::matrix(conn, None, today).unwrap()));
    g.bench_function("baseline/records_raw_sql", |b| {
        let mut stmt = conn
            .prepare(
                "SELECT r.agent_id, r.course_id, r.completed_on, r.score FROM training_records r
                 JOIN agents a ON a.id = r.agent_id AND a.deleted_at IS NULL WHERE r.deleted_at IS NULL",
            )
            .unwrap();
        b.iter(|| {
            stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                ))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect::<Vec<_>>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = compliance
}
criterion_main!(benches);
