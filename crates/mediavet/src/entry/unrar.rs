//! RAR archives, unpacked by an external program: there is no maintained pure-Rust RAR
//! reader (the `unrar` crate wraps RARLAB's non-free C++ library), while 7-Zip
//! (`7zz`/`7z`), RARLAB's `unrar` and `unrar-free` are what desks have installed.
//!
//! Bounded twice: the archive is listed first and refused when its declared sizes or
//! member count are over the entry's bounds; then the program extracts into a private
//! directory that is watched while it writes, and the program is killed as soon as
//! what it wrote passes the bounds (a listing can lie) or it runs too long.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The program found to unpack RAR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tool {
    /// 7-Zip (`7zz`, or p7zip's `7z`).
    SevenZip(PathBuf),
    /// RARLAB's `unrar`.
    Unrar(PathBuf),
    /// `unrar-free` (libarchive-based).
    UnrarFree(PathBuf),
}

impl Tool {
    /// The program's path.
    pub fn path(&self) -> &Path {
        match self {
            Tool::SevenZip(p) | Tool::Unrar(p) | Tool::UnrarFree(p) => p,
        }
    }

    /// The first RAR-capable program on PATH: 7-Zip, then RARLAB's unrar, then
    /// unrar-free (Debian installs it as `unrar` too: it is told apart by its usage text).
    /// Found once per process (each candidate is asked what it reads).
    pub fn find() -> Option<Tool> {
        static FOUND: std::sync::OnceLock<Option<Tool>> = std::sync::OnceLock::new();
        FOUND.get_or_init(Tool::search).clone()
    }

    fn search() -> Option<Tool> {
        let path = std::env::var_os("PATH")?;
        let find = |name: &str| {
            std::env::split_paths(&path)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        };
        // Debian's 7-Zip (`7zz`) is built without RAR; p7zip's `7z` may have it: each
        // lists its formats with `i`.
        let reads_rar = |p: &Path| {
            Command::new(p)
                .arg("i")
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("Rar5"))
        };
        for name in ["7zz", "7z"] {
            if let Some(p) = find(name).filter(|p| reads_rar(p)) {
                return Some(Tool::SevenZip(p));
            }
        }
        if let Some(p) = find("unrar") {
            let usage = Command::new(&p)
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default();
            if usage.contains("Roshal") {
                return Some(Tool::Unrar(p));
            }
        }
        find("unrar-free").map(Tool::UnrarFree)
    }

    /// The command that lists `archive` with each member's size, if the program can.
    fn list(&self, archive: &Path) -> Option<Command> {
        let mut c = Command::new(self.path());
        match self {
            Tool::SevenZip(_) => c.args(["l", "-slt", "-p", "-bd", "--"]),
            Tool::Unrar(_) => c.args(["lt", "-p-", "--"]),
            Tool::UnrarFree(_) => c.arg("-t"),
        };
        c.arg(archive);
        Some(c)
    }

    /// The command that extracts `archive` into `dir` without asking anything.
    fn extract(&self, archive: &Path, dir: &Path) -> Command {
        let mut c = Command::new(self.path());
        match self {
            Tool::SevenZip(_) => {
                c.args(["x", "-y", "-p", "-bd"])
                    .arg(format!("-o{}", dir.display()))
                    .arg("--")
                    .arg(archive);
            }
            Tool::Unrar(_) => {
                c.args(["x", "-y", "-p-", "-idq", "-ol-", "--"])
                    .arg(archive)
                    .arg(format!("{}/", dir.display()));
            }
            Tool::UnrarFree(_) => {
                c.args(["-x", "-f"]).arg(archive).arg(dir);
            }
        }
        c
    }
}

/// What one extraction may write.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Bytes in all.
    pub bytes: u64,
    /// Files.
    pub files: usize,
    /// Wall time.
    pub time: Duration,
}

/// Why a RAR archive was not (wholly) unpacked.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Its listing declares more than the bounds.
    Declared {
        /// Bytes declared.
        bytes: u64,
        /// Members declared.
        files: usize,
    },
    /// The program wrote past a bound and was stopped.
    Stopped(String),
    /// The program failed (damaged, encrypted, or a format it cannot read).
    Failed(String),
}

/// The sizes a `7z l -slt` or `unrar lt` listing declares: (bytes, files).
fn declared(listing: &str) -> (u64, usize) {
    let mut bytes = 0u64;
    let mut files = 0usize;
    for line in listing.lines() {
        let line = line.trim();
        let size = line
            .strip_prefix("Size = ")
            .or_else(|| line.strip_prefix("Size: "));
        // unrar-free: a member's line under its name is `SIZE DD-MM-YY HH:MM ATTR`.
        let words: Vec<&str> = line.split_whitespace().collect();
        let free = match words.as_slice() {
            [n, date, _, _] if date.len() == 8 && date.as_bytes()[2] == b'-' => n.parse().ok(),
            _ => None,
        };
        if let Some(n) = size.and_then(|s| s.trim().parse::<u64>().ok()).or(free) {
            bytes = bytes.saturating_add(n);
            files += 1;
        }
    }
    (bytes, files)
}

/// The bytes and files under `dir`.
fn written(dir: &Path) -> (u64, usize) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(b, n), e| {
            (b + e.metadata().map_or(0, |m| m.len()), n + 1)
        })
}

/// Unpacks `archive` into the empty private directory `dir` within `bounds`.
pub fn extract(tool: &Tool, archive: &Path, dir: &Path, bounds: Bounds) -> Result<(), Failure> {
    if let Some(mut list) = tool.list(archive) {
        let out = list
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .map_err(|e| {
                Failure::Failed(format!("{} cannot be run: {e}", tool.path().display()))
            })?;
        let (bytes, files) = declared(&String::from_utf8_lossy(&out.stdout));
        if bytes > bounds.bytes || files > bounds.files {
            return Err(Failure::Declared { bytes, files });
        }
    }
    let mut child = tool
        .extract(archive, dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Failure::Failed(format!("{} cannot be run: {e}", tool.path().display())))?;
    let start = Instant::now();
    let stop = |child: &mut std::process::Child, why: String| {
        let _ = child.kill();
        let _ = child.wait();
        Err(Failure::Stopped(why))
    };
    loop {
        let status = child.try_wait();
        let (bytes, files) = written(dir);
        if bytes > bounds.bytes {
            return stop(
                &mut child,
                format!("it wrote more than {} MiB", bounds.bytes >> 20),
            );
        }
        if files > bounds.files {
            return stop(
                &mut child,
                format!("it wrote more than {} files", bounds.files),
            );
        }
        match status {
            Ok(Some(s)) if s.success() => return Ok(()),
            Ok(Some(s)) => {
                return Err(Failure::Failed(format!(
                    "{} could not unpack it ({s}: damaged, encrypted, or a RAR it cannot read)",
                    tool.path().display()
                )))
            }
            Ok(None) if start.elapsed() > bounds.time => {
                return stop(
                    &mut child,
                    format!("it took more than {} s", bounds.time.as_secs()),
                )
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return stop(&mut child, format!("cannot be watched: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for 7-Zip that lists one small member and then writes 3 MiB.
    #[cfg(unix)]
    fn liar(dir: &Path) -> Tool {
        use std::os::unix::fs::PermissionsExt;
        let script = dir.join("7z");
        std::fs::write(
            &script,
            "#!/bin/sh\ncase $1 in\n l) echo 'Size = 1' ;;\n x) for a; do case $a in -o*) out=${a#-o} ;; esac; done\n    head -c 3145728 /dev/zero > \"$out/a\"; sleep 5 ;;\nesac\n",
        )
        .expect("script");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("mode");
        Tool::SevenZip(script)
    }

    #[cfg(unix)]
    #[test]
    fn a_listing_that_lies_is_caught_while_the_program_writes() {
        let dir = tempfile::tempdir().expect("tmp");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("dir");
        let bounds = Bounds {
            bytes: 1 << 20,
            files: 10,
            time: Duration::from_secs(4),
        };
        let start = Instant::now();
        let got = extract(&liar(dir.path()), Path::new("x.rar"), &out, bounds);
        assert_eq!(
            got,
            Err(Failure::Stopped("it wrote more than 1 MiB".into()))
        );
        assert!(start.elapsed() < Duration::from_secs(3), "stopped at once");
        let declared = Bounds { bytes: 0, ..bounds };
        assert_eq!(
            extract(&liar(dir.path()), Path::new("x.rar"), &out, declared),
            Err(Failure::Declared { bytes: 1, files: 1 })
        );
    }

    #[test]
    fn listings_declare_sizes() {
        let seven = "Path = a.txt\nSize = 6\nPacked Size = 6\n\nPath = b\nSize = 12884901888\n";
        assert_eq!(declared(seven), (12_884_901_894, 2));
        let unrar = "        Name: a.txt\n        Type: File\n        Size: 6\n";
        assert_eq!(declared(unrar), (6, 1));
        let free = " 巨大.bin\n            107374182400 00-00-00 00:00   .....A\n----\n    1       107374182400\n";
        assert_eq!(declared(free), (107_374_182_400, 1));
    }

    /// Each RAR program on this machine unpacks a RAR5 entry and refuses one that
    /// declares 100 GiB (scripts/test.sh installs p7zip and unrar-free).
    #[test]
    fn every_rar_program_here_unpacks_and_refuses() {
        let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/hostile");
        let good = hostile.join("扶贫征集-自荐-文字类-新版.rar");
        let huge = hostile.join("扶贫征集-自荐-文字类-声明巨大.rar");
        let path = std::env::var_os("PATH").unwrap_or_default();
        let on_path = |n: &str| {
            std::env::split_paths(&path)
                .map(|d| d.join(n))
                .find(|p| p.is_file())
        };
        let mut tools = Vec::new();
        tools.extend(on_path("unrar-free").map(Tool::UnrarFree));
        tools.extend(Tool::find().filter(|t| matches!(t, Tool::SevenZip(_))));
        if tools.len() < 2 && std::env::var_os("MEDIAVET_REQUIRE_ORACLES").is_some() {
            panic!("p7zip's 7z and unrar-free are needed: {tools:?}");
        }
        let bounds = Bounds {
            bytes: 1 << 20,
            files: 10,
            time: Duration::from_secs(30),
        };
        for tool in tools {
            let dir = tempfile::tempdir().expect("tmp");
            assert_eq!(
                extract(&tool, &good, dir.path(), bounds),
                Ok(()),
                "{tool:?}"
            );
            assert!(dir.path().join("稿件/故事.txt").is_file(), "{tool:?}");
            let dir = tempfile::tempdir().expect("tmp");
            assert_eq!(
                extract(&tool, &huge, dir.path(), bounds),
                Err(Failure::Declared {
                    bytes: 100 << 30,
                    files: 1
                }),
                "{tool:?}"
            );
        }
    }
}
