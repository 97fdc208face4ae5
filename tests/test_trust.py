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
