"""``chart`` and ``report``, before and after a change (issue 26): start-up on the seed ledger
paired with a bare ``python -c "import click"`` process (as ``latency.py`` pairs them), and
wall and CPU seconds at scale on a ledger from ``generate.py``.

    .venv/bin/python benchmarks/chart_report.py startup [--before DIR]
    .venv/bin/python benchmarks/chart_report.py scale --db L.db --company C0042 [--before DIR]

``--before DIR``: a copy of the earlier code (``git archive COMMIT | tar -x -C DIR``), run
with this venv's Python from DIR so its ``ledger`` is imported. Nothing here runs in tests.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import cpu_probe, load  # noqa: E402

PYTHON = sys.executable
BASELINE = [PYTHON, "-c", "import click"]


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[2:5])} failed:\n{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(command: list[str], cwd: Path, repeat: int) -> tuple[float, float, float]:
    """Median command seconds, median baseline seconds, median of the run-by-run ratios."""
    ratios, commands, baselines = [], [], []
    for n in range(repeat):
        if n % 2:
            b, c = run(BASELINE, cwd)[0], run(command, cwd)[0]
        else:
            c, b = run(command, cwd)[0], run(BASELINE, cwd)[0]
        ratios.append(c / b)
        commands.append(c)
        baselines.append(b)
    return statistics.median(commands), statistics.median(baselines), statistics.median(ratios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("startup", "scale"))
    parser.add_argument("--before", type=Path, help="a copy of the earlier code")
    parser.add_argument("--db", help="the ledger for 'scale'")
    parser.add_argument("--company", default="C0042")
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    trees = {"after": ROOT, **({"before": args.before} if args.before else {})}
    for tree in trees.values():
        subprocess.run([PYTHON, "-m", "compileall", "-q", "ledger", "projections"], cwd=tree,
                       check=True, stdout=subprocess.DEVNULL)
    print(f"load {load()}, CPU probe {cpu_probe():.3f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="caledger-chart-report-") as name:
        tmp = Path(name)
        if args.what == "startup":
            db = str(tmp / "seed.db")
            subprocess.run([PYTHON, "-m", "ledger", "import", *map(str, sorted(
                (ROOT / "seeds").glob("*.jsonl"))), "--db", db], cwd=ROOT, check=True,
                capture_output=True)
            commands = {
                "chart": ["chart", "MARA", "--from", "2024-10-01", "--to", "2026-06-30",
                          "--out", str(tmp / "c.svg"), "--force", "--db", db],
                "report": ["report", "MARA", "--out", str(tmp / "site"), "--force", "--db", db]}
            for what, command in commands.items():
                for label, tree in trees.items():
                    c, b, r = paired([PYTHON, "-m", "ledger", *command], tree, args.repeat)
                    print(f"{what:7} {label:7} {c * 1000:6.0f} ms / {b * 1000:4.0f} ms = "
                          f"{r:5.2f}x  (target <= 6x: {'met' if r <= 6 else 'NOT met'})",
                          flush=True)
        else:
            commands = {
                "chart": (["chart", args.company, "--from", "2016-01-01", "--to", "2025-12-31",
                           "--out", str(tmp / "c.svg"), "--force", "--db", args.db], 2.0),
                "report": (["report", args.company, "--out", str(tmp / "site"), "--force",
                            "--db", args.db], 3.0)}
            for what, (command, limit) in commands.items():
                for label, tree in trees.items():
                    runs = [run([PYTHON, "-m", "ledger", *command], tree)
                            for _ in range(args.repeat)]
                    wall = statistics.median(w for w, _ in runs)
                    print(f"{what:7} {label:7} wall " + ", ".join(f"{w:.2f}" for w, _ in runs)
                          + f" s (median {wall:.2f}; target <= {limit:g} s: "
                          f"{'met' if wall <= limit else 'NOT met'}); CPU "
                          + ", ".join(f"{c:.2f}" for _, c in runs) + " s", flush=True)
    print(f"load {load()}, CPU probe {cpu_probe():.3f} s", flush=True)


if __name__ == "__main__":
    main()
