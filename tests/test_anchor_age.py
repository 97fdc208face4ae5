"""How old the balance a figure is carried forward from is, and --max-anchor-age (review
finding 14c): scenarios on both stores."""

from __future__ import annotations

from typing import Any

from ledger import api
from ledger.errors import BadQuery

from .conftest import rec

_RECORDS = (
    rec("b0", "btc_balance_disclosed", "2023-02-28", btc="8260", loaned="0", pledged="0"),
    rec("m0", "btc_mined", "2023-03", btc="700"),
    rec("s0", "shares_outstanding_disclosed", "2023-02-28", shares="1000"),
    rec("d0", "dilutive_securities_disclosed", "2023-02-28", options="0"),
)


def holdings(run, db: str, day: str, *extra: str) -> dict[str, Any]:
    return run("holdings", "TEST", "--as-of", day, "--db", db, "--json", *extra)


def test_a_carried_forward_figure_gives_its_anchors_age(run, load, db):
    load(*_RECORDS)
    data = holdings(run, db, "2024-11-15")
    assert data["btc"]["total"] == "8960" and data["status"]["total"] == "derived"
    assert data["reason"]["total"] == ("balance disclosed on 2023-02-28 (b0), 626 days before "
                                       "2024-11-15, rolled forward by 1 recorded flow")
    assert data["reason"]["loaned"] == ("loaned bitcoin disclosed on 2023-02-28 (b0), 626 days "
                                        "before 2024-11-15, rolled forward by 0 recorded flows")
    assert data["anchor_age_days"] == {"total": 626, "loaned": 626, "pledged": 626}
    assert data["max_anchor_age_days"] is None
    # on the anchor's own date: disclosed, 0 days
    same_day = holdings(run, db, "2023-02-28")
    assert same_day["anchor_age_days"]["total"] == 0
    assert same_day["reason"]["total"] == "balance disclosed on 2023-02-28 (b0)"


def test_max_anchor_age_makes_an_older_carried_figure_not_known(run, load, db, caledger):
    load(*_RECORDS)
    old = holdings(run, db, "2024-11-15", "--max-anchor-age", "365")
    assert old["btc"] == {"total": None, "loaned": None, "pledged": None,
                          "unencumbered": None}
    assert old["status"]["total"] == "not known"
    assert old["reason"]["total"] == (
        "the balance disclosed on 2023-02-28 (b0) is 626 days before 2024-11-15, older than "
        "the 365 days allowed (max anchor age), so it is not carried forward to 2024-11-15")
    assert old["max_anchor_age_days"] == 365 and old["anchor_age_days"]["total"] == 626
    # within the limit: as without it (31 days)
    recent = holdings(run, db, "2023-03-31", "--max-anchor-age", "365")
    assert recent["btc"]["total"] == "8960" and recent["status"]["total"] == "derived"
    assert recent["reason"]["total"].startswith(
        "balance disclosed on 2023-02-28 (b0), 31 days before 2023-03-31")
    # exactly the limit is within it
    assert holdings(run, db, "2023-03-31", "--max-anchor-age", "31")["btc"]["total"] == "8960"
    assert holdings(run, db, "2023-03-31", "--max-anchor-age", "30")["btc"]["total"] is None
    # --all, explain, kpi, the Python API say the same
    every = run("holdings", "--all", "--as-of", "2024-11-15", "--max-anchor-age", "365",
                "--db", db, "--json")
    assert [h["btc"]["total"] for h in every] == [None]
    explained = run("explain", "TEST", "btc.total", "--as-of", "2024-11-15",
                    "--max-anchor-age", "365", "--db", db, "--json")
    assert explained["value"] is None and explained["reason"] == old["reason"]["total"]
    per_share = run("kpi", "TEST", "--as-of", "2024-11-15", "--max-anchor-age", "365",
                    "--db", db, "--json")
    assert per_share["btc_per_share"]["as_of"] is None
    assert per_share["reason"]["kpi.btc_per_share"] == (
        f"btc.total as of 2024-11-15 is not known: {old['reason']['total']}")
    assert run("kpi", "TEST", "--as-of", "2024-11-15", "--db", db,
               "--json")["btc_per_share"]["as_of"] == "8.96"
    assert api.holdings(db, "TEST", "2024-11-15", max_anchor_age=365).status[
        "total"].reason == old["reason"]["total"]
    refused = caledger("holdings", "TEST", "--max-anchor-age", "-1", "--db", db)
    assert refused.exit_code != 0 and "--max-anchor-age -1: give a number of days" in refused.stderr


def test_the_snapshot_and_the_server_take_max_anchor_age(load, db):
    import ledger

    load(*_RECORDS)
    with ledger.open(db).snapshot() as s:
        assert s.holdings("TEST", as_of="2024-11-15", max_anchor_age=365).total is None
        assert s.holdings("TEST", as_of="2024-11-15").total == 8960
        assert s.kpi("TEST", as_of="2024-11-15", max_anchor_age=700).btc_per_share == \
            __import__("decimal").Decimal("8.96")
        # a Python caller is told the keyword it passed, not the command line's option
        for bad, said in ((-1, "max_anchor_age -1: give a number of days"),
                          ("30", "max_anchor_age: '30' is not a whole number of days")):
            try:
                s.holdings("TEST", as_of="2024-11-15", max_anchor_age=bad)
            except BadQuery as e:
                assert said in str(e) and "--max" not in str(e)
            else:
                raise AssertionError(f"max_anchor_age={bad!r} was taken")


def test_the_server_takes_max_anchor_age(load, db):
    from fastapi.testclient import TestClient

    from ledger.web.app import create_app
    from ledger.web.config import ServeConfig

    load(*_RECORDS)
    with TestClient(create_app(ServeConfig(db=db))) as client:
        old = client.get("/api/v1/holdings", params={
            "company": "TEST", "as_of": "2024-11-15", "max_anchor_age": 365}).json()
        assert old["btc"]["total"] is None and old["max_anchor_age_days"] == 365
        assert old["anchor_age_days"]["total"] == 626
        assert client.get("/api/v1/holdings", params={
            "company": "TEST", "as_of": "2024-11-15"}).json()["btc"]["total"] == "8960"
        explained = client.get("/api/v1/explain", params={
            "company": "TEST", "figure": "btc.total", "as_of": "2024-11-15",
            "max_anchor_age": 365}).json()
        assert explained["value"] is None and explained["reason"] == old["reason"]["total"]
        per_share = client.get("/api/v1/kpi", params={
            "company": "TEST", "as_of": "2024-11-15", "max_anchor_age": 365}).json()
        assert per_share["btc_per_share"]["as_of"] is None


def test_the_comparison_table_shows_each_anchors_age(load, db, caledger):
    load(*_RECORDS, rec("n0", "btc_balance_disclosed", "2024-11-15", btc="5", company="NEW"),
         rec("f0", "btc_mined", "2024-10", btc="1", company="FLOW"))
    text = caledger("holdings", "--all", "--as-of", "2024-11-15", "--db", db).stdout
    import re

    rows = {line.split()[0]: line for line in text.splitlines()[3:] if line.strip()}
    assert "anchor age" in text.splitlines()[1]
    assert re.search(r"^TEST\s+8,960 .* 2023-02-28\s+626 days\s+0$", rows["TEST"])
    assert re.search(r" 2024-11-15\s+0 days\s+0$", rows["NEW"])
    assert re.search(r" none\s+-\s+0$", rows["FLOW"])
    limited = caledger("holdings", "--all", "--as-of", "2024-11-15", "--max-anchor-age", "365",
                       "--db", db).stdout
    assert [line.split()[1] for line in limited.splitlines()
            if line.startswith("TEST")] == ["not"]  # not known


def test_series_takes_max_anchor_age_for_holdings_and_per_share_figures(run, load, db):
    load(*_RECORDS)
    rows = run("series", "TEST", "--from", "2023-Q1", "--to", "2023-Q4", "--db", db, "--json",
               "--max-anchor-age", "150")["rows"]
    assert [(r["period"], r["value"], r["status"]) for r in rows] == [
        ("2023-Q1", "8960", "derived"), ("2023-Q2", "8960", "derived"),
        ("2023-Q3", None, "not known"), ("2023-Q4", None, "not known")]
    assert rows[2]["reason"] == (
        "the balance disclosed on 2023-02-28 (b0) is 214 days before 2023-09-30, older than "
        "the 150 days allowed (max anchor age), so it is not carried forward to 2023-09-30")
    assert rows[1]["reason"].startswith(
        "balance disclosed on 2023-02-28 (b0), 122 days before 2023-06-30, rolled forward")
    per_share = run("series", "TEST", "--from", "2023-Q2", "--to", "2023-Q3", "--db", db,
                    "--json", "--figure", "kpi.btc_per_share", "--max-anchor-age", "150")["rows"]
    assert [(r["value"], r["status"]) for r in per_share] == [
        ("8.96", "derived"), (None, "not known")]
    unlimited = run("series", "TEST", "--from", "2023-Q3", "--to", "2023-Q3", "--db", db,
                    "--json")["rows"]
    assert unlimited[0]["value"] == "8960"


def test_the_comparison_footer_says_which_figures_are_too_old(load, db, caledger):
    """The footer names the reason each figure is not known: a balance older than the limit
    is not called 'no figure' nor 'below zero' (TEST has flows after its balance)."""
    load(*_RECORDS, rec("n0", "btc_balance_disclosed", "2024-11-15", btc="5", loaned="0",
                        pledged="0", company="NEW"))
    limited = caledger("holdings", "--all", "--as-of", "2024-11-15", "--max-anchor-age", "365",
                       "--db", db).stdout.splitlines()[-1]
    assert limited == ("not known: its balance is older than --max-anchor-age allows (TEST) "
                       "(holdings COMPANY says why)")
    plain = caledger("holdings", "--all", "--as-of", "2024-11-15", "--db", db).stdout
    assert "not known" not in plain
