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
#: The unit of each ``projections/value.py`` figure (``value.UNITS``); here so ``series``
#: names the units of the figures it can follow without loading the value computation.
VALUE_UNITS = {"value.btc": "BTC", "value.btc_price": "USD per BTC", "value.market_value": "USD",
               "value.cost_basis": "USD", "value.average_cost": "USD per BTC",
               "value.unrealized_gain": "USD", "value.share_price": "USD per share",
               "value.shares_basic": "shares", "value.shares_diluted": "shares",
               "value.nav_per_share_basic": "USD per share",
               "value.nav_per_share_diluted": "USD per share", "value.market_cap_basic": "USD",
               "value.market_cap_diluted": "USD", "value.mnav_basic": "ratio",
               "value.mnav_diluted": "ratio", "value.realized_gain": "USD",
               "value.btc_dollar_gain": "USD", "kpi.btc_gain": "BTC"}
#: The hash the first link of the chain follows.
GENESIS = "0" * 64
