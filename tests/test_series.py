"""``series``: a figure at the end of each period, computed by the holdings code itself, with
each change split into recorded flows and disclosed balances."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api
from tests.conftest import import_records, rec, the_one_error_line
from tests.test_properties import START, ledgers

FIGURES = ("btc.total", "btc.loaned", "btc.pledged", "btc.unencumbered")


def test_mara_by_quarter_splits_each_change_into_flows_and_disclosed_balances(run, seeded):
    data = run("series", "MARA", "--from", "2024-Q4", "--to", "2026-Q2", "--db", seeded,
               "--json")

    rows = {r["period"]: r for r in data["rows"]}
    assert list(rows) == ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1",
                          "2026-Q2"]
    # Nothing is recorded before Q4 2024: the opening is not known, not zero.
    assert data["opening"] == [{
        "figure": "btc.total", "date": "2024-09-30", "value": None, "status": "not known",
        "reason": "no disclosed balance on or before 2024-09-30, and no recorded flow ended "
                  "by then"}]
    # Q4 2024: 2,492 mined + 14,574 bought are recorded; the year-end balance says 44,893.
    # Its change from an opening that is not known is not known either.
    q4 = rows["2024-Q4"]
    assert (q4["value"], q4["status"], q4["change"], q4["flows"], q4["anchors"]) == (
        "44893", "disclosed", None, "17066", None)
    assert q4["flow_records"] == ["mara-2024q4-mined", "mara-2024q4-purchase"]
    assert q4["anchor_records"] == ["mara-2024-12-31-balance"]
    # Q3 2025: no recorded flow; the disclosed 52,850 is the +7,957 reconcile flags.
    q3 = rows["2025-Q3"]
    assert (q3["value"], q3["change"], q3["flows"], q3["anchors"]) == (
        "52850", "7957", "0", "7957")
    # Q1 2026: the sale alone.
    q1 = rows["2026-Q1"]
    assert (q1["value"], q1["change"], q1["flows"], q1["anchors"]) == (
        "31970", "-20880", "-20880", "0")
    assert rows["2026-Q2"]["change"] == "0"
    assert data["position"] == 15 and len(data["head_hash"]) == 64


def test_each_row_is_what_holdings_prints_for_its_end_day(run, seeded):
    data = run("series", "MARA", "--from", "2024-10", "--to", "2026-03", "--every", "month",
               "--db", seeded, "--json")

    assert len(data["rows"]) == 18
    for row in data["rows"]:
        held = run("holdings", "MARA", "--as-of", row["end"], "--db", seeded, "--json")
        assert row["value"] == held["btc"]["total"], row["end"]
        assert row["in_progress"] == [r["id"] for r in held["in_progress"]]
    inside_q1 = next(r for r in data["rows"] if r["period"] == "2026-02")
    assert inside_q1["in_progress"] == ["mara-2026q1-btc-sale"]


def test_series_in_text_and_csv(caledger, seeded):
    args = ("series", "MARA", "--from", "2024", "--to", "2026", "--every", "year",
            "--figure", "btc.total", "--figure", "btc.unencumbered", "--db", seeded)
    text = caledger(*args).stdout
    rows = list(csv.DictReader(io.StringIO(caledger(*args, "--format", "csv").stdout)))

    assert "MARA by year, 2024-01-01 to 2026-12-31, as known now (@15)" in text
    assert "btc.unencumbered (BTC)" in text and "+7,957" in text and "-20,880" in text
    assert "not known in 4 rows" in text  # the unencumbered rows and their opening
    assert [(r["figure"], r["period"], r["value"], r["flows"], r["anchors"], r["status"])
            for r in rows] == [
        ("btc.total", "2024", "44893", "17066", "", "disclosed"),
        ("btc.total", "2025", "52850", "0", "7957", "derived"),
        ("btc.total", "2026", "31970", "-20880", "0", "derived"),
        # MARA states no loaned or pledged bitcoin: what is unencumbered is not known
        ("btc.unencumbered", "2024", "", "17066", "", "not known"),
        ("btc.unencumbered", "2025", "", "0", "", "not known"),
        ("btc.unencumbered", "2026", "", "-20880", "", "not known")]
    assert rows[0]["anchor_records"] == "mara-2024-12-31-balance"


def test_series_as_known_before_the_sale_was_recorded(run, seeded):
    # The sale is stored at @5: known at @4, Q1 2026 ends where Q3 2025 left off.
    data = run("series", "MARA", "--from", "2026-Q1", "--to", "2026-Q1", "--known-at", "@4",
               "--db", seeded, "--json")
    assert [(r["value"], r["change"]) for r in data["rows"]] == [("52850", "0")]
    assert data["known_at"] == "@4" and data["position"] == 4


def test_periods_are_clipped_to_from_and_to(run, seeded):
    data = run("series", "MARA", "--from", "2025-09-15", "--to", "2026-02-15", "--db", seeded,
               "--json")
    assert [(r["period"], r["start"], r["end"]) for r in data["rows"]] == [
        ("2025-Q3", "2025-09-15", "2025-09-30"), ("2025-Q4", "2025-10-01", "2025-12-31"),
        ("2026-Q1", "2026-01-01", "2026-02-15")]
    assert data["opening"][0]["date"] == "2025-09-14"


def test_share_and_per_share_figures_follow_the_shares_and_kpi_reports(run, load, db):
    """A 10-for-1 split mid-series multiplies the share count from its date on; BTC per share
    follows, and every row is what ``shares`` and ``kpi`` print for that day."""
    from tests.test_shares import PUBLISHED
    split = {"id": "split", "type": "stock_split", "company": "TEST", "effective": "2025-08-15",
             "ratio": "10", "sources": [{"document": "notes.txt", "line": 2}]}
    load(*PUBLISHED, split)
    data = run("series", "TEST", "--from", "2025-01", "--to", "2025-09", "--every", "quarter",
               "--figure", "shares.basic", "--figure", "shares.assumed_diluted",
               "--figure", "kpi.btc_per_share", "--db", db, "--json")
    rows = {(r["figure"], r["end"]): r["value"] for r in data["rows"]}
    assert rows[("shares.basic", "2025-06-30")] == "254888000"
    # 463,400,000 disclosed on 2025-09-30 (after the split): the anchor is on the new basis
    assert rows[("shares.basic", "2025-09-30")] == "463400000"
    for day in ("2025-03-31", "2025-06-30", "2025-09-30"):
        shares = run("shares", "TEST", "--as-of", day, "--db", db, "--json")["shares"]
        kpi = run("kpi", "TEST", "--as-of", day, "--db", db, "--json")
        assert rows[("shares.basic", day)] == shares["basic"]
        assert rows[("shares.assumed_diluted", day)] == shares["assumed_diluted"]
        assert rows[("kpi.btc_per_share", day)] == kpi["btc_per_share"]["as_of"]


#: The README's worked example EXMPL (hypothetical): 10,000 BTC and 100,000,000 shares on
#: 2025-12-31, a 10-for-1 split on 2026-02-01, 2,000 BTC bought and 50,000,000 (post-split)
#: shares issued in 2026-Q1.
EXMPL = [
    rec("exmpl-btc", "btc_balance_disclosed", "2025-12-31", "EXMPL", btc="10000"),
    rec("exmpl-shares", "shares_outstanding_disclosed", "2025-12-31", "EXMPL",
        shares="100000000"),
    # it states it has no other dilutive securities (without this, diluted figures are unknown)
    rec("exmpl-none", "dilutive_securities_disclosed", "2025-12-31", "EXMPL", options="0"),
    rec("exmpl-split", "stock_split", "2026-02-01", "EXMPL", ratio="10"),
    rec("exmpl-buy", "btc_purchased", "2026-Q1", "EXMPL", btc="2000"),
    rec("exmpl-equity", "equity_issued", "2026-Q1", "EXMPL", usd="1000000000",
        shares="50000000")]
SPLIT = {"id": "exmpl-split", "ratio": "10", "effective": "2026-02-01"}


def test_a_change_that_spans_a_split_names_the_split(caledger, run, load, db):
    """The 10-for-1 split makes February's +900,000,000 shares and -90% BTC per share: the
    row says so (the figures stay on each date's own basis), and no other row does."""
    load(*EXMPL)
    args = ("series", "EXMPL", "--from", "2026-01", "--to", "2026-03", "--every", "month",
            "--figure", "shares.basic", "--figure", "kpi.btc_per_share",
            "--figure", "btc.total", "--db", db)
    data = run(*args, "--json")
    rows = {(r["figure"], r["period"]): r for r in data["rows"]}

    february = rows[("shares.basic", "2026-02")]
    assert (february["value"], february["change"]) == ("1000000000", "900000000")
    assert february["splits"] == [SPLIT]
    assert rows[("kpi.btc_per_share", "2026-02")]["splits"] == [SPLIT]
    assert Decimal(rows[("kpi.btc_per_share", "2026-02")]["value"]) * 10 == \
        Decimal(rows[("kpi.btc_per_share", "2026-01")]["value"])
    for period in ("2026-01", "2026-03"):
        assert rows[("shares.basic", period)]["splits"] == []
        assert rows[("kpi.btc_per_share", period)]["splits"] == []
    # March: the 50,000,000 shares issued, on the new basis, and nothing about the split
    assert rows[("shares.basic", "2026-03")]["change"] == "50000000"
    # A split moves no bitcoin: bitcoin rows carry no split key
    assert all("splits" not in r for r in data["rows"] if r["figure"] == "btc.total")

    text = caledger(*args).stdout
    assert "+900,000,000 *" in text and "+50,000,000 *" not in text
    footnote = ("  * 2026-02 spans split exmpl-split on 2026-02-01 (10-for-1): values before "
                "it are on the pre-split basis")
    assert text.count(footnote) == 2  # under the shares table and the per-share table
    table = list(csv.DictReader(io.StringIO(caledger(*args, "--format", "csv").stdout)))
    assert [(r["figure"], r["period"], r["splits"]) for r in table if r["splits"]] == [
        ("shares.basic", "2026-02", "exmpl-split:10:2026-02-01"),
        ("kpi.btc_per_share", "2026-02", "exmpl-split:10:2026-02-01")]


def test_a_split_on_the_day_after_the_opening_is_in_the_first_change(run, load, db):
    load(*EXMPL)
    data = run("series", "EXMPL", "--from", "2026-02-01", "--to", "2026-02-28", "--every",
               "month", "--figure", "shares.basic", "--db", db, "--json")
    assert data["opening"][0]["value"] == "100000000"
    assert [(r["change"], r["splits"]) for r in data["rows"]] == [("900000000", [SPLIT])]
    # as known before the split was recorded, the row knows of none
    before = run("series", "EXMPL", "--from", "2026-02", "--to", "2026-02", "--every",
                 "month", "--figure", "shares.basic", "--known-at", "@2", "--db", db, "--json")
    assert before["rows"][0]["splits"] == [] and before["rows"][0]["change"] == "0"


def test_bad_series_arguments_are_one_error_line(caledger, seeded):
    line = the_one_error_line(caledger("series", "MARA", "--from", "2025-13", "--db", seeded))
    assert "--from" in line and "month" in line
    line = the_one_error_line(caledger("series", "MARA", "--from", "2026", "--to", "2025",
                                       "--db", seeded))
    assert "before --from" in line
    line = the_one_error_line(caledger("series", "MARA", "--from", "2025", "--figure",
                                       "btc.everything", "--db", seeded))
    assert "btc.everything" in line and "btc.total" in line
    line = the_one_error_line(caledger("series", "MARA", "--from", "1000", "--every", "month",
                                       "--db", seeded))
    assert "--from" in line and "1900 to 2999" in line
    line = the_one_error_line(caledger("series", "MARA", "--from", "1900", "--every", "month",
                                       "--db", seeded))
    assert "periods" in line


# --- the property: every row is holdings at its day -----------------------------------------


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _check(db: str, company: str, data: dict[str, Any]) -> None:
    opening = {o["figure"]: _number(o["value"]) for o in data["opening"]}
    for figure in FIGURES:
        rows = [r for r in data["rows"] if r["figure"] == figure]
        before = opening[figure]
        for row in rows:
            held = api.holdings_json(api.holdings(db, company, row["end"]))
            bucket = figure.removeprefix("btc.")
            value = _number(row["value"])
            # the row is what holdings prints, not known included
            assert value == _number(held["btc"][bucket]), (figure, row)
            assert row["status"] == held["status"][bucket]
            if value is None or before is None:
                assert row["change"] is None and row["anchors"] is None, row
            else:
                assert Decimal(row["change"]) == value - before
                assert Decimal(row["change"]) == Decimal(row["flows"]) + Decimal(row["anchors"])
                if not row["anchor_records"]:
                    assert Decimal(row["anchors"]) == 0, row
            before = value


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=ledgers(), start=st.integers(-40, 700), length=st.integers(0, 500),
       every=st.sampled_from(["month", "quarter", "year"]))
def test_series_rows_equal_holdings_on_random_ledgers(make_db, batches, start, length, every):
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    first = START + timedelta(days=start)
    last = first + timedelta(days=length)
    for company in sorted({r["company"] for batch in batches for r in batch}):
        data = api.series(db, company, first.isoformat(), last.isoformat(), every,
                          list(FIGURES))
        assert data["rows"][0]["start"] == first.isoformat()
        assert data["rows"][-1]["end"] == last.isoformat()
        _check(db, company, data)


def test_the_figure_registry_takes_new_figures_without_touching_the_series():
    from projections import series

    assert set(FIGURES) <= set(series.FIGURES)
    assert [p.label for p in series.periods(date(2024, 11, 15), date(2025, 2, 1), "month")] == [
        "2024-11", "2024-12", "2025-01", "2025-02"]
    assert [p.end for p in series.periods(date(2024, 2, 1), date(2024, 12, 31), "quarter")] == [
        date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]
    assert json.dumps([p.label for p in series.periods(date(2023, 5, 5), date(2025, 1, 1),
                                                       "year")]) == '["2023", "2024", "2025"]'
