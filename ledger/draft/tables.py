"""The ``Reader``'s rules for stock splits and share counts, and for tables: pipe rows, one cell
per line, "Label: number" lines and rows flattened into one line."""

from __future__ import annotations

from decimal import Decimal
import re
from typing import Any

from ..values import parse_period
from .cues import _FLOWS
from .dates import _ANNOUNCED_AFTER, _ANNOUNCED_BEFORE, Mention
from .periods import mentions, _period_end
from .reading import (_ADS_RATIO, _cell_value, _effective, _FILLER_CELL, _number_word, Proposal,
                      _quote, _row_type, _sentences, _SPLIT_MORE, _TAKES_EFFECT)
from .text import Figure, figures, fold, parse_number


class _Tables:
    """Rules for splits, share counts and tables."""

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
            if other is not None and other["h"] and (not re.search(
                    r"consolidat|reverse|split|regroup", sentence) or re.search(
                    r"\brights?\b|subscri|entitle|bonus|warrant", sentence)):
                other = None  # "one new share for every ten held" in a rights issue: no split
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
                a = _number_word(other["a"] or other["c"] or other["e"] or other["g"] or
                                 other["h"] or other["k"] or other["l"] or other["n"])
                b = _number_word(other["b"] or other["d"] or other["f"] or other["i"] or
                                 other["j"] or other["m"] or "1")
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
            # "The number of shares outstanding was 245,312,880 as of May 5, 2025", "le
            # nombre d'actions en circulation s'élevait à 245 312 880 au 5 mai 2025": the
            # count written after its noun and a verb (not a weighted average, nor diluted)
            stated = re.search(
                r"(?<!weighted )(?<!average )(?<!diluted )(?<!moyen )\b"
                r"(?:(?:the\s+|its\s+)?(?:total\s+)?"
                r"number\s+of\s+(?:its\s+)?(?:(?:basic|common|ordinary|issued\s+and)\s+)*shares\s+"
                r"(?:of\s+common\s+stock\s+)?(?:issued\s+and\s+)?outstanding|(?:le\s+)?nombre\s+"
                r"(?:total\s+)?d'actions\s+(?:ordinaires\s+)?(?:emises\s+et\s+)?en\s+circulation)\b"
                r"(?P<gap>[^.;\d]{0,40}?|[^.;]{0,40}?\d{4}\s*,?\s*)(?:was|were|is|stood\s+at|"
                r"totall?ed|amounted\s+to|came\s+to|reached|of|"
                r"(?:increased|rose|grew|decreased|fell)\s+to|"
                r"est\s+passe\s+a|s'elev\w*\s+a|est\s+de|etait\s+de|"
                r"atteint|atteignait|s'etabli\w*\s+a)\s+(?P<n>\d{1,3}(?:[,.\s\u202f\u00a0]\d{3})+)"
                r"(?!\s*(?:million|billion|milliard|%))", sentence)
            if stated is not None and not re.search(r"\b(?:weighted|average|diluted|moyen\w*|"
                                                    r"dilue\w*|pro\s+forma)\b",
                                                    sentence[:stated.start("n")]):
                value = parse_number(stated["n"].strip(), lang)
                if value:
                    at = start + stated.start("n")
                    fig = Figure("shares", value, at, at + len(stated["n"]),
                                 line[at:at + len(stated["n"])], False, False)
                    p = Proposal("shares_outstanding_disclosed", number, {"shares": value},
                                 [fig], cue="outstanding")
                    self._date_capital(p, dated, fig, "a share count")
                    self.proposals.append(p)
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
        self._equity_rows(rows)
        self._results_rows(rows)
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
                p.in_publication_month(self.disclosed)
            else:
                p.missing_period = "the table gives no period for it: add effective"
            if (kind, amount, _effective(p)) in drafted:
                continue  # already drafted from a sentence saying the same
            drafted.add((kind, amount, _effective(p)))
            self.proposals.append(p)

    def _results_rows(self, rows: list[tuple[int, list[str]]]) -> None:
        """A pipe table of results, a column per period ("| (in millions) | Q1 2025 | Q1 2024
        |" then "| Revenue | $50.2 | $41.8 |", "| Net loss | $(12.3) | $(4.1) |"; "| (en
        millions de dollars) | T1 2025 | T1 2024 |"): the column of the latest period ended by
        the publication, at the scale the table states (not read without one unless the
        values are written in full), one report of its rows."""
        header: tuple[list[Mention], int, Decimal | None] | None = None
        report: Proposal | None = None
        for number, _ in rows:
            line = self.lines[number - 1]
            # (the cells as the row has them, an empty corner cell kept: "| | Q1 2025 | ...")
            cells = [c.strip() for c in line.strip().strip("|").split("|")] if "|" in line else []
            if "|" not in line or len(cells) < 2:
                header, report = (None, None) if "|" not in line else (header, report)
                continue
            spans, at = [], 0
            for c in cells:  # where each cell is on the line
                at = line.find(c, at)
                spans.append((at, at + len(c)))
                at += len(c)
            periods = [m for m in self.mentions[number - 1] if m.effective and m.kind in (
                "quarter", "year", "range") and not m.comparison]
            cols = [[m for m in periods if a <= m.start < b] for a, b in spans[1:]]
            if all(len(c) == 1 for c in cols) and not any(
                    _cell_value(c.lstrip("$").strip("() "), self.lang) for c in cells[1:]):
                around = " ".join(fold(x) for x in self.lines[max(0, number - 4):number])
                unit = re.search(r"\((?:(?:in|en)\s+)?(?:(?:us\s?)?\$\s*|usd\s+)?"
                                 r"(millions|thousands|billions|milliers|milliards)\b", around)
                scale = {"millions": Decimal(10) ** 6, "billions": Decimal(10) ** 9,
                         "milliards": Decimal(10) ** 9, "thousands": Decimal(1000),
                         "milliers": Decimal(1000)}.get(unit.group(1)) if unit else None
                if unit and re.search(r"\b(?:euros?|eur|yens?|jpy|gbp|cad|c\$|rmb|cny|hkd|"
                                      r"aud|sek|nok|chf)\b", around):
                    scale = None  # another currency: no usd
                    header = None
                    continue
                if all(c[0].kind == "year" for c in cols) and re.search(
                        r"\b(?:three|six|nine)\s+months|\bquarter|\b(?:trois|six|neuf)\s+mois|"
                        r"\btrimestre|\bsemestre|\bhalf", around):
                    header = None  # "Three Months Ended December 31," over "| 2024 | 2023 |":
                    continue       # the years name a quarter's columns, not the years'
                ends = [parse_period(c[0].effective).end for c in cols]  # type: ignore[arg-type]
                latest = max(range(len(ends)), key=lambda j: ends[j])
                if self.disclosed is not None and ends[latest].isoformat() >= self.disclosed:
                    header = None
                    continue
                header, report = ([c[0] for c in cols], latest + 1, scale), None
                continue
            if header is None or len(cells) != len(header[0]) + 1:
                continue
            label = fold(cells[0]).strip(" :*")
            # "| Revenue (in millions) | $61.4 |": the row's own scale
            own_unit = re.search(r"\s*\((?:in|en)\s+(?:(?:us\s?)?\$\s*)?(millions|thousands|billions|"
                                 r"milliers|milliards)\b[^)]*\)$", label)
            label = label[:own_unit.start()] if own_unit else label
            revenue = re.fullmatch(r"(?:total\s+)?(?:net\s+)?revenues?(?:,\s*net)?|(?:total\s+)?"
                                   r"chiffre\s+d.affaires(?:\s+total)?|revenus?(?:\s+totaux)?",
                                   label)
            income = re.fullmatch(r"net\s+(?:income|loss|earnings|profit)(?:\s*\(loss\)|\s*/\s*"
                                  r"\(loss\))?|net\s+\(loss\)\s*income|(?:resultat|benefice)\s+"
                                  r"net|perte\s+nette|resultat\s+net\s+\(perte\)", label)
            ebitda = re.fullmatch(r"adjusted\s+ebitda(?:\s*\(loss\))?|ebitda\s+ajuste", label)
            name = "revenue_usd" if revenue else "net_income_usd" if income else \
                "adjusted_ebitda_usd" if ebitda else None
            if name is None:
                continue
            periods, column, scale = header
            if own_unit:
                scale = {"millions": Decimal(10) ** 6, "billions": Decimal(10) ** 9,
                         "milliards": Decimal(10) ** 9, "thousands": Decimal(1000),
                         "milliers": Decimal(1000)}[own_unit.group(1)]
            cell = cells[column].strip()
            negative = bool(re.fullmatch(r"\$?\s*\(.*\)|[-\u2212\u2013]\s*\$?.*|\$\s*[-\u2212].*",
                                         cell))
            read = _cell_value(re.sub(r"^[-\u2212\u2013]|[$()\s]", "", cell), self.lang)
            if read is None:
                continue
            value = read[0]
            if scale is None:
                if value < 100000:
                    continue  # "$50.2" with no scale stated: millions or thousands, not known
                scale = Decimal(1)
            value *= scale
            if name == "net_income_usd" and (negative or re.match(r"(?:net\s+loss|perte)", label)
                                             and "(" not in label):
                value = -abs(value)
            fig = Figure("usd", value, 0, 0, cell, scale != 1, False, number)
            if report is None or name in report.fields:
                report = Proposal("results_reported", number, {}, [], cue="table row")
                report.period, report.period_how = periods[column - 1], "sentence"
                report.doubts.append("read from a results table: the column of "
                                     f"{_quote(periods[column - 1].text)}, check it and the scale")
                self.proposals.append(report)
            report.fields[name] = value
            report.figures.append(fig)

    def _equity_rows(self, rows: list[tuple[int, list[str]]]) -> None:
        """A pipe table of stock sold, one row per class or program ("| ATM Program | Shares
        Sold | Net Proceeds (in millions) | Available for Issuance (in millions) |" then "|
        ACME ATM | 410,200 | $52.3 | $9,120.0 |"; "| Programme | Actions vendues | Produit net
        (en millions de dollars) |"): each row an issue of its shares for its proceeds at the
        header's scale, over the row's own period or the one the table is introduced with. The
        capacity still available and the total row are no issue."""
        header: dict[str, int] | None = None
        scale = Decimal(1)
        for number, _ in rows:
            line = self.lines[number - 1]
            if "|" not in line:
                header = None
                continue
            # (an empty corner cell kept: "| | Shares Sold | Net Proceeds |")
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            folded = [fold(c) for c in cells]
            shares_at = next((k for k, c in enumerate(folded) if k and re.match(
                r"(?:number\s+of\s+)?(?:(?:common|class\s+[a-z]|preferred)\s+)?shares?\s+(?:sold|"
                r"issued)\b|(?:nombre\s+d')?actions?\s+(?:vendues|emises|cedees)\b", c)), None)
            usd_at = next((k for k, c in enumerate(folded) if k and re.match(
                r"(?:aggregate\s+|total\s+)?(?:net|gross)\s+proceeds\b|produit\s+(?:net|brut)\b",
                c)), None)
            if shares_at is not None and usd_at is not None and not any(
                    _cell_value(c.lstrip("$").strip(), self.line_lang[number - 1])
                    for c in cells[1:]):
                header = {"shares": shares_at, "usd": usd_at, "cells": len(cells),
                          "line": number}
                unit = re.search(r"\((?:in\s+|en\s+)?(millions|thousands|billions|milliers|"
                                 r"milliards)\b", folded[usd_at])
                scale = {"millions": Decimal(10) ** 6, "billions": Decimal(10) ** 9,
                         "milliards": Decimal(10) ** 9, "thousands": Decimal(1000),
                         "milliers": Decimal(1000)}.get(unit.group(1) if unit else "",
                                                       Decimal(1))
                continue
            if header is None or len(cells) != header["cells"] or not cells or \
                    re.match(r"(?:total|totaux|sous-total|subtotal)\b", folded[0]):
                continue
            lang = self.line_lang[number - 1]
            shares = _cell_value(cells[header["shares"]], lang)
            usd = _cell_value(cells[header["usd"]].lstrip("$").strip(), lang)
            if shares is None or usd is None or not shares[0] or not usd[0]:
                continue
            figs = [Figure("shares", shares[0], 0, 0, shares[1], False, False, number),
                    Figure("usd", usd[0] * scale, 0, 0, cells[header["usd"]], scale != 1,
                           False, number)]
            p = Proposal("equity_issued", number, {"shares": shares[0], "usd": usd[0] * scale},
                         figs, cue="table row")
            own = [m for m in self.mentions[number - 1] if m.effective and not m.comparison
                   and m.start < len(line) - len(line.lstrip(" |")) + len(cells[0]) + 2]
            if len(own) >= 2 and all(m.kind == "date" for m in own[:2]) and \
                    own[0].effective < own[1].effective:
                p.period = Mention(f"{own[0].effective}/{own[1].effective}", "range", number,
                                   own[0].start, own[1].end, line[own[0].start:own[1].end])
                p.period_how = "line"
            elif own:
                p.period, p.period_how = own[0], "line"
            else:
                p.fields["program"] = cells[0]
                frame = self.context_at[number - 1] if number - 1 < len(self.context_at) \
                    else None
                if frame is None or frame.kind not in ("range", "month"):
                    # "From June 2 to June 8, 2025, Acme sold shares as follows:" right above
                    # the table: the period its rows are told over
                    above = [j for j in range(max(0, header["line"] - 4), header["line"] - 1)
                             if self.lines[j].strip()]
                    if above and self.lines[above[-1]].rstrip().endswith(":"):
                        spans = [m for m in self.mentions[above[-1]] if m.kind == "range"
                                 and m.effective and not m.comparison]
                        frame = spans[0] if len(spans) == 1 else frame
                if frame is not None and frame.kind in ("range", "month") and frame.effective:
                    p.period, p.period_how = frame, "context"
                elif self.disclosed is not None:
                    p.in_publication_month(self.disclosed)
                else:
                    p.missing_period = "the table gives no period for it: add effective"
            p.doubts.append(f"read from the table row {_quote(cells[0])}: shares sold and "
                            "proceeds, check the columns")
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
