//! Checking many files at once: in parallel on a bounded pool, results in input order,
//! one bad file never stopping the batch.

use crate::kind::Category;
use crate::profile::Profile;
use crate::report::{check_path_with, CheckOptions, Report};
use crate::Error;
use rayon::prelude::*;
use std::path::PathBuf;

/// Checks `paths` on `jobs` threads (`None` or 0: one per core); reports come back in
/// the order of `paths`. `on_done` is called from the worker threads as each file finishes.
pub fn check_many(
    paths: &[PathBuf],
    profile: &Profile,
    options: &CheckOptions,
    jobs: Option<usize>,
    on_done: &(dyn Fn(&Report) + Sync),
) -> Result<Vec<Report>, Error> {
    let threads = jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {threads} worker threads: {e}")))?;
    Ok(pool.install(|| {
        paths
            .par_iter()
            .map(|path| {
                let report = check_path_with(path, profile, options);
                on_done(&report);
                report
            })
            .collect()
    }))
}

/// Splits the files of a batch into the entries to check under `profile` and the sidecars
/// among them that the pipeline reads with their entry: for photos, caption `.txt` files
/// (kept for the groups); for videos, subtitle files beside a video (read with it, not
/// checked twice).
pub fn split_sidecars(files: Vec<PathBuf>, profile: &Profile) -> (Vec<PathBuf>, Vec<PathBuf>) {
    match profile.category {
        Some(Category::Image) => crate::group::split_sidecars(files),
        Some(Category::Video) => crate::subtitle::split_sidecars(files),
        _ => (files, Vec::new()),
    }
}
