"""The company report page: one self-contained static HTML file.

Built from ``api.report_data`` (JSON-shaped, every figure computed by the code behind the
commands): the chart inline as SVG, holdings at each disclosed date, the reconciliation, the
capital structure, each figure linked to its explanation trail and each record to the
document and line it cites, all within the page; stamped with the store position and head
hash it was computed at. Inline CSS, no script, nothing fetched: it opens offline.

Everything that comes from records goes through ``e()`` (``html.escape`` with quotes), and
every element id through ``anchor()``, which keeps only characters that are safe in an id and
a URL fragment. The page is small and fixed in shape, so plain functions returning strings
are clearer here than a template engine and add no dependency; escaping is explicit at every
insertion, and a test feeds the page a note holding ``<script>``.
"""

from __future__ import annotations

import html
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from .render import btc, signed, usd


def e(value: Any) -> str:
    """Text from anywhere, safe in HTML content and in quoted attributes (a control
    character shown escaped, see ``ledger/safetext.py``)."""
    from .safetext import xml

    return html.escape(xml("" if value is None else str(value)), quote=True)


def anchor(*parts: Any) -> str:
    """An element id from ``parts``: letters, digits, ``.``, ``-`` kept, anything else
    written as ``_HEX_``, so distinct inputs give distinct ids and nothing needs escaping."""
    return "-".join("".join(c if (c.isascii() and c.isalnum()) or c in ".-" else
                            f"_{ord(c):x}_" for c in str(p)) for p in parts)


def _link(target: str, text: str) -> str:
    return f'<a href="#{target}">{text}</a>'


def _record_link(record_id: str) -> str:
    return _link(anchor("rec", record_id), f"<code>{e(record_id)}</code>")


def _source_links(record: dict[str, Any]) -> str:
    return ", ".join(_link(anchor("src", s["document"], s["line"]),
                           f"{e(s['document'])}:{e(s['line'])}")
                     for s in record.get("sources", []))


def _figure_id(kind: str, day: str, figure: str) -> str:
    return anchor("explain", kind, day, figure)


_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
       max-width: 1100px; padding: 1.5em; color: #1b1b1b; background: #fff; }
h1 { margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 2px solid #1f4e79; }
.stamp { color: #555; font-size: .9em; } code { font-size: .92em; }
nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: .6em 0; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .5em; text-align: left;
         vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bad { color: #c0392b; font-weight: 600; } .ok { color: #2e7d32; }
.unknown { color: #777; font-style: italic; } .flows-only { color: #7f8c8d; }
.note { color: #444; font-size: .9em; } .chart svg { max-width: 100%; height: auto; }
section.trail { border-left: 3px solid #ddd; padding-left: .8em; margin: 1em 0; }
:target { background: #fff7d6; }
"""


def build(data: dict[str, Any], *, sources_href: str | None = None,
          missing: frozenset[str] = frozenset()) -> str:
    """The page's HTML. ``sources_href``: where the cited documents are, relative to the
    page (each document name links there, except those ``missing`` from it), or None to
    name them only."""
    company = data["company"]
    known = (f"as known at {e(data['known_at'])}" if data["known_at"] else "as known now")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(company)}: bitcoin treasury report (caledger)</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{e(company)}: bitcoin treasury report</h1>",
        f'<p class="stamp" id="stamp">Computed by caledger {known}: store position '
        f"<strong>@{e(data['position'])}</strong>, head hash <code>{e(data['head_hash'])}</code>. "
        f"Capital structure as of {e(data['as_of'])}. Anyone can recompute this page with "
        f"<code>caledger report {e(company)} --known-at @{e(data['position'])} --as-of "
        f"{e(data['as_of'])}</code> and check the head hash is unchanged.</p></header>",
        '<nav><a href="#chart">Chart</a><a href="#holdings">Holdings</a>'
        '<a href="#reconciliation">Reconciliation</a><a href="#capital">Capital</a>'
        '<a href="#results">Results</a><a href="#value">Value</a>'
        '<a href="#explanations">Explanations</a><a href="#records">Records</a>'
        '<a href="#sources">Sources</a></nav>',
        _chart(data),
        _holdings(data),
        _reconciliation(data["reconciliation"]),
        _capital(data["capital"]),
        _results(data["capital"]),
        _worth(data),
        _explanations(data),
        _records(data["records"]),
        _sources(data["records"], sources_href, missing),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _chart(data: dict[str, Any]) -> str:
    chart = data["chart"]
    if chart is None:
        return '<section id="chart"><h2>Chart</h2><p>No bitcoin records to chart.</p></section>'
    from . import chart as charts

    svg = charts.render(chart, "svg").decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML declaration and DOCTYPE: inline in HTML
    return (f'<section id="chart"><h2>Chart</h2><div class="chart" role="img" '
            f'aria-label="{e(data["company"])} bitcoin holdings from {e(chart["from"])} to '
            f'{e(chart["to"])}">{svg}</div><p class="note">Step line: total holdings, none where '
            "they are not known and dotted grey where they rest on recorded flows only. "
            "Diamonds: balances the company disclosed (labelled with document and line). Red "
            "gap: variance no recorded flow explains. Shaded: flows in progress on the last "
            "day.</p></section>")


def _holdings(data: dict[str, Any]) -> str:
    rows = []
    for h in data["holdings"]:
        day = h["as_of"]
        cells = "".join(
            f'<td class="num" title="{e(h["status"][name])}: {e(h["reason"][name])}">'
            f'{_link(_figure_id("holdings", day, f"btc.{name}"), _figure(h, name))}</td>'
            for name in ("total", "loaned", "pledged", "unencumbered"))
        basis = (f"disclosed balance {_record_link(h['anchor']['id'])}" if h["anchor"]
                 else "no disclosed balance")
        if h.get("current"):
            day = f"{day} (as of)"
        flows = ", ".join(_record_link(f["id"]) for f in h.get("flows", [])) or "none"
        progress = ", ".join(_record_link(r["id"]) for r in h["in_progress"]) or "none"
        rows.append(f"<tr><td>{e(day)}</td>{cells}<td>{basis}</td><td>{flows}</td>"
                    f"<td>{progress}</td></tr>")
    if not rows:
        return ('<section id="holdings"><h2>Holdings at each disclosed date</h2>'
                "<p>The company has disclosed no balance.</p></section>")
    return ('<section id="holdings"><h2>Holdings at each disclosed date</h2><table><thead><tr>'
            '<th>as of</th><th class="num">total BTC</th><th class="num">loaned</th>'
            '<th class="num">pledged</th><th class="num">unencumbered</th><th>basis</th>'
            "<th>flows counted</th><th>in progress</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table><p class=\"note\">Each figure links to how it "
            "was derived. <em>not known</em>: no disclosed balance states it and nothing "
            "recorded gives it. <span class=\"flows-only\">*</span> flows only: no disclosed "
            "balance yet, the sum of recorded flows. The last row is the report's as-of "
            "date.</p></section>")


def _figure(h: dict[str, Any], name: str) -> str:
    """A holdings cell: the figure, marked when it rests on flows only; "not known"."""
    value, status = h["btc"][name], h["status"][name]
    if value is None:
        return '<span class="unknown">not known</span>'
    if status == "flows only":
        return f'{e(btc(value))}<span class="flows-only">*</span>'
    return e(btc(value))


def _status(unexplained: str) -> str:
    return ('<span class="ok">ok</span>' if unexplained == "0"
            else f'<span class="bad">unexplained {e(signed(unexplained))}</span>')


def _reconciliation(r: dict[str, Any]) -> str:
    items = []
    for b in r["balances"]:
        flows = ", ".join(_record_link(f["id"]) for f in b["flows"])
        items.append(
            f"<li>{e(b['bucket'])}: {_record_link(b['opening']['id'])} "
            f"{e(b['opening']['date'])} {e(btc(b['opening']['btc']))} BTC, plus flows "
            f"{e(signed(b['itemized']))}{' (' + flows + ')' if flows else ''} = "
            f"{e(btc(b['expected']))}; disclosed {_record_link(b['closing']['id'])} "
            f"{e(b['closing']['date'])} {e(btc(b['closing']['btc']))}: "
            f"{_status(b['unexplained'])}</li>")
    for c in r["changes"]:
        flows = ", ".join(_record_link(f["id"]) for f in c["flows"])
        items.append(
            f"<li>stated change {_record_link(c['id'])} {e(c['effective'])} "
            f"{e(signed(c['stated']))} vs itemized {e(signed(c['itemized']))}"
            f"{' (' + flows + ')' if flows else ''}: {_status(c['unexplained'])}</li>")
    for n in r["negative"]:
        items.append(f'<li class="bad">negative {e(n["bucket"])} on {e(n["date"])}: '
                     f"{e(btc(n['btc']))}</li>")
    for d in r["duplicates"]:
        items.append(f'<li class="bad">possible duplicate {e(d["type"])}: '
                     + " and ".join(_record_link(i) for i in d["records"]) + "</li>")
    for c in r["capital"]:
        items.append(f'<li class="bad">{e(c["problem"])}: {e(c["figure"])} = {e(c["value"])} '
                     f"on {e(c['date'])} ("
                     + ", ".join(_record_link(i) for i in c["records"]) + ")</li>")
    body = "<ul>" + "".join(items) + "</ul>" if items else "<p>Nothing to check yet.</p>"
    return (f'<section id="reconciliation"><h2>Reconciliation</h2><p>Do the company\'s own '
            f"figures add up? <strong>{e(r['issues'])}</strong> "
            f"issue{'' if r['issues'] == 1 else 's'}.</p>{body}</section>")


def _value(unit: str, value: str) -> str:
    if unit == "USD":
        return usd(value)
    if unit == "percent":
        return f"{value}%"
    return f"{Decimal(value):,f}"


def _figure_rows(c: dict[str, Any], names: list[str]) -> str:
    return "".join(
        f"<tr><td><code>{e(name)}</code></td><td class=\"num\">"
        f"{_link(_figure_id('capital', c['as_of'], name), e(_value(f['unit'], f['value'])))}"
        f"</td><td>{e(f['unit'])}</td></tr>" for name, f in c["values"].items() if name in names)


def _results(c: dict[str, Any]) -> str:
    """The latest reported results: what the company earned, not its capital structure."""
    results = c.get("results")
    if not results:
        return ('<section id="results"><h2>Results</h2><p>No results reported by '
                f"{e(c['as_of'])}.</p></section>")
    names = [n for n in c["values"] if n.startswith("results.")]
    return (f'<section id="results"><h2>Results for {e(results["period"])}</h2>'
            f"<p>The latest period reported by {e(c['as_of'])} "
            f"({_record_link(results['id'])}; {_source_links(results)}). Figures not reported "
            "are left out.</p><table><thead><tr><th>figure</th><th class=\"num\">value</th>"
            f"<th>unit</th></tr></thead><tbody>{_figure_rows(c, names)}</tbody></table></section>")


def _worth(data: dict[str, Any]) -> str:
    """What the bitcoin is worth on the page's date, and the miner's operations: each figure
    with its status and reason, a known one linked to its trail (``caledger value``)."""
    v = data.get("value")
    if v is None:
        return ""
    rows = []
    for name, f in v["figures"].items():
        shown = "not known" if f["value"] is None else _value(f["unit"], f["value"])
        cell = (e(shown) if f["value"] is None else
                _link(_figure_id("value", v["as_of"], name), e(shown)))
        rows.append(f"<tr><td><code>{e(name)}</code></td><td class=\"num\">{cell}</td>"
                    f"<td>{e(f['unit'])}</td><td>{e(f['status'])}: {e(f['reason'])}</td></tr>")
    ops = data.get("operations") or {"figures": {}}
    for name, f in ops["figures"].items():
        shown = "not known" if f["value"] is None else f"{Decimal(f['value']):,f}"
        rows.append(f"<tr><td><code>{e(name)}</code></td><td class=\"num\">{e(shown)}</td>"
                    f"<td>{e(f['unit'])}</td><td>{e(f['status'])}: {e(f['reason'])}</td></tr>")
    return (f'<section id="value"><h2>What it is worth as of {e(v["as_of"])}</h2>'
            f"<p class=\"note\">At the latest closes no more than {e(v['max_price_age_days'])} "
            "days old; a figure any input of which is not known is not known, and says why "
            f"(<code>caledger value {e(data['company'])}</code>).</p>"
            '<table><thead><tr><th>figure</th><th class="num">value</th><th>unit</th>'
            f"<th>rests on</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _capital(c: dict[str, Any]) -> str:
    rows = _figure_rows(c, [n for n in c["values"] if not n.startswith("results.")])
    progress = "".join(f"<li>{_record_link(r['id'])} ({e(r['type'])}, {e(r['effective'])})</li>"
                       for r in c["in_progress"])
    return (f'<section id="capital"><h2>Capital structure as of {e(c["as_of"])}</h2>'
            + (f'<table><thead><tr><th>figure</th><th class="num">value</th><th>unit</th></tr>'
               f"</thead><tbody>{rows}</tbody></table>" if rows else "<p>No capital records.</p>")
            + (f"<p>In progress (not counted until the period ends):</p><ul>{progress}</ul>"
               if progress else "") + "</section>")


def _steps_table(steps: list[dict[str, Any]]) -> str:
    rows = []
    for step in steps:
        record = step.get("record")
        where = (f"{_record_link(record['id'])} ({e(record['type'])}, {e(record['effective'])};"
                 f" {_source_links(record)})" if record else "")
        what = step.get("bucket", "")
        note = step.get("note") or step.get("formula") or (
            "straddles the anchor date" if step.get("straddles_anchor") else "")
        rows.append(f"<tr><td>{e(what)}</td><td>{e(step['action'])}</td>"
                    f'<td class="num">{e(step["amount"])}</td>'
                    f'<td class="num">{e(step["running"])}</td><td>{where}</td>'
                    f"<td>{e(note)}</td></tr>")
    return ('<table><thead><tr><th>bucket</th><th>step</th><th class="num">amount</th>'
            '<th class="num">running</th><th>record</th><th>note</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def _explanations(data: dict[str, Any]) -> str:
    out = ['<section id="explanations"><h2>Explanations</h2><p class="note">How each figure '
           "above was derived, step by step: the same computation that produced it "
           "(<code>caledger explain</code>).</p>"]
    for h in data["holdings"]:
        for figure, trail in h["explain"].items():
            left_out = "".join(f"<li>{_record_link(i['record']['id'])}: {e(i['why'])}</li>"
                               for i in trail.get("left_out", []))
            value = ("not known" if trail["value"] is None else btc(trail["value"]))
            out.append(f'<section class="trail" id="{_figure_id("holdings", h["as_of"], figure)}">'
                       f"<h3>{e(figure)} as of {e(h['as_of'])} = {e(value)}</h3>"
                       f"<p>{e(trail.get('status', ''))}: {e(trail.get('reason', ''))}</p>"
                       + _steps_table(trail["steps"])
                       + (f"<p>Left out:</p><ul>{left_out}</ul>" if left_out else "")
                       + "</section>")
    c = data["capital"]
    for name, trail in c["trails"].items():
        out.append(f'<section class="trail" id="{_figure_id("capital", c["as_of"], name)}">'
                   f"<h3>{e(name)} as of {e(c['as_of'])} = "
                   f"{e(_value(trail['unit'], trail['value']))}</h3>"
                   + _steps_table(trail["steps"]) + "</section>")
    v = data.get("value")
    for name, trail in (v["trails"].items() if v else ()):
        if trail["value"] is None:
            continue
        out.append(f'<section class="trail" id="{_figure_id("value", v["as_of"], name)}">'
                   f"<h3>{e(name)} as of {e(v['as_of'])} = "
                   f"{e(_value(trail['unit'], trail['value']))}</h3>"
                   f"<p>{e(trail.get('status', ''))}: {e(trail.get('reason', ''))}</p>"
                   + _steps_table(trail["steps"]) + "</section>")
    return "".join(out) + "</section>"


_AMOUNTS = ("btc", "cost_usd", "fair_value_usd", "usd", "principal_usd", "percent", "revenue_usd", "net_income_usd",
            "adjusted_ebitda_usd", "headcount", "shares")


def _records(records: list[dict[str, Any]]) -> str:
    rows = []
    for r in records:
        if r["type"] in ("correction", "retraction"):
            target = r.get("corrects") or r.get("retracts")
            what = (", ".join(f"{k}: {e(v['from'])} &rarr; {e(v['to'])}"
                              for k, v in r.get("changes", {}).items()
                              if k not in ("sources", "note")) if r["type"] == "correction"
                    else "")
            rows.append(f'<tr id="{anchor("rec", r["id"])}"><td>@{e(r["position"])}</td>'
                        f"<td><code>{e(r['id'])}</code></td><td>{e(r['type'])} of "
                        f"{_record_link(target)}</td><td>"
                        f"{e(r['event'].get('effective')) if 'event' in r else ''}</td>"
                        f"<td>{what}</td><td></td>"
                        f"<td>{_source_links(r['event']) if 'event' in r else ''}</td>"
                        f"<td>{_who(r)}</td>"
                        f'<td class="note">{e(r.get("reason"))}</td></tr>')
            continue
        s = r.get("current") or r
        amounts = ", ".join(f"{k} {e(s[k])}" for k in _AMOUNTS if k in s)
        extra = ", ".join(f"{k} {e(s[k])}" for k in ("target", "how", "program", "counterparty")
                          if k in s)
        rows.append(f'<tr id="{anchor("rec", r["id"])}"><td>@{e(r["position"])}</td>'
                    f"<td><code>{e(r['id'])}</code></td><td>{e(s['type'])}</td>"
                    f"<td>{e(s.get('effective'))}</td><td>{amounts}"
                    f"{'; ' + extra if extra else ''}</td><td>{e(r['status'])}</td>"
                    f"<td>{_source_links(s)}</td><td>{_who(r)}</td>"
                    f"<td class=\"note\">{e(s.get('note'))}</td></tr>")
    return ('<section id="records"><h2>Records</h2><p class="note">Every record of the '
            "company in the order the ledger stored them; a corrected record shows its current "
            "values.</p><table><thead><tr><th>pos</th><th>id</th><th>type</th><th>effective"
            "</th><th>amounts</th><th>status</th><th>sources</th><th>recorded by</th>"
            "<th>note</th></tr></thead>"
            "<tbody>" + "".join(rows) + "</tbody></table></section>")


def _who(r: dict[str, Any]) -> str:
    """Who recorded a record and by which way in ("not recorded" before the ledger kept it)."""
    if not r.get("recorded_by"):
        return ""
    return f"{e(r['recorded_by'])}<br><small>{e(r.get('via') or '')}</small>"


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


def _sources(records: list[dict[str, Any]], sources_href: str | None,
             missing: frozenset[str] = frozenset()) -> str:
    cited = cited_documents(records)
    out = ['<section id="sources"><h2>Sources</h2><p class="note">Each document and line the '
           "records cite, and the records citing it.</p>"]
    for document in sorted(cited):
        name = e(document)
        if sources_href is not None and document not in missing:
            name = f'<a href="{e(sources_href.rstrip("/") + "/" + document)}">{name}</a>'
        out.append(f'<h3 id="{anchor("src", document)}">{name}</h3><ul>')
        for line in sorted(cited[document]):
            out.append(f'<li id="{anchor("src", document, line)}">line {e(line)}: '
                       + ", ".join(_record_link(i) for i in cited[document][line]) + "</li>")
        out.append("</ul>")
    return "".join(out) + "</section>"


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
