"""GET /: the one-page workspace (map, timeline, filters, event panel); GET /docs: the API explorer."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

import json

from ...fuse.grading import CREDIBILITY, RELIABILITY
from ...records import ACLED_TYPES, PLOVER_DESCRIPTIONS, PLOVER_TYPES, STATUSES

# What the page's scripts need to explain codes in words (read from <body data-vocab>, not inlined
# as a script, so the Content-Security-Policy stays strict).
VOCAB = json.dumps({"plover": PLOVER_DESCRIPTIONS, "reliability": RELIABILITY,
                    "credibility": {str(k): v for k, v in CREDIBILITY.items()}}, sort_keys=True)

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def index(request: Request):
    state = request.app.state
    return state.templates.TemplateResponse(request, "index.html", {
        "plover_types": PLOVER_TYPES, "plover_descriptions": PLOVER_DESCRIPTIONS, "vocab": VOCAB,
        "acled_types": list(ACLED_TYPES), "statuses": STATUSES,
        "tile_url": state.tile_url or "", "tile_attribution": state.tile_attribution or "",
    })


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """The OpenAPI explorer (Swagger UI served from /static, so it works offline)."""
    return request.app.state.templates.TemplateResponse(request, "docs.html", {})
