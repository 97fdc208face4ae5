"""Propose or only notice, from general features of a finished draft's evidence
(``ledger/draft/confidence.py``): each feature shown on the project's own short texts, in
English and French, with invented figures, once deciding that a draft is only noticed (with
the feature that failed as its why) and once leaving a draft like it proposed.
"""

from __future__ import annotations

import pytest

from .drafting import drafted


def proposed(text: str, lang: str, disclosed: str = "2025-06-10") -> list[tuple]:
    return [(r["type"], r.get("effective"), r.get("btc") or r.get("net_income_usd"))
            for r in drafted(text, lang, disclosed)]


def noticed(text: str, lang: str, disclosed: str = "2025-06-10") -> list[tuple[list[str], str]]:
    """What the confidence gate held back: the figures and why."""
    from ledger.draft import draft

    seen: list = []
    draft(text, "doc.txt", "ACME", lang, disclosed, seen)
    return [(n.figures, n.why) for n in seen if n.why.startswith("weak evidence")]


# --- role: where a move started, or the size of a change, is not the amount -----------------

@pytest.mark.parametrize(("text", "lang", "kept"), [
    ("Acme's output slipped to 455 BTC in June 2025, a 6% decline from the 484 BTC it "
     "produced the month before.", "en", []),
    ("Acme a produit 455 BTC en juin 2025, soit un repli de 6 % depuis les 484 BTC extraits "
     "le mois précédent.", "fr", [("btc_mined", "2025-06", "455")]),
])
def test_a_figure_a_move_started_from_is_noticed_not_proposed(text, lang, kept):
    assert proposed(text, lang) == kept
    [(figures, why)] = noticed(text, lang)
    assert figures == ["484 BTC"] and "where a move started" in why


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme said on Monday that it has grown its bitcoin reserve by 64 BTC after a new "
     "purchase.", "en"),
    ("Acme a indiqué le 9 juin 2025 avoir augmenté ses réserves de bitcoin de 64 BTC après "
     "un nouvel achat.", "fr"),
])
def test_the_size_of_a_change_is_no_balance(text, lang):
    assert proposed(text, lang) == []
    [(figures, why)] = noticed(text, lang)
    assert figures == ["64 BTC"] and "size of a change" in why


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Acme said on Monday that its bitcoin reserve has grown to 2,064 BTC.", "en",
     [("btc_balance_disclosed", "2025-06-09", "2064")]),
    ("Acme a indiqué le 9 juin 2025 que ses réserves de bitcoin atteignent désormais "
     "2 064 BTC.", "fr", [("btc_balance_disclosed", "2025-06-09", "2064")]),
    ("Acme mined 455 BTC in June 2025.", "en", [("btc_mined", "2025-06", "455")]),
])
def test_the_amount_a_move_reached_is_still_proposed(text, lang, expected):
    assert proposed(text, lang) == expected
    assert noticed(text, lang) == []


# --- subject: "it" / "la société" taking up another name in the same paragraph -------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Acme bought 80 BTC in May 2025. Last week, Rivalco announced a new loan. It currently "
     "holds 9,400 BTC.", "en"),
    ("Acme a acheté 80 BTC en mai 2025. La semaine dernière, Rivalco a annoncé un nouveau "
     "prêt. Elle détient actuellement 9 400 BTC.", "fr"),
])
def test_a_pronoun_taking_up_another_company_makes_the_figure_theirs(text, lang):
    assert proposed(text, lang) == [("btc_purchased", "2025-05", "80")]
    [(figures, why)] = noticed(text, lang)
    assert "Rivalco" in why and "subject" in why


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme bought 80 BTC in May 2025. Last week, Acme announced a new loan. It currently "
     "holds 9,400 BTC.", "en"),
    ("Acme a acheté 80 BTC en mai 2025. La semaine dernière, Acme a annoncé un nouveau "
     "prêt. Elle détient actuellement 9 400 BTC.", "fr"),
    # (a person named first is not the company "the company" / "la société" takes up)
    ("Acme bought 80 BTC in May 2025. Last week, Jane Roe, its founder, spoke at a "
     "conference. The company currently holds 9,400 BTC.", "en"),
    ("Acme a acheté 80 BTC en mai 2025. La semaine dernière, Jeanne Roux, sa fondatrice, a "
     "pris la parole. La société détient actuellement 9 400 BTC.", "fr"),
])
def test_a_pronoun_taking_up_this_company_keeps_the_figure(text, lang):
    assert proposed(text, lang) == [("btc_purchased", "2025-05", "80"),
                                    ("btc_balance_disclosed", "2025-06-10", "9400")]
    assert noticed(text, lang) == []


# --- contested: one period, two figures of a kind; the one dated from further away ----------

@pytest.mark.parametrize(("text", "lang"), [
    ("Acme second-quarter 2025 results\n"
     "In the second quarter of 2025, Acme posted revenue of $41.2 million and net income of "
     "$6.3 million.\n"
     "The company said its net loss came from a charge of $12.5 million and revenue of $3.1 "
     "million.", "en"),
    ("Acme : résultats du deuxième trimestre 2025\n"
     "Au deuxième trimestre 2025, Acme a publié un chiffre d'affaires de 41,2 millions de "
     "dollars et un bénéfice net de 6,3 millions de dollars.\n"
     "La société a précisé que la perte nette provenait d'une charge de 12,5 millions de "
     "dollars et d'un chiffre d'affaires de 3,1 millions de dollars.", "fr"),
])
def test_a_figure_contested_by_one_dated_in_its_own_sentence_is_noticed(text, lang):
    assert proposed(text, lang) == [("results_reported", "2025-Q2", "6300000")]
    [(figures, why)] = noticed(text, lang)
    assert "12" in figures[0] and "period has another figure of this kind" in why


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme made its first purchase on June 2, 2025, buying 5 BTC. A few days later the "
     "company bought another 12 BTC.", "en"),
    ("Acme a effectué son premier achat le 2 juin 2025, en acquérant 5 BTC. Quelques jours "
     "plus tard, la société a acheté 12 BTC de plus.", "fr"),
])
def test_a_flow_dated_by_the_publication_over_a_day_the_text_gives_another_is_noticed(
        text, lang):
    # (the second purchase would take the publication's month, which holds the first's day:
    # the text dates its flows by day, and this one's day is not given)
    assert proposed(text, lang) == [("btc_purchased", "2025-06-02", "5")]
    [(figures, why)] = noticed(text, lang)
    assert figures == ["12 BTC"] and "overlapping period" in why


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme mined 455 BTC in June 2025 and 484 BTC in May 2025.", "en"),
    ("Acme a miné 455 BTC en juin 2025 et 484 BTC en mai 2025.", "fr"),
    ("Acme bought 5 BTC on June 2, 2025 and 12 BTC on June 6, 2025.", "en"),
    # (a quarter a heading names holds a month a sentence names: both stand)
    ("Acme second-quarter 2025 update\nAcme mined 900 BTC, up 5% on the quarter before.\n"
     "In June 2025 alone, Acme mined 310 BTC.", "en"),
    ("Acme : le point du deuxième trimestre 2025\nAcme a miné 900 BTC.\nEn juin 2025, Acme "
     "a miné 310 BTC.", "fr"),
])
def test_figures_of_a_kind_for_different_periods_are_not_contested(text, lang):
    assert [(kind, btc) for kind, _, btc in proposed(text, lang)] in (
        [("btc_mined", "455"), ("btc_mined", "484")],
        [("btc_purchased", "5"), ("btc_purchased", "12")],
        [("btc_mined", "900"), ("btc_mined", "310")])
    assert noticed(text, lang) == []


# --- age: a whole year's flow told long after any annual report -----------------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("Acme sold 300 BTC in 2024.", "en"),
    ("Acme a vendu 300 BTC en 2024.", "fr"),
])
def test_a_whole_years_flow_told_long_after_the_year_is_noticed(text, lang):
    assert proposed(text, lang, "2025-09-10") == []
    [(figures, why)] = noticed(text, lang, "2025-09-10")
    assert figures == ["300 BTC"] and "whole year" in why
    # (published while annual reports are: proposed)
    assert proposed(text, lang, "2025-03-10") == [("btc_sold", "2024", "300")]
    assert noticed(text, lang, "2025-03-10") == []


def test_the_features_are_named_and_the_rule_is_one_function():
    from ledger.draft import confidence

    assert set(confidence.Features.__dataclass_fields__) == {
        "period_from", "contested_by", "subject", "subject_other", "own_named", "role",
        "age_days"}
    weak = confidence.Features("disclosed", None, "Rivalco", True, False, "plain", 0)
    assert confidence.decide({"type": "btc_balance_disclosed"}, weak)
    strong = confidence.Features("sentence", None, None, False, True, "plain", 3)
    assert confidence.decide({"type": "btc_balance_disclosed"}, strong) == []
