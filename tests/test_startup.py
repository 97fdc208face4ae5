"""Start-up: a command loads only what it uses (issue 26).

Each command runs in a fresh interpreter, as a user starts it, and reports the modules it
ended up with. A query on a SQLite ledger never loads the chart library, the draft readers
(dateparser, Babel, selectolax, pypdf), the filing reader (ixbrlparse) or the PostgreSQL
driver; a write of a valid record loads no pydantic at all (the fast path checks it with the
models' own field rules), and a refused one builds the validation schema of the record type
it writes and no other, to word its problems.
How fast start-up is lives in ``benchmarks/latency.py``, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import SEEDS
from ledger.render import table

#: Packages only some commands need (top-level module names).
HEAVY = {"matplotlib", "dateparser", "babel", "psycopg", "psycopg_binary", "selectolax",
         "pypdf", "ixbrlparse", "numpy", "PIL", "lxml", "bs4"}

#: Runs the CLI in this interpreter, then writes what was loaded to the file in argv[1]: the
#: top-level packages, and which pydantic record models have their validators built.
PROBE = r"""
import json, sys
out, args = sys.argv[1], sys.argv[2:]
sys.argv = ["caledger", *args]
from ledger.cli import main
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
built = []
events = sys.modules.get("ledger.events")
if events is not None:
    models = {**events.CATALOG, **events.AMENDMENTS}
    built = sorted(t for t, m in models.items() if m.__pydantic_complete__)
with open(out, "w") as f:
    json.dump({"code": code, "packages": sorted({m.split(".")[0] for m in sys.modules}),
               "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("ledger", "projections")),
               "built": built}, f)
"""


def run(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "loaded.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), *args],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(out.read_text())
    assert loaded["code"] in (0, None), (args, done.stderr)
    return loaded


@pytest.fixture
def seeded(tmp_path: Path) -> str:
    db = str(tmp_path / "seed.db")
    done = subprocess.run([sys.executable, "-m", "ledger", "import", *map(str, SEEDS),
                           "--db", db], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return db


QUERIES = [
    ["holdings", "MARA", "--as-of", "2026-03-31"],
    ["holdings", "MARA", "--as-of", "2026-03-31", "--json"],
    ["holdings", "--all", "--as-of", "2026-03-31"],
    ["shares", "MARA", "--as-of", "2026-03-31"],
    ["kpi", "MARA", "--as-of", "2026-03-31", "--since", "2025-12-31"],
    ["capital", "MARA", "--as-of", "2026-03-31"],
    ["explain", "MARA", "btc.total", "--as-of", "2026-03-31"],
    ["show", "mara-2024q4-purchase"],
    ["history", "MARA"],
    ["series", "MARA", "--from", "2024-Q4", "--to", "2026-Q1", "--every", "quarter"],
    ["reconcile", "MARA"],
    ["changes", "MARA", "--since", "@5"],
    ["companies"],
    ["verify"],
]


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: " ".join(a[:2]))
def test_a_query_on_a_sqlite_ledger_loads_no_chart_draft_filing_or_postgres_library(
        tmp_path: Path, seeded: str, args: list[str]) -> None:
    loaded = run(tmp_path, *args, "--db", seeded)
    assert HEAVY.isdisjoint(loaded["packages"]), sorted(HEAVY & set(loaded["packages"]))
    # reading never validates a record through pydantic: no record model is built
    assert loaded["built"] == []
    # tables of plain text are laid out without tabulate (it reads package metadata on import)
    assert "tabulate" not in loaded["packages"]


def test_holdings_does_not_even_load_pydantic_the_event_library_or_click(
        tmp_path: Path, seeded: str) -> None:
    # plain arguments: the fast path (ledger/cli/fast.py) parses them without click
    loaded = run(tmp_path, "holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded)
    assert {"pydantic", "pydantic_core", "eventsourcing", "click"}.isdisjoint(
        loaded["packages"])


def test_holdings_loads_the_query_bodies_and_no_command_declarations_or_writer_module(
        tmp_path: Path, seeded: str) -> None:
    # the fast path calls the query's body (queries.py) without building any click command
    loaded = run(tmp_path, "holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded)
    commands = {m for m in loaded["modules"] if m.startswith("ledger.cli.")}
    assert commands == {"ledger.cli.fast", "ledger.cli.grammar", "ledger.cli.output",
                        "ledger.cli.queries"}
    # nor what only writes use: the importer, provenance (who recorded what), the store
    assert {"ledger.importer", "ledger.provenance", "ledger.store", "ledger.events",
            "ledger.fastcheck"}.isdisjoint(loaded["modules"])


def test_holdings_as_text_loads_no_dataclasses_orjson_uuid_or_csv(
        tmp_path: Path, seeded: str) -> None:
    # dataclasses brings inspect, ast, dis and tokenize; orjson brings dataclasses, uuid and
    # platform: a text answer needs none of them (nor csv), only --json writes with orjson
    loaded = run(tmp_path, "holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded)
    assert {"dataclasses", "inspect", "orjson", "uuid", "platform", "csv"}.isdisjoint(
        loaded["packages"]), sorted(loaded["packages"])
    assert "ledger.jsonio" not in loaded["modules"]
    as_json = run(tmp_path, "holdings", "MARA", "--as-of", "2026-03-31", "--json",
                  "--db", seeded)
    assert "orjson" in as_json["packages"]


@pytest.mark.parametrize("args", [["reconcile", "MARA"], ["series", "MARA", "--from", "2024-Q4",
                                   "--to", "2026-Q1", "--every", "quarter"],
                                  ["holdings", "--all", "--as-of", "2026-03-31"]],
                         ids=lambda a: a[0])
def test_reconcile_series_and_every_holding_as_text_load_no_dataclasses_or_orjson(
        tmp_path: Path, seeded: str, args: list[str]) -> None:
    loaded = run(tmp_path, *args, "--db", seeded)
    assert {"dataclasses", "inspect", "orjson", "uuid", "platform"}.isdisjoint(
        loaded["packages"]), sorted(loaded["packages"])


def test_stored_content_reads_alike_through_json_then_orjson(monkeypatch) -> None:
    import orjson

    from projections import queries

    monkeypatch.setattr(queries, "FEW", 3)
    monkeypatch.setattr(queries, "_loads", queries._counting)
    monkeypatch.setattr(queries, "_read", 0)
    contents = [orjson.dumps({"id": f"r-{i}", "btc": "1.5", "n": 2**63 - i, "x": -0.1,
                              "sources": [{"document": "é.txt", "line": i}], "ok": i % 2 == 0,
                              "note": None}, option=orjson.OPT_SORT_KEYS).decode()
                for i in range(6)]
    got = [queries.loads(c) for c in contents]
    assert got == [orjson.loads(c) for c in contents]
    assert queries._loads is orjson.loads  # the standard library's for the first FEW only


def _as_dataclass(cls: type, frozen: bool = True, order: bool = False) -> type:
    """The ``@dataclass`` a ``valueclass`` class stands for: its FIELDS, in order."""
    import dataclasses
    return dataclasses.make_dataclass(cls.__name__, list(cls.FIELDS), frozen=frozen,
                                      order=order)


VALUES = [  # (class, two different field tuples), each a frozen dataclass before
    ("ledger.values:Period", (date(2025, 1, 1), date(2025, 3, 31), "2025-Q1"),
     (date(2025, 1, 1), date(2025, 1, 31), "2025-01")),
    ("ledger.snapshot:KnownAt", (None, 15), ("@5", 5)),
    ("ledger.location:Location", ("a.db",), ("b.db",)),
    ("ledger.reports:Report", ("holdings", "holdings:HOLDINGS", "btc.*", ""),
     ("shares", "shares:SHARES", "", "")),
    ("ledger.jsonio:RawRecord", ("a.jsonl", 1, {"id": "x"}, None, None),
     ("a.jsonl", 2, None, "bad", None)),
    ("ledger.adapters.sqlite_read:SQLiteReader", ("a.db",), ("b.db",)),
    ("ledger.render:Printer", (str, None, {}), (repr, None, {})),
    # The per-company queries' frozen values (projections.figures.Frozen): a cached Status
    # is shared by many holdings, so it must not be changed in place.
    ("projections.figures:Status", ("derived", "from a", ()),
     ("not known", "no anchor", ("btc.total: flagged",))),
    ("projections.series:Period", ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31)),
     ("2025-Q2", date(2025, 4, 1), date(2025, 6, 30))),
    ("projections.prices:Close", ("BTC", date(2025, 1, 2), None, None),
     ("BTC", date(2025, 1, 3), None, None)),
]


@pytest.mark.parametrize("where, one, other", VALUES, ids=lambda v: str(v)[:24])
def test_a_value_class_behaves_as_the_frozen_dataclass_it_replaces(
        where: str, one: tuple, other: tuple) -> None:
    import copy
    import importlib
    import pickle

    from ledger.valueclass import FrozenInstanceError

    module, name = where.split(":")
    cls = getattr(importlib.import_module(module), name)
    ordered = where == "ledger.values:Period"
    before = _as_dataclass(cls, order=ordered)
    a, b, a2 = cls(*one), cls(*other), cls(*one)
    da, db, da2 = before(*one), before(*other), before(*one)
    assert (a == a2, a == b, a != b) == (da == da2, da == db, da != db) == (True, False, True)
    assert a != one  # only the same class is equal, as a dataclass
    assert repr(a) == repr(da)
    if name != "RawRecord" and name != "Printer":  # (a dict field is not hashable)
        assert (hash(a) == hash(a2)) and hash(a) == hash(da)
    if ordered:
        assert (a < b, a > b, a <= a2, b >= a) == (da < db, da > db, da <= da2, db >= da)
        assert sorted([a, b]) == [cls(*t) for t in sorted([one, other])]
    with pytest.raises(FrozenInstanceError, match="cannot assign to field"):
        a.__setattr__(cls.FIELDS[0], "changed")
    assert isinstance(FrozenInstanceError("x"), AttributeError)
    assert copy.copy(a) == a and copy.deepcopy(a) == a
    if name != "Printer":  # (its fields are functions)
        assert pickle.loads(pickle.dumps(a)) == a


@pytest.mark.parametrize("where", ["projections.capital:Capital", "projections.shares:Shares",
                                   "projections.shares:Kpi"])
def test_figures_are_built_compared_and_printed_as_their_dataclasses_were(where: str) -> None:
    import dataclasses
    import importlib

    module, name = where.split(":")
    cls = getattr(importlib.import_module(module), name)
    required = [f for f in cls.FIELDS if f not in cls.DEFAULTS]
    spec = [f if f not in cls.DEFAULTS else
            (f, object, dataclasses.field(default_factory=cls.DEFAULTS[f]))
            if cls.DEFAULTS[f] in (dict, list) else (f, object, dataclasses.field(
                default=cls.DEFAULTS[f])) for f in cls.FIELDS]
    before = dataclasses.make_dataclass(name, spec)
    given = {f: f"<{f}>" for f in required}
    a, da = cls(**given), before(**given)
    assert repr(a) == repr(da)
    assert a == cls(*given.values()) and a != cls(**{**given, required[0]: "other"})
    assert a.trails is not cls(**given).trails  # a new dict each time
    a.position = 7  # mutable, as before
    assert a.position == 7
    with pytest.raises(TypeError):
        hash(a)
    with pytest.raises(TypeError, match="missing argument"):
        cls()
    with pytest.raises(TypeError, match="unexpected or repeated argument 'nonsense'"):
        cls(**given, nonsense=1)


@pytest.mark.parametrize("name, given", [
    ("Line", {"points": [(0, 1), (2, 1)], "stroke": "#000000"}),
    ("Rect", {"x": 1, "y": 2, "w": 3, "h": 4}),
    ("Polygon", {"points": [(0, 0), (1, 1), (1, 0)], "fill": "#ffffff"}),
    ("Circle", {"x": 1, "y": 2, "r": 3, "fill": "#ffffff", "stroke": "#000000"}),
    ("Text", {"x": 1, "y": 2, "text": "2025-Q1"}),
    ("Group", {"id": "chart-axes"})])
def test_a_chart_shape_is_built_compared_and_printed_as_its_dataclass_was(name, given) -> None:
    import dataclasses
    from decimal import Decimal

    from ledger import chart

    cls = getattr(chart, name)
    defaults = {"Line": {"width": 1, "dash": None, "opacity": None},
                "Rect": {"fill": None, "stroke": None, "width": 1, "opacity": None},
                "Polygon": {"stroke": None}, "Circle": {"width": 1},
                "Text": {"size": chart.SIZE, "fill": "#000000", "anchor": "start", "rotate": 0},
                "Group": {"items": dataclasses.field(default_factory=list), "title": None}}[name]
    before = dataclasses.make_dataclass(name, [
        (f, object, d if isinstance(d, dataclasses.Field) else dataclasses.field(default=d))
        if f in defaults else f for f, d in ((f, defaults.get(f)) for f in cls.FIELDS)])
    a, da = cls(**given), before(**given)
    assert repr(a) == repr(da) and cls(*given.values()) == a
    assert [getattr(a, f) for f in cls.FIELDS] == [getattr(da, f) for f in cls.FIELDS]
    first = cls.FIELDS[0]
    assert a != cls(**{**given, first: Decimal(99) if first == "x" else "other"})
    with pytest.raises(TypeError):
        hash(a)
    if name == "Group":
        assert a.items is not cls(**given).items  # a new list each time


def test_a_kind_is_copied_with_one_fact_changed_as_dataclasses_replace_did() -> None:
    from ledger import kinds

    mined = kinds.KINDS["btc_mined"]
    changed = mined._replace(export_account=None)
    assert changed.export_account is None and mined.export_account is not None
    assert changed._replace(export_account=mined.export_account) == mined
    with pytest.raises(TypeError, match="no field 'nonsense'"):
        mined._replace(nonsense=1)


def test_a_report_object_compares_and_prints_as_its_dataclass_did() -> None:
    from ledger.api import AppendReport, VerifyReport

    assert AppendReport("r-1", True, 4) == AppendReport("r-1", True, 4) != \
        AppendReport("r-1", False, None)
    assert repr(AppendReport("r-1", True, 4)) == (
        "AppendReport(id='r-1', added=True, position=4, new_companies=[], companies_before=[], "
        "dry_run=False, creates_ledger=False, below_zero=[], what='record')")
    report = VerifyReport(3, 3, "abc", None)
    report.read_model_checked = True  # mutable, as before
    assert report.ok and report.keyring is None
    with pytest.raises(TypeError):
        hash(report)


def test_a_query_click_parses_builds_only_the_query_commands(
        tmp_path: Path, seeded: str) -> None:
    # an argument the fast path leaves to click (-h, an unknown option, ...): ledger/cli/
    # imports a command's module when that command runs, so only the query commands are
    # built, not the writes', the audits', the files' or the server's
    loaded = run(tmp_path, "holdings", "-h")
    commands = {m for m in loaded["modules"] if m.startswith("ledger.cli.")}
    assert commands - {"ledger.cli.fast", "ledger.cli.grammar"} == {
        "ledger.cli.group", "ledger.cli.options", "ledger.cli.output", "ledger.cli.query",
        "ledger.cli.queries"}


def test_each_command_is_defined_in_the_module_the_cli_table_names() -> None:
    """``COMMANDS`` says which module defines each command (so only that one is imported
    when it runs): importing each module in turn, in a fresh interpreter, adds exactly the
    commands the table gives it."""
    probe = ("import importlib, json; from ledger.cli import group; made = {}\n"
             "for module in sorted(set(group.COMMANDS.values())):\n"
             "    before = set(group.cli.commands._made)\n"
             "    importlib.import_module('ledger.cli.' + module)\n"
             "    made[module] = sorted(set(group.cli.commands._made) - before)\n"
             "print(json.dumps([made, group.COMMANDS]))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    made, table = json.loads(done.stdout)
    assert made == {module: sorted(n for n, m in table.items() if m == module)
                    for module in set(table.values())}


def test_verify_of_a_sqlite_ledger_reads_the_chain_without_the_event_library(
        tmp_path: Path, seeded: str) -> None:
    # the chain and the stored events are read from the file directly (sqlite_chain.py); a
    # short chain is checked in this process, with no second one forked
    loaded = run(tmp_path, "verify", "--db", seeded)
    assert {"eventsourcing", "pydantic", "multiprocessing"}.isdisjoint(loaded["packages"])


def test_writes_to_an_existing_sqlite_ledger_leave_the_event_library_unloaded(
        tmp_path: Path, seeded: str) -> None:
    # an existing ledger is written through sqlite_direct.py: the same statements, without
    # the library's import (more than half of a bare click process's instructions)
    for args in (["append", "btc_mined", "--company", "MARA", "--effective", "2026-04",
                  "--btc", "700", "--source", "notes.txt:1"],
                 ["correct", "mara-2024q4-purchase", "--btc", "14575", "--reason", "restated"],
                 ["retract", "mara-2024q4-purchase", "--reason", "withdrawn"]):
        loaded = run(tmp_path, *args, "--db", seeded)
        assert "eventsourcing" not in loaded["packages"], args
    verified = subprocess.run([sys.executable, "-m", "ledger", "verify", "--db", seeded],
                              capture_output=True, text=True)
    assert verified.returncode == 0 and verified.stdout.startswith("ok: "), verified.stdout


#: What a valid write never loads: the record models' library (the models themselves are
#: never built: ``built`` stays empty).
MODELS = {"pydantic", "pydantic_core", "annotated_types"}


def test_append_of_a_valid_record_loads_no_pydantic_and_builds_no_model(
        tmp_path: Path, seeded: str) -> None:
    loaded = run(tmp_path, "append", "btc_mined", "--company", "MARA", "--effective", "2026-04",
                 "--btc", "700", "--source", "notes.txt:1", "--db", seeded)
    assert loaded["built"] == []
    assert MODELS.isdisjoint(loaded["packages"]), sorted(MODELS & set(loaded["packages"]))
    assert HEAVY.isdisjoint(loaded["packages"]), sorted(HEAVY & set(loaded["packages"]))


def test_append_of_a_bad_record_builds_the_schema_of_the_one_type_it_writes(
        tmp_path: Path, seeded: str) -> None:
    """The models give a refused record its messages: only the type written is built."""
    out = tmp_path / "loaded.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), "append", "btc_mined",
                           "--company", "MARA", "--effective", "2026-04", "--btc", "-7",
                           "--source", "notes.txt:1", "--db", seeded],
                          capture_output=True, text=True, cwd=tmp_path)
    loaded = json.loads(out.read_text())
    assert loaded["code"] == 1 and "must be greater than 0" in done.stderr
    assert loaded["built"] == ["btc_mined"]


def test_a_correction_or_retraction_loads_no_pydantic_and_builds_no_model(
        tmp_path: Path, seeded: str) -> None:
    loaded = run(tmp_path, "correct", "mara-2024q4-purchase", "--btc", "14575",
                 "--reason", "restated", "--db", seeded)
    assert loaded["built"] == []
    assert MODELS.isdisjoint(loaded["packages"]), sorted(MODELS & set(loaded["packages"]))
    assert HEAVY.isdisjoint(loaded["packages"])
    loaded = run(tmp_path, "retract", "mara-2024q4-purchase", "--reason", "withdrawn",
                 "--db", seeded)
    assert MODELS.isdisjoint(loaded["packages"]), sorted(MODELS & set(loaded["packages"]))


def test_a_correction_with_a_bad_replacement_builds_the_correction_and_the_replacement_type_only(
        tmp_path: Path, seeded: str) -> None:
    out = tmp_path / "loaded.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), "correct",
                           "mara-2024q4-purchase", "--btc", "-1", "--reason", "restated",
                           "--db", seeded], capture_output=True, text=True, cwd=tmp_path)
    loaded = json.loads(out.read_text())
    assert loaded["code"] == 1 and "--btc" in done.stderr
    assert loaded["built"] == ["btc_purchased", "correction"]


def test_importing_a_file_builds_only_the_types_in_it(tmp_path: Path, seeded: str) -> None:
    records = tmp_path / "two.jsonl"
    records.write_text(
        '{"id": "t-1", "type": "btc_sold", "company": "MARA", "effective": "2026-05",'
        ' "btc": "1", "sources": [{"document": "a.txt", "line": 1}]}\n'
        '{"id": "t-2", "type": "retraction", "retracts": "t-1", "reason": "denied"}\n')
    loaded = run(tmp_path, "import", str(records), "--db", seeded)
    assert set(loaded["built"]) <= {"btc_sold", "retraction"}
    assert HEAVY.isdisjoint(loaded["packages"])


def test_importing_plain_valid_records_loads_no_pydantic(tmp_path: Path, seeded: str) -> None:
    records = tmp_path / "ten.jsonl"
    records.write_text("".join(
        f'{{"id": "lat-{n}", "type": "btc_mined", "company": "MARA", "effective": '
        f'"2026-0{1 + n % 9}", "btc": "{n + 1}", "sources": [{{"document": "lat.txt", '
        f'"line": {n + 1}}}]}}\n' for n in range(10)))
    loaded = run(tmp_path, "import", str(records), "--db", seeded)
    assert loaded["built"] == []
    assert MODELS.isdisjoint(loaded["packages"]), sorted(MODELS & set(loaded["packages"]))
    assert HEAVY.isdisjoint(loaded["packages"])
    # msgspec's line path pays for its own import only on a large input
    assert {"msgspec", "multiprocessing"}.isdisjoint(loaded["packages"])


def test_the_chart_loads_no_plotting_draft_or_postgres_library(
        tmp_path: Path, seeded: str) -> None:
    # The SVG is written directly (ledger/chart.py); Pillow only paints a PNG.
    loaded = run(tmp_path, "chart", "MARA", "--from", "2024-10-01", "--to", "2026-06-30",
                 "--out", str(tmp_path / "m.svg"), "--db", seeded)
    assert {"matplotlib", "PIL", "numpy", "dateparser", "babel", "psycopg", "selectolax",
            "pypdf", "ixbrlparse"}.isdisjoint(loaded["packages"])
    report = run(tmp_path, "report", "MARA", "--out", str(tmp_path / "site"), "--db", seeded)
    assert {"matplotlib", "PIL", "numpy"}.isdisjoint(report["packages"])
    # the page is written without a template engine (ledger/report_page.py)
    assert {"jinja2", "markupsafe"}.isdisjoint(report["packages"])


_PRINTABLE = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=8)
_CELLS = st.one_of(st.none(), _PRINTABLE, st.text(max_size=4), st.integers(-10**6, 10**6),
                   st.booleans(), st.decimals(allow_nan=False, allow_infinity=False, places=3))


@settings(max_examples=300, deadline=None)
@given(data=st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.lists(_PRINTABLE, min_size=n, max_size=n),
    st.lists(st.lists(_CELLS, min_size=n, max_size=n), max_size=5))))
def test_a_table_is_laid_out_as_tabulate_lays_it_out(data) -> None:
    from tabulate import tabulate

    headers, rows = data
    assert table(rows, headers) == tabulate(rows, headers=headers, tablefmt="simple",
                                            disable_numparse=True)


def test_company_facts_load_no_filing_reader_and_a_draft_no_chart_or_postgres_library(
        tmp_path: Path, seeded: str) -> None:
    root = Path(__file__).resolve().parent.parent / "examples"
    facts = run(tmp_path, "import-xbrl", str(root / "companyfacts" / "CIK0001999001.json"),
                "--company", "HASH", "--dry-run", "--db", seeded)
    assert {"ixbrlparse", "lxml", "bs4", "matplotlib", "psycopg", "dateparser", "babel",
            "selectolax", "pypdf"}.isdisjoint(facts["packages"])
    draft = run(tmp_path, "draft", str(root / "releases" / "kestrel-2025-11-update-en.txt"),
                "--company", "KSTL")
    assert {"matplotlib", "psycopg", "ixbrlparse", "pypdf", "selectolax"}.isdisjoint(
        draft["packages"])


# --- the fast path reads a command line as click does ---------------------------------------


def test_the_fast_grammar_is_generated_from_the_click_declarations() -> None:
    """``grammar.py`` is what ``python -m ledger.cli.fast`` writes from ``query.py`` today,
    and it covers every query command."""
    from ledger.cli import fast, grammar, group

    assert Path(grammar.__file__).read_text() == fast.source(), \
        "the query commands changed: run python -m ledger.cli.fast"
    assert set(grammar.GRAMMAR) == {n for n, m in group.COMMANDS.items() if m == "query"}


def _click_reads(argv: list[str]) -> dict | None:
    """What click passes the command for ``argv``, or None where it refuses or helps."""
    import click

    from ledger.cli import group

    command = group.cli.commands[argv[0]]
    try:
        with command.make_context(argv[0], list(argv[1:])) as ctx:
            return dict(ctx.params)
    except (click.exceptions.Exit, click.UsageError):
        return None


def _words(name: str) -> st.SearchStrategy[list[str]]:
    from ledger.cli.grammar import GRAMMAR

    options = sorted(GRAMMAR[name]["options"])
    values = ["MARA", "HASH", "2025-Q3", "@3", "7", "-3", "x", "", "-", "--", "-h", "--help",
              "--nope", "month", "year", "json", "csv", "atom", "text", "a=b", "btc.total"]
    word = st.one_of(st.sampled_from(options), st.sampled_from(values),
                     st.builds(lambda o, v: f"{o}={v}", st.sampled_from(options),
                               st.sampled_from(values)))
    return st.lists(word, max_size=7).map(lambda rest: [name, *rest])


def _query_names() -> list[str]:
    from ledger.cli.group import COMMANDS

    return sorted(name for name, module in COMMANDS.items() if module == "query")


_QUERY_NAMES = _query_names()  # every query command, a new one too


@settings(max_examples=600, deadline=None)
@given(argv=st.sampled_from(_QUERY_NAMES).flatmap(_words),
       env=st.sampled_from([None, "", "env.db"]))
def test_the_fast_path_reads_a_command_line_as_click_does_or_leaves_it_to_click(
        argv: list[str], env: str | None) -> None:
    import os

    from ledger.cli import fast

    saved = os.environ.pop("CALEDGER_DB", None)
    if env is not None:
        os.environ["CALEDGER_DB"] = env
    try:
        fast_reads, click_reads = fast.parse(argv), _click_reads(argv)
    finally:
        os.environ.pop("CALEDGER_DB", None)
        if saved is not None:
            os.environ["CALEDGER_DB"] = saved
    if fast_reads is not None:
        assert fast_reads == (argv[0], click_reads), argv


@pytest.mark.parametrize("argv", [
    ["holdings", "MARA", "--as-of", "2026-03-31"],
    ["holdings", "--as-of=2026-03-31", "MARA", "HASH", "--json"],
    ["holdings", "--all", "--format", "csv", "--known-at", "@5"],
    ["kpi", "MARA", "--since", "2025-Q4", "--max-price-age", "3"],
    ["series", "MARA", "--from", "2024-Q4", "--every", "month", "--figure", "btc.total",
     "--figure", "shares.basic"],
    ["history", "--type", "btc_sold", "--", "--MARA"],
    ["changes", "--since", "@5", "--known-at", "@9", "--format", "atom"],
    ["show", "-", "--db", "x.db"],
    ["companies"],
    ["explain", "MARA", "--as-of", "2025-Q3"],
    ["explain", "MARA", "kpi.btc_yield", "--since", "2025-Q2", "--max-price-age=9"],
    ["reconcile", "--all", "--strict", "--json"],
])
def test_the_fast_path_takes_plain_query_lines(argv: list[str]) -> None:
    from ledger.cli import fast

    assert fast.parse(argv) == (argv[0], _click_reads(argv))


@pytest.mark.parametrize("args", [
    ["holdings", "MARA", "--as-of", "2026-03-31"],
    ["holdings", "MARA", "HASH", "--as-of", "2026-03-31", "--format", "csv"],
    ["holdings", "MARA", "--json", "--format", "csv"],  # usage error: click's words
    ["holdings"],                                       # the library refuses it
    ["holdings", "NOPE"],
    ["kpi", "MARA", "--max-price-age", "soon"],
    ["series", "MARA", "--from", "2025-Q1", "--to", "2026-Q1", "--format", "json"],
    ["history", "MARA", "--type", "btc_sold"],
    ["changes", "MARA", "--since", "@5", "--format", "atom"],
    ["explain", "MARA", "btc.total", "--as-of", "2026-03-31"],
    ["explain", "MARA", "no.such.figure"],
    ["reconcile", "MARA"],
    ["reconcile", "--all", "--strict"],                # exit 1 when anything is unexplained
    ["reconcile", "MARA", "--all"],
])
def test_a_query_prints_the_same_through_the_fast_path_and_through_click(
        tmp_path: Path, seeded: str, args: list[str]) -> None:
    via_click = ("import sys; from ledger.cli.group import cli; "
                 "sys.argv[0] = 'caledger'; cli(prog_name='caledger')")
    fast_run = subprocess.run([sys.executable, "-m", "ledger", *args, "--db", seeded],
                              capture_output=True, text=True, cwd=tmp_path)
    click_run = subprocess.run([sys.executable, "-c", via_click, *args, "--db", seeded],
                               capture_output=True, text=True, cwd=tmp_path)
    assert (fast_run.returncode, fast_run.stdout, fast_run.stderr) == \
        (click_run.returncode, click_run.stdout, click_run.stderr)


def test_the_printable_shortcut_of_safe_text_skips_no_character_it_would_escape() -> None:
    """``safetext`` compiles its patterns only for text with a non-printable character
    (start-up): every character either pattern escapes is one ``isprintable`` refuses."""
    import re

    from ledger import safetext

    for pattern, kept in ((safetext._TERMINAL, "\n\t"), (safetext._XML, "\n\t\r")):
        escaped = re.compile(pattern)
        for code in range(0x110000):
            char = chr(code)
            if escaped.match(char):
                assert char not in kept and not char.isprintable(), hex(code)
    assert safetext.terminal("a\x1b[31mb\n\tc") == "a\\u001b[31mb\n\tc"
    assert safetext.xml("a\x00b\r\n") == "a\\u0000b\r\n"
