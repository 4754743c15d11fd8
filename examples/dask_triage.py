"""Fan mediavet checks out over a Dask cluster and gather one triage sheet.

A national-size intake keeps its entries on shared storage; every worker runs
``mediavet.check`` on the files it is given (the check releases the GIL, and each
worker process has its own native threads), and the client writes the same CSV as
``mediavet check --format csv``.

    pip install "dask[distributed]" mediavet
    python examples/dask_triage.py tcp://scheduler:8786 /shared/entries sheet.csv
    python examples/dask_triage.py local /shared/entries sheet.csv   # a local 2-worker cluster
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

from dask.distributed import Client, LocalCluster

import mediavet


def triage(client: Client, entries: List[str], sheet: Path, profile: str = "micro-video", lang: str = "zh") -> List[mediavet.Report]:
    """Check ``entries`` on the cluster behind ``client``; write ``sheet``; return reports in input order."""
    futures = client.map(mediavet.check, entries, profile=profile, lang=lang, pure=False)
    reports: List[mediavet.Report] = client.gather(futures)
    mediavet.write_csv(reports, sheet)
    return reports


def main(scheduler: str, folder: str, sheet: str) -> int:
    entries = sorted(str(p) for p in Path(folder).rglob("*") if p.is_file())
    if scheduler == "local":
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster, Client(cluster) as client:
            reports = triage(client, entries, Path(sheet))
    else:
        with Client(scheduler) as client:
            reports = triage(client, entries, Path(sheet))
    failed = sum(not r.passed for r in reports)
    print(f"{len(reports)} entries checked, {failed} need attention; sheet written to {sheet}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
