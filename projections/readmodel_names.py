"""Names and constants shared by the store, the read model and its readers, importable
without the event store library."""

TRACKING_NAME = "caledger-readmodel"
CHAIN_TABLE = "ledger_chain"
MIGRATION_NAMES = ("0001_log_versions_companies", "0002_text_in_byte_order")
#: The figures ``series`` can follow, in the order its registry (``projections/series.py``)
#: registers them; here so the CLI's help names them without loading the projections.
SERIES_FIGURES = ("btc.total", "btc.loaned", "btc.pledged", "btc.unencumbered",
                  "shares.basic", "shares.notes_as_converted", "shares.other_dilutive",
                  "shares.assumed_diluted", "kpi.btc_per_share", "kpi.sats_per_share",
                  "value.btc_price", "value.market_value", "value.cost_basis",
                  "value.average_cost", "value.unrealized_gain", "value.share_price",
                  "value.nav_per_share_basic", "value.nav_per_share_diluted",
                  "value.market_cap_basic", "value.market_cap_diluted", "value.mnav_basic",
                  "value.mnav_diluted", "ops.hashrate_ehs", "ops.blocks_won",
                  "ops.btc_produced")
#: The hash the first link of the chain follows.
GENESIS = "0" * 64
