//! JUnit XML: one test case per file × active file rule, so CI systems show results
//! natively.
//! Errors are failures; warnings and infos pass with their messages in system-out.

use super::safe::text as safe;
use crate::finding::{Lang, Severity};
use crate::profile::Profile;
use crate::report::{Report, Verdict};
use crate::rules;
use quick_junit::{NonSuccessKind, Report as JReport, TestCase, TestCaseStatus, TestSuite};
use std::io::Write;

/// Writes the JUnit document.
pub fn write(
    out: &mut dyn Write,
    reports: &[Report],
    profile: &Profile,
    lang: Lang,
) -> std::io::Result<()> {
    let mut doc = JReport::new("mediavet");
    for r in reports {
        let path = safe(&r.facts.path);
        let mut suite = TestSuite::new(path.clone().into_owned());
        for (rule, _) in rules::active(profile).filter(|(r, _)| r.judges_files()) {
            let findings: Vec<_> = r.findings.iter().filter(|f| f.rule == rule.id).collect();
            let text = findings
                .iter()
                .map(|f| format!("{}: {}", f.severity.as_str(), safe(f.message.get(lang))))
                .collect::<Vec<_>>()
                .join("\n");
            let failed = findings.iter().any(|f| f.severity == Severity::Error);
            let status = if failed {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(text.clone());
                s.set_type(if r.verdict == Verdict::Unreadable {
                    "unreadable"
                } else {
                    "fail"
                });
                s
            } else {
                TestCaseStatus::success()
            };
            let mut case = TestCase::new(rule.id, status);
            case.set_classname(format!("{}.{path}", safe(&profile.name)));
            if !text.is_empty() {
                case.set_system_out(text);
            }
            suite.add_test_case(case);
        }
        doc.add_test_suite(suite);
    }
    let xml = doc.to_string().map_err(std::io::Error::other)?;
    writeln!(out, "{xml}")
}
