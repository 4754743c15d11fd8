//! The HTML report (`check --format html`): self-contained (a content security policy
//! that forbids fetching, nothing linked), its numbers equal to the JSON summary, and —
//! opened in headless Chromium — its filters show exactly the files they should, with no
//! console errors. Screenshots of the overview are written to target/html-report for a
//! person to look at (not committed).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
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

/// Chromium's DOM of `page` after its script ran, and what it logged.
fn dump_dom(chromium: &str, page: &Path, fragment: &str) -> (String, String) {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            // Nothing may be fetched: every host resolves nowhere.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("file://{}{fragment}", page.display()))
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
    let dir = root().join("target/html-report");
    std::fs::create_dir_all(&dir).unwrap();
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
    let dir = root().join("target/html-report");
    std::fs::create_dir_all(&dir).unwrap();
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
