"""Triage sheets from Python, and the Dask example on a local 2-worker cluster."""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import mediavet
from conftest import NO_TEXT, ROOT


@functools.cache
def cli_sheet(folder: Path) -> bytes:
    """The CLI's sheet of ``folder``, made once per session (two tests compare with it)."""
    binary = ROOT / "target" / "debug" / "mediavet"
    if not binary.exists():
        pytest.skip("the mediavet binary is not built (cargo build)")
    command = [str(binary), "check", "--profile", NO_TEXT, "--format", "csv", "--lang", "zh", str(folder)]
    run = subprocess.run(command, capture_output=True)
    return run.stdout


def test_python_sheet_is_the_cli_sheet(video: Path, tmp_path: Path) -> None:
    reports = mediavet.check_many(sorted(video.iterdir()), profile=NO_TEXT)
    sheet = tmp_path / "sheet.csv"
    mediavet.write_csv(reports, sheet)
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data == cli_sheet(video)


def test_dask_example_on_a_local_cluster(video: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    spec = importlib.util.spec_from_file_location("dask_triage", ROOT / "examples" / "dask_triage.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    from dask.distributed import Client, LocalCluster

    entries = sorted(str(p) for p in video.iterdir())
    sheet = tmp_path / "dask.csv"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            reports = example.triage(client, entries, sheet, profile=NO_TEXT)
    assert [r.path for r in reports] == entries
    assert sheet.read_bytes() == cli_sheet(video)
    verdicts = {Path(r.path).name: r.verdict for r in reports}
    assert verdicts["declared_15m.mp4"] == "fail" and verdicts["pass_1080p_18m.mp4"] == "pass"


def test_python_page_is_the_cli_page(tmp_path: Path) -> None:
    binary = ROOT / "target" / "debug" / "mediavet"
    if not binary.exists():
        pytest.skip("the mediavet binary is not built (cargo build)")
    photos = sorted(str(p) for p in (ROOT / "testdata" / "photo").iterdir() if p.suffix == ".jpg")
    command = [str(binary), "check", "--profile", "photo", "--format", "html", "--lang", "zh", *photos]
    cli_page = subprocess.run(command, capture_output=True).stdout
    reports = mediavet.check_many(photos, profile="photo", lang="zh", thumbnails=True)
    page = tmp_path / "report.html"
    mediavet.write_html(reports, page)
    # Thumbnails, the photo group and its pairs included: the same page.
    assert page.read_bytes() == cli_page
    assert cli_page.count(b'<details class="card"') == len(photos)
    assert cli_page.count(b'<div class="group">') == 1
    decoded = [r for r in reports if r.facts.get("image", {}).get("sharpness")]
    assert decoded and all(len(r.facts["thumbnails"]) == 1 for r in decoded)
    assert not mediavet.check(photos[0], profile="photo").facts.get("thumbnails")
    card = reports[0]._repr_html_()
    assert card.count('<details class="card"') == 1 and Path(photos[0]).name in card
    assert "<script" not in card and "返回总览" not in card
