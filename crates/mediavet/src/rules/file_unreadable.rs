//! file.unreadable — the file is truncated or corrupt, so it cannot be assessed.
//!
//! What: the probe reads the container structure (box headers, the movie header
//! `moov`, movie fragments) without decoding media. When that structure is
//! missing or cut short, the file gets an error saying where and why, for
//! example "moov box missing: file truncated at 41% of the size its mdat header
//! declares". Damage the probe could step over (a malformed metadata box, a
//! table that disagrees with another) is reported as a warning listing each
//! place, so nothing is skipped silently.
//!
//! Why: a truncated upload or an interrupted recording cannot be played by the
//! jury, and every other measurement on it would be a guess.
//!
//! Fix: ask the entrant to send the file again (compare its size with the
//! original), or re-export it from the editing software. A recording whose
//! `moov` is missing can sometimes be rescued with tools such as untrunc, using
//! an intact file from the same camera as reference.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "file.unreadable",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FILE_UNREADABLE,
    applies,
    check: Check::File(check),
};

/// Always applies.
fn applies(_: &Profile) -> bool {
    true
}

/// One error per fatal problem; one warning listing the rest.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let at = |o: Option<u64>| o.map(|o| format!(" (at byte {o})")).unwrap_or_default();
    let at_zh = |o: Option<u64>| {
        o.map(|o| format!("（位于第 {o} 字节）"))
            .unwrap_or_default()
    };
    let mut out: Vec<Finding> = cx
        .facts
        .problems
        .iter()
        .filter(|p| p.fatal)
        .map(|p| {
            cx.finding(sev,
                Text::new(
                    format!("File cannot be read: {}{}", p.message.en, at(p.offset)),
                    format!("文件无法读取：{}{}", p.message.zh, at_zh(p.offset)),
                ),
            )
            .hint(Text::new(
                "Ask for the file again or re-export it; compare its size with the original.",
                "请投稿者重新发送或重新导出文件，并核对文件大小是否与原文件一致。",
            ))
        })
        .collect();
    let damaged: Vec<_> = cx.facts.problems.iter().filter(|p| !p.fatal).collect();
    if !damaged.is_empty() {
        let en: Vec<String> = damaged
            .iter()
            .map(|p| format!("{}{}", p.message.en, at(p.offset)))
            .collect();
        let zh: Vec<String> = damaged
            .iter()
            .map(|p| format!("{}{}", p.message.zh, at_zh(p.offset)))
            .collect();
        out.push(cx.finding(sev.min(Severity::Warning),
            Text::new(
                format!(
                    "Part of the file is damaged and was skipped: {}",
                    en.join("; ")
                ),
                format!("文件部分内容损坏，已跳过：{}", zh.join("；")),
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let with = |problems: Vec<crate::facts::Problem>| {
            let mut facts = video(1920, 1080, 2e7, 60.0);
            facts.problems = problems;
            facts
        };
        expect(&RULE, "sound", &with(vec![]), &p, &[]);
        let fatal = [error("File cannot be read: moov missing (at byte 42)", "文件无法读取：问题：moov missing（位于第 42 字节）")];
        expect(&RULE, "fatal", &with(vec![problem(true, "moov missing")]), &p, &fatal);
        let damaged = [warning("Part of the file is damaged and was skipped: bad udta (at byte 42); bad stts (at byte 42)", "文件部分内容损坏，已跳过：问题：bad udta（位于第 42 字节）；问题：bad stts（位于第 42 字节）")];
        let two = with(vec![problem(false, "bad udta"), problem(false, "bad stts")]);
        expect(&RULE, "two skipped", &two, &p, &damaged);
        let both = [error("moov missing", "moov missing"), warning("bad udta", "bad udta")];
        let mixed = with(vec![problem(false, "bad udta"), problem(true, "moov missing")]);
        expect(&RULE, "fatal first, then the rest", &mixed, &p, &both);
    }
}
