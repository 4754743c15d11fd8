//! OLE compound files (legacy .doc/.wps, and the wrapper Office puts around an encrypted
//! .docx): which one a file is, from its directory, read with the `cfb` crate.

use std::io::{Read, Seek, SeekFrom};

/// Whether the compound file in `r` is an encrypted Office Open XML package (MS-OFFCRYPTO:
/// streams `EncryptionInfo` and `EncryptedPackage`): a .docx saved with a password to open.
pub fn is_encrypted_package<R: Read + Seek>(r: &mut R) -> bool {
    if r.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    match cfb::CompoundFile::open(r) {
        Ok(file) => file.is_stream("/EncryptionInfo") && file.is_stream("/EncryptedPackage"),
        Err(_) => false,
    }
}
