"""``caledger serve``'s pages: server-rendered HTML computed by the library functions the
commands use, the company page from the report page's template, pinned to a store position.

Fast tests drive the app through FastAPI's test client on both stores; the browser tests serve
it with uvicorn on a free port and drive the system's Chromium with Playwright (skipped, with
the reason, where Chromium or Playwright is missing, as the report page's browser test is)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.conftest import SEEDS, import_records, rec

pytest.importorskip("fastapi", reason="caledger serve needs FastAPI (pip install -e .)")
from fastapi.testclient import TestClient  # noqa: E402

from ledger import api  # noqa: E402
from ledger.render import btc  # noqa: E402
from ledger.web.app import create_app  # noqa: E402
from ledger.web.config import ServeConfig  # noqa: E402

NASTY = ('<script>window.__owned = 1</script><img src="x" onerror="window.__owned = 2"> '
         '& "quotes" \'too\'')

#: The Content-Security-Policy the served app sends (``ledger/web/app.py``); the browser tests
#: send it themselves when the app they serve does not, so an inline style or script on any
#: page is a console error there.
CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def seed_records() -> list[dict[str, Any]]:
    return [json.loads(line) for seed in SEEDS
            for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_sources(folder: Path, records: list[dict[str, Any]]) -> Path:
    """Stand-ins for the documents ``records`` cite, each line saying which line it is (the
    real documents are not the project's to copy)."""
    folder.mkdir(parents=True, exist_ok=True)
    longest: dict[str, int] = {}
    for r in records:
        for s in r.get("sources", []):
            longest[s["document"]] = max(longest.get(s["document"], 0), s["line"])
    for document, last in longest.items():
        (folder / document).write_text(
            "".join(f"Line {n} of the stand-in for {document}.\n" for n in range(1, last + 4)),
            encoding="utf-8")
    return folder


class Page(HTMLParser):
    """What a served page holds: tags, ids, links, text, and anything the CSP would block."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.inline: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value and tag == "a":
                self.links.append(value)
            if name == "style" or name.startswith("on"):
                self.inline.append(f"<{tag} {name}>")
        if tag in ("style", "script"):
            self.inline.append(f"<{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        return "".join(self.text)


SECTIONS = ("chart", "holdings", "reconciliation", "capital", "shares", "results", "value",
            "explanations", "records", "sources")


def served_links(page: Page, prefix: str) -> list[str]:
    return [link for link in page.links if link.startswith(prefix)]


# --- the app over the test client, on both stores --------------------------------------------


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return write_sources(tmp_path / "documents", seed_records() + [rec("x", "btc_mined", "2025")])


@pytest.fixture
def client(seeded: str, sources: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(db=seeded, sources=sources)),
                    raise_server_exceptions=False) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200) -> Page:
    answer = client.get(url, follow_redirects=True)
    assert answer.status_code == status, (url, answer.status_code, answer.text[-2000:])
    assert "Traceback" not in answer.text
    if answer.headers["content-type"].startswith("text/html"):
        page = Page(answer.text)
        assert page.inline == [], f"{url}: inline style or script the CSP would block"
        assert len(page.ids) == len(set(page.ids)), f"{url}: duplicate ids"
        return page
    return Page("")


def head(db: str) -> tuple[int, str]:
    data = api.holdings_json(api.holdings(db, "MARA", "2025-09-30"))
    return data["position"], data["head_hash"]


def test_the_companies_page_lists_each_company_with_its_holdings_and_their_status(
        client, seeded):
    position, head_hash = head(seeded)
    for url in ("/?as_of=2025-09-30", f"/?as_of=2025-09-30&known_at=@{position}"):
        page = get(client, url)
        expected = api.holdings_json(api.holdings(seeded, "MARA", "2025-09-30"))
        assert btc(expected["btc"]["total"]) in page.words
        assert f"total {expected['status']['total']}" in page.words
        assert f"loaned {expected['status']['loaned']}" in page.words
        assert "not known" in page.words  # the buckets the company never disclosed
        # pinned: shows where it was computed, and every link keeps that position
        assert f"@{position}" in page.words and head_hash in page.words
        company = [link for link in page.links if link.startswith("/company/MARA?")]
        assert company and all(f"known_at=%40{position}" in link for link in company)


def test_as_of_and_known_at_change_the_figures(client, seeded):
    late = get(client, "/?as_of=2025-09-30").words
    early = get(client, "/?as_of=2024-12-31").words
    before = get(client, "/?as_of=2024-12-31&known_at=@8").words
    for words, as_of, known_at in ((late, "2025-09-30", None), (early, "2024-12-31", None),
                                   (before, "2024-12-31", "@8")):
        total = api.holdings_json(api.holdings(seeded, "MARA", as_of, known_at))["btc"]["total"]
        assert (btc(total) if total else "not known") in words
    assert btc("52850") in late and btc("44893") in early and btc("44893") not in before
    assert "as known at @8" in before and "store position @8" in before


def test_known_at_offers_the_store_positions_with_their_times_and_free_entry(client, seeded):
    position, _ = head(seeded)
    answer = client.get("/?known_at=@5")
    options = re.findall(r'<option value="@(\d+)"( selected)?>@\d+ (\S+ \S+Z)', answer.text)
    assert [int(p) for p, _, _ in options] == list(range(position, 0, -1))
    assert [p for p, selected, _ in options if selected] == ["5"]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", when) for _, _, when in options)
    # typing a moment instead: the same page, pinned to it
    typed = client.get("/?as_of=2025-09-30&known_at=@15&known_at_text=@3",
                       follow_redirects=False)
    assert typed.status_code == 303
    assert parse_qs(urlsplit(typed.headers["location"]).query) == {
        "as_of": ["2025-09-30"], "known_at": ["@3"]}
    blank = client.get("/?known_at=@4&known_at_text=", follow_redirects=False)
    assert parse_qs(urlsplit(blank.headers["location"]).query) == {"known_at": ["@4"]}



def test_known_at_offers_an_older_position_when_it_is_the_one_shown(client, seeded,
                                                                     monkeypatch):
    from ledger.web import pages

    monkeypatch.setattr(pages, "POSITIONS_OFFERED", 5)
    position, _ = head(seeded)
    answer = client.get("/?known_at=@2")
    options = re.findall(r'<option value="@(\d+)"( selected)?', answer.text)
    assert options == [(str(p), "") for p in range(position, position - 5, -1)] + [("2", " selected")]


def test_the_company_page_is_the_report_page_served(client, seeded, run, tmp_path):
    position, head_hash = head(seeded)
    page = get(client, f"/company/MARA?as_of=2026-03-31&known_at=@{position}")
    summary = run("report", "MARA", "--out", str(tmp_path / "site"), "--as-of", "2026-03-31",
                  "--known-at", f"@{position}", "--db", seeded, "--json")
    static = Page(Path(summary["out"]).read_text(encoding="utf-8"))
    # the same template: every element of the static page is on the served one
    assert set(static.ids) <= set(page.ids)
    sections = [i for i in page.ids if i in SECTIONS]
    assert [i for i in static.ids if i in SECTIONS] == [i for i in sections if i != "shares"]
    assert "shares" in sections  # what only the served page adds (caledger shares and kpi)
    assert "MARA: bitcoin treasury report" in page.words and head_hash in page.words
    assert "svg" in page.tags and "link" in page.tags and "style" not in page.tags
    for figure in ("52,850", "44,893", "unexplained +7,957", "$950,000,000"):
        assert figure in page.words
    # shares and per-share figures, value figures: from the commands behind them
    shares = api.shares(seeded, "MARA", "2026-03-31", f"@{position}")
    assert "Shares and per-share figures" in page.words
    for name in shares["shares"]:
        assert f"shares.{name}" in page.words
    assert "kpi.btc_per_share" in page.words and "value.market_value" in page.words
    # each figure links to its explanation, each record to its page, each citation to the
    # cited line of its document, all pinned to the page's position
    explain = served_links(page, "/company/MARA/explain/btc.total?")
    assert explain and all(f"known_at=%40{position}" in link for link in explain)
    records = served_links(page, "/record/")
    history = run("history", "MARA", "--db", seeded, "--json")
    assert {f"/record/{r['id']}" for r in history} <= {link.split("?")[0] for link in records}
    cited = served_links(page, "/sources/")
    assert any(re.search(r"\?line=7&known_at=%40\d+#L7$", link) for link in cited)


def test_a_figure_explained_links_its_records_and_their_cited_lines(client, seeded):
    page = get(client, "/company/MARA/explain/btc.total?as_of=2025-09-30")
    data = api.explain(seeded, "MARA", "btc.total", "2025-09-30")
    assert f"btc.total = {btc(data['value'])}" in page.words
    assert data["reason"] in page.words
    position = data["position"]
    for step in data["steps"]:
        record = step["record"]
        assert f"/record/{record['id']}?known_at=%40{position}" in page.links
        for s in record["sources"]:
            assert (f"/sources/{s['document']}?line={s['line']}&known_at=%40{position}"
                    f"#L{s['line']}") in page.links
    for left in data["left_out"]:
        assert f"/record/{left['record']['id']}?known_at=%40{position}" in page.links
    # value figures explain what they rest on; capital figures too
    value = get(client, "/company/MARA/explain/value.unrealized_gain?as_of=2026-03-31")
    assert "value.market_value" in value.words and "not known" in value.words
    notes = get(client, "/company/MARA/explain/notes.outstanding?as_of=2026-03-31")
    assert "$950,000,000" in notes.words


def test_a_record_page_shows_every_amendment(client, seeded):
    api.correct(seeded, "mara-2024q4-mined", reason="a typo in the release", fields={"btc": "2493"})
    api.retract(seeded, "mara-2025-08-exaion-stake", reason="<b>not</b> a stake")
    corrected = get(client, "/record/mara-2024q4-mined")
    shown = api.show(seeded, "mara-2024q4-mined")
    assert "Status: corrected" in corrected.words and "a typo in the release" in corrected.words
    assert "2493" in corrected.words and "2492" in corrected.words  # now, and as first stored
    assert f"store position @{shown['position']}" in corrected.words
    assert shown["head_hash"] in corrected.words
    assert len(shown["amendments"]) == 1
    retracted = get(client, "/record/mara-2025-08-exaion-stake")
    assert "Status: retracted" in retracted.words and "<b>not</b> a stake" in retracted.words
    # as known before the correction: no amendment yet
    corrected_at = shown["amendments"][0]["position"]
    before = get(client, f"/record/mara-2024q4-mined?known_at=@{corrected_at - 1}")
    assert "Status: current" in before.words and "None: the record stands" in before.words
    # an amendment's own page names what it amends
    amendment = shown["amendments"][0]["id"]
    page = get(client, f"/record/{quote(amendment, safe='')}")
    assert "correction of" in page.words and "/record/mara-2024q4-mined?" in " ".join(page.links)


def test_the_change_list_and_its_atom_feed_are_the_commands(client, seeded, caledger):
    position, head_hash = head(seeded)
    page = get(client, f"/changes?since=@0&known_at=@{position}")
    data = api.changes(seeded, None, "@0", f"@{position}")
    for r in data["records"]:
        assert f"@{r['position']}" in page.words and r["id"] in page.words
    assert head_hash in page.words
    feed = client.get(f"/changes.atom?since=@3&known_at=@{position}")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith(
        "application/atom+xml")
    cli = caledger("changes", "--since", "@3", "--until", f"@{position}", "--db", seeded,
                   "--format", "atom")
    assert feed.text.strip() == cli.stdout.strip()
    # the page links its feed, pinned to the same window
    assert any(link.startswith("/changes.atom?") and "since=%403" not in link
               and f"known_at=%40{position}" in link for link in page.links)
    # without since: the newest positions, up to known-at
    recent = get(client, f"/changes?known_at=@{position}")
    assert f"@{position}" in recent.words


def test_a_cited_document_is_shown_with_line_numbers_and_the_cited_line_highlighted(
        client, sources):
    document = "000_f95c8edb9efd2b64.txt"
    answer = client.get(f"/sources/{document}?line=7")
    assert answer.status_code == 200
    page = Page(answer.text)
    lines = (sources / document).read_text(encoding="utf-8").splitlines()
    assert [f"L{n}" for n in range(1, len(lines) + 1)] == [i for i in page.ids if i.startswith("L")]
    assert re.search(r'<tr id="L7" class="cited">', answer.text)
    assert len(re.findall(r'class="cited"', answer.text)) == 1
    assert lines[6] in page.words
    two = client.get(f"/sources/{document}?line=2&line=5")
    assert len(re.findall(r'class="cited"', two.text)) == 2
    past = client.get(f"/sources/{document}?line=5&line={len(lines) + 9}")
    assert len(re.findall(r'class="cited"', past.text)) == 1
    assert f"The document has {len(lines)} lines: no line {len(lines) + 9}." in Page(past.text).words
    for bad in ("abc", "-5", "0", "1.5"):
        answer = client.get(f"/sources/{document}?line={bad}")
        assert answer.status_code == 400 and f'line "{bad}": a line number' in Page(answer.text).words


@pytest.mark.parametrize("path", [
    "/sources/../pyproject.toml", "/sources/%2e%2e/secret.txt", "/sources/%2E%2E%2Fsecret.txt",
    "/sources/..%2fsecret.txt", "/sources//etc/passwd", "/sources/%2fetc%2fpasswd",
    "/sources/sub/../../secret.txt", "/sources/link-out.txt", "/sources/linked-dir/secret.txt",
    "/sources/nope.txt", "/sources/", "/sources/%00.txt",
])
def test_no_path_reaches_outside_the_sources_folder(client, sources, path):
    (sources.parent / "secret.txt").write_text("the secret\n")
    (sources / "sub").mkdir(exist_ok=True)
    link = sources / "link-out.txt"
    if not link.exists():
        link.symlink_to(sources.parent / "secret.txt")
        (sources / "linked-dir").symlink_to(sources.parent, target_is_directory=True)
    answer = client.get(path, follow_redirects=True)
    assert answer.status_code == 404, (path, answer.status_code)
    assert "the secret" not in answer.text and "root:" not in answer.text
    assert "Traceback" not in answer.text


def test_sources_without_a_folder_is_a_clear_404(seeded, tmp_path):
    for folder, says in ((None, "started without --sources"),
                         (tmp_path / "not-there", "does not exist")):
        with TestClient(create_app(ServeConfig(db=seeded, sources=folder))) as c:
            answer = c.get("/sources/000_f95c8edb9efd2b64.txt?line=7")
            assert answer.status_code == 404 and says in answer.text
            # and no page links to a document the server can't show
            page = get(c, "/company/MARA/explain/btc.total?as_of=2025-09-30")
            assert not served_links(page, "/sources/")


@pytest.mark.parametrize("url, status, says", [
    ("/company/NOPE", 404, "NOPE: no records for this company"),
    ("/company/NOPE/explain/btc.total", 404, "NOPE: no records for this company"),
    ("/record/no-such-record", 404, "no such record"),
    ("/company/MARA?as_of=2025-13-45", 400, "as_of: "),
    ("/?as_of=yesterday-ish", 400, "as_of: "),
    ("/company/MARA/explain/no.such.figure?as_of=2025-09-30", 400, "no such figure"),
    ("/?known_at=@999", 400, "newest record is @15"),
    ("/company/MARA?known_at=not-a-time", 400, 'known_at "not-a-time": not an ISO 8601'),
    ("/company/MARA?known_at=2030-01-01", 400, 'known_at "2030-01-01": later than now'),
    ("/?known_at=2999-01-01T00:00:00Z", 400, "omit known_at for the ledger as known now, "
                                             "or give @15"),
    ("/changes?since=@9&known_at=@3", 400, "since @9 (@9) is after known_at @3"),
])
def test_what_a_caller_gets_wrong_is_a_page_saying_so(client, url, status, says):
    answer = client.get(url)
    assert answer.status_code == status, answer.text[-1000:]
    assert answer.headers["content-type"].startswith("text/html")
    assert says in Page(answer.text).words and "Traceback" not in answer.text


def test_hostile_text_from_records_is_shown_as_text(client, seeded):
    import_records(seeded, [
        {**rec("evil", "btc_mined", "2025-Q2", company="MARA", btc="1", note=NASTY),
         "sources": [{"document": '"><script>x()</script>.txt', "line": 4}]},
        rec("stake-evil", "stake_acquired", "2025-08", company="MARA",
            target='<img src=x onerror="alert(1)">', percent="5")])
    for url in ("/company/MARA?as_of=2026-03-31", "/record/evil", "/changes?since=@0",
                "/company/MARA/explain/btc.total?as_of=2025-06-30"):
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.text[-1000:])
        page = Page(answer.text)
        assert "script" not in page.tags and "img" not in page.tags, url
        assert "<script" not in answer.text.lower().replace("&lt;script", ""), url
        if url != "/company/MARA/explain/btc.total?as_of=2025-06-30":
            assert NASTY in page.words, url
    assert "application/atom+xml" in client.get("/changes.atom?since=@0").headers["content-type"]


def test_the_stylesheet_is_served_and_nothing_else_is(client):
    css = client.get("/static/caledger.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ":target" in css.text
    for path in ("/static/../pages.py", "/static/nope.js", "/static/report_page.py"):
        assert client.get(path).status_code == 404


def test_every_page_names_the_position_and_head_hash_it_was_computed_at(client, seeded):
    position, head_hash = head(seeded)
    for url in ("/", "/company/MARA", "/company/MARA/explain/btc.total?as_of=2025-09-30",
                "/record/mara-2024q4-mined", "/changes", "/sources/000_f95c8edb9efd2b64.txt"):
        for known_at, at, hash_ in ((None, position, head_hash),
                                    ("@12", 12, api.show(seeded, "mara-2024q4-mined",
                                                         "@12")["head_hash"])):
            page = get(client, url + ("&" if "?" in url else "?") + f"known_at={known_at}"
                       if known_at else url)
            assert f"store position @{at}" in page.words, (url, known_at)
            assert hash_ in page.words, (url, known_at)
            # the controls: as-of and known-at on every page, the position selected
            assert "known_at_pick" in page.ids and "as_of" in page.ids


# --- in a real browser -----------------------------------------------------------------------


CHROMIUM = next((path for path in ("/usr/bin/chromium", shutil.which("chromium") or "",
                                   shutil.which("chromium-browser") or "")
                 if path and os.path.exists(path)), None)
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason="Chromium is not installed (apt-get install chromium)" if CHROMIUM is None else
    "Playwright for Python is not installed (pip install -e .[test])")


class WithCsp:
    """The app with the Content-Security-Policy header the full app sends, when it sends none."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app over a seeded SQLite ledger (plus a record holding hostile text), served by
    uvicorn on a free port in a background thread: (its base URL, the ledger)."""
    import uvicorn

    folder = tmp_path_factory.mktemp("served")
    db = str(folder / "ledger.db")
    records = seed_records()
    import_records(db, records)
    hostile = rec("evil", "btc_mined", "2025-Q2", company="MARA", btc="1", note=NASTY)
    import_records(db, [hostile])
    sources = write_sources(folder / "documents", records + [hostile])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(WithCsp(create_app(ServeConfig(db=db, sources=sources))),
                            log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", db
    finally:
        running.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


class Watched:
    """A browser tab that records console errors, page errors and every request."""

    def __init__(self, browser: Any, base: str):
        self.base = base
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url == self.base:
            route.continue_()
        else:  # nothing may leave for another host: refuse it and remember it
            self.elsewhere.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any, server: tuple[str, str]) -> Iterator[Watched]:
    watched = Watched(browser, server[0])
    yield watched
    try:
        assert watched.errors == [], watched.errors
        assert watched.elsewhere == [], watched.elsewhere
    finally:
        watched.close()


def total_cell(page: Any) -> str:
    return page.locator("tbody tr", has_text="MARA").locator("td.num").first.inner_text()


@needs_browser
def test_the_browser_sees_console_errors_when_a_page_has_them(browser, server):
    # The checks below would be worthless if a CSP violation never reached us: prove it does.
    watched = Watched(browser, server[0])
    try:
        watched.page.goto(server[0] + "/static/caledger.css")
        watched.page.goto(server[0] + "/")
        watched.page.evaluate(
            "() => { const i = document.createElement('img'); i.src = 'https://example.com/x.png';"
            " document.body.appendChild(i); }")
        watched.page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
            " document.body.appendChild(s); }")
        watched.page.wait_for_timeout(200)
        assert any("Content Security Policy" in e for e in watched.errors), watched.errors
        # ... and that a request for another host never leaves (the CSP stopped the image
        # above before any request; a navigation is not the page's to stop)
        from playwright.sync_api import Error

        with pytest.raises(Error):
            watched.page.goto("http://example.com/")
        assert watched.elsewhere == ["http://example.com/"], watched.elsewhere
    finally:
        watched.close()


@needs_browser
def test_a_colleague_follows_a_figure_to_its_records_and_their_cited_lines(tab, server):
    base, db = server
    page = tab.page
    page.goto(base + "/")
    assert page.url.startswith(base + "/")
    page.get_by_role("link", name="MARA", exact=True).click()
    page.wait_for_load_state()
    assert "/company/MARA" in page.url
    assert page.locator("h1").inner_text() == "MARA: bitcoin treasury report"
    assert page.locator(".chart svg").count() == 1
    # the total disclosed on 2025-09-30, linked to its explanation
    row = page.locator("#holdings tbody tr", has_text="2025-09-30")
    row.locator("td.num a").first.click()
    page.wait_for_load_state()
    assert "/company/MARA/explain/btc.total" in page.url and "as_of=2025-09-30" in page.url
    data = api.explain(db, "MARA", "btc.total", "2025-09-30")
    assert f"btc.total = {btc(data['value'])}" in page.locator("h2#value").inner_text()
    anchor = data["steps"][0]["record"]
    page.locator("table a", has_text=anchor["id"]).first.click()
    page.wait_for_load_state()
    assert f"/record/{anchor['id']}" in page.url
    assert anchor["id"] in page.locator("h1").inner_text()
    cited = anchor["sources"][0]
    page.locator("#current a", has_text=f"{cited['document']}:{cited['line']}").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"#L{cited['line']}")
    line = page.locator(f"tr#L{cited['line']}")
    assert line.get_attribute("class") == "cited"
    assert f"Line {cited['line']} of the stand-in" in line.inner_text()
    # highlighted: the cited row is painted differently from its neighbours
    background = "el => getComputedStyle(el).backgroundColor"
    assert line.evaluate(background) != page.locator(
        f"tr#L{cited['line'] + 1}").evaluate(background)
    assert page.evaluate("() => location.hash") == f"#L{cited['line']}"


@needs_browser
def test_changing_as_of_and_known_at_changes_the_figure(tab, server):
    base, db = server
    page = tab.page
    page.goto(base + "/?as_of=2025-09-30")
    expected = api.holdings_json(api.holdings(db, "MARA", "2025-09-30"))["btc"]["total"]
    assert total_cell(page) == btc(expected)
    # as-of: typed, submitted with Enter
    page.fill("#as_of", "2024-12-31")
    page.press("#as_of", "Enter")
    page.wait_for_url(re.compile(r"as_of=2024-12-31"))
    earlier = api.holdings_json(api.holdings(db, "MARA", "2024-12-31"))["btc"]["total"]
    assert total_cell(page) == btc(earlier) != btc(expected)
    # known-at: a store position from the list, with its time
    page.select_option("#known_at_pick", "@8")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"known_at=%408"))
    then = api.holdings_json(api.holdings(db, "MARA", "2024-12-31", "@8"))["btc"]["total"]
    assert total_cell(page) == (btc(then) if then else "not known") != btc(earlier)
    assert "store position @8" in page.locator("#stamp").inner_text()
    # known-at typed freely: a position
    page.fill("#known_at_text", "@12")
    page.press("#known_at_text", "Enter")
    page.wait_for_url(re.compile(r"known_at=%4012"))
    assert "known_at_text" not in page.url
    assert "store position @12" in page.locator("#stamp").inner_text()


FOCUSABLE = "a[href], input:not([type=hidden]), select, button"


@needs_browser
@pytest.mark.parametrize("path", [
    "/", "/company/MARA?as_of=2026-03-31", "/company/MARA/explain/btc.total?as_of=2025-09-30",
    "/record/mara-2024q4-mined", "/changes?since=@0", "/sources/000_f95c8edb9efd2b64.txt?line=7",
    "/company/NOPE"])
def test_every_page_is_usable_by_keyboard(tab, server, path):
    base, _ = server
    page = tab.page
    page.goto(base + path)
    if path == "/company/NOPE":  # the 404 page: its own status is the one error expected
        assert tab.errors == ["Failed to load resource: the server responded with a status "
                              "of 404 (Not Found)"]
        tab.errors.clear()
    wanted = page.evaluate(f"() => document.querySelectorAll('{FOCUSABLE}').length")
    assert wanted > 0
    reached = []
    for _ in range(min(wanted, 40)):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "() => { const e = document.activeElement; return e.tagName + ' ' + "
            "(e.id || e.getAttribute('href') || e.textContent.trim()); }"))
    assert all(not r.startswith("BODY") for r in reached), reached
    assert any(r.startswith("A ") for r in reached)
    if path != "/company/NOPE":  # the error page has links only
        assert {"INPUT as_of", "SELECT known_at_pick", "INPUT known_at_text"} <= set(reached)
        assert any(r.startswith("BUTTON") for r in reached)
        # the first Tab offers to skip the controls; Enter there moves to the content
        page.goto(base + path)
        page.keyboard.press("Tab")
        assert reached[0] == "A #content"
        page.keyboard.press("Enter")
        assert page.evaluate("() => location.hash") == "#content"
        # Enter on a link follows it
        page.goto(base + path)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        second = page.evaluate("() => document.activeElement.getAttribute('href')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == urlsplit(base + second).path


@needs_browser
def test_hostile_text_from_a_record_is_text_in_the_browser(tab, server):
    base, _ = server
    page = tab.page
    for path in ("/company/MARA?as_of=2026-03-31", "/record/evil", "/changes?since=@0"):
        page.goto(base + path)
        assert page.evaluate("() => window.__owned") is None
        assert NASTY in page.locator("body").inner_text()
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 0


# --- the commands the pages quote -------------------------------------------------------------

TEMPLATES = Path(__file__).resolve().parent.parent / "ledger" / "templates"
#: ``caledger`` then its words as written in a page's text: the command path, then options.
QUOTED = re.compile(r"caledger((?: [a-z][a-z-]*| --[a-z][a-z-]*)+)")
EXPRESSION = re.compile(r"{{(.*?)}}", re.S)


def quoted_commands() -> list[tuple[str, list[str]]]:
    """Each command a template quotes, as (template, its words after ``caledger``): in a
    Jinja expression, its string literals joined with X for each value filled in."""
    found = []
    for template in sorted(TEMPLATES.glob("*.html")):
        text = template.read_text(encoding="utf-8")
        for expression in EXPRESSION.findall(text):
            # the text concatenated (``~``): not a subscript's key nor a call's argument
            operands = re.sub(r"\([^()]*\)", lambda m: m[0] if "caledger" in m[0] else "X",
                              re.sub(r"\[[^][]*\]", "", expression))
            joined = " X ".join(re.findall(r'"([^"]*)"', operands))
            if "caledger " in joined:
                found.append((template.name, joined.split("caledger ", 1)[1].split()))
        for match in QUOTED.finditer(EXPRESSION.sub("", text)):
            found.append((template.name, match[1].split()))
    return found


def test_every_command_a_page_quotes_exists_with_the_options_it_names():
    from click.testing import CliRunner

    from ledger.cli import cli

    quoted = quoted_commands()
    assert {name for name, _ in quoted} >= {"companies.html", "changes.html", "explain.html",
                                            "record.html"}
    for name, words in quoted:
        group, path = cli, []
        while words and not words[0].startswith("-") and hasattr(group, "commands"):
            assert words[0] in group.commands, \
                f"{name} quotes 'caledger {' '.join(path + words)}': no command {words[0]!r}"
            path.append(words.pop(0))
            group = group.commands[path[-1]]
        help = CliRunner().invoke(cli, [*path, "--help"])
        assert help.exit_code == 0, f"{name}: caledger {' '.join(path)} --help failed"
        options = {o for p in group.params for o in p.opts}
        for word in words:
            if word.startswith("--"):
                assert word in options, f"{name}: caledger {' '.join(path)} has no {word}"


def test_the_companies_page_says_how_to_recompute_it(client, seeded):
    position, _ = head(seeded)
    page = get(client, f"/?as_of=2025-09-30&known_at=@{position}")
    assert f"caledger holdings --all --as-of 2025-09-30 --known-at @{position}" in page.words


def test_a_per_share_figure_explained_on_a_page_is_shown_to_12_digits(client, seeded):
    from tests.test_precision import EXMPL

    import_records(seeded, EXMPL)
    page = get(client, "/company/EXMPL/explain/kpi.btc_per_share?as_of=2026-03-31")
    # 12,000 BTC / 110,000,000 shares: 0.000109090909... to 12 significant digits, as
    # caledger explain prints it; --json keeps every digit
    assert "kpi.btc_per_share = 0.000109090909091" in page.words
    assert "0.0001090909090909" not in page.words
