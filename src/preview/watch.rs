//! Change detection for live preview: polls the watched files and folders, compares content
//! hashes (so a save is seen once however the editor writes it: temp file and rename,
//! truncate and write, several events at once) and debounces until the files are quiet
//! again. A poll costs a `stat` per file; content is read only when the metadata moved or
//! is too recent to be trusted (two writes within the timestamp granularity).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often files are polled.
pub const POLL: Duration = Duration::from_millis(4);
/// How long the files must stay unchanged before a change is reported: longer than the
/// gap between an editor's truncate and write, short enough not to be felt.
pub const QUIET: Duration = Duration::from_millis(8);
/// How long a changed file may stay empty before the change is reported anyway.
const EMPTY_GRACE: Duration = Duration::from_millis(250);
/// Metadata younger than this is not trusted alone: a second write within the timestamp
/// granularity may leave size and times as they were.
const RACY: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    /// Inode and change time (Unix): a rename-save gives a new inode even when size and
    /// modification time (coarse, a few ms) look the same.
    node: (u64, i64, i64),
    hash: u128,
}

/// Files below this size are hashed again while their metadata is recent (see [`RACY`]).
/// Larger files (fonts) are trusted to their size, times and inode.
const SMALL: u64 = 4 * 1024 * 1024;

#[cfg(unix)]
fn node(meta: &std::fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.ctime(), meta.ctime_nsec())
}

#[cfg(not(unix))]
fn node(_: &std::fs::Metadata) -> (u64, i64, i64) {
    (0, 0, 0)
}

/// Watches files (and every file below watched folders) for content changes.
#[derive(Debug, Default)]
pub struct Watcher {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    seen: BTreeMap<PathBuf, Stamp>,
}

impl Watcher {
    /// A watcher over `files` and the contents of `dirs`, with their current state as the
    /// baseline.
    pub fn new(files: Vec<PathBuf>, dirs: Vec<PathBuf>) -> Self {
        let mut w = Self { files, dirs, seen: BTreeMap::new() };
        w.seen = w.scan(&BTreeMap::new());
        w
    }

    fn paths(&self) -> Vec<PathBuf> {
        let mut out = self.files.clone();
        for dir in &self.dirs {
            walk(dir, &mut out);
        }
        out
    }

    /// The current state; content is hashed only when size or time differ from `prev`.
    fn scan(&self, prev: &BTreeMap<PathBuf, Stamp>) -> BTreeMap<PathBuf, Stamp> {
        let mut out = BTreeMap::new();
        for path in self.paths() {
            let Ok(meta) = std::fs::metadata(&path) else { continue };
            let (modified, len, node) = (meta.modified().ok(), meta.len(), node(&meta));
            let recent = len < SMALL
                && modified.is_none_or(|m| {
                    m.elapsed().is_ok_and(|age| age < RACY) || m > SystemTime::now()
                });
            let hash = match prev.get(&path) {
                Some(s) if !recent && s.modified == modified && s.len == len && s.node == node => {
                    s.hash
                }
                _ => match std::fs::read(&path) {
                    Ok(bytes) => typst::utils::hash128(&bytes),
                    Err(_) => continue,
                },
            };
            out.insert(path, Stamp { modified, len, node, hash });
        }
        out
    }

    /// Files whose content differs from the last reported state (added and removed files
    /// included), or nothing.
    pub fn poll(&mut self) -> Vec<PathBuf> {
        let now = self.scan(&self.seen);
        let mut changed: Vec<PathBuf> = now
            .iter()
            .filter(|(p, s)| self.seen.get(*p).map(|o| o.hash) != Some(s.hash))
            .map(|(p, _)| p.clone())
            .collect();
        changed.extend(self.seen.keys().filter(|p| !now.contains_key(*p)).cloned());
        changed.sort();
        self.seen = now;
        changed
    }

    /// Wait for a change, then for the files to be quiet, and report everything that changed
    /// once. `stop` is called between polls (the caller may do other work there); the
    /// wait returns `None` when it says so.
    pub fn wait(&mut self, mut stop: impl FnMut() -> bool) -> Option<Vec<PathBuf>> {
        loop {
            if stop() {
                return None;
            }
            let mut changed = self.poll();
            if changed.is_empty() {
                std::thread::sleep(POLL);
                continue;
            }
            // Debounce: an editor's save can be several writes; wait until nothing moves.
            // A file left empty is most likely truncated with its new text still to come
            // (a busy machine can pause the editor between the two): it gets longer.
            let mut quiet_since = Instant::now();
            let start = Instant::now();
            let deadline = start + Duration::from_millis(500);
            let unsettled = |w: &Self, changed: &[PathBuf]| {
                start.elapsed() < EMPTY_GRACE
                    && changed.iter().any(|p| w.seen.get(p).is_some_and(|s| s.len == 0))
            };
            while (quiet_since.elapsed() < QUIET || unsettled(self, &changed))
                && Instant::now() < deadline
            {
                std::thread::sleep(POLL);
                let more = self.poll();
                if !more.is_empty() {
                    changed.extend(more);
                    quiet_since = Instant::now();
                }
            }
            changed.sort();
            changed.dedup();
            return Some(changed);
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Editors' temp and swap files are not sources.
        if name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".tmp")
        {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("nianbao-watch-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_rename_save_is_seen_once() {
        let d = dir("rename");
        let f = d.join("report.json");
        std::fs::write(&f, "a").unwrap();
        let mut w = Watcher::new(vec![f.clone()], vec![]);
        assert!(w.poll().is_empty());
        let tmp = d.join(".report.json.swp");
        std::fs::write(&tmp, "b").unwrap();
        std::fs::rename(&tmp, &f).unwrap();
        assert_eq!(w.wait(|| false).unwrap(), [f.as_path()]);
        assert!(w.poll().is_empty(), "seen exactly once");
    }

    #[test]
    fn truncate_then_write_is_one_change_and_touch_is_none() {
        let d = dir("truncate");
        let f = d.join("t.typ");
        std::fs::write(&f, "old").unwrap();
        let mut w = Watcher::new(vec![], vec![d.clone()]);
        let writer = {
            let f = f.clone();
            std::thread::spawn(move || {
                std::fs::write(&f, "").unwrap();
                std::thread::sleep(Duration::from_millis(2));
                std::fs::write(&f, "new").unwrap();
            })
        };
        let changed = w.wait(|| false).unwrap();
        writer.join().unwrap();
        assert_eq!(changed, [f.as_path()]);
        // Same content written again (a "touch"): no change.
        std::fs::write(&f, "new").unwrap();
        assert!(w.poll().is_empty());
    }

    #[test]
    fn a_truncated_file_waits_for_its_text() {
        let d = dir("empty");
        let f = d.join("report.typ.j2");
        std::fs::write(&f, "old").unwrap();
        let mut w = Watcher::new(vec![f.clone()], vec![]);
        let writer = {
            let f = f.clone();
            std::thread::spawn(move || {
                std::fs::write(&f, "").unwrap();
                // Longer than the quiet time: a busy machine between truncate and write.
                std::thread::sleep(QUIET * 4);
                std::fs::write(&f, "new").unwrap();
            })
        };
        assert_eq!(w.wait(|| false).unwrap(), [f.as_path()]);
        writer.join().unwrap();
        assert!(w.poll().is_empty(), "the text was seen with the truncation, as one change");
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "new");
    }

    #[test]
    fn new_and_removed_files_in_a_folder_are_changes() {
        let d = dir("folder");
        let mut w = Watcher::new(vec![], vec![d.clone()]);
        std::fs::write(d.join("a.typ"), "x").unwrap();
        assert_eq!(w.poll(), [d.join("a.typ")]);
        std::fs::remove_file(d.join("a.typ")).unwrap();
        assert_eq!(w.poll(), [d.join("a.typ")]);
        assert!(w.wait(|| true).is_none());
    }
}
