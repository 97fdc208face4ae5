"""The company page: the static ``caledger report`` file and the served ``/company/TICKER``.

Built from ``api.report_data`` (JSON-shaped, every figure computed by the code behind the
commands): the chart inline as SVG, holdings at each disclosed date, the reconciliation, the
capital structure, each figure linked to its explanation trail and each record to the
document and line it cites; stamped with the store position and head hash it was computed at.

Both come from the same Jinja2 templates (``ledger/templates/report.html``), so they can't
drift: the static page inlines the stylesheet, has no script and links everything within
itself (it opens offline); the served page (``ledger/web/pages.py``) links the stylesheet from
/static and places its links on the server's other pages. What differs is only *where* a link
points, which a links object says (``StaticLinks`` here).

Autoescape is on for everything, each value shown through ``safetext.xml`` (a control
character shown escaped), and every element id goes through ``anchor()``, which keeps only
characters that are safe in an id and a URL fragment; a test feeds the page a note holding
``<script>``. Jinja2 is imported only when a page is rendered (``report`` and ``serve``).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import safetext
from .render import btc, signed, usd


def anchor(*parts: Any) -> str:
    """An element id from ``parts``: letters, digits, ``.``, ``-`` kept, anything else
    written as ``_HEX_``, so distinct inputs give distinct ids and nothing needs escaping."""
    return "-".join(_UNSAFE_IN_ID.sub(_hex, str(p)) for p in parts)


_UNSAFE_IN_ID = re.compile(r"[^A-Za-z0-9.-]")


def _hex(match: re.Match[str]) -> str:
    return f"_{ord(match.group()):x}_"


_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates"
STATIC = _HERE / "static"
CSS = STATIC / "caledger.css"

#: The amount fields a record row lists, in this order.
_AMOUNTS = ("btc", "cost_usd", "fair_value_usd", "usd", "principal_usd", "percent",
            "revenue_usd", "net_income_usd", "adjusted_ebitda_usd", "headcount", "shares")

_environment: Any = None


def environment() -> Any:
    """The Jinja2 environment of every page (static report and served): autoescape on for
    everything (quotes too, so a value is safe in content and in quoted attributes), each
    value shown through ``safetext.xml`` (a control character shown escaped) and None as
    nothing."""
    global _environment
    if _environment is None:
        import jinja2
        from markupsafe import Markup

        def finalize(value: Any) -> Any:
            if isinstance(value, Markup):
                return value
            return xml("" if value is None else str(value))

        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                                 autoescape=True, finalize=finalize, trim_blocks=True,
                                 lstrip_blocks=True, undefined=jinja2.StrictUndefined)
        env.filters.update(btc=btc, signed=signed, usd=usd, amount=_value, number=_number,
                           ids=_ids)
        env.tests["startingwith"] = lambda value, prefix: str(value).startswith(prefix)
        env.globals.update(anchor=anchor, amounts=_AMOUNTS, **_link_functions())
        _environment = env
    return _environment


def xml(text: str) -> str:
    """``safetext.xml``: ``text`` with every character XML 1.0 can't hold shown escaped;
    a printable text (almost every value on a page) returned as is without its scan."""
    return text if text.isprintable() else safetext.xml(text)


def _link_functions() -> dict[str, Any]:
    """``rec``, ``recs``, ``cite`` and ``srcs`` for the templates: a record's id linked to
    where ``links`` (in the rendering context) places it, and each citation to its document
    and line. Written as the ``_macros.html`` macros they replace would write them (each
    value through ``safetext.xml``, then escaped), in Python: a page of a long history makes
    thousands of links, and a Jinja2 macro call costs many times a function call."""
    import html

    import jinja2
    from markupsafe import Markup

    def show(value: Any) -> str:
        return html.escape(xml("" if value is None else str(value)), quote=True)

    def record(links: Any, record_id: Any) -> str:
        return f'<a href="{show(links.record(record_id))}"><code>{show(record_id)}</code></a>'

    def citation(links: Any, source: dict[str, Any]) -> str:
        text = f"{show(source['document'])}:{show(source['line'])}"
        href = links.source(source["document"], source["line"])
        return f'<a href="{show(href)}">{text}</a>' if href else text

    @jinja2.pass_context
    def rec(context: Any, record_id: Any) -> Markup:
        return Markup(record(context["links"], record_id))

    @jinja2.pass_context
    def recs(context: Any, ids: Any, sep: str = ", ") -> Markup:
        links = context["links"]
        return Markup(show(sep).join(record(links, i) for i in ids))

    @jinja2.pass_context
    def cite(context: Any, source: dict[str, Any]) -> Markup:
        return Markup(citation(context["links"], source))

    @jinja2.pass_context
    def srcs(context: Any, cited: dict[str, Any]) -> Markup:
        links = context["links"]
        return Markup(", ".join(citation(links, s) for s in cited.get("sources", [])))

    def escaped(value: Any) -> str:
        # what ``{{ value }}`` writes: ``finalize`` (above), then autoescape (markupsafe's
        # escape, without making a Markup of every value)
        if isinstance(value, Markup):
            return str(value)
        return _escape(xml("" if value is None else str(value)))

    @jinja2.pass_context
    def steps_table(context: Any, steps: Any) -> Markup:
        # The table of a trail's steps, as the ``steps_table`` macro wrote it: a page of a
        # long history shows hundreds of trails, and the macro was most of its rendering.
        links = context["links"]
        rows = [_STEPS_HEAD]
        for step in steps:
            r = step.get("record")
            cell = (f"{record(links, r['id'])} ({escaped(r['type'])}, {escaped(r['effective'])};"
                    f" {', '.join(citation(links, s) for s in r.get('sources', []))})"
                    if r else "")
            note = step.get("note") or step.get("formula") or (
                "straddles the anchor date" if step.get("straddles_anchor") else "")
            rows.append(f"<tr><td>{escaped(step.get('bucket', ''))}</td>"
                        f"<td>{escaped(step['action'])}</td>"
                        f"<td class=\"num\">{escaped(step['amount'])}</td>"
                        f"<td class=\"num\">{escaped(step['running'])}</td>"
                        f"<td>{cell}</td><td>{escaped(note)}</td></tr>\n")
        rows.append("</tbody></table>\n")
        return Markup("".join(rows))

    def sources(links: Any, cited: dict[str, Any]) -> str:
        return ", ".join(citation(links, s) for s in cited.get("sources", []))

    def who(r: dict[str, Any]) -> str:
        if not r.get("recorded_by"):
            return ""
        return f"{escaped(r['recorded_by'])}<br><small>{escaped(r.get('via') or '')}</small>"

    def record_row(links: Any, r: dict[str, Any]) -> str:
        head = (f"<tr id=\"{escaped(anchor('rec', r['id']))}\"><td>@{escaped(r['position'])}</td>"
                f"<td><code>{escaped(r['id'])}</code></td>")
        if r["type"] in ("correction", "retraction"):
            ev = r.get("event")
            changes = ""
            if r["type"] == "correction":
                changes = ", ".join(f"{escaped(k)}: {escaped(ch['from'])} &rarr; {escaped(ch['to'])}"
                                    for k, ch in r.get("changes", {}).items()
                                    if k not in ("sources", "note"))
            return (f"{head}<td>{escaped(r['type'])} of "
                    f"{record(links, r.get('corrects') or r.get('retracts'))}</td>"
                    f"<td>{escaped(ev.get('effective') if ev else '')}</td><td>{changes}</td>"
                    f"<td></td><td>{sources(links, ev) if ev else ''}</td><td>{who(r)}</td>"
                    f"<td class=\"note\">{escaped(r.get('reason'))}</td></tr>\n")
        s = r.get("current") or r
        shown = ", ".join(f"{escaped(k)} {escaped(s[k])}" for k in _AMOUNTS if k in s)
        extra = [k for k in ("target", "how", "program", "counterparty") if k in s]
        if extra:
            shown += "; " + ", ".join(f"{escaped(k)} {escaped(s[k])}" for k in extra)
        return (f"{head}<td>{escaped(s['type'])}</td><td>{escaped(s.get('effective'))}</td>"
                f"<td>{shown}</td><td>{escaped(r['status'])}</td><td>{sources(links, s)}</td>"
                f"<td>{who(r)}</td><td class=\"note\">{escaped(s.get('note'))}</td></tr>\n")

    @jinja2.pass_context
    def record_rows(context: Any, records: Any) -> Markup:
        # The rows of the page's records table, as the template wrote them: one per record
        # of the company's whole history.
        links = context["links"]
        return Markup("".join(record_row(links, r) for r in records))

    @jinja2.pass_context
    def holdings_trails(context: Any, company: Any, holdings: Any) -> Markup:
        # The explanation of each holdings figure at each date, as the template wrote it:
        # four trails a date, hundreds on the page of a long history.
        links = context["links"]
        out = []
        for h in holdings:
            day = h["as_of"]
            for figure, trail in h["explain"].items():
                value = "not known" if trail["value"] is None else escaped(btc(trail["value"]))
                out.append(f"<section class=\"trail\" id=\"{escaped(anchor('explain', 'holdings', day, figure))}\">"
                           f"<h3>{escaped(figure)} as of {escaped(day)} = {value}</h3>"
                           f"<p>{escaped(trail.get('status', ''))}: {escaped(trail.get('reason', ''))}</p>\n")
                out.append(steps_table(context, trail["steps"]))
                out.append("\n")
                since = trail.get("left_out_since")
                if trail.get("left_out"):
                    out.append("<p>Left out")
                    if since:
                        out.append(f" (what ended after {escaped(since)}, the date above)")
                    out.append(":</p><ul>")
                    out.extend(f"<li>{record(links, i['record']['id'])}: {escaped(i['why'])}</li>"
                               for i in trail["left_out"])
                    out.append("</ul>")
                n = trail.get("left_out_earlier")
                if n:
                    plural = "" if n == 1 else "s"
                    out.append(f"<p class=\"note\">Also left out: {escaped(_number(n))} earlier flow{plural}"
                               f" before the anchor, whose period{plural} ended by"
                               f" {escaped(trail['left_out_since'])}; <code>caledger explain"
                               f" {escaped(company)} {escaped(figure)} --as-of {escaped(day)}</code>"
                               " lists every one")
                    if links.served:
                        out.append(f" (<a href=\"{escaped(links.figure('holdings', day, figure))}\">"
                                   "the full explanation</a>)")
                    out.append(".</p>")
                n = trail.get("in_progress_earlier")
                if n:
                    plural = "" if n == 1 else "s"
                    out.append(f"<p class=\"note\">Also left out: {escaped(_number(n))} flow{plural}"
                               f" in progress that began by {escaped(trail['left_out_since'])},"
                               " each listed at the first date above where it was in progress.</p>")
                out.append("</section>\n")
        return Markup("".join(out))

    def by_key(item: tuple[Any, Any]) -> Any:  # Jinja2's dictsort: a text key in lowercase
        return item[0].lower() if isinstance(item[0], str) else item[0]

    @jinja2.pass_context
    def cited_lines(context: Any, cited: dict[str, dict[Any, list[str]]]) -> Markup:
        # Each cited document and its lines with the records citing each, as the template
        # wrote them: a line per record or so, a thousand on a long history's page.
        links = context["links"]
        out = []
        for document, lines in sorted(cited.items(), key=lambda item: item[0]):
            href = links.document(document)
            name = escaped(document)
            out.append(f"<h3 id=\"{escaped(anchor('src', document))}\">"
                       + (f"<a href=\"{escaped(href)}\">{name}</a>" if href else name)
                       + "</h3><ul>\n")
            for line, ids in sorted(lines.items(), key=by_key):
                where = links.served and links.source(document, line)
                shown = (f"<a href=\"{escaped(links.source(document, line))}\">line {escaped(line)}</a>"
                         if where else f"line {escaped(line)}")
                out.append(f"<li id=\"{escaped(anchor('src', document, line))}\">{shown}: "
                           f"{', '.join(record(links, i) for i in ids)}</li>\n")
            out.append("</ul>\n")
        return Markup("".join(out))

    return {"rec": rec, "recs": recs, "cite": cite, "srcs": srcs, "steps_table": steps_table,
            "record_rows": record_rows, "holdings_trails": holdings_trails,
            "cited_lines": cited_lines}


def _escape(text: str) -> str:
    """``text`` escaped as ``markupsafe.escape`` escapes it."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


_STEPS_HEAD = ('<table><thead><tr><th>bucket</th><th>step</th><th class="num">amount</th>'
               '<th class="num">running</th><th>record</th><th>note</th></tr></thead><tbody>\n')


def render(template: str, **context: Any) -> str:
    """``templates/TEMPLATE`` rendered with ``context``."""
    return environment().get_template(template).render(**context)


class StaticLinks:
    """Where things are on the self-contained page: every link within it, except each cited
    document, linked relative to the page when it is in ``sources_href`` (not ``missing``)."""

    served = False

    def __init__(self, sources_href: str | None, missing: frozenset[str]):
        self.sources_href, self.missing = sources_href, missing

    def record(self, record_id: str) -> str:
        return "#" + anchor("rec", record_id)

    def source(self, document: str, line: Any) -> str | None:
        return "#" + anchor("src", document, line)

    def figure(self, kind: str, day: str, figure: str) -> str:
        return "#" + anchor("explain", kind, day, figure)

    def document(self, document: str) -> str | None:
        if self.sources_href is None or document in self.missing:
            return None
        return self.sources_href.rstrip("/") + "/" + document


def build(data: dict[str, Any], *, sources_href: str | None = None,
          missing: frozenset[str] = frozenset()) -> str:
    """The static page's HTML. ``sources_href``: where the cited documents are, relative to
    the page (each document name links there, except those ``missing`` from it), or None to
    name them only. The stylesheet inlined, no script: the file opens offline."""
    return page(data, StaticLinks(sources_href, missing),
                inline_css=CSS.read_text(encoding="utf-8"))


def page(data: dict[str, Any], links: Any, **context: Any) -> str:
    """The company page from ``templates/report.html``, ``links`` placing each link."""
    from markupsafe import Markup

    chart = data["chart"]
    return render("report.html", data=data, links=links, cited=cited_documents(data["records"]),
                  chart_svg=None if chart is None else Markup(chart_svg(chart)),
                  **{"inline_css": None, "served": False, **context})


def chart_svg(chart: dict[str, Any]) -> str:
    """The chart as SVG to put inline in HTML: the bare ``<svg>`` element, no XML declaration
    or comments, and no CSS (only presentation attributes, which a page served under a
    Content-Security-Policy without ``'unsafe-inline'`` keeps)."""
    from . import chart as charts

    return charts.inline_svg(chart)


def _value(value: str, unit: str) -> str:
    """A capital or value figure as shown: dollars, a percentage, or a plain number."""
    if unit == "USD":
        return usd(value)
    if unit == "percent":
        return f"{value}%"
    return _number(value)


def _ids(items: Any) -> list[Any]:
    """Each item's ``id``: what ``map(attribute="id")`` gives, at a fraction of its cost."""
    return [item["id"] for item in items]


def _number(value: Any) -> str:
    return f"{Decimal(value):,f}"


def cited_documents(records: list[dict[str, Any]]) -> dict[str, dict[int, list[str]]]:
    """Each document the records cite: its lines, and the records citing each line."""
    cited: dict[str, dict[int, list[str]]] = {}
    for r in records:
        for content in (r, r.get("current") or {}, r.get("event") or {}):
            for s in content.get("sources", []):
                ids = cited.setdefault(s["document"], {}).setdefault(s["line"], [])
                if r["id"] not in ids:
                    ids.append(r["id"])
    return cited


_SAFE_FILE = re.compile(r"[^A-Za-z0-9._-]")


def write(data: dict[str, Any], out_dir: str | Path, *, sources: str | Path | None = None,
          ledger: str | None = None, force: bool = False) -> tuple[Path, list[str]]:
    """Write the page to ``out_dir/COMPANY.html``; return its path and the cited documents
    not found in ``sources`` (the folder of the cited documents, linked relative to the
    page: a document not there is named without a link, never a dead one). Never over the
    ledger, nor over a file that is not a report page without ``force``
    (``ledger/outputs.py``)."""
    from . import outputs

    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    href = None
    missing: list[str] = []
    if sources is not None:
        href = Path(os.path.relpath(Path(sources).resolve(), folder.resolve())).as_posix()
        missing = [document for document in sorted(cited_documents(data["records"]))
                   if not (Path(sources) / document).is_file()]
    path = folder / f"{_SAFE_FILE.sub('_', data['company'])}.html"
    outputs.write_output(str(path), build(data, sources_href=href, missing=frozenset(missing)),
                         option="--out", kind=outputs.REPORT, ledger=ledger, force=force)
    return path, missing
