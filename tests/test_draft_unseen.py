"""Rules measured on real texts the drafter had not seen (issue 23), each on the project's own
short texts in English and French: what was never right there is not proposed (precision
first: on unseen text a wrong draft costs more than a missing one), and shapes those texts
use that the drafter did not read.
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type


def records(text: str, lang: str = "en", disclosed: str | None = "2025-04-02",
            company: str = "ACME", read_all: bool = False) -> list[dict]:
    return drafted(text, lang, disclosed, company, read_all)


# --- not proposed: shapes never right on unseen text ------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme added 300 BTC to its treasury, bringing its total holdings to 4,300 BTC.", "en"),
    ("Acme ajoute 300 BTC à ses réserves, qui atteignent désormais 4 300 BTC.", "fr"),
])
def test_coins_added_are_no_change_record_the_balance_is(text, lang):
    found = records(text, lang)
    assert of_type(found, "btc_change_disclosed") == []
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [("4300", "2025-04-02")]


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2025 Acme bought $20 million of bitcoin for its treasury.", "en"),
    ("En mars 2025, Acme a acheté pour 20 millions de dollars de bitcoins.", "fr"),
])
def test_a_purchase_with_no_coin_count_is_not_proposed(text, lang):
    assert of_type(records(text, lang), "btc_purchased") == []


def test_a_purchase_with_its_coins_still_is():
    [bought] = of_type(records("In March 2025 Acme bought 250 BTC for $20 million."),
                       "btc_purchased")
    assert (bought["btc"], bought["usd"], bought["effective"]) == ("250", "20000000", "2025-03")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme first invested $80 million in bitcoin and sold $15 million of it in April.", "en"),
    ("Acme a vendu pour 15 millions de dollars de bitcoins en avril.", "fr"),
])
def test_sale_dollars_with_no_coins_and_no_year_are_not_proposed(text, lang):
    assert of_type(records(text, lang), "btc_sold") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("In the second quarter of 2024, Acme sold most of its bitcoin, converting it into $90 "
     "million of cash.", "en"),
    ("Au deuxième trimestre 2024, Acme a cédé l'essentiel de ses bitcoins contre 90 millions de "
     "dollars en espèces.", "fr"),
])
def test_the_cash_a_sale_brought_is_its_proceeds_even_without_coins(text, lang):
    [sale] = of_type(records(text, lang, "2024-07-20"), "btc_sold")
    assert (sale.get("btc"), sale["usd"], sale["effective"]) == (None, "90000000", "2024-Q2")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme raised $150 million through its at-the-market equity program.", "en"),
    ("Acme a levé 150 millions de dollars via son programme d'augmentation de capital ATM.",
     "fr"),
])
def test_a_raise_with_no_shares_and_no_date_is_not_proposed(text, lang):
    assert of_type(records(text, lang), "equity_issued") == []


def test_a_raise_with_its_shares_still_is():
    text = ("Between March 3, 2025 and March 9, 2025, Acme sold 1,200,000 shares under its ATM "
            "program for net proceeds of $150 million.")
    [equity] = of_type(records(text), "equity_issued")
    assert (equity["usd"], equity["shares"], equity["effective"]) == \
        ("150000000", "1200000", "2025-03-03/2025-03-09")


# --- convertible terms paragraphs after the principal -----------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Prices $150 Million Convertible Notes Offering\n\nAcme announced the pricing of "
     "$150 million in aggregate principal amount of 1.75% convertible senior notes due 2030. "
     "The offering is expected to close on May 6, 2025.\n\nDetails of the Offering\n\nThe notes "
     "will bear interest at 1.75% per annum and will mature on June 1, 2030, unless earlier "
     "converted.\n\nConversion Terms\n\nHolders may convert the notes into cash or stock. "
     "The initial conversion rates are set at 41.2500 shares per $1,000 principal amount, "
     "equivalent to an initial conversion price of about $24.24 per share.", "en"),
    ("Acme has closed its sale of $150 million of 1.75% convertible senior notes due 2030.\n"
     "Their maturity date is June 1, 2030.\nAt the start, the notes' conversion rate will be "
     "41.2500 shares per $1,000 of principal, a conversion price of about $24.24 a share.",
     "en"),
    ("Acme annonce le prix de son émission de 150 millions de dollars d'obligations "
     "convertibles à 1,75 % arrivant à échéance en 2030. Le règlement est prévu le 6 mai "
     "2025.\n\nModalités\n\nLes obligations arriveront à échéance le 1er juin 2030.\n\n"
     "Conversion\n\nLe taux de conversion initial sera de 41,25 actions pour 1 000 dollars de "
     "principal, soit un prix de conversion initial d'environ 24,24 dollars par action.", "fr"),
])
def test_convertible_terms_read_paragraphs_after_the_principal(text, lang):
    [notes] = of_type(records(text, lang, "2025-05-02"), "notes_issued")
    assert (notes["principal_usd"], notes["coupon_percent"], notes["maturity"],
            notes["conversion_rate"], notes["conversion_price_usd"]) == \
        ("150000000", "1.75", "2030-06-01", "41.25", "24.24")


# --- a results release and a monthly update: shapes read ----------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme's adjusted EBITDA came to $3.7 million in its three-month period ended March 31, "
     "2025.", "en"),
    ("Sur sa période de trois mois close le 31 mars 2025, l'EBITDA ajusté d'Acme a atteint "
     "3,7 millions de dollars.", "fr"),
])
def test_a_three_month_period_ended_on_a_quarter_end_is_that_quarter(text, lang):
    [result] = of_type(records(text, lang, "2025-05-14", read_all=True), "results_reported")
    assert (result["adjusted_ebitda_usd"], result["effective"]) == ("3700000", "2025-Q1")


def test_bitcoins_earned_are_mined():
    found = records("In April 2025, the Company earned 91.4 bitcoins, down 6% from March.",
                    "en", "2025-05-03")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == \
        [("btc_mined", "91.4", "2025-04")]


@pytest.mark.parametrize(("text", "lang"), [
    ("On April 30, 2025 its BTC and ETH holdings were 612.7 and 8,431.2.", "en"),
    ("Les avoirs en BTC et en ETH s'élevaient à 612,7 et 8 431,2 au 30 avril 2025.", "fr"),
])
def test_the_first_of_two_holdings_named_together_is_the_bitcoin(text, lang):
    [balance] = of_type(records(text, lang, "2025-05-03"), "btc_balance_disclosed")
    assert (balance["btc"], balance["effective"]) == ("612.7", "2025-04-30")


@pytest.mark.parametrize("text", [
    "Acme operated 21,540 bitcoin miners at March 31, 2025.",
    "Counting its ether and stablecoins as bitcoin, the BTC equivalent of all its assets "
    "reached 1,890.0 BTC at March 31, 2025.",
])
def test_machines_and_a_btc_equivalent_are_no_coins_held(text):
    assert records(text, "en", "2025-05-14") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Q1 2025 at a glance\n- Revenue came to $12.6 million for the first quarter of 2025.\n- "
     "Total assets stood at $140.2 million on March 31, 2025.\n- Cash was $31.0 million on "
     "March 31, 2025.\n- Adjusted EBITDA reached $2.4 million for the three-month period "
     "ended March 31, 2025.", "en"),
    ("Faits marquants du premier trimestre 2025\n- Le chiffre d'affaires s'est élevé à 12,6 "
     "millions de dollars au premier trimestre 2025.\n- Le total de l'actif atteignait 140,2 "
     "millions de dollars au 31 mars 2025.\n- La trésorerie était de 31,0 millions de dollars au "
     "31 mars 2025.\n- L'EBITDA ajusté s'est établi à 2,4 millions de dollars pour la période "
     "de trois mois close le 31 mars 2025.", "fr"),
])
def test_a_quarters_results_on_lines_of_their_own_are_one_report(text, lang):
    [result] = of_type(records(text, lang, "2025-05-14"), "results_reported")
    assert (result["revenue_usd"], result["adjusted_ebitda_usd"], result["effective"]) == \
        ("12600000", "2400000", "2025-Q1")


@pytest.mark.parametrize(("text", "lang"), [
    ("As of April 30, 2025, Acme's treasury held 912 BTC, of which 410 BTC was allocated as "
     "collateral for its credit line.", "en"),
    ("Fin avril 2025, Acme détenait 912 BTC, dont 410 BTC ont été affectés en garantie.", "fr"),
])
def test_coins_allocated_as_collateral_are_the_balances_pledged(text, lang):
    [balance] = records(text, lang, "2025-05-05")
    assert (balance["type"], balance["btc"], balance["pledged"], balance["effective"]) == \
        ("btc_balance_disclosed", "912", "410", "2025-04-30")


def test_a_receivable_for_coins_posted_as_collateral_is_not_pledged():
    [balance] = records("At September 30, 2025 Acme held about 7,120 bitcoins and carried a "
                        "receivable for 1,300 bitcoin posted as collateral.", "en", "2025-11-03")
    assert (balance["btc"], balance.get("pledged")) == ("7120", None)


@pytest.mark.parametrize(("text", "lang"), [
    ("In April 2025, Acme mined 181 BTC. That total includes some 4 BTC earned by curtailing "
     "for the grid and about 22 BTC from its share of a partner's site.", "en"),
    ("En avril 2025, Acme a produit 181 BTC, dont environ 22 BTC sur ses sites en coentreprise "
     "et 4 BTC issus de ventes d'électricité.", "fr"),
])
def test_the_parts_a_total_includes_are_no_records(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-05-05")] == \
        [("btc_mined", "181")]


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("With this purchase, Acme now holds 212,300 bitcoins. A year ago it held only 98,400 BTC "
     "as of December 31, 2024.", "en", "2025-12-02"),
    ("Avec ce nouvel achat, Acme détient maintenant 212 300 bitcoins. Par rapport à l'an passé, "
     "sa réserve a doublé : elle n'était que de 98 400 BTC au 31 décembre 2024.", "fr",
     "2025-12-02"),
])
def test_a_balance_held_now_is_not_dated_by_another_sentences_day(text, lang, day):
    balances = {r["btc"]: r["effective"] for r in of_type(records(text, lang, day),
                                                           "btc_balance_disclosed")}
    assert balances["212300"] == day


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 12 mai, Acme a fait savoir qu'elle avait acquis 3 150 BTC à un prix moyen de "
     "97 400 dollars l'unité, soit un investissement total de 306,8 millions de dollars.", "fr"),
    ("Acme bought 3,150 BTC at an average price of $97,400 each, for a total of $306.8 "
     "million.", "en"),
])
def test_a_price_each_is_no_cost_the_total_after_it_is(text, lang):
    [bought] = of_type(records(text, lang, "2025-05-19"), "btc_purchased")
    assert (bought["btc"], bought["usd"]) == ("3150", "306800000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme a acquis 845 BTC pour 88,6 millions de dollars. Avec cet achat, sa réserve atteint "
     "désormais 7 500 bitcoins.", "fr"),
    ("Acme bought 845 BTC for $88.6 million. With this purchase, its treasury now reaches "
     "7,500 bitcoins.", "en"),
])
def test_what_holdings_now_reach_after_a_purchase_is_a_balance(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-16")] == \
        [("btc_purchased", "845"), ("btc_balance_disclosed", "7500")]


@pytest.mark.parametrize(("text", "lang"), [
    ("- Des opérations pouvant permettre d'acquérir ~35 BTC de plus, la détention potentielle "
     "totale montant alors à 1 840 BTC", "fr"),
    ("- Deals that could let Acme acquire ~35 more BTC, lifting its potential total holding "
     "to 1,840 BTC", "en"),
])
def test_a_possible_purchase_and_a_potential_total_are_no_records(text, lang):
    assert records(text, lang, "2025-09-08") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("L'objectif d'Acme pour 2025 était de 8 000 BTC.\nLa société a annoncé aujourd'hui "
     "avoir acquis 845 BTC pour un montant total de 88,6 millions de dollars.", "fr"),
    ("Acme's goal for 2025 was 8,000 BTC.\nThe company announced today that it had "
     "acquired 845 BTC for a total of $88.6 million.", "en"),
])
def test_a_targets_year_frames_nothing_after_it(text, lang):
    [bought] = of_type(records(text, lang, "2025-06-16"), "btc_purchased")
    assert (bought["btc"], bought["usd"], bought["effective"]) == \
        ("845", "88600000", "2025-06")


@pytest.mark.parametrize(("text", "lang"), [
    ("Crédit photo : agence\nAcme passe un nouveau cap. L'entreprise a maintenant plus de "
     "7 000 BTC.\nRivalco doublé au classement des détenteurs\nLa société a annoncé qu'elle "
     "avait acquis 845 BTC pour un montant total de 88,6 millions de dollars.\nAcme devance "
     "désormais Rivalco au classement.", "fr"),
    ("Photo credit: agency\nAcme passes another mark. The firm now has more than 7,000 BTC.\n"
     "Rivalco passed in the holders' ranking\nThe company announced that it had acquired 845 "
     "BTC for a total of $88.6 million.\nAcme now ranks ahead of Rivalco.", "en"),
])
def test_a_headings_name_is_not_the_company_a_pronoun_takes_up(text, lang):
    [bought] = of_type(records(text, lang, "2025-06-16", company="ACME"), "btc_purchased")
    assert (bought["btc"], bought["usd"]) == ("845", "88600000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme said its April output was 351 bitcoin. Ahead of the halving it had mined 240 "
     "bitcoin, or 61% of the month's total production.", "en"),
    ("Acme a produit 351 bitcoins en avril. Avant le halving, elle en avait extrait 240 "
     "bitcoins, soit 61 % de la production totale du mois.", "fr"),
])
def test_a_figure_said_to_be_a_share_of_the_total_is_no_record(text, lang):
    assert [r["btc"] for r in of_type(records(text, lang, "2024-05-02", read_all=True),
                                      "btc_mined")] == ["351"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme also bought back 20.4 million shares — some 8.2% of the stock outstanding — for "
     "about $310 million.", "en"),
    ("Dans le cadre de l'opération, Acme a racheté 20,4 millions d'actions — environ 8,2 % du "
     "capital — pour environ 310 millions de dollars.", "fr"),
])
def test_an_aside_between_dashes_does_not_part_shares_from_their_price(text, lang):
    [bought_back] = of_type(records(text, lang, "2025-11-13"), "shares_repurchased")
    assert (bought_back["shares"], bought_back["usd"]) == ("20400000", "310000000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Mining Update\nAcme mined 120 BTC in May 2025. Bigger names dominate the field: "
     "Rivalco boasts 38,150 BTC, while Othercorp holds 14,600 BTC.", "en"),
    ("Acme : point mensuel\nAcme a produit 120 BTC en mai 2025. Les grands noms dominent : "
     "Rivalco détient 38 150 BTC, tandis qu'Othercorp possède 14 600 BTC.", "fr"),
])
def test_a_clause_another_name_opens_holds_that_names_coins(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-05")] == \
        [("btc_mined", "120")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme had 5,100 BTC in reserve at one point, while listed miners now hold "
     "far more.", "en"),
    ("Acme : le point\nAcme avait 5 100 BTC en réserve à un moment, tandis que les mineurs cotés "
     "détiennent désormais bien plus.", "fr"),
])
def test_a_now_in_another_clause_does_not_date_a_balance(text, lang):
    assert records(text, lang, "2025-06-05") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme, which runs an online education business with about $10 million in "
     "annual revenue, said its treasury plan continues.", "en"),
    ("Acme : le point\nAcme, qui exploite une activité de formation générant environ 10 "
     "millions de dollars de chiffre d'affaires, poursuit sa stratégie.", "fr"),
])
def test_results_the_text_gives_no_period_are_not_proposed(text, lang):
    assert of_type(records(text, lang, "2024-12-30"), "results_reported") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme bought 35 BTC in May 2025. Acme now ranks below Rivalco, which "
     "currently holds 6,350 BTC.", "en"),
    ("Acme : le point\nAcme a acheté 35 BTC en mai 2025. Acme reste derrière Rivalco, "
     "qui détient actuellement 6 350 BTC.", "fr"),
])
def test_a_relative_clause_with_an_adverb_is_still_the_names(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-05-24")] == \
        [("btc_purchased", "35")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme lève des fonds\nJean Martin, qui dirige la société, se montre confiant "
     "dans un message publié sur X. Avec ses 2 700 bitcoins en trésorerie, Acme reste loin "
     "des plus gros détenteurs, parmi lesquels Vector (ex-MicroVector), l'entreprise fondée par "
     "Paul Durand, qui a atteint 402 770 BTC grâce à un achat annoncé le même jour.", "fr"),
    ("Acme raises funds\nJohn Martin, the company's chief executive, sounded confident in a "
     "post on X. With 2,700 bitcoins in its treasury, Acme is far from the largest holders, "
     "among them Vector (ex-MicroVector), the firm founded by Paul Durand, which has reached "
     "402,770 BTC thanks to a purchase announced the same day.", "en"),
])
def test_a_relative_clause_past_a_bracket_and_an_apposition_is_the_names(text, lang):
    assert [r for r in records(text, lang, "2025-04-01") if r.get("btc") == "402770"] == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme ended May with 12,104 BTC in its treasury.", "en"),
    ("Acme : le point\nAcme a terminé le mois de mai avec 12 104 BTC en trésorerie.", "fr"),
])
def test_a_month_ended_with_coins_is_that_months_closing_balance(text, lang):
    [balance] = records(text, lang, "2025-06-05")
    assert (balance["type"], balance["btc"], balance["effective"]) == \
        ("btc_balance_disclosed", "12104", "2025-05-31")


# --- found by probing the drafter with the project's own sentences ------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme reported 1,042 BTC produced in June 2025 and 48,137 BTC held as of June "
     "30, 2025.", "en"),
    ("Acme : le point\nAcme a annoncé 1 042 bitcoins produits en juin 2025 et 48 137 BTC "
     "détenus au 30 juin 2025.", "fr"),
])
def test_a_coin_counts_own_participle_says_what_it_is(text, lang):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-07-03")] == \
        [("btc_mined", "1042", "2025-06"), ("btc_balance_disclosed", "48137", "2025-06-30")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme's BTC holdings grew to 48,137 at the end of June from 47,531 at the end "
     "of May.", "en"),
    ("Acme : le point\nLes avoirs en BTC d'Acme sont passés à 48 137 fin juin, contre 47 531 "
     "fin mai.", "fr"),
    ("Acme Update\nAcme held 48,137 BTC at the end of June.", "en"),
])
def test_holdings_at_the_end_of_a_month_named_without_its_year(text, lang):
    [balance] = records(text, lang, "2025-07-03")
    assert (balance["type"], balance["btc"], balance["effective"]) == \
        ("btc_balance_disclosed", "48137", "2025-06-30")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Buys More Bitcoin\nAcme bought 2,500 BTC in May 2025. The purchase follows "
     "Rivalco's acquisition of 10,000 BTC last month.", "en"),
    ("Acme Buys More Bitcoin\nAcme bought 2,500 BTC in May 2025. The largest corporate holder, "
     "Rivalco, holds 580,000 BTC.", "en"),
    ("Acme achète du bitcoin\nAcme a acheté 2 500 BTC en mai 2025. Le plus grand détenteur, "
     "Rivalco, possède 580 000 BTC.", "fr"),
])
def test_a_possessor_and_a_name_in_apposition_own_their_figures(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-03")] == \
        [("btc_purchased", "2500")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme news. Acme has purchased a cumulative 40,000 BTC.", "en"),
    ("Acme : le point\nAcme a acheté au total 40 000 BTC.", "fr"),
])
def test_a_running_total_dated_only_by_the_publication_is_no_flow(text, lang):
    assert records(text, lang, "2025-06-03") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme news. Acme adopted bitcoin as its primary treasury reserve asset in "
     "August 2020 and has since accumulated 500,000 BTC.", "en"),
    ("Acme : le point\nAcme a adopté le bitcoin pour sa trésorerie en août 2020 et en a "
     "accumulé depuis 500 000 BTC.", "fr"),
])
def test_the_month_a_strategy_was_adopted_dates_no_balance(text, lang):
    assert [r for r in records(text, lang, "2025-06-03") if r.get("effective", "")
            .startswith("2020")] == []


def test_what_analysts_expect_is_no_result():
    assert records("Acme Update\nAcme news. Analysts expect Acme to report revenue of $250 "
                   "million for Q2 2025.", "en", "2025-06-03") == []


@pytest.mark.parametrize(("text", "lang", "effective"), [
    ("Acme Update\nAcme acquired 1,045 BTC in the first half of 2025.", "en",
     "2025-01-01/2025-06-30"),
    ("Acme Update\nAcme mined 1,200 BTC in H2 2024.", "en", "2024-07-01/2024-12-31"),
    ("Acme : le point\nAcme a acquis 1 045 BTC au premier semestre 2025.", "fr",
     "2025-01-01/2025-06-30"),
    ("Acme : le point\nAcme a produit 1 200 BTC au second semestre 2024.", "fr",
     "2024-07-01/2024-12-31"),
])
def test_a_half_year_is_its_range_not_the_publications_month(text, lang, effective):
    [flow] = records(text, lang, "2025-08-10")
    assert flow["effective"] == effective


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme : le point\nLe chiffre d'affaires d'Acme s'est établi à 96,8 millions de dollars au "
     "premier trimestre 2024. Ses revenus sur les licences logicielles ont atteint 19 millions "
     "de dollars.", "fr"),
    ("Acme Update\nAcme's total revenue fell to $96.8 million in Q1 2024. Revenue from its "
     "hosting business reached $19 million.", "en"),
])
def test_a_segments_revenue_named_after_the_word_is_not_the_companys(text, lang):
    assert [(r["type"], r.get("revenue_usd"))
            for r in records(text, lang, "2024-04-30", read_all=True)] == \
        [("results_reported", "96800000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme sold 1,354,500 shares under its ATM program, raising $519.5 million.",
     "en"),
    ("Acme : le point\nAcme a vendu 1 354 500 actions dans le cadre de son programme ATM, levant "
     "519,5 millions de dollars.", "fr"),
])
def test_shares_sold_raising_an_amount_are_one_issue(text, lang):
    # (dated by nothing but the publication: read, and noticed rather than drafted)
    assert records(text, lang, "2025-06-09") == []
    [equity] = records(text, lang, "2025-06-09", read_all=True)
    assert (equity["type"], equity["usd"], equity["shares"]) == \
        ("equity_issued", "519500000", "1354500")


def test_shares_bought_back_for_an_amount_are_no_issue():
    found = records("Acme Update\nAcme repurchased 1,354,500 shares under its buyback program, "
                    "spending $19.5 million.", "en", "2025-06-09")
    assert of_type(found, "equity_issued") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme's BTC Yield for Q1 2025 was 11.0%.", "en"),
    ("Acme : le point\nLe BTC Yield d'Acme au premier trimestre 2025 s'est établi à 11 %.", "fr"),
])
def test_a_yields_period_between_the_name_and_the_figure(text, lang):
    [kpi] = records(text, lang, "2025-06-09")
    assert (kpi["value"], kpi["since"], kpi["effective"]) == ("0.11", "2025-01-01", "2025-03-31")


def test_a_second_yield_in_a_chain_still_needs_its_own_period():
    text = ("Acme Update\nAcme gave two BTC Yield figures: 18.4% from January 1-February 3, 2025, "
            "and 131.7% since adopting its treasury strategy in July 2024.")
    assert [k["value"] for k in records(text, "en", "2025-02-04")] == ["0.184"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Monthly Update\nFor the month of June 2025:\n- Mined 702 BTC\n- Sold 350 BTC for $36.4 "
     "million", "en"),
    ("Acme : point mensuel\nAu cours du mois de juin 2025 :\n- 702 BTC produits\n- 350 BTC vendus "
     "pour 36,4 millions de dollars", "fr"),
])
def test_a_month_introducing_a_list_dates_its_items(text, lang):
    assert [(r["type"], r["effective"]) for r in records(text, lang, "2025-07-03")] == \
        [("btc_mined", "2025-06"), ("btc_sold", "2025-06")]


@pytest.mark.parametrize(("text", "lang", "kind"), [
    ("Acme Update\nAcme generated 702 BTC in June 2025.", "en", "btc_mined"),
    ("Acme Update\nAcme's output came in at 702 BTC in June 2025.", "en", "btc_mined"),
    ("Acme : le point\nAcme a généré 702 BTC en juin 2025.", "fr", "btc_mined"),
    ("Acme : le point\nLa production d'Acme s'est élevée à 702 BTC en juin 2025.", "fr",
     "btc_mined"),
    ("Acme Update\nAcme snapped up 702 BTC in June 2025.", "en", "btc_purchased"),
    ("Acme : le point\nAcme a liquidé 702 BTC en juin 2025.", "fr", "btc_sold"),
])
def test_more_verbs_real_updates_use(text, lang, kind):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-07-03")] == \
        [(kind, "702", "2025-06")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme has a total of 12,104 BTC.", "en"),
    ("Acme Update\nAcme's bitcoin stash rose to 12,104 BTC.", "en"),
    ("Acme : le point\nLa trésorerie d'Acme compte désormais 12 104 BTC.", "fr"),
    ("Acme : le point\nAcme dispose désormais de 12 104 BTC.", "fr"),
])
def test_more_ways_to_say_what_is_held(text, lang):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-07-03")] == \
        [("btc_balance_disclosed", "12104", "2025-07-03")]


def test_a_fee_a_transaction_generated_is_no_production():
    text = ("Acme Update\nAcme mined 615 bitcoin in June 2025. A single block it found generated "
            "a fee of 0.91 BTC.")
    assert [r["btc"] for r in records(text, "en", "2025-07-03")] == ["615"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAcme completed its first bitcoin purchase on May 21, buying 35 BTC for $4.1 "
     "million.", "en"),
    ("Acme : le point\nAcme a finalisé son premier achat le 21 mai, en achetant 35 BTC pour 4,1 "
     "millions de dollars.", "fr"),
])
def test_the_day_of_a_purchase_told_before_its_gerund(text, lang):
    [bought] = records(text, lang, "2025-05-24")
    assert (bought["btc"], bought["usd"], bought["effective"]) == ("35", "4100000", "2025-05-21")


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("Acme Update\nAcme bought 1,045 BTC for $110.2 million. The purchase was made on June 5.",
     "en", "2025-06-05"),
    ("Acme Update\nAcme bought 1,045 BTC for $110.2 million. The purchase was completed on "
     "Tuesday.", "en", "2025-06-10"),
    ("Acme : le point\nAcme a acheté 1 045 BTC pour 110,2 millions de dollars. L'achat a été "
     "finalisé mardi.", "fr", "2025-06-10"),
])
def test_the_day_a_sentence_of_its_own_says_the_purchase_was_completed(text, lang, day):
    [bought] = records(text, lang, "2025-06-12")
    assert (bought["btc"], bought["effective"]) == ("1045", day)


def test_the_weekday_a_company_said_something_still_dates_only_the_news():
    [bought] = records("Acme Update\nAcme said on Tuesday it bought 1,045 BTC for $110.2 "
                       "million.", "en", "2025-06-12")
    assert bought["effective"] == "2025-06"


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme : le point\nAcme a commencé à acheter des jetons bitcoin en avril, par un lot "
     "initial de 92,6 BTC.", "fr"),
    ("Acme Update\nAcme started buying bitcoin in April, with a first lot of 92.6 BTC.", "en"),
])
def test_a_flow_told_with_a_launchs_period_is_history_not_this_months(text, lang):
    assert records(text, lang, "2024-10-01") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Reports Results\nFor the fourth quarter of 2024, revenue was $208.7 million, compared "
     "to $151.3 million in the fourth quarter of 2023. Net income was $517.6 million.", "en"),
    ("Acme publie ses résultats\nAu quatrième trimestre 2024, le chiffre d'affaires s'est établi "
     "à 208,7 millions de dollars, contre 151,3 millions au quatrième trimestre 2023. Le résultat "
     "net s'est élevé à 517,6 millions de dollars.", "fr"),
])
def test_the_period_of_a_compared_figure_dates_nothing_after_it(text, lang):
    [result] = records(text, lang, "2025-02-06")
    assert (result["effective"], result["revenue_usd"], result["net_income_usd"]) == \
        ("2024-Q4", "208700000", "517600000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Reports Results\nAdjusted EBITDA was negative $12.3 million in Q1 2025.", "en"),
    ("Acme publie ses résultats\nL'EBITDA ajusté est négatif de 12,3 millions de dollars au "
     "premier trimestre 2025.", "fr"),
])
def test_a_negative_result_written_in_words(text, lang):
    [result] = records(text, lang, "2025-05-10", read_all=True)
    assert (result["effective"], result["adjusted_ebitda_usd"]) == ("2025-Q1", "-12300000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Update\nAs of June 30, 2025, the Company held 12,104 bitcoin, of which 2,000 were "
     "pledged as collateral.", "en"),
    ("Acme : le point\nAu 30 juin 2025, Acme détenait 12 104 bitcoins, dont 2 000 sont nantis.",
     "fr"),
])
def test_a_bare_count_of_which_part_is_pledged(text, lang):
    [balance] = records(text, lang, "2025-07-03")
    assert (balance["btc"], balance["pledged"], balance["effective"]) == \
        ("12104", "2000", "2025-06-30")


def test_a_releases_dateline_dates_the_news_so_the_flow_gets_its_month():
    text = ("Acme Confirms Acquisition of 48 BTC\nParis, September 8, 2025 – Acme announces the "
            "acquisition of 48 BTC for $5.4 million, bringing its total holdings to 2,249 BTC.")
    assert [(r["type"], r["effective"]) for r in records(text, "en", "2025-09-08")] == \
        [("btc_purchased", "2025-09"), ("btc_balance_disclosed", "2025-09-08")]


@pytest.mark.parametrize("text", [
    "Acme Update\nAcme bought 850 BTC for $91.3 million (¥13.8 billion) in June 2025.",
    "Acme Update\nAcme bought 850 BTC for ¥13.8 billion ($91.3 million) in June 2025.",
    "Acme Update\nAcme bought 48 BTC for €4.9 million (approximately $5.7 million) in June 2025.",
])
def test_dollars_beside_an_amount_in_another_currency_are_a_conversion(text):
    [bought] = records(text, "en", "2025-07-03")
    assert (bought["type"], bought.get("usd")) == ("btc_purchased", None)


@pytest.mark.parametrize("amount", ["$110.2mn", "$110.2M", "~$110.2M", "$110.2 million"])
def test_a_scale_glued_to_the_amount(amount):
    [bought] = records(f"Acme Update\nAcme acquired 1,045 BTC for {amount} in June 2025.", "en",
                       "2025-07-03")
    assert bought["usd"] == "110200000"


@pytest.mark.parametrize(("text", "lang"), [
    ("Miners report June production\nRivalco mined 450 BTC in June and held 19,200 BTC at the "
     "end of the month.\nAcme produced 702 BTC in June and ended the month with 12,104 BTC.\n"
     "Acme also sold 350 BTC during the month.", "en"),
    ("Les mineurs publient leur production de juin\nRivalco a extrait 450 BTC en juin et "
     "détenait 19 200 BTC à la fin du mois.\nAcme a produit 702 BTC en juin et a terminé le mois "
     "avec 12 104 BTC.\nAcme a également vendu 350 BTC au cours du mois.", "fr"),
])
def test_verbs_coordinated_with_another_names_share_its_subject(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-07-04")] == \
        [("btc_mined", "702"), ("btc_balance_disclosed", "12104"), ("btc_sold", "350")]


def test_the_name_the_ticker_abbreviates_is_the_companys_even_said_once():
    text = ("Miners report June production\nRivalco mined 450 BTC in June and held 19,200 BTC at "
            "the end of the month.\nAcme produced 702 BTC in June.")
    assert [(r["type"], r["btc"]) for r in records(text, "en", "2025-07-04")] == \
        [("btc_mined", "702")]


# --- an 8-K's "Label: value" lines under the period that introduces them -----------------------


def test_an_8k_purchase_and_holdings_as_label_lines():
    text = ("Acme Form 8-K summary\nBTC Updates\nDuring the period between June 2, 2025 and June "
            "8, 2025, Acme acquired bitcoin as follows:\nBTC Acquired: 1,045\nAggregate Purchase "
            "Price (in millions): $110.2\nAverage Purchase Price: $105,426\nAs of June 8, 2025:\n"
            "Aggregate BTC Holdings: 561,300\nAggregate Purchase Price (in millions): $40,610\n"
            "Average Purchase Price: $69,756")
    assert [(r["type"], r["btc"], r.get("usd"), r["effective"])
            for r in records(text, "en", "2025-06-09")] == [
        ("btc_purchased", "1045", "110200000", "2025-06-02/2025-06-08"),
        ("btc_balance_disclosed", "561300", None, "2025-06-08")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Form 8-K summary\nATM Updates\nDuring the period between June 2, 2025 and June 8, "
     "2025, Acme sold shares under its ATM program:\nShares Sold: 1,354,500\nNet Proceeds (in "
     "millions): $519.5\nAvailable for Issuance (in millions): $18,240.3", "en"),
    ("Acme : point ATM\nEntre le 2 et le 8 juin 2025, Acme a vendu des actions dans le cadre de "
     "son programme ATM :\nActions vendues : 1 354 500\nProduit net (en millions) : 519,5 $\n"
     "Montant encore disponible (en millions) : 18 240,3 $", "fr"),
])
def test_an_8k_share_sale_as_label_lines(text, lang):
    assert [(r["type"], r["shares"], r["usd"], r["effective"])
            for r in records(text, lang, "2025-06-09")] == [
        ("equity_issued", "1354500", "519500000", "2025-06-02/2025-06-08")]


def test_an_8k_table_whose_rows_are_periods():
    text = ("Acme Form 8-K summary\n| Period | BTC Acquired | Aggregate Purchase Price (in millions) "
            "| Average Purchase Price |\n| June 2, 2025 - June 8, 2025 | 1,045 | $110.2 | $105,426 "
            "|\n| As of June 8, 2025 | Aggregate BTC Holdings | Aggregate Purchase Price (in "
            "millions) | Average Purchase Price |\n| | 561,300 | $40,610 | $69,756 |")
    assert [(r["type"], r["btc"], r.get("usd"), r["effective"])
            for r in records(text, "en", "2025-06-09")] == [
        ("btc_purchased", "1045", "110200000", "2025-06-02/2025-06-08"),
        ("btc_balance_disclosed", "561300", None, "2025-06-08")]


# --- texts on several companies: each bitcoin figure is the governing company's ---------------


@pytest.mark.parametrize(("text", "lang", "day", "expected"), [
    ("Miners' September round-up\nHash rates climbed again in September. Here is how three "
     "miners did:\n1. Rivalco Mining (RVLC):\n- Mined 380 BTC, up 4% from August.\n- Holds "
     "9,120 BTC in total.\n2. Acme (ACME):\n- Produced 205 BTC in September.\n- Sold 150 BTC "
     "and now holds 1,020 BTC.\n3. Northpeak (NPK):\n- Mined 240 BTC, a record.", "en",
     "2025-10-03", [("btc_mined", "205"), ("btc_sold", "150"), ("btc_balance_disclosed", "1020")]),
    ("Les mineurs cotés au premier trimestre 2025\nLa production cumulée des grands mineurs "
     "cotés atteint 7 410 BTC sur le trimestre. En tête, la société Rivalco Holdings (RVLC) a "
     "produit 1 904 BTC, dont 655 BTC en mars. Acme (ACME), de son côté, a miné 1 120 BTC sur "
     "le trimestre.\n\nParmi les autres, Northpeak Mining se distingue. En mars, l'entreprise a "
     "miné 71 BTC.", "fr", "2025-04-07", [("btc_mined", "1120")]),
])
def test_a_round_up_drafts_only_the_figures_its_company_governs(text, lang, day, expected):
    # A numbered heading ("2. Acme (ACME):") or a sentence with a company as subject gives
    # the figures after it to that company; the sector's total before any is no one's.
    assert [(r["type"], r["btc"]) for r in records(text, lang, day)] == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme adds 40 BTC\nAcme bought 40 BTC for $4 million and now holds 610 BTC.\nRivalco's "
     "holdings\nIn the meantime, Rivalco said it now holds 312,000 BTC after buying another "
     "2,150 BTC last week.", "en"),
    ("Acme ajoute 40 BTC\nAcme a acheté 40 BTC pour 4 millions de dollars et détient désormais "
     "610 BTC.\nRivalco (RVLC)\nLa société détient désormais 312 000 BTC. Elle a acquis 2 150 BTC "
     "la semaine dernière.", "fr"),
])
def test_a_section_on_another_company_keeps_its_figures(text, lang):
    # "Rivalco's holdings" or "Rivalco (RVLC)" as a heading: "it", "la société", "elle" after
    # it are Rivalco.
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-03-20")] == \
        [("btc_purchased", "40"), ("btc_balance_disclosed", "610")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Four mid-sized miners in May\nThe update covers Rivalco (RVLC), Acme (ACME) and Northpeak "
     "(NPK).\nRivalco\nMay was a strong month for Rivalco. It produced 410 Bitcoin and held "
     "5,870 Bitcoin at May 31.\nAcme\nAcme produced 233 Bitcoin in May. It held 1,210 Bitcoin at "
     "the end of the month.\nNorthpeak\nThe company mined 198 Bitcoin in May.", "en"),
    ("Quatre mineurs en mai\nLe point porte sur Rivalco (RVLC), Acme (ACME) et Northpeak (NPK).\n"
     "Rivalco\nMai a été un bon mois pour Rivalco. La société a produit 410 bitcoins et "
     "détenait 5 870 bitcoins au 31 mai.\nAcme\nAcme a produit 233 bitcoins en mai. Elle "
     "détenait 1 210 bitcoins à la fin du mois.\nNorthpeak\nLa société a miné 198 bitcoins en "
     "mai.", "fr"),
])
def test_a_company_named_alone_on_a_line_heads_its_section(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-06")] == \
        [("btc_mined", "233"), ("btc_balance_disclosed", "1210")]


# --- a results release's highlights ---------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Acme Reports Fiscal Year 2024 Results\nThe year in brief\n  • Revenue for fiscal 2024 "
     "reached $48.6 million.\n  • By segment, revenue of $45.2 million and $3.4 million came "
     "from hosting and cloud services respectively.\n  • The net loss for 2024 amounted to "
     "$(72.9) million, equal to $(0.88) a share.", "en",
     [("2024", "48600000", "-72900000")]),
    ("Acme publie ses résultats annuels 2024\nPour l'exercice clos le 31 décembre 2024, le "
     "chiffre d'affaires s'est élevé à 48,6 millions de dollars.\nPour l'exercice 2024, Acme a "
     "comptabilisé un chiffre d'affaires de 45,2 millions de dollars et de 3,4 millions de "
     "dollars provenant respectivement de l'hébergement et du cloud.\nLa perte nette s'est "
     "établie à 72,9 millions de dollars.", "fr", [("2024", "48600000", "-72900000")]),
])
def test_revenue_split_by_source_is_no_total_and_a_loss_in_brackets_is_read(text, lang,
                                                                              expected):
    # "$45.2 million and $3.4 million from X and Y, respectively": the parts of the total;
    # "$(72.9) million": an accounting negative, the net loss.
    assert [(r["effective"], r["revenue_usd"], r.get("net_income_usd"))
            for r in records(text, lang, "2025-04-20")] == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme buys its first bitcoin\nAcme said it bought 2,630 bitcoins, worth about $284 million "
     "at current prices.", "en"),
    ("Acme achète ses premiers bitcoins\nAcme a indiqué avoir acheté 2 630 bitcoins, soit "
     "l'équivalent de 284 millions de dollars au cours actuel.", "fr"),
    ("Acme buys its first bitcoin\nAcme said it bought 2,630 bitcoins for an amount estimated "
     "at $284 million.", "en"),
    ("Acme achète ses premiers bitcoins\nAcme a indiqué avoir acheté 2 630 bitcoins pour un "
     "montant estimé à 284 millions de dollars.", "fr"),
])
def test_dollars_at_current_prices_or_estimated_are_no_cost(text, lang):
    [bought] = records(text, lang, "2025-05-28")
    assert (bought["type"], bought["btc"], bought.get("usd")) == ("btc_purchased", "2630", None)


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Reports First Quarter 2025 Results\nAcme reported a net loss of $41.2 million "
     "incurred in impairment charges on its bitcoin.\nFor the first quarter of 2025, net loss "
     "was $18.5 million.", "en"),
    ("Acme publie ses résultats du premier trimestre 2025\nAcme a déclaré une perte nette de "
     "41,2 millions de dollars encourue en dépréciation de ses bitcoins.\nAu "
     "premier trimestre 2025, la perte nette s'est élevée à 18,5 millions de dollars.", "fr"),
])
def test_a_loss_said_to_be_incurred_in_impairment_charges_is_the_charge(text, lang):
    assert [(r["effective"], r["net_income_usd"])
            for r in records(text, lang, "2025-05-02", read_all=True)] == [("2025-Q1", "-18500000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme goes for bitcoin\nAcme's board approved a plan to invest up to $500 million in "
     "bitcoin. The company has so far purchased 37 BTC.", "en"),
    ("Acme mise sur le bitcoin\nLe conseil d'Acme a approuvé un plan d'investissement pouvant "
     "atteindre 500 millions de dollars en bitcoin. La société a jusqu'ici acheté 37 BTC.", "fr"),
])
def test_coins_bought_so_far_are_a_running_total_not_this_months_purchase(text, lang):
    assert of_type(records(text, lang, "2025-06-30"), "btc_purchased") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nSince launching its bitcoin program in March, Acme's holdings have seen a "
     "roughly 410 BTC increase within the past month.", "en"),
    ("Acme : le point\nDepuis le lancement de son programme en mars, les avoirs d'Acme ont connu "
     "une hausse d'environ 410 BTC au cours du mois écoulé.", "fr"),
])
def test_coins_an_increase_counts_are_no_balance(text, lang):
    assert of_type(records(text, lang, "2025-06-27"), "btc_balance_disclosed") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Mining released its February production figures on Tuesday. Acme added that it is "
     "planning to sell the 131 BTC it produced in February to cover its expenses.", "en"),
    ("Acme Mining a publié mardi sa production de février. La société a toutefois indiqué "
     "qu'elle prévoit de vendre les 131 BTC minés au cours du mois pour financer ses coûts.",
     "fr"),
])
def test_a_planned_sale_of_the_coins_named_is_no_sale(text, lang):
    assert of_type(records(text, lang, "2023-03-07"), "btc_sold") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme a fait croître sa réserve de bitcoins en acquérant 3 210 BTC pour 305 millions "
     "de dollars.", "fr"),
    ("Acme grew its bitcoin reserve by acquiring 3,210 BTC for $305 million.", "en"),
])
def test_coins_bought_in_a_gerund_after_the_reserve_grew_are_the_purchase(text, lang):
    assert [(r["type"], r["btc"], r["usd"]) for r in records(text, lang, "2024-12-14")] == \
        [("btc_purchased", "3210", "305000000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Under the deal Acme also granted the lender a warrant to purchase up to 610,000 common "
     "shares at $11.00 each, plus 380,000 common shares and 18 bitcoin in place of a year of "
     "interest.", "en"),
    ("L'accord prévoit aussi un bon de souscription pour l'achat de 610 000 actions ordinaires à "
     "11 dollars par action, ainsi que 18 bitcoins versés au lieu des intérêts de la première "
     "année.", "fr"),
])
def test_coins_listed_after_shares_a_purchase_is_of_are_not_bought(text, lang):
    assert of_type(records(text, lang, "2025-03-13"), "btc_purchased") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme : le point\nAcme a annoncé mercredi une division d'actions de 4 pour 1.\nLa division "
     "prendra effet le 2 septembre.", "fr"),
    ("Acme : le point\nAcme a annoncé mercredi une division de ses actions de 4 pour 1, "
     "effective le 2 septembre.", "fr"),
    ("Acme Update\nAcme announced on Wednesday a 4-for-1 stock split, effective September 2.",
     "en"),
])
def test_a_split_of_n_for_one_takes_effect_on_the_day_to_come(text, lang):
    # "effective le 2 septembre." at a sentence's end is a day to come, not last year's.
    assert [(r["type"], r["ratio"], r["effective"]) for r in records(text, lang, "2025-07-16")] \
        == [("stock_split", "4", "2025-09-02")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Inc. a bouclé une offre d'environ 640 millions de dollars d'obligations convertibles "
     "à 0,875 % arrivant à échéance en 2031.\n\nCette offre réservée, qui s'est conclue le 12 "
     "mars, visait des investisseurs qualifiés.\n\nModalités\n\nLes intérêts sont versés deux "
     "fois par an.\n\nRemboursement\n\nAcme pourra rembourser les obligations à partir de 2028."
     "\n\nConversion\n\nAcme a établi le taux de conversion initial à 21,3675 actions ordinaires "
     "pour 1 000 $ de principal.\n\nCette conversion se traduit par environ 46,80 $ par action.",
     "fr"),
    ("Acme Inc. closed an offering of about $640 million of 0.875% convertible notes due 2031."
     "\n\nThe private offering, which closed on March 12, was sold to qualified investors.\n\n"
     "Terms\n\nInterest is paid twice a year.\n\nRedemption\n\nAcme may redeem the notes from "
     "2028.\n\nConversion\n\nThe initial conversion rate is 21.3675 shares per $1,000 principal "
     "amount, equivalent to about $46.80 per share.", "en"),
])
def test_an_offering_of_about_n_with_its_coupon_and_maturity_is_an_issue(text, lang):
    # A rounded size with its coupon and maturity is an offering of its own; the day it
    # closed dates it; the conversion terms come paragraphs later.
    [notes] = records(text, lang, "2025-03-14")
    assert (notes["effective"], notes["principal_usd"], notes["coupon_percent"],
            notes["maturity"], notes.get("conversion_rate"), notes.get("conversion_price_usd")) \
        == ("2025-03-12", "640000000", "0.875", "2031", "21.3675", "46.8")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme files its weekly update\nAcme said that between June 2, 2025, and June 8, 2025, it "
     "sold 804,300 common shares through its sales agents. Its net proceeds from these sales "
     "came to approximately $318 million.\nOver the "
     "same period, Acme acquired about 2,960 bitcoins for approximately $318 million.", "en"),
    ("Acme : point hebdomadaire\nEntre le 2 et le 8 juin 2025, Acme a vendu au total 804 300 "
     "actions ordinaires par l'intermédiaire de ses agents. Le produit net de ces ventes s'est "
     "élevé à environ 318 millions de dollars.\nSur la même période, Acme a acquis environ "
     "2 960 bitcoins pour environ 318 millions de dollars.", "fr"),
])
def test_shares_sold_then_the_proceeds_of_these_sales_are_one_issue(text, lang):
    assert sorted((r["type"], r.get("shares") or r.get("btc"), r["usd"], r["effective"])
                  for r in records(text, lang, "2025-06-09")) == [
        ("btc_purchased", "2960", "318000000", "2025-06-02/2025-06-08"),
        ("equity_issued", "804300", "318000000", "2025-06-02/2025-06-08")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nOn Monday Acme said it will change its ADS ratio, the same as a 10-for-1 "
     "reverse share split.\nThe consolidation takes effect Dec. 23 and should lift the "
     "price above $1.", "en"),
    ("Acme : le point\nLundi, la société a annoncé un regroupement de ses actions de 10 pour 1."
     "\nLe regroupement, qui prendra effet le 23 déc., doit porter l'action au-dessus de 1 "
     "dollar.", "fr"),
    ("Acme : le point\nLundi, la société a annoncé un regroupement de 10 actions anciennes pour "
     "1 action nouvelle, qui prendra effet le 23 décembre.", "fr"),
])
def test_a_reverse_split_written_n_for_one_is_one_for_n(text, lang):
    # "10-for-1 reverse", "regroupement ... de 10 pour 1": one new share for ten; "Dec. 23"
    # after "takes effect" is a day to come (its full stop ends no sentence).
    assert [(r["type"], r["ratio"], r["effective"]) for r in records(text, lang, "2022-12-13")] \
        == [("stock_split", "0.1", "2022-12-23")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Mining, one of the larger listed miners in the region,\nreleased its March production "
     "figures on Tuesday, saying it\nmined 412 BTC in the month. It added that its holdings "
     "stood at\n9,830 BTC at the end of March, and that it still plans\nto sell the 120 BTC it "
     "holds in a separate account over the coming weeks.", "en"),
    ("Acme Mining, l'un des grands mineurs cotés de la région, a publié\nmardi ses chiffres du "
     "mois, indiquant avoir miné 412 BTC en\nmars. Elle a ajouté que ses avoirs s'élevaient "
     "à 9 830 BTC à\nla fin du mois de mars, et qu'elle prévoit de\nvendre les 120 BTC "
     "qu'elle détient sur un compte séparé dans les semaines à venir.", "fr"),
])
def test_a_text_wrapped_mid_sentence_is_read_sentence_by_sentence(text, lang):
    # "it still plans" / "to sell the 120 BTC": the plan on the line before still governs.
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-04-08")] \
        == [("btc_mined", "412", "2025-03"), ("btc_balance_disclosed", "9830", "2025-03-31")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme has added 42.7 bitcoin to its balance sheet in a $3.6 million buy, disclosed in a "
     "filing on Tuesday.", "en"),
    ("Acme a ajouté 42,7 bitcoins à son bilan par un achat de 3,6 millions de dollars, selon un "
     "document publié mardi.", "fr"),
])
def test_coins_added_in_a_purchase_of_a_price_were_bought(text, lang):
    assert [(r["type"], r["btc"], r["usd"]) for r in records(text, lang, "2025-03-26")] == \
        [("btc_purchased", "42.7", "3600000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nThe company produced a record 96 bitcoins in May, lifting its total bitcoin "
     "holdings to 1,318.", "en"),
    ("Acme : le point\nLa société a produit un record de 96 bitcoins en mai, portant ses avoirs "
     "totaux en bitcoins à 1 318.", "fr"),
])
def test_a_bare_count_the_bitcoin_holdings_are_brought_to_is_the_balance(text, lang):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-06-10")] \
        == [("btc_mined", "96", "2025-05"), ("btc_balance_disclosed", "1318", "2025-05-31")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nIn July, Acme produced 512.5 BTC, a notable jump from 390 BTC in June.\nNow "
     "holding approximately 3,150.2 BTC, valued at roughly $341 million, Acme ranks among the "
     "larger holders.", "en"),
    ("Acme : le point\nEn juillet, Acme a produit 512,5 BTC, un bond par rapport aux 390 BTC de "
     "juin.\nDétenant désormais environ 3 150,2 BTC, Acme figure parmi les grands détenteurs.",
     "fr"),
])
def test_a_sentence_opening_on_now_holding_gives_the_balance_now(text, lang):
    # "Now" opening a sentence is no company's name, and the month a figure is compared with
    # ("a jump from 390 BTC in June") is not the month the update reports on.
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-08-06")] \
        == [("btc_mined", "512.5", "2025-07"), ("btc_balance_disclosed", "3150.2", "2025-08-06")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nPreviously, during April and May, the first two months after its pivot, Acme "
     "mined a combined 702.5 BTC.", "en"),
    ("Acme : le point\nAuparavant, en avril et mai, ses deux premiers mois d'activité, Acme avait "
     "miné au total 702,5 BTC.", "fr"),
])
def test_coins_mined_combined_over_two_months_are_that_range(text, lang):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-08-06")] \
        == [("btc_mined", "702.5", "2025-04-01/2025-05-31")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nThe firm sold 1,640 coins at an average price of $23,100 per bitcoin in July, "
     "bringing in $37.9 million, the company said on Friday. Meanwhile, only 1,080 coins were "
     "mined.", "en"),
    ("Acme : le point\nLa société a vendu 1 640 bitcoins en juillet, à un prix moyen de 23 100 "
     "dollars par bitcoin, pour un produit de 37,9 millions de dollars, a-t-elle indiqué "
     "vendredi. Pendant ce temps, elle n'a miné que 1 080 bitcoins.", "fr"),
])
def test_coins_sold_bringing_in_dollars_and_what_was_mined_meanwhile(text, lang):
    # "coins" in a text on bitcoin are bitcoin; "bringing in $37.9 million" is the sale's
    # proceeds; "Meanwhile" / "Pendant ce temps" takes the period of the flow just told.
    assert [(r["type"], r["btc"], r.get("usd"), r["effective"])
            for r in records(text, lang, "2022-08-06")] == [
        ("btc_sold", "1640", "37900000", "2022-07"), ("btc_mined", "1080", None, "2022-07")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nThe firm sold 1,640 coins in July. This left just 990 bitcoin and $61 million "
     "in cash on Acme's balance sheet as of July 31.", "en"),
    ("Acme update\nThe firm sold 1,640 coins in July, leaving it with 990 bitcoin as of July 31.",
     "en"),
    ("Acme : le point\nLa société a vendu 1 640 bitcoins en juillet, ce qui lui laissait 990 "
     "bitcoins au 31 juillet.", "fr"),
])
def test_what_a_sale_left_is_the_balance(text, lang):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2022-08-06")] \
        == [("btc_sold", "1640", "2022-07"), ("btc_balance_disclosed", "990", "2022-07-31")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nIn March 2025, Acme issued what it calls its first bitcoin bond, raising €15 "
     "million to grow its treasury. The bond is a 4-year senior secured note maturing in 2029, "
     "offering a 9.25% annual coupon.", "en"),
    ("Acme : le point\nEn mars 2025, Acme a émis ce qu'elle présente comme sa première "
     "obligation bitcoin, levant 15 millions d'euros pour étoffer sa trésorerie. L'obligation, "
     "d'une durée de 4 ans, arrive à échéance en 2029 et offre un coupon annuel de 9,25 %.", "fr"),
])
def test_a_coupon_named_in_a_sentence_of_its_own_is_read(text, lang):
    [bond] = records(text, lang, "2025-04-22")
    assert (bond["type"], bond["effective"], bond.get("principal_usd"), bond["coupon_percent"],
            bond["maturity"]) == ("notes_issued", "2025-03", None, "9.25", "2029")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme raises funds days after a record purchase\nAcme raised $31 million less than three "
     "days after adding 142 bitcoin, bringing its holdings to nearly 418 BTC.\nAs of Tuesday, "
     "the company's holdings stood at 417.66 BTC.", "en"),
    ("Acme lève des fonds après un achat record\nAcme a levé 31 millions de dollars moins de "
     "trois jours après avoir ajouté 142 bitcoins, portant ses avoirs à près de 418 BTC.\nAu "
     "mardi, les avoirs de la société s'élevaient à 417,66 BTC.", "fr"),
])
def test_a_rounded_restatement_of_a_balance_is_not_a_second_one(text, lang):
    assert [(r["btc"], r["effective"])
            for r in of_type(records(text, lang, "2025-06-27"), "btc_balance_disclosed")] == \
        [("417.66", "2025-06-24")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\n  • From Aug. 18 to 24 Acme bought 2,410 BTC for about $281.5 million.\n"
     "  • The pace slowed from July, after smaller early-month buys of 120 BTC and 310 BTC.", "en"),
    ("Acme : le point\n  • Acme a acheté 2 410 BTC entre le 18 et le 24 août pour environ 281,5 "
     "millions de dollars.\n  • Le rythme a ralenti, après de plus petits achats de 120 BTC et "
     "310 BTC en début de mois.", "fr"),
])
def test_earlier_buys_recalled_after_the_purchase_are_not_drafted(text, lang):
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, lang, "2025-08-25")] \
        == [("btc_purchased", "2410", "2025-08-18/2025-08-24")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Miners' May figures\n1. Rivalco (RVLC):\n- Mined 300 BTC in May.\n2. Acme (ACME):\n- Jane "
     "Roe, its chief executive, praised the new site; Roe expects more.\n- The company mined 205 "
     "BTC in May.", "en"),
    ("Les mineurs en mai\n1. Rivalco (RVLC) :\n- A miné 300 BTC en mai.\n2. Acme (ACME) :\n- Jane "
     "Roe, sa directrice générale, a salué le nouveau site ; Roe en attend davantage.\n- La "
     "société a miné 205 BTC en mai.", "fr"),
])
def test_a_person_opening_a_sentence_does_not_take_the_section_from_its_company(text, lang):
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-05")] == \
        [("btc_mined", "205")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme buys bitcoin\nRivalco (RVLC) holds 500,000 BTC.\nFollowing Rivalco's lead, the firm "
     "bought 120 BTC in May.", "en"),
    ("Acme achète du bitcoin\nRivalco (RVLC) détient 500 000 BTC.\nÀ l'instar de Rivalco, la "
     "société a acheté 120 BTC en mai.", "fr"),
])
def test_the_firm_set_against_a_rival_is_the_documents_company(text, lang):
    # The company's name written as its ticker reads ("Acme" for ACME) tells it from the
    # rival written with its own ticker; "Following Rivalco's lead, the firm" is Acme. Its
    # sentence names the rival and not Acme, so it is read and noticed, not drafted.
    assert records(text, lang, "2025-06-05") == []
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-05", read_all=True)] \
        == [("btc_purchased", "120")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Tokyo firm adds bitcoin\nThe Tokyo-listed firm bought 150 BTC in May, taking its holdings "
     "to 2,150 BTC. Rivalco (RVLC) remains the largest holder with 580,000 BTC.", "en"),
    ("Une société de Tokyo ajoute du bitcoin\nLa société cotée à Tokyo a acheté 150 BTC en mai "
     "et détient désormais 2 150 BTC. Rivalco (RVLC) reste le premier détenteur avec 580 000 "
     "BTC.", "fr"),
])
def test_a_text_never_naming_its_company_still_keeps_a_named_rivals_figures(text, lang):
    # The rival's figures are not read as the company's; the company's own, which no name
    # ties to it, are noticed, not drafted.
    assert records(text, lang, "2025-06-03") == []
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-03", read_all=True)] \
        == [("btc_purchased", "150"), ("btc_balance_disclosed", "2150")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme update\nAcme, for its part, bought 75 BTC in May and now holds 610 BTC.", "en"),
    ("Acme : le point\nAcme, de son côté, a acheté 75 BTC en mai et détient désormais 610 BTC.",
     "fr"),
])
def test_the_month_may_is_no_plan(text, lang):
    # "in May and now holds" is not "may ... hold", the verb of a plan.
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-06-03")] == \
        [("btc_purchased", "75"), ("btc_balance_disclosed", "610")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Halvard update\nHalvard Tech PLC (HLTVF) bought 40 BTC in June. Rivalco (RVLC) holds 9,000 "
     "BTC.\nHalvard now holds 640 BTC.", "en"),
    ("Halvard : le point\nHalvard Tech PLC (HLTVF) a acheté 40 BTC en juin. Rivalco (RVLC) "
     "détient 9 000 BTC.\nHalvard détient désormais 640 BTC.", "fr"),
])
def test_another_listing_of_the_company_is_still_the_company(text, lang):
    # "(HLTVF)", an over-the-counter listing of HLT, names the company, not a rival.
    assert [(r["type"], r["btc"]) for r in records(text, lang, "2025-07-02", company="HLT")] \
        == [("btc_purchased", "40"), ("btc_balance_disclosed", "640")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme buys bitcoin\nAcme boosted its reserve by acquiring 3,210 BTC for $305 million. The "
     "acquisition, announced on December 13, was funded by a notes offering.\nWith this purchase, "
     "Acme's total bitcoin holdings rose to 11,480 BTC. Previously, Acme had already mined 402 "
     "BTC in October.", "en"),
    ("Acme : achat\nAcme a nettement renforcé sa réserve en acquérant 3 210 BTC pour 305 millions "
     "de dollars. L'opération, annoncée le 13 décembre, a été payée grâce à des obligations."
     "\nAprès cet achat, Acme compte désormais 11 480 BTC au total. Auparavant, Acme avait déjà "
     "extrait 402 BTC en octobre.", "fr"),
])
def test_a_month_recalled_in_the_pluperfect_is_not_the_month_reported_on(text, lang):
    # "had already mined 402 BTC in October" does not make the text October's update: the
    # balance after this purchase is as of the day the purchase was announced.
    [balance] = of_type(records(text, lang, "2024-12-14"), "btc_balance_disclosed")
    assert (balance["btc"], balance["effective"]) == ("11480", "2024-12-13")


# --- carried over from the first-sight sets taken together (heldout3 to heldout6) --------------


@pytest.mark.parametrize(("text", "lang"), [
    ("November 2026: the miners slow down.\n"
     "Norvanta Inc. mined some 310.4 BTC in November and now holds 4,120.5 BTC.\n"
     "Brisa Mining produced 205 BTC (199 BTC in October). Its bitcoin reserve now stands at "
     "9,870 BTC, 12 BTC more than a month earlier.", "en"),
    ("Novembre 2026 : les mineurs ralentissent.\n"
     "Norvanta Inc. a extrait quelque 310,4 BTC en novembre et détient désormais 4 120,5 "
     "BTC.\nBrisa Mining a extrait 205 BTC (199 BTC en octobre). Ses réserves de bitcoins "
     "s'élèvent maintenant à 9 870 BTC, soit 12 BTC de plus qu'un mois plus tôt.", "fr"),
])
def test_its_holdings_after_a_rival_named_once_are_the_rivals(text, lang):
    # "Brisa Mining" is written once only, but a name ending as companies' names do ("Mining",
    # "Platforms", "Inc.") that mines is a company: "Its holdings" that follow are its own.
    found = records(text, lang, disclosed="2026-12-08", company="NRVT")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == [
        ("btc_mined", "310.4", "2026-11"), ("btc_balance_disclosed", "4120.5", "2026-11-30")]


# Results were the shape most often wrong on first sight (6 of 23 right over heldout3 to
# heldout6): incomplete records, a revenue's parts, estimates announced before the report.


@pytest.mark.parametrize(("text", "lang"), [
    ("- Kestrel generated revenue of $42.5 million, net loss of $6.3 million, and non-GAAP "
     "Adjusted EBITDA loss of $1.9 million in the third quarter of 2026. Revenue comprised "
     "$37.1 million from self-mining, $4.0 million from hosting and $1.4 million from power "
     "sales.", "en"),
    ("- Au troisième trimestre 2026, Kestrel a réalisé un chiffre d'affaires de 42,5 millions "
     "de dollars, une perte nette de 6,3 millions de dollars et une perte d'EBITDA ajusté de "
     "1,9 million de dollars.", "fr"),
])
def test_an_adjusted_ebitda_loss_completes_the_quarters_results_and_its_parts_are_not_one(
        text, lang):
    found = of_type(records(text, lang, disclosed="2026-11-10"), "results_reported")
    assert [(r["effective"], r.get("revenue_usd"), r.get("net_income_usd"),
             r.get("adjusted_ebitda_usd")) for r in found] == [
        ("2026-Q3", "42500000", "-6300000", "-1900000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("According to the release, Kestrel will be reporting approximately $31 million in revenue "
     "and a net loss of approximately $18 million to $16 million for the three months ended "
     "September 30.", "en"),
    ("Selon le communiqué, Kestrel prévoit de publier un chiffre d'affaires d'environ 31 "
     "millions de dollars pour le trimestre clos le 30 septembre.", "fr"),
])
def test_results_announced_ahead_of_the_report_are_not_proposed(text, lang):
    assert of_type(records(text, lang, disclosed="2026-10-12"), "results_reported") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Kestrel reported net income of $310 million for the quarter ended September 30, "
     "against a loss a year earlier.", "en"),
    ("Le bénéfice net de Kestrel a atteint 310 millions de dollars pour le trimestre clos le "
     "30 septembre, contre une perte un an plus tôt.", "fr"),
])
def test_a_quarter_ended_on_a_day_without_its_year_takes_the_publications(text, lang):
    [result] = of_type(records(text, lang, disclosed="2026-10-30", read_all=True),
                       "results_reported")
    assert (result["effective"], result["net_income_usd"]) == ("2026-Q3", "310000000")


def test_revenue_from_bitcoin_sales_is_a_segment_not_the_revenue():
    text = ("Les ventes de Kestrel ont doublé au troisième trimestre 2026. Les revenus des "
            "ventes de bitcoins ont atteint 1,62 milliard de dollars.")
    assert of_type(records(text, "fr", disclosed="2026-11-05"), "results_reported") == []


def test_revenue_up_from_last_year_is_still_the_revenue():
    text = ("Kestrel Motors (KSTL) said on Wednesday its third-quarter revenue rose 41% to "
            "US$9.20 billion from US$6.50 billion last year; net income came to US$0.85 "
            "billion for the quarter.")
    [result] = of_type(records(text, disclosed="2026-10-21", company="KSTL"), "results_reported")
    assert (result["effective"], result["revenue_usd"], result["net_income_usd"]) == (
        "2026-Q3", "9200000000", "850000000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme opened the way in 2024. By the end of March 2026, 140 listed companies worldwide "
     "together held about 910,000 BTC in their treasuries.", "en"),
    ("Acme a ouvert la voie en 2024. Fin mars 2026, 140 sociétés cotées de par le monde "
     "détenaient ensemble près de 910 000 BTC.", "fr"),
])
def test_coins_held_by_a_count_of_companies_are_a_sector_total(text, lang):
    assert records(text, lang, disclosed="2026-05-01") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("The report listed what was mined month by month since January. Over the seven months "
     "ending July 31, 2026, Acme mined 96.4 Bitcoins net and sold 71.2 Bitcoins.", "en"),
    ("Sur les sept mois clos le 31 juillet 2026, Acme a extrait 96,4 bitcoins au total et en "
     "a vendu 71,2.", "fr"),
])
def test_a_period_of_any_number_of_months_ending_on_a_day(text, lang):
    found = records(text, lang, disclosed="2026-08-25")
    assert ("btc_mined", "96.4", "2026-01-01/2026-07-31") in [
        (r["type"], r["btc"], r["effective"]) for r in found]
    assert all(r["effective"] == "2026-01-01/2026-07-31" for r in found)


@pytest.mark.parametrize(("text", "lang", "balance_day"), [
    ("On March 3, 2026 (after trading hours), the group bought roughly 4.81 units of Bitcoin "
     "on the open market. Its Bitcoin holdings amounted to 52.4 units on that day.", "en",
     "2026-03-03"),
    ("Le 3 mars 2026, le groupe a acheté quelque 4,81 unités de bitcoin sur le marché. Ses "
     "avoirs en bitcoins s'élèvent à 52,4 unités.", "fr", "2026-03-04"),
])
def test_units_of_bitcoin_are_coins(text, lang, balance_day):
    found = records(text, lang, disclosed="2026-03-04")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == [
        ("btc_purchased", "4.81", "2026-03-03"), ("btc_balance_disclosed", "52.4", balance_day)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme gave its update for the month ending July 31, 2026. Its Bitcoin holdings came to "
     "88.6 BTC, worth about $5.1 million at the closing price as of August 20, 2026.", "en"),
    ("Acme a publié sa mise à jour du mois clos le 31 juillet 2026. Ses avoirs en bitcoins "
     "s'élevaient à 88,6 BTC, soit environ 5,1 millions de dollars au cours du 20 août 2026.",
     "fr"),
])
def test_the_day_a_price_is_taken_on_does_not_date_the_balance(text, lang):
    [balance] = of_type(records(text, lang, disclosed="2026-08-21"), "btc_balance_disclosed")
    assert (balance["btc"], balance["effective"]) == ("88.6", "2026-07-31")


@pytest.mark.parametrize(("text", "lang"), [
    ("Kestrel Labs (KSTL) Announces 1:20 Reverse Stock Split\n"
     "Kestrel Labs Ltd (KSTL) said today it will combine its ordinary shares at a ratio of "
     "1-for-20, as approved at the annual meeting held on April 14, 2026. Kestrel's shares "
     "will begin trading on a split-adjusted basis on April 27, 2026 under the same ticker.",
     "en"),
    ("Kestrel Labs (KSTL) annonce un regroupement d'actions de 20 pour 1\n"
     "Approuvé par l'assemblée générale du 14 avril 2026, le regroupement de 20 pour 1 "
     "s'appliquera aux actions, qui seront négociées sur une base ajustée le 27 avril 2026.",
     "fr"),
])
def test_a_split_is_dated_by_the_day_trading_starts_on_an_adjusted_basis(text, lang):
    found = of_type(records(text, lang, disclosed="2026-04-20", company="KSTL"), "stock_split")
    assert [(r["ratio"], r["effective"]) for r in found] == [("0.05", "2026-04-27")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Kestrel priced $400 million of 0% convertible senior notes due 2032. The initial "
     "conversion rate is 41.5 shares per $1,000 of notes, which means a conversion price of "
     "roughly $24.10 per share.", "en"),
])
def test_a_conversion_price_of_roughly(text, lang):
    [notes] = of_type(records(text, lang, disclosed="2026-09-26"), "notes_issued")
    assert (notes["principal_usd"], notes["conversion_rate"], notes["conversion_price_usd"]) == (
        "400000000", "41.5", "24.1")


# Tables stored with their columns flattened: a production update's rows as "label v1 v2 v3",
# the column headers' dates cut over the lines above. The current column is the latest date,
# last here (as often as first elsewhere).

_SPACED_TABLE_EN = """Acme Mining Corp. today gave an unaudited bitcoin mining update for the month ended May 31, 2026.

Measure  One Month
May 31,
2025
 One Month
April 30,
2026

 One Month
May 31,
2026

Bitcoin Mined, net 41.2  8.8  9.6
Bitcoin Sold (38.0) -  (7.5)
Bitcoin Holdings at Month End 60.1  118.4  120.5
Machines Running at Month End 4,100  2,900  2,900
"""

_SPACED_TABLE_FR = """Acme Mining a publié sa production de bitcoins du mois de mai 2026.

Indicateur  Un mois
31 mai
2025
 Un mois
30 avril
2026
 Un mois
31 mai
2026

Bitcoins minés, nets 41,2  8,8  9,6
Bitcoins vendus (38,0) -  (7,5)
Bitcoins détenus en fin de mois 60,1  118,4  120,5
"""


@pytest.mark.parametrize(("text", "lang"), [(_SPACED_TABLE_EN, "en"), (_SPACED_TABLE_FR, "fr")])
def test_a_flattened_table_is_read_in_the_column_of_the_latest_date(text, lang):
    found = records(text, lang, disclosed="2026-06-20")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == [
        ("btc_mined", "9.6", "2026-05"), ("btc_sold", "7.5", "2026-05"),
        ("btc_balance_disclosed", "120.5", "2026-05-31")]


def test_a_flattened_table_whose_header_dates_do_not_match_its_columns_is_not_read():
    text = ("Acme Mining Corp. gave its bitcoin update.\n\nMeasure  One Month\nMay 31,\n2026\n\n"
            "Bitcoin Mined, net 41.2  8.8  9.6\n")
    assert records(text, disclosed="2026-06-20") == []


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Acme went back to selling bitcoin in May after three quiet months. Offloading 142 BTC at "
     "an average of $98,000 helped pay its power bills.", "en", [("btc_sold", "142", "2026-05")]),
    ("In May, Acme reported a record hashrate.\nMeanwhile, the firm's self-mining operations "
     "contributed 37 BTC to the month's output.", "en", [("btc_mined", "37", "2026-05")]),
    ("En mai, Acme a battu son record de puissance de calcul.\nSes activités de minage ont "
     "contribué à hauteur de 37 BTC à la production du mois.", "fr",
     [("btc_mined", "37", "2026-05")]),
])
def test_production_and_sales_told_after_their_month_take_the_month_named(text, lang, expected):
    # Published on June 5: production and sales are reported after their month ends, so the
    # one month the text names is their period, not June.
    found = records(text, lang, disclosed="2026-06-05")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("- Bitcoin production from self-mining operations rose 12.4% to 655 BTC in the second "
     "quarter of 2026, against 583 BTC a year earlier.", "en"),
    ("- Au deuxième trimestre 2026, la production de bitcoins issue du minage en propre a "
     "augmenté de 12,4 % à 655 BTC, contre 583 BTC un an plus tôt.", "fr"),
])
def test_production_that_rose_to_a_figure_is_that_figure(text, lang):
    found = records(text, lang, disclosed="2026-08-14")
    assert [(r["type"], r["btc"], r["effective"]) for r in of_type(found, "btc_mined")] == [
        ("btc_mined", "655", "2026-Q2")]


def test_btcs_in_the_plural_are_coins():
    text = ("Second Quarter 2026 Operational Highlights\n- Bitcoin production from self-mining "
            "operations fell 8.2% to 655 BTCs, against 714 BTCs a year before.")
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, disclosed="2026-08-14")
            ] == [("btc_mined", "655", "2026-Q2")]


def test_a_month_named_long_before_the_publication_does_not_date_a_later_sale():
    text = ("In May, Acme reported a record hashrate.\nSince then the firm has been offloading "
            "coins: it sold 142 BTC to pay for new machines.")
    [sale] = of_type(records(text, disclosed="2026-08-05"), "btc_sold")
    assert sale["effective"] != "2026-05"


def test_the_documents_company_named_after_a_count_of_companies_keeps_its_figure():
    text = ("One of 140 listed companies holding bitcoin, Acme bought 500 BTC in March 2026.")
    assert [(r["type"], r["btc"]) for r in records(text, disclosed="2026-04-02")] == [
        ("btc_purchased", "500")]


@pytest.mark.parametrize("text", [
    "Acme today reported preliminary unaudited revenue of $42.5 million for the third quarter "
    "of 2026.",
    "Acme reported revenue of $42.5 million from continuing operations in the third quarter of "
    "2026.",
])
def test_preliminary_results_and_revenue_from_continuing_operations_are_still_results(text):
    [result] = of_type(records(text, disclosed="2026-10-20", read_all=True), "results_reported")
    assert (result["effective"], result["revenue_usd"]) == ("2026-Q3", "42500000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Kestrel reported net sales of $3.82 billion for the third quarter of 2026, down 4% from "
     "a year earlier.", "en"),
    ("Les ventes trimestrielles de Kestrel ont doublé. Les ventes du troisième trimestre 2026 "
     "ont atteint 3,82 milliards de dollars, au-dessus des 3,10 milliards de dollars attendus "
     "par les analystes.", "fr"),
])
def test_net_or_quarterly_sales_are_a_retailers_revenue(text, lang):
    [result] = of_type(records(text, lang, disclosed="2026-11-05", read_all=True),
                       "results_reported")
    assert (result["effective"], result["revenue_usd"]) == ("2026-Q3", "3820000000")


def test_bitcoin_sales_are_still_no_revenue():
    found = records("Acme's bitcoin sales reached 120 BTC in October 2026.",
                    disclosed="2026-11-05")
    assert of_type(found, "results_reported") == []
