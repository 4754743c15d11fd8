//! A buffered reader whose seeks keep the buffer. `zune-jpeg` peeks ahead by reading and
//! seeking back; on a plain `BufReader` every such seek throws the buffer away and costs a
//! system call, which made decoding a 24 MP photo from a file a third slower than from memory.

use std::io::{BufRead, BufReader, Read, Result, Seek, SeekFrom};

/// `BufReader` that tracks its own position and seeks relative to it.
pub struct Buffered<R> {
    inner: BufReader<R>,
    pos: u64,
}

impl<R: Read + Seek> Buffered<R> {
    /// Wraps `inner`, positioned at its start, with a buffer of `capacity` bytes.
    pub fn new(capacity: usize, inner: R) -> Buffered<R> {
        Buffered {
            inner: BufReader::with_capacity(capacity, inner),
            pos: 0,
        }
    }
}

impl<R: Read> Read for Buffered<R> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read> BufRead for Buffered<R> {
    fn fill_buf(&mut self) -> Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.pos += amount as u64;
    }
}

impl<R: Read + Seek> Seek for Buffered<R> {
    fn seek(&mut self, to: SeekFrom) -> Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => i128::from(p),
            SeekFrom::Current(d) => i128::from(self.pos) + i128::from(d),
            SeekFrom::End(_) => {
                self.pos = self.inner.seek(to)?;
                return Ok(self.pos);
            }
        };
        let delta = i64::try_from(target - i128::from(self.pos)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek out of range")
        })?;
        self.inner.seek_relative(delta)?;
        self.pos = u64::try_from(target)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "negative seek"))?;
        Ok(self.pos)
    }

    fn stream_position(&mut self) -> Result<u64> {
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeks_like_the_underlying_reader() {
        let data: Vec<u8> = (0..=255).collect();
        let mut r = Buffered::new(16, std::io::Cursor::new(&data));
        let mut b = [0u8; 4];
        r.read_exact(&mut b).unwrap();
        assert_eq!(r.seek(SeekFrom::Current(-2)).unwrap(), 2);
        r.read_exact(&mut b).unwrap();
        assert_eq!(b, [2, 3, 4, 5]);
        assert_eq!(r.seek(SeekFrom::Start(200)).unwrap(), 200);
        r.read_exact(&mut b).unwrap();
        assert_eq!(b, [200, 201, 202, 203]);
        assert_eq!(r.seek(SeekFrom::End(-1)).unwrap(), 255);
        assert_eq!(r.stream_position().unwrap(), 255);
        assert!(r.seek(SeekFrom::Current(-1000)).is_err());
    }
}
