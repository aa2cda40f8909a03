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

/// One file's bytes, when it reads.
pub fn bytes(root: &Path, path: &str) -> Option<Vec<u8>> {
    std::fs::read(root.join(path)).ok()
}
