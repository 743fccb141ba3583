//! `login`, `sync`, `status`, `conflicts`, `logout`: this database and the team's server.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use anyhow::{Context, Result, bail};
use frontline_core::Store;
use frontline_core::sync::conflicts::{self, Resolution};
use frontline_core::sync::{self as device, Failure};
use frontline_sync::client::HttpTransport;
use frontline_sync::credentials::Credentials;
use frontline_sync::session::{Progress, SyncError, TransportError};

use crate::{output, progress};

/// Environment variable a script can give the password in instead of stdin.
const PASSWORD_ENV: &str = "FRONTLINE_PASSWORD";

pub fn login(db: &Path, server: &str, workspace: &str, user: &str, device_name: Option<String>) -> Result<()> {
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    if device::enrollment(store.conn())?.is_some() {
        bail!("already signed in; run `frontline-cli logout` first");
    }
    let password = read_password()?;
    let name = device_name.unwrap_or_else(host_name);
    let request = device::sign_in_request(&store, workspace, user, &password, &name)?;
    let mut transport = HttpTransport::new(server, None).map_err(explain_transport)?;
    let answer = transport.sign_in(&request).map_err(explain_transport)?;
    let enrollment = device::enrollment_from(transport.base_url(), user, &answer);
    Credentials::for_database(db).save(&answer.token)?;
    let published = device::enroll(&mut store, &enrollment)?;
    output::line(format_args!(
        "signed in to {} as {} ({:?}); this device is {}; {published} changes to send",
        enrollment.workspace, enrollment.user, enrollment.role, enrollment.device_code
    ));
    Ok(())
}

pub fn sync(db: &Path, json: bool) -> Result<()> {
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let enrollment = device::enrollment(store.conn())?.ok_or(frontline_core::Error::NotSignedIn)?;
    let token = Credentials::for_database(db)
        .load()?
        .context("this device's sync credential is missing; run `frontline-cli logout`, then `login` again")?;
    let mut transport = HttpTransport::new(&enrollment.server, Some(token)).map_err(explain_transport)?;
    let cancel = progress::cancel_on_ctrl_c()?;
    let report = device::run(&mut store, &mut transport, &cancel, &mut |p| match p {
        Progress::Pulling { pages, cells, .. } => progress::draw(&format!("receiving: {cells} changes ({pages} pages)")),
        Progress::Pushing { sent } => progress::draw(&format!("sending: {sent} changes")),
    })
    .map_err(explain)?;
    output::end_progress();
    if json {
        return output::json(&serde_json::json!({
            "received": report.received,
            "applied": report.applied,
            "pushed": report.pushed,
            "conflicts": report.conflicts,
            "parked": report.parked,
        }));
    }
    output::line(format_args!(
        "synced: {} received ({} new here), {} sent, {} new conflicts",
        report.received, report.applied, report.pushed, report.conflicts
    ));
    if report.parked > 0 {
        output::line(format_args!(
            "{} changes come from a newer Frontline and are kept aside: update Frontline to see them",
            report.parked
        ));
    }
    Ok(())
}

pub fn status(db: &Path, json: bool) -> Result<()> {
    let store = Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let s = device::status(store.conn())?;
    if json {
        return output::json(&s);
    }
    match (&s.signed_in, &s.workspace, &s.user) {
        (true, Some(w), Some(u)) => output::line(format_args!(
            "signed in to {w} at {} as {u} (device {})",
            s.server.as_deref().unwrap_or_default(),
            s.device_code.as_deref().unwrap_or_default()
        )),
        _ => output::line("not signed in"),
    }
    output::line(format_args!("last synced:     {}", s.last_sync_at.as_deref().unwrap_or("never")));
    if let Some(e) = &s.last_error {
        output::line(format_args!("last error:      {e}"));
    }
    output::line(format_args!("waiting to send: {}", s.pending));
    output::line(format_args!("conflicts:       {}", s.conflicts));
    if s.parked > 0 {
        output::line(format_args!("from newer app:  {} (update Frontline to see them)", s.parked));
    }
    if s.holds_demo_data {
        output::line("holds demo data: yes (clear it with `frontline-cli demo --clear` before signing in)");
    }
    Ok(())
}

pub fn conflicts(db: &Path, json: bool, keep_mine: Option<i64>, accept_theirs: Option<i64>) -> Result<()> {
    if let Some((id, how)) = keep_mine.map(|id| (id, Resolution::KeepMine)).or(accept_theirs.map(|id| (id, Resolution::AcceptTheirs))) {
        let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
        conflicts::resolve(&mut store, id, how)?;
        output::line(format_args!("conflict {id} settled"));
        return Ok(());
    }
    let store = Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let list = conflicts::list(store.conn())?;
    if json {
        return output::json(&list);
    }
    if list.is_empty() {
        output::line("no conflicts");
    }
    for c in list {
        let what = if c.field.is_empty() { c.table.clone() } else { format!("{}.{}", c.table, c.field) };
        output::line(format_args!(
            "{}  {what}  {}: mine {:?}, theirs {:?}",
            c.id,
            c.label,
            c.mine.unwrap_or_default(),
            c.theirs.unwrap_or_default()
        ));
    }
    Ok(())
}

pub fn logout(db: &Path) -> Result<()> {
    let mut store = Store::open(db).with_context(|| format!("cannot open {}", db.display()))?;
    let enrollment = device::enrollment(store.conn())?.ok_or(frontline_core::Error::NotSignedIn)?;
    let credentials = Credentials::for_database(db);
    if let Some(token) = credentials.load()? {
        let revoked = HttpTransport::new(&enrollment.server, Some(token)).and_then(|mut t| t.sign_out());
        if let Err(e) = revoked {
            eprintln!("warning: the server could not be told ({e}); an admin can revoke this device there");
        }
    }
    credentials.delete()?;
    device::sign_out(&mut store)?;
    output::line(format_args!("signed out of {}", enrollment.workspace));
    Ok(())
}

fn read_password() -> Result<String> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(p);
    }
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("password: ")?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.is_empty() {
        bail!("no password given (type it, pipe it to stdin or set {PASSWORD_ENV})");
    }
    Ok(password)
}

fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_owned()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "frontline-cli".to_owned())
}

/// A sync failure in words a person can act on.
fn explain(f: Failure) -> anyhow::Error {
    match f {
        SyncError::Transport(t) => explain_transport(t),
        SyncError::Replica(e) => anyhow::Error::new(e).context("the sync stopped; nothing half-applied is kept"),
        SyncError::Cancelled => anyhow::anyhow!("cancelled; what was received so far is kept, the rest comes next time"),
    }
}

fn explain_transport(t: TransportError) -> anyhow::Error {
    use frontline_sync::protocol::ErrorCode as C;
    let advice = match &t {
        TransportError::Network(_) => "check the address and the network; the sync is retried next time",
        TransportError::Protocol(_) => "is this the address of a Frontline server?",
        TransportError::Server { code, .. } => match code {
            C::Unauthorized => "wrong e-mail or password, or this device was signed out on the server",
            C::Forbidden => "your account may not do this (a viewer cannot send changes) or was disabled",
            C::RateLimited => "too many attempts; wait a few minutes",
            C::UpdateRequired => "update Frontline to sync with this server",
            C::ClockAhead => "this computer's clock is far off; correct its date and time",
            _ => "try again later; if it keeps happening, tell the server's administrator",
        },
    };
    anyhow::anyhow!("{t}: {advice}")
}
