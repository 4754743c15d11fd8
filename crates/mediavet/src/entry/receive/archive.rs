//! Archives: ZIP and 7z read in-process, RAR through an external program, each member
//! inflated within the entry's bounds and the archive's ratio, held in memory or spilled
//! to the private directory.

use super::{private_dir, Data, Limits, Received, UnpackProblem};
use crate::finding::Text;
use std::io::{Cursor, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl Received {
    /// A member that could not be unpacked, and why.
    fn cannot_unpack(&mut self, path: &str, e: &dyn std::fmt::Display) {
        self.problem(
            path,
            "unreadable",
            Text::new(format!("cannot be unpacked: {e}"), format!("无法解压：{e}")),
        );
    }

    /// Reads a member's content from `r`, inflating at most what the limits leave and
    /// `ratio_base × max_ratio`; held in memory or spilled to a temporary file.
    /// `None` (with a problem recorded) when it is a bomb or cannot be read.
    pub(super) fn take_member(
        &mut self,
        r: &mut dyn Read,
        path: &str,
        compressed: u64,
        declared: u64,
        limits: &Limits,
        ratio: &mut Ratio,
    ) -> Option<(Data, u64)> {
        let budget = limits.max_inflated.saturating_sub(self.inflated);
        ratio.packed = ratio.packed.saturating_add(compressed);
        let cap = budget.min(ratio.left(limits));
        let mut limited = r.take(cap.saturating_add(1));
        let in_memory = limits
            .in_memory
            .min(limits.memory.saturating_sub(self.held));
        // Held in memory when small and the process-wide pool has room for what it
        // declares; otherwise (or when it turns out larger) spilled to a file.
        let lease = (declared <= in_memory)
            .then(|| crate::budget::HELD.try_take(declared))
            .flatten();
        let result = if let Some(lease) = lease {
            let mut buf = Vec::with_capacity(declared as usize);
            let mut bounded = (&mut limited).take(declared + 1);
            match bounded.read_to_end(&mut buf) {
                Ok(_) if buf.len() as u64 > declared => {
                    drop(lease);
                    // It lied about its size: the rest goes to a file.
                    let mut chain = Cursor::new(buf).chain(&mut limited);
                    self.spill(&mut chain, path).map(|p| {
                        let n = std::fs::metadata(&p).map_or(0, |m| m.len());
                        (Data::Temp(p), n)
                    })
                }
                Ok(n) => {
                    self.leases
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(lease);
                    Some((Data::Memory(buf), n as u64))
                }
                Err(e) => {
                    self.cannot_unpack(path, &e);
                    None
                }
            }
        } else {
            self.spill(&mut limited, path).map(|p| {
                let n = std::fs::metadata(&p).map_or(0, |m| m.len());
                (Data::Temp(p), n)
            })
        };
        let (data, n) = result?;
        self.inflated += n;
        ratio.inflated = ratio.inflated.saturating_add(n);
        if n > cap {
            let detail = if n > budget {
                Text::new(
                    format!(
                        "unpacking stopped: the entry inflates to more than {} MiB",
                        limits.max_inflated >> 20
                    ),
                    format!(
                        "已停止解压：作品解压后超过 {} MiB",
                        limits.max_inflated >> 20
                    ),
                )
            } else {
                let (packed, out) = (ratio.packed, ratio.inflated);
                Text::new(
                    format!("a compression bomb: the archive's first {packed} compressed bytes inflate to more than {out} bytes (ratio over {}, counted over all its members)", limits.max_ratio),
                    format!("压缩炸弹：压缩包前 {packed} 字节压缩数据解压后超过 {out} 字节（按全部成员合计，压缩比超过 {}）", limits.max_ratio),
                )
            };
            self.problem(path, "bomb", detail);
            return None;
        }
        Some((data, n))
    }

    /// Copies `r` into a new file in the entry's private directory.
    pub(super) fn spill(&mut self, r: &mut dyn Read, path: &str) -> Option<PathBuf> {
        let dir = match &self.temp {
            Some(d) => d.clone(),
            None => match private_dir() {
                Ok(d) => {
                    let d = Arc::new(d);
                    self.temp = Some(d.clone());
                    d
                }
                Err(e) => {
                    self.problem(
                        path,
                        "unreadable",
                        Text::new(
                            format!("no temporary directory: {e}"),
                            format!("无法创建临时目录：{e}"),
                        ),
                    );
                    return None;
                }
            },
        };
        let written = tempfile::Builder::new()
            .prefix("member-")
            .tempfile_in(dir.path())
            .and_then(|f| {
                let (mut file, p) = f.keep().map_err(|e| e.error)?;
                std::io::copy(r, &mut file)?;
                file.flush()?;
                Ok(p)
            });
        match written {
            Ok(p) => Some(p),
            Err(e) => {
                self.cannot_unpack(path, &e);
                None
            }
        }
    }

    /// The name of an archive member as given: a `..` or absolute path is zip-slip.
    pub(super) fn member_name(&mut self, raw: &str, prefix: &str) -> String {
        let unsafe_path = raw.starts_with('/')
            || raw.starts_with('\\')
            || raw.split(['/', '\\']).any(|c| c == "..")
            || raw.get(1..3) == Some(":\\");
        let clean: Vec<&str> = raw
            .split(['/', '\\'])
            .filter(|c| !c.is_empty() && *c != "." && *c != "..")
            .collect();
        let path = format!("{prefix}{}", clean.join("/"));
        if unsafe_path {
            self.problem(&format!("{prefix}{raw}"), "zip_slip", Text::new(
                format!("the member's path {raw:?} points outside the archive (zip-slip); it was read as {path:?} without writing anything under its name"),
                format!("成员路径“{raw}”指向压缩包之外（zip-slip）；已按“{path}”读取，未以该路径写入任何文件"),
            ));
        }
        path
    }

    pub(super) fn zip<R: Read + Seek>(
        &mut self,
        r: R,
        prefix: &str,
        depth: usize,
        limits: &Limits,
    ) {
        let container = prefix.trim_end_matches('/').to_string();
        let mut zip = match zip::ZipArchive::new(r) {
            Ok(z) => z,
            Err(e) => {
                self.problem(
                    &container,
                    "unreadable",
                    Text::new(
                        format!("not a readable ZIP archive: {e}"),
                        format!("不是可读的 ZIP 压缩包：{e}"),
                    ),
                );
                return;
            }
        };
        if zip.has_duplicate_names() {
            self.problem(&container, "duplicate_names", Text::new(
                "lists the same member name more than once: only one of each was read, and the archive may show different files to different programs",
                "同一成员名出现多次：每个名称只读取了一个文件，不同软件打开时可能看到不同的文件",
            ));
        }
        if let Some((a, b)) = overlapping(&mut zip) {
            self.problem(&container, "bomb", Text::new(
                format!("could not be unpacked safely: members {a} and {b} share compressed data (overlapping entries, a ZIP-bomb construction): nothing was unpacked"),
                format!("无法安全解压：第 {a} 与第 {b} 个成员共用压缩数据（重叠条目，一种 ZIP 炸弹手法），未解压任何内容"),
            ));
            return;
        }
        let mut ratio = Ratio::default();
        for i in 0..zip.len() {
            if self.full(&format!("{prefix}…"), limits) {
                break;
            }
            let (raw_name, encrypted, is_dir, compressed, declared) = match zip.by_index_raw(i) {
                Ok(f) => (
                    zip_name(
                        f.name_raw(),
                        &f.name().map(|n| n.into_owned()).unwrap_or_default(),
                    ),
                    f.encrypted(),
                    f.is_dir(),
                    f.compressed_size(),
                    f.size(),
                ),
                Err(e) => {
                    self.problem(
                        &container,
                        "unreadable",
                        Text::new(
                            format!("member {i} cannot be read: {e}"),
                            format!("第 {i} 个成员无法读取：{e}"),
                        ),
                    );
                    continue;
                }
            };
            if is_dir {
                continue;
            }
            let path = self.member_name(&raw_name, prefix);
            if encrypted {
                self.problem(
                    &path,
                    "encrypted",
                    Text::new(
                        "is encrypted (password-protected): it cannot be checked",
                        "已加密（设有密码），无法检查",
                    ),
                );
                continue;
            }
            let taken = match zip.by_index(i) {
                Ok(mut f) => {
                    self.take_member(&mut f, &path, compressed, declared, limits, &mut ratio)
                }
                Err(e) => {
                    let kind = if e.to_string().contains("ompression method") {
                        "unsupported"
                    } else {
                        "unreadable"
                    };
                    self.problem(
                        &path,
                        kind,
                        Text::new(format!("cannot be unpacked: {e}"), format!("无法解压：{e}")),
                    );
                    None
                }
            };
            match taken {
                Some((data, n)) => self.member_or_container(&path, data, n, depth, limits),
                // A bomb stops the archive: one finding, not one per member.
                None if self.problems.last().is_some_and(|p| p.kind == "bomb") => break,
                None => {}
            }
        }
    }

    pub(super) fn seven_zip<R: Read + Seek>(
        &mut self,
        r: R,
        prefix: &str,
        depth: usize,
        limits: &Limits,
    ) {
        use sevenz_rust2::{ArchiveReader, Password};
        let container = prefix.trim_end_matches('/').to_string();
        // The decoders' dictionaries are checked against the bound before they are
        // allocated (a 1.8 MB archive may declare a 4 GiB LZMA dictionary), and one
        // thread decodes: LZMA2's threads each buffer a chunk.
        let reader = ArchiveReader::new_with_memory_limit(
            r,
            Password::empty(),
            usize::try_from(SEVEN_ZIP_MEMORY >> 10).unwrap_or(usize::MAX),
        );
        let mut reader = match reader {
            Ok(a) => a,
            Err(e) => {
                let (kind, detail) = seven_zip_error(&e, "not a readable 7z archive");
                self.problem(&container, kind, detail);
                return;
            }
        };
        reader.set_thread_count(1);
        let mut taken: Vec<(String, Data, u64)> = Vec::new();
        let mut pending: Vec<UnpackProblem> = Vec::new();
        let mut overflow = false;
        // 7z compresses members together: the ratio is judged on the whole archive.
        let mut ratio = Ratio {
            packed: reader.archive().pack_sizes().iter().sum(),
            inflated: 0,
        };
        let result = reader.for_each_entries(|entry, rd| {
            if entry.is_directory() {
                return Ok(true);
            }
            if self.members.len() + taken.len() >= limits.max_members {
                overflow = true;
                return Ok(false);
            }
            let path = self.member_name(entry.name(), prefix);
            let got = self.take_member(rd, &path, 0, entry.size(), limits, &mut ratio);
            if let Some((data, n)) = got {
                taken.push((path, data, n));
                Ok(true)
            } else {
                Ok(false)
            }
        });
        if let Err(e) = result {
            let (kind, detail) = seven_zip_error(&e, "cannot be unpacked");
            pending.push(UnpackProblem {
                member: container.clone(),
                kind,
                detail,
            });
        }
        self.problems.extend(pending);
        for (path, data, n) in taken {
            self.member_or_container(&path, data, n, depth, limits);
        }
        if overflow {
            self.say_full(&format!("{prefix}…"), limits);
        }
    }

    /// RAR goes through an external program ([`super::unrar`]) into the private
    /// directory, within what is left of the entry's bounds.
    pub(super) fn rar(&mut self, path: &Path, prefix: &str, depth: usize, limits: &Limits) {
        use crate::entry::unrar::{self, Failure};
        let container = prefix.trim_end_matches('/').to_string();
        let Some(tool) = unrar::Tool::find() else {
            self.problem(&container, "unsupported", Text::new(
                "is a RAR archive and neither 7-Zip nor unrar is installed to open it: send the entry as a ZIP",
                "是 RAR 压缩包，本机未安装 7-Zip 或 unrar，无法打开：请改用 ZIP 格式提交",
            ));
            return;
        };
        let Some(dir) = self.spill_dir(&container) else {
            return;
        };
        let packed = std::fs::metadata(path).map_or(0, |m| m.len());
        let by_ratio = ((packed.max(1) as f64) * limits.max_ratio) as u64;
        let bounds = unrar::Bounds {
            bytes: limits
                .max_inflated
                .saturating_sub(self.inflated)
                .min(by_ratio.max(1 << 20)),
            files: limits.max_members.saturating_sub(self.members.len()),
            time: std::time::Duration::from_secs(120),
        };
        match unrar::extract(&tool, path, &dir, bounds) {
            Ok(()) => {}
            Err(Failure::Declared { bytes, files }) => {
                self.problem(&container, "bomb", Text::new(
                    format!("could not be unpacked safely: it declares {files} files of {} MiB in all, over the {} files and {} MiB left for this entry", bytes >> 20, bounds.files, bounds.bytes >> 20),
                    format!("无法安全解压：声明含 {files} 个文件、共 {} MiB，超过本作品剩余的 {} 个文件、{} MiB", bytes >> 20, bounds.files, bounds.bytes >> 20),
                ));
                return;
            }
            Err(Failure::Stopped(why)) => {
                self.problem(&container, "bomb", Text::new(
                    format!("could not be unpacked safely: {} was stopped ({why}); nothing of it was kept", tool.path().display()),
                    format!("无法安全解压：{} 已被终止（{why}），解出的内容均未保留", tool.path().display()),
                ));
                let _ = std::fs::remove_dir_all(&dir);
                return;
            }
            Err(Failure::Failed(why)) => {
                self.problem(
                    &container,
                    "unreadable",
                    Text::new(why.clone(), format!("无法解压：{why}")),
                );
            }
        }
        let mut found: Vec<(String, PathBuf, u64)> = Vec::new();
        for e in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let rel = e.path().strip_prefix(&dir).map_or_else(
                |_| e.path().display().to_string(),
                |p| p.to_string_lossy().replace('\\', "/"),
            );
            let p = format!("{prefix}{rel}");
            if e.path_is_symlink() {
                self.problem(
                    &p,
                    "unsupported",
                    Text::new(
                        "is a symbolic link inside the archive: it was not followed",
                        "是压缩包内的符号链接，未跟随读取",
                    ),
                );
            } else if e.file_type().is_file() {
                found.push((
                    p,
                    e.path().to_path_buf(),
                    e.metadata().map_or(0, |m| m.len()),
                ));
            }
        }
        for (p, file, size) in found {
            self.inflated += size;
            self.member_or_container(&p, Data::Temp(file), size, depth, limits);
        }
    }

    /// A new sub-directory of the private directory.
    pub(super) fn spill_dir(&mut self, container: &str) -> Option<PathBuf> {
        let p = self.spill(&mut std::io::empty(), container)?;
        let dir = p.with_extension("d");
        match std::fs::create_dir(&dir) {
            Ok(()) => Some(dir),
            Err(e) => {
                self.problem(
                    container,
                    "unreadable",
                    Text::new(
                        format!("no temporary directory: {e}"),
                        format!("无法创建临时目录：{e}"),
                    ),
                );
                None
            }
        }
    }
}

/// The name of a ZIP member: UTF-8 when the archive says so (`name` has it decoded);
/// otherwise UTF-8 when the bytes are valid UTF-8 with non-ASCII characters, else CP936
/// (GBK, as Windows in China writes them) when they decode as such, else the decoder's
/// CP437.
pub(super) fn zip_name(raw: &[u8], decoded: &str) -> String {
    if raw.is_ascii() {
        return decoded.to_string();
    }
    if let Ok(s) = std::str::from_utf8(raw) {
        return s.to_string();
    }
    let (s, had_errors) = encoding_rs::GBK.decode_without_bom_handling(raw);
    if had_errors {
        decoded.to_string()
    } else {
        s.into_owned()
    }
}

/// Two members (by index) whose compressed data overlap: a member's data starts at least
/// 30 bytes (its local header) after its header offset and runs on for its compressed
/// size, so a header inside that span is inside another member's data.
fn overlapping<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Option<(usize, usize)> {
    let mut spans: Vec<(u64, u64, usize)> = (0..zip.len())
        .filter_map(|i| {
            let f = zip.by_index_raw(i).ok()?;
            let start = f.header_start();
            Some((
                start,
                start.saturating_add(30).saturating_add(f.compressed_size()),
                i,
            ))
        })
        .collect();
    spans.sort_unstable();
    spans
        .windows(2)
        .find(|w| w[1].0 < w[0].1)
        .map(|w| (w[0].2.min(w[1].2) + 1, w[0].2.max(w[1].2) + 1))
}

/// What one archive's members have inflated to so far, against what they were packed
/// in: the ratio bound holds for the archive's members together (a thousand members of
/// 15 bytes each inflating to 1 MiB are a bomb though none alone is large).
#[derive(Debug, Default)]
pub(super) struct Ratio {
    packed: u64,
    inflated: u64,
}

impl Ratio {
    /// Small archives may inflate this much whatever their ratio.
    const GRACE: u64 = 1 << 20;

    /// Bytes the next member may still inflate to.
    pub(super) fn left(&self, limits: &Limits) -> u64 {
        let allowed = (self.packed.max(1) as f64 * limits.max_ratio) as u64;
        allowed
            .saturating_add(Self::GRACE)
            .saturating_sub(self.inflated)
    }
}

/// Most memory a 7z decoder may need (LZMA/LZMA2 dictionary, PPMd model): 7-Zip's
/// `-mx9` uses a 64 MiB dictionary.
const SEVEN_ZIP_MEMORY: u64 = 192 << 20;

/// The `entry.archive` kind and text of a 7z error.
fn seven_zip_error(e: &sevenz_rust2::Error, what: &str) -> (&'static str, Text) {
    use sevenz_rust2::Error;
    match e {
        Error::PasswordRequired | Error::MaybeBadPassword(_) => (
            "encrypted",
            Text::new(
                "is encrypted (password-protected): it cannot be checked",
                "已加密（设有密码），无法检查",
            ),
        ),
        Error::MaxMemLimited { actaul_kb, .. } => (
            "too_large",
            Text::new(
                format!(
                    "could not be unpacked safely: decoding it needs {} MiB of memory, over the {} MiB allowed",
                    actaul_kb >> 10,
                    SEVEN_ZIP_MEMORY >> 20
                ),
                format!(
                    "无法安全解压：解码需要 {} MiB 内存，超过允许的 {} MiB",
                    actaul_kb >> 10,
                    SEVEN_ZIP_MEMORY >> 20
                ),
            ),
        ),
        Error::Io(io, _) if io.to_string().contains("dict size") => (
            "too_large",
            Text::new(
                format!("could not be unpacked safely: {io} (its coder declares a dictionary over what may be allocated)"),
                format!("无法安全解压：{io}（压缩参数声明的字典超过允许分配的内存）"),
            ),
        ),
        Error::Io(io, _) => (
            "unreadable",
            Text::new(format!("{what}: {io}"), format!("无法解压：{io}")),
        ),
        e => (
            "unreadable",
            Text::new(format!("{what}: {e}"), format!("无法解压：{e}")),
        ),
    }
}
