//! Random values from the operating system's generator: idempotency keys, tokens,
//! `state` parameters and retry jitter.

/// `n` random bytes as lowercase hex. Falls back to a time-and-address hash only if
/// the system generator fails, which it does not on supported platforms.
pub fn hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    if getrandom::fill(&mut bytes).is_err() {
        fallback(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `n` bytes from the system generator alone, as lowercase hex; `None` if it
/// fails. For values an attacker must not guess (the browser login's `state`).
pub fn strong_hex(n: usize) -> Option<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A random number in `[0, 1)`.
pub fn unit() -> f64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        fallback(&mut bytes);
    }
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

/// A random idempotency key (128 bits, hex).
pub fn idempotency_key() -> String {
    hex(16)
}

fn fallback(bytes: &mut [u8]) {
    use std::hash::{BuildHasher, Hasher};
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_usize(i);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        let word = h.finish().to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_look_random() {
        let a = hex(16);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, hex(16));
        let s = strong_hex(32).unwrap();
        assert_eq!(s.len(), 64);
        assert_ne!(s, strong_hex(32).unwrap());
        for _ in 0..100 {
            let u = unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
