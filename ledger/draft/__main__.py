"""``python -m ledger.draft --evaluate``: measure the drafter (see ``_main``)."""

from . import _main

raise SystemExit(_main())
