//! Hybrid logical clock (HLC).
//!
//! Every column a device changes is stamped with an [`Hlc`]: the wall-clock milliseconds,
//! a counter that orders events within one millisecond (or while the wall clock stands
//! still or runs backwards), and the id of the node that made the change. Comparing two
//! stamps orders changes across devices: per-column last-writer-wins uses exactly this
//! order, and the node id breaks ties so two devices never produce equal stamps.
//!
//! Why an HLC and not the plain wall clock: laptops' clocks stutter, jump back after NTP
//! corrections and differ between machines. The HLC never goes backwards on one node
//! ([`Clock::tick`]) and moves past every stamp it has seen from others ([`Clock::observe`]),
//! so causality is kept even when wall clocks disagree — within a bounded drift. A remote
//! stamp too far in the future is refused ([`ClockError::Drift`]) instead of dragging this
//! clock (and every later write) ahead of real time, which is how one skewed device could
//! otherwise win every conflict forever.
//!
//! The text form is fixed-width and sorts like the stamp itself, so SQLite can compare
//! stamps as plain strings: `0001700000000000-0000-1a2b3c4d5e6f7081`
//! (16 decimal digits of ms, 4 hex digits of counter, 16 hex digits of node id).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Default bound on how far a remote stamp may be ahead of our wall clock: 5 minutes.
pub const DEFAULT_MAX_DRIFT_MS: u64 = 5 * 60 * 1000;

/// Identifies one device (one local database). Random 64 bits, minted once per database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(u64);

impl NodeId {
    /// A fresh random node id.
    pub fn random() -> Self {
        NodeId(rand::random())
    }

    /// The raw value; stable for storage.
    pub fn as_u64(self) -> u64 {
        self.0
    }

    /// Rebuilds a node id from its raw value.
    pub const fn from_u64(v: u64) -> Self {
        NodeId(v)
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl FromStr for NodeId {
    type Err = ClockError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ClockError::Invalid(s.to_owned()));
        }
        u64::from_str_radix(s, 16)
            .map(NodeId)
            .map_err(|_| ClockError::Invalid(s.to_owned()))
    }
}

/// One hybrid-logical-clock stamp. Ordered by (wall ms, counter, node).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch (the logical part may run ahead of real time).
    pub wall_ms: u64,
    /// Orders stamps that share `wall_ms`.
    pub counter: u16,
    /// The node that minted the stamp; breaks ties between nodes.
    pub node: NodeId,
}

/// Largest wall time the 16-digit text form can hold.
const MAX_WALL_MS: u64 = 9_999_999_999_999_999;

impl Hlc {
    /// The smallest stamp for `node`; a fresh clock starts here.
    pub fn zero(node: NodeId) -> Self {
        Hlc { wall_ms: 0, counter: 0, node }
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A first sync writes millions of stamps: the 38 characters by hand, not through
        // the formatting machinery (the same text as `{:016}-{:04x}-{:016x}`).
        const HEX: &[u8; 16] = b"0123456789abcdef";
        if self.wall_ms >= 10_000_000_000_000_000 {
            return write!(f, "{:016}-{:04x}-{}", self.wall_ms, self.counter, self.node);
        }
        let mut buf = [0u8; 38];
        let mut wall = self.wall_ms;
        for b in buf[..16].iter_mut().rev() {
            *b = b'0' + (wall % 10) as u8;
            wall /= 10;
        }
        buf[16] = b'-';
        for (i, b) in buf[17..21].iter_mut().enumerate() {
            *b = HEX[usize::from((self.counter >> (12 - 4 * i)) & 0xf)];
        }
        buf[21] = b'-';
        for (i, b) in buf[22..].iter_mut().enumerate() {
            *b = HEX[((self.node.0 >> (60 - 4 * i)) & 0xf) as usize];
        }
        f.write_str(std::str::from_utf8(&buf).map_err(|_| fmt::Error)?)
    }
}

impl FromStr for Hlc {
    type Err = ClockError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || ClockError::Invalid(s.to_owned());
        let mut parts = s.split('-');
        let (Some(wall), Some(counter), Some(node), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if wall.len() != 16 || !wall.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        if counter.len() != 4 || !counter.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        Ok(Hlc {
            wall_ms: wall.parse().map_err(|_| invalid())?,
            counter: u16::from_str_radix(counter, 16).map_err(|_| invalid())?,
            node: node.parse().map_err(|_| invalid())?,
        })
    }
}

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for NodeId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Hlc {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Parsed from the borrowed text: a pulled page holds a stamp per change, and a
        // String for each was a noticeable part of reading a first sync.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Hlc;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a clock stamp")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Hlc, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// OpenAPI schemas of the text forms (both travel as strings).
#[cfg(feature = "openapi")]
mod openapi {
    use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
    use utoipa::openapi::RefOr;

    impl utoipa::PartialSchema for super::Hlc {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[0-9]{16}-[0-9a-fA-F]{4}-[0-9a-fA-F]{16}$"))
                .description(Some("Hybrid-logical-clock stamp: 16 digits of Unix ms, 4 hex digits of counter, 16 hex digits of node id"))
                .examples(["0001700000000000-0000-1a2b3c4d5e6f7081"])
                .into()
        }
    }

    impl utoipa::ToSchema for super::Hlc {}

    impl utoipa::PartialSchema for super::NodeId {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[0-9a-fA-F]{16}$"))
                .description(Some("A device database's node id: 16 hex digits"))
                .examples(["1a2b3c4d5e6f7081"])
                .into()
        }
    }

    impl utoipa::ToSchema for super::NodeId {}
}

/// Why a clock operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// A remote stamp is further ahead of our wall clock than the drift bound allows.
    #[error("remote clock is {ahead_ms} ms ahead of ours (limit {max_ms} ms)")]
    Drift {
        /// How far ahead the remote stamp is.
        ahead_ms: u64,
        /// The configured bound.
        max_ms: u64,
    },
    /// Text that is not a valid stamp or node id.
    #[error("invalid clock stamp {0:?}")]
    Invalid(String),
}

/// The clock of one node: the last stamp it issued or observed.
///
/// It is a plain value; the caller decides where it lives and persists [`Clock::last`]
/// together with the writes it stamped, so a restart never reissues a stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clock {
    last: Hlc,
    max_drift_ms: u64,
}

impl Clock {
    /// A clock for `node` that resumes after `last` (use [`Hlc::zero`] for a new node).
    pub fn new(node: NodeId, last: Hlc) -> Self {
        Clock {
            last: Hlc { node, ..last },
            max_drift_ms: DEFAULT_MAX_DRIFT_MS,
        }
    }

    /// Sets the bound on how far ahead of our wall clock a remote stamp may be.
    pub fn with_max_drift_ms(mut self, max_drift_ms: u64) -> Self {
        self.max_drift_ms = max_drift_ms;
        self
    }

    /// The node this clock stamps for.
    pub fn node(&self) -> NodeId {
        self.last.node
    }

    /// The last stamp issued or observed.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// Issues the stamp for a local change at wall time `now_ms`.
    ///
    /// Always strictly greater than every earlier stamp of this clock, even when the wall
    /// clock runs backwards; a full counter carries into the millisecond rather than
    /// failing, because refusing a supervisor's local write is never acceptable.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let next = if now_ms > self.last.wall_ms {
            Hlc { wall_ms: now_ms.min(MAX_WALL_MS), counter: 0, node: self.last.node }
        } else {
            self.successor(self.last)
        };
        self.last = next;
        next
    }

    /// Moves the clock past a stamp received from another node at wall time `now_ms`.
    ///
    /// Refuses stamps more than the drift bound ahead of `now_ms` and leaves the clock
    /// unchanged in that case.
    pub fn observe(&mut self, remote: Hlc, now_ms: u64) -> Result<(), ClockError> {
        let ahead_ms = remote.wall_ms.saturating_sub(now_ms);
        if ahead_ms > self.max_drift_ms {
            return Err(ClockError::Drift { ahead_ms, max_ms: self.max_drift_ms });
        }
        let high = self.last.max(Hlc { node: self.last.node, ..remote });
        self.last = if now_ms > high.wall_ms {
            Hlc { wall_ms: now_ms, counter: 0, node: self.last.node }
        } else {
            self.successor(high)
        };
        Ok(())
    }

    fn successor(&self, of: Hlc) -> Hlc {
        match of.counter.checked_add(1) {
            Some(counter) => Hlc { wall_ms: of.wall_ms, counter, node: self.last.node },
            None => Hlc { wall_ms: of.wall_ms + 1, counter: 0, node: self.last.node },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NODE: NodeId = NodeId(0x1a2b_3c4d_5e6f_7081);
    const OTHER: NodeId = NodeId(0xffff_0000_ffff_0000);
    const T0: u64 = 1_700_000_000_000;

    fn clock() -> Clock {
        Clock::new(NODE, Hlc::zero(NODE))
    }

    #[test]
    fn ticks_follow_a_monotonic_wall_clock() {
        let mut c = clock();
        let a = c.tick(T0);
        let b = c.tick(T0 + 5);
        assert_eq!(a, Hlc { wall_ms: T0, counter: 0, node: NODE });
        assert_eq!(b, Hlc { wall_ms: T0 + 5, counter: 0, node: NODE });
    }

    #[test]
    fn stuttering_wall_clock_advances_the_counter() {
        let mut c = clock();
        let a = c.tick(T0);
        let b = c.tick(T0);
        assert!(b > a);
        assert_eq!(b.counter, 1);
        assert_eq!(b.wall_ms, T0);
    }

    #[test]
    fn regressing_wall_clock_never_moves_stamps_backwards() {
        let mut c = clock();
        let a = c.tick(T0);
        let b = c.tick(T0 - 60_000);
        let d = c.tick(T0 - 120_000);
        assert!(a < b && b < d);
        assert_eq!(d.wall_ms, T0);
    }

    #[test]
    fn full_counter_carries_into_the_millisecond() {
        let mut c = Clock::new(NODE, Hlc { wall_ms: T0, counter: u16::MAX, node: NODE });
        let next = c.tick(T0);
        assert_eq!(next, Hlc { wall_ms: T0 + 1, counter: 0, node: NODE });
    }

    #[test]
    fn resumed_clock_continues_after_its_persisted_stamp() {
        let mut c = clock();
        c.tick(T0);
        let persisted = c.last();
        let mut resumed = Clock::new(NODE, persisted);
        assert!(resumed.tick(T0 - 1_000) > persisted);
    }

    #[test]
    fn observe_moves_past_a_remote_stamp() {
        let mut c = clock();
        c.tick(T0);
        let remote = Hlc { wall_ms: T0 + 1_000, counter: 7, node: OTHER };
        c.observe(remote, T0).unwrap();
        let next = c.tick(T0);
        assert!(next > remote);
        assert_eq!(next.node, NODE);
    }

    #[test]
    fn observe_of_an_old_stamp_still_advances() {
        let mut c = clock();
        let before = c.tick(T0);
        c.observe(Hlc { wall_ms: T0 - 9_000, counter: 0, node: OTHER }, T0).unwrap();
        assert!(c.last() > before);
    }

    #[test]
    fn drift_beyond_bound_is_rejected_and_leaves_clock_unchanged() {
        let mut c = clock().with_max_drift_ms(1_000);
        c.tick(T0);
        let before = c.last();
        let far = Hlc { wall_ms: T0 + 3_600_000, counter: 0, node: OTHER };
        assert_eq!(
            c.observe(far, T0),
            Err(ClockError::Drift { ahead_ms: 3_600_000, max_ms: 1_000 })
        );
        assert_eq!(c.last(), before);
    }

    #[test]
    fn node_id_breaks_ties() {
        let a = Hlc { wall_ms: T0, counter: 0, node: NODE };
        let b = Hlc { wall_ms: T0, counter: 0, node: OTHER };
        assert!(a < b);
        assert_ne!(a, b);
    }

    #[test]
    fn text_form_round_trips_and_is_fixed_width() {
        let h = Hlc { wall_ms: T0, counter: 0xab, node: NODE };
        let s = h.to_string();
        assert_eq!(s, "0001700000000000-00ab-1a2b3c4d5e6f7081");
        assert_eq!(s.parse::<Hlc>().unwrap(), h);
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(json, format!("\"{s}\""));
        assert_eq!(serde_json::from_str::<Hlc>(&json).unwrap(), h);
    }

    #[test]
    fn invalid_text_is_rejected() {
        for bad in [
            "",
            "0001700000000000-00ab",
            "1700000000000-00ab-1a2b3c4d5e6f7081",
            "0001700000000000-0ab-1a2b3c4d5e6f7081",
            "0001700000000000-00ab-1a2b3c4d5e6f708",
            "0001700000000000-00ab-1a2b3c4d5e6f7081-0",
            "000170000000000x-00ab-1a2b3c4d5e6f7081",
            "0001700000000000-00zb-1a2b3c4d5e6f7081",
            "0001700000000000-00ab-1a2b3c4d5e6f708g",
            "+001700000000000-00ab-1a2b3c4d5e6f7081",
        ] {
            assert!(bad.parse::<Hlc>().is_err(), "{bad:?} should be invalid");
        }
    }

    proptest! {
        #[test]
        fn text_order_matches_stamp_order(
            a in (0..MAX_WALL_MS, any::<u16>(), any::<u64>()),
            b in (0..MAX_WALL_MS, any::<u16>(), any::<u64>()),
        ) {
            let a = Hlc { wall_ms: a.0, counter: a.1, node: NodeId(a.2) };
            let b = Hlc { wall_ms: b.0, counter: b.1, node: NodeId(b.2) };
            prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
        }

        /// The hand-written text form is the formatted one, and reads back.
        #[test]
        fn text_form_is_the_formatted_one(wall in any::<u64>(), counter in any::<u16>(), node in any::<u64>()) {
            let h = Hlc { wall_ms: wall, counter, node: NodeId(node) };
            let s = h.to_string();
            prop_assert_eq!(&s, &format!("{wall:016}-{counter:04x}-{node:016x}"));
            if wall < 10_000_000_000_000_000 {
                prop_assert_eq!(s.parse::<Hlc>().unwrap(), h);
                prop_assert_eq!(serde_json::from_str::<Hlc>(&format!("\"{s}\"")).unwrap(), h);
            }
        }

        #[test]
        fn ticks_are_strictly_increasing_for_any_wall_clock(walls in prop::collection::vec(0..T0 * 2, 1..200)) {
            let mut c = clock();
            let mut prev = c.last();
            for w in walls {
                let next = c.tick(w);
                prop_assert!(next > prev);
                prev = next;
            }
        }
    }
}
