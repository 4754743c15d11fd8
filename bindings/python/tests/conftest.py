"""Shared fixtures: paths to the generated test media and a synthetic heavy input."""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
VIDEO = ROOT / "testdata" / "video"
# micro-video without the OCR text search, for the tests that check the whole fixture
# folder (the file says why).
NO_TEXT = str(ROOT / "testdata" / "profiles" / "no-text.toml")

# Set by scripts/test.sh (and so in CI): a test that would skip (no corpus, no oracle
# module, no CLI binary) fails instead, so a green run means every test ran.
REQUIRE = "MEDIAVET_REQUIRE_ORACLES"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.skipped and os.environ.get(REQUIRE):
        report.outcome = "failed"
        report.longrepr = f"cannot skip under {REQUIRE}: {report.longrepr}"


@pytest.fixture
def video() -> Path:
    return VIDEO


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body) + 8) + kind + body


def many_samples_movie(samples: int) -> bytes:
    """An MP4 whose tables list ``samples`` one-byte samples: every per-sample pass
    (peak window, chunk placement) walks them all, which makes the check CPU-bound."""
    full = b"\0\0\0\0"
    stbl = b"".join(
        [
            box(b"stts", full + struct.pack(">III", 1, samples, 1)),
            box(b"stsz", full + struct.pack(">II", 1, samples)),
            box(b"stsc", full + struct.pack(">IIII", 1, 1, samples, 1)),
            box(b"stco", full + struct.pack(">II", 1, 16)),
        ]
    )
    mdhd = box(b"mdhd", full + bytes(8) + struct.pack(">II", 1000, samples) + b"\x55\xc4\0\0")
    hdlr = box(b"hdlr", full + bytes(4) + b"vide" + bytes(12) + b"\0")
    moov = box(b"moov", box(b"trak", box(b"mdia", mdhd + hdlr + box(b"minf", box(b"stbl", stbl)))))
    return box(b"ftyp", b"isom\0\0\0\0isom") + moov + box(b"mdat", bytes(samples))
