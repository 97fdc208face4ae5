"""Who recorded what, who may write, and heads someone else can check (issue 28, items 1-3).

A signed checkpoint is checked with a key its reader trusts before the chain is; a forged
event whose chain link was recomputed is caught by the writers' keyring; every event says
who recorded it and by which way in, inside the hashed content.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from .conftest import the_one_error_line


# --- item 3: keys and signed checkpoints ---------------------------------------------------------


def test_keygen_writes_a_private_key_only_its_owner_reads_and_never_overwrites_one(
        caledger, run, tmp_path):
    key = tmp_path / "alice"
    made = run("keygen", str(key), "--json")
    assert made["private_key"] == str(key) and made["public_key"] == f"{key}.pub"
    assert len(made["key_id"]) == 16 and made["algorithm"] == "ed25519"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert Path(f"{key}.pub").read_text().startswith("-----BEGIN PUBLIC KEY-----")
    before = key.read_bytes()
    line = the_one_error_line(caledger("keygen", str(key)))
    assert "already exists; a key is never overwritten" in line and key.read_bytes() == before
    again = run("keygen", str(key), "--force", "--json")
    assert again["key_id"] != made["key_id"] and key.read_bytes() != before


def test_a_signed_checkpoint_verifies_with_its_key_and_with_no_other(
        caledger, run, seeded, tmp_path):
    run("keygen", str(tmp_path / "alice"))
    run("keygen", str(tmp_path / "mallory"))
    cp = tmp_path / "cp.json"
    written = run("checkpoint", "--db", seeded, "--sign", str(tmp_path / "alice"), "-o", str(cp),
                  "--json")
    assert written["signature"]["algorithm"] == "ed25519"
    assert json.loads(cp.read_text())["signature"] == written["signature"]
    report = run("verify", "--db", seeded, "--checkpoint", str(cp), "--trusted-key",
                 str(tmp_path / "alice.pub"), "--json")
    assert report["ok"] and report["checkpoint_signature"]["ok"]
    assert report["checkpoint_signature"]["trusted_key"] == written["signature"]["key_id"]
    assert report["expected_head"]["ok"] and report["position"] == written["position"]

    line = the_one_error_line(caledger("verify", "--db", seeded, "--checkpoint", str(cp),
                                       "--trusted-key", str(tmp_path / "mallory.pub")))
    assert line.startswith(f"error: checkpoint {cp}: signature: it is signed by key "
                           f"{written['signature']['key_id']}, not by the trusted key")
    assert "the head it records was not checked" in line


@pytest.mark.parametrize("edit, says", [
    (lambda cp: {**cp, "events": cp["events"] + 1}, "changed after it was signed"),
    (lambda cp: {**cp, "written_at": "2020-01-01T00:00:00+00:00"}, "changed after it was signed"),
    (lambda cp: {k: v for k, v in cp.items() if k != "signature"}, "it is not signed"),
    (lambda cp: {**cp, "signature": {**cp["signature"], "value": "A" * 88}},
     "changed after it was signed"),
    (lambda cp: {**cp, "signature": "yes"}, "not an ed25519 signature"),
])
def test_a_checkpoint_changed_after_signing_names_its_signature_not_the_chain(
        caledger, run, seeded, tmp_path, edit, says):
    run("keygen", str(tmp_path / "alice"))
    cp = tmp_path / "cp.json"
    run("checkpoint", "--db", seeded, "--sign", str(tmp_path / "alice"), "-o", str(cp))
    cp.write_text(json.dumps(edit(json.loads(cp.read_text()))))
    result = caledger("verify", "--db", seeded, "--checkpoint", str(cp), "--trusted-key",
                      str(tmp_path / "alice.pub"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        line for line in result.stderr.splitlines() if line.startswith("error: checkpoint")]
    assert says in result.stderr and "signature:" in result.stderr
    report = json.loads(caledger("verify", "--db", seeded, "--checkpoint", str(cp),
                                 "--trusted-key", str(tmp_path / "alice.pub"), "--json").stdout)
    assert report["first_broken"] is None  # the chain is whole: only the signature failed
    assert report["checkpoint_signature"]["ok"] is False and "expected_head" not in report


def test_a_signed_checkpoint_still_catches_a_log_cut_short(caledger, run, seeded, tmp_path):
    from .conftest import tamper

    run("keygen", str(tmp_path / "alice"))
    cp = tmp_path / "cp.json"
    run("checkpoint", "--db", seeded, "--sign", str(tmp_path / "alice"), "-o", str(cp))
    last = json.loads(cp.read_text())["position"]
    tamper(seeded, "DELETE FROM ledger_chain WHERE position = ?", last)
    tamper(seeded, "DELETE FROM stored_events WHERE rowid = ?", last)
    report = json.loads(caledger("verify", "--db", seeded, "--checkpoint", str(cp),
                                 "--trusted-key", str(tmp_path / "alice.pub"), "--json").stdout)
    assert report["ok"] is False and report["checkpoint_signature"]["ok"] is True


@pytest.mark.parametrize("args, says", [
    (("--trusted-key", "alice.pub"), "--trusted-key checks a signed checkpoint's signature: "
                                     "give --checkpoint FILE too"),
    (("--checkpoint", "cp.json", "--trusted-key", "alice"),
     "--trusted-key alice: not an Ed25519 public key written by caledger keygen (that is a "
     "private key: give its KEY.pub)"),
    (("--checkpoint", "cp.json", "--trusted-key", "nothing.pub"),
     "--trusted-key nothing.pub: no such file"),
    (("--checkpoint", "cp.json", "--trusted-key", "cp.json"),
     "--trusted-key cp.json: not an Ed25519 public key written by caledger keygen"),
])
def test_a_trusted_key_that_is_not_one_is_one_line(caledger, run, seeded, tmp_path, args, says):
    run("keygen", "alice")
    run("checkpoint", "--db", seeded, "--sign", "alice", "-o", "cp.json")
    line = the_one_error_line(caledger("verify", "--db", seeded, *args))
    assert says in line


def test_checkpoint_sign_with_a_public_key_is_refused_and_writes_nothing(caledger, run, seeded,
                                                                        tmp_path):
    run("keygen", "alice")
    line = the_one_error_line(caledger("checkpoint", "--db", seeded, "--sign", "alice.pub",
                                       "-o", "cp.json"))
    assert "--sign alice.pub: not an unencrypted Ed25519 private key" in line
    assert "that is a public key" in line and not Path("cp.json").exists()


# --- item 1: who recorded it, and by which way in ---------------------------------------------------


def _write(path: Path, *records: dict) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


PURCHASE = {"id": "acme-2026-01-purchase", "type": "btc_purchased", "company": "ACME",
            "effective": "2026-01", "btc": "12.5", "sources": [{"document": "pr.txt", "line": 3}]}
BALANCE = {"id": "acme-2025-balance", "type": "btc_balance_disclosed", "company": "ACME",
           "effective": "2025-12-31", "btc": "100", "sources": [{"document": "10k.txt", "line": 9}]}


def _session_role(db: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(db).username or "postgres"


def test_every_event_says_who_recorded_it_and_by_which_way_in(caledger, run, db, tmp_path):
    from .conftest import is_postgres

    as_ = [] if is_postgres(db) else ["--as", "alice"]
    who = _session_role(db) if is_postgres(db) else "alice"
    batch = _write(tmp_path / "batch.jsonl", BALANCE)
    run("import", "--db", db, batch, *as_)
    run("append", "btc_purchased", "--id", PURCHASE["id"], "--company", "ACME", "--effective",
        "2026-01", "--btc", "12.5", "--source", "pr.txt:3", "--db", db, *as_)
    run("correct", PURCHASE["id"], "--btc", "12.75", "--reason", "the 10-Q says 12.75",
        "--db", db, *as_)
    run("retract", BALANCE["id"], "--reason", "restated", "--db", db, *as_)

    rows = run("history", "ACME", "--db", db, "--json")
    assert [(r["id"].split("-retracted")[0].split("-corrected")[0], r["recorded_by"], r["via"])
            for r in rows] == [
        (BALANCE["id"], who, f"import {batch}"), (PURCHASE["id"], who, "append"),
        (PURCHASE["id"], who, "correct"), (BALANCE["id"], who, "retract")]
    assert all("recorded_by" not in r.get("current", {}) for r in rows)  # not content
    text = caledger("history", "ACME", "--db", db).stdout
    assert text.splitlines()[0].split()[-1] == "recorded_by" and text.count(f" {who}\n") >= 3

    shown = run("show", PURCHASE["id"], "--db", db, "--json")
    assert (shown["recorded_by"], shown["via"]) == (who, "append")
    assert [(a["recorded_by"], a["via"]) for a in shown["amendments"]] == [(who, "correct")]
    assert f"by {who} via append" in caledger("show", PURCHASE["id"], "--db", db).stdout

    changes = caledger("changes", "ACME", "--since", "@0", "--db", db, "--format", "csv").stdout
    import csv
    import io
    table = list(csv.DictReader(io.StringIO(changes)))
    assert [(r["recorded_by"], r["via"]) for r in table if r["row"] == "record"] == [
        (who, f"import {batch}"), (who, "append"), (who, "correct"), (who, "retract")]
    atom = caledger("changes", "ACME", "--since", "@0", "--db", db, "--format", "atom").stdout
    assert atom.count(f"<author>\n      <name>{who}</name>") == 4


def test_on_sqlite_recorded_by_is_the_name_given_else_the_environment_else_the_os_user(
        run, tmp_path, monkeypatch):
    import getpass

    db = str(tmp_path / "l.db")
    monkeypatch.delenv("CALEDGER_USER", raising=False)
    run("import", "--db", db, _write(tmp_path / "a.jsonl", BALANCE))
    monkeypatch.setenv("CALEDGER_USER", "carol")
    run("import", "--db", db, _write(tmp_path / "b.jsonl", PURCHASE))
    run("append", "btc_sold", "--company", "ACME", "--effective", "2026-02", "--btc", "1",
        "--source", "pr.txt:4", "--db", db, "--as", "dave")
    assert [r["recorded_by"] for r in run("history", "ACME", "--db", db, "--json")] == [
        getpass.getuser(), "carol", "dave"]


def test_on_postgresql_nobody_records_under_another_name(caledger, run, db, tmp_path):
    from .conftest import fingerprint, is_postgres

    if not is_postgres(db):
        pytest.skip("PostgreSQL's session role; SQLite's recorded_by is a claim")
    run("import", "--db", db, _write(tmp_path / "a.jsonl", BALANCE))
    before = fingerprint(db)
    line = the_one_error_line(caledger("import", "--db", db, "--as", "mallory",
                                       _write(tmp_path / "b.jsonl", PURCHASE)))
    assert line.startswith('error: --as mallory: on PostgreSQL the recorder is the database '
                           'role of the session ("postgres")')
    assert fingerprint(db) == before
    # Past the library, straight into the table: the server checks every inserted event.
    import psycopg

    from ledger.envelope import Provenance, encode, stream_hex
    forged = [encode("record", PURCHASE, "2026-12-01T00:00:00+00:00",
                     Provenance("mallory", "append")),
              encode("record", PURCHASE, "2026-12-01T00:00:00+00:00")]  # version 1: nobody
    for state in forged:
        with _connect(db) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO stored_events (originator_id, originator_version, topic, "
                         "state) VALUES (%s, 1, 'caledger:record@1', %s)",
                         (stream_hex(PURCHASE["id"]), state))
    assert fingerprint(db) == before
    assert run("verify", "--db", db, "--json")["ok"]


def _connect(db: str, role: str | None = None):
    import re
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(db)
    netloc = parts.netloc if role is None else f"{role}@{parts.netloc.rpartition('@')[2]}"
    conn = psycopg.connect(urlunsplit((parts.scheme, netloc, parts.path, "", "")),
                           autocommit=True)
    schema = re.search(r"schema=([A-Za-z0-9_]+)", parts.query)
    conn.execute(f'SET search_path TO "{schema[1] if schema else "public"}"')
    return conn


def test_who_recorded_it_is_inside_the_hashed_content(caledger, run, db, tmp_path):
    from .conftest import raw, tamper

    run("import", "--db", db, _write(tmp_path / "a.jsonl", BALANCE, PURCHASE))
    with raw(db) as conn:
        position, state = conn.execute(
            "SELECT rowid, state FROM stored_events ORDER BY rowid DESC LIMIT 1").fetchone()
    body = json.loads(bytes(state))
    assert body["v"] == 2 and body["via"].startswith("import ")
    body["recorded_by"] = "somebody-else"
    tamper(db, "UPDATE stored_events SET state = ? WHERE rowid = ?",
           json.dumps(body, sort_keys=True, separators=(",", ":")).encode(), position)
    result = caledger("verify", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: position @{position} (record "
                                    f"'{PURCHASE['id']}'): content does not match")


def test_a_ledger_written_before_recorded_by_still_reads_verifies_and_rebuilds(
        caledger, run, db, tmp_path):
    """Version 1 events (as every ledger made before this change holds) say "not recorded",
    verify, project (incrementally and set-based alike) and take new events after them."""
    from ledger.envelope import TOPICS, encode, stream_hex
    from ledger.store import Ledger

    from .conftest import is_postgres, raw

    Ledger.open(db, create=True).close()
    if is_postgres(db):  # made before the guard existed: its owner removes it, as it was
        with raw(db) as conn:
            conn.execute("DROP TRIGGER caledger_recorded_by ON stored_events")
    from eventsourcing.persistence import StoredEvent
    with Ledger.open(db, create=False) as ledger, ledger._writer() as writer:
        writer.insert([StoredEvent(stream_hex(r["id"]), 1, TOPICS["record"],
                                   encode("record", r, "2026-01-01T00:00:00+00:00"))
                       for r in (BALANCE, PURCHASE)])
    run("append", "btc_sold", "--company", "ACME", "--effective", "2026-02", "--btc", "1",
        "--source", "pr.txt:4", "--db", db)
    rows = run("history", "ACME", "--db", db, "--json")
    assert [(r["recorded_by"], r["via"]) for r in rows][:2] == [("not recorded",) * 2] * 2
    assert rows[2]["via"] == "append" and rows[2]["recorded_by"] != "not recorded"
    assert run("holdings", "ACME", "--as-of", "2026-02-28", "--db", db,
               "--json")["btc"]["total"] == "111.5"
    assert run("verify", "--db", db, "--read-model", "--json")["ok"]
    run("rebuild", "--db", db)
    assert run("verify", "--db", db, "--read-model", "--json")["ok"]
    assert "who recorded it: not recorded" in caledger("show", BALANCE["id"], "--db", db).stdout


# --- item 2: who may write, enforced by PostgreSQL ------------------------------------------------

SALE = "mara-2026q1-btc-sale"


@pytest.fixture
def roles(db):
    """Three new login roles (unique names) on the local server, dropped afterwards; the
    seeded ledger's owner makes them its reader, writer and owner."""
    import uuid

    from .conftest import is_postgres

    if not is_postgres(db):
        pytest.skip("roles are PostgreSQL's")
    tag = uuid.uuid4().hex[:8]
    names = {level: f"caledger_{level}_{tag}" for level in ("reader", "writer", "owner")}
    with _connect(db) as conn:
        for name in names.values():
            conn.execute(f'CREATE ROLE "{name}" LOGIN')
    yield names
    with _connect(db) as conn:
        for name in names.values():
            conn.execute(f'DROP OWNED BY "{name}" CASCADE')
            conn.execute(f'DROP ROLE "{name}"')


def _as(db: str, role: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(db)
    return urlunsplit(parts._replace(netloc=f"{role}@{parts.netloc.rpartition('@')[2]}"))


def _writes(tmp_path: Path) -> dict[str, tuple[str, ...]]:
    extra = _write(tmp_path / "extra.jsonl", {
        "id": "mara-2026-04-purchase", "type": "btc_purchased", "company": "MARA",
        "effective": "2026-04", "btc": "10", "sources": [{"document": "pr.txt", "line": 1}]})
    return {
        "append": ("append", "btc_purchased", "--company", "MARA", "--effective", "2026-05",
                   "--btc", "2", "--source", "pr.txt:2"),
        "import": ("import", extra),
        "correct": ("correct", SALE, "--note", "sold in March", "--reason", "the 10-Q"),
        "retract": ("retract", "mara-2024q4-purchase", "--reason", "counted twice"),
    }


READS = (("holdings", "MARA", "--as-of", "2026-03-31"), ("history", "MARA"), ("show", SALE),
         ("verify", "--read-model"), ("checkpoint",), ("changes", "--since", "@0"),
         ("explain", "MARA", "btc.total", "--as-of", "2026-03-31"))


def test_a_reader_reads_everything_and_writes_nothing(caledger, run, seeded, roles, tmp_path):
    from .conftest import fingerprint

    run("grant", roles["reader"], "--reader", "--db", seeded)
    as_reader = _as(seeded, roles["reader"])
    for args in READS:
        done = caledger(*args, "--db", as_reader)
        assert done.exit_code == 0 and done.stderr == "", (args, done.stderr)
    assert run("holdings", "MARA", "--as-of", "2026-03-31", "--db", as_reader,
               "--json")["btc"]["total"] == "31970"
    before = fingerprint(seeded)
    for name, args in _writes(tmp_path).items():
        result = caledger(*args, "--db", as_reader)
        assert the_one_error_line(result) == \
            f'error: role "{roles["reader"]}" may read this ledger but not write to it', name
        assert result.exit_code == 2
    result = caledger("rebuild", "--db", as_reader)
    assert the_one_error_line(result) == (
        f'error: role "{roles["reader"]}" may read this ledger but not rebuild it: only its '
        'owner ("postgres") may') and result.exit_code == 2
    assert fingerprint(seeded) == before


def test_a_writer_writes_as_itself_but_never_changes_the_log_nor_rebuilds(
        caledger, run, seeded, roles, tmp_path):
    import psycopg

    from .conftest import fingerprint

    run("grant", roles["writer"], "--writer", "--db", seeded)
    as_writer = _as(seeded, roles["writer"])
    for name, args in _writes(tmp_path).items():
        done = caledger(*args, "--db", as_writer)
        assert done.exit_code == 0, (name, done.stderr)
    for args in READS:
        done = caledger(*args, "--db", as_writer)
        assert done.exit_code == 0 and done.stderr == "", (args, done.stderr)
    rows = run("history", "MARA", "--db", seeded, "--json")
    assert [r["via"] for r in rows if r["recorded_by"] == roles["writer"]] == [
        "append", f"import {tmp_path / 'extra.jsonl'}", "correct", "retract"]
    assert run("holdings", "MARA", "--as-of", "2026-05-31", "--db", as_writer,
               "--json")["btc"]["total"] != "31970"

    result = caledger("rebuild", "--db", as_writer)
    assert the_one_error_line(result) == (
        f'error: role "{roles["writer"]}" may write to this ledger but not rebuild it: only '
        'its owner ("postgres") may') and result.exit_code == 2

    before = fingerprint(seeded)
    with _connect(seeded, roles["writer"]) as conn:  # psql as the writer: refused
        for statement in ("UPDATE stored_events SET state = state WHERE notification_id = 1",
                          "UPDATE ledger_chain SET hash = hash",
                          "DELETE FROM stored_events WHERE notification_id = 1",
                          "DELETE FROM ledger_chain", "TRUNCATE stored_events",
                          "TRUNCATE ledger_chain CASCADE"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
                conn.execute(statement)
            assert "append-only" in str(refused.value) or "permission denied" in \
                str(refused.value), statement
    assert fingerprint(seeded) == before
    assert run("verify", "--db", seeded, "--json")["ok"]


def test_only_the_owner_rebuilds_and_it_may_also_write(caledger, run, seeded, roles, tmp_path):
    run("grant", roles["owner"], "--owner", "--db", seeded)
    run("grant", roles["writer"], "--writer", "--db", _as(seeded, roles["owner"]))
    as_owner = _as(seeded, roles["owner"])
    assert "rebuilt the read model from" in run("rebuild", "--db", as_owner).stdout
    run(*_writes(tmp_path)["append"], "--db", as_owner)
    assert run("history", "MARA", "--db", seeded, "--json")[-1]["recorded_by"] == roles["owner"]
    result = caledger("rebuild", "--db", _as(seeded, roles["writer"]))
    assert f'only its owner ("{roles["owner"]}") may' in the_one_error_line(result)
    assert run("verify", "--db", seeded, "--read-model", "--json")["ok"]


def test_grant_prints_its_sql_for_a_dba_and_refuses_what_it_cant_do(caledger, run, seeded,
                                                                    roles):
    from .conftest import fingerprint

    before = fingerprint(seeded)
    sql = run("grant", roles["writer"], "--writer", "--sql", "--db", seeded).stdout
    assert 'GRANT INSERT, UPDATE ON' in sql and f'TO "{roles["writer"]}";' in sql
    assert fingerprint(seeded) == before  # printed, not run
    assert 'role "nobody_at_all_x" does not exist' in the_one_error_line(
        caledger("grant", "nobody_at_all_x", "--reader", "--db", seeded))
    assert "give one of --reader, --writer or --owner" in the_one_error_line(
        caledger("grant", roles["reader"], "--db", seeded))
    run("grant", roles["reader"], "--reader", "--db", seeded)
    line = the_one_error_line(caledger("grant", roles["reader"], "--writer", "--db",
                                       _as(seeded, roles["reader"])))
    assert f'role "{roles["reader"]}" may not grant roles on this ledger' in line


def test_grant_on_sqlite_says_roles_are_postgresqls(caledger, tmp_path):
    line = the_one_error_line(caledger("grant", "ana", "--reader", "--db",
                                       str(tmp_path / "l.db")))
    assert "roles are PostgreSQL's; on SQLite who may write is who may write the file" in line


# --- item 3: every write signed by its writer; a keyring catches a forgery ------------------------


def _recompute_chain(db: str) -> None:
    """What a forger with write access to the store does after changing an event: compute
    every chain link again, so the chain alone shows nothing."""
    from eventsourcing.persistence import StoredEvent

    from ledger.chain import chain_hash
    from projections.readmodel_names import GENESIS

    from .conftest import raw

    with raw(db) as conn:
        rows = conn.execute("SELECT rowid, originator_id, originator_version, topic, state "
                            "FROM stored_events ORDER BY rowid").fetchall()
        previous = GENESIS
        for position, stream, version, topic, state in rows:
            stream = stream.hex if hasattr(stream, "hex") and not isinstance(stream, str) \
                else stream
            previous = chain_hash(previous, position, StoredEvent(stream, version, topic,
                                                                  bytes(state)))
            conn.execute("UPDATE ledger_chain SET hash = ? WHERE position = ?",
                         (previous, position))


def test_a_keyring_names_every_event_unsigned_unknown_or_forged(caledger, run, db, tmp_path,
                                                                 monkeypatch):
    from .conftest import raw

    ids = {name: run("keygen", str(tmp_path / name), "--json")["key_id"]
           for name in ("alice", "bob")}
    ring = tmp_path / "ring"
    ring.mkdir()
    (ring / "alice.pub").write_bytes((tmp_path / "alice.pub").read_bytes())
    run("import", "--db", db, _write(tmp_path / "a.jsonl", BALANCE),
        "--sign", str(tmp_path / "alice"))
    monkeypatch.setenv("CALEDGER_SIGNING_KEY", str(tmp_path / "alice"))
    run("append", "btc_purchased", "--id", PURCHASE["id"], "--company", "ACME",
        "--effective", "2026-01", "--btc", "12.5", "--source", "pr.txt:3", "--db", db)
    run("correct", PURCHASE["id"], "--btc", "12.75", "--reason", "the 10-Q", "--db", db)
    monkeypatch.delenv("CALEDGER_SIGNING_KEY")
    report = run("verify", "--db", db, "--keyring", str(ring), "--json")
    assert report["ok"] and report["signatures"]["counts"] == {
        "signed": 4, "unsigned": 0, "unknown key": 0, "bad signature": 0}  # with the claim
    assert "every stored event is signed by a key of the keyring (4 events)" in \
        caledger("verify", "--db", db, "--keyring", str(ring)).stdout

    run("append", "btc_sold", "--id", "acme-sale", "--company", "ACME", "--effective",
        "2026-02", "--btc", "1", "--source", "pr.txt:4", "--db", db, "--sign",
        str(tmp_path / "bob"))
    run("append", "btc_sold", "--id", "acme-sale-2", "--company", "ACME", "--effective",
        "2026-03", "--btc", "1", "--source", "pr.txt:5", "--db", db)
    result = caledger("verify", "--db", db, "--keyring", str(ring))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: position @5 (record 'acme-sale'): signed by key {ids['bob']}, which is not "
        "in the keyring",
        "error: position @6 (record 'acme-sale-2'): not signed by any key (written without "
        "--sign or CALEDGER_SIGNING_KEY)"]
    assert _key_of(db, 5) == ids["bob"] and _key_of(db, 2) == ids["alice"]

    # A forger changes alice's purchase and recomputes the chain: verify alone says ok.
    with raw(db) as conn:
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid = 2").fetchone()
    forged = bytes(state).replace(b'"btc":"12.5"', b'"btc":"1250"')
    assert forged != bytes(state)
    with raw(db) as conn:
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = 2", (forged,))
    _recompute_chain(db)
    run("rebuild", "--db", db)
    assert run("verify", "--db", db, "--read-model", "--json")["ok"]  # the chain can't tell
    report = json.loads(caledger("verify", "--db", db, "--keyring", str(ring), "--json").stdout)
    assert report["ok"] is False
    assert report["signatures"]["problems"][0] == {
        "position": 2, "record_id": PURCHASE["id"], "status": "bad signature",
        "key": _key_of(db, 2)}
    assert "its signature (key " in caledger("verify", "--db", db, "--keyring",
                                             str(ring)).stderr.splitlines()[0]


def _key_of(db: str, position: int) -> str:
    from .conftest import raw

    with raw(db) as conn:
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid = ?",
                                (position,)).fetchone()
    return json.loads(bytes(state))["sig"]["key"]


@pytest.mark.parametrize("args, says", [
    (("--keyring", "nowhere"), "--keyring nowhere: not a folder"),
    (("--keyring", "."), "--keyring .: holds no public key (*.pub)"),
])
def test_a_keyring_that_is_not_one_is_one_line(caledger, seeded, args, says):
    assert says in the_one_error_line(caledger("verify", "--db", seeded, *args))


def test_a_write_signed_with_a_key_that_is_not_one_stores_nothing(caledger, run, seeded,
                                                                  tmp_path):
    from .conftest import fingerprint

    run("keygen", str(tmp_path / "alice"))
    before = fingerprint(seeded)
    line = the_one_error_line(caledger("import", "--db", seeded, "--sign",
                                       str(tmp_path / "alice.pub"),
                                       _write(tmp_path / "a.jsonl", BALANCE)))
    assert "that is a public key: sign with the private key beside it" in line
    assert fingerprint(seeded) == before


def test_history_by_lists_only_what_one_writer_recorded(run, tmp_path):
    db = str(tmp_path / "l.db")
    run("import", "--db", db, _write(tmp_path / "a.jsonl", BALANCE), "--as", "ana")
    run("import", "--db", db, _write(tmp_path / "b.jsonl", PURCHASE), "--as", "wes")
    run("correct", BALANCE["id"], "--btc", "101", "--reason", "restated", "--db", db,
        "--as", "wes")
    assert [(r["type"], r["via"]) for r in run("history", "ACME", "--by", "wes", "--db", db,
                                                "--json")] == [
        ("btc_purchased", f"import {tmp_path / 'b.jsonl'}"), ("correction", "correct")]
    assert [r["id"] for r in run("history", "ACME", "--by", "ana", "--db", db,
                                 "--json")] == [BALANCE["id"]]
    assert run("history", "ACME", "--by", "nobody", "--db", db, "--json") == []
    explained = run("explain", "ACME", "btc.total", "--as-of", "2026-01-31", "--db", db,
                    "--json")
    assert explained["value"] == "113.5"  # the balance as wes corrected it, and his purchase
    assert [(s["record"]["id"], s["record"]["recorded_by"]) for s in explained["steps"]] == [
        (BALANCE["id"], "wes"), (PURCHASE["id"], "wes")]


def test_changes_the_report_page_and_the_exports_say_who_recorded_what(run, tmp_path):
    db = str(tmp_path / "l.db")
    run("import", "--db", db, _write(tmp_path / "a.jsonl", BALANCE), "--as", "ana")
    run("import", "--db", db, _write(tmp_path / "b.jsonl", PURCHASE), "--as", "wes")
    run("import", "--db", db, _write(tmp_path / "c.jsonl", {
        **PURCHASE, "id": "other-purchase", "company": "OTHR"}), "--as", "ana")
    # changes --by: only that writer's records, and only the companies they touched
    by_wes = run("changes", "--since", "@0", "--by", "wes", "--db", db, "--json")
    assert [(r["id"], r["recorded_by"]) for r in by_wes["records"]] == [
        (PURCHASE["id"], "wes")]
    assert [c["company"] for c in by_wes["companies"]] == ["ACME"]
    by_ana = run("changes", "--since", "@0", "--by", "ana", "--db", db, "--json")
    assert [r["id"] for r in by_ana["records"]] == [BALANCE["id"], "other-purchase"]
    assert run("changes", "--since", "@0", "--by", "nobody", "--db", db,
               "--json")["records"] == []
    # the report page's records table
    summary = run("report", "ACME", "--out", str(tmp_path / "site"), "--as-of", "2026-01-31",
                  "--db", db, "--json")
    page = Path(summary["out"]).read_text(encoding="utf-8")
    assert "<th>recorded by</th>" in page
    assert f"<td>wes<br><small>import {tmp_path / 'b.jsonl'}</small></td>" in page
    # each exported transaction names who recorded its record
    run("export", "hledger", "ACME", "--out", str(tmp_path / "a.journal"), "--db", db)
    journal = (tmp_path / "a.journal").read_text(encoding="utf-8")
    assert "record:acme-2026-01-purchase, type:btc_purchased" in journal
    assert "recorded_by:wes" in journal and "recorded_by:ana" in journal


def test_a_writers_first_large_import_into_an_empty_ledger_is_projected_whole(
        caledger, run, db, roles, tmp_path):
    """The set-based first load drops and builds indexes, which only the owner may: a
    writer's import is projected batch by batch instead, to the same figures."""
    from ledger.store import Ledger

    Ledger.open(db, create=True).close()
    run("grant", roles["writer"], "--writer", "--db", db)
    from datetime import date, timedelta

    records = [{"id": f"acme-mined-{i}", "type": "btc_mined", "company": "ACME",
                "effective": (date(2010, 1, 1) + timedelta(days=i)).isoformat(), "btc": "0.5",
                "sources": [{"document": "mining.txt", "line": 1 + i}]} for i in range(5200)]
    as_writer = _as(db, roles["writer"])
    run("import", "--db", as_writer, _write(tmp_path / "many.jsonl", *records))
    assert run("companies", "--db", db, "--json")[0]["records"] == 5200
    report = run("verify", "--db", db, "--read-model", "--json")
    assert report["ok"] and report["events_checked"] == 5200
    assert {r["recorded_by"] for r in run("history", "ACME", "--db", db, "--json")} == {
        roles["writer"]}


def test_an_import_that_amends_a_retracted_record_is_refused_in_one_line(caledger, run, db,
                                                                          tmp_path):
    """An import holding a new record and a correction of a retracted one: refused whole,
    one line, whoever records it (the write's provenance is not confused with the
    retraction's id)."""
    from .conftest import fingerprint

    run("import", "--db", db, _write(tmp_path / "a.jsonl", BALANCE))
    run("retract", BALANCE["id"], "--reason", "restated", "--db", db, "--id", "gone")
    before = fingerprint(db)
    line = the_one_error_line(caledger("import", "--db", db, _write(
        tmp_path / "b.jsonl", PURCHASE,
        {"id": "fix", "type": "correction", "corrects": BALANCE["id"], "reason": "r",
         "event": {**{k: v for k, v in BALANCE.items() if k != "id"}, "btc": "99"}})))
    assert 'was retracted by "gone"' in line and fingerprint(db) == before


def test_a_writer_can_not_change_the_read_model_outside_projecting_the_log(
        caledger, run, seeded, roles, tmp_path):
    """REVIEW2 finding 1: a writer with psql could UPDATE/DELETE rm_versions and rm_log and
    forge every figure. Now it may only add what projecting new events adds; caledger's own
    writes as the writer still work, and the read model stays the log's projection."""
    import psycopg

    run("grant", roles["writer"], "--writer", "--db", seeded)
    before = run("holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded, "--json")
    assert before["btc"]["total"] == "31970"
    forgeries = (
        "UPDATE rm_versions SET a_total = 9999900000000 "
        "WHERE record_id = 'mara-2025-09-30-balance'",
        "UPDATE rm_versions SET d_total = 0",
        f"UPDATE rm_versions SET valid_to = 1 WHERE record_id = '{SALE}'",
        f"UPDATE rm_versions SET valid_to = (SELECT max(position) + 1 FROM rm_log) "
        f"WHERE record_id = '{SALE}'",
        f"DELETE FROM rm_versions WHERE record_id = '{SALE}'",
        f"DELETE FROM rm_log WHERE record_id = '{SALE}'",
        f"UPDATE rm_log SET company = 'XXX' WHERE record_id = '{SALE}'",
        "UPDATE rm_companies SET max_span = 0",
        "DELETE FROM rm_companies",
        "TRUNCATE rm_versions", "TRUNCATE rm_log CASCADE",
        "INSERT INTO rm_log SELECT position + 100000, record_id || 'x', kind, type, company, "
        "target, recorded_at, known_from, content FROM rm_log WHERE position = 1",
        "INSERT INTO rm_versions SELECT 1000000, record_id, first_position, valid_to, company, "
        "type, category, effective, eff_start, eff_end, d_total, d_loaned, d_pledged, "
        "a_total, a_loaned, a_pledged, change FROM rm_versions LIMIT 1",
        "UPDATE notification_tracking SET notification_id = notification_id + 5",
        "DELETE FROM notification_tracking",
        "DELETE FROM readmodel_migrations",
    )
    with _connect(seeded, roles["writer"]) as conn:  # psql as the writer
        for statement in forgeries:
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
                conn.execute(statement)
            assert "read model" in str(refused.value) or "permission denied" in \
                str(refused.value), statement
    assert run("verify", "--db", seeded, "--read-model", "--json")["ok"]
    assert run("holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded,
               "--json")["btc"] == before["btc"]

    as_writer = _as(seeded, roles["writer"])  # caledger's own writes as the writer still work
    for name, args in _writes(tmp_path).items():
        done = caledger(*args, "--db", as_writer)
        assert done.exit_code == 0, (name, done.stderr)
    assert run("holdings", "MARA", "--as-of", "2026-05-31", "--db", as_writer,
               "--json")["btc"]["total"] != "31970"
    assert run("verify", "--db", seeded, "--read-model", "--json")["ok"]
