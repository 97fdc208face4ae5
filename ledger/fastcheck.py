"""A fast path through validation for the common, plain records of a bulk import.

``content(raw)`` returns the canonical content the catalog's pydantic model would give for
``raw`` (``validate_record(raw).content()``), or None whenever it is not sure: any problem,
any unusual input (a null, a number where text is expected, a missing or unknown field), any
type it does not cover. The caller then runs the full model, so every record is accepted or
refused exactly as before, with the same messages: this path never refuses anything.

It runs the catalog's own field rules: each field's ``BeforeValidator`` is taken from the
model (``ledger/events.py``), so an amount, period, company or id is checked by the very
function the model uses. What it leaves out is the pydantic machinery around them. A model
with class-level validators is covered only if it is listed in ``_AFTER`` with the same
check; any other such type (and every amendment) always takes the full model.
``tests/test_fastcheck.py`` holds both paths equal on generated valid and mutated records.

``line_content(line)`` does the same for one line of a JSON Lines file, read with msgspec
instead of orjson: a struct generated from each covered model (its fields, which are
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
from typing import Any, Union, get_args

from pydantic import BeforeValidator

from .events import CATALOG, BtcBalanceDisclosed, Source
from .jsonio import JsonNumber
from .values import Period, canonical

Check = Callable[[Any], Any]


def _before(field: Any) -> Check | None:
    """The BeforeValidator function of a model field (also inside ``X | None``)."""
    for meta in field.metadata:
        if isinstance(meta, BeforeValidator):
            return meta.func
    for arg in get_args(field.annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, BeforeValidator):
                return meta.func
    return None


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


#: Class-level validators, restated: the record is fast-checked only if this returns True.
_AFTER: dict[type, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    BtcBalanceDisclosed: _balance_within_total,
}


#: Distinct text values remembered per field rule: companies, periods and documents repeat
#: across a file, so each is checked once; a rule whose values never repeat (ids, most
#: amounts) stops remembering once this many are, which bounds the memory it takes.
_MEMO_LIMIT = 1024
#: One memory per rule (the same rule serves a field in many record types).
_MEMOS: dict[Check, dict[str, tuple[Any, Any]]] = {}


class _Field:
    """One field's check, with what it gave for text values already seen. A field rule is
    a function of the value alone, so a remembered result is the result; only values whose
    type is exactly ``str`` are remembered (``True == 1`` must never share a result)."""

    __slots__ = ("check", "memo")

    def __init__(self, check: Check):
        self.check = check
        self.memo = _MEMOS.setdefault(check, {})

    def __call__(self, value: Any) -> tuple[Any, Any]:
        """(checked value, as the model serializes it); raises as the check does. The
        callers look in ``memo`` themselves first (the hot path: no call)."""
        checked = self.check(value)
        found = (checked, _serialized(checked))
        if type(value) is str and len(self.memo) < _MEMO_LIMIT:
            self.memo[value] = found
        return found


def _plan(model: type) -> tuple[dict[str, _Field], frozenset[str]] | None:
    """(field -> check, required fields) of a model, or None if it can't be fast-checked."""
    decorators = model.__pydantic_decorators__  # type: ignore[attr-defined]
    if (decorators.field_validators or decorators.model_validators) and model not in _AFTER:
        return None
    checks: dict[str, _Field] = {}
    for name, field in model.model_fields.items():
        if name in ("type", "sources"):
            continue
        check = _before(field)
        if check is None:
            return None
        checks[name] = _Field(check)
    required = frozenset(n for n, f in model.model_fields.items() if f.is_required())
    return checks, required


_PLANS = {t: plan for t, model in CATALOG.items() if (plan := _plan(model)) is not None}
_SOURCE_PLAN = _plan(Source)
assert _SOURCE_PLAN is not None


def _source(raw: Any) -> dict[str, Any] | None:
    if type(raw) is not dict:
        return None
    checks, required = _SOURCE_PLAN  # type: ignore[misc]
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
                if type(value) is not list or not value:
                    return None
                sources = []
                for item in value:
                    source = _source(item)
                    if source is None:
                        return None
                    sources.append(source)
                out[name] = sources
            else:
                field = get(name)
                if field is None:
                    return None
                values[name], out[name] = field(value)
    except (ValueError, TypeError, AssertionError):
        return None
    after = _AFTER.get(CATALOG[record_type])
    if after is not None and not after(out, values):
        return None
    return out


# --- one line of JSON Lines, through msgspec ------------------------------------------------

#: The key-and-colon pairs written in a line: as many as the struct holds fields means no
#: key was written twice (msgspec, like orjson, keeps the last of two).
_KEY_END = re.compile(r'"\s*:')


def _wire(field: Any) -> Any:
    """The JSON type the field's text takes on the fast path: a whole number for an ``int``
    field (a source's line), true/false for a flag, text for everything else (amounts,
    periods, dates, ids, names)."""
    kinds = [a for a in (get_args(field.annotation) or (field.annotation,)) if a is not type(None)]
    if kinds == [int]:
        return int
    if kinds == [bool]:
        return bool
    return str


def _struct(name: str, model: Any, checks: dict[str, _Field], required: frozenset[str],
            extra: list[tuple[str, Any]], **tagging: Any) -> Any:
    import msgspec

    fields: list[tuple[Any, ...]] = list(extra)
    for field_name in checks:
        wire = _wire(model.model_fields[field_name])
        fields.append((field_name, wire) if field_name in required
                      else (field_name, wire | msgspec.UnsetType, msgspec.UNSET))
    return msgspec.defstruct(name, fields, kw_only=True, forbid_unknown_fields=True,
                             **tagging)


class _Lines:
    """The decoder and, per struct, (fields with their checks, record type, class rule)."""

    def __init__(self) -> None:
        import msgspec

        checks, required = _SOURCE_PLAN  # type: ignore[misc]
        source = _struct("Source", Source, checks, required, [])
        self.source_fields = [(name, checks[name]) for name in source.__struct_fields__]
        self.plans: dict[type, tuple[list[tuple[str, _Field | None]], str, Any]] = {}
        for record_type, (checks, required) in _PLANS.items():
            model = CATALOG[record_type]
            struct = _struct(model.__name__, model, checks, required,
                             [("sources", list[source])], tag_field="type", tag=record_type)
            self.plans[struct] = ([(name, checks.get(name)) for name in struct.__struct_fields__],
                                  record_type, _AFTER.get(model))
        self.decode = msgspec.json.Decoder(Union[tuple(self.plans)]).decode  # type: ignore[misc]
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
    unset = lines.unset
    out: dict[str, Any] = {"type": record_type}
    values: dict[str, Any] = {}
    keys = 1
    try:
        for name, field in fields:
            value = getattr(record, name)
            if value is unset:
                continue
            keys += 1
            if field is None:  # the sources
                if not value:
                    return None
                sources = []
                for item in value:
                    source = {}
                    for source_name, source_field in lines.source_fields:
                        found = getattr(item, source_name)
                        if found is unset:
                            continue
                        keys += 1
                        source[source_name] = ((source_field.memo.get(found)
                                                if type(found) is str else None)
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
