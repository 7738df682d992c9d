"""The FastAPI application: REST API under /api (OpenAPI at /docs) and the web workspace at /.

``create_app(monitor)`` reads through ``web.queries`` on its own engine over the Monitor's
database; the heavy pipeline and gazetteer load only when an endpoint needs them.
Web settings (``web_tile_url``, ``web_tile_attribution``, ``web_rate``, ``web_max_body``,
``web_auth_failures``) are read from ``monitor.settings`` (declared in ``frontwatch.settings``,
overridable by FRONTWATCH_WEB_* environment variables); keyword arguments override them for tests.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import FrontwatchError
from ..store.engine import make_engine
from . import tokens
from .params import ApiError
from .queries import EventQueries
from .routes import alerts, articles, control, events, labels, pages, places, tiles
from .security import RateLimiter, SecurityHeaders, csp, security_headers

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent


def create_app(monitor, *, tile_url: str | None = None, tile_attribution: str | None = None,
               rate_per_minute: int | None = None, max_body: int | None = None,
               auth_failures_per_minute: int | None = None,
               clock: Callable[[], float] | None = None) -> FastAPI:
    """The app serving ``monitor``'s store; keyword arguments override ``monitor.settings``.

    A store this process cannot write is served read-only: reads work, POST /api/articles
    answers 503. Wrong API tokens are limited to ``auth_failures_per_minute`` (setting
    ``web_auth_failures``) per client address (then 429 with Retry-After); ``clock``
    (monotonic seconds) is for tests.
    """
    cfg = monitor.settings
    app = FastAPI(title="frontwatch", version="0.1", docs_url=None, redoc_url=None,
                  description="Geolocated, source-attributed conflict events. Read-only "
                              "except POST /api/articles (bearer token).")
    store = monitor.store  # open (create or migrate) the store before reading it
    engine = make_engine(monitor.settings.db_url, read_only=store.read_only)
    st = app.state
    st.monitor, st.engine, st.queries = monitor, engine, EventQueries(engine)
    st.read_only = store.read_only
    if store.read_only:
        log.warning("the store is read-only: serving it read-only (POST /api/articles is off)")
    else:
        tokens.ensure_table(engine)
    st.queries_control = _control_source(monitor)
    st.tile_url = tile_url if tile_url is not None else cfg.web_tile_url
    st.tile_attribution = tile_attribution if tile_attribution is not None else cfg.web_tile_attribution
    kw = {"clock": clock} if clock is not None else {}
    st.rate_limiter = RateLimiter(rate_per_minute or cfg.web_rate, **kw)
    st.auth_failures = RateLimiter(auth_failures_per_minute or cfg.web_auth_failures, what="failed token checks", **kw)
    st.max_body = max_body or cfg.web_max_body
    st.templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescapes .html
    tiles.install(app, cfg.web_tiles)
    headers = security_headers(csp(st.tile_url))
    # every response, errors included: the middleware covers what the app answers, the
    # Exception handler the 500s that Starlette's outermost error middleware writes itself
    app.add_middleware(SecurityHeaders, headers=headers)

    @app.exception_handler(Exception)
    async def server_error(_request: Request, exc: Exception):
        log.error("unhandled error", exc_info=exc)
        return JSONResponse(ApiError(500, "internal error; the request was not completed").body(),
                            status_code=500, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError):
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers or None)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
        param = ".".join(loc) or None
        msg = f"{param}: {first.get('msg', 'invalid value')}" if param else first.get("msg", "invalid")
        return JSONResponse(ApiError(400, msg, param).body(), status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException):
        return JSONResponse(ApiError(exc.status_code, str(exc.detail)).body(),
                            status_code=exc.status_code)

    @app.exception_handler(FrontwatchError)
    async def store_error(_request: Request, exc: FrontwatchError):
        return JSONResponse(ApiError(503, f"the store cannot answer: {exc}").body(), status_code=503)

    for module in (events, control, places, articles, pages, labels, tiles):
        app.include_router(module.router)
    app.include_router(alerts.router)  # early warning (web/routes/alerts.py)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def _control_source(monitor):
    """GeoJSON of control periods for (day, bbox), through the Monitor's fusion service."""
    def periods(day, bbox):
        try:
            from ..export.fused import control_feature_collection
        except ImportError:  # a frontwatch without fusion
            return {"type": "FeatureCollection", "features": []}
        return control_feature_collection(monitor.control(at=day, bbox=bbox))
    return periods
