//! Paths shared by the integration tests.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;

/// `testdata/video/NAME` in the repository.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/video")
        .join(name)
}

/// `testdata/photo/NAME` in the repository.
pub fn photo(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/photo")
        .join(name)
}

/// `../shared/corpus/SUB` beside the repository (or `$MEDIAVET_CORPUS/SUB`), if present.
pub fn corpus(sub: &str) -> Option<PathBuf> {
    let root = std::env::var_os("MEDIAVET_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
        });
    let dir = root.join(sub);
    dir.is_dir().then_some(dir)
}

/// Files of a corpus folder, sorted, without the manifest.
pub fn corpus_files(sub: &str) -> Vec<PathBuf> {
    let Some(dir) = corpus(sub) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "tsv"))
        .collect();
    files.sort();
    files
}

/// Whether a command runs on this machine.
pub fn have(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success())
}
