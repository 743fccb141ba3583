//! `frontline-cli`: Frontline without a window.
//!
//! A thin adapter over `frontline-core` and the sync client: each subcommand parses its
//! arguments, calls core and prints the result. Results go to stdout (`--json` where a
//! script wants to read them), progress and errors to stderr, once, on their own line;
//! Ctrl-C cancels long work cleanly (no half-written file, the database as it was).
#![forbid(unsafe_code)]

mod case_cmds;
mod demo_cmd;
mod export_cmd;
mod import_cmd;
mod kpi_cmd;
mod output;
mod progress;
mod report_cmd;
mod store_cmds;
mod sync_cmds;
mod training_cmd;
mod voc_cmd;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};
use frontline_core::cases::{CaseChannel, Priority};
use frontline_core::paths;
use frontline_core::settings::Language;

/// Frontline's command-line tool.
#[derive(Parser)]
#[command(name = "frontline-cli", version, about)]
struct Cli {
    /// Database file (default: $FRONTLINE_DB, else $FRONTLINE_DATA_DIR/frontline.db, else the OS data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the database's path, schema version, node id and row counts (changes nothing).
    Info,
    /// Write a consistent copy of the database to PATH (safe while the app is running).
    Backup {
        /// Where to write the backup; must not exist yet.
        path: PathBuf,
    },
    /// Replace the database with the backup at PATH, after checking it. The current
    /// database is kept beside it as `<name>.before-restore-<time>.db`.
    Restore {
        /// The backup file to restore.
        path: PathBuf,
    },
    /// Fill the database with a realistic demo contact centre: teams, agents, customers and
    /// cases with their whole history over the last 90 days. All or nothing: Ctrl-C leaves
    /// the database as it was. Demo data never syncs; `--clear` removes it.
    Demo {
        /// Number of cases, 1 to 100000 (100000 is the benchmark size, about a million
        /// timeline events).
        #[arg(long, default_value_t = 1000)]
        cases: u32,
        /// Language of names and texts: en, zh-Hans or zh-Hant.
        #[arg(long, default_value = "en", value_parser = demo_cmd::parse_language)]
        lang: Language,
        /// Random seed; the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Add demo data even though the database already has cases.
        #[arg(long)]
        force: bool,
        /// Remove all demo data instead (so the database can sign in to a team).
        #[arg(long, conflicts_with_all = ["cases", "lang", "seed", "force"])]
        clear: bool,
    },
    /// Sign this database in to a team's sync server (password from stdin or $FRONTLINE_PASSWORD).
    Login {
        /// The server's address, e.g. https://sync.example.com
        #[arg(long)]
        server: String,
        /// The workspace (team) name.
        #[arg(long)]
        workspace: String,
        /// Your e-mail address on the server.
        #[arg(long)]
        user: String,
        /// A name for this device in the server's device list (default: the host name).
        #[arg(long)]
        device_name: Option<String>,
    },
    /// Send this device's changes and receive everyone else's.
    Sync {
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show the sync state: signed in, last sync, changes waiting, conflicts.
    Status {
        /// Print it as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List this device's edits that lost to a concurrent edit elsewhere, or settle one.
    Conflicts {
        /// Print them as JSON.
        #[arg(long)]
        json: bool,
        /// Write this device's value again (it wins everywhere).
        #[arg(long, value_name = "ID", conflicts_with = "accept_theirs")]
        keep_mine: Option<i64>,
        /// Keep the value that won.
        #[arg(long, value_name = "ID")]
        accept_theirs: Option<i64>,
    },
    /// Sign this device out (the data stays; a later login sends everything again).
    Logout,
    /// Work with cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// The dashboard's KPIs for a period beside the previous period of equal length
    /// (days in the team's time zone).
    Kpi {
        /// today, 7d, 30d, 90d, or FROM..TO (YYYY-MM-DD, both days included).
        #[arg(long, default_value = "30d")]
        period: String,
        /// Only this team's cases (by name; repeat for several).
        #[arg(long)]
        team: Vec<String>,
        /// Only cases assigned to this agent (by name; repeat for several).
        #[arg(long)]
        agent: Vec<String>,
        /// Only this channel: phone, email, chat, social or walk-in (repeatable).
        #[arg(long, value_parser = case_cmds::parse_channel)]
        channel: Vec<CaseChannel>,
        /// Only this category (repeatable).
        #[arg(long)]
        category: Vec<String>,
        /// Only this priority, P1 to P4 (repeatable).
        #[arg(long, value_parser = |s: &str| case_cmds::parse_priority(s).map_err(|e| e.to_string()))]
        priority: Vec<Priority>,
        /// Only customers of this tier: standard or vip (repeatable).
        #[arg(long, value_parser = kpi_cmd::parse_tier)]
        tier: Vec<frontline_core::customers::Tier>,
        /// A leaderboard instead: the period's KPIs per agent or per team.
        #[arg(long, value_parser = kpi_cmd::parse_by, conflicts_with = "csv")]
        by: Option<frontline_core::kpi::LeaderboardBy>,
        /// Print every number as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Write the KPIs to FILE as CSV (one row per KPI, this period beside the
        /// previous one; UTF-8 with BOM); FILE must not exist yet.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Language of the CSV headers and KPI names: en, zh-Hans or zh-Hant (default:
        /// this device's).
        #[arg(long, value_parser = demo_cmd::parse_language, requires = "csv")]
        lang: Option<Language>,
    },
    /// The weekly or monthly service report: a calendar week (Monday to Sunday) or month
    /// in the workspace's time zone beside the one before, by default the last complete
    /// one. Prints it as text, or as JSON, or writes it as a PDF (which needs a font that
    /// covers Chinese: Noto Sans CJK or WenQuanYi on Linux).
    Report {
        /// week or month.
        #[arg(long, value_parser = report_cmd::parse_period)]
        period: frontline_core::report::ReportKind,
        /// Any day (YYYY-MM-DD) of the week or month wanted (default: the last complete one).
        #[arg(long, value_name = "YYYY-MM-DD")]
        of: Option<String>,
        /// Write the report to FILE as a PDF; FILE must not exist yet.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// Print every number as JSON.
        #[arg(long, conflicts_with = "pdf")]
        json: bool,
        /// Language of the KPI names and headings: en, zh-Hans or zh-Hant (default: this
        /// device's).
        #[arg(long, value_parser = demo_cmd::parse_language)]
        lang: Option<Language>,
    },
    /// Read a file written by `export --json` into this database, which must be empty
    /// (moving to a new laptop, or out of another Frontline). All or nothing: a damaged,
    /// foreign or newer file, or Ctrl-C, leaves the database as it was. Status, due times,
    /// search and counts are rebuilt; the rows become this device's data (a later login
    /// sends them).
    ImportJson {
        /// The export to read.
        file: PathBuf,
    },
    /// Import cases and their customers from a CSV file: a Zendesk or Freshdesk ticket
    /// export (recognised by its header row), or any CSV with a column mapping. All or
    /// nothing: a file with row errors imports nothing (unless --skip-invalid), Ctrl-C
    /// leaves the database as it was; rows imported before are skipped.
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Check every row and say what would be created; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// A mapping file (JSON; --show-mapping prints the one that would be used, to edit).
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// The file's encoding: utf-8, gbk (gb18030) or big5 (default: detected).
        #[arg(long, value_parser = import_cmd::parse_encoding)]
        encoding: Option<frontline_core::import::FileEncoding>,
        /// Import the valid rows of a file that has row errors.
        #[arg(long)]
        skip_invalid: bool,
        /// Print the mapping that would be used, as JSON, and stop.
        #[arg(long, conflicts_with_all = ["dry_run", "skip_invalid"])]
        show_mapping: bool,
        /// Print the dry run or the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Import training records (employee id, course, date, score) from a CSV file in
    /// UTF-8, GBK or Big5. All or nothing: a file with any row error imports nothing;
    /// records already held are skipped.
    ImportTraining {
        /// The CSV file.
        file: PathBuf,
        /// Check every row and list every error (row, column, reason); write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding: utf-8, gbk (gb18030) or big5 (default: detected).
        #[arg(long, value_parser = import_cmd::parse_encoding)]
        encoding: Option<frontline_core::import::FileEncoding>,
        /// Print the dry run or the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The voice of the customer.
    #[command(subcommand)]
    Voc(VocCommand),
    /// Export every synced table as canonical JSON (rows by id, keys sorted, deleted rows
    /// included): two databases holding the same state export identical files.
    Export {
        /// The file to write; must not exist yet.
        #[arg(long, value_name = "FILE")]
        json: PathBuf,
    },
}

/// `voc` subcommands.
#[derive(Subcommand)]
enum VocCommand {
    /// The pain-point heat maps of a period: journey stage x root cause (cases created in
    /// it) and journey stage x theme (feedback given in it), each cell with its count and
    /// CSAT (share of 4-5 answers), in the team's time zone.
    Painpoints {
        /// today, 7d, 30d, 90d, or FROM..TO (YYYY-MM-DD, both days included).
        #[arg(long, default_value = "30d")]
        period: String,
        /// Print every number as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum CaseCommand {
    /// Log a new case; prints its id and reference.
    New {
        /// Short summary.
        #[arg(long)]
        title: String,
        /// P1 (critical) to P4 (low).
        #[arg(long, value_parser = |s: &str| case_cmds::parse_priority(s).map_err(|e| e.to_string()))]
        priority: Priority,
        /// The customer's name (made if new).
        #[arg(long)]
        customer: Option<String>,
        /// Category, e.g. Billing.
        #[arg(long)]
        category: Option<String>,
        /// phone, email, chat, social or walk-in.
        #[arg(long, default_value = "phone", value_parser = case_cmds::parse_channel)]
        channel: CaseChannel,
        /// Details.
        #[arg(long)]
        description: Option<String>,
        /// Print the id and reference as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set fields: FIELD=VALUE… (title, description, category, channel, priority, status,
    /// assignee, tags; resolving also takes root_cause= and resolution_summary=).
    Set {
        /// The case's id or reference.
        case: String,
        /// FIELD=VALUE pairs.
        #[arg(required = true)]
        fields: Vec<String>,
    },
    /// Add a note to the timeline.
    Note {
        /// The case's id or reference.
        case: String,
        /// The note.
        text: String,
    },
    /// Show a case and its timeline.
    Show {
        /// The case's id or reference.
        case: String,
        /// Print it as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List cases, newest first (or as the saved view sorts them).
    List {
        /// Print the page as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// all, mine, unassigned, breaching, escalated, vip or awaiting_callback.
        #[arg(long)]
        queue: Option<String>,
        /// Start from this saved view's queue, filters and sort (by name).
        #[arg(long)]
        view: Option<String>,
        /// Search text.
        #[arg(long)]
        text: Option<String>,
        /// How many (at most 500; with --csv every case of the list is written).
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// Write every case of the list to FILE as CSV (UTF-8 with BOM, opens in Excel);
        /// FILE must not exist yet.
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Language of the CSV headers: en, zh-Hans or zh-Hant (default: this device's).
        #[arg(long, value_parser = demo_cmd::parse_language, requires = "csv")]
        lang: Option<Language>,
    },
}

/// See the workspace manifest.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        output::end_progress();
        eprintln!("error: {}", chain(&e));
        std::process::exit(1);
    }
}

/// The error and its causes, each said once: a cause whose text its parent already
/// includes (an I/O error inside "cannot write …: <it>") is not repeated.
fn chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

fn run(cli: Cli) -> Result<()> {
    let location = paths::resolve(cli.db)?;
    // Commands that only read change nothing, not even the directory's mode.
    let reads_only = matches!(
        cli.command,
        Command::Info
            | Command::Backup { .. }
            | Command::Status { .. }
            | Command::Export { .. }
            | Command::Kpi { .. }
            | Command::Report { .. }
            | Command::Voc(_)
    ) || matches!(cli.command, Command::Case(CaseCommand::Show { .. } | CaseCommand::List { .. }))
        || matches!(cli.command, Command::Conflicts { keep_mine: None, accept_theirs: None, .. });
    if !reads_only && paths::secure(&location)? {
        eprintln!(
            "note: made {} private to you (it was readable by others)",
            location.path.parent().map_or_else(String::new, |d| d.display().to_string())
        );
    }
    let db = location.path;
    match cli.command {
        Command::Info => store_cmds::info(&db),
        Command::Backup { path } => store_cmds::backup(&db, &path),
        Command::Restore { path } => store_cmds::restore(&db, &path),
        Command::Demo { cases, lang, seed, force, clear } => {
            demo_cmd::run(&db, demo_cmd::DemoArgs { cases, lang, seed, force, clear })
        }
        Command::Login { server, workspace, user, device_name } => {
            sync_cmds::login(&db, &server, &workspace, &user, device_name)
        }
        Command::Sync { json } => sync_cmds::sync(&db, json),
        Command::Status { json } => sync_cmds::status(&db, json),
        Command::Conflicts { json, keep_mine, accept_theirs } => {
            sync_cmds::conflicts(&db, json, keep_mine, accept_theirs)
        }
        Command::Logout => sync_cmds::logout(&db),
        Command::Case(c) => match c {
            CaseCommand::New { title, priority, customer, category, channel, description, json } => case_cmds::new(
                &db,
                case_cmds::NewArgs { title, priority, customer, category, channel, description, json },
            ),
            CaseCommand::Set { case, fields } => case_cmds::set(&db, &case, &fields),
            CaseCommand::Note { case, text } => case_cmds::note(&db, &case, &text),
            CaseCommand::Show { case, json } => case_cmds::show(&db, &case, json),
            CaseCommand::List { json, queue, view, text, limit, csv, lang } => {
                case_cmds::list(&db, case_cmds::ListArgs { json, queue, view, text, limit, csv, lang })
            }
        },
        Command::Export { json } => export_cmd::json(&db, &json),
        Command::Report { period, of, pdf, json, lang } => {
            report_cmd::run(&db, report_cmd::ReportArgs { kind: period, of, pdf, json, lang })
        }
        Command::Voc(VocCommand::Painpoints { period, json }) => voc_cmd::pain_points(&db, &period, json),
        Command::Import { file, dry_run, mapping, encoding, skip_invalid, show_mapping, json } => import_cmd::run(
            &db,
            import_cmd::ImportArgs { file, dry_run, mapping, encoding, skip_invalid, show_mapping, json },
        ),
        Command::ImportJson { file } => export_cmd::import_json(&db, &file),
        Command::ImportTraining { file, dry_run, encoding, json } => {
            training_cmd::run(&db, training_cmd::TrainingImportArgs { file, dry_run, encoding, json })
        }
        Command::Kpi { period, team, agent, channel, category, priority, tier, by, json, csv, lang } => kpi_cmd::run(
            &db,
            kpi_cmd::KpiArgs {
                period,
                teams: team,
                agents: agent,
                channels: channel,
                categories: category,
                priorities: priority,
                tiers: tier,
                by,
                json,
                csv,
                lang,
            },
        ),
    }
}
