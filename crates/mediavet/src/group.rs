//! Photos checked as a group: the photos of each folder, their verdicts, the caption
//! files beside them, and the before/after pairs their names or captions mark
//! (前/后, before/after) — the contest prefers such pairs.

use crate::finding::{Lang, Text};
use crate::kind::{Category, FileKind};
use crate::report::{Report, Verdict};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One folder's photos.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The folder, as the paths give it.
    pub dir: String,
    /// The photos' paths, in report order.
    pub photos: Vec<String>,
    /// Photos by verdict: pass, warn, fail, unreadable.
    pub verdicts: [usize; 4],
    /// Sidecar caption files read as the captions of photos (not checked as entries).
    pub caption_files: Vec<String>,
    /// Before/after pairs.
    pub pairs: Vec<Pair>,
}

/// A before/after pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// File name of the "before" photo.
    pub before: String,
    /// File name of the "after" photo.
    pub after: String,
    /// What marks them: `name` or `caption`.
    pub marked_by: &'static str,
}

/// Splits `paths` into entries and sidecar caption files: a `.txt` (or `.TXT`) beside a
/// file of the same stem and another extension is that file's caption, not an entry.
pub fn split_sidecars(paths: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    crate::sidecar::split(paths, &crate::image::SIDECAR_EXTENSIONS)
}

/// What grouping reads of one report.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// The path as given.
    pub path: &'a str,
    /// The file is a picture.
    pub image: bool,
    /// The verdict.
    pub verdict: Verdict,
    /// Its first caption.
    pub caption: Option<&'a str>,
}

impl<'a> Member<'a> {
    /// What grouping reads of `r`.
    pub fn of(r: &'a Report) -> Member<'a> {
        Member {
            path: &r.facts.path,
            image: r.facts.kind.category() == Category::Image,
            verdict: r.verdict,
            caption: r
                .facts
                .image
                .as_ref()
                .and_then(|i| i.captions.first())
                .map(|c| c.text.as_str()),
        }
    }

    /// The same, of a report's JSON object (as Python holds it); `None` when it lacks
    /// the path, kind or verdict.
    pub fn from_json(v: &'a Value) -> Option<Member<'a>> {
        Some(Member {
            path: v["path"].as_str()?,
            image: FileKind::deserialize(&v["kind"]).ok()?.category() == Category::Image,
            verdict: Verdict::deserialize(&v["verdict"]).ok()?,
            caption: v["facts"]["image"]["captions"][0]["text"].as_str(),
        })
    }
}

/// The groups of the photo reports: one per folder holding two photos or more (a lone
/// photo is a single entry), in folder order; `sidecars` are the caption files split off
/// by [`split_sidecars`].
pub fn groups(reports: &[Report], sidecars: &[PathBuf]) -> Vec<Group> {
    let members: Vec<Member> = reports.iter().map(Member::of).collect();
    groups_of(&members, sidecars)
}

/// [`groups`] of what grouping reads of each report.
pub fn groups_of(reports: &[Member], sidecars: &[PathBuf]) -> Vec<Group> {
    let mut by_dir: BTreeMap<String, Vec<&Member>> = BTreeMap::new();
    for r in reports.iter().filter(|r| r.image) {
        by_dir.entry(folder(Path::new(r.path))).or_default().push(r);
    }
    by_dir
        .into_iter()
        .filter(|(_, members)| members.len() >= 2)
        .map(|(dir, members)| {
            let mut verdicts = [0; 4];
            for r in &members {
                verdicts[match r.verdict {
                    Verdict::Pass => 0,
                    Verdict::Warn => 1,
                    Verdict::Fail => 2,
                    Verdict::Unreadable => 3,
                }] += 1;
            }
            let caption_files = sidecars
                .iter()
                .filter(|s| folder(s) == dir)
                .map(|s| s.display().to_string())
                .collect();
            Group {
                photos: members.iter().map(|r| r.path.to_string()).collect(),
                pairs: pairs(&members),
                dir,
                verdicts,
                caption_files,
            }
        })
        .collect()
}

fn folder(p: &Path) -> String {
    p.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| ".".to_string(), |d| d.display().to_string())
}

fn file_name(r: &Member) -> String {
    Path::new(r.path)
        .file_name()
        .map_or_else(|| r.path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Before/after pairs: first by name (`老屋-前.jpg` + `老屋-后.jpg`, `well_before.jpg` +
/// `well_after.jpg`), then, among the photos left, by caption (`村路硬化前` + `村路硬化后`).
fn pairs(members: &[&Member]) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut paired = vec![false; members.len()];
    let by_name: Vec<Option<Marked>> = members
        .iter()
        .map(|r| {
            Path::new(r.path)
                .file_stem()
                .and_then(|s| name_marker(&s.to_string_lossy()))
        })
        .collect();
    match_up(members, &by_name, "name", &mut paired, &mut out);
    let by_caption: Vec<Option<Marked>> = members
        .iter()
        .zip(&paired)
        .map(|(r, done)| {
            let caption = r.caption?;
            (!done).then(|| caption_marker(caption)).flatten()
        })
        .collect();
    match_up(members, &by_caption, "caption", &mut paired, &mut out);
    out
}

/// A before or after mark, and the rest of the name or caption that pairs it.
#[derive(Debug, Clone, PartialEq)]
struct Marked {
    after: bool,
    key: String,
}

fn match_up(
    members: &[&Member],
    marks: &[Option<Marked>],
    how: &'static str,
    paired: &mut [bool],
    out: &mut Vec<Pair>,
) {
    for (b, before) in marks.iter().enumerate() {
        let Some(before) = before.as_ref().filter(|m| !m.after) else {
            continue;
        };
        if paired[b] {
            continue;
        }
        let partner = marks.iter().enumerate().position(|(a, m)| {
            !paired[a] && m.as_ref().is_some_and(|m| m.after && m.key == before.key)
        });
        if let Some(a) = partner {
            paired[a] = true;
            paired[b] = true;
            out.push(Pair {
                before: file_name(members[b]),
                after: file_name(members[a]),
                marked_by: how,
            });
        }
    }
}

const SEPARATORS: &[char] = &[
    '-', '_', ' ', '.', '(', ')', '（', '）', '【', '】', '[', ']',
];

/// A file stem ending or starting with 前/后/後 or before/after (any case).
fn name_marker(stem: &str) -> Option<Marked> {
    let s = stem.trim_matches(SEPARATORS).to_lowercase();
    for (word, after) in [
        ("前", false),
        ("before", false),
        ("后", true),
        ("後", true),
        ("after", true),
    ] {
        let rest = s
            .strip_suffix(word)
            .or_else(|| s.strip_prefix(word))
            .map(|r| r.trim_matches(SEPARATORS).to_string());
        if let Some(key) = rest {
            return Some(Marked { after, key });
        }
    }
    None
}

/// A caption holding 前 or "before" and not 后/後/"after", or the other way round; the
/// text before the mark pairs it (`村路硬化前` and `村路硬化后的新路` share `村路硬化`).
fn caption_marker(caption: &str) -> Option<Marked> {
    let lower = caption.to_lowercase();
    let find = |words: &[&str]| words.iter().filter_map(|w| lower.find(w)).min();
    match (find(&["前", "before"]), find(&["后", "後", "after"])) {
        (Some(at), None) => Some(Marked {
            after: false,
            key: lower[..at].trim().to_string(),
        }),
        (None, Some(at)) => Some(Marked {
            after: true,
            key: lower[..at].trim().to_string(),
        }),
        _ => None,
    }
}

impl Group {
    /// The group as a JSON object.
    pub fn to_json(&self, lang: Lang) -> Value {
        let [pass, warn, fail, unreadable] = self.verdicts;
        json!({
            "dir": self.dir,
            "photos": self.photos.len(),
            "pass": pass,
            "warn": warn,
            "fail": fail,
            "unreadable": unreadable,
            "caption_files": self.caption_files,
            "pairs": self.pairs.iter().map(|p| json!({
                "before": p.before,
                "after": p.after,
                "marked_by": p.marked_by,
            })).collect::<Vec<_>>(),
            "summary": self.summary().get(lang),
        })
    }

    /// One line, in both languages: how many photos, how they fared, caption files, pairs.
    pub fn summary(&self) -> Text {
        let [pass, warn, fail, unreadable] = self.verdicts;
        let n = self.photos.len();
        let mut en = format!(
            "{}: a group of {n} photos ({pass} pass, {warn} warn, {fail} fail, {unreadable} unreadable)",
            self.dir
        );
        let mut zh = format!(
            "{}：组照 {n} 张（通过 {pass}，警告 {warn}，不合格 {fail}，无法读取 {unreadable}）",
            self.dir
        );
        let files = self.caption_files.len();
        if files > 0 {
            en.push_str(&format!("; captions read from {files} .txt file(s)"));
            zh.push_str(&format!("；从 {files} 个 .txt 文件读取了说明文字"));
        }
        if self.pairs.is_empty() {
            en.push_str(
                "; no before/after pair marked (前/后 or before/after in names or captions)",
            );
            zh.push_str("；未标明前后对比照片（文件名或说明中的“前/后”）");
        } else {
            let list = |by: fn(&Pair) -> String, sep: &str| {
                self.pairs.iter().map(by).collect::<Vec<_>>().join(sep)
            };
            en.push_str("; before/after pairs: ");
            en.push_str(&list(
                |p| format!("{} → {} (by {})", p.before, p.after, p.marked_by),
                ", ",
            ));
            zh.push_str("；前后对比：");
            zh.push_str(&list(
                |p| {
                    let by = if p.marked_by == "name" {
                        "按文件名"
                    } else {
                        "按说明文字"
                    };
                    format!("{} → {}（{by}）", p.before, p.after)
                },
                "，",
            ));
        }
        Text::new(en, zh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_in_names_and_captions() {
        assert_eq!(
            name_marker("老屋-前"),
            Some(Marked {
                after: false,
                key: "老屋".into()
            })
        );
        assert_eq!(
            name_marker("After_well"),
            Some(Marked {
                after: true,
                key: "well".into()
            })
        );
        assert_eq!(name_marker("IMG_0101"), None);
        assert_eq!(
            caption_marker("村路硬化后"),
            Some(Marked {
                after: true,
                key: "村路硬化".into()
            })
        );
        assert_eq!(caption_marker("改造前后对比"), None);
        let (entries, sidecars) = split_sidecars(vec![
            "a/x.jpg".into(),
            "a/x.txt".into(),
            "a/notes.txt".into(),
            "b/x.txt".into(),
        ]);
        assert_eq!(
            entries,
            [
                PathBuf::from("a/x.jpg"),
                "a/notes.txt".into(),
                "b/x.txt".into()
            ]
        );
        assert_eq!(sidecars, [PathBuf::from("a/x.txt")]);
    }
}
