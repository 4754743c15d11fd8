"""The photo profile from Python: clarity, quality, captions and formats on the fixtures."""

from __future__ import annotations

from pathlib import Path

import mediavet

PHOTO = Path(__file__).resolve().parents[3] / "testdata" / "photo"


def test_sharp_passes_and_blurred_warns() -> None:
    sharp = mediavet.check(PHOTO / "sharp.jpg", profile="photo", lang="en")
    assert sharp.verdict == "pass", sharp.findings
    image = sharp.facts["image"]
    assert image["quality"] == {"estimate": 90, "exact": True}
    assert image["captions"] == [{"source": "XMP dc:description", "text": "易地扶贫搬迁后的新村全景"}]
    blurred = mediavet.check(PHOTO / "blurred.jpg", profile="photo", lang="en")
    assert [(f.rule, f.severity) for f in blurred.findings] == [("image.sharpness", "warning")]
    focus = blurred.findings[0].measured
    assert focus is not None and focus.value < 100 < image["sharpness"]["focus"]
    # The threshold is profile data.
    assert mediavet.check(PHOTO / "blurred.jpg", profile="photo", image={"min_sharpness": 50}).verdict == "pass"


def test_photo_in_memory_matches_the_file() -> None:
    path = PHOTO / "q40.jpg"
    on_disk = mediavet.check(path, profile="photo", lang="en")
    in_memory = mediavet.check_bytes(path.read_bytes(), "转发.jpg", profile="photo", lang="en")
    assert [f.to_dict() for f in in_memory.findings] == [f.to_dict() for f in on_disk.findings]
    assert in_memory.findings[0].rule == "image.quality"


def test_disguised_and_hostile_images() -> None:
    heic = mediavet.check(PHOTO / "heic_named.jpg", profile="photo", lang="en")
    assert heic.kind == "heif" and heic.findings[0].rule == "image.format"
    bomb = mediavet.check(PHOTO / "bomb_100000.jpg", profile="photo", lang="en")
    assert {"image.format", "image.too_large"} <= {f.rule for f in bomb.findings}
