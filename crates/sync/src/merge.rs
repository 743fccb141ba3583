//! The merge rule, one function shared by every replica (each device and the server).
//!
//! A synced cell (one column of one row, or one whole append-only row) is held with its
//! [`Version`]: the HLC stamp of the write that produced it and the `base`, the newest
//! stamp *from another node* its writer had seen in that cell when writing. Merging an
//! incoming version into a held one is last-writer-wins by stamp — commutative,
//! associative and idempotent, so replicas that have seen the same versions hold the same
//! value whatever order they saw them in.
//!
//! The `base` does not influence which value wins; it only tells whether the loser was
//! overwritten *knowingly* (its writer's successor had seen it) or *concurrently* (two
//! devices edited offline and one edit silently replaced the other). Concurrent losses
//! are what the conflicts list shows the supervisor, on the device whose value lost.
//!
//! Why "from another node": a device's own successive edits of a cell are sequential by
//! construction, and only foreign versions can be missed. A local write therefore keeps
//! the base of the version it replaces when that version was its own (see
//! [`Version::local_successor`]), so a chain of unpushed local edits still names the last
//! foreign value it was built on.

use crate::hlc::{Hlc, NodeId};

/// The version of one held cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Version {
    /// Stamp of the write that produced the value.
    pub hlc: Hlc,
    /// Newest foreign stamp the writer had seen in this cell (`None`: none, e.g. a new row).
    pub base: Option<Hlc>,
}

impl Version {
    /// The version a local write by `node` at `stamp` gets when the cell held `held`.
    pub fn local_successor(held: Option<&Version>, node: NodeId, stamp: Hlc) -> Version {
        let base = held.and_then(|h| if h.hlc.node == node { h.base } else { Some(h.hlc) });
        Version { hlc: stamp, base }
    }
}

/// What merging an incoming version into a held one decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The incoming version wins: store it. `loser` is the held version when it was
    /// overwritten concurrently (its node should hear of it).
    Take {
        /// The held version, if it lost to a concurrent write.
        loser: Option<Version>,
    },
    /// The held version stays. `loser` is the incoming version when it lost to a
    /// concurrent write (its node should hear of it); `None` also for a duplicate.
    Keep {
        /// The incoming version, if it lost to a concurrent write.
        loser: Option<Version>,
    },
}

impl Decision {
    /// Whether the incoming version is to be stored.
    pub fn takes(self) -> bool {
        matches!(self, Decision::Take { .. })
    }

    /// The version that lost concurrently, if any.
    pub fn loser(self) -> Option<Version> {
        match self {
            Decision::Take { loser } | Decision::Keep { loser } => loser,
        }
    }
}

/// Merges `incoming` into the `held` version of the same cell.
///
/// The higher stamp wins (stamps are totally ordered: wall time, counter, node). An
/// equal stamp is the same write seen twice and changes nothing.
pub fn merge(held: Option<&Version>, incoming: &Version) -> Decision {
    let Some(held) = held else {
        return Decision::Take { loser: None };
    };
    if incoming.hlc > held.hlc {
        let concurrent = !saw(incoming, held);
        Decision::Take { loser: concurrent.then_some(*held) }
    } else if incoming.hlc < held.hlc {
        let concurrent = !saw(held, incoming);
        Decision::Keep { loser: concurrent.then_some(*incoming) }
    } else {
        Decision::Keep { loser: None }
    }
}

/// Whether the writer of `later` had seen `earlier` (or is the same node, whose writes are
/// sequential).
fn saw(later: &Version, earlier: &Version) -> bool {
    later.hlc.node == earlier.hlc.node || later.base.is_some_and(|b| b >= earlier.hlc)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const A: NodeId = NodeId::from_u64(0xa);
    const B: NodeId = NodeId::from_u64(0xb);
    const C: NodeId = NodeId::from_u64(0xc);

    fn h(ms: u64, node: NodeId) -> Hlc {
        Hlc { wall_ms: ms, counter: 0, node }
    }

    fn v(ms: u64, node: NodeId, base: Option<Hlc>) -> Version {
        Version { hlc: h(ms, node), base }
    }

    #[test]
    fn a_new_cell_takes_anything() {
        assert_eq!(merge(None, &v(1, A, None)), Decision::Take { loser: None });
    }

    #[test]
    fn the_higher_stamp_wins_either_way_round() {
        let old = v(10, A, None);
        let new = v(20, B, None);
        assert!(merge(Some(&old), &new).takes());
        assert!(!merge(Some(&new), &old).takes());
    }

    #[test]
    fn the_same_write_twice_is_a_no_op() {
        let x = v(10, A, None);
        assert_eq!(merge(Some(&x), &x), Decision::Keep { loser: None });
    }

    #[test]
    fn an_edit_made_after_seeing_the_held_value_is_no_conflict() {
        let held = v(10, A, None);
        let next = v(20, B, Some(held.hlc));
        assert_eq!(merge(Some(&held), &next), Decision::Take { loser: None });
    }

    #[test]
    fn two_offline_edits_of_one_cell_name_the_loser_on_both_sides() {
        let base = h(5, C);
        let mine = v(10, A, Some(base));
        let theirs = v(20, B, Some(base));
        assert_eq!(merge(Some(&mine), &theirs), Decision::Take { loser: Some(mine) });
        assert_eq!(merge(Some(&theirs), &mine), Decision::Keep { loser: Some(mine) });
    }

    #[test]
    fn a_nodes_own_successive_edits_never_conflict() {
        let first = v(10, A, None);
        let second = Version::local_successor(Some(&first), A, h(20, A));
        assert_eq!(second.base, None, "own version: keeps its base");
        assert_eq!(merge(Some(&first), &second), Decision::Take { loser: None });
    }

    #[test]
    fn a_chain_of_local_edits_still_names_the_foreign_value_it_was_built_on() {
        let theirs = v(10, B, None);
        let mine1 = Version::local_successor(Some(&theirs), A, h(20, A));
        let mine2 = Version::local_successor(Some(&mine1), A, h(30, A));
        assert_eq!(mine2.base, Some(theirs.hlc));
        // B edited again, offline, after its first value: A never saw that one.
        let theirs2 = v(25, B, Some(h(5, C)));
        assert_eq!(merge(Some(&theirs2), &mine2), Decision::Take { loser: Some(theirs2) });
    }

    fn arb_version() -> impl Strategy<Value = Version> {
        (0u64..50, 0u64..3, prop::option::of((0u64..50, 0u64..3))).prop_map(|(ms, n, base)| Version {
            hlc: h(ms, NodeId::from_u64(n)),
            base: base.map(|(ms, n)| h(ms, NodeId::from_u64(n))),
        })
    }

    /// Folds versions into one held cell, as a replica receiving them in this order would.
    fn fold(versions: &[Version]) -> Option<Version> {
        let mut held: Option<Version> = None;
        for v in versions {
            if merge(held.as_ref(), v).takes() {
                held = Some(*v);
            }
        }
        held
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn any_order_of_delivery_holds_the_same_version(
            versions in prop::collection::vec(arb_version(), 0..12),
            seed in any::<u64>(),
        ) {
            // Distinct stamps, as two writes never share one (the node breaks ties).
            let mut versions = versions;
            versions.sort_by_key(|v| v.hlc);
            versions.dedup_by_key(|v| v.hlc);
            let mut shuffled = versions.clone();
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            prop_assert_eq!(fold(&versions), fold(&shuffled));
        }

        #[test]
        fn delivering_twice_changes_nothing(versions in prop::collection::vec(arb_version(), 0..12)) {
            let mut twice = versions.clone();
            twice.extend(versions.iter().copied());
            prop_assert_eq!(fold(&versions).map(|v| v.hlc), fold(&twice).map(|v| v.hlc));
        }

        #[test]
        fn merging_groups_is_associative(
            a in prop::collection::vec(arb_version(), 0..6),
            b in prop::collection::vec(arb_version(), 0..6),
            c in prop::collection::vec(arb_version(), 0..6),
        ) {
            // (a ∪ b) ∪ c and a ∪ (b ∪ c): merge the winners of the inner group with the rest.
            let ab: Vec<Version> = fold(&[a.clone(), b.clone()].concat()).into_iter().collect();
            let bc: Vec<Version> = fold(&[b.clone(), c.clone()].concat()).into_iter().collect();
            let left = fold(&[ab, c.clone()].concat()).map(|v| v.hlc);
            let right = fold(&[a.clone(), bc].concat()).map(|v| v.hlc);
            prop_assert_eq!(left, right);
        }

        #[test]
        fn a_loser_is_never_the_winner(held in arb_version(), incoming in arb_version()) {
            let d = merge(Some(&held), &incoming);
            let winner = if d.takes() { incoming } else { held };
            if let Some(l) = d.loser() {
                prop_assert!(l.hlc < winner.hlc);
            }
        }
    }
}
