"""What is read but not proposed: ``Noticed``, whether a draft's figure is another company's
or another time's, and ``_unsure`` (why a draft cannot be tied with confidence to this
company, one stated period and one type)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
import re
from typing import Any

from .assemble import _months_of, REVIEW
from .cues import _FLOWS, _OBJECT_OF
from .dates import _month_numbers
from .evidence import _main_figures
from .names import (_BTC_TYPES, _CAPITALISED, _DESCRIPTOR, _LEAD_IN, _METRIC_WORDS, _NOT_COMPANIES,
                    _NOT_NAMES, _same_company)
from .reading import Draft, Proposal, _quote, _sentence_at, _sentences
from .text import figures, fold, LANGS


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
    return _sentence_at(folded, at) or (0, len(folded))


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
_NOTE_TERMS = ("principal_usd", "principal", "coupon_percent", "maturity", "conversion_rate",
               "conversion_price_usd")


def _year_a_report_covers(group: list[Proposal], reader: Reader) -> bool:
    """Whether the year a flow took from an earlier line is one the text names as what a
    report covers ("In an earnings release for 2023, Acme disclosed ...", "ses résultats
    annuels de 2023"): the frame of the text, not a year named in passing."""
    years = {p.period.effective for p in group if p.period is not None and p.period.kind == "year"}
    for i, found in enumerate(reader.mentions):
        for m in found:
            if m.kind != "year" or m.effective not in years or m.comparison:
                continue
            lead = reader.folded[i][max(0, m.start - 50):m.start]
            if re.search(r"\b(?:earnings|results|report|release|filing|statements|rapport|"
                         r"resultats|communique|comptes)\s+(?:\w+\s+){0,2}?(?:for|of|pour|de|"
                         r"du)\s+(?:the\s+|l'|l'exercice\s+|fiscal\s+(?:year\s+)?)?$", lead):
                return True
    return False


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
    from .evidence import (added_not_held, bare_dollars, compared, exceeded, told_from_another,
                           yet_to_close, agreed_not_done, conditional, customers_coins,
                           described_other, difference, exceeds_total, history, metric_named,
                           not_asserted, one_site, parts_named, peak, ratio, taken_up_other,
                           unended_quarter, unrestricted_part)

    for gate in (not_asserted, described_other, history, compared, parts_named, ratio, peak,
                 conditional, one_site, taken_up_other, difference, customers_coins,
                 exceeds_total, unrestricted_part, bare_dollars, unended_quarter,
                 added_not_held, exceeded, told_from_another, yet_to_close, agreed_not_done,
                 metric_named):
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
                                        and reader.report.effective == record["effective"]) \
            and not _year_a_report_covers(group, reader):
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
    # When: a holding or a KPI is as of one day, and a day the text does not write, taken as
    # the end of a period that ends after the publication ("From December 2024 to January
    # 2025, ... a BTC Yield of 93.7%" in a text of January 6, read as of January 31), is none
    # the text could report. (A day the text writes stays: a publication date may be
    # approximate.)
    effective = str(record.get("effective", ""))
    if kind in ("kpi_disclosed", "btc_balance_disclosed") and reader.disclosed is not None \
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", effective) and effective > reader.disclosed \
            and not any(p.period is not None and re.search(
                rf"(?<!\d)0?{int(effective[8:10])}(?!\d)", p.period.text) for p in group):
        return f"as of {effective}, the end of a period that ends after the text was " \
               f"published ({reader.disclosed})"
    # What: coins written as a part of something ("kept 300 BTC of its September production",
    # "1 200 BTC de sa production") are no balance.
    if kind == "btc_balance_disclosed" and _said_after(group, reader, _PART_OF):
        return "coins written as a part of a production or a holding, not a balance"
    # When: results are reported for a quarter, a half or a year; a month given them by a
    # heading or the publication ("Mining News in March" over a paragraph on a miner's fourth
    # quarter) is the digest's, not theirs.
    if kind == "results_reported" and how in ("context", "disclosed") and \
            re.fullmatch(r"\d{4}-\d{2}", str(record.get("effective", ""))):
        return "results dated by a month a heading or the publication gives, not a period " \
               "results are reported for"
    # What: a results report gives more than one of revenue, net income and adjusted EBITDA
    # for its period; a lone figure is a segment, a comparison or an estimate more often.
    if kind == "results_reported" and sum(
            record.get(k) is not None for k in _RESULTS_FIELDS) < 2:
        return "a lone results figure (a report gives more than one of revenue, net " \
               "income and adjusted EBITDA)"
    # An issue of stock is told with the number of shares sold; a raise without it is a
    # program's size, a running total or the capacity left, and one with its dollars dated
    # by nothing but the publication a running total more often. Shares sold with no
    # proceeds stated are an issue of their own (the record takes shares alone), dated by
    # the publication when the text names no other time (what was sold to fund the news).
    if kind == "equity_issued" and (record.get("shares") is None or how == "disclosed" and (
            record.get("usd") is not None or record.get("amount") is not None)):
        return "a raise without its share count, or with its dollars dated only by the " \
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
    # A record of notes needs its principal as stated: in dollars, or with the currency the
    # text names ("40 millions de couronnes" names Swedish, Danish or Norwegian ones alike).
    if kind == "notes_issued" and record.get("principal_usd") is None and \
            record.get("principal") is None:
        return "notes whose principal is in a currency the text does not name"
    return None


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
                       for x in reader.mentions[p.line - 1]) or (
                        re.search(r"\b(?:from|than|versus|vs\.?|compared\s+(?:to|with)|contre|"
                                  r"par\s+rapport\s+a(?:ux?)?|qu'en|que\s+en)\s+(?:the\s+|le\s+|"
                                  r"la\s+)?(?:month\s+of\s+|mois\s+d')?$",
                                  folded[max(0, m.start() - 30):m.start()])
                        and not re.match(r"\s+(?:to|through|until|au|a|jusqu)\b",
                                         folded[m.end():])):
                    continue  # "up 9% from April's 318 BTC", "up 5% from April": a
                    # comparison's period
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
