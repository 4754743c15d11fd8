//! Expands the paths given on the command line into files, directories walked recursively.

use std::path::{Path, PathBuf};

/// Files under `paths`, each directory's contents sorted by path. A missing path is an error.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, mediavet::Error> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| mediavet::Error::Path {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            walk_dir(path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Every non-directory entry below `dir`. Entries that cannot be listed are kept,
/// so that checking them reports them as unreadable instead of skipping them.
fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => files.push(e.into_path()),
            Err(e) => files.extend(e.path().map(Path::to_path_buf)),
        }
    }
}
