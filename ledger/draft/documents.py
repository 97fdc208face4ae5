"""Documents as users have them: plain text, a saved HTML page, a PDF; read into numbered lines.

The lines a draft cites are the lines of the text extracted here, which ``caledger draft
--show-text`` prints so an analyst can check a citation.

- **HTML** (a saved press release, an EDGAR exhibit) is parsed with selectolax (the Lexbor
  engine): a fast, maintained HTML5 parser that keeps the page's structure, so paragraphs,
  headings and list items become lines and every table row becomes one pipe row
  (``| Bitcoin mined | 705 | 650 |``), the shape the drafter reads tables in. Scripts, styles,
  navigation, headers, footers, forms and asides are dropped. (A main-content extractor such as
  trafilatura guesses what the article is and may drop a table or a short release outright.)
- **PDF** (a results letter) is read with pypdf, pure Python and maintained, from its text
  layer, page after page; a PDF without one (a scan) is refused rather than guessed at.
- **Text** must be UTF-8.

Bad input is one ``RejectedInput`` line: empty, binary, larger than ``MAX_BYTES`` (refused from
its size, before anything is read), unreadable, an HTML page with no text, a PDF with no text
layer.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RejectedInput

#: The largest document drafted (bytes): a release, a letter or a filing's exhibit is far less.
MAX_BYTES = 10 * 1024 * 1024

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".xht")
_DROPPED = "script, style, noscript, template, nav, header, footer, aside, form, svg, iframe, " \
           "button, select, head"
_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
           "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody",
           "tfoot", "caption", "figure", "figcaption", "hr", "address", "center", "body"}


@dataclass(frozen=True)
class Document:
    name: str
    kind: str   # "text", "html", "pdf"
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def read_document(path: str) -> Document:
    """The document at ``path`` as text, whatever its kind; ``RejectedInput`` if it can't be."""
    name = Path(path).name
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise RejectedInput(f"{path}: no such file") from None
    except OSError as e:
        raise RejectedInput(f"{path}: can't read it: {e.strerror or e}") from None
    if Path(path).is_dir():
        raise RejectedInput(f"{path}: is a folder; give a document (text, HTML or PDF)")
    if size > MAX_BYTES:
        raise RejectedInput(f"{path}: {size / 1024 / 1024:.1f} MB is more than the 10 MB a "
                            "document may have; cut it to the part to draft from")
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise RejectedInput(f"{path}: can't read it: {e.strerror or e}") from None
    if not data.strip():
        raise RejectedInput(f"{path}: the document is empty")
    if data.startswith(b"%PDF-"):
        return Document(name, "pdf", _pdf_text(path, data))
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if path.lower().endswith(_HTML_SUFFIXES) or head.startswith((b"<!doctype html", b"<html")):
        return Document(name, "html", _html_text(path, data))
    if b"\x00" in data:
        raise RejectedInput(f"{path}: can't read it as UTF-8 text: it is binary; give a text, "
                            "HTML or PDF document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RejectedInput(f"{path}: can't read it as UTF-8 text ({e.reason} at byte "
                            f"{e.start}); convert it to a UTF-8 text file first") from None
    return Document(name, "text", text)


def _html_text(path: str, data: bytes) -> str:
    from selectolax.lexbor import LexborHTMLParser

    try:
        html = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        html = data.decode("cp1252", errors="replace")
    tree = LexborHTMLParser(html)
    for node in tree.css(_DROPPED):
        node.decompose()
    root = tree.body or tree.root
    out: list[str] = []
    if root is not None:
        _walk(root, out)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(out).split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise RejectedInput(f"{path}: an HTML page with no text in it (only scripts, styles or "
                            "navigation); save the page with its article")
    return text + "\n"


def _walk(node, out: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Text of ``node`` into ``out``, a newline around each block, one pipe row per table
    row."""
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append((child.text_content or "").replace("\n", " "))
        elif tag == "br":
            out.append("\n")
        elif tag == "tr":
            cells = [" ".join(cell.text(separator=" ").split())
                     for cell in child.iter() if cell.tag in ("td", "th")]
            cells = [c for c in cells if c]
            if cells:
                out.append("\n| " + " | ".join(cells) + " |\n")
        elif tag in _BLOCKS:
            out.append("\n")
            _walk(child, out)
            out.append("\n")
        elif tag not in ("-comment",):
            _walk(child, out)


def _pdf_text(path: str, data: bytes) -> str:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RejectedInput(f"{path}: the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except RejectedInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, IndexError) as e:
        raise RejectedInput(f"{path}: can't read it as a PDF: {e}") from None
    lines = [line.rstrip() for page in pages for line in page.splitlines()]
    text = "\n".join(lines)
    if not text.strip():
        raise RejectedInput(f"{path}: a PDF with no text layer (a scan?); run OCR on it "
                            "first (e.g. ocrmypdf) or give the text")
    return text + "\n"
