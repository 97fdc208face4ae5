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

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
import re
from typing import Any
import unicodedata

from .. import kinds
from ..values import canonical, parse_period
from .cues import (_ACQUIRE, _AGGREGATE, _AS_OF, _BITCOIN, BTC_ACTIONS, _CAPACITY, _CAPACITY_AFTER,
                   _CONVERTIBLE, _CUT, _DISPOSE, _EQUITY, _ESTIMATE, _FILES_FOR, _FLOWS, _FOR,
                   _INVEST_LINK, _name_after, _nearest, _NOTES, _NOW, _OBJECT_OF, _OTHER,
                   _OWN_PARTICIPLE, _PART, _PARTICIPLE_KIND, _PARTS_INTRO, _PASSIVE_BY, _PLANNED,
                   _PLANNED_ACTION, _PLANNED_BY, _PRICE_LINK, _PRINCIPAL_OF, _PROCEEDS_AFTER,
                   _PROGRAM_SIZE, _RAISE, _REPURCHASE, _RESULTS, _RESULTS_AHEAD, _SHARE_OF_TOTAL,
                   _SHARES_FOR_AMOUNT, _SIZE_TO, _STILL_HAD, _TARGET, _WORKFORCE, _YIELD,
                   _ZERO_COUPON)
from .dates import (_ANNOUNCED_AFTER, _ANNOUNCED_BEFORE, _last_day, Mention, _month_before,
                    _month_numbers, _month_of, _month_pattern, _now_zone, _ORDINALS, _own_clause)
from .evidence import _main_figures
from .names import (_BTC_TYPES, _CAPITALISED, _company_names, _COMPANY_SUFFIXES, _DESCRIPTOR,
                    _HEADING_ACTS, _known_companies, _LEAD_IN, _may_month, _METRIC_WORDS,
                    _NAME_LINE, _named_holder, _NOT_COMPANIES, _NOT_NAMES, _OPENERS, _opening_name,
                    _own_names, _PRONOUN_SUBJECT, _same_company, _subject)
from .periods import _ANNOUNCED_WEEKDAY, _joined, mentions, _period_end, _WEEKDAYS, yearless
from .reading import (_ADS_RATIO, _AGREEMENT_DAY, _ANAPHORA, _AT_PERIOD_END, _cell_value,
                      _COST_VERB, Draft, _effective, _FILLER_CELL, _FOREIGN_DOLLARS,
                      _FUNDED_PURCHASE, _HELD_LEAD, _is_heading, _LAUNCHED, _NAMES_A_DEAL,
                      _number_word, _OFFERING_CLOSED, _ON_BALANCE_SHEET, _opens_the_clause,
                      _OTHER_HOLDERS, _PERIOD_ENDING, _PRIOR_PERIOD, _PRIOR_REPORT, Proposal,
                      _quote, _REPORT_AFTER, _REPORT_FOR, _RETIRE_VERB, _RETIRED_BEFORE,
                      _RETIRED_WHAT, _row_type, _SALE_PROCEEDS, _SAME_PERIOD, _sentences,
                      _SINCE_START, _SPENT, _SPLIT_MORE, _TAKES_EFFECT, _THE_SAME, _THIS_ACTION,
                      _TO_DATE_AFTER, _TO_DATE_BEFORE)
from .text import (_BUCKET, COMPARED_WITH_WORDS, detect_language, Figure, figures, fold,
                   HOLDING_NOUNS_EN, HOLDING_NOUNS_FR, LANGS, LOCALES, parse_number, STATED_AS_EN,
                   STATED_AS_FR, SUBJECT_ASIDES, _TOTAL_PRICE_OF, _UNIT_PRICE_ASIDE)


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
