//! The `mediavet` binary end to end: formats, languages, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/video")
        .join(name)
}

fn mediavet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// micro-video without the OCR text search, for the tests that check the whole fixture
/// folder (testdata/profiles/no-text.toml says why).
fn no_text() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/profiles/no-text.toml")
        .display()
        .to_string()
}

#[test]
fn exit_codes() {
    assert_eq!(
        mediavet(&["check", &path("pass_1080p_18m.mp4")])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        mediavet(&["check", &path("declared_15m.mp4")])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        mediavet(&["check", &path("truncated_half.mp4")])
            .status
            .code(),
        Some(1)
    );
    let missing = mediavet(&["check", "/no/such/file.mp4"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.mp4"));
    assert_eq!(
        mediavet(&["check", "--format", "xml", &path("pass_1080p_18m.mp4")])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        mediavet(&["check", "--profile", "nope", &path("pass_1080p_18m.mp4")])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn human_report_puts_errors_first_with_measured_and_expected() {
    let o = mediavet(&["check", "--lang", "en", &path("declared_15m.mp4")]);
    let text = stdout(&o);
    assert!(text.starts_with("FAIL  "), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[1].contains("error") && lines[1].contains("video.bitrate"),
        "{text}"
    );
    assert!(
        lines[1].contains("measured 14.66 Mb/s") && lines[1].contains("expected ≥ 15.00 Mb/s"),
        "{text}"
    );
    assert!(text.contains("fix: "), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    assert!(
        text.trim_end().ends_with(
            "1 files: 0 pass, 0 warn, 1 fail, 0 unreadable\nMost frequent failing rules: video.bitrate (1 file)"
        ),
        "{text}"
    );
}

#[test]
fn chinese_messages() {
    let text = stdout(&mediavet(&[
        "check",
        "--lang",
        "zh",
        &path("portrait_rotated.mp4"),
    ]));
    assert!(text.contains("视频为竖屏 1080×1920"), "{text}");
    assert!(text.contains("修改建议"), "{text}");
    let text = stdout(
        &Command::new(env!("CARGO_BIN_EXE_mediavet"))
            .args(["check", &path("hd720.mp4")])
            .env("LANG", "zh_CN.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .unwrap(),
    );
    assert!(
        text.contains("视频显示分辨率为 1280×720"),
        "LANG=zh_CN picks Chinese: {text}"
    );
}

#[test]
fn json_report_follows_the_schema() {
    let o = mediavet(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        &path("declared_15m.mp4"),
        &path("pass_1080p_18m.mp4"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["profile"], "micro-video");
    let f = &v["files"][0];
    assert_eq!(f["verdict"], "fail");
    assert_eq!(f["kind"], "mp4");
    assert_eq!(f["findings"][0]["rule"], "video.bitrate");
    assert_eq!(f["findings"][0]["severity"], "error");
    assert_eq!(f["findings"][0]["measured"]["value"], 14_656_452.0);
    assert_eq!(f["findings"][0]["expected"]["value"], 15_000_000.0);
    assert!(f["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("14.66"));
    assert!(f["findings"][0]["hint"]
        .as_str()
        .unwrap()
        .contains("ffmpeg"));
    assert_eq!(
        f["facts"]["container"]["tracks"][0]["bitrate"],
        14_656_452.0
    );
    assert_eq!(v["files"][1]["verdict"], "pass");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["fail"], 1);
}

#[test]
fn junit_has_a_case_per_file_and_rule() {
    let o = mediavet(&[
        "check",
        "--format",
        "junit",
        &path("declared_15m.mp4"),
        &path("pass_1080p_18m.mp4"),
    ]);
    let xml = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    // 21 rules apply under micro-video (3 of them on subtitles, 1 on on-screen text), for
    // each of 2 files.
    assert_eq!(xml.matches("<testcase ").count(), 42, "{xml}");
    assert_eq!(xml.matches("<failure").count(), 1, "{xml}");
    assert!(xml.contains("name=\"video.bitrate\""));
}

#[test]
fn directories_are_walked_in_path_order() {
    let o = mediavet(&[
        "check",
        "--profile",
        &no_text(),
        "--format",
        "json",
        fixture("").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), std::fs::read_dir(fixture("")).unwrap().count());
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn invalid_profile_names_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.toml");
    std::fs::write(
        &p,
        "extends = \"micro-video\"\n\n[video]\nmin_bitrate_mbps = \"fast\"\n",
    )
    .unwrap();
    let o = mediavet(&[
        "check",
        "--profile",
        p.to_str().unwrap(),
        &path("pass_1080p_18m.mp4"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 4"), "{err}");

    let good = dir.path().join("lenient.toml");
    std::fs::write(
        &good,
        "extends = \"micro-video\"\nname = \"lenient\"\n[video]\nmin_bitrate_mbps = 14\n",
    )
    .unwrap();
    let o = mediavet(&[
        "check",
        "--profile",
        good.to_str().unwrap(),
        &path("declared_15m.mp4"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn rules_and_explain() {
    let text = stdout(&mediavet(&["rules"]));
    for id in [
        "file.kind",
        "file.unreadable",
        "container.format",
        "video.resolution",
        "video.bitrate",
        "video.duration",
        "video.codec",
        "media.date",
        "track.missing",
    ] {
        assert!(text.contains(id), "{id} missing from:\n{text}");
    }
    let film = stdout(&mediavet(&["rules", "--profile", "micro-film-5"]));
    assert!(
        film.lines()
            .any(|l| l.starts_with("video.bitrate") && l.contains("n/a")),
        "{film}"
    );
    let doc = stdout(&mediavet(&["explain", "video.bitrate"]));
    assert!(
        doc.starts_with("video.bitrate — ") && doc.contains("Fix:"),
        "{doc}"
    );
    assert_eq!(mediavet(&["explain", "video.nope"]).status.code(), Some(2));
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_status_the_run_had() {
    use std::io::Read;
    use std::process::Stdio;
    let folder = fixture("");
    let profile = no_text();
    let args = [
        "check",
        "--profile",
        &profile,
        "--format",
        "json",
        folder.to_str().unwrap(),
    ];
    let full = mediavet(&args);
    // More than a pipe holds, so the writer meets the closed end.
    assert!(full.stdout.len() > 256 << 10, "{}", full.stdout.len());
    let mut child = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(args)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The reader (like `head`) has gone; the fixtures include failing files.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), full.status.code());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn probe_reports_a_missing_file_and_goes_on() {
    let missing = fixture("no_such_file.mp4");
    let o = mediavet(&["probe", missing.to_str().unwrap(), &path("hd720.mp4")]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert!(files[0]["error"].as_str().unwrap().contains("No such file"));
    assert_eq!(files[1]["container"]["format"], "mp4");
    let o = mediavet(&["probe", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn probe_prints_versioned_facts() {
    let o = mediavet(&["probe", &path("hevc_hvc1.mp4")]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["files"][0]["container"]["tracks"][0]["codec"], "hvc1");
    assert_eq!(
        v["files"][0]["container"]["tracks"][1]["audio"]["channels"],
        2
    );
}

#[test]
fn inputs_are_never_modified() {
    let file = fixture("fragmented.mp4");
    let before = (
        std::fs::read(&file).unwrap(),
        std::fs::metadata(&file).unwrap().modified().unwrap(),
    );
    // fragmented.mp4 is a cheap 1080p encode: it fails the bitrate rule.
    assert_eq!(
        mediavet(&["check", file.to_str().unwrap()]).status.code(),
        Some(1)
    );
    assert_eq!(
        mediavet(&["probe", file.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let after = (
        std::fs::read(&file).unwrap(),
        std::fs::metadata(&file).unwrap().modified().unwrap(),
    );
    assert!(before == after);
}

/// The failing-rule summary of the fixture folder, computed by the library itself.
fn library_failing_rules() -> Vec<(&'static str, usize)> {
    let mut files: Vec<_> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let profile = mediavet::Profile::load(&no_text()).unwrap();
    let reports: Vec<_> = files
        .iter()
        .map(|f| mediavet::check_path(f, &profile))
        .collect();
    mediavet::failing_rules(&reports)
}

#[test]
fn parallel_batches_are_deterministic() {
    let dir = fixture("");
    let run = |jobs: &str| {
        stdout(&mediavet(&[
            "check",
            "--profile",
            &no_text(),
            "--format",
            "json",
            "--jobs",
            jobs,
            dir.to_str().unwrap(),
        ]))
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("8"));
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    let (rule, files) = library_failing_rules()[0];
    let top = &v["summary"]["failing_rules"][0];
    assert_eq!(
        (top["rule"].as_str(), top["files"].as_u64()),
        (Some(rule), Some(files as u64))
    );
}

#[test]
fn human_summary_names_the_most_frequent_failures() {
    let text = stdout(&mediavet(&[
        "check",
        "--profile",
        &no_text(),
        "--lang",
        "en",
        fixture("").to_str().unwrap(),
    ]));
    let last = text.lines().last().unwrap();
    let top: Vec<String> = library_failing_rules()
        .iter()
        .take(5)
        .map(|(r, n)| format!("{r} ({n} file{})", if *n == 1 { "" } else { "s" }))
        .collect();
    assert_eq!(
        last,
        format!("Most frequent failing rules: {}", top.join(", "))
    );
    assert!(
        last.starts_with("Most frequent failing rules: video.bitrate ("),
        "{last}"
    );
}

#[test]
fn csv_triage_sheet_opens_in_excel() {
    let o = mediavet(&[
        "check",
        "--profile",
        &no_text(),
        "--format",
        "csv",
        "--lang",
        "zh",
        fixture("").to_str().unwrap(),
    ]);
    let text = stdout(&o);
    assert!(
        text.starts_with('\u{feff}'),
        "UTF-8 byte-order mark for Excel/WPS"
    );
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "path,kind,profile,verdict,errors,warnings,container,resolution,video_bitrate_mbps,duration_s,audio_channels,created,first_problem");
    assert_eq!(
        lines.len() - 1,
        std::fs::read_dir(fixture("")).unwrap().count()
    );
    let declared = lines
        .iter()
        .find(|l| l.contains("declared_15m.mp4"))
        .unwrap();
    assert!(
        declared.contains(",fail,video.bitrate,,mp4,1920x1080,14.656,2.000,2,2019-06-01,"),
        "{declared}"
    );
    assert!(declared.contains("视频实测码率 14.66 Mb/s"), "{declared}");
}

#[test]
fn debug_frames_and_probe_frames() {
    let dir = std::env::temp_dir().join(format!("mediavet-debug-{}", std::process::id()));
    let o = mediavet(&[
        "check",
        "--lang",
        "en",
        "--debug-frames",
        dir.to_str().unwrap(),
        &path("frames_logo.mp4"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("video.watermark"), "{}", stdout(&o));
    let written = std::fs::read_dir(dir.join("frames_logo.mp4"))
        .unwrap()
        .count();
    assert_eq!(written, 25, "24 frames and the persistence map");
    std::fs::remove_dir_all(&dir).unwrap();

    let o = mediavet(&["probe", "--frames", &path("frames_qr.mp4")]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let frames = &doc["files"][0]["container"]["tracks"][0]["video"]["frames"];
    assert_eq!(frames["decoder"], "openh264");
    assert_eq!(
        frames["qr_codes"][0]["content"],
        "https://shop.example.com/promo?id=38291047"
    );
    assert!(frames["qr_codes"][0]["box"]["w"].as_u64().unwrap() > 80);
}

#[test]
fn a_folder_of_photos_is_checked_as_a_group() {
    let group = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/photo/group");
    let dir = group.display().to_string();
    let out = mediavet(&["check", "--profile", "photo", &dir]);
    let text = stdout(&out);
    // The sidecar caption file is read as IMG_0103.jpg's caption, not checked as an entry.
    assert!(!text.contains("IMG_0103.txt  ["), "{text}");
    let group_line = text.lines().find(|l| l.starts_with("GROUP")).unwrap();
    assert!(group_line.contains("a group of 5 photos"), "{group_line}");
    assert!(
        group_line.contains("captions read from 1 .txt file(s)"),
        "{group_line}"
    );
    assert!(
        group_line.contains(
            "老屋-前.jpg → 老屋-后.jpg (by name), IMG_0101.jpg → IMG_0102.jpg (by caption)"
        ),
        "{group_line}"
    );
    assert!(text.contains("5 files:"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&mediavet(&[
        "check",
        "--profile",
        "photo",
        "--format",
        "json",
        &dir,
    ])))
    .unwrap();
    let g = &json["groups"][0];
    assert_eq!(g["photos"], 5);
    assert_eq!(g["pairs"][0]["marked_by"], "name");
    assert_eq!(g["pairs"][1]["before"], "IMG_0101.jpg");
    assert!(g["caption_files"][0]
        .as_str()
        .unwrap()
        .ends_with("IMG_0103.txt"));
    // A lone photo is a single entry, not a group.
    let sharp = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/photo/sharp.jpg");
    let text = stdout(&mediavet(&[
        "check",
        "--profile",
        "photo",
        &sharp.display().to_string(),
    ]));
    assert!(!text.contains("GROUP"), "{text}");
    // Other profiles check .txt files as entries like any other file, and have no groups.
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&mediavet(&["check", "--format", "json", &dir]))).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 6);
    assert!(json.get("groups").is_none());
}

#[test]
fn subtitle_sidecars_are_checked_with_their_video_not_twice() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/subtitle/sidecar");
    let o = mediavet(&[
        "check",
        "--profile",
        "micro-film-5",
        "--format",
        "json",
        &dir.display().to_string(),
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{doc}");
    let rules: Vec<&str> = files[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"subtitle.script"), "{rules:?}");
}

#[test]
fn author_details_are_given_on_the_command_line() {
    let doc =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/text/author_in_body.docx");
    let o = mediavet(&[
        "check",
        "--profile",
        "text",
        "--author-name",
        "王秀英",
        &doc.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("paragraph 3: the author's name \"王**\""),
        "{}",
        stdout(&o)
    );
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn the_binary_packs_its_relative_relocations() {
    // build.rs asks the linker for DT_RELR: ~1.9 MB of `.rela.dyn` fewer read at each start.
    // readelf comes with binutils, whose ld linked the binary.
    let o = Command::new("readelf")
        .args([
            "--section-headers",
            "--wide",
            env!("CARGO_BIN_EXE_mediavet"),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains(".relr.dyn"), "{}", stdout(&o));
}
