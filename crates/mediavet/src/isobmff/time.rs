//! Timestamps: the QuickTime epoch (1904) and the date strings found in metadata.

use chrono::{DateTime, NaiveDate, Utc};

/// Seconds between 1904-01-01 and 1970-01-01.
const EPOCH_1904_OFFSET: i64 = 2_082_844_800;

/// Converts an mvhd/tkhd timestamp (seconds since 1904, UTC) to RFC 3339; 0 means unset.
pub fn from_1904(seconds: u64) -> Option<DateTime<Utc>> {
    if seconds == 0 {
        return None;
    }
    let unix = i64::try_from(seconds)
        .ok()?
        .checked_sub(EPOCH_1904_OFFSET)?;
    DateTime::from_timestamp(unix, 0)
}

/// The calendar date at the start of a metadata date string
/// (`2019-06-01T10:00:00+0800`, `2019-06-01`, `2019:06:01 10:00:00`).
pub fn leading_date(value: &str) -> Option<NaiveDate> {
    let head: String = value.trim().chars().take(10).collect();
    NaiveDate::parse_from_str(&head, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&head, "%Y:%m:%d"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_1904_epoch() {
        // 2019-06-01T10:00:00Z
        let t = from_1904(1_559_383_200 + 2_082_844_800).unwrap();
        assert_eq!(t.to_rfc3339(), "2019-06-01T10:00:00+00:00");
        assert_eq!(from_1904(0), None);
    }

    #[test]
    fn reads_leading_dates() {
        assert_eq!(
            leading_date("2019-06-01T10:00:00+0800"),
            NaiveDate::from_ymd_opt(2019, 6, 1)
        );
        assert_eq!(
            leading_date("2016:01:02 03:04:05"),
            NaiveDate::from_ymd_opt(2016, 1, 2)
        );
        assert_eq!(leading_date("2019"), None);
    }
}
