//! ISO box headers and a bounded walk over the children of a box body.
//!
//! Written here rather than taken from `mp4_atom::Header` because the checker
//! must know each header's length and absolute offset to say *where* a file is
//! damaged, and must keep walking siblings after a malformed one; mp4-atom's
//! decoders (used for the full-box leaves) stop the whole parent at the first error:
//! decoding whole `moov`s with mp4-atom 0.17 rejected 6 corpus files that ffprobe
//! reads. The `mp4` crate (0.14) was measured too and rejected 22 of 77 corpus and
//! fixture files, ffmpeg's own QuickTime output among them ("mp4a box contains a box
//! with a larger size than it").

use crate::facts::Problem;

/// Header of one box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxHeader {
    /// Four-character type.
    pub kind: [u8; 4],
    /// 8, or 16 with a 64-bit size.
    pub header_len: u64,
    /// Total size including the header; `None` means "to the end of the enclosing space".
    pub size: Option<u64>,
}

/// Why a header could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderError {
    /// Fewer bytes left than a header needs.
    Short,
    /// A size smaller than the header itself.
    BadSize(u64),
}

/// Parses a header from the start of `buf` (needs 8 bytes, 16 for a 64-bit size).
pub fn parse_header(buf: &[u8]) -> Result<BoxHeader, HeaderError> {
    let word = |r: std::ops::Range<usize>| buf.get(r).ok_or(HeaderError::Short);
    let size32 = u32::from_be_bytes(word(0..4)?.try_into().map_err(|_| HeaderError::Short)?);
    let kind: [u8; 4] = word(4..8)?.try_into().map_err(|_| HeaderError::Short)?;
    let (header_len, size) = match size32 {
        0 => (8, None),
        1 => {
            let large =
                u64::from_be_bytes(word(8..16)?.try_into().map_err(|_| HeaderError::Short)?);
            (16, Some(large))
        }
        n => (8, Some(u64::from(n))),
    };
    match size {
        Some(s) if s < header_len => Err(HeaderError::BadSize(s)),
        _ => Ok(BoxHeader {
            kind,
            header_len,
            size,
        }),
    }
}

/// Printable form of a four-character code (`©day` for 0xA9, `\x00` escapes otherwise).
pub fn fourcc(kind: &[u8; 4]) -> String {
    kind.iter()
        .map(|&b| match b {
            0xA9 => "©".to_string(),
            0x20..=0x7E => (b as char).to_string(),
            _ => format!("\\x{b:02x}"),
        })
        .collect()
}

/// One child box inside a parent's body.
#[derive(Debug, Clone, Copy)]
pub struct Child<'a> {
    /// Four-character type.
    pub kind: [u8; 4],
    /// The whole box, header included (what mp4-atom's decoders take).
    pub whole: &'a [u8],
    /// The body after the header.
    pub body: &'a [u8],
    /// Absolute file offset of the box's first byte.
    pub offset: u64,
}

impl<'a> Child<'a> {
    /// Absolute file offset of the body.
    pub fn body_offset(&self) -> u64 {
        self.offset + self.whole.len().saturating_sub(self.body.len()) as u64
    }

    /// The boxes inside this box's body; a malformed one ends the list and is recorded.
    pub fn kids(&self, problems: &mut Vec<Problem>) -> Vec<Child<'a>> {
        collect(self.body, self.body_offset(), self.kind, problems)
    }
}

/// The boxes in `data` (at absolute offset `base`, inside `parent`); a malformed one
/// ends the list and is recorded in `problems`.
pub fn collect<'a>(
    data: &'a [u8],
    base: u64,
    parent: [u8; 4],
    problems: &mut Vec<Problem>,
) -> Vec<Child<'a>> {
    let mut out = Vec::new();
    for child in children(data, base, parent) {
        match child {
            Ok(c) => out.push(c),
            Err(p) => problems.push(p),
        }
    }
    out
}

/// Walks the children of a body; stops with a [`Problem`] at the first malformed header.
pub struct Children<'a> {
    data: &'a [u8],
    pos: usize,
    base: u64,
    parent: [u8; 4],
}

/// Children of `data`, which starts at absolute offset `base` inside box `parent`.
pub fn children(data: &[u8], base: u64, parent: [u8; 4]) -> Children<'_> {
    Children {
        data,
        pos: 0,
        base,
        parent,
    }
}

impl<'a> Iterator for Children<'a> {
    type Item = Result<Child<'a>, Problem>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.data.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let offset = self.base + self.pos as u64;
        let fail = |this: &mut Self, en: String, zh: String| {
            this.pos = this.data.len();
            Some(Err(Problem::new(false, Some(offset), en, zh)))
        };
        // Some writers pad a container with up to 7 zero bytes (or a 32-bit zero terminator).
        if rest.len() < 8 && rest.iter().all(|&b| b == 0) {
            self.pos = self.data.len();
            return None;
        }
        let header = match parse_header(rest) {
            Ok(h) => h,
            Err(HeaderError::Short) => {
                let n = rest.len();
                let parent = fourcc(&self.parent);
                return fail(
                    self,
                    format!("{n} stray bytes at the end of '{parent}'"),
                    format!("'{parent}' 末尾有 {n} 个多余字节"),
                );
            }
            Err(HeaderError::BadSize(s)) => {
                let parent = fourcc(&self.parent);
                return fail(
                    self,
                    format!("box inside '{parent}' declares an impossible size of {s} bytes"),
                    format!("'{parent}' 内的数据盒声明了不可能的大小 {s} 字节"),
                );
            }
        };
        let size = header.size.unwrap_or(rest.len() as u64);
        if size > rest.len() as u64 {
            let kind = fourcc(&header.kind);
            let have = rest.len();
            let parent = fourcc(&self.parent);
            return fail(
                self,
                format!(
                    "box '{kind}' declares {size} bytes but only {have} remain inside '{parent}'"
                ),
                format!("数据盒 '{kind}' 声明 {size} 字节，但 '{parent}' 内只剩 {have} 字节"),
            );
        }
        // size ≤ rest.len(), so it fits in usize.
        let size = size as usize;
        let whole = &rest[..size];
        let body = &whole[header.header_len as usize..];
        self.pos += size;
        Some(Ok(Child {
            kind: header.kind,
            whole,
            body,
            offset,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_32_and_64_bit_sizes() {
        let h = parse_header(b"\0\0\0\x10moov").unwrap();
        assert_eq!((h.kind, h.header_len, h.size), (*b"moov", 8, Some(16)));
        let h = parse_header(b"\0\0\0\x01mdat\0\0\0\0\0\0\0\x20").unwrap();
        assert_eq!((h.header_len, h.size), (16, Some(32)));
        assert_eq!(
            parse_header(b"\0\0\0\x04free"),
            Err(HeaderError::BadSize(4))
        );
        assert_eq!(parse_header(b"\0\0\0"), Err(HeaderError::Short));
    }

    #[test]
    fn stops_at_an_overlong_child() {
        let data = b"\0\0\0\x08free\0\0\0\xffmdat";
        let items: Vec<_> = children(data, 100, *b"moov").collect();
        assert!(items[0].is_ok());
        let problem = items[1].as_ref().unwrap_err();
        assert_eq!(problem.offset, Some(108));
        assert_eq!(items.len(), 2);
    }
}
