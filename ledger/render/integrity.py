"""How verification and checkpoints look (``caledger verify``, ``caledger checkpoint``)."""

from __future__ import annotations

from typing import Any

from . import Printer, Rows, count


def _text(data: dict[str, Any]) -> str:
    where = f", written to {data['written_to']}" if data.get("written_to") else ""
    signed = f", signed with key {data['signature']['key_id']}" if data.get("signature") else ""
    return (f"checkpoint: head {data['head']} ({count(data['events'], 'stored event')}, "
            f"verified{signed})"
            f"{where}\nkeep it outside the ledger; check later with caledger verify "
            f"--expect-head {data['head']}")


def _csv(data: dict[str, Any]) -> Rows:
    header = ("position", "head_hash", "events", "written_at")
    return header, [tuple(data[k] for k in header)]


CHECKPOINT = Printer(text=_text, csv=_csv)


def _verify_text(data: dict[str, Any]) -> str:
    """What was found sound; what was found wrong goes to stderr as error lines."""
    if not data["ok"]:
        return ""
    lines = [f"ok: {count(data['events_checked'], 'stored event')}, head @{data['position']} "
             f"{data['head_hash']}"]
    if "checkpoint_signature" in data:
        lines.append(f"ok: the checkpoint is signed by the trusted key "
                     f"{data['checkpoint_signature']['trusted_key']}")
    if "expected_head" in data:
        lines.append(f"ok: the log extends the expected head {data['expected_head']['head']}")
    if "read_model" in data:
        lines.append("ok: the read model matches a fresh projection of the log")
    else:
        lines.append("not checked: the read model every query reads (caledger verify "
                     "--read-model compares it with the log)")
    if "signatures" in data:
        lines.append(f"ok: every stored event is signed by a key of the keyring "
                     f"({count(data['signatures']['counts']['signed'], 'event')})")
    return "\n".join(lines)


def _verify_csv(data: dict[str, Any]) -> Rows:
    header = ("ok", "events_checked", "position", "head_hash", "first_broken_position",
              "expected_head", "expected_head_ok", "read_model_ok")
    broken = data["first_broken"] or {}
    expected = data.get("expected_head") or {}
    read_model = data.get("read_model") or {}
    return header, [(data["ok"], data["events_checked"], data["position"], data["head_hash"],
                     broken.get("position"), expected.get("head"), expected.get("ok"),
                     read_model.get("ok"))]


VERIFY = Printer(text=_verify_text, csv=_verify_csv)


def _keygen_text(data: dict[str, Any]) -> str:
    return (f"wrote {data['private_key']} (private: keep it secret) and {data['public_key']} "
            f"(public), key {data['key_id']}")


KEYGEN = Printer(text=_keygen_text)


def _grant_text(data: dict[str, Any]) -> str:
    if not data["applied"]:
        return "\n".join(f"{statement.strip()};" for statement in data["statements"])
    return (f'role "{data["role"]}" is now a {data["level"]} of the ledger in schema '
            f'{data["schema"]} ({count(len(data["statements"]), "statement")} run)')


GRANT = Printer(text=_grant_text)
