//! Load stage, in two halves: reading (`read.rs`) turns the project's folders
//! into a list of files with their bytes (`files.rs`), and parsing
//! (`parse.rs`) turns that list into the raw project, without the disk. The
//! theme's files are read here too (`theme.rs`); `changed.rs` dates the files.
//! The only stage that reads the project.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::raw::project::Project;
use crate::raw::RawSite;

pub mod changed;
pub mod files;
pub mod git;
pub mod highlight;
pub mod markdown;
pub mod parse;
pub mod read;
pub mod theme;
pub mod yaml;

pub use files::Files;
pub use parse::parse;

/// Files read and parsed by an earlier load, kept so that a reload (live
/// preview) only reads and parses the files that changed.
#[derive(Debug, Default)]
pub struct LoadCache {
    parsed: parse::Memo,
    /// The root of the last load: the cache knows files by their path under it.
    root: PathBuf,
    /// How many files the last load read anew (the rest came from the cache).
    pub last_read: usize,
    history: changed::KnownHistory,
    /// For a cache that is told of every change ([`LoadCache::watched`]):
    /// the last load's file list, and what changed since.
    watched: Option<Watched>,
}

/// What a watched cache knows between two loads.
#[derive(Debug, Default)]
struct Watched {
    listing: Option<Files>,
    /// Paths relative to the root that changed since the listing.
    changed: Vec<String>,
}

impl LoadCache {
    /// A cache whose user reports every change to the project's files with
    /// [`LoadCache::forget`] (the live preview's watcher), so that a load
    /// looks only at those files instead of walking all of them.
    pub fn watched() -> LoadCache {
        LoadCache {
            watched: Some(Watched::default()),
            ..LoadCache::default()
        }
    }

    /// Makes the next load read `path` again, whatever its stamp says (a
    /// file written twice within the clock's resolution keeps its stamp).
    pub fn forget(&mut self, path: &Path) {
        if let Ok(rel) = path.strip_prefix(&self.root) {
            let rel = crate::source::display_name(Path::new(""), rel);
            self.parsed.forget(&rel);
            if let Some(w) = &mut self.watched {
                w.changed.push(rel);
            }
        }
    }

    /// Makes the next load walk the project's folders again.
    pub fn rewalk(&mut self) {
        if let Some(w) = &mut self.watched {
            *w = Watched::default();
        }
    }
}

/// `content/site.yaml` alone, read ahead of the project (so the theme it
/// names can load while the rest parses); `None` when it is missing or does
/// not read. Loading the project reads it again and reports any mistake.
pub fn peek_site(root: &Path) -> Option<RawSite> {
    parse::peek_site(&read::bytes(root, "content/site.yaml")?)
}

/// Loads the project at `root` (its content lives in `root/content`).
pub fn load(root: &Path) -> Project {
    load_cached(root, &mut LoadCache::default())
}

/// [`load`], reusing what `cache` holds for files that did not change.
pub fn load_cached(root: &Path, cache: &mut LoadCache) -> Project {
    load_edited(root, cache, None)
}

/// A file's new bytes, not on disk yet: the editor checks the project with
/// them before it writes them.
#[derive(Debug, Clone, Copy)]
pub struct Edited<'a> {
    /// `content/...`, as [`Files`] names it.
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// [`load_cached`], with one file's bytes as `edited` gives them. That file
/// is dated now, as writing it will date it.
pub fn load_edited(root: &Path, cache: &mut LoadCache, edited: Option<Edited>) -> Project {
    if cache.root != root {
        *cache = LoadCache {
            root: root.to_path_buf(),
            watched: cache.watched.take().map(|_| Watched::default()),
            ..LoadCache::default()
        };
    }
    let memo = &cache.parsed;
    let wanted = |path: &str, stamp: &files::Stamp| parse::needs_bytes(path) && !memo.holds(path, stamp);
    let known = cache
        .watched
        .as_mut()
        .and_then(|w| Some((w.listing.take()?, std::mem::take(&mut w.changed))));
    let refreshed = known.and_then(|(listing, changed)| read::refresh(listing, &changed, parse::is_ignored, wanted));
    let mut files = refreshed
        .or_else(|| read::folder(root, parse::CONTENT, parse::is_ignored, wanted))
        .unwrap_or_else(|| Files::new(root.to_path_buf()));
    if let Some(w) = &mut cache.watched {
        w.listing = Some(files.listing());
    }
    if let Some(edit) = edited {
        files.insert(files::File {
            path: edit.path.to_string(),
            content: files::Content::Bytes(edit.bytes.to_vec()),
            stamp: Some((Some(SystemTime::now()), edit.bytes.len() as u64)),
        });
        // Not on disk yet (and perhaps never): the next load looks again.
        if let Some(w) = &mut cache.watched {
            w.changed.push(edit.path.to_string());
        }
    }
    let modified: HashMap<String, SystemTime> = files
        .iter()
        .filter_map(|f| Some((f.path.clone(), f.stamp?.0?)))
        .collect();
    let (mut project, fresh) = parse::parse_with(files, &mut cache.parsed);
    cache.last_read = fresh;
    project.changed = dates(&project, &modified, &mut cache.history);
    project
}

/// When each source file of `project` last changed, by file id, given the
/// modification times of the files (by path).
fn dates(
    project: &Project,
    modified: &HashMap<String, SystemTime>,
    history: &mut changed::KnownHistory,
) -> Vec<Option<time::Date>> {
    let stamped: Vec<(String, Option<SystemTime>)> = project
        .sources
        .iter()
        .map(|(_, source)| {
            let rel = source.name.strip_prefix("content/").unwrap_or(&source.name);
            (rel.to_string(), modified.get(&source.name).copied())
        })
        .collect();
    changed::dates_with(&project.content_dir, &stamped, changed::Policy::from_env(), history)
}
