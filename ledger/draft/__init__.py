"""Drafting records from a text document, for an analyst to review, edit and import.

``draft(text, document, company)`` proposes import-format records, each citing the document
and the line its figure is on, for what an article or release says a company did: bitcoin
mined, purchased or sold, stated holdings and net changes, equity raised, notes issued,
stakes, acquisitions, workforce cuts and reported results. Nothing is stored here.

It is a small set of general rules, in English and French, not a model of any one text:

1. **Figures.** Numbers are found as written (``18,146``, ``18 146`` with any Unicode space,
   ``1,5``, ``$1.5 billion``, ``318,6 millions de dollars``, ``64 %``) and parsed with Babel's
   ``parse_decimal(strict=True)`` in the document's locale, after every kind of space inside
   the number has been replaced by the locale's group separator: strict mode refuses a number
   it would otherwise misread (``1,5`` in English), and it reads U+2009 or U+0020 groups in
   French only once normalised. A unit beside the number makes it a figure: bitcoin (``BTC``,
   ``bitcoins``), dollars (``$``, ``USD``, ``dollars``, with ``million``/``billion``/
   ``milliard``), percent, or people/shares. Bounds (``over 80%``, ``plus de 31 000``) are
   never proposed as amounts.
2. **Periods.** Quarters (``Q1 2026``, ``T1 2026``, ``fourth quarter of 2024``,
   ``quatrième trimestre de 2024``, a bare ``Q4`` taking the year of the latest earlier
   period with a year), months, years (``in 2025``, ``en 2025``), the end of a period
   (``à la fin de 2024`` → its last day) and dates. Quarters, years and ends are parsed here:
   dateparser reads no quarters (``Q1 2026`` → a day in February), fills in what a text
   leaves out (``in 2025`` → today's month and day of 2025, ``le 26 février`` → this year)
   and reads nothing with a preposition in front (``au 31 mars 2026`` → None). So phrases are
   located here (month names from Babel) and only the phrase itself (``31 mars 2026``,
   ``September 30, 2025``, ``août 2025``) goes to dateparser, whose ``period`` says how
   precise it is; a date without a year is not used. Maturities (``due 2030``) and
   comparisons (``par rapport au Q4 2023``) are not when anything happened. A figure takes
   the nearest period in its sentence, else in its line, else the document's latest quarter
   or year (never a month or a date, which name when one thing happened), and its note says
   so. Nothing is made more precise than the text: ``in 2025`` stays ``2025``; a balance, which must be as of one date, gets no effective unless the text
   gives a date or the end of a period.
3. **What a figure is.** The words between a figure and its neighbouring figures decide:
   the nearest action word before a bitcoin amount (mined, bought, sold, holdings, added, and
   their French forms; ``including N BTC loaned`` after a balance is its ``loaned``), the
   instrument after a dollar amount (stock → equity raised, notes →
   notes issued with their coupon and convertibility), results words (revenue, net income,
   loss, adjusted EBITDA; not estimates or consensus), ``acquisition of NAME``, ``N% stake in
   NAME``, and a cut verb with a workforce noun around a percent or headcount.
4. **One action, several lines.** Proposals of the same type and period whose fields agree
   are merged into one record citing each line (identical ones anywhere in the document,
   complementary ones, e.g. a sale's dollars on one line and its bitcoin on the next, only
   within two lines, and a headline repeating a figure without its period into the statement
   that dates it), and the note says they were merged.
5. **Shapes of real disclosures** (``../shared/corpus`` measured them; the fixtures under
   ``tests/fixtures/drafts/shapes`` are the project's own): ranges kept as ranges and periods
   ended on a day ("the quarter ended March 31, 2025" is 2025-Q1); a month in a heading
   framing the lines under it; tables as pipe rows, one cell per line, "Label: number" lines or
   flattened into one line; ATM and placement proceeds with their shares, never the capacity
   left; BTC Yield as ``kpi_disclosed`` with its ``since``; stock splits; share counts;
   convertible terms read on over the next lines; amounts in other currencies never in ``usd``;
   rates, prices per coin, aggregate costs, values of holdings, targets and hypotheticals left
   out. With the publication date (``disclosed``), a flow dated only by its announcement gets
   its month, a balance stated as "now" its day, and a day or month written without its year
   the latest such one by then.

6. **Precision first.** What the rules read but cannot tie with confidence to this company,
   a period the text states and one type (a figure whose sentence names another company, a
   flow dated by the publication or a heading while its clause names another time, a lone
   results figure, a raise without its shares, notes with one term, an offering to come...)
   is not proposed: ``draft(..., noticed=[])`` lists it with why (``_unsure``), for the
   reviewer, never as a record.

Each record's ``note`` quotes only the figures and period phrases it used and says what is
uncertain; its ``review`` lists what to check, and ``import`` refuses it until the review is
done (``ledger/review.py``). ``python -m ledger.draft --evaluate`` measures the drafter against
the seed ledger, ``--corpus DIR`` against a labelled corpus (``ledger/draft/score.py``);
``ledger/draft/documents.py`` reads HTML and PDF.
"""

from __future__ import annotations

import re
from itertools import combinations
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .. import kinds
from ..values import canonical, parse_period
from .evidence import _main_figures

LANGS = ("en", "fr")
#: Babel locales the numbers of each language are read in.
LOCALES = {"en": "en_US", "fr": "fr_FR"}

# --- vocabularies: the ways disclosures word one fact (issue 23, paraphrase round) ------------
# Kept in one place so a rule reads a family of wordings, not the sentence it was written from;
# tests/test_draft_paraphrase.py states each fact in several of them.

#: Nouns for a company's stock of coins, in the ways texts write a holding without a verb
#: ("its treasury stands at", "ses avoirs s'élèvent à"): one vocabulary for every rule that
#: reads whose holding a figure is.
HOLDING_NOUNS_EN = r"holdings?|treasury|reserves?|stash|stack|hoard|coffers|war\s+chest"
HOLDING_NOUNS_FR = r"avoirs|r[ée]serves?|tr[ée]sorerie|stock|portefeuille|coffres?"

#: Verbs that state a figure for a noun ("production was", "holdings totalled", "s'élève
#: à"): one vocabulary, in English and French, for the rules reading a noun and its figure.
STATED_AS_EN = (r"was|were|is|came\s+(?:in\s+)?(?:at|to)|totall?ed|totals|amounted\s+to|"
                r"amounts\s+to|reached|stood\s+at|stands\s+at")
STATED_AS_FR = (r"s'eleve\s+a|s'est\s+elevee?\s+a|s'etablit\s+a|s'est\s+etablie?\s+a|"
                r"a\s+atteint|atteint|est\s+de|etait\s+de|a\s+ete\s+de")

#: Words that set a figure beside an earlier one ("compared with 613 in the first quarter",
#: "flat against", "in line with the 613 it mined in", "a touch above the 613 of", "after 613
#: in", "contre", "par rapport aux", "comparé à", "proche des 613 du", "après"): one
#: vocabulary, English and French, for the earlier figure's period.
COMPARED_WITH_WORDS = (
    r"compared\s+(?:to|with)|versus|vs\.?|against|in\s+line\s+with|level\s+with|"
    r"close\s+to|similar\s+to|comparable\s+to|above|below|after|(?<=,\s)from|"
    r"contre|par\s+rapport\s+(?:a|au|aux)|(?:a\s+)?compare(?:e|s|es|r)?\s+(?:a|au|aux)|"
    r"proche\s+(?:de|des|du)|au-dessus\s+(?:de|des|du)|en-dessous\s+(?:de|des|du)|apres")

#: An aside between a name and its verb that leaves the name the subject: "Rivalco, for its
#: part, now owns", "Rivalco, de son côté, détient".
SUBJECT_ASIDES = (r"for\s+its\s+part|meanwhile|in\s+turn|for\s+now|too|also|in\s+comparison|"
                  r"de\s+son\s+c[ôo]t[ée]|pour\s+sa\s+part|quant\s+[àa]\s+(?:elle|lui)|"
                  r"aussi|[ée]galement")


# --- text ---------------------------------------------------------------------------------------

_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
_DASHES = {"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch == "\t" or unicodedata.category(ch) == "Zs":
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return (base[:1] or ch).lower()


def fold(text: str) -> str:
    """Lower case, accents off, every space a plain space, one character for one: positions
    in the folded text are positions in the original."""
    if text.isascii():  # the common case, in one pass
        return text.lower().replace("\t", " ").replace("`", "'")
    return "".join(_fold_char(ch) for ch in text)


def detect_language(text: str, default: str = "en") -> str:
    """``fr`` or ``en``, by counting common function words; ``default`` when they tie (a
    line with none of them, "Lucane détient désormais 1.480 BTC après avoir miné 52 BTC")."""
    words = re.findall(r"[a-z']+", fold(text))
    fr = sum(w in {"le", "la", "les", "des", "du", "et", "une", "est", "au", "aux", "pour",
                   "avec", "dans", "qui", "sur", "d'une", "l'", "de", "par", "ses", "son", "sa",
                   "il", "elle"} for w in words)
    en = sum(w in {"the", "and", "of", "to", "is", "for", "with", "its", "that", "by", "as",
                   "from", "which", "has", "in", "it", "on", "at", "was", "were", "an",
                   "said", "had"} for w in words)
    return "fr" if fr > en else "en" if en > fr else default


# --- figures ------------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
                     r"(?:(?![\w])|(?=(?:mn|bn|mln|[mbk])\b))")  # "$37.5M", "$37.5mn": a scale glued on
_SCALES = [
    # ("$12.7-million", "$1.1-billion": the hyphen some newswires write)
    (re.compile(r"(?:\s?|-)(?:billions?|bn|milliards?|mds?|b)\b"), Decimal(10) ** 9),
    (re.compile(r"(?:\s?|-)(?:millions?|mln|mn|m)(?:\b|(?=eur\b|usd\b))"), Decimal(10) ** 6),
    (re.compile(r"\s?(?:thousand|milliers?|k)\b"), Decimal(10) ** 3),
]
#: Amounts in other currencies: never a ``usd``; named in the note when they are a price.
_FX_BEFORE = re.compile(r"(?:\u00a5|\u20ac|\u00a3|c\$|ca\$|a\$|hk\$|(?:jpy|eur|gbp|sek|cad|chf|"
                        r"aud|hkd)\s?)\s?$")
_FX_AFTER = re.compile(r"\s?(?:(?:de |d')?(?:yens?\b|jpy\b|euros?\b|eur\b|sek\b|kronor\b|"
                       r"couronnes\b|gbp\b|pounds?(?: sterling)?\b|livres?(?: sterling)?\b|"
                       r"cad\b|chf\b|francs? suisses?\b|hkd\b|aud\b|sgd\b|nok\b|"
                       # dollars that are not US dollars: "78 millions de dollars de Hong
                       # Kong", "dollars canadiens", "12 million Hong Kong dollars"
                       r"dollars?\s+(?:de\s+hong\s*-?kong|hongkongais|canadiens?|australiens?|"
                       r"de\s+singapour|singapouriens?|neo-zelandais|taiwanais|de\s+taiwan)\b|"
                       r"(?:hong\s*kong|canadian|australian|singapore|new\s+taiwan|new\s+zealand)"
                       r"\s+dollars?\b)|\u20ac|\u00a3|\u00a5|kr\b)")
#: The first count of a "respectively" list, its unit written once after the last: "which
#: sold 510 and 240 BTC respectively", "510 et 240 BTC respectivement".
_BTC_PAIRED = re.compile(r"(?:\s*,\s*\d[\d,.\u202f\u00a0]*)*\s*,?\s+(?:and|et)\s+\d[\d,.\u202f\u00a0 ]*?"
                         r"\s*(?:btc|bitcoins?)\b[^.;]{0,30}?\brespective(?:ly|ment)\b")
#: A count whose unit follows as "the total number of bitcoins": "porte à 1 950 le nombre
#: total de bitcoins détenus", "brings to 1,950 the total number of bitcoins it holds".
_BTC_COUNTED_AFTER = re.compile(r"\s+(?:le|the)\s+(?:nombre\s+(?:total\s+)?|total\s+(?:number\s+)?|"
                                r"number\s+)(?:de\s+|d'|of\s+)(?:bitcoins?|btc)\b")
#: A bitcoin count written after its unit: "BTC holdings of 4,695", "bitcoin held was 2,906".
_BTC_BEFORE = re.compile(r"(?:\b(?:btc|bitcoins?)\s+(?:holdings?|held|balance|reserves?|treasury|"
                         r"detenus?)|"
                         # "les avoirs en BTC d'Acme sont passés à"
                         r"\b(?:avoirs|reserves?|tresorerie)\s+(?:totaux\s+|totales?\s+)?"
                         # "ses réserves de BTC et d'ETH s'élevaient à"
                         r"(?:en\s+tresorerie\s+)?(?:en|de)\s+(?:btc|bitcoins?)"
                         r"(?:\s+et\s+(?:de\s+|d')?[\w-]+)?"
                         r"(?:\s+d['e]\s*[\w-]+)?)"
                         r"\s*(?:of|:|was|were|totaled|totalled|stood\s+at|reached|de|to|"
                         r"amounted\s+to|amount\s+to|"
                         r"(?:grew|rose|increased|climbed|jumped|fell|declined|dropped)\s+to|"
                         # "BTC holdings rose 9.2% to", "ont augmenté de 9,2 % pour atteindre"
                         r"(?:(?:have|has|ont|a)\s+)?(?:grew|rose|increased|climbed|jumped|augmente|"
                         r"progresse)\s+(?:by\s+|de\s+)?\d[\d,.]*\s?%\s+(?:to|pour\s+atteindre|a)|"
                         r"(?:est|sont)\s+passee?s?\s+a|(?:a|ont)\s+atteint|"
                         r"s'elev(?:ent|e|aient|ait)\s+a|atteint|atteignent|a)?\s*$")
_USD_BEFORE = re.compile(r"(?:us\s?\$|\$|usd\s?)\s?\(?$")
_USD_AFTER = re.compile(r"\s?(?:\$(?![a-z])|us\$|usd\b|(?:de |d')?dollars?\b)")
_BTC_AFTER = re.compile(r"\s?(?:(?:self-mined|additional|more|new|unencumbered|supplementaires?|"
                        r"nouveaux|de plus)\s+)?"
                        # "6.12 units of Bitcoin", "4,81 unités de bitcoin" (Hong Kong filings)
                        r"(?:(?:units?|unites?)\s+(?:of\s+|de\s+|d')?)?"
                        # "sold 75 of these bitcoins", "vendre 75 de ces bitcoins"
                        r"(?:(?:of|de)\s+(?:these|those|its|their|ces|ses|leurs)\s+)?"
                        r"\$?(?:btcs?|xbt|bitcoins?|coins)\b"
                        # "21,540 bitcoin miners": machines, not coins
                        # ("1,500 Bitcoin Equivalent mined from GPUs": other coins counted
                        # in bitcoin)
                        r"(?!\s+(?:equivalents?\b|miners?|mining\s+(?:machines|rigs|units|servers)|machines|"
                        r"rigs|asics?|servers|addresses|wallets|atms?)\b)")
#: The first of two holdings named together, each number after its asset in the same order
#: ("holdings of BTC and ETH were 512.5 and 8,000.4", "les avoirs en BTC et en ETH
#: s'élevaient à 512,5 et 8 000,4"): the bitcoin count, written without its unit.
_BTC_FIRST_OF_TWO = re.compile(r"\b(?:btc|bitcoins?)\s+(?:and|et)\s+(?:en\s+)?(?:eth|ether|"
                               r"ethereum|sol|usdc|[a-z]{2,5})\s+(?:holdings\s+)?(?:were|was|"
                               r"stood\s+at|totall?ed|amounted\s+to|of|s'elevaient\s+a|"
                               r"etaient\s+de|atteignaient|:)\s*$")
#: A bitcoin count that is other assets converted into bitcoin ("the BTC equivalent of our
#: digital assets was 1,890 BTC", "l'équivalent en BTC de ses actifs"): no coins held.
_BTC_EQUIVALENT = re.compile(r"\b(?:btc|bitcoin)[- ]equivalent\b|\bequivalent\s+(?:en|in)\s+"
                             r"(?:btc|bitcoins?)\b")
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per cent\b|pour ?cent\b)")
_PEOPLE_AFTER = re.compile(r"\s?(?:employees|employes|salaries|jobs|emplois|positions|postes|"
                           r"people|personnes|staff)\b")
_SHARES_AFTER = re.compile(r"\s?(?:new |nouvelles |d')?(?:(?:common|ordinary|class [ab](?: common)?) )?"
                           r"(?:shares|actions)\b(?: ordinaires\b)?")
_BOUND_BEFORE = re.compile(r"\b(?:over|more than|at least|up to|in excess of|upwards of|nearly "
                           r"all|plus de|au moins|jusqu'a|pres de la totalite|moins de|"
                           r"less than|under|fewer than|over the|as many as|as much as|a "
                           r"maximum of|a total of up to|au maximum|un maximum de|surpass(?:ed|es|"
                           r"ing)?|exceed(?:ed|s|ing)?|topp(?:ed|ing)|crossed|depasse\w*|"
                           r"franchi\w*|passed|beyond|au-dela de|au dela de)\s?(?:the\s+)?(?:mark\s+of\s+|barre\s+des?\s+|"
                           r"cap\s+des?\s+)?\$?\s?$")
_APPROX_BEFORE = re.compile(r"\b(?:about|approximately|around|roughly|nearly|almost|some|circa|"
                            r"environ|pres de|quelque|quasiment|presque)\s?\$?\s?$")


#: What makes a figure a unit price or an average, not an amount.
#: A price a market moved to or trades at: "rose 4% to $93,000", "a peak of $104,310",
#: "trading at $71,250", "a franchi les 100 000 $".
_MARKET_MOVE = re.compile(r"(?:\b(?:rose|risen|rising|climbed|climbing|fell|fallen|falling|dropped|"
                          r"dropping|jumped|surged|soared|slid|sank|slumped|plunged|rallied|"
                          r"recovered|hit|hitting|touched|topped|trad(?:ed|ing|es)|changed hands|"
                          r"peak(?:ed)?|record high|all-time high|grimpe|chute|recule|"
                          r"franchi|atteint un (?:record|sommet|pic)|s'echange|se negocie|"
                          r"cotait|cote|sommet|pic|consolide entre)\b[^.;$]{0,25}?\b(?:to|at|of|"
                          r"above|below|near|around|a|de|les|sous|au-dessus de|autour de)\s*"
                          r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$)")
#: A unit price said in passing between a quantity and its cost.
_UNIT_PRICE_ASIDE = re.compile(r"(?:,\s*)?\b(?:at|for)\s+an?\s+average\s+(?:purchase\s+)?price\s+of"
                               r"\s+(?:approximately\s+|about\s+|~)?(?:us\s?\$|\$)\s?[\d,.]+\s+"
                               r"(?:(?:per|a|each)\s+(?:bitcoin|btc|coin)|each|apiece)\b(?:,?\s*"
                               r"(?:inclusive|including)\s+of\s+fees\s+and\s+expenses)?,?|"
                               r"(?:,\s*)?\b(?:a|pour)\s+un\s+prix\s+(?:moyen|unitaire)\s+(?:d'achat\s+)?"
                               r"de\s+(?:environ\s+)?(?:\$\s?)?[\d\s,.]+\s*(?:\$|dollars|usd)\s+(?:(?:par|le)\s+"
                               r"(?:bitcoin|btc|unite|piece)|l'unite|chacun|la\s+piece)\b,?")
#: The whole price of one purchase: "for a total purchase price of approximately $512 million".
_TOTAL_PRICE_OF = re.compile(r"\b(?:for|at)\s+(?:a|an)\s+(?:total|aggregate)\s+(?:(?:purchase\s+)?"
                             r"(?:price|cost|consideration|amount)\s+of\s+)?(?:approximately\s+|"
                             r"about\s+|~)?$")
#: The price of the whole lot, not of one coin: "for an approximate price of $27 million",
#: "pour un prix de 12 millions de dollars" (a unit price says "per" after it: left out above).
_WHOLE_PRICE = re.compile(r"\b(?:for|pour)\s+(?:an?\s+|un\s+)?(?:approximate\s+|estimated\s+|"
                          r"total\s+|global\s+)?(?:purchase\s+)?(?:price|prix)\s+(?:of|de)\s*"
                          r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$")
_PRICE_BEFORE = re.compile(r"(?:average|avg\.?|moyenne?|unitaire|per\s+unit|prix|price|"
                           r"averaging|paying\s+an\s+average\s+of|en\s+moyenne)\s*(?:net\s+)?"
                           r"(?:purchase\s+|d'acquisition\s+|d'achat\s+)?(?:price\s+)?"
                           r"(?:of|de|at|a|:)?\s*(?:~|approximately|about|environ)?\s*"
                           r"(?:us\s?\$|\$|usd\s?)?\s*$")


@dataclass(frozen=True)
class Figure:
    kind: str          # "btc", "usd", "percent", "people", "shares"
    value: Decimal
    start: int         # span in the line, the unit and scale words included
    end: int
    text: str          # as written
    rounded: bool      # a scale word (million, milliard...) was used
    approximate: bool  # "about", "environ"...
    line: int = 0      # the line it is on, when not the proposal's own (terms read further on)


def _ticker_shares(line: str, folded: str, end: int) -> re.Match[str] | None:
    """Shares named by their ticker between the count and the word ("2,480,000 ACME
    shares", "18.5 million ACME shares"): the match of the word after the ticker."""
    ticker = re.match(r" [A-Z]{2,5}(?= )", line[end:end + 8])
    return _SHARES_AFTER.match(folded, end + ticker.end()) if ticker else None


@lru_cache(maxsize=16384)
def parse_number(token: str, lang: str) -> Decimal | None:
    """A number as written in ``lang``, or None if it is not a well-formed one there.

    Every kind of space inside it becomes the locale's group separator first, so ``18 146``,
    ``18\\u202f146`` and ``18\\u2009146`` read the same in French.
    """
    from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal

    locale = LOCALES[lang]
    if lang == "fr" and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        token = token.replace(".", "")  # "7.284 bitcoins", "61.507 €": thousands with a dot
    group = get_group_symbol(locale)
    normal = "".join(group if (ch == " " or unicodedata.category(ch) == "Zs") else ch
                     for ch in token)
    try:
        return parse_decimal(normal, locale=locale, strict=True)
    except NumberFormatError:
        return None


def figures(line: str, folded: str, lang: str, following: str = "") -> list[Figure]:
    """The figures on one line: numbers with a unit beside them. ``following`` is the start
    of the next line (folded), for a text wrapped mid-sentence ("11.8 BTC mined per" / "day")."""
    found: list[Figure] = []
    for m in _NUMBER.finditer(folded):
        value = parse_number(line[m.start():m.end()], lang)
        if value is None:
            continue
        start, end = m.start(), m.end()
        rounded = False
        # "Net loss was $(72.9) million": an accounting negative in brackets (the sign is
        # the cue's, "net loss"); the brackets are read through.
        accounting = folded[end:end + 1] == ")" and re.search(r"(?:us\s?\$|\$)\s?\($",
                                                             folded[max(0, start - 5):start])
        if accounting:
            end += 1
        for scale, factor in _SCALES:
            s = scale.match(folded, end)
            if s:
                value, end, rounded = value * factor, s.end(), True
                break
        before = folded[max(0, start - 40):start]
        kind = None
        if u := _FX_BEFORE.search(before):
            kind, start = "fx", start - len(u.group(0))
        elif a := _FX_AFTER.match(folded, end):
            kind, end = "fx", a.end()
        elif u := _USD_BEFORE.search(before):
            kind, start = "usd", start - len(u.group(0))
            if a := _USD_AFTER.match(folded, end):  # "$5 USD"
                end = a.end()
        elif a := _USD_AFTER.match(folded, end):
            kind, end = "usd", a.end()
        elif rounded and (a := _SHARES_AFTER.match(folded, end)
                          or _ticker_shares(line, folded, end)):  # "18.5 million shares"
            kind, end = "shares", a.end()
        elif rounded:
            continue  # "1.5 billion" of something other than dollars or shares
        elif a := _BTC_AFTER.match(folded, end) or _BTC_COUNTED_AFTER.match(folded, end):
            kind, end = "btc", a.end()
            if b := re.match(r"\s?\((?:btc|xbt)\)", folded[end:]):
                end += b.end()
        elif _BTC_PAIRED.match(folded, end):
            kind = "btc"  # "sold 510 and 240 BTC respectively": the first takes the unit too
        elif a := _PERCENT_AFTER.match(folded, end):
            kind, end = "percent", a.end()
        elif a := _PEOPLE_AFTER.match(folded, end):
            kind, end = "people", a.end()
        elif a := _SHARES_AFTER.match(folded, end) or _ticker_shares(line, folded, end):
            kind, end = "shares", a.end()  # (also "2,480,000 ACME shares": a ticker between)
        elif _BTC_FIRST_OF_TWO.search(folded[max(0, start - 60):start]) or re.search(
                # "held 12,104 bitcoin, of which 2,000 were pledged", "dont 2 000 sont nantis"
                r"\b(?:bitcoins?|btc)\s*,?\s*(?:of\s+which|dont|including)\s+(?:about\s+|"
                r"approximately\s+|environ\s+)?$", folded[max(0, start - 40):start]) and \
                _BUCKET.match(folded, end):
            kind = "btc"
        elif _BTC_BEFORE.search(folded[max(0, start - 80):start]) and \
                not re.match(r"\s*(?:%|percent|eh/s|th/s|mw|\$|usd|shares|actions|(?:days?|weeks?|"
                             r"months?|years?|hours?|jours?|semaines?|mois|ans|annees?)\b)",
                             folded[end:]):
            # ("its Bitcoin holdings 10 days ago": a time, not coins)
            kind = "btc"  # "Total BTC holdings of 4,695 as of June 30"
        if kind == "btc" and re.search(
                r"\b(?:supply|circulation|circulating|offre|mis\s+en\s+circulation)\b"
                r"(?:\s+(?:of|de|du|des)\s+(?:bitcoins?|btc))?(?:\s+(?:en\s+)?circulation)?"
                r"\s*(?:\(|,|:|-|of|de|soit)?\s*(?:about\s+|approximately\s+|environ\s+|~)?$",
                folded[max(0, start - 60):start]):
            continue  # "0.31% of the bitcoin supply (19,504,211 BTC)": the market's coins
        if kind is None or (value == 0 and kind in ("usd", "shares", "people", "fx")):
            continue  # a zero of dollars, shares or people is no amount to draft
        if kind == "shares" and re.match(r"\s*(?:ordinaires?\s+|of\s+common\s+stock\s+)?(?:pour|"
                                         r"per|par)\s+(?:each\s+|chaque\s+|tranche\s+de\s+)?"
                                         r"(?:us\s?\$|\$)?\s?1[ ,.\u202f\u00a0]?000\b", folded[end:]):
            continue  # "2,5031 actions pour 1 000 dollars": a conversion rate, not shares sold
        if kind == "usd" and value == 1000 and re.search(r"\b(?:per|pour|par|each)\s+(?:each\s+|"
                                                         r"chaque\s+|tranche\s+de\s+)?$",
                                                         folded[max(0, start - 20):start]):
            continue  # "per $1,000 principal amount": the unit of a conversion rate
        if kind == "usd" and re.match(r"\s*\)?\s*(?:(?:per|par|each|a|an|/)\s*\(?\s*(?:coin|bitcoin|"
                                      r"btc|share|action|unit|unite|piece)\b|(?:l'unite|l'action|"
                                      r"la\s+piece|apiece|each)\b)", folded[end:]):
            continue  # a unit price ("$96,400 per coin"), not an amount
        if re.match(r"\s*(?:btc\s*)?(?:\w+\s+)?(?:per\s+day|a\s+day|/\s*day|daily|par\s+jour|"
                    r"quotidien\w*|per\s+month|par\s+mois)\b", folded[end:] + " " + following):
            continue  # a rate ("12.6 BTC mined per day"), not an amount
        lead = folded[max(0, start - 45):start]
        if kind == "btc" and (re.search(r"\bper\s+(?:[\d,.]+\s+)?(?:\w+\s+)?shares?\b|\bpar\s+action\b|"
                                        r"\b(?:equivalent\s+to|l'equivalent\s+de|worth\s+about)\s*"
                                        r"(?:about|approximately|roughly|environ)?\s*$", lead)
                              or re.match(r"\s*(?:\w+\s+){0,2}?(?:per\s+(?:[\d,.]+\s+)?(?:\w+\s+)?"
                                          r"shares?|par\s+action|at\s+(?:current|today's|present|"
                                          r"market|the\s+current)\s+(?:market\s+)?prices?|au\s+cours"
                                          r"\s+actuel|aux\s+prix\s+actuels)\b", folded[end:])):
            continue  # "0.0012 BTC per share", "roughly 17,000 BTC at current prices"
        if kind == "btc" and (eq := list(_BTC_EQUIVALENT.finditer(folded, 0, start))) and \
                not re.search(r"[.;]\s", folded[eq[-1].end():start]):
            continue  # other assets counted in bitcoin: no coins held
        if _PRICE_BEFORE.search(lead) and not re.search(
                r"\b(?:total|aggregate|totale?|global)\s+(?:purchase\s+)?(?:price|prix)\s+(?:of|"
                r"de)\s*(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$", lead) \
                and not _WHOLE_PRICE.search(lead):
            continue  # "an average price of $79,340", "au prix unitaire de 109 275 $"
        if kind == "usd" and _MARKET_MOVE.search(lead) and not re.search(
                r"\b(?:revenues?|sales|income|profits?|earnings|ebitda|loss|chiffre\s+d'affaires|"
                r"revenus?|benefices?|resultats?)\s+(?:\w+\s+){0,2}?(?:rose|risen|rising|climbed|"
                r"fell|fallen|dropped|jumped|surged|soared|slid|sank|slumped|plunged|grimpe|chute|"
                r"recule)\b", lead):
            continue  # "bitcoin rose 4% to $93,000", "trading at $71,250": a market price
            # (not "third-quarter revenue jumped 37% to $7.38 billion": a result)
        if kind == "usd" and (re.match(r"\s*(?:\w+\s+){0,2}?(?:at\s+(?:current|today's|present|"
                                       r"the\s+current)\s+(?:market\s+)?(?:prices?|rates?|"
                                       r"valuations?)|au\s+cours\s+(?:actuel|du\s+jour)|aux\s+"
                                       r"(?:prix|cours)\s+actuels)\b", folded[end:]) or re.search(
                r"\b(?:(?:montant|valeur|amount|value|cost|cout)\s+estimee?s?\s+(?:a|at|to\s+be)|"
                r"estimated\s+(?:at|to\s+be)|an\s+estimated)\s*(?:~|about|approximately|some|"
                r"environ)?\s*(?:us\s?)?\$?\s*$", lead)):
            continue  # "soit l'équivalent de 284 millions de dollars au cours actuel", "for an
            # amount estimated at $284 million": a value or an estimate, not what was paid
        if kind == "usd" and re.search(r"\b(?:prix|cours)\s+(?:de\s+la\s+|du\s+|de\s+l'|de\s+)?"
                                       r"(?:btc|bitcoin)\b|\b(?:bitcoin|btc)(?:'s)?\s+price\b|"
                                       r"\bprice\s+of\s+(?:btc|bitcoin)\b",
                                       folded[max(0, start - 70):start]):
            continue  # "the price of BTC, which went from $93,500 to $82,000": the market's
        if kind == "usd" and re.search(r"\b(?:yens?|jpy|euros?|eur|gbp|livres?|pounds?|sek|kronor|"
                                       r"couronnes?|chf|francs?)\s*(?:japonais|japanese|suedoises?|"
                                       r"swedish|sterling)?\s*[(\[,]\s*(?:~|approx\w*\.?|about|"
                                       r"around|roughly|environ|soit|ou|or)?\s*$",
                                       folded[max(0, start - 45):start]):
            continue  # "1,5 milliard de yens japonais (quelque 10,1 millions de dollars)": a
            # conversion, even when the amount in yen is itself a bound
        prefix = folded[max(0, start - 30):start]
        if _BOUND_BEFORE.search(prefix):
            continue  # a bound is not an amount
        if kind == "usd" and re.match(r"\s*[(\[]\s*(?:~|approx\w*\.?|about|environ|soit|or|ou)?\s*"
                                      r"(?:\u00a5|\u20ac|\u00a3|jpy|eur|gbp|sek|chf|cad|c\$|ca\$|hk\$|"
                                      r"a\$)\s?\d", folded[end:]):
            continue  # "$91.3 million (¥13.8 billion)": the dollars convert the amount paid
        if kind == "usd" and found and found[-1].kind == "fx" and re.fullmatch(
                r"\s*(?:japonais|japanese|suedoises?|swedish|britanniques?|british|canadiens?|"
                r"canadian|europeens?|hong[- ]kong)?\s*"
                r"[(\[,]?\s*(?:~|approx\w*\.?|about|around|roughly|some|or|i\.e\.|soit|"
                r"environ|ou|equivalent to|l'equivalent de)?\s*(?:~\s*)?",
                folded[found[-1].end:start]):
            continue  # "7.2 billion yen ($48.3 million)": a conversion, not the amount paid
        found.append(Figure(kind, value, start, end, line[start:end].strip(), rounded,
                            bool(_APPROX_BEFORE.search(prefix))))
    return found


# --- periods ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A period named in the text."""

    effective: str | None  # canonical period text, None for a quarter with no year found
    kind: str              # "date", "month", "quarter", "year"
    line: int
    start: int
    end: int
    text: str
    comparison: bool = False
    end_of: bool = False   # "the end of 2024" read as its last day
    year_from: tuple[str, int] | None = None  # (phrase, line) a bare quarter took its year from
    quarter: int | None = None
    month: int | None = None  # of a month or day named without its year
    day: int | None = None
    back: int = 0             # "last year": years before the publication's
    until: tuple[int, int] | None = None  # (month, day) a yearless range ends on
    months_back: int = 0      # "last month": months before the publication's
    ahead: bool = False       # "effective April 1": a day to come, not past
    weekday: int | None = None  # "as of Sunday": the latest such day by the publication's


@lru_cache(maxsize=1)
def _quarter_ended_pattern() -> re.Pattern[str]:
    month = _month_pattern()
    return re.compile(rf"\b(?:(?:fiscal\s+)?quarter|three[- ]month\s+period|three\s+months|trimestre)"
                      rf"\s+(?:that\s+)?(?:ended|ending|clos|cloture|termine|acheve)e?\s+"
                      rf"(?:on\s+|le\s+|au\s+|in\s+)?(?:(?P<m1>{month})\.?\s+(?P<d1>3[01]|0?[1-9]|[12]\d)"
                      rf"(?:st|nd|rd|th)?|(?P<d2>3[01]|0?[1-9]|[12]\d)(?:er|st|nd|rd|th)?\s+"
                      rf"(?P<m2>{month}))\b(?!\.?,?\s+(?:of\s+|de\s+)?(?:19|20)\d{{2}})")


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "premier": 1, "1er": 1,
             "deuxieme": 2, "2e": 2, "troisieme": 3, "3e": 3, "quatrieme": 4,
             "4e": 4}
_QUARTER = re.compile(
    r"\b(?:(?P<q>[qt])(?P<n>[1-4])|(?P<ord>first|second|third|fourth|premier|1er|deuxieme|2e"
    r"|troisieme|3e|quatrieme|4e)[\s-]+(?:fiscal\s+)?(?:quarter|trimestre))"
    r"(?:(?:\s+of|\s+de|\s+d'|,)?\s*(?:fiscal\s+|l'exercice\s+)?(?P<year>(?:19|20)\d{2})\b)?")
_YEAR = re.compile(r"\b(?:in|during|for|over|throughout|fiscal|fy|year|en|au cours de|pendant|durant"
                   r"|pour|courant|(?:de\s+)?l'annee(?:\s+(?:civile|calendaire))?|annee|"
                   r"l'exercice(?:\s+fiscal)?|exercice)\s+"
                   r"(?P<year>(?:19|20)\d{2})\b(?!\s*(?:[-/]|\d))")
_YEAR_END = re.compile(r"\b(?:year[- ]end(?:ed)?\s+(?P<y1>(?:19|20)\d{2})|(?P<y2>(?:19|20)\d{2})"
                       r"\s+year[- ]end|(?:(?:at|by|as of)\s+)?(?:the\s+)?end\s+of\s+(?:the\s+"
                       r"year\s+|fiscal\s+(?:year\s+)?)?(?P<y3>(?:19|20)\d{2})|(?:a\s+)?(?:la\s+)?"
                       r"fin\s+(?:de\s+l'annee\s+|de\s+l'exercice\s+|de\s+|d')?"
                       r"(?P<y4>(?:19|20)\d{2}))\b")
_MONTH_SHORT_YEAR = re.compile(
    r"(?<![\w-])(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|janv|fevr|avr|mai|"
    r"juin|juil|aout|january|february|march|april|june|july|august|september|october|november|"
    r"december|janvier|fevrier|mars|avril|juillet|septembre|octobre|novembre|decembre)\.?"
    r"(?:-|\s?')(?P<yy>[0-4]\d)(?![\w,./-])")
_END_OF = re.compile(r"(?:(?:at|by|as of|as at)\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?$|"
                     r"(?:a\s+|au\s+)?(?:la\s+)?fin\s+(?:de\s+l'annee\s+|de\s+l'exercice\s+|"
                     r"de\s+|du\s+|d')?$")
#: A year or date that is a maturity ("notes maturing in 2030"), not when anything happened.
_MATURITY = re.compile(r"\b(?:due|maturing|matures?|maturity|expiring|expires?|echeance|"
                       r"echeant|remboursables?)\s+(?:in\s+|on\s+|en\s+|le\s+|a\s+|au\s+)?$")
_COMPARISON = re.compile(r"\b(?:compared\s+(?:to|with)|versus|vs\.?|par\s+rapport\s+(?:a|au|aux)"
                         r"|contre|from|than|since|depuis|relative\s+to|over)\s+(?:the\s+|le\s+|"
                         r"la\s+|l')?(?:same\s+period\s+(?:of|in)\s+)?$")

#: The period a figure is compared with, named as the same part of another year: "against a
#: $4 million loss in the same quarter in 2024", "au même trimestre de 2024".
_SAME_PART_BEFORE = re.compile(
    r"\b(?:same|year-ago|prior-year|meme)\s+(?:fiscal\s+)?(?:quarter|period|month|half|"
    r"trimestre|periode|mois|semestre)\s+(?:of\s+|in\s+|last\s+|de\s+|d'|en\s+)?(?:the\s+)?$|"
    # "matched the company's Q3 2023 output", "in line with its Q3 2023 production",
    # "comparable à celle du T3 2023": a period held up as a match, not this one
    r"\b(?:match(?:es|ed|ing)?|(?:aligns?|aligned|in\s+line|consistent|on\s+par|comparable|"
    r"conforme|en\s+ligne)\s+(?:with|to|avec|a|au|aux))\s+(?:[\w'\u2019]+\s+){0,3}$")

#: The day a price is taken on ("worth $5.1 million at the bitcoin price on August 20",
#: "au cours du 20 août"): it dates the valuation, not the figure.
_PRICE_DAY = re.compile(r"\b(?:price|prices|closing\s+price|cours|prix)(?:\s+(?:of|de|du)\s+"
                        r"(?:the\s+)?(?:bitcoin|btc))?\s+(?:as\s+of|as\s+at|on|at|du|au|le|"
                        r"en\s+date\s+du)\s+(?:the\s+)?$")

#: The period of the figure a change is measured from: "209 BTC, down 6% from 222 BTC in
#: April", "up 8% from 4,100 BTC in Q1".
_COMPARED_WITH = re.compile(r"(?:\b(?:up|down|higher|lower|increase|decrease|rise|drop|fall|hausse|"
                            r"baisse|jump|jumps|jumped|leap|climb|gain|unchanged|changed|flat|"
                            r"steady|stable)\b[^.;]{0,25}|\d\s?%\s+|"
                            # ("dropped to 539 BTC at its main site from 699 BTC in Q2 2023":
                            # the verb of a change, its new figure, then the old one's period)
                            r"\b(?:increased|decreased|rose|fell|dropped|declined|grew|climbed|"
                            r"jumped|slipped|slid|eased|surged|soared|plunged)\s+to\s+[^.;]{0,60}?)"
                            r"\bfrom\s+(?:the\s+)?(?:(?:approximately|about|"
                            r"around|roughly|more\s+than|over|nearly|almost|some|~)\s*)?\$?"
                            # ("barely changed from the 613 produced in the prior quarter")
                            r"\d[\d,.]*\s*(?:[a-z/%]+\s+){0,3}?(?:in\s+)?(?:the\s+)?$|"
                            # "presque autant que les 613 du trimestre précédent", "plus que les"
                            # "slightly more than the 613 of the first quarter"
                            r"\b(?:autant|plus|moins|more|less|fewer)\s+(?:qu'|que\s+|than\s+)"
                            r"(?:les?\s+|la\s+|l'|the\s+)?"
                            r"\d[\d,.\s]*(?:[a-z/%']+\s+){0,3}?(?:du|de|au|en|d'|of|in)\s*"
                            r"(?:la\s+|le\s+|the\s+)?$|"
                            # "compared to $151.3 million in the fourth quarter of 2023", "contre
                            # 151,3 millions au T4 2023", "versus 575 BTC in May"
                            # ("flat against 613 in the first quarter", "stable par rapport
                            # aux 613 du premier trimestre")
                            rf"\b(?:{COMPARED_WITH_WORDS})\s+(?:the\s+|les\s+|la\s+|le\s+)?"
                            # ("compared with an operating loss of $9 million in Q3 2024",
                            # "contre une perte nette de 12,6 millions au T2 2023")
                            r"(?:(?:an?|the|its|une?|les?|la)\s+(?:[a-z-]+\s+){0,3}?(?:of|de|d')\s*)?"
                            r"(?:approximately\s+|about\s+|environ\s+|~)?(?:us\s?)?\$?\s?\d[\d,.\s]*"
                            # (the preposition may open the period's own mention: "in January")
                            r"(?:[a-z/%$]+\s+){0,3}?(?:(?:in|for|during|of|au|du|en|pour|a|at)"
                            r"\s+(?:the\s+|"
                            r"le\s+|la\s+|l')?)?$")


@lru_cache(maxsize=1)
def _month_pattern() -> str:
    from babel.dates import get_month_names

    names: set[str] = set()
    for lang in LANGS:
        for width in ("wide", "abbreviated"):
            names |= {fold(n).rstrip(".") for n in get_month_names(width, locale=lang).values()}
    names |= {"sept"}
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    from babel.dates import get_month_names

    out = {"sept": 9}
    for lang in LANGS:
        for width in ("wide", "abbreviated"):
            for n, name in get_month_names(width, locale=lang).items():
                out[fold(name).rstrip(".")] = n
    return out


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    month = _month_pattern()
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
    year = r"(?:19|20)\d{2}"
    dates = re.compile(rf"\b(?:(?:{month})\.?\s+{day},?\s+{year}|{day}\s+(?:{month})\.?,?\s+"
                       rf"{year})\b")
    months = re.compile(rf"\b(?<!\b\d\s)(?<!\b\d\d\s)(?:{month})\.?,?\s+(?:of\s+|de\s+)?{year}\b")
    return dates, months


@lru_cache(maxsize=1)
def _date_parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(LANGS), settings={"RETURN_TIME_AS_PERIOD": False})


@lru_cache(maxsize=1)
def _span_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Ranges ("between August 6 and September 12, 2024", "du 1er au 15 mars 2025"),
    periods ended on a date ("the quarter ended March 31, 2025", "six months ended ...",
    "trimestre clos le 31 mars 2025") and "the first eight months of 2023"."""
    month = _month_pattern()
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
    year = r"(?:19|20)\d{2}"
    full = rf"(?:(?:{month})\.?\s+{day},?\s+{year}|{day}\s+(?:{month})\.?,?\s+{year})"
    short = rf"(?:(?:{month})\.?\s+{day}|{day}\s+(?:{month})\.?|{day})"
    ranges = re.compile(rf"\b(?:from|between|during\s+the\s+period\s+(?:from|between)|du|"
                        rf"entre(?:\s+le)?)\s+(?P<a>{full}|{short})\s*(?:\([^()]{{0,120}}\))?"
                        rf"\s*,?\s*(?:to|through|thru|"
                        rf"and|until|till|au|et(?:\s+le)?)\s+(?:the\s+|le\s+)?(?P<b>{full})|"
                        rf"\b(?:from|between|du|entre)?\s*(?P<a2>{short})\s*[-\u2013]\s*"
                        rf"(?P<b2>{full})|"
                        # "August 4-10, 2025", "(Jan 5\u201311, 2026)": the end a day of the same month
                        rf"\b(?P<m3>{month})\.?\s+(?P<a3>{day})\s*[-\u2013]\s*(?P<b3>{day}),?\s+"
                        rf"(?P<y3>{year})\b")
    # "the three-month period ended", "la période de trois mois close le"
    ended = re.compile(rf"\b(?:(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                       rf"twelve|[1-9]|1[012])[- ]months?"
                       rf"(?:\s+period)?|periode\s+de\s+(?P<n2>trois|six|neuf|douze|3|6|9|12)"
                       rf"\s+mois|(?P<n3>deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|[1-9]|1[012])"
                       rf"\s+(?:premiers\s+)?mois|"
                       rf"(?P<q>(?:fiscal\s+)?quarter|trimestre)|(?P<h>semestre|half[- ]year)|"
                       rf"(?P<y>(?:fiscal\s+)?year|exercice|annee))\s+(?:ended|ending|clos|"
                       rf"cloture|termine|acheve)e?s?\s+(?:on\s+|le\s+|au\s+)?(?P<d>{full})")
    first = re.compile(rf"\b(?:first|premiers?)\s+(?P<n>\w+)\s+(?:months|mois)\s+(?:of|de|d')"
                       rf"\s*(?:l'annee\s+)?(?P<y>{year})\b")
    return ranges, ended, first


_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "deux": 2,
           "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
           "onze": 11, "douze": 12}


def _months_back(end: date, months: int) -> date:
    """The first day of the ``months``-month period ending with ``end``'s month."""
    index = end.year * 12 + end.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def _read_span(kind: str, m: re.Match[str]) -> str | None:
    """The canonical period of a range or an ended period, or None if it can't be read."""
    if kind == "range" and m["m3"]:
        a = _read_date(f"{m['m3']} {m['a3']}, {m['y3']}")
        b = _read_date(f"{m['m3']} {m['b3']}, {m['y3']}")
        if a is None or b is None or a[1] != "date" or b[1] != "date" or a[0] >= b[0]:
            return None
        return f"{a[0]}/{b[0]}"
    if kind == "range":
        b = _read_date(m["b"] or m["b2"])
        if b is None or b[1] != "date":
            return None
        a_text = m["a"] or m["a2"]
        if not re.search(r"(?:19|20)\d{2}", a_text):
            if re.fullmatch(r"\s*(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?\s*", a_text):
                # "du 1er au 15 mars 2025": the month and year of the end
                a_text = a_text + " " + re.sub(r"^\s*\S+\s+", "", m["b"] or m["b2"])
            else:
                a_text = a_text + " " + b[0][:4]
        a = _read_date(a_text)
        if a is None or a[1] != "date" or a[0] >= b[0]:
            return None
        return f"{a[0]}/{b[0]}"
    if kind == "first":
        months = _COUNTS.get(m["n"]) or (int(m["n"]) if m["n"].isdigit() else 0)
        if not 1 <= months <= 12:
            return None
        end = parse_period(f"{m['y']}-{months:02d}").end
        return f"{m['y']}-01-01/{end.isoformat()}"
    d = _read_date(m["d"])
    if d is None or d[1] != "date":
        return None
    end = date.fromisoformat(d[0])
    count = m["n"] or m["n2"] or m["n3"]
    months = 3 if m["q"] else 6 if m["h"] else 12 if m["y"] else \
        (_COUNTS.get(count) or int(count))
    start = _months_back(end, months)
    if end != parse_period(f"{end.year}-{end.month:02d}").end:
        return None  # a period ended mid-month: leave it to the analyst
    if months == 3 and end.month % 3 == 0:
        return f"{end.year}-Q{end.month // 3}"
    if months == 12 and end.month == 12:
        return str(end.year)
    return f"{start.isoformat()}/{end.isoformat()}"


_DAY_MONTH_YEAR = re.compile(r"(?:(?P<m1>[a-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                             r"|(?P<d2>\d{1,2})(?:er|st|nd|rd|th)?\s+(?P<m2>[a-z]+)\.?,?\s+"
                             r"|(?P<m3>[a-z]+)\.?\s+(?:of\s+|de\s+)?)(?P<y>\d{4})")


@lru_cache(maxsize=8192)
def _read_date(text: str) -> tuple[str, str] | None:
    """(canonical period, "date" or "month") for a located phrase that has its year: the
    shapes located here ("September 30, 2025", "30 septembre 2025", "août 2025") are read
    with Babel's month names, anything else by dateparser; None if neither can read it.
    (dateparser costs milliseconds a phrase: a long document names thousands.)"""
    if m := _DAY_MONTH_YEAR.fullmatch(fold(text).strip()):
        month = _month_numbers().get(m["m1"] or m["m2"] or m["m3"])
        if month is not None:
            day = m["d1"] or m["d2"]
            try:
                if day is None:
                    return f"{int(m['y']):04d}-{month:02d}", "month"
                return date(int(m["y"]), month, int(day)).isoformat(), "date"
            except ValueError:
                return None
    data = _date_parser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "day":
        return day.isoformat(), "date"
    if data.period == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    return None


def _month_before(day: str) -> str:
    """The month before the one of ``day`` ("2026-06-05" gives "2026-05")."""
    index = int(day[:4]) * 12 + int(day[5:7]) - 2
    return f"{index // 12}-{index % 12 + 1:02d}"


def _last_day(effective: str) -> str:
    return parse_period(effective).end.isoformat()


def _own_clause(folded: str, anchor: "Figure", s_start: int, s_end: int) -> str:
    """The words around one figure up to its neighbours (another number, a semicolon)."""
    before = folded[max(s_start, anchor.start - 45):anchor.start]
    before = re.split(r"\d[\d,. ]*|;|\band\b|\bet\b", before)[-1]
    after = folded[anchor.end:min(s_end, anchor.end + 45)]
    after = re.split(r"\d|;|\band\b|\bet\b", after)[0]
    return before + " " + after


def _now_zone(folded: str, anchor: "Figure", s_start: int, s_end: int) -> str:
    """Where a word saying a balance is held now counts: the figure's own stretch of its
    sentence, back to the number before it and on to the next ("Acme now holds 9,000 BTC",
    "bringing its holdings to 9,000 BTC"), not a clause about another holder ("For instance,
    Rivalco boasts 40,000 BTC, while Othercorp holds 12,000 BTC")."""
    before = _CLAUSE_CUT.split(folded[s_start:anchor.start])[-1]
    after = _CLAUSE_CUT.split(re.split(r"\d", folded[anchor.end:s_end])[0])[0]
    return before + " " + after


#: A day that dates the news, not the action: "On May 25, Acme announced that",
#: "in a filing dated July 21", "a annoncé le 3 mars".
_ANNOUNCED_AFTER = re.compile(
    # (the dateline of a release too: "Paris, June 8, 2025 - Acme announces ...")
    r"[\s,\-]*(?:[\w.&'-]+(?:\s+|(?=,))|\([\w\s.:&-]{1,20}\)\s+){0,5}?"
    # (an apposition between commas after the name: "On May 2, Acme, a Paris-listed company
    # (ticker: ACME) and the region's first holder, confirmed")
    r"(?:,\s*(?:[^,;.()]|\([^()]{0,80}\)){1,160},\s*)?(?:announced|announces|said|says|"
    r"disclosed|discloses|"
    r"reported|reports|revealed|reveals|stated|confirmed|confirms|filed|published|a annonce|"
    r"annonce|a indique|indique|a publie|publie|a declare|"
    r"a confirme|confirme|a revele|revele)\b(?!\s+(?:the\s+)?(?:completion|closing|pricing))")
_ANNOUNCED_BEFORE = re.compile(
    r"(?:announced|said|disclosed|reported|revealed|stated|filed|published|filing|press "
    r"release|statement|communique|annonce|indique|publie|declare),?\s+(?:on\s+|dated\s+|of\s+|"
    r"du\s+|le\s+)?$")


def _month_of(m: Mention) -> Mention:
    """A day as its month (the month of an announcement)."""
    if m.effective is None:
        return m
    return Mention(m.effective[:7], "month", m.line, m.start, m.end, m.text, m.comparison,
                   False, m.year_from)


#: Capitalised words that name no company: sentence openers, months, units, markets.
_NOT_NAMES = frozenset("""
the a an this that these those it its in on at as for from during since after before
according under with by over while when once following meanwhile however also and but
le la les l un une des du de au aux en dans pour par avec cette ce ces son sa ses selon
apres avant depuis lors il elle ils on d
we our us i you they he she nous notre nos vous ils
tsxv tsx cboe lse aquis otc otcqx otcqb nyse euronext growth paris tokyo stock exchange
bitcoin bitcoins btc xbt crypto company companies societe group groupe inc corp ltd plc sa
ceo cfo pdg chairman president founder sec atm kpi nasdaq nyse tsx otc euronext us usd eur
gbp jpy cad sek u.s fed federal reserve q1 q2 q3 q4 t1 t2 t3 t4 h1 h2 fy yield gain
january february march april may june july august september october november december
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi
japan japan's japanese tokyo-listed tokyo-based china chinese hong kong canada canadian
america american europe european asia asian france french paris-listed britain british
london-listed sweden swedish germany german nevada texas florida georgia washington
japon japonaise japonais francaise francais americaine americain europeenne europeen
now currently today still just recently previously already thus overall earlier later
total totals combined cumulative additionally moreover furthermore notably
maintenant desormais aujourd'hui actuellement deja
india indian inde indienne brazil brazilian bresil spain spanish espagne italy italian
korea korean coree singapore singapour australia australian australie switzerland swiss
suisse netherlands dutch norway norwegian uk usa emirates dubai salvador bhutan mexico
argentina turkey taiwan thailand vietnam indonesia israel russia russian ukraine
""".split())
_CAPITALISED = re.compile(r"(?<![\w.'])([A-Z][\w&.-]*[\w&])(?:['\u2019]s)?")


#: Records whose cue is a verb with the company as its subject ("Acme bought", "X holds").
_BTC_TYPES = ("btc_mined", "btc_purchased", "btc_sold", "btc_change_disclosed",
              "btc_balance_disclosed")


def _company_names(lines: list[str], ticker: str | None) -> set[str]:
    """Words naming the company a document is about (lower case): the ticker, the name
    written before it ("Acme Corp. (NASDAQ: ACME)"), and the names the text uses most (at
    least half as often as the most frequent one, and at least twice)."""
    counts: dict[str, int] = {}
    names: set[str] = set()
    for line in lines:
        for m in _CAPITALISED.finditer(line):
            word = fold(m.group(1)).rstrip(".")
            if word not in _NOT_NAMES and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
        if ticker:
            for m in re.finditer(rf"(?:\(|:\s*){re.escape(ticker)}\b", line, re.IGNORECASE):
                before = line[max(0, m.start() - 80):m.start()]
                before = re.split(r"[,;()\u201c\u201d\"]", before)[-2 if before.rstrip().endswith(
                    ("(", ":")) and before.count("(") else -1]
                names |= {fold(w).rstrip(".") for w in _CAPITALISED.findall(before)
                          if fold(w).rstrip(".") not in _NOT_NAMES}
    if counts:
        top = max(counts.values())
        if top >= 2:
            frequent = {w for w, n in counts.items() if n >= max(2, top / 2)}
            # An article on several miners names each often: when one of the names is what
            # the ticker abbreviates ("ACME", Acme Corp), the others are other companies.
            spelled = {w for w in frequent if ticker and _abbreviates(fold(ticker), w)}
            if not spelled and len(frequent) > 1:
                frequent = _one_name(lines, counts, frequent)
            names |= spelled or frequent
        # The name the ticker abbreviates, even said once ("Acme" for ACME in an article on
        # several miners that names each once): it is the document's company.
        if ticker:
            names |= {w for w in counts if len(w) >= 3 and _abbreviates(fold(ticker), w)}
        # The title's names the text repeats: "Kestrel completes merger with Halvard".
        title = next((line for line in lines if line.strip()), "")
        names |= {w for w in (fold(m.group(1)).rstrip(".") for m in _CAPITALISED.finditer(title))
                  if counts.get(w, 0) >= 2}
    if not names:
        return set()  # the text does not tell which company it is about: no subject is told
    if ticker:
        names.add(fold(ticker))
    return names


def _one_name(lines: list[str], counts: dict[str, int], frequent: set[str]) -> set[str]:
    """Of the names a text uses most, when none is what the ticker abbreviates: the most
    frequent and the words written beside it as one name ("Bit" and "Digital" of "Bit
    Digital"); another name as frequent but written apart (a rival in a round-up: "Hut",
    "Marathon") is another company. Two names tied for the top and never written as one
    keep all (nothing tells them apart)."""
    top = max(counts[w] for w in frequent)
    first = {w for w in frequent if counts[w] == top}
    runs = [{fold(w).rstrip(".") for w in m.group(0).split()}
            for line in lines for m in re.finditer(
                r"(?<![\w.'])(?:[A-Z][\w&.-]*[\w&]\s+){1,3}[A-Z][\w&.-]*[\w&]", line)]
    if len(first) > 1 and not any(first <= words for words in runs):
        return frequent  # two names as frequent, never written as one: no telling
    keep = set(first)
    for words in runs:
        if words & first:
            keep |= words & frequent
    return keep


def _abbreviates(ticker: str, name: str) -> bool:
    """Whether a ticker's letters are the name's, in order, from its first ("clsk" and
    "cleanspark", "mstr" and "microstrategy", "smlr" and "semler")."""
    letters = re.sub(r"[^a-z]", "", ticker)
    if len(letters) < 3 or not name.startswith(letters[0]):
        return False
    # A five-letter US over-the-counter ticker ends with F (foreign shares) or Y (ADRs):
    # "MTPLF" abbreviates Metaplanet with its last letter dropped.
    for form in (letters, letters[:-1]) if len(letters) == 5 and letters[-1] in "fy" \
            else (letters,):
        at = 0
        for ch in form:
            at = name.find(ch, at)
            if at < 0:
                break
            at += 1
        else:
            return True
    return False


#: A name and the verb it governs, just before a bitcoin figure: "Rivalco boasts", "Othercorp
#: holds", "Rivalco a acquis". The clause is cut at a colon, a semicolon or "while".
_NAME_VERB = re.compile(r"(?<![\w.'\u2019])((?:[A-Z][\w&.'\u2019-]*[\w&](?:\s+|,\s*)){1,4}?)(?:(?:now|also|"
                        r"currently|reportedly|still|already|desormais|d[ée]sormais|aussi|"
                        r"d[ée]j[àa]|has|have|had|a|avait)\s+)*(?:boasts?|holds?|held|has|had|"
                        r"owns?|owned|bought|buys|acquired|acquires|purchased|purchases|mined|"
                        r"produced|sold|sells|sits\s+on|counts|accumulated|amassed|d[ée]tient|"
                        r"d[ée]tenait|poss[èe]de|achet[ée]|acquis|produit|min[ée]|vendu|compte|"
                        r"extrait|c[ée]d[ée])\b")
_NAME_WHICH = re.compile(r"(?<![\w.'\u2019])((?:[A-Z][\w&.'\u2019-]*[\w&]\s*){1,4}?)\s*(?:\([^()]{0,60}\))?"
                         r"\s*(?:,\s*[^,()]{1,60}?)?,\s*(?:which|who|qui|lequel|laquelle)\s+"
                         r"(?:[\w\u00e0-\u00ff']+\s+){0,4}$")
_CLAUSE_CUT = re.compile(r"[:;]|,\s*(?:while|whereas|but|and|alors\s+qu(?:e\b|['\u2019])|"
                         r"tandis\s+qu(?:e\b|['\u2019])|et\b|mais\b)|"
                         r"\b(?:while|whereas)\b|\btandis\s+qu(?:e\b|['\u2019])")


def _named_holder(line: str, s_start: int, at: int) -> str | None:
    """The name a figure's own clause opens with as the subject of a holding or buying verb
    ("..., while Othercorp holds 14,600 BTC"), or None: when the verb's subject is not the
    document's company, the figure is another's even where no cue word was read."""
    if re.search(r"\brespective(?:ly|ment)\b", fold(line[at:at + 80])):
        return None  # "Acme and Rivalco, which sold 510 and 240 BTC respectively": a list
        # of names and one of figures, paired in order (_respective_owner), no one subject
    # "Rivalco (formerly Rival Inc.), the group led by its founder, which has reached 402,770
    # BTC", "Rivalco, la société de son fondateur, qui a atteint": the name the relative
    # clause hangs on, past a bracket and an apposition
    if (rel := _NAME_WHICH.search(line[s_start:at])) is not None and not re.search(
            r"\d", line[s_start:at][rel.end(1):]):
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(rel.group(1))]
        if words and not all(w in _NOT_NAMES for w in words):
            return rel.group(1).strip()
    clause = _CLAUSE_CUT.split(line[s_start:at])[-1].lstrip()
    if clause == line[s_start:at].lstrip() and (opening := _NAME_VERB.match(clause)) and \
            re.fullmatch(r"[^,;:]*?\b(?:and|et)\s+(?:(?:also|then|aussi|a|has|had|have|ont)\s+)?"
                         r"(?:\w+\s+){0,2}", clause[opening.end():].split(re.findall(
                             r"\d[\d,.\s]*", clause[opening.end():])[-1])[-1]
                         if re.search(r"\d", clause[opening.end():]) else "x"):
        # "Rivalco mined 450 BTC in June and held 19,200 BTC at the end of the month": the
        # verbs coordinated with the opening one share its subject
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(opening.group(1))]
        if words and not all(w in _NOT_NAMES for w in words):
            return opening.group(1).strip(" ,")
    if re.search(r"\d", clause):
        return None  # another figure in between: the clause is not one subject's
    # "Rivalco's acquisition of 10,000 BTC", "Rivalco's holdings of": the possessor's
    if (owner := re.search(r"(?<![\w.'\u2019])((?:[A-Z][\w&.-]*[\w&]\s+){0,3}[A-Z][\w&.-]*[\w&])"
                           r"['\u2019]s\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?$", clause)) is not None:
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(owner.group(1))]
        if words and not all(w in _NOT_NAMES for w in words):
            return owner.group(1).strip()
    m = _NAME_VERB.search(clause)
    # "The largest corporate holder, Rivalco, holds": an apposition may come first
    if m is None or clause[:m.start()].strip(" ,\u2014-") and not re.fullmatch(
            r"\s*(?:the|its|le|la|l'|son|sa)\b[^,]{1,60},\s*", clause[:m.start()], re.IGNORECASE):
        return None  # the name must open the clause
    words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))]
    if not words or all(w in _NOT_NAMES for w in words):
        return None
    return m.group(1).strip(" ,")


def _same_company(subject: str, names: set[str]) -> bool:
    words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(subject)]
    words = [w for w in words if w not in _NOT_NAMES]
    return not words or any(w in n or n in w for w in words for n in names if len(n) >= 3) \
        or any(w in names for w in words)


def _subject(line: str, folded: str, s_start: int, p: "Proposal") -> str | None:
    """The name written as the subject of a figure's verb ("Acme bought 1,860 BTC",
    "Halvard, the largest holder, owns 450,000 BTC"), or None when the subject is not a
    name ("it", "the company") or can't be told."""
    anchor = p.figures[0].start
    cue_at = None
    if p.cue:
        cue_at = folded.rfind(fold(p.cue), s_start, anchor)
    if cue_at is None or cue_at < 0:
        return None
    head = line[s_start:cue_at]
    # "Acme follows Halvard, which bought 1,000 BTC", "Lucane, qui a acquis": the name
    # the relative clause hangs on is the verb's subject.
    # "Earlier, Rivalco announced that it acquired 18,300 Bitcoin": the name that said it
    said = re.search(r"((?:[A-Z][\w&.-]*[\w&]\.?\s*){1,4}?)(?:['\u2019]s)?\s*(?:announced|said|reported|"
                     r"disclosed|revealed|confirmed|noted|a\s+annonc\w*|a\s+indiqu\w*)\s+(?:on\s+\w+\s+)?"
                     r"(?:that\s+|qu['\u2019]?\s*)?(?:it|they|elle|il)\s+(?:has\s+|had\s+|a\s+|avait\s+)?"
                     r"(?:\w+\s+)?$", head)
    if said is not None:
        return said.group(1).strip()
    relative = re.search(r"((?:[A-Z][\w&.-]*[\w&]\.?\s*){1,4}),\s+(?:an?\s+[\w\s-]{1,40}?\s+"
                         r"(?:that|which|who)|un[e]?\s+[\w\s-]{1,40}?\s+qui|which|who|qui|lequel|"
                         r"laquelle)"
                         r"(?:\s+(?:has|have|had|also|recently|just|now|currently|still|already|"
                         r"reportedly|a|ont|avait|aussi|deja|d\u00e9j\u00e0|actuellement|"
                         r"d\u00e9sormais|desormais|vient de))*\s*$", head)
    if relative is not None:
        return relative.group(1).strip()
    head = re.sub(r"(?:\s+(?:has|have|had|also|now|recently|just|then|reportedly|already|"
                  r"further|additionally|is|was|were|are|currently|a|ont|avait|aussi|deja|"
                  r"vient de|de nouveau))+\s*$", "", " " + head)
    # An apposition or a relative clause: "Halvard, the largest holder, owns", "Orrin,
    # which bought 8,027 BTC in 2020 and 2021, holds"; "Orrin, which bought": Orrin's.
    head = re.sub(r",(?:[^,]|(?<=\d),(?=\d)){1,100},\s*$", "", head)
    head = re.sub(r",?\s+(?:which|who|qui|lequel|laquelle)\s*$", "", head)
    m = re.search(r"((?:[A-Z][\w&.-]*[\w&]\.?(?:\s+|$)){1,4})(?:['\u2019]s)?\s*$", head)
    if m is None or not head[:m.start()].strip() == "" and not re.search(
            r"(?:[.;:!?\u201d\"]|\b(?:and|while|but|et|mais|as|when|after|that|que|qu)|"
            # "puisqu'avec son dernier achat, Rivalco possède", "since with its latest
            # purchase, Rivalco holds": a causal or circumstantial clause, then the subject
            r"\b(?:[Pp]uisqu['\u2019]?|[Pp]arce\s+qu['\u2019]?|[Ss]ince|[Bb]ecause|[Ww]ith\s+"
            r"(?:its|this|the|their)|[Aa]vec\s+(?:son|sa|ses|ce|cette|leur))[^,.;]{0,80},|"
            r"\b(?:[Ff]or (?:instance|example)|[Bb]y (?:contrast|comparison)|[Ii]n comparison|"
            r"[Mm]eanwhile|[Ss]imilarly|[Ll]ikewise|[Hh]owever|[Pp]ar exemple|[Ee]n comparaison|"
            r"[Pp]ar ailleurs|[Dd]e son c[oô]t[eé]|[Ee]n revanche),)\s*$",
            head[:m.start()]):
        return None  # the name must open the clause: a subject, not an object
    return m.group(1).strip()


#: Words that open a sentence before its subject: "Meanwhile, Northpeak's production fell".
_OPENERS = re.compile(r"\s*(?:(?:meanwhile|similarly|likewise|also|however|separately|elsewhere|"
                      r"in addition|additionally|by contrast|in comparison|de son cote|de leur cote|"
                      r"par ailleurs|de meme|en revanche|pour sa part|quant a)\s*,?\s*)?")
#: A subject that names no one and stands for the subject before it.
_PRONOUN_SUBJECT = re.compile(r"\s*(?:its|it|their|they|the\s+(?:company|firm|miner|group)(?:'s)?|"
                              r"sa|son|ses|elle|il|la\s+societe|l'entreprise|le\s+groupe)\b")


def _opening_name(line: str, folded: str, start: int, end: int, proper: set[str]) -> str | None:
    """The name a sentence opens with as its subject ("Meanwhile, Northpeak's Bitcoin
    production fell", "Riverhash Mining experienced"), or None; ``proper`` holds the words the
    text capitalises more than once (a sentence's first word is capitalised anyway)."""
    opener = _OPENERS.match(folded, start, end)
    at = opener.end() if opener else start
    m = re.match(r"((?:[A-Z][\w&.-]*[\w&](?:\s+|(?=['\u2019])|$)){1,3})(?:['\u2019]s?\b|['\u2019])?",
                 line[at:end])
    if m is None:
        return None
    words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))]
    # "Northpeak's production", "Meanwhile, Riverhash": a name (a sentence's first word is
    # capitalised anyway, so a bare one must be capitalised elsewhere too).
    marked = m.group(0) != m.group(1) or at > start and bool(folded[start:at].strip())
    return m.group(1).strip() if any(w not in _NOT_NAMES and (w in proper or marked)
                                     for w in words) else None


#: A company written with its ticker: "Rivalco Mining (RVLC)", "Northpeak (NASDAQ: NPK)".
_TICKERED = re.compile(r"((?:(?:[A-Z][\w&.'\u2019-]*[\w&]|\d{1,3})\s+){0,3}"
                       r"[A-Z](?:[\w&.'\u2019-]*[\w&])?)"
                       # ("(NASDAQ: ACME)", "(ACME)", a social handle "(@_ACME)")
                       r"\s*\((?:[A-Za-z ]{2,12}:\s*|@_?)?[A-Z]{2,5}(?:\.[A-Z]{1,2})?\)")
#: A line that only names a company, over its part of a round-up: "2. Rivalco Mining (RVLC):",
#: "Northpeak", "Rivalco's holdings".
_NAME_LINE = re.compile(r"\s*(?:\d{1,2}[.)]\s*|[-\u2013\u2014\u2022*#]+\s*)?"
                        r"(?P<name>[A-Z][\w&.'\u2019-]*(?:\s+(?:[A-Z][\w&.'\u2019-]*|\d{1,3}))*?)"
                        r"\s*(?P<tail>\((?:[A-Za-z ]{2,12}:\s*)?[A-Z]{2,5}(?:\.[A-Z]{1,2})?\)|"
                        r"['\u2019]s\s+[a-z][a-z\s-]{0,30})?\s*:?\s*$")
#: Words that open a phrase set before a sentence's subject: "In October 2023, Northpeak
#: reported", "En tête du classement, la société Rivalco (RVLC)", "In the meantime, Rivalco".
_LEAD_IN = re.compile(r"\s*(?:(?:in|on|at|as|during|for|after|before|since|meanwhile|separately|"
                      r"similarly|likewise|in\s+contrast|by\s+contrast|de\s+meme|pareillement|"
                      r"following|like|unlike|behind|a\s+l'instar|comme|contrairement|"
                      r"elsewhere|last|this|earlier|later|over|by|with|also|then|en|au|aux|a|"
                      r"parmi|derriere|selon|dans|sur|avec|par|pour|de|du|apres|depuis|lors|quant|"
                      r"cote|pendant|fin|debut|mi)\b[^,.;:!?]{0,80},\s*)+")
#: A description before a name: "the company Rivalco", "la société Rivalco", "UK-based firm".
_DESCRIPTOR = re.compile(r"\s*(?:(?:the|la|le|l')\s*(?:[a-z-]+\s+){0,2}?(?:company|firm|miner|"
                         r"group|societe|entreprise|groupe|mineur)\s+|[a-z]+-based\s+(?:[a-z]+\s+)"
                         r"{0,2}(?:company|firm|miner)\s+)?")


def _own_names(lines: list[str], ticker: str | None, names: set[str]) -> set[str]:
    """The document's company's own names, told apart from the others a round-up names: the
    ticker, the name written with it ("Northpeak Mining (NPK)") and the names it abbreviates;
    with none of these, the names the text uses most."""
    if not ticker:
        return names
    own: set[str] = set()
    others: set[str] = set()  # names written with another ticker: "Strategy (MSTR)"
    tick = fold(ticker)
    for line in lines:
        for m in _TICKERED.finditer(line):
            words = {fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))} - _NOT_NAMES
            written = fold(re.sub(r".*[(:]\s*|\)", "", m.group(0)))
            # (another listing of the same company counts: "(TSWCF)" for SWC, "(MTPLF)")
            if tick in written or written in tick:
                own |= words
            else:
                others |= words
        # (the ticker itself written as a word counts when written as a name, "Acme" for
        # ACME, not as the ticker, "XXI", which says nothing of the name)
        own |= {fold(w).rstrip(".") for w in _CAPITALISED.findall(line)
                if len(w) >= 3 and w.rstrip(".") != ticker.upper()
                and _abbreviates(tick, fold(w).rstrip("."))} - _NOT_NAMES
        own |= _initials(line, tick)
    if not own and sum(len(re.findall(rf"(?<![(:\w\u201c\"]){re.escape(ticker.upper())}\b(?![)\u201d\"])",
                                      line)) for line in lines) >= 2:
        own = {tick}  # "KULR now holds ...": the ticker used as its name, more than once
    if not own:
        # Not named by its ticker: the names the text uses most, less those written with
        # another ticker; none left, the company is not told (an empty set)
        rest = names - others - {tick}
        return rest | {tick} if rest else set()
    own.add(tick)
    # "Acme Scientific" where "Acme" is the company's: the suffix written with its name (not
    # any capitalised word beside it: a text run together writes "Strategy Returns Acme")
    for line in lines:
        for run in re.finditer(r"[A-Z][\w&.'\u2019-]*[\w&](?:\s+[A-Z][\w&.'\u2019-]*[\w&])*", line):
            words = {fold(w).rstrip(".") for w in _CAPITALISED.findall(run.group(0))} - _NOT_NAMES
            if words & own:
                own |= words & _COMPANY_SUFFIXES
    return own | {tick}


def _initials(line: str, tick: str) -> set[str]:
    """The words of a name whose initials the ticker is ("Smarter Web Company" for SWC,
    "Northpeak Bitcoin Mining" for NBM), in one line."""
    letters = re.sub(r"[^a-z]", "", tick)
    if len(letters) < 2:
        return set()
    found: set[str] = set()
    for run in re.finditer(r"(?<![\w.'])[A-Z][\w&'\u2019-]*(?:\s+[A-Z][\w&'\u2019-]*){1,4}",
                           line):
        words = run.group(0).split()
        for i in range(len(words) - len(letters) + 1):
            part = words[i:i + len(letters)]
            if "".join(fold(w)[0] for w in part) == letters:
                found |= {fold(w).rstrip(".") for w in part} - _NOT_NAMES
    return found


#: A name as the subject of mining, buying, selling or holding bitcoin: "Rivalco mined",
#: "Northpeak now holds", "Rivalco a acquis".
_NAME_ACTS = re.compile(r"(?<![\w.'\u2019])((?:[A-Z][\w&.'\u2019-]*[\w&]\s+){1,3}?|"
                        r"(?:[A-Z][\w&.'\u2019-]*[\w&]\s+){0,2}[A-Z][\w&.'\u2019-]*[\w&],\s+"
                        rf"(?:{SUBJECT_ASIDES}),\s+)(?:(?:now|also|"
                        r"currently|has|have|had|a|avait|desormais|d[ée]sormais)\s+)*(?:holds?|"
                        r"held|owns?|owned|bought|buys|acquired|acquires|purchased|purchases|mined|"
                        r"mines|produced|produces|sold|sells|(?:added|adds)(?=\s+(?!that\b)[\w$~])|d[ée]tient|d[ée]tenait|"
                        # ("Rivalco has 2,317 BTC", "sits on", "dispose de": a holding's verb)
                        r"(?:has|had)(?=\s+(?:about\s+|some\s+|nearly\s+|over\s+)?\d)|sits\s+on|"
                        r"(?:is|was)\s+(?:now\s+|currently\s+)?sitting\s+on|"
                        r"dispos(?:e|ait)\s+(?:(?:d[ée]sormais|maintenant|actuellement)\s+)?de|"
                        r"compte\s+(?:d[ée]sormais|maintenant|actuellement)|en\s+portefeuille|"
                        r"poss[èe]de|achet[ée]|acquis|produit|min[ée]|vendu|extrait|ajout[ée])\b")

#: A name as the possessor of a holding: "Rivalco's treasury", "Rivalco's bitcoin reserve",
#: "the holdings of Rivalco", "les avoirs de Rivalco", "la trésorerie de Rivalco".
_NAME_HOLDING = re.compile(
    rf"(?<![\w.'\u2019])(?P<name>(?:[A-Z][\w&.-]*[\w&]\s+){{0,2}}[A-Z][\w&.-]*[\w&])['\u2019]s\s+"
    rf"(?:(?:bitcoin|btc|total|crypto|digital\s+asset)\s+){{0,2}}(?:{HOLDING_NOUNS_EN})\b|"
    rf"\b(?:[Tt]he|[Ll]es?|[Ll]a)\s+(?:(?:bitcoin|btc|total)\s+)?(?:{HOLDING_NOUNS_EN}|"
    rf"{HOLDING_NOUNS_FR})\s+(?:(?:en\s+)?(?:bitcoins?|btc)\s+)?(?:of|de|du|d['\u2019])\s*"
    rf"(?P<name2>(?:[A-Z][\w&.-]*[\w&]\s*){{1,3}})")


#: Capitalised words that open a sentence or name a security, not a company.
_NOT_COMPANIES = frozenset("""
all both each every some many most other others despite although though pas tous toutes
chaque certains plusieurs preferred perpetual series class notes note bonds convertible
expertise analysts investors miners mineurs stock shares actions
equivalent equivalents
""".split())


#: The last word of many companies' names: "Northpeak Mining", "Rivalco Holdings".
_COMPANY_SUFFIXES = frozenset("""
mining miners holdings platforms technologies technology inc corp corporation group ltd
limited plc digital energy capital blockchain scientific sa ag se nv ab asa company
""".split())


#: How a text writes a company's name: "MARA Holdings", "Rivalco Blockchain" (a suffix),
#: "company Rivalco", "la société Rivalco", "the miner Rivalco", "(formerly Rivalco)".
_NAME_RUN = r"[A-Z][\w&.'\u2019-]*[\w&](?:\s+(?:[A-Z][\w&.'\u2019-]*[\w&]|\d{1,3}\b))*"
_WRITTEN_AS_COMPANY = re.compile(
    rf"(?<![\w.'\u2019])(?P<name>(?:[A-Z][\w&.'\u2019-]*[\w&]\s+){{1,3}})(?P<suffix>"
    r"(?:Mining|Miners|Holdings|Platforms|Technologies|Inc|Corp|Corporation|Group|Ltd|"
    r"Limited|Plc|PLC|Digital|Energy|Capital|Blockchain|Scientific|SA|AG|SE|NV|AB|ASA)\b)|"
    rf"\b(?:company|firm|miner|companies|firms|miners|societe|société|entreprise|groupe|"
    rf"mineur|rival|concurrent)\s+(?:de\s+[A-Z]\w+\s+[A-Z]\w+\s*,\s*)?(?P<name2>{_NAME_RUN})|"
    rf"\((?:formerly|previously|anciennement|ex-|ex\s)\s*(?P<name3>{_NAME_RUN})\)")


def _may_month(text: str) -> str:
    """The month May written as a month ("bought 75 BTC in May and now holds", "May 5"),
    so that it is not read as the verb of a plan ("may hold")."""
    return re.sub(r"\b((?:in|of|since|during|until|by|early|late|mid|end\s+of|from|through|"
                  r"last|this|next)\s+)may\b|\bmay(?=\s*\d)", lambda m: (m.group(1) or "") + "month",
                  text)


def _known_companies(lines: list[str], proper: set[str]) -> set[str]:
    """Names the text shows to be companies (folded words): those written with a ticker, and
    those a holding or mining verb has as subject ("Rivalco mined", "Northpeak détient")
    that the text capitalises more than once."""
    known: set[str] = set()
    for line in lines:
        for m in list(_TICKERED.finditer(line)) + list(_NAME_ACTS.finditer(line)):
            words = _CAPITALISED.findall(m.group(1))
            bracket = m.start() + m.group(0).rfind("(")
            if m.re is _TICKERED and (
                    fold(ticker := re.sub(r".*[(:]\s*|\)", "", m.group(0))) in _NOT_NAMES
                    or fold(ticker) == "".join(w[0] for w in re.findall(
                        r"[\w'\u2019-]+", fold(line[:bracket]))[-len(ticker):])):
                continue  # "Net Asset Value (NAV)", "Exchange Commission (SEC)": no company
            folded = {fold(w).rstrip(".") for w in words} - _NOT_NAMES
            if folded & _NOT_COMPANIES or m.re is _NAME_ACTS and not folded & proper and not (
                    # "Brisa Mining a extrait 205 BTC": a name ending as companies' names
                    # do is one even when the text writes it only once
                    len(words) >= 2 and fold(words[-1]).rstrip(".") in _COMPANY_SUFFIXES):
                continue  # "Perpetual Preferred Stock (STRP)", "All mined": no company
            known |= folded - _METRIC_WORDS  # "Rivalco Holdings (RVL)": "rivalco"
        # A name written as companies' names are, even once: with a company's suffix
        # ("MARA Holdings", "Rivalco Blockchain"), after "the company", "mining company",
        # "la société" ("Cryptocurrency company Rivalco"), or as it was formerly called
        # ("Strategy (formerly MicroStrategy)"); and a name opening a second clause doing
        # what companies do ("..., as Rivalco acquired 900 BTC", "tandis que Rivalco détient").
        for m in _WRITTEN_AS_COMPANY.finditer(line):
            words = _CAPITALISED.findall(m.group("name") or m.group("name2")
                                         or m.group("name3"))
            folded = [fold(w).rstrip(".") for w in words]
            if m.group("suffix") is not None and not (any(
                    w.isupper() and len(w) >= 2 for w, f in zip(words, folded)
                    if f not in _COMPANY_SUFFIXES and f not in _NOT_NAMES) or any(
                    f in proper and f not in _NOT_NAMES and f not in _COMPANY_SUFFIXES
                    for f in folded) and re.match(r"\s*(?:[a-z(,]|['\u2019]s\b)",
                                                  line[m.end():])):
                # "Bitcoin Treasury Company", a table's "Deployed Miners 1 12,400": a kind
                # of company or a label, not a name (a name is all capitals, or repeated and
                # followed by words)
                continue
            known |= set(folded) - _NOT_NAMES - _NOT_COMPANIES - _METRIC_WORDS \
                - _COMPANY_SUFFIXES
        for m in _NAME_ACTS.finditer(line):
            if re.search(r"\b(?:as|while|whereas|when|and|but|since|after|because|tandis\s+qu[e']|"
                         r"alors\s+qu[e']|et|mais|puisque|car)\s+$", line[:m.start()]):
                folded = {fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))}
                folded -= _NOT_NAMES
                if folded and not folded & _NOT_COMPANIES:
                    known |= folded - _METRIC_WORDS
        # "Rivalco's treasury now stands at", "the holdings of Rivalco", "les avoirs de
        # Rivalco": a name whose holding the text tells, capitalised more than once
        for m in _NAME_HOLDING.finditer(line):
            folded = {fold(w).rstrip(".") for w in _CAPITALISED.findall(
                m.group("name") or m.group("name2"))} - _NOT_NAMES
            if folded and folded <= proper and not folded & _NOT_COMPANIES:
                known |= folded - _METRIC_WORDS
        # "Rivalco's holdings" as a heading: a section on Rivalco
        if (m := _NAME_LINE.fullmatch(line.strip())) and (m["tail"] or "").startswith(
                ("'", "\u2019")):
            folded = {fold(w).rstrip(".") for w in _CAPITALISED.findall(m["name"])} - _NOT_NAMES
            if folded and folded <= proper and not folded & _NOT_COMPANIES:
                known |= folded
    return known


#: A heading that says what a company did: "Kestrel Labs Expands Bitcoin Treasury".
_HEADING_ACTS = re.compile(r"((?:[A-Z][\w&.'\u2019-]*\s+){1,3}?)(?:Expands|Buys|Bought|Adds|Added|"
                           r"Acquires|Acquired|Reports|Reported|Announces|Announced|Boosts|Sells|"
                           r"Sold|Raises|Raised|Mines|Mined|Purchases|Purchased|Increases|Holds|"
                           r"Grows|Doubles|Joins|Follows|Achète|Acquiert|Annonce|Vend|Renforce|"
                           r"Détient|Ajoute|achète|acquiert|annonce|vend|renforce|détient|"
                           r"ajoute)\b")
_JOIN_OPEN = re.compile(r"\b(?:between|from|entre|de|du)\s+(?:the\s+|le\s+|la\s+)?$")
_JOIN_LINK = re.compile(r"\s*,?\s*(?:and|to|through|until|et|au|a|jusqu'au|-)\s+(?:the\s+|le\s+|"
                        r"la\s+)?")


def _joined(found: list[Mention], folded: str) -> list[Mention]:
    """Two periods written as the ends of one span ("between the second quarter of 2022 and
    the third quarter of 2023", "de janvier à mars 2025") are one range, from the first's
    first day to the second's last: never one of its ends."""
    out: list[Mention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if b is not None and a.effective and b.effective and a.kind in ("month", "quarter",
                                                                         "year") \
                and b.kind in ("month", "quarter", "year") \
                and _JOIN_OPEN.search(folded[max(0, a.start - 14):a.start]) \
                and _JOIN_LINK.fullmatch(folded[a.end:b.start]):
            try:
                first, last = parse_period(a.effective), parse_period(b.effective)
            except ValueError:
                first = last = None
            if first is not None and last is not None and first.start < last.end:
                out.append(Mention(f"{first.start.isoformat()}/{last.end.isoformat()}", "range",
                                   a.line, a.start, b.end, folded[a.start:b.end]))
                i += 2
                continue
        # "de janvier à mars 2025", "from January to March 2025": the first month takes the
        # second's year.
        bare = re.search(rf"\b(?:between|from|entre|de|du)\s+(?P<m>{_month_pattern()})\s*,?\s*"
                         r"(?:and|to|through|until|et|a|au|jusqu'a|-)\s+$",
                         folded[max(0, a.start - 40):a.start]) if a.kind == "month" and \
            a.effective else None
        # "during April and May ..., Acme mined a combined 702.5 BTC", "en avril et mai, ...
        # au total": the sum over both months, one range in the first's year.
        both = re.match(rf"\s*(?:and|et|&)\s+(?P<m>{_month_pattern()})\b(?P<rest>[^.;]{{0,120}})",
                        folded[a.end:]) if a.kind == "month" and a.effective else None
        # "bought 1,200 BTC in September and October 2024", "acheté en septembre et octobre
        # 2024": one figure over both months, the months written side by side after "in".
        if both is not None and (re.search(r"\b(?:a\s+combined|combined|in\s+total|altogether|"
                                           r"au\s+total|cumule\w*|en\s+tout|a\s+eux\s+deux)\b",
                                           both.group("rest")) or re.search(
                r"\b(?:in|en|during|over|durant|pendant|au\s+cours\s+de)\s+$",
                folded[max(0, a.start - 20):a.start]) or re.match(
                r"(?:in|en|during|over|durant|pendant|au\s+cours\s+de)\s", folded[a.start:a.end])):
            month = _month_numbers().get(fold(both.group("m")).rstrip("."))
            year, first = int(a.effective[:4]), int(a.effective[5:7])
            if month is not None and month > first:
                end = parse_period(f"{year}-{month:02d}").end
                stop = a.end + both.end("m")
                out.append(Mention(f"{year}-{first:02d}-01/{end.isoformat()}", "range", a.line,
                                   a.start, stop, folded[a.start:stop]))
                i += 2 if b is not None and b.start < stop else 1
                continue
        if bare is not None:
            month = _month_numbers().get(fold(bare.group("m")).rstrip("."))
            year, last = int(a.effective[:4]), int(a.effective[5:7])
            if month is not None and month < last:
                end = parse_period(a.effective).end
                start = a.start - (len(folded[max(0, a.start - 40):a.start]) - bare.start())
                out.append(Mention(f"{year}-{month:02d}-01/{end.isoformat()}", "range", a.line,
                                   start, a.end, folded[start:a.end]))
                i += 1
                continue
        out.append(a)
        i += 1
    return out


def _period_end(m: Mention) -> Mention:
    """A period as its last day: what a balance stated for a month, quarter or year is as
    of ("Bitcoin held" in an "March 2024" column, "at year-end" in a results report)."""
    if m.kind == "date" or m.effective is None:
        return m
    try:
        last = _last_day(m.effective)
    except ValueError:
        return m
    return Mention(last, "date", m.line, m.start, m.end, m.text, m.comparison, True,
                   m.year_from)


#: 9/22/2025, and 3/30/25 (a two-digit year, as posts write it: this century's)
_NUMERIC_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2}|\d{2})(?![\d/])")


_AHEAD = re.compile(r"(?:effective|takes?\s+effect|will\s+(?:\w+\s+){0,3}|shall|record\s+date|"
                    r"scheduled|expected|prendra\s+effet|entrera\s+en\s+vigueur|a\s+compter\s+du|"
                    r"sera\s+|seront\s+|date\s+d'enregistrement)(?:[^.;]|\.(?=\s?\d)){0,24}$|"
                    r"^effective")  # (the full stop of "Dec. 23" is no sentence's end)


@lru_cache(maxsize=1)
def _yearless_pattern() -> re.Pattern[str]:
    month = _month_pattern()
    weekday = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|"
               r"mercredi|jeudi|vendredi|samedi|dimanche)")
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    return re.compile(rf"\b(?:(?:in|during|for|en|au mois d'|du mois d'|pour le mois d'|"
                      # "in the month of June", "early June", "début juin", "mi-juin"
                      rf"(?:the\s+)?month\s+of|early|mid|late|debut|courant|mi(?=-))"
                      rf"(?:(?<=')|[\s-]+)(?P<month>{month})|"
                      # "ended May with 12,104 BTC", "a terminé le mois de mai avec"
                      rf"(?:ended|closed|finished|exited|concluded|termine|cloture)\s+(?:the\s+"
                      rf"month\s+of\s+|le\s+mois\s+(?:de\s+|d'))?(?P<month4>{month})(?!\s+\d)|"
                      # "at the end of June", "fin juin", "à la fin du mois de juin"
                      rf"(?:the\s+end\s+of|(?:a\s+la\s+)?fin(?:\s+du\s+mois)?(?:\s+de|\s+d')?)\s+"
                      rf"(?P<month5>{month})(?!\s+\d)|(?P<month3>{month})(?=\s+(?:bitcoin\s+|btc\s+)?"
                      rf"(?:production|mining|operations?|operational|monthly)?\s*(?:updates?|"
                      rf"reports?|results|figures|numbers|production)\b)|(?:on|le|du|au|{weekday})\s+"
                      rf"(?:{weekday}\s+)?(?P<day>{day})(?:er)?\s+(?P<dmonth>{month})|(?:on|as\s+of|"
                      rf"as\s+at|through|until|by|effective|effect|from|starting|beginning|ended|"
                      rf"ending|dated)\s+(?:{weekday},?\s+)?(?P<month2>{month})"
                      rf"\.?\s+(?P<day2>{day})(?:st|nd|rd|th)?)"
                      rf"\b(?!\.?,?\s+(?:of\s+|de\s+)?(?:19|20)\d{{2}})")


@lru_cache(maxsize=1)
def _relative_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    month = _month_pattern()
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    # "entre le 12 et le 19 janvier", "between the 12th and 19th of January": the first day
    # takes the second's month
    span = rf"(?:(?P<m1>{month})\.?\s+(?P<d1>{day})|(?P<e1>{day})(?:er)?\s+(?P<n1>{month})|" \
           rf"(?P<g1>{day})(?:er)?)"
    end = rf"(?:(?P<m2>{month})\.?\s+(?P<d2>{day})|(?P<e2>{day})(?:er)?\s+(?P<n2>{month})|" \
          rf"(?P<f2>{day})(?!\s*(?:{month}|\d)))"  # "between Nov. 18 and 24": the same month
    # (a hyphen may join the days with no space: "between November 18-22")
    ranges = re.compile(rf"\b(?:from|between|du|entre le)\s+{span}\s*(?:(?:to|through|and|"
                        rf"until|au|et le|et)\s+|-\s*){end}\b(?!,?\s+(?:19|20)\d{{2}})")
    end_last = re.compile(r"\b(?:(?:at|by|as of)\s+)?(?:the\s+)?end\s+of\s+(?:last|the\s+"
                          r"(?:previous|prior))\s+year\b|\b(?:a\s+)?(?:la\s+)?fin\s+(?:de\s+)?"
                          r"l'annee\s+(?:derniere|precedente)\b")
    last = re.compile(rf"\b(?:(?:in\s+|en\s+)?(?P<month>{month})\s+(?:of\s+|de\s+)?)?"
                      rf"(?:last\s+year|l'annee\s+derniere|l'an\s+dernier)\b")
    return ranges, end_last, last


_WEEKDAYS = {name: i for names in (("monday", "tuesday", "wednesday", "thursday", "friday",
                                     "saturday", "sunday"),
                                    ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                                     "dimanche")) for i, name in enumerate(names)}
#: A day named only by its weekday, as of which something stood: "as of Sunday", "au
#: dimanche" (not followed by the day of the month, which dates it fully).
_WEEKDAY_ONLY = re.compile(r"\b(?:as\s+of|as\s+at|through|until|ended|ending|au|jusqu'au|"
                           # "the purchase was completed on Tuesday", "finalisé mardi"
                           r"(?:completed|closed|finali[sz]ed|settled|executed|finalisee?|"
                           r"realisee?|effectuee?|conclue?)(?:\s+on|\s+le)?)\s+"
                           r"(?:last\s+|dernier\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) +
                           r")\b(?!,?\s+(?:\d|[a-z]+\s+\d))")
#: The weekday a company announced on: "a indiqué mardi", "said on Monday" (not "Monday,
#: March 3", which dates it fully).
_ANNOUNCED_WEEKDAY = re.compile(r"\b(?:announced|said|reported|disclosed|revealed|a\s+annonce|"
                                # "in a filing on Monday", "un document déposé lundi"
                                r"filed|filing|(?:a\s+ete\s+|a\s+)?depose|"
                                r"a\s+indique|a\s+declare|a\s+revele)\s+(?:on\s+|ce\s+)?"
                                r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"
                                r"(?!,?\s+(?:\d|[a-z]+\s+\d))")
_LAST_MONTH = re.compile(r"\b(?:(?:during|in|over|for)\s+)?(?:last\s+month|the\s+(?:previous|prior|"
                         r"past)\s+month|(?:au\s+cours\s+du\s+|durant\s+le\s+|pendant\s+le\s+)?"
                         r"(?:le\s+)?mois\s+(?:dernier|precedent|ecoule))\b")


@lru_cache(maxsize=1)
def _week_pattern() -> re.Pattern[str]:
    """A week named by its place in a month: "the second week of March 2024", "in the last
    week of June", "la dernière semaine de juin"."""
    month = _month_pattern()
    return re.compile(rf"\b(?:the\s+|la\s+)?(?P<ord>first|second|third|fourth|last|final|"
                      rf"premiere|deuxieme|seconde|troisieme|quatrieme|derniere)\s+"
                      rf"(?:week|semaine)\s+(?:of\s+|de\s+|d')(?P<month>{month})\b\.?"
                      rf"(?:,?\s+(?P<year>(?:19|20)\d{{2}})\b)?")


_WEEK_STARTS = {"first": 1, "premiere": 1, "second": 8, "deuxieme": 8, "seconde": 8,
                "third": 15, "troisieme": 15, "fourth": 22, "quatrieme": 22}


def _week(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(month, first day, last day) of a week named by its place in its month; a "last" week
    is the month's last seven days (its year, when not written, taken as one with 31 days
    for all but February, whose last week is read as its 22nd to 28th)."""
    month = _month_numbers().get(m["month"].rstrip("."))
    if month is None:
        return None
    if m["ord"] in _WEEK_STARTS:
        first = _WEEK_STARTS[m["ord"]]
        return month, first, first + 6
    year = int(m["year"]) if m["year"] else 2001  # (a year whose February has 28 days)
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return month, last - 6, last


def yearless(line: str, folded: str, number: int, taken: list[Mention]) -> list[Mention]:
    """Months and days named without a year ("en avril", "le 20 juillet", "on July 21",
    "from March 3 to May 19") and years named relative to now ("last year", "the end
    of last year", "February last year"), outside the periods already found: located here,
    given a year only by the publication date (``Reader``), never by guessing."""
    found: list[Mention] = []
    numbers = _month_numbers()

    def clash(m: re.Match[str]) -> bool:
        return any(not (m.end() <= t.start or m.start() >= t.end) for t in [*taken, *found])

    for m in _week_pattern().finditer(folded):
        if not m["year"] and not clash(m) and (week := _week(m)) is not None:
            found.append(Mention(None, "range", number, m.start(), m.end(),
                                 line[m.start():m.end()].strip(), month=week[0], day=week[1],
                                 until=(week[0], week[2])))
    ranges, end_last, last = _relative_patterns()
    for m in ranges.finditer(folded):
        first = m["m1"] or m["n1"] or (m["m2"] or m["n2"] if m["g1"] else None)
        if first is None:
            continue  # "between 12 and 24": no month at all
        a = numbers.get(first.rstrip("."))
        b = numbers.get((m["m2"] or m["n2"]).rstrip(".")) if (m["m2"] or m["n2"]) else a
        day_a, day_b = int(m["d1"] or m["e1"] or m["g1"]), int(m["d2"] or m["e2"] or m["f2"])
        if a and b and not clash(m) and (b != a or day_b > day_a):
            found.append(Mention(None, "range", number, m.start(), m.end(),
                                 line[m.start():m.end()].strip(), month=a,
                                 day=day_a, until=(b, day_b)))
    for m in end_last.finditer(folded):
        if not clash(m):
            found.append(Mention(None, "date", number, m.start(), m.end(),
                                 line[m.start():m.end()].strip(), month=12, day=31, back=1,
                                 end_of=True))
    for m in last.finditer(folded):
        if not clash(m):
            month = numbers.get(m["month"].rstrip(".")) if m["month"] else None
            # "to $7.38 billion from $5.39 billion last year": the compared figure's year
            # "par rapport au bénéfice de N millions de l'année dernière": the same, with
            # the compared figure's name between
            compared = bool(re.search(r"\b(?:from|contre|vs\.?|versus|compared\s+(?:to|with)|"
                                      r"par\s+rapport\s+(?:au|aux|a\s+la|a\s+l'|a))\s+"
                                      r"(?:[a-z']+\s+){0,3}?(?:us\s?)?\$?\s?[\d,.]+\s*"
                                      r"(?:million|billion|milliards?|millions?|btc|bitcoins?)?\s*"
                                      r"(?:(?:de\s+)?(?:\$|dollars))?\s*(?:de\s+|d'|of\s+)?$",
                                      folded[max(0, m.start() - 70):m.start()]))
            found.append(Mention(None, "month" if month else "year", number, m.start(), m.end(),
                                 line[m.start():m.end()].strip(), comparison=compared,
                                 month=month, back=1))
    for m in _LAST_MONTH.finditer(folded):
        if not clash(m):  # "last month", "le mois dernier": the month before publication
            found.append(Mention(None, "month", number, m.start(), m.end(),
                                 line[m.start():m.end()].strip(), months_back=1))
    for m in _WEEKDAY_ONLY.finditer(folded):
        if not clash(m):  # "as of Sunday", "au dimanche"
            found.append(Mention(None, "date", number, m.start(), m.end(),
                                 line[m.start():m.end()].strip(),
                                 weekday=_WEEKDAYS[m["weekday"]]))
    for m in _yearless_pattern().finditer(folded):
        if clash(m):
            continue
        month = numbers.get((m["month"] or m["dmonth"] or m["month2"] or m["month3"]
                             or m["month4"] or m["month5"]).rstrip("."))
        if month is None:
            continue
        day = m["day"] or m["day2"]
        # (up to the mention's end: "effective le 1er août." ends the sentence)
        ahead = bool(_AHEAD.search(folded[max(0, m.start() - 40):m.end()]))
        # "209 BTC, down 6% from 222 BTC in April": the month of the figure compared with
        compared = bool(_COMPARED_WITH.search(folded[max(0, m.start() - 120):m.start()]))
        found.append(Mention(None, "date" if day else "month", number, m.start(), m.end(),
                             line[m.start():m.end()].strip(), comparison=compared,
                             month=month, day=int(day) if day else None, ahead=ahead))
    return found


#: A half-year with its year: "the first half of 2025", "H2 2024", "1H 2025", "le premier
#: semestre 2025", "S1 2025" (a calendar half; a fiscal one is left to the analyst).
_HALF = re.compile(r"\b(?:(?:the\s+)?(?P<ord>first|second)\s+half\s+(?:of\s+)?(?:the\s+year\s+)?|"
                   r"(?:le\s+|au\s+|du\s+)?(?P<ordf>premier|deuxieme|second|seconde)\s+semestre\s+"
                   r"(?:de\s+l'annee\s+|de\s+|d')?|[hs](?P<n>[12])\s*|(?P<n2>[12])h\s*)"
                   r"(?P<year>(?:19|20)\d{2})\b(?!\s*-\s*\d)")


def mentions(line: str, folded: str, number: int, lang: str = "en") -> list[Mention]:
    """Periods named on one line, each phrase once (dates before months before quarters
    before years); a bare quarter's year is filled in later, by ``Reader``."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(effective: str | None, kind: str, start: int, end: int, **extra: Any) -> None:
        before = folded[max(0, start - 60):start]
        if effective is not None and kind != "date" and (m := _END_OF.search(before)):
            start, effective, kind = start - len(m.group(0)), _last_day(effective), "date"
            extra["end_of"] = True
        taken.append((start, end))
        lead = folded[max(0, start - 40):start]
        found.append(Mention(effective, kind, number, start, end, line[start:end].strip(),
                             comparison=bool(_COMPARISON.search(lead) or _MATURITY.search(lead)
                                             or _SAME_PART_BEFORE.search(lead)
                                             or _COMPARED_WITH.search(
                                                 folded[max(0, start - 120):start])
                                             or _PRICE_DAY.search(lead)),
                             **extra))

    for m in _week_pattern().finditer(folded):  # "the second week of March 2024"
        if m["year"] and (week := _week(m)) is not None:
            year, (month, a, b) = int(m["year"]), week
            add(f"{year}-{month:02d}-{a:02d}/{year}-{month:02d}-{b:02d}", "range", m.start(),
                m.end())
    ranges, ended, first = _span_patterns()
    for kind, pattern in (("range", ranges), ("ended", ended), ("first", first)):
        for m in pattern.finditer(folded):
            if free(m.start(), m.end()) and (span := _read_span(kind, m)) is not None:
                shape = "quarter" if "Q" in span else "year" if len(span) == 4 else "range"
                taken.append((m.start(), m.end()))
                lead = folded[max(0, m.start() - 40):m.start()]
                found.append(Mention(span, shape, number, m.start(), m.end(),
                                     line[m.start():m.end()].strip(),
                                     # "Over the eight months ending August 31": the period
                                     # itself, not one compared with
                                     comparison=bool(_COMPARISON.search(lead)) and not
                                     re.search(r"\bover\s+(?:the\s+)?$", lead),
                                     quarter=int(span[-1]) if shape == "quarter" else None))
    for m in _NUMERIC_DATE.finditer(folded):  # 9/22/2025 in English, 22/09/2025 in French
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        month, day = (b, a) if (lang == "fr" or a > 12) and b <= 12 else (a, b)
        try:
            read = date(year, month, day).isoformat()
        except ValueError:
            continue
        if free(m.start(), m.end()):
            add(read, "date", m.start(), m.end())
    dates, months = _date_patterns()
    for pattern in (dates, months):
        for m in pattern.finditer(folded):
            if free(m.start(), m.end()) and (read := _read_date(line[m.start():m.end()])):
                add(read[0], read[1], m.start(), m.end())
    for m in _MONTH_SHORT_YEAR.finditer(folded):
        # a table's column header "Dec-23", "Apr-24", "juin-25": a month and its year's last
        # two digits (a hyphen or an apostrophe between; "Dec 23" with a space is a day)
        month = _month_numbers().get(m["mon"].rstrip("."))
        if month and free(m.start(), m.end()):
            add(f"20{m['yy']}-{month:02d}", "month", m.start(), m.end())
    for m in _YEAR_END.finditer(folded):
        if free(m.start(), m.end()):
            year = m["y1"] or m["y2"] or m["y3"] or m["y4"]
            add(f"{year}-12-31", "date", m.start(), m.end(), end_of=True)
    for m in _HALF.finditer(folded):  # "the first half of 2025", "H2 2024", "S1 2025"
        if free(m.start(), m.end()):
            second = (m["ord"] or m["ordf"] or m["n"] or m["n2"] or "") in (
                "second", "2", "deuxieme", "seconde")
            span = (f"{m['year']}-07-01/{m['year']}-12-31" if second
                    else f"{m['year']}-01-01/{m['year']}-06-30")
            add(span, "range", m.start(), m.end())
    for m in _quarter_ended_pattern().finditer(folded):
        # "for the quarter ended September 30", "le trimestre clos le 30 septembre": a
        # quarter by its last day, its year the latest such by the publication's (results
        # releases and articles about them often leave the year to the dateline)
        ends = {(3, 31): 1, (6, 30): 2, (9, 30): 3, (12, 31): 4}
        month = _month_numbers().get((m["m1"] or m["m2"]).rstrip("."))
        quarter = ends.get((month, int(m["d1"] or m["d2"]))) if month else None
        if quarter and free(m.start(), m.end()):
            add(None, "quarter", m.start(), m.end(), quarter=quarter)
    for m in _QUARTER.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        quarter = int(m["n"]) if m["n"] else _ORDINALS[m["ord"]]
        add(f"{m['year']}-Q{quarter}" if m["year"] else None, "quarter", m.start(), m.end(),
            quarter=quarter)
    for m in _YEAR.finditer(folded):
        if free(m.start("year"), m.end()):
            add(m["year"], "year", m.start("year"), m.end())
    for m in re.finditer(r"\b(?:the|its|their|la|le|l')\s*(?P<year>(?:19|20)\d{2})\s+(?:fiscal|"
                         r"financial|calendar)\s+year\b", folded):
        if free(m.start("year"), m.end()):  # "the 2023 fiscal year"
            add(m["year"], "year", m.start("year"), m.end())
    return sorted(found, key=lambda x: x.start)


# --- cues ---------------------------------------------------------------------------------------


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


#: A participle right after a coin count that says what the coins are: "48,137 BTC held",
#: "450 bitcoins minés".
_OWN_PARTICIPLE = re.compile(r"\s*(?:\(btc\)\s*)?(?P<v>held|owned|mined|produced|sold|purchased|"
                             r"acquired|bought|detenus?|minee?s?|produite?s?|vendue?s?|"
                             r"achetee?s?|acquise?s?)\b")
_PARTICIPLE_KIND = {"held": "btc_balance_disclosed", "owne": "btc_balance_disclosed",
                    "dete": "btc_balance_disclosed", "mine": "btc_mined", "prod": "btc_mined",
                    "sold": "btc_sold", "vend": "btc_sold", "purc": "btc_purchased",
                    "acqu": "btc_purchased", "boug": "btc_purchased", "ache": "btc_purchased"}
_MONTHS_EN_FR = ("january|february|march|april|may|june|july|august|september|october|"
                 "november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
                 "septembre|octobre|novembre|decembre")
BTC_ACTIONS: dict[str, re.Pattern[str]] = {
    "btc_mined": _words(r"mined", r"self-mined", r"produced", r"extracted", r"extract(?:ing|s)?",
                        # "the company earned 91.4 bitcoins", "generated 212 BTC", "a généré":
                        # right before the coins (not "generated a fee of 0.91 BTC")
                        r"(?:earned|generated|(?:a|ont|avoir)\s+(?:genere|gagne))(?=\s+(?:approximately\s+|"
                        r"about\s+|some\s+|nearly\s+|roughly\s+|environ\s+|pres\s+de\s+)?$)",
                        r"(?:output|production)\s+(?:came\s+in|stood)\s+at",
                        # a noun for the action and a verb stating its figure: "Acme's
                        # production in May was 450 BTC", "la production d'Acme en mai
                        # s'établit à 450 BTC"
                        rf"(?:output|production)\s+(?:[\w'()\u2019-]+\s+){{0,6}}?(?:{STATED_AS_EN}|"
                        rf"{STATED_AS_FR})(?=\s*(?:(?:approximately|about|some|nearly|roughly|"
                        rf"environ|pres\s+de)\s+)?$)",
                        r"production\s+(?:[\w']+\s+){0,2}?(?:s'est\s+elevee|s'eleve|a\s+atteint)\s+a",
                        r"extrai\w*", r"extrayant", r"(?:a|ont|avoir|avait) mine",
                        r"production of", r"(?:a|ont|avait|avoir) produit", r"produisant", r"producing",
                        r"(?:after|by|from) mining", r"minee?s",
                        # "self-mining operations contributed 37 BTC", "production from
                        # self-mining rose 12.4% to 655 BTC", "la production a reculé de 8 % à"
                        r"(?:mining|minage)\s+(?:operations?\s+|activities\s+)?(?:contributed|"
                        r"accounted\s+for|(?:a|ont)\s+contribue\s+a\s+hauteur\s+de)",
                        r"production\s+(?:[\w'()\u201c\u201d\"-]+\s+){0,8}?(?:rose|increased|decreased|"
                        r"fell|grew|declined|dropped|climbed|jumped|a\s+(?:augmente|diminue|recule|"
                        r"progresse|baisse))\s+(?:by\s+|de\s+)?(?:\d[\d.,]*\s?%\s+)?(?:to|a)"),
    "btc_purchased": _words(r"purchased", r"purchas(?:e|es|ing)", r"bought", r"buy(?:s|ing)?",
                            r"(?:snapped|scooped|picked)\s+up", r"mis\s+la\s+main\s+sur",
                            r"acquired", r"acquir(?:e|es|ing)", r"acquisitions?", r"achet\w*",
                            r"achat\w*", r"obtained", r"obtenu\w*", r"obtenir",
                            # "s'est porté acquéreur de 1 000 BTC"
                            r"(?:s'est|se)\s+port\w*\s+acquereu\w*\s+de",
                            r"acquis", r"acquiert", r"acquerir", r"acquerant",
                            # "converting 14,200 ETH into approximately 515 BTC"
                            r"(?:convert(?:ed|ing|s)?|swapp(?:ed|ing)|exchang(?:ed|ing)|"
                            r"converti\w*|echange\w*)\s+(?:[\d,.\s]+\s)?(?:units\s+of\s+)?"
                            r"(?:eth|ether|ethereum|usdc|usdt|stablecoins?|sol|solana)\s+"
                            r"(?:\([a-z]+\)\s+)?(?:in)?(?:to|en|contre)"),
    "btc_sold": _words(r"sold", r"sell(?:s|ing)?", r"sales?", r"liquidat\w*", r"divest\w*",
                       r"(?:a|ont|avoir)\s+liquide",
                       r"disposed of", r"offload\w*", r"unload\w*", r"vendu\w*", r"vend\w*", r"ventes?", r"cede\w*",
                       r"cession\w*",
                       # "parted with 200 BTC", "s'est séparé de 200 BTC"
                       r"parted\s+with", r"(?:s'est|se)\s+separ\w*\s+de"),
    "btc_change_disclosed": _words(r"added", r"adds", r"adding", r"stacked", r"stacking",
                                   r"net addition", r"increased (?:its )?holdings by",
                                   r"(?:grew|grown|increased|rose|risen|climbed|jumped) by",
                                   r"ajout\w*", r"empil\w*", r"(?:augmente|progresse) de"),
    "btc_balance_disclosed": _words(r"holdings?", r"held", r"holds?", r"reserves?",
                                    # "kept a total of 2,410 BTC", "conservait 2 410 BTC"
                                    r"kept", r"conserv(?:e|ait)",
                                    r"treasury", r"stood at", r"balance of", r"owned", r"owns",
                                    # "Acme possessed 3,303 BTC", "its bitcoin inventory, now
                                    # at 1,741 BTC"
                                    r"possess(?:ed|es)?", r"inventory",
                                    # "inflating its crypto coffers to 1,600 BTC", "its war
                                    # chest", "ses coffres"
                                    r"coffers\s+(?:\w+\s+){0,4}?to", r"war\s+chest",
                                    r"coffres?\s+(?:\w+\s+){0,4}?a",
                                    r"detien\w*", r"detenai\w*", r"detenus?", r"possed\w*",
                                    r"detenant", r"detentrice\s+d[e']",
                                    # "les avoirs ont augmenté de 9 % pour atteindre 3 120"
                                    r"pour\s+atteindre",
                                    # "Cet achat porte à 1 950 le nombre total de bitcoins
                                    # détenus", "brings to 1,950 the total number of bitcoins"
                                    r"port(?:e|ant|ait)\s+a(?=\s*$)", r"brings?\s+to(?=\s*$)",
                                    r"bringing\s+to(?=\s*$)",
                                    # "This left just 990 bitcoin on its balance sheet",
                                    # "leaving it with 990 BTC", "ce qui lui laissait 990 BTC"
                                    r"(?:this|which|that|it)\s+left(?:\s+(?:it|the\s+company))?",
                                    r"leaving(?:\s+(?:it|the\s+company))?(?:\s+with)?",
                                    r"laiss(?:ant|ait|e)(?:\s+(?:a\s+la\s+societe|lui))?",
                                    r"reserve totale", r"hodl\w*", r"detention", r"avoirs",
                                    r"portefeuille(?: total)?", r"(?:has|have)\s+accumulated",
                                    r"(?:has|have)\s+amassed", r"a\s+accumule",
                                    r"holders? with", r"with (?:a |its )?(?:treasury|reserve|stack|"
                                    r"stash|holdings?) of", r"detenteur\w* (?:avec|de)",
                                    r"(?:ended|closed|finished|exited)\s+(?:the\s+)?(?:(?:\w+\s+)?"
                                    r"(?:quarter|year|month|period|half)|q[1-4]|h[12]|fy)(?:\s+(?:of\s+)?\d{4})?"
                                    r",?\s+(?:with|holding)",
                                    # "ended May with 12,104 BTC", "a terminé mai avec"
                                    rf"(?:ended|closed|finished|exited|termine|cloture)\s+(?:the\s+"
                                    rf"month\s+of\s+|le\s+mois\s+(?:de\s+|d')?)?(?:{_MONTHS_EN_FR})"
                                    rf"(?:\s+\d{{4}})?,?\s+(?:with|holding|avec)",
                                    r"(?:termine|cloture|clos|acheve)\s+(?:le|la|l')\s*(?:\w+\s+)?"
                                    r"(?:trimestre|mois|exercice|annee|semestre)(?:\s+\d{4})?"
                                    r"\s+avec",
                                    # "porte le total déclaré à", "le total s'élève désormais à"
                                    r"port\w*\s+(?:le|son|sa|ses)\s+(?:total|reserve|tresorerie)"
                                    r"(?:\s+\w+)?\s+a",
                                    r"(?:le|son)\s+total\s+s'eleve\s+(?:desormais\s+|maintenant\s+)?a",
                                    r"(?:its|the)\s+total\s+(?:now\s+)?(?:stands|stood)\s+at",
                                    r"(?:bitcoin|btc)\s+position",
                                    # "après cette opération, son stock atteint 3 150
                                    # bitcoins", "its total now reaches"
                                    r"(?:atteint|atteignent|reaches|totals|stands\s+at)\s+"
                                    r"(?:desormais|maintenant|now)",
                                    r"(?:desormais|now)\s+(?:reaches|totals|stands\s+at)",
                                    # "its stash now totals approximately 16,042 BTC"
                                    r"(?:stash|stack|hoard)\s+(?:now\s+)?(?:totals?|totaled|totalled|"
                                    r"stands\s+at|amounts\s+to|rose\s+to|grew\s+to|climbed\s+to|"
                                    r"increased\s+to|reached)",
                                    # "has a total of", "is sitting on", "compte désormais",
                                    # "dispose désormais de"
                                    r"(?:has|had|holds?)\s+a\s+total\s+of",
                                    # "sits on 5,000 BTC", "has 5,000 BTC" (the verb right
                                    # before a count), "dispose de", "s'établit à"
                                    r"(?:sits?|sat|sitting)\s+on",
                                    r"(?:has|have|had)(?=(?:\s+(?:approximately|about|some|"
                                    r"nearly|over|roughly|around|more\s+than)|\s*~)?\s*(?:\d|$))",
                                    r"compte\s+(?:desormais|maintenant|actuellement)",
                                    r"dispos(?:e|ait)\s+(?:(?:desormais|maintenant|actuellement)"
                                    r"\s+)?de",
                                    r"s'etabli(?:t|ssait)\s+(?:desormais\s+|maintenant\s+)?a"),
}
_BITCOIN = _words(r"bitcoins?", r"btc", r"xbt")
_NOTES = _words(r"notes?", r"bonds?", r"debentures?", r"obligations?", r"oceanes?",
                r"convertible loans?", r"loans? convertible", r"prets? convertibles?")
_CONVERTIBLE = _words(r"convertible\w*", r"exchangeable")
_ZERO_COUPON = _words(r"zero[- ]interest", r"zero[- ]coupon", r"interest[- ]free",
                      r"coupon zero", r"a coupon zero", r"sans interets?", r"taux zero")
_EQUITY = _words(r"stock", r"shares", r"equity", r"at[- ]the[- ]market", r"atm",
                 r"actions", r"augmentation de capital", r"capital social",
                 r"private placements?", r"pipe", r"registered direct offering",
                 r"placements? prives?")
_RAISE = _words(r"raised?", r"raising", r"issued", r"issuances?", r"issu(?:e|ing)",
                r"financings?", r"financement",
                r"offerings?", r"placements?", r"sold", r"leve\w*", r"lever", r"emis\w*",
                r"emission\w*", r"emettre", r"emet\w*", r"augmentation de capital")
_REPURCHASE = _words(r"repurchas\w*", r"buy ?backs?", r"bought back", r"buying back",
                     r"buys? back", r"rachat d'actions", r"rachet\w* (?:ses|de ses) (?:propres )?"
                     r"actions", r"(?:a|ont|avoir) rachete", r"rachetant", r"rachats?")
_RESULTS: list[tuple[re.Pattern[str], str, int]] = [
    (_words(r"adjusted ebitda", r"ebitda ajuste",
            # the words spelled out ("adjusted earnings before interest, tax(es),
            # depreciation and amortization (EBITDA)"), "BAIIA ajusté"
            r"adjusted earnings before interest,? tax(?:es)?,? depreciation,? (?:and )?"
            r"amortization \(ebitda\)(?: were| was)?", r"baiia ajuste"), "adjusted_ebitda_usd", 1),
    (_words(r"net loss", r"perte nette", r"net losses"), "net_income_usd", -1),
    (_words(r"net income", r"net profit", r"net earnings", r"revenu net", r"resultat net",
            r"benefice net",
            # "pour un bénéfice de 12,3 millions", "a profit of $12.3 million": the profit
            # with no qualifier ("mining profit", "un bénéfice brut" are parts)
            r"(?:un|a)\s+(?:benefice|profit)(?=\s+(?:de|of)\b)"), "net_income_usd", 1),
    (_words(r"revenues?", r"revenus?", r"chiffre d'affaires", r"turnover"), "revenue_usd", 1),
    # "net sales of $3.8 billion", "les ventes du troisième trimestre ont atteint": a
    # retailer's or a payments company's revenue (bare "sales"/"ventes" are coins sold)
    (_words(r"net sales", r"total sales", r"quarterly sales", r"annual sales", r"ventes nettes",
            r"ventes (?:trimestrielles|annuelles|totales)",
            r"ventes (?:du|de l'exercice|au) (?:premier|deuxieme|troisieme|quatrieme|1er|2e|3e|4e)?"
            r"\s*(?:trimestre|semestre|exercice)"), "revenue_usd", 1),
    (re.compile(r"(?<!fair-value )(?<!fair value )(?<!unrealized )(?<!unrealised )"
                r"(?<!impairment )(?<!realized )(?<!operating )(?<!gross )"
                r"\b(?:loss|losses|perte|pertes)\b(?! de valeur)(?! latente)(?! de papier)"
                r"(?! non realisee)(?! d'exploitation)(?! operationnelle)(?!\s+on\s+paper)"),
     "net_income_usd", -1),
]
_ESTIMATE = _words(r"estimates?", r"estimated", r"consensus", r"expected", r"expectations?",
                   r"expects?", r"expecting", r"analysts?",
                   r"forecasts?", r"guidance", r"projected", r"projections?", r"targets?",
                   r"estimations?", r"previsions?", r"attendu\w*", r"objectifs?",
                   r"consensuelle", r"a projete", r"projete\w*", r"prevu\w*", r"devrai\w*",
                   r"anticipe\w*")
#: Results told before they are reported: a forecast or preliminary estimate.
_RESULTS_AHEAD = re.compile(r"\b(?:will\s+(?:be\s+)?report\w*|expects?\s+to\s+report|"
                            r"anticipates?\s+reporting|prevoit\s+de\s+(?:publier|"
                            r"declarer|annoncer)|devrait\s+(?:publier|declarer|annoncer))\b")
_ACQUIRE = _words(r"acquisitions? of", r"acquired", r"acquir(?:e|es|ing)", r"buy(?:s|ing)?",
                  r"bought", r"purchase of", r"takeover of", r"acquisitions? de",
                  r"acquiert", r"a acquis", r"rachat de", r"rachet\w*", r"acquerir")
_DISPOSE = _words(r"sold", r"sells?", r"selling", r"sale of", r"disposed of", r"divest\w*",
                  r"cede\w*", r"cession de", r"vendu\w*", r"vend\w*", r"vente de")
_STAKE = _words(r"stake", r"interest", r"participation", r"equity interest", r"ownership",
                r"of the (?:shares|capital) of", r"du capital (?:de|d')")
_WORKFORCE = _words(r"workforce", r"staff", r"employees", r"headcount", r"jobs", r"positions",
                    r"personnel", r"effectifs?", r"salaries", r"employes", r"emplois", r"postes",
                    r"people")
_CUT = _words(r"cut\w*", r"reduc\w*", r"reduce", r"lay(?:ing)? off", r"laid off", r"layoffs?",
              r"eliminat\w*", r"shed\w*", r"trim\w*", r"slash\w*", r"redui\w*", r"reduction",
              r"supprim\w*", r"suppressions?", r"licenci\w*")
_FOR = re.compile(r"(?:^|\s)(?:\(|,|[\u201c\"])?\s*(?:(?:for|at) (?:a|an) (?:total|aggregate) "
                  r"(?:purchase )?(?:price|"
                  r"cost|consideration|amount) of|for|pour|worth|valued at|at a cost of|totaling|"
                  r"totalling"
                  # "à un prix d'achat global de", "pour un prix total de" (the French order)
                  r"|(?:a|pour) un prix (?:d'achat |d'acquisition )?(?:global|total) de"
                  r"|d'une valeur de|pour un montant de|for about|for approximately|for nearly"
                  r"|pour environ|for a total of|soit un total de|soit un montant de|"
                  # "..., representing a total investment of $316.2 million", "ce qui
                  # représente un investissement total de"
                  r"(?:representing|which\s+represents|ce\s+qui\s+represente|soit)\s+(?:an?\s+|"
                  r"une?\s+)?(?:total\s+)?(?:investment|outlay|cost|investissement|montant|cout)"
                  r"\s+(?:total\s+|global\s+)?(?:of|de)|"
                  r"soit environ|generating|realizing|yielding|bringing in|raking in|fetching|"
                  r"engrangeant|encaissant|rapportant|pocketing|"
                  r"for (?:net |gross )?"
                  r"proceeds of|pour un produit (?:net |brut )?de|for an? aggregate(?: purchase price of)?|"
                  # "the sale of 410 BTC in May, which equated to proceeds of $9.1 million"
                  r"(?:equat\w*|amount\w*|translat\w*|correspond\w*)\s+to\s+(?:net\s+|"
                  r"gross\s+)?proceeds\s+of|with\s+(?:net\s+|gross\s+)?proceeds\s+of)\b")
_BUCKET = re.compile(r"\s*(?:(?:that\s+)?(?:were|are|was|is|has\s+been|have\s+been)\s+|"
                     r"qui\s+sont\s+|sont\s+|(?:ont|a)\s+ete\s+)?"
                     # "410 BTC was allocated as collateral", "posted as collateral",
                     # "affectés en garantie"
                     r"(?:(?:allocated|posted|placed|deposited|used|set\s+aside|held|affecte\w*|"
                     r"utilise\w*|donne\w*|apporte\w*)\s+)?(?:"
                     r"(?P<loaned>loaned|lent|on loan|pretes?|en pret)|(?P<pledged>pledged|"
                     r"as collateral|as security|collateralized|collateralised|nantis?|"
                     r"en garantie|comme garantie|collateralises?))\b")
_OTHER = _words(r"rivals?", r"peers?", r"competitors?", r"competing", r"concurrents?",
                r"concurrent")
_TARGET = _words(r"targets?", r"goals?", r"objectifs?", r"aims? to", r"aiming", r"ambitions?",
                 r"wants? to", r"seeks? to", r"hopes? to", r"veut", r"souhaite", r"vise\w*",
                 r"d'ici", r"by (?:the end of )?(?:19|20)\d\d", r"forecasts?", r"guidance",
                 r"projected", r"previsions?", r"hypothetical\w*",
                 r"would (?:allow|enable|let|lead|bring|result|take)", r"could",
                 r"pourrait", r"permettrait",
                 # "operations that could allow the acquisition of ~35 BTC, taking the potential
                 # total to 1,840 BTC", "pouvant permettre", "détention potentielle"
                 r"pouvant", r"potentiel\w*", r"potential(?:ly)?", r"may (?:allow|enable|lead)")
#: What introduces the parts of a total just stated ("This figure includes", "of which",
#: "dont", "y compris"), read back to the previous amount.
_PARTS_INTRO = re.compile(r"(?:\b(?:this|the|that)\s+(?:figure|total|amount|number|production|"
                          r"output)\s+(?:includes?|included|comprises?)|\b(?:out\s+)?of\s+which|"
                          r"\bincluding|\bdont|\by\s+compris|\b(?:ce|le)\s+(?:chiffre|total|montant)"
                          r"\s+(?:inclut|comprend))\s+(?:an?\s+|une?\s+)?(?:estimated\s+|"
                          r"approximately\s+|about\s+|environ\s+|some\s+)?$")
#: A figure said to be a share of a total ("was 240 bitcoin or 61% of April's total
#: production", "soit 40 % de la production du mois"): a part, not the period's figure.
_SHARE_OF_TOTAL = re.compile(r"\s*,?\s*(?:or|soit|representing|i\.e\.)\s+(?:about\s+|roughly\s+|"
                             r"environ\s+)?[\d.,]+\s*(?:%|percent|pour\s*cent)\s+(?:of|de|du|des)\s+"
                             r"(?:the\s+|its\s+|their\s+|[a-z]+'s\s+|la\s+|sa\s+|l')?(?:[\w']+\s+){0,2}?"
                             r"(?:total|production|output|produits?|mined|extraits)\b")
_PART = _words(r"unrestricted", r"unlimited", r"unencumbered", r"non grevee?s?", r"libres?")
_AGGREGATE = _words(r"aggregate", r"cumulative", r"cumulati\w*", r"in total", r"au total",
                    r"en tout", r"total (?:cost|investment|spent)", r"spent a total",
                    r"to date", r"a ce jour", r"since (?:inception|the start)", r"depuis")
_YIELD = _words(r"btc yields?", r"bitcoin yields?", r"rendements? btc", r"rendements? bitcoin",
                r"btc \$? ?yield", r"yield btc",
                r"rendement en (?:btc|bitcoins?)(?: par action)?")
#: "invested $95 million to acquire 812 BTC": the dollars before are the price.
_INVEST_LINK = re.compile(r"\s*(?:in cash\s+)?(?:to (?:buy|purchase|acquire)|pour (?:acquerir|"
                          r"acheter)|afin d'acquerir|d'acquerir)\s+(?:an? )?(?:additional\s+|"
                          r"further\s+|another\s+)?")
_AS_OF = re.compile(r"\b(?:as of|as at|as on|at|au|a la date du|en date du|per)\s+(?:the\s+|le\s+)?$")
_CAPACITY = _words(r"up to", r"availability", r"available",
                   r"remaining(?! (?:bitcoins?|btc|holdings?|stake|shares of|notes))", r"capacity",
                   r"may (?:issue|sell|offer|raise)", r"jusqu'a", r"disponibles?", r"restants?",
                   r"plafond", r"maximum")
#: What is left to raise, said after the figure: "$4.2 billion of stock still available for
#: issuance", "$12.8 billion in remaining capacity", "5 M€ encore disponibles".
_CAPACITY_AFTER = re.compile(r"\s*(?:worth\s+|in\s+|of\s+|d'|de\s+)*(?:[\w-]+\s+){0,3}?(?:available|"
                             r"remaining|unused|unissued|left\b|capacity|disponibles?|restants?|"
                             r"encore\s+disponibles?)")
_STILL_HAD = re.compile(r"\b(?:still\s+(?:had|has|have)|(?:had|has|have)\s+(?:\w+\s+){0,2}left|"
                        r"(?:il\s+)?reste\s+(?:encore\s+)?)\s*(?:\w+\s+)?(?:~|approximately|about|"
                        r"around|environ)?\s*(?:us\s?\$|\$)?\s*$")
#: The size of a program the amount names: "$5 billion at-the-market equity offering
#: program", "$2 billion ATM facility", "programme ATM de 300 M€".
_PROGRAM_SIZE = re.compile(r"\s*(?:of\s+|in\s+)?(?:[\w-]+\s+){0,4}?(?:program(?:me)?|facility|"
                           r"shelf|registration\s+statement|programme|ligne\s+de\s+financement)\b")
#: A registration is no sale: "files for $5 billion stock offering", "filed a $2 billion shelf".
_FILES_FOR = re.compile(r"\b(?:files?|filed|filing|registers?|registered)\s+(?:for\s+)?(?:an?\s+|"
                        r"its\s+)?(?:new\s+)?(?:~|approximately|about|up to)?\s*(?:us\s?\$|\$)?\s*$")
#: Proceeds named after the amount: "$8.3 million in net proceeds".
_PROCEEDS_AFTER = re.compile(r"\s*(?:in|of|en|de)\s+(?:aggregate\s+)?(?:net|gross|total)?\s*"
                             r"(?:proceeds|produit\s+(?:net|brut))\b")
#: An action announced as to come, the verb governing the figure: "plans to buy 1,000 BTC",
#: "will issue $500 million of notes", "could sell", "prévoit d'acquérir 500 BTC".
_PLANNED_ACTION = re.compile(
    r"\b(?:plans?|planned|planning|proposed|potential|contemplated|prospective|prevoit|envisage|"
    r"annonce\s+un\s+projet\s+d'|projette)\s+(?:a|an|the|its|un|une|son|sa|d')?\s*(?:\w+\s+)?"
    r"(?:~|approximately|about|up\s+to|environ|jusqu'a)?\s*(?:us\s?\$|\$)?\s*$|"
    r"\b(?:plans?|planned|planning|intends?|intending|expects?|aims?|seeks?|proposes?|wants?|"
    r"hopes?|looks?|is looking|prepares?|preparing|set|sets|could|would|may|might|will|shall|"
    r"to be|prevoit\s+(?:de|d')|va|vont|compte|comptent|envisage\s+(?:de|d')|souhaite|"
    r"pourrait|pourraient|devrait|devraient|entend)(?:\s+|(?<='))(?:to\s+)?(?:\w+\s+){0,2}?(?:buy|offer|"
    r"purchas|acquir|sell|rais|issu|add|mine|produc|hold|repurchas|repay|redeem|acheter|"
    r"acquerir|vendre|ceder|lever|emettre|ajouter|miner|produire|detenir|racheter|"
    r"rembourser)\w*\s+(?:up to\s+|another\s+"
    r"|an additional\s+|a further\s+|more\s+|jusqu'a\s+|encore\s+|environ\s+|about\s+|"
    r"(?:the|its|les|ses)\s+)?"
    r"(?:us\s?\$|\$)?\s*$")
_PLANNED_BY = re.compile(
    # "prévoit de grossir sa réserve en achetant 4 millions de dollars de BTC", "plans to
    # grow its treasury by buying $4 million": the plan governs the gerund's figure.
    r"\b(?:plans?|planned|intends?|aims?|expects?|prevoit|envisage|compte|comptent|souhaite|"
    r"entend)\b[^.;]{0,80}\b(?:en\s+(?:achetant|acquerant|vendant|emettant|levant)|by\s+"
    r"(?:buying|purchasing|acquiring|selling|issuing|raising))\s+(?:up to\s+|jusqu'a\s+|"
    r"environ\s+|about\s+)?(?:us\s?\$|\$)?\s*$")
_PLANNED = _words(r"will", r"plans? to", r"intends? to", r"expects? to", r"aims? to", r"va",
                  r"vont", r"prevoit de", r"compte", r"envisage de", r"entend")


#: Flows: what happened over a period (a balance or a KPI is as of one date).
_FLOWS = ("btc_mined", "btc_purchased", "btc_sold", "btc_change_disclosed", "equity_issued",
          "notes_issued", "stake_acquired", "stake_disposed", "business_acquired",
          "shares_repurchased", "notes_retired")
_NOW = _words(r"now", r"currently", r"today", r"to date", r"desormais", r"actuellement",
              r"pousse\w*", r"amen\w*",
              r"aujourd'hui", r"bringing", r"brings", r"brought", r"pushing", r"porter",
              r"portant", r"porte", r"totali[sz]\w*", r"(?:un|a) total", r"hodl\w*",
              r"holds", r"owns", r"stands? at", r"detient", r"possede", r"atteignent",
              r"atteint", r"s.eleve a", r"s.elevent a", r"grimpent a", r"raising (?:its|their)",
              r"(?:rose|risen|increased|grew|grown|climbed|jumped|reached|totaled|totalled)"
              r"(?: to)?", r"(?:est passee?s?|passent|passe) a", r"s'etablit a",
              r"holders? with",
              # a level the action just told brought holdings to: "The acquisitions bring
              # its holdings to", "Holdings reach", "inflating its coffers to", "passant de
              # 880 à 905 BTC", "pour atteindre"
              r"gonfl(?:e|ent|ant|ait)\s+(?:\w+\s+){0,4}a",
              r"bring", r"reach(?:es)?", r"(?:inflat|lift|boost|push)(?:e|es|ed|ing)\s+"
              r"(?:\w+\s+){0,4}to", r"passant\s+de\s+[\d\s.,]+\s+a", r"pour\s+atteindre",
              r"going\s+from\s+[\d\s.,]+\s+to", r"(?:fell|falling|dropp?(?:ed|ing)|declin(?:ed|ing)|"
              r"shr[ai]nk(?:ing)?|shrunk)\s+to",
              r"s'etablissent\s+a", r"s'etablit\s+desormais\s+a")


def _nearest(pattern: re.Pattern[str], text: str, *, last: bool = True) -> re.Match[str] | None:
    found = list(pattern.finditer(text))
    return (found[-1] if last else found[0]) if found else None


def _name_after(line: str, position: int) -> tuple[str, int] | None:
    """A proper name starting at ``position`` (after "acquisition of", "stake in"): the run of
    capitalised words, without a trailing connective; with where it ends in the line."""
    rest = line[position:]
    lead = re.match(r"\s*(?:the\s+|l'|l\u2019|la\s+|le\s+|les\s+)?", rest)
    start = lead.end() if lead else 0
    words = []
    for m in re.finditer(r"\S+", rest[start:]):
        word = m.group(0)
        clean = word.rstrip(".,;:'\u2019)")
        capital = clean[:1].isupper() or clean in ("&",)
        if not capital and not (words and clean in ("of", "and", "de", "du", "des")):
            break
        if m.start() and rest[start:][m.start() - 1] != " ":
            break
        words.append(clean)
        if clean != word:
            break
    while words and words[-1] in ("of", "and", "de", "du", "des", "&"):
        words.pop()
    if not words:
        return None
    name = " ".join(words)
    return name, position + start + len(name)


#: What may stand between a name and its price: "NAME for $X", "NAME, pour environ X".
#: The words that introduce a principal: "aggregate principal amount of", "montant total de".
_PRINCIPAL_OF = re.compile(r"(?:montant\s+(?:total|nominal|principal|global|brut)|aggregate\s+"
                           r"principal\s+amount|principal\s+amount|total\s+principal|"
                           r"valeur\s+nominale\s+(?:totale|globale))\s+(?:de\s+|d'|of\s+)?"
                           r"(?:environ\s+|approximately\s+|about\s+)?(?:us\s?\$|\$|usd\s?)?\s*$")
#: The size of an issue raised to a new amount, said before it.
_SIZE_TO = re.compile(r"\b(?:principal\s+amount|size|montant\s+(?:principal|nominal|total)|taille)"
                      r"\b[^.;$]{0,140}\b(?:to|a)\s*(?:~|approximately|about|environ)?\s*"
                      r"(?:us\s?\$|\$|usd\s?)?\s*$")
#: Shares issued "pour un montant brut de 10 millions de dollars", "for gross proceeds of".
_SHARES_FOR_AMOUNT = re.compile(r"\s*(?:nouvelles|new|ordinaires|ordinary)?\s*,?\s*(?:for|pour)\s+(?:an?\s+|un\s+)?(?:(?:aggregate|total|"
                                r"gross|net)\s+)?(?:montant|amount|proceeds|produit)\s*(?:(?:brut|net|"
                                r"total|global)\s+)?(?:of|de|d')\s*(?:about|approximately|environ)?\s*")
#: The passive of a coin count's own verb, its doer named: "were acquired by Acme Corp
#: (ACME)", "ont été vendus par Acme".
_PASSIVE_BY = re.compile(r"\s*(?:were|was|are|is|(?:have|has|had)\s+been|ont\s+ete|a\s+ete|"
                         r"sont|avaient\s+ete)\s+(?:\w+\s+)?[\w-]+\s+(?:by|par)\s+[^,;$\d]{1,60}")
_PRICE_LINK = re.compile(r"\s*,?\s*(?:for|pour)\s*(?:about|approximately|around|roughly|"
                         r"environ|pres de)?\s*")


# --- reading a document -------------------------------------------------------------------------


@dataclass
class Proposal:
    """One record the text suggests, before proposals about the same action are merged."""

    type: str
    line: int
    fields: dict[str, Any]
    figures: list[Figure]
    period: Mention | None = None
    period_how: str = ""   # "sentence", "line", "context"
    doubts: list[str] = field(default_factory=list)
    cue: str | None = None
    missing_period: str = ""


@dataclass
class Draft:
    record: dict[str, Any]
    #: What the draft rests on: {"line", "text", "role"} with role figure, period or year.
    evidence: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return {"record": self.record, "evidence": self.evidence}


#: A sentence ends at a full stop, not at an abbreviation's ("Jan. 6", "Acme Inc. said",
#: "U.S. dollars", "approx. 20").
_ABBREVIATIONS_ENDING = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "co", "ltd", "no", "vs", "mr", "ms", "dr", "st", "approx", "est", "u.s", "u.k",
    "janv", "fevr", "avr", "juil", "dept", "ref", "fig", "cf", "mt", "sr", "jr"))
_SENTENCE_END = re.compile(r"[.!?;](?=\s+\S)|[.!?;]$")
_WORD_BEFORE = re.compile(r"(?:^|[^a-z.])([a-z](?:\.[a-z])?|[a-z]+)$")


def _sentences(folded: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(folded):
        if m.group(0) == "." and m.end() < len(folded):
            word = _WORD_BEFORE.search(folded, max(0, m.start() - 8), m.start())
            if word and (len(word.group(1)) == 1 or word.group(1) in _ABBREVIATIONS_ENDING) \
                    and not re.search(r"/[a-z]$", folded[max(0, m.start() - 2):m.start()]):
                continue  # "Jan. 6", "Acme Inc. said", "U.S. dollars": not the end (a unit
                # such as "24.7 EH/s." is)
        spans.append((start, m.end()))
        start = m.end()
    if start < len(folded):
        spans.append((start, len(folded)))
    return spans or [(0, 0)]


#: A figure of an earlier period given for comparison.
_PRIOR_PERIOD = re.compile(r"\b(?:same\s+(?:period|quarter)\s+(?:of\s+|in\s+)?(?:last|the\s+"
                           r"previous|the\s+prior|a)\s+year|year[- ]ago|a\s+year\s+(?:earlier|"
                           r"before|ago)|prior[- ]year|previous\s+year|compared\s+(?:to|with)|"
                           r"versus|vs\.?|up\s+from|down\s+from|meme\s+periode|un\s+an\s+plus"
                           r"\s+tot|l'an\s+dernier|l'annee\s+(?:derniere|precedente)|contre)\b")
#: The day an offering closed: "finalized the offering on June 9", "the offering closed on",
#: "a clôturé l'émission le 3 mars".
_OFFERING_CLOSED = re.compile(
    # "L'offre privée, qui s'est conclue le 12 mars", "the offering, which closed on March 12"
    r"\b(?:offering|placement|issuance|emission|offre)\b[^.;]{0,30}\b(?:which|qui)\s+(?:s'est\s+|"
    r"has\s+|was\s+|a\s+ete\s+)?(?:conclu\w*|closed|clotur\w*|finalis\w*|settled|completed)\s+"
    r"(?:(?:on|le)\s+)?$|"
    # "the transaction is anticipated to close on March 6, 2025", "the offering is
    # scheduled to close on May 20"
    r"\b(?:offering|transaction|placement|issuance|notes|sale)\b[^.;]{0,30}\b(?:anticipated|"
    r"expected|scheduled)\s+to\s+(?:be\s+)?(?:complete\w*|close\w*|settle\w*)\s+(?:on\s+)?$|"
    r"(?:\b(?:completed|closed|finali[sz]ed|consummated|settled|cloture\w*|finalise\w*|"
    r"realise\w*|regle\w*)\b[^.;]{0,40}\b(?:offering|placement|issuance|notes|emission|offre|"
    r"obligations|augmentation de capital)\b[^.;]{0,25}|\b(?:offering|placement|issuance|"
    r"emission|offre)\s+(?:was\s+|has\s+been\s+|a\s+ete\s+)?(?:closed|completed|settled|"
    r"cloturee?|finalisee?|realisee?|reglee?)\s+)(?:(?:on|le)\s+)?$")
#: The proceeds of the sale a text reports, named without the bitcoin.
_SALE_PROCEEDS = re.compile(r"\b(?:(?:net|gross|total)\s+)?proceeds\s+(?:from|of)\s+(?:the|this|"
                            r"these|that)\s+(?:sales?|disposals?|transactions?)\b|\bproduit\s+"
                            r"(?:net\s+|brut\s+|total\s+)?(?:de\s+la|de\s+cette|de\s+ces|des)\s+"
                            r"(?:cessions?|ventes?|operations?)\b|"
                            # "The sale generated approximately $8.8 million", "la vente a
                            # rapporté 8,8 millions de dollars"
                            r"\b(?:the|this|that)\s+sales?\s+(?:generated|brought\s+in|yielded|"
                            r"realized|realised|raised|netted)\b|\b(?:la|cette)\s+(?:vente|cession)"
                            r"\s+a\s+(?:rapporte|genere|permis\s+de\s+lever)\b")
#: Dollars a title puts on what is held, not on what was bought: "now holds $28 billion in".
_HELD_LEAD = re.compile(r"\b(?:holds?|holding|holdings|worth|valued|value|treasury|stash|stack|"
                        r"reserves?|d[ée]tient|valeur|total|aggregate)\b(?!['\u2019])[^$\d]{0,25}$")
#: (read on the text as written: "Orrin Holdings' $0.9 billion sale" names a company)
#: Debt paid back: the verb before the amount, and what was paid right after it.
_RETIRE_VERB = re.compile(r"\b(?:repaid|repay(?:ing|s)?|redeemed|redeem(?:ing|s)?|retired|"
                          r"paid\s+(?:off|down|back)|repurchas(?:ed|e|ing)|bought\s+back|converted|"
                          r"rembourse\w*|rachete\w*|converti\w*)\b(?:\s+(?:\w+\s+){0,3}?)?"
                          r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$")
#: "a racheté 50 % de ses obligations convertibles, soit 71,2 millions de dollars": the notes
#: named before the amount they come to.
_RETIRED_BEFORE = re.compile(
    r"\b(?P<verb>repaid|redeemed|retired|repurchased|bought\s+back|converted|rembourse\w*|"
    r"rachete\w*|converti\w*)\b[^.;$]{0,60}?\b(?:notes?|obligations?|dette|bonds?|debt|"
    r"oceanes?)\b[^.;$\d]{0,30}?(?:,\s*(?:soit|or|i\.e\.|representing|representant)|\(|:)\s*"
    r"(?:~|approximately|about|environ)?\s*(?:us\s?\$|\$|usd\s?)?\s*$")
_RETIRED_WHAT = re.compile(r"\s*(?:(?:in\s+)?(?:aggregate\s+)?principal\s+amount\s+)?"
                           r"(?:in\s+|of\s+|de\s+|d')?(?:the\s+|its\s+|their\s+|sa\s+|ses\s+|"
                           r"la\s+|le\s+|les\s+)?(?:[\w-]+\s+){0,3}?(?:notes?|debt|bonds?|"
                           r"dette|obligations?|loans?|oceanes?|convertibles?|debentures?)\b")
#: Money raised said to pay for the purchase the text reports.
#: Dollars said to be spent on the coins just named, right before the amount: "acquired 310
#: BTC over two weeks, using approximately $27.4 million of its cash", "en investissant 12
#: millions de dollars" (not "using the proceeds of its $100 million offering").
_SPENT = re.compile(r"\b(?:utiliz\w*|utilis(?:ing|ant)|using|spending|spent|deploying|paying|"
                    r"en\s+payant|"
                    r"en\s+utilisant|en\s+depensant|en\s+investissant)\s+(?:(?:approximately|"
                    r"about|around|nearly|roughly|some|environ|pres\s+de|a\s+total\s+of|"
                    r"un\s+total\s+de)\s+)?(?:\$|us\$)?\s*$")
def _opens_the_clause(folded: str, m: Mention, anchor: Figure, s_start: int) -> bool:
    """"Just last week, on August 12, the company bought 4,380 BTC": a day written without
    its year that opens the clause whose verb the figure follows is that action's day (not
    the news's: "On August 12, Acme announced ..." is left to the announcement rule)."""
    if s_start <= m.start < anchor.start and anchor.start - m.end <= 40 and re.search(
            r"\b(?:purchase|acquisition|sale|achat|vente)\s+(?:(?:on|le)\s+)?$",
            folded[max(s_start, m.start - 40):m.start]) and re.fullmatch(
            r",?\s*(?:buying|acquiring|purchasing|selling|adding|achetant|acquerant|vendant|en\s+"
            r"achetant|en\s+acquerant)\s+(?:an?\s+additional\s+|another\s+)?",
            folded[m.end:anchor.start]):
        return True  # "completed its first bitcoin purchase on May 9, buying 17 BTC"
    return s_start <= m.start < anchor.start and anchor.start - m.end <= 60 and bool(
        re.fullmatch(r"\s*(?:(?:just\s+)?(?:last|this|earlier\s+this)\s+(?:week|month),?\s*)?",
                     folded[s_start:m.start])) and bool(re.fullmatch(
        r",?\s*(?:the\s+company|it|[a-z][\w&.-]*(?:\s+[a-z][\w&.-]*){0,2})\s+(?:has\s+|had\s+)?"
        r"(?:acquired|bought|purchased|sold|mined|added|a\s+acquis|a\s+achete|a\s+vendu)\s+"
        r"(?:an?\s+additional\s+|another\s+)?", folded[m.end:anchor.start]))


#: Words that name a measure, not a company, when a heading says what "it" did.
_METRIC_WORDS = frozenset("""
average operational operating hash rate hashrate production output revenue revenues income
holdings total energized blocks block fleet capacity cash net gross adjusted ebitda yield
mining miners efficiency power costs cost price prices shares stock
""".split())


#: A line that is no cell of its own in a table cut one cell per line: "|", a footnote marker.
_FILLER_CELL = re.compile(r"\s*(?:\|\s*)*(?:[1-9](?:\s*,\s*[1-9])*)?\s*(?:\|\s*)*")


#: A document declaring its "$" to be another country's dollars.
_FOREIGN_DOLLARS = re.compile(
    r"\b(?:(?:all\s+)?(?:dollar\s+)?(?:figures|amounts)|(?:unless\s+otherwise\s+(?:stated|noted|"
    r"indicated),?\s+)?all\s+(?:amounts|figures))[^.;]{0,40}?\b(?:are\s+)?(?:in|expressed\s+in|"
    r"presented\s+in|reported\s+in)\s+(?P<which>canadian|australian|new\s+zealand|singapore|"
    r"hong\s+kong)\s+dollars\b|\b(?:montants|chiffres)[^.;]{0,40}?\ben\s+dollars\s+"
    r"(?P<which_fr>canadiens|australiens)\b")
#: The action just told, named again: "this purchase", "the acquisition", "cet achat".
_THIS_ACTION = re.compile(r"\b(?:this|the|these|that|cet|cette|ces|l'|la|le|les)\s*(?:latest\s+|"
                          r"recent\s+|dernier\s+|derniere\s+)?(?:purchases?|acquisitions?|sales?|"
                          r"achats?|ventes?|cessions?|"
                          # "The transaction represents about $40 million", "L'opération"
                          r"transaction|deal)\b|"
                          # "The bill came to $212 million", "La facture s'élève à ..."
                          r"\b(?:the|la|l')\s*(?:bill|tab|price\s+tag|outlay|facture|addition)\b")
_COST_VERB = re.compile(r"\b(?:cost|costing|costs|for|totall?ing|totall?ed|amounting\s+to|"
                        r"amounted\s+to|came\s+to|ran\s+to|"
                        r"worth|a\s+coute|coutant|pour|s'eleve\s+a|s'elevant\s+a|d'un\s+montant\s+"
                        r"de|represents?|represente|representait)\b"
                        r"[^.;$]{0,20}$")
#: A period named by reference to the one just given.
_SAME_PERIOD = re.compile(r"\b(?:during|over|in|within)\s+(?:the\s+)?(?:same|this|that)\s+"
                          r"(?:period|time(?:\s+frame)?|week|window)\b|\b(?:sur|au cours de|"
                          r"pendant|durant)\s+(?:la\s+)?(?:meme\s+periode|cette\s+periode)\b")
#: A sentence about the coins just named: "The bitcoins were acquired between ...".
_THE_SAME = re.compile(r"^\s*(?:(?:the|these|those|such|les|ces)\s+|l')(?:\w+\s+){0,2}?(?:bitcoins?|btc|"
                       r"coins?|purchases?|acquisitions?|sales?|achats?|acquisitions?)\b|"
                       r"^\s*(?:the\s+company|it|they|elle|la\s+societe|l'entreprise)\s+"
                       r"(?:\w+\s+){0,2}?(?:purchased|acquired|bought|sold|a\s+achete|a\s+acquis|"
                       r"a\s+vendu)\s+(?:the|these|its|les|ces|ses)\s+(?:bitcoins?|btc|coins?)\b")
#: A period that names a deal: "ses obligations de mars 2025", "the notes of May".
_NAMES_A_DEAL = re.compile(r"\b(?:dettes?|debts?|notes?|obligations?|emprunts?|loans?|bonds?|"
                           r"offerings?|placements?|agreements?|accords?|contrats?|programmes?|"
                           r"programs?)\s+(?:convertibles?\s+|senior\s+)?(?:de|d'|of|from|du)\s*$")
#: An earlier report cited: "according to an earlier report", "previously reported".
_PRIOR_REPORT = re.compile(r"\b(?:in|from|per|according\s+to)\s+(?:a|an|its|the|their)\s+(?:prior|"
                           r"previous|earlier|last)\s+(?:\w+\s+)?(?:update|report|release|"
                           r"announcement|filing|statement)|\bpreviously\s+(?:reported|announced|"
                           r"disclosed)|\b(?:dans|lors\s+d')\s+(?:une|sa|son|la|le)\s+precedente?\s+"
                           # ("sa dernière mise à jour" is its latest: this one)
                           r"(?:mise\s+a\s+jour|annonce|communique|rapport)|"
                           # "Under a week ago, Decrypt reported about Acme acquiring $1.2 million"
                           r"\bago,?\s+(?:[\w.&'-]+\s+){1,3}?(?:reported|said|wrote|noted)\b|"
                           r"\b(?:reported|wrote)\s+(?:about|on)\s+")
#: The day a sales agreement was made: "under an August 1 agreement", "the Sales Agreement
#: dated May 1, 2025", "le contrat du 3 mars".
_AGREEMENT_DAY = re.compile(r"\b(?:under|per|pursuant\s+to)\s+(?:an?|the|its)\s+(?P<month>[a-z]+)\s+"
                            r"(?P<day>\d{1,2})(?:,\s*(?P<year>(?:19|20)\d{2}))?\s+(?:sales\s+|"
                            r"equity\s+distribution\s+|at-the-market\s+)?agreement\b")
#: A running total since the start of the year or quarter: "940 BTC year-to-date",
#: "N BTC depuis le début de l'année", "its year-to-date production to N BTC".
_TO_DATE_AFTER = re.compile(r"\s*(?:(?:mined|produced|purchased|sold|extraits|produits)\s+)?"
                            r"(?:(?P<what>year|quarter)[- ]to[- ]date\b|(?P<what4>ytd|qtd)\b|"
                            r"(?:so\s+far\s+)?this\s+(?P<what2>year|quarter)\b|depuis\s+le\s+debut\s+"
                            r"(?:de\s+|du\s+)?(?P<what3>l'annee|annee|trimestre))")
_SINCE_START = re.compile(r"\b(?:since\s+the\s+(?:start|beginning)\s+of\s+the\s+(?P<what>year|quarter)|"
                          r"depuis\s+le\s+debut\s+(?:de\s+|du\s+)?(?P<what2>l'annee|annee|trimestre)|"
                          r"so\s+far\s+this\s+(?P<what3>year|quarter)|(?P<what4>year|quarter)[- ]to[- ]date)\b")
_TO_DATE_BEFORE = re.compile(r"\b(?P<what>year|quarter)[- ]to[- ]date\s+(?:\w+\s+){0,2}?(?:of|to|at|"
                             r"was|were|reached|totall?(?:ed|ing))\s*(?:approximately\s+|about\s+)?$")
#: Holders that are no one company: the subject of a verb when right before it.
_OTHER_HOLDERS = re.compile(r"\b(?:etfs?|funds?|investors|(?:public|listed|other)\s+companies|companies|"
                            r"firms|miners|whales|institutions|governments?|countries|treasuries|"
                            r"nations|entreprises|societes(?:\s+cotees)?|fonds|investisseurs|mineurs|"
                            r"pays|etats|baleines)\s+(?:\w+\s+){0,2}?$")
_FUNDED_PURCHASE = re.compile(
    r"^(?=.*\b(?:fund(?:ed|ing|s)?|financ(?:ed|ing|e|es)|paid\s+for|pay\s+for|used|finance[es]*|"
    r"payee?s?)\b)(?=.*\b(?:the|these|this|those|ces|cet|cette|l')\s*(?:purchases?|"
    r"acquisitions?|buys?|achats?)\b)|^.*\b(?:same|that)\s+(?:period|week)\b|^.*\bmeme\s+periode\b")
#: A period that dates when something began ("a strategy launched in November 2024"), not
#: the figure beside it.
_LAUNCHED = re.compile(r"\b(?:launched|began|begun|started|adopted|founded|created|initiated|"
                       r"announced|unveiled|introduced|lancee?s?|adoptee?s?|creee?s?|fondee?s?|"
                       r"initiee?s?|debutee?s?|annoncee?s?)\s+(?:\w+\s+)?(?:in|on|en|le|au|"
                       r"du)?\s*$|"
                       # "adopted bitcoin as its primary treasury reserve asset in August 2020"
                       r"\b(?:launched|began|started|adopted|initiated|lancee?s?|adoptee?s?)\s+"
                       r"(?:its|their|the|a|son|sa|le|la|l')?\s*(?:bitcoin|btc|treasury|strategy|"
                       r"tresorerie|strategie)\b[^.;,\d]{0,50}?\s(?:in|on|en|le|au|du)\s*$|"
                       # "which started buying the leading cryptocurrency in July"
                       r"\b(?:started|began|begun|commenced|a\s+commence)\s+(?:buying|acquiring|"
                       r"accumulating|purchasing|a\s+acheter|d'acheter)\s+(?:[\w-]+\s+){0,4}?"
                       r"(?:(?:in|on|en|le)\s*)?$")
#: More ways to write a split: "a 10:1 stock split", "a ten-for-one stock split", "a ratio of
#: 10 shares for every 1 share", "each share will be split into 10 shares", "une division de
#: ses actions à raison de 10 pour 1".
_NUMBER_WORD = (r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
                r"un|une|deux|trois|quatre|cinq|dix|vingt")
#: A change in how many ordinary shares one American Depositary Share stands for.
_ADS_RATIO = re.compile(
    r"\bfrom\s+(?P<a>\d+)\s+(?:ordinary\s+)?shares?\s+(?:per|for\s+each|to\s+(?:one|1))\s+"
    r"(?:ads|adr)s?\s+to\s+(?P<b>\d+)\s+(?:ordinary\s+)?shares?\s+(?:per|for\s+each|to\s+"
    r"(?:one|1))\s+(?:ads|adr)\b|"
    r"\b(?:ads|adr|american\s+depositary\s+shares?)\s+(?:\(ads\)\s+)?ratio\s+(?:\w+\s+){0,3}?from\s+"
    r"(?:one|1)[- ](?:for|to|:)[- ](?P<c>\d+)\s+to\s+(?:one|1)[- ](?:for|to|:)[- ](?P<d>\d+)\b|"
    r"\b(?:ads|adr)\s+ratio\s+to\s+(?:one|1)[- ](?:for|to|:)[- ](?P<f>\d+)\s+from\s+(?:one|1)"
    r"[- ](?:for|to|:)[- ](?P<e>\d+)\b|"
    r"\bde\s+(?P<g>\d+)\s+actions?\s+(?:ordinaires?\s+)?(?:par|pour\s+(?:une|1))\s+ads\s+a\s+"
    r"(?P<h>\d+)\s+actions?\s+(?:ordinaires?\s+)?(?:par|pour\s+(?:une|1))\s+ads\b")
_SPLIT_MORE = re.compile(
    rf"\b(?P<a>{_NUMBER_WORD})\s*(?:[-\s]for[-\s]|:|[-\s]to[-\s])\s*(?P<b>{_NUMBER_WORD})\s+"
    rf"(?:forward\s+|reverse\s+)?(?:stock\s+|share\s+)?split|split\s+(?:\w+\s+){{0,4}}?(?:ratio|rate)"
    rf"\s+of\s+(?P<c>\d+)\s+(?:new\s+)?(?:shares?\s+)?(?:for|to)\s+(?:every\s+|each\s+)?"
    rf"(?P<d>\d+)|\b(?:each|every)\s+(?:\w+\s+){{0,3}}?shares?\s+(?:\w+\s+){{0,3}}?split\s+into\s+"
    rf"(?P<e>\d+|{_NUMBER_WORD})\s+(?:new\s+)?shares|division\s+(?:\w+\s+|d'|l'){{0,6}}?(?:a\s+"
    rf"raison\s+de|selon\s+(?:un|une)\s+(?:ratio|parite)\s+de|avec\s+une\s+parite\s+de|de)\s+"
    rf"(?P<g>\d+)\s+(?:actions?\s+)?(?:nouvelles?\s+)?(?:pour|contre)\s+(?P<f>\d+)")


def _number_word(text: str | None) -> str | None:
    if text is None:
        return None
    if text.isdigit():
        return text
    words = {**_COUNTS, "un": 1, "une": 1, "fifteen": 15, "twenty": 20, "dix": 10,
             "vingt": 20}
    value = words.get(text)
    return str(value) if value else None


#: A sentence about the deal the one before it named: "The deal included ...".
_ANAPHORA = re.compile(r"\s*(?:the|this|that|these|those|ce|cette|cet|ces|l')\s*(?:deal|offering|"
                       r"financing|transaction|round|raise|placement|operation|levee|emission|"
                       r"offre|financement|tour de table|purchase|repurchase|buyback|acquisition|"
                       r"achat|rachat|sale|vente)s?\b")
#: The day something takes effect: "effective April 1, 2025", "prendra effet le 1er avril".
_TAKES_EFFECT = re.compile(r"(?:effective|takes?\s+effect|took\s+effect|effective\s+date|"
                           r"becomes?\s+effective|became\s+effective|prendra\s+effet|prend\s+effet|a\s+pris\s+effet"
                           r"|entrera\s+en\s+vigueur|a\s+compter\s+du|avec\s+effet|effectif|effective"
                           # "will begin trading on a split-adjusted basis on May 30", "giving
                           # effect to the reverse split on", "seront négociées sur une base
                           # ajustée à compter du"
                           r"|(?:split[- ])?adjusted\s+basis(?:\s+(?:giving\s+effect\s+to|reflecting)"
                           r"\s+the\s+(?:reverse\s+)?(?:stock\s+|share\s+)?split)?|giving\s+effect\s+to"
                           r"\s+the\s+(?:reverse\s+)?(?:stock\s+|share\s+)?split"
                           r"|base\s+ajustee(?:\s+a\s+compter\s+du)?"
                           # "effective at the opening of trading on the exchange on
                           # Monday,"
                           r"|effective\s+(?:prior\s+to|before|at|upon|as\s+of)\s+the\s+(?:commencement|"
                           r"opening|open|start)\s+of\s+trading(?:\s+on\s+(?:the\s+)?[a-z\s]{0,40}?)?"
                           r"\s+on\s+(?:(?:monday|tuesday|wednesday|thursday|friday),?\s+)?)\s*"
                           r"(?:on|as\s+of|from|at|le|du|date\s+(?:of|is)|:)?\s*(?:the\s+)?"
                           r"(?:(?:market\s+)?open(?:ing)?\s+(?:of\s+)?(?:trading\s+)?(?:on\s+)?)?$")
#: "for the period ending 30th June 2024": the last day of what a report covers.
_PERIOD_ENDING = re.compile(r"(?:period|year|quarter|month|semester|exercice|periode|annee|"
                            r"trimestre|semestre)\s+(?:ended|ending|clos|close|cloture|"
                            r"terminee?|achevee?)\s+(?:on\s+|le\s+|au\s+)?(?:the\s+)?$")
#: A balance "at year-end", "at the end of the period", "en fin d'exercice": as of the last
#: day of the period the report covers.
#: "N BTC on its balance sheet", "N BTC en trésorerie": coins held, whatever verb came before.
_ON_BALANCE_SHEET = re.compile(r"\s*(?:(?:self-mined|mined|produced|unencumbered)\s+)?(?:\$?btc|"
                               r"bitcoins?|xbt)?\s*(?:\([^)]{0,20}\)\s*)?(?:held\s+)?(?:on|in|au|"
                               r"en|dans)\s+(?:the\s+|its\s+|their\s+|its\s+own\s+|son\s+|sa\s+)?"
                               r"(?:balance\s+sheet|treasury|tresorerie|bilan)\b")
_AT_PERIOD_END = re.compile(
    r"\b(?:ended|ending|closed|closing|finished|finishing|exited|exiting|concluded|"
    r"concluding|wrapped\s+up)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:year|quarter|month|"
    r"period|half)|q[1-4]|h[12]|fy)(?:\s+(?:of\s+)?\d{4})?,?\s+(?:with|holding)\b|"
    rf"\b(?:ended|closed|finished|exited|concluded|termine|cloture)\s+(?:the\s+month\s+of\s+|"
    rf"le\s+mois\s+(?:de\s+|d')?)?(?:{_MONTHS_EN_FR})(?:\s+\d{{4}})?,?\s+(?:with|holding|"
    rf"avec)\b|\b(?:a\s+)?(?:termine|clos|cloture|"
    r"acheve)\s+(?:le|la|l')\s*(?:\w+\s+)?(?:trimestre|mois|exercice|annee|semestre|periode)"
    r"(?:\s+\d{4})?\s+avec\b|"
    r"\b(?:at|by|as of|as at)\s+(?:the\s+)?(?:fiscal\s+|financial\s+)?(?:year|quarter|month|"
    r"period)[- ]end\b|\b(?:year|quarter|month|period)[- ]end\b|\b(?:at|by)\s+(?:the\s+)?end\s+"
    r"of\s+the\s+(?:fiscal\s+|financial\s+)?(?:year|quarter|month|period)\b|\b(?:a\s+la\s+|en\s+)"
    r"fin\s+(?:de\s+l'exercice|d'exercice|de\s+(?:la\s+)?periode|du\s+(?:trimestre|mois|semestre)"
    r"|d'annee|de\s+mois|de\s+trimestre|de\s+semestre)\b|\ben\s+cloture\b")
#: A period named before the report on it: "its first-quarter shareholder letter", "Q3 2025
#: results", "ses résultats du T3" is read by _REPORT_FOR.
_REPORT_AFTER = re.compile(r"\s*(?:(?:19|20)\d{2}\s+)?(?:shareholder\s+letter|letter\s+to\s+"
                           r"shareholders|(?:financial\s+|operating\s+)?results|earnings|report|"
                           r"production\s+(?:and\s+operations\s+)?update|update)\b")
#: A period named as what a report covers: "update for March 2024", "bilan du mois d'avril".
_REPORT_FOR = re.compile(r"(?:updates?|production|results|report|rapport|bilan|mise a jour|"
                         r"resultats|operations)\s+(?:\w+\s+){0,3}(?:for|pour|du mois d'|"
                         r"de|of)\s+(?:the\s+|le\s+|la\s+|l')?(?:month\s+of\s+|mois\s+d')?$")


def _is_heading(line: str, folded: str, index: int) -> bool:
    """A title or heading: the first line, or a short line that is not a sentence (no final
    full stop) and not a table cell."""
    text = line.strip()
    if not text or len(text) > 140 or text.endswith((".", "|", ":", ",", ";")):
        return False
    return index == 0 or len(re.findall(r"\w+", text)) >= 2

def _row_type(label: str) -> str | None:
    """The record a table row's label names, or None (rates, prices, hash rate, capacity,
    values in dollars, percentages are not bitcoin amounts)."""
    if not label or re.search(r"per day|par jour|/ ?day|average|avg|moyen|price|prix|hash|"
                              r"eh/s|th/s|\bmw\b|efficien|watts|miners|mineurs|value|valeur|"
                              r"\$|usd|proceeds|produit de|%|percent|target|objectif|"
                              r"comparison|change|"
                              # "Calendar year-to-date bitcoin mined: 3,260": a running total
                              r"year[- ]to[- ]date|\bytd\b|to date|cumulati|since inception|"
                              r"depuis le debut|cumul", label):
        return None
    if not (_BITCOIN.search(label) or re.search(r"\b(?:mined|produced|mines|extraits)\b",
                                                 label)):
        return None
    for kind, words in (("btc_mined", r"mined|produced|production|mines|extraits|produits"),
                        ("btc_sold", r"sold|sales?|vendus|ventes?|cedes"),
                        ("btc_purchased", r"purchased|bought|acquired|achetes|acquis"),
                        ("btc_balance_disclosed", r"held|holdings?|detenus?|reserves?|"
                                                  r"balance|detention")):
        if re.search(rf"\b(?:{words})\b", label):
            return kind
    return None


def _cell_value(cell: str, lang: str) -> tuple[Decimal, str] | None:
    """A table cell that is one number (a footnote marker glued after it is dropped:
    "2,906 1" is not read, "318" is); None otherwise."""
    text = cell.strip().rstrip("*\u2020\u2021")
    m = re.fullmatch(r"(\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
                     r"(?:\s*(?:btc|bitcoins?))?", fold(text))
    if not m:
        return None
    value = parse_number(text[:m.end(1)], lang)
    return (value, text) if value is not None else None


class Reader:
    """Reads a document line by line, keeping the latest period for lines that name none."""

    def __init__(self, lines: list[str], lang: str, disclosed: str | None = None,
                 company: str | None = None):
        self.lines, self.lang, self.disclosed = lines, lang, disclosed
        self.names = _company_names(lines, company)
        self.section_owner: str | None = None  # another company a heading opened a section on
        capitalised: dict[str, int] = {}
        for line in lines:
            for m in _CAPITALISED.finditer(line):
                capitalised[fold(m.group(1))] = capitalised.get(fold(m.group(1)), 0) + 1
        self.proper = {w for w, n in capitalised.items() if n >= 2}
        # A text on several companies (a miners' round-up, a rival's figures in an aside):
        # every bitcoin figure is given to the company that governs it, the name its clause
        # or sentence has as subject, or else the last one named as a subject or heading
        # before it ("it", "the company", "la société" take that one up). Only the document's
        # company's figures are drafted; a figure no company governs is not.
        self.company = company
        self.known = _known_companies(lines, self.proper)
        self.own = _own_names(lines, company, self.names)
        # A text that names other companies but never the document's own (by its ticker or
        # a name the ticker abbreviates, "the Tokyo-listed firm" throughout): a figure a
        # named other governs is that other's; one no name governs is left as read.
        self.blind = not self.own and bool(self.known) and any(
            not _same_company(w.capitalize(), self.names) for w in self.known)
        self.several = bool(self.own) and any(
            not any(w in n or n in w for n in self.own if len(n) >= 3) and w not in self.own
            for w in self.known)
        # Before any sentence has a company as subject, the figures are the first company's
        # the text names if that is the document's ("Acme Buys 120 BTC" as title), or no one's
        # (a round-up opening on the whole sector).
        first = next((w for line in lines for w in _CAPITALISED.findall(line)
                      if fold(w).rstrip(".") not in _NOT_NAMES and (
                          fold(w).rstrip(".") in self.known or fold(w).rstrip(".") in self.own)),
                     None)
        self.governor: str | None = first if first is not None and _same_company(
            first, self.own) else None
        # "Unless noted otherwise, all amounts are in Canadian Dollars ("CAD")": a
        # "$" in this document is not a US dollar unless written US$ or USD.
        said = _FOREIGN_DOLLARS.search(" ".join(fold(x) for x in lines))  # wrapped lines too
        self.foreign_dollars: str | None = (said.group("which") or said.group("which_fr")) \
            if said else None
        self.context: Mention | None = None        # latest quarter/month/year
        self.year: tuple[str, int] | None = None   # latest year given, as (phrase, line)
        self.proposals: list[Proposal] = []
        self.context_at: list[Mention | None] = []  # the heading in force at each line
        self.disclosed = disclosed
        self.folded = [fold(line) for line in lines]
        self._folded_line = ""
        # A quote in another language (an English post inside a French article) writes its
        # numbers its own way: lines long enough to tell are read in their own language.
        self.line_lang = [detect_language(line, lang) if len(re.findall(r"[a-z']+", f)) >= 8 else lang
                          for line, f in zip(lines, self.folded)]
        self.mentions = [_joined(self._resolve(sorted(
            (found := mentions(line, self.folded[i], i + 1, self.line_lang[i]))
            + yearless(line, self.folded[i], i + 1, found), key=lambda m: m.start)),
            self.folded[i]) for i, line in enumerate(lines)]
        self._fiscal_quarters()
        self.report = self._report_period()

    def _launched(self, number: int) -> set[int]:
        """Where the periods that date a launch start on a line (computed once a line)."""
        cache = self.__dict__.setdefault("_launched_at", {})
        if number not in cache:
            folded = self.folded[number - 1]
            cache[number] = {m.start for m in self.mentions[number - 1]
                             if _LAUNCHED.search(folded[max(0, m.start - 60):m.start])}
        return cache[number]

    def _fiscal_quarters(self) -> None:
        """"Acme's first quarter ended September 30, 2025", "le premier trimestre clos le
        30 septembre 2025": a company whose year does not start in January names its quarters by
        their place in its fiscal year. Once the text says which calendar quarter its "first
        quarter" ended with, its other bare or fiscal mentions of that quarter ("in the first
        quarter", "Q1 F2026") are that calendar quarter, not the calendar year's first."""
        ended = re.compile(r"\b(?P<ord>first|second|third|fourth|premier|deuxieme|troisieme|"
                           r"quatrieme)\s+(?:fiscal\s+)?(?:quarter|trimestre)(?:\s+(?:of\s+)?"
                           r"(?:fiscal\s+|l'exercice\s+)?(?:year\s+)?(?:f|fy)?\s?\d{4})?\s+"
                           r"(?:that\s+)?(?:ended|ending|clos|cloture|termine)\s+(?:on\s+|le\s+|au\s+)?$")
        fiscal: dict[int, tuple[str, int]] = {}
        for i, found in enumerate(self.mentions):
            folded = self.folded[i]
            for m in found:
                if m.kind not in ("date", "quarter") or not m.effective:
                    continue
                before = ended.search(folded[max(0, m.start - 80):m.start])
                if m.kind == "quarter" and before is None:
                    # the quarter-ended phrase read as a whole ("first quarter ended June 30",
                    # its ordinal just before it)
                    before = re.search(r"\b(?P<ord>first|second|third|fourth|premier|deuxieme|"
                                       r"troisieme|quatrieme)\s+(?:fiscal\s+)?$",
                                       folded[max(0, m.start - 20):m.start]) or re.match(
                        r"(?P<ord>first|second|third|fourth|premier|deuxieme|troisieme|"
                        r"quatrieme)\b", fold(m.text))
                    if before is None or not re.search(r"\b(?:ended|ending|clos|termine)\b",
                                                       fold(m.text)):
                        continue
                if before is None:
                    continue
                number = _ORDINALS[before["ord"]]
                calendar = int(m.effective[5:7]) if m.kind == "date" else None
                if m.kind == "date":
                    if calendar not in (3, 6, 9, 12) or m.effective[8:] not in (
                            "31", "30") or (calendar, m.effective[8:]) in ((6, "31"), (9, "31")):
                        continue
                    quarter = calendar // 3
                else:
                    quarter = int(m.effective[-1])
                if quarter != number:
                    fiscal[number] = (f"{m.effective[:4]}-Q{quarter}", quarter)
        if not fiscal:
            return
        for i, found in enumerate(self.mentions):
            for j, m in enumerate(found):
                if m.kind != "quarter" or m.quarter not in fiscal or m.comparison:
                    continue
                text = fold(m.text)
                if re.search(r"\b(?:ended|ending|clos|termine)\b", text):
                    continue  # the quarter-ended phrase itself: already its calendar quarter
                if re.search(r"(?:19|20)\d{2}", text) and not re.search(
                        r"\bf(?:y)?\s?(?:19|20)?\d{2}\b|fiscal|exercice", text):
                    continue  # "the first quarter of 2024": a calendar quarter written out
                effective, quarter = fiscal[m.quarter]
                found[j] = Mention(effective, m.kind, m.line, m.start, m.end, m.text,
                                   m.comparison, m.end_of, m.year_from, quarter)

    def _report_period(self) -> Mention | None:
        """The period the document reports on, if it names one that had ended when it was
        published: in a heading or title ("March 2024 production", "Acme results for the six
        months ended June 30, 2024") or as what a report covers ("full-year results for
        the period ending 30th June 2024", "le bilan du mois d'avril"). A balance stated
        "at year-end" or "now" in such a report is as of that period's last day."""
        for i, found in enumerate(self.mentions):
            heading = _is_heading(self.lines[i], self.folded[i], i)
            for m in found:
                if not m.effective or m.comparison:
                    continue
                lead = self.folded[i][max(0, m.start - 50):m.start]
                covers = _REPORT_FOR.search(lead) or _PERIOD_ENDING.search(lead) or \
                    _REPORT_AFTER.match(self.folded[i][m.end:]) or (
                    # "Acme mined 341 BTC in September": a monthly production update (not
                    # "Previously, Acme had already mined 402 BTC in October": a month recalled)
                    m.kind == "month" and BTC_ACTIONS["btc_mined"].search(lead)
                    and not re.search(r"\b(?:had|previously|earlier|already|auparavant|deja|"
                                      r"avait|avaient|precedemment)\b",
                                      self.folded[i][max(0, m.start - 120):m.start]))
                if not covers and not (heading and m.kind in ("month", "quarter", "range")):
                    continue
                if m.kind == "date" and not _PERIOD_ENDING.search(lead):
                    continue
                try:
                    end = _last_day(m.effective)
                except ValueError:
                    continue
                if self.disclosed is None or end >= self.disclosed:
                    continue
                return m
        return None

    def _resolve(self, found: list[Mention]) -> list[Mention]:
        """Give each bare quarter the year of the latest earlier period with one."""
        out = []
        for m in found:
            if m.effective is None and m.quarter is not None and self.year is None and \
                    self.disclosed is not None:
                # No year named yet: the latest such quarter by the publication date.
                year = int(self.disclosed[:4])
                if m.quarter > (int(self.disclosed[5:7]) - 1) // 3 + 1:
                    year -= 1
                published = f"published {self.disclosed}"
                m = Mention(f"{year}-Q{m.quarter}", m.kind, m.line, m.start, m.end, m.text,
                            m.comparison, m.end_of, (published, 0), m.quarter)
            if m.effective is None and m.quarter is not None and self.year is not None:
                year = re.search(r"(?:19|20)\d{2}", self.year[0])
                assert year
                m = Mention(f"{year.group(0)}-Q{m.quarter}", m.kind, m.line, m.start, m.end,
                            m.text, m.comparison, m.end_of, self.year, m.quarter)
            if m.effective is None and m.kind in ("month", "date", "year", "range") and \
                    m.quarter is None and self.disclosed is not None:
                m = self._dated_by_publication(m, self.disclosed)
            if m.effective is None and m.quarter is None:
                continue
            if m.effective is not None and not m.comparison and m.year_from is None and \
                    re.search(r"(?:19|20)\d{2}", m.text):
                # (a year written in full: "Dec-23" gives a month, not a year to lend)
                self.year = (m.text, m.line)
            out.append(m)
        return out

    @staticmethod
    def _dated_by_publication(m: Mention, disclosed: str) -> Mention:
        """A month, day or range without its year, or a year relative to now: the latest
        such period by the publication date ``disclosed``."""
        now = (int(disclosed[5:7]), int(disclosed[8:10]))
        if m.weekday is not None:
            published = date.fromisoformat(disclosed)
            back = (published.weekday() - m.weekday) % 7
            day = published.fromordinal(published.toordinal() - back).isoformat()
            return Mention(day, "date", m.line, m.start, m.end, m.text, m.comparison,
                           m.end_of, (f"published {disclosed}", 0))
        if m.months_back:
            index = int(disclosed[:4]) * 12 + int(disclosed[5:7]) - 1 - m.months_back
            return Mention(f"{index // 12}-{index % 12 + 1:02d}", "month", m.line, m.start,
                           m.end, m.text, m.comparison, m.end_of, (f"published {disclosed}", 0))
        year = int(disclosed[:4]) - m.back
        month, day = m.month or 12, m.day or 1
        last = m.until or (month, day)
        if m.ahead and last < now:
            year += 1  # "the split takes effect April 1", written in February: this year's
        elif not m.back and last > now and not m.ahead:
            year -= 1
        if m.kind == "year":
            effective = str(year)
        elif m.kind == "month":
            effective = f"{year}-{month:02d}"
        elif m.kind == "date":
            effective = f"{year}-{month:02d}-{day:02d}"
        else:
            first = year if (month, day) <= last else year - 1
            effective = f"{first}-{month:02d}-{day:02d}/{year}-{last[0]:02d}-{last[1]:02d}"
        try:
            parse_period(effective)
        except ValueError:
            return m
        return Mention(effective, m.kind, m.line, m.start, m.end, m.text, m.comparison,
                       m.end_of, (f"published {disclosed}", 0))

    def read(self) -> list[Proposal]:
        seen: set[str] = set()
        for i, line in enumerate(self.lines):
            number = i + 1
            folded = self.folded[i]
            # A page that prints its summary twice ("Acme buys another 120 BTC" as teaser and
            # as lead): the repeated line tells nothing new, so it is not read again.
            said = " ".join(folded.split())
            if len(said) >= 40 and said in seen:
                self.context_at.append(self.context)
                continue
            seen.add(said)
            found = figures(line, folded, self.line_lang[i],
                            self.folded[i + 1][:40] if i + 1 < len(self.lines) else "")
            # "May 2024 Bitcoin Production": a year inside a period is not a figure.
            found = [f for f in found if not any(m.start <= f.start < m.end and m.effective
                                                 for m in self.mentions[i])]
            heading = _is_heading(line, folded, i)
            if heading and i > 0 and len(line.split()) <= 12:
                # "Kestrel Labs Expands Bitcoin Treasury" as a heading inside an article
                # on another company: what follows, up to the next heading, is Kestrel's.
                acts = _HEADING_ACTS.match(line.strip())
                named = acts.group(1).strip() if acts and any(
                    fold(w).rstrip(".") not in _NOT_NAMES
                    for w in _CAPITALISED.findall(acts.group(1))) else None
                if named is not None and not any(
                        fold(w).rstrip(".") in self.proper and fold(w).rstrip(".") not in
                        _NOT_NAMES and fold(w).rstrip(".") not in _METRIC_WORDS
                        for w in _CAPITALISED.findall(named)):
                    named = None  # "Average Operational Hash Rate Increases 2%": a metric
                self.section_owner = named if named is not None and self.names and \
                    not _same_company(named, self.names) else None
            if (self.several or self.blind) and (named := self._name_line(line)) is not None:
                self.governor = named  # "2. Rivalco Mining (RVLC):" over Rivalco's figures
            elif self.several or self.blind:
                for start, end in _sentences(folded):
                    self._govern(line, folded, start, end)
                    if found and any(start <= f.start < end for f in found):
                        break  # the rest of the line is governed as its figures are read
            if found:
                sentences = _sentences(folded)
                for at, (start, end) in enumerate(sentences):
                    inside = [f for f in found if start <= f.start < end]
                    if (self.several or self.blind) and at > 0:
                        self._govern(line, folded, start, end)
                    if inside:
                        self._sentence(number, line, folded, start, end, inside)
                    if at + 1 < len(sentences):
                        # "its report for the 2023 fiscal year. ... production rose to 7,726
                        # BTC": a year a sentence names frames the next ones on its line too.
                        self._frame(folded, [m for m in self.mentions[i]
                                             if start <= m.start < end])
            self._capital(number, line, folded)
            for m in self.mentions[i]:
                # A quarter or a year frames what follows; a month or a date names when
                # one thing happened, so it does not carry over to other lines, unless it
                # is in a heading or title ("February 2023 Production Update") or names what
                # a report covers ("an update for October 2022").
                if not m.effective or m.comparison:
                    continue
                if m.kind == "year" and m.year_from is not None:
                    continue  # "its investment last year": a passing mention, not a frame
                if re.search(r"\bfrom\s+(?:~|about|approximately)?\s*[\d,.]+\s*[\w/%$]*\s+"
                             r"(?:in|at\s+the\s+end\s+of|en|fin)\s*$",
                             folded[max(0, m.start - 40):m.start]):
                    continue  # "from 7 EH/s in 2022 to 24.7 EH/s": the comparison's year
                if _TARGET.search(folded[max(0, m.start - 60):m.start]) or _PLANNED.search(
                        folded[max(0, m.start - 40):m.start]):
                    continue  # "the big goal for 2025", "d'ici 2026": a target's year
                if m.kind in ("quarter", "year") or (m.kind in ("month", "range") and (
                        heading or _REPORT_FOR.search(folded[max(0, m.start - 40):m.start])
                        # "For the month of June 2025:" over a list: the list's period
                        or re.search(r"\b(?:for|during|in|pour|en|au\s+cours\s+d[eu]|entre|"
                                     r"between)\b[^.;]{0,30}$",
                                     folded[max(0, m.start - 40):m.start] + " "
                                     + fold(m.text)[:8])
                        and re.fullmatch(r"[^.;]{0,80}:\s*", folded[m.end:]))):
                    self.context = m
            self.context_at.append(self.context)
        self._tables()
        self._cost_on_the_next_label_line()
        self._shares_sold_label_lines()
        self._rows_by_period()
        self._shares_sold_then_proceeds()
        self._kpis_as_of_the_balance()
        self._funding_in_the_purchase_period()
        self._period_said_apart()
        self._cost_said_apart()
        self._balance_after_this_purchase()
        self._dated_by_the_post()
        self._purchase_by_the_balance_day()
        self._issue_on_its_closing_day()
        self._balance_after_an_earlier_flow()
        self._sales_since_the_agreement()
        self._drop_parts_of_a_total()
        self._holdings_cost_is_no_purchase()
        self._change_told_as_a_purchase()
        self._equity_total_of_rows()
        self._headline_cost()
        self._sale_proceeds()
        self._foreign_dollars_are_not_usd()
        self._rounded_restatements()
        return self.proposals

    def _rounded_restatements(self) -> None:
        """"bringing its holdings to nearly 418 BTC" in the summary, "stood at 417.66 BTC" in
        the body: a balance the text calls approximate, within 1% of one it states exactly,
        is that one rounded, not a holding of its own day."""
        exact = [p for p in self.proposals if p.type == "btc_balance_disclosed"
                 and p.figures and not p.figures[0].approximate and not p.figures[0].rounded]
        self.proposals = [p for p in self.proposals if not (
            p.type == "btc_balance_disclosed" and p.figures and p.figures[0].approximate
            and any(q is not p and q.fields["btc"] != p.fields["btc"]
                    and abs(q.fields["btc"] - p.fields["btc"]) <= q.fields["btc"] / 100
                    for q in exact))]

    def _cost_on_the_next_label_line(self) -> None:
        """An 8-K's "Label: value" lines: "BTC Acquired: 1,045" then "Aggregate Purchase Price
        (in millions): $110.2" (the next lines, before an "As of" block or a holdings line) give
        the purchase its dollars, at the scale the label names; "Shares Sold: 1,354,500" then
        "Net Proceeds (in millions): $519.5" are one issue. A cost after the holdings' line is
        the holdings' aggregate cost: no purchase's."""
        for q in [q for q in self.proposals if q.type == "btc_purchased" and "usd" not in q.fields
                  and re.match(r"\s*[-\u2022*]?\s*(?:btc|bitcoins?)\s+(?:acquired|purchased|"
                               r"bought|achetes|acquis)\s*:", self.folded[q.line - 1])]:
            for j in range(q.line, min(q.line + 3, len(self.lines))):
                text = self.folded[j]
                if re.match(r"\s*(?:as\s+of|au\s+|aggregate\s+(?:btc|bitcoin)\s+holdings|"
                            r"(?:btc|bitcoin)\s+holdings)", text):
                    break
                m = re.match(r"\s*[-\u2022*]?\s*(?:aggregate\s+|total\s+)?(?:purchase\s+price|cost|"
                             r"prix\s+d'achat(?:\s+total)?|cout\s+total)\s*(?:\((?:in\s+|en\s+)?"
                             r"(?P<scale>millions|thousands|billions|milliers|milliards)\))?\s*:\s*"
                             r"(?:us\s?)?\$?\s*(?P<n>\d[\d,.\s]*?)\s*(?:\$|usd|dollars)?\s*$", text)
                if m is None:
                    continue
                value = parse_number(self.lines[j][m.start("n"):m.end("n")].strip(),
                                     self.line_lang[j])
                if value is None:
                    break
                value *= {"millions": Decimal(10) ** 6, "billions": Decimal(10) ** 9,
                          "milliards": Decimal(10) ** 9, "thousands": Decimal(1000),
                          "milliers": Decimal(1000)}.get(m["scale"] or "", Decimal(1))
                q.fields["usd"] = value
                q.figures.append(Figure("usd", value, m.start("n"), m.end("n"),
                                        self.lines[j][m.start("n"):m.end("n")], bool(m["scale"]),
                                        False, j + 1))
                break

    def _shares_sold_label_lines(self) -> None:
        """"Shares Sold: 1,354,500" then "Net Proceeds (in millions): $519.5" (an 8-K's ATM
        lines, under the period that introduces them): one issue."""
        for i, text in enumerate(self.folded):
            m = re.match(r"\s*[-\u2022*]?\s*(?:(?:class\s+a\s+)?(?:common\s+)?(?:stock\s+)?shares?|"
                         r"actions?)\s+(?:sold|issued|vendues|emises)\s*:\s*(?P<n>\d[\d,.\s]*?)\s*$",
                         text)
            if m is None or any(q.line == i + 1 for q in self.proposals):
                continue
            shares = parse_number(self.lines[i][m.start("n"):m.end("n")].strip(),
                                  self.line_lang[i])
            if not shares:
                continue
            for j in range(i + 1, min(i + 4, len(self.lines))):
                u = re.match(r"\s*[-\u2022*]?\s*(?:net|gross)\s+proceeds\s*(?:\((?:in\s+)?"
                             r"(?P<scale>millions|thousands|billions)\))?\s*:\s*(?:us\s?)?\$\s*"
                             r"(?P<n>\d[\d,.]*)\s*$|\s*[-\u2022*]?\s*produit\s+(?:net|brut)\s*(?:\(en\s+"
                             r"(?P<scale_fr>millions|milliers|milliards)\))?\s*:\s*(?P<nf>\d[\d\s,.]*?)"
                             r"\s*(?:\$|dollars|usd)\s*$", self.folded[j])
                if u is None:
                    continue
                group = "n" if u["n"] else "nf"
                value = parse_number(self.lines[j][u.start(group):u.end(group)].strip(),
                                     self.line_lang[j])
                if value is None:
                    break
                value *= {"millions": Decimal(10) ** 6, "billions": Decimal(10) ** 9,
                          "milliards": Decimal(10) ** 9, "thousands": Decimal(1000),
                          "milliers": Decimal(1000)}.get(u["scale"] or u["scale_fr"] or "",
                                                        Decimal(1))
                figs = [Figure("shares", shares, m.start("n"), m.end("n"),
                               self.lines[i][m.start("n"):m.end("n")], False, False, i + 1),
                        Figure("usd", value, u.start(group), u.end(group),
                               self.lines[j][u.start(group):u.end(group)], True, False, j + 1)]
                p = Proposal("equity_issued", i + 1, {"usd": value, "shares": shares}, figs,
                             cue="shares sold")
                frame = self.context_at[i] if i < len(self.context_at) else None
                if frame is not None and frame.kind in ("range", "month") and frame.effective:
                    p.period, p.period_how = frame, "context"
                elif self.disclosed is not None:
                    p.period = Mention(self.disclosed[:7], "month", 0, 0, 0,
                                       f"published {self.disclosed}")
                    p.period_how = "disclosed"
                self.proposals.append(p)
                break

    def _shares_sold_then_proceeds(self) -> None:
        """"From June 2 to June 8 it sold 804,300 shares through its agents. Net proceeds
        from these sales were $318 million.": one issue, over the first sentence's range (the
        same in French: "a vendu ... actions ... Le produit net de ces ventes s'est élevé à")."""
        for i, folded in enumerate(self.folded):
            sentences = _sentences(folded)
            for at, (a, b) in enumerate(sentences):
                sold = re.search(r"\b(?:sold|issued|a\s+vendu|a\s+emis|ont\s+ete\s+vendues)\s+"
                                 r"(?:a\s+total\s+of\s+|au\s+total\s+)?(?P<n>\d[\d,.\s]*\d|\d)\s+"
                                 r"(?:(?:of\s+its\s+)?(?:class\s+a\s+)?(?:common\s+)?shares|actions)\b",
                                 folded[a:b])
                if sold is None or any(q.line == i + 1 and q.type == "equity_issued"
                                       for q in self.proposals):
                    continue
                nxt = [(i, c, d) for c, d in sentences[at + 1:at + 2]]
                if not nxt and i + 1 < len(self.folded):
                    nxt = [(i + 1, c, d) for c, d in _sentences(self.folded[i + 1])[:1]]
                for j, c, d in nxt:
                    text = self.folded[j][c:d]
                    if not re.search(r"\bproceeds\s+(?:from|of)\s+(?:these|the|such|those)\s+"
                                     r"(?:sales|issuances|shares)\b|\bproduit\s+(?:net\s+|brut\s+)?"
                                     r"(?:de\s+ces|des)\s+(?:ventes|cessions|emissions)\b", text):
                        continue
                    usd = [f for f in figures(self.lines[j], self.folded[j], self.line_lang[j])
                           if f.kind == "usd" and c <= f.start < d]
                    shares = parse_number(self.lines[i][a + sold.start("n"):a + sold.end("n")],
                                          self.line_lang[i])
                    if len(usd) != 1 or not shares:
                        continue
                    money = usd[0]
                    money = Figure(money.kind, money.value, money.start, money.end, money.text,
                                   money.rounded, money.approximate, j + 1)
                    count = Figure("shares", shares, a + sold.start("n"), a + sold.end("n"),
                                   self.lines[i][a + sold.start("n"):a + sold.end("n")], False,
                                   False, i + 1)
                    p = Proposal("equity_issued", i + 1, {"usd": money.value, "shares": shares},
                                 [count, money], cue="sold")
                    span = next((m for m in self.mentions[i] if m.kind == "range" and m.effective
                                 and a <= m.start < b), None)
                    if span is not None:
                        p.period, p.period_how = span, "sentence"
                    elif self.disclosed is not None:
                        p.period = Mention(self.disclosed[:7], "month", 0, 0, 0,
                                           f"published {self.disclosed}")
                        p.period_how = "disclosed"
                    else:
                        continue
                    self.proposals.append(p)

    def _rows_by_period(self) -> None:
        """A pipe table whose rows are periods and whose columns are measures (an 8-K's "|
        Period | BTC Acquired | Aggregate Purchase Price (in millions) | ... |" then "| June 2,
        2025 - June 8, 2025 | 1,045 | $110.2 | ... |"): each row's purchase (with the price
        column at its scale), sale, production or holding, dated by the row's period."""
        header: list[str] | None = None
        header_period: Mention | None = None
        for number, cells in self._cells():
            line = self.lines[number - 1]
            if "|" not in line or len(cells) < 2:
                header = None if "|" not in line else header
                continue
            dated = [m for m in self.mentions[number - 1] if m.effective and not m.comparison]
            kinds = [_row_type(fold(c)) for c in cells[1:]]
            if any(kinds) and not any(_cell_value(c, self.line_lang[number - 1]) for c in
                                      cells[1:]):
                header = [fold(c) for c in cells]
                # "| As of June 8, 2025 | Aggregate BTC Holdings | ... |": the rows' day
                header_period = dated[0] if dated and dated[0].start < len(
                    line) - len(line.lstrip(" |")) + len(cells[0]) + 2 else None
                continue
            if header is None:
                continue
            if len(cells) == len(header) - 1 and header_period is not None:
                cells = [""] + cells  # the period is the header's; the row's first cell empty
                found = [header_period]
            elif len(cells) == len(header):
                found = [m for m in dated if m.start < fold(line).find(fold(cells[1]))]
            else:
                continue
            if not found or any(q.line == number for q in self.proposals):
                continue
            period = found[0]
            if len(found) >= 2 and all(m.kind == "date" for m in found[:2]) and \
                    found[0].effective < found[1].effective:
                # "| June 2, 2025 - June 8, 2025 |": one range
                period = Mention(f"{found[0].effective}/{found[1].effective}", "range",
                                 number, found[0].start, found[1].end,
                                 line[found[0].start:found[1].end])
            purchase: Proposal | None = None
            for label, cell in zip(header[1:], cells[1:]):
                kind = _row_type(label)
                read = _cell_value(cell.lstrip("$").strip(), self.line_lang[number - 1])
                if read is None:
                    continue
                value, text = read
                if kind is not None:
                    p = Proposal(kind, number, {"btc": value},
                                 [Figure("btc", value, 0, 0, text, False, False, number)],
                                 cue=label)
                    p.period = _period_end(period) if kind == "btc_balance_disclosed" and \
                        period.kind != "date" else period
                    p.period_how = "line"
                    self.proposals.append(p)
                    purchase = p if kind == "btc_purchased" else purchase
                elif purchase is not None and cell.strip().startswith("$") and re.search(
                        r"^(?:aggregate\s+|total\s+)?purchase\s+price|^(?:aggregate\s+|total\s+)?"
                        r"cost\b", label) and "usd" not in purchase.fields:
                    scale = re.search(r"\((?:in\s+)?(millions|thousands|billions)\)", label)
                    value *= {"millions": Decimal(10) ** 6, "billions": Decimal(10) ** 9,
                              "thousands": Decimal(1000)}.get(scale.group(1) if scale else "",
                                                             Decimal(1))
                    purchase.fields["usd"] = value
                    purchase.figures.append(Figure("usd", value, 0, 0, cell, bool(scale), False,
                                                   number))

    _USD_FIELDS = ("usd", "revenue_usd", "net_income_usd", "adjusted_ebitda_usd", "principal_usd",
                   "conversion_price_usd")

    def _foreign_dollars_are_not_usd(self) -> None:
        """In a document whose "$" is declared to be Canadian (or another country's)
        dollars, an amount written with "$" alone is not in US dollars: it is left out of the
        usd fields (named in the review), and a record left with no amount is not proposed."""
        if self.foreign_dollars is None:
            return
        keep = []
        for q in self.proposals:
            for name in self._USD_FIELDS:
                value = q.fields.get(name)
                if not isinstance(value, Decimal):
                    continue
                source = [f for f in q.figures if f.kind == "usd" and f.value == value]
                if source and not any(re.search(r"\bus\s?\$|\busd\b|\bu\.s\.", f.text.lower())
                                      for f in source):
                    del q.fields[name]
                    q.doubts.append(f"{_quote(source[0].text)} is in {self.foreign_dollars} "
                                    f"dollars, as the document says: not {name}")
            if not q.fields or (q.type == "results_reported" and not any(
                    n in q.fields for n in self._USD_FIELDS)):
                continue
            keep.append(q)
        self.proposals = keep

    def _frame(self, folded: str, found: list[Mention]) -> None:
        """The year or quarter a sentence names as what a report covers ("presented its
        report for the 2023 fiscal year"), as the frame of the next sentences (see read)."""
        for m in found:
            if not m.effective or m.comparison or m.kind not in ("quarter", "year"):
                continue
            if m.kind == "year" and m.year_from is not None:
                continue
            if not (_REPORT_FOR.search(folded[max(0, m.start - 40):m.start]) or
                    re.search(r"\b(?:report|results|rapport|resultats)\s+(?:\w+\s+){0,2}?(?:for|of|"
                              r"on|de|du|sur)\s+(?:the|its|l'|le|la)?\s*$",
                              folded[max(0, m.start - 40):m.start])):
                continue  # only the period a report is said to cover frames what follows
            self.context = m

    def _sale_proceeds(self) -> None:
        """"Le produit net de la cession s'élève à 100 millions de dollars", "net proceeds from
        the sale were $100 million": the dollars of the one sale the text gives without them."""
        sales = [q for q in self.proposals if q.type == "btc_sold"]
        unpriced = [q for q in sales if "btc" in q.fields and "usd" not in q.fields]
        if len(unpriced) != 1 or len(sales) != 1:
            return
        found: list[Figure] = []
        for i, folded in enumerate(self.folded):
            for m in _SALE_PROCEEDS.finditer(folded):
                g = next((g for g in figures(self.lines[i], folded, self.line_lang[i])
                          if g.kind == "usd" and 0 <= g.start - m.end() <= 50 and not re.search(
                              r"\d", folded[m.end():g.start])), None)
                if g is not None:
                    found.append(Figure("usd", g.value, g.start, g.end, g.text, g.rounded,
                                        g.approximate, i + 1))
        if len({g.value for g in found}) == 1:
            unpriced[0].fields["usd"] = found[0].value
            unpriced[0].figures.append(found[0])

    def _headline_cost(self) -> None:
        """"Acme Buys Another $187M in Bitcoin" over a body that says "purchased 1,860
        bitcoin" without a price: the title's dollars are that one purchase's cost."""
        purchases = [q for q in self.proposals if q.type == "btc_purchased"]
        counted = [q for q in purchases if "btc" in q.fields and "usd" not in q.fields]
        if len(counted) != 1:
            return
        costs: dict[Decimal, Figure] = {}
        for i, line in enumerate(self.lines):
            if not _is_heading(line, self.folded[i], i):
                continue
            for g in figures(line, self.folded[i], self.line_lang[i]):
                if g.kind == "usd" and re.match(r"\s*(?:in|of|worth\s+of|en|de|d')\s*(?:btc|"
                                                r"bitcoins?)\b", self.folded[i][g.end:]) and \
                        not _HELD_LEAD.search(line[max(0, g.start - 40):g.start]):
                    costs[g.value] = Figure("usd", g.value, g.start, g.end, g.text, g.rounded,
                                            g.approximate, i + 1)
        for q in purchases:  # "Acme Buys $187M in Bitcoin" already read as a purchase
            folded = self.folded[q.line - 1]
            if set(q.fields) == {"usd"} and _is_heading(self.lines[q.line - 1], folded,
                                                        q.line - 1) and not _HELD_LEAD.search(
                    self.lines[q.line - 1][max(0, q.figures[0].start - 40):q.figures[0].start]):
                costs.setdefault(q.fields["usd"], q.figures[0])
        if len(costs) != 1:
            return
        [(value, fig)] = costs.items()
        if any(q.fields.get("usd") == value and "btc" in q.fields for q in purchases):
            return  # the title repeats a purchase the body prices already
        target = counted[0]
        target.fields["usd"] = value
        target.figures.append(fig if fig.line else Figure(
            fig.kind, fig.value, fig.start, fig.end, fig.text, fig.rounded, fig.approximate, 1))
        target.doubts.append(f"usd from the title ({_quote(fig.text)})")
        self.proposals = [q for q in self.proposals if not (
            q.type == "btc_purchased" and set(q.fields) == {"usd"} and q.fields["usd"] == value)]

    def _announcement_day(self) -> Mention | None:
        """The one day, a week or less before publication, that the text says the company
        announced what it reports ("a annoncé mardi 4 novembre", "said on Monday, March 3")."""
        if self.disclosed is None:
            return None
        published = date.fromisoformat(self.disclosed)
        days = {m.effective: m for i, found in enumerate(self.mentions) for m in found
                if m.kind == "date" and m.effective and len(m.effective) == 10 and
                0 <= (published - date.fromisoformat(m.effective)).days <= 7 and (
                    _ANNOUNCED_AFTER.match(self.folded[i][m.end:m.end + 260]) or
                    _ANNOUNCED_BEFORE.search(self.folded[i][max(0, m.start - 40):m.start]) or
                    re.search(r"(?:announced|annoncee?s?|a\s+annonce|said|a\s+indique)\s*(?:le\s+)?$",
                              self.folded[i][max(0, m.start - 20):m.start]) or
                    self._signed_by_the_company(i, m))}
        if not days:  # "a indiqué mardi", "said on Monday": the latest such day
            for i, folded in enumerate(self.folded):
                for w in _ANNOUNCED_WEEKDAY.finditer(folded):
                    back = (published.weekday() - _WEEKDAYS[w.group("weekday")]) % 7
                    day = (published - timedelta(days=back)).isoformat()
                    days.setdefault(day, Mention(day, "date", i + 1, w.start("weekday"),
                                                 w.end("weekday"), w.group("weekday")))
        return next(iter(days.values())) if len(days) == 1 else None

    def _signed_by_the_company(self, i: int, m: Mention) -> bool:
        """Whether the day is the signature of a post the company itself wrote, quoted in
        the text ("... - Acme (@AcmeCorp) November 4, 2025"): the day it announced."""
        sig = re.search(r"-\s*([^()\-]{1,40}?)\s*\(@[\w]+\)\s*$",
                        self.folded[i][max(0, m.start - 60):m.start])
        return sig is not None and any(
            fold(w).rstrip(".") in self.own for w in _CAPITALISED.findall(
                self.lines[i][max(0, m.start - 60):m.start][sig.start(1):sig.end(1)]))

    def _issue_on_its_closing_day(self) -> None:
        """"Acme completed a $0.8 billion offering of convertible notes ... The company
        finalized the offering on June 9": an issue dated by nothing but the publication
        took place on the one day the text says an offering closed."""
        days = {m.effective: m for i, found in enumerate(self.mentions) for m in found
                if m.kind == "date" and m.effective and not m.comparison and
                _OFFERING_CLOSED.search(self.folded[i][max(0, m.start - 80):m.start])}
        if len(days) != 1:
            return
        [day] = days.values()
        for q in self.proposals:
            if q.type in ("equity_issued", "notes_issued") and q.period_how == "disclosed" and \
                    day.effective[:7] == (self.disclosed or "")[:7]:
                q.period, q.period_how = day, "line"

    def _funding_in_the_purchase_period(self) -> None:
        """"The purchase was funded through the sale of 385,260 shares": equity or notes
        dated by nothing but the publication, said to pay for the one purchase the text
        dates with a range, happened over that range."""
        ranged = [q for q in self.proposals if q.type == "btc_purchased" and q.period is not None
                  and q.period.kind == "range" and q.period_how == "sentence"]
        if len({_effective(q) for q in ranged}) != 1:
            return
        for q in self.proposals:
            if q.type in ("equity_issued", "notes_issued") and q.period_how == "disclosed" and \
                    _FUNDED_PURCHASE.search(self.folded[q.line - 1]):
                q.period, q.period_how = ranged[0].period, "line"

    def _cost_said_apart(self) -> None:
        """"Acme has acquired an additional 27,200 bitcoin. ... this purchase, made between
        October 31 and November 10, cost approximately $2.03 billion": the dollars (and the
        period) of the one purchase told just before without them, not a second purchase."""
        for q in list(self.proposals):
            if q.type not in ("btc_purchased", "btc_sold") or "btc" not in q.fields or \
                    "usd" in q.fields or not q.figures:
                continue
            folded = self.folded[q.line - 1]
            here = next(((a, b) for a, b in _sentences(folded)
                         if a <= q.figures[0].start < b), None)
            if here is None:
                continue
            after = [(q.line, a, b) for a, b in _sentences(folded) if a >= here[1]]
            if q.line < len(self.lines):
                after += [(q.line + 1, a, b) for a, b in _sentences(self.folded[q.line])[:2]]
            for number, a, b in after[:2]:
                text = self.folded[number - 1]
                # "..., bringing its total investment to about $27 million for this latest
                # acquisition", "soit 27 millions de dollars pour ce dernier achat": the
                # dollars named as this purchase's after them
                named = [f for f in figures(self.lines[number - 1], text,
                                            self.line_lang[number - 1])
                         if a <= f.start < b and f.kind == "usd" and re.match(
                             r"\s*(?:for|in|on|pour)\s+(?:this|the|that|cet|cette|ce)\s+(?:latest\s+|"
                             r"recent\s+|new\s+|dernier\s+|derniere\s+|nouvel\s+|nouveau\s+)?"
                             r"(?:purchase|acquisition|buy|achat)\b", text[f.end:b])]
                said = _THIS_ACTION.search(text, a, b)
                if len(named) == 1 and q.type == "btc_purchased":
                    usd = named
                elif said is None:
                    continue
                else:
                    usd = [f for f in figures(self.lines[number - 1], text,
                                              self.line_lang[number - 1])
                           if a <= f.start < b and f.kind == "usd" and f.start > said.end()]
                    if len(usd) != 1 or not _COST_VERB.search(
                            text[max(said.end(), usd[0].start - 30):usd[0].start]):
                        continue
                q.fields["usd"] = usd[0].value
                q.figures.append(Figure("usd", usd[0].value, usd[0].start, usd[0].end,
                                        usd[0].text, usd[0].rounded, usd[0].approximate,
                                        number))
                ranges = [m for m in self.mentions[number - 1] if m.kind == "range"
                          and m.effective and a <= m.start < b]
                if len(ranges) == 1 and q.period_how in ("disclosed", "context"):
                    q.period, q.period_how = ranges[0], "line"
                # the dollars drafted on their own from that sentence are this purchase's
                self.proposals = [o for o in self.proposals if not (
                    o is not q and o.line == number and "btc" not in o.fields
                    and o.type == q.type and o.figures
                    and o.figures[0].start == usd[0].start)]
                break

    def _period_said_apart(self) -> None:
        """A flow dated by nothing but the publication, whose period the text gives in a
        sentence of its own: "Additionally, during the same period, it acquired 300 BTC"
        (the period of the flow told just before), "It bought 300 BTC for about $27 million.
        The bitcoins were acquired between March 3 and March 9" (a sentence with the
        same verb, a range and no amount of its own, right after)."""
        for q in self.proposals:
            # "in a filing dated Nov. 25, reported the acquisition ...; the company bought the
            # coins between Nov. 18 and 24": a month taken from the day of the news is
            # no better than the publication's.
            announced = q.period is not None and q.period.kind == "month" and \
                q.period_how == "sentence" and bool(re.search(r"(?<!\d)\d{1,2}(?!\d)",
                                                              q.period.text))
            if q.type not in _FLOWS or q.period_how not in ("disclosed", "context") and \
                    not announced or not q.figures:
                continue
            folded = self.folded[q.line - 1]
            sentences = _sentences(folded)
            here = next(((a, b) for a, b in sentences if a <= q.figures[0].start < b), None)
            if here is None:
                continue
            if not announced and q.period_how == "disclosed" and re.match(
                    r"\s*(?:meanwhile|at\s+the\s+same\s+time|pendant\s+ce\s+temps|dans\s+le\s+meme"
                    r"\s+temps|parallelement)\b", folded[here[0]:here[1]]):
                # "The firm sold 1,640 coins in July ... Meanwhile, only 1,080 coins were
                # mined": the period of the flow told just before
                before = [o for o in self.proposals if o is not q and o.type in _FLOWS
                          and o.period is not None and o.period_how == "sentence" and o.figures
                          and (o.line, o.figures[0].start) < (q.line, q.figures[0].start)
                          and q.line - o.line <= 1]
                if before:
                    q.period, q.period_how = before[-1].period, "line"
                continue
            if not announced and _SAME_PERIOD.search(folded[here[0]:here[1]]):
                before = [o for o in self.proposals if o is not q and o.type in _FLOWS
                          and o.period is not None and o.period_how == "sentence"
                          and o.period.kind == "range" and o.figures and (
                              o.line, o.figures[0].start) < (q.line, q.figures[0].start)]
                if before:
                    q.period, q.period_how = before[-1].period, "line"
                continue
            if q.type not in ("btc_purchased", "btc_sold"):
                continue
            verb = BTC_ACTIONS[q.type]
            # The sentences after it on its line, then the next line's first sentence.
            after = [(q.line, a, b) for a, b in sentences if a >= here[1]]
            if q.line < len(self.lines):
                nxt = _sentences(self.folded[q.line])
                after += [(q.line + 1, a, b) for a, b in nxt[:1]]
            for number, a, b in after[:2]:
                text = self.folded[number - 1][a:b]
                ranges = [m for m in self.mentions[number - 1] if m.kind == "range"
                          and m.effective and a <= m.start < b and not m.comparison]
                here_folded = self.folded[number - 1]
                amounts = [f for f in figures(self.lines[number - 1], here_folded,
                                              self.line_lang[number - 1])
                           if a <= f.start < b and f.kind in ("btc", "usd", "fx")
                           # "au prix moyen d'environ 87 750 $ par bitcoin, et porte son total
                           # à 641 380 BTC": a unit price and the holding after it are not
                           # the flow's own amount
                           and not re.match(r"\s*(?:par|per|a|/)\s*(?:bitcoin|btc|coin|unit)",
                                            here_folded[f.end:f.end + 20])
                           and not re.search(r"\btotal\w*\s+(?:\w+\s+){0,2}?(?:to|a|de)\s*$|"
                                             r"\bholdings\s+(?:\w+\s+){0,2}?to\s*$",
                                             here_folded[max(a, f.start - 40):f.start])]
                if not ranges:  # "The purchase was completed on June 5", "... finalisé mardi"
                    ranges = [m for m in self.mentions[number - 1] if m.kind == "date"
                              and m.effective and a <= m.start < b and not m.comparison
                              and re.search(r"\b(?:completed|closed|finali[sz]ed|settled|made|"
                                            r"executed|finalisee?|realisee?|effectuee?|conclue?)"
                                            r"(?:\s+on|\s+le)?\s",
                                            self.folded[number - 1][max(a, m.start - 30):
                                                                    m.end])]
                if len(ranges) == 1 and not amounts and verb.search(text) and \
                        _THE_SAME.search(text):
                    q.period, q.period_how = ranges[0], "line"
                    break

    def _balance_after_this_purchase(self) -> None:
        """"This purchase increased Acme's total holdings to 296,300 BTC", "Following this
        acquisition, its holdings have increased to ...": the balance the purchase just told
        (over a range of days) brought the company to is as of the range's last day, not of
        the publication; unless the sentence says it is held now ("now holds")."""
        for q in self.proposals:
            if q.type != "btc_balance_disclosed" or not q.figures or \
                    q.period_how not in ("disclosed", "line", "sentence") or \
                    (q.period is not None and q.period.kind != "date"):
                continue
            folded = self.folded[q.line - 1]
            here = next(((a, b) for a, b in _sentences(folded)
                         if a <= q.figures[0].start < b), None)
            if here is None:
                continue
            lead = folded[here[0]:q.figures[0].start]
            same_sentence = re.search(
                r"\b(?:bringing|brings|raising|taking|lifting|pushing|boosting|increasing|"
                r"portant)\s+(?:its\s+|the\s+|total\s+|ses\s+)?(?:[\w-]+\s+){0,3}?(?:to|a)\s*"
                r"(?:approximately\s+|about\s+)?$", lead) and any(
                o.type == "btc_purchased" and o.line == q.line and o.figures and
                here[0] <= o.figures[0].start < q.figures[0].start for o in self.proposals)
            if not same_sentence and not re.search(r"(?:\b(?:this|the|that|cet|cette)\s+|\bl')(?:latest\s+|recent\s+|"
                             r"new\s+|dernier\s+|derniere\s+)?(?:purchase|acquisition|buy|achat)\b"
                             r"[^.;]{0,120}\b(?:increas\w*|rais\w*|brought|bringing|brings|took|"
                             r"taking|lift\w*|push\w*|boost\w*|porte|portant|pousse|poussant)\b"
                             r"|^\s*following\s+(?:this|the)\s+(?:latest\s+)?(?:purchase|"
                             r"acquisition)\b", lead) or re.search(
                                 r"\b(?:now|currently|today|desormais|maintenant)\b", lead):
                continue
            told = [o for o in self.proposals if o.type == "btc_purchased" and o.period
                    is not None and o.period.kind == "range" and o.period.effective
                    and o.period_how in ("sentence", "line")
                    and q.line - 2 <= o.line <= q.line and o.figures
                    and (o.line, o.figures[0].start) < (q.line, q.figures[0].start)]
            if not told:
                continue
            span = told[-1].period
            end = span.effective.split("/")[-1]
            if len(end) != 10:
                continue
            q.period = Mention(end, "date", span.line, span.start, span.end, span.text,
                               span.comparison, True, span.year_from)
            q.period_how = "line"

    def _dated_by_the_post(self) -> None:
        """A post quoted in an article, signed on the line after it with its author, handle
        and day ("— Jane Doe (@janedoe) August 1, 2025"): what the post says it "now" holds
        is as of that day, and a flow it tells dated by nothing else is of that day's month
        (not the article's, often published days later)."""
        for q in self.proposals:
            if q.period_how != "disclosed" or not q.figures:
                continue
            after = q.line
            while after < len(self.lines) and not self.lines[after].strip():
                after += 1
            if after >= len(self.lines) or after - q.line > 1 or not re.match(
                    r"\s*[\u2014\u2013-]{1,2}\s*[^()]{1,80}?\(@\w+\)", self.lines[after]):
                continue
            day = next((m for m in self.mentions[after] if m.kind == "date" and m.effective
                        and len(m.effective) == 10), None)
            if day is None or (self.disclosed is not None and day.effective > self.disclosed):
                continue
            if q.type == "btc_balance_disclosed":
                q.period, q.period_how = day, "line"
            elif q.type in _FLOWS:
                q.period, q.period_how = _month_of(day), "line"

    def _purchase_by_the_balance_day(self) -> None:
        """"With this purchase of 420 BTC, Acme brings its total to 6,420 BTC as of March
        30", "Avec cet achat de 420 BTC, Acme porte ses avoirs à 6 420 BTC au 30 mars": a
        purchase dated by nothing but the publication, told in the
        sentence of the balance it brought the company to, was made by that balance's day:
        it takes that day's month (when the day is in an earlier month than the
        publication's, and no more than 40 days before it)."""
        if self.disclosed is None:
            return
        published = date.fromisoformat(self.disclosed)
        for q in self.proposals:
            if q.type != "btc_purchased" or q.period_how != "disclosed" or not q.figures:
                continue
            folded = self.folded[q.line - 1]
            sentences = _sentences(folded)
            at = next((i for i, (a, b) in enumerate(sentences)
                       if a <= q.figures[0].start < b), None)
            if at is None:
                continue
            # its sentence or the next ("It bought 420 BTC for $30 million. As of March 30, it
            # holds 6,420 BTC.")
            here = (sentences[at][0], sentences[min(at + 1, len(sentences) - 1)][1])
            balances = [o for o in self.proposals if o.type == "btc_balance_disclosed"
                        and o.line == q.line and o.figures and o.period is not None
                        and o.period.kind == "date" and o.period_how in ("sentence", "line")
                        and here[0] <= o.figures[0].start < here[1]
                        and o.figures[0].start > q.figures[0].start]
            if not balances:
                continue
            day = balances[0].period
            try:
                when = date.fromisoformat(day.effective)
            except (TypeError, ValueError):
                continue
            if not (when.year, when.month) < (published.year, published.month) or \
                    (published - when).days > 40:
                continue
            q.period = _month_of(day)
            q.period_how = "line"

    def _sales_since_the_agreement(self) -> None:
        """"Funded by selling up to $1.5 billion of shares under a July 8 agreement. Acme
        had sold 6,315,240 shares for $874 million as of October 3": shares sold under
        an agreement, counted as of a day, were sold from the agreement's day to that day."""
        for q in self.proposals:
            if q.type != "equity_issued" or q.period is None or q.period.kind != "date" or \
                    q.period_how != "sentence" or not q.period.effective:
                continue
            folded = self.folded[q.line - 1]
            if not (_AS_OF.search(folded[max(0, q.period.start - 12):q.period.start]) or
                    re.match(r"(?:as of|as at|au|en date du)\b", fold(q.period.text))):
                continue
            here = next(((a, b) for a, b in _sentences(folded) if a <= q.period.start < b), None)
            if here is None:
                continue
            months = _month_numbers()
            starts = set()
            for i in range(max(0, q.line - 2), q.line):
                text = self.folded[i] if i + 1 < q.line else self.folded[i][:here[1]]
                for a in _AGREEMENT_DAY.finditer(text):
                    month, day = months.get(a.group("month")), int(a.group("day"))
                    year = int(a.group("year") or q.period.effective[:4])
                    try:
                        start = date(year, month or 0, day).isoformat()
                    except ValueError:
                        continue
                    if start < q.period.effective:
                        starts.add(start)
            if len(starts) == 1:
                start = starts.pop()
                q.period = Mention(f"{start}/{q.period.effective}", "range", q.line,
                                   q.period.start, q.period.end, f"{start} to {q.period.text}")

    def _balance_after_an_earlier_flow(self) -> None:
        """"It came after another acquisition of 1,080 BTC in August, which had brought its total
        holdings to 23,700 BTC": the balance after a flow the sentence dates by an earlier
        month, quarter or year is as of a day the text does not give; it is not the balance
        on the day of publication. Left out (a balance needs its day)."""
        if self.disclosed is None:
            return
        keep = []
        for q in self.proposals:
            if q.type == "btc_balance_disclosed" and q.period_how in ("disclosed", "line") \
                    and q.figures:
                folded = self.folded[q.line - 1]
                here = next(((a, b) for a, b in _sentences(folded)
                             if a <= q.figures[0].start < b), None)
                if here is not None and re.search(
                        r"\b(?:now|currently|today|desormais|actuellement|aujourd'hui)\b",
                        folded[max(here[0], q.figures[0].start - 40):q.figures[0].start]):
                    keep.append(q)  # "... in March, and now holds 1,200 BTC": today's
                    continue
                earlier = here is not None and any(
                    o.type in _FLOWS and o.line == q.line and o.figures
                    and here[0] <= o.figures[0].start < here[1] and o.period is not None
                    and o.period_how == "sentence" and o.period.kind in ("month", "quarter",
                                                                          "year")
                    and o.period.effective is not None
                    and _last_day(o.period.effective) < self.disclosed[:8] + "01"
                    for o in self.proposals)
                if earlier:
                    continue
            keep.append(q)
        self.proposals = keep

    def _drop_parts_of_a_total(self) -> None:
        """"Acquisition of 5 BTC" in the title, then "2.5 BTC" and "2.5 BTC" for the two
        operations it was made of: the parts, stated on their own lines, add up to the total
        of the same kind and period, so they are the total's detail, not more records."""
        for kind in ("btc_purchased", "btc_sold", "btc_mined"):
            same = [q for q in self.proposals if q.type == kind and "btc" in q.fields]
            for total in same:
                parts = [q for q in same if q.fields["btc"] < total.fields["btc"]
                         and _effective(q) == _effective(total) and q.line != total.line]
                if len(parts) >= 2 and sum(q.fields["btc"] for q in parts) == \
                        total.fields["btc"]:
                    self.proposals = [q for q in self.proposals if q not in parts]
                    total.doubts.append("made of " + " + ".join(
                        f"{canonical(q.fields['btc'])} BTC (line {q.line})" for q in parts))

    def _change_told_as_a_purchase(self) -> None:
        """"Acme Adds 1,764 Bitcoin" (a title) for the purchase of 1,764 BTC the text tells:
        the same coins, not a second record."""
        bought = {q.fields.get("btc") for q in self.proposals if q.type == "btc_purchased"}
        self.proposals = [q for q in self.proposals if not (
            q.type == "btc_change_disclosed" and q.fields.get("btc") in bought)]

    def _equity_total_of_rows(self) -> None:
        """"ATM sales: total net proceeds of $612.4 million", then a row for each class
        ("net proceeds $540.1 million", "net proceeds $72.3 million"): the total is the
        rows' sum, not one more issue."""
        amounts = []
        for i, folded in enumerate(self.folded):
            for g in figures(self.lines[i], folded, self.line_lang[i]):
                if g.kind == "usd" and re.search(r"\bproceeds\s+(?:of\s+)?(?:approximately\s+|"
                                                 r"about\s+)?$", folded[max(0, g.start - 30):g.start]):
                    amounts.append((i + 1, g.start, g.value))
        keep = []
        for q in self.proposals:
            usd = q.fields.get("usd")
            if q.type == "equity_issued" and "shares" not in q.fields and usd is not None:
                others = [v for (n, start, v) in amounts
                          if not (q.figures and n == (q.figures[0].line or q.line)
                                  and start == q.figures[0].start) and v != usd]
                if any(sum(c) == usd for r in (2, 3) for c in combinations(others, r)):
                    continue
            keep.append(q)
        self.proposals = keep

    def _holdings_cost_is_no_purchase(self) -> None:
        """"Overall, Acme's 1,140 BTC were acquired for $79.6 million": coins as many as a
        holding the text states, "acquired for" a sum, with no period of their own, are the
        whole holding and its aggregate cost, not one more purchase."""
        held = {q.fields["btc"] for q in self.proposals
                if q.type == "btc_balance_disclosed" and "btc" in q.fields}
        self.proposals = [q for q in self.proposals if not (
            q.type == "btc_purchased" and q.fields.get("btc") in held
            and q.period_how not in ("sentence", "line"))]

    @staticmethod
    def _cumulative(folded: str, s_start: int, s_end: int, anchor: Figure) -> bool:
        """A running total, not one period's flow: "since inception", "since 2021" or "to
        date" right after the figure or opening its sentence ("depuis sa création")."""
        after = folded[anchor.end:min(s_end, anchor.end + 45)]
        opening = folded[s_start:anchor.start]
        total = re.compile(r"\b(?:since\s+(?:its\s+|the\s+company's\s+)?(?:inception|founding|"
                           r"the\s+(?:start|beginning|launch)\s+of\s+its\s+(?:bitcoin\s+)?"
                           r"(?:strategy|program|treasury)|(?:it|the\s+company)\s+(?:began|started|"
                           r"adopted)|(?:19|20)\d{2}\b(?!\s*(?:-|/|to\b)))|to\s+date|all[- ]time|"
                           r"cumulative\w*|a\s+ce\s+jour|depuis\s+(?:sa\s+creation|le\s+lancement|le"
                           r"\s+debut\s+de\s+sa\s+strategie|(?:19|20)\d{2}\b))")
        if total.match(after.lstrip(" ,")) or re.match(r"\s*,?\s*(?:\w+\s+){0,4}?" + total.pattern,
                                                     after):
            return True
        if re.match(r"\s*(?:\w+\s+){0,3}?(?:in|during|over|en|between)\s+(?:19|20)\d{2}\s*(?:and|et|&|"
                    r"-|to|through|a)\s*(?:19|20)\d{2}\b", after):
            return True  # "bought 8,027 BTC in 2020 and 2021": history over several years
        head = re.match(r"\s*" + total.pattern, opening)
        # "the group has so far bought 37 BTC", "a jusqu'ici acquis", "37 BTC so far"
        return head is not None or bool(re.search(
            r"\b(?:(?:so|thus)\s+far|jusqu'(?:ici|a\s+present|a\s+maintenant))\b[^.;\d]{0,30}$",
            opening) or re.match(r"\s*(?:\w+\s+){0,3}?(?:(?:so|thus)\s+far|jusqu'(?:ici|a\s+"
                                 r"present|a\s+maintenant))\b", after))

    def _since_range(self, number: int, folded: str, s_start: int, anchor: Figure
                     ) -> Mention | None:
        """A total "since" a day, before the figure in its sentence: the range from that day
        to the "as of" day the sentence gives, else to the publication day."""
        m = re.compile(r"\b(?:since|depuis)\b").search(folded, s_start, anchor.start)
        if m is None or not re.search(r"(?:^\s*|[,;(]\s*|\b(?:that|and|et|qui|que)\s+)$",
                                      folded[s_start:m.start()]):
            # "... 250,000 shares since December 1, 2025": the day right after the figure.
            m = re.compile(r"\s*(?:\w+\s+){0,2}?(?:since|depuis)\s+(?:le\s+)?").match(
                folded, anchor.end)
            if m is None:
                return None
            found = self.mentions[number - 1]
            start = next((x for x in found if x.kind == "date" and x.effective and
                          m.end() - 3 <= x.start <= m.end() + 3), None)
            if start is None or self.disclosed is None or self.disclosed <= start.effective:
                return None
            return Mention(f"{start.effective}/{self.disclosed}", "range", start.line,
                           start.start, start.end, start.text)
        between = folded[m.end():anchor.start]
        if re.search(r"\b(?:largest|biggest|first|highest|lowest|plus|premier|record)\b",
                     between[:40]):
            return None
        found = self.mentions[number - 1]
        start = next((x for x in found if x.kind == "date" and x.effective and
                      m.end() <= x.start < min(anchor.start, m.end() + 70) and
                      not _AS_OF.search(folded[max(0, x.start - 16):x.start])), None)
        if start is None and re.match(r"\s*(?:the\s+)?effective\s+date|\s*(?:la\s+)?date\s+"
                                      r"(?:d'effet|de\s+prise\s+d'effet)", between):
            # "since its registration statement's effective date": the day the text said it
            # became effective.
            start = next((x for i in range(number - 1, -1, -1) for x in reversed(
                self.mentions[i]) if x.kind == "date" and x.effective and (
                    i < number - 1 or x.start < m.start()) and _TAKES_EFFECT.search(
                    self.folded[i][max(0, x.start - 45):x.start])), None)
        if start is None:
            return None
        end_day = next((x.effective for x in found if x.kind == "date" and x.effective and
                        x is not start and s_start <= x.start < len(folded) and
                        _AS_OF.search(folded[max(0, x.start - 16):x.start])), None) or \
            self.disclosed
        if end_day is None or end_day <= start.effective:  # type: ignore[operator]
            return None
        return Mention(f"{start.effective}/{end_day}", "range", start.line, start.start,
                       start.end, start.text)

    def _kpis_as_of_the_balance(self) -> None:
        """A BTC Yield the text dates by nothing but its start ("1 184,6 % depuis janvier")
        is measured on the holding the same text states: as of that balance's day (the
        latest one the text dates itself), not the day the article came out."""
        dated = [q for q in self.proposals if q.type == "btc_balance_disclosed" and
                 q.period is not None and q.period.kind == "date" and
                 q.period_how in ("sentence", "line") and q.period.effective]
        if not dated:
            return
        latest = max(dated, key=lambda q: q.period.effective)  # type: ignore[union-attr]
        day = latest.period.effective  # type: ignore[union-attr]
        for q in self.proposals:
            if q.type == "kpi_disclosed" and q.period_how == "disclosed" and \
                    str(q.fields.get("since", "9999")) <= day and \
                    (self.disclosed is None or day <= self.disclosed):
                q.period, q.period_how = latest.period, "line"

    # -- stock splits and share counts --

    def _capital(self, number: int, line: str, folded: str) -> None:
        """Stock splits ("a 4-for-1 stock split", "division par 10 du nominal", "1-for-20
        reverse split") and share counts ("As of May 12, 2025, there were 418,305,672
        shares of common stock outstanding"), each dated only by a day its sentence gives."""
        lang = self.line_lang[number - 1]
        for start, end in _sentences(folded):
            sentence = folded[start:end]
            dated = [m for m in self.mentions[number - 1] if m.kind == "date" and m.effective
                     and not m.comparison and start <= m.start < end]
            split = re.search(r"(?P<a>\d+)[- ](?:for|pour)[- ](?P<b>\d+)\s+(?:forward\s+|"
                              r"reverse\s+)?(?:stock\s+|share\s+)?split|split[^.]{0,40}?\b"
                              r"(?P<c>\d+)[- ]for[- ](?P<d>\d+)\b|division\s+(?:du\s+nominal\s+|"
                              r"de\s+l'action\s+)?par\s+(?P<e>\d+)|regroupement[^.]{0,60}?(?P<f>\d+)"
                              r"\s+(?:actions?\s+)?(?:nouvelles?\s+|anciennes?\s+|existantes?\s+)?"
                              r"pour\s+(?P<g>\d+)|split\s+each\s+(?:\w+\s+){0,6}?"
                              r"into\s+(?P<h>\d+)\s+(?:new\s+)?shares|chaque\s+action\s+(?:\w+\s+)"
                              r"{0,6}?divisee\s+en\s+(?P<i>\d+)\s+actions", sentence)
            other = None if split else _SPLIT_MORE.search(sentence)
            ads = None if split or other else _ADS_RATIO.search(sentence)
            if ads:
                # "from 5 ordinary shares per ADS to 20", "the ADS ratio from 1-for-20 to
                # 1-for-200": each ADS holds more shares, so for an
                # ADS holder it is a reverse split (4/10); the ordinary shares do not change
                split = ads
                a, b = ads["a"] or ads["c"] or ads["e"] or ads["g"], \
                    ads["b"] or ads["d"] or ads["f"] or ads["h"]
            elif other:  # "a 10:1 stock split", "a ten-for-one split", "à raison de 10 pour 1"
                split = other
                a = _number_word(other["a"] or other["c"] or other["e"] or other["g"])
                b = _number_word(other["b"] or other["d"] or other["f"] or "1")
            elif split:
                a = split["a"] or split["c"] or split["e"] or split["f"] or split["h"] or \
                    split["i"]
                b = split["b"] or split["d"] or ("1" if split["e"] or split["h"] or split["i"]
                                                 else split["g"])
            if split and a and b and int(b) > 0:
                ratio = Decimal(a) / Decimal(b)
                if other and ":" in other.group(0) and ratio < 1 and \
                        not re.search(r"reverse|consolidation|regroupement", sentence):
                    ratio = 1 / ratio  # "a 1:10 stock split" is also written for ten for one
                if ratio > 1 and re.search(r"reverse|consolidation|regroupement",
                                           sentence[split.start():split.end()]):
                    ratio = 1 / ratio  # "a 10-for-1 reverse share split": one for ten
                if ratio != 1 and "reverse" not in sentence[split.start():split.end()] or \
                        ratio < 1:
                    fig = Figure("ratio", ratio, start + split.start(), start + split.end(),
                                 line[start + split.start():start + split.end()], False, False)
                    p = Proposal("stock_split", number, {"ratio": ratio.normalize()}, [fig],
                                 cue="split")
                    self._date_capital(p, self._split_dates(number, start, end, dated), fig,
                                       "a stock split")
                    self.proposals.append(p)
            counts = list(re.finditer(
                r"(?P<n>\d{1,3}(?:[,.\s]\d{3})+|\d+)(?:\s+and\s+(?P<m>\d{1,3}(?:[,.\s]\d{3})+))?"
                r"\s+(?:shares|actions)\s+(?:of\s+(?:its\s+|the\s+company's\s+)?(?P<what>[\w\s,-]"
                r"{0,80}?))?(?:issued\s+and\s+)?(?:outstanding|en\s+circulation)\b", sentence))
            for m in counts[:1]:
                what = m["what"] or ""
                if re.search(r"preferred|warrants?|options?|units?|privilegi", what):
                    continue
                first = parse_number(m["n"], lang)
                second = parse_number(m["m"], lang) if m["m"] else None
                if not first or (m["m"] and second is None):
                    continue
                end_n = start + m.start() + len(m["n"])
                fig = Figure("shares", first, start + m.start(), end_n,
                             line[start + m.start():end_n], False, False)
                both_common = second is not None and len(re.findall(
                    r"\bcommon\b|\bordinary\b|\bordinaires?\b", what)) >= 2
                p = Proposal("shares_outstanding_disclosed", number,
                             {"shares": first + second if both_common and second else first},
                             [fig], cue="outstanding")
                if both_common:  # "N and M shares of Class A and Class B common stock"
                    p.doubts.append(f"shares is the sum of the two classes of common stock the "
                                    f"sentence gives ({m['n']} and {m['m']})")
                elif second is not None:  # not said to be common stock: the analyst decides
                    p.doubts.append(f"the sentence gives a second class too ({m['m']}): if both "
                                    "are common stock, shares is their sum")
                self._date_capital(p, dated, fig, "a share count")
                self.proposals.append(p)
            if counts:
                continue
            # "Acme's outstanding share capital currently stands at 118,400,250 ordinary
            # shares", "le capital social se compose à ce jour de 12 345 678 actions"
            capital = re.search(r"\b(?:(?:total\s+)?(?:outstanding\s+)?share\s+capital|capital\s+"
                                r"social)\s+(?:[\w']+\s+){0,3}?(?:is|was|stands\s+at|amounts\s+to|"
                                r"consists\s+of|est\s+(?:compose\s+)?de|se\s+compose\s+(?:\w+\s+){0,3}?de|"
                                r"s'eleve\s+a)\s+(?P<n>\d{1,3}(?:[,.\s\u202f\u00a0]\d{3})+)\s+"
                                r"(?:ordinary\s+|common\s+|ordinaires?\s+)?(?:shares|actions)\b",
                                sentence)
            if capital is None:
                continue
            value = parse_number(capital["n"], lang)
            if not value:
                continue
            at = start + capital.start("n")
            fig = Figure("shares", value, at, at + len(capital["n"]),
                         line[at:at + len(capital["n"])], False, False)
            p = Proposal("shares_outstanding_disclosed", number, {"shares": value}, [fig],
                         cue="share capital")
            if not dated and self.disclosed is not None and re.search(
                    r"\b(?:at\s+present|currently|today|as\s+of\s+today|a\s+ce\s+jour|"
                    r"actuellement|aujourd'hui)\b", sentence):
                # "at present": the day it was said, the publication's
                dated = [Mention(self.disclosed, "date", number, 0, 0,
                                 f"published {self.disclosed}")]
            self._date_capital(p, dated, fig, "a share count")
            if dated and p.period_how == "sentence" and dated[0].text.startswith("published"):
                p.period_how = "disclosed"
            self.proposals.append(p)

    def _split_dates(self, number: int, start: int, end: int, dated: list[Mention]
                     ) -> list[Mention]:
        """When a split happens: the day the text says it takes effect ("effective April 1,
        2025", "prendra effet le 1er avril"), in its sentence or anywhere in the text, else a
        day in its sentence that is not the announcement's or a record date."""
        def effective_days(i: int, lo: int = 0, hi: int | None = None) -> list[Mention]:
            folded = self.folded[i]
            return [m for m in self.mentions[i] if m.kind == "date" and m.effective
                    and lo <= m.start < (len(folded) if hi is None else hi)
                    and (_TAKES_EFFECT.search(folded[max(0, m.start - 130):m.start])
                         or re.match(r"effective\b", folded[m.start:])
                         or (re.match(r"effect\b", folded[m.start:]) and re.search(
                             r"\b(?:takes?|took|taking)\s+$", folded[max(0, m.start - 10):m.start])))]
        own = effective_days(number - 1, start, end)
        if own:
            return own
        anywhere = [m for i in range(len(self.lines)) for m in effective_days(i)]
        if anywhere:
            return anywhere[:1]
        folded = self.folded[number - 1]
        return [m for m in dated if not (
            _ANNOUNCED_AFTER.match(folded[m.end:m.end + 260])
            or _ANNOUNCED_BEFORE.search(folded[max(0, m.start - 40):m.start])
            or re.search(r"record\s+date\s+(?:of\s+|is\s+|:\s*)?(?:on\s+)?$|date\s+"
                         r"d'enregistrement\s+(?:du\s+|le\s+|:\s*)?$",
                         folded[max(0, m.start - 30):m.start]))]

    def _date_capital(self, p: Proposal, dated: list[Mention], fig: Figure, what: str
                      ) -> None:
        if dated:
            p.period = min(dated, key=lambda m: max(m.start - fig.end, fig.start - m.end, 0))
            p.period_how = "sentence"
        else:
            p.missing_period = f"{what} is as of one date and the sentence gives none: add " \
                               "effective"

    # -- tables and "Label: number" lines --

    def _cells(self) -> list[tuple[int, list[str]]]:
        """Each line as table cells: split on pipes, or the whole line when it is one short
        cell ("318 |", "Total BTC Mined |", "Bitcoin held: 2,906" is two cells)."""
        out = []
        for i, line in enumerate(self.lines):
            text = line.strip()
            if "|" in text:
                cells = [c.strip() for c in text.strip("|").split("|")]
            elif (m := re.fullmatch(r"[-\u2022*]?\s*([^:]{3,80}?)\s*:\s*(.{1,40})", text)):
                cells = [m[1], m[2]]
            elif len(text) <= 40:
                cells = [text]
            else:
                cells = []
            out.append((i + 1, [c for c in cells if c]))
        return out

    def _tables(self) -> None:
        """Rows of a table whose label names a bitcoin action and whose first value column is
        the current period: pipe tables, one cell per line, and "Label: number" lines. The
        columns' periods come from a header row naming them, else the latest heading."""
        rows = self._cells()
        drafted = {(q.type, q.fields.get("btc"), _effective(q)) for q in self.proposals}
        self._flat_rows(drafted)
        self._spaced_rows(drafted)
        i = 0
        while i < len(rows):
            number, cells = rows[i]
            label = fold(cells[0]) if cells else ""
            kind = _row_type(label)
            if kind is None and len(cells) == 1 and not re.search(r"\d", cells[0]) and \
                    i + 1 < len(rows) and \
                    len(rows[i + 1][1]) == 1 and _cell_value(rows[i + 1][1][0], self.lang) is None \
                    and len(cells[0]) <= 30 and len(rows[i + 1][1][0]) <= 30 and \
                    (joined := _row_type(fold(cells[0] + " " + rows[i + 1][1][0]))) is not None:
                # a label cut over two lines: "Bitcoin" / "Produced"
                kind, i = joined, i + 1
                number, cells = rows[i][0], [cells[0] + " " + rows[i][1][0]]
                label = fold(cells[0])
            if kind is None or re.search(r"\d", re.sub(r"(?:19|20)\d{2}", "", label).rstrip(
                    "0123456789 ,")) and len(cells) == 1:
                i += 1
                continue
            if len(cells) > 1:  # "| Bitcoin held | 2,906 | 2,871 |", "BTC mined: 412"
                values, lines_used = cells[1:], [number]
            else:  # one cell per line: the values are the next lines
                values, lines_used = [], [number]
                j = i + 1
                # "Bitcoin Held" then "2" (a footnote marker on its own line), then the values
                # with "|" lines between them
                if j < len(rows) and len(rows[j][1]) == 1 and re.fullmatch(
                        r"[1-9](?:\s*,\s*[1-9])*", rows[j][1][0]):
                    j += 1
                empty = 0
                while j < len(rows) and (not rows[j][1] and empty < 3 or len(rows[j][1]) == 1
                                         and _cell_value(rows[j][1][0], self.lang) is not None):
                    if not rows[j][1]:
                        empty += 1
                        j += 1
                        continue
                    empty = 0
                    values.append(rows[j][1][0])
                    lines_used.append(rows[j][0])
                    j += 1
            i += 1
            if not values:
                continue
            value = _cell_value(values[0], self.line_lang[number - 1])
            if value is None:
                continue
            amount, written = value
            period = self._column_period(number)
            if kind == "btc_balance_disclosed":
                if period is None:
                    continue  # a balance needs its date
                # "Bitcoin held" in an "March 2024" column: the holding at the month's end.
                period = _period_end(period)
            first_line = lines_used[1] if len(lines_used) > 1 else number
            fig = Figure("btc", amount, 0, 0, written, False, False)
            p = Proposal(kind, first_line, {"btc": amount}, [fig], cue="table row")
            p.doubts.append(f"read from the table row {_quote(cells[0])}: the first value "
                            "column, check it is the period given")
            if period is not None:
                p.period, p.period_how = period, "sentence"
            elif self.disclosed is not None and kind in _FLOWS:
                p.period = Mention(self.disclosed[:7], "month", 0, 0, 0,
                                   f"published {self.disclosed}")
                p.period_how = "disclosed"
            else:
                p.missing_period = "the table gives no period for it: add effective"
            if (kind, amount, _effective(p)) in drafted:
                continue  # already drafted from a sentence saying the same
            drafted.add((kind, amount, _effective(p)))
            self.proposals.append(p)

    def _flat_rows(self, drafted: set[tuple[Any, ...]]) -> None:
        """A table flattened into one line: a header of N periods ("March 2024 February
        2024 March 2023"), then each row as a label and its N values ("Bitcoin Produced 318
        287 344 11% -8%"); a footnote marker glued before the values ("Bitcoin Held 1
        2,906 ...") is dropped. The first column's value of a row naming a bitcoin action is
        drafted; a "Net Proceeds" row in dollars gives the sale of the same column its usd."""
        for i, folded in enumerate(self.folded):
            periods = [m for m in self.mentions[i] if m.effective and not m.comparison]
            header: list[Mention] = []
            for m in periods:
                if header and not re.fullmatch(r"[\s|,]*", folded[header[-1].end:m.start]):
                    if len(header) >= 2:
                        break
                    header = []
                header.append(m)
            if len(header) < 2:
                continue
            n = len(header)
            body = folded[header[-1].end:]
            offset = header[-1].end
            token = re.compile(r"(?P<num>(?:us\s?\$|\$)?\s?-?\d[\d,.]*(?:\s?(?:million|billion|m|"
                               r"bn)\b)?(?:\s?%)?)|(?P<word>[^\W\d][\w/()'-]*)")
            label: list[str] = []
            values: list[tuple[str, int, int]] = []
            rows: list[tuple[str, list[tuple[str, int, int]]]] = []
            for t in token.finditer(body):
                if t["word"]:
                    if values:
                        rows.append((" ".join(label), values))
                        label, values = [], []
                    label.append(t["word"])
                else:
                    values.append((t["num"].strip(), offset + t.start(), offset + t.end()))
            if values:
                rows.append((" ".join(label), values))
            table_end = max((c[2] for _, cells in rows for c in cells), default=offset)
            # Its cells were read as prose too ("Net Proceeds $8.3 million $6.1 million"):
            # only the rows speak for a table.
            self.proposals = [q for q in self.proposals if not (
                q.line == i + 1 and q.cue != "table row" and q.figures and
                all(header[0].start <= f.start < table_end for f in q.figures))]
            sold: Proposal | None = None
            for name, cells in rows:
                amounts = [c for c in cells if not c[0].endswith("%")]
                if len(amounts) == n + 1 and re.fullmatch(r"\d", amounts[0][0]):
                    amounts = amounts[1:]  # a footnote marker glued to the label
                if len(amounts) != n:
                    continue
                text, start, end = amounts[0]
                original = self.lines[i][start:end].strip()
                if "$" in text and sold is not None and re.search(r"proceeds|produit", name):
                    found = figures(original, fold(original), self.line_lang[i])
                    if len(found) == 1 and found[0].kind == "usd":
                        sold.fields["usd"] = found[0].value
                        sold.figures.append(Figure("usd", found[0].value, start, end, original,
                                                   found[0].rounded, False))
                    continue
                kind = _row_type(name.strip())
                if kind is None or "$" in text:
                    continue
                value = parse_number(text, self.line_lang[i])
                if value is None:
                    continue
                p = Proposal(kind, i + 1, {"btc": value},
                             [Figure("btc", value, start, end, original, False, False)],
                             cue="table row")
                p.doubts.append(f"read from the flattened table row {_quote(name)}: the first of "
                                f"its {n} columns ({header[0].text})")
                # A balance row in a month's column is the holding at the month's end.
                p.period = _period_end(header[0]) if kind == "btc_balance_disclosed" \
                    else header[0]
                p.period_how = "sentence"
                if (kind, value, _effective(p)) in drafted:
                    continue
                drafted.add((kind, value, _effective(p)))
                self.proposals.append(p)
                if kind == "btc_sold":
                    sold = p

    def _spaced_rows(self, drafted: set[tuple[Any, ...]]) -> None:
        """A table stored with its columns flattened: each row a label and its N values on
        one line ("Bitcoin Mined, net 36.9  6.6  7.3", "Bitcoin Sold (55.0) - (9.0)"), the N
        column headers' dates on the lines above, cut anywhere ("One Month" / "October 31,"
        / "2024"). The column of the latest date is the period reported on (updates put the
        current column last as often as first); a flow in it is that month's (or quarter's,
        when the header says so), a balance is at that date. Not read when the dates above
        are not exactly N."""
        value = r"(?:\(\s*\d[\d,.]*\s*\)|-?\d[\d,.]*|[-\u2013\u2014])"
        row = re.compile(rf"\s*[-\u2022*]?\s*(?P<label>[^\d|:]{{3,70}}?)\s+(?P<values>{value}"
                         rf"(?:\s+{value}){{1,5}})\s*")
        for i, line in enumerate(self.lines):
            # (the comparison columns after the periods' own, "Month/Month Year/Year", hold
            # percentages: the row's values are the cells before them; a footnote marker
            # glued to the label, "Bitcoin Held1 7,358", is no cell)
            line = re.sub(r"(?:\s+[-+]?\d[\d,.]*\s?%)+\s*$", "", line)
            line = re.sub(r"(?<=[a-z])[1-9](?=\s+\d)", "", line)
            if "|" in line or "$" in line or "%" in line:
                continue
            m = row.fullmatch(line)
            if m is None:
                continue
            kind = _row_type(fold(m["label"]))
            if kind is None:
                continue
            cells = re.findall(value, m["values"])
            n = len(cells)
            header: list[Mention] = []
            for top in range(i - 1, max(-1, i - 16), -1):
                joined = " ".join(self.lines[top:i])
                found = [x for x in mentions(joined, fold(joined), top + 1, self.lang)
                         if x.effective and not x.comparison and x.kind in ("date", "month",
                                                                             "quarter")]
                if len(found) >= n:
                    header = found if len(found) == n else []
                    break
            if not header:
                continue
            latest = max(range(n), key=lambda c: parse_period(header[c].effective).end)
            if sum(parse_period(h.effective).end == parse_period(header[latest].effective).end
                   for h in header) > 1:
                continue  # two columns of the same period: which is which can't be told
            cell = cells[latest]
            if re.fullmatch(r"[-\u2013\u2014]", cell):
                continue  # nothing in the period's column
            amount = parse_number(cell.strip("() "), self.line_lang[i])
            if amount is None or amount == 0:
                continue
            column = header[latest]
            words = fold(" ".join(self.lines[max(0, i - 16):i]))
            if kind == "btc_balance_disclosed":
                period = _period_end(column)
            elif column.kind != "date":
                period = column
            elif re.search(r"\b(?:one|1)[- ]month|\bmonth\s+end(?:ed|ing)\b|\bmois\b", words):
                period = Mention(column.effective[:7], "month", column.line, 0, 0, column.text)
            elif re.search(r"\b(?:three|3)[- ]months|\bquarter\b|\btrimestre\b", words) and \
                    column.effective[5:] in ("03-31", "06-30", "09-30", "12-31"):
                q = int(column.effective[5:7]) // 3
                period = Mention(f"{column.effective[:4]}-Q{q}", "quarter", column.line, 0, 0,
                                 column.text, quarter=q)
            else:
                continue  # a flow up to a day, over a span the header does not say
            fig = Figure("btc", amount, m.start("values"), m.end("values"), cell, False, False)
            fields: dict[str, Any] = {"btc": amount}
            figs = [fig]
            if kind == "btc_sold":
                # the row after a sale's, "BTC Sold - Proceeds, Net $4.1 million $3.7
                # million ...": its dollars in the same column are the sale's proceeds
                for k in (i + 1, i + 2):
                    if k < len(self.lines) and re.search(r"\b(?:proceeds|produit)",
                                                         self.folded[k]):
                        cut = re.sub(r"(?:\s+[-+]?\d[\d,.]*\s?%)+\s*$", "", self.lines[k])
                        dollars = [f for f in figures(cut, fold(cut), self.line_lang[k])
                                   if f.kind == "usd"]
                        if len(dollars) == n:
                            fields["usd"] = dollars[latest].value
                            figs.append(Figure("usd", dollars[latest].value,
                                               dollars[latest].start, dollars[latest].end,
                                               dollars[latest].text, dollars[latest].rounded,
                                               False, k + 1))
                        break
            p = Proposal(kind, i + 1, fields, figs, cue="table row")
            p.doubts.append(f"read from the table row {_quote(m['label'].strip())}: the column "
                            f"of the latest date ({column.text}), check it is the period given")
            p.period, p.period_how = period, "sentence"
            if (kind, amount, _effective(p)) in drafted:
                continue
            drafted.add((kind, amount, _effective(p)))
            self.proposals.append(p)

    def _column_period(self, number: int) -> Mention | None:
        """The period of a table's first value column: the first period named in the last
        few lines above the row that name one (the header), else the heading in force."""
        for k in range(number - 2, max(-1, number - 120), -1):
            named = [m for m in self.mentions[k] if m.effective and not m.comparison]
            if k < number - 40 and not named and len(self.lines[k].strip()) > 60:
                break  # a long table cut one cell per line goes far up, but not past prose
            if named and len(self.lines[k].strip()) <= 60:
                # walk up to the first header cell of this run of period cells
                top = k
                up = top - 1
                while up >= max(0, k - 24) and len(self.lines[up].strip()) <= 60:
                    cells = [m for m in self.mentions[up] if m.effective]
                    rest = self.folded[up]
                    for m in cells:
                        rest = rest[:m.start] + " " * (m.end - m.start) + rest[m.end:]
                    if cells and re.search(r"[a-z]{3,}\W+(?:[a-z]+\W+)*[a-z]{3,}", rest):
                        break  # a line of prose naming a period ("- 2,400 BTC produced
                        # over the 2024 calendar year") is no header cell
                    if cells:
                        top = up
                    elif not _FILLER_CELL.fullmatch(self.lines[up]):
                        break  # cells of one per line: "|" and footnote markers between
                    up -= 1
                return next(m for m in self.mentions[top] if m.effective and not m.comparison)
            if named:
                break
        return self.context_at[number - 1] if number - 1 < len(self.context_at) else None

    # -- one sentence --

    def _sentence(self, number: int, line: str, folded: str, s_start: int, s_end: int,
                  found: list[Figure]) -> None:
        self._folded_line = folded
        used: set[int] = set()
        props: list[Proposal] = []

        def before(k: int, *, stop: Iterable[str] = ("usd", "btc", "fx")) -> str:
            """The text a figure owns before it: back to the previous amount."""
            prev = next((f.end for f in reversed(found[:k]) if f.kind in stop), s_start)
            return folded[prev:found[k].start]

        def after(k: int, *, stop: Iterable[str] = ("usd", "btc", "fx")) -> str:
            nxt = next((f.start for f in found[k + 1:] if f.kind in stop), s_end)
            return folded[found[k].end:nxt]

        # Stakes: "N% stake in NAME", "participation de N % dans NAME".
        for k, f in enumerate(found):
            if f.kind != "percent":
                continue
            tail = after(k, stop=("usd", "btc", "percent"))
            head = before(k, stop=("usd", "btc", "percent"))
            stake_after = re.match(r"\s*(?:equity\s+)?(?:stake|interest|ownership|participation)"
                                   r"\s+(?:in|into|dans|de|du capital de)\s+", tail)
            stake_before = re.search(r"(?:participation|stake|interest)\s+(?:de|of)\s*$", head)
            of_capital = re.match(r"\s*(?:of the (?:shares|capital) of|du capital (?:de |d'))\s*",
                                  tail)
            if not (stake_after or stake_before or of_capital):
                continue
            m = stake_after or of_capital
            name_at = f.end + m.end() if m else None
            if stake_before:
                after_in = re.match(r"\s*(?:in|dans|de|du capital de)\s+", tail)
                name_at = f.end + after_in.end() if after_in else None
            named = _name_after(line, name_at) if name_at is not None else None
            target = named[0] if named else None
            context = folded[s_start:f.start]
            kind = "stake_disposed" if _nearest(_DISPOSE, context[-80:]) and not \
                _nearest(_ACQUIRE, context[-80:]) else "stake_acquired"
            fields: dict[str, Any] = {"percent": f.value}
            doubts = []
            if target:
                fields["target"] = target
            else:
                doubts.append("the text names no target here: add it")
            figs = [f]
            usd = self._adjacent_usd(found, k, folded, used)
            if usd is None and named is not None:  # "a 30% stake in NAME for $18 million"
                usd = next((j for j, g in enumerate(found) if j not in used and g.kind == "usd"
                            and g.start >= named[1]
                            and _PRICE_LINK.fullmatch(folded[named[1]:g.start])), None)
            if usd is not None:
                fields["usd"] = found[usd].value
                figs.append(found[usd])
                used.add(usd)
            used.add(k)
            props.append(Proposal(kind, number, fields, figs, doubts=doubts))

        parts: set[int] = set()
        for k, f in enumerate(found):
            if k in used:
                continue
            bucket = _BUCKET.match(after(k)) if f.kind == "btc" else None
            if bucket and re.search(r"\b(?:receivables?\s+(?:for|of)|creances?\s+(?:de|sur|pour))"
                                    r"\s*$", before(k)):
                used.add(k)  # "a receivable for 1,300 bitcoin posted as collateral": a claim
                continue     # on coins handed over, not part of the balance
            if bucket:  # "including 1,200 BTC loaned": part of the balance just stated
                balance = next((p for p in reversed(props)
                                if p.type == "btc_balance_disclosed"), None) or next(
                    (p for p in reversed(self.proposals) if p.line == number
                     and p.type == "btc_balance_disclosed"), None)  # the line's balance
                name = "loaned" if bucket["loaned"] else "pledged"
                if balance is not None and name not in balance.fields:
                    balance.fields[name] = f.value
                    balance.figures.append(f)
                used.add(k)
                continue
            if f.kind == "btc" and (_PARTS_INTRO.search(before(k)) or _SHARE_OF_TOTAL.match(
                    folded, f.end) or (
                    k - 1 in parts and re.fullmatch(r"[^.;]{0,60}?\b(?:and|et)\s+(?:\w+\s+){0,3}",
                                                    folded[found[k - 1].end:f.start]))):
                # "The total counts roughly 5 BTC held at X plus some 31 BTC at Y", "dont
                # 40 BTC": the detail of a total stated before, no record of its own.
                parts.add(k)
                used.add(k)
                continue
            if f.kind == "btc":
                p = self._btc(k, found, before(k), after(k), folded, number, used)
            elif f.kind == "usd":
                p = self._usd(k, found, before(k), after(k), line, folded, number)
            elif f.kind == "fx":
                p = self._fx_notes(k, found, before(k), after(k), number)
            elif f.kind == "shares":
                p = self._repurchase(k, found, before(k), folded, used, number)
            elif f.kind in ("percent", "people"):
                p = self._workforce(k, found, folded, s_start, s_end, number)
            else:
                p = None
            if p is not None:
                used.add(k)
                props.append(p)
        self._equity_shares(found, props, used)
        for k, f in enumerate(found):
            if k not in used and f.kind == "percent" and (
                    kpi := self._yield(f, number, folded, s_start, s_end)) is not None:
                used.add(k)
                props.append(kpi)
        for p in props:
            if _OTHER.search(folded[s_start:p.figures[0].start]):
                continue  # "Rival X holds 9,000 BTC": another company's figure
            if self.blind and p.type in _BTC_TYPES and (
                    owner := self._owner(line, s_start, p.figures[0].start)) is not None \
                    and not _same_company(owner, self.names):
                continue  # "Strategy (MSTR) remains the largest holder with 580,000 BTC" in
                # an article on "the Tokyo-listed firm": the named other's
            if self.several and p.type in _BTC_TYPES and (
                    (owner := self._owner(line, s_start, p.figures[0].start)) is None
                    or not _same_company(owner, self.own)):
                continue  # a round-up's "2. Rivalco (RVLC): - Mined 412 BTC": Rivalco's
            # "Acme and Rivalco, which sold 510 and 240 BTC respectively": no one subject
            # (the figures pair with the names in order: _respective_owner)
            paired = p.figures and re.search(r"\brespective(?:ly|ment)\b",
                                             folded[p.figures[0].end:s_end])
            if self.names and p.type in _BTC_TYPES and not paired and \
                    (subject := _subject(line, folded, s_start, p)) is not None \
                    and not _same_company(subject, self.names) and not (
                        # "Increased BTC Holdings to 15,942 BTC" (a title's verb, capitalised
                        # as titles are): a word the text capitalises once is no name
                        folded[s_start:p.figures[0].start].strip().startswith(
                            fold(subject).split()[0]) and re.fullmatch(
                            r"[a-z]{3,}ed", fold(subject).split()[0]) and not any(
                            fold(w).rstrip(".") in self.proper
                            for w in _CAPITALISED.findall(subject)
                            if fold(w).rstrip(".") not in _NOT_NAMES)):
                continue  # "Halvard, the largest holder, owns 450,000 BTC": another's
            if self.names and p.type in _BTC_TYPES and (
                    other := _named_holder(line, s_start, p.figures[0].start)) is not None \
                    and not _same_company(other, self.names):
                continue  # "...: Rivalco boasts 38,150 BTC, while Othercorp holds 14,600 BTC"
            if p.type in _BTC_TYPES and re.match(
                    r"\s*(?:are|were|is|was|sont|etaient)?\s*(?:now\s+|currently\s+|desormais\s+)?"
                    r"(?:held|owned|detenus?)\s+(?:\w+\s+){0,2}?by\s+(?:\w+\s+){0,2}?"
                    r"(?:companies|firms|funds|etfs|investors|entreprises|societes|miners)\b|"
                    r"\s*(?:are|were|sont)?\s*(?:now\s+)?detenus\s+par\s+(?:les\s+)?(?:\w+\s+){0,2}?"
                    r"(?:entreprises|societes|fonds|etfs|investisseurs)\b",
                    folded[p.figures[0].end:p.figures[0].end + 80]):
                continue  # "612,300 BTC are now held by listed companies"
            if p.type in _BTC_TYPES and (count := re.search(
                    r"\b\d[\d,. ]*\s+(?:(?:public|listed|other|treasury)\s+)?(?:companies|firms|"
                    r"miners|entreprises|societes|mineurs)\b[^.;]{0,80}$",
                    folded[max(s_start, p.figures[0].start - 140):p.figures[0].start])) and \
                    not any(fold(w).rstrip(".") in self.own for w in _CAPITALISED.findall(
                        line[max(s_start, p.figures[0].start - 140) + count.start():
                             p.figures[0].start])):
                # (not "one of 140 listed companies holding bitcoin, Acme bought 500 BTC")
                continue  # "125 listed companies together holding some 610,000 BTC", "125
                # entreprises cotées cumulant 610 000 BTC": a count of holders, a sector total
            if p.type in _BTC_TYPES and p.cue and (cue_at := folded.rfind(
                    fold(p.cue), s_start, p.figures[0].start)) >= 0 and _OTHER_HOLDERS.search(
                    folded[max(s_start, cue_at - 60):cue_at]):
                continue  # "spot ETFs bought 10,000 BTC", "public companies hold 1 million
                # BTC": holders that are not a company named by the document
            if self.section_owner is not None and p.type in _BTC_TYPES and not (
                    (own := _subject(line, folded, s_start, p)) is not None
                    and _same_company(own, self.names)):
                continue  # under "Kestrel Labs Expands Bitcoin Treasury": Kestrel's
            if self.names and p.type in _BTC_TYPES and (
                    other := self._pronoun_owner(number, line, folded, s_start)) is not None \
                    and not _same_company(other, self.names):
                continue  # "Meanwhile, Northpeak's production fell. Its operations generated
                # 156 BTC": "its" is the other company's
            if self.names and p.type in _BTC_TYPES and (owner := re.search(
                    r"([A-Z][\w&.-]*[\w&])\s*(?:,\s*)?(?:with|\(|avec)\s*(?:about|some|around|"
                    r"nearly|over|environ|plus de|approx\.?|approximately)?\s*(?:holding|holds|with|"
                    r"detenant)?\s*$", line[s_start:p.figures[0].start])) and \
                    not _same_company(owner.group(1), self.names):
                continue  # "Only Halvard, with 628,791 BTC, and Orrin, with 50,639 BTC": theirs
            if p.type in _FLOWS and p.period is None and self._cumulative(folded, s_start, s_end,
                                                                          p.figures[0]):
                continue  # "has acquired a total of 450,000 BTC since inception": a total
            if p.type == "results_reported" and re.match(
                    r"(?:\s+(?:and|et)\s+(?:de\s+)?(?:us\s?)?\$?\s?[\d.,]+\s*(?:million|billion|"
                    r"millions|milliards?|mn|bn|m|b)?\s*(?:de\s+dollars|\$)?)?\s+(?:(?:came|come|derived|"
                    r"earned|generated|stemmed|(?:was|were)\s+\w+)\s+)?(?:from|provenant)"
                    r"\b[^.;]{0,100}?\b(?:respectively|respectivement)\b",
                    folded[p.figures[0].end:s_end]):
                continue  # "revenue of $45.2 million and $3.4 million from hosting and cloud
                # services, respectively": a breakdown's parts, not the total
            if p.type == "results_reported" and "net_income_usd" in p.fields and re.match(
                    r"\s*(?:\w+\s+){0,2}?(?:in|of|from|en|de|d')\s+(?:\w+\s+)?(?:impairment|"
                    r"(?:charges?\s+de\s+)?(?:depreciation|perte\s+de\s+valeur))",
                    folded[p.figures[0].end:s_end]):
                continue  # "a net loss of $41.2 million incurred in impairment charges", "une
                # perte nette de ... encourue en charges de dépréciation": the charge
            if p.type == "results_reported" and _PRIOR_PERIOD.search(
                    folded[max(s_start, p.figures[0].start - 120):p.figures[0].start]):
                continue  # "against the same period last year, when it made $0.7 billion"
            clause = folded[max(s_start, p.figures[0].start - 100):p.figures[0].start]
            if _TARGET.search(clause.rsplit(";", 1)[-1]):
                continue  # "its goal is to hold 210,000 BTC by 2027": not done yet
            if p.type in ("btc_purchased", "btc_sold", "btc_mined") and re.search(
                    r"\b(?:after|following|apres|suite\s+a(?:ux)?)\s+(?:\S+\s+){0,3}?(?:buys|"
                    r"purchases|acquisitions|sales|achats|ventes)\s+(?:of|de)\s+(?:[\d,.\s]+"
                    r"(?:btc|bitcoins?)\s*(?:,|and|et)\s*)*(?:about\s+|environ\s+)?$",
                    folded[max(s_start, p.figures[0].start - 120):p.figures[0].start]):
                continue  # "after smaller early-month buys of 120 BTC and 310 BTC": earlier
                # flows recalled, not this one
            if p.type in ("btc_purchased", "btc_sold") and p.cue and (
                    (cue_at := folded.rfind(fold(p.cue), s_start, p.figures[0].start)) >= 0
                    and re.search(r"\d[\d,.]*\s*(?:million\s+|millions\s+d')?(?:common\s+|"
                                  r"ordinary\s+)?(?:shares|actions)\b",
                                  folded[cue_at:p.figures[0].start])
                    or re.match(r"\s*(?:\w+\s+){0,2}?(?:in\s+lieu\s+of|instead\s+of|in\s+place\s+of|"
                                r"a\s+la\s+place\s+d|au\s+lieu\s+d|"
                                r"en\s+paiement\s+d|as\s+payment\s+(?:of|for))\b",
                                folded[p.figures[0].end:s_end])):
                continue  # "a warrant to purchase up to 610,000 common shares ..., plus 18
                # bitcoin in place of a year of interest": the verb's object is the shares,
                # and coins handed over as payment are neither bought nor sold
            if p.type == "btc_balance_disclosed" and (re.match(
                    r"\s*(?:net\s+)?(?:increase|rise|gain|jump|decrease|decline|drop|fall|"
                    r"hausse|augmentation|baisse|progression|diminution)\b",
                    folded[p.figures[0].end:s_end]) or re.search(
                    r"\b(?:increase|rise|gain|jump|hausse|augmentation|progression)\s+(?:de\s+|d'|"
                    r"of\s+)(?:environ\s+|about\s+|approximately\s+|roughly\s+|some\s+|~\s*)?$",
                    folded[s_start:p.figures[0].start])):
                continue  # "saw an approximately 410 BTC increase within the past month",
                # "une hausse de ... ": a change, not what is held
            if p.type == "btc_balance_disclosed" and _PART.search(
                    folded[max(s_start, p.figures[0].start - 60):p.figures[0].start]):
                continue  # "unrestricted holdings": a part, not the total a balance is
            lead = folded[max(s_start, p.figures[0].start - 50):p.figures[0].start]
            if p.type != "kpi_disclosed" and (_PLANNED_ACTION.search(_may_month(lead))
                                              or _PLANNED_BY.search(_may_month(clause))):
                continue  # "plans to buy 1,000 BTC in 2026", "va acquérir 500 BTC": not done
            if p.type == "equity_issued" and "shares" not in p.fields and re.search(
                    r"\b(?:has|have)\s+(?:\w+\s+){0,3}?(?:raised|issued|financed|funded|sold)\b",
                    folded[s_start:p.figures[0].start]) and not any(
                    m.effective and s_start <= m.start < s_end
                    for m in self.mentions[number - 1]):
                continue  # "has financed them by issuing about $95 million in new stock": a
                # total to date, with no period of its own
            if (p.type in _BTC_TYPES and p.type != "btc_balance_disclosed" or
                    p.type in ("equity_issued", "notes_issued")) and \
                    _PRIOR_REPORT.search(folded[s_start:p.figures[0].start]):
                continue  # "According to an earlier report, it sold 212.4 BTC": an
                # earlier report's figure, dated by that report, not this one
            if m := _PLANNED.search(lead):
                p.doubts.append(f'announced as a plan ("{m.group(0)}"): it may not have '
                                "happened yet")
            if p.type in ("btc_mined", "btc_purchased", "btc_sold") and (td := (
                    _TO_DATE_AFTER.match(folded, p.figures[0].end) or
                    _TO_DATE_BEFORE.search(folded[max(s_start, p.figures[0].start - 50):
                                                  p.figures[0].start]) or
                    self._since_start(folded, s_start, p.figures[0], found))):
                # "1,370 BTC year-to-date", "its year-to-date production to 1,370 BTC": from
                # the start of the year (quarter) to the end of the month the sentence or the
                # report names; with no such month, not drafted (its end is not known).
                what = next(g for g in td.groups() if g)
                span = self._to_date("quarter" if what in ("quarter", "qtd", "trimestre")
                                     else "year", number, s_start, s_end)
                if span is None:
                    continue
                p.period, p.period_how = span, "sentence"
            self._period(p, number, folded, s_start, s_end)
            self.proposals.append(p)

    def _the_period_said(self, number: int, folded: str, s_start: int, s_end: int
                         ) -> Mention | None:
        """"Acme released its Q1 2025 report. ... Revenue for the quarter came to $80
        million, ... producing 1,250 BTC", "au cours du trimestre": a sentence naming "the
        quarter" ("the month") by reference means the latest quarter (month) the text named
        before it, with its year, when that had ended by the publication."""
        said = re.search(r"\b(?:(?:for|during|in|over|of|au\s+cours\s+d[ue]|pendant|durant|sur|"
                         r"du|au|de)\s+)?(?:the|this|that|ce|cet|cette|le|l'|(?<=au cours )du)\s*"
                         r"(?P<k>quarter|month|"
                         r"fiscal\s+year|financial\s+year|trimestre|mois|exercice)\b(?!\s+(?:ended|"
                         r"ending|clos|termine|to\s+come|prochain|a\s+venir|ahead))",
                         folded[s_start:s_end])
        if said is None or not re.match(r"(?:for|during|in|over|of|au|pendant|durant|sur|du|de)\b",
                                        said.group(0)) and not said["k"].endswith(("year",
                                                                                   "exercice")):
            return None
        kind = "quarter" if said["k"] in ("quarter", "trimestre") else "month" if said["k"] in (
            "month", "mois") else "year"

        def fits(m: Mention) -> bool:
            if kind != "year":
                return m.kind == kind
            # a fiscal year: one written as a year, or twelve months ended on a day
            if m.kind == "year":
                return True
            if m.kind != "range" or "/" not in (m.effective or ""):
                return False
            a, b = (date.fromisoformat(x) for x in m.effective.split("/"))
            return 360 <= (b - a).days <= 370

        before = [m for i in range(number) for m in self.mentions[i]
                  if m.effective and not m.comparison and fits(m)
                  and (i + 1 < number or m.start < s_start)]
        if not before:
            return None
        latest = before[-1]
        if self.report is not None and self.report.effective and fits(self.report) and \
                self.report.line <= number and (self.disclosed is None or _last_day(
                    self.report.effective) < self.disclosed):
            # (in a text reporting on a quarter, "the quarter" is that one, not another
            # named since in passing: "close to its level of the third quarter of 2022")
            latest = self.report
        if self.disclosed is not None and _last_day(latest.effective) >= self.disclosed:
            return None
        return latest

    @staticmethod
    def _since_start(folded: str, s_start: int, anchor: Figure, found: list[Figure]
                     ) -> re.Match[str] | None:
        """"Since the start of the year, Acme has bought 1,500 BTC": the phrase before the
        figure, back to the amount before it, and not right after that amount (which it
        belongs to: "940 BTC year-to-date and 312 BTC in March")."""
        start = max([s_start] + [g.end for g in found if g.kind in ("btc", "usd", "fx")
                                 and g.end <= anchor.start])
        m = _SINCE_START.search(folded, start, anchor.start)
        if m is None or (start > s_start and not folded[start:m.start()].strip()):
            return None
        return m

    def _to_date(self, what: str, number: int, s_start: int, s_end: int) -> Mention | None:
        months = {m.effective for m in self.mentions[number - 1] if m.kind == "month"
                  and m.effective and not m.comparison and s_start <= m.start < s_end}
        if not months and self.report is not None and self.report.kind == "month":
            months = {self.report.effective}
        if len(months) != 1:
            return None
        month = months.pop()
        if self.disclosed is not None and _last_day(month) >= self.disclosed:
            return None
        year, number_of = int(month[:4]), int(month[5:7])
        first = 1 if what == "year" else (number_of - 1) // 3 * 3 + 1
        return Mention(f"{year}-{first:02d}-01/{_last_day(month)}", "range", number, 0, 0,
                       f"{what}-to-date through {month}")

    def _name_line(self, line: str) -> str | None:
        """The company a line naming only it heads ("3. Northpeak (NPK):", "Rivalco's
        holdings", "Northpeak" when the text shows it to be a company), or None."""
        text = line.strip()
        if not text or len(text) > 80 or not (m := _NAME_LINE.fullmatch(text)):
            return None
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(m["name"])]
        words = [w for w in words if w not in _NOT_NAMES]
        if not words or len(m["name"].split()) > 5:
            return None
        if m["tail"] or any(w in self.known or w in self.own for w in words):
            return m["name"].strip()
        return None

    def _govern(self, line: str, folded: str, start: int, end: int) -> None:
        """A sentence whose subject is a name gives the figures after it to that company
        ("In October, Northpeak reported ...", "En tête, la société Rivalco (RVLC) a
        produit"); one whose subject is "it", "the company" or a description keeps the
        company before it."""
        lead = _LEAD_IN.match(folded, start, end)
        at = lead.end() if lead else start
        desc = _DESCRIPTOR.match(folded, at, end)
        if lead and lead.end() > start and (desc and desc.end() > at or _PRONOUN_SUBJECT.match(
                folded, at, end)) and any(
                fold(w).rstrip(".") in self.known and not _same_company(w, self.own)
                for w in _CAPITALISED.findall(line[start:lead.end()])):
            # "Following Rivalco's lead, the firm bought ...", "À l'instar de Rivalco, la
            # société a acheté": the firm set against the other is the document's company
            self.governor = self.company
            return
        at = desc.end() if desc else at
        m = re.match(r"((?:[A-Z][\w&.'\u2019-]*[\w&]|\d{1,3})(?:\s+(?:[A-Z][\w&.'\u2019-]*[\w&]|"
                     r"\d{1,3}))*)", line[at:end])
        if m is None:
            return
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))]
        words = [w for w in words if w not in _NOT_NAMES]
        # A name the text does not otherwise show to be a company governs only as the
        # subject of what companies do ("Northpeak Mining se distingue", "Rivalco reported"):
        # "CEO Jane Roe highlighted", "JPMorgan noted" leave the company before them.
        acts = re.match(r"\s*(?:\([^)]*\)\s*)?,?\s*(?:(?:also|has|had|a|now|then)\s+)?(?:mined|"
                        r"produced|holds|held|bought|acquired|sold|reported|announced|posted|"
                        r"added|saw|stands\s+out|se\s+distingue|a\s+produit|a\s+min|a\s+extrait|detient|"
                        r"a\s+acquis|a\s+achete|a\s+vendu|a\s+annonce|affiche)",
                        folded[at + m.end(1):end])
        if words and (any(w in self.known or w in self.own for w in words) or (
                any(w in self.proper for w in words) and not any(
                    w in _NOT_COMPANIES or w in _METRIC_WORDS for w in words)
                or len(m.group(1).split()) >= 2 and words[-1] in _COMPANY_SUFFIXES)
                and acts is not None):
            self.governor = m.group(1).strip()

    def _owner(self, line: str, s_start: int, at: int) -> str | None:
        """The company a figure at ``at`` is governed by: the last company named before it
        in its sentence, or else the sentence's (or an earlier one's) subject."""
        last = None
        for m in _CAPITALISED.finditer(line, s_start, at):
            w = fold(m.group(1)).rstrip(".")
            if w not in _NOT_NAMES and (w in self.known or w in self.own) and not re.search(
                    r"\b(?:like|unlike|following|behind|after|than|ahead\s+of|as\s+did|comme|"
                    r"derriere|apres|devant|contrairement\s+a|a\s+l'instar\s+de|sur\s+les\s+traces"
                    r"\s+de)\s+(?:[A-Z][\w&.'\u2019-]*\s+){0,3}$", fold(line[max(s_start, m.start() - 40):
                                                                     m.start()]), re.IGNORECASE) \
                    and not _OBJECT_OF.search(fold(line[max(s_start, m.start() - 40):m.start()])):
                last = m.group(1)  # (not "Following Rivalco's lead, the firm bought ...",
                # nor "its merger with Rivalco", "300 BTC from Rivalco": what it dealt with)
        return last if last is not None else self.governor

    def _pronoun_owner(self, number: int, line: str, folded: str, s_start: int) -> str | None:
        """For a sentence whose subject is a pronoun ("Its mining operations generated"),
        the name the sentence before it opens with, if it opens with one."""
        bounds = _sentences(folded)
        here = next((i for i, (a, b) in enumerate(bounds) if a <= s_start < b), None)
        if here is None:
            return None
        a, b = bounds[here]
        opener = _OPENERS.match(folded, a, b)
        if not _PRONOUN_SUBJECT.match(folded, opener.end() if opener else a, b):
            return None
        if here > 0:
            pa, pb = bounds[here - 1]
            return _opening_name(line, folded, pa, pb, self.proper)
        previous = number - 2
        while previous >= 0 and not self.lines[previous].strip():
            previous -= 1
        if previous < 0 or not (earlier := _sentences(self.folded[previous])):
            return None
        if previous > 0 and _is_heading(self.lines[previous], self.folded[previous], previous):
            # "Rivalco overtaken: Acme now ninth" as a heading, then "The company announced
            # ...": a heading's name is what it is about, not the subject the pronoun takes up
            return None
        pa, pb = earlier[-1]
        return _opening_name(self.lines[previous], self.folded[previous], pa, pb, self.proper)

    def _adjacent_usd(self, found: list[Figure], k: int, folded: str, used: set[int]
                      ) -> int | None:
        """The dollar figure that goes with figure k: right before it ("$124 million
        acquisition of a 58% stake", "invested $95 million to acquire 812 BTC") or right
        after ("for $27 million")."""
        j = k - 1
        if found[k].kind == "btc" and j >= 0 and j not in used and found[j].kind == "usd" and \
                _INVEST_LINK.fullmatch(folded[found[j].end:found[k].start]):
            return j
        following = next((i for i in range(k + 1, len(found)) if found[i].kind != "percent"),
                         k + 1)  # past a share in an aside ("- about 8% of the total -")
        for j in (k - 1, following):
            if 0 <= j < len(found) and j not in used and found[j].kind == "usd":
                between = folded[min(found[j].end, found[k].end):max(found[j].start,
                                                                      found[k].start)]
                if j < k and len(between) <= 40:
                    return j
                # "at an average price of $91,502 per bitcoin," between them says nothing
                # of which amount goes with which.
                between = _UNIT_PRICE_ASIDE.sub(" ", between)
                # an aside between dashes or brackets ("20.4 million shares - about 8.2% of
                # those outstanding - for about $310 million") says nothing of the link either
                between = re.sub(r"\s-\s[^-()$]{0,80}?\s-\s|\([^()$]{0,80}\)", " ", between)
                link = _FOR.search(between) or (found[k].kind == "btc"
                                                and _SPENT.search(between))
                if j > k and link and len(between) <= 70 and (not any(
                        p.search(between[:link.start()]) for p in BTC_ACTIONS.values())
                        or len(between[:link.start()].split()) <= 2  # "270 BTC vendus pour"
                        # the coins' own verb in the passive: "1,000 BTC were acquired by
                        # Acme for $95 million", "ont été cédés par Acme pour"
                        or _PASSIVE_BY.fullmatch(between[:link.start()])):
                    return j
        return None

    def _btc(self, k: int, found: list[Figure], head: str, tail: str, folded: str,
             number: int, used: set[int]) -> Proposal | None:
        f = found[k]
        best: tuple[int, str, str] | None = None
        for kind, pattern in BTC_ACTIONS.items():
            m = _nearest(pattern, head[-120:])
            if m:
                distance = len(head[-120:]) - m.end()
                if best is None or distance < best[0]:
                    best = (distance, kind, m.group(0))
        own = _OWN_PARTICIPLE.match(tail)
        if own is not None and (best is None or re.search(
                r"\b(?:and|et)\b|,", head[-120:][len(head[-120:]) - best[0]:])):
            # "1,042 BTC produced in June and 48,137 BTC held as of June 30": a figure's own
            # participle, not the verb of the figure before it
            best = (0, _PARTICIPLE_KIND[own.group("v")[:4]], own.group("v"))
        if re.search(r"\b(?:from|than|versus|vs\.?)\s+(?:[a-z]+['\u2019]s|last\s+(?:month|quarter|"
                     r"year)['\u2019]s|the\s+(?:previous|prior)\s+(?:month|quarter|year)['\u2019]s)\s*"
                     r"(?:approximately\s+|about\s+)?$", head[-40:]):
            return None  # "a sharp slowdown from July's 21,466 BTC": the figure compared with
        rel = re.search(r"\b(?:bitcoins?|btc|coins?)\s+(?:that\s+|which\s+)?(?:it|they|the\s+"
                        r"company)\s+(?:had\s+|has\s+)?(?:produced|mined|held|bought|acquired|"
                        r"sold)\b[^.;]{0,40},\s*(?:or|i\.e\.|soit)\s*(?:approximately\s+|about\s+|"
                        r"some\s+|environ\s+)?$", head[-120:])
        if rel is not None:
            # "sold about 58% of the bitcoins it mined in May, or 121 BTC": the
            # figure restates the share, so it takes the verb the share's clause opens with.
            before = head[-120:][:rel.start()]
            outer = None
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, before)
                if m and (outer is None or len(before) - m.end() < outer[0]):
                    outer = (len(before) - m.end(), kind, m.group(0))
            if outer is not None:
                best = (0, outer[1], outer[2])
        if re.search(r"\bfrom\s*$", head[-8:]) and k + 1 < len(found) and \
                found[k + 1].kind == "btc" and re.fullmatch(
                    r"\s*to\s+(?:a\s+(?:record|new\s+high|high)\s+(?:of\s+)?)?(?:~|about|"
                    r"approximately)?\s*", folded[f.end:found[k + 1].start]):
            return None  # "from 3,018 BTC to a record 7,726 BTC": the earlier figure
        if k > 0 and found[k - 1].kind == "btc" and re.fullmatch(
                r"\s*to\s+(?:a\s+(?:record|new\s+high|high)\s+(?:of\s+)?)?(?:~|about|approximately)?"
                r"\s*", head) and re.search(r"\bfrom\s*$", folded[max(0, found[k - 1].start - 8):
                                                                  found[k - 1].start]):
            # "... production rose by 156%, from 3,018 BTC to a record 7,726 BTC": the
            # later figure, with the words before "from" as its own.
            head = folded[max(0, found[k - 1].start - 120):found[k - 1].start]
            best = None
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, head)
                if m and (best is None or len(head) - m.end() < best[0]):
                    best = (len(head) - m.end(), kind, m.group(0))
            if best is not None and best[1] == "btc_change_disclosed":
                best = None
            moved = re.search(r"\b(?:production|output)\b", head[-80:])
            if moved:
                best = (0, "btc_mined", moved.group(0))
        if best is None and k > 0 and found[k - 1].kind == "btc" and re.fullmatch(
                r"\s*(?:[\w',.-]+\s+){0,5}?(?:and|as well as|et|ainsi que)\s*", head):
            # "produced 940 BTC year-to-date and 312 BTC in March": the verb of the
            # figure it is coordinated with.
            wider = folded[max(0, found[k - 1].start - 120):found[k - 1].start]
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, wider)
                if m and (best is None or len(wider) - m.end() < best[0]):
                    best = (len(wider) - m.end(), kind, m.group(0))
        if best is None and k > 0 and found[k - 1].kind == "usd" and re.fullmatch(
                r"\s*(?:in\s+|en\s+|de\s+)?(?:[\w'-]+,?\s+){1,8}?(?:and|as\s+well\s+as|et|"
                r"ainsi\s+que)\s*(?:approximately\s+|about\s+|some\s+|environ\s+)?", head):
            # "ended the quarter with $1.1 billion in cash, securities and 9,800 bitcoins",
            # "termine l'exercice avec 80 millions de dollars de liquidités et 900 BTC": the
            # last asset of a list a holding verb opens (a holding only)
            wider = folded[max(0, found[k - 1].start - 120):found[k - 1].start]
            m = _nearest(BTC_ACTIONS["btc_balance_disclosed"], wider)
            if m and not any((o := _nearest(pattern, wider)) and o.end() > m.end()
                             for kind, pattern in BTC_ACTIONS.items()
                             if kind != "btc_balance_disclosed"):
                best = (len(wider) - m.end(), "btc_balance_disclosed", m.group(0))
        if (best is None or best[0] > 25) and (moved := re.search(
                r"\b(?:production|output|produced|mined)\b[^.;]{0,60}?\b(?:falling|fell|dropping|"
                r"dropped|declining|declined|rising|rose|increasing|increased|growing|grew|"
                r"climbing|climbed|reaching|reached|totall?ing|totall?ed|en\s+baisse|en\s+hausse|"
                r"passant|passe)\s+(?:by\s+[\d.,]+\s?%\s+)?(?:[\w-]+\s+){0,2}?(?:to|at|a)\s*"
                r"(?:approximately\s+|about\s+|"
                r"environ\s+)?$|\b(?:production|output)\s+(?:reached|totall?ed|was|were|of|de|"
                r"atteint|s'eleve\s+a)\s*(?:approximately\s+|about\s+|environ\s+)?$",
                head[-120:])):
            # "BTC output dropped 37% last month, falling to 352 BTC": what was mined
            best = (0, "btc_mined", moved.group(0).strip())
        if best is not None and best[1] == "btc_change_disclosed" and re.search(
                r"\bby\s+(?:approximately\s+|about\s+)?[\d.,]+\s?%\s+(?:[\w-]+\s+){0,2}?"
                r"(?:to|a)\s*(?:approximately\s+|about\s+|environ\s+)?$", head):
            # "BTC production grew by 5% to 705 BTC": a percentage changed, the figure is the
            # level reached, what was mined or what is held
            if re.search(r"\b(?:production|output|produced|mined|mining)\b", head[-80:]):
                best = (0, "btc_mined", "production")
            elif re.search(r"\b(?:holdings?|held|treasury|reserves?|avoirs)\b", head[-80:]):
                best = (0, "btc_balance_disclosed", "holdings")
            else:
                return None
        if re.search(r"\b(?:average|avg\.?|moyenne?)\s+(?:daily|per\s+day|journali\w+)\b[^.;]{0,30}$"
                     r"|\bdaily\s+(?:average|production|output)\b[^.;]{0,20}$", head) or \
                re.match(r"\s*(?:per|a|/|par)\s*(?:day|jour)\b", tail):
            return None  # "an average daily production of 23.5 BTC", "15.7 BTC per day"
        if best is None:  # "2,000 BTC were purchased"
            for kind, pattern in BTC_ACTIONS.items():
                m = _nearest(pattern, tail[:40], last=False)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), kind, m.group(0))
        if (best is None or best[0] > 0) and re.fullmatch(r"\s*(?:,\s*)?(?:to|a)\s*", head) and \
                k > 0 and found[k - 1].kind == "btc" and re.search(
                    r"\b(?:by|de)\s*$", folded[max(0, found[k - 1].start - 12):found[k - 1].start]):
            # "grew by 402.3 BTC to 1,288.45 BTC": what it came to, a balance.
            best = (0, "btc_balance_disclosed", "to")
        if (best is None or best[1] == "btc_balance_disclosed") and re.search(
                r"\breceived\s*$", head) and re.search(r"\bpa(?:ying|id)\b|\bpurchas",
                                                      folded[f.end:f.end + 120]):
            best = (0, "btc_purchased", "received")  # "received 402.3 bitcoin, paying ..."
        if (sheet := _ON_BALANCE_SHEET.match(tail)) and (best is None or best[1] != "btc_sold"):
            # "6,420 self-mined bitcoin on balance sheet": where the coins are, a balance.
            best = (0, "btc_balance_disclosed", sheet.group(0).strip())
        if best is None:
            return None
        kind, cue = best[1], best[2]
        fields: dict[str, Any] = {"btc": f.value}
        figs = [f]
        doubts = []
        if kind == "btc_change_disclosed" and re.search(r"\b(?:add\w*|ajout\w*)\b", cue) and \
                re.match(r"[^.;]{0,40}?\b(?:at\s+an\s+average\s+(?:purchase\s+)?price|spending|"
                         r"paying|au\s+prix\s+moyen|a\s+un\s+prix\s+moyen|en\s+depensant)\b", tail):
            # "put 18.204 more BTC in its reserve, paying 9,512,000 yen per Bitcoin on
            # average, 173 million yen in all": coins added for a price
            kind = "btc_purchased"
            priced = None
        elif kind == "btc_change_disclosed" and re.search(
                r"\b(?:add\w*|ajout\w*)\b", cue) and k + 1 < len(found) and \
                found[k + 1].kind in ("usd", "fx") and re.fullmatch(
                    r"[^.;$]{0,60}?,?\s*(?:for|pour)\s+(?:a\s+total\s+of\s+|un\s+total\s+de\s+)?"
                    r"(?:approximately|about|around|roughly|nearly|environ|pres\s+de)?\s*",
                    folded[f.end:found[k + 1].start]):
            # "vient d'ajouter 1 086 BTC à son trésor, pour environ 95,3 millions de dollars",
            # "added 1,086 BTC for $95.3 million": coins added for a price were bought.
            kind = "btc_purchased"
            priced: int | None = k + 1
        elif kind == "btc_change_disclosed" and re.search(
                r"\b(?:add\w*|ajout\w*)\b", cue) and k + 1 < len(found) and \
                found[k + 1].kind in ("usd", "fx") and (re.fullmatch(
                    r"[^.;$]{0,60}?,?\s*(?:in|through|with|via)\s+an?\s+",
                    folded[f.end:found[k + 1].start]) and re.match(
                    r"\s*(?:bitcoin\s+|btc\s+)?(?:buy|purchase|acquisition)\b",
                    folded[found[k + 1].end:]) or re.fullmatch(
                    r"[^.;$]{0,60}?,?\s*(?:par|lors\s+d'|dans\s+le\s+cadre\s+d')\s*un\s+(?:achat|"
                    r"acquisition)\s+(?:de|d'un\s+montant\s+de)\s+(?:environ\s+)?",
                    folded[f.end:found[k + 1].start])):
            # "has added 58.3 bitcoin to its balance sheet in a $5 million buy", "par un
            # achat de": coins added in a purchase of a price were bought
            kind = "btc_purchased"
            priced = k + 1
        else:
            priced = None
        if kind == "btc_change_disclosed":
            doubts.append(f'read as a stated net change from "{cue}"')
        if kind in ("btc_mined", "btc_purchased", "btc_sold"):
            usd = self._adjacent_usd(found, k, folded, used)
            if usd is not None and (usd > k or _INVEST_LINK.fullmatch(
                    folded[found[usd].end:f.start])) and (not _AGGREGATE.search(
                        between := _UNIT_PRICE_ASIDE.sub(" ", folded[min(f.end, found[usd].end):
                                                                     max(f.start,
                                                                         found[usd].start)]))
                                                          or _TOTAL_PRICE_OF.search(between)):
                fields["usd"] = found[usd].value
                figs.append(found[usd])
                used.add(usd)
            elif priced is not None and found[priced].kind == "usd" and priced not in used:
                fields["usd"] = found[priced].value
                figs.append(found[priced])
                used.add(priced)
            else:
                fx = next((g for g in found[k + 1:k + 3] if g.kind == "fx"
                           and g.start - f.end < 90), None) or next(
                    (g for g in found[max(0, k - 1):k] if g.kind == "fx"
                     and f.start - g.end < 60), None)
                if fx is not None:
                    doubts.append(f"the amount is given in another currency ({_quote(fx.text)})"
                                  ": usd left out, add it only if the text states it in dollars")
        return Proposal(kind, number, fields, figs, doubts=doubts, cue=cue)

    def _usd(self, k: int, found: list[Figure], head: str, tail: str, line: str, folded: str,
             number: int) -> Proposal | None:
        f = found[k]
        near_tail = tail[:60]
        # Results: "$0.84 billion loss", "revenue of $318.6 million", not "consensus of $X".
        if re.match(r"\s*(?:in\s+|of\s+)?(?:unrealized|unrealised|paper)\s+(?:gains?|profits?|"
                    r"losses?)|\s*(?:de\s+)?(?:plus-values?|moins-values?)\s+latentes?", near_tail):
            return None  # "approximately $23.5 billion in unrealized gains"
        if re.match(r"\s*(?:of\s+|de\s+)?(?:fair[- ]value|unrealized|unrealised|impairment|"
                    r"realized|mark[- ]to[- ]market|depreciation|perte de valeur|"
                    r"variation de (?:la )?juste valeur)\b", near_tail):
            return None  # "a $0.9 billion fair-value loss": part of a result, not one
        if re.search(r"\bfrom\s*$", head[-8:]) and re.match(r"[^.;]{0,30}\bto\s", near_tail):
            return None  # "from $7.4 billion in Q1 to $6.8 billion in Q2": the earlier one
        if re.search(r"\bfrom\s*$", head[-8:]) and k > 0 and found[k - 1].kind == "usd" and \
                re.search(r"\bto\s*$", self._folded_line[max(0, found[k - 1].start - 8):
                                                          found[k - 1].start]):
            return None  # "jumped 37% to $7.38 billion from $5.39 billion": the earlier one
        if re.search(r"\b(?:earnings|profits?|income|results|revenues?|resultats|benefices?)\s+"
                     r"(?:by|de)\s*$|\binvest(?:ed|s|ing)?\s*(?:approximately\s+|about\s+)?$",
                     head[-40:]) and not re.search(
                    # ("un bénéfice de 12,3 millions" is the profit, not a change by it)
                    r"\b(?:un|le|son|sa|leur)\s+(?:benefice|resultat)(?:\s+net)?\s+de\s*$",
                    head[-40:]):
            return None  # "boosted that quarter's earnings by $272 million" (an effect on a
            # result), "had invested $1.5 billion in Bitcoin" (coins not given)
        if re.search(r"\b(?:average\s+(?:net\s+)?(?:purchase\s+|sale\s+|selling\s+)?price|price\s+per|"
                     r"cost\s+per|prix\s+moyen|prix\s+unitaire)\b[^$\d.;]{0,30}$", head):
            return None  # "Average Net Price per Bitcoin Sold $25,940": a unit price
        if re.search(r"(?:btc|bitcoins?)\s*\(\s*(?:approximately|about|around|roughly|nearly|"
                     r"worth|valued at|~|environ|soit|pres de)?\s*(?:us\s?)?\$?\s*$", head):
            return None  # "over 900 BTC (approximately $55.1 million)": what the coins are worth
        if k > 0 and found[k - 1].kind == "usd" and re.fullmatch(
                r"\s*(?:in\s+[\w\s]{1,20}?\s*)?to\s*", head) and re.search(
                r"\bfrom\s*$", self._folded_line[:found[k - 1].start]):
            # ... "to $6.8 billion in Q2": the later one, with the cue before "from".
            head = self._folded_line[max(0, found[k - 1].start - 120):found[k - 1].start]
        immediate = re.match(r"\s*(?:in|of|en|de)?\s*(?:total\s+|quarterly\s+|record\s+|"
                             r"consolidated\s+)?", near_tail)
        rest = near_tail[immediate.end() if immediate else 0:]
        # "will be reporting approximately $31 million in revenue", "expects to report",
        # "prévoit de publier": results announced ahead of the report are an estimate (on
        # first sight, results were the shape most often wrong: 6 of 23 right)
        ahead = _RESULTS_AHEAD.search(re.split(r"[.!?;]\s", self._folded_line[
            max(0, f.start - 220):f.start])[-1])
        for pattern, name, sign in _RESULTS:
            m = pattern.match(rest)
            if m:
                if ahead:
                    return None
                return self._result(f, number, name, sign, m.group(0))
        cues = [(m.end(), pattern, name, sign, m.group(0)) for pattern, name, sign in _RESULTS
                for m in pattern.finditer(head)]
        if cues and ahead:
            return None
        if cues:
            position, _, name, sign, cue = max(cues, key=lambda c: (c[0], -len(c[4])))
            before_cue = head[max(0, position - len(cue) - 40):position - len(cue)]
            if name == "net_income_usd" and re.search(r"\badjusted\s+ebitda\s*$", before_cue):
                name = "adjusted_ebitda_usd"  # "Adjusted EBITDA loss of $1.9 million"
            elif name == "adjusted_ebitda_usd" and re.search(r"\bpertes?\s+(?:d'|de\s+l')\s*$",
                                                             before_cue):
                sign = -1  # "une perte d'EBITDA ajusté de 1,9 million de dollars"
            if name == "revenue_usd" and (re.match(
                    r"\s*(?:comprised|consisted\s+of|included|including|se\s+composai\w*|"
                    r"comprenai\w*|dont)\b", head[position:]) or re.match(
                    r"\s*(?:in\s+revenues?\s+)?(?:from|provenant\s+d|issus?\s+d|tires?\s+d)"
                    # (not "to $13.8 billion from $9.1 billion", "from the year before")
                    r"(?!\w)(?!['\s]*(?:us\s?\$|\$|usd|\d|(?:the\s+|a\s+)?(?:same|prior|previous|"
                    r"last|year|quarter|period|year-ago|corresponding|continuing|operations)\b))", self._folded_line[f.end:f.end + 60])):
                return None  # "Revenue comprised $37.1 million from self-mining, ...": the
                # parts of a revenue, each from a business, not the company's revenue
            if name == "revenue_usd" and re.search(
                    r"(?:\b[a-z]+\s+(?:and|&)\s+[a-z]+|\b(?:subscription|services?|transaction|"
                    r"hosting|segment|product|advertising|interest|other|managed|software|"
                    r"mining|energy|retail|institutional|bitcoin|btc|crypto|digital asset|hardware|"
                    r"licens|data center|hosting|cloud)\w*)\s+$", before_cue) and \
                    not re.search(r"\b(?:total|net)\s+$", before_cue):
                return None  # "subscription and services revenue": a segment, not the total
            if name == "revenue_usd" and re.match(
                    r"\s*(?:sur|des|de|du|d'|issus?\s+de|provenant\s+de|tires?\s+d[eu']|from|of)"
                    r"\s*(?:les\s+|la\s+|"
                    r"l'|le\s+|its\s+|the\s+|ses\s+|son\s+|sa\s+)?(?:services?|abonnements?|"
                    r"subscriptions?|licences?|licens\w*|produits?|products?|activites?\s+de|"
                    r"segment|hebergement|hosting|minage|mining|logiciels?|software|"
                    # "les revenus des ventes de bitcoin", "revenue from bitcoin sales"
                    r"(?:ventes?\s+(?:de\s+|d')?)?(?:bitcoins?|btc|cryptos?\w*))\b",
                    head[position:]):
                return None  # "les revenus sur les services d'abonnement", "revenue from
                # its hosting business": a segment, not the company's revenue
            # "expected revenue of $X", "le consensus ... bénéfice net de X": not reported.
            blocked = _nearest(_ESTIMATE, head)
            stake_or_deal = _nearest(_ACQUIRE, head[position:]) or _nearest(_RAISE,
                                                                              head[position:])
            if not blocked and not stake_or_deal and len(head) - position <= 160:
                return self._result(f, number, name, sign, cue)
        if _ESTIMATE.search(head[-60:]):
            return None
        if _CAPACITY.search(head[-70:]):
            return None  # "up to $40.0 million", "the availability to raise $271.3 million"
        if _CAPACITY_AFTER.match(tail) or _STILL_HAD.search(head[-50:]):
            return None  # "$3.6 billion of stock still available for issuance", "$9.7
            # billion in remaining capacity", "still had $X": what is left, not raised
        if _PROGRAM_SIZE.match(tail) or _FILES_FOR.search(head[-40:]):
            return None  # "a $5 billion at-the-market equity offering program", "files for a
            # $5 billion stock offering": the size of a program, not stock sold
        # Equity: "sold 95,000 shares ..., generating approximately $8.3 million in net
        # proceeds", "selling 6.40 million shares, raising $1.71 billion in net proceeds".
        shares_near = next((g for g in reversed(found[:k]) if g.kind == "shares"), None)
        if _PROCEEDS_AFTER.match(tail) and shares_near is not None and \
                f.start - shares_near.end < 160 and not _REPURCHASE.search(head[-160:]) and \
                not _NOTES.search(folded[shares_near.end:f.start]):
            return Proposal("equity_issued", number, {"usd": f.value, "shares": shares_near.value},
                            [f, shares_near], cue="proceeds")
        # "sold 1,354,500 shares under its ATM program, raising $519.5 million", "a vendu
        # 1 354 500 actions, levant 519,5 millions de dollars"
        if shares_near is not None and f.start - shares_near.end < 120 and re.search(
                r"\b(?:raising|generating|netting|bringing\s+in|for\s+(?:total\s+|aggregate\s+)?"
                r"(?:net\s+|gross\s+)?proceeds\s+of|levant|generant|pour\s+un\s+(?:produit|"
                r"montant)\s+(?:net\s+|brut\s+)?(?:total\s+)?de)\s*,?\s*(?:~|approximately|about|"
                r"around|roughly|environ)?\s*$", head[-40:]) and re.search(
                r"\b(?:sold|sells?|selling|issued|issuing|placed|sale\s+of|vendu\w*|emis\w*|"
                r"cede\w*|cession\s+de|vente\s+de)\b[^.;]{0,40}$",
                folded[max(0, shares_near.start - 80):shares_near.start]) and \
                not _REPURCHASE.search(head[-160:]) and \
                not _NOTES.search(folded[shares_near.end:f.start]):
            return Proposal("equity_issued", number, {"usd": f.value, "shares": shares_near.value},
                            [f, shares_near], cue="shares sold")
        if re.search(r"(?:option|greenshoe|over-?allotment)[^.;]{0,60}$|\badditional\s*$", head):
            return None  # "an option to buy up to a further $120 million": optional
        # Equity: "sold 316,870 shares under its sales agreement for total net proceeds
        # of about $14.2 million", "1,500,000 shares ... for net proceeds of $96.4M".
        shares_before = next((g for g in reversed(found[:k]) if g.kind == "shares"), None)
        if re.search(r"(?:net|gross)?\s*proceeds\s*(?:\([^)]*\)\s*)?(?:of|de|totaling)?\s*"
                     r"(?:~|approximately|about|environ)?\s*$|produit\s+(?:net|brut)\s+(?:de\s+)?"
                     r"(?:~|environ)?\s*$", head) and (shares_before is not None or
                                                   _EQUITY.search(head)) \
                and not _REPURCHASE.search(head) and not _NOTES.search(head[-120:]):
            p = Proposal("equity_issued", number, {"usd": f.value}, [f], cue="proceeds")
            if shares_before is not None and f.start - shares_before.end < 200:
                p.fields["shares"] = shares_before.value
                p.figures.append(shares_before)
            return p
        # Equity: "sold 18.5 million new shares for $265 million".
        if k > 0 and found[k - 1].kind == "shares" and (_PRICE_LINK.fullmatch(
                folded[found[k - 1].end:f.start]) or _SHARES_FOR_AMOUNT.fullmatch(
                folded[found[k - 1].end:f.start])) and not _REPURCHASE.search(head):
            return Proposal("equity_issued", number, {"usd": f.value}, [f], cue="shares")
        # Notes paid back: "repaid $71.2 million of its convertible debt", "a remboursé 71,2
        # millions de dollars de dette convertible".
        if ((back := _RETIRE_VERB.search(head[-60:])) and _RETIRED_WHAT.match(tail) or (
                back := _RETIRED_BEFORE.search(head[-120:]))) and not _CAPACITY.search(head[-40:]):
            word = back.group("verb") if "verb" in back.re.groupindex else back.group(0)
            how = "repurchased" if re.search(r"repurchas|rachet|bought", word) else \
                "converted" if "conver" in word else "repaid"
            fields = {"principal_usd": f.value, "how": how}
            figs = [f]
            paid = next((g for g in found[k + 1:k + 2] if g.kind == "usd" and re.fullmatch(
                r"[^.;$]{0,80}\b(?:for|pour|at a cost of)\s*(?:approximately\s+|about\s+|"
                r"environ\s+)?", folded[f.end:g.start])), None)
            if paid is not None and how == "repurchased":  # "... for $180 million in cash"
                fields["usd"] = paid.value
                figs.append(paid)
            return Proposal("notes_retired", number, fields, figs, cue=word)
        if _NOTES.search(head[-120:]) and re.search(
                r"\b(?:raising|raised|raises|generating|generated|netting|netted|(?:net|gross)\s+"
                r"proceeds\s+of|levant|produit\s+net\s+de)\s*(?:~|approximately|about|around|"
                r"environ)?\s*(?:us\s?\$|\$)?\s*$", head[-40:]):
            return None  # "a notes offering due 2031, raising $1.84 billion": what it brought
            # in, not its principal
        if _NOTES.search(head[-160:]) and re.search(
                r"(?:,|\(|-)\s*(?:dont|of\s+which|including|y\s+compris)\s*(?:~|approximately|"
                r"about|environ)?\s*(?:us\s?\$|\$)?\s*$", head[-40:]):
            return None  # "$600 million of notes, of which $75 million under the option":
            # a part of the issue just told, not another one
        # Notes: "$640 million via zero-interest convertible notes", "1.75% convertible notes".
        notes = _nearest(_NOTES, tail, last=False)
        equity = _nearest(_EQUITY, tail, last=False)
        before_all = re.split(r"[,;:]", folded[max(0, f.start - 160):f.start])[-1]
        retiring = re.search(r"\b(?:repaid|repay\w*|redeem\w*|retired|repurchas\w*|bought\s+"
                             r"back|rembours\w*|rachet\w*)\b", before_all)
        if notes and (equity is None or notes.start() < equity.start()) and notes.start() < 80:
            if retiring:
                return None  # "repurchased $200 million of its notes for $180 million"
            return self._notes(f, found, k, tail, head, number)
        if equity and equity.start() < 60 and not _REPURCHASE.search(head[-60:] + tail[:60]):
            if _RAISE.search(head[-80:]) or _RAISE.search(tail[:equity.end() + 30]):
                return Proposal("equity_issued", number, {"usd": f.value}, [f],
                                cue=equity.group(0))
        if ((_nearest(_NOTES, head[-60:]) and _CONVERTIBLE.search(head[-60:])) or
                re.search(r"obligations?\s+(?:convertibles?\s+)?(?:de|d'un montant de)\s*$",
                          head)) and not retiring:
            return self._notes(f, found, k, tail, head, number)
        # "une émission d'obligations convertibles à 0 % ... pour un montant total de 3
        # milliards de dollars", "notes ..., in an aggregate principal amount of $500 million".
        if _NOTES.search(head[-200:]) and _SIZE_TO.search(head[-200:]) and \
                not _REPURCHASE.search(head[-200:]) and not _CAPACITY.search(head[-70:]):
            # "raised the principal amount of its notes due 2031 to $1.2 billion",
            # "le montant principal de ses obligations ... a été porté à 1,2 milliard"
            return self._notes(f, found, k, tail, head[-200:], number)
        if _NOTES.search(head[-220:]) and _PRINCIPAL_OF.search(head) and \
                not _REPURCHASE.search(head[-220:]) and not _CAPACITY.search(head[-70:]):
            return self._notes(f, found, k, tail, head[-220:], number)
        # A business: "$1.5 billion acquisition of NAME", "acquired NAME for $X".
        m = re.match(r"\s*(?:acquisition|takeover|purchase|rachat)\s+(?:of|de|d')\s*", tail)
        if m and not _BITCOIN.match(tail[m.end():]):
            named = _name_after(line, f.end + m.end())
            return self._business(f, number, named[0] if named else None)
        m = _nearest(_ACQUIRE, head[-80:])
        if m:  # "acquired NAME for $X", "the acquisition of NAME for $X"
            named = _name_after(line, f.start - len(head[-80:]) + m.end())
            if named and _PRICE_LINK.fullmatch(folded[named[1]:f.start]):
                return self._business(f, number, named[0])
        # A bitcoin sale or purchase given in dollars: "$0.9 billion bitcoin sale",
        # "divested $0.9 billion worth of bitcoin"; not the value or cost of a bitcoin figure
        # just before it ("5,140 BTC (approx. $128.6 million)", "acquired for $1.93 billion"
        # after holdings), nor a total spent over time.
        if k > 0 and found[k - 1].kind in ("btc", "fx") and f.start - found[k - 1].end < 45:
            return None
        if _AGGREGATE.search(head[-80:]):
            return None
        if re.match(r"\s*(?:\w+\s+){0,2}(?:to|pour|afin d')\s+(?:buy|purchase|acquire|acheter|"
                    r"acquerir)\b", tail) or re.search(r"\b(?:bitcoin|btc)[- ](?:options|"
                                                       r"securities|etfs?|futures|miners?|"
                                                       r"related)", tail[:60]):
            return None  # "$300 million set aside to buy bitcoin options": not bitcoin bought
        around = head[-80:] + " " + tail[:60]
        if re.search(r"\b(?:at|@)\s*(?:~|approximately|about|around|roughly)?\s*(?:us\s?\$|\$|"
                     r"usd\s?)?\s*$|\b(?:acquisition|average|purchase|unit|cost)\s+(?:cost|price)"
                     r"\s+(?:basis\s+)?(?:of\s+)?(?:~|approximately|about|around|roughly)?\s*"
                     r"(?:us\s?\$|\$|usd\s?)?\s*$|\b(?:acquisition|average|purchase)\s+cost\s+"
                     r"(?:basis\s+)?(?:of\s+)?(?:~|approximately|about|around|roughly)?\s*(?:us\s?\$|"
                     r"\$|usd\s?)?\s*$", head[-40:]):
            return None  # "first bought bitcoin at US$31k", "under its average cost of
            # about $64,000": a price per coin, not dollars spent
        if _HELD_LEAD.search(line[max(0, f.start - 40):f.start]):
            return None  # "now holds $28 billion in bitcoin": a value, not a purchase
        if re.search(r"\b(?:loans?|pret|emprunts?|credit\s+facility|facilite\s+de\s+credit|"
                     r"borrow\w*|emprunte\w*|a\s+emprunte)\b[^.;]{0,25}$", head[-60:]) or \
                re.match(r"\s*(?:[\w-]+\s+){0,2}?(?:loans?|credit\s+facility|term\s+loan)\b", tail):
            return None  # "obtained a $6.8 million loan to buy bitcoin": borrowed, not spent
        if _BITCOIN.search(around):
            sold = _nearest(BTC_ACTIONS["btc_sold"], around)
            bought = _nearest(BTC_ACTIONS["btc_purchased"], around)
            if sold or bought:
                kind = "btc_sold" if sold and (not bought or sold.start() > bought.start()) \
                    else "btc_purchased"
                return Proposal(kind, number, {"usd": f.value}, [f],
                                cue=(sold or bought).group(0))  # type: ignore[union-attr]
        return None

    def _result(self, f: Figure, number: int, name: str, sign: int, cue: str) -> Proposal:
        doubts = []
        if cue.strip() in ("loss", "losses", "perte", "pertes"):
            doubts.append(f'"{cue.strip()}" read as net income (negative)')
        if sign > 0 and re.search(r"\b(?:negative|minus|negatif|negative)\s*(?:of\s+|de\s+)?$",
                                  self._folded_line[max(0, f.start - 20):f.start]):
            sign = -1  # "Adjusted EBITDA was negative $12.3 million"
            doubts.append('"negative" read as a minus sign')
        return Proposal("results_reported", number, {name: f.value * sign}, [f], doubts=doubts,
                        cue=cue)

    def _business(self, f: Figure, number: int, target: str | None) -> Proposal:
        fields: dict[str, Any] = {"usd": f.value}
        doubts = []
        if target:
            fields["target"] = target
        else:
            doubts.append("the text names no target here: add it")
        return Proposal("business_acquired", number, fields, [f], doubts=doubts)

    def _repurchase(self, k: int, found: list[Figure], head: str, folded: str,
                    used: set[int], number: int) -> Proposal | None:
        """Shares bought back: "repurchased 1,250,000 common shares for $1.4 million",
        "a racheté 300 000 actions" (the dollars when the text gives them in dollars; an
        amount in another currency is named for the analyst, never converted)."""
        f = found[k]
        cue = _nearest(_REPURCHASE, head[-70:])
        if cue is None or len(head[-70:]) - cue.end() > 45 or \
                _RAISE.search(head[-70:][cue.end():]) or _CAPACITY.search(head[-70:]) or \
                re.search(r"\b(?:allow\w*|authori[sz]\w*|permit\w*|permet\w*|may|peut|pourra)\b",
                          head[-70:]):
            return None  # what a buyback program allows is capacity, not shares bought
        fields: dict[str, Any] = {"shares": f.value}
        figs, doubts = [f], []
        usd = self._adjacent_usd(found, k, folded, used)
        if usd is not None and usd > k:
            fields["usd"] = found[usd].value
            figs.append(found[usd])
            used.add(usd)
        elif (fx := next((g for g in found[k + 1:k + 3] if g.kind == "fx"
                          and g.start - f.end < 120), None)) is not None:
            doubts.append(f"the amount is given in another currency ({_quote(fx.text)}): usd "
                          "left out, add it only if the text states it in dollars")
        return Proposal("shares_repurchased", number, fields, figs, doubts=doubts,
                        cue=cue.group(0))

    def _fx_notes(self, k: int, found: list[Figure], head: str, tail: str, number: int
                  ) -> Proposal | None:
        """Notes issued in another currency ("its 5th Series of Ordinary Bonds ..., raising
        5 billion yen", "des obligations convertibles de 10 millions d'euros"): drafted with
        their terms but no principal_usd, the currency named for the analyst."""
        f = found[k]
        near = head[-90:] + " " + tail[:50]
        if not (_NOTES.search(near) and (_RAISE.search(near) or _CONVERTIBLE.search(near))) \
                or _REPURCHASE.search(near) or _CAPACITY.search(head[-70:]) or \
                _ESTIMATE.search(head[-60:]):
            return None
        p = self._notes(f, found, k, tail, head, number)
        del p.fields["principal_usd"]
        if not any(name in p.fields for name in ("coupon_percent", "maturity",
                                                  "conversion_rate", "conversion_price_usd")):
            return None  # no amount in dollars and no term: nothing a record could hold
        p.doubts.append(f"the principal is given in another currency ({_quote(f.text)}): "
                        "principal_usd left out, add it only if the text states it in dollars")
        return p

    def _notes(self, f: Figure, found: list[Figure], k: int, tail: str, head: str,
               number: int) -> Proposal:
        fields: dict[str, Any] = {"principal_usd": f.value}
        figs = [f]
        words = (head if _PRINCIPAL_OF.search(head) or _SIZE_TO.search(head) else head[-60:]) \
            + " " + tail[:80]
        fields["convertible"] = bool(_CONVERTIBLE.search(words))
        doubts = []
        coupon = next((g for g in found[k + 1:k + 2] if g.kind == "percent"
                       and (g.start - f.end < 30 or re.fullmatch(
                           r"\s*(?:in\s+)?(?:aggregate\s+)?principal\s+amount\s+of\s+",
                           self._folded_line[f.end:g.start]) or re.fullmatch(
                           r"[\s\w'-]{0,45}\b(?:notes?|obligations?|convertibles?|bonds?|senior|"
                           r"de\s+premier\s+rang)\s+(?:a|at|de|bearing|portant)\s+",
                           self._folded_line[f.end:g.start]))), None)
        if coupon is None:
            coupon = next((g for g in found[max(0, k - 1):k] if g.kind == "percent"
                           and f.start - g.end < 30), None)
        if coupon is None:  # "obligations convertibles à 0 % ... pour un montant de X"
            coupon = next((g for g in reversed(found[:k]) if g.kind == "percent" and re.search(
                r"(?:notes?|bonds?|obligations?|convertibles?|senior|de premier rang|oceanes?)"
                r"\s+(?:a\s+|at\s+|de\s+)?$", self._folded_line[max(0, g.start - 40):g.start])),
                None)
        if coupon is None:  # "assorties d'un coupon de 2,5 %", "bearing interest at 3%"
            coupon = next((g for g in found[k + 1:] if g.kind == "percent"
                           and g.start - f.end < 120 and re.search(
                               r"(?:coupon|interest|interet|taux|bearing|at a rate of)"
                               r"[^.;]{0,20}$", self._folded_line[f.end:g.start])), None)
        if coupon is not None and (re.search(
                r"\b(?:premium|prime(?:\s+de\s+conversion)?|decote|discount|above|au-dessus)"
                r"\s+(?:of\s+|de\s+|d'|to\s+)?(?:approximately\s+|about\s+|environ\s+)?$",
                self._folded_line[max(0, coupon.start - 40):coupon.start]) or re.match(
                r"\s*(?:conversion\s+)?(?:premium|prime|discount|decote|above|au-dessus)\b",
                self._folded_line[coupon.end:])):
            coupon = None  # "a conversion premium of 30%", "at a 25% premium": no coupon
        if coupon is not None:
            fields["coupon_percent"] = coupon.value
            figs.append(coupon)
        elif m := _ZERO_COUPON.search(words):
            fields["coupon_percent"] = Decimal(0)
            doubts.append(f'coupon 0 from "{m.group(0)}"')
        else:
            doubts.append("no coupon is given: add coupon_percent")
        if not fields["convertible"]:
            doubts.append("the text does not say they are convertible")
        # The terms often follow in the next paragraphs ("The notes will mature on ...",
        # "The initial conversion rate is ..."): read on for three lines, stopping at another
        # issue of notes.
        # The sentence's own words before the amount count too ("obligations à 0 % arrivant à
        # échéance en 2029, pour un montant total de 3 milliards de dollars").
        windows = [(number, max(0, f.start - len(head)), self._folded_line)]
        # A release gives the terms paragraphs later, under their own headings ("Details of the
        # Offering", "Conversion and Repurchase"): read on through twelve lines (blank lines
        # between paragraphs not counted).
        read = 0
        for j in range(number, len(self.folded)):
            nxt = self.folded[j]
            if not nxt.strip():
                continue
            read += 1
            if read > 12:
                break
            other = re.search(r"(?<!additional )(?<!per )(?<!per us )(?<!additional us )"
                              r"\$\s?\d[^.;]{0,40}\b(?:notes|bonds|"
                              r"obligations)\b", nxt)
            if other and not re.search(
                    r"\b(?:previously\s+announced|initially\s+(?:announced|proposed)|"
                    r"(?:increased|upsized|raised|reduced)\s+from|initialement\s+annonce|"
                    r"(?:releve|porte|augmente)\w*\s+(?:par\s+rapport\s+au|de))\b[^.;]{0,25}$",
                    nxt[max(0, other.start() - 60):other.start()]):
                # another issue of notes ("per $1,000 ... of notes" is a term, and the size an
                # offering was changed from is this one's)
                break
            windows.append((j + 1, 0, nxt))
        if "coupon_percent" not in fields:
            for at_line, offset, text in windows:
                if z := re.search(r"\b(?:(?:carry|carries|bear|bears|pay|pays)\s+no\s+(?:regular\s+)?"
                                  r"interest|(?:do|does|will|shall)\s+not\s+(?:bear|incur|carry|pay|"
                                  r"accrue)\s+(?:regular\s+|any\s+)?interest|non-interest[- ]bearing|"
                                  r"ne\s+porter(?:ont|a)\s+pas\s+(?:d')?interets?|"
                                  r"zero[- ]coupon|sans\s+interets?|ne\s+portent\s+pas\s+"
                                  r"interet)\b", text):
                    fields["coupon_percent"] = Decimal(0)
                    doubts[:] = [d for d in doubts if "no coupon is given" not in d]
                    doubts.append(f'coupon 0 from "{z.group(0)}" (line {at_line})')
                    figs.append(Figure("terms", Decimal(0), z.start(), z.end(),
                                       self.lines[at_line - 1][z.start():z.end()], False,
                                       False, at_line))
                    break
                # "The bond ... offering a 9.25% annual coupon", "un coupon
                # annuel de 7,5 %", "an interest rate of 7.5%": the coupon in a sentence of
                # its own
                c = re.search(r"(?P<n>\d{1,2}(?:[.,]\d{1,4})?)\s?%\s+(?:(?:annual|fixed|yearly|"
                              r"per\s+annum)\s+)?(?:coupon|interest\s+rate)\b|\b(?:(?:annual\s+)?"
                              r"coupon|interest\s+rate|taux\s+d'interet|coupon\s+annuel|coupon)\s+"
                              r"(?:annuel\s+|fixe\s+)?(?:of|de|is|est\s+de|at)\s+(?P<m>\d{1,2}(?:[.,]"
                              r"\d{1,4})?)\s?%", text[offset:])
                if c is not None:
                    group = "n" if c["n"] else "m"
                    at = offset + c.start(group)
                    raw = self.lines[at_line - 1][at:offset + c.end(group)]
                    value = parse_number(raw, self.line_lang[at_line - 1])
                    if value is not None:
                        fields["coupon_percent"] = value
                        doubts[:] = [d for d in doubts if "no coupon is given" not in d]
                        figs.append(Figure("percent", value, at, at + len(raw), raw, False,
                                           False, at_line))
                        break
        for at_line, offset, text in windows:
            line = text[offset:]
            self._terms(fields, figs, at_line, offset, line)
        if "maturity" not in fields:
            doubts.append("maturity not read: add it if the text gives one")
        if fields["convertible"] and not ("conversion_rate" in fields or
                                          "conversion_price_usd" in fields):
            doubts.append("conversion terms not read: add them if the text gives them")
        return Proposal("notes_issued", number, fields, figs, doubts=doubts)

    def _terms(self, fields: dict[str, Any], figs: list[Figure], at_line: int, offset: int,
               line: str) -> None:
        """Conversion rate and price, and a maturity day, read from one line's text."""
        terms = self.line_lang[at_line - 1]
        original = self.lines[at_line - 1]
        if fields["convertible"]:
            # "The notes' conversion rate will initially be N shares", "Initial conversion
            # rates are set at N shares", "an initial rate of N shares": words, no figure, between.
            # (the shares' class between the figure and "shares", "62.5 Class A ordinary
            # shares", and the currency's prefix before the denomination, "per US $1,000")
            rate = re.search(r"(?:conversion|initial)\s+rates?\b[^.;\d$]{0,60}?"
                             r"(?P<n>\d[\d,.]*)\s+(?:(?:class\s+[a-z]|common|ordinary|american|"
                             r"depositary)\s+)*shares?\b[^.;]{0,80}?per\s+(?:us\s?)?\$?\s?1,000|"
                             r"taux\s+de"
                             r"\s+conversion\s+(?:initial\s+)?(?:de\s+(?:ces|ses|les)\s+[a-z]+\s+)?"
                             r"(?:est\s+|sera\s+|s'eleve\s+a\s+)?(?:fixe\s+a\s+|a\s+)?(?:de\s+|d')?"
                             r"(?:environ\s+)?(?P<f>\d[\d\s,.]*?)\s+actions?\s+(?:[a-z\s]{0,40}?)"
                             r"(?:pour|par)\s+(?:tranche\s+de\s+)?(?:\$\s?)?1\s?000", line)
            price = re.search(r"conversion\s+price\s+(?:of|is|will\s+be|at|set\s+at|of\s+about)?\s*"
                              r"(?:approximately\s+|roughly\s+|around\s+|~\s?|"
                              r"about\s+)?\$\s?(?P<n>\d[\d,.]*)|"
                              # "41.3301 shares per $1,000 principal amount, equivalent to $24.20
                              # per share"
                              r"per\s+\$\s?1,000\s+(?:in\s+)?principal\s+amount(?:\s+of\s+notes)?,?\s+"
                              r"(?:which\s+is\s+)?equivalent\s+to\s+(?:approximately\s+|about\s+)?"
                              r"\$\s?(?P<e>\d[\d,.]*)\s+per\s+share|"
                              r"prix\s+de\s+conversion\s+(?:initial\s+)?"
                              r"(?:est\s+|sera\s+|s'eleve\s+a\s+)?(?:de\s+|d')?(?:environ\s+)?"
                              r"(?P<f>\d[\d\s,.]*?)\s?(?:\$|dollars|usd)", line)
            if price is None:
                # "Cette conversion se traduit par environ 24,24 $ par action": the price the
                # rate comes to
                price = re.search(r"\b(?:se\s+traduit\s+par|correspond\s+a|equivaut\s+a)\s+"
                                  r"(?:un\s+prix\s+de\s+)?(?:environ\s+)?(?P<f>\d[\d\s,.]*?)\s?"
                                  r"(?:\$|dollars|usd)\s+(?:par|l')\s*action", line)
            for name, m in (("conversion_rate", rate), ("conversion_price_usd", price)):
                if m is None or name in fields:
                    continue
                english = m.groupdict().get("n") or m.groupdict().get("e")
                text = (english or m["f"]).strip().rstrip(".,")
                value = parse_number(text, "en" if english else "fr") or \
                    parse_number(text, terms)
                if value is not None and value > 0:
                    fields[name] = value
                    at = offset + m.start(m.lastgroup or 0)
                    figs.append(Figure("terms", value, at, at + len(text),
                                       original[at:at + len(text)], False, False, at_line))
        for maturity in re.finditer(r"(?:mature|maturing|due|maturity\s+date\s+(?:of|is)|"
                                    r"echeance|remboursables?|echeant)\s+(?:on\s+|le\s+|au\s+|"
                                    r"in\s+|en\s+)?", line):
            # A day ("mature on January 15, 2030") is the maturity; a bare year ("due 2030")
            # only until a day of that year is read.
            if "maturity" in fields and len(str(fields["maturity"])) != 4:
                break
            at = offset + maturity.end()
            day = next((mm for mm in self.mentions[at_line - 1] if mm.kind in ("date", "month")
                        and mm.effective and mm.start >= at - 3 and mm.start - at <= 3), None)
            year = re.match(r"((?:19|20)\d{2})\b(?![,.]?\d)", self.folded[at_line - 1][at:])
            if day is not None and (
                    "maturity" not in fields or day.effective[:4] == fields["maturity"]):
                fields["maturity"] = day.effective
                figs.append(Figure("terms", Decimal(0), day.start, day.end, day.text, False,
                                   False, at_line))
            elif year is not None and "maturity" not in fields:  # "notes due 2029"
                fields["maturity"] = year.group(1)
                figs.append(Figure("terms", Decimal(0), at, at + 4, original[at:at + 4], False,
                                   False, at_line))

    def _workforce(self, k: int, found: list[Figure], folded: str, s_start: int, s_end: int,
                   number: int) -> Proposal | None:
        f = found[k]
        around = folded[max(s_start, f.start - 60):min(s_end, f.end + 60)]
        if not (_WORKFORCE.search(around) and _CUT.search(around)):
            return None
        if f.kind == "percent":
            tail = folded[f.end:f.end + 40]
            if not re.match(r"\s*(?:of\s+(?:its|the|our|their)\s+|de\s+(?:ses|son|leurs?|"
                            r"l'|la|les)\s*|du\s+)?(?:workforce|staff|employees|headcount|"
                            r"personnel|effectifs?|salaries|employes|emplois|postes)",
                            tail) and not re.search(r"\b(?:by|de)\s*$", folded[:f.start]):
                return None
            return Proposal("workforce_reduced", number, {"percent": f.value}, [f])
        return Proposal("workforce_reduced", number, {"headcount": f.value}, [f])

    def _equity_shares(self, found: list[Figure], props: list[Proposal], used: set[int]
                       ) -> None:
        """A share count in the same sentence as one equity raise is its ``shares``."""
        raises = [p for p in props if p.type == "equity_issued"]
        counts = [(k, f) for k, f in enumerate(found) if f.kind == "shares" and k not in used]
        if len(raises) == 1 and len(counts) == 1:
            k, f = counts[0]
            raises[0].fields["shares"] = f.value
            raises[0].figures.append(f)
            used.add(k)
            return
        # "raised $186.2 million by selling 592,740 shares ..., and another $8.7 million
        # from 96,300 shares": each raise and the count written right after it
        for p in raises:
            if "shares" in p.fields or not p.figures:
                continue
            money = p.figures[0]
            for k, f in counts:
                if k not in used and 0 <= f.start - money.end <= 40 and re.fullmatch(
                        r"\s*(?:in\s+(?:net\s+|gross\s+)?proceeds\s+)?(?:from|through|via|by)\s+"
                        r"(?:the\s+)?(?:sale|issuance|selling|issuing)?\s*(?:of\s+)?",
                        self._folded_line[money.end:f.start]):
                    p.fields["shares"] = f.value
                    p.figures.append(f)
                    used.add(k)
                    break

    # -- periods --

    def _yield(self, f: Figure, number: int, folded: str, s_start: int, s_end: int
               ) -> Proposal | None:
        """A stated BTC Yield with its period: "From April 1, 2024 to August 20, 2024, the
        BTC Yield was 22.4%", "a BTC Yield of 241.7% YTD 2025". Without a stated start it
        is not drafted (a yield means nothing without its period)."""
        window = 90
        head = folded[max(s_start, f.start - window):f.start]
        cue = _nearest(_YIELD, head)
        if cue is None and (far := _nearest(_YIELD, folded[max(s_start, f.start - 220):
                                                             f.start])) is not None and \
                re.fullmatch(r"[\"'\u201d\s]*-\s[^-\d%]{0,160}?\s-\s*(?:of|de|d')?\s*",
                             folded[max(s_start, f.start - 220) + far.end():f.start]):
            # "its “BTC Yield” - bitcoin per diluted share - of 212.5%": the name
            # before an aside between dashes
            window = 220
            head = folded[max(s_start, f.start - window):f.start]
            cue = _nearest(_YIELD, head)
            head = head[:cue.end()] + " " * (len(head) - cue.end())
        named = None
        if cue is None and (named := re.match(
                r"\s*(?:(?:de|d'|of|in)\s+(?:son|sa|leur|ses|its|their|the)?\s*)?"
                r"(?:(?:ytd|year[- ]to[- ]date|depuis le debut de l'annee)\s+)?(?:"
                + _YIELD.pattern + ")", folded[f.end:s_end])):
            # "une hausse de 9,1 % de son rendement BTC depuis janvier", "a gain of 9.1% in
            # its BTC Yield year to date", "posts a 212.5% BTC Yield year-to-date", "an
            # 8,415% year-to-date Bitcoin yield": the name after the figure; its period is
            # read after the name
            f = Figure(f.kind, f.value, f.start, f.end + named.end(), f.text, f.rounded,
                       f.approximate, f.line)
            cue = named
        between = head[cue.end():] if cue and cue is not named else ""
        # (a period between the cue and the figure is no other figure: "BTC Yield for Q1 2025
        # was 11.0%", "BTC Yield du T1 2025")
        at = max(s_start, f.start - window) + (cue.end() if cue else 0) if cue is not named \
            else f.start
        if not re.search(r"\d[\d\s.,]*\s?%", between):  # (not in a chain of yields)
            for m in self.mentions[number - 1]:
                if m.effective and at <= m.start and m.end <= f.start:
                    between = between.replace(folded[m.start:m.end], " ")
        # "BTC Yield of 12.6% since ... and of 0.3% since ...": the cue may name a chain.
        if cue is None or re.search(r"\d", re.sub(r"\d[\d\s.,]*\s?%", "", between)):
            return None
        # "un rendement BTC de 1 184,6 % depuis janvier, l'action a progressé de 512 %": a new
        # clause after the yield speaks of something else.
        if re.search(r"[,;:]\s*(?!and\b|et\b|or\b|ou\b|\d)[a-z]",
                     re.sub(r"\d[\d\s.,]*\s?%", "", between)):
            return None
        if re.search(r"\brespective(?:ly|ment)\b", folded[f.end:s_end]):
            # "30-day and year-to-date BTC yields of 77% and 1,204%, respectively": the
            # n-th yield is the n-th period's; only a year-to-date one is read here
            kinds = re.findall(r"\b(year[- ]to[- ]date|ytd|quarter[- ]to[- ]date|qtd|"
                               r"\d+[- ]days?|month[- ]to[- ]date|depuis le debut de l'annee|"
                               r"\d+ (?:derniers )?jours|mensuels?|trimestriels?|annuels?|monthly|quarterly)\b",
                               folded[s_start:f.start])
            shares = [m.start() for m in re.finditer(r"\d[\d\s.,]*\s?%", folded[s_start:s_end])]
            index = next((k for k, x in enumerate(shares) if s_start + x >= f.start - 1), None)
            if len(kinds) < 2 or len(kinds) != len(shares) or index is None or not re.match(
                    r"year|ytd|depuis", kinds[index]):
                return None
        tail = folded[f.end:min(s_end, f.end + 60)]
        if re.match(r"\s*(?:in|for|during|over|au cours du|sur)\s+(?:the\s+|le\s+)?"
                    r"(?:previous|prior|last|precedent)", tail):
            return None  # the previous quarter's figure, a comparison
        usable = [m for m in self.mentions[number - 1] if m.effective and not m.comparison
                  and s_start <= m.start < s_end]
        ranges = [m for m in usable if "/" in (m.effective or "")]
        since = end = None
        how = "sentence"
        # "74.3% for the full year 2024", "47.8% in Q4 2024": the period right after it.
        own = next((m for m in usable if m.kind in ("year", "quarter", "month", "range") and
                    0 <= m.start - f.end <= 30 and re.fullmatch(
                        r"[\s,]*(?:(?:for|in|during|over|pour|en|sur|au cours|au)\b[\w\s'-]{0,20})?",
                        folded[f.end:m.start])), None)
        since_month = re.match(rf"[\s,]*(?:depuis|since)\s+(?:le\s+)?(?:debut\s+(?:de\s+|d')?)?"
                               rf"(?:(?:the\s+)?(?:start|beginning)\s+of\s+)?(?P<m>"
                               rf"{_month_pattern()})\b(?!\s+\d)(?:\s+(?P<y>(?:19|20)\d{{2}}))?",
                               folded[f.end:s_end])
        sentence = [m for m in self.mentions[number - 1] if m.effective
                    and s_start <= m.start < s_end]  # "since" marks a comparison too
        since_day = next((m for m in sentence if m.kind == "date" and m.effective and re.fullmatch(
            r"[\s,]*(?:(?:qtd|ytd|so far|to date)\s*,?\s*)?(?:since|depuis)\s+(?:le\s+)?",
            folded[f.end:m.start]) or m.kind == "date" and m.effective and m.start >= f.end and
            re.fullmatch(r"[\s,]*(?:(?:qtd|ytd|so far|to date)\s*,?\s*)?", folded[f.end:m.start])
            and re.match(r"(?:since|depuis)\b", fold(m.text))), None)
        if own is None and not ranges and since_day is not None and self.disclosed is not None \
                and since_day.effective < self.disclosed:
            # "12.4% since January 1, 2025", "12,4 % depuis le 1er janvier 2025": from that
            # day to the day it was stated (a date in the sentence, else the publication's).
            since = since_day.effective
            dated = [m for m in usable if m.kind == "date" and m is not since_day]
            if dated:
                end = min(dated, key=lambda m: abs(m.start - f.start))
            else:
                end = Mention(self.disclosed, "date", 0, 0, 0, f"published {self.disclosed}")
                how = "disclosed"
        elif own is None and not ranges and since_month and self.disclosed is not None and \
                (month := _month_numbers().get(since_month["m"])) is not None:
            # "1 184,6 % depuis janvier", "since January": from the first of that month, to
            # the day it was published (a date in the sentence, else the publication's).
            year = int(since_month["y"] or self.disclosed[:4])
            if not since_month["y"] and month > int(self.disclosed[5:7]):
                year -= 1
            since = f"{year}-{month:02d}-01"
            dated = [m for m in usable if m.kind == "date"]
            if dated:
                end = min(dated, key=lambda m: abs(m.start - f.start))
            else:
                end = Mention(self.disclosed, "date", 0, 0, 0, f"published {self.disclosed}")
                how = "disclosed"
        elif own is not None:
            span = parse_period(own.effective)  # type: ignore[arg-type]
            since = span.start.isoformat()
            end = Mention(span.end.isoformat(), "date", own.line, own.start, own.end, own.text)
        elif ranges:
            chosen = min(ranges, key=lambda m: abs(m.start - f.start))
            since, last = chosen.effective.split("/")  # type: ignore[union-attr]
            end = Mention(last, "date", chosen.line, chosen.start, chosen.end, chosen.text)
        elif (re.match(r"[^\d%]{0,12}\b(?:qtd|quarter[- ]to[- ]date|since the (?:start|"
                              r"beginning) of the quarter|depuis le debut du trimestre|"
                              r"(?:so far )?this quarter|sur le trimestre en cours|"
                              r"(?:pour|sur|au cours du) (?:le )?trimestre en cours)",
                              folded[f.end:s_end])) and self.disclosed is not None:
            dated = [m for m in usable if m.kind == "date"]
            if dated:  # "0.6% QTD as of February 2, 2025"
                end = min(dated, key=lambda m: abs(m.start - f.start))
            else:
                end = Mention(self.disclosed, "date", 0, 0, 0, f"published {self.disclosed}")
                how = "disclosed"
            day = end.effective or self.disclosed
            month = (int(day[5:7]) - 1) // 3 * 3 + 1
            since = f"{day[:4]}-{month:02d}-01"
        elif ytd := (re.match(r"[^\d%]{0,12}\b(?:ytd|year[- ]to[- ]date|depuis le debut de "
                              r"l'annee|since the (?:start|beginning) of the year)\s*"
                              r"(?P<y>(?:19|20)\d{2})?", folded[f.end:s_end])
                     or re.match(r"[^\d%.;]{0,30}\b(?:so far this year|this year to date|"
                                 r"jusqu'ici cette annee)\b\s*"
                              r"(?P<y>(?:19|20)\d{2})?", folded[f.end:s_end])
                     or re.search(r"\b(?:ytd|year[- ]to[- ]date|depuis le debut de l'annee)\s*"
                                  r"(?P<y>(?:19|20)\d{2})?", folded[s_start:s_end])):
            dated = [m for m in self.mentions[number - 1] if m.kind == "date" and m.effective]
            if dated:
                end = min(dated, key=lambda m: abs(m.start - f.start))
            elif self.disclosed is not None:
                end = Mention(self.disclosed, "date", 0, 0, 0, f"published {self.disclosed}")
                how = "disclosed"
            year = ytd["y"] or (end.effective[:4] if end is not None and end.effective
                                else None)
            since = f"{year}-01-01" if year else None
        if since is None and end is None:
            # "In Q4 2024, the BTC Yield was 47.8%", "For the full year 2024, ... 74.3%": the
            # one ended period its sentence names, before the figure.
            named = [m for m in usable if m.kind in ("year", "quarter", "month") and
                     m.start < f.start and m.effective]
            if len({m.effective for m in named}) == 1 and (
                    self.disclosed is None or _last_day(named[-1].effective) < self.disclosed):
                span = parse_period(named[-1].effective)  # type: ignore[arg-type]
                since = span.start.isoformat()
                end = Mention(span.end.isoformat(), "date", named[-1].line, named[-1].start,
                              named[-1].end, named[-1].text)
        if since is None or end is None:
            return None
        p = Proposal("kpi_disclosed", number, {"metric": "btc_yield", "value": f.value / 100,
                                               "since": since}, [f], cue="btc yield")
        p.period, p.period_how = end, how
        return p

    def _period(self, p: Proposal, number: int, folded: str, s_start: int, s_end: int) -> None:
        if p.period is not None:
            return
        launched = self._launched(number)
        usable = [m for m in self.mentions[number - 1] if m.effective and not m.comparison
                  and m.start not in launched]
        anchor = p.figures[0]

        def distance(m: Mention) -> int:
            return max(m.start - anchor.end, anchor.start - m.end, 0)

        if p.type != "btc_balance_disclosed":
            # "at the end of June 2025" or "As of 9/22/2025 we hold" dates a balance, not a
            # flow beside it; nor does a day named in another sentence, or a day whose year
            # the text leaves out (often when the news was published, not when it happened).
            usable = [m for m in usable if not m.end_of and not (m.kind == "date" and (
                _AS_OF.search(folded[max(0, m.start - 16):m.start])
                or (m.year_from is not None and not 0 <= m.start - anchor.end <= 40
                    and not _opens_the_clause(folded, m, anchor, s_start))
                or not s_start <= m.start < s_end))]
        if p.type in _FLOWS:
            # "ses obligations de mars 2025", "its notes of July 2025": the period
            # names the debt, not when the flow happened.
            usable = [m for m in usable if not _NAMES_A_DEAL.search(
                folded[max(0, m.start - 40):m.start])]
            # "On January 21, 2025, Acme announced it had bought...": the day of the news,
            # not of the purchase; a flow dated only by its announcement gets its month.
            news = [m.kind == "date" and bool(
                _ANNOUNCED_AFTER.match(folded[m.end:m.end + 260])
                or _ANNOUNCED_BEFORE.search(folded[max(0, m.start - 40):m.start]))
                for m in usable]
            usable = [_month_of(m) if said else m for m, said in zip(usable, news)]
            # "... announced that it completed the purchase of 100 BTC on March 3": a day of
            # its own in the sentence dates the flow, not the news's month
            own_day = [m for m, said in zip(usable, news) if not said and m.kind == "date"
                       and s_start <= m.start < s_end]
            if own_day and any(said and s_start <= m.start < s_end
                               for m, said in zip(usable, news)):
                usable = [m for m, said in zip(usable, news) if not said]
        in_sentence = [m for m in usable if s_start <= m.start < s_end]
        if p.type == "btc_balance_disclosed":
            dated = [m for m in in_sentence if m.kind == "date"]
            if not dated and not (self.disclosed is not None and _NOW.search(
                    folded[s_start:s_end])):
                # (a balance its own sentence says is held "now" is not dated by a day in
                # another sentence: "... détient maintenant 212 300 BTC. ... au 31 décembre
                # 2023" compares it with last year's)
                dated = [m for m in usable if m.kind == "date"]
            near = _own_clause(folded, anchor, s_start, s_end)
            at_end = _AT_PERIOD_END.search(near) or _AT_PERIOD_END.search(
                folded[s_start:anchor.start])
            named = [m for m in in_sentence if m.kind in ("month", "quarter", "year", "range")]
            framing = (named[0] if len(named) == 1 and at_end else None) or self.report or \
                (named[0] if len(named) == 1 else None) or self.context
            if at_end and framing is None:
                # "... output for September. The company concluded the month holding
                # 4,210 BTC": the period of that kind named last before it.
                word = re.search(r"year|quarter|month|half|trimestre|mois|exercice|annee|"
                                 r"semestre", at_end.group(0))
                kind = {"mois": "month", "trimestre": "quarter", "quarter": "quarter",
                        "month": "month"}.get(word.group(0) if word else "", "")
                earlier = [m for i in range(number) for m in self.mentions[i]
                           if m.effective and not m.comparison and m.kind == kind
                           and (i + 1 < number or m.start < anchor.start)]
                framing = earlier[-1] if earlier else None
            if at_end and framing is not None and not any(
                    near_m.kind == "date" and max(near_m.start - anchor.end,
                                                  anchor.start - near_m.end) < 30
                    for near_m in in_sentence) and (
                    self.disclosed is None or _last_day(framing.effective) < self.disclosed):
                # "held 1,915 BTC at year-end" in a report on the year ended 30 June;
                # "ended the quarter with 5,274 bitcoin": the last day of that period.
                p.period, p.period_how = _period_end(framing), "context"
            elif dated:
                p.period = min(dated, key=distance)
                p.period_how = "sentence" if p.period in in_sentence else "line"
            elif self.report is not None and self.report.kind in ("month", "quarter") and \
                    self.report.line <= number and not in_sentence[1:] and all(
                        m.effective == self.report.effective for m in in_sentence):
                # "now holds 5,287 BTC" in the update on April's production: the holding at
                # the end of the month the update reports on, not the day it came out.
                p.period, p.period_how = _period_end(self.report), "context"
            elif self.disclosed is not None and (own_end := next((
                    m for m in named if 0 <= m.start - anchor.end <= 25 and m.kind in (
                        "month", "quarter", "year") and _last_day(m.effective) < self.disclosed
                    and not re.search(r"\b(?:now|currently|today|desormais|actuellement|"
                                      r"aujourd'hui|maintenant|holds|owns|detient|possede)\b",
                                      folded[s_start:s_end])),
                    None)) is not None:
                # "holdings grew to 48,137 at the end of June": the period written right after
                # the figure, not the publication a verb of change would otherwise give
                p.period, p.period_how = _period_end(own_end), "sentence"
            elif self.disclosed is not None and _NOW.search(_now_zone(
                    folded, anchor, s_start, s_end)) and (any(
                        m.group(0) not in ("a total", "un total")
                        for m in _NOW.finditer(_now_zone(folded, anchor, s_start, s_end)))
                    or not (len(named) == 1
                            and _last_day(named[0].effective) < self.disclosed)):
                # ("a total of", which says nothing of when, gives way to the one ended period
                # its sentence names: "At the end of September, it held a
                # total of 2,410 BTC")
                # "now holds", "détient désormais": the balance on the day it was announced
                # (the day the text says the company announced it, else the publication's).
                announced = self._announcement_day()
                p.period = announced or Mention(self.disclosed, "date", 0, 0, 0,
                                                f"published {self.disclosed}")
                p.period_how = "disclosed"
            elif len(named) == 1 and self.disclosed is not None and \
                    _last_day(named[0].effective) < self.disclosed:  # type: ignore[arg-type]
                # "In the second quarter of 2024, its holdings stayed at 5,274 BTC": what it
                # held when that period, over before publication, ended.
                p.period, p.period_how = _period_end(named[0]), "sentence"
            else:
                named = min(in_sentence or usable, key=distance) if (in_sentence or usable) \
                    else None
                p.missing_period = ("a balance is as of one date and the text gives none"
                                    + (f' (only "{named.text}")' if named else "")
                                    + ": add effective")
            return
        right_after = [m for m in in_sentence if 0 <= m.start - anchor.end <= 6]
        since = self._since_range(number, folded, s_start, anchor) if p.type in _FLOWS else None
        if since is not None:
            # "since the start of its bid on December 1, 2025, it has repurchased ...":
            # everything from that day to the day the total is given.
            p.period, p.period_how = since, "sentence"
        elif right_after:  # "to $6.8 billion in Q2": the period written right after the figure
            p.period, p.period_how = right_after[0], "sentence"
        elif in_sentence:
            p.period, p.period_how = min(in_sentence, key=distance), "sentence"
        elif p.type in _FLOWS and _ANAPHORA.match(folded[s_start:]) and [
                m for m in usable if m.start < s_start and m.kind != "date"]:
            # "Previously in May, it announced a $2.5 billion round. The deal included $1
            # billion in convertible notes": the deal the sentence before dates.
            p.period = [m for m in usable if m.start < s_start and m.kind != "date"][-1]
            p.period_how = "line"
        elif p.type in (*_FLOWS, "results_reported") and (named := self._the_period_said(
                number, folded, s_start, s_end)) is not None:
            p.period, p.period_how = named, "line"
        elif usable and not (p.type in _FLOWS and self.disclosed is not None) and not (
                p.type in (*_FLOWS, "results_reported") and self.context is not None):
            # Another sentence's period is a guess; for a flow the heading in force is a
            # better one ("a strategy launched in November 2024" does not date this week's
            # purchase).
            p.period, p.period_how = min(usable, key=distance), "line"
        elif self.context is not None:
            p.period, p.period_how = self.context, "context"
        elif self.report is not None and p.type in _FLOWS and self.report.line <= number and \
                self.report.kind in ("month", "quarter"):
            # "The company sold 270 BTC" after "Acme mined 341 BTC in September": the month
            # the update reports on.
            p.period, p.period_how = self.report, "context"
        elif self.disclosed is not None and p.type in _FLOWS and any(
                s_start <= at < s_end and re.search(
                    r"\b(?:began|begun|started|commenced|a\s+commence|a\s+debute)\s+(?:buying|"
                    r"acquiring|accumulating|purchasing|a\s+acheter|d'acheter|a\s+acquerir)\b",
                    folded[max(s_start, at - 80):at]) for at in launched):
            # "It started buying bitcoin in April with a first lot of 92.6 BTC": the
            # launch's period dates nothing, and a flow told with it is history, not news
            p.missing_period = "a flow told with a launch's period: add effective"
        elif self.disclosed is not None and p.type in ("btc_mined", "btc_sold") and len(
                months := {m.effective for m in self.mentions[number - 1] if m.effective
                           and not m.comparison and m.kind == "month" and m.start < s_start}
                or {m.effective for i in range(number) for m in self.mentions[i]
                    if m.effective and not m.comparison and m.kind == "month"
                    and (i + 1 < number or m.start < s_start)}) == 1 and \
                next(iter(months)) == _month_before(self.disclosed):
            # "In May, the firm reported ..." and then "Offloading 178 BTC ...", published in
            # June: production and sales are reported after their month ends, so the one
            # month the text has named, when it is the month before the publication's (not
            # the publication's, right 1 time in 6 for these on first sight), is the period; one in the figure's own sentence was
            # already found to date something else ("ses obligations de mars 2025").
            p.period = next(m for i in range(number) for m in self.mentions[i]
                            if m.effective in months and m.kind == "month")
            p.period_how = "context"
        elif self.disclosed is not None and p.type in _FLOWS:
            # A flow dated only by its announcement: the month it was announced in.
            p.period = Mention(self.disclosed[:7], "month", 0, 0, 0,
                               f"published {self.disclosed}")
            p.period_how = "disclosed"
        else:
            p.missing_period = "the text gives no period for it: add effective"


# --- drafts -------------------------------------------------------------------------------------

_AMOUNT_FIELDS = ("btc", "loaned", "pledged", "usd", "principal_usd", "coupon_percent",
                  "conversion_rate", "conversion_price_usd", "percent", "headcount", "shares",
                  "ratio", "revenue_usd", "net_income_usd", "adjusted_ebitda_usd")


#: Fields a reviewer must add that the record lists after its review items.
_ADDED_AFTER_REVIEW = ("metric", "value", "since")


def _stated(p: Proposal) -> bool:
    return p.period_how in ("sentence", "line")


def _compatible(a: Proposal, b: Proposal) -> bool:
    if a.type != b.type:
        return False
    shared = set(a.fields) & set(b.fields)
    if any(a.fields[k] != b.fields[k] for k in shared):
        return False
    if _effective(a) != _effective(b):
        if a.type == "results_reported" and not shared and (a.period is None) != (
                b.period is None) and abs(a.line - b.line) <= 1:
            # "Revenue came to $90.4 million this fiscal year. Net income reached $21.7
            # million.": the next figure of the same report, its period said once
            return True
        # A purchase or sale told in two sentences, its coins in one (dated by nothing but the
        # publication) and its dollars and days in the next ("Acme bought 412 BTC. It paid
        # $38.6 million for those coins from March 3-7"): one action, dated by the days.
        if a.type == b.type and a.type in ("btc_purchased", "btc_sold") and \
                abs(a.line - b.line) <= 1 and {frozenset(a.fields), frozenset(b.fields)} == \
                {frozenset({"btc"}), frozenset({"usd"})} and \
                sorted((a.period_how, b.period_how))[0] == "disclosed" and \
                (dated := b if a.period_how == "disclosed" else a).period_how in (
                    "sentence", "line") and dated.period is not None:
            told, guessed = _months_of(dated.period.effective or ""), \
                _months_of(_effective(a if dated is b else b) or "")
            return told is not None and guessed is not None and \
                guessed[0] <= told[0] and told[1] <= guessed[1]
        # A headline or a quote repeating a figure without its period ("Purchased 137 BTC")
        # is the action stated with its period elsewhere: the same amount, and one of the two
        # dated by nothing written beside it.
        small, big = sorted((a.fields, b.fields), key=len)
        return ((_stated(a) != _stated(b) or a.period is None or b.period is None)
                and small.items() <= big.items()
                and any(k in small for k in ("btc", "usd", "principal_usd", "shares")))
    identical = a.fields == b.fields
    if a.type == "results_reported" and not shared and a.period is not None and (
            _stated(a) or _stated(b) or a.period_how == b.period_how == "context"):
        # A results release gives revenue, net income and EBITDA of one period on lines of
        # their own ("Revenue came to ... in the first quarter", "EBITDA, adjusted, stood at
        # ... for the quarter ended March 31"): one report. So does an article, one figure
        # a sentence, the period said with one of them ("the quarter closed with a net loss")
        # or with none ("pour ce trimestre", both dated by the quarter the text is about).
        return True
    small, big = sorted((a.fields, b.fields), key=len)
    repeated = small.items() <= big.items() and (any(
        k in small for k in ("btc", "principal_usd", "shares"))  # "4,630 BTC" told twice
        # "Acme buys another $23M in bitcoin" as the title of the purchase of 237 BTC for $23M
        or (set(small) == {"usd"} and "btc" in big))
    return identical or repeated or abs(a.line - b.line) <= 2


def _effective(p: Proposal) -> str | None:
    return p.period.effective if p.period else None


def _signature(p: Proposal) -> tuple[Any, ...]:
    return (_effective(p), tuple(sorted((k, str(v)) for k, v in p.fields.items())), _stated(p))


class _Group:
    """Proposals merged into one draft. ``_compatible(p, q)`` depends on q only through its
    signature and its line, and its line only as a distance, so checking p against the first
    and last line of each signature is checking it against every member."""

    def __init__(self, index: int, p: Proposal):
        self.index, self.members = index, [p]
        self.extremes: dict[tuple[Any, ...], list[Proposal]] = {_signature(p): [p, p]}

    def accepts(self, p: Proposal) -> bool:
        return all(_compatible(p, q) for pair in self.extremes.values() for q in pair)

    def add(self, p: Proposal) -> None:
        self.members.append(p)
        pair = self.extremes.setdefault(_signature(p), [p, p])
        if p.line < pair[0].line:
            pair[0] = p
        if p.line > pair[1].line:
            pair[1] = p


def _merge(proposals: list[Proposal]) -> list[list[Proposal]]:
    """Each proposal joins the first group all of whose members it is compatible with, else
    starts one. Only groups that could take it are tried: those with a member of its type
    sharing one of its values (identical or repeated figures), or with a member within two
    lines (complementary ones); so the work grows with the document, not with its square."""
    groups: list[_Group] = []
    by_value: dict[tuple[str, str, str], list[_Group]] = {}
    by_line: dict[tuple[str, int], list[_Group]] = {}
    by_period: dict[str | None, list[_Group]] = {}  # results, by their period
    for p in proposals:
        candidates: dict[int, _Group] = {}
        for k, v in p.fields.items():
            for g in by_value.get((p.type, k, str(v)), ()):
                candidates[g.index] = g
        for line in range(p.line - 2, p.line + 3):
            for g in by_line.get((p.type, line), ()):
                candidates[g.index] = g
        if p.type == "results_reported":
            for g in by_period.get(_effective(p), ()):
                candidates[g.index] = g
        group = next((g for _, g in sorted(candidates.items()) if g.accepts(p)), None)
        if group is None:
            group = _Group(len(groups), p)
            groups.append(group)
        else:
            group.add(p)
        for k, v in p.fields.items():
            bucket = by_value.setdefault((p.type, k, str(v)), [])
            if group not in bucket:
                bucket.append(group)
        bucket = by_line.setdefault((p.type, p.line), [])
        if group not in bucket:
            bucket.append(group)
        if p.type == "results_reported" and group not in by_period.get(_effective(p), []):
            by_period.setdefault(_effective(p), []).append(group)
    return [g.members for g in groups]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40] or "doc"


_ABBREVIATIONS = {"btc_balance_disclosed": "balance", "btc_change_disclosed": "change",
                  "btc_mined": "mined", "btc_purchased": "purchased", "btc_sold": "sold",
                  "equity_issued": "equity", "notes_issued": "notes", "stake_acquired": "stake",
                  "stake_disposed": "stake-sold", "business_acquired": "acquisition",
                  "workforce_reduced": "workforce", "results_reported": "results",
                  "kpi_disclosed": "kpi", "stock_split": "split",
                  "shares_outstanding_disclosed": "shares-outstanding"}


def _quote(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'


def _draft(group: list[Proposal], document: str, company: str, ids: set[str],
           seams: dict[int, list[tuple[int, int]]] | None = None) -> Draft:
    first = group[0]
    fields: dict[str, Any] = {}
    for p in group:
        fields.update(p.fields)

    def on_line(number: int, at: int) -> int:
        # a figure of a line that took the next ones in is cited on the line it is written on
        return _on_its_line(seams, number, at) if seams else number

    lines = sorted({p.line for p in group if not p.figures} |
                   {on_line(f.line or p.line, f.end - 1) for p in group for f in p.figures})
    base = f"draft-{_slug(company)}-{_slug(document.rsplit('.', 1)[0])}-l{lines[0]}-" \
           f"{_ABBREVIATIONS.get(first.type, first.type)}"
    record_id, n = base, 2
    while record_id in ids:
        record_id, n = f"{base}-{n}", n + 1
    ids.add(record_id)
    record: dict[str, Any] = {"id": record_id, "type": first.type, "company": company}
    evidence: list[dict[str, Any]] = []
    used = []
    for p in group:
        for f in p.figures:
            at = on_line(f.line or p.line, f.end - 1)
            evidence.append({"line": at, "text": f.text, "role": "figure"})
            used.append(f"{_quote(f.text)} (line {at})")
    doubts: list[str] = []
    period = next((p.period for p in group if p.period_how in ("sentence", "line")), None) or \
        first.period
    how = next((p.period_how for p in group if p.period is period), "")
    period_line = on_line(period.line, period.end - 1) if period is not None and period.line \
        else period.line if period is not None else 0
    if period is not None:
        record["effective"] = period.effective
        evidence.append({"line": period_line, "text": period.text, "role": "period"})
        said = f"{_quote(period.text)} (line {period_line})"
        if period.year_from is not None and period.year_from[1] == 0:
            doubts.append(f"the year of {_quote(period.text)} is taken from when the document "
                          f"was {period.year_from[0]}")
        elif period.year_from is not None:
            evidence.append({"line": period.year_from[1], "text": period.year_from[0],
                             "role": "year"})
            doubts.append(f"the year of {_quote(period.text)} is taken from "
                          f"{_quote(period.year_from[0])} (line {period.year_from[1]})")
        if period.end_of:
            doubts.append(f"{_quote(period.text)} read as {period.effective}")
        if how == "disclosed":
            evidence[-1] = {"line": 0, "text": period.text, "role": "disclosed"}
            doubts.append(f"the text gives no date for it: {period.effective} is from the "
                          f"publication date given (--disclosed)")
        elif how == "context":
            doubts.append(f"the period is not stated with the figure: {period.effective} from "
                          f"{said}, the latest period named before it")
        elif how == "line":
            doubts.append(f"the period is from elsewhere on the line: {said}")
    # Every field read from the text: an amount (a Decimal in the models, kinds.AMOUNT_FIELDS)
    # as a canonical decimal string, anything else as read; metric, value and since go last.
    for name in fields:
        if name not in _ADDED_AFTER_REVIEW:
            record[name] = canonical(fields[name]) if name in kinds.AMOUNT_FIELDS \
                else fields[name]
    record["sources"] = [{"document": document, "line": line} for line in lines]
    figures = [f for p in group for f in p.figures]
    if any(f.rounded for f in figures):
        doubts.append("rounded in the text")
    if any(f.approximate for f in figures):
        doubts.append("approximate in the text")
    for p in group:
        doubts.extend(d for d in p.doubts if d not in doubts)
    if period is None:
        doubts.append(next(p.missing_period for p in group if p.missing_period))
    if first.type in ("btc_mined", "btc_purchased", "btc_sold") and "btc" not in record:
        doubts.append("no BTC amount is given with it: add btc")
    if isinstance(record.get("maturity"), str) and len(record["maturity"]) < 10:
        doubts.append(f"the text gives the maturity only as {record['maturity']}: the ledger "
                      "needs its day (YYYY-MM-DD), from the notes' terms")
    if len(lines) > 1:
        doubts.append(f"merged from lines {', '.join(map(str, lines))}: check they describe "
                      "one action")
    record["note"] = (f"Draft from {', '.join(dict.fromkeys(used))}"
                      + (f"; period {_quote(period.text)} (line {period_line})"
                         if period is not None and period.line else
                         f"; period from when it was {period.text}" if period is not None
                         else "")
                      + ". Uncertain: " + ("; ".join(doubts) if doubts else
                                           "nothing noted; check against the text") + ".")
    record["review"] = review_items(record, group, period, doubts)
    # Fields a reviewer must add are listed in the note; the record keeps import order.
    for name in ("metric", "since"):
        if name in fields:
            record[name] = fields[name]
    if "value" in fields:
        record["value"] = canonical(fields["value"])
    # The usual order, then any other field of the type (none is ever dropped).
    order = ["id", "type", "company", "effective", *_ADDED_AFTER_REVIEW,
             *_AMOUNT_FIELDS, "target", "convertible", "maturity", "how",
             *kinds.FIELDS.get(first.type, ()), *kinds.AMOUNT_FIELDS, "sources", "note",
             "review"]
    return Draft({k: record[k] for k in order if k in record}, evidence)


def _ungrounded(record: dict[str, Any], group: list[Proposal], lines: list[str] = ()
                ) -> str | None:
    """Why a draft would rest on guesses rather than on the text, when the publication date
    is known and still nothing grounds it (None when it is grounded). Such a draft is not
    proposed: on texts the rules have never seen, these shapes were wrong far more often than
    right (another holder's coins, a bound, a conversion, a running total).

    - a balance that nothing dates, not even the publication day ("holdings surpassed 40,000
      BTC earlier this month", "a miner that has accumulated 9,100 BTC"): a balance is as of
      one day, and the sentence did not say it is held now;
    - a purchase dated only by a year or a quarter named on an earlier line ("... in 2026.
      The $1.25 billion acquisition marks ..."): a purchase is one action, which a frame
      that wide does not date (a month's heading, as in a monthly update, still does);
    - an approximate change dated only by the publication ("added nearly 15,000 BTC over the
      first two weeks"): a sum of purchases told elsewhere, more often than one figure;
    - a principal the text calls approximate ("about $13 million of notes") and given
      without both a coupon and a maturity: a note's principal is a contractual amount, so
      an approximate one is proceeds or a conversion;
    - equity raised in an approximate amount, with no share count and nothing but the
      publication to date it ("roughly $90 million of stock issued"): a running total more
      often than one issue.
    """
    how = next((p.period_how for p in group if p.period_how in ("sentence", "line")), None) \
        or group[0].period_how
    by_publication = how == "disclosed"
    approximate = any(f.approximate for p in group for f in p.figures)
    kind = record["type"]
    if kind == "btc_balance_disclosed" and "effective" not in record:
        return "a balance nothing dates"
    if "effective" not in record and kind != "stock_split":
        # results, a raise or a sale the text gives no period for, even with the publication
        # known: a figure told in passing (a segment's revenue, a past deal), not a report (a
        # split announced with only its record date is still one, its day left to add)
        return "a record nothing dates"
    if kind == "btc_purchased" and how == "context" and re.fullmatch(
            r"\d{4}(?:-Q[1-4])?", str(record.get("effective", ""))):
        return "a purchase dated only by a year or quarter named on an earlier line"
    if kind == "btc_change_disclosed" and approximate and by_publication:
        return "an approximate change dated only by the publication"
    if kind == "btc_balance_disclosed" and approximate and by_publication and \
            record.get("btc") is not None and Decimal(record["btc"]) >= 1000 and \
            Decimal(record["btc"]) % 100 == 0:
        # "currently holds approximately 50,000 BTC": a holding rounded for an article's
        # reader, as of no day the company stated ("approximately 16,042 BTC" is the
        # company's own count)
        return "a rounded, approximate holding dated only by the publication"
    if kind == "notes_issued" and approximate and record.get("principal_usd") is not None \
            and (record.get("coupon_percent") is None or record.get("maturity") is None):
        # (an offering "of about $640 million" of 0.875% notes due 2031, with its coupon and
        # maturity, is an issue of its own, its size rounded)
        return "an approximate principal"
    if kind == "equity_issued" and approximate and by_publication and "shares" not in record:
        return "an approximate raise with no shares and no date"
    # What follows was measured on texts the rules had not seen (each set drafted with the
    # rules of the day before it was tuned on): none of these shapes was ever right there.
    if kind == "btc_change_disclosed":
        # "added 300 BTC", "ajoute 300 BTC", "grew by 300 BTC": a purchase told elsewhere, a
        # month's production, a BTC Gain or a sum of several lots; the balance it leads to is
        # the record, and a purchase is drafted from the sentence that says it was bought.
        return "a change in holdings, which the balance stated with it records"
    if kind == "btc_purchased" and record.get("btc") is None:
        # "$20 million of bitcoin" with no coin count: the value of a stake, an amount to be
        # spent, an aggregate cost or a conversion, more often than one lot.
        return "a purchase with no coin count"
    if kind == "btc_sold" and record.get("btc") is None and (
            how not in ("sentence", "line") or _year_guessed(record)) and \
            not _cash_received(group, lines):
        # Dollars of a sale with no coin count and no period of their own ("sold $9 million
        # of bitcoin" under a month's heading, "in April" with no year): another row's
        # proceeds, an effect on earnings or an earlier year's sale.
        return "a sale with no coin count and no period of its own"
    if kind in ("btc_purchased", "btc_sold", "btc_mined") and by_publication and \
            _running_total(group, lines):
        # "has purchased a cumulative 40,000 BTC", "a acheté au total 40 000 BTC": a total to
        # date, not one flow of the month it was published in
        return "a running total dated only by the publication"
    if kind == "equity_issued" and record.get("shares") is None and by_publication:
        # "$1.2 billion of stock" with neither a share count nor a period of its own: a
        # program's size, the capacity left, a running total or the sum of several rows.
        return "a raise with no share count and no date"
    return None


_INTO_CASH_BEFORE = re.compile(r"\b(?:into|en|contre)\s*$", re.IGNORECASE)
_INTO_CASH_AFTER = re.compile(r"\s*(?:(?:of|in)\s+cash|(?:en\s+)?(?:especes|liquidites|"
                              r"esp\u00e8ces|liquidit\u00e9s))\b", re.IGNORECASE)


def _cash_received(group: list[Proposal], lines: list[str]) -> bool:
    """Whether a sale's dollars are written as the cash it brought ("converting the coins into
    $90 million of cash", "contre 90 millions de dollars en espèces"): what was received,
    whatever the period."""
    for p in group:
        for f in p.figures:
            number = (f.line or p.line) - 1
            if f.kind != "usd" or not 0 <= number < len(lines):
                continue
            line = lines[number]
            if _INTO_CASH_BEFORE.search(line[:f.start]) or _INTO_CASH_AFTER.match(line[f.end:]):
                return True
    return False


def _running_total(group: list[Proposal], lines: list[str]) -> bool:
    """Whether a flow's coins are written as a total to date ("a cumulative 40,000 BTC", "a
    total of", "au total", "cumulés")."""
    for p in group:
        for f in p.figures:
            number = (f.line or p.line) - 1
            if f.kind == "btc" and 0 <= number < len(lines) and re.search(
                    r"\b(?:cumulative(?:ly)?|(?:a|in)\s+total(?:\s+of)?|total\s+of|au\s+total|"
                    r"en\s+tout|un\s+total\s+de|cumul\w*)\s*(?:of\s+|de\s+)?(?:about\s+|"
                    r"approximately\s+|environ\s+)?$",
                    fold(lines[number][max(0, f.start - 40):f.start])):
                return True
    return False


def _year_guessed(record: dict[str, Any]) -> bool:
    """Whether the draft's year is not written but taken from the publication or a line
    before (the doubt ``the year of "..." is taken from ...``)."""
    return any(str(d).startswith("the year of ") for d in record.get(REVIEW, ()))


#: The field that marks a record as a draft nobody has checked yet: ``import`` refuses it.
REVIEW = "review"


def review_items(record: dict[str, Any], group: list[Proposal], period: Mention | None,
                 doubts: list[str]) -> list[str]:
    """What an analyst must check before the draft becomes a record: each figure against its
    line, the period against its phrase (or that there is none), then every doubt."""
    items = []
    for p in group:
        by_line: dict[int, list[str]] = {}
        for f in p.figures:
            by_line.setdefault(f.line or p.line, []).append(_quote(f.text))
        for line, quoted in sorted(by_line.items()):
            items.append(f"check line {line}: {', '.join(quoted)} is what {record['company']} "
                         f"did, read as {p.type}" + (f" ({', '.join(p.fields)})"
                                                     if p.fields else ""))
    if period is not None:
        where = f"line {period.line}" if period.line else "not in the text"
        items.append(f"check the period: {_quote(period.text)} ({where}) read as "
                     f"{period.effective}")
    items.extend(doubts)
    return items


#: A phrase broken across two lines, however the rest of the text is laid out: an amount
#: opening a line while the line before ends mid-phrase, on its currency's prefix ("... the
#: pricing of US" / "$200.0 million of notes") or, in prose, on a word no sentence ends on
#: ("... up to an additional" / "$45.0 million of notes", "jusqu'à" / "45 millions de
#: dollars"). A table's label and its value on the next line are not joined (a label line is
#: short and ends on no currency prefix).
_CURRENCY_PREFIX_END = re.compile(r"(?:^|[\s(])(?:US|USD|U\.S\.|CA|C|A|AU|HK|S|SG|NZ)\s*$")
_AMOUNT_OPENS = re.compile(
    r"\s*(?:(?:US|USD|CA|C|A|AU|HK|S|SG|NZ)\s?)?\$\s?\d|\s*\d[\d.,\u00a0\u202f ]*\s*(?:"
    r"million|billion|millions|milliards?|milliers|thousand|BTC|bitcoins?|%|\u20ac|euros?|"
    r"dollars)\b", re.IGNORECASE)


def _broken_phrase(here: str, nxt: str) -> bool:
    """Whether a line stops inside a phrase that an amount on the next line finishes."""
    here = here.rstrip()
    if not here or re.search(r"[.!?:;|\u201d\")\]]$", here) or not _AMOUNT_OPENS.match(nxt):
        return False
    if _CURRENCY_PREFIX_END.search(here):
        return True
    return len(here) >= 40 and bool(re.search(r"[a-z\u00e0-\u00ff']$", here))


def _unwrapped(lines: list[str]) -> tuple[list[str], dict[int, list[tuple[int, int]]]]:
    """A text hard-wrapped mid-sentence ("... the company said it plans" / "to sell the 156
    BTC mined during the month"), or a phrase broken before its amount (``_broken_phrase``):
    each line that goes on is joined to the line its sentence starts on, and left blank, so
    a sentence is read whole. The wrapping is joined only when the text is wrapped (three
    lines or more end mid-sentence before a line going on in lower case; a list or a table is
    left as it is); a phrase broken before an amount, always.

    Returns the lines and, for each line that took others in, where each one starts in it
    ((offset, line number)), so that a figure read there is cited on its own line."""
    def goes_on(i: int) -> bool:
        here, nxt = lines[i].rstrip(), lines[i + 1].lstrip()
        # (a line ending on a word no sentence ends on, "fiscal year ending" / "March 31,
        # 2025, ...", goes on to a date on the next)
        return bool(here) and len(here) >= 40 and not re.search(r"[.!?:;|\u201d\")]$", here) \
            and bool(re.match(r"[a-z\u00e0-\u00ff(\u201c\"]|\d", nxt) or re.search(
                r"\b(?:ending|ended|of|the|to|and|in|for|at|on|by|with|from|an|de|du|des|le|la|"
                r"les|au|aux|et|en|clos|close)$", here) and re.match(
                rf"(?:{_month_pattern()})\.?\s+\d", fold(nxt))) \
            and not re.match(r"\s*(?:[-\u2013\u2022*|]|\d+[.)]\s)", lines[i + 1])
    wraps = {i for i in range(len(lines) - 1) if goes_on(i)}
    if len(wraps) < 3:
        wraps = set()
    wraps |= {i for i in range(len(lines) - 1) if _broken_phrase(lines[i], lines[i + 1])}
    seams: dict[int, list[tuple[int, int]]] = {}
    if not wraps:
        return lines, seams
    out = list(lines)
    head = None
    for i in range(len(lines)):
        if head is not None and i - 1 in wraps:
            joined = out[head].rstrip() + " "
            seams.setdefault(head + 1, []).append((len(joined), i + 1))
            out[head] = joined + lines[i].strip()
            out[i] = ""
        else:
            head = i
    return out, seams


def _on_its_line(seams: dict[int, list[tuple[int, int]]], number: int, at: int) -> int:
    """The line a position of a joined line was written on (see ``_unwrapped``)."""
    found = number
    for offset, line in seams.get(number, ()):
        if at < offset:
            break
        found = line
    return found


@dataclass
class Noticed:
    """A figure the drafter read and did not propose, with why: shown to the reviewer, never
    a record (it has no id, no sources and nothing ``import`` reads)."""

    line: int
    figures: list[str]     # the figures as written
    why: str
    #: The draft it would have been (kept for the reviewer's view and the tests; never
    #: written where ``import`` reads, and it still carries its review field).
    draft: Draft

    def to_json(self) -> dict[str, Any]:
        record = self.draft.record
        read = {k: v for k, v in record.items() if k not in (
            "id", "company", "disclosed", "sources", "note", REVIEW)}
        return {"line": self.line, "figures": self.figures, "why": self.why, "read": read}


def _noticed(d: Draft, group: list[Proposal], why: str) -> Noticed:
    figures = list(dict.fromkeys(f.text for p in group for f in p.figures))
    line = min((f.line or p.line) for p in group for f in p.figures) if figures \
        else group[0].line
    return Noticed(line, figures, why, d)


def _sentence_of(folded: str, at: int) -> tuple[int, int]:
    return next(((a, b) for a, b in _sentences(folded) if a <= at < b), (0, len(folded)))


_BESIDE = re.compile(r"\b(?:like|unlike|such\s+as|including|comme|tels?\s+que|telles?\s+que|"
                     r"aux\s+cotes\s+(?:de|d')|a\s+l'instar\s+(?:de|d')|contrairement\s+a)"
                     r"\s+(?:(?:giants?|geants?|peers?|rivals?|the|les?|la|des)\s+)*"
                     r"(?:[a-z][\w&.'-]*\s+){0,2}$")


_OBJECT_OF = re.compile(r"\b(?:(?:with|from|into|to|avec|aupres\s+(?:de|d'))\s+|(?:acquisition|"
                        r"merger|takeover|buyout|purchase|rachat|fusion|achat|absorption)\s+"
                        r"(?:of\s+|de\s+|d'|du\s+))"
                        r"(?:(?:the|its|their|le|la|les|l'|sa|son|ses)\s*)?"
                        r"(?:[A-Z]?[\w&.'-]*\s+){0,2}$", re.IGNORECASE)


def _names_in(reader: "Reader", number: int, at: int) -> tuple[bool, set[str]]:
    """Whether the sentence of the figure at ``at`` on line ``number`` names the document's
    company, and which other companies it names (folded words the text shows to be
    companies)."""
    if not 0 < number <= len(reader.lines):
        return False, set()
    line, folded = reader.lines[number - 1], reader.folded[number - 1]
    start, end = _sentence_of(folded, at)
    # (a name set beside the subject, "alongside giants such as Rivalco", "comme Rivalco",
    # is not one the figure could be)
    words = {fold(m.group(1)).rstrip(".") for m in _CAPITALISED.finditer(line, start, end)
             if not _BESIDE.search(fold(line[max(start, m.start() - 40):m.start()]))}
    words -= _NOT_NAMES
    tick = fold(reader.company or "")
    own = any(w in reader.own or (tick and w == tick) for w in words)
    # (a name after "with", "from", "into", "to", "its merger with Rivalco", "300 BTC from
    # Rivalco", is what the sentence's company dealt with, not the figure's owner: it does
    # not stop the sentence naming this company alone)
    objects = {fold(m.group(1)).rstrip(".") for m in _CAPITALISED.finditer(line, start, end)
               if _OBJECT_OF.search(fold(line[max(start, m.start() - 40):m.start()]))}
    others = {w for w in words if w in reader.known and w not in reader.own
              and not any(w in n or n in w for n in reader.own if len(n) >= 3)}
    if own:
        others -= objects
    return own, others


def _other_before(group: list[Proposal], reader: "Reader") -> bool:
    """Whether another company is named before one of a draft's figures: a figure can be
    taken up ("the company", "it", a table under a heading) only by a name written before
    it, so a rival first named further on ("Its rival Argos holds ...") leaves it this
    company's."""
    if "_first_other" not in reader.__dict__:  # (where another company is first named)
        reader._first_other = next((
            (i + 1, m.start()) for i, line in enumerate(reader.lines)
            for m in _CAPITALISED.finditer(line)
            if (w := fold(m.group(1)).rstrip(".")) in reader.known and w not in reader.own
            and not any(w in n or n in w for n in reader.own if len(n) >= 3)), None)
    first = reader._first_other
    return first is not None and any(
        (f.line or p.line, f.start) > first for p in group for f in p.figures)


def _name_before(reader: "Reader", number: int, at: int) -> tuple[bool, set[str]]:
    """For a figure whose sentence names no company ("It held 1,210 BTC", "- Sold 150 BTC"
    under "2. Acme (ACME):"), the names of the nearest sentence before it that names one,
    in its line or the three non-blank lines before it: "it", "the company" and a bullet
    with no subject take up that company."""
    folded = reader.folded[number - 1]
    here = _sentence_of(folded, at)[0]
    spans = [b for b in _sentences(folded) if b[0] < here]
    n, seen = number, 0
    while n > 0 and seen <= 3:
        if n != number:
            if not reader.lines[n - 1].strip():
                n -= 1  # (blank lines between a heading and its bullets are skipped)
                continue
            seen += 1
            spans = _sentences(reader.folded[n - 1])
        for a, _ in reversed(spans):
            found = _names_in(reader, n, a)
            if found != (False, set()):
                return found
        n -= 1
    return False, set()


_PROPOSED = re.compile(r"\b(?:propos(?:ed|es|ing|al)|proposee?s?|launch(?:ed|es|ing)?|"
                       r"intends?\s+to|plans?\s+to|lancement|lance|projet|envisage\w*|prevoit)\b"
                       # "the offering will now be $350 million": right before the figure
                       r"|\b(?:will|would|could|may|va|pourrait)\s+(?:\w+\s+){0,2}?(?:be|total|"
                       r"reach|raise|etre|atteindre|lever)\s+(?:up\s+to\s+|about\s+|"
                       r"approximately\s+|jusqu'a\s+|environ\s+)?(?:us\s?)?\$?\s*$")
#: An offering done: "priced its proposed offering of", "a clôturé".
_DONE = re.compile(r"\b(?:priced|pricing|closed|completed|upsized|settled|a\s+fixe|finalise\w*|"
                   r"cloture\w*|a\s+realise|realisee?|conclue?)\b")
_RECALLED = re.compile(r"\b(?:first|previous|prior|earlier|initial)\s+(?:\w+\s+){0,2}?"
                       r"(?:purchases?|acquisitions?|buys?|sales?)\b|\b(?:premier|premiere|"
                       r"precedente?|anterieure?)\s+(?:\w+\s+){0,2}?(?:achats?|acquisitions?|"
                       r"ventes?|cessions?)\b|\b(?:achats?|acquisitions?|ventes?|cessions?)\s+"
                       r"(?:precedente?s?|anterieure?s?)\b")


def _said_before(group: list[Proposal], reader: "Reader", pattern: re.Pattern[str],
                 after: int = 0) -> bool:
    """Whether the sentence of one of a draft's main figures (each proposal's first: the
    coins, the principal, the dollars raised) says ``pattern`` before it (or up to ``after``
    characters after it)."""
    for p, f in _main_figures(group, reader):
        folded = reader.folded[p.line - 1]
        a, b = _sentence_of(folded, f.start)
        for m in pattern.finditer(folded, a, min(b, f.end + after) if after else f.start):
            words = reader.lines[p.line - 1][m.start():m.end()].split()
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                continue  # "First Purchase and Next Steps On May 5, ...": a heading
                # run into the text, not the sentence's words
            return True
    return False


def _said_after(group: list[Proposal], reader: "Reader", pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` matches right after one of a draft's main figures."""
    for p, f in _main_figures(group, reader):
        if pattern.match(reader.folded[p.line - 1], f.end):
            return True
    return False


_PART_OF = re.compile(r"\s*(?:of|out\s+of|from|de|sur)\s+(?:its|the|their|this|that|sa|son|ses|"
                      r"la|le|les|cette|ce)\s+(?:[\w-]+\s+){0,2}?(?:production|output|mined|"
                      r"holdings?|coins|bitcoins?|btc|reserves?|treasury|avoirs|tresorerie)\b")


_A_WEEK = re.compile(r"\b(?:(?:the|a|past|last|prior)\s+(?:\w+\s+)?(?:week|seven\s+days|7\s+days)|"
                     r"(?:la|une|cette)\s+(?:\w+\s+)?semaine|(?:les\s+)?(?:sept|7)\s+(?:derniers\s+)?"
                     r"jours)\s+(?:through|ended|ending|to|until|up\s+to|jusqu'(?:a|au)|"
                     r"(?:close|terminee?|achevee?)\s+le|au)\b")


#: A period referred to by its kind, named elsewhere: "during the quarter", "au cours du
#: semestre", "over the half", "pendant l'exercice", "in the period".
_FRAMED = re.compile(r"\b(?:(?:during|in|over|for|throughout|pendant|durant|sur|dans|pour)\s+"
                     r"(?:the|this|that|le|la|l'|ce|cette)|au\s+cours\s+(?:du|de\s+la|de\s+l'|"
                     r"de\s+ce|de\s+cette))\s*(?:same\s+|meme\s+)?"
                     r"(?:quarter|half|semester|fiscal\s+year|financial\s+year|period|trimestre|"
                     r"semestre|exercice|periode)\b(?!\s+(?:ended|ending|clos|close|to\s+date))")


#: The range of prices per coin a company could have paid or got, in dollars (bitcoin traded
#: below the first before companies held it and has never come near the second).
_PRICE_LOW, _PRICE_HIGH = Decimal(500), Decimal(1_000_000)
#: A name opening a sentence (after a lead-in such as "In May," and a description such as
#: "the miner"), an apposition or a relative clause after it, and a bitcoin verb.
_SUBJECT_ACTS = re.compile(
    r"((?:[A-Z][\w&.'\u2019-]*[\w&])(?:\s+(?:[A-Z][\w&.'\u2019-]*[\w&]|\d{1,3}))*)"
    r"(?:\s*\([^()]{0,40}\))?(?:\s*,\s*[^,;:.]{1,70}?,)?\s+(?:(?:has|have|had|also|now|then|"
    # (an adverb between the name and its verb: "Rivalco recently raised", "Halvard quietly
    # sold")
    r"just|[a-z]{3,}ly|a|avait|aussi|desormais|d[ée]sormais|ensuite|r[ée]cemment)\s+)*"
    # (an offering told as done: "Rivalco completed a $3 billion offering", "a bouclé")
    r"(?:completed|closed|launched|secured|finali[sz]ed|boucl[ée]|finalis[ée]|"
    r"bought|acquired|purchased|sold|mined|"
    r"produced|holds|held|owns|added|disclosed\s+(?:a|the)\s+(?:purchase|sale|acquisition)|"
    r"reported\s+(?:a|the)\s+(?:purchase|sale|acquisition)|achet[ée]|acquis|vendu|min[ée]|"
    r"produit|extrait|d[ée]tient|d[ée]tenait|poss[èe]de|ajout[ée]|"
    # (results and issues: "Rivalco reported revenue of", "Halvard raised $50 million")
    r"reported\s+(?:(?:a|its)\s+)?(?:(?:net|total|quarterly|annual|record)\s+)?(?:revenue|"
    r"income|loss|profit|sales|earnings|ebitda|adjusted)|posted|raised|issued|priced|"
    r"publi[ée]|lev[ée]|[ée]mis)\b")


#: A possessor right before a figure: "Halvard's latest acquisition of", "Halvard's holdings
#: stood at", "Halvard's revenue reached".
_POSSESSOR = re.compile(
    r"(?<![\w.'\u2019])((?:[A-Z][\w&.'\u2019-]*[\w&]\s+){0,2}[A-Z][\w&.-]*[\w&])['\u2019]s\s+"
    r"(?:[\w-]+\s+){0,3}?(?:acquisition|purchase|buy|sale|holdings?|stash|stack|treasury|"
    r"reserves?|production|output|revenue|sales|income|loss|profit|offering|raise)s?\s+"
    r"(?:(?:of|to|at|was|were|stood|stands|reached|totall?ed|came|in|rose|fell|grew|climbed|"
    r"increased|of\s+about|of\s+some)\s+){0,3}(?:about\s+|some\s+|approximately\s+|nearly\s+)?"
    r"(?:us\s?)?\$?\s*$")


#: Words that end a company's name: "Rivalco Holdings", "Halvard Technologies".
_LEGAL_SUFFIXES = frozenset(("holdings", "holding", "inc", "corp", "corporation", "group",
                             "technologies", "platforms", "ltd", "limited", "plc", "sa", "ag",
                             "nv", "se"))


def _other_subject(group: list[Proposal], reader: "Reader") -> str | None:
    """The name a draft's sentence has as the subject of a bitcoin verb, when it is not the
    document's company and the sentence does not name that company; else None."""
    for p, f in _main_figures(group, reader):
        line, folded = reader.lines[p.line - 1], reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        own, _ = _names_in(reader, p.line, f.start)
        if own:
            return None
        lead = _LEAD_IN.match(folded, a, f.start)
        at = lead.end() if lead else a
        desc = _DESCRIPTOR.match(folded, at, f.start)
        at = desc.end() if desc else at
        m = _SUBJECT_ACTS.match(line, at, f.start) or _POSSESSOR.search(
            line, max(a, f.start - 90), f.start)
        if m is None:
            continue
        words = [fold(w).rstrip(".") for w in _CAPITALISED.findall(m.group(1))]
        words = [w for w in words if w not in _NOT_NAMES]
        # (a company's legal suffix after its name is no metric: "Rivalco Holdings")
        if len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
            words = words[:-1]
        if words and not any(w in _NOT_COMPANIES or w in _METRIC_WORDS for w in words) \
                and not _same_company(m.group(1), reader.own or reader.names):
            return m.group(1)
    return None


_PRONOUN_CLAUSE = re.compile(r"\b(?:when|after|as|once|where|since|lorsqu'|quand|apres\s+qu'|"
                             r"alors\s+qu')\s*(?:it|they|elle|il|elles|ils)\s+(?:[\w']+\s+){0,3}$")


def _pronoun_clause_owner(group: list[Proposal], reader: "Reader") -> str | None:
    """The name a figure's "when it bought" clause takes its "it" from (the last name
    written before the clause in its sentence), when that is not this company's."""
    for p, f in _main_figures(group, reader):
        line, folded = reader.lines[p.line - 1], reader.folded[p.line - 1]
        a, _ = _sentence_of(folded, f.start)
        m = _PRONOUN_CLAUSE.search(folded, max(a, f.start - 80), f.start)
        if m is None:
            continue
        names = [w for w in _CAPITALISED.findall(line[a:m.start()])
                 if fold(w).rstrip(".") not in _NOT_NAMES
                 and fold(w).rstrip(".") not in _NOT_COMPANIES]
        if names and not _same_company(names[-1], reader.own or reader.names):
            return names[-1]
    return None


_NAME_WORDS = r"[A-Z][\w&.'\u2019-]*(?:\s+(?:[A-Z][\w&.'\u2019-]*|\d{1,3}\b))*"
_NAME_LIST = re.compile(rf"({_NAME_WORDS}(?:\s*,\s*{_NAME_WORDS})*\s*,?\s+(?:and|et)\s+{_NAME_WORDS})")
_COUNT = re.compile(r"\d[\d,.\u202f\u00a0]*\d|\d")


def _respective_owner(group: list[Proposal], reader: "Reader") -> str | None:
    """"Acme and Rivalco, which sold 510 and 240 BTC respectively": the n-th figure of a
    list told "respectively" is the n-th name's. The name whose figure this is, when that is
    not this company (or the two lists do not pair up while this company is named)."""
    for p, f in _main_figures(group, reader):
        line, folded = reader.lines[p.line - 1], reader.folded[p.line - 1]
        a, b = _sentence_of(folded, f.start)
        said = re.search(r"\brespective(?:ly|ment)\b", folded[f.end:b])
        if said is None:
            continue
        chain = re.search(r"(?:\d[\d,.\u202f\u00a0]*\s*(?:btc|bitcoins?)?\s*(?:,|and|et)\s*)+"
                          r"\d[\d,.\u202f\u00a0 ]*?\s*(?:btc|bitcoins?|%|(?:us\s?)?\$)?\s*,?\s*$",
                          folded[a:f.end + said.start()])
        if chain is None:
            continue
        at = a + chain.start()
        counts = [m.start() for m in _COUNT.finditer(folded, at, f.end + said.start())]
        index = next((i for i, c in enumerate(counts) if f.start <= c < f.end), None)
        lists = list(_NAME_LIST.finditer(line, a, at))
        if index is None or not lists:
            return "another company"
        names = [n for n in re.split(r"\s*,\s*(?:and\s+|et\s+)?|\s+(?:and|et)\s+",
                                     lists[-1].group(1)) if n]
        if len(names) != len(counts):
            return "another company"
        if not _same_company(names[index], reader.own or reader.names):
            return names[index]
    return None


#: The results fields; a report of a period gives more than one of them.
_RESULTS_FIELDS = ("revenue_usd", "net_income_usd", "adjusted_ebitda_usd")
#: A note's contractual terms; an issue is told with more than one of them.
_NOTE_TERMS = ("principal_usd", "coupon_percent", "maturity", "conversion_rate",
               "conversion_price_usd")


def _unsure(record: dict[str, Any], group: list[Proposal], reader: "Reader") -> str | None:
    """Why a draft cannot be tied with confidence to this company, a period the text states
    and one type (None when it can). Such a draft is not proposed but noticed: the shapes
    below were wrong far more often than right on real texts the rules had not seen (pooled
    first-sight drafts: results right 6 times in 23, notes 2 in 9, equity raises 0 in 6,
    production and sales dated by the publication 1 in 6, and most traps another company's
    figure in an article on several)."""
    how = next((p.period_how for p in group if p.period_how in ("sentence", "line")), None) \
        or group[0].period_how
    kind = record["type"]
    # What the sentence asserts, whoever the text is on (ledger/draft/evidence.py): a
    # question, hearsay, a supposition or an intention states no action; a sentence opening
    # on a description of someone else ("The largest holder") is theirs; a flow more than a
    # year old in a text that does not report on that time is history.
    from .evidence import (compared, conditional, described_other, history, not_asserted,
                           one_site, parts_named, peak, ratio, taken_up_other)

    for gate in (not_asserted, described_other, history, compared, parts_named, ratio, peak,
                 conditional, one_site, taken_up_other):
        if (why := gate(record, group, reader)) is not None:
            return why
    # Whose figure: in a text naming other companies (a round-up, an aside on a rival) or
    # never naming this one, a figure is this company's only when its own sentence names this
    # company and no other; a figure carried over from an earlier sentence or a heading is
    # too often the other's.
    if reader.blind or reader.several and _other_before(group, reader):
        named = [_names_in(reader, f.line or p.line, f.start) for p in group for f in p.figures
                 if not f.line or f.line == p.line]
        named += [_name_before(reader, p.line, f.start) for p in group for f in p.figures
                  if (not f.line or f.line == p.line)
                  and _names_in(reader, p.line, f.start) == (False, set())]
        # (a report merged from sentences on two companies is held back if any of its
        # figures is another's: "MARA's revenue reached $252 million ... Hut 8's profit was")
        direct = [_names_in(reader, f.line or p.line, f.start) for p in group
                  for f in p.figures if not f.line or f.line == p.line]
        if not (all if kind == "results_reported" else any)(
                own and not others for own, others in named) or any(
                others and not own for own, others in direct):
            # (nor is a draft one of whose figures comes from a sentence on another
            # company alone: "You might also like: Rivalco added $4.6b in Bitcoin")
            others = sorted({w for _, o in named for w in o})
            return ("the text names other companies (" + ", ".join(others) + ") and this "
                    "figure's sentence does not name this company alone" if others else
                    "the text names other companies and this figure's sentence does not name "
                    "this company")
    # Whose figure, in any text: a sentence whose subject is a name that is not this
    # company's, doing what companies do with bitcoin ("Rivalco, the Texas-based miner, mined
    # 388 BTC", "Halvard, which leads the field, disclosed a purchase of 4,020 BTC"), and
    # that does not name this company, is that name's.
    if kind in (*_BTC_TYPES, "results_reported", "equity_issued", "notes_issued") and \
            (reader.own or reader.names) and \
            (subject := _other_subject(group, reader)) is not None:
        return f"its sentence's subject is {subject}, not this company"
    # Whose figure: "..., after Rivalco, which started the trend in 2022 when it purchased
    # 9,000 BTC", "Rivalco, qui a ouvert la voie lorsqu'elle a acheté": the "it" of a clause
    # opened by "when", "after" or "as" is the name last written before it in the sentence.
    if kind in (*_BTC_TYPES, "equity_issued", "notes_issued") and \
            (reader.own or reader.names) and (who := _pronoun_clause_owner(group, reader)):
        return f"its clause's subject is {who}, not this company"
    if kind in (*_BTC_TYPES, "results_reported", "equity_issued", "notes_issued") and \
            (reader.own or reader.names) and (who := _respective_owner(group, reader)):
        return f"it is {who}'s figure of a list told 'respectively'"
    # When: production is reported after its period, so the publication's month is not its
    # own (a sale, like a purchase, is often the news itself).
    if kind == "btc_mined" and how == "disclosed":
        return "production the text dates by nothing but its publication"
    if how == "context" and kind in _FLOWS and re.fullmatch(r"\d{4}", str(record.get(
            "effective", ""))) and not (reader.report is not None
                                        and reader.report.effective == record["effective"]):
        # a year named on an earlier line ("In 2024, Acme turned to bitcoin. ... It sold 300
        # BTC"): a flow told in passing, which a frame that wide does not date (the year a
        # report says it covers still does)
        return "a flow dated only by a year named on an earlier line"
    if how == "disclosed" and kind in _FLOWS and _said_before(group, reader, _FRAMED, 120):
        # "Au cours du semestre, Acme a acquis 542 BTC", "during the quarter": a period named
        # elsewhere, not the publication's month
        return "its clause refers to a period named elsewhere, not the publication's"
    # A figure dated by something other than its own sentence (a heading, an earlier line, the
    # publication) while that sentence names another time ("In the month of June, it mined
    # ...", "80 BTC in early June", "this year it has mined"): the time its sentence names,
    # read or not, is more likely its own (a comparison's is not).
    # (A balance dated in its own sentence: only a period right after its figure.)
    if (how in ("context", "disclosed") and kind in (*_BTC_TYPES, "results_reported")
            or kind == "btc_balance_disclosed") and \
            (other := _other_time(record, group, reader, how in ("context", "disclosed"))) \
            is not None:
        return f"its clause names {_quote(other)}, not the period it would be given"
    # A flow dated from its sentence while its own clause names several quarters or months
    # ("produced 900 BTC over its first two quarters, 480 BTC of them in Q1"): the quarter
    # is the next figure's.
    if how == "sentence" and kind in _FLOWS and \
            (other := _other_time(record, group, reader, False, True)) is not None:
        return f"its clause names {_quote(other)}, not the period it would be given"
    # What: coins written as a part of something ("kept 300 BTC of its September production",
    # "1 200 BTC de sa production") are no balance.
    if kind == "btc_balance_disclosed" and _said_after(group, reader, _PART_OF):
        return "coins written as a part of a production or a holding, not a balance"
    # What: a results report gives more than one of revenue, net income and adjusted EBITDA
    # for its period; a lone figure is a segment, a comparison or an estimate more often.
    if kind == "results_reported" and sum(
            record.get(k) is not None for k in _RESULTS_FIELDS) < 2:
        return "a lone results figure (a report gives more than one of revenue, net " \
               "income and adjusted EBITDA)"
    # An issue of stock is told with its shares and its dollars, over a period the text gives
    # (its sentence, its line, or the period a list of "Shares Sold:" lines is introduced
    # with); a raise without them is a program's size, a running total or the capacity left.
    if kind == "equity_issued" and (record.get("shares") is None or record.get("usd") is None
                                    or how == "disclosed"):
        return "a raise without both its shares and its dollars, or dated only by the " \
               "publication"
    # Coins and dollars that make a price no bitcoin has traded at, as a company could buy
    # or sell it (a price per coin read as the lot's cost, the cost of all holdings beside one
    # purchase, a sum in another unit): one of the two is not this action's.
    if kind in ("btc_purchased", "btc_sold") and record.get("btc") and record.get("usd"):
        each = Decimal(record["usd"]) / Decimal(record["btc"])
        if not _PRICE_LOW <= each <= _PRICE_HIGH:
            return f"its dollars and coins make {each:,.0f} dollars a coin, not a price " \
                   "bitcoin has traded at"
    # An offering proposed, launched or to come ("proposes to offer $250
    # million of notes", "the offering will now be $350 million", "annonce le lancement d'une
    # émission de"): the size priced and closed later is the record, often another figure.
    if kind in ("notes_issued", "equity_issued") and _said_before(group, reader, _PROPOSED) \
            and not _said_before(group, reader, _DONE):
        return "an offering proposed, launched or to come"
    # A purchase or sale recalled as an earlier one ("Its first purchase was of 212 BTC",
    # "son précédent achat"), dated by nothing in its own sentence: history, not this news.
    if kind in ("btc_purchased", "btc_sold") and how in ("context", "disclosed") and \
            _said_before(group, reader, _RECALLED):
        return "a purchase or sale recalled as an earlier one, with no date of its own"
    # An issue of notes is told with its terms; a principal alone is a facility, proceeds or
    # a conversion more often.
    if kind == "notes_issued" and sum(record.get(k) is not None for k in _NOTE_TERMS) < 2:
        return "notes told with fewer than two of their terms"
    return None


def _months_of(effective: str) -> tuple[date, date] | None:
    try:
        period = parse_period(effective)
    except ValueError:
        return None
    return period.start, period.end


@lru_cache(maxsize=1)
def _named_time() -> re.Pattern[str]:
    """A month named in full ("August", "août", "in May"), a quarter or half ("Q3", "the
    third quarter", "T3", "le premier semestre"), several quarters or months at once ("the
    first two quarters") or the year so far ("this year", "cette
    année", "year-to-date")."""
    from babel.dates import get_month_names

    names = {fold(n) for lang in LANGS for n in get_month_names("wide", locale=lang).values()}
    names.discard("may")
    months = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(
        rf"\b(?P<month>{months})\b|\b(?:in|of|since|early|late|mid|end\s+of|from|through|"
        r"until|by)[\s-]+(?P<may>may)\b|\b(?P<quarter>[qt][1-4]|h[12]|(?:first|second|third|"
        r"fourth)\s+(?:quarter|half)|(?:premier|deuxieme|second|troisieme|quatrieme)\s+"
        r"(?:trimestre|semestre))\b|"
        # several quarters or months at once: "the first two quarters", "the first nine
        # months", "les deux premiers trimestres", "les neuf premiers mois"
        r"\b(?P<span>(?:first|last|past)\s+(?:two|three|four|2|3|4)\s+quarters|(?:first|last|"
        r"past)\s+(?:six|nine|6|9)\s+months|(?:deux|trois|2|3)\s+(?:premiers|derniers)\s+"
        r"trimestres|(?:six|neuf|6|9)\s+(?:premiers|derniers)\s+mois)\b|"
        r"\b(?P<ytd>this\s+year|cette\s+annee|year[- ]to[- ]date|"
        r"depuis\s+le\s+debut\s+de\s+l'annee|so\s+far\s+this\s+year)\b")


def _other_time(record: dict[str, Any], group: list[Proposal], reader: "Reader",
                unread: bool = True, spans_only: bool = False) -> str | None:
    """A time the clause of a draft's figure names that its effective does not cover: a
    period read there (not a comparison's) or a month, quarter or "this year" written there
    that no rule read; None when there is none. The clause is the figure's sentence cut at
    the figures beside it ("... 1,500 BTC at year-end and 1,540 BTC as of 12 March": the
    day is the second figure's)."""
    effective = record.get("effective")
    span = _months_of(effective) if effective else None
    if span is None:
        return None
    start, end = span
    months = {(start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1)
              for k in range((end.year - start.year) * 12 + end.month - start.month + 1)}
    numbers = _month_numbers()
    for p in group:
        for f in p.figures:
            if f.line and f.line != p.line or not 0 < p.line <= len(reader.lines):
                continue
            folded = reader.folded[p.line - 1]
            a, b = _sentence_of(folded, f.start)
            for other in figures(reader.lines[p.line - 1], folded, reader.line_lang[p.line - 1]):
                if other.end <= f.start:
                    a = max(a, other.end)
                elif other.start >= f.end:
                    b = min(b, other.start)
            if record["type"] == "btc_balance_disclosed" and re.search(
                    r"\b(?:now|currently|today|desormais|actuellement|maintenant|"
                    r"aujourd'hui)\b", folded[a:b]):
                continue  # "bought 75 BTC in May and now holds 610 BTC": held now
            def began(at: int) -> bool:
                # "Since May, its holdings have fallen to 2,050 BTC": when a change began,
                # which a balance after it is not dated by
                return bool(re.search(r"\b(?:since|depuis)\s+(?:the\s+|le\s+|la\s+)?$",
                                      folded[max(0, at - 12):at])) or \
                    folded[at:at + 6] in ("since ", "depuis")
            for m in reader.mentions[p.line - 1] if not spans_only else ():
                if began(m.start) or not unread and not re.fullmatch(
                        r"\s*(?:in|during|over|throughout|en|au\s+cours\s+de|durant)\s+",
                        folded[f.end:m.start]):
                    continue  # (a balance dated in its sentence: only a period right after
                    # its figure, "mining 1,730 BTC in 2023", which makes it a flow)
                if a <= m.start < b and m.effective and not m.end_of and not m.comparison:
                    other = _months_of(m.effective)
                    if other is not None and (other[1] < start or other[0] > end):
                        return m.text
            if not unread and not spans_only:
                continue  # (a draft dated in its own sentence: only the periods read there)
            for m in _named_time().finditer(folded, a, b):
                if spans_only and not m["span"]:
                    continue
                if began(m.start()) or any(x.start <= m.start() < x.end and x.comparison
                       for x in reader.mentions[p.line - 1]):
                    continue  # "up 9% from April's 318 BTC": a comparison's period
                if m["month"] or m["may"]:
                    n = numbers.get(m["month"] or "may")
                    if n is not None and not any(month == n for _, month in months):
                        return m.group(0)
                elif m["ytd"] and len(months) < 12 and not (start.month == 1 and start.day == 1):
                    return m.group(0)
                elif m["quarter"] and not any(reader.mentions[p.line - 1]) and \
                        len(months) < 3:
                    return m.group(0)
                elif m["span"] and len(months) < 6:
                    return m.group(0)
    return None


def _weeks(proposals: list[Proposal], reader: "Reader") -> list[Proposal]:
    """A flow told over the week ending on the day it is dated by ("snapped up 520 BTC in the
    seven days through Sunday", "au cours de la semaine close le 27 juillet"): those seven
    days, not the last one."""
    for p in proposals:
        if p.type not in ("btc_purchased", "btc_sold", "btc_mined") or p.period is None or \
                p.period.kind != "date" or not p.period.effective or \
                not re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.period.effective) or \
                not _said_before([p], reader, _A_WEEK, 80):
            continue
        last = date.fromisoformat(p.period.effective)
        m = p.period
        p.period = Mention(f"{(last - timedelta(days=6)).isoformat()}/{last.isoformat()}",
                           "range", m.line, m.start, m.end, m.text, m.comparison, m.end_of,
                           m.year_from)
        p.doubts.append(f"{_quote(m.text)} ends a week: read as the seven days to it")
    return proposals


def _same_twice(drafts: list[tuple[Draft, list[Proposal]]], noticed: list[Noticed] | None
                ) -> list[tuple[Draft, list[Proposal]]]:
    """The same record read twice (a title and the body, once the title's converted dollars
    are left out): drafted once, from its first telling; the other is noticed."""
    seen: dict[tuple[Any, ...], Draft] = {}
    kept = []
    for d, group in drafts:
        key = tuple(sorted((k, str(v)) for k, v in d.record.items()
                           if k not in ("id", "sources", "note", REVIEW)))
        if key in seen:
            if noticed is not None:
                noticed.append(_noticed(d, group, "the same record told again: drafted from "
                                        f"line {seen[key].record['sources'][0]['line']}"))
            continue
        seen[key] = d
        kept.append((d, group))
    return kept


def _told_again(drafts: list[tuple[Draft, list[Proposal]]], noticed: list[Noticed] | None
                ) -> list[Draft]:
    """One bitcoin action told twice with two periods ("bought 960 BTC in the third week of
    May", then a recap of the month naming May and "the 960 BTC purchase" again): the same
    type and coin count is one action, drafted once, from the telling whose period is written
    with it and narrowest; the other is noticed."""
    rank = {"sentence": 0, "line": 1, "context": 2, "disclosed": 3}

    def key(item: tuple[Draft, list[Proposal]]) -> tuple[Any, ...]:
        d, group = item
        how = next((p.period_how for p in group if p.period_how in ("sentence", "line")),
                   None) or group[0].period_how
        span = _months_of(d.record["effective"]) if d.record.get("effective") else None
        days = (span[1] - span[0]).days if span else 10 ** 6
        return rank.get(how, 4), days, d.record["sources"][0]["line"]

    same: dict[tuple[str, str], list[tuple[Draft, list[Proposal]]]] = {}
    for item in drafts:
        r = item[0].record
        if r["type"] in ("btc_purchased", "btc_sold", "btc_mined") and r.get("btc") is not None:
            same.setdefault((r["type"], r["btc"]), []).append(item)
    dropped: set[int] = set()
    for told in same.values():
        if len({t[0].record.get("effective") for t in told}) < 2:
            continue
        best = min(told, key=key)
        for d, group in told:
            if d is not best[0]:
                dropped.add(id(d))
                if noticed is not None:
                    noticed.append(_noticed(d, group, "the same coins told again with another "
                                            f"period: drafted from line "
                                            f"{best[0].record['sources'][0]['line']}"))
    return [d for d, _ in drafts if id(d) not in dropped]


def draft(text: str, document: str, company: str, lang: str | None = None,
          disclosed: str | None = None, noticed: list[Noticed] | None = None
          ) -> list[Draft]:
    """Records proposed from ``text`` (the document named ``document``) about ``company``.

    ``disclosed`` (an ISO date) is when the document was published: a flow the text dates
    only by its announcement gets that month, a balance stated as "now" that day.
    ``noticed``, when given, receives what was read and not proposed, with why."""
    lines = text.splitlines()
    language = lang or detect_language(text)
    if language not in LANGS:
        raise ValueError(f'language "{language}": use one of {", ".join(LANGS)}')
    unwrapped, seams = _unwrapped(lines)
    reader = Reader(unwrapped, language, disclosed, company)
    proposals = _weeks(reader.read(), reader)
    from .evidence import (conversions, drop_converted, mixed_price, part_of_a_total,
                           proceeds_as_principal, sale_proceeds, step_up_coupon)

    converted = conversions(reader)
    ids: set[str] = set()
    drafts = []
    for group in _merge(proposals):
        drop_converted(group, converted)
        mixed_price(group, reader)
        sale_proceeds(group, reader)
        step_up_coupon(group, reader)
        d = _draft(group, document, company, ids, seams)
        why = (_ungrounded(d.record, group, reader.lines) if disclosed is not None else None) \
            or _unsure(d.record, group, reader) or proceeds_as_principal(group, reader)
        if why:
            ids.discard(d.record["id"])
            if noticed is not None:
                noticed.append(_noticed(d, group, why))
            continue
        drafts.append((d, group))
    drafts = _same_twice(drafts, noticed)
    kept = {id(d) for d in _told_again(drafts, noticed)}
    drafts = part_of_a_total([(d, g) for d, g in drafts if id(d) in kept], reader, noticed)
    if disclosed is not None:
        for d in drafts:
            keys = list(d.record)
            at = keys.index("effective") + 1 if "effective" in keys else 3
            d.record = dict([*d.record.items()][:at] + [("disclosed", disclosed)]
                            + [*d.record.items()][at:])
    return drafts


# --- measuring against the seed ledger ----------------------------------------------------------


def figure_forms(value: str) -> set[str]:
    """Ways a text may write an amount, spaces folded: 41,730 / 41 730 / $2 billion /
    318,6 millions / 0 as zero."""
    amount = Decimal(value).copy_abs()
    plain = format(amount.normalize(), "f") if amount else "0"
    forms = {plain, f"{amount:,f}".rstrip("0").rstrip(".") if "." in f"{amount:,f}"
             else f"{amount:,f}"}
    forms |= {x.replace(",", " ") for x in list(forms)} | {plain.replace(".", ",")}
    if "." in plain:
        whole, frac = plain.split(".")
        forms |= {f"{int(whole):,}".replace(",", " ") + "," + frac}
    for scale, words in ((10**9, ("billion", "milliard")), (10**6, ("million", "millions"))):
        if amount >= scale and amount % (scale // 100) == 0:
            short = format((amount / scale).normalize(), "f")
            for word in words:
                forms |= {f"{short} {word}", f"{short.replace('.', ',')} {word}"}
    if amount == 0:
        forms |= {"zero", "zéro"}
    return forms


def appears(value: str, text: str) -> bool:
    """Whether ``value`` is written in ``text`` in one of its forms (any space as a space)."""
    flat = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text).lower()
    return any(re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", flat)
               for form in figure_forms(value))


AMOUNT_FIELDS = _AMOUNT_FIELDS


def matches(record: dict[str, Any], seed: dict[str, Any], document: str,
            lines: dict[int, str]) -> bool:
    """Does a draft from ``document`` stand for ``seed`` as far as that document goes?

    Same type; cites exactly the lines the seed cites in it; every amount of the seed written
    on those lines is the draft's, and the draft has no amount the seed hasn't; same target,
    coupon and convertibility; same effective when the document is the seed's first source
    (else none, or the same).
    """
    cited = {s["line"] for s in seed["sources"] if s["document"] == document}
    if record["type"] != seed["type"] or {s["line"] for s in record["sources"]} != cited:
        return False
    text = "\n".join(lines[n] for n in sorted(cited) if n in lines)
    for name in AMOUNT_FIELDS:
        if name in record and (name not in seed or Decimal(record[name]) != Decimal(seed[name])):
            return False
        if name in seed and name not in record and appears(seed[name], text):
            return False
    for name in ("target", "convertible"):
        if seed.get(name) != record.get(name) and (name in record or name in seed):
            return False
    primary = seed["sources"][0]["document"] == document
    if primary:
        return record.get("effective") == seed["effective"]
    return record.get("effective") in (None, seed["effective"])


def evaluate(seeds: Iterable[dict[str, Any]], sources: dict[str, str], company: str = "MARA"
             ) -> dict[str, Any]:
    """Precision and recall of ``draft`` on each source document against the seed records
    that cite it (the company of those records, else ``company``). ``sources`` maps
    document name → text."""
    seeds = list(seeds)
    rows = []
    totals = {"expected": 0, "found": 0, "proposed": 0, "correct": 0}
    for document, text in sorted(sources.items()):
        lines = dict(enumerate(text.splitlines(), start=1))
        expected = [s for s in seeds if any(x["document"] == document for x in s["sources"])]
        drafts = [d.record for d in draft(text, document,
                                          expected[0]["company"] if expected else company)]
        found = [s["id"] for s in expected if any(matches(r, s, document, lines)
                                                   for r in drafts)]
        correct = [r["id"] for r in drafts if any(matches(r, s, document, lines)
                                                  for s in expected)]
        row = {"document": document, "expected": len(expected), "found": len(found),
               "proposed": len(drafts), "correct": len(correct),
               "missed": [s["id"] for s in expected if s["id"] not in found],
               "unmatched": [r["id"] for r in drafts if r["id"] not in correct]}
        rows.append(row)
        for key in totals:
            totals[key] += row[key]
    return {"documents": rows, "total": totals}


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.0%}" if b else "n/a"


def evaluation_table(result: dict[str, Any]) -> str:
    """The evaluation as a Markdown table (what the README shows)."""
    out = ["| document | records citing it | drafts | precision | recall |",
           "|---|---:|---:|---:|---:|"]
    every = f"**all {len(result['documents'])}**"
    for row in [*result["documents"], {"document": every, **result["total"]}]:
        out.append(f"| {row['document']} | {row['expected']} | {row['proposed']} | "
                   f"{_ratio(row['correct'], row['proposed'])} | "
                   f"{_ratio(row['found'], row['expected'])} |")
    return "\n".join(out)


#: Types the drafter never proposes (a price seen in a text, a miner's operating figures):
#: records of these types are left out when it is measured against the seed ledger.
NOT_DRAFTED = frozenset({"price_observed", "operations_reported"})


def _main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent.parent
    parser = argparse.ArgumentParser(
        prog="python -m ledger.draft",
        description="Measure draft against hand-made records: every *.jsonl record under "
                    "--seeds that cites a *.txt document under --sources; or, with --corpus, "
                    "against a labelled corpus (texts and expected.json).")
    parser.add_argument("--evaluate", action="store_true", required=True)
    parser.add_argument("--seeds", default=str(here / "seeds"))
    parser.add_argument("--sources", default=str(here.parent / "shared" / "sources"))
    parser.add_argument("--company", default="MARA", help="for documents no record cites")
    parser.add_argument("--corpus", default=None, metavar="DIR",
                        help="Score against a labelled corpus instead: DIR holds texts and "
                             "their expected.json (the format of ../shared/corpus).")
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN",
                        help="With --corpus: only the files matching PATTERN (repeatable).")
    parser.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                        help="With --corpus: leave out the files matching PATTERN.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.corpus is not None:
        from .score import NoCorpus, corpus_table, evaluate_corpus

        try:
            scored = evaluate_corpus(args.corpus, args.only, args.exclude)
        except NoCorpus as e:
            print(e, file=sys.stderr)
            return 1
        print(json.dumps(scored, indent=2) if args.json else corpus_table(scored))
        return 0
    seeds = [record for path in sorted(Path(args.seeds).glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
             if (record := json.loads(line))["type"] not in NOT_DRAFTED]
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(args.sources).glob("*.txt"))}
    result = evaluate(seeds, sources, args.company)
    print(json.dumps(result, indent=2) if args.json else evaluation_table(result))
    return 0

