"""What a ledger can prove about itself, and what it needs from outside.

- ``record_from_log``: a record and its amendments read from the event log itself, each
  stored event checked against its hash chain link, for building amendments (never from the
  read model, which is a disposable copy anyone with the file could edit).
- ``compare_read_model``: the read model against a fresh projection of the log, naming the
  first record where they differ.
- ``Head`` and checkpoints: a position and the chain's hash there, kept outside the ledger,
  against which ``verify`` detects a log cut short or rewritten as a whole (which a chain
  recomputed by the forger can't show on its own).
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .chain import _chain_broken, check_builds_on
from .envelope import decode, stream_id
from .errors import BadQuery, LogAltered, Problem

# --- records, from the log ------------------------------------------------------------------------


def _checked(events: Any, position: int, record_id: str) -> None:
    """Refuse a stored event whose content doesn't hash to its chain link, or whose link
    doesn't follow the link of the event stored before it."""
    try:
        check_builds_on(*events.around(position))
    except Exception as e:  # ``ChainBroken``: the event library's, loaded only when raised
        if not isinstance(e, _chain_broken()):
            raise
        raise LogAltered(Problem(
            None, record_id, None, f"its stored event @{position} does not match the hash "
            "chain, so the log was altered; nothing was stored. Run caledger verify, and "
            "restore the ledger from a backup")) from None


def record_from_log(ledger: Any, record_id: str) -> dict[str, Any] | None:
    """A record as the verified log holds it now, in the shape of
    ``queries.record_with_amendments``: for an original record ``current`` (None once
    retracted), ``original``, ``amendments`` (each with its ``position``) and
    ``record_position``; for an amendment ``amendment``, ``kind`` and ``amends``."""
    events = ledger.events
    stream = events.stream(stream_id(record_id))
    if not stream:
        return None
    for position, _ in stream:
        _checked(events, position, record_id)
    first_position, first = stream[0][0], decode(stream[0][1].state)
    if first.kind == "claim":  # the id of an amendment: find it in its target's stream
        target = first.record.get("amends")
        for position, event in events.stream(stream_id(target)):
            env = decode(event.state)
            if env.kind != "record" and env.record.get("id") == record_id:
                _checked(events, position, record_id)
                return {"amendment": env.record, "kind": env.kind, "amends": target,
                        "record_position": position, "recorded_at": env.recorded_at}
        raise LogAltered(Problem(None, record_id, None, "its id is claimed by an amendment "
                                 f'of "{target}" that is not in the log; the log was '
                                 "altered. Run caledger verify"))
    original = first.record
    current: dict[str, Any] | None = original
    status, amendments = "current", []
    for position, event in stream[1:]:
        env = decode(event.state)
        amendments.append({**env.record, "position": position, "recorded_at": env.recorded_at})
        if env.kind == "retraction":
            status, current = "retracted", None
        elif current is not None:
            status, current = "corrected", env.record["event"]
    return {"id": record_id, "status": status, "record_position": first_position,
            "recorded_at": first.recorded_at, "original": original, "current": current,
            "amendments": amendments}


# --- the read model against the log ------------------------------------------------------------


def compare_read_model(ledger: Any) -> dict[str, Any] | None:
    """The first difference between the read model and a fresh projection of the log into a
    private temporary SQLite file, or None when they hold exactly the same rows."""
    from eventsourcing.persistence import InfrastructureFactory

    from projections import schema
    from projections.readmodel import SQLiteReadModel

    ledger.catch_up()
    with tempfile.TemporaryDirectory(prefix="caledger-verify-") as tmp:
        factory = InfrastructureFactory.construct({
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(Path(tmp) / "fresh.db"), "CREATE_TABLE": "yes"})
        try:
            fresh = factory.tracking_recorder(SQLiteReadModel)
            # The incremental projection, batch by batch: a second, independent path to the
            # rows that the live read model (often built set-based) must hold.
            try:
                fresh.catch_up(ledger.events, bulk=False)
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
                text = str(e).strip().splitlines()
                raise LogAltered(f"can't be compared: a stored event can't be read "
                                 f"({text[0] if text else type(e).__name__}); the log was "
                                 "altered after it was written (see the chain check)") from None
            conn = sqlite3.connect(str(Path(tmp) / "fresh.db"))
            try:
                with ledger.readmodel.reading() as live:
                    for table in schema.TABLE_DEFS:
                        found = _first_difference(table, live, conn)
                        if found is not None:
                            return found
            finally:
                conn.close()
        finally:
            factory.close()
    return None


def _first_difference(table: Any, live: Any, fresh: sqlite3.Connection) -> dict[str, Any] | None:
    names = [name for name, _ in table.columns]
    columns = ", ".join(f'"{n}"' for n in names)
    statement = f'SELECT {columns} FROM "{table.name}" ORDER BY "{table.pk}"'
    key = names.index(table.pk)
    ours, theirs = live.execute(statement).cursor, fresh.execute(statement)
    if table.columns[key][1] is str:  # text keys (few rows): merged in Python's order
        ours = iter(sorted((tuple(r) for r in ours.fetchall()), key=lambda r: r[key]))
        theirs = iter(sorted((tuple(r) for r in theirs.fetchall()), key=lambda r: r[key]))
    a, b = next(ours, None), next(theirs, None)  # both in key order: merge them
    while a is not None or b is not None:
        if a is not None and b is not None and a[key] == b[key]:
            if tuple(a) != tuple(b):
                differs = [n for n, x, y in zip(names, a, b, strict=True) if x != y]
                return _difference(table, names, a, "differs from the log in "
                                   + ", ".join(differs))
            a, b = next(ours, None), next(theirs, None)
        elif b is None or (a is not None and a[key] < b[key]):
            return _difference(table, names, a, "in the read model but not in the log")
        else:
            return _difference(table, names, b, "missing from the read model")
    return None


def _difference(table: Any, names: list[str], row: Any, problem: str) -> dict[str, Any]:
    record = row[names.index("record_id")] if "record_id" in names else None
    return {"table": table.name, table.pk: row[names.index(table.pk)], "record_id": record,
            "problem": problem}


# --- heads and checkpoints ----------------------------------------------------------------------

_HEAD = re.compile(r"([0-9a-f]{64})@([0-9]+)")
CHECKPOINT_FORMAT = "caledger-checkpoint-1"


@dataclass(frozen=True)
class Head:
    """A position of the log and the chain's hash there, as recorded earlier."""

    position: int
    hash: str

    def __str__(self) -> str:
        return f"{self.hash}@{self.position}"


def parse_head(text: str) -> Head:
    m = _HEAD.fullmatch(text.strip().lower())
    if not m:
        raise BadQuery(f'--expect-head "{text}": write it as HASH@POSITION, the head_hash and '
                       "position of an earlier --json report, e.g. "
                       f'"{"3f" * 32}@42"')
    return Head(int(m[2]), m[1])


def checkpoint_json(position: int, head_hash: str, events: int) -> dict[str, Any]:
    return {"format": CHECKPOINT_FORMAT, "position": position, "head_hash": head_hash,
            "head": f"{head_hash}@{position}", "events": events,
            "written_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


#: A checkpoint is a few hundred bytes; a file larger than this is not one (and is not read).
MAX_CHECKPOINT_BYTES = 64 * 1024
#: JSON nested deeper than this is not a checkpoint (one object of strings and numbers).
MAX_CHECKPOINT_DEPTH = 8


def _read_bounded(path: str) -> bytes:
    """At most ``MAX_CHECKPOINT_BYTES`` of a regular file; never opens a device or a FIFO
    (which could be endless, or block forever)."""
    import os
    import stat

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise BadQuery(f"--checkpoint {path}: no such file") from None
    except OSError as e:
        raise BadQuery(f"--checkpoint {path}: can't read it: {e.strerror or e}") from None
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a device, " \
            "FIFO or socket)"
        raise BadQuery(f"--checkpoint {path}: is {what}; name the checkpoint file written "
                       "by caledger checkpoint")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped since the stat
                raise BadQuery(f"--checkpoint {path}: is not a regular file")
            data = f.read(MAX_CHECKPOINT_BYTES + 1)
    except OSError as e:
        raise BadQuery(f"--checkpoint {path}: can't read it: {e.strerror or e}") from None
    if len(data) > MAX_CHECKPOINT_BYTES:
        raise BadQuery(f"--checkpoint {path}: over {MAX_CHECKPOINT_BYTES // 1024} KB, so not "
                       "a checkpoint written by caledger checkpoint (a few hundred bytes)")
    return data


def _depth(text: str) -> int:
    """How deeply the JSON ``text`` nests (brackets outside strings), without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for c in text:
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
    return deepest


def read_checkpoint(path: str) -> Head:
    return load_checkpoint(path)[0]


def load_checkpoint(path: str) -> tuple[Head, dict[str, Any]]:
    """A checkpoint file's head and all its fields (its ``signature`` among them)."""
    not_one = f"--checkpoint {path}: not a checkpoint written by caledger checkpoint"
    try:
        text = _read_bounded(path).decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadQuery(f"{not_one} (not UTF-8 text: {e.reason} at byte {e.start})") from None
    if _depth(text) > MAX_CHECKPOINT_DEPTH:
        raise BadQuery(f"{not_one} (its JSON nests more than {MAX_CHECKPOINT_DEPTH} levels "
                       "deep)")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        raise BadQuery(f"{not_one} ({e})") from None
    if not isinstance(data, dict) or data.get("format") != CHECKPOINT_FORMAT \
            or not isinstance(data.get("position"), int) \
            or not isinstance(data.get("head_hash"), str) \
            or not _HEAD.fullmatch(f"{data['head_hash']}@{data['position']}"):
        raise BadQuery(f'{not_one} (expected "format": "{CHECKPOINT_FORMAT}", "position" and '
                       '"head_hash")')
    head = Head(data["position"], data["head_hash"])
    if "head" in data and data["head"] != str(head):
        raise BadQuery(f'--checkpoint {path}: its "head" ({str(data["head"])[:80]}) disagrees '
                       f'with its "position" and "head_hash" ({head}); the checkpoint was '
                       "edited, so it vouches for nothing: use one you kept unchanged")
    return head, data


def check_head(events: Any, last: int, expected: Head) -> str | None:
    """Why the verified log does not extend ``expected``, or None if it does. Called after
    the chain was recomputed and found whole up to ``last``."""
    if expected.position > last:
        return (f"the log ends at @{last}, before the expected head @{expected.position}: "
                "records were removed from its end (the log was cut short); restore the "
                "ledger from a backup")
    link = events.chain_links(expected.position, expected.position).get(expected.position)
    if link is None:
        return (f"no stored event at @{expected.position}, where the expected head is: "
                "records were removed or the log was rewritten; restore it from a backup")
    if link != expected.hash:
        return (f"the chain's hash at @{expected.position} is {link}, not the expected "
                f"{expected.hash}: the history up to @{expected.position} was rewritten; "
                "restore the ledger from a backup")
    return None
