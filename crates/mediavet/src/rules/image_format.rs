//! image.format — the photo is not in an accepted format (the contest asks for JPG).
//!
//! What: the format is recognised from the content, never the extension: a PNG, an
//! iPhone HEIC, a WebP, GIF, BMP or TIFF named `.jpg` is still named for what it is.
//! The profile lists the accepted formats (`[image] formats`, default `["jpeg"]`, names
//! compared without regard to case).
//!
//! Why: the rules ask for JPG; reviewers' tools and the print workflow expect it.
//!
//! Fix: HEIC on an iPhone: Settings → Camera → Formats → Most Compatible, or convert
//! (`heif-convert IN.heic OUT.jpg`); others: `ffmpeg -i IN.png -q:v 2 OUT.jpg`.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::kind::{Category, FileKind};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.format",
    default: Severity::Error,
    needs: None,
    doc: super::docs::IMAGE_FORMAT,
    applies,
    check: Check::File(check),
};

/// Applies when the profile lists image formats.
fn applies(p: &Profile) -> bool {
    p.image.formats.is_some()
}

/// An image whose format is not listed.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let kind = cx.facts.kind;
    let formats = cx.profile.image.formats.as_deref().unwrap_or_default();
    if kind.category() != Category::Image || super::listed(formats, kind.name()) {
        return Vec::new();
    }
    let wanted = formats
        .iter()
        .map(|f| f.to_uppercase())
        .collect::<Vec<_>>()
        .join(", ");
    let (how, how_zh) = if kind == FileKind::Heif {
        (
            "On the iPhone choose Settings → Camera → Formats → Most Compatible for new photos; convert this one with heif-convert INPUT.heic OUTPUT.jpg",
            "iPhone 可在 设置 → 相机 → 格式 中选择“兼容性最佳”；本张可用 heif-convert 输入.heic 输出.jpg 转换",
        )
    } else {
        (
            "Convert it: ffmpeg -i INPUT -q:v 2 OUTPUT.jpg (or save as JPEG in any photo editor)",
            "请转换为 JPEG：ffmpeg -i 输入文件 -q:v 2 输出.jpg（或在看图软件中另存为 JPEG）",
        )
    };
    vec![cx.finding(sev,
        Text::new(
            format!("This is {}, not {wanted}.", kind.a()),
            format!("该文件是{}，不是 {wanted}。", kind.describe_zh()),
        ),
    )
    .values(
        Some(Quantity::text(kind.name())),
        Some(Quantity::text(wanted)),
    )
    .hint(Text::new(how, how_zh))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::kind::FileKind;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        expect(&RULE, "JPEG", &photo(4000, 3000), &p, &[]);
        let heic = [error("This is a HEIF/HEIC image, not JPEG.", "该文件是HEIF/HEIC 图片，不是 JPEG。")];
        expect(&RULE, "HEIC", &bare(FileKind::Heif, "p.heic"), &p, &heic);
        let png = [error("This is a PNG image, not JPEG.", "该文件是PNG 图片，不是 JPEG。")];
        expect(&RULE, "PNG", &bare(FileKind::Png, "p.png"), &p, &png);
        let any_case = profile("photo", "[image]\nformats = [\"JPEG\", \"PNG\"]\n");
        expect(&RULE, "listed in capitals", &bare(FileKind::Png, "p.png"), &any_case, &[]);
        expect(&RULE, "not an image: file.kind says it", &text("正文"), &p, &[]);
    }
}
