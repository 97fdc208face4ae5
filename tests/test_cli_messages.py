"""What a new user is told: error lines that say what is wrong in the terms of the option or
argument they typed, numbers printed as people read them, and a note when a write names a
company the ledger did not know."""

from __future__ import annotations

import pytest

from .conftest import the_one_error_line

DAY = ('give a day as YYYY-MM-DD, e.g. "2025-09-30" (a month "2025-09", a quarter "2025-Q3" '
       'or a year "2025" stands for its last day)')


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2026-13-45", f'"2026-13-45" is not a real calendar date; {DAY}'),
    ("31/03/2026", f'"31/03/2026" is not a day; {DAY}'),
    ("2025-01-01/2025-02-01", f'"2025-01-01/2025-02-01" is a range, not one day; {DAY}'),
    ("3026-01-01", '"3026-01-01" is outside the years the ledger accepts (1900 to 2999); '
                   "check the year"),
    ("soon", f'"soon" is not a day; {DAY}'),
])
def test_a_bad_as_of_is_told_what_a_day_is_and_never_offered_a_range(caledger, seeded, as_of,
                                                                      expected):
    line = the_one_error_line(caledger("holdings", "MARA", "--as-of", as_of, "--db", seeded))
    assert line == f"error: --as-of: {expected}"
    assert 'a range "' not in line


def test_a_bad_from_names_its_first_day(caledger, seeded):
    line = the_one_error_line(caledger("series", "MARA", "--from", "2025-02-30", "--db", seeded))
    assert line == ('error: --from: "2025-02-30" is not a real calendar date; give a day as '
                    'YYYY-MM-DD, e.g. "2025-09-30" (a month "2025-09", a quarter "2025-Q3" or '
                    'a year "2025" stands for its first day)')


def test_an_effective_day_out_of_range_reads_as_a_sentence(caledger, seeded):
    line = the_one_error_line(caledger(
        "append", "btc_purchased", "--company", "MARA", "--effective", "3026-01-01",
        "--btc", "1", "--source", "x.txt:1", "--db", seeded))
    assert '"3026-01-01": the date 3026-01-01 is outside the years the ledger accepts' in line
    assert "starts on" not in line
