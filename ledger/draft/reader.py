"""``Reader``: reads a document line by line into proposals; its rules live in the mixins of
``passes``, ``tables``, ``sentence``, ``rules`` and ``dating``."""

from __future__ import annotations

from datetime import date
import re

from ..values import parse_period
from .cues import BTC_ACTIONS, _PLANNED, _TARGET
from .dates import _last_day, Mention, _ORDINALS
from .dating import _Dating
from .names import (_CAPITALISED, _company_names, _HEADING_ACTS, _known_companies, _METRIC_WORDS,
                    _NOT_NAMES, _own_names, _same_company)
from .passes import _Passes
from .periods import _joined, mentions, share_price_times, yearless
from .reading import (_FOREIGN_DOLLARS, _is_heading, _LAUNCHED, _PERIOD_ENDING, Proposal,
                      _REPORT_AFTER, _REPORT_FOR, _sentences)
from .rules import _Rules
from .sentence import _Sentence
from .tables import _Tables
from .text import detect_language, figures, fold


class Reader(_Passes, _Tables, _Sentence, _Rules, _Dating):
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
        self.mentions = [share_price_times(_joined(self._resolve(sorted(
            (found := mentions(line, self.folded[i], i + 1, self.line_lang[i]))
            + yearless(line, self.folded[i], i + 1, found), key=lambda m: m.start)),
            self.folded[i]), self.folded[i]) for i, line in enumerate(lines)]
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
