//! Content keys: a stable 128-bit hash (XXH3) of a sequence of byte strings,
//! so the editions cache can tell that an edition, a theme or the pages an
//! edition links to are the same as at the last build.

use xxhash_rust::xxh3::Xxh3;

/// Builds a key from parts; each part goes in with its length, so no two
/// sequences of parts run together into the same bytes.
#[derive(Default)]
pub struct Fingerprint(Xxh3);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint::default()
    }

    pub fn part(&mut self, bytes: impl AsRef<[u8]>) -> &mut Fingerprint {
        let bytes = bytes.as_ref();
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_do_not_run_together() {
        let ab_c = Fingerprint::new().part("ab").part("c").finish();
        let a_bc = Fingerprint::new().part("a").part("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(ab_c, Fingerprint::new().part("ab").part("c").finish());
    }
}
