//! IPC commands, one module per area. Each command locks the store, calls one
//! `frontline-core` function and converts the error: nothing more.

pub mod app;
pub mod settings;
