//! Facts of an entry as received: its name, form, contents, the author's details in
//! its works, and duplicates (the entry rules judge these).

use crate::finding::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// How the entry came: recommended by a unit, or self-submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// 推荐.
    Recommended,
    /// 自荐.
    SelfSubmitted,
}

/// The category of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryCategory {
    /// 文字类 (the form says 文学类).
    Text,
    /// 图片类.
    Photo,
    /// 视频类(微视频).
    MicroVideo,
    /// 视频类(微电影).
    MicroFilm,
}

/// A parsed entry name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryName {
    /// The name as received.
    pub received: String,
    /// Where it came from: `subject`, `archive`, `folder` or `file`.
    pub source: &'static str,
    /// 推荐 or 自荐.
    pub channel: Option<Channel>,
    /// The category.
    pub category: Option<EntryCategory>,
    /// 作品名称.
    pub title: Option<String>,
    /// The canonical name, when every part was found.
    pub canonical: Option<String>,
    /// What differs from the canonical form (a warning).
    pub differences: Vec<Text>,
    /// Missing or unknown parts (an error).
    pub errors: Vec<Text>,
}

/// A form's fields, by key, as written (trimmed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Form {
    /// The member the form was read from.
    pub source: String,
    /// `docx` or `xlsx`.
    pub format: &'static str,
    /// Field values by key (see [`FIELDS`]); a label found with no value has an empty one.
    pub fields: BTreeMap<&'static str, String>,
    /// Ticked 推荐/自荐 boxes.
    pub channels: Vec<Channel>,
    /// Ticked category boxes: `text`, `photo`, `video`, `micro-video`, `micro-film`.
    pub categories: Vec<&'static str>,
    /// Ticked sex boxes, when the sex is ticked rather than written.
    pub sexes: Vec<&'static str>,
}

/// What reports show of a form: the ID number, phone, e-mail and address masked
/// (`430102********8313`, `158****6157`), the name as given unless names are masked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormView {
    /// The member the form was read from.
    pub source: String,
    /// `docx` or `xlsx`.
    pub format: &'static str,
    /// 推荐 or 自荐, when exactly one is ticked.
    pub channel: Option<&'static str>,
    /// 推荐单位.
    pub recommender: Option<String>,
    /// 作者姓名, as given or masked.
    pub name: Option<String>,
    /// 性别.
    pub sex: Option<String>,
    /// 民族.
    pub ethnicity: Option<String>,
    /// 出生年月.
    pub birth: Option<String>,
    /// 工作单位.
    pub unit: Option<String>,
    /// 职务.
    pub post: Option<String>,
    /// 通讯地址, masked.
    pub address: Option<String>,
    /// 邮编.
    pub postcode: Option<String>,
    /// 邮箱, masked.
    pub email: Option<String>,
    /// 身份证号, masked.
    pub id_number: Option<String>,
    /// 联系电话, masked.
    pub phone: Option<String>,
    /// Ticked categories.
    pub categories: Vec<&'static str>,
    /// 作品名称.
    pub title: Option<String>,
    /// Length of 作品内容概要 in 字.
    pub summary_chars: Option<usize>,
}

/// A form that was found but cannot be read by machine (`.doc`, PDF, a photo of it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormByHand {
    /// The member.
    pub member: String,
    /// Why it cannot be read.
    pub why: Text,
}

/// A file of the entry and what it was taken for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Content {
    /// Its path within the entry.
    pub path: String,
    /// Its kind, by content.
    pub kind: crate::FileKind,
    /// `form`, `work`, `subtitle`, `other_work` (a work of another category) or `extra`.
    pub role: &'static str,
    /// Size in bytes.
    pub size: u64,
}

/// Where the author's details were found in a work (not the text body, which
/// `text.author_info` reports).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorHit {
    /// The work.
    pub file: String,
    /// Where in it: `EXIF Artist`, `XMP dc:description`, `metadata ©ART`, `cue 12 (00:01:02)`,
    /// `docx creator`.
    pub place: String,
    /// Which detail: `name`, `unit`, `phone`, `email`, `id_number`.
    pub detail: &'static str,
    /// The value found, masked.
    pub masked: String,
}

/// The same work in two entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// `identical`, `photo`, `video`, `text` or `id_number`.
    pub kind: &'static str,
    /// This entry's file (none for `id_number`).
    pub file: Option<String>,
    /// The other entry (its name, or its source), or the reference file.
    pub other: String,
    /// The other entry's file.
    pub other_file: Option<String>,
    /// Whether the other is known material from `--reference`.
    pub reference: bool,
    /// How close: shared share of a text, bits apart of a photo, frames matched of a video.
    pub detail: Text,
}

/// What is known of one entry: the facts the entry rules judge.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EntryFacts {
    /// Where it came from.
    pub source: String,
    /// The entry name, parsed from the best candidate (mail subject, archive or folder
    /// name, work's file name).
    pub name: Option<EntryName>,
    /// The mail's date, when it came by mail.
    pub mail_date: Option<String>,
    /// The mail's date as a calendar day (for the window).
    #[serde(skip)]
    pub mail_day: Option<chrono::NaiveDate>,
    /// The registration form as read (personal data: never serialised).
    #[serde(skip)]
    pub form: Option<Form>,
    /// The form as reports show it, masked.
    pub form_view: Option<FormView>,
    /// Forms found that must be read by hand.
    pub forms_by_hand: Vec<FormByHand>,
    /// Further readable forms beyond the first.
    pub extra_forms: Vec<String>,
    /// Every file and its role.
    pub contents: Vec<Content>,
    /// The category the works are of (from their kind).
    pub work_categories: Vec<EntryCategory>,
    /// The category the entry is judged as.
    pub category: Option<EntryCategory>,
    /// The measured duration of a micro-film (which picks its class).
    pub film_duration_s: Option<f64>,
    /// What went wrong unpacking.
    pub unpack_problems: Vec<UnpackProblemView>,
    /// The author's details found in the works.
    pub author_hits: Vec<AuthorHit>,
    /// The same work found elsewhere.
    pub duplicates: Vec<Duplicate>,
}

/// An unpacking problem as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnpackProblemView {
    /// The member or container.
    pub member: String,
    /// What kind of problem.
    pub kind: &'static str,
    /// What happened.
    pub detail: Text,
}
