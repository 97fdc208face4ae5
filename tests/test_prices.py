"""Daily prices as records: ``caledger import-prices`` reads the common layouts of free
daily-price downloads, all or nothing, idempotently, refusing a bad line by line and column;
a figure uses the latest close on or before its day, never one older than --max-price-age."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ledger.reader import open_reader
from projections import prices

from .conftest import fingerprint, the_one_error_line

ROOT = Path(__file__).resolve().parent.parent

LAYOUTS = {
    # CoinGecko's historical data export
    "coingecko.csv": ("snapped_at,price,market_cap,total_volume\n"
                      "2025-02-25 00:00:00 UTC,88736.17,1759000000000,30000000000\n"
                      "2025-02-26 00:00:00 UTC,84347.02,1672000000000,41000000000\n"),
    # a finance site's daily download: a null row on a day without trading
    "yahoo.csv": ("Date,Open,High,Low,Close,Adj Close,Volume\n"
                  "2025-02-25,88000.000000,89000.000000,86000.000000,88736.170000,88736.170000,1\n"
                  "2025-02-26,null,null,null,null,null,null\n"
                  "2025-02-27,84000,85000.5,83000,84347.02,84347.02,2\n"),
    # Nasdaq's historical quotes: newest first, dollars, US dates
    "nasdaq.csv": ("Date,Close/Last,Volume,Open,High,Low\n"
                   "02/27/2025,$84347.02,2,$84000,$85000.50,$83000\n"
                   "02/25/2025,$88736.17,1,$88000,$89000,$86000\n"),
    # Investing.com: quoted prices with thousands grouped
    "investing.csv": ('"Date","Price","Open","High","Low","Vol.","Change %"\n'
                      '"02/25/2025","88,736.17","88,000.0","89,000.0","86,000.0","1K","-3.1%"\n'
                      '"02/27/2025","84,347.02","84,000.0","85,000.5","83,000.0","2K","-5.0%"\n'),
    # CoinMarketCap: semicolons, ISO timestamps
    "cmc.csv": ("timeOpen;timeClose;timeHigh;timeLow;name;open;high;low;close;volume\n"
                '"2025-02-25T00:00:00.000Z";"2025-02-25T23:59:59.999Z";"x";"y";"2781";'
                "88000;89000;86000;88736.17;1\n"
                '"2025-02-27T00:00:00.000Z";"2025-02-27T23:59:59.999Z";"x";"y";"2781";'
                "84000;85000.5;83000;84347.02;2\n"),
}


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def seed(caledger, db: str) -> None:
    record = {"id": "b", "type": "btc_balance_disclosed", "company": "TEST",
              "effective": "2025-01-31", "btc": "10",
              "sources": [{"document": "synthetic.txt", "line": 1}]}
    assert caledger("import", "-", "--db", db, input=json.dumps(record)).exit_code == 0


def closes(db: str, asset: str = "BTC") -> dict[str, str]:
    with open_reader(db) as reader:
        with reader.reading() as cur:
            return {r.end: r.record["close"] for r in prices.closes_between(
                cur, asset, date(2000, 1, 1), date(2100, 1, 1), reader.position())}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_common_layout_gives_the_same_closes(caledger, db, tmp_path, name):
    seed(caledger, db)
    path = write(tmp_path, name, LAYOUTS[name])
    result = caledger("import-prices", path, "--asset", "BTC", "--source", "test", "--db", db,
                      "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == 2 and report["asset"] == "BTC"
    got = closes(db)
    assert got["2025-02-25"] == "88736.17"
    assert got.get("2025-02-27", got.get("2025-02-26")) == "84347.02"
    if name == "yahoo.csv":
        assert report["skipped_lines"] == [3]  # the day without a close
    # Bitcoin's prices are filed under BTC, which is not a company.
    companies = json.loads(caledger("companies", "--db", db, "--json").stdout)
    assert [c["company"] for c in companies] == ["TEST"]


def test_importing_again_adds_nothing_and_a_changed_close_is_refused(caledger, db, tmp_path):
    seed(caledger, db)
    path = write(tmp_path, "p.csv", LAYOUTS["coingecko.csv"])
    args = ("import-prices", path, "--asset", "BTC", "--source", "test", "--db", db)
    assert caledger(*args).exit_code == 0
    before = fingerprint(db)
    again = caledger(*args, "--json")
    assert json.loads(again.stdout)["added"] == 0 and fingerprint(db) == before
    write(tmp_path, "p.csv", LAYOUTS["coingecko.csv"].replace("84347.02", "84347.03"))
    line = the_one_error_line(caledger(*args))
    assert "price-btc-2025-02-26-test" in line
    assert fingerprint(db) == before


@pytest.mark.parametrize(("text", "where"), [
    ("Date,Close\n2025-02-25,88736.17\n2025-02-26,84 347\n", "line 3: column Close"),
    ("Date,Close\n2025-02-25,88736.17\n26/02/2025,84347\n", "line 3: column Date"),
    ("Date,Close\n2025-02-25,88736.17\n2025-02-25,84347\n", "line 3: column Date"),
    ("Date,Close\n2025-02-25,88736.17,1\n", "line 2: 3 columns"),
    ("Day,Last\n2025-02-25,88736.17\n", "line 1: no close column"),
    ("Date,Close\n2025-02-25,-5\n", "line 2: column Close"),
])
def test_a_bad_line_is_refused_with_its_line_and_column_and_nothing_is_stored(
        caledger, db, tmp_path, text, where):
    seed(caledger, db)
    before = fingerprint(db)
    path = write(tmp_path, "bad.csv", text)
    result = caledger("import-prices", path, "--asset", "BTC", "--source", "test", "--db", db)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert f"{path}: {where}" in result.stderr, result.stderr
    assert fingerprint(db) == before


def test_a_close_column_named_on_the_command_line(caledger, db, tmp_path):
    seed(caledger, db)
    path = write(tmp_path, "fred.csv", "observation_date,CBBTCUSD,OTHER\n2025-02-25,88736.17,1\n"
                 "2025-02-26,.,2\n")
    result = caledger("import-prices", path, "--asset", "BTC", "--source", "FRED",
                      "--close-column", "CBBTCUSD", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    assert closes(db) == {"2025-02-25": "88736.17"}


def test_the_latest_close_within_the_maximum_age(caledger, db, tmp_path):
    seed(caledger, db)
    caledger("import-prices", write(tmp_path, "p.csv", LAYOUTS["coingecko.csv"]), "--asset",
             "BTC", "--source", "test", "--db", db)
    with open_reader(db) as reader:
        with reader.reading() as cur:
            p = reader.position()
            same = prices.close(cur, "BTC", date(2025, 2, 26), p)
            later = prices.close(cur, "BTC", date(2025, 3, 5), p)
            stale = prices.close(cur, "BTC", date(2025, 3, 6), p)
            none = prices.close(cur, "BTC", date(2025, 2, 24), p)
            before_it = prices.close(cur, "BTC", date(2025, 3, 5), p - 1)
    assert (same.value, same.date, same.status.status) == (
        prices.Decimal("84347.02"), "2025-02-26", "disclosed")
    assert (later.value, later.date) == (prices.Decimal("84347.02"), "2025-02-26")
    assert "7 days before" in later.status.reason
    assert stale.value is None and stale.status.status == "not known"
    assert "no BTC price within 7 days of 2025-03-06" in stale.status.reason
    assert none.value is None and "no BTC price recorded on or before" in none.status.reason
    # As the ledger knew it before the second close was stored: the first, then stale.
    assert before_it.value is None and "88,736.17 on 2025-02-25" in before_it.status.reason


def test_the_example_files_import_from_the_project_root(caledger, db):
    for name, asset in (("btc-usd-daily.csv", "BTC"), ("mara-usd-daily.csv", "MARA")):
        result = caledger("import-prices", str(ROOT / "examples" / "prices" / name), "--asset",
                          asset, "--source", "caledger examples", "--db", db, "--json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["added"] > 10


@pytest.mark.parametrize(("fields", "message"), [
    ({"company": "MARA", "asset": "BTC"}, 'set company to "BTC"'),
    ({"high": "80000"}, "high (80000) is below the open or close"),
    ({"low": "90000"}, "low (90000) is above the open or close"),
    ({"effective": "2025-02"}, "a price is as of one date"),
    ({"close": "0"}, "a price must be greater than 0"),
    ({"currency": "EUR"}, "must be one of"),
])
def test_prices_that_cannot_be_recorded(fields, message):
    from ledger.events import RecordInvalid, validate_record

    record = {"id": "p", "type": "price_observed", "company": "BTC", "asset": "BTC",
              "effective": "2025-02-26", "close": "84347.02",
              "sources": [{"document": "x.csv", "line": 2}], **fields}
    with pytest.raises(RecordInvalid) as e:
        validate_record(record)
    assert message in str(e.value)


def test_two_different_closes_of_one_day_name_each_other_and_reconcile_lists_them(
        caledger, db, tmp_path):
    """REVIEW2 finding 5: a second source's different close for a day already on file was
    used silently. As with two disclosed balances of one date, the one stored later is used,
    but its reason names the other, and reconcile lists the conflict (an issue); a second
    source agreeing is no conflict; retracting the wrong one ends it."""
    from ledger import api

    for source, close in (("vendor a", "100000"), ("vendor b", "100000"),
                          ("vendor c", "50000")):
        path = tmp_path / f"{source}.csv"
        path.write_text(f"date,close\n2025-02-14,{close}\n")
        out = caledger("import-prices", str(path), "--asset", "BTC", "--source", source,
                       "--db", db)
        assert out.exit_code == 0, out.stderr
    with open_reader(db) as reader, reader.reading() as cur:
        found = prices.close(cur, "BTC", date(2025, 2, 14), reader.position())
        carried = prices.close(cur, "BTC", date(2025, 2, 16), reader.position())
    assert found.value == 50000 and found.status.status == "disclosed"
    assert found.status.reason == (
        "BTC close 50,000 on that day (price-btc-2025-02-14-vendor-c); conflicting closes of "
        "that date stored earlier: 100,000 (price-btc-2025-02-14-vendor-a), 100,000 "
        "(price-btc-2025-02-14-vendor-b); the close stored later is used (reconcile lists the "
        "conflict; retract the wrong one)")
    assert carried.value == 50000 and carried.status.status == "derived"
    assert "conflicting closes of that date stored earlier" in carried.status.reason

    out = caledger("append", "btc_purchased", "--company", "PCO", "--effective", "2025-02-14",
                   "--btc", "1", "--usd", "60000", "--source", "p.txt:1", "--db", db)
    assert out.exit_code == 0, out.stderr
    report = api.reconcile(db, "PCO")
    assert [(c["asset"], c["date"], c["used"], [x["close"] for x in c["closes"]])
            for c in report["price_conflicts"]] == [
        ("BTC", "2025-02-14", "price-btc-2025-02-14-vendor-c", ["100000", "100000", "50000"])]
    assert report["issues"] == 1
    text = caledger("reconcile", "PCO", "--db", db).stdout
    assert "PRICE CONFLICT BTC on 2025-02-14: closes 100,000 (price-btc-2025-02-14-vendor-a)" \
        in text
    csv_text = caledger("reconcile", "PCO", "--db", db, "--format", "csv").stdout
    assert "PCO,price conflict,BTC,2025-02-14," in csv_text

    out = caledger("retract", "price-btc-2025-02-14-vendor-c", "--reason", "wrong feed",
                   "--db", db)
    assert out.exit_code == 0, out.stderr
    assert api.reconcile(db, "PCO")["price_conflicts"] == []
    with open_reader(db) as reader, reader.reading() as cur:
        found = prices.close(cur, "BTC", date(2025, 2, 14), reader.position())
    assert found.value == 100000
    assert found.status.reason == "BTC close 100,000 on that day (price-btc-2025-02-14-vendor-b)"
