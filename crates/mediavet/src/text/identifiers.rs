//! What in a text identifies a person: lines labelled 作者：/单位：/通讯员：/联系电话…,
//! mainland mobile and landline numbers, 18-digit resident ID numbers whose GB 11643
//! check digit is valid, and e-mail addresses. Each is reported with its paragraph and a
//! masked snippet (138****6157), so the report itself does not spread them.

pub use crate::facts::text::Identifier;
use regex::Regex;
use std::sync::LazyLock;

/// Most items kept (a phone book pasted in is reported by its first ones).
pub const MAX_ITEMS: usize = 50;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(作\s*者|单\s*位|通讯员|联系电话|联系方式|电\s*话|手\s*机|邮\s*箱|电子邮箱|地\s*址|邮\s*编|身份证号?)\s*[:：]\s*(\S.{0,30})")
        .expect("valid pattern")
});
static MOBILE: LazyLock<Regex> =
    // 13812346157, or written in groups: 138 1234 6157, 138-1234-6157.
    LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d])(1[3-9]\d(?:[ -]?\d{4}){2})(?:$|[^\d])").expect("valid pattern")
    });
static LANDLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])(0\d{2,3}-\d{7,8})(?:$|[^\d])").expect("valid pattern")
});
static ID_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d])(\d{17}[\dXx])(?:$|[^\dXx])").expect("valid pattern"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
        .expect("valid pattern")
});

/// Characters of a paragraph shown either side of an item.
pub const CONTEXT_CHARS: usize = 20;

/// The identifying items of `text`, in order, at most [`MAX_ITEMS`].
pub fn find(text: &str) -> Vec<Identifier> {
    let mut out = Vec::new();
    for (i, line) in super::paragraphs(text).enumerate() {
        let mut add = |kind, span: std::ops::Range<usize>, masked: String, shown: String| {
            out.push(Identifier {
                kind,
                paragraph: i + 1,
                context: context(line, span, &shown),
                masked,
            })
        };
        if let Some(c) = LABEL.captures(line) {
            if let Some(value) = c.get(2) {
                let masked = mask_middle(value.as_str());
                add(
                    "label",
                    value.range(),
                    format!("{}：{masked}", &c[1]),
                    masked,
                );
            }
        }
        for m in MOBILE.captures_iter(line).filter_map(|c| c.get(1)) {
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            let masked = mask_middle(&digits);
            add("mobile", m.range(), masked.clone(), masked);
        }
        for m in LANDLINE.captures_iter(line).filter_map(|c| c.get(1)) {
            let masked = mask_middle(m.as_str());
            add("landline", m.range(), masked.clone(), masked);
        }
        for m in ID_NUMBER.captures_iter(line).filter_map(|c| c.get(1)) {
            if id_check_digit_ok(m.as_str()) {
                let masked = mask_middle(m.as_str());
                add("id_number", m.range(), masked.clone(), masked);
            }
        }
        for c in EMAIL.captures_iter(line) {
            if let Some(m) = c.get(0) {
                let masked = format!("{}@{}", mask_middle(&c[1]), &c[2]);
                add("email", m.range(), masked.clone(), masked);
            }
        }
        if out.len() >= MAX_ITEMS {
            out.truncate(MAX_ITEMS);
            break;
        }
    }
    out
}

/// `line` around byte range `span`, which shows as `shown`: at most [`CONTEXT_CHARS`]
/// characters either side (… where cut), every run of five digits or more and every
/// e-mail address in them masked too.
pub fn context(line: &str, span: std::ops::Range<usize>, shown: &str) -> String {
    let (Some(before), Some(after)) = (line.get(..span.start), line.get(span.end..)) else {
        return shown.to_string();
    };
    // Masked before cutting: a cut address or number would no longer be recognised.
    let (before, after) = (mask_all(before.trim_start()), mask_all(after.trim_end()));
    let n = before.chars().count();
    let cut_after = after.chars().count() > CONTEXT_CHARS;
    format!(
        "{}{}{shown}{}{}",
        if n > CONTEXT_CHARS { "…" } else { "" },
        before
            .chars()
            .skip(n.saturating_sub(CONTEXT_CHARS))
            .collect::<String>(),
        after.chars().take(CONTEXT_CHARS).collect::<String>(),
        if cut_after { "…" } else { "" },
    )
}

/// `s` with its e-mail addresses and runs of five digits or more masked.
fn mask_all(s: &str) -> String {
    static DIGITS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d[\d -]{3,}\d").expect("valid pattern"));
    let s = EMAIL.replace_all(s, |c: &regex::Captures| {
        format!("{}@{}", mask_middle(&c[1]), &c[2])
    });
    DIGITS
        .replace_all(&s, |c: &regex::Captures| {
            if c[0].chars().filter(char::is_ascii_digit).count() >= 5 {
                mask_middle(&c[0])
            } else {
                c[0].to_string()
            }
        })
        .into_owned()
}

/// GB 11643-1999: weights 2^(17-i) mod 11 over the first 17 digits; the sum mod 11
/// indexes "10X98765432".
pub fn id_check_digit_ok(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let bytes = id.as_bytes();
    if bytes.len() != 18 {
        return false;
    }
    let mut sum = 0;
    for (b, w) in bytes[..17].iter().zip(WEIGHTS) {
        let Some(d) = char::from(*b).to_digit(10) else {
            return false;
        };
        sum += d * w;
    }
    CHECK[(sum % 11) as usize] == bytes[17].to_ascii_uppercase()
}

/// Keeps the first 3 and last 4 characters of long items (138****6157), the first and
/// last of short ones (张*), and stars the rest.
pub(crate) fn mask_middle(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let n = chars.len();
    let (head, tail) = match n {
        0..=1 => (n, 0),
        2..=3 => (1, 0),
        4..=7 => (1, 1),
        _ => (3, 4),
    };
    chars[..head]
        .iter()
        .chain(std::iter::repeat_n(&'*', n - head - tail))
        .chain(&chars[n - tail..])
        .collect()
}

/// An e-mail address with its local part masked.
pub fn mask_email(e: &str) -> String {
    let e = e.trim();
    match e.split_once('@') {
        Some((local, domain)) => format!("{}@{domain}", mask_middle(local)),
        None => mask_middle(e),
    }
}

/// An address kept to its first 6 characters (the province and city).
pub fn mask_address(a: &str) -> String {
    let chars: Vec<char> = a.trim().chars().collect();
    let keep = chars.len().min(6);
    chars[..keep]
        .iter()
        .chain(std::iter::repeat_n(&'*', chars.len() - keep))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_comes_with_its_paragraph_masked() {
        let text = "村里的故事很长很长很长很长很长很长很长，讲述者留下了电话13812346157和邮箱wang.xy@example.com，方便联系。";
        let items = find(text);
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].context,
            "…长很长很长很长很长很长，讲述者留下了电话138****6157和邮箱w*****y@example.c…"
        );
        assert_eq!(
            items[1].context,
            "…者留下了电话138****6157和邮箱w*****y@example.com，方便联系。"
        );
        assert_eq!(context("abc", 5..9, "x"), "x");
        assert_eq!(
            mask_all("订单 2020 号，账号 6222 0212 3456"),
            "订单 2020 号，账号 622*******3456"
        );
    }

    #[test]
    fn finds_and_masks_what_identifies_a_person() {
        let text = "七年前，村口还是泥巴路，电话 139 1234 5678。\n\n作者：张小明\n联系电话：13812346157，座机 0571-87654321\n身份证 11010519491231002X，邮箱 zhangxm@example.com\n订单号 123456789012345678 不是身份证。";
        let got = find(text);
        let kinds: Vec<(&str, usize, &str)> = got
            .iter()
            .map(|i| (i.kind, i.paragraph, i.masked.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("mobile", 1, "139****5678"),
                ("label", 2, "作者：张**"),
                ("label", 3, "联系电话：138*********************4321"),
                ("mobile", 3, "138****6157"),
                ("landline", 3, "057******4321"),
                ("id_number", 4, "110***********002X"),
                ("email", 4, "z*****m@example.com"),
            ]
        );
        assert!(id_check_digit_ok("11010519491231002X"));
        assert!(!id_check_digit_ok("110105194912310021"));
        assert!(find("2019年村里人均收入增长了13%。").is_empty());
    }
}
