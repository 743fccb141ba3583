//! One sync between a device and the server: pull, push, pull — planned here, carried out
//! by a [`Transport`] (HTTP in the app; in memory in tests) and a [`Replica`] (the
//! device's store).
//!
//! **Order.** Pulling first lets the device see concurrent edits while its own are still
//! unpushed, and record the ones it lost. Pushing then sends what is left; a last pull
//! brings the server's notices about this device's values that lost when they met a
//! concurrent edit there.
//!
//! **Never past what was not applied.** Each page is applied with its cursor in one
//! replica transaction; a failure stops the sync with the cursor where it was. A push is
//! acknowledged only after the server answered; a retried push is recognised by the
//! server (outbox positions), so network faults are retried without harm.
//!
//! **Clocks.** Every answer carries the server's clock. The replica learns its offset
//! before anything is applied or pushed, and re-stamps unpushed changes that are too far
//! ahead; a push the server still refuses for its stamps is re-stamped and tried once more.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::hlc::NodeId;
use crate::protocol::{ErrorCode, Hello, Outgoing, PullResponse, PushRequest, PushResponse};

/// Cells asked for per pull page: the most the server gives. A first sync of 100,000
/// cases is 2.2 million cells, and each page is one local transaction with its own
/// derivations, search indexing and commit; fewer, larger pages are much cheaper, while
/// a page (about 6 MB of JSON) still fits easily in memory.
pub const PULL_PAGE: u32 = crate::protocol::MAX_PULL_LIMIT;
/// Cells applied in one replica transaction at most, when pages are waiting: pages that
/// arrived while the previous ones were applied go in together. Each transaction has a
/// fixed cost (derivations, the search index's merge, the commit and its checkpoint
/// rewriting the same index pages), so a first sync with four pages per transaction
/// spends noticeably less than with one, and with eight about 4% less again (100k
/// cases: 6% fewer bytes written, for about 160 MB more held at the peak; sixteen gained
/// nothing more for another 300 MB). A sync of a few changes is one page anyway.
pub const APPLY_GROUP_CELLS: usize = 8 * PULL_PAGE as usize;
/// Pages fetched ahead of the one being applied: enough to fill the next group.
const PAGES_AHEAD: usize = APPLY_GROUP_CELLS / PULL_PAGE as usize;
/// Changes sent per push.
pub const PUSH_BATCH: usize = 2_000;
/// Attempts for one request that failed on the way (network, a restarting server).
const ATTEMPTS: u32 = 4;

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// No answer: connection refused or dropped, timeout, DNS. Worth retrying.
    #[error("cannot reach the server: {0}")]
    Network(String),
    /// The server answered with an error.
    #[error("the server refused: {message} ({code:?})")]
    Server {
        /// Its code.
        code: ErrorCode,
        /// Its message.
        message: String,
        /// Its clock when it answered, if it said.
        server_time_ms: Option<u64>,
    },
    /// The answer made no sense (not the protocol).
    #[error("the server's answer is not understood: {0}")]
    Protocol(String),
}

impl TransportError {
    fn transient(&self) -> bool {
        match self {
            TransportError::Network(_) => true,
            TransportError::Server { code, .. } => matches!(code, ErrorCode::Unavailable | ErrorCode::Internal),
            TransportError::Protocol(_) => false,
        }
    }
}

/// Talks to the server.
pub trait Transport {
    /// `GET /v1/hello`.
    fn hello(&mut self) -> Result<Hello, TransportError>;
    /// `GET /v1/sync/pull`.
    fn pull(&mut self, after: u64, limit: u32, node: NodeId) -> Result<PullResponse, TransportError>;
    /// `POST /v1/sync/push`.
    fn push(&mut self, request: &PushRequest) -> Result<PushResponse, TransportError>;
    /// This machine's wall clock, Unix ms (injected so tests can skew it).
    fn local_time_ms(&self) -> u64;
}

/// What one applied page did, as the replica reports it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageOutcome {
    /// Cells and rows stored.
    pub applied: u32,
    /// New conflicts recorded.
    pub conflicts: u32,
    /// Changes kept aside for a newer version.
    pub parked: u32,
}

/// The device's side.
pub trait Replica {
    /// Its failures.
    type Error: std::error::Error + Send + Sync + 'static;
    /// The database's node id.
    fn node(&self) -> NodeId;
    /// Where the last applied page ended.
    fn cursor(&mut self) -> Result<u64, Self::Error>;
    /// The server's clock read `server_ms` while ours read `local_ms` (midway through the
    /// request): keep the offset, and re-stamp unpushed changes that are too far ahead.
    fn server_time(&mut self, server_ms: u64, local_ms: u64) -> Result<(), Self::Error>;
    /// Applies `pages` (consecutive, at least one) in order and moves the cursor to the
    /// last one's `next`, all or nothing.
    fn apply(&mut self, pages: &[PullResponse]) -> Result<PageOutcome, Self::Error>;
    /// The next changes to push (a row's cells together), and the outbox position they
    /// reach; `None` when nothing waits.
    fn outgoing(&mut self, limit: usize) -> Result<Option<(Vec<Outgoing>, u64)>, Self::Error>;
    /// The server has everything up to `through`.
    fn acknowledge(&mut self, through: u64) -> Result<(), Self::Error>;
}

/// How far a sync has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Pulled pages so far, cells in them, and whether more pages follow.
    Pulling {
        /// Pages applied.
        pages: u32,
        /// Cells received.
        cells: u64,
        /// The cursor reached.
        cursor: u64,
    },
    /// Changes pushed so far.
    Pushing {
        /// Changes sent and acknowledged.
        sent: u64,
    },
}

/// What a whole sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Report {
    /// Cells and rows received.
    pub received: u64,
    /// Of them, stored (newer than what the device held).
    pub applied: u64,
    /// Changes pushed.
    pub pushed: u64,
    /// New conflicts.
    pub conflicts: u64,
    /// Changes kept aside for a newer app version.
    pub parked: u64,
}

/// Why a sync stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError<E: std::error::Error + 'static> {
    /// The server could not be reached or refused.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The local store failed (a full disk, a damaged database).
    #[error("the local database failed: {0}")]
    Replica(#[source] E),
    /// Cancelled by the user; what was applied stays, the rest comes next time.
    #[error("cancelled")]
    Cancelled,
}

/// Options of one sync.
pub struct Options<'a> {
    /// Set to stop between pages.
    pub cancel: &'a AtomicBool,
    /// Called after every page and batch.
    pub progress: &'a mut dyn FnMut(Progress),
    /// Sleeps between retries (injected so tests do not wait).
    pub sleep: &'a (dyn Fn(Duration) + Sync),
}

/// Runs one sync: hello, pull, push, and pull again after a push.
pub fn run<T: Transport + Send, R: Replica>(
    t: &mut T,
    r: &mut R,
    mut o: Options<'_>,
) -> Result<Report, SyncError<R::Error>> {
    let mut report = Report::default();
    let sent_at = t.local_time_ms();
    let hello = retry(&o, || t.hello())?;
    let midway = sent_at / 2 + t.local_time_ms() / 2;
    r.server_time(hello.server_time_ms, midway).map_err(SyncError::Replica)?;
    pull_all(t, r, &mut report, &mut o)?;
    push_all(t, r, &mut report, &mut o)?;
    // The pull after a push brings what the push settled (a loss to a colleague's
    // concurrent edit comes back as a notice). After no push it would bring only what
    // arrived in the last moments, which the next sync brings as well.
    if report.pushed > 0 {
        pull_all(t, r, &mut report, &mut o)?;
    }
    Ok(report)
}

/// Pulls until the server has no more, fetching the next pages while the last are applied:
/// a large first sync takes about the longer of the two, not their sum. Pages already
/// waiting are applied together (up to [`APPLY_GROUP_CELLS`]). The fetcher stops as soon
/// as applying fails or the sync is cancelled; a page fetched but not applied is simply
/// fetched again next time.
fn pull_all<T: Transport + Send, R: Replica>(
    t: &mut T,
    r: &mut R,
    report: &mut Report,
    o: &mut Options<'_>,
) -> Result<(), SyncError<R::Error>> {
    let node = r.node();
    let start = r.cursor().map_err(SyncError::Replica)?;
    let cancel = o.cancel;
    let sleep = o.sleep;
    std::thread::scope(|scope| {
        let (pages, received) =
            std::sync::mpsc::sync_channel::<Result<(PullResponse, u64), TransportError>>(PAGES_AHEAD);
        let fetcher = scope.spawn(move || {
            let mut cursor = start;
            loop {
                if cancel.load(Ordering::SeqCst) {
                    return;
                }
                let page = retry_with(cancel, sleep, || t.pull(cursor, PULL_PAGE, node)).map(|p| {
                    let local = t.local_time_ms();
                    (p, local)
                });
                let last = match &page {
                    Ok((p, _)) => !p.more,
                    Err(_) => true,
                };
                if let Ok((p, _)) = &page {
                    cursor = p.next;
                }
                if pages.send(page).is_err() || last {
                    return;
                }
            }
        });
        // Applied pages are freed on a thread of their own: millions of small strings, whose
        // freeing the applying thread need not wait for.
        let (trash, bin) = std::sync::mpsc::channel::<Vec<PullResponse>>();
        scope.spawn(move || bin.into_iter().for_each(drop));
        let mut count = 0;
        // A failed fetch found while gathering a group: reported after the group is applied.
        let mut failed = None;
        let result = loop {
            check_cancel(o)?;
            if let Some(e) = failed.take() {
                break Err(SyncError::Transport(e));
            }
            let Ok(next) = received.recv() else {
                // The fetcher stopped without a last page: it was cancelled.
                break Err(SyncError::Cancelled);
            };
            let (page, local) = next?;
            r.server_time(page.server_time_ms, local).map_err(SyncError::Replica)?;
            let mut cells = page.changes.len();
            let mut group = vec![page];
            while group.last().is_some_and(|p| p.more) && cells < APPLY_GROUP_CELLS {
                match received.try_recv() {
                    Ok(Ok((page, local))) => {
                        r.server_time(page.server_time_ms, local).map_err(SyncError::Replica)?;
                        cells += page.changes.len();
                        group.push(page);
                    }
                    Ok(Err(e)) => {
                        failed = Some(e);
                        break;
                    }
                    Err(_) => break,
                }
            }
            let outcome = r.apply(&group).map_err(SyncError::Replica)?;
            count += group.len() as u32;
            report.received += cells as u64;
            report.applied += u64::from(outcome.applied);
            report.conflicts += u64::from(outcome.conflicts);
            report.parked += u64::from(outcome.parked);
            let (next, more) = group.last().map(|p| (p.next, p.more)).expect("a group holds a page");
            let _ = trash.send(group);
            (o.progress)(Progress::Pulling { pages: count, cells: report.received, cursor: next });
            if !more {
                break Ok(());
            }
        };
        drop(trash);
        drop(received);
        let _ = fetcher.join();
        result
    })
}

fn push_all<T: Transport + Send, R: Replica>(
    t: &mut T,
    r: &mut R,
    report: &mut Report,
    o: &mut Options<'_>,
) -> Result<(), SyncError<R::Error>> {
    let node = r.node();
    while let Some((changes, through)) = r.outgoing(PUSH_BATCH).map_err(SyncError::Replica)? {
        check_cancel(o)?;
        if !changes.is_empty() {
            let mut request = PushRequest { node, changes };
            let answer = match retry(o, || t.push(&request)) {
                Err(TransportError::Server { code: ErrorCode::ClockAhead, server_time_ms: Some(server), .. }) => {
                    // Our clock runs fast: learn by how much, re-stamp, and try once more.
                    r.server_time(server, t.local_time_ms()).map_err(SyncError::Replica)?;
                    let Some((changes, _)) = r.outgoing(PUSH_BATCH).map_err(SyncError::Replica)? else {
                        return Ok(());
                    };
                    request.changes = changes;
                    retry(o, || t.push(&request))?
                }
                other => other?,
            };
            r.server_time(answer.server_time_ms, t.local_time_ms()).map_err(SyncError::Replica)?;
            report.pushed += request.changes.len() as u64;
        }
        r.acknowledge(through).map_err(SyncError::Replica)?;
        (o.progress)(Progress::Pushing { sent: report.pushed });
    }
    Ok(())
}

fn check_cancel<E: std::error::Error>(o: &Options<'_>) -> Result<(), SyncError<E>> {
    if o.cancel.load(Ordering::SeqCst) { Err(SyncError::Cancelled) } else { Ok(()) }
}

/// Tries a request up to [`ATTEMPTS`] times while it fails on the way, waiting longer
/// each time. Pulls and pushes are both safe to repeat.
fn retry<T>(o: &Options<'_>, f: impl FnMut() -> Result<T, TransportError>) -> Result<T, TransportError> {
    retry_with(o.cancel, o.sleep, f)
}

fn retry_with<T>(
    cancel: &AtomicBool,
    sleep: &(dyn Fn(Duration) + Sync),
    mut f: impl FnMut() -> Result<T, TransportError>,
) -> Result<T, TransportError> {
    let mut wait = Duration::from_millis(250);
    let mut attempt = 1;
    loop {
        match f() {
            Err(e) if e.transient() && attempt < ATTEMPTS && !cancel.load(Ordering::SeqCst) => {
                sleep(wait);
                wait *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}
