"""caledger benchmarks: every figure measured against a baseline taken in the same run.

    .venv/bin/python benchmarks/run.py                      # 1,000,000 records, SQLite
    .venv/bin/python benchmarks/run.py --records 100000     # quicker
    .venv/bin/python benchmarks/run.py --postgres postgresql://postgres@127.0.0.1:5432/test

Prints a table and writes benchmarks/RESULTS.md. The targets are issues 5's and 14's (and issue
26's linear-at-scale ones, benchmarks/scale.py, after the SQLite half); each
row says whether it is met. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

PYTHON = sys.executable
BASELINE_LOAD = r"""
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, company TEXT, type TEXT, "
           "effective TEXT, body TEXT)")
db.execute("CREATE INDEX events_company ON events (company, effective)")
with open(sys.argv[1]) as f, db:
    rows = []
    for line in f:
        r = json.loads(line)
        rows.append((r["id"], r.get("company"), r["type"], r.get("effective"), line))
        if len(rows) == 10000:
            db.executemany("INSERT INTO events VALUES (?,?,?,?,?)", rows)
            rows.clear()
    db.executemany("INSERT INTO events VALUES (?,?,?,?,?)", rows)
"""
BASELINE_QUERY = ("import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); "
                  "print(db.execute(\"SELECT COUNT(*), MAX(effective) FROM events "
                  "WHERE company=? AND effective<=?\", (sys.argv[2], sys.argv[3])).fetchone())")


#: Targets per store: import as a share of the raw SQLite baseline, holdings median (ms),
#: rebuild (records/s).
TARGETS = {"sqlite": {"import": 0.4, "holdings_ms": 1.0, "rebuild": 100_000},
           "postgresql": {"import": 0.2, "holdings_ms": 1.0, "rebuild": 50_000}}


def load() -> str:
    """The machine's load average (1, 5, 15 minutes): other work competes for the cores."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass
class Row:
    what: str
    value: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None
    store: str = "sqlite"

    def __post_init__(self) -> None:
        print(f"  {self.store:<11} {self.what:<42} {self.value:>15}  (baseline {self.baseline},"
              f" target {self.target}: {self.verdict('met', 'NOT met', 'for reference')})",
              flush=True)

    def verdict(self, yes: str, no: str, reference: str) -> str:
        """Met, not met, or neither: a reference figure with no target of its own."""
        return reference if self.met is None else yes if self.met else no


def timed_run(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{result.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def peak_of(args: list[str]) -> tuple[float, int]:
    """Wall time and the peak memory (kB) of a command and every process it starts: the
    largest sum, sampled every 0.1 s, of their proportional set sizes (PSS: a page shared by
    forked processes counted once in all). Where /proc can't tell (not Linux), the peak RSS
    of the largest process."""
    if not Path("/proc/self/smaps_rollup").exists():
        return timed_run(args)
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_pss(process.pid))
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{process.stderr.read()[-2000:]}")
    return elapsed, peak


def _tree_pss(pid: int) -> int:
    """The summed PSS (kB) of process ``pid`` and its descendants (0 once it has ended)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue  # it ended meanwhile
    return total


def cpu_probe() -> float:
    """Seconds a fixed pure-Python loop takes here, the best of five: how fast this
    machine's cores run now, which the load average does not show on a virtual machine
    whose host is busy with other guests."""
    def spin() -> float:
        start, total = time.perf_counter(), 0
        for n in range(2_000_000):
            total += n
        return time.perf_counter() - start
    return min(spin() for _ in range(5))


def _children_cpu() -> float:
    """CPU seconds (user and system) of every ended child process and their own ended
    children: the import's validating processes and the projection's reader included."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_run(args: list[str], repeat: int) -> float:
    return statistics.median(timed_run(args)[0] for _ in range(repeat))


def caledger(*args: str) -> list[str]:
    return [PYTHON, "-m", "ledger", *args]


def bench_store(store: str, db: str, data: Path, small: Path, records: int, base_rate: float,
                base_query: float, queries: int, rows: list[Row]) -> None:
    target = TARGETS[store]
    # --- import ---------------------------------------------------------------------------
    print(f"  (load average before import: {load()})", flush=True)
    cpu = _children_cpu()
    seconds, peak_kb = peak_of(caledger("import", "--db", db, str(data)))
    cpu = _children_cpu() - cpu  # all its processes (each waits for its own children)
    rate = records / seconds
    rows.append(Row("import (validation, store, projections)", f"{rate:,.0f} rec/s",
                    f"{base_rate:,.0f} rec/s", rate / base_rate, f">= {target['import']}x",
                    rate / base_rate >= target["import"], store))
    if store == "sqlite":
        # The fastest this import could be with the CPU it used, all of it in parallel on
        # every core: a target above it needs less work, not better use of the cores. (On
        # PostgreSQL the server's share is not the import's processes': not counted there.)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else os.cpu_count()
        ceiling = records / (cpu / (cores or 1))
        rows.append(Row(f"import ceiling: its {cpu:,.0f} CPU s on {cores} cores",
                        f"{ceiling:,.0f} rec/s", f"{base_rate:,.0f} rec/s", ceiling / base_rate,
                        "-", None, store))
    rows.append(Row("import peak memory (all its processes, PSS)", f"{peak_kb / 1024:,.0f} MB",
                    "-", None, "<= 200 MB", peak_kb / 1024 <= 200, store))

    # --- holdings in-process ---------------------------------------------------------------
    from ledger.store import Ledger
    from projections import holdings as h

    rng = random.Random(1)
    asks = [(f"C{rng.randrange(1000):04d}", date(2016, 1, 1) + timedelta(days=rng.randrange(3652)))
            for _ in range(queries)]
    with Ledger.open(db, create=False) as ledger:
        head = ledger.readmodel.position()
        with ledger.readmodel.reading() as cur:
            now, known = [], []
            for company, day in asks:
                t = time.perf_counter()
                h.compute(cur, company, day, head)
                now.append(time.perf_counter() - t)
            for company, day in asks:
                position = rng.randrange(1, head + 1)
                t = time.perf_counter()
                h.compute(cur, company, day, position)
                known.append(time.perf_counter() - t)
    now_ms, known_ms = statistics.median(now) * 1000, statistics.median(known) * 1000
    rows.append(Row("holdings in-process, median", f"{now_ms:.3f} ms",
                    f"{base_query * 1000:.3f} ms", now_ms / (base_query * 1000),
                    f"<= {target['holdings_ms']:g} ms", now_ms <= target["holdings_ms"], store))
    rows.append(Row("holdings --known-at in-process, median", f"{known_ms:.3f} ms",
                    f"{base_query * 1000:.3f} ms", known_ms / (base_query * 1000), "< 20 ms",
                    known_ms < 20, store))

    # --- rebuild ---------------------------------------------------------------------------
    print(f"  (load average before rebuild: {load()})", flush=True)
    seconds, _ = timed_run(caledger("rebuild", "--db", db))
    rebuild_rate = records / seconds
    rows.append(Row("rebuild", f"{rebuild_rate:,.0f} rec/s", f"{base_rate:,.0f} rec/s",
                    rebuild_rate / base_rate, f">= {target['rebuild']:,} rec/s",
                    rebuild_rate >= target["rebuild"], store))
    if store == "sqlite":
        # The least a rebuild of these tables can take here (benchmarks/floor.py): their rows
        # copied byte for byte inside SQLite, indexed and committed, with no Python at all.
        from floor import floor

        steps = floor(db)
        floor_rate = records / steps["total"]
        rows.append(Row("rebuild floor: the rows copied in SQLite", f"{floor_rate:,.0f} rec/s",
                        f"{base_rate:,.0f} rec/s", floor_rate / base_rate, "-", None, store))


def bench_scale(db: str, data: Path, tmp_path: Path, rows: list[Row]) -> None:
    """Issue 26's linear-at-scale targets on the ledger just imported (``scale.py``): the
    same company in a ledger of its first 100 companies, and the seed ledger beside it."""
    import scale

    narrow_data = tmp_path / "narrow.jsonl"
    scale.narrow(data, narrow_data)
    narrow_db, seed_db = str(tmp_path / "narrow.db"), str(tmp_path / "seed.db")
    timed_run(caledger("import", "--db", narrow_db, str(narrow_data)))
    timed_run(caledger("import", "--db", seed_db, *map(str, sorted((ROOT / "seeds")
                                                                    .glob("*.jsonl")))))

    def row(what: str, value: str, baseline: str, ratio: float | None, target: str,
            met: bool | None) -> None:
        rows.append(Row(what, value, baseline, ratio, target, met))

    scale.measure(db, narrow_db, seed_db, row, tmp=tmp_path, peak=peak_of)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--postgres", default=os.environ.get("CALEDGER_BENCH_POSTGRES_URL"))
    parser.add_argument("--postgres-records", type=int, default=None,
                        help="records for the PostgreSQL half (default: --records); its "
                             "baseline is then taken on a file of that size too")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-scale", action="store_true",
                        help="skip the linear-at-scale figures (benchmarks/scale.py)")
    args = parser.parse_args()

    # Commands start as an installed caledger does: from bytecode, not compiling the
    # project's modules on every start (python3 run.py writes it too).
    subprocess.run([PYTHON, "-m", "compileall", "-q", "ledger", "projections"],
                   cwd=HERE.parent, check=True, stdout=subprocess.DEVNULL)
    data_dir = HERE / "data"
    data_dir.mkdir(exist_ok=True)
    data = data_dir / f"ledger-{args.records}-{args.companies}.jsonl"
    if not data.exists():
        print(f"generating {data.name} ...", flush=True)
        generate(data, args.records, args.companies)
    small = data_dir / f"ledger-1000-{args.companies}.jsonl"
    if not small.exists():
        generate(small, 1000, args.companies)
    rows: list[Row] = []
    args.load_before, args.speed_before = load(), cpu_probe()

    with tempfile.TemporaryDirectory(prefix="caledger-bench-") as tmp:
        tmp_path = Path(tmp)
        # --- baselines ---------------------------------------------------------------------
        base_db = str(tmp_path / "baseline.db")
        print("baseline load ...", flush=True)
        base_seconds, _ = timed_run([PYTHON, "-c", BASELINE_LOAD, str(data), base_db])
        base_rate = args.records / base_seconds
        import sqlite3

        conn = sqlite3.connect(base_db)
        times = []
        for n in range(args.queries):
            t = time.perf_counter()
            conn.execute("SELECT COUNT(*), MAX(effective) FROM events WHERE company=? AND "
                         "effective<=?", (f"C{n % 1000:04d}", "2020-06-30")).fetchone()
            times.append(time.perf_counter() - t)
        conn.close()
        base_query = statistics.median(times)

        # --- SQLite --------------------------------------------------------------------------
        db = str(tmp_path / "ledger.db")
        print("caledger on SQLite ...", flush=True)
        bench_store("sqlite", db, data, small, args.records, base_rate, base_query,
                    args.queries, rows)

        # Whole command vs a one-query script.
        command = median_run(caledger("holdings", "C0042", "--as-of", "2020-06-30", "--db", db), 7)
        script = median_run([PYTHON, "-c", BASELINE_QUERY, base_db, "C0042", "2020-06-30"], 7)
        rows.append(Row("caledger holdings, whole command", f"{command * 1000:.0f} ms",
                        f"{script * 1000:.0f} ms", command / script, "<= 5x",
                        command / script <= 5))

        # Append at the full size vs at 1,000 records.
        small_db = str(tmp_path / "small.db")
        timed_run(caledger("import", "--db", small_db, str(small)))

        def append_time(target: str) -> float:
            times = []
            for n in range(7):
                times.append(timed_run(caledger(
                    "append", "btc_mined", "--company", "C0001", "--effective", "2025-12",
                    "--btc", f"{n + 1}.5", "--source", "bench.txt:1", "--db", target))[0])
            return statistics.median(times)

        at_small, at_full = append_time(small_db), append_time(db)
        rows.append(Row(f"append one record at {args.records:,}", f"{at_full * 1000:.0f} ms",
                        f"{at_small * 1000:.0f} ms at 1,000", at_full / at_small, "<= 1.2x",
                        at_full / at_small <= 1.2))

        # --- linear at scale (issue 26): benchmarks/scale.py on this ledger ---------------------
        if not args.no_scale:
            print("linear at scale ...", flush=True)
            bench_scale(db, data, tmp_path, rows)

        # --- PostgreSQL ----------------------------------------------------------------------
        if args.postgres:
            schema = f"bench_{os.getpid()}"
            url = f"{args.postgres}{'&' if '?' in args.postgres else '?'}schema={schema}"
            print("caledger on PostgreSQL ...", flush=True)
            pg_records, pg_data, pg_base_rate = args.records, data, base_rate
            if args.postgres_records and args.postgres_records != args.records:
                pg_records = args.postgres_records
                pg_data = data_dir / f"ledger-{pg_records}-{args.companies}.jsonl"
                if not pg_data.exists():
                    generate(pg_data, pg_records, args.companies)
                pg_base_db = str(tmp_path / "baseline-pg-size.db")
                pg_base_rate = pg_records / timed_run(
                    [PYTHON, "-c", BASELINE_LOAD, str(pg_data), pg_base_db])[0]
                print(f"  (PostgreSQL half at {pg_records:,} records; SQLite baseline at that "
                      f"size: {pg_base_rate:,.0f} rec/s)", flush=True)
            args.pg_records = pg_records
            try:
                bench_store("postgresql", url, pg_data, small, pg_records, pg_base_rate,
                            base_query, args.queries, rows)
            finally:
                import psycopg

                with psycopg.connect(args.postgres.split("?")[0], autocommit=True) as pg:
                    pg.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    lines = [f"{'store':<11} {'measure':<42} {'value':>15} {'baseline':>20} {'ratio':>8} "
             f"{'target':>18}  met"]
    for r in rows:
        ratio = f"{r.ratio:.3g}x" if r.ratio is not None else "-"  # 0.199x, not 0.20x
        lines.append(f"{r.store:<11} {r.what:<42} {r.value:>15} {r.baseline:>20} {ratio:>8} "
                     f"{r.target:>18}  {r.verdict('yes', 'NO', '-')}")
    args.load_after, args.speed_after = load(), cpu_probe()
    print("\n".join(lines))
    print(f"load average (1 / 5 / 15 min): {args.load_before} at the start, "
          f"{args.load_after} at the end; fixed CPU probe: {args.speed_before:.3f} s at the "
          f"start, {args.speed_after:.3f} s at the end")
    write_markdown(args, rows)


def _busy(load_average: str) -> bool:
    """Whether other work shared the cores: a 5-minute load above half the core count
    (the benchmark alone keeps it around one)."""
    try:
        return float(load_average.split("/")[1]) > max(1.5, (os.cpu_count() or 1) / 2)
    except (IndexError, ValueError):
        return True


def write_markdown(args: argparse.Namespace, rows: list[Row]) -> None:
    out = [
        "# Benchmark results",
        "",
        f"Run on {date.today().isoformat()}: {args.records:,} records"
        + (f" (PostgreSQL: {args.pg_records:,}, against the SQLite baseline at that size)"
           if args.postgres and getattr(args, "pg_records", args.records) != args.records
           else "")
        + f", {args.companies:,} companies; Python {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores. Regenerate with `.venv/bin/python benchmarks/run.py"
        f"{' --postgres URL' if args.postgres else ''}`.",
        "",
        f"Load average (1 / 5 / 15 min) on this {os.cpu_count()}-core machine: "
        f"{args.load_before} at the start, {args.load_after} at the end"
        + ("; above half the cores: other work may have shared them (the benchmark's own "
           "processes count in it too, and the run before this one at the start)."
           if _busy(args.load_before) or _busy(args.load_after) else
           " (the benchmark's own processes: nothing else was running)."),
        "",
        f"Machine speed: a fixed pure-Python loop (`cpu_probe`) took {args.speed_before:.3f} s "
        f"at the start and {args.speed_after:.3f} s at the end. A virtual machine's cores can "
        "run slower for a while with no load of its own to show for it (another guest on the "
        "host): compare it between runs before comparing their absolute rates.",
        "",
        "Baselines, measured in the same run: a plain `json.loads` + `executemany` load of the "
        "same file into one indexed SQLite table; a one-query lookup on that table (in-process "
        "and as a `python -c` script).",
        "",
        "| store | measure | value | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = f"{r.ratio:.3g}x" if r.ratio is not None else "-"  # 0.199x, not 0.20x
        out.append(f"| {r.store} | {r.what} | {r.value} | {r.baseline} | {ratio} | {r.target} | "
                   f"{r.verdict('yes', '**no**', '-')} |")
    notes = HERE / "NOTES.md"
    if notes.exists():
        out += ["", notes.read_text().strip()]
    # benchmarks/latency.py's section (issue 26), serve.py's (issue 30) and scale.py's
    # (issue 26, a run of it alone) are their own:
    # kept as they are
    previous = args.out.read_text() if args.out.exists() else ""
    for start, end in (("<!-- latency:start -->", "<!-- latency:end -->"),
                       ("<!-- serve:start -->", "<!-- serve:end -->"),
                       ("<!-- scale:start -->", "<!-- scale:end -->")):
        if start in previous and end in previous:
            out += ["", start + previous.split(start, 1)[1].split(end, 1)[0] + end]
    args.out.write_text("\n".join(out) + "\n")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
