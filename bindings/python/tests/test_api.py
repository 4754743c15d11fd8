"""The Python API on the generated fixtures: verdicts, rule ids, measured numbers."""

from __future__ import annotations

import json
import pathlib
import threading
import time
from pathlib import Path

import pytest

import mediavet
from conftest import NO_TEXT, many_samples_movie


def test_check_measures_the_bitrate(video: Path) -> None:
    r = mediavet.check(str(video / "declared_15m.mp4"), lang="en")
    assert r.verdict == "fail" and not r.passed
    assert r.profile == "micro-video" and r.kind == "mp4"
    f = r.findings[0]
    assert (f.rule, f.severity) == ("video.bitrate", "error")
    assert f.measured is not None and f.measured.value == 14_656_452.0 and f.measured.unit == "bit/s"
    assert f.expected is not None and f.expected.value == 15_000_000.0
    assert "14.66 Mb/s" in f.message and f.hint is not None and "ffmpeg" in f.hint
    assert r.facts["container"]["tracks"][0]["bitrate"] == 14_656_452.0


def test_pathlike_and_chinese(video: Path) -> None:
    r = mediavet.check(video / "portrait_rotated.mp4")
    assert r.verdict == "fail"
    resolution = next(f for f in r.findings if f.rule == "video.resolution")
    assert "竖屏" in resolution.message
    assert mediavet.check(video / "pass_1080p_18m.mp4").verdict == "pass"


def test_unreadable_media_is_a_report_not_an_exception(video: Path, tmp_path: Path) -> None:
    r = mediavet.check(video / "truncated_half.mp4", lang="en")
    assert r.verdict == "unreadable"
    assert "truncated at 51%" in r.findings[0].message
    missing = mediavet.check(tmp_path / "nope.mp4")
    assert missing.verdict == "unreadable"


def test_check_bytes_matches_check(video: Path) -> None:
    # Decoded in-process either way (H.264 without B-pictures): the same report.
    for name in ("gop2s_bf0.mp4", "hd720.mp4"):
        path = video / name
        from_disk = mediavet.check(path, lang="en")
        in_memory = mediavet.check_bytes(path.read_bytes(), name, lang="en")
        assert in_memory.path == name
        disk = [f.to_dict() for f in from_disk.findings]
        memory = [f.to_dict() for f in in_memory.findings]
        if name == "hd720.mp4":
            # One keyframe and B-pictures: from disk ffmpeg decodes the pictures between
            # keyframes, from memory it cannot, so only the watermark finding differs.
            disk = [f for f in disk if f["rule"] != "video.watermark"]
            memory = [f for f in memory if f["rule"] != "video.watermark"]
        assert memory == disk, name
    png = mediavet.check_bytes((video / "png_named.mp4").read_bytes(), "附件.mp4", lang="en")
    assert png.kind == "png" and png.findings[0].rule == "file.kind"


def test_probe_gives_facts(video: Path) -> None:
    facts = mediavet.probe(video / "hevc_hvc1.mp4")
    tracks = facts["container"]["tracks"]
    assert tracks[0]["codec"] == "hvc1" and tracks[0]["bitrate"] == 435_496.0
    assert tracks[1]["audio"]["channels"] == 2
    # A missing path is a FileNotFoundError (issue 14), and a mediavet.Error too.
    with pytest.raises(FileNotFoundError) as missing:
        mediavet.probe("/no/such/file.mp4")
    assert isinstance(missing.value, mediavet.MissingFileError)
    assert isinstance(missing.value, mediavet.Error)
    assert missing.value.errno == 2 and missing.value.filename == "/no/such/file.mp4"
    assert str(missing.value) == "[Errno 2] No such file or directory: '/no/such/file.mp4'"


def test_check_many_keeps_order_and_values(video: Path) -> None:
    paths = sorted(video.iterdir())
    many = mediavet.check_many(paths, NO_TEXT, lang="en", jobs=2)
    assert [r.path for r in many] == [str(p) for p in paths]
    assert [r.to_dict() for r in many] == [mediavet.check(p, NO_TEXT, lang="en").to_dict() for p in paths]
    verdicts = {Path(r.path).name: r.verdict for r in many}
    assert verdicts["pass_1080p_18m.mp4"] == "pass"
    assert verdicts["truncated_faststart.mp4"] == "unreadable"


def test_options_override_the_profile(video: Path) -> None:
    path = video / "declared_15m.mp4"
    assert mediavet.check(path, video={"min_bitrate_mbps": 14.5}).verdict == "pass"
    assert mediavet.check(path, severity={"video.bitrate": "warning"}).verdict == "warn"
    with pytest.raises(mediavet.ProfileError, match="nope"):
        mediavet.check(path, severity={"nope": "off"})


def test_options_are_a_layer_of_python_values(video: Path) -> None:
    import datetime

    path = video / "declared_15m.mp4"
    # Tables merge: the other [video] values of the profile stay (1920×1080 still asked).
    r = mediavet.check(path, lang="en", video={"min_bitrate_mbps": 14.5, "width": 1280})
    assert [f.rule for f in r.findings if f.severity == "error"] == ["video.resolution"]
    # A datetime.date is a date, with no TOML text in between.
    r = mediavet.check(path, lang="en", date={"earliest": datetime.date(2030, 1, 1), "latest": datetime.date(2031, 1, 1)})
    assert "media.date" in {f.rule for f in r.findings}
    with pytest.raises(mediavet.ProfileError, match="widht"):
        mediavet.check(path, video={"widht": 1920})
    with pytest.raises(mediavet.ProfileError, match="positive"):
        mediavet.check(path, video={"min_bitrate_mbps": -1})
    with pytest.raises(mediavet.UsageError, match="options.video.width"):
        mediavet.check(path, video={"width": object()})
    with pytest.raises(mediavet.UsageError, match="author"):
        mediavet.check(path, author={"nmae": "王秀英"})
    with pytest.raises(FileNotFoundError):
        mediavet.load_profile("/no/such/profile.toml")


def test_profiles_and_rules() -> None:
    assert mediavet.profiles() == ["micro-video", "micro-film-5", "micro-film-15", "photo", "text"]
    rules = {r["id"]: r for r in mediavet.rules()}
    assert rules["video.bitrate"]["default_severity"] == "error"
    assert rules["media.date"]["default_severity"] == "warning"
    assert rules["video.bitrate"]["doc"].startswith("video.bitrate — ")


def test_load_profile_from_name_file_and_text(video: Path, tmp_path: Path) -> None:
    assert mediavet.load_profile("micro-film-15").name == "micro-film-15"
    text = 'extends = "micro-video"\nname = "lenient"\n[video]\nmin_bitrate_mbps = 10\n'
    from_text = mediavet.load_profile(text)
    file = tmp_path / "lenient.toml"
    file.write_text(text, encoding="utf-8")
    from_file = mediavet.load_profile(file)
    assert from_text.name == from_file.name == "lenient"
    assert mediavet.check(video / "declared_15m.mp4", profile=from_file).verdict == "pass"
    assert repr(from_text) == 'Profile("lenient")'


def test_a_profile_path_holding_an_equals_sign_is_a_path(video: Path, tmp_path: Path) -> None:
    folder = tmp_path / "contest=2024"
    folder.mkdir()
    file = folder / "strict.toml"
    file.write_text('extends = "micro-video"\n[video]\nmin_bitrate_mbps = 20\n', encoding="utf-8")
    for source in (file, str(file)):
        profile = mediavet.load_profile(source)
        # Named after its file, not after the built-in it extends.
        assert profile.name == "strict"
    report = mediavet.check(video / "pass_1080p_18m.mp4", profile=str(file))
    assert report.profile == "strict"
    with pytest.raises(mediavet.Error, match="missing=1.toml"):
        mediavet.load_profile(str(folder / "missing=1.toml"))


def test_errors_are_typed(video: Path) -> None:
    with pytest.raises(mediavet.ProfileError, match="line 3"):
        mediavet.load_profile('name = "x"\n[video]\nmin_bitrate_mbps = -1\n')
    with pytest.raises(mediavet.UsageError, match="unknown profile"):
        mediavet.check(video / "hd720.mp4", profile="no-such-profile")
    with pytest.raises(mediavet.UsageError, match="lang"):
        mediavet.check(video / "hd720.mp4", lang="fr")
    assert issubclass(mediavet.ProfileError, mediavet.Error)
    assert issubclass(mediavet.UsageError, mediavet.Error)


def test_report_serialises_and_reads_well(video: Path) -> None:
    r = mediavet.check(video / "no_audio.mp4", lang="en")
    d = json.loads(r.to_json())
    assert d["verdict"] == "fail" and d["findings"][0]["rule"] == "track.missing"
    assert repr(r) == f"Report(fail: {str(video / 'no_audio.mp4')!r}, 2 errors, 0 warnings)"
    assert repr(r.findings[0]).startswith("Finding(error track.missing: ")
    assert isinstance(pathlib.Path(r.path), pathlib.Path)


def test_checks_release_the_gil() -> None:
    """While a CPU-bound check runs in another thread, this thread keeps running Python
    code: its longest pause is a small part of the check's time (holding the GIL would
    pause it for all of it). Pauses, not a speed-up, are measured: comparing two threads'
    time with one's failed on a loaded machine."""
    data = many_samples_movie(20_000_000)
    counts: list[int] = []

    def one() -> None:
        r = mediavet.check_bytes(data, "heavy.mp4")
        counts.append(r.facts["container"]["tracks"][0]["sample_count"])

    worker = threading.Thread(target=one)
    start = time.perf_counter()
    worker.start()
    last, longest = start, 0.0
    while worker.is_alive():
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    took = time.perf_counter() - start
    worker.join()
    assert counts == [20_000_000]
    assert took > 0.1, f"the check took {took:.3f} s: too short to tell"
    assert longest < 0.5 * took, f"this thread paused {longest:.3f} s of the check's {took:.3f} s"
