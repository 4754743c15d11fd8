//! Text that is safe to print: control characters (C0, DEL, C1) and the bidirectional
//! overrides written as `\u{1b}`, so that a file or member name cannot move the cursor,
//! recolour the terminal, forge a line (`\r`, `\n`) or reorder what is shown. Every name
//! and message the human, CSV and JUnit outputs print goes through [`text`].

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is written escaped.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every control character and bidirectional override escaped as `\u{…}`.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_are_escaped_the_rest_kept() {
        assert_eq!(text("作品/1.jpg"), "作品/1.jpg");
        assert!(matches!(text("a b"), Cow::Borrowed(_)));
        assert_eq!(
            text("x\x1b[2K\rPASS  ok\n\0\u{7f}\u{85}\u{202e}gpj.exe"),
            "x\\u{1b}[2K\\u{d}PASS  ok\\u{a}\\u{0}\\u{7f}\\u{85}\\u{202e}gpj.exe"
        );
    }
}
