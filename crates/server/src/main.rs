//! `frontline-server`: picks the storage backend once, then serves or runs one admin
//! command. Reading the password and deciding how to fail happen here only.
#![forbid(unsafe_code)]

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Parser;
use frontline_server::app::AppState;
use frontline_server::config::{Cli, Command, LogFormat, ServeArgs, StorageChoice, WorkspaceCommand};
use frontline_server::storage::Storage;
use frontline_server::storage::postgres::PostgresStorage;
use frontline_server::storage::sqlite::SqliteStorage;
use frontline_server::{admin, server, tls};
use tracing_subscriber::EnvFilter;

/// How long exiting waits for database calls still running on the blocking pool (a
/// request that timed out may have left one behind).
const BLOCKING_GRACE: Duration = Duration::from_secs(5);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("frontline-server: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(run(cli));
    runtime.shutdown_timeout(BLOCKING_GRACE);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "exiting");
            eprintln!("frontline-server: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<()> {
    let choice = cli.storage.choice().map_err(anyhow::Error::msg)?;
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Serve(args) => serve(args, choice).await,
        Command::Workspace(WorkspaceCommand::Create { name }) => {
            admin::create_workspace(open(&choice).await?.as_ref(), &name, &mut out).await
        }
        Command::User(cmd) => {
            let password = if admin::needs_password(&cmd) { Some(read_password()?) } else { None };
            admin::user(open(&choice).await?.as_ref(), cmd, password, &mut out).await
        }
        Command::Device(cmd) => admin::device(open(&choice).await?.as_ref(), cmd, &mut out).await,
        Command::Audit { workspace, limit, json } => {
            admin::audit(open(&choice).await?.as_ref(), &workspace, limit, json, &mut out).await
        }
    }
}

async fn open(choice: &StorageChoice) -> Result<Arc<dyn Storage>> {
    Ok(match choice {
        StorageChoice::Sqlite(dir) => Arc::new(
            SqliteStorage::open(dir).with_context(|| format!("cannot open the database in {}", dir.display()))?,
        ),
        StorageChoice::Postgres(url) => {
            Arc::new(PostgresStorage::connect(url).await.context("cannot open the PostgreSQL database")?)
        }
    })
}

async fn serve(args: ServeArgs, choice: StorageChoice) -> Result<()> {
    init_logging(args.log_format);
    let plan = args.check().map_err(anyhow::Error::msg)?;
    let tls = match &plan.tls {
        Some((cert, key)) => Some(tls::server_config(cert, key)?),
        None => None,
    };
    let storage = open(&choice).await?;
    let state = AppState::new(storage, plan.request_timeout)?;
    let listener =
        std::net::TcpListener::bind(plan.listen).with_context(|| format!("cannot listen on {}", plan.listen))?;
    let addr = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    // The one line on standard output: tests and scripts read the real address from it.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {scheme}://{addr}")?;
    stdout.flush()?;
    drop(stdout);
    tracing::info!(%addr, scheme, "listening");
    server::serve_with_listener(listener, state, tls, shutdown_signal()).await
}

/// JSON lines (or text) on standard error; the level from RUST_LOG, `info` by default.
fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(false).init(),
        LogFormat::Text => builder.init(),
    }
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// The new user's password: $FRONTLINE_PASSWORD, else a prompt on a terminal, else the
/// first line of standard input.
fn read_password() -> Result<String> {
    if let Ok(p) = std::env::var("FRONTLINE_PASSWORD") {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("Password for the new user: ").context("cannot read the password");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
