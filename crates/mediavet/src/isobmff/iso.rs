//! Walks the top-level boxes of an MP4/QuickTime file without reading media data.
//!
//! Only `ftyp`, `moov` and `moof` bodies are read into memory; `mdat` is seeked
//! over. `moov` is capped at [`MAX_MOOV`], each `moof` at [`MAX_MOOF`].

use super::assemble::{assemble, Walk};
use super::boxes::{fourcc, parse_header, Child, HeaderError};
use super::fragments::add_moof;
use super::moov::parse_moov;
use super::sources::{Sources, Wants};
use crate::facts::{ContainerFacts, Problem};
use std::io::{Read, Seek, SeekFrom};

/// Largest `moov` read; beyond it the file gets a finding, not an allocation.
pub const MAX_MOOV: u64 = 256 << 20;
/// Largest single `moof` read.
pub const MAX_MOOF: u64 = 64 << 20;
/// Most top-level boxes walked (a 3-hour fragmented file has a few thousand).
pub const MAX_TOP_LEVEL_BOXES: u32 = 1_000_000;
const MAX_FTYP: u64 = 64 << 10;

/// Reads an ISO/QuickTime file of `file_size` bytes once: its container facts, and the
/// sources `wants` asks for, taken from the same parse.
pub fn read<R: Read + Seek>(
    r: &mut R,
    file_size: u64,
    problems: &mut Vec<Problem>,
    wants: Wants,
) -> (Option<ContainerFacts>, Sources) {
    let Some(mut w) = walk(r, file_size, problems) else {
        return (None, Sources::default());
    };
    if let Some(moov) = w.moov.as_mut() {
        super::first_frame::read_mp3_headers(r, moov, file_size);
    }
    let sources = super::sources::sources(&w, wants);
    (assemble(w, file_size, problems), sources)
}

/// Reads the top-level boxes; `None` when the file cannot be read at all.
pub fn walk<R: Read + Seek>(
    r: &mut R,
    file_size: u64,
    problems: &mut Vec<Problem>,
) -> Option<Walk> {
    let mut w = Walk::default();
    let mut pos = 0u64;
    let mut boxes = 0u32;
    while pos < file_size {
        boxes += 1;
        if boxes > MAX_TOP_LEVEL_BOXES {
            problems.push(problem(
                false,
                pos,
                format!("stopped after {MAX_TOP_LEVEL_BOXES} top-level boxes"),
                format!("顶层数据盒超过 {MAX_TOP_LEVEL_BOXES} 个，已停止读取"),
            ));
            break;
        }
        let mut head = [0u8; 16];
        let n = (file_size - pos).min(16) as usize;
        if let Err(e) = read_at(r, pos, &mut head[..n]) {
            problems.push(problem(
                true,
                pos,
                format!("read failed: {e}"),
                format!("读取失败：{e}"),
            ));
            return None;
        }
        let header = match parse_header(&head[..n]) {
            Ok(h) => h,
            Err(HeaderError::Short) => {
                problems.push(problem(
                    false,
                    pos,
                    format!("{n} stray bytes at the end of the file"),
                    format!("文件末尾有 {n} 个多余字节"),
                ));
                break;
            }
            Err(HeaderError::BadSize(s)) => {
                let kind = fourcc(&header_kind(&head));
                problems.push(problem(
                    false,
                    pos,
                    format!("top-level box '{kind}' declares an impossible size of {s} bytes; the rest of the file is not read"),
                    format!("顶层数据盒 '{kind}' 声明了不可能的大小 {s} 字节，文件其余部分未读取"),
                ));
                break;
            }
        };
        let size = header.size.unwrap_or(file_size - pos);
        let end = pos.saturating_add(size);
        let truncated = end > file_size;
        match &header.kind {
            b"ftyp" if w.ftyp.is_none() => {
                let len = size.min(MAX_FTYP).min(file_size - pos);
                if let Some(buf) = read_box(r, pos, len, problems) {
                    let mut b = buf.as_slice();
                    w.ftyp = <mp4_atom::Ftyp as mp4_atom::DecodeMaybe>::decode_maybe(&mut b)
                        .ok()
                        .flatten();
                    if w.ftyp.is_none() {
                        problems.push(problem(
                            false,
                            pos,
                            "ftyp box could not be read".into(),
                            "无法读取 ftyp 数据盒".into(),
                        ));
                    }
                }
            }
            b"moov" => {
                if truncated {
                    let have = file_size - pos;
                    let pct = 100.0 * have as f64 / size as f64;
                    problems.push(problem(
                        true,
                        pos,
                        format!("moov box truncated: it declares {size} bytes but the file ends after {have} ({pct:.0}% of it present)"),
                        format!("moov 影片头被截断：声明 {size} 字节，但文件在 {have} 字节后结束（仅存 {pct:.0}%）"),
                    ));
                    break;
                }
                if size > MAX_MOOV {
                    problems.push(problem(
                        true,
                        pos,
                        format!(
                            "moov box is {} MiB, above the {} MiB limit for a movie header",
                            size >> 20,
                            MAX_MOOV >> 20
                        ),
                        format!(
                            "moov 影片头有 {} MiB，超过 {} MiB 的上限",
                            size >> 20,
                            MAX_MOOV >> 20
                        ),
                    ));
                    break;
                }
                if w.moov.is_some() {
                    problems.push(problem(
                        false,
                        pos,
                        "a second moov box is ignored".into(),
                        "忽略了第二个 moov 影片头".into(),
                    ));
                } else if let Some(buf) = read_box(r, pos, size, problems) {
                    let child = child_of(&buf, header.kind, header.header_len, pos);
                    w.moov = Some(parse_moov(&child, problems));
                    w.moov_before_mdat.get_or_insert(true);
                }
            }
            b"moof" => {
                w.fragmented = true;
                if truncated {
                    problems.push(problem(
                        false,
                        pos,
                        "last movie fragment (moof) is cut short; its samples are not counted"
                            .into(),
                        "最后一个影片分段（moof）不完整，其样本未计入".into(),
                    ));
                } else if size > MAX_MOOF {
                    problems.push(problem(
                        false,
                        pos,
                        format!(
                            "movie fragment of {} MiB skipped (limit {} MiB)",
                            size >> 20,
                            MAX_MOOF >> 20
                        ),
                        format!(
                            "跳过了 {} MiB 的影片分段（上限 {} MiB）",
                            size >> 20,
                            MAX_MOOF >> 20
                        ),
                    ));
                } else if let Some(buf) = read_box(r, pos, size, problems) {
                    let child = child_of(&buf, header.kind, header.header_len, pos);
                    let trex = w.moov.as_ref().map(|m| m.trex.clone()).unwrap_or_default();
                    add_moof(&child, &trex, &mut w.fragments, problems);
                }
            }
            b"mdat" => {
                w.moov_before_mdat.get_or_insert(false);
                if truncated {
                    w.mdat_end = Some(end);
                }
            }
            _ => {}
        }
        if truncated {
            if &header.kind != b"mdat" && &header.kind != b"moof" {
                problems.push(problem(
                    false,
                    pos,
                    format!(
                        "box '{}' declares {size} bytes but the file ends {} bytes into it",
                        fourcc(&header.kind),
                        file_size - pos
                    ),
                    format!(
                        "数据盒 '{}' 声明 {size} 字节，但文件在其第 {} 字节处结束",
                        fourcc(&header.kind),
                        file_size - pos
                    ),
                ));
            }
            break;
        }
        pos = end;
    }
    Some(w)
}

fn header_kind(head: &[u8; 16]) -> [u8; 4] {
    [head[4], head[5], head[6], head[7]]
}

fn problem(fatal: bool, offset: u64, en: String, zh: String) -> Problem {
    Problem::new(fatal, Some(offset), en, zh)
}

fn child_of(buf: &[u8], kind: [u8; 4], header_len: u64, offset: u64) -> Child<'_> {
    Child {
        kind,
        whole: buf,
        body: buf.get(header_len as usize..).unwrap_or(&[]),
        offset,
    }
}

fn read_at<R: Read + Seek>(r: &mut R, pos: u64, buf: &mut [u8]) -> std::io::Result<()> {
    r.seek(SeekFrom::Start(pos))?;
    r.read_exact(buf)
}

/// Reads `len` bytes at `pos` (callers have capped `len`).
fn read_box<R: Read + Seek>(
    r: &mut R,
    pos: u64,
    len: u64,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; usize::try_from(len).ok()?];
    match read_at(r, pos, &mut buf) {
        Ok(()) => Some(buf),
        Err(e) => {
            problems.push(problem(
                true,
                pos,
                format!("read failed: {e}"),
                format!("读取失败：{e}"),
            ));
            None
        }
    }
}
