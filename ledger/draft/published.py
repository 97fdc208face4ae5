"""When a document says it was published, read at its top: a line that is only a date under
the title ("June 2, 2025", "Published: 3 March 2025", "le 3 mars 2025") or a press release's
dateline opening its first paragraph ("DENVER, October 6, 2025 --", "TOKYO, Japan, March 3,
2025 /PRNewswire/ --", "Paris, le 3 mars 2025 -").

Only a whole day, written with its month's name (or as an ISO date), counts: "06/02/2025"
could be either of two days and "June 2025" is no day. A day written without its year, alone
or after a byline ("Benzinga · Nov 18 08:06", "18 nov."), counts only when the text's own
dated days give its year: the days with a year the text states (a report's dates, the events
it tells) that fall in the quarter up to that day must fall so in one year only. Else it is
left out: a year is never guessed. Only the top counts: the lines before
the date must all be a title's (no sentence), so a date heading an event in an article's
body, or a date in its first sentence ("On March 3, 2025, Acme bought ..."), is never read as
the publication's. ``draft`` uses it as ``--disclosed`` when that is not given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
import re

from .dates import _month_numbers, _month_pattern
from .text import fold

#: How many non-empty lines from the top a publication date may be on.
_TOP = 8


@dataclass(frozen=True)
class Published:
    """A publication date read from the text: the day, the line (from 1) and its words."""

    day: str
    line: int
    text: str
    #: How a part the line leaves out was found (a year), or None.
    how: str | None = None

    def said(self) -> str:
        how = f"; {self.how}" if self.how else ""
        return f'read from line {self.line} ("{self.text}"{how})'


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    month = _month_pattern()
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    year = r"(?:19|20)\d{2}"
    weekday = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|lundi|mardi|mercredi|jeudi|"
               r"vendredi|samedi|dimanche)")
    when = (rf"(?:{weekday},?\s+)?(?:le\s+)?(?P<date>(?:(?P<m1>{month})\.?\s+(?P<d1>{day})"
            rf"(?:st|nd|rd|th)?,?\s+(?P<y1>{year})|(?P<d2>{day})(?:er|st|nd|rd|th)?\s+"
            rf"(?P<m2>{month})\.?,?\s+(?P<y2>{year})|(?P<y3>{year})-(?P<m3>0[1-9]|1[0-2])-"
            rf"(?P<d3>{day})))(?![\d/-])")
    # A line that is only a date, perhaps named as the publication's and with its time:
    # "June 2, 2025", "Published: March 3, 2025 08:00 AM Eastern Standard Time", "Publié le
    # 3 mars 2025 à 18h00". (Not "Updated ...": a later day than the publication's.)
    alone = re.compile(
        rf"\s*(?:(?:published|posted|release\s+date|date(?:d)?|publie|diffuse)\s*(?:on|le)?\s*"
        rf":?\s*)?\(?{when}\)?\s*(?:(?:,|\||-|\u2013|\u2014|at|a)?\s*\d{{1,2}}(?:[:h.]\d{{2}})?"
        rf"\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s+[a-z]{{2,9}}){{0,3}})?\s*\.?\s*")
    # A dateline: a place ("DENVER", "TOKYO, Japan", "Toronto, Ontario and Brossard,
    # Québec", "Paris"), the day, a wire's name perhaps, then a dash or a colon and the text.
    place = r"[a-z][a-z.'\u2019& -]{1,40}?"
    dateline = re.compile(
        rf"\s*(?P<place>{place})(?:,\s*{place}){{0,3}}\s*(?:,\s*|\(\s*)(?:le\s+)?{when}\s*\)?\s*"
        rf"(?:[/(]\s*[a-z][\w .&-]{{1,30}}?\s*[/)]\s*)?(?:--|-|\u2013|\u2014|:)\s*\S")
    # A day without its year, alone or after a byline, perhaps with its time: "Nov 18 08:06",
    # "Benzinga · Nov 18 08:06", "Reuters | 18 nov. 09h30".
    yearless = re.compile(
        rf"\s*(?:[a-z][\w .&'-]{{1,30}}?\s*(?:\u00b7|\||-|\u2013|\u2014|,)\s*)?(?:{weekday},?\s+)?"
        rf"(?P<date>(?P<m1>{month})\.?\s+(?P<d1>{day})(?:st|nd|rd|th)?|(?P<d2>{day})(?:er)?\s+"
        rf"(?P<m2>{month})\.?)(?:,?\s*(?:at|a)?\s*\d{{1,2}}[:h.]\d{{2}}\s*(?:a\.?m\.?|p\.?m\.?)?"
        rf"(?:\s+[a-z]{{2,5}})?)?\s*")
    return alone, dateline, yearless


@lru_cache(maxsize=1)
def _full_day() -> re.Pattern[str]:
    """A whole day with its year anywhere in a line (folded): "November 15, 2024",
    "15 novembre 2024", "2024-11-15"."""
    month = _month_pattern()
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    year = r"(?:19|20)\d{2}"
    return re.compile(
        rf"(?<![\w-])(?:(?P<m1>{month})\.?\s+(?P<d1>{day})(?:st|nd|rd|th)?,?\s+(?P<y1>{year})"
        rf"|(?P<d2>{day})(?:er|st|nd|rd|th)?\s+(?P<m2>{month})\.?,?\s+(?P<y2>{year})"
        rf"|(?P<y3>{year})-(?P<m3>0[1-9]|1[0-2])-(?P<d3>{day}))(?![\d/-])")


#: A day without its year takes the year in which the text's dated days fall in the days
#: up to it (a release tells of the weeks before it), if that is one year.
_BEFORE = 92


def _year_of(month: int, day: int, lines: list[str]) -> int | None:
    """The one year ``month``/``day`` is in, going by the days the text dates with a year:
    those within ``_BEFORE`` days up to it must all be in one year's, or None."""
    stated = set()
    for line in lines:
        for m in _full_day().finditer(fold(line)):
            if (found := _day(m)) is not None:
                stated.add(date.fromisoformat(found))
    years = set()
    for when in stated:
        for year in (when.year, when.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if 0 <= (candidate - when).days <= _BEFORE:
                years.add(year)
    return years.pop() if len(years) == 1 else None


def _day(m: re.Match[str], year: int | None = None) -> str | None:
    if m.re.groupindex.get("y3") and m["y3"]:
        y, mo, d = int(m["y3"]), int(m["m3"]), int(m["d3"])
    else:
        mo_name = (m["m1"] or m["m2"]).rstrip(".")
        mo = _month_numbers().get(mo_name)
        if mo is None:
            return None
        y = year if year is not None else int(m["y1"] or m["y2"])
        d = int(m["d1"] or m["d2"])
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _sentence(line: str) -> bool:
    """A line of running text, not a title's: a dozen words or more ending a sentence, or
    two sentences."""
    words = line.split()
    return len(words) >= 12 and bool(re.search(r"[.!?;]\s*[\"\u201d\u00bb)]?\s*$", line)) or \
        bool(re.search(r"\w{2}[.!?]\s+[A-Z\u00c0-\u00dd]\w*\s+\w+", line)) and len(words) >= 8


def publication_date(lines: list[str]) -> Published | None:
    """The publication date the document's top gives, if one is there and unambiguous."""
    alone, dateline, yearless = _patterns()
    seen = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen += 1
        if seen > _TOP:
            return None
        folded = fold(line)
        m = alone.fullmatch(folded) or dateline.match(folded)
        if m is not None and (m.re is alone or line[m.start("place")].isupper()):
            day = _day(m)
            if day is not None:
                return Published(day, number, line[m.start("date"):m.end("date")])
        if (m := yearless.fullmatch(folded)) is not None:
            month = _month_numbers().get((m["m1"] or m["m2"]).rstrip("."))
            year = None if month is None else _year_of(month, int(m["d1"] or m["d2"]), lines)
            day = None if year is None else _day(m, year)
            if day is not None:
                return Published(day, number, line[m.start("date"):m.end("date")],
                                 f"its year from the days the text dates, {year}")
        if _sentence(line) or "|" in line or re.search(
                r"\b(?:ended|ending|as\s+(?:of|at)|through|au|clos\w*|termine\w*)\s*:?\s*$",
                folded):
            return None  # the body or a table has started, or a date is coming as a period's
            # end ("Three Months Ended" over "Sep. 30, 2025"): a date under it is no publication
    return None
