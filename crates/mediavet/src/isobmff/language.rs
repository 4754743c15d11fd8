//! The mdhd language field: packed ISO 639-2/T letters, or a classic QuickTime
//! (Macintosh) language number below 0x400, where 0 means English.
//!
//! mp4-atom decodes only the packed form, turning Macintosh code 0 into "```";
//! QuickTime files written by Apple and ffmpeg use the numbers, so this reads the raw field.

/// Macintosh language numbers 0–33 (Apple QuickTime File Format, "Language code values").
const MACINTOSH: [Option<&str>; 34] = [
    Some("eng"),
    Some("fra"),
    Some("ger"),
    Some("ita"),
    Some("dut"),
    Some("swe"),
    Some("spa"),
    Some("dan"),
    Some("por"),
    Some("nor"),
    Some("heb"),
    Some("jpn"),
    Some("ara"),
    Some("fin"),
    Some("gre"),
    Some("ice"),
    Some("mlt"),
    Some("tur"),
    Some("hrv"),
    Some("chi"), // 19: Traditional Chinese
    Some("urd"),
    Some("hin"),
    Some("tha"),
    Some("kor"),
    Some("lit"),
    Some("pol"),
    Some("hun"),
    Some("est"),
    Some("lav"),
    Some("smi"),
    Some("fao"),
    Some("per"),
    Some("rus"),
    Some("chi"), // 33: Simplified Chinese
];

/// Language of an `mdhd` body (version 0 or 1), as a three-letter code.
pub fn mdhd_language(body: &[u8]) -> Option<String> {
    let at = if *body.first()? == 1 { 32 } else { 20 };
    let code = u16::from_be_bytes([*body.get(at)?, *body.get(at + 1)?]) & 0x7fff;
    match code {
        0x7fff => Some("und".into()),
        0..=0x3ff => Some(
            MACINTOSH
                .get(usize::from(code))
                .copied()
                .flatten()
                .map_or_else(|| format!("mac-{code}"), str::to_string),
        ),
        packed => {
            let letters: String = [10, 5, 0]
                .iter()
                .map(|s| char::from(0x60 + ((packed >> s) & 0x1f) as u8))
                .collect();
            letters
                .chars()
                .all(|c| c.is_ascii_lowercase())
                .then_some(letters)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v0(code: u16) -> Vec<u8> {
        let mut b = vec![0u8; 24];
        b[20..22].copy_from_slice(&code.to_be_bytes());
        b
    }

    #[test]
    fn reads_both_forms() {
        assert_eq!(mdhd_language(&v0(0)).as_deref(), Some("eng"));
        assert_eq!(mdhd_language(&v0(33)).as_deref(), Some("chi"));
        assert_eq!(mdhd_language(&v0(0x55c4)).as_deref(), Some("und"));
        assert_eq!(mdhd_language(&v0(0x15c7)).as_deref(), Some("eng"));
        assert_eq!(mdhd_language(&v0(0x7fff)).as_deref(), Some("und"));
        assert_eq!(mdhd_language(&v0(200)).as_deref(), Some("mac-200"));
        assert_eq!(mdhd_language(&[0; 10]), None);
    }
}
