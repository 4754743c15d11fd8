//! What is inspected: a file on disk or bytes in memory with the name they came under.

use std::io::{Read, Seek};
use std::path::Path;

/// A file on disk, or bytes held in memory (an attachment, an archive member) with the
/// name that gives their extension.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A file on disk, opened read-only.
    File(&'a Path),
    /// Bytes in memory; `name` supplies the file name and extension.
    Bytes {
        /// The name the bytes came under.
        name: &'a Path,
        /// The content.
        bytes: &'a [u8],
    },
}

/// A readable, seekable source.
pub trait ReadSeek: Read + Seek {}
impl<T: Read + Seek> ReadSeek for T {}

impl<'a> Input<'a> {
    /// The path, or the name the bytes came under.
    pub fn name(&self) -> &'a Path {
        match *self {
            Input::File(p) => p,
            Input::Bytes { name, .. } => name,
        }
    }

    /// A new reader over the content (files get their own handle, so that parallel
    /// decoders each have one) and its size.
    pub fn open(&self) -> std::io::Result<(Box<dyn ReadSeek + 'a>, u64)> {
        match *self {
            Input::File(p) => {
                let f = std::fs::File::open(p)?;
                let size = f.metadata()?.len();
                Ok((
                    Box::new(std::io::BufReader::with_capacity(64 << 10, f)),
                    size,
                ))
            }
            Input::Bytes { bytes, .. } => {
                Ok((Box::new(std::io::Cursor::new(bytes)), bytes.len() as u64))
            }
        }
    }

    /// A new reader without a read buffer, for readers that seek before every read of
    /// known size (a buffered reader refills its whole buffer after each seek).
    pub fn open_unbuffered(&self) -> std::io::Result<Box<dyn ReadSeek + 'a>> {
        match *self {
            Input::File(p) => Ok(Box::new(std::fs::File::open(p)?)),
            Input::Bytes { bytes, .. } => Ok(Box::new(std::io::Cursor::new(bytes))),
        }
    }
}
