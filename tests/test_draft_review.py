"""Nothing drafted is stored unreviewed: every draft carries a ``review`` field (what to check,
and the doubts), and ``import`` refuses any record that still has one, in one line naming the
file, the line and the record, leaving the store as it was."""

from __future__ import annotations

import json
import sys

import pytest

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


# --- caledger review, driven through its prompts -------------------------------------------------

DOC = ("Acme Mining: third quarter update\n"
       "In Q3 2025 Acme sold 120 BTC for $11.5 million.\n"
       "Acme held 4,100 BTC as of September 30, 2025.\n"
       "In Q3 2025 Acme also sold 400,000 shares for $40 million through a stock offering.\n")


@pytest.fixture
def drafts(tmp_path, caledger):
    (tmp_path / "acme.txt").write_text(DOC, encoding="utf-8")
    out = tmp_path / "acme.drafts.jsonl"
    done = caledger("draft", str(tmp_path / "acme.txt"), "--company", "MARA", "--out", str(out))
    assert done.exit_code == 0, done.stderr
    assert [json.loads(line)["type"] for line in out.read_text().splitlines()] == [
        "btc_sold", "btc_balance_disclosed", "equity_issued"]
    return out


def editor(tmp_path, monkeypatch, body: str) -> None:
    """$EDITOR as a script that rewrites the record it is given with ``body`` (Python that
    changes ``record``)."""
    script = tmp_path / "edit.py"
    script.write_text("import json, sys\npath = sys.argv[-1]\nrecord = json.load(open(path))\n"
                      + body + "\njson.dump(record, open(path, 'w'))\n", encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


def test_review_shows_each_draft_with_its_lines_and_figures_marked(caledger, drafts, tmp_path):
    result = caledger("review", str(drafts), "--out", str(tmp_path / "ok.jsonl"), input="q\n")
    assert result.exit_code == 0, result.stderr
    assert "[1/3] draft-mara-acme-l2-sold  btc_sold  effective 2025-Q3  btc 120  usd 11500000" \
        in result.stderr
    assert "  acme.txt:2  In Q3 2025 Acme sold »120 BTC« for »$11.5 million«." in result.stderr
    assert '  - check the period: "Q3 2025" (line 2) read as 2025-Q3' in result.stderr
    assert "[2/3]" not in result.stderr  # q stops at once
    assert result.stdout.strip() == ("0 accepted, 0 skipped, 3 not reviewed, of "
                                     f"{drafts}; wrote 0 records to {tmp_path / 'ok.jsonl'}")
    assert (tmp_path / "ok.jsonl").read_text() == ""


def test_accept_skip_and_quit_write_only_the_accepted_records_without_review(
        caledger, drafts, tmp_path):
    out = tmp_path / "ok.jsonl"
    result = caledger("review", str(drafts), "--out", str(out), input="a\ns\nq\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1 accepted, 1 skipped, 1 not reviewed")
    [sale] = [json.loads(line) for line in out.read_text().splitlines()]
    assert sale["id"] == "draft-mara-acme-l2-sold" and "review" not in sale
    assert (sale["btc"], sale["usd"], sale["effective"]) == ("120", "11500000", "2025-Q3")


def test_an_edit_is_validated_again_and_a_bad_one_is_not_accepted(
        caledger, drafts, tmp_path, monkeypatch):
    editor(tmp_path, monkeypatch, "record['btc'] = '12.123456789'")  # 9 places: refused
    out = tmp_path / "ok.jsonl"
    result = caledger("review", str(drafts), "--out", str(out), input="e\ns\nq\n")
    assert "not accepted: " in result.stderr and 'field btc:' in result.stderr
    assert result.stdout.startswith("0 accepted, 1 skipped")
    editor(tmp_path, monkeypatch, "record['btc'] = '121'\nrecord['note'] = 'checked: 121'")
    result = caledger("review", str(drafts), "--out", str(out), input="e\na\nq\n")
    assert result.exit_code == 0, result.stderr
    [sale] = [json.loads(line) for line in out.read_text().splitlines()]
    assert (sale["btc"], sale["note"]) == ("121", "checked: 121") and "review" not in sale


PURCHASE = "In Q3 2025 Acme bought bitcoin for $5 million.\n"


def test_an_edited_draft_is_shown_again_without_the_drafters_stale_doubts(
        caledger, tmp_path, monkeypatch):
    """The drafter's note says "no BTC amount is given with it: add btc"; the analyst adds
    it. The edit starts without those doubts in the note (the review listed them), the
    record is shown as it now stands, and only an answer after that accepts it."""
    (tmp_path / "acme.txt").write_text(DOC + PURCHASE, encoding="utf-8")
    drafts = tmp_path / "acme.drafts.jsonl"
    assert caledger("draft", str(tmp_path / "acme.txt"), "--company", "MARA", "--out",
                    str(drafts)).exit_code == 0
    purchase = json.loads(drafts.read_text().splitlines()[3])
    assert purchase["note"] == ('Draft from "$5 million" (line 5); period "Q3 2025" (line 5). '
                                "Uncertain: rounded in the text; no BTC amount is given with "
                                "it: add btc.")
    # The editor is given the note without the doubts; the analyst adds the bitcoin.
    editor(tmp_path, monkeypatch, "assert 'Uncertain' not in record['note'], record\n"
                                  "record['btc'] = '50'")
    out = tmp_path / "ok.jsonl"
    result = caledger("review", str(drafts), "--out", str(out), input="s\ns\ns\ne\na\n")
    assert result.exit_code == 0, result.stderr
    shown = result.stderr.split("[4/4] edited, not accepted yet: ")[1].splitlines()
    assert shown[0] == ("draft-mara-acme-l5-purchased  btc_purchased  effective 2025-Q3  "
                        "usd 5000000  btc 50")
    assert '  note: Draft from "$5 million" (line 5); period "Q3 2025" (line 5).' in shown
    assert ("  the drafter's doubts, left out of the note: rounded in the text; no BTC amount "
            "is given with it: add btc") in shown
    assert shown[-1].startswith("accept, edit, skip or quit?")  # asked again, then a
    [bought] = [json.loads(line) for line in out.read_text().splitlines()]
    assert (bought["btc"], bought["usd"]) == ("50", "5000000")
    assert bought["note"] == 'Draft from "$5 million" (line 5); period "Q3 2025" (line 5).'
    assert "review" not in bought
    # The analyst's own words in the note are kept as saved; skipping the edited record
    # after seeing it keeps nothing of it; e edits the edit again.
    editor(tmp_path, monkeypatch, "record['btc'] = '50'\nrecord['note'] = "
                                  "record['note'].split(' Checked')[0] + "
                                  "' Checked: 50 BTC per the 10-Q.'")
    result = caledger("review", str(drafts), "--out", str(out), input="s\ns\ns\ne\ns\n")
    assert result.stdout.startswith("0 accepted, 4 skipped") and out.read_text() == ""
    result = caledger("review", str(drafts), "--out", str(out), input="s\ns\ns\ne\ne\na\n")
    assert result.stderr.count("edited, not accepted yet") == 2
    [bought] = [json.loads(line) for line in out.read_text().splitlines()]
    assert bought["note"] == ('Draft from "$5 million" (line 5); period "Q3 2025" (line 5). '
                              "Checked: 50 BTC per the 10-Q.")


def test_an_edited_amount_written_as_a_json_number_is_read_from_its_digits_as_import_reads_it(
        caledger, drafts, tmp_path, monkeypatch):
    # Review finding 18: the edit was read through a binary float and refused, where import
    # reads the same line's digits; now both read them, and the text written is the digits.
    editor(tmp_path, monkeypatch, "record['btc'] = 0.1")
    out = tmp_path / "ok.jsonl"
    result = caledger("review", str(drafts), "--out", str(out), input="e\na\nq\n")
    assert result.exit_code == 0, result.stderr
    [sale] = [json.loads(line) for line in out.read_text().splitlines()]
    assert sale["btc"] == "0.1" and "review" not in sale


def test_review_imports_the_accepted_records_all_or_nothing(caledger, db, drafts, tmp_path,
                                                            monkeypatch):
    result = caledger("review", str(drafts), "--import", "--db", db, input="a\na\ns\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("; imported 2")
    held = json.loads(caledger("holdings", "MARA", "--as-of", "2025-09-30", "--db", db,
                               "--json").stdout)
    assert held["btc"]["total"] == "4100"
    # An accepted record import refuses (the same id with other content): nothing stored.
    editor(tmp_path, monkeypatch, "record['btc'] = '4200'")
    before = fingerprint(db)
    result = caledger("review", str(drafts), "--import", "--db", db, input="a\ne\na\ns\n")
    assert result.exit_code != 0 and "error: " in result.stderr
    assert fingerprint(db) == before


def test_review_refuses_a_file_that_is_not_drafts_in_one_line(caledger, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    line = the_one_error_line(caledger("review", str(bad)))
    assert line.startswith(f"error: {bad}:1: not a JSON object")
    assert the_one_error_line(caledger("review", str(tmp_path / "none.jsonl"))) == \
        f"error: {tmp_path / 'none.jsonl'}: no such file"


def test_enter_alone_accepts_nothing_and_asks_again(caledger, drafts, tmp_path):
    """No default answer: an empty line is asked again, never taken as accept."""
    out = tmp_path / "ok.jsonl"
    result = caledger("review", str(drafts), "--out", str(out), input="\n\ns\nq\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("no default: answer a (accept), e (edit), s (skip) or q (quit)") == 2
    assert result.stdout.startswith("0 accepted, 1 skipped, 2 not reviewed")
    assert out.read_text() == ""


def test_endless_empty_answers_import_nothing(caledger, db, drafts):
    """`yes "" | caledger review --import`: blank lines are no answer; after three in a row
    from a pipe the review stops as q does, saying so, and nothing is imported."""
    before = fingerprint(db)
    result = caledger("review", str(drafts), "--import", "--db", db, input="\n" * 50)
    assert result.exit_code == 0, result.stderr
    assert "[2/3]" not in result.stderr
    assert "no answer in 3 tries: stopped as q does" in result.stderr
    assert result.stdout.startswith("0 accepted, 0 skipped, 3 not reviewed")
    assert result.stdout.strip().endswith("; imported 0")
    assert fingerprint(db) == before


def test_end_of_input_stops_as_quit_does_and_says_so(caledger, drafts, tmp_path):
    out = tmp_path / "ok.jsonl"
    result = caledger("review", str(drafts), "--out", str(out), input="a\n")
    assert result.exit_code == 0, result.stderr
    assert "end of input: stopped as q does" in result.stderr
    assert "[3/3]" not in result.stderr
    assert result.stdout.startswith("1 accepted, 0 skipped, 2 not reviewed")
    [sale] = [json.loads(line) for line in out.read_text().splitlines()]
    assert sale["id"] == "draft-mara-acme-l2-sold"


def test_review_import_says_what_the_import_remarks_on(caledger, db, tmp_path):
    """Review finding 1: accepting a month's production and the quarter to date containing
    it, both citing one text, is stored (the reviewer chose it) but said on stderr, as
    ``import`` says it."""
    text = tmp_path / "pinecrest.txt"
    text.write_text("Pinecrest Mining (PNCR) production update.\nPinecrest has mined 1,391 "
                    "BTC year-to-date and 702 BTC in May 2025.\n", encoding="utf-8")
    drafts = tmp_path / "d.jsonl"
    made = caledger("draft", str(text), "--company", "PNCR", "--disclosed", "2025-06-03",
                    "--out", str(drafts))
    assert made.exit_code == 0, made.stderr
    assert len(drafts.read_text().splitlines()) == 2
    result = caledger("review", str(drafts), "--import", "--db", db, "--docs", str(tmp_path),
                      input="a\na\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("; imported 2")
    [note] = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert "importing both counts the overlap twice" in note and "pinecrest.txt" in note
