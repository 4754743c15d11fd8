//! entry.archive — a mail, archive or member of the entry could not be unpacked safely.
//!
//! What: one finding per problem, naming the member: a compression bomb (an archive's
//! members inflating over `[entry] max_ratio` times what they were packed in, counted
//! together, or the entry over `max_inflated_gib`, counted on the bytes really inflated;
//! ZIP entries sharing compressed data), a zip-slip path (`../`, absolute), an encrypted
//! member or archive, a format not read (RAR with no 7-Zip or unrar on PATH), a coder
//! needing more memory than allowed, a member name listed twice, containers nested
//! deeper than `max_depth`, more than `max_members` files (said once), a mail over the
//! size read or with more MIME parts than files allowed, a mail cut off mid-part, a
//! symlink or folders nested too deep, a file that cannot be read, or a damaged archive.
//! Nothing is ever written under a member's own name.
//!
//! Why: what cannot be unpacked cannot be checked, and hostile archives must not harm the
//! desk's machine.
//!
//! Fix: send the entry again as a plain ZIP without a password.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.archive",
    default: Severity::Error,
    needs: None,
    doc: super::docs::ENTRY_ARCHIVE,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Each problem.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    cx.entry
        .unpack_problems
        .iter()
        .map(|p| {
            cx.finding(sev, Text::new(
                format!("{}: {} [{}]", p.member, p.detail.en, p.kind),
                format!("{}：{}", p.member, p.detail.zh),
            ))
            .hint(Text::new("Send the entry again as a plain ZIP without a password.", "请以不加密码的普通 ZIP 格式重新提交。"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::UnpackProblemView;
        use crate::finding::Text;
        let p = profile("text", "");
        let mut e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "none", &e, &p, &[]);
        e.unpack_problems.push(UnpackProblemView { member: "a.zip/b.docx".into(), kind: "encrypted", detail: Text::new("is encrypted", "已加密") });
        expect_entry(&RULE, "encrypted", &e, &p, &[error("a.zip/b.docx: is encrypted [encrypted]", "a.zip/b.docx：已加密")]);
    }
}
