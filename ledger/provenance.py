"""Who is writing, for the events a write stores (``recorded_by``, ``via``, a signature).

On PostgreSQL ``recorded_by`` is the session's database role (``current_user``), which the
store reads in the write transaction and the server checks on every inserted event (see
``ledger/adapters/pg_roles.py``): a writer can't claim another name. On SQLite, a file
anyone who can write it can change, it is a claim: the name given (``--as NAME`` or
``CALEDGER_USER``), else the operating-system user running the command.

A write may be signed by its writer's Ed25519 key (``--sign KEY`` or
``CALEDGER_SIGNING_KEY``): each stored event then carries the key's id and its signature.
The CLI sets both for one command with ``acting``; a program may too, or rely on the
environment variables.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from projections.stored_json import whole

from .errors import BadQuery

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

#: The stored events' schema version (``envelope`` encodes and decodes it).
SCHEMA_VERSION = 2
#: What a reader shows for who recorded an event stored before version 2.
NOT_RECORDED = "not recorded"


class Acting:
    """Who the writes within ``acting`` are recorded by and signed with: a plain class, not a
    dataclass (loading dataclasses is a measurable part of a query's start-up)."""

    __slots__ = ("as_user", "sign")

    def __init__(self, as_user: str | None = None, sign: str | None = None) -> None:
        self.as_user = as_user
        self.sign = sign


_acting: ContextVar[Acting] = ContextVar("caledger_acting", default=Acting())


@contextmanager
def acting(as_user: str | None = None, sign: str | None = None) -> Iterator[None]:
    """Writes within record ``as_user`` (SQLite; on PostgreSQL it must be the session's role)
    and are signed with the private key file ``sign``."""
    if as_user is not None and (not as_user.strip() or not as_user.isprintable()
                                or len(as_user) > 200):
        raise BadQuery(f"--as {as_user!r}: give a name of up to 200 printable characters")
    token = _acting.set(Acting(as_user, sign))
    try:
        yield
    finally:
        _acting.reset(token)


def recorded_by(session_role: str | None) -> str:
    """Who the events of a write are recorded by: the store's session role where the store
    has one (PostgreSQL), else the name given, else the operating-system user."""
    given = _acting.get().as_user
    if session_role is not None:
        if given is not None and given != session_role:
            raise BadQuery(f'--as {given}: on PostgreSQL the recorder is the database role of '
                           f'the session ("{session_role}"), never a name given; connect as '
                           f"{given} instead (postgresql://{given}@HOST/DATABASE)")
        return session_role
    if given is not None:
        return given
    env = os.environ.get("CALEDGER_USER", "").strip()
    if env:
        return env
    import getpass  # here: only a write names its writer

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): its number
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def signer() -> Any:
    """The writer's signing key (``signing.SigningKey``), or None when writes are unsigned."""
    path = _acting.get().sign
    option = "--sign"
    if path is None:
        path, option = os.environ.get("CALEDGER_SIGNING_KEY") or None, "CALEDGER_SIGNING_KEY"
    if path is None:
        return None
    from .signing import load_signing_key

    return load_signing_key(path, option)


def provenance_of(state: bytes) -> tuple[str | None, str | None, dict[str, str] | None]:
    """``decode(state)``'s ``recorded_by``, ``via`` and ``sig``, without building the
    envelope (``history`` reads them for every record it lists): the same checks, the same
    errors, None for all three in a version 1 event. Parsed by the standard library's
    ``json`` (its scanner called directly: ``whole``), as ``orjson`` parses an event's
    UTF-8 bytes: loading orjson, which loads dataclasses, uuid and typing, costs a query
    more than it saves on a thousand events."""
    return _provenance(whole(state))


def _provenance(body: dict[str, Any]) -> tuple[str | None, str | None, dict[str, str] | None]:
    version = body.get("v")
    body["kind"], body["recorded_at"], body["record"]  # noqa: B018 - as decode requires them
    if version == 1:
        return None, None, None
    if version != SCHEMA_VERSION:
        raise ValueError(f"stored record has schema version {version!r}, expected 1 or "
                         f"{SCHEMA_VERSION}")
    return body["recorded_by"], body["via"], body.get("sig")


#: How ``ledger.envelope`` begins an event, and what comes between its kind and its record.
_HEAD, _RECORD = b'{"kind":', b',"record":'
#: ``_framed``'s answer for an envelope whose keys fail ``provenance_of``'s checks.
_REFUSED: Any = object()


def _framed(state: bytes, content: str, seen: dict[tuple[bytes, bytes], Any]) -> Any:
    """``provenance_of(state)`` when ``state`` is an envelope laid out as ``ledger.envelope``
    writes it around the record whose read-model content is ``content`` (the record's text
    as stored, ``projections/rows.py``): then only what is around the record is parsed,
    once for every event of one write (``seen``), the record itself being that content,
    already read. A JSON text parses one way only, so what the keys around it say is what
    parsing the whole would say. ``_REFUSED`` where the checks fail; None when the state is
    laid out otherwise (the caller then parses it whole)."""
    try:
        record = content.encode()
    except UnicodeEncodeError:
        return None
    at = state.find(_RECORD + record, len(_HEAD))
    if at < 0 or not state.startswith(_HEAD):
        return None
    kind, tail = state[len(_HEAD):at], state[at + len(_RECORD) + len(record):]
    answer = seen.get((kind, tail))
    if answer is None:
        answer = seen[kind, tail] = _around(kind, tail)
    return answer


def _around(kind: bytes, tail: bytes) -> Any:
    """``_framed``'s answer for an envelope's kind and what follows its record: None unless
    both parse (the kind a JSON value, the rest an object's remaining members)."""
    if tail[:1] == b",":
        rest_text = b"{" + tail[1:]
    elif tail.strip(b" \t\n\r") == b"}":
        rest_text = b"{}"
    else:
        return None
    try:
        kind_value, rest = whole(kind), whole(rest_text)
    except (ValueError, TypeError):
        return None
    if not rest and rest_text != b"{}":  # a comma before the closing brace: not JSON
        return None
    body = {"kind": kind_value, "record": None, **rest}
    try:
        return _provenance(body)
    except (ValueError, KeyError, TypeError):
        return _REFUSED


def who_recorded(cur: Any, positions: list[int], contents: dict[int, str] | None = None
                 ) -> dict[int, dict[str, Any]]:
    """For each of ``positions``, who recorded the event stored there, read from the event
    log itself (not the read model): ``recorded_by``, ``via`` ("not recorded" for events
    stored before the ledger kept them) and ``signed_by`` (the key id of the writer's
    signature, None when unsigned; checked by ``verify --keyring``, not here).
    ``cur`` is a read-model cursor (``projections.sql.Sql``) on the ledger's database.
    ``contents``: the read model's content of the records at some of these positions,
    when the caller has read them (the events are then checked around them, ``_framed``)."""
    column = cur.side.position  # the stored events' position column
    found: dict[int, dict[str, Any]] = {}
    unique = sorted(set(positions))
    contents = contents or {}
    seen: dict[tuple[bytes, bytes], Any] = {}
    for i in range(0, len(unique), 500):
        some = unique[i:i + 500]
        rows = cur.execute(f"SELECT {column}, state FROM stored_events WHERE {column} IN "
                           f"({', '.join('?' * len(some))})", some).fetchall()
        for position, state in rows:
            if not isinstance(state, (bytes, bytearray, memoryview)):
                # the column rewritten as text, a number or NULL: verify names it as altered
                found[position] = {"recorded_by": None, "via": None, "signed_by": None}
                continue
            state = bytes(state)
            content = contents.get(position)
            answer = None if content is None else _framed(state, content, seen)
            try:
                if answer is _REFUSED:
                    raise ValueError("refused")
                by, via, sig = provenance_of(state) if answer is None else answer
            except (ValueError, KeyError, TypeError):  # verify names it; show what is known
                found[position] = {"recorded_by": None, "via": None, "signed_by": None}
                continue
            found[position] = {"recorded_by": by or NOT_RECORDED, "via": via or NOT_RECORDED,
                               "signed_by": (sig or {}).get("key")}
    return found


def add_who(cur: Any, rows: list[dict[str, Any]], key: str = "position",
            contents: dict[int, str] | None = None) -> None:
    """Each row (with its store position at ``key``) given ``recorded_by`` and ``via``
    (``contents``: as ``who_recorded`` takes them)."""
    who = who_recorded(cur, [r[key] for r in rows if r.get(key) is not None], contents)
    for r in rows:
        found = who.get(r.get(key), {})
        r["recorded_by"] = found.get("recorded_by")
        r["via"] = found.get("via")
