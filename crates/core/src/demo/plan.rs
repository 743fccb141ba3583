//! Planning one demo case: what it is about ([`draft`]) and what happens to it, when
//! ([`steps`]). Pure functions of the random stream and their inputs, so a seed gives the
//! same cases every time; the caller writes the plan through the real write path.
//!
//! The life of a case follows a contact centre's: intake (a live call logs a contact at
//! once; an e-mail waits for our first response), assignment to the team that owns the
//! category, investigation notes, sometimes waiting for the customer or another
//! department, sometimes an escalation, resolution with root cause and summary, now and
//! then a reopen, then the call-back (回访) with CSAT and NPS, and closing. Timing is
//! anchored on the SLA due times the store derived for the case, so most targets are met
//! and a realistic minority is breached. Whatever lies after the demo's end is cut off,
//! which leaves recent cases open, pending or still unanswered.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::text::{CATEGORY_COUNT, CategoryText, Phrasebook};
use super::timing::working_time;
use crate::cases::history::Step;
use crate::cases::{CallbackResult, CaseChannel, CaseStatus, Contact, Direction, Escalation, Priority, Resolution};
use crate::ids::{AgentId, TeamId};

/// Teams (one per group of categories).
pub(super) const TEAMS: usize = 4;
/// Agents in each team.
pub(super) const AGENTS_PER_TEAM: usize = 6;

/// Category mix (percent), in phrasebook order: billing, delivery, technical, account,
/// complaint, refund, product quality.
const CATEGORIES: [(usize, u32); CATEGORY_COUNT] = [(0, 20), (1, 17), (2, 22), (3, 11), (4, 10), (5, 11), (6, 9)];
/// The team that owns each category.
const CATEGORY_TEAM: [usize; CATEGORY_COUNT] = [0, 1, 2, 0, 3, 0, 1];
/// Index of the complaint category.
const COMPLAINT: usize = 4;
const PRIORITIES: [(Priority, u32); 4] =
    [(Priority::P1, 5), (Priority::P2, 20), (Priority::P3, 50), (Priority::P4, 25)];
const CHANNELS: [(CaseChannel, u32); 5] = [
    (CaseChannel::Phone, 45),
    (CaseChannel::Email, 20),
    (CaseChannel::Chat, 18),
    (CaseChannel::Social, 9),
    (CaseChannel::WalkIn, 8),
];
/// Share of first responses that miss their target.
const FIRST_RESPONSE_LATE: f64 = 0.09;
/// Share of cases resolved after their target.
const RESOLUTION_LATE: f64 = 0.11;
/// Share of cases stuck for weeks past their target (old open cases in the backlog).
const STUCK: f64 = 0.02;
/// Share of live intake conversations (not P1) that solve the problem on the spot.
const FIRST_CONTACT_RESOLUTION: f64 = 0.3;
/// Share of resolved cases the customer reopens.
const REOPEN: f64 = 0.05;
/// Share of resolved cases that get a call-back, and of those that reach the customer in
/// time (the others end as "no answer" days later, and are overdue until then).
const CALLBACK: f64 = 0.9;
const CALLBACK_RECORDED: f64 = 0.8;

/// What the demo knows beyond one case.
pub(super) struct World<'a> {
    /// Texts of the language.
    pub book: &'static Phrasebook,
    /// The team's time zone.
    pub tz: Tz,
    /// Nothing happens after this.
    pub end: DateTime<Utc>,
    /// Whether each customer is VIP.
    pub vip: &'a [bool],
    /// The agents, team by team ([`AGENTS_PER_TEAM`] each).
    pub agents: &'a [AgentId],
    /// The teams.
    pub teams: &'a [TeamId],
}

/// Values filled into one case's templates.
pub(super) struct Vars {
    days: u32,
    weeks: u32,
    minutes: u32,
    times: u32,
    amount: String,
    order: String,
    product: &'static str,
    device: &'static str,
    plan: &'static str,
    speed: u32,
    code: u32,
}

impl Vars {
    fn new(rng: &mut StdRng, book: &Phrasebook) -> Vars {
        let amount = if book.decimal_amounts {
            let pence: u32 = rng.random_range(1_200..48_000);
            format!("{}.{:02}", pence / 100, pence % 100)
        } else {
            (rng.random_range(3..200u32) * 10).to_string()
        };
        Vars {
            days: rng.random_range(5..22),
            weeks: rng.random_range(2..13),
            minutes: rng.random_range(20..76),
            times: rng.random_range(3..8),
            amount,
            order: format!("FL{:08}", rng.random_range(0..100_000_000)),
            product: pick(rng, book.products),
            device: pick(rng, book.devices),
            plan: pick(rng, book.plans),
            speed: *[100, 300, 500, 1000].choose(rng).unwrap_or(&500),
            code: rng.random_range(100..1000),
        }
    }

    /// `template` with its placeholders replaced; `{dept}` becomes `dept`.
    pub(super) fn fill(&self, template: &str, dept: &str) -> String {
        if !template.contains('{') {
            return template.to_owned();
        }
        let mut s = template.to_owned();
        let numbers = [
            ("{days}", self.days),
            ("{weeks}", self.weeks),
            ("{minutes}", self.minutes),
            ("{times}", self.times),
            ("{speed}", self.speed),
            ("{code}", self.code),
        ];
        for (key, v) in numbers {
            if s.contains(key) {
                s = s.replace(key, &v.to_string());
            }
        }
        for (key, v) in [
            ("{amount}", self.amount.as_str()),
            ("{order}", &self.order),
            ("{product}", self.product),
            ("{device}", self.device),
            ("{plan}", self.plan),
            ("{dept}", dept),
        ] {
            if s.contains(key) {
                s = s.replace(key, v);
            }
        }
        s
    }
}

/// What a case is about, decided before it is written.
pub(super) struct Draft {
    /// When it was logged.
    pub created: DateTime<Utc>,
    /// Index into the phrasebook's categories.
    pub category: usize,
    /// How the customer reached us.
    pub channel: CaseChannel,
    /// Urgency.
    pub priority: Priority,
    /// Index of the customer.
    pub customer: usize,
    /// Whether the customer is VIP.
    pub vip: bool,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    vars: Vars,
}

impl Draft {
    /// The case's category texts.
    pub(super) fn category_text(&self, book: &'static Phrasebook) -> &'static CategoryText {
        &book.categories[self.category]
    }
}

/// Decides what the case logged at `created` is about.
pub(super) fn draft(rng: &mut StdRng, w: &World<'_>, created: DateTime<Utc>) -> Draft {
    let category = weighted(rng, &CATEGORIES);
    let channel = weighted(rng, &CHANNELS);
    // Some customers call far more than others.
    let n = w.vip.len().max(1);
    let customer = ((n as f64 * rng.random::<f64>().powf(1.3)) as usize).min(n - 1);
    let vip = w.vip.get(customer).copied().unwrap_or(false);
    let mut priority = weighted(rng, &PRIORITIES);
    if vip && rng.random_bool(0.3) {
        priority = match priority {
            Priority::P4 => Priority::P3,
            Priority::P3 => Priority::P2,
            _ => Priority::P1,
        };
    }
    if category == COMPLAINT && priority == Priority::P4 {
        priority = Priority::P3;
    }
    let vars = Vars::new(rng, w.book);
    let cat = &w.book.categories[category];
    let title = capitalise(&vars.fill(pick(rng, cat.titles), cat.department));
    let description = vars.fill(pick(rng, cat.descriptions), cat.department);
    Draft { created, category, channel, priority, customer, vip, title, description, vars }
}

/// Everything that happens to the case after intake, in time order, up to the demo's end.
/// `first_response_due` and `resolution_due` are the due times the store derived for it.
pub(super) fn steps(
    rng: &mut StdRng,
    w: &World<'_>,
    d: &Draft,
    first_response_due: Option<DateTime<Utc>>,
    resolution_due: Option<DateTime<Utc>>,
) -> Vec<(DateTime<Utc>, Step)> {
    let book = w.book;
    let cat = d.category_text(book);
    let dept = cat.department;
    let around_the_clock = d.priority == Priority::P1;
    let snap = |t: DateTime<Utc>| if around_the_clock { t } else { working_time(w.tz, t) };
    let text = |rng: &mut StdRng, list: &[&'static str]| d.vars.fill(pick(rng, list), dept);
    let c = d.created;
    let mut out: Vec<(DateTime<Utc>, Step)> = Vec::with_capacity(20);
    let mut went_badly = false;

    let team = if rng.random_bool(0.9) { CATEGORY_TEAM[d.category] } else { rng.random_range(0..TEAMS) };
    let agent = team * AGENTS_PER_TEAM + rng.random_range(0..AGENTS_PER_TEAM);
    let assign = Step::Assign { agent: w.agents.get(agent).cloned(), team: w.teams.get(team).cloned() };
    if rng.random_bool(0.2) {
        let n = if rng.random_bool(0.7) { 1 } else { 2 };
        let tags = book.tags.choose_multiple(rng, n).map(|t| (*t).to_owned()).collect();
        out.push((c + minutes(3), Step::Tags(tags)));
    }

    // Intake and first response; some live conversations solve the problem there and then.
    let live =
        matches!(d.channel, CaseChannel::Phone | CaseChannel::Chat | CaseChannel::WalkIn) && rng.random_bool(0.7);
    let first_contact_resolution = live && !around_the_clock && rng.random_bool(FIRST_CONTACT_RESOLUTION);
    let first_response = if live {
        out.push((c + Duration::seconds(30), assign));
        let intake = text(rng, book.intake);
        out.push((c + minutes(1), contact(rng, Direction::Inbound, d.channel, intake)));
        if first_contact_resolution {
            let resolved = c + minutes(rng.random_range(2..6));
            out.push((resolved, Step::Move(CaseStatus::Resolved, Some(resolution_of(rng, d, cat)))));
            return after_resolution(rng, w, d, out, resolved, went_badly);
        }
        out.push((c + minutes(2), Step::Move(CaseStatus::Open, None)));
        c + minutes(1)
    } else {
        let assigned =
            snap(c + minutes(if around_the_clock { rng.random_range(2..15) } else { rng.random_range(5..120) }));
        if w.end - c < Duration::days(2) && rng.random_bool(0.3) {
            // Waiting in the unassigned queue.
            return finish(out, w.end);
        }
        out.push((assigned, assign));
        let planned = match first_response_due {
            Some(due) if due > c => {
                let span = due - c;
                if rng.random_bool(FIRST_RESPONSE_LATE) {
                    went_badly = true;
                    due + part(span, rng.random_range(0.05..1.0)) + minutes(5)
                } else {
                    c + part(span, 0.02 + 0.9 * rng.random::<f64>().powf(1.5))
                }
            }
            _ => c + minutes(rng.random_range(30..480)),
        };
        let at = snap(planned.max(assigned + minutes(1)));
        let ch = first_response_channel(rng, d.channel);
        let reply = text(rng, book.first_response);
        out.push((at, contact(rng, Direction::Outbound, ch, reply)));
        out.push((at + minutes(1), Step::Move(CaseStatus::Open, None)));
        at
    };

    // Resolution time, then what happens on the way there.
    let start = first_response + minutes(2);
    let roll: f64 = rng.random();
    let planned = match resolution_due {
        Some(due) if due > c => {
            let span = due - c;
            if roll < STUCK {
                went_badly = true;
                due + Duration::days(rng.random_range(10..60))
            } else if roll < STUCK + RESOLUTION_LATE {
                went_badly = true;
                due + part(span, rng.random_range(0.05..0.8))
            } else {
                c + part(span, 0.15 + 0.8 * rng.random::<f64>())
            }
        }
        _ => c + Duration::hours(rng.random_range(24..120)),
    };
    // Waiting for the customer pauses the resolution clock, so it pushes resolution back.
    let wait = rng.random_bool(0.22).then(|| Duration::minutes(rng.random_range(120..7_200)));
    let resolved = snap(planned.max(start + minutes(60)) + wait.unwrap_or_else(Duration::zero));
    let span = resolved - start;
    let at = |f: f64| start + part(span, f);

    for _ in 0..weighted(rng, &[(0, 40), (1, 48), (2, 12)]) {
        let when = at(rng.random_range(0.05..0.95));
        out.push((when, Step::Note(text(rng, cat.notes))));
    }
    // Work after the customer's answer (or from the start) until resolution.
    let mut busy = start;
    if let Some(wait) = wait {
        let asked = start + part(span - wait, rng.random_range(0.05..0.3));
        let answered = asked + wait;
        busy = answered + minutes(2);
        let ch = later_channel(rng);
        let ask = text(rng, book.ask_customer);
        out.push((asked, contact(rng, Direction::Outbound, ch, ask)));
        out.push((asked + minutes(1), Step::Move(CaseStatus::PendingCustomer, None)));
        let reply = text(rng, book.customer_reply);
        out.push((answered, contact(rng, Direction::Inbound, d.channel, reply)));
        out.push((answered + minutes(1), Step::Move(CaseStatus::Open, None)));
    }
    if rng.random_bool(0.1) {
        // Waiting for another department: the clock keeps running.
        let rest = resolved - busy;
        let from = busy + part(rest, rng.random_range(0.1..0.4));
        let to = from + part(resolved - from, rng.random_range(0.3..0.8));
        out.push((from, Step::Note(text(rng, book.waiting_internal))));
        out.push((from + minutes(1), Step::Move(CaseStatus::PendingInternal, None)));
        out.push((to, Step::Note(text(rng, book.internal_answered))));
        out.push((to + minutes(1), Step::Move(CaseStatus::Open, None)));
    }
    let escalation_chance = 0.075
        + match d.priority {
            Priority::P1 => 0.25,
            Priority::P2 => 0.06,
            _ => 0.0,
        }
        + if d.vip { 0.1 } else { 0.0 }
        + if d.category == COMPLAINT { 0.08 } else { 0.0 };
    if rng.random_bool(escalation_chance) {
        let mut level = weighted(rng, &[(1u8, 60), (2, 30), (3, 10)]);
        if (d.vip || around_the_clock) && level < 3 && rng.random_bool(0.3) {
            level += 1;
        }
        let reason = text(rng, book.escalation_reasons);
        let when = at(rng.random_range(0.2..0.6));
        out.push((when, Step::Escalate(Escalation { department: dept.to_owned(), level, reason })));
    }
    if rng.random_bool(0.12) {
        let when = at(rng.random_range(0.3..0.9));
        let ch = later_channel(rng);
        let update = text(rng, book.progress);
        out.push((when, contact(rng, Direction::Outbound, ch, update)));
    }
    if rng.random_bool(0.3) {
        let ch = later_channel(rng);
        let explain = text(rng, book.explain_fix);
        out.push((resolved - minutes(1), contact(rng, Direction::Outbound, ch, explain)));
    }
    let resolution = resolution_of(rng, d, cat);
    out.push((resolved, Step::Move(CaseStatus::Resolved, Some(resolution))));
    after_resolution(rng, w, d, out, resolved, went_badly)
}

/// After resolution: sometimes a reopen, then the call-back and closing.
fn after_resolution(
    rng: &mut StdRng,
    w: &World<'_>,
    d: &Draft,
    mut out: Vec<(DateTime<Utc>, Step)>,
    resolved: DateTime<Utc>,
    mut went_badly: bool,
) -> Vec<(DateTime<Utc>, Step)> {
    let book = w.book;
    let cat = d.category_text(book);
    let dept = cat.department;
    let snap = |t: DateTime<Utc>| if d.priority == Priority::P1 { t } else { working_time(w.tz, t) };
    let text = |rng: &mut StdRng, list: &[&'static str]| d.vars.fill(pick(rng, list), dept);
    let mut finally_resolved = resolved;
    if rng.random_bool(REOPEN) {
        went_badly = true;
        let reopened = snap(resolved + Duration::hours(rng.random_range(24..120)));
        let again = text(rng, book.reopen_contact);
        out.push((reopened, contact(rng, Direction::Inbound, d.channel, again)));
        out.push((reopened + minutes(1), Step::Move(CaseStatus::Open, None)));
        out.push((reopened + minutes(2), Step::Note(text(rng, book.reopen_note))));
        finally_resolved = snap(reopened + minutes(rng.random_range(120..4_320)));
        let resolution = resolution_of(rng, d, cat);
        out.push((finally_resolved, Step::Move(CaseStatus::Resolved, Some(resolution))));
    }
    let mut last = finally_resolved;
    if rng.random_bool(CALLBACK) {
        let scheduled = finally_resolved + minutes(rng.random_range(5..40));
        let due = snap(finally_resolved + Duration::hours(rng.random_range(20..72)));
        out.push((scheduled, Step::ScheduleCallback(due)));
        if rng.random_bool(CALLBACK_RECORDED) {
            let when = if rng.random_bool(0.15) {
                due + Duration::hours(rng.random_range(24..72))
            } else {
                due + minutes(rng.random_range(-240..360))
            };
            let done = snap(when.max(scheduled + Duration::hours(1)));
            out.push((done, Step::RecordCallback(callback_result(rng, book, went_badly))));
            last = done;
        } else {
            // Not reached in time: later attempts end as "no answer"; until then the
            // call-back is overdue.
            let gave_up = snap(due + Duration::hours(rng.random_range(72..240)));
            let outcome = pick(rng, book.no_answer).to_owned();
            out.push((gave_up, Step::RecordCallback(CallbackResult { outcome, csat: None, nps: None, comment: None })));
            last = gave_up;
        }
    }
    if rng.random_bool(0.8) {
        let closed =
            snap((finally_resolved + Duration::hours(rng.random_range(72..240))).max(last + Duration::hours(1)));
        out.push((closed, Step::Move(CaseStatus::Closed, None)));
    }
    finish(out, w.end)
}

/// Time order (stable: steps planned for the same instant keep their order), cut at `end`.
fn finish(mut out: Vec<(DateTime<Utc>, Step)>, end: DateTime<Utc>) -> Vec<(DateTime<Utc>, Step)> {
    out.sort_by_key(|(t, _)| *t);
    let keep = out.partition_point(|(t, _)| *t <= end);
    out.truncate(keep);
    out
}

fn resolution_of(rng: &mut StdRng, d: &Draft, cat: &CategoryText) -> Resolution {
    Resolution {
        root_cause: d.vars.fill(pick(rng, cat.root_causes), cat.department),
        resolution_summary: d.vars.fill(pick(rng, cat.summaries), cat.department),
    }
}

/// The call-back: CSAT skewed positive, lower when the case went badly; NPS follows CSAT.
fn callback_result(rng: &mut StdRng, book: &Phrasebook, went_badly: bool) -> CallbackResult {
    if rng.random_bool(0.08) {
        return CallbackResult { outcome: pick(rng, book.no_answer).to_owned(), csat: None, nps: None, comment: None };
    }
    let csat = if went_badly {
        weighted(rng, &[(5u8, 15), (4, 25), (3, 25), (2, 20), (1, 15)])
    } else {
        weighted(rng, &[(5u8, 50), (4, 30), (3, 10), (2, 5), (1, 5)])
    };
    let nps = match csat {
        5 => weighted(rng, &[(10u8, 45), (9, 35), (8, 15), (7, 5)]),
        4 => rng.random_range(7..=9),
        3 => rng.random_range(5..=8),
        2 => rng.random_range(2..=6),
        _ => rng.random_range(0..=4),
    };
    let mood = match csat {
        4 | 5 => 0,
        3 => 1,
        _ => 2,
    };
    let outcome = pick(rng, book.outcomes[mood]).to_owned();
    let comment = rng.random_bool(0.35).then(|| pick(rng, book.comments[mood]).to_owned());
    CallbackResult { outcome, csat: Some(csat), nps: Some(nps), comment }
}

fn contact(rng: &mut StdRng, direction: Direction, channel: CaseChannel, summary: String) -> Step {
    let (lo, hi) = match channel {
        CaseChannel::Phone => (120, 1_500),
        CaseChannel::Email => (180, 720),
        CaseChannel::Chat => (240, 1_200),
        CaseChannel::Social => (120, 480),
        CaseChannel::WalkIn => (300, 1_800),
    };
    // Most contacts are short, a few long.
    let handle_seconds = lo + (f64::from(hi - lo) * rng.random::<f64>().powf(1.8)) as u32;
    Step::Contact(Contact { channel, direction, summary, handle_seconds })
}

/// How we first answer a case that came in on `channel` without a live conversation.
fn first_response_channel(rng: &mut StdRng, channel: CaseChannel) -> CaseChannel {
    match channel {
        CaseChannel::Email if rng.random_bool(0.7) => CaseChannel::Email,
        CaseChannel::Social => CaseChannel::Social,
        CaseChannel::Chat if rng.random_bool(0.5) => CaseChannel::Email,
        _ => CaseChannel::Phone,
    }
}

/// How we contact the customer later on.
fn later_channel(rng: &mut StdRng) -> CaseChannel {
    if rng.random_bool(0.6) { CaseChannel::Phone } else { CaseChannel::Email }
}

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

/// `f` of `span`.
fn part(span: Duration, f: f64) -> Duration {
    Duration::milliseconds((span.num_milliseconds() as f64 * f) as i64)
}

fn pick(rng: &mut StdRng, list: &[&'static str]) -> &'static str {
    list.choose(rng).copied().unwrap_or_default()
}

fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (v, w) in items {
        if x < *w {
            return *v;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

/// Upper-cases the first letter (English titles may start with a product name).
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
