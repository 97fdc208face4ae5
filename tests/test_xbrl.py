"""import-xbrl: SEC company facts become records citing their filings.

The fixtures in tests/fixtures/xbrl are fictional filers written in EDGAR's company-facts
format: Hashworth (unit key "BTC", five filings, then a 10-K/A restating its 2024 year-end
balance and a new 10-Q), Northgrid (unit key "pure"), Coinvault (units "bitcoin", "ETH" and
"pure", two share classes on one cover page), Plainfield (no relevant facts) and a download
cut short.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import kinds, xbrl

from .conftest import fingerprint, the_one_error_line

FIXTURES = Path(__file__).parent / "fixtures" / "xbrl"
EARLY = str(FIXTURES / "hashworth-2025-03.json")   # as downloaded in March 2025
LATER = str(FIXTURES / "hashworth-2025-06.json")   # June 2025: a 10-K/A and a 10-Q more
HAS_SHARES = "shares_outstanding_disclosed" in kinds.TYPES
needs_shares = pytest.mark.skipif(not HAS_SHARES,
                                  reason="needs shares_outstanding_disclosed (issue 9)")


def index_url(accn: str) -> str:
    return (f"https://www.sec.gov/Archives/edgar/data/1999001/{accn.replace('-', '')}/"
            f"{accn}-index.htm")


def xbrl_import(run, db: str, path: str, company: str = "HASH", *extra: str) -> dict:
    return run("import-xbrl", path, "--company", company, "--db", db, "--json", *extra)


def holdings(run, db: str, day: str, *extra: str) -> dict:
    return run("holdings", "HASH", "--as-of", day, "--db", db, "--json", *extra)


def balances(run, db: str) -> dict[str, dict]:
    return {r["effective"]: r for r in run("history", "HASH", "--db", db, "--json")
            if r["type"] == "btc_balance_disclosed"}


# --- balances and share counts -----------------------------------------------------------------


def test_each_balance_is_a_record_dated_as_filed_and_citing_its_filing(run, db):
    report = xbrl_import(run, db, EARLY)
    assert report["import"]["added_by_type"]["btc_balance_disclosed"] == 6
    found = balances(run, db)
    assert {day: r["btc"] for day, r in found.items()} == {
        "2022-12-31": "8100", "2023-12-31": "10250", "2024-03-31": "11890",
        "2024-06-30": "12604.5", "2024-09-30": "13100", "2024-12-31": "15400"}
    mid_year = found["2024-06-30"]
    assert mid_year["id"] == ("hash-xbrl-cryptoassetnumberofunits-2024-06-30-"
                              "0001999001-24-000035")
    assert mid_year["disclosed"] == "2024-08-05"
    assert mid_year["sources"] == [{"document": "0001999001-24-000035 10-Q", "line": 1,
                                    "url": index_url("0001999001-24-000035")}]
    # The 2023 year-end balance is repeated by four later filings: still one record, citing
    # the 10-K that first reported it.
    assert found["2023-12-31"]["sources"][0]["document"] == "0001999001-24-000008 10-K"
    assert report["repeated"] == 4
    assert holdings(run, db, "2024-08-31")["btc"]["total"] == "12604.5"
    assert holdings(run, db, "2024-08-31")["anchor"]["id"] == mid_year["id"]


@needs_shares
def test_share_counts_are_records_dated_on_the_cover_page(run, db):
    xbrl_import(run, db, LATER)
    shares = {r["effective"]: r for r in run("history", "HASH", "--db", db, "--json")
              if r["type"] == "shares_outstanding_disclosed"}
    assert {day: r["shares"] for day, r in shares.items()} == {
        "2024-02-20": "180000000", "2024-04-30": "186500000", "2024-07-31": "190250000",
        "2024-10-31": "195000000", "2025-02-20": "201000000", "2025-04-30": "204000000"}
    cover = shares["2025-02-20"]
    # Repeated unchanged by the 10-K/A: one record, from the 10-K.
    assert cover["sources"] == [{"document": "0001999001-25-000007 10-K", "line": 1,
                                 "url": index_url("0001999001-25-000007")}]
    assert cover["disclosed"] == "2025-02-27" and cover["status"] == "current"


@needs_shares
def test_two_share_classes_on_one_cover_page_are_skipped_not_summed(run, db):
    report = run("import-xbrl", str(FIXTURES / "coinvault.json"), "--company", "CVLT",
                 "--db", db, "--json")
    shares = [r for r in report["records"] if r["type"] == "shares_outstanding_disclosed"]
    assert [(r["effective"], r["shares"]) for r in shares] == [("2025-05-02", "62400000")]
    ambiguous = [s for s in report["skipped"] if s["end"] == "2025-02-14"]
    assert len(ambiguous) == 1 and ambiguous[0]["val"] == "9800000 / 52000000"
    assert "not summed" in ambiguous[0]["reason"]


# --- restatements ------------------------------------------------------------------------------


def test_a_restated_balance_is_a_correction_and_known_at_before_it_sees_the_original(run, db):
    first = xbrl_import(run, db, EARLY)
    before_restatement = f"@{first['import']['records'][-1]['position']}"
    assert holdings(run, db, "2024-12-31")["btc"]["total"] == "15400"

    second = xbrl_import(run, db, LATER)
    # Only what is new: the correction, the Q1 2025 balance (and its share count).
    assert second["import"]["added_by_type"] == {
        "btc_balance_disclosed": 1, "correction": 1,
        **({"shares_outstanding_disclosed": 1} if HAS_SHARES else {})}
    assert holdings(run, db, "2024-12-31")["btc"]["total"] == "15350"
    assert holdings(run, db, "2024-12-31", "--known-at", before_restatement
                    )["btc"]["total"] == "15400"

    original = "hash-xbrl-cryptoassetnumberofunits-2024-12-31-0001999001-25-000007"
    shown = run("show", original, "--db", db, "--json")
    assert shown["status"] == "corrected"
    assert shown["original"]["btc"] == "15400"
    [correction] = shown["amendments"]
    assert correction["id"] == ("hash-xbrl-cryptoassetnumberofunits-2024-12-31-"
                                "0001999001-25-000015")
    assert correction["event"]["btc"] == "15350"
    assert correction["event"]["disclosed"] == "2025-04-10"
    assert correction["event"]["sources"][0]["document"] == "0001999001-25-000015 10-K/A"
    assert "restated in 10-K/A 0001999001-25-000015" in correction["reason"]
    # The Q1 2025 10-Q repeats the restated figure: nothing more.
    assert sum(1 for r in second["records"] if r.get("corrects") == original) == 1


def test_one_import_of_the_newer_file_stores_the_original_first(run, db):
    report = xbrl_import(run, db, LATER)
    positions = {r["id"]: r["position"] for r in report["import"]["records"]}
    original = "hash-xbrl-cryptoassetnumberofunits-2024-12-31-0001999001-25-000007"
    correction = "hash-xbrl-cryptoassetnumberofunits-2024-12-31-0001999001-25-000015"
    assert positions[original] < positions[correction]
    assert holdings(run, db, "2024-12-31", "--known-at", f"@{positions[original]}"
                    )["btc"]["total"] == "15400"
    assert holdings(run, db, "2024-12-31")["btc"]["total"] == "15350"


def test_reimporting_adds_nothing(run, db):
    xbrl_import(run, db, EARLY)
    xbrl_import(run, db, LATER)
    before = fingerprint(db)
    for path in (LATER, EARLY):
        again = xbrl_import(run, db, path)
        assert again["import"]["added"] == 0
        assert again["import"]["already_present"] == len(again["records"])
    assert fingerprint(db) == before


# --- unit keys ----------------------------------------------------------------------------------


def test_a_generic_unit_key_is_bitcoin_when_the_filer_names_no_asset(run, db):
    report = run("import-xbrl", str(FIXTURES / "northgrid.json"), "--company", "NGRD",
                 "--db", db, "--json")
    assert [(r["effective"], r["btc"]) for r in report["records"]
            if r["type"] == "btc_balance_disclosed"] == [("2024-06-30", "2100"),
                                                         ("2024-12-31", "2405.5")]
    assert 'unit "pure" does not name the asset' in report["records"][0]["note"]
    data = run("holdings", "NGRD", "--as-of", "2025-01-31", "--db", db, "--json")
    assert data["btc"]["total"] == "2405.5"


def test_only_bitcoin_is_taken_from_a_filer_that_names_its_assets(run, db):
    report = run("import-xbrl", str(FIXTURES / "coinvault.json"), "--company", "CVLT",
                 "--db", db, "--json")
    assert [(r["effective"], r["btc"]) for r in report["records"]
            if r["type"] == "btc_balance_disclosed"] == [("2024-12-31", "512.25"),
                                                         ("2025-03-31", "530")]
    reasons = {(s["unit"], s["val"]): s["reason"] for s in report["skipped"]
               if s["concept"] == "us-gaap:CryptoAssetNumberOfUnits"}
    assert reasons[("ETH", "12000")] == 'unit "ETH" is not bitcoin'
    assert "may count another asset" in reasons[("pure", "12512")]
    assert "duration" in reasons[("pure", "40")]


# --- dry run and bad files ----------------------------------------------------------------------


def test_dry_run_prints_importable_records_and_stores_nothing(caledger, run, db, tmp_path):
    result = caledger("import-xbrl", LATER, "--company", "HASH", "--db", db, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert fingerprint(db) == "absent"
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["type"] for r in lines} >= {"btc_balance_disclosed", "correction"}
    # The printed records are the import format: importing them is the same import.
    imported = caledger("import", "--db", db, "--json", "-", input=result.stdout)
    assert imported.exit_code == 0, imported.stderr
    assert json.loads(imported.stdout)["added"] == len(lines)
    assert xbrl_import(run, db, LATER)["import"]["added"] == 0


def test_a_dry_run_is_the_same_import_rolled_back(caledger, run, db):
    """--dry-run --json: the import's own report, as the real import gives it, with
    ``dry_run`` and no positions; checked against the ledger, so a record on file with
    other content is refused in the same words, and the store is left as it was."""
    would = xbrl_import(run, db, LATER, "HASH", "--dry-run")
    assert fingerprint(db) == "absent"
    report = would["import"]
    assert (would["dry_run"], report["dry_run"], report["creates_ledger"]) == (True, True, True)
    assert {r["position"] for r in report["records"]} == {None}
    done = xbrl_import(run, db, LATER)["import"]
    assert set(done) == set(report) - {"creates_ledger"}
    for key in ("added", "added_by_type", "added_by_company", "new_companies", "below_zero"):
        assert done[key] == report[key], key
    assert [r["id"] for r in done["records"]] == [r["id"] for r in report["records"]]
    # now on file: the text dry run prints the records (stdout) and that it would add none
    # of them (stderr), as the import would (checked against the ledger)
    again = caledger("import-xbrl", LATER, "--company", "HASH", "--db", db, "--dry-run")
    assert again.exit_code == 0, again.stderr
    assert len(again.stdout.splitlines()) == report["added"]
    assert again.stderr.splitlines() == [
        "dry run: nothing was stored", "would add 0 records",
        f"already present: {report['added']} records, unchanged (would be skipped)"]


@pytest.mark.parametrize(("name", "expected"), [
    ("truncated.json", "not valid JSON (line 64, column 20"),
    ("plainfield.json", "no facts to import for HASH (CIK 1999004, Plainfield Software Inc.): "
                        "the file has no us-gaap:CryptoAssetNumberOfUnits or "
                        "dei:EntityCommonStockSharesOutstanding facts"),
])
def test_a_malformed_file_or_one_without_relevant_facts_is_one_clear_line(caledger, db, name,
                                                                          expected):
    result = caledger("import-xbrl", str(FIXTURES / name), "--company", "HASH", "--db", db)
    line = the_one_error_line(result)
    assert expected in line and name in line
    assert fingerprint(db) == "absent"


@pytest.mark.parametrize(("content", "expected"), [
    ('[{"end": "2024-12-31"}]', 'not SEC company facts: no "facts" object'),
    ('{"cik": 1999001, "entityName": "X", "facts": {"us-gaap": {"CryptoAssetNumberOfUnits": '
     '{"units": {"BTC": [{"end": "2024-12-31", "val": 10, "fy": 2024, "fp": "FY", '
     '"form": "10-K", "filed": "2025-02-27"}]}}}}}',
     "us-gaap:CryptoAssetNumberOfUnits units.BTC[0]: missing accn"),
    ('{"cik": 1999001, "entityName": "X", "facts": {"us-gaap": {"CryptoAssetNumberOfUnits": '
     '{"units": {"ETH": [{"end": "2024-12-31", "val": 10, "accn": "0001999001-25-000007", '
     '"fy": 2024, "fp": "FY", "form": "10-K", "filed": "2025-02-27"}]}}}}}',
     '1 fact found, none usable (unit "ETH" is not bitcoin)'),
    ('{"cik": 1999001, "entityName": "Marathon Digital Holdings, Inc.", "facts": {}}',
     'the file is about "Marathon Digital Holdings, Inc." (MARA), not HASH'),
])
def test_files_that_are_not_usable_company_facts(caledger, db, tmp_path, content, expected):
    path = tmp_path / "facts.json"
    path.write_text(content, encoding="utf-8")
    line = the_one_error_line(caledger("import-xbrl", str(path), "--company", "HASH",
                                       "--db", db))
    assert expected in line


def test_a_bad_figure_refuses_the_whole_file(caledger, run, db, tmp_path):
    data = json.loads(Path(LATER).read_text())
    facts = data["facts"]["us-gaap"]["CryptoAssetNumberOfUnits"]["units"]["BTC"]
    facts[-1]["val"] = -5
    path = tmp_path / "negative.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    line = the_one_error_line(caledger("import-xbrl", str(path), "--company", "HASH",
                                       "--db", db))
    assert "field btc: a BTC balance can't be negative" in line
    assert "0001999001-25-000030 10-Q" in line
    assert fingerprint(db) == "absent"


def test_text_and_csv_reports(caledger, db):
    result = caledger("import-xbrl", LATER, "--company", "HASH", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(
        "HASH (CIK 1999001, Hashworth Mining Corp.): ")
    assert "repeated in later filings" in result.stdout
    csv = caledger("import-xbrl", LATER, "--company", "HASH", "--db", db, "--dry-run",
                   "--format", "csv").stdout.splitlines()
    assert csv[0] == "id,type,corrects,record_type,effective,disclosed,value,document,url"
    assert any(",correction,hash-xbrl-cryptoassetnumberofunits-2024-12-31-0001999001-25-000007,"
               "btc_balance_disclosed,2024-12-31,2025-04-10,btc=15350," in row for row in csv)


# --- the rule, for any history of filings ------------------------------------------------------


@st.composite
def histories(draw):
    """Facts of one concept over a few dates, each date reported by several filings in
    filing order, values changing now and then."""
    start = date(2020, 1, 1)
    filings = draw(st.integers(min_value=1, max_value=6))
    ends = draw(st.lists(st.integers(0, 8), min_size=1, max_size=4, unique=True))
    rows = []
    for i in range(filings):
        filed = (start + timedelta(days=100 * i + 30)).isoformat()
        accn = f"0001999001-{20 + i // 3:02d}-{i:06d}"
        for e in ends:
            if draw(st.booleans()):
                value = draw(st.sampled_from(["100", "100", "101.5", "250"]))
                rows.append({"end": (start + timedelta(days=91 * e)).isoformat(),
                             "val": Decimal(value), "accn": accn, "fy": 2020, "fp": "Q1",
                             "form": "10-Q", "filed": filed})
    return rows


@settings(max_examples=60, deadline=None)
@given(histories())
def test_every_date_has_one_record_and_its_corrections_follow_each_change(rows):
    data = {"cik": Decimal(1999001), "entityName": "Hashworth Mining Corp.", "facts": {
        "us-gaap": {"CryptoAssetNumberOfUnits": {"units": {"BTC": rows}}}}}
    records = xbrl.convert(data, "HASH").records
    for end in {r["end"] for r in rows}:
        reported = [r["val"] for r in sorted(rows, key=lambda r: (r["filed"], r["accn"]))
                    if r["end"] == end]
        changes = [v for prev, v in zip(reported, reported[1:]) if v != prev]
        mine = [r for r in records if (r.get("event") or r)["effective"] == end]
        assert mine[0]["type"] == "btc_balance_disclosed"
        assert Decimal(mine[0]["btc"]) == reported[0]
        assert [Decimal(r["event"]["btc"]) for r in mine[1:]] == changes
        assert all(r["corrects"] == mine[0]["id"] for r in mine[1:])
        assert len({r["id"] for r in mine}) == len(mine)


def test_company_facts_of_another_company_are_refused_as_a_filing_of_one_is(
        caledger, run, db, tmp_path):
    """REVIEW2 finding 4: Hashworth's company facts were stored as MARA's (the filing of the
    same filer was refused). Now refused in one line, nothing stored: a ticker the ledger
    knows by name, a file naming its own ticker, or a CIK other than the ticker's records."""
    refused = caledger("import-xbrl", EARLY, "--company", "MARA", "--db", db)
    assert the_one_error_line(refused) == (
        f'error: {EARLY}: the file is about "Hashworth Mining Corp." (CIK 1999001), which is '
        "not a name of MARA; check --company or the file")
    assert refused.exit_code != 0 and fingerprint(db) == "absent"

    data = json.loads(Path(EARLY).read_text())
    own = tmp_path / "own.json"
    own.write_text(json.dumps({**data, "tickers": ["HASH"]}), encoding="utf-8")
    line = the_one_error_line(caledger("import-xbrl", str(own), "--company", "KSTL",
                                       "--db", db))
    assert line == (f'error: {own}: the file is about "Hashworth Mining Corp." (CIK 1999001), '
                    "trading symbol HASH, not KSTL; check --company or the file")
    assert fingerprint(db) == "absent"

    xbrl_import(run, db, EARLY)  # the right company: stored
    before = fingerprint(db)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**data, "cik": 1999002, "entityName": "Other Co"}),
                     encoding="utf-8")
    line = the_one_error_line(caledger("import-xbrl", str(other), "--company", "HASH",
                                       "--db", db))
    assert line == (f'error: {other}: the file is about "Other Co" (CIK 1999002), but the '
                    "ledger's XBRL records of HASH are from CIK 1999001; check --company or "
                    "the file")
    assert fingerprint(db) == before
    # a known company's own file under its own ticker, legal suffixes aside, still imports
    mara = tmp_path / "mara.json"
    mara.write_text(json.dumps({**data, "cik": 1507605, "entityName": "MARA Holdings, Inc."}),
                    encoding="utf-8")
    assert xbrl_import(run, db, str(mara), "MARA")["import"]["added"] > 0
