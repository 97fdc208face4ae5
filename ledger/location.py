"""Where a ledger lives: a SQLite file (the default) or a store's URL (which store: the first
adapter whose ``handles`` takes it, ``ledger.adapters.adapter_for``). Import-light."""

from __future__ import annotations

import os

from .valueclass import Value, _set

DEFAULT_DB = "caledger.db"


class Location(Value):
    """Where a ledger is: its path or URL (a frozen value, ``valueclass``)."""

    FIELDS = ("url",)
    __slots__ = FIELDS
    url: str

    def __init__(self, url: str) -> None:
        _set(self, "url", url)

    @classmethod
    def parse(cls, db: str | None) -> Location:
        return cls(db or os.environ.get("CALEDGER_DB") or DEFAULT_DB)

    def describe(self) -> str:
        """The location without any password in it (a store's URL, whichever the store)."""
        if "://" in self.url and "@" in self.url:
            scheme, _, rest = self.url.partition("://")
            credentials, _, host = rest.rpartition("@")
            return f"{scheme}://{credentials.split(':')[0]}@{host}"
        return self.url
