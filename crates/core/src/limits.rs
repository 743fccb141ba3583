//! The bounds the user interface needs to know, in one value the desktop shell exports
//! to TypeScript (`LIMITS` in `ui/src/ipc/bindings.ts`), so a date picker offers exactly
//! the window the store accepts and a list never offers more than a request may carry.
//!
//! Each bound is defined beside its rule; this module only gathers them. The store
//! checks every one of them whatever the UI does.

use serde::Serialize;

use crate::{calendars, cases, customers, demo, knowledge, settings};

/// The bounds the UI mirrors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// A call-back may be due at most this many days before now.
    pub callback_days_back: u32,
    /// A call-back may be due at most this many days after now.
    pub callback_days_ahead: u32,
    /// A holiday may be at most this many days before today.
    pub holiday_days_back: u32,
    /// A holiday may be at most this many days after today.
    pub holiday_days_ahead: u32,
    /// Most opening intervals of one weekday.
    pub intervals_per_day_max: u32,
    /// Largest iCalendar file imported, in bytes.
    pub ics_file_max_bytes: u32,
    /// Longest case search text, in characters.
    pub case_search_max: u32,
    /// Longest customer search text, in characters.
    pub customer_search_max: u32,
    /// Most values in one filter list of a case query.
    pub query_list_max: u32,
    /// Most cases one bulk action changes.
    pub bulk_max: u32,
    /// Most tags one case carries.
    pub tags_max: u32,
    /// Most demo cases in one run.
    pub demo_cases_max: u32,
    /// Longest knowledge-base article body, in characters.
    pub article_body_max: u32,
    /// Longest knowledge-base search text, in characters.
    pub article_search_max: u32,
}

/// The bounds, as the store applies them.
pub const LIMITS: Limits = Limits {
    callback_days_back: cases::CALLBACK_WINDOW_DAYS_BACK,
    callback_days_ahead: cases::CALLBACK_WINDOW_DAYS_AHEAD,
    holiday_days_back: calendars::days::DAYS_BACK,
    holiday_days_ahead: calendars::days::DAYS_AHEAD,
    intervals_per_day_max: settings::INTERVALS_PER_DAY_MAX,
    ics_file_max_bytes: calendars::ics::FILE_MAX_BYTES,
    case_search_max: cases::query::TEXT_MAX,
    customer_search_max: customers::SEARCH_TEXT_MAX,
    query_list_max: cases::query::LIST_MAX as u32,
    bulk_max: cases::bulk::MAX_BULK as u32,
    tags_max: cases::MAX_TAGS as u32,
    demo_cases_max: demo::MAX_CASES,
    article_body_max: knowledge::BODY_MAX,
    article_search_max: knowledge::search::TEXT_MAX,
};
