"""Documents as users have them: a saved HTML page and a PDF letter are drafted from the text
extracted from them, which ``draft --show-text`` prints; bad documents are one line each, a
non-zero exit and nothing written. The HTML and PDF files are made by the tests (the PDF by
hand: a minimal file with a text layer, and one with only a drawing)."""

from __future__ import annotations

import json

import pytest

from ledger.draft.documents import MAX_BYTES, read_document

from .conftest import the_one_error_line

PAGE = """<!DOCTYPE html>
<html><head><title>Acme Mining | Investors</title>
<script>var tracking = "Acme sold 999 BTC";</script><style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/ir">Investors</a> <a href="/news">News</a></nav>
<header><p>Press release</p></header>
<article>
<h1>Acme Mining Announces March 2025 Production Update</h1>
<p>LAS VEGAS, April 2, 2025 &mdash; Acme Mining sold <b>120 BTC</b> in March 2025
for $11.6 million.</p>
<table>
<tr><th>Metric</th><th>March 2025</th><th>February 2025</th></tr>
<tr><td>Bitcoin mined</td><td>705</td><td>650</td></tr>
<tr><td>Average bitcoin mined per day</td><td>22.7</td><td>23.2</td></tr>
</table>
<ul><li>Hash rate: 21.4 EH/s</li></ul>
</article>
<footer>&copy; 2025 Acme Mining. All rights reserved.</footer>
</body></html>
"""


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, WinAnsi), or, with no
    lines, only a drawn line: no text layer at all."""
    def escape(text: str) -> bytes:
        return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
            b")", b"\\)")

    content = (b"BT /F1 11 Tf 72 720 Td 14 TL "
               + b"".join(b"(" + escape(line) + b") Tj T* " for line in lines) + b"ET"
               if lines else b"0 0 m 200 200 l S")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


LETTER = ["Acme Mining - Letter to Shareholders",
          "For the quarter ended September 30, 2025, revenue was $88.4 million.",
          "As of September 30, 2025, Acme held 6,020 BTC.",
          "Au 30 septembre 2025, Boréale détenait 9 870 BTC."]


def test_an_html_page_keeps_its_text_and_table_rows_and_drops_scripts_and_navigation(tmp_path):
    page = tmp_path / "release.html"
    page.write_text(PAGE, encoding="utf-8")
    doc = read_document(str(page))
    assert doc.kind == "html"
    assert doc.lines == [
        "Acme Mining Announces March 2025 Production Update",
        "LAS VEGAS, April 2, 2025 \u2014 Acme Mining sold 120 BTC in March 2025 for $11.6 million.",
        "| Metric | March 2025 | February 2025 |",
        "| Bitcoin mined | 705 | 650 |",
        "| Average bitcoin mined per day | 22.7 | 23.2 |",
        "Hash rate: 21.4 EH/s"]


def test_drafts_from_an_html_page_cite_lines_of_the_text_show_text_prints(caledger, tmp_path):
    page = tmp_path / "release.html"
    page.write_text(PAGE, encoding="utf-8")
    shown = caledger("draft", str(page), "--company", "MARA", "--show-text")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[3] == "4  | Bitcoin mined | 705 | 650 |"
    data = json.loads(caledger("draft", str(page), "--company", "MARA", "--json").stdout)
    got = [(r["type"], r["effective"], r["btc"], r.get("usd"), [s["line"] for s in r["sources"]])
           for r in data["records"]]
    assert got == [("btc_sold", "2025-03", "120", "11600000", [2]),
                   ("btc_mined", "2025-03", "705", None, [4])]
    assert not any("999" in json.dumps(r) for r in data["records"])  # the script is gone


def test_a_pdf_letter_is_drafted_from_its_text_layer(caledger, tmp_path):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(pdf(LETTER))
    shown = caledger("draft", str(letter), "--company", "MARA", "--show-text", "--json")
    assert json.loads(shown.stdout) == {"document": "letter.pdf", "kind": "pdf",
                                        "lines": LETTER}
    data = json.loads(caledger("draft", str(letter), "--company", "MARA", "--json").stdout)
    got = [(r["type"], r["effective"], r.get("btc"), r.get("revenue_usd"),
            r["sources"][0]["line"]) for r in data["records"]]
    assert got == [("btc_balance_disclosed", "2025-09-30", "6020", None, 3)]
    # the lone revenue figure and the balance whose subject is another name (the French line
    # read in its own language) are read and noticed, not drafted
    assert [(n["line"], n["read"]["type"], n["read"]["effective"],
             n["read"].get("revenue_usd") or n["read"].get("btc"))
            for n in data["noticed"]] == [(2, "results_reported", "2025-Q3", "88400000"),
                                          (4, "btc_balance_disclosed", "2025-09-30", "9870")]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("empty.txt", b"", "the document is empty"),
    ("blank.txt", b" \n\t\n", "the document is empty"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "can't read it as UTF-8 text"),
    ("latin1.txt", "Acme a vendu 5 BTC à Noël".encode("latin-1"),
     "can't read it as UTF-8 text"),
    ("nav.html", b"<html><body><nav>Home News</nav><script>x()</script></body></html>",
     "an HTML page with no text in it"),
    ("scan.pdf", pdf([]), "a PDF with no text layer"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<", "can't read it as a PDF"),
])
def test_a_bad_document_is_one_line_and_writes_nothing(caledger, tmp_path, name, content,
                                                       expected):
    doc = tmp_path / name
    doc.write_bytes(content)
    out = tmp_path / "drafts.jsonl"
    line = the_one_error_line(caledger("draft", str(doc), "--company", "MARA", "--out",
                                       str(out)))
    assert line.startswith(f"error: {doc}: ") and expected in line, line
    assert not out.exists()


def test_a_folder_is_not_a_document(caledger, tmp_path):
    line = the_one_error_line(caledger("draft", str(tmp_path), "--company", "MARA"))
    assert line == f"error: {tmp_path}: is a folder; give a document (text, HTML or PDF)"


def test_a_document_over_10_mb_is_refused_from_its_size(caledger, tmp_path):
    doc = tmp_path / "huge.txt"
    with open(doc, "wb") as f:  # sparse: its size alone must be enough to refuse it
        f.truncate(MAX_BYTES + 1)
    line = the_one_error_line(caledger("draft", str(doc), "--company", "MARA"))
    assert line == (f"error: {doc}: 10.0 MB is more than the 10 MB a document may have; "
                    "cut it to the part to draft from")

