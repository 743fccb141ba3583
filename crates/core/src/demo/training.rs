//! The demo's training: agents given roles, employee ids and hire dates; six courses in
//! the demo's language; what each role must take; and each agent's history, drawn so
//! the compliance view shows every state — mostly compliant, some expiring soon, a few
//! expired, a new hire's courses still missing, one exemption — plus a past session with
//! its attendance and an upcoming one with agents enrolled. All through the app's own
//! write path.

use chrono::{Datelike, Months, NaiveDate};
use rand::Rng;

use crate::Result;
use crate::ids::{AgentId, CourseId, RoleId};
use crate::people::{roles, roster};
use crate::settings::Language;
use crate::store::WriteTx;
use crate::training::sessions::AttendanceRow;
use crate::training::{
    self, CourseInput, Mode, RecordInput, Requirement, RequirementLevel, SessionInput, Topic, records, requirements,
    sessions,
};

use super::parts::{book_in, part_rng};

/// A course as the demo writes it; `text` is its title in the book's language.
struct DemoCourse {
    topic: Topic,
    mode: Mode,
    minutes: u32,
    validity_months: Option<u16>,
    pass_mark: Option<u8>,
    /// Required of every role (else only of team leads and QA, or recommended).
    for_all: RequirementLevel,
    for_leads: RequirementLevel,
}

const COURSES: [DemoCourse; 6] = [
    DemoCourse {
        topic: Topic::ProductKnowledge,
        mode: Mode::Online,
        minutes: 90,
        validity_months: Some(12),
        pass_mark: Some(80),
        for_all: RequirementLevel::Required,
        for_leads: RequirementLevel::Required,
    },
    DemoCourse {
        topic: Topic::ServiceSkills,
        mode: Mode::Classroom,
        minutes: 240,
        validity_months: Some(24),
        pass_mark: Some(70),
        for_all: RequirementLevel::Required,
        for_leads: RequirementLevel::Required,
    },
    DemoCourse {
        topic: Topic::Compliance,
        mode: Mode::Online,
        minutes: 60,
        validity_months: Some(12),
        pass_mark: Some(85),
        for_all: RequirementLevel::Required,
        for_leads: RequirementLevel::Required,
    },
    DemoCourse {
        topic: Topic::CrmTools,
        mode: Mode::OnTheJob,
        minutes: 120,
        validity_months: None,
        pass_mark: None,
        for_all: RequirementLevel::Recommended,
        for_leads: RequirementLevel::Recommended,
    },
    DemoCourse {
        topic: Topic::CrisisResponse,
        mode: Mode::Classroom,
        minutes: 180,
        validity_months: Some(24),
        pass_mark: None,
        for_all: RequirementLevel::NotAsked,
        for_leads: RequirementLevel::Required,
    },
    DemoCourse {
        topic: Topic::ServiceSkills,
        mode: Mode::Classroom,
        minutes: 120,
        validity_months: None,
        pass_mark: None,
        for_all: RequirementLevel::Recommended,
        for_leads: RequirementLevel::NotAsked,
    },
];

struct Book {
    titles: [&'static str; 6],
    trainer: &'static str,
    place: &'static str,
    exemption: &'static str,
}

const EN: Book = Book {
    titles: [
        "Product essentials",
        "Handling complaints",
        "Data protection",
        "CRM for agents",
        "Incident and crisis response",
        "De-escalation on the phone",
    ],
    trainer: "Grace Li (training)",
    place: "Training room 2",
    exemption: "Holds the equivalent external certificate.",
};

const HANS: Book = Book {
    titles: ["产品基础知识", "投诉处理", "数据保护", "坐席CRM操作", "事件与危机应对", "电话中的情绪安抚"],
    trainer: "王敏（培训组）",
    place: "二号培训室",
    exemption: "持有同等外部证书。",
};

const HANT: Book = Book {
    titles: ["產品基礎知識", "客訴處理", "個人資料保護", "客服人員CRM操作", "事件與危機應變", "電話中的情緒安撫"],
    trainer: "陳怡君（訓練組）",
    place: "第二訓練教室",
    exemption: "持有同等的外部證書。",
};

/// Gives the agents roles, ids and hire dates, and writes the courses, requirements,
/// records and sessions; `today` is the demo's last day (in the team's zone).
pub(super) fn write(
    tx: &mut WriteTx<'_>,
    seed: u64,
    language: Language,
    today: NaiveDate,
    agents: &[AgentId],
) -> Result<()> {
    let book = book_in(language, [&EN, &HANS, &HANT]);
    let mut rng = part_rng(seed, 0x7472_6169_6e00_0000);
    // Nothing can be completed after this computer's today (a demo may end later).
    let today = today.min(crate::settings::today(tx.conn(), tx.now())?);
    let agent_role = roles::built_in_id("agent");
    let lead_role = roles::built_in_id("team_lead");

    // A second demo run (forced onto existing data) reuses the courses: titles are unique.
    let existing = training::courses::list(tx.conn())?;
    let mut courses = Vec::with_capacity(COURSES.len());
    for (course, title) in COURSES.iter().zip(book.titles) {
        if let Some(found) = existing.iter().find(|c| c.title == title) {
            courses.push(found.id.clone());
            continue;
        }
        let input = CourseInput {
            title: title.to_owned(),
            topic: course.topic,
            mode: course.mode,
            duration_minutes: course.minutes,
            validity_months: course.validity_months,
            pass_mark: course.pass_mark,
        };
        let id = training::courses::create(tx, &input)?;
        for (role, level) in [(&agent_role, course.for_all), (&lead_role, course.for_leads)] {
            if level != RequirementLevel::NotAsked {
                let req = Requirement { role_id: role.clone(), course_id: id.clone(), level, grace_days: 30 };
                requirements::set(tx, &req)?;
            }
        }
        courses.push(id);
    }

    // Employee ids are unique: a second run numbers on from the first.
    let numbered: u32 = tx.conn().query_row("SELECT count(*) FROM agents WHERE employee_id != ''", [], |r| r.get(0))?;
    for (i, agent) in agents.iter().enumerate() {
        // The first of each team of eight leads it; the last agent joined a fortnight ago.
        let lead = i % 8 == 0;
        let new_hire = i + 1 == agents.len();
        let hired = if new_hire {
            today - chrono::Duration::days(14)
        } else {
            today - chrono::Duration::days(rng.random_range(400..2_500))
        };
        let role = if lead { &lead_role } else { &agent_role };
        profile(tx, agent, role, 1_001 + numbered + i as u32, hired)?;
        if new_hire {
            continue;
        }
        for (course, id) in COURSES.iter().zip(&courses) {
            let level = if lead { course.for_leads } else { course.for_all };
            if level == RequirementLevel::NotAsked || (level == RequirementLevel::Recommended && rng.random_bool(0.5)) {
                continue;
            }
            // Every seventh agent never took data protection: long past their grace days.
            if i % 7 == 6 && course.topic == Topic::Compliance {
                continue;
            }
            let Some(done) = completed_on(&mut rng, course, hired, today) else { continue };
            let score = course.pass_mark.map(|mark| rng.random_range(mark..=100));
            let input = RecordInput {
                agent_id: agent.clone(),
                course_id: id.clone(),
                completed_on: done.to_string(),
                score,
                issuer: String::new(),
                note: String::new(),
            };
            records::add(tx, &input)?;
        }
    }
    // One agent is exempt from data protection, certified elsewhere.
    if let Some(agent) = agents.get(3) {
        let exemption = requirements::Exemption {
            agent_id: agent.clone(),
            course_id: courses[2].clone(),
            reason: book.exemption.to_owned(),
        };
        requirements::exempt(tx, &exemption)?;
    }
    held_sessions(tx, &mut rng, book, today, &courses, agents)
}

/// Sets an agent's employee id, role and hire date, keeping name and team.
fn profile(tx: &mut WriteTx<'_>, agent: &AgentId, role: &RoleId, number: u32, hired: NaiveDate) -> Result<()> {
    let now = roster::get(tx.conn(), agent)?;
    let input = roster::AgentInput {
        name: now.name,
        employee_id: format!("E{number}"),
        team_id: now.team_id,
        role_id: Some(role.clone()),
        hired_on: Some(hired.to_string()),
    };
    roster::update(tx, agent, &input)
}

/// When an agent last completed `course`, or `None` for one they never took: mostly
/// within its validity, about one in eight within a month of expiring, one in twelve
/// expired.
fn completed_on(rng: &mut impl Rng, course: &DemoCourse, hired: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    let months = course.validity_months.map_or(36, u32::from);
    let roll: f64 = rng.random();
    let back = if roll < 1.0 / 12.0 {
        // Expired: up to three months past its validity.
        months + rng.random_range(1..=3)
    } else if roll < 1.0 / 12.0 + 1.0 / 8.0 {
        // Expiring within the month.
        months - 1
    } else {
        rng.random_range(1..months.saturating_sub(1).max(2))
    };
    let day = today.checked_sub_months(Months::new(back))?.with_day(rng.random_range(1..=28))?;
    (day > hired && day <= today).then_some(day)
}

/// A session of complaint handling held a month ago (attended and scored, so its records
/// come from it), and one of product essentials in two weeks with agents enrolled.
fn held_sessions(
    tx: &mut WriteTx<'_>,
    rng: &mut impl Rng,
    book: &Book,
    today: NaiveDate,
    courses: &[CourseId],
    agents: &[AgentId],
) -> Result<()> {
    let session = |course: &CourseId, held: NaiveDate| SessionInput {
        course_id: course.clone(),
        held_on: held.to_string(),
        trainer: book.trainer.to_owned(),
        place: book.place.to_owned(),
        capacity: 12,
    };
    // Agents hired long before: the last one is the new hire.
    let veterans = &agents[..agents.len().saturating_sub(1)];
    let past = sessions::create(tx, &session(&courses[1], today - chrono::Duration::days(30)))?;
    let attendees: Vec<AgentId> = veterans.iter().skip(1).step_by(4).take(6).cloned().collect();
    sessions::enrol(tx, &past, &attendees)?;
    let rows: Vec<AttendanceRow> = attendees
        .iter()
        .enumerate()
        .map(|(i, agent)| AttendanceRow {
            agent_id: agent.clone(),
            // One did not come; one came and failed.
            attended: i != 0,
            score: (i != 0).then(|| if i == 1 { 55 } else { rng.random_range(72..=98) }),
        })
        .collect();
    sessions::save_attendance(tx, &past, &rows)?;

    let next = sessions::create(tx, &session(&courses[0], today + chrono::Duration::days(14)))?;
    let enrolled: Vec<AgentId> = agents.iter().skip(2).step_by(5).take(5).cloned().collect();
    sessions::enrol(tx, &next, &enrolled)
}
