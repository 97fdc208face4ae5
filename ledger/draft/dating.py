"""The ``Reader``'s BTC Yield (``kpi_disclosed`` with its ``since``) and the period each
proposal is given (its sentence, its line, a heading, the report, the publication)."""

from __future__ import annotations

import re
from typing import Any

from .. import kinds
from ..values import parse_period
from .cues import _AS_OF, _FLOWS, _nearest, _NOW, _YIELD
from .dates import (_ANNOUNCED_AFTER, _ANNOUNCED_BEFORE, _last_day, Mention, _month_before,
                    _month_numbers, _month_of, _month_pattern, _now_zone, _own_clause)
from .periods import _period_end
from .reading import _ANAPHORA, _AT_PERIOD_END, _NAMES_A_DEAL, _opens_the_clause, Proposal
from .text import Figure, fold


class _Dating:
    """BTC Yield and the period a proposal is given."""

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
            # "at the end of June 2025" or "holdings as of 3/14/2025" dates a balance, not a
            # flow beside it; nor does a day named in another sentence, or a day whose year
            # the text leaves out (often when the news was published, not when it happened).
            usable = [m for m in usable if not m.end_of and not (m.kind == "date" and (
                _AS_OF.search(folded[max(0, m.start - 16):m.start])
                or (m.year_from is not None and not 0 <= m.start - anchor.end <= 40
                    and not _opens_the_clause(folded, m, anchor, s_start)
                    and not _opens_before_a_name(folded, m, anchor, s_start))
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
            p.in_publication_month(self.disclosed)
        else:
            p.missing_period = "the text gives no period for it: add effective"


def _opens_before_a_name(folded: str, m: Mention, anchor: Figure, s_start: int) -> bool:
    """"On October 3, Acme Corp (ACME) bought 100 BTC", "Le 3 octobre, Acme Corp (ACME) a
    acheté": a day without its year opening the sentence, then the company's name written
    with its ticker and the verb of the action, is that action's day."""
    return s_start <= m.start < anchor.start and anchor.start - m.end <= 80 and bool(
        re.fullmatch(r"\s*", folded[s_start:m.start])) and bool(re.fullmatch(
            r",\s*(?:[a-z][\w&.'-]*\s+){1,4}(?:\([^()]{1,25}\)\s*)?(?:has\s+|had\s+)?(?:acquired|"
            r"bought|purchased|sold|mined|produced|added|a\s+acquis|a\s+achete|a\s+vendu|"
            r"a\s+cede|a\s+mine|a\s+extrait|a\s+produit)\s+(?:an?\s+additional\s+|another\s+)?",
            folded[m.end:anchor.start]))


#: The company's news told as recent: "Acme recently announced", "Acme (ACME) has recently
#: increased its treasury", "Acme, une société cotée, a récemment annoncé".
_RECENTLY = re.compile(r"\b(?:(?:has|have|had)\s+)?recently\s+(?:[a-z]+ed|bought|made|sold|"
                       r"added|paid)\b|\b(?:a|ont|avait|avaient)\s+recemment\s+[a-z]+")


def told_as_recent(proposals: list[Proposal], reader: Any) -> None:
    """A balance dated by nothing but the publication, in a text that tells the company's
    news as recent ("Acme recently announced ...", "Acme a récemment annoncé ..."): the text
    is written some days after the news, so the day it was published is not the day of the
    holding; the month is what the text grounds."""
    disclosed = reader.disclosed
    if disclosed is None or not reader.own:
        return
    recent = False
    for line, folded in zip(reader.lines, reader.folded):
        for m in _RECENTLY.finditer(folded):
            a = max([0] + [x.end() for x in re.finditer(r"[.;!?](?:\s|$)", folded[:m.start()])])
            if any(len(n) >= 3 and re.search(rf"\b{re.escape(n)}\b", folded[a:m.start()])
                   for n in reader.own):
                recent = True
    if not recent:
        return
    for p in proposals:
        if p.type == "btc_balance_disclosed" and p.period_how == "disclosed" and \
                p.period is not None and p.period.effective == disclosed:
            p.period = Mention(disclosed[:7], "month", 0, 0, 0,
                               f"published {disclosed}, news told as recent")
            p.doubts.append("the text tells the news as recent: the month it was published, "
                            "not its day")


#: A sentence opening on what the action just told brought the holdings to: "This brings
#: the company's holdings to", "Cela porte ses avoirs à", "Which took its treasury to".
_THIS_BRINGS = re.compile(r"\s*(?:this|that|which|these|cela|ceci|ce\s+qui|cet\s+achat|cette\s+"
                          r"operation)\s+(?:\w+\s+)?(?:brings|brought|raises|raised|takes|took|"
                          r"lifts|lifted|increases|increased|pushes|pushed|porte|a\s+porte|"
                          r"pousse|a\s+pousse|portent|ont\s+porte)\b")


def brought_by_the_action_before(proposals: list[Proposal], reader: Any) -> None:
    """"On June 3, Acme invested $5 million in bitcoin. This brings its holdings to 512
    BTC": a balance a sentence says "this" (the action told just before) brought the company
    to is as of that action's day, when the sentence before gives one, not of the publication
    or of another day the text names elsewhere."""
    from .reading import _sentences

    if reader.disclosed is None:
        return
    for p in proposals:
        if p.type != "btc_balance_disclosed" or p.period_how != "disclosed" or not p.figures \
                or not 0 < p.line <= len(reader.folded):
            continue
        folded = reader.folded[p.line - 1]
        spans = _sentences(folded)
        at = next((i for i, (a, b) in enumerate(spans) if a <= p.figures[0].start < b), None)
        if at is None or not _THIS_BRINGS.match(folded, spans[at][0]):
            continue
        if at > 0:
            a, b = spans[at - 1]
            found = reader.mentions[p.line - 1]
        else:
            before = p.line - 2
            while before >= 0 and not reader.folded[before].strip():
                before -= 1
            if before < 0:
                continue
            a, b = _sentences(reader.folded[before])[-1] if _sentences(
                reader.folded[before]) else (0, 0)
            found = reader.mentions[before]
        days = [m for m in found if m.kind == "date" and not m.comparison and m.effective
                and len(m.effective) == 10 and a <= m.start < b
                and m.effective <= reader.disclosed]
        if len(days) == 1:
            p.period, p.period_how = days[0], "line"


#: What an action brought the holdings to: "bringing its total holdings to", "ce qui porte ses
#: réserves à", "portant son stock total à".
_BROUGHT_TO = re.compile(
    r"\b(?:porte|portant|portent|a\s+porte|ont\s+porte|bringing|brings|brought|raising|raises|"
    r"raised|taking|takes|took|lifting|lifts|lifted|pushing|pushes|pushed|boosting|boosts|"
    r"boosted)\s+(?P<what>(?:[\w'-]+\s+){0,6}?)(?:to|a)\s*(?:approximately\s+|about\s+|"
    r"around\s+|environ\s+|~)?$")


#: The coins or purchase just told, taken up: "these latest BTC", "this purchase", "ces
#: derniers BTC", "cet achat".
_THESE_COINS = re.compile(
    r"\b(?:these|this|those|ces|cet|cette)\s+(?:latest\s+|recent\s+|new\s+|derniers?\s+|"
    r"dernieres?\s+|nouveaux\s+|nouvelles?\s+)?(?:btc|bitcoins?|coins|purchases?|"
    r"acquisitions?|achats?)\b")


def brought_to_is_a_balance(proposals: list[Proposal], reader: Any) -> None:
    """Coins written as what an action brought the company's holdings to ("..., bringing its
    total holdings to 4,855 BTC", "ce qui porte ses réserves à 58 250 BTC") are its balance, whatever verb of buying the sentence opened with; read as a
    purchase, the holding is re-read as a balance, with the period a balance takes."""
    from .reading import _sentences
    from .text import HOLDING_NOUNS_EN, HOLDING_NOUNS_FR

    holding = re.compile(rf"\b(?:{HOLDING_NOUNS_EN}|{HOLDING_NOUNS_FR}|total|position)\b")
    for p in proposals:
        if p.type != "btc_purchased" or not p.figures or p.figures[0].kind != "btc" or \
                not 0 < p.line <= len(reader.folded) or p.figures[0].line not in (0, p.line):
            continue
        folded = reader.folded[p.line - 1]
        f = p.figures[0]
        a, b = next(((a, b) for a, b in _sentences(folded) if a <= f.start < b), (0, len(folded)))
        m = _BROUGHT_TO.search(folded[max(a, f.start - 90):f.start])
        if m is None or not holding.search(m.group("what")):
            continue
        p.type = "btc_balance_disclosed"
        p.fields = {k: v for k, v in p.fields.items() if k == "btc"}
        p.figures = [f]
        p.period, p.period_how, p.missing_period = None, "", ""
        reader._period(p, p.line, folded, a, b)


def brought_by_these_coins(proposals: list[Proposal], reader: Any) -> None:
    """"These latest BTC were acquired at ..., which brings the treasury to 58,250 BTC",
    "Ces nouveaux bitcoins ..., ce qui porte ses réserves à": the holding those coins brought the
    company to is as of the end of the purchase told last before (over a range of days or on
    a day, within a few lines), not of the publication."""
    from .reading import _sentences

    for p in proposals:
        if p.type != "btc_balance_disclosed" or p.period_how != "disclosed" or not p.figures \
                or not 0 < p.line <= len(reader.folded):
            continue
        folded = reader.folded[p.line - 1]
        f = p.figures[0]
        a, _ = next(((a, b) for a, b in _sentences(folded) if a <= f.start < b), (0, 0))
        if not _THESE_COINS.search(folded, a, f.start) or \
                not _BROUGHT_TO.search(folded[max(a, f.start - 90):f.start]):
            continue
        told = [o for o in proposals if o.type == "btc_purchased" and o.period is not None
                and o.period.kind in ("range", "date") and o.period.effective
                and o.period_how in ("sentence", "line") and p.line - 6 <= o.line < p.line]
        if told:
            span = told[-1].period
            end = span.effective.split("/")[-1]
            if len(end) == 10:
                p.period = Mention(end, "date", span.line, span.start, span.end, span.text,
                                   span.comparison, True, span.year_from)
                p.period_how = "line"


#: Dollars named as a price per coin: "the average purchase price per bitcoin is $61,400",
#: "le coût moyen par bitcoin ressort à 61 400 $", "at an average of $X per coin".
_UNIT_PRICE_BEFORE = re.compile(
    r"\b(?:average|mean|unit|moyen(?:ne)?|unitaire)\b[^.;]{0,40}$|"
    r"\b(?:price|prix|cost|cout)\s+(?:\w+\s+){0,3}?(?:per|par|for\s+each|pour\s+chaque)\s+"
    r"(?:bitcoin|btc|coin|unit|unite|jeton)\b[^.;]{0,30}$")


def unit_prices_apart(proposals: list[Proposal], reader: Any) -> list[Proposal]:
    """A purchase or sale read from dollars alone that its clause names as a price per coin
    is no cost: left out, so it is not merged into the coins told on a line nearby."""
    kept = []
    for p in proposals:
        if p.type in ("btc_purchased", "btc_sold") and "btc" not in p.fields and \
                "usd" in p.fields and p.figures and p.figures[0].line in (0, p.line) and \
                0 < p.line <= len(reader.folded):
            folded = reader.folded[p.line - 1]
            f = p.figures[0]
            a = max([0] + [m.end() for m in re.finditer(r"[.;!?](?:\s|$)", folded[:f.start])])
            if _UNIT_PRICE_BEFORE.search(folded[a:f.start]) or re.match(
                    r"\s*(?:per|par|each|l'unite|a\s+l'unite)\s*(?:bitcoin|btc|coin|unite)?\b",
                    folded[f.end:]):
                continue
        kept.append(p)
    return kept


def _range_to_a_weekday_pattern() -> re.Pattern[str]:
    from .dates import _month_pattern

    month = _month_pattern()
    weekday = (r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|"
               r"mercredi|jeudi|vendredi|samedi|dimanche")
    return re.compile(
        rf"\b(?:between|from|entre\s+le|du)\s+(?:(?P<d1>[12]\d|3[01]|0?[1-9])(?:er)?\s+"
        rf"(?P<m1>{month})|(?P<m2>{month})\.?\s+(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)"
        rf"\s+(?:and|to|through|until|et|au)\s+(?:le\s+)?(?:last\s+)?(?P<wd>{weekday})"
        rf"(?:\s+dernier)?\b(?!\s+\d)")


def range_to_a_weekday(proposals: list[Proposal], reader: Any) -> None:
    """"Between August 25 and last Monday, Acme acquired 4,048 BTC", "Entre le 25 août et le
    lundi dernier": a flow over the days from the one named to the latest such weekday before
    the publication, not the publication's month."""
    from datetime import date, timedelta

    from .dates import _month_numbers
    from .periods import _WEEKDAYS
    from .reading import _sentences

    if reader.disclosed is None:
        return
    published = date.fromisoformat(reader.disclosed)
    pattern = _range_to_a_weekday_pattern()
    for p in proposals:
        if p.type not in _FLOWS or p.period_how not in ("disclosed", "context", "") or \
                not p.figures or not 0 < p.line <= len(reader.folded):
            continue
        folded = reader.folded[p.line - 1]
        a, b = next(((a, b) for a, b in _sentences(folded) if a <= p.figures[0].start < b),
                    (0, len(folded)))
        m = pattern.search(folded, a, b)
        if m is None:
            continue
        month = _month_numbers().get((m["m1"] or m["m2"]).rstrip("."))
        day = int(m["d1"] or m["d2"])
        back = (published.weekday() - _WEEKDAYS[m["wd"]]) % 7 or 7
        end = published - timedelta(days=back)
        if month is None:
            continue
        year = end.year if (month, day) <= (end.month, end.day) else end.year - 1
        try:
            start = date(year, month, day)
        except ValueError:
            continue
        if (end - start).days > 62:
            continue
        p.period = Mention(f"{start.isoformat()}/{end.isoformat()}", "range", p.line,
                           m.start(), m.end(), reader.lines[p.line - 1][m.start():m.end()])
        p.period_how = "sentence"
        p.missing_period = ""


def fiscal_quarter_ended(proposals: list[Proposal], reader: Any) -> None:
    """A flow dated by a quarter named without its year that had not ended by the
    publication ("during the third quarter" in early September: a fiscal quarter), in a text
    that names exactly one quarter as ended on a day before it ("the quarter ended June 30,
    2022", "le trimestre clos le 30 juin"): that quarter, the one the text reports on."""
    from datetime import date

    from .assemble import _months_of

    if reader.disclosed is None:
        return
    published = date.fromisoformat(reader.disclosed)
    ended = {m.effective: m for found in reader.mentions for m in found
             if m.kind == "quarter" and m.effective and not m.comparison
             and re.search(r"\b(?:ended|ending|clos|termine|close)\b", fold(m.text))
             and _months_of(m.effective)[1] < published}
    if len(ended) != 1:
        return
    quarter = next(iter(ended.values()))
    for p in proposals:
        m = p.period
        if p.type in ("btc_mined", "btc_sold", "btc_purchased") and m is not None and \
                m.kind == "quarter" and m.year_from is not None and m.effective and \
                _months_of(m.effective)[1] > published:
            p.period, p.period_how = quarter, "context"
            p.doubts.append(f'"{m.text}" had not ended when the text was published: read as '
                            f'the quarter the text says ended, "{quarter.text}"')


#: A sale of the holdings named as such: "sold its entire holdings of", "liquidated all of its
#: 1,000 BTC", "a cédé la totalité de ses 1 000 BTC", "a vendu l'ensemble de ses avoirs, soit".
_SOLD_HOLDINGS = re.compile(
    r"\b(?:sold|sells|liquidated|liquidates|disposed\s+of|offloaded|divested|a\s+vendu|a\s+cede|"
    r"a\s+liquide|s'est\s+separee?\s+de)\s+(?:(?:its|all\s+of\s+its|all\s+its|the|la\s+totalite\s+"
    r"de\s+ses|l'ensemble\s+de\s+ses|toutes?\s+ses|ses)\s+)(?:entire\s+|whole\s+|remaining\s+)?"
    r"(?:(?:bitcoin|btc)\s+)?(?:holdings?|reserves?|treasury|stash|stack|avoirs|reserves|"
    r"bitcoins)?\s*(?:of|de|d'|,\s*(?:or|soit))?\s*$")


def holdings_sold(proposals: list[Proposal], reader: Any) -> None:
    """Coins a sale verb has as its object as the holdings themselves ("liquidated its entire
    holdings of 1,000 BTC in Q2 2025 for $95 million", "a cédé la totalité de ses 1 000 BTC")
    are a sale of that many coins, not a balance; with the dollars "for" them as its usd."""
    from .reading import _sentences
    from .text import figures

    for p in proposals:
        if p.type != "btc_balance_disclosed" or not p.figures or \
                not 0 < p.line <= len(reader.folded) or p.figures[0].line not in (0, p.line):
            continue
        folded = reader.folded[p.line - 1]
        f = p.figures[0]
        a, b = next(((a, b) for a, b in _sentences(folded) if a <= f.start < b), (0, len(folded)))
        if not _SOLD_HOLDINGS.search(folded[max(a, f.start - 80):f.start]):
            continue
        p.type = "btc_sold"
        p.fields = {"btc": p.fields["btc"]} if "btc" in p.fields else {}
        p.figures = [f]
        for g in figures(reader.lines[p.line - 1], folded, reader.line_lang[p.line - 1]):
            if g.kind == "usd" and f.end <= g.start < b and re.search(
                    r"\b(?:for|pour|against|contre)\s+(?:about\s+|approximately\s+|environ\s+)?$",
                    folded[max(f.end, g.start - 25):g.start]):
                p.fields["usd"] = g.value
                p.figures.append(g)
                break
        p.period, p.period_how, p.missing_period = None, "", ""
        reader._period(p, p.line, folded, a, b)
