"""Text counts against an independent counter: 字数 as Word shows it, computed here from
Unicode's East Asian Width property (W/F characters one each, plus the Chinese dashes,
curly quotes and ellipsis, which are "ambiguous" width; other runs one word each), on
every .txt of ../shared/corpus/text. Skips when the corpus is absent."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

import mediavet

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "text"
PYTHON_CODECS = {"UTF-8": "utf-8-sig", "GBK": "gbk", "Big5": "big5", "UTF-16LE": "utf-16", "UTF-16BE": "utf-16"}


# Punctuation both scripts use; Word counts it as East Asian next to East Asian text only.
AMBIGUOUS = {chr(c) for c in range(0x2013, 0x2027)} | {"§", "·"}


def wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def word_count(text: str) -> int:
    chars = [ch for ch in text if ch != "\ufeff"]

    def next_to_wide(i: int) -> bool:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(chars) and chars[j] in AMBIGUOUS:
                j += step
            if 0 <= j < len(chars) and wide(chars[j]):
                return True
        return False

    n, in_word = 0, False
    for i, ch in enumerate(chars):
        if ch.isspace():
            in_word = False
        elif wide(ch) or (ch in AMBIGUOUS and next_to_wide(i)):
            n, in_word = n + 1, False
        elif not in_word:
            n, in_word = n + 1, True
    return n


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus")
def test_word_counts_agree_with_an_independent_counter() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 10
    for path in files:
        text = mediavet.probe(path)["text"]
        decoded = path.read_bytes().decode(PYTHON_CODECS[text["encoding"]], errors="replace")
        assert text["counts"]["words"] == word_count(decoded), path.name
