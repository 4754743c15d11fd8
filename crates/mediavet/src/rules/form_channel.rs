//! form.channel — the registration form does not tick exactly one of 推荐 and 自荐, or ticks the other one than the entry name.
//!
//! What: exactly one of 推荐 (recommended by a unit) and 自荐 (self-submitted) ticked, and the
//! same as the entry name's.
//!
//! Why: a recommended entry needs the recommending unit's details and opinion; the name and
//! the form must say the same.
//!
//! Fix: tick one of 推荐 and 自荐 on the form, the same as in the entry name.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.channel",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_CHANNEL,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The ticks, and the name's channel.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let field = ("推荐/自荐", "recommended or self-submitted");
    match f.channels.as_slice() {
        [] => vec![super::form_finding(cx, sev, field, Text::new("has neither box ticked", "两项都未勾选"))],
        [one] => match cx.entry.name.as_ref().and_then(|n| n.channel) {
            Some(named) if named != *one => vec![super::form_finding(cx, sev, field, Text::new(
                format!("ticks {}, but the entry name says {}", one.zh(), named.zh()),
                format!("勾选了“{}”，但作品命名为“{}”", one.zh(), named.zh()),
            ))],
            _ => Vec::new(),
        },
        _ => vec![super::form_finding(cx, sev, field, Text::new("has both boxes ticked", "两项都被勾选"))],
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::Channel;
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "自荐", &with_form(e.clone(), form(&[])), &p, &[]);
        let mut both = form(&[]);
        both.channels = vec![Channel::Recommended, Channel::SelfSubmitted];
        expect_entry(&RULE, "both", &with_form(e.clone(), both), &p, &[error("has both boxes ticked", "两项都被勾选")]);
        let mut none = form(&[]);
        none.channels.clear();
        expect_entry(&RULE, "none", &with_form(e.clone(), none), &p, &[error("has neither box ticked", "两项都未勾选")]);
        let mut other = form(&[]);
        other.channels = vec![Channel::Recommended];
        expect_entry(&RULE, "differs", &with_form(e, other), &p, &[error("ticks 推荐, but the entry name says 自荐", "勾选了“推荐”，但作品命名为“自荐”")]);
    }
}
