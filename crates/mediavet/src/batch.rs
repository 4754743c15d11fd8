//! Checking many files at once: in parallel on a bounded pool, results in input order,
//! one bad file never stopping the batch.

use crate::facts::Problem;
use crate::profile::Profile;
use crate::report::{check_facts, check_path_with, unassessed, CheckOptions, Report};
use crate::Error;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

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
                let report = check_isolated(path, profile, options);
                on_done(&report);
                report
            })
            .collect()
    }))
}

/// [`crate::check_path`], with a panic turned into an `unreadable` report so that it stays one file's problem.
pub fn check_isolated(path: &Path, profile: &Profile, options: &CheckOptions) -> Report {
    isolated(path, profile, || check_path_with(path, profile, options))
}

/// Runs `check`; a panic becomes an `unreadable` report for `path`.
fn isolated(path: &Path, profile: &Profile, check: impl FnOnce() -> Report) -> Report {
    catch_unwind(AssertUnwindSafe(check)).unwrap_or_else(|cause| {
        let what = cause
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| cause.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        let problem = Problem::new(
            true,
            None,
            format!(
                "internal error while checking this file ({what}); please report it with the file"
            ),
            format!("检查该文件时发生内部错误（{what}），请连同文件一起报告"),
        );
        let facts = unassessed(path, problem);
        check_facts(facts, profile)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Verdict;

    #[test]
    fn a_panic_stays_one_files_problem() {
        let profile = Profile::builtin("micro-video").unwrap();
        let path = Path::new("entry.mp4");
        let r = isolated(path, &profile, || panic!("table index out of range"));
        assert_eq!(r.verdict, Verdict::Unreadable);
        assert!(r.findings[0]
            .message
            .en
            .contains("internal error while checking this file (table index out of range)"));
    }
}
