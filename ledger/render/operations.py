"""How a miner's operating figures look: ``operations``, for one company or several."""

from __future__ import annotations

from typing import Any

from . import (
    FIGURE_COLUMNS,
    STAMP_COLUMNS,
    Printer,
    Rows,
    figure_lines,
    stamp,
    stamp_line,
    with_columns,
)


def operations_text(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    if isinstance(data, list):
        return "\n\n".join(map(operations_text, data)) or "operations: no companies"
    lines = [stamp_line(f"{data['company']} operations", data["as_of"], data)]
    lines += figure_lines([(name, f["value"], f["unit"], f["status"], f["reason"])
                           for name, f in data["figures"].items()])
    if data["in_progress"]:
        lines.append(f"in progress on {data['as_of']} (not counted until the period ends): "
                     + ", ".join(f"{r['id']} ({r['effective']})" for r in data["in_progress"]))
    return "\n".join(lines)


def operations_csv(data: dict[str, Any] | list[dict[str, Any]]) -> Rows:
    """One row per figure per company: the same shape for one company or many."""
    header = ("company", "as_of", "figure", "value", "unit", "status", "reason", "known_at",
              "position", "head_hash")
    return with_columns(header, [((r["company"], r["as_of"], name, f["value"], f["unit"],
                                   f["status"], f["reason"], r["known_at"], r["position"],
                                   r["head_hash"]), stamp(r))
                                 for r in (data if isinstance(data, list) else [data])
                                 for name, f in r["figures"].items()],
                        (*FIGURE_COLUMNS, *STAMP_COLUMNS))


OPERATIONS = Printer(text=operations_text, csv=operations_csv)
