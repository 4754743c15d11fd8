//! Mails and mailboxes: a message's subject, date, body and attachments, each within the
//! mail bounds, and a mailbox split into messages handed on one at a time.

use super::{Data, Limits, Mail, Ratio, Received};
use crate::finding::Text;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

/// The entries of a mailbox on disk.
pub(super) fn mbox(path: &Path, limits: &Limits, sink: &mut dyn FnMut(Received)) {
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
pub(super) fn mbox_reader<R: BufRead>(
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

impl Received {
    pub(super) fn too_large_mail(&mut self, source: &str, n: u64, limits: &Limits) {
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
    pub(super) fn mail(&mut self, bytes: &[u8], prefix: &str, depth: usize, limits: &Limits) {
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
}

/// Mails whose body is at least this many characters carry it as a work (a story typed
/// into the mail); shorter bodies are cover notes.
const BODY_AS_WORK: usize = 300;

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
