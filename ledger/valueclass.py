"""Small immutable value classes written out, as ``@dataclass(frozen=True)`` would make them.

A dataclass builds its methods from source text when its module loads (about 0.4 ms each)
and loading ``dataclasses`` brings ``inspect``, ``ast``, ``dis`` and ``tokenize`` (about
4 ms): most of a short query's start-up beyond Python's own. The classes every query loads
(``values.Period``, ``kinds.Kind``, ``reports.Report``, ``render.Printer``, ...) derive from
``Value`` instead and keep what a frozen dataclass gives: equality and hashing over
``FIELDS`` in order (only with the same class), a ``repr`` naming them, no assignment after
``__init__`` (``FrozenInstanceError``, an ``AttributeError``, as dataclasses raises), copy
and pickle. ``Ordered`` adds ``<``, ``<=``, ``>``, ``>=`` over the fields, as ``order=True``.

A subclass lists ``FIELDS``, declares them as ``__slots__`` and writes ``__init__`` setting
each through ``_set(self, name, value)``. ``tests/test_startup.py`` holds each such class
to the dataclass it replaces.
"""

from __future__ import annotations

_set = object.__setattr__


class FrozenInstanceError(AttributeError):
    """An assignment to a field of a frozen value (``dataclasses.FrozenInstanceError``'s
    message and base)."""


class Record:
    """A mutable record as a plain ``@dataclass`` makes it: equality over ``FIELDS`` in order
    (only with the same class), a ``repr`` naming them, not hashable. A subclass lists
    ``FIELDS`` and writes ``__init__``."""

    __slots__ = ()
    FIELDS: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]

    def _values(self) -> tuple:
        return tuple([getattr(self, f) for f in self.FIELDS])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(" + ", ".join(
            f"{f}={getattr(self, f)!r}" for f in self.FIELDS) + ")"


class Value(Record):
    """A frozen ``Record``: hashable by its fields, no assignment after ``__init__``."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple:
        return (self.__class__, self._values())

    def _replace(self, **changes: object) -> Value:
        """A copy with ``changes`` (what ``dataclasses.replace`` gave)."""
        values = dict(zip(self.FIELDS, self._values(), strict=True))
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"{type(self).__qualname__} has no field {sorted(unknown)[0]!r}")
        return self.__class__(**{**values, **changes})


class Ordered(Value):
    __slots__ = ()

    def _order(self, other: object) -> tuple | None:
        if other.__class__ is not self.__class__:
            return None
        return other._values()  # type: ignore[attr-defined]

    def __lt__(self, other: object) -> bool:
        theirs = self._order(other)
        return NotImplemented if theirs is None else self._values() < theirs

    def __le__(self, other: object) -> bool:
        theirs = self._order(other)
        return NotImplemented if theirs is None else self._values() <= theirs

    def __gt__(self, other: object) -> bool:
        theirs = self._order(other)
        return NotImplemented if theirs is None else self._values() > theirs

    def __ge__(self, other: object) -> bool:
        theirs = self._order(other)
        return NotImplemented if theirs is None else self._values() >= theirs
