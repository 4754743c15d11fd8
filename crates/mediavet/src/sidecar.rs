//! Sidecar files: a file beside an entry with the same stem (a photo's caption `.txt`, a
//! video's `.srt`). Looked up by name, so a folder of many entries is never listed once
//! per entry; extensions are matched exactly as listed (give both cases), so what the
//! lookup finds and what a batch splits off are always the same files.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The files beside `entry` with one of `extensions`, in the order listed.
pub fn beside<'a>(entry: &'a Path, extensions: &'a [&str]) -> impl Iterator<Item = PathBuf> + 'a {
    extensions
        .iter()
        .filter(|_| entry.file_stem().is_some())
        .map(move |ext| entry.with_extension(ext))
        .filter(move |p| p.as_path() != entry && p.is_file())
}

/// Whether `path` has one of `extensions` (exactly as listed).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .is_some_and(|e| extensions.iter().any(|x| e == OsStr::new(x)))
}

/// Splits `paths` into entries and the sidecars of entries among them: files with one
/// of `extensions` beside another file of the list with the same stem.
pub fn split(paths: Vec<PathBuf>, extensions: &[&str]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let others: HashSet<(Option<&Path>, Option<&OsStr>)> = paths
        .iter()
        .filter(|p| !has_extension(p, extensions))
        .map(|p| (p.parent(), p.file_stem()))
        .collect();
    let (sidecars, entries): (Vec<_>, Vec<_>) = paths.iter().cloned().partition(|p| {
        has_extension(p, extensions) && others.contains(&(p.parent(), p.file_stem()))
    });
    (entries, sidecars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_split_off_is_what_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, b"x").unwrap();
            p
        };
        let (video, srt, odd) = (file("film.mp4"), file("film.srt"), file("film.Srt"));
        let exts = ["srt", "SRT"];
        assert_eq!(beside(&video, &exts).collect::<Vec<_>>(), vec![srt.clone()]);
        let (entries, sidecars) = split(vec![video.clone(), srt.clone(), odd.clone()], &exts);
        // film.Srt is neither found nor split off: it is checked as an entry of its own,
        // never silently dropped.
        assert_eq!((entries, sidecars), (vec![video, odd], vec![srt]));
    }
}
