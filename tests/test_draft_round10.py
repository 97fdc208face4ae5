"""Bitcoin figures on unseen text (issue 23, tenth round): whose coins, what the coins are and
the day a balance is as of, stated as how disclosures are written in general, each on the
project's own short texts (invented companies and figures) in English and French. A doubtful
figure is noticed, with why, rather than drafted.
"""

from __future__ import annotations

import pytest

from .drafting import drafted, of_type


def records(text: str, lang: str = "en", disclosed: str | None = "2025-06-10",
            company: str = "ACME") -> list[dict]:
    return drafted(text, lang, disclosed, company)


def noticed_why(text: str, lang: str = "en", disclosed: str | None = "2025-06-10",
                company: str = "ACME") -> list[str]:
    from ledger.draft import draft

    seen: list = []
    draft(text, "doc.txt", company, lang, disclosed, seen)
    return [n.why for n in seen]


def amounts(found: list[dict], kind: str, field: str = "btc") -> list[str]:
    return [str(r[field]) for r in of_type(found, kind)]


# --- whose figure: the company's own name, written with another listing -----------------------

# A company listed twice is written with either ticker: "Kestrel Data Systems (OTCQB: KDSYF)"
# in a text on KES. Its words are the company's, not a rival's, so its figures are not held
# back as another company's in a text "naming other companies".
_OTHER_LISTING = {
    "en": ("Kestrel Data Systems (OTCQB: KDSYF) shares rose 5% on Thursday after the bitcoin "
           "miner said it mined 57 BTC in May 2025.\n\n"
           "Kestrel also said its hash rate reached 3.1 EH/s.\n"),
    "fr": ("L'action de Kestrel Data Systems (OTCQB: KDSYF) a gagné 5 % jeudi : le mineur a "
           "extrait 57 BTC en mai 2025.\n\n"
           "Kestrel a aussi indiqué que sa puissance de calcul atteignait 3,1 EH/s.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_company_written_with_its_other_listing_is_still_the_company(lang):
    found = records(_OTHER_LISTING[lang], lang, "2025-06-10", company="KES")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_mined")] == \
        [("2025-05", "57")]


# A ticker that is the name with a letter more ("KDXI" for "KDX"): the name is the ticker's
# first letters; and a legal name ending in "Inc." written with it is the company's, every
# word ("Labs" is no rival).
_PREFIX = {
    "en": ("VANCOUVER, June 3, 2025 - KDX Blockchain Labs Inc. (TSX-V: KDXI) (OTCQB: KDXBF) "
           "released its operating results for May 2025.\n"
           "- Bitcoin mined: 41 BTC\n"
           "In May, KDX's hash rate averaged 1.2 EH/s.\n"),
    "fr": ("VANCOUVER, 3 juin 2025 - KDX Blockchain Labs Inc. (TSX-V: KDXI) (OTCQB: KDXBF) a "
           "publié ses résultats d'exploitation de mai 2025.\n"
           "- Bitcoins minés : 41 BTC\n"
           "En mai, la puissance de calcul de KDX a atteint 1,2 EH/s.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_name_that_is_the_tickers_first_letters_is_the_company(lang):
    found = records(_PREFIX[lang], lang, "2025-06-10", company="KDXI")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_mined")] == \
        [("2025-05", "41")]


# --- what the coins are ---------------------------------------------------------------------

# "N more BTC ... compared to" is a difference between two periods, not what was mined.
_MORE = {
    "en": ("Acme Corp (ACME) mined 310 BTC in May 2025.\n"
           "The company mined approximately 42.5 more BTC in May 2025 compared to May 2024, an "
           "increase of 16%.\n"),
    "fr": ("Acme Corp (ACME) a miné 310 BTC en mai 2025.\n"
           "La société a miné environ 42,5 BTC de plus en mai 2025 par rapport à mai 2024, "
           "soit une hausse de 16 %.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_more_coins_than_another_period_is_a_difference_not_a_flow(lang):
    found = records(_MORE[lang], lang)
    assert amounts(found, "btc_mined") == ["310"]
    assert any("difference" in why for why in noticed_why(_MORE[lang], lang))


# A cloud-mining company reports its customers' production beside its own: only its own
# coins are its production.
_CUSTOMERS = {
    "en": ("Acme Corp (ACME) reported its results for the quarter ended March 31, 2025.\n"
           "Bitcoin production from self-mining operations rose 12% to 215 BTC.\n"
           "BTC production by customers from cloud-mining services rose 20% to 1,480 BTC.\n"),
    "fr": ("Acme Corp (ACME) a publié ses résultats du trimestre clos le 31 mars 2025.\n"
           "La production de bitcoins de ses propres opérations a progressé de 12 % à 215 BTC.\n"
           "La production de bitcoins pour le compte de ses clients a progressé de 20 % à "
           "1 480 BTC.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_coins_mined_for_customers_are_not_the_companys(lang):
    found = records(_CUSTOMERS[lang], lang)
    assert "1480" not in amounts(found, "btc_mined")
    assert any("customers" in why for why in noticed_why(_CUSTOMERS[lang], lang))


# A purchase of more coins than the holdings it brought the company to is misread (a decimal
# point read as a thousands' separator: "108,786 BTC" for 108.786).
_EXCEEDS = {
    "en": ("Acme Corp (ACME) earlier bought 104,512 BTC on June 2, bringing its total bitcoin "
           "reserves to 512.40 BTC.\n"),
    "fr": ("Acme Corp (ACME) avait acheté 104.512 BTC le 2 juin, portant ses réserves totales "
           "à 512,40 BTC.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_purchase_larger_than_the_holdings_it_brought_is_misread(lang):
    found = records(_EXCEEDS[lang], lang)
    assert of_type(found, "btc_purchased") == []
    assert any("misread" in why for why in noticed_why(_EXCEEDS[lang], lang))


# The unrestricted part of the holdings, told beside their total, is no balance of its own.
_UNRESTRICTED = {
    "en": ("Acme Corp (ACME) held 2,150 bitcoin unrestricted and 6,420 bitcoin in "
           "total as of May 31, 2025.\n"),
    "fr": ("Acme Corp (ACME) disposait de 2 150 bitcoins sans restriction et de 6 420 bitcoins "
           "au total au 31 mai 2025.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_unrestricted_part_is_not_the_balance(lang):
    found = records(_UNRESTRICTED[lang], lang)
    assert "2150" not in amounts(found, "btc_balance_disclosed")
    assert any("unrestricted" in why for why in noticed_why(_UNRESTRICTED[lang], lang))


# A text pricing coins in Canadian dollars with their mark ("C$61,200") leaves its bare "$"
# in doubt: they may be the same dollars.
_MARKED = {
    "en": ("Acme Corp (ACME) sold 90 BTC in the quarter ended March 31, 2025 at an average "
           "price of C$61,200.\n"
           "Revenue for the quarter ended March 31, 2025 was $14.2M and net loss was $3.1M.\n"),
    "fr": ("Acme Corp (ACME) a vendu 90 BTC au trimestre clos le 31 mars 2025 à un prix moyen "
           "de 61 200 C$.\n"
           "Le chiffre d'affaires du trimestre clos le 31 mars 2025 s'est élevé à 14,2 M$ et la "
           "perte nette à 3,1 M$.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_bare_dollars_beside_marked_canadian_dollars_are_not_usd(lang):
    found = records(_MARKED[lang], lang)
    assert of_type(found, "results_reported") == []
    assert amounts(found, "btc_sold") == ["90"]


# --- the period a figure is given -------------------------------------------------------------

# "au cours du mois de juillet" names July; a month after "fewer ... than", "moins ... qu'"
# is the one compared with, not the figure's.
_MONTH_OF = {
    "en": ("Acme Corp (ACME) said on Friday its hash rate grew in July, although it mined fewer "
           "bitcoin than in June.\n\n"
           "The Oslo miner mined 212 bitcoin, or 6.8 BTC per day.\n"),
    "fr": ("Acme Corp (ACME) s'est félicitée vendredi de sa puissance de calcul accrue en "
           "juillet, même si sa production reste moins forte qu'en juin.\n\n"
           "Au cours du mois de juillet, Acme, mineur d'Oslo, a produit 212 bitcoins.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_month_of_a_flow_is_not_the_month_it_is_compared_with(lang):
    found = records(_MONTH_OF[lang], lang, "2025-08-04")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_mined")] == \
        [("2025-07", "212")]


# The time of a cause given for a figure ("due to the halving in April") is the cause's.
_CAUSE = {
    "en": ("Acme Corp (ACME) released its production update for July 2025. Its mining output "
           "fell 30% year-over-year, with the company producing 410 BTC, mainly due to the "
           "network halving event in April.\n"),
    "fr": ("Acme Corp (ACME) a publié sa mise à jour de production de juillet 2025. La "
           "société a produit 410 BTC, un recul de 30 % sur un an, principalement en raison "
           "de la réduction de moitié de la récompense en avril.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_time_of_a_cause_does_not_date_the_figure(lang):
    found = records(_CAUSE[lang], lang, "2025-08-04")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_mined")] == \
        [("2025-07", "410")]


# --- the day a balance is as of ---------------------------------------------------------------

# An article telling the company's news as recent ("recently announced", "a récemment
# annoncé") is written days after it: a balance it dates by nothing but its publication is as
# of that month, not of the day it came out. One that says nothing of the kind keeps the day.
_RECENT = {
    "en": ("Kestrel Corp (KSTL) recently announced that it bought 85 BTC, using the proceeds "
           "of its share sales.\n"
           "Kestrel now holds 2,310 BTC, according to the filing.\n"),
    "fr": ("Kestrel Corp (KSTL) a récemment annoncé l'achat de 85 BTC, financé par ses ventes "
           "d'actions.\n"
           "Kestrel détient désormais 2 310 BTC, selon le document.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_balance_told_in_news_said_to_be_recent_is_as_of_the_month(lang):
    found = records(_RECENT[lang], lang, "2025-06-16", company="KSTL")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_balance_disclosed")] \
        == [("2025-06", "2310")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_balance_held_now_keeps_the_day_when_nothing_says_the_news_is_recent(lang):
    text = _RECENT[lang].replace("recently announced", "announced").replace(
        "a récemment annoncé", "a annoncé")
    found = records(text, lang, "2025-06-16", company="KSTL")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_balance_disclosed")] \
        == [("2025-06-16", "2310")]


# "This brings its holdings to N": the holding the action told just before brought the company
# to is as of that action's day, not of another day the text names for other news.
_THIS_BRINGS = {
    "en": ("On June 3, Acme Corp (ACME) invested $5 million in bitcoin. This brings the "
           "company's holdings to 512.40 BTC, currently valued at $52 million.\n"
           "On June 5, Acme's chief executive published a chart of the holdings of listed "
           "companies.\n"),
    "fr": ("Le 3 juin, Acme Corp (ACME) a investi 5 millions de dollars en bitcoins. Cela porte "
           "ses avoirs à 512,40 BTC, actuellement évalués à 52 millions de dollars.\n"
           "Le 5 juin, le directeur général d'Acme a publié un graphique des avoirs des "
           "sociétés cotées.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_balance_this_action_brought_is_as_of_the_actions_day(lang):
    found = records(_THIS_BRINGS[lang], lang, "2025-06-06")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_balance_disclosed")] \
        == [("2025-06-03", "512.4")]


# --- whose coins: a company described, then taken up ----------------------------------------

# "The company with the largest reserves is Rivalco, with ..." describes someone else.
_DESCRIBED = {
    "en": ("Acme Corp (ACME) bought 40 BTC on June 2, 2025.\n"
           "Its chief executive posted a chart setting its reserves beside those of listed "
           "firms, among them Rivalco and Halvard.\n"
           "The company with the largest bitcoin stash on that chart is Rivalco, with "
           "310,500 BTC since its last purchase of 6,200 BTC on May 19.\n"),
    "fr": ("Acme Corp (ACME) a acheté 40 BTC le 2 juin 2025.\n"
           "Son directeur général a publié un graphique mettant ses réserves à côté de celles "
           "de sociétés cotées, parmi lesquelles Rivalco et Halvard.\n"
           "La société qui détient le plus de bitcoins sur ce graphique est Rivalco, avec "
           "310 500 BTC depuis son dernier achat de 6 200 BTC le 19 mai.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_company_described_as_the_largest_holder_is_not_this_one(lang):
    found = records(_DESCRIBED[lang], lang, "2025-06-03")
    assert [str(r["btc"]) for r in found] == ["40"]


# "The Texas group Rivalco is ... It holds", "La société américaine Rivalco est ... Elle
# détient": the pronoun takes up the company the sentence before opened with.
_TAKEN_UP_DESCRIBED = {
    "en": ("Acme Corp (ACME) said its holdings reached 1,240 BTC in 2025.\n"
           "The Texas group Rivalco is the first listed holder. It currently holds "
           "310,500 BTC.\n"),
    "fr": ("Acme Corp (ACME) a indiqué que ses avoirs atteignaient 1 240 BTC en 2025.\n"
           "La société américaine Rivalco est le premier détenteur coté. Elle détient "
           "actuellement 310 500 BTC.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_pronoun_after_a_company_described_by_its_kind_is_that_company(lang):
    found = records(_TAKEN_UP_DESCRIBED[lang], lang, "2026-02-16")
    assert "310500" not in [str(r.get("btc")) for r in found]


# --- a fiscal quarter -------------------------------------------------------------------------

# "The third quarter" told as done in early September has not ended as a calendar quarter: it
# is a fiscal one the text does not tie to months, and "year-to-date" runs from a fiscal year's
# start it does not give. Both are noticed, not drafted with calendar periods.
_FISCAL = {
    "en": ("Acme Corp (ACME) shares rose 4% on Thursday after the miner reported a higher "
           "hash rate during the third quarter.\n\n"
           "The company mined a total of 318 bitcoin, up from 290 the quarter before.\n\n"
           "Year-to-date, Acme has mined 901 bitcoin.\n"),
    "fr": ("L'action Acme Corp (ACME) a gagné 4 % jeudi : le mineur a publié ses chiffres du "
           "troisième trimestre.\n\n"
           "La société a miné 318 bitcoins, contre 290 le trimestre précédent.\n\n"
           "Depuis le début de l'année, Acme a miné 901 bitcoins.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_quarter_not_yet_ended_at_publication_is_fiscal(lang):
    found = records(_FISCAL[lang], lang, "2025-09-04")
    assert of_type(found, "btc_mined") == []
    assert any("fiscal" in why for why in noticed_why(_FISCAL[lang], lang, "2025-09-04"))


# --- coins an action brought the holdings to --------------------------------------------------

# "..., bringing its total stack to N BTC", "portant son stock total à N BTC": the holding, not
# a purchase, whatever verb of buying the sentence opened with; and a price per coin named in
# the next sentence is no cost of the purchase told before it.
_BROUGHT_TO = {
    "en": ("Acme Corp (ACME) said on Monday it acquired an additional 20.5 BTC.\n\n"
           "The purchase follows three earlier acquisitions in as many months, bringing its "
           "total stack to 310.25 BTC as of June 2. The average purchase price per bitcoin "
           "stands at $61,400.\n"),
    "fr": ("Acme Corp (ACME) a annoncé lundi avoir acquis 20,5 BTC supplémentaires.\n\n"
           "Cet achat fait suite à trois acquisitions en autant de mois, portant son stock "
           "total à 310,25 BTC au 2 juin. Le coût moyen par bitcoin ressort à 61 400 $.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_coins_an_action_brought_the_holdings_to_are_the_balance(lang):
    found = records(_BROUGHT_TO[lang], lang, "2025-06-03")
    assert [(r["effective"], str(r["btc"]), r.get("usd")) for r in
            of_type(found, "btc_purchased")] == [("2025-06", "20.5", None)]
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_balance_disclosed")] \
        == [("2025-06-02", "310.25")]


# "These latest BTC were acquired at ..., which brings its treasury to N BTC": the holding is as
# of the end of the purchase told before, not of the publication.
_THESE_COINS = {
    "en": ("Between June 2 and June 8, 2025, Acme Corp (ACME) acquired 1,020 BTC for $107.1 "
           "million.\n"
           "How much bitcoin does Acme hold?\n"
           "These latest BTC were acquired at an average price of $105,000 per coin, which "
           "brings its total treasury to 58,250 BTC.\n"),
    "fr": ("Entre le 2 et le 8 juin 2025, Acme Corp (ACME) a acquis 1 020 BTC pour 107,1 "
           "millions de dollars.\n"
           "Combien de bitcoins détient Acme ?\n"
           "Ces nouveaux bitcoins ont été payés en moyenne 105 000 $ l'unité, ce qui porte sa "
           "trésorerie totale à 58 250 BTC.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_holding_these_coins_brought_is_as_of_the_purchases_end(lang):
    found = records(_THESE_COINS[lang], lang, "2025-06-09")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_balance_disclosed")] \
        == [("2025-06-08", "58250")]


# A year the text names as what a report covers ("its annual earnings statement for 2024",
# "son communiqué annuel pour 2024") frames the flows told after it, even when the flow takes
# it from an earlier line: it is not a year named in passing.
_REPORT_YEAR = {
    "en": ("Acme Corp (ACME) in 2024: a record year\n\n"
           "In its annual earnings statement for 2024, Acme reported revenue of $150 million "
           "last year. Its own mining segment generated 1,820 bitcoin with revenue of $90 "
           "million.\n"),
    "fr": ("Acme Corp (ACME) revient sur une année 2024 record\n\n"
           "Dans son communiqué annuel pour 2024, Acme a fait état d'un chiffre d'affaires de "
           "150 millions de dollars l'an dernier. Son segment de minage propre a produit 1 820 "
           "bitcoins.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_year_a_report_covers_dates_the_flows_told_after_it(lang):
    found = records(_REPORT_YEAR[lang], lang, "2025-04-11")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_mined")] == \
        [("2024", "1820")]


# Coins mined "for itself and its hosting clients" include the customers'.
_ITSELF_AND = {
    "en": "Acme Corp (ACME) mined 3,100 bitcoin in 2024 for itself and its hosting clients.\n",
    "fr": ("Acme Corp (ACME) a miné 3 100 bitcoins en 2024 pour elle-même et pour ses clients "
           "hébergés.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_coins_mined_for_itself_and_customers_are_not_its_own(lang):
    assert of_type(records(_ITSELF_AND[lang], lang, "2025-04-11"), "btc_mined") == []


# "Between May 26 and last Monday", "Entre le 26 mai et le lundi dernier": the days from the
# one named to the latest such weekday before the publication.
_TO_LAST_MONDAY = {
    "en": ("Between May 26 and last Monday, Acme Corp (ACME) bought 2,050 BTC for $210.4 "
           "million, its filing shows.\n"),
    "fr": ("Entre le 26 mai et le lundi dernier, Acme Corp (ACME) a acheté 2 050 BTC pour "
           "210,4 millions de dollars, selon son document.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_range_up_to_last_weekday_ends_on_that_day(lang):
    found = records(_TO_LAST_MONDAY[lang], lang, "2025-06-03")  # a Tuesday
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_purchased")] == \
        [("2025-05-26/2025-06-02", "2050")]


# Coins told as added ("an additional 136 BTC", "136 BTC supplémentaires") are not holdings,
# even after a holding noun ("increased its treasury with").
_ADDED = {
    "en": ("Tokyo-listed Acme Corp (ACME) has increased its treasury with an additional 95 "
           "BTC, its filing shows.\n"),
    "fr": ("Acme Corp (ACME), cotée à Tokyo, a aujourd'hui renforcé ses réserves avec 95 BTC "
           "supplémentaires.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_coins_added_are_not_the_holdings(lang):
    assert of_type(records(_ADDED[lang], lang, "2025-06-10"), "btc_balance_disclosed") == []


# "Acme holds 5,000 BTC, more than the 4,100 BTC it held at the end of 2024": the period after
# the compared figure is that figure's, and the compared figure is no balance of its own.
_MORE_THAN_THE = {
    "en": "Acme Corp (ACME) holds 5,000 BTC, more than the 4,100 BTC it held at the end of 2024.\n",
    "fr": ("Acme Corp (ACME) détient 5 000 BTC, plus que les 4 100 BTC qu'elle détenait fin "
           "2024.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_period_of_a_figure_exceeded_does_not_date_the_holding(lang):
    found = records(_MORE_THAN_THE[lang], lang, "2025-06-04")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_balance_disclosed")] \
        == [("2025-06-04", "5000")]


# A month named as the one compared with ("up 5% from April", "en hausse de 5 % par rapport à
# avril") is no other time the holding is told for: it stays the month-end's.
_UP_FROM = {
    "en": ("Acme Corp (ACME) mined 300 BTC in May, up 5% from April, and its holdings rose to "
           "2,000 BTC.\n"),
    "fr": ("Acme Corp (ACME) a miné 300 BTC en mai, en hausse de 5 % par rapport à avril, et "
           "ses avoirs sont passés à 2 000 BTC.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_month_compared_with_does_not_hold_back_the_balance(lang):
    found = records(_UP_FROM[lang], lang, "2025-06-04")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_balance_disclosed")] \
        == [("2025-05-31", "2000")]


# A figure told from another company's own report ("According to Rivalco's May update, it
# mined", "Selon la mise à jour de Rivalco, elle a extrait") is that company's.
_ACCORDING = {
    "en": ("Northpeak (NPK) mined 300 BTC in May 2025.\n"
           "According to Rivalco's May update, it mined 450 BTC.\n"),
    "fr": ("Northpeak (NPK) a miné 300 BTC en mai 2025.\n"
           "Selon la mise à jour mensuelle de Rivalco, elle a extrait 450 BTC en mai.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_figure_told_from_another_companys_report_is_theirs(lang):
    found = records(_ACCORDING[lang], lang, "2025-06-04", company="NPK")
    assert [str(r["btc"]) for r in of_type(found, "btc_mined")] == ["300"]


# The same fiscal quarter in a text naming the one quarter it reports on as ended on a day
# ("the quarter ended June 30, 2025", "le trimestre clos le 30 juin 2025"): that quarter.
_FISCAL_ENDED = {
    "en": ("Acme Corp (ACME) shares rose 4% on Thursday after the miner reported a higher "
           "hash rate during the third quarter.\n\n"
           "The company mined a total of 318 bitcoin, up from 290 the quarter before.\n\n"
           "Revenue fell 8% to $10.1M for the quarter ended June 30, 2025.\n"),
    "fr": ("L'action Acme Corp (ACME) a gagné 4 % jeudi : le mineur a publié ses chiffres du "
           "troisième trimestre.\n\n"
           "La société a miné 318 bitcoins, contre 290 le trimestre précédent.\n\n"
           "Le chiffre d'affaires a reculé de 8 % à 10,1 M$ pour le trimestre clos le 30 juin "
           "2025.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_fiscal_quarter_is_the_quarter_the_text_says_ended(lang):
    found = records(_FISCAL_ENDED[lang], lang, "2025-09-04")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_mined")] == \
        [("2025-Q2", "318")]


# A sale or purchase its sentence says has yet to close is not done.
_YET_TO_CLOSE = {
    "en": "The sale of 500 BTC by Acme Corp (ACME) is expected to close next week.\n",
    "fr": "La vente de 500 BTC par Acme Corp (ACME) devrait être finalisée la semaine prochaine.\n",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_sale_yet_to_close_is_not_drafted(lang):
    assert of_type(records(_YET_TO_CLOSE[lang], lang, "2025-09-04"), "btc_sold") == []
    assert any("yet to close" in why for why in noticed_why(_YET_TO_CLOSE[lang], lang,
                                                            "2025-09-04"))


# An agreement to acquire a stake is not the acquisition: it may not have closed.
_AGREED = {
    "en": ("Acme Corp (ACME) began its move into hosting with the definitive agreement signed "
           "in October 2025 to acquire a 40% stake in a 60-MW data center in Norway.\n"),
    "fr": ("Acme Corp (ACME) a signé en octobre 2025 un accord définitif en vue d'acquérir une "
           "participation de 40 % dans un centre de données de 60 MW en Norvège.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_agreement_to_acquire_a_stake_is_not_an_acquisition(lang):
    assert of_type(records(_AGREED[lang], lang, "2025-11-05"), "stake_acquired") == []


# A day without its year opening the sentence, before the company's name written with its
# ticker and the action's verb, is the action's day (not the news's month).
_DAY_BEFORE_NAME = {
    "en": "On October 3, Acme Corp (ACME) bought 100 BTC.\n",
    "fr": "Le 3 octobre, Acme Corp (ACME) a acheté 100 BTC.\n",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_day_opening_the_sentence_before_the_name_dates_the_purchase(lang):
    found = records(_DAY_BEFORE_NAME[lang], lang, "2025-10-06")
    assert [(r["effective"], str(r["btc"])) for r in of_type(found, "btc_purchased")] == \
        [("2025-10-03", "100")]


# A sale whose object is the holdings themselves ("liquidated its entire holdings of 1,000
# BTC", "a liquidé l'ensemble de ses avoirs de 1 000 BTC") is a sale of that many coins, not a balance.
_HOLDINGS_SOLD = {
    "en": "Acme Corp (ACME) liquidated its entire holdings of 1,000 BTC in Q2 2025 for $95 million.\n",
    "fr": ("Acme Corp (ACME) a liquidé l'ensemble de ses avoirs de 1 000 BTC au deuxième "
           "trimestre 2025 pour 95 millions de dollars.\n"),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_holdings_sold_whole_are_a_sale(lang):
    found = records(_HOLDINGS_SOLD[lang], lang, "2025-07-15")
    assert [(r["type"], r["effective"], str(r["btc"]), r.get("usd")) for r in found] == \
        [("btc_sold", "2025-Q2", "1000", "95000000")]
