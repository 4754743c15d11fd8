//! Judging entries: each received entry's members sorted into form, works and the rest,
//! its name parsed, its works checked under the profile its category picks (with the
//! form's details searched for), then the duplicates across all entries, then the entry
//! rules.

use super::duplicates::{self, FilePrint, Prints};
use super::form::{self, Form};
use super::name::{self, EntryCategory};
use super::receive::{self, Data, Limits, Member, Received};
use super::{Content, EntryFacts, EntryReport, FormByHand, UnpackProblemView};
use crate::finding::Text;
use crate::kind::{Category, FileKind};
use crate::profile::Profile;
use crate::report::{check, check_facts_with, CheckOptions, Verdict};
use crate::Error;
use rayon::prelude::*;
use std::path::PathBuf;

/// The profiles entries are checked against, one per category (the built-ins, with the
/// caller's layer over each).
#[derive(Debug, Clone)]
pub struct Profiles {
    /// 文字类.
    pub text: Profile,
    /// 图片类.
    pub photo: Profile,
    /// 视频类(微视频).
    pub micro_video: Profile,
    /// 视频类(微电影), 5-minute class.
    pub micro_film_5: Profile,
    /// 视频类(微电影), 15-minutes-and-longer class.
    pub micro_film_15: Profile,
}

impl Profiles {
    /// The built-in profiles, each with `layer` (TOML text from `origin`) laid over it.
    /// The layer may not `extends`: the category picks the profile.
    pub fn builtin(layer: Option<(&str, &str)>) -> Result<Profiles, Error> {
        let Some((text, origin)) = layer else {
            return Profiles::each(Ok);
        };
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| Error::Profile {
            origin: origin.to_string(),
            line: None,
            message: e.to_string(),
        })?;
        refuse_extends(&table, origin)?;
        Profiles::each(|p| p.overlay(text, origin))
    }

    /// The built-in profiles with a layer given as a TOML table (Python's options).
    pub fn with_table(table: toml::Table, origin: &str) -> Result<Profiles, Error> {
        refuse_extends(&table, origin)?;
        Profiles::each(|p| p.overlay_table(table.clone(), origin))
    }

    /// Each built-in profile through `lay`.
    fn each(lay: impl Fn(Profile) -> Result<Profile, Error>) -> Result<Profiles, Error> {
        let load = |name: &str| Profile::builtin(name).and_then(&lay);
        Ok(Profiles {
            text: load("text")?,
            photo: load("photo")?,
            micro_video: load("micro-video")?,
            micro_film_5: load("micro-film-5")?,
            micro_film_15: load("micro-film-15")?,
        })
    }

    /// The profile a category's works are checked against (a micro-film's 5-minute class
    /// until its duration is known).
    pub fn of(&self, c: EntryCategory) -> &Profile {
        match c {
            EntryCategory::Text => &self.text,
            EntryCategory::Photo => &self.photo,
            EntryCategory::MicroVideo => &self.micro_video,
            EntryCategory::MicroFilm => &self.micro_film_5,
        }
    }
}

/// An intake layer sets values over every category's profile: it cannot pick one.
fn refuse_extends(table: &toml::Table, origin: &str) -> Result<(), Error> {
    if table.contains_key("extends") || table.contains_key("name") {
        return Err(Error::Profile {
            origin: origin.to_string(),
            line: None,
            message: "an intake layer sets settings over every category's profile; it cannot say `extends` or `name` (the category picks the profile)".into(),
        });
    }
    Ok(())
}

/// How a run of intake goes.
#[derive(Debug, Clone)]
pub struct Intake {
    /// One profile per category.
    pub profiles: Profiles,
    /// Options of each work's check (the author details are set per entry from its form).
    pub options: CheckOptions,
    /// Mask the author's name in reports too.
    pub mask_names: bool,
    /// Worker threads (`None` or 0: one per core).
    pub jobs: Option<usize>,
}

impl Intake {
    /// An intake with the built-in profiles and default options.
    pub fn new(profiles: Profiles) -> Intake {
        Intake {
            profiles,
            options: CheckOptions::default(),
            mask_names: false,
            jobs: None,
        }
    }
}

/// What an intake run reads.
#[derive(Debug, Clone)]
pub enum IntakeInput {
    /// A mail, mailbox, archive, folder or single work on disk.
    Path(PathBuf),
    /// The same, held in memory, with its file name.
    Bytes {
        /// File name (its extension is a hint; content decides).
        name: String,
        /// Content.
        bytes: Vec<u8>,
    },
}

/// Checks the entries in `inputs` (each may hold several), compares them with each
/// other and with `reference` material, and returns one report per entry in input
/// order. `on_done` is called as each entry's works are checked.
pub fn check_entries(
    inputs: Vec<IntakeInput>,
    reference: &[PathBuf],
    intake: &Intake,
    on_done: &(dyn Fn(&EntryReport) + Sync),
) -> Result<Vec<EntryReport>, Error> {
    let threads = intake
        .jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {threads} worker threads: {e}")))?;
    let limits = Limits::from_profile(&intake.profiles.text);
    let (mut judged, known) = pool.install(|| {
        let judged: Vec<(EntryReport, Prints)> = inputs
            .into_par_iter()
            .flat_map_iter(|input| {
                let judged = isolated(input, &limits, intake);
                judged.iter().for_each(|(r, _)| on_done(r));
                judged
            })
            .collect();
        let known: Vec<Prints> = reference
            .par_iter()
            .flat_map_iter(|p| {
                let mut prints = Vec::new();
                receive::receive_each(p, &limits, &mut |r| prints.push(judge(r, intake, true).1));
                prints
            })
            .collect();
        (judged, known)
    });
    let mut prints: Vec<Prints> = judged.iter_mut().map(|(_, p)| std::mem::take(p)).collect();
    prints.extend(known);
    let settings = duplicates::Settings {
        text_share: intake.profiles.text.entry.text_shared_share,
        max_distance: intake.profiles.text.entry.picture_max_distance,
    };
    let found = duplicates::find(&prints, settings);
    Ok(judged
        .into_iter()
        .zip(found)
        .map(|((mut report, _), dups)| {
            report.facts.duplicates = dups;
            finish(report, intake)
        })
        .collect())
}

/// The entries of one input, received and judged; a panic anywhere in them (a bug, or
/// a dependency's) is this input's problem, reported as an internal error, not the run's.
fn isolated(input: IntakeInput, limits: &Limits, intake: &Intake) -> Vec<(EntryReport, Prints)> {
    let source = match &input {
        IntakeInput::Path(p) => p.display().to_string(),
        IntakeInput::Bytes { name, .. } => name.clone(),
    };
    // Each entry is judged as soon as it is unpacked and its files dropped before the
    // next is unpacked (a mailbox's messages one by one).
    let mut judged = Vec::new();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut sink = |r| judged.push(judge(r, intake, false));
        match input {
            IntakeInput::Path(p) => receive::receive_each(&p, limits, &mut sink),
            IntakeInput::Bytes { name, bytes } => {
                receive::receive_bytes_each(&name, bytes, limits, &mut sink)
            }
        }
    }));
    if let Err(cause) = run {
        let why = crate::inspect::panic_message(&*cause);
        let facts = EntryFacts {
            source: source.clone(),
            unpack_problems: vec![UnpackProblemView {
                member: source.clone(),
                kind: "unreadable",
                detail: Text::new(
                    format!("internal error while unpacking ({why}); please report it"),
                    format!("解包时发生内部错误（{why}），请报告此问题"),
                ),
            }],
            ..EntryFacts::default()
        };
        let report = EntryReport {
            profile: None,
            verdict: Verdict::Fail,
            facts,
            findings: Vec::new(),
            files: Vec::new(),
            groups: Vec::new(),
        };
        let prints = Prints {
            label: source,
            ..Prints::default()
        };
        judged.push((report, prints));
    }
    judged
}

/// Checks the entry (or entries: a mailbox holds many) in `bytes` named `name`, on its
/// own (duplicates are looked for among them only).
pub fn check_entry_bytes(
    name: &str,
    bytes: Vec<u8>,
    intake: &Intake,
) -> Result<Vec<EntryReport>, Error> {
    check_entries(
        vec![IntakeInput::Bytes {
            name: name.to_string(),
            bytes,
        }],
        &[],
        intake,
        &|_| {},
    )
}

/// Runs the entry rules and sets the verdict.
fn finish(mut report: EntryReport, intake: &Intake) -> EntryReport {
    let profile = report
        .facts
        .category
        .map_or(&intake.profiles.text, |c| intake.profiles.of(c));
    report.findings = crate::rules::run_entry(&report.facts, profile);
    let own = super::verdict_of(&report.findings);
    let works = match report.works_verdict() {
        Verdict::Unreadable => Verdict::Fail,
        v => v,
    };
    report.verdict = own.max(works);
    report
}

/// Extensions of forms read as spreadsheets.
const SHEETS: [&str; 3] = ["xlsx", "xls", "et"];

/// What a member is, by content (and by name where content cannot tell); an error when
/// it cannot be read at all.
fn kind_of(m: &Member) -> std::io::Result<FileKind> {
    let head = match &m.data {
        Data::Memory(b) => b[..b.len().min(crate::kind::SNIFF_LEN)].to_vec(),
        Data::File(p) | Data::Temp(p) => {
            let mut h = Vec::new();
            std::io::Read::read_to_end(
                &mut std::io::Read::take(std::fs::File::open(p)?, crate::kind::SNIFF_LEN as u64),
                &mut h,
            )?;
            h
        }
    };
    let kind = crate::kind::sniff(&head);
    let ext = crate::kind::extension(std::path::Path::new(&m.path));
    Ok(match kind {
        FileKind::Text
            if ext
                .as_deref()
                .is_some_and(|e| ["srt", "ass", "ssa", "vtt"].contains(&e)) =>
        {
            FileKind::Subtitle
        }
        FileKind::Zip if zip_has(m, "word/document.xml") => FileKind::Docx,
        k => k,
    })
}

fn zip_has(m: &Member, part: &str) -> bool {
    m.bytes(64 << 20).is_ok_and(|b| {
        zip::ZipArchive::new(std::io::Cursor::new(&*b))
            .is_ok_and(|z| z.index_for_name(part).is_some())
    })
}

/// Whether a file name says it is the registration form.
fn named_as_form(path: &str) -> bool {
    let n = path.rsplit('/').next().unwrap_or(path);
    n.contains("报名表") || n.contains("报名") || n.contains("登记表") || n.contains("申报表")
}

/// A form read from a member, if it is one.
fn read_form(m: &Member, kind: FileKind) -> Result<Option<Form>, String> {
    let ext = crate::kind::extension(std::path::Path::new(&m.path)).unwrap_or_default();
    let sheet = SHEETS.contains(&ext.as_str());
    let readable = matches!(kind, FileKind::Docx | FileKind::Text)
        || (sheet && matches!(kind, FileKind::Zip | FileKind::Ole));
    if !readable {
        return Ok(None);
    }
    let bytes = m.bytes(64 << 20).map_err(|e| e.to_string())?;
    if kind == FileKind::Text {
        let text = crate::charset::decode(&bytes).text;
        let rows: Vec<Vec<String>> = text.lines().map(|l| vec![l.trim().to_string()]).collect();
        return Ok(form::from_rows(&rows, &m.path, "text"));
    }
    form::read(&bytes, &m.path, sheet)
}

/// The category the media kinds of the works suggest.
fn category_of_kinds(kinds: &[FileKind]) -> Option<EntryCategory> {
    let has = |c: Category| kinds.iter().any(|k| k.category() == c);
    if has(Category::Video) {
        None // 微视频 or 微电影 cannot be told from the files
    } else if has(Category::Image) {
        Some(EntryCategory::Photo)
    } else if kinds.iter().any(|k| {
        matches!(
            k,
            FileKind::Docx | FileKind::Text | FileKind::Pdf | FileKind::Ole | FileKind::Rtf
        )
    }) {
        Some(EntryCategory::Text)
    } else {
        None
    }
}

/// The category a form ticks, when it ticks exactly one that names a category.
fn category_of_form(form: &Form) -> Option<EntryCategory> {
    match form.categories.as_slice() {
        ["text"] => Some(EntryCategory::Text),
        ["photo"] => Some(EntryCategory::Photo),
        ["micro-video"] => Some(EntryCategory::MicroVideo),
        ["micro-film"] => Some(EntryCategory::MicroFilm),
        _ => None,
    }
}

/// Whether a file of `kind` is a work of category `c`.
fn is_work(kind: FileKind, c: EntryCategory) -> bool {
    match c {
        EntryCategory::Text => matches!(
            kind,
            FileKind::Docx
                | FileKind::Text
                | FileKind::Pdf
                | FileKind::Ole
                | FileKind::Rtf
                | FileKind::EncryptedOffice
        ),
        EntryCategory::Photo => kind.category() == Category::Image,
        EntryCategory::MicroVideo | EntryCategory::MicroFilm => kind.category() == Category::Video,
    }
}

/// Judges one received entry: its facts and its works' reports (the entry rules run
/// later, once duplicates are known), and what it gives the duplicate search.
fn judge(r: Received, intake: &Intake, reference: bool) -> (EntryReport, Prints) {
    let mut facts = EntryFacts {
        source: r.source.clone(),
        mail_date: r.mail.as_ref().and_then(|m| m.date).map(|d| d.to_rfc3339()),
        mail_day: r.mail.as_ref().and_then(|m| m.date).map(|d| d.date_naive()),
        unpack_problems: r
            .problems
            .iter()
            .map(|p| UnpackProblemView {
                member: p.member.clone(),
                kind: p.kind,
                detail: p.detail.clone(),
            })
            .collect(),
        ..EntryFacts::default()
    };
    // Forms first: a document with the form's labels is the form, whatever its name.
    let kinds: Vec<FileKind> = r
        .members
        .iter()
        .map(|m| {
            kind_of(m).unwrap_or_else(|e| {
                facts.unpack_problems.push(UnpackProblemView {
                    member: m.path.clone(),
                    kind: "unreadable",
                    detail: Text::new(format!("cannot be read: {e}"), format!("无法读取：{e}")),
                });
                FileKind::Unknown
            })
        })
        .collect();
    let mut roles: Vec<Option<&'static str>> = vec![None; r.members.len()];
    for (i, m) in r.members.iter().enumerate() {
        match read_form(m, kinds[i]) {
            Ok(Some(f)) => {
                roles[i] = Some("form");
                if facts.form.is_none() {
                    facts.form = Some(f);
                } else {
                    facts.extra_forms.push(m.path.clone());
                }
            }
            Ok(None) if named_as_form(&m.path) => {
                roles[i] = Some("form");
                let why = if matches!(kinds[i], FileKind::Docx | FileKind::Zip) {
                    Text::new(
                        "its table has too few of the form's labels to be read",
                        "表格中可识别的栏目太少，无法读取",
                    )
                } else {
                    Text::new(
                        format!("{} cannot be read by machine", kinds[i].describe()),
                        format!("{}无法自动读取", kinds[i].describe_zh()),
                    )
                };
                facts.forms_by_hand.push(FormByHand {
                    member: m.path.clone(),
                    why,
                });
            }
            Ok(None) => {}
            // A document that is not named as the form and cannot be read as one is left
            // to be checked as a work (its own check says what is wrong with it).
            Err(_) if !named_as_form(&m.path) => {}
            Err(why) => {
                roles[i] = Some("form");
                facts.forms_by_hand.push(FormByHand {
                    member: m.path.clone(),
                    why: Text::new(format!("cannot be read: {why}"), format!("无法读取：{why}")),
                });
            }
        }
    }
    let media: Vec<FileKind> = kinds
        .iter()
        .zip(&roles)
        .filter(|(_, r)| r.is_none())
        .map(|(k, _)| *k)
        .collect();
    facts.work_categories = [EntryCategory::Text, EntryCategory::Photo]
        .into_iter()
        .filter(|&c| media.iter().any(|&k| is_work(k, c)))
        .collect();
    if media.iter().any(|k| k.category() == Category::Video) {
        facts.work_categories.push(EntryCategory::MicroVideo);
    }
    // The name: the first candidate that carries the prefix, else the first of all.
    let mut candidates = r.names.clone();
    for (i, m) in r.members.iter().enumerate() {
        if roles[i].is_none() {
            candidates.push(("file", receive::stem_of(m.file_name())));
        }
    }
    let chosen = candidates
        .iter()
        .find(|(_, n)| name::looks_like(n))
        .or_else(|| candidates.first());
    facts.name = chosen.map(|(source, n)| name::parse(n, source));
    let category = facts
        .name
        .as_ref()
        .and_then(|n| n.category)
        .or_else(|| facts.form.as_ref().and_then(category_of_form))
        .or_else(|| category_of_kinds(&media));
    facts.category = category;
    for (i, m) in r.members.iter().enumerate() {
        let role = roles[i].unwrap_or_else(|| match category {
            Some(c) if is_work(kinds[i], c) => "work",
            Some(EntryCategory::MicroVideo | EntryCategory::MicroFilm)
                if kinds[i] == FileKind::Subtitle =>
            {
                "subtitle"
            }
            Some(_) if kinds[i].category() != Category::Other && kinds[i] != FileKind::Subtitle => {
                "other_work"
            }
            // No category to judge by: a media file is the work, left unchecked.
            None if kinds[i].category() != Category::Other => "work",
            _ => "extra",
        });
        roles[i] = Some(role);
        facts.contents.push(Content {
            path: m.path.clone(),
            kind: kinds[i],
            role,
            size: m.size,
        });
    }
    // The works, checked with the form's details searched for.
    let mut options = intake.options.clone();
    options.keep_body = true;
    if let Some(f) = &facts.form {
        options.author = super::author::details(f);
    }
    let mut files = Vec::new();
    let mut prints = Prints {
        label: String::new(),
        reference,
        category,
        id_number: facts
            .form
            .as_ref()
            .and_then(|f| f.get("id_number"))
            .map(|s| {
                s.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_uppercase()
            }),
        files: Vec::new(),
    };
    let mut profile_name = None;
    for (i, m) in r.members.iter().enumerate() {
        let role = roles[i].unwrap_or("extra");
        if !matches!(role, "work" | "subtitle" | "other_work") {
            continue;
        }
        let mut print = FilePrint {
            path: m.path.clone(),
            hash: content_hash(m),
            ..FilePrint::default()
        };
        if role == "other_work" {
            prints.files.push(print);
            continue;
        }
        let Some(c) = category else { continue };
        let profile = intake.profiles.of(c);
        let mut report = m.with_input(|input| check(input, profile, &options));
        if c == EntryCategory::MicroFilm {
            let d = report.facts.container.as_ref().and_then(|k| k.duration);
            facts.film_duration_s = facts.film_duration_s.or(d);
            let long = &intake.profiles.micro_film_15;
            if d.is_some_and(|d| long.video.min_duration_s.is_some_and(|min| d >= min)) {
                report = check_facts_with(report.facts, long, &options.author);
            }
        }
        report.facts.path = m.path.clone();
        profile_name.get_or_insert_with(|| report.profile.clone());
        if let Some(f) = &facts.form {
            facts
                .author_hits
                .extend(super::author::search(&report.facts, f, &m.path));
        }
        print.photo = report.facts.image.as_ref().and_then(|i| i.fingerprint);
        print.frames = report
            .facts
            .container
            .iter()
            .flat_map(|c| &c.tracks)
            .filter_map(|t| t.video.as_ref()?.frames.as_ref())
            .flat_map(|f| f.fingerprints.iter().copied())
            .collect();
        if let Some(t) = report.facts.text.as_mut() {
            print.text = Some(duplicates::normalise(&t.body));
            t.body = String::new();
        }
        prints.files.push(print);
        files.push(report);
    }
    facts.form_view = facts.form.as_ref().map(|f| f.view(intake.mask_names));
    let groups = if category == Some(EntryCategory::Photo) {
        crate::group::groups(&files, &[])
    } else {
        Vec::new()
    };
    let report = EntryReport {
        profile: profile_name.or_else(|| category.map(|c| intake.profiles.of(c).name.clone())),
        verdict: Verdict::Pass,
        facts,
        findings: Vec::new(),
        files,
        groups,
    };
    prints.label = if reference {
        r.source.clone()
    } else {
        report.display_name().to_string()
    };
    (report, prints)
}

/// BLAKE3 of a member's content; `None` for an empty or unreadable one.
fn content_hash(m: &Member) -> Option<[u8; 32]> {
    if m.size == 0 {
        return None;
    }
    let mut h = blake3::Hasher::new();
    match &m.data {
        Data::Memory(b) => {
            h.update(b);
        }
        Data::File(p) | Data::Temp(p) => {
            let f = std::fs::File::open(p).ok()?;
            h.update_reader(f).ok()?;
        }
    }
    Some(*h.finalize().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_that_cannot_be_read_is_said_not_called_empty() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path().join("扶贫征集-自荐-文字类-山路");
        std::fs::create_dir(&root).expect("dir");
        std::fs::write(root.join("故事.txt"), "故事").expect("file");
        let mut got = receive::receive(&root, &Limits::default());
        let r = got.pop().expect("an entry");
        // Gone between unpacking and judging (as a file the user may not read is).
        std::fs::remove_file(root.join("故事.txt")).expect("removed");
        let intake = Intake::new(Profiles::builtin(None).expect("profiles"));
        let (report, _) = judge(r, &intake, false);
        let p = &report.facts.unpack_problems;
        assert!(
            p.iter().any(|p| p.kind == "unreadable"
                && p.member == "故事.txt"
                && p.detail.en.starts_with("cannot be read")),
            "{p:?}"
        );
        assert!(report
            .facts
            .contents
            .iter()
            .all(|c| c.kind != FileKind::Empty));
    }
}
