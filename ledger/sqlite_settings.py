"""SQLite's process-wide settings for a command that writes in bulk (``caledger import``).

By default SQLite keeps statistics of the memory it uses (``SQLITE_CONFIG_MEMSTATUS``):
every allocation and free it makes takes a global mutex to count itself, and an import's
storing process makes millions of them (each text it binds is copied into a new buffer,
the previous one freed). Nothing in caledger reads those statistics (``sqlite3_memory_used``
and the soft heap limit, which needs them, are not used). Turned off, the storing process
of a 20,000-record import runs 2.7% fewer instructions (callgrind; benchmarks/NOTES.md,
import11).

The setting can only be made before SQLite is initialised, which Python's ``sqlite3``
module does as it is loaded: so it is made first thing, by the command line, for the
commands that write in bulk, through ``ctypes`` on Python's own ``_sqlite3`` extension
file: loading it (without running it) loads the very SQLite library it links, found as it
finds it, whose ``sqlite3_config`` is then called; importing ``sqlite3`` later runs the
extension already loaded, on the same library. Where that can't be done (the extension built
into Python, ``ctypes`` missing, ``sqlite3`` already loaded) nothing changes: the setting only
saves time, and every answer is the same with it or without it.
"""

from __future__ import annotations

import sys

#: ``sqlite3_config``'s option numbers (sqlite3.h).
_CONFIG_MEMSTATUS = 9


def without_memory_statistics() -> bool:
    """Turn SQLite's memory statistics off for this process, if SQLite is not initialised
    yet; whether it was done."""
    if "_sqlite3" in sys.modules:
        return False
    try:
        from importlib.util import find_spec

        spec = find_spec("_sqlite3")
        if spec is None or not spec.has_location or not spec.origin:
            return False
        import ctypes

        library = ctypes.CDLL(spec.origin)
        return int(library.sqlite3_config(_CONFIG_MEMSTATUS, ctypes.c_int(0))) == 0
    except (ImportError, OSError, AttributeError, ValueError):
        return False


#: An import reads at least this many bytes of files before the setting is made: loading
#: ``ctypes`` costs a command's start-up a few milliseconds, which only a large import
#: (some 6,000 records and up) wins back.
IMPORT_BYTES = 1_000_000
#: The import's options that take a value (the ledger, who records, the signing key).
_VALUED = ("--db", "--as", "--sign")


def for_import(args: list[str]) -> bool:
    """``without_memory_statistics`` for ``caledger import ARGS...`` when the files it
    names (arguments that are files, not an option's value) hold ``IMPORT_BYTES`` or more;
    whether it was done."""
    import os

    size, skip = 0, False
    for arg in args:
        if skip or arg.startswith("-"):
            skip = arg in _VALUED
            continue
        try:
            if os.path.isfile(arg):
                size += os.path.getsize(arg)
        except (OSError, ValueError):
            continue
    return size >= IMPORT_BYTES and without_memory_statistics()
