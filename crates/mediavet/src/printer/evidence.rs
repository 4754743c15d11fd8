//! What a card of the HTML report shows beside the findings, read from a report's JSON
//! object: a video's analysed frames with the boxes of what was found on them, the audio
//! level plot against the profile's band, a photo's thumbnail with its clarity figures,
//! a text's counts, script and author hits.

use super::charts;
use serde::Serialize;
use serde_json::Value;

/// One analysed frame of a video, with what was found on it.
#[derive(Debug, Serialize)]
pub struct Frame {
    /// The thumbnail, a checked `data:` URL.
    pub src: String,
    /// Thumbnail size.
    pub w: u64,
    pub h: u64,
    /// Time, seconds, as shown.
    pub time: String,
    pub boxes: Vec<Mark>,
}

/// A box drawn on a frame, in thumbnail pixels.
#[derive(Debug, Serialize, PartialEq)]
pub struct Mark {
    /// `watermark`, `qr`, `subtitle` or `text`: the label key and the colour.
    pub kind: &'static str,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// What was read in it (a QR code's text, a subtitle line).
    pub text: String,
}

/// A photo's thumbnail and the figures it is judged on.
#[derive(Debug, Clone, Serialize)]
pub struct Photo {
    pub src: String,
    pub w: u64,
    pub h: u64,
    /// (label key, value).
    pub figures: Vec<(&'static str, String)>,
    /// A clarity or quality rule has a finding on it.
    pub flagged: bool,
}

/// A thumbnail's `data:` URL when it is a JPEG in base64 and nothing else (it is written
/// into an attribute unescaped).
fn data_url(t: &Value) -> Option<(String, u64, u64)> {
    let src = t["jpeg"].as_str()?;
    let b64 = src.strip_prefix("data:image/jpeg;base64,")?;
    let clean = b64
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b));
    clean.then(|| {
        (
            src.to_string(),
            t["width"].as_u64().unwrap_or(0),
            t["height"].as_u64().unwrap_or(0),
        )
    })
}

/// The first video track's facts.
fn video(facts: &Value) -> Option<&Value> {
    tracks(facts)
        .find(|t| t["kind"] == "video")
        .map(|t| &t["video"])
}

/// The container's tracks.
fn tracks(facts: &Value) -> impl Iterator<Item = &Value> {
    facts["container"]["tracks"]
        .as_array()
        .into_iter()
        .flatten()
}

/// The numbers of a JSON array.
fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect()
}

/// How many frames of a video were analysed.
pub fn analysed(facts: &Value) -> usize {
    video(facts).map_or(0, |v| numbers(&v["frames"]["times_s"]).len())
}

/// A video's analysed frames kept as thumbnails, with their boxes (empty without).
pub fn frames(facts: &Value) -> Vec<Frame> {
    let Some(v) = video(facts) else {
        return Vec::new();
    };
    let display = (
        v["display_width"].as_f64().unwrap_or(0.0),
        v["display_height"].as_f64().unwrap_or(0.0),
    );
    let found = &v["frames"];
    let at = |t: f64, u: f64| (t - u).abs() < 1e-3;
    facts["thumbnails"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| {
            let (src, w, h) = data_url(t)?;
            let time = t["time_s"].as_f64()?;
            let k = w as f64 / display.0.max(1.0);
            let mark = |kind, b: &Value, text: &Value| Mark {
                kind,
                x: b["x"].as_f64().unwrap_or(0.0) * k,
                y: b["y"].as_f64().unwrap_or(0.0) * k,
                w: b["w"].as_f64().unwrap_or(0.0) * k,
                h: b["h"].as_f64().unwrap_or(0.0) * k,
                text: text.as_str().unwrap_or_default().to_string(),
            };
            let list = |key: &str| found[key].as_array().into_iter().flatten();
            let mut boxes: Vec<Mark> = list("watermarks")
                .filter(|m| {
                    let (first, last) = (m["first_s"].as_f64(), m["last_s"].as_f64());
                    first
                        .zip(last)
                        .is_some_and(|(a, b)| time >= a - 1e-3 && time <= b + 1e-3)
                })
                .map(|m| mark("watermark", &m["box"], &Value::Null))
                .collect();
            boxes.extend(
                list("qr_codes")
                    .filter(|q| q["time_s"].as_f64().is_some_and(|u| at(time, u)))
                    .map(|q| mark("qr", &q["box"], &q["content"])),
            );
            boxes.extend(
                found["subtitles"]["lines"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|l| numbers(&l["times_s"]).iter().any(|&u| at(time, u)))
                    .map(|l| mark("subtitle", &l["box"], &l["text"])),
            );
            boxes.extend(
                list("screen_text")
                    .filter(|s| s["time_s"].as_f64().is_some_and(|u| at(time, u)))
                    .map(|s| mark("text", &s["box"], &s["text"])),
            );
            Some(Frame {
                src,
                w,
                h,
                time: format!("{time:.2}"),
                boxes,
            })
        })
        .collect()
}

/// The level plots of every audio track with a levels trace, against `band` (the
/// report's `level_band`), as SVG.
pub fn level_plots(facts: &Value, band: &Value) -> Result<Vec<String>, String> {
    tracks(facts)
        .filter_map(|t| t["audio"]["levels"].as_object())
        .map(|levels| {
            let trace = &levels["trace"];
            let channels = |key: &str| -> Vec<Vec<f64>> {
                trace[key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(numbers)
                    .collect()
            };
            let meter = band["meter"].as_str().unwrap_or("peak");
            charts::levels(&charts::Levels {
                interval_s: trace["interval_s"].as_f64().unwrap_or(0.0),
                peak: channels("peak_dbfs"),
                vu: channels("vu"),
                vu_band: meter == "vu",
                min_db: band["min_db"].as_f64(),
                max_db: band["max_db"].as_f64(),
            })
        })
        .filter(|svg| svg.as_ref().map_or(true, |s| !s.is_empty()))
        .collect()
}

/// The loudness figures of the audio tracks: (label key, value).
pub fn loudness(facts: &Value) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for levels in tracks(facts).map(|t| &t["audio"]["levels"]) {
        let figure = |key: &str, unit: &str| levels[key].as_f64().map(|v| format!("{v:.1} {unit}"));
        for (key, unit) in [
            ("integrated_lufs", "LUFS"),
            ("loudness_range_lu", "LU"),
            ("true_peak_dbtp", "dBTP"),
        ] {
            if let Some(v) = figure(key, unit) {
                out.push((key, v));
            }
        }
        for (n, c) in levels["channels"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let (Some(p), Some(vu)) = (c["sample_peak_dbfs"].as_f64(), c["max_vu"].as_f64()) {
                let label = if n == 0 { "channel_1" } else { "channel_2" };
                if n < 2 {
                    out.push((label, format!("{p:.1} dBFS · {vu:.1} VU")));
                }
            }
        }
    }
    out
}

/// A photo's thumbnail with its sharpness and quality figures; flagged when `rules` (the
/// report's rules with a finding) has a clarity or recompression rule.
pub fn photo(facts: &Value, rules: &[String]) -> Option<Photo> {
    let (src, w, h) = facts["thumbnails"]
        .as_array()?
        .iter()
        .find(|t| t["time_s"].is_null())
        .and_then(data_url)?;
    let img = &facts["image"];
    let mut figures = Vec::new();
    if let Some(f) = img["sharpness"]["focus"].as_f64() {
        figures.push(("focus", format!("{f:.0}")));
    }
    if let Some(q) = img["quality"]["estimate"].as_u64() {
        figures.push(("jpeg_quality", q.to_string()));
    }
    if let (Some(w), Some(h)) = (img["width"].as_u64(), img["height"].as_u64()) {
        figures.push(("resolution", format!("{w}×{h}")));
    }
    let flagged = rules
        .iter()
        .any(|r| r == "image.sharpness" || r == "image.quality");
    Some(Photo {
        src,
        w,
        h,
        figures,
        flagged,
    })
}

/// A text's counts, script and what in it names its author.
#[derive(Debug, Serialize)]
pub struct TextView {
    /// (label key, value).
    pub counts: Vec<(&'static str, String)>,
    /// `simplified`, `traditional`, `japanese` or `unknown`.
    pub script: String,
    /// The first Traditional characters: (character, its Simplified form, paragraph).
    pub traditional: Vec<(String, String, String)>,
    /// What names the author, masked, with its paragraph around it.
    pub hits: Vec<Hit>,
}

/// One item naming the author.
#[derive(Debug, Serialize)]
pub struct Hit {
    /// Label key: `hit_` + the item's kind.
    pub kind: String,
    pub paragraph: String,
    pub context: String,
}

/// A text's view, when the facts are a text's.
pub fn text(facts: &Value) -> Option<TextView> {
    let t = facts["text"].as_object()?;
    let counts = [
        ("words", "words"),
        ("han", "han"),
        ("paragraphs", "paragraphs"),
    ]
    .into_iter()
    .filter_map(|(key, label)| Some((label, t["counts"][key].as_u64()?.to_string())))
    .collect();
    let shown = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let traditional = t["script"]["samples"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            (
                shown(&s["traditional"]),
                shown(&s["simplified"]),
                shown(&s["at"]),
            )
        })
        .collect();
    // The entrant's own details first (as the rule lists them), then the generic finds
    // not already among them.
    let given = t
        .get("author_hits")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    let generic = t["identifiers"].as_array().into_iter().flatten();
    let mut hits: Vec<Hit> = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for h in given.chain(generic) {
        let key = (shown(&h["paragraph"]), shown(&h["masked"]));
        if seen.contains(&key) {
            continue;
        }
        hits.push(Hit {
            kind: format!("hit_{}", shown(&h["kind"])),
            paragraph: key.0.clone(),
            context: shown(&h["context"]),
        });
        seen.push(key);
    }
    Some(TextView {
        counts,
        script: shown(&t["script"]["verdict"]),
        traditional,
        hits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PIXEL: &str = "data:image/jpeg;base64,/9j/AA==";

    fn video_facts() -> Value {
        json!({
            "container": {"tracks": [{"kind": "video", "video": {
                "display_width": 1920, "display_height": 1080,
                "frames": {
                    "watermarks": [{"box": {"x": 1600, "y": 40, "w": 240, "h": 120}, "first_s": 2.0, "last_s": 8.0}],
                    "qr_codes": [{"time_s": 4.0, "box": {"x": 0, "y": 0, "w": 80, "h": 80}, "content": "https://x"}],
                    "subtitles": {"lines": [{"text": "字幕", "times_s": [0.0, 4.0], "box": {"x": 800, "y": 960, "w": 320, "h": 60}}]},
                    "screen_text": []
                }}}]},
            "thumbnails": [
                {"time_s": 0.0, "width": 240, "height": 135, "jpeg": PIXEL},
                {"time_s": 4.0, "width": 240, "height": 135, "jpeg": PIXEL},
                {"time_s": 9.0, "width": 240, "height": 135, "jpeg": "data:image/jpeg;base64,\"><script>"}
            ]
        })
    }

    #[test]
    fn frames_carry_the_boxes_seen_at_their_time_scaled() {
        let f = frames(&video_facts());
        // The third thumbnail is not a clean data URL: left out.
        assert_eq!(f.len(), 2);
        let kinds = |k: usize| f[k].boxes.iter().map(|b| b.kind).collect::<Vec<_>>();
        assert_eq!(kinds(0), ["subtitle"]);
        assert_eq!(kinds(1), ["watermark", "qr", "subtitle"]);
        // 1920 displayed pixels are 240 thumbnail pixels: ÷ 8.
        assert_eq!(
            f[1].boxes[0],
            Mark {
                kind: "watermark",
                x: 200.0,
                y: 5.0,
                w: 30.0,
                h: 15.0,
                text: String::new()
            }
        );
        assert_eq!(f[1].boxes[1].text, "https://x");
        assert_eq!(f[1].time, "4.00");
        assert!(frames(&json!({})).is_empty());
    }

    #[test]
    fn a_text_lists_its_author_hits_once_with_their_paragraph() {
        let facts = json!({"text": {
            "counts": {"words": 1234, "han": 1200, "paragraphs": 9},
            "script": {"verdict": "simplified", "samples": [{"traditional": "發", "simplified": "发", "at": 3}]},
            "author_hits": [{"kind": "phone", "paragraph": 2, "masked": "138****6157", "context": "电话138****6157"}],
            "identifiers": [
                {"kind": "mobile", "paragraph": 2, "masked": "138****6157", "context": "电话138****6157"},
                {"kind": "email", "paragraph": 5, "masked": "w**@x.cn", "context": "邮箱w**@x.cn"}
            ]
        }});
        let t = text(&facts).unwrap();
        assert_eq!(t.counts[0], ("words", "1234".to_string()));
        assert_eq!(t.traditional, [("發".into(), "发".into(), "3".into())]);
        let hits: Vec<_> = t
            .hits
            .iter()
            .map(|h| (h.kind.as_str(), h.paragraph.as_str()))
            .collect();
        assert_eq!(hits, [("hit_phone", "2"), ("hit_email", "5")]);
        assert!(text(&json!({})).is_none());
    }

    #[test]
    fn a_photo_shows_its_figures_and_whether_it_is_flagged() {
        let facts = json!({
            "image": {"width": 4000, "height": 3000, "sharpness": {"focus": 12.4}, "quality": {"estimate": 45}},
            "thumbnails": [{"width": 240, "height": 180, "jpeg": PIXEL}]
        });
        let p = photo(&facts, &["image.sharpness".into()]).unwrap();
        assert!(p.flagged);
        assert_eq!(
            p.figures,
            [
                ("focus", "12".to_string()),
                ("jpeg_quality", "45".into()),
                ("resolution", "4000×3000".into())
            ]
        );
        assert!(photo(&json!({"image": {}}), &[]).is_none());
    }
}
