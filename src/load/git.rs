//! An earlier edition's files read from git at a ref (tag or commit), with
//! the git command: `ls-tree` lists the tree and one `cat-file --batch` reads
//! every blob. Nothing touches the user's work tree, index or refs, and no
//! history is cloned.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Why an edition's ref could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitProblem {
    /// The project is not in a git repository (or git is not installed).
    NotARepository,
    /// The repository has no such tag or commit; `known` are its tags.
    UnknownRef { known: Vec<String> },
    /// The ref is missing from a shallow clone, which lacks the history.
    Shallow,
    /// git failed otherwise, with what it said.
    Failed(String),
}

/// A git command in `root`, that takes no lock: reading must never change
/// what the user's own git commands see.
fn git(root: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(root).env("GIT_OPTIONAL_LOCKS", "0");
    cmd
}

/// Runs git and returns what it printed, or `None` when it failed.
fn output(root: &Path, args: &[&str]) -> Option<Vec<u8>> {
    let out = git(root).args(args).stderr(Stdio::null()).output().ok()?;
    out.status.success().then_some(out.stdout)
}

fn line(root: &Path, args: &[&str]) -> Option<String> {
    output(root, args).map(|b| String::from_utf8_lossy(&b).trim().to_string())
}

/// The commit a ref names, checked before anything is read.
pub fn resolve(root: &Path, git_ref: &str) -> Result<String, GitProblem> {
    if line(root, &["rev-parse", "--is-inside-work-tree"]).as_deref() != Some("true") {
        return Err(GitProblem::NotARepository);
    }
    if let Some(commit) = line(
        root,
        &["rev-parse", "--verify", "--quiet", &format!("{git_ref}^{{commit}}")],
    ) {
        return Ok(commit);
    }
    if line(root, &["rev-parse", "--is-shallow-repository"]).as_deref() == Some("true") {
        return Err(GitProblem::Shallow);
    }
    let tags = line(root, &["tag", "--list"]).unwrap_or_default();
    Err(GitProblem::UnknownRef {
        known: tags.lines().map(str::to_string).collect(),
    })
}

/// The id of the tree of `folder` (relative to the project root) at
/// `commit`: the same content, the same id. `None` when there is none.
pub fn tree_id(root: &Path, commit: &str, folder: &str) -> Option<String> {
    let prefix = line(root, &["rev-parse", "--show-prefix"])?;
    line(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{commit}:{prefix}{folder}"),
        ],
    )
}

/// The date of a commit (its committer date, in UTC).
pub fn commit_date(root: &Path, commit: &str) -> Option<time::Date> {
    let seconds: i64 = line(root, &["show", "-s", "--format=%ct", commit])?.parse().ok()?;
    Some(time::OffsetDateTime::from_unix_timestamp(seconds).ok()?.date())
}

/// Every file under `folder` (relative to the project root, e.g. `content`)
/// at `commit`: (path relative to the project root, bytes), in tree order.
pub fn read_folder(root: &Path, commit: &str, folder: &str) -> Result<Vec<(String, Vec<u8>)>, GitProblem> {
    // The project root may be a folder inside the repository.
    let prefix = line(root, &["rev-parse", "--show-prefix"]).ok_or(GitProblem::NotARepository)?;
    let listing = output(
        root,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            commit,
            "--",
            &format!("{prefix}{folder}/"),
        ],
    )
    .ok_or_else(|| GitProblem::Failed(format!("git ls-tree {commit}")))?;
    let mut blobs: Vec<(String, String)> = Vec::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        // `<mode> <type> <object>\t<path>`
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut parts = meta.split(' ');
        let (Some(_mode), Some("blob"), Some(object)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let path = path.strip_prefix(prefix.as_str()).unwrap_or(path);
        blobs.push((path.to_string(), object.to_string()));
    }
    let contents = cat_blobs(root, blobs.iter().map(|(_, object)| object.as_str()))?;
    Ok(blobs.into_iter().map(|(path, _)| path).zip(contents).collect())
}

/// The bytes of each object, in order, from one `git cat-file --batch`.
fn cat_blobs<'a>(root: &Path, objects: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>, GitProblem> {
    let failed = |e: std::io::Error| GitProblem::Failed(format!("git cat-file: {e}"));
    let requests: String = objects.map(|o| format!("{o}\n")).collect();
    let count = requests.lines().count();
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(failed)?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| GitProblem::Failed("git cat-file: no input".into()))?;
    // Written from another thread: git answers while it reads, and a full
    // pipe on both sides would stop both.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| GitProblem::Failed("git cat-file: no output".into()))?;
    let mut reader = BufReader::new(stdout);
    let mut contents = Vec::with_capacity(count);
    for _ in 0..count {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(failed)?;
        // `<object> blob <size>`, then the bytes and a newline.
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| GitProblem::Failed(format!("git cat-file: {}", header.trim())))?;
        let mut bytes = vec![0; size + 1];
        reader.read_exact(&mut bytes).map_err(failed)?;
        bytes.pop();
        contents.push(bytes);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_AUTHOR_DATE", "2025-06-01T12:00:00Z")
            .env("GIT_COMMITTER_DATE", "2025-06-01T12:00:00Z")
            .output()
            .expect("git runs")
            .status
            .success();
        assert!(ok, "git {args:?}");
    }

    #[test]
    fn reads_a_tagged_tree_without_touching_the_work_tree() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        run(root, &["init", "-q"]);
        run(root, &["config", "user.email", "test@example.invalid"]);
        run(root, &["config", "user.name", "Test"]);
        std::fs::create_dir_all(root.join("content/w")).unwrap();
        std::fs::write(root.join("content/site.yaml"), "title: Oud\n").unwrap();
        std::fs::write(root.join("content/w/region.yaml"), "name: W\n").unwrap();
        std::fs::write(root.join("other.txt"), "not content").unwrap();
        run(root, &["add", "."]);
        run(root, &["commit", "-q", "-m", "first"]);
        run(root, &["tag", "v1"]);
        std::fs::write(root.join("content/site.yaml"), "title: Nieuw\n").unwrap();

        let commit = resolve(root, "v1").unwrap();
        let files = read_folder(root, &commit, "content").unwrap();
        assert_eq!(
            files,
            vec![
                ("content/site.yaml".to_string(), b"title: Oud\n".to_vec()),
                ("content/w/region.yaml".to_string(), b"name: W\n".to_vec()),
            ]
        );
        assert_eq!(commit_date(root, &commit), Some(time::macros::date!(2025 - 06 - 01)));
        // The work tree keeps the user's edit.
        assert_eq!(
            std::fs::read_to_string(root.join("content/site.yaml")).unwrap(),
            "title: Nieuw\n"
        );
        assert_eq!(
            resolve(root, "v2"),
            Err(GitProblem::UnknownRef {
                known: vec!["v1".into()]
            })
        );
    }

    #[test]
    fn a_folder_outside_git_is_no_repository() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(resolve(dir.path(), "v1"), Err(GitProblem::NotARepository));
    }
}
