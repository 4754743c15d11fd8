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


if __name__ == "__main__":
    sys.exit(1 if triage(Path(sys.argv[1])) else 0)
