//! SQLite values to and from the sync protocol's values.

use frontline_sync::protocol;
use rusqlite::types::Value;

use crate::{Error, Result};

/// A stored value as the protocol carries it. Frontline stores no blobs in synced columns.
pub(crate) fn to_wire(v: &Value) -> Result<protocol::Value> {
    Ok(match v {
        Value::Null => protocol::Value::Null,
        Value::Integer(i) => protocol::Value::Integer(*i),
        Value::Real(f) => protocol::Value::Real(*f),
        Value::Text(t) => protocol::Value::Text(t.clone()),
        Value::Blob(_) => return Err(Error::Internal("a synced column holds a blob".into())),
    })
}

/// A protocol value as SQLite stores it.
pub(crate) fn from_wire(v: &protocol::Value) -> Value {
    match v {
        protocol::Value::Null => Value::Null,
        protocol::Value::Integer(i) => Value::Integer(*i),
        protocol::Value::Real(f) => Value::Real(*f),
        protocol::Value::Text(t) => Value::Text(t.clone()),
    }
}
