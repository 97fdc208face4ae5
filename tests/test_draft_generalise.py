"""Generalising to unseen text (issue 23, sixth round): gates and readings stated as how any
disclosure is written, each on the project's own short texts in English and French.

First, what a sentence asserts: a question, hearsay, a supposition or an intention states no
action; a sentence opening on a description of someone else is theirs; a whole year's flow
long past, in a text not reporting on it, is history. Then whose figure: companies told
apart by how texts write names, not by how often a name comes back.
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type


def records(text: str, lang: str = "en", disclosed: str | None = "2025-06-10",
            company: str = "ACME", read_all: bool = False) -> list[dict]:
    return drafted(text, lang, disclosed, company, read_all)


def noticed_why(text: str, lang: str = "en", disclosed: str | None = "2025-06-10",
                company: str = "ACME") -> list[str]:
    from ledger.draft import draft

    seen: list = []
    draft(text, "doc.txt", company, lang, disclosed, seen)
    return [n.why for n in seen]


# --- what a sentence asserts ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Will Acme Corp (ACME) buy 1,000 BTC before the summer ends?", "en"),
    ("Acme Corp (ACME) va-t-elle acheter 1 000 BTC avant la fin de l'été ?", "fr"),
])
def test_a_question_states_no_action(text, lang):
    assert records(text, lang) == []
    assert any("question" in why for why in noticed_why(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) reportedly bought 800 BTC in May, people close to the deal told a "
     "newspaper.", "en"),
    ("Acme Corp (ACME) is said to have sold 800 BTC in May.", "en"),
    ("Acme Corp (ACME) aurait acheté 800 BTC en mai, d'après un quotidien financier.", "fr"),
    ("Selon des sources proches du dossier, Acme Corp (ACME) a vendu 800 BTC en mai.", "fr"),
])
def test_hearsay_is_no_disclosure(text, lang):
    assert records(text, lang) == []
    assert any("hearsay" in why for why in noticed_why(text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("If Acme Corp (ACME) sold all of its 4,000 BTC, the company would raise about $400 "
     "million.", "en"),
    ("Acme Corp (ACME) intends to use the $200 million to buy about 2,000 BTC.", "en"),
    ("Acme Corp (ACME) hopes to own 9,000 BTC by the autumn.", "en"),
    ("Si Acme Corp (ACME) vendait ses 4 000 BTC, elle récupérerait 400 millions de dollars.",
     "fr"),
    ("Acme Corp (ACME) espère acquérir 1 000 BTC grâce à cette levée.", "fr"),
    ("Acme Corp (ACME) compte acheter 1 000 BTC au second semestre.", "fr"),
])
def test_a_supposition_or_an_intention_is_not_done(text, lang):
    assert records(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "btc"), [
    ("Acme Corp (ACME), which plans to keep buying, purchased 500 BTC in May.", "en", "500"),
    ("Acme Corp (ACME), qui compte poursuivre ses achats, a acheté 500 BTC en mai.", "fr",
     "500"),
])
def test_an_intention_in_another_clause_leaves_the_action_done(text, lang, btc):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang)] == \
        [("btc_purchased", btc, "2025-05")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) bought 500 BTC in May.\n\nThe largest corporate holder now owns 600,000 "
     "BTC.", "en"),
    ("Acme Corp (ACME) a acheté 500 BTC en mai.\n\nLe plus grand détenteur coté possède "
     "désormais 600 000 BTC.", "fr"),
])
def test_a_sentence_opening_on_someone_else_described_is_theirs(text, lang):
    found = records(text, lang)
    assert [(r["type"], r["btc"]) for r in found] == [("btc_purchased", "500")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) now holds 4,000 BTC. The company's CEO, Jane Roe, personally owns 12 BTC.",
     "en"),
    ("Acme Corp (ACME) détient désormais 4 000 BTC. Son fondateur, Jean Dupont, possède à titre "
     "personnel 12 BTC.", "fr"),
])
def test_a_persons_coins_are_not_the_companys(text, lang):
    assert [r["btc"] for r in records(text, lang)] == ["4000"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) has not sold any of its 4,000 BTC.", "en"),
    ("Acme Corp (ACME) never sold a single one of its 4,000 BTC.", "en"),
    ("Acme Corp (ACME) n'a vendu aucun de ses 4 000 BTC.", "fr"),
])
def test_a_denied_action_is_no_record(text, lang):
    assert of_type(records(text, lang), "btc_sold") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) did not buy any coins last week; it still holds 4,000 BTC.", "en"),
    ("Acme Corp (ACME) n'a acheté aucun bitcoin la semaine dernière ; elle détient toujours "
     "4 000 BTC.", "fr"),
])
def test_a_holding_told_after_a_denied_action_stands(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang)] == \
        [("btc_balance_disclosed", "4000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("In 2021, Acme Corp (ACME) bought 1,500 BTC for $60 million.", "en"),
    ("En 2021, Acme Corp (ACME) a acheté 1 500 BTC pour 60 millions de dollars.", "fr"),
])
def test_a_whole_year_long_past_is_history_in_a_later_text(text, lang):
    assert records(text, lang, "2025-06-10") == []
    # the same sentence in a text published early the next year reports that year
    assert [r["effective"] for r in records(text, lang, "2022-02-15")] == ["2021"]


# --- whose figure: companies told apart by how names are written -----------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Northwind Data Works and Rivalco both added coins on Monday.\n"
     "Rivalco now holds 2,317 BTC in total. Northwind's reserve has reached 1,250 BTC.",
     "en"),
    ("Northwind Data Works et Rivalco ont toutes deux ajouté des bitcoins lundi.\n"
     "Rivalco possède maintenant 2 317 BTC. Les réserves de Northwind atteignent 1 250 BTC.",
     "fr"),
])
def test_a_ticker_made_of_a_names_initials_names_that_company(text, lang):
    found = records(text, lang, company="NDW", read_all=True)
    assert "2317" not in [r.get("btc") for r in found]


@pytest.mark.parametrize(("text", "lang"), [
    ("Miners Rivalco Holdings and Acme reported on Tuesday.\n"
     "Rivalco Holdings finished September with 47,300 BTC. Acme said it held 13,600 BTC at the "
     "end of the third quarter.", "en"),
    ("Les mineurs RIVAL Holdings et Acme ont publié leurs comptes mardi.\n"
     "RIVAL Holdings terminait septembre avec 47 300 BTC. Acme détenait 13 600 BTC à la fin "
     "du troisième trimestre.", "fr"),
])
def test_a_name_written_with_a_company_suffix_is_another_company(text, lang):
    found = records(text, lang, "2025-11-04")
    assert [r["btc"] for r in of_type(found, "btc_balance_disclosed")] == ["13600"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) holds 3,200 BTC. It is still far from the leader, since the company of "
     "John Smith, Rivalco (formerly MegaRival), has reached 528,000 BTC after a new "
     "acquisition.", "en"),
    ("Acme Corp (ACME) détient 3 200 BTC. Elle reste loin du premier, puisque la société de "
     "John Smith, Rivalco (anciennement MegaRival), a atteint 528 000 BTC après un nouvel "
     "achat.", "fr"),
])
def test_a_company_named_by_its_former_name_or_as_a_company_is_another(text, lang):
    found = records(text, lang, read_all=True)
    assert "528000" not in [r.get("btc") for r in found]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) said its plans are on track, as Rivalco acquired 21,000 BTC for $2.4 "
     "billion in July.", "en"),
    ("Acme Corp (ACME) dit suivre son plan, tandis que Rivalco acquis 21 000 BTC pour 2,4 "
     "milliards de dollars en juillet.", "fr"),
])
def test_a_name_opening_a_second_clause_with_a_bitcoin_verb_is_a_company(text, lang):
    assert records(text, lang, read_all=True) == [] or "21000" not in [
        r.get("btc") for r in records(text, lang)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) closed its merger with Rivalco Holdings in January.\n"
     "Acme, having cleared the debt from its merger with Rivalco Holdings, bought another 334 "
     "BTC in January.", "en"),
    ("Acme Corp (ACME) a finalisé sa fusion avec Rivalco Holdings en janvier.\n"
     "Acme, après avoir soldé la dette de sa fusion avec Rivalco Holdings, a acheté 334 BTC de "
     "plus en janvier.", "fr"),
])
def test_a_company_after_a_preposition_does_not_own_the_figure(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2026-01-28")] == \
        [("btc_purchased", "334")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) monthly update\nSeptember 2025\nBTC sold: 12\n\nOur rival Rivalco holds "
     "3,100 BTC.", "en"),
    ("Point mensuel d'Acme Corp (ACME)\nSeptembre 2025\nBTC vendus : 12\n\nSon concurrent "
     "Rivalco détient 3 100 BTC.", "fr"),
])
def test_a_rival_named_only_after_a_figure_leaves_it_this_companys(text, lang):
    found = records(text, lang, "2025-10-03")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_sold")] == \
        [("12", "2025-09")]


# --- what the figure is: comparisons, changes, conversions, proceeds, parts -----------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) reported that it held 13,700 BTC at the end of the third quarter, "
     "against 9,100 BTC in the same period a year earlier.", "en"),
    ("Acme Corp (ACME) a déclaré détenir 13 700 BTC à la fin du troisième trimestre, contre "
     "9 100 BTC à la même date l'an dernier.", "fr"),
])
def test_a_figure_held_up_for_comparison_is_not_this_periods(text, lang):
    found = records(text, lang, "2025-11-04")
    assert "9100" not in [r.get("btc") for r in found]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) booked a net loss of $61.8 million in the second quarter of 2025, "
     "against losses of $23.1 million recorded a year earlier. Its hosting revenue fell "
     "by $5.3 million.", "en"),
    ("Acme Corp (ACME) a enregistré une perte nette de 61,8 millions de dollars sur le deuxième "
     "trimestre 2025, contre des pertes de 23,1 millions de dollars l'an dernier. Ses "
     "revenus d'hébergement ont reculé de 5,3 millions de dollars.", "fr"),
])
def test_an_earlier_years_figure_or_a_change_makes_no_results(text, lang):
    found = records(text, lang, "2025-08-01")
    amounts = {v for r in found for v in (r.get("revenue_usd"), r.get("net_income_usd"))}
    assert not amounts & {"-23100000", "23100000", "5300000", "-5300000"}


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Buys $70 Million Worth Of Bitcoin\n\nAcme Corp (ACME) has acquired 620 BTC for about "
     "€61.0 million ($70 million) on June 2, 2025.", "en"),
    ("Acme achète pour 70 millions de dollars de bitcoins\n\nAcme Corp (ACME) a acquis 620 BTC "
     "pour environ 61,0 millions d'euros (70 millions de dollars) le 2 juin 2025.", "fr"),
])
def test_dollars_given_only_as_a_conversion_are_no_cost_anywhere(text, lang):
    bought = of_type(records(text, lang, "2025-06-03"), "btc_purchased")
    assert [(r["btc"], r.get("usd")) for r in bought] == [("620", None)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) has completed an upsized $800 million offering of 0% convertible notes "
     "due 2031, securing $788.5 million in net proceeds. The initial conversion price is about "
     "$21.40 per share.", "en"),
    ("Acme Corp (ACME) a clôturé une émission de 800 millions de dollars d'obligations "
     "convertibles à 0 % échéant en 2031, pour un produit net de 788,5 millions de dollars. Le "
     "prix de conversion initial est d'environ 21,40 dollars par action.", "fr"),
])
def test_net_proceeds_are_no_principal(text, lang):
    notes = of_type(records(text, lang, "2025-07-28"), "notes_issued")
    assert [r.get("principal_usd") for r in notes] in ([], ["800000000"])


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) confirmed the purchase of 480 BTC this week. The purchase was made in "
     "two lots: 75 BTC bought with the proceeds of a placement, and 405 BTC bought with the "
     "proceeds of a bond.", "en"),
    ("Acme Corp (ACME) a confirmé l'achat de 480 BTC cette semaine. L'achat s'est fait en deux "
     "lots : 75 BTC acquis grâce à un placement privé, et 405 BTC acquis grâce à une émission "
     "obligataire.", "fr"),
])
def test_counts_that_add_up_to_a_purchase_told_beside_them_are_its_parts(text, lang):
    bought = of_type(records(text, lang, "2025-06-12"), "btc_purchased")
    assert [r["btc"] for r in bought] == ["480"]


# --- tables with comparison columns -----------------------------------------------------------


TABLE_EN = """\
Acme Corp (ACME) reports its monthly figures

Change (%)
Metric August 2025 July 2025 August 2024 Month/Month Year/Year
Bitcoin Mined 410 395 380 4% 8%
Bitcoin Held1 6,120 5,905 4,200 4% 46%
Bitcoin Sold 185 170 160 9% 16%
Bitcoin Sales - Net Proceeds $20.1 million $18.0 million $9.2 million 12% 118%
1. At the end of the month.
"""
TABLE_FR = """\
Acme Corp (ACME) publie ses chiffres du mois

Variation (%)
Indicateur Août 2025 Juillet 2025 Août 2024 Mois/Mois Année/Année
Bitcoins minés 410 395 380 4 % 8 %
Bitcoins détenus1 6.120 5.905 4.200 4 % 46 %
Bitcoins vendus 185 170 160 9 % 16 %
Ventes de bitcoins - Produit net 20,1 millions $ 18,0 millions $ 9,2 millions $ 12 % 118 %
1. À la fin du mois.
"""


@pytest.mark.parametrize(("text", "lang"), [(TABLE_EN, "en"), (TABLE_FR, "fr")])
def test_a_table_with_comparison_columns_is_read_in_its_latest_period(text, lang):
    found = {(r["type"], r["btc"], r.get("usd"), r["effective"])
             for r in records(text, lang, "2025-09-03")}
    assert found == {("btc_mined", "410", None, "2025-08"),
                     ("btc_balance_disclosed", "6120", None, "2025-08-31"),
                     ("btc_sold", "185", "20100000", "2025-08")}


# --- a BTC Yield named after its figure -------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) reports 512.4% BTC Yield year-to-date.", "en"),
    ("Acme Corp (ACME) claims a 512.4% year-to-date Bitcoin yield.", "en"),
    ("Acme Corp (ACME) has posted a \u201cBTC Yield\u201d \u2013 the growth of its coins per "
     "diluted share \u2013 of 512.4% year-to-date.", "en"),
    ("Acme Corp (ACME) affiche 512,4 % de rendement BTC depuis le début de l'année.", "fr"),
])
def test_a_year_to_date_yield_named_after_its_figure_is_as_of_the_publication(text, lang):
    [kpi] = of_type(records(text, lang, "2025-06-03"), "kpi_disclosed")
    assert (kpi["value"], kpi["since"], kpi["effective"]) == ("5.124", "2025-01-01",
                                                              "2025-06-03")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) reported 90-day and year-to-date BTC yields of 95% and 810%, "
     "respectively.", "en"),
    ("Acme Corp (ACME) a publié des rendements BTC cumulés depuis le début de l'année et mensuel de "
     "810 % et 95 % respectivement.", "fr"),
])
def test_yields_told_respectively_pair_with_their_periods(text, lang):
    kpis = of_type(records(text, lang, "2025-07-17"), "kpi_disclosed")
    assert [(k["value"], k["since"]) for k in kpis] == [("8.1", "2025-01-01")]


# --- holdings the action told brought the company to --------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) has bought 210 BTC. The purchases bring its total holdings to 1,317 BTC.",
     "en"),
    ("Acme Corp (ACME) has sold 300 BTC. Its reserves shrink, going from 1,617 to 1,317 BTC.",
     "en"),
    ("Acme Corp (ACME) a vendu 300 BTC. Ses réserves fondent, passant de 1 617 à 1 317 BTC.",
     "fr"),
    ("Acme Corp (ACME) a acheté 210 BTC pour atteindre 1 317 BTC.", "fr"),
    ("Acme Corp (ACME) has declared a new purchase of 210 bitcoin, inflating its coffers to "
     "1,317 BTC.", "en"),
    ("Acme Corp (ACME) a annoncé un nouvel achat de 210 bitcoins, qui gonfle ses coffres à "
     "1 317 BTC.", "fr"),
])
def test_holdings_an_action_brought_the_company_to_are_held_on_the_day_it_was_told(text, lang):
    [held] = of_type(records(text, lang, "2025-06-03"), "btc_balance_disclosed")
    assert (held["btc"], held["effective"]) == ("1317", "2025-06-03")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) sold 300 BTC, its holdings now at 1,317 BTC.\n"
     "Acme sells part of its reserve to repay debt. - Acme (@AcmeCorp) June 2, 2025", "en"),
    ("Acme Corp (ACME) a vendu 300 BTC et détient désormais 1 317 BTC.\n"
     "Acme sells part of its reserve to repay debt. - Acme (@AcmeCorp) June 2, 2025", "fr"),
])
def test_the_day_the_company_signed_its_own_post_is_the_announcement_day(text, lang):
    [held] = of_type(records(text, lang, "2025-06-03"), "btc_balance_disclosed")
    assert held["effective"] == "2025-06-02"


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) currently holds approximately 40,000 BTC, valued near $4 billion.", "en"),
    ("Acme Corp (ACME) détient actuellement environ 40 000 BTC, valorisés près de 4 milliards "
     "de dollars.", "fr"),
])
def test_a_rounded_approximate_holding_dated_only_by_the_publication_is_noticed(text, lang):
    assert of_type(records(text, lang, "2025-07-28"), "btc_balance_disclosed") == []
    # an approximate word before the company's own count keeps it
    exact = text.replace("40,000", "40,312").replace("40 000", "40 312")
    assert [r["btc"] for r in of_type(records(exact, lang, "2025-07-28"),
                                      "btc_balance_disclosed")] == ["40312"]


# --- results and updates, as texts name them ------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("In its latest operations update, released on July 7, Acme Corp (ACME) said it produced "
     "640.5 BTC in the second quarter of 2025.", "en"),
    ("Dans sa dernière mise à jour publiée le 7 juillet, Acme Corp (ACME) a indiqué avoir "
     "produit 640,5 BTC au deuxième trimestre 2025.", "fr"),
])
def test_the_latest_update_is_this_one_not_an_earlier_report(text, lang):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-07-08")] \
        == [("btc_mined", "640.5", "2025-Q2")]


@pytest.mark.parametrize(("text", "lang"), [
    ("In the third quarter of 2025, Acme Corp (ACME) posted revenue of $61.5 million, with a "
     "profit of $20.2 million.", "en"),
    ("Au troisième trimestre 2025, Acme Corp (ACME) a réalisé un chiffre d'affaires de 61,5 "
     "millions de dollars et un bénéfice de 20,2 millions de dollars.", "fr"),
])
def test_a_profit_with_no_qualifier_is_the_net_income(text, lang):
    [report] = of_type(records(text, lang, "2025-11-04"), "results_reported")
    assert (report["revenue_usd"], report["net_income_usd"]) == ("61500000", "20200000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Miners Rivalco Holdings and Acme Corp (ACME) both reported on Tuesday.\nRivalco's revenue "
     "came to $187 million in the third quarter of 2025. Acme, for its part, posted a profit of "
     "$20.2 million.", "en"),
    ("Les mineurs RIVAL Holdings et Acme Corp (ACME) ont publié mardi.\nLes revenus de RIVAL ont "
     "totalisé 187 millions de dollars sur le troisième trimestre 2025. De son côté, Acme a dégagé un "
     "bénéfice de 20,2 millions de dollars.", "fr"),
])
def test_a_report_is_not_made_of_two_companies_figures(text, lang):
    assert of_type(records(text, lang, "2025-11-04"), "results_reported") == []


# --- more ways texts tell a sale, a holding, a quarter, a repurchase of notes ---------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("By selling 502 BTC in March 2025 at an average price of about $84,800 per BTC, Acme Corp "
     "(ACME) raised $42.4 million to fund its expansion.", "en"),
    ("En vendant 502 BTC en mars 2025 à un prix moyen d'environ 84 800 dollars, Acme Corp (ACME) "
     "a levé 42,4 millions de dollars pour financer son expansion.", "fr"),
    # a sign a summary put before the dollars: what a sale brought is never negative
    ("- Acme Corp (ACME) sold 502 bitcoins in March 2025, resulting in net proceeds of -$42.4 "
     "million.", "en"),
    ("- Acme Corp (ACME) a vendu 502 bitcoins en mars 2025, pour un produit net de -42,4 "
     "millions de dollars.", "fr"),
])
def test_what_a_sale_raised_is_its_proceeds(text, lang):
    assert [(r["btc"], r.get("usd")) for r in of_type(records(text, lang, "2025-04-04"),
                                                       "btc_sold")] == [("502", "42400000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("As of April 24, 2025, Acme Corp (ACME) possessed 3,303 BTC.", "en"),
    ("Au 24 avril 2025, Acme Corp (ACME) possédait 3 303 BTC.", "fr"),
])
def test_possessed_coins_are_a_holding(text, lang):
    assert [(r["btc"], r["effective"]) for r in
            of_type(records(text, lang, "2025-04-25"), "btc_balance_disclosed")] == \
        [("3303", "2025-04-24")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) released its figures for the year's second quarter.\nIts cost to mine "
     "one coin was close to its level of a year before.\nThe miner mined 618 bitcoin during "
     "the quarter, almost unchanged from 613 in the first quarter.", "en"),
    ("Acme Corp (ACME) publie ses résultats pour le deuxième trimestre de l'année.\nSon coût par "
     "bitcoin est proche de celui du deuxième trimestre 2024.\nLe mineur a extrait 618 bitcoins "
     "sur le trimestre, presque autant que les 613 du premier trimestre.", "fr"),
])
def test_the_quarter_a_text_reports_on_is_the_quarter_it_refers_to(text, lang):
    assert [(r["btc"], r["effective"]) for r in of_type(records(text, lang, "2025-08-11"),
                                                        "btc_mined")] == [("618", "2025-Q2")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) closed its offering on July 25, 2025. About $11.6 million of the "
     "money raised went to repurchase $12.2 million of its 2026 notes.", "en"),
    ("Acme Corp (ACME) a clôturé son émission le 25 juillet 2025. Environ 11,6 millions de "
     "dollars du produit ont servi à racheter 12,2 millions de dollars de ses obligations "
     "2026.", "fr"),
])
def test_notes_bought_back_with_an_offerings_proceeds_are_retired(text, lang):
    retired = of_type(records(text, lang, "2025-07-28", read_all=True), "notes_retired")
    assert [r.get("principal_usd") for r in retired] == ["12200000"]


@pytest.mark.parametrize(("text", "lang"), [
    ("On September 22, 2025, Acme Corp, a Paris-listed company (ISIN: FR0000000000, ticker: "
     "ACME) and the first such holder in Europe, reported buying a further "
     "327 BTC. With this purchase its holdings came to 2,640 BTC.", "en"),
    ("Le 22 septembre 2025, Acme Corp, société cotée à Paris (ticker : ACME) et premier "
     "détenteur européen, a annoncé l'achat de 327 BTC supplémentaires. Cette opération "
     "porte ses avoirs à 2 640 BTC.", "fr"),
])
def test_a_day_that_dates_an_announcement_past_an_apposition_gives_the_flow_its_month(text, lang):
    found = records(text, lang, "2025-09-22")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == [
        ("btc_purchased", "327", "2025-09"), ("btc_balance_disclosed", "2640", "2025-09-22")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) closed a $150 million convertible note offering on Friday. The notes "
     "pay no interest for their first three years, then 7% a year.", "en"),
    ("Acme Corp (ACME) a clôturé vendredi une émission d'obligations convertibles de 150 "
     "millions de dollars. Les obligations ne portent pas d'intérêts pendant deux ans, puis un "
     "taux de 7 % par an.", "fr"),
])
def test_a_rate_that_steps_up_is_no_zero_coupon(text, lang):
    found = records(text, lang, "2025-08-18", read_all=True)
    assert all(r.get("coupon_percent") != "0" for r in of_type(found, "notes_issued"))


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) announced the acquisition of 124 BTC for 1.75 billion yen on May 3, "
     "2025.\nRead next: Rivalco put $3.9b more into Bitcoin", "en"),
    ("Acme Corp (ACME) a annoncé l'acquisition de 124 BTC pour 1,75 milliard de yens le 3 mai "
     "2025.\nÀ lire aussi : Rivalco a investi 3,9 milliards de dollars de plus en bitcoins", "fr"),
])
def test_no_draft_takes_a_figure_from_a_sentence_on_another_company(text, lang):
    found = of_type(records(text, lang, "2025-05-03"), "btc_purchased")
    assert all(r.get("usd") is None for r in found)
