//! Advanced SubStation Alpha (.ass, v4+) and SubStation Alpha (.ssa, v4): `[V4+ Styles]`
//! / `[V4 Styles]` and `[Events]` sections whose `Format:` lines name the fields.
//!
//! Written here: the ASS crates on crates.io render or convert, and none reports the
//! styles in use with the line of each malformed entry.

use super::srt::snippet;
use super::{strip_markup, Style, SubtitleFacts};

/// `H:MM:SS.cc` in seconds.
fn time(s: &str) -> Option<f64> {
    super::srt::time(s)
}

/// Which section lines are in.
#[derive(PartialEq)]
enum Section {
    Styles,
    Events,
    Other,
}

/// Parses ASS/SSA text into `facts`.
pub(super) fn parse(text: &str, facts: &mut SubtitleFacts) {
    let mut ssa = facts.format == super::Format::Ssa;
    let mut section = Section::Other;
    let mut style_fields: Vec<String> = Vec::new();
    let mut event_fields: Vec<String> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = n + 1;
        if line.starts_with('[') && line.ends_with(']') {
            let name = line.to_ascii_lowercase();
            if name == "[v4 styles]" || name == "[v4+ styles]" {
                ssa = name == "[v4 styles]";
                facts.format = if ssa {
                    super::Format::Ssa
                } else {
                    super::Format::Ass
                };
            }
            section = match name.as_str() {
                "[v4+ styles]" | "[v4 styles]" | "[v4 styles+]" => Section::Styles,
                "[events]" => Section::Events,
                _ => Section::Other,
            };
            continue;
        }
        if section == Section::Other || line.is_empty() || line.starts_with(';') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            facts.error(
                at,
                format!("expected \"Key: value\", found \"{}\"", snippet(line)),
            );
            continue;
        };
        let key = key.trim();
        let fields = if section == Section::Styles {
            &mut style_fields
        } else {
            &mut event_fields
        };
        if key.eq_ignore_ascii_case("Format") {
            *fields = value
                .split(',')
                .map(|f| f.trim().to_ascii_lowercase())
                .collect();
            continue;
        }
        if fields.is_empty() {
            facts.error(at, format!("\"{key}:\" before the section's Format line"));
            continue;
        }
        // The last field (Text) may itself contain commas.
        let values: Vec<&str> = value.splitn(fields.len(), ',').map(str::trim).collect();
        if values.len() < fields.len() {
            facts.error(
                at,
                format!(
                    "{} fields where the Format line names {}",
                    values.len(),
                    fields.len()
                ),
            );
            continue;
        }
        let get = |name: &str| {
            fields
                .iter()
                .position(|f| f == name)
                .and_then(|i| values.get(i).copied())
        };
        match (&section, key) {
            (Section::Styles, "Style") => facts.styles.push(style(&get, ssa)),
            (Section::Events, "Dialogue") => {
                let (Some(start), Some(end)) =
                    (get("start").and_then(time), get("end").and_then(time))
                else {
                    facts.error(at, "start or end time is not H:MM:SS.cc");
                    continue;
                };
                let name = get("style").unwrap_or("Default").trim_start_matches('*');
                let raw = get("text").unwrap_or_default();
                let base = facts
                    .styles
                    .iter()
                    .position(|s| s.name.eq_ignore_ascii_case(name));
                match base {
                    Some(i) => {
                        let used = with_overrides(&facts.styles[i], raw);
                        match facts.styles.iter_mut().find(|s| s.name == used.name) {
                            Some(s) => s.cues += 1,
                            None => facts.styles.push(Style { cues: 1, ..used }),
                        }
                    }
                    None => facts.error(at, format!("style \"{name}\" is not defined")),
                }
                let text = get("text")
                    .unwrap_or_default()
                    .replace("\\N", "\n")
                    .replace("\\n", "\n")
                    .replace("\\h", " ");
                facts.cue(&strip_markup(&text), start, end);
            }
            _ => {}
        }
    }
}

/// The style a line is shown in: `base`, changed by the font, size, alignment and
/// shadow tags of its override blocks (`{\fn黑体\fs60\an2\shad2}`); a changed style is
/// named after its base and the tags (`Default + \fn微软雅黑`). Tags apply to the whole
/// line here, though ASS applies them from where they stand.
fn with_overrides(base: &Style, text: &str) -> Style {
    let mut style = Style {
        cues: 0,
        ..base.clone()
    };
    let mut tags = Vec::new();
    for block in text
        .split('{')
        .skip(1)
        .filter_map(|b| b.split_once('}').map(|b| b.0))
    {
        for tag in block.split('\\').map(str::trim).filter(|t| !t.is_empty()) {
            let number = |rest: &str| {
                rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                    .then(|| rest.parse::<f64>().ok())
                    .flatten()
            };
            let changed = if let Some(font) = tag.strip_prefix("fn") {
                style.font = Some(font.trim_start_matches('@').to_string());
                true
            } else if let Some(size) = tag.strip_prefix("fs").and_then(number) {
                style.size = Some(size);
                true
            } else if let Some(a) = tag.strip_prefix("an").and_then(number) {
                style.centred = Some(a as i64 % 3 == 2);
                true
            } else if let Some(a) = tag.strip_prefix('a').and_then(number) {
                // Legacy SSA alignment, allowed in ASS too.
                style.centred = Some(a as i64 % 4 == 2);
                true
            } else if let Some(d) = tag.strip_prefix("shad").and_then(number) {
                style.shadow = Some(d);
                true
            } else {
                false
            };
            if changed {
                tags.push(format!("\\{tag}"));
            }
        }
    }
    let same = (&style.font, style.size, style.centred, style.shadow)
        == (&base.font, base.size, base.centred, base.shadow);
    if !tags.is_empty() && !same {
        style.name = format!("{} + {}", base.name, tags.join(""));
    }
    style
}

/// A style line's font, size, alignment and shadow.
fn style<'a>(get: &dyn Fn(&str) -> Option<&'a str>, ssa: bool) -> Style {
    let num = |k: &str| get(k).and_then(|v| v.parse::<f64>().ok());
    let centred = num("alignment").map(|a| {
        let a = a as i64;
        if ssa {
            // SSA: 1-3 bottom, +4 top, +8 middle; 2 is centred.
            a % 4 == 2
        } else {
            // ASS: numeric-keypad positions; the middle column is 2, 5, 8.
            a % 3 == 2
        }
    });
    Style {
        name: get("name").unwrap_or_default().to_string(),
        font: get("fontname").map(|f| f.trim_start_matches('@').to_string()),
        size: num("fontsize"),
        centred,
        shadow: num("shadow"),
        cues: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subtitle::Format;

    #[test]
    fn styles_in_use_and_bad_lines() {
        let text = "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, Bold, Shadow, Alignment\nStyle: Default,微软雅黑,48,&H00FFFFFF,0,0,1\nStyle: Title,SimHei,60,&H00FFFFFF,0,2,2\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.50,Default,,0,0,0,,{\\fs60}第一句\\N第二句\nDialogue: 0,0:00:03.00,0:00:04.00,Title,,0,0,0,,標題, 有逗號\nDialogue: 0,0:00:xx.00,0:00:04.00,Title,,0,0,0,,坏\nComment 0\n";
        let mut f = SubtitleFacts::new("x.ass".into(), Format::Ass, None);
        parse(text, &mut f);
        assert_eq!(f.cues, 2);
        let d = &f.styles[0];
        assert_eq!(
            (d.font.as_deref(), d.size, d.centred, d.shadow, d.cues),
            (Some("微软雅黑"), Some(48.0), Some(false), Some(0.0), 0)
        );
        assert_eq!((f.styles[1].centred, f.styles[1].cues), (Some(true), 1));
        // The first line's {\fs60} makes a style of its own.
        let v = &f.styles[2];
        assert_eq!(
            (v.name.as_str(), v.font.as_deref(), v.size, v.cues),
            ("Default + \\fs60", Some("微软雅黑"), Some(60.0), 1)
        );
        assert_eq!(f.error_count, 2);
        assert_eq!((f.errors[0].line, f.errors[1].line), (13, 14));
        assert_eq!(f.script.samples[0].traditional, '標');
    }

    #[test]
    fn ssa_alignment_is_read_as_ssa() {
        // Detected as ASS from the head, the [V4 Styles] header makes it SSA: alignment 10
        // is middle-centre there (in ASS it would not exist).
        let text = "[Script Info]\n\n[V4 Styles]\nFormat: Name, Fontname, Fontsize, Shadow, Alignment\nStyle: A,SimHei,60,2,10\nStyle: B,SimHei,60,2,9\n";
        let mut f = SubtitleFacts::new("x.ssa".into(), Format::Ass, None);
        parse(text, &mut f);
        assert_eq!(f.format, Format::Ssa);
        let centred: Vec<_> = f.styles.iter().map(|s| s.centred).collect();
        assert_eq!(centred, [Some(true), Some(false)]);
    }

    #[test]
    fn inline_overrides_make_the_style_a_line_is_shown_in() {
        let base = Style {
            name: "Default".into(),
            font: Some("SimHei".into()),
            size: Some(60.0),
            centred: Some(true),
            shadow: Some(2.0),
            cues: 0,
        };
        let s = with_overrides(
            &base,
            "{\\fn微软雅黑\\fs48\\an1\\shad0\\fscx120\\alpha&H00&}字幕",
        );
        assert_eq!(
            (
                s.name.as_str(),
                s.font.as_deref(),
                s.size,
                s.centred,
                s.shadow
            ),
            (
                "Default + \\fn微软雅黑\\fs48\\an1\\shad0",
                Some("微软雅黑"),
                Some(48.0),
                Some(false),
                Some(0.0)
            )
        );
        // Tags that restate the style, or are not about font, size, place or shadow,
        // leave it as it is.
        assert_eq!(
            with_overrides(&base, "{\\fs60\\i1\\c&HFFFFFF&}字幕").name,
            "Default"
        );
    }
}
