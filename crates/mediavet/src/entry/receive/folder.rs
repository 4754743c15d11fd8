//! Folders given as entries, and the private temporary directory members spill into.

use super::{container_of, head_of, Container, Data, Limits, Received};
use crate::finding::Text;
use std::path::{Path, PathBuf};

/// A new private temporary directory (mode 0700 on Unix: tempfile leaves the umask's),
/// named with this process's id; the first one a process makes sweeps away those left
/// by mediavet processes that no longer run (killed for memory, say: no destructor ran).
pub(super) fn private_dir() -> std::io::Result<tempfile::TempDir> {
    static SWEEP: std::sync::Once = std::sync::Once::new();
    SWEEP.call_once(|| sweep_stale(&std::env::temp_dir()));
    let mut b = tempfile::Builder::new();
    let prefix = format!("mediavet-{}-", std::process::id());
    b.prefix(&prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o700));
    }
    b.tempdir()
}

/// Removes `mediavet-PID-…` directories in `tmp` that this user owns and whose process
/// is gone (Linux: no `/proc/PID`; elsewhere nothing is removed).
pub(super) fn sweep_stale(tmp: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("mediavet-"))
            .and_then(|n| n.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let ours = e.metadata().is_ok_and(|m| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                m.is_dir() && m.uid() == current_uid()
            }
            #[cfg(not(unix))]
            {
                m.is_dir()
            }
        });
        if ours && pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// This process's user id, read from the owner of `/proc/self` (no libc call).
#[cfg(unix)]
fn current_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(u32::MAX, |m| m.uid())
}

/// A folder's files, in name order; archives in it are opened (depth 1). Mails and
/// mailboxes in it are entries of their own (their paths returned), as a mail is always
/// one entry.
pub(super) fn folder(r: &mut Received, dir: &Path, limits: &Limits) -> Vec<PathBuf> {
    let mut mails = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    while let Some(e) = walk.next() {
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                let at = err.path().unwrap_or(dir).display().to_string();
                r.problem(
                    &at,
                    "unreadable",
                    Text::new(format!("cannot be read: {err}"), format!("无法读取：{err}")),
                );
                continue;
            }
        };
        let rel = e.path().strip_prefix(dir).map_or_else(
            |_| e.path().display().to_string(),
            |p| p.to_string_lossy().replace('\\', "/"),
        );
        if r.full(&rel, limits) {
            break;
        }
        if e.path_is_symlink() {
            r.problem(
                &rel,
                "unsupported",
                Text::new(
                    "is a symbolic link: it was not followed (copy the file itself into the entry)",
                    "是符号链接，未跟随读取（请将文件本身放入作品）",
                ),
            );
            continue;
        }
        if e.file_type().is_dir() && e.depth() >= MAX_FOLDER_DEPTH {
            r.problem(&rel, "too_deep", Text::new(
                format!("folders nested more than {MAX_FOLDER_DEPTH} deep: what is inside was not opened"),
                format!("文件夹嵌套超过 {MAX_FOLDER_DEPTH} 层，其中内容未打开"),
            ));
            walk.skip_current_dir();
            continue;
        }
        if !e.file_type().is_file() {
            continue;
        }
        let head = head_of(e.path()).unwrap_or_default();
        let name = e.file_name().to_string_lossy().into_owned();
        if matches!(
            container_of(&head, &name, || false),
            Some(Container::Mail | Container::Mbox)
        ) {
            mails.push(e.path().to_path_buf());
            continue;
        }
        let size = e.metadata().map_or(0, |m| m.len());
        r.member_or_container(&rel, Data::File(e.path().to_path_buf()), size, 0, limits);
    }
    mails
}

/// Folders opened below a folder given as an entry.
const MAX_FOLDER_DEPTH: usize = 16;
