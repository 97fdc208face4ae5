"""Reading import files: JSON Lines or one JSON array, every record with its line number.

Numbers are kept as the exact text that was written (``14574``, ``0.5``, ``1e3``) and handed
to validation as strings, so no amount ever passes through a float.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

import orjson


class JsonNumber(str):
    """A JSON number kept as the exact text written, e.g. ``14574`` or ``0.5``."""


_DECODER = json.JSONDecoder(parse_float=JsonNumber, parse_int=JsonNumber,
                            parse_constant=JsonNumber)


@dataclass(frozen=True)
class RawRecord:
    source: str   # file name, or "<stdin>"
    line: int     # 1-based line where the record starts
    data: Any     # parsed JSON, or None when unparseable
    error: str | None = None


def canonical_json(data: Any) -> str:
    """Deterministic JSON text: sorted keys, no spaces, UTF-8 kept as is."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()


def iter_records(stream: TextIO, source: str) -> Iterator[RawRecord]:
    """Each record of a JSON Lines file, streamed one line at a time, or of a JSON array
    (read whole), with its line number."""
    first = ""
    lines = iter(stream)
    buffered: list[str] = []
    for line in lines:
        buffered.append(line)
        if line.strip():
            first = line.lstrip()[:1]
            break
    if first == "[":
        yield from _read_array("".join(buffered) + stream.read(), source)
        return
    for number, line in enumerate(itertools.chain(buffered, lines), start=1):
        yield from _one_line(line, number, source)


#: Where a JSON float could start: a value position ([ : or ,) then a number with a fraction
#: or an exponent. Never misses one (a line it does not match holds no float); a match inside
#: a string is checked exactly by ``_has_float``.
_FLOAT_TOKEN = re.compile(r"[\[:,]\s*-?[0-9]+(?:\.|[eE])")


def _has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    return False


def _one_line(line: str, number: int, source: str) -> Iterator[RawRecord]:
    if not line.strip():
        return
    # Fast path: orjson. A float's literal text must survive exactly ("0.1", "1e3"), and
    # orjson refuses what json reads leniently (NaN, huge integers): those lines, and any
    # error, go through the exact decoder, so the rules are the same either way.
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        data = None
    if data is not None and (_FLOAT_TOKEN.search(line) is None or not _has_float(data)):
        yield RawRecord(source, number, data)
        return
    try:
        yield RawRecord(source, number, _DECODER.decode(line))
    except json.JSONDecodeError as e:
        yield RawRecord(source, number, None,
                        f"malformed JSON at column {e.colno}: {e.msg}; each line must be "
                        "one complete JSON object")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _skip_ws(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _read_array(text: str, source: str) -> Iterator[RawRecord]:
    index = _skip_ws(text, 0) + 1  # past "["
    index = _skip_ws(text, index)
    if index < len(text) and text[index] == "]":
        return
    while True:
        try:
            value, end = _DECODER.raw_decode(text, index)
        except json.JSONDecodeError as e:
            yield RawRecord(source, e.lineno, None,
                            f"malformed JSON at column {e.colno}: {e.msg}")
            return
        yield RawRecord(source, _line_of(text, index), value)
        index = _skip_ws(text, end)
        if index < len(text) and text[index] == ",":
            index = _skip_ws(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            if _skip_ws(text, index + 1) != len(text):
                yield RawRecord(source, _line_of(text, index + 1), None,
                                "unexpected text after the closing ]")
            return
        yield RawRecord(source, _line_of(text, index), None,
                        'malformed JSON array: expected "," or "]" between records')
        return
