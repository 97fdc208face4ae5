"""Periods in a line: spans joined from two periods, periods ended on a day, dates written
without a year or relative to the publication, weeks, halves, and ``yearless`` and
``mentions``, which list the periods a line names."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from functools import lru_cache
import re
from typing import Any

from ..values import parse_period
from .dates import (_COMPARED_WITH, _COMPARISON, _date_patterns, _END_OF, _last_day, _MATURITY,
                    Mention, _month_numbers, _month_pattern, _MONTH_SHORT_YEAR, _ORDINALS,
                    _PRICE_DAY, _QUARTER, _quarter_ended_pattern, _read_date, _read_span,
                    _SAME_PART_BEFORE, _span_patterns, _YEAR, _YEAR_END)
from .text import fold


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
                    r"(?:adjusted|post[- ]split|post[- ]reverse[- ]split)\s+basis|"
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
                      # "au cours du mois de juillet", "pour le mois de mai"
                      rf"(?:au|du|pour\s+le)\s+mois\s+de|"
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
        compared = bool(_COMPARED_WITH.search(folded[max(0, m.start() - 120):m.start()])) or (
            # "moins de bitcoins qu'en juin", "fewer coins than in June"
            re.search(r"\b(?:than\s+|(?:plus|moins|autant|davantage|mieux)\b[^.;]{0,40}?"
                      r"\bqu(?:e\s+|'))$", folded[max(0, m.start() - 50):m.start()]) is not None) \
            or _CAUSE_BEFORE.search(folded[max(0, m.start() - 80):m.start()]) is not None
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


#: The time of a cause given for a figure, not the figure's: "producing 590 BTC, primarily
#: due to the halving event in April", "en raison de la panne de mars".
_CAUSE_BEFORE = re.compile(r"\b(?:due\s+to|because\s+of|owing\s+to|as\s+a\s+result\s+of|"
                           r"attributed\s+to|attributable\s+to|en\s+raison\s+d[eu']|"
                           r"a\s+cause\s+d[eu']|du\s+fait\s+d[eu']|attribuable\s+a)\s*"
                           r"(?:[a-z][\w'-]*\s+){0,8}$")


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
                                             or _CAUSE_BEFORE.search(folded[max(0, start - 80):
                                                                            start])
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


#: A clause on the company's share price: "even as its shares slid 6% to half the level they
#: reached in March", "shares are down 34% from their high, reached in March", "l'action
#: a bondi de 321 % depuis novembre". The time it names is the stock's, and dates no figure of
#: the company's bitcoin or results told beside it.
_SHARE_PRICE = re.compile(
    r"\b(?:(?:its|the\s+company's|their|the|company)\s+(?:stock|shares?)|shares|share\s+price|"
    r"stock\s+price|l'action|les\s+actions|le\s+titre|le\s+cours(?:\s+de\s+(?:l'action|bourse))?|"
    r"(?:son|leur)\s+(?:action|titre|cours))\s+(?:\w+\s+){0,3}?(?:fell|fallen|falls|rose|risen|"
    r"rises|slid|slides|dropped|drops|jumped|surged|soared|gained|lost|climbed|declined|sank|"
    r"slumped|plunged|traded|trading|trades|closed|are\s+(?:up|down)|were\s+(?:up|down)|is\s+"
    r"(?:up|down)|was\s+(?:up|down)|a\s+(?:bondi|chute|recule|grimpe|gagne|perdu|baisse|"
    r"progresse|cloture)|bondit|chute|recule|grimpe|s'echange|cotait|cloturait)\b")
#: What ties a time after such a clause back to the company's own figures.
#: ("shares rose after its report of higher output for September": what the stock moved on
#: is the company's news, and its time that news's)
_OWN_FIGURE = re.compile(r"\b(?:btc|bitcoins?|bought|buys?|buying|purchas\w*|acqui\w*|mined|"
                         r"mining|produc\w*|output|sold|sells?|selling|revenues?|income|"
                         r"results?|earnings|reports?|reported|update|after|following|on\s+news|"
                         r"achet\w*|vend\w*|cede\w*|mine\w*|extrai\w*|chiffre|resultats?|"
                         r"rapport|apres|suite)\b")


def share_price_times(found: list[Mention], folded: str) -> list[Mention]:
    """The periods named in a clause on the share price (``_SHARE_PRICE``) marked as
    comparisons: they date nothing the company did."""
    out = []
    for m in found:
        lead = folded[max(0, m.start - 140):m.start]
        lead = re.split(r"[.;:!?](?:\s|$)", lead)[-1]
        hit = list(_SHARE_PRICE.finditer(lead))
        if hit and not m.comparison and not _OWN_FIGURE.search(lead[hit[-1].end():]):
            m = dataclasses.replace(m, comparison=True)
        out.append(m)
    return out
