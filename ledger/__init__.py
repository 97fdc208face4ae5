"""caledger: an event-sourced, bitemporal ledger of disclosed corporate actions."""
