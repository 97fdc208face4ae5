"""Bulk company facts: ``caledger import-xbrl --bulk`` on a generated archive of fictional filers.

    .venv/bin/python benchmarks/xbrl_bulk.py                   # 2,500 and 10,000 filers, SQLite
    .venv/bin/python benchmarks/xbrl_bulk.py --filers 1000 4000

Writes EDGAR-shaped archives (one ``CIK##########.json`` per filer, deflated) whose members are
about the size of a small real filer's company facts: 40 us-gaap concepts the ledger does not
read, 12 quarters each, beside the share counts every filer reports and, every 50th filer,
bitcoin balances. Each archive is imported into a new SQLite ledger in a fresh process, which
reports its own wall time and peak resident memory. The baseline, in the same run: a plain
loop that inflates every member and ``json.loads`` it, with nothing else. Memory is flat in the
archive's size if the peak barely moves while the archive grows fourfold; the peak is given
for reading the archive (up to the store) and for the whole import (the store is the ordinary
import's, whose memory grows with the records stored, not with the archive).
Prints a table (Markdown); nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
FIRST_CIK = 1_800_000
QUARTERS = [f"{y}-{md}" for y in range(2022, 2025) for md in ("03-31", "06-30", "09-30",
                                                              "12-31")]


def accn(cik: int, n: int) -> str:
    return f"{cik:010d}-{22 + n // 4:02d}-{n:06d}"


def filer(i: int) -> dict:
    cik = FIRST_CIK + i
    filed = [f"{q[:4]}-{int(q[5:7]) % 12 + 1:02d}-15" if q[5:7] != "12" else
             f"{int(q[:4]) + 1}-02-20" for q in QUARTERS]
    base = {"fy": 2024, "fp": "Q1", "form": "10-Q"}

    def series(scale: int) -> list[dict]:
        return [{"end": q, "val": scale + 17 * n, "accn": accn(cik, n), "filed": filed[n],
                 **base} for n, q in enumerate(QUARTERS)]

    us_gaap = {f"UnreadConcept{k:02d}": {"label": "not read", "units": {"USD": series(10**6 + k)}}
               for k in range(40)}
    data = {"cik": cik, "entityName": f"Benchmark Filer {i} Inc.", "tickers": [f"BF{i}"],
            "facts": {"us-gaap": us_gaap, "dei": {"EntityCommonStockSharesOutstanding": {
                "units": {"shares": series(5_000_000 + i)}}}}}
    if i % 50 == 0:
        us_gaap["CryptoAssetNumberOfUnits"] = {"units": {"BTC": series(100 + i)}}
    return data


def write_archive(path: Path, filers: int) -> tuple[int, int]:
    """(compressed bytes, uncompressed bytes) of an archive of ``filers`` filers."""
    raw = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i in range(filers):
            text = json.dumps(filer(i))
            raw += len(text)
            archive.writestr(f"CIK{FIRST_CIK + i:010d}.json", text)
    return path.stat().st_size, raw


IMPORT = r"""
import json, resource, sys, time
from ledger import api
reading = {}
store = api.store_validated

def measured(*args, **kwargs):  # the peak of reading the archive, before the store starts
    reading["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    reading["seconds"] = time.perf_counter() - start
    return store(*args, **kwargs)

api.store_validated = measured
start = time.perf_counter()
report = api.import_xbrl_bulk(sys.argv[2], sys.argv[1])
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "filers": report["filers_imported"],
                  "records": report["import"]["added"], "read_seconds": reading["seconds"],
                  "read_peak_kb": reading["peak_kb"],
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

BASELINE = r"""
import json, resource, sys, time, zipfile
start = time.perf_counter()
n = 0
with zipfile.ZipFile(sys.argv[1]) as archive:
    for info in archive.infolist():
        json.loads(archive.read(info))
        n += 1
print(json.dumps({"seconds": time.perf_counter() - start, "filers": n,
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run(script: str, *args: str) -> dict:
    out = subprocess.run([PYTHON, "-c", script, *args], check=True, capture_output=True,
                         text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filers", type=int, nargs="+", default=[2500, 10000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.filers:
            archive = Path(tmp) / f"companyfacts-{n}.zip"
            t = time.perf_counter()
            size, raw = write_archive(archive, n)
            written = time.perf_counter() - t
            baseline = run(BASELINE, str(archive))
            result = run(IMPORT, str(archive), str(Path(tmp) / f"ledger-{n}.db"))
            rows.append((n, size, raw, written, baseline, result))
            archive.unlink()
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"load average {' / '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| filers | archive (deflated / JSON) | baseline: inflate + json.loads | bulk import, "
          "whole | ratio | of which reading + validating | records stored | peak RSS while "
          "reading | peak RSS, whole import | baseline peak |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n, size, raw, _written, baseline, result in rows:
        base_rate = n / baseline["seconds"]
        rate = n / result["seconds"]
        print(f"| {n:,} | {size / 2**20:.1f} MB / {raw / 2**20:.0f} MB | {base_rate:,.0f} filers/s "
              f"({baseline['seconds']:.1f} s) | {rate:,.0f} filers/s, "
              f"{result['records'] / result['seconds']:,.0f} records/s ({result['seconds']:.1f} s) "
              f"| {rate / base_rate:.2f}x | {n / result['read_seconds']:,.0f} filers/s "
              f"({result['read_seconds']:.1f} s) | {result['records']:,} | "
              f"{result['read_peak_kb'] / 1024:.0f} MB | {result['peak_kb'] / 1024:.0f} MB | "
              f"{baseline['peak_kb'] / 1024:.0f} MB |")


if __name__ == "__main__":
    main()
