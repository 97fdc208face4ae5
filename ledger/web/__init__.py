"""`caledger serve`: the ledger in a browser and over HTTP.

One ASGI app (FastAPI, served by uvicorn), two halves that share one configuration:

- `app.py` builds the app: request logging, security headers, body-size limit, permalinks
  (a GET without ``known_at`` redirects to the same URL pinned to the current head), problem
  details (RFC 9457) for every error, and mounts the two routers below.
- `api.py`: ``/api/v1/...``, one route per query command answering exactly the CLI's
  ``--format json`` payload (``?format=csv`` too), and the writes behind ``--allow-writes`` and
  a bearer token.
- `pages.py`: the server-rendered pages, from Jinja2 templates; the company page's body is
  the static ``report`` page's (``ledger/report_page.py``).

Nothing here is imported by any other command: ``caledger holdings`` never loads FastAPI.
"""
