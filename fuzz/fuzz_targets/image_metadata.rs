//! A photo's metadata payloads on their own (the JPEG target reaches them only behind
//! valid markers): every input is read as EXIF (TIFF), XMP and IPTC (Photoshop resources).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mediavet::image::exif::read(data.to_vec());
    let _ = mediavet::image::xmp::read(data);
    let _ = mediavet::image::iptc::read(data);
});
