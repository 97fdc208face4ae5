"""How a record is written into the event store, and read back.

Each stored event's state is one JSON object: the schema version ``v`` (for upcasting), the
``kind`` of record, the writer's clock ``recorded_at`` and the record itself in canonical
form. Stored bytes never change; readers upcast old versions as they read.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import orjson

SCHEMA_VERSION = 1
#: Stable labels for the stored events; they are data, not Python import paths, so moving a
#: class can never make old events unreadable.
TOPICS = {
    "record": "caledger:record@1",
    "correction": "caledger:correction@1",
    "retraction": "caledger:retraction@1",
    # Reserves an amendment's id store-wide; carries no information of its own.
    "claim": "caledger:claim@1",
}
#: Namespace of the deterministic stream ids: one stream per record id.
NAMESPACE = uuid.UUID("6f1c3b8e-6d0a-5c9b-9a53-2f1f0d3c7a11")


_NAMESPACE_BYTES = NAMESPACE.bytes


def stream_id(record_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, record_id)


def stream_hex(record_id: str) -> str:
    """``stream_id(record_id).hex``, without building a ``UUID`` (a bulk import makes one
    per record): the same SHA-1 name-based id, with the version and variant bits set."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + record_id.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return digest.hex()


@dataclass(frozen=True)
class Envelope:
    kind: str
    recorded_at: str
    record: dict[str, Any]

    @property
    def record_id(self) -> str:
        return self.record["id"]


def encode(kind: str, record: dict[str, Any], recorded_at: str) -> bytes:
    body = {"v": SCHEMA_VERSION, "kind": kind, "recorded_at": recorded_at, "record": record}
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS)


def encode_canonical(kind: str, canonical: str, recorded_at: str) -> bytes:
    """``encode`` for a record already in canonical JSON text (sorted keys, as orjson writes
    it): the same bytes, without building the record again."""
    return (f'{{"kind":"{kind}","record":{canonical},"recorded_at":"{recorded_at}",'
            f'"v":{SCHEMA_VERSION}}}').encode()


def decode(state: bytes) -> Envelope:
    body = orjson.loads(state)
    version = body.get("v")
    if version != SCHEMA_VERSION:  # the place to upcast v1 -> v2 when there is a v2
        raise ValueError(f"stored record has schema version {version!r}, expected {SCHEMA_VERSION}")
    return Envelope(kind=body["kind"], recorded_at=body["recorded_at"], record=body["record"])
