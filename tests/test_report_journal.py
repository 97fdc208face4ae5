"""The report page reads a company's records once (``audit.Journal``) and computes every date
from memory; the single-date commands query the store. One set of rules, two readings: these
tests hold the page's data to what the commands (and the SQL path behind them) give, on random
ledgers with corrections and retractions, at random known-at positions and as-of dates, on
both stores. And the page's data and HTML themselves: each section with its own objects, a
journal of another company or position refused, hostile text shown as text."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ledger import api, report_page
from ledger.errors import CaledgerError
from ledger.reader import open_reader
from projections import audit
from projections import holdings as h
from projections import value as value_projection

from .conftest import SEEDS, import_records
from .strategies import START, amended_ledgers
from .test_properties import COMPANIES, records


def _strip(d: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in keys}


def reference(db: str, company: str, data: dict[str, Any]) -> dict[str, Any]:
    """What the single-date commands and the store's queries give for each part of the
    report's ``data``: holdings on each date (``api.holdings``), each figure's explanation
    on each date over the window since the date before it on the page (``audit.explain``,
    one query per figure: no journal), the value (``api.value``), the chart's data
    (``api.chart_data``) and the reconciliation (``api.reconcile``)."""
    known_at = data["known_at"]  # None: the head, the position the report was read at
    days = sorted(date.fromisoformat(e["as_of"]) for e in data["holdings"])
    before = dict(zip(days[1:], days, strict=False))
    out: dict[str, Any] = {"holdings": [], "explain": []}
    with open_reader(db) as reader, reader.reading() as cur:
        for entry in data["holdings"]:
            day = date.fromisoformat(entry["as_of"])
            out["explain"].append({f: audit.explain(cur, company, f, day, data["position"],
                                                    since=before.get(day))
                                   for f in audit.FIGURES})
    for entry in data["holdings"]:
        out["holdings"].append(api.holdings_json(api.holdings(db, company, entry["as_of"],
                                                               known_at)))
    out["value"] = api.value(db, company, data["as_of"], known_at)
    out["value_trails"] = {f: api.explain(db, company, f, data["as_of"], known_at)
                           for f in data["value"]["trails"]}
    out["reconciliation"] = api.reconcile(db, company, known_at)
    if data["chart"] is not None:
        # stamped with the position, as ``chart --known-at @P`` stamps it
        out["chart"] = api.chart_data(db, company, data["chart"]["from"], data["as_of"],
                                      f"@{data['position']}")
    return out


def the_same(data: dict[str, Any], ref: dict[str, Any]) -> None:
    for entry, held, explained in zip(data["holdings"], ref["holdings"], ref["explain"],
                                      strict=True):
        assert _strip(entry, "explain", "current") == held, entry["as_of"]
        assert entry["explain"] == explained, entry["as_of"]
    assert _strip(data["value"], "trails") == ref["value"]
    for name, trail in data["value"]["trails"].items():
        explained = ref["value_trails"][name]
        assert trail["value"] == explained["value"], name
        assert trail["steps"] == explained["steps"], name
        assert trail["status"] == explained["status"], name
    assert _strip(data["reconciliation"], "known_at", "head_hash") == \
        _strip(ref["reconciliation"], "known_at", "head_hash")
    if data["chart"] is not None:
        assert data["chart"] == ref["chart"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records, most_batches=6, most_per_batch=20), data=st.data())
def test_the_report_gives_what_the_single_date_commands_give(make_db, batches, data) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    head = api.changes(db, None, "@0")["until"]["position"]
    position = data.draw(st.integers(1, head), label="known-at position")
    # Any day from before the first record to after the last: on a disclosed date, between
    # them, inside a month, quarter or year a flow covers.
    as_of = START + timedelta(days=data.draw(st.integers(-30, 800), label="as-of"))
    company = data.draw(st.sampled_from(COMPANIES), label="company")
    try:
        page = api.report_data(db, company, as_of.isoformat(), f"@{position}")
    except CaledgerError:  # the company has nothing visible at that position
        event("the company has no record visible")
        with pytest.raises(CaledgerError):
            api.holdings(db, company, as_of.isoformat(), f"@{position}")
        return
    event(f"{min(len(page['holdings']), 4)}+ dates on the page")
    the_same(page, reference(db, company, page))


def test_the_report_of_the_seeds_gives_what_the_single_date_commands_give(seeded) -> None:
    for as_of, known_at in (("2026-03-31", None), ("2025-11-15", None), ("2025-02-14", "@9")):
        page = api.report_data(seeded, "MARA", as_of, known_at)
        assert len(page["holdings"]) >= 2
        the_same(page, reference(seeded, "MARA", page))


# --- each part of the page's data its own ------------------------------------------------------


def shared(data: Any) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Each list or dict reachable by two paths of ``data`` (the first path, the other)."""
    seen: dict[int, tuple[Any, ...]] = {}
    out = []

    def walk(x: Any, path: tuple[Any, ...]) -> None:
        if isinstance(x, (dict, list)):
            if id(x) in seen:
                out.append((seen[id(x)], path))
                return
            seen[id(x)] = path
            for k, v in (x.items() if isinstance(x, dict) else enumerate(x)):
                walk(v, (*path, k))

    walk(data, ())
    return out


def test_no_part_of_the_report_data_is_another_parts_object(seeded) -> None:
    page = api.report_data(seeded, "MARA", "2026-03-31")
    # The record list ("records") is history's, as the history command annotates it; every
    # figure, explanation, check and chart point is its section's own.
    assert [pair for pair in shared(page)
            if not (pair[0][0] == "records" and pair[1][0] == "records")] == []
    # What the reviewer saw: an anchor's sources were the chart's balance's.
    anchored = next(e for e in page["holdings"] if e["anchor"] is not None)
    balance = next(b for b in page["chart"]["balances"]
                   if b["id"] == anchored["anchor"]["id"])
    assert anchored["anchor"]["sources"] == balance["sources"]
    before = copy.deepcopy(balance["sources"])
    anchored["anchor"]["sources"].append({"document": "changed.txt", "line": 1})
    anchored["anchor"]["sources"][0]["line"] = -1
    assert balance["sources"] == before


def test_a_left_out_line_is_each_explanations_own(seeded) -> None:
    page = api.report_data(seeded, "MARA", "2026-03-31")
    by_record: dict[str, list[dict[str, Any]]] = {}
    for entry in page["holdings"]:
        for explained in entry["explain"].values():
            for item in explained["left_out"]:
                by_record.setdefault(item["record"]["id"], []).append(item)
    twice = [items for items in by_record.values() if len(items) > 1]
    assert twice, "the seeds list a record in two figures' explanations"
    for first, *others in twice:
        kept = copy.deepcopy(others)
        first["record"]["sources"].append({"document": "changed.txt", "line": 1})
        first["why"] += " (changed)"
        first.get("superseded", [{}])[0]["by"] = "changed"
        assert others == kept


# --- a journal answers for its own company and position only ----------------------------------


def test_a_journal_of_another_company_or_position_is_refused(make_db) -> None:
    db = make_db()
    for path in SEEDS:
        import_records(db, [json.loads(line) for line in path.read_text().splitlines()
                            if line.strip()])
    head = api.changes(db, None, "@0")["until"]["position"]
    day = date(2026, 3, 31)
    with open_reader(db) as reader, reader.reading() as cur:
        journal = audit.Journal(cur, "MARA", head)
        assert h.compute(cur, "MARA", day, head, journal).total == \
            h.compute(cur, "MARA", day, head).total
        for company, position in (("XXXX", head), ("MARA", head - 1)):
            message = (f"the records read are MARA's at @{head}, not {company}'s at "
                       f"@{position}")
            with pytest.raises(ValueError, match=message):
                h.compute(cur, company, day, position, journal)
            with pytest.raises(ValueError, match=message):
                value_projection.compute(cur, company, day, position, journal=journal)
            with pytest.raises(ValueError, match=message):
                audit.balance_checks(cur, company, position, journal=journal)
        other = h.compute(cur, "MARA", day, head - 1)
        with pytest.raises(ValueError, match=f"not MARA's at @{head - 1}"):
            audit.explained_all(cur, other, journal=journal)


# --- hostile text is shown as text ------------------------------------------------------------


HOSTILE = ("<script>x</script>", "' onmouseover='x", '"><img src=x>',
           "a\x0bb\x1b[31m\u202e\ufffe c", '<a href="javascript:x">&amp;')
#: What must never reach the page as is. (A character XML can't hold, or a bidi override, is
#: shown as its escape, ``safetext.xml``; any other character is text, written as it is.)
#: (Quotes in an element's text are text: a breakout out of an attribute shows as an
#: attribute the clean page has not, ``pairs``.)
RAW = ("<script>x", "<img src=x", '<a href="javascript', "\x0b", "\x1b", "\ufffe", "\u202e")


class Tags(HTMLParser):
    """Each (tag, attribute) pair a page has."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pairs: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pairs.add((tag, ""))
        self.pairs.update((tag, name) for name, _ in attrs)
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                assert not value.strip().lower().startswith("javascript:"), (tag, value)


def pairs(html: str) -> set[tuple[str, str]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser.pairs


def leaves(d: Any, path: tuple[Any, ...] = ()) -> Any:
    if isinstance(d, dict):
        for k, v in d.items():
            yield from leaves(v, (*path, k))
    elif isinstance(d, list):
        for i, v in enumerate(d):
            yield from leaves(v, (*path, i))
    elif isinstance(d, str):
        yield path


def replaced(d: Any, path: tuple[Any, ...], text: str) -> Any:
    out = copy.deepcopy(d)
    inner = out
    for k in path[:-1]:
        inner = inner[k]
    inner[path[-1]] = text
    return out


def hostile_pages(data: dict[str, Any], render: Any) -> int:
    """Render ``data`` with each string leaf in turn replaced by each hostile text: none of
    them may add a tag, an attribute or an escape from one. Returns how many rendered."""
    clean = pairs(render(data))
    assert ("script", "") not in clean
    rendered = 0
    for path in leaves(data):
        for text in HOSTILE:
            try:
                html = render(replaced(data, path, text))
            except (ValueError, KeyError, TypeError, ArithmeticError):
                continue  # a figure or date the page reads as one: refused, nothing shown
            rendered += 1
            for raw in RAW:
                assert raw not in html, (path, text, raw)
            assert pairs(html) <= clean, (path, text, pairs(html) - clean)
    return rendered


def test_hostile_text_in_any_field_of_the_static_page_stays_text(seeded) -> None:
    data = json.loads(json.dumps(api.report_data(seeded, "MARA", "2024-12-31", "@9"),
                                 default=str))
    rendered = hostile_pages(data, lambda d: report_page.build(d))
    assert rendered > 2 * len(list(leaves(data)))  # most texts render: they were tried


def test_hostile_text_in_any_field_of_the_served_page_stays_text(seeded) -> None:
    pytest.importorskip("fastapi")
    from ledger.web import pages

    data = api.report_data(seeded, "MARA", "2024-12-31", "@9")
    pinned = f"@{data['position']}"
    data["shares"] = api.shares(seeded, data["company"], data["as_of"], pinned)
    data["kpi"] = api.kpi(seeded, data["company"], data["as_of"], known_at=pinned)
    data["share_rows"] = pages._share_rows(data["shares"], data["kpi"])
    data = json.loads(json.dumps(data, default=str))
    site = pages.Site("/company/MARA", data["position"], data["as_of"],
                      [{"position": 1, "recorded_at": "x", "selected": True, "head": True}], [])
    links = pages.ServedLinks(site, data["company"], lambda document: True)
    rendered = hostile_pages(data, lambda d: report_page.page(d, links, served=True, site=site))
    assert rendered > 2 * len(list(leaves(data)))
