//! entry.extra_file — the entry holds files that are neither the form nor a work.
//!
//! What: files of no category (archives left over, system files such as Thumbs.db or
//! __MACOSX, notes) are listed, at most 10 by name. For information: nothing is wrong with
//! the entry because of them, but nothing in them was checked.
//!
//! Why: the desk should know what it received and did not look at.
//!
//! Fix: send only the form and the work.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.extra_file",
    default: Severity::Info,
    needs: None,
    doc: super::docs::ENTRY_EXTRA_FILE,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The extra files.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let extra: Vec<&str> = cx.entry.with_role("extra").map(|c| c.path.as_str()).collect();
    if extra.is_empty() {
        return Vec::new();
    }
    let shown: Vec<&str> = extra.iter().take(10).copied().collect();
    let more = extra.len() - shown.len();
    let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
    let tail_zh = if more > 0 { format!(" 等另外 {more} 个") } else { String::new() };
    vec![cx.finding(sev, Text::new(
        format!("{} file(s) neither the form nor a work, not checked: {}{tail}.", extra.len(), shown.join(", ")),
        format!("{} 个文件既不是报名表也不是作品，未检查：{}{tail_zh}。", extra.len(), shown.join("、")),
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::Content;
        use crate::FileKind;
        let p = profile("text", "");
        let mut e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "none", &e, &p, &[]);
        for i in 0..12 {
            e.contents.push(Content { path: format!("x{i}.bin"), kind: FileKind::Unknown, role: "extra", size: 1 });
        }
        expect_entry(&RULE, "twelve", &e, &p, &[info("12 file(s) neither the form nor a work, not checked: x0.bin, x1.bin", "等另外 2 个")]);
    }
}
