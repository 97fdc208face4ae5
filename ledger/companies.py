"""Companies are named by their ticker; known former and long names resolve to it."""

from __future__ import annotations

import re

_TICKER = re.compile(r"[A-Z][A-Z0-9]{0,9}(?:[.-][A-Z0-9]{1,4})?")

#: Names a company has been disclosed under, folded to lower case, and the ticker they mean.
ALIASES: dict[str, str] = {
    "mara": "MARA",
    "mara holdings": "MARA",
    "mara holdings, inc.": "MARA",
    "mara holdings inc": "MARA",
    "marathon digital": "MARA",
    "marathon digital holdings": "MARA",
    "marathon digital holdings, inc.": "MARA",
    "marathon patent group": "MARA",
}


def resolve_company(name: object) -> str:
    """Return the ticker for ``name``: a ticker itself, or a known name of the company."""
    from .values import JsonNumber

    if not isinstance(name, str) or isinstance(name, JsonNumber) or not name.strip():
        raise ValueError('must be a ticker such as "MARA"')
    folded = " ".join(name.split()).lower()
    if folded in ALIASES:
        return ALIASES[folded]
    if _TICKER.fullmatch(name):
        return name
    if _TICKER.fullmatch(name.upper()) and name == name.strip():
        raise ValueError(f'"{name}" looks like a ticker in lower case; write it as "{name.upper()}"')
    raise ValueError(
        f'"{name}" is neither a ticker nor a known name of a company; use the ticker, e.g. "MARA"'
    )
