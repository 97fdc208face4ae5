"""A fast path through validation for the common, plain records of an import or a write.

``content(raw)`` returns the canonical content the catalog's pydantic model would give for
``raw`` (``validate_record(raw).content()``), or None whenever it is not sure: any problem,
any unusual input (a null, a number where text is expected, a missing or unknown field), any
type it does not cover. The caller then runs the full model, so every record is accepted or
refused exactly as before, with the same messages: this path never refuses anything.

It runs the catalog's own field rules: each field is checked by the very function the
model's ``BeforeValidator`` calls (``fieldrules.py``, the table ``fieldrules.PLANS`` of each
covered type's fields, which ``tests/test_fastcheck.py`` holds equal to what
``plan_of_model`` reads from the models), so an amount, period, company or id is checked
the same way on both paths. What it leaves out is the pydantic machinery around them, and
pydantic itself: a valid record of a covered type is checked without importing it or
building any model, which is most of a write's start-up. A model with class-level
validators is covered only if it is listed in ``_AFTER`` with the same check; any other such
type always takes the full model. ``amendment(raw)`` does the same for a correction (whose
replacement is a covered record) or a retraction. ``tests/test_fastcheck.py`` holds both
paths equal on generated valid and mutated records.

``line_content(line)`` does the same for one line of a JSON Lines file, read with msgspec
instead of orjson: a struct generated from each covered type's row (its fields, which are
required, text or whole-number on the wire) decodes and type-checks the line in one pass,
then the same field rules run. Anything the struct does not take (a number where text is
expected, a null, an unknown or missing field, a type not covered, malformed JSON) gives
None, and the line is read the ordinary way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Union

from . import fieldrules
from .jsonio import JsonNumber
from .values import Period, canonical, parse_effective

Check = Callable[[Any], Any]


def __getattr__(name: str) -> Any:
    if name == "CATALOG":  # the models, for whoever reads them from here (the tests)
        from .events import CATALOG
        return CATALOG
    raise AttributeError(name)


def _serialized(value: Any) -> Any:
    """A checked value as the model serializes it."""
    if isinstance(value, Decimal):
        return canonical(value)
    if isinstance(value, Period):
        return value.text
    if isinstance(value, date):
        return value.isoformat()
    return value


def _balance_within_total(content: dict[str, Any], values: dict[str, Any]) -> bool:
    period = values["effective"]
    if not period.is_single_date:
        return False
    stated = values.get("loaned", Decimal(0)) + values.get("pledged", Decimal(0))
    return not stated > values["btc"]


def _diluted_at_least_basic(content: dict[str, Any], values: dict[str, Any]) -> bool:
    if not values["effective"].is_single_date:
        return False
    diluted = values.get("assumed_diluted")
    return diluted is None or not diluted < values["shares"]


def _plain_note_terms(content: dict[str, Any], values: dict[str, Any]) -> bool:
    """Conversion terms only on convertible notes, and not both a rate and a price: whether
    those two agree is the model's own check (``events.conversion_terms_disagree``)."""
    if not _in_usd(values, "principal_usd"):
        return False
    price, rate = values.get("conversion_price_usd"), values.get("conversion_rate")
    if not values["convertible"] and (price or rate):
        return False
    return price is None or rate is None


#: The fields of figures stated in another currency (``events._in_currency``): a record
#: with any of them takes the full model, which checks how they go together.
_IN_CURRENCY = ("currency", "principal", "amount", "conversion_price")


def _in_usd(values: dict[str, Any], *needed: str) -> bool:
    """No figure in another currency, and one of ``needed`` given."""
    return (not any(name in values for name in _IN_CURRENCY)
            and any(name in values for name in needed))


def _plain_equity(content: dict[str, Any], values: dict[str, Any]) -> bool:
    return _in_usd(values, "usd", "shares")


def _any_of(*fields: str, one_date: bool = False
            ) -> Callable[[dict[str, Any], dict[str, Any]], bool]:
    """At least one of ``fields`` given (and, with ``one_date``, a period of one date)."""

    def after(content: dict[str, Any], values: dict[str, Any]) -> bool:
        if one_date and not values["effective"].is_single_date:
            return False
        return any(values.get(f) is not None for f in fields)

    return after


def _split_changes_something(content: dict[str, Any], values: dict[str, Any]) -> bool:
    return values["effective"].is_single_date and values["ratio"] != 1


def _shares_only_when_converted(content: dict[str, Any], values: dict[str, Any]) -> bool:
    if not _in_usd(values, "principal_usd"):
        return False
    return values.get("shares") is None or values["how"] == "converted"


def _kpi_terms(content: dict[str, Any], values: dict[str, Any]) -> bool:
    period, since = values["effective"], values.get("since")
    if not period.is_single_date:
        return False
    if values["metric"] == "btc_yield":
        return since is not None and since < period.end
    return since is None and values["value"] > 0


def _some_operation(content: dict[str, Any], values: dict[str, Any]) -> bool:
    rate = values.get("hashrate_ehs")
    return ((rate is not None or values.get("blocks_won") is not None
             or values.get("btc_produced") is not None)
            and (rate is None) == (values.get("hashrate_kind") is None))


#: Class-level validators, restated: the record is fast-checked only if this returns True.
_AFTER: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "btc_balance_disclosed": _balance_within_total,
    "shares_outstanding_disclosed": _diluted_at_least_basic,
    "notes_issued": _plain_note_terms,
    "workforce_reduced": _any_of("percent", "headcount"),
    "results_reported": _any_of("revenue_usd", "net_income_usd", "adjusted_ebitda_usd"),
    "stock_split": _split_changes_something,
    "dilutive_securities_disclosed": _any_of("options", "restricted_units", "warrants",
                                             "preferred_as_converted", one_date=True),
    "notes_retired": _shares_only_when_converted,
    "equity_issued": _plain_equity,
    "kpi_disclosed": _kpi_terms,
    "operations_reported": _some_operation,
}


#: Distinct text values remembered per field rule: companies, periods and documents repeat
#: across a file, so each is checked once; a rule whose values never repeat (ids, most
#: amounts) stops remembering once this many are, which bounds the memory it takes.
_MEMO_LIMIT = 1024
#: An amount written as ``values.canonical`` writes it (no sign on zero, no leading or
#: trailing zeros, no exponent), in fewer digits than the decimal context's precision
#: (which ``canonical``'s ``normalize`` rounds to): its own canonical text, read without
#: normalizing (tests/test_fastcheck.py holds the two equal).
_CANONICAL_AMOUNT = re.compile(r"(?!-0$)-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?")


def _canonical_text(text: str) -> bool:
    return len(text) <= 28 and _CANONICAL_AMOUNT.fullmatch(text) is not None


#: The periods a file names (every day, month, quarter and year of some ten years: about
#: 4,000) repeat across it however large it is: remembered up to this many.
_PERIOD_MEMO_LIMIT = 8192
#: One memory per rule (the same rule serves a field in many record types).
_MEMOS: dict[Check, dict[str, tuple[Any, Any]]] = {}


def forget(check: Check) -> None:
    """Forget what ``check`` gave (a rule whose answers changed: ``companies.reload``)."""
    memo = _MEMOS.get(check)
    if memo is not None:
        memo.clear()


class _Field:
    """One field's check, with what it gave for text values already seen (and whole
    numbers: a source's line). A field rule is a function of the value alone, so a
    remembered result is the result; only values whose type is exactly ``str`` or ``int``
    are remembered (``True == 1`` must never share a result, nor ``1.0``; text and a number
    never compare equal)."""

    __slots__ = ("check", "memo", "limit", "quick")

    def __init__(self, check: Check):
        self.check = check
        self.memo = _MEMOS.setdefault(check, {})
        self.limit = _PERIOD_MEMO_LIMIT if check is parse_effective else _MEMO_LIMIT
        #: For text (exactly ``str``) whose values seldom repeat (ids, amounts): the result
        #: of a valid value without the rule's general checks, or None (then the rule).
        self.quick = _quick_id if check is fieldrules.record_id else \
            _quick_amount(check.canonical_text) if hasattr(check, "canonical_text") else None

    def __call__(self, value: Any) -> tuple[Any, Any]:
        """(checked value, as the model serializes it); raises as the check does. The
        callers look in ``memo`` themselves first (the hot path: no call)."""
        if self.quick is not None and type(value) is str:
            found = self.quick(value)
            if found is not None:
                if len(self.memo) < self.limit:
                    self.memo[value] = found
                return found
        checked = self.check(value)
        if type(checked) is Decimal and type(value) is str and _canonical_text(value):
            found = (checked, value)  # the amount was written as ``canonical`` writes it
        else:
            found = (checked, _serialized(checked))
        if (type(value) is str or type(value) is int) and len(self.memo) < self.limit:
            self.memo[value] = found
        return found


def _quick_id(value: str) -> tuple[str, str] | None:
    """``fieldrules.record_id`` of text: the id itself, as the model serializes it."""
    return (value, value) if fieldrules.ID.fullmatch(value) is not None else None


def _quick_amount(canonical_text: Callable[[str], Decimal | None]
                  ) -> Callable[[str], tuple[Decimal, str] | None]:
    """An amount rule's ``canonical_text``: the amount, and its text as written (already
    ``values.canonical``'s, so what ``_serialized`` gives)."""

    def quick(value: str) -> tuple[Decimal, str] | None:
        amount = canonical_text(value)
        return None if amount is None else (amount, value)

    return quick


def _plan(fields: fieldrules.Plan, *also: str) -> tuple[dict[str, _Field], frozenset[str]]:
    """(field -> check, required fields) of one row of ``fieldrules.PLANS``; ``also``: the
    required fields checked apart (a record's type and sources)."""
    checks = {name: _Field(check) for name, (check, _, _) in fields.items()}
    return checks, frozenset([*(n for n, (_, _, r) in fields.items() if r), *also])


_PLANS = {t: _plan(fields, "type", "sources") for t, fields in fieldrules.PLANS.items()}
_SOURCE_PLAN = _plan(fieldrules.SOURCE)


def rule_of(field: Any) -> Check | None:
    """The function a model field's ``BeforeValidator`` calls (also inside ``X | None``)."""
    from typing import get_args

    from pydantic import BeforeValidator

    for meta in field.metadata:
        if isinstance(meta, BeforeValidator):
            return meta.func
    for arg in get_args(field.annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, BeforeValidator):
                return meta.func
    return _literal_rule(field.annotation)


def _literal_rule(annotation: Any) -> Check | None:
    """A ``Literal`` of words (also inside ``X | None``) as a rule: ``fieldrules.one_of``."""
    from typing import Literal, get_args, get_origin

    kinds = [annotation] if get_origin(annotation) is Literal else [
        a for a in get_args(annotation) if a is not type(None)]
    if len(kinds) != 1 or get_origin(kinds[0]) is not Literal:
        return None
    words = get_args(kinds[0])
    return fieldrules.one_of(*words) if all(type(w) is str for w in words) else None


def plan_of_model(model: type) -> fieldrules.Plan | None:
    """A model's row of ``fieldrules.PLANS`` as the model itself states it (each field's
    ``BeforeValidator``, JSON type and whether it is required), or None if the fast path
    can't take it (a field with no rule and no ``Literal`` of words, or a class-level rule
    not restated in ``_AFTER``).
    Imports pydantic: for the test that holds the table equal to the models."""
    from typing import get_args

    def wire(field: Any) -> type:
        kinds = [a for a in (get_args(field.annotation) or (field.annotation,))
                 if a is not type(None)]
        return int if kinds == [int] else bool if kinds == [bool] else str

    decorators = model.__pydantic_decorators__  # type: ignore[attr-defined]
    fields = model.model_fields  # type: ignore[attr-defined]
    record_type = fields["type"].annotation.__args__[0] if "type" in fields else None
    if (decorators.field_validators or decorators.model_validators) and \
            record_type not in _AFTER:
        return None
    plan: fieldrules.Plan = {}
    for name, field in fields.items():
        if name in ("type", "sources"):
            continue
        check = rule_of(field)
        if check is None:
            return None
        plan[name] = (check, wire(field), field.is_required())
    return plan


def _sources(raw: Any) -> list[dict[str, Any]] | None:
    """A record's ``sources``: a list of at least one source, each as ``_source`` takes it."""
    if type(raw) is not list or not raw:
        return None
    sources = []
    for item in raw:
        source = _source(item)
        if source is None:
            return None
        sources.append(source)
    return sources


def _source(raw: Any) -> dict[str, Any] | None:
    if type(raw) is not dict:
        return None
    checks, required = _SOURCE_PLAN
    if not required <= raw.keys():
        return None
    out = {}
    for name, value in raw.items():
        field = checks.get(name)
        if field is None or value is None or isinstance(value, JsonNumber):
            return None
        found = field.memo.get(value) if type(value) is str else None
        out[name] = (found or field(value))[1]
    return out


def content(raw: Any) -> dict[str, Any] | None:
    """The record's canonical content, or None: then validate it with the full model."""
    if type(raw) is not dict:
        return None
    record_type = raw.get("type")
    plan = _PLANS.get(record_type) if type(record_type) is str else None
    if plan is None:
        return None
    checks, required = plan
    if not required <= raw.keys():
        return None
    out: dict[str, Any] = {}
    values: dict[str, Any] = {}
    get = checks.get
    try:
        for name, value in raw.items():
            if type(value) is str:  # the common case: a remembered result, or the check
                if name == "type":
                    out[name] = value
                    continue
                field = get(name)
                if field is None:
                    return None
                values[name], out[name] = field.memo.get(value) or field(value)
            elif value is None or isinstance(value, JsonNumber):
                return None
            elif name == "sources":
                sources = _sources(value)
                if sources is None:
                    return None
                out[name] = sources
            else:
                field = get(name)
                if field is None:
                    return None
                values[name], out[name] = field(value)
    except (ValueError, TypeError, AssertionError):
        return None
    after = _AFTER.get(record_type)
    if after is not None and not after(out, values):
        return None
    return out


# --- corrections and retractions ---------------------------------------------------------

#: An amendment's fields besides its type: (rule, required). ``sources`` is checked apart.
_AMENDMENTS: dict[str, dict[str, tuple[Check, bool]]] = {
    "correction": {"id": (fieldrules.record_id, True), "reason": (fieldrules.text, True),
                   "note": (fieldrules.text, False), "corrects": (fieldrules.record_id, True)},
    "retraction": {"id": (fieldrules.record_id, True), "reason": (fieldrules.text, True),
                   "note": (fieldrules.text, False), "retracts": (fieldrules.record_id, True)},
}
#: The model's field order (its content lists them so).
_AMENDMENT_ORDER = {"correction": ("id", "type", "reason", "sources", "note", "corrects", "event"),
                    "retraction": ("id", "type", "reason", "sources", "note", "retracts")}


def amendment(raw: Any) -> dict[str, Any] | None:
    """A correction's or retraction's canonical content (``validate_record(raw).content()``),
    or None: then validate it with the full model. A correction's replacement (``event``)
    must be a record ``content`` takes, with no id or the corrected record's."""
    if type(raw) is not dict:
        return None
    record_type = raw.get("type")
    fields = _AMENDMENTS.get(record_type) if type(record_type) is str else None
    if fields is None:
        return None
    out: dict[str, Any] = {}
    try:
        for name, value in raw.items():
            if name == "type":
                continue
            if name == "sources":
                sources = _sources(value)
                if sources is None:
                    return None
                out[name] = sources
            elif name == "event" and record_type == "correction":
                continue
            elif name in fields and type(value) is str:
                out[name] = fields[name][0](value)
            else:
                return None
    except (ValueError, TypeError, AssertionError):
        return None
    if any(required and name not in out for name, (_, required) in fields.items()):
        return None
    out["type"] = record_type
    if record_type == "correction":
        event = raw.get("event")
        if type(event) is not dict or ("id" in event and event["id"] != out["corrects"]):
            return None
        replacement = content({**event, "id": out["corrects"]})
        if replacement is None:
            return None
        out["event"] = replacement
    return {name: out[name] for name in _AMENDMENT_ORDER[record_type] if name in out}


# --- one line of JSON Lines, through msgspec ------------------------------------------------

#: The key-and-colon pairs written in a line: as many as the struct holds fields means no
#: key was written twice (msgspec, like orjson, keeps the last of two).
_KEY_END = re.compile(r'"\s*:')


def _struct(name: str, plan: fieldrules.Plan, required: frozenset[str],
            extra: list[tuple[str, Any]], **tagging: Any) -> Any:
    import msgspec

    fields: list[tuple[Any, ...]] = list(extra)
    for field_name, (_, wire, _) in plan.items():
        fields.append((field_name, wire) if field_name in required
                      else (field_name, wire | msgspec.UnsetType, msgspec.UNSET))
    return msgspec.defstruct(name, fields, kw_only=True, forbid_unknown_fields=True,
                             **tagging)


class _Lines:
    """The decoder and, per struct, (fields with their checks, record type, class rule)."""

    def __init__(self) -> None:
        import msgspec

        checks, required = _SOURCE_PLAN
        source = _struct("Source", fieldrules.SOURCE, required, [])
        self.source_fields = [(name, checks[name]) for name in source.__struct_fields__]
        self.plans: dict[type, tuple[list[tuple[str, _Field | None]], str, Any]] = {}
        for record_type, (checks, required) in _PLANS.items():
            struct = _struct(record_type, fieldrules.PLANS[record_type], required,
                             [("sources", list[source])], tag_field="type", tag=record_type)
            self.plans[struct] = ([(name, checks.get(name)) for name in struct.__struct_fields__],
                                  record_type, _AFTER.get(record_type))
        self.decode = msgspec.json.Decoder(Union[tuple(self.plans)]).decode  # type: ignore[misc]
        #: A struct's values in its fields' order, in one call (not one ``getattr`` each).
        self.values = msgspec.structs.astuple
        self.unset = msgspec.UNSET
        self.error = msgspec.DecodeError  # a ValidationError is one too


_LINES: _Lines | None = None


def line_content(line: str) -> dict[str, Any] | None:
    """The canonical content of one line of JSON Lines, or None: then read it the ordinary
    way (``jsonio.iter_records``, then ``content``, then the full model)."""
    global _LINES
    lines = _LINES or (_LINES := _Lines())
    try:
        record = lines.decode(line)
    except lines.error:
        return None
    fields, record_type, after = lines.plans[type(record)]
    unset, astuple = lines.unset, lines.values
    out: dict[str, Any] = {"type": record_type}
    values: dict[str, Any] = {}
    keys = 1
    try:
        for (name, field), value in zip(fields, astuple(record)):
            if value is unset:
                continue
            keys += 1
            if field is None:  # the sources
                if not value:
                    return None
                sources = []
                for item in value:
                    source = {}
                    for (source_name, source_field), found in zip(lines.source_fields,
                                                                  astuple(item)):
                        if found is unset:
                            continue
                        keys += 1
                        source[source_name] = ((source_field.memo.get(found)
                                                if type(found) is str or type(found) is int
                                                else None)
                                               or source_field(found))[1]
                    sources.append(source)
                out[name] = sources
            else:
                values[name], out[name] = ((field.memo.get(value) if type(value) is str
                                            else None) or field(value))
    except (ValueError, TypeError, AssertionError):
        return None
    if line.count(":") != keys and len(_KEY_END.findall(line)) != keys:
        return None
    if after is not None and not after(out, values):
        return None
    return out
