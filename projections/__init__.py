"""Read models rebuilt from the ledger's event log.

Everything here is disposable: dropped and replayed from the log, it must give identical
answers. Nothing here imports click.
"""
