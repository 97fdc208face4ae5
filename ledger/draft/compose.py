"""``draft``: a document's drafts, with weeks, a figure told twice and a flow told again as a
part of a total removed (``_same_twice``, ``_told_again``)."""

from __future__ import annotations

from datetime import date, timedelta
import re
from typing import Any

from .assemble import _draft, _merge, _months_of, REVIEW, _ungrounded, _unwrapped
from .dates import Mention
from .noticed import _A_WEEK, Noticed, _noticed, _said_before, _unsure
from .reader import Reader
from .reading import Draft, Proposal, _quote
from .text import detect_language, LANGS


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
    When ``disclosed`` is not given, a publication date the document's top states (a date line
    under its title, a press release's dateline) is used as it would be, each draft's review
    saying where it was read from (``published.py``).
    ``noticed``, when given, receives what was read and not proposed, with why."""
    lines = text.splitlines()
    read = None
    if disclosed is None:
        from .published import publication_date

        if (read := publication_date(lines)) is not None:
            disclosed = read.day
    language = lang or detect_language(text)
    if language not in LANGS:
        raise ValueError(f'language "{language}": use one of {", ".join(LANGS)}')
    unwrapped, seams = _unwrapped(lines)
    reader = Reader(unwrapped, language, disclosed, company)
    proposals = _weeks(reader.read(), reader)
    from .dating import (brought_by_the_action_before, brought_by_these_coins,
                         brought_to_is_a_balance, fiscal_quarter_ended, holdings_sold,
                         range_to_a_weekday, told_as_recent, unit_prices_apart)

    proposals = unit_prices_apart(proposals, reader)
    fiscal_quarter_ended(proposals, reader)
    range_to_a_weekday(proposals, reader)
    brought_to_is_a_balance(proposals, reader)
    holdings_sold(proposals, reader)
    brought_by_these_coins(proposals, reader)
    brought_by_the_action_before(proposals, reader)
    told_as_recent(proposals, reader)
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
    pairs = [(d, g) for d, g in drafts if id(d) in kept]
    kept = {id(d) for d in part_of_a_total(pairs, reader, noticed)}
    from .confidence import gate  # (proposed or only noticed, from the evidence's features)
    pairs = [(d, g) for d, g in pairs if id(d) in kept]
    drafts = _overlapping(gate(pairs, reader, noticed))
    if disclosed is not None:
        for d in drafts:
            keys = list(d.record)
            at = keys.index("effective") + 1 if "effective" in keys else 3
            d.record = dict([*d.record.items()][:at] + [("disclosed", disclosed)]
                            + [*d.record.items()][at:])
            if read is not None:
                _publication_read(d, read)
    return drafts


def _counted_types() -> frozenset[str]:
    """The types whose figures add up over time (bitcoin flows, changes to the share count):
    two of them over overlapping periods count the overlap twice."""
    from ledger import kinds

    return frozenset(t for t, k in kinds.KINDS.items()
                     if k.category == "flow" or k.share_effect)


def _overlapping(drafts: list[Draft]) -> list[Draft]:
    """Two drafts of one type whose periods overlap both count the overlap once imported: a
    month's production and the quarter to date that contains it (683 and 1,370 BTC) import
    as 2,053. Each such draft says so in its review, naming the other; both stay proposed
    (either may be the reading to keep: the month, or the longer period when the months
    before it are not recorded apart), and the reviewer keeps one. Two drafts of one period
    are not remarked on: two purchases in one month are two actions."""
    from ledger.values import parse_period

    counted = _counted_types()
    spans = {}
    for d in drafts:
        if d.record.get("type") in counted and d.record.get("effective"):
            try:
                spans[id(d)] = parse_period(d.record["effective"])
            except ValueError:
                continue
    for d in drafts:
        span = spans.get(id(d))
        if span is None:
            continue
        for e in drafts:
            if e is d or id(e) not in spans or e.record["type"] != d.record["type"]:
                continue
            other = spans[id(e)]
            if other != span and other.start <= span.end and span.start <= other.end:
                how = ("contains" if span.start <= other.start and other.end <= span.end
                       else "is inside" if other.start <= span.start and span.end <= other.end
                       else "overlaps")
                doubt = (f"overlaps draft {e.record['id']} ({e.record['type']} "
                         f"{e.record['effective']}, which this period {how}): importing both "
                         "counts the overlap twice; keep one")
                d.record[REVIEW] = [*d.record.get(REVIEW, []), doubt]
                _doubt_in_note(d, doubt)
    return drafts


def _doubt_in_note(d: Draft, doubt: str) -> None:
    """Add a doubt to the draft's note (its "Uncertain: ..." part, ``assemble``)."""
    note = d.record.get("note")
    if not isinstance(note, str) or " Uncertain: " not in note:
        return
    head, doubts = note.split(" Uncertain: ", 1)
    doubts = doubts.removesuffix(".")
    doubts = doubt if doubts == "nothing noted; check against the text" else \
        f"{doubts}; {doubt}"
    d.record["note"] = f"{head} Uncertain: {doubts}."


def _publication_read(d: Draft, read: Any) -> None:
    """Say in a draft's review that its publication date was read from the text, not given."""
    given = "the publication date given (--disclosed)"
    review = [line.replace(given, f"the publication date {read.said()}").replace(
        f'"published {read.day}" (not in the text)',
        f'"{read.text}" (line {read.line}, the publication date)')
        for line in d.record.get(REVIEW, [])]
    review.append(f"disclosed {read.day}: the publication date {read.said()}, not given "
                  "with --disclosed: check it")
    d.record[REVIEW] = review
