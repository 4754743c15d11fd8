//! Typed errors: the tool could not run (as opposed to a file that fails a check).

use std::path::PathBuf;

/// Everything that stops mediavet from doing its job.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path given by the user does not exist or cannot be listed.
    #[error("{path}: {source}")]
    Path {
        /// The path as given.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A profile is invalid; `line` is 1-based where known.
    #[error("invalid profile {origin}{}: {message}", line.map(|l| format!(" line {l}")).unwrap_or_default())]
    Profile {
        /// File name or built-in name of the profile.
        origin: String,
        /// Line of the offending key, when known.
        line: Option<usize>,
        /// What is wrong, naming the key.
        message: String,
    },
    /// An unknown rule id, profile name or similar usage mistake.
    #[error("{0}")]
    Usage(String),
}
