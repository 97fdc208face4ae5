"""Nothing drafted is stored unreviewed: every draft carries a ``review`` field (what to check,
and the doubts), and ``import`` refuses any record that still has one, in one line naming the
file, the line and the record, leaving the store as it was."""

from __future__ import annotations

import json

from ledger.draft import draft

from .conftest import fingerprint, the_one_error_line

TEXT = ("Acme Mining: third quarter update\n"
        "In Q3 2025 Acme sold 120 BTC for $11.5 million.\n"
        "Acme held 4,100 BTC as of September 30, 2025.\n")


def test_every_draft_says_what_to_check_and_its_doubts():
    drafts = [d.record for d in draft(TEXT, "acme.txt", "ACME", "en")]
    assert [r["type"] for r in drafts] == ["btc_sold", "btc_balance_disclosed"]
    sale, balance = drafts
    assert sale["review"] == [
        'check line 2: "120 BTC", "$11.5 million" is what ACME did, read as btc_sold (btc, usd)',
        'check the period: "Q3 2025" (line 2) read as 2025-Q3',
        "rounded in the text"]
    assert balance["review"][0] == ('check line 3: "4,100 BTC" is what ACME did, read as '
                                    "btc_balance_disclosed (btc)")
    assert list(sale)[-1] == "review"


def test_import_refuses_a_draft_still_under_review_in_one_line(caledger, db, tmp_path):
    good = {"id": "acme-balance", "type": "btc_balance_disclosed", "company": "ACME",
            "effective": "2025-09-30", "btc": "4100",
            "sources": [{"document": "acme.txt", "line": 3}]}
    drafts = [d.record for d in draft(TEXT, "acme.txt", "ACME", "en")]
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(drafts[0]) + "\n", encoding="utf-8")
    before = fingerprint(db)
    line = the_one_error_line(caledger("import", "--db", db, str(path)))
    assert line == (f'error: {path}:2: record "{drafts[0]["id"]}" field review: this is a draft '
                    "still to be reviewed: check it against its source (caledger review FILE), "
                    "or edit it and delete its review field")
    assert fingerprint(db) == before  # all or nothing: the good record is not stored either


def test_a_review_field_is_refused_even_on_an_otherwise_invalid_record(caledger, db, tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "x", "type": "btc_sold", "review": []}) + "\n")
    line = the_one_error_line(caledger("import", "--db", db, str(path)))
    assert line.startswith(f'error: {path}:1: record "x" field review: this is a draft')


def test_once_reviewed_the_draft_imports(caledger, db, tmp_path):
    [sale, balance] = [d.record for d in draft(TEXT, "acme.txt", "ACME", "en")]
    path = tmp_path / "reviewed.jsonl"
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "review"}) + "\n"
                            for r in (sale, balance)), encoding="utf-8")
    done = caledger("import", "--db", db, "--json", str(path))
    assert done.exit_code == 0, done.stderr
    held = json.loads(caledger("holdings", "ACME", "--as-of", "2025-09-30", "--db", db,
                               "--json").stdout)
    assert held["btc"]["total"] == "4100"
