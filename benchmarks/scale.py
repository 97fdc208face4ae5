"""Linear at scale (issue 26): the whole-ledger commands and the per-company ones on a large
ledger, each a whole command as a user runs it.

    .venv/bin/python benchmarks/scale.py WIDE.db NARROW.db SEED.db [--code DIR]

``WIDE`` is the 1,000,000-record ledger (1,000 companies), ``NARROW`` the same ledger's first
100 companies alone (``narrow``: the records of C0000-C0099, so each of them has the same
history in both), ``SEED`` the seed ledger. ``benchmarks/run.py`` runs this after its SQLite
half, on the ledgers it built; ``--code DIR`` runs another checkout's caledger (a baseline
from before a change). Prints each figure with its target, met or not met.

Targets: export of every company (Beancount and hledger) <= 60 s, one company <= 1 s;
``reconcile --all`` <= 60 s; ``verify`` >= 200,000 events/s; ``changes --since`` near the
head costs what the changes cost, not the ledger (the last ten changes: the wide ledger
against the narrow one <= 1.5x); each per-company command's time independent of how many
other companies the ledger holds (the same company, the wide ledger against the narrow one:
<= 1.5x). Each figure is wall time (medians of several runs where a run is short), with the
command's CPU seconds beside it: on a busy machine the wall time grows with the load, the
CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PYTHON = sys.executable
COMPANY = "C0042"


def narrow(source: Path, out: Path, companies: int = 100) -> None:
    """The records of the first ``companies`` companies of a generated ledger (and the
    amendments of their records), in the same order: each has the same history as in the
    whole ledger."""
    keep = {f"C{n:04d}" for n in range(companies)}
    ids: set[str] = set()
    with source.open() as f, out.open("w") as w:
        for line in f:
            record = json.loads(line)
            company = record.get("company") or (record.get("event") or {}).get("company")
            target = record.get("corrects") or record.get("retracts")
            if (company in keep) if company else (target in ids):
                ids.add(record["id"])
                w.write(line)


class Runner:
    """Runs caledger commands (of this checkout, or of ``code``) and times them."""

    def __init__(self, code: Path | None = None):
        self.env = dict(os.environ)
        self.cwd = None
        if code is not None:
            self.env["PYTHONPATH"] = str(code)
            self.cwd = str(code)

    def run(self, *args: str, out: str | None = None) -> tuple[float, float, str]:
        """Wall seconds, CPU seconds (the command and its processes) and its stdout."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([PYTHON, "-m", "ledger", *args], capture_output=True,
                                text=True, env=self.env, cwd=self.cwd)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise SystemExit(f"caledger {' '.join(args[:4])} failed:\n{result.stderr[-2000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu, result.stdout

    def median(self, *args: str, repeat: int = 5) -> tuple[float, float]:
        runs = [self.run(*args)[:2] for _ in range(repeat)]
        return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def head(runner: Runner, db: str) -> int:
    return int(json.loads(runner.run("verify", "--db", db, "--json")[2])["position"])


def measure(wide: str, narrow_db: str, seed: str, row: Callable[..., Any], *,
            code: Path | None = None, tmp: Path, peak: Callable[[list[str]], tuple[float, int]]
            | None = None, whole: bool = True) -> None:
    """Every figure, each reported through ``row(what, value, baseline, ratio, target,
    met)``."""
    r = Runner(code)
    # --- whole-ledger commands -----------------------------------------------------------
    if whole:
        for fmt in ("beancount", "hledger"):
            out = str(tmp / f"all.{fmt}")
            args = ["export", fmt, "--db", wide, "--out", out, "--force"]
            if peak is not None and code is None:
                wall, kb = peak([PYTHON, "-m", "ledger", *args])
                memory = f"{kb / 1024:,.0f} MB peak"
            else:
                wall, cpu, _ = r.run(*args)
                memory = f"{cpu:.1f} CPU s"
            row(f"export {fmt}, every company", f"{wall:.1f} s", memory, None, "<= 60 s",
                wall <= 60)
            Path(out).unlink(missing_ok=True)
        wall, cpu, _ = r.run("reconcile", "--all", "--json", "--db", wide)
        row("reconcile --all", f"{wall:.1f} s", f"{cpu:.1f} CPU s", None, "<= 60 s",
            wall <= 60)
    wall, cpu, text = r.run("verify", "--db", wide, "--json")
    events = json.loads(text)["events_checked"]
    row("verify, the whole chain", f"{events / wall:,.0f} ev/s", f"{events / cpu:,.0f} ev/CPU-s",
        None, ">= 200,000 ev/s", events / wall >= 200_000)
    # --- one company -----------------------------------------------------------------------
    for fmt in ("beancount", "hledger"):
        wall, cpu = r.median("export", fmt, COMPANY, "--db", wide, "--out",
                             str(tmp / f"one.{fmt}"), "--force", repeat=3)
        row(f"export {fmt}, one company", f"{wall:.2f} s", f"{cpu:.2f} CPU s", None, "<= 1 s",
            wall <= 1)
    # --- changes near the head ---------------------------------------------------------------
    times = {}
    for name, db in (("wide", wide), ("narrow", narrow_db), ("seed", seed)):
        since = max(head(r, db) - 10, 0)
        times[name] = r.median("changes", "--since", f"@{since}", "--db", db, "--json",
                               repeat=3)
    ratio = times["wide"][0] / times["narrow"][0]
    row("changes --since (last 10), wide / narrow", f"{times['wide'][0]:.2f} s",
        f"{times['narrow'][0]:.2f} s narrow, {times['seed'][0]:.2f} s seed", ratio, "<= 1.5x",
        ratio <= 1.5)
    # --- the same company, 10x wider ledger --------------------------------------------------
    commands = {
        "holdings": ["holdings", COMPANY, "--as-of", "2020-06-30"],
        "reconcile": ["reconcile", COMPANY, "--json"],
        "export beancount (one)": ["export", "beancount", COMPANY, "--out",
                                   str(tmp / "width.beancount"), "--force"],
        "series (monthly, 10 years)": ["series", COMPANY, "--from", "2016-01", "--to",
                                       "2025-12", "--every", "month", "--json"],
        "history": ["history", COMPANY, "--json"],
    }
    for name, args in commands.items():
        small = r.median(*args, "--db", narrow_db)
        large = r.median(*args, "--db", wide)
        ratio = large[0] / small[0]
        row(f"{name}: 1,000 vs 100 companies", f"{large[0]:.3f} s",
            f"{small[0]:.3f} s ({large[1]:.2f} / {small[1]:.2f} CPU s)", ratio, "<= 1.5x",
            ratio <= 1.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wide")
    parser.add_argument("narrow")
    parser.add_argument("seed")
    parser.add_argument("--code", type=Path, default=None,
                        help="run the caledger of this checkout (a baseline)")
    parser.add_argument("--no-whole", action="store_true",
                        help="skip the whole-ledger exports and reconcile --all")
    args = parser.parse_args()
    import tempfile

    def row(what: str, value: str, baseline: str, ratio: float | None, target: str,
            met: bool | None) -> None:
        verdict = "for reference" if met is None else "met" if met else "NOT met"
        extra = f", {ratio:.3g}x" if ratio is not None else ""
        print(f"  {what:<44} {value:>15}  ({baseline}{extra}; target {target}: {verdict})",
              flush=True)

    print(f"load average: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="caledger-scale-") as tmp:
        measure(args.wide, args.narrow, args.seed, row, code=args.code, tmp=Path(tmp),
                whole=not args.no_whole)
    print(f"load average: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    main()
