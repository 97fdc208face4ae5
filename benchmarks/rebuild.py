"""Rebuild speed, before and after a change, in wall time and in CPU time.

    .venv/bin/python benchmarks/rebuild.py --records 200000 [--postgres URL]
        [--before DIR] [--repeat 3] --out /tmp/rebuild-results.md

Imports the first RECORDS records of the benchmark file once per store, then runs
``caledger rebuild``'s work (``Ledger.rebuild``) in a child process, REPEAT times, alternating
this tree with the tree at DIR (e.g. ``git archive <commit> | tar -x -C DIR``) when given, so
both see the same load. CPU time is the child's own (``time.process_time``, SQLite runs in it)
plus its second process's (the one building rows, ``projections/bulk.py``), plus, on a
local PostgreSQL, the server processes' (from /proc): it is what a change saves
whatever else the machine is doing, which the wall time is not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from itertools import islice
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, os, resource, sys, time
from ledger.store import Ledger

def children_cpu():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime

def server_cpu(url):
    if not url:
        return {}
    import psycopg
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        pids = [r[0] for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()")]
    cpu = {}
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return cpu

db, url = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
with Ledger.open(db, create=False) as ledger:
    ledger.readmodel.position()  # the pool's connection is open before the clock starts
    before = server_cpu(url)
    wall, cpu, second = time.perf_counter(), time.process_time(), children_cpu()
    events = ledger.rebuild()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    second = children_cpu() - second
    after = server_cpu(url)
server = sum(t - before.get(pid, 0.0) for pid, t in after.items())
print(json.dumps({"events": events, "wall": wall, "cpu": cpu, "second": second,
                  "server": server}))
"""


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(tree: Path, db: str, url: str, command: bool = False) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if command:  # the whole ``caledger rebuild``, start-up and closing included (run.py's)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "ledger", "rebuild", "--db", db,
                                 "--json"], env=env, capture_output=True, text=True, cwd=tree)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise SystemExit(f"rebuild failed in {tree}:\n{result.stderr[-2000:]}")
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        events = json.loads(result.stdout)["records"]
        return {"events": events, "wall": wall, "cpu": cpu, "second": 0.0, "server": 0.0}
    result = subprocess.run([sys.executable, "-c", CHILD, db, url], env=env,
                            capture_output=True, text=True, cwd=tree)
    if result.returncode != 0:
        raise SystemExit(f"rebuild failed in {tree}:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--data", type=Path, default=HERE / "data" / "ledger-1000000-1000.jsonl")
    parser.add_argument("--postgres", default=None, help="a local PostgreSQL database URL")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--sqlite-db", default=None,
                        help="rebuild this existing SQLite ledger instead of importing one "
                             "(its read model is replaced: pass a copy)")
    parser.add_argument("--before", type=Path, default=None, help="the tree to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--command", action="store_true",
                        help="time the whole caledger rebuild command (its start-up and "
                             "closing too, as run.py does; CPU: all its processes) instead "
                             "of Ledger.rebuild in-process")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    trees = [("after", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    what = (args.sqlite_db or f"{args.records:,} records") + (
        ", the whole command" if args.command else ", in-process")
    lines = [f"# Rebuild: {what}, {date.today().isoformat()}", "",
             f"Load average at the start: {load()} ({os.cpu_count()} cores).", "",
             "| store | tree | events | wall s (median, range) | events/s wall | CPU s (median: "
             "client + its second process + server) | events/s of CPU |", "|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="caledger-rebuild-") as tmp:
        data = Path(tmp) / "records.jsonl"
        if not args.sqlite_db or (args.postgres and not args.sqlite_only):
            with open(args.data) as source, open(data, "w") as sink:
                sink.writelines(islice(source, args.records))
        stores = [("sqlite", args.sqlite_db or str(Path(tmp) / "ledger.db"), "")]
        if args.postgres and not args.sqlite_only:
            schema = f"rebuild_{os.getpid()}"
            url = f"{args.postgres}{'&' if '?' in args.postgres else '?'}schema={schema}"
            stores.append(("postgresql", url, args.postgres))
        try:
            for store, db, server in stores:
                if not (store == "sqlite" and args.sqlite_db):
                    print(f"importing {args.records:,} records into {store} ...", flush=True)
                    subprocess.run([sys.executable, "-m", "ledger", "import", "--db", db,
                                    str(data)], check=True, capture_output=True, cwd=ROOT)
                runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
                for n in range(args.repeat):
                    for name, tree in trees if n % 2 == 0 else trees[::-1]:
                        run = measure(tree, db, server, args.command)
                        runs[name].append(run)
                        print(f"  {store} {name}: {run['events']:,} events, wall "
                              f"{run['wall']:.2f} s, CPU {run['cpu']:.2f} + "
                              f"{run['second']:.2f} + {run['server']:.2f} s "
                              f"(load {load()})", flush=True)
                for name, _ in trees:
                    events = runs[name][0]["events"]
                    wall = statistics.median(r["wall"] for r in runs[name])
                    cpu = statistics.median(r["cpu"] + r.get("second", 0.0) + r["server"]
                                            for r in runs[name])
                    client = statistics.median(r["cpu"] for r in runs[name])
                    second = statistics.median(r.get("second", 0.0) for r in runs[name])
                    server = statistics.median(r["server"] for r in runs[name])
                    lines.append(f"| {store} | {name} | {events:,} | {wall:.2f} "
                                 f"({min(r['wall'] for r in runs[name]):.2f}-"
                                 f"{max(r['wall'] for r in runs[name]):.2f}) | "
                                 f"{events / wall:,.0f} | {cpu:.2f} ({client:.2f} + "
                                 f"{second:.2f} + {server:.2f}) | {events / cpu:,.0f} |")
        finally:
            if len(stores) > 1:
                import psycopg

                with psycopg.connect(args.postgres.split("?")[0], autocommit=True) as pg:
                    pg.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    lines += ["", f"Load average at the end: {load()}."]
    args.out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
