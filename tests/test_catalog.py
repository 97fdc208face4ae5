"""The one table of record-type facts (ledger/kinds.py) says exactly what the pydantic models
say, and every fact in it is about a real type and field."""

from ledger import kinds
from ledger.events import CATALOG, Disclosure


def test_the_light_catalog_matches_the_models():
    common = tuple(Disclosure.model_fields)
    assert common == kinds.COMMON_FIELDS
    assert tuple(CATALOG) == kinds.TYPES
    for record_type, model in CATALOG.items():
        assert tuple(n for n in model.model_fields if n not in common) == \
            kinds.FIELDS[record_type], record_type
        assert set(kinds.DEFINING[record_type]) <= set(kinds.FIELDS[record_type]), record_type


def test_every_fact_is_about_a_real_type_and_field():
    assert set(kinds.DEFINING) == set(kinds.TYPES)
    assert set(kinds.CATEGORY) <= set(kinds.TYPES)
    # Every bitcoin flow moves exactly one bucket; anchors and changes state btc.
    assert set(kinds.BTC_EFFECT) == {t for t in kinds.TYPES if kinds.category(t) == "flow"}
    for record_type, effect in kinds.BTC_EFFECT.items():
        assert sorted(map(abs, effect)) == [0, 0, 1], record_type
    for record_type in kinds.TYPES:
        if kinds.category(record_type) in ("flow", "anchor", "change"):
            assert "btc" in kinds.FIELDS[record_type], record_type
    for record_type in kinds.SHARE_EFFECT:
        assert "shares" in kinds.FIELDS[record_type], record_type
    for record_type in kinds.SHARE_TYPES:
        assert record_type in kinds.TYPES, record_type
    assert set(kinds.FLAGS) <= {f for fields in kinds.FIELDS.values() for f in fields}


def _is_amount(annotation: object) -> bool:
    """Whether a model field's annotation is (an optional) Decimal amount."""
    from decimal import Decimal
    from typing import get_args, get_origin

    if annotation is Decimal:
        return True
    return any(_is_amount(a) for a in get_args(annotation)) if get_origin(annotation) else False


def test_the_amount_fields_are_the_models_decimal_fields():
    from ledger.render import records

    amounts = {name for record_type, model in CATALOG.items()
               for name, info in model.model_fields.items()
               if name in kinds.FIELDS[record_type] and _is_amount(info.annotation)}
    assert set(kinds.AMOUNT_FIELDS) == amounts
    assert len(kinds.AMOUNT_FIELDS) == len(set(kinds.AMOUNT_FIELDS))
    # The printers read the same split: an amount is grouped by thousands, nothing else is.
    assert not set(kinds.AMOUNT_FIELDS) & records._NOT_AMOUNTS
    assert set(records.AMOUNT_FIELDS) <= set(kinds.AMOUNT_FIELDS)
    for record_type in kinds.TYPES:  # every type's history line shows a figure
        assert set(records.AMOUNT_FIELDS) & set(kinds.FIELDS[record_type]), record_type


def test_the_table_states_every_fact_each_type_needs():
    assert kinds.problems() == []
    # Every category but capital has types; every capital type has a capital effect, every
    # flow that moves the total an export account and a cost effect, every share effect a note.
    assert set(kinds.CAPITAL_EFFECT) == {t for t in kinds.TYPES if kinds.category(t) == "capital"}
    assert set(kinds.EXPORT_ACCOUNT) == {t for t, e in kinds.BTC_EFFECT.items() if e[0]}
    assert set(kinds.SHARE_NOTE) == set(kinds.SHARE_EFFECT)


def test_a_row_missing_a_fact_is_named_at_import(monkeypatch):

    mined = kinds.KINDS["btc_mined"]
    monkeypatch.setitem(kinds.KINDS, "btc_mined", mined._replace(export_account=None))
    monkeypatch.setitem(kinds.KINDS, "equity_issued",
                        kinds.KINDS["equity_issued"]._replace(share_note=None))
    monkeypatch.setitem(kinds.KINDS, "results_reported",
                        kinds.KINDS["results_reported"]._replace(capital=None))
    found = kinds.problems()
    assert [line.split(":")[1].strip() for line in found] == \
        ["btc_mined", "equity_issued", "results_reported"], found
    assert "export_account" in found[0] and "share_note" in found[1] and "capital" in found[2]
    try:
        kinds.check()
    except kinds.IncompleteTypeTable as e:
        assert str(e).splitlines() == found
    else:
        raise AssertionError("check() accepted an incomplete table")
