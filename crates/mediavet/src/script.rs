//! Simplified or Traditional Chinese, judged character by character with OpenCC's
//! tables (Apache-2.0, `data/opencc/README.md` names the source).
//!
//! A character is *Traditional-only* when OpenCC converts it to something else going
//! Traditional → Simplified and it is not itself changed going Simplified → Traditional;
//! *Simplified-only* the other way round. Characters the two scripts share (人, 的, 乾,
//! 于 …) count for neither, so a Simplified text quoting 乾坤 is not called Traditional.

use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Written from OpenCC's two character files: the crates that wrap OpenCC either bind
/// the C++ library or convert phrases, and only the membership test is needed here.
struct Tables {
    /// Traditional-only character → its Simplified form(s), space-separated.
    traditional: HashMap<char, &'static str>,
    /// Simplified-only characters.
    simplified: HashSet<char>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let ts = changed(include_str!("../data/opencc/TSCharacters.txt"));
    let st = changed(include_str!("../data/opencc/STCharacters.txt"));
    Tables {
        traditional: ts
            .iter()
            .filter(|(c, _)| !st.contains_key(*c))
            .map(|(c, v)| (*c, *v))
            .collect(),
        simplified: st
            .keys()
            .filter(|c| !ts.contains_key(*c))
            .copied()
            .collect(),
    }
});

/// Entries of an OpenCC character file whose conversions do not include the character.
fn changed(table: &'static str) -> HashMap<char, &'static str> {
    table
        .lines()
        .filter_map(|l| {
            let (from, to) = l.split_once('\t')?;
            let mut chars = from.chars();
            let c = chars.next()?;
            let keeps = to.split(' ').any(|t| t == from);
            (chars.next().is_none() && !keeps).then_some((c, to))
        })
        .collect()
}

/// The Simplified form(s) of a Traditional-only character (`"发"` for 發), else `None`.
pub fn simplified_of(c: char) -> Option<&'static str> {
    TABLES.traditional.get(&c).copied()
}

/// Whether `c` is written only in Simplified Chinese (发, 国 …).
pub fn is_simplified_only(c: char) -> bool {
    TABLES.simplified.contains(&c)
}

/// CJK ideographs: the unified blocks, their extensions and the compatibility blocks.
pub fn is_han(ch: char) -> bool {
    matches!(u32::from(ch),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2EBEF
        | 0x2F800..=0x2FA1F | 0x30000..=0x323AF | 0x3007)
}

/// Japanese kana: hiragana, katakana (and its phonetic extensions, half-width forms);
/// the prolonged-sound mark and the middle dot, which Chinese text uses too, left out.
pub fn is_kana(ch: char) -> bool {
    matches!(u32::from(ch), 0x3041..=0x309F | 0x30A1..=0x30FA | 0x31F0..=0x31FF | 0xFF66..=0xFF9D)
}

/// Kana that make a text Japanese: at least this many …
pub const MIN_KANA: usize = 5;
/// … and at least this share of its kana and Han characters together (Japanese prose
/// runs at 30–60 %; a Chinese text quoting a brand name with の stays far below).
pub const MIN_KANA_SHARE: f64 = 0.05;

/// Which script a text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No character tells the scripts apart (English, or too short).
    Unknown,
    /// Simplified-only characters outnumber Traditional-only ones.
    Simplified,
    /// Traditional-only characters outnumber Simplified-only ones.
    Traditional,
    /// Japanese: kana throughout ([`MIN_KANA`], [`MIN_KANA_SHARE`]). Its kanji are not
    /// Traditional Chinese characters, whatever OpenCC's tables say of 護 or 國.
    Japanese,
}

/// A place in a text or subtitle, described in English and Chinese.
pub trait Place {
    /// (`paragraph 3`, `第 3 段`), (`cue 12 at 00:01:02.500`, `第 12 条（00:01:02.500）`).
    fn describe(&self) -> (String, String);
}

impl Place for usize {
    fn describe(&self) -> (String, String) {
        (format!("paragraph {self}"), format!("第 {self} 段"))
    }
}

/// One Traditional character found, where it first appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sample<L> {
    /// The character.
    pub traditional: char,
    /// Its Simplified form(s), e.g. `"发"` or `"干 幹"`.
    pub simplified: &'static str,
    /// Where it first appears (paragraph, or subtitle cue).
    pub at: L,
}

/// How many characters of each script, and the first Traditional ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScriptFacts<L> {
    /// The majority script.
    pub verdict: Verdict,
    /// Characters found only in Simplified Chinese.
    pub simplified_only: usize,
    /// Characters found only in Traditional Chinese.
    pub traditional_only: usize,
    /// Han characters (kanji, in a Japanese text).
    pub han: usize,
    /// Japanese kana.
    pub kana: usize,
    /// The first distinct Traditional characters, at most [`MAX_SAMPLES`].
    pub samples: Vec<Sample<L>>,
}

/// Distinct Traditional characters kept as samples.
pub const MAX_SAMPLES: usize = 10;

impl<L: Clone> ScriptFacts<L> {
    /// Nothing counted yet.
    pub fn new() -> Self {
        ScriptFacts {
            verdict: Verdict::Unknown,
            simplified_only: 0,
            traditional_only: 0,
            han: 0,
            kana: 0,
            samples: Vec::new(),
        }
    }

    /// Counts the characters of `text`, found at `at`.
    pub fn add(&mut self, text: &str, at: &L) {
        for c in text.chars() {
            if (c as u32) < 0x2E80 {
                continue;
            }
            self.han += usize::from(is_han(c));
            self.kana += usize::from(is_kana(c));
            if let Some(s) = simplified_of(c) {
                self.traditional_only += 1;
                if self.samples.len() < MAX_SAMPLES
                    && !self.samples.iter().any(|x| x.traditional == c)
                {
                    self.samples.push(Sample {
                        traditional: c,
                        simplified: s,
                        at: at.clone(),
                    });
                }
            } else if is_simplified_only(c) {
                self.simplified_only += 1;
            }
        }
        let kana_share = self.kana as f64 / (self.kana + self.han).max(1) as f64;
        self.verdict = match self.traditional_only.cmp(&self.simplified_only) {
            _ if self.kana >= MIN_KANA && kana_share >= MIN_KANA_SHARE => Verdict::Japanese,
            _ if self.traditional_only + self.simplified_only == 0 => Verdict::Unknown,
            std::cmp::Ordering::Greater => Verdict::Traditional,
            _ => Verdict::Simplified,
        };
    }

    /// Whether Traditional-only characters are more than `max` (0–1) of those that tell
    /// the scripts apart (never for a Japanese text: its kanji are not Traditional Chinese).
    pub fn over(&self, max: f64) -> bool {
        self.verdict != Verdict::Japanese
            && self.traditional_only > 0
            && self.traditional_share() > max
    }

    /// Traditional-only characters as a share of all characters that tell the scripts
    /// apart (0 when none do).
    pub fn traditional_share(&self) -> f64 {
        let all = self.traditional_only + self.simplified_only;
        if all == 0 {
            0.0
        } else {
            self.traditional_only as f64 / all as f64
        }
    }
}

impl<L: Place> ScriptFacts<L> {
    /// The samples as `發→发 (paragraph 3)`, in English and in Chinese.
    pub fn examples(&self) -> (String, String) {
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        for x in &self.samples {
            let (at_en, at_zh) = x.at.describe();
            let simplified = x.simplified.replace(' ', "/");
            en.push(format!("{}→{simplified} ({at_en})", x.traditional));
            zh.push(format!("{}→{simplified}（{at_zh}）", x.traditional));
        }
        (en.join(", "), zh.join("，"))
    }
}

impl<L: Clone> Default for ScriptFacts<L> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_characters_count_for_neither() {
        let mut f = ScriptFacts::new();
        f.add("人的乾坤于是", &1);
        assert_eq!((f.simplified_only, f.traditional_only), (0, 0));
        assert_eq!(f.verdict, Verdict::Unknown);
        f.add("發展經濟", &2);
        assert_eq!(f.traditional_only, 3, "展 is shared");
        assert_eq!(f.samples[0].simplified, "发");
        assert_eq!(f.samples[0].at, 2);
        f.add("发展经济发展经济", &3);
        assert_eq!(f.simplified_only, 6);
        assert_eq!(f.verdict, Verdict::Simplified);
    }

    #[test]
    fn kana_make_a_text_japanese_not_traditional() {
        let mut f = ScriptFacts::new();
        f.add("環境を護るために、私たちは國の森を守ります。", &1);
        assert_eq!(f.verdict, Verdict::Japanese);
        assert!(f.traditional_only > 0 && !f.over(0.01));
        // A Chinese text naming a shop "の" once stays Chinese.
        let mut f = ScriptFacts::new();
        f.add("我们在“小林の店”买了扶贫产品，乡亲们的生活越来越好了。", &1);
        assert_eq!((f.kana, f.verdict), (1, Verdict::Simplified));
    }
}
