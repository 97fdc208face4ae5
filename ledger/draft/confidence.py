"""Whether a finished draft is proposed or only noticed, from general features of its
evidence, not from the words a text uses.

The rules in ``ledger.draft`` read figures and decide what each is; this module looks at
every draft they made, once it is finished, and asks how well the text grounds it, with
features any text has:

- ``period_from``: where the period came from: the figure's own sentence, its line, a
  heading or earlier line (``context``), the publication date (``disclosed``), or nowhere;
- ``contested_by``: another draft of the same type (and metric) for the same period, or
  for a period overlapping the month the publication gave this one (a day within it),
  with another main amount, whose period was found nearer its figure: one period has one
  figure of a kind, so one of the two is wrong or mis-dated, and the one dated from further
  away more often (a quarter a heading names still holds a month a sentence names);
- ``subject``: the name the figure's sentence opens with as its subject, or, when it opens
  on "it" / "the company" / "la société", the name an earlier sentence of its paragraph
  opened with; ``subject_other``: it was taken up that way and is not this company's;
- ``own_named``: the figure's sentence names this company;
- ``role``: what the word introducing the figure makes of it: where a move started
  ("from 370 BTC", "de 370 à 410 BTC"), the size of a change ("by 57 BTC", "augmenté de
  57 BTC"), or the amount itself;
- ``age_days``: how long before the publication the period ended.

``decide`` turns them into reasons not to propose (an empty list: propose). ``gate`` is
called once, where ``draft()`` finishes its drafts: a draft with reasons is moved to
``noticed`` with them, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from . import Draft, Noticed, Proposal, Reader

#: How near the figure its period was found, strongest first.
PERIOD_STRENGTH = {"sentence": 4, "line": 3, "context": 2, "disclosed": 1, "": 0}

#: The amounts that say which figure a draft is (the first the draft has).
_MAIN_AMOUNTS = ("btc", "principal_usd", "shares", "usd", "value", "revenue_usd",
                 "net_income_usd", "adjusted_ebitda_usd", "percent", "ratio", "headcount")


@dataclass
class Features:
    """What a draft's evidence looks like (see the module's docstring)."""

    period_from: str
    contested_by: str | None
    subject: str | None
    subject_other: bool
    own_named: bool
    role: str
    age_days: int | None


def period_from(group: list["Proposal"]) -> str:
    how = next((p.period_how for p in group if p.period_how in ("sentence", "line")), None) \
        or group[0].period_how
    return how if how in PERIOD_STRENGTH else ""


def _kind(record: dict[str, Any]) -> tuple[Any, ...]:
    return (record["type"], record.get("metric"))


def _main_amount(record: dict[str, Any]) -> tuple[str, Decimal] | None:
    for name in _MAIN_AMOUNTS:
        value = record.get(name)
        if value is not None:
            try:
                return name, Decimal(str(value))
            except ArithmeticError:
                return None
    return None


def _span(effective: Any) -> tuple[date, date] | None:
    from ..values import parse_period

    if not effective:
        return None
    try:
        period = parse_period(effective)
    except (ValueError, TypeError):
        return None
    return period.start, period.end


def _main_figure(group: list["Proposal"], reader: "Reader") -> tuple["Proposal", Any] | None:
    from .evidence import _main_figures

    return next(iter(_main_figures(group, reader)), None)


def _sentence(reader: "Reader", number: int, at: int) -> tuple[int, int]:
    from .noticed import _sentence_of

    return _sentence_of(reader.folded[number - 1], at)


_SPACE_OR_BULLET = re.compile(r"\s*[-\u2022*>]+\s*|\s+")
#: A person's title near a name opening a sentence ("Jane Roe, its chief executive, said",
#: "Jean Dupont, le fondateur"): the name is not a company's.
_PERSON = re.compile(r"\b(?:ceo|cfo|chief\s+\w+\s+officer|chair(?:man|woman)?|founder|"
                     r"co-founder|president|director|pdg|fondat(?:eur|rice)|cofondat\w+|"
                     r"directeur|directrice|dirigeante?|analyst|analyste)\b")
#: A short phrase of lower-case words and a comma before the subject ("La semaine
#: dernière, Rivalco", "Last week, Rivalco"; its first word may be capitalised).
_SHORT_LEAD = re.compile(r"\s*[A-Za-z\u00c0-\u00ff][a-z\u00e0-\u00ff']*(?:\s+[a-z\u00e0-\u00ff']+)"
                         r"{0,3}\s*,\s*")


def _opening(reader: "Reader", number: int, start: int, end: int) -> tuple[str | None, bool]:
    """The name a sentence opens with as its subject, and whether it opens on a word that
    only takes a subject up ("it", "the company", "la société"). A capitalised word is a
    name when the text capitalises it twice, or when it follows a lead-in ("Last week,
    Rivalco"), where a sentence's first word no longer is."""
    from .names import _LEAD_IN, _opening_name
    from .evidence import _ADVERB_OPENS, _TAKEN_UP

    line, folded = reader.lines[number - 1], reader.folded[number - 1]
    at, led = start, False
    while True:  # ("Recently, ...", "In August, ...", a bullet's dash)
        lead = _LEAD_IN.match(folded, at, end) or _ADVERB_OPENS.match(folded, at, end) \
            or _SHORT_LEAD.match(line, at, end)
        led = led or lead is not None and lead.end() > at
        lead = lead or _SPACE_OR_BULLET.match(folded, at, end)
        if lead is None or lead.end() == at:
            break
        at = lead.end()
    if _TAKEN_UP.match(folded, at, end) is not None:
        return None, True
    proper = reader.proper
    if led:  # (every capitalised word after a lead-in counts as written twice)
        proper = proper | {w.lower() for w in re.findall(r"[A-Z][\w&.-]*[\w&]", line[at:end])}
    name = _opening_name(line, folded, at, end, proper)
    if name is not None and _PERSON.search(folded, at, min(end, at + len(name) + 60)):
        return None, False  # (a person: "the company" after it is not the person)
    return name, False


def subject_of(reader: "Reader", number: int, at: int) -> tuple[str | None, bool]:
    """The subject a figure's sentence has, and whether it was taken up: the name the
    sentence opens with; or, when it opens on a word that takes a subject up ("it", "the
    company", "la société"), the name an earlier sentence of the same line (paragraph)
    opened with. A heading or a bullet on a line of its own is not taken up this way."""
    from .reading import _sentences

    start, end = _sentence(reader, number, at)
    name, taken_up = _opening(reader, number, start, end)
    if name is not None or not taken_up:
        return name, False
    for s, e in reversed([span for span in _sentences(reader.folded[number - 1])
                          if span[0] < start]):
        name, again = _opening(reader, number, s, e)
        if name is not None or not again:
            return name, True
    return None, True


def _is_own(name: str, reader: "Reader") -> bool:
    from .names import _NOT_NAMES, _same_company
    from .text import fold

    words = [w for w in (fold(x).rstrip(".,") for x in name.split()) if w not in _NOT_NAMES]
    if not words:
        return True  # (no name at all: nothing says it is another's)
    return _same_company(name, reader.own or reader.names) or any(
        w in reader.own or w == fold(reader.company or "") for w in words)


#: Words that only soften or set up a figure, skipped to find the word that introduces it.
_SOFTENERS = re.compile(r"(?:\s*(?:approximately|approx\.?|about|around|roughly|nearly|almost|"
                        r"some|circa|an?\s+additional|another|additional|the|a|an|its|their|"
                        r"environ|pres\s+de|quelque|quelques|les?|la|l'|ses|leurs?|~|us\s?\$|\$|"
                        r"usd|eur|\u20ac))+\s*$")
_BEFORE_WORD = re.compile(r"([a-z']+)\s*$")
#: A French change verb before "de": "a augmenté de", "en hausse de", "s'est accru de".
_CHANGE_FR = re.compile(r"\b(?:augment|diminu|hausse|baisse|progress|recul|accru|accroi|"
                        r"gagn|perd|chut|grimp)\w*\s+(?:[a-z']+\s+){0,4}?$")
_TO_NEXT = re.compile(r"^\s*(?:[a-z]+\s+){0,3}?(?:to|a|jusqu'a)\s+(?:approximately\s+|about\s+|"
                      r"environ\s+|(?:a|an|the|un)\s+(?:\w+\s+)?)?(?:us\s?)?\$?\s*\d")


def figure_role(reader: "Reader", number: int, f: Any, start: int, end: int) -> str:
    """What part the figure plays in its sentence, from the word that introduces it: the
    ``origin`` of a move ("down to 322 BTC from 370 BTC", "de 370 BTC à 410 BTC": "from"
    after another figure of its unit, or "from" / "de" with "to" / "à" and one right after),
    a ``delta`` ("by 57 BTC", "augmenté ses réserves de 57 BTC"), or ``plain``."""
    from .text import figures as read_figures

    folded = reader.folded[number - 1]
    head = folded[start:f.start]
    head = head[:len(head) - len(m.group(0))] if (m := _SOFTENERS.search(head)) else head
    last = _BEFORE_WORD.search(head)
    word, head = (last.group(1), head[:last.start()]) if last else ("", head)
    if word in ("from", "depuis", "de", "d'"):
        # (where a move started: another figure of the unit is in the sentence, before it
        # or right after it past "to" / "à": "fell to 455 BTC from 484 BTC", "de 484 BTC à
        # 455 BTC"; "proceeds from the $1 billion offering" is no move)
        found = [g for g in read_figures(reader.lines[number - 1], folded,
                                         reader.line_lang[number - 1])
                 if g.kind == f.kind and start <= g.start < end and g.start != f.start]
        after = _TO_NEXT.match(folded[f.end:end])
        if word in ("from", "depuis") and any(g.start < f.start for g in found) or after and \
                any(f.end < g.start <= f.end + after.end() for g in found):
            return "origin"
    if word == "by" or word in ("de", "d'") and _CHANGE_FR.search(head):
        return "delta"
    return "plain"


def features(d: "Draft", group: list["Proposal"], reader: "Reader",
             others: list[tuple["Draft", list["Proposal"]]]) -> Features:
    """The features of one finished draft, among the others of its text."""
    from .noticed import _names_in

    record = d.record
    how = period_from(group)
    # contested: same kind, a period overlapping this one, another main amount, its period
    # found nearer its figure
    contested = None
    mine, span = _main_amount(record), _span(record.get("effective"))
    since = record.get("since")
    for od, og in others:
        if od is d or _kind(od.record) != _kind(record):
            continue
        theirs = _main_amount(od.record)
        other = _span(od.record.get("effective"))
        if mine is None or theirs is None or theirs == mine or span is None or \
                other is None or od.record.get("since") != since or \
                not (span[0] <= other[1] and other[0] <= span[1]):
            continue
        if other != span and how != "disclosed":
            continue  # (a quarter a heading names holds its months: only a guess is contested)
        if PERIOD_STRENGTH[period_from(og)] > PERIOD_STRENGTH[how]:
            contested = od.record["id"]
            break
    subject, subject_other, own_named, role = None, False, False, ""
    main = _main_figure(group, reader)
    if main is not None:
        p, f = main
        start, end = _sentence(reader, p.line, f.start)
        subject, taken_up = subject_of(reader, p.line, f.start)
        # (only when the text shows which names are this company's: a text naming it only
        # in ways its ticker does not tell leaves every name possibly its own)
        subject_other = taken_up and subject is not None and bool(reader.own) and \
            not _is_own(subject, reader)
        own_named = _names_in(reader, p.line, f.start)[0]
        role = figure_role(reader, p.line, f, start, end)
    age = None
    if reader.disclosed and span is not None:
        age = (date.fromisoformat(reader.disclosed) - span[1]).days
    return Features(how, contested, subject, subject_other, own_named, role, age)


#: Flows: what a company did over a period (a balance, a yield or terms are as of a day).
FLOWS = ("btc_mined", "btc_purchased", "btc_sold", "btc_change_disclosed", "equity_issued",
         "notes_issued", "shares_repurchased", "results_reported", "stake_acquired",
         "stake_disposed", "business_acquired")
#: Records whose amount is an amount, not a change: a figure written as the size of a change
#: ("by 57 BTC") is not theirs, nor, for coins and results, where a move started ("from
#: 370 BTC"; an offering's dollars follow "from" without any move: "proceeds from the $1
#: billion offering").
AMOUNTS_NOT_CHANGES = ("btc_balance_disclosed", "btc_mined", "btc_purchased", "btc_sold",
                       "equity_issued", "notes_issued", "results_reported")
#: Records whose figure can be where a move started.
MOVES = ("btc_balance_disclosed", "btc_mined", "btc_purchased", "btc_sold", "results_reported")
#: A whole year's flow is told in the annual report, published within about four months of
#: the year's end; a text published more than half a year after it recalls the year.
STALE_DAYS = 183


def _whole_year(effective: Any) -> bool:
    span = _span(effective)
    return span is not None and (span[0].month, span[0].day, span[1].month, span[1].day) == \
        (1, 1, 12, 31) and span[0].year == span[1].year


def decide(record: dict[str, Any], f: Features) -> list[str]:
    """Why the evidence is too weak to propose the draft (empty: propose it). Each rule is
    one feature, read the same way in any text:

    1. ``contested_by``: another draft gives the same or an overlapping period another
       figure of the same kind, with its period found nearer its figure;
    2. ``subject_other`` without ``own_named``: the sentence opens on "it" / "the company"
       taking up another name from its paragraph, and does not name this company;
    3. ``role``: the figure is where a move started ("from") or the size of a change ("by"),
       not the amount itself (a change is a draft of its own type);
    4. ``age_days``: a whole year's flow whose year ended more than ``STALE_DAYS`` before
       the publication.
    """
    why: list[str] = []
    if f.contested_by is not None:
        why.append(f"the same or an overlapping period has another figure of this kind, "
                   f"with its period stated nearer it ({f.contested_by})")
    if f.subject_other and not f.own_named:
        why.append(f"its sentence's subject takes up {f.subject}, named before it in the "
                   "paragraph, and the sentence does not name this company")
    if f.role == "origin" and record["type"] in MOVES or \
            f.role == "delta" and record["type"] in AMOUNTS_NOT_CHANGES:
        why.append("the figure is " + ("where a move started ('from')" if f.role == "origin"
                                       else "the size of a change ('by')")
                   + ", not the amount itself")
    if record["type"] in FLOWS and f.age_days is not None and f.age_days > STALE_DAYS and \
            _whole_year(record.get("effective")):
        why.append(f"a whole year's flow, the year ended {f.age_days} days before the "
                   "publication (after any annual report)")
    return why


def gate(drafts: list[tuple["Draft", list["Proposal"]]], reader: "Reader",
         noticed: list["Noticed"] | None) -> list["Draft"]:
    """The drafts proposed; the others go to ``noticed`` with the features that failed."""
    from .noticed import _noticed

    kept = []
    for d, group in drafts:
        why = decide(d.record, features(d, group, reader, drafts))
        if why:
            if noticed is not None:
                noticed.append(_noticed(d, group, "weak evidence: " + "; ".join(why)))
            continue
        kept.append(d)
    return kept
