//! Customer commands.

use frontline_core::customers::{self, Customer, CustomerInput};
use frontline_core::ids::CustomerId;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Creates a customer; returns it.
#[tauri::command]
#[specta::specta]
pub async fn customer_create(state: State<'_, AppState>, input: CustomerInput) -> Result<Customer, IpcError> {
    let id = state.write(|tx| customers::create(tx, &input))?;
    state.read(|s| customers::get(s.conn(), &id))
}

/// Replaces a customer's fields.
#[tauri::command]
#[specta::specta]
pub async fn customer_update(state: State<'_, AppState>, id: CustomerId, input: CustomerInput) -> Result<(), IpcError> {
    state.write(|tx| customers::update(tx, &id, &input))
}

/// One customer.
#[tauri::command]
#[specta::specta]
pub async fn customer_get(state: State<'_, AppState>, id: CustomerId) -> Result<Customer, IpcError> {
    state.read(|s| customers::get(s.conn(), &id))
}

/// Customers matching `query` (all, by name, when empty).
#[tauri::command]
#[specta::specta]
pub async fn customer_search(state: State<'_, AppState>, query: String, limit: u32) -> Result<Vec<Customer>, IpcError> {
    state.read(|s| customers::search(s.conn(), &query, limit))
}
