//! The registration form (报名表): its fields read from a Word table (`.docx`) or a
//! spreadsheet (`.xlsx`) by their labels, and the ticked choices (推荐/自荐, 作品类别,
//! 性别) in the ways people tick them.
//!
//! The form holds personal data: [`Form`] is never serialised; reports carry
//! [`FormView`], which masks what identifies the person.

mod cells;
pub use crate::text::id_number;
mod xls;
mod xlsx;

use crate::facts::entry::Channel;
pub use crate::facts::entry::{Form, FormView};
use crate::text::identifiers::{mask_address, mask_email, mask_middle};

impl Form {
    /// A field's value, when its label was found and it is not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Whether the field's label was found at all.
    pub fn has_label(&self, key: &str) -> bool {
        self.fields.contains_key(key)
    }

    /// The sex, written or ticked (exactly one).
    pub fn sex(&self) -> Option<&str> {
        match self.sexes.as_slice() {
            [one] => Some(one),
            [] => self.get("sex"),
            _ => None,
        }
    }

    /// The masked view reports carry; `mask_names` masks the name too.
    pub fn view(&self, mask_names: bool) -> FormView {
        let name = self.get("name").map(|n| {
            if mask_names {
                crate::text::author::first_only(n)
            } else {
                n.to_string()
            }
        });
        let digits = |s: &str| {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        };
        FormView {
            source: self.source.clone(),
            format: self.format,
            channel: match self.channels.as_slice() {
                [one] => Some(one.zh()),
                _ => None,
            },
            recommender: self.get("recommender").map(str::to_string),
            name,
            sex: self.sex().map(str::to_string),
            ethnicity: self.get("ethnicity").map(str::to_string),
            birth: self.get("birth").map(str::to_string),
            unit: self.get("unit").map(str::to_string),
            post: self.get("post").map(str::to_string),
            address: self.get("address").map(mask_address),
            postcode: self.get("postcode").map(str::to_string),
            email: self.get("email").map(mask_email),
            id_number: self.get("id_number").map(|v| mask_middle(&digits(v))),
            phone: self.get("phone").map(|v| mask_middle(&digits(v))),
            categories: self.categories.clone(),
            title: self.get("title").map(str::to_string),
            summary_chars: self
                .get("summary")
                .map(|s| crate::text::count::count(s).words),
        }
    }
}

/// Field keys and the labels that introduce them (spaces and colons ignored), longest
/// labels first where one is the start of another.
pub const FIELDS: &[(&str, &[&str])] = &[
    ("opinion", &["推荐单位意见"]),
    ("recommend_date", &["推荐时间", "推荐日期"]),
    ("recommender", &["推荐单位"]),
    ("name", &["作者姓名", "姓名"]),
    ("sex", &["性别"]),
    ("ethnicity", &["民族"]),
    ("birth", &["出生年月", "出生日期"]),
    ("unit", &["工作单位", "单位"]),
    ("post", &["职务/职称", "职务", "职称"]),
    ("address", &["通讯地址", "通信地址", "联系地址"]),
    ("postcode", &["邮政编码", "邮编"]),
    (
        "email",
        &["电子邮箱", "电子邮件", "邮箱", "E-mail", "Email", "e-mail"],
    ),
    ("id_number", &["身份证号码", "身份证号", "身份证"]),
    ("phone", &["联系电话", "手机号码", "手机", "电话"]),
    ("title", &["作品名称"]),
    (
        "summary",
        &["作品内容概要", "内容概要", "作品简介", "内容简介"],
    ),
    ("category", &["作品类别", "参赛类别", "类别"]),
    (
        "channel",
        &[
            "推荐/自荐",
            "推荐或自荐",
            "申报方式",
            "参赛方式",
            "报送方式",
        ],
    ),
];

/// Fewest labels a document must carry to be read as a form rather than a work.
pub const MIN_LABELS: usize = 5;

/// Marks that tick a box, and the empty boxes (which tell on which side of its word a
/// form puts the box).
const TICKS: &[char] = &['☑', '■', '√', '✓', '✔', '☒', '✅', '▇', '█'];
const EMPTY: &[char] = &['□', '☐', '◻', '○'];

/// Reads a form from a document's rows of cells; `None` when fewer than [`MIN_LABELS`]
/// labels are found (it is not a form).
pub fn from_rows(rows: &[Vec<String>], source: &str, format: &'static str) -> Option<Form> {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .collect()
    };
    let label_of = |cell: &str| -> Option<(&'static str, usize)> {
        let c = clean(cell);
        FIELDS.iter().find_map(|(key, labels)| {
            labels
                .iter()
                .find(|l| c.starts_with(**l))
                .map(|l| (*key, l.chars().count()))
        })
    };
    let mut form = Form {
        source: source.to_string(),
        format,
        ..Form::default()
    };
    let mut all_text = String::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            all_text.push_str(cell);
            all_text.push('\n');
            let Some((key, label_chars)) = label_of(cell) else {
                continue;
            };
            if form.fields.contains_key(key) {
                continue;
            }
            let rest = after_label(cell, label_chars);
            let value = if !rest.is_empty() {
                rest
            } else if let Some(next) = row.get(c + 1).filter(|n| label_of(n).is_none()) {
                next.trim().to_string()
            } else if row.len() == 1 || c + 1 == row.len() {
                // A value below its label (the summary's big cell).
                rows.get(r + 1)
                    .filter(|next| next.len() == 1 && label_of(&next[0]).is_none())
                    .map(|next| next[0].trim().to_string())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            form.fields.insert(key, value);
        }
    }
    if form.fields.len() < MIN_LABELS {
        return None;
    }
    form.channels = ticked(
        &all_text,
        &[
            ("推荐", Channel::Recommended),
            ("自荐", Channel::SelfSubmitted),
        ],
        &["单位", "时间", "日期", "意见", "/", "或"],
    );
    form.categories = ticked(
        &all_text,
        &[
            ("文学类", "text"),
            ("文字类", "text"),
            ("图片类", "photo"),
            ("视频类", "video"),
            ("微视频", "micro-video"),
            ("微电影", "micro-film"),
        ],
        &[],
    );
    // 视频类 ticked beside a ticked 微视频/微电影 says nothing more.
    if form.categories.iter().any(|c| c.starts_with("micro")) {
        form.categories.retain(|c| *c != "video");
    }
    form.categories.dedup();
    if let Some(sex) = form.fields.get("sex") {
        form.sexes = ticked(sex, &[("男", "男"), ("女", "女")], &[]);
    }
    // Tick marks written in the channel, category or sex cells are not their values.
    for key in ["channel", "category"] {
        form.fields.remove(key);
    }
    Some(form)
}

/// The value written after a label in the same cell: without the colon and a bracketed
/// hint such as （500字以内）.
fn after_label(cell: &str, label_chars: usize) -> String {
    let mut seen = 0;
    let mut rest = "";
    for (i, c) in cell.char_indices() {
        if c.is_whitespace() || c == '\u{3000}' {
            continue;
        }
        seen += 1;
        if seen == label_chars {
            rest = &cell[i + c.len_utf8()..];
            break;
        }
    }
    let mut rest = rest.trim_start();
    if let Some(r) = rest.strip_prefix(['(', '（']) {
        if let Some(end) = r.find([')', '）']) {
            let close = r[end..].chars().next().map_or(1, char::len_utf8);
            rest = r[end + close..].trim_start();
        }
    }
    rest.trim_start_matches([':', '：']).trim().to_string()
}

/// The options of `options` that a tick marks in `text`: a tick just before the word
/// (`☑推荐 □自荐`), or just after it (`推荐√ 自荐□`) — whichever side more of the
/// options have a box or tick on. An option followed by one of `not_before` (`推荐单位`)
/// is a label, not an option.
fn ticked<T: Copy + PartialEq>(text: &str, options: &[(&str, T)], not_before: &[&str]) -> Vec<T> {
    let chars: Vec<char> = text.chars().collect();
    let mut before = Vec::new();
    let mut after = Vec::new();
    let (mut boxes_before, mut boxes_after) = (0, 0);
    let boxed = |c: &char| TICKS.contains(c) || EMPTY.contains(c);
    for (word, value) in options {
        let w: Vec<char> = word.chars().collect();
        for start in 0..chars.len().saturating_sub(w.len() - 1) {
            if chars[start..start + w.len()] != w[..] {
                continue;
            }
            let tail: String = chars[start + w.len()..].iter().take(3).collect();
            if not_before.iter().any(|n| tail.starts_with(n)) {
                continue;
            }
            let prev = chars[..start].iter().rev().find(|c| !c.is_whitespace());
            let next = chars[start + w.len()..].iter().find(|c| !c.is_whitespace());
            boxes_before += usize::from(prev.is_some_and(boxed));
            boxes_after += usize::from(next.is_some_and(boxed));
            if prev.is_some_and(|c| TICKS.contains(c)) && !before.contains(value) {
                before.push(*value);
            }
            if next.is_some_and(|c| TICKS.contains(c)) && !after.contains(value) {
                after.push(*value);
            }
        }
    }
    if boxes_after > boxes_before {
        after
    } else {
        before
    }
}

/// Reads the form in a `.docx` or `.xlsx` held in `bytes`: `Ok(None)` when the document
/// is not a form, `Err` when it cannot be read.
pub fn read(bytes: &[u8], source: &str, xlsx: bool) -> Result<Option<Form>, String> {
    if xlsx {
        // A spreadsheet form: OOXML in a ZIP, or BIFF in an OLE file (.xls, WPS's .et).
        let rows = if bytes.starts_with(b"PK") {
            xlsx::rows(bytes)?
        } else {
            xls::rows(bytes)?
        };
        Ok(from_rows(&rows, source, "xlsx"))
    } else {
        let rows = cells::rows(bytes)?;
        Ok(from_rows(&rows, source, "docx"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn labels_with_values_beside_them_or_after_them() {
        let rows = vec![
            row(&["☑推荐  □自荐"]),
            row(&["推荐单位", "青山县融媒体中心", "推荐时间", "2020年8月1日"]),
            row(&["作者姓名", "王秀英", "性    别", "女", "民族", "汉族"]),
            row(&["出生年月：1985年3月", "工作单位", "青山县文化馆"]),
            row(&["职  务", "", "通讯地址", "湖南省长沙市芙蓉区五一大道1号"]),
            row(&["邮编", "410011", "邮箱", "wxy@example.com"]),
            row(&[
                "身份证号",
                "430102198503158315",
                "联系电话",
                "158 1234 6157",
            ]),
            row(&["作品类别", "√文学类 □图片类 □视频类（□微视频 □微电影）"]),
            row(&["作品名称", "山路"]),
            row(&["作品内容概要（500字以内）"]),
            row(&["讲述了一条山路。"]),
        ];
        let f = from_rows(&rows, "报名表.docx", "docx").expect("a form");
        assert_eq!(f.channels, [Channel::Recommended]);
        assert_eq!(f.categories, ["text"]);
        assert_eq!(f.get("name"), Some("王秀英"));
        assert_eq!(f.sex(), Some("女"));
        assert_eq!(f.get("birth"), Some("1985年3月"));
        assert_eq!(f.get("post"), None);
        assert!(f.has_label("post"));
        assert_eq!(f.get("summary"), Some("讲述了一条山路。"));
        assert_eq!(f.get("recommender"), Some("青山县融媒体中心"));
        let v = f.view(false);
        assert_eq!(v.id_number.as_deref(), Some("430***********8315"));
        assert_eq!(v.phone.as_deref(), Some("158****6157"));
        assert_eq!(v.email.as_deref(), Some("w**@example.com"));
        assert_eq!(v.address.as_deref(), Some("湖南省长沙市*********"));
        assert_eq!(f.view(true).name.as_deref(), Some("王**"));
    }

    #[test]
    fn ticks_after_the_word_and_two_ticks() {
        assert_eq!(ticked("推荐√ 自荐□", &[("推荐", 1), ("自荐", 2)], &[]), [1]);
        assert_eq!(
            ticked("■推荐 ✔自荐", &[("推荐", 1), ("自荐", 2)], &[]),
            [1, 2]
        );
        assert!(ticked("□推荐 □自荐 推荐单位√", &[("推荐", 1)], &["单位"]).is_empty());
        assert!(from_rows(&[row(&["一段正文", "姓名"])], "x", "docx").is_none());
    }
}
