//! Write stage: the only stage that writes files. A build goes into a
//! temporary sibling folder that replaces the output folder only when every
//! file was written, so a failed build leaves the last good site untouched.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::Rendered;

/// The file that marks a folder as zorgroute output (so it may be replaced).
pub const MARKER: &str = ".zorgroute-output";

/// A build in progress in a temporary folder next to the output folder.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
}

impl Staging {
    /// Creates an empty temporary folder beside `out`.
    pub fn begin(out: &Path) -> io::Result<Staging> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let tmp = parent.join(format!(".{name}.zorgroute-tmp-{}", std::process::id()));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        fs::create_dir_all(&tmp)?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
        })
    }

    /// Writes all files, in parallel.
    pub fn write_all(&self, files: &[Rendered]) -> io::Result<()> {
        files.par_iter().try_for_each(|f| self.write_file(f))
    }

    /// Writes one rendered file.
    pub fn write_file(&self, file: &Rendered) -> io::Result<()> {
        self.write(&file.path, &file.bytes)
    }

    /// Copies files as they are (forms, images), in parallel.
    pub fn copy_all(&self, copies: &[(String, PathBuf)]) -> io::Result<()> {
        copies.par_iter().try_for_each(|(rel, from)| {
            in_folder(&self.tmp.join(rel), |path| fs::copy(from, path).map(|_| ()))
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", from.display())))
        })
    }

    /// Writes `bytes` to `rel` in the build.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.tmp.join(rel);
        in_folder(&path, |path| fs::write(path, bytes))
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    /// Swaps the finished build into place and removes the previous one. On
    /// failure the temporary folder is removed and the previous site stays.
    pub fn commit(self) -> io::Result<()> {
        let result = self.swap();
        if result.is_err() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
        result
    }

    fn swap(&self) -> io::Result<()> {
        self.write(
            MARKER,
            concat!("zorgroute ", env!("CARGO_PKG_VERSION"), "\n").as_bytes(),
        )?;
        let old = self.tmp.with_file_name(format!(
            "{}.old",
            self.tmp
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &old)?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            // Put the last good site back before reporting.
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(e);
        }
        if had_old {
            fs::remove_dir_all(&old)?;
        }
        Ok(())
    }

    /// Throws the unfinished build away.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.tmp);
    }
}

/// Refuses output folders a build must never replace: `/`, the home folder,
/// the project or its content folder (or a folder holding them), and a
/// non-empty folder that is not a previous zorgroute output (unless `force`).
pub fn check_output_folder(root: &Path, out: &Path, force: bool) -> Result<(), String> {
    let absolute = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Resolve what exists (symlinks included), keep the rest as written.
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break,
            }
        }
        let mut resolved = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
        resolved.extend(rest.iter().rev());
        resolved
    };
    let out = absolute(out);
    let root = absolute(root);
    let content = root.join("content");
    let home = std::env::var_os("HOME").map(|h| absolute(Path::new(&h)));
    if out.parent().is_none() {
        return Err(format!("will not write the site into {}", out.display()));
    }
    if home.as_deref() == Some(out.as_path()) {
        return Err(format!(
            "will not write the site into the home folder {}",
            out.display()
        ));
    }
    if root.starts_with(&out) || content.starts_with(&out) || out.starts_with(&content) {
        return Err(format!(
            "will not write the site into {}: it holds the project or its content",
            out.display()
        ));
    }
    let is_previous_output = out.join(MARKER).is_file();
    let is_empty = fs::read_dir(&out).map_or(true, |mut d| d.next().is_none());
    if !is_empty && !is_previous_output && !force {
        return Err(format!(
            "{} is not empty and was not written by zorgroute; choose another --out or add --force",
            out.display()
        ));
    }
    Ok(())
}

/// Runs `op` on `path`, making `path`'s folder first when it is missing.
/// Trying first costs one failed call per folder; making every folder before
/// writing was a step of its own (75 ms for 1,000 pages) before any page
/// could be written. `create_dir_all` accepts a folder another thread made.
fn in_folder(path: &Path, op: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
    match op(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => match path.parent() {
            Some(dir) => {
                fs::create_dir_all(dir)?;
                op(path)
            }
            None => Err(e),
        },
        done => done,
    }
}
