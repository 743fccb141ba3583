//! The PostgreSQL backend, for several server processes behind a load balancer.
//!
//! Safety between processes rests on the workspace row: a push locks it
//! (`SELECT … FOR UPDATE`, READ COMMITTED) before it reads the node's ack or any cell,
//! and takes its sequence numbers from it, so pushes to one workspace serialise and a
//! sequence number only becomes visible with every smaller one (a `BIGSERIAL` would be
//! taken at insert and could commit out of order, letting a pull cursor pass a change
//! still in flight). A pull reads the workspace's sequence and the cells in one
//! REPEATABLE READ snapshot. The schema goes into the connection's `search_path`, so a
//! deployment (or a test) can keep it in its own schema.

use std::collections::HashMap;

use async_trait::async_trait;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use frontline_sync::NodeId;
use frontline_sync::merge::Version;
use frontline_sync::protocol::Outgoing;
use futures_util::future::try_join3;
use tokio_postgres::error::SqlState;
use tokio_postgres::{IsolationLevel, NoTls};

use super::combine::{ApplyBatch, Combiner, PushJob};
use super::page::{PageWriter, StoredCell};
use super::plan::{self, HeldCell};
use super::{
    AuditEntry, DeviceAuth, DeviceInfo, NewDevice, NewUser, Outcome, PullPage, PushOutcome, Pusher, RegisteredDevice,
    Storage, StorageError, StorageResult, UserCredentials, Workspace, WorkspaceId, device_code, normalise_email,
    parse_hlc, parse_role, role_name, to_i64, to_u64,
};

/// Connections per server process.
const POOL_SIZE: usize = 16;
/// The schema version this code writes.
const SCHEMA_VERSION: i32 = 1;
/// Serialises schema creation between server processes starting together.
const MIGRATION_LOCK: i64 = 0x0f70_6e74_6c69_6e65;

const SCHEMA: &str = "
CREATE TABLE workspaces (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    seq BIGINT NOT NULL DEFAULT 0,
    devices BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL
);
CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace BIGINT NOT NULL REFERENCES workspaces(id),
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    disabled_ms BIGINT,
    created_ms BIGINT NOT NULL,
    UNIQUE (workspace, email)
);
CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    workspace BIGINT NOT NULL REFERENCES workspaces(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    node TEXT NOT NULL,
    app_version TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    revoked_ms BIGINT,
    UNIQUE (workspace, code)
);
CREATE TABLE cells (
    workspace BIGINT NOT NULL,
    tbl TEXT COLLATE \"C\" NOT NULL,
    row_id TEXT COLLATE \"C\" NOT NULL,
    col TEXT COLLATE \"C\" NOT NULL,
    value TEXT NOT NULL,
    hlc TEXT NOT NULL,
    base TEXT,
    seq BIGINT NOT NULL,
    PRIMARY KEY (workspace, tbl, row_id, col)
);
CREATE INDEX cells_by_seq ON cells (workspace, seq);
CREATE TABLE notices (
    workspace BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    node TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc TEXT NOT NULL,
    winner TEXT NOT NULL,
    PRIMARY KEY (workspace, seq)
);
CREATE INDEX notices_by_node ON notices (workspace, node, seq);
CREATE TABLE acks (
    workspace BIGINT NOT NULL,
    node TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (workspace, node)
);
CREATE TABLE audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace BIGINT NOT NULL,
    at_ms BIGINT NOT NULL,
    email TEXT NOT NULL,
    device_id TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id TEXT NOT NULL,
    col TEXT NOT NULL,
    hlc TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX audit_by_workspace ON audit (workspace, id);
";

/// The PostgreSQL backend.
#[derive(Clone)]
pub struct PostgresStorage {
    pool: Pool,
    pushes: Combiner<Batches>,
}

/// Stores batches of pushes ([`Combiner`]).
struct Batches {
    pool: Pool,
}

impl PostgresStorage {
    /// Connects to `url` (`postgres://user:password@host/db`, libpq-style options such as
    /// `?options=-csearch_path%3Dfrontline` allowed) and creates the schema if missing.
    pub async fn connect(url: &str) -> StorageResult<Self> {
        let config: tokio_postgres::Config =
            url.parse().map_err(|e| StorageError::Other(format!("invalid database URL: {e}")))?;
        let manager = Manager::from_config(config, NoTls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .build()
            .map_err(|e| StorageError::Other(format!("cannot build the connection pool: {e}")))?;
        let storage = PostgresStorage { pushes: Combiner::new(Batches { pool: pool.clone() }), pool };
        storage.migrate().await?;
        Ok(storage)
    }

    async fn client(&self) -> StorageResult<deadpool_postgres::Object> {
        self.pool.get().await.map_err(|e| StorageError::Unavailable(e.to_string()))
    }

    async fn migrate(&self) -> StorageResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await.map_err(db)?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)").await.map_err(db)?;
        let version: Option<i32> =
            tx.query_opt("SELECT version FROM schema_version", &[]).await.map_err(db)?.map(|r| r.get(0));
        match version {
            None => {
                tx.batch_execute(SCHEMA).await.map_err(db)?;
                tx.execute("INSERT INTO schema_version (version) VALUES ($1)", &[&SCHEMA_VERSION]).await.map_err(db)?;
            }
            Some(SCHEMA_VERSION) => {}
            Some(newer) => {
                return Err(StorageError::Other(format!(
                    "the database has schema version {newer}, newer than this server ({SCHEMA_VERSION}); upgrade the server"
                )));
            }
        }
        tx.commit().await.map_err(db)
    }
}

/// Turns a driver error into a [`StorageError`].
fn db(e: tokio_postgres::Error) -> StorageError {
    match e.code() {
        Some(code) if *code == SqlState::UNIQUE_VIOLATION => StorageError::Conflict(e.to_string()),
        Some(code)
            if *code == SqlState::T_R_SERIALIZATION_FAILURE
                || *code == SqlState::T_R_DEADLOCK_DETECTED
                || *code == SqlState::TOO_MANY_CONNECTIONS
                || *code == SqlState::ADMIN_SHUTDOWN
                || *code == SqlState::CANNOT_CONNECT_NOW =>
        {
            StorageError::Unavailable(e.to_string())
        }
        Some(_) => StorageError::Other(display_db_error(&e)),
        None => StorageError::Unavailable(e.to_string()),
    }
}

/// The server's message of a database error (tokio-postgres' Display says only "db error").
fn display_db_error(e: &tokio_postgres::Error) -> String {
    e.as_db_error().map(|d| format!("{}: {}", d.code().code(), d.message())).unwrap_or_else(|| e.to_string())
}

#[async_trait]
impl Storage for PostgresStorage {
    async fn health(&self) -> StorageResult<()> {
        self.client().await?.query_one("SELECT 1", &[]).await.map(drop).map_err(db)
    }

    async fn create_workspace(&self, name: &str, now_ms: u64) -> StorageResult<Workspace> {
        let client = self.client().await?;
        let row = client
            .query_one(
                "INSERT INTO workspaces (name, created_ms) VALUES ($1, $2) RETURNING id",
                &[&name, &to_i64(now_ms)?],
            )
            .await
            .map_err(|e| match db(e) {
                StorageError::Conflict(_) => StorageError::Conflict(format!("workspace {name:?} already exists")),
                other => other,
            })?;
        Ok(Workspace { id: row.get(0), name: name.to_owned() })
    }

    async fn workspace(&self, name: &str) -> StorageResult<Option<Workspace>> {
        let client = self.client().await?;
        let row = client.query_opt("SELECT id, name FROM workspaces WHERE name = $1", &[&name]).await.map_err(db)?;
        Ok(row.map(|r| Workspace { id: r.get(0), name: r.get(1) }))
    }

    async fn add_user(&self, user: NewUser) -> StorageResult<()> {
        let client = self.client().await?;
        let email = normalise_email(&user.email);
        client
            .execute(
                "INSERT INTO users (workspace, email, password_hash, role, created_ms) VALUES ($1, $2, $3, $4, $5)",
                &[&user.workspace, &email, &user.password_hash, &role_name(user.role), &to_i64(user.now_ms)?],
            )
            .await
            .map(drop)
            .map_err(|e| match db(e) {
                StorageError::Conflict(_) => {
                    StorageError::Conflict(format!("user {email} already exists in this workspace"))
                }
                other => other,
            })
    }

    async fn set_user_disabled(
        &self,
        workspace: WorkspaceId,
        email: &str,
        disabled: bool,
        now_ms: u64,
    ) -> StorageResult<()> {
        let client = self.client().await?;
        let email = normalise_email(email);
        let at = if disabled { Some(to_i64(now_ms)?) } else { None };
        let n = client
            .execute(
                "UPDATE users SET disabled_ms = $1 WHERE workspace = $2 AND email = $3",
                &[&at, &workspace, &email],
            )
            .await
            .map_err(db)?;
        if n == 0 { Err(StorageError::NotFound(format!("user {email}"))) } else { Ok(()) }
    }

    async fn user_credentials(&self, workspace: &str, email: &str) -> StorageResult<Option<UserCredentials>> {
        let client = self.client().await?;
        let email = normalise_email(email);
        let row = client
            .query_opt(
                "SELECT u.id, w.id, w.name, u.password_hash, u.role, u.disabled_ms IS NOT NULL
                 FROM users u JOIN workspaces w ON w.id = u.workspace
                 WHERE w.name = $1 AND u.email = $2",
                &[&workspace, &email],
            )
            .await
            .map_err(db)?;
        row.map(|r| {
            Ok(UserCredentials {
                user_id: r.get(0),
                workspace: Workspace { id: r.get(1), name: r.get(2) },
                password_hash: r.get(3),
                role: parse_role(r.get(4))?,
                disabled: r.get(5),
            })
        })
        .transpose()
    }

    async fn register_device(&self, device: NewDevice) -> StorageResult<RegisteredDevice> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let count: i64 = tx
            .query_opt(
                "UPDATE workspaces SET devices = devices + 1 WHERE id = $1 RETURNING devices",
                &[&device.workspace],
            )
            .await
            .map_err(db)?
            .ok_or_else(|| StorageError::NotFound("workspace".into()))?
            .get(0);
        let code = device_code(to_u64(count - 1)?)
            .ok_or_else(|| StorageError::Conflict("the workspace has used all its device codes".into()))?;
        let id = uuid::Uuid::now_v7().to_string();
        let now = to_i64(device.now_ms)?;
        tx.execute(
            "INSERT INTO devices (id, workspace, user_id, code, name, node, app_version, token_hash,
                                  created_ms, last_seen_ms)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
            &[
                &id,
                &device.workspace,
                &device.user_id,
                &code,
                &device.name,
                &device.node.to_string(),
                &device.app_version,
                &device.token_hash,
                &now,
            ],
        )
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(RegisteredDevice { id, code })
    }

    async fn authenticate(&self, token_hash: &str, now_ms: u64) -> StorageResult<Option<DeviceAuth>> {
        let client = self.client().await?;
        let stmt = client
            .prepare_cached(
                "SELECT d.id, d.workspace, d.revoked_ms IS NOT NULL, d.last_seen_ms,
                        u.email, u.role, u.disabled_ms IS NOT NULL
                 FROM devices d JOIN users u ON u.id = d.user_id
                 WHERE d.token_hash = $1",
            )
            .await
            .map_err(db)?;
        let Some(row) = client.query_opt(&stmt, &[&token_hash]).await.map_err(db)? else {
            return Ok(None);
        };
        let device_id: String = row.get(0);
        let revoked: bool = row.get(2);
        let last_seen = to_u64(row.get(3))?;
        if !revoked && last_seen.saturating_add(super::sqlite::LAST_SEEN_EVERY_MS) < now_ms {
            client
                .execute("UPDATE devices SET last_seen_ms = $1 WHERE id = $2", &[&to_i64(now_ms)?, &device_id])
                .await
                .map_err(db)?;
        }
        Ok(Some(DeviceAuth {
            workspace: row.get(1),
            device_id,
            email: row.get(4),
            role: parse_role(row.get(5))?,
            revoked,
            user_disabled: row.get(6),
        }))
    }

    async fn revoke_device(&self, workspace: WorkspaceId, device_id: &str, now_ms: u64) -> StorageResult<()> {
        let client = self.client().await?;
        let n = client
            .execute(
                "UPDATE devices SET revoked_ms = coalesce(revoked_ms, $1) WHERE workspace = $2 AND id = $3",
                &[&to_i64(now_ms)?, &workspace, &device_id],
            )
            .await
            .map_err(db)?;
        if n == 0 { Err(StorageError::NotFound(format!("device {device_id}"))) } else { Ok(()) }
    }

    async fn devices(&self, workspace: WorkspaceId) -> StorageResult<Vec<DeviceInfo>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT d.id, d.code, d.name, u.email, d.node, d.app_version, d.created_ms, d.last_seen_ms,
                        d.revoked_ms
                 FROM devices d JOIN users u ON u.id = d.user_id
                 WHERE d.workspace = $1 ORDER BY d.created_ms, d.id",
                &[&workspace],
            )
            .await
            .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(DeviceInfo {
                    id: r.get(0),
                    code: r.get(1),
                    name: r.get(2),
                    user: r.get(3),
                    node: r.get(4),
                    app_version: r.get(5),
                    created_ms: to_u64(r.get(6))?,
                    last_seen_ms: to_u64(r.get(7))?,
                    revoked_ms: r.get::<_, Option<i64>>(8).map(to_u64).transpose()?,
                })
            })
            .collect()
    }

    async fn push(&self, pusher: Pusher, changes: Vec<Outgoing>, now_ms: u64) -> StorageResult<PushOutcome> {
        self.pushes.push(PushJob { pusher, changes, now_ms }).await
    }

    async fn pull(&self, workspace: WorkspaceId, after: u64, limit: u32, node: NodeId) -> StorageResult<PullPage> {
        let mut client = self.client().await?;
        // One snapshot for the sequence and the cells: a push still in flight is absent
        // from both, and its sequence numbers are above the `next` returned here.
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(db)?;
        let after_i = to_i64(after)?;
        let workspace_seq: i64 = tx
            .query_opt("SELECT seq FROM workspaces WHERE id = $1", &[&workspace])
            .await
            .map_err(db)?
            .ok_or_else(|| StorageError::NotFound("workspace".into()))?
            .get(0);
        let nth = tx
            .prepare_cached("SELECT seq FROM cells WHERE workspace = $1 AND seq > $2 ORDER BY seq LIMIT 1 OFFSET $3")
            .await
            .map_err(db)?;
        let nth: Option<i64> = tx
            .query_opt(&nth, &[&workspace, &after_i, &i64::from(limit.max(1) - 1)])
            .await
            .map_err(db)?
            .map(|r| r.get(0));
        let workspace_seq = to_u64(workspace_seq)?;
        let end = plan::page_end(nth.map(to_u64).transpose()?, workspace_seq);
        let end_i = to_i64(end)?;
        // Each page row's cells by primary key (`OFFSET 0` keeps the planner from turning
        // this into a scan of every cell after the cursor: a first sync would then cost
        // the square of the workspace's size), in the order the SQLite backend gives.
        let cells = tx
            .prepare_cached(
                "WITH page_rows AS (
                     SELECT tbl, row_id, min(seq) AS first FROM cells
                     WHERE workspace = $1 AND seq > $2 AND seq <= $3 GROUP BY tbl, row_id
                 )
                 SELECT c.tbl, c.row_id, c.col, c.value, c.hlc, c.base
                 FROM page_rows p CROSS JOIN LATERAL (
                     SELECT * FROM cells c
                     WHERE c.workspace = $1 AND c.tbl = p.tbl AND c.row_id = p.row_id AND c.seq > $2
                     OFFSET 0
                 ) c
                 ORDER BY p.first, c.col",
            )
            .await
            .map_err(db)?;
        let mut changes = PageWriter::for_cells(end.saturating_sub(after).min(u64::from(limit)));
        for r in tx.query(&cells, &[&workspace, &after_i, &end_i]).await.map_err(db)? {
            changes.push(StoredCell {
                table: r.get(0),
                row: r.get(1),
                column: r.get(2),
                value: r.get(3),
                hlc: r.get(4),
                base: r.get(5),
            })?;
        }
        let notices_stmt = tx
            .prepare_cached(
                "SELECT tbl, row_id, col, value, hlc, winner FROM notices
                 WHERE workspace = $1 AND node = $2 AND seq > $3 AND seq <= $4 ORDER BY seq",
            )
            .await
            .map_err(db)?;
        let mut notices = Vec::new();
        for r in tx.query(&notices_stmt, &[&workspace, &node.to_string(), &after_i, &end_i]).await.map_err(db)? {
            let value: &str = r.get(3);
            let hlc: &str = r.get(4);
            let winner: &str = r.get(5);
            notices.push(plan::decode_notice(r.get(0), r.get(1), r.get(2), value, hlc, winner)?);
        }
        tx.commit().await.map_err(db)?;
        Ok(PullPage { changes: changes.finish(), notices, next: end, more: end < workspace_seq })
    }

    async fn audit(&self, workspace: WorkspaceId, limit: u32) -> StorageResult<Vec<AuditEntry>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT at_ms, email, device_id, tbl, row_id, col, hlc, outcome FROM audit
                 WHERE workspace = $1 ORDER BY id DESC LIMIT $2",
                &[&workspace, &i64::from(limit)],
            )
            .await
            .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    at_ms: to_u64(r.get(0))?,
                    user: r.get(1),
                    device_id: r.get(2),
                    table: r.get(3),
                    row: r.get(4),
                    column: r.get(5),
                    hlc: parse_hlc(r.get(6))?,
                    outcome: Outcome::parse(r.get(7))?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl ApplyBatch for Batches {
    async fn apply_batch(&self, ws: WorkspaceId, jobs: Vec<PushJob>) -> StorageResult<Vec<PushOutcome>> {
        let mut client = self.pool.get().await.map_err(|e| StorageError::Unavailable(e.to_string()))?;
        let reads = Reads::prepare(&client).await?;
        let writes = Writes::prepare(&client).await?;
        let tx = client.transaction().await.map_err(db)?;
        let mut nodes: Vec<String> = jobs.iter().map(|j| j.pusher.node.to_string()).collect();
        nodes.sort();
        nodes.dedup();
        let mut keys: Vec<plan::CellKey> = jobs.iter().flat_map(|j| plan::touched(&j.changes)).collect();
        keys.sort();
        keys.dedup();
        let (tables, rows, columns) = split_keys(keys.iter().map(|k| (&k.table, &k.row, &k.column)));
        // The lock every push of this workspace queues on, in every server process. The
        // acks and cells are read by the next statements, sent in the same round trip but
        // run after the lock is held (`try_join3` polls, so sends, in order; the connection
        // runs statements in order), each with a READ COMMITTED snapshot that includes
        // every earlier push.
        let (locked, ack_rows, held_rows) = try_join3(
            tx.query_opt(&reads.lock, &[&ws]),
            tx.query(&reads.acks, &[&ws, &nodes]),
            tx.query(&reads.cells, &[&ws, &tables, &rows, &columns]),
        )
        .await
        .map_err(db)?;
        let seq: i64 = locked.ok_or_else(|| StorageError::NotFound("workspace".into()))?.get(0);
        let mut acks = HashMap::new();
        for r in ack_rows {
            let node: &str = r.get(0);
            let node: NodeId = node.parse().map_err(|_| StorageError::Other(format!("corrupt node id {node:?}")))?;
            acks.insert(node, to_u64(r.get(1))?);
        }
        let mut held = HashMap::new();
        for r in held_rows {
            let key = plan::CellKey { table: r.get(0), row: r.get(1), column: r.get(2) };
            let base: Option<&str> = r.get(5);
            let version = Version { hlc: parse_hlc(r.get(4))?, base: base.map(parse_hlc).transpose()? };
            held.insert(key, HeldCell { version, value: r.get(3) });
        }
        let pushes: Vec<(NodeId, &[Outgoing])> = jobs.iter().map(|j| (j.pusher.node, j.changes.as_slice())).collect();
        let plan = plan::plan_batch(to_u64(seq)?, acks, held, &pushes)?;
        if plan.outcomes.iter().any(|(accepted, _, _)| *accepted > 0) {
            writes.run(&tx, ws, &jobs, &plan).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(plan.outcomes.iter().map(|&(accepted, duplicates, seq)| PushOutcome { accepted, duplicates, seq }).collect())
    }
}

/// What a batch reads under the workspace lock.
struct Reads {
    lock: tokio_postgres::Statement,
    acks: tokio_postgres::Statement,
    cells: tokio_postgres::Statement,
}

impl Reads {
    async fn prepare(client: &deadpool_postgres::Object) -> StorageResult<Self> {
        let (lock, acks, cells) = tokio::try_join!(
            client.prepare_cached("SELECT seq FROM workspaces WHERE id = $1 FOR UPDATE"),
            client.prepare_cached("SELECT node, seq FROM acks WHERE workspace = $1 AND node = ANY($2::text[])"),
            client.prepare_cached(
                "SELECT c.tbl, c.row_id, c.col, c.value, c.hlc, c.base
                 FROM unnest($2::text[], $3::text[], $4::text[]) AS k(tbl, row_id, col)
                 JOIN cells c ON c.workspace = $1 AND c.tbl = k.tbl AND c.row_id = k.row_id AND c.col = k.col"
            ),
        )
        .map_err(db)?;
        Ok(Reads { lock, acks, cells })
    }
}

/// The statements that store a batch plan. They are independent of each other, so they
/// are sent together (tokio-postgres pipelines concurrent queries on one connection):
/// one round trip while the workspace lock is held instead of one per statement.
struct Writes {
    cells: tokio_postgres::Statement,
    notices: tokio_postgres::Statement,
    audit: tokio_postgres::Statement,
    acks: tokio_postgres::Statement,
    seq: tokio_postgres::Statement,
}

impl Writes {
    async fn prepare(client: &deadpool_postgres::Object) -> StorageResult<Self> {
        let prepare = |sql: &'static str| client.prepare_cached(sql);
        let (cells, notices, audit, acks, seq) = tokio::try_join!(
            prepare(
                "INSERT INTO cells (workspace, tbl, row_id, col, value, hlc, base, seq)
                 SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                                  $7::text[], $8::bigint[])
                 ON CONFLICT (workspace, tbl, row_id, col) DO UPDATE
                 SET value = excluded.value, hlc = excluded.hlc, base = excluded.base, seq = excluded.seq"
            ),
            prepare(
                "INSERT INTO notices (workspace, seq, node, tbl, row_id, col, value, hlc, winner)
                 SELECT $1::bigint, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                                                  $7::text[], $8::text[], $9::text[])"
            ),
            prepare(
                "INSERT INTO audit (workspace, at_ms, email, device_id, tbl, row_id, col, hlc, outcome)
                 SELECT $1::bigint, a.at_ms, a.email, a.device_id, a.tbl, a.row_id, a.col, a.hlc, a.outcome
                 FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                             $8::text[], $9::text[])
                      WITH ORDINALITY AS a(at_ms, email, device_id, tbl, row_id, col, hlc, outcome, n)
                 ORDER BY a.n"
            ),
            prepare(
                "INSERT INTO acks (workspace, node, seq) SELECT $1::bigint, * FROM unnest($2::text[], $3::bigint[])
                 ON CONFLICT (workspace, node) DO UPDATE SET seq = excluded.seq"
            ),
            prepare("UPDATE workspaces SET seq = $2 WHERE id = $1"),
        )
        .map_err(db)?;
        Ok(Writes { cells, notices, audit, acks, seq })
    }

    async fn run(
        &self,
        tx: &deadpool_postgres::Transaction<'_>,
        ws: WorkspaceId,
        jobs: &[PushJob],
        plan: &plan::BatchPlan,
    ) -> StorageResult<()> {
        let (c_tables, c_rows, c_columns) =
            split_keys(plan.cells.iter().map(|c| (&c.key.table, &c.key.row, &c.key.column)));
        let c_values: Vec<&str> = plan.cells.iter().map(|c| c.value.as_str()).collect();
        let c_hlcs: Vec<String> = plan.cells.iter().map(|c| c.hlc.to_string()).collect();
        let c_bases: Vec<Option<String>> = plan.cells.iter().map(|c| c.base.map(|b| b.to_string())).collect();
        let c_seqs = plan.cells.iter().map(|c| to_i64(c.seq)).collect::<StorageResult<Vec<i64>>>()?;
        let (n_tables, n_rows, n_columns) =
            split_keys(plan.notices.iter().map(|n| (&n.key.table, &n.key.row, &n.key.column)));
        let n_seqs = plan.notices.iter().map(|n| to_i64(n.seq)).collect::<StorageResult<Vec<i64>>>()?;
        let n_nodes: Vec<String> = plan.notices.iter().map(|n| n.node.to_string()).collect();
        let n_values: Vec<&str> = plan.notices.iter().map(|n| n.value.as_str()).collect();
        let n_hlcs: Vec<String> = plan.notices.iter().map(|n| n.hlc.to_string()).collect();
        let n_winners: Vec<String> = plan.notices.iter().map(|n| n.winner.to_string()).collect();
        let (a_tables, a_rows, a_columns) =
            split_keys(plan.audit.iter().map(|(_, a)| (&a.key.table, &a.key.row, &a.key.column)));
        let a_at = plan.audit.iter().map(|(i, _)| to_i64(jobs[*i].now_ms)).collect::<StorageResult<Vec<i64>>>()?;
        let a_emails: Vec<&str> = plan.audit.iter().map(|(i, _)| jobs[*i].pusher.email.as_str()).collect();
        let a_devices: Vec<&str> = plan.audit.iter().map(|(i, _)| jobs[*i].pusher.device_id.as_str()).collect();
        let a_hlcs: Vec<String> = plan.audit.iter().map(|(_, a)| a.hlc.to_string()).collect();
        let a_outcomes: Vec<&str> = plan.audit.iter().map(|(_, a)| a.outcome.as_str()).collect();
        let k_nodes: Vec<String> = plan.acks.iter().map(|(n, _)| n.to_string()).collect();
        let k_seqs = plan.acks.iter().map(|(_, s)| to_i64(*s)).collect::<StorageResult<Vec<i64>>>()?;
        let seq = to_i64(plan.seq)?;
        type Param<'a> = &'a (dyn tokio_postgres::types::ToSql + Sync);
        let cells: [Param; 8] = [&ws, &c_tables, &c_rows, &c_columns, &c_values, &c_hlcs, &c_bases, &c_seqs];
        let notices: [Param; 9] =
            [&ws, &n_seqs, &n_nodes, &n_tables, &n_rows, &n_columns, &n_values, &n_hlcs, &n_winners];
        let audit: [Param; 9] =
            [&ws, &a_at, &a_emails, &a_devices, &a_tables, &a_rows, &a_columns, &a_hlcs, &a_outcomes];
        let acks: [Param; 3] = [&ws, &k_nodes, &k_seqs];
        let seq_params: [Param; 2] = [&ws, &seq];
        tokio::try_join!(
            tx.execute(&self.cells, &cells),
            tx.execute(&self.notices, &notices),
            tx.execute(&self.audit, &audit),
            tx.execute(&self.acks, &acks),
            tx.execute(&self.seq, &seq_params),
        )
        .map_err(db)?;
        Ok(())
    }
}

/// Column arrays for `unnest`.
fn split_keys<'a>(
    keys: impl Iterator<Item = (&'a String, &'a String, &'a String)>,
) -> (Vec<&'a str>, Vec<&'a str>, Vec<&'a str>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for (t, r, c) in keys {
        out.0.push(t.as_str());
        out.1.push(r.as_str());
        out.2.push(c.as_str());
    }
    out
}
