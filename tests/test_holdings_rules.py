"""The holdings rules of the brief, one scenario each, through the real CLI."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from .conftest import rec, the_one_error_line


@pytest.fixture
def ledger(caledger, db, tmp_path: Path):
    """``ledger(*records)`` imports records (as one file); returns a holdings function."""
    counter = iter(range(1000))

    def load(*records: dict) -> None:
        path = tmp_path / f"batch{next(counter)}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records))
        result = caledger("import", "--db", db, str(path))
        assert result.exit_code == 0, result.stderr

    def holdings(day: str, *extra: str) -> dict:
        result = caledger("holdings", "TEST", "--as-of", day, "--db", db, "--json", *extra)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    load.holdings = holdings  # type: ignore[attr-defined]
    return load


def test_flows_count_once_their_period_has_ended(ledger):
    ledger(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
           rec("m", "btc_mined", "2025-Q2", btc="10"),
           rec("s", "btc_sold", "2025-05", btc="4.5"))
    assert ledger.holdings("2025-05-15")["btc"]["total"] == "100"
    assert ledger.holdings("2025-05-31")["btc"]["total"] == "95.5"
    assert ledger.holdings("2025-06-30")["btc"]["total"] == "105.5"
    mid = ledger.holdings("2025-05-15")
    assert sorted(r["id"] for r in mid["in_progress"]) == ["m", "s"]


def test_loans_and_pledges_move_bitcoin_between_buckets_never_out_of_the_total(ledger):
    ledger(rec("a", "btc_balance_disclosed", "2025-01-31", btc="1000"),
           rec("l", "btc_loaned", "2025-02-10", btc="300", counterparty="Desk"),
           rec("p", "btc_pledged", "2025-02-11", btc="200"),
           rec("r", "btc_loan_returned", "2025-02-20", btc="100"),
           rec("x", "btc_pledge_released", "2025-02-21", btc="50"))
    assert ledger.holdings("2025-02-28")["btc"] == {
        "total": "1000", "loaned": "200", "pledged": "150", "unencumbered": "650"}


def test_each_bucket_rolls_forward_from_the_latest_anchor_that_states_it(ledger):
    ledger(rec("old", "btc_balance_disclosed", "2025-01-31", btc="1000", loaned="400"),
           rec("l", "btc_loaned", "2025-02-15", btc="50"),
           rec("new", "btc_balance_disclosed", "2025-03-31", btc="1200"),  # states no loaned
           rec("l2", "btc_loaned", "2025-04-15", btc="25"))
    data = ledger.holdings("2025-04-30")
    # No balance ever stated pledged bitcoin and no pledge is recorded: pledged is not
    # known, and so is what is unencumbered (issue 22: unknown is not zero).
    assert data["btc"] == {"total": "1200", "loaned": "475", "pledged": None,
                           "unencumbered": None}
    assert data["status"] == {"total": "derived", "loaned": "derived", "pledged": "not known",
                              "unencumbered": "not known"}
    assert data["reason"]["loaned"] == ("loaned bitcoin disclosed on 2025-01-31 (old), 89 days "
                                        "before 2025-04-30, rolled forward by 2 recorded flows")
    assert data["bucket_anchors"] == {"total": "new", "loaned": "old", "pledged": None}


def test_two_anchors_on_one_date_the_one_stored_later_wins(ledger):
    ledger(rec("first", "btc_balance_disclosed", "2025-06-30", btc="500"))
    ledger(rec("second", "btc_balance_disclosed", "2025-06-30", btc="510"))
    data = ledger.holdings("2025-06-30")
    assert data["anchor"]["id"] == "second" and data["btc"]["total"] == "510"


def test_a_flow_straddling_the_anchor_date_is_counted_after_it_and_flagged(ledger):
    ledger(rec("a", "btc_balance_disclosed", "2025-05-15", btc="100"),
           rec("q", "btc_purchased", "2025-Q2", btc="30"))
    data = ledger.holdings("2025-06-30")
    assert data["btc"]["total"] == "130"
    assert data["straddling_anchor"] == ["q"]


def test_nothing_is_refused_for_driving_a_balance_negative(ledger):
    # Stored as recorded; a sum of flows below zero is no holding, so the total is not known.
    ledger(rec("s", "btc_sold", "2025-01-05", btc="3"))
    data = ledger.holdings("2025-01-31")
    assert data["btc"]["total"] is None and data["basis"] == "no disclosed balance"
    assert data["status"]["total"] == "not known" and data["flows_counted"] == 1


def test_an_anchor_is_never_a_flow_to_be_added(ledger):
    ledger(rec("a1", "btc_balance_disclosed", "2025-01-31", btc="10"),
           rec("a2", "btc_balance_disclosed", "2025-02-28", btc="7"),
           rec("c", "btc_change_disclosed", "2025-02", btc="-3"))
    assert ledger.holdings("2025-03-31")["btc"]["total"] == "7"


def test_satoshi_precision_survives_end_to_end(ledger):
    ledger(rec("m1", "btc_mined", "2025-01-01", btc="0.00000001"),
           rec("m2", "btc_mined", "2025-01-02", btc="20999999.99999998"))
    assert ledger.holdings("2025-01-31")["btc"]["total"] == "20999999.99999999"


def test_known_at_a_position_sees_only_what_was_recorded_by_then(ledger):
    ledger(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"))
    ledger(rec("m", "btc_mined", "2025-04", btc="10"))
    assert ledger.holdings("2025-04-30", "--known-at", "@1")["btc"]["total"] == "100"
    now = ledger.holdings("2025-04-30")
    assert now["btc"]["total"] == "110" and now["position"] == 2


def test_known_at_a_timestamp_before_anything_was_recorded_knows_no_company(caledger, db, ledger):
    ledger(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"))
    result = caledger("holdings", "TEST", "--as-of", "2025-04-30", "--db", db,
                      "--known-at", "2000-01-01")
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        "error: TEST: no records for this company as known at "
        "2000-01-01T23:59:59.999999+00:00; companies in the ledger: none"]
    now = caledger("holdings", "TEST", "--as-of", "2025-04-30", "--db", db, "--json")
    assert json.loads(now.stdout)["btc"]["total"] == "100"


@pytest.mark.parametrize("later", ["2030-01-01", "2999-01-01T00:00:00Z"])
def test_known_at_a_moment_still_to_come_is_refused_not_stamped(caledger, db, ledger, later):
    """An answer "as known at" a future moment would change with every write until then:
    it is no permalink, so it is refused, saying what to give instead."""
    ledger(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"))
    for command in (("holdings", "TEST"), ("explain", "TEST", "btc.total"), ("kpi", "TEST")):
        line = the_one_error_line(caledger(*command, "--as-of", "2025-04-30", "--db", db,
                                           "--known-at", later))
        assert line.startswith(f'error: --known-at "{later}": later than now ('), line
        assert "omit --known-at for the ledger as known now, or give @1 (its newest record)" \
            in line, line
    # Today's date is the end of today, still to come: the message says to give a time.
    today = datetime.now(timezone.utc).date().isoformat()
    line = the_one_error_line(caledger("holdings", "TEST", "--db", db, "--known-at", today))
    assert line.startswith(f'error: --known-at "{today}": later than now ({today}T'), line
    assert (f"a date means the end of that day ({today}T23:59:59Z), and records written "
            "until then would change the answer; give a time that has passed (now is "
            f"{today}T") in line, line
    assert line.endswith("omit --known-at for the ledger as known now, or give @1 (its newest "
                         "record) to pin the answer"), line
    # a moment already past still answers, and so does the newest position
    assert json.loads(caledger("holdings", "TEST", "--as-of", "2025-04-30", "--db", db,
                               "--known-at", "@1", "--json").stdout)["btc"]["total"] == "100"


def test_the_python_api_refuses_a_known_at_still_to_come(db, ledger):
    import ledger as library
    from ledger.errors import BadQuery

    ledger(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"))
    with pytest.raises(BadQuery) as refused:
        with library.open(db).snapshot(known_at="2030-01-01") as s:
            s.holdings("TEST", as_of="2025-04-30")
    # a Python caller reads its keyword, never the command line's --known-at
    assert refused.value.problems[0].startswith('known_at "2030-01-01": later than now')


def test_a_query_catches_up_a_read_model_left_behind(caledger, db, ledger):
    """A writer that stored events and died before projecting them leaves the read model
    behind; the next query must see those events all the same."""
    from eventsourcing.persistence import StoredEvent

    from ledger.envelope import TOPICS, Provenance, encode, stream_id
    from ledger.store import Ledger

    ledger(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"))
    late = rec("m", "btc_mined", "2025-04", btc="10")
    with Ledger.open(db, create=False) as opened:
        # as a writer of this version stores it (on PostgreSQL, as its session's role)
        who = Provenance(opened.adapter.session_role(opened.events) or "analyst", "append")
        opened.events.insert_events([StoredEvent(stream_id("m"), 1, TOPICS["record"],
                                                 encode("record", late,
                                                        "2025-05-01T00:00:00.000000+00:00",
                                                        who))])
        assert opened.readmodel.position() == 1  # not projected: the "crash"
    data = ledger.holdings("2025-04-30")
    assert data["btc"]["total"] == "110" and data["position"] == 2
