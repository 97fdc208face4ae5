"""The report registry, the snapshot and the Python API (issue 25).

Every report is one module named in ``ledger/reports``; the CLI prints each with the printer
the registry names, each command's ``--help`` agrees with the registry, each query command
opens exactly one snapshot, and the Python API returns the same decimals as ``--json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import click
import pytest

import ledger
from ledger import reports, snapshot
from ledger.cli import cli
from ledger.errors import BadQuery


#: Each report: the CLI arguments that print it for the seeds, and the same through Python.
CASES: dict[str, tuple[list[str], Callable[[Any], Any]]] = {
    "holdings": (["holdings", "MARA", "--as-of", "2025-09-30"],
                 lambda s: s.holdings("MARA", as_of=date(2025, 9, 30))),
    "capital": (["capital", "MARA", "--as-of", "2025-09-30"],
                lambda s: s.capital("MARA", as_of=date(2025, 9, 30))),
    "shares": (["shares", "MARA", "--as-of", "2025-09-30"],
               lambda s: s.shares("MARA", as_of="2025-09-30")),
    "kpi": (["kpi", "MARA", "--as-of", "2025-09-30", "--since", "2025-06-30"],
            lambda s: s.kpi("MARA", as_of="2025-09-30", since=date(2025, 6, 30))),
    "value": (["value", "MARA", "--as-of", "2025-09-30"],
              lambda s: s.value("MARA", as_of="2025-09-30")),
    "series": (["series", "MARA", "--from", "2025-Q1", "--to", "2025-Q3", "--figure",
                "btc.total", "--figure", "value.btc_price"],
               lambda s: s.series("MARA", as_of="2025-Q3", start="2025-Q1",
                                  figures=["btc.total", "value.btc_price"])),
    "reconcile": (["reconcile", "MARA"], lambda s: s.reconcile("MARA")),
    "changes": (["changes", "--since", "@3"], lambda s: s.changes(None, since="@3")),
    "operations": (["operations", "MARA", "--as-of", "2024-12-31"],
                   lambda s: s.operations("MARA", as_of=date(2024, 12, 31))),
    "history": (["history", "MARA", "--type", "btc_balance_disclosed"],
                lambda s: s.report("history", "MARA", types=["btc_balance_disclosed"])),
    "companies": (["companies"], lambda s: s.report("companies", None)),
    "show": (["show", "mara-2025-09-30-balance"],
             lambda s: s.show("mara-2025-09-30-balance")),
}


def test_every_registered_report_has_a_case_here_and_a_command() -> None:
    assert set(CASES) == set(reports.REPORTS)
    for report in reports.REPORTS.values():
        assert report.cli_command in cli.commands, report.name
        module = report.module()
        assert callable(module.compute), report.name
        assert module.__doc__, f"{report.name}: the module says what the report is"


# --- --help against the registry ---------------------------------------------------------------


def _option(command: click.Command, name: str) -> click.Option:
    return next(p for p in command.params if isinstance(p, click.Option) and name in p.opts)


def test_each_report_command_offers_exactly_its_printers_formats() -> None:
    for report in reports.REPORTS.values():
        command = cli.commands[report.cli_command]
        choices = _option(command, "--format").type.choices  # type: ignore[attr-defined]
        assert tuple(choices) == report.printer().formats, report.name


def test_the_series_figure_help_lists_exactly_the_figures_a_series_can_follow(
        caledger: Callable[..., Any]) -> None:
    from ledger.reports import series

    help_text = _option(cli.commands["series"], "--figure").help or ""
    listed = help_text.removeprefix("One of ").split(" (default")[0].split(", ")
    assert listed == series.figure_names()
    shown = " ".join(caledger("series", "--help").output.split())
    assert all(f in shown for f in series.figure_names())


def test_the_explain_help_lists_the_figures_of_every_report_that_explains(
        caledger: Callable[..., Any]) -> None:
    """``explain --help`` is made from the registry: a report that explains figures says
    which, and the first figure it names is one it claims."""
    shown = " ".join(caledger("explain", "--help").output.split())
    for report in reports.REPORTS.values():
        module = report.module()
        assert bool(report.explains) == hasattr(module, "explain"), report.name
        if report.explains:
            assert " ".join(report.explains.split()) in shown, report.name
            first = re.search(r"[a-z]+\.[A-Za-z_.]+[a-z]", report.explains)
            assert first is not None and module.claims(first[0]), report.name


def test_each_report_explains_the_first_figure_its_help_names(seeded: str) -> None:
    with ledger.open(seeded).snapshot() as s:
        for report in reports.REPORTS.values():
            if not report.explains:
                continue
            figure = re.search(r"[a-z]+\.[A-Za-z_.]+[a-z]", report.explains)[0]  # type: ignore[index]
            explained = s.explain("MARA", figure, as_of=date(2025, 9, 30))
            assert explained["figure"] == figure and "value" in explained, report.name
            assert explained["position"] == s.stamp()["position"], report.name


def test_every_command_has_a_help_that_runs(caledger: Callable[..., Any]) -> None:
    for name in cli.commands:
        result = caledger(name, "--help")
        assert result.exit_code == 0, (name, result.output)
        assert result.output.startswith("Usage:"), name


# --- one snapshot per command, one stamp per snapshot -------------------------------------------


def test_each_query_command_opens_exactly_one_snapshot(
        seeded: str, caledger: Callable[..., Any], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    opened: list[str | None] = []
    real = snapshot.open_reader

    def counting(url: str | None) -> Any:
        opened.append(url)
        return real(url)

    monkeypatch.setattr(snapshot, "open_reader", counting)
    commands = [args for args, _ in CASES.values()] + [
        ["holdings", "--all", "--as-of", "2025-09-30"],
        ["explain", "MARA", "btc.total", "--as-of", "2025-09-30"],
        ["explain", "MARA", "stakes.Exaion.percent", "--as-of", "2025-09-30"],
        ["history", "MARA"], ["companies"], ["show", "mara-2025-09-30-balance"],
        ["chart", "MARA", "--from", "2025-Q1", "--to", "2025-Q3", "--out",
         str(tmp_path / "c.svg")],
        ["report", "MARA", "--as-of", "2025-09-30", "--out", str(tmp_path / "page")],
    ]
    for args in commands:
        opened.clear()
        result = caledger(*args, "--db", seeded, "--json")
        assert result.exit_code == 0, (args, result.output)
        assert len(opened) == 1, (args, len(opened))


def test_everything_computed_in_a_snapshot_carries_its_one_stamp(
        seeded: str, caledger: Callable[..., Any]) -> None:
    with ledger.open(seeded).snapshot(known_at="@12") as s:
        results = [case(s) for name, (_, case) in CASES.items() if name != "changes"]
        assert {json.dumps(r.stamp) for r in results} == {json.dumps(s.stamp())}
        assert s.stamp()["position"] == 12 and s.stamp()["known_at"] == "@12"


# --- the Python API and the CLI's JSON ------------------------------------------------------------


def test_each_result_to_json_is_exactly_what_the_command_prints(
        seeded: str, caledger: Callable[..., Any]) -> None:
    with ledger.open(seeded).snapshot() as s:
        for name, (args, case) in CASES.items():
            printed = caledger(*args, "--db", seeded, "--json")
            assert printed.exit_code == 0, printed.output
            assert case(s).to_json() == json.loads(printed.output), name


def test_figures_are_the_json_decimals_as_decimal_and_days_as_dates(
        seeded: str, caledger: Callable[..., Any]) -> None:
    cli_json = json.loads(caledger("holdings", "MARA", "--as-of", "2025-09-30", "--db", seeded,
                                   "--json").output)
    with ledger.open(seeded).snapshot() as s:
        h = s.holdings("MARA", as_of=date(2025, 9, 30))
        assert isinstance(h.total, Decimal) and str(h.total) == cli_json["btc"]["total"]
        assert h.loaned is None and h.status["loaned"] == "not known"  # never 0
        assert h["btc.total"] == h.total and h.as_of == date(2025, 9, 30)
        for name, (_, case) in CASES.items():
            result = case(s)
            for figure, value in result.figures.items():
                assert value is None or isinstance(value, Decimal), (name, figure)
            rows = result.to_rows()
            assert rows, name
            for row in rows:
                for column, cell in row.items():
                    assert not isinstance(cell, float), (name, column)
                    if column in ("as_of", "date", "start", "end") and isinstance(cell, str):
                        assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell), (name, column)


def test_explain_finds_a_figure_in_any_reports_trails(
        seeded: str, caledger: Callable[..., Any]) -> None:
    with ledger.open(seeded).snapshot() as s:
        day = date(2025, 9, 30)
        cap = s.capital("MARA", as_of=day)
        held = s.holdings("MARA", as_of=day)
        for result, figure in ((cap, "stakes.Exaion.percent"), (held, "btc.total")):
            explained = s.explain("MARA", figure, as_of=day)
            trail = result.trail(figure)
            assert trail is not None
            assert explained["value"] == trail["value"]
            assert Decimal(explained["value"]) == result.figures[figure]
        with pytest.raises(BadQuery) as e:
            s.explain("MARA", "no.such.figure", as_of=day)
        assert "btc.total" in e.value.problems[0] and "stakes.Exaion.percent" in \
            e.value.problems[0]


def test_a_company_the_ledger_does_not_know_is_one_clear_error(
        seeded: str, caledger: Callable[..., Any]) -> None:
    from ledger.errors import UnknownCompany

    with ledger.open(seeded).snapshot() as s, pytest.raises(UnknownCompany) as e:
        s.holdings("NOPE")
    assert "companies in the ledger: MARA" in e.value.problems[0]


@pytest.mark.parametrize("call, says", [
    (lambda s: s.holdings("MARA", as_of=20260201),
     "as_of: 20260201 is an int, not a day; give a datetime.date or text, a day as "
     'YYYY-MM-DD, e.g. "2025-09-30"'),
    (lambda s: s.capital("MARA", as_of=datetime(2025, 9, 30, 12)),
     "as_of: datetime.datetime(2025, 9, 30, 12, 0) is a moment, not a day; give its day"),
    (lambda s: s.kpi("MARA", as_of="2025-09-30", since=20250630),
     "since: 20250630 is an int, not a day"),
    (lambda s: s.series("MARA", start=2025, as_of="2025-Q3"),
     "start: 2025 is an int, not a day"),
    (lambda s: s.series("MARA", start="2025", as_of=2025.75),
     "as_of: 2025.75 is a float, not a day"),
    (lambda s: s.series("MARA", start="2025-Q1", as_of="2025-Q3", figures="btc.total"),
     'figures: figures="btc.total" is one text, not a list of figures'),
    (lambda s: s.history("MARA", start=["2025"]), "start: ['2025'] is a list, not a day"),
    (lambda s: s.history("MARA", types="btc_mined"),
     'types: types="btc_mined" is one text, not a list of record types'),
    (lambda s: s.value("MARA", as_of="2025-09-30", max_price_age="7"),
     "max_price_age: '7' is not a whole number of days"),
    (lambda s: s.changes(None, since=3),
     'since: 3 is an int, not a moment; give "@3" for store position 3'),
    (lambda s: s.changes(None, since="@3", until=5),
     'until: 5 is an int, not a moment; give "@5" for store position 5'),
    (lambda s: s.changes(None, since="@3", until="@5"),
     "until @5: this snapshot is as known at @"),
    (lambda s: s.explain("MARA", "btc.total", as_of=20250930),
     "as_of: 20250930 is an int, not a day"),
    (lambda s: s.explain("MARA", 7, as_of="2025-09-30"),
     "figure: 7 is not a figure's name"),
])
def test_an_argument_of_the_wrong_type_is_the_apis_own_error_in_one_sentence(
        seeded: str, call: Callable[..., Any], says: str) -> None:
    # each names the keyword the Python caller passed, never a command-line option
    with ledger.open(seeded).snapshot() as s, pytest.raises(BadQuery) as e:
        call(s)
    assert len(e.value.problems) == 1 and e.value.problems[0].startswith(says), \
        e.value.problems


def test_a_mistyped_keyword_is_refused_naming_it_and_the_keywords_the_report_takes(
        seeded: str) -> None:
    # Review finding 1: as_off= answered as of today, sinse= dropped the yield, silently.
    with ledger.open(seeded).snapshot() as s:
        with pytest.raises(BadQuery) as e:
            s.holdings("MARA", as_off="2025-09-30")
        assert e.value.problems == ["as_off: holdings takes no such keyword; it takes as_of, "
                                    "max_anchor_age"]
        with pytest.raises(BadQuery) as e:
            s.kpi("MARA", as_of="2025-09-30", sinse="2025-06-30")
        assert e.value.problems == ["sinse: kpi takes no such keyword; it takes as_of, "
                                    "max_anchor_age, max_price_age, since"]
        with pytest.raises(BadQuery) as e:
            s.explain("MARA", "kpi.btc_yield", as_of="2025-09-30", sinse="2025-06-30")
        assert e.value.problems == ["sinse: explain takes no such keyword; it takes as_of, "
                                    "max_anchor_age, max_price_age, since"]
        with pytest.raises(BadQuery) as e:
            s.series("MARA", as_of="2025-Q3", start="2025-Q1", figure="btc.total")
        assert e.value.problems == ["figure: series takes no such keyword; it takes as_of, "
                                    "every, figures, max_anchor_age, start"]
        # the right keywords still answer
        k = s.kpi("MARA", as_of="2025-09-30", since="2025-06-30")
        assert k.to_json()["since"] == "2025-06-30"
    with pytest.raises(BadQuery) as e:
        ledger.api.report(seeded, "holdings", ["MARA"], "2025-09-30", None, sinse="x")
    assert e.value.problems == ["sinse: holdings takes no such keyword; it takes as_of, "
                                "max_anchor_age"]


def test_a_known_at_of_the_wrong_type_is_refused_and_a_date_or_datetime_is_taken(
        seeded: str) -> None:
    with pytest.raises(BadQuery) as e, ledger.open(seeded).snapshot(known_at=12):
        pass
    assert e.value.problems[0].startswith(
        'known_at: 12 is an int, not a moment; give "@12" for store position 12')
    with ledger.open(seeded).snapshot(known_at="@3") as s:
        position = s.stamp()["position"]
    with ledger.open(seeded).snapshot(known_at=datetime.now(timezone.utc)) as now, \
            ledger.open(seeded).snapshot(known_at=date(2000, 1, 1)) as before:
        assert now.holdings("MARA", as_of=date(2025, 9, 30)).total == Decimal("52850")
        assert before.stamp()["position"] == 0 and position == 3
        assert before.stamp()["known_at"] == "2000-01-01T23:59:59.999999+00:00"


def test_a_closed_snapshot_refuses_to_compute_in_one_line(seeded: str) -> None:
    with ledger.open(seeded).snapshot() as s:
        s.holdings("MARA", as_of="2025-09-30")
    with pytest.raises(BadQuery) as e:
        s.holdings("MARA", as_of="2025-09-30")
    assert e.value.problems == ["holdings: the snapshot is closed; compute reports inside "
                                "'with ledger.open(...).snapshot() as s:'"]


def test_to_pandas_gives_the_rows_as_a_data_frame(seeded: str, caledger: Callable[..., Any]
                                                  ) -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is an optional extra "
                                                  "(pip install 'caledger[pandas]')")
    with ledger.open(seeded).snapshot() as s:
        h = s.holdings("MARA", as_of="2025-09-30")
        frame = h.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["figure"]) == [r["figure"] for r in h.to_rows()]


def test_to_pandas_without_pandas_says_how_to_get_it(
        seeded: str, caledger: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with ledger.open(seeded).snapshot() as s:
        h = s.holdings("MARA", as_of="2025-09-30")
    with pytest.raises(ImportError, match=r"caledger\[pandas\]"):
        h.to_pandas()


def test_opening_a_ledger_loads_no_pandas_and_no_report() -> None:
    import subprocess
    import sys

    code = ("import sys, ledger; lg = ledger.open('x.db'); "
            "print(sorted(m for m in sys.modules if m.startswith(('pandas', 'ledger.reports'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


# --- the report added last: operations (one module, one printer, one command, one line) ---------


def test_operations_shows_what_the_miner_reported_and_not_known_otherwise(
        seeded: str, caledger: Callable[..., Any]) -> None:
    from .conftest import seed_record

    reported = seed_record("mara-2024q4-operations")
    on_day = json.loads(caledger("operations", "MARA", "--as-of", "2024-12-31", "--db", seeded,
                                 "--json").output)
    for name in ("hashrate_ehs", "blocks_won", "btc_produced"):
        figure = on_day["figures"][f"ops.{name}"]
        assert Decimal(figure["value"]) == Decimal(reported[name])
        assert figure["status"] == "disclosed" and reported["id"] in figure["reason"]
    later = json.loads(caledger("operations", "--all", "--as-of", "2025-09-30", "--db", seeded,
                                "--json").output)
    assert [r["company"] for r in later] == ["MARA"]
    counts = {k: v for k, v in later[0]["figures"].items() if k != "ops.hashrate_ehs"}
    assert all(f["value"] is None and f["status"] == "not known" for f in counts.values())
    explained = json.loads(caledger("explain", "MARA", "ops.blocks_won", "--as-of", "2024-12-31",
                                    "--db", seeded, "--json").output)
    assert explained["value"] == on_day["figures"]["ops.blocks_won"]["value"]
    assert explained["head_hash"] == on_day["head_hash"]
    rows = caledger("operations", "MARA", "--as-of", "2024-12-31", "--db", seeded,
                    "--format", "csv").output.splitlines()
    assert len(rows) == 1 + len(on_day["figures"])


# --- the reports that write a file ------------------------------------------------------------


#: Each report that writes a file: the CLI arguments (before --out FILE) and the same through
#: Python (``out`` given by the test).
WRITING: dict[str, tuple[list[str], Callable[[Any, str], Any], str]] = {
    "chart": (["chart", "MARA", "--from", "2025-Q1", "--to", "2026-Q1"],
              lambda s, out: s.chart("MARA", as_of="2026-Q1", start="2025-Q1", out=out),
              ".svg"),
    "export": (["export", "hledger", "MARA", "--as-of", "2025-12-31"],
               lambda s, out: s.report("export", None, "2025-12-31", journal="hledger",
                                       companies=["MARA"], out=out), ".journal"),
}


def test_every_writing_report_has_a_case_here_a_command_and_a_write() -> None:
    assert set(WRITING) == set(reports.WRITERS)
    assert not set(reports.WRITERS) & set(reports.REPORTS)
    for report in reports.WRITERS.values():
        assert report.cli_command in cli.commands, report.name
        module = report.module()
        assert callable(module.compute) and callable(module.write), report.name
        assert module.__doc__, report.name
        assert reports.get(report.name) is report


def test_a_writing_report_writes_and_prints_exactly_what_its_command_does(
        seeded: str, caledger: Callable[..., Any], tmp_path: Path) -> None:
    for name, (args, case, suffix) in WRITING.items():
        by_cli, by_python = tmp_path / f"cli-{name}{suffix}", tmp_path / f"py-{name}{suffix}"
        printed = caledger(*args, "--out", str(by_cli), "--db", seeded, "--json")
        assert printed.exit_code == 0, printed.output
        with ledger.open(seeded).snapshot() as s:
            result = case(s, str(by_python))
        assert not by_python.exists()  # computing writes nothing; write() does
        result.write(ledger=seeded)
        assert by_python.read_bytes() == by_cli.read_bytes(), name
        assert {**result.to_json(), "out": str(by_cli)} == json.loads(printed.output), name
        assert result.stamp == {k: json.loads(printed.output)[k]
                                for k in ("known_at", "position", "head_hash")}, name
        assert result.to_rows() is not None


def test_list_reports_carry_the_snapshots_stamp_though_their_json_has_no_room(
        seeded: str) -> None:
    with ledger.open(seeded).snapshot(known_at="@12") as s:
        for result in (s.report("history", "MARA"), s.report("companies", None)):
            assert isinstance(result.to_json(), list)
            assert result.stamp == s.stamp()
        # the methods that list (documented in docs/python.md) are those reports' JSON
        assert s.history("MARA") == s.report("history", "MARA").to_json()
        assert s.companies() == s.report("companies", None).to_json()
