//! The status workflow: which moves are allowed, and what each one requires.
//!
//! new → open → pending-customer / pending-internal → resolved → closed, with reopen from
//! resolved or closed. A pure function of (from, to), so the UI can offer only valid
//! moves and `core` refuses the rest with [`crate::Error::InvalidTransition`].

use super::model::CaseStatus::{self, *};
use crate::sla::ClockMode;

/// Whether a case may move from `from` to `to`.
pub fn can_move(from: CaseStatus, to: CaseStatus) -> bool {
    matches!(
        (from, to),
        (New, Open | PendingCustomer | PendingInternal | Resolved)
            | (Open, PendingCustomer | PendingInternal | Resolved)
            | (PendingCustomer, Open | PendingInternal | Resolved)
            | (PendingInternal, Open | PendingCustomer | Resolved)
            | (Resolved, Closed | Open)
            | (Closed, Open)
    )
}

/// The statuses reachable from `from`, in workflow order (for the UI's menu).
pub fn next_statuses(from: CaseStatus) -> Vec<CaseStatus> {
    CaseStatus::ALL.iter().copied().filter(|&to| can_move(from, to)).collect()
}

/// Whether a case in `status` is still being worked (counts in the backlog).
pub fn is_active(status: CaseStatus) -> bool {
    !matches!(status, Resolved | Closed)
}

/// What `status` means for the resolution SLA clock.
pub fn clock_mode(status: CaseStatus) -> ClockMode {
    match status {
        PendingCustomer => ClockMode::Paused,
        Resolved | Closed => ClockMode::Stopped,
        New | Open | PendingInternal => ClockMode::Running,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_path_is_allowed() {
        for (a, b) in [(New, Open), (Open, PendingCustomer), (PendingCustomer, Open), (Open, Resolved), (Resolved, Closed)]
        {
            assert!(can_move(a, b), "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn reopen_is_allowed_from_resolved_and_closed() {
        assert!(can_move(Resolved, Open));
        assert!(can_move(Closed, Open));
    }

    #[test]
    fn invalid_moves_are_refused() {
        for (a, b) in [
            (New, Closed),
            (Open, New),
            (Closed, Resolved),
            (Resolved, PendingCustomer),
            (Closed, PendingInternal),
            (PendingCustomer, Closed),
        ] {
            assert!(!can_move(a, b), "{a:?} -> {b:?}");
        }
    }

    #[test]
    fn no_status_moves_to_itself() {
        for &s in CaseStatus::ALL {
            assert!(!can_move(s, s), "{s:?}");
        }
    }

    #[test]
    fn nothing_returns_to_new() {
        for &s in CaseStatus::ALL {
            assert!(!can_move(s, New));
        }
    }

    #[test]
    fn every_status_can_eventually_close() {
        for &s in CaseStatus::ALL {
            let mut seen = vec![s];
            let mut i = 0;
            while i < seen.len() {
                for n in next_statuses(seen[i]) {
                    if !seen.contains(&n) {
                        seen.push(n);
                    }
                }
                i += 1;
            }
            assert!(s == Closed || seen.contains(&Closed), "{s:?} cannot reach closed");
        }
    }

    #[test]
    fn pending_customer_pauses_and_resolution_stops_the_clock() {
        assert_eq!(clock_mode(PendingCustomer), ClockMode::Paused);
        assert_eq!(clock_mode(PendingInternal), ClockMode::Running);
        assert_eq!(clock_mode(Resolved), ClockMode::Stopped);
        assert_eq!(clock_mode(Closed), ClockMode::Stopped);
    }
}
