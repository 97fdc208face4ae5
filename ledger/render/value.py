"""How prices, value figures and mining operations look: ``import-prices``, ``value``."""

from __future__ import annotations

from typing import Any

from . import Printer, Rows, btc, count


def import_prices_text(data: dict[str, Any]) -> str:
    lines = [f"{data['file']}: {count(data['prices'], 'daily close')} of {data['asset']} from "
             f"{data['source']}, {data['first']} to {data['last']} (columns "
             f"{', '.join(f'{k}={v}' for k, v in data['columns'].items())}): "
             f"{data['added']} added, {data['already_present']} already present"]
    if data["skipped_lines"]:
        lines.append(f"  skipped {count(len(data['skipped_lines']), 'line')} without a close "
                     f"(first: line {data['skipped_lines'][0]})")
    return "\n".join(lines)


def import_prices_csv(data: dict[str, Any]) -> Rows:
    header = ("file", "asset", "source", "prices", "first", "last", "added", "already_present",
              "skipped_lines")
    return header, [(data["file"], data["asset"], data["source"], data["prices"], data["first"],
                     data["last"], data["added"], data["already_present"],
                     len(data["skipped_lines"]))]


IMPORT_PRICES = Printer(text=import_prices_text, csv=import_prices_csv)

__all__ = ["IMPORT_PRICES", "btc"]
