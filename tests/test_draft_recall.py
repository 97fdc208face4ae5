"""Recall on unseen text (issue 23, second round): shapes real disclosures use that the
drafter read wrongly or not at all, each on the project's own short texts in English and
French. The precision-first rules (``tests/test_draft_unseen.py``) still hold: a figure this
company's own sentence does not give is still only noticed.
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type


def records(text: str, lang: str = "en", disclosed: str | None = "2025-04-02",
            company: str = "ACME", read_all: bool = False) -> list[dict]:
    return drafted(text, lang, disclosed, company, read_all)


# --- a purchase's price, written the French way -------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Le 3 mars 2025, Acme a acquis 1 234 bitcoins de plus à un prix d'achat global de 80 "
     "millions de dollars.", "fr"),
    ("Acme a acquis 1 234 bitcoins pour un prix total de 80 millions de dollars le 3 mars "
     "2025.", "fr"),
    ("On March 3, 2025, Acme completed the acquisition of 1,234 additional bitcoins at an "
     "aggregate purchase price of $80 million.", "en"),
])
def test_the_whole_price_of_a_purchase_goes_with_its_coins(text, lang):
    [bought] = of_type(records(text, lang), "btc_purchased")
    assert (bought["btc"], bought.get("usd"), bought["effective"]) == \
        ("1234", "80000000", "2025-03-03")


# --- whose figure: "added" makes a company a subject ------------------------------------------


ROUNDUP_EN = """\
Two miners grow their reserves
Rivalco added 2,100 BTC for $190 million, bringing its reserves to 9,400 BTC. Acme bought 300 \
BTC for $27 million, increasing its holdings to 1,900 BTC.
Rivalco funded its purchases with two note offerings. The first, issued on March 3, raised \
$400 million of 0% convertible notes due 2031 at a 35% premium.
"""
ROUNDUP_FR = """\
Deux mineurs renforcent leurs réserves
Rivalco ajouté 2 100 BTC pour 190 millions de dollars, portant ses réserves à 9 400 BTC. Acme a \
acheté 300 BTC pour 27 millions de dollars, portant ses avoirs à 1 900 BTC.
Rivalco a financé ses achats par deux émissions d'obligations. La première, émise le 3 mars, a \
levé 400 millions de dollars d'obligations convertibles à 0 % échéant en 2031.
"""


@pytest.mark.parametrize(("text", "lang"), [(ROUNDUP_EN, "en"), (ROUNDUP_FR, "fr")])
def test_a_company_that_added_coins_is_another_company_in_a_round_up(text, lang):
    found = records(text, lang)
    assert of_type(found, "notes_issued") == []
    assert [(r["btc"], r.get("usd")) for r in of_type(found, "btc_purchased")] == \
        [("300", "27000000")]
    assert not [r for r in found if r.get("btc") in ("2100", "9400")]


def test_a_person_who_added_a_remark_is_no_company():
    text = ("Acme mined 210 BTC in March 2025. Jane Doe added, \u201cwe keep every coin.\u201d "
            "Jane Doe added that the fleet grew.")
    assert [r["btc"] for r in of_type(records(text), "btc_mined")] == ["210"]


# --- results told over several sentences, with the year compared with -------------------------


RESULTS_EN = """\
Acme reported revenue of $52.3 million in the second quarter of 2025, up 40% on the year.
The gain came from a larger fleet, whose output matched the company's Q2 2024 output.
The quarter closed with a net loss of $11.3 million, wider than a $4 million loss in the \
same quarter in 2024.
"""
RESULTS_FR = """\
Acme a publié ses résultats du deuxième trimestre 2025.
Acme a enregistré une perte nette de 11,3 millions de dollars, contre un bénéfice de \
4 millions l'année dernière.
Côté revenus, Acme a déclaré 52,3 millions de dollars pour ce trimestre, en hausse de 40 %.
"""


@pytest.mark.parametrize(("text", "lang"), [(RESULTS_EN, "en"), (RESULTS_FR, "fr")])
def test_results_told_in_separate_sentences_are_one_report_of_its_period(text, lang):
    found = of_type(records(text, lang, disclosed="2025-08-01"), "results_reported")
    assert [(r["effective"], r.get("revenue_usd"), r.get("net_income_usd")) for r in found] == \
        [("2025-Q2", "52300000", "-11300000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme posted a net loss of $11.3 million, against a $4 million loss in the same quarter in "
     "2024.", "en"),
    ("Acme a enregistré une perte nette de 11,3 millions de dollars, par rapport au bénéfice "
     "de 4 millions de dollars de l'année dernière.", "fr"),
])
def test_the_year_compared_with_does_not_date_the_figure(text, lang):
    from ledger.draft import Reader, fold, mentions

    line = text
    found = mentions(line, fold(line), 1, lang)
    if lang == "fr":  # "l'année dernière" is read relative to the publication, by the Reader
        reader = Reader([line], lang, "2025-08-01", "ACME")
        found = reader.mentions[0]
    assert found and all(m.comparison for m in found)


# --- coins at the end of a list of assets, and "producing" ------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme ended the third quarter of 2025 with about $1.1 billion in cash, marketable "
     "securities and 9,800 Bitcoins.", "en"),
    ("Acme a terminé le troisième trimestre 2025 avec 1,1 milliard de dollars de liquidités, "
     "de titres et 9 800 bitcoins.", "fr"),
])
def test_coins_ending_a_list_of_assets_a_holding_verb_opens_are_a_balance(text, lang):
    found = records(text, lang, disclosed="2025-10-30")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [("9800", "2025-09-30")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme raised $40 million in notes and 900 BTC of collateral were pledged.", "en"),
    ("Acme bought $1.1 billion of equipment, cables and 9,800 chairs in 2025.", "en"),
])
def test_a_list_after_dollars_no_holding_verb_opens_is_no_balance(text, lang):
    assert of_type(records(text, lang, disclosed="2025-10-30"), "btc_balance_disclosed") == []


def test_producing_coins_over_a_quarter_is_mining():
    text = "In the third quarter of 2025 the larger fleet kept Acme busy, producing 1,250 BTC."
    assert [(r["btc"], r["effective"]) for r in
            of_type(records(text, disclosed="2025-10-30"), "btc_mined")] == [("1250", "2025-Q3")]


# --- holdings written with no unit after the number -------------------------------------------


@pytest.mark.parametrize(("text", "lang", "btc", "effective"), [
    ("Les avoirs en bitcoins d'Acme ont augmenté de 9,2 % pour atteindre 3 120 au deuxième "
     "trimestre 2025.", "fr", "3120", "2025-06-30"),
    ("Acme's bitcoin holdings rose 9.2% to 3,120 at the end of the second quarter of 2025.",
     "en", "3120", "2025-06-30"),
    ("Côté bilan, ses réserves de BTC et d'ETH s'élevaient à 318,4 et 55,0 au "
     "30 septembre 2025.", "fr", "318.4", "2025-09-30"),
])
def test_holdings_named_before_a_bare_number_are_coins(text, lang, btc, effective):
    found = records(text, lang, disclosed="2025-10-10")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [(btc, effective)]
    assert of_type(found, "btc_change_disclosed") == []


def test_a_bare_number_after_holdings_of_something_else_is_not_coins():
    text = "Acme's cash holdings rose 9.2% to 3,120 at the end of the second quarter of 2025."
    assert records(text, disclosed="2025-10-10") == []


# --- a purchase dated by the balance it brought the company to --------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme said it bought 420 BTC for $30 million. As of March 30, 2025, it holds 6,420 BTC.",
     "en"),
    ("Avec ce nouvel achat de 420 BTC pour 30 millions de dollars, Acme porte ses avoirs à "
     "6 420 BTC en date du 30 mars 2025.", "fr"),
])
def test_a_purchase_told_with_the_balance_it_led_to_takes_that_days_month(text, lang):
    found = records(text, lang, disclosed="2025-04-02")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_purchased")] == \
        [("420", "2025-03")]
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [("6420", "2025-03-30")]


def test_a_balance_day_long_before_the_publication_does_not_date_the_purchase():
    text = "Acme said it bought 420 BTC for $30 million. As of December 31, 2024, it held 6,000 BTC."
    found = records(text, disclosed="2025-04-02")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_purchased")] == \
        [("420", "2025-04")]


# --- dates as posts write them; the market's coins --------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme bought 310 BTC for ~$14 million. As of 3/30/25 we hold ~6,310 BTC.", "en"),
    ("Acme a acheté 310 BTC pour 14 millions de dollars. Au 30/03/25, elle détient 6 310 BTC.",
     "fr"),
])
def test_a_day_with_a_two_digit_year_dates_a_balance(text, lang):
    found = records(text, lang, disclosed="2025-04-02")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [("6310", "2025-03-30")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme now holds 0.31% of the bitcoin supply (19,504,211 BTC).", "en"),
    ("Acme détient désormais 0,31 % des bitcoins en circulation (19 504 211 BTC).", "fr"),
    ("Acme now owns 6,310 BTC, about 0.03% of the circulating supply of 19,504,211 BTC.", "en"),
])
def test_the_coins_of_the_whole_supply_are_no_balance(text, lang):
    found = records(text, lang, disclosed="2025-04-02")
    assert "19504211" not in [r.get("btc") for r in found]


# --- notes: a part of the issue, and a premium that is no coupon ------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("On March 3, 2025, Acme closed its offering of $600 million of 1.5% convertible notes due "
     "2030 with a conversion premium of 30%, of which $75 million came from the option its "
     "underwriters exercised.", "en"),
    ("Le 3 mars 2025, Acme a clôturé l'émission de 600 millions de dollars d'obligations "
     "convertibles portant un coupon de 1,5 %, avec une prime de conversion de 30 %, dont 75 "
     "millions de dollars au titre de l'option de surallocation.", "fr"),
])
def test_a_part_of_an_issue_is_no_issue_and_its_premium_no_coupon(text, lang):
    notes = of_type(records(text, lang), "notes_issued")
    assert [(r["principal_usd"], r.get("coupon_percent")) for r in notes] == \
        [("600000000", "1.5")]


@pytest.mark.parametrize(("text", "lang"), [
    ("On March 3, 2025, Acme priced $250 million of 0% convertible notes due 2030, sold at a "
     "25% premium to its share price.", "en"),
    ("Le 3 mars 2025, Acme a émis 250 millions de dollars d'obligations convertibles à 0 % "
     "échéant en 2030, avec une prime de 25 %.", "fr"),
])
def test_a_premium_beside_the_principal_is_no_coupon(text, lang):
    notes = of_type(records(text, lang), "notes_issued")
    assert [r.get("coupon_percent") for r in notes] == ["0"]


# --- "N of these bitcoins", and what a sale brought in ----------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("In June 2025, Acme mined 210 BTC and sold 75 of these bitcoins, pocketing $5.1 million.",
     "en"),
    ("En juin 2025, Acme a extrait 210 BTC et a vendu 75 de ces bitcoins, engrangeant "
     "5,1 millions de dollars.", "fr"),
])
def test_coins_counted_as_a_part_of_those_just_named_are_coins_and_a_sale_brings_in(text, lang):
    found = records(text, lang, disclosed="2025-07-03")
    assert [(r["btc"], r.get("usd"), r["effective"]) for r in of_type(found, "btc_sold")] == \
        [("75", "5100000", "2025-06")]
    assert of_type(found, "results_reported") == []


# --- a change in the ADS ratio ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "ratio"), [
    ("Acme's board approved a change from 5 ordinary shares per ADS to 20 ordinary shares per "
     "ADS. The new ratio will be effective at the opening of trading on the Nasdaq on Monday, "
     "May 5, 2025.", "en", "0.25"),
    ("Acme will change its ADS ratio from 1-for-20 to 1-for-200, effective May 5, 2025.", "en",
     "0.1"),
    ("Le conseil d'Acme a approuvé le passage de 5 actions ordinaires par ADS à 20 actions "
     "ordinaires par ADS, avec effet le 5 mai 2025.", "fr", "0.25"),
])
def test_more_shares_per_ads_is_a_reverse_split_of_the_ads(text, lang, ratio):
    [split] = of_type(records(text, lang, disclosed="2025-04-10"), "stock_split")
    assert (split["ratio"], split["effective"]) == (ratio, "2025-05-05")


# --- "when it bought": the "it" is the name just before -------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme bought 300 BTC for $27 million in March 2025. The move follows Rivalco, which started "
     "the trend in May 2024 when it purchased 9,000 BTC for $600 million.", "en"),
    ("Acme a acheté 300 BTC pour 27 millions de dollars en mars 2025. Elle suit Rivalco, qui a "
     "lancé la tendance en mai 2024 lorsqu'elle a acheté 9 000 BTC pour 600 millions de "
     "dollars.", "fr"),
])
def test_the_it_of_a_when_clause_is_the_name_before_it(text, lang):
    found = of_type(records(text, lang), "btc_purchased")
    assert [(r["btc"], r["effective"]) for r in found] == [("300", "2025-03")]


def test_the_companys_own_when_clause_is_still_drafted():
    text = "Acme began its treasury when it purchased 900 BTC for $60 million in May 2024."
    found = of_type(records(text), "btc_purchased")
    assert [(r["btc"], r["effective"]) for r in found] == [("900", "2024-05")]


# --- two months side by side ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme bought 1,200 BTC in September and October 2024.", "en"),
    ("Acme a acheté 1 200 BTC en septembre et octobre 2024.", "fr"),
])
def test_a_figure_over_two_months_written_side_by_side_takes_both(text, lang):
    [bought] = of_type(records(text, lang, disclosed="2024-11-05"), "btc_purchased")
    assert bought["effective"] == "2024-09-01/2024-10-31"


def test_two_months_each_with_its_figure_stay_apart():
    text = "Acme mined 300 BTC in September 2024 and 280 BTC in October 2024."
    found = of_type(records(text, disclosed="2024-11-05"), "btc_mined")
    assert sorted((r["btc"], r["effective"]) for r in found) == \
        [("280", "2024-10"), ("300", "2024-09")]


# --- "brings to N the total number of bitcoins" -------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Between March 3 and March 9, 2025, Acme bought 300 BTC for $27 million. This purchase "
     "brings to 1,950 the total number of bitcoins held by Acme.", "en"),
    ("Entre le 3 et le 9 mars 2025, Acme a acheté 300 BTC pour 27 millions de dollars. Cet "
     "achat porte à 1 950 le nombre total de bitcoins que détient Acme.", "fr"),
])
def test_a_total_number_of_bitcoins_written_after_its_count_is_a_balance(text, lang):
    found = records(text, lang, disclosed="2025-03-10")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [("1950", "2025-03-09")]
    assert [r["btc"] for r in of_type(found, "btc_purchased")] == ["300"]


# --- "for the quarter": the quarter the text named before ------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme has released its Q1 2025 financial report. Revenue for the quarter came to $80 "
     "million, with $75 million from mining, producing a total of 1,250 BTC.", "en"),
    ("Acme a publié son rapport du premier trimestre 2025. Au cours du trimestre, la société a "
     "produit 1 250 BTC.", "fr"),
])
def test_a_flow_for_the_quarter_takes_the_quarter_named_before(text, lang):
    found = of_type(records(text, lang, disclosed="2025-05-02"), "btc_mined")
    assert [(r["btc"], r["effective"]) for r in found] == [("1250", "2025-Q1")]


def test_the_quarter_to_come_dates_nothing():
    text = ("Acme has released its Q1 2025 financial report. In the quarter ahead it expects "
            "to mine 1,250 BTC.")
    assert of_type(records(text, disclosed="2025-05-02"), "btc_mined") == []


# --- a quoted post signed with its day ------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "signed"), [
    ("Acme's chairman kept his habit of posting the news.\n"
     "Acme has acquired 120 BTC for $11 million and now holds 6,120 BTC.\n"
     "\u2014 Jane Doe (@janedoe) August 1, 2025\n"
     "Shares moved little on the news.", "en", "2025-08-01"),
    ("Le président d'Acme a de nouveau annoncé l'achat sur les réseaux.\n"
     "Acme a acquis 120 BTC pour 11 millions de dollars et détient désormais 6 120 BTC.\n"
     "\u2014 Jeanne Dupont (@jdupont) 1 août 2025\n"
     "L'action a peu réagi.", "fr", "2025-08-01"),
])
def test_what_a_quoted_post_says_is_dated_by_its_signature(text, lang, signed):
    found = records(text, lang, disclosed="2025-08-04")
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [("6120", signed)]
    assert [(r["btc"], r["effective"]) for r in of_type(found, "btc_purchased")] == \
        [("120", signed[:7])]


# --- figures told "respectively"; the company when its ticker is not in the text -------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Several miners sold coins in October 2025. Acme and Rivalco, which sold 510 and 240 BTC "
     "respectively, led the group.", "en"),
    ("Plusieurs mineurs ont vendu en octobre 2025. Acme et Rivalco, qui ont vendu 510 et 240 "
     "BTC respectivement, arrivent en tête.", "fr"),
])
def test_the_nth_figure_told_respectively_is_the_nth_names(text, lang):
    found = of_type(records(text, lang, disclosed="2025-11-05"), "btc_sold")
    assert [(r["btc"], r["effective"]) for r in found] == [("510", "2025-10")]


def test_respectively_the_other_way_round():
    text = ("Several miners sold coins in October 2025. Rivalco and Acme, which sold 510 and 240 "
            "BTC respectively, led the group.")
    found = of_type(records(text, disclosed="2025-11-05"), "btc_sold")
    assert [r["btc"] for r in found] == ["240"]


def test_a_rival_named_as_often_but_apart_is_not_the_company_the_text_is_about():
    # The ticker (QZX) abbreviates no name: the company is the most frequent name and the
    # words written with it ("Kestrel Digital"), not a rival the round-up names nearly as
    # often.
    text = ("Kestrel Digital sold coins in October 2025.\n"
            "Kestrel Digital and Rivalco, which sold 510 and 240 BTC respectively, led.\n"
            "Kestrel Digital said the sales funded new machines; Rivalco did not comment.\n"
            "Kestrel Digital also runs a hosting business.")
    found = of_type(records(text, company="QZX", disclosed="2025-11-05"), "btc_sold")
    assert [r["btc"] for r in found] == ["510"]


# --- EBITDA spelled out -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme reported revenue of $40.2 million for the third quarter of 2025. Adjusted earnings "
     "before interest, tax, depreciation and amortization (EBITDA) was $6.1 million.", "en"),
    ("Acme a publié un chiffre d'affaires de 40,2 millions de dollars au troisième trimestre "
     "2025. Son BAIIA ajusté s'est établi à 6,1 millions de dollars.", "fr"),
])
def test_adjusted_ebitda_spelled_out_is_adjusted_ebitda(text, lang):
    found = of_type(records(text, lang, disclosed="2025-11-05"), "results_reported")
    assert [(r["effective"], r.get("revenue_usd"), r.get("adjusted_ebitda_usd"))
            for r in found] == [("2025-Q3", "40200000", "6100000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("In the month of September, 2025, Acme mined about 180 bitcoin.", "en"),
    ("Pour le mois de septembre, 2025, Acme a miné environ 180 bitcoins.", "fr"),
])
def test_a_month_with_a_comma_before_its_year_is_that_month(text, lang):
    found = of_type(records(text, lang, disclosed="2025-10-04"), "btc_mined")
    assert [(r["btc"], r["effective"]) for r in found] == [("180", "2025-09")]


def test_a_scale_written_with_a_hyphen_scales():
    text = ("Acme's revenue was $12.7-million in the third quarter of 2025 and its net income "
            "$3.4-million.")
    found = of_type(records(text, disclosed="2025-11-05"), "results_reported")
    assert [(r.get("revenue_usd"), r.get("net_income_usd")) for r in found] == \
        [("12700000", "3400000")]


# --- a fiscal quarter named by its place in the fiscal year -------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme reports on its first quarter ended June 30, 2025.\n"
     "Its revenue came to $12.7 million in the first quarter, up from the previous quarter. "
     "Net income was $3.4 million.", "en"),
    ("Acme a publié ses résultats du premier trimestre clos le 30 juin 2025.\n"
     "Le chiffre d'affaires s'est élevé à 12,7 millions de dollars au premier trimestre. Le "
     "résultat net a atteint 3,4 millions de dollars.", "fr"),
])
def test_a_fiscal_first_quarter_is_the_calendar_quarter_it_ended_with(text, lang):
    found = of_type(records(text, lang, disclosed="2025-08-14"), "results_reported")
    assert [(r["effective"], r.get("revenue_usd"), r.get("net_income_usd")) for r in found] == \
        [("2025-Q2", "12700000", "3400000")]


def test_a_calendar_quarter_written_with_its_year_is_left_as_written():
    text = ("Acme reports on its first quarter ended June 30, 2025.\n"
            "In the first quarter of 2024, Acme mined 300 BTC.")
    found = of_type(records(text, disclosed="2025-08-14"), "btc_mined")
    assert [(r["btc"], r["effective"]) for r in found] == [("300", "2024-Q1")]


# --- a fiscal year said once, and coins that are other coins counted in bitcoin ---------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme's fiscal year ended March 31, 2025.\n"
     "Revenue came to $90.4 million this fiscal year, twice the year before. Net income "
     "reached $21.7 million.", "en"),
    ("Acme publie ses résultats de l'exercice clos le 31 mars 2025.\n"
     "Le chiffre d'affaires de cet exercice s'élève à 90,4 millions de dollars. Le résultat "
     "net a atteint 21,7 millions de dollars.", "fr"),
])
def test_results_of_this_fiscal_year_take_the_year_the_text_named(text, lang):
    found = of_type(records(text, lang, disclosed="2025-06-20"), "results_reported")
    assert [(r["effective"], r.get("revenue_usd"), r.get("net_income_usd")) for r in found] == \
        [("2024-04-01/2025-03-31", "90400000", "21700000")]


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2025 Acme mined 210 BTC and 1,500 Bitcoin Equivalent from its GPU fleet.", "en"),
    ("En mars 2025, Acme a miné 210 BTC et 1 500 bitcoins équivalents avec ses GPU.", "fr"),
])
def test_bitcoin_equivalent_is_no_coins(text, lang):
    found = of_type(records(text, lang, disclosed="2025-04-02"), "btc_mined")
    assert [r["btc"] for r in found] == ["210"]


# --- a hard-wrapped line ending on a word no sentence ends on -----------------------------------


WRAPPED_EN = """\
Acme reports on its fiscal year ended March 31, 2025, with record revenue
and a larger fleet of machines across its three sites in the north of
the country, where power remains cheap and plentiful for its miners and
its staff. Over the twelve months of Acme's fiscal year ending
March 31, 2025, Acme mined 1,840 Bitcoin and 1,500 Bitcoin Equivalent from GPUs.
"""
WRAPPED_FR = """\
Acme publie ses résultats de l'exercice clos le 31 mars 2025, avec un
chiffre d'affaires record et un parc de machines plus grand sur ses trois
sites du nord du pays, où l'électricité reste bon marché et abondante pour
ses mineurs. Sur l'ensemble de l'exercice clos le
31 mars 2025, Acme a miné 1 840 bitcoins.
"""


@pytest.mark.parametrize(("text", "lang"), [(WRAPPED_EN, "en"), (WRAPPED_FR, "fr")])
def test_a_line_wrapped_after_ending_goes_on_to_its_date(text, lang):
    found = of_type(records(text, lang, disclosed="2025-06-20"), "btc_mined")
    assert [(r["btc"], r["effective"]) for r in found] == [("1840", "2024-04-01/2025-03-31")]


# --- the share capital "at present" ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("The change leaves Acme's shares as they are. Acme's outstanding share capital currently "
     "stands at 118,400,250 ordinary shares.", "en"),
    ("Les actions d'Acme ne sont pas affectées. Le capital social d'Acme se compose à ce jour "
     "de 118 400 250 actions ordinaires.", "fr"),
])
def test_the_share_capital_at_present_is_a_share_count_of_the_publication_day(text, lang):
    found = of_type(records(text, lang, disclosed="2025-04-02"), "shares_outstanding_disclosed")
    assert [(r["shares"], r["effective"]) for r in found] == [("118400250", "2025-04-02")]


def test_the_share_capital_with_no_day_is_not_dated():
    text = "Acme's outstanding share capital stands at 118,400,250 ordinary shares."
    assert of_type(records(text, disclosed="2025-04-02"), "shares_outstanding_disclosed") == []


# --- a BTC Yield named after its figure ---------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme reported a gain of 9.1% in its BTC Yield year to date.", "en"),
    ("Grâce à ses achats, Acme affiche une hausse de 9,1 % de son rendement BTC depuis "
     "janvier.", "fr"),
])
def test_a_btc_yield_named_after_its_figure_is_the_yield(text, lang):
    [kpi] = of_type(records(text, lang, disclosed="2025-11-27"), "kpi_disclosed")
    assert (kpi["metric"], kpi["value"], kpi["since"], kpi["effective"]) == \
        ("btc_yield", "0.091", "2025-01-01", "2025-11-27")


def test_a_percent_of_something_else_before_the_yield_is_not_it():
    text = "Acme's shares rose 9.1% in the week its BTC Yield year to date was published."
    assert of_type(records(text, disclosed="2025-11-27"), "kpi_disclosed") == []


# --- a heading run into the text ---------------------------------------------------------------


def test_a_heading_run_into_the_text_does_not_make_a_purchase_an_earlier_one():
    text = ("Acme shares jumped after the news. First Purchase and Next Steps On June 2, Acme "
            "confirmed the acquisition of 8 BTC for $800,000.")
    found = of_type(records(text, disclosed="2025-06-03"), "btc_purchased")
    assert [(r["btc"], r["usd"], r["effective"]) for r in found] == [("8", "800000", "2025-06")]


def test_an_earlier_purchase_in_the_sentences_own_words_is_still_one():
    text = "Acme shares jumped. Its first purchase was of 8 BTC for $800,000."
    assert of_type(records(text, disclosed="2025-06-03"), "btc_purchased") == []


# --- the dollars named as this purchase's after them ------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme made a new purchase of 210 BTC, acquired between March 3 and March 9, 2025. It paid "
     "an average of $90,500 per coin, bringing its outlay to about $19 million for this latest "
     "acquisition.", "en"),
    ("Acme a réalisé un nouvel achat de 210 BTC, acquis entre le 3 et le 9 mars 2025. Elle a "
     "payé en moyenne 90 500 dollars par bitcoin, soit environ 19 millions de dollars pour ce "
     "dernier achat.", "fr"),
])
def test_dollars_named_as_this_purchases_after_them_are_its_cost(text, lang):
    found = of_type(records(text, lang, disclosed="2025-03-10"), "btc_purchased")
    assert [(r["btc"], r.get("usd"), r["effective"]) for r in found] == \
        [("210", "19000000", "2025-03-03/2025-03-09")]


def test_a_holdings_cost_is_not_a_purchases():
    text = ("Acme made a new purchase of 210 BTC, acquired between March 3 and March 9, 2025. "
            "Its holdings cost about $190 million in total.")
    found = of_type(records(text, disclosed="2025-03-10"), "btc_purchased")
    assert [r.get("usd") for r in found] == [None]
