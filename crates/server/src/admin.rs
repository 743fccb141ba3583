//! The admin commands: workspaces, users, devices and the audit, run against the same
//! storage as `serve` (also while it runs). Each writes its answer to `out`, so it is
//! tested without a terminal; only `main` reads the password and prints.

use std::io::Write;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};

use crate::auth::{check_password_rules, hash_password};
use crate::clock::now_ms;
use crate::config::{DeviceCommand, UserCommand};
use crate::storage::{NewUser, Storage, Workspace, normalise_email, role_name};

/// `workspace create NAME`.
pub async fn create_workspace(storage: &dyn Storage, name: &str, out: &mut dyn Write) -> Result<()> {
    let name = name.trim();
    if name.is_empty() || name.len() > 100 || name.chars().any(char::is_control) {
        bail!("a workspace name is 1 to 100 characters without control characters");
    }
    let ws = storage.create_workspace(name, now_ms()).await?;
    writeln!(out, "created workspace {}", ws.name)?;
    Ok(())
}

/// `user add` / `user disable`. `password` is needed by `add` only.
pub async fn user(
    storage: &dyn Storage,
    cmd: UserCommand,
    password: Option<String>,
    out: &mut dyn Write,
) -> Result<()> {
    match cmd {
        UserCommand::Add { workspace, email, role } => {
            let ws = find_workspace(storage, &workspace).await?;
            let email = normalise_email(&email);
            if email.is_empty() || !email.contains('@') || email.chars().any(char::is_control) {
                bail!("{email:?} is not an e-mail address");
            }
            let password = password.context("no password given")?;
            check_password_rules(&password).map_err(anyhow::Error::msg)?;
            let password_hash =
                tokio::task::spawn_blocking(move || hash_password(&password)).await?.map_err(anyhow::Error::msg)?;
            let role = role.into();
            storage
                .add_user(NewUser { workspace: ws.id, email: email.clone(), password_hash, role, now_ms: now_ms() })
                .await?;
            writeln!(out, "added {email} to {} as {}", ws.name, role_name(role))?;
        }
        UserCommand::Disable { workspace, email } => {
            let ws = find_workspace(storage, &workspace).await?;
            storage.set_user_disabled(ws.id, &email, true, now_ms()).await?;
            writeln!(
                out,
                "disabled {} in {}; their devices are refused from now on",
                normalise_email(&email),
                ws.name
            )?;
        }
    }
    Ok(())
}

/// Whether a `user` command needs a password.
pub fn needs_password(cmd: &UserCommand) -> bool {
    matches!(cmd, UserCommand::Add { .. })
}

/// `device list` / `device revoke`.
pub async fn device(storage: &dyn Storage, cmd: DeviceCommand, out: &mut dyn Write) -> Result<()> {
    match cmd {
        DeviceCommand::List { workspace } => {
            let ws = find_workspace(storage, &workspace).await?;
            let devices = storage.devices(ws.id).await?;
            writeln!(
                out,
                "{:<36}  {:<4}  {:<24}  {:<28}  {:<16}  {:<20}  {:<20}  REVOKED",
                "ID", "CODE", "NAME", "USER", "NODE", "CREATED", "LAST SEEN"
            )?;
            for d in devices {
                let revoked = d.revoked_ms.map_or_else(|| "-".to_owned(), time);
                writeln!(
                    out,
                    "{:<36}  {:<4}  {:<24}  {:<28}  {:<16}  {:<20}  {:<20}  {}",
                    d.id,
                    d.code,
                    d.name,
                    d.user,
                    d.node,
                    time(d.created_ms),
                    time(d.last_seen_ms),
                    revoked
                )?;
            }
        }
        DeviceCommand::Revoke { workspace, device_id } => {
            let ws = find_workspace(storage, &workspace).await?;
            storage.revoke_device(ws.id, device_id.trim(), now_ms()).await?;
            writeln!(out, "revoked device {} in {}", device_id.trim(), ws.name)?;
        }
    }
    Ok(())
}

/// `audit --workspace W [--limit N] [--json]`.
pub async fn audit(storage: &dyn Storage, workspace: &str, limit: u32, json: bool, out: &mut dyn Write) -> Result<()> {
    let ws = find_workspace(storage, workspace).await?;
    let entries = storage.audit(ws.id, limit).await?;
    if !json {
        writeln!(out, "{:<20}  {:<28}  {:<36}  {:<40}  {:<38}  OUTCOME", "AT", "USER", "DEVICE", "CELL", "HLC")?;
    }
    for e in entries {
        if json {
            writeln!(out, "{}", serde_json::to_string(&e)?)?;
        } else {
            let cell = format!("{}/{}/{}", e.table, e.row, e.column);
            writeln!(
                out,
                "{:<20}  {:<28}  {:<36}  {:<40}  {:<38}  {}",
                time(e.at_ms),
                e.user,
                e.device_id,
                cell,
                e.hlc.to_string(),
                e.outcome.as_str()
            )?;
        }
    }
    Ok(())
}

async fn find_workspace(storage: &dyn Storage, name: &str) -> Result<Workspace> {
    storage.workspace(name.trim()).await?.with_context(|| format!("no workspace named {name:?}"))
}

/// Unix ms as UTC date and time.
fn time(ms: u64) -> String {
    i64::try_from(ms)
        .ok()
        .and_then(DateTime::<Utc>::from_timestamp_millis)
        .map_or_else(|| ms.to_string(), |t| t.format("%Y-%m-%d %H:%M:%S").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(time(0), "1970-01-01 00:00:00");
        assert_eq!(time(1_700_000_000_000), "2023-11-14 22:13:20");
    }
}
