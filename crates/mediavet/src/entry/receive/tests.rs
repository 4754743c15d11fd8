//! Unpacking within bounds.

use super::archive::zip_name;
use super::*;
use std::io::Write;

fn zip_of(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in members {
        w.start_file(*name, options).expect("a member");
        w.write_all(data).expect("written");
    }
    w.finish().expect("finished").into_inner()
}

#[test]
fn large_members_spill_into_a_private_directory_removed_with_the_entry() {
    let limits = Limits {
        in_memory: 1024,
        ..Limits::default()
    };
    let zip = zip_of(&[
        ("big.txt", vec![b'a'; 4096]),
        ("small.txt", b"abc".to_vec()),
    ]);
    let mut got = receive_bytes("e.zip", zip, &limits);
    let r = got.remove(0);
    let spilled = match &r.members[0].data {
        Data::Temp(p) => p.clone(),
        other => panic!("not spilled: {other:?}"),
    };
    assert!(matches!(r.members[1].data, Data::Memory(_)));
    assert_eq!(std::fs::read(&spilled).expect("spilled file").len(), 4096);
    let dir = spilled.parent().expect("its directory").to_path_buf();
    assert!(dir
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("mediavet-")));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dir)
            .expect("the directory")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
    drop(r);
    assert!(!dir.exists(), "the private directory outlived its entry");
    // Small members spill too once the entry holds its budget in memory.
    let tight = Limits {
        memory: 5000,
        ..Limits::default()
    };
    let zip = zip_of(&[("a.txt", vec![b'a'; 4000]), ("b.txt", vec![b'b'; 4000])]);
    let r = receive_bytes("e.zip", zip, &tight).remove(0);
    assert!(matches!(r.members[0].data, Data::Memory(_)));
    assert!(matches!(r.members[1].data, Data::Temp(_)));
}

#[test]
fn bounds_on_inflation_members_and_depth() {
    let zeros = zip_of(&[("zeros.bin", vec![0; 8 << 20])]);
    let r = receive_bytes("bomb.zip", zeros.clone(), &Limits::default()).remove(0);
    assert_eq!(
        r.problems
            .iter()
            .map(|p| (p.member.as_str(), p.kind))
            .collect::<Vec<_>>(),
        [("bomb.zip/zeros.bin", "bomb")]
    );
    assert!(r.members.is_empty());
    let small = Limits {
        max_inflated: 1 << 20,
        max_ratio: 1e9,
        ..Limits::default()
    };
    let r = receive_bytes("big.zip", zeros, &small).remove(0);
    assert!(
        r.problems[0]
            .detail
            .en
            .contains("inflates to more than 1 MiB"),
        "{:?}",
        r.problems
    );
    let three = zip_of(&[("a", vec![1]), ("b", vec![2]), ("c", vec![3])]);
    let two = Limits {
        max_members: 2,
        ..Limits::default()
    };
    let r = receive_bytes("three.zip", three, &two).remove(0);
    assert_eq!(r.members.len(), 2);
    assert_eq!(
        r.problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
        ["too_many"]
    );
    let inner = zip_of(&[("story.txt", b"story".to_vec())]);
    let middle = zip_of(&[("inner.zip", inner)]);
    let outer = zip_of(&[("middle.zip", middle)]);
    let r = receive_bytes(
        "outer.zip",
        outer,
        &Limits {
            max_depth: 1,
            ..Limits::default()
        },
    )
    .remove(0);
    // The archive given is the first level; the one inside it would be the second.
    assert_eq!(
        r.problems
            .iter()
            .map(|p| (p.member.as_str(), p.kind))
            .collect::<Vec<_>>(),
        [("outer.zip/middle.zip", "too_deep")]
    );
    assert_eq!(
        r.members
            .iter()
            .map(|m| m.path.as_str())
            .collect::<Vec<_>>(),
        ["outer.zip/middle.zip"]
    );
}

#[test]
fn gbk_member_names_read_as_chinese() {
    let (gbk, _, _) = encoding_rs::GBK.encode("扶贫征集-自荐-图片类-山路/1.jpg");
    assert_eq!(zip_name(&gbk, "garbled"), "扶贫征集-自荐-图片类-山路/1.jpg");
    assert_eq!(zip_name("报名表.docx".as_bytes(), "x"), "报名表.docx");
    assert_eq!(zip_name(b"a.jpg", "a.jpg"), "a.jpg");
}

#[test]
fn stems() {
    assert_eq!(
        stem_of("a/扶贫征集-自荐-文字类-山路.docx"),
        "扶贫征集-自荐-文字类-山路"
    );
    assert_eq!(
        stem_of("扶贫征集-自荐-文字类-Mr.Li"),
        "扶贫征集-自荐-文字类-Mr"
    );
}

#[test]
fn a_mailbox_is_handed_on_message_by_message_and_an_oversized_one_is_not_kept() {
    let limits = Limits {
        max_mail: 4096,
        ..Limits::default()
    };
    let message = |subject: &str, body: &str| {
        format!("From a@example.com Mon Aug 10 10:00:00 2020\nSubject: {subject}\nFrom: a@example.com\n\n{body}\n")
    };
    let mut mbox = message("一", "短");
    mbox.push_str(&message("二", &"长".repeat(10_000)));
    mbox.push_str(&message("三", ">From the quoted line"));
    let mut seen = Vec::new();
    receive_bytes_each("box.mbox", mbox.into_bytes(), &limits, &mut |r| {
        seen.push((
            r.source.clone(),
            r.problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
        ))
    });
    assert_eq!(
        seen,
        [
            ("box.mbox#1".to_string(), vec![]),
            ("box.mbox#2".to_string(), vec!["too_large"]),
            ("box.mbox#3".to_string(), vec![]),
        ]
    );
}

#[test]
fn a_folders_links_and_depths_past_the_bound_are_said() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("扶贫征集-自荐-文字类-山路");
    let mut deep = root.clone();
    for i in 0..20 {
        deep = deep.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).expect("dirs");
    std::fs::write(deep.join("lost.txt"), "x").expect("file");
    std::fs::write(root.join("故事.txt"), "故事").expect("file");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", root.join("link.txt")).expect("link");
    let got = receive(&root, &Limits::default());
    let kinds: Vec<(&str, &str)> = got[0]
        .problems
        .iter()
        .map(|p| (p.member.as_str(), p.kind))
        .collect();
    assert!(kinds.iter().any(|(_, k)| *k == "too_deep"), "{kinds:?}");
    #[cfg(unix)]
    assert!(kinds.contains(&("link.txt", "unsupported")), "{kinds:?}");
    assert_eq!(got[0].members.len(), 1, "the story only");
}

#[test]
fn dirs_of_runs_that_died_are_swept() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dead = tmp.path().join("mediavet-4000000000-abc");
    let mine = tmp
        .path()
        .join(format!("mediavet-{}-def", std::process::id()));
    let other = tmp.path().join("unrelated");
    for d in [&dead, &mine, &other] {
        std::fs::create_dir(d).expect("dir");
    }
    folder::sweep_stale(tmp.path());
    assert!(!dead.exists());
    assert!(mine.exists() && other.exists());
}
