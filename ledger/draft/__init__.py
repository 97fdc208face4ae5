"""Drafting records from a text document, for an analyst to review, edit and import.

``draft(text, document, company)`` proposes import-format records, each citing the document
and the line its figure is on, for what an article or release says a company did: bitcoin
mined, purchased or sold, stated holdings and net changes, equity raised, notes issued,
stakes, acquisitions, workforce cuts and reported results. Nothing is stored here.

It is a small set of general rules, in English and French, not a model of any one text:

1. **Figures.** Numbers are found as written (``18,146``, ``18 146`` with any Unicode space,
   ``1,5``, ``$1.5 billion``, ``318,6 millions de dollars``, ``64 %``) and parsed with Babel's
   ``parse_decimal(strict=True)`` in the document's locale, after every kind of space inside
   the number has been replaced by the locale's group separator: strict mode refuses a number
   it would otherwise misread (``1,5`` in English), and it reads U+2009 or U+0020 groups in
   French only once normalised. A unit beside the number makes it a figure: bitcoin (``BTC``,
   ``bitcoins``), dollars (``$``, ``USD``, ``dollars``, with ``million``/``billion``/
   ``milliard``), percent, or people/shares. Bounds (``over 80%``, ``plus de 31 000``) are
   never proposed as amounts.
2. **Periods.** Quarters (``Q1 2026``, ``T1 2026``, ``fourth quarter of 2024``,
   ``quatrième trimestre de 2024``, a bare ``Q4`` taking the year of the latest earlier
   period with a year), months, years (``in 2025``, ``en 2025``), the end of a period
   (``à la fin de 2024`` → its last day) and dates. Quarters, years and ends are parsed here:
   dateparser reads no quarters (``Q1 2026`` → a day in February), fills in what a text
   leaves out (``in 2025`` → today's month and day of 2025, ``le 26 février`` → this year)
   and reads nothing with a preposition in front (``au 31 mars 2026`` → None). So phrases are
   located here (month names from Babel) and only the phrase itself (``31 mars 2026``,
   ``September 30, 2025``, ``août 2025``) goes to dateparser, whose ``period`` says how
   precise it is; a date without a year is not used. Maturities (``due 2030``) and
   comparisons (``par rapport au Q4 2023``) are not when anything happened. A figure takes
   the nearest period in its sentence, else in its line, else the document's latest quarter
   or year (never a month or a date, which name when one thing happened), and its note says
   so. Nothing is made more precise than the text: ``in 2025`` stays ``2025``; a balance, which must be as of one date, gets no effective unless the text
   gives a date or the end of a period.
3. **What a figure is.** The words between a figure and its neighbouring figures decide:
   the nearest action word before a bitcoin amount (mined, bought, sold, holdings, added, and
   their French forms; ``including N BTC loaned`` after a balance is its ``loaned``), the
   instrument after a dollar amount (stock → equity raised, notes →
   notes issued with their coupon and convertibility), results words (revenue, net income,
   loss, adjusted EBITDA; not estimates or consensus), ``acquisition of NAME``, ``N% stake in
   NAME``, and a cut verb with a workforce noun around a percent or headcount.
4. **One action, several lines.** Proposals of the same type and period whose fields agree
   are merged into one record citing each line (identical ones anywhere in the document,
   complementary ones, e.g. a sale's dollars on one line and its bitcoin on the next, only
   within two lines, and a headline repeating a figure without its period into the statement
   that dates it), and the note says they were merged.
5. **Shapes of real disclosures** (``../shared/corpus`` measured them; the fixtures under
   ``tests/fixtures/drafts/shapes`` are the project's own): ranges kept as ranges and periods
   ended on a day ("the quarter ended March 31, 2025" is 2025-Q1); a month in a heading
   framing the lines under it; tables as pipe rows, one cell per line, "Label: number" lines or
   flattened into one line; ATM and placement proceeds with their shares, never the capacity
   left; BTC Yield as ``kpi_disclosed`` with its ``since``; stock splits; share counts;
   convertible terms read on over the next lines; amounts in other currencies never in ``usd``;
   rates, prices per coin, aggregate costs, values of holdings, targets and hypotheticals left
   out. With the publication date (``disclosed``), a flow dated only by its announcement gets
   its month, a balance stated as "now" its day, and a day or month written without its year
   the latest such one by then; when it is not given, a publication day the document's top
   states (a date line under the title, a dateline) is used, the review naming its line
   (``published.py``).

6. **Precision first.** What the rules read but cannot tie with confidence to this company,
   a period the text states and one type (a figure whose sentence names another company, a
   flow dated by the publication or a heading while its clause names another time, a lone
   results figure, a raise without its shares, notes with one term, an offering to come...)
   is not proposed: ``draft(..., noticed=[])`` lists it with why (``_unsure``), for the
   reviewer, never as a record.

Each record's ``note`` quotes only the figures and period phrases it used and says what is
uncertain; its ``review`` lists what to check, and ``import`` refuses it until the review is
done (``ledger/review.py``). ``python -m ledger.draft --evaluate`` measures the drafter against
the seed ledger, ``--corpus DIR`` against a labelled corpus (``ledger/draft/score.py``);
``ledger/draft/documents.py`` reads HTML and PDF.
"""


# The drafter lives in the modules beside this one, each importing only from those before it:
# text (figures) -> dates -> names -> periods -> cues -> reading -> the Reader's rules
# (passes, tables, sentence, rules, dating) -> reader -> assemble -> noticed -> compose
# (draft) -> measure. What other code and the tests use is imported here.
from .text import (COMPARED_WITH_WORDS, HOLDING_NOUNS_EN, HOLDING_NOUNS_FR, LANGS, LOCALES,
                   STATED_AS_EN, STATED_AS_FR, SUBJECT_ASIDES, Figure, detect_language, figures,
                   fold, parse_number)
from .dates import Mention
from .names import _LEAD_IN, _NOT_COMPANIES, _NOT_NAMES, _same_company
from .periods import mentions, yearless
from .cues import BTC_ACTIONS
from .reading import Draft, Proposal, _sentences
from .reader import Reader
from .assemble import REVIEW, _months_of, _unwrapped, review_items
from .noticed import Noticed, _names_in, _noticed, _sentence_of, _unsure
from .compose import _same_twice, _told_again, draft
from .measure import (AMOUNT_FIELDS, NOT_DRAFTED, _main, appears, evaluate, evaluation_table,
                      figure_forms, matches)
