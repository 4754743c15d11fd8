"""Ten lines of mediavet: check a folder of entries and print what to fix.

Type-checked with ``mypy --strict`` by the test command.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

import mediavet


def triage(folder: Path) -> int:
    reports: List[mediavet.Report] = mediavet.check_many(sorted(folder.iterdir()), profile="micro-video", lang="zh")
    for report in reports:
        print(report.verdict, report.path)
        for finding in report.findings:
            if finding.severity != "info":
                measured = finding.measured.text if finding.measured else "-"
                print(f"  {finding.rule}: {measured} — {finding.message}")
    return sum(not r.passed for r in reports)


def intake(mails: List[Path]) -> int:
    """Entries as received: one line per entry, then what its form and works need."""
    entries: List[mediavet.Entry] = mediavet.check_entries(mails, lang="zh")
    for entry in entries:
        form = entry.form or {}
        print(entry.verdict, entry.name, form.get("name", "（无报名表）"))
        for finding in entry.findings + [f for r in entry.files for f in r.findings]:
            if finding.severity == "error":
                print(f"  {finding.rule}: {finding.message}")
    return sum(e.verdict == "fail" for e in entries)


if __name__ == "__main__":
    sys.exit(1 if triage(Path(sys.argv[1])) else 0)
