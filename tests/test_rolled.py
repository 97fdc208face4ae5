"""The journal rolled forward once gives what the per-date computations give (issue 26).

``export``, ``reconcile``, ``chart`` and ``series`` need holdings (and ``reconcile`` capital figures) on
every date where a figure can change. They used to run the point-in-time computation once per
date, which grows with the square of a company's history; they now roll the company's journal
forward once (``projections.holdings.roll``, ``projections.capital.replay``). These properties
hold the fast path to the per-date one on random ledgers with corrections and retractions, at
random known-at positions, on both stores: the rolled holdings equal ``compute`` on every day
(figures, statuses with their reasons, anchors, straddling flows), and each command's whole
answer is byte for byte the one the per-date computation gives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api
from ledger.errors import CaledgerError
from ledger.reader import open_reader
from ledger.values import to_sats
from projections import capital
from projections import holdings as h
from projections.figures import Status

from .conftest import amendments_unchecked, import_records, rec
from .strategies import START, amended_ledgers
from .test_capital import capital_ledgers
from .test_properties import COMPANIES, records

FIGURES = ("total", "loaned", "pledged", "unencumbered")


def figures(result: h.Holdings) -> dict[str, Any]:
    """Everything a rolled Holdings carries, as JSON: what the fast path must reproduce."""
    return {
        "as_of": result.as_of.isoformat(),
        "value": {b: str(result.value(b)) for b in FIGURES},
        "raw": {b: str(result.raw(b)) for b in FIGURES},
        "status": {b: result.status[b].to_json() for b in FIGURES},
        "anchors": {b: (a.record_id, a.position) if a else None
                    for b, a in result.anchors.items()},
        "straddling": [e.record_id for e in result.straddling],
    }


@contextmanager
def per_date(db: str) -> Iterator[None]:
    """The per-date computations in place of the rolled ones, for the reference answer."""
    with open_reader(db) as reader, reader.reading() as cur:
        def roll(journal: list[h.Entry], company: str, days: list[date], position: int,
                 in_progress: bool = False, max_anchor_age: int | None = None
                 ) -> list[h.Holdings]:
            return [h.compute(cur, company, day, position, max_anchor_age=max_anchor_age)
                    for day in days]

        def replay(cur_: Any, company: str, days: list[str], position: int
                   ) -> Iterator[tuple[str, capital.Capital]]:
            for day in days:
                yield day, capital.compute(cur_, company, date.fromisoformat(day), position)

        def negatives(journal: list[h.Entry], company: str, position: int, *,
                      unsummed: dict[str, tuple[str, ...]] | None = None
                      ) -> list[tuple[str, str, int, Status]]:
            # reconcile's negative buckets as they were found before ``h.negatives``: the
            # holdings computation on every day a balance or flow ends, each bucket's sum
            # where it rests on an anchor or counted flows (shown, or not known for being a
            # sum of flows below zero); unencumbered whenever the total is summed, the
            # buckets not summed counting as nothing (named in ``unsummed``).
            out = []
            for day in sorted({e.end for e in journal}):
                result = h.compute(cur, company, date.fromisoformat(day), position)
                summed = {b: result.anchors[b] is not None
                          or any(c.sats[b] for c in result.counted) for b in h.BUCKETS}
                for name in FIGURES:
                    if name == "unencumbered":
                        value = result.total - sum((result.raw(b) for b in ("loaned", "pledged")
                                                    if summed[b]), Decimal(0)) \
                            if summed["total"] else None
                    else:
                        value = result.raw(name) if summed[name] else None
                    if value is not None and value < 0:
                        out.append((day, name, to_sats(value), result.status[name]))
                        if name == "unencumbered" and unsummed is not None:
                            unsummed[day] = tuple(b for b in ("loaned", "pledged")
                                                  if not summed[b])
            return out

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(h, "roll", roll)
            patch.setattr(h, "negatives", negatives)
            patch.setattr(capital, "replay", replay)
            yield


def answers(db: str, company: str, position: int, as_of: date | None) -> str:
    """export (both journals), reconcile, the chart's data and series, as one JSON text."""
    known_at = f"@{position}"
    out = {
        journal: api.export(db, journal, [], None, as_of.isoformat() if as_of else None,
                            known_at)
        for journal in ("beancount", "hledger")}
    out["reconcile"] = api.reconcile(db, company, known_at)
    out["chart"] = api.chart_data(db, company, "2023-12-01", "2026-03-31", known_at)
    out["series"] = [api.series(db, company, "2023-11-15", "2026-02-10", every,
                                ["btc.total", "btc.loaned", "btc.pledged", "btc.unencumbered"],
                                known_at) for every in ("month", "quarter")]
    return json.dumps(out, sort_keys=True, default=str)


def every_day(db: str, company: str, position: int) -> list[date]:
    """Every period end of the company's records, the days either side, and the first and
    last days around them: where rolled and per-date could part."""
    with open_reader(db) as reader, reader.reading() as cur:
        ends = {date.fromisoformat(e.end) for e in h.entries(cur, company, None, position)}
    days = {START - timedelta(days=40), START + timedelta(days=900)}
    for end in ends:
        days |= {end - timedelta(days=1), end, end + timedelta(days=1)}
    return sorted(days)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), data=st.data())
def test_rolled_holdings_equal_compute_on_every_day(make_db, batches, data) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    head = api.changes(db, None, "@0")["until"]["position"]
    position = data.draw(st.integers(1, head), label="known-at position")
    for company in COMPANIES:
        days = every_day(db, company, position)
        with open_reader(db) as reader, reader.reading() as cur:
            journal = h.entries(cur, company, days[-1], position)
            rolled = h.roll(journal, company, days, position)
            every = h.entries(cur, company, None, position)
            with_in_progress = h.roll(every, company, days, position, in_progress=True)
            each = [h.compute(cur, company, day, position) for day in days]
        assert [figures(r) for r in rolled] == [figures(c) for c in each]
        assert [figures(r) for r in with_in_progress] == [figures(c) for c in each]
        assert [[e.record_id for e in r.in_progress] for r in with_in_progress] == \
            [[e.record_id for e in c.in_progress] for c in each]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), data=st.data())
def test_export_reconcile_and_chart_give_what_the_per_date_computation_gives(
        make_db, batches, data) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    head = api.changes(db, None, "@0")["until"]["position"]
    position = data.draw(st.integers(1, head), label="known-at position")
    as_of = data.draw(st.none() | st.integers(-30, 800).map(
        lambda d: START + timedelta(days=d)), label="as-of")
    company = data.draw(st.sampled_from(COMPANIES), label="company")
    try:
        fast = answers(db, company, position, as_of)
    except CaledgerError as e:  # a company with nothing visible yet: the same refusal
        with per_date(db), pytest.raises(type(e), match=str(e)[:40]):
            answers(db, company, position, as_of)
        return
    with per_date(db):
        assert answers(db, company, position, as_of) == fast


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(records=capital_ledgers())
def test_reconcile_finds_the_capital_problems_the_per_date_computation_finds(
        make_db, records) -> None:
    db = make_db()
    import_records(db, [*records, rec("cap-anchor", "btc_balance_disclosed", "2024-06-30",
                                      company="CAP", btc="10")])
    fast = api.reconcile(db, "CAP")
    with per_date(db):
        assert api.reconcile(db, "CAP") == fast


def test_a_stake_disposed_beyond_what_was_held_is_reported_once_from_its_first_day(
        make_db) -> None:
    db = make_db()
    # A disposal beyond what is held is refused when written, and so is a retraction
    # leaving one; an older ledger may hold one (an acquisition retracted before that).
    with amendments_unchecked():
        import_records(db, [
            rec("s1", "stake_acquired", "2024-03-31", company="CAP", target="Exaion",
                percent="20", usd="100"),
            rec("s1b", "stake_acquired", "2024-03-31", company="CAP", target="Exaion",
                percent="10", usd="50"),
            rec("s2", "stake_disposed", "2024-06-30", company="CAP", target="Exaion",
                percent="30"),
            rec("s3", "stake_acquired", "2024-09-30", company="CAP", target="Exaion",
                percent="5", usd="10"),
            rec("n1", "notes_issued", "2024-01-31", company="CAP", principal_usd="1000",
                coupon_percent="1", convertible=False),
            {"id": "undo", "type": "retraction", "retracts": "s1b", "reason": "denied"},
        ])
    report = api.reconcile(db, "CAP")
    assert report["capital"] == [{"date": "2024-06-30", "figure": "stakes.Exaion.percent",
                                  "value": "-10", "problem": "stake disposed beyond what was held",
                                  "records": ["s1", "s2"]}]
    with per_date(db):
        assert api.reconcile(db, "CAP") == report


def test_the_export_of_a_long_history_rolls_each_day_once(make_db) -> None:
    """A balance every month for five years and a flow every week: the journal's balances are
    the computation's on every day (per date: 300 computations; rolled: one pass)."""
    db = make_db()
    rows = []
    day = date(2020, 1, 31)
    for n in range(60):
        rows.append(rec(f"b{n}", "btc_balance_disclosed", day.isoformat(), btc=str(1000 + n),
                        **({"loaned": str(n)} if n % 3 == 0 else {})))
        day = (day.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    for n in range(260):
        rows.append(rec(f"f{n}", "btc_mined" if n % 4 else "btc_loaned",
                        (date(2020, 1, 1) + timedelta(days=7 * n)).isoformat(), btc="1"))
    import_records(db, rows)
    head = api.changes(db, None, "@0")["until"]["position"]
    fast = answers(db, "TEST", head, None)
    with per_date(db):
        assert answers(db, "TEST", head, None) == fast
    assert json.loads(fast)["beancount"]["balance_assertions"] > 300


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), data=st.data())
def test_reconcile_all_is_every_companys_reconcile(make_db, caledger, batches, data) -> None:
    """``reconcile --all`` gives, in the companies' order, exactly each company's own
    ``reconcile`` (the same JSON), and --strict fails if any company has an issue; with
    the companies shared between two processes (in batches of one or two) or not."""
    from ledger import every

    db = make_db()
    split = data.draw(st.sampled_from([(1, 1), (2, 1), (1, 1000)]), label="batch, from")
    patch = pytest.MonkeyPatch()
    patch.setattr(every, "BATCH", split[0])
    patch.setattr(every, "MIN_COMPANIES", split[1])
    try:
        _reconcile_all_matches(db, caledger, batches, data)
    finally:
        patch.undo()


def _reconcile_all_matches(db: str, caledger: Any, batches: Any, data: Any) -> None:
    for batch in batches:
        import_records(db, batch)
    head = api.changes(db, None, "@0")["until"]["position"]
    known_at = f"@{data.draw(st.integers(1, head), label='known-at position')}"
    every = caledger("reconcile", "--all", "--known-at", known_at, "--db", db, "--json")
    assert every.exit_code == 0, every.stderr
    tickers = [c["company"] for c in api.companies(db, known_at)]
    one_by_one = []
    for ticker in tickers:
        one = caledger("reconcile", ticker, "--known-at", known_at, "--db", db, "--json")
        assert one.exit_code == 0, one.stderr
        one_by_one.append(json.loads(one.stdout))
    assert json.loads(every.stdout) == one_by_one
    # Printed company by company, yet exactly what the whole list prints as.
    assert every.stdout == json.dumps(one_by_one, indent=2, ensure_ascii=False) + "\n"
    text = caledger("reconcile", "--all", "--known-at", known_at, "--db", db).stdout
    assert text == "\n\n".join(caledger("reconcile", t, "--known-at", known_at, "--db",
                                          db).stdout.rstrip("\n") for t in tickers) + "\n"
    strict = caledger("reconcile", "--all", "--strict", "--known-at", known_at, "--db", db)
    assert strict.exit_code == (1 if any(r["issues"] for r in one_by_one) else 0)
    csv = caledger("reconcile", "--all", "--known-at", known_at, "--db", db, "--format", "csv")
    rows = csv.stdout.splitlines()
    assert rows[0].startswith("company,check,")
    assert len(rows) - 1 == sum(
        len(caledger("reconcile", t, "--known-at", known_at, "--db", db, "--format",
                     "csv").stdout.splitlines()) - 1 for t in tickers)


def test_reconcile_all_gives_the_same_reports_when_the_second_process_fails(
        make_db, caledger, monkeypatch) -> None:
    from ledger import every

    db = make_db()
    import_records(db, [rec(f"b{n}", "btc_balance_disclosed", "2024-03-31", company=f"C{n}",
                            btc=str(n + 1)) for n in range(5)]
                   + [rec(f"p{n}", "btc_purchased", "2024-06-30", company=f"C{n}", btc="2")
                      for n in range(5)])
    alone = caledger("reconcile", "--all", "--db", db, "--json")
    monkeypatch.setattr(every, "BATCH", 1)
    monkeypatch.setattr(every, "MIN_COMPANIES", 1)
    # The second process gives up at once: this one reconciles every batch.
    monkeypatch.setattr(every, "_second", lambda db, batches, position, stamp, sender,
                        receiver: (receiver.close(), sender.send_bytes(every._FAILED)))
    shared = caledger("reconcile", "--all", "--db", db, "--json")
    assert shared.exit_code == alone.exit_code == 0
    assert shared.stdout == alone.stdout
    assert len(json.loads(alone.stdout)) == 5


def test_reconcile_takes_a_company_or_all(make_db, caledger) -> None:
    db = make_db()
    import_records(db, [rec("a", "btc_balance_disclosed", "2024-03-31", btc="10")])
    for args in ((), ("TEST", "--all")):
        result = caledger("reconcile", *args, "--db", db)
        assert result.exit_code == 2
        assert result.stderr.startswith("error: name a company")
        assert "Traceback" not in result.output
