//! Watching the project for changes (notify, debounced): editors that write a
//! temporary file and rename it, swap files, and a git checkout that touches
//! many files at once all give one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

/// How long to wait for more events after one: short, for a fast preview,
/// long enough to merge an editor's write-then-rename (an editor makes those
/// events within microseconds; `a_save_by_rename_is_one_batch` checks four
/// kinds of save at this setting). 10 ms was a fifth of an edit's way to the
/// browser.
const DEBOUNCE: Duration = Duration::from_millis(3);
/// How often the debouncer looks for events that have waited long enough.
const TICK: Duration = Duration::from_millis(1);

/// When a batch names a file that is gone, how long to wait for it to come
/// back: a "safe write" moves the old file away before renaming the new one in,
/// and on a busy machine those steps can straddle the short debounce. Waiting
/// here, rather than debouncing longer, keeps ordinary saves fast.
const MISSING_GRACE: Duration = Duration::from_millis(100);

/// What changed in one debounced batch.
#[derive(Debug, Default)]
pub struct Batch {
    pub paths: Vec<PathBuf>,
    /// A template, theme file or site.yaml changed: rebuild everything.
    pub full: bool,
}

/// Files an editor or tool writes that are never content.
fn is_noise(path: &Path) -> bool {
    path.file_name().is_none_or(|n| {
        let n = n.to_string_lossy();
        n.starts_with('.')
            || n.starts_with('#')
            || n.ends_with('~')
            || n.ends_with(".swp")
            || n.ends_with(".swx")
            || n.ends_with(".tmp")
            || n.ends_with("___jb_tmp___")
            || n.ends_with("___jb_old___")
            || n == "4913"
    }) || path
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with(".zorgroute"))
}

/// Watches `root`'s content/ and themes/ folders and calls `on_batch` for every
/// debounced batch of relevant changes, until the watcher stops. `ready` is
/// called once the watch is in place, so no change after it is missed.
pub fn watch(root: &Path, ready: impl FnOnce(), mut on_batch: impl FnMut(Batch)) -> notify::Result<()> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), tx)?;
    let content = root.join("content");
    let themes = root.join("themes");
    debouncer.watch(&content, RecursiveMode::Recursive)?;
    if themes.is_dir() {
        debouncer.watch(&themes, RecursiveMode::Recursive)?;
    }
    ready();
    while let Ok(result) = rx.recv() {
        let Ok(events) = result else { continue };
        let mut batch = Batch::default();
        add_events(&mut batch, events, &content, &themes);
        // A file that is gone may be halfway through a save: give it a moment.
        while batch.paths.iter().any(|p| !p.exists()) {
            match rx.recv_timeout(MISSING_GRACE) {
                Ok(Ok(events)) => add_events(&mut batch, events, &content, &themes),
                Ok(Err(_)) => {}
                Err(_) => break,
            }
        }
        if !batch.paths.is_empty() {
            on_batch(batch);
        }
    }
    Ok(())
}

/// Adds the changes among `events` to `batch`.
fn add_events(batch: &mut Batch, events: Vec<notify_debouncer_full::DebouncedEvent>, content: &Path, themes: &Path) {
    for event in events {
        // Reading files (our own rebuild reads them) is not a change.
        let is_change = matches!(
            event.kind,
            EventKind::Create(_)
                | EventKind::Remove(_)
                | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
                | EventKind::Any
        );
        if !is_change {
            continue;
        }
        for path in &event.paths {
            if is_noise(path) || batch.paths.contains(path) {
                continue;
            }
            let site_settings =
                path.parent() == Some(content) && path.file_name().is_some_and(|n| n == "site.yaml" || n == "site.yml");
            batch.full |= path.starts_with(themes) || site_settings;
            batch.paths.push(path.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Editors that save by writing a new file and renaming it over the old
    /// one make several events in a row; the debounce must merge each save
    /// into one batch, or the preview would rebuild twice (and between the two,
    /// briefly miss the file).
    #[test]
    fn a_save_by_rename_is_one_batch() {
        let dir = tempfile::tempdir().expect("temp dir");
        let procedures = dir.path().join("content").join("regio").join("procedures");
        fs::create_dir_all(&procedures).expect("folders");
        let file = procedures.join("p.md");
        fs::write(&file, "---\ntitle: A\n---\n").expect("file");
        let (batches, received) = mpsc::channel();
        let (ready, is_ready) = mpsc::channel();
        let root = dir.path().to_path_buf();
        std::thread::spawn(move || {
            watch(
                &root,
                move || {
                    let _ = ready.send(());
                },
                move |b| {
                    let _ = batches.send(b);
                },
            )
        });
        is_ready.recv_timeout(Duration::from_secs(10)).expect("watching");
        let beside = |name: &str| procedures.join(name);
        type Save<'a> = Box<dyn Fn(&str) -> std::io::Result<()> + 'a>;
        let saves: Vec<(&str, Save)> = vec![
            // gedit, atomic-write libraries: a hidden temporary file, renamed over.
            (
                "temp then rename",
                Box::new(|text| {
                    fs::write(beside(".p.md.goutputstream-1"), text)?;
                    fs::rename(beside(".p.md.goutputstream-1"), &file)
                }),
            ),
            // JetBrains "safe write": new file, old one moved away, new renamed in, old removed.
            (
                "safe write",
                Box::new(|text| {
                    fs::write(beside("p.md___jb_tmp___"), text)?;
                    fs::rename(&file, beside("p.md___jb_old___"))?;
                    fs::rename(beside("p.md___jb_tmp___"), &file)?;
                    fs::remove_file(beside("p.md___jb_old___"))
                }),
            ),
            // The same on a busy machine: the file is gone for longer than the debounce.
            (
                "slow safe write",
                Box::new(|text| {
                    fs::write(beside("p.md___jb_tmp___"), text)?;
                    fs::rename(&file, beside("p.md___jb_old___"))?;
                    std::thread::sleep(DEBOUNCE * 4);
                    fs::rename(beside("p.md___jb_tmp___"), &file)?;
                    fs::remove_file(beside("p.md___jb_old___"))
                }),
            ),
            // Vim with a backup: the old file moved to `p.md~`, a new one written.
            (
                "backup then write",
                Box::new(|text| {
                    fs::rename(&file, beside("p.md~"))?;
                    fs::write(&file, text)?;
                    fs::remove_file(beside("p.md~"))
                }),
            ),
        ];
        for (i, (how, save)) in saves.iter().enumerate() {
            save(&format!("---\ntitle: B{i}\n---\n")).expect(how);
            let first = received.recv_timeout(Duration::from_secs(10)).expect(how);
            assert!(first.paths.contains(&file), "{how}: {first:?}");
            // Many debounce periods later, nothing else came.
            let more = received.recv_timeout(DEBOUNCE * 20 + Duration::from_millis(200));
            assert!(more.is_err(), "{how}: a second batch {more:?} after {first:?}");
        }
    }
}
