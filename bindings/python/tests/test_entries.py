"""Entries as received, through the typed Python API, on testdata/entries (made by its
make.py)."""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

import mediavet

ENTRIES = Path(__file__).resolve().parents[3] / "testdata" / "entries"


def test_check_entry_returns_a_typed_entry_with_the_form_masked() -> None:
    e = mediavet.check_entry(ENTRIES / "good_text.eml", lang="en", ffmpeg=False)
    assert isinstance(e, mediavet.Entry)
    assert (e.name, e.category, e.profile, e.verdict) == ("扶贫征集-自荐-文字类-山路", "text", "text", "pass")
    assert e.findings == []
    assert [r.path for r in e.files] == ["山路.docx"]
    assert isinstance(e.files[0], mediavet.Report)
    form = e.form
    assert form is not None
    assert (form["name"], form["id_number"], form["phone"]) == ("王秀英", "430***********8315", "158****6157")
    assert "430102198503158315" not in repr(e.to_dict())


def test_bytes_in_memory_give_the_same_entry_as_the_path() -> None:
    data = (ENTRIES / "gbk_photo.eml").read_bytes()
    from_memory = mediavet.check_entry(data, name="gbk_photo.eml", lang="en", ffmpeg=False)
    from_disk = mediavet.check_entry(ENTRIES / "gbk_photo.eml", lang="en", ffmpeg=False)
    assert [f.rule for f in from_memory.findings] == [f.rule for f in from_disk.findings]
    assert from_memory.verdict == from_disk.verdict == "fail"
    assert [r.path for r in from_memory.files] == ["作品.zip/老屋新颜/老屋-前.jpg", "作品.zip/老屋新颜/老屋-后.jpg"]
    with pytest.raises(mediavet.UsageError, match="bytes need a name"):
        mediavet.check_entry(data)


def test_a_mailbox_is_many_entries() -> None:
    with pytest.raises(mediavet.UsageError, match="holds 30 entries"):
        mediavet.check_entry(ENTRIES / "box30.mbox", ffmpeg=False)
    entries = mediavet.check_entries([ENTRIES / "box30.mbox", ENTRIES / "good_text.eml"], lang="en", ffmpeg=False)
    assert len(entries) == 31
    assert all(e.verdict == "pass" for e in entries)


def test_the_entry_sheet(tmp_path: Path) -> None:
    entries = mediavet.check_entries([ENTRIES / "good_text.eml", ENTRIES / "neg" / "id_check_digit.eml"], lang="en", ffmpeg=False)
    out = tmp_path / "entries.csv"
    mediavet.write_entries_csv(entries, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["entry"] for r in rows] == ["扶贫征集-自荐-文字类-山路", "扶贫征集-自荐-文字类-校验码"]
    assert [r["form_verdict"] for r in rows] == ["pass", "fail"]
    assert rows[1]["failing_rules"] == "form.id_number"


def test_python_intake_page_is_the_cli_page(tmp_path: Path) -> None:
    binary = ENTRIES.parents[1] / "target" / "debug" / "mediavet"
    if not binary.exists():
        pytest.skip("the mediavet binary is not built (cargo build)")
    inputs = [ENTRIES / "gbk_photo.eml", ENTRIES / "gbk_zip.zip", ENTRIES / "good_text.eml"]
    command = [str(binary), "intake", "--format", "html", "--lang", "en", *map(str, inputs)]
    cli_page = subprocess.run(command, capture_output=True).stdout
    entries = mediavet.check_entries(inputs, lang="en", thumbnails=True)
    page = tmp_path / "intake.html"
    mediavet.write_html(entries, page, lang="en")
    # The same page: entry cards with their works' cards and thumbnails, linked duplicates.
    assert page.read_bytes() == cli_page
    assert cli_page.count(b'<details class="card entry"') == 3 and b"data:image/jpeg;base64," in cli_page
    assert b'<ul class="dups">' in cli_page
    with pytest.raises(mediavet.UsageError, match="reports or entries"):
        mediavet.write_html([entries[0], entries[0].files[0]], page)


def test_options_layer_every_profile_and_errors_are_typed() -> None:
    e = mediavet.check_entry(
        ENTRIES / "gbk_photo.eml", lang="en", ffmpeg=False, entry={"sent_until": datetime.date(2020, 9, 30)}
    )
    assert "entry.date" not in [f.rule for f in e.findings]
    with pytest.raises(mediavet.ProfileError, match="cannot say `extends`"):
        mediavet.check_entry(ENTRIES / "good_text.eml", extends="text")
    with pytest.raises(mediavet.MissingFileError) as err:
        mediavet.check_entry(ENTRIES / "no-such.eml")
    assert isinstance(err.value, FileNotFoundError)


def test_the_form_read_agrees_with_python_docx() -> None:
    """The form as python-docx reads the Word table, beside mediavet's reading of it."""
    with zipfile.ZipFile(ENTRIES / "gbk_zip.zip") as z:
        member = next(i for i in z.infolist() if i.filename.endswith(".docx"))
        data = z.read(member)
    table = docx.Document(io.BytesIO(data)).tables[0]
    cells = [[c.text.strip() for c in row.cells] for row in table.rows]
    by_label = {}
    for row in cells:
        for label, value in zip(row, row[1:]):
            by_label.setdefault("".join(label.split()), value)
    e = mediavet.check_entry(ENTRIES / "gbk_photo.eml", lang="en", ffmpeg=False)
    form = e.form
    assert form is not None
    for key, label in [("name", "作者姓名"), ("sex", "性别"), ("ethnicity", "民族"), ("birth", "出生年月"),
                       ("unit", "工作单位"), ("post", "职务"), ("postcode", "邮编"), ("title", "作品名称"),
                       ("recommender", "推荐单位")]:
        assert form[key] == by_label[label], key
