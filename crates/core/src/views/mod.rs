//! Saved list views: a name and a [`CaseQuery`], kept on this device (not synced — they
//! are one supervisor's way of looking at the queues), and "who I am" for "My cases".

use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::cases::{CaseQuery, query};
use crate::ids::{AgentId, ViewId};
use crate::input::TextRule;
use crate::store::schema::DEVICE_ROW;
use crate::store::{Table, WriteTx};
use crate::{Error, Result, ValidationRule, people};

/// A saved view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SavedView {
    /// Id.
    pub id: ViewId,
    /// Name.
    pub name: String,
    /// The query (its paging fields are ignored when applied).
    pub query: CaseQuery,
}

const NAME: TextRule = TextRule::line("name", 80, true);
/// Longest stored query, in characters of its JSON. Every part of a query is bounded
/// ([`query::validate`]), but their bounds together still allow tens of kilobytes; a
/// real view is well under one.
pub const QUERY_MAX: u32 = 16 * 1024;

/// Saves `query` under `name`; a view of the same name is replaced. The query passes the
/// same check as a list request ([`query::validate`]), so a saved view always lists.
pub fn save(tx: &mut WriteTx<'_>, name: &str, query: &CaseQuery) -> Result<SavedView> {
    let name = NAME.check(name)?;
    query::validate(query)?;
    let mut query = query.clone();
    query.offset = 0;
    let text = serde_json::to_string(&query).map_err(|e| Error::Internal(e.to_string()))?;
    if text.chars().count() > QUERY_MAX as usize {
        return Err(Error::Validation { field: "query", rule: ValidationRule::TooLong, limit: Some(QUERY_MAX) });
    }
    let existing: Option<ViewId> = tx
        .conn()
        .query_row("SELECT id FROM saved_views WHERE name = ?1 AND deleted_at IS NULL", [&name], |r| r.get(0))
        .optional()?;
    let id = existing.unwrap_or_else(ViewId::new);
    tx.upsert(Table::SavedViews, id.as_str(), &[("name", Value::Text(name.clone())), ("query", Value::Text(text))])?;
    Ok(SavedView { id, name, query })
}

/// Deletes a view.
pub fn delete(tx: &mut WriteTx<'_>, id: &ViewId) -> Result<()> {
    if !tx.delete(Table::SavedViews, id.as_str())? {
        return Err(Error::NotFound { entity: "view", id: id.to_string() });
    }
    Ok(())
}

/// Every saved view, by name. A view whose stored query no longer parses (written by a
/// newer version) is skipped rather than failing the list.
pub fn list(conn: &rusqlite::Connection) -> Result<Vec<SavedView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, query FROM saved_views WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, ViewId>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, query) = row?;
        if let Ok(query) = serde_json::from_str(&query) {
            out.push(SavedView { id, name, query });
        }
    }
    Ok(out)
}

/// The agent this device's user is ("My cases").
pub fn me(conn: &rusqlite::Connection) -> Result<Option<AgentId>> {
    Ok(conn
        .query_row("SELECT me_agent_id FROM device_preferences WHERE id = ?1", [DEVICE_ROW], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Sets (or clears) who this device's user is.
pub fn set_me(tx: &mut WriteTx<'_>, agent: Option<&AgentId>) -> Result<()> {
    if let Some(a) = agent {
        people::ensure_agent(tx.conn(), a)?;
    }
    tx.upsert(
        Table::DevicePreferences,
        DEVICE_ROW,
        &[("me_agent_id", agent.map_or(Value::Null, |a| Value::Text(a.to_string())))],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::Queue;
    use crate::store::test_support::temp_store;

    #[test]
    fn save_replace_list_delete() {
        let (_d, mut store, _) = temp_store();
        let q = CaseQuery { queue: Queue::Breaching, offset: 300, ..CaseQuery::default() };
        let v = store.write(|tx| save(tx, "Urgent", &q)).unwrap();
        assert_eq!(v.query.offset, 0);
        let q2 = CaseQuery { queue: Queue::Vip, ..CaseQuery::default() };
        let v2 = store.write(|tx| save(tx, "Urgent", &q2)).unwrap();
        assert_eq!(v.id, v2.id, "same name replaces");
        store.write(|tx| save(tx, "Alpha", &q)).unwrap();
        let all = list(store.conn()).unwrap();
        assert_eq!(all.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(), ["Alpha", "Urgent"]);
        assert_eq!(all[1].query.queue, Queue::Vip);
        store.write(|tx| delete(tx, &v.id)).unwrap();
        assert_eq!(list(store.conn()).unwrap().len(), 1);
        assert!(matches!(store.write(|tx| delete(tx, &v.id)), Err(Error::NotFound { .. })));
        assert!(matches!(store.write(|tx| save(tx, " ", &q)), Err(Error::Validation { field: "name", .. })));
    }

    #[test]
    fn a_view_saved_before_the_kpi_filters_still_lists() {
        // A query as versions before the dashboard's drill-down filters stored it.
        let (_d, store, _) = temp_store();
        let old = r#"{"queue":"vip","me":null,"text":null,"statuses":[],"priorities":["p1"],"channels":[],
            "categories":[],"assignees":[],"customerIds":[],"tag":null,"createdFrom":null,"createdTo":null,
            "sort":"due","descending":false,"offset":0,"limit":100}"#;
        store
            .conn()
            .execute(
                "INSERT INTO saved_views (id, name, query, created_at, updated_at) VALUES ('v1', 'VIP', ?1, '', '')",
                [old],
            )
            .unwrap();
        let views = list(store.conn()).unwrap();
        assert_eq!(views.len(), 1);
        let q = &views[0].query;
        assert_eq!((q.queue, q.priorities.as_slice()), (Queue::Vip, [crate::cases::Priority::P1].as_slice()));
        assert!(q.teams.is_empty() && q.tiers.is_empty() && q.resolved_from.is_none() && q.callback_due_to.is_none());
    }

    fn rule_of(r: Result<SavedView>) -> (&'static str, ValidationRule, Option<u32>) {
        match r {
            Err(Error::Validation { field, rule, limit }) => (field, rule, limit),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_view_is_checked_like_a_list_request() {
        let (_d, mut store, _) = temp_store();
        let text = |n: usize| CaseQuery { text: Some("客".repeat(n)), ..CaseQuery::default() };
        store.write(|tx| save(tx, "199", &text(199))).unwrap();
        store.write(|tx| save(tx, "200", &text(200))).unwrap();
        // The tester's 1,000,232 characters, and one over the limit.
        for n in [201, 1_000_232] {
            assert_eq!(
                rule_of(store.write(|tx| save(tx, "long", &text(n)))),
                ("text", ValidationRule::TooLong, Some(200))
            );
        }
        let statuses =
            |n: usize| CaseQuery { statuses: vec![crate::cases::CaseStatus::Open; n], ..CaseQuery::default() };
        store.write(|tx| save(tx, "100", &statuses(100))).unwrap();
        assert_eq!(
            rule_of(store.write(|tx| save(tx, "many", &statuses(101)))),
            ("statuses", ValidationRule::TooMany, Some(100))
        );
        let paging = CaseQuery { limit: 0, ..CaseQuery::default() };
        assert_eq!(rule_of(store.write(|tx| save(tx, "paging", &paging))).0, "limit");
        let me = CaseQuery { me: Some(AgentId("x".repeat(37))), ..CaseQuery::default() };
        assert_eq!(rule_of(store.write(|tx| save(tx, "me", &me))), ("me", ValidationRule::InvalidValue, None));
        // Nothing refused was stored; every stored view lists.
        let names: Vec<String> = list(store.conn()).unwrap().into_iter().map(|v| v.name).collect();
        assert_eq!(names, ["100", "199", "200"]);
        for v in list(store.conn()).unwrap() {
            query::list(store.conn(), &v.query, store.now()).unwrap();
        }
    }

    #[test]
    fn a_stored_query_is_bounded_in_size() {
        let (_d, mut store, _) = temp_store();
        // Every part within its own limit: 100 statuses, 100 categories of 80 characters,
        // 100 agents and 100 customers, about 18,300 characters of JSON in all.
        let category = |i: usize| format!("{i:03}{}", "类".repeat(77));
        let big = |categories: usize| CaseQuery {
            statuses: vec![crate::cases::CaseStatus::PendingCustomer; 100],
            categories: (0..categories).map(category).collect(),
            assignees: (0..100).map(|_| AgentId::new()).collect(),
            customer_ids: (0..100).map(|_| crate::ids::CustomerId::new()).collect(),
            ..CaseQuery::default()
        };
        let json =
            |q: &CaseQuery| serde_json::to_string(&CaseQuery { offset: 0, ..q.clone() }).unwrap().chars().count();
        // The largest number of categories that fits, then a search text that brings the
        // JSON to exactly the limit.
        let fits = (0..=100).rev().find(|&n| json(&big(n)) <= QUERY_MAX as usize).unwrap();
        assert!(fits < 100, "the parts' own limits must allow more than QUERY_MAX");
        // `"text":null` becomes `"text":"…"`: k characters add k - 2.
        let k = QUERY_MAX as usize + 2 - json(&big(fits));
        let at = CaseQuery { text: Some("x".repeat(k)), ..big(fits) };
        assert_eq!(json(&at), QUERY_MAX as usize);
        store.write(|tx| save(tx, "at", &at)).unwrap();
        let over = CaseQuery { text: Some("x".repeat(k + 1)), ..big(fits) };
        assert_eq!(
            rule_of(store.write(|tx| save(tx, "over", &over))),
            ("query", ValidationRule::TooLong, Some(QUERY_MAX))
        );
        assert_eq!(
            rule_of(store.write(|tx| save(tx, "over", &big(fits + 1)))),
            ("query", ValidationRule::TooLong, Some(QUERY_MAX))
        );
        assert_eq!(list(store.conn()).unwrap().len(), 1);
    }

    #[test]
    fn views_and_me_stay_on_this_device() {
        let (_d, mut store, _) = temp_store();
        let agent = store.write(|tx| people::create_agent(tx, "Li Na", None)).unwrap();
        let before: i64 = store.conn().query_row("SELECT count(*) FROM outbox", [], |r| r.get(0)).unwrap();
        store.write(|tx| save(tx, "Mine", &CaseQuery::default())).unwrap();
        store.write(|tx| set_me(tx, Some(&agent))).unwrap();
        let after: i64 = store.conn().query_row("SELECT count(*) FROM outbox", [], |r| r.get(0)).unwrap();
        assert_eq!(before, after);
        assert_eq!(me(store.conn()).unwrap(), Some(agent));
        let unknown = AgentId::new();
        assert!(matches!(store.write(|tx| set_me(tx, Some(&unknown))), Err(Error::NotFound { .. })));
    }
}
