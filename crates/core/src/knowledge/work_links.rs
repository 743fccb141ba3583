//! Links from articles into the work beyond cases: to plan steps (shown beside the step
//! on the plan page and in a run's checklist) and to courses (their materials). Each is a
//! set like the case links (links.rs): one row per (article, element) whose `present`
//! flag merges per element, so two devices linking and unlinking offline keep both.
//!
//! A step keeps its id in every published version it is in (plans/versions.rs), so a
//! link is made to the step id: a run following an older version still shows the
//! articles of its steps, even of a step since removed from the draft.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::articles;
use super::links::LinkedArticle;
use crate::ids::{ArticleId, CourseId, PlanId, PlanStepId};
use crate::plans::Phase;
use crate::store::{Table, WriteTx};
use crate::training::courses;
use crate::{Result, input, plans};

/// Most articles linked to one plan step.
pub const MAX_PER_STEP: usize = 20;
/// Most articles linked to one course.
pub const MAX_PER_COURSE: usize = 50;

/// A plan step an article is linked to, for the article page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LinkedStep {
    /// The step.
    pub id: PlanStepId,
    /// Its plan.
    pub plan_id: PlanId,
    /// The plan's title.
    pub plan_title: String,
    /// The step's phase.
    pub phase: Phase,
    /// What the step says.
    pub text: String,
}

/// An article linked to a step, for a plan page or a run's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct StepArticle {
    /// The step.
    pub step_id: PlanStepId,
    /// The article.
    pub article: LinkedArticle,
}

/// A course an article is linked to (as a material), for the article page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct LinkedCourse {
    /// The course.
    pub id: CourseId,
    /// Its title.
    pub title: String,
}

/// An article that is a course's material, for the courses page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CourseMaterial {
    /// The course.
    pub course_id: CourseId,
    /// The article.
    pub article: LinkedArticle,
}

fn linked_article(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<LinkedArticle> {
    Ok(LinkedArticle { id: r.get(from)?, title: r.get(from + 1)?, kind: r.get(from + 2)?, status: r.get(from + 3)? })
}

/// Links an article to a plan step of the draft (linking twice is harmless). Errors
/// (nothing written): an unknown article or step (`NotFound`), more than
/// [`MAX_PER_STEP`] articles on the step.
pub fn link_step(tx: &mut WriteTx<'_>, article: &ArticleId, step: &PlanStepId) -> Result<()> {
    articles::fields(tx.conn(), article)?;
    plans::plans::step_home(tx.conn(), step)?;
    let linked = articles_of_step(tx.conn(), step)?;
    if linked.iter().any(|id| id == article) {
        return Ok(());
    }
    input::check_count("articleIds", linked.len() + 1, MAX_PER_STEP)?;
    set_step(tx, article, step, true)
}

/// Removes a link to a step; one that is not there is harmless. `NotFound` for an
/// unknown article.
pub fn unlink_step(tx: &mut WriteTx<'_>, article: &ArticleId, step: &PlanStepId) -> Result<()> {
    articles::fields(tx.conn(), article)?;
    input::check_id("stepId", step.as_str())?;
    if articles_of_step(tx.conn(), step)?.iter().any(|id| id == article) {
        set_step(tx, article, step, false)?;
    }
    Ok(())
}

fn set_step(tx: &mut WriteTx<'_>, article: &ArticleId, step: &PlanStepId, present: bool) -> Result<()> {
    tx.upsert(
        Table::ArticlePlanSteps,
        &crate::ids::member_id(article.as_str(), &format!("step:{step}")),
        &[
            ("article_id", Value::Text(article.to_string())),
            ("step_id", Value::Text(step.to_string())),
            ("present", Value::Integer(i64::from(present))),
        ],
    )?;
    Ok(())
}

/// The live articles linked to one step (ids only, for the checks above).
fn articles_of_step(conn: &rusqlite::Connection, step: &PlanStepId) -> Result<Vec<ArticleId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.article_id FROM article_plan_steps l JOIN articles a ON a.id = l.article_id
         WHERE l.step_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL AND a.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([step], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live articles linked to any step of a plan, steps removed from the draft included
/// (a run of an older version still has them), by title within each step.
pub fn for_plan(conn: &rusqlite::Connection, plan: &PlanId) -> Result<Vec<StepArticle>> {
    input::check_id("planId", plan.as_str())?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.step_id, a.id, a.title, a.kind, a.status
         FROM article_plan_steps l JOIN plan_steps s ON s.id = l.step_id JOIN articles a ON a.id = l.article_id
         WHERE s.plan_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL AND a.deleted_at IS NULL
         ORDER BY l.step_id, a.title COLLATE NOCASE, a.id",
    )?;
    let rows = stmt.query_map([plan], |r| Ok(StepArticle { step_id: r.get(0)?, article: linked_article(r, 1)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live steps of live plans an article is linked to, by plan title then step text.
/// Steps with a phase this build does not know are left out.
pub fn steps_of(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Vec<LinkedStep>> {
    articles::fields(conn, article)?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, p.id, p.title, s.phase, s.text
         FROM article_plan_steps l JOIN plan_steps s ON s.id = l.step_id JOIN plans p ON p.id = s.plan_id
         WHERE l.article_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL
           AND s.deleted_at IS NULL AND p.deleted_at IS NULL
         ORDER BY p.title COLLATE NOCASE, p.id, s.position, s.id",
    )?;
    let rows = stmt.query_map([article], |r| {
        let phase: String = r.get(3)?;
        Ok(Phase::parse(&phase).map(|phase| -> rusqlite::Result<LinkedStep> {
            Ok(LinkedStep { id: r.get(0)?, plan_id: r.get(1)?, plan_title: r.get(2)?, phase, text: r.get(4)? })
        }))
    })?;
    let mut out = Vec::new();
    for row in rows {
        if let Some(step) = row? {
            out.push(step?);
        }
    }
    // Stable: within a plan's phase the steps keep their order.
    out.sort_by(|a, b| {
        (a.plan_title.to_lowercase(), &a.plan_id, a.phase).cmp(&(b.plan_title.to_lowercase(), &b.plan_id, b.phase))
    });
    Ok(out)
}

/// Links an article to a course as one of its materials (linking twice is harmless).
/// Errors (nothing written): an unknown article or course (`NotFound`), more than
/// [`MAX_PER_COURSE`] articles on the course.
pub fn link_course(tx: &mut WriteTx<'_>, article: &ArticleId, course: &CourseId) -> Result<()> {
    articles::fields(tx.conn(), article)?;
    input::check_id("courseId", course.as_str())?;
    courses::get(tx.conn(), course)?;
    let linked = articles_of_course(tx.conn(), course)?;
    if linked.iter().any(|id| id == article) {
        return Ok(());
    }
    input::check_count("articleIds", linked.len() + 1, MAX_PER_COURSE)?;
    set_course(tx, article, course, true)
}

/// Removes an article from a course's materials; one that is not there is harmless.
/// `NotFound` for an unknown article.
pub fn unlink_course(tx: &mut WriteTx<'_>, article: &ArticleId, course: &CourseId) -> Result<()> {
    articles::fields(tx.conn(), article)?;
    input::check_id("courseId", course.as_str())?;
    if articles_of_course(tx.conn(), course)?.iter().any(|id| id == article) {
        set_course(tx, article, course, false)?;
    }
    Ok(())
}

fn set_course(tx: &mut WriteTx<'_>, article: &ArticleId, course: &CourseId, present: bool) -> Result<()> {
    tx.upsert(
        Table::ArticleCourses,
        &crate::ids::member_id(article.as_str(), &format!("course:{course}")),
        &[
            ("article_id", Value::Text(article.to_string())),
            ("course_id", Value::Text(course.to_string())),
            ("present", Value::Integer(i64::from(present))),
        ],
    )?;
    Ok(())
}

fn articles_of_course(conn: &rusqlite::Connection, course: &CourseId) -> Result<Vec<ArticleId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.article_id FROM article_courses l JOIN articles a ON a.id = l.article_id
         WHERE l.course_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL AND a.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([course], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every live course's live materials, by course then article title.
pub fn course_materials(conn: &rusqlite::Connection) -> Result<Vec<CourseMaterial>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.course_id, a.id, a.title, a.kind, a.status
         FROM article_courses l JOIN courses c ON c.id = l.course_id JOIN articles a ON a.id = l.article_id
         WHERE l.present = 1 AND l.deleted_at IS NULL AND c.deleted_at IS NULL AND a.deleted_at IS NULL
         ORDER BY l.course_id, a.title COLLATE NOCASE, a.id",
    )?;
    let rows = stmt.query_map([], |r| Ok(CourseMaterial { course_id: r.get(0)?, article: linked_article(r, 1)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The live courses an article is a material of, by title.
pub fn courses_of(conn: &rusqlite::Connection, article: &ArticleId) -> Result<Vec<LinkedCourse>> {
    articles::fields(conn, article)?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.title FROM article_courses l JOIN courses c ON c.id = l.course_id
         WHERE l.article_id = ?1 AND l.present = 1 AND l.deleted_at IS NULL AND c.deleted_at IS NULL
         ORDER BY c.title COLLATE NOCASE, c.id",
    )?;
    let rows = stmt.query_map([article], |r| Ok(LinkedCourse { id: r.get(0)?, title: r.get(1)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
