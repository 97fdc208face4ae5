"""--json output is written by orjson, byte for byte as ``json.dumps(indent=2)`` wrote it.

``render.to_json`` hands plain data (dicts, lists, tuples, text, whole numbers, true/false,
null, Decimals) to orjson and anything else to json; either way the text must be exactly
what ``json.dumps(data, indent=2, ensure_ascii=False)`` (Decimals as their strings) gives:
key order, two-space indent, non-ASCII kept, control characters escaped, no trailing
newline. Generated payloads hold both paths to it, including text from every plane, large
outputs and the values orjson writes differently (floats, NaN, enums, non-text keys).
"""

from __future__ import annotations

import enum
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import render
from ledger.jsonio import JsonNumber

from .conftest import SEEDS


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def reference(data: Any) -> str:
    """What --json printed before orjson: the standard library's encoder."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default)


#: Every code point but the lone surrogates (which are tested apart): control characters,
#: quotes, backslashes, DEL, U+2028/2029, astral planes.
TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                         exclude_categories=["Cs"]), max_size=12)
PLAIN = st.one_of(
    st.none(), st.booleans(), TEXT,
    st.sampled_from(["", "é", "\x00\x1f\x7f", '"\\/', "\u2028\u2029", "😀", "line\nbreak\t"]),
    st.integers(-(2**63), 2**64 - 1),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=8),
    TEXT.map(JsonNumber),
)


def payloads(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(leaves, lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(TEXT, inner, max_size=5)), max_leaves=40)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads(PLAIN))
def test_plain_data_takes_orjson_and_is_byte_identical(data: Any) -> None:
    assert render._plain(data)
    fast = orjson.dumps(data, default=_default, option=orjson.OPT_INDENT_2).decode()
    assert fast == reference(data)
    assert render.to_json(data) == reference(data)


class Colour(enum.Enum):
    RED = 1


class Size(enum.IntEnum):
    BIG = 2


OTHER = st.one_of(
    st.floats(), st.sampled_from([1e-05, 1e16, 0.1, -0.0, float("nan"), float("inf")]),
    st.just(Colour.RED), st.just(Size.BIG), st.integers(2**64, 2**70),
    st.integers(-(2**70), -(2**63) - 1), st.sampled_from(["\ud800", "a\udfffb"]),
    st.dictionaries(st.integers() | st.booleans() | st.none(), st.integers(), min_size=1,
                    max_size=2),
)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads(PLAIN | OTHER))
def test_any_data_is_written_as_json_writes_it(data: Any) -> None:
    try:
        expected = reference(data)
    except (TypeError, ValueError) as e:
        with pytest.raises(type(e)):
            render.to_json(data)
        return
    assert render.to_json(data) == expected


def test_what_orjson_writes_differently_is_left_to_json() -> None:
    for data in ({"x": 1e-05}, [float("nan")], {"f": 1e16}, {1: "a"}, [2**64], ["\ud800"],
                 {"e": Size.BIG}):
        assert render.to_json(data) == reference(data), data
    deep: Any = []
    for _ in range(400):  # deeper than orjson goes
        deep = [deep]
    assert render.to_json(deep) == reference(deep)
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        render.to_json(cycle)
    with pytest.raises(TypeError, match="not JSON serializable: object"):
        render.to_json({"a": object()})
    with pytest.raises(TypeError, match="not JSON serializable: Colour"):  # orjson would write 1
        render.to_json([Colour.RED])


def test_a_large_output_is_byte_identical() -> None:
    rows = [{"id": f"r-{n}", "type": "btc_mined", "company": "MARA", "effective": "2024-Q1",
             "btc": Decimal(n) / 7, "note": "é — \"quoted\"\n\ttab" if n % 3 else None,
             "sources": [{"document": "f.txt", "line": n, "url": None}], "current": True,
             "amendments": [], "by": {}, "n": n * 10**12}
            for n in range(20_000)]
    data = {"company": "MARA", "rows": rows, "count": len(rows)}
    assert render._plain(data)
    assert render.to_json(data) == reference(data)


ARGS = [
    ["holdings", "MARA", "--as-of", "2026-03-31"],
    ["explain", "MARA", "btc.total", "--as-of", "2026-03-31"],
    ["history", "MARA"],
    ["show", "mara-2024q4-purchase"],
    ["series", "MARA", "--from", "2024-Q4", "--to", "2026-Q1", "--every", "quarter"],
    ["reconcile", "MARA"],
    ["verify"],
]


def test_every_json_output_reads_back_to_the_same_text(tmp_path: Path) -> None:
    """A command's --json text is what json.dumps writes for what it holds."""
    db = str(tmp_path / "seed.db")
    subprocess.run([sys.executable, "-m", "ledger", "import", *map(str, SEEDS), "--db", db],
                   check=True, capture_output=True)
    for args in ARGS:
        done = subprocess.run([sys.executable, "-m", "ledger", *args, "--json", "--db", db],
                              capture_output=True, text=True)
        assert done.returncode in (0, 1), (args, done.stderr)
        assert done.stdout.endswith("\n") and not done.stdout.endswith("\n\n"), args
        text = done.stdout[:-1]
        assert text == reference(json.loads(text)), args
