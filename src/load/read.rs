//! Reading: the folders of a project on disk become a [`Files`] list. The
//! only code of the load stage that reads files (besides `changed.rs`, which
//! asks git and the file system for dates).

use std::path::Path;

use rayon::prelude::*;

use super::files::{Content, File, Files, Stamp};

/// The folder `dir` (relative to `root`, e.g. `content`) as a file list:
/// every file and folder below it in walk order, with their stamps. Entries
/// that `skip` refuses are left out, folders with all below them. Files that
/// `wanted` refuses, given their path and stamp, are listed but not read.
/// `None` when `dir` is not a folder.
pub fn folder(
    root: &Path,
    dir: &str,
    skip: impl Fn(&str) -> bool,
    wanted: impl Fn(&str, &Stamp) -> bool + Sync,
) -> Option<Files> {
    let base = root.join(dir);
    if !base.is_dir() {
        return None;
    }
    let mut files = Files::new(root.to_path_buf());
    let mut found = Vec::new();
    let walk = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skip(&e.file_name().to_string_lossy()));
    // A folder that cannot be listed is left out, like the files in it.
    for entry in walk.flatten() {
        let path = crate::source::display_name(root, entry.path());
        if entry.file_type().is_dir() {
            files.insert_folder(path);
        } else if entry.file_type().is_file() {
            found.push((path, entry.into_path()));
        }
    }
    // Read in parallel: a large handbook has a thousand files.
    let read: Vec<File> = found
        .into_par_iter()
        .map(|(path, on_disk)| {
            let stamp = std::fs::metadata(&on_disk).map_or((None, 0), |m| (m.modified().ok(), m.len()));
            let content = if wanted(&path, &stamp) {
                std::fs::read(&on_disk).map_or_else(|e| Content::Failed(e.to_string()), Content::Bytes)
            } else {
                Content::NotRead
            };
            File {
                path,
                content,
                stamp: Some(stamp),
            }
        })
        .collect();
    for file in read {
        files.insert(file);
    }
    Some(files)
}

/// The file list of the last load, `listing` (without bytes), brought up to
/// date with the files at `changed` (relative paths; what the live
/// preview's watcher saw change), instead of walking the folder again: a
/// thousand files' walk was a quarter of a rebuild. Files that `wanted`
/// asks for are read. `None` when a change is more than a file written,
/// added or removed in a folder the list has (a folder made, moved or
/// removed): then walk.
pub fn refresh(
    listing: Files,
    changed: &[String],
    skip: impl Fn(&str) -> bool,
    wanted: impl Fn(&str, &Stamp) -> bool + Sync,
) -> Option<Files> {
    let mut files = listing;
    for rel in changed {
        if rel.split('/').any(&skip) {
            continue;
        }
        let on_disk = files.root.join(rel);
        match std::fs::metadata(&on_disk) {
            Ok(m) if m.is_file() => {
                let parent = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
                if !files.has_folder(parent) {
                    return None;
                }
                files.insert(File {
                    path: rel.clone(),
                    content: Content::NotRead,
                    stamp: Some((m.modified().ok(), m.len())),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if files.has_folder(rel) {
                    return None;
                }
                files.remove(rel);
            }
            _ => return None,
        }
    }
    let root = files.root.clone();
    let mut wanted_files: Vec<&mut File> = files
        .files_mut()
        .filter(|f| f.stamp.is_some_and(|stamp| wanted(&f.path, &stamp)))
        .collect();
    wanted_files.par_iter_mut().for_each(|f| {
        f.content = std::fs::read(root.join(&f.path)).map_or_else(|e| Content::Failed(e.to_string()), Content::Bytes);
    });
    Some(files)
}

/// One file's bytes, when it reads.
pub fn bytes(root: &Path, path: &str) -> Option<Vec<u8>> {
    std::fs::read(root.join(path)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a file list holds: each file with what was read of it.
    fn held(files: &Files) -> Vec<(String, Option<String>)> {
        (files.iter())
            .map(|f| {
                let text = match &f.content {
                    Content::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
                    _ => None,
                };
                (f.path.clone(), text)
            })
            .collect()
    }

    #[test]
    fn a_listing_brought_up_to_date_equals_a_new_walk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let procedures = root.join("content/r/procedures");
        std::fs::create_dir_all(&procedures).unwrap();
        for name in ["a", "b", "c"] {
            std::fs::write(procedures.join(format!("{name}.md")), name).unwrap();
        }
        let skip = |name: &str| name.starts_with('.');
        let all = |_: &str, _: &Stamp| true;
        let listing = folder(root, "content", skip, all).unwrap().listing();

        // b written, c removed, d added beside them, a hidden file added.
        std::fs::write(procedures.join("b.md"), "b2").unwrap();
        std::fs::remove_file(procedures.join("c.md")).unwrap();
        std::fs::write(procedures.join("d.md"), "d").unwrap();
        std::fs::write(procedures.join(".d.md.swp"), "x").unwrap();
        let changed: Vec<String> = ["b.md", "c.md", "d.md", ".d.md.swp"]
            .iter()
            .map(|n| format!("content/r/procedures/{n}"))
            .collect();
        let refreshed = refresh(listing.listing(), &changed, skip, all).expect("files in known folders");
        assert_eq!(held(&refreshed), held(&folder(root, "content", skip, all).unwrap()));
        // Only what is wanted is read.
        let only_b = |path: &str, _: &Stamp| path.ends_with("b.md");
        let refreshed = refresh(listing.listing(), &changed, skip, only_b).unwrap();
        assert!(held(&refreshed)
            .iter()
            .all(|(p, text)| text.is_some() == p.ends_with("b.md")));

        // A new folder, or a folder gone: walk instead.
        std::fs::create_dir_all(root.join("content/s")).unwrap();
        std::fs::write(root.join("content/s/region.yaml"), "name: S").unwrap();
        assert!(refresh(listing.listing(), &["content/s/region.yaml".into()], skip, all).is_none());
        assert!(refresh(listing.listing(), &["content/s".into()], skip, all).is_none());
        std::fs::remove_dir_all(&procedures).unwrap();
        assert!(refresh(listing.listing(), &["content/r/procedures".into()], skip, all).is_none());
    }
}
