"""Writing a command's output file safely: the one helper behind every output option.

``write_output`` is what ``checkpoint --output``, ``draft --out``, ``export … --out``,
``chart --out`` and ``report --out`` write through (``import-xbrl --fetch`` checks its FILE
with ``check_target`` before downloading). It never writes over

- the ledger the command reads (the same path, the same file by inode, or another of the
  files its store's adapter names: SQLite's ``-wal``, ``-shm`` or ``-journal``), nor any
  store's database file or a file kept beside one (a SQLite database: a ledger, most
  likely), as each adapter recognizes them: not even with ``force``;
- an existing file that is not of the output's own kind (a checkpoint over a journal, a
  journal over a source document), unless ``force``;
- a directory.

A regular file is written whole or not at all (a temporary file beside it, then renamed
over it), keeping the existing file's permissions (a new file gets the usual 0666 less the
umask). A symlink is written through: its target is replaced, the link stays. A device, a
FIFO or a socket (``/dev/stdout``, ``/dev/null``, a pipe) is opened and written in place,
as any Unix tool does. A failed write (``ENOSPC`` on ``/dev/full``, a full disk) is one
error line. Import-light: nothing here loads a store's driver.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import RejectedInput
from .location import Location

#: How much of an existing file is read to tell what it is.
_SNIFF = 64 * 1024


@dataclass(frozen=True)
class Kind:
    """What an output is (``name``, for messages) and how to recognize an existing file of
    the same kind from its first bytes (``looks_like``), which may be written over."""

    name: str
    looks_like: Callable[[bytes], bool]


def _json_with_format(head: bytes, fmt: str) -> bool:
    try:
        data = json.loads(head.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("format") == fmt


def _json_lines(head: bytes) -> bool:
    text = head.decode("utf-8", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


CHECKPOINT = Kind("a caledger checkpoint",
                  lambda head: _json_with_format(head, "caledger-checkpoint-1"))
JOURNAL = Kind("a caledger export",
               lambda head: head.startswith(b"; caledger export for "))
DRAFTS = Kind("a JSON Lines file of records", _json_lines)
SVG = Kind("an SVG image", lambda head: head.lstrip().startswith((b"<?xml", b"<svg"))
           and b"<svg" in head)
PNG = Kind("a PNG image", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"))
COMPANY_FACTS = Kind("SEC company facts (JSON)",
                     lambda head: head.lstrip().startswith(b"{") and b'"facts"' in head)
REPORT = Kind("a caledger report page",
              lambda head: head.lstrip().lower().startswith(b"<!doctype html")
              and b"(caledger)</title>" in head)


def _ledger_files(ledger: str | None) -> list[Path]:
    """The files on this machine of the ledger at ``ledger`` (None: the default one),
    existing or not, as its store's adapter names them (none for a store on a server)."""
    from .adapters import adapter_for

    location = Location.parse(ledger)
    return adapter_for(location).files(location)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(_SNIFF)
    except OSError:
        return b""


def _database_beside(path: Path) -> str | None:
    """What database ``path`` is a file kept beside (of whichever store), or None."""
    from .adapters.base import adapter_types

    return next((a.database_file for a in adapter_types() if a.is_side_file(path)), None)


def _database(head: bytes) -> str | None:
    """What database a file beginning with ``head`` is (of whichever store), or None."""
    from .adapters.base import adapter_types

    return next((a.database_file for a in adapter_types() if a.is_database_file(head)), None)


def check_target(out: str, *, option: str, kind: Kind, ledger: str | None = None,
                 reads_ledger: bool = True, force: bool = False) -> Path:
    """Refuse (``RejectedInput``, one line) an ``out`` this command must not write; return
    the path to write (a symlink's target, resolved)."""
    path = Path(out)
    target = Path(os.path.realpath(path))
    for own in (_ledger_files(ledger) if reads_ledger else []):
        if _same_file(path, own) or _same_file(target, own):
            raise RejectedInput(f"{option} {out}: that is the ledger this command reads "
                                f"({own}); name another file")
    beside = _database_beside(path) or _database_beside(target)
    if beside is not None:
        raise RejectedInput(f"{option} {out}: is a file of the {beside} beside it (a "
                            "ledger?); caledger never writes over one, even with --force; "
                            "name another file")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as e:
        raise RejectedInput(f"{option} {out}: can't use it ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise RejectedInput(f"{option} {out}: is a folder; name a file in it")
    if not stat.S_ISREG(st.st_mode):
        return target  # a device, FIFO or socket: written in place, as any tool does
    head = _head(target)
    database = _database(head)
    if database is not None:
        raise RejectedInput(f"{option} {out}: is a {database} (a ledger?); caledger "
                            "never writes over one, even with --force; name another file")
    if head and not kind.looks_like(head) and not force:
        raise RejectedInput(f"{option} {out}: already exists and is not {kind.name}; name "
                            "another file, or give --force to replace it")
    return target


def write_output(out: str, content: str | bytes, *, option: str, kind: Kind,
                 ledger: str | None = None, reads_ledger: bool = True,
                 force: bool = False) -> None:
    """Write ``content`` (text is UTF-8) to ``out`` after ``check_target``: a regular file
    whole or not at all, a device or FIFO in place; any failure is one error line."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = check_target(out, option=option, kind=kind, ledger=ledger,
                          reads_ledger=reads_ledger, force=force)
    try:
        if target.exists() and not target.is_file():
            _write_in_place(target, data)
        else:
            _write_replacing(target, data)
    except OSError as e:
        raise RejectedInput(f"{option} {out}: can't write it ({e.strerror or e}); nothing "
                            "was written there") from None


@contextmanager
def output_stream(out: str, *, option: str, kind: Kind, ledger: str | None = None,
                  reads_ledger: bool = True, force: bool = False) -> Iterator[Callable[[bytes], Any]]:
    """``write_output`` for content written piece by piece: yields a function that writes
    bytes. The same checks and the same guarantees: a regular file is written to a
    temporary file beside it and renamed over it only when the block ends without an error
    (whole or not at all), a device or FIFO in place; a failed write is one error line."""
    target = check_target(out, option=option, kind=kind, ledger=ledger,
                          reads_ledger=reads_ledger, force=force)
    failed = f"{option} {out}: can't write it ({{}}); nothing was written there"
    try:
        in_place = target.exists() and not target.is_file()
        if in_place:
            fd = os.open(target, os.O_WRONLY | os.O_NOCTTY)
    except OSError as e:
        raise RejectedInput(failed.format(e.strerror or e)) from None
    if in_place:
        try:
            with os.fdopen(fd, "wb") as f:
                yield f.write
        except OSError as e:
            raise RejectedInput(failed.format(e.strerror or e)) from None
        return
    try:
        mode = _new_mode(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as e:
        raise RejectedInput(failed.format(e.strerror or e)) from None
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as f:
            try:
                yield f.write
            except OSError as e:
                raise RejectedInput(failed.format(e.strerror or e)) from None
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise RejectedInput(failed.format(e.strerror or e)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_mode(target: Path) -> int:
    """The permissions a replaced file keeps (a new one: 0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_in_place(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_NOCTTY)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _write_replacing(target: Path, data: bytes) -> None:
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
