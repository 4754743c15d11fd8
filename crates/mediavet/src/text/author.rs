//! The entrant's own details (name, unit, phone, e-mail), searched for in a body.
//!
//! Spaces are ignored on both sides (张 三 is 张三), phone numbers are compared on their
//! digits (138-1234-6157 is 13812346157) and e-mail addresses without case.

use super::identifiers::{mask_middle, Identifier};
use serde::Deserialize;
use std::ops::Range;

/// The entrant's own details, given per entry (`--author-name` …, Python `author=`), not in
/// a profile: one profile judges a batch of entries by different authors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorDetails {
    /// Name (姓名).
    pub name: Option<String>,
    /// Work unit or school (单位).
    pub unit: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// Records in `facts` where `details` appear in a text's body (before the body is
/// dropped from a report).
pub fn note(facts: &mut crate::facts::Facts, details: &AuthorDetails) {
    if let Some(text) = facts.text.as_mut() {
        text.author_hits = find(&text.body, details);
    }
}

/// Where the given details appear in `body`, by paragraph (non-blank line), masked.
pub fn find(body: &str, details: &AuthorDetails) -> Vec<Identifier> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let name = details
        .name
        .as_deref()
        .map(squeeze)
        .filter(|n| n.chars().count() >= 2);
    let unit = details
        .unit
        .as_deref()
        .map(squeeze)
        .filter(|u| u.chars().count() >= 2);
    let phone = details
        .phone
        .as_deref()
        .map(digits)
        .filter(|p| p.len() >= 7);
    let email = details
        .email
        .as_deref()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| e.contains('@'));
    let mut out = Vec::new();
    let space = |c: char| c.is_whitespace();
    // The name and unit elsewhere in a hit's context are masked too.
    let hide = |mut context: String| {
        for d in name.iter().chain(&unit) {
            context = context.replace(d.as_str(), &first_only(d));
        }
        context
    };
    for (i, line) in super::paragraphs(body).enumerate() {
        let mut add = |kind, span: Option<Range<usize>>, masked: String| {
            if let Some(span) = span {
                out.push(Identifier {
                    kind,
                    paragraph: i + 1,
                    context: hide(super::identifiers::context(line, span, &masked)),
                    masked,
                });
            }
        };
        if let Some(n) = name.as_deref() {
            add("name", find_loose(line, n, space, false), first_only(n));
        }
        if let Some(u) = unit.as_deref() {
            add("unit", find_loose(line, u, space, false), first_only(u));
        }
        if let Some(p) = phone.as_deref() {
            let span = find_loose(line, p, |c| space(c) || c == '-', false);
            add("phone", span, mask_middle(p));
        }
        if let Some(e) = email.as_deref() {
            let (local, domain) = e.split_once('@').unwrap_or((e, ""));
            let masked = format!("{}@{domain}", mask_middle(local));
            add("email", find_loose(line, e, space, true), masked);
        }
        if out.len() >= super::identifiers::MAX_ITEMS {
            break;
        }
    }
    out
}

/// The byte range of `line` holding `needle` when the characters `skip` accepts are left
/// out of `line` (and, with `fold`, ASCII letters compared in lower case).
fn find_loose(
    line: &str,
    needle: &str,
    skip: impl Fn(char) -> bool,
    fold: bool,
) -> Option<Range<usize>> {
    let kept: Vec<(usize, char)> = line.char_indices().filter(|&(_, c)| !skip(c)).collect();
    let want: Vec<char> = needle.chars().collect();
    let same = |a: char, b: char| a == b || (fold && a.to_ascii_lowercase() == b);
    let at = kept
        .windows(want.len().max(1))
        .position(|w| w.len() == want.len() && w.iter().zip(&want).all(|(k, &n)| same(k.1, n)))?;
    let (first, (last, c)) = (kept[at].0, kept[at + want.len() - 1]);
    Some(first..last + c.len_utf8())
}

/// A name or unit masked but for its first character (王**).
pub(crate) fn first_only(s: &str) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| if i == 0 { c } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_given_details_however_spaced() {
        let d = AuthorDetails {
            name: Some("王 秀英".into()),
            unit: Some("青山县融媒体中心".into()),
            phone: Some("138-1234-6157".into()),
            email: Some("WXY@example.com".into()),
        };
        let body = "王秀英回忆说，那年冬天很冷。\n\n我在青山县融媒体中心工作。\n电话 138 1234 6157，wxy@example.com";
        let got: Vec<(&str, usize, String)> = find(body, &d)
            .into_iter()
            .map(|i| (i.kind, i.paragraph, i.masked))
            .collect();
        assert_eq!(
            got,
            [
                ("name", 1, "王**".to_string()),
                ("unit", 2, "青*******".to_string()),
                ("phone", 3, "138****6157".to_string()),
                ("email", 3, "w**@example.com".to_string()),
            ]
        );
        let contexts: Vec<String> = find(body, &d).into_iter().map(|i| i.context).collect();
        assert_eq!(
            contexts,
            [
                "王**回忆说，那年冬天很冷。",
                "我在青*******工作。",
                "电话 138****6157，w**@example.com",
                // The other item in the paragraph is masked too (spaces and all).
                "电话 138******6157，w**@example.com",
            ]
        );
        let twice = find("王秀英说，王秀英的家在青山县融媒体中心旁边。", &d);
        assert_eq!(twice[0].context, "王**说，王**的家在青*******旁边。");
        assert!(find("没有作者信息。", &d).is_empty());
    }
}
