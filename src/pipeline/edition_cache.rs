//! The editions cache, kept in the output folder beside the site
//! (`.zorgroute-editions.json`): for each earlier edition the key of its
//! content and of the pages built from it, and the changes between editions
//! whose contents it knows. A build whose earlier editions did not change
//! copies their pages from the last build and takes their changes from
//! here, instead of reading, resolving, comparing and rendering them again.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::changes::Change;
use crate::urls;

/// The cache's file in the output folder.
pub const FILE: &str = ".zorgroute-editions.json";

pub use crate::fingerprint::Key;

/// What the last build knew of the editions.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EditionCache {
    /// The zorgroute that wrote it: another version starts afresh.
    version: String,
    pub editions: Vec<CachedEdition>,
    pub diffs: Vec<CachedDiff>,
}

/// An earlier edition as the last build made it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedEdition {
    pub name: String,
    pub content: Key,
    /// The date its source gives (its commit's), when site.yaml gives none.
    pub source_date: Option<time::Date>,
    /// The key of what its pages show: its content, its name, the theme and
    /// the current edition's pages it links to. Its pages are in the output
    /// under `edities/<name>/`.
    pub pages: Key,
}

/// The changes from the edition with content `older` to the one with
/// content `newer`, per region slug.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedDiff {
    pub newer: Key,
    pub older: Key,
    pub regions: Vec<(String, Vec<Change>)>,
}

impl EditionCache {
    /// An empty cache of this version.
    pub fn fresh() -> EditionCache {
        EditionCache {
            version: env!("CARGO_PKG_VERSION").to_string(),
            ..EditionCache::default()
        }
    }

    /// The cache of the site in `out`; empty when there is none, it does not
    /// parse, or another version of zorgroute wrote it. An edition whose
    /// pages are no longer there is left out.
    pub fn read(out: &Path) -> EditionCache {
        let mut cache = std::fs::read(out.join(FILE))
            .ok()
            .and_then(|bytes| EditionCache::from_bytes(&bytes))
            .unwrap_or_else(EditionCache::fresh);
        cache
            .editions
            .retain(|e| out.join(urls::edition_root(&e.name)).join("index.html").is_file());
        cache
    }

    /// A cache as [`EditionCache::to_bytes`] wrote it, by this version.
    pub fn from_bytes(bytes: &[u8]) -> Option<EditionCache> {
        serde_json::from_slice::<EditionCache>(bytes)
            .ok()
            .filter(|c| c.version == env!("CARGO_PKG_VERSION"))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn edition(&self, content: Key) -> Option<&CachedEdition> {
        self.editions.iter().find(|e| e.content == content)
    }

    /// Whether the output holds the pages of an edition with this pages key.
    pub fn has_pages(&self, pages: Key) -> bool {
        self.editions.iter().any(|e| e.pages == pages)
    }

    pub fn diff(&self, newer: Key, older: Key) -> Option<&CachedDiff> {
        self.diffs.iter().find(|d| d.newer == newer && d.older == older)
    }
}

/// The files of edition `name` in the site in `out`: (path in the site,
/// file on disk), to copy into the next build.
pub fn built_files(out: &Path, name: &str) -> Vec<(String, std::path::PathBuf)> {
    let root = urls::edition_root(name);
    walkdir::WalkDir::new(out.join(&root))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?;
            let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
            Some((rel.join("/"), e.into_path()))
        })
        .collect()
}
