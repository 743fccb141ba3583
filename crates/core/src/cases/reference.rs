//! Human-readable case references that two offline devices can never mint alike.
//!
//! A reference is `<device code>-<sequence>`, e.g. `K7M2QX-42`: the device code is the top
//! 30 bits of this database's random 64-bit node id in Crockford base-32 (no I, L, O, U, so
//! it reads well over the phone), the sequence counts cases created on this device. Two
//! devices share a code with probability 2⁻³⁰ per pair (about one in 200,000 for a team of
//! 100 devices); the sequence makes references unique within a device, and the node id is
//! already what keeps their clocks' stamps apart.
//!
//! Once a device signs in, the server gives it a short code unique in the workspace
//! ([`server_reference`]), which makes new references unique by construction. Should two
//! ever clash after all (references minted before signing in), the case with the greater
//! id takes [`clash_reference`] on every device alike.

use frontline_sync::NodeId;

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The 6-character code of a device.
pub fn device_code(node: NodeId) -> String {
    let bits = node.as_u64() >> 34;
    (0..6).rev().map(|i| CROCKFORD[((bits >> (i * 5)) & 31) as usize] as char).collect()
}

/// The reference of the `seq`-th case created on a device the server gave `code` (1 to 4
/// characters, unique in the workspace): shorter than [`device_code`]'s six, so the two
/// kinds can never be equal.
pub fn server_reference(code: &str, seq: u64) -> String {
    format!("{code}-{seq}")
}

/// The reference a case takes when another case already has `reference`: the same one
/// with the end of the case's id, so every device that meets the clash picks the same.
pub fn clash_reference(reference: &str, case_id: &str) -> String {
    let tail: String = case_id.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("{reference}~{}", tail.to_uppercase())
}

/// The reference of the `seq`-th case created on `node`.
pub fn case_reference(node: NodeId, seq: u64) -> String {
    format!("{}-{seq}", device_code(node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_six_unambiguous_characters() {
        for v in [0u64, 1, u64::MAX, 0x1a2b_3c4d_5e6f_7081] {
            let c = device_code(NodeId::from_u64(v));
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|ch| ch.is_ascii_digit() || ch.is_ascii_uppercase()));
            assert!(!c.contains(['I', 'L', 'O', 'U']));
        }
        assert_eq!(device_code(NodeId::from_u64(0)), "000000");
        assert_eq!(device_code(NodeId::from_u64(u64::MAX)), "ZZZZZZ");
    }

    #[test]
    fn different_devices_get_different_references_for_the_same_sequence() {
        let a = NodeId::from_u64(0x8000_0000_0000_0000);
        let b = NodeId::from_u64(0x4000_0000_0000_0000);
        assert_ne!(case_reference(a, 1), case_reference(b, 1));
        assert_eq!(case_reference(a, 42), format!("{}-42", device_code(a)));
    }
}
