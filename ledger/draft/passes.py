"""The ``Reader``'s passes over the whole document once its lines are read: rounded
restatements, costs, proceeds and periods said apart from their figure, balances after a
flow, parts of a total, foreign dollars, BTC Yield dated by the balance."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import combinations
import re

from .. import kinds
from ..values import canonical
from .cues import _AS_OF, BTC_ACTIONS, _FLOWS
from .dates import (_ANNOUNCED_AFTER, _ANNOUNCED_BEFORE, _last_day, Mention, _month_numbers,
                    _month_of)
from .names import _CAPITALISED
from .periods import _ANNOUNCED_WEEKDAY, _period_end, _WEEKDAYS
from .reading import (_AGREEMENT_DAY, _cell_value, _COST_VERB, _effective, _FUNDED_PURCHASE,
                      _HELD_LEAD, _is_heading, _OFFERING_CLOSED, Proposal, _quote, _REPORT_FOR,
                      _row_type, _SALE_PROCEEDS, _SAME_PERIOD, _sentence_at, _sentences,
                      _TAKES_EFFECT, _THE_SAME, _THIS_ACTION)
from .text import Figure, figures, fold, parse_number


class _Passes:
    """Rules run over all of a document's proposals after its lines are read."""

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
                    p.in_publication_month(self.disclosed)
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
                        p.in_publication_month(self.disclosed)
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
            here = _sentence_at(folded, q.figures[0].start)
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
            here = _sentence_at(folded, q.figures[0].start)
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
            here = _sentence_at(folded, q.period.start)
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
                here = _sentence_at(folded, q.figures[0].start)
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
