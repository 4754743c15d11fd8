//! The same work twice across the entries of one run (and the desk's reference
//! material): identical files (BLAKE3 of the content), near-identical photos and videos
//! (64-bit perceptual fingerprints within a few bits, found through the buckets of
//! their bytes: two hashes within 7 bits share at least one of their 8 bytes), texts that
//! share passages, and one ID number on two entries of a category.
//!
//! Texts are compared by winnowing (Schleimer, Wilkerson, Aiken 2003; MOSS): fingerprints
//! of 8-character shingles, the minimum of every window of 8, so that any passage of 15
//! characters or more two texts share gives both the same fingerprint. MinHash estimates
//! resemblance (Jaccard), which a story 30 % copied into a longer one barely moves (0.18);
//! winnowing measures containment, the share of one text found in the other, directly.
//! Written here because no maintained crate implements it (the `minhash`/`lsh` crates
//! give resemblance only). Fingerprints found in many texts (set phrases) are ignored, so
//! the work stays near-linear in the number of entries.

use super::name::EntryCategory;
use super::Duplicate;
use crate::facts::Fingerprint;
use crate::finding::Text;
use std::collections::{HashMap, HashSet};

/// Characters per shingle.
const SHINGLE: usize = 8;
/// Shingles per winnowing window.
const WINDOW: usize = 8;
/// Buckets larger than this are not compared pairwise (a fingerprint byte shared by so
/// many pictures says nothing).
const MAX_BUCKET: usize = 5_000;

/// What one file contributes.
#[derive(Debug, Clone, Default)]
pub struct FilePrint {
    /// Path within the entry.
    pub path: String,
    /// BLAKE3 of the content (`None` for an empty or unread file).
    pub hash: Option<[u8; 32]>,
    /// A photo's fingerprint.
    pub photo: Option<Fingerprint>,
    /// A video's frame fingerprints.
    pub frames: Vec<Fingerprint>,
    /// A text's letters and digits (the body without spaces and punctuation).
    pub text: Option<Vec<char>>,
}

/// What one entry contributes.
#[derive(Debug, Clone, Default)]
pub struct Prints {
    /// How the other entry is named in findings.
    pub label: String,
    /// Known material from `--reference` (compared with, never reported).
    pub reference: bool,
    /// The entry's category.
    pub category: Option<EntryCategory>,
    /// The form's ID number (normalised), if any.
    pub id_number: Option<String>,
    /// Its files.
    pub files: Vec<FilePrint>,
}

/// Thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Share of the shorter text found in the other from which two texts are the same work.
    pub text_share: f64,
    /// Most bits two fingerprints may differ by.
    pub max_distance: u32,
}

/// The letters and digits of `body`, lower-cased: what texts are compared on.
pub fn normalise(body: &str) -> Vec<char> {
    body.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The duplicates of each entry, in the order of `entries`.
pub fn find(entries: &[Prints], s: Settings) -> Vec<Vec<Duplicate>> {
    let mut out: Vec<Vec<Duplicate>> = vec![Vec::new(); entries.len()];
    let mut report =
        |a: (usize, Option<usize>), b: (usize, Option<usize>), kind: &'static str, detail: Text| {
            let (ea, eb) = (&entries[a.0], &entries[b.0]);
            if a.0 == b.0 || (ea.reference && eb.reference) {
                return;
            }
            let file = |e: &Prints, f: Option<usize>| {
                f.and_then(|i| e.files.get(i)).map(|f| f.path.clone())
            };
            for ((x, xf), (y, yf)) in [((a.0, a.1), (b.0, b.1)), ((b.0, b.1), (a.0, a.1))] {
                if entries[x].reference {
                    continue;
                }
                out[x].push(Duplicate {
                    kind,
                    file: file(&entries[x], xf),
                    other: entries[y].label.clone(),
                    other_file: file(&entries[y], yf),
                    reference: entries[y].reference,
                    detail: detail.clone(),
                });
            }
        };
    // Identical files.
    let mut by_hash: HashMap<[u8; 32], Vec<(usize, usize)>> = HashMap::new();
    for (e, p) in entries.iter().enumerate() {
        for (f, file) in p.files.iter().enumerate() {
            if let Some(h) = file.hash {
                by_hash.entry(h).or_default().push((e, f));
            }
        }
    }
    let mut identical: HashSet<(usize, usize, usize, usize)> = HashSet::new();
    let mut hashes: Vec<_> = by_hash.into_values().filter(|v| v.len() > 1).collect();
    hashes.sort();
    for group in hashes {
        for (i, &(ea, fa)) in group.iter().enumerate() {
            for &(eb, fb) in &group[i + 1..] {
                if ea != eb && identical.insert((ea, fa, eb, fb)) {
                    report(
                        (ea, Some(fa)),
                        (eb, Some(fb)),
                        "identical",
                        Text::new("the same file, byte for byte", "文件内容完全相同"),
                    );
                }
            }
        }
    }
    // Photos.
    let photos = fingerprints(entries, |file| file.photo.as_slice());
    for (a, b, d) in close_pairs(&photos, s.max_distance) {
        let (pa, pb) = (photos[a], photos[b]);
        if pa.0 != pb.0
            && !identical.contains(&(pa.0, pa.1, pb.0, pb.1))
            && !identical.contains(&(pb.0, pb.1, pa.0, pa.1))
        {
            report(
                (pa.0, Some(pa.1)),
                (pb.0, Some(pb.1)),
                "photo",
                Text::new(
                    format!("the same photo (fingerprints {d} of 64 bits apart)"),
                    format!("同一张照片（感知指纹相差 {d}/64 位）"),
                ),
            );
        }
    }
    // Videos: frames matched.
    let frames = fingerprints(entries, |file| &file.frames);
    let mut matched: HashMap<(usize, usize, usize, usize), HashSet<u64>> = HashMap::new();
    for (a, b, _) in close_pairs(&frames, s.max_distance) {
        let (fa, fb) = (frames[a], frames[b]);
        if fa.0 == fb.0 {
            continue;
        }
        let key = if (fa.0, fa.1) < (fb.0, fb.1) {
            (fa.0, fa.1, fb.0, fb.1)
        } else {
            (fb.0, fb.1, fa.0, fa.1)
        };
        let first = if (fa.0, fa.1) < (fb.0, fb.1) {
            fa.2
        } else {
            fb.2
        };
        matched.entry(key).or_default().insert(first.0);
    }
    let mut video_pairs: Vec<_> = matched.into_iter().collect();
    video_pairs.sort_by_key(|(k, _)| *k);
    for ((ea, fa, eb, fb), hits) in video_pairs {
        if identical.contains(&(ea, fa, eb, fb)) || identical.contains(&(eb, fb, ea, fa)) {
            continue;
        }
        let na = entries[ea].files[fa].frames.len();
        let nb = entries[eb].files[fb].frames.len();
        let need = (na.min(nb).div_ceil(2)).max(3.min(na.min(nb)));
        if hits.len() >= need && need > 0 {
            report(
                (ea, Some(fa)),
                (eb, Some(fb)),
                "video",
                Text::new(
                    format!(
                        "the same video ({} of {} sampled frames match)",
                        hits.len(),
                        na
                    ),
                    format!("同一段视频（{na} 个抽样画面中 {} 个相同）", hits.len()),
                ),
            );
        }
    }
    // Texts.
    for (a, b, share, passage) in shared_texts(entries, s.text_share) {
        report(
            (a.0, Some(a.1)),
            (b.0, Some(b.1)),
            "text",
            Text::new(
                format!(
                    "{:.0}% of the shorter text is in the other; first shared passage: “{passage}”",
                    share * 100.0
                ),
                format!(
                    "较短文本的 {:.0}% 出现在另一篇中；首个相同段落：“{passage}”",
                    share * 100.0
                ),
            ),
        );
    }
    // One ID number, one category, two entries.
    let mut ids: HashMap<(Option<EntryCategory>, &str), Vec<usize>> = HashMap::new();
    for (e, p) in entries.iter().enumerate() {
        if let Some(id) = p.id_number.as_deref().filter(|_| !p.reference) {
            ids.entry((p.category, id)).or_default().push(e);
        }
    }
    let mut ids: Vec<_> = ids.into_values().filter(|v| v.len() > 1).collect();
    ids.sort();
    for group in ids {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                report(
                    (a, None),
                    (b, None),
                    "id_number",
                    Text::new(
                        "the same ID number on the form of another entry of this category",
                        "同类别另一作品的报名表上身份证号相同",
                    ),
                );
            }
        }
    }
    for list in &mut out {
        list.sort_by(|x, y| (x.kind, &x.other, &x.file).cmp(&(y.kind, &y.other, &y.file)));
        list.dedup();
    }
    out
}

/// Every (entry, file, fingerprint) that `of` gives for a file.
fn fingerprints(
    entries: &[Prints],
    of: impl Fn(&FilePrint) -> &[Fingerprint],
) -> Vec<(usize, usize, Fingerprint)> {
    let mut out = Vec::new();
    for (e, p) in entries.iter().enumerate() {
        for (f, file) in p.files.iter().enumerate() {
            out.extend(of(file).iter().map(|&h| (e, f, h)));
        }
    }
    out
}

/// Pairs of indices into `items` whose fingerprints are at most `max` bits apart, with
/// the distance; found through the buckets of each of the 8 bytes (exact for `max` < 8).
/// Buckets are runs of a sorted order, not hash maps: no allocation per bucket.
fn close_pairs(items: &[(usize, usize, Fingerprint)], max: u32) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..items.len()).collect();
    for band in 0..8 {
        let byte = |i: usize| (items[i].2 .0 >> (band * 8)) as u8;
        order.sort_unstable_by_key(|&i| (byte(i), i));
        for run in order.chunk_by(|&a, &b| byte(a) == byte(b)) {
            if run.len() < 2 || run.len() > MAX_BUCKET {
                continue;
            }
            for (k, &a) in run.iter().enumerate() {
                for &b in &run[k + 1..] {
                    let d = items[a].2.distance(items[b].2);
                    if d <= max && items[a].0 != items[b].0 {
                        out.push((a.min(b), a.max(b), d));
                    }
                }
            }
        }
    }
    // A pair sharing several bytes was found once per byte.
    out.sort_unstable();
    out.dedup();
    out
}

/// FNV-1a of a shingle.
fn shingle_hash(chars: &[char]) -> u64 {
    chars.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The winnowed fingerprints of a text, sorted and unique.
fn winnow(text: &[char]) -> Vec<u64> {
    let hashes: Vec<u64> = text.windows(SHINGLE).map(shingle_hash).collect();
    let mut prints: Vec<u64> = if hashes.len() <= WINDOW {
        hashes
    } else {
        hashes
            .windows(WINDOW)
            .filter_map(|w| w.iter().min().copied())
            .collect()
    };
    prints.sort_unstable();
    prints.dedup();
    prints
}

/// A file of an entry: (entry, file) indices.
type At = (usize, usize);

/// Two texts sharing passages: where each is, the share, the first shared passage.
type Shared = (At, At, f64, String);

/// Pairs of texts (entry, file) of different entries sharing at least `min_share` of the
/// shorter one's fingerprints, with the share and their first shared passage.
fn shared_texts(entries: &[Prints], min_share: f64) -> Vec<Shared> {
    let texts: Vec<(At, &[char], Vec<u64>)> = entries
        .iter()
        .enumerate()
        .flat_map(|(e, p)| {
            p.files
                .iter()
                .enumerate()
                .filter_map(move |(f, file)| file.text.as_deref().map(|t| ((e, f), t)))
        })
        .filter(|(_, t)| t.len() >= SHINGLE + WINDOW)
        .map(|(at, t)| (at, t, winnow(t)))
        .collect();
    // Every (fingerprint, text) sorted: the texts sharing a fingerprint are a run.
    let mut postings: Vec<(u64, usize)> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, (_, _, prints))| prints.iter().map(move |&h| (h, i)))
        .collect();
    postings.sort_unstable();
    // Set phrases shared by many texts are not evidence of copying.
    let common = (texts.len() / 100).max(10);
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for run in postings.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 || run.len() > common {
            continue;
        }
        for (k, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[k + 1..] {
                if texts[a].0 .0 != texts[b].0 .0 {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut pairs: Vec<_> = shared.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), n) in pairs {
        let smaller = texts[a].2.len().min(texts[b].2.len()).max(1);
        let share = n as f64 / smaller as f64;
        if share >= min_share {
            let passage = first_passage(texts[a].1, texts[b].1);
            out.push((texts[a].0, texts[b].0, share.min(1.0), passage));
        }
    }
    out
}

/// The first passage of `a` (up to 40 characters) that is also in `b`.
fn first_passage(a: &[char], b: &[char]) -> String {
    let in_b: HashSet<u64> = b.windows(SHINGLE).map(shingle_hash).collect();
    let hits: Vec<bool> = a
        .windows(SHINGLE)
        .map(|w| in_b.contains(&shingle_hash(w)))
        .collect();
    let start = (0..hits.len()).find(|&i| hits[i..].iter().take(WINDOW).all(|&h| h));
    let Some(start) = start else {
        return String::new();
    };
    let run = hits[start..].iter().take_while(|&&h| h).count();
    let end = (start + run + SHINGLE - 1).min(a.len()).min(start + 40);
    let mut s: String = a[start..end].iter().collect();
    if start + run + SHINGLE - 1 > end {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str, files: Vec<FilePrint>) -> Prints {
        Prints {
            label: label.into(),
            files,
            ..Prints::default()
        }
    }

    const S: Settings = Settings {
        text_share: 0.2,
        max_distance: 6,
    };

    #[test]
    fn a_story_thirty_percent_copied_is_found_with_its_passage() {
        let own: String = (0..700)
            .map(|i| char::from_u32(0x4E00 + (i * 7919 % 20000)).unwrap_or('中'))
            .collect();
        let other: String = (0..700)
            .map(|i| char::from_u32(0x4E00 + (i * 104_729 % 20000)).unwrap_or('国'))
            .collect();
        let copied: String = own.chars().take(300).chain(other.chars()).collect();
        let text = |s: &str| FilePrint {
            path: "a.docx".into(),
            text: Some(normalise(s)),
            ..FilePrint::default()
        };
        let found = find(
            &[
                entry("A", vec![text(&own)]),
                entry("B", vec![text(&copied)]),
                entry("C", vec![text(&other[..300])]),
            ],
            S,
        );
        let a: Vec<_> = found[0]
            .iter()
            .map(|d| (d.kind, d.other.as_str()))
            .collect();
        assert_eq!(a, [("text", "B")]);
        // 300 of the shorter text's 700 characters (43 %), as winnowing estimates it.
        let share: f64 = found[0][0]
            .detail
            .en
            .split('%')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0.0);
        assert!((35.0..=50.0).contains(&share), "{}", found[0][0].detail.en);
        assert!(found[0][0]
            .detail
            .en
            .contains(&own.chars().take(20).collect::<String>()));
        assert_eq!(found[1].len(), 2);
        assert_eq!(found[2].len(), 1);
    }

    #[test]
    fn identical_files_close_photos_and_ids() {
        let photo = |h: u64, hash: Option<[u8; 32]>| FilePrint {
            path: "1.jpg".into(),
            photo: Some(Fingerprint(h)),
            hash,
            ..FilePrint::default()
        };
        let mut a = entry("A", vec![photo(0xF0F0_1234_5678_9ABC, Some([1; 32]))]);
        let b = entry("B", vec![photo(0xF0F0_1234_5678_9ABC ^ 0b1011, None)]);
        let c = entry("C", vec![photo(0xF0F0_1234_5678_9ABC, Some([1; 32]))]);
        let d = entry("D", vec![photo(!0xF0F0_1234_5678_9ABC, None)]);
        a.id_number = Some("430102198503158315".into());
        let mut e = entry("E", Vec::new());
        e.id_number = a.id_number.clone();
        let found = find(&[a, b, c, d, e], S);
        let kinds: Vec<_> = found[0]
            .iter()
            .map(|d| (d.kind, d.other.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [("id_number", "E"), ("identical", "C"), ("photo", "B")]
        );
        assert!(found[1][0].detail.en.contains("3 of 64 bits"));
        assert!(found[3].is_empty());
    }

    #[test]
    fn reference_material_is_named_but_not_reported() {
        let photo = |h: u64| FilePrint {
            path: "1.jpg".into(),
            photo: Some(Fingerprint(h)),
            ..FilePrint::default()
        };
        let mut r = entry("winners/2019.jpg", vec![photo(42 << 20)]);
        r.reference = true;
        let found = find(&[entry("A", vec![photo(42 << 20)]), r], S);
        assert!(found[0][0].reference);
        assert!(found[1].is_empty());
    }
}
