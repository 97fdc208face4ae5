"""The server-rendered pages of ``caledger serve``: HTML that works without script.

Every figure comes from the library functions the commands use (``ledger/api.py``), and the
company page is the static ``report`` page (``ledger/report_page.py``: the same writer, in the
frame every served page has); only where its links point differs (``ServedLinks``). Each page is computed at one store
position: ``known_at`` (absent: the current head; the app redirects a GET without it to the
same URL pinned to ``@HEAD``), and shows that position and its head hash. As-of and known-at
are a GET form on every page. A company or record the ledger does not know is a 404 page, a
date or position it can't read a 400 page; nothing a caller sends shows a traceback.

Cited documents are served from the ``--sources`` folder only: a path that leaves it (``..``,
absolute, through a symlink) is refused with 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import fastapi
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import api, report_page
from ..errors import (BadQuery, CaledgerError, LedgerNotFound, StoreUnavailable,
                      UnknownCompany, UnknownRecord)

router = fastapi.APIRouter()

#: How many of the newest store positions the known-at control offers (free entry for others).
POSITIONS_OFFERED = 40
#: How many positions back the change list starts when no ``since`` is given.
CHANGES_WINDOW = 50
#: The files served under /static.
STATIC_FILES = {"caledger.css": "text/css; charset=utf-8"}


class PageError(Exception):
    """A page that can't be shown: its status code, title and message."""

    def __init__(self, status: int, title: str, message: str):
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


_STATUS = ((UnknownCompany, 404, "No such company"), (UnknownRecord, 404, "No such record"),
           (LedgerNotFound, 404, "No ledger"), (StoreUnavailable, 503, "Ledger unavailable"),
           (BadQuery, 400, "Bad request"))


def _error_page(request: Request, error: PageError) -> HTMLResponse:
    return HTMLResponse(report_page.render("error.html", error=error, served=True,
                                           inline_css=None, site=None),
                        status_code=error.status)


#: The commands' options as the pages' query parameters name them, for the error messages.
_PARAMETERS = (("--as-of", "as_of"), ("--known-at", "known_at"), ("--since", "since"),
               ("--until", "known_at"))


def _as_parameters(problem: str) -> str:
    """A library message about a command's option, naming the page's parameter instead."""
    for option, parameter in _PARAMETERS:
        problem = problem.replace(option, parameter)
    return problem


def _text(value: str | None) -> str | None:
    """A query parameter: None when absent or blank."""
    return value.strip() or None if value is not None else None


# --- where a page was computed, and the controls ----------------------------------------------


@dataclass
class Site:
    """What every served page's header needs: its path, the position it was computed at
    (links carry it, so following one keeps the same figures), the as-of day and the
    positions the known-at control offers."""

    path: str
    position: int
    as_of: str | None
    positions: list[dict[str, Any]]
    hidden: list[tuple[str, str]] = field(default_factory=list)

    @property
    def known_at(self) -> str:
        return f"@{self.position}"

    def href(self, path: str, **params: Any) -> str:
        """``path`` pinned to this page's position (and as-of day unless given)."""
        query = {"as_of": self.as_of, **params, "known_at": self.known_at}
        query = {k: v for k, v in query.items() if v is not None}
        return f"{path}?{urlencode(query)}"


def _positions(db: str | None, selected: int) -> list[dict[str, Any]]:
    """The newest store positions with the time each was recorded (and ``selected``)."""
    from ..reader import open_reader

    with open_reader(db) as reader:
        head = reader.position()
        with reader.reading() as cur:
            rows = cur.execute("SELECT position, known_from FROM rm_log WHERE position > ? "
                               "ORDER BY position DESC", (head - POSITIONS_OFFERED,)).fetchall()
            if selected <= head - POSITIONS_OFFERED:  # an older position, asked for
                rows += cur.execute("SELECT position, known_from FROM rm_log "
                                    "WHERE position = ?", (selected,)).fetchall()
    return [{"position": p, "recorded_at": str(at)[:19].replace("T", " ") + "Z",
             "selected": p == selected, "head": p == head} for p, at in rows]


def _site(request: Request, position: int, as_of: str | None,
          hidden: dict[str, str | None] | None = None) -> Site:
    return Site(request.url.path, position, as_of, _positions(_db(request), position),
                [(k, v) for k, v in (hidden or {}).items() if v is not None])


def _db(request: Request) -> str | None:
    return request.app.state.config.db


class ServedLinks:
    """Where the company page's links point when served: each record to its page, each
    citation to the cited line of the document (when the server has it), each figure to its
    explanation, all pinned to the page's position."""

    served = True

    def __init__(self, site: Site, company: str, available: Callable[[str], bool]):
        self.site, self.company, self.available = site, company, available

    def record(self, record_id: str) -> str:
        return self.site.href(f"/record/{quote(record_id, safe='')}", as_of=None)

    def source(self, document: str, line: Any) -> str | None:
        if not self.available(document):
            return None
        return self.site.href(f"/sources/{quote(document)}", line=line, as_of=None) + f"#L{line}"

    def figure(self, kind: str, day: str, figure: str) -> str:
        return self.site.href(f"/company/{quote(self.company, safe='')}/explain/"
                              f"{quote(figure, safe='')}", as_of=day)

    def document(self, document: str) -> str | None:
        if not self.available(document):
            return None
        return self.site.href(f"/sources/{quote(document)}", as_of=None)


def _available(request: Request) -> Callable[[str], bool]:
    """Whether the server can show a cited document (so no page links to a missing one)."""
    folder = request.app.state.config.sources

    def check(document: str) -> bool:
        return folder is not None and _inside(Path(folder), document) is not None

    return check


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(report_page.render(template, served=True, inline_css=None, **context))


def _guarded(handler: Callable[..., Response]) -> Callable[..., Response]:
    """``handler`` with the ledger's errors shown as an error page (404, 400, 503), and a
    typed known-at (``known_at_text``) redirected to the same page pinned to it."""
    import functools

    @functools.wraps(handler)
    def page(request: Request, *args: Any, **kwargs: Any) -> Response:
        typed = _text(request.query_params.get("known_at_text"))
        if "known_at_text" in request.query_params:
            query = [(k, v) for k, v in request.query_params.multi_items()
                     if k not in ("known_at_text", "known_at" if typed else "")]
            if typed:
                query.append(("known_at", typed))
            return RedirectResponse(f"{request.url.path}?{urlencode(query)}", status_code=303)
        try:
            return handler(request, *args, **kwargs)
        except PageError as e:
            return _error_page(request, e)
        except CaledgerError as e:
            status, title = next(((s, t) for kind, s, t in _STATUS if isinstance(e, kind)),
                                 (400, "Bad request"))
            return _error_page(request, PageError(status, title, "\n".join(
                _as_parameters(p) for p in e.problems)))

    return page


# --- the pages ----------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@_guarded
def companies(request: Request, as_of: str | None = None, known_at: str | None = None
              ) -> Response:
    """Every company, with its holdings as of the day (default today) and their status."""
    from .. import reports
    from ..snapshot import snapshot

    as_of, known_at = _text(as_of), _text(known_at)
    day, _ = reports.prepare("holdings", as_of)
    with snapshot(_db(request), known_at) as snap:  # one snapshot: the rows and the stamp
        rows = [snap.compute("holdings", t, day).to_json() for t in snap.tickers(None)]
        listed = snap.compute("companies", None, None).to_json()
        stamp = snap.stamp()
    day = rows[0]["as_of"] if rows else as_of
    site = _site(request, stamp["position"], day)
    counts = {c["company"]: c for c in listed}
    return _page(request, "companies.html", site=site, rows=rows, counts=counts,
                 stamp=stamp, as_of=day)


def _stamp(request: Request, known_at: str | None) -> dict[str, Any]:
    """Where an empty answer was computed (a ledger with no company has no holdings row)."""
    from ..snapshot import snapshot

    with snapshot(_db(request), known_at) as snap:
        return snap.stamp()


@router.get("/company/{ticker}", response_class=HTMLResponse, include_in_schema=False)
@_guarded
def company(request: Request, ticker: str, as_of: str | None = None,
            known_at: str | None = None) -> Response:
    """The company page: the static report's template, linked to the other pages."""
    as_of, known_at = _text(as_of), _text(known_at)
    data = api.report_data(_db(request), ticker, as_of, known_at)
    pinned = f"@{data['position']}"
    data["shares"] = api.shares(_db(request), data["company"], data["as_of"], pinned)
    data["kpi"] = api.kpi(_db(request), data["company"], data["as_of"], known_at=pinned)
    data["share_rows"] = _share_rows(data["shares"], data["kpi"])
    site = _site(request, data["position"], data["as_of"])
    links = ServedLinks(site, data["company"], _available(request))
    return HTMLResponse(report_page.page(data, links, served=True, site=site))


_KPI = ("btc_per_share", "basic_btc_per_share", "sats_per_share", "assumed_diluted_shares")


def _share_rows(shares: dict[str, Any], kpi: dict[str, Any]) -> list[dict[str, Any]]:
    """The served page's share and per-share rows: figure, value (None: not known), why."""
    rows = []
    for name, value in shares["shares"].items():
        rows.append({"name": f"shares.{name}", "value": value, "explain": value is not None,
                     "why": f"{shares['status'][name]}: {shares['reason'][name]}"})
    for name in _KPI:
        figure = f"kpi.{name}"
        value = kpi[name]["as_of"]
        rows.append({"name": figure, "value": value, "explain": figure in kpi["figures"],
                     "why": f"{kpi['status'].get(figure, '')}: {kpi['reason'].get(figure, '')}"
                     if figure in kpi["status"] else ""})
    return rows


@router.get("/company/{ticker}/explain/{figure}", response_class=HTMLResponse,
            include_in_schema=False)
@_guarded
def explain(request: Request, ticker: str, figure: str, as_of: str | None = None,
            known_at: str | None = None, since: str | None = None) -> Response:
    """How a figure was derived, each record linked to its page and each citation to the
    cited line of its document."""
    as_of, known_at, since = _text(as_of), _text(known_at), _text(since)
    data = api.explain(_db(request), ticker, figure, as_of, known_at, since)
    site = _site(request, data["position"], data.get("as_of"), {"since": since})
    links = ServedLinks(site, data["company"], _available(request))
    return _page(request, "explain.html", site=site, links=links, data=data, figure=figure,
                 company=data["company"])


@router.get("/record/{record_id:path}", response_class=HTMLResponse, include_in_schema=False)
@_guarded
def record(request: Request, record_id: str, as_of: str | None = None,
           known_at: str | None = None) -> Response:
    """A record with every amendment (correction, retraction) stored by then."""
    as_of, known_at = _text(as_of), _text(known_at)
    data = api.show(_db(request), record_id, known_at)
    site = _site(request, data["position"], as_of)
    company = ((data.get("original") or {}).get("company")
               or ((data.get("amendment") or {}).get("event") or {}).get("company"))
    links = ServedLinks(site, company or "", _available(request))
    return _page(request, "record.html", site=site, links=links, data=data, company=company,
                 record_id=record_id)


def _changes(request: Request, company: str | None, since: str | None, known_at: str | None,
             by: str | None) -> dict[str, Any]:
    if since is None:  # the last CHANGES_WINDOW positions, in the same snapshot
        from ..snapshot import snapshot

        with snapshot(_db(request), known_at) as snap:
            return snap.compute("changes", company, None,  # type: ignore[no-any-return]
                                since=f"@{max(0, snap.position - CHANGES_WINDOW)}",
                                until=known_at, by=by).to_json()
    return api.changes(_db(request), company, since, known_at, by=by)


@router.get("/changes", response_class=HTMLResponse, include_in_schema=False)
@_guarded
def changes(request: Request, company: str | None = None, since: str | None = None,
            known_at: str | None = None, by: str | None = None, as_of: str | None = None
            ) -> Response:
    """What was recorded after ``since`` (default: the last 50 positions) up to known-at."""
    company, since, by = _text(company), _text(since), _text(by)
    data = _changes(request, company, since, _text(known_at), by)
    site = _site(request, data["position"], _text(as_of),
                 {"company": company, "since": since, "by": by})
    links = ServedLinks(site, company or "", _available(request))
    atom = site.href("/changes.atom", as_of=None, company=company,
                     since=f"@{data['since']['position']}", by=by)
    return _page(request, "changes.html", site=site, links=links, data=data, atom=atom)


@router.get("/changes.atom", include_in_schema=False)
@_guarded
def changes_atom(request: Request, company: str | None = None, since: str | None = None,
                 known_at: str | None = None, by: str | None = None) -> Response:
    """The change list as an Atom feed (``caledger changes --format atom``)."""
    from ..render.changes import changes_atom as atom

    data = _changes(request, _text(company), _text(since), _text(known_at), _text(by))
    return Response(atom(data), media_type="application/atom+xml; charset=utf-8")


# --- cited documents ---------------------------------------------------------------------------


def _inside(folder: Path, document: str) -> Path | None:
    """The file ``document`` names inside ``folder``, or None: a name that is absolute,
    climbs out (``..``), or resolves outside the folder (a symlink out) names nothing."""
    if not document or "\x00" in document or document.startswith(("/", "\\")):
        return None
    parts = Path(document).parts
    if any(p in ("..", ".") or ":" in p or "\\" in p for p in parts):
        return None
    try:
        root = folder.resolve(strict=True)
        path = (root / document).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


@router.get("/sources/{document:path}", response_class=HTMLResponse, include_in_schema=False)
@_guarded
def source(request: Request, document: str, line: list[str] = fastapi.Query(default=[]),
           as_of: str | None = None, known_at: str | None = None) -> Response:
    """A cited document as numbered lines (as ``draft`` numbers them, which is what a
    citation's line means), the cited ``line`` (or lines) highlighted and linked as #LN."""
    cited = set()
    for text in line:
        if not text.strip().isdigit() or int(text) < 1:
            raise PageError(400, "Bad request", f'line "{text}": a line number, a whole number '
                            "from 1 (a citation's line)")
        cited.add(int(text))
    folder = request.app.state.config.sources
    if folder is None:
        raise PageError(404, "No sources folder",
                        "This server was started without --sources, so it does not serve the "
                        "cited documents; start it with --sources DIR, the folder holding them.")
    if not Path(folder).is_dir():
        raise PageError(404, "No sources folder",
                        f'The sources folder "{folder}" this server was given does not exist '
                        "(or is not a folder); restart it with --sources naming the folder "
                        "holding the cited documents.")
    path = _inside(Path(folder), document)
    if path is None:
        raise PageError(404, "No such document",
                        f'"{document}": no such document in the sources folder; a document is '
                        "named by its path inside that folder.")
    try:
        text = api.document_text(str(path))
    except (OSError, ValueError, CaledgerError) as e:
        raise PageError(404, "Document unreadable", f'"{document}": can\'t read it: {e}') \
            from None
    stamp = _stamp(request, _text(known_at))
    site = _site(request, stamp["position"], _text(as_of), {})
    lines = list(enumerate(text["lines"], start=1))
    return _page(request, "source.html", site=site, document=document, stamp=stamp,
                 lines=lines, cited={n for n in cited if n <= len(lines)},
                 past={n for n in cited if n > len(lines)})


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    """The stylesheet (the only static file: the pages need no script)."""
    if name not in STATIC_FILES:
        return Response("no such file\n", status_code=404, media_type="text/plain")
    return Response((report_page.STATIC / name).read_bytes(), media_type=STATIC_FILES[name],
                    headers={"Cache-Control": "public, max-age=3600"})
