"""What the bitcoin is worth: market value, cost basis, gains, BTC NAV per share, market
capitalisation, mNAV and BTC $ Gain, each with its status, on both stores; explain prints the
same computation, and a figure with any input not known is not known, never 0."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api

from .conftest import import_records, the_one_error_line
from .test_cost_basis import WORKED, rec


def price(asset: str, day: str, close: str) -> dict[str, Any]:
    return {"id": f"p-{asset}-{day}", "type": "price_observed", "company": asset,
            "asset": asset, "effective": day, "close": close,
            "sources": [{"document": "prices.csv", "line": 2}]}


SHARES = [
    rec("count", "shares_outstanding_disclosed", "2025-01-31", shares="10000000"),
    rec("options", "dilutive_securities_disclosed", "2025-01-31", options="2000000"),
]
PRICES = [price("BTC", "2025-01-31", "90000"), price("BTC", "2025-03-31", "100000"),
          price("TEST", "2025-01-31", "15"), price("TEST", "2025-03-28", "20")]


def figures(data: dict[str, Any]) -> dict[str, str | None]:
    return {name.removeprefix("value."): f["value"] for name, f in data["figures"].items()}


def test_every_figure_on_a_ledger_that_states_them_all(db):
    import_records(db, [*WORKED, *SHARES, *PRICES])
    data = api.value(db, "TEST", "2025-03-31", since="2025-01-31")
    assert figures(data) == {
        "btc": "1200", "btc_price": "100000", "market_value": "120000000",
        "cost_basis": "80000000", "average_cost": "66666.67", "unrealized_gain": "40000000",
        "share_price": "20", "shares_basic": "10000000", "shares_diluted": "12000000",
        "nav_per_share_basic": "12", "nav_per_share_diluted": "10",
        "market_cap_basic": "200000000", "market_cap_diluted": "240000000",
        "mnav_basic": "1.6667", "mnav_diluted": "2",
        # 1,000 -> 1,200 BTC on 12,000,000 diluted shares: a yield of 20%, 200 BTC, $20M.
        "realized_gain": "10000000", "btc_dollar_gain": "20000000"}
    status = {n.removeprefix("value."): f["status"] for n, f in data["figures"].items()}
    assert status["btc_price"] == "disclosed" and status["mnav_diluted"] == "derived"
    assert data["prices"]["share"]["date"] == "2025-03-28"
    assert "TEST close 20 on 2025-03-28, 3 days before" in data["figures"][
        "value.share_price"]["reason"]
    assert [s["realized_gain_usd"] for s in data["sales"]] == ["10000000"]


def test_a_close_older_than_the_maximum_age_makes_every_figure_on_it_not_known(db):
    import_records(db, [*WORKED, *SHARES, *PRICES])
    data = api.value(db, "TEST", "2025-04-08")
    got = figures(data)
    for name in ("btc_price", "market_value", "unrealized_gain", "nav_per_share_basic",
                 "mnav_basic", "mnav_diluted"):
        assert got[name] is None, name
    assert got["cost_basis"] == "80000000"  # needs no price
    reason = data["figures"]["value.market_value"]["reason"]
    assert "no BTC price within 7 days of 2025-04-08" in reason and "8 days older" in reason
    longer = figures(api.value(db, "TEST", "2025-04-08", max_price_age=10))
    assert (longer["market_value"], longer["mnav_diluted"]) == ("120000000", None)
    # The TEST close of 2025-03-28 is 11 days old on 2025-04-08: still too old.
    assert figures(api.value(db, "TEST", "2025-04-08", max_price_age=11))["mnav_diluted"] == "2"


def test_no_share_count_and_no_usd_are_reasons_not_zeros(db):
    import_records(db, [*WORKED, *PRICES, rec("blind", "btc_purchased", "2025-03-20", btc="5")])
    data = api.value(db, "TEST", "2025-03-31", since="2025-01-31")
    got = figures(data)
    assert got["market_value"] == "120500000"
    for name in ("cost_basis", "average_cost", "unrealized_gain", "shares_basic",
                 "nav_per_share_basic", "market_cap_diluted", "mnav_basic", "mnav_diluted",
                 "btc_dollar_gain"):
        assert got[name] is None, name
        assert data["figures"][f"value.{name}"]["status"] == "not known"
    assert "blind" in data["figures"]["value.cost_basis"]["reason"]
    assert "no share count disclosed" in data["figures"]["value.mnav_diluted"]["reason"]
    # The sale came before the purchase without usd: its gain is known.
    assert got["realized_gain"] == "10000000"


def test_explain_mnav_diluted_is_the_same_computation_with_every_record_it_rests_on(
        caledger, db):
    import_records(db, [*WORKED, *SHARES, *PRICES])
    report = api.explain(db, "TEST", "value.mnav_diluted", "2025-03-31")
    assert report["value"] == figures(api.value(db, "TEST", "2025-03-31"))["mnav_diluted"] == "2"
    assert [(s["action"], s["amount"]) for s in report["steps"]] == [
        ("set", "240000000"), ("divide", "120000000")]
    inputs = report["inputs"]
    assert set(inputs) >= {"value.market_cap_diluted", "value.market_value", "value.btc",
                           "value.btc_price", "value.share_price", "value.shares_diluted",
                           "btc.total", "shares.assumed_diluted"}
    assert inputs["value.btc_price"]["steps"][0]["record"]["id"] == "p-BTC-2025-03-31"
    assert inputs["value.share_price"]["steps"][0]["record"]["sources"] == [
        {"document": "prices.csv", "line": 2}]
    assert [s["record"]["id"] for s in inputs["btc.total"]["steps"]] == ["open", "buy", "sell"]
    text = caledger("explain", "TEST", "value.mnav_diluted", "--as-of", "2025-03-31",
                    "--db", db).stdout
    assert "= 2 (derived:" in text and "rests on:" in text and "p-TEST-2025-03-28" in text
    rows = list(csv.DictReader(io.StringIO(caledger(
        "explain", "TEST", "value.mnav_diluted", "--as-of", "2025-03-31", "--db", db,
        "--format", "csv").stdout)))
    assert {"value.mnav_diluted", "btc.total", "value.btc_price"} <= {r["figure"] for r in rows}
    # Not known: explained with its reason and no steps.
    gone = api.explain(db, "TEST", "value.mnav_diluted", "2025-04-08")
    assert gone["value"] is None and gone["steps"] == [] and gone["status"] == "not known"
    line = the_one_error_line(caledger("explain", "TEST", "value.btc_dollar_gain",
                                       "--as-of", "2025-03-31", "--db", db))
    assert "give --since" in line


def test_as_the_ledger_knew_it_before_the_prices_were_recorded(db):
    import_records(db, [*WORKED, *SHARES])
    import_records(db, PRICES)
    head = api.value(db, "TEST", "2025-03-31")["position"]
    then = api.value(db, "TEST", "2025-03-31", known_at=f"@{head - len(PRICES)}")
    assert figures(then)["market_value"] is None and figures(then)["cost_basis"] == "80000000"
    assert figures(api.value(db, "TEST", "2025-03-31"))["market_value"] == "120000000"


def test_value_in_three_formats(caledger, db):
    import_records(db, [*WORKED, *SHARES, *PRICES])
    args = ("value", "TEST", "--as-of", "2025-03-31", "--db", db)
    text = caledger(*args).stdout
    assert "mnav_diluted" in text and "120,000,000 USD" in text
    data = json.loads(caledger(*args, "--json").stdout)
    assert data["figures"]["value.market_value"]["value"] == "120000000"
    rows = list(csv.DictReader(io.StringIO(caledger(*args, "--format", "csv").stdout)))
    assert {r["figure"]: r["value"] for r in rows}["value.mnav_basic"] == "1.6667"
    assert the_one_error_line(caledger(*args, "--max-price-age", "-1")).count("--max-price-age")


def test_per_share_dollars_and_mnav_are_shown_with_four_places_in_text(caledger, db):
    """A close stated to 3 places and a NAV per share that came out even read with the
    4 places the value figures are computed to, as the others do; JSON and CSV keep each
    as computed or stated."""
    import_records(db, [*WORKED, *SHARES, *PRICES, price("TEST", "2025-03-31", "3.296")])
    args = ("value", "TEST", "--as-of", "2025-03-31", "--db", db)
    lines = {line.split()[0]: line.split()[1] for line in caledger(*args).stdout.splitlines()[1:]
             if line.startswith("  ") and not line.startswith("  sale")}
    # 120,000,000 / 10,000,000 = 12; / 12,000,000 = 10; 3.296 x 10,000,000 / 120,000,000
    assert (lines["share_price"], lines["nav_per_share_basic"],
            lines["nav_per_share_diluted"]) == ("3.2960", "12.0000", "10.0000")
    assert (lines["mnav_basic"], lines["mnav_diluted"]) == ("0.2747", "0.3296")
    assert (lines["market_value"], lines["average_cost"]) == ("120,000,000", "66,666.67")
    data = json.loads(caledger(*args, "--json").stdout)["figures"]
    assert (data["value.share_price"]["value"], data["value.nav_per_share_basic"]["value"],
            data["value.mnav_diluted"]["value"]) == ("3.296", "12", "0.3296")
    compared = caledger("value", "--all", "--as-of", "2025-03-31", "--db", db).stdout
    assert compared.splitlines()[-1].split()[-3:] == ["0.2747", "0.3296", "10.0000"]
    explained = caledger("explain", "TEST", "value.share_price", "--as-of", "2025-03-31",
                         "--db", db).stdout
    assert "= 3.2960 (disclosed: TEST close 3.296 on that day" in explained.splitlines()[0]


def test_the_seed_close_prices_mara_on_the_day_it_was_quoted(seeded):
    import_records(seeded, [price("BTC", "2025-02-26", "84347.02")])
    data = api.value(seeded, "MARA", "2025-02-26")
    got = figures(data)
    assert (got["share_price"], got["btc"]) == ("12.45", "44893")
    assert data["prices"]["share"]["record"] == "mara-2025-02-26-close"
    assert got["market_value"] == "3786590768.86"  # 44,893 x 84,347.02, to the cent
    # The seeds state no share count: market capitalisation and mNAV are not known.
    assert got["market_cap_basic"] is None and got["mnav_diluted"] is None


def test_series_follows_the_value_figures_as_value_prints_them(db):
    import_records(db, [*WORKED, *SHARES, *PRICES])
    data = api.series(db, "TEST", "2025-01", "2025-04", every="month",
                      figures=["value.market_value", "value.mnav_diluted"])
    got = {(r["figure"], r["end"]): (r["value"], r["status"]) for r in data["rows"]}
    for (figure, end), (value, status) in got.items():
        printed = api.value(db, "TEST", end)["figures"][figure]
        assert (value, status) == (printed["value"], printed["status"]), (figure, end)
    assert got[("value.mnav_diluted", "2025-03-31")] == ("2", "derived")
    # February ends with no close within 7 days: not known, not the last value carried.
    assert got[("value.market_value", "2025-02-28")] == (None, "not known")


# --- reconcile: is a stated amount's implied price plausible? ----------------------------------


def test_reconcile_flags_an_implied_price_far_outside_the_period_s_closes(caledger, db):
    closes = [{**price("BTC", day, close), "high": high, "low": low}
              for day, close, high, low in (("2026-01-15", "95000", "97000", "93000"),
                                            ("2026-02-15", "70000", "71000", "62000"),
                                            ("2026-03-15", "84000", "85000", "83000"))]
    import_records(db, [
        *closes, rec("held", "btc_balance_disclosed", "2025-12-31", btc="30000"),
        # "$1.5 million" for 20,880 BTC: a wrong digit, $71.84 a coin.
        rec("typo", "btc_sold", "2026-Q1", btc="20880", usd="1500000"),
        # $1.5 billion: $71,839.08 a coin, inside the quarter's $62,000 to $97,000 (from
        # another document: two sales of one quarter from one would overlap).
        {**rec("right", "btc_sold", "2026-Q1", btc="10", usd="718390.80"),
         "sources": [{"document": "other.txt", "line": 1}]},
        # 30% above the high of the one close in its period.
        rec("dear", "btc_purchased", "2026-03-15", btc="1", usd="110500"),
        # No close recorded over its period: not checked, and said so.
        rec("unpriced", "btc_purchased", "2025-06", btc="1", usd="60000"),
    ])
    data = api.reconcile(db, "TEST")
    by_id = {p["id"]: p for p in data["prices"]}
    assert (by_id["typo"]["implied_price"], by_id["typo"]["within"]) == ("71.84", False)
    assert by_id["typo"]["low"] == "62000" and by_id["typo"]["closes"] == 3
    assert "below the low of 62000 by -99.9%" in by_id["typo"]["why"]
    assert by_id["right"]["within"] is True
    assert by_id["dear"]["within"] is False and "above the high of 85000 by 30" in \
        by_id["dear"]["why"]
    assert by_id["unpriced"]["within"] is None and "no BTC close" in by_id["unpriced"]["why"]
    assert data["issues"] == 2
    text = caledger("reconcile", "TEST", "--db", db).stdout
    assert "implied price typo (2026-Q1) 71.84 USD per BTC: OUTSIDE BTC 62,000 to 97,000" in text
    assert caledger("reconcile", "TEST", "--db", db, "--strict").exit_code == 1


# --- the rules hold for every ledger ---------------------------------------------------------

START = date(2025, 1, 1)


def _day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


@st.composite
def valued(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A balance (with or without a cost), flows with and without usd, maybe a share count
    and dilutive securities, and closes of BTC and TEST on some days."""
    records = [rec("open", "btc_balance_disclosed", _day(0), btc=str(draw(st.integers(1, 10**5))),
                   **({"cost_usd": str(draw(st.integers(0, 10**10)))} if draw(st.booleans())
                      else {}))]
    for i in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["btc_purchased", "btc_mined", "btc_sold"]))
        fields = {"btc": str(draw(st.integers(1, 50)))}
        if draw(st.integers(0, 3)):
            fields["usd"] = str(draw(st.integers(1, 10**8)))
        records.append(rec(f"f{i}", kind, _day(draw(st.integers(1, 60))), **fields))
    if draw(st.booleans()):
        records.append(rec("count", "shares_outstanding_disclosed", _day(0),
                           shares=str(draw(st.integers(1, 10**9)))))
        if draw(st.booleans()):
            records.append(rec("options", "dilutive_securities_disclosed", _day(0),
                               options=str(draw(st.integers(0, 10**8)))))
    for asset in ("BTC", "TEST"):
        for n in draw(st.lists(st.integers(0, 60), max_size=4, unique=True)):
            records.append(price(asset, _day(n), f"{draw(st.integers(1, 10**6))}."
                                 f"{draw(st.integers(0, 99)):02d}"))
    return records


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(records=valued(), when=st.integers(0, 70))
def test_every_value_figure_is_explained_as_printed_and_unknown_inputs_give_unknown_figures(
        make_db, records: list[dict[str, Any]], when: int):
    db = make_db()
    import_records(db, records)
    day = _day(when)
    data = api.value(db, "TEST", day)
    got = figures(data)
    for name, printed in data["figures"].items():
        report = api.explain(db, "TEST", name, day)
        assert (report["value"], report["status"]) == (printed["value"], printed["status"]), name
        if printed["value"] is None:
            assert report["steps"] == [] and printed["status"] == "not known", name
    needs = {"market_value": ("btc", "btc_price"),
             "unrealized_gain": ("market_value", "cost_basis"),
             "nav_per_share_basic": ("market_value", "shares_basic"),
             "nav_per_share_diluted": ("market_value", "shares_diluted"),
             "market_cap_basic": ("shares_basic", "share_price"),
             "market_cap_diluted": ("shares_diluted", "share_price"),
             "mnav_basic": ("market_cap_basic", "market_value"),
             "mnav_diluted": ("market_cap_diluted", "market_value")}
    for figure, inputs in needs.items():
        if any(got[i] is None for i in inputs):
            assert got[figure] is None, (figure, inputs)
    if got["market_value"] is not None:
        exact = Decimal(got["btc"]) * Decimal(got["btc_price"])
        assert Decimal(got["market_value"]) == exact.quantize(Decimal("0.01"), ROUND_HALF_EVEN)
    if got["mnav_diluted"] is not None:
        assert Decimal(got["market_value"]) > 0


def test_several_companies_side_by_side(caledger, db):
    other = [{**r, "company": "OTHR", "id": f"o-{r['id']}"} for r in WORKED]
    import_records(db, [*WORKED, *SHARES, *PRICES, *other])
    data = json.loads(caledger("value", "--all", "--as-of", "2025-03-31", "--db", db,
                               "--json").stdout)
    assert [(d["company"], d["figures"]["value.mnav_diluted"]["value"]) for d in data] == [
        ("OTHR", None), ("TEST", "2")]
    text = caledger("value", "TEST", "OTHR", "--as-of", "2025-03-31", "--db", db).stdout
    assert "mnav_diluted" in text and "120,000,000" in text
    rows = list(csv.DictReader(io.StringIO(caledger(
        "value", "--all", "--as-of", "2025-03-31", "--db", db, "--format", "csv").stdout)))
    assert {r["company"] for r in rows} == {"OTHR", "TEST"}
    assert the_one_error_line(caledger("value", "--db", db)).endswith("or --all")


def test_kpi_gives_the_btc_dollar_gain_beside_the_btc_yield(caledger, db):
    import_records(db, [*WORKED, *SHARES, *PRICES])
    data = api.kpi(db, "TEST", "2025-03-31", "2025-01-31")
    assert (data["btc_yield"], data["btc_gain"], data["btc_dollar_gain"]) == (
        "0.2", "200", "20000000")
    assert data["status"]["value.btc_dollar_gain"] == "derived"
    text = caledger("kpi", "TEST", "--as-of", "2025-03-31", "--since", "2025-01-31",
                    "--db", db).stdout
    assert "BTC $ Gain: 20,000,000 USD (BTC gain x the 2025-03-31 close of 100,000)" in text
    stale = api.kpi(db, "TEST", "2025-04-08", "2025-01-31")
    assert stale["btc_gain"] == "200" and stale["btc_dollar_gain"] is None
    assert "no BTC price within 7 days" in stale["undefined"]["value.btc_dollar_gain"]
    assert api.kpi(db, "TEST", "2025-04-08", "2025-01-31", max_price_age=8)[
        "btc_dollar_gain"] == "20000000"


def test_the_report_page_shows_what_it_is_worth_and_the_operations(run, seeded, tmp_path):
    import_records(seeded, [price("BTC", "2024-12-31", "93429.20")])
    summary = run("report", "MARA", "--out", str(tmp_path / "site"), "--as-of", "2024-12-31",
                  "--db", seeded, "--json")
    text = (tmp_path / "site" / "MARA.html").read_text(encoding="utf-8")
    assert summary["out"].endswith("MARA.html")
    section = text[text.index('<section id="value">'):]
    section = section[:section.index("</section>")]
    # 44,893 BTC x $93,429.20, linked to the trail that computes it.
    assert "$4,194,317,075.6" in section
    from ledger.report_page import anchor

    trail = anchor("explain", "value", "2024-12-31", "value.market_value")
    assert f'href="#{trail}"' in section and f'id="{trail}"' in text
    assert "no share count disclosed" in section  # mNAV: not known, and why
    assert "<code>ops.hashrate_ehs</code>" in section and "53.2" in section
    assert "703" in section
