"""The drafter's scorer: any folder in the corpus format (texts and expected.json), scored as
the corpus README says, per file and in total.

The corpora here are written by the tests themselves, so every count is known in advance.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ledger.draft import _main
from ledger.draft.score import (NoCorpus, body, corpus_table, evaluate_corpus, is_trap,
                                score_file, trap_values)

LABEL = {
    "company": "ACME", "lang": "en",
    "records": [
        {"type": "btc_purchased", "effective": "2025-07", "btc": "120", "usd": "11500000",
         "lines": [1]},
        {"type": "btc_balance_disclosed", "effective": "2025-07-31", "btc": "4100", "lines": [2]},
        {"type": "kpi_disclosed", "metric": "btc_yield", "effective": "2025-07-31",
         "since": "2025-01-01", "value": "0.25", "lines": [3]},
        {"type": "btc_sold", "effective": "2025-07", "btc": "10", "usd": None, "lines": [4]},
    ],
    "optional": [{"type": "btc_balance_disclosed", "effective": "2025-06-30", "btc": "3980",
                  "why": "the comparison column", "lines": [2]}],
    "traps": ["$95,833 average price per bitcoin", "4.2 billion of ATM capacity left",
              "a 12% yield target"],
}


def never(_: dict) -> bool:
    return False


def test_each_proposal_is_fully_right_partly_right_optional_or_wrong():
    drafts = [
        # Fully right, amounts written differently ("120.0", "11500000.00").
        {"id": "a", "type": "btc_purchased", "effective": "2025-07", "btc": "120.0",
         "usd": "11500000.00"},
        # The right balance dated on the wrong day: partly right.
        {"id": "b", "type": "btc_balance_disclosed", "effective": "2025-07", "btc": "4100"},
        # The comparison column: optional, neither credited nor penalised.
        {"id": "c", "type": "btc_balance_disclosed", "effective": "2025-06-30", "btc": "3980"},
        # The yield with the wrong since: partly right.
        {"id": "d", "type": "kpi_disclosed", "metric": "btc_yield", "effective": "2025-07-31",
         "since": "2025-07-01", "value": "0.25"},
        # A usd the label says the text does not give (an amount in another currency): wrong.
        {"id": "e", "type": "btc_sold", "effective": "2025-07", "btc": "10", "usd": "950000"},
        # A price per coin: wrong, and a trap.
        {"id": "f", "type": "btc_purchased", "effective": "2025-07", "usd": "95833"},
        # The same purchase a second time: wrong (one label, one proposal).
        {"id": "g", "type": "btc_purchased", "effective": "2025-07", "btc": "120",
         "usd": "11500000"},
    ]
    score = score_file("x.txt", drafts, LABEL, lambda d: d["id"] == "g")
    assert score.counts() == {"expected": 4, "proposed": 7, "full": 1, "partial": 2,
                              "optional": 1, "wrong": 3, "traps": 1, "importable": 1,
                              "noticed": 0}
    verdicts = {d["id"]: d["verdict"] for d in score.details if "id" in d}
    assert verdicts == {"a": "full", "b": "partial", "c": "optional", "d": "partial",
                        "e": "wrong", "f": "wrong", "g": "wrong"}
    assert {"missed": 3, "type": "btc_sold", "effective": "2025-07"} in score.details


def test_a_later_exact_draft_gets_the_credit_over_an_earlier_partial_one():
    drafts = [{"type": "btc_balance_disclosed", "effective": "2025-07", "btc": "4100"},
              {"type": "btc_balance_disclosed", "effective": "2025-07-31", "btc": "4100"}]
    score = score_file("x.txt", drafts, LABEL, never)
    assert (score.full, score.partial, score.wrong) == (1, 0, 1)


def test_a_kpi_needs_its_metric():
    drafts = [{"type": "kpi_disclosed", "metric": "btc_per_share", "effective": "2025-07-31",
               "since": "2025-01-01", "value": "0.25"}]
    assert score_file("x.txt", drafts, LABEL, never).wrong == 1


@pytest.mark.parametrize(("drafted", "labelled"), [
    ("2022", "2022-01-01/2022-12-31"),
    ("2025-03", "2025-03-01/2025-03-31"),
    ("2025-Q1", "2025-01-01/2025-03-31"),
    ("2025-07-31", "2025-07-31/2025-07-31"),
])
def test_the_same_period_written_two_ways_is_the_same_period(drafted, labelled):
    label = {"records": [{"type": "btc_mined", "effective": labelled, "btc": "50"}]}
    both_ways = [score_file("x.txt", [{"type": "btc_mined", "effective": a, "btc": "50"}],
                            {"records": [{**label["records"][0], "effective": b}]}, never)
                 for a, b in ((drafted, labelled), (labelled, drafted))]
    assert [s.full for s in both_ways] == [1, 1]


@pytest.mark.parametrize(("drafted", "labelled"), [
    ("2025-Q1", "2025-03"),              # inside it, not the same period
    ("2025-03", "2025-03-31"),
    ("2022", "2022-01-01/2022-12-30"),   # one day short
    (None, "2025-03"),
    ("March 2025", "2025-03"),           # not a period the ledger reads: compared as written
])
def test_a_different_period_is_only_partly_right(drafted, labelled):
    draft = {"type": "btc_mined", "btc": "50", **({"effective": drafted} if drafted else {})}
    label = {"records": [{"type": "btc_mined", "effective": labelled, "btc": "50"}]}
    score = score_file("x.txt", [draft], label, never)
    assert (score.full, score.partial) == (0, 1)


def test_the_same_since_written_two_ways_is_the_same_since():
    drafted = {**LABEL["records"][2], "since": "2025-01-01/2025-01-01"}
    assert score_file("x.txt", [drafted], LABEL, never).full == 1


@pytest.mark.parametrize(("trap", "value"), [
    ("$95,833 average price per bitcoin", "95833"),
    ("4.2 billion of ATM capacity left", "4200000000"),
    ("a 12% yield target", "0.12"),
    ("1 427,3 % de rendement", "14.273"),
    ("prix moyen de 105.000 euros", "105000"),
])
def test_trap_figures_are_read_however_written(trap, value):
    assert Decimal(value) in trap_values(trap)
    assert is_trap({"type": "btc_purchased", "usd": value}, [trap])


def test_the_two_header_lines_are_not_counted():
    text = "# source: https://example.org/x (a test)\n# date: 2025-08-01 ; whole\nline one\nline two"
    assert body(text) == "line one\nline two"
    assert body("line one\n# date: not a header here") == "line one\n# date: not a header here"


def write_corpus(folder, files: dict[str, tuple[str, dict]]) -> None:
    folder.mkdir(exist_ok=True)
    labels = {"_about": "written by the test"}
    for name, (text, label) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        labels[name] = label
    (folder / "expected.json").write_text(json.dumps(labels), encoding="utf-8")


def small_corpus(folder) -> None:
    write_corpus(folder, {
        "01-acme.txt": ("# source: https://example.org/acme (test)\n# date: 2025-10-02 ; all\n"
                        "In Q3 2025 Acme sold 120 BTC.\n"
                        "Acme mined 45 BTC in Q3 2025.\n",
                        {"company": "ACME", "lang": "en",
                         "records": [{"type": "btc_sold", "effective": "2025-Q3", "btc": "120",
                                      "lines": [1]},
                                     {"type": "btc_mined", "effective": "2025-09", "btc": "45",
                                      "lines": [2]}],
                         "optional": [], "traps": []}),
        "02-boreal.txt": ("Au T2 2025, Boréal a vendu 7 BTC.\n",
                          {"company": "BORL", "lang": "fr", "records": [],
                           "optional": [], "traps": ["7 BTC"]}),
    })


def test_a_corpus_folder_is_drafted_and_scored_per_file_and_in_total(tmp_path):
    small_corpus(tmp_path / "c")
    result = evaluate_corpus(tmp_path / "c")
    rows = {row["file"]: {k: v for k, v in row.items() if k not in ("file", "details")}
            for row in result["files"]}
    assert rows == {
        "01-acme.txt": {"expected": 2, "proposed": 2, "full": 1, "partial": 1, "optional": 0,
                        "wrong": 0, "traps": 0, "importable": 0, "noticed": 0},
        "02-boreal.txt": {"expected": 0, "proposed": 1, "full": 0, "partial": 0,
                          "optional": 0, "wrong": 1, "traps": 1, "importable": 0,
                          "noticed": 0},
    }
    assert result["total"]["full"] == 1 and result["total"]["wrong"] == 1
    assert (result["recall"], result["type_amount_recall"], result["precision"]) == \
        ("0.500", "1.000", "0.333")


def test_the_command_prints_the_table_and_its_totals(tmp_path, capsys):
    small_corpus(tmp_path / "c")
    assert _main(["--evaluate", "--corpus", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("| file | expected | proposed | fully right | partly right |")
    assert "| 01-acme.txt | 2 | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |" in out
    assert "| **all 2** | 2 | 3 | 1 | 1 | 0 | 1 | 1 | 0 | 0 |" in out
    assert out[-1] == ("recall (fully right / expected): 1/2 = 50%; type and amount right: "
                       "2/2 = 100%; precision (fully right / proposed, optional left out): "
                       "1/3 = 33%; in front of the reviewer (drafted with the right type and "
                       "amounts, or noticed so): 2/2 = 100%")
    assert _main(["--evaluate", "--corpus", str(tmp_path / "c"), "--only", "02-*"]) == 0
    assert "01-acme.txt" not in capsys.readouterr().out


def test_a_missed_record_the_drafter_noticed_is_counted_as_in_front_of_the_reviewer(tmp_path):
    # the results figure alone is noticed, not drafted; the analyst's label wants it, and a
    # second label (a purchase the text never states) is missed and not noticed either
    write_corpus(tmp_path / "c", {
        "01-acme.txt": ("Acme update\n"
                        "Acme reported revenue of $31.4 million for the second quarter of 2025.\n",
                        {"company": "ACME", "lang": "en",
                         "records": [{"type": "results_reported", "effective": "2025-Q2",
                                      "revenue_usd": "31400000", "lines": [2]},
                                     {"type": "btc_purchased", "effective": "2025-Q2",
                                      "btc": "12", "lines": [2]}],
                         "optional": [], "traps": []}),
    })
    result = evaluate_corpus(tmp_path / "c")
    [row] = result["files"]
    assert (row["proposed"], row["full"], row["noticed"]) == (0, 0, 1)
    assert [d.get("noticed", False) for d in row["details"]] == [True, False]
    assert (result["recall"], result["shown_recall"]) == ("0.000", "0.500")
    # a noticed reading with another amount is not the label's record
    write_corpus(tmp_path / "d", {
        "01-acme.txt": ("Acme update\n"
                        "Acme reported revenue of $31.4 million for the second quarter of 2025.\n",
                        {"company": "ACME", "lang": "en",
                         "records": [{"type": "results_reported", "effective": "2025-Q2",
                                      "revenue_usd": "31500000", "lines": [2]}],
                         "optional": [], "traps": []}),
    })
    assert evaluate_corpus(tmp_path / "d")["total"]["noticed"] == 0


def test_with_no_corpus_there_is_nothing_to_evaluate_and_no_table(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert _main(["--evaluate", "--corpus", str(tmp_path / "empty")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"nothing to evaluate: {tmp_path / 'empty'} has no expected.json"
    write_corpus(tmp_path / "unlabelled", {})
    with pytest.raises(NoCorpus, match="no text in .* is labelled"):
        evaluate_corpus(tmp_path / "unlabelled")


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "expected.json").is_file(),
                    reason="../shared/corpus is not beside the project")
def test_the_docs_show_the_corpus_figures_as_measured():
    root = Path(__file__).parent.parent
    result = evaluate_corpus(CORPUS)
    # the per-file table is in docs/drafting.md; the README gives its headline
    assert corpus_table(result) in (root / "docs" / "drafting.md").read_text(encoding="utf-8")
    total = result["total"]
    full, expected = total["full"], total["expected"]
    proposed = total["proposed"] - total["optional"]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert f"recall {full}/{expected} = {round(100 * full / expected)}%" in readme
    assert f"precision {full}/{proposed} = {round(100 * full / proposed)}%" in readme
    assert f"{total['traps']} traps proposed, {total['importable']} wrong drafts importable" \
        in readme
