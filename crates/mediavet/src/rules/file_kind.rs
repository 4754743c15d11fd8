//! file.kind — the file is not the kind the profile expects, or its name lies about it.
//!
//! What: the kind is recognised from the content (ISO box structure, JPEG/PNG/
//! HEIC/ZIP signatures, text), never from the file name. An error when the
//! content is not what the profile checks (a PNG sent as a micro-video, an
//! empty file), and an error when the extension names another kind of file
//! (a PNG named `.mp4`). When both name and content are movies but of different
//! containers (QuickTime content named `.mp4`), the finding is a warning. A text
//! profile lists the document formats it accepts (`[text] formats`, default plain text
//! and .docx): a legacy .doc/.wps, a PDF or an RTF is an error asking for .docx, and a
//! password-protected .docx (an encrypted package) an error asking for it without the
//! password.
//!
//! Why: intake desks sort entries by name; a file whose name lies reaches the
//! wrong reviewer or fails to open in the jury's player.
//!
//! Fix: send the file the profile asks for, and name it after what it is:
//! rename QuickTime files to `.mov`, or remux them to MP4 with
//! `ffmpeg -i in.mov -c copy out.mp4`; save documents from Word or WPS as .docx.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::kind::{kind_for_extension, Category, FileKind};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "file.kind",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FILE_KIND,
    applies,
    check: Check::File(check),
};

/// Applies when the profile names a category.
fn applies(p: &Profile) -> bool {
    p.category.is_some()
}

fn category_names(c: Category) -> (&'static str, &'static str) {
    match c {
        Category::Video => ("a video (MP4 or MOV)", "视频（MP4 或 MOV）"),
        Category::Image => ("an image", "图片"),
        Category::Document => ("a document", "文档"),
        Category::Other => ("a file", "文件"),
    }
}

/// Content against the profile's category, then the extension against the content.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let f = cx.facts;
    let kind = f.kind;
    let claimed = f.extension.as_deref().and_then(kind_for_extension);
    let ext = f.extension.as_deref().unwrap_or("");
    // A subtitle file checked on its own is part of a video entry.
    let companion = kind == FileKind::Subtitle && cx.profile.subtitle.checked();
    if let Some(expected) = cx
        .profile
        .category
        .filter(|&c| c != kind.category() && !companion)
    {
        let (en, zh) = category_names(expected);
        let named = match claimed.filter(|&k| k != kind) {
            Some(_) => (format!(" (named .{ext})"), format!("（扩展名为 .{ext}）")),
            None => (String::new(), String::new()),
        };
        let finding = cx.finding(sev,
            Text::new(
                format!("This is {}{}, not {en}.", kind.a(), named.0),
                format!("该文件是{}{}，不是{zh}。", kind.describe_zh(), named.1),
            ),
        )
        .values(
            Some(Quantity::text(kind.name())),
            Some(Quantity::text(category_names(expected).0)),
        );
        return vec![finding];
    }
    if let Some(formats) = &cx.profile.text.formats {
        if kind == FileKind::EncryptedOffice {
            return vec![cx.finding(sev,
                Text::new(
                    "This is a password-protected Word document: it cannot be read or judged without the password.",
                    "这是设有打开密码的 Word 文档：没有密码无法读取和评审。",
                ),
            )
            .values(Some(Quantity::text(kind.name())), Some(Quantity::text(formats.join(", "))))
            .hint(Text::new(
                "Ask the entrant to remove the password and send the document again: in Word, File → Info → Protect Document → Encrypt with Password, clear the password and save; in WPS, 文件 → 文档加密 → 密码加密, clear it and save.",
                "请投稿者取消密码后重新发送：Word 中选择 文件 → 信息 → 保护文档 → 用密码进行加密，清空密码并保存；WPS 中选择 文件 → 文档加密 → 密码加密，清空密码并保存。",
            ))];
        }
        if kind.category() == Category::Document && !super::listed(formats, kind.name()) {
            return vec![cx.finding(sev,
                Text::new(
                    format!("This is {}; text entries are accepted as .docx or plain text.", kind.a()),
                    format!("该文件是{}；文字作品请提交 .docx 或纯文本文件。", kind.describe_zh()),
                ),
            )
            .values(
                Some(Quantity::text(kind.name())),
                Some(Quantity::text(formats.join(", "))),
            )
            .hint(Text::new(
                "Open it in Word or WPS and save it as a Word document (.docx): File → Save As → Word Document.",
                "请用 Word 或 WPS 打开，另存为 Word 文档（.docx）：文件 → 另存为 → Word 文档。",
            ))];
        }
    }
    let Some(claimed) = claimed.filter(|&k| k != kind) else {
        return Vec::new();
    };
    let severity = if claimed.category() == kind.category() {
        sev.min(Severity::Warning)
    } else {
        sev
    };
    let finding = cx.finding(severity,
        Text::new(
            format!("The name ends in .{ext} but the content is {}.", kind.a()),
            format!("文件扩展名为 .{ext}，但内容是{}。", kind.describe_zh()),
        ),
    )
    .values(
        Some(Quantity::text(kind.name())),
        Some(Quantity::text(claimed.name())),
    )
    .hint(Text::new(
        format!(
            "Rename it with the extension .{}, or convert it to the format the name claims.",
            kind.extensions().first().unwrap_or(&"?")
        ),
        format!(
            "请把扩展名改为 .{}，或将其转换为扩展名所示的格式。",
            kind.extensions().first().unwrap_or(&"?")
        ),
    ));
    vec![finding]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::kind::FileKind;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        expect(&RULE, "an MP4", &video(1920, 1080, 2e7, 60.0), &p, &[]);
        let png = [error("This is a PNG image (named .mp4), not a video (MP4 or MOV).", "该文件是PNG 图片（扩展名为 .mp4），不是视频（MP4 或 MOV）。")];
        expect(&RULE, "a PNG named .mp4", &bare(FileKind::Png, "entry.mp4"), &p, &png);
        let mut mov = video(1920, 1080, 2e7, 60.0);
        mov.kind = FileKind::Mov;
        mov.extension = Some("mp4".into());
        let renamed = [warning("The name ends in .mp4 but the content is a QuickTime MOV file.", "文件扩展名为 .mp4，但内容是QuickTime MOV 文件。")];
        expect(&RULE, "a MOV named .mp4", &mov, &p, &renamed);
        let srt = subtitle("entry.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n");
        expect(&RULE, "a subtitle beside a video", &srt, &p, &[]);
        let t = profile("text", "");
        let pdf = [error("This is a PDF document; text entries are accepted as .docx or plain text.", "该文件是PDF 文档；文字作品请提交 .docx 或纯文本文件。")];
        expect(&RULE, "a PDF story", &bare(FileKind::Pdf, "story.pdf"), &t, &pdf);
        let locked = [error("password-protected Word document", "设有打开密码的 Word 文档")];
        expect(&RULE, "encrypted", &bare(FileKind::EncryptedOffice, "story.docx"), &t, &locked);
        expect(&RULE, "plain text", &text("正文"), &t, &[]);
    }
}
