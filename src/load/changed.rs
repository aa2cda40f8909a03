//! When each content file last changed, for the "last changed" line on pages,
//! the sitemap and the exports: the date of the last commit that touched it
//! when the project is a git repository, else (and for files with uncommitted
//! changes) its modification time. Dates are in UTC.
//!
//! `ZORGROUTE_LAST_CHANGED` overrides this, so tests and reproducible builds
//! do not depend on checkout times: `off` shows no dates, a `YYYY-MM-DD`
//! date gives every file that date.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

/// The environment variable that overrides how dates are found.
pub const OVERRIDE_VAR: &str = "ZORGROUTE_LAST_CHANGED";

/// How the load stage finds each file's last-changed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Git history where there is one, else modification times.
    Detect,
    /// No dates at all.
    Off,
    /// The same date for every file.
    Fixed(time::Date),
}

impl Policy {
    /// The policy `ZORGROUTE_LAST_CHANGED` asks for; [`Policy::Detect`] when unset.
    pub fn from_env() -> Policy {
        match std::env::var(OVERRIDE_VAR) {
            Ok(v) if v.trim() == "off" => Policy::Off,
            Ok(v) => crate::values::parse_date(&v).map_or(Policy::Detect, Policy::Fixed),
            Err(_) => Policy::Detect,
        }
    }
}

/// The last-changed date of each file, in the order given. `files` are paths
/// relative to `content_dir` with `/` separators, each with its modification time.
pub fn dates(content_dir: &Path, files: &[(String, Option<SystemTime>)], policy: Policy) -> Vec<Option<time::Date>> {
    dates_with(content_dir, files, policy, &mut KnownHistory::default())
}

/// Git history read once and kept, for repeated loads (the live preview):
/// running git on every rebuild cost more than the rest of a small one.
#[derive(Debug, Default)]
pub struct KnownHistory(Option<(SystemTime, GitHistory)>);

/// [`dates`], reusing `known` history. A file modified after the history was
/// read is judged by its modification time: it was saved since, so it is not
/// what git has.
pub fn dates_with(
    content_dir: &Path,
    files: &[(String, Option<SystemTime>)],
    policy: Policy,
    known: &mut KnownHistory,
) -> Vec<Option<time::Date>> {
    match policy {
        Policy::Off => vec![None; files.len()],
        Policy::Fixed(date) => vec![Some(date); files.len()],
        Policy::Detect => {
            let (read_at, history) = known
                .0
                .get_or_insert_with(|| (SystemTime::now(), GitHistory::read(content_dir).unwrap_or_default()));
            files
                .iter()
                .map(|(rel, mtime)| {
                    let saved_since = mtime.is_some_and(|m| m > *read_at);
                    match history.committed.get(rel) {
                        Some(&date) if !saved_since && !history.uncommitted.contains(rel) => Some(date),
                        _ => mtime.map(date_of_system_time),
                    }
                })
                .collect()
        }
    }
}

fn date_of_system_time(t: SystemTime) -> time::Date {
    time::OffsetDateTime::from(t).date()
}

/// What git knows of the content folder: the date of the last commit of each
/// file, and the files that differ from that commit.
#[derive(Debug, Default)]
struct GitHistory {
    committed: HashMap<String, time::Date>,
    uncommitted: HashSet<String>,
}

impl GitHistory {
    /// One `git log` for the whole folder, and one `git diff` for uncommitted
    /// changes; `None` when git is missing or the folder is not in a repository.
    fn read(content_dir: &Path) -> Option<GitHistory> {
        let git = |args: &[&str]| -> Option<String> {
            let out = Command::new("git")
                .arg("-C")
                .arg(content_dir)
                .args(["-c", "core.quotePath=false"])
                .args(args)
                .output()
                .ok()?;
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let log = git(&[
            "log",
            "--relative",
            "--no-renames",
            "--format=@%ct",
            "--name-only",
            "--",
            ".",
        ])?;
        let diff = git(&["diff", "--relative", "--no-renames", "--name-only", "HEAD", "--", "."]).unwrap_or_default();
        Some(GitHistory {
            committed: parse_log(&log),
            uncommitted: diff.lines().filter(|l| !l.is_empty()).map(str::to_string).collect(),
        })
    }
}

/// Parses `git log --format=@%ct --name-only`: a `@<unix time>` line per
/// commit, newest first, followed by the files it touched. A file's first
/// appearance is its last change.
fn parse_log(log: &str) -> HashMap<String, time::Date> {
    let mut dates = HashMap::new();
    let mut current: Option<time::Date> = None;
    for line in log.lines() {
        if let Some(stamp) = line.strip_prefix('@') {
            current = stamp
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| time::OffsetDateTime::from_unix_timestamp(s).ok())
                .map(|t| t.date());
        } else if let (false, Some(date)) = (line.is_empty(), current) {
            dates.entry(line.to_string()).or_insert(date);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_of_each_file_wins() {
        // 1772496000 = 2026-03-03, 1767225600 = 2026-01-01
        let log = "@1772496000\n\nw/procedures/a.md\n\n@1767225600\n\nw/procedures/a.md\nw/region.yaml\n";
        let dates = parse_log(log);
        assert_eq!(dates["w/procedures/a.md"], time::macros::date!(2026 - 03 - 03));
        assert_eq!(dates["w/region.yaml"], time::macros::date!(2026 - 01 - 01));
        assert_eq!(dates.len(), 2);
    }

    #[test]
    fn fixed_and_off() {
        let files = vec![("a.md".to_string(), None)];
        let fixed = time::macros::date!(2026 - 03 - 03);
        assert_eq!(dates(Path::new("."), &files, Policy::Fixed(fixed)), vec![Some(fixed)]);
        assert_eq!(dates(Path::new("."), &files, Policy::Off), vec![None]);
    }

    #[test]
    fn a_file_saved_after_the_history_was_read_shows_its_own_date() {
        let read_at = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_772_496_000);
        let mut history = GitHistory::default();
        history
            .committed
            .insert("a.md".into(), time::macros::date!(2026 - 01 - 01));
        history
            .committed
            .insert("b.md".into(), time::macros::date!(2026 - 01 - 01));
        let mut known = KnownHistory(Some((read_at, history)));
        let later = read_at + std::time::Duration::from_secs(86_400 * 2);
        let earlier = read_at - std::time::Duration::from_secs(86_400 * 30);
        let files = vec![("a.md".to_string(), Some(later)), ("b.md".to_string(), Some(earlier))];
        assert_eq!(
            dates_with(Path::new("."), &files, Policy::Detect, &mut known),
            vec![
                Some(time::macros::date!(2026 - 03 - 05)),
                Some(time::macros::date!(2026 - 01 - 01))
            ]
        );
    }
}
