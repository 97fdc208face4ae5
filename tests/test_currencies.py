"""Figures a document states in another currency are recorded as stated, with their ISO 4217
code, and never converted: a Swedish company's SEK convertible loans, a French company's EUR
convertible bonds with no coupon stated, a Japanese company's yen share placement, an ATM sale
that states the shares sold but not the proceeds. Capital shows each total in its own
currency, never summed with the USD one; a USD total a record leaves open is not known, with
the record named; notes convert into shares by their own terms in their own currency.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ledger.events import RecordInvalid, validate_record
from ledger.fieldrules import content_id

from .conftest import fingerprint, rec, the_one_error_line


def capital(run, db: str, company: str, day: str) -> dict[str, Any]:
    return run("capital", company, "--as-of", day, "--db", db, "--json")


def capital_text(run, db: str, company: str, day: str) -> str:
    return run("capital", company, "--as-of", day, "--db", db).stdout


def shares(run, db: str, company: str, day: str) -> dict[str, Any]:
    return run("shares", company, "--as-of", day, "--db", db, "--json")


# --- a Swedish company's SEK convertible loans -------------------------------------------------

SEK_LOANS = rec("nordbit-loans", "notes_issued", "2025-05", company="NORDBIT",
                principal="30000000", currency="SEK", coupon_percent="0", convertible=True,
                maturity="2028-06-15", conversion_price="1.5")
NORDBIT_SHARES = rec("nordbit-count", "shares_outstanding_disclosed", "2025-04-30",
                     company="NORDBIT", shares="120000000")


def test_sek_convertible_loans_are_shown_in_sek_and_convert_at_their_sek_price(load, run, db):
    # it states it has no other dilutive securities (without that, assumed diluted is unknown)
    load(SEK_LOANS, NORDBIT_SHARES, rec("nordbit-none", "dilutive_securities_disclosed",
                                        "2025-04-30", company="NORDBIT", options="0"))
    data = capital(run, db, "NORDBIT", "2025-12-31")
    assert data["notes"]["outstanding_by_currency"] == {"SEK": "30000000"}
    # Nothing was issued in USD: the USD total is not known, and says where the notes are.
    assert data["notes"]["outstanding_usd"] is None
    assert "recorded only in SEK" in data["values"]["notes.outstanding"]["reason"]
    assert data["values"]["notes.outstanding.SEK"] == {
        "value": "30000000", "unit": "SEK", "status": "derived",
        "reason": "stated for 2025-05-31 (nordbit-loans), carried to 2025-12-31"}
    explained = run("explain", "NORDBIT", "notes.outstanding.SEK", "--as-of", "2025-12-31",
                    "--db", db).stdout
    assert "notes.outstanding.SEK as of 2025-12-31" in explained
    assert "= SEK 30,000,000 (derived: stated for 2025-05-31 (nordbit-loans)" in explained
    [issue] = data["notes"]["issues"]
    assert (issue["currency"], issue["principal"], issue["outstanding"],
            issue["conversion_price"], issue["principal_usd"]) == (
        "SEK", "30000000", "30000000", "1.5", None)
    text = capital_text(run, db, "NORDBIT", "2025-12-31")
    assert "notes outstanding: SEK 30,000,000\n" in text
    assert ("nordbit-loans (2025-05): SEK 30,000,000 of SEK 30,000,000, 0% coupon, "
            "convertible, matures 2028-06-15, conversion price SEK 1.5") in text
    assert "$" not in text.split("equity raised")[0]  # no dollar figure for SEK notes

    # SEK 30,000,000 / SEK 1.5 a share: 20,000,000 shares, never through a dollar rate.
    counted = shares(run, db, "NORDBIT", "2025-12-31")
    assert counted["shares"]["notes_as_converted"] == "20000000"
    assert counted["shares"]["assumed_diluted"] == "140000000"
    [note] = counted["notes"]
    assert (note["currency"], note["outstanding"], note["as_converted"]) == (
        "SEK", "30000000", "20000000")
    steps = run("explain", "NORDBIT", "shares.notes.nordbit-loans.as_converted",
                "--as-of", "2025-12-31", "--db", db, "--json")["steps"]
    assert [(s["action"], s["amount"], s.get("note")) for s in steps] == [
        ("set", "30000000", "principal issued (SEK)"),
        ("divide", "1.5", "conversion price (SEK per share)")]
    text = run("shares", "NORDBIT", "--as-of", "2025-12-31", "--db", db).stdout
    assert ("notes nordbit-loans: SEK 30,000,000 outstanding, conversion price SEK 1.5 -> "
            "20,000,000 shares") in text


def test_usd_and_sek_notes_keep_their_own_totals_never_summed(load, run, db):
    load(SEK_LOANS, rec("nordbit-usd", "notes_issued", "2025-06", company="NORDBIT",
                        principal_usd="5000000", coupon_percent="4", convertible=False))
    data = capital(run, db, "NORDBIT", "2025-12-31")
    assert data["notes"]["outstanding_usd"] == "5000000"
    assert data["notes"]["outstanding_by_currency"] == {"SEK": "30000000"}
    assert "notes outstanding: $5,000,000; SEK 30,000,000\n" in \
        capital_text(run, db, "NORDBIT", "2025-12-31")
    table = run("capital", "--all", "--as-of", "2025-12-31", "--db", db).stdout
    assert "$5,000,000; SEK 30,000,000" in table


# --- a French company's EUR convertible bonds, coupon not stated --------------------------------

EUR_BONDS = rec("bleu-oca", "notes_issued", "2025-03", company="BLEU", principal="10000000",
                currency="EUR", convertible=True, conversion_rate="250")
BLEU_SHARES = rec("bleu-count", "shares_outstanding_disclosed", "2025-02-28", company="BLEU",
                  shares="50000000")


def test_eur_bonds_without_a_coupon_record_it_as_not_known_and_convert_per_eur_1000(
        load, run, db):
    load(EUR_BONDS, BLEU_SHARES)
    data = capital(run, db, "BLEU", "2025-06-30")
    [issue] = data["notes"]["issues"]
    assert issue["coupon_percent"] is None  # not stated: never 0
    assert "coupon not known (not stated)" in capital_text(run, db, "BLEU", "2025-06-30")
    counted = shares(run, db, "BLEU", "2025-06-30")
    # EUR 10,000,000 / 1,000 x 250 shares per EUR 1,000.
    assert counted["shares"]["notes_as_converted"] == "2500000"
    text = run("shares", "BLEU", "--as-of", "2025-06-30", "--db", db).stdout
    assert "EUR 10,000,000 outstanding, 250 shares per EUR 1,000 -> 2,500,000 shares" in text


def test_eur_bonds_converted_in_part_by_principal_then_by_shares_alone(load, run, db):
    load(EUR_BONDS, BLEU_SHARES,
         rec("bleu-conv-1", "notes_retired", "2025-07", company="BLEU", how="converted",
             notes_id="bleu-oca", principal="4000000", currency="EUR", shares="1000000"))
    data = capital(run, db, "BLEU", "2025-07-31")
    assert data["notes"]["outstanding_by_currency"] == {"EUR": "6000000"}
    counted = shares(run, db, "BLEU", "2025-07-31")
    assert counted["shares"]["notes_as_converted"] == "1500000"
    assert counted["shares"]["basic"] == "51000000"

    # A later conversion states the shares it issued but not the principal: what is left of
    # the bonds is not known, and neither is what they convert into (never a guess).
    load(rec("bleu-conv-2", "notes_retired", "2025-11", company="BLEU", how="converted",
             notes_id="bleu-oca", shares="400000"))
    data = capital(run, db, "BLEU", "2025-11-30")
    assert data["notes"]["outstanding_by_currency"] == {"EUR": None}
    reason = data["values"]["notes.outstanding.EUR"]["reason"]
    assert "bleu-conv-2 retires notes of bleu-oca without stating the principal" in reason
    assert data["notes"]["issues"][0]["outstanding"] is None
    text = capital_text(run, db, "BLEU", "2025-11-30")
    assert "notes outstanding: EUR not known (bleu-conv-2 retires notes of bleu-oca" in text
    assert "- principal not stated (400,000 shares) converted (2025-11, bleu-conv-2)" in text
    counted = shares(run, db, "BLEU", "2025-11-30")
    assert counted["shares"]["basic"] == "51400000"  # the shares it states still count
    assert counted["shares"]["notes_as_converted"] is None
    assert counted["shares"]["assumed_diluted"] is None
    assert "bleu-conv-2 retires notes of bleu-oca without stating the principal in EUR" in \
        counted["reason"]["notes_as_converted"]


def test_retiring_more_eur_than_is_outstanding_is_refused_in_eur(caledger, load, db):
    load(EUR_BONDS)
    before = fingerprint(db)
    line = the_one_error_line(caledger(
        "append", "notes_retired", "--db", db, "--id", "bleu-repay", "--company", "BLEU",
        "--effective", "2025-09", "--how", "repaid", "--notes-id", "bleu-oca",
        "--principal", "12000000", "--currency", "EUR", "--source", "bleu.txt:4"))
    assert line == ('error: record "bleu-repay" field principal: retires EUR '
                    '12,000,000 of notes "bleu-oca", which have EUR 10,000,000 outstanding '
                    "as recorded (EUR 10,000,000 issued, EUR 0 already retired); check the "
                    "amount and notes_id, or correct the earlier records first")
    assert fingerprint(db) == before


# --- a Japanese company's yen share placement; an ATM sale with no proceeds stated ------------


def test_a_yen_placement_is_raised_in_jpy_and_its_shares_count(load, run, db):
    load(rec("sakura-count", "shares_outstanding_disclosed", "2025-01-31", company="SAKURA",
             shares="20000000"),
         rec("sakura-placement", "equity_issued", "2025-02", company="SAKURA",
             amount="5000000000", currency="JPY", shares="1000000",
             program="third-party allotment"),
         rec("sakura-usd", "equity_issued", "2025-03", company="SAKURA", usd="2000000",
             shares="50000", program="ADS offering"))
    data = capital(run, db, "SAKURA", "2025-03-31")
    assert data["equity"]["raised_usd"] == "2000000"
    assert data["equity"]["raised_by_currency"] == {"JPY": "5000000000"}
    assert data["equity"]["shares"] == "1050000"
    placement = next(p for p in data["equity"]["by_program"]
                     if p["program"] == "third-party allotment")
    assert (placement["raised_usd"], placement["raised_by_currency"]) == (
        None, {"JPY": "5000000000"})
    text = capital_text(run, db, "SAKURA", "2025-03-31")
    assert "equity raised: $2,000,000; JPY 5,000,000,000, 1,050,000 shares" in text
    assert "third-party allotment: JPY 5,000,000,000 in 1 issue, 1,000,000 shares" in text
    assert shares(run, db, "SAKURA", "2025-03-31")["shares"]["basic"] == "21050000"
    history = run("history", "SAKURA", "--db", db).stdout
    assert "amount=JPY 5,000,000,000" in history


def test_an_atm_sale_of_shares_with_no_proceeds_stated(load, run, db):
    load(rec("semi-count", "shares_outstanding_disclosed", "2025-06-30", company="SEMI",
             shares="10000000"),
         rec("semi-atm-1", "equity_issued", "2025-07", company="SEMI", usd="21500000",
             shares="500000", program="ATM"),
         rec("semi-atm-2", "equity_issued", "2025-08", company="SEMI", shares="250000",
             program="ATM"))
    data = capital(run, db, "SEMI", "2025-08-31")
    # The proceeds of one sale are not stated: the total raised is not known (never the
    # other sale's $21.5M passed off as the total), and the reason names the record.
    assert data["equity"]["raised_usd"] is None
    assert data["values"]["equity.raised"]["reason"] == \
        "semi-atm-2 states the shares issued but not the proceeds"
    assert data["equity"]["shares"] == "750000"
    text = capital_text(run, db, "SEMI", "2025-08-31")
    assert ("equity raised: not known (semi-atm-2 states the shares issued but not the "
            "proceeds), 750,000 shares") in text
    assert shares(run, db, "SEMI", "2025-08-31")["shares"]["basic"] == "10750000"
    # Before the second sale the total is known.
    assert capital(run, db, "SEMI", "2025-07-31")["equity"]["raised_usd"] == "21500000"


# --- the command line ------------------------------------------------------------------------


def test_append_takes_the_new_fields_and_prints_decimal_strings(caledger, run, db):
    report = run("append", "notes_issued", "--db", db, "--json", "--id", "nordbit-loans",
                 "--company", "NORDBIT", "--effective", "2025-05", "--principal", "30000000",
                 "--currency", "sek", "--convertible", "--conversion-price", "1.50",
                 "--source", "nordbit.txt:3")
    assert report["added"] is True
    [row] = run("history", "NORDBIT", "--db", db, "--json")
    assert (row["principal"], row["currency"], row["conversion_price"]) == (
        "30000000", "SEK", "1.5")
    assert "coupon_percent" not in row and "principal_usd" not in row


@pytest.mark.parametrize("options, expected", [
    (["notes_issued", "--principal", "30000000", "--convertible"],
     'field currency: is required with "principal": give the ISO 4217 code of the currency '
     'the document states it in, e.g. "EUR" or "SEK"'),
    (["notes_issued", "--principal", "30000000", "--currency", "USD", "--convertible"],
     'field currency: is USD: US-dollar figures go in "principal_usd"; give them there and '
     "drop currency"),
    (["notes_issued", "--principal", "30000000", "--currency", "KRONA", "--convertible"],
     'field currency: "KRONA" is not an ISO 4217 currency code; give the three-letter code '
     'of the currency the document states, e.g. "EUR", "SEK", "JPY"'),
    (["notes_issued", "--currency", "SEK", "--principal-usd", "3000000", "--convertible"],
     'field currency: is SEK but no figure in it is given: give "principal" or '
     '"conversion_price" as the document states it in SEK, or drop currency'),
    (["notes_issued", "--convertible", "--coupon-percent", "0"],
     'field principal_usd: is required: give "principal_usd" for notes in US dollars, or '
     '"principal" with "currency" for notes in another currency'),
    (["notes_issued", "--principal", "30000000", "--currency", "SEK", "--convertible",
      "--conversion-price-usd", "0.15"],
     'field conversion_price_usd: is in US dollars but the notes are in SEK ("principal"): '
     'give the conversion price the document states in SEK as "conversion_price"'),
    (["equity_issued", "--program", "ATM"],
     'field usd: is required unless the record states another figure: give "usd" (proceeds '
     'in US dollars), "amount" with "currency" (proceeds in another currency) or "shares" '
     "(the number of shares issued)"),
    (["equity_issued", "--amount", "200000", "--currency", "EUR", "--usd", "230000"],
     'field amount: and "usd" are both given: record the figure once, as the document states '
     'it ("usd" in US dollars, or "amount" with "currency"); the ledger never converts one '
     "into the other"),
    (["notes_retired", "--how", "repaid"],
     'field principal_usd: is required unless the record states another figure: give '
     '"principal_usd" (US dollars), "principal" with "currency" (another currency) or, for a '
     'conversion, the "shares" issued'),
])
def test_refusals_name_the_field_and_what_to_do(caledger, load, db, options, expected):
    load(rec("keep", "equity_issued", "2025-01", company="NORDBIT", usd="1"))
    before = fingerprint(db)
    line = the_one_error_line(caledger(
        "append", *options, "--db", db, "--id", "bad", "--company", "NORDBIT",
        "--effective", "2025-05", "--source", "nordbit.txt:3"))
    assert line == f'error: append: record "bad" {expected}'
    assert fingerprint(db) == before


def test_each_problem_is_its_own_line():
    with pytest.raises(RecordInvalid) as refused:
        validate_record(rec("bad", "notes_retired", "2025-11", how="repaid",
                            principal="10", principal_usd="11", amount="12"))
    assert [field for field, _ in refused.value.problems] == ["principal", "currency"]


# --- old records: unchanged --------------------------------------------------------------------


def test_records_in_usd_keep_their_content_and_ids():
    """Records written before figures in other currencies existed validate to the very same
    canonical content, so their content-derived ids are the same (computed on main)."""
    old = [
        ({"type": "notes_issued", "company": "MARA", "effective": "2024-11",
          "principal_usd": "1000000000", "coupon_percent": "0", "convertible": True,
          "conversion_rate": "9.812", "maturity": "2030-03-01",
          "sources": [{"document": "a.txt", "line": 3}]}, "mara-notes_issued-f000a9c461da"),
        ({"type": "equity_issued", "company": "MARA", "effective": "2024-Q4",
          "usd": "1500000000", "shares": "12000000", "program": "ATM",
          "sources": [{"document": "a.txt", "line": 4}]}, "mara-equity_issued-3d5042fe362f"),
        ({"type": "notes_retired", "company": "MARA", "effective": "2025-01",
          "principal_usd": "50000000", "how": "repurchased", "usd": "48000000",
          "sources": [{"document": "a.txt", "line": 5}]}, "mara-notes_retired-d50e13de3d6a"),
    ]
    for raw, expected in old:
        content = validate_record({"id": "x", **raw}).content()
        assert content == {"id": "x", **raw}
        assert content_id(raw) == expected, json.dumps(raw)


def test_sales_stating_only_their_shares_are_duplicates_only_with_the_same_shares(
        run, load, db):
    load(rec("atm-a", "equity_issued", "2025-08", company="SEMI", shares="250000",
             program="ATM"),
         rec("atm-b", "equity_issued", "2025-Q3", company="SEMI", shares="310000",
             program="ATM"),
         rec("atm-c", "equity_issued", "2025-Q3", company="SEMI", shares="250000",
             program="ATM"))
    report = run("reconcile", "SEMI", "--db", db, "--json")
    assert [(sorted(d["records"]), d["amounts"]) for d in report["duplicates"]] == [
        (["atm-a", "atm-c"], {"shares": "250000", "program": "ATM"})]
