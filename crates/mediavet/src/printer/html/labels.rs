//! The page's words, in Chinese and English.

use crate::finding::Lang;
use std::collections::BTreeMap;

/// The page's words: (key, Chinese, English).
const LABELS: [(&str, &str, &str); 97] = [
    ("title", "mediavet 检查报告", "mediavet report"),
    ("profile", "规范", "Profile"),
    ("files", "文件", "Files"),
    ("fail", "不通过", "Fail"),
    ("warn", "警告", "Warn"),
    ("pass", "通过", "Pass"),
    ("unreadable", "无法读取", "Unreadable"),
    ("all", "全部", "All"),
    ("verdict", "结论", "Verdict"),
    ("rule", "规则", "Rule"),
    ("kind", "类型", "Kind"),
    ("name", "名称", "Name"),
    ("first", "首个问题", "First problem"),
    ("search", "搜索名称或问题…", "Search names or problems…"),
    (
        "failing",
        "最常见的不通过规则",
        "Most frequent failing rules",
    ),
    ("shown", "显示", "Shown"),
    ("of", "/", "of"),
    ("severity", "级别", "Severity"),
    ("measured", "实测", "Measured"),
    ("expected", "要求", "Expected"),
    ("message", "说明", "Message"),
    ("hint", "修改建议", "Fix"),
    ("facts", "主要参数", "Key facts"),
    ("findings", "检查结果", "Findings"),
    ("none", "没有问题。", "No problems."),
    ("container", "容器", "Container"),
    ("resolution", "分辨率", "Resolution"),
    (
        "video_bitrate_mbps",
        "视频码率 (Mb/s)",
        "Video bitrate (Mb/s)",
    ),
    ("duration_s", "时长 (秒)", "Duration (s)"),
    ("audio_channels", "声道数", "Audio channels"),
    ("created", "创建时间", "Created"),
    ("error", "错误", "Error"),
    ("warning", "警告", "Warning"),
    ("info", "提示", "Info"),
    ("top", "返回总览", "Back to the overview"),
    ("frames", "分析的画面", "Analysed frames"),
    ("watermark", "台标/水印", "Watermark"),
    ("qr", "二维码", "QR code"),
    ("subtitle", "字幕", "Subtitle"),
    ("text", "画面文字", "On-screen text"),
    ("levels", "音频电平", "Audio levels"),
    ("band", "允许范围", "Allowed band"),
    ("over", "超出上限", "Above the band"),
    ("under", "低于下限", "Below the band"),
    ("integrated_lufs", "整体响度", "Integrated loudness"),
    ("loudness_range_lu", "响度范围", "Loudness range"),
    ("true_peak_dbtp", "真峰值", "True peak"),
    ("channel_1", "第 1 声道 峰值 · VU", "Channel 1 peak · VU"),
    ("channel_2", "第 2 声道 峰值 · VU", "Channel 2 peak · VU"),
    ("focus", "清晰度", "Focus"),
    ("jpeg_quality", "JPEG 质量", "JPEG quality"),
    ("words", "字数", "Words (字)"),
    ("han", "汉字", "Han characters"),
    ("paragraphs", "段落", "Paragraphs"),
    ("script", "简繁", "Script"),
    ("simplified", "简体", "Simplified"),
    ("traditional", "繁体", "Traditional"),
    ("japanese", "日文", "Japanese"),
    ("unknown", "无法判断", "Undetermined"),
    (
        "first_traditional",
        "最先出现的繁体字",
        "First Traditional characters",
    ),
    ("paragraph", "段", "Paragraph"),
    ("hits", "正文中的作者信息", "Author information in the body"),
    ("hit_label", "作者信息行", "Author line"),
    ("hit_mobile", "手机号码", "Mobile number"),
    ("hit_landline", "固定电话", "Phone number"),
    ("hit_id_number", "身份证号", "ID number"),
    ("hit_email", "电子邮箱", "E-mail address"),
    ("hit_name", "作者姓名", "The author's name"),
    ("hit_unit", "作者单位", "The author's unit"),
    ("hit_phone", "作者电话", "The author's phone"),
    ("entries", "作品", "Entries"),
    ("form", "报名表", "Registration form"),
    ("form_channel", "推荐/自荐", "Channel"),
    ("form_recommender", "推荐单位", "Recommended by"),
    ("form_name", "姓名", "Name"),
    ("form_sex", "性别", "Sex"),
    ("form_ethnicity", "民族", "Ethnicity"),
    ("form_birth", "出生年月", "Born"),
    ("form_unit", "工作单位", "Unit"),
    ("form_post", "职务", "Post"),
    ("form_address", "通讯地址", "Address"),
    ("form_postcode", "邮编", "Postcode"),
    ("form_email", "电子邮箱", "E-mail"),
    ("form_id_number", "身份证号", "ID number"),
    ("form_phone", "电话", "Phone"),
    ("form_title", "作品名称", "Title"),
    ("form_summary_chars", "简介字数", "Summary (字)"),
    ("form_source", "报名表文件", "Form file"),
    ("entry_name", "作品命名", "Entry name"),
    ("received", "收到", "As received"),
    ("canonical", "规范写法", "Canonical"),
    ("mail_date", "来信时间", "Mail sent"),
    ("duplicates", "重复提交", "Submitted twice"),
    ("reference", "参考库", "reference"),
    ("works", "作品文件", "Works"),
    ("groups", "组照", "Photo groups"),
    ("pairs", "前后对比", "Before / after"),
];

/// The page's words in `lang`.
pub(super) fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|&(k, zh, en)| (k, if lang == Lang::Zh { zh } else { en }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_the_templates_use_is_there_once_in_both_languages() {
        let mut keys: Vec<&str> = LABELS.iter().map(|l| l.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), LABELS.len(), "a key twice");
        assert!(LABELS.iter().all(|l| !l.1.is_empty() && !l.2.is_empty()));
        let used = regex::Regex::new(r"\bt\.([a-z_0-9]+)").unwrap();
        for (name, source) in super::super::TEMPLATES {
            for c in used.captures_iter(source) {
                assert!(
                    keys.binary_search(&&c[1]).is_ok(),
                    "{name}: t.{} has no words",
                    &c[1]
                );
            }
        }
    }
}
