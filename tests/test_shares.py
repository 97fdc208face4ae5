"""Shares, dilution and per-share figures: scenarios on both stores, the published figure,
and bad input."""

from __future__ import annotations

import json
from decimal import Decimal, localcontext
from typing import Any

import pytest

from .conftest import fingerprint, import_records, rec, the_one_error_line


def shares(run, db: str, day: str, *extra: str) -> dict[str, Any]:
    return run("shares", "TEST", "--as-of", day, "--db", db, "--json", *extra)


def kpi(run, db: str, day: str, *extra: str) -> dict[str, Any]:
    return run("kpi", "TEST", "--as-of", day, "--db", db, "--json", *extra)


def explained(run, db: str, figure: str, day: str, *extra: str) -> str:
    return run("explain", "TEST", figure, "--as-of", day, "--db", db, "--json", *extra)["value"]


def anchor(id: str, day: str, count: str, **more: Any) -> dict:
    return rec(id, "shares_outstanding_disclosed", day, shares=count, **more)


def balance(id: str, day: str, btc: str) -> dict:
    return rec(id, "btc_balance_disclosed", day, btc=btc)


def no_dilutive(id: str, day: str) -> dict:
    """The company states it has no options, restricted units, warrants or preferred: a
    disclosure of 0 (without one, other dilutive securities are not known)."""
    return rec(id, "dilutive_securities_disclosed", day, options="0")


# --- share count: anchors, roll-forward, in progress --------------------------------------------


def test_basic_shares_roll_forward_from_the_latest_disclosed_count(run, load, db):
    load(anchor("s0", "2024-12-31", "100000000"), no_dilutive("d0", "2024-12-31"),
         rec("eq", "equity_issued", "2025-Q1", usd="50000000", shares="5000000"),
         rec("buy", "shares_repurchased", "2025-02", shares="1000000", usd="9000000"),
         rec("old", "equity_issued", "2024-11", usd="10", shares="999"))  # inside the anchor
    data = shares(run, db, "2025-03-31")
    assert data["shares"] == {"basic": "104000000", "notes_as_converted": "0",
                              "other_dilutive": "0", "assumed_diluted": "104000000"}
    assert data["anchor"]["id"] == "s0" and data["basis"] == "disclosed share count"
    assert data["split_factor_to_as_of"] == "1" and data["in_progress"] == []
    assert [s["record"]["id"] for s in run(
        "explain", "TEST", "shares.basic", "--as-of", "2025-03-31", "--db", db,
        "--json")["steps"] if "record" in s] == ["s0", "buy", "eq"]


def test_issuance_whose_period_has_not_ended_is_in_progress(run, load, db):
    load(anchor("s0", "2024-12-31", "100000000"),
         rec("eq", "equity_issued", "2025-Q1", usd="50000000", shares="5000000"),
         rec("buy", "shares_repurchased", "2025-01", shares="1000000"))
    data = shares(run, db, "2025-02-15")
    assert data["shares"]["basic"] == "99000000"
    assert [r["id"] for r in data["in_progress"]] == ["eq"]


def test_with_no_disclosed_count_basic_and_diluted_shares_are_not_known(run, load, db):
    load(rec("e1", "equity_issued", "2025-01", usd="10", shares="700"),
         rec("e2", "equity_issued", "2025-02", usd="10"),  # no share count: listed
         rec("b1", "shares_repurchased", "2025-03-05", shares="200"))
    data = shares(run, db, "2025-12-31")
    # Issuances and repurchases alone are not a share count: the company had shares before.
    assert data["shares"]["basic"] is None and data["anchor"] is None
    assert data["shares"]["assumed_diluted"] is None
    assert data["status"]["basic"] == data["status"]["assumed_diluted"] == "not known"
    assert data["reason"]["basic"].startswith("no share count disclosed on or before 2025-12-31")
    assert data["basis"] == "no disclosed share count"
    assert data["issued_without_share_count"] == ["e2"]


def test_reconcile_shows_shares_a_later_count_does_not_explain(run, caledger, load, db):
    load(anchor("s0", "2024-12-31", "100000000"),
         rec("eq", "equity_issued", "2025-Q1", usd="50000000", shares="5000000"),
         anchor("s1", "2025-03-31", "105000500"),
         anchor("s2", "2025-06-30", "105000500"))
    data = run("reconcile", "TEST", "--db", db, "--json")
    assert [(s["opening"]["id"], s["closing"]["id"], s["expected"], s["unexplained"])
            for s in data["shares"]] == [("s0", "s1", "105000000", "500"),
                                         ("s1", "s2", "105000500", "0")]
    assert data["issues"] == 1
    assert caledger("reconcile", "TEST", "--db", db, "--strict").exit_code == 1


# --- splits -----------------------------------------------------------------------------------------


def test_a_split_multiplies_the_count_on_its_date(run, load, db):
    load(anchor("s0", "2024-12-31", "1000000"),
         rec("e1", "equity_issued", "2025-01", usd="10", shares="1000"),       # pre-split
         rec("sp", "stock_split", "2025-02-10", ratio="10"),
         rec("e2", "equity_issued", "2025-02-10", usd="10", shares="50"))      # post-split
    assert shares(run, db, "2025-02-09")["shares"]["basic"] == "1001000"
    after = shares(run, db, "2025-02-10")
    assert after["shares"]["basic"] == "10010050"
    assert after["split_factor_to_as_of"] == "10"
    assert [s["id"] for s in after["splits"]] == ["sp"]


def test_a_count_disclosed_on_the_split_date_is_already_on_the_new_basis(run, load, db):
    load(anchor("s0", "2024-12-31", "1000000"),
         rec("sp", "stock_split", "2025-03-01", ratio="0.1"),
         anchor("s1", "2025-03-01", "100000"))
    assert shares(run, db, "2025-03-01")["shares"]["basic"] == "100000"
    assert run("reconcile", "TEST", "--db", db, "--json")["shares"][0]["unexplained"] == "0"


def test_a_ten_for_one_split_leaves_btc_yield_unchanged(run, load, db):
    records = [balance("b0", "2024-12-31", "1000"), anchor("s0", "2024-12-31", "1000000"),
               no_dilutive("d0", "2024-12-31"),
               rec("buy", "btc_purchased", "2025-Q1", btc="500"),
               rec("eq", "equity_issued", "2025-Q1", usd="50000000", shares="200000")]
    load(*records)
    before = kpi(run, db, "2025-06-30", "--since", "2024-12-31")
    load(rec("sp", "stock_split", "2025-05-15", ratio="10"))
    after = kpi(run, db, "2025-06-30", "--since", "2024-12-31")
    # 1500 / 1,200,000 against 1000 / 1,000,000: 25% more bitcoin per share, split or not.
    assert before["btc_yield"] == after["btc_yield"] == "0.25"
    assert after["btc_gain"] == "250"
    assert after["assumed_diluted_shares"] == {"since": "1000000", "as_of": "12000000"}
    assert Decimal(after["btc_per_share"]["as_of"]) * 10 == \
        Decimal(before["btc_per_share"]["as_of"])


# --- convertible notes and dilutive securities ---------------------------------------------------


def test_a_convertible_note_counts_as_converted_until_converted_or_retired(run, load, db):
    load(anchor("s0", "2024-12-31", "10000000"), no_dilutive("d0", "2024-12-31"),
         rec("n1", "notes_issued", "2025-01-15", principal_usd="100000000",
             coupon_percent="0", convertible=True, conversion_rate="10"),
         rec("n2", "notes_issued", "2025-01-20", principal_usd="5000", coupon_percent="1",
             convertible=True, conversion_price_usd="40"),
         rec("n3", "notes_issued", "2025-01-20", principal_usd="7000", coupon_percent="1",
             convertible=False))
    issued = shares(run, db, "2025-01-31")
    # 100,000,000 / 1000 x 10 = 1,000,000; 5,000 / 40 = 125; n3 is not convertible.
    assert issued["shares"] == {"basic": "10000000", "notes_as_converted": "1000125",
                                "other_dilutive": "0", "assumed_diluted": "11000125"}
    load(rec("c1", "notes_retired", "2025-03", principal_usd="40000000", how="converted",
             notes_id="n1", shares="400000"))
    converted = shares(run, db, "2025-03-31")
    assert converted["shares"] == {"basic": "10400000", "notes_as_converted": "600125",
                                   "other_dilutive": "0", "assumed_diluted": "11000125"}
    load(rec("r1", "notes_retired", "2025-04", principal_usd="60000000", how="repaid",
             notes_id="n1"))
    repaid = shares(run, db, "2025-04-30")
    assert repaid["shares"]["notes_as_converted"] == "125"
    assert repaid["shares"]["assumed_diluted"] == "10400125"
    assert explained(run, db, "shares.notes.n1.as_converted", "2025-03-31") == "600000"
    # Its status and why, in JSON and in explain's header line, as every other figure has.
    one = run("explain", "TEST", "shares.notes.n1.as_converted", "--as-of", "2025-03-31",
              "--db", db, "--json")
    assert (one["status"], one["reason"]) == (
        "derived", "n1 (2025-01-15): 60000000 USD of principal outstanding, as converted at "
        "its terms")
    header = run("explain", "TEST", "shares.notes.n1.as_converted", "--as-of", "2025-03-31",
                 "--db", db).stdout.splitlines()[0]
    assert header.endswith("= 600,000 (derived: n1 (2025-01-15): 60000000 USD of principal "
                           "outstanding, as converted at its terms)")


def test_a_convertible_without_terms_is_listed_and_not_known_while_outstanding(run, load, db):
    load(rec("n1", "notes_issued", "2025-01", principal_usd="1000", coupon_percent="0",
             convertible=True))
    data = shares(run, db, "2025-12-31")
    assert data["shares"]["notes_as_converted"] is None
    assert data["status"]["notes_as_converted"] == "not known"
    assert data["convertible_without_terms"] == ["n1"]
    load(rec("c1", "notes_retired", "2026-01", principal_usd="1000", how="repaid",
             notes_id="n1"))
    repaid = shares(run, db, "2026-01-31")
    assert repaid["shares"]["notes_as_converted"] == "0"
    assert repaid["status"]["notes_as_converted"] == "derived"
    assert repaid["convertible_without_terms"] == ["n1"]


def test_dilutive_securities_from_the_latest_disclosure_split_adjusted(run, load, db):
    load(anchor("s0", "2024-12-31", "1000"),
         rec("d0", "dilutive_securities_disclosed", "2024-12-31", options="100",
             restricted_units="50"),
         rec("d1", "dilutive_securities_disclosed", "2025-03-31", options="80",
             warrants="20", preferred_as_converted="5"),
         rec("sp", "stock_split", "2025-05-01", ratio="2"))
    assert shares(run, db, "2025-01-31")["shares"]["other_dilutive"] == "150"
    later = shares(run, db, "2025-06-30")
    assert later["shares"] == {"basic": "2000", "notes_as_converted": "0",
                               "other_dilutive": "210", "assumed_diluted": "2210"}
    assert later["dilutive_anchor"]["id"] == "d1"


def test_without_a_dilutive_disclosure_diluted_figures_are_not_known_not_basic(run, load, db):
    """A company imported with only a basic share count says nothing of options, warrants or
    restricted units, nor whether it has convertible notes: other dilutive and notes as
    converted are not known (not 0), and so are assumed diluted and every figure built on
    it; the figures on basic shares stay known. A disclosure of 0 (the company states it has
    none) makes them known: the statement is taken as the whole of its dilutive securities."""
    load(balance("b0", "2024-12-31", "1000"), anchor("s0", "2024-12-31", "1000000"),
         rec("buy", "btc_purchased", "2025-Q1", btc="500"),
         anchor("s1", "2025-03-31", "1200000"))
    data = shares(run, db, "2025-03-31")
    assert data["shares"] == {"basic": "1200000", "notes_as_converted": None,
                              "other_dilutive": None, "assumed_diluted": None}
    assert data["status"]["other_dilutive"] == data["status"]["assumed_diluted"] == "not known"
    assert data["reason"]["notes_as_converted"].startswith(
        "no convertible notes recorded by 2025-03-31 and no dilutive securities disclosed on "
        "or before 2025-03-31: whether the company has any is not known")
    assert data["reason"]["other_dilutive"].startswith(
        "no dilutive securities disclosed on or before 2025-03-31")
    assert "record a dilutive_securities_disclosed (with 0 when the company states it has " \
        "none)" in data["reason"]["other_dilutive"]
    assert data["reason"]["assumed_diluted"] == (
        "notes as converted and other dilutive not known: no dilutive securities disclosed on "
        "or before 2025-03-31 and no convertible notes recorded; record a "
        "dilutive_securities_disclosed (with 0 when the company states it has none)")
    text = run("shares", "TEST", "--as-of", "2025-03-31", "--db", db).stdout
    [line] = [l for l in text.splitlines() if l.strip().startswith("other dilutive")]
    assert line.split()[2:5] == ["not", "known", "no"] and "dilutive_securities_disclosed" in line
    assert "TEST,2025-03-31,other_dilutive,,not known" in run(
        "shares", "TEST", "--as-of", "2025-03-31", "--db", db, "--format", "csv").stdout

    k = kpi(run, db, "2025-03-31", "--since", "2024-12-31")
    assert k["assumed_diluted_shares"] == {"since": None, "as_of": None}
    assert k["btc_per_share"] == {"since": None, "as_of": None}
    assert k["sats_per_share"] == {"since": None, "as_of": None}
    assert k["btc_yield"] is None and k["btc_gain"] is None
    assert "no dilutive securities disclosed on or before 2025-03-31" in \
        k["undefined"]["kpi.btc_yield"]
    assert k["basic_btc_per_share"] == {"since": "0.001", "as_of": "0.00125"}
    explained = run("explain", "TEST", "kpi.btc_yield", "--as-of", "2025-03-31", "--since",
                    "2024-12-31", "--db", db, "--json")
    assert (explained["value"], explained["status"]) == (None, "not known")

    # The company states it has none: a disclosure of 0, and every figure is known again.
    load(no_dilutive("d0", "2024-12-31"))
    data = shares(run, db, "2025-03-31")
    assert data["shares"]["other_dilutive"] == data["shares"]["notes_as_converted"] == "0"
    assert data["status"]["other_dilutive"] == data["status"]["notes_as_converted"] == "derived"
    assert data["reason"]["other_dilutive"] == (
        "disclosed on 2024-12-31 (d0); restricted units, warrants and preferred not stated: "
        "none, the statement being taken as the whole of them")
    assert data["reason"]["notes_as_converted"] == (
        "no convertible notes recorded by 2025-03-31, and the company's statement of its "
        "dilutive securities on 2024-12-31 (d0) is taken as the whole of them: none counted")
    assert data["shares"]["assumed_diluted"] == "1200000"
    k = kpi(run, db, "2025-03-31", "--since", "2024-12-31")
    # 1,500 / 1,200,000 against 1,000 / 1,000,000: 25% more bitcoin per share.
    assert (k["btc_yield"], k["btc_gain"]) == ("0.25", "250")


def test_value_leaves_diluted_figures_not_known_without_a_dilutive_disclosure(db):
    from ledger import api

    from .test_value import PRICES, price

    import_records(db, [balance("b0", "2025-01-31", "1000"),
                        anchor("s0", "2025-01-31", "10000000"), *PRICES,
                        price("TEST", "2025-03-31", "20")])
    data = api.value(db, "TEST", "2025-03-31")["figures"]
    for name in ("value.shares_diluted", "value.nav_per_share_diluted",
                 "value.market_cap_diluted", "value.mnav_diluted"):
        assert (data[name]["value"], data[name]["status"]) == (None, "not known"), name
        assert "no dilutive securities disclosed on or before 2025-03-31" in \
            data[name]["reason"], name
    # 1,000 BTC at $100,000 against 10,000,000 shares at $20.
    assert [data[f"value.{n}"]["value"] for n in (
        "market_value", "nav_per_share_basic", "market_cap_basic", "mnav_basic")] == [
        "100000000", "10", "200000000", "2"]


def test_notes_issued_before_a_split_are_split_adjusted(run, load, db):
    load(rec("n1", "notes_issued", "2025-01-15", principal_usd="1000000", coupon_percent="0",
             convertible=True, conversion_rate="2.5"),
         rec("sp", "stock_split", "2025-06-01", ratio="10"))
    assert shares(run, db, "2025-05-31")["shares"]["notes_as_converted"] == "2500"
    assert shares(run, db, "2025-06-01")["shares"]["notes_as_converted"] == "25000"


# --- known at ---------------------------------------------------------------------------------------


def test_known_at_before_and_after_a_correction_of_a_share_count(run, load, db):
    load(anchor("s0", "2024-12-31", "1000000"))
    before = shares(run, db, "2025-01-31")
    run("correct", "s0", "--shares", "1200000", "--reason", "restated", "--db", db)
    after = shares(run, db, "2025-01-31")
    assert before["shares"]["basic"] == "1000000" and after["shares"]["basic"] == "1200000"
    assert after["anchor"]["shares"] == "1200000"
    then = shares(run, db, "2025-01-31", "--known-at", f"@{before['position']}")
    assert then["shares"] == before["shares"] and then["position"] == before["position"]
    assert explained(run, db, "shares.basic", "2025-01-31", "--known-at",
                     f"@{before['position']}") == "1000000"


# --- per-share figures and the company's own KPIs -------------------------------------------------


PUBLISHED = [balance("b0", "2024-12-31", "15174"), anchor("s0", "2024-12-31", "254888000"),
             no_dilutive("d0", "2024-12-31"),
             balance("b1", "2025-09-30", "44394"), anchor("s1", "2025-09-30", "463400000"),
             # what explains both balances, so that reconcile finds nothing else
             rec("buy", "btc_purchased", "2025-01-01/2025-09-30", btc="29220"),
             rec("eq", "equity_issued", "2025-01-01/2025-09-30", usd="1", shares="208512000")]


def test_a_published_btc_yield_is_reproduced_by_its_definition(run, load, db):
    load(*PUBLISHED)
    data = kpi(run, db, "2025-09-30", "--since", "2024-12-31")
    # A quarter or a year names its last day, on both axes of the question.
    assert kpi(run, db, "2025-Q3", "--since", "2024")["btc_yield"] == data["btc_yield"]
    assert data["btc"] == {"since": "15174", "as_of": "44394"}
    assert data["assumed_diluted_shares"] == {"since": "254888000", "as_of": "463400000"}
    yield_ = Decimal(data["btc_yield"])
    assert yield_.quantize(Decimal("0.0001")) == Decimal("0.6092")
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(44394) * 254888000 / (Decimal(463400000) * 15174) - 1
        assert abs(yield_ - exact) < Decimal("1e-35")
        # a bitcoin figure: to the satoshi where computed, half to even
        assert Decimal(data["btc_gain"]) == (15174 * exact).quantize(Decimal("1e-8"))
        assert data["btc_gain"] == "9244.42441088"
    assert len(data["btc_yield"].lstrip("0.")) >= 10  # at least 10 significant digits
    assert data["btc_per_share"]["as_of"].startswith("0.0000958006042")
    assert data["sats_per_share"]["as_of"].startswith("9580.06042")
    assert explained(run, db, "kpi.btc_yield", "2025-09-30", "--since",
                     "2024-12-31") == data["btc_yield"]


def test_a_stated_yield_of_0_609_reconciles_within_its_rounding(run, caledger, load, db):
    load(*PUBLISHED, rec("k", "kpi_disclosed", "2025-09-30", metric="btc_yield", value="0.609",
                         since="2024-12-31"))
    data = run("reconcile", "TEST", "--db", db, "--json")
    [line] = data["kpis"]
    assert line["consistent"] is True and line["stated"] == "0.609"
    # kpi's yield (every digit in its JSON) to 12 significant digits, half to even
    assert kpi(run, db, "2025-09-30", "--since", "2024-12-31")["btc_yield"].startswith(
        "0.609227916889161")
    assert line["computed"] == "0.609227916889"
    with localcontext() as ctx:
        ctx.prec = 60
        assert Decimal(line["difference"]) == Decimal("0.609") - Decimal(line["computed"])
    assert data["issues"] == 0
    assert caledger("reconcile", "TEST", "--db", db, "--strict").exit_code == 0


def test_a_stated_kpi_that_does_not_follow_is_flagged_and_fails_strict(run, caledger, load, db):
    load(*PUBLISHED,
         rec("k1", "kpi_disclosed", "2025-09-30", metric="btc_yield", value="0.62",
             since="2024-12-31"),
         rec("k2", "kpi_disclosed", "2025-09-30", metric="assumed_diluted_shares",
             value="463400000"),
         rec("k3", "kpi_disclosed", "2025-09-30", metric="btc_per_share", value="0.0000958"))
    data = run("reconcile", "TEST", "--db", db, "--json")
    by_id = {k["id"]: k for k in data["kpis"]}
    assert by_id["k1"]["consistent"] is False
    assert Decimal(by_id["k1"]["difference"]) > Decimal("0.01")
    # the computed yield as kpi --json gives it, every digit
    computed = Decimal(kpi(run, db, "2025-09-30", "--since", "2024-12-31")["btc_yield"])
    with localcontext() as ctx:
        ctx.prec = 40
        # kept to 12 places: an exact decimal, not the division's 40 digits; from every
        # digit of the figures, not from the computed figure as shown (to 12 digits)
        assert Decimal(by_id["k1"]["relative_difference"]) == (
            (Decimal("0.62") - computed) / computed).quantize(Decimal("1e-12"))
        assert by_id["k1"]["computed"] == "0.609227916889"
        assert Decimal(by_id["k1"]["difference"]) == Decimal("0.62") - Decimal("0.609227916889")
    assert by_id["k2"]["consistent"] is True and by_id["k2"]["difference"] == "0"
    assert by_id["k3"]["consistent"] is True  # 0.0000958006... rounds to 0.0000958
    assert data["issues"] == 1
    result = caledger("reconcile", "TEST", "--db", db, "--strict")
    assert result.exit_code == 1 and "MISMATCH" in result.stdout


def test_a_share_anchor_stating_assumed_diluted_is_checked_too(run, load, db):
    load(anchor("s0", "2025-01-31", "1000", assumed_diluted="1100"),
         rec("d0", "dilutive_securities_disclosed", "2025-01-31", options="90"))
    [line] = run("reconcile", "TEST", "--db", db, "--json")["kpis"]
    assert (line["metric"], line["computed"], line["difference"], line["consistent"]) == \
        ("assumed_diluted_shares", "1090", "10", False)


def test_per_share_figures_of_a_company_without_shares_are_undefined(run, load, db):
    load(balance("b0", "2024-12-31", "10"))
    data = kpi(run, db, "2025-01-31")
    assert data["btc_per_share"] == {"as_of": None}
    assert "kpi.btc_per_share" in data["undefined"]


def test_capital_shows_the_share_figures(run, load, db):
    load(anchor("s0", "2024-12-31", "1000"), no_dilutive("d0", "2024-12-31"),
         rec("n1", "notes_issued", "2025-01-15", principal_usd="1000", coupon_percent="0",
             convertible=True, conversion_rate="3"))
    data = run("capital", "TEST", "--as-of", "2025-03-31", "--db", db, "--json")
    assert data["shares"]["basic"] == "1000" and data["shares"]["assumed_diluted"] == "1003"
    assert data["notes"]["outstanding_usd"] == "1000"  # the existing shape is unchanged
    text = run("capital", "TEST", "--as-of", "2025-03-31", "--db", db).stdout
    assert "1,003 assumed diluted" in text


def test_text_and_csv_come_from_the_same_figures(run, load, db):
    load(*PUBLISHED)
    text = run("kpi", "TEST", "--as-of", "2025-09-30", "--since", "2024-12-31", "--db",
               db).stdout
    assert "BTC yield 2024-12-31 to 2025-09-30: 0.6092" in text
    csv = run("shares", "TEST", "--as-of", "2025-09-30", "--db", db, "--format", "csv").stdout
    # the first columns as ever (reason and stamp columns follow them)
    assert any(line.startswith("TEST,2025-09-30,assumed_diluted,463400000,derived,")
               for line in csv.splitlines())


# --- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("record_type, fields, expected", [
    ("shares_outstanding_disclosed", {"effective": "2025-01-31", "shares": "-5"},
     'field shares: a number of shares must be greater than 0, got "-5"'),
    ("shares_repurchased", {"effective": "2025-01", "shares": "-5"},
     'field shares: a number of shares must be greater than 0, got "-5"'),
    ("stock_split", {"effective": "2025-01-31", "ratio": "0"},
     "field ratio: a split ratio (new shares per old share) must be greater than 0"),
    ("stock_split", {"effective": "2025-Q1", "ratio": "10"},
     'field effective: a stock split is as of one date, not "2025-Q1"'),
    ("kpi_disclosed", {"effective": "2025-01-31", "metric": "btc_per_bitcoin", "value": "1"},
     "field metric: must be one of"),
    ("kpi_disclosed", {"effective": "2025-01-31", "metric": "btc_yield", "value": "0.5"},
     'give "since"'),
])
def test_bad_share_records_get_one_line_and_leave_the_store_unchanged(
        caledger, load, db, tmp_path, record_type, fields, expected):
    load(anchor("s0", "2024-12-31", "1000"))
    before = fingerprint(db)
    bad = {"id": "bad", "type": record_type, "company": "TEST",
           "sources": [{"document": "n.txt", "line": 1}], **fields}
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(rec("fine", "shares_repurchased", "2025-01", shares="1"))
                    + "\n" + json.dumps(bad))
    line = the_one_error_line(caledger("import", "--db", db, str(path)))
    assert 'record "bad"' in line and expected in line, line
    assert fingerprint(db) == before
    options = [f"--{k.replace('_', '-')}={v}" for k, v in fields.items()]
    line = the_one_error_line(caledger("append", record_type, "--company", "TEST",
                                       "--source", "n.txt:1", "--db", db, *options))
    assert expected in line, line
    assert fingerprint(db) == before


def test_bad_queries_get_one_line(caledger, load, db):
    load(*PUBLISHED)
    for args, expected in [
        (("kpi", "TEST", "--as-of", "2025-09-30", "--since", "2025-09-30"), "must be before"),
        (("kpi", "TEST", "--as-of", "2025-09-30", "--since", "2025-13"), "--since"),
        (("kpi", "TEST", "--as-of", "2025-09-30", "--since", "2025-Q3"), "must be before"),
        (("explain", "TEST", "kpi.btc_yield", "--as-of", "2025-09-30"), "give --since"),
        (("explain", "TEST", "shares.nothing", "--as-of", "2025-09-30"), "shares.basic"),
    ]:
        line = the_one_error_line(caledger(*args, "--db", db))
        assert expected in line, line


def test_an_issuance_straddling_the_share_count_is_flagged_in_its_reason(run, load, db):
    load(anchor("s0", "2025-02-15", "1000"),
         rec("eq", "equity_issued", "2025-Q1", usd="10", shares="50"))
    data = shares(run, db, "2025-03-31")
    assert data["shares"]["basic"] == "1050" and data["straddling_anchor"] == ["eq"]
    assert data["reason"]["basic"] == (
        "share count disclosed on 2025-02-15 (s0) rolled forward by 1 record; flagged: the "
        "period of eq starts on or before the anchor's date, so part of it may already be in "
        "the anchor")


# --- a flag keeps to every figure computed from the flagged one (review finding 13) -----------

_STRADDLE = ("the period of eq starts on or before the anchor's date, so part of it may "
             "already be in the anchor")


def _straddled(load) -> None:
    """1,000 shares and 10 BTC disclosed on 2025-02-15; 50 shares issued over 2025-Q1 (its
    period starts before the count: it straddles it); 12 BTC disclosed on 2025-03-31; the
    company's 18.9% yield over the period as it stated it; BTC and share closes."""
    load(anchor("s0", "2025-02-15", "1000"), no_dilutive("d0", "2025-02-15"),
         balance("b0", "2025-02-15", "10"), balance("b1", "2025-03-31", "12"),
         rec("eq", "equity_issued", "2025-Q1", usd="10", shares="50"),
         rec("k", "kpi_disclosed", "2025-03-31", metric="btc_yield", value="0.142857",
             since="2025-02-15"),
         {"id": "p-btc", "type": "price_observed", "company": "BTC", "asset": "BTC",
          "effective": "2025-03-31", "close": "100000",
          "sources": [{"document": "prices.csv", "line": 2}]},
         {"id": "p-test", "type": "price_observed", "company": "TEST", "asset": "TEST",
          "effective": "2025-03-31", "close": "2000",
          "sources": [{"document": "prices.csv", "line": 3}]})


def test_a_straddled_share_count_keeps_its_flag_in_the_kpis_built_on_it(run, load, db, caledger):
    _straddled(load)
    counted = shares(run, db, "2025-03-31")
    assert counted["shares"]["assumed_diluted"] == "1050"
    assert counted["reason"]["assumed_diluted"] == (
        "shares.basic + shares.notes_as_converted + shares.other_dilutive; flagged: "
        f"shares.basic: {_STRADDLE}")
    data = kpi(run, db, "2025-03-31", "--since", "2025-02-15")
    # 12 / 1,050 against 10 / 1,000: (12 x 1,000) / (1,050 x 10) - 1 = 1/7
    assert Decimal(data["btc_yield"]).quantize(Decimal("1E-12")) == Decimal("0.142857142857")
    assert data["btc_gain"] == "1.42857143"
    assert data["btc_per_share"]["as_of"].startswith("0.0114285714285")
    flag = f"shares.assumed_diluted as of 2025-03-31, from shares.basic: {_STRADDLE}"
    for figure in ("kpi.btc_yield", "kpi.btc_gain", "kpi.btc_per_share", "kpi.sats_per_share"):
        assert data["status"][figure] == "derived", figure
        assert data["reason"][figure].endswith(f"; flagged: {flag}"), figure
        assert data["flags"][figure] == [flag], figure
    assert data["flags"]["kpi.basic_btc_per_share"] == [
        f"shares.basic as of 2025-03-31: {_STRADDLE}"]
    # the --since date's figures rest on the disclosed count alone: no flag
    assert "kpi.btc_per_share.since" not in data["flags"]
    assert data["reason"]["kpi.btc_per_share.since"] == (
        "computed from btc.total as of 2025-02-15 (disclosed), shares.assumed_diluted as of "
        "2025-02-15 (derived)")
    # text, CSV and explain say the same
    text = caledger("kpi", "TEST", "--as-of", "2025-03-31", "--since", "2025-02-15",
                    "--db", db).stdout
    assert (f"flagged: kpi.btc_gain, kpi.btc_per_share, kpi.btc_yield, kpi.sats_per_share: "
            f"{flag}") in text
    csv_text = caledger("kpi", "TEST", "--as-of", "2025-03-31", "--since", "2025-02-15",
                        "--db", db, "--format", "csv").stdout
    yield_row = next(line for line in csv_text.splitlines() if ",kpi.btc_yield," in line)
    assert f"; flagged: {flag}" in yield_row
    explained_yield = run("explain", "TEST", "kpi.btc_yield", "--as-of", "2025-03-31",
                          "--since", "2025-02-15", "--db", db, "--json")
    assert explained_yield["reason"] == data["reason"]["kpi.btc_yield"]
    assert explained_yield["flags"] == [flag]
    assert explained_yield["value"] == data["btc_yield"]
    explain_text = caledger("explain", "TEST", "kpi.btc_yield", "--as-of", "2025-03-31",
                            "--since", "2025-02-15", "--db", db).stdout
    assert f"; flagged: {flag}" in explain_text.splitlines()[0]


def test_a_straddled_share_count_keeps_its_flag_in_value_and_reconcile(run, load, db, caledger):
    _straddled(load)
    data = run("value", "TEST", "--as-of", "2025-03-31", "--since", "2025-02-15", "--db", db,
               "--json")
    nav = data["figures"]["value.nav_per_share_diluted"]
    assert nav["value"] == "1142.8571"  # 12 x 100,000 / 1,050, to 1/10,000 of a dollar
    assert nav["flags"] == [f"value.shares_diluted, from shares.basic: {_STRADDLE}"]
    assert nav["reason"].endswith(f"; flagged: value.shares_diluted, from shares.basic: "
                                  f"{_STRADDLE}")
    cap = data["figures"]["value.market_cap_diluted"]
    assert cap["value"] == "2100000" and cap["flags"] == nav["flags"]
    gain = data["figures"]["value.btc_dollar_gain"]
    assert gain["value"] == "142857.14" and gain["flags"] == [
        f"kpi.btc_gain, from shares.assumed_diluted as of 2025-03-31, from shares.basic: "
        f"{_STRADDLE}"]
    # unflagged figures stay as they were
    assert "flags" not in data["figures"]["value.market_value"]
    assert data["figures"]["value.market_value"]["value"] == "1200000"
    checked = run("reconcile", "TEST", "--db", db, "--json")
    [stated] = checked["kpis"]
    flag = f"shares.assumed_diluted as of 2025-03-31, from shares.basic: {_STRADDLE}"
    assert stated["consistent"] is True and stated["flags"] == [flag]
    assert stated["computed_reason"].endswith(f"; flagged: {flag}")
    text = caledger("reconcile", "TEST", "--db", db).stdout
    assert f"0.142857 (k): ok (computed 0.142857142857" in text
    assert f"; flagged: {flag}" in text


def test_a_straddled_holding_keeps_its_flag_in_unencumbered_and_the_kpis(run, load, db):
    load(rec("b0", "btc_balance_disclosed", "2023-01-31", btc="8090", loaned="0", pledged="0"),
         rec("qtd", "btc_mined", "2023-01-01/2023-02-28", btc="1370"),
         anchor("s0", "2023-01-31", "1000"), no_dilutive("d0", "2023-01-31"))
    held = run("holdings", "TEST", "--as-of", "2023-02-28", "--db", db, "--json")
    what = ("the period of qtd starts on or before the anchor's date, so part of it may "
            "already be in the anchor")
    assert held["btc"]["total"] == held["btc"]["unencumbered"] == "9460"
    assert held["reason"]["unencumbered"] == (
        "btc.unencumbered (total - loaned - pledged) computed from btc.total (derived), "
        f"btc.loaned (derived), btc.pledged (derived); flagged: btc.total: {what}")
    data = kpi(run, db, "2023-02-28")
    assert data["btc_per_share"]["as_of"] == "9.46"
    assert data["flags"]["kpi.btc_per_share"] == [f"btc.total as of 2023-02-28: {what}"]
    assert data["reason"]["kpi.btc_per_share"] == (
        "computed from btc.total as of 2023-02-28 (derived), shares.assumed_diluted as of "
        f"2023-02-28 (derived); flagged: btc.total as of 2023-02-28: {what}")
    assert data["flags"]["kpi.btc"] == [f"btc.total: {what}"]
