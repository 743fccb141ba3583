//! Versioned schema migrations, kept in code.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Each migration runs in
//! its own transaction together with the version bump, so a crash mid-upgrade leaves the
//! database at the previous version, never half-migrated. Migrations are append-only:
//! never edit one that has shipped; add the next.

use rusqlite::{Connection, TransactionBehavior};

use super::Hooks;
use crate::{Error, Result};

/// Marks a file as Frontline's (`PRAGMA application_id`): "FRNT".
pub const APPLICATION_ID: i32 = 0x4652_4E54;

/// The migrations, in order. Index `i` upgrades version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: sync bookkeeping and workspace settings.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;

    -- The outbox: one row per changed column, in the transaction that changed it.
    CREATE TABLE change_log (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        hlc    TEXT NOT NULL,
        tbl    TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col    TEXT NOT NULL,
        value  ANY,
        pushed INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1))
    ) STRICT;
    CREATE INDEX change_log_unpushed ON change_log (pushed, seq);

    -- The newest stamp per column: what a merge compares an incoming change against.
    CREATE TABLE column_versions (
        tbl    TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col    TEXT NOT NULL,
        hlc    TEXT NOT NULL,
        PRIMARY KEY (tbl, row_id, col)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE workspace_settings (
        id                TEXT PRIMARY KEY NOT NULL,
        organisation_name TEXT,
        time_zone         TEXT,
        working_hours     TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        deleted_at        TEXT
    ) STRICT;
    "#,
    // 2: per-device preferences (language, theme), kept apart from the team's settings.
    r#"
    CREATE TABLE device_preferences (
        id         TEXT PRIMARY KEY NOT NULL,
        language   TEXT,
        theme      TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    "#,
    // 3: case management — customers, agents, teams, cases, their timeline, SLA policies,
    // holidays, saved views and full-text search.
    //
    // No REFERENCES between synced tables: a merge may bring a case before its customer,
    // and must never fail for it. `core` checks ids when it writes.
    r#"
    CREATE TABLE customers (
        id         TEXT PRIMARY KEY NOT NULL,
        name       TEXT NOT NULL,
        company    TEXT NOT NULL DEFAULT '',
        email      TEXT NOT NULL DEFAULT '',
        phone      TEXT NOT NULL DEFAULT '',
        tier       TEXT NOT NULL DEFAULT 'standard',
        notes      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX customers_name ON customers (name COLLATE NOCASE);

    CREATE TABLE teams (
        id         TEXT PRIMARY KEY NOT NULL,
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;

    CREATE TABLE agents (
        id         TEXT PRIMARY KEY NOT NULL,
        name       TEXT NOT NULL,
        email      TEXT NOT NULL DEFAULT '',
        team_id    TEXT,
        role       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;

    CREATE TABLE cases (
        id                    TEXT PRIMARY KEY NOT NULL,
        ref                   TEXT NOT NULL,
        title                 TEXT NOT NULL,
        description           TEXT NOT NULL DEFAULT '',
        customer_id           TEXT,
        channel               TEXT NOT NULL,
        category              TEXT NOT NULL DEFAULT '',
        priority              TEXT NOT NULL,
        status                TEXT NOT NULL,
        assignee_id           TEXT,
        team_id               TEXT,
        escalation_department TEXT,
        escalation_level      INTEGER,
        escalation_reason     TEXT,
        tags                  TEXT NOT NULL DEFAULT '[]',
        root_cause            TEXT,
        resolution_summary    TEXT,
        first_response_at     TEXT,
        resolved_at           TEXT,
        callback_due_at       TEXT,
        callback_done_at      TEXT,
        callback_outcome      TEXT,
        csat                  INTEGER,
        nps                   INTEGER,
        satisfaction_comment  TEXT,
        handle_seconds        INTEGER NOT NULL DEFAULT 0,
        -- Caches of derived SLA due times, for queue queries; the truth is the timeline.
        first_response_due_at TEXT,
        resolution_due_at     TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL,
        deleted_at            TEXT
    ) STRICT;
    CREATE UNIQUE INDEX cases_ref ON cases (ref);
    CREATE INDEX cases_created ON cases (created_at DESC, id DESC) WHERE deleted_at IS NULL;
    CREATE INDEX cases_status_created ON cases (status, created_at DESC) WHERE deleted_at IS NULL;
    CREATE INDEX cases_assignee_created ON cases (assignee_id, created_at DESC) WHERE deleted_at IS NULL;
    CREATE INDEX cases_customer ON cases (customer_id) WHERE deleted_at IS NULL;
    CREATE INDEX cases_resolution_due ON cases (resolution_due_at) WHERE deleted_at IS NULL;
    CREATE INDEX cases_callback_due ON cases (callback_due_at)
        WHERE deleted_at IS NULL AND callback_due_at IS NOT NULL AND callback_done_at IS NULL;

    -- Append-only: rows are inserted, never updated (corrections are new events).
    CREATE TABLE case_events (
        id         TEXT PRIMARY KEY NOT NULL,
        case_id    TEXT NOT NULL,
        at         TEXT NOT NULL,
        kind       TEXT NOT NULL,
        data       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX case_events_case ON case_events (case_id, at);

    CREATE TABLE sla_policies (
        id                     TEXT PRIMARY KEY NOT NULL,
        name                   TEXT NOT NULL,
        priority               TEXT NOT NULL,
        tier                   TEXT,
        category               TEXT,
        first_response_minutes INTEGER,
        resolution_minutes     INTEGER,
        business_hours         INTEGER NOT NULL DEFAULT 1,
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL,
        deleted_at             TEXT
    ) STRICT;

    CREATE TABLE holidays (
        id         TEXT PRIMARY KEY NOT NULL,
        date       TEXT NOT NULL,
        name       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;

    -- Who the person at this device is, for "My cases".
    ALTER TABLE device_preferences ADD COLUMN me_agent_id TEXT;

    -- Saved list views belong to the person at this device; not synced.
    CREATE TABLE saved_views (
        id         TEXT PRIMARY KEY NOT NULL,
        name       TEXT NOT NULL,
        query      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;

    -- Full-text search over title, description and notes. Trigram tokens find Chinese
    -- (no word breaks) as well as English substrings of 3+ characters; shorter queries use
    -- LIKE on the same table. Kept current by triggers, so merged rows are indexed too.
    CREATE VIRTUAL TABLE cases_fts USING fts5 (title, body, tokenize = 'trigram');
    CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN
        INSERT INTO cases_fts (rowid, title, body) VALUES (new.rowid, new.title, new.description);
    END;
    CREATE TRIGGER cases_fts_update AFTER UPDATE OF title, description ON cases BEGIN
        UPDATE cases_fts SET title = new.title,
            body = new.description || coalesce(char(10) || (
                SELECT group_concat(json_extract(e.data, '$.text'), char(10)) FROM case_events e
                WHERE e.case_id = new.id AND e.kind = 'note' AND e.deleted_at IS NULL), '')
        WHERE rowid = new.rowid;
    END;
    CREATE TRIGGER cases_fts_note AFTER INSERT ON case_events WHEN new.kind = 'note' BEGIN
        UPDATE cases_fts SET body = body || char(10) || json_extract(new.data, '$.text')
        WHERE rowid = (SELECT rowid FROM cases WHERE id = new.case_id);
    END;
    "#,
    // 4: indexes for the two slow supervisor questions at 100k cases — "what needs me
    // now?" (Breaching) and "find 退款" (one- and two-character search).
    r#"
    -- When an active case next needs attention: its unmet first-response due time or, unless
    -- waiting on the customer, its resolution due time. NULL for finished cases, so the
    -- partial index holds only the few thousand live ones.
    ALTER TABLE cases ADD COLUMN attention_due_at TEXT GENERATED ALWAYS AS (
        CASE WHEN deleted_at IS NULL AND status NOT IN ('resolved', 'closed') THEN nullif(min(
            coalesce(first_response_due_at, '~'),
            CASE WHEN status = 'pending_customer' THEN '~' ELSE coalesce(resolution_due_at, '~') END
        ), '~') END
    ) VIRTUAL;
    CREATE INDEX cases_attention ON cases (attention_due_at) WHERE attention_due_at IS NOT NULL;

    -- One- and two-character grams of each case's searchable text (see cases/grams.rs):
    -- rowid lists only, no positions or content.
    CREATE VIRTUAL TABLE cases_grams USING fts5 (
        grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
    );
    INSERT INTO cases_grams (rowid, grams) SELECT rowid, fl_grams(title || char(10) || body) FROM cases_fts;

    -- What search reads of a case: its title, and its description followed by its notes.
    CREATE VIEW case_search_text AS
        SELECT c.rowid AS rid, c.title AS title, c.description || coalesce(char(10) || (
            SELECT group_concat(json_extract(e.data, '$.text'), char(10)) FROM case_events e
            WHERE e.case_id = c.id AND e.kind = 'note' AND e.deleted_at IS NULL), '') AS body
        FROM cases c;

    -- While a bulk load (demo data, later imports) runs, cases above this rowid are indexed
    -- once at its end instead of row by row: FTS5 flushes its pending terms at every
    -- statement that touches it, which made indexing a quarter of a bulk load. Empty
    -- outside such a load, and only ever filled inside its transaction.
    CREATE TABLE search_deferred (after_rowid INTEGER NOT NULL) STRICT;

    -- The triggers update the trigram row first and derive the grams from it, so the two
    -- indexes cannot disagree.
    DROP TRIGGER cases_fts_insert;
    DROP TRIGGER cases_fts_update;
    DROP TRIGGER cases_fts_note;
    CREATE TRIGGER cases_search_insert AFTER INSERT ON cases
    WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE new.rowid > after_rowid) BEGIN
        INSERT INTO cases_fts (rowid, title, body) VALUES (new.rowid, new.title, new.description);
        INSERT INTO cases_grams (rowid, grams) VALUES (new.rowid, fl_grams(new.title || char(10) || new.description));
    END;
    CREATE TRIGGER cases_search_update AFTER UPDATE OF title, description ON cases
    WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE new.rowid > after_rowid) BEGIN
        UPDATE cases_fts SET (title, body) = (SELECT title, body FROM case_search_text WHERE rid = new.rowid)
        WHERE rowid = new.rowid;
        DELETE FROM cases_grams WHERE rowid = new.rowid;
        INSERT INTO cases_grams (rowid, grams)
            SELECT rowid, fl_grams(title || char(10) || body) FROM cases_fts WHERE rowid = new.rowid;
    END;
    CREATE TRIGGER cases_search_note AFTER INSERT ON case_events
    WHEN new.kind = 'note' AND NOT EXISTS (
        SELECT 1 FROM search_deferred d, cases c WHERE c.id = new.case_id AND c.rowid > d.after_rowid) BEGIN
        UPDATE cases_fts SET body = body || char(10) || json_extract(new.data, '$.text')
        WHERE rowid = (SELECT rowid FROM cases WHERE id = new.case_id);
        DELETE FROM cases_grams WHERE rowid = (SELECT rowid FROM cases WHERE id = new.case_id);
        INSERT INTO cases_grams (rowid, grams)
            SELECT rowid, fl_grams(title || char(10) || body) FROM cases_fts
            WHERE rowid = (SELECT rowid FROM cases WHERE id = new.case_id);
    END;
    "#,
    // 5: sync. Every synced column now declares how it merges (store/schema.rs): the
    // timeline's facts (status, escalation, resolution, call-back, satisfaction, handle
    // time, first response) are derived from the events on every device instead of being
    // registers two devices could each overwrite, and so are the due-time caches; tags
    // become a set of rows. The outbox keeps only what a signed-in device has still to
    // push (a device's whole state is published when it first signs in), so the old
    // change log — every column ever written, derived ones included — goes.
    r#"
    DROP INDEX change_log_unpushed;
    DROP TABLE change_log;
    CREATE TABLE outbox (
        seq    INTEGER PRIMARY KEY AUTOINCREMENT,
        hlc    TEXT NOT NULL,
        tbl    TEXT NOT NULL,
        row_id TEXT NOT NULL,
        -- '' for a whole append-only row, whose value is the JSON object of its columns.
        col    TEXT NOT NULL,
        value  ANY,
        base   TEXT
    ) STRICT;

    -- The newest foreign stamp the writer had seen (sync::merge), for conflicts.
    ALTER TABLE column_versions ADD COLUMN base TEXT;
    DELETE FROM column_versions WHERE tbl = 'cases' AND col IN ('status', 'escalation_department',
        'escalation_level', 'escalation_reason', 'tags', 'root_cause', 'resolution_summary',
        'first_response_at', 'resolved_at', 'callback_due_at', 'callback_done_at', 'callback_outcome',
        'csat', 'nps', 'satisfaction_comment', 'handle_seconds', 'first_response_due_at', 'resolution_due_at');
    DELETE FROM column_versions WHERE col = 'updated_at';

    -- References are unique per device by construction and across devices by the
    -- server's device codes; two minted before signing in may still clash, and a pulled
    -- case must never fail to apply for it: they are relabelled (cases/store.rs).
    DROP INDEX cases_ref;
    CREATE INDEX cases_ref ON cases (ref);

    -- When the case's latest event happened: a local action's event never sorts before it.
    ALTER TABLE cases ADD COLUMN last_event_at TEXT;
    UPDATE cases SET last_event_at = (SELECT max(e.at) FROM case_events e WHERE e.case_id = cases.id);

    -- A case's tags: one row per (case, tag), its id made from both, so two devices adding
    -- the same tag offline make the same row; `present` is the element's own register.
    CREATE TABLE case_tags (
        id         TEXT PRIMARY KEY NOT NULL,
        case_id    TEXT NOT NULL,
        tag        TEXT NOT NULL,
        present    INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX case_tags_case ON case_tags (case_id);
    INSERT INTO case_tags (id, case_id, tag, present, created_at, updated_at)
        SELECT fl_member_id(c.id, j.value), c.id, j.value, 1, c.updated_at, c.updated_at
        FROM cases c, json_each(c.tags) j;

    -- Values of this device that lost to a concurrent edit elsewhere, for the supervisor to
    -- review (kind 'value'), and SLA policies two devices created for the same scope
    -- ('duplicate', other_row naming the other policy). Local to this device.
    CREATE TABLE sync_conflicts (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL CHECK (kind IN ('value', 'duplicate')),
        tbl         TEXT NOT NULL,
        row_id      TEXT NOT NULL,
        col         TEXT NOT NULL,
        mine        ANY,
        mine_hlc    TEXT NOT NULL,
        theirs_hlc  TEXT NOT NULL,
        other_row   TEXT,
        found_at    TEXT NOT NULL,
        resolved_at TEXT,
        resolution  TEXT CHECK (resolution IN ('kept_mine', 'accepted_theirs')),
        UNIQUE (tbl, row_id, col, mine_hlc)
    ) STRICT;
    CREATE INDEX sync_conflicts_open ON sync_conflicts (found_at) WHERE resolved_at IS NULL;

    -- Changes pulled from a newer Frontline that this version has no table or column for:
    -- kept, never dropped, and applied once an update knows them.
    CREATE TABLE sync_parked (
        tbl    TEXT NOT NULL,
        row_id TEXT NOT NULL,
        col    TEXT NOT NULL,
        value  ANY,
        hlc    TEXT NOT NULL,
        base   TEXT,
        PRIMARY KEY (tbl, row_id, col)
    ) STRICT, WITHOUT ROWID;

    -- Demo data: the rows each demo run inserted, by table and rowid range, so a database
    -- that holds demo data can say so and clear exactly that before it joins a team.
    CREATE TABLE demo_rows (
        tbl         TEXT NOT NULL,
        first_rowid INTEGER NOT NULL,
        last_rowid  INTEGER NOT NULL
    ) STRICT;
    "#,
    // Calendars as teams keep them: split shifts live in the working-hours JSON; a date
    // may be a make-up working day (worked with a chosen weekday's hours) as well as a
    // holiday; a team may count in its own calendar (time zone, hours, days).
    r#"
    ALTER TABLE holidays ADD COLUMN kind TEXT NOT NULL DEFAULT 'holiday';
    ALTER TABLE holidays ADD COLUMN works_as TEXT;
    ALTER TABLE holidays ADD COLUMN calendar_id TEXT;
    CREATE INDEX holidays_calendar ON holidays (calendar_id, date) WHERE deleted_at IS NULL;
    CREATE TABLE calendars (
        id            TEXT PRIMARY KEY NOT NULL,
        name          TEXT NOT NULL,
        time_zone     TEXT NOT NULL,
        working_hours TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
    ) STRICT;
    ALTER TABLE teams ADD COLUMN calendar_id TEXT;
    "#,
    // 7: the Cases page's counts, maintained instead of counted. How many cases each queue
    // holds (all, unassigned, escalated, VIP, awaiting call-back, per assignee for "My
    // cases") and which categories and tags are in use, kept current by triggers on every
    // write to a case or a customer's tier — a local action, a bulk action or its undo, a
    // pulled sync page, demo data and its removal alike — so reading them costs a lookup in
    // a table of a few hundred rows, not a scan of 100,000 cases. Derived and local: not a
    // table of the write path, so never in the outbox and never synced (each device counts
    // its own rows). "Breaching" depends on the time and is counted from the small
    // `cases_attention` index instead (cases/counts.rs).
    //
    // What one case contributes: `case_count_keys` (also used to fill the table here, and by
    // a bulk load, which counts the cases it created once at its end: the triggers skip
    // rows above `search_deferred.after_rowid` as the search triggers do).
    r#"
    CREATE TABLE case_counts (
        kind TEXT NOT NULL,
        key  TEXT NOT NULL,
        n    INTEGER NOT NULL,
        PRIMARY KEY (kind, key)
    ) STRICT, WITHOUT ROWID;

    CREATE VIEW case_count_keys AS
        SELECT c.rowid AS rid, 'all' AS kind, '' AS key FROM cases c WHERE c.deleted_at IS NULL
        UNION ALL SELECT c.rowid, 'unassigned', '' FROM cases c
            -- `+`: a bulk load's `rid >` range, not the assignee index, picks the rows.
            WHERE c.deleted_at IS NULL AND c.status NOT IN ('resolved', 'closed') AND +c.assignee_id IS NULL
        UNION ALL SELECT c.rowid, 'escalated', '' FROM cases c
            WHERE c.deleted_at IS NULL AND c.escalation_department IS NOT NULL
        UNION ALL SELECT c.rowid, 'vip', '' FROM cases c
            WHERE c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM customers cu WHERE cu.id = c.customer_id AND cu.tier = 'vip')
        UNION ALL SELECT c.rowid, 'awaiting_callback', '' FROM cases c
            WHERE c.deleted_at IS NULL AND c.callback_due_at IS NOT NULL AND c.callback_done_at IS NULL
        UNION ALL SELECT c.rowid, 'assignee', c.assignee_id FROM cases c
            WHERE c.deleted_at IS NULL AND c.assignee_id IS NOT NULL
        UNION ALL SELECT c.rowid, 'category', c.category FROM cases c WHERE c.deleted_at IS NULL AND c.category <> ''
        UNION ALL SELECT c.rowid, 'tag', j.value FROM cases c, json_each(c.tags) j WHERE c.deleted_at IS NULL;

    INSERT INTO case_counts (kind, key, n) SELECT kind, key, count(*) FROM case_count_keys GROUP BY kind, key;

    -- The few tombstoned cases, which the search indexes still hold: a search's count
    -- subtracts them without reading the rows of its matches (cases/query.rs).
    CREATE INDEX cases_tombstoned ON cases (deleted_at) WHERE deleted_at IS NOT NULL;

    CREATE TRIGGER case_counts_insert AFTER INSERT ON cases
    WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_deferred WHERE new.rowid > after_rowid) BEGIN
        INSERT INTO case_counts (kind, key, n) SELECT kind, key, 1 FROM (
            SELECT 'all' AS kind, '' AS key
            UNION ALL SELECT 'unassigned', '' WHERE new.status NOT IN ('resolved', 'closed') AND new.assignee_id IS NULL
            UNION ALL SELECT 'escalated', '' WHERE new.escalation_department IS NOT NULL
            UNION ALL SELECT 'vip', '' WHERE EXISTS (SELECT 1 FROM customers WHERE id = new.customer_id AND tier = 'vip')
            UNION ALL SELECT 'awaiting_callback', '' WHERE new.callback_due_at IS NOT NULL AND new.callback_done_at IS NULL
            UNION ALL SELECT 'assignee', new.assignee_id WHERE new.assignee_id IS NOT NULL
            UNION ALL SELECT 'category', new.category WHERE new.category <> ''
            UNION ALL SELECT 'tag', value FROM json_each(new.tags)
        ) WHERE true ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;
    END;

    CREATE TRIGGER case_counts_update AFTER UPDATE OF deleted_at, status, assignee_id, escalation_department,
        customer_id, callback_due_at, callback_done_at, category, tags ON cases
    WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE new.rowid > after_rowid) BEGIN
        INSERT INTO case_counts (kind, key, n) SELECT kind, key, -1 FROM (
            SELECT 'all' AS kind, '' AS key
            UNION ALL SELECT 'unassigned', '' WHERE old.status NOT IN ('resolved', 'closed') AND old.assignee_id IS NULL
            UNION ALL SELECT 'escalated', '' WHERE old.escalation_department IS NOT NULL
            UNION ALL SELECT 'vip', '' WHERE EXISTS (SELECT 1 FROM customers WHERE id = old.customer_id AND tier = 'vip')
            UNION ALL SELECT 'awaiting_callback', '' WHERE old.callback_due_at IS NOT NULL AND old.callback_done_at IS NULL
            UNION ALL SELECT 'assignee', old.assignee_id WHERE old.assignee_id IS NOT NULL
            UNION ALL SELECT 'category', old.category WHERE old.category <> ''
            UNION ALL SELECT 'tag', value FROM json_each(old.tags)
        ) WHERE old.deleted_at IS NULL ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;
        INSERT INTO case_counts (kind, key, n) SELECT kind, key, 1 FROM (
            SELECT 'all' AS kind, '' AS key
            UNION ALL SELECT 'unassigned', '' WHERE new.status NOT IN ('resolved', 'closed') AND new.assignee_id IS NULL
            UNION ALL SELECT 'escalated', '' WHERE new.escalation_department IS NOT NULL
            UNION ALL SELECT 'vip', '' WHERE EXISTS (SELECT 1 FROM customers WHERE id = new.customer_id AND tier = 'vip')
            UNION ALL SELECT 'awaiting_callback', '' WHERE new.callback_due_at IS NOT NULL AND new.callback_done_at IS NULL
            UNION ALL SELECT 'assignee', new.assignee_id WHERE new.assignee_id IS NOT NULL
            UNION ALL SELECT 'category', new.category WHERE new.category <> ''
            UNION ALL SELECT 'tag', value FROM json_each(new.tags)
        ) WHERE new.deleted_at IS NULL ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;
    END;

    CREATE TRIGGER case_counts_delete AFTER DELETE ON cases
    WHEN old.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_deferred WHERE old.rowid > after_rowid) BEGIN
        INSERT INTO case_counts (kind, key, n) SELECT kind, key, -1 FROM (
            SELECT 'all' AS kind, '' AS key
            UNION ALL SELECT 'unassigned', '' WHERE old.status NOT IN ('resolved', 'closed') AND old.assignee_id IS NULL
            UNION ALL SELECT 'escalated', '' WHERE old.escalation_department IS NOT NULL
            UNION ALL SELECT 'vip', '' WHERE EXISTS (SELECT 1 FROM customers WHERE id = old.customer_id AND tier = 'vip')
            UNION ALL SELECT 'awaiting_callback', '' WHERE old.callback_due_at IS NOT NULL AND old.callback_done_at IS NULL
            UNION ALL SELECT 'assignee', old.assignee_id WHERE old.assignee_id IS NOT NULL
            UNION ALL SELECT 'category', old.category WHERE old.category <> ''
            UNION ALL SELECT 'tag', value FROM json_each(old.tags)
        ) WHERE true ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;
    END;

    -- A customer becoming VIP (or no longer) moves all their cases in or out of the queue;
    -- cases a bulk load has not counted yet are left to it.
    CREATE TRIGGER case_counts_customer_tier AFTER UPDATE OF tier ON customers
    WHEN (old.tier = 'vip') <> (new.tier = 'vip') BEGIN
        INSERT INTO case_counts (kind, key, n)
            SELECT 'vip', '', CASE WHEN new.tier = 'vip' THEN count(*) ELSE -count(*) END FROM cases c
            WHERE c.customer_id = new.id AND c.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM search_deferred d WHERE c.rowid > d.after_rowid)
            ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;
    END;
    CREATE TRIGGER case_counts_customer_insert AFTER INSERT ON customers WHEN new.tier = 'vip' BEGIN
        INSERT INTO case_counts (kind, key, n)
            SELECT 'vip', '', count(*) FROM cases c
            WHERE c.customer_id = new.id AND c.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM search_deferred d WHERE c.rowid > d.after_rowid)
            ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;
    END;
    CREATE TRIGGER case_counts_customer_delete AFTER DELETE ON customers WHEN old.tier = 'vip' BEGIN
        INSERT INTO case_counts (kind, key, n)
            SELECT 'vip', '', -count(*) FROM cases c
            WHERE c.customer_id = old.id AND c.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM search_deferred d WHERE c.rowid > d.after_rowid)
            ON CONFLICT (kind, key) DO UPDATE SET n = n + excluded.n;
    END;
    "#,
    // 8: imports. A case keeps its id in the helpdesk it was imported from (a register set
    // when the case is created, as `ref` is), so importing the same file again skips the
    // cases it already made; and each source's column mapping is kept on this device.
    r#"
    ALTER TABLE cases ADD COLUMN external_id TEXT;
    CREATE INDEX cases_external_id ON cases (external_id) WHERE external_id IS NOT NULL;
    CREATE TABLE import_mappings (
        id         TEXT PRIMARY KEY NOT NULL,
        source     TEXT NOT NULL,
        mapping    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    "#,
    // 9: the voice of the customer (voc/): the team's customer-journey stages, a case's
    // stage, feedback entries that are not cases with their themes, and insights for
    // other departments with their evidence.
    //
    // The seven built-in stages get fixed ids (made from their keys) and fixed versions, so
    // every device has the same rows before it ever syncs, and editing one on two devices
    // merges per column.
    r#"
    CREATE TABLE journey_stages (
        id         TEXT PRIMARY KEY NOT NULL,
        key        TEXT NOT NULL DEFAULT '',
        name       TEXT NOT NULL DEFAULT '',
        position   INTEGER NOT NULL DEFAULT 0,
        retired    INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    INSERT INTO journey_stages (id, key, position, created_at, updated_at)
        SELECT fl_member_id('journey_stages', j.value), j.value, j.key + 1,
               '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
        FROM json_each('["awareness","purchase","onboarding","use","billing","renewal","cancellation"]') j;
    -- Their cells carry one fixed version (2026-01-01, node 0), the same on every device:
    -- publishing them at sign-in sends what every other device already holds, so nothing
    -- is newer and nothing is a conflict, while any real edit is newer than it.
    INSERT INTO column_versions (tbl, row_id, col, hlc)
        SELECT 'journey_stages', s.id, c.value, '0001767225600000-0000-0000000000000000'
        FROM journey_stages s, json_each('["key","name","position","retired","created_at"]') c;

    ALTER TABLE cases ADD COLUMN journey_stage_id TEXT;
    CREATE INDEX cases_journey_stage ON cases (journey_stage_id, created_at)
        WHERE deleted_at IS NULL AND journey_stage_id IS NOT NULL;

    CREATE TABLE feedback (
        id               TEXT PRIMARY KEY NOT NULL,
        received_on      TEXT NOT NULL DEFAULT '',
        source           TEXT NOT NULL DEFAULT 'comment',
        sentiment        TEXT NOT NULL DEFAULT 'neutral',
        customer_id      TEXT,
        journey_stage_id TEXT,
        csat             INTEGER,
        text             TEXT NOT NULL DEFAULT '',
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        deleted_at       TEXT
    ) STRICT;
    CREATE INDEX feedback_received ON feedback (received_on DESC, id DESC) WHERE deleted_at IS NULL;

    CREATE TABLE feedback_themes (
        id          TEXT PRIMARY KEY NOT NULL,
        feedback_id TEXT NOT NULL,
        theme       TEXT NOT NULL,
        present     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
    ) STRICT;
    CREATE INDEX feedback_themes_feedback ON feedback_themes (feedback_id);
    CREATE INDEX feedback_themes_theme ON feedback_themes (theme) WHERE present = 1 AND deleted_at IS NULL;

    CREATE TABLE insights (
        id               TEXT PRIMARY KEY NOT NULL,
        title            TEXT NOT NULL DEFAULT '',
        finding          TEXT NOT NULL DEFAULT '',
        department       TEXT NOT NULL DEFAULT 'other',
        requested_change TEXT NOT NULL DEFAULT '',
        status           TEXT NOT NULL DEFAULT 'proposed',
        review_on        TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        deleted_at       TEXT
    ) STRICT;

    CREATE TABLE insight_evidence (
        id          TEXT PRIMARY KEY NOT NULL,
        insight_id  TEXT NOT NULL,
        case_id     TEXT,
        feedback_id TEXT,
        present     INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
    ) STRICT;
    CREATE INDEX insight_evidence_insight ON insight_evidence (insight_id);
    "#,
    // 10: each case's KPI facts (kpi/facts.rs), kept instead of worked out from every
    // timeline on every dashboard: its business-time first response and resolution, SLA
    // outcome, status history, responses and the row's own facts, as far as its timeline
    // has settled them. Derived and local like `case_counts`: not a table of the write
    // path, so never in the outbox; refreshed by derivations.rs after every local write and
    // every applied sync batch. One row per live case, keyed by the case's rowid: a
    // dashboard with no filter reads this table alone.
    //
    // `created` and `relevant_until` are what a dashboard selects on (Unix milliseconds):
    // a pair of periods `[start, end)` needs a case created before `end` whose
    // `relevant_until` — the latest of its creation, resolution and call-back times, NULL
    // while it is worked on or awaits its call-back — is NULL or at or after `start`.
    // `record` is the rest (facts/codec.rs). Names are kept once in `kpi_names`.
    //
    // The facts are worked out for every case in this migration's transaction (or the last
    // one of the upgrade, by Hooks::migrated), so no dashboard ever reads a half-filled
    // table.
    r#"
    CREATE TABLE case_kpi_facts (
        case_rowid     INTEGER PRIMARY KEY,
        created        INTEGER NOT NULL,
        relevant_until INTEGER,
        record         BLOB NOT NULL
    ) STRICT;
    CREATE TABLE kpi_names (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    ) STRICT;

    -- A case deleted (a tombstone, or demo data cleared) leaves no facts behind, whoever
    -- deleted it.
    CREATE TRIGGER case_kpi_facts_tombstone AFTER UPDATE OF deleted_at ON cases
    WHEN new.deleted_at IS NOT NULL BEGIN
        DELETE FROM case_kpi_facts WHERE case_rowid = new.rowid;
    END;
    CREATE TRIGGER case_kpi_facts_delete AFTER DELETE ON cases BEGIN
        DELETE FROM case_kpi_facts WHERE case_rowid = old.rowid;
    END;

    INSERT INTO meta (key, value) VALUES ('kpi_facts_refill', '1');
    "#,
    // 11: the same indexes, smaller. A timeline is read a case at a time (ten-odd rows,
    // sorted in memory), so its index needs the case alone: `at` beside every one of a
    // million case ids took a quarter of it. The creation-time indexes ascend: SQLite
    // reads an index either way, and cases arrive in time order, so new entries go at the
    // end of an ascending index, which fills its pages, where a descending one split its
    // first page on every insert and left them half empty.
    r#"
    DROP INDEX case_events_case;
    CREATE INDEX case_events_case ON case_events (case_id);
    DROP INDEX cases_created;
    CREATE INDEX cases_created ON cases (created_at, id) WHERE deleted_at IS NULL;
    DROP INDEX cases_status_created;
    CREATE INDEX cases_status_created ON cases (status, created_at) WHERE deleted_at IS NULL;
    DROP INDEX cases_assignee_created;
    CREATE INDEX cases_assignee_created ON cases (assignee_id, created_at) WHERE deleted_at IS NULL;
    "#,
    // 12: training (training/). The agents cases are assigned to become the roster: an
    // employee id, a hire date and a leaving date (empty while active); their `role` names
    // a row of `roles`, a list the team edits, seeded as the journey stages are (fixed ids
    // and versions, so every device holds the same built-in rows). Courses, and training
    // records: append-only completions (merged by union), each of one agent and one
    // course, entered directly or — later — earned in a session (`session_id`).
    r#"
    ALTER TABLE agents ADD COLUMN employee_id TEXT NOT NULL DEFAULT '';
    ALTER TABLE agents ADD COLUMN hired_on TEXT;
    ALTER TABLE agents ADD COLUMN left_on TEXT;
    CREATE INDEX agents_employee_id ON agents (employee_id COLLATE NOCASE) WHERE employee_id <> '' AND deleted_at IS NULL;

    CREATE TABLE roles (
        id         TEXT PRIMARY KEY NOT NULL,
        key        TEXT NOT NULL DEFAULT '',
        name       TEXT NOT NULL DEFAULT '',
        position   INTEGER NOT NULL DEFAULT 0,
        retired    INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    INSERT INTO roles (id, key, position, created_at, updated_at)
        SELECT fl_member_id('roles', j.value), j.value, j.key + 1,
               '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
        FROM json_each('["agent","senior_agent","team_lead","qa"]') j;
    INSERT INTO column_versions (tbl, row_id, col, hlc)
        SELECT 'roles', r.id, c.value, '0001767225600000-0000-0000000000000000'
        FROM roles r, json_each('["key","name","position","retired","created_at"]') c;

    CREATE TABLE courses (
        id               TEXT PRIMARY KEY NOT NULL,
        title            TEXT NOT NULL DEFAULT '',
        topic            TEXT NOT NULL DEFAULT 'other',
        mode             TEXT NOT NULL DEFAULT 'classroom',
        duration_minutes INTEGER NOT NULL DEFAULT 0,
        validity_months  INTEGER,
        pass_mark        INTEGER,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        deleted_at       TEXT
    ) STRICT;

    CREATE TABLE training_records (
        id           TEXT PRIMARY KEY NOT NULL,
        agent_id     TEXT NOT NULL,
        course_id    TEXT NOT NULL,
        completed_on TEXT NOT NULL,
        score        INTEGER,
        session_id   TEXT,
        issuer       TEXT NOT NULL DEFAULT '',
        note         TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT
    ) STRICT;
    CREATE INDEX training_records_agent ON training_records (agent_id, completed_on);
    CREATE INDEX training_records_course ON training_records (course_id);
    "#,
    // Training requirements and exemptions (training/requirements.rs). A requirement is
    // what a role must (or should) take of a course, with the grace days a new hire has;
    // its id is made from (role, course), so two devices setting the same pair offline
    // write one row, last writer winning. An exemption is an element of an agent's set of
    // exempt courses, its id made from (agent, course), present 1 or 0. Compliance itself
    // is derived on read (training/compliance.rs), never stored.
    r#"
    CREATE TABLE training_requirements (
        id         TEXT PRIMARY KEY NOT NULL,
        role_id    TEXT NOT NULL DEFAULT '',
        course_id  TEXT NOT NULL DEFAULT '',
        level      TEXT NOT NULL DEFAULT 'none',
        grace_days INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;

    CREATE TABLE training_exemptions (
        id         TEXT PRIMARY KEY NOT NULL,
        agent_id   TEXT NOT NULL DEFAULT '',
        course_id  TEXT NOT NULL DEFAULT '',
        reason     TEXT NOT NULL DEFAULT '',
        present    INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX training_exemptions_agent ON training_exemptions (agent_id);
    "#,
    // Contingency plans (issue 18): plans and their steps are registers; a step's place
    // in its phase is a sortable text key, so two devices reordering offline merge per
    // step. Published versions, runs and what happens in a run are append-only events:
    // a run's checklist, log and score are derived from them.
    r#"
    CREATE TABLE plans (
        id          TEXT PRIMARY KEY NOT NULL,
        title       TEXT NOT NULL DEFAULT '',
        scenario    TEXT NOT NULL DEFAULT 'other',
        severity    TEXT NOT NULL DEFAULT 'medium',
        owner       TEXT NOT NULL DEFAULT '',
        review_days INTEGER NOT NULL DEFAULT 365,
        drill_days  INTEGER NOT NULL DEFAULT 180,
        triggers    TEXT NOT NULL DEFAULT '',
        thresholds  TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
    ) STRICT;

    CREATE TABLE plan_steps (
        id             TEXT PRIMARY KEY NOT NULL,
        plan_id        TEXT NOT NULL DEFAULT '',
        phase          TEXT NOT NULL DEFAULT 'response',
        position       TEXT NOT NULL DEFAULT '',
        text           TEXT NOT NULL DEFAULT '',
        owner_role     TEXT NOT NULL DEFAULT '',
        offset_minutes INTEGER NOT NULL DEFAULT 0,
        required       INTEGER NOT NULL DEFAULT 1,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        deleted_at     TEXT
    ) STRICT;
    CREATE INDEX plan_steps_plan ON plan_steps (plan_id, phase, position);

    CREATE TABLE plan_versions (
        id         TEXT PRIMARY KEY NOT NULL,
        plan_id    TEXT NOT NULL,
        content    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX plan_versions_plan ON plan_versions (plan_id, created_at);

    CREATE TABLE plan_runs (
        id         TEXT PRIMARY KEY NOT NULL,
        plan_id    TEXT NOT NULL,
        version_id TEXT NOT NULL,
        kind       TEXT NOT NULL,
        commander  TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX plan_runs_plan ON plan_runs (plan_id, started_at);

    CREATE TABLE run_events (
        id         TEXT PRIMARY KEY NOT NULL,
        run_id     TEXT NOT NULL,
        at         TEXT NOT NULL,
        kind       TEXT NOT NULL,
        step_id    TEXT,
        text       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX run_events_run ON run_events (run_id, at);
    "#,
    // Knowledge base (issue 19): categories, articles, their tags and case links (sets),
    // versions (events) and the search indexes over title and body (derived, kept by
    // triggers as cases' are, see search/).
    r#"
    CREATE TABLE kb_categories (
        id         TEXT PRIMARY KEY NOT NULL,
        name       TEXT NOT NULL DEFAULT '',
        parent_id  TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;

    CREATE TABLE articles (
        id          TEXT PRIMARY KEY NOT NULL,
        title       TEXT NOT NULL DEFAULT '',
        body        TEXT NOT NULL DEFAULT '',
        kind        TEXT NOT NULL DEFAULT 'other',
        category_id TEXT,
        owner       TEXT NOT NULL DEFAULT '',
        status      TEXT NOT NULL DEFAULT 'draft',
        review_on   TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
    ) STRICT;
    CREATE INDEX articles_category ON articles (category_id);

    CREATE TABLE article_tags (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL DEFAULT '',
        tag        TEXT NOT NULL DEFAULT '',
        present    INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_tags_article ON article_tags (article_id);
    CREATE INDEX article_tags_tag ON article_tags (tag) WHERE present = 1;

    CREATE TABLE article_cases (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL DEFAULT '',
        case_id    TEXT NOT NULL DEFAULT '',
        present    INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_cases_article ON article_cases (article_id);
    CREATE INDEX article_cases_case ON article_cases (case_id);

    CREATE TABLE article_versions (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL,
        kind       TEXT NOT NULL,
        title      TEXT NOT NULL DEFAULT '',
        body       TEXT NOT NULL DEFAULT '',
        author     TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_versions_article ON article_versions (article_id, created_at);

    CREATE VIRTUAL TABLE articles_fts USING fts5 (title, body, tokenize = 'trigram');
    CREATE VIRTUAL TABLE articles_grams USING fts5 (
        grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii'
    );
    CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
        INSERT INTO articles_grams (rowid, grams) VALUES (new.rowid, fl_grams(new.title || char(10) || new.body));
    END;
    CREATE TRIGGER articles_search_update AFTER UPDATE OF title, body ON articles BEGIN
        UPDATE articles_fts SET title = new.title, body = new.body WHERE rowid = new.rowid;
        DELETE FROM articles_grams WHERE rowid = new.rowid;
        INSERT INTO articles_grams (rowid, grams) VALUES (new.rowid, fl_grams(new.title || char(10) || new.body));
    END;
    CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.rowid;
        DELETE FROM articles_grams WHERE rowid = old.rowid;
    END;
    "#,
    // Training sessions (training/sessions.rs, issue 17 item 3): a course held on a day by
    // a trainer at a place, with capacity (registers). Enrolments are a set per session,
    // the id made from (session, agent), present 1 or 0, as exemptions; `attended` is a
    // register the attendance grid sets. Scores are training records with the session's
    // id (events); counts and pass/fail are derived on read, never stored.
    r#"
    CREATE TABLE training_sessions (
        id         TEXT PRIMARY KEY NOT NULL,
        course_id  TEXT NOT NULL DEFAULT '',
        held_on    TEXT NOT NULL DEFAULT '',
        trainer    TEXT NOT NULL DEFAULT '',
        place      TEXT NOT NULL DEFAULT '',
        capacity   INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX training_sessions_course ON training_sessions (course_id, held_on);

    CREATE TABLE training_enrolments (
        id         TEXT PRIMARY KEY NOT NULL,
        session_id TEXT NOT NULL DEFAULT '',
        agent_id   TEXT NOT NULL DEFAULT '',
        present    INTEGER NOT NULL DEFAULT 0,
        attended   INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX training_enrolments_session ON training_enrolments (session_id);
    CREATE INDEX training_records_session ON training_records (session_id) WHERE session_id IS NOT NULL;
    "#,
    // Knowledge base, read and acknowledge (issue 19): the roles asked to read a published
    // version, and agents' acknowledgements of versions — both append-only events; who is
    // outstanding is derived (knowledge/acks.rs).
    r#"
    CREATE TABLE article_read_requests (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        role_id    TEXT NOT NULL,
        author     TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_read_requests_article ON article_read_requests (article_id);

    CREATE TABLE article_acks (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL,
        version_id TEXT NOT NULL,
        agent_id   TEXT NOT NULL,
        acked_on   TEXT NOT NULL,
        author     TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_acks_article ON article_acks (article_id);
    CREATE INDEX article_acks_agent ON article_acks (agent_id);
    "#,
    // QA (issue 17): scorecards are a name (a register); their criteria are versions,
    // each the whole weighted list as an append-only event, so editing a scorecard never
    // changes a score given. An evaluation is an event too: its ratings, never edited,
    // travel with it; scores, trends and calibration are derived on read (qa/).
    r#"
    CREATE TABLE qa_scorecards (
        id         TEXT PRIMARY KEY NOT NULL,
        name       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;

    CREATE TABLE qa_scorecard_versions (
        id           TEXT PRIMARY KEY NOT NULL,
        scorecard_id TEXT NOT NULL,
        criteria     TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT
    ) STRICT;
    CREATE INDEX qa_scorecard_versions_card ON qa_scorecard_versions (scorecard_id, created_at);

    CREATE TABLE qa_evaluations (
        id           TEXT PRIMARY KEY NOT NULL,
        scorecard_id TEXT NOT NULL,
        version_id   TEXT NOT NULL,
        agent_id     TEXT NOT NULL,
        case_id      TEXT,
        evaluator    TEXT NOT NULL DEFAULT '',
        evaluated_on TEXT NOT NULL,
        ratings      TEXT NOT NULL,
        comment      TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT
    ) STRICT;
    CREATE INDEX qa_evaluations_agent ON qa_evaluations (agent_id, evaluated_on);
    CREATE INDEX qa_evaluations_case ON qa_evaluations (case_id) WHERE case_id IS NOT NULL;
    CREATE INDEX qa_evaluations_card ON qa_evaluations (scorecard_id);
    "#,
    // Coaching (issue 17): notes and their agreed actions are rows of registers; whether
    // a follow-up is due is derived (coaching/), never stored.
    r#"
    CREATE TABLE coaching_notes (
        id           TEXT PRIMARY KEY NOT NULL,
        agent_id     TEXT NOT NULL DEFAULT '',
        held_on      TEXT NOT NULL DEFAULT '',
        kind         TEXT NOT NULL DEFAULT 'one_to_one',
        strengths    TEXT NOT NULL DEFAULT '',
        improvements TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,
        author       TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        deleted_at   TEXT
    ) STRICT;
    CREATE INDEX coaching_notes_agent ON coaching_notes (agent_id, held_on);
    CREATE INDEX coaching_notes_follow_up ON coaching_notes (follow_up_on) WHERE follow_up_on IS NOT NULL;

    CREATE TABLE coaching_actions (
        id         TEXT PRIMARY KEY NOT NULL,
        note_id    TEXT NOT NULL DEFAULT '',
        text       TEXT NOT NULL DEFAULT '',
        due_on     TEXT NOT NULL DEFAULT '',
        done_on    TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX coaching_actions_note ON coaching_actions (note_id);
    "#,
    // Plans' call trees and communication templates (issue 18): each contact and each
    // template is a row of registers, ordered by a sortable key as steps are, so two
    // devices editing different contacts offline both keep theirs (never one list as one
    // value). A published version freezes them in its content. Cases linked to runs are
    // a set, one row per (run, case) ever linked, its `present` flag the element.
    r#"
    CREATE TABLE plan_contacts (
        id         TEXT PRIMARY KEY NOT NULL,
        plan_id    TEXT NOT NULL DEFAULT '',
        position   TEXT NOT NULL DEFAULT '',
        name       TEXT NOT NULL DEFAULT '',
        role       TEXT NOT NULL DEFAULT '',
        phone      TEXT NOT NULL DEFAULT '',
        mobile     TEXT NOT NULL DEFAULT '',
        email      TEXT NOT NULL DEFAULT '',
        backup_id  TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX plan_contacts_plan ON plan_contacts (plan_id, position);

    CREATE TABLE comms_templates (
        id         TEXT PRIMARY KEY NOT NULL,
        plan_id    TEXT NOT NULL DEFAULT '',
        position   TEXT NOT NULL DEFAULT '',
        kind       TEXT NOT NULL DEFAULT 'internal',
        title      TEXT NOT NULL DEFAULT '',
        body       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX comms_templates_plan ON comms_templates (plan_id, position);

    CREATE TABLE run_cases (
        id         TEXT PRIMARY KEY NOT NULL,
        run_id     TEXT NOT NULL DEFAULT '',
        case_id    TEXT NOT NULL DEFAULT '',
        present    INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX run_cases_run ON run_cases (run_id);
    CREATE INDEX run_cases_case ON run_cases (case_id);
    "#,
    // Knowledge base, links into the work (issue 19): articles linked to plan steps (shown
    // in a run's checklist; a step keeps its id across published versions, so a link holds
    // for every version the step is in) and to courses (their materials). Both are sets as
    // `article_cases`: the id made from (article, element), `present` 1 or 0. And images
    // stored with an article: append-only events, the bytes as base64 text (the sync wire
    // carries no blobs), never edited.
    r#"
    CREATE TABLE article_plan_steps (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL DEFAULT '',
        step_id    TEXT NOT NULL DEFAULT '',
        present    INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_plan_steps_article ON article_plan_steps (article_id);
    CREATE INDEX article_plan_steps_step ON article_plan_steps (step_id);

    CREATE TABLE article_courses (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL DEFAULT '',
        course_id  TEXT NOT NULL DEFAULT '',
        present    INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_courses_article ON article_courses (article_id);
    CREATE INDEX article_courses_course ON article_courses (course_id);

    CREATE TABLE article_images (
        id         TEXT PRIMARY KEY NOT NULL,
        article_id TEXT NOT NULL,
        mime       TEXT NOT NULL,
        data       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX article_images_article ON article_images (article_id);
    "#,
    // After-action reviews of runs (issue 18): one review row per run, its id made from
    // the run's, whose hot-wash and findings are registers (two supervisors writing the
    // hot-wash and the review on two devices both keep theirs); each action item is its
    // own row of registers, `done_on` set and cleared by a person — never one list as one
    // value.
    r#"
    CREATE TABLE run_reviews (
        id         TEXT PRIMARY KEY NOT NULL,
        run_id     TEXT NOT NULL DEFAULT '',
        hot_wash   TEXT NOT NULL DEFAULT '',
        went_well  TEXT NOT NULL DEFAULT '',
        went_wrong TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX run_reviews_run ON run_reviews (run_id);

    CREATE TABLE run_action_items (
        id         TEXT PRIMARY KEY NOT NULL,
        run_id     TEXT NOT NULL DEFAULT '',
        text       TEXT NOT NULL DEFAULT '',
        owner      TEXT NOT NULL DEFAULT '',
        due_on     TEXT NOT NULL DEFAULT '',
        done_on    TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX run_action_items_run ON run_action_items (run_id);
    CREATE INDEX run_action_items_open ON run_action_items (due_on) WHERE done_on IS NULL;
    "#,
    // KPI targets (issue 17): one row per (scope, KPI) with an id made from both, so two
    // devices setting the same target offline write one register; a cleared target keeps
    // its row with a NULL value, so clearing merges as setting does. And the certificates
    // attached to external training records.
    r#"
    CREATE TABLE kpi_targets (
        id         TEXT PRIMARY KEY NOT NULL,
        scope      TEXT NOT NULL DEFAULT 'role',
        scope_id   TEXT NOT NULL DEFAULT '',
        kpi        TEXT NOT NULL DEFAULT '',
        value      REAL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX kpi_targets_scope ON kpi_targets (scope, scope_id);

    -- Certificates attached to external training records (issue 17): append-only parts
    -- of each file, as base64 text under the sync wire's value bound (training/attachments.rs).
    CREATE TABLE training_record_files (
        id         TEXT PRIMARY KEY NOT NULL,
        record_id  TEXT NOT NULL DEFAULT '',
        file_id    TEXT NOT NULL DEFAULT '',
        name       TEXT NOT NULL DEFAULT '',
        mime       TEXT NOT NULL DEFAULT '',
        size       INTEGER NOT NULL DEFAULT 0,
        part       INTEGER NOT NULL DEFAULT 0,
        parts      INTEGER NOT NULL DEFAULT 1,
        data       TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    ) STRICT;
    CREATE INDEX training_record_files_record ON training_record_files (record_id);
    CREATE INDEX training_record_files_file ON training_record_files (file_id, part);
    "#,
    // The cases a bulk load changes that it did not create (a sync's pulled edits) are
    // reindexed once at its end too: FTS5 flushes its pending terms at every statement
    // that touches it, and each flush is a tiny segment its automerge must fold in later —
    // over half of an incremental sync of 50 edited titles went to merging them. Filled
    // only inside such a load, by the two triggers below, and emptied at its end
    // (cases/search_index.rs).
    r#"
    CREATE TABLE search_stale (rid INTEGER PRIMARY KEY) STRICT;

    DROP TRIGGER cases_search_update;
    DROP TRIGGER cases_search_note;
    CREATE TRIGGER cases_search_update AFTER UPDATE OF title, description ON cases
    WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
        UPDATE cases_fts SET (title, body) = (SELECT title, body FROM case_search_text WHERE rid = new.rowid)
        WHERE rowid = new.rowid;
        DELETE FROM cases_grams WHERE rowid = new.rowid;
        INSERT INTO cases_grams (rowid, grams)
            SELECT rowid, fl_grams(title || char(10) || body) FROM cases_fts WHERE rowid = new.rowid;
    END;
    CREATE TRIGGER cases_search_note AFTER INSERT ON case_events
    WHEN new.kind = 'note' AND NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
        UPDATE cases_fts SET body = body || char(10) || json_extract(new.data, '$.text')
        WHERE rowid = (SELECT rowid FROM cases WHERE id = new.case_id);
        DELETE FROM cases_grams WHERE rowid = (SELECT rowid FROM cases WHERE id = new.case_id);
        INSERT INTO cases_grams (rowid, grams)
            SELECT rowid, fl_grams(title || char(10) || body) FROM cases_fts
            WHERE rowid = (SELECT rowid FROM cases WHERE id = new.case_id);
    END;
    CREATE TRIGGER cases_search_update_deferred AFTER UPDATE OF title, description ON cases
    WHEN EXISTS (SELECT 1 FROM search_deferred WHERE new.rowid <= after_rowid) BEGIN
        INSERT OR IGNORE INTO search_stale (rid) VALUES (new.rowid);
    END;
    CREATE TRIGGER cases_search_note_deferred AFTER INSERT ON case_events
    WHEN new.kind = 'note' AND EXISTS (
        SELECT 1 FROM search_deferred d, cases c WHERE c.id = new.case_id AND c.rowid <= d.after_rowid) BEGIN
        INSERT OR IGNORE INTO search_stale (rid) SELECT rowid FROM cases WHERE id = new.case_id;
    END;
    "#,
];

/// The schema version this build creates and understands.
pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// Reads the schema version of an open database.
pub fn current_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    u32::try_from(v).map_err(|_| Error::Internal(format!("negative schema version {v}")))
}

/// Applies every migration newer than the database's version, up to `target`.
///
/// Opening an up-to-date database takes no lock. Otherwise each migration runs in its own
/// immediate transaction that first re-reads the version: another process may have
/// migrated the file since we looked, and then there is nothing left to do. The first
/// migration also mints the database's node id, so a new database never exists without
/// one. The last migration applied also runs [`Hooks::migrated`], which fills the derived
/// data migrations asked for, with this build's code on the schema it was written for.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32, hooks: &Hooks) -> Result<()> {
    if current_version(conn)? >= target {
        return check_not_newer(current_version(conn)?);
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = current_version(&tx)?;
        check_not_newer(version)?;
        if version >= target {
            tx.commit()?;
            return Ok(());
        }
        if version == 0 {
            let objects: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if objects > 0 {
                return Err(Error::Internal("a new database already holds tables".into()));
            }
        }
        tx.execute_batch(MIGRATIONS[version as usize])?;
        tx.pragma_update(None, "user_version", i64::from(version) + 1)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        if version == 0 {
            super::set_meta(&tx, super::meta::NODE_ID, &frontline_sync::NodeId::random().to_string())?;
        }
        if version + 1 == target {
            (hooks.migrated)(&tx)?;
        }
        tx.commit()?;
    }
}

fn check_not_newer(found: u32) -> Result<()> {
    if found > latest_version() {
        return Err(Error::SchemaTooNew { found, supported: latest_version() });
    }
    Ok(())
}
