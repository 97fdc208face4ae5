"""``caledger import-xbrl --bulk companyfacts.zip``: EDGAR's bulk company-facts archive.

Each test writes an archive of thousands of fictional filers in the real format (one
``CIK##########.json`` of company facts per filer): most report only their share count, every
50th holds bitcoin (with a 10-K/A restating its year-end balance), every 7th names no ticker,
every 11th has neither bitcoin nor share facts. Tickers come from the file's own ``tickers``
list or ``dei:TradingSymbol`` facts, or from a CSV.
Also here: what company-facts JSON may not be (a key twice, a taxonomy that is not an object,
nesting without end), for a single file and in the archive.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from ledger import api
from ledger.xbrl import bulk

from .conftest import fingerprint, the_one_error_line

FILERS = 2500
FIRST_CIK = 1990000


def kind_of(i: int) -> str:
    if i % 50 == 0:
        return "bitcoin"
    if i % 7 == 3:
        return "no ticker"
    if i % 11 == 5:
        return "no facts"
    return "shares"


def ticker_of(i: int) -> str:
    return f"FF{i}"


def accn(i: int, n: int) -> str:
    return f"{FIRST_CIK + i:010d}-{24 + n // 3:02d}-{n:06d}"


def company_facts(i: int) -> dict[str, Any]:
    """Filer ``i``'s company facts, as EDGAR's archive holds them."""
    cik, kind = FIRST_CIK + i, kind_of(i)
    fact = {"fy": 2024, "fp": "FY", "form": "10-K"}
    facts: dict[str, Any] = {"us-gaap": {"Revenues": {"units": {"USD": [
        {"start": "2024-01-01", "end": "2024-12-31", "val": 1000 + i, "accn": accn(i, 1),
         "filed": "2025-02-20", **fact}]}}}}
    data: dict[str, Any] = {"cik": cik, "entityName": f"Fictional Filer {i} Inc.",
                            "facts": facts}
    if kind == "no facts":
        data["tickers"] = [ticker_of(i)]
        return data
    facts["dei"] = {"EntityCommonStockSharesOutstanding": {"units": {"shares": [
        {"end": "2024-10-31", "val": 1_000_000 + i, "accn": accn(i, 0), "filed": "2024-11-05",
         **fact, "form": "10-Q", "fp": "Q3"},
        {"end": "2025-02-14", "val": 1_100_000 + i, "accn": accn(i, 1), "filed": "2025-02-20",
         **fact}]}}}
    if kind == "bitcoin":
        facts["us-gaap"]["CryptoAssetNumberOfUnits"] = {"units": {"BTC": [
            {"end": "2024-09-30", "val": 100 + i, "accn": accn(i, 0), "filed": "2024-11-05",
             **fact, "form": "10-Q", "fp": "Q3"},
            {"end": "2024-12-31", "val": 150 + i, "accn": accn(i, 1), "filed": "2025-02-20",
             **fact},
            {"end": "2024-12-31", "val": 149 + i, "accn": accn(i, 2), "filed": "2025-04-01",
             **fact, "form": "10-K/A"}]}}
    if kind != "no ticker":
        if i % 3 == 1:  # the ticker as the filer's own trading-symbol facts
            facts["dei"]["TradingSymbol"] = {"units": {"pure": [
                {"end": "2024-12-31", "val": ticker_of(i), "accn": accn(i, 1),
                 "filed": "2025-02-20", **fact}]}}
        else:
            data["tickers"] = [ticker_of(i)]
    return data


def write(tmp_path: Path, filers: range = range(FILERS), edit: dict[int, Any] | None = None,
          name: str = "companyfacts.zip") -> Path:
    target = tmp_path / name
    edit = edit or {}
    bulk.write_archive(target, ((FIRST_CIK + i, edit[i](company_facts(i)) if i in edit
                                 else company_facts(i)) for i in filers))
    return target


def expected(filers: range = range(FILERS)) -> dict[str, int]:
    kinds = [kind_of(i) for i in filers]
    return {k: kinds.count(k) for k in ("bitcoin", "no ticker", "no facts", "shares")}


def bulk_import(run, db: str, archive: Path, *extra: str) -> dict:
    return run("import-xbrl", "--bulk", str(archive), "--db", db, "--json", *extra)


# --- the archive -------------------------------------------------------------------------------


def test_every_filer_with_bitcoin_or_share_facts_is_imported(run, db, tmp_path):
    counts = expected()
    report = bulk_import(run, db, write(tmp_path))
    assert report["members"] == FILERS
    assert report["filers_imported"] == counts["bitcoin"] + counts["shares"]
    assert report["skipped"] == {"no_ticker": counts["no ticker"], "no_ticker_ciks":
                                 [FIRST_CIK + i for i in range(FILERS)
                                  if kind_of(i) == "no ticker"][:bulk.NAMED],
                                 "no_facts": counts["no facts"], "not_crypto": 0, "failed": 0}
    # Each bitcoin filer: two balances and the 10-K/A's correction; every filer: two counts.
    assert report["records_by_type"] == {
        "btc_balance_disclosed": 2 * counts["bitcoin"], "correction": counts["bitcoin"],
        "shares_outstanding_disclosed": 2 * (counts["bitcoin"] + counts["shares"])}
    assert report["import"]["added"] == sum(report["records_by_type"].values())
    # Filer 1000 holds bitcoin, its ticker from its own trading-symbol facts (1000 % 3 == 1).
    held = run("holdings", "FF1000", "--as-of", "2024-12-31", "--db", db, "--json")
    assert held["btc"]["total"] == "1149"
    rows = run("history", "FF1000", "--db", db, "--json")
    correction = next(r for r in rows if r["type"] == "correction")
    assert correction["corrects"] == ("ff1000-xbrl-cryptoassetnumberofunits-2024-12-31-"
                                      f"{accn(1000, 1)}")
    assert correction["event"]["btc"] == "1149" and correction["event"]["disclosed"] == "2025-04-01"
    # Filer 1001 reports shares only; its ticker from the archive's tickers list.
    assert [(r["effective"], r["shares"], r["disclosed"])
            for r in run("history", "FF1001", "--db", db, "--json")] == [
        ("2024-10-31", "1001001", "2024-11-05"), ("2025-02-14", "1101001", "2025-02-20")]


def test_importing_the_archive_again_adds_nothing(run, db, tmp_path):
    archive = write(tmp_path)
    first = bulk_import(run, db, archive)
    before = fingerprint(db)
    again = bulk_import(run, db, archive)
    assert again["import"]["added"] == 0
    assert again["import"]["already_present"] == first["import"]["added"]
    assert fingerprint(db) == before


def test_only_crypto_takes_the_filers_holding_bitcoin(run, db, tmp_path):
    counts = expected()
    report = bulk_import(run, db, write(tmp_path), "--only-crypto")
    assert report["filers_imported"] == counts["bitcoin"]
    assert report["skipped"]["not_crypto"] == counts["shares"]
    assert report["records_by_type"]["shares_outstanding_disclosed"] == 2 * counts["bitcoin"]


def test_a_tickers_file_names_the_filers_the_archive_does_not(run, db, tmp_path):
    archive = write(tmp_path)
    named = [i for i in range(FILERS) if kind_of(i) == "no ticker"][:3]
    csv = tmp_path / "tickers.csv"
    csv.write_text("cik,ticker\n" + "".join(f"{FIRST_CIK + i},NT{i}\n" for i in named),
                   encoding="utf-8")
    report = bulk_import(run, db, archive, "--tickers", str(csv))
    assert report["skipped"]["no_ticker"] == expected()["no ticker"] - 3
    assert run("companies", "--db", db, "--json") and all(
        run("history", f"NT{i}", "--db", db, "--json") for i in named)


def test_progress_is_reported_member_by_member(db, tmp_path):
    seen: list[tuple[int, int]] = []
    report = api.import_xbrl_bulk(db, str(write(tmp_path, range(40))), dry_run=True,
                                  progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, 40) for n in range(1, 41)]
    assert fingerprint(db) == "absent"
    # the very import, rolled back: what it would store, as the real one then stores it
    would = report["import"]
    assert (would["dry_run"], would["creates_ledger"]) == (True, True)
    assert {r["position"] for r in would["records"]} == {None}
    done = api.import_xbrl_bulk(db, str(write(tmp_path, range(40))))["import"]
    assert done["dry_run"] is False and done["added"] == would["added"] > 0
    assert (done["added_by_company"], done["new_companies"], done["below_zero"]) == (
        would["added_by_company"], would["new_companies"], would["below_zero"])


def test_the_text_summary_names_what_was_left_out(caledger, db, tmp_path):
    result = caledger("import-xbrl", "--bulk", str(write(tmp_path, range(60))), "--db", db)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    counts = expected(range(60))
    assert lines[0].startswith(f"{tmp_path / 'companyfacts.zip'}: 60 filers read, "
                               f"{counts['bitcoin'] + counts['shares']} with records")
    assert lines[1].startswith(f"skipped: {counts['no ticker']} without a ticker (CIK 1990003, ")


def test_a_filer_whose_filing_was_imported_keeps_the_filings_records(run, db, tmp_path):
    """The filing itself first (cost, fair value, element ids), then the archive, whose
    company facts give the same fact of the same filing under the same id."""
    root = Path(__file__).resolve().parent.parent
    run("import-xbrl", str(root / "examples" / "filings" / "hashworth-20250331.htm"),
        "--company", "HASH", "--accession", "0001999001-25-000020", "--filed", "2025-05-08",
        "--db", db, "--json")
    hashworth = {"cik": 1999001, "entityName": "Hashworth Mining Corp.", "tickers": ["HASH"],
                 "facts": {"us-gaap": {"CryptoAssetNumberOfUnits": {"units": {"BTC": [
                     {"end": "2025-03-31", "val": 16120.5, "accn": "0001999001-25-000020",
                      "fy": 2025, "fp": "Q1", "form": "10-Q", "filed": "2025-05-08"},
                     {"end": "2025-06-30", "val": 16500, "accn": "0001999001-25-000031",
                      "fy": 2025, "fp": "Q2", "form": "10-Q", "filed": "2025-08-06"}]}}}}}
    archive = tmp_path / "companyfacts.zip"
    bulk.write_archive(archive, [(1999001, hashworth),
                                 *((FIRST_CIK + i, company_facts(i)) for i in range(30))])
    report = bulk_import(run, db, archive)
    assert report["on_file_from_filings"] == 1
    q1 = "hash-xbrl-cryptoassetnumberofunits-2025-03-31-0001999001-25-000020"
    assert run("show", q1, "--db", db, "--json")["original"]["cost_usd"] == "1012345000"
    assert run("holdings", "HASH", "--as-of", "2025-06-30", "--db", db, "--json"
               )["btc"]["total"] == "16500"


# --- bad archives ------------------------------------------------------------------------------


def broken(archive: Path, cik: int) -> Path:
    """Damage one member's compressed bytes in place."""
    with zipfile.ZipFile(archive) as z:
        info = z.getinfo(f"CIK{cik:010d}.json")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10:start + 40] = bytes(30)
    archive.write_bytes(bytes(data))
    return archive


def bad_value(data: dict) -> dict:
    data["facts"]["dei"]["EntityCommonStockSharesOutstanding"]["units"]["shares"][0]["val"] = (
        "twelve")
    return data


def test_a_broken_member_or_a_bad_fact_refuses_the_whole_archive(caledger, run, db, tmp_path):
    run("import-xbrl", "--bulk", str(write(tmp_path, range(20), name="first.zip")), "--db", db)
    before = fingerprint(db)
    archive = broken(write(tmp_path, range(200)), FIRST_CIK + 101)
    line = the_one_error_line(caledger("import-xbrl", "--bulk", str(archive), "--db", db))
    assert "CIK0001990101.json: the member is broken" in line
    archive = write(tmp_path, range(200), edit={102: bad_value}, name="bad-value.zip")
    line = the_one_error_line(caledger("import-xbrl", "--bulk", str(archive), "--db", db))
    assert ('CIK0001990102.json: dei:EntityCommonStockSharesOutstanding units.shares[0]: '
            '"val" should be a number, got "twelve"') in line
    assert fingerprint(db) == before


def test_keep_going_leaves_out_the_filers_it_cannot_read_and_names_them(run, db, tmp_path):
    assert kind_of(102) == kind_of(103) == "shares"
    archive = broken(write(tmp_path, range(300), edit={102: bad_value}), FIRST_CIK + 103)
    report = bulk_import(run, db, archive, "--keep-going")
    assert [(f["cik"], f["member"]) for f in report["failed"]] == [
        (FIRST_CIK + 102, "CIK0001990102.json"), (FIRST_CIK + 103, "CIK0001990103.json")]
    assert '"val" should be a number, got "twelve"' in report["failed"][0]["problem"]
    assert "the member is broken" in report["failed"][1]["problem"]
    assert run("history", "FF105", "--db", db, "--json")  # its neighbour is in
    counts = expected(range(300))
    imported = counts["bitcoin"] + counts["shares"] - 2
    assert report["filers_imported"] == imported and report["skipped"]["failed"] == 2


def test_a_cik_without_a_ticker_in_the_tickers_file_is_one_clear_line(caledger, db, tmp_path):
    csv = tmp_path / "tickers.csv"
    csv.write_text("1990003,NT3\n1990010,\n", encoding="utf-8")
    line = the_one_error_line(caledger("import-xbrl", "--bulk", str(write(tmp_path, range(20))),
                                       "--tickers", str(csv), "--db", db))
    assert line == (f"error: {csv} line 2: CIK 1990010 has no ticker; give CIK,TICKER or leave "
                    "the CIK out")
    assert fingerprint(db) == "absent"


@pytest.mark.parametrize(("content", "expected"), [
    (b"not a zip at all", "not a readable zip"),
    (None, "no .json members: not EDGAR's company-facts archive"),
])
def test_an_archive_that_is_not_one_is_one_clear_line(caledger, db, tmp_path, content,
                                                      expected):
    path = tmp_path / "companyfacts.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("readme.txt", "hello")
    else:
        path.write_bytes(content)
    line = the_one_error_line(caledger("import-xbrl", "--bulk", str(path), "--db", db))
    assert expected in line and fingerprint(db) == "absent"


def test_the_archive_given_as_a_file_says_to_use_bulk(caledger, db, tmp_path):
    line = the_one_error_line(caledger("import-xbrl", str(write(tmp_path, range(3))),
                                       "--company", "FF1", "--db", db))
    assert "this is EDGAR's bulk company-facts archive" in line and "--bulk" in line


# --- what company-facts JSON may not be (issue 28, M5 and M6) --------------------------------

GOOD_FACT = ('{"end": "2024-12-31", "val": 512.25, "accn": "0001999003-25-000004", "fy": 2024, '
             '"fp": "FY", "form": "10-K", "filed": "2025-02-27"}')


@pytest.mark.parametrize(("content", "expected"), [
    ('{"cik": 1999003, "entityName": "Coinvault", "facts": {"us-gaap": {'
     '"CryptoAssetNumberOfUnits": {"units": {"BTC": [{"end": "2024-12-31", "val": 512.25, '
     '"val": 9, "accn": "0001999003-25-000004", "fy": 2024, "fp": "FY", "form": "10-K", '
     '"filed": "2025-02-27"}]}}}}}',
     'the key "val" appears twice in one object'),
    ('{"cik": 1999003, "cik": 1999004, "entityName": "Coinvault", "facts": {}}',
     'the key "cik" appears twice in one object'),
    ('{"cik": 1999003, "entityName": "Coinvault", "facts": {"us-gaap": "x", "dei": {}}}',
     'not SEC company facts: "facts"."us-gaap" should be an object mapping concepts to their '
     'units, got the text "x"'),
    ('{"cik": 1999003, "entityName": "Coinvault", "facts": {"dei": [1, 2]}}',
     '"facts"."dei" should be an object mapping concepts to their units, got a list'),
    ('{"facts": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested more than 32 levels deep (line 1)"),
    ("[" * 100_000, "nested more than 32 levels deep"),
])
def test_company_facts_that_say_two_things_or_nest_without_end_are_refused(
        caledger, db, tmp_path, content, expected):
    path = tmp_path / "facts.json"
    path.write_text(content, encoding="utf-8")
    line = the_one_error_line(caledger("import-xbrl", str(path), "--company", "CVLT",
                                       "--db", db))
    assert expected in line and "facts.json" in line
    assert fingerprint(db) == "absent"
    archive = tmp_path / "companyfacts.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("CIK0001999003.json", content)
    line = the_one_error_line(caledger("import-xbrl", "--bulk", str(archive), "--db", db))
    assert expected in line and "CIK0001999003.json" in line
    assert fingerprint(db) == "absent"
