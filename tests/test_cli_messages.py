"""What a new user is told: error lines that say what is wrong in the terms of the option or
argument they typed, numbers printed as people read them, and a note when a write names a
company the ledger did not know."""

from __future__ import annotations

import pytest

from .conftest import the_one_error_line

DAY = ('give a day as YYYY-MM-DD, e.g. "2025-09-30" (a month "2025-09", a quarter "2025-Q3" '
       'or a year "2025" stands for its last day)')


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2026-13-45", f'"2026-13-45" is not a real calendar date; {DAY}'),
    ("31/03/2026", f'"31/03/2026" is not a day; {DAY}'),
    ("2025-01-01/2025-02-01", f'"2025-01-01/2025-02-01" is a range, not one day; {DAY}'),
    ("3026-01-01", '"3026-01-01" is outside the years the ledger accepts (1900 to 2999); '
                   "check the year"),
    ("soon", f'"soon" is not a day; {DAY}'),
])
def test_a_bad_as_of_is_told_what_a_day_is_and_never_offered_a_range(caledger, seeded, as_of,
                                                                      expected):
    line = the_one_error_line(caledger("holdings", "MARA", "--as-of", as_of, "--db", seeded))
    assert line == f"error: --as-of: {expected}"
    assert 'a range "' not in line


def test_a_bad_from_names_its_first_day(caledger, seeded):
    line = the_one_error_line(caledger("series", "MARA", "--from", "2025-02-30", "--db", seeded))
    assert line == ('error: --from: "2025-02-30" is not a real calendar date; give a day as '
                    'YYYY-MM-DD, e.g. "2025-09-30" (a month "2025-09", a quarter "2025-Q3" or '
                    'a year "2025" stands for its first day)')


def test_an_effective_day_out_of_range_reads_as_a_sentence(caledger, seeded):
    line = the_one_error_line(caledger(
        "append", "btc_purchased", "--company", "MARA", "--effective", "3026-01-01",
        "--btc", "1", "--source", "x.txt:1", "--db", seeded))
    assert '"3026-01-01": the date 3026-01-01 is outside the years the ledger accepts' in line
    assert "starts on" not in line


# --- correct, retract and import in the words of the command line ------------------------------

NOTHING = ('error: correct: record "mara-2024q4-mined": the correction changes nothing: give a '
           "field to change, e.g. --btc 14575")


def test_a_correction_without_a_field_is_refused_whatever_the_history(caledger, seeded):
    line = the_one_error_line(caledger("correct", "mara-2024q4-mined", "--reason", "first",
                                       "--db", seeded))
    assert line == NOTHING
    done = caledger("correct", "mara-2024q4-mined", "--btc", "2493", "--reason", "restated",
                    "--db", seeded)
    assert done.exit_code == 0, done.stderr
    line = the_one_error_line(caledger("correct", "mara-2024q4-mined", "--reason",
                                       "a different reason", "--db", seeded))
    assert line == NOTHING
    # The same field again for another reason changes nothing either: refused, not taken
    # for the earlier correction.
    line = the_one_error_line(caledger("correct", "mara-2024q4-mined", "--btc", "2493",
                                       "--reason", "another reason", "--db", seeded))
    assert line == NOTHING
    # Running the very same command again is still a no-op that names the correction.
    again = caledger("correct", "mara-2024q4-mined", "--btc", "2493", "--reason", "restated",
                     "--db", seeded)
    assert again.exit_code == 0 and "nothing added" in again.stderr


def test_retract_without_a_reason_says_which_option(caledger, seeded):
    line = the_one_error_line(caledger("retract", "mara-2024q4-mined", "--db", seeded))
    assert line == "error: retract: --reason is required: say why the record is retracted"
    line = the_one_error_line(caledger("correct", "mara-2024q4-mined", "--btc", "1",
                                       "--db", seeded))
    assert line == "error: correct: --reason is required: say why the record is corrected"


def test_a_bad_correction_value_names_the_record_and_the_option(caledger, seeded):
    line = the_one_error_line(caledger("correct", "mara-2024q4-mined", "--btc", "-5",
                                       "--reason", "r", "--db", seeded))
    assert line.startswith('error: correct: record "mara-2024q4-mined" --btc: ')
    assert "corrected-" not in line and "event." not in line


def test_importing_a_folder_says_it_is_one(caledger, db, tmp_path):
    line = the_one_error_line(caledger("import", "--db", db, str(tmp_path)))
    assert line == f"error: {tmp_path}: is a folder; give a .jsonl file"


# --- numbers as people read them ------------------------------------------------------------------


def test_reconcile_shows_a_relative_difference_as_a_percent_and_keeps_json_short(
        run, load, db):
    from decimal import Decimal

    from .conftest import rec
    from .test_shares import PUBLISHED

    load(*PUBLISHED, rec("k1", "kpi_disclosed", "2025-09-30", metric="btc_yield", value="0.62",
                         since="2024-12-31"))
    [k] = run("reconcile", "TEST", "--db", db, "--json")["kpis"]
    relative = Decimal(k["relative_difference"])
    assert -relative.as_tuple().exponent <= 12  # at most 12 places
    # the computed figure is shown to 12 significant digits, the relative difference is
    # taken on every digit: the two agree to the relative difference's last place
    expected = (Decimal(k["difference"]) / Decimal(k["computed"])).quantize(Decimal("1e-12"))
    assert abs(relative - expected) <= Decimal("1e-12")
    text = run("reconcile", "TEST", "--db", db).stdout
    shown = f"{relative * 100:+.2f}%"
    assert f"relative {shown})" in text, text
    assert str(k["relative_difference"]) not in text


def test_value_says_not_known_once_and_groups_prices(run, load, db):
    from .conftest import rec

    load(rec("b", "btc_balance_disclosed", "2025-09-30", btc="1200"),
         {"id": "p", "type": "price_observed", "company": "BTC", "asset": "BTC",
          "currency": "USD", "effective": "2025-09-30",
          "close": "90266.33", "sources": [{"document": "prices.csv", "line": 2}]})
    text = run("value", "TEST", "--as-of", "2025-09-30", "--db", db).stdout
    assert "not known: not known" not in text
    assert "not known  not known" not in text
    assert "close 90,266.33 on that day" in text
    assert "90266.33" not in text


def test_holdings_all_shows_the_flows_only_legend_only_when_a_row_is_flows_only(
        run, load, db):
    from .conftest import rec

    load(rec("b", "btc_balance_disclosed", "2025-09-30", btc="1200"))  # loaned: not known
    text = run("holdings", "--all", "--as-of", "2025-09-30", "--db", db).stdout
    assert "flows only" not in text
    assert "not known: the records give no figure for it (holdings COMPANY says why)" in text
    load(rec("m", "btc_mined", "2025-09", company="OTHER", btc="3"))
    text = run("holdings", "--all", "--as-of", "2025-09-30", "--db", db).stdout
    assert "* flows only: no disclosed balance, the sum of recorded flows" in text


# --- draft --format csv: everything a reviewer checks ---------------------------------------------


def test_draft_csv_has_every_drafted_field_the_review_and_disclosed(caledger, tmp_path):
    import csv
    import io
    import json

    doc = tmp_path / "acme.txt"
    doc.write_text("Acme Mining: third quarter update\n"
                   "In Q3 2025 Acme sold 120 BTC for $11.5 million.\n"
                   "Acme held 4,100 BTC as of September 30, 2025, of which 900 BTC were "
                   "pledged as collateral and 300 BTC were loaned out.\n", encoding="utf-8")
    args = (str(doc), "--company", "ACME", "--disclosed", "2025-10-15")
    drafts = json.loads(caledger("draft", *args, "--json").stdout)["records"]
    rows = list(csv.DictReader(io.StringIO(caledger("draft", *args, "--format", "csv").stdout)))
    assert list(rows[0])[:6] == ["id", "type", "effective", "amounts", "sources", "note"]
    assert len(rows) == len(drafts)
    for record, row in zip(drafts, rows, strict=True):
        assert row["disclosed"] == record.get("disclosed", "") == "2025-10-15"
        assert row["review"] == " | ".join(record["review"])
        for name, value in record.items():
            if name not in ("id", "type", "company", "effective", "disclosed", "sources",
                            "note", "review"):
                assert row[name] == value, name
    balance = next(r for r in drafts if r["type"] == "btc_balance_disclosed")
    assert {"pledged", "loaned"} & set(balance), balance  # the case the columns are for


# --- a write naming a company the ledger did not know ------------------------------------------


def test_append_notes_a_new_company_once_the_ledger_has_others(caledger, seeded):
    import json

    args = ("append", "btc_purchased", "--company", "MRAA", "--effective", "2025-10",
            "--btc", "5", "--source", "x.txt:1", "--db", seeded)
    done = caledger(*args, "--json")
    assert done.exit_code == 0, done.stderr
    # stdout: the report as before, plus the companies it began (the note's, as data)
    assert json.loads(done.stdout) == {"id": json.loads(done.stdout)["id"], "added": True,
                                       "position": 16, "new_companies": ["MRAA"],
                                       "below_zero": [], "possible_duplicates": [],
                     "future_dated": [], "check_units": [], "overlapping_flows": [], "dry_run": False}
    assert done.stderr == ("note: MRAA is a new company in this ledger (companies: MARA); "
                           "did you mean MARA?\n")
    # A known company, or the same append again: no note.
    again = caledger(*args)
    assert "note:" not in again.stderr
    known = caledger("append", "btc_purchased", "--company", "MARA", "--effective", "2025-10",
                     "--btc", "6", "--source", "x.txt:1", "--db", seeded)
    assert known.exit_code == 0 and known.stderr == ""


def test_the_first_company_of_a_new_ledger_is_not_noted(caledger, db):
    done = caledger("append", "btc_purchased", "--company", "ACME", "--effective", "2025-10",
                    "--btc", "5", "--source", "x.txt:1", "--db", db)
    assert done.exit_code == 0 and done.stderr == ""


def test_import_names_the_new_companies_in_one_line(caledger, seeded, tmp_path):
    import json

    from .conftest import rec

    path = tmp_path / "more.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (
        rec("a", "btc_mined", "2025-10", company="NEWB", btc="1"),
        rec("b", "btc_mined", "2025-10", company="NEWA", btc="2"),
        rec("c", "btc_mined", "2025-10", company="MARA", btc="3"))), encoding="utf-8")
    done = caledger("import", "--db", seeded, "--json", str(path))
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["new_companies"] == ["NEWA", "NEWB"]
    assert done.stderr == ("note: NEWA, NEWB are new companies in this ledger (companies: "
                           "MARA)\n")
    again = caledger("import", "--db", seeded, str(path))
    assert again.exit_code == 0 and "note:" not in again.stderr


def test_the_new_company_note_asks_about_each_name_close_to_a_known_one(caledger, seeded,
                                                                         tmp_path):
    # RIOTT and MRA look like typos of companies the ledger has; NEWA looks like none
    import json

    from .conftest import rec

    assert caledger("append", "btc_mined", "--company", "RIOT", "--effective", "2025-10",
                    "--btc", "1", "--source", "x.txt:1", "--db", seeded).exit_code == 0
    path = tmp_path / "typos.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (
        rec("a", "btc_mined", "2025-11", company="RIOTT", btc="1"),
        rec("b", "btc_mined", "2025-11", company="NEWA", btc="2"),
        rec("c", "btc_mined", "2025-11", company="MRA", btc="3"))), encoding="utf-8")
    done = caledger("import", "--db", seeded, str(path))
    assert done.exit_code == 0, done.stderr
    assert done.stderr == ("note: MRA, NEWA, RIOTT are new companies in this ledger "
                           "(companies: MARA, RIOT); did you mean MARA for MRA, RIOT for RIOTT?\n")


# --- company names: exchange codes, known names, what a refusal suggests (review finding 8) --


@pytest.mark.parametrize("ticker", ["3350", "3350.T", "0700.HK", "005930", "BRK.B", "MARA"])
def test_a_numeric_or_suffixed_exchange_code_is_a_ticker(caledger, db, ticker):
    done = caledger("append", "btc_purchased", "--company", ticker, "--effective", "2025-01",
                    "--btc", "1", "--source", "x.txt:1", "--db", db, "--json")
    assert done.exit_code == 0, done.stderr
    import json

    shown = caledger("companies", "--db", db, "--json")
    assert ticker in shown.stdout, shown.stdout
    assert json.loads(done.stdout)["added"] is True


@pytest.mark.parametrize("bad", ["12", "1234567", "3350.TOKYO", "33A0", "3350-T"])
def test_what_is_no_ticker_stays_refused(bad):
    from ledger.companies import resolve_company

    with pytest.raises(ValueError, match="neither a ticker"):
        resolve_company(bad)


@pytest.mark.parametrize(("name", "ticker"), [
    ("MicroStrategy", "MSTR"), ("Strategy", "MSTR"), ("Metaplanet", "MTPLF"),
    ("Semler  Scientific", "SMLR"), ("Riot Platforms, Inc.", "RIOT"), ("Tesla", "TSLA"),
    ("Marathon Digital Holdings", "MARA")])
def test_the_names_of_the_corpus_companies_resolve(caledger, db, name, ticker):
    import json

    done = caledger("append", "btc_purchased", "--company", name, "--effective", "2025-01",
                    "--btc", "1", "--source", "x.txt:1", "--db", db, "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["new_companies"] == [ticker]


def test_a_name_is_never_told_to_be_upper_cased_and_known_names_like_it_are_listed(
        caledger, seeded):
    for name, like in (("Semler", 'SMLR ("semler scientific")'),
                       ("Marathon", 'MARA ("marathon digital")'), ("Kestrel", None)):
        done = caledger("append", "btc_purchased", "--company", name, "--effective",
                        "2025-01", "--btc", "1", "--source", "x.txt:1", "--db", seeded)
        assert done.exit_code == 1
        line = the_one_error_line(done)
        assert "write it as" not in line and name.upper() not in line
        assert "give its ticker" in line and "CALEDGER_ALIASES" in line
        assert (like in line) if like else "known names like it" not in line
    # all in lower case, a ticker once in capitals: that one is still said
    lower = caledger("append", "btc_purchased", "--company", "mstr", "--effective", "2025-01",
                     "--btc", "1", "--source", "x.txt:1", "--db", seeded)
    assert 'write it as "MSTR"' in the_one_error_line(lower)


def test_an_aliases_file_adds_names_before_the_built_in_ones(caledger, db, tmp_path,
                                                             monkeypatch):
    import json

    aliases = tmp_path / "aliases.json"
    aliases.write_text(json.dumps({"Kestrel Mining": "KSTL", "Metaplanet": "3350.T"}),
                       encoding="utf-8")
    monkeypatch.setenv("CALEDGER_ALIASES", str(aliases))
    from ledger import companies

    companies.reload()  # read once a process: this test's file from here on
    for name, ticker in (("kestrel  mining", "KSTL"), ("Metaplanet", "3350.T")):
        done = caledger("append", "btc_purchased", "--company", name, "--effective",
                        "2025-01", "--btc", "1", "--source", "x.txt:1", "--db", db, "--json")
        assert done.exit_code == 0, done.stderr
        assert json.loads(done.stdout)["new_companies"] == [ticker]
    aliases.write_text(json.dumps({"MARA": "RIOT"}), encoding="utf-8")
    companies.reload()
    refused = caledger("append", "btc_purchased", "--company", "Tesla", "--effective",
                       "2025-01", "--btc", "1", "--source", "x.txt:1", "--db", db)
    assert refused.exit_code == 1
    assert 'only names can be aliases' in the_one_error_line(refused)
    # a ticker is taken as written before any name is looked up
    assert caledger("append", "btc_purchased", "--company", "MARA", "--effective", "2025-01",
                    "--btc", "1", "--source", "x.txt:1", "--db", db).exit_code == 0
    monkeypatch.delenv("CALEDGER_ALIASES")
    companies.reload()
