"""Companies are named by their ticker; known former and long names resolve to it.

A ticker is written as its exchange writes it, in capitals:

- letters first: one capital letter, then up to 9 capitals or digits, optionally a class
  or exchange suffix after a dot or hyphen (``MARA``, ``BRK.B``, ``HUT``, ``ALCPB``);
- or a numeric exchange code (Tokyo, Hong Kong, Korea, ...): 4 to 6 digits, leading zeros
  as written, optionally an exchange suffix of 1 to 4 capitals after a dot (``3350``,
  ``3350.T``, ``0700.HK``).

``3350`` and ``3350.T`` are two tickers, so two companies: record a company under one.

Names resolve through ``ALIASES`` (the companies of the seeds and of the shared corpus) and
through the file ``CALEDGER_ALIASES`` names, if set: a JSON object of name -> ticker (``{"Red
Planet Japan": "3350.T"}``), whose entries come before the built-in ones, read once a process
(``reload``). A name is matched folded (case and runs of spaces ignored); a ticker is never an
alias (it is taken as written before any name is looked up), so every ticker stays usable.
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Any

_TICKER = re.compile(r"[A-Z][A-Z0-9]{0,9}(?:[.-][A-Z0-9]{1,4})?|[0-9]{4,6}(?:\.[A-Z]{1,4})?")
#: The environment variable naming a file of more names (a JSON object, name -> ticker).
ALIASES_ENV = "CALEDGER_ALIASES"

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
    # the companies of the shared corpus, by their current and former names
    "strategy": "MSTR",
    "strategy inc": "MSTR",
    "strategy inc.": "MSTR",
    "microstrategy": "MSTR",
    "microstrategy inc.": "MSTR",
    "microstrategy incorporated": "MSTR",
    "metaplanet": "MTPLF",
    "metaplanet inc.": "MTPLF",
    "red planet japan": "MTPLF",
    "riot platforms": "RIOT",
    "riot platforms, inc.": "RIOT",
    "riot blockchain": "RIOT",
    "cleanspark": "CLSK",
    "cleanspark, inc.": "CLSK",
    "hut 8": "HUT",
    "hut 8 corp.": "HUT",
    "hut 8 mining": "HUT",
    "bitfarms": "BITF",
    "bitfarms ltd.": "BITF",
    "semler scientific": "SMLR",
    "semler scientific, inc.": "SMLR",
    "tesla": "TSLA",
    "tesla, inc.": "TSLA",
    "block, inc.": "XYZ",
    "square, inc.": "XYZ",
    "coinbase": "COIN",
    "coinbase global": "COIN",
    "coinbase global, inc.": "COIN",
    "gamestop": "GME",
    "gamestop corp.": "GME",
    "trump media & technology group": "DJT",
    "trump media and technology group": "DJT",
    "trump media": "DJT",
    "kindlymd": "NAKA",
    "nakamoto holdings": "NAKA",
    "strive": "ASST",
    "strive, inc.": "ASST",
    "asset entities": "ASST",
    "h100 group": "H100",
    "h100 group ab": "H100",
    "the smarter web company": "SWC",
    "smarter web company": "SWC",
    "bitcoin treasury corporation": "BTCT",
    "capital b": "ALCPB",
    "the blockchain group": "ALCPB",
    "sequans": "SQNS",
    "sequans communications": "SQNS",
}

_loaded: tuple[str, dict[str, str]] | None = None


def _fold(name: str) -> str:
    return " ".join(name.split()).lower()


def user_aliases() -> dict[str, str]:
    """The names the ``CALEDGER_ALIASES`` file adds (read once per path), folded."""
    global _loaded
    path = os.environ.get(ALIASES_ENV) or ""
    if not path:
        return {}
    if _loaded is not None and _loaded[0] == path:
        return _loaded[1]
    import json

    try:
        with open(path, encoding="utf-8") as f:
            data: Any = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f"the aliases file {path} ({ALIASES_ENV}) can't be read: {e}") from None
    if not isinstance(data, dict):
        raise ValueError(f"the aliases file {path} ({ALIASES_ENV}) must hold one JSON object, "
                         'name -> ticker: {"Red Planet Japan": "3350.T"}')
    names: dict[str, str] = {}
    for name, ticker in data.items():
        if not isinstance(ticker, str) or not _TICKER.fullmatch(ticker):
            raise ValueError(f'the aliases file {path} ({ALIASES_ENV}): "{name}" -> {ticker!r} '
                             "is not a ticker")
        if _TICKER.fullmatch(name):
            raise ValueError(f'the aliases file {path} ({ALIASES_ENV}): "{name}" is a ticker '
                             "itself; only names can be aliases")
        names[_fold(name)] = ticker
    _loaded = (path, names)
    return names


def reload() -> None:
    """Read the aliases file again at its next use (it is read once a process, and what a
    name resolved to is remembered by the import's fast path: forgotten here too)."""
    global _loaded
    _loaded = None
    import sys

    fast = sys.modules.get("ledger.fastcheck")
    if fast is not None:
        fast.forget(resolve_company)


def known_name(name: str) -> str | None:
    """The ticker ``name`` is a known name of (the aliases file's first), or None."""
    folded = _fold(name)
    extra = user_aliases()
    return extra.get(folded) or ALIASES.get(folded)


def resembling(name: str) -> list[tuple[str, str]]:
    """Known (ticker, name) pairs whose name resembles ``name``: it starts with its words,
    or is close to it letter for letter; at most five, the closest first."""
    folded = _fold(name).strip(" ,.")
    if not folded:
        return []
    names = {**ALIASES, **user_aliases()}
    found: list[str] = [n for n in names if n.startswith(folded + " ") or n == folded
                        or any(w == folded for w in n.replace(",", " ").split())]
    found += difflib.get_close_matches(folded, list(names), n=5, cutoff=0.75)
    found += [n for n in names if names[n].lower() == folded]
    out: list[tuple[str, str]] = []
    for n in found:
        pair = (names[n], n)
        if pair[0] not in {t for t, _ in out}:
            out.append(pair)
    return out[:5]


def resolve_company(name: object) -> str:
    """Return the ticker for ``name``: a ticker itself, or a known name of the company."""
    from .values import JsonNumber

    if not isinstance(name, str) or isinstance(name, JsonNumber) or not name.strip():
        raise ValueError('must be a ticker such as "MARA"')
    if _TICKER.fullmatch(name):
        return name
    ticker = known_name(name)
    if ticker is not None:
        return ticker
    alike = resembling(name)
    hint = ("; known names like it: " + ", ".join(f'{t} ("{n}")' for t, n in alike)
            if alike else "")
    if _TICKER.fullmatch(name.upper()) and name == name.lower():
        # all in lower case, and a ticker once in capitals: "mstr", "3350.t"
        return _raise(f'"{name}" looks like a ticker in lower case; write it as '
                      f'"{name.upper()}"{hint}')
    return _raise(
        f'"{name}" is neither a ticker nor a known name of a company; give its ticker as its '
        f'exchange writes it (e.g. "MARA", "3350.T"), or add the name to an aliases file '
        f"({ALIASES_ENV}){hint}")


def _raise(message: str) -> str:
    raise ValueError(message)
