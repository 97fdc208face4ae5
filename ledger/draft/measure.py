"""Measuring the drafter against the seed ledger (``evaluate``, ``evaluation_table``) and
``python -m ledger.draft --evaluate`` (``_main``)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
import re
from typing import Any
import unicodedata

from .assemble import _AMOUNT_FIELDS
from .compose import draft


# --- measuring against the seed ledger ----------------------------------------------------------


def figure_forms(value: str) -> set[str]:
    """Ways a text may write an amount, spaces folded: 41,730 / 41 730 / $2 billion /
    318,6 millions / 0 as zero."""
    amount = Decimal(value).copy_abs()
    plain = format(amount.normalize(), "f") if amount else "0"
    forms = {plain, f"{amount:,f}".rstrip("0").rstrip(".") if "." in f"{amount:,f}"
             else f"{amount:,f}"}
    forms |= {x.replace(",", " ") for x in list(forms)} | {plain.replace(".", ",")}
    if "." in plain:
        whole, frac = plain.split(".")
        forms |= {f"{int(whole):,}".replace(",", " ") + "," + frac}
    for scale, words in ((10**9, ("billion", "milliard")), (10**6, ("million", "millions"))):
        if amount >= scale and amount % (scale // 100) == 0:
            short = format((amount / scale).normalize(), "f")
            for word in words:
                forms |= {f"{short} {word}", f"{short.replace('.', ',')} {word}"}
    if amount == 0:
        forms |= {"zero", "zéro"}
    return forms


def appears(value: str, text: str) -> bool:
    """Whether ``value`` is written in ``text`` in one of its forms (any space as a space)."""
    flat = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text).lower()
    return any(re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d])", flat)
               for form in figure_forms(value))


AMOUNT_FIELDS = _AMOUNT_FIELDS


def matches(record: dict[str, Any], seed: dict[str, Any], document: str,
            lines: dict[int, str]) -> bool:
    """Does a draft from ``document`` stand for ``seed`` as far as that document goes?

    Same type; cites exactly the lines the seed cites in it; every amount of the seed written
    on those lines is the draft's, and the draft has no amount the seed hasn't; same target,
    coupon and convertibility; same effective when the document is the seed's first source
    (else none, or the same).
    """
    cited = {s["line"] for s in seed["sources"] if s["document"] == document}
    if record["type"] != seed["type"] or {s["line"] for s in record["sources"]} != cited:
        return False
    text = "\n".join(lines[n] for n in sorted(cited) if n in lines)
    for name in AMOUNT_FIELDS:
        if name in record and (name not in seed or Decimal(record[name]) != Decimal(seed[name])):
            return False
        if name in seed and name not in record and appears(seed[name], text):
            return False
    for name in ("target", "convertible"):
        if seed.get(name) != record.get(name) and (name in record or name in seed):
            return False
    primary = seed["sources"][0]["document"] == document
    if primary:
        return record.get("effective") == seed["effective"]
    return record.get("effective") in (None, seed["effective"])


def evaluate(seeds: Iterable[dict[str, Any]], sources: dict[str, str], company: str = "MARA"
             ) -> dict[str, Any]:
    """Precision and recall of ``draft`` on each source document against the seed records
    that cite it (the company of those records, else ``company``). ``sources`` maps
    document name → text."""
    seeds = list(seeds)
    rows = []
    totals = {"expected": 0, "found": 0, "proposed": 0, "correct": 0}
    for document, text in sorted(sources.items()):
        lines = dict(enumerate(text.splitlines(), start=1))
        expected = [s for s in seeds if any(x["document"] == document for x in s["sources"])]
        drafts = [d.record for d in draft(text, document,
                                          expected[0]["company"] if expected else company)]
        found = [s["id"] for s in expected if any(matches(r, s, document, lines)
                                                   for r in drafts)]
        correct = [r["id"] for r in drafts if any(matches(r, s, document, lines)
                                                  for s in expected)]
        row = {"document": document, "expected": len(expected), "found": len(found),
               "proposed": len(drafts), "correct": len(correct),
               "missed": [s["id"] for s in expected if s["id"] not in found],
               "unmatched": [r["id"] for r in drafts if r["id"] not in correct]}
        rows.append(row)
        for key in totals:
            totals[key] += row[key]
    return {"documents": rows, "total": totals}


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.0%}" if b else "n/a"


def evaluation_table(result: dict[str, Any]) -> str:
    """The evaluation as a Markdown table (what the README shows)."""
    out = ["| document | records citing it | drafts | precision | recall |",
           "|---|---:|---:|---:|---:|"]
    every = f"**all {len(result['documents'])}**"
    for row in [*result["documents"], {"document": every, **result["total"]}]:
        out.append(f"| {row['document']} | {row['expected']} | {row['proposed']} | "
                   f"{_ratio(row['correct'], row['proposed'])} | "
                   f"{_ratio(row['found'], row['expected'])} |")
    return "\n".join(out)


#: Types the drafter never proposes (a price seen in a text, a miner's operating figures):
#: records of these types are left out when it is measured against the seed ledger.
NOT_DRAFTED = frozenset({"price_observed", "operations_reported"})


def _main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent.parent
    parser = argparse.ArgumentParser(
        prog="python -m ledger.draft",
        description="Measure draft against hand-made records: every *.jsonl record under "
                    "--seeds that cites a *.txt document under --sources; or, with --corpus, "
                    "against a labelled corpus (texts and expected.json).")
    parser.add_argument("--evaluate", action="store_true", required=True)
    parser.add_argument("--seeds", default=str(here / "seeds"))
    parser.add_argument("--sources", default=str(here.parent / "shared" / "sources"))
    parser.add_argument("--company", default="MARA", help="for documents no record cites")
    parser.add_argument("--corpus", default=None, metavar="DIR",
                        help="Score against a labelled corpus instead: DIR holds texts and "
                             "their expected.json (the format of ../shared/corpus).")
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN",
                        help="With --corpus: only the files matching PATTERN (repeatable).")
    parser.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                        help="With --corpus: leave out the files matching PATTERN.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.corpus is not None:
        from .score import NoCorpus, corpus_table, evaluate_corpus

        try:
            scored = evaluate_corpus(args.corpus, args.only, args.exclude)
        except NoCorpus as e:
            print(e, file=sys.stderr)
            return 1
        print(json.dumps(scored, indent=2) if args.json else corpus_table(scored))
        return 0
    seeds = [record for path in sorted(Path(args.seeds).glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
             if (record := json.loads(line))["type"] not in NOT_DRAFTED]
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(args.sources).glob("*.txt"))}
    result = evaluate(seeds, sources, args.company)
    print(json.dumps(result, indent=2) if args.json else evaluation_table(result))
    return 0
