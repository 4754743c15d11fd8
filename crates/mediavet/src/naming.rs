//! The entry name: `扶贫征集-推荐|自荐-文字类|图片类|视频类(微视频|微电影)-作品名称`, parsed
//! from the forms people really type (full-width brackets and dashes, spaces,
//! `视频类-微视频`, `扶贫征集—自荐—…`), with what differs from the canonical form.

pub use crate::facts::entry::{Channel, EntryCategory, EntryName};
use crate::finding::Text;

/// The entry's prefix.
pub const PREFIX: &str = "扶贫征集";

impl Channel {
    /// The Chinese word.
    pub fn zh(self) -> &'static str {
        match self {
            Channel::Recommended => "推荐",
            Channel::SelfSubmitted => "自荐",
        }
    }
}

impl EntryCategory {
    /// The canonical Chinese form used in entry names.
    pub fn zh(self) -> &'static str {
        match self {
            EntryCategory::Text => "文字类",
            EntryCategory::Photo => "图片类",
            EntryCategory::MicroVideo => "视频类(微视频)",
            EntryCategory::MicroFilm => "视频类(微电影)",
        }
    }

    /// English name.
    pub fn en(self) -> &'static str {
        match self {
            EntryCategory::Text => "text",
            EntryCategory::Photo => "photo",
            EntryCategory::MicroVideo => "micro-video",
            EntryCategory::MicroFilm => "micro-film",
        }
    }

    /// The kind of file a work of this category is.
    pub fn file_category(self) -> crate::kind::Category {
        match self {
            EntryCategory::Text => crate::kind::Category::Document,
            EntryCategory::Photo => crate::kind::Category::Image,
            EntryCategory::MicroVideo | EntryCategory::MicroFilm => crate::kind::Category::Video,
        }
    }
}

/// Whether `s` looks like an entry name at all (carries the prefix, however typed).
pub fn looks_like(s: &str) -> bool {
    normalise(s).contains(PREFIX)
}

/// Full-width brackets and every dash people type, to their canonical ASCII form;
/// spaces dropped.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' | '【' | '[' => '(',
            '）' | '】' | ']' => ')',
            '－' | '—' | '–' | '―' | '‐' | '‑' | '_' | '~' | '～' | '一' => '-',
            c => c,
        })
        .collect()
}

/// Reply and forward prefixes of mail subjects.
const SUBJECT_PREFIXES: [&str; 8] = [
    "Fwd:",
    "FW:",
    "Fw:",
    "Re:",
    "RE:",
    "转发：",
    "转发:",
    "回复：",
];

/// Parses `received`, which came from `source` (`subject`, `archive`, `folder`, `file`).
pub fn parse(received: &str, source: &'static str) -> EntryName {
    let mut differences = Vec::new();
    let mut errors = Vec::new();
    let mut s = received.trim();
    while let Some(rest) = SUBJECT_PREFIXES.iter().find_map(|p| s.strip_prefix(p)) {
        s = rest.trim();
    }
    if s.chars().any(|c| "（）【】".contains(c)) {
        differences.push(Text::new(
            "full-width brackets （） instead of ()",
            "使用了全角括号（），应为半角 ()",
        ));
    }
    if s.chars().any(|c| "－—–―‐‑_~～".contains(c)) {
        differences.push(Text::new(
            "dashes other than the hyphen -",
            "分隔符不是半角连字符 -",
        ));
    }
    if s.chars().any(char::is_whitespace) {
        differences.push(Text::new("spaces", "含有空格"));
    }
    // "一" (the numeral one) is typed for a dash only between the parts: keep it in titles
    // by normalising only around the known words.
    let n = normalise(&s.replace('一', "\u{0}")).replace('\u{0}', "一");
    let n = n
        .replace(&format!("{PREFIX}一"), &format!("{PREFIX}-"))
        .replace("推荐一", "推荐-")
        .replace("自荐一", "自荐-")
        .replace("类一", "类-");
    let mut name = EntryName {
        received: received.to_string(),
        source,
        channel: None,
        category: None,
        title: None,
        canonical: None,
        differences: Vec::new(),
        errors: Vec::new(),
    };
    let Some(at) = n.find(PREFIX) else {
        errors.push(Text::new(
            format!("does not start with {PREFIX}"),
            format!("缺少开头的“{PREFIX}”"),
        ));
        name.errors = errors;
        return name;
    };
    if at > 0 {
        differences.push(Text::new(
            format!("text before {PREFIX}"),
            format!("“{PREFIX}”之前有多余文字"),
        ));
    }
    let rest = n[at + PREFIX.len()..].trim_start_matches('-');
    let mut parts: Vec<&str> = rest.split('-').collect();
    parts.retain(|p| !p.is_empty());
    let mut i = 0;
    name.channel = match parts.first().copied() {
        Some("推荐") => Some(Channel::Recommended),
        Some("自荐") => Some(Channel::SelfSubmitted),
        _ => None,
    };
    if name.channel.is_some() {
        i += 1;
    } else {
        errors.push(Text::new("推荐 or 自荐 is missing", "缺少“推荐”或“自荐”"));
    }
    let (category, used) = category(&parts[i.min(parts.len())..], &mut differences, &mut errors);
    name.category = category;
    i += used;
    let title = parts.get(i..).unwrap_or_default().join("-");
    let title = title.trim_end_matches(['.', '。']).to_string();
    if title.is_empty() {
        errors.push(Text::new("作品名称 (the title) is empty", "作品名称为空"));
    } else {
        name.title = Some(title);
    }
    if let (Some(c), Some(k), Some(t)) = (name.channel, name.category, &name.title) {
        name.canonical = Some(format!("{PREFIX}-{}-{}-{t}", c.zh(), k.zh()));
    }
    name.differences = differences;
    name.errors = errors;
    name
}

/// The category from the parts after the channel, and how many parts it took.
fn category(
    parts: &[&str],
    differences: &mut Vec<Text>,
    errors: &mut Vec<Text>,
) -> (Option<EntryCategory>, usize) {
    let Some(first) = parts.first().copied() else {
        errors.push(Text::new("the category is missing", "缺少作品类别"));
        return (None, 0);
    };
    let sub = |s: &str| match s {
        "微视频" => Some(EntryCategory::MicroVideo),
        "微电影" => Some(EntryCategory::MicroFilm),
        _ => None,
    };
    match first {
        "文字类" => return (Some(EntryCategory::Text), 1),
        "图片类" => return (Some(EntryCategory::Photo), 1),
        "文学类" => {
            differences.push(Text::new(
                "文学类 instead of 文字类",
                "“文学类”应写作“文字类”",
            ));
            return (Some(EntryCategory::Text), 1);
        }
        _ => {}
    }
    if let Some(inner) = first
        .strip_prefix("视频类(")
        .and_then(|s| s.strip_suffix(')'))
    {
        return match sub(inner) {
            Some(c) => (Some(c), 1),
            None => {
                errors.push(Text::new(
                    format!("视频类({inner}) is neither 微视频 nor 微电影"),
                    format!("视频类({inner}) 既不是微视频也不是微电影"),
                ));
                (None, 1)
            }
        };
    }
    if let Some(inner) = first
        .strip_prefix("视频类")
        .and_then(|s| sub(s.trim_matches(['(', ')'])))
    {
        differences.push(Text::new(
            format!("{first} instead of {}", inner.zh()),
            format!("“{first}”应写作“{}”", inner.zh()),
        ));
        return (Some(inner), 1);
    }
    if first == "视频类" {
        if let Some(c) = parts.get(1).and_then(|s| sub(s.trim_matches(['(', ')']))) {
            differences.push(Text::new(
                format!("视频类-{} instead of {}", parts[1], c.zh()),
                format!("“视频类-{}”应写作“{}”", parts[1], c.zh()),
            ));
            return (Some(c), 2);
        }
        errors.push(Text::new(
            "视频类 without 微视频 or 微电影",
            "视频类未注明微视频或微电影",
        ));
        return (None, 1);
    }
    if let Some(c) = sub(first.trim_matches(['(', ')'])) {
        differences.push(Text::new(
            format!("{first} instead of {}", c.zh()),
            format!("“{first}”应写作“{}”", c.zh()),
        ));
        return (Some(c), 1);
    }
    errors.push(Text::new(
        format!("unknown category {first:?} (文字类, 图片类, 视频类(微视频) or 视频类(微电影))"),
        format!("未知的作品类别“{first}”（应为文字类、图片类、视频类(微视频)或视频类(微电影)）"),
    ));
    (None, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(s: &str) -> (Option<String>, usize, Vec<String>) {
        let n = parse(s, "subject");
        (
            n.canonical,
            n.differences.len(),
            n.errors.iter().map(|e| e.en.clone()).collect(),
        )
    }

    #[test]
    fn canonical_and_typed_forms() {
        let canon = Some("扶贫征集-自荐-视频类(微视频)-星城大爱".to_string());
        assert_eq!(
            parsed("扶贫征集-自荐-视频类(微视频)-星城大爱"),
            (canon.clone(), 0, vec![])
        );
        assert_eq!(
            parsed("扶贫征集－自荐－视频类（微视频）－星城大爱").0,
            canon
        );
        assert_eq!(parsed("扶贫征集—自荐—视频类(微视频)—星城大爱").0, canon);
        assert_eq!(
            parsed("扶贫征集 - 自荐 - 视频类-微视频 - 星城大爱").0,
            canon
        );
        assert_eq!(parsed("Fwd: 扶贫征集-自荐-视频类-微视频-星城大爱").0, canon);
        assert_eq!(parsed("扶贫征集-自荐-视频类-微视频-星城大爱").1, 1);
        assert_eq!(parsed("扶贫征集－自荐－视频类（微视频）－星城大爱").1, 2);
        assert_eq!(
            parsed("扶贫征集-推荐-视频类（微电影）-山那边").0.as_deref(),
            Some("扶贫征集-推荐-视频类(微电影)-山那边")
        );
        assert_eq!(
            parsed("扶贫征集-推荐-文字类-一条路-两代人").0.as_deref(),
            Some("扶贫征集-推荐-文字类-一条路-两代人")
        );
        assert_eq!(parsed("扶贫征集-推荐-文学类-山路").1, 1);
    }

    #[test]
    fn missing_and_unknown_parts_are_errors() {
        assert_eq!(
            parsed("扶贫征集-视频类(微视频)-星城大爱").2,
            ["推荐 or 自荐 is missing"]
        );
        assert_eq!(
            parsed("扶贫征集-自荐-视频类-星城大爱").2,
            ["视频类 without 微视频 or 微电影"]
        );
        assert_eq!(
            parsed("扶贫征集-自荐-图片类-").2,
            ["作品名称 (the title) is empty"]
        );
        assert!(parsed("扶贫征集-自荐-音乐类-歌")
            .2
            .first()
            .is_some_and(|e| e.starts_with("unknown category")));
        assert_eq!(parsed("星城大爱").2, ["does not start with 扶贫征集"]);
        assert!(looks_like("扶贫征集—自荐"));
        assert!(!looks_like("新建文件夹"));
    }
}
