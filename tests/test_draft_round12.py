"""Figures stated in another currency, and issues told without all their figures (issue 23,
twelfth round): the event catalog records them as stated (``principal``/``amount`` with an ISO
4217 ``currency``, never converted; ``coupon_percent`` optional; an issue of stock by its
``shares`` alone), and the drafter now proposes them so. Each rule on the project's own short
texts in English and French (invented companies and figures), each failing without its rule;
every proposal, its review field removed, is a record ``import`` accepts.
"""

from __future__ import annotations

import pytest

from ledger.draft import draft
from ledger.draft.score import score_file
from ledger.events import validate_record

from .drafting import drafted, of_type


def proposed(text: str, lang: str, disclosed: str = "2025-06-10", company: str = "ACME"
             ) -> list[dict]:
    """The proposals, each checked as ``import`` would read it once its review is removed."""
    drafts = draft(text, "doc.txt", company, lang, disclosed, [])
    for d in drafts:
        validate_record({k: v for k, v in d.record.items() if k != "review"})
    return drafted(text, lang, disclosed, company)


# --- notes in another currency: the principal as stated -----------------------------------


@pytest.mark.parametrize(("text", "lang", "principal", "currency", "coupon"), [
    ("Halvard AB issued SEK 40 million of 5% convertible notes due June 15, 2028 on May 12, "
     "2025.", "en", "40000000", "SEK", "5"),
    ("Le 12 mai 2025, Lucane SA a émis des obligations convertibles de 12 millions d'euros à "
     "4 % arrivant à échéance le 15 juin 2029.", "fr", "12000000", "EUR", "4"),
])
def test_notes_in_another_currency_are_proposed_with_their_principal_as_stated(
        text, lang, principal, currency, coupon):
    [notes] = of_type(proposed(text, lang), "notes_issued")
    assert (notes["principal"], notes["currency"], notes["coupon_percent"]) == \
        (principal, currency, coupon)
    assert "principal_usd" not in notes


@pytest.mark.parametrize(("text", "lang"), [
    ("On May 12, 2025, Acme issued 3 billion yen (about $20 million) of zero-coupon bonds "
     "maturing on June 30, 2026.", "en"),
    ("Le 12 mai 2025, Acme a émis des obligations à 0 % de 3 milliards de yens (environ 20 "
     "millions de dollars) arrivant à échéance le 30 juin 2026.", "fr"),
])
def test_the_writers_dollar_conversion_of_a_yen_principal_is_not_recorded(text, lang):
    [notes] = of_type(proposed(text, lang), "notes_issued")
    assert (notes["principal"], notes["currency"], notes["maturity"]) == \
        ("3000000000", "JPY", "2026-06-30")
    assert notes.get("principal_usd") is None  # never the $20 million


@pytest.mark.parametrize(("text", "lang", "currency"), [
    ("On May 12, 2025, Lucane plc issued £8 million of convertible bonds due March 31, 2030.",
     "en", "GBP"),
    ("Le 12 mai 2025, Lucane SA a émis des obligations convertibles de 8 millions d'euros "
     "arrivant à échéance le 31 mars 2030.", "fr", "EUR"),
])
def test_notes_whose_coupon_is_not_stated_are_proposed_without_one(text, lang, currency):
    [notes] = of_type(proposed(text, lang), "notes_issued")
    assert (notes["principal"], notes["currency"]) == ("8000000", currency)
    assert "coupon_percent" not in notes  # not stated: not known, never 0


@pytest.mark.parametrize(("text", "lang"), [
    ("Halvard AB issued 40 million kroner of 5% convertible notes due June 15, 2028 on May 12, "
     "2025.", "en"),
    ("Le 12 mai 2025, Lucane SA a émis des obligations convertibles de 40 millions de "
     "couronnes à 5 % arrivant à échéance le 15 juin 2028.", "fr"),
])
def test_notes_in_a_currency_the_words_do_not_name_are_only_shown(text, lang):
    # Danish or Norwegian kroner? no principal can be recorded, so no record is proposed
    assert of_type(proposed(text, lang), "notes_issued") == []
    [notes] = of_type(drafted(text, lang, "2025-06-10", read_all=True), "notes_issued")
    assert (notes["coupon_percent"], notes["maturity"]) == ("5", "2028-06-15")


# --- stock sold, told by its shares alone ----------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2025, Acme Corp (ACME) issued approximately 2.4 million shares to fund its "
     "bitcoin purchases.", "en"),
    ("En mai 2025, Acme Corp (ACME) a émis environ 2,4 millions d'actions pour financer ses "
     "achats de bitcoins.", "fr"),
])
def test_shares_sold_with_no_proceeds_stated_are_proposed_by_their_shares(text, lang):
    [issue] = of_type(proposed(text, lang), "equity_issued")
    assert (issue["effective"], issue["shares"], issue.get("usd")) == ("2025-05", "2400000", None)


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2025, Lucane SA sold 500,000 new shares, raising €2.1 million.", "en"),
    ("En mai 2025, Lucane SA a vendu 500 000 actions pour un produit brut de 2,1 millions "
     "d'euros.", "fr"),
])
def test_what_shares_raised_in_another_currency_is_their_amount_as_stated(text, lang):
    [issue] = of_type(proposed(text, lang, company="LUCANE"), "equity_issued")
    assert (issue["shares"], issue["amount"], issue["currency"], issue.get("usd")) == \
        ("500000", "2100000", "EUR", None)


# --- notes paid back in another currency ------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2025, Lucane SA repaid €3 million of its convertible bonds.", "en"),
    ("En mai 2025, Lucane SA a remboursé 3 millions d'euros de ses obligations convertibles.",
     "fr"),
])
def test_notes_repaid_in_another_currency_are_retired_not_issued(text, lang):
    found = proposed(text, lang, company="LUCANE")
    assert of_type(drafted(text, lang, "2025-06-10", "LUCANE", read_all=True),
                   "notes_issued") == []
    [retired] = of_type(found, "notes_retired")
    assert (retired["how"], retired["principal"], retired["currency"]) == \
        ("repaid", "3000000", "EUR")


# --- the scorer: the new fields against labels with and without them ----------------------


def _verdict(record: dict, label_record: dict) -> str:
    score = score_file("doc.txt", [record], {"records": [label_record]}, lambda r: False)
    return score.details[0]["verdict"]


YEN_NOTES = {"type": "notes_issued", "effective": "2025-05-12", "principal": "3000000000",
             "currency": "JPY", "coupon_percent": "0", "convertible": False}


def test_stated_figures_are_compared_only_where_the_label_gives_them():
    # a label written before these fields (principal_usd null, no principal or currency):
    # the principal as stated neither rewarded nor penalised
    old = {"type": "notes_issued", "effective": "2025-05-12", "principal_usd": None,
           "coupon_percent": "0", "convertible": False}
    assert _verdict(YEN_NOTES, old) == "full"
    assert _verdict({**YEN_NOTES, "principal": "20000000"}, old) == "full"
    # the dollars the label leaves null are still a wrong figure
    assert _verdict({**YEN_NOTES, "principal_usd": "20000000"}, old) == "wrong"
    # a label that gives principal and currency: both must match
    label = {"type": "notes_issued", "effective": "2025-05-12", "principal": "3000000000",
             "currency": "JPY", "coupon_percent": "0", "convertible": False}
    assert _verdict(YEN_NOTES, label) == "full"
    assert _verdict({**YEN_NOTES, "currency": "jpy"}, label) == "full"
    assert _verdict({**YEN_NOTES, "currency": "EUR"}, label) == "wrong"
    assert _verdict({**YEN_NOTES, "principal": "3500000000"}, label) == "wrong"
    assert _verdict({k: v for k, v in YEN_NOTES.items() if k not in ("principal", "currency")},
                    label) == "wrong"


def test_an_amount_in_another_currency_written_in_a_trap_is_a_trap_proposed():
    issue = {"type": "equity_issued", "effective": "2025-05", "amount": "6000000",
             "currency": "EUR"}
    label = {"records": [], "traps": ["6 millions d'euros: the size of the program"]}
    score = score_file("doc.txt", [issue], label, lambda r: False)
    assert (score.wrong, score.traps) == (1, 1)
