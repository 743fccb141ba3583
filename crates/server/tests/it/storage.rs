//! The storage story: the same checks on every backend, straight on the `Storage` trait.
//! SQLite always; PostgreSQL (a fresh schema per test) when `FRONTLINE_TEST_PG_URL` is set.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;

use frontline_server::storage::postgres::PostgresStorage;
use frontline_server::storage::sqlite::SqliteStorage;
use frontline_server::storage::{NewDevice, NewUser, Outcome, PullPage, Pusher, Storage, StorageError, WorkspaceId};
use frontline_sync::protocol::{Body, Change, Outgoing, Role, Value};
use frontline_sync::{Hlc, NodeId};

use crate::common::{Db, cell};

type Store = Arc<dyn Storage>;

const T: u64 = 1_700_000_000_000;
const A: NodeId = NodeId::from_u64(0xa);
const B: NodeId = NodeId::from_u64(0xb);
const C: NodeId = NodeId::from_u64(0xc);

fn h(ms: u64, node: NodeId) -> Hlc {
    Hlc { wall_ms: T + ms, counter: 0, node }
}

fn run_sqlite<F, Fut>(story: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let db = Db::sqlite();
    let dir = db.data_dir().expect("sqlite dir").to_owned();
    runtime().block_on(async move {
        let store: Store = Arc::new(SqliteStorage::open(&dir).expect("open SQLite"));
        story(store).await;
    });
}

fn run_postgres<F, Fut>(story: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let Some(db) = Db::postgres() else { return };
    let Db::Postgres { url, .. } = &db else { return };
    let url = url.clone();
    runtime().block_on(async move {
        let store: Store = Arc::new(PostgresStorage::connect(&url).await.expect("open PostgreSQL"));
        story(store).await;
    });
    drop(db);
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
}

/// One test per story and backend: `sqlite::<story>` and `postgres::<story>`.
macro_rules! stories {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $story() { super::run_sqlite(super::$story) } )*
        }
        mod postgres {
            $( #[test] fn $story() { super::run_postgres(super::$story) } )*
        }
    };
}

stories!(
    workspace_names_are_unique,
    users_sign_in_case_insensitively_and_can_be_disabled,
    devices_get_consecutive_codes_and_can_be_revoked_within_their_workspace_only,
    pushed_values_come_back_exactly,
    a_retried_push_stores_nothing_twice,
    concurrent_edits_leave_a_notice_for_the_losing_node_only,
    a_page_never_holds_half_a_row,
    paging_with_any_limit_yields_every_latest_value,
    workspaces_never_see_each_others_cells,
    the_audit_records_each_new_change_once_with_its_outcome,
    a_cursor_beyond_the_sequence_is_brought_back,
);

async fn workspace(store: &Store, name: &str) -> WorkspaceId {
    store.create_workspace(name, T).await.expect("create workspace").id
}

async fn user(store: &Store, workspace: &str, email: &str, role: Role) -> i64 {
    let ws = store.workspace(workspace).await.expect("workspace").expect("known workspace");
    store
        .add_user(NewUser {
            workspace: ws.id,
            email: email.into(),
            password_hash: "$argon2id$x".into(),
            role,
            now_ms: T,
        })
        .await
        .expect("add user");
    store.user_credentials(workspace, email).await.expect("credentials").expect("user").user_id
}

fn device(ws: WorkspaceId, user_id: i64, node: NodeId, token: &str) -> NewDevice {
    NewDevice {
        workspace: ws,
        user_id,
        name: "laptop".into(),
        node,
        app_version: "1".into(),
        token_hash: token.into(),
        now_ms: T,
    }
}

fn pusher(ws: WorkspaceId, node: NodeId) -> Pusher {
    Pusher { workspace: ws, device_id: format!("device-{node}"), email: "sup@acme.test".into(), node }
}

fn outbox(first_seq: u64, changes: Vec<Change>) -> Vec<Outgoing> {
    changes.into_iter().zip(first_seq..).map(|(change, seq)| Outgoing { seq, change }).collect()
}

fn text(table: &str, row: &str, column: &str, v: &str, hlc: Hlc) -> Change {
    cell(table, row, column, Value::Text(v.into()), hlc, None)
}

/// A page's changes, read back from the JSON the server sends.
fn changes_of(page: &PullPage) -> Vec<Change> {
    serde_json::from_slice(page.changes.as_json()).expect("a page's changes are the protocol's JSON")
}

/// Pulls everything after `after` in pages of `limit`.
async fn pull_all(store: &Store, ws: WorkspaceId, limit: u32, node: NodeId) -> (Vec<Change>, usize) {
    let (mut after, mut all, mut pages) = (0, Vec::new(), 0);
    loop {
        let page = store.pull(ws, after, limit, node).await.expect("pull");
        assert!(page.next >= after);
        all.extend(changes_of(&page));
        pages += 1;
        after = page.next;
        if !page.more {
            return (all, pages);
        }
    }
}

async fn workspace_names_are_unique(store: Store) {
    let ws = store.create_workspace("acme", T).await.unwrap();
    assert!(matches!(store.create_workspace("acme", T).await, Err(StorageError::Conflict(_))));
    assert_eq!(store.workspace("acme").await.unwrap(), Some(ws));
    assert_eq!(store.workspace("nowhere").await.unwrap(), None);
}

async fn users_sign_in_case_insensitively_and_can_be_disabled(store: Store) {
    let ws = workspace(&store, "acme").await;
    user(&store, "acme", "Ann@Acme.test", Role::Viewer).await;
    let dup = store
        .add_user(NewUser {
            workspace: ws,
            email: "ann@acme.test".into(),
            password_hash: "x".into(),
            role: Role::Admin,
            now_ms: T,
        })
        .await;
    assert!(matches!(dup, Err(StorageError::Conflict(_))));
    let creds = store.user_credentials("acme", "ANN@acme.TEST").await.unwrap().unwrap();
    assert_eq!((creds.role, creds.disabled, creds.workspace.name.as_str()), (Role::Viewer, false, "acme"));
    assert!(store.user_credentials("other", "ann@acme.test").await.unwrap().is_none());
    store.set_user_disabled(ws, "ann@acme.test", true, T).await.unwrap();
    assert!(store.user_credentials("acme", "ann@acme.test").await.unwrap().unwrap().disabled);
    assert!(matches!(store.set_user_disabled(ws, "bob@acme.test", true, T).await, Err(StorageError::NotFound(_))));
}

async fn devices_get_consecutive_codes_and_can_be_revoked_within_their_workspace_only(store: Store) {
    let ws = workspace(&store, "acme").await;
    let other = workspace(&store, "beta").await;
    let uid = user(&store, "acme", "sup@acme.test", Role::Supervisor).await;
    let mut codes = Vec::new();
    for i in 0..34 {
        codes.push(store.register_device(device(ws, uid, A, &format!("hash{i}"))).await.unwrap());
    }
    let names: Vec<&str> = codes.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(&names[..3], ["0", "1", "2"]);
    assert_eq!(&names[31..], ["Z", "10", "11"]);
    let auth = store.authenticate("hash5", T + 1).await.unwrap().unwrap();
    assert_eq!(
        (auth.workspace, auth.device_id.as_str(), auth.revoked, auth.role),
        (ws, codes[5].id.as_str(), false, Role::Supervisor)
    );
    assert!(store.authenticate("nope", T).await.unwrap().is_none());
    assert!(matches!(store.revoke_device(other, &codes[5].id, T).await, Err(StorageError::NotFound(_))));
    store.revoke_device(ws, &codes[5].id, T + 2).await.unwrap();
    assert!(store.authenticate("hash5", T + 3).await.unwrap().unwrap().revoked);
    let list = store.devices(ws).await.unwrap();
    assert_eq!(list.len(), 34);
    assert_eq!(list[5].revoked_ms, Some(T + 2));
    assert_eq!(list[0].user, "sup@acme.test");
    // Seen a while later, the device's last-seen time moves.
    store.authenticate("hash0", T + 3_600_000).await.unwrap();
    assert_eq!(store.devices(ws).await.unwrap()[0].last_seen_ms, T + 3_600_000);
    assert!(store.devices(other).await.unwrap().is_empty());
}

async fn pushed_values_come_back_exactly(store: Store) {
    let ws = workspace(&store, "acme").await;
    let row = Change {
        table: "case_events".into(),
        row: "e1".into(),
        hlc: h(1, A),
        base: None,
        body: Body::Row {
            values: BTreeMap::from([
                ("a".to_owned(), Value::Integer(i64::MIN)),
                ("b".to_owned(), Value::Real(-0.000_1)),
                ("c".to_owned(), Value::Text("\"quoted\" 🚒 退款".into())),
                ("d".to_owned(), Value::Null),
            ]),
        },
    };
    let changes = vec![
        cell("cases", "c1", "n", Value::Integer(i64::MAX), h(1, A), Some(h(0, B))),
        cell("cases", "c1", "r", Value::Real(1e300), h(1, A), None),
        cell("cases", "c1", "r2", Value::Real(2.0), h(1, A), None),
        cell("cases", "c1", "t", Value::Text(String::new()), h(1, A), None),
        cell("cases", "c1", "t2", Value::Text("12".into()), h(1, A), None),
        row,
    ];
    let outcome = store.push(pusher(ws, A), outbox(1, changes.clone()), T).await.unwrap();
    assert_eq!((outcome.accepted, outcome.duplicates, outcome.seq), (6, 0, 6));
    let (pulled, _) = pull_all(&store, ws, 100, A).await;
    assert_eq!(pulled, changes);
}

async fn a_retried_push_stores_nothing_twice(store: Store) {
    let ws = workspace(&store, "acme").await;
    let batch =
        outbox(10, vec![text("cases", "c1", "title", "x", h(1, A)), text("cases", "c2", "title", "y", h(2, A))]);
    let first = store.push(pusher(ws, A), batch.clone(), T).await.unwrap();
    let again = store.push(pusher(ws, A), batch.clone(), T).await.unwrap();
    assert_eq!((first.accepted, again.accepted, again.duplicates, again.seq), (2, 0, 2, first.seq));
    // Another node's outbox seqs are its own.
    let b = store.push(pusher(ws, B), outbox(10, vec![text("cases", "c3", "title", "z", h(3, B))]), T).await.unwrap();
    assert_eq!((b.accepted, b.duplicates), (1, 0));
    assert_eq!(store.audit(ws, 100).await.unwrap().len(), 3);
    assert_eq!(pull_all(&store, ws, 100, A).await.0.len(), 3);
}

async fn concurrent_edits_leave_a_notice_for_the_losing_node_only(store: Store) {
    let ws = workspace(&store, "acme").await;
    store.push(pusher(ws, A), outbox(1, vec![text("cases", "c1", "title", "A's", h(10, A))]), T).await.unwrap();
    store.push(pusher(ws, B), outbox(1, vec![text("cases", "c1", "title", "B's", h(20, B))]), T).await.unwrap();
    // C saw B's value before editing: no conflict.
    let seen = cell("cases", "c1", "title", Value::Text("C's".into()), h(30, C), Some(h(20, B)));
    store.push(pusher(ws, C), outbox(1, vec![seen]), T).await.unwrap();
    let for_a = store.pull(ws, 0, 100, A).await.unwrap();
    assert_eq!(for_a.notices.len(), 1);
    let n = &for_a.notices[0];
    assert_eq!(
        (n.column.as_str(), &n.value, n.hlc, n.winner),
        ("title", &Value::Text("A's".into()), h(10, A), h(20, B))
    );
    assert!(store.pull(ws, 0, 100, B).await.unwrap().notices.is_empty());
    assert!(store.pull(ws, 0, 100, C).await.unwrap().notices.is_empty());
    let changed = changes_of(&for_a);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].hlc, h(30, C));
    // A notice is in the page of its sequence number only.
    assert!(store.pull(ws, for_a.next, 100, A).await.unwrap().notices.is_empty());
}

async fn a_page_never_holds_half_a_row(store: Store) {
    let ws = workspace(&store, "acme").await;
    // Seqs: r1..r2 take 1-2, the whole row "w" starts at 3, r4..r8 take 4-8, "w" ends at 9.
    let mut changes = vec![text("cases", "r1", "a", "1", h(1, A)), text("cases", "r2", "a", "2", h(1, A))];
    changes.push(text("cases", "w", "a", "first", h(1, A)));
    for i in 4..=8 {
        changes.push(text("cases", &format!("r{i}"), "a", "x", h(1, A)));
    }
    changes.push(text("cases", "w", "b", "second", h(1, A)));
    store.push(pusher(ws, A), outbox(1, changes), T).await.unwrap();
    let page = store.pull(ws, 0, 5, A).await.unwrap();
    assert_eq!((page.next, page.more), (5, true));
    let first = changes_of(&page);
    let order: Vec<(&str, &str)> = first.iter().map(|c| (c.row.as_str(), c.column())).collect();
    assert_eq!(
        order,
        [("r1", "a"), ("r2", "a"), ("w", "a"), ("w", "b"), ("r4", "a"), ("r5", "a")],
        "the row arrives whole in the first page, its cells together where it first changed"
    );
    let rest = store.pull(ws, page.next, 5, A).await.unwrap();
    assert_eq!((rest.next, rest.more), (9, false));
    assert_eq!(changes_of(&rest).len(), 4, "r6, r7, r8 and w.b again");
}

async fn paging_with_any_limit_yields_every_latest_value(store: Store) {
    let ws = workspace(&store, "acme").await;
    let mut expected: HashMap<(String, String), Hlc> = HashMap::new();
    let mut seq = 1;
    for round in 0..4u64 {
        let mut changes = Vec::new();
        for r in 0..6 {
            for col in ["a", "b", "c"] {
                if (r + round as usize + col.len()).is_multiple_of(3) || round == 0 {
                    let hlc = h(round * 10 + r as u64, if r % 2 == 0 { A } else { B });
                    changes.push(text("cases", &format!("r{r}"), col, &format!("{round}"), hlc));
                    expected.insert((format!("r{r}"), col.to_owned()), hlc);
                }
            }
        }
        let n = changes.len() as u64;
        store.push(pusher(ws, A), outbox(seq, changes), T).await.unwrap();
        seq += n;
    }
    for limit in 1..=7 {
        let (all, pages) = pull_all(&store, ws, limit, A).await;
        let mut latest: HashMap<(String, String), Hlc> = HashMap::new();
        for c in all {
            let held = latest.entry((c.row.clone(), c.column().to_owned())).or_insert(c.hlc);
            *held = (*held).max(c.hlc);
        }
        assert_eq!(latest, expected, "limit {limit}");
        assert!(pages > 1 || limit as usize >= expected.len());
    }
}

async fn workspaces_never_see_each_others_cells(store: Store) {
    let alpha = workspace(&store, "alpha").await;
    let beta = workspace(&store, "beta").await;
    store.push(pusher(alpha, A), outbox(1, vec![text("cases", "c1", "title", "alpha", h(1, A))]), T).await.unwrap();
    // Same node, same outbox seq, same cell, other workspace: stored apart.
    let b =
        store.push(pusher(beta, A), outbox(1, vec![text("cases", "c1", "title", "beta", h(2, A))]), T).await.unwrap();
    assert_eq!((b.accepted, b.seq), (1, 1));
    let from_alpha = store.pull(alpha, 0, 100, A).await.unwrap();
    let changed = changes_of(&from_alpha);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].body, Body::Cell { column: "title".into(), value: Value::Text("alpha".into()) });
    assert!(from_alpha.notices.is_empty());
    assert_eq!(store.audit(alpha, 10).await.unwrap().len(), 1);
}

async fn the_audit_records_each_new_change_once_with_its_outcome(store: Store) {
    let ws = workspace(&store, "acme").await;
    store.push(pusher(ws, B), outbox(1, vec![text("cases", "c1", "title", "new", h(20, B))]), T).await.unwrap();
    store.push(pusher(ws, A), outbox(1, vec![text("cases", "c1", "title", "old", h(10, A))]), T + 5).await.unwrap();
    store.push(pusher(ws, A), outbox(1, vec![text("cases", "c1", "title", "old", h(10, A))]), T + 6).await.unwrap();
    let audit = store.audit(ws, 10).await.unwrap();
    assert_eq!(audit.len(), 2);
    assert_eq!((audit[0].outcome, audit[0].hlc, audit[0].at_ms), (Outcome::Lost, h(10, A), T + 5));
    assert_eq!((audit[1].outcome, audit[1].device_id.as_str()), (Outcome::Applied, "device-000000000000000b"));
    assert_eq!((audit[1].table.as_str(), audit[1].row.as_str(), audit[1].column.as_str()), ("cases", "c1", "title"));
    assert_eq!(store.audit(ws, 1).await.unwrap().len(), 1);
}

async fn a_cursor_beyond_the_sequence_is_brought_back(store: Store) {
    let ws = workspace(&store, "acme").await;
    store.push(pusher(ws, A), outbox(1, vec![text("cases", "c1", "title", "x", h(1, A))]), T).await.unwrap();
    let page = store.pull(ws, 1_000, 10, A).await.unwrap();
    assert!(changes_of(&page).is_empty());
    assert_eq!((page.next, page.more), (1, false));
}
