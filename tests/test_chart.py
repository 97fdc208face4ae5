"""``chart``: the holdings step line, disclosed balances marked with their sources, the
unexplained variance as a gap, flows in progress shaded; the same SVG on every run."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import ROOT, rec, the_one_error_line

SVG = "{http://www.w3.org/2000/svg}"


def ids(path: Path) -> list[str]:
    """The ids of the SVG's groups, in document order (parsing it as XML on the way)."""
    tree = ET.parse(path)
    return [e.get("id") for e in tree.iter(f"{SVG}g") if e.get("id")]


def with_prefix(path: Path, prefix: str) -> list[str]:
    return [i for i in ids(path) if i.startswith(prefix)]


def test_the_seed_chart_marks_each_disclosed_balance_and_the_unexplained_gap(run, seeded,
                                                                           tmp_path):
    out = tmp_path / "mara.svg"
    data = run("chart", "MARA", "--from", "2024-10-01", "--to", "2026-06-30", "--out",
               str(out), "--db", seeded, "--json")

    assert [(b["id"], b["btc"], b["unexplained"]) for b in data["balances"]] == [
        ("mara-2024-12-31-balance", "44893", None),
        ("mara-2025-09-30-balance", "52850", "7957")]
    assert with_prefix(out, "disclosed-balance-") == ["disclosed-balance-1",
                                                      "disclosed-balance-2"]
    assert with_prefix(out, "unexplained-") == ["unexplained-2"]
    assert with_prefix(out, "holdings-") == ["holdings-total"]  # no loans or pledges
    assert with_prefix(out, "in-progress-") == []  # the Q1 2026 sale has ended by June
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text and "<image" not in text  # self-contained, nothing to run
    assert "003_c65e9beb0fefa6f0.txt:17" in text  # each label, named in a comment


def test_only_the_balances_in_range_are_marked_and_flows_in_progress_are_shaded(
        run, seeded, tmp_path):
    out = tmp_path / "q.svg"
    data = run("chart", "MARA", "--from", "2025-01", "--to", "2026-02-15", "--out", str(out),
               "--db", seeded, "--json")

    assert [b["date"] for b in data["balances"]] == ["2025-09-30"]
    assert with_prefix(out, "disclosed-balance-") == ["disclosed-balance-1"]
    assert [p["id"] for p in data["in_progress"]] == ["mara-2026q1-btc-sale"]
    assert with_prefix(out, "in-progress-") == ["in-progress-1"]
    assert [(p["date"], p["total"]) for p in data["points"]] == [
        ("2025-01-01", "44893"), ("2025-09-30", "52850")]


def test_the_svg_is_byte_identical_across_runs(caledger, seeded, tmp_path):
    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    args = ["chart", "MARA", "--from", "2024-Q4", "--to", "2026-Q1", "--db", seeded]
    assert caledger(*args, "--out", str(first)).exit_code == 0
    # A separate process: nothing carried over in memory between the two.
    done = subprocess.run([sys.executable, "-m", "ledger", *args, "--out", str(second)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 5_000


def test_loaned_and_pledged_lines_appear_where_they_are_not_zero(caledger, db, load,
                                                                 tmp_path):
    load(rec("bal", "btc_balance_disclosed", "2025-01-31", btc="100", loaned="10"),
         rec("loan", "btc_loaned", "2025-03", btc="5"),
         rec("sold", "btc_sold", "2025-Q2", btc="20"))
    out = tmp_path / "t.svg"
    result = caledger("chart", "TEST", "--from", "2025-01", "--to", "2025-06", "--out",
                      str(out), "--db", db)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: TEST 2025-01-01 to 2025-06-30")
    assert with_prefix(out, "holdings-") == ["holdings-total", "holdings-loaned"]
    assert with_prefix(out, "disclosed-balance-") == ["disclosed-balance-1"]


def test_a_png_chart(caledger, seeded, tmp_path):
    out = tmp_path / "mara.png"
    result = caledger("chart", "MARA", "--from", "2024-Q4", "--to", "2026-Q1", "--out",
                      str(out), "--db", seeded, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert result.stdout.splitlines()[0] == \
        "company,date,total,loaned,pledged,unencumbered,total_status"


def test_chart_refuses_other_file_types_with_one_line(caledger, seeded, tmp_path):
    line = the_one_error_line(caledger("chart", "MARA", "--from", "2025", "--out",
                                       str(tmp_path / "x.jpg"), "--db", seeded))
    assert ".svg or .png" in line
    assert not (tmp_path / "x.jpg").exists()


def test_chart_data_is_json_with_decimal_strings(caledger, seeded, tmp_path):
    result = caledger("chart", "MARA", "--from", "2024-Q4", "--to", "2026-Q1", "--out",
                      str(tmp_path / "c.svg"), "--db", seeded, "--json")
    data = json.loads(result.stdout)
    # MARA never stated loaned or pledged bitcoin: those figures are not known (null)
    assert data["points"][-1] == {
        "date": "2026-03-31", "total": "31970", "loaned": None, "pledged": None,
        "unencumbered": None, "status": {"total": "derived", "loaned": "not known",
                                         "pledged": "not known", "unencumbered": "not known"}}
    assert data["out"].endswith("c.svg") and len(data["head_hash"]) == 64


def test_the_svg_writer_draws_any_span_and_escapes_the_company():
    # Drawn without a plotting library (ledger/chart.py): nothing known at all, a single
    # day, negative holdings, fifty years; the text is escaped, the file is well-formed XML.
    from ledger import chart

    def point(day: str, total: str | None, status: str = "derived") -> dict:
        return {"date": day, "total": total, "loaned": None, "pledged": None,
                "unencumbered": None, "status": {"total": status, "loaned": "not known",
                                                 "pledged": "not known",
                                                 "unencumbered": "not known"}}

    base = {"company": 'X<&>"', "known_at": None, "position": 3, "head_hash": "a" * 64,
            "in_progress": [], "balances": []}
    spans = [("2025-01-01", "2025-01-01", [point("2025-01-01", None, "not known")]),
             ("2025-01-01", "2025-01-01", [point("2025-01-01", "0.00000001")]),
             ("2020-01-01", "2025-12-31", [point("2020-01-01", "-5"),
                                           point("2021-03-01", "12.5", "flows only")]),
             ("1980-01-01", "2030-12-31", [point("1980-01-01", "1000000000")])]
    every: list[str] = []
    for start, end, points in spans:
        data = {**base, "from": start, "to": end, "points": points}
        svg = chart.render(data).decode("utf-8")
        root = ET.fromstring(svg)
        texts = [t.text for t in root.iter(f"{SVG}text")]
        every += texts
        assert f'X<&>" bitcoin holdings, {start} to {end}' in texts
        assert "<&>" not in svg and chart.render(data).decode("utf-8") == svg
        assert chart.render(data, "png").startswith(b"\x89PNG\r\n\x1a\n")
        drawn = [g.get("id") for g in root.iter(f"{SVG}g") if g.get("id")]
        assert ("holdings-total" in drawn or "holdings-total-flows-only" in drawn) == (
            points[0]["total"] is not None)
    assert {"-5", "1,000,000,000",
            "holdings not known where shaded: nothing recorded gives them, or flows alone sum "
            "below zero"} <= set(every)
