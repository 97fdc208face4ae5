"""The ``Reader``'s reading of one sentence: its figures in turn, the period it states, and
which company governs a figure (subject, owner, pronoun)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
import re
from typing import Any

from .cues import (_ACQUIRE, BTC_ACTIONS, _DISPOSE, _FLOWS, _FOR, _INVEST_LINK, _name_after,
                   _nearest, _OBJECT_OF, _OTHER, _PART, _PARTS_INTRO, _PASSIVE_BY, _PLANNED,
                   _PLANNED_ACTION, _PLANNED_BY, _PRICE_LINK, _SHARE_OF_TOTAL, _TARGET)
from .dates import _last_day, Mention
from .names import (_BTC_TYPES, _CAPITALISED, _COMPANY_SUFFIXES, _DESCRIPTOR, _LEAD_IN, _may_month,
                    _METRIC_WORDS, _NAME_LINE, _named_holder, _NOT_COMPANIES, _NOT_NAMES, _OPENERS,
                    _opening_name, _PRONOUN_SUBJECT, _same_company, _subject)
from .reading import (_is_heading, _OTHER_HOLDERS, _PRIOR_PERIOD, _PRIOR_REPORT, Proposal,
                      _sentences, _SINCE_START, _SPENT, _TO_DATE_AFTER, _TO_DATE_BEFORE)
from .text import _BUCKET, Figure, fold, _UNIT_PRICE_ASIDE


class _Sentence:
    """Reading one sentence and who governs its figures."""

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
                # (a figure the proposal took beside its own is not read again: "a racheté
                # pour 230 millions ... d'un montant nominal de 250 millions")
                used.update(j for j, g in enumerate(found) if j > k and any(
                    g is x for x in p.figures))
                props.append(p)
        self._equity_shares(found, props, used, number, s_start, s_end)
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
            if p.type == "results_reported" and line.lstrip().startswith("|") and re.fullmatch(
                    r"\s*(?:us\s?)?\$?\s*[(\-\u2212]?\s*\$?\s*[\d.,\s]+\)?\s*(?:million|billion|"
                    r"m|bn|mn)?\s*", line[line.rfind("|", 0, p.figures[0].start) + 1:(
                        line.find("|", p.figures[0].end) % (len(line) + 1))]):
                continue  # "| Revenue | $50.2 | $41.8 |": a table's cell, read with its
                # column's period and the table's scale (_results_rows), not as a sentence
            if p.type == "results_reported" and _PRIOR_PERIOD.search(
                    folded[self._own_results_clause(folded, s_start, p.figures[0], found):
                           p.figures[0].start]):
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

    @staticmethod
    def _own_results_clause(folded: str, s_start: int, anchor: Figure, found: list[Figure]
                            ) -> int:
        """Where the words before a results figure start: 120 characters back, or the amount
        before it when a new results item opens between them ("revenue of $50 million, versus
        $42 million a year before, and a net loss of $12 million": the comparison is the
        $42 million's; not "when it earned $0.7 billion in profit and $8.2 billion in
        revenue", which shares its frame)."""
        start = max(s_start, anchor.start - 120)
        before = [g.end for g in found if g.kind in ("usd", "fx") and g.end <= anchor.start]
        if before and (opens := re.search(r"(?:\band\b|,|;|\bwhile\b|\bwith\b|\bet\b|"
                                          r"\btandis\s+que\b)\s+"
                                r"(?:[\w'-]+\s+){0,3}?(?:net\s+(?:loss|income|profit|earnings)|"
                                r"revenues?|adjusted\s+ebitda|perte\s+nette|resultat\s+net|"
                                r"benefice\s+net|chiffre\s+d'affaires|ebitda\s+ajuste)\b",
                                folded[before[-1]:anchor.start])):
            start = max(start, before[-1] + opens.start())
        return start

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
