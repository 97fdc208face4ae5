"""What the drafting tests read from a draft: its records without their bookkeeping."""

from __future__ import annotations

from ledger.draft import draft

BOOKKEEPING = ("id", "company", "disclosed", "sources", "note", "review")


def drafted(text: str, lang: str, disclosed: str | None, company: str = "ACME",
            read_all: bool = False) -> list[dict]:
    """The drafts' records without their bookkeeping; with ``read_all``, also those read and
    only noticed (what a rule reads, whether or not it is confident enough to draft it), in
    the order of their lines."""
    noticed: list = []
    drafts = draft(text, "doc.txt", company, lang, disclosed, noticed)
    if read_all:
        drafts = sorted([*drafts, *(n.draft for n in noticed)],
                        key=lambda d: d.record["sources"][0]["line"])
    return [{k: v for k, v in d.record.items() if k not in BOOKKEEPING} for d in drafts]


def of_type(found: list[dict], kind: str) -> list[dict]:
    return [r for r in found if r["type"] == kind]
