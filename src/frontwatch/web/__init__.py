"""The analyst's workspace: REST API and web map + timeline (FastAPI; the [web] extra)."""
