//! The HTTP handlers, one module per area. Each handler extracts, calls one function,
//! and converts the answer; rules live in `auth`, `exchange` and `storage`.

pub mod devices;
pub mod hello;
pub mod ops;
pub mod pull;
pub mod push;
