"""General rules for how disclosures are written, each on the project's own short texts
(English and French), written for these tests in the shapes real releases and articles use:
capacity left under a program, proceeds named after the amount, a lot's whole price, a period
given in a sentence of its own, a month-end balance, pronouns standing for another company,
several companies in one article, convertible terms, an announcement day named by its weekday,
a debt's month, earlier reports, prices per coin, loans, conversions from other coins, and
sales counted since an agreement.
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type


def records(text: str, lang: str = "en", disclosed: str | None = None,
            company: str = "ACME", read_all: bool = False) -> list[dict]:
    return drafted(text, lang, disclosed, company, read_all)


# --- equity: what is left is not raised; proceeds named after the amount ------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("On March 9, 2025 Acme reported that it still had roughly $4.2 billion of common stock "
     "available to sell under its equity program.", "en"),
    ("Acme said it had $7.4 billion in remaining capacity on its at-the-market share program "
     "as of March 9, 2025.", "en"),
    ("Au 9 mars 2025, Acme dispose de 120 millions de dollars encore disponibles au titre de son "
     "programme ATM.", "fr"),
])
def test_capacity_left_under_a_program_is_no_equity_raised(text, lang):
    assert of_type(records(text, lang, "2025-03-10"), "equity_issued") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Between March 3, 2025 and March 9, 2025, Acme sold 95,000 shares under its ATM program, "
     "generating approximately $8.3 million in net proceeds.", "en"),
    ("Entre le 3 mars 2025 et le 9 mars 2025, Acme a vendu 95 000 actions dans le cadre de son "
     "programme ATM, générant 8,3 millions de dollars de produit net.", "fr"),
])
def test_proceeds_named_after_the_amount_are_the_shares_sold(text, lang):
    [equity] = of_type(records(text, lang, "2025-03-10"), "equity_issued")
    assert (equity["usd"], equity["shares"], equity["effective"]) == \
        ("8300000", "95000", "2025-03-03/2025-03-09")


# --- purchases: the lot's price, a period said apart ---------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("On March 10, 2025, Acme said it acquired 300 bitcoins for an approximate price of $27 "
     "million, averaging $90,000 per bitcoin.", "en"),
    ("Acme a acquis 300 BTC de plus à un prix moyen d'achat de 90 000 dollars par bitcoin, soit "
     "27 millions de dollars au total.", "fr"),
])
def test_the_price_of_the_whole_lot_is_the_purchase_cost_not_a_unit_price(text, lang):
    [purchase] = of_type(records(text, lang, "2025-03-10"), "btc_purchased")
    assert (purchase["btc"], purchase["usd"]) == ("300", "27000000")


@pytest.mark.parametrize(("text", "lang"), [
    ("Between March 3, 2025 and March 9, 2025, Acme sold 120,000 shares, generating $27 million "
     "in net proceeds. Additionally, during the same period, Acme acquired 300 bitcoins for $27 "
     "million.", "en"),
    ("Entre le 3 mars 2025 et le 9 mars 2025, Acme a vendu 120 000 actions pour 27 millions de "
     "dollars. Au cours de la même période, Acme a acquis 300 bitcoins pour 27 millions de "
     "dollars.", "fr"),
])
def test_during_the_same_period_is_the_period_of_the_flow_told_before(text, lang):
    [purchase] = of_type(records(text, lang, "2025-03-10"), "btc_purchased")
    assert purchase["effective"] == "2025-03-03/2025-03-09"


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme has acquired 300 BTC for about $27 million. The bitcoins were acquired between March "
     "3 and March 9 at an average price of $90,000 per bitcoin.", "en"),
    ("Acme a acquis 300 BTC pour environ 27 millions de dollars. Les bitcoins ont été achetés "
     "entre le 3 mars et le 9 mars 2025.", "fr"),
])
def test_a_sentence_giving_only_the_period_of_the_coins_just_named_dates_them(text, lang):
    [purchase] = of_type(records(text, lang, "2025-03-10"), "btc_purchased")
    assert purchase["effective"] == "2025-03-03/2025-03-09"


def test_a_period_in_another_sentence_about_something_else_does_not_date_the_purchase():
    text = ("Acme has acquired 300 BTC for about $27 million. Its shares traded between March 3 "
            "and March 9 in a narrow band.")
    [purchase] = of_type(records(text, "en", "2025-03-10"), "btc_purchased")
    assert purchase["effective"] == "2025-03"


# --- balances at a month's end; an earlier flow's balance ------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme mined 352 BTC in May and sold about 3.1 BTC that month, ending the month with a "
     "bitcoin balance of 5,287 BTC.", "en"),
    ("Acme a produit 352 BTC en mai 2024. La société a terminé le mois avec 5 287 BTC.", "fr"),
])
def test_ending_the_month_with_a_balance_is_the_last_day_of_that_month(text, lang):
    [balance] = of_type(records(text, lang, "2024-06-05"), "btc_balance_disclosed")
    assert (balance["btc"], balance["effective"]) == ("5287", "2024-05-31")


def test_the_month_a_balance_ends_is_the_last_one_named_before_it():
    text = ("Acme's shares rose after its report of higher output for September. The company "
            "concluded the month holding 4,210 BTC.")
    [balance] = of_type(records(text, "en", "2025-10-06"), "btc_balance_disclosed")
    assert balance["effective"] == "2025-09-30"


def test_the_balance_after_a_purchase_of_an_earlier_month_is_not_todays():
    text = ("The purchase came after another acquisition of 1,080 BTC for $64 million in August, "
            "which had brought its total holdings to 23,700 BTC.")
    found = records(text, "en", "2024-09-13")
    assert of_type(found, "btc_balance_disclosed") == []
    assert [r["effective"] for r in of_type(found, "btc_purchased")] == ["2024-08"]


# --- other companies: pronouns, several companies in one article ---------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme mined 352 BTC in May. Acme sold none. Meanwhile, Rivalco's output slipped as well. "
     "Its mining fleet produced 163 BTC in May, below the 241 BTC it mined in April.", "en"),
    ("Acme a produit 352 BTC en mai 2024. Acme n'a rien vendu. De son côté, Rivalco a vu sa "
     "production reculer. Sa filiale a produit 163 BTC en mai 2024.", "fr"),
])
def test_a_pronoun_stands_for_the_company_the_sentence_before_opens_with(text, lang):
    mined = of_type(records(text, lang, "2024-06-05"), "btc_mined")
    assert [r["btc"] for r in mined] == ["352"]


def test_a_pronoun_after_the_documents_own_company_keeps_its_figure():
    text = ("Acme expanded its fleet in May. Acme sold none. Its mining fleet produced 163 BTC "
            "in May 2024.")
    assert [r["btc"] for r in of_type(records(text, "en", "2024-06-05"), "btc_mined")] == ["163"]


def test_in_an_article_on_several_miners_the_ticker_tells_which_is_the_documents():
    text = ("Northpeak reported production of 352 BTC in May 2024. Northpeak sold 2 BTC.\n"
            "Riverhash mined 215 BTC in May 2024. Riverhash received energy credits.\n"
            "Riverhash, meanwhile, produced more than planned.")
    mined = of_type(records(text, "en", "2024-06-05", company="NPK"), "btc_mined")
    assert [r["btc"] for r in mined] == ["352"]


# --- convertible notes: terms as releases write them --------------------------------------------


def test_notes_that_will_not_pay_interest_and_a_conversion_price_set_at():
    text = ("Acme set the terms of a $1.5 billion sale of convertible senior notes.\n"
            "The notes, which are unsecured, will not pay interest and are set to mature on "
            "September 15, 2031. The initial conversion rate is 1.8520 shares per $1,000 principal "
            "amount, which sets the conversion price at $539.96 per share.")
    [notes] = of_type(records(text, "en", "2025-02-20"), "notes_issued")
    assert (notes["principal_usd"], notes["coupon_percent"], notes["maturity"],
            notes["conversion_rate"], notes["conversion_price_usd"]) == \
        ("1500000000", "0", "2031-09-15", "1.852", "539.96")


def test_an_issue_raised_to_a_new_size_in_french_with_its_terms():
    text = ("Le montant principal des obligations convertibles à coupon zéro d'Acme, échéant en "
            "2031, a été porté à 1,2 milliard de dollars.\n"
            "Leur taux de conversion initial sera de 3,2051 actions ordinaires pour 1 000 $ de "
            "principal, soit un prix de conversion initial d'environ 312,00 $ par action.")
    [notes] = of_type(records(text, "fr", "2024-11-20"), "notes_issued")
    assert (notes["principal_usd"], notes["coupon_percent"], notes["maturity"],
            notes["conversion_rate"], notes["conversion_price_usd"]) == \
        ("1200000000", "0", "2031", "3.2051", "312")


# --- dates: the announcement's weekday, a debt's month ---------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme a indiqué mardi avoir cédé 410 bitcoins. Elle en détient désormais 3 015 BTC.",
     "fr"),
    ("Acme said on Tuesday it had sold 410 bitcoins. It now holds 3,015 BTC.", "en"),
])
def test_a_balance_now_is_as_of_the_weekday_the_company_announced_on(text, lang):
    found = records(text, lang, "2025-11-06")  # a Thursday: Tuesday was 2025-11-04
    [balance] = of_type(found, "btc_balance_disclosed")
    assert balance["effective"] == "2025-11-04"


def test_a_month_that_names_a_debt_does_not_date_the_sale():
    text = "Acme a indiqué avoir racheté une partie de ses obligations de mars 2025 en vendant 410 " \
        "bitcoins."
    # (read as of the publication's month; its clause naming another month, it is noticed)
    assert of_type(records(text, "fr", "2025-11-06"), "btc_sold") == []
    [sale] = of_type(records(text, "fr", "2025-11-06", read_all=True), "btc_sold")
    assert sale["effective"] == "2025-11"


# --- what is not a flow of this report --------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("According to an earlier report, Acme sold 212.4 BTC.", "en"),
    ("Dans son précédent communiqué, Acme a vendu 212,4 BTC.", "fr"),
])
def test_a_figure_from_an_earlier_report_is_left_out(text, lang):
    assert of_type(records(text, lang, "2025-10-06"), "btc_sold") == []


@pytest.mark.parametrize("text", [
    "Acme first bought bitcoin at US$31k back in 2021, it said.",
    "Acme sold some coins under its average cost of about $64,000.",
])
def test_a_price_per_coin_is_no_purchase(text):
    assert of_type(records(text, "en", "2026-02-03"), "btc_purchased") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme obtained a $5.2 million loan in August to add to its bitcoin reserve.", "en"),
    ("Acme a obtenu un prêt de 5,2 millions de dollars en août afin d'accroître sa réserve de "
     "BTC.", "fr"),
])
def test_a_loan_taken_to_buy_bitcoin_is_no_purchase(text, lang):
    assert of_type(records(text, lang, "2024-10-01"), "btc_purchased") == []


def test_bitcoin_got_by_converting_another_coin_is_a_purchase_without_dollars():
    text = ("Acme said it was converting 9,600 ETH into roughly 362 BTC through an over-the-counter "
            "trade valued above $31 million.")
    [purchase] = of_type(records(text, "en", "2024-11-29"), "btc_purchased")
    assert (purchase["btc"], purchase.get("usd"), purchase["effective"]) == \
        ("362", None, "2024-11")


def test_a_fall_in_production_to_a_figure_is_what_was_mined():
    text = "Acme's BTC output dropped 37% last month, falling to 352 BTC in May 2024."
    [mined] = of_type(records(text, "en", "2024-06-05"), "btc_mined")
    assert (mined["btc"], mined["effective"]) == ("352", "2024-05")


def test_shares_counted_as_of_a_day_under_a_dated_agreement_were_sold_since_it():
    text = ("Acme funded the buy by selling up to $1.5 billion of shares under a July 8 agreement. "
            "Acme had sold 6,315,240 shares for $874 million as of October 3.")
    [equity] = of_type(records(text, "en", "2024-10-04"), "equity_issued")
    assert (equity["shares"], equity["usd"], equity["effective"]) == \
        ("6315240", "874000000", "2024-07-08/2024-10-03")


def test_these_buybacks_paid_for_by_a_sale_take_the_period_of_the_sentence_before():
    text = ("During March 2026, Acme bought back 12,000 of its shares. These buybacks were paid "
            "for by selling 1.5 BTC.")
    [sale] = of_type(records(text, "en", "2026-04-02"), "btc_sold")
    assert sale["effective"] == "2026-03"


# --- spans of two periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "effective"), [
    ("Between the second quarter of 2022 and the third quarter of 2023, Acme bought 1,500 "
     "bitcoins for $45 million.", "en", "2022-04-01/2023-09-30"),
    ("From Q3 2024 to Q1 2025, Acme mined 900 BTC.", "en", "2024-07-01/2025-03-31"),
    ("De janvier à mars 2025, Acme a acheté 300 BTC.", "fr", "2025-01-01/2025-03-31"),
    ("Entre le troisième trimestre 2024 et le premier trimestre 2025, Acme a produit 900 BTC.",
     "fr", "2024-07-01/2025-03-31"),
])
def test_two_periods_written_as_the_ends_of_a_span_are_one_range(text, lang, effective):
    [flow] = records(text, lang, "2025-05-02")
    assert flow["effective"] == effective


def test_a_period_compared_with_is_not_joined_to_the_flows_own():
    text = "Acme mined 90 BTC in March 2025, up from 80 BTC in February 2025."
    assert [(r["btc"], r["effective"]) for r in records(text, "en", "2025-05-02")] == \
        [("90", "2025-03")]


# --- yields since a day; running totals to date; coordinated figures ---------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) update.\nAcme's BTC Yield reached 12.4% since January 1, 2025.", "en"),
    ("Acme (ACME) point.\nLe rendement BTC d'Acme atteint 12,4 % depuis le 1er janvier 2025.",
     "fr"),
])
def test_a_yield_since_a_day_runs_from_that_day_to_the_day_it_was_stated(text, lang):
    [kpi] = of_type(records(text, lang, "2025-04-03"), "kpi_disclosed")
    assert (kpi["value"], kpi["since"], kpi["effective"]) == ("0.124", "2025-01-01", "2025-04-03")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) update.\nAcme produced 1,290 BTC year-to-date and 312 BTC in March 2025.",
     "en"),
    ("Acme (ACME) point.\nAcme a produit 1 290 BTC depuis le début de l'année ainsi que 312 BTC "
     "en mars 2025.", "fr"),
])
def test_a_total_to_date_runs_from_the_years_start_and_the_figure_beside_it_keeps_its_verb(
        text, lang):
    mined = of_type(records(text, lang, "2025-04-03"), "btc_mined")
    assert sorted((r["btc"], r["effective"]) for r in mined) == \
        [("1290", "2025-01-01/2025-03-31"), ("312", "2025-03")]


def test_a_total_to_date_with_no_month_to_end_it_is_not_drafted():
    text = "Acme (ACME) update.\nAcme has produced 1,290 BTC year-to-date."
    assert of_type(records(text, "en", "2025-04-03"), "btc_mined") == []


def test_a_balance_said_to_be_now_after_an_earlier_months_purchase_is_todays():
    text = ("Acme (ACME) update.\nAcme purchased 130 BTC in March 2025 for a total of $11.05 "
            "million, and now holds 1,200 BTC.")
    [balance] = of_type(records(text, "en", "2025-04-03"), "btc_balance_disclosed")
    assert (balance["btc"], balance["effective"]) == ("1200", "2025-04-03")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) update.\nSince the start of the year, Acme has bought 1,500 BTC.", "en"),
    ("Acme (ACME) point.\nDepuis le début de l'année, Acme a acheté 1 500 BTC.", "fr"),
])
def test_bought_since_the_start_of_the_year_with_no_end_named_is_not_drafted(text, lang):
    assert of_type(records(text, lang, "2025-10-02"), "btc_purchased") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) point.\nLa Société a émis 5 000 000 actions nouvelles pour un montant brut de "
     "10 millions de dollars le 29 septembre 2025.", "fr"),
    ("Acme (ACME) update.\nAcme issued 5,000,000 new shares for gross proceeds of $10 million "
     "on September 29, 2025.", "en"),
])
def test_shares_issued_for_an_amount_are_equity_issued(text, lang):
    [equity] = of_type(records(text, lang, "2025-10-02"), "equity_issued")
    assert (equity["shares"], equity["usd"], equity["effective"]) == \
        ("5000000", "10000000", "2025-09-29")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) update. Acme grows.\nAcme follows Rivalco, which bought 1,000 BTC last week "
     "for $110 million.", "en"),
    ("Acme (ACME) point. Acme grandit.\nAcme rejoint ainsi Zetacoin, qui a acquis 4 630 BTC la "
     "semaine dernière.", "fr"),
])
def test_the_name_a_relative_clause_hangs_on_is_its_verbs_subject(text, lang):
    assert of_type(records(text, lang, "2025-10-02"), "btc_purchased") == []


def test_a_relative_clause_on_the_documents_company_keeps_its_figure():
    text = ("Acme (ACME) update. Acme grows.\nAcme, which bought 100 BTC on September 29, 2025, "
            "plans more.")
    assert [r["btc"] for r in of_type(records(text, "en", "2025-10-02"), "btc_purchased")] == \
        ["100"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) update. Acme grows.\nPublic companies collectively hold 1,050,000 BTC as of "
     "October 1, 2025, and spot ETFs bought 10,000 BTC last week.", "en"),
    ("Acme (ACME) point. Acme grandit.\nLes sociétés cotées détiennent 1 050 000 BTC au 1er "
     "octobre 2025.", "fr"),
])
def test_holders_that_are_no_one_company_are_left_out(text, lang):
    assert records(text, lang, "2025-10-02") == []


def test_two_purchases_in_one_sentence_each_keep_the_verb_and_their_day():
    text = ("Acme (ACME) update. Acme grows.\nAcme bought 100 BTC on September 29, 2025 and 50 "
            "BTC on September 30, 2025.")
    assert [(r["btc"], r["effective"]) for r in records(text, "en", "2025-10-02")] == \
        [("100", "2025-09-29"), ("50", "2025-09-30")]


# --- found on the first held-out texts, written as general rules ---------------------------------


@pytest.mark.parametrize(("text", "lang", "effective"), [
    ("Acme acquired 643 BTC for $61.2 million between January 14-February 6, 2025.", "en",
     "2025-01-14/2025-02-06"),
    ("Acme a acquis 87 BTC du 3-10 mars 2025.", "fr", "2025-03-03/2025-03-10"),
])
def test_a_range_written_with_a_hyphen_stays_a_range(text, lang, effective):
    [purchase] = records(text, lang, "2025-03-12")
    assert purchase["effective"] == effective


def test_notes_proceeds_raised_are_not_their_principal():
    text = ("Acme (ACME) update. Acme grows.\nAcme closed an offering of 0% convertible "
            "senior notes due 2032, raising $1.64 billion as of Nov. 19.")
    assert [r for r in records(text, "en", "2024-11-26") if r.get("principal_usd")] == []


def test_from_one_figure_to_another_the_later_is_the_periods_and_a_reports_year_frames_it():
    text = ("Acme (ACME) update. Acme grows.\nAlongside, the company released its annual report "
            "for the 2023 fiscal year. Its hash rate went from 5 EH/s in 2022 to 18.3 EH/s. Bitcoin "
            "production rose by 156%, from 3,018 BTC to a record 7,726 BTC.")
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, "en", "2024-03-05")] == \
        [("btc_mined", "7726", "2023")]


@pytest.mark.parametrize(("text", "effective", "since", "value"), [
    ("Acme (ACME) point. Acme grandit.\nAu T1 2025, son rendement en BTC par action ressort à "
     "+71,4 %.", "2025-03-31", "2025-01-01", "0.714"),
    ("Acme (ACME) point. Acme grandit.\nSon rendement en BTC par action ressort à +27 % sur le "
     "trimestre en cours.", "2025-05-12", "2025-04-01", "0.27"),
])
def test_a_french_yield_per_share_in_a_quarter_or_the_current_quarter(text, effective, since,
                                                                      value):
    [kpi] = of_type(records(text, "fr", "2025-05-12"), "kpi_disclosed")
    assert (kpi["effective"], kpi["since"], kpi["value"]) == (effective, since, value)


@pytest.mark.parametrize("text", [
    "Acme (ACME) point. Acme grandit.\nAcme a acquis 455 bitcoins, portant son portefeuille total "
    "à 497 BTC.",
    "Acme (ACME) point. Acme grandit.\nEn annonçant l'achat de 455 BTC, Acme pousse ses avoirs "
    "totaux à 497 bitcoins.",
])
def test_a_french_balance_brought_to_a_total_is_as_of_the_announcement(text):
    [balance] = of_type(records(text, "fr", "2025-01-16"), "btc_balance_disclosed")
    assert (balance["btc"], balance["effective"]) == ("497", "2025-01-16")


def test_a_heading_saying_what_another_company_did_opens_its_section():
    text = ("Acme (ACME) buys bitcoin\n"
            "Acme announced the acquisition of 48,300 BTC between Nov. 18, 2024 and Nov. 24, 2024. "
            "Acme now holds 351,900 BTC.\n"
            "Rivalco Expands Bitcoin Treasury\n"
            "Medical-device maker Rivalco said it had added to its Bitcoin reserve too. Between Nov. "
            "18, 2024 and Nov. 22, 2024, it acquired 184 BTC for $17.6 million.\n"
            "As a result, this purchase lifted its total Bitcoin holdings to 1,135 BTC.\n"
            "Acme Outlook\n"
            "Acme sold 10 BTC on November 25, 2024.")
    assert [(r["type"], r["btc"]) for r in records(text, "en", "2024-11-26")] == [
        ("btc_purchased", "48300"), ("btc_balance_disclosed", "351900"), ("btc_sold", "10")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) news. Acme grows.\nAcme has bought a further 24,600 Bitcoin.\nThe company said "
     "this purchase, made between October 21, 2024 and October 27, 2024, cost about $1.78 "
     "billion, or roughly $72,360 per Bitcoin.", "en"),
    ("Acme (ACME) point. Acme grandit.\nAcme a acquis 24 600 bitcoins supplémentaires.\nCet achat, "
     "réalisé entre le 21 octobre 2024 et le 27 octobre 2024, a coûté environ 1,78 milliard de "
     "dollars.", "fr"),
])
def test_the_cost_of_the_purchase_just_told_is_its_dollars_not_a_second_purchase(text, lang):
    [purchase] = of_type(records(text, lang, "2024-10-28"), "btc_purchased")
    assert (purchase["btc"], purchase["usd"], purchase["effective"]) == \
        ("24600", "1780000000", "2024-10-21/2024-10-27")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) news. Acme grows.\nBetween Nov. 18 and 24 Acme bought 55,000 BTC.", "en"),
    ("Acme (ACME) point. Acme grandit.\nEntre le 18 novembre et le 24 novembre, Acme a acheté "
     "55 000 BTC.", "fr"),
])
def test_a_range_without_its_year_within_one_month_takes_the_publications_year(text, lang):
    [purchase] = records(text, lang, "2024-11-26")
    assert (purchase["btc"], purchase["effective"]) == ("55000", "2024-11-18/2024-11-24")


# --- found on the second held-out texts, written as general rules --------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) point. Acme grandit.\nAcme a fait état d'une perte de papier proche de 36,4 "
     "millions de dollars au premier trimestre 2025.", "fr"),
    ("Acme (ACME) point. Acme grandit.\nAcme a projeté un chiffre d'affaires de 8,8 millions de "
     "dollars pour le trimestre.", "fr"),
    ("Acme (ACME) point. Acme grandit.\nLe prix du bitcoin est descendu de 96 200 $ en janvier "
     "à environ 79 800 $ le 31 mars.", "fr"),
    ("Acme (ACME) update. Acme grows.\nThe price of bitcoin fell from $96,200 in January to "
     "$79,800 on March 31.", "en"),
])
def test_paper_losses_forecasts_and_the_price_of_bitcoin_are_no_results(text, lang):
    assert of_type(records(text, lang, "2025-04-16"), "results_reported") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) point. Acme grandit.\nAcme a indiqué avoir placé 1,5 milliard de yens "
     "japonais (quelque 10,1 millions de dollars) d'obligations sans coupon.", "fr"),
    ("Acme (ACME) update. Acme grows.\nAcme issued 1.5 billion Japanese yen (about $10.1 million) "
     "of zero-coupon bonds.", "en"),
])
def test_dollars_converting_an_amount_in_yen_are_never_the_principal(text, lang):
    assert [r for r in records(text, lang, "2025-04-01") if r.get("principal_usd")] == []


@pytest.mark.parametrize("text", [
    "Acme (ACME) update. Acme grows.\nEarlier in the month Acme's bitcoin holdings surpassed "
    "250,000 BTC.",
    "Acme (ACME) update. Acme grows.\nIn all, 612,300 BTC are now held by listed companies.",
    "Acme (ACME) update. Acme grows.\nOne of them is Rivalco Holdings, a bitcoin miner that has "
    "built up 31,870 BTC.",
])
def test_bounds_holders_by_passive_and_a_rival_described_in_apposition_are_left_out(text):
    assert records(text, "en", "2024-12-30") == []


def test_production_that_reached_a_figure_in_a_quarter_is_what_was_mined():
    text = ("Acme (ACME) update. Acme grows.\nIn Q1 2026 Acme's mining output reached 1,847 BTC.")
    assert [(r["type"], r["btc"], r["effective"]) for r in records(text, "en", "2026-06-22")] \
        == [("btc_mined", "1847", "2026-Q1")]


def test_a_yield_so_far_this_year_runs_from_the_years_start():
    text = ("Acme (ACME) update. Acme grows.\nAcme said its buying has delivered a Bitcoin yield "
            "of 18.7% to shareholders so far this year.")
    [kpi] = of_type(records(text, "en", "2025-04-25"), "kpi_disclosed")
    assert (kpi["value"], kpi["since"], kpi["effective"]) == ("0.187", "2025-01-01", "2025-04-25")


def test_stock_the_company_has_issued_to_date_with_no_period_is_not_one_issue():
    text = ("Acme (ACME) update. Acme grows.\nTo pay for its purchases, Acme has financed them by "
            "issuing about $95 million in new stock.")
    assert of_type(records(text, "en", "2025-04-25"), "equity_issued") == []


def test_output_that_reached_a_figure_before_holdings_named_after_it_is_mined():
    text = ("Acme (ACME) update. Acme grows.\nThis echoes Q1 2026 figures, when mining output "
            "reached 1,847 BTC while holdings stood at only 26 BTC.")
    mined = of_type(records(text, "en", "2026-06-22"), "btc_mined")
    assert [(r["btc"], r["effective"]) for r in mined] == [("1847", "2026-Q1")]


# --- what is not grounded is not proposed (publication date known, still nothing to go on) ----


def test_a_balance_nothing_dates_is_not_proposed_when_the_publication_day_is_known():
    text = "Acme (ACME) update. Acme grows.\nThis purchase raised Acme's total bitcoin holdings to 1,570 BTC."
    assert records(text, "en", "2025-04-01") == []
    # Without a publication date the draft is still shown, for the analyst to date.
    assert records(text, "en") == [{"type": "btc_balance_disclosed", "btc": "1570"}]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) update. Acme grows.\nAcme a annoncé avoir émis environ 10,1 millions de dollars "
     "d'obligations à taux zéro.", "fr"),
    ("Acme (ACME) update. Acme grows.\nAcme said it issued about $10.1 million of zero-coupon "
     "bonds.", "en"),
])
def test_an_approximate_principal_is_no_notes_issue(text, lang):
    # A note's principal is a contractual amount: "about" one is proceeds or a conversion.
    assert of_type(records(text, lang, "2025-04-01"), "notes_issued") == []


def test_an_exact_principal_is_still_an_issue():
    text = "Acme (ACME) update. Acme grows.\nAcme issued $10,100,000 of zero-coupon bonds."
    [notes] = of_type(records(text, "en", "2025-04-01"), "notes_issued")
    assert notes["principal_usd"] == "10100000"


def test_an_approximate_raise_with_no_shares_and_no_date_is_not_one_issue():
    text = ("Acme (ACME) update. Acme grows.\nAcme sold roughly $90 million of new stock to fund "
            "its purchases.")
    assert of_type(records(text, "en", "2025-04-01"), "equity_issued") == []
    dated = ("Acme (ACME) update. Acme grows.\nIn March 2025 Acme sold roughly $90 million of new "
             "stock to fund its purchases.")
    # dated, it is read as one issue; with no share count it is noticed, not drafted
    assert of_type(records(dated, "en", "2025-04-01"), "equity_issued") == []
    assert [(r["usd"], r["effective"]) for r in
            of_type(records(dated, "en", "2025-04-01", read_all=True), "equity_issued")] == [
        ("90000000", "2025-03")]


# --- dollars said to be spent on the coins just named -----------------------------------------


@pytest.mark.parametrize(("text", "lang", "usd"), [
    ("Acme Corp disclosed that it acquired around 310 Bitcoin (BTC) over two weeks, using "
     "approximately $27.4 million of its own cash.", "en", "27400000"),
    ("Acme Corp said it bought 310 BTC, spending $27.4 million.", "en", "27400000"),
    ("Lucane a acquis 42 BTC en investissant environ 4,1 millions de dollars.", "fr", "4100000"),
])
def test_dollars_spent_on_the_coins_just_named_are_their_cost(text, lang, usd):
    [purchase] = of_type(records(text, lang, "2025-08-26"), "btc_purchased")
    assert purchase.get("usd") == usd


def test_proceeds_used_are_not_the_cost_of_the_coins():
    [purchase] = of_type(records("Acme acquired 500 BTC using the proceeds of its $100 million "
                                 "offering.", "en", "2025-08-26"), "btc_purchased")
    assert "usd" not in purchase


# --- rules drawn from a second tuning set (benchmarks/corpus-extra/tuned2) ----------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) update. Acme grows.\nAcme faces stiff competition. For instance, Rivalco "
     "Holdings boasts a significant 38,210 BTC, while Zeta Mining holds 12,400 BTC.", "en"),
    ("Lucane (LUC) grandit. Lucane achète.\nPar exemple, Rivalco détient 38 210 BTC.", "fr"),
])
def test_a_name_after_for_instance_is_the_subject_of_its_clause(text, lang):
    company = "LUC" if lang == "fr" else "ACME"
    assert records(text, lang, "2025-03-05", company) == []


def test_coins_as_many_as_the_holding_acquired_for_a_sum_are_its_aggregate_cost():
    text = ("Acme (ACME) update. Acme grows.\nAcme just bought 180 BTC for $15.2 million.\n"
            "Acme now holds 1,140 bitcoins.\n"
            "Overall, Acme's 1,140 BTC were acquired for $79.6 million.")
    purchases = of_type(records(text, "en", "2024-11-18"), "btc_purchased")
    assert [(r["btc"], r["usd"]) for r in purchases] == [("180", "15200000")]


def test_a_line_printed_twice_is_read_once():
    text = ("Acme buys another $21M in bitcoin\n\n"
            "Acme bought an additional 215 Bitcoin for approximately $21 million, bringing its "
            "total holdings to 2,104 BTC.\n"
            "Acme bought an additional 215 Bitcoin for approximately $21 million, bringing its "
            "total holdings to 2,104 BTC.\n\n"
            "Acme has bought an additional 215 Bitcoin (BTC) for approximately $21 million, the "
            "company said on Jan. 13.")
    found = records(text, "en", "2025-01-13")
    assert [(r["type"], r.get("btc"), r.get("usd")) for r in found] == [
        ("btc_purchased", "215", "21000000"), ("btc_balance_disclosed", "2104", None)]


def test_proceeds_the_sale_equated_to_are_its_dollars():
    text = ("Acme funded operations through the sale of 410 bitcoin in May 2024, which equated "
            "to proceeds of approximately $9.1 million, at an average of $22,200 per BTC.")
    assert records(text, "en", "2024-06-03") == [
        {"type": "btc_sold", "effective": "2024-05", "btc": "410", "usd": "9100000"}]


def test_a_year_to_date_row_is_not_the_months_figure():
    text = ("Acme Releases May 2024 Bitcoin Mining Update\n"
            "Bitcoin mined in May: 512\n"
            "Calendar year-to-date bitcoin mined: 3,260\n"
            "Total BTC holdings as of May 31: 640")
    found = records(text, "en", "2024-06-03")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == [
        ("btc_mined", "512", "2024-05"), ("btc_balance_disclosed", "640", "2024-05-31")]


def test_convertible_terms_said_as_an_initial_rate_and_its_equivalent_price():
    text = ("Acme completed a private offering of $410M in 1.25% convertible senior notes due "
            "2031 on March 3, 2025. The net proceeds of approximately $399.2M will be used to buy "
            "bitcoin.The notes are convertible at an initial rate of 41.3301 shares per $1,000 "
            "principal amount, equivalent to $24.20 per share. The notes mature on June 1, 2031.")
    [notes] = records(text, "en", "2025-03-04")
    assert notes == {"type": "notes_issued", "effective": "2025-03-03",
                     "principal_usd": "410000000", "coupon_percent": "1.25",
                     "conversion_rate": "41.3301", "conversion_price_usd": "24.2",
                     "convertible": True, "maturity": "2031-06-01"}


@pytest.mark.parametrize(("text", "purchase", "balance"), [
    ("In a filing dated Nov. 25, Acme reported the acquisition of 38,500 Bitcoin (BTC) worth "
     "$3.4 billion. The company bought the coins between Nov. 18 and 24 at an average of "
     "$88,300 per coin.\nThis purchase increased Acme's total Bitcoin holdings to 274,800 BTC, "
     "bought for $15.9 billion in all.",
     "2024-11-18/2024-11-24", "2024-11-24"),
    ("Acme has bought another 19,800 Bitcoin.\nThe company said this purchase, carried out "
     "between October 28th and November 3rd, 2024, cost about $1.42 billion.\nFollowing this "
     "acquisition, Acme's total Bitcoin holdings have increased to 214,600 Bitcoin.",
     "2024-10-28/2024-11-03", "2024-11-03"),
])
def test_the_balance_a_purchase_brought_holdings_to_is_as_of_its_last_day(text, purchase,
                                                                          balance):
    found = records(text, "en", "2024-11-26")
    assert [(r["type"], r["effective"]) for r in found] == [
        ("btc_purchased", purchase), ("btc_balance_disclosed", balance)]


def test_a_balance_said_to_be_held_now_after_the_purchase_stays_the_publications():
    text = ("Acme bought 215 BTC between November 6 and November 15, 2024 for $17.7 million.\n"
            "With this latest buy, Acme now holds 1,348 bitcoins.")
    [balance] = of_type(records(text, "en", "2024-11-18"), "btc_balance_disclosed")
    assert balance["effective"] == "2024-11-18"


# --- rules drawn from a third tuning set (benchmarks/corpus-extra/tuned3) -----------------------


def test_dollars_in_brackets_after_coins_are_their_value_not_a_purchase_price():
    text = ("Acme (ACME) grows. Acme buys.\nAcme has grown its Bitcoin (BTC) reserve to over 700 "
            "BTC (roughly $43.6 million) after its latest buy. The company said in a post on "
            "Monday, October 28, that it bought 96.4 BTC for roughly 0.95 billion yen ($6.4 "
            "million), bringing its total holdings to 731 BTC.")
    found = records(text, "en", "2024-10-29")
    assert [(r["type"], r["btc"], r.get("usd"), r["effective"]) for r in found] == [
        ("btc_purchased", "96.4", None, "2024-10"),
        ("btc_balance_disclosed", "731", None, "2024-10-28")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme (ACME) grows. Acme buys.\nAcme said it has bought 212 more Bitcoin (BTC), taking "
     "its total holdings beyond 3,500 BTC.", "en"),
    ("Lucane (LUC) grandit. Lucane achète.\nLucane a acquis 212 BTC, portant ses avoirs au-delà "
     "de 3 500 BTC.", "fr"),
])
def test_holdings_beyond_a_figure_are_a_bound(text, lang):
    company = "LUC" if lang == "fr" else "ACME"
    assert of_type(records(text, lang, "2025-04-15", company), "btc_balance_disclosed") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Lucane (LUC) grandit. Lucane achète.\n  • Lucane prévoit de grossir sa réserve en achetant "
     "4 millions de dollars de BTC de plus.", "fr"),
    ("Acme (ACME) grows. Acme buys.\nAcme plans to grow its treasury by buying $4 million of "
     "bitcoin.", "en"),
])
def test_a_plan_carried_out_by_a_gerund_is_not_done(text, lang):
    company = "LUC" if lang == "fr" else "ACME"
    assert records(text, lang, "2024-06-25", company) == []


def test_a_rival_after_a_causal_clause_is_the_subject():
    text = ("Lucane (LUC) grandit. Lucane achète.\nRivalco est loin devant, puisqu’avec son "
            "dernier achat, Rivalco possède désormais 412 185 BTC.")
    assert records(text, "fr", "2025-04-02", "LUC") == []


def test_an_over_the_counter_ticker_with_its_f_abbreviates_the_name():
    # "ACMEF" is Acme's foreign ordinary share: Acme is the company, Rivalco another.
    text = ("Acme achète. Acme grandit.\nAcme a acquis 696 BTC le mois dernier, aux côtés de "
            "géants comme Rivalco. Rivalco possède désormais 493 620 BTC.")
    found = records(text, "fr", "2025-04-02", "ACMEF")
    assert [(r["type"], r["btc"]) for r in found] == [("btc_purchased", "696")]


def test_a_country_opening_a_sentence_is_no_other_company():
    text = ("Acme (ACMEF) grows. Acme buys more.\nJapan's investment house Acme has added to its "
            "reserve after a new purchase. The company said on Monday, October 28, that it "
            "bought 96.4 BTC, bringing its total holdings to 731 BTC.")
    found = records(text, "en", "2024-10-29", "ACMEF")
    assert [(r["type"], r["btc"]) for r in found] == [("btc_purchased", "96.4"),
                                                      ("btc_balance_disclosed", "731")]


def test_a_day_after_announced_and_a_comma_dates_the_news_not_the_purchase():
    text = ("Lucane (LUC) grandit. Lucane achète.\nLa société Lucane a annoncé, le 7 avril 2025, "
            "l'achat de 438 bitcoins (BTC), payés 41,7 millions de dollars au total.")
    [purchase] = records(text, "fr", "2025-04-08", "LUC")
    assert purchase["effective"] == "2025-04"


def test_coins_restating_a_share_take_the_shares_verb_and_the_sales_proceeds():
    text = ("Acme (ACME) grows. Acme buys.\nAcme announced that it sold approximately 58% of the "
            "Bitcoins it produced in May, or 121 BTC out of the 209 BTC it mined that month."
            "\nThe sale generated approximately $7.1 million.")
    found = records(text, "en", "2024-06-04")
    assert [(r["type"], r["btc"], r.get("usd")) for r in found] == [
        ("btc_sold", "121", "7100000"), ("btc_mined", "209", None)]


def test_the_month_of_the_figure_a_change_is_measured_from_is_not_the_figures():
    text = ("Acme Releases May 2024 Update\nMay proved hard for Acme as network difficulty "
            "climbed 2.1%. The company’s Bitcoin output fell to 188 BTC, down 7% from 202 BTC in "
            "April and nearly 31% from 272 BTC in May 2023.")
    assert records(text, "en", "2024-06-04") == [
        {"type": "btc_mined", "effective": "2024-05", "btc": "188"}]


# --- rules drawn from a fourth tuning set (benchmarks/corpus-extra/tuned4) ----------------------


def test_dollars_a_document_declares_canadian_are_not_usd():
    text = ("Record yearly revenue of $87.6 million\nAcme Mining Corp. (TSX: ACME) reports on its "
            "2022 financial year. Unless noted otherwise, all amounts are in\nCanadian "
            "Dollars (\"CAD\").\n- Revenue was $87.6 million in 2022.\n"
            "- Acme mined 1,930 Bitcoin in 2022.\n- Adjusted EBITDA came to $18.4 million in "
            "2022.")
    found = records(text, "en", "2023-03-09")
    assert [(r["type"], r.get("btc")) for r in found] == [("btc_mined", "1930")]


@pytest.mark.parametrize("text", [
    "Acme Files for $3 Billion Share Sale to Grow Its Bitcoin Reserve",
    "On Tuesday Acme unveiled an at-the-market equity offering program of up to $3 billion.",
])
def test_the_size_of_a_program_or_a_filing_is_no_stock_sold(text):
    assert of_type(records("Acme (ACME) grows. Acme buys.\n" + text, "en", "2025-08-27"),
                   "equity_issued") == []


def test_a_day_without_its_year_opening_the_clause_dates_the_action():
    text = ("Acme (ACME) grows. Acme buys.\nJust last week, on August 12, the company bought "
            "4,380 BTC for roughly $497 million.")
    [purchase] = records(text, "en", "2025-08-20")
    assert purchase["effective"] == "2025-08-12"
    news = "Acme (ACME) grows. Acme buys.\nOn August 12, Acme announced it acquired 4,380 BTC."
    assert records(news, "en", "2025-08-20")[0]["effective"] == "2025-08"


def test_french_purchase_between_two_days_of_one_month_and_the_total_after_it():
    text = ("Lucane a annoncé le 13 janvier 2026 avoir acheté 18 460 bitcoins pour quelque 1,74 "
            "milliard de dollars entre le 5 et le 11 janvier. Son total atteint désormais "
            "651 230 bitcoins, valant près de 59 milliards de dollars.")
    assert records(text, "fr", "2026-01-13", "LUC") == [
        {"type": "btc_purchased", "effective": "2026-01-05/2026-01-11", "btc": "18460",
         "usd": "1740000000"},
        {"type": "btc_balance_disclosed", "effective": "2026-01-13", "btc": "651230"}]


def test_coins_added_for_a_price_were_bought_in_the_range_told_after():
    text = ("Lucane vient d’ajouter 1 086 BTC à son trésor, pour environ 95,3 millions de "
            "dollars. L’achat a été effectué du 15 au 21 décembre, au prix moyen d’environ "
            "87 750 $ par bitcoin, et porte son total à 641 380 BTC.")
    assert records(text, "fr", "2025-12-22", "LUC") == [
        {"type": "btc_purchased", "effective": "2025-12-15/2025-12-21", "btc": "1086",
         "usd": "95300000"},
        {"type": "btc_balance_disclosed", "effective": "2025-12-21", "btc": "641380"}]


def test_a_purchase_dated_only_by_a_wide_frame_or_a_rough_sum_is_not_proposed():
    text = ("Lucane (LUC) grandit. Lucane achète.\nC'est la troisième semaine d'achat de Lucane en "
            "2026. Combiné avec le dernier achat, Lucane a ajouté près de 9 000 Bitcoin au cours "
            "des deux premières semaines.\nCet achat de 0,8 milliard de dollars est le plus "
            "important jamais fait par Lucane.")
    assert records(text, "fr", "2026-01-12", "LUC") == []


# --- rules drawn from a fifth tuning set (benchmarks/corpus-extra/tuned5) -----------------------


def test_a_table_cut_one_cell_per_line_with_pipes_footnotes_and_labels_on_two_lines():
    cells = ["Acme Mines 280 Bitcoin in April 2025", "Updates for April 2025", "|", "Metric",
             "|", "April 2025", "1", "|", "March 2025", "1", "|", "April", "2024", "|", "|",
             "Bitcoin", "Produced", "|", "|", "280", "|", "301", "|", "290", "|", "|",
             "Bitcoin Held", "2", "|", "|", "8,410", "|", "8,130", "|", "7,020", "|"]
    found = records("\n".join(cells), "en", "2025-05-05")
    assert [(r["type"], r["btc"], r["effective"]) for r in found] == [
        ("btc_mined", "280", "2025-04"), ("btc_balance_disclosed", "8410", "2025-04-30")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme (ACME) update for September 2024.\nBTC production grew by 4% to 648 BTC, or 21.6 BTC "
     "a day on average.", [("btc_mined", "648")]),
    ("Acme (ACME) update for June 2024.\n\"Our production dropped by 38% year-over-year to 546 "
     "bitcoin, yet fees climbed.", [("btc_mined", "546")]),
])
def test_production_that_changed_by_a_percentage_to_a_figure_is_what_was_mined(text, expected):
    assert [(r["type"], r["btc"]) for r in records(text, "en", "2024-10-03")] == expected


def test_an_average_price_per_coin_before_its_dollars_is_no_amount():
    text = ("Acme (ACME) update for September 2023.\nAverage Net Price per Bitcoin Sold $25,940 "
            "$27,815 $21,306")
    assert records(text, "en", "2023-10-04") == []


def test_a_metric_a_heading_says_increased_opens_no_other_companys_section():
    text = ("Acme Announces Bitcoin Production Updates for June 2024\n\nAverage Operating Hash "
            "Rate Up 3% M/M to 21.7 EH/s\nIncreased BTC Holdings to 15,942 BTC; Cash and BTC "
            "Totalling $1.1 B as of June 30, 2024\n\nAcme Mining Corp. (NASDAQ: ACME) (\"Acme\" "
            "or the \"Company\") today released its June 2024 production figures.")
    assert records(text, "en", "2024-07-03") == [
        {"type": "btc_balance_disclosed", "effective": "2024-06-30", "btc": "15942"}]


# --- rules drawn from a sixth tuning set (benchmarks/corpus-extra/tuned6) -----------------------


def test_notes_priced_and_expected_to_complete_on_a_day_are_issued_that_day():
    text = ("Acme (ACME) grows. Acme buys.\nAcme said it has priced a private placement of $45 "
            "million aggregate principal amount of 3.75% convertible senior notes maturing in "
            "2031. The transaction is anticipated to close on March 6, 2025.\nAt the start, the "
            "conversion rate will be 24.6305 shares per $1,000 principal amount, for an implied "
            "conversion price of $40.60 per share.")
    [notes] = records(text, "en", "2025-03-01")
    assert (notes["effective"], notes["principal_usd"], notes["conversion_rate"],
            notes["conversion_price_usd"]) == ("2025-03-06", "45000000", "24.6305", "40.6")


def test_plans_to_offer_notes_and_days_ago_are_no_records():
    text = ("Acme (ACME) grows. Acme buys.\nAcme announced plans to offer $60 million in "
            "convertible senior notes due 2030.\nAcme last increased its Bitcoin holdings 12 days "
            "ago.")
    assert records(text, "en", "2025-01-23") == []


def test_a_period_a_purchase_program_started_in_dates_nothing_else():
    text = ("Acme (ACME) grows. Acme buys.\nThe firm, which began accumulating the largest "
            "cryptocurrency in July, says its holdings now stand at 2,104 BTC.")
    [balance] = records(text, "en", "2025-11-05")
    assert balance["effective"] == "2025-11-05"


def test_a_result_that_rose_to_a_figure_from_last_years_is_this_periods():
    text = ("Acme (ACME) said on Wednesday that its third-quarter revenue jumped 37% to "
            "US$7.38 billion from US$5.39 billion last year, with net income of US$0.86 "
            "billion for the quarter.")
    assert records(text, "en", "2021-10-21") == [
        {"type": "results_reported", "effective": "2021-Q3", "revenue_usd": "7380000000",
         "net_income_usd": "860000000"}]


@pytest.mark.parametrize("text", [
    "Acme cut its position by 12% later that quarter, a sale that added $143 million to that "
    "quarter's earnings.",
    "In February, Acme said it had put US$0.7 billion into Bitcoin, then sold 12% of that stake "
    "in April.",
])
def test_an_effect_on_earnings_and_an_investment_without_coins_are_no_flows(text):
    assert records("Acme (ACME) grows. Acme buys.\n" + text, "en", "2022-10-20") == []


# --- rules drawn from a seventh tuning set (benchmarks/corpus-extra/tuned7) ---------------------


def test_holdings_in_brackets_after_a_name_and_what_a_name_announced_it_did_are_theirs():
    text = ("Acme (ACMEF) grows. Acme buys. Acme holds.\nAcme has now joined heavyweights like "
            "Rivalco (approx. holding 181,220 BTC) and Zeta Mining (approx. holding 21,200 BTC). "
            "Earlier, Rivalco announced that it acquired approx. 12,300 Bitcoin between August 12 and "
            "September 15, 2024.")
    assert records(text, "en", "2024-10-01", "ACMEF") == []


def test_coins_added_at_an_average_price_were_bought():
    text = ("Acme (ACMEF) grows. Acme buys. Acme holds.\nThe company added 18.204 BTC to its reserve "
            "at an average price of 9,512,000 yen per Bitcoin, for 173 million yen in all.")
    [purchase] = records(text, "en", "2024-07-22", "ACMEF")
    assert (purchase["type"], purchase["btc"]) == ("btc_purchased", "18.204")


def test_what_another_outlet_reported_earlier_is_no_record():
    text = ("Acme (ACME) grows. Acme buys.\nUnder a week ago, Newswire reported about Acme acquiring "
            "$1.1 million of Bitcoin after it had bought $4 million early in the month.")
    assert records(text, "en", "2024-07-22") == []


def test_a_stash_that_now_totals_a_figure_is_a_balance():
    text = "Acme (ACME) grows. Acme buys.\nAcme's stash now totals approximately 16,042 BTC."
    assert records(text, "en", "2025-08-13") == [
        {"type": "btc_balance_disclosed", "effective": "2025-08-13", "btc": "16042"}]


# --- rules drawn from an eighth tuning set (benchmarks/corpus-extra/tuned8) ---------------------


def test_a_range_of_days_of_one_month_with_a_dash_and_an_aggregate_cost():
    text = ("Acme (ACME) grows. Acme buys.\n  • Bitcoin purchases (Jan 12\u201318, 2026): acquired 9,120 "
            "BTC for an aggregate $834.5 million (avg $91,502 per BTC).\n  • Aggregate bitcoin "
            "position (as of Jan 18, 2026): 394,860 BTC held, with an aggregate cost of $27.4 "
            "billion.")
    assert records(text, "en", "2026-01-19") == [
        {"type": "btc_purchased", "effective": "2026-01-12/2026-01-18", "btc": "9120",
         "usd": "834500000"},
        {"type": "btc_balance_disclosed", "effective": "2026-01-18", "btc": "394860"}]


def test_a_total_of_equity_rows_and_a_titles_added_coins_are_not_more_records():
    rows = ("Acme (ACME) grows. Acme buys.\n  • ATM sales (Jan 12\u201318, 2026): total net proceeds of "
            "$612.4 million.\n    • Class A common stock: net proceeds $540.1 million.\n    • "
            "Preferred stock: net proceeds $72.3 million.")
    # The total is no issue of its own; the rows, with neither shares nor a period of their
    # own, are not drafted either (a raise needs its share count or its dates).
    assert of_type(records(rows, "en", "2026-01-19"), "equity_issued") == []
    dated = rows.replace("Class A common stock:", "Class A common stock (Jan 12\u201318, 2026): "
                         "21,000 shares sold,")
    assert [r["usd"] for r in of_type(records(dated, "en", "2026-01-19"), "equity_issued")] \
        == ["540100000"]
    title = ("Acme Adds 1,764 Bitcoin\n\nAcme bought 1,764 BTC from Aug. 18 to 24 for roughly "
             "$203.6 million, bringing holdings to 387,215 BTC.")
    assert [(r["type"], r["btc"], r["effective"]) for r in records(title, "en", "2025-08-25")] \
        == [("btc_purchased", "1764", "2025-08-18/2025-08-24"),
            ("btc_balance_disclosed", "387215", "2025-08-24")]


def test_unrealized_gains_and_last_months_figure_are_no_flows():
    text = ("Acme (ACME) grows. Acme buys.\nAcme's holdings carry approximately $12.5 billion in "
            "unrealized gains. August accumulation slowed from July's 21,466 BTC.")
    assert records(text, "en", "2025-08-25") == []


def test_each_raise_takes_the_share_count_written_right_after_it():
    text = ("Acme (ACME) grows. Acme buys.\nBetween August 18 and 24, Acme raised $186.2 million by "
            "selling 592,740 shares of common stock through its ATM, and another $8.7 million "
            "from 96,300 shares of its preferred stock.")
    found = of_type(records(text, "en", "2025-08-25"), "equity_issued")
    assert (found[0]["usd"], found[0]["shares"]) == ("186200000", "592740")
    assert all(r.get("shares") != "592740" for r in found[1:])
