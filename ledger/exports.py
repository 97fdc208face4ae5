"""Journals for other tools: Beancount and hledger, from ``projections.exports`` plans.

Both carry the same facts: one account per company and bucket, each flow as a transaction
dated at its period end (record id as a link or tag, document and line as metadata), each
explicit adjustment where a disclosed balance starts or restates a bucket, and the balance
every account holds at the end of each date that matters (the disclosed balances among
them). The Beancount journal is built from Beancount's own data structures and printed by
its printer; hledger has no Python library, so its journal is written here, in the syntax
hledger 1.25 reads.

Beancount checks a ``balance`` at the *start* of its date, so the balance held at the end of
day D is asserted on D + 1; hledger's ``=`` holds after the posting on its own date, so
there it is asserted on D, after that day's transactions.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

from projections.exports import COMMODITY, CompanyPlan, describe

from .errors import BadQuery
from .values import canonical

FORMATS = ("beancount", "hledger")
#: hledger checks an assertion to the precision it is written in: write every satoshi.
_SATOSHI = Decimal("0.00000001")


def write(fmt: str, plans: list[CompanyPlan], header: dict[str, Any]) -> str:
    if fmt == "beancount":
        return beancount(plans, header)
    if fmt == "hledger":
        return hledger(plans, header)
    raise BadQuery(f"export {fmt}: not a journal format; use one of " + ", ".join(FORMATS))


def save(out: str, text: str, *, ledger: str | None = None, force: bool = False) -> None:
    """Write ``text`` to ``out`` (see ``ledger/outputs.py``: never over the ledger, nor over
    a file that is not a journal without ``force``; a regular file whole or not at all)."""
    from .outputs import JOURNAL, write_output

    write_output(out, text, option="--out", kind=JOURNAL, ledger=ledger, force=force)


def _header_lines(tool: str, header: dict[str, Any]) -> list[str]:
    known = header["known_at"] or "now"
    as_of = header["as_of"] or "every period that has ended or will end"
    return [f"; caledger export for {tool}: bitcoin holdings as of {as_of},",
            f"; as known at {known} (@{header['position']}, head hash {header['head_hash']}).",
            "; Adjustments are the disclosed balances' gaps (opening balances and unexplained",
            "; variance); flows still in progress at the as-of date are listed, not moved."]


# --- Beancount ----------------------------------------------------------------------------------

_LINK = re.compile(r"[^A-Za-z0-9\-_/.]")


#: Beancount otherwise tolerates a difference of up to its last digit in a balance ("~ 0").
_EXACT = Decimal(0)


def _link(record_id: str) -> str:
    return _LINK.sub("-", record_id)


def beancount(plans: list[CompanyPlan], header: dict[str, Any]) -> str:
    try:
        from beancount.core import data
        from beancount.core.amount import Amount
        from beancount.parser import printer
    except ImportError:
        raise BadQuery("export beancount needs the beancount package; install it with "
                       "pip install 'caledger[export]'") from None

    def meta(values: dict[str, str]) -> dict[str, Any]:
        kv: dict[str, Any] = {k: (Decimal(v) if k == "line" else v) for k, v in values.items()}
        return data.new_metadata("caledger", 0, kv)

    def record_meta(record: dict[str, Any] | None) -> dict[str, str]:
        if record is None:
            return {}
        sources = record.get("sources") or []
        out = {"record": record["id"]}
        if sources:
            out["document"], out["line"] = str(sources[0]["document"]), str(sources[0]["line"])
        return out

    entries: list[Any] = []
    opened = [p.opened for p in plans if p.opened is not None]
    if opened:
        entries.append(data.Commodity(meta({}), min(opened), COMMODITY))
    for plan in plans:
        if plan.opened is None:
            continue
        for account in plan.used_accounts():
            entries.append(data.Open(meta({}), plan.opened, account, [COMMODITY], None))
        for m in plan.movements:
            postings = [data.Posting(account, Amount(btc, COMMODITY), None, None, None, None)
                        for account, btc in m.postings]
            links = frozenset({_link(m.record["id"])}) if m.record else frozenset()
            entries.append(data.Transaction(meta(m.meta), m.date, "*", plan.company,
                                            m.narration, frozenset(), links, postings))
        for a in plan.assertions:
            entries.append(data.Balance(meta(record_meta(a.record)), a.date + timedelta(days=1),
                                        a.account, Amount(a.btc, COMMODITY), _EXACT, None))
        for record in plan.in_progress:
            assert plan.as_of is not None
            entries.append(data.Note(
                meta({"record": record["id"]}), plan.as_of, plan.accounts["holdings"],
                f"in progress at {plan.as_of}, not counted: {describe(record)}",
                frozenset(), frozenset({_link(record["id"])})))
    lines = _header_lines("Beancount", header)
    lines.append('option "title" "caledger: bitcoin holdings"')
    body = "\n".join(printer.format_entry(e) for e in data.sorted(entries))
    return "\n".join(lines) + "\n\n" + body


# --- hledger ------------------------------------------------------------------------------------


def _tag(value: str) -> str:
    """A tag value: it ends at a comma or the end of the line."""
    return re.sub(r"[,\n\r]", " ", value).strip()


def _description(text: str) -> str:
    return re.sub(r"[;\n\r]", ",", text)


def _postings(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(a) for a, _ in rows) + 4
    return [f"    {account:<{width}}{amount}" for account, amount in rows]


def hledger(plans: list[CompanyPlan], header: dict[str, Any]) -> str:
    lines = _header_lines("hledger", header)
    lines += ["", f"commodity 0.00000000 {COMMODITY}"]
    for plan in plans:
        if plan.opened is not None:
            lines += [f"account {a}" for a in plan.used_accounts()]
    dated: list[tuple[str, list[str]]] = []  # (date, block), stably sorted by date below
    for plan in plans:
        for m in plan.movements:
            tags = ", ".join(f"{k}:{_tag(v)}" for k, v in m.meta.items())
            block = [f"{m.date} * {plan.company} | {_description(m.narration)}  ; {tags}"]
            block += _postings([(a, f"{canonical(n)} {COMMODITY}") for a, n in m.postings])
            dated.append((m.date.isoformat(), block))
        by_day: dict[str, list[Any]] = {}
        for a in plan.assertions:
            by_day.setdefault(a.date.isoformat(), []).append(a)
        for day, assertions in by_day.items():
            disclosed = next((a.record for a in assertions if a.record), None)
            title = (f"disclosed balance {disclosed['id']}" if disclosed
                     else "balance at the end of the day")
            tags = ""
            if disclosed:
                src = (disclosed.get("sources") or [{}])[0]
                tags = f"  ; record:{_tag(disclosed['id'])}" + (
                    f", document:{_tag(str(src['document']))}, line:{src['line']}"
                    if src else "")
            block = [f"{day} * {plan.company} | {_description(title)}{tags}"]
            block += _postings([(a.account, f"0 {COMMODITY} "
                                 f"{'=*' if a.account == plan.accounts['holdings'] else '='} "
                                 f"{a.btc.quantize(_SATOSHI):f} {COMMODITY}") for a in assertions])
            dated.append((day, block))
        for record in plan.in_progress:
            dated.append((str(plan.as_of), [
                f"; {plan.company}: in progress at {plan.as_of}, not counted: "
                f"{describe(record)}"]))
    dated.sort(key=lambda item: item[0])
    for _, block in dated:
        lines += ["", *block]
    return "\n".join(lines) + "\n"
