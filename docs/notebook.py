# %% [markdown]
# # Bitcoin treasuries from the ledger, in a notebook
#
# Run it as a script (`python docs/notebook.py`) or open it as a notebook (VS Code and
# Jupytext read the `# %%` cells), in a folder with a ledger: `caledger import
# seeds/*.jsonl` makes `caledger.db`. Set `CALEDGER_DB` to use another one. The test suite
# runs it (`tests/test_python_docs.py`).

# %%
from datetime import date
from decimal import Decimal

import ledger

lg = ledger.open()  # $CALEDGER_DB, else ./caledger.db
AS_OF = date(2025, 9, 30)

# %% [markdown]
# ## Every company's holdings, from one snapshot
#
# One snapshot: every figure below is as the ledger knew it at the same position, and
# carries the same stamp.

# %%
with lg.snapshot() as s:
    companies = [c["company"] for c in s.companies()]
    held = {c: s.holdings(c, as_of=AS_OF) for c in companies}
    stamp = s.stamp()

print(f"as known at @{stamp['position']} (head {stamp['head_hash'][:12]})")
for company, h in held.items():
    total = "not known" if h.total is None else f"{h.total:,} BTC"
    print(f"{company:6} {total:>14}  {h.status['total']}: {h.reason['total']}")
    assert h.stamp == stamp

# %% [markdown]
# ## A quarterly series as rows (and a DataFrame, if pandas is installed)

# %%
with lg.snapshot() as s:
    series = {c: s.series(c, start="2025-Q1", as_of="2025-Q4", every="quarter")
              for c in companies}

rows = [row for result in series.values() for row in result.to_rows()]
for row in rows:
    print(row["company"], row["period"], row["value"], row["status"])
assert all(isinstance(r["value"], Decimal) or r["value"] is None for r in rows)

try:
    import pandas  # noqa: F401 - optional: pip install 'caledger[pandas]'
except ImportError:
    print("pandas is not installed: the rows above are plain dicts")
else:
    frame = series[companies[0]].to_pandas()
    print(frame[["period", "value", "status"]])

# %% [markdown]
# ## Does each company's own story add up?

# %%
with lg.snapshot() as s:
    checks = {c: s.reconcile(c) for c in companies}

for company, r in checks.items():
    print(f"{company}: {r.issues} unexplained item(s)")
    for row in r.to_rows():
        if row.get("unexplained"):
            print("  ", row["check"], row["period"], "unexplained", row["unexplained"])

# %% [markdown]
# ## Where a figure comes from

# %%
with lg.snapshot() as s:
    first = companies[0]
    trail = s.explain(first, "btc.total", as_of=AS_OF)

print(first, "btc.total =", trail["value"], f"({trail['status']})")
for step in trail.get("steps", []):
    print("  ", step.get("action"), step.get("amount"), step.get("note", ""))
