"""Paraphrase probe (issue 23, eighth round): scenarios the drafter already got right,
each stated in several other ways with the same facts and the same expected records.

Rules written from one set of texts matched the words they were written from, not the ways
disclosures say the same fact: "Rivalco now holds" was another company's holding where
"Rivalco's treasury now stands at" was drafted as this one's. Each family below keeps one
fact and varies only its wording: other verbs for the same action, the figure before or
after the verb, the passive, a possessive or a noun for the subject, and comparisons with an
earlier period worded differently. All sentences are the project's own (invented figures).

A variant listed in ``STILL_FAILING`` is marked as an expected failure (strict: it fails the
run once it passes, so the list only shrinks); the module's count of failures is the
round's measure.
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type

#: Variants the drafter still gets wrong, by family and index (empty when all pass).
STILL_FAILING: set[tuple[str, int]] = set()


def _cases(family: str, variants: list) -> list:
    return [pytest.param(*v, id=f"{family}-{i}",
                         marks=[pytest.mark.xfail(strict=True, reason="paraphrase not read")]
                         if (family, i) in STILL_FAILING else [])
            for i, v in enumerate(variants)]


def _plain(found: list[dict]) -> list[tuple]:
    return [(r["type"], r.get("btc"), r.get("usd"), r["effective"]) for r in found]


# --- mined: the verb, the order, a noun for the action ---------------------------------------

MINED = [
    ("Acme Corp (ACME) mined 450 BTC in May 2025.", "en"),
    ("Acme Corp (ACME) produced 450 BTC in May 2025.", "en"),
    ("Acme Corp (ACME) generated 450 BTC in May 2025.", "en"),
    ("Acme Corp (ACME) earned 450 BTC from mining in May 2025.", "en"),
    ("Acme Corp (ACME) self-mined 450 BTC in May 2025.", "en"),
    ("In May 2025, Acme Corp (ACME) produced 450 bitcoin.", "en"),
    ("450 BTC were mined by Acme Corp (ACME) in May 2025.", "en"),
    ("Acme Corp (ACME)'s production in May 2025 was 450 BTC.", "en"),
    ("Acme Corp (ACME) a extrait 450 BTC en mai 2025.", "fr"),
    ("Acme Corp (ACME) a produit 450 BTC en mai 2025.", "fr"),
    ("Acme Corp (ACME) a miné 450 BTC en mai 2025.", "fr"),
    ("En mai 2025, Acme Corp (ACME) a produit 450 bitcoins.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("mined", MINED))
def test_coins_mined_said_in_other_words(text, lang):
    assert _plain(drafted(text, lang, "2025-06-10")) == [("btc_mined", "450", None, "2025-05")]


# --- bought: the verb, the order, the passive, a noun for the action ------------------------

BOUGHT = [
    ("Acme Corp (ACME) bought 1,000 BTC for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) acquired 1,000 BTC for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) purchased 1,000 BTC for $95 million in May 2025.", "en"),
    ("In May 2025, Acme Corp (ACME) acquired 1,000 bitcoin for $95 million.", "en"),
    ("1,000 BTC were acquired by Acme Corp (ACME) for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) completed the purchase of 1,000 BTC for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) made a purchase of 1,000 BTC for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) a acheté 1 000 BTC pour 95 millions de dollars en mai 2025.", "fr"),
    ("Acme Corp (ACME) a acquis 1 000 BTC pour 95 millions de dollars en mai 2025.", "fr"),
    ("Acme Corp (ACME) a fait l'acquisition de 1 000 BTC pour 95 millions de dollars en mai "
     "2025.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("bought", BOUGHT))
def test_coins_bought_said_in_other_words(text, lang):
    assert _plain(drafted(text, lang, "2025-06-10")) == \
        [("btc_purchased", "1000", "95000000", "2025-05")]


# --- sold: the verb, the order, the passive -------------------------------------------------

SOLD = [
    ("Acme Corp (ACME) sold 200 BTC for $20 million in May 2025.", "en"),
    ("Acme Corp (ACME) disposed of 200 BTC for $20 million in May 2025.", "en"),
    ("Acme Corp (ACME) liquidated 200 BTC for $20 million in May 2025.", "en"),
    ("In May 2025, Acme Corp (ACME) sold 200 bitcoin for $20 million.", "en"),
    ("200 BTC were sold by Acme Corp (ACME) for $20 million in May 2025.", "en"),
    ("Acme Corp (ACME) a vendu 200 BTC pour 20 millions de dollars en mai 2025.", "fr"),
    ("Acme Corp (ACME) a cédé 200 BTC pour 20 millions de dollars en mai 2025.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("sold", SOLD))
def test_coins_sold_said_in_other_words(text, lang):
    assert _plain(drafted(text, lang, "2025-06-10")) == \
        [("btc_sold", "200", "20000000", "2025-05")]


# --- held: the verb, a possessive, a noun for the holding -----------------------------------

HELD = [
    ("As of June 1, 2025, Acme Corp (ACME) holds 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) owns 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) has 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) held 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME)'s treasury stands at 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME)'s holdings total 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) sits on 5,000 BTC.", "en"),
    ("As of June 1, 2025, the holdings of Acme Corp (ACME) total 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) has 5,000 BTC in its treasury.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME)'s bitcoin holdings amount to 5,000 BTC.", "en"),
    ("Au 1er juin 2025, Acme Corp (ACME) détient 5 000 BTC.", "fr"),
    ("Au 1er juin 2025, Acme Corp (ACME) possède 5 000 BTC.", "fr"),
    ("Au 1er juin 2025, les avoirs d'Acme Corp (ACME) s'élèvent à 5 000 BTC.", "fr"),
    ("Au 1er juin 2025, Acme Corp (ACME) dispose de 5 000 BTC.", "fr"),
    ("Au 1er juin 2025, la trésorerie d'Acme Corp (ACME) s'établit à 5 000 BTC.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("held", HELD))
def test_coins_held_said_in_other_words(text, lang):
    assert _plain(drafted(text, lang, "2025-06-10")) == \
        [("btc_balance_disclosed", "5000", None, "2025-06-01")]


# --- whose holding: another company's, however its holding is worded ------------------------

_TWO_EN = "Northwind Data Works and Rivalco both added coins on Monday.\n"
_TWO_FR = "Northwind Data Works et Rivalco ont toutes deux ajouté des bitcoins lundi.\n"
_OURS_EN = " Northwind's reserve has reached 1,250 BTC."
_OURS_FR = " Les réserves de Northwind atteignent 1 250 BTC."

RIVALS = [
    (_TWO_EN + "Rivalco now holds 2,317 BTC in total." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco now owns 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco now sits on 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's treasury now stands at 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's holdings now total 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "The holdings of Rivalco now amount to 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco has 2,317 BTC in its treasury now." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's bitcoin reserve has grown to 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_FR + "Rivalco possède maintenant 2 317 BTC." + _OURS_FR, "fr"),
    (_TWO_FR + "Rivalco détient désormais 2 317 BTC." + _OURS_FR, "fr"),
    (_TWO_FR + "Les avoirs de Rivalco s'élèvent désormais à 2 317 BTC." + _OURS_FR, "fr"),
    (_TWO_FR + "La trésorerie de Rivalco atteint maintenant 2 317 BTC." + _OURS_FR, "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("rival", RIVALS))
def test_another_companys_holding_said_in_other_words(text, lang):
    found = drafted(text, lang, "2025-06-10", "NDW", read_all=True)
    assert [r["btc"] for r in of_type(found, "btc_balance_disclosed")] == ["1250"]


# --- the period: a comparison with an earlier quarter, worded differently --------------------

_Q_EN = ("Acme Corp (ACME) released its figures for the year's second quarter.\nIts cost to "
         "mine one coin was close to its level of a year before.\n")
_Q_FR = ("Acme Corp (ACME) publie ses résultats pour le deuxième trimestre de l'année.\nSon "
         "coût par bitcoin est proche de celui du deuxième trimestre 2024.\n")

COMPARED = [
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, almost unchanged from 613 in the "
     "first quarter.", "en"),
    (_Q_EN + "The company produced 618 bitcoin in the quarter, barely changed from the 613 it "
     "produced in the first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, flat against 613 in the first "
     "quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, versus 613 in the first quarter.",
     "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, up from 613 in the first quarter.",
     "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, compared with 613 in the first "
     "quarter.", "en"),
    (_Q_EN + "The miner generated 618 bitcoin over the quarter, against 613 in the prior "
     "quarter.", "en"),
    (_Q_EN + "In the quarter the miner earned 618 bitcoin, compared to 613 in the first "
     "quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, slightly more than the 613 of the "
     "first quarter.", "en"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, presque autant que les 613 du "
     "premier trimestre.", "fr"),
    (_Q_FR + "Le mineur a produit 618 bitcoins sur le trimestre, contre 613 au premier "
     "trimestre.", "fr"),
    (_Q_FR + "Le mineur a miné 618 bitcoins sur le trimestre, stable par rapport aux 613 du "
     "premier trimestre.", "fr"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, en hausse par rapport à 613 au "
     "premier trimestre.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("compared", COMPARED))
def test_an_earlier_quarter_compared_in_other_words_does_not_date_the_figure(text, lang):
    assert [(r["btc"], r["effective"]) for r in
            of_type(drafted(text, lang, "2025-08-11"), "btc_mined")] == [("618", "2025-Q2")]
