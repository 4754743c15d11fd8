//! Counting a text the way Word and WPS show 字数: every East Asian character (Han,
//! kana, Hangul, full-width punctuation and symbols) counts one, and every run of other
//! non-space characters (a Latin word, a number, "e-mail:") counts one. Also counted:
//! characters without spaces, Han characters alone, and paragraphs (non-blank lines).

pub use crate::facts::text::Counts;
pub use crate::script::is_han;

/// Counts `text`.
pub fn count(text: &str) -> Counts {
    let mut c = Counts::default();
    let mut line_chars = Vec::new();
    for line in text.lines() {
        line_chars.clear();
        line_chars.extend(line.chars().filter(|&ch| ch != '\u{feff}'));
        let mut in_word = false;
        let mut any = false;
        for (i, &ch) in line_chars.iter().enumerate() {
            if ch.is_whitespace() {
                in_word = false;
                continue;
            }
            any = true;
            c.chars_no_spaces += 1;
            if is_han(ch) {
                c.han += 1;
            }
            if counts_alone(&line_chars, i) {
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

/// Whether the character at `i` counts as a word of its own: an East Asian character
/// always; punctuation of ambiguous width (curly quotes, dashes, §, ·, …) only inside or
/// next to East Asian text, where a Chinese font sets it full width, as Word does —
/// "don’t" is one word, “好” three.
fn counts_alone(line: &[char], i: usize) -> bool {
    let ch = line[i];
    if is_east_asian(ch) {
        return true;
    }
    if !is_ambiguous(ch) {
        return false;
    }
    let before = line[..i].iter().rev().find(|&&c| !is_ambiguous(c));
    let after = line[i + 1..].iter().find(|&&c| !is_ambiguous(c));
    before.is_some_and(|&c| is_east_asian(c)) || after.is_some_and(|&c| is_east_asian(c))
}

/// Characters Word counts one by one wherever they stand: Han, kana, Hangul, CJK
/// punctuation and symbols, full-width forms.
fn is_east_asian(ch: char) -> bool {
    is_han(ch)
        || matches!(u32::from(ch),
            0x2E80..=0x2FDF | 0x3000..=0x33FF | 0xAC00..=0xD7AF | 0x1100..=0x11FF
            | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
}

/// Punctuation that Unicode gives an ambiguous East Asian width (UAX #11) and that both
/// Chinese and Latin text use: the dashes, curly quotes, bullets and ellipsis of
/// U+2013–U+2026, § and ·. Word counts it as East Asian by its context.
fn is_ambiguous(ch: char) -> bool {
    matches!(u32::from(ch), 0x2013..=0x2026 | 0xA7 | 0xB7)
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

    /// Word's rule (Microsoft's "Word count" help: "each Asian character counts as a word;
    /// words in other languages are separated by spaces"), applied to punctuation whose
    /// width depends on the text around it: it belongs to the Latin word it touches, and
    /// is an Asian character next to Asian text.
    #[test]
    fn ambiguous_punctuation_counts_by_its_neighbours() {
        for (text, words, why) in [
            ("don’t stop", 2, "the apostrophe joins don’t into one word"),
            (
                "“Hello,” she said",
                3,
                "quotes belong to the word they touch",
            ),
            (
                "pages 10–12 and § 4",
                5,
                "10–12 is one word; § alone between spaces is one",
            ),
            ("rock—paper", 1, "an em dash inside a Latin word joins it"),
            ("a — b", 3, "an em dash between spaces is a word of its own"),
            (
                "Zhang·San",
                1,
                "a middle dot between Latin letters joins them",
            ),
            (
                "张·三",
                3,
                "a middle dot between Han characters is one of them",
            ),
            (
                "他说：“don’t”",
                5,
                "他 说 ： “ (touching the Chinese colon) and don’t”",
            ),
            ("——扶贫", 4, "a dash run before Han text: each dash counts"),
            ("扶贫……", 4, "an ellipsis after Han text: each dot counts"),
        ] {
            assert_eq!(count(text).words, words, "{text}: {why}");
        }
    }
}
