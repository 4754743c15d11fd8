//! The hostile entries of `testdata/hostile` (made by its `make.py`), all in one
//! `mediavet intake` run beside a good entry, as the desk would receive them: each ends
//! with its finding, the good entry is still reported, and the run holds its bounds —
//! peak memory (the child's own, from `wait4`), wall time, temporary disk (sampled while
//! it runs, in a private `TMPDIR`) and nothing left behind.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The bounds the README's "Hostile input" section states for a run.
const PEAK_MEMORY: u64 = 512 << 20;
const TEMP_DISK: u64 = 8 << 30;
const WALL: Duration = Duration::from_secs(120);

fn testdata(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(dir)
}

/// Bytes of files under `dir`.
fn disk_use(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().map_or(0, |m| m.len()))
        .sum()
}

/// Runs `mediavet ARGS` with `TMPDIR` at `tmp`: (exit code, stdout, peak RSS in bytes,
/// wall time, temporary disk high-water mark).
// The child is reaped by `wait4` (for its rusage), which clippy does not see.
#[allow(clippy::zombie_processes)]
fn run_bounded(args: &[String], tmp: &Path) -> (Option<i32>, Vec<u8>, u64, Duration, u64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(args)
        .env("TMPDIR", tmp)
        .env("LANG", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("mediavet runs");
    let done = Arc::new(AtomicBool::new(false));
    let high = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (done, high, tmp) = (done.clone(), high.clone(), tmp.to_path_buf());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                high.fetch_max(disk_use(&tmp), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(10));
            }
        })
    };
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut out).map(|_| out)
    });
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value to be filled in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with valid pointers to the two outputs.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let wall = start.elapsed();
    done.store(true, Ordering::Relaxed);
    sampler.join().expect("sampler");
    let out = reader.join().expect("reader").expect("stdout");
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // ru_maxrss is in KiB on Linux.
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    (code, out, peak, wall, high.load(Ordering::Relaxed))
}

/// Every finding message of an entry and of its files, and its files' paths.
fn texts(e: &Value) -> String {
    let add = |all: &mut Vec<String>, findings: &Value| {
        for f in findings.as_array().into_iter().flatten() {
            all.push(format!("{}: {}", f["rule"], f["message"]));
        }
    };
    let mut all = Vec::new();
    add(&mut all, &e["findings"]);
    for f in e["files"].as_array().into_iter().flatten() {
        all.push(format!("file {} [{}]", f["path"], f["verdict"]));
        add(&mut all, &f["findings"]);
    }
    all.join("\n")
}

#[test]
fn every_hostile_entry_ends_with_a_finding_and_the_run_goes_on() {
    let dir = testdata("hostile");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/hostile")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("扶贫征集"))
        })
        .collect();
    inputs.sort();
    assert_eq!(inputs.len(), 18, "the cases of make.py");
    inputs.push(testdata("entries").join("good_text.eml"));
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let mut args: Vec<String> = ["intake", "--format", "json", "--jobs", "2"]
        .map(String::from)
        .to_vec();
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let (code, out, peak, wall, temp) = run_bounded(&args, tmp.path());
    eprintln!(
        "hostile set: exit {code:?}, peak {:.1} MiB, {:.1} s, temp high-water {:.1} MiB",
        peak as f64 / 1048576.0,
        wall.as_secs_f64(),
        temp as f64 / 1048576.0
    );
    assert_eq!(code, Some(1), "fails found, no crash");
    assert!(peak <= PEAK_MEMORY, "peak RSS {peak} bytes");
    assert!(wall < WALL, "took {wall:?}");
    assert!(temp <= TEMP_DISK, "temporary disk {temp} bytes");
    assert_eq!(disk_use(tmp.path()), 0, "temporary files left behind");
    let doc: Value = serde_json::from_slice(&out).expect("one JSON document");
    let entries = doc["entries"].as_array().expect("entries");
    let of = |name: &str| -> String {
        let hits: Vec<String> = entries
            .iter()
            .filter(|e| e["source"].as_str().is_some_and(|s| s.contains(name)))
            .map(texts)
            .collect();
        assert!(!hits.is_empty(), "no entry from {name}");
        hits.join("\n")
    };
    let expect = |name: &str, wants: &[&str]| {
        let t = of(name);
        for w in wants {
            assert!(t.contains(w), "{name}: no {w:?} in\n{t}");
        }
    };
    // Spreadsheet forms whose declarations asked for terabytes: read by hand, the
    // story still checked.
    for case in ["共享字符串", "对角单元格"] {
        expect(
            case,
            &["entry.form_missing", "check it by hand", "故事.txt"],
        );
    }
    expect("膨胀表格", &["inflates to more than 64 MiB"]);
    expect("超大字典", &["could not be unpacked safely", "dict"]);
    expect("零字节炸弹", &["a compression bomb"]);
    expect("两万部分", &["MIME parts, more than the 10000 read"]);
    expect(
        "邮件在压缩包里",
        &["the mail is 81 MiB, over the 80 MiB read"],
    );
    expect("截断", &["ends before its multipart body does"]);
    expect("重叠条目", &["share compressed data"]);
    expect("重名", &["same member name more than once"]);
    if mediavet::entry::unrar::Tool::find().is_some() {
        expect("声明巨大", &["it declares 1 files of 102400 MiB"]);
    }
    expect("伪造尺寸", &["2000×128", "ends after 128 of the 1500 rows"]);
    expect("坏文档", &["file.unreadable", "故事.docx"]);
    // RAR4 and RAR5 unpacked: the story is there and checked (scripts/test.sh installs
    // p7zip, whose 7z reads RAR; without a tool, CI fails and a developer is told).
    if mediavet::entry::unrar::Tool::find().is_some() {
        expect("旧版.rar", &["旧版.rar/故事.txt"]);
        expect("新版.rar", &["新版.rar/稿件/故事.txt"]);
    } else {
        assert!(
            std::env::var_os("MEDIAVET_REQUIRE_ORACLES").is_none(),
            "no RAR-reading 7-Zip or unrar on PATH"
        );
        eprintln!("skipped: the RAR cases need a 7-Zip that reads RAR, or unrar");
        expect("旧版.rar", &["neither 7-Zip nor unrar is installed"]);
    }
    // One bomb finding per archive however many members follow it.
    let small = of("小成员炸弹");
    assert_eq!(small.matches("a compression bomb").count(), 1, "{small}");
    // Sixty messages of the mailbox: each its own entry, each with its one bomb.
    let mbox: Vec<&Value> = entries
        .iter()
        .filter(|e| e["source"].as_str().is_some_and(|s| s.contains("六十封")))
        .collect();
    assert_eq!(mbox.len(), 60);
    assert!(mbox
        .iter()
        .all(|e| texts(e).matches("a compression bomb").count() == 1));
    // The good entry beside them is reported as before.
    let good = entries
        .iter()
        .find(|e| {
            e["source"]
                .as_str()
                .is_some_and(|s| s.ends_with("good_text.eml"))
        })
        .expect("the good entry");
    assert_eq!(good["verdict"], "pass", "{}", texts(good));
}

#[test]
fn names_cannot_write_on_the_terminal() {
    let forged = "\\u{1b}[2K\\u{d}\\u{1b}[32;1mPASS";
    let clean = |format: &str, text: &str| {
        for raw in ['\u{1b}', '\u{7}', '\u{0}'] {
            assert!(!text.contains(raw), "{format}: raw {raw:?} in\n{text}");
        }
        assert!(!text.contains("\r\u{1b}"), "{format}: raw CR in\n{text}");
        assert!(text.contains(forged), "{format}: {text}");
    };
    // Member names inside an archive, in intake's listing.
    let zip = testdata("hostile").join("扶贫征集-自荐-文字类-终端注入.zip");
    let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
        .args(["intake", "--format", "human"])
        .arg(&zip)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    clean("intake", &text);
    assert!(text.contains("故事\\u{a}第二行.txt"), "{text}");
    // A file with such a name, as an unzipped entry would be, in every output of check.
    let dir = tempfile::tempdir().expect("tmp");
    let name = dir
        .path()
        .join("说明\u{1b}[2K\r\u{1b}[32;1mPASS\u{1b}[0m  伪造\u{7}.txt");
    std::fs::write(&name, "故事").expect("write");
    for format in ["human", "csv", "junit"] {
        let out = Command::new(env!("CARGO_BIN_EXE_mediavet"))
            .args(["check", "--profile", "text", "--format", format])
            .arg(&name)
            .output()
            .expect("runs");
        clean(format, &String::from_utf8_lossy(&out.stdout));
    }
}
