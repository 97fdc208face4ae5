"""The seed ledger: MARA's holdings at the dates that matter, and honest citations."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from .conftest import SEEDS, SOURCES, fingerprint


def holdings(caledger, db: str, day: str, *extra: str) -> dict:
    result = caledger("holdings", "MARA", "--as-of", day, "--db", db, "--json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(("day", "total", "anchor"), [
    ("2024-12-31", "44893", "mara-2024-12-31-balance"),
    ("2025-09-30", "52850", "mara-2025-09-30-balance"),
    ("2026-03-31", "31970", "mara-2025-09-30-balance"),
])
def test_mara_holdings_on_the_dates_that_matter(caledger, seeded, day, total, anchor):
    data = holdings(caledger, seeded, day)
    # The seeds state no loaned or pledged bitcoin: those are not known, nor unencumbered.
    assert data["btc"] == {"total": total, "loaned": None, "pledged": None,
                           "unencumbered": None}
    assert data["anchor"]["id"] == anchor
    assert data["in_progress"] == []


def test_mid_quarter_the_sale_is_in_progress_not_counted(caledger, seeded):
    data = holdings(caledger, seeded, "2026-02-15")
    assert data["btc"]["total"] == "52850"
    assert [(r["id"], r["type"], r["btc"]) for r in data["in_progress"]] == [
        ("mara-2026q1-btc-sale", "btc_sold", "20880")]


def test_the_q4_2024_flows_are_inside_the_year_end_balance(caledger, seeded):
    # Mined and purchased in 2024-Q4 end on 2024-12-31, the anchor's own date: already in it.
    data = holdings(caledger, seeded, "2025-06-30")
    assert data["btc"]["total"] == "44893"
    assert data["flows_counted"] == 0


def test_before_any_disclosed_balance_or_ended_flow_holdings_are_not_known(caledger, seeded):
    data = holdings(caledger, seeded, "2024-11-30")
    assert data["anchor"] is None and data["basis"] == "no disclosed balance"
    assert data["btc"]["total"] is None and data["status"]["total"] == "not known"
    assert {r["id"] for r in data["in_progress"]} == {"mara-2024q4-mined", "mara-2024q4-purchase"}


def test_json_amounts_are_decimal_strings(caledger, seeded):
    result = caledger("holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded, "--json")
    assert '"total": "31970"' in result.stdout
    # Every amount is a decimal string; the anchors' ages (whole days, not amounts) are the
    # only numbers under a bucket's name.
    days = re.search(r'"anchor_age_days": \{[^}]*\}', result.stdout)
    assert days and '"total": 182' in days.group()
    amounts = result.stdout.replace(days.group(), "")
    assert not re.search(r'"(total|btc|loaned|pledged|unencumbered)": \d', amounts)


def test_importing_the_seeds_again_adds_nothing(caledger, seeded):
    before = fingerprint(seeded)
    result = caledger("import", "--db", seeded, "--json", *map(str, SEEDS))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["added"] == 0 and report["already_present"] == 15
    assert fingerprint(seeded) == before


def test_a_former_name_resolves_to_the_ticker(caledger, seeded):
    data = holdings(caledger, seeded, "2025-09-30")
    result = caledger("holdings", "Marathon Digital Holdings", "--as-of", "2025-09-30",
                      "--db", seeded, "--json")
    assert json.loads(result.stdout) == data


def test_history_lists_every_record_in_store_order(caledger, seeded):
    result = caledger("history", "MARA", "--db", seeded, "--json")
    records = json.loads(result.stdout)
    assert len(records) == 15
    assert [r["position"] for r in records] == list(range(1, 16))
    assert {r["status"] for r in records} == {"current"}
    sale = next(r for r in records if r["id"] == "mara-2026q1-btc-sale")
    assert sale["btc"] == "20880" and sale["usd"] == "1500000000"
    assert {s["document"] for s in sale["sources"]} == {
        "001_8f885d6f61959bf4.txt", "002_e2e5a0f140e820f5.txt"}


def test_companies_and_rebuild_give_the_same_answers(caledger, seeded):
    before = {d: holdings(caledger, seeded, d) for d in ("2024-12-31", "2026-02-15", "2026-03-31")}
    result = caledger("rebuild", "--db", seeded, "--json")
    assert json.loads(result.stdout) == {"records": 15, "position": 15}
    assert {d: holdings(caledger, seeded, d) for d in before} == before
    result = caledger("companies", "--db", seeded, "--json")
    assert json.loads(result.stdout) == [
        {"company": "MARA", "records": 15, "first_position": 1, "last_position": 15}]


# --- the seeds say only what their sources say -------------------------------------------------


def _seed_records() -> list[dict]:
    return [json.loads(line) for path in SEEDS for line in path.read_text().splitlines() if line]


def _figure_forms(value: str) -> list[str]:
    """Ways an article may write a figure: 52,850 / 52 850 / 52850 / $2 billion / 214,4 millions."""
    amount = Decimal(value).copy_abs()
    forms = {f"{amount:,}", f"{amount:,}".replace(",", " "), f"{amount:,}".replace(",", "\u202f"),
             str(amount), str(amount).replace(".", ",")}
    for scale, words in ((10**9, ("billion", "milliard")), (10**6, ("million", "millions"))):
        if amount >= scale and amount % (scale // 100) == 0:
            short = format((amount / scale).normalize(), "f")
            for word in words:
                forms |= {f"{short} {word}", f"{short.replace('.', ',')} {word}"}
    return sorted(forms)


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the project")
@pytest.mark.parametrize("record", _seed_records(), ids=lambda r: r["id"])
def test_every_seed_figure_appears_on_a_line_it_cites(record):
    lines = {}
    for source in record["sources"]:
        text = (SOURCES / source["document"]).read_text(encoding="utf-8").splitlines()
        assert 1 <= source["line"] <= len(text), f"{source} is past the end of the document"
        lines[(source["document"], source["line"])] = text[source["line"] - 1]
    cited = "\n".join(lines.values())
    amount_fields = [f for f in ("btc", "usd", "principal_usd", "percent", "revenue_usd",
                                 "net_income_usd", "adjusted_ebitda_usd", "close",
                                 "hashrate_ehs", "blocks_won", "btc_produced") if f in record]
    assert amount_fields
    for field in amount_fields:
        forms = _figure_forms(record[field])
        assert any(form in cited for form in forms), (
            f"{record['id']}.{field}={record[field]} not found as any of {forms} in {lines}")
