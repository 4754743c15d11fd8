//! Counting a text the way Word and WPS show 字数: every East Asian character (Han,
//! kana, Hangul, full-width punctuation and symbols) counts one, and every run of other
//! non-space characters (a Latin word, a number, "e-mail:") counts one. Also counted:
//! characters without spaces, Han characters alone, and paragraphs (non-blank lines).

use serde::Serialize;

/// The counts of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// 字数 as Word/WPS show it: East Asian characters + other words.
    pub words: usize,
    /// Characters, spaces and line breaks left out.
    pub chars_no_spaces: usize,
    /// Han (CJK ideograph) characters.
    pub han: usize,
    /// Paragraphs: lines with something other than white space.
    pub paragraphs: usize,
}

/// Counts `text`.
pub fn count(text: &str) -> Counts {
    let mut c = Counts::default();
    for line in text.lines() {
        let mut in_word = false;
        let mut any = false;
        for ch in line.chars() {
            if ch.is_whitespace() || ch == '\u{feff}' {
                in_word = false;
                continue;
            }
            any = true;
            c.chars_no_spaces += 1;
            if is_han(ch) {
                c.han += 1;
            }
            if is_east_asian(ch) {
                c.words += 1;
                in_word = false;
            } else if !in_word {
                c.words += 1;
                in_word = true;
            }
        }
        if any {
            c.paragraphs += 1;
        }
    }
    c
}

/// CJK ideographs: the unified blocks, their extensions and the compatibility blocks.
pub fn is_han(ch: char) -> bool {
    matches!(u32::from(ch),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2EBEF
        | 0x2F800..=0x2FA1F | 0x30000..=0x323AF | 0x3007)
}

/// Characters Word counts one by one: Han, kana, Hangul, CJK punctuation and symbols,
/// full-width forms, and the dashes, curly quotes and ellipsis of Chinese punctuation
/// (—— “ ” ‘ ’ …), which a Chinese font sets full width.
fn is_east_asian(ch: char) -> bool {
    is_han(ch)
        || matches!(u32::from(ch),
            0x2E80..=0x2FDF | 0x3000..=0x33FF | 0xAC00..=0xD7AF | 0x1100..=0x11FF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x2014..=0x2026)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_word() {
        // 6 Han + 2 full-width punctuation + "GDP" + "2019" + "e-mail:" = 11.
        let c = count("扶贫，脱贫。GDP 2019 e-mail: 新村\n\n  \n第二段");
        assert_eq!(c.words, 4 + 2 + 3 + 2 + 3);
        assert_eq!(c.han, 9);
        assert_eq!(c.paragraphs, 2);
        assert_eq!(
            c.chars_no_spaces,
            "扶贫，脱贫。GDP2019e-mail:新村第二段".chars().count()
        );
        assert_eq!(count(""), Counts::default());
        // Curly quotes and the ellipsis are full-width in Chinese text.
        assert_eq!(count("他说“好”……").words, 7);
    }
}
