//! The knowledge base (issue 19): the team's SOPs, service policies, call scripts and
//! known-issue answers, in the same local store as everything else, so they are at hand
//! offline, mid-call and mid-incident.
//!
//! - [`articles`]: an article's fields (registers) and tags (a set), checked and written
//!   in one transaction.
//! - [`categories`]: the category tree.
//! - [`images`]: images pasted or picked in the editor, stored with the database.
//! - [`versions`]: publishing keeps a snapshot with who and when; a body that loses a sync
//!   conflict is kept as a version too; diffs between versions and restoring one.
//! - [`search`]: full-text search over titles and bodies with snippets, and filters.
//! - [`links`]: links between articles and cases, and filling a call script in for a case.
//! - [`work_links`]: links between articles and plan steps (shown while running a plan)
//!   and courses (their materials).
//! - [`markdown`]: importing a folder of Markdown files with front matter, and exporting
//!   the knowledge base as one.
//! - [`markdown_images`]: images as files beside the Markdown, in and out.
//! - [`review`]: published articles past their review date (derived reminders).
//! - [`acks`]: asking roles to read an article, agents' acknowledgements, and who is
//!   outstanding (derived).

pub mod acks;
pub mod articles;
pub mod categories;
pub mod images;
pub mod links;
pub mod markdown;
pub mod markdown_images;
pub mod review;
pub mod search;
pub mod versions;
pub mod work_links;

pub use acks::{AckEntry, OutstandingAck, ReadRequest, ReadStatus};
pub use articles::{Article, ArticleInput, ArticleKind, ArticleStatus, ArticleSummary, BODY_MAX};
pub use categories::{Category, CategoryInput, CategoryUsage};
pub use images::ArticleImage;
pub use links::{LinkedArticle, LinkedCase};
pub use markdown::{FileError, FileProblem, MarkdownCheck, MarkdownProgress};
pub use review::{ReviewDue, ReviewReminders};
pub use search::{ArticleHit, ArticleQuery};
pub use versions::{ArticleVersionSummary, DiffLine, DiffOp, VersionKind};
pub use work_links::{CourseMaterial, LinkedCourse, LinkedStep, StepArticle};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod work_links_tests;
