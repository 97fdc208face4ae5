"""``/api/v1/...``: one route per query command, answering exactly its ``--format json``.

``QUERIES`` is the table: each entry names the command (its route is ``/api/v1/NAME``), its
query parameters (the CLI's options, snake_case: ``--as-of`` is ``as_of``, a repeatable
option a repeatable parameter) and the function that builds the payload, by calling the same
library functions (``ledger.api``) the command calls. ``?format=csv`` (or ``text``) renders
the same value with the command's printer, so the API, the CLI and the CSV never disagree.
Adding a command is one line in the table; a report of the registry whose command takes the
usual options (companies or all, as_of, known_at) is served without one.

Every answer is pinned: the permalink middleware (``app.Guard``) redirects a request without
``known_at`` to the current head, the payload carries its stamp (``position``,
``head_hash``) where the CLI's does, and every answer carries it in ``X-Caledger-Position``
and ``X-Caledger-Head-Hash`` too (a list payload, as ``history``, has no room for it).

Writes (``POST /api/v1/records``, ``/api/v1/correct``, ``/api/v1/retract``) exist only when
the server was started with ``--allow-writes``, and need a bearer token of role ``write``
(``ledger/web/tokens.py``); each write is recorded as the token's name.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi import Query as QueryParam
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import api, render, reports
from ..errors import BadQuery, CaledgerError, Problem, RejectedInput
from ..location import Location
from ..reader import kept
from ..reports.base import Result
from ..values import is_text
from .config import ServeConfig

router = APIRouter(prefix="/api/v1")

MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8",
         "text": "text/plain; charset=utf-8", "atom": "application/atom+xml"}


# --- the parameters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """A query parameter: ``name`` as the caller writes it, ``arg`` the payload function's
    argument (when the name is a Python keyword), ``kind`` str, int, bool or list (repeatable)."""

    name: str
    help: str
    kind: type = str
    required: bool = False
    default: Any = None
    arg: str | None = None

    @property
    def python(self) -> str:
        return self.arg or self.name


COMPANY = Param("company", "Ticker, e.g. MARA (known names resolve to it).", required=True)
COMPANIES = Param("company", "Ticker; repeat for several (a list answer), or give all=true.",
                  kind=list)
ALL = Param("all", "Every company in the ledger (a list answer).", kind=bool, default=False,
            arg="every")
AS_OF = Param("as_of", "The effective date: YYYY-MM-DD, or a month, quarter or year (its last "
                       "day). A permalink pins it (default: today, UTC).")
KNOWN_AT = Param("known_at", "As the ledger knew it then: @N (store position N) or an ISO 8601 "
                             "timestamp. A URL without it is redirected to the current head.")
SINCE = Param("since", "The start of the period for yields and gains: a date, month, quarter "
                       "or year.")
MAX_PRICE_AGE = Param("max_price_age", "The oldest close a figure may use, in days "
                                       "(default 7).", kind=int)
MAX_ANCHOR_AGE = Param("max_anchor_age", "The most days a figure may be carried forward from "
                                         "the disclosed balance it starts from (default: no "
                                         "limit); beyond it, not known.", kind=int)
FROM = Param("from", "The first day: a date, or a month, quarter or year (its first day).",
             arg="start")
TO = Param("to", "The last day: a date, or a month, quarter or year (its last day).",
           arg="end")


# --- the answers' schemas (OpenAPI) -----------------------------------------------------------

_S = {"type": "string"}
_NS = {"type": ["string", "null"]}
_I = {"type": "integer"}
_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
#: An amount: a decimal string, never a float; null when the ledger does not know it.
_AMOUNT = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
_ARR = {"type": "array"}
_OBJ = {"type": "object"}
_NOBJ = {"type": ["object", "null"]}
_STAMP = {"known_at": _NS, "position": _I, "head_hash": _S}
_BUCKETS = ("total", "loaned", "pledged", "unencumbered")


def _object(properties: dict[str, Any], *optional: str) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": [k for k in properties if k not in optional]}


def _by(*names: str, value: dict[str, Any] = _S) -> dict[str, Any]:
    return _object(dict.fromkeys(names, value))


def _one_or_list(one: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [one, {"type": "array", "items": one}]}


_HOLDING = _object({
    "company": _S, "as_of": _DAY, **_STAMP, "btc": _by(*_BUCKETS, value=_AMOUNT),
    "status": _by(*_BUCKETS), "reason": _by(*_BUCKETS), "basis": _S, "anchor": _NOBJ,
    "bucket_anchors": _OBJ, "flows_counted": _I, "flows": _ARR, "in_progress": _ARR,
    "straddling_anchor": {"type": "array", "items": _S}})
_CAPITAL = _object({"company": _S, "as_of": _DAY, **_STAMP, "notes": _OBJ, "equity": _OBJ,
                    "stakes": _ARR, "acquisitions": _ARR, "acquisitions_usd": _AMOUNT,
                    "workforce": _ARR, "results": _OBJ, "in_progress": _ARR, "figures": _ARR,
                    "shares": _OBJ, "values": _OBJ})
_VALUE = _object({"company": _S, "as_of": _DAY, "since": _NS, **_STAMP,
                  "max_price_age_days": _I, "prices": _OBJ, "figures": _OBJ})
SCHEMAS: dict[str, dict[str, Any]] = {
    "companies": {"type": "array", "items": _object(
        {"company": _S, "records": _I, "first_position": _I, "last_position": _I})},
    "holdings": _one_or_list(_HOLDING),
    "capital": _one_or_list(_CAPITAL),
    "value": _one_or_list(_VALUE),
    "shares": _object({"company": _S, "as_of": _DAY, **_STAMP,
                       "shares": _by("basic", "assumed_diluted", value=_AMOUNT),
                       "status": _OBJ, "reason": _OBJ, "basis": _S, "anchor": _NOBJ,
                       "splits": _ARR, "notes": _ARR, "in_progress": _ARR, "figures": _ARR}),
    "kpi": _object({"company": _S, "as_of": _DAY, "since": _NS, **_STAMP, "btc": _OBJ,
                    "btc_per_share": _OBJ, "sats_per_share": _OBJ, "undefined": _OBJ,
                    "figures": _ARR, "status": _OBJ, "reason": _OBJ}),
    "explain": _object({"figure": _S, "company": _S, "as_of": _DAY, "status": _S,
                        "reason": _NS, **_STAMP}, "status", "reason"),
    "reconcile": _object({"company": _S, **_STAMP, "issues": _I, "balances": _ARR,
                          "changes": _ARR, "negative": _ARR, "duplicates": _ARR,
                          "overlaps": _ARR, "capital": _ARR, "shares": _ARR, "kpis": _ARR,
                          "costs": _ARR, "prices": _ARR, "straddling": _ARR,
                          "price_conflicts": _ARR}),
    "history": {"type": "array", "items": _object({
        "id": _S, "type": _S, "position": _I, "recorded_at": _S, "status": _S,
        "recorded_by": _NS, "via": _NS, "company": _S}, "company")},
    "series": _object({"company": _S, "from": _DAY, "to": _DAY, "every": _S,
                       "figures": {"type": "array", "items": _S}, "opening": _ARR,
                       "rows": _ARR, **_STAMP}),
    "changes": _object({"company": _NS, "ledger": _S, "since": _OBJ, "until": _OBJ,
                        "records": _ARR, "companies": _ARR, "position": _I,
                        "head_hash": _S}),
    "show": _object({"id": _S, "status": _S, "record_position": _I, "recorded_at": _S,
                     "original": _OBJ, "current": _NOBJ, "amendments": _ARR,
                     "recorded_by": _NS, "via": _NS, **_STAMP}),
    "operations": _one_or_list(_object({"company": _S, "as_of": _DAY, **_STAMP,
                                        "figures": _OBJ, "in_progress": _ARR})),
    "verify": _object({"ok": {"type": "boolean"}, "events_checked": _I, "position": _I,
                       "head_hash": _S, "first_broken": _NOBJ}),
}
#: A registered report without a schema of its own: one company's, or a list of them.
_REPORT = _one_or_list(_object({"company": _S, "as_of": _DAY, **_STAMP}))
PROBLEM_SCHEMA = _object({"type": _S, "title": _S, "status": _I, "detail": _S,
                          "instance": _S, "parameter": _NS,
                          "errors": {"type": "array", "items": _object(
                              {"detail": _S, "parameter": _NS, "where": _NS,
                               "record_id": _NS, "field": _NS},
                              "parameter", "where", "record_id", "field")}},
                         "instance", "parameter", "errors")
#: Each figure a write takes below zero (``ledger/belowzero.py``); null: not checked.
_BELOW_ZERO = {"type": ["array", "null"], "items": _object(
    {"company": _S, "day": _DAY, "figure": _S, "btc": {**_AMOUNT, "type": "string"},
     "shares": {**_AMOUNT, "type": "string"}}, "btc", "shares")}
#: The remarks on what a write stored (``ledger/writenotes.py``); null: not checked.
_REMARKS = {"type": ["array", "null"], "items": _OBJ}
_WRITE = {"new_companies": {"type": ["array", "null"], "items": _S},
          "below_zero": _BELOW_ZERO, "possible_duplicates": _REMARKS,
          "future_dated": _REMARKS, "check_units": _REMARKS, "overlapping_flows": _REMARKS,
          "dry_run": {"type": "boolean"},
          "creates_ledger": {"type": "boolean"}}
ADDED_SCHEMA = _object({"id": _S, "added": {"type": "boolean"},
                        "position": {"type": ["integer", "null"]}, **_WRITE},
                       "creates_ledger")
#: ``correct``: also the original's citation when the correction changes an amount or the
#: effective period without new sources or disclosed day, and the figures a change of type
#: turns the other way (each key absent otherwise).
CORRECTED_SCHEMA = _object({**ADDED_SCHEMA["properties"], "cites_original": _OBJ,
                            "flips_sign": _OBJ},
                           "cites_original", "flips_sign", "creates_ledger")
IMPORTED_SCHEMA = _object({"added": _I, "already_present": _I, "added_by_type": _OBJ,
                           "added_by_company": _OBJ, "files": _ARR, "records": _ARR,
                           "records_listed": _I, "already_present_records": _ARR, **_WRITE},
                          "creates_ledger")


# --- the payloads: what each command's --json prints ------------------------------------------


def _which(companies: list[str] | None, every: bool) -> list[str]:
    companies = companies or []
    if not companies and not every:
        raise BadQuery("company: name a company (company=MARA), several (company=MARA&"
                       "company=HUT8), or give all=true")
    if companies and every:
        raise BadQuery("all: name companies or give all=true, not both")
    return companies


def _value(db: str | None, company: list[str] | None, every: bool, as_of: str | None,
           since: str | None, max_price_age: int | None, known_at: str | None) -> Any:
    companies = _which(company, every)
    return api.report_of(db, "value", None if every else companies, as_of, known_at,
                         since=since, max_price_age=max_price_age)


def _changes(db: str | None, company: str | None, since: str, until: str | None,
             known_at: str | None, by: str | None) -> Any:
    if until is not None and known_at is not None and until != known_at:
        raise BadQuery(f"until: {until} and known_at {known_at} disagree; known_at is a "
                       "synonym of until, give one")
    return api.changes(db, company, since, until or known_at, by=by)


def _report(name: str) -> Callable[..., Any]:
    """The payload of a report of the registry (``ledger/reports``), as its command prints it
    with --json: one company's report, or a list for several or ``all`` (a result, stamped);
    ``opts``: the report's own parameters (``max_anchor_age``)."""
    def payload(db: str | None, company: list[str] | None, every: bool, as_of: str | None,
                known_at: str | None, **opts: Any) -> Any:
        companies = _which(company, every)
        return api.report_of(db, name, None if every else companies, as_of, known_at, **opts)
    return payload


def _registered_printer(name: str) -> Callable[[], render.Printer]:
    def load() -> render.Printer:
        from .. import reports

        return reports.printer(name)
    return load


def _printer(module: str, name: str) -> Callable[[], render.Printer]:
    def load() -> render.Printer:
        import importlib

        return getattr(importlib.import_module(f"ledger.render.{module}"), name)
    return load


@dataclass(frozen=True)
class Query:
    name: str                          # the command; its route is /api/v1/NAME
    params: tuple[Param, ...]
    #: (db, **params) -> the value --json prints, or a report's result (its ``to_json()``
    #: and ``stamp``)
    payload: Callable[..., Any]
    printer: Callable[[], render.Printer]
    summary: str
    #: Parameters that default to today: a permalink pins them along with known_at.
    today: tuple[str, ...] = ("as_of",)
    #: Parameters that pin the answer to a store position: a URL with one is not redirected.
    pinned_by: tuple[str, ...] = ("known_at",)


#: The summary of a route made from the registry (below the table), when it has one.
SUMMARIES = {"operations": "A miner's operating figures as of a date."}

QUERIES: tuple[Query, ...] = (
    Query("companies", (KNOWN_AT,), lambda db, known_at: api.one(db, "companies", None, None,
                                                                 known_at),
          _registered_printer("companies"), "The companies and how many records each has."),
    Query("holdings", (COMPANIES, ALL, AS_OF, KNOWN_AT, MAX_ANCHOR_AGE), _report("holdings"),
          _registered_printer("holdings"), "Bitcoin held as of a date, by bucket."),
    Query("capital", (COMPANIES, ALL, AS_OF, KNOWN_AT), _report("capital"),
          _registered_printer("capital"), "Capital structure as of a date."),
    Query("value", (COMPANIES, ALL, AS_OF, SINCE, MAX_PRICE_AGE, KNOWN_AT), _value,
          _printer("value", "VALUE"), "What the bitcoin is worth, each figure with its basis."),
    Query("shares", (COMPANY, AS_OF, KNOWN_AT),
          lambda db, company, as_of, known_at: api.shares(db, company, as_of, known_at),
          _printer("shares", "SHARES"), "Shares outstanding: basic, as converted, diluted."),
    Query("kpi", (COMPANY, AS_OF, SINCE, KNOWN_AT, MAX_PRICE_AGE, MAX_ANCHOR_AGE),
          lambda db, company, as_of, since, known_at, max_price_age, max_anchor_age: api.kpi(
              db, company, as_of, since, known_at, max_price_age, max_anchor_age),
          _printer("shares", "KPI"), "BTC per share; with since, BTC yield and gain."),
    Query("explain", (COMPANY, Param("figure", "The figure, e.g. btc.total, notes.outstanding, "
                                               "kpi.btc_yield, value.market_value.",
                                     default="btc.total"),
                      AS_OF, SINCE, KNOWN_AT, MAX_PRICE_AGE, MAX_ANCHOR_AGE),
          lambda db, company, figure, as_of, since, known_at, max_price_age, max_anchor_age:
          api.explain(db, company, figure, as_of, known_at, since, max_price_age,
                      max_anchor_age),
          _printer("audit", "EXPLAIN"), "How a figure was derived, step by step."),
    Query("reconcile", (COMPANY, KNOWN_AT),
          lambda db, company, known_at: api.reconcile(db, company, known_at),
          _printer("audit", "RECONCILE"), "Whether the company's own figures add up.", ()),
    Query("history", (COMPANY, Param("type", "Only records of this type; repeatable.",
                                     kind=list, arg="types"), FROM, TO,
                      Param("source", "Only records citing this DOC[:LINE]."),
                      Param("by", "Only rows recorded by NAME."), KNOWN_AT),
          lambda db, company, types, start, end, source, by, known_at: api.one(
              db, "history", company, None, known_at, types=tuple(types or ()), start=start,
              end=end, source=source, by=by),
          _registered_printer("history"), "Every record of a company, in store order.", ()),
    Query("series", (COMPANY, Param(FROM.name, FROM.help, required=True, arg="start"), TO,
                     Param("every", "month, quarter or year.", default="quarter"),
                     Param("figure", "A figure to follow (default btc.total); repeatable.",
                           kind=list, arg="figures"), KNOWN_AT, MAX_ANCHOR_AGE),
          lambda db, company, start, end, every, figures, known_at, max_anchor_age: api.series(
              db, company, start, end, every, list(figures or ()) or ["btc.total"], known_at,
              max_anchor_age),
          _printer("series", "SERIES"), "A figure at the end of each period.", ("to",)),
    Query("changes", (Param("company", "Only this company's changes."),
                      Param("since", "From just after this moment: @N or a timestamp.",
                            required=True),
                      Param("until", "Up to this moment (default: known_at)."),
                      Param("by", "Only what NAME recorded."), KNOWN_AT),
          _changes, _printer("changes", "CHANGES"),
          "What was recorded between two moments, and the holdings it moved.", (),
          ("known_at", "until")),
    Query("show", (Param("id", "The record's id.", required=True, arg="record_id"), KNOWN_AT),
          lambda db, record_id, known_at: api.one(db, "show", record_id, None, known_at),
          _registered_printer("show"), "A record with its whole amendment history.", ()),
    Query("verify", (Param("expect_head", "HASH@POSITION: check the log still extends it."),),
          lambda db, expect_head: api.verify(db, expect_head=expect_head).to_json(),
          _printer("integrity", "VERIFY"),
          "Recompute the hash chain over every event (the store now: never pinned).", ()),
)


#: A report of the registry (``ledger/reports``) the table does not name is served with its
#: command's usual parameters (companies or all, as_of, known_at) and its registry printer:
#: a new report needs no line here unless its command takes other options.
QUERIES += tuple(
    Query(r.name, (COMPANIES, ALL, AS_OF, KNOWN_AT), _report(r.name), _registered_printer(r.name),
          SUMMARIES.get(r.name, f"The {r.name} report, as caledger {r.cli_command} prints it."))
    for r in reports.REPORTS.values() if r.name not in {q.name for q in QUERIES})


# --- answering --------------------------------------------------------------------------------


def config_of(request: Request) -> ServeConfig:
    return request.app.state.config


def _answer(request: Request, query: Query, fmt: str, values: dict[str, Any]) -> Response:
    allowed = {p.name for p in query.params} | {"format"}
    for name in request.query_params:
        if name not in allowed:
            raise BadParameter(name, f"{name}: {query.name} takes no such parameter; it "
                                     "takes " + ", ".join(sorted(allowed)))
    printer = query.printer()
    if fmt not in printer.formats:
        raise BadParameter("format", f"format {fmt}: {query.name} offers "
                           + ", ".join(printer.formats))
    db = config_of(request).db
    with kept():
        data = query.payload(db, **values)
    if isinstance(data, Result):  # a report: its JSON, and the stamp of its one snapshot
        data, stamped = data.to_json(), data.stamp
    else:  # a command's own payload (explain, verify): stamped in its JSON
        stamped = data
    headers = {"X-Caledger-Position": str(stamped["position"]),
               "X-Caledger-Head-Hash": str(stamped["head_hash"] or "")}
    return Response(render.render(fmt, data, printer) + "\n", media_type=MEDIA[fmt],
                    headers=headers)


def _annotation(p: Param) -> Any:
    if p.kind is list:
        return list[str] | None
    return (p.kind | None) if not p.required else p.kind


def _endpoint(query: Query) -> Callable[..., Response]:
    def endpoint(request: Request, **values: Any) -> Response:
        fmt = values.pop("fmt")
        return _answer(request, query, fmt, values)

    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                    annotation=Request)]
    for p in query.params:
        default = QueryParam(... if p.required else p.default, alias=p.name,
                             description=p.help)
        parameters.append(inspect.Parameter(p.python, inspect.Parameter.KEYWORD_ONLY,
                                            default=default, annotation=_annotation(p)))
    parameters.append(inspect.Parameter(
        "fmt", inspect.Parameter.KEYWORD_ONLY, annotation=str,
        default=QueryParam("json", alias="format",
                           description="json (default: exactly the CLI's --format json), "
                                       "csv or text (as --format csv or text)")))
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = query.name
    endpoint.caledger_pinned_by = query.pinned_by  # type: ignore[attr-defined]
    endpoint.caledger_today = query.today if any(  # type: ignore[attr-defined]
        p.name in query.today for p in query.params) else ()
    return endpoint


def _responses(query: Query) -> dict[int | str, dict[str, Any]]:
    problem = {"content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}}}
    return {200: {"description": f"Exactly what caledger {query.name} --format json prints "
                                 "(csv or text with format=csv or text).",
                  "content": {"application/json": {"schema": SCHEMAS.get(query.name, _REPORT)},
                              "text/csv": {"schema": _S}}},
            307: {"description": "Without known_at: the same URL pinned to the current head."},
            400: {"description": "A bad parameter, named.", **problem},
            404: {"description": "No such company or record.", **problem}}


for _query in QUERIES:
    router.add_api_route(f"/{_query.name}", _endpoint(_query), methods=["GET"],
                         summary=_query.summary, responses=_responses(_query),
                         response_class=Response, name=f"api_{_query.name}")


class BadParameter(BadQuery):
    """A query parameter the route does not take, or a value it does not offer."""

    def __init__(self, parameter: str, problem: str):
        super().__init__(problem)
        self.parameter = parameter


def explain_problems(request: Request, error: CaledgerError) -> list[dict[str, Any]]:
    """Each problem of a CaledgerError as ``{detail, parameter}``: the CLI's option names
    (``--as-of``) become the parameters this route takes (``as_of``). A problem about a
    record also says ``where`` it was read (``body line 2``), its ``record_id`` and the
    ``field`` at fault (each null when not known), as the ``Problem`` carries them."""
    path = request.url.path
    names = next(({p.name for p in q.params} for q in QUERIES
                  if path == f"/api/v1/{q.name}"), set())
    names |= {"format"}
    if isinstance(error, BadParameter):
        return [{"detail": error.problems[0], "parameter": error.parameter}]
    out = []
    for problem, text in zip(error.details, error.problems):
        found = None

        def rename(m: re.Match[str]) -> str:
            nonlocal found
            name = m[1].replace("-", "_")
            if name in names or (name == "known_at" and "until" in names):
                found = found or name
                return name
            return m[0]

        detail = re.sub(r"--([a-z][a-z-]*)", rename, text)
        if found is None and not problem.about_record:  # a record's problem names no option
            first = re.match(r'^(figure|company|all|format|until|\w+)(?::| ")', detail)
            if first and first[1] in names:
                found = first[1]
        out.append({"detail": detail, "parameter": found, **_record_keys(problem)})
    return out


def _record_keys(problem: Problem) -> dict[str, Any]:
    if not problem.about_record:
        return {}
    return {"where": problem.where, "record_id": problem.record_id, "field": problem.field}


# --- writes -----------------------------------------------------------------------------------


def _writer(request: Request) -> str:
    """The name of the token allowed to write, or the refusal (403 off, 401, 403 read)."""
    from . import tokens

    config = config_of(request)
    if not config.allow_writes:
        raise HTTPException(403, "writes are off: this server was started without "
                                 "--allow-writes; it only answers queries")
    header = request.headers.get("authorization", "")
    scheme, _, presented = header.partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        raise HTTPException(401, "a write needs a token: send Authorization: Bearer TOKEN "
                                 "(caledger token add NAME makes one)",
                            headers={"WWW-Authenticate": 'Bearer realm="caledger"'})
    holder = tokens.check(tokens.tokens_file(config.tokens), presented.strip())
    if holder is None:
        raise HTTPException(401, "the token is not one this server knows",
                            headers={"WWW-Authenticate": 'Bearer realm="caledger", '
                                                         'error="invalid_token"'})
    if holder.role != "write":
        raise HTTPException(403, f'token "{holder.name}" may read, not write; ask for a '
                                 "write token")
    return holder.name


def _acting_as(db: str | None, name: str) -> Any:
    """Writes within are recorded as ``name`` (their recorded_by), unless the store records
    who writes itself (PostgreSQL: the server's database role; the token's name is then in
    ``via``)."""
    from ..adapters import adapter_for
    from ..provenance import acting

    return acting(None if adapter_for(Location.parse(db)).records_writer_role else name)


async def _text(request: Request) -> str:
    body = await request.body()
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadQuery(f"body: not UTF-8 ({e.reason} at byte {e.start})") from None


async def _json_object(request: Request) -> dict[str, Any]:
    return _one_object(await _text(request))


def _one_object(text: str) -> dict[str, Any]:
    from ..jsonio import loads_exact

    try:  # numbers kept as their digits (never a binary float), as import reads them
        data = loads_exact(text)
    except ValueError as e:
        raise BadQuery(f"body: not JSON ({e})") from None
    if not isinstance(data, dict):
        raise BadQuery("body: give one JSON object")
    return data


def _created(data: dict[str, Any], added: bool) -> Response:
    """201 when the write stored something; 200 when it stored nothing (already there, or a
    dry run)."""
    return Response(render.to_json(data) + "\n",
                    status_code=201 if added and not data.get("dry_run") else 200,
                    media_type="application/json")


def _stored(schema: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """A write's answers: 201 when it stored something, 200 when not."""
    content = {"application/json": {"schema": schema}}
    return {201: {"description": "Stored: the write's report, as the command's --json.",
                  "content": content},
            200: {"description": "Nothing stored: every record already there, or a dry run "
                                 "(dry_run=true: what the write would store).",
                  "content": content}}


#: ``dry_run``, a query parameter of every write, as ``--dry-run`` on the command line.
_DRY_RUN = QueryParam(False, description=(
    "true: the very same write, every check against the ledger included, then rolled back "
    "(as --dry-run): the same problems, or the answer the write would give, with "
    "\"dry_run\": true and no positions; nothing is stored (200)."))


_JSONL = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
          "application/json-lines", "application/jsonlines")


@router.post("/records", summary="Record one disclosed action (a JSON object, as append), or "
                                 "import a JSON Lines body or a JSON array, all or nothing "
                                 "(as import).",
             responses={**_stored({"anyOf": [ADDED_SCHEMA, IMPORTED_SCHEMA]}),
                 401: {"description": "No token, or one the server does not know."},
                 403: {"description": "Writes are off, or a read token."},
                 413: {"description": "The body is too large."},
                 422: {"description": "Records refused: every problem, by line; nothing "
                                      "stored."}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {"type": "object"}},
                 "application/x-ndjson": {"schema": {"type": "string"}}}}})
async def post_records(request: Request, dry_run: bool = _DRY_RUN) -> Response:
    name = _writer(request)
    db = config_of(request).db
    via = f"serve: POST /api/v1/records (token {name})"
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    text = await _text(request) if kind in (*_JSONL, "text/plain", "application/json") \
        else ""
    if kind in _JSONL or kind == "text/plain" or (kind == "application/json"
                                                    and text.lstrip().startswith("[")):
        report = await run_in_threadpool(_import_lines, db, name, text, via, dry_run)
        return _created(report, report["added"] > 0)
    if kind != "application/json":
        raise HTTPException(415, "Content-Type: send application/json (one record) or "
                                 "application/x-ndjson (JSON Lines, all or nothing)")
    record = _one_object(text)
    record_type = record.pop("type", None)
    if not is_text(record_type):
        raise RejectedInput("body: record field type: give the record's type, e.g. "
                            '"btc_purchased"')

    def append() -> Any:
        with _acting_as(db, name):
            return api.append(db, record_type, record, via=via, dry_run=dry_run)

    report = await run_in_threadpool(append)
    return _created(report.to_json(), report.added)


def _import_lines(db: str | None, name: str, text: str, via: str, dry_run: bool = False
                  ) -> dict[str, Any]:
    """A JSON Lines body, imported as ``caledger import`` imports a file: all or nothing,
    each problem named by its line."""
    from ..importer import Spool, store_validated, validate_into

    with Spool("") as spool:
        problems = list(validate_into(spool, "-", text, None))
        spool.flush()
        problems += spool.duplicates
        if problems:
            raise RejectedInput(*map(_on_body_line, problems), "nothing was stored")
        with _acting_as(db, name):
            try:
                return store_validated(db, spool, ["<body>"], via=via,
                                       dry_run=dry_run).to_json()
            except RejectedInput as e:  # the store's refusals, placed on their lines too
                raise RejectedInput(*map(_on_body_line, e.details)) from None


def _on_body_line(problem: Problem) -> Problem:
    """A problem with a record read from standard input, placed on the body's line."""
    if problem.where is None:
        return problem
    return problem.at(problem.where.replace("<stdin>:", "body line ", 1))


_CORRECT_KEYS = {"record", "reason", "type", "id", "unset"}


@router.post("/correct", summary="Correct a record (as caledger correct): its current content "
                                 "with the given fields replaced.",
             responses=_stored(CORRECTED_SCHEMA),
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {
                     "type": "object", "required": ["record", "reason"],
                     "properties": {"record": _S, "reason": _S, "type": _S, "id": _S,
                                    "unset": {"type": "array", "items": _S}},
                     "additionalProperties": True}}}}})
async def post_correct(request: Request, dry_run: bool = _DRY_RUN) -> Response:
    from .. import kinds

    name = _writer(request)
    db = config_of(request).db
    body = await _json_object(request)
    fields_known = {*kinds.COMMON_FIELDS, *(f for fs in kinds.FIELDS.values() for f in fs)}
    for key in body:
        if key not in _CORRECT_KEYS and key not in fields_known:
            raise BadQuery(f"{key}: not a field a correction can set; give record, reason, "
                           "type, id, unset or a record field")
    record_id = body.get("record")
    if not is_text(record_id):
        raise BadQuery('record: give the id of the record to correct')
    fields = {k: v for k, v in body.items() if k not in _CORRECT_KEYS}
    unset = body.get("unset") or []
    if not isinstance(unset, list) or not all(is_text(u) for u in unset):
        raise BadQuery("unset: give a list of field names")

    def correct() -> Any:
        with _acting_as(db, name):
            return api.correct(db, record_id, reason=body.get("reason"), fields=fields,
                               new_type=body.get("type"), unset=tuple(unset),
                               correction_id=body.get("id"),
                               via=f"serve: POST /api/v1/correct (token {name})",
                               dry_run=dry_run)

    report = await run_in_threadpool(correct)
    return _created(report.to_json(), report.added)


@router.post("/retract", summary="Retract a record (as caledger retract).",
             responses=_stored(ADDED_SCHEMA),
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": {
                     "type": "object", "required": ["record", "reason"],
                     "properties": {"record": _S, "reason": _S, "id": _S},
                     "additionalProperties": False}}}}})
async def post_retract(request: Request, dry_run: bool = _DRY_RUN) -> Response:
    name = _writer(request)
    db = config_of(request).db
    body = await _json_object(request)
    for key in body:
        if key not in ("record", "reason", "id"):
            raise BadQuery(f"{key}: a retraction takes record, reason and id only")
    record_id = body.get("record")
    if not is_text(record_id):
        raise BadQuery("record: give the id of the record to retract")

    def retract() -> Any:
        with _acting_as(db, name):
            return api.retract(db, record_id, reason=body.get("reason"),
                               retraction_id=body.get("id"),
                               via=f"serve: POST /api/v1/retract (token {name})",
                               dry_run=dry_run)

    report = await run_in_threadpool(retract)
    return _created(report.to_json(), report.added)


__all__ = ["QUERIES", "CaledgerError", "router"]
