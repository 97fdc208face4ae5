"""SEC XBRL company facts → import-format records.

EDGAR serves one JSON file per company
(``data.sec.gov/api/xbrl/companyfacts/CIK##########.json``):
``facts → taxonomy → concept → units → unit key → [fact, ...]``, each fact
``{end, val, accn, fy, fp, form, filed, frame?, start?}``. The same fact appears once per
filing that reported it: a 10-K repeats last year's balance beside this year's, and a
restatement reports the same ``end`` again with a new value. This module turns the facts that
matter here into records, without the network and without a ledger, by the rows of the one
mapping table (``rules.RULES``) that company facts can carry:

- ``us-gaap:CryptoAssetNumberOfUnits`` → ``btc_balance_disclosed`` (bitcoin held on ``end``);
- ``dei:EntityCommonStockSharesOutstanding`` → ``shares_outstanding_disclosed`` (when the
  catalog has that type).

(Cost and fair value per asset need the asset's axis member: only filings carry them.)

For each (concept, end) the facts are taken in filing order (``filed``, then accession): the
first filing gives the record; a later filing with the same value repeats it and adds nothing;
a later filing with a new value is a **correction** of that record (always of the original, as
every amendment is), so ``--known-at`` before it still sees the value first on file. Ids are
derived from the ticker, concept, end and accession, so importing a newer company-facts file
adds only what is new. Every record cites its filing: ``document`` = accession and form,
``line`` = 1, ``url`` = the filing index on EDGAR; ``disclosed`` = ``filed``.

**Which counts are bitcoin.** The unit key of ``CryptoAssetNumberOfUnits`` is chosen by the
filer: a bitcoin unit (``BTC``, ``bitcoin``, ``XBT``, ...), a generic count (``pure``,
``Unit``, ``Integer``, ``item``, ...) or another asset's unit (``ETH``, ``SOL``, ...). The rule:

1. facts in a bitcoin unit are bitcoin;
2. facts in a generic unit are taken as bitcoin only when the filer names no asset by unit for
   this concept (then the note says the unit does not name the asset); when it does name assets
   (e.g. ``bitcoin`` and ``ETH``, or ``bitcoin`` and ``pure``), a generic count may be another
   asset or all of them together, so it is skipped;
3. facts in any other unit are another asset (or money) and are skipped;
4. duration facts (with ``start``) are not a balance on a date and are skipped.

The company-facts API carries only facts without dimensions, so a count split by
``CryptoAssetAxis`` member never reaches this file; one filing giving two different values for
the same concept and date (e.g. two share classes) is ambiguous and skipped, never summed.
Skipped facts are listed with the reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .. import kinds
from ..companies import ALIASES, known_name, resolve_company
from ..errors import RejectedInput, read_text_file
from ..jsonio import DuplicateKey, _no_duplicates, _too_deep
from ..values import canonical
from .rules import BITCOIN_UNITS, BY_NAME, GENERIC_UNITS, RULES, SHARE_UNITS, USD_UNITS, Rule

COMPANY_FACTS_URL = "https://data.sec.gov/api/xbrl/companyfacts/CIK{cik:010d}.json"
FILING_INDEX_URL = "https://www.sec.gov/Archives/edgar/data/{cik}/{folder}/{accn}-index.htm"


#: A row of the mapping table (``rules.py``); company facts read the rows they can carry.
Concept = Rule
BTC_HELD = BY_NAME["us-gaap:CryptoAssetNumberOfUnits"]
SHARES_OUTSTANDING = BY_NAME["dei:EntityCommonStockSharesOutstanding"]
CONCEPTS = tuple(r for r in RULES if r.company_facts)

_ACCN = re.compile(r"[0-9]{10}-[0-9]{2}-[0-9]{6}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _unit_key(unit: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unit.lower())


#: How deeply company facts may nest (facts, taxonomy, concept, units, unit, list, fact: 7).
MAX_DEPTH = 32


@dataclass(frozen=True)
class Fact:
    concept: Concept
    unit: str
    end: str
    val: Decimal
    accn: str
    form: str
    filed: str
    fy: Any = None
    fp: Any = None
    start: str | None = None

    @property
    def order(self) -> tuple[str, str]:
        return (self.filed, self.accn)

    def brief(self) -> dict[str, Any]:
        return {"concept": self.concept.qualified, "unit": self.unit, "end": self.end,
                "val": canonical(self.val), "accn": self.accn, "form": self.form,
                "filed": self.filed}


@dataclass
class Conversion:
    """What one company-facts file gives: records in import format (originals and
    corrections, in filing order), facts skipped and why, and counts."""

    cik: int
    entity: str
    company: str
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    facts_read: int = 0
    repeated: int = 0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.records:
            kind = "correction" if r["type"] == "correction" else r["type"]
            out[kind] = out.get(kind, 0) + 1
        return dict(sorted(out.items()))


# --- reading the file -------------------------------------------------------------------------


def read_company_facts(path: str) -> dict[str, Any]:
    """The parsed company-facts file, numbers as exact ``Decimal``; one clear line if it isn't
    one."""
    text = read_text_file(path, f"it should be SEC company-facts JSON; {_HINT}")
    return parse_company_facts(text, path)


_HINT = ("download it from " + COMPANY_FACTS_URL.replace("{cik:010d}", "##########")
         + " (or use --fetch CIK)")


def parse_company_facts(text: str, source: str) -> dict[str, Any]:
    """Company facts from ``text`` (read from ``source``): numbers as exact ``Decimal``. An
    object naming a key twice, nesting deeper than the parser allows or a taxonomy that is not
    an object is refused with one line, as the JSON Lines import refuses them."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal,
                          parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        raise RejectedInput(f"{source}: not valid JSON (line {e.lineno}, column {e.colno}: "
                            f"{e.msg}); it should be SEC company-facts JSON; {_HINT}") from None
    except DuplicateKey as e:
        raise RejectedInput(f"{source}: the key {json.dumps(e.key)} appears twice in one "
                            "object; company facts give each key once (which value is meant "
                            "can't be known); fix the file or download it again") from None
    except ValueError as e:
        raise RejectedInput(f"{source}: {e}; it should be SEC company-facts JSON") from None
    except RecursionError:  # the parser's own bound, deeper down the file
        _refuse_if_deep(text, source)
        raise RejectedInput(f"{source}: nested too deeply; it should be SEC company-facts JSON"
                            ) from None
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        raise RejectedInput(f'{source}: not SEC company facts: no "facts" object mapping '
                            f'taxonomies to concepts; {_HINT}')
    for taxonomy, concepts in data["facts"].items():
        if not isinstance(concepts, dict):
            raise RejectedInput(f'{source}: not SEC company facts: "facts"."{taxonomy}" should '
                                f"be an object mapping concepts to their units, got "
                                f"{_kind(concepts)}")
    return data


def _refuse_if_deep(text: str, source: str) -> None:
    """Refuse ``text`` with one line if it nests deeper than ``MAX_DEPTH``, saying where. (A
    scan of the whole text costs more than parsing it: it runs only on a text the parser
    found too deep; company facts nest 7 levels, so nesting the parser takes is harmless.)"""
    deep = _too_deep(text, 0, MAX_DEPTH)
    if deep is not None:
        line = text.count("\n", 0, deep) + 1
        raise RejectedInput(f"{source}: nested more than {MAX_DEPTH} levels deep (line {line}); "
                            "company facts nest 7 levels; it should be SEC company-facts JSON")


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {json.dumps(value[:40])}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Decimal):
        return f"the number {value}"
    return json.dumps(value)


def _no_constant(name: str) -> Any:
    raise ValueError(f"holds {name}, which is not a number")


def convert(data: dict[str, Any], company: str, *, source: str = "company facts",
            types: Iterable[str] | None = None) -> Conversion:
    """Records for ``company`` from parsed company facts ``data`` (see the module docstring).

    ``types`` are the record types the catalog has (default: ``kinds.TYPES``); a concept
    whose type is missing is skipped with that reason. Raises ``RejectedInput`` with one line
    per malformed fact.
    """
    available = set(kinds.TYPES if types is None else types)
    try:
        ticker = resolve_company(company)
    except ValueError as e:
        raise RejectedInput(f"--company: {e}") from None
    cik = _cik(data, source)
    entity = data.get("entityName") if isinstance(data.get("entityName"), str) else ""
    _check_entity(entity, ticker, source)
    result = Conversion(cik=cik, entity=entity, company=ticker)
    problems: list[str] = []
    facts: list[Fact] = []
    for concept in CONCEPTS:
        raw = data["facts"].get(concept.taxonomy, {})
        if not isinstance(raw, dict):
            problems.append(f'{source}: "facts"."{concept.taxonomy}" should be an object '
                            f"mapping concepts to their units, got {_kind(raw)}")
            continue
        units = raw.get(concept.name)
        if units is None:
            continue
        if not isinstance(units, dict) or not isinstance(units.get("units"), dict):
            problems.append(f'{source}: {concept.qualified}: no "units" object; the file is '
                            "not in the company-facts format")
            continue
        found = list(_facts(concept, units["units"], source, problems))
        result.facts_read += len(found)
        if concept.record_type not in available:
            result.skipped.extend({**f.brief(), "reason": f"the ledger has no record type "
                                   f"{concept.record_type} yet"} for f in found)
            continue
        facts.extend(_select(concept, found, units["units"], result.skipped))
    if problems:
        raise RejectedInput(*problems)
    result.records, result.repeated = _records(facts, ticker, cik, result.skipped)
    return result


def _cik(data: dict[str, Any], source: str) -> int:
    cik = data.get("cik")
    if isinstance(cik, str) and cik.isdigit():
        cik = Decimal(cik)
    if not isinstance(cik, Decimal) or cik != cik.to_integral_value() or cik <= 0:
        raise RejectedInput(f'{source}: not SEC company facts: "cik" should be the company\'s '
                            f"CIK number, got {json.dumps(str(cik) if cik is not None else None)}")
    return int(cik)


def _check_entity(entity: str, ticker: str, source: str) -> None:
    """Refuse a file that names another company the ledger knows by a different ticker."""
    try:
        named = known_name(entity)
    except ValueError:  # an unreadable aliases file: the built-in names alone
        named = ALIASES.get(" ".join(entity.split()).lower())
    if named is None:
        return  # a name the ledger doesn't know: nothing to check it against
    if named != ticker:
        raise RejectedInput(f'{source}: the file is about "{entity}" ({named}), not '
                            f"{ticker}; check --company or the file")


_SUFFIXES = ("incorporated", "inc", "corporation", "corp", "company", "co", "limited", "ltd",
             "plc", "holdings")


def _bare_name(name: str) -> str:
    """A company name compared loosely: lower case, words only, without a legal suffix."""
    words = re.sub(r"[^0-9a-z]+", " ", name.lower()).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def check_filer(data: dict[str, Any], ticker: str, cik: int, entity: str, source: str,
                ciks_on_file: set[int]) -> None:
    """Refuse, in one line, a company-facts file that is about another company than
    ``ticker``, as a filing about another trading symbol is refused: the file's own ticker
    (``tickers``, ``dei:TradingSymbol``) is another; ``ticker`` is one the ledger knows by
    name and the file's ``entityName`` is none of its names; or the ledger already holds
    XBRL records of ``ticker`` citing other CIKs (``ciks_on_file``)."""
    from .bulk import own_ticker

    about = f'"{entity}" (CIK {cik})' if entity else f"CIK {cik}"
    own = own_ticker(data)
    if own is not None and own != ticker:
        raise RejectedInput(f"{source}: the file is about {about}, trading symbol {own}, not "
                            f"{ticker}; check --company or the file")
    names = {_bare_name(name) for name, known in ALIASES.items() if known == ticker}
    if entity and names and _bare_name(entity) not in names:
        raise RejectedInput(f"{source}: the file is about {about}, which is not a name of "
                            f"{ticker}; check --company or the file")
    others = sorted(ciks_on_file - {cik})
    if others:
        raise RejectedInput(f"{source}: the file is about {about}, but the ledger's XBRL "
                            f"records of {ticker} are from CIK "
                            f"{', '.join(map(str, others))}; check --company or the file")


def ciks_cited(rows: Iterable[dict[str, Any]]) -> set[int]:
    """The CIKs the XBRL records among ``rows`` (``history`` rows) cite in their EDGAR
    addresses."""
    found: set[int] = set()
    for row in rows:
        event = row.get("event") or row
        if "-xbrl-" not in str(row.get("id", "")):
            continue
        for source in event.get("sources") or ():
            match = _EDGAR_CIK.match(str(source.get("url") or ""))
            if match:
                found.add(int(match.group(1)))
    return found


_EDGAR_CIK = re.compile(r"https://www\.sec\.gov/Archives/edgar/data/(\d+)/")


def _facts(concept: Concept, units: dict[str, Any], source: str, problems: list[str]
           ) -> Iterable[Fact]:
    for unit, entries in units.items():
        where = f"{source}: {concept.qualified} units.{unit}"
        if not isinstance(entries, list):
            problems.append(f"{where}: should be a list of facts")
            continue
        for i, entry in enumerate(entries):
            at = f"{where}[{i}]"
            if not isinstance(entry, dict):
                problems.append(f"{at}: a fact should be an object with end, val, accn, form, "
                                "filed")
                continue
            missing = [k for k in ("end", "val", "accn", "form", "filed") if k not in entry]
            if missing:
                problems.append(f"{at}: missing {', '.join(missing)}; every company-facts "
                                "fact has end, val, accn, form and filed")
                continue
            bad = _bad_fields(entry)
            if bad:
                problems.append(f"{at}: {bad}")
                continue
            yield Fact(concept, unit, entry["end"], entry["val"], entry["accn"],
                       str(entry["form"]), entry["filed"], entry.get("fy"), entry.get("fp"),
                       entry.get("start"))


def _bad_fields(entry: dict[str, Any]) -> str | None:
    for key in ("end", "filed", "start"):
        value = entry.get(key)
        if key == "start" and value is None:
            continue
        if not isinstance(value, str) or not _DAY.fullmatch(value):
            return f'"{key}" should be a date YYYY-MM-DD, got {json.dumps(str(value))}'
        try:
            date.fromisoformat(value)
        except ValueError:
            return f'"{key}" {json.dumps(value)} is not a real calendar date'
    if not isinstance(entry["accn"], str) or not _ACCN.fullmatch(entry["accn"]):
        return (f'"accn" should be an accession number like 0001507605-25-000004, got '
                f'{json.dumps(str(entry["accn"]))}')
    value = entry["val"]
    if not isinstance(value, Decimal) or not value.is_finite():
        return f'"val" should be a number, got {json.dumps(str(value))}'
    try:
        value.quantize(Decimal("1e-8"))
    except InvalidOperation:
        return f'"val" {value} is out of range'
    return None


def _select(concept: Concept, facts: list[Fact], units: dict[str, Any],
            skipped: list[dict[str, Any]]) -> list[Fact]:
    """The facts about this concept's subject (bitcoin, or shares), by the unit rule."""
    keys = {unit: _unit_key(unit) for unit in units}
    named = sorted(u for u, k in keys.items() if k not in GENERIC_UNITS)
    taken: list[Fact] = []
    for f in facts:
        key = keys[f.unit]
        reason = None
        if f.start is not None:
            reason = f"a duration fact ({f.start} to {f.end}), not a balance on a date"
        elif concept.unit == "shares":
            if key not in SHARE_UNITS:
                reason = f'unit "{f.unit}" is not shares'
        elif concept.unit == "usd":
            if key not in USD_UNITS:
                reason = f'unit "{f.unit}" is not USD'
        elif key in BITCOIN_UNITS:
            pass
        elif key in GENERIC_UNITS:
            if named:
                reason = (f'unit "{f.unit}" does not name the asset and the filer names assets '
                          f"by unit ({', '.join(named)}): it may count another asset or all "
                          "of them")
        else:
            reason = f'unit "{f.unit}" is not bitcoin'
        if reason:
            skipped.append({**f.brief(), "reason": reason})
        else:
            taken.append(f)
    return taken


# --- facts → records ------------------------------------------------------------------------


def record_id(ticker: str, concept: Concept, end: str, accn: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ticker.lower()).strip("-")
    return f"{slug}-xbrl-{concept.name.lower()}-{end}-{accn}"


def filing_url(cik: int, accn: str) -> str:
    return FILING_INDEX_URL.format(cik=cik, folder=accn.replace("-", ""), accn=accn)


def _records(facts: list[Fact], ticker: str, cik: int, skipped: list[dict[str, Any]]
             ) -> tuple[list[dict[str, Any]], int]:
    by_key: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        by_key.setdefault((f.concept.qualified, f.end), []).append(f)
    out: list[tuple[tuple[str, str, int, str], dict[str, Any]]] = []
    repeated = 0
    for (_, end), group in by_key.items():
        # One filing, one value: several unit keys may carry the same figure.
        filings: dict[str, list[Fact]] = {}
        for f in sorted(group, key=lambda f: f.order):
            filings.setdefault(f.accn, []).append(f)
        original: dict[str, Any] | None = None
        current: Decimal | None = None
        first: Fact | None = None
        for accn, same in filings.items():
            values = sorted({f.val for f in same})
            f = same[0]
            if len(values) > 1:
                skipped.append({**f.brief(), "val": " / ".join(canonical(v) for v in values),
                                "reason": "the filing gives several values for this date "
                                          "(e.g. share classes or assets); not summed"})
                continue
            order_key = (f.filed, f.accn, CONCEPTS.index(f.concept), end)
            if original is None:
                original = _record(f, ticker, cik)
                current, first = f.val, f
                out.append((order_key, original))
            elif f.val == current:
                repeated += 1
            else:
                assert first is not None and current is not None
                out.append((order_key, _correction(f, first, current, original, ticker, cik)))
                current = f.val
    out.sort(key=lambda item: item[0])
    return [record for _, record in out], repeated


def _cites(f: Fact, cik: int) -> list[dict[str, Any]]:
    return [{"document": f"{f.accn} {f.form}", "line": 1, "url": filing_url(cik, f.accn)}]


def _note(f: Fact) -> str:
    period = f"fiscal {f.fy} {f.fp}" if f.fy is not None and f.fp is not None else "period n/a"
    note = (f"SEC XBRL {f.concept.qualified} (unit {f.unit}) in {f.form} {f.accn} filed "
            f"{f.filed} ({period}).")
    key = _unit_key(f.unit)
    if f.concept.unit == "count":
        if key in GENERIC_UNITS:
            note += (f' The unit "{f.unit}" does not name the asset; taken as bitcoin because '
                     "the filer names no asset by unit for this concept.")
        note += " Loaned and pledged bitcoin are not stated separately."
    return note


def _record(f: Fact, ticker: str, cik: int) -> dict[str, Any]:
    return {"id": record_id(ticker, f.concept, f.end, f.accn), "type": f.concept.record_type,
            "company": ticker, "effective": f.end, "disclosed": f.filed,
            f.concept.field: canonical(f.val), "sources": _cites(f, cik), "note": _note(f)}


def _correction(f: Fact, first: Fact, previous: Decimal, original: dict[str, Any],
                ticker: str, cik: int) -> dict[str, Any]:
    event = {k: v for k, v in _record(f, ticker, cik).items() if k != "id"}
    return {"id": record_id(ticker, f.concept, f.end, f.accn), "type": "correction",
            "corrects": original["id"],
            "reason": (f"{f.concept.what} on {f.end} restated in {f.form} {f.accn} filed "
                       f"{f.filed}: {canonical(f.val)} (previously {canonical(previous)}; "
                       f"first reported in {first.form} {first.accn})"),
            "event": event}


# --- fetching (a convenience; the tests never use the network) ------------------------------


def fetch(cik: int, path: str, user_agent: str) -> None:
    """Download the company facts of ``cik`` to ``path``. The SEC refuses requests without a
    User-Agent naming who is asking (a name and an e-mail address)."""
    import urllib.error
    import urllib.request

    if "@" not in user_agent:
        raise RejectedInput('--user-agent: the SEC requires a User-Agent with a contact e-mail, '
                            'e.g. "Jane Analyst jane@example.com" (or set CALEDGER_SEC_USER_AGENT)')
    url = COMPANY_FACTS_URL.format(cik=cik)
    request = urllib.request.Request(url, headers={"User-Agent": user_agent,
                                                   "Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (https only)
            body = response.read()
    except urllib.error.HTTPError as e:
        raise RejectedInput(f"--fetch {cik}: {url} answered {e.code} {e.reason}; check the CIK"
                            ) from None
    except (urllib.error.URLError, OSError) as e:
        raise RejectedInput(f"--fetch {cik}: can't reach {url}: {e}; download the file "
                            "yourself and pass its path") from None
    Path(path).write_bytes(body)
