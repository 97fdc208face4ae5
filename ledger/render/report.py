"""What ``report`` prints once it has written the page: where, and what it rests on."""

from __future__ import annotations

from typing import Any

from . import Printer, Rows, count


def _text(data: dict[str, Any]) -> str:
    return (f"wrote {data['out']}: {data['company']}, "
            f"{count(len(data['disclosed_dates']), 'disclosed date')}, "
            f"{count(data['records'], 'record')}, {count(data['issues'], 'reconciliation issue')}"
            f"; position @{data['position']}, head {data['head_hash'][:12]}")


def _csv(data: dict[str, Any]) -> Rows:
    return (("out", "company", "as_of", "records", "issues", "known_at", "position",
             "head_hash"),
            [(data["out"], data["company"], data["as_of"], data["records"], data["issues"],
              data["known_at"], data["position"], data["head_hash"])])


def summary(data: dict[str, Any], out: str) -> dict[str, Any]:
    """The JSON-shaped summary of a written page (the page itself holds the rest)."""
    return {"out": out, "company": data["company"], "as_of": data["as_of"],
            "known_at": data["known_at"], "position": data["position"],
            "head_hash": data["head_hash"],
            "disclosed_dates": [h["as_of"] for h in data["holdings"] if not h.get("current")],
            "records": len(data["records"]), "issues": data["reconciliation"]["issues"]}


REPORT = Printer(text=_text, csv=_csv)
