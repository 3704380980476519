//! Noticing that a file changed between the two passes of a push: what the file
//! system says of it ([`Stamp`]), and a fast hash of its content ([`ContentHash`])
//! for changes the stamp cannot see.

use std::fs::Metadata;
use std::path::Path;

/// What the file system says of a file; a change between the passes means the
/// file changed. (The second pass also checks the exact escaped length.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

/// A fast, non-cryptographic hash of a byte stream, the same however it is cut.
/// Four independent lanes over 32-byte blocks, so that the multiplications of one
/// block do not wait for the previous block's.
#[derive(Debug, Default)]
pub struct ContentHash {
    lanes: [u64; 4],
    pending: [u8; 32],
    filled: usize,
    len: u64,
}

impl ContentHash {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    #[inline(always)]
    fn mix(h: u64, word: u64) -> u64 {
        (h.rotate_left(23) ^ word).wrapping_mul(Self::K)
    }

    #[inline(always)]
    fn block(&mut self, block: &[u8]) {
        for (lane, w) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            *lane = Self::mix(*lane, u64::from_le_bytes(word));
        }
    }

    pub fn write(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.filled > 0 {
            let take = (32 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 32 {
                return;
            }
            let pending = self.pending;
            self.block(&pending);
            self.filled = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for b in &mut blocks {
            self.block(b);
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    pub fn finish(mut self) -> u64 {
        self.pending[self.filled..].fill(0);
        let pending = self.pending;
        self.block(&pending);
        let [a, b, c, d] = self.lanes;
        let h = Self::mix(Self::mix(Self::mix(a, b), c), d);
        Self::mix(h, self.len)
    }
}

impl Stamp {
    pub fn missing() -> Stamp {
        Stamp {
            len: 0,
            modified: None,
            #[cfg(unix)]
            inode: 0,
        }
    }

    pub fn of(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path)
            .ok()
            .map(|meta| Self::from_meta(&meta))
    }

    pub fn from_meta(meta: &Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(meta),
        }
    }

    pub fn len(&self) -> u64 {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_how_the_stream_is_cut() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut h = ContentHash::default();
            h.write(&data);
            h.finish()
        };
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let mut h = ContentHash::default();
            h.write(&data[..cut]);
            h.write(&data[cut..]);
            assert_eq!(h.finish(), whole, "cut at {cut}");
        }
        let mut other = ContentHash::default();
        other.write(&data[..999]);
        assert_ne!(other.finish(), whole);
    }
}
