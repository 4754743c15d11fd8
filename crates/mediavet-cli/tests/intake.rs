//! `mediavet intake` end to end: one row per entry, the JSON document, masking, exit
//! codes, RAR with no tool to open it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn entries(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/entries")
        .join(name)
        .display()
        .to_string()
}

fn mediavet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .output()
        .expect("mediavet runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn one_csv_row_per_entry_with_personal_data_masked() {
    let o = mediavet(&[
        "intake",
        "--format",
        "csv",
        &entries("good_text.eml"),
        &entries("gbk_photo.eml"),
        &entries("box30.mbox"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = stdout(&o);
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, mediavet::printer::entries::HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 32);
    let col = |row: &csv::StringRecord, name: &str| {
        row[header.iter().position(|h| h == name).expect("a column")].to_string()
    };
    let good = &rows[0];
    assert_eq!(col(good, "entry"), "扶贫征集-自荐-文字类-山路");
    assert_eq!(
        (
            col(good, "category"),
            col(good, "channel"),
            col(good, "author")
        ),
        ("文字类".into(), "自荐".into(), "王秀英".into())
    );
    assert_eq!(
        (col(good, "form_verdict"), col(good, "mail_date")),
        ("pass".into(), "2020-08-10T09:30:00+08:00".into())
    );
    let photo = &rows[1];
    assert_eq!(
        (col(photo, "channel"), col(photo, "recommender")),
        ("推荐".into(), "青山县委宣传部".into())
    );
    assert_eq!(col(photo, "verdict"), "fail");
    assert!(col(photo, "failing_rules").contains("image.resolution"));
    for secret in ["430102198503158315", "15812346157", "wxy@example.com"] {
        assert!(!text.contains(secret), "{secret} in the sheet");
    }
    let masked = mediavet(&[
        "intake",
        "--format",
        "csv",
        "--mask-names",
        &entries("good_text.eml"),
    ]);
    assert!(stdout(&masked).contains(",王**,"), "{}", stdout(&masked));
}

#[test]
fn the_json_document_nests_files_in_entries() {
    let o = mediavet(&["intake", "--format", "json", &entries("usb")]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(doc["summary"]["entries"], 2);
    let e = &doc["entries"][0];
    assert_eq!(e["name"], "扶贫征集-自荐-视频类(微视频)-星城大爱");
    assert_eq!(e["profile"], "micro-video");
    assert_eq!(
        e["files"][0]["path"],
        "扶贫征集-自荐-视频类(微视频)-星城大爱/星城大爱.mp4"
    );
    assert_eq!(e["facts"]["form_view"]["id_number"], "110***********002X");
    assert_eq!(e["facts"]["duplicates"][0]["kind"], "video");
    assert!(
        e["facts"]["form"].is_null(),
        "the unmasked form is never written"
    );
}

#[test]
fn a_rar_with_no_tool_on_path_asks_for_a_zip() {
    let o = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args([
            "intake",
            "--lang",
            "en",
            &entries("neg/扶贫征集-自荐-文字类-压缩.rar"),
        ])
        .env("PATH", "")
        .output()
        .expect("mediavet runs");
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("is a RAR archive and neither 7-Zip nor unrar is installed to open it: send the entry as a ZIP"), "{text}");
}

#[test]
fn usage_errors_exit_2() {
    let o = mediavet(&["intake", "/no/such/mail.eml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no such file or folder"));
    let dir = tempfile::tempdir().expect("a directory");
    let layer = dir.path().join("desk.toml");
    std::fs::write(&layer, "extends = \"text\"\n").expect("written");
    let o = mediavet(&[
        "intake",
        "--config",
        &layer.display().to_string(),
        &entries("good_text.eml"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot say `extends`"));
}
