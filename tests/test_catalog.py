"""The light catalog (ledger/kinds.py) says exactly what the pydantic models say."""

from ledger import kinds
from ledger.events import CATALOG, Disclosure


def test_the_light_catalog_matches_the_models():
    common = tuple(Disclosure.model_fields)
    assert common == kinds.COMMON_FIELDS
    assert tuple(CATALOG) == kinds.TYPES
    for record_type, model in CATALOG.items():
        assert tuple(n for n in model.model_fields if n not in common) == \
            kinds.FIELDS[record_type], record_type
        assert model.category == kinds.category(record_type), record_type
        assert model.btc_effect == kinds.BTC_EFFECT.get(record_type, (0, 0, 0)), record_type
        assert set(kinds.DEFINING[record_type]) <= set(kinds.FIELDS[record_type]), record_type


def test_every_type_says_what_defines_a_duplicate_and_nothing_else_does():
    assert set(kinds.DEFINING) == set(kinds.TYPES)
    assert set(kinds.CATEGORY) <= set(kinds.TYPES)
    assert set(kinds.SHARE_EFFECT) <= set(kinds.TYPES)
    for record_type in kinds.SHARE_EFFECT:
        assert "shares" in kinds.FIELDS[record_type], record_type
