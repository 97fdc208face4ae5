"""The change feed: what was recorded between two moments, and which holdings it moved."""

from __future__ import annotations

import functools
import time
from datetime import date, datetime, timezone
from typing import Any
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api
from ledger.errors import UnknownCompany
from ledger.kinds import CATEGORY
from ledger.reader import open_reader
from ledger.values import parse_period

from .conftest import import_records, the_one_error_line
from .strategies import amended_ledgers
from .test_properties import COMPANIES, query_days, records

ATOM = "{http://www.w3.org/2005/Atom}"
FIGURES = ("total", "loaned", "pledged", "unencumbered")
BITCOIN = {t for t, c in CATEGORY.items() if c in ("flow", "anchor")}


def head(db: str) -> int:
    with open_reader(db) as reader:
        return reader.position()


def amend_the_seeds(db: str) -> None:
    api.correct(db, "mara-2024q4-purchase", reason="restated in a later filing",
                fields={"btc": "14575"})
    api.retract(db, "mara-2025-09-30-balance", reason="the report was later denied")


# --- scenarios on the seed ledger ----------------------------------------------------------------


def test_a_correction_and_a_retraction_since_last_week_and_the_figures_they_moved(
        seeded: str, run) -> None:
    before = head(seeded)
    amend_the_seeds(seeded)
    feed = run("changes", "MARA", "--since", f"@{before}", "--db", seeded, "--json")

    correction, retraction = feed["records"]
    assert correction["type"] == "correction" and correction["corrects"] == "mara-2024q4-purchase"
    assert correction["reason"] == "restated in a later filing"
    assert correction["amends"]["changed"] == {"btc": ["14574", "14575"]}
    assert correction["amends"]["replaced"]["sources"] == \
        [{"document": "003_c65e9beb0fefa6f0.txt", "line": 13}]
    assert retraction["type"] == "retraction" and retraction["reason"] == \
        "the report was later denied"
    assert retraction["amends"]["replaced"]["btc"] == "52850"

    (mara,) = feed["companies"]
    rows = {f["date"]: f for f in mara["figures"]}
    # The corrected purchase ends on the date of a disclosed balance that already includes
    # it: nothing moves there. Without the 2025-09-30 balance, holdings there fall back to
    # the year-end balance: 52,850 -> 44,893.
    assert rows["2024-12-31"]["moved"] is False
    assert rows["2024-12-31"]["after"]["total"] == "44893"
    assert (rows["2025-09-30"]["before"]["total"], rows["2025-09-30"]["after"]["total"]) == \
        ("52850", "44893")
    assert rows["2025-09-30"]["before"]["anchor"] == "mara-2025-09-30-balance"
    assert rows["2025-09-30"]["after"]["anchor"] == "mara-2024-12-31-balance"
    assert feed["since"]["position"] == before and feed["until"]["position"] == head(seeded)

    text = run("changes", "MARA", "--since", f"@{before}", "--db", seeded).stdout
    assert "correction of mara-2024q4-purchase: btc 14574 -> 14575" in text
    assert "52,850 -> 44,893 (-7,957)" in text


def test_a_correction_that_changes_its_sources_names_the_old_and_new_citations(
        seeded: str, run, caledger) -> None:
    """A restated figure from a later filing: changes and history say which line it cited
    and which it cites now, in text, JSON and CSV (a feed entry's title keeps its words)."""
    import csv
    import io

    before = head(seeded)
    run("correct", "mara-2024q4-purchase", "--btc", "14575", "--reason", "restated",
        "--source", "mara-2025-annual-report.txt:88", "--disclosed", "2026-03-02",
        "--db", seeded)
    was, now = "003_c65e9beb0fefa6f0.txt:13", "mara-2025-annual-report.txt:88"
    text = run("changes", "MARA", "--since", f"@{before}", "--db", seeded).stdout
    assert (f"correction of mara-2024q4-purchase: btc 14574 -> 14575, disclosed 2025-02-26 "
            f"-> 2026-03-02, sources {was} -> {now} (reason: restated)") in text
    feed = run("changes", "MARA", "--since", f"@{before}", "--db", seeded, "--json")
    assert feed["records"][0]["changes"]["sources"] == {
        "from": [{"document": "003_c65e9beb0fefa6f0.txt", "line": 13}],
        "to": [{"document": "mara-2025-annual-report.txt", "line": 88}]}
    out = caledger("changes", "MARA", "--since", f"@{before}", "--db", seeded,
                   "--format", "csv").stdout
    header = next(csv.reader(io.StringIO(out)))
    # added after the window's stamp, before the figures' reasons: the columns before keep
    # their places
    assert header[header.index("head_hash") + 1] == "changes"
    assert header[-1] == "unencumbered_after_reason"
    record = next(r for r in csv.DictReader(io.StringIO(out)) if r["row"] == "record")
    assert record["changes"] == (f"btc 14,574 -> 14,575; disclosed 2025-02-26 -> 2026-03-02; "
                                 f"sources {was} -> {now}")
    atom = caledger("changes", "MARA", "--since", f"@{before}", "--db", seeded,
                    "--format", "atom").stdout
    assert "sources … -&gt; …" in atom

    history = run("history", "MARA", "--type", "correction", "--db", seeded).stdout
    assert f"sources {was} -> {now}" in history
    rows = list(csv.DictReader(io.StringIO(caledger(
        "history", "MARA", "--db", seeded, "--format", "csv").stdout)))
    (correction,) = [r for r in rows if r["kind"] == "correction"]
    assert correction["changes"] == record["changes"]
    listed = run("history", "MARA", "--db", seeded, "--json")
    (entry,) = [r for r in listed if r["type"] == "correction"]
    assert entry["changes"]["sources"] == feed["records"][0]["changes"]["sources"]


def test_since_a_timestamp_until_a_position_and_nothing_in_between(seeded: str, run) -> None:
    moment = datetime.now(timezone.utc).isoformat()
    time.sleep(0.002)
    amend_the_seeds(seeded)
    feed = run("changes", "--since", moment, "--db", seeded, "--json")
    assert [r["type"] for r in feed["records"]] == ["correction", "retraction"]
    assert feed["company"] is None and [c["company"] for c in feed["companies"]] == ["MARA"]
    same = run("changes", "--since", moment, "--known-at", f"@{head(seeded)}", "--db", seeded,
               "--json")
    assert same["records"] == feed["records"]          # --known-at is --until
    quiet = run("changes", "--since", f"@{head(seeded)}", "--db", seeded, "--json")
    assert quiet["records"] == [] and quiet["companies"] == []


def test_the_atom_feed_parses_and_its_entry_ids_are_stable(seeded: str, caledger) -> None:
    def atom(*args: str) -> str:
        result = caledger("changes", *args, "--db", seeded, "--format", "atom")
        assert result.exit_code == 0, result.stderr
        return result.stdout

    first = atom("--since", "@5", "--until", "@9")
    assert atom("--since", "@5", "--until", "@9") == first        # deterministic
    feed = ET.fromstring(first)
    assert feed.tag == f"{ATOM}feed"
    ids = [e.findtext(f"{ATOM}id") for e in feed.iter(f"{ATOM}entry")]
    assert len(ids) == 4 and len(set(ids)) == 4
    assert all(e.findtext(f"{ATOM}updated") and e.findtext(f"{ATOM}title")
               for e in feed.iter(f"{ATOM}entry"))
    assert ids[-1].startswith("tag:caledger,2026:") and ids[-1].endswith("/6/" + "mara-2026q1-"
                                                                          "workforce-cut")

    amend_the_seeds(seeded)
    later = ET.fromstring(atom("--since", "@7"))   # overlaps the first window at @8 and @9
    later_entries = {e.findtext(f"{ATOM}id"): _entry(e) for e in later.iter(f"{ATOM}entry")}
    first_entries = {e.findtext(f"{ATOM}id"): _entry(e) for e in feed.iter(f"{ATOM}entry")}
    overlap = set(first_entries) & set(later_entries)
    assert len(overlap) == 2
    assert all(first_entries[i] == later_entries[i] for i in overlap)  # the same entry, again
    assert later.findtext(f"{ATOM}id") == feed.findtext(f"{ATOM}id")


def _entry(element: ET.Element) -> bytes:
    element.tail = None
    return ET.tostring(element)


def test_bad_windows_are_refused_with_one_line(seeded: str, caledger) -> None:
    line = the_one_error_line(caledger("changes", "--since", "@9", "--until", "@3",
                                       "--db", seeded))
    assert "--since @9 (@9) is after --until @3 (@3)" in line
    line = the_one_error_line(caledger("changes", "--since", "yesterday", "--db", seeded))
    assert line.startswith('error: --since "yesterday": not an ISO 8601 timestamp')
    line = the_one_error_line(caledger("changes", "NOPE", "--since", "@0", "--db", seeded))
    assert "NOPE: no records for this company" in line


# --- every ledger ------------------------------------------------------------------------------


def _history(db: str, company: str, position: int) -> list[dict[str, Any]]:
    try:
        return api.history(db, company, f"@{position}")
    except UnknownCompany:
        return []


def _figures(db: str, company: str, day: str, position: int) -> dict[str, Any]:
    try:
        data = api.holdings_json(api.holdings(db, company, day, f"@{position}"))
    except UnknownCompany:  # no records yet: nothing is known, as holdings on no records says
        from projections import changes as changes_projection
        from projections import holdings as h

        nothing = changes_projection.figures(
            h.roll([], company, [date.fromisoformat(day)], position)[0])
        assert nothing["status"] == dict.fromkeys(FIGURES, "not known")
        return nothing
    return {**data["btc"], "anchor": data["anchor"]["id"] if data["anchor"] else None,
            "status": data["status"], "reason": data["reason"]}


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), days=query_days)
def test_the_feed_between_batches_is_the_difference_of_history_and_moves_holdings_as_known(
        make_db, batches: list[list[dict[str, Any]]], days: list[date]) -> None:
    db = make_db()
    figures = functools.cache(lambda company, day, position: _figures(db, company, day, position))
    positions = [0]
    for batch in batches:
        import_records(db, batch)
        positions.append(head(db))
    windows = list(zip(positions, positions[1:], strict=False)) + [(0, positions[-1])]
    for since, until in windows:
        feed = api.changes(db, None, f"@{since}", f"@{until}")
        for company in COMPANIES:
            old, new = _history(db, company, since), _history(db, company, until)
            recorded = [{k: v for k, v in r.items() if k not in ("amends", "company")}
                        for r in feed["records"] if r["company"] == company]
            # The feed is exactly what history gained ...
            assert recorded == [{k: v for k, v in r.items() if k != "company"}
                                for r in new if r["position"] > since]
            # ... and every record whose status changed was amended in the window (an
            # amendment's status changes when its record is amended again).
            status = {r["id"]: r["status"] for r in new}
            amended = {r["amends"]["id"] for r in feed["records"] if "amends" in r}
            assert {r.get("corrects") or r.get("retracts") or r["id"]
                    for r in old if r["status"] != status[r["id"]]} <= amended
        touched = {c["company"]: c for c in feed["companies"]}
        assert set(touched) == {r["company"] for r in feed["records"]}
        for company, report in touched.items():
            for row in report["figures"]:
                assert row["before"] == figures(company, row["date"], since)
                assert row["after"] == figures(company, row["date"], until)
                assert row["moved"] == any(row["before"][k] != row["after"][k] for k in FIGURES)
            # Every bitcoin record's period end the window touched is among the dates shown.
            shown = {row["date"] for row in report["figures"]}
            for r in feed["records"]:
                if r["company"] == company:
                    for version in (r, r.get("event"), r.get("amends", {}).get("replaced")):
                        if version and version.get("type") in BITCOIN:
                            assert parse_period(version["effective"]).end.isoformat() in shown
        # A company whose holdings moved on any day asked about was touched.
        for company in COMPANIES:
            for day in days:
                if figures(company, day.isoformat(), since) != \
                        figures(company, day.isoformat(), until):
                    assert company in touched, (company, day, since, until)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), days=query_days)
def test_the_figures_taken_from_the_walk_are_the_rolled_holdings_figures(
        make_db, batches: list[list[dict[str, Any]]], days: list[date]) -> None:
    # changes reads each day's figures from the walk roll takes, without building each
    # day's Holdings: on every day an entry ends (and the days asked about), at every
    # position, they are roll's figures exactly
    from projections import changes as changes_projection
    from projections import holdings as h

    db = make_db()
    positions = [0]
    for batch in batches:
        import_records(db, batch)
        positions.append(head(db))
    with open_reader(db) as reader, reader.reading() as cur:
        for position in positions:
            for company in COMPANIES:
                journal = h.entries(cur, company, None, position)
                as_of = sorted({*days, *(date.fromisoformat(e.end) for e in journal)})
                expected = [changes_projection.figures(held)
                            for held in h.roll(journal, company, as_of, position)]
                assert changes_projection.rolled(journal, company, as_of) == expected


@settings(max_examples=2000, deadline=None)
@given(sats=st.integers(-10**28, 10**28) | st.integers(-10**10, 10**10)
       | st.integers(-10**3, 10**3).map(lambda n: n * 10**8))
def test_a_figure_in_satoshis_reads_as_canonical_from_sats_gives_it(sats: int) -> None:
    from ledger.values import canonical, from_sats
    from projections.changes import btc_text

    assert btc_text(sats) == canonical(from_sats(sats))


_SOME_TEXT = st.text(alphabet='ab{}[],:"\\ 1é\u2028', max_size=6)


@settings(max_examples=600, deadline=None)
@given(record=st.dictionaries(_SOME_TEXT, _SOME_TEXT | st.integers(-2**63, 2**63 - 1) | st.none()
                              | st.lists(st.integers(0, 9), max_size=2), max_size=4),
       kind=st.sampled_from(["record", "correction"]), by=_SOME_TEXT, via=_SOME_TEXT,
       version=st.sampled_from([1, 2, 2, 3]), signed=st.booleans(), extra=st.booleans(),
       edit=st.none() | st.tuples(st.floats(0, 1), st.integers(0, 3),
                                  st.text(alphabet='{}[],:" \\1vé', max_size=3)))
def test_who_recorded_an_event_reads_the_same_around_its_record_as_from_all_of_it(
        record, kind, by, via, version, signed, extra, edit) -> None:
    # changes parses only what surrounds an event's record (the read model holds the record
    # itself): whatever the stored bytes, where it answers, it answers as parsing them all
    import orjson

    from ledger.provenance import _REFUSED, _framed, provenance_of

    content = orjson.dumps(record, option=orjson.OPT_SORT_KEYS).decode()
    body: dict[str, Any] = {"kind": kind, "record": record,
                            "recorded_at": "2026-01-01T00:00:00+00:00", "v": version}
    if version != 1:
        body |= {"recorded_by": by, "via": via}
    if signed:
        body["sig"] = {"key": "k1", "sig": "c2ln"}
    if extra:
        body["zz"] = [1, {"v": 1}]
    state = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    if edit is not None:
        at, cut, text = edit
        start = int(at * len(state))
        state = state[:start] + text.encode() + state[start + cut:]

    def outcome() -> tuple:
        try:
            return ("said", provenance_of(state))
        except (ValueError, KeyError, TypeError):
            return ("refused",)
        except AttributeError:  # not an object at all
            return ("not an envelope",)

    answer = _framed(state, content, {})
    if edit is None:
        assert answer is not None  # as ledger.envelope writes it: read around the record
    if answer is not None:
        assert (("refused",) if answer is _REFUSED else ("said", answer)) == outcome()


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2) | st.just(float("nan"))
    | st.text(alphabet="1ab", max_size=2),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(alphabet="ab1", max_size=2), inner, max_size=3)
    | st.dictionaries(st.integers(0, 1), inner, max_size=2),
    max_leaves=8)


@settings(max_examples=1000, deadline=None)
@given(a=_JSONISH, b=_JSONISH)
def test_a_field_changed_exactly_when_its_json_did(a, b) -> None:
    # a correction's changes (history's and the feed's) compare fields as their JSON
    import json

    from projections.history import _differ

    assert _differ(a, b) == (json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True))


@settings(max_examples=1000, deadline=None)
@given(text=st.recursive(st.none() | st.booleans() | st.integers() | st.floats()
                         | st.text(max_size=4),
                         lambda inner: st.lists(inner, max_size=3)
                         | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                         max_leaves=6).map(__import__("json").dumps)
       | st.text(alphabet=' {}[]":,1.eE-+a\\nul\x00é', max_size=12),
       as_bytes=st.booleans())
def test_stored_json_reads_as_json_loads_reads_it(text: str, as_bytes: bool) -> None:
    # the read model's contents and the stored envelopes are read by json.loads's own
    # scanner, called directly: the same value, or the same error
    import json

    from projections.stored_json import whole

    given_text = text.encode("utf-8", "surrogatepass") if as_bytes else text

    def outcome(read: Any) -> tuple:
        try:
            return ("value", repr(read(given_text)))
        except ValueError as e:
            return ("error", type(e).__name__, str(e))

    assert outcome(whole) == outcome(json.loads)


def test_a_corrections_entry_shares_no_list_with_its_event(seeded: str) -> None:
    """The feed's ``changes`` and ``amends.changed`` of a correction are built from the
    correction's own content: a caller of the Python API editing one leaves the event as
    stored."""
    before = head(seeded)
    api.correct(seeded, "mara-2024q4-purchase", reason="cited from the annual filing",
                fields={"sources": [{"document": "annual.txt", "line": 88}]})
    [correction] = api.changes(seeded, "MARA", f"@{before}")["records"]
    assert correction["changes"]["sources"]["to"] == [{"document": "annual.txt", "line": 88}]
    correction["changes"]["sources"]["to"].clear()
    correction["amends"]["changed"]["sources"][1][0]["line"] = 1
    assert correction["event"]["sources"] == [{"document": "annual.txt", "line": 88}]
