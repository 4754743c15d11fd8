//! mediavet: check media submissions against a delivery spec.
//!
//! The pipeline is `probe` (facts about a file, no judgement) → `rules`
//! (findings from facts and a [`Profile`]) → [`Report`] (a verdict per file).
//!
//! ```no_run
//! let profile = mediavet::Profile::builtin("micro-video").unwrap();
//! let report = mediavet::check_path("entry.mp4".as_ref(), &profile);
//! println!("{:?}", report.verdict);
//! ```

pub mod audio;
pub mod batch;
pub mod charset;
pub mod error;
pub mod facts;
pub mod ffmpeg;
pub mod finding;
pub mod group;
pub mod image;
pub mod kind;
pub mod probe;
pub mod profile;
pub mod report;
pub mod rules;
pub mod script;
pub mod sheet;
pub mod sidecar;
pub mod subtitle;
pub mod text;
pub mod video;

pub use batch::check_many;
pub use error::Error;
pub use facts::Facts;
pub use finding::{Finding, Lang, Quantity, Severity, Text};
pub use kind::FileKind;
pub use probe::probe_path;
pub use profile::Profile;
pub use report::{
    check_bytes, check_facts, check_path, check_path_with, failing_rules, reports_to_json,
    CheckOptions, Report, Verdict,
};
