//! Human-readable report: one block per file, errors first, colour only on a terminal.

use super::safe::text as safe;
use crate::finding::{Lang, Severity};
use crate::group::Group;
use crate::report::{failing_rules, Report, Verdict};
use std::io::Write;

/// Whether to paint with ANSI colours.
pub(super) struct Style {
    pub(super) on: bool,
}

impl Style {
    pub(super) fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

pub(super) fn verdict_label(v: Verdict, lang: Lang) -> (&'static str, &'static str) {
    match (v, lang) {
        (Verdict::Pass, Lang::En) => ("PASS", "32;1"),
        (Verdict::Warn, Lang::En) => ("WARN", "33;1"),
        (Verdict::Fail, Lang::En) => ("FAIL", "31;1"),
        (Verdict::Unreadable, Lang::En) => ("UNREADABLE", "35;1"),
        (Verdict::Pass, Lang::Zh) => ("通过", "32;1"),
        (Verdict::Warn, Lang::Zh) => ("警告", "33;1"),
        (Verdict::Fail, Lang::Zh) => ("不合格", "31;1"),
        (Verdict::Unreadable, Lang::Zh) => ("无法读取", "35;1"),
    }
}

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "31",
        Severity::Warning => "33",
        Severity::Info => "2",
    }
}

/// Writes every report, the photo groups (folders of photos), and a summary line;
/// `colour` paints verdicts and severities with ANSI codes.
pub fn write(
    out: &mut dyn Write,
    reports: &[Report],
    groups: &[Group],
    lang: Lang,
    colour: bool,
) -> std::io::Result<()> {
    let style = Style { on: colour };
    for r in reports {
        let (label, colour) = verdict_label(r.verdict, lang);
        writeln!(
            out,
            "{}  {}  [{} · {}]",
            style.paint(colour, label),
            safe(&r.facts.path),
            r.facts.kind_name(),
            safe(&r.profile)
        )?;
        write_findings(out, &r.findings, lang, &style, "")?;
    }
    for g in groups {
        let head = match lang {
            Lang::En => "GROUP",
            Lang::Zh => "组照",
        };
        writeln!(
            out,
            "{}  {}",
            style.paint("36;1", head),
            safe(g.summary().get(lang))
        )?;
    }
    let count = |v: Verdict| reports.iter().filter(|r| r.verdict == v).count();
    let (n, pass, warn, fail, unreadable) = (
        reports.len(),
        count(Verdict::Pass),
        count(Verdict::Warn),
        count(Verdict::Fail),
        count(Verdict::Unreadable),
    );
    let line = match lang {
        Lang::En => {
            format!("{n} files: {pass} pass, {warn} warn, {fail} fail, {unreadable} unreadable")
        }
        Lang::Zh => {
            format!("共 {n} 个文件：通过 {pass}，警告 {warn}，不合格 {fail}，无法读取 {unreadable}")
        }
    };
    writeln!(out, "{line}")?;
    let top: Vec<String> = failing_rules(reports)
        .into_iter()
        .take(5)
        .map(|(rule, n)| match lang {
            Lang::En => format!("{rule} ({n} {})", if n == 1 { "file" } else { "files" }),
            Lang::Zh => format!("{rule}（{n} 个文件）"),
        })
        .collect();
    if !top.is_empty() {
        let head = match lang {
            Lang::En => "Most frequent failing rules: ",
            Lang::Zh => "最常见的不合格项：",
        };
        writeln!(out, "{head}{}", top.join(", "))?;
    }
    Ok(())
}

/// Writes findings, each indented by `indent` more.
pub(super) fn write_findings(
    out: &mut dyn Write,
    findings: &[crate::finding::Finding],
    lang: Lang,
    style: &Style,
    indent: &str,
) -> std::io::Result<()> {
    let (fix, measured, expected) = match lang {
        Lang::En => ("fix", "measured", "expected"),
        Lang::Zh => ("修改建议", "实测", "要求"),
    };
    for f in findings {
        let sev = format!("{:<8}", f.severity.as_str());
        let mut head = format!(
            "{indent}  {} {:<17}",
            style.paint(severity_colour(f.severity), &sev),
            f.rule
        );
        if let Some(m) = &f.measured {
            head.push_str(&format!(" {measured} {}", safe(&m.text)));
        }
        if let Some(e) = &f.expected {
            head.push_str(&format!("  {expected} {}", safe(&e.text)));
        }
        writeln!(out, "{}", head.trim_end())?;
        writeln!(
            out,
            "{indent}  {:<8} {:<17} {}",
            "",
            "",
            safe(f.message.get(lang))
        )?;
        if let Some(h) = &f.hint {
            writeln!(
                out,
                "{indent}  {:<8} {:<17} {}: {}",
                "",
                "",
                style.paint("36", fix),
                safe(h.get(lang))
            )?;
        }
    }
    Ok(())
}
