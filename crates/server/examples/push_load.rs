//! Push load generator: signs N devices in and has each push batches of new cells as
//! fast as the server answers, then prints one JSON line with the throughput.
//!
//! ```text
//! cargo run --release -p frontline-server --example push_load -- \
//!     --url http://127.0.0.1:8443 --workspace acme --email sup@acme.test --devices 50 --seconds 20
//! ```
//!
//! The password comes from `--password` or `$FRONTLINE_PASSWORD`. Each push carries
//! `--changes` cells (default 20: four new rows of five columns, as a supervisor's new
//! cases would), stamped by the device's own hybrid logical clock. It stops after
//! `--seconds`, or after `--pushes` pushes per device when that is given.
#![allow(clippy::print_stdout, reason = "a command-line tool: its result is its output")]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use frontline_sync::protocol::{
    Body, Change, Outgoing, PushRequest, PushResponse, SignInRequest, SignInResponse, Value,
};
use frontline_sync::{Clock, Hlc, NodeId};

#[derive(Parser)]
struct Args {
    /// The server, e.g. http://127.0.0.1:8443.
    #[arg(long)]
    url: String,
    /// Workspace to sign in to.
    #[arg(long)]
    workspace: String,
    /// A supervisor's (or admin's) e-mail.
    #[arg(long)]
    email: String,
    /// The password (else $FRONTLINE_PASSWORD).
    #[arg(long, env = "FRONTLINE_PASSWORD", hide_env_values = true)]
    password: String,
    /// Concurrent devices.
    #[arg(long, default_value_t = 50)]
    devices: usize,
    /// How long to push.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Pushes per device instead of a duration.
    #[arg(long)]
    pushes: Option<u64>,
    /// Cells per push.
    #[arg(long, default_value_t = 20)]
    changes: usize,
    /// A CA certificate (PEM) to trust, for a server with a private certificate.
    #[arg(long)]
    ca: Option<std::path::PathBuf>,
}

/// The one line printed, fields in this order.
#[derive(serde::Serialize)]
struct Report {
    devices: usize,
    pushes: u64,
    changes: u64,
    seconds: f64,
    pushes_per_s: f64,
    changes_per_s: f64,
}

const COLUMNS: [&str; 5] = ["title", "status", "priority", "assignee", "channel"];

fn main() -> Result<()> {
    let args = Args::parse();
    let agent = agent(args.ca.as_deref())?;
    let url = args.url.trim_end_matches('/').to_owned();
    let devices = (0..args.devices)
        .map(|i| sign_in(&agent, &url, &args, i))
        .collect::<Result<Vec<_>>>()
        .context("signing the devices in")?;
    let pushes = Arc::new(AtomicU64::new(0));
    let changes = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.seconds);
    std::thread::scope(|scope| -> Result<()> {
        let workers: Vec<_> = devices
            .into_iter()
            .map(|(token, node)| {
                let (agent, url, pushes, changes) = (agent.clone(), url.clone(), pushes.clone(), changes.clone());
                let (per_push, limit) = (args.changes, args.pushes);
                scope.spawn(move || -> Result<()> {
                    let mut clock = Clock::new(node, Hlc::zero(node));
                    let mut seq = 0u64;
                    let mut n = 0u64;
                    while limit.map_or(Instant::now() < deadline, |l| n < l) {
                        let batch: Vec<Outgoing> = (0..per_push)
                            .map(|i| {
                                seq += 1;
                                let change = Change {
                                    table: "cases".into(),
                                    row: format!("{node}-{n}-{}", i / COLUMNS.len()),
                                    hlc: clock.tick(now_ms()),
                                    base: None,
                                    body: Body::Cell {
                                        column: COLUMNS[i % COLUMNS.len()].into(),
                                        value: Value::Text(format!("load {n}/{i}")),
                                    },
                                };
                                Outgoing { seq, change }
                            })
                            .collect();
                        let request = PushRequest { node, changes: batch };
                        let mut reply = agent
                            .post(format!("{url}/v1/sync/push"))
                            .header("authorization", format!("Bearer {token}"))
                            .send_json(&request)?;
                        if reply.status() != 200 {
                            bail!("push answered {}: {}", reply.status(), reply.body_mut().read_to_string()?);
                        }
                        let answer: PushResponse = reply.body_mut().read_json()?;
                        pushes.fetch_add(1, Ordering::Relaxed);
                        changes.fetch_add(u64::from(answer.accepted), Ordering::Relaxed);
                        n += 1;
                    }
                    Ok(())
                })
            })
            .collect();
        for w in workers {
            w.join().map_err(|_| anyhow::anyhow!("a pushing thread panicked"))??;
        }
        Ok(())
    })?;
    let seconds = started.elapsed().as_secs_f64();
    let (pushes, changes) = (pushes.load(Ordering::Relaxed), changes.load(Ordering::Relaxed));
    let line = serde_json::to_string(&Report {
        devices: args.devices,
        pushes,
        changes,
        seconds: (seconds * 1000.0).round() / 1000.0,
        pushes_per_s: (pushes as f64 / seconds).round(),
        changes_per_s: (changes as f64 / seconds).round(),
    })?;
    println!("{line}");
    Ok(())
}

fn sign_in(agent: &ureq::Agent, url: &str, args: &Args, i: usize) -> Result<(String, NodeId)> {
    let node = NodeId::random();
    let request = SignInRequest {
        workspace: args.workspace.clone(),
        email: args.email.clone(),
        password: args.password.clone(),
        device_name: format!("push_load {i}"),
        node,
        app_version: "push_load".into(),
    };
    let mut reply = agent.post(format!("{url}/v1/devices")).send_json(&request)?;
    if reply.status() != 200 {
        bail!("sign-in answered {}: {}", reply.status(), reply.body_mut().read_to_string()?);
    }
    let answer: SignInResponse = reply.body_mut().read_json()?;
    Ok((answer.token, node))
}

fn agent(ca: Option<&std::path::Path>) -> Result<ureq::Agent> {
    let mut config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .max_idle_connections_per_host(1024)
        .max_idle_connections(1024);
    if let Some(path) = ca {
        let pem = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let certs: Vec<_> = ureq::tls::parse_pem(&pem)
            .filter_map(Result::ok)
            .filter_map(|item| match item {
                ureq::tls::PemItem::Certificate(c) => Some(c),
                _ => None,
            })
            .collect();
        config = config.tls_config(
            ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::Specific(Arc::new(certs))).build(),
        );
    }
    Ok(config.build().into())
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}
