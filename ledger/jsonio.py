"""Reading import files: JSON Lines or one JSON array, every record with its line number.

Numbers are kept as the exact text that was written (``14574``, ``0.5``, ``1e3``) and handed
to validation as strings, so no amount ever passes through a float.

The same line reads the same whichever parser reads it (orjson for speed, the standard library
where a number's exact text must be kept): an object may not repeat a key, a record may not be
nested deeper than ``MAX_DEPTH`` levels, and a UTF-8 byte order mark at the start of a file is
skipped.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any, TextIO

import orjson

from .valueclass import Value, _set
from .values import JsonNumber


# ``JsonNumber``, a JSON number kept as the exact text written, is defined in ``values`` (which
# checks for it on every query's path, without loading this module's parsers).


#: How deeply a record's JSON may nest (a record is a flat object with a list of sources).
MAX_DEPTH = 32
BOM = "\ufeff"


class DuplicateKey(ValueError):
    """An object that names one key twice."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return obj


_DECODER = json.JSONDecoder(parse_float=JsonNumber, parse_int=JsonNumber,
                            parse_constant=JsonNumber, object_pairs_hook=_no_duplicates)
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_KEY_END = re.compile(r'"\s*:')


def _too_deep(text: str, start: int = 0, limit: int = MAX_DEPTH) -> int | None:
    """The index where ``text`` nests deeper than ``limit``, or None. Brackets inside strings
    don't count; the text need not be valid JSON."""
    if text.count("[", start) + text.count("{", start) <= limit:
        return None  # the common case, at C speed
    depth = 0
    for m in _TOKENS.finditer(text, start):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return m.start()
        elif token in "]}":
            depth -= 1
    return None


_SCALARS = (str, int, bool, type(None))


def _keys_unless_float(value: Any) -> int:
    """How many keys the parsed JSON holds (nested ones too), or -1 if it holds a float:
    one walk, for the fast path."""
    kind = type(value)
    if kind is dict:
        count, items = len(value), value.values()
    elif kind is list:
        count, items = 0, value
    else:
        return -1 if kind is float else 0
    for item in items:
        if type(item) in _SCALARS:
            continue
        if type(item) is float:
            return -1
        nested = _keys_unless_float(item)
        if nested < 0:
            return -1
        count += nested
    return count


#: ``loads_exact``'s: whole numbers as ``int`` (exact, and what a source's line is read as
#: where no fraction is written), any other number as its text.
_EXACT = json.JSONDecoder(parse_float=JsonNumber, parse_constant=JsonNumber,
                          object_pairs_hook=_no_duplicates)


def loads_exact(text: str) -> Any:
    """One JSON value read as an import reads a record: a number with a fraction or an
    exponent kept as the exact text written (``JsonNumber``, never a binary float), a whole
    number as an ``int``, a key given twice refused. ``ValueError`` with one clear sentence
    otherwise (a web API body, an edited draft)."""
    if _too_deep(text) is not None:
        raise ValueError(_too_deep_message())
    try:
        return _EXACT.decode(text)
    except DuplicateKey as e:
        raise ValueError(_duplicate_message(e.key)) from None
    except json.JSONDecodeError as e:
        raise ValueError(f"malformed JSON at line {e.lineno} column {e.colno}: {e.msg}"
                         ) from None


def _too_deep_message() -> str:
    return (f"nested more than {MAX_DEPTH} levels deep; a record is one flat JSON object "
            "with a list of sources")


def _duplicate_message(key: str) -> str:
    return f"the key {json.dumps(key)} appears twice in one object; give each field once"


def _valid_unicode(data: Any) -> bool:
    """Whether the data can be stored (lone surrogates such as "\\ud800" can't)."""
    try:
        orjson.dumps(data)
        return True
    except orjson.JSONEncodeError:
        return False


class RawRecord(Value):
    """One record as read from a line (a frozen value, ``valueclass``)."""

    FIELDS = ("source", "line", "data", "error", "content")
    __slots__ = FIELDS
    source: str   # file name, or "<stdin>"
    line: int     # 1-based line where the record starts
    data: Any     # parsed JSON, or None when unparseable
    error: str | None
    #: The record's canonical content when ``iter_records``' ``fast`` gave it (then
    #: ``data`` is None: the line was not parsed again).
    content: dict[str, Any] | None

    def __init__(self, source: str, line: int, data: Any, error: str | None = None,
                 content: dict[str, Any] | None = None) -> None:
        _set(self, "source", source)
        _set(self, "line", line)
        _set(self, "data", data)
        _set(self, "error", error)
        _set(self, "content", content)


def canonical_json(data: Any) -> str:
    """Deterministic JSON text: sorted keys, no spaces, UTF-8 kept as is."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()


def iter_records(stream: TextIO, source: str, *,
                 take: Callable[[int], bool] | None = None,
                 fast: Callable[[str], dict[str, Any] | None] | None = None,
                 plain: Callable[[dict[str, Any]], None] | None = None
                 ) -> Iterator[RawRecord]:
    """Each record of a JSON Lines file, streamed one line at a time, or of a JSON array
    (read whole), with its line number.

    ``take(n)``, if given, is asked about every line of a JSON Lines file in turn (blank
    ones too); a line it declines is skipped unread. A JSON array can't be split by lines:
    with ``take``, it is one error. ``fast(line)``, if given, is tried first on each line of
    JSON Lines: the canonical content of a plain valid record (``RawRecord.content``), or
    None, and the line is read as usual. ``plain(content)``, if given, takes what ``fast``
    gave instead of a ``RawRecord`` (then no record is made of such a line)."""
    first = ""
    lines = iter(stream)
    buffered: list[str] = []
    for line in lines:
        if not buffered and line.startswith(BOM):
            line = line[1:]  # a UTF-8 byte order mark, as some editors write: skipped
        buffered.append(line)
        if line.strip():
            first = line.lstrip()[:1]
            break
    if first == "[":
        if take is not None:
            yield RawRecord(source, 1, None, "a JSON array is read whole, not line by line")
            return
        yield from _read_array("".join(buffered) + stream.read(), source)
        return
    for number, line in enumerate(itertools.chain(buffered, lines), start=1):
        if take is None or take(number):
            content = fast(line) if fast is not None else None
            if content is not None:
                if plain is not None:
                    plain(content)
                    continue
                yield RawRecord(source, number, None, content=content)
                continue
            yield from _one_line(line, number, source)


def _one_line(line: str, number: int, source: str) -> Iterator[RawRecord]:
    if not line.strip():
        return
    if _too_deep(line) is not None:
        yield RawRecord(source, number, None, _too_deep_message())
        return
    # Fast path: orjson. A float's literal text must survive exactly ("0.1", "1e3"), and
    # orjson refuses what json reads leniently (NaN, huge integers) and silently keeps the
    # last of two equal keys: those lines (more keys written than read), and any error, go
    # through the exact decoder, so the rules are the same either way.
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        data = None
    if data is not None:
        keys = _keys_unless_float(data)
        # Every key written is followed by a colon: as many colons (or, colons in text
        # aside, quote-colons) as keys read means no key was written twice.
        if keys >= 0 and (line.count(":") == keys or len(_KEY_END.findall(line)) == keys):
            yield RawRecord(source, number, data)
            return
    try:
        data = _DECODER.decode(line)
    except DuplicateKey as e:
        yield RawRecord(source, number, None, _duplicate_message(e.key))
        return
    except json.JSONDecodeError as e:
        bom = " (a UTF-8 byte order mark, allowed only at the start of a file)" \
            if line.lstrip(" \t").startswith(BOM) else ""
        yield RawRecord(source, number, None,
                        f"malformed JSON at column {e.colno}: {e.msg}{bom}; each line must be "
                        "one complete JSON object")
        return
    if not _valid_unicode(data):
        yield RawRecord(source, number, None, "contains an escape that is not a character "
                        '(a lone surrogate such as "\\ud800"); write the text as it is')
        return
    yield RawRecord(source, number, data)


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
    deep = _too_deep(text, index)  # counted inside the array: records are at depth 1
    if deep is not None:  # the file is refused; the standard parser would overflow its stack
        yield RawRecord(source, _line_of(text, deep), None, _too_deep_message())
        return
    while True:
        try:
            value, end = _DECODER.raw_decode(text, index)
        except DuplicateKey as e:
            yield RawRecord(source, _line_of(text, index), None, _duplicate_message(e.key))
            return
        except json.JSONDecodeError as e:
            yield RawRecord(source, e.lineno, None,
                            f"malformed JSON at column {e.colno}: {e.msg}")
            return
        if not _valid_unicode(value):
            yield RawRecord(source, _line_of(text, index), None, "contains an escape that is "
                            'not a character (a lone surrogate such as "\\ud800")')
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
