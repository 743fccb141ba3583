//! The sync protocol, version 1: what devices and the server say to each other over HTTP.
//!
//! The server is schema-agnostic: it stores the newest [`Change`] per cell — (table, row,
//! column), or (table, row) for a whole append-only row — and never interprets values, so
//! a newer app version's tables and columns pass through an older server untouched, and
//! an older app keeps what it cannot store aside instead of dropping it.
//!
//! Endpoints (JSON bodies, `Authorization: Bearer <device token>` except sign-in):
//!
//! | method and path            | body → answer                     |
//! |----------------------------|-----------------------------------|
//! | `GET  /v1/hello`           | → [`Hello`]                       |
//! | `POST /v1/devices`         | [`SignInRequest`] → [`SignInResponse`] |
//! | `DELETE /v1/devices/current` | → 204 (signs this device out)   |
//! | `POST /v1/sync/push`       | [`PushRequest`] → [`PushResponse`] |
//! | `GET  /v1/sync/pull?after=N&limit=M&node=X` | → [`PullResponse`] |
//!
//! Every failure answers a 4xx/5xx status with an [`ErrorBody`]. Every answer, success or
//! not, carries the server's wall clock (`server_time_ms`, and the
//! [`SERVER_TIME_HEADER`] header), so a device learns how far its own clock is off.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::hlc::{Hlc, NodeId};
use crate::merge::Version;

/// This protocol's version; sent by clients in [`PROTOCOL_HEADER`].
pub const PROTOCOL_VERSION: u32 = 1;
/// Header carrying the client's protocol version.
pub const PROTOCOL_HEADER: &str = "frontline-protocol";
/// Header carrying the server's wall clock (Unix ms) on every answer.
pub const SERVER_TIME_HEADER: &str = "frontline-server-time";

/// How far ahead of the server's clock a pushed stamp may be. Beyond it the push is
/// refused ([`ErrorCode::ClockAhead`]): a device whose clock runs fast must not stamp
/// edits that beat every later edit of its colleagues.
pub const MAX_CLOCK_AHEAD_MS: u64 = 5 * 60 * 1000;
/// Most changes in one push.
pub const MAX_PUSH_CHANGES: usize = 5_000;
/// Most cells in one pull page (a page may exceed it only to keep one row whole).
pub const MAX_PULL_LIMIT: u32 = 30_000;
/// Longest table or column name.
pub const MAX_NAME_LEN: usize = 63;
/// Longest row id.
pub const MAX_ROW_ID_LEN: usize = 64;
/// Largest single value (text, or a whole row's values together), in bytes.
pub const MAX_VALUE_BYTES: usize = 1 << 20;
/// Largest request body, in bytes.
pub const MAX_BODY_BYTES: usize = 64 << 20;

/// One SQLite value. JSON: `null`, an integer, a number with a fraction, or a string.
///
/// Deserialised by hand ([`de`]): serde's untagged enums try each variant in turn and
/// format an error message for every miss, which made reading a first sync's millions of
/// values a third of its time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A 64-bit integer.
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(String),
}

impl Value {
    /// Size for the [`MAX_VALUE_BYTES`] bound.
    pub fn size(&self) -> usize {
        match self {
            Value::Text(t) => t.len(),
            _ => 8,
        }
    }
}

/// What a change carries: one column's new value, or a whole append-only row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Body {
    /// A column of a row set to a value (last writer wins per column).
    Cell {
        /// The column.
        column: String,
        /// Its new value.
        value: Value,
    },
    /// A whole row of an append-only table (a timeline event): inserted once, never
    /// changed, so all its columns travel together.
    Row {
        /// Every column of the row.
        values: BTreeMap<String, Value>,
    },
}

/// One change to one cell. (Deserialised by hand, [`de`]: a flattened, internally tagged
/// body is buffered field by field by serde's derive.)
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Change {
    /// The table (SQL name).
    pub table: String,
    /// The row's id.
    pub row: String,
    /// Stamp of the write.
    pub hlc: Hlc,
    /// Newest foreign stamp the writer had seen in this cell (see [`crate::merge`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Hlc>,
    /// The new value(s).
    #[serde(flatten)]
    pub body: Body,
}

impl Change {
    /// The cell's column: the column name, or `""` for a whole row.
    pub fn column(&self) -> &str {
        match &self.body {
            Body::Cell { column, .. } => column,
            Body::Row { .. } => "",
        }
    }

    /// The change's version, for [`crate::merge::merge`].
    pub fn version(&self) -> Version {
        Version { hlc: self.hlc, base: self.base }
    }

    /// Checks the shape bounds a server and a client both enforce: names, id length and
    /// value size. Returns what is wrong, in English, for an error message.
    pub fn check_shape(&self) -> Result<(), String> {
        check_name("table", &self.table)?;
        if self.row.is_empty() || self.row.len() > MAX_ROW_ID_LEN || has_control(&self.row) {
            return Err(format!("row id must be 1 to {MAX_ROW_ID_LEN} bytes without control characters"));
        }
        match &self.body {
            Body::Cell { column, value } => {
                check_name("column", column)?;
                if value.size() > MAX_VALUE_BYTES {
                    return Err(format!("value of {}.{column} is larger than {MAX_VALUE_BYTES} bytes", self.table));
                }
            }
            Body::Row { values } => {
                if values.is_empty() {
                    return Err("a row change needs at least one column".into());
                }
                let mut size = 0;
                for (column, value) in values {
                    check_name("column", column)?;
                    size += value.size();
                }
                if size > MAX_VALUE_BYTES {
                    return Err(format!("row of {} is larger than {MAX_VALUE_BYTES} bytes", self.table));
                }
            }
        }
        Ok(())
    }
}

mod de {
    //! Hand-written deserialisers of the two types every pulled page holds by the million.

    use std::collections::BTreeMap;
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

    use super::{Body, Change, Value};
    use crate::hlc::Hlc;

    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Value;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("null, a number or a string")
                }
                fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
                    Ok(Value::Null)
                }
                fn visit_none<E: de::Error>(self) -> Result<Value, E> {
                    Ok(Value::Null)
                }
                fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                    Value::deserialize(d)
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
                    Ok(Value::Integer(v))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
                    // Beyond i64, as the untagged derive did: a real.
                    Ok(i64::try_from(v).map_or(Value::Real(v as f64), Value::Integer))
                }
                fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
                    Ok(Value::Real(v))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
                    Ok(Value::Text(v.to_owned()))
                }
                fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
                    Ok(Value::Text(v))
                }
            }
            d.deserialize_any(V)
        }
    }

    /// A change's keys, read from the borrowed text (a `Cow<str>` key is always copied).
    enum Field {
        Table,
        Row,
        Hlc,
        Base,
        Kind,
        Column,
        Value,
        Values,
        Other,
    }

    impl<'de> Deserialize<'de> for Field {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Field;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                    Ok(match v {
                        "table" => Field::Table,
                        "row" => Field::Row,
                        "hlc" => Field::Hlc,
                        "base" => Field::Base,
                        "kind" => Field::Kind,
                        "column" => Field::Column,
                        "value" => Field::Value,
                        "values" => Field::Values,
                        _ => Field::Other,
                    })
                }
            }
            d.deserialize_identifier(V)
        }
    }

    /// A change's kind.
    enum Kind {
        Cell,
        Row,
    }

    impl<'de> Deserialize<'de> for Kind {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Kind;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("\"cell\" or \"row\"")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Kind, E> {
                    match v {
                        "cell" => Ok(Kind::Cell),
                        "row" => Ok(Kind::Row),
                        other => Err(de::Error::unknown_variant(other, &["cell", "row"])),
                    }
                }
            }
            d.deserialize_str(V)
        }
    }

    impl<'de> Deserialize<'de> for Change {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Change;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a change")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Change, A::Error> {
                    let (mut table, mut row, mut hlc, mut base, mut kind) = (None, None, None, None, None);
                    let (mut column, mut value, mut values) = (None, None, None);
                    while let Some(key) = map.next_key::<Field>()? {
                        match key {
                            Field::Table => table = Some(map.next_value::<String>()?),
                            Field::Row => row = Some(map.next_value::<String>()?),
                            Field::Hlc => hlc = Some(map.next_value::<Hlc>()?),
                            Field::Base => base = map.next_value::<Option<Hlc>>()?,
                            Field::Kind => kind = Some(map.next_value::<Kind>()?),
                            Field::Column => column = Some(map.next_value::<String>()?),
                            Field::Value => value = Some(map.next_value::<Value>()?),
                            Field::Values => values = Some(map.next_value::<BTreeMap<String, Value>>()?),
                            Field::Other => {
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    }
                    let body = match kind {
                        Some(Kind::Cell) => Body::Cell {
                            column: column.ok_or_else(|| de::Error::missing_field("column"))?,
                            value: value.ok_or_else(|| de::Error::missing_field("value"))?,
                        },
                        Some(Kind::Row) => Body::Row { values: values.ok_or_else(|| de::Error::missing_field("values"))? },
                        None => return Err(de::Error::missing_field("kind")),
                    };
                    Ok(Change {
                        table: table.ok_or_else(|| de::Error::missing_field("table"))?,
                        row: row.ok_or_else(|| de::Error::missing_field("row"))?,
                        hlc: hlc.ok_or_else(|| de::Error::missing_field("hlc"))?,
                        base,
                        body,
                    })
                }
            }
            d.deserialize_map(V)
        }
    }
}

/// Whether `s` holds a control character (`char::is_control`: U+0000–U+001F and
/// U+007F–U+009F), read from its bytes — every pulled change's row id is checked.
fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    // Ids and names are printable ASCII, checked in one pass without branches (a page
    // holds tens of thousands); anything else is looked at byte by byte.
    if !b.iter().fold(false, |out, &c| out | !(0x20..0x7f).contains(&c)) {
        return false;
    }
    b.iter().enumerate().any(|(i, &c)| c < 0x20 || c == 0x7f || (c == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n))))
}

/// A table or column name: lower-case ASCII letters, digits and `_`, starting with a letter.
fn check_name(what: &str, name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name.as_bytes()[0].is_ascii_lowercase()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok { Ok(()) } else { Err(format!("{what} name {name:?} is not a valid name")) }
}

/// A change as pushed: with its position in the device's outbox, so a retried push is
/// recognised and stored once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Outgoing {
    /// Position in the pushing device's outbox (increasing, may have gaps).
    pub seq: u64,
    /// The change.
    #[serde(flatten)]
    pub change: Change,
}

/// `POST /v1/sync/push`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushRequest {
    /// The pushing database's node id (rotates when a backup is restored).
    pub node: NodeId,
    /// Changes in outbox order, at most [`MAX_PUSH_CHANGES`].
    pub changes: Vec<Outgoing>,
}

/// Answer to a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// Changes that were new to the server (stored, or lost to a newer value).
    pub accepted: u32,
    /// Changes the server already had from an earlier (retried) push.
    pub duplicates: u32,
    /// The workspace's sequence after this push.
    pub seq: u64,
    /// The server's wall clock, Unix ms.
    pub server_time_ms: u64,
}

/// A value of this device that lost to a concurrent edit elsewhere, found by the server
/// when the two met there (see [`crate::merge`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictNotice {
    /// The table.
    pub table: String,
    /// The row.
    pub row: String,
    /// The column, or `""` for a whole append-only row.
    pub column: String,
    /// The value that lost; for a whole row, its values map as JSON text.
    pub value: Value,
    /// Its stamp (its node is the device to tell).
    pub hlc: Hlc,
    /// The stamp of the value that won.
    pub winner: Hlc,
}

/// `GET /v1/sync/pull?after=N&limit=M&node=X`: everything after cursor `after`.
///
/// Changes come grouped by row: a row's cells changed after the cursor arrive together, in
/// the same page, so a device never holds half of a new row. Rows come in the order of
/// their first change after the cursor, a row's cells in the order of their column names.
/// `node` asks for the [`ConflictNotice`]s addressed to that node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// The changed cells: the newest value of each, not its history.
    pub changes: Vec<Change>,
    /// Losses of the asking node's values, found since `after`.
    pub notices: Vec<ConflictNotice>,
    /// The cursor to pull after next time; the page holds everything up to it.
    pub next: u64,
    /// Whether more pages follow right away.
    pub more: bool,
    /// The server's wall clock, Unix ms.
    pub server_time_ms: u64,
}

/// Role of a user in a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages users and devices; syncs.
    Admin,
    /// Syncs (pulls and pushes).
    Supervisor,
    /// Pulls only.
    Viewer,
}

impl Role {
    /// Whether this role may push changes.
    pub fn can_push(self) -> bool {
        !matches!(self, Role::Viewer)
    }
}

/// `POST /v1/devices`: signs a device in with a user's password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    /// Workspace name.
    pub workspace: String,
    /// The user's e-mail.
    pub email: String,
    /// The user's password.
    pub password: String,
    /// A name for this device, shown in `device list` (e.g. the host name).
    pub device_name: String,
    /// The device database's node id.
    pub node: NodeId,
    /// The app's version, for the server's log and device list.
    pub app_version: String,
}

/// Answer to a sign-in. The token is shown once; the server keeps only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    /// Bearer token for this device.
    pub token: String,
    /// The device's id on the server.
    pub device_id: String,
    /// A short code unique in the workspace for this device (1–4 characters of
    /// `0-9A-Z` without I, L, O, U), for human-readable references.
    pub device_code: String,
    /// The workspace's name.
    pub workspace: String,
    /// The user's role there.
    pub role: Role,
    /// The server's wall clock, Unix ms.
    pub server_time_ms: u64,
}

/// `GET /v1/hello`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hello {
    /// The newest protocol the server speaks.
    pub protocol: u32,
    /// The oldest protocol it still accepts.
    pub min_protocol: u32,
    /// The server's version.
    pub server_version: String,
    /// The server's wall clock, Unix ms.
    pub server_time_ms: u64,
}

/// Machine-readable error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Malformed request (body, parameters, bounds); 400.
    BadRequest,
    /// Missing, unknown or revoked token, or wrong e-mail/password; 401.
    Unauthorized,
    /// Authenticated but not allowed (a viewer pushing, a disabled user); 403.
    Forbidden,
    /// No such thing; 404.
    NotFound,
    /// Body larger than [`MAX_BODY_BYTES`]; 413.
    PayloadTooLarge,
    /// Too many attempts; 429.
    RateLimited,
    /// A pushed stamp is more than [`MAX_CLOCK_AHEAD_MS`] ahead of the server's clock; 422.
    ClockAhead,
    /// The client's protocol is older than the server accepts: update the app; 426.
    UpdateRequired,
    /// The server is overloaded or its storage is unavailable; try again; 503.
    Unavailable,
    /// A bug on the server; 500.
    Internal,
}

/// Body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorInfo,
}

/// An error's code and English message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorInfo {
    /// What kind of failure.
    pub code: ErrorCode,
    /// Details, in English, for logs and the CLI.
    pub message: String,
    /// The server's wall clock, Unix ms.
    pub server_time_ms: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte scan finds exactly what `char::is_control` finds.
        #[test]
        fn control_characters_are_found_as_char_is_control_finds_them(s in "\\PC*|[\\x00-\\x{a0}a-z]{0,8}") {
            proptest::prop_assert_eq!(has_control(&s), s.chars().any(char::is_control));
        }
    }

    #[test]
    fn control_characters_in_row_ids() {
        for (s, control) in [("01J", false), ("a\u{0}", true), ("a\u{1f}b", true), ("\u{7f}", true), ("\u{80}", true), ("\u{9f}", true), ("\u{a0}", false), ("退款", false), ("é", false)] {
            assert_eq!(has_control(s), control, "{s:?}");
            assert_eq!(s.chars().any(char::is_control), control, "{s:?}");
        }
    }

    fn cell(table: &str, column: &str, value: Value) -> Change {
        Change {
            table: table.into(),
            row: "0192".into(),
            hlc: "0001700000000000-0000-00000000000000aa".parse().unwrap(),
            base: None,
            body: Body::Cell { column: column.into(), value },
        }
    }

    /// A push's changes carry their outbox positions beside the change's own fields
    /// (flattened): they read back through the hand-written reader too.
    #[test]
    fn a_push_request_reads_back() {
        let mut row = cell("case_events", "", Value::Null);
        row.body = Body::Row { values: [("kind".to_owned(), Value::Text("note".into())), ("n".to_owned(), Value::Integer(3))].into() };
        row.base = Some("0001700000000000-0001-00000000000000bb".parse().unwrap());
        let request = PushRequest {
            node: "00000000000000aa".parse().unwrap(),
            changes: vec![
                Outgoing { seq: 1, change: cell("cases", "title", Value::Text("退款".into())) },
                Outgoing { seq: 2, change: row },
            ],
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<PushRequest>(&json).unwrap(), request);
    }

    #[test]
    fn change_json_is_pinned() {
        let c = cell("cases", "title", Value::Text("退款".into()));
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "table": "cases", "row": "0192", "hlc": "0001700000000000-0000-00000000000000aa",
                "kind": "cell", "column": "title", "value": "退款"
            })
        );
        assert_eq!(serde_json::from_value::<Change>(json).unwrap(), c);
    }

    #[test]
    fn malformed_changes_are_refused_with_the_field_named() {
        let base = r#""table":"cases","row":"r","hlc":"0001700000000000-0000-00000000000000aa""#;
        for (json, want) in [
            (format!("{{{base},\"kind\":\"cell\",\"value\":1}}"), "column"),
            (format!("{{{base},\"kind\":\"cell\",\"column\":\"title\"}}"), "value"),
            (format!("{{{base},\"kind\":\"row\"}}"), "values"),
            (format!("{{{base},\"kind\":\"blob\"}}"), "blob"),
            (format!("{{{base},\"column\":\"title\",\"value\":1}}"), "kind"),
            (r#"{"row":"r","hlc":"0001700000000000-0000-00000000000000aa","kind":"row","values":{}}"#.to_owned(), "table"),
            (format!("{{{base},\"kind\":\"cell\",\"column\":\"t\",\"value\":[1]}}"), "null, a number or a string"),
        ] {
            let err = serde_json::from_str::<Change>(&json).unwrap_err().to_string();
            assert!(err.contains(want), "{json}: {err}");
        }
        let row: Change = serde_json::from_str(&format!(
            "{{{base},\"kind\":\"row\",\"values\":{{\"a\":null,\"b\":18446744073709551615}},\"extra\":true}}"
        ))
        .unwrap();
        let Body::Row { values } = row.body else { panic!("row") };
        assert_eq!(values["a"], Value::Null);
        assert_eq!(values["b"], Value::Real(18446744073709551615.0), "beyond i64 is a real, as before");
    }

    #[test]
    fn values_keep_their_sql_type_through_json() {
        for v in [Value::Null, Value::Integer(-3), Value::Real(2.5), Value::Text("3".into())] {
            let back: Value = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
            assert_eq!(back, v);
        }
    }

    #[test]
    fn shape_bounds() {
        assert!(cell("cases", "title", Value::Null).check_shape().is_ok());
        assert!(cell("Cases", "title", Value::Null).check_shape().is_err());
        assert!(cell("cases", "", Value::Null).check_shape().is_err());
        assert!(cell("cases", "a;drop", Value::Null).check_shape().is_err());
        assert!(cell("cases", &"a".repeat(64), Value::Null).check_shape().is_err());
        assert!(cell("cases", "title", Value::Text("x".repeat(MAX_VALUE_BYTES + 1))).check_shape().is_err());
        let mut long_row = cell("cases", "title", Value::Null);
        long_row.row = "r".repeat(65);
        assert!(long_row.check_shape().is_err());
        let empty_row = Change { body: Body::Row { values: BTreeMap::new() }, ..cell("case_events", "x", Value::Null) };
        assert!(empty_row.check_shape().is_err());
    }
}
