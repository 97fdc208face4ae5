"""What a running server was told: the one object both routers read (``request.app.state.config``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Bodies larger than this are refused with 413 before they are read in full.
MAX_BODY_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class ServeConfig:
    db: str | None                    # a path or URL, as every command's --db; None: CALEDGER_DB
    sources: Path | None = None       # folder of cited documents served at /sources/...
    allow_writes: bool = False        # writes exist only when told
    tokens: Path | None = None        # CALEDGER_TOKENS: "name role sha256" per line
    max_body: int = MAX_BODY_BYTES
