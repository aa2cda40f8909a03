//! Write stage: the only stage that writes files. A build goes into a
//! temporary sibling folder that replaces the output folder only when every
//! file was written, so a failed build leaves the last good site untouched.
//!
//! The site it replaces is kept beside it, hidden (`.<name>.zorgroute-spare`),
//! and the next build writes over that instead of into an empty folder:
//! creating every file anew and deleting the previous build's took the
//! kernel a fifth of a 1,000-page build, where writing over a file (without
//! truncating it first) reuses it and its disk blocks. What a build does not
//! write is removed from it before the swap.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diag::OutputRefusal;
use crate::plan::Rendered;

/// The file that marks a folder as zorgroute output (so it may be replaced).
pub const MARKER: &str = ".zorgroute-output";

/// A build in progress in a temporary folder next to the output folder.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// Where the replaced site is kept for the next build to write over.
    spare: PathBuf,
    /// The paths written so far, when `tmp` is an earlier build being
    /// written over (`None` for an empty folder): the rest is stale.
    written: Option<Mutex<HashSet<String>>>,
    /// What the earlier build in `tmp` holds, listed on a thread of its own
    /// while this build renders, so the end of the build need not walk it.
    earlier: Mutex<Option<std::thread::JoinHandle<Vec<Listed>>>>,
    /// That listing, once a part of the build needs it.
    listed: std::sync::OnceLock<Vec<Listed>>,
}

/// A path in a build folder (relative, `/`-separated), and whether it is a folder.
type Listed = (String, bool);

/// Everything under `dir`, each folder after its contents. Entries that
/// vanish meanwhile (the build clearing the way for a folder) are skipped.
fn listing(dir: &Path) -> Vec<Listed> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
        .map(|entry| {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
            (rel.join("/"), entry.file_type().is_dir())
        })
        .collect()
}

impl Staging {
    /// Takes the spare folder beside `out` to write over, or creates an
    /// empty temporary folder when there is none.
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
        let spare = parent.join(format!(".{name}.zorgroute-spare"));
        if tmp.exists() {
            fs::remove_dir_all(&tmp)?;
        }
        reclaim_abandoned(parent, &name, &spare);
        // Renaming claims the spare: of two builds at once, one gets it.
        let reuse = is_real_folder(&spare) && spare.join(MARKER).is_file() && fs::rename(&spare, &tmp).is_ok();
        if !reuse {
            fs::create_dir_all(&tmp)?;
        }
        let earlier = reuse.then(|| {
            let dir = tmp.clone();
            std::thread::spawn(move || listing(&dir))
        });
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            spare,
            written: reuse.then(Mutex::default),
            earlier: Mutex::new(earlier),
            listed: std::sync::OnceLock::new(),
        })
    }

    /// What the earlier build in `tmp` holds (waiting for its listing).
    fn listed(&self) -> &[Listed] {
        self.listed.get_or_init(|| {
            let handle = self.earlier.lock().ok().and_then(|mut h| h.take());
            handle.and_then(|h| h.join().ok()).unwrap_or_else(|| listing(&self.tmp))
        })
    }

    /// A file of the earlier build this one writes over, if there is one.
    pub fn previous_file(&self, rel: &str) -> Option<Vec<u8>> {
        self.written.as_ref()?;
        fs::read(self.tmp.join(rel)).ok()
    }

    /// Keeps the earlier build's file at `rel`, which this build writes
    /// over, as it is, when it is there with `len` bytes: as if this build
    /// had written it. Gives whether it did.
    pub fn keep_file(&self, rel: &str, len: u64) -> bool {
        let Some(Ok(mut written)) = self.written.as_ref().map(Mutex::lock) else {
            return false;
        };
        let there = fs::symlink_metadata(self.tmp.join(rel)).is_ok_and(|m| m.is_file() && m.len() == len);
        if there {
            written.insert(rel.to_string());
        }
        there
    }

    /// Keeps what the earlier build this one writes over has under the
    /// folder `dir`, as it is: as if this build had written it. Gives how
    /// many files that is.
    pub fn keep(&self, dir: &str) -> usize {
        let Some(Ok(mut written)) = self.written.as_ref().map(Mutex::lock) else {
            return 0;
        };
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let mut count = 0;
        for (rel, _) in self
            .listed()
            .iter()
            .filter(|(rel, is_dir)| !is_dir && rel.starts_with(&prefix))
        {
            written.insert(rel.clone());
            count += 1;
        }
        count
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
            self.in_place(rel, |path| fs::copy(from, path).map(|_| ()))
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", from.display())))
        })
    }

    /// Writes `bytes` to `rel` in the build.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        self.in_place(rel, |path| overwrite(path, bytes)).map_err(|e| {
            let path = self.tmp.join(rel);
            io::Error::new(e.kind(), format!("{}: {e}", path.display()))
        })
    }

    /// Writes the file at `rel` in the build as `fill` makes it, a piece at
    /// a time: a region's largest outputs go to disk as they are made
    /// instead of being held whole in memory first.
    pub fn write_with<E: From<io::Error>>(
        &self,
        rel: &str,
        fill: impl FnOnce(&mut dyn io::Write) -> Result<(), E>,
    ) -> Result<(), E> {
        let opened = Mutex::new(None);
        self.in_place(rel, |path| {
            let file = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)?;
            *opened
                .lock()
                .map_err(|_| io::Error::other("a writing thread panicked"))? = Some(file);
            Ok(())
        })
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", self.tmp.join(rel).display())))?;
        let file = opened
            .into_inner()
            .ok()
            .flatten()
            .ok_or_else(|| io::Error::other("no file opened"))?;
        // Over an earlier build's file, as [`overwrite`] does: its length is
        // set at the end.
        let mut writer = io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut writer)?;
        let mut file = writer.into_inner().map_err(io::IntoInnerError::into_error)?;
        let len = io::Seek::stream_position(&mut file)?;
        Ok(file.set_len(len)?)
    }

    /// Runs `op`, which makes the file at `rel` in the build, and notes the
    /// file as written.
    fn in_place(&self, rel: &str, op: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
        let path = self.tmp.join(rel);
        let Some(written) = &self.written else {
            return in_folder(&path, op);
        };
        if let Ok(mut written) = written.lock() {
            written.insert(rel.to_string());
        }
        in_folder(&path, &op).or_else(|_| {
            // The earlier build may have had a folder where this file goes,
            // or a file where its folder goes: clear the way and try again.
            clear_way(&self.tmp, &path)?;
            in_folder(&path, &op)
        })
    }

    /// Removes from a written-over build what this build did not write.
    fn remove_stale(&mut self) -> io::Result<()> {
        let Some(written) = &self.written else {
            return Ok(());
        };
        let earlier = self.listed();
        let written = written
            .lock()
            .map_err(|_| io::Error::other("a writing thread panicked"))?;
        // The folders this build wrote into, and theirs, stay.
        let mut kept: HashSet<&str> = HashSet::new();
        for rel in written.iter() {
            let mut dir = rel.as_str();
            while let Some(cut) = dir.rfind('/') {
                dir = &dir[..cut];
                if !kept.insert(dir) {
                    break;
                }
            }
        }
        for (rel, is_dir) in earlier {
            let path = self.tmp.join(rel);
            if *is_dir {
                if !kept.contains(rel.as_str()) {
                    // Empty now, or made a file by this build (then it stays).
                    let _ = fs::remove_dir(&path);
                }
            } else if !written.contains(rel) && !kept.contains(rel.as_str()) {
                match fs::remove_file(&path) {
                    // Gone with a folder this build made a file.
                    Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {}
                    done => done?,
                }
            }
        }
        Ok(())
    }

    /// Swaps the finished build into place and keeps the previous one as the
    /// spare. On failure the temporary folder is removed and the previous
    /// site stays.
    pub fn commit(mut self) -> io::Result<()> {
        let result = self.swap();
        if result.is_err() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
        result
    }

    fn swap(&mut self) -> io::Result<()> {
        self.write(
            MARKER,
            concat!("zorgroute ", env!("CARGO_PKG_VERSION"), "\n").as_bytes(),
        )?;
        self.remove_stale()?;
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
        // Only a folder of our own is kept: an output that was a symbolic
        // link goes as before, and its target is never written over.
        // Another build may have left a spare meanwhile: one is enough.
        if had_old && !(is_real_folder(&old) && fs::rename(&old, &self.spare).is_ok()) {
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
pub fn check_output_folder(root: &Path, out: &Path, force: bool) -> Result<(), OutputRefusal> {
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
        return Err(OutputRefusal::FileSystemRoot { out });
    }
    if home.as_deref() == Some(out.as_path()) {
        return Err(OutputRefusal::HomeFolder { out });
    }
    if root.starts_with(&out) || content.starts_with(&out) || out.starts_with(&content) {
        return Err(OutputRefusal::HoldsProject { out });
    }
    let is_previous_output = out.join(MARKER).is_file();
    let is_empty = fs::read_dir(&out).map_or(true, |mut d| d.next().is_none());
    if !is_empty && !is_previous_output && !force {
        return Err(OutputRefusal::NotOurs { out });
    }
    Ok(())
}

/// How long a stopped build's folder is left alone: a build on another
/// machine or in another container sharing the folder has a process this
/// one cannot see, but no build takes anywhere near this long.
#[cfg(target_os = "linux")]
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Cleans up after builds that were stopped halfway (Ctrl-C): their
/// temporary folders, named after processes that are gone and untouched for
/// [`ABANDONED_AFTER`]. One that holds a whole earlier build (a claimed spare
/// keeps the marker) becomes the spare again if there is none; the others
/// are removed, so that stopped builds do not pile up copies of the site. A
/// swap's `.old` folder is left alone.
#[cfg(target_os = "linux")]
fn reclaim_abandoned(parent: &Path, name: &str, spare: &Path) {
    let prefix = format!(".{name}.zorgroute-tmp-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let pid = file_name.to_str().and_then(|n| n.strip_prefix(&prefix));
        let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let running = Path::new("/proc").join(pid.to_string()).exists();
        let path = entry.path();
        let age = fs::symlink_metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        let old_enough = age.is_some_and(|age| age >= ABANDONED_AFTER);
        if running || pid == std::process::id() || !old_enough || !is_real_folder(&path) {
            continue;
        }
        let adopted = !spare.exists() && path.join(MARKER).is_file() && fs::rename(&path, spare).is_ok();
        if !adopted {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Elsewhere there is no portable way to tell whether a process still runs,
/// so a stopped build's folder stays until it is removed by hand.
#[cfg(not(target_os = "linux"))]
fn reclaim_abandoned(_parent: &Path, _name: &str, _spare: &Path) {}

/// Whether `path` is a folder itself, not a symbolic link to one.
fn is_real_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Makes room for a file at `path` inside `root`: removes a file where one
/// of its folders should be, and a folder where the file should be.
fn clear_way(root: &Path, path: &Path) -> io::Result<()> {
    for ancestor in path
        .ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root) && *a != root)
    {
        if ancestor.is_file() {
            fs::remove_file(ancestor)?;
        }
    }
    if path.is_dir() {
        fs::remove_dir_all(path)?;
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

/// Writes `bytes` as the whole content of the file at `path`, over the blocks
/// an earlier build's file already holds: truncating first would make the
/// file system free them and allocate them again for the same bytes.
fn overwrite(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    file.set_len(bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(path: &str, text: &str) -> Rendered {
        Rendered {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// Every file under `dir`, relative, with its text.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_build_written_over_the_spare_equals_a_fresh_one() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // `streamed`, if given, is written a piece at a time.
        let build_with = |files: &[Rendered], streamed: Option<&str>| {
            let staging = Staging::begin(&out).unwrap();
            staging.write_all(files).unwrap();
            if let Some(text) = streamed {
                let pieces =
                    |w: &mut dyn io::Write| text.split_inclusive(' ').try_for_each(|p| w.write_all(p.as_bytes()));
                staging.write_with("streamed/index.html", pieces).unwrap();
            }
            staging.commit().unwrap();
        };
        let build = |files: &[Rendered]| build_with(files, None);
        // The first two builds leave their predecessor as the spare; the
        // third writes over the first, where `x` was a folder, `y` a file,
        // `old/` a page this build no longer has, and `short` and `long`
        // pages that now shrink and grow.
        let first = [
            rendered("x/index.html", "x"),
            rendered("y", "y"),
            rendered("old/index.html", "old"),
            rendered("short", "a page that was long once"),
            rendered("long", "short"),
            rendered("streamed/index.html", "a longer page that was written whole"),
        ];
        build(&first);
        build(&first);
        let spare = tmp.path().join(".public.zorgroute-spare");
        assert!(spare.join(MARKER).is_file(), "the replaced build is kept");
        let third = [
            rendered("x", "x is a file now"),
            rendered("y/index.html", "y is a folder now"),
            rendered("short", "short now"),
            rendered("long", "a page that was short once"),
        ];
        build_with(&third, Some("written in pieces"));
        let marker = (
            MARKER.to_string(),
            concat!("zorgroute ", env!("CARGO_PKG_VERSION"), "\n").into(),
        );
        assert_eq!(
            tree(&out),
            vec![
                marker,
                ("long".into(), "a page that was short once".into()),
                ("short".into(), "short now".into()),
                ("streamed/index.html".into(), "written in pieces".into()),
                ("x".into(), "x is a file now".into()),
                ("y/index.html".into(), "y is a folder now".into()),
            ]
        );
        assert!(!out.join("old").exists(), "an empty folder stayed");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn folders_of_stopped_builds_are_reclaimed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // Above Linux's largest process id, so no such process runs.
        let claimed = tmp.path().join(".public.zorgroute-tmp-4294000001");
        let fresh = tmp.path().join(".public.zorgroute-tmp-4294000002");
        for dir in [&claimed, &fresh] {
            fs::create_dir_all(dir.join("stale")).unwrap();
            fs::write(dir.join("stale/index.html"), "stale").unwrap();
        }
        fs::write(claimed.join(MARKER), "zorgroute\n").unwrap();
        let recent = tmp.path().join(".public.zorgroute-tmp-4294000003");
        fs::create_dir_all(&recent).unwrap();
        let two_hours_ago = std::time::SystemTime::now() - 2 * ABANDONED_AFTER;
        for dir in [&claimed, &fresh] {
            fs::File::open(dir).unwrap().set_modified(two_hours_ago).unwrap();
        }
        let staging = Staging::begin(&out).unwrap();
        assert!(
            staging.written.is_some(),
            "the stopped build's spare was not written over"
        );
        staging.write_all(&[rendered("index.html", "site")]).unwrap();
        staging.commit().unwrap();
        assert!(!claimed.exists() && !fresh.exists(), "a stopped build's folder stayed");
        assert!(recent.exists(), "a folder maybe in use elsewhere was removed");
        assert_eq!(tree(&out).len(), 2, "stale files stayed: {:?}", tree(&out));
    }

    #[cfg(unix)]
    #[test]
    fn an_output_that_links_elsewhere_is_replaced_and_its_target_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap();
        fs::write(elsewhere.join(MARKER), "zorgroute\n").unwrap();
        fs::write(elsewhere.join("keep.html"), "mine").unwrap();
        let out = tmp.path().join("public");
        std::os::unix::fs::symlink(&elsewhere, &out).unwrap();
        for _ in 0..3 {
            let staging = Staging::begin(&out).unwrap();
            staging.write_all(&[rendered("index.html", "site")]).unwrap();
            staging.commit().unwrap();
        }
        assert!(is_real_folder(&out));
        assert_eq!(tree(&elsewhere).len(), 2, "the link's target was written over");
        assert_eq!(fs::read_to_string(elsewhere.join("keep.html")).unwrap(), "mine");
    }
}
