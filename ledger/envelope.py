"""How a record is written into the event store, and read back.

Each stored event's state is one JSON object: the schema version ``v`` (for upcasting), the
``kind`` of record, the writer's clock ``recorded_at`` and the record itself in canonical
form. Since version 2 it also says who recorded it (``recorded_by``: on PostgreSQL the
session's database role, checked by the server as the event is inserted; on SQLite the name
the writer gave, else the operating-system user) and by which way in (``via``: ``append``,
``import FILE``, ``import-xbrl FILE``, ``review FILE``, ...), and may carry its writer's
signature (``sig``, see ``ledger/signing.py``). All of it is in the stored bytes, so the
hash chain covers it. Stored bytes never change; readers upcast old versions as they read:
a version 1 event was recorded before the ledger kept who recorded it (``recorded_by`` and
``via`` are None, shown as "not recorded").
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

# The schema version, what a reader shows for who recorded an event stored before version 2,
# and reading who recorded an event live in ``provenance``: a query that lists who recorded
# its records then loads neither this module's dataclasses nor uuid.
from .provenance import NOT_RECORDED, SCHEMA_VERSION, provenance_of  # noqa: F401

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


def _sha1(data: bytes) -> Any:
    """hashlib's SHA-1, loaded on first use: a reader decodes envelopes and never hashes,
    and loading OpenSSL's bindings is a measurable part of a query's start-up."""
    global _sha1
    from hashlib import sha1

    _sha1 = sha1  # every later call goes straight to it
    return sha1(data)


def stream_hex(record_id: str) -> str:
    """``stream_id(record_id).hex``, without building a ``UUID`` (a bulk import makes one
    per record): the same SHA-1 name-based id, with the version and variant bits set."""
    digest = bytearray(_sha1(_NAMESPACE_BYTES + record_id.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    return digest.hex()


@dataclass(frozen=True)
class Envelope:
    kind: str
    recorded_at: str
    record: dict[str, Any]
    #: Who recorded it and by which way in (None: stored before the ledger kept them).
    recorded_by: str | None = None
    via: str | None = None
    #: The writer's signature (``{"key", "value"}``), when the write was signed.
    sig: dict[str, str] | None = None

    @property
    def record_id(self) -> str:
        return self.record["id"]


@dataclass(frozen=True)
class Provenance:
    """Who records an event and by which way in; ``signer`` (a ``signing.SigningKey``), when
    given, signs each event's stored bytes."""

    recorded_by: str
    via: str
    signer: Any = None


def encode(kind: str, record: dict[str, Any], recorded_at: str,
           who: Provenance | None = None) -> bytes:
    return encode_canonical(kind, orjson.dumps(record, option=orjson.OPT_SORT_KEYS).decode(),
                            recorded_at, who)


def encode_canonical(kind: str, canonical: str, recorded_at: str,
                     who: Provenance | None = None) -> bytes:
    """The stored bytes of a record already in canonical JSON text (sorted keys, as orjson
    writes it): the same bytes as ``orjson.dumps`` of the whole body with sorted keys,
    without building the record again. Without ``who``, a version 1 event (as stored before
    the ledger kept who recorded it: for tests of old ledgers)."""
    if who is None:
        return (f'{{"kind":"{kind}","record":{canonical},"recorded_at":"{recorded_at}",'
                f'"v":1}}').encode()
    by, via = orjson.dumps(who.recorded_by).decode(), orjson.dumps(who.via).decode()
    head = f'{{"kind":"{kind}","record":{canonical},"recorded_at":"{recorded_at}",' \
           f'"recorded_by":{by},'
    tail = f'"v":{SCHEMA_VERSION},"via":{via}}}'
    if who.signer is None:
        return (head + tail).encode()
    from .signing import event_signature

    sig = event_signature(who.signer, (head + tail).encode())
    return (head + f'"sig":{orjson.dumps(sig, option=orjson.OPT_SORT_KEYS).decode()},'
            + tail).encode()


def encoder(recorded_at: str, who: Provenance | None = None) -> Callable[[str, str], bytes]:
    """``encode_canonical`` with the recording time and who fixed: the same bytes for every
    event of one store call, with the parts they share written once."""
    if who is None or who.signer is not None:
        return lambda kind, canonical: encode_canonical(kind, canonical, recorded_at, who)
    by, via = orjson.dumps(who.recorded_by).decode(), orjson.dumps(who.via).decode()
    tail = (f',"recorded_at":"{recorded_at}","recorded_by":{by},"v":{SCHEMA_VERSION},'
            f'"via":{via}}}')

    def encode(kind: str, canonical: str) -> bytes:
        return f'{{"kind":"{kind}","record":{canonical}{tail}'.encode()

    return encode


def decode(state: bytes) -> Envelope:
    body = orjson.loads(state)
    version = body.get("v")
    if version == 1:  # stored before the ledger kept who recorded it
        return Envelope(kind=body["kind"], recorded_at=body["recorded_at"],
                        record=body["record"])
    if version != SCHEMA_VERSION:
        raise ValueError(f"stored record has schema version {version!r}, expected 1 or "
                         f"{SCHEMA_VERSION}")
    return Envelope(kind=body["kind"], recorded_at=body["recorded_at"], record=body["record"],
                    recorded_by=body["recorded_by"], via=body["via"], sig=body.get("sig"))
