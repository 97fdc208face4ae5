"""Drafts from proposals: merging the proposals about one action, one import-format record
per group with its note and review items, and lines a phrase was broken across."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
import re
from typing import Any

from .. import kinds
from ..values import canonical, parse_period
from .dates import Mention, _month_pattern
from .reading import Draft, _effective, Proposal, _quote
from .text import figures, fold


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
    if kind == "notes_issued" and approximate and (record.get("principal_usd") is not None
                                                   or record.get("principal") is not None) \
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


def _months_of(effective: str) -> tuple[date, date] | None:
    try:
        period = parse_period(effective)
    except ValueError:
        return None
    return period.start, period.end
