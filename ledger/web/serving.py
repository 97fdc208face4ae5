"""``caledger serve``: check what the server was told, then run uvicorn until Ctrl-C."""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path

from ..errors import BadQuery
from ..location import Location
from .config import ServeConfig


def check(config: ServeConfig) -> int:
    """Refuse, before listening, what would make every request fail: a ledger that can't be
    read, a --sources that is no folder, writes without a write token. The head position."""
    from . import tokens
    from .app import head_position

    if config.sources is not None and not config.sources.is_dir():
        raise BadQuery(f'--sources "{config.sources}": no such folder')
    position = head_position(config.db)
    if config.allow_writes:
        path = tokens.tokens_file(config.tokens)
        if not any(role == "write" for _, role, _ in tokens.read(path)):
            raise BadQuery(f"--allow-writes: {path} holds no write token; make one with "
                           f"caledger token add NAME --tokens {path}")
    return position


def log_config() -> dict:
    """uvicorn's logging, with the one line per request ``caledger.serve`` writes (uvicorn's
    own access log is off: it would be a second line)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["caledger.serve"] = {"handlers": ["default"], "level": "INFO",
                                           "propagate": False}
    return config


def serve(db: str | None, *, host: str, port: int, sources: str | None, workers: int,
          allow_writes: bool, tokens: str | None) -> None:
    import uvicorn

    from .app import app_from_env, config_to_env, create_app

    config = ServeConfig(db=db, sources=Path(sources) if sources else None,
                         allow_writes=allow_writes,
                         tokens=Path(tokens) if tokens else None)
    position = check(config)
    where = Location.parse(db).describe()
    mode = "writes with a write token" if allow_writes else "read-only"
    print(f"caledger: serving {where} (@{position}, {mode}) at http://{host}:{port}/ "
          "- Ctrl-C stops it", file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: --host {host}: anyone who can reach this port can read the ledger; "
              "serve it behind a reverse proxy that adds TLS", file=sys.stderr, flush=True)
    common = {"host": host, "port": port, "access_log": False, "log_config": log_config(),
              "timeout_graceful_shutdown": 5,
              # a client's idle keep-alive connection is not closed under it while it waits
              # for a busy server (the race that loses a request on a reused connection)
              "timeout_keep_alive": 30}
    if workers > 1:
        # Each worker process builds its own app: from an import string, its configuration
        # passed in the environment.
        os.environ["CALEDGER_SERVE_CONFIG"] = config_to_env(config)
        uvicorn.run(f"{app_from_env.__module__}:{app_from_env.__name__}", factory=True,
                    workers=workers, **common)
    else:
        uvicorn.run(create_app(config), **common)
