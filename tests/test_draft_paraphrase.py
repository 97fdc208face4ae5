"""Paraphrase probe (issue 23, eighth round): scenarios the drafter already got right,
each stated in several other ways with the same facts and the same expected records.

Rules written from one set of texts matched the words they were written from, not the ways
disclosures say the same fact: "Rivalco now holds" was another company's holding where
"Rivalco's treasury now stands at" was drafted as this one's. Each family below keeps one
fact and varies only its wording: other verbs for the same action, the figure before or
after the verb, the passive, a possessive or a noun for the subject, and comparisons with an
earlier period worded differently. All sentences are the project's own (invented figures).

Each family has three lists, each written after the one before it was mended and counted
before anything was mended for it: the first (18 of its 69 variants failed on the code before
the round), ``*_LATER`` (53: 21 failed before the round, 13 after the first batch's rules, 1
after its own) and ``*_THIRD`` (48: 18 before the round, 10 after the second batch's rules,
4 after its own).
A variant listed in ``STILL_FAILING`` is marked as an expected failure (strict: it fails the
run once it passes, so the list only shrinks).
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type

#: Variants the drafter still gets wrong, by family and index (empty when all pass).
STILL_FAILING: set[tuple[str, int]] = {
    ("compared-later", 4), ("mined-third", 3), ("mined-third", 5), ("compared-third", 6),
    ("compared-third", 9),
}


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

#: Written after the round's rules, to measure them on wordings they were not fitted to.
MINED_LATER = [
    ("During May 2025, Acme Corp (ACME) mined a total of 450 BTC.", "en"),
    ("Acme Corp (ACME) mined 450 bitcoins over the month of May 2025.", "en"),
    ("Acme Corp (ACME), the miner, produced 450 BTC in May 2025.", "en"),
    ("Acme Corp (ACME) reported that it mined 450 BTC in May 2025.", "en"),
    ("Bitcoin production at Acme Corp (ACME) reached 450 BTC in May 2025.", "en"),
    ("Acme Corp (ACME)'s output for May 2025 came to 450 BTC.", "en"),
    ("En mai 2025, Acme Corp (ACME) a extrait au total 450 bitcoins.", "fr"),
    ("Acme Corp (ACME) a généré 450 BTC en mai 2025.", "fr"),
    ("La production de bitcoins d'Acme Corp (ACME) a atteint 450 BTC en mai 2025.", "fr"),
]

#: Written after the second batch was mended; counted before anything was mended for it.
MINED_THIRD = [
    ("Acme Corp (ACME) said its fleet mined 450 BTC in May 2025.", "en"),
    ("Acme Corp (ACME) mined 450 BTC last month.", "en"),
    ("Acme Corp (ACME) brought in 450 BTC from mining in May 2025.", "en"),
    ("May 2025 saw Acme Corp (ACME) mine 450 BTC.", "en"),
    ("Acme Corp (ACME) mined 450 BTC in the month of May 2025.", "en"),
    ("Over May 2025 Acme Corp (ACME) produced a total of 450 bitcoin.", "en"),
    ("Acme Corp (ACME) a miné au total 450 bitcoins au cours du mois de mai 2025.", "fr"),
    ("Au mois de mai 2025, Acme Corp (ACME) a produit 450 BTC.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("mined", MINED) +
                         _cases("mined-later", MINED_LATER) +
                         _cases("mined-third", MINED_THIRD))
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

#: Written after the round's rules, to measure them on wordings they were not fitted to.
BOUGHT_LATER = [
    ("Acme Corp (ACME) acquired an additional 1,000 BTC for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) bought 1,000 bitcoin in May 2025 for a total of $95 million.", "en"),
    ("In May 2025, Acme Corp (ACME) spent $95 million to buy 1,000 BTC.", "en"),
    ("Acme Corp (ACME) announced it purchased 1,000 BTC for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) picked up 1,000 BTC for $95 million in May 2025.", "en"),
    ("En mai 2025, Acme Corp (ACME) a acquis 1 000 bitcoins pour un montant de 95 millions de "
     "dollars.", "fr"),
    ("Acme Corp (ACME) a investi 95 millions de dollars pour acheter 1 000 BTC en mai 2025.",
     "fr"),
    ("Acme Corp (ACME) s'est porté acquéreur de 1 000 BTC pour 95 millions de dollars en mai "
     "2025.", "fr"),
]

#: Written after the second batch was mended; counted before anything was mended for it.
BOUGHT_THIRD = [
    ("Acme Corp (ACME) acquired 1,000 BTC in May 2025 at a total cost of $95 million.", "en"),
    ("Acme Corp (ACME) bought 1,000 BTC for an aggregate $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) purchased 1,000 BTC for about $95 million in May 2025.", "en"),
    ("During May 2025, Acme Corp (ACME) acquired 1,000 BTC, paying $95 million.", "en"),
    ("Acme Corp (ACME) has bought 1,000 BTC for $95 million in May 2025.", "en"),
    ("Acme Corp (ACME) a acheté en mai 2025 1 000 BTC pour 95 millions de dollars.", "fr"),
    ("En mai 2025, 1 000 BTC ont été achetés par Acme Corp (ACME) pour 95 millions de "
     "dollars.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("bought", BOUGHT) +
                         _cases("bought-later", BOUGHT_LATER) +
                         _cases("bought-third", BOUGHT_THIRD))
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

#: Written after the round's rules, to measure them on wordings they were not fitted to.
SOLD_LATER = [
    ("Acme Corp (ACME) sold 200 bitcoin in May 2025, receiving $20 million.", "en"),
    ("In May 2025, Acme Corp (ACME) divested 200 BTC for $20 million.", "en"),
    ("Acme Corp (ACME) offloaded 200 BTC for $20 million in May 2025.", "en"),
    ("Acme Corp (ACME) sold 200 BTC in May 2025 for proceeds of $20 million.", "en"),
    ("En mai 2025, Acme Corp (ACME) a vendu 200 bitcoins pour 20 millions de dollars.", "fr"),
    ("Acme Corp (ACME) s'est séparé de 200 BTC pour 20 millions de dollars en mai 2025.", "fr"),
]

#: Written after the second batch was mended; counted before anything was mended for it.
SOLD_THIRD = [
    ("Acme Corp (ACME) sold 200 BTC in May 2025 for a total of $20 million.", "en"),
    ("During May 2025, Acme Corp (ACME) sold 200 BTC, raising $20 million.", "en"),
    ("Acme Corp (ACME) has sold 200 BTC for $20 million in May 2025.", "en"),
    ("Acme Corp (ACME) a cédé en mai 2025 200 bitcoins pour 20 millions de dollars.", "fr"),
    ("En mai 2025, Acme Corp (ACME) a vendu 200 BTC, pour un produit de 20 millions de "
     "dollars.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("sold", SOLD) +
                         _cases("sold-later", SOLD_LATER) +
                         _cases("sold-third", SOLD_THIRD))
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

#: Written after the round's rules, to measure them on wordings they were not fitted to.
HELD_LATER = [
    ("At June 1, 2025, Acme Corp (ACME) held a total of 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) had 5,000 BTC on its balance sheet.", "en"),
    ("Acme Corp (ACME) owned 5,000 BTC as of June 1, 2025.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME)'s bitcoin treasury totals 5,000 BTC.", "en"),
    ("As of June 1, 2025, the bitcoin reserve of Acme Corp (ACME) stood at 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) is sitting on 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) holds a stash of 5,000 BTC.", "en"),
    ("Au 1er juin 2025, Acme Corp (ACME) détenait 5 000 BTC.", "fr"),
    ("Au 1er juin 2025, les réserves de bitcoins d'Acme Corp (ACME) atteignent 5 000 BTC.", "fr"),
    ("Acme Corp (ACME) possédait 5 000 BTC au 1er juin 2025.", "fr"),
]

#: Written after the second batch was mended; counted before anything was mended for it.
HELD_THIRD = [
    ("On June 1, 2025, Acme Corp (ACME) held 5,000 BTC.", "en"),
    ("Acme Corp (ACME) held 5,000 BTC at June 1, 2025.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) owns a total of 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME)'s bitcoin holdings stood at 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) has a treasury of 5,000 BTC.", "en"),
    ("As of June 1, 2025, Acme Corp (ACME) holds 5,000 bitcoins on its balance sheet.", "en"),
    ("Au 1er juin 2025, Acme Corp (ACME) détient au total 5 000 bitcoins.", "fr"),
    ("Au 1er juin 2025, le portefeuille d'Acme Corp (ACME) compte 5 000 BTC.", "fr"),
    ("Au 1er juin 2025, la réserve d'Acme Corp (ACME) s'élève à 5 000 BTC.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("held", HELD) +
                         _cases("held-later", HELD_LATER) +
                         _cases("held-third", HELD_THIRD))
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

#: Written after the round's rules, to measure them on wordings they were not fitted to.
RIVALS_LATER = [
    (_TWO_EN + "Rivalco currently owns 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's stash now totals 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco, a rival miner, now holds 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "The treasury of Rivalco now stands at 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's reserve has reached 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco is now sitting on 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_FR + "Rivalco dispose désormais de 2 317 BTC." + _OURS_FR, "fr"),
    (_TWO_FR + "La réserve de Rivalco s'établit désormais à 2 317 BTC." + _OURS_FR, "fr"),
    (_TWO_FR + "Rivalco compte désormais 2 317 BTC." + _OURS_FR, "fr"),
]

#: Written after the second batch was mended; counted before anything was mended for it.
RIVALS_THIRD = [
    (_TWO_EN + "Rivalco holds some 2,317 BTC as of now." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's treasury, meanwhile, stands at 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco has now amassed 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's coffers now hold 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco, for its part, now owns 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_EN + "Rivalco's total holdings come to 2,317 BTC." + _OURS_EN, "en"),
    (_TWO_FR + "Les réserves de Rivalco atteignent désormais 2 317 BTC." + _OURS_FR, "fr"),
    (_TWO_FR + "Rivalco a désormais en portefeuille 2 317 BTC." + _OURS_FR, "fr"),
    (_TWO_FR + "Le portefeuille de Rivalco compte désormais 2 317 BTC." + _OURS_FR, "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("rival", RIVALS) +
                         _cases("rival-later", RIVALS_LATER) +
                         _cases("rival-third", RIVALS_THIRD))
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

#: Written after the round's rules, to measure them on wordings they were not fitted to.
COMPARED_LATER = [
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, little changed from 613 in the "
     "first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, in line with the 613 it mined in "
     "the first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, a touch above the 613 of the first "
     "quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, compared to 613 bitcoin mined in "
     "the first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter (first quarter: 613).", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, after 613 in the first quarter.",
     "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, roughly level with 613 in the "
     "first quarter.", "en"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, contre 613 bitcoins au premier "
     "trimestre.", "fr"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, un niveau proche des 613 du "
     "premier trimestre.", "fr"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, après 613 au premier "
     "trimestre.", "fr"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, comparé à 613 au premier "
     "trimestre.", "fr"),
]

#: Written after the second batch was mended; counted before anything was mended for it.
COMPARED_THIRD = [
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, down from 640 in the "
     "first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, vs. 613 in the first "
     "quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, from 613 in the first "
     "quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, a little above the "
     "613 mined in the first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, similar to the 613 of "
     "the first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter; it had mined 613 in "
     "the first quarter.", "en"),
    (_Q_EN + "The miner mined 618 bitcoin during the quarter, close to the first "
     "quarter's 613.", "en"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, en baisse par "
     "rapport aux 640 du premier trimestre.", "fr"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, à comparer aux 613 "
     "du premier trimestre.", "fr"),
    (_Q_FR + "Le mineur a extrait 618 bitcoins sur le trimestre, soit à peu près "
     "autant qu'au premier trimestre (613).", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), _cases("compared", COMPARED) +
                         _cases("compared-later", COMPARED_LATER) +
                         _cases("compared-third", COMPARED_THIRD))
def test_an_earlier_quarter_compared_in_other_words_does_not_date_the_figure(text, lang):
    assert [(r["btc"], r["effective"]) for r in
            of_type(drafted(text, lang, "2025-08-11"), "btc_mined")] == [("618", "2025-Q2")]
