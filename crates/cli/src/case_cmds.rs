//! `case new|set|note|show|list`: cases from scripts.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use frontline_core::cases::{self, CaseChannel, CaseEdit, CaseQuery, CaseStatus, NewCase, Priority, Queue, Resolution};
use frontline_core::settings::Language;
use frontline_core::{Store, customers, export, people, views};

use crate::{export_cmd, output, progress};

pub struct NewArgs {
    pub title: String,
    pub priority: Priority,
    pub customer: Option<String>,
    pub category: Option<String>,
    pub channel: CaseChannel,
    pub description: Option<String>,
    pub json: bool,
}

pub fn new(db: &Path, a: NewArgs) -> Result<()> {
    let mut store = open(db)?;
    let id = store.write(|tx| {
        let customer_id = a.customer.as_deref().map(|name| customers::find_or_create(tx, name)).transpose()?;
        cases::create(
            tx,
            &NewCase {
                title: a.title.clone(),
                description: a.description.clone().unwrap_or_default(),
                customer_id,
                channel: a.channel,
                category: a.category.clone().unwrap_or_default(),
                priority: a.priority,
            },
        )
    })?;
    let case = cases::get(store.conn(), &id)?;
    if a.json {
        return output::json(&serde_json::json!({ "id": case.id, "reference": case.reference }));
    }
    output::line(format_args!("{} {}", case.id, case.reference));
    Ok(())
}

/// Sets fields given as `field=value`, all in one transaction: title, description,
/// category, channel, priority, status (resolving needs `root_cause=` and
/// `resolution_summary=` too), assignee (an agent's name; empty to unassign), tags
/// (comma-separated; empty for none).
pub fn set(db: &Path, key: &str, assignments: &[String]) -> Result<()> {
    let mut pairs = Vec::new();
    for a in assignments {
        let (field, value) = a.split_once('=').with_context(|| format!("{a:?} is not field=value"))?;
        pairs.push((field.trim().to_ascii_lowercase(), value.to_owned()));
    }
    if pairs.is_empty() {
        bail!("nothing to set; give field=value (title, description, category, channel, priority, status, assignee, tags)");
    }
    let get = |name: &str| pairs.iter().find(|(f, _)| f == name).map(|(_, v)| v.clone());
    for (field, _) in &pairs {
        if !["title", "description", "category", "channel", "priority", "status", "assignee", "tags", "root_cause", "resolution_summary"]
            .contains(&field.as_str())
        {
            bail!("unknown field {field:?}; use title, description, category, channel, priority, status, assignee or tags");
        }
    }
    let mut store = open(db)?;
    let id = cases::resolve_key(store.conn(), key)?;
    let before = cases::get(store.conn(), &id)?;
    let priority = get("priority").map(|p| parse_priority(&p)).transpose()?;
    let channel = get("channel").map(|c| CaseChannel::parse(&c.to_ascii_lowercase()).context(format!("unknown channel {c:?}"))).transpose()?;
    let status = get("status")
        .map(|s| CaseStatus::parse(&s.to_ascii_lowercase().replace('-', "_")).context(format!("unknown status {s:?}")))
        .transpose()?;
    let assignee = match get("assignee") {
        None => None,
        Some(name) if name.trim().is_empty() => Some(None),
        Some(name) => Some(Some(people::find_agent(store.conn(), &name)?)),
    };
    store.write(|tx| {
        if ["title", "description", "category", "channel", "priority"].iter().any(|f| get(f).is_some()) {
            cases::edit(
                tx,
                &id,
                &CaseEdit {
                    title: get("title").unwrap_or(before.title.clone()),
                    description: get("description").unwrap_or(before.description.clone()),
                    customer_id: before.customer_id.clone(),
                    channel: channel.unwrap_or(before.channel),
                    category: get("category").unwrap_or(before.category.clone()),
                    priority: priority.unwrap_or(before.priority),
                },
            )?;
        }
        if let Some(a) = &assignee {
            cases::assign(tx, &id, a.as_ref(), before.team_id.as_ref())?;
        }
        if let Some(tags) = get("tags") {
            let tags: Vec<String> = tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect();
            cases::set_tags(tx, &id, &tags)?;
        }
        if let Some(to) = status {
            let resolution = Resolution {
                root_cause: get("root_cause").unwrap_or_default(),
                resolution_summary: get("resolution_summary").unwrap_or_default(),
            };
            cases::transition(tx, &id, to, Some(&resolution))?;
        }
        Ok(())
    })?;
    output::line(format_args!("{} updated", before.reference));
    Ok(())
}

pub fn note(db: &Path, key: &str, text: &str) -> Result<()> {
    let mut store = open(db)?;
    let id = cases::resolve_key(store.conn(), key)?;
    store.write(|tx| cases::add_note(tx, &id, text))?;
    output::line("note added");
    Ok(())
}

pub fn show(db: &Path, key: &str, json: bool) -> Result<()> {
    let store = Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let id = cases::resolve_key(store.conn(), key)?;
    let d = cases::detail(&store, &id)?;
    if json {
        return output::json(&d);
    }
    let c = &d.case;
    output::line(format_args!("{}  {}", c.reference, c.title));
    output::line(format_args!("id:        {}", c.id));
    output::line(format_args!("status:    {}   priority: {}   channel: {}", c.status.as_str(), c.priority.as_str(), c.channel.as_str()));
    output::line(format_args!("customer:  {}", c.customer_name.as_deref().unwrap_or("—")));
    output::line(format_args!("assignee:  {}", c.assignee_name.as_deref().unwrap_or("—")));
    output::line(format_args!("category:  {}", if c.category.is_empty() { "—" } else { &c.category }));
    output::line(format_args!("tags:      {}", if c.tags.is_empty() { "—".to_owned() } else { c.tags.join(", ") }));
    output::line(format_args!("timeline:  {} entries", d.timeline.len()));
    for e in &d.timeline {
        let kind = serde_json::to_value(&e.data)?.get("kind").and_then(|k| k.as_str().map(str::to_owned)).unwrap_or_default();
        output::line(format_args!("  {}  {kind}", e.at));
    }
    Ok(())
}

pub struct ListArgs {
    pub json: bool,
    pub queue: Option<String>,
    pub view: Option<String>,
    pub text: Option<String>,
    pub limit: u32,
    pub csv: Option<PathBuf>,
    pub lang: Option<Language>,
}

pub fn list(db: &Path, a: ListArgs) -> Result<()> {
    let store = Store::open_read_only(db).with_context(|| format!("cannot open {}", db.display()))?;
    let mut q = match &a.view {
        Some(name) => views::list(store.conn())?
            .into_iter()
            .find(|v| v.name == *name)
            .with_context(|| format!("no saved view is called {name:?}"))?
            .query,
        None => CaseQuery::default(),
    };
    if let Some(queue) = &a.queue {
        q.queue = Queue::parse(&queue.to_ascii_lowercase()).with_context(|| format!("unknown queue {queue:?}"))?;
    }
    if a.text.is_some() {
        q.text = a.text;
    }
    if q.queue == Queue::Mine && q.me.is_none() {
        q.me = views::me(store.conn())?;
    }
    if let Some(to) = &a.csv {
        let lang = export_cmd::language(&store, a.lang)?;
        let rows = export_cmd::to_new_file(to, |out, cancelled| {
            export::cases_csv(store.conn(), &q, lang, store.now(), out, |p| {
                progress::draw(&format!("exporting: {}/{} cases", p.rows, p.total));
                export_cmd::keep_going(cancelled)
            })
        })?;
        output::line(format_args!("exported {rows} cases to {}", to.display()));
        return Ok(());
    }
    q.limit = a.limit;
    let page = cases::query::list(store.conn(), &q, store.now())?;
    if a.json {
        return output::json(&page);
    }
    for r in &page.rows {
        output::line(format_args!("{}  {:<16}  {}  {}  {}", r.id, r.reference, r.priority.as_str(), r.status.as_str(), r.title));
    }
    output::line(format_args!("{} of {} cases", page.rows.len(), page.total));
    Ok(())
}

pub fn parse_priority(s: &str) -> Result<Priority> {
    Priority::parse(&s.to_ascii_lowercase()).with_context(|| format!("unknown priority {s:?}; use P1, P2, P3 or P4"))
}

pub fn parse_channel(s: &str) -> Result<CaseChannel, String> {
    CaseChannel::parse(&s.to_ascii_lowercase().replace('-', "_"))
        .ok_or_else(|| format!("unknown channel {s:?}; use phone, email, chat, social or walk-in"))
}

fn open(db: &Path) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open {}", db.display()))
}
