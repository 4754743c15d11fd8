"""mediavet: check media submissions against a delivery spec.

>>> import mediavet
>>> report = mediavet.check("entry.mp4", profile="micro-video", lang="en")  # doctest: +SKIP
>>> report.verdict, [f.rule for f in report.findings]  # doctest: +SKIP
('fail', ['video.bitrate', 'video.codec'])

Checking releases the GIL, so threads run checks in parallel; ``check_many`` does that
for you on a pool of native threads. A media file that cannot be read gives a Report
with verdict ``"unreadable"``; exceptions are for mistakes, all :class:`Error`: a bad
profile is a :class:`ProfileError`, a missing path a :class:`MissingFileError` (also a
``FileNotFoundError``), a bad argument a :class:`UsageError`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Literal, Optional, Union

from . import _native
from ._native import (
    Error,
    FileAccessError,
    MissingFileError,
    PathError,
    Profile,
    ProfileError,
    UsageError,
)

__all__ = [
    "Entry",
    "Error",
    "FileAccessError",
    "Finding",
    "MissingFileError",
    "PathError",
    "Profile",
    "ProfileError",
    "Quantity",
    "Report",
    "Severity",
    "UsageError",
    "Verdict",
    "check",
    "check_bytes",
    "check_entries",
    "check_entry",
    "check_many",
    "load_profile",
    "probe",
    "profiles",
    "rules",
    "write_csv",
    "write_entries_csv",
    "write_html",
]

PathLike = Union[str, "os.PathLike[str]"]
ProfileLike = Union[str, Profile]
Severity = Literal["error", "warning", "info"]
"""How much a finding matters."""
Verdict = Literal["pass", "warn", "fail", "unreadable"]
"""The judgement on one file."""
Author = Dict[str, str]
"""The entrant's details for ``text.author_info``: ``name``, ``unit``, ``phone``, ``email``."""


@dataclass(frozen=True)
class Quantity:
    """A measured or expected value: ``value`` in base units, ``unit``, display ``text``."""

    value: Any
    unit: Optional[str]
    text: str

    @classmethod
    def _from(cls, d: Optional[Dict[str, Any]]) -> Optional["Quantity"]:
        return None if d is None else cls(d["value"], d.get("unit"), d["text"])


@dataclass(frozen=True)
class Finding:
    """One rule's judgement on one file."""

    rule: str
    severity: Severity
    measured: Optional[Quantity]
    expected: Optional[Quantity]
    message: str
    hint: Optional[str]

    def to_dict(self) -> Dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "measured": None if self.measured is None else vars(self.measured).copy(),
            "expected": None if self.expected is None else vars(self.expected).copy(),
            "message": self.message,
            "hint": self.hint,
        }

    def __repr__(self) -> str:
        return f"Finding({self.severity} {self.rule}: {self.message})"


@dataclass(frozen=True)
class Report:
    """The verdict on one file: ``pass``, ``warn``, ``fail`` or ``unreadable``."""

    path: str
    profile: str
    kind: str
    verdict: Verdict
    findings: List[Finding]
    facts: Dict[str, Any]
    sheet_row: List[str] = field(default_factory=list, repr=False)
    """This report's row of the triage sheet (made natively from the typed report)."""
    level_band: Optional[Dict[str, Any]] = field(default=None, repr=False)
    """The profile's audio level band (``meter``, ``min_db``, ``max_db``), when it sets one."""

    @property
    def passed(self) -> bool:
        """True for ``pass`` and ``warn``."""
        return self.verdict in ("pass", "warn")

    def to_dict(self) -> Dict[str, Any]:
        return {
            "path": self.path,
            "profile": self.profile,
            "kind": self.kind,
            "verdict": self.verdict,
            "facts": self.facts,
            "findings": [f.to_dict() for f in self.findings],
            "sheet_row": self.sheet_row,
            "level_band": self.level_band,
        }

    def to_json(self, indent: Optional[int] = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def _repr_html_(self) -> str:
        """This report as the HTML report's card (Jupyter shows it; words in Chinese)."""
        return _native.html_card_from_json(self.to_json(), "zh")

    def __repr__(self) -> str:
        errors = sum(f.severity == "error" for f in self.findings)
        warnings = sum(f.severity == "warning" for f in self.findings)
        return f"Report({self.verdict}: {self.path!r}, {errors} errors, {warnings} warnings)"

    @classmethod
    def _from(cls, d: Dict[str, Any]) -> "Report":
        findings = [
            Finding(
                f["rule"],
                f["severity"],
                Quantity._from(f["measured"]),
                Quantity._from(f["expected"]),
                f["message"],
                f["hint"],
            )
            for f in d["findings"]
        ]
        return cls(
            d["path"], d["profile"], d["kind"], d["verdict"], findings, d["facts"], d.get("sheet_row", []), d.get("level_band")
        )


def _findings(items: List[Dict[str, Any]]) -> List[Finding]:
    return [
        Finding(f["rule"], f["severity"], Quantity._from(f["measured"]), Quantity._from(f["expected"]), f["message"], f["hint"])
        for f in items
    ]


EntryVerdict = Literal["pass", "warn", "fail"]
"""The judgement on one entry (an unreadable work fails its entry)."""


@dataclass(frozen=True)
class Entry:
    """One entry as received (a mail, a mailbox message, an archive, a folder): its own
    findings (name, form, contents, duplicates) and its works' :class:`Report` s.

    ``form`` is the registration form as reports show it: ID number, phone, e-mail and
    address masked; the name as given unless ``mask_names``.
    """

    source: str
    name: str
    category: Optional[str]
    profile: Optional[str]
    verdict: EntryVerdict
    own_verdict: EntryVerdict
    works_verdict: Verdict
    findings: List[Finding]
    files: List[Report]
    facts: Dict[str, Any] = field(repr=False)
    sheet_row: List[str] = field(default_factory=list, repr=False)
    """This entry's row of the intake sheet."""

    @property
    def form(self) -> Optional[Dict[str, Any]]:
        """The form's masked view, when a form was read."""
        view: Optional[Dict[str, Any]] = self.facts.get("form_view")
        return view

    @property
    def duplicates(self) -> List[Dict[str, Any]]:
        """The same work (or ID number) found in other entries or reference material."""
        found: List[Dict[str, Any]] = self.facts.get("duplicates", [])
        return found

    def to_dict(self) -> Dict[str, Any]:
        return {
            "source": self.source,
            "name": self.name,
            "category": self.category,
            "profile": self.profile,
            "verdict": self.verdict,
            "own_verdict": self.own_verdict,
            "works_verdict": self.works_verdict,
            "findings": [f.to_dict() for f in self.findings],
            "files": [r.to_dict() for r in self.files],
            "facts": self.facts,
            "sheet_row": self.sheet_row,
        }

    def __repr__(self) -> str:
        errors = sum(f.severity == "error" for f in self.findings)
        return f"Entry({self.verdict}: {self.name!r}, {errors} entry errors, {len(self.files)} files)"

    @classmethod
    def _from(cls, d: Dict[str, Any]) -> "Entry":
        return cls(
            d["source"],
            d["name"],
            d["category"],
            d["profile"],
            d["verdict"],
            d["own_verdict"],
            d["works_verdict"],
            _findings(d["findings"]),
            [Report._from(r) for r in d["files"]],
            d["facts"],
            d.get("sheet_row", []),
        )


EntryInput = Union[PathLike, bytes]


def _entry_inputs(inputs: Iterable[Union[EntryInput, "tuple[str, bytes]"]], name: Optional[str]) -> List[Any]:
    out: List[Any] = []
    for i in inputs:
        if isinstance(i, (bytes, bytearray, memoryview)):
            if name is None:
                raise UsageError("bytes need a name: check_entry(data, name='entry.eml')")
            out.append((name, bytes(i)))
        elif isinstance(i, tuple):
            out.append((str(i[0]), bytes(i[1])))
        else:
            out.append(os.fspath(i))
    return out


def check_entries(
    inputs: Iterable[Union[EntryInput, "tuple[str, bytes]"]],
    lang: str = "zh",
    reference: Iterable[PathLike] = (),
    jobs: Optional[int] = None,
    mask_names: bool = False,
    ffmpeg: bool = True,
    thumbnails: bool = False,
    **options: Any,
) -> List[Entry]:
    """Check entries as received, as ``mediavet intake`` does: each input is a path (an
    ``.eml``, an ``.mbox`` — one entry per message —, a folder, a ``.zip``/``.7z``/``.rar``)
    or a ``(name, bytes)`` pair. Entries are compared with each other and with the
    ``reference`` folders for works submitted twice.

    ``options`` are laid over every category's built-in profile, by section, e.g.
    ``check_entries(paths, entry={"sent_until": datetime.date(2020, 9, 30)})``.
    ``thumbnails`` keeps small pictures of what was decoded, for :func:`write_html`.
    """
    raw = _native.check_entries_json(
        _entry_inputs(inputs, None),
        lang,
        [os.fspath(r) for r in reference],
        jobs,
        options,
        mask_names,
        ffmpeg,
        thumbnails,
    )
    return [Entry._from(d) for d in json.loads(raw)["entries"]]


def check_entry(
    path_or_bytes: EntryInput,
    name: Optional[str] = None,
    lang: str = "zh",
    reference: Iterable[PathLike] = (),
    mask_names: bool = False,
    ffmpeg: bool = True,
    thumbnails: bool = False,
    **options: Any,
) -> Entry:
    """Check one entry: a path, or bytes (a mail or archive held in memory) with their
    file ``name``. Raises :class:`UsageError` when the input holds several entries (a
    mailbox, a folder of entry folders): use :func:`check_entries` for those."""
    entries = check_entries(
        _entry_inputs([path_or_bytes], name), lang, reference, None, mask_names, ffmpeg, thumbnails, **options
    )
    if len(entries) != 1:
        raise UsageError(f"the input holds {len(entries)} entries: use check_entries")
    return entries[0]


def write_entries_csv(entries: Iterable[Entry], path: PathLike) -> None:
    """Write the intake sheet (one row per entry, UTF-8 with BOM) of ``mediavet intake --format csv``."""
    sheet = _native.entries_csv_from_json(json.dumps([e.to_dict() for e in entries]))
    with open(os.fspath(path), "w", encoding="utf-8", newline="") as out:
        out.write(sheet)


def _profile(profile: Union[ProfileLike, "os.PathLike[str]"]) -> ProfileLike:
    return profile if isinstance(profile, (str, Profile)) else os.fspath(profile)


def check(
    path: PathLike,
    profile: ProfileLike = "micro-video",
    lang: str = "zh",
    author: Optional[Author] = None,
    thumbnails: bool = False,
    **options: Any,
) -> Report:
    """Check one file.

    ``profile`` is a built-in name, a TOML file, TOML text or a :class:`Profile`.
    ``options`` are laid over the profile as one more layer, by section as in a profile
    file, e.g. ``check(p, video={"min_bitrate_mbps": 20}, severity={"media.date": "error"})``.
    ``author`` gives this entry's author, searched for in a text's body. ``thumbnails``
    keeps small pictures of what was decoded (a video's analysed frames, a photo) in
    ``facts["thumbnails"]``, which :func:`write_html` and the notebook card show.
    """
    raw = _native.check_json(os.fspath(path), _profile(profile), lang, options, author, thumbnails)
    return Report._from(json.loads(raw))


def check_bytes(
    data: bytes,
    filename: str,
    profile: ProfileLike = "micro-video",
    lang: str = "zh",
    author: Optional[Author] = None,
    thumbnails: bool = False,
    **options: Any,
) -> Report:
    """Check a file held in memory (a mail attachment); ``filename`` gives its name."""
    raw = _native.check_bytes_json(bytes(data), filename, _profile(profile), lang, options, author, thumbnails)
    return Report._from(json.loads(raw))


def check_many(
    paths: Iterable[PathLike],
    profile: ProfileLike = "micro-video",
    lang: str = "zh",
    jobs: Optional[int] = None,
    author: Optional[Author] = None,
    thumbnails: bool = False,
    **options: Any,
) -> List[Report]:
    """Check many files in parallel on ``jobs`` native threads (default: one per core).

    Reports come back in the order of ``paths``; one bad file never stops the batch.
    """
    files = [os.fspath(p) for p in paths]
    raw = _native.check_many_json(files, _profile(profile), lang, jobs, options, author, thumbnails)
    return [Report._from(d) for d in json.loads(raw)]


def probe(path: PathLike) -> Dict[str, Any]:
    """The facts of one file (no judgement), as in ``mediavet probe``.

    Raises :class:`MissingFileError` (a ``FileNotFoundError``) when ``path`` does not exist.
    """
    facts: Dict[str, Any] = json.loads(_native.probe_json(os.fspath(path)))
    return facts


def profiles() -> List[str]:
    """Names of the built-in profiles."""
    return _native.profiles()


def rules() -> List[Dict[str, str]]:
    """Every rule: ``id``, ``default_severity``, ``summary``, ``doc``."""
    listed: List[Dict[str, str]] = json.loads(_native.rules_json())
    return listed


def load_profile(path_or_toml_text: Union[str, "os.PathLike[str]"]) -> Profile:
    """A profile from a built-in name, a TOML file, or TOML text."""
    return _native.load_profile(os.fspath(path_or_toml_text))


def write_html(items: Iterable[Union[Report, Entry]], path: PathLike, lang: str = "zh") -> None:
    """Write the page of ``mediavet check --format html`` for reports, or of ``mediavet
    intake --format html`` for entries, its words in ``lang`` (``zh`` or ``en``; the
    findings keep the language they were checked in). Pictures appear when the check kept
    them (``thumbnails=True``)."""
    listed = list(items)
    entries = [i for i in listed if isinstance(i, Entry)]
    if entries and len(entries) != len(listed):
        raise UsageError("write_html takes reports or entries, not both")
    if entries:
        page = _native.html_entries_from_json(json.dumps([e.to_dict() for e in entries]), lang)
    else:
        page = _native.html_from_json(json.dumps([r.to_dict() for r in listed if isinstance(r, Report)]), lang)
    with open(os.fspath(path), "w", encoding="utf-8") as out:
        out.write(page)


def write_csv(reports: Iterable[Report], path: PathLike) -> None:
    """Write the triage sheet of ``mediavet check --format csv`` (UTF-8 with BOM) for ``reports``."""
    sheet = _native.csv_from_json(json.dumps([r.to_dict() for r in reports]))
    with open(os.fspath(path), "w", encoding="utf-8", newline="") as out:
        out.write(sheet)
