"""The amendment rules as one pure function (ledger/amending.py), without a ledger: the
import plan and the correct/retract commands both ask it."""

from ledger.amending import Target, refusal


def test_an_original_record_may_be_corrected_or_retracted():
    record = Target(company="MARA")
    assert refusal("correction", record, "MARA") is None
    assert refusal("retraction", record) is None


def test_each_rule_refuses_what_it_names_first_to_last():
    assert refusal("retraction", None).rule == "missing"
    amendment = Target("correction", amends="orig", company="MARA")
    assert refusal("correction", amendment, "MARA").rule == "amendment"
    # An amendment is refused as one even when the record it amends was retracted.
    assert refusal("retraction", Target("retraction", "orig", retracted_by="r2")).rule == \
        "amendment"
    retracted = Target(company="MARA", retracted_by="r1")
    assert refusal("correction", retracted, "MARA").rule == "retracted"
    assert refusal("retraction", retracted).rule == "retracted"
    moved = refusal("correction", Target(company="MARA"), "RIOT")
    assert moved is not None and moved.rule == "company" and moved.target.company == "MARA"
    # A retraction names no company: only a correction can move a record.
    assert refusal("retraction", Target(company="MARA"), "RIOT") is None
