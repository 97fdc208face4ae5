"""Names shared by the read model and its readers, importable without the event store."""

TRACKING_NAME = "caledger-readmodel"
CHAIN_TABLE = "ledger_chain"
MIGRATION_NAMES = ("0001_log_versions_companies",)
