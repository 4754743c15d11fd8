//! The HTML report (`check`/`intake --format html`): self-contained (a content security
//! policy that forbids fetching, nothing linked), its numbers equal to the JSON summary,
//! and — opened in headless Chromium, every request it makes logged — its filters show
//! exactly the files they should, each video frame shows its boxes where the JSON puts
//! them, the level plot's band sits on the profile's numbers, the table sorts from the
//! keyboard, the page fits 1366 px and prints with every card open; no console output.
//! Screenshots (overview, a failing video card, the intake page) and a printed PDF are
//! written to target/html-report for a person to look at (not committed).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Where the tests write pages, screenshots and PDFs for a person to look at (created).
fn out_dir() -> PathBuf {
    let dir = root().join("target/html-report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `check -p photo` of the photo fixtures as `format` (`LANG=C`: English unless asked).
fn check(format: &str, lang: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(["check", "-p", "photo", "--lang", lang, "-f", format])
        .arg(root().join("testdata/photo"))
        .env("LANG", "C")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The values of attribute `name` in `html`, in order.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    html.match_indices(&key)
        .filter_map(|(at, _)| {
            let rest = &html[at + key.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn self_contained_and_counts_match_the_json() {
    let html = check("html", "en");
    let doc: Value = serde_json::from_str(&check("json", "en")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..80.min(html.len())]
    );
    assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\""));
    for name in ["src", "href", "action"] {
        for v in attributes(&html, name) {
            assert!(
                v.starts_with('#') || v.starts_with("data:"),
                "{name}={v:?} leaves the page"
            );
        }
    }
    assert!(!html.contains("url("), "no CSS fetches");
    for v in ["pass", "warn", "fail", "unreadable"] {
        let shown = html
            .split(&format!("data-count=\"{v}\">"))
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap();
        assert_eq!(shown, doc["summary"][v].to_string(), "{v}");
    }
    // The chart: one bar per failing rule (ten at most), drawn as inline SVG.
    let chart = html.split("<div class=\"bars\">").nth(1).unwrap();
    let chart = &chart[..chart.find("</svg>").unwrap()];
    let failing = doc["summary"]["failing_rules"].as_array().unwrap();
    assert_eq!(chart.matches("<rect").count(), failing.len().min(10));
    for f in failing.iter().take(10) {
        assert!(chart.contains(&format!("\n{}\n", f["rule"].as_str().unwrap())));
    }
    let files = doc["files"].as_array().unwrap();
    assert_eq!(html.matches("<details class=\"card\"").count(), files.len());
    let findings: usize = files
        .iter()
        .map(|f| f["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(html.matches("<tr data-rule=").count(), findings);
    // Photo groups side by side, each photo a link to its card, pairs paired.
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(html.matches("<div class=\"group\">").count(), groups.len());
    let pairs: usize = groups
        .iter()
        .map(|g| g["pairs"].as_array().unwrap().len())
        .sum();
    let photos: u64 = groups.iter().map(|g| g["photos"].as_u64().unwrap()).sum();
    assert!(pairs > 0);
    assert_eq!(html.matches("<div class=\"pair\">").count(), pairs);
    assert_eq!(
        html.matches("<a class=\"member ").count() as u64,
        photos + 2 * pairs as u64
    );
    // Chinese by default in the CLI's own way (--lang), English when asked.
    assert!(check("html", "zh").contains("检查报告"));
    assert!(html.contains("mediavet report"));
}

/// Chromium on PATH, or why not (fails under MEDIAVET_REQUIRE_ORACLES).
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("MEDIAVET_REQUIRE_ORACLES").is_none(),
            "headless Chromium is needed (scripts/test.sh installs Debian's chromium)"
        );
        eprintln!("skipped: no chromium on PATH");
    }
    found
}

/// Chromium's own background services (updates, clock, accounts): requests the browser
/// makes whatever page it shows, not the report's.
const BROWSER_HOSTS: [&str; 4] = [
    "update.googleapis.com",
    "clients2.google.com",
    "accounts.google.com",
    "redirector.gvt1.com",
];

/// Chromium's DOM of `page` after its script ran, and what it logged. Every request it
/// makes is logged (`--log-net-log`); the page's own must be none.
fn dump_dom(chromium: &str, page: &Path, fragment: &str) -> (String, String) {
    let (dom, log, requests) = open_page(chromium, page, fragment, &["--dump-dom"]);
    assert!(
        requests.is_empty(),
        "{}: the page fetched {requests:?}",
        page.display()
    );
    (dom, log)
}

/// Opens `page` headless with `args`: its stdout, stderr and the network requests made
/// other than by Chromium's own services.
fn open_page(
    chromium: &str,
    page: &Path,
    fragment: &str,
    args: &[&str],
) -> (String, String, Vec<String>) {
    let net = tempfile::NamedTempFile::new().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1366,768",
            "--disable-background-networking",
            "--disable-component-update",
            // Nothing leaves the machine either: every host resolves nowhere.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--log-net-log={}", net.path().display()))
        .args(args)
        .arg(format!("file://{}{fragment}", page.display()))
        .output()
        .unwrap();
    let log = std::fs::read_to_string(net.path()).unwrap_or_default();
    let mut requests: Vec<String> = log
        .split("\"url\":\"")
        .skip(1)
        .filter_map(|u| u.split('"').next())
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .filter(|u| !BROWSER_HOSTS.iter().any(|h| u.contains(&format!("//{h}/"))))
        .map(String::from)
        .collect();
    requests.sort();
    requests.dedup();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        requests,
    )
}

#[test]
fn the_request_log_catches_a_page_that_fetches() {
    let Some(chromium) = chromium() else { return };
    let page = tempfile::Builder::new().suffix(".html").tempfile().unwrap();
    std::fs::write(page.path(), "<img src=\"http://example.com/x.png\">").unwrap();
    let (_, _, requests) = open_page(chromium, page.path(), "", &["--dump-dom"]);
    assert_eq!(requests, ["http://example.com/x.png"]);
}

/// `page` with `script` run at its end, which leaves its answer (JSON) in `<pre id=probe>`:
/// what the browser laid out, measured in the browser. The copy is written beside it.
fn probe(chromium: &str, page: &Path, script: &str) -> Value {
    let html = std::fs::read_to_string(page).unwrap();
    let probe = page.with_extension("probe.html");
    let script = format!(
        "<script>(function () {{ var out = (function () {{ {script} }})(); \
         var pre = document.createElement('pre'); pre.id = 'probe'; \
         pre.textContent = JSON.stringify(out); document.body.appendChild(pre); }})();</script></body>"
    );
    std::fs::write(&probe, html.replace("</body>", &script)).unwrap();
    let (dom, log) = dump_dom(chromium, &probe, "");
    assert!(!log.contains(":CONSOLE"), "console output: {log}");
    let text = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|t| t.split("</pre>").next())
        .unwrap_or_else(|| panic!("no probe output: {log}"));
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&text).unwrap()
}

/// The file names of the table rows the page shows (rows hidden by a filter left out).
fn shown_rows(dom: &str) -> Vec<String> {
    let body = dom
        .split("id=\"files\"")
        .nth(1)
        .and_then(|t| t.split("<tbody>").nth(1))
        .and_then(|b| b.split("</tbody>").next())
        .unwrap_or("");
    body.split("<tr ")
        .skip(1)
        .filter(|row| !row.split('>').next().unwrap_or("").contains(" hidden"))
        .filter_map(|row| row.split("<a href=\"#").nth(1))
        .filter_map(|a| a.split('>').nth(1).and_then(|n| n.split('<').next()))
        .map(String::from)
        .collect()
}

#[test]
fn filters_in_a_real_browser_show_exactly_the_files_with_the_rule() {
    let Some(chromium) = chromium() else { return };
    let dir = out_dir();
    let page = dir.join("photo.html");
    std::fs::write(&page, check("html", "en")).unwrap();
    let doc: Value = serde_json::from_str(&check("json", "en")).unwrap();
    let files = doc["files"].as_array().unwrap();
    let name = |f: &Value| {
        Path::new(f["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let (dom, log) = dump_dom(chromium, &page, "");
    assert!(!log.contains(":CONSOLE"), "console output: {log}");
    let mut all = shown_rows(&dom);
    all.sort();
    let mut want: Vec<String> = files.iter().map(name).collect();
    want.sort();
    assert_eq!(all, want, "unfiltered: every file");
    // Each failing rule, as a filter in the address: exactly the files with that rule.
    for rule in doc["summary"]["failing_rules"].as_array().unwrap() {
        let rule = rule["rule"].as_str().unwrap();
        let (dom, log) = dump_dom(chromium, &page, &format!("#rule={rule}"));
        assert!(!log.contains(":CONSOLE"), "console output: {log}");
        let mut shown = shown_rows(&dom);
        shown.sort();
        let mut want: Vec<String> = files
            .iter()
            .filter(|f| {
                f["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["rule"] == rule)
            })
            .map(name)
            .collect();
        want.sort();
        assert_eq!(shown, want, "#rule={rule}");
        assert!(
            dom.contains(&format!("<b id=\"shown\">{}</b>", want.len())),
            "#rule={rule}: count"
        );
    }
    let (dom, _) = dump_dom(chromium, &page, "#verdict=fail");
    let fails = files.iter().filter(|f| f["verdict"] == "fail").count();
    assert_eq!(shown_rows(&dom).len(), fails, "#verdict=fail");
    // A screenshot at the smallest laptop size the desk uses, for a person to look at.
    let shot = dir.join("overview.png");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1366,768",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        status.status.success() && shot.is_file(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn html_beside_another_format() {
    let dir = out_dir();
    let side = dir.join("beside.html");
    let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args([
            "check", "-p", "photo", "--lang", "en", "-f", "csv", "--html",
        ])
        .arg(&side)
        .arg(root().join("testdata/photo"))
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("\u{feff}path,kind"));
    assert_eq!(std::fs::read_to_string(&side).unwrap(), check("html", "en"));
    // A page that cannot be written is an error (exit 2), not a silent loss.
    let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(["check", "-p", "photo", "--html", "/nonexistent/dir/r.html"])
        .arg(root().join("testdata/photo/sharp.jpg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write the HTML report"));
}

/// The video fixtures a desk would want to see: a logo, a QR code, burned-in subtitles,
/// audio above the band.
const VIDEOS: [&str; 4] = [
    "frames_logo.mp4",
    "frames_qr.mp4",
    "subtitled.mp4",
    "audio_loud.mp4",
];

/// `check` of [`VIDEOS`] under micro-video with the level band moved to −20 … −6 dBFS:
/// the JSON, with the page written beside it in the same run.
fn check_videos(page: &Path) -> Value {
    let dir = page.parent().unwrap();
    let profile = dir.join("band.toml");
    std::fs::write(
        &profile,
        "extends = \"micro-video\"\nname = \"band\"\n[audio]\nmin_level_db = -20.0\nmax_level_db = -6.0\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(["check", "--lang", "en", "-f", "json", "-p"])
        .arg(&profile)
        .arg("--html")
        .arg(page)
        .args(VIDEOS.map(|v| root().join("testdata/video").join(v)))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// In the browser: each frame's picture and boxes, laid out — per card (file name), per
/// frame, the picture's size and each box's kind and place relative to the picture.
const FRAME_PROBE: &str = r#"
  var out = {};
  document.querySelectorAll("details.card").forEach(function (card) {
    var name = card.querySelector("summary").textContent.trim().split(" ").pop();
    out[name] = Array.prototype.map.call(card.querySelectorAll("figure.frame"), function (f) {
      var img = f.querySelector("image").getBoundingClientRect();
      return { time: f.dataset.time, w: img.width, h: img.height,
        boxes: Array.prototype.map.call(f.querySelectorAll("rect.box"), function (r) {
          var b = r.getBoundingClientRect();
          return { kind: r.dataset.kind, x: b.left - img.left, y: b.top - img.top, w: b.width, h: b.height };
        }) };
    });
  });
  return out;
"#;

/// The video track's facts of report `f`.
fn video(f: &Value) -> &Value {
    let tracks = f["facts"]["container"]["tracks"].as_array().unwrap();
    &tracks.iter().find(|t| t["kind"] == "video").unwrap()["video"]
}

#[test]
fn video_cards_show_each_frame_with_the_boxes_where_the_json_says() {
    let Some(chromium) = chromium() else { return };
    let dir = out_dir();
    let page = dir.join("videos.html");
    let doc = check_videos(&page);
    let shown = probe(chromium, &page, FRAME_PROBE);
    let mut kinds_seen = std::collections::BTreeSet::new();
    for f in doc["files"].as_array().unwrap() {
        let name = Path::new(f["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy();
        let v = video(f);
        let found = &v["frames"];
        let times: Vec<f64> = found["times_s"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_f64().unwrap())
            .collect();
        let frames = shown[name.as_ref()].as_array().unwrap();
        // The sheet: twelve of the analysed frames (all when fewer), in order, every one
        // showing a QR code among them.
        let shown_times: Vec<f64> = frames
            .iter()
            .map(|fr| fr["time"].as_str().unwrap().parse().unwrap())
            .collect();
        assert_eq!(shown_times.len(), times.len().min(12), "{name}");
        assert!(
            shown_times.windows(2).all(|w| w[0] < w[1]),
            "{name}: {shown_times:?}"
        );
        let on_sheet = |t: f64| shown_times.iter().any(|s| (s - t).abs() < 0.006);
        for q in found["qr_codes"].as_array().unwrap() {
            assert!(
                on_sheet(q["time_s"].as_f64().unwrap()),
                "{name}: QR frame not shown"
            );
        }
        // Each shown frame's analysed time.
        let times: Vec<f64> = shown_times
            .iter()
            .map(|s| *times.iter().find(|t| (*t - s).abs() < 0.006).unwrap())
            .collect();
        let display = v["display_width"].as_f64().unwrap();
        // What the JSON says is on the frame at `t`: (kind, box).
        let expected = |t: f64| {
            let mut want: Vec<(&str, &Value)> = Vec::new();
            for m in found["watermarks"].as_array().unwrap() {
                if t >= m["first_s"].as_f64().unwrap() - 1e-3
                    && t <= m["last_s"].as_f64().unwrap() + 1e-3
                {
                    want.push(("watermark", &m["box"]));
                }
            }
            for q in found["qr_codes"].as_array().unwrap() {
                if (q["time_s"].as_f64().unwrap() - t).abs() < 1e-3 {
                    want.push(("qr", &q["box"]));
                }
            }
            for l in found["subtitles"]["lines"].as_array().into_iter().flatten() {
                if l["times_s"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|u| (u.as_f64().unwrap() - t).abs() < 1e-3)
                {
                    want.push(("subtitle", &l["box"]));
                }
            }
            for s in found["screen_text"].as_array().into_iter().flatten() {
                if (s["time_s"].as_f64().unwrap() - t).abs() < 1e-3 {
                    want.push(("text", &s["box"]));
                }
            }
            want
        };
        for (fr, &t) in frames.iter().zip(&times) {
            let scale = fr["w"].as_f64().unwrap() / display;
            let boxes = fr["boxes"].as_array().unwrap();
            let want = expected(t);
            assert_eq!(
                boxes.len(),
                want.len(),
                "{name} at {t}: {boxes:?} vs {want:?}"
            );
            for (b, (kind, w)) in boxes.iter().zip(want) {
                assert_eq!(b["kind"], kind, "{name} at {t}");
                kinds_seen.insert(kind);
                // Laid out where the JSON box falls on the thumbnail, within a pixel.
                for (k, key) in [("x", "x"), ("y", "y"), ("w", "w"), ("h", "h")] {
                    let at = w[key].as_f64().unwrap() * scale;
                    let got = b[k].as_f64().unwrap();
                    assert!(
                        (got - at).abs() <= 1.0,
                        "{name} at {t}: {kind} {k} {got} vs {at}"
                    );
                }
            }
        }
    }
    assert_eq!(
        kinds_seen.into_iter().collect::<Vec<_>>(),
        ["qr", "subtitle", "text", "watermark"]
    );
    // One failing video card alone (the page's own markup and style), for a person to
    // look at.
    let html = std::fs::read_to_string(&page).unwrap();
    let head = &html[..html.find("<body>").unwrap() + "<body>".len()];
    let card = &html[html.find("<details class=\"card\" id=\"f0\"").unwrap()..];
    let card = &card[..card.find("</details>").unwrap() + "</details>".len()];
    let card_page = dir.join("video-card.html");
    std::fs::write(&card_page, format!("{head}{card}</body></html>")).unwrap();
    screenshot(
        chromium,
        &card_page,
        &dir.join("video-card.png"),
        "1366,1400",
    );
}

/// Writes a screenshot of `page` at `size` to `shot`.
fn screenshot(chromium: &str, page: &Path, shot: &Path, size: &str) {
    let (_, log, requests) = open_page(
        chromium,
        page,
        "",
        &[
            &format!("--window-size={size}"),
            &format!("--screenshot={}", shot.display()),
        ],
    );
    assert!(requests.is_empty(), "{requests:?}");
    assert!(shot.is_file(), "{log}");
}

/// In the browser: each level plot's band, the round-number grid lines it is drawn on,
/// and the marks above the band.
const LEVEL_PROBE: &str = r##"
  return Array.prototype.map.call(document.querySelectorAll(".levels svg"), function (svg) {
    var num = function (e, a) { return parseFloat(e.getAttribute(a)); };
    var band = Array.prototype.filter.call(svg.querySelectorAll("rect"), function (r) {
      return r.getAttribute("fill") === "#2EA043";
    }).map(function (r) { return [num(r, "y"), num(r, "y") + num(r, "height")]; });
    var ticks = Array.prototype.map.call(svg.querySelectorAll("text"), function (t) {
      return [t.textContent.trim(), num(t, "y")];
    });
    return { band: band, ticks: ticks, over: svg.querySelectorAll("rect[fill='#CF222E']").length,
             legend: svg.closest("details").querySelector(".key-band").textContent };
  });
"##;

#[test]
fn the_level_plot_shades_the_profiles_band_and_marks_what_is_above_it() {
    let Some(chromium) = chromium() else { return };
    let dir = out_dir();
    let page = dir.join("levels.html");
    let doc = check_videos(&page);
    let loud = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("audio_loud.mp4"))
        .unwrap();
    assert_eq!(
        loud["level_band"],
        serde_json::json!({"meter": "peak", "min_db": -20.0, "max_db": -6.0})
    );
    let plots = probe(chromium, &page, LEVEL_PROBE);
    let plots = plots.as_array().unwrap();
    assert_eq!(plots.len(), 1, "one file has audio");
    let p = &plots[0];
    assert_eq!(p["legend"], "Allowed band -20 … -6 dBFS");
    // The peak panel's scale from two round-number grid labels (drawn 7 px above their
    // line; the top one, 0, is pushed down into the picture): the band's edges must fall
    // on −6 and −20 on it.
    let tick = |label: &str| {
        p["ticks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t[0] == label)
            .map(|t| t[1].as_f64().unwrap() + 7.0)
            .unwrap()
    };
    let (y10, y30) = (tick("-10"), tick("-30"));
    let y = |db: f64| y10 + (y30 - y10) * (db + 10.0) / -20.0;
    let band = p["band"][0].as_array().unwrap();
    assert!(
        (band[0].as_f64().unwrap() - y(-6.0)).abs() <= 1.0,
        "{band:?} vs {} {p}",
        y(-6.0)
    );
    assert!(
        (band[1].as_f64().unwrap() - y(-20.0)).abs() <= 1.0,
        "{band:?} vs {}",
        y(-20.0)
    );
    // The file peaks at −0.2 and −2.3 dBFS: points above −6 are marked.
    let peaks: Vec<f64> = video_audio_peaks(loud);
    assert!(peaks.iter().all(|&p| p > -6.0), "{peaks:?}");
    assert!(p["over"].as_u64().unwrap() > 0);
}

/// The sample peak of each channel of report `f`, dBFS.
fn video_audio_peaks(f: &Value) -> Vec<f64> {
    let tracks = f["facts"]["container"]["tracks"].as_array().unwrap();
    let audio = &tracks.iter().find(|t| t["kind"] == "audio").unwrap()["audio"]["levels"];
    audio["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["sample_peak_dbfs"].as_f64().unwrap())
        .collect()
}

/// In the browser at 1366×768: whether the page fits the width; the names in table order
/// after Enter on the name column's header (once, then again); which headers cannot be
/// reached with Tab; how many cards are open before and after `beforeprint`; what the
/// print style sheet does.
const USE_PROBE: &str = r##"
  var names = function () {
    return Array.prototype.map.call(document.querySelectorAll("#files tbody tr"), function (r) {
      return r.querySelector("td[data-key=name]").textContent; });
  };
  var th = document.querySelector("#files th[data-key=name]");
  var enter = function () { th.focus(); th.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })); };
  var collated = names().sort(function (a, b) { return a.localeCompare(b, "zh"); });
  enter(); var up = names(); enter(); var down = names();
  var open = function () { return document.querySelectorAll("details.card[open]").length; };
  var before = open();
  window.dispatchEvent(new Event("beforeprint"));
  var print = [];
  Array.prototype.forEach.call(document.styleSheets, function (s) {
    Array.prototype.forEach.call(s.cssRules, function (r) {
      if (r.media && r.media.mediaText === "print") {
        Array.prototype.forEach.call(r.cssRules, function (x) { print.push(x.cssText); });
      }
    });
  });
  return { fits: document.documentElement.scrollWidth <= window.innerWidth, width: document.documentElement.scrollWidth,
           up: up, down: down, collated: collated, focused: document.activeElement === th,
           untabbable: document.querySelectorAll("#files th:not([tabindex='0'])").length,
           cards: document.querySelectorAll("details.card").length, before: before, after: open(), print: print };
"##;

#[test]
fn usable_at_1366_with_the_keyboard_and_in_print() {
    let Some(chromium) = chromium() else { return };
    let dir = out_dir();
    let videos = dir.join("use-videos.html");
    check_videos(&videos);
    let photos = dir.join("use-photos.html");
    std::fs::write(&photos, check("html", "en")).unwrap();
    for page in [&videos, &photos] {
        let u = probe(chromium, page, USE_PROBE);
        let at = page.display();
        assert!(u["fits"] == true, "{at}: {} px wide at 1366", u["width"]);
        let text = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        let (up, down) = (text(&u["up"]), text(&u["down"]));
        // In the browser's Chinese collation, as the page sorts.
        assert_eq!(up, text(&u["collated"]), "{at}: Enter sorts up");
        assert_eq!(
            down,
            up.iter().rev().cloned().collect::<Vec<_>>(),
            "{at}: Enter again sorts down"
        );
        assert!(u["focused"] == true && u["untabbable"] == 0, "{at}: {u}");
        // Printing opens every card (a passed one is closed on screen) and the print
        // sheet hides the filters and sets a 10 pt body.
        assert!(
            u["before"].as_u64() < u["cards"].as_u64() || page == &videos,
            "{at}: {u}"
        );
        assert_eq!(u["after"], u["cards"], "{at}");
        let print = text(&u["print"]).join(" ");
        assert!(
            print.contains(".filters") && print.contains("display: none"),
            "{print}"
        );
        assert!(print.contains("font-size: 10pt"), "{print}");
    }
    // The printed page, for a person to look at: one PDF page or more.
    let pdf = dir.join("photos.pdf");
    let (_, log, requests) = open_page(
        chromium,
        &photos,
        "",
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
    );
    assert!(requests.is_empty(), "{requests:?}");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{e}: {log}"));
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert!(bytes.starts_with(b"%PDF") && pages >= 1, "{pages} pages");
}

/// The entry fixtures (the script that makes them left out).
fn intake_inputs() -> Vec<PathBuf> {
    let dir = root().join("testdata/entries");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|x| x != "py"))
        .collect();
    inputs.sort();
    inputs
}

/// `intake` of the entry fixtures as `format`.
fn intake(format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(["intake", "--lang", "en", "-f", format])
        .args(intake_inputs())
        .env("LANG", "C")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_intake_page_shows_entries_with_masked_forms_and_linked_duplicates() {
    let html = intake("html");
    let doc: Value = serde_json::from_str(&intake("json")).unwrap();
    let entries = doc["entries"].as_array().unwrap();
    for v in ["pass", "warn", "fail"] {
        let shown = html
            .split(&format!("data-count=\"{v}\">"))
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap();
        assert_eq!(shown, doc["summary"][v].to_string(), "{v}");
    }
    assert_eq!(
        html.matches("<details class=\"card entry\"").count(),
        entries.len()
    );
    let works: usize = entries
        .iter()
        .map(|e| e["files"].as_array().unwrap().len())
        .sum();
    assert_eq!(html.matches("<details class=\"card\"").count(), works);
    // Personal data only masked: no ID number or mobile number in the clear.
    let pictures = regex::Regex::new(r"data:image/jpeg;base64,[A-Za-z0-9+/=]*").unwrap();
    let words = pictures.replace_all(&html, "");
    let ids = regex::Regex::new(r"\d{17}[\dXx]|1[3-9]\d{9}").unwrap();
    assert!(ids.find(&words).is_none(), "{:?}", ids.find(&words));
    let masked = entries
        .iter()
        .filter_map(|e| e["facts"]["form_view"]["id_number"].as_str())
        .next()
        .unwrap();
    assert!(masked.contains('*') && html.contains(masked));
    // Every duplicate that names an entry of this run links to its card.
    let links = attributes(&html, "href");
    for id in links
        .iter()
        .filter_map(|h| h.strip_prefix('#'))
        .filter(|h| h.starts_with('e'))
    {
        assert!(
            html.contains(&format!(" id=\"{id}\"")),
            "#{id} goes nowhere"
        );
    }
    assert!(html.contains("<ul class=\"dups\"><li>") && html.contains("— <a href=\"#e"));
    let dir = out_dir();
    // `--html FILE` beside the sheet: the same page.
    let side = dir.join("intake-beside.html");
    let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(["intake", "--lang", "en", "-f", "csv", "--html"])
        .arg(&side)
        .args(intake_inputs())
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("\u{feff}entry,"));
    assert_eq!(std::fs::read_to_string(&side).unwrap(), html);
    let Some(chromium) = chromium() else { return };
    let page = dir.join("intake.html");
    std::fs::write(&page, &html).unwrap();
    let rules: Vec<&str> = doc["summary"]["failing_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    for rule in rules.iter().take(4) {
        let (dom, log) = dump_dom(chromium, &page, &format!("#rule={rule}"));
        assert!(!log.contains(":CONSOLE"), "console output: {log}");
        let has = |e: &Value| {
            let mine = |fs: &Value| fs.as_array().unwrap().iter().any(|f| f["rule"] == *rule);
            mine(&e["findings"])
                || e["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|w| mine(&w["findings"]))
        };
        let want = entries.iter().filter(|e| has(e)).count();
        assert_eq!(shown_rows(&dom).len(), want, "#rule={rule}");
    }
    screenshot(chromium, &page, &dir.join("intake.png"), "1366,768");
}
