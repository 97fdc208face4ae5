"""Bad input, tried as a new user would.

Each mistake gets exactly one clear line on stderr naming the record (file:line and id) and
the field, a non-zero exit, no traceback, nothing on stdout, and leaves the store exactly as
it was, even when valid records sit beside the bad one in the same file or in another file of
the same import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import SEEDS, fingerprint, seed_record, the_one_error_line

# --- helpers ---------------------------------------------------------------------------------


def purchase(record_id: str, **changes: Any) -> dict[str, Any]:
    """A valid btc_purchased record; ``changes`` overrides fields (None removes one)."""
    record: dict[str, Any] = {
        "id": record_id, "type": "btc_purchased", "company": "MARA", "effective": "2025-Q1",
        "disclosed": "2025-04-30", "btc": "100",
        "sources": [{"document": "003_c65e9beb0fefa6f0.txt", "line": 13}],
    }
    for name, value in changes.items():
        if value is None:
            record.pop(name, None)
        else:
            record[name] = value
    return record


def without(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in names}


def write_jsonl(path: Path, *lines: dict[str, Any] | str) -> Path:
    """One line per item: dicts are serialized with json.dumps, strings written verbatim."""
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n"
                            for line in lines), encoding="utf-8")
    return path


def valid_pair() -> tuple[dict[str, Any], dict[str, Any]]:
    """Two valid, new records (not among the seeds), to sit beside a bad one."""
    return (purchase("test-valid-before", btc="10"),
            purchase("test-valid-after", btc="20", effective="2025-03"))


# --- one bad record among valid ones, in a JSON Lines file ------------------------------------

BAD = "test-bad"

# (id, bad record, field the line must name, further text the line must contain)
CASES = [
    pytest.param(purchase(BAD, type="btc_bought"), "type",
                 ['"btc_bought"', "btc_purchased", "btc_mined", "btc_balance_disclosed"],
                 id="unknown-type"),
    pytest.param(purchase(BAD, company=None), "company", ["required"],
                 id="missing-company"),
    pytest.param(purchase(BAD, btc="-5"), "btc", ['"-5"', "greater than 0"],
                 id="btc-negative-string"),
    pytest.param(purchase(BAD, btc="12,5"), "btc", ['"12,5"', "plain decimal", '"12.5"'],
                 id="btc-decimal-comma"),
    pytest.param(purchase(BAD, btc="1e3"), "btc", ['"1e3"', "plain decimal", "exponent"],
                 id="btc-exponent-string"),
    pytest.param(purchase(BAD, btc="0.000000001"), "btc",
                 ['"0.000000001"', "8 decimal places", "satoshi"],
                 id="btc-below-a-satoshi-string"),
    pytest.param(purchase(BAD, effective="2025-13-01"), "effective",
                 ['"2025-13-01"', "not a real calendar date"],
                 id="effective-month-13"),
    pytest.param(purchase(BAD, effective="2025-Q5"), "effective",
                 ['"2025-Q5"', "Q1 to Q4"],
                 id="effective-quarter-5"),
    pytest.param(purchase(BAD, amount="100"), "amount",
                 ["not a field of btc_purchased", "remove it", "btc"],
                 id="unknown-field"),
    pytest.param(purchase(BAD, sources=None), "sources", ["required"],
                 id="no-sources-key"),
    pytest.param(purchase(BAD, sources=[]), "sources", ["at least one source", "document"],
                 id="empty-sources-list"),
    pytest.param({**without(purchase(BAD), "btc"), "type": "stake_acquired",
                  "target": "Exaion", "percent": "140"}, "percent",
                 ['"140"', "more than 100 percent"],
                 id="percent-140"),
    pytest.param({**purchase(BAD, btc="44893", effective="2024-Q4"),
                  "type": "btc_balance_disclosed"}, "effective",
                 ['"2024-Q4"', "one date", '"2024-12-31"'],
                 id="balance-dated-by-quarter"),
    # PostgreSQL can keep no NUL in text or jsonb: refused on every store alike, naming where
    pytest.param(purchase(BAD, note="bought\x00 at the open"), "note",
                 ["NUL character (U+0000) at position 7", "remove it"], id="nul-in-note"),
    pytest.param(purchase(BAD, sources=[{"document": "release\x00.txt", "line": 1}]),
                 "sources.0.document", ["NUL character (U+0000) at position 8"],
                 id="nul-in-source-document"),
]

# The same amounts written as bare JSON numbers rather than strings (1e3 is valid JSON).
RAW_NUMBER_CASES = [
    pytest.param("-5", "btc", ['"-5"', "greater than 0"], id="btc-negative-number"),
    pytest.param("1e3", "btc", ['"1e3"', "plain decimal"], id="btc-exponent-number"),
    pytest.param("0.000000001", "btc", ['"0.000000001"', "8 decimal places"],
                 id="btc-below-a-satoshi-number"),
]


def raw_number_line(number_text: str) -> str:
    """The bad record's JSON text with ``btc`` written as a bare JSON number."""
    text = json.dumps(purchase(BAD, btc="PLACEHOLDER"))
    return text.replace('"PLACEHOLDER"', number_text)


def assert_names(line: str, where: str, record_id: str | None, field: str | None,
                 expected: list[str]) -> None:
    assert f"{where}:" in line, f"line should name {where!r}: {line}"
    if record_id is not None:
        assert f'"{record_id}"' in line, f"line should name record {record_id!r}: {line}"
    if field is not None:
        assert f"field {field}" in line, f"line should name field {field!r}: {line}"
    for text in expected:
        assert text in line, f"line should contain {text!r}: {line}"


@pytest.mark.parametrize(("bad", "field", "expected"), CASES)
def test_bad_record_between_valid_ones_is_one_line_and_stores_nothing(
        caledger, seeded, tmp_path, bad, field, expected):
    before = fingerprint(seeded)
    first, last = valid_pair()
    path = write_jsonl(tmp_path / "bad.jsonl", first, bad, last)

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    assert_names(line, f"{path}:2", BAD, field, expected)
    assert fingerprint(seeded) == before


@pytest.mark.parametrize(("number", "field", "expected"), RAW_NUMBER_CASES)
def test_bad_amount_as_a_bare_json_number(caledger, seeded, tmp_path, number, field, expected):
    before = fingerprint(seeded)
    first, last = valid_pair()
    path = write_jsonl(tmp_path / "bad.jsonl", first, raw_number_line(number), last)

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    assert_names(line, f"{path}:2", BAD, field, expected)
    assert fingerprint(seeded) == before


def test_an_amount_written_as_a_bare_json_number_is_read_from_its_digits_never_a_float(
        caledger, run, seeded, tmp_path):
    """Review finding 18: a JSON number is read as the digits written (a float could not
    hold 123456789012345678.91 or tell 0.1 from 0.1000000000000000055...), on every path:
    the msgspec line path steps aside and the full model reads the digits, in a JSON Lines
    file and in a JSON array alike; decimal text remains the documented form."""
    line = raw_number_line("0.1").replace('"usd"', '"x"')
    line = line[:-1] + ', "usd": 123456789012345678.91}'
    array = json.dumps([purchase("test-number-array", btc="PLACEHOLDER",
                                 effective="2025-02")]).replace('"PLACEHOLDER"', "0.30")
    run("import", "--db", seeded, str(write_jsonl(tmp_path / "n.jsonl", line)))
    run("import", "--db", seeded, str(write_jsonl(tmp_path / "a.json", array)))
    shown = run("show", BAD, "--db", seeded, "--json")["current"]
    assert (shown["btc"], shown["usd"]) == ("0.1", "123456789012345678.91")
    assert run("show", "test-number-array", "--db", seeded, "--json")["current"]["btc"] == "0.3"
    # the same record written with decimal text is the same record: nothing added
    again = purchase(BAD, btc="0.10", usd="123456789012345678.91")
    added = run("import", "--db", seeded, "--json",
                str(write_jsonl(tmp_path / "t.jsonl", again)))
    assert added["added"] == 0


@pytest.mark.parametrize(("number", "says"), [
    ("true", 'must be written as a decimal string such as "12.5", not true'),
    ("false", 'must be written as a decimal string such as "12.5", not false'),
    ("null", 'must be a decimal string such as "12.5", got null'),
    ("[1]", 'must be a decimal string such as "12.5", got a list'),
    ("{}", 'must be a decimal string such as "12.5", got an object'),
])
def test_an_amount_that_is_not_a_number_is_named_in_json_words_not_python_ones(
        caledger, seeded, tmp_path, number, says):
    path = write_jsonl(tmp_path / "bad.jsonl", raw_number_line(number))
    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))
    assert line.endswith(f'record "{BAD}" field btc: {says}'), line
    for python in ("True", "False", "None", "NoneType", "list", "dict"):
        assert python not in line.split("field btc:")[1].replace("a list", "")


def test_a_python_float_given_to_the_library_is_refused_with_how_to_write_it(seeded):
    from ledger import api
    from ledger.errors import RejectedInput

    record = {k: v for k, v in purchase(BAD, btc=0.1).items() if k != "type"}
    with pytest.raises(RejectedInput) as e:
        api.append(seeded, "btc_purchased", record)
    assert str(e.value.problems[0]).endswith(
        'field btc: must be written as a decimal string such as "12.5", not the binary '
        'float 0.1: write amounts as decimal text, e.g. "0.1" (or a decimal.Decimal)')


def test_malformed_json_line_between_valid_ones(caledger, seeded, tmp_path):
    before = fingerprint(seeded)
    first, last = valid_pair()
    broken = json.dumps(purchase(BAD))[:-20]  # cut off mid-record
    path = write_jsonl(tmp_path / "bad.jsonl", first, broken, last)

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    assert_names(line, f"{path}:2", None, None, ["malformed JSON", "column",
                                                 "one complete JSON object"])
    assert fingerprint(seeded) == before


@pytest.mark.parametrize(("bad", "field", "expected"), [
    pytest.param(purchase(BAD, btc="12,5"), "btc", ["plain decimal"], id="btc-decimal-comma"),
    pytest.param(purchase(BAD, type="btc_bought"), "type", ["btc_purchased"], id="unknown-type"),
    pytest.param(purchase(BAD, sources=None), "sources", ["required"], id="no-sources"),
])
def test_bad_import_into_a_new_ledger_creates_no_file(caledger, db, tmp_path, bad, field,
                                                      expected):
    first, last = valid_pair()
    path = write_jsonl(tmp_path / "bad.jsonl", first, bad, last)
    files_before = sorted(p.name for p in tmp_path.iterdir())

    line = the_one_error_line(caledger("import", "--db", db, str(path)))

    assert_names(line, f"{path}:2", BAD, field, expected)
    assert fingerprint(db) == "absent"
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before


# --- reused ids -------------------------------------------------------------------------------


def test_reused_id_with_different_content_within_one_file(caledger, seeded, tmp_path):
    before = fingerprint(seeded)
    first = purchase("test-reused", btc="10")
    path = write_jsonl(tmp_path / "bad.jsonl", first, purchase("test-reused", btc="11"),
                       purchase("test-valid-after", btc="20"))

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    assert_names(line, f"{path}:2", "test-reused", "id",
                 [f"{path}:1", "different content", "own id"])
    assert fingerprint(seeded) == before


def test_a_batch_lists_its_format_problems_and_the_ledger_conflicts_of_its_other_files(
        caledger, seeded, tmp_path):
    """Review finding 6: one file's format problem used to hide another file's conflicts
    with the ledger until a second run. Both are listed in one run; the file with format
    problems is not checked against the ledger, and a last line says which files were.
    Nothing is stored, dry run or not."""
    before = fingerprint(seeded)
    conflicts = write_jsonl(
        tmp_path / "b2.jsonl", {**seed_record("mara-2024q4-purchase"), "btc": "14575"},
        purchase("test-new", btc="5"),
        {"id": "fix-nothing", "type": "correction", "corrects": "no-such-record",
         "reason": "r", "event": purchase("x", id=None)})
    broken = write_jsonl(tmp_path / "c.jsonl",
                         '{"id": "c1", "type": "btc_mined", "company": "MARA", "effective": '
                         '"2025-05", "btc": "1", "btc": "2", "sources": [{"document": '
                         '"y.txt", "line": 1}]}',
                         {**seed_record("mara-2026q1-btc-sale"), "btc": "1"})
    for extra in ((), ("--dry-run",)):
        done = caledger("import", "--db", seeded, *extra, str(conflicts), str(broken))
        assert done.exit_code == 1 and done.stdout == ""
        lines = done.stderr.splitlines()
        assert f"{broken}:1:" in lines[0] and 'the key "btc" appears twice' in lines[0]
        assert any(f"{conflicts}:1:" in x and "already recorded with different content" in x
                   for x in lines), lines
        assert any(f"{conflicts}:3:" in x and '"no-such-record"' in x for x in lines), lines
        # the broken file's own conflict with the ledger is not looked for
        assert not any(f"{broken}:2:" in x for x in lines), lines
        assert lines[-1] == (f"error: nothing was stored; the ledger's checks (ids stored with "
                             "other content, amendments of records not there) ran on "
                             f"{conflicts} only: {broken} has format problems")
        assert fingerprint(seeded) == before
    # every file with format problems: the ledger was not looked at, and the line says so
    both = caledger("import", "--db", seeded, str(broken), str(broken))
    assert both.stderr.splitlines()[-1].endswith("were not run: every file has format "
                                                 "problems")
    # one file alone: its format problems, as before
    the_one_error_line(caledger("import", "--db", seeded,
                                str(write_jsonl(tmp_path / "one.jsonl", purchase(BAD, btc="x")))))
    assert fingerprint(seeded) == before


def test_reused_id_with_different_content_against_the_store(caledger, seeded, tmp_path):
    before = fingerprint(seeded)
    first, last = valid_pair()
    changed = {**seed_record("mara-2024q4-purchase"), "btc": "14575"}
    path = write_jsonl(tmp_path / "bad.jsonl", first, changed, last)

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    # It names the field at fault (the id already taken) and the field that differs.
    assert_names(line, f"{path}:2", "mara-2024q4-purchase", "id",
                 ["already recorded with different content", "differs in: btc", "correction"])
    assert fingerprint(seeded) == before


def test_same_id_same_content_written_differently_adds_nothing(caledger, seeded, tmp_path):
    before = fingerprint(seeded)
    same = {**seed_record("mara-2024q4-purchase"), "btc": "14574.0"}
    path = write_jsonl(tmp_path / "same.jsonl", same)

    result = caledger("import", "--db", seeded, str(path))

    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    assert "added 0 records" in result.stdout
    assert "already present: 1 record," in result.stdout
    assert fingerprint(seeded) == before


def test_same_id_same_content_twice_in_one_file_is_one_record(caledger, db, tmp_path):
    original = purchase("test-twice", btc="14574")
    path = write_jsonl(tmp_path / "twice.jsonl", original, {**original, "btc": "14574.0"})

    result = caledger("import", "--db", db, str(path), "--json")

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["added"] == 1


# --- other ways in: JSON arrays, several files, stdin -----------------------------------------


def test_json_array_file_reports_the_line_of_the_bad_element(caledger, seeded, tmp_path):
    before = fingerprint(seeded)
    first, last = valid_pair()
    path = tmp_path / "bad.json"
    path.write_text("[\n" + ",\n".join(json.dumps(r) for r in
                                        (first, purchase(BAD, btc="12,5"), last)) + "\n]\n",
                    encoding="utf-8")

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    assert_names(line, f"{path}:3", BAD, "btc", ['"12,5"', "plain decimal"])
    assert fingerprint(seeded) == before


def test_pretty_printed_json_array_reports_where_the_bad_element_starts(caledger, seeded,
                                                                         tmp_path):
    before = fingerprint(seeded)
    first, last = valid_pair()
    text = json.dumps([first, purchase(BAD, effective="2025-Q5"), last], indent=2)
    # The bad element's "{" is the second line consisting of "  {".
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line == "  {"]
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    assert_names(line, f"{path}:{starts[1]}", BAD, "effective", ["Q1 to Q4"])
    assert fingerprint(seeded) == before


def test_json_array_with_a_missing_comma(caledger, seeded, tmp_path):
    before = fingerprint(seeded)
    first, last = valid_pair()
    path = tmp_path / "bad.json"
    path.write_text(f"[\n{json.dumps(first)},\n{json.dumps(last)}\n{json.dumps(first)}\n]\n",
                    encoding="utf-8")

    line = the_one_error_line(caledger("import", "--db", seeded, str(path)))

    # The missing comma is between the records on lines 3 and 4.
    assert f"{path}:3:" in line or f"{path}:4:" in line, line
    assert "malformed JSON" in line and '","' in line, line
    assert fingerprint(seeded) == before


def test_all_or_nothing_across_files(caledger, seeded, tmp_path):
    before = fingerprint(seeded)
    good = write_jsonl(tmp_path / "good.jsonl", *valid_pair())
    bad = write_jsonl(tmp_path / "bad.jsonl", purchase("test-valid-other", btc="5"),
                      purchase(BAD, btc="1e3"))

    done = caledger("import", "--db", seeded, str(good), str(bad))
    assert done.exit_code == 1 and done.stdout == ""
    line, checked = done.stderr.splitlines()
    assert_names(line, f"{bad}:2", BAD, "btc", ["plain decimal"])
    assert str(good) not in line
    # the last line says the other file was checked against the ledger, and nothing stored
    assert checked.startswith("error: nothing was stored") and str(good) in checked
    assert fingerprint(seeded) == before
    # Nothing from good.jsonl went in: importing it now adds both records.
    result = caledger("import", "--db", seeded, str(good), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["added"] == 2


def test_all_or_nothing_across_files_when_the_conflict_is_with_the_store(caledger, seeded,
                                                                         tmp_path):
    before = fingerprint(seeded)
    good = write_jsonl(tmp_path / "good.jsonl", *valid_pair())
    bad = write_jsonl(tmp_path / "bad.jsonl", purchase("test-valid-other", btc="5"),
                      {**seed_record("mara-2024q4-purchase"), "btc": "14575"})

    line = the_one_error_line(caledger("import", "--db", seeded, str(good), str(bad)))

    assert_names(line, f"{bad}:2", "mara-2024q4-purchase", None, ["different content"])
    assert fingerprint(seeded) == before


def test_stdin_is_named_stdin_with_its_line(caledger, seeded):
    before = fingerprint(seeded)
    first, last = valid_pair()
    text = "\n".join(json.dumps(r) for r in (first, purchase(BAD, btc="-5"), last)) + "\n"

    line = the_one_error_line(caledger("import", "--db", seeded, "-", input=text))

    assert_names(line, "<stdin>:2", BAD, "btc", ['"-5"'])
    assert fingerprint(seeded) == before


def test_malformed_json_on_stdin(caledger, seeded):
    before = fingerprint(seeded)
    first, last = valid_pair()
    text = f"{json.dumps(first)}\n{json.dumps(last)}\n{{not json\n"

    line = the_one_error_line(caledger("import", "--db", seeded, "-", input=text))

    assert_names(line, "<stdin>:3", None, None, ["malformed JSON"])
    assert fingerprint(seeded) == before


# --- the same mistakes through `append` ----------------------------------------------------------

APPEND_BASE = ["--company", "MARA", "--effective", "2024-Q4", "--source", "doc.txt:3",
               "--btc", "100"]


def append_args(record_type: str = "btc_purchased", **options: str | None) -> list[str]:
    """`append` arguments: the base purchase with options replaced (None drops one)."""
    pairs: dict[str, str] = dict(zip(APPEND_BASE[::2], APPEND_BASE[1::2], strict=True))
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None:
            pairs.pop(flag, None)
        else:
            pairs[flag] = value
    return ["append", record_type, *[x for pair in pairs.items() for x in pair]]


APPEND_CASES = [
    pytest.param(append_args(btc="-5"), "btc", ['"-5"'], id="btc-negative"),
    pytest.param(append_args(btc="12,5"), "btc", ['"12,5"', "plain decimal"],
                 id="btc-decimal-comma"),
    pytest.param(append_args(btc="1e3"), "btc", ['"1e3"', "plain decimal"],
                 id="btc-exponent"),
    pytest.param(append_args(btc="0.000000001"), "btc", ["8 decimal places"],
                 id="btc-below-a-satoshi"),
    pytest.param(append_args(effective="2025-13-01"), "effective",
                 ['"2025-13-01"', "not a real calendar date"], id="effective-month-13"),
    pytest.param(append_args(effective="2025-Q5"), "effective", ["Q1 to Q4"],
                 id="effective-quarter-5"),
    pytest.param(append_args(company=None), None, ["append: --company is required"],
                 id="missing-company"),
    pytest.param(append_args(source=None), None, ["append: --source is required"],
                 id="no-source"),
    pytest.param(append_args("stake_acquired", btc=None, target="Exaion", percent="140"),
                 "percent", ["more than 100 percent"], id="percent-140"),
    pytest.param(append_args("btc_balance_disclosed", btc="44893"), "effective",
                 ["one date", '"2024-12-31"'], id="balance-dated-by-quarter"),
]


@pytest.mark.parametrize(("args", "field", "expected"), APPEND_CASES)
def test_append_bad_value_is_one_line_and_stores_nothing(caledger, seeded, args, field,
                                                         expected):
    before = fingerprint(seeded)

    line = the_one_error_line(caledger(*args, "--db", seeded))

    assert_names(line, "append", None, field, expected)
    assert fingerprint(seeded) == before


def test_append_names_the_record_when_given_an_id(caledger, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(caledger(*append_args(btc="12,5"), "--id", BAD, "--db", seeded))

    assert_names(line, "append", BAD, "btc", ["plain decimal"])
    assert fingerprint(seeded) == before


def test_append_bad_value_into_a_new_ledger_creates_no_file(caledger, db, tmp_path):
    files_before = sorted(p.name for p in tmp_path.iterdir())

    line = the_one_error_line(caledger(*append_args(btc="12,5"), "--db", db))

    assert_names(line, "append", None, "btc", ["plain decimal"])
    assert fingerprint(db) == "absent"
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before


def test_append_unknown_type_is_one_line(caledger, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(caledger(*append_args("btc_bought"), "--db", seeded))

    assert "btc_bought" in line and "btc_purchased" in line, line
    assert "type" in line.lower(), line
    assert fingerprint(seeded) == before


def test_append_unknown_field_is_one_line(caledger, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(caledger(*append_args(), "--amount", "100", "--db", seeded))

    assert "amount" in line, line
    assert fingerprint(seeded) == before


def test_append_field_not_of_this_type_is_one_line(caledger, seeded):
    # --percent is an option of `append` (other types have it), but not a btc_purchased field.
    before = fingerprint(seeded)

    line = the_one_error_line(caledger(*append_args(), "--percent", "5", "--db", seeded))

    assert_names(line, "append", None, "percent", ["not a field of btc_purchased"])
    assert fingerprint(seeded) == before


def test_append_reused_id_with_different_content(caledger, seeded):
    before = fingerprint(seeded)
    seed = seed_record("mara-2024q4-purchase")
    args = ["append", "btc_purchased", "--id", "mara-2024q4-purchase", "--company", "MARA",
            "--effective", seed["effective"], "--disclosed", seed["disclosed"],
            "--source", "003_c65e9beb0fefa6f0.txt:13", "--note", seed["note"],
            "--btc", "14575", "--db", seeded]

    line = the_one_error_line(caledger(*args))

    assert '"mara-2024q4-purchase" field id:' in line, line
    assert "different content (differs in: btc)" in line, line
    assert fingerprint(seeded) == before


def test_append_same_id_same_content_written_differently_adds_nothing(caledger, seeded):
    before = fingerprint(seeded)
    seed = seed_record("mara-2024q4-purchase")
    args = ["append", "btc_purchased", "--id", "mara-2024q4-purchase", "--company", "MARA",
            "--effective", seed["effective"], "--disclosed", seed["disclosed"],
            "--source", "003_c65e9beb0fefa6f0.txt:13", "--note", seed["note"],
            "--btc", "14574.0", "--db", seeded]

    result = caledger(*args)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "mara-2024q4-purchase"
    assert "nothing added" in result.stderr
    assert fingerprint(seeded) == before


def test_append_malformed_source_is_one_line(caledger, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(caledger(*append_args(source="doc.txt"), "--db", seeded))

    assert "--source" in line and "DOCUMENT:LINE" in line, line
    assert fingerprint(seeded) == before


def test_append_names_a_missing_source_as_its_option(caledger, seeded):
    # Review finding 19: "record field sources: is required" named no option of append.
    line = the_one_error_line(caledger(*append_args(source=None), "--db", seeded))
    assert line == ("error: append: --source is required: say where it was disclosed, as "
                    "DOC:LINE (repeat it for several)")


def test_append_lists_every_problem_at_once_as_import_does(caledger, seeded):
    # Review finding 19: a bad date and a bad source gave only the source's error.
    before = fingerprint(seeded)
    result = caledger(*append_args(effective="03/15/2025", btc="1e3", source="doc.txt"),
                      "--db", seeded)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        'error: append: record field effective: "03/15/2025" is not a period; dates are '
        'written year first, YYYY-MM-DD: write a date "2025-09-30", a month "2025-08", a '
        'quarter "2024-Q4", a year "2025" or a range "2025-01-01/2025-09-30"',
        'error: append: record field btc: "1e3" is not a plain decimal; write digits with an '
        'optional "." and no separators or exponent, e.g. "1000" or "12.5"',
        'error: append: --source "doc.txt": write it as DOCUMENT:LINE, e.g. '
        "003_c65e9beb0fefa6f0.txt:13"]
    # one good --source beside a bad one: still nothing stored, the bad one named
    line = the_one_error_line(caledger(*append_args(), "--source", "x", "--db", seeded))
    assert line.startswith('error: append: --source "x": write it as DOCUMENT:LINE')
    assert fingerprint(seeded) == before


# --- a ledger path that can't be created or doesn't exist --------------------------------------


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_import_into_a_missing_folder(caledger, tmp_path):
    target = tmp_path / "nope" / "x.db"
    before = tree(tmp_path)

    line = the_one_error_line(caledger("import", "--db", str(target), *map(str, SEEDS)))

    assert str(target) in line, line
    assert "can't create" in line and "does not exist" in line, line
    assert not (tmp_path / "nope").exists()
    assert tree(tmp_path) == before


def test_import_into_a_path_that_is_a_directory(caledger, tmp_path):
    target = tmp_path / "adir"
    target.mkdir()
    before = tree(tmp_path)

    line = the_one_error_line(caledger("import", "--db", str(target), *map(str, SEEDS)))

    assert str(target) in line, line
    assert "directory" in line, line
    assert tree(tmp_path) == before


def test_import_into_a_file_that_is_not_a_ledger(caledger, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("these are my notes, not a ledger\n", encoding="utf-8")
    before = tree(tmp_path)

    line = the_one_error_line(caledger("import", "--db", str(target), *map(str, SEEDS)))

    assert str(target) in line, line
    assert target.read_text(encoding="utf-8") == "these are my notes, not a ledger\n"
    assert tree(tmp_path) == before


def test_append_into_a_missing_folder(caledger, tmp_path):
    target = tmp_path / "nope" / "x.db"
    before = tree(tmp_path)

    line = the_one_error_line(caledger(*append_args(), "--db", str(target)))

    assert str(target) in line and "does not exist" in line, line
    assert tree(tmp_path) == before


def test_append_into_a_path_that_is_a_directory(caledger, tmp_path):
    target = tmp_path / "adir"
    target.mkdir()
    before = tree(tmp_path)

    line = the_one_error_line(caledger(*append_args(), "--db", str(target)))

    assert str(target) in line and "directory" in line, line
    assert tree(tmp_path) == before


def test_import_into_a_missing_folder_via_environment(caledger, tmp_path, monkeypatch):
    target = tmp_path / "nope" / "x.db"
    monkeypatch.setenv("CALEDGER_DB", str(target))
    before = tree(tmp_path)

    line = the_one_error_line(caledger("import", *map(str, SEEDS)))

    assert str(target) in line and "does not exist" in line, line
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command", [
    pytest.param(["holdings", "MARA", "--as-of", "2025-01-01"], id="holdings"),
    pytest.param(["history", "MARA"], id="history"),
    pytest.param(["companies"], id="companies"),
])
def test_query_against_a_ledger_that_does_not_exist_creates_nothing(caledger, tmp_path,
                                                                    command):
    target = tmp_path / "missing.db"
    before = tree(tmp_path)

    line = the_one_error_line(caledger(*command, "--db", str(target)))

    assert str(target) in line and "no ledger here" in line, line
    assert "caledger import" in line, line
    assert tree(tmp_path) == before


def test_query_with_the_default_ledger_missing_creates_nothing(caledger, tmp_path):
    # The autouse fixture runs every test in tmp_path, so the default is tmp_path/caledger.db.
    before = tree(tmp_path)

    line = the_one_error_line(caledger("holdings", "MARA", "--as-of", "2025-01-01"))

    assert "caledger.db" in line and "no ledger here" in line, line
    assert tree(tmp_path) == before


def test_query_in_a_missing_folder_creates_nothing(caledger, tmp_path):
    target = tmp_path / "nope" / "x.db"
    before = tree(tmp_path)

    line = the_one_error_line(caledger("holdings", "MARA", "--as-of", "2025-01-01",
                                       "--db", str(target)))

    assert str(target) in line, line
    assert tree(tmp_path) == before


def test_a_driver_error_the_event_library_left_unwrapped_is_one_line_and_stores_nothing(
        caledger, db, tmp_path, monkeypatch):
    # The store's own driver (sqlite3, psycopg) can raise where the event library does not
    # wrap its errors: the store call reports it as the store's, in one line, like any other.
    from ledger.store import Ledger
    from projections.readmodel import ReadModel

    kept = write_jsonl(tmp_path / "kept.jsonl", purchase("kept"))
    assert caledger("import", "--db", db, str(kept)).exit_code == 0
    before = fingerprint(db)
    with Ledger.open(db, create=False) as ledger:
        driver_error = ledger.adapter.error_types()[0]  # sqlite3.Error, psycopg.Error

    def lost(*args, **kwargs):
        raise driver_error("server closed the connection unexpectedly")

    monkeypatch.setattr(ReadModel, "catch_up", lost)
    path = write_jsonl(tmp_path / "new.jsonl", purchase("new-1"))

    line = the_one_error_line(caledger("import", "--db", db, str(path)))

    assert "can't bring the read model up to date: server closed the connection " \
           "unexpectedly" in line
    assert fingerprint(db) == before
