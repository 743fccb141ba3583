//! Quality assurance: scorecards of weighted criteria, evaluations of agents on them
//! (optionally on one case), each agent's trend and calibration between evaluators.
//!
//! - `score.rs`: how an evaluation's score follows from the criteria's weights, as a pure
//!   function (the only place the rule lives).
//! - `scorecards.rs`: scorecards and their versions. A scorecard's name is a register;
//!   its criteria are versioned: editing them publishes a new version (an append-only
//!   event holding the whole list), and an evaluation keeps the version it was scored
//!   on, so editing a scorecard never changes a score already given.
//! - `evaluations.rs`: evaluations (append-only events: a score given is a fact; a
//!   correction is a new evaluation), an agent's trend and a case's calibration.

mod evaluations;
mod score;
mod scorecards;

pub use evaluations::{
    AgentQa, Calibration, CriterionSpread, Evaluation, EvaluationInput, MAX_COMMENT, MonthScore, Rating, evaluate,
    for_agent, for_case,
};
pub use score::{Outcome, score};
pub use scorecards::{
    Criterion, MAX_CRITERIA, MAX_POINTS, Scorecard, ScorecardInput, create, delete, get, list, update,
};

#[cfg(test)]
mod tests;
