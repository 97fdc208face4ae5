"""Precision: every figure the ledger computes by multiplying or dividing is kept and shown as
the README's rule says (ledger/precision.py), in text, JSON and CSV, on both stores.

The company is the README's worked example, EXMPL (hypothetical): 10,000 BTC and 100,000,000
shares on 2025-12-31, $500,000,000 of notes at 2 shares per $1,000 and 4,000,000 options;
in 2026-Q1 it buys 2,000 BTC and issues 5,000,000 shares. It states a yield of 0.145 and
0.000109 BTC per share for 2026-03-31."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import rec


def exmpl(id: str, type: str, effective: str, **fields: Any) -> dict:
    return rec(id, type, effective, company="EXMPL", **fields)


EXMPL = [
    exmpl("ex-balance", "btc_balance_disclosed", "2025-12-31", btc="10000",
          cost_usd="600000000"),
    exmpl("ex-count", "shares_outstanding_disclosed", "2025-12-31", shares="100000000"),
    exmpl("ex-notes", "notes_issued", "2025-06-01", principal_usd="500000000",
          coupon_percent="0", convertible=True, conversion_rate="2"),
    exmpl("ex-options", "dilutive_securities_disclosed", "2025-12-31", options="4000000"),
    exmpl("ex-buy", "btc_purchased", "2026-Q1", btc="2000", usd="190000000"),
    exmpl("ex-issue", "equity_issued", "2026-Q1", usd="400000000", shares="5000000"),
    exmpl("ex-yield", "kpi_disclosed", "2026-03-31", metric="btc_yield", value="0.145",
          since="2025-12-31"),
    exmpl("ex-per-share", "kpi_disclosed", "2026-03-31", metric="btc_per_share",
          value="0.000109"),
    {**rec("ex-btc-close", "price_observed", "2026-03-31", company="BTC", asset="BTC",
           close="60000.01")},
    exmpl("ex-close", "price_observed", "2026-03-31", asset="EXMPL", close="12.37"),
]

#: A number in a report's text: digits, grouped or not, with a sign and decimals.
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


def too_precise(text: str) -> list[str]:
    """The numbers in ``text`` that break the rule for text: more decimal places than a
    bitcoin amount or a price has (8) and more than 12 significant digits."""
    out = []
    for found in NUMBER.findall(text):
        number = Decimal(found.replace(",", ""))
        places = -number.as_tuple().exponent
        if places > 8 and len(number.as_tuple().digits) > 12:
            out.append(found)
    return out


def test_reconcile_shows_the_computed_figure_to_12_digits_and_the_difference_from_it(
        run, caledger, load, db):
    load(*EXMPL)
    data = run("reconcile", "EXMPL", "--db", db, "--json")
    kpis = {k["metric"]: k for k in data["kpis"]}
    assert (kpis["btc_yield"]["computed"], kpis["btc_yield"]["difference"],
            kpis["btc_yield"]["relative_difference"], kpis["btc_yield"]["consistent"]) == (
        "0.145454545455", "-0.000454545455", "-0.003125", True)
    assert (kpis["btc_per_share"]["computed"], kpis["btc_per_share"]["difference"],
            kpis["btc_per_share"]["relative_difference"]) == (
        "0.000109090909091", "-0.000000090909091", "-0.000833333333")
    text = caledger("reconcile", "EXMPL", "--db", db).stdout
    assert ("stated btc_yield 2026-03-31 since 2025-12-31 0.145 (ex-yield): ok (computed "
            "0.145454545455, difference -0.000454545455, relative -0.31%)") in text
    assert too_precise(text) == []
    rows = list(csv.DictReader(io.StringIO(
        caledger("reconcile", "EXMPL", "--db", db, "--format", "csv").stdout)))
    row = next(r for r in rows if r["bucket"] == "btc_yield")
    assert (row["expected"], row["stated"], row["unexplained"], row["value"]) == (
        "0.145454545455", "0.145", "-0.000454545455", "-0.003125")


def test_btc_gain_is_to_the_satoshi_where_computed_and_explained_the_same(
        run, caledger, load, db):
    load(*EXMPL)
    args = ("EXMPL", "--as-of", "2026-03-31", "--since", "2025-12-31", "--db", db)
    data = run("kpi", *args, "--json")
    # 10,000 x 0.1454545...: 1,454.545454... BTC, to the satoshi, half to even.
    assert data["btc_gain"] == "1454.54545455"
    # A ratio keeps every digit in JSON (documented): the yield and BTC per share.
    assert data["btc_yield"].startswith("0.14545454545454545454545")
    assert data["btc_per_share"]["as_of"].startswith("0.000109090909090909090909")
    # BTC $ Gain = the gain as printed x the close, to the cent: 87,272,741.8184545455
    assert data["btc_dollar_gain"] == "87272741.82"
    trail = run("explain", "EXMPL", "kpi.btc_gain", *args[1:], "--json")
    assert trail["value"] == data["btc_gain"]
    assert trail["steps"][-1]["note"] == "rounded to 0.00000001"
    text = caledger("kpi", *args).stdout
    assert "BTC gain: 1,454.54545455 BTC" in text
    assert "BTC $ Gain: 87,272,741.82 USD" in text
    assert "BTC per share           0.0000952380952381  0.000109090909091" in text
    rows = list(csv.DictReader(io.StringIO(caledger("kpi", *args, "--format", "csv").stdout)))
    assert {r["figure"]: r["value"] for r in rows}["kpi.btc_gain"] == "1454.54545455"
    for figure in ("kpi.btc_gain", "kpi.btc_yield", "kpi.btc_per_share", "kpi.sats_per_share",
                   "value.btc_dollar_gain"):
        explained = caledger("explain", "EXMPL", figure, *args[1:]).stdout
        assert too_precise(explained) == [], (figure, explained)
    assert too_precise(text) == []


def test_series_text_shows_per_share_figures_as_kpi_does(run, caledger, load, db):
    load(*EXMPL)
    args = ("series", "EXMPL", "--from", "2025-Q4", "--to", "2026-Q1", "--db", db,
            "--figure", "kpi.btc_per_share", "--figure", "kpi.sats_per_share")
    text = caledger(*args).stdout
    assert "2026-Q1   2026-03-31  0.000109090909091   +0.0000138528138528" in text
    assert "10,909.0909091" in text and too_precise(text) == []
    kpi = caledger("kpi", "EXMPL", "--as-of", "2026-03-31", "--db", db).stdout
    assert "0.000109090909091" in kpi and "10,909.0909091" in kpi
    # JSON keeps every digit of a ratio, as kpi --json does
    rows = run(*args, "--json")["rows"]
    q1 = next(r for r in rows if r["figure"] == "kpi.btc_per_share" and r["period"] == "2026-Q1")
    assert q1["value"] == run("kpi", "EXMPL", "--as-of", "2026-03-31", "--db", db,
                              "--json")["btc_per_share"]["as_of"]


def test_dollar_figures_are_shown_to_the_cent(run, caledger, load, db):
    load(rec("b", "btc_balance_disclosed", "2025-03-31", btc="3", cost_usd="100000"),
         rec("p", "price_observed", "2025-03-31", company="BTC", asset="BTC",
             close="33333.4"))
    args = ("value", "TEST", "--as-of", "2025-03-31", "--db", db)
    data = run(*args, "--json")["figures"]
    # 3 x 33,333.4 = 100,000.2; JSON keeps the one text form of an amount
    assert data["value.market_value"]["value"] == "100000.2"
    assert data["value.average_cost"]["value"] == "33333.33"
    assert data["value.unrealized_gain"]["value"] == "0.2"
    text = caledger(*args).stdout
    assert re.search(r"market_value +100,000\.20 USD ", text), text
    assert re.search(r"unrealized_gain +0\.20 USD ", text), text
    assert re.search(r"btc_price +33,333\.40 USD per BTC ", text), text
    explained = caledger("explain", "TEST", "value.market_value", "--as-of", "2025-03-31",
                         "--db", db).stdout
    assert ") = 100,000.20 (derived: " in explained, explained


def test_the_export_summary_groups_thousands(caledger, load, db, tmp_path):
    load(rec("b", "btc_balance_disclosed", "2024-12-31", btc="27827"))
    out = caledger("export", "hledger", "--db", db, "--out", str(tmp_path / "t.journal"))
    assert out.exit_code == 0, out.stderr
    assert "total +27,827 not explained by recorded flows" in out.stdout


def test_shares_a_conversion_price_leaves_are_shown_to_12_digits_in_text(
        run, caledger, load, db):
    load(rec("count", "shares_outstanding_disclosed", "2025-12-31", shares="1000000"),
         rec("notes", "notes_issued", "2025-06-01", principal_usd="5000", coupon_percent="0",
             convertible=True, conversion_price_usd="3"),
         rec("b", "btc_balance_disclosed", "2025-12-31", btc="10"),
         # it states it has no other dilutive securities (else assumed diluted is unknown)
         rec("none", "dilutive_securities_disclosed", "2025-12-31", options="0"))
    args = ("TEST", "--as-of", "2025-12-31", "--db", db)
    # $5,000 at $3 a share: 1,666.666... shares, every digit in JSON (the README's rule)
    data = run("shares", *args, "--json")["shares"]
    assert data["notes_as_converted"].startswith("1666.66666666666666666666")
    texts = {command: caledger(command, *args).stdout
             for command in ("shares", "capital", "kpi")}
    assert "notes as converted   1,666.66666667" in texts["shares"]
    assert "1,001,666.66667 assumed diluted" in texts["capital"]
    assert "assumed diluted shares  1,001,666.66667" in texts["kpi"]
    for command, text in texts.items():
        assert too_precise(text) == [], (command, text)


@settings(max_examples=1500, deadline=None)
@given(
    text=st.from_regex(r"-?[0-9]{1,12}(\.[0-9]{0,10})?", fullmatch=True)
    | st.text(alphabet="-+0123456789.,_eE ²١", max_size=10)
    | st.integers(-10**15, 10**15).map(str))
def test_a_bitcoin_figure_reads_as_shown_gives_it(text: str) -> None:
    # render.btc writes a plain decimal's text itself (thousands grouped, its places kept)
    # instead of parsing a Decimal: on any text it answers (or refuses) as shown does
    from decimal import InvalidOperation

    from ledger.precision import shown
    from ledger.render import btc

    try:
        expected = shown(text)
    except InvalidOperation:
        expected = None
    try:
        got = btc(text)
    except InvalidOperation:
        got = None
    assert got == expected
