//! Text facts: encoding, counts, script, what identifies a person, and Word document details.

use crate::script::ScriptFacts;
use serde::Serialize;

/// Text facts.
#[derive(Debug, Clone, Serialize)]
pub struct TextFacts {
    /// Encoding it was read in (`UTF-8`, `UTF-16LE`, `GBK`, `Big5`, …).
    pub encoding: &'static str,
    /// A byte-order mark opens the file.
    pub bom: bool,
    /// The counts.
    pub counts: Counts,
    /// What in the body identifies a person (masked), at most 50.
    pub identifiers: Vec<Identifier>,
    /// Where the entrant's own details (given with the check: the registration form's,
    /// or `--author-*`) appear in the body (masked), at most 50.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author_hits: Vec<Identifier>,
    /// Simplified or Traditional: counts, and the first Traditional characters with the
    /// paragraph they first appear in.
    pub script: ScriptFacts<usize>,
    /// For a Word document: its main part, the writing application and the names in its
    /// properties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docx: Option<DocxInfo>,
    /// The body itself (one line per paragraph), kept from the probe for the rules (an
    /// author's details are matched against it); never serialised, and emptied in a
    /// [`Report`](crate::Report) once judged.
    #[serde(skip)]
    pub body: String,
}

/// The counts of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// 字数 as Word/WPS show it: East Asian characters + other words.
    pub words: usize,
    /// Characters, spaces and line breaks left out.
    pub chars_no_spaces: usize,
    /// Han (CJK ideograph) characters.
    pub han: usize,
    /// Paragraphs: lines with something other than white space.
    pub paragraphs: usize,
}

/// One identifying item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identifier {
    /// `label`, `mobile`, `landline`, `id_number` or `email`.
    pub kind: &'static str,
    /// Paragraph number, from 1 (non-blank lines).
    pub paragraph: usize,
    /// The item, masked.
    pub masked: String,
    /// The paragraph around it, the item and any other number or address in it masked
    /// (at most [`CONTEXT_CHARS`](crate::text::identifiers::CONTEXT_CHARS) either side).
    pub context: String,
}

/// What the package says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocxInfo {
    /// The main document part (`word/document.xml`, or wherever `_rels/.rels` points).
    pub main_part: String,
    /// Written in ISO/IEC 29500 Strict form.
    pub strict: bool,
    /// `Application` (and `AppVersion`) of docProps/app.xml: what wrote the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    /// `dc:creator` of docProps/core.xml.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<String>,
    /// `cp:lastModifiedBy` of docProps/core.xml.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified_by: Option<String>,
    /// `Company` of docProps/app.xml.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
}
