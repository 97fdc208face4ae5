"""Reviewing drafts: the step between ``caledger draft`` and ``caledger import``.

A draft (``ledger/draft``) carries a ``review`` field listing what to check and the doubts,
and ``import`` refuses any record that still has one. ``Review`` walks a drafts file: for each
draft it gives the lines of the source document the draft cites, with the figures it used
marked, and the analyst accepts it (the ``review`` field goes), edits it (the edited record is
validated again, then shown again to be accepted, edited again or skipped) or skips it. Only
accepted records are written or imported, all or none.

An edit starts from the draft without its review field and without the drafter's doubts in
its note ("... Uncertain: no BTC amount is given with it: add btc."): they were written about
the draft, the review lists them, and after an edit they may no longer be true. The note the
analyst saves is the record's note, whatever they write in it.

This module holds the rules; ``caledger review`` (``ledger/cli/files.py``) asks the questions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .draft import REVIEW
from .draft.documents import read_document
from .errors import Problem, RejectedInput
from .jsonio import loads_exact


@dataclass
class Item:
    """One draft of the file: where it is, the record, and what became of it."""

    where: str                  # "drafts.jsonl:3"
    record: dict[str, Any]
    status: str = "pending"     # pending, accepted, skipped
    edited: bool = False        # the record is the analyst's edit, still to be accepted


@dataclass
class Review:
    path: str
    items: list[Item]
    docs: list[Path] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)  # document path -> its lines

    @property
    def accepted(self) -> list[dict[str, Any]]:
        return [i.record for i in self.items if i.status == "accepted"]


def load(path: str, docs: str | None = None) -> Review:
    """The drafts in ``path`` (JSON Lines), or ``RejectedInput`` with one line per problem.
    Source documents are looked for in ``docs``, then beside the drafts file, then here."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RejectedInput(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise RejectedInput(f"{path}: can't read it as UTF-8 text: {e}") from None
    items, problems = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = loads_exact(line)  # numbers as written, as import reads them
        except ValueError as e:
            problems.append(f"{path}:{n}: not a JSON object: {e}")
            continue
        if not isinstance(record, dict):
            problems.append(f"{path}:{n}: not a JSON object")
            continue
        items.append(Item(f"{path}:{n}", record))
    if problems:
        raise RejectedInput(*problems)
    if not items:
        raise RejectedInput(f"{path}: no drafts in it")
    folders = [Path(docs)] if docs else []
    folders += [Path(path).resolve().parent, Path.cwd()]
    return Review(path, items, folders)


#: The figures a draft used, as its review quotes them: 'check line 3: "1,273 BTC", ...'.
_CHECK = re.compile(r'^check line (\d+): (.*?) is what ')


def figures_used(record: dict[str, Any]) -> dict[int, list[str]]:
    """line -> the figures as written there that the draft rests on."""
    out: dict[int, list[str]] = {}
    for item in record.get(REVIEW) or []:
        if isinstance(item, str) and (m := _CHECK.match(item)):
            out.setdefault(int(m[1]), []).extend(re.findall(r'"([^"]+)"', m[2]))
    return out


def source_lines(review: Review, record: dict[str, Any]
                 ) -> list[tuple[str, int, list[tuple[str, bool]]]] | str:
    """Each cited line as (document, line, segments), a segment being (text, is a figure the
    draft used); or a sentence saying why the document can't be shown."""
    sources = record.get("sources")
    if not isinstance(sources, list) or not sources:
        return "the draft cites no source line"
    used = figures_used(record)
    out = []
    for source in sources:
        if not isinstance(source, dict):
            continue
        document, number = source.get("document"), source.get("line")
        if not isinstance(document, str) or not isinstance(number, int):
            continue
        path = next((folder / document for folder in review.docs
                     if (folder / document).is_file()), None)
        if path is None:
            return f'the source document "{document}" is not beside the drafts: give --docs DIR'
        if str(path) not in review.texts:
            try:  # the lines draft read: the text extracted from an HTML page or a PDF
                review.texts[str(path)] = read_document(str(path)).lines
            except RejectedInput as e:
                return f'the source document "{document}" can\'t be read: {e.problems[0]}'
        lines = review.texts[str(path)]
        if not 1 <= number <= len(lines):
            return f'"{document}" has no line {number}'
        out.append((document, number, mark(lines[number - 1], used.get(number, []))))
    return out


def mark(line: str, figures: list[str]) -> list[tuple[str, bool]]:
    """The line cut into segments, each figure written in ``figures`` marked True."""
    spans = []
    for figure in figures:
        at = line.find(figure)
        if at >= 0 and all(at >= e or at + len(figure) <= s for s, e in spans):
            spans.append((at, at + len(figure)))
    segments, position = [], 0
    for start, end in sorted(spans):
        if start > position:
            segments.append((line[position:start], False))
        segments.append((line[start:end], True))
        position = end
    if position < len(line) or not segments:
        segments.append((line[position:], False))
    return segments


def problems_of(record: dict[str, Any], where: str) -> list[Problem]:
    """What ``import`` would refuse in the record once its review is done."""
    from .events import RecordInvalid, validate_record

    try:
        validate_record({k: v for k, v in record.items() if k != REVIEW})
    except RecordInvalid as e:
        return e.at(where, record.get("id") if isinstance(record.get("id"), str) else None)
    return []


def accept(item: Item) -> list[Problem]:
    """Accept the draft as it stands: its review field goes; refused (problems returned,
    nothing changed) if import would refuse the rest of it."""
    problems = problems_of(item.record, item.where)
    if not problems:
        item.record = {k: v for k, v in item.record.items() if k != REVIEW}
        item.status = "accepted"
    return problems


#: Where a draft's note turns from what it was drafted from to the drafter's doubts
#: (``ledger/draft/assemble.py``): "Draft from the sentence on line 2. Uncertain: ...".
DOUBTS = " Uncertain: "


def drafters_doubts(record: dict[str, Any]) -> str | None:
    """The drafter's doubts in a draft's note ("rounded in the text; ..."), or None when it
    is no draft (no review field) or its note has none."""
    note = record.get("note")
    if REVIEW not in record or not isinstance(note, str) or DOUBTS not in note:
        return None
    return note.split(DOUBTS, 1)[1].rstrip(".") or None


def editable(item: Item) -> str:
    """The record as the analyst edits it: pretty JSON, without the review field and, in a
    draft's note, without the drafter's doubts (``drafters_doubts``: the review lists them;
    after the edit they may be stale). What the note says it was drafted from stays."""
    record = {k: v for k, v in item.record.items() if k != REVIEW}
    if drafters_doubts(item.record) is not None:
        record["note"] = item.record["note"].split(DOUBTS, 1)[0]
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def edit(item: Item, text: str) -> list[Problem]:
    """Take the analyst's edited record: it must be one JSON object import accepts; then it
    replaces the draft, still to be accepted (``accept``) once the analyst has seen it
    (problems returned and nothing changed otherwise)."""
    try:
        record = loads_exact(text)  # numbers as written, as import reads them
    except ValueError as e:
        return [Problem.plain(f"{item.where}: the edited record is not JSON: {e}")]
    if not isinstance(record, dict):
        return [Problem.plain(f"{item.where}: the edited record must be one JSON object")]
    if REVIEW in record:
        return [Problem.plain(f"{item.where}: the edited record still has a review field: "
                              "delete it")]
    problems = problems_of(record, item.where)
    if not problems:
        item.record, item.edited = record, True
    return problems


def write(review: Review, out: str, *, ledger: str | None = None, force: bool = False
          ) -> dict[str, Any]:
    """The accepted records to ``out`` (JSON Lines, import format): never over the ledger,
    nor over a file of another kind without ``force`` (``ledger/outputs.py``)."""
    from . import outputs

    records = review.accepted
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    outputs.write_output(out, body, option="--out", kind=outputs.DRAFTS, ledger=ledger,
                         force=force)
    return summary(review, out=out)


def summary(review: Review, **extra: Any) -> dict[str, Any]:
    counts = {s: sum(1 for i in review.items if i.status == s)
              for s in ("accepted", "skipped", "pending")}
    return {"drafts": review.path, **counts, "records": review.accepted, **extra}
