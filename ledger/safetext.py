"""Text from records made safe for where it is shown: never markup, never a command.

Notes, reasons, ids and document names are free text that anyone importing records chose.
Wherever they are shown they must stay text:

- ``terminal``: a control character (ESC starting an ANSI sequence, BEL, NUL, a C1 code,
  a bidirectional override) is shown escaped, as ``\\u001b`` or ``\\u202e``, never sent raw
  to a terminal. Line breaks and tabs that the report itself lays out are kept.
- ``xml``: a character XML 1.0 can't hold (C0 controls but tab and line breaks, lone
  surrogates, U+FFFE/U+FFFF) is written as its escape text, so the document stays
  well-formed (a numeric character reference can't help: XML 1.0 forbids those too); so is a
  bidirectional embedding, override or isolate: every XML this project writes is shown to
  someone (the report page, a chart, the change feed), and a note holding U+202E would show
  the figures after it reversed (``1000`` read as ``0001``) with nothing on the page to say so.
- ``csv_cell``: a cell a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``,
  ``@``, tab or carriage return) gets a leading ``'``, as OWASP recommends; a plain decimal
  number such as ``-20880`` or ``+1.5`` is left as it is, so it stays a number.

Charts are written as SVG text (``ledger/chart.py``), no math markup: a ``$`` in a document
name is a dollar sign.
"""

from __future__ import annotations

import re
from functools import cache

#: C0 and C1 control characters and DEL, plus the bidirectional embeddings, overrides and
#: isolates (they reorder what a terminal shows).
_TERMINAL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DECIMAL = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Compiled when first needed: the two Unicode ranges take about 1 ms to compile, which
    # every command printing text would otherwise pay at start-up for nothing.
    return re.compile(pattern)


def _escaped(match: re.Match[str]) -> str:
    """A character as JSON writes it escaped (``\\u001b``): inside a JSON string (the draft
    command's text output is JSON Lines) it still reads back as that character."""
    return f"\\u{ord(match.group()):04x}"


def _printable(text: str, *kept: str) -> bool:
    """Whether ``text`` is all printable but the ``kept`` layout characters: then neither
    pattern can match (every character they escape is a control, format, surrogate or
    non-character, none printable)."""
    if text.isascii():  # a report's text mostly is: one pass over its bytes, no copies
        return printable_ascii(text, "".join(kept).encode())
    for char in kept:
        text = text.replace(char, "")
    return text.isprintable()


#: The printable ASCII characters (``str.isprintable`` on ASCII: space to tilde).
_ASCII_PRINTABLE = bytes(range(0x20, 0x7F))


def printable_ascii(text: str, kept: bytes = b"") -> bool:
    """Whether ``text`` is ASCII and all printable but the ``kept`` characters (what
    ``text.isascii() and text.isprintable()`` says with none kept): nothing is left of its
    bytes once those are deleted."""
    return text.isascii() and not text.encode("ascii").translate(None, _ASCII_PRINTABLE + kept)


def terminal(text: str) -> str:
    """``text`` with every control character (but line feed and tab) shown escaped."""
    if _printable(text, "\n", "\t"):
        return text
    return _compiled(_TERMINAL).sub(_escaped, text)


def xml(text: str) -> str:
    """``text`` with every character XML 1.0 can't hold, and every bidirectional control,
    shown escaped."""
    if _printable(text, "\n", "\t", "\r"):
        return text
    return _compiled(_XML).sub(_escaped, text)


def csv_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula (plain decimal numbers unchanged)."""
    if text.startswith(_FORMULA_START) and not _compiled(_DECIMAL).fullmatch(text):
        return "'" + text
    return text
