"""The whole ``caledger rebuild`` command, two trees alternated on fresh copies of one ledger.

    .venv/bin/python benchmarks/rebuild_ab.py LEDGER.db --before DIR [--repeat 5]

``run.py``'s rebuild row, alone: each run copies LEDGER.db (as an import left it: its read
model is the one replaced; LEDGER.db itself is only read) to a scratch file beside it,
untimed, then times ``python -m ledger rebuild`` on the copy, as ``run.py`` does (wall, and
the CPU of the command and its second process). The trees run in turns (A B B A A B ...)
so that both see the same load; medians and the load average are printed. DIR is another
tree of the project (e.g. ``git archive main | tar -x -C DIR``), run with this venv.
Wrap it in ``flock /work/bench.lock`` on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def once(tree: Path, pristine: Path, scratch: Path) -> dict[str, float]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(pristine, scratch)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "ledger", "rebuild", "--db", str(scratch),
                             "--json"], env=env, capture_output=True, text=True, cwd=tree)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"rebuild failed in {tree}:\n{result.stderr[-2000:]}")
    return {"wall": wall, "records": json.loads(result.stdout)["records"],
            "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", type=Path)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--records", type=int, default=200_000,
                        help="records the rate is given for (run.py's: records, not events)")
    args = parser.parse_args()
    trees = [("branch", ROOT), ("before", args.before.resolve())]
    scratch = args.ledger.resolve().with_name("rebuild-ab-scratch.db")
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in trees}
    print(f"load at the start: {load()}", flush=True)
    try:
        for n in range(args.repeat):
            for name, tree in trees if n % 2 == 0 else trees[::-1]:
                run = once(tree, args.ledger, scratch)
                runs[name].append(run)
                print(f"  {name:<7} wall {run['wall']:.3f} s ({args.records / run['wall']:,.0f}"
                      f" rec/s), CPU {run['cpu']:.2f} s, load {load()}", flush=True)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    for name, _ in trees:
        wall = statistics.median(r["wall"] for r in runs[name])
        cpu = statistics.median(r["cpu"] for r in runs[name])
        print(f"{name:<7} median wall {wall:.3f} s = {args.records / wall:,.0f} rec/s "
              f"(range {min(r['wall'] for r in runs[name]):.3f}-"
              f"{max(r['wall'] for r in runs[name]):.3f}), CPU {cpu:.2f} s")
    print(f"load at the end: {load()}")


if __name__ == "__main__":
    main()
