//! The PDF cache, kept in the output folder beside the site
//! (`.zorgroute-pdf.json`): the key of what each draaiboek.pdf there was
//! typeset from. Typesetting is most of a build's time, and most builds
//! change a region or two: a PDF whose key is unchanged is taken from the
//! last build instead of typeset again.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::fingerprint::{Fingerprint, Key};
use crate::load::parse::CONTENT;
use crate::model::Site;

/// The cache's file in the output folder.
pub const FILE: &str = ".zorgroute-pdf.json";

/// The cache's file: which PDF of the site was typeset from what.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Listing {
    /// The zorgroute that wrote it ([`program`]): another one (other fonts,
    /// another Typst, another way of drawing) starts afresh.
    program: String,
    pdfs: Vec<Typeset>,
}

impl Listing {
    /// A listing as this zorgroute writes it.
    fn from_bytes(bytes: &[u8]) -> Option<Listing> {
        serde_json::from_slice::<Listing>(bytes)
            .ok()
            .filter(|l| l.program == program())
    }
}

/// This zorgroute: its version and, from its executable's size and time,
/// the build of it, since a rebuilt program of the same version (while
/// zorgroute itself is worked on) may typeset otherwise. Looked up once: a
/// build reads and writes the cache with the same answer.
fn program() -> &'static str {
    static PROGRAM: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PROGRAM.get_or_init(|| {
        let version = env!("CARGO_PKG_VERSION");
        let built = std::env::current_exe().and_then(std::fs::metadata).and_then(|m| {
            let time = m
                .modified()?
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(std::io::Error::other)?;
            Ok(format!("{}-{}", m.len(), time.as_nanos()))
        });
        match built {
            Ok(built) => format!("{version}+{built}"),
            Err(_) => version.to_string(),
        }
    })
}

/// One PDF of a build.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Typeset {
    /// Its path in the site.
    path: String,
    key: Key,
    /// Its size, so a file changed since is not taken for it.
    len: u64,
}

/// What a build did for its PDFs (those of unchanged earlier editions it
/// keeps as they are not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PdfCounts {
    pub typeset: usize,
    pub taken: usize,
}

/// The last build's PDFs, to take from, and this build's, to list.
#[derive(Debug, Default)]
pub struct PdfCache {
    /// The last build's folder.
    out: PathBuf,
    before: HashMap<Key, Typeset>,
    /// The PDFs of the build being written over: path -> (key, size).
    spare: HashMap<String, (Key, u64)>,
    made: Mutex<Vec<Typeset>>,
    /// The last build's PDFs this one keeps as they are.
    kept: Mutex<Vec<Typeset>>,
    /// How many PDFs this build took from the last one.
    taken: AtomicUsize,
}

impl PdfCache {
    /// The cache of the site in `out`; empty when there is none, it does not
    /// parse, or another zorgroute (version or build) wrote it.
    pub fn read(out: &Path) -> PdfCache {
        let listing = std::fs::read(out.join(FILE))
            .ok()
            .and_then(|bytes| Listing::from_bytes(&bytes))
            .unwrap_or_default();
        PdfCache {
            out: out.to_path_buf(),
            before: listing.pdfs.into_iter().map(|p| (p.key, p)).collect(),
            spare: HashMap::new(),
            made: Mutex::default(),
            kept: Mutex::default(),
            taken: AtomicUsize::new(0),
        }
    }

    /// Where the last build's PDF with `key` is, and its size, if it is
    /// still there as that build wrote it.
    pub fn typeset_before(&self, key: Key) -> Option<(PathBuf, u64)> {
        let before = self.before.get(&key)?;
        let path = self.out.join(&before.path);
        let mut header = [0u8; 5];
        let intact = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == before.len)
            && std::fs::File::open(&path)
                .and_then(|mut f| f.read_exact(&mut header))
                .is_ok()
            && &header == b"%PDF-";
        intact.then_some((path, before.len))
    }

    /// Whether the build being written over (the one before the last) has
    /// this PDF at `path` too, so it can stay as it is.
    pub fn in_spare(&self, path: &str, key: Key, len: u64) -> bool {
        self.spare.get(path).is_some_and(|&(k, l)| k == key && l == len)
    }

    /// Learns which PDFs the build being written over holds, from its cache
    /// file.
    pub fn with_spare(mut self, listing: Option<Vec<u8>>) -> PdfCache {
        let listing = listing
            .and_then(|bytes| Listing::from_bytes(&bytes))
            .unwrap_or_default();
        self.spare = listing.pdfs.into_iter().map(|p| (p.path, (p.key, p.len))).collect();
        self
    }

    /// Notes that this build has a PDF of `len` bytes, typeset from `key`,
    /// at `path`: taken from the last build or typeset now.
    pub fn note(&self, path: &str, key: Key, len: u64, taken: bool) {
        if taken {
            self.taken.fetch_add(1, Ordering::Relaxed);
        }
        if let Ok(mut made) = self.made.lock() {
            made.push(Typeset {
                path: path.to_string(),
                key,
                len,
            });
        }
    }

    /// How many PDFs of this build were typeset, and how many were taken
    /// from the last build.
    pub fn counts(&self) -> PdfCounts {
        let taken = self.taken.load(Ordering::Relaxed);
        let noted = self.made.lock().map_or(0, |m| m.len());
        PdfCounts {
            typeset: noted.saturating_sub(taken),
            taken,
        }
    }

    /// Notes the last build's PDFs under the folder `prefix`, which this
    /// build keeps as they are (an unchanged earlier edition's).
    pub fn keep_under(&self, prefix: &str) {
        let kept = self.before.values().filter(|p| p.path.starts_with(prefix)).cloned();
        if let Ok(mut kept_now) = self.kept.lock() {
            kept_now.extend(kept);
        }
    }

    /// The cache file of this build: `None` when it made no PDF.
    pub fn to_bytes(&self) -> Option<Vec<u8>> {
        let mut pdfs = self.made.lock().ok()?.clone();
        pdfs.extend(self.kept.lock().ok()?.iter().cloned());
        if pdfs.is_empty() {
            return None;
        }
        // The same bytes for the same build, whichever thread was first.
        pdfs.sort_by(|a, b| a.path.cmp(&b.path));
        let listing = Listing {
            program: program().to_string(),
            pdfs,
        };
        serde_json::to_vec(&listing).ok()
    }
}

/// The key of the content each region of `site` is resolved from, in the
/// site's order of regions: every content file of `files` (path, bytes)
/// but those in another region's folder. A region reads its own folder, the
/// standard route it extends and the site's files, never another region's,
/// so an edit in one region changes that region's key only.
pub fn content_keys<'f>(site: &Site, files: impl Iterator<Item = (&'f str, &'f [u8])>) -> Vec<Key> {
    let folders: HashMap<&str, usize> = (site.regions.iter().enumerate())
        .map(|(i, r)| (r.slug.as_str(), i))
        .collect();
    // Each file hashed once, with the region whose folder holds it.
    let hashed: Vec<(Option<usize>, u128)> = files
        .filter_map(|(path, bytes)| {
            let inside = path.strip_prefix(CONTENT)?.strip_prefix('/')?;
            let region = (inside.split_once('/')).and_then(|(folder, _)| folders.get(folder).copied());
            Some((region, Fingerprint::new().part(path).part(bytes).finish()))
        })
        .collect();
    (0..site.regions.len())
        .map(|ri| {
            let mut key = Fingerprint::new();
            for (_, hash) in hashed.iter().filter(|(region, _)| region.is_none_or(|r| r == ri)) {
                key.part(hash.to_le_bytes());
            }
            Key(key.finish())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_a_pdf_only_while_it_is_as_written() {
        let out = tempfile::tempdir().unwrap();
        let pdf = b"%PDF-1.7 a draaiboek".to_vec();
        std::fs::create_dir_all(out.path().join("regio")).unwrap();
        std::fs::write(out.path().join("regio/draaiboek.pdf"), &pdf).unwrap();
        let built = PdfCache::default();
        built.note("regio/draaiboek.pdf", Key(7), pdf.len() as u64, false);
        std::fs::write(out.path().join(FILE), built.to_bytes().unwrap()).unwrap();

        let cache = PdfCache::read(out.path());
        let at = out.path().join("regio/draaiboek.pdf");
        assert_eq!(cache.typeset_before(Key(7)), Some((at, pdf.len() as u64)));
        assert_eq!(cache.typeset_before(Key(8)), None);
        std::fs::write(out.path().join("regio/draaiboek.pdf"), b"%PDF-1.7 changed since").unwrap();
        assert_eq!(cache.typeset_before(Key(7)), None);
    }

    #[test]
    fn another_version_starts_afresh() {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("regio.pdf"), b"%PDF-").unwrap();
        let listing = r#"{"program":"0.0.0-other","pdfs":[{"path":"regio.pdf","key":"00000000000000000000000000000007","len":5}]}"#;
        std::fs::write(out.path().join(FILE), listing).unwrap();
        assert_eq!(PdfCache::read(out.path()).typeset_before(Key(7)), None);
    }
}
