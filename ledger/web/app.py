"""The ASGI app: ``create_app(config)``, and what every route gets from it.

One middleware (``Guard``) wraps every request, page or API alike:

- one log line per request (method, path and query, status, milliseconds), never a header;
- security headers on every answer: a Content-Security-Policy that allows nothing from
  elsewhere, ``nosniff``, ``no-referrer``;
- bodies over ``config.max_body`` refused with 413, by Content-Length and by counting what
  actually arrives (a chunked body has no length);
- permalinks: a GET without ``known_at`` is redirected to the same URL pinned to the store's
  current head (``known_at=@POSITION``), and, for a route that takes ``as_of``, to today, so
  a link copied now shows the same figures later.

Errors are problem details (RFC 9457, ``application/problem+json``): a caller's mistake is a
4xx naming what was wrong, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

from ..errors import FLAGS, CaledgerError, http_status, spelled_as
from .config import ServeConfig

log = logging.getLogger("caledger.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
#: Paths a GET reaches without being pinned to a store position.
UNPINNED = ("/healthz", "/openapi.json", "/docs", "/static/", "/sources/",
            "/api/v1/verify")
PROBLEM = "application/problem+json"


#: Requests a worker process computes at once (threads); more wait their turn. The work is
#: Python holding the GIL, so more threads add no speed, only queueing inside the
#: interpreter and, on PostgreSQL, a connection each.
THREADS = 8


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    from anyio import to_thread

    to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


def create_app(config: ServeConfig) -> FastAPI:
    """The app serving the ledger ``config.db`` as ``config`` says."""
    from . import api, pages

    app = FastAPI(title="caledger", version="1", lifespan=_lifespan,
                  description="A ledger of disclosed corporate actions: every query command "
                              "of the CLI, answering exactly its --format json payload.",
                  # no /docs: its page loads its script from a CDN, which the
                  # Content-Security-Policy (nothing from elsewhere) rightly blocks
                  redoc_url=None, docs_url=None)
    app.state.config = config
    app.add_exception_handler(CaledgerError, _caledger_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.add_middleware(Guard, config=config)
    return app


def app_from_env() -> FastAPI:
    """The app as ``caledger serve --workers N`` hands it to each worker process: its
    configuration in ``CALEDGER_SERVE_CONFIG`` (JSON), set by the command."""
    from pathlib import Path

    raw = json.loads(os.environ["CALEDGER_SERVE_CONFIG"])
    return create_app(ServeConfig(
        db=raw["db"], sources=Path(raw["sources"]) if raw.get("sources") else None,
        allow_writes=bool(raw.get("allow_writes")),
        tokens=Path(raw["tokens"]) if raw.get("tokens") else None,
        max_body=int(raw.get("max_body") or ServeConfig(db=None).max_body)))


def config_to_env(config: ServeConfig) -> str:
    return json.dumps({"db": config.db, "sources": str(config.sources or "") or None,
                       "allow_writes": config.allow_writes,
                       "tokens": str(config.tokens or "") or None,
                       "max_body": config.max_body})


# --- problem details ---------------------------------------------------------------------------


def problem(status: int, detail: str, *, instance: str | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> Response:
    """An RFC 9457 problem details answer."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status,
            "detail": detail, **({"instance": instance} if instance else {}), **extra}
    return Response(json.dumps(body, ensure_ascii=False), status_code=status,
                    media_type=PROBLEM, headers=headers)


def status_of(e: CaledgerError) -> int:
    return http_status(e)  # the command line's --json errors give the same


async def _caledger_error(request: Request, e: Exception) -> Response:
    assert isinstance(e, CaledgerError)
    from .api import explain_problems

    status = status_of(e)
    errors = explain_problems(request, e)
    extra: dict[str, Any] = {"errors": errors}
    if status == 400 and errors and errors[0].get("parameter"):
        extra["parameter"] = errors[0]["parameter"]
    headers = {"Retry-After": "1"} if status == 503 else None
    return problem(status, "; ".join(x["detail"] for x in errors[:5])
                   + (f"; and {len(errors) - 5} more" if len(errors) > 5 else ""),
                   instance=request.url.path, headers=headers, **extra)


async def _http_error(request: Request, e: Exception) -> Response:
    assert isinstance(e, HTTPException)
    detail = e.detail if isinstance(e.detail, str) else HTTPStatus(e.status_code).phrase
    if e.status_code == 404 and detail == "Not Found":
        detail = f"{request.url.path}: no such page or route; see /openapi.json for the API"
    return problem(e.status_code, detail, instance=request.url.path,
                   headers=dict(e.headers or {}))


async def _validation_error(request: Request, e: Exception) -> Response:
    assert isinstance(e, RequestValidationError)
    errors = []
    for err in e.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        name = loc[0] if loc else "body"
        errors.append({"parameter": name, "detail": f"{name}: {err.get('msg', 'invalid')}"})
    return problem(400, "; ".join(x["detail"] for x in errors), instance=request.url.path,
                   parameter=errors[0]["parameter"] if errors else None, errors=errors)


async def _server_error(request: Request, e: Exception) -> Response:
    log.error("error answering %s %s: %s: %s", request.method, request.url.path,
              type(e).__name__, e)
    return problem(500, "the server could not answer; the error is in its log",
                   instance=request.url.path)


# --- the middleware ------------------------------------------------------------------------------


class BodyTooLarge(Exception):
    pass


class Guard:
    """Logging, security headers, the body limit and permalinks, for every request."""

    def __init__(self, app: Any, config: ServeConfig):
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = {"status": 0, "started": False}

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"], state["started"] = message["status"], True
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in {h for h, _ in SECURITY_HEADERS}]
                message = {**message, "headers": [*headers, *SECURITY_HEADERS]}
            await send(message)

        try:
            early = await self._refusal(scope)
            if early is not None:
                await early(scope, receive, send_secured)
                return
            received = 0

            async def counted() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.config.max_body:
                        raise BodyTooLarge
                return message

            # the library's messages name options as the command line does (--as-of); the
            # routes' answers rename those they take to their parameters (as_of)
            with spelled_as(FLAGS):
                await self.app(scope, counted, send_secured)
        except BodyTooLarge:
            if not state["started"]:
                await self._too_large(scope)(scope, receive, send_secured)
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            log.info('%s "%s %s%s" %s %.1fms', _client(scope), scope["method"], scope["path"],
                     f"?{query}" if query else "", state["status"] or "-",
                     (time.perf_counter() - started) * 1000)

    def _too_large(self, scope: Scope) -> Response:
        return problem(413, f"the body is larger than this server takes "
                            f"({self.config.max_body:,} bytes); send fewer records at a time",
                       instance=scope["path"])

    async def _refusal(self, scope: Scope) -> Response | None:
        """A 413 by Content-Length, or the redirect that pins an unpinned GET; else None."""
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    return problem(400, "Content-Length: not a number",
                                   instance=scope["path"], parameter="Content-Length")
                if length > self.config.max_body:
                    return self._too_large(scope)
        if scope["method"] not in ("GET", "HEAD"):
            return None
        if scope["path"].startswith(UNPINNED):
            return None
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                          keep_blank_values=True)
        if any(k == "known_at" for k, _ in query):
            return None
        route = _route_of(scope)
        if route is None:  # a 404 is a 404, pinned or not
            return None
        pinned_by = getattr(getattr(route, "endpoint", None), "caledger_pinned_by", ())
        if any(k in pinned_by for k, _ in query):
            return None
        return await self._pin(scope, query, _pinned_today(route))

    async def _pin(self, scope: Scope, query: list[tuple[str, str]],
                   today_params: set[str]) -> Response:
        from starlette.concurrency import run_in_threadpool

        from ..days import today

        try:
            position = await run_in_threadpool(head_position, self.config.db)
        except CaledgerError as e:
            return problem(status_of(e), "; ".join(e.problems), instance=scope["path"])
        added = [("known_at", f"@{position}")]
        added += [(name, today().isoformat()) for name in sorted(today_params)
                  if not any(k == name for k, _ in query)]
        location = scope.get("root_path", "") + scope["path"] + "?" + urlencode(
            [*query, *added], safe="@:")
        return Response(status_code=307, headers={"Location": location,
                                                  "Cache-Control": "no-store"})


def head_position(db: str | None) -> int:
    """The store's current head: the position a permalink pins."""
    from ..reader import kept, open_reader

    with kept(), open_reader(db) as reader:
        return reader.position()


def _route_of(scope: Scope) -> Any:
    """The route that will answer ``scope`` (None: no route does). A router included with
    ``include_router`` is searched for the route itself."""
    app = scope.get("app")
    for route in getattr(app, "routes", []):
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return _inner_route(route, scope)
    return None


def _inner_route(route: Any, scope: Scope) -> Any:
    find = getattr(route, "_match", None)  # FastAPI's included router (0.120 and later)
    if not callable(find) or not hasattr(route, "original_router"):
        return route
    try:
        match, _, found, context = find(dict(scope))
    except Exception:  # noqa: BLE001 - a FastAPI without it: the router stands for its routes
        return route
    if match != Match.FULL or found is None:
        return route
    found = getattr(context, "original_route", None) or found
    return _inner_route(found, scope) if found is not route else route


def _pinned_today(route: Any) -> set[str]:
    """The query parameters of ``route`` that default to today: a permalink pins them too."""
    declared = getattr(getattr(route, "endpoint", None), "caledger_today", None)
    if declared is not None:
        return set(declared)
    dependant = getattr(route, "dependant", None)
    names = {p.alias for p in getattr(dependant, "query_params", [])} if dependant else set()
    return {"as_of"} & names


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "-"


__all__ = ["JSONResponse", "create_app", "problem"]
