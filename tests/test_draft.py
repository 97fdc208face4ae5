"""draft: records proposed from a text document, never stored, never more precise than the text.

The seed ledger is the answer key for the four source documents: every bitcoin figure and
capital action it records from a document must be proposed, citing the right line. Two
documents written for these tests (one English, one French, tests/fixtures/drafts) show the
rules are general, and every proposal on every document is checked against its own text:
each amount is written on a line it cites, and each effective is no more precise than the
period phrase it came from.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import draft as drafting
from ledger.draft import detect_language, draft, mentions, parse_number

from .conftest import SEEDS, SOURCES, fingerprint, the_one_error_line

FIXTURES = Path(__file__).parent / "fixtures" / "drafts"
SAMPLES = {"hashworth-q3-2025-en.txt": "HASH", "boreale-t3-2025-fr.txt": "BORL"}
AMOUNTS = ("btc", "loaned", "pledged", "usd", "principal_usd", "coupon_percent", "percent",
           "headcount", "shares", "revenue_usd", "net_income_usd", "adjusted_ebitda_usd")
needs_sources = pytest.mark.skipif(not SOURCES.is_dir(),
                                   reason="../shared/sources is not beside the project")


#: Seed record types ``draft`` does not propose yet (a share price, a miner's operations: issue
#: 29 leaves teaching the draft engine them to its owner), left out of what it is held to.
NOT_DRAFTED = drafting.NOT_DRAFTED


def seeds() -> list[dict]:
    return [record for path in SEEDS for line in path.read_text().splitlines() if line
            if (record := json.loads(line))["type"] not in NOT_DRAFTED]


def documents() -> dict[str, tuple[str, str]]:
    """Every document drafts are checked on: name -> (text, company)."""
    docs = {name: ((FIXTURES / name).read_text(encoding="utf-8"), company)
            for name, company in SAMPLES.items()}
    if SOURCES.is_dir():
        docs |= {p.name: (p.read_text(encoding="utf-8"), "MARA")
                 for p in sorted(SOURCES.glob("*.txt"))}
    return docs


def drafted(name: str, read_all: bool = False) -> list[dict]:
    """The drafts from a document; with ``read_all``, also those read and only noticed."""
    text, company = documents()[name]
    noticed: list = []
    drafts = draft(text, name, company, noticed=noticed)
    return [d.record for d in drafts] + ([n.draft.record for n in noticed] if read_all else [])


#: What a document's drafts may leave to the noticed section: a raise with no share count, a
#: lone results figure, notes with one term (on real text these were wrong more often).
NOTICED_TYPES = {"equity_issued", "results_reported", "notes_issued"}


def flat(text: str) -> str:
    """Every kind of space as a plain space."""
    return "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)


def written_forms(value: str) -> set[str]:
    """Ways an amount can be written: 41,730 / 41 730 / 812,25 / $1.5 billion / 318,6 millions
    / 0 as zero. Independent of the drafter's own code."""
    amount = abs(Decimal(value))
    plain = format(amount.normalize(), "f") if amount else "0"
    whole, _, frac = plain.partition(".")
    grouped = f"{int(whole):,}"
    forms = {plain, grouped + ("." + frac if frac else ""),
             grouped.replace(",", " ") + ("," + frac if frac else ""), plain.replace(".", ",")}
    for scale, words in ((10**9, ("billion", "milliard")), (10**6, ("million", "millions"))):
        if amount >= scale:
            short = format((amount / scale).normalize(), "f")
            forms |= {f"{short} {w}" for w in words} | {f"{short.replace('.', ',')} {w}"
                                                        for w in words}
    if amount == 0:
        forms |= {"zero", "zéro"}
    return forms


def is_written(value: str, text: str) -> bool:
    text = flat(text).lower()
    return any(re.search(rf"(?<![\d.,]){re.escape(f)}(?!\d)", text) for f in written_forms(value))


# --- the seed ledger is the answer key ---------------------------------------------------------


def stands_for(record: dict, seed: dict, document: str, lines: list[str]) -> bool:
    """Type, the lines cited in this document, the amounts written on them, target, and the
    effective where this document is where the seed took it from."""
    cited = sorted(s["line"] for s in seed["sources"] if s["document"] == document)
    if record["type"] != seed["type"]:
        return False
    if sorted(s["line"] for s in record["sources"]) != cited:
        return False
    text = "\n".join(lines[n - 1] for n in cited)
    for name in AMOUNTS:
        if name in record and Decimal(record[name]) != Decimal(seed.get(name, "NaN")):
            return False
        if name in seed and name not in record and is_written(seed[name], text):
            return False
    if record.get("target") != seed.get("target"):
        return False
    if seed["sources"][0]["document"] == document:
        return record.get("effective") == seed["effective"]
    return record.get("effective") in (None, seed["effective"])


@needs_sources
@pytest.mark.parametrize("document", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_every_seed_record_from_a_document_is_proposed_with_its_line(document):
    lines = (SOURCES / document).read_text(encoding="utf-8").splitlines()
    records = drafted(document, read_all=True)
    ids = {r["id"] for r in drafted(document)}
    assert {r["type"] for r in records if r["id"] not in ids} <= NOTICED_TYPES
    expected = [s for s in seeds() if any(x["document"] == document for x in s["sources"])]
    assert expected
    for seed in expected:
        found = [r for r in records if stands_for(r, seed, document, lines)]
        assert len(found) == 1, (seed["id"], records)
    # ... and nothing the seed ledger does not record from it.
    extra = [r for r in records if not any(stands_for(r, s, document, lines) for s in expected)]
    assert extra == []


@needs_sources
def test_the_seed_documents_give_the_seed_figures():
    by_type = {}
    for name in ("002_e2e5a0f140e820f5.txt", "003_c65e9beb0fefa6f0.txt"):
        for r in drafted(name, read_all=True):
            by_type.setdefault(r["type"], []).append(r)
    [sale] = by_type["btc_sold"]
    assert (sale["effective"], sale["btc"], sale["usd"]) == ("2026-Q1", "20880", "1500000000")
    assert [s["line"] for s in sale["sources"]] == [1, 2]
    [change] = by_type["btc_change_disclosed"]
    assert (change["effective"], change["btc"]) == ("2024-Q4", "18146")
    [balance] = by_type["btc_balance_disclosed"]
    assert (balance["effective"], balance["btc"]) == ("2024-12-31", "44893")
    results = {r["effective"]: r for r in by_type["results_reported"]}
    assert results["2024-Q4"]["adjusted_ebitda_usd"] == "794400000"
    assert results["2026-Q1"]["net_income_usd"] == "-1260000000"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_rules_are_general_a_document_written_for_the_tests(name):
    """The same comparison on documents the seed ledger never saw, in both languages."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    expected_path = FIXTURES / name.replace(".txt", ".expected.jsonl")
    expected = [json.loads(x) for x in expected_path.read_text(encoding="utf-8").splitlines()]
    records = drafted(name, read_all=True)
    for want in expected:
        assert [r for r in records if stands_for(r, want, name, lines)], (want["id"], records)
    assert len(records) == len(expected)
    # only the raise told without its share count is noticed rather than drafted
    ids = {r["id"] for r in drafted(name)}
    assert [r["type"] for r in records if r["id"] not in ids] == ["equity_issued"]


# --- nothing invented ---------------------------------------------------------------------------


def all_drafts() -> list[tuple[str, dict, list[dict]]]:
    out = []
    for name, (text, company) in documents().items():
        for d in draft(text, name, company):
            out.append((name, d.record, d.evidence))
    return out


@pytest.mark.parametrize(("name", "record", "evidence"), all_drafts(),
                         ids=lambda x: x["id"] if isinstance(x, dict) and "id" in x else None)
def test_every_proposed_amount_is_written_on_a_line_it_cites(name, record, evidence):
    lines = documents()[name][0].splitlines()
    cited = "\n".join(lines[s["line"] - 1] for s in record["sources"])
    for field in AMOUNTS:
        if field in record:
            assert is_written(record[field], cited), (field, record[field], cited)
    for item in evidence:
        assert flat(item["text"]) in flat(lines[item["line"] - 1])


MONTHS = {
    **{m.lower(): i for i, m in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"], 1)},
    **{m: i for i, m in enumerate(
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"], 1)},
}
QUARTER_WORDS = {1: ("first", "premier", "q1", "t1"), 2: ("second", "deuxième", "q2", "t2"),
                 3: ("third", "troisième", "q3", "t3"), 4: ("fourth", "quatrième", "q4", "t4")}


@pytest.mark.parametrize(("name", "record", "evidence"), all_drafts(),
                         ids=lambda x: x["id"] if isinstance(x, dict) and "id" in x else None)
def test_no_effective_is_more_precise_than_the_text(name, record, evidence):
    lines = documents()[name][0].splitlines()
    effective = record.get("effective")
    periods = [e for e in evidence if e["role"] in ("period", "year")]
    if effective is None:
        assert not periods
        return
    phrase = " ".join(e["text"] for e in periods).lower()
    for e in periods:   # quoted from a line at or before the figure's
        assert flat(e["text"]) in flat(lines[e["line"] - 1])
        assert e["line"] <= max(s["line"] for s in record["sources"])
    year = effective[:4]
    assert year in phrase
    if re.fullmatch(r"\d{4}", effective):
        return
    if m := re.fullmatch(r"\d{4}-Q(\d)", effective):
        assert any(w in phrase for w in QUARTER_WORDS[int(m[1])]), phrase
        return
    month = int(effective[5:7])
    if re.fullmatch(r"\d{4}-\d{2}", effective):
        assert any(MONTHS[w] == month for w in re.findall(r"[a-zéû]+", phrase) if w in MONTHS)
        return
    day = int(effective[8:10])
    # A date: its day is written, or the text says the end of the period it names.
    said_day = re.search(rf"(?<!\d){day}(?!\d)", phrase)
    said_end = re.search(r"\b(?:end|fin)\b", phrase)
    assert said_day or (said_end and effective.endswith(("-12-31", "-06-30", "-03-31",
                                                         "-09-30", "-31", "-30", "-28", "-29")))


def test_vague_stays_vague():
    text = ("In 2025, Acme raised $300 million through a stock offering.\n"
            "Over 80% of the proceeds went to bitcoin, and it sold more than 500 BTC.\n"
            "Acme holds about 1,000 BTC.\n")
    noticed: list = []
    records = [d.record for d in draft(text, "acme.txt", "ACME", noticed=noticed)]
    assert [(r["type"], r.get("effective")) for r in records] == [
        ("btc_balance_disclosed", None)]
    assert "add effective" in records[0]["note"] and "approximate" in records[0]["note"]
    # the raise, with no share count, is noticed with its vague period, not drafted
    assert [(n.draft.record["type"], n.draft.record.get("effective"), n.line)
            for n in noticed] == [("equity_issued", "2025", 1)]


def test_a_document_with_no_period_gets_no_effective(tmp_path):
    records = [d.record for d in draft("Acme sold 250 BTC for $20 million.", "a.txt", "ACME")]
    [sale] = records
    assert "effective" not in sale and sale["btc"] == "250" and sale["usd"] == "20000000"
    assert "the text gives no period for it: add effective" in sale["note"]


def test_notes_quote_only_the_figures_and_say_what_is_uncertain():
    for name, record, evidence in all_drafts():
        note = record["note"]
        quoted = re.findall(r'"([^"]+)"', note)
        words_used = {flat(e["text"]) for e in evidence}
        for q in quoted:
            assert len(q) <= 40, q   # a figure or a period phrase, never a sentence
        assert "Uncertain:" in note
        for used in words_used:   # every figure and period phrase it rests on is quoted
            assert used in flat(note), (used, note)


# --- numbers and periods, as written ---------------------------------------------------------


@pytest.mark.parametrize(("token", "lang", "value"), [
    ("18,146", "en", "18146"), ("18 146", "fr", "18146"), ("18\u202f146", "fr", "18146"),
    ("18\u2009146", "fr", "18146"), ("18\u00a0146", "fr", "18146"), ("318,6", "fr", "318.6"),
    ("1.5", "en", "1.5"), ("1,5", "fr", "1.5"), ("1,204.5", "en", "1204.5"),
    ("1,5", "en", None), ("0,28", "en", None),   # strict: refused, not misread as 15 or 28
])
def test_numbers_are_read_as_written_in_each_language(token, lang, value):
    parsed = parse_number(token, lang)
    assert (None if parsed is None else str(parsed.normalize())) == value


@pytest.mark.parametrize(("text", "effective"), [
    ("sold in Q1 2026", "2026-Q1"), ("vendu au T1 2026", "2026-Q1"),
    ("results for the fourth quarter of 2024", "2024-Q4"),
    ("le quatrième trimestre de 2024", "2024-Q4"),
    ("au 31 mars 2026", "2026-03-31"), ("as of September 30, 2025", "2025-09-30"),
    ("in 2025", "2025"), ("en 2025", "2025"), ("en août 2025", "2025-08"),
    ("in August 2025", "2025-08"), ("à la fin de 2024", "2024-12-31"),
    ("at the end of June 2025", "2025-06-30"),
])
def test_periods_are_read_as_written(text, effective):
    assert [m.effective for m in mentions(text, drafting.fold(text), 1)] == [effective]


@pytest.mark.parametrize("text", ["le 26 février", "notes due 2031", "maturing in 2030",
                                  "compared to Q4 2023"])
def test_phrases_that_give_no_period_of_an_action(text):
    found = [m for m in mentions(text, drafting.fold(text), 1) if not m.comparison]
    assert found == []


def test_the_language_is_detected():
    assert detect_language((SOURCES / "003_c65e9beb0fefa6f0.txt").read_text()
                           if SOURCES.is_dir() else "La société a vendu des bitcoins.") == "fr"
    assert detect_language("The company sold its bitcoin.") == "en"


SPACES = ["\u0020", "\u00a0", "\u202f", "\u2009", "\u2007"]


@settings(max_examples=80, deadline=None)
@given(st.decimals(min_value=Decimal("1"), max_value=Decimal("20999999.99"), places=2),
       st.sampled_from(["en", "fr"]), st.sampled_from(SPACES))
def test_any_bitcoin_amount_written_either_way_is_read_exactly(amount, lang, space):
    whole, _, frac = format(amount.normalize(), "f").partition(".")
    grouped = f"{int(whole):,}"
    if lang == "en":
        written = grouped + ("." + frac if frac else "")
        sentence = f"In Q2 2025 the company sold {written} BTC."
    else:
        written = grouped.replace(",", space) + ("," + frac if frac else "")
        sentence = f"Au T2 2025, la société a vendu {written}{space}BTC."
    [record] = [d.record for d in draft(sentence, "doc.txt", "ACME", lang)]
    assert record["type"] == "btc_sold" and record["effective"] == "2025-Q2"
    assert Decimal(record["btc"]) == amount


# --- the command ---------------------------------------------------------------------------------


@needs_sources
def test_draft_stores_nothing_and_its_output_imports_after_review(caledger, db, tmp_path):
    doc = str(SOURCES / "000_f95c8edb9efd2b64.txt")
    out = tmp_path / "drafts.jsonl"
    result = caledger("draft", doc, "--company", "MARA", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("wrote 3 draft records from 000_f95c8edb9efd2b64.txt (en)")
    # what was read and not drafted is said, and written nowhere import reads
    assert '  noticed, not drafted: line 7: "$2 billion" read as equity_issued' in result.stdout
    assert "$2 billion" not in out.read_text()
    assert fingerprint(db) == "absent" and not Path("caledger.db").exists()
    refused = caledger("import", "--db", db, str(out))
    assert refused.exit_code != 0 and "field review: this is a draft" in refused.stderr
    assert fingerprint(db) == "absent"
    reviewed = [json.loads(line) for line in out.read_text().splitlines()]
    out.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "review"}) + "\n"
                           for r in reviewed))
    imported = caledger("import", "--db", db, "--json", str(out))
    assert imported.exit_code == 0, imported.stderr
    data = json.loads(caledger("holdings", "MARA", "--as-of", "2025-09-30", "--db", db,
                               "--json").stdout)
    assert data["btc"]["total"] == "52850"
    assert data["anchor"]["sources"] == [{"document": "000_f95c8edb9efd2b64.txt", "line": 7}]


@needs_sources
def test_an_incomplete_draft_says_what_to_add_and_does_not_import_as_is(caledger, db, tmp_path):
    doc = str(SOURCES / "001_8f885d6f61959bf4.txt")
    data = json.loads(caledger("draft", doc, "--company", "MARA", "--json").stdout)
    [sale] = data["records"]
    assert sale["type"] == "btc_sold" and sale["usd"] == "1500000000"
    assert data["incomplete"] == [{"id": sale["id"], "problems": ["effective: is required",
                                                                  "btc: is required"]}]
    text = caledger("draft", doc, "--company", "MARA").stdout
    assert [json.loads(line) for line in text.splitlines()] == [sale]
    refused = caledger("import", "--db", db, "-", input=text)
    assert refused.exit_code != 0 and "field review: this is a draft" in refused.stderr
    unreviewed = json.dumps({k: v for k, v in sale.items() if k != "review"})
    refused = caledger("import", "--db", db, "-", input=unreviewed)
    assert refused.exit_code != 0 and "field effective: is required" in refused.stderr
    assert fingerprint(db) == "absent"


def test_french_with_lang_and_csv(caledger, tmp_path):
    doc = str(FIXTURES / "boreale-t3-2025-fr.txt")
    rows = caledger("draft", doc, "--company", "BORL", "--lang", "fr", "--format", "csv"
                    ).stdout.splitlines()
    assert rows[0].startswith("id,type,effective,amounts,sources,note,disclosed,")
    assert any(",btc_balance_disclosed,2025-09-30,btc=9870," in row for row in rows)


@pytest.mark.parametrize(("args", "expected"), [
    (["missing.txt", "--company", "MARA"], "error: missing.txt: no such file"),
    (["{doc}", "--company", "not a ticker"], "error: --company: "),
])
def test_draft_errors_are_one_line(caledger, tmp_path, args, expected):
    doc = tmp_path / "doc.txt"
    doc.write_text("Acme sold 5 BTC in 2025.", encoding="utf-8")
    line = the_one_error_line(caledger("draft", *[a.format(doc=doc) for a in args]))
    assert line.startswith(expected)


def test_a_binary_file_is_one_line(caledger, tmp_path):
    doc = tmp_path / "doc.pdf"
    doc.write_bytes(b"%PDF-1.7\xff\xfe\x00")
    assert "can't read it as a PDF" in the_one_error_line(
        caledger("draft", str(doc), "--company", "MARA"))
    doc = tmp_path / "doc.bin"
    doc.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "can't read it as UTF-8 text" in the_one_error_line(
        caledger("draft", str(doc), "--company", "MARA"))


# --- the measured tables in docs/drafting.md (the README links there) -------------------------


@needs_sources
def test_the_documented_table_is_the_measured_one():
    readme = (Path(__file__).parent.parent / "docs" / "drafting.md").read_text(encoding="utf-8")
    seed_table = drafting.evaluation_table(drafting.evaluate(
        seeds(), {p.name: p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")}))
    assert seed_table in readme
    held_out = FIXTURES / "heldout"
    expected = [json.loads(line) for p in sorted(held_out.glob("*.jsonl"))
                for line in p.read_text(encoding="utf-8").splitlines()]
    held_table = drafting.evaluation_table(drafting.evaluate(
        expected, {p.name: p.read_text(encoding="utf-8") for p in held_out.glob("*.txt")}))
    assert held_table in readme


FRAGMENTS = st.sampled_from([
    "The company", "La société", "sold", "a vendu", "bought", "a acheté", "mined", "a extrait",
    "holds", "détenait", "raised", "a levé", "through a stock offering", "convertible notes",
    "obligations convertibles", "revenue of", "chiffre d'affaires de", "net loss of",
    "a 20% stake in", "Acme Power", "acquisition of", "cut its workforce by", "effectifs de",
    "in Q3 2025", "au T3 2025", "as of June 30, 2025", "au 31 mars 2026", "in 2024", "en 2024",
    "compared to Q2 2024", "due 2030", "over", "plus de", "about", "environ", "for", "pour",
    "1,204.5 BTC", "1 204,5 BTC", "18\u202f146 bitcoins", "$1.7 billion", "$230 million",
    "318,6 millions de dollars", "1,5 milliard de dollars", "15%", "12 %", "0,28 $", ",", ".",
    "120 employees", "3.4", "703",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(FRAGMENTS, min_size=1, max_size=14).map(" ".join), min_size=1,
                max_size=5))
def test_on_any_text_every_amount_is_written_on_its_line_and_no_period_invented(lines):
    text = "\n".join(lines)
    for d in draft(text, "any.txt", "ACME"):
        record = d.record
        cited = "\n".join(lines[s["line"] - 1] for s in record["sources"])
        for field in AMOUNTS:
            if field in record:
                assert is_written(record[field], cited), (field, record, cited)
        if "effective" in record:
            periods = [e for e in d.evidence if e["role"] in ("period", "year")]
            assert periods and record["effective"][:4] in " ".join(e["text"] for e in periods)
        else:
            assert "add effective" in record["note"]
