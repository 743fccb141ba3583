//! The status workflow: which moves are allowed, and what each one requires; and which
//! other actions each status allows.
//!
//! new → open → pending-customer / pending-internal → resolved → closed, with reopen from
//! resolved or closed. Pure functions of (from, to) and (status, action), so the UI can
//! offer only what is allowed (the case detail carries both lists) and `core` refuses the
//! rest with [`crate::Error::InvalidTransition`].
//!
//! Actions by status: while a case is worked (new, open, pending) everything but the
//! call-back, which follows resolution. A resolved case is done but not yet reviewed: it
//! takes the call-back (scheduled, then recorded), contacts, notes and corrections to its
//! fields and tags, but no new work (assign, escalate or withdraw an escalation: reopen it
//! for that). A closed case is the record: only notes and the outcome of a call-back that
//! was scheduled before it closed (a team often closes first and calls back days later;
//! without this the call-back would sit in "Awaiting call-back" for ever); anything else
//! needs a reopen.

use super::model::CaseStatus::{self, *};
use crate::sla::ClockMode;
use crate::text_enum::text_enum;
use crate::{Error, Result};

text_enum! {
    /// What can be done to a case besides moving its status.
    pub enum CaseAction {
        /// Change title, description, customer, channel, category or priority.
        Edit = "edit",
        /// Assign to an agent and/or team.
        Assign = "assign",
        /// Escalate, or change the escalation.
        Escalate = "escalate",
        /// Withdraw the escalation.
        DeEscalate = "de_escalate",
        /// Change the tags.
        SetTags = "set_tags",
        /// Add a note to the timeline.
        AddNote = "add_note",
        /// Log a contact with the customer.
        LogContact = "log_contact",
        /// Schedule the call-back (回访).
        ScheduleCallback = "schedule_callback",
        /// Record the call-back's outcome.
        RecordCallback = "record_callback",
    }
}

/// Whether a case in `status` allows `action` (see the module docs for the rule).
pub fn allows(status: CaseStatus, action: CaseAction) -> bool {
    use CaseAction as A;
    match status {
        New | Open | PendingCustomer | PendingInternal => !matches!(action, A::ScheduleCallback | A::RecordCallback),
        Resolved => matches!(
            action,
            A::Edit | A::SetTags | A::AddNote | A::LogContact | A::ScheduleCallback | A::RecordCallback
        ),
        Closed => matches!(action, A::AddNote | A::RecordCallback),
    }
}

/// The actions a case in `status` allows, in declaration order (for the UI).
pub fn allowed_actions(status: CaseStatus) -> Vec<CaseAction> {
    CaseAction::ALL.iter().copied().filter(|&a| allows(status, a)).collect()
}

/// Refuses `action` on a case in `status` when the rule does not allow it, with the
/// error the UI already explains ("not allowed in the case's current state").
pub fn check(status: CaseStatus, action: CaseAction) -> Result<()> {
    if allows(status, action) {
        Ok(())
    } else {
        Err(Error::InvalidTransition { from: status.as_str(), to: action.as_str() })
    }
}

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
    fn active_cases_allow_everything_but_the_call_back() {
        for s in [New, Open, PendingCustomer, PendingInternal] {
            for &a in CaseAction::ALL {
                let callback = matches!(a, CaseAction::ScheduleCallback | CaseAction::RecordCallback);
                assert_eq!(allows(s, a), !callback, "{s:?} {a:?}");
            }
        }
    }

    #[test]
    fn resolved_case_takes_the_call_back_and_corrections_but_no_new_work() {
        assert_eq!(
            allowed_actions(Resolved),
            [
                CaseAction::Edit,
                CaseAction::SetTags,
                CaseAction::AddNote,
                CaseAction::LogContact,
                CaseAction::ScheduleCallback,
                CaseAction::RecordCallback
            ]
        );
        for a in [CaseAction::Assign, CaseAction::Escalate, CaseAction::DeEscalate] {
            assert!(!allows(Resolved, a), "{a:?}");
        }
    }

    #[test]
    fn closed_case_takes_only_notes() {
        assert_eq!(allowed_actions(Closed), [CaseAction::AddNote, CaseAction::RecordCallback]);
    }

    #[test]
    fn a_note_is_always_allowed() {
        for &s in CaseStatus::ALL {
            assert!(allows(s, CaseAction::AddNote), "{s:?}");
        }
    }

    #[test]
    fn refusal_names_the_status_and_the_action() {
        assert!(check(Open, CaseAction::Assign).is_ok());
        let err = check(Closed, CaseAction::Assign).unwrap_err();
        assert!(matches!(err, Error::InvalidTransition { from: "closed", to: "assign" }), "{err:?}");
    }

    #[test]
    fn pending_customer_pauses_and_resolution_stops_the_clock() {
        assert_eq!(clock_mode(PendingCustomer), ClockMode::Paused);
        assert_eq!(clock_mode(PendingInternal), ClockMode::Running);
        assert_eq!(clock_mode(Resolved), ClockMode::Stopped);
        assert_eq!(clock_mode(Closed), ClockMode::Stopped);
    }
}
