"""A record of every type, through every report, both journals and the report page.

The records are generated from the models themselves (``ledger.events.CATALOG``: each field's
type, its choices and whether it is optional), not written by hand, so a type added to the
catalog is in them without touching this file. Each one is imported into one ledger; then
every report runs over it in every format, both exports go through the real ``bean-check``
and ``hledger check``, reconcile runs, and the report page is written. A type whose facts are
missing from the type table (``ledger/kinds.py``) fails here — a capital type no capital rule
applies, a share effect with no note, a flow with no journal account — not in a user's hands:
each record must show up where its type's facts say it counts.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import types
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pytest

from ledger import kinds
from ledger.events import CATALOG, RecordInvalid, validate_record

from .test_exports import bean_check

HLEDGER = shutil.which("hledger")
COMPANY = "EVRY"
#: The day every report is asked about: every generated record's period has ended by then.
AS_OF = "2025-06-30"
SINCE = "2024-12-31"
FORMATS = ("text", "json", "csv")


# --- a record of every type, from the models ---------------------------------------------------


def _alternatives(annotation: Any) -> list[Any]:
    """The annotation's types, an optional one's ``None`` left out."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [t for a in get_args(annotation) if a is not type(None)
                for t in _alternatives(a)]
    return [annotation]


def _base(annotation: Any) -> Any:
    """The type under ``Annotated[...]``."""
    while get_origin(annotation) is not None and get_origin(annotation) is not Literal \
            and hasattr(annotation, "__metadata__"):
        annotation = get_args(annotation)[0]
    return annotation


def _candidates(annotation: Any) -> list[Any]:
    """Values to try for a field of this type, the most telling first."""
    out: list[Any] = []
    for t in map(_base, _alternatives(annotation)):
        if get_origin(t) is Literal:
            out += list(get_args(t))
        elif t is Decimal:
            out += ["2", "1"]
        elif t is bool:
            out += [True, False]
        elif getattr(t, "__name__", "") == "date":
            out += [SINCE]
        elif t is str:
            out += ["Every", COMPANY]
    assert out, f"no values to try for {annotation!r}: teach _candidates this type"
    return out


def _effective(record_type: str) -> str:
    """Anchors (a disclosed balance, share count or dilution) a quarter before the rest, so
    what comes after rolls forward from them."""
    k = kinds.KINDS[record_type]
    return SINCE if k.category == "anchor" or k.share_role in ("anchor", "dilutive") \
        else "2025-03-31"


def record_of(record_type: str, line: int) -> dict[str, Any]:
    """A valid record of ``record_type`` stating as many of its fields as its rules allow."""
    model = CATALOG[record_type]
    names = kinds.FIELDS[record_type]
    choices = []
    for name in names:
        info = model.model_fields[name]
        choices.append(_candidates(info.annotation) + ([] if info.is_required() else [None]))
    base = {"id": f"every-{record_type}", "type": record_type, "company": COMPANY,
            "effective": _effective(record_type),
            "sources": [{"document": "every-type.txt", "line": line}]}
    best = None
    for values in itertools.product(*choices):
        raw = {**base, **{n: v for n, v in zip(names, values, strict=True) if v is not None}}
        try:
            validate_record(raw)
        except RecordInvalid:
            continue
        if best is None or len(raw) > len(best):
            best = raw
            if len(raw) == len(base) + len(names):
                break
    assert best is not None, f"no valid {record_type} record from the candidate values"
    return best


#: One record of every type; then, for each type that is an anchor, a second one after the
#: as-of day, so reconcile has consecutive disclosed figures to roll forward between.
RECORDS = [record_of(t, n) for n, t in enumerate(CATALOG, start=1)]
# A retirement names an issue recorded before it (the store refuses one naming none).
RECORDS = [{**r, "notes_id": "every-notes_issued"} if r.get("notes_id") else r for r in RECORDS]
CLOSING = [{**r, "id": f"{r['id']}-closing", "effective": "2025-09-30"} for r in RECORDS
           if r["effective"] == SINCE and kinds.KINDS[r["type"]].share_role != "dilutive"]


def test_there_is_a_record_of_every_type_in_the_catalog_and_the_table():
    assert [r["type"] for r in RECORDS] == list(CATALOG) == list(kinds.TYPES)


# --- every report over them -----------------------------------------------------------------------


@pytest.fixture
def ledger(db: str, load) -> str:
    report = load(*RECORDS, *CLOSING)
    assert report["added"] == len(RECORDS) + len(CLOSING), report
    return db


def _ids(data: Any) -> str:
    return json.dumps(data)


def _by_category(category: str) -> list[dict[str, Any]]:
    return [r for r in RECORDS if kinds.category(r["type"]) == category]


REPORTS = {
    "holdings": ("holdings", COMPANY, "--as-of", AS_OF),
    "capital": ("capital", COMPANY, "--as-of", AS_OF),
    "shares": ("shares", COMPANY, "--as-of", AS_OF),
    "kpi": ("kpi", COMPANY, "--as-of", AS_OF, "--since", SINCE),
    "series": ("series", COMPANY, "--from", "2024-Q4", "--to", "2025-Q2",
               *itertools.chain.from_iterable(("--figure", f) for f in (
                   "btc.total", "btc.loaned", "btc.pledged", "shares.basic",
                   "shares.assumed_diluted", "kpi.btc_per_share", "value.cost_basis",
                   "ops.hashrate_ehs", "ops.blocks_won", "ops.btc_produced"))),
    "value": ("value", COMPANY, "--as-of", AS_OF, "--since", SINCE),
    "reconcile": ("reconcile", COMPANY),
    "changes": ("changes", COMPANY, "--since", "@0"),
    "history": ("history", COMPANY),
    "companies": ("companies",),
}


def _reports(caledger, db: str) -> dict[str, Any]:
    """Every report in every format (each must succeed); their JSON, by report."""
    data: dict[str, Any] = {}
    for name, args in REPORTS.items():
        for fmt in FORMATS:
            result = caledger(*args, "--db", db, "--format", fmt)
            assert result.exit_code == 0, f"{name} --format {fmt}: {result.stderr}"
            assert "Traceback" not in result.stdout + result.stderr, name
            if fmt == "json":
                data[name] = json.loads(result.stdout)
    return data


def _explain(run, caledger, db: str, figure: str) -> dict[str, Any]:
    args = ("explain", COMPANY, figure, "--as-of", AS_OF, "--since", SINCE, "--db", db)
    assert caledger(*args).exit_code == 0, figure
    return run(*args, "--json")


def test_every_report_runs_over_every_type_and_counts_each_record_where_its_facts_say(
        run, caledger, ledger: str) -> None:
    db = ledger
    data = _reports(caledger, db)
    for record in RECORDS:
        assert record["id"] in _ids(run("show", record["id"], "--db", db, "--json"))
        assert caledger("show", record["id"], "--db", db).exit_code == 0
        assert record["id"] in _ids(data["history"]), record["type"]
        assert record["id"] in _ids(data["changes"]), record["type"]
    assert data["holdings"]["btc"]["total"] is not None
    assert data["shares"]["shares"]["basic"] is not None

    # explain: every figure the reports name, by the same computation.
    figures = ["btc.total", "btc.loaned", "btc.pledged", "btc.unencumbered",
               *data["capital"]["figures"], *data["kpi"]["figures"],
               *(f"shares.{n}" for n in ("basic", "notes_as_converted", "other_dilutive",
                                         "assumed_diluted")),
               "value.cost_basis"]
    explained = {f: _explain(run, caledger, db, f) for f in dict.fromkeys(figures)}

    # Each record counts where its type's facts say it does.
    capital = _ids([explained[f] for f in data["capital"]["figures"]]) + _ids(
        {k: v for k, v in data["capital"].items() if k != "shares"})
    share_count = _ids([explained[f"shares.{n}"] for n in
                        ("basic", "notes_as_converted", "other_dilutive")])
    for record in RECORDS:
        k = kinds.KINDS[record["type"]]
        what = f"{record['type']} ({record['id']})"
        for bucket, sign in zip(("total", "loaned", "pledged"), k.btc_effect or (0, 0, 0),
                                strict=True):
            if sign:
                step = next((s for s in explained[f"btc.{bucket}"]["steps"]
                             if s.get("record", {}).get("id") == record["id"]), None)
                assert step is not None, f"{what} does not move btc.{bucket}"
                assert step["action"] == ("add" if sign > 0 else "subtract"), what
        if k.category == "anchor":
            assert explained["btc.total"]["anchor"]["id"] == record["id"], what
        # By category, not by the facts themselves: a capital type whose effect is left out
        # of the table must still show up in capital, or fail here.
        if k.category == "capital":
            assert record["id"] in capital, f"{what} ({k.capital}) is not in capital"
        if k.share_role is not None or k.category == "shares":
            assert record["id"] in share_count, f"{what} is not in the share count"
        if k.share_effect:
            step = next(s for s in explained["shares.basic"]["steps"]
                        if s.get("record", {}).get("id") == record["id"])
            assert step["note"].startswith(kinds.SHARE_NOTE[record["type"]]), what
            assert step["action"] == ("add" if k.share_effect > 0 else "subtract"), what
        if k.cost_effect:
            assert record["id"] in _ids(explained["value.cost_basis"]) + _ids(data["value"]), \
                f"{what} does not reach the cost basis"


def test_reconcile_checks_each_type_it_is_said_to(run, ledger: str) -> None:
    report = run("reconcile", COMPANY, "--db", ledger, "--json")
    for record in RECORDS:
        for check in kinds.KINDS[record["type"]].reconcile:
            if check == "capital":
                continue  # it lists only problems: none here (kinds.problems() ties the role)
            assert record["id"] in _ids(report[check]), \
                f"reconcile's {check} check does not look at {record['type']}"


def test_the_beancount_journal_of_every_type_passes_bean_check(run, ledger: str,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "every.beancount"
    run("export", "beancount", COMPANY, "--db", ledger, "--out", str(out), "--json")
    checked = bean_check(out)
    assert checked.returncode == 0, checked.stderr + checked.stdout
    journal = out.read_text(encoding="utf-8")
    for record in _by_category("flow"):  # every flow is a transaction, linked to its record
        assert f"^{record['id']}" in journal, record["type"]


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed (apt-get install "
                                           "hledger; .ci/run installs it where it can)")
def test_the_hledger_journal_of_every_type_passes_hledger_check(run, ledger: str,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "every.journal"
    run("export", "hledger", COMPANY, "--db", ledger, "--out", str(out), "--json")
    result = subprocess.run([HLEDGER, "-f", str(out), "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    journal = out.read_text(encoding="utf-8")
    for record in _by_category("flow"):
        assert f"record:{record['id']}" in journal, record["type"]


def test_the_report_page_lists_every_record(run, ledger: str, tmp_path: Path) -> None:
    summary = run("report", COMPANY, "--out", str(tmp_path / "site"), "--as-of", AS_OF,
                  "--db", ledger, "--json")
    page = Path(summary["out"]).read_text(encoding="utf-8")
    for record in RECORDS:
        assert record["id"] in page, record["type"]
