"""A minimal app for the pages half while the full one (middleware, API, permalinks) is built
beside it: the lead takes the full ``create_app`` at merge. Nothing page-specific lives here."""

from __future__ import annotations

import fastapi

from .config import ServeConfig


def create_app(config: ServeConfig) -> fastapi.FastAPI:
    from . import pages

    app = fastapi.FastAPI(title="caledger")
    app.state.config = config
    app.include_router(pages.router)
    return app
