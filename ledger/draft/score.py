"""Scoring the drafter on a labelled corpus: a folder of texts and their ``expected.json``.

The corpus format (as in ``../shared/corpus/README.md``): each ``NAME.txt`` may start with two
header lines (``# source: ...`` and ``# date: YYYY-MM-DD ...``); its body is the rest, lines
counted from 1 after them. The date is passed to ``draft`` as the publication date, as an
analyst would give it (``caledger draft --disclosed``). ``expected.json`` maps each file name to ``company``, ``lang``, ``records`` (what an
analyst would record), ``optional`` (figures a draft may propose without credit or penalty)
and ``traps`` (figures that must never become records, as free text).

Each proposal is matched against the file's records, then its optional entries:

1. same ``type`` (and for ``kpi_disclosed`` the same ``metric``);
2. amounts equal as decimals: every amount the label states is the draft's, an amount the
   label leaves ``null`` is absent or null in the draft, and the draft has no amount the label
   does not have (a figure the analyst would have to delete is a wrong figure); a figure
   stated in another currency (``principal``, ``amount``, ``conversion_price``) and its
   ``currency`` are compared only when the label has the key (labels that predate them give
   ``principal_usd: null`` and nothing else);
3. the same ``effective`` and ``since`` as periods: the same first and last day
   (``2025-Q1`` is ``2025-01-01/2025-03-31``), not the same string.

1-3 is *fully right*; 1-2 alone is *partly right* (the right figure, its period missing or
collapsed). A proposal fully matching an optional entry is neither credited nor penalised.
Anything else is *wrong*; a wrong proposal with an amount written in one of the file's traps
is a *trap proposed*; a wrong proposal that ``import`` would accept as it stands is
*importable unchanged*. Each label is matched by one proposal at most: a second draft of the
same record is wrong.

A label no proposal matches may still be in front of the analyst: the drafter lists what it
read and did not propose (``noticed``, with why), and the review step shows that list. A
missed label whose type and amounts a noticed reading has (1-2 above) is counted as *missed,
noticed*: not a record anyone would import, but a figure the reviewer is pointed to.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

#: Fields compared as decimals.
AMOUNTS = ("btc", "loaned", "pledged", "usd", "principal_usd", "coupon_percent",
           "conversion_rate", "conversion_price_usd", "shares", "assumed_diluted", "warrants",
           "options", "restricted_units", "preferred_as_converted", "ratio", "value",
           "percent", "headcount", "revenue_usd", "net_income_usd", "adjusted_ebitda_usd")
COUNTS = ("expected", "proposed", "full", "partial", "optional", "wrong", "traps",
          "importable", "noticed")


class NoCorpus(Exception):
    """The folder holds no corpus to evaluate (no expected.json, or no text it labels)."""


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


#: Figures stated in another currency, and its code (``ledger/currencies.py``): compared only
#: when the label has the key. Labels written before these fields existed give such a record
#: ``principal_usd: null`` (or ``usd: null``) and no ``principal``/``currency``: a draft that
#: records the stated figure in them is neither rewarded nor penalised for it there.
STATED = ("principal", "amount", "conversion_price")


def amounts_agree(draft: dict[str, Any], label: dict[str, Any]) -> bool:
    for name in STATED:
        if name not in label:
            continue
        mine, theirs = draft.get(name), label.get(name)
        if (mine is None) != (theirs is None) or (
                theirs is not None and _decimal(mine) != _decimal(theirs)):
            return False
    if "currency" in label and str(draft.get("currency") or "").upper() != \
            str(label.get("currency") or "").upper():
        return False
    for name in AMOUNTS:
        mine, theirs = draft.get(name), label.get(name)
        if theirs is None:
            if mine is not None:
                return False
            continue
        if mine is None or _decimal(mine) != _decimal(theirs):
            return False
    return True


def same_kind(draft: dict[str, Any], label: dict[str, Any]) -> bool:
    if draft.get("type") != label.get("type"):
        return False
    return draft.get("type") != "kpi_disclosed" or draft.get("metric") == label.get("metric")


def _span(value: Any) -> tuple[Any, Any] | Any:
    """A period's (start, end) in the ledger's own terms (``ledger.values.parse_period``):
    ``2022`` and ``2022-01-01/2022-12-31`` are the same period; anything it cannot read
    (absent, malformed) is compared as written."""
    from ..values import parse_period

    try:
        period = parse_period(value)
    except ValueError:
        return value
    return (period.start, period.end)


def same_period(draft: dict[str, Any], label: dict[str, Any]) -> bool:
    """The same ``effective`` and ``since`` as periods (start and end), not as strings."""
    return all(_span(draft.get(name)) == _span(label.get(name)) for name in ("effective", "since"))


_TRAP_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
                          r"(\s*(?:billion|bn|milliards?|million|millions|mln|m\b|k\b|"
                          r"thousand))?(\s*%)?", re.IGNORECASE)


def trap_values(text: str) -> set[Decimal]:
    """Every value a number written in a trap's text may stand for: read the English and
    the French way, times its scale word, and a percent also as a ratio."""
    found: set[Decimal] = set()
    for m in _TRAP_NUMBER.finditer(text):
        token, scale, percent = m.group(1), (m.group(2) or "").strip().lower(), m.group(3)
        readings = set()
        for group, point in ((",", "."), (".", ","), (" ", ","), (" ", ".")):
            plain = re.sub(r"[\u202f\u00a0]", " ", token).replace(group, "")
            plain = plain.replace(point, ".")
            if re.fullmatch(r"\d+(?:\.\d+)?", plain):
                readings.add(Decimal(plain))
        factor = Decimal(1)
        if scale.startswith(("billion", "bn", "milliard")):
            factor = Decimal(10) ** 9
        elif scale.startswith(("million", "mln")) or scale == "m":
            factor = Decimal(10) ** 6
        elif scale in ("k", "thousand"):
            factor = Decimal(1000)
        for value in readings:
            found |= {value, value * factor}
            if percent:
                found.add(value / 100)
    return found


def is_trap(draft: dict[str, Any], traps: Iterable[str]) -> bool:
    values = {v for trap in traps for v in trap_values(trap)}
    for name in (*AMOUNTS, *STATED):
        value = _decimal(draft.get(name))
        if value is not None and (value in values or -value in values):
            return True
    return False


def header_date(text: str) -> str | None:
    """The publication date a corpus text's ``# date:`` header gives, if any."""
    m = re.search(r"^#\s*date:\s*(\d{4}-\d{2}-\d{2})", text[:2000], re.MULTILINE)
    return m.group(1) if m else None


def body(text: str) -> str:
    """The text without the corpus's two ``#`` header lines (labels count lines after them)."""
    lines = text.splitlines()
    head = 0
    while head < min(2, len(lines)) and re.match(r"#\s*(?:source|date)\s*:", lines[head]):
        head += 1
    return "\n".join(lines[head:])


@dataclass
class FileScore:
    file: str
    expected: int = 0
    proposed: int = 0
    full: int = 0
    partial: int = 0
    optional: int = 0
    wrong: int = 0
    traps: int = 0
    importable: int = 0
    noticed: int = 0
    details: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTS}


def score_file(name: str, drafts: list[dict[str, Any]], label: dict[str, Any],
               importable: Callable[[dict[str, Any]], bool],
               noticed: Iterable[dict[str, Any]] = ()) -> FileScore:
    """Score the drafts of one file against its label (see the module's docstring);
    ``noticed`` are the records the drafter read and did not propose."""
    records, optional = label.get("records", []), label.get("optional", [])
    traps = label.get("traps", [])
    score = FileScore(name, expected=len(records), proposed=len(drafts))
    verdict: dict[int, tuple[str, int | None]] = {}
    claimed: set[int] = set()
    for i, d in enumerate(drafts):  # fully right first, so a later exact draft is not lost
        for j, r in enumerate(records):
            if j not in claimed and same_kind(d, r) and amounts_agree(d, r) and same_period(d, r):
                verdict[i] = ("full", j)
                claimed.add(j)
                break
    for i, d in enumerate(drafts):
        if i not in verdict and any(same_kind(d, o) and amounts_agree(d, o) and
                                    same_period(d, o) for o in optional):
            verdict[i] = ("optional", None)
    for i, d in enumerate(drafts):
        if i in verdict:
            continue
        for j, r in enumerate(records):
            if j not in claimed and same_kind(d, r) and amounts_agree(d, r):
                verdict[i] = ("partial", j)
                claimed.add(j)
                break
    for i, d in enumerate(drafts):
        how, j = verdict.get(i, ("wrong", None))
        detail: dict[str, Any] = {"id": d.get("id"), "type": d.get("type"), "verdict": how}
        if how == "wrong":
            score.wrong += 1
            if is_trap(d, traps):
                score.traps += 1
                detail["trap"] = True
            if importable(d):
                score.importable += 1
                detail["importable"] = True
        else:
            setattr(score, how, getattr(score, how) + 1)
        if j is not None:
            detail["label"] = j
        score.details.append(detail)
    noticed = list(noticed)
    for j, r in enumerate(records):
        if j not in claimed:
            miss: dict[str, Any] = {"missed": j, "type": r.get("type"),
                                    "effective": r.get("effective")}
            if any(same_kind(n, r) and amounts_agree(n, r) for n in noticed):
                score.noticed += 1
                miss["noticed"] = True
            score.details.append(miss)
    return score


def load_corpus(folder: str | Path, only: Iterable[str] = (), exclude: Iterable[str] = ()
                ) -> list[tuple[str, str, dict[str, Any]]]:
    """(file name, body text, label) for each labelled text in the folder; ``only`` and
    ``exclude`` are file-name patterns (``04-*``)."""
    root = Path(folder)
    labels_path = root / "expected.json"
    if not labels_path.is_file():
        raise NoCorpus(f"nothing to evaluate: {root} has no expected.json")
    try:
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise NoCorpus(f"nothing to evaluate: {labels_path} can't be read: {e}") from None
    if not isinstance(labels, dict):
        raise NoCorpus(f"nothing to evaluate: {labels_path} is not an object of file labels")
    only, exclude = list(only), list(exclude)
    out = []
    for name, label in sorted(labels.items()):
        if name.startswith("_") or not isinstance(label, dict):
            continue
        if only and not any(fnmatch.fnmatch(name, p) for p in only):
            continue
        if any(fnmatch.fnmatch(name, p) for p in exclude):
            continue
        path = root / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        out.append((name, body(text), {**label, "_disclosed": header_date(text)}))
    if not out:
        raise NoCorpus(f"nothing to evaluate: no text in {root} is labelled in expected.json"
                       + (" (after --only/--exclude)" if only or exclude else ""))
    return out


def _importable(record: dict[str, Any]) -> bool:
    from ..events import RecordInvalid, validate_record

    try:
        validate_record(record)
    except RecordInvalid:
        return False
    return True


def evaluate_corpus(folder: str | Path, only: Iterable[str] = (), exclude: Iterable[str] = ()
                    ) -> dict[str, Any]:
    """Draft every labelled text of the folder and score it: per file and in total."""
    from . import Noticed, draft

    files = []
    for name, text, label in load_corpus(folder, only, exclude):
        noticed: list[Noticed] = []
        drafts = [d.record for d in draft(text, name, label.get("company") or "ACME",
                                          label.get("lang"), label.get("_disclosed"), noticed)]
        files.append(score_file(name, drafts, label, _importable,
                                [n.draft.record for n in noticed]))
    total = {name: sum(getattr(f, name) for f in files) for name in COUNTS}
    return {"corpus": str(folder), "files": [{"file": f.file, **f.counts(),
                                              "details": f.details} for f in files],
            "total": total, "recall": _share(total["full"], total["expected"]),
            "type_amount_recall": _share(total["full"] + total["partial"], total["expected"]),
            "shown_recall": _share(total["full"] + total["partial"] + total["noticed"],
                                   total["expected"]),
            "precision": _share(total["full"], total["proposed"] - total["optional"])}


def _share(a: int, b: int) -> str | None:
    return f"{Decimal(a) / Decimal(b):.3f}" if b else None


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {round(100 * a / b)}%" if b else "n/a"


def corpus_table(result: dict[str, Any]) -> str:
    """Per file and in total, as a Markdown table, then recall and precision."""
    head = ["| file | expected | proposed | fully right | partly right | optional | wrong | "
            "traps proposed | wrong, importable unchanged | missed, noticed |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    rows = [*result["files"], {"file": f"**all {len(result['files'])}**", **result["total"]}]
    for row in rows:
        head.append(f"| {row['file']} | " + " | ".join(str(row[name]) for name in COUNTS)
                    + " |")
    t = result["total"]
    head.append("")
    head.append(f"recall (fully right / expected): {_ratio(t['full'], t['expected'])}; "
                f"type and amount right: {_ratio(t['full'] + t['partial'], t['expected'])}; "
                f"precision (fully right / proposed, optional left out): "
                f"{_ratio(t['full'], t['proposed'] - t['optional'])}; "
                f"in front of the reviewer (drafted with the right type and amounts, or "
                f"noticed so): {_ratio(t['full'] + t['partial'] + t['noticed'], t['expected'])}")
    return "\n".join(head)
