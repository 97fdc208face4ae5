"""Hypothesis strategies the property tests share: effective periods, and ledgers imported in
batches where later batches correct and retract earlier records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

START = date(2024, 1, 1)
PERIOD_KINDS = ("date", "month", "quarter", "year", "range")


@st.composite
def periods(draw: st.DrawFn, kinds: tuple[str, ...] = PERIOD_KINDS, days: int = 730,
            longest_range: int = 200) -> str:
    """An effective period of one of ``kinds`` starting within ``days`` of ``START``."""
    kind = draw(st.sampled_from(kinds))
    day = START + timedelta(days=draw(st.integers(0, days)))
    if kind == "date":
        return day.isoformat()
    if kind == "month":
        return f"{day.year}-{day.month:02d}"
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if kind == "year":
        return str(day.year)
    end = day + timedelta(days=draw(st.integers(1, longest_range)))
    return f"{day.isoformat()}/{end.isoformat()}"


@st.composite
def amended_ledgers(draw: st.DrawFn, record: Callable[[int], st.SearchStrategy[dict[str, Any]]],
                    most_batches: int = 5, most_per_batch: int = 10
                    ) -> list[list[dict[str, Any]]]:
    """Batches of records (``record(index)`` draws the one with that index) where later
    records also correct and retract earlier ones; a correction keeps its target's company
    (and a price its asset, which is its company), and a retracted record is never amended
    again. Records the store's rules about what capital records add up to would refuse are
    made harmless (``as_the_store_takes``)."""
    batches: list[list[dict[str, Any]]] = []
    originals: dict[str, dict[str, Any]] = {}
    retracted: set[str] = set()
    index = 0
    for _ in range(draw(st.integers(1, most_batches))):
        batch = []
        for _ in range(draw(st.integers(1, most_per_batch))):
            live = sorted(set(originals) - retracted)
            action = draw(st.sampled_from(["record", "record", "correct", "retract"]))
            if action == "record" or not live:
                drawn = draw(record(index))
                originals[drawn["id"]] = drawn
                batch.append(drawn)
            elif action == "correct":
                target = originals[draw(st.sampled_from(live))]
                replacement = {**draw(record(index)), "company": target["company"]}
                replacement.pop("id")
                if "asset" in replacement:  # a price is filed under the asset it prices
                    replacement["asset"] = target["company"]
                batch.append({"id": f"fix{index}", "type": "correction",
                              "corrects": target["id"], "reason": "restated",
                              "event": replacement})
            else:
                target_id = draw(st.sampled_from(live))
                retracted.add(target_id)
                batch.append({"id": f"ret{index}", "type": "retraction",
                              "retracts": target_id, "reason": "withdrawn"})
            index += 1
        batches.append(batch)
    return as_the_store_takes(batches)


def as_the_store_takes(batches: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """``batches`` (imported in turn into an empty ledger) with each record the store's
    cross-record rules (``ledger/notes_rules.py``: retirements of notes not recorded before
    them or retired before issue or beyond what is outstanding, stakes out of 0-100%) would
    refuse made harmless: an original becomes a ``business_acquired`` of the same id and
    period (its amendments still apply), a correction or retraction is left out."""
    from ledger.notes_rules import TYPES, NotesCheck

    check = NotesCheck(lambda notes_id, company: (None, {}), lambda company, target: [])
    out: list[list[dict[str, Any]]] = []
    for batch in batches:
        kept = []
        for record in batch:
            kind = record.get("type")
            if kind == "retraction":
                if check.check("retraction", record["id"], record["retracts"],
                               record) is not None:
                    continue
            elif kind == "correction":
                body = record["event"]
                if check.check(
                        "correction", record["id"], record["corrects"],
                        {**record, "event": {**body, "company": body.get(
                            "company", record.get("company"))}}) is not None:
                    continue
            elif kind in TYPES and check.check("record", record["id"], None, record):
                record = {"id": record["id"], "type": "business_acquired",
                          "company": record["company"], "effective": record["effective"],
                          "target": "Harmless Co", "usd": "1", "sources": record["sources"]}
                check.check("record", record["id"], None, record)
            kept.append(record)
        out.append(kept)
    return out


def within_outstanding(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``records`` as the store takes them, in order (``ledger/notes_rules.py`` refuses the
    rest): each notes retirement cut to what its issue still has outstanding (one with
    nothing left dropped), one naming no earlier issue of its company left unattributed
    (no ``notes_id``), one ending before its issue begins dated with the issue; and each
    stake record that would take its stake below 0% or above 100% on some day dropped."""
    from decimal import Decimal

    from ledger.notes_rules import _out_of_range
    from ledger.values import parse_effective

    outstanding: dict[str, Decimal] = {}
    issues: dict[str, dict[str, Any]] = {}
    stakes: dict[tuple[str, str], dict[str, tuple[str, Decimal]]] = {}
    out = []
    for record in records:
        if record.get("type") == "notes_issued":
            outstanding[record["id"]] = Decimal(record["principal_usd"])
            issues[record["id"]] = record
        elif record.get("type") == "notes_retired" and record.get("notes_id"):
            issue = issues.get(record["notes_id"])
            if issue is None or issue["company"] != record["company"]:
                record = {k: v for k, v in record.items() if k != "notes_id"}
            else:
                if parse_effective(record["effective"]).end < \
                        parse_effective(issue["effective"]).start:
                    record = {**record, "effective": issue["effective"]}
                left = outstanding[record["notes_id"]]
                amount = min(Decimal(record["principal_usd"]), left)
                if amount <= 0:
                    continue
                outstanding[record["notes_id"]] = left - amount
                record = {**record, "principal_usd": format(amount, "f")}
        elif record.get("type") in ("stake_acquired", "stake_disposed"):
            held = stakes.setdefault((record["company"], record["target"]), {})
            percent = Decimal(record["percent"])
            step = (parse_effective(record["effective"]).end.isoformat(),
                    percent if record["type"] == "stake_acquired" else -percent)
            if _out_of_range({**held, record["id"]: step}) is not None:
                continue
            held[record["id"]] = step
        out.append(record)
    return out


def batches_within_outstanding(batches: list[list[dict[str, Any]]]
                               ) -> list[list[dict[str, Any]]]:
    """``within_outstanding`` over batches imported in turn."""
    flat = within_outstanding([{**r, "_batch": i} for i, b in enumerate(batches) for r in b])
    out: list[list[dict[str, Any]]] = [[] for _ in batches]
    for record in flat:
        out[record.pop("_batch")].append(record)
    return out
