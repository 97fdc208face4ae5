"""What can go wrong, as exceptions a caller can act on.

Each carries its problems twice over: ``details``, one ``Problem`` each (where, which record,
which field, what is wrong and what to do), and ``problems``, the same as the one line each
that ``Problem.line`` makes of it. The CLI prints those lines one per line to stderr and
exits non-zero; the web API answers them as problem details, with the structure beside the
text.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing
if TYPE_CHECKING:
    from typing import Any


class Problem(namedtuple("Problem", ("where", "record_id", "field", "message"))):
    """One thing wrong with what was given: a value, formatted once (``line``).

    About a record: ``where`` it was read (``FILE:LINE``, ``body line N``, or the command
    that made it, e.g. ``append``), its ``record_id`` when it has one, and the ``field`` at
    fault, if one is. Any of those may be None (the store, which reads no file, leaves
    ``where`` to the importer, which knows where each record was read). A problem with none of
    the three is not about one record: its ``message`` is the whole line, saying where itself.
    """

    # (a ``collections.namedtuple``, as ``typing.NamedTuple`` makes it, without loading
    # typing on every command's start-up)
    __slots__ = ()
    where: str | None
    record_id: str | None
    field: str | None
    message: str

    @classmethod
    def plain(cls, message: str) -> Problem:
        """A problem whose message says everything, its place included."""
        return cls(None, None, None, message)

    @property
    def about_record(self) -> bool:
        return not (self.where is None and self.record_id is None and self.field is None)

    def at(self, where: str) -> Problem:
        """The same problem, said to be about the record read at ``where``."""
        if self.about_record:
            return self._replace(where=where)
        return Problem.plain(f"{where}: {self.message}")

    def line(self) -> str:
        """The one line the CLI prints (after ``error: ``), e.g. ``a.jsonl:3: record "r1"
        field btc: must be a decimal ...``; a value quoted in it is shown escaped, never
        split."""
        if not self.about_record:
            return one_line(self.message)
        who = f'record "{self.record_id}"' if self.record_id else "record"
        what = f" field {self.field}:" if self.field else ":"
        place = f"{self.where}: " if self.where else ""
        return one_line(f"{place}{who}{what} {self.message}")

    def __str__(self) -> str:
        return self.line()


# --- whose words: an option as the caller spelled it ------------------------------------------
#
# A message names what was asked in the command line's words (``--as-of``), where it is
# built, beside the check that found the problem. Each caller then reads it in its own: the
# command line as written; the web API and pages rename the options their routes take (their
# query parameters, ``web.api.explain_problems``); a Python caller, the default, reads the
# keyword it passed (``as_of``): ``CaledgerError`` renames the options when it is made, by
# ``PYTHON``, unless the caller said otherwise (``spelled_as``). No check is made twice.

#: The command line's options as the Python API's keywords name them.
PYTHON = {"--as-of": "as_of", "--known-at": "known_at", "--since": "since", "--until": "until",
          "--from": "start", "--to": "end", "--type": "types", "--figure": "figures",
          "--every": "every", "--max-price-age": "max_price_age",
          "--max-anchor-age": "max_anchor_age", "--by": "by",
          "--expect-head": "expect_head", "--dry-run": "dry_run"}
#: The command line's own spelling: every option as written.
FLAGS: dict[str, str] = {}

_OPTION = r"(?<![\w-])--[a-z][a-z-]*(?![\w-])"


def _spelling() -> Any:
    from contextvars import ContextVar

    global _SPELLING
    if _SPELLING is None:
        _SPELLING = ContextVar("caledger_spelling", default=None)
    return _SPELLING


_SPELLING: Any = None


def spelling() -> dict[str, str]:
    """How options are named in the messages of errors made now: a mapping from the command
    line's option to the caller's name (``PYTHON`` unless a caller set another)."""
    if _SPELLING is None:
        return PYTHON
    chosen = _SPELLING.get()
    return PYTHON if chosen is None else chosen


class spelled_as:
    """``with spelled_as(FLAGS):`` errors made inside name options as ``names`` maps them
    (``FLAGS``: as the command line writes them; ``PYTHON``: by keyword)."""

    def __init__(self, names: dict[str, str]):
        self.names = names

    def __enter__(self) -> spelled_as:
        self.token = _spelling().set(self.names)
        return self

    def __exit__(self, *exc: Any) -> None:
        _spelling().reset(self.token)


def spelled(option: str) -> str:
    """``option`` (``--known-at``) as the caller names it."""
    return spelling().get(option, option)


def respell(text: str, names: dict[str, str] | None = None) -> str:
    """``text`` with each option it names (``--as-of``) in the caller's words."""
    names = spelling() if names is None else names
    if not names or "--" not in text:
        return text
    import re

    return re.sub(_OPTION, lambda m: names.get(m[0], m[0]), text)


class CaledgerError(Exception):
    """Base of every error the ledger reports to its user."""

    exit_code = 1

    def __init__(self, *problems: str | Problem):
        names = spelling()
        #: Each problem as a value (the options it names in the caller's words).
        self.details = [_respelled(p if isinstance(p, Problem) else Problem.plain(p), names)
                        for p in problems]
        #: Each problem as its one line (``Problem.line``).
        self.problems = [p.line() for p in self.details]
        super().__init__("\n".join(self.problems))


def _respelled(problem: Problem, names: dict[str, str]) -> Problem:
    if not names or "--" not in problem.message:
        return problem
    return problem._replace(message=respell(problem.message, names))


# --- as problem details (RFC 9457): the server's answer, and the command line's with --json --

#: The HTTP status the server answers each kind of error with (400 for any other).
HTTP_STATUS: list[tuple[str, int]] = [
    ("UnknownCompany", 404), ("UnknownRecord", 404), ("BadQuery", 400), ("RejectedInput", 422),
    ("NotPermitted", 403), ("StoreBusy", 503), ("LedgerNotFound", 503),
    ("StoreUnavailable", 503), ("LogAltered", 503)]


def http_status(e: CaledgerError) -> int:
    """The HTTP status of ``e`` as the server answers it."""
    kinds = {cls.__name__ for cls in type(e).__mro__}
    return next((status for name, status in HTTP_STATUS if name in kinds), 400)


def record_keys(problem: Problem) -> dict[str, Any]:
    """A problem about a record: ``where`` it was read, its ``record_id`` and ``field``."""
    if not problem.about_record:
        return {}
    return {"where": problem.where, "record_id": problem.record_id, "field": problem.field}


def problem_details(status: int, errors: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """An RFC 9457 problem details object for ``errors`` (each ``{"detail", "parameter",
    ...}``): its ``detail`` the first five joined, ``parameter`` the first error's on a 400."""
    from http import HTTPStatus

    detail = "; ".join(x["detail"] for x in errors[:5]) + (
        f"; and {len(errors) - 5} more" if len(errors) > 5 else "")
    body: dict[str, Any] = {"type": "about:blank", "title": HTTPStatus(status).phrase,
                            "status": status, "detail": detail}
    body.update(extra)
    body["errors"] = errors
    return body


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
