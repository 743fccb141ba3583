//! Push and pull: the checks a request passes before storage sees it.
//!
//! A push is checked whole before anything is stored: its size, that outbox seqs
//! increase (they are how a retry is recognised), every change's shape, and that no
//! stamp is beyond the clock bound — one skewed device must not plant a stamp that beats
//! every later edit (sync pitfall 2), so such a push is refused with nothing stored and
//! the device re-stamps. Changes already received (a retry) passed these same checks
//! when they first came, so checking them again refuses nothing that was accepted.

use frontline_sync::NodeId;
use frontline_sync::protocol::{
    MAX_CLOCK_AHEAD_MS, MAX_PULL_LIMIT, MAX_PUSH_CHANGES, PushRequest, PushResponse,
};
use serde::Deserialize;

use crate::app::AppState;
use crate::clock::now_ms;
use crate::error::ApiError;
use crate::storage::{DeviceAuth, Pusher, page};

/// Query of `GET /v1/sync/pull`.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PullParams {
    /// The cursor: the `next` of the previous page, 0 at first.
    pub after: u64,
    /// Most cells in the page, 1 to `MAX_PULL_LIMIT` (30 000); a page exceeds it only to
    /// keep a row whole.
    pub limit: u32,
    /// The asking device's node id, for its conflict notices.
    #[param(value_type = String, pattern = "^[0-9a-fA-F]{16}$")]
    pub node: NodeId,
}

/// Checks a push before storage sees it (see the module doc).
pub fn check_push(req: &PushRequest, now_ms: u64) -> Result<(), ApiError> {
    if req.changes.len() > MAX_PUSH_CHANGES {
        return Err(ApiError::BadRequest(format!(
            "a push holds at most {MAX_PUSH_CHANGES} changes; this one has {}",
            req.changes.len()
        )));
    }
    let mut previous: Option<u64> = None;
    for (i, out) in req.changes.iter().enumerate() {
        if previous.is_some_and(|p| out.seq <= p) || i64::try_from(out.seq).is_err() {
            return Err(ApiError::BadRequest(format!(
                "changes[{i}]: outbox seqs must increase within a push and stay below 2^63"
            )));
        }
        previous = Some(out.seq);
        out.change.check_shape().map_err(|e| ApiError::BadRequest(format!("changes[{i}]: {e}")))?;
    }
    let limit = now_ms.saturating_add(MAX_CLOCK_AHEAD_MS);
    if let Some((i, out)) = req.changes.iter().enumerate().find(|(_, c)| c.change.hlc.wall_ms > limit) {
        return Err(ApiError::ClockAhead(format!(
            "changes[{i}] is stamped {} ms ahead of the server's clock (at most {MAX_CLOCK_AHEAD_MS} ms): \
             correct the device's clock, re-stamp and push again",
            out.change.hlc.wall_ms - now_ms
        )));
    }
    Ok(())
}

/// Checks a pull's parameters.
pub fn check_pull(params: &PullParams) -> Result<(), ApiError> {
    if params.limit == 0 || params.limit > MAX_PULL_LIMIT {
        return Err(ApiError::BadRequest(format!("limit must be 1 to {MAX_PULL_LIMIT}")));
    }
    if i64::try_from(params.after).is_err() {
        return Err(ApiError::BadRequest("after is beyond any sequence".into()));
    }
    Ok(())
}

/// Applies a push from `device`.
pub async fn push(state: &AppState, device: DeviceAuth, req: PushRequest) -> Result<PushResponse, ApiError> {
    if !device.role.can_push() {
        return Err(ApiError::Forbidden("viewers can pull but not push"));
    }
    check_push(&req, now_ms())?;
    let pushed = req.changes.len() as u64;
    let pusher =
        Pusher { workspace: device.workspace, device_id: device.device_id, email: device.email, node: req.node };
    let outcome = state.storage.push(pusher, req.changes, now_ms()).await?;
    state.metrics.changes_pushed.inc_by(pushed);
    state.metrics.changes_accepted.inc_by(u64::from(outcome.accepted));
    state.metrics.changes_duplicate.inc_by(u64::from(outcome.duplicates));
    Ok(PushResponse {
        accepted: outcome.accepted,
        duplicates: outcome.duplicates,
        seq: outcome.seq,
        server_time_ms: now_ms(),
    })
}

/// Serves one pull page to `device`, from its own workspace only: the body of a
/// [`PullResponse`](frontline_sync::protocol::PullResponse), written by [`page::response_json`] without rebuilding its changes.
pub async fn pull(state: &AppState, device: DeviceAuth, params: PullParams) -> Result<Vec<u8>, ApiError> {
    check_pull(&params)?;
    let page = state.storage.pull(device.workspace, params.after, params.limit, params.node).await?;
    state.metrics.pull_pages.inc();
    Ok(page::response_json(&page, now_ms())?)
}

#[cfg(test)]
mod tests {
    use frontline_sync::Hlc;
    use frontline_sync::protocol::{Body, Change, ErrorCode, Outgoing, Value};

    use super::*;

    const NOW: u64 = 1_700_000_000_000;
    const NODE: NodeId = NodeId::from_u64(7);

    fn out(seq: u64, wall_ms: u64, column: &str) -> Outgoing {
        Outgoing {
            seq,
            change: Change {
                table: "cases".into(),
                row: "r".into(),
                hlc: Hlc { wall_ms, counter: 0, node: NODE },
                base: None,
                body: Body::Cell { column: column.into(), value: Value::Null },
            },
        }
    }

    fn code(req: PushRequest) -> Option<ErrorCode> {
        check_push(&req, NOW).err().map(|e| e.code())
    }

    #[test]
    fn a_well_formed_push_passes() {
        let req = PushRequest { node: NODE, changes: vec![out(1, NOW, "a"), out(5, NOW + MAX_CLOCK_AHEAD_MS, "b")] };
        assert_eq!(code(req), None);
    }

    #[test]
    fn a_stamp_beyond_the_clock_bound_refuses_the_whole_push() {
        let req =
            PushRequest { node: NODE, changes: vec![out(1, NOW, "a"), out(2, NOW + MAX_CLOCK_AHEAD_MS + 1, "b")] };
        assert_eq!(code(req), Some(ErrorCode::ClockAhead));
    }

    #[test]
    fn outbox_seqs_must_increase() {
        let req = PushRequest { node: NODE, changes: vec![out(2, NOW, "a"), out(2, NOW, "b")] };
        assert_eq!(code(req), Some(ErrorCode::BadRequest));
        let req = PushRequest { node: NODE, changes: vec![out(u64::MAX, NOW, "a")] };
        assert_eq!(code(req), Some(ErrorCode::BadRequest));
    }

    #[test]
    fn a_bad_name_is_a_bad_request_even_when_a_stamp_is_ahead() {
        let req = PushRequest { node: NODE, changes: vec![out(1, NOW + MAX_CLOCK_AHEAD_MS * 2, "Bad-Name")] };
        assert_eq!(code(req), Some(ErrorCode::BadRequest));
    }

    #[test]
    fn too_many_changes_are_a_bad_request() {
        let changes = (0..=MAX_PUSH_CHANGES as u64).map(|i| out(i, NOW, "a")).collect();
        assert_eq!(code(PushRequest { node: NODE, changes }), Some(ErrorCode::BadRequest));
    }

    #[test]
    fn pull_limits_are_bounded() {
        let params = |limit| PullParams { after: 0, limit, node: NODE };
        assert!(check_pull(&params(0)).is_err());
        assert!(check_pull(&params(1)).is_ok());
        assert!(check_pull(&params(MAX_PULL_LIMIT)).is_ok());
        assert!(check_pull(&params(MAX_PULL_LIMIT + 1)).is_err());
    }
}
