"""Capital figures as disclosures write them (issue 23, eleventh round): stock sold given by its
shares alone, notes issued in series or in another currency, notes as French translations name
them, a translated BTC Yield. Each rule on the project's own short texts in English and French
(invented companies and figures), each failing without its rule.

A raise with its shares and no dollars was read and shown to the reviewer (``read_all``), not
proposed, in this round; since the twelfth it is proposed by its shares alone.
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type


def records(text: str, lang: str = "en", disclosed: str | None = "2025-06-10",
            company: str = "ACME", read_all: bool = False) -> list[dict]:
    return drafted(text, lang, disclosed, company, read_all)


def issues(text: str, lang: str = "en", disclosed: str | None = "2025-06-10") -> list[dict]:
    """Every equity issue read, drafted or only noticed."""
    return of_type(records(text, lang, disclosed, read_all=True), "equity_issued")


# --- stock sold, told by its shares alone ----------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) issued approximately 1.85 million shares to pay for last week's bitcoin "
     "purchases.", "en"),
    ("Acme Corp (ACME) a émis environ 1,85 million d'actions pour financer ses achats de "
     "bitcoins de la semaine dernière.", "fr"),
])
def test_shares_issued_with_no_dollars_are_an_issue_of_that_many_shares(text, lang):
    [issue] = issues(text, lang)
    assert (issue["shares"], issue.get("usd")) == ("1850000", None)
    # proposed with its shares alone since the twelfth round (the catalog takes an issue by
    # its shares; tests/test_draft_round12.py)
    assert [(r["shares"], r.get("usd")) for r in of_type(records(text, lang), "equity_issued")] \
        == [("1850000", None)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) then completed a registered direct placement of 12,406,300 shares at "
     "$8.15 to fund the repurchase of its existing convertible notes.", "en"),
    ("Acme Corp (ACME) a aussi réalisé un placement de 12 406 300 actions au prix de 8,15 $ "
     "pour financer le rachat de ses obligations convertibles existantes.", "fr"),
])
def test_a_placement_of_shares_at_a_price_gives_its_shares_not_a_principal(text, lang):
    found = records(text, lang, read_all=True)
    assert [(r["shares"], r.get("usd")) for r in of_type(found, "equity_issued")] == \
        [("12406300", None)]
    # the price of one share is no amount: no notes of $8.15 either
    assert of_type(found, "notes_issued") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme raised $96 million through its programs. After selling 412,300 ACME shares, "
     "208,110 ACMP, and 51,900 ACMD, the company bought 870 BTC.", "en"),
    ("Acme a levé 96 millions de dollars. Après la vente de 412 300 actions ACME, 208 110 ACMP "
     "et 51 900 ACMD, la société a acheté 870 BTC.", "fr"),
])
def test_a_list_of_classes_sold_named_by_their_tickers_is_one_issue_each(text, lang):
    assert sorted(r["shares"] for r in issues(text, lang)) == ["208110", "412300", "51900"]


@pytest.mark.parametrize(("text", "lang"), [
    # planned, converted, another company's, a total to date, authorised, bought back
    ("Acme plans to offer 3,000,000 new shares of its series A stock.", "en"),
    ("Acme issued 1,200,000 shares upon conversion of its 2029 notes.", "en"),
    ("Acme sold 2,000,000 shares of Rivalco Holdings last week.", "en"),
    ("Acme has issued 40 million shares under the program.", "en"),
    ("Shareholders approved an increase of the authorised shares to 900,000,000 shares.", "en"),
    ("Acme a émis 500 000 actions en rémunération de l'acquisition de Rivalco.", "fr"),
    ("Acme a racheté et annulé 300 000 actions.", "fr"),
    ("As of May 5, 2025, there were issued and outstanding 41,200,000 shares of Acme.", "en"),
    ("Au 5 mai 2025, Acme avait émis et en circulation 41 200 000 actions.", "fr"),
])
def test_shares_handed_over_otherwise_or_not_yet_are_no_issue(text, lang):
    assert issues(text, lang) == []


def test_shares_sold_with_their_proceeds_in_the_next_sentence_stay_one_issue():
    text = ("From June 2 to June 8, 2025, Acme sold 804,300 shares through its agents. Net "
            "proceeds from these sales were $318 million.")
    [issue] = of_type(records(text), "equity_issued")
    assert (issue["shares"], issue["usd"]) == ("804300", "318000000")


# --- notes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme priced $600 million of 0.50% convertible senior notes due 2031 and $400 million of "
     "1.25% convertible senior notes due 2033.", "en"),
    ("Acme a placé 600 millions de dollars d'obligations convertibles à 0,50 % arrivant à "
     "échéance en 2031 et 400 millions de dollars d'obligations convertibles à 1,25 % arrivant à "
     "échéance en 2033.", "fr"),
])
def test_two_series_of_notes_in_one_sentence_each_take_the_terms_after_them(text, lang):
    found = of_type(records(text, lang, read_all=True), "notes_issued")
    assert [(r["principal_usd"], r["coupon_percent"], r["maturity"]) for r in found] == \
        [("600000000", "0.5", "2031"), ("400000000", "1.25", "2033")]


def test_billets_convertibles_are_notes_and_an_elided_second_amount_too():
    text = ("En 2024, Acme a réalisé deux offres. Il s'agit de 410,5 millions de dollars en "
            "billets convertibles en mars et de 620 millions de dollars en juin.")
    found = of_type(records(text, "fr", "2024-09-16", read_all=True), "notes_issued")
    assert [(r["principal_usd"], r["effective"], r["convertible"]) for r in found] == \
        [("410500000", "2024-03", True), ("620000000", "2024-06", True)]


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme AB entered into a convertible loan deal of 120 million Swedish Krona "
     "(approximately 12.6 million USD) with a private investor.", "en"),
    ("Acme AB a signé un accord de prêt convertible de 120 millions de couronnes suédoises "
     "(environ 12,6 millions de dollars) avec un investisseur privé.", "fr"),
])
def test_notes_in_another_currency_with_no_term_are_shown_not_dropped(text, lang):
    assert of_type(records(text, lang), "notes_issued") == []
    [notes] = of_type(records(text, lang, read_all=True), "notes_issued")
    assert notes["convertible"] is True and "principal_usd" not in notes


# --- BTC Yield ------------------------------------------------------------------------------


def test_a_translated_btc_yield_named_with_its_company_is_the_kpi():
    text = ("Du 1er janvier 2025 au 16 mars 2025, le rendement d'Acme sur le Bitcoin a été de "
            "8,4 %.")
    [kpi] = of_type(records(text, "fr", "2025-03-17"), "kpi_disclosed")
    assert (kpi["value"], kpi["since"], kpi["effective"]) == ("0.084", "2025-01-01",
                                                              "2025-03-16")


def test_the_return_of_an_investment_in_bitcoin_is_no_yield():
    text = ("Du 1er janvier 2025 au 16 mars 2025, le rendement de son investissement sur le "
            "bitcoin a été de 8,4 %.")
    assert of_type(records(text, "fr", "2025-03-17", read_all=True), "kpi_disclosed") == []


# --- share counts -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("The number of shares outstanding was 318,640,215 as of May 5, 2025.", "en"),
    ("As of May 5, 2025, the total number of common shares outstanding rose to 318,640,215.",
     "en"),
    ("Au 5 mai 2025, le nombre d'actions en circulation s'élevait à 318 640 215.", "fr"),
])
def test_a_share_count_written_after_its_noun_and_a_verb_is_read(text, lang):
    [count] = of_type(records(text, lang), "shares_outstanding_disclosed")
    assert (count["shares"], count["effective"]) == ("318640215", "2025-05-05")


@pytest.mark.parametrize(("text", "lang"), [
    ("The weighted average number of shares outstanding was 318,640,215 for the quarter ended "
     "March 31, 2025.", "en"),
    ("As of May 5, 2025, the number of diluted shares outstanding was 340,100,000.", "en"),
    ("Le nombre moyen pondéré d'actions en circulation s'élevait à 318 640 215 au 31 mars "
     "2025.", "fr"),
])
def test_an_average_or_diluted_count_is_no_share_count(text, lang):
    assert of_type(records(text, lang, read_all=True), "shares_outstanding_disclosed") == []


# --- proceeds named before the stock sold; a coupon in a sentence of its own; the option -------


@pytest.mark.parametrize(("text", "lang"), [
    ("In May 2025, Acme generated gross proceeds of $12 million from the sale of 3 million "
     "shares.", "en"),
    ("En mai 2025, Acme a obtenu un produit brut de 12 millions de dollars grâce à la vente de "
     "3 millions d'actions.", "fr"),
])
def test_proceeds_from_the_sale_of_shares_named_after_them_are_one_issue(text, lang):
    [issue] = of_type(records(text, lang), "equity_issued")
    assert (issue["usd"], issue["shares"], issue["effective"]) == ("12000000", "3000000",
                                                                   "2025-05")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme completed its offering of $275 million of convertible senior notes due 2031 on May "
     "20, 2025. The notes bear interest at a rate of 0.875% per year and mature on March 1, "
     "2031.", "en"),
    ("Le 20 mai 2025, Acme a finalisé l'émission de 275 millions de dollars d'obligations "
     "convertibles arrivant à échéance le 1er mars 2031. Les obligations porteront intérêt au "
     "taux annuel de 0,875 %.", "fr"),
])
def test_a_coupon_told_as_the_interest_the_notes_bear_is_read(text, lang):
    [notes] = of_type(records(text, lang), "notes_issued")
    assert (notes["principal_usd"], notes["coupon_percent"], notes["maturity"]) == \
        ("275000000", "0.875", "2031-03-01")


@pytest.mark.parametrize(("text", "lang"), [
    ("On May 20, 2025, Acme closed its offering of $275 million of 0% convertible notes due "
     "2031. Acme also gave the initial purchasers the right, for settlement within 13 days of "
     "the notes' first issue date, to buy a further $40 million principal amount of notes.", "en"),
    ("Le 20 mai 2025, Acme a finalisé l'émission de 275 millions de dollars d'obligations "
     "convertibles à 0 % arrivant à échéance en 2031, les banques pouvant acheter jusqu'au 2 "
     "juin 40 millions de dollars supplémentaires d'obligations.", "fr"),
])
def test_further_notes_the_buyers_may_take_are_no_issue(text, lang):
    found = of_type(records(text, lang, read_all=True), "notes_issued")
    assert [r["principal_usd"] for r in found] == ["275000000"]


# --- a table of stock sold, one row per class -------------------------------------------------


_ATM_TABLE = {
    "en": ("Between June 2, 2025 and June 8, 2025, Acme sold stock under its ATM programs as "
           "follows:\n\n| ATM Program | Shares Sold | Net Proceeds (in millions) | Available for "
           "Issuance (in millions) |\n| ACME ATM | 318,400 | $41.6 | $9,120.0 |\n| ACMP ATM | "
           "95,250 | $8.9 | $4,300.5 |\n| Total | | $50.5 | $13,420.5 |\n"),
    "fr": ("Entre le 2 juin 2025 et le 8 juin 2025, Acme a vendu des actions dans le cadre de ses "
           "programmes ATM :\n\n| Programme | Actions vendues | Produit net (en millions de "
           "dollars) | Disponible (en millions de dollars) |\n| ACME ATM | 318 400 | 41,6 | "
           "9 120,0 |\n| ACMP ATM | 95 250 | 8,9 | 4 300,5 |\n| Total | | 50,5 | 13 420,5 |\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_row_of_a_table_of_stock_sold_is_an_issue_over_the_tables_period(lang):
    found = of_type(records(_ATM_TABLE[lang], lang, "2025-06-09"), "equity_issued")
    assert [(r["shares"], r["usd"], r["effective"], r["program"]) for r in found] == [
        ("318400", "41600000", "2025-06-02/2025-06-08", "ACME ATM"),
        ("95250", "8900000", "2025-06-02/2025-06-08", "ACMP ATM")]


def test_a_table_of_stock_sold_with_an_empty_corner_cell():
    text = ("From June 2 to June 8, 2025, Acme sold shares as follows:\n"
            "| | Shares Sold | Net Proceeds (in millions) |\n| Class A | 318,400 | $41.6 |\n")
    [issue] = of_type(records(text, "en", "2025-06-09"), "equity_issued")
    assert (issue["shares"], issue["usd"], issue["program"]) == ("318400", "41600000", "Class A")


def test_a_row_dated_by_its_own_period_takes_it():
    text = ("| Period | Shares Sold | Net Proceeds (in millions) |\n"
            "| May 5, 2025 - May 11, 2025 | 410,200 | $52.3 |\n")
    [issue] = of_type(records(text, "en", "2025-05-12"), "equity_issued")
    assert (issue["shares"], issue["usd"], issue["effective"]) == \
        ("410200", "52300000", "2025-05-05/2025-05-11")


# --- splits written in words ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "ratio", "day"), [
    ("Acme completed a share consolidation on the basis of one new share for every eight "
     "existing shares, effective June 2, 2025.", "en", "0.125", "2025-06-02"),
    ("Every twenty (20) existing shares of Acme will be consolidated into one (1) new share, "
     "effective June 16, 2025.", "en", "0.05", "2025-06-16"),
    ("Acme will split its stock 4-for-1; trading on a split-adjusted basis begins on June 16, "
     "2025.", "en", "4", "2025-06-16"),
    ("Acme a finalisé le regroupement de ses actions à raison d'une action nouvelle pour huit "
     "actions anciennes, effectif le 2 juin 2025.", "fr", "0.125", "2025-06-02"),
    ("Acme procédera à une division par cinq de la valeur nominale de ses actions, effective le "
     "16 juin 2025.", "fr", "5", "2025-06-16"),
])
def test_a_split_or_consolidation_written_in_words_is_read(text, lang, ratio, day):
    [split] = of_type(records(text, lang), "stock_split")
    assert (split["ratio"], split["effective"]) == (ratio, day)


def test_one_new_share_for_every_ten_in_a_rights_issue_is_no_split():
    text = ("Acme's rights issue offers one new share for every ten existing shares held, at "
            "$2.00 per new share.")
    assert of_type(records(text, read_all=True), "stock_split") == []


# --- notes: a closing of an offering announced before, OCEANE, a price to convert, a buyback ---


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme announced the closing of its previously announced offering of $640 million aggregate "
     "principal amount of 0% convertible senior notes due 2031 on June 5, 2025.", "en"),
    ("Acme a annoncé la clôture, le 5 juin 2025, de son offre annoncée précédemment de 640 "
     "millions de dollars d'obligations convertibles à 0 % arrivant à échéance en 2031.", "fr"),
])
def test_the_closing_of_an_offering_announced_before_is_the_issue(text, lang):
    [notes] = of_type(records(text, lang), "notes_issued")
    assert (notes["principal_usd"], notes["effective"], notes["maturity"]) == \
        ("640000000", "2025-06-05", "2031")


def test_the_size_an_offering_was_announced_at_before_is_still_no_issue():
    text = ("Acme raised its deal to that level, up from a previously announced offering size "
            "of $380 million.")
    assert of_type(records(text, read_all=True), "notes_issued") == []


def test_oceane_are_convertible_notes():
    text = ("Acme a clôturé le 5 juin 2025 son émission d'OCEANE d'un montant de 120 millions "
            "d'euros, à échéance 2030, portant intérêt au taux de 2,5 %.")
    [notes] = of_type(records(text, "fr"), "notes_issued")
    assert (notes["convertible"], notes["coupon_percent"], notes.get("principal_usd")) == \
        (True, "2.5", None)


def test_notes_convertible_at_a_price_per_share_give_their_conversion_price():
    text = ("On June 5, 2025, Acme closed a $90 million convertible note financing with an "
            "investor, bearing 6% interest and maturing in 2028, convertible at $2.75 per share.")
    [notes] = of_type(records(text), "notes_issued")
    assert (notes["principal_usd"], notes["conversion_price_usd"]) == ("90000000", "2.75")


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme a racheté pour 180 millions de dollars d'obligations convertibles 2029 d'un montant "
     "nominal de 210 millions de dollars le 5 juin 2025.", "fr"),
    ("Acme repurchased for $180 million in cash its 2029 convertible notes with an aggregate "
     "principal amount of $210 million on June 5, 2025.", "en"),
])
def test_notes_bought_back_for_a_price_told_before_their_principal(text, lang):
    found = records(text, lang, read_all=True)
    [retired] = of_type(found, "notes_retired")
    assert (retired["principal_usd"], retired["usd"], retired["how"]) == \
        ("210000000", "180000000", "repurchased")
    assert of_type(found, "notes_issued") == []


def test_a_btc_yield_written_with_a_hyphen():
    [kpi] = of_type(records("Acme's BTC-Yield reached 9.8% year-to-date."), "kpi_disclosed")
    assert (kpi["value"], kpi["since"]) == ("0.098", "2025-01-01")


# --- results ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme posted revenue of $61.4 million in Q1 2025, versus $47.9 million in Q1 2024, and a "
     "net loss of $9.6 million, compared with net income of $2.2 million a year earlier.", "en"),
    ("Acme a réalisé un chiffre d'affaires de 61,4 millions de dollars au premier trimestre "
     "2025, contre 47,9 millions de dollars un an plus tôt, et une perte nette de 9,6 millions de "
     "dollars, contre un bénéfice net de 2,2 millions de dollars un an plus tôt.", "fr"),
])
def test_a_comparison_before_the_next_result_is_the_earlier_amounts_only(text, lang):
    [report] = of_type(records(text, lang, "2025-05-10"), "results_reported")
    assert (report["revenue_usd"], report["net_income_usd"], report["effective"]) == \
        ("61400000", "-9600000", "2025-Q1")


@pytest.mark.parametrize(("text", "lang"), [
    ("For the first quarter of 2025, Acme's revenue was $61.4 million and its net income came "
     "to -$9.6 million.", "en"),
    ("Au premier trimestre 2025, le chiffre d'affaires d'Acme atteint 61,4 millions de dollars "
     "et le résultat net ressort à -9,6 millions de dollars.", "fr"),
])
def test_a_minus_sign_before_a_result_is_a_loss(text, lang):
    [report] = of_type(records(text, lang, "2025-05-10"), "results_reported")
    assert (report["revenue_usd"], report["net_income_usd"]) == ("61400000", "-9600000")


# --- a results table ------------------------------------------------------------------------------


_RESULTS_TABLE = {
    "en": ("Acme Reports First Quarter 2025 Results\n\n| (in millions) | Q1 2025 | Q1 2024 |\n"
           "| Total revenue | $61.4 | $47.9 |\n| Net loss | $(9.6) | $(2.2) |\n"
           "| Adjusted EBITDA | $7.1 | $5.0 |\n"),
    "fr": ("Acme publie ses résultats du premier trimestre 2025\n\n| (en millions de dollars) | "
           "T1 2025 | T1 2024 |\n| Chiffre d'affaires | 61,4 | 47,9 |\n| Perte nette | (9,6) | "
           "(2,2) |\n| EBITDA ajusté | 7,1 | 5,0 |\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_results_table_is_read_in_its_latest_column_at_its_scale(lang):
    [report] = of_type(records(_RESULTS_TABLE[lang], lang, "2025-05-10"), "results_reported")
    assert (report["effective"], report["revenue_usd"], report["net_income_usd"],
            report["adjusted_ebitda_usd"]) == ("2025-Q1", "61400000", "-9600000", "7100000")


def test_a_results_table_without_its_scale_or_in_another_currency_is_not_read():
    unscaled = ("| | Q1 2025 | Q1 2024 |\n| Revenue | $61.4 | $47.9 |\n"
                "| Net loss | $(9.6) | $(2.2) |\n")
    in_euros = ("| (in millions of euros) | Q1 2025 | Q1 2024 |\n| Revenue | 61.4 | 47.9 |\n"
                "| Net loss | (9.6) | (2.2) |\n")
    quarter_by_years = ("| | Three Months Ended December 31, | |\n| (in millions) | 2024 | 2023 |\n"
                        "| Revenue | $61.4 | $47.9 |\n| Net loss | $(9.6) | $(2.2) |\n")
    for text in (unscaled, in_euros, quarter_by_years):
        assert of_type(records(text, "en", "2025-05-10", read_all=True),
                       "results_reported") == []


@pytest.mark.parametrize(("text", "disclosed", "expected"), [
    ("Acme Reports First Quarter 2025 Results\n(in thousands of U.S. dollars)\n| | Three Months "
     "Ended March 31, 2025 | Three Months Ended March 31, 2024 |\n| Revenue | 61,412 | 47,905 |\n"
     "| Net loss | (9,604) | (2,210) |\n", "2025-05-10", ("2025-Q1", "61412000", "-9604000")),
    ("| | Q4 2024 | Q3 2024 | Q4 2023 |\n| Revenue (in millions) | $61.4 | $55.0 | $47.9 |\n"
     "| Net income (loss) (in millions) | $(9.6) | $3.0 | $(2.2) |\n", "2025-02-10",
     ("2024-Q4", "61400000", "-9600000")),
])
def test_a_results_table_with_an_empty_corner_or_its_scale_in_the_label(text, disclosed, expected):
    [report] = of_type(records(text, "en", disclosed), "results_reported")
    assert (report["effective"], report["revenue_usd"], report["net_income_usd"]) == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme placed a private offering of $320 million of 0% convertible notes due 2030, completed "
     "on February 21.", "en"),
    ("Acme a placé une offre privée de 320 millions de dollars d'obligations convertibles à 0 % "
     "d'échéance 2030, finalisée le 21 février.", "fr"),
])
def test_an_offering_completed_on_a_day_said_after_its_terms_is_issued_that_day(text, lang):
    [notes] = of_type(records(text, lang, "2025-02-24"), "notes_issued")
    assert (notes["principal_usd"], notes["effective"]) == ("320000000", "2025-02-21")
