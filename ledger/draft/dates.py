"""Periods and dates: ``Mention`` (a period named in the text), quarters, months, years, ends
of periods, spans and days as the text writes them (month names from Babel, phrases read by
dateparser), and the clause around one figure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
import re
from typing import Any

from ..values import parse_period
from .text import COMPARED_WITH_WORDS, fold, LANGS


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
                         r"la\s+|l')?(?:same\s+period\s+(?:of|in)\s+)?$"
                         # "moins de bitcoins qu'en juin", "plus qu'au premier trimestre"
                         r"|\b(?:plus|moins|autant|davantage|mieux)\b[^.;]{0,40}?\bqu(?:e\s+|')$")

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
                            # "more than the 4,100 BTC it held at the end of 2024", "plus que
                            # les 4 100 BTC qu'elle détenait fin 2024": the compared figure's
                            r"\b(?:more|less|fewer|higher|lower|greater|plus|moins)\s+(?:qu'|que\s+|"
                            r"than\s+)(?:les?\s+|la\s+|l'|the\s+)?\d[\d,.\s]*(?:btc|bitcoins?|coins)"
                            r"\s+(?:it|they|qu'(?:elle|il)s?|que\s+(?:la\s+societe|l'entreprise))\s+"
                            r"(?:[a-z']+\s+){1,2}?(?:(?:at|on|in|as\s+of|a|au|en|le)\s+)?$|"
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


_CLAUSE_CUT = re.compile(r"[:;]|,\s*(?:while|whereas|but|and|alors\s+qu(?:e\b|['\u2019])|"
                         r"tandis\s+qu(?:e\b|['\u2019])|et\b|mais\b)|"
                         r"\b(?:while|whereas)\b|\btandis\s+qu(?:e\b|['\u2019])")


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
