//! The command line: `serve` and the admin commands, all on the same storage options.
//!
//! Parsing stays here; [`ServeArgs::check`] turns the raw flags into decisions (such as
//! refusing plain HTTP off loopback) before anything is opened or bound.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use frontline_sync::protocol::Role;

/// `frontline-server`.
#[derive(Debug, Parser)]
#[command(name = "frontline-server", version, about = "Frontline's shared sync server and its admin commands")]
pub struct Cli {
    /// Where the data lives.
    #[command(flatten)]
    pub storage: StorageArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Which database: an embedded SQLite in `--data`, or PostgreSQL at `--database-url`.
#[derive(Debug, Clone, Args)]
pub struct StorageArgs {
    /// Data directory of the embedded SQLite database (created 0700).
    #[arg(long, env = "FRONTLINE_DATA", global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// PostgreSQL instead: postgres://user:password@host/database (prefer the
    /// environment variable, so the password is not in the process list).
    #[arg(long, env = "FRONTLINE_DATABASE_URL", global = true, hide_env_values = true, value_name = "URL")]
    pub database_url: Option<String>,
}

/// Where the storage is, once chosen.
#[derive(Debug, Clone)]
pub enum StorageChoice {
    /// SQLite in this directory.
    Sqlite(PathBuf),
    /// PostgreSQL at this URL.
    Postgres(String),
}

impl StorageArgs {
    /// Exactly one of `--data` and `--database-url`.
    pub fn choice(&self) -> Result<StorageChoice, String> {
        match (&self.data, &self.database_url) {
            (Some(dir), None) => Ok(StorageChoice::Sqlite(dir.clone())),
            (None, Some(url)) => Ok(StorageChoice::Postgres(url.clone())),
            (Some(_), Some(_)) => Err("give either --data or --database-url, not both".into()),
            (None, None) => Err("give --data DIR (SQLite) or --database-url postgres://… (PostgreSQL)".into()),
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serves the sync API.
    Serve(ServeArgs),
    /// Workspaces.
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// Users of a workspace.
    #[command(subcommand)]
    User(UserCommand),
    /// Devices of a workspace.
    #[command(subcommand)]
    Device(DeviceCommand),
    /// Accepted changes of a workspace, newest first.
    Audit {
        /// The workspace's name.
        #[arg(long)]
        workspace: String,
        /// How many records.
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// `workspace …`.
#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// Creates a workspace.
    Create {
        /// Its name, as devices will type it at sign-in.
        name: String,
    },
}

/// `user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Adds a user; the password comes from $FRONTLINE_PASSWORD or standard input.
    Add {
        /// The workspace's name.
        #[arg(long)]
        workspace: String,
        /// The user's sign-in e-mail.
        #[arg(long)]
        email: String,
        /// What the user may do.
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Disables a user: their devices are refused from their next request.
    Disable {
        /// The workspace's name.
        #[arg(long)]
        workspace: String,
        /// The user's e-mail.
        #[arg(long)]
        email: String,
    },
}

/// `device …`.
#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Lists the workspace's devices.
    List {
        /// The workspace's name.
        #[arg(long)]
        workspace: String,
    },
    /// Revokes a device: its token is refused from its next request.
    Revoke {
        /// The workspace's name.
        #[arg(long)]
        workspace: String,
        /// The device's id (see `device list`).
        device_id: String,
    },
}

/// A role on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Manages users and devices; syncs.
    Admin,
    /// Syncs.
    Supervisor,
    /// Pulls only.
    Viewer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Self {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::Supervisor => Role::Supervisor,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One JSON object per line (for log collectors).
    Json,
    /// Human-readable.
    Text,
}

/// `serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free port; the real one is printed).
    #[arg(long, default_value = "127.0.0.1:8443", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// TLS certificate chain (PEM).
    #[arg(long, requires = "tls_key", value_name = "PEM")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    #[arg(long, requires = "tls_cert", value_name = "PEM")]
    pub tls_key: Option<PathBuf>,
    /// Serve plain HTTP on a non-loopback address (only behind a TLS-terminating proxy).
    #[arg(long)]
    pub insecure_http: bool,
    /// Seconds one request may take before it is answered 503.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub request_timeout: u64,
    /// Log line format (logs go to standard error; RUST_LOG sets the level).
    #[arg(long, value_enum, default_value_t = LogFormat::Json)]
    pub log_format: LogFormat,
}

/// How to serve, once checked.
#[derive(Debug, Clone)]
pub struct ServePlan {
    /// Where to listen.
    pub listen: SocketAddr,
    /// Certificate and key, for HTTPS.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Per-request time limit.
    pub request_timeout: Duration,
}

impl ServeArgs {
    /// Refuses plain HTTP on an address other machines can reach, unless asked for
    /// explicitly: device tokens and passwords would cross the network in clear.
    pub fn check(&self) -> Result<ServePlan, String> {
        let tls = self.tls_cert.clone().zip(self.tls_key.clone());
        if tls.is_none() && !self.listen.ip().is_loopback() && !self.insecure_http {
            return Err(format!(
                "refusing to serve plain HTTP on {}, which is not a loopback address: give --tls-cert and \
                 --tls-key, or --insecure-http if a TLS-terminating proxy is in front of this server",
                self.listen
            ));
        }
        if self.request_timeout == 0 {
            return Err("--request-timeout must be at least 1 second".into());
        }
        Ok(ServePlan { listen: self.listen, tls, request_timeout: Duration::from_secs(self.request_timeout) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> Result<ServePlan, String> {
        let cli = Cli::try_parse_from([&["frontline-server", "serve"], args].concat()).map_err(|e| e.to_string())?;
        match cli.command {
            Command::Serve(s) => s.check(),
            other => Err(format!("parsed as {other:?}")),
        }
    }

    #[test]
    fn plain_http_on_loopback_is_allowed() {
        assert!(serve(&["--listen", "127.0.0.1:0"]).is_ok());
        assert!(serve(&["--listen", "[::1]:0"]).is_ok());
    }

    #[test]
    fn plain_http_elsewhere_needs_insecure_http() {
        let refused = serve(&["--listen", "0.0.0.0:8080"]).unwrap_err();
        assert!(refused.contains("refusing to serve plain HTTP"), "{refused}");
        assert!(serve(&["--listen", "0.0.0.0:8080", "--insecure-http"]).is_ok());
        assert!(serve(&["--listen", "0.0.0.0:8080", "--tls-cert", "c.pem", "--tls-key", "k.pem"]).is_ok());
    }

    #[test]
    fn a_certificate_needs_its_key() {
        assert!(serve(&["--tls-cert", "c.pem"]).is_err());
    }

    #[test]
    fn storage_is_either_sqlite_or_postgres() {
        let args = |data: Option<&str>, url: Option<&str>| StorageArgs {
            data: data.map(PathBuf::from),
            database_url: url.map(str::to_owned),
        };
        assert!(matches!(args(Some("d"), None).choice(), Ok(StorageChoice::Sqlite(_))));
        assert!(matches!(args(None, Some("postgres://x")).choice(), Ok(StorageChoice::Postgres(_))));
        assert!(args(Some("d"), Some("postgres://x")).choice().is_err());
        assert!(args(None, None).choice().is_err());
    }

    #[test]
    fn storage_options_may_follow_the_subcommand() {
        let cli = Cli::try_parse_from(["frontline-server", "workspace", "create", "acme", "--data", "/tmp/x"]).unwrap();
        assert_eq!(cli.storage.data, Some(PathBuf::from("/tmp/x")));
    }
}
