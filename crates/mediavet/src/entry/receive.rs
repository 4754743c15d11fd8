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
use std::io::{BufRead, BufReader, Cursor, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// The entries of a mailbox on disk.
fn mbox(path: &Path, limits: &Limits, sink: &mut dyn FnMut(Received)) {
    match std::fs::File::open(path) {
        Ok(f) => mbox_reader(&path.display().to_string(), BufReader::new(f), limits, sink),
        Err(e) => {
            let mut r = Received::new(path.display().to_string(), Vec::new());
            r.problem(
                &r.source.clone(),
                "unreadable",
                Text::new(format!("cannot be read: {e}"), format!("无法读取：{e}")),
            );
            sink(r)
        }
    }
}

/// One entry per message of the mailbox read from `reader`, each unpacked and handed on
/// before the next is read. Split here rather than with mail-parser's iterator, which
/// keeps a whole message, and a whole line, in memory however long: a message over
/// [`Limits::max_mail`] is skipped to the next `From ` line without being kept.
fn mbox_reader<R: BufRead>(
    source: &str,
    mut reader: R,
    limits: &Limits,
    sink: &mut dyn FnMut(Received),
) {
    let mut count = 0usize;
    let mut emit = |message: Vec<u8>, size: u64, sink: &mut dyn FnMut(Received)| {
        count += 1;
        let mut r = Received::new(format!("{source}#{count}"), Vec::new());
        if size > limits.max_mail {
            r.too_large_mail(&r.source.clone(), size, limits);
        } else {
            r.mail(&message, "", 0, limits);
        }
        sink(r);
    };
    let mut current: Option<(Vec<u8>, u64)> = None;
    let mut piece = Vec::new();
    let mut line_start = true;
    loop {
        piece.clear();
        match (&mut reader).take(64 << 10).read_until(b'\n', &mut piece) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                let mut r = Received::new(format!("{source}#{}", count + 1), Vec::new());
                r.problem(
                    source,
                    "unreadable",
                    Text::new(
                        format!("mailbox cannot be read further: {e}"),
                        format!("邮箱文件无法继续读取：{e}"),
                    ),
                );
                sink(r);
                return;
            }
        }
        let starts_line = line_start;
        line_start = piece.ends_with(b"\n");
        if starts_line && piece.starts_with(b"From ") {
            if let Some((m, size)) = current.take() {
                emit(m, size, sink);
            }
            current = Some((Vec::new(), 0));
            continue;
        }
        let Some((message, size)) = current.as_mut() else {
            continue;
        };
        *size += piece.len() as u64;
        if *size > limits.max_mail {
            *message = Vec::new();
            continue;
        }
        // mboxrd: a line `>From ` (any number of `>`) stands for one `>` less.
        let quoted = piece.iter().position(|&b| b != b'>').unwrap_or(0);
        if starts_line && quoted > 0 && piece[quoted..].starts_with(b"From ") {
            message.extend_from_slice(&piece[1..]);
        } else {
            message.extend_from_slice(&piece);
        }
    }
    if let Some((m, size)) = current {
        emit(m, size, sink);
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

    fn too_large_mail(&mut self, source: &str, n: u64, limits: &Limits) {
        self.problem(
            source,
            "too_large",
            Text::new(
                format!(
                    "the mail is {} MiB, over the {} MiB read",
                    n >> 20,
                    limits.max_mail >> 20
                ),
                format!(
                    "邮件大小 {} MiB，超过可读取的 {} MiB",
                    n >> 20,
                    limits.max_mail >> 20
                ),
            ),
        );
    }

    /// Reads a mail: its subject and date (the outermost mail's only), its attachments,
    /// and a body long enough to be a story.
    fn mail(&mut self, bytes: &[u8], prefix: &str, depth: usize, limits: &Limits) {
        use mail_parser::MimeHeaders;
        let at = if prefix.is_empty() {
            self.source.clone()
        } else {
            prefix.trim_end_matches('/').to_string()
        };
        if bytes.len() as u64 > limits.max_mail {
            self.too_large_mail(&at, bytes.len() as u64, limits);
            return;
        }
        // Parsing holds the message, its decoded parts and their copies: about three
        // times its size, taken from the process-wide pool (a mail inside a mail is
        // counted in the outer one's lease).
        let _lease = match MAIL_LEASE.with(|held| held.get()) {
            true => None,
            false => {
                let need = 3 * bytes.len() as u64;
                let Some(lease) = crate::budget::WORK.take(need) else {
                    self.too_large_mail(&at, bytes.len() as u64, limits);
                    return;
                };
                Some(MailLease::new(lease))
            }
        };
        // The parser holds every MIME part at once (a 134 MB mail of 2.3 million parts
        // took gigabytes): parts are counted first, by their boundary lines.
        let parts = boundary_lines(bytes);
        if parts > limits.max_members {
            self.problem(
                &at,
                "too_many",
                Text::new(
                    format!(
                        "the mail has about {parts} MIME parts, more than the {} read: it was not opened",
                        limits.max_members
                    ),
                    format!(
                        "邮件约有 {parts} 个 MIME 部分，超过可读取的 {} 个，未打开",
                        limits.max_members
                    ),
                ),
            );
            return;
        }
        let Some(m) = mail_parser::MessageParser::default().parse(bytes) else {
            self.problem(
                &at,
                "unreadable",
                Text::new("not a readable e-mail", "不是可读的电子邮件"),
            );
            return;
        };
        if self.mail.is_none() {
            let subject = m
                .subject()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty());
            if let Some(s) = &subject {
                self.names.insert(0, ("subject", s.clone()));
            }
            let date = m
                .date()
                .and_then(|d| chrono::DateTime::parse_from_rfc3339(&d.to_rfc3339()).ok());
            self.mail = Some(Mail { subject, date });
        }
        let body: String = m.body_text(0).map(|b| b.into_owned()).unwrap_or_default();
        if body.chars().filter(|c| !c.is_whitespace()).count() >= BODY_AS_WORK {
            let path = format!("{prefix}邮件正文.txt");
            let data = body.into_bytes();
            let size = data.len() as u64;
            self.push(path, Data::Memory(data), size, limits);
        }
        if let Some(boundary) = unclosed_multipart(&m, bytes) {
            let last = m
                .attachments()
                .last()
                .and_then(|p| p.attachment_name().map(str::to_string));
            let what = last.map_or_else(String::new, |n| format!(" ({n})"));
            self.problem(
                &at,
                "truncated",
                Text::new(
                    format!("the mail ends before its multipart body does (no closing --{boundary}--): it was cut off, and its last part{what} may be incomplete"),
                    format!("邮件在多部分正文结束之前中断（缺少结尾 --{boundary}--）：邮件被截断，最后一个部分{what}可能不完整"),
                ),
            );
        }
        for (i, part) in m.attachments().enumerate() {
            if self.full(&format!("{prefix}…"), limits) {
                break;
            }
            if let Some(inner) = part.message() {
                let name = part
                    .attachment_name()
                    .map_or_else(|| format!("message-{}.eml", i + 1), str::to_string);
                let path = format!("{prefix}{name}");
                if depth + 1 > limits.max_depth {
                    self.too_deep(&path, limits);
                } else {
                    self.mail(inner.raw_message(), &format!("{path}/"), depth + 1, limits);
                }
                continue;
            }
            let name = part.attachment_name().map_or_else(
                || format!("attachment-{}", i + 1),
                |n| n.replace(['/', '\\'], "_"),
            );
            let path = format!("{prefix}{name}");
            let contents = part.contents();
            let size = contents.len() as u64;
            let taken = self.take_member(
                &mut Cursor::new(contents),
                &path,
                size,
                size,
                limits,
                &mut Ratio::default(),
            );
            if let Some((data, n)) = taken {
                self.member_or_container(&path, data, n, depth, limits);
            }
        }
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

    /// Reads a member's content from `r`, inflating at most what the limits leave and
    /// `ratio_base × max_ratio`; held in memory or spilled to a temporary file.
    /// `None` (with a problem recorded) when it is a bomb or cannot be read.
    fn take_member(
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
                    self.problem(
                        path,
                        "unreadable",
                        Text::new(format!("cannot be unpacked: {e}"), format!("无法解压：{e}")),
                    );
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
    fn spill(&mut self, r: &mut dyn Read, path: &str) -> Option<PathBuf> {
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
                self.problem(
                    path,
                    "unreadable",
                    Text::new(format!("cannot be unpacked: {e}"), format!("无法解压：{e}")),
                );
                None
            }
        }
    }

    /// The name of an archive member as given: a `..` or absolute path is zip-slip.
    fn member_name(&mut self, raw: &str, prefix: &str) -> String {
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

    fn zip<R: Read + Seek>(&mut self, r: R, prefix: &str, depth: usize, limits: &Limits) {
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

    fn seven_zip<R: Read + Seek>(&mut self, r: R, prefix: &str, depth: usize, limits: &Limits) {
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
    fn rar(&mut self, path: &Path, prefix: &str, depth: usize, limits: &Limits) {
        use super::unrar::{self, Failure};
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
    fn spill_dir(&mut self, container: &str) -> Option<PathBuf> {
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

/// A new private temporary directory (mode 0700 on Unix: tempfile leaves the umask's),
/// named with this process's id; the first one a process makes sweeps away those left
/// by mediavet processes that no longer run (killed for memory, say: no destructor ran).
fn private_dir() -> std::io::Result<tempfile::TempDir> {
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
fn sweep_stale(tmp: &Path) {
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
fn folder(r: &mut Received, dir: &Path, limits: &Limits) -> Vec<PathBuf> {
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

/// Mails whose body is at least this many characters carry it as a work (a story typed
/// into the mail); shorter bodies are cover notes.
const BODY_AS_WORK: usize = 300;

/// The name of a ZIP member: UTF-8 when the archive says so (`name` has it decoded);
/// otherwise UTF-8 when the bytes are valid UTF-8 with non-ASCII characters, else CP936
/// (GBK, as Windows in China writes them) when they decode as such, else the decoder's
/// CP437.
fn zip_name(raw: &[u8], decoded: &str) -> String {
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

thread_local! {
    /// Whether this thread holds a mail's lease of [`crate::budget::WORK`].
    static MAIL_LEASE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A mail's lease, marked on its thread while held.
struct MailLease(#[allow(dead_code)] crate::budget::Lease);

impl MailLease {
    fn new(lease: crate::budget::Lease) -> MailLease {
        MAIL_LEASE.with(|held| held.set(true));
        MailLease(lease)
    }
}

impl Drop for MailLease {
    fn drop(&mut self) {
        MAIL_LEASE.with(|held| held.set(false));
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
struct Ratio {
    packed: u64,
    inflated: u64,
}

impl Ratio {
    /// Small archives may inflate this much whatever their ratio.
    const GRACE: u64 = 1 << 20;

    /// Bytes the next member may still inflate to.
    fn left(&self, limits: &Limits) -> u64 {
        let allowed = (self.packed.max(1) as f64 * limits.max_ratio) as u64;
        allowed
            .saturating_add(Self::GRACE)
            .saturating_sub(self.inflated)
    }
}

/// Lines that start with `--` (MIME boundaries, and a few others): at least as many as
/// the mail has parts.
fn boundary_lines(bytes: &[u8]) -> usize {
    usize::from(bytes.starts_with(b"--")) + bytes.windows(3).filter(|w| w == b"\n--").count()
}

/// The boundary of a multipart (of `m`, or of a part of it) whose closing delimiter
/// `--boundary--` is not in `bytes`: the mail was cut off.
fn unclosed_multipart(m: &mail_parser::Message<'_>, bytes: &[u8]) -> Option<String> {
    use mail_parser::MimeHeaders;
    let closed: std::collections::HashSet<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .filter_map(|l| l.trim_ascii_end().strip_prefix(b"--")?.strip_suffix(b"--"))
        .collect();
    m.parts.iter().find_map(|p| {
        let ct = p.content_type()?;
        if !ct.ctype().eq_ignore_ascii_case("multipart") {
            return None;
        }
        let b = ct.attribute("boundary")?;
        (!closed.contains(b.as_bytes())).then(|| b.to_string())
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
        use zip::write::SimpleFileOptions;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in members {
            w.start_file(*name, options).expect("a member");
            w.write_all(data).expect("written");
        }
        w.finish().expect("finished").into_inner()
    }

    #[test]
    fn large_members_spill_into_a_private_directory_removed_with_the_entry() {
        let limits = Limits {
            in_memory: 1024,
            ..Limits::default()
        };
        let zip = zip_of(&[
            ("big.txt", vec![b'a'; 4096]),
            ("small.txt", b"abc".to_vec()),
        ]);
        let mut got = receive_bytes("e.zip", zip, &limits);
        let r = got.remove(0);
        let spilled = match &r.members[0].data {
            Data::Temp(p) => p.clone(),
            other => panic!("not spilled: {other:?}"),
        };
        assert!(matches!(r.members[1].data, Data::Memory(_)));
        assert_eq!(std::fs::read(&spilled).expect("spilled file").len(), 4096);
        let dir = spilled.parent().expect("its directory").to_path_buf();
        assert!(dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("mediavet-")));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dir)
                .expect("the directory")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        drop(r);
        assert!(!dir.exists(), "the private directory outlived its entry");
        // Small members spill too once the entry holds its budget in memory.
        let tight = Limits {
            memory: 5000,
            ..Limits::default()
        };
        let zip = zip_of(&[("a.txt", vec![b'a'; 4000]), ("b.txt", vec![b'b'; 4000])]);
        let r = receive_bytes("e.zip", zip, &tight).remove(0);
        assert!(matches!(r.members[0].data, Data::Memory(_)));
        assert!(matches!(r.members[1].data, Data::Temp(_)));
    }

    #[test]
    fn bounds_on_inflation_members_and_depth() {
        let zeros = zip_of(&[("zeros.bin", vec![0; 8 << 20])]);
        let r = receive_bytes("bomb.zip", zeros.clone(), &Limits::default()).remove(0);
        assert_eq!(
            r.problems
                .iter()
                .map(|p| (p.member.as_str(), p.kind))
                .collect::<Vec<_>>(),
            [("bomb.zip/zeros.bin", "bomb")]
        );
        assert!(r.members.is_empty());
        let small = Limits {
            max_inflated: 1 << 20,
            max_ratio: 1e9,
            ..Limits::default()
        };
        let r = receive_bytes("big.zip", zeros, &small).remove(0);
        assert!(
            r.problems[0]
                .detail
                .en
                .contains("inflates to more than 1 MiB"),
            "{:?}",
            r.problems
        );
        let three = zip_of(&[("a", vec![1]), ("b", vec![2]), ("c", vec![3])]);
        let two = Limits {
            max_members: 2,
            ..Limits::default()
        };
        let r = receive_bytes("three.zip", three, &two).remove(0);
        assert_eq!(r.members.len(), 2);
        assert_eq!(
            r.problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
            ["too_many"]
        );
        let inner = zip_of(&[("story.txt", b"story".to_vec())]);
        let middle = zip_of(&[("inner.zip", inner)]);
        let outer = zip_of(&[("middle.zip", middle)]);
        let r = receive_bytes(
            "outer.zip",
            outer,
            &Limits {
                max_depth: 1,
                ..Limits::default()
            },
        )
        .remove(0);
        // The archive given is the first level; the one inside it would be the second.
        assert_eq!(
            r.problems
                .iter()
                .map(|p| (p.member.as_str(), p.kind))
                .collect::<Vec<_>>(),
            [("outer.zip/middle.zip", "too_deep")]
        );
        assert_eq!(
            r.members
                .iter()
                .map(|m| m.path.as_str())
                .collect::<Vec<_>>(),
            ["outer.zip/middle.zip"]
        );
    }

    #[test]
    fn gbk_member_names_read_as_chinese() {
        let (gbk, _, _) = encoding_rs::GBK.encode("扶贫征集-自荐-图片类-山路/1.jpg");
        assert_eq!(zip_name(&gbk, "garbled"), "扶贫征集-自荐-图片类-山路/1.jpg");
        assert_eq!(zip_name("报名表.docx".as_bytes(), "x"), "报名表.docx");
        assert_eq!(zip_name(b"a.jpg", "a.jpg"), "a.jpg");
    }

    #[test]
    fn stems() {
        assert_eq!(
            stem_of("a/扶贫征集-自荐-文字类-山路.docx"),
            "扶贫征集-自荐-文字类-山路"
        );
        assert_eq!(
            stem_of("扶贫征集-自荐-文字类-Mr.Li"),
            "扶贫征集-自荐-文字类-Mr"
        );
    }
}
