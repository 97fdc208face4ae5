"""Latency users feel (issue 26): every command, paired run by run against a baseline.

    .venv/bin/python benchmarks/latency.py                    # the seed ledger
    .venv/bin/python benchmarks/latency.py --large            # and a 1,000,000-record ledger
    .venv/bin/python benchmarks/latency.py --scale            # per-company commands at 1,000
                                                              # and 10,000 records per company

Start-up: each command runs as a user starts it (``python -m ledger ...``, from bytecode),
right after or right before (alternating) a bare ``python -c "import click"`` process on the
same machine; the figure is the median of the run-by-run ratios, so a busy moment slows both
halves of a pair (it also adds a wait to both, pulling wall-time ratios towards 1, so the
ratio of CPU times, user + system, is shown beside). ``caledger holdings`` is also paired
with ``hledger bal`` on the same holdings exported by ``caledger export hledger``; that row
is met only when both ratios are.

Scale: a ledger of 20 companies from ``generate.py`` at 1,000 and at 10,000 records per
company, and the same company inside a ledger ten times larger (200 companies): each
per-company command's time should grow with the company's history, not faster, and not with
the rest of the ledger.

Prints every target as met or not met and writes its own section of benchmarks/RESULTS.md
(between the ``latency`` markers; ``run.py`` keeps it when it rewrites the file). Nothing here
runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import cpu_probe, load  # noqa: E402

PYTHON = sys.executable
BASELINE = [PYTHON, "-c", "import click"]
START, END = "<!-- latency:start -->", "<!-- latency:end -->"

QUERY, WRITE, CHART, VERIFY = 2.0, 3.0, 6.0, 2.0
HLEDGER = 3.0


@dataclass
class Result:
    group: str
    what: str
    value: str
    target: str
    met: bool | None

    def line(self) -> str:
        verdict = "-" if self.met is None else "met" if self.met else "NOT met"
        return f"  {self.group:<10} {self.what:<40} {self.value:>36}  {self.target:>10}  {verdict}"


def caledger(*args: str) -> list[str]:
    return [PYTHON, "-m", "ledger", *args]


def run(args: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """The command's wall time and CPU time (user + system), in seconds."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # reconcile --strict style answers exit 1 on purpose
            err.seek(0)
            raise SystemExit(f"{' '.join(args[2:6])} failed:\n"
                             f"{err.read()[-2000:].decode(errors='replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime


def paired(command: list[str], repeat: int, baseline: list[str] = BASELINE,
           before: callable = None) -> tuple[float, float, float, float]:
    """Median command seconds, median baseline seconds, the median of the run-by-run
    ratios and the median of the run-by-run ratios of CPU times (user + system);
    ``before`` (untimed) restores what a write changed."""
    ratios, commands, baselines, cpu = [], [], [], []
    for n in range(repeat):
        if before:
            before()
        if n % 2:
            b, b_cpu = run(baseline)
            c, c_cpu = run(command)
        else:
            c, c_cpu = run(command)
            b, b_cpu = run(baseline)
        ratios.append(c / b)
        cpu.append(c_cpu / b_cpu if b_cpu else float("inf"))
        commands.append(c)
        baselines.append(b)
    return (statistics.median(commands), statistics.median(baselines), statistics.median(ratios),
            statistics.median(cpu))


def figure(command: float, baseline: float, ratio: float, cpu: float) -> str:
    """A row's value: the medians, their ratio and the ratio of CPU times."""
    return f"{ms(command)} / {ms(baseline)} = {ratio:.2f}x (CPU {cpu:.2f}x)"


def timed(command: list[str], repeat: int = 3) -> float:
    return statistics.median(run(command)[0] for _ in range(repeat))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def startup(db: Path, tmp: Path, company: str, as_of: str, record: str, repeat: int,
            results: list[Result], label: str, verify: bool = True) -> None:
    """Every command on the ledger ``db``, paired with the ``import click`` process."""
    q = ["--db", str(db)]
    queries = {
        "holdings": ["holdings", company, "--as-of", as_of],
        "holdings --json": ["holdings", company, "--as-of", as_of, "--json"],
        "shares": ["shares", company, "--as-of", as_of],
        "kpi": ["kpi", company, "--as-of", as_of],
        "capital": ["capital", company, "--as-of", as_of],
        "explain btc.total": ["explain", company, "btc.total", "--as-of", as_of],
        "show": ["show", record],
        "history": ["history", company],
        "series (quarterly, ten years)": ["series", company, "--from", "2016-Q1", "--to",
                                          "2025-Q4", "--every", "quarter"],
        "reconcile": ["reconcile", company],
        "changes --since @5": ["changes", company, "--since", "@5"],
    }
    for name, args in queries.items():
        c, b, r, cpu = paired(caledger(*args, *q), repeat)
        results.append(Result(label, name, figure(c, b, r, cpu), f"<= {QUERY:g}x",
                              r <= QUERY))
    if verify:
        c, b, r, cpu = paired(caledger("verify", *q), repeat)
        results.append(Result(label, "verify", figure(c, b, r, cpu),
                              f"<= {VERIFY:g}x", r <= VERIFY))

    # Writes, each on a fresh copy of the ledger (the copy is not timed). The copy is flushed
    # to disk before the write: a write's commit ends with SQLite's checkpoint, whose fsync of
    # the ledger file would otherwise also write out every page of the copy still in the page
    # cache (on a 200 MB ledger about 70 of the write's ~200 ms, measured with strace), a cost
    # of the copy, not of the write, and one no ledger that has been on disk a while pays.
    work = tmp / "write.db"

    def fresh() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(db, work)
        fd = os.open(work, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    ten = tmp / "ten.jsonl"
    ten.write_text("".join(
        f'{{"id": "lat-{n}", "type": "btc_mined", "company": "{company}", "effective": '
        f'"2026-0{1 + n % 9}", "btc": "{n + 1}", "sources": [{{"document": "lat.txt", '
        f'"line": {n + 1}}}]}}\n' for n in range(10)))
    w = ["--db", str(work)]
    writes = {
        "append": ["append", "btc_mined", "--company", company, "--effective", "2026-04",
                   "--btc", "700", "--source", "notes.txt:1"],
        "correct": ["correct", record, "--btc", "1", "--reason", "restated"],
        "retract": ["retract", record, "--reason", "withdrawn"],
        "import (10 records)": ["import", str(ten)],
    }
    for name, args in writes.items():
        c, b, r, cpu = paired(caledger(*args, *w), repeat, before=fresh)
        results.append(Result(label, name, figure(c, b, r, cpu), f"<= {WRITE:g}x",
                              r <= WRITE))

    span = ["--from", "2016-01-01", "--to", "2025-12-31"] if company != "MARA" else [
        "--from", "2024-10-01", "--to", "2026-06-30"]
    svg, site = tmp / "c.svg", tmp / "site"
    for name, args in {"chart": ["chart", company, *span, "--out", str(svg), "--force"],
                       "report": ["report", company, "--out", str(site), "--force"]}.items():
        c, b, r, cpu = paired(caledger(*args, *q), repeat)
        results.append(Result(label, name, figure(c, b, r, cpu), f"<= {CHART:g}x",
                              r <= CHART))

    # The same balance from hledger, on the same holdings exported.
    journal = tmp / "holdings.journal"
    subprocess.run(caledger("export", "hledger", company, "--as-of", as_of, "--out",
                            str(journal), "--force", *q), check=True, capture_output=True)
    hledger = ["hledger", "-f", str(journal), "bal", "--end", as_of]
    if shutil.which("hledger"):
        # hledger's wall time swings with the machine's load far more than a Python
        # process's, so a busy moment flatters the ratio: the row is met only when the ratio
        # of CPU times (user + system) is too.
        c, b, r, cpu = paired(caledger("holdings", company, "--as-of", as_of, *q), repeat,
                         baseline=hledger)
        results.append(Result(label, "holdings vs hledger bal", figure(c, b, r, cpu),
                              f"<= {HLEDGER:g}x", max(r, cpu) <= HLEDGER))
    else:
        results.append(Result(label, "holdings vs hledger bal", "hledger not installed", "", None))


def imported(data: Path, db: Path) -> Path:
    subprocess.run(caledger("import", str(data), "--db", str(db)), check=True,
                   capture_output=True)
    return db


def scale(tmp: Path, results: list[Result], repeat: int) -> None:
    """Per-company commands at 1,000 and 10,000 records per company (20 companies), and the
    same company in a ledger with ten times as many companies (200 at 1,000 each)."""
    data = HERE / "data"
    data.mkdir(exist_ok=True)
    ledgers = {}
    for per, companies in ((1000, 20), (10000, 20), (1000, 200)):
        source = data / f"ledger-{per * companies}-{companies}.jsonl"
        if not source.exists():
            generate(source, per * companies, companies)
        ledgers[(per, companies)] = imported(source, tmp / f"scale-{per}-{companies}.db")
    company = "C0007"
    commands = {
        "reconcile": (["reconcile", company], 2.0),
        "chart (ten years)": (["chart", company, "--from", "2016-01-01", "--to", "2025-12-31",
                               "--out", str(tmp / "s.svg"), "--force"], 2.0),
        "export beancount, one company": (["export", "beancount", company, "--out",
                                           str(tmp / "s.beancount"), "--force"], 1.0),
        "series monthly, ten years": (["series", company, "--from", "2016-01", "--to",
                                       "2025-12", "--every", "month"], 1.0),
        "report": (["report", company, "--out", str(tmp / "site"), "--force"], 3.0),
        "history": (["history", company], None),
        "holdings": (["holdings", company, "--as-of", "2025-12-31"], None),
        "kpi": (["kpi", company, "--as-of", "2025-12-31"], None),
    }
    for name, (args, limit) in commands.items():
        small = timed(caledger(*args, "--db", str(ledgers[(1000, 20)])), repeat)
        large = timed(caledger(*args, "--db", str(ledgers[(10000, 20)])), repeat)
        wide = timed(caledger(*args, "--db", str(ledgers[(1000, 200)])), repeat)
        growth = large / small
        results.append(Result("scale", f"{name}: 1k -> 10k per company",
                              f"{small:.2f} -> {large:.2f} s ({growth:.1f}x)",
                              f"<= {limit:g} s" if limit else "linear",
                              (large <= limit if limit else None)))
        results.append(Result("scale", f"{name}: 20 -> 200 companies",
                              f"{small:.2f} -> {wide:.2f} s ({wide / small:.2f}x)", "flat",
                              None))


def write(out: Path, args: argparse.Namespace, results: list[Result], header: list[str]) -> None:
    lines = [START, "## Latency users feel (`benchmarks/latency.py`, issue 26)", "", *header,
             "", "| group | measure | value | target | met |", "|---|---|---|---|---|"]
    for r in results:
        verdict = "-" if r.met is None else "yes" if r.met else "**no**"
        lines.append(f"| {r.group} | {r.what} | {r.value} | {r.target} | {verdict} |")
    lines.append(END)
    section = "\n".join(lines)
    text = out.read_text() if out.exists() else "# Benchmark results\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    out.write_text(text)
    print(f"\nwrote {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true",
                        help="also every command on a large generated ledger")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--scale", action="store_true",
                        help="per-company commands at 1,000 and 10,000 records per company")
    parser.add_argument("--no-seed", action="store_true", help="skip the seed ledger")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()

    subprocess.run([PYTHON, "-m", "compileall", "-q", "ledger", "projections"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    load_before, speed_before = load(), cpu_probe()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="caledger-latency-") as name:
        tmp = Path(name)
        if not args.no_seed:
            seed = tmp / "seed.db"
            subprocess.run(caledger("import", *map(str, sorted((ROOT / "seeds").glob("*.jsonl"))),
                                    "--db", str(seed)), check=True, capture_output=True)
            startup(seed, tmp, "MARA", "2026-03-31", "mara-2024q4-purchase", args.repeat,
                    results, "seed")
            for r in results:
                print(r.line(), flush=True)
        if args.large:
            data = HERE / "data" / f"ledger-{args.records}-{args.companies}.jsonl"
            data.parent.mkdir(exist_ok=True)
            if not data.exists():
                generate(data, args.records, args.companies)
            big = imported(data, tmp / "large.db")
            n = len(results)
            startup(big, tmp, "C0042", "2025-12-31", "r-42", args.repeat, results,
                    f"{args.records // 1000:,}k", verify=False)
            for r in results[n:]:
                print(r.line(), flush=True)
        if args.scale:
            n = len(results)
            scale(tmp, results, max(1, args.repeat // 3))
            for r in results[n:]:
                print(r.line(), flush=True)
    load_after, speed_after = load(), cpu_probe()
    header = [
        f"Run on {date.today().isoformat()}; Python {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores. `.venv/bin/python benchmarks/latency.py"
        + (f" --large --records {args.records} --companies {args.companies}" if args.large
           else "") + (" --scale" if args.scale else "") + "`.",
        "",
        f"Load average (1 / 5 / 15 min): {load_before} at the start, {load_after} at the end. "
        f"CPU probe (`run.py`'s fixed loop): {speed_before:.3f} s at the start, "
        f"{speed_after:.3f} s at the end.",
        "",
        f"Start-up rows: median command time / median `python -c \"import click\"` time = "
        f"median of the {args.repeat} run-by-run ratios (each pair ran back to back, in "
        "alternating order), and in brackets the median ratio of their CPU times (user + "
        "system), which a busy machine does not pull towards 1 as it does wall times. Writes "
        "run on a fresh copy of the ledger each time (the copy is not timed). `holdings vs "
        "hledger bal` pairs the command with `hledger bal` on the same holdings exported by "
        "`caledger export hledger`; it is met only if the ratio of CPU times is within the "
        "target too.",
    ]
    print(f"load {load_before} -> {load_after}; cpu probe {speed_before:.3f} -> "
          f"{speed_after:.3f} s")
    write(args.out, args, results, header)


if __name__ == "__main__":
    main()
