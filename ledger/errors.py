"""What can go wrong, as exceptions a caller can act on.

Each carries ``problems``: one line per problem, each saying where, what is wrong and what to
do. The CLI prints them one per line to stderr and exits non-zero.
"""

from __future__ import annotations


class CaledgerError(Exception):
    """Base of every error the ledger reports to its user."""

    exit_code = 1

    def __init__(self, *problems: str):
        problems = tuple(one_line(p) for p in problems)
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def one_line(text: str) -> str:
    """``text`` as exactly one printable line: a value quoted in a message (an id with a
    line break, a control character) is shown escaped, as in JSON, never split."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


class LedgerNotFound(CaledgerError):
    """A query named a ledger that does not exist; nothing was created."""


class StoreUnavailable(CaledgerError):
    """The store could not be opened or created (path, permissions, server)."""


class RejectedInput(CaledgerError):
    """Records that can't be stored as given; the store was left unchanged."""


class UnknownCompany(CaledgerError):
    """A query named a company the ledger has no record of."""


class UnknownRecord(CaledgerError):
    """A query named a record id the ledger has no record of."""


class BadQuery(CaledgerError):
    """A query argument (date, --known-at, figure) that can't be understood."""

    exit_code = 2


class StoreBusy(CaledgerError):
    """Concurrent writers kept conflicting; nothing from this call was stored."""


class NotPermitted(CaledgerError):
    """The database role of the session may not do this to the ledger (PostgreSQL roles)."""

    exit_code = 2


class LogAltered(CaledgerError):
    """The event log no longer holds what was recorded (events removed or changed)."""


def read_text_file(path: str, not_utf8: str, *, expected: str = "UTF-8") -> str:
    """A UTF-8 file's text, or ``RejectedInput`` with one line saying what is wrong;
    ``not_utf8`` says what to do about a file that is not ``expected``."""
    from pathlib import Path

    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RejectedInput(f"{path}: no such file") from None
    except UnicodeDecodeError as e:
        raise RejectedInput(f"{path}: can't read it as {expected} ({e.reason} at byte {e.start}); "
                            f"{not_utf8}") from None
    except OSError as e:
        raise RejectedInput(f"{path}: can't read it: {e.strerror or e}") from None
