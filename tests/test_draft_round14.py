"""A new user's own press release, and the publication date at a document's top (issue 23,
fourteenth round).

A user drafting a short release of their own found three things, each a rule here stated for
any text and tested on the project's own short texts in English and French (invented
companies and figures):

- "acquired 120 BTC for an aggregate of $12.6 million": the aggregate attached to the
  purchase is its price (the aggregate cost of all the coins held stays out, a trap);
- "raised $20 million through its at-the-market program, issuing 4,000,000 shares": money
  raised through a program, not the program's size;
- when ``--disclosed`` is not given, a publication date the document's top states, as a line
  under the title ("June 2, 2025") or as a press release's dateline ("DENVER, October 6,
  2025 --", "TOKYO, Japan, March 3, 2025 /PRNewswire/ --", "Paris, le 3 mars 2025 -"), is used
  as ``--disclosed`` would be, each draft's review saying the line it was read from. A day
  that could be two ("06/02/2025"), a month alone, a date under the body's first sentences or
  a table's "Three Months Ended" are not read as the publication's.

Every proposal, its review field removed, is a record ``import`` accepts.
"""

from __future__ import annotations

import pytest

from ledger.draft import draft
from ledger.events import validate_record

from .drafting import drafted, of_type


def records(text: str, lang: str, disclosed: str | None = None) -> list[dict]:
    """The proposals with their review and disclosed, each checked as ``import`` reads it."""
    out = []
    for d in draft(text, "doc.txt", "ACME", lang, disclosed, []):
        validate_record({k: v for k, v in d.record.items() if k != "review"})
        out.append(d.record)
    return out


# --- "for an aggregate of $X" after a purchase is its price ----------------------------------

def test_a_purchase_for_an_aggregate_of_dollars_keeps_its_price():
    text = ("Acme Corp Bitcoin Update\n"
            "Between May 1 and May 31, 2025, Acme Corp acquired 120 BTC for an aggregate of "
            "$12.6 million.\n")
    [bought] = of_type(drafted(text, "en", "2025-06-02"), "btc_purchased")
    assert (bought["btc"], bought["usd"], bought["effective"]) == \
        ("120", "12600000", "2025-05-01/2025-05-31")


def test_the_aggregate_cost_of_all_coins_held_is_still_no_purchase_price():
    text = ("Acme Corp Bitcoin Update\n"
            "In May 2025, Acme Corp acquired 120 BTC for an aggregate of $12.6 million.\n"
            "As of May 31, 2025, Acme Corp held an aggregate of 760 BTC, bought at an "
            "aggregate purchase price of $50.1 million.\n")
    found = drafted(text, "en", "2025-06-02")
    [bought] = of_type(found, "btc_purchased")
    assert (bought["btc"], bought["usd"]) == ("120", "12600000")
    [held] = of_type(found, "btc_balance_disclosed")
    assert (held["btc"], held.get("usd"), held["effective"]) == ("760", None, "2025-05-31")
    assert not any(r.get("usd") == "50100000" for r in found)


@pytest.mark.parametrize("text, lang, said", [
    ("In May 2025, Acme Corp acquired 120 BTC, having spent a total of $50.1 million on "
     "bitcoin to date.", "en", '"$50.1 million"'),
    ("En mai 2025, Acme Corp a acquis 120 BTC au total pour 12,6 millions de dollars.", "fr",
     '"12,6 millions de dollars"'),
])
def test_dollars_left_out_of_a_purchase_as_a_total_are_named_in_its_review(text, lang, said):
    [bought] = [d.record for d in draft(text, "doc.txt", "ACME", lang, "2025-06-02", [])]
    assert (bought["type"], bought["btc"], bought.get("usd")) == ("btc_purchased", "120", None)
    assert f"{said} is read as a total, not this action's price: usd left out, add it only " \
           "if it is" in bought["review"]


# --- money raised through a program is not the program's size --------------------------------

@pytest.mark.parametrize("text, lang", [
    ("In May 2025, Acme Corp raised $20 million through its at-the-market program, issuing "
     "4,000,000 shares.", "en"),
    ("En mai 2025, Acme Corp a levé 20 millions de dollars dans le cadre de son programme "
     "at-the-market, en émettant 4 000 000 actions.", "fr"),
])
def test_money_raised_through_a_program_is_the_raise_with_its_shares(text, lang):
    [raised] = drafted(text, lang, "2025-06-02")
    assert raised == {"type": "equity_issued", "effective": "2025-05", "usd": "20000000",
                      "shares": "4000000"}


@pytest.mark.parametrize("text", [
    "In May 2025, Acme Corp launched a $500 million at-the-market program.",
    "In May 2025, Acme Corp filed for a $500 million at-the-market program.",
])
def test_the_size_of_a_program_is_still_no_raise(text):
    assert drafted(text, "en", "2025-06-02", read_all=True) == []


# --- the publication date at the document's top ---------------------------------------------

_AT_THE_TOP = [
    ("Acme Corp Provides Bitcoin Update\nJune 2, 2025\nAcme Corp now holds 760 BTC.\n",
     "en", "2025-06-02", 2, "June 2, 2025"),
    ("Acme Corp Adds to Its Treasury\nDENVER, October 6, 2025 -- Acme Corp (ACME) now holds "
     "910 BTC.\n", "en", "2025-10-06", 2, "October 6, 2025"),
    ("Acme Corp Adds to Its Treasury\nTOKYO, Japan, March 3, 2025 /PRNewswire/ -- Acme Corp "
     "(ACME) now holds 910 BTC.\n", "en", "2025-03-03", 2, "March 3, 2025"),
    ("Acme Corp renforce sa trésorerie\nParis, le 3 mars 2025 - Acme Corp (ACME) détient "
     "désormais 910 BTC.\n", "fr", "2025-03-03", 2, "3 mars 2025"),
    ("Acme Corp renforce sa trésorerie\nPublié le 3 mars 2025\nAcme Corp détient désormais "
     "910 BTC.\n", "fr", "2025-03-03", 2, "3 mars 2025"),
]


@pytest.mark.parametrize("text, lang, day, line, said", _AT_THE_TOP)
def test_a_date_line_or_dateline_at_the_top_is_the_publication_date(text, lang, day, line,
                                                                      said):
    [held] = records(text, lang)
    assert (held["type"], held["effective"], held["disclosed"]) == \
        ("btc_balance_disclosed", day, day)
    assert f'disclosed {day}: the publication date read from line {line} ("{said}"), not ' \
           "given with --disclosed: check it" in held["review"]


def test_a_balance_dated_by_the_publication_says_which_line_gave_it():
    [held] = records("Acme Corp Provides Bitcoin Update\nJune 2, 2025\nAcme Corp now holds "
                     "760 BTC.\n", "en")
    assert 'the text gives no date for it: 2025-06-02 is from the publication date read ' \
           'from line 2 ("June 2, 2025")' in held["review"]
    assert not any("--disclosed)" in r for r in held["review"])


def test_the_user_s_release_drafts_its_purchase_balance_and_raise_as_written():
    text = ("TRSY Holdings Provides Bitcoin Treasury Update\n"
            "June 2, 2025\n"
            "TRSY Holdings Inc. (\"TRSY\") did not sell any bitcoin during May 2025.\n"
            "Between May 1 and May 31, 2025, TRSY acquired 120 BTC for an aggregate of "
            "$12.6 million.\n"
            "As of May 31, 2025, TRSY holds 760 BTC.\n"
            "Competitor Ore Mining Corp. holds 1,622 BTC.\n"
            "TRSY raised $20 million through its at-the-market program, issuing 4,000,000 "
            "shares.\n")
    got = draft(text, "trsy-pr.txt", "TRSY", "en", None, seen := [])
    assert [(d.record["type"], d.record.get("btc"), d.record.get("usd"),
             d.record["effective"], d.record["disclosed"]) for d in got] == [
        ("btc_purchased", "120", "12600000", "2025-05-01/2025-05-31", "2025-06-02"),
        ("btc_balance_disclosed", "760", None, "2025-05-31", "2025-06-02")]
    # the raise, dated only by the publication, is noticed with what it raised, as with
    # --disclosed: never "the shares sold, not what they raised"
    [raise_] = [n for n in seen if n.draft.record["type"] == "equity_issued"]
    assert (raise_.draft.record["usd"], raise_.draft.record["shares"]) == \
        ("20000000", "4000000")
    assert not any("not what they raised" in r for d in got for r in d.record["review"])


def test_given_disclosed_wins_over_the_date_the_text_states():
    [held] = records("Acme Corp Provides Bitcoin Update\nJune 2, 2025\nAcme Corp now holds "
                     "760 BTC.\n", "en", "2025-06-03")
    assert (held["effective"], held["disclosed"]) == ("2025-06-03", "2025-06-03")
    assert not any("read from line" in r for r in held["review"])


@pytest.mark.parametrize("text, lang", [
    # a day that could be either of two
    ("Acme Corp Bitcoin Update\n06/02/2025\nAcme Corp now holds 760 BTC.\n", "en"),
    # a month, no day
    ("Acme Corp Bitcoin Update\nJune 2025\nAcme Corp now holds 760 BTC.\n", "en"),
    # a date under the body's first sentence heads an event, not the publication
    ("Acme Corp Bitcoin Update\nAcme Corp has been buying bitcoin for two years and shows no "
     "sign of slowing down.\nMarch 3, 2025\nAcme Corp now holds 760 BTC.\n", "en"),
    ("Acme Corp fait le point\nAcme Corp achète du bitcoin depuis deux ans et ne compte pas "
     "s'arrêter en si bon chemin.\n3 mars 2025\nAcme Corp détient désormais 760 BTC.\n", "fr"),
    # a table's column: the end of a period
    ("Acme Corp Quarterly Report\n| Three Months Ended\nSep. 30, 2025\nAcme Corp now holds "
     "760 BTC.\n", "en"),
    ("Acme Corp Quarterly Report\nThree Months Ended\nSep. 30, 2025\nAcme Corp now holds "
     "760 BTC.\n", "en"),
])
def test_no_publication_date_is_read_where_the_top_gives_none_for_sure(text, lang):
    [held] = [d.record for d in draft(text, "doc.txt", "ACME", lang, None, [])]
    assert (held["type"], held["btc"], held.get("effective"), held.get("disclosed")) == \
        ("btc_balance_disclosed", "760", None, None)
    assert not any("publication date" in r for r in held["review"])


# --- a day at the top without its year (review finding 14d) ------------------------------------

_RELAY = ("Pinecrest Holdings Adds Bitcoin and Updates Its Treasury\n\n"
          "Newswire relay \u00b7  {top}\n\n"
          "Pinecrest Holdings, Inc. (NASDAQ: PNCR) reported that from {first} to {last} it "
          "bought 40 BTC for $3.6 million in cash.{more}\n")


@pytest.mark.parametrize("top, said", [("Nov 18 08:06", "Nov 18"), ("Nov 18", "Nov 18"),
                                       ("18 nov. 09h30", "18 nov.")])
def test_a_day_without_its_year_takes_the_one_year_the_text_s_own_days_give(top, said):
    text = _RELAY.format(top=top, first="November 4, 2024", last="November 15, 2024",
                         more="")
    [bought] = records(text, "en")
    assert (bought["type"], bought["effective"], bought["disclosed"]) == \
        ("btc_purchased", "2024-11-04/2024-11-15", "2024-11-18")
    assert (f'disclosed 2024-11-18: the publication date read from line 3 ("{said}"; its year '
            "from the days the text dates, 2024), not given with --disclosed: check it"
            in bought["review"])


@pytest.mark.parametrize("first, last, more", [
    # no day of the text has a year: none is guessed
    ("November 4", "November 15", ""),
    # days in the weeks before it in two years: either could be the publication's
    ("November 4, 2024", "November 15, 2024",
     " Its notes fall due on November 2, 2029."),
])
def test_a_day_without_its_year_is_left_out_unless_one_year_is_sure(first, last, more):
    text = _RELAY.format(top="Nov 18 08:06", first=first, last=last, more=more)
    for held in (d.record for d in draft(text, "doc.txt", "PNCR", "en", None, [])):
        assert held.get("disclosed") is None, held
        assert not any("publication date read" in r for r in held["review"])


# --- drafts whose periods overlap (review finding 1) ---------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Pinecrest Mining (PNCR) production update.\nPinecrest has mined 1,391 BTC "
     "year-to-date and 702 BTC in May 2025.", "en"),
    ("Pinecrest Mining (PNCR) point de production.\nPinecrest a miné 1 391 BTC depuis le "
     "début de l'année ainsi que 702 BTC en mai 2025.", "fr"),
])
def test_a_month_and_the_period_to_date_containing_it_each_name_the_other(text, lang):
    mined = {r["btc"]: r for r in of_type(records(text, lang, "2025-06-03"), "btc_mined")}
    month, to_date = mined["702"], mined["1391"]
    assert (month["effective"], to_date["effective"]) == ("2025-05", "2025-01-01/2025-05-31")
    for one, other in ((month, to_date), (to_date, month)):
        said = [r for r in one["review"] if r.startswith(f"overlaps draft {other['id']} ")]
        assert len(said) == 1 and said[0].endswith(
            "importing both counts the overlap twice; keep one"), one["review"]
        assert "overlaps draft" in one["note"].split(" Uncertain: ", 1)[1]
    assert "which this period is inside" in month["review"][-1]
    assert "which this period contains" in to_date["review"][-1]


def test_two_flows_of_one_period_or_of_different_types_are_not_remarked_on():
    text = ("Pinecrest Holdings (PNCR) update.\nIn May 2025 Pinecrest bought 40 BTC and sold "
            "12 BTC, and later in May 2025 it bought another 15 BTC.")
    for record in records(text, "en", "2025-06-03"):
        assert not any("overlaps draft" in r for r in record["review"]), record


def test_the_corpus_text_that_gives_a_month_and_its_quarter_to_date_marks_both():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / \
        "01-mara-2023-02-production.txt"
    if not path.exists():
        pytest.skip("the shared corpus is not beside the repository")
    got = [d.record for d in draft(path.read_text(encoding="utf-8"), path.name, "MARA", "en",
                                   "2023-03-02", [])]
    mined = {r["effective"]: r for r in got if r["type"] == "btc_mined"}
    assert set(mined) == {"2023-02", "2023-01-01/2023-02-28"}
    assert any(r.startswith(f"overlaps draft {mined['2023-02']['id']} ")
               for r in mined["2023-01-01/2023-02-28"]["review"])
