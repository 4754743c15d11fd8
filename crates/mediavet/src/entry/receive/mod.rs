//! How entries arrive: e-mails (`.eml`), mailboxes (`.mbox`, one entry per message),
//! folders (one entry, or one per sub-folder or archive named as an entry) and archives
//! (`.zip`, `.7z`; `.rar` through an `unrar` or `7z` binary on PATH). Containers inside
//! containers are followed to [`Limits::max_depth`] levels.
//!
//! Everything is bounded: members per entry, bytes inflated per entry (counted on the
//! bytes really inflated, so an archive that lies about its sizes is stopped), the
//! inflation ratio, the size of a mail. Members are held in memory up to
//! [`Limits::in_memory`] each and [`Limits::memory`] in all, and otherwise spill into a
//! private temporary directory (mode
//! 0700, removed when the entry is dropped); nothing is ever written under a member's own
//! name, so a `../` name cannot escape (it is reported as zip-slip).

use super::name;
use crate::finding::Text;
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod archive;
mod folder;
mod mail;

use archive::Ratio;
use folder::{folder, private_dir};
use mail::{mbox, mbox_reader};

/// Bounds on what one entry may unpack to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Containers followed inside containers (a ZIP in a mail is 1, a ZIP in that ZIP 2).
    pub max_depth: usize,
    /// Members per entry.
    pub max_members: usize,
    /// Bytes inflated per entry.
    pub max_inflated: u64,
    /// Inflated ÷ compressed size above which an archive's members (counted together,
    /// past a first 1 MiB) are a bomb.
    pub max_ratio: f64,
    /// Members up to this size are held in memory; larger ones go to a temporary file.
    pub in_memory: u64,
    /// Most bytes of one entry's members held in memory at once; the rest spill too.
    pub memory: u64,
    /// Largest mail read (mail parsing needs the whole message in memory, about three
    /// times over: 80 MiB, where mail services stop at 50 MB and send larger files as
    /// links).
    pub max_mail: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 2,
            max_members: 10_000,
            max_inflated: 8 << 30,
            max_ratio: 200.0,
            in_memory: 64 << 20,
            memory: 256 << 20,
            max_mail: 80 << 20,
        }
    }
}

impl Limits {
    /// The bounds a profile's `[entry]` section sets.
    pub fn from_profile(p: &crate::Profile) -> Limits {
        let base = Limits::default();
        let e = &p.entry;
        Limits {
            max_depth: e.max_depth,
            max_members: e.max_members,
            max_inflated: e
                .max_inflated_gib
                .map_or(base.max_inflated, |g| (g * f64::from(1u32 << 30)) as u64),
            max_ratio: e.max_ratio.unwrap_or(base.max_ratio),
            ..base
        }
    }
}

/// A member's content.
#[derive(Debug)]
pub enum Data {
    /// Held in memory.
    Memory(Vec<u8>),
    /// A file given on the command line or in a given folder (read in place, read-only).
    File(PathBuf),
    /// Spilled into the entry's private temporary directory.
    Temp(PathBuf),
}

/// One file of an entry.
#[derive(Debug)]
pub struct Member {
    /// Where it is within the entry: `作品.zip/图片/1.jpg`.
    pub path: String,
    /// Its content.
    pub data: Data,
    /// Size in bytes.
    pub size: u64,
}

impl Member {
    /// The pipeline's input for this member.
    pub fn with_input<T>(&self, f: impl FnOnce(crate::Input) -> T) -> T {
        let name = Path::new(&self.path);
        match &self.data {
            Data::Memory(bytes) => f(crate::Input::Bytes { name, bytes }),
            Data::File(p) | Data::Temp(p) => f(crate::Input::File(p)),
        }
    }

    /// The whole content, when it is at most `max` bytes.
    pub fn bytes(&self, max: u64) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.data {
            Data::Memory(b) => Ok(std::borrow::Cow::Borrowed(b)),
            Data::File(p) | Data::Temp(p) => {
                if self.size > max {
                    return Err(std::io::Error::other(format!("larger than {max} bytes")));
                }
                std::fs::read(p).map(std::borrow::Cow::Owned)
            }
        }
    }

    /// The file name (last path component).
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }
}

/// What went wrong unpacking, for `entry.archive`.
#[derive(Debug, Clone, PartialEq)]
pub struct UnpackProblem {
    /// The member (or container) concerned.
    pub member: String,
    /// `bomb`, `zip_slip`, `encrypted`, `unsupported`, `too_deep`, `too_many`,
    /// `too_large`, `unreadable`.
    pub kind: &'static str,
    /// What happened.
    pub detail: Text,
}

/// The mail an entry came in.
#[derive(Debug, Clone, PartialEq)]
pub struct Mail {
    /// Subject, decoded.
    pub subject: Option<String>,
    /// The `Date` header, as RFC 3339.
    pub date: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// One entry as received, before it is judged.
#[derive(Debug, Default)]
pub struct Received {
    /// Where it came from: a path, `box.mbox#3` for a message of a mailbox.
    pub source: String,
    /// Candidate entry names with where they came from, best first.
    pub names: Vec<(&'static str, String)>,
    /// The mail, when it came as one.
    pub mail: Option<Mail>,
    /// Its files.
    pub members: Vec<Member>,
    /// What went wrong unpacking.
    pub problems: Vec<UnpackProblem>,
    /// Bytes inflated so far.
    inflated: u64,
    /// Bytes of members held in memory.
    held: u64,
    /// Whether the member bound was reached (and said).
    said_full: bool,
    /// The private directory spilled members live in (shared by entries split from one
    /// input; removed when the last is dropped).
    temp: Option<Arc<tempfile::TempDir>>,
    /// What its members held in memory take from [`crate::budget::HELD`] (shared and
    /// given back like `temp`).
    leases: Arc<std::sync::Mutex<Vec<crate::budget::Lease>>>,
}

/// The kinds of container recognised by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Zip,
    SevenZip,
    Rar,
    Mail,
    Mbox,
}

/// The container `head` (the first bytes) and `name` make, if any. A ZIP that is an
/// Office or OpenDocument package is a document, not an archive.
fn container_of(
    head: &[u8],
    name: &str,
    zip_is_package: impl FnOnce() -> bool,
) -> Option<Container> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return (!zip_is_package()).then_some(Container::Zip);
    }
    if head.starts_with(b"7z\xBC\xAF\x27\x1C") {
        return Some(Container::SevenZip);
    }
    if head.starts_with(b"Rar!\x1A\x07") {
        return Some(Container::Rar);
    }
    if head.starts_with(b"From ") && ext.as_deref() != Some("eml") {
        return Some(Container::Mbox);
    }
    let mail_header = [
        "Received:",
        "Return-Path:",
        "From:",
        "Subject:",
        "MIME-Version:",
        "Date:",
        "To:",
        "Message-ID:",
        "Delivered-To:",
        "X-",
    ];
    let text = String::from_utf8_lossy(&head[..head.len().min(64)]);
    if ext.as_deref() == Some("eml")
        || (mail_header.iter().any(|h| text.starts_with(h))
            && String::from_utf8_lossy(head).contains("\nSubject:"))
    {
        return Some(Container::Mail);
    }
    None
}

/// Whether the ZIP in `r` is an OOXML (`[Content_Types].xml`) or ODF (`mimetype`) package.
fn is_package<R: Read + Seek>(r: R) -> bool {
    zip::ZipArchive::new(r).is_ok_and(|z| {
        z.index_for_name("[Content_Types].xml").is_some() || z.index_for_name("mimetype").is_some()
    })
}

fn head_of(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)?
        .take(4096)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// The entries at `path`: a mail, a mailbox, an archive, a folder, or a single work.
pub fn receive(path: &Path, limits: &Limits) -> Vec<Received> {
    let mut out = Vec::new();
    receive_each(path, limits, &mut |r| out.push(r));
    out
}

/// The entries at `path`, each handed to `sink` as soon as it is unpacked: a mailbox's
/// messages one by one, so that each can be judged and dropped before the next is
/// unpacked (one entry's bounds, not the mailbox's, are what a run holds).
pub fn receive_each(path: &Path, limits: &Limits, sink: &mut dyn FnMut(Received)) {
    let source = path.display().to_string();
    let stem = stem_of(&file_name(path));
    if path.is_dir() {
        let mut r = Received::new(source, vec![("folder", file_name(path))]);
        let mails = folder(&mut r, path, limits);
        if !(r.members.is_empty() && r.problems.is_empty() && !mails.is_empty()) {
            split(r).into_iter().for_each(&mut *sink);
        }
        for mail in mails {
            receive_each(&mail, limits, sink);
        }
        return;
    }
    let head = match head_of(path) {
        Ok(h) => h,
        Err(e) => {
            let mut r = Received::new(source.clone(), vec![("file", stem)]);
            r.problem(
                &source,
                "unreadable",
                Text::new(format!("cannot be read: {e}"), format!("无法读取：{e}")),
            );
            return sink(r);
        }
    };
    let zip_pkg = || std::fs::File::open(path).is_ok_and(|f| is_package(BufReader::new(f)));
    match container_of(&head, &file_name(path), zip_pkg) {
        Some(Container::Mbox) => mbox(path, limits, sink),
        Some(Container::Mail) => {
            let mut r = Received::new(source.clone(), Vec::new());
            match std::fs::metadata(path).map(|m| m.len()) {
                Ok(n) if n > limits.max_mail => r.too_large_mail(&source, n, limits),
                _ => match std::fs::read(path) {
                    Ok(bytes) => r.mail(&bytes, "", 0, limits),
                    Err(e) => r.problem(
                        &source,
                        "unreadable",
                        Text::new(format!("cannot be read: {e}"), format!("无法读取：{e}")),
                    ),
                },
            }
            r.names.push(("file", stem));
            sink(r)
        }
        Some(c) => {
            let mut r = Received::new(source, vec![("archive", stem)]);
            let prefix = format!("{}/", file_name(path));
            r.container_file(c, path, &prefix, 1, limits);
            split(r).into_iter().for_each(sink)
        }
        None => {
            let mut r = Received::new(source, Vec::new());
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            r.members.push(Member {
                path: file_name(path),
                data: Data::File(path.to_path_buf()),
                size,
            });
            sink(r)
        }
    }
}

/// The entry in `bytes` (a mail, an archive, or a single work) named `name`.
pub fn receive_bytes(name: &str, bytes: Vec<u8>, limits: &Limits) -> Vec<Received> {
    let mut out = Vec::new();
    receive_bytes_each(name, bytes, limits, &mut |r| out.push(r));
    out
}

/// The entries in `bytes`, each handed to `sink` as soon as it is unpacked.
pub fn receive_bytes_each(
    name: &str,
    bytes: Vec<u8>,
    limits: &Limits,
    sink: &mut dyn FnMut(Received),
) {
    let stem = stem_of(name);
    let zip_pkg = || is_package(Cursor::new(&bytes));
    match container_of(&bytes[..bytes.len().min(4096)], name, zip_pkg) {
        Some(Container::Mbox) => mbox_reader(name, Cursor::new(bytes), limits, sink),
        Some(Container::Mail) => {
            let mut r = Received::new(name.to_string(), Vec::new());
            if bytes.len() as u64 > limits.max_mail {
                r.too_large_mail(name, bytes.len() as u64, limits);
            } else {
                r.mail(&bytes, "", 0, limits);
            }
            r.names.push(("file", stem));
            sink(r)
        }
        Some(_) => {
            let mut r = Received::new(name.to_string(), vec![("archive", stem)]);
            let size = bytes.len() as u64;
            r.member_or_container(name, Data::Memory(bytes), size, 0, limits);
            split(r).into_iter().for_each(sink)
        }
        None => {
            let mut r = Received::new(name.to_string(), Vec::new());
            let size = bytes.len() as u64;
            r.members.push(Member {
                path: name.to_string(),
                data: Data::Memory(bytes),
                size,
            });
            sink(r)
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A file name without its extension.
pub fn stem_of(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((s, ext)) if !s.is_empty() && ext.len() <= 5 && ext.is_ascii() => s.to_string(),
        _ => base.to_string(),
    }
}

/// The folder (or archive) a member path belongs to at the top: its first component, or
/// its first two when only the second is named as an entry (`usb/扶贫征集-…/a.jpg`).
fn top_of(path: &str) -> String {
    let mut parts = path.split('/');
    let a = parts.next().unwrap_or(path);
    match parts.next() {
        Some(b) if name::looks_like(b) && !name::looks_like(a) => format!("{a}/{b}"),
        _ => a.to_string(),
    }
}

/// Splits an entry whose top-level folders (or archives) carry entry names into one
/// entry each; files outside them stay in the first.
fn split(mut r: Received) -> Vec<Received> {
    let top = |m: &Member| Some(top_of(&m.path));
    let problem_tops = r.problems.iter().map(|p| top_of(&p.member));
    let mut groups: Vec<String> = r
        .members
        .iter()
        .filter(|m| m.path.contains('/'))
        .filter_map(top)
        .chain(problem_tops)
        .filter(|t| name::looks_like(t.rsplit('/').next().unwrap_or(t)))
        .collect();
    groups.sort();
    groups.dedup();
    if groups.len() < 2 {
        if let [only] = groups.as_slice() {
            let last = only.rsplit('/').next().unwrap_or(only);
            r.names.push(("folder", stem_of(last)));
        }
        return vec![r];
    }
    let mut out: Vec<Received> = groups
        .iter()
        .map(|g| {
            let last = g.rsplit('/').next().unwrap_or(g);
            let mut e = Received::new(format!("{}/{g}", r.source), vec![("folder", stem_of(last))]);
            e.temp = r.temp.clone();
            e.leases = r.leases.clone();
            e
        })
        .collect();
    let members = std::mem::take(&mut r.members);
    for m in members {
        let at = top(&m).and_then(|t| groups.iter().position(|g| *g == t));
        match at {
            Some(i) if m.path.contains('/') => out[i].members.push(m),
            _ => r.members.push(m),
        }
    }
    for p in std::mem::take(&mut r.problems) {
        let at = groups
            .iter()
            .position(|g| p.member == *g || p.member.starts_with(&format!("{g}/")));
        match at {
            Some(i) => out[i].problems.push(p),
            None => r.problems.push(p),
        }
    }
    if !r.members.is_empty() || !r.problems.is_empty() {
        out.insert(0, r);
    }
    out
}

impl Received {
    fn new(source: String, names: Vec<(&'static str, String)>) -> Received {
        Received {
            source,
            names,
            ..Received::default()
        }
    }

    fn problem(&mut self, member: &str, kind: &'static str, detail: Text) {
        self.problems.push(UnpackProblem {
            member: member.to_string(),
            kind,
            detail,
        });
    }

    fn too_deep(&mut self, path: &str, limits: &Limits) {
        self.problem(
            path,
            "too_deep",
            Text::new(
                format!(
                    "a container more than {} levels deep was not opened",
                    limits.max_depth
                ),
                format!("嵌套超过 {} 层的压缩包或邮件未打开", limits.max_depth),
            ),
        );
    }

    /// Adds a member, or opens it when it is a container and depth allows.
    fn member_or_container(
        &mut self,
        path: &str,
        data: Data,
        size: u64,
        depth: usize,
        limits: &Limits,
    ) {
        let head: Vec<u8> = match &data {
            Data::Memory(b) => b[..b.len().min(4096)].to_vec(),
            Data::File(p) | Data::Temp(p) => head_of(p).unwrap_or_default(),
        };
        let zip_pkg = || match &data {
            Data::Memory(b) => is_package(Cursor::new(b)),
            Data::File(p) | Data::Temp(p) => {
                std::fs::File::open(p).is_ok_and(|f| is_package(BufReader::new(f)))
            }
        };
        let Some(c) = container_of(&head, path, zip_pkg) else {
            self.push(path.to_string(), data, size, limits);
            return;
        };
        if depth + 1 > limits.max_depth {
            self.too_deep(path, limits);
            self.push(path.to_string(), data, size, limits);
            return;
        }
        let prefix = format!("{path}/");
        match (c, data) {
            (Container::Mail | Container::Mbox, Data::Memory(b)) => {
                self.mail(&b, &prefix, depth + 1, limits)
            }
            (Container::Zip, Data::Memory(b)) => {
                self.zip(Cursor::new(b), &prefix, depth + 1, limits)
            }
            (Container::SevenZip, Data::Memory(b)) => {
                self.seven_zip(Cursor::new(b), &prefix, depth + 1, limits)
            }
            (c, Data::Memory(b)) => {
                // RAR (and mails on disk) go through a file.
                if let Some(p) = self.spill(&mut Cursor::new(b), path) {
                    self.container_file(c, &p, &prefix, depth + 1, limits);
                }
            }
            (c, Data::File(p) | Data::Temp(p)) => {
                self.container_file(c, &p, &prefix, depth + 1, limits)
            }
        }
    }

    /// Opens a container on disk.
    fn container_file(
        &mut self,
        c: Container,
        path: &Path,
        prefix: &str,
        depth: usize,
        limits: &Limits,
    ) {
        let unreadable = |r: &mut Received, e: std::io::Error| {
            r.problem(
                prefix.trim_end_matches('/'),
                "unreadable",
                Text::new(format!("cannot be read: {e}"), format!("无法读取：{e}")),
            )
        };
        match c {
            Container::Zip => match std::fs::File::open(path) {
                Ok(f) => self.zip(BufReader::new(f), prefix, depth, limits),
                Err(e) => unreadable(self, e),
            },
            Container::SevenZip => match std::fs::File::open(path) {
                Ok(f) => self.seven_zip(BufReader::new(f), prefix, depth, limits),
                Err(e) => unreadable(self, e),
            },
            Container::Rar => self.rar(path, prefix, depth, limits),
            Container::Mail | Container::Mbox => match std::fs::metadata(path) {
                Ok(m) if m.len() > limits.max_mail => {
                    self.too_large_mail(prefix.trim_end_matches('/'), m.len(), limits)
                }
                _ => match std::fs::read(path) {
                    Ok(b) => self.mail(&b, prefix, depth, limits),
                    Err(e) => unreadable(self, e),
                },
            },
        }
    }

    /// Keeps a member, unless the entry already has as many as allowed.
    fn push(&mut self, path: String, data: Data, size: u64, limits: &Limits) {
        if self.full(&path, limits) {
            return;
        }
        if let Data::Memory(b) = &data {
            self.held += b.len() as u64;
        }
        self.members.push(Member { path, data, size });
    }

    /// Whether the entry has as many members as allowed; the first time, says so (one
    /// finding, however many more there are).
    fn full(&mut self, path: &str, limits: &Limits) -> bool {
        if self.members.len() < limits.max_members {
            return false;
        }
        self.say_full(path, limits);
        true
    }

    /// Says, once, that the member bound was reached.
    fn say_full(&mut self, path: &str, limits: &Limits) {
        if !self.said_full {
            self.said_full = true;
            self.problem(
                path,
                "too_many",
                Text::new(
                    format!(
                        "more than {} files: the rest were not opened",
                        limits.max_members
                    ),
                    format!("文件超过 {} 个，其余未打开", limits.max_members),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests;
