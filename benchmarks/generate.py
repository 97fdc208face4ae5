"""Generate a synthetic ledger in the import format, deterministically.

    python benchmarks/generate.py OUT.jsonl --records 1000000 --companies 1000

Every bitcoin record type over ten years (2016-2025) for each company, disclosed balances
(some stating loaned and pledged buckets), stated changes, and corrections and retractions
of earlier records. Streams to the file: memory stays flat whatever the size.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

FLOWS = [("btc_mined", 30), ("btc_purchased", 20), ("btc_sold", 8), ("btc_loaned", 5),
         ("btc_loan_returned", 4), ("btc_pledged", 5), ("btc_pledge_released", 4)]
START = date(2016, 1, 1)
DAYS = 3652


def _btc(rng: random.Random, high: int) -> str:
    return format(rng.randint(1, high * 10**8) / 10**8, ".8f").rstrip("0").rstrip(".")


def _period(rng: random.Random) -> str:
    day = START + timedelta(days=rng.randrange(DAYS))
    kind = rng.random()
    if kind < 0.5:
        return day.isoformat()
    if kind < 0.8:
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def generate(out: Path, records: int, companies: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    tickers = [f"C{n:04d}" for n in range(companies)]
    originals: dict[str, list[str]] = {t: [] for t in tickers}
    retracted: set[str] = set()
    types = [t for t, w in FLOWS for _ in range(w)]
    with out.open("w") as f:
        for i in range(records):
            company = tickers[i % companies]
            source = [{"document": f"filing-{i // 1000}.txt", "line": 1 + i % 1000}]
            roll = rng.random()
            pool = originals[company]
            if roll < 0.04 and pool:
                target = rng.choice(pool)
                if target in retracted:
                    roll = 1.0  # fall through to a new record
                else:
                    record = {"id": f"fix-{i}", "type": "correction", "corrects": target,
                              "reason": "restated", "event": {
                                  "type": rng.choice(types), "company": company,
                                  "effective": _period(rng), "btc": _btc(rng, 500),
                                  "sources": source}}
            elif roll < 0.05 and pool:
                target = rng.choice(pool)
                if target in retracted:
                    roll = 1.0
                else:
                    retracted.add(target)
                    record = {"id": f"ret-{i}", "type": "retraction", "retracts": target,
                              "reason": "withdrawn"}
            if roll >= 0.05 or not pool:
                record_id = f"r-{i}"
                kind = rng.random()
                if kind < 0.12:
                    total = rng.randint(1000, 60000)
                    record = {"type": "btc_balance_disclosed",
                              "effective": (START + timedelta(days=rng.randrange(DAYS))).isoformat(),
                              "btc": str(total)}
                    if rng.random() < 0.3:
                        record["loaned"] = str(rng.randint(0, total // 4))
                        record["pledged"] = str(rng.randint(0, total // 4))
                elif kind < 0.17:
                    record = {"type": "btc_change_disclosed", "effective": _period(rng),
                              "btc": str(rng.randint(-2000, 5000))}
                else:
                    record = {"type": rng.choice(types), "effective": _period(rng),
                              "btc": _btc(rng, 500)}
                    if record["type"] in ("btc_purchased", "btc_sold") and rng.random() < 0.5:
                        record["usd"] = f"{rng.randint(10**4, 10**9)}.{rng.randint(0, 99):02d}"
                record = {"id": record_id, "company": company, **record, "sources": source}
                pool.append(record_id)
            f.write(json.dumps(record, separators=(",", ":")) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.records, args.companies, args.seed)


if __name__ == "__main__":
    main()
