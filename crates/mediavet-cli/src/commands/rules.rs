//! `mediavet rules`: every rule with its severity under a profile.

use super::written;
use mediavet::profile::Level;
use mediavet::{rules, Profile};
use std::io::Write;
use std::process::ExitCode;

/// Lists the rules: severity, `off`, or `n/a` when the profile gives it nothing to check.
pub fn run(out: &mut dyn Write, profile: &str) -> Result<ExitCode, mediavet::Error> {
    let profile = Profile::load(profile)?;
    let w = rules::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut text = format!(
        "{:<w$} {:<8} summary  (profile {})\n",
        "rule", "severity", profile.name
    );
    for rule in rules::RULES {
        let severity = match rules::active(&profile).find(|(r, _)| r.id == rule.id) {
            Some((_, s)) => s.as_str(),
            None if profile.level_of(rule.id) == Some(Level::Off) => "off",
            None => "n/a",
        };
        text += &format!("{:<w$} {:<8} {}\n", rule.id, severity, rule.summary());
    }
    written(out.write_all(text.as_bytes()), ExitCode::SUCCESS)
}
