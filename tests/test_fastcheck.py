"""The import's fast validation path (ledger/fastcheck.py) never disagrees with the catalog.

For generated records, valid ones and ones mutated in every way a file can get them wrong,
the fast path either steps aside (None: the full pydantic model then accepts or refuses the
record, with its own messages) or gives exactly the canonical content the model gives. So an
import accepts and refuses exactly the same records, with the same messages, either way.
"""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import fastcheck
from ledger.events import RecordInvalid, validate_record
from ledger.jsonio import JsonNumber, iter_records

from .strategies import periods

FAST_TYPES = sorted(fastcheck._PLANS)
AMOUNTS = ["1", "0", "-1", "0.5", "12.50", "0.00000001", "0.000000001", "1.005", "21000000",
           "21000000.00000001", "1e3", "12,5", " 5", "007", "-0", "-0.0", "1000000000.99",
           "14574.0", ""]
TEXTS = ["Exaion", "  two   words ", "", " ", "é — note"]
DATES = ["2024-01-31", "2024-02-30", "2024-1-1", "2024-01-01/2024-01-01", "2024-Q1", "2024",
         "2024-02", "2024-01-01/2024-03-31", "2024-03-31/2024-01-01", "x"]
COMPANIES = ["MARA", "mara", "Marathon Digital", "C0001", "BRK.B", "", "  MARA", "toolongticker1"]
IDS = ["r-1", "a.b:c_d", "-bad", "", "x" * 129, "ok1"]
ODD = [None, True, False, 0, 7, -3, 1.5, JsonNumber("1.5"), JsonNumber("3"), [], {}, ["a"]]


FLAGS = [True, False, "true", "false", "TRUE", "yes", 1, 0]
#: A valid value of each field the generated records give one (else a text's).
PLAIN = {"btc": "1.5", "usd": "1.5", "loaned": "1.5", "pledged": "1.5", "principal_usd": "1.5",
         "conversion_price_usd": "1.5", "percent": "12", "shares": "12",
         "assumed_diluted": "12", "coupon_percent": "12", "conversion_rate": "12",
         "maturity": "2031-06-01", "headcount": "12", "revenue_usd": "1.5",
         "net_income_usd": "-1.5", "adjusted_ebitda_usd": "1.5", "ratio": "10",
         "options": "12", "restricted_units": "0", "warrants": "12",
         "preferred_as_converted": "12", "how": "repaid", "metric": "btc_per_share",
         "value": "0.5", "since": "2024-01-01", "hashrate_ehs": "12",
         "hashrate_kind": "energized", "blocks_won": "12", "btc_produced": "1.5"}
WORDS = ["converted", "repaid", "repurchased", "btc_per_share", "assumed_diluted_shares",
         "btc_yield", "energized", "installed", "Repaid", " repaid", ""]


#: One of the optional fields each type that needs at least one of them is given.
ONE_OF = {"headcount", "revenue_usd", "warrants", "blocks_won", "usd", "principal_usd"}


def _value(field: str) -> st.SearchStrategy[Any]:
    if field in ("btc", "usd", "loaned", "pledged", "percent", "principal_usd", "shares",
                 "assumed_diluted", "coupon_percent", "conversion_price_usd", "conversion_rate",
                 "headcount", "revenue_usd", "net_income_usd", "adjusted_ebitda_usd", "ratio",
                 "options", "restricted_units", "warrants", "preferred_as_converted",
                 "value", "hashrate_ehs", "blocks_won", "btc_produced"):
        return st.sampled_from(AMOUNTS) | st.integers(-5, 10**9)
    if field in ("how", "metric", "hashrate_kind"):
        return st.sampled_from(WORDS)
    if field == "since":
        return st.sampled_from(DATES) | periods()
    if field == "convertible":
        return st.sampled_from(FLAGS)
    if field in ("effective", "disclosed", "maturity"):
        return st.sampled_from(DATES) | periods()
    if field == "company":
        return st.sampled_from(COMPANIES)
    if field in ("id", "notes_id"):
        return st.sampled_from(IDS)
    return st.sampled_from(TEXTS)


@st.composite
def sources(draw: st.DrawFn) -> Any:
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.sampled_from(ODD))
    if choice == 1:
        return []
    items = []
    for _ in range(draw(st.integers(1, 2))):
        item: Any = {"document": draw(st.sampled_from(["f.txt", "", "  a  b "])),
                     "line": draw(st.sampled_from([1, 12, 0, -1, True, "3", JsonNumber("4"),
                                                   JsonNumber("4.0"), None]))}
        if draw(st.booleans()):
            item["url"] = draw(st.sampled_from(["https://x.example/a", "", None]))
        if draw(st.integers(0, 9)) == 0:
            item["page"] = 3
        if draw(st.integers(0, 9)) == 0:
            item = draw(st.sampled_from(ODD))
        items.append(item)
    return items


@st.composite
def records(draw: st.DrawFn) -> Any:
    record_type = draw(st.sampled_from(FAST_TYPES))
    model = fastcheck.CATALOG[record_type]
    record: dict[str, Any] = {"id": "r-1", "type": record_type, "company": "MARA",
                              "effective": "2024-03-31", "sources": [{"document": "f.txt",
                                                                      "line": 3}]}
    for name, field in model.model_fields.items():
        if name in record:
            continue
        if field.is_required() or draw(st.booleans()):
            record[name] = draw(_value(name)) if draw(st.integers(0, 2)) == 0 else (
                draw(st.booleans()) if name == "convertible" else PLAIN.get(name, "Exaion"))
    for _ in range(draw(st.integers(0, 3))):  # mutations
        name = draw(st.sampled_from([*record, "extra", "note", "disclosed"]))
        how = draw(st.integers(0, 4))
        if how == 0:
            record.pop(name, None)
        elif how == 1:
            record[name] = draw(st.sampled_from(ODD))
        elif how == 2:
            record[name] = draw(sources()) if name == "sources" else draw(_value(name))
        elif how == 3 and name == "type":
            record[name] = draw(st.sampled_from([*FAST_TYPES, "correction", "nope", 3]))
        else:
            record[name] = draw(_value(name))
    if draw(st.integers(0, 20)) == 0:
        return draw(st.sampled_from(ODD))
    return record


def _model(raw: Any) -> tuple[str, Any]:
    try:
        return "accepted", validate_record(raw).content()
    except RecordInvalid as e:
        return "refused", e.problems
    except TypeError as e:  # e.g. "type": [] (unhashable) is not handled by the model today
        return "crashed", str(e)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=records())
def test_fast_path_steps_aside_or_gives_exactly_the_models_content(raw: Any) -> None:
    fast = fastcheck.content(raw)
    verdict, model = _model(raw)
    if fast is not None:
        assert verdict == "accepted", model
        assert fast == model


def test_plain_records_of_every_covered_type_take_the_fast_path():
    lines = [
        '{"id":"a","type":"btc_mined","company":"MARA","effective":"2024-Q1","btc":"700",'
        '"usd":"12.50","sources":[{"document":"f.txt","line":1}]}',
        '{"id":"b","type":"btc_balance_disclosed","company":"Marathon Digital","effective":'
        '"2024-03-31","btc":"1000.10","loaned":"5","pledged":"0","disclosed":"2024-04-02",'
        '"note":"  as  stated ","sources":[{"document":"f.txt","line":2,"url":"https://x"}]}',
        '{"id":"c","type":"btc_change_disclosed","company":"MARA","effective":"2024",'
        '"btc":"-20880","sources":[{"document":"f.txt","line":3}]}',
        '{"id":"d","type":"btc_loaned","company":"MARA","effective":"2024-01-01/2024-02-29",'
        '"btc":"0.00000001","counterparty":"Desk","sources":[{"document":"f.txt","line":4}]}',
    ]
    for raw in iter_records(iter(lines), "f.jsonl"):
        fast = fastcheck.content(raw.data)
        assert fast is not None, raw.data
        assert fast == validate_record(raw.data).content()
    # Amendments and covered types with class-level rules broken always take the model.
    assert fastcheck.content({"id": "x", "type": "retraction", "retracts": "a",
                              "reason": "withdrawn"}) is None
    over = {"id": "b", "type": "btc_balance_disclosed", "company": "MARA",
            "effective": "2024-03-31", "btc": "10", "loaned": "6", "pledged": "6",
            "sources": [{"document": "f.txt", "line": 2}]}
    assert fastcheck.content(over) is None
    assert _model(over)[0] == "refused"


def test_types_with_class_rules_take_the_fast_path_unless_a_class_rule_is_broken():
    base = {"company": "MARA", "effective": "2024-12-31",
            "sources": [{"document": "f.txt", "line": 1}]}
    plain = [
        {"id": "s", "type": "shares_outstanding_disclosed", "shares": "321000000", **base},
        {"id": "s", "type": "shares_outstanding_disclosed", "shares": "321000000",
         "assumed_diluted": "350000000", **base},
        {"id": "n", "type": "notes_issued", "principal_usd": "1000000000",
         "coupon_percent": "0", "convertible": True, "conversion_rate": "5.4",
         "maturity": "2031-06-01", **base},
        {"id": "n", "type": "notes_issued", "principal_usd": "100", "coupon_percent": "4.5",
         "convertible": "false", **base},
        {"id": "w", "type": "workforce_reduced", "headcount": "120", **base},
        {"id": "r", "type": "results_reported", "net_income_usd": "-5.25", **base},
        {"id": "x", "type": "stock_split", "ratio": "0.1", **base},
        {"id": "d", "type": "dilutive_securities_disclosed", "warrants": "0", **base},
        {"id": "t", "type": "notes_retired", "principal_usd": "100", "how": "converted",
         "shares": "40", "notes_id": "n", **base},
        {"id": "k", "type": "kpi_disclosed", "metric": "btc_yield", "value": "-0.5",
         "since": "2024-01-01", **base},
        {"id": "k", "type": "kpi_disclosed", "metric": "btc_per_share", "value": "0.0005",
         **base},
        {"id": "o", "type": "operations_reported", "hashrate_ehs": "50.1",
         "hashrate_kind": "energized", "blocks_won": "700", **base},
    ]
    for raw in plain:
        fast = fastcheck.content(raw)
        assert fast is not None, raw
        assert fast == validate_record(raw).content()
    broken = [
        {**plain[1], "assumed_diluted": "300000000"},  # fewer diluted than basic shares
        {**plain[0], "effective": "2024-Q4"},  # a count is as of one date
        {**plain[3], "conversion_price_usd": "12.5"},  # terms on notes not convertible
        {**plain[4], "headcount": None},  # no size at all (a null: the model says so)
        {k: v for k, v in plain[5].items() if k != "net_income_usd"},  # no figure
        {**plain[6], "ratio": "1.00"},  # a split that changes nothing
        {**plain[7], "effective": "2024"},  # a count is as of one date
        {k: v for k, v in plain[7].items() if k != "warrants"},  # no count
        {**plain[8], "how": "repaid"},  # shares only on conversion
        {**plain[8], "how": "Converted"},  # not one of the words
        {**plain[9], "since": "2024-12-31"},  # a yield since its own date
        {k: v for k, v in plain[9].items() if k != "since"},  # a yield since when?
        {**plain[10], "since": "2024-01-01"},  # since only for a yield
        {**plain[10], "value": "0"},  # a per-share figure of 0
        {**plain[10], "effective": "2024-Q4"},  # a KPI is as of one date
        {k: v for k, v in plain[11].items() if k != "hashrate_kind"},  # a rate of what kind
        {**plain[11], "hashrate_kind": "rented"},
    ]
    for raw in broken:
        assert fastcheck.content(raw) is None
        assert _model(raw)[0] == "refused"
    both = {**plain[2], "conversion_price_usd": "185.19"}  # rate and price: the model checks
    assert fastcheck.content(both) is None


# --- the line path: msgspec structs generated from the models ---------------------------------


def _json(value: Any) -> str:
    """JSON text, a JsonNumber written as the bare number it was read from."""
    if isinstance(value, JsonNumber):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


@st.composite
def lines(draw: st.DrawFn) -> str:
    """A record written as one line, and sometimes written wrong in ways only the text shows:
    a key given twice, a colon or quote inside text, spaces, a trailing comma, cut short."""
    raw = draw(records())
    text = _json(raw)
    how = draw(st.integers(0, 9))
    if isinstance(raw, dict) and raw and how == 0:  # a key twice, either value kept
        key = draw(st.sampled_from(sorted(raw)))
        again = _json(draw(_value(key))) if draw(st.booleans()) else _json(raw[key])
        text = text[:-1] + f",{json.dumps(key)}:{again}" + "}"
    elif isinstance(raw, dict) and how == 1:
        text = text.replace('"sources":', '"sources" : ').replace(",", " , ")
    elif how == 2:
        text = text.replace('"Exaion"', '"a: \\"b\\": c"')
    elif how == 3:
        text = text[:draw(st.integers(0, max(0, len(text) - 1)))]
    elif how == 4:
        text = text.replace("}", ",}", 1)
    elif how == 5:
        text = text.replace('"line":3', '"line":3.0').replace('"line":12', '"line":1e1')
    return text + draw(st.sampled_from(["", "\n", " \r\n"]))


def _ordinary(line: str) -> tuple[str, Any]:
    """What an import does with the line without the msgspec path."""
    found = list(iter_records(io.StringIO(line), "f.jsonl"))
    raw = found[0] if found else None
    if raw is None:
        return "blank", None
    if raw.error:
        return "unreadable", raw.error
    return _model(raw.data)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=lines())
def test_line_path_steps_aside_or_gives_exactly_the_models_content(line: str) -> None:
    fast = fastcheck.line_content(line)
    verdict, model = _ordinary(line)
    if fast is not None:
        assert verdict == "accepted", (line, model)
        assert fast == model


def test_plain_lines_of_every_covered_type_take_the_line_path():
    for record_type in FAST_TYPES:
        model = fastcheck.CATALOG[record_type]
        record: dict[str, Any] = {"id": "r-1", "type": record_type, "company": "MARA",
                                  "effective": "2024-03-31",
                                  "sources": [{"document": "f.txt", "line": 3}]}
        for name, field in model.model_fields.items():
            # (and one of the fields some types need at least one of)
            if name not in record and (field.is_required() or name in ONE_OF):
                record[name] = (True if name == "convertible" else
                                PLAIN.get(name, "Exaion"))
        line = json.dumps(record)
        fast = fastcheck.line_content(line)
        assert fast is not None, line
        assert fast == validate_record(record).content()
        # The same line with a key written twice, or a number where text goes, steps aside.
        assert fastcheck.line_content(line[:-1] + ', "company": "MARA"}') is None
        assert fastcheck.line_content(line.replace('"line": 3', '"line": "3"')) is None
    assert fastcheck.line_content('{"id":"x","type":"retraction","retracts":"a",'
                                  '"reason":"withdrawn"}') is None


def test_a_remembered_line_number_is_never_the_answer_for_true_or_a_fraction():
    """A source's line is remembered by its value (whole numbers repeat across a file):
    ``true`` equals 1 and 1.0 equals 1 in a dictionary, and neither may be taken for it."""
    base = {"id": "r-1", "type": "btc_purchased", "company": "MARA", "effective": "2024-03-31",
            "btc": "1.5", "sources": [{"document": "f.txt", "line": 1}]}
    assert fastcheck.line_content(json.dumps(base)) is not None  # line 1 remembered
    for odd in (True, 1.0, "1"):
        record = {**base, "sources": [{"document": "f.txt", "line": odd}]}
        assert fastcheck.line_content(json.dumps(record)) is None, odd
        verdict, _ = _ordinary(json.dumps(record))
        assert verdict != "accepted" or odd == "1", odd


def test_an_import_reads_plain_lines_through_the_line_path(tmp_path, monkeypatch):
    from ledger import importer

    seen: list[str] = []
    real = fastcheck.line_content

    def spy(line: str) -> Any:
        found = real(line)
        seen.append("fast" if found is not None else "ordinary")
        return found

    monkeypatch.setattr(fastcheck, "line_content", spy)
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id":"a","type":"btc_mined","company":"MARA","effective":"2024-Q1","btc":"700",'
        '"sources":[{"document":"f.txt","line":1}]}\n'
        '{"id":"b","type":"btc_mined","company":"MARA","effective":"2024-Q1","btc":"1e3",'
        '"sources":[{"document":"f.txt","line":2}]}\n')

    class Spool:
        added: list[Any] = []

        def add(self, where: str, p: Any) -> None:
            self.added.append(p)

    problems = list(importer.validate_into(Spool(), str(path), None, None))
    assert seen == ["fast", "ordinary"]
    assert [p.record_id for p in Spool.added] == ["a"]
    assert len(problems) == 1 and problems[0][:3] == (f"{path}:2", "b", "btc")


# --- the fast path's table (ledger/fieldrules.py) is the models' own -----------------------


def test_the_fast_path_table_is_what_the_models_state():
    """Every type the fast path takes has its row in ``fieldrules.PLANS`` with exactly the
    model's fields, each checked by the very function the model's ``BeforeValidator`` calls,
    the same JSON type and the same required fields; every other type steps aside."""
    from ledger import fieldrules
    from ledger.events import Source

    derived = {t: plan for t, model in fastcheck.CATALOG.items()
               if (plan := fastcheck.plan_of_model(model)) is not None}
    assert derived == fieldrules.PLANS
    for record_type, plan in fieldrules.PLANS.items():  # and in the models' order
        assert list(plan) == [n for n in fastcheck.CATALOG[record_type].model_fields
                              if n not in ("type", "sources")]
    assert fastcheck.plan_of_model(Source) == fieldrules.SOURCE


def test_the_fast_amendment_table_is_what_the_models_state():
    from ledger.events import AMENDMENTS

    for record_type, model in AMENDMENTS.items():
        fields = {n: f for n, f in model.model_fields.items()
                  if n not in ("type", "sources", "event")}
        rules = fastcheck._AMENDMENTS[record_type]
        assert set(rules) == set(fields)
        for name, field in fields.items():
            assert rules[name] == (fastcheck.rule_of(field), field.is_required()), name
        assert tuple(model.model_fields) == fastcheck._AMENDMENT_ORDER[record_type]


@st.composite
def amendments(draw: st.DrawFn) -> Any:
    """Corrections (of a generated record, valid or not) and retractions, valid and mutated."""
    record_type = draw(st.sampled_from(["correction", "retraction"]))
    raw: dict[str, Any] = {"id": draw(st.just("c-1") | st.sampled_from(IDS)),
                           "type": record_type,
                           "reason": draw(st.just("restated") | st.sampled_from(TEXTS))}
    target = draw(st.just("r-1") | st.sampled_from(IDS))
    raw["corrects" if record_type == "correction" else "retracts"] = target
    if record_type == "correction":
        event = draw(records()) if draw(st.booleans()) else {
            "type": draw(st.sampled_from(FAST_TYPES[:3])), "company": "MARA",
            "effective": "2024-03-31", "btc": draw(st.just("1.5") | st.sampled_from(AMOUNTS)),
            "sources": [{"document": "f.txt", "line": 3}]}
        if isinstance(event, dict) and draw(st.integers(0, 3)):
            how = draw(st.integers(0, 3))
            if how == 0:
                event["id"] = target
            elif how == 1:
                event.pop("id", None)
            elif how == 2:
                event["type"] = draw(st.sampled_from(["correction", "retraction"]))
        raw["event"] = event
    if draw(st.integers(0, 3)) == 0:
        raw["sources"] = draw(sources())
    if draw(st.integers(0, 3)) == 0:
        raw["note"] = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.sampled_from([0, 0, 1, 2]))):  # mutations
        name = draw(st.sampled_from([*raw, "extra", "corrects", "retracts", "event"]))
        how = draw(st.integers(0, 2))
        if how == 0:
            raw.pop(name, None)
        elif how == 1:
            raw[name] = draw(st.sampled_from(ODD))
        else:
            raw[name] = draw(st.sampled_from(IDS + TEXTS))
    return raw


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=amendments())
def test_fast_amendment_steps_aside_or_gives_exactly_the_models_content(raw: Any) -> None:
    fast = fastcheck.amendment(raw)
    verdict, model = _model(raw)
    if fast is not None:
        assert verdict == "accepted", model
        assert fast == model
        assert list(fast) == list(model)  # the model's field order too


def test_plain_corrections_and_retractions_take_the_fast_path():
    event = {"type": "btc_mined", "company": "MARA", "effective": "2024-Q1", "btc": "700",
             "sources": [{"document": "f.txt", "line": 1}]}
    for raw in ({"id": "c", "type": "correction", "corrects": "a", "reason": " restated ",
                 "event": event},
                {"id": "c", "type": "correction", "corrects": "a", "reason": "restated",
                 "event": {**event, "id": "a"}, "note": "n",
                 "sources": [{"document": "g.txt", "line": 2}]},
                {"id": "r", "type": "retraction", "retracts": "a", "reason": "withdrawn"}):
        fast = fastcheck.amendment(raw)
        assert fast is not None, raw
        assert fast == validate_record(raw).content()
    # A replacement naming another id, or the model's own messages, take the model.
    assert fastcheck.amendment({"id": "c", "type": "correction", "corrects": "a",
                                "reason": "x", "event": {**event, "id": "b"}}) is None
    assert fastcheck.amendment({"id": "c", "type": "retraction", "retracts": "a"}) is None


@given(text=st.one_of(
    st.text(alphabet="0123456789-.", max_size=32),
    st.builds(lambda sign, whole, fraction: f"{sign}{whole}{fraction}",
              st.sampled_from(["", "-"]), st.integers(0, 10**30).map(str),
              st.one_of(st.just(""), st.integers(0, 10**12).map(lambda n: f".{n}")))))
def test_an_amount_taken_as_its_own_canonical_text_is_canonical(text: str) -> None:
    """The line path keeps an amount's text as its canonical form without normalizing it
    (``fastcheck._canonical_text``) only where ``values.canonical`` writes it so."""
    from decimal import Decimal

    from ledger.values import canonical

    if fastcheck._canonical_text(text):
        assert canonical(Decimal(text)) == text


def test_amounts_not_in_canonical_form_are_written_again() -> None:
    for text in ("-0", "0.0", "12.50", "007", "1.", "1" * 29):
        assert not fastcheck._canonical_text(text)
    for text in ("0", "-0.5", "12.5", "21000000", "0.00000001", "1" * 28):
        assert fastcheck._canonical_text(text)


#: Every amount rule of the catalog (each ``fieldrules.amount`` the plans name).
AMOUNT_RULES = sorted({check for plan in fastcheck.fieldrules.PLANS.values()
                       for check, _, _ in plan.values() if hasattr(check, "canonical_text")},
                      key=id)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(rule=st.sampled_from(AMOUNT_RULES), text=st.one_of(
    st.sampled_from(AMOUNTS + ["100", "100.0001", "-21000000.00000001", "0.1", "1" * 29,
                               "0.000000000000000001", "0.0000000000000000001"]),
    st.text(alphabet="0123456789-.", max_size=30),
    st.builds(lambda sign, whole, fraction: f"{sign}{whole}{fraction}",
              st.sampled_from(["", "-"]), st.integers(0, 10**22).map(str),
              st.one_of(st.just(""), st.integers(0, 10**19).map(lambda n: f".{n}")))))
def test_an_amount_read_straight_from_its_canonical_text_is_what_its_rule_gives(
        rule: Any, text: str) -> None:
    """The fast path reads an amount written in canonical form straight from its text
    (``canonical_text`` of the rule, ``fieldrules.amount``): the very amount the rule
    gives, kept as the text written; anything else (out of bounds, too many places, not
    canonical) is left to the rule itself, which then refuses or normalizes it."""
    field = fastcheck._Field(rule)
    quick = rule.canonical_text(text)
    try:
        checked = rule(text)
    except ValueError:
        assert quick is None
        return
    if quick is not None:
        assert quick == checked and str(quick) == str(checked) and field.quick(text) == \
            (checked, text)
    elif fastcheck._canonical_text(text):
        raise AssertionError(f"{text!r}: canonical and valid, but not read straight")


def test_ids_and_amounts_are_read_straight_by_the_fast_path() -> None:
    from ledger import fieldrules

    assert fastcheck._Field(fieldrules.record_id).quick("r-17") == ("r-17", "r-17")
    assert fastcheck._Field(fieldrules.record_id).quick("-r") is None
    btc = fastcheck._Field(fieldrules.BTC_POSITIVE)
    assert btc.quick("0.00000001") == (fastcheck.Decimal("0.00000001"), "0.00000001")
    for text in ("0", "0.000000001", "21000000.00000001", "1.50", "-1"):
        assert btc.quick(text) is None
    assert fastcheck._Field(fieldrules.BTC_SIGNED).quick("-20880") == \
        (fastcheck.Decimal("-20880"), "-20880")
