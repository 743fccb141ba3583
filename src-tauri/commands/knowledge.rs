//! Knowledge-base commands: articles and their categories, publishing and history,
//! search, and links to cases, plan steps and courses. Each is one core call.

use frontline_core::ids::{
    AgentId, ArticleId, ArticleImageId, ArticleVersionId, CaseId, CourseId, KbCategoryId, PlanId, PlanStepId, RoleId,
    TeamId,
};
use frontline_core::knowledge::{
    Article, ArticleHit, ArticleImage, ArticleInput, ArticleQuery, ArticleVersionSummary, Category, CategoryInput,
    CategoryUsage, CourseMaterial, DiffLine, LinkedArticle, LinkedCase, LinkedCourse, LinkedStep, OutstandingAck,
    ReadStatus, ReviewReminders, StepArticle, acks, articles, categories, images, links, review, search, versions,
    work_links,
};
use frontline_core::settings;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// The articles a search and filters find, with snippets.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_find(state: State<'_, AppState>, query: ArticleQuery) -> Result<Vec<ArticleHit>, IpcError> {
    state.read(|s| search::find(s.conn(), &query))
}

/// Every tag in use on an article.
#[tauri::command]
#[specta::specta]
pub async fn kb_tag_list(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.read(|s| search::tags(s.conn()))
}

/// One article.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_get(state: State<'_, AppState>, id: ArticleId) -> Result<Article, IpcError> {
    state.read(|s| articles::get(s.conn(), &id))
}

/// Creates a draft article.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_create(state: State<'_, AppState>, input: ArticleInput) -> Result<ArticleId, IpcError> {
    state.write(|tx| articles::create(tx, &input))
}

/// Replaces an article's fields.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_update(state: State<'_, AppState>, id: ArticleId, input: ArticleInput) -> Result<(), IpcError> {
    state.write(|tx| articles::update(tx, &id, &input))
}

/// Archives an article.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_archive(state: State<'_, AppState>, id: ArticleId) -> Result<(), IpcError> {
    state.write(|tx| articles::archive(tx, &id))
}

/// Publishes an article, keeping a version.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_publish(state: State<'_, AppState>, id: ArticleId) -> Result<ArticleVersionId, IpcError> {
    state.write(|tx| versions::publish(tx, &id))
}

/// An article's versions, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn kb_version_list(
    state: State<'_, AppState>,
    article: ArticleId,
) -> Result<Vec<ArticleVersionSummary>, IpcError> {
    state.read(|s| versions::list(s.conn(), &article))
}

/// The line diff of two versions' bodies (`None`: the current draft).
#[tauri::command]
#[specta::specta]
pub async fn kb_version_diff(
    state: State<'_, AppState>,
    article: ArticleId,
    older: Option<ArticleVersionId>,
    newer: Option<ArticleVersionId>,
) -> Result<Vec<DiffLine>, IpcError> {
    state.read(|s| versions::diff(s.conn(), &article, older.as_ref(), newer.as_ref()))
}

/// Makes a version the draft again.
#[tauri::command]
#[specta::specta]
pub async fn kb_version_restore(state: State<'_, AppState>, id: ArticleVersionId) -> Result<ArticleId, IpcError> {
    state.write(|tx| versions::restore(tx, &id))
}

/// The category tree in reading order.
#[tauri::command]
#[specta::specta]
pub async fn kb_category_list(state: State<'_, AppState>) -> Result<Vec<Category>, IpcError> {
    state.read(|s| categories::list(s.conn()))
}

/// Creates a category.
#[tauri::command]
#[specta::specta]
pub async fn kb_category_create(state: State<'_, AppState>, input: CategoryInput) -> Result<KbCategoryId, IpcError> {
    state.write(|tx| categories::create(tx, &input))
}

/// Renames or moves a category.
#[tauri::command]
#[specta::specta]
pub async fn kb_category_update(
    state: State<'_, AppState>,
    id: KbCategoryId,
    input: CategoryInput,
) -> Result<(), IpcError> {
    state.write(|tx| categories::update(tx, &id, &input))
}

/// What deleting a category would move (its articles and subcategories).
#[tauri::command]
#[specta::specta]
pub async fn kb_category_usage(state: State<'_, AppState>, id: KbCategoryId) -> Result<CategoryUsage, IpcError> {
    state.read(|s| categories::usage(s.conn(), &id))
}

/// Deletes a category, moving its articles and subcategories up to its parent.
#[tauri::command]
#[specta::specta]
pub async fn kb_category_delete(state: State<'_, AppState>, id: KbCategoryId) -> Result<CategoryUsage, IpcError> {
    state.write(|tx| categories::delete(tx, &id))
}

/// Links an article to a case.
#[tauri::command]
#[specta::specta]
pub async fn kb_link_case(state: State<'_, AppState>, article: ArticleId, case_id: CaseId) -> Result<(), IpcError> {
    state.write(|tx| links::link(tx, &article, &case_id))
}

/// Removes an article's link to a case.
#[tauri::command]
#[specta::specta]
pub async fn kb_unlink_case(state: State<'_, AppState>, article: ArticleId, case_id: CaseId) -> Result<(), IpcError> {
    state.write(|tx| links::unlink(tx, &article, &case_id))
}

/// The articles linked to a case.
#[tauri::command]
#[specta::specta]
pub async fn kb_case_articles(state: State<'_, AppState>, case_id: CaseId) -> Result<Vec<LinkedArticle>, IpcError> {
    state.read(|s| links::for_case(s.conn(), &case_id))
}

/// The cases an article is linked to.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_cases(state: State<'_, AppState>, article: ArticleId) -> Result<Vec<LinkedCase>, IpcError> {
    state.read(|s| links::cases_of(s.conn(), &article))
}

/// Links an article to a plan step.
#[tauri::command]
#[specta::specta]
pub async fn kb_link_step(state: State<'_, AppState>, article: ArticleId, step: PlanStepId) -> Result<(), IpcError> {
    state.write(|tx| work_links::link_step(tx, &article, &step))
}

/// Removes an article's link to a plan step.
#[tauri::command]
#[specta::specta]
pub async fn kb_unlink_step(state: State<'_, AppState>, article: ArticleId, step: PlanStepId) -> Result<(), IpcError> {
    state.write(|tx| work_links::unlink_step(tx, &article, &step))
}

/// The articles linked to the steps of a plan (of any of its versions).
#[tauri::command]
#[specta::specta]
pub async fn kb_plan_articles(state: State<'_, AppState>, plan: PlanId) -> Result<Vec<StepArticle>, IpcError> {
    state.read(|s| work_links::for_plan(s.conn(), &plan))
}

/// The plan steps an article is linked to.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_steps(state: State<'_, AppState>, article: ArticleId) -> Result<Vec<LinkedStep>, IpcError> {
    state.read(|s| work_links::steps_of(s.conn(), &article))
}

/// Makes an article one of a course's materials.
#[tauri::command]
#[specta::specta]
pub async fn kb_link_course(state: State<'_, AppState>, article: ArticleId, course: CourseId) -> Result<(), IpcError> {
    state.write(|tx| work_links::link_course(tx, &article, &course))
}

/// Removes an article from a course's materials.
#[tauri::command]
#[specta::specta]
pub async fn kb_unlink_course(
    state: State<'_, AppState>,
    article: ArticleId,
    course: CourseId,
) -> Result<(), IpcError> {
    state.write(|tx| work_links::unlink_course(tx, &article, &course))
}

/// Every course's materials.
#[tauri::command]
#[specta::specta]
pub async fn kb_course_materials(state: State<'_, AppState>) -> Result<Vec<CourseMaterial>, IpcError> {
    state.read(|s| work_links::course_materials(s.conn()))
}

/// The courses an article is a material of.
#[tauri::command]
#[specta::specta]
pub async fn kb_article_courses(state: State<'_, AppState>, article: ArticleId) -> Result<Vec<LinkedCourse>, IpcError> {
    state.read(|s| work_links::courses_of(s.conn(), &article))
}

/// Stores an image (base64, or a `data:` URL) with an article; gives its id.
#[tauri::command]
#[specta::specta]
pub async fn kb_image_add(
    state: State<'_, AppState>,
    article: ArticleId,
    data: String,
) -> Result<ArticleImageId, IpcError> {
    state.write(|tx| images::add(tx, &article, &data))
}

/// A stored image as a `data:` URL.
#[tauri::command]
#[specta::specta]
pub async fn kb_image_get(state: State<'_, AppState>, id: ArticleImageId) -> Result<ArticleImage, IpcError> {
    state.read(|s| images::get(s.conn(), &id))
}

/// A call script filled in for a case.
#[tauri::command]
#[specta::specta]
pub async fn kb_script_for_case(
    state: State<'_, AppState>,
    article: ArticleId,
    case_id: CaseId,
) -> Result<String, IpcError> {
    state.read(|s| links::script_for_case(s.conn(), &article, &case_id))
}

/// Asks roles to read an article's latest publication (publishing it first with `publish`).
#[tauri::command]
#[specta::specta]
pub async fn kb_read_ask(
    state: State<'_, AppState>,
    article: ArticleId,
    role_ids: Vec<RoleId>,
    publish: bool,
) -> Result<ArticleVersionId, IpcError> {
    state.write(|tx| acks::ask(tx, &article, &role_ids, publish))
}

/// Records agents' acknowledgements of an article's latest publication; gives how many
/// were new.
#[tauri::command]
#[specta::specta]
pub async fn kb_acknowledge(
    state: State<'_, AppState>,
    article: ArticleId,
    agent_ids: Vec<AgentId>,
    acked_on: String,
) -> Result<u32, IpcError> {
    state.write(|tx| acks::acknowledge(tx, &article, &agent_ids, &acked_on))
}

/// Where an article's read requests stand today.
#[tauri::command]
#[specta::specta]
pub async fn kb_read_status(state: State<'_, AppState>, article: ArticleId) -> Result<ReadStatus, IpcError> {
    state.read(|s| acks::status(s.conn(), &article, settings::today(s.conn(), s.now())?))
}

/// Every outstanding acknowledgement of a team's agents (`None`: everyone) today.
#[tauri::command]
#[specta::specta]
pub async fn kb_outstanding_acks(
    state: State<'_, AppState>,
    team_id: Option<TeamId>,
) -> Result<Vec<OutstandingAck>, IpcError> {
    state.read(|s| acks::outstanding(s.conn(), team_id.as_ref(), settings::today(s.conn(), s.now())?))
}

/// The published articles past their review date today (the home screen's reminders).
#[tauri::command]
#[specta::specta]
pub async fn kb_review_due(state: State<'_, AppState>) -> Result<ReviewReminders, IpcError> {
    state.read(|s| review::due(s.conn(), settings::today(s.conn(), s.now())?))
}
