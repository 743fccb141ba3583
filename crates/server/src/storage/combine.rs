//! Group commit for pushes: concurrent pushes to one workspace share a transaction.
//!
//! Pushes to a workspace serialise on its row (that is what keeps pull cursors safe), so
//! under load a workspace's push rate is bounded by one commit's latency — a disk flush
//! and a few round trips to PostgreSQL. Instead of queueing on the row lock one by one,
//! pushes that arrive while a transaction is running wait here, and the next transaction
//! takes all of them: the same lock, read and flush, shared. Each push is still planned
//! as if it had come alone, in arrival order ([`super::plan::plan_batch`]), so the
//! result is exactly what separate transactions would have stored.
//!
//! The batch runs in a task of its own, not in the request that started it: a client
//! that disconnects (or a request timeout) cannot strand the pushes queued behind it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use frontline_sync::protocol::Outgoing;
use tokio::sync::oneshot;

use super::{PushOutcome, Pusher, StorageError, StorageResult, WorkspaceId};

/// Most pushes and changes one transaction takes, so a batch's transaction stays short.
const MAX_BATCH_PUSHES: usize = 256;
const MAX_BATCH_CHANGES: usize = 20_000;

/// One push waiting for its transaction.
pub struct PushJob {
    /// Who pushes.
    pub pusher: Pusher,
    /// The push's changes, in outbox order.
    pub changes: Vec<Outgoing>,
    /// Unix ms of its arrival (the audit's time).
    pub now_ms: u64,
}

/// A backend that stores several pushes of one workspace in one transaction.
#[async_trait]
pub trait ApplyBatch: Send + Sync + 'static {
    /// Stores `jobs` in order in one transaction; one outcome per job.
    async fn apply_batch(&self, workspace: WorkspaceId, jobs: Vec<PushJob>) -> StorageResult<Vec<PushOutcome>>;
}

type Reply = oneshot::Sender<StorageResult<PushOutcome>>;

#[derive(Default)]
struct Queue {
    waiting: Vec<(PushJob, Reply)>,
    running: bool,
}

/// The per-workspace queues in front of a backend.
pub struct Combiner<B> {
    backend: Arc<B>,
    queues: Arc<Mutex<HashMap<WorkspaceId, Queue>>>,
}

impl<B> Clone for Combiner<B> {
    fn clone(&self) -> Self {
        Combiner { backend: self.backend.clone(), queues: self.queues.clone() }
    }
}

impl<B: ApplyBatch> Combiner<B> {
    /// Queues in front of `backend`.
    pub fn new(backend: B) -> Self {
        Combiner { backend: Arc::new(backend), queues: Arc::default() }
    }

    /// Stores a push, with whatever other pushes to its workspace are waiting.
    pub async fn push(&self, job: PushJob) -> StorageResult<PushOutcome> {
        let workspace = job.pusher.workspace;
        let (reply, answer) = oneshot::channel();
        let start = {
            let mut queues = self.queues.lock().unwrap_or_else(|p| p.into_inner());
            let queue = queues.entry(workspace).or_default();
            queue.waiting.push((job, reply));
            !std::mem::replace(&mut queue.running, true)
        };
        if start {
            let this = self.clone();
            tokio::spawn(async move { this.drain(workspace).await });
        }
        answer.await.unwrap_or_else(|_| Err(StorageError::Unavailable("the push was dropped; retry".into())))
    }

    /// Runs batches for `workspace` until its queue is empty.
    async fn drain(self, workspace: WorkspaceId) {
        // If this task dies (a panic in the backend), the pushes still queued must not
        // wait forever: fail them, and let the next push start a new task.
        let mut guard = ResetOnDrop { queues: self.queues.clone(), workspace, armed: true };
        loop {
            let batch = {
                let mut queues = self.queues.lock().unwrap_or_else(|p| p.into_inner());
                let Some(queue) = queues.get_mut(&workspace) else { break };
                let (mut n, mut changes) = (0, 0);
                while n < queue.waiting.len() && n < MAX_BATCH_PUSHES {
                    changes += queue.waiting[n].0.changes.len();
                    if n > 0 && changes > MAX_BATCH_CHANGES {
                        break;
                    }
                    n += 1;
                }
                if n == 0 {
                    queues.remove(&workspace);
                    break;
                }
                queue.waiting.drain(..n).collect::<Vec<_>>()
            };
            let (jobs, replies): (Vec<PushJob>, Vec<Reply>) = batch.into_iter().unzip();
            match self.backend.apply_batch(workspace, jobs).await {
                Ok(outcomes) => {
                    for (reply, outcome) in replies.into_iter().zip(outcomes) {
                        let _ = reply.send(Ok(outcome));
                    }
                }
                Err(e) => {
                    for reply in replies {
                        let _ = reply.send(Err(copy_error(&e)));
                    }
                }
            }
        }
        guard.armed = false;
    }
}

/// Fails a workspace's waiting pushes if its batch task stops abnormally.
struct ResetOnDrop {
    queues: Arc<Mutex<HashMap<WorkspaceId, Queue>>>,
    workspace: WorkspaceId,
    armed: bool,
}

impl Drop for ResetOnDrop {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        let mut queues = self.queues.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(queue) = queues.remove(&self.workspace) {
            for (_, reply) in queue.waiting {
                let _ = reply.send(Err(StorageError::Unavailable("the push batch failed; retry".into())));
            }
        }
    }
}

/// The same error for every push of a failed batch.
fn copy_error(e: &StorageError) -> StorageError {
    match e {
        StorageError::NotFound(m) => StorageError::NotFound(m.clone()),
        StorageError::Conflict(m) => StorageError::Conflict(m.clone()),
        StorageError::Unavailable(m) => StorageError::Unavailable(m.clone()),
        StorageError::Other(m) => StorageError::Other(m.clone()),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use frontline_sync::NodeId;

    use super::*;

    /// Records batch sizes; the first batch waits a little so others pile up behind it.
    struct Recorder {
        batches: Mutex<Vec<usize>>,
        calls: AtomicUsize,
        fail: bool,
    }

    #[async_trait]
    impl ApplyBatch for Recorder {
        async fn apply_batch(&self, _: WorkspaceId, jobs: Vec<PushJob>) -> StorageResult<Vec<PushOutcome>> {
            if self.calls.fetch_add(1, Ordering::SeqCst) == 0 {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            self.batches.lock().unwrap().push(jobs.len());
            if self.fail {
                return Err(StorageError::Unavailable("down".into()));
            }
            Ok(jobs.iter().map(|j| PushOutcome { accepted: j.changes.len() as u32, duplicates: 0, seq: 1 }).collect())
        }
    }

    fn job(workspace: WorkspaceId) -> PushJob {
        let pusher = Pusher { workspace, device_id: "d".into(), email: "e".into(), node: NodeId::from_u64(1) };
        PushJob { pusher, changes: Vec::new(), now_ms: 0 }
    }

    fn combiner(fail: bool) -> Combiner<Recorder> {
        Combiner::new(Recorder { batches: Mutex::default(), calls: AtomicUsize::new(0), fail })
    }

    #[tokio::test]
    async fn pushes_arriving_during_a_transaction_share_the_next_one() {
        let c = combiner(false);
        let answers = futures_util::future::join_all((0..10).map(|_| c.push(job(1)))).await;
        assert!(answers.iter().all(Result::is_ok));
        let batches = c.backend.batches.lock().unwrap().clone();
        assert_eq!(batches.iter().sum::<usize>(), 10);
        assert!(batches.len() < 10, "batched: {batches:?}");
        assert!(c.queues.lock().unwrap().is_empty(), "the queue is cleaned up");
    }

    #[tokio::test]
    async fn a_failed_batch_fails_each_of_its_pushes() {
        let c = combiner(true);
        let answers = futures_util::future::join_all((0..3).map(|_| c.push(job(1)))).await;
        assert!(answers.iter().all(|a| matches!(a, Err(StorageError::Unavailable(_)))));
        assert!(c.push(job(1)).await.is_err(), "a later push gets a new batch");
    }
}
