"""Stored JSON read as ``json.loads`` reads it, quicker: the read model's contents and the
stored events' envelopes, which a command listing a thousand records parses two thousand
of. Its own module, loaded only by the commands that read them this way."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


_scan: Callable[[str, int], tuple[Any, int]] | None = None


def whole(text: str | bytes) -> Any:
    """``json.loads(text)``, about twice as quick on the text the ledger writes (one JSON
    value, UTF-8, nothing around it): the standard library's own scanner called on it
    directly, without the encoding guess, the whitespace matches and the checks around
    it. Whenever that scan does not end exactly at the end of the text, or fails, or the
    bytes are not UTF-8, ``json.loads`` itself reads it, so the value and any error are
    always ``json.loads``'s (a command that lists a thousand records parses two thousand
    of these)."""
    global _scan
    if _scan is None:
        _scan = _scanner()
    try:
        string = text if type(text) is str else text.decode()
        value, end = _scan(string, 0)
        if end == len(string):
            return value
    except (StopIteration, ValueError):  # UnicodeDecodeError and JSONDecodeError too
        pass
    from json import loads as slow

    return slow(text)


def _scanner() -> Callable[[str, int], tuple[Any, int]]:
    """The scanner ``json.loads`` uses (``JSONDecoder().scan_once``, its defaults): the C
    one made directly, so that a command reading JSON this way does not load the ``json``
    package (its encoder too) until something fails to parse."""
    try:
        from _json import make_scanner
    except ImportError:  # no C accelerator: json's own
        from json.decoder import JSONDecoder

        return JSONDecoder().scan_once

    class Defaults:  # what JSONDecoder() gives its scanner
        strict = True
        object_hook = object_pairs_hook = None
        parse_float, parse_int = float, int

        @staticmethod
        def parse_constant(name: str) -> float:  # NaN, Infinity: json's own objects
            from json.decoder import _CONSTANTS

            return _CONSTANTS[name]  # type: ignore[no-any-return]

    return make_scanner(Defaults)  # type: ignore[no-any-return]
