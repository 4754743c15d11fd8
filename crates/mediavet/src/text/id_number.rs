//! Resident ID numbers (GB 11643-1999): 18 characters, a province code that exists, a
//! valid birth date, the sex in the 17th digit, and the check digit.

use crate::finding::Text;
use chrono::NaiveDate;

/// First two digits of the province-level divisions (GB/T 2260), with Taiwan, Hong Kong
/// and Macao (71, 81, 82) as the national ID system codes them.
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// What a valid number says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdInfo {
    /// Birth date.
    pub birth: NaiveDate,
    /// 男 or 女.
    pub sex: &'static str,
}

/// Checks `id` (spaces ignored); the problem, in both languages, when it is not valid.
pub fn check(id: &str) -> Result<IdInfo, Text> {
    let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
    let n = id.chars().count();
    if n != 18 {
        return Err(Text::new(
            format!("has {n} characters, not 18"),
            format!("共 {n} 位，应为 18 位"),
        ));
    }
    let b = id.as_bytes();
    if !b[..17].iter().all(u8::is_ascii_digit)
        || !(b[17].is_ascii_digit() || b[17] == b'X' || b[17] == b'x')
    {
        return Err(Text::new(
            "is not 17 digits and a digit or X",
            "应为 17 位数字加 1 位数字或 X",
        ));
    }
    let province = (b[0] - b'0') * 10 + (b[1] - b'0');
    if !PROVINCES.contains(&province) {
        return Err(Text::new(
            format!("starts with {province:02}, which is no province's code"),
            format!("开头 {province:02} 不是任何省级行政区代码"),
        ));
    }
    let date = &id[6..14];
    let birth = NaiveDate::parse_from_str(date, "%Y%m%d")
        .ok()
        .filter(|d| d.format("%Y").to_string().as_str() >= "1900")
        .ok_or_else(|| {
            Text::new(
                format!("birth date {date} is not a valid date"),
                format!("出生日期 {date} 不是有效日期"),
            )
        })?;
    if !crate::text::identifiers::id_check_digit_ok(&id) {
        return Err(Text::new(
            "the check digit (the last character) is wrong",
            "校验码（最后一位）错误",
        ));
    }
    let sex = if (b[16] - b'0') % 2 == 1 {
        "男"
    } else {
        "女"
    };
    Ok(IdInfo { birth, sex })
}

/// The year and month of a 出生年月 as people write it: `1985年3月`, `1985.03`,
/// `1985-3`, `1985/03`, `198503`, `1985年3月15日`.
pub fn year_month(s: &str) -> Option<(i32, u32)> {
    let digits: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let (y, m) = match digits.as_slice() {
        [ym] if ym.len() == 6 || ym.len() == 8 => (ym[..4].parse().ok()?, ym[4..6].parse().ok()?),
        [y, m, ..] if y.len() == 4 => (y.parse().ok()?, m.parse().ok()?),
        _ => return None,
    };
    (1..=12).contains(&m).then_some((y, m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn valid_and_invalid_numbers() {
        let ok = check("430102198503158315").expect("valid");
        assert_eq!(
            (ok.birth.year(), ok.birth.month(), ok.birth.day()),
            (1985, 3, 15)
        );
        assert_eq!(ok.sex, "男");
        assert_eq!(check("11010519491231002X").map(|i| i.sex), Ok("女"));
        let err = |s| check(s).expect_err("invalid").en;
        assert_eq!(
            err("430102198503158313"),
            "the check digit (the last character) is wrong"
        );
        assert_eq!(err("4301021985031583"), "has 16 characters, not 18");
        assert!(err("990102198503158314").starts_with("starts with 99"));
        assert!(err("430102198502308318").starts_with("birth date 19850230"));
        assert_eq!(year_month("1985年3月"), Some((1985, 3)));
        assert_eq!(year_month("1985.03"), Some((1985, 3)));
        assert_eq!(year_month("198503"), Some((1985, 3)));
        assert_eq!(year_month("1985年13月"), None);
    }
}
