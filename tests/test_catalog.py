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
