//! The helpdesk exports recognised by their header rows, and a first guess for any other
//! file.
//!
//! **Zendesk** (Admin Center → Account → Tools → Reports → Export, CSV): `Summation
//! column, Id, Requester, Requester id, Requester external id, Requester email, Requester
//! domain, Submitter, Assignee, Group, Subject, Tags, Status, Priority, Via, Ticket type,
//! Created at, Updated at, Assigned at, Organization, Due date, Initially assigned at,
//! Solved at, Resolution time, Satisfaction Score, …, First reply time in minutes, …` and a
//! column per custom field (`Category [list]`). Statuses `new, open, pending, hold, solved,
//! closed`; priorities `low, normal, high, urgent` (often empty); tags separated by
//! spaces; dates `2026-03-05 14:22:10 +0800` (older exports without the offset: the
//! account's time zone).
//!
//! **Freshdesk** (Tickets → Export, CSV): `Ticket ID, Subject, Description, Status,
//! Priority, Source, Type, Agent, Group, Created time, Due by Time, Resolved time, Closed
//! time, Last update time, Initial response time, Time tracked, First response time (in
//! hrs), Resolution time (in hrs), Agent interactions, Customer interactions, Resolution
//! status, First response status, Tags, Survey results, …, Full name, Contact ID, Email,
//! Work phone, Company Name`. Statuses `Open, Pending, Resolved, Closed, Waiting on
//! Customer, Waiting on Third Party`; priorities `Low, Medium, High, Urgent`; sources
//! `Email, Portal, Phone, Chat, Feedback Widget, Outbound Email, …`; tags separated by
//! commas; dates `2026-03-05 14:22:10` in the helpdesk's time zone.
//!
//! A file is taken for one of these when the headers that identify it are all present
//! (compared ignoring case and spacing); a file that has them but is missing others we
//! map is still that layout, and the missing ones are simply not imported.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::mapping::{Field, ImportMapping, header_key};
use crate::cases::{CaseChannel, CaseStatus, Priority};

/// Which kind of file this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// A Zendesk ticket export.
    Zendesk,
    /// A Freshdesk ticket export.
    Freshdesk,
    /// Any other CSV: the user maps its columns.
    Generic,
}

impl Layout {
    /// The source name of the layout's mapping (and its external ids' prefix).
    pub fn source(self) -> &'static str {
        match self {
            Layout::Zendesk => "zendesk",
            Layout::Freshdesk => "freshdesk",
            Layout::Generic => "csv",
        }
    }
}

const ZENDESK_MARKS: &[&str] = &["id", "subject", "requester", "created at", "status"];
const ZENDESK_ANY: &[&str] = &["via", "requester email", "solved at", "summation column"];
const FRESHDESK_MARKS: &[&str] = &["ticket id", "subject", "status", "created time"];
const FRESHDESK_ANY: &[&str] = &["source", "resolved time", "agent", "full name", "last update time"];

/// Recognises the layout from the header row.
pub fn detect(headers: &[String]) -> Layout {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let has = |h: &&str| keys.iter().any(|k| k == h);
    if ZENDESK_MARKS.iter().all(has) && ZENDESK_ANY.iter().any(has) {
        Layout::Zendesk
    } else if FRESHDESK_MARKS.iter().all(has) && FRESHDESK_ANY.iter().any(has) {
        Layout::Freshdesk
    } else {
        Layout::Generic
    }
}

/// The mapping of `layout` for a file with `headers`: the layout's columns that the file
/// has; for a generic file, columns whose headers name a field ([`guess`]).
pub fn mapping(layout: Layout, headers: &[String]) -> ImportMapping {
    let columns: &[(Field, &[&str])] = match layout {
        Layout::Zendesk => ZENDESK_COLUMNS,
        Layout::Freshdesk => FRESHDESK_COLUMNS,
        Layout::Generic => return guess(headers),
    };
    let mut m = ImportMapping::new(layout.source());
    m.columns = pick_columns(columns, headers);
    if layout == Layout::Zendesk {
        m.statuses = to_map(ZENDESK_STATUSES);
        m.priorities = to_map(ZENDESK_PRIORITIES);
        m.channels = to_map(ZENDESK_CHANNELS);
        m.tag_separators = " ".to_owned();
    } else {
        m.statuses = to_map(FRESHDESK_STATUSES);
        m.priorities = to_map(FRESHDESK_PRIORITIES);
        m.channels = to_map(FRESHDESK_CHANNELS);
    }
    m
}

/// A first mapping for a file of no known layout: each field gets the first column whose
/// header is one of its usual names (English and Chinese), and the value maps know the
/// usual words.
pub fn guess(headers: &[String]) -> ImportMapping {
    let mut m = ImportMapping::new(Layout::Generic.source());
    m.columns = pick_columns(GENERIC_COLUMNS, headers);
    m.statuses = to_map(GENERIC_STATUSES);
    m.priorities = to_map(GENERIC_PRIORITIES);
    m.channels = to_map(GENERIC_CHANNELS);
    m
}

fn pick_columns(columns: &[(Field, &[&str])], headers: &[String]) -> BTreeMap<Field, String> {
    let mut out = BTreeMap::new();
    let mut used = vec![false; headers.len()];
    for (field, names) in columns {
        let found = names.iter().find_map(|name| {
            headers.iter().enumerate().position(|(i, h)| !used[i] && header_key(h) == *name)
        });
        if let Some(i) = found {
            used[i] = true;
            out.insert(*field, headers[i].trim().to_owned());
        }
    }
    out
}

fn to_map<T: Copy>(pairs: &[(&str, T)]) -> BTreeMap<String, T> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

const ZENDESK_COLUMNS: &[(Field, &[&str])] = &[
    (Field::ExternalId, &["id"]),
    (Field::Title, &["subject"]),
    (Field::Description, &["description"]),
    (Field::Status, &["status"]),
    (Field::Priority, &["priority"]),
    (Field::Channel, &["via", "channel"]),
    (Field::Category, &["ticket type", "type"]),
    (Field::Tags, &["tags"]),
    (Field::CreatedAt, &["created at"]),
    (Field::UpdatedAt, &["updated at"]),
    (Field::FirstResponseMinutes, &["first reply time in minutes"]),
    (Field::ResolvedAt, &["solved at"]),
    (Field::CustomerName, &["requester"]),
    (Field::CustomerEmail, &["requester email"]),
    (Field::CustomerCompany, &["organization"]),
    (Field::Assignee, &["assignee"]),
    (Field::Team, &["group"]),
];

const FRESHDESK_COLUMNS: &[(Field, &[&str])] = &[
    (Field::ExternalId, &["ticket id"]),
    (Field::Title, &["subject"]),
    (Field::Description, &["description"]),
    (Field::Status, &["status"]),
    (Field::Priority, &["priority"]),
    (Field::Channel, &["source"]),
    (Field::Category, &["type"]),
    (Field::Tags, &["tags"]),
    (Field::CreatedAt, &["created time"]),
    (Field::UpdatedAt, &["last update time"]),
    (Field::FirstResponseAt, &["initial response time"]),
    (Field::ResolvedAt, &["resolved time"]),
    (Field::ClosedAt, &["closed time"]),
    (Field::CustomerName, &["full name", "contact", "requester name"]),
    (Field::CustomerEmail, &["email", "requester email"]),
    (Field::CustomerPhone, &["work phone", "mobile phone", "phone"]),
    (Field::CustomerCompany, &["company name", "company"]),
    (Field::Assignee, &["agent"]),
    (Field::Team, &["group"]),
];

const GENERIC_COLUMNS: &[(Field, &[&str])] = &[
    (Field::ExternalId, &["id", "ticket id", "case id", "ticket no.", "ticket number", "case number", "编号", "工单号", "工单编号", "編號", "工單號", "工單編號"]),
    (Field::Title, &["title", "subject", "summary", "标题", "主题", "標題", "主題"]),
    (Field::Description, &["description", "details", "body", "描述", "详情", "問題描述", "问题描述", "詳情"]),
    (Field::Status, &["status", "state", "状态", "狀態"]),
    (Field::Priority, &["priority", "urgency", "优先级", "優先級", "優先順序"]),
    (Field::Channel, &["channel", "source", "via", "渠道", "来源", "來源", "管道"]),
    (Field::Category, &["category", "type", "ticket type", "分类", "类别", "類別", "分類"]),
    (Field::Tags, &["tags", "labels", "标签", "標籤"]),
    (Field::CreatedAt, &["created at", "created", "created time", "created date", "opened", "date", "创建时间", "建立時間", "創建時間"]),
    (Field::UpdatedAt, &["updated at", "updated", "last update time", "last updated", "更新时间", "更新時間"]),
    (Field::FirstResponseAt, &["first response at", "first response time", "首次响应时间", "首次回應時間"]),
    (Field::ResolvedAt, &["resolved at", "resolved", "resolved time", "solved at", "解决时间", "解決時間"]),
    (Field::ClosedAt, &["closed at", "closed", "closed time", "关闭时间", "關閉時間"]),
    (Field::RootCause, &["root cause", "根本原因", "根因"]),
    (Field::ResolutionSummary, &["resolution", "resolution summary", "解决方案", "解決方案"]),
    (Field::CustomerName, &["customer", "customer name", "requester", "name", "contact", "客户", "客户名称", "客戶", "客戶名稱", "联系人", "聯絡人"]),
    (Field::CustomerEmail, &["email", "e-mail", "customer email", "requester email", "邮箱", "电子邮件", "電子郵件"]),
    (Field::CustomerPhone, &["phone", "telephone", "mobile", "电话", "手机", "電話", "手機"]),
    (Field::CustomerCompany, &["company", "organization", "organisation", "公司", "公司名称", "公司名稱"]),
    (Field::Assignee, &["assignee", "agent", "owner", "处理人", "负责人", "處理人", "負責人"]),
    (Field::Team, &["team", "group", "团队", "组", "團隊", "組"]),
];

const ZENDESK_STATUSES: &[(&str, CaseStatus)] = &[
    ("new", CaseStatus::New),
    ("open", CaseStatus::Open),
    ("pending", CaseStatus::PendingCustomer),
    ("hold", CaseStatus::PendingInternal),
    ("on-hold", CaseStatus::PendingInternal),
    ("solved", CaseStatus::Resolved),
    ("closed", CaseStatus::Closed),
];

const ZENDESK_PRIORITIES: &[(&str, Priority)] =
    &[("urgent", Priority::P1), ("high", Priority::P2), ("normal", Priority::P3), ("low", Priority::P4)];

const ZENDESK_CHANNELS: &[(&str, CaseChannel)] = &[
    ("web form", CaseChannel::Email),
    ("web", CaseChannel::Email),
    ("mail", CaseChannel::Email),
    ("email", CaseChannel::Email),
    ("help center", CaseChannel::Email),
    ("closed ticket", CaseChannel::Email),
    ("api", CaseChannel::Email),
    ("web service", CaseChannel::Email),
    ("chat", CaseChannel::Chat),
    ("web widget", CaseChannel::Chat),
    ("mobile sdk", CaseChannel::Chat),
    ("messaging", CaseChannel::Chat),
    ("native messaging", CaseChannel::Chat),
    ("phone", CaseChannel::Phone),
    ("phone call (inbound)", CaseChannel::Phone),
    ("phone call (outbound)", CaseChannel::Phone),
    ("voicemail", CaseChannel::Phone),
    ("sms", CaseChannel::Phone),
    ("twitter", CaseChannel::Social),
    ("facebook", CaseChannel::Social),
    ("facebook post", CaseChannel::Social),
    ("facebook private message", CaseChannel::Social),
    ("whatsapp", CaseChannel::Social),
    ("instagram direct", CaseChannel::Social),
    ("wechat", CaseChannel::Social),
    ("line", CaseChannel::Social),
];

const FRESHDESK_STATUSES: &[(&str, CaseStatus)] = &[
    ("open", CaseStatus::Open),
    ("pending", CaseStatus::PendingCustomer),
    ("waiting on customer", CaseStatus::PendingCustomer),
    ("waiting on third party", CaseStatus::PendingInternal),
    ("resolved", CaseStatus::Resolved),
    ("closed", CaseStatus::Closed),
];

const FRESHDESK_PRIORITIES: &[(&str, Priority)] =
    &[("urgent", Priority::P1), ("high", Priority::P2), ("medium", Priority::P3), ("low", Priority::P4)];

const FRESHDESK_CHANNELS: &[(&str, CaseChannel)] = &[
    ("email", CaseChannel::Email),
    ("portal", CaseChannel::Email),
    ("outbound email", CaseChannel::Email),
    ("feedback widget", CaseChannel::Email),
    ("phone", CaseChannel::Phone),
    ("chat", CaseChannel::Chat),
    ("mobihelp", CaseChannel::Chat),
    ("bot", CaseChannel::Chat),
    ("forum", CaseChannel::Social),
    ("twitter", CaseChannel::Social),
    ("facebook", CaseChannel::Social),
    ("whatsapp", CaseChannel::Social),
    ("ecommerce", CaseChannel::Email),
];

const GENERIC_STATUSES: &[(&str, CaseStatus)] = &[
    ("new", CaseStatus::New),
    ("open", CaseStatus::Open),
    ("in progress", CaseStatus::Open),
    ("pending", CaseStatus::PendingCustomer),
    ("pending customer", CaseStatus::PendingCustomer),
    ("waiting on customer", CaseStatus::PendingCustomer),
    ("pending internal", CaseStatus::PendingInternal),
    ("on hold", CaseStatus::PendingInternal),
    ("hold", CaseStatus::PendingInternal),
    ("resolved", CaseStatus::Resolved),
    ("solved", CaseStatus::Resolved),
    ("closed", CaseStatus::Closed),
    ("新建", CaseStatus::New),
    ("待处理", CaseStatus::New),
    ("待處理", CaseStatus::New),
    ("处理中", CaseStatus::Open),
    ("處理中", CaseStatus::Open),
    ("进行中", CaseStatus::Open),
    ("進行中", CaseStatus::Open),
    ("等待客户", CaseStatus::PendingCustomer),
    ("等待客戶", CaseStatus::PendingCustomer),
    ("等待内部", CaseStatus::PendingInternal),
    ("等待內部", CaseStatus::PendingInternal),
    ("挂起", CaseStatus::PendingInternal),
    ("已解决", CaseStatus::Resolved),
    ("已解決", CaseStatus::Resolved),
    ("已关闭", CaseStatus::Closed),
    ("已關閉", CaseStatus::Closed),
];

const GENERIC_PRIORITIES: &[(&str, Priority)] = &[
    ("p1", Priority::P1),
    ("p2", Priority::P2),
    ("p3", Priority::P3),
    ("p4", Priority::P4),
    ("1", Priority::P1),
    ("2", Priority::P2),
    ("3", Priority::P3),
    ("4", Priority::P4),
    ("critical", Priority::P1),
    ("urgent", Priority::P1),
    ("high", Priority::P2),
    ("medium", Priority::P3),
    ("normal", Priority::P3),
    ("low", Priority::P4),
    ("紧急", Priority::P1),
    ("緊急", Priority::P1),
    ("高", Priority::P2),
    ("中", Priority::P3),
    ("普通", Priority::P3),
    ("低", Priority::P4),
];

const GENERIC_CHANNELS: &[(&str, CaseChannel)] = &[
    ("phone", CaseChannel::Phone),
    ("telephone", CaseChannel::Phone),
    ("call", CaseChannel::Phone),
    ("email", CaseChannel::Email),
    ("e-mail", CaseChannel::Email),
    ("web", CaseChannel::Email),
    ("chat", CaseChannel::Chat),
    ("live chat", CaseChannel::Chat),
    ("social", CaseChannel::Social),
    ("wechat", CaseChannel::Social),
    ("weibo", CaseChannel::Social),
    ("walk-in", CaseChannel::WalkIn),
    ("walk in", CaseChannel::WalkIn),
    ("in person", CaseChannel::WalkIn),
    ("电话", CaseChannel::Phone),
    ("電話", CaseChannel::Phone),
    ("邮件", CaseChannel::Email),
    ("郵件", CaseChannel::Email),
    ("在线客服", CaseChannel::Chat),
    ("線上客服", CaseChannel::Chat),
    ("微信", CaseChannel::Social),
    ("微博", CaseChannel::Social),
    ("社交媒体", CaseChannel::Social),
    ("社群媒體", CaseChannel::Social),
    ("到店", CaseChannel::WalkIn),
    ("临柜", CaseChannel::WalkIn),
    ("臨櫃", CaseChannel::WalkIn),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_owned).collect()
    }

    const ZENDESK: &str = "Summation column,Id,Requester,Requester id,Requester external id,Requester email,\
        Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,\
        Assigned at,Organization,Due date,Initially assigned at,Solved at,Resolution time,Satisfaction Score,\
        Group stations,Assignee stations,Reopens,Replies,First reply time in minutes";
    const FRESHDESK: &str = "Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Group,Created time,\
        Due by Time,Resolved time,Closed time,Last update time,Initial response time,Time tracked,\
        First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,\
        Resolution status,First response status,Tags,Survey results,Full name,Contact ID,Email,Work phone,Company Name";

    #[test]
    fn the_two_helpdesks_are_recognised_by_their_headers() {
        assert_eq!(detect(&headers(ZENDESK)), Layout::Zendesk);
        assert_eq!(detect(&headers(&ZENDESK.to_uppercase())), Layout::Zendesk);
        assert_eq!(detect(&headers(FRESHDESK)), Layout::Freshdesk);
        assert_eq!(detect(&headers("id,subject,created at,status,notes")), Layout::Generic);
        assert_eq!(detect(&headers("Ticket ID,Subject,Status")), Layout::Generic);
    }

    #[test]
    fn a_layout_maps_the_columns_the_file_has() {
        let m = mapping(Layout::Zendesk, &headers(ZENDESK));
        assert_eq!(m.source, "zendesk");
        assert_eq!(m.columns[&Field::ExternalId], "Id");
        assert_eq!(m.columns[&Field::ResolvedAt], "Solved at");
        assert_eq!(m.columns[&Field::FirstResponseMinutes], "First reply time in minutes");
        assert!(!m.columns.contains_key(&Field::Description), "Zendesk's export has no description");
        assert_eq!(m.statuses["hold"], CaseStatus::PendingInternal);
        let m = mapping(Layout::Freshdesk, &headers(FRESHDESK));
        assert_eq!(m.columns[&Field::CustomerName], "Full name");
        assert_eq!(m.columns[&Field::ClosedAt], "Closed time");
        assert_eq!(m.priorities["medium"], Priority::P3);
    }

    #[test]
    fn a_generic_file_gets_a_guess_in_either_language() {
        let m = guess(&headers("工单号,标题,状态,优先级,创建时间,客户,邮箱,备注"));
        assert_eq!(m.columns[&Field::ExternalId], "工单号");
        assert_eq!(m.columns[&Field::CreatedAt], "创建时间");
        assert_eq!(m.columns[&Field::CustomerEmail], "邮箱");
        assert_eq!(m.columns.len(), 7);
        let m = guess(&headers("Ticket ID, Summary ,Opened"));
        assert_eq!(m.columns[&Field::Title], "Summary");
    }
}
