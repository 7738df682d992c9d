"""The analyst's workspace: a read-only REST API (``/api``, OpenAPI at ``/docs``) and a one-page
map + timeline UI (``/``), built by ``app.create_app(monitor)`` and run by ``frontwatch serve``.

Data access goes through ``queries`` only (canonical fused events once the store has them,
per-article events before). Front-end libraries are vendored in ``static/vendor`` (see the
repository's package.json); nothing is fetched at run time.
"""
