"""The company page: the static ``caledger report`` file and the served ``/company/TICKER``.

Built from ``api.report_data`` (JSON-shaped, every figure computed by the code behind the
commands): the chart inline as SVG, holdings at each disclosed date, the reconciliation, the
capital structure, each figure linked to its explanation trail and each record to the
document and line it cites; stamped with the store position and head hash it was computed at.

Both are written by the same code (``Writer``), so they can't drift: the static page inlines
the stylesheet, has no script and links everything within itself (it opens offline); the
served page (``ledger/web/pages.py``) links the stylesheet from /static, places its links on
the server's other pages and is framed by ``templates/report.html`` as every served page is.
What differs is only *where* a link points, which a links object says (``StaticLinks`` here).

The page is written in Python, not from a template: ``caledger report`` never loads Jinja2
(importing it and compiling the page's template cost a run more than writing the page).
Every value is shown as a template with autoescape would show it (``escaped``: through
``safetext.xml``, a control character or bidi override shown escaped, then every character
markup gives a meaning escaped, quotes too, so a value is safe in content and in quoted
attributes), and every element id goes through ``anchor()``, which keeps only characters that
are safe in an id and a URL fragment; a test feeds the page a note holding ``<script>``. The
other served pages come from the Jinja2 templates in ``ledger/templates`` (``environment``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from . import precision, safetext
from .render import btc, signed, usd


def anchor(*parts: Any) -> str:
    """An element id from ``parts``: letters, digits, ``.``, ``-`` kept, anything else
    written as ``_HEX_``, so distinct inputs give distinct ids and nothing needs escaping."""
    # one substitution over the joined parts: it works a character at a time and keeps "-"
    return _UNSAFE_IN_ID.sub(_hex, "-".join(map(str, parts)))


_UNSAFE_IN_ID = re.compile(r"[^A-Za-z0-9.-]")


def _hex(match: re.Match[str]) -> str:
    return f"_{ord(match.group()):x}_"


_HERE = Path(__file__).resolve().parent
TEMPLATES = _HERE / "templates"
STATIC = _HERE / "static"
CSS = STATIC / "caledger.css"

#: The amount fields a record row lists, in this order.
_AMOUNTS = ("btc", "cost_usd", "fair_value_usd", "usd", "principal_usd", "percent",
            "revenue_usd", "net_income_usd", "adjusted_ebitda_usd", "headcount", "shares",
            "principal", "amount", "currency")

_environment: Any = None


def environment() -> Any:
    """The Jinja2 environment of the served pages (``ledger/web/pages.py``): autoescape on
    for everything (quotes too, so a value is safe in content and in quoted attributes),
    each value shown through ``safetext.xml`` (a control character shown escaped) and None
    as nothing. The company page's body is written in Python (``body``), not here."""
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
        env.filters.update(btc=btc, signed=signed, usd=usd, amount=_value, number=_number)
        env.globals.update(anchor=anchor, **_link_functions())
        _environment = env
    return _environment


def xml(text: str) -> str:
    """``safetext.xml``: ``text`` with every character XML 1.0 can't hold shown escaped;
    a printable text (almost every value on a page) returned as is without its scan."""
    return text if text.isprintable() else safetext.xml(text)


def _link_functions() -> dict[str, Any]:
    """``rec``, ``recs``, ``cite``, ``srcs`` and ``steps_table`` for the served pages'
    templates: what ``Writer`` writes, with the ``links`` of the rendering context."""
    import jinja2
    from markupsafe import Markup

    @jinja2.pass_context
    def rec(context: Any, record_id: Any) -> Markup:
        return Markup(Writer(context["links"]).record(record_id))

    @jinja2.pass_context
    def recs(context: Any, ids: Any, sep: str = ", ") -> Markup:
        return Markup(Writer(context["links"]).records(ids, sep))

    @jinja2.pass_context
    def cite(context: Any, source: dict[str, Any]) -> Markup:
        return Markup(Writer(context["links"]).citation(source))

    @jinja2.pass_context
    def srcs(context: Any, cited: dict[str, Any]) -> Markup:
        return Markup(Writer(context["links"]).sources(cited))

    @jinja2.pass_context
    def steps_table(context: Any, steps: Any) -> Markup:
        return Markup(Writer(context["links"]).steps_table(steps))

    return {"rec": rec, "recs": recs, "cite": cite, "srcs": srcs, "steps_table": steps_table}


_MARKUP_SPECIAL = re.compile("[&<>'\"]").search


def escaped(value: Any) -> str:
    """What a template's ``{{ value }}`` writes: None as nothing, a character XML can't
    hold shown escaped (``xml``), then escaped as markupsafe escapes it (``&#39;``,
    ``&#34;`` for the quotes)."""
    text = "" if value is None else value if type(value) is str else str(value)
    if not text.isprintable():
        text = safetext.xml(text)
    return text if _MARKUP_SPECIAL(text) is None else _escape(text)


def _escape(text: str) -> str:
    """``text`` escaped as ``markupsafe.escape`` escapes it."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def _shown(value: Any) -> str:
    """A value in a record's link or a citation: ``xml``, then escaped as ``html.escape``
    escapes it (``&quot;``, ``&#x27;`` for the quotes), as the links have always been."""
    text = xml("" if value is None else str(value))
    if _MARKUP_SPECIAL(text) is None:
        return text
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


class _Escaped(dict):  # type: ignore[type-arg]
    """``escaped(value)`` for each value looked up, each text escaped once a page (a page of
    a long history shows the same dates, types and amounts thousands of times)."""

    __slots__ = ()

    def __missing__(self, value: Any) -> str:
        text = escaped(value)
        if type(value) is str:  # not a number: 1, 1.0 and True are one key
            self[value] = text
        return text


_STEPS_HEAD = ('<table><thead><tr><th>bucket</th><th>step</th><th class="num">amount</th>'
               '<th class="num">running</th><th>record</th><th>note</th></tr></thead><tbody>\n')

#: The holdings figures, in the order the page shows them.
_FIGURES = ("total", "loaned", "pledged", "unencumbered")


class Writer:
    """The company page's HTML, written in Python (no template engine: the page of a long
    history holds tens of thousands of values, and the ``report`` command would otherwise
    load Jinja2 and compile the page's template on every run). ``links`` places each link
    (``StaticLinks``, or the server's). Every value from records goes through ``escaped``
    (or ``_shown`` in links and citations) and every element id through ``anchor`` (which
    keeps only characters that need no escaping); a record's link and a citation are
    written once per page and reused."""

    def __init__(self, links: Any):
        self.links = links
        self._records: dict[str, str] = {}
        self._citations: dict[tuple[str, int], str] = {}
        self._e = _Escaped()

    # --- the pieces the served pages' templates also use --------------------------------

    def record(self, record_id: Any) -> str:
        """A record's id linked to where ``links`` places it."""
        html = self._records.get(record_id) if type(record_id) is str else None
        if html is None:
            html = (f'<a href="{_shown(self.links.record(record_id))}"><code>'
                    f"{_shown(record_id)}</code></a>")
            if type(record_id) is str:
                self._records[record_id] = html
        return html

    def records(self, ids: Any, sep: str = ", ") -> str:
        return _shown(sep).join(self.record(i) for i in ids)

    def citation(self, source: dict[str, Any]) -> str:
        """A citation linked to its document and line (named only where ``links`` has no
        place for it)."""
        document, line = source["document"], source["line"]
        key = (document, line) if type(document) is str and type(line) is int else None
        html = self._citations.get(key) if key else None
        if html is None:
            text = f"{_shown(document)}:{_shown(line)}"
            href = self.links.source(document, line)
            html = f'<a href="{_shown(href)}">{text}</a>' if href else text
            if key:
                self._citations[key] = html
        return html

    def sources(self, cited: dict[str, Any]) -> str:
        return ", ".join(self.citation(s) for s in cited.get("sources", []))

    def steps_table(self, steps: Any) -> str:
        """The table of a trail's steps."""
        e = self._e
        rows = [_STEPS_HEAD]
        for step in steps:
            r = step.get("record")
            cell = (f"{self.record(r['id'])} ({e[r['type']]}, {e[r['effective']]};"
                    f" {', '.join(self.citation(s) for s in r.get('sources', []))})"
                    if r else "")
            note = step.get("note") or step.get("formula") or (
                "straddles the anchor date" if step.get("straddles_anchor") else "")
            rows.append(f"<tr><td>{e[step.get('bucket', '')]}</td>"
                        f"<td>{e[step['action']]}</td>"
                        f"<td class=\"num\">{e[precision.short(step['amount'])]}</td>"
                        f"<td class=\"num\">{e[precision.short(step['running'])]}</td>"
                        f"<td>{cell}</td><td>{e[note]}</td></tr>\n")
        rows.append("</tbody></table>\n")
        return "".join(rows)

    # --- the company page -------------------------------------------------------------------

    def figure(self, kind: str, day: Any, name: Any, shown: str) -> str:
        """``shown`` linked to the figure's explanation."""
        e = self._e
        return f'<a href="{e[self.links.figure(kind, day, name)]}">{shown}</a>'

    def body(self, data: dict[str, Any], cited: dict[str, dict[Any, list[str]]],
             chart_svg: str | None) -> str:
        """What the page shows, in ``<main>``: each section in turn."""
        e = self._e
        company = e[data["company"]]
        out: list[str] = []
        self._stamp(out, data, company)
        self._chart(out, data["chart"], chart_svg, company)
        self._holdings(out, data["holdings"])
        self._reconciliation(out, data["reconciliation"])
        c = data["capital"]
        self._capital(out, c)
        if data.get("shares"):
            self._shares(out, data["shares"], data["share_rows"], company)
        self._results(out, c)
        v = data.get("value")
        if v is not None:
            self._value(out, v, data.get("operations"), company)
        self._explanations(out, data, c, v)
        out.append('<section id="records"><h2>Records</h2><p class="note">Every record of the '
                   "company in the order the ledger stored them; a corrected record shows its "
                   "current values.</p><table><thead><tr><th>pos</th><th>id</th><th>type</th>"
                   "<th>effective</th><th>amounts</th><th>status</th><th>sources</th>"
                   "<th>recorded by</th><th>note</th></tr></thead><tbody>\n")
        out.extend(self.record_row(r) for r in data["records"])
        out.append('</tbody></table></section>\n<section id="sources"><h2>Sources</h2>'
                   '<p class="note">Each document and line the records cite, and the records '
                   "citing it.</p>\n")
        self._cited_lines(out, cited)
        out.append("</section>\n")
        return "".join(out)

    def _stamp(self, out: list[str], data: dict[str, Any], company: str) -> None:
        e = self._e
        position, as_of = e[data["position"]], e[data["as_of"]]
        known = (f"as known at {e[data['known_at']]}" if data["known_at"]
                 else "as known now")
        out.append(
            f"<header><h1>{company}: bitcoin treasury report</h1>\n"
            f'<p class="stamp" id="stamp">Computed by caledger {known}: store position '
            f"<strong>@{position}</strong>, head hash <code>{e[data['head_hash']]}</code>."
            f" Capital structure as of {as_of}. Anyone can recompute this page with <code>"
            f"caledger report {company} --known-at @{position} --as-of {as_of}</code> and "
            "check the head hash is unchanged.</p></header>\n"
            '<nav><a href="#chart">Chart</a><a href="#holdings">Holdings</a>'
            '<a href="#reconciliation">Reconciliation</a><a href="#capital">Capital</a>'
            + ('<a href="#shares">Shares</a>' if data.get("shares") else "")
            + '<a href="#results">Results</a><a href="#value">Value</a>'
            '<a href="#explanations">Explanations</a><a href="#records">Records</a>'
            '<a href="#sources">Sources</a></nav>\n')

    def _chart(self, out: list[str], chart: dict[str, Any] | None, svg: str | None,
               company: str) -> None:
        e = self._e
        if chart is None:
            out.append('<section id="chart"><h2>Chart</h2><p>No bitcoin records to chart.</p>'
                       "</section>\n")
            return
        out.append(
            f'<section id="chart"><h2>Chart</h2><div class="chart" role="img" aria-label='
            f'"{company} bitcoin holdings from {e[chart["from"]]} to '
            f'{e[chart["to"]]}">{svg}</div><p class="note">Step line: total holdings, '
            "none where they are not known and dotted grey where they rest on recorded flows "
            "only. Diamonds: balances the company disclosed (labelled with document and line)."
            " Red gap: variance no recorded flow explains. Shaded: flows in progress on the "
            "last day.</p></section>\n")

    def _holdings(self, out: list[str], holdings: list[dict[str, Any]]) -> None:
        e = self._e
        if not holdings:
            out.append('<section id="holdings"><h2>Holdings at each disclosed date</h2>'
                       "<p>The company has disclosed no balance.</p></section>\n")
            return
        out.append('<section id="holdings"><h2>Holdings at each disclosed date</h2><table>'
                   '<thead><tr><th>as of</th><th class="num">total BTC</th><th class="num">'
                   'loaned</th><th class="num">pledged</th><th class="num">unencumbered</th>'
                   "<th>basis</th><th>flows counted</th><th>in progress</th></tr></thead>"
                   "<tbody>\n")
        for h in holdings:
            day = h["as_of"]
            out.append(f"<tr><td>{e[day]}{' (as of)' if h.get('current') else ''}</td>")
            for name in _FIGURES:
                value, st = h["btc"][name], h["status"][name]
                if value is None:
                    shown = '<span class="unknown">not known</span>'
                elif st == "flows only":
                    shown = f'{e[btc(value)]}<span class="flows-only">*</span>'
                else:
                    shown = e[btc(value)]
                out.append(f'<td class="num" title="{e[st]}: '
                           f'{e[h["reason"][name]]}">'
                           f'{self.figure("holdings", day, "btc." + name, shown)}</td>')
            anchor_ = h["anchor"]
            out.append(f"<td>{'disclosed balance ' + self.record(anchor_['id']) if anchor_ else 'no disclosed balance'}"
                       f"</td><td>{self.records(_ids(h.get('flows', []))) or 'none'}</td>"
                       f"<td>{self.records(_ids(h['in_progress'])) or 'none'}</td></tr>\n")
        out.append('</tbody></table><p class="note">Each figure links to how it was derived. '
                   "<em>not known</em>: no disclosed balance states it and nothing recorded "
                   'gives it. <span class="flows-only">*</span> flows only: no disclosed balance'
                   " yet, the sum of recorded flows. The last row is the report's as-of date."
                   "</p></section>\n")

    def _status(self, unexplained: Any) -> str:
        if unexplained == "0":
            return '<span class="ok">ok</span>'
        return f'<span class="bad">unexplained {self._e[signed(unexplained)]}</span>'

    def _reconciliation(self, out: list[str], r: dict[str, Any]) -> None:
        e = self._e
        issues = r["issues"]
        out.append('<section id="reconciliation"><h2>Reconciliation</h2><p>Do the company\'s '
                   f"own figures add up? <strong>{e[issues]}</strong> issue"
                   f"{'' if issues == 1 else 's'}.</p>\n")
        if not (r["balances"] or r["changes"] or r["negative"] or r["duplicates"]
                or r.get("overlaps") or r["capital"]):
            out.append("<p>Nothing to check yet.</p></section>\n")
            return
        out.append("<ul>\n")
        for b in r["balances"]:
            flows = self.records(_ids(b["flows"]))
            opening, closing = b["opening"], b["closing"]
            out.append(
                f"<li>{e[b['bucket']]}: {self.record(opening['id'])} "
                f"{e[opening['date']]} {e[btc(opening['btc'])]} BTC, plus flows "
                f"{e[signed(b['itemized'])]}{f' ({flows})' if flows else ''} = "
                f"{e[btc(b['expected'])]}; disclosed {self.record(closing['id'])} "
                f"{e[closing['date']]} {e[btc(closing['btc'])]}: "
                f"{self._status(b['unexplained'])}</li>\n")
        for c in r["changes"]:
            flows = self.records(_ids(c["flows"]))
            out.append(
                f"<li>stated change {self.record(c['id'])} {e[c['effective']]} "
                f"{e[signed(c['stated'])]} vs itemized {e[signed(c['itemized'])]}"
                f"{f' ({flows})' if flows else ''}: {self._status(c['unexplained'])}</li>\n")
        for n in r["negative"]:
            shown = (btc(n["btc"]) if n["btc"] is not None else
                     f"not known ({n['reason']})")
            out.append(f'<li class="bad">negative {e[n["bucket"]]} on '
                       f'{e[n["date"]]}: {e[shown]}</li>\n')
        for d in r["duplicates"]:
            out.append(f'<li class="bad">possible duplicate {e[d["type"]]}: '
                       f'{self.records(d["records"], " and ")}</li>\n')
        for o in r.get("overlaps", []):
            from .render.audit import overlap_problem

            out.append(f'<li class="bad">overlap {e[o["type"]]}: '
                       f'{self.records(o["records"], " and ")} ({e[overlap_problem(o)]})'
                       '</li>\n')
        for c in r["capital"]:
            out.append(f'<li class="bad">{e[c["problem"]]}: {e[c["figure"]]} = '
                       f'{e[c["value"]]} on {e[c["date"]]} '
                       f'({self.records(c["records"])})</li>\n')
        out.append("</ul></section>\n")

    def _figure_rows(self, c: dict[str, Any], results: bool) -> str:
        """The capital structure's figures (or its results' figures), one row each."""
        e = self._e
        day = c["as_of"]
        return "".join(
            f'<tr><td><code>{e[name]}</code></td><td class="num">'
            f'{self.figure("capital", day, name, e[_value(f["value"], f["unit"])])}'
            f'</td><td>{e[f["unit"]]}</td></tr>\n'
            for name, f in c["values"].items()
            if str(name).startswith("results.") is results)

    def _capital(self, out: list[str], c: dict[str, Any]) -> None:
        e = self._e
        out.append(f'<section id="capital"><h2>Capital structure as of {e[c["as_of"]]}'
                   "</h2>\n")
        if any(not str(name).startswith("results.") for name in c["values"]):
            out.append('<table><thead><tr><th>figure</th><th class="num">value</th>'
                       f"<th>unit</th></tr></thead><tbody>{self._figure_rows(c, False)}"
                       "</tbody></table>")
        else:
            out.append("<p>No capital records.</p>")
        if c["in_progress"]:
            out.append("<p>In progress (not counted until the period ends):</p><ul>")
            out.extend(f"<li>{self.record(p['id'])} ({e[p['type']]}, "
                       f"{e[p['effective']]})</li>" for p in c["in_progress"])
            out.append("</ul>")
        out.append("</section>\n")

    def _shares(self, out: list[str], sh: dict[str, Any], rows: list[dict[str, Any]],
                company: str) -> None:
        e = self._e
        day = sh["as_of"]
        out.append(f'<section id="shares"><h2>Shares and per-share figures as of '
                   f"{e[day]}</h2>\n<table><thead><tr><th>figure</th>"
                   '<th class="num">value</th><th>rests on</th></tr></thead><tbody>\n')
        for row in rows:
            value = row["value"]
            if value is None:
                shown = '<span class="unknown">not known</span>'
            elif row["explain"]:
                shown = self.figure("shares", day, row["name"], e[_number(value)])
            else:
                shown = e[_number(value)]
            out.append(f'<tr><td><code>{e[row["name"]]}</code></td><td class="num">'
                       f'{shown}</td><td>{e[row["why"]]}</td></tr>\n')
        out.append(f'</tbody></table><p class="note">From <code>caledger shares {company}'
                   f"</code> and <code>caledger kpi {company}</code> as of the same day.</p>"
                   "</section>\n")

    def _results(self, out: list[str], c: dict[str, Any]) -> None:
        e = self._e
        results = c.get("results")
        if not results:
            out.append('<section id="results"><h2>Results</h2><p>No results reported by '
                       f'{e[c["as_of"]]}.</p></section>\n')
            return
        out.append(f'<section id="results"><h2>Results for {e[results["period"]]}</h2>'
                   f'<p>The latest period reported by {e[c["as_of"]]} '
                   f'({self.record(results["id"])}; {self.sources(results)}). Figures not '
                   "reported are left out.</p><table><thead><tr><th>figure</th>"
                   '<th class="num">value</th><th>unit</th></tr></thead><tbody>'
                   f"{self._figure_rows(c, True)}</tbody></table></section>\n")

    def _value(self, out: list[str], v: dict[str, Any], operations: dict[str, Any] | None,
               company: str) -> None:
        e = self._e
        day = v["as_of"]
        out.append(f'<section id="value"><h2>What it is worth as of {e[day]}</h2>'
                   '<p class="note">At the latest closes no more than '
                   f'{e[v["max_price_age_days"]]} days old; a figure any input of which '
                   "is not known is not known, and says why (<code>caledger value "
                   f"{company}</code>).</p><table><thead><tr><th>figure</th>"
                   '<th class="num">value</th><th>unit</th><th>rests on</th></tr></thead>'
                   "<tbody>\n")
        for name, f in v["figures"].items():
            shown = ("not known" if f["value"] is None else
                     self.figure("value", day, name, e[_value(f["value"], f["unit"])]))
            out.append(f'<tr><td><code>{e[name]}</code></td><td class="num">{shown}</td>'
                       f'<td>{e[f["unit"]]}</td><td>{e[f["status"]]}: '
                       f'{e[f["reason"]]}</td></tr>\n')
        for name, f in (operations or {"figures": {}})["figures"].items():
            shown = "not known" if f["value"] is None else e[_number(f["value"])]
            out.append(f'<tr><td><code>{e[name]}</code></td><td class="num">{shown}</td>'
                       f'<td>{e[f["unit"]]}</td><td>{e[f["status"]]}: '
                       f'{e[f["reason"]]}</td></tr>\n')
        out.append("</tbody></table></section>\n")

    def _explanations(self, out: list[str], data: dict[str, Any], c: dict[str, Any],
                      v: dict[str, Any] | None) -> None:
        e = self._e
        out.append('<section id="explanations"><h2>Explanations</h2><p class="note">How each '
                   "figure above was derived, step by step: the same computation that produced"
                   " it (<code>caledger explain</code>).</p>\n")
        self._holdings_trails(out, data["company"], data["holdings"])
        day = c["as_of"]
        for name, trail in c["trails"].items():
            out.append(f'<section class="trail" id="{anchor("explain", "capital", day, name)}">'
                       f"<h3>{e[name]} as of {e[day]} = "
                       f'{e[_value(trail["value"], trail["unit"])]}</h3>\n'
                       f'{self.steps_table(trail["steps"])}\n</section>\n')
        if v:
            day = v["as_of"]
            for name, trail in v["trails"].items():
                if trail["value"] is None:
                    continue
                out.append(f'<section class="trail" id="{anchor("explain", "value", day, name)}">'
                           f"<h3>{e[name]} as of {e[day]} = "
                           f'{e[_value(trail["value"], trail["unit"])]}</h3>'
                           f'<p>{e[trail.get("status", "")]}: '
                           f'{e[trail.get("reason", "")]}</p>\n'
                           f'{self.steps_table(trail["steps"])}\n</section>\n')
        out.append("</section>\n")

    def _holdings_trails(self, out: list[str], company: Any, holdings: Any) -> None:
        """The explanation of each holdings figure at each date: four trails a date,
        hundreds on the page of a long history."""
        e = self._e
        links = self.links
        for h in holdings:
            day = h["as_of"]
            for figure, trail in h["explain"].items():
                value = "not known" if trail["value"] is None else e[btc(trail["value"])]
                out.append(f"<section class=\"trail\" id=\"{anchor('explain', 'holdings', day, figure)}\">"
                           f"<h3>{e[figure]} as of {e[day]} = {value}</h3>"
                           f"<p>{e[trail.get('status', '')]}: {e[trail.get('reason', '')]}</p>\n")
                out.append(self.steps_table(trail["steps"]))
                out.append("\n")
                since = trail.get("left_out_since")
                if trail.get("left_out"):
                    out.append("<p>Left out")
                    if since:
                        out.append(f" (what ended after {e[since]}, the date above)")
                    out.append(":</p><ul>")
                    out.extend(f"<li>{self.record(i['record']['id'])}: {e[i['why']]}</li>"
                               for i in trail["left_out"])
                    out.append("</ul>")
                n = trail.get("left_out_earlier")
                if n:
                    plural = "" if n == 1 else "s"
                    out.append(f"<p class=\"note\">Also left out: {e[_number(n)]} earlier flow{plural}"
                               f" before the anchor, whose period{plural} ended by"
                               f" {e[trail['left_out_since']]}; <code>caledger explain"
                               f" {e[company]} {e[figure]} --as-of {e[day]}</code>"
                               " lists every one")
                    if links.served:
                        out.append(f" (<a href=\"{e[links.figure('holdings', day, figure)]}\">"
                                   "the full explanation</a>)")
                    out.append(".</p>")
                n = trail.get("in_progress_earlier")
                if n:
                    plural = "" if n == 1 else "s"
                    out.append(f"<p class=\"note\">Also left out: {e[_number(n)]} flow{plural}"
                               f" in progress that began by {e[trail['left_out_since']]},"
                               " each listed at the first date above where it was in progress.</p>")
                out.append("</section>\n")

    def _who(self, r: dict[str, Any]) -> str:
        e = self._e
        if not r.get("recorded_by"):
            return ""
        return f"{e[r['recorded_by']]}<br><small>{e[r.get('via') or '']}</small>"

    def record_row(self, r: dict[str, Any]) -> str:
        """A row of the page's records table: one per record of the company's history."""
        e = self._e
        head = (f"<tr id=\"{anchor('rec', r['id'])}\"><td>@{e[r['position']]}</td>"
                f"<td><code>{e[r['id']]}</code></td>")
        if r["type"] in ("correction", "retraction"):
            ev = r.get("event")
            changes = ""
            if r["type"] == "correction":
                changes = ", ".join(f"{e[k]}: {escaped(ch['from'])} &rarr; {escaped(ch['to'])}"
                                    for k, ch in r.get("changes", {}).items()
                                    if k not in ("sources", "note"))
            return (f"{head}<td>{e[r['type']]} of "
                    f"{self.record(r.get('corrects') or r.get('retracts'))}</td>"
                    f"<td>{e[ev.get('effective') if ev else '']}</td><td>{changes}</td>"
                    f"<td>{e[r.get('status', '')]}</td><td>{self.sources(ev) if ev else ''}</td><td>{self._who(r)}</td>"
                    f"<td class=\"note\">{escaped(r.get('reason'))}</td></tr>\n")
        s = r.get("current") or r
        shown = ", ".join(f"{e[k]} {escaped(s[k])}" for k in _AMOUNTS if k in s)
        extra = [k for k in ("target", "how", "program", "counterparty") if k in s]
        if extra:
            shown += "; " + ", ".join(f"{e[k]} {escaped(s[k])}" for k in extra)
        return (f"{head}<td>{e[s['type']]}</td><td>{e[s.get('effective')]}</td>"
                f"<td>{shown}</td><td>{e[r['status']]}</td><td>{self.sources(s)}</td>"
                f"<td>{self._who(r)}</td><td class=\"note\">{escaped(s.get('note'))}</td></tr>\n")

    def _cited_lines(self, out: list[str], cited: dict[str, dict[Any, list[str]]]) -> None:
        """Each cited document and its lines with the records citing each: a line per
        record or so, a thousand on a long history's page."""
        e = self._e
        links = self.links
        for document, lines in sorted(cited.items(), key=lambda item: item[0]):
            href = links.document(document)
            name = e[document]
            out.append(f"<h3 id=\"{anchor('src', document)}\">"
                       + (f"<a href=\"{e[href]}\">{name}</a>" if href else name)
                       + "</h3><ul>\n")
            for line, ids in sorted(lines.items(), key=_by_key):
                where = links.served and links.source(document, line)
                shown = (f"<a href=\"{e[links.source(document, line)]}\">line {e[line]}</a>"
                         if where else f"line {e[line]}")
                out.append(f"<li id=\"{anchor('src', document, line)}\">{shown}: "
                           f"{', '.join(self.record(i) for i in ids)}</li>\n")
            out.append("</ul>\n")


def _by_key(item: tuple[Any, Any]) -> Any:
    """The order Jinja2's ``dictsort`` gave the lines: a text key in lowercase."""
    return item[0].lower() if isinstance(item[0], str) else item[0]


def render(template: str, **context: Any) -> str:
    """``templates/TEMPLATE`` rendered with ``context`` (the served pages)."""
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


def page(data: dict[str, Any], links: Any, *, served: bool = False, site: Any = None,
         inline_css: str | None = None) -> str:
    """The company page, ``links`` placing each link: its body written by ``Writer``, in
    ``templates/base.html``'s frame. The served page (``served``, with the server's ``site``)
    is framed by the template (``templates/report.html``) as every served page is; the static
    page by ``frame``, which writes what the template writes without it (a test holds the
    two to the same bytes), so ``caledger report`` never loads Jinja2."""
    chart = data["chart"]
    body = Writer(links).body(data, cited_documents(data["records"]),
                              None if chart is None else chart_svg(chart))
    if served:
        from markupsafe import Markup

        return render("report.html", data=data, body=Markup(body), served=True, site=site,
                      inline_css=inline_css)
    return frame(f"{escaped(data['company'])}: bitcoin treasury report (caledger)", body,
                 inline_css)


def frame(title: str, body: str, inline_css: str | None) -> str:
    """``templates/base.html`` as it frames a page that is not served: ``title`` and
    ``body`` (both HTML already), the stylesheet inlined (``inline_css``) or linked."""
    style = (f"<style>{inline_css}</style>" if inline_css else
             '<link rel="stylesheet" href="/static/caledger.css">')
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{title}</title>\n{style}</head><body>\n<main id="content">\n{body}'
            "</main>\n</body></html>")


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
    return precision.shown(value, unit)


def _ids(items: Any) -> list[Any]:
    """Each item's ``id``: what ``map(attribute="id")`` gives, at a fraction of its cost."""
    return [item["id"] for item in items]


def _number(value: Any) -> str:
    """A number for people: grouped; a quotient's digits beyond a stated amount's to 12
    significant ones (``ledger/precision.py``)."""
    return precision.shown(value)


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
