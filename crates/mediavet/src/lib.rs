//! mediavet: check media submissions against a delivery spec.
//!
//! The pipeline is [`inspect`] (facts about a file or bytes, no judgement) → [`rules`]
//! (findings from facts and a [`Profile`]) → [`Report`] (a verdict per file).
//!
//! ```no_run
//! let profile = mediavet::Profile::builtin("micro-video").unwrap();
//! let report = mediavet::check_path("entry.mp4".as_ref(), &profile);
//! println!("{:?}", report.verdict);
//! ```

pub mod audio;
pub mod batch;
pub mod budget;
pub mod charset;
pub mod entry;
pub mod error;
pub mod facts;
pub mod ffmpeg;
pub mod finding;
pub mod group;
pub mod image;
pub mod input;
pub mod inspect;
pub mod isobmff;
pub mod kind;
pub mod naming;
pub mod ocr;
pub mod printer;
pub mod profile;
pub mod report;
pub mod rules;
pub mod script;
pub mod sidecar;
pub mod subtitle;
pub mod text;
pub mod video;

pub use batch::check_many;
pub use error::Error;
pub use facts::Facts;
pub use finding::{Finding, Lang, Quantity, Severity, Text};
pub use inspect::{probe_bytes, probe_path, Input, Inspect};
pub use kind::FileKind;
pub use printer::json::reports_to_json;
pub use profile::Profile;
pub use report::{
    check, check_bytes, check_facts, check_facts_with, check_path, check_path_with, failing_rules,
    CheckOptions, Report, Verdict,
};
