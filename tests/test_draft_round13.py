"""What a sentence asserts, and a level reached told as news (issue 23, thirteenth round).

Each wrong draft of the round's studied set was traced to the kind of sentence it came from,
and each kind is a rule here, stated for any text and tested on the project's own short texts
in English and French (invented companies and figures):

- the two ends of a range ("in the range of $20.1 million to $24.6 million", "entre 20,1 et
  24,6 millions de dollars") are guidance or an estimate, no figure the text states;
- results are reported for a quarter, a half or a year: a month a heading ("Miners' digest
  for April") or the publication gives them is not their period;
- a metric the text lists beside "BTC Yield" as one of its indicators ("BTC Gain", or a
  reworded "BTC Acquire") is the metric's value wherever it is written, not a purchase;
- a time named in a clause on the company's share price ("even as its shares slid 6% to half
  the level they reached in March") is the stock's, and dates no figure beside it;
- a holding or a yield as of a day after the publication (a yield "from May 2025 to June
  2025" in a text of June 10, read as of June 30) is none the text could report: noticed;
- "trade on a post-split basis from July 21" dates a split as "split-adjusted basis"
  does, a day to come;
- what a purchase "takes", "has expanded" or brings a stash, treasury or holdings to is the
  balance held now, dated as "now" is (the announcement day, else the publication's).

Every proposal, its review field removed, is a record ``import`` accepts.
"""

from __future__ import annotations

import pytest

from ledger.draft import draft
from ledger.events import validate_record

from .drafting import drafted, of_type


def proposed(text: str, lang: str, disclosed: str | None = "2025-06-10",
             company: str = "ACME") -> list[dict]:
    """The proposals, each checked as ``import`` would read it once its review is removed."""
    for d in draft(text, "doc.txt", company, lang, disclosed, []):
        validate_record({k: v for k, v in d.record.items() if k != "review"})
    return drafted(text, lang, disclosed, company)


def noticed_why(text: str, lang: str, disclosed: str | None = "2025-06-10",
                company: str = "ACME") -> list[str]:
    seen: list = []
    draft(text, "doc.txt", company, lang, disclosed, seen)
    return [n.why for n in seen]


# --- a range's ends are no amount -----------------------------------------------------------

_RESULTS_WITH_A_RANGE = {
    "en": ("Acme Corp (ACME) released its preliminary figures for the second quarter of 2025. "
           "Revenue came to $84.2 million and net income to $12.5 million. Adjusted EBITDA "
           "is put in the range of $20.1 million to $24.6 million."),
    "fr": ("Acme Corp (ACME) a publié ses chiffres préliminaires du deuxième trimestre 2025. "
           "Le chiffre d'affaires s'élève à 84,2 millions de dollars et le bénéfice net à 12,5 "
           "millions de dollars. L'EBITDA ajusté est estimé entre 20,1 et 24,6 millions de "
           "dollars."),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_range_of_results_gives_neither_end_as_the_figure(lang):
    [report] = of_type(proposed(_RESULTS_WITH_A_RANGE[lang], lang, "2025-07-20"),
                       "results_reported")
    assert (report["effective"], report["revenue_usd"], report["net_income_usd"]) == \
        ("2025-Q2", "84200000", "12500000")
    assert "adjusted_ebitda_usd" not in report


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) bought between 300 and 350 BTC in May 2025, its chief executive said.",
     "en"),
    ("Acme Corp (ACME) a acheté entre 300 et 350 BTC en mai 2025, selon son directeur "
     "général.", "fr"),
])
def test_coins_given_as_a_range_are_no_purchase(text, lang):
    assert of_type(drafted(text, lang, "2025-06-10", read_all=True), "btc_purchased") == []


def test_an_end_of_a_range_told_with_a_verb_is_no_amount():
    text = ("Acme Corp (ACME) said revenue for Q1 2025 was $40.1 million and net income was "
            "$5.2 million, while adjusted EBITDA ranged from $9 million to $11 million.")
    [report] = of_type(proposed(text, "en"), "results_reported")
    assert (report["revenue_usd"], report["net_income_usd"]) == ("40100000", "5200000")
    assert "adjusted_ebitda_usd" not in report


def test_a_change_from_one_figure_to_another_is_no_range():
    text = "Acme Corp (ACME) said its May 2025 production rose from 249 BTC to 286 BTC."
    assert [(r["effective"], r["btc"]) for r in of_type(proposed(text, "en"), "btc_mined")] \
        == [("2025-05", "286")]


# --- results are not dated by a digest's month ----------------------------------------------

def test_results_under_a_monthly_digest_heading_are_not_given_its_month():
    text = ("Miners' digest for April\n\n"
            "Acme Corp (ACME) gave unaudited figures for its first quarter ended March 31, 2025. "
            "Its revenue was $84.2 million and its net income was $12.5 million.\n")
    assert of_type(proposed(text, "en", "2025-05-04"), "results_reported") == []
    assert any("not a period results are reported for" in why
               for why in noticed_why(text, "en", "2025-05-04"))


def test_results_dated_by_the_quarter_their_paragraph_names_are_still_proposed():
    text = ("Le point mensuel d'avril\n\n"
            "Acme Corp (ACME) a publié ses chiffres non audités du premier trimestre clos le 31 "
            "mars 2025. Son chiffre d'affaires s'élève à 84,2 millions de dollars et son bénéfice "
            "net à 12,5 millions de dollars.\n")
    [report] = of_type(proposed(text, "fr", "2025-05-04"), "results_reported")
    assert (report["effective"], report["revenue_usd"], report["net_income_usd"]) == \
        ("2025-Q1", "84200000", "12500000")


# --- a metric's name is no action -----------------------------------------------------------

_METRICS = {
    "en": ("Acme Corp (ACME) follows three indicators: BTC Yield, BTC Acquire and BTC $ "
           "Acquire.\n"
           "In the second quarter of 2025 Acme reached a BTC Acquire of 4,120 BTC, and its BTC "
           "Yield for that quarter was 9.4%."),
    "fr": ("Acme Corp (ACME) suit trois indicateurs : le BTC Yield, le BTC Acquire et le BTC $ "
           "Acquire.\n"
           "Au deuxième trimestre 2025, Acme a enregistré un BTC Acquire de 4 120 BTC, et son "
           "BTC Yield sur ce trimestre a été de 9,4 %."),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_metric_listed_beside_btc_yield_is_not_a_purchase(lang):
    found = drafted(_METRICS[lang], lang, "2025-07-20", read_all=True)
    assert of_type(found, "btc_purchased") == [] or any(
        "metric the text names (BTC Acquire)" in why
        for why in noticed_why(_METRICS[lang], lang, "2025-07-20"))
    assert of_type(proposed(_METRICS[lang], lang, "2025-07-20"), "btc_purchased") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Acme Corp (ACME) reports BTC Yield and BTC Gain each quarter. It acquired 4,120 BTC in "
     "June 2025.", "en"),
    ("Acme Corp (ACME) publie chaque trimestre son BTC Yield et son BTC Gain. Elle a acquis "
     "4 120 BTC en juin 2025.", "fr"),
])
def test_a_purchase_told_with_a_verb_is_still_one_where_metrics_are_listed(text, lang):
    assert [(r["effective"], r["btc"]) for r in of_type(proposed(text, lang), "btc_purchased")] \
        == [("2025-06", "4120")]


def test_a_label_of_coins_acquired_is_not_taken_for_a_metric():
    text = ("Acme Corp (ACME) tracks BTC Yield and BTC Gain.\n"
            "During the period between June 2, 2025 and June 8, 2025, Acme acquired bitcoin as "
            "follows:\n"
            "BTC Acquired: 1,045\n"
            "Aggregate Purchase Price (in millions): $110.2")
    [purchase] = of_type(proposed(text, "en"), "btc_purchased")
    assert (purchase["effective"], purchase["btc"], purchase["usd"]) == \
        ("2025-06-02/2025-06-08", "1045", "110200000")


# --- a time on the share price dates nothing else ----------------------------------------

_SHARE_PRICE = {
    "en": "Acme Corp (ACME) said it bought 420 BTC, even as its shares slid 6% to half the "
          "level they reached in March.",
    "fr": "Acme Corp (ACME) a annoncé avoir acheté 420 BTC, alors même que son action a "
          "reculé de 6 % à la moitié du niveau atteint en mars.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_month_named_for_the_share_price_does_not_date_a_purchase(lang):
    [purchase] = of_type(proposed(_SHARE_PRICE[lang], lang), "btc_purchased")
    assert (purchase["effective"], purchase["btc"]) == ("2025-06", "420")


def test_a_month_the_stock_moved_on_news_of_still_dates_that_news():
    # what the shares moved after is the company's report: its month is that report's
    text = ("Acme's shares rose after its report of higher output for September. The company "
            "concluded the month holding 4,210 BTC.")
    [balance] = of_type(proposed(text, "en", "2025-10-06"), "btc_balance_disclosed")
    assert balance["effective"] == "2025-09-30"


# --- a yield or a holding as of a day after the publication is noticed ---------------------

@pytest.mark.parametrize(("text", "lang"), [
    ("From May 2025 to June 2025, Acme Corp (ACME) achieved a BTC Yield of 12.4%.", "en"),
    ("Entre mai 2025 et juin 2025, Acme Corp (ACME) a obtenu un rendement BTC de 12,4 %.",
     "fr"),
])
def test_a_yield_whose_period_ends_after_the_publication_is_only_noticed(text, lang):
    # read as of June 30 in a text of June 10: a day the text could not report
    assert of_type(proposed(text, lang, "2025-06-10"), "kpi_disclosed") == []
    assert any("after the text was published (2025-06-10)" in why
               for why in noticed_why(text, lang, "2025-06-10"))


@pytest.mark.parametrize(("text", "lang"), [
    ("From April 2025 to May 2025, Acme Corp (ACME) achieved a BTC Yield of 12.4%.", "en"),
    ("Entre avril 2025 et mai 2025, Acme Corp (ACME) a obtenu un rendement BTC de 12,4 %.",
     "fr"),
])
def test_a_yield_over_months_ended_before_the_publication_is_still_proposed(text, lang):
    [kpi] = of_type(proposed(text, lang, "2025-06-10"), "kpi_disclosed")
    assert (kpi["since"], kpi["effective"], kpi["value"]) == \
        ("2025-04-01", "2025-05-31", "0.124")


# --- a split dated by trading on a post-split basis -----------------------------------------

def test_a_split_takes_the_day_trading_starts_on_a_post_split_basis():
    text = ("Acme Corp (ACME) announced a 4-for-1 stock split on Monday.\n"
            "Shareholders will receive three more shares for each one held, and the stock will "
            "then trade on a post-split basis from July 21.")
    [split] = of_type(proposed(text, "en"), "stock_split")
    assert (split["ratio"], split["effective"]) == ("4", "2025-07-21")


# --- a level a purchase brings holdings to, told as news ------------------------------------

@pytest.mark.parametrize("text", [
    "Acme Corp (ACME) said it bought 310 BTC for $33 million, which takes its total holdings "
    "to 4,250 BTC.",
    "Acme Corp (ACME) said it bought 310 BTC for $33 million, bringing its full stash to "
    "4,250 BTC.",
    "Acme Corp (ACME) said it bought 310 BTC for $33 million. The purchase cost $106,452 a "
    "coin on average and takes total holdings to 4,250 BTC.",
])
def test_what_a_purchase_brings_holdings_to_is_held_on_the_day_of_the_news(text):
    found = proposed(text, "en")
    assert [(r["effective"], r["btc"]) for r in of_type(found, "btc_balance_disclosed")] == \
        [("2025-06-10", "4250")]
    assert [(r["effective"], r["btc"], r["usd"]) for r in of_type(found, "btc_purchased")] == \
        [("2025-06", "310", "33000000")]


def test_holdings_expanded_to_a_level_are_dated_by_the_day_the_text_says_it_was_told():
    text = ("Acme Corp (ACME) disclosed on Monday that it had expanded its bitcoin reserve "
            "to 1,210.5 BTC.")
    [balance] = of_type(proposed(text, "en", "2025-06-12"), "btc_balance_disclosed")
    assert (balance["effective"], balance["btc"]) == ("2025-06-09", "1210.5")


def test_a_level_reached_with_no_publication_date_gets_no_day():
    text = "Acme Corp (ACME) said it bought 310 BTC, which takes its total holdings to 4,250 BTC."
    # (without the publication, nothing says when "now" is: the level is drafted with no
    # day, for the analyst to add; none is made up)
    [balance] = of_type(drafted(text, "en", None), "btc_balance_disclosed")
    assert "effective" not in balance and balance["btc"] == "4250"
