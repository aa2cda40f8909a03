//! The pages browsers asked for last. After an edit that changes many pages
//! (a region's name, a glossary term), the preview renders these first and
//! serves them, and renders the rest after: the page the coordinator looks
//! at shows the edit as soon as a single page would.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

/// How many pages are remembered: a few browser tabs, and the pages a
/// coordinator moved between just before the edit.
const KEEP: usize = 16;

/// The pages last asked for, newest first.
#[derive(Debug, Default)]
pub struct LookedAt {
    recent: Mutex<VecDeque<String>>,
}

impl LookedAt {
    /// Notes that a browser asked for the page at `path` (a site path such
    /// as `waterland/index.html`); other files are no page anyone looks at.
    pub fn note(&self, path: &str) {
        if !path.ends_with(".html") {
            return;
        }
        let Ok(mut recent) = self.recent.lock() else { return };
        if recent.front().is_some_and(|p| p == path) {
            return;
        }
        recent.retain(|p| p != path);
        recent.push_front(path.to_string());
        recent.truncate(KEEP);
    }

    /// The page asked for last.
    pub fn latest(&self) -> Option<String> {
        self.recent.lock().ok()?.front().cloned()
    }

    /// The pages asked for last.
    pub fn pages(&self) -> HashSet<String> {
        self.recent
            .lock()
            .map(|r| r.iter().cloned().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_last_pages_asked_for_and_no_other_files() {
        let looked = LookedAt::default();
        looked.note("a/index.html");
        looked.note("a/zoekindex.js");
        for i in 0..KEEP {
            looked.note(&format!("p{i}/index.html"));
        }
        looked.note("p3/index.html");
        let pages = looked.pages();
        assert_eq!(pages.len(), KEEP);
        assert!(!pages.contains("a/index.html"), "the oldest page is forgotten");
        assert!(!pages.contains("a/zoekindex.js"));
        assert!(pages.contains("p0/index.html") && pages.contains("p3/index.html"));
    }
}
