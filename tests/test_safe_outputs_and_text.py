"""What the hostile-user campaign still found (issue 28, item 4), each held by a scenario.

S1/S3: output options never overwrite the ledger or a file of another kind, and write into
devices and through symlinks as any Unix tool does. S2: a write's checks rest on the log,
never on the read model alone. S4/M1/M2: text from records is never markup. M3: CSV cells
never reach a spreadsheet as formulas. M4: terminal text shows escapes, never runs them.
M6/M7: bounded input, and a ledger whose read model is broken is still verified and rebuilt.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import SEEDS, fingerprint, is_postgres, tamper, the_one_error_line

SALE = "mara-2026q1-btc-sale"
PURCHASE = "mara-2024q4-purchase"


def write(path: Path, *records: dict[str, Any]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def total(run, db: str, company: str, day: str) -> str:
    return run("holdings", company, "--as-of", day, "--db", db, "--json")["btc"]["total"]


# --- S2: a write's checks rest on the log, not on the read model ------------------------------


def _move_sale_to_riot(tmp_path: Path, suffix: str = "") -> str:
    return write(tmp_path / f"move{suffix}.jsonl", {
        "id": f"move-sale-to-riot{suffix}", "type": "correction", "corrects": SALE,
        "reason": "the sale was RIOT's",
        "event": {"type": "btc_sold", "company": "RIOT", "effective": "2026-Q1",
                  "btc": "20880", "sources": [{"document": "x.txt", "line": 1}]}})


def test_a_correction_to_another_company_is_refused_even_when_the_read_model_says_so(
        caledger, run, seeded, tmp_path):
    untouched = the_one_error_line(caledger("import", "--db", seeded,
                                            _move_sale_to_riot(tmp_path)))
    assert "a correction keeps the company (MARA), not RIOT" in untouched
    tamper(seeded, "UPDATE rm_log SET company = 'RIOT' WHERE record_id = ?", SALE)
    before = fingerprint(seeded)
    edited = the_one_error_line(caledger("import", "--db", seeded,
                                         _move_sale_to_riot(tmp_path)))
    assert edited == untouched
    assert fingerprint(seeded) == before  # nothing reached the log
    run("rebuild", "--db", seeded)
    assert total(run, seeded, "MARA", "2026-03-31") == "31970"
    assert run("verify", "--read-model", "--db", seeded, "--json")["ok"]


def test_a_retraction_hidden_from_the_read_model_still_stops_a_correction(
        caledger, run, seeded, tmp_path):
    run("retract", SALE, "--reason", "never happened", "--id", "sale-retracted",
        "--db", seeded)
    tamper(seeded, "DELETE FROM rm_log WHERE target = ?", SALE)
    before = fingerprint(seeded)
    line = the_one_error_line(caledger("import", "--db", seeded, write(
        tmp_path / "fix.jsonl", {
            "id": "sale-fixed", "type": "correction", "corrects": SALE, "reason": "r",
            "event": {"type": "btc_sold", "company": "MARA", "effective": "2026-Q1",
                      "btc": "1", "sources": [{"document": "x.txt", "line": 1}]}})))
    assert f'"{SALE}" was retracted by "sale-retracted"' in line
    assert fingerprint(seeded) == before


def test_an_amendment_hidden_from_the_read_model_does_not_fork_the_records_history(
        caledger, run, seeded, tmp_path):
    run("correct", SALE, "--btc", "20000", "--reason", "first restatement", "--id", "fix-1",
        "--db", seeded)
    tamper(seeded, "DELETE FROM rm_log WHERE record_id = 'fix-1'")
    result = caledger("import", "--db", seeded, write(tmp_path / "fix2.jsonl", {
        "id": "fix-2", "type": "correction", "corrects": SALE, "reason": "second restatement",
        "event": {"type": "btc_sold", "company": "MARA", "effective": "2026-Q1",
                  "btc": "20100", "sources": [{"document": "x.txt", "line": 1}]}}))
    assert result.exit_code == 0, result.stderr
    run("rebuild", "--db", seeded)
    shown = run("show", SALE, "--db", seeded, "--json")
    assert [a["id"] for a in shown["amendments"]] == ["fix-1", "fix-2"]
    assert shown["current"]["btc"] == "20100"
    assert run("verify", "--read-model", "--db", seeded, "--json")["ok"]


# --- S1/S3: output options ----------------------------------------------------------------------

DRAFT_DOC = str(Path(__file__).parent / "fixtures" / "drafts" / "hashworth-q3-2025-en.txt")


def _output_commands(db: str, out: str) -> dict[str, tuple[str, ...]]:
    """Every command with an output option, writing to ``out``."""
    return {
        "checkpoint": ("checkpoint", "--db", db, "-o", out),
        "export hledger": ("export", "hledger", "MARA", "--db", db, "--out", out),
        "export beancount": ("export", "beancount", "MARA", "--db", db, "--out", out),
        "draft": ("draft", DRAFT_DOC, "--company", "MARA", "--out", out),
    }


def _sqlite_seeded(caledger, tmp_path: Path, name: str = "L.db") -> str:
    db = str(tmp_path / name)
    assert caledger("import", "--db", db, *map(str, SEEDS)).exit_code == 0
    return db


@pytest.mark.parametrize("command", ["checkpoint", "export hledger", "export beancount",
                                     "draft"])
@pytest.mark.parametrize("force", [False, True])
def test_no_output_option_writes_over_the_ledger(caledger, run, tmp_path, command, force):
    db = _sqlite_seeded(caledger, tmp_path)
    hard, soft = tmp_path / "hard.db", tmp_path / "soft.db"
    os.link(db, hard)
    soft.symlink_to(db)
    before = fingerprint(db)
    for out in (db, str(hard), str(soft), f"{db}-wal", f"{db}-shm"):
        args = _output_commands(db, out)[command] + (("--force",) if force else ())
        line = the_one_error_line(caledger(*args))
        assert ("the ledger this command reads" in line or "SQLite database" in line), line
    assert fingerprint(db) == before
    assert total(run, db, "MARA", "2026-03-31") == "31970"
    assert run("verify", "--db", db, "--json")["ok"]


def test_chart_and_report_never_write_over_the_ledger(caledger, run, tmp_path):
    for out in ("L.svg", "L.png"):  # a ledger may have any name
        db = _sqlite_seeded(caledger, tmp_path, out)
        before = fingerprint(db)
        for force in ((), ("--force",)):
            the_one_error_line(caledger("chart", "MARA", "--from", "2025", "--db", db,
                                        "--out", db, *force))
        assert fingerprint(db) == before
    folder = tmp_path / "pages"
    folder.mkdir()
    db = _sqlite_seeded(caledger, folder, "MARA.html")
    before = fingerprint(db)
    line = the_one_error_line(caledger("report", "MARA", "--db", db, "--out", str(folder),
                                       "--force"))
    assert "the ledger this command reads" in line
    assert fingerprint(db) == before


@pytest.mark.parametrize("command", ["checkpoint", "export hledger", "export beancount",
                                     "draft"])
def test_a_file_of_another_kind_is_replaced_only_with_force(caledger, tmp_path, command):
    db = _sqlite_seeded(caledger, tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("my own notes\n", encoding="utf-8")
    line = the_one_error_line(caledger(*_output_commands(db, str(notes))[command]))
    assert "already exists and is not" in line and "--force" in line
    assert notes.read_text(encoding="utf-8") == "my own notes\n"
    again = caledger(*_output_commands(db, str(notes))[command], "--force")
    assert again.exit_code == 0, again.stderr
    written = notes.read_text(encoding="utf-8")
    # ... and once it is of its own kind, it is replaced without --force
    assert caledger(*_output_commands(db, str(notes))[command]).exit_code == 0
    assert notes.read_text(encoding="utf-8").splitlines()[0] == written.splitlines()[0]


@pytest.mark.parametrize("journal", ["hledger", "beancount"])
def test_a_write_into_a_full_device_is_an_error_and_the_device_stays(caledger, tmp_path,
                                                                     journal):
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full here")
    db = _sqlite_seeded(caledger, tmp_path)
    line = the_one_error_line(caledger("export", journal, "MARA", "--db", db, "--out",
                                       "/dev/full"))
    assert "--out /dev/full: can't write it (No space left on device)" in line
    assert Path("/dev/full").is_char_device()
    result = caledger("export", journal, "MARA", "--db", db, "--out", "/dev/null")
    assert result.exit_code == 0 and Path("/dev/null").is_char_device()


def test_an_output_symlink_is_written_through_and_keeps_its_target_s_mode(caledger, tmp_path):
    db = _sqlite_seeded(caledger, tmp_path)
    journal = tmp_path / "books" / "mara.journal"
    journal.parent.mkdir()
    link = tmp_path / "latest.journal"
    link.symlink_to(journal)
    result = caledger("export", "hledger", "MARA", "--db", db, "--out", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(journal)
    assert journal.read_text(encoding="utf-8").startswith("; caledger export for hledger")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(journal.stat().st_mode) == 0o666 & ~umask  # as any tool creates it
    journal.chmod(0o640)
    assert caledger("export", "hledger", "MARA", "--db", db, "--out", str(link)).exit_code == 0
    assert link.is_symlink() and stat.S_IMODE(journal.stat().st_mode) == 0o640


def test_an_output_that_is_a_folder_or_in_a_missing_folder_is_one_line(caledger, tmp_path):
    db = _sqlite_seeded(caledger, tmp_path)
    assert "is a folder" in the_one_error_line(
        caledger("checkpoint", "--db", db, "-o", str(tmp_path)))
    assert "can't write it" in the_one_error_line(
        caledger("checkpoint", "--db", db, "-o", str(tmp_path / "nowhere" / "cp.json")))


# --- M6: bounded input, named problems; a checkpoint whose head disagrees ----------------------


@pytest.mark.parametrize("content, says", [
    ("[" * 30000 + "]" * 30000, "nests more than 8 levels deep"),
    ('{"a":' * 5000 + "1" + "}" * 5000, "nests more than 8 levels deep"),
    (" " * 200_000, "over 64 KB"),
    ("\udcff", "not UTF-8 text"),
])
def test_a_checkpoint_file_that_is_not_one_is_one_line_naming_it(caledger, seeded, tmp_path,
                                                                  content, says):
    path = tmp_path / "cp.json"
    path.write_bytes(content.encode("utf-8", errors="surrogateescape"))
    line = the_one_error_line(caledger("verify", "--db", seeded, "--checkpoint", str(path)))
    assert f"--checkpoint {path}:" in line and says in line


def test_a_checkpoint_that_is_a_device_or_a_fifo_is_refused_without_reading_it(
        caledger, seeded, tmp_path):
    fifo = tmp_path / "cp.fifo"
    os.mkfifo(fifo)  # opening it for reading would block forever: it is never opened
    for path in ("/dev/zero", str(fifo), str(tmp_path)):
        if not Path(path).exists():
            continue
        line = the_one_error_line(caledger("verify", "--db", seeded, "--checkpoint", path))
        assert f"--checkpoint {path}: is " in line


def test_verify_read_model_names_a_stored_event_that_is_not_json(caledger, seeded):
    tamper(seeded, "UPDATE stored_events SET state = ? WHERE rowid = 5", b"not json")
    result = caledger("verify", "--read-model", "--db", seeded)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: position @5") and "does not match" in lines[0]
    assert lines[1].startswith("error: the read model: can't be compared: a stored event "
                               "can't be read")
    report = json.loads(caledger("verify", "--read-model", "--db", seeded, "--json").stdout)
    assert report["ok"] is False and report["read_model"]["ok"] is False


def test_a_checkpoint_whose_head_disagrees_with_its_position_and_hash_is_refused(
        caledger, run, seeded, tmp_path):
    path = tmp_path / "cp.json"
    run("checkpoint", "--db", seeded, "-o", str(path))
    assert run("verify", "--db", seeded, "--checkpoint", str(path), "--json")["ok"]
    kept = json.loads(path.read_text(encoding="utf-8"))
    forged = {**kept, "head": f"{'0' * 64}@{kept['position']}"}
    path.write_text(json.dumps(forged), encoding="utf-8")
    line = the_one_error_line(caledger("verify", "--db", seeded, "--checkpoint", str(path)))
    assert 'its "head"' in line and "disagrees" in line


# --- M7: a broken read model never stops verify or rebuild ---------------------------------------


def _tracking_table(db: str) -> str:
    return "notification_tracking" if is_postgres(db) else "tracking"


@pytest.mark.parametrize("damage", [
    "DELETE FROM readmodel_migrations",
    "DROP TABLE readmodel_migrations",
    "DROP TABLE rm_log",
    "DROP TABLE rm_log; CREATE TABLE rm_log (x TEXT)",
    "DROP TABLE {tracking}",
])
def test_verify_and_rebuild_work_whatever_state_the_read_model_is_in(caledger, run, seeded,
                                                                      damage):
    kept = run("verify", "--db", seeded, "--json")
    for statement in damage.format(tracking=_tracking_table(seeded)).split("; "):
        tamper(seeded, statement)
    result = caledger("holdings", "MARA", "--db", seeded)  # a query: one line, what to do
    if result.exit_code != 0:
        line = the_one_error_line(result)
        assert "run caledger verify, then caledger rebuild" in line
    checked = caledger("verify", "--db", seeded, "--json")
    assert checked.exit_code == 0 and "Traceback" not in checked.stderr
    report = json.loads(checked.stdout)
    assert (report["ok"], report["position"], report["head_hash"]) == (
        True, kept["position"], kept["head_hash"])
    if "read_model_problem" in report:
        assert checked.stderr.startswith("warning: the event log verifies, but the read model "
                                         "is unusable")
    rebuilt = run("rebuild", "--db", seeded, "--json")
    assert rebuilt["position"] == kept["position"]
    assert total(run, seeded, "MARA", "2026-03-31") == "31970"
    assert run("verify", "--read-model", "--db", seeded, "--json")["read_model"]["ok"]


def test_with_its_migrations_forgotten_verify_says_the_log_is_whole_and_what_to_do(
        caledger, seeded):
    tamper(seeded, "DELETE FROM readmodel_migrations")
    line = the_one_error_line(caledger("holdings", "MARA", "--db", seeded))
    assert 'table "rm_log" already exists' in line or "rm_log" in line
    assert "run caledger verify, then caledger rebuild" in line
    result = caledger("verify", "--db", seeded)
    assert result.exit_code == 0 and result.stdout.startswith("ok: 15 stored events")
    assert result.stderr.count("\n") == 1 and "run caledger rebuild" in result.stderr
    strict = caledger("verify", "--read-model", "--db", seeded)
    assert strict.exit_code == 1 and "the read model: can't bring the read model up to date" \
        in strict.stderr


# --- S4, M1, M2: text from records is never markup; every XML output is well-formed ----------

MATHTEXT = ["$\\frac{1}{$", "a$x^$b", "$" + "{" * 2000 + "x" + "}" * 2000 + "$"]
#: The bidirectional embeddings, overrides and isolates: shown escaped wherever text is shown.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: (No NUL: no store keeps one, so a record with one is refused; tests/test_bad_input.py.)
CONTROL = "bell \u0007 esc \u001b[31mred\u001b[0m bs \u0008 end"


def _hostile_ledger(caledger, tmp_path: Path) -> str:
    """A SQLite ledger whose records carry mathtext in document names and control
    characters in a document name, a note and a reason."""
    db = str(tmp_path / "hostile.db")
    records = [
        {"id": f"h{i}", "type": "btc_balance_disclosed", "company": "HOST",
         "effective": f"2025-{3 * i:02d}-28", "btc": str(10 + i),
         "sources": [{"document": name, "line": i}]}
        for i, name in enumerate([*MATHTEXT, f"doc{CONTROL}.txt"], 1)]
    records.append({"id": "h-flow", "type": "btc_purchased", "company": "HOST",
                    "effective": "2025-12-01/2026-06-30", "btc": "2", "note": CONTROL,
                    "sources": [{"document": "$x$", "line": 1}]})
    assert caledger("import", "--db", db, write(tmp_path / "h.jsonl", *records)).exit_code == 0
    result = caledger("correct", "h1", "--btc", "11.5", "--reason", f"restated {CONTROL}",
                      "--id", "h1-fix", "--db", db)
    assert result.exit_code == 0, result.stderr
    return db


def test_chart_and_report_draw_mathtext_in_document_names_as_plain_text(caledger, tmp_path):
    import xml.etree.ElementTree as ET

    db = _hostile_ledger(caledger, tmp_path)
    svg, png = tmp_path / "h.svg", tmp_path / "h.png"
    for out in (svg, png):
        result = caledger("chart", "HOST", "--from", "2025", "--to", "2025-12-31", "--out",
                          str(out), "--db", db)
        assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    drawn = svg.read_text(encoding="utf-8")
    ET.fromstring(drawn)  # M2: well-formed, control characters and all
    assert "<!-- a$x^$b:2 -->" in drawn and "$\\frac{1}{$:1" in drawn  # as typed, not math
    assert "\\u001b[31m" in drawn and "\x1b" not in drawn and "\x08" not in drawn
    report = caledger("report", "HOST", "--out", str(tmp_path / "pages"), "--db", db)
    assert report.exit_code == 0 and "Traceback" not in report.stderr, report.stderr
    page = (tmp_path / "pages" / "HOST.html").read_text(encoding="utf-8")
    assert "a$x^$b" in page and "\x1b" not in page and "\x07" not in page


def test_the_atom_feed_is_well_formed_with_control_characters_in_notes_and_reasons(
        caledger, tmp_path):
    import xml.etree.ElementTree as ET

    db = _hostile_ledger(caledger, tmp_path)
    result = caledger("changes", "HOST", "--since", "@0", "--format", "atom", "--db", db)
    assert result.exit_code == 0, result.stderr
    feed = ET.fromstring(result.stdout)  # M1
    text = "".join(feed.itertext())
    assert "restated bell \\u0007 esc \\u001b[31mred\\u001b[0m bs \\u0008 end" in text
    assert "a$x^$b" in text


def test_a_bidi_override_in_a_note_cannot_reverse_the_figures_on_a_page_a_chart_or_a_feed(
        caledger, tmp_path):
    """U+202E in a note would show what follows it right to left: "bought 0001 BTC" on the
    page for a note typed as "bought 1000 BTC". Every page, chart and feed shows it escaped,
    as the terminal does, so nothing on screen differs from what is stored."""
    db = str(tmp_path / "bidi.db")
    note = "bought \u202e1000\u202c BTC, \u2067isolated\u2069"
    record = {"id": "b1", "type": "btc_purchased", "company": "BIDI", "effective": "2025-03",
              "btc": "1000", "note": note, "sources": [{"document": "release.txt", "line": 4}]}
    assert caledger("import", "--db", db, write(tmp_path / "b.jsonl", record)).exit_code == 0
    escaped = "bought \\u202e1000\\u202c BTC, \\u2067isolated\\u2069"
    report = caledger("report", "BIDI", "--out", str(tmp_path / "pages"), "--db", db)
    assert report.exit_code == 0, report.stderr
    page = (tmp_path / "pages" / "BIDI.html").read_text(encoding="utf-8")
    feed = caledger("changes", "BIDI", "--since", "@0", "--format", "atom", "--db", db)
    assert feed.exit_code == 0, feed.stderr
    for shown in (page, feed.stdout, caledger("show", "b1", "--db", db).stdout):
        assert escaped in shown
        assert not any(c in shown for c in BIDI)
    stored = caledger("show", "b1", "--json", "--db", db)  # the data itself is kept as typed
    assert json.loads(stored.stdout)["current"]["note"] == note


# --- M3: CSV cells never run as formulas; numbers stay numbers --------------------------------


@pytest.mark.parametrize("cell, line", [
    ('=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "\"'\rx\""),
    ("a\rb", '"a\rb"'), ("a\nb", '"a\nb"'),
    ("-20880", "-20880"), ("+1.5", "+1.5"), ("-0.00000001", "-0.00000001"),
    ("plain = text", "plain = text"), ("", '""'),
])
def test_a_csv_cell_is_neutralised_as_owasp_recommends_but_numbers_stay_numbers(cell, line):
    from ledger import render

    out = render.to_csv(["a"], [[cell]])
    assert out == f"a\n{line}"
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["a"], [line.strip('"').replace(
        '""', '"')]]  # one row, whatever the cell holds


def test_csv_reports_carry_no_formula_from_a_record(caledger, run, tmp_path):
    import csv
    import io

    db = str(tmp_path / "csv.db")
    assert caledger("import", "--db", db, write(
        tmp_path / "f.jsonl",
        {"id": "evil", "type": "btc_balance_disclosed", "company": "FORM",
         "effective": "2025-03-31", "btc": "100", "note": "=1+2",
         "sources": [{"document": "=HYPERLINK(\"http://x\")", "line": 1}]},
        {"id": "sold", "type": "btc_sold", "company": "FORM", "effective": "2025-Q2",
         "btc": "20", "note": "-cmd", "sources": [{"document": "+doc", "line": 2}]})
    ).exit_code == 0
    assert caledger("correct", "sold", "--btc", "25", "--reason", "@restated", "--db",
                    db).exit_code == 0
    outputs = {
        "history": ("history", "FORM"), "changes": ("changes", "FORM", "--since", "@0"),
        "show": ("show", "evil"),
        "explain": ("explain", "FORM", "btc.total", "--as-of", "2025-06-30"),
    }
    for name, args in outputs.items():
        result = caledger(*args, "--format", "csv", "--db", db)
        assert result.exit_code == 0, (name, result.stderr)
        cells = [c for row in csv.reader(io.StringIO(result.stdout)) for c in row]
        risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")
                 and not c.lstrip("+-").replace(".", "", 1).isdigit()]
        assert risky == [], (name, risky)
        assert any(c.startswith("'") for c in cells), name  # the hostile text is there, inert
    series = caledger("series", "FORM", "--from", "2025-Q1", "--to", "2025-Q2", "--format",
                      "csv", "--db", db).stdout
    rows = list(csv.DictReader(io.StringIO(series)))
    # negative figures stay numbers (the first change is from an opening not known: empty)
    assert [(r["value"], r["change"], r["flows"]) for r in rows] == [
        ("100", "", "0"), ("75", "-25", "-25")]


# --- M4: terminal text shows escapes, never runs them ---------------------------------------


def test_text_output_shows_control_characters_escaped(caledger, tmp_path):
    db = _hostile_ledger(caledger, tmp_path)
    for args in (("history", "HOST"), ("show", "h1"), ("show", "h-flow"),
                 ("changes", "HOST", "--since", "@0"), ("reconcile", "HOST"),
                 ("holdings", "HOST", "--as-of", "2026-06-30")):
        result = caledger(*args, "--db", db)
        assert result.exit_code == 0, (args, result.stderr)
        assert not any(c in result.stdout for c in "\x1b\x07\x08\r"), args
    shown = caledger("show", "h1-fix", "--db", db).stdout + caledger(
        "history", "HOST", "--db", db).stdout
    assert "\\u001b[31mred\\u001b[0m" in shown and "\\u0007" in shown


@given(st.text())
def test_every_text_is_made_safe_for_each_place_it_is_shown(text):
    import unicodedata
    import xml.etree.ElementTree as ET

    from ledger import safetext

    cell = safetext.csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(
        r"[+-]?(\d+(\.\d*)?|\.\d+)", cell)
    assert cell == text or cell == "'" + text  # nothing lost, nothing else changed
    shown = safetext.terminal(text)
    assert all(c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs") for c in shown)
    assert not any(c in BIDI for c in shown) and not any(c in BIDI for c in safetext.xml(text))
    element = ET.fromstring(f"<a>{escape(safetext.xml(text))}</a>")
    assert (element.text or "") == safetext.xml(text).replace("\r\n", "\n").replace("\r", "\n")


def test_the_ascii_check_says_what_isprintable_says() -> None:
    # safetext checks an ASCII text's bytes in one pass (printable_ascii) instead of
    # copying it without its layout characters and asking isprintable: on every character
    # ASCII or not (and none kept, or line breaks and tabs kept), the two agree
    from ledger import safetext

    for code in [*range(0x200), 0x2028, 0x202E, 0x2066, 0xD800, 0xDFFF, 0xFEFF, 0xFFFE,
                 0x10FFFF]:
        text = f"a{chr(code)}\n\tb"
        assert safetext.printable_ascii(text) == (text.isascii() and text.isprintable())
        assert safetext.printable_ascii(text, b"\n\t") == (
            text.isascii() and text.replace("\n", "").replace("\t", "").isprintable())
        for kept in (("\n", "\t"), ("\n", "\t", "\r")):
            assert safetext._printable(text + "\r", *kept) == "".join(
                c for c in text + "\r" if c not in kept).isprintable()


def test_import_xbrl_fetch_never_downloads_over_the_ledger(caledger, tmp_path):
    db = _sqlite_seeded(caledger, tmp_path)
    before = fingerprint(db)
    for target in (db, f"{db}-wal"):  # refused before anything is downloaded
        line = the_one_error_line(caledger(
            "import-xbrl", target, "--company", "MARA", "--fetch", "1507605",
            "--user-agent", "caledger tests tests@example.com", "--db", db, "--force"))
        assert "caledger never writes over" in line or "the ledger this command reads" in line
    assert fingerprint(db) == before


def test_draft_text_output_stays_json_lines_with_control_characters_escaped(caledger,
                                                                          tmp_path):
    name = "release\u001b[2J\u0085\u202e.txt"
    doc = tmp_path / name
    doc.write_text(Path(DRAFT_DOC).read_text(encoding="utf-8"), encoding="utf-8")
    result = caledger("draft", str(doc), "--company", "MARA")
    assert result.exit_code == 0, result.stderr
    assert not any(c in result.stdout for c in "\x1b\x85\u202e")
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(records) == 9  # (the raise with no share count is noticed, on stderr)
    assert result.stderr.startswith("noticed, not drafted: line 10: ")
    assert all(r["sources"][0]["document"] == name for r in records)  # read back exactly
