//! IPC commands, one module per area. Each command locks the store, calls one
//! `frontline-core` function and converts the error: nothing more.

pub mod app;
pub mod calendars;
pub mod cases;
pub mod coaching;
pub mod customers;
pub mod demo;
pub mod export;
pub mod import;
pub mod knowledge;
pub mod knowledge_files;
pub mod kpi;
pub mod people;
pub mod plans;
pub mod qa;
pub mod report;
pub mod settings;
pub mod sla;
pub mod sync;
pub mod targets;
pub mod training;
pub mod training_files;
pub mod views;
pub mod voc;
