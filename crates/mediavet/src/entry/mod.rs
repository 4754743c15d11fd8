//! Entries, not files: what arrives by mail, archive or folder ([`receive`]), its name
//! ([`name`]), its registration form ([`form`]), its works checked under the profile its
//! category picks, the author's details searched for in the works ([`author`]), and the
//! same work found twice across entries ([`duplicates`]). One [`EntryReport`] per entry.

pub mod author;
pub mod duplicates;
pub mod form;
mod judge;
pub use crate::naming as name;
pub mod receive;
pub mod unrar;

pub use crate::facts::entry::{
    AuthorHit, Content, Duplicate, EntryFacts, FormByHand, UnpackProblemView,
};
use crate::finding::{Finding, Severity};
use crate::report::{Report, Verdict};

pub use judge::{check_entries, check_entry_bytes, Intake, IntakeInput, Profiles};

impl EntryFacts {
    /// The files with role `role`.
    pub fn with_role<'a>(&'a self, role: &'a str) -> impl Iterator<Item = &'a Content> + 'a {
        self.contents.iter().filter(move |c| c.role == role)
    }
}

/// The result of checking one entry.
#[derive(Debug, Clone)]
pub struct EntryReport {
    /// The profile its works were checked against, when its category is known.
    pub profile: Option<String>,
    /// The worst of its own findings and its files'.
    pub verdict: Verdict,
    /// The entry's facts.
    pub facts: EntryFacts,
    /// The entry's own findings (name, form, contents, duplicates), errors first.
    pub findings: Vec<Finding>,
    /// Its works' reports.
    pub files: Vec<Report>,
    /// A photo entry's photos by folder, with their before/after pairs (the contest
    /// prefers such pairs).
    pub groups: Vec<crate::group::Group>,
}

impl EntryReport {
    /// The name to show: the canonical name, else the name as received, else the source.
    pub fn display_name(&self) -> &str {
        self.facts
            .name
            .as_ref()
            .map(|n| n.canonical.as_deref().unwrap_or(&n.received))
            .unwrap_or(&self.facts.source)
    }

    /// Verdict of the entry's own findings alone (the form, name, contents).
    pub fn own_verdict(&self) -> Verdict {
        verdict_of(&self.findings)
    }

    /// Verdict of the works alone.
    pub fn works_verdict(&self) -> Verdict {
        self.files
            .iter()
            .map(|r| r.verdict)
            .max()
            .unwrap_or(Verdict::Pass)
    }
}

/// The verdict findings give.
pub(crate) fn verdict_of(findings: &[Finding]) -> Verdict {
    match findings.iter().map(|f| f.severity).max() {
        Some(Severity::Error) => Verdict::Fail,
        Some(Severity::Warning) => Verdict::Warn,
        _ => Verdict::Pass,
    }
}
