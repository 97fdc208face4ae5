"""SEC XBRL → import-format records: company facts, filings and the bulk archive.

- ``rules``: the one table of concepts and the records they become;
- ``facts``: SEC company facts (one JSON per company);
- ``filing``: a filing itself: inline XBRL (``.htm``), an instance (``.xml``) or its ``.zip``;
- ``bulk``: EDGAR's company-facts archive (one JSON per CIK), streamed member by member.
"""

from .facts import (
    BTC_HELD,
    COMPANY_FACTS_URL,
    CONCEPTS,
    FILING_INDEX_URL,
    SHARES_OUTSTANDING,
    Concept,
    Conversion,
    Fact,
    convert,
    fetch,
    filing_url,
    parse_company_facts,
    read_company_facts,
    record_id,
)
from .rules import BITCOIN_UNITS, GENERIC_UNITS, RULES, SHARE_UNITS, Rule

#: What a filing's file is called: inline XBRL, an XBRL instance, or the filing's zip.
FILING_SUFFIXES = (".htm", ".html", ".xhtml", ".xml", ".zip")


def is_filing(path: str) -> bool:
    """Whether ``path`` is a filing (by its name, else by its first bytes) rather than
    company-facts JSON."""
    if path.lower().endswith(FILING_SUFFIXES):
        return True
    if path.lower().endswith(".json"):
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith((b"<", b"PK\x03\x04"))

__all__ = ["BITCOIN_UNITS", "BTC_HELD", "COMPANY_FACTS_URL", "CONCEPTS", "FILING_INDEX_URL",
           "GENERIC_UNITS", "RULES", "SHARES_OUTSTANDING", "SHARE_UNITS", "Concept",
           "Conversion", "Fact", "Rule", "convert", "fetch", "filing_url", "is_filing",
           "parse_company_facts", "read_company_facts", "record_id"]
