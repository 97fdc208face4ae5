"""Shares outstanding, dilution and per-share treasury figures, computed and explained by one
code path.

Every figure is a ``capital.Trail`` (its value and the steps that produced it): ``shares`` and
``kpi`` print the values, ``explain`` prints the steps of the same trails. The figures come
from the read model's ``rm_versions`` rows and the records' content in ``rm_log``, as capital
does, so the share types need no column and no migration.

Rules, for as-of day D and store position P (records visible at P, latest correction known at
P, retracted ones left out), mirroring holdings:

* **basic shares** start from the latest ``shares_outstanding_disclosed`` dated on or before D
  (two on one date: the record first stored later) — or from zero, "no disclosed share
  count" — and roll forward over the records whose period ends after the anchor's date and on
  or before D: ``equity_issued.shares`` (+), ``notes_retired.shares`` on conversion (+),
  ``shares_repurchased.shares`` (−). A record that starts on or before the anchor's date and
  ends after it is counted and flagged (part of it may already be in the anchor). Records whose
  period contains D but has not ended are in progress: listed, not counted. An
  ``equity_issued`` without a share count can't be counted and is listed.
* **splits**: a ``stock_split`` dated after the anchor and on or before D multiplies the
  running count on its date. A split takes effect at the start of its date: a share count
  disclosed on the split date is already on the new basis (so the split does not apply to
  it), and share records ending on or after the split date are taken to state post-split
  shares. Fractions that a reverse split leaves are kept exactly (no cash-in-lieu rounding).
  ``split_factor_to_as_of`` is the product of the ratios applied after the anchor.
* **convertible notes as-converted**: per ``notes_issued`` issue ended by D that is convertible
  with terms, outstanding principal (principal less the ``notes_retired`` records ended by D
  naming it by ``notes_id``) ÷ 1,000 × ``conversion_rate``, or ÷ ``conversion_price_usd`` when
  only a price is given; multiplied by every split dated after the issue's period ended and on
  or before D (the terms are taken as of issuance). Convertible issues without terms are
  listed; while any of them has principal outstanding (its principal less the retirements
  naming it), notes as-converted is not known (the reason names them), and so neither is
  assumed diluted nor any figure computed from it. A conversion that states no ``shares``
  reduces the notes but adds nothing to basic shares (how it settled is not known).
* **other dilutive**: the latest ``dilutive_securities_disclosed`` dated on or before D
  (options + restricted units + warrants + preferred as converted), multiplied by the splits
  dated after it and on or before D; not known when none is disclosed (a company that states
  it has none is recorded with 0s), and so neither is assumed diluted nor any figure computed
  from it; figures on basic shares stay known.
* **assumed diluted** = basic + notes as-converted + other dilutive; not known when any of
  them is not known.

Per-share figures (``kpi``): ``btc_per_share`` = holdings ``btc.total`` ÷ assumed diluted
shares (``basic_btc_per_share`` on basic shares), ``sats_per_share`` = that × 10^8. Over
[D0, D1]: ``btc_yield`` = (btc₁ / adso₁) ÷ (btc₀ / (adso₀ × f)) − 1, where f is the product of
the splits dated after D0 and on or before D1 (both counts on D1's split basis), and
``btc_gain`` = btc₀ × ``btc_yield``. The ``since`` per-share figures are on D0's own basis.
A figure that would divide by zero is ``null`` and ``undefined`` says why.

Arithmetic is ``Decimal`` in a context of ``PRECISION`` significant digits (never floats);
divisions round there, half even, and JSON carries every digit.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from typing import Any

from ledger import kinds
from ledger.precision import SATOSHI
from ledger.values import SATS_PER_BTC, canonical

from . import holdings
from .capital import Figures, Trail
from .versions import Row, visible_rows
from .figures import (  # noqa: F401 - PRECISION and exact, as shares.PRECISION / shares.exact
    DERIVED, DISCLOSED, FLOWS_ONLY, NOT_KNOWN, PRECISION, Defaults, Status, carried_flags, exact,
    flag_note)

_SATS = Decimal(SATS_PER_BTC)
_DILUTIVE_FIELDS = kinds.FIELDS[kinds.DILUTIVE_ANCHOR]
_END_OF_TIME = "9999-12-31"
#: The share count's figures, as ``shares --json`` names them (``shares.NAME`` in explain).
SHARE_FIGURES = ("basic", "notes_as_converted", "other_dilutive", "assumed_diluted")


def text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    with exact():
        return canonical(value)


# --- rows ------------------------------------------------------------------------------------


def _rows(cur: sqlite3.Cursor, company: str, position: int, types: tuple[str, ...],
          started_by: str = _END_OF_TIME) -> list[Row]:
    return visible_rows(cur, company, position, types=types, started_by=started_by)


def _latest(rows: list[Row], record_type: str, day: str) -> Row | None:
    """The latest record of a type dated on or before ``day``; on one date, the one first
    stored later."""
    found = [r for r in rows if r.type == record_type and r.end <= day]
    return max(found, key=lambda r: (r.end, r.first_position)) if found else None


def _counts_shares(row: Row) -> bool:
    return row.type in kinds.SHARE_EFFECT and "shares" in row.record


def _bears_on_shares(row: Row) -> bool:
    if row.type == kinds.NOTES_ISSUE:
        return bool(row.record.get("convertible"))
    return row.type in kinds.SHARE_TYPES


def _principal(record: dict[str, Any]) -> tuple[str | None, Decimal | None]:
    """A notes record's principal as stated: (currency, amount); USD from ``principal_usd``,
    another currency from ``principal`` and ``currency``; the amount None when not stated."""
    if "principal_usd" in record:
        return "USD", Decimal(record["principal_usd"])
    if "principal" in record:
        return record["currency"], Decimal(record["principal"])
    return record.get("currency"), None


def _ratio_note(ratio: Decimal) -> str:
    return (f"{canonical(ratio)}-for-1 split" if ratio >= 1
            else f"reverse split, {canonical(ratio)} new share per old share")


# --- the share count ----------------------------------------------------------------------------


class Shares(Figures):
    """A company's share count (fields and defaults as ``capital.Figures`` builds them)."""

    FIELDS = (*Figures.FIELDS, "anchor", "dilutive_anchor", "split_factor", "splits", "notes",
              "without_share_count", "convertible_without_terms", "terms_missing",
              "straddling", "in_progress", "principal_unknown", "matured", "convertibles")
    DEFAULTS = {**Figures.DEFAULTS, "anchor": None, "dilutive_anchor": None,
                "split_factor": Decimal(1), "splits": list, "notes": list,
                "without_share_count": list, "convertible_without_terms": list,
                "terms_missing": list, "straddling": list, "in_progress": list,
                "principal_unknown": list, "matured": list, "convertibles": 0}
    anchor: Row | None
    dilutive_anchor: Row | None
    split_factor: Decimal
    splits: list[Row]
    notes: list[dict[str, Any]]
    without_share_count: list[Row]
    convertible_without_terms: list[Row]
    #: The convertible issues without terms that still have principal outstanding, with
    #: that principal: what makes notes as converted (and so diluted shares) not known.
    terms_missing: list[tuple[Row, Decimal]]
    straddling: list[str]
    in_progress: list[Row]
    #: Convertible issues with terms that retirements not stating the principal in the
    #: issue's currency name (with their ids): what is left to convert is not known.
    principal_unknown: list[tuple[Row, list[str]]]
    #: Convertible issues past their maturity with principal not recorded as retired, with
    #: that principal: repaid or converted is not known, so neither is what they add.
    matured: list[tuple[Row, Decimal]]
    #: How many convertible issues are recorded, ended by the day.
    convertibles: int

    def value(self, figure: str) -> Decimal:
        return self.trails[figure].value

    def known_value(self, figure: str) -> Decimal | None:
        """A figure as printed: None when it is not known."""
        return self.trails[figure].known_value()

    def status(self, figure: str) -> Status:
        return self.trails[figure].status or Status(DERIVED, "from the records shown")


def roll_forward(rows: list[Row], anchor: Row | None, day: str, trail: Trail
                 ) -> tuple[Decimal, list[Row], list[Row], list[str]]:
    """Basic shares from ``anchor`` (or zero) to ``day`` over ended ``rows``, into ``trail``.

    Returns the split factor applied, the splits, the issuances without a share count and
    the ids of records straddling the anchor. Shared by the report and by reconcile."""
    if anchor is not None:
        trail.move("set", Decimal(anchor.record["shares"]), anchor,
                   "disclosed shares outstanding")
        after = anchor.end
    else:
        trail.move("set", Decimal(0), None, "no disclosed share count: start from zero")
        after = ""
    moves = [r for r in rows if after < r.end <= day and r is not anchor
             and (r.type == kinds.SPLIT or r.type in kinds.SHARE_EFFECT)]
    # A split takes effect at the start of its date: before the flows ending that day.
    moves.sort(key=lambda r: (r.end, 0 if r.type == kinds.SPLIT else 1, r.first_position))
    factor = Decimal(1)
    splits: list[Row] = []
    unknown: list[Row] = []
    straddling: list[str] = []
    for row in moves:
        if row.type == kinds.SPLIT:
            ratio = Decimal(row.record["ratio"])
            factor *= ratio
            splits.append(row)
            trail.move("multiply", ratio, row, _ratio_note(ratio))
            continue
        if not _counts_shares(row):
            if kinds.KINDS[row.type].share_count_expected:
                unknown.append(row)
            continue
        straddles = anchor is not None and row.start <= anchor.end
        if straddles:
            straddling.append(row.record_id)
        sign = kinds.SHARE_EFFECT[row.type]
        note = kinds.SHARE_NOTE[row.type]
        if straddles:
            note += "; straddles the anchor date, part may already be in it"
        trail.move("add" if sign > 0 else "subtract", Decimal(row.record["shares"]), row, note)
    return factor, splits, unknown, straddling


def _splits_between(rows: list[Row], after: str, day: str) -> list[Row]:
    return [r for r in rows if r.type == kinds.SPLIT and after < r.end <= day]


def compute(cur: sqlite3.Cursor, company: str, as_of: date, position: int,
            rows: list[Row] | None = None) -> Shares:
    """The share count of ``company`` as of ``as_of`` over the records visible at ``position``."""
    day = as_of.isoformat()
    with exact():
        if rows is None:
            rows = _rows(cur, company, position, kinds.SHARE_TYPES, day)
        rows = [r for r in rows if r.start <= day]
        result = Shares(company=company, as_of=as_of, position=position)
        result.in_progress = [r for r in rows if r.end > day and _bears_on_shares(r)]
        ended = [r for r in rows if r.end <= day]

        # Basic shares.
        basic = result.trail("shares.basic", "shares")
        result.anchor = _latest(ended, kinds.SHARE_ANCHOR, day)
        (result.split_factor, result.splits, result.without_share_count,
         result.straddling) = roll_forward(ended, result.anchor, day, basic)

        # Convertible notes, as converted.
        notes = result.trail("shares.notes_as_converted", "shares")
        notes.move("set", Decimal(0), None,
                   "from zero, each convertible issue with terms added as converted")
        retirements = [r for r in ended if kinds.CAPITAL_EFFECT.get(r.type) == "notes.retire"]
        result.dilutive_anchor = _latest(ended, kinds.DILUTIVE_ANCHOR, day)
        for issue in (r for r in ended if r.type == kinds.NOTES_ISSUE
                      and r.record.get("convertible")):
            result.convertibles += 1
            terms = issue.record
            # The principal as stated: in USD, or in the issue's own currency (never
            # converted); its terms are in the same currency (``events.NotesIssued``).
            currency, principal = _principal(terms)
            price_field = "conversion_price_usd" if currency == "USD" else "conversion_price"
            name = f"shares.notes.{issue.record_id}.as_converted"
            trail = Trail(name, "shares")
            trail.move("set", principal, issue, f"principal issued ({currency})")
            unstated = []
            for retired in retirements:
                if retired.record.get("notes_id") == issue.record_id:
                    retired_in, amount = _principal(retired.record)
                    if amount is None or retired_in != currency:
                        unstated.append(retired.record_id)
                        continue
                    counted = min(amount, max(trail.value, Decimal(0)))
                    trail.move("subtract", counted, retired,
                               f"principal {retired.record['how']} ({currency})" + (
                                   "" if counted == amount else
                                   f"; {canonical(amount)} retired but only {canonical(counted)}"
                                   " outstanding: none left to convert (reconcile flags it)"))
            outstanding = trail.value
            maturity = terms.get("maturity")
            if maturity and maturity <= day and outstanding > 0 and not unstated:
                # Past maturity and not recorded as retired: repaid (no shares) or converted
                # (shares basic does not count) is not known, nor what it adds now.
                result.matured.append((issue, outstanding))
                trail.status = Status(NOT_KNOWN, _matured_reason(issue, outstanding))
                result.trails[name] = trail  # explained: not known, with why
                continue
            if "conversion_rate" not in terms and price_field not in terms:
                # What these convert into is not recorded: not 0 while any is outstanding.
                result.convertible_without_terms.append(issue)
                if outstanding > 0 or unstated:
                    result.terms_missing.append((issue, outstanding))
                continue
            if unstated:
                # Retired by records that don't state the principal in the issue's currency:
                # what is left to convert is not known (never a guess, never a conversion).
                result.principal_unknown.append((issue, unstated))
                continue
            result.trails[name] = trail
            unit = "$1,000" if currency == "USD" else f"{currency} 1,000"
            if "conversion_rate" in terms:
                trail.move("divide", Decimal(1000), None, f"per {unit} of principal")
                trail.move("multiply", Decimal(terms["conversion_rate"]), issue,
                           f"conversion rate: shares per {unit}")
            else:
                trail.move("divide", Decimal(terms[price_field]), issue,
                           f"conversion price ({currency} per share)")
            for split in _splits_between(ended, issue.end, day):
                ratio = Decimal(split.record["ratio"])
                trail.move("multiply", ratio, split, _ratio_note(ratio))
            trail.status = Status(DERIVED, f"{issue.record_id} ({issue.effective}): "
                                  f"{canonical(outstanding)} {currency} of principal "
                                  "outstanding, as converted at its terms")
            notes.move("add", trail.value, issue, f"{name} (explain it for its steps)")
            result.notes.append({
                "id": issue.record_id, "effective": issue.effective,
                "outstanding_usd": canonical(outstanding) if currency == "USD" else None,
                "conversion_rate": terms.get("conversion_rate"),
                "conversion_price_usd": terms.get("conversion_price_usd"),
                "as_converted": canonical(trail.value), "figure": name,
                **({} if currency == "USD" else {
                    "currency": currency, "outstanding": canonical(outstanding),
                    "conversion_price": terms.get("conversion_price")})})

        # Other dilutive securities.
        other = result.trail("shares.other_dilutive", "shares")
        dilutive = result.dilutive_anchor
        if dilutive is not None:
            for name in _DILUTIVE_FIELDS:
                if name in dilutive.record:
                    other.move("add", Decimal(dilutive.record[name]), dilutive, name)
            for split in _splits_between(ended, dilutive.end, day):
                ratio = Decimal(split.record["ratio"])
                other.move("multiply", ratio, split, _ratio_note(ratio))

        diluted = result.trail("shares.assumed_diluted", "shares")
        _set_statuses(result, day)
        if basic.known and notes.known and other.known:
            diluted.move("add", basic.value, None, "shares.basic")
            diluted.move("add", notes.value, None, "shares.notes_as_converted")
            diluted.move("add", other.value, None, "shares.other_dilutive")
    return result


def _set_statuses(s: Shares, day: str) -> None:
    """What each share figure rests on. Basic shares are known only from a disclosed count:
    recorded issuances alone can't stand in for it (a company has shares before it issues
    any), so without one basic and assumed diluted shares are not known. Convertible notes
    count the issues recorded with their conversion terms; while any convertible issue
    without terms has principal outstanding, what the notes convert into is not known, nor
    is assumed diluted. Other dilutive securities count what is disclosed: with no
    disclosure on or before the day they are not known (never 0), nor is assumed diluted."""
    basic = s.trails["shares.basic"]
    moves = sum(1 for step in basic.steps[1:] if step["action"] in ("add", "subtract"))
    splits = len(s.splits)
    if s.anchor is None:
        issued = moves + len(s.without_share_count)
        basic.status = Status(NOT_KNOWN, f"no share count disclosed on or before {day}" + (
            f" (recorded issuances, conversions and repurchases, {issued} of them, can't "
            "stand in for it)" if issued else ""))
    elif s.anchor.end == day:
        basic.status = Status(DISCLOSED, f"share count disclosed on {day} ({s.anchor.record_id})")
    else:
        basic.status = Status(DERIVED, f"share count disclosed on {s.anchor.end} "
                              f"({s.anchor.record_id}) rolled forward by {moves} record"
                              f"{'' if moves == 1 else 's'}"
                              + (f" and {splits} split{'' if splits == 1 else 's'}"
                                 if splits else "") + holdings._straddle_note(s.straddling),
                              holdings.straddle_flags("shares.basic", s.straddling))
    if s.anchor is not None and basic.value < 0:
        # A count never goes negative in a figure: a repurchase typed too large (or a
        # missing issuance) leaves arithmetic no company's shares can be, so nothing is
        # counted or valued on it (reconcile lists the day: ``negatives``).
        basic.status = Status(NOT_KNOWN, f"{basic.status.reason}{_below_zero(basic.value)}")
    issues = len(s.notes)
    notes = s.trails["shares.notes_as_converted"]
    statement = s.dilutive_anchor
    if s.terms_missing or s.principal_unknown or s.matured:
        reasons = []
        for row, outstanding in s.matured:
            reasons.append(_matured_reason(row, outstanding))
        if s.terms_missing:
            named = [f"{row.record_id} ({_outstanding(row, outstanding)} outstanding)"
                     for row, outstanding in s.terms_missing]
            reasons.append(f"no conversion terms recorded for the convertible notes "
                           f"{' and '.join(named)}: the shares they convert into are not known")
        for row, retired in s.principal_unknown:
            reasons.append(f"{', '.join(retired)} retire{'s' if len(retired) == 1 else ''} "
                           f"notes of {row.record_id} without stating the principal in "
                           f"{_principal(row.record)[0]}: what is left to convert is not known")
        notes.status = Status(NOT_KNOWN, "; ".join(reasons))
    elif issues:
        notes.status = Status(DERIVED, f"{issues} recorded convertible issue"
                              f"{'' if issues == 1 else 's'} with terms, as converted")
    elif s.convertibles:
        notes.status = Status(DERIVED, "the recorded convertible issues have no principal "
                              "left to convert: none counted")
    elif statement is None:
        # Nothing recorded is not none: the same rule as other dilutive securities.
        notes.status = Status(NOT_KNOWN, f"no convertible notes recorded by {day} and no "
                              f"dilutive securities disclosed on or before {day}: whether the "
                              "company has any is not known; record its convertible "
                              "notes_issued, or a dilutive_securities_disclosed (with 0 when "
                              "it states it has none)")
    else:
        notes.status = Status(DERIVED, f"no convertible notes recorded by {day}, and the "
                              f"company's statement of its dilutive securities on "
                              f"{statement.end} ({statement.record_id}) is taken as the whole "
                              "of them: none counted")
    other = s.trails["shares.other_dilutive"]
    if statement is None:
        other.status = Status(NOT_KNOWN, f"no dilutive securities disclosed on or before {day}, "
                              "so the company's options, restricted units, warrants and "
                              "preferred are not known; record a dilutive_securities_disclosed "
                              "(with 0 when the company states it has none)")
    else:
        unstated = [_CLASS[name] for name in _DILUTIVE_FIELDS if name not in statement.record]
        whole = (f"; {_listed(unstated)} not stated: none, the statement being taken as the "
                 "whole of them" if unstated else "")
        if statement.end == day:
            other.status = Status(DISCLOSED, f"disclosed on {day} ({statement.record_id})"
                                  + whole)
        else:
            other.status = Status(DERIVED, f"disclosed on {statement.end} "
                                  f"({statement.record_id})" + whole)
    diluted = s.trails["shares.assumed_diluted"]
    if not basic.known or not notes.known or not other.known:
        reasons = [] if basic.known else [basic.status.reason]  # type: ignore[union-attr]
        if statement is None and not other.known and not notes.known and not (
                s.terms_missing or s.principal_unknown or s.matured):
            # the one reason both have: no statement of the company's dilutive securities
            reasons.append(f"notes as converted and other dilutive not known: no dilutive "
                           f"securities disclosed on or before {day} and no convertible notes "
                           "recorded; record a dilutive_securities_disclosed (with 0 when the "
                           "company states it has none)")
        else:
            if not notes.known:
                reasons.append(f"notes as converted not known: {notes.status.reason}")
            if not other.known:
                reasons.append(f"other dilutive not known: {other.status.reason}")
        diluted.status = Status(NOT_KNOWN, "; ".join(reasons))
    else:
        flags = carried_flags([(f"shares.{n}", s.trails[f"shares.{n}"].status)
                               for n in ("basic", "notes_as_converted", "other_dilutive")])
        diluted.status = Status(DERIVED, "shares.basic + shares.notes_as_converted + "
                                "shares.other_dilutive" + flag_note(flags), flags)


def _below_zero(value: Decimal) -> str:
    """The words a share count rolled forward below zero adds to its reason."""
    return (f", which comes to {value:,f} shares: below zero, which no share count "
            "can be, so a recorded repurchase is wrong or an issuance is missing (reconcile "
            "lists it)")


def negatives(rows: list[Row], every_day: bool = False,
              days: list[str] | None = None) -> list[dict[str, Any]]:
    """Each run of days on which basic shares, rolled forward from a disclosed count over
    ``rows`` (a company's visible share records), come to zero or below: the first day of
    each run (``every_day``: each day a record ends in it), with the count and the records
    that made it (``reconcile``'s capital list); ``days``: the days to look at instead."""
    out: list[dict[str, Any]] = []
    previous: str | None = None
    with exact():
        for day in sorted({r.end for r in rows}) if days is None else days:
            ended = [r for r in rows if r.end <= day]
            anchor = _latest(ended, kinds.SHARE_ANCHOR, day)
            problem = None
            if anchor is not None:
                trail = Trail("shares.basic", "shares")
                roll_forward(ended, anchor, day, trail)
                if trail.value < 0:
                    problem = "shares rolled forward below zero"
                elif trail.value == 0:
                    problem = "shares rolled forward to zero"
            if problem is not None and (problem != previous or every_day):
                out.append({"date": day, "figure": "shares.basic",
                            "value": canonical(trail.value), "problem": problem,
                            "records": [st["record"]["id"] for st in trail.steps
                                        if "record" in st]})
            previous = problem
    return out


#: The classes of a ``dilutive_securities_disclosed``, as its reasons name them.
_CLASS = {"options": "options", "restricted_units": "restricted units",
          "warrants": "warrants", "preferred_as_converted": "preferred"}


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _matured_reason(row: Row, outstanding: Decimal) -> str:
    return (f"{row.record_id} matured on {row.record['maturity']} with "
            f"{_outstanding(row, outstanding)} not recorded as retired: whether it was repaid "
            "(no shares) or converted (shares) is not known; record its notes_retired")


def _outstanding(row: Row, outstanding: Decimal) -> str:
    currency = _principal(row.record)[0]
    return f"${outstanding:,f}" if currency == "USD" else f"{currency} {outstanding:,f}"


def _record(row: Row) -> dict[str, Any]:
    return {**row.record, "id": row.record_id, "position": row.position}


def to_json(s: Shares) -> dict[str, Any]:
    with exact():
        return {
            "company": s.company, "as_of": s.as_of.isoformat(), "known_at": s.known_at,
            "position": s.position, "head_hash": s.head_hash,
            "shares": {name: text(s.known_value(f"shares.{name}")) for name in SHARE_FIGURES},
            "status": {name: s.status(f"shares.{name}").status for name in SHARE_FIGURES},
            "reason": {name: s.status(f"shares.{name}").reason for name in SHARE_FIGURES},
            "split_factor_to_as_of": canonical(s.split_factor),
            "basis": "disclosed share count" if s.anchor else "no disclosed share count",
            "anchor": _record(s.anchor) if s.anchor else None,
            "splits": [_record(r) for r in s.splits],
            "notes": s.notes,
            "convertible_without_terms": [r.record_id for r in s.convertible_without_terms],
            "dilutive_anchor": _record(s.dilutive_anchor) if s.dilutive_anchor else None,
            "issued_without_share_count": [r.record_id for r in s.without_share_count],
            "straddling_anchor": s.straddling,
            "in_progress": [_record(r) for r in s.in_progress],
            "figures": sorted(s.trails),
        }


def summary(s: Shares) -> dict[str, Any]:
    """The share figures ``capital`` shows."""
    data = to_json(s)
    return {**data["shares"], "split_factor_to_as_of": data["split_factor_to_as_of"],
            "basis": data["basis"], "anchor": s.anchor.record_id if s.anchor else None,
            "status": data["status"], "reason": data["reason"]}


# --- per-share figures ----------------------------------------------------------------------------


class Kpi(Defaults):
    """Per-share figures (built as the ``@dataclass`` it was: ``figures.Defaults``)."""

    FIELDS = ("company", "as_of", "since", "position", "known_at", "head_hash", "trails",
              "undefined", "splits")
    DEFAULTS = {"known_at": None, "head_hash": None, "trails": dict, "undefined": dict,
                "splits": list}
    company: str
    as_of: date
    since: date | None
    position: int
    known_at: str | None
    head_hash: str | None
    trails: dict[str, Trail]
    undefined: dict[str, str]
    splits: list[Row]

    def value(self, figure: str) -> str | None:
        trail = self.trails.get(figure)
        return text(trail.value) if trail is not None and trail.known else None

    def status(self, figure: str) -> Status:
        trail = self.trails.get(figure)
        if trail is None or not trail.known:
            return Status(NOT_KNOWN, self.undefined.get(figure) or (
                trail.status.reason if trail is not None and trail.status else "not computed"))
        return trail.status or Status(DERIVED, "from the records shown")


def _btc_trail(name: str, held: holdings.Holdings, day: date) -> Trail:
    t = Trail(name, "BTC", status=held.status["total"])
    t.move("set", held.total, None, f"btc.total as of {day} (explain btc.total for its steps)")
    return t


def _known_inputs(k: Kpi, figure: str, inputs: list[tuple[str, Trail]]) -> Status | None:
    """The status of a figure computed from ``inputs`` (name, trail): None when any input is
    not known or zero (the figure then goes to ``k.undefined`` with the reason)."""
    for name, trail in inputs:
        if not trail.known:
            k.undefined[figure] = f"{name} is not known: {trail.status.reason}"  # type: ignore[union-attr]
            return None
        if name.startswith("btc.total") and trail.value < 0:
            # A holding below zero (a balance rolled forward below zero by recorded flows)
            # is arithmetic, not bitcoin: no per-share figure or yield is built on it.
            k.undefined[figure] = f"{name} is below zero: {trail.status.reason}"  # type: ignore[union-attr]
            return None
    statuses = [trail.status for _, trail in inputs if trail.status is not None]
    # A flagged input (a count resting on a flow straddling its anchor) keeps its flag here.
    flags = carried_flags([(name, trail.status) for name, trail in inputs])
    if any(st.status == FLOWS_ONLY for st in statuses):
        flows = [name for name, trail in inputs
                 if trail.status is not None and trail.status.status == FLOWS_ONLY]
        return Status(FLOWS_ONLY, f"{', '.join(flows)} summed from recorded flows only "
                      "(no disclosed balance)" + flag_note(flags), flags)
    return Status(DERIVED, "computed from " + ", ".join(
        f"{name} ({trail.status.status if trail.status else 'recorded'})"
        for name, trail in inputs) + flag_note(flags), flags)


def _per_share(k: Kpi, suffix: str, held: holdings.Holdings, day: date, shares: Shares) -> None:
    """btc, assumed diluted shares, BTC and sats per share at one date."""
    btc_trail = k.trails[f"kpi.btc{suffix}"] = _btc_trail(f"kpi.btc{suffix}", held, day)
    adso_trail = shares.trails["shares.assumed_diluted"]
    basic_trail = shares.trails["shares.basic"]
    k.trails[f"kpi.assumed_diluted_shares{suffix}"] = t = Trail(
        f"kpi.assumed_diluted_shares{suffix}", "shares", status=adso_trail.status)
    t.move("set", adso_trail.value, None, f"shares.assumed_diluted as of {day}")
    for name, count, what in (("btc_per_share", adso_trail, "shares.assumed_diluted"),
                              ("basic_btc_per_share", basic_trail, "shares.basic")):
        figure = f"kpi.{name}{suffix}"
        status = _known_inputs(k, figure, [(f"btc.total as of {day}", btc_trail),
                                           (f"{what} as of {day}", count)])
        if status is None:
            continue
        if count.value == 0:
            k.undefined[figure] = f"{what} is 0 as of {day}"
            continue
        k.trails[figure] = t = Trail(figure, "BTC per share", status=status)
        t.move("set", btc_trail.value, None, f"btc.total as of {day}")
        t.move("divide", count.value, None, f"{what} as of {day}")
    if f"kpi.btc_per_share{suffix}" in k.trails:
        figure = f"kpi.sats_per_share{suffix}"
        per_share = k.trails[f"kpi.btc_per_share{suffix}"]
        k.trails[figure] = t = Trail(figure, "sats per share", status=per_share.status)
        t.move("set", per_share.value, None, f"kpi.btc_per_share{suffix}")
        t.move("multiply", _SATS, None, "sats per BTC")
    else:
        k.undefined[f"kpi.sats_per_share{suffix}"] = k.undefined[f"kpi.btc_per_share{suffix}"]


def compute_kpi(cur: sqlite3.Cursor, company: str, as_of: date, since: date | None,
                position: int, max_anchor_age: int | None = None) -> Kpi:
    """Per-share figures as of ``as_of`` and, with ``since``, the BTC yield and gain over
    [since, as_of] (``max_anchor_age``: the holdings' ``max_anchor_age``)."""
    with exact():
        k = Kpi(company=company, as_of=as_of, since=since, position=position)
        rows = _rows(cur, company, position, kinds.SHARE_TYPES, as_of.isoformat())
        held1 = holdings.compute(cur, company, as_of, position, max_anchor_age=max_anchor_age)
        shares1 = compute(cur, company, as_of, position, rows)
        _per_share(k, "", held1, as_of, shares1)
        if since is None:
            return k
        held0 = holdings.compute(cur, company, since, position, max_anchor_age=max_anchor_age)
        shares0 = compute(cur, company, since, position, rows)
        _per_share(k, ".since", held0, since, shares0)
        k.splits = _splits_between(rows, since.isoformat(), as_of.isoformat())
        inputs = [(f"btc.total as of {as_of}", k.trails["kpi.btc"]),
                  (f"shares.assumed_diluted as of {as_of}", shares1.trails["shares.assumed_diluted"]),
                  (f"btc.total as of {since}", k.trails["kpi.btc.since"]),
                  (f"shares.assumed_diluted as of {since}",
                   shares0.trails["shares.assumed_diluted"])]
        status = _known_inputs(k, "kpi.btc_yield", inputs)
        if status is None:
            k.undefined["kpi.btc_gain"] = k.undefined["kpi.btc_yield"]
            return k
        btc0, btc1 = held0.total, held1.total
        adso0 = shares0.value("shares.assumed_diluted")
        adso1 = shares1.value("shares.assumed_diluted")
        if adso1 == 0 or adso0 == 0 or btc0 == 0:
            why = ("btc.total is 0" if btc0 == 0 else "shares.assumed_diluted is 0") + \
                f" as of {since if btc0 == 0 or adso0 == 0 else as_of}"
            k.undefined["kpi.btc_yield"] = k.undefined["kpi.btc_gain"] = why
            return k
        y = k.trails["kpi.btc_yield"] = Trail("kpi.btc_yield", "ratio", status=status)
        y.move("set", btc1, None, f"btc.total as of {as_of}")
        y.move("multiply", adso0, None, f"shares.assumed_diluted as of {since}")
        for split in k.splits:
            ratio = Decimal(split.record["ratio"])
            y.move("multiply", ratio, split,
                   f"{_ratio_note(ratio)}: puts the {since} count on the {as_of} basis")
        y.move("divide", adso1, None, f"shares.assumed_diluted as of {as_of}")
        y.move("divide", btc0, None, f"btc.total as of {since}")
        y.move("subtract", Decimal(1), None, "yield = ratio of BTC per share, less 1")
        g = k.trails["kpi.btc_gain"] = Trail("kpi.btc_gain", "BTC", status=status)
        g.move("set", btc0, None, f"btc.total as of {since}")
        g.move("multiply", y.value, None, "kpi.btc_yield")
        g.round_to(SATOSHI)  # a bitcoin figure: to the satoshi (ledger/precision.py)
    return k


def kpi_json(k: Kpi) -> dict[str, Any]:
    def pair(name: str) -> dict[str, str | None]:
        out = {"as_of": k.value(f"kpi.{name}")}
        return {"since": k.value(f"kpi.{name}.since"), **out} if k.since else out

    data: dict[str, Any] = {
        "company": k.company, "as_of": k.as_of.isoformat(),
        "since": k.since.isoformat() if k.since else None, "known_at": k.known_at,
        "position": k.position, "head_hash": k.head_hash,
        "btc": pair("btc"), "assumed_diluted_shares": pair("assumed_diluted_shares"),
        "btc_per_share": pair("btc_per_share"), "sats_per_share": pair("sats_per_share"),
        "basic_btc_per_share": pair("basic_btc_per_share"),
    }
    if k.since:
        data["btc_yield"] = k.value("kpi.btc_yield")
        data["btc_gain"] = k.value("kpi.btc_gain")
        data["splits_between"] = [_record(r) for r in k.splits]
    names = sorted({*k.trails, *k.undefined})
    data["undefined"] = {name: k.status(name).reason for name in names
                         if k.status(name).status == NOT_KNOWN}
    data["figures"] = sorted(k.trails)
    data["status"] = {name: k.status(name).status for name in names}
    data["reason"] = {name: k.status(name).reason for name in names}
    # The known figures that keep a flag of an input (a share count or holding resting on
    # a flow straddling its anchor's date), each flag naming the input it comes through.
    data["flags"] = {name: list(k.status(name).flags) for name in names
                     if k.status(name).known and k.status(name).flags}
    return data


# --- explain ------------------------------------------------------------------------------------


#: The unit of each ``kpi`` figure, by its name (``kpi``'s JSON keys; ``kpi.NAME`` and
#: ``kpi.NAME.since`` in trails): the one table the trails and the printer
#: (``ledger/render/shares.py``) read.
KPI_UNITS = {"btc": "BTC", "assumed_diluted_shares": "shares", "btc_per_share": "BTC per share",
             "sats_per_share": "sats per share", "basic_btc_per_share": "BTC per share",
             "btc_yield": "ratio", "btc_gain": "BTC", "btc_dollar_gain": "USD",
             "btc_close": "USD per BTC"}


def _unit(figure: str) -> str:
    return KPI_UNITS.get(figure.removeprefix("kpi.").removesuffix(".since"), "BTC per share")


def figure_names(s: Shares | None = None) -> list[str]:
    names = ["shares.basic", "shares.notes_as_converted", "shares.other_dilutive",
             "shares.assumed_diluted"]
    if s is not None:
        names += sorted(n for n in s.trails if n not in names)
    return names + ["kpi.btc", "kpi.assumed_diluted_shares", "kpi.btc_per_share",
                    "kpi.basic_btc_per_share", "kpi.sats_per_share", "kpi.btc_yield",
                    "kpi.btc_gain", "kpi.<figure>.since"]


def explain(cur: sqlite3.Cursor, company: str, figure: str, as_of: date, since: date | None,
            position: int, max_anchor_age: int | None = None) -> dict[str, Any] | str:
    """The trail of a share or KPI figure, by the same computation as ``shares`` and ``kpi``;
    a string says why the figure can't be explained."""
    if figure.startswith("shares."):
        s = compute(cur, company, as_of, position)
        if figure not in s.trails:
            return (f'{company} has no figure "{figure}" as of {as_of}; use one of '
                    + ", ".join(figure_names(s)))
        trail = s.trails[figure]
        in_progress = s.in_progress
    else:
        needs_since = figure in ("kpi.btc_yield", "kpi.btc_gain") or figure.endswith(".since")
        if needs_since and since is None:
            return f"{figure} covers a period: give --since, the date it is measured from"
        k = compute_kpi(cur, company, as_of, since, position, max_anchor_age)
        if figure in k.undefined or (figure in k.trails and not k.trails[figure].known):
            # Not known (or undefined): explained, with the reason, and no steps.
            status = k.status(figure)
            trail = Trail(figure, _unit(figure), status=status)
        elif figure not in k.trails:
            return f'no figure "{figure}"; use one of ' + ", ".join(figure_names())
        else:
            trail = k.trails[figure]
        in_progress = []
    with exact():
        report = trail.to_json()
    report.update({"company": company, "as_of": as_of.isoformat(), "position": position,
                   "in_progress": [{"id": r.record_id, "type": r.type, "effective": r.effective}
                                   for r in in_progress]})
    if since is not None and figure.startswith("kpi."):
        report["since"] = since.isoformat()
    return report


# --- reconcile ----------------------------------------------------------------------------------


def within_rounding(stated: Decimal, computed: Decimal) -> bool:
    """Whether ``computed`` rounds to ``stated`` at the stated figure's own last place (a
    stated 0.609 is consistent with anything from 0.6085 to 0.6095)."""
    exponent = stated.as_tuple().exponent
    assert isinstance(exponent, int)
    with exact():
        return abs(computed - stated) <= Decimal(5).scaleb(exponent - 1)


def reconcile_counts(cur: sqlite3.Cursor, company: str, position: int) -> list[dict[str, Any]]:
    """Each disclosed share count against the one before it rolled forward."""
    out = []
    with exact():
        rows = _rows(cur, company, position, kinds.SHARE_TYPES)
        anchors = [r for r in rows if r.type == kinds.SHARE_ANCHOR]
        for opening, closing in zip(anchors, anchors[1:], strict=False):
            trail = Trail("shares.basic", "shares")
            ended = [r for r in rows if r.end <= closing.end and r is not closing]
            factor, splits, unknown, straddling = roll_forward(ended, opening, closing.end,
                                                               trail)
            actual = Decimal(closing.record["shares"])
            out.append({
                "opening": {"id": opening.record_id, "date": opening.end,
                            "shares": opening.record["shares"]},
                "closing": {"id": closing.record_id, "date": closing.end,
                            "shares": closing.record["shares"]},
                "steps": trail.steps[1:],
                "split_factor": canonical(factor),
                "expected": canonical(trail.value),
                "unexplained": canonical(actual - trail.value),
                "issued_without_share_count": [r.record_id for r in unknown],
                "straddling": straddling,
            })
    return out


def reconcile_kpis(cur: sqlite3.Cursor, company: str, position: int) -> list[dict[str, Any]]:
    """Each figure the company states (``kpi_disclosed``, and the assumed diluted count of a
    ``shares_outstanding_disclosed``) against the figure computed by ``kpi``."""
    out = []
    stated_rows = _rows(cur, company, position, kinds.checked_by("kpis"))
    for row in stated_rows:
        r = row.record
        if row.type == kinds.SHARE_ANCHOR:
            if "assumed_diluted" not in r:
                continue
            metric, value, since = "assumed_diluted_shares", r["assumed_diluted"], None
        else:
            metric, value, since = r["metric"], r["value"], r.get("since")
        day = date.fromisoformat(row.end)
        start = date.fromisoformat(since) if since else None
        k = compute_kpi(cur, company, day, start, position)
        figure = f"kpi.{metric}"
        with exact():
            stated = Decimal(value)
            computed = k.trails[figure].known_value() if figure in k.trails else None
            line: dict[str, Any] = {
                "id": row.record_id, "type": row.type, "metric": metric, "date": row.end,
                "since": since, "sources": r.get("sources", []), "stated": value,
                "computed": text(computed), "figure": figure}
            if computed is None:
                # Nothing to compare the stated figure with (an input not known, below zero
                # or 0): not checked, not a mismatch (``consistent`` None, as an implied
                # price with no close to check it against).
                line.update(difference=None, relative_difference=None, consistent=None,
                            why=f"the computed figure is not known: {k.status(figure).reason}")
            else:
                difference = stated - computed
                line.update(difference=canonical(difference),
                            relative_difference=(canonical(difference / computed)
                                                 if computed != 0 else None),
                            consistent=within_rounding(stated, computed))
            # What the computed figure rests on, and the flags it keeps from its inputs (a
            # share count resting on a flow straddling its anchor's date): a flag, not a state.
            line["computed_reason"] = k.status(figure).reason
            line["flags"] = list(k.status(figure).flags) if computed is not None else []
        out.append(line)
    return out
