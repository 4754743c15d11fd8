//! Entries as received, end to end on the fixtures of `testdata/entries` (made by its
//! `make.py`): mails in UTF-8, GBK, GB18030 and Big5; ZIPs with GBK names; a 7z; a
//! mailbox of 30; a folder of entry folders; and one negative case per entry rule.

use mediavet::entry::{check_entries, EntryReport, Intake, IntakeInput, Profiles};
use mediavet::Severity;
use std::path::PathBuf;

fn entries_dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/entries")
        .join(name)
}

fn intake(paths: &[&str]) -> Vec<EntryReport> {
    let mut intake = Intake::new(Profiles::builtin(None).expect("built-in profiles"));
    intake.options.ffmpeg = false;
    let inputs = paths
        .iter()
        .map(|p| IntakeInput::Path(entries_dir(p)))
        .collect();
    check_entries(inputs, &[], &intake, &|_| {}).expect("intake runs")
}

/// The entry's own findings as (rule, severity, English message).
fn findings(e: &EntryReport) -> Vec<(&'static str, Severity, String)> {
    e.findings
        .iter()
        .map(|f| (f.rule, f.severity, f.message.en.clone()))
        .collect()
}

fn has(e: &EntryReport, rule: &str, text: &str) -> bool {
    e.findings
        .iter()
        .any(|f| f.rule == rule && f.message.en.contains(text))
}

fn by_source<'a>(all: &'a [EntryReport], source: &str) -> &'a EntryReport {
    all.iter()
        .find(|e| e.facts.source.ends_with(source))
        .unwrap_or_else(|| {
            panic!(
                "no entry from {source}: {:?}",
                all.iter().map(|e| &e.facts.source).collect::<Vec<_>>()
            )
        })
}

#[test]
fn a_good_text_entry_by_mail() {
    let all = intake(&["good_text.eml"]);
    assert_eq!(all.len(), 1);
    let e = &all[0];
    let name = e.facts.name.as_ref().expect("a name");
    assert_eq!(
        (name.source, name.canonical.as_deref()),
        ("subject", Some("扶贫征集-自荐-文字类-山路"))
    );
    assert_eq!(
        e.facts.mail_date.as_deref(),
        Some("2020-08-10T09:30:00+08:00")
    );
    let form = e.facts.form_view.as_ref().expect("the form read");
    assert_eq!(
        (form.channel, form.name.as_deref(), form.categories.clone()),
        (Some("自荐"), Some("王秀英"), vec!["text"])
    );
    assert_eq!(form.id_number.as_deref(), Some("430***********8315"));
    assert_eq!(form.phone.as_deref(), Some("158****6157"));
    assert_eq!(form.email.as_deref(), Some("w**@example.com"));
    // 14 characters and the full stop, as Word counts 字.
    assert_eq!(form.summary_chars, Some(15));
    assert_eq!(findings(e), []);
    let files: Vec<&str> = e.files.iter().map(|r| r.facts.path.as_str()).collect();
    assert_eq!(files, ["山路.docx"]);
    assert_eq!(e.profile.as_deref(), Some("text"));
    // The JSON never carries the unmasked personal data.
    let json = e.to_json(mediavet::Lang::En).to_string();
    for secret in [
        "430102198503158315",
        "15812346157",
        "158 1234 6157",
        "wxy@example.com",
        "五一大道1号",
    ] {
        assert!(!json.contains(secret), "{secret} in the JSON");
    }
}

#[test]
fn gbk_subject_rfc2231_name_gbk_zip_members_and_checkbox_controls() {
    let all = intake(&["gbk_photo.eml"]);
    let e = &all[0];
    let name = e.facts.name.as_ref().expect("a name");
    assert_eq!(name.received, "扶贫征集－推荐－图片类－老屋新颜");
    assert!(has(e, "entry.name", "dashes other than the hyphen"));
    assert_eq!(
        e.findings
            .iter()
            .find(|f| f.rule == "entry.name")
            .and_then(|f| f.expected.as_ref())
            .map(|q| q.text.as_str()),
        Some("扶贫征集-推荐-图片类-老屋新颜")
    );
    let paths: Vec<&str> = e.facts.contents.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "作品.zip/老屋新颜/老屋-前.jpg",
            "作品.zip/老屋新颜/老屋-后.jpg",
            "作品.zip/老屋新颜/报名表.docx"
        ]
    );
    let form = e.facts.form_view.as_ref().expect("the form read");
    assert_eq!(
        (form.channel, form.categories.clone()),
        (Some("推荐"), vec!["photo"])
    );
    assert_eq!(form.recommender.as_deref(), Some("青山县委宣传部"));
    assert!(has(
        e,
        "entry.date",
        "sent on 2020-09-05, after the submission window"
    ));
    assert!(
        !e.findings.iter().any(|f| f.rule.starts_with("form.")),
        "{:?}",
        findings(e)
    );
    assert_eq!(e.files.len(), 2);
    assert!(e.files.iter().all(|r| r.profile == "photo"));
    // The group and its before/after pair, by name.
    assert_eq!(e.groups.len(), 1);
    let pair = &e.groups[0].pairs[0];
    assert_eq!(
        (pair.before.as_str(), pair.after.as_str(), pair.marked_by),
        ("老屋-前.jpg", "老屋-后.jpg", "name")
    );
}

#[test]
fn a_gbk_named_zip_on_its_own() {
    let all = intake(&["gbk_zip.zip"]);
    let paths: Vec<&str> = all[0]
        .facts
        .contents
        .iter()
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "gbk_zip.zip/老屋新颜/老屋-前.jpg",
            "gbk_zip.zip/老屋新颜/老屋-后.jpg",
            "gbk_zip.zip/老屋新颜/报名表.docx"
        ]
    );
    // Neither the archive's name nor the folder inside is an entry name: the first is judged.
    assert_eq!(
        all[0]
            .facts
            .name
            .as_ref()
            .map(|n| (n.source, n.received.as_str())),
        Some(("archive", "gbk_zip"))
    );
    assert!(has(&all[0], "entry.name", "does not start with 扶贫征集"));
}

#[test]
fn mixed_encoded_words_a_7z_and_an_xlsx_form() {
    let all = intake(&["seven_zip.eml"]);
    let e = &all[0];
    assert_eq!(
        e.facts.name.as_ref().and_then(|n| n.canonical.as_deref()),
        Some("扶贫征集-自荐-文字类-河")
    );
    let paths: Vec<&str> = e.facts.contents.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["作品.7z/河.docx", "作品.7z/报名表.xlsx"]);
    let form = e.facts.form_view.as_ref().expect("the xlsx form");
    assert_eq!(
        (form.format, form.name.as_deref(), form.sex.as_deref()),
        ("xlsx", Some("李四"), Some("女"))
    );
    assert_eq!(findings(e), []);
}

#[test]
fn a_mailbox_of_thirty_entries() {
    let all = intake(&["box30.mbox"]);
    assert_eq!(all.len(), 30);
    for (i, e) in all.iter().enumerate() {
        assert_eq!(
            e.facts.source,
            format!("{}#{}", entries_dir("box30.mbox").display(), i + 1)
        );
        assert_eq!(
            e.facts.name.as_ref().and_then(|n| n.title.clone()),
            Some(format!("第{}村", i + 1))
        );
        let form = e.facts.form_view.as_ref().expect("a form");
        // Every fifth entry typed the form into the mail.
        assert_eq!(
            form.format,
            if i % 5 == 4 { "text" } else { "xlsx" },
            "entry {i}"
        );
        assert_eq!(findings(e), [], "entry {i}");
        assert_eq!(e.files.len(), 1, "entry {i}");
    }
}

#[test]
fn a_folder_of_entry_folders_with_the_same_video_twice() {
    let all = intake(&["usb"]);
    assert_eq!(all.len(), 2);
    let (a, b) = (&all[0], &all[1]);
    assert_eq!(a.profile.as_deref(), Some("micro-video"));
    // A 1-second film is the 5-minute class.
    assert_eq!(b.profile.as_deref(), Some("micro-film-5"));
    assert!(has(b, "entry.name", "full-width brackets"));
    assert!(
        has(
            a,
            "entry.duplicate",
            "also in entry 扶贫征集-自荐-视频类(微电影)-星城往事"
        ),
        "{:?}",
        findings(a)
    );
    assert!(
        has(b, "entry.duplicate", "the same video"),
        "{:?}",
        findings(b)
    );
    let form = a.facts.form_view.as_ref().expect("a form");
    assert_eq!(form.categories, ["micro-video"]);
}

#[test]
fn a_film_of_fifteen_minutes_or_more_is_the_long_class() {
    // The layer lowers the long class's threshold below the fixture's 1 s (it applies to
    // every profile; the 5-minute class has no minimum to lower).
    let layer = "[video]\nmin_duration_s = 0.5\n";
    let mut intake = Intake::new(Profiles::builtin(Some((layer, "test.toml"))).expect("a layer"));
    intake.options.ffmpeg = false;
    let all = check_entries(
        vec![IntakeInput::Path(entries_dir("usb"))],
        &[],
        &intake,
        &|_| {},
    )
    .expect("intake runs");
    assert_eq!(all[1].profile.as_deref(), Some("micro-film-15"));
    assert!(all[1].facts.film_duration_s.is_some_and(|d| d > 0.5));
    assert_eq!(all[0].profile.as_deref(), Some("micro-video"));
}

#[test]
fn one_negative_case_per_rule() {
    let all = intake(&["neg", "good_text.eml", "gbk_photo.eml"]);
    let e = |s| by_source(&all, s);
    assert!(has(
        e("id_check_digit.eml"),
        "form.id_number",
        "the check digit (the last character) is wrong"
    ));
    assert!(has(
        e("id_birth.eml"),
        "form.id_number",
        "gives the birth month 1985-03, but 出生年月 says 1985-04"
    ));
    assert!(has(
        e("id_sex.eml"),
        "form.id_number",
        "(17th digit), but 性别 says 女"
    ));
    assert!(has(
        e("summary_501.eml"),
        "form.summary",
        "has 501 字, more than 500"
    ));
    assert!(has(
        e("two_categories.eml"),
        "form.category",
        "has 2 boxes ticked (text, photo)"
    ));
    let mismatch = e("category_mismatch.eml");
    assert!(has(
        mismatch,
        "entry.category",
        "The entry name says 文字类 (text) but the form ticks photo."
    ));
    assert!(has(
        mismatch,
        "entry.category",
        "Works of another category in a 文字类 entry: 三不符.jpg."
    ));
    assert!(has(mismatch, "entry.work_missing", "no text"));
    assert!(has(
        e("no_form.eml"),
        "entry.form_missing",
        "no registration form"
    ));
    assert!(has(e("no_work.eml"), "entry.work_missing", "no text"));
    let body = &e("author_in_body.eml").files[0];
    let found = body
        .findings
        .iter()
        .find(|f| f.rule == "text.author_info")
        .expect("text.author_info");
    assert!(
        found.message.en.contains("the author's name \"王**\"")
            && found.message.en.contains("\"158****6157\""),
        "{}",
        found.message.en
    );
    let copied = e("copied_30.eml");
    let dup = copied
        .findings
        .iter()
        .find(|f| f.rule == "entry.duplicate")
        .expect("a duplicate");
    assert!(
        dup.message
            .en
            .contains("also in entry 扶贫征集-自荐-文字类-山路")
            && dup
                .message
                .en
                .contains("of the shorter text is in the other"),
        "{}",
        dup.message.en
    );
    assert!(has(
        e("good_text.eml"),
        "entry.duplicate",
        "扶贫征集-自荐-文字类-抄袭"
    ));
    let caption = e("unit_in_caption.eml");
    assert!(
        has(
            caption,
            "entry.author_in_work",
            "单位.jpg XMP dc:description: unit \"青*****\""
        ),
        "{:?}",
        findings(caption)
    );
    assert!(
        has(caption, "entry.duplicate", "the same photo"),
        "{:?}",
        findings(caption)
    );
    assert!(has(
        e("gbk_photo.eml"),
        "entry.duplicate",
        "扶贫征集-自荐-图片类-单位"
    ));
    assert!(has(
        e("扶贫征集-自荐-文字类-炸弹.zip"),
        "entry.archive",
        "炸弹.txt: a compression bomb"
    ));
    assert!(has(
        e("扶贫征集-自荐-文字类-越界.zip"),
        "entry.archive",
        "(zip-slip)"
    ));
    assert!(has(
        e("扶贫征集-自荐-文字类-加密.zip"),
        "entry.archive",
        "加密.zip/加密.docx: is encrypted"
    ));
    let rar = e("扶贫征集-自荐-文字类-压缩.rar");
    if mediavet::entry::unrar::Tool::find().is_some() {
        assert!(
            has(rar, "entry.archive", "could not unpack it"),
            "{:?}",
            findings(rar)
        );
    } else {
        assert!(
            has(rar, "entry.archive", "neither 7-Zip nor unrar is installed"),
            "{:?}",
            findings(rar)
        );
    }
    assert!(has(
        e("bad_name.eml"),
        "entry.name",
        "推荐 or 自荐 is missing"
    ));
    assert!(has(
        e("bad_name.eml"),
        "entry.category",
        "its works were not checked"
    ));
}

#[test]
fn entries_from_memory_match_entries_from_disk() {
    let mut intake = Intake::new(Profiles::builtin(None).expect("built-in profiles"));
    intake.options.ffmpeg = false;
    let bytes = std::fs::read(entries_dir("gbk_photo.eml")).expect("fixture");
    let from_memory =
        mediavet::entry::check_entry_bytes("gbk_photo.eml", bytes, &intake).expect("intake runs");
    let from_disk = check_entries(
        vec![IntakeInput::Path(entries_dir("gbk_photo.eml"))],
        &[],
        &intake,
        &|_| {},
    )
    .expect("intake runs");
    assert_eq!(findings(&from_memory[0]), findings(&from_disk[0]));
    assert_eq!(from_memory[0].verdict, from_disk[0].verdict);
}

#[test]
fn reference_material_is_compared_and_not_reported() {
    let mut intake = Intake::new(Profiles::builtin(None).expect("built-in profiles"));
    intake.options.ffmpeg = false;
    let all = check_entries(
        vec![IntakeInput::Path(entries_dir("neg/copied_30.eml"))],
        &[entries_dir("good_text.eml")],
        &intake,
        &|_| {},
    )
    .expect("intake runs");
    assert_eq!(all.len(), 1);
    assert!(
        has(&all[0], "entry.duplicate", "also in known material"),
        "{:?}",
        findings(&all[0])
    );
}

#[test]
fn a_user_layer_sets_the_window_and_is_refused_with_extends() {
    let p = Profiles::builtin(Some(("[entry]\nsent_until = 2020-09-30\n", "desk.toml")))
        .expect("a layer");
    assert_eq!(
        p.photo.entry.sent_until.map(|d| d.to_string()).as_deref(),
        Some("2020-09-30")
    );
    let mut intake = Intake::new(p);
    intake.options.ffmpeg = false;
    let all = check_entries(
        vec![IntakeInput::Path(entries_dir("gbk_photo.eml"))],
        &[],
        &intake,
        &|_| {},
    )
    .expect("intake runs");
    assert!(!all[0].findings.iter().any(|f| f.rule == "entry.date"));
    let err = Profiles::builtin(Some(("extends = \"text\"\n", "desk.toml")))
        .expect_err("extends refused");
    assert!(err.to_string().contains("cannot say `extends`"), "{err}");
}
