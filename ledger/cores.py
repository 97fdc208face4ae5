"""The cores a command may spread its work over, and the second process's one reply.

``export``, ``reconcile --all``, ``verify`` and a large ``import`` hand part of their work to
a forked second process and do it themselves if that process fails; they ask here how many
cores there are to fork onto, and the second process answers through ``reply``.
"""

from __future__ import annotations

import os
from typing import Any


def forkable() -> int:
    """The cores this process may run on, or 1 where it can't fork (a second process then
    costs more than it gives)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return available()


def available() -> int:
    """The cores this process may run on (its affinity where the system has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)


def reply(sender: Any, result: Any) -> None:
    """Send the second process's ``result`` (None: it failed, the first process does its
    part) and close its end; a first process that stopped listening is no error."""
    try:
        sender.send(result)
    except OSError:
        pass
    finally:
        sender.close()
