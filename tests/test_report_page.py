"""``report``: a self-contained static page per company, every figure linked to its trail
and every record to its source, safe with whatever a record holds; opened in a real headless
browser where Chromium (Debian's package) is installed."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import rec, the_one_error_line

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser")
                 if shutil.which(n)), None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium; .ci/run "
                             "installs it where it can): the page is checked without a browser")

NASTY = '<script>alert("owned")</script> & "quotes" \'too\''


class Page(HTMLParser):
    """What a page holds: element ids, links, tags used, text."""

    def __init__(self, text: str):
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.external: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value and value.startswith("#"):
                self.links.append(value[1:])
            elif name in ("href", "src", "xlink:href") and value and (
                    "://" in value or value.startswith("//")):
                self.external.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def write_report(run, db: str, out: Path, *extra: str) -> tuple[dict, str]:
    summary = run("report", "MARA", "--out", str(out), "--as-of", "2026-03-31", "--db", db,
                  *extra, "--json")
    return summary, Path(summary["out"]).read_text(encoding="utf-8")


def test_the_seed_page_links_every_figure_and_record_within_itself(run, seeded, tmp_path):
    summary, text = write_report(run, seeded, tmp_path / "site")
    page = Page(text)

    assert summary["out"] == str(tmp_path / "site" / "MARA.html")
    assert summary["disclosed_dates"] == ["2024-12-31", "2025-09-30"]
    assert summary["records"] == 15 and summary["issues"] == 2
    # Stamped with where it was computed.
    assert f"@{summary['position']}" in text and summary["head_hash"] in text
    # Self-contained: no script, no stylesheet or image to fetch, no external link.
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.external == []
    assert "svg" in page.tags  # the chart, inline
    # Every internal link lands on an element of the page; ids are unique.
    assert len(page.ids) == len(set(page.ids))
    assert page.links and set(page.links) <= set(page.ids)
    # Every record has its row, every cited line its anchor, each linked.
    history = run("history", "MARA", "--db", seeded, "--json")
    for record in history:
        assert f"rec-{record['id']}" in page.ids
        for s in record["sources"]:
            assert any(i.startswith("src-") and i.endswith(f"-{s['line']}")
                       for i in page.ids)
    # The figures: holdings at each disclosed date link to their trails.
    assert "explain-holdings-2025-09-30-btc.total" in page.links
    assert "explain-capital-2026-03-31-notes.outstanding" in page.links
    words = " ".join(page.text)
    assert "52,850" in words and "44,893" in words and "unexplained +7,957" in words
    assert "$950,000,000" in words


def test_a_note_holding_a_script_is_shown_as_text(run, db, load, tmp_path):
    load(rec("bal", "btc_balance_disclosed", "2025-06-30", company="MARA", btc="10",
             note=NASTY),
         {**rec("buy", "btc_purchased", "2025-Q3", company="MARA", btc="2"),
          "sources": [{"document": '"><script>x()</script>.txt', "line": 4}]},
         rec("stake", "stake_acquired", "2025-08", company="MARA", target="<b>Evil</b> & Co",
             percent="5"))
    _, text = write_report(run, db, tmp_path / "out")
    page = Page(text)

    assert "<script" not in text.lower().replace("&lt;script", "")
    assert "script" not in page.tags and "b" not in page.tags
    words = "".join(page.text)
    assert NASTY in words  # shown, as text, exactly
    assert '"><script>x()</script>.txt' in words
    assert "stakes.<b>Evil</b> & Co.percent" in words
    assert len(page.ids) == len(set(page.ids)) and set(page.links) <= set(page.ids)


def test_each_dates_explanations_list_what_ended_since_the_date_before_and_count_the_rest(
        db, load):
    # The page explains every disclosed date: listing every flow before each anchor would
    # grow with the square of the history, so each lists what ended since the date before
    # it on the page and counts the earlier ones (caledger explain lists them all).
    from ledger import api, report_page

    load(rec("b1", "btc_balance_disclosed", "2025-01-31", btc="100", loaned="10"),
         rec("m1", "btc_mined", "2025-02", btc="5"),
         rec("l1", "btc_loaned", "2025-03", btc="2"),
         rec("p1", "btc_pledged", "2025-03", btc="4"),
         rec("b2", "btc_balance_disclosed", "2025-03-31", btc="107"),
         rec("m2", "btc_mined", "2025-05", btc="1"),
         rec("r1", "btc_loan_returned", "2025-06", btc="1"),
         rec("b3", "btc_balance_disclosed", "2025-06-30", btc="108", loaned="11"),
         rec("m3", "btc_mined", "2025-08", btc="3"),
         rec("b4", "btc_balance_disclosed", "2025-09-30", btc="111"),
         rec("y1", "btc_purchased", "2025-01-15/2025-12-31", btc="10"),
         rec("q1", "btc_sold", "2025-Q3", btc="1"))
    data = api.report_data(db, "TEST", "2025-12-31")

    def plain(trail: dict) -> dict:  # explain also names who recorded what the figure rests on
        who = ("recorded_by", "via")
        return {**trail, "anchor": trail["anchor"] and {
            k: v for k, v in trail["anchor"].items() if k not in who},
            "steps": [{**step, "record": {k: v for k, v in step["record"].items()
                                          if k not in who}} if "record" in step else step
                      for step in trail["steps"]]}

    counted = 0
    for before, held in zip([None, *data["holdings"]], data["holdings"]):
        for figure, trail in held["explain"].items():
            full = plain(api.explain(db, "TEST", figure, held["as_of"]))
            anchored = [i["record"]["id"] for i in full["left_out"]
                        if i["why"].startswith("before the anchor")]
            listed = [i["record"]["id"] for i in trail["left_out"]
                      if i["why"].startswith("before the anchor")]
            assert trail["steps"] == full["steps"] and trail["value"] == full["value"]
            if before is None:
                assert trail == {k: full[k] for k in trail}  # the first date: everything
                assert "left_out_earlier" not in trail
                continue
            assert trail["left_out_since"] == before["as_of"]
            assert set(listed) <= set(anchored)
            assert len(listed) + trail["left_out_earlier"] == len(anchored)
            counted += trail["left_out_earlier"]
            # a flow in progress is listed at the first date it is in progress, then counted
            progress = [i["record"]["id"] for i in full["left_out"]
                        if i["why"].startswith("in progress")]
            shown = [i["record"]["id"] for i in trail["left_out"]
                     if i["why"].startswith("in progress")]
            assert set(shown) <= set(progress) and "y1" not in shown
            assert len(shown) + trail["in_progress_earlier"] == len(progress)
    assert counted > 0
    text = report_page.build(data)
    assert ("Also left out: 1 flow in progress that began by 2025-06-30, each listed at the "
            "first date above where it was in progress") in text
    assert ("Also left out: 4 earlier flows before the anchor, whose periods ended by "
            "2025-09-30; <code>caledger explain TEST btc.total --as-of 2025-12-31</code>"
            in text)


def test_the_static_page_is_framed_as_the_served_pages_template_frames_it(seeded):
    # ``caledger report`` writes the page's frame itself, without Jinja2: the same bytes as
    # templates/base.html (through report.html) gives a page that is not served, the
    # stylesheet inlined or linked, and a company name that needs escaping in the title.
    from markupsafe import Markup

    from ledger import api, report_page

    data = api.report_data(seeded, "MARA", "2026-03-31")
    for company in ("MARA", NASTY):
        shown = {**data, "company": company}
        links = report_page.StaticLinks(None, frozenset())
        body = report_page.Writer(links).body(shown, report_page.cited_documents(data["records"]),
                                              report_page.chart_svg(data["chart"]))
        for css in (None, "main { margin: 0 }"):
            framed = report_page.render("report.html", data=shown, body=Markup(body),
                                        served=False, site=None, inline_css=css)
            assert report_page.page(shown, links, inline_css=css) == framed
        assert "<title>" + ("MARA" if company == "MARA" else
                            "&lt;script&gt;alert(&#34;owned&#34;)") in framed


def test_report_of_a_company_without_bitcoin_records(run, db, load, tmp_path):
    load(rec("eq", "equity_issued", "2025", company="MARA", usd="5"))
    summary, text = write_report(run, db, tmp_path / "o")
    assert summary["disclosed_dates"] == [] and "No bitcoin records to chart" in text


def test_report_links_the_source_documents_when_told_where_they_are(run, seeded, tmp_path):
    sources = tmp_path / "docs"
    sources.mkdir()
    (sources / "003_c65e9beb0fefa6f0.txt").write_text("the release\n")
    _, text = write_report(run, seeded, tmp_path / "site", "--sources", str(sources))
    assert 'href="../docs/003_c65e9beb0fefa6f0.txt"' in text
    # a cited document that is not there is named, never linked
    assert 'href="../docs/002_e2e5a0f140e820f5.txt"' not in text
    assert "002_e2e5a0f140e820f5.txt</h3>" in text


def test_report_into_a_file_that_is_not_a_folder_is_one_error_line(caledger, seeded,
                                                                  tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = the_one_error_line(caledger("report", "MARA", "--out", str(blocker), "--db",
                                       seeded))
    assert "--out" in line


# --- in a real browser --------------------------------------------------------------------------


def chromium(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium on ``url``, offline-minded, logging console messages to stderr."""
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
         "--enable-logging=stderr", "--v=0", *args, url],
        capture_output=True, text=True, timeout=180)


def console_messages(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


@needs_chromium
def test_the_browser_sees_console_errors_when_a_page_has_them(tmp_path):
    # The check below would be worthless if console errors never reached us: prove they do.
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><script>missing();</script></body></html>")
    messages = console_messages(chromium(tmp_path, bad.as_uri(), "--dump-dom"))
    assert any("missing is not defined" in m for m in messages)


@needs_chromium
def test_the_page_renders_in_a_browser_with_no_console_errors(run, db, load, tmp_path):
    from tests.conftest import SEEDS, import_records

    records = [json.loads(line) for seed in SEEDS
               for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    import_records(db, records)
    load(rec("evil", "btc_mined", "2025-Q2", company="MARA", btc="1", note=NASTY))
    summary, _ = write_report(run, db, tmp_path / "site")
    url = Path(summary["out"]).as_uri()

    dumped = chromium(tmp_path, url, "--dump-dom")
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    assert console_messages(dumped) == []
    dom = Page(dumped.stdout)
    assert "script" not in dom.tags  # the note's <script> never became an element
    assert NASTY in "".join(dom.text)  # ... it is text on the page
    assert "MARA: bitcoin treasury report" in "".join(dom.text)
    assert "svg" in dom.tags

    shot = tmp_path / "page.png"
    taken = chromium(tmp_path, url, "--hide-scrollbars", "--window-size=1280,1800",
                     f"--screenshot={shot}")
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert console_messages(taken) == []
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 50_000


def test_report_prints_where_it_wrote_in_every_format(caledger, seeded, tmp_path):
    import csv
    import io

    args = ("report", "MARA", "--out", str(tmp_path / "r"), "--as-of", "2026-Q1", "--db",
            seeded)
    text = caledger(*args).stdout
    rows = list(csv.DictReader(io.StringIO(caledger(*args, "--format", "csv").stdout)))
    data = json.loads(caledger(*args, "--json").stdout)

    assert text.startswith(f"wrote {tmp_path / 'r' / 'MARA.html'}: MARA, 2 disclosed dates, "
                           "15 records, 2 reconciliation issues; position @15")
    assert rows == [{"out": data["out"], "company": "MARA", "as_of": "2026-03-31",
                     "records": "15", "issues": "2", "known_at": "", "position": "15",
                     "head_hash": data["head_hash"]}]
