"""What a write takes below zero: the ``below_zero`` of every write's report.

Nothing is refused for a figure below zero (disclosures arrive late and out of order;
``reconcile`` lists every one), but an amount typed wrong is best caught where it is typed.
So each write (``Ledger.store_chunks``: append, import, correct, retract, import-xbrl, the
API's writes, dry runs alike) reports each figure of its companies' holdings that it takes
below zero: a known figure (rolled forward from a disclosed balance; a sum of flows alone
below zero is not known, and says why in holdings) that is below zero after the write, on
a day it was not below zero before, or less so. Each run of such days is named once, by its
first day (a sale typed ten times too large goes on lowering the total until the next
disclosed balance), and the unencumbered figure not beside a total named the same day.

It is computed from what the write has in hand: its own records (``Watch.add``, as the
store inserts them) and the read model's rows of the companies they could take below zero,
read once, as they were before the write (``holdings.entries`` at the write's starting
position): the same journal, rules and walk as ``holdings`` and ``reconcile``
(``holdings.negatives``). A write of only purchases and mined coins (or no bitcoin record)
reads nothing. A write of more than ``LIMIT`` records is not checked (``None``: run
``caledger reconcile``), so a large import keeps its speed and memory.
"""

from __future__ import annotations

from typing import Any

from . import kinds

#: A write of more records than this is not checked (its report's ``below_zero`` is None).
LIMIT = 10_000

#: A flow's BTC effect (total, loaned, pledged) that lowers no figure: mined, purchased.
_RAISES_ONLY = (1, 0, 0)
_WORDS = {"total": "holdings", "unencumbered": "unencumbered bitcoin",
          "loaned": "loaned bitcoin", "pledged": "pledged bitcoin"}
_ORDER = ("total", "loaned", "pledged", "unencumbered")
#: At most this many are named on stderr (``notes``); the JSON lists them all.
SHOWN = 12


def _lowers(record_type: str) -> bool:
    """A record of this type may take a figure below zero: a disclosed balance (a later
    sale then counts from it), or a flow that lowers a figure."""
    category = kinds.category(record_type)
    return category == "anchor" or (
        category == "flow" and kinds.BTC_EFFECT.get(record_type) != _RAISES_ONLY)


class Watch:
    """The records one write stores, as it stores them (``add``), kept for ``report``."""

    __slots__ = ("records", "check", "over", "shares")

    def __init__(self) -> None:
        #: The write's records that may move a share count (share records, and every
        #: amendment), as ``records`` holds them: for ``_shares``.
        self.shares: list[tuple[str, str, str, int, Any]] = []
        #: (company, kind, record id or target, position, the record (``Pending``) or None:
        #: no flow or disclosed balance), in store order; its content is read in ``report``.
        self.records: list[tuple[str, str, str, int, Any]] = []
        #: The companies a record of the write may take below zero.
        self.check: set[str] = set()
        self.over = False

    def add(self, added: list[tuple[Any, int]], positions: Any,
            companies: dict[str, str | None]) -> None:
        """A chunk's records (``Pending``, index of its position in ``positions``);
        ``companies``: each amendment's company, by id."""
        if self.over:
            return
        if len(self.records) + len(added) > LIMIT:
            self.over = True
            self.records, self.check, self.shares = [], set(), []
            return
        for p, i in added:
            position = positions[i]
            if p.kind != "record" or p.record_type in kinds.SHARE_TYPES:
                self.shares.append((companies.get(p.record_id) or p.company or ""
                                    if p.kind != "record" else p.company or "",
                                    p.kind, p.record_id if p.kind == "record" else p.target,
                                    position, p))
            if p.kind == "record":
                company = p.company or ""
                bitcoin = kinds.category(p.record_type) in ("flow", "anchor")
                self.records.append((company, "record", p.record_id, position,
                                     p if bitcoin else None))
                if bitcoin and _lowers(p.record_type):
                    self.check.add(company)
                continue
            company = companies.get(p.record_id) or p.company or ""
            self.records.append((company, p.kind, p.target, position,
                                 p if p.kind == "correction" else None))
            self.check.add(company)  # an amendment may lower anything it touches

    def report(self, readmodel: Any, head: int) -> list[dict[str, Any]] | None:
        """Each figure the write takes below zero (``below_zero``): company, day, figure
        (``btc.total``, ...) and its amount after the write; None: not checked."""
        if self.over:
            return None
        if not self.check and not self.shares:
            return []
        found: list[dict[str, Any]] = []
        with readmodel.reading() as cur:
            for company in sorted(self.check):
                found.extend(self._company(cur, company, head))
            for company in sorted({r[0] for r in self.shares}):
                found.extend(self._shares(cur, company, head))
        return found

    def _shares(self, cur: Any, company: str, head: int) -> list[dict[str, Any]]:
        """The days a share count, rolled forward from a disclosed one, goes below zero
        after the write and did not before (``shares.negatives`` of the company's share
        records at ``head`` and with the write's applied): ``{"company", "day", "figure":
        "shares.basic", "shares"}``, the first day of each such run."""
        from projections import shares
        from projections.versions import Row, visible_rows

        from .values import canonical, parse_period

        before = visible_rows(cur, company, head, types=kinds.SHARE_TYPES) if head else []
        current = {r.record_id: r for r in before}
        for _, kind, record_id, position, pending in (r for r in self.shares
                                                      if r[0] == company):
            content = pending.content
            if kind == "correction":
                content = content["event"]
            if kind == "retraction" or content.get("type") not in kinds.SHARE_TYPES:
                current.pop(record_id, None)
                continue
            was = current.get(record_id)
            period = parse_period(content["effective"])
            current[record_id] = Row(position, record_id,
                                     was.first_position if was is not None else position,
                                     content["type"], content["effective"],
                                     period.start.isoformat(), period.end.isoformat(), content)
        after = sorted(current.values(), key=lambda r: (r.end, r.first_position))

        # The days a record ends, before or after the write: each looked at in both.
        days = sorted({r.end for r in after} | {r.end for r in before})

        def below(rows: list[Any]) -> dict[str, Any]:
            from decimal import Decimal

            return {n["date"]: Decimal(n["value"]) for n in shares.negatives(rows, True, days)
                    if n["problem"] == "shares rolled forward below zero"}

        was, now = below(before), below(after)
        # Each day below zero after the write, and not before or less so; each run of such
        # days named by its first (as the bitcoin figures are, ``_taken_below``).
        out, previous = [], False
        for day in days:
            worse = day in now and now[day] < was.get(day, 0)
            if worse and not previous:
                out.append({"company": company, "day": day, "figure": "shares.basic",
                            "shares": canonical(now[day])})
            previous = worse
        return out

    def _company(self, cur: Any, company: str, head: int) -> list[dict[str, Any]]:
        """``report`` for one company: its journal read from the first day the write can
        change (``_window``), the write's records applied to it, both walked."""
        from projections import holdings
        from projections.holdings import Entry
        from projections.rows import version_row

        mine = [r for r in self.records if r[0] == company]
        # The versions the write adds (by record id, in store order; None: it removes the
        # record's current version), and the current versions it replaces, as stored.
        amended = [r[2] for r in mine if r[1] != "record"]
        stored = _current_versions(cur, amended, head) if head and amended else {}
        ours: dict[str, int] = {}  # originals of this write: their positions
        added: dict[str, Any] = {}
        for _, kind, record_id, position, pending in mine:
            content = None if pending is None else pending.content
            if kind == "correction":
                content = content["event"]
                if kinds.category(content["type"]) not in ("flow", "anchor"):
                    content = None
            if kind == "record":
                ours[record_id] = position
                first = position
            elif kind == "retraction" or content is None:
                added[record_id] = None
                continue
            else:
                was = added.get(record_id) or stored.get(record_id)
                first = was.first_position if was is not None else \
                    ours.get(record_id) or _first_position(cur, record_id, head)
            if content is None:
                continue
            row = version_row(position, first, None, record_id, content)
            added[record_id] = Entry(row[0], row[1], row[2], row[5], row[7], row[8], row[9],
                                     {"d_total": row[10], "d_loaned": row[11],
                                      "d_pledged": row[12], "a_total": row[13],
                                      "a_loaned": row[14], "a_pledged": row[15]}, None)
        ends = [e.end for e in (*added.values(), *stored.values()) if e is not None]
        if not ends:
            return []
        first_day = min(ends)
        since = _window(cur, company, first_day, head) if head else None
        before = holdings.entries(cur, company, None, head, since=since) if head else []
        current = {e.record_id: e for e in before}
        for record_id, entry in added.items():
            current.pop(record_id, None)
            if entry is not None:
                current[record_id] = entry
        after = sorted(current.values(), key=lambda e: (e.end, e.first_position))
        return _taken_below(company, before, after, head, first_day)


def _current_versions(cur: Any, record_ids: list[str], head: int) -> dict[str, Any]:
    """The version of each of ``record_ids`` visible at ``head`` that is a flow or a
    disclosed balance (the one an amendment replaces), by record id."""
    from projections.holdings import _COLUMNS_NO_CONTENT, _VISIBLE, Entry

    found = {}
    for record_id in dict.fromkeys(record_ids):
        for row in cur.execute(
                f"SELECT {_COLUMNS_NO_CONTENT} FROM rm_versions v WHERE v.record_id = :r "
                f"AND v.category IN ('flow', 'anchor') AND {_VISIBLE}",
                {"r": record_id, "p": head}):
            found[record_id] = Entry.from_row(row)
    return found


def _first_position(cur: Any, record_id: str, head: int) -> int:
    """Where an original record stored before the write is (its corrections keep it)."""
    row = cur.execute("SELECT position FROM rm_log WHERE record_id = ? AND position <= ?",
                      (record_id, head)).fetchone()
    return row[0] if row else 0


def _window(cur: Any, company: str, first_day: str, head: int) -> str:
    """The first period end to read the company's journal from, for figures from
    ``first_day`` on: each bucket's latest disclosed balance before that day (a figure
    below zero and known rests on one: its bucket starts there again), the earliest of
    them; ``first_day`` when there is none. (A bucket without one before that day is not
    known below zero until one of the window's: from then on its figure is exact.)"""
    from projections.holdings import _VISIBLE

    row = cur.execute(
        "SELECT MAX(CASE WHEN v.a_total IS NOT NULL THEN v.eff_end END), "
        "MAX(CASE WHEN v.a_loaned IS NOT NULL THEN v.eff_end END), "
        "MAX(CASE WHEN v.a_pledged IS NOT NULL THEN v.eff_end END) FROM rm_versions v "
        f"WHERE v.company = :c AND v.category = 'anchor' AND v.eff_end < :d AND {_VISIBLE}",
        {"c": company, "d": first_day, "p": head}).fetchone()
    starts = [day for day in (row or ()) if day is not None]
    return min(starts) if starts else first_day


def _taken_below(company: str, before: list[Any], after: list[Any], position: int,
                 first_day: str) -> list[dict[str, Any]]:
    """The figures below zero in ``after`` on a day they were not in ``before``, or less
    so: the first day of each run of such days, each figure once (``_ORDER``)."""
    from projections.holdings import negatives
    from ledger.values import canonical, from_sats

    # Nothing changes before the first day a version the write adds, replaces or retracts
    # ends (``first_day``): only the days from then on are looked at.
    days = sorted(d for d in {e.end for e in after} | {e.end for e in before}
                  if d >= first_day)
    was = {(day, name): sats for day, name, sats, status in
           negatives(before, company, position, days) if status.known}
    worse: dict[str, set[str]] = {}
    amounts: dict[tuple[str, str], int] = {}
    for day, name, sats, status in negatives(after, company, position, days):
        if status.known and sats < was.get((day, name), 0):
            worse.setdefault(name, set()).add(day)
            amounts[(day, name)] = sats
    out = []
    for name in _ORDER:
        previous = False
        for day in days:
            now = day in worse.get(name, ())
            if now and not previous and not (
                    name == "unencumbered" and day in worse.get("total", ())):
                out.append({"company": company, "day": day, "figure": f"btc.{name}",
                            "btc": canonical(from_sats(amounts[(day, name)]))})
            previous = now
    return sorted(out, key=lambda f: (f["day"], _ORDER.index(f["figure"][4:])))


def notes(found: list[dict[str, Any]] | None, what: str, dry_run: bool = False
          ) -> list[str]:
    """The lines a write prints on stderr for ``found`` (``below_zero``): ``what`` is the
    write ("this sale", "this import")."""
    if not found:
        return []
    from decimal import Decimal

    verb = "would take" if dry_run else "takes"
    check = "the amounts" if len(found) > 1 else "the amount"
    lines = [f"note: {what} {verb} {f['company']}'s share count below zero on {f['day']} "
             f"({Decimal(f['shares']):,f} shares): check {check}"
             if f["figure"].startswith("shares.") else
             f"note: {what} {verb} {f['company']}'s {_WORDS[f['figure'][4:]]} below zero on "
             f"{f['day']} ({Decimal(f['btc']):,f} BTC): check {check}"
             for f in found[:SHOWN]]
    if len(found) > SHOWN:
        lines.append(f"note: ... and {len(found) - SHOWN} more figures below zero "
                     "(--json lists them all; caledger reconcile explains each)")
    return lines


def noun(record_type: str) -> str:
    """What a note calls a record of this type ("this sale")."""
    return {"btc_sold": "sale", "btc_loaned": "loan", "btc_pledged": "pledge",
            "btc_loan_returned": "loan return", "btc_pledge_released": "pledge release",
            "btc_balance_disclosed": "balance", "correction": "correction",
            "shares_repurchased": "repurchase",
            "retraction": "retraction"}.get(record_type, "record")
