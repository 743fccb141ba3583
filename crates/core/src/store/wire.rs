//! SQLite values to and from the sync protocol's values.

use frontline_sync::protocol;
use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

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

/// A value to bind, without copying what a pulled change already holds.
pub(crate) enum Arg<'a> {
    /// A value as the protocol carries it.
    Wire(&'a protocol::Value),
    /// Text made here (an id, a time).
    Text(&'a str),
    /// Any other value made here.
    Owned(Value),
}

impl Arg<'_> {
    /// The value, owned.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Arg::Owned(v) => v,
            other => other.to_value(),
        }
    }

    /// A copy of the value.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Arg::Wire(v) => from_wire(v),
            Arg::Text(t) => Value::Text((*t).to_owned()),
            Arg::Owned(v) => v.clone(),
        }
    }
}

impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Arg::Wire(v) => ToSqlOutput::Borrowed(match v {
                protocol::Value::Null => ValueRef::Null,
                protocol::Value::Integer(i) => ValueRef::Integer(*i),
                protocol::Value::Real(f) => ValueRef::Real(*f),
                protocol::Value::Text(t) => ValueRef::Text(t.as_bytes()),
            }),
            Arg::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Arg::Owned(v) => ToSqlOutput::Borrowed(ValueRef::from(v)),
        })
    }
}
