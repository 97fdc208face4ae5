"""How checkpoints look (``caledger checkpoint``)."""

from __future__ import annotations

from typing import Any

from . import Printer, Rows


def _text(data: dict[str, Any]) -> str:
    where = f", written to {data['written_to']}" if data.get("written_to") else ""
    return (f"checkpoint: head {data['head']} ({data['events']} stored event(s), verified)"
            f"{where}\nkeep it outside the ledger; check later with caledger verify "
            f"--expect-head {data['head']}")


def _csv(data: dict[str, Any]) -> Rows:
    header = ("position", "head_hash", "events", "written_at")
    return header, [tuple(data[k] for k in header)]


CHECKPOINT = Printer(text=_text, csv=_csv)
