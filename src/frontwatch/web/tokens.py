"""API tokens for the write endpoints: stored as SHA-256 hashes, never in clear.

The table lives in the store's database but on this module's own MetaData, created with
``create_all`` (CREATE TABLE IF NOT EXISTS), so the store's schema and migrations are untouched.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timezone

from sqlalchemy import (Boolean, Column, Engine, Integer, MetaData, String, Table, insert,
                        select, update)

PREFIX = "fw_"

metadata = MetaData()
api_tokens = Table(
    "web_api_tokens", metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked", Boolean, nullable=False, default=False),
)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def ensure_table(engine: Engine) -> None:
    metadata.create_all(engine, checkfirst=True)


def create_token(engine: Engine, name: str) -> str:
    """A new token for ``name``; the clear text is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValueError("a token needs a name (who or what uses it)")
    ensure_table(engine)
    token = PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(insert(api_tokens).values(
            name=name[:200], token_sha256=digest(token), revoked=False,
            created_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat()))
    return token


def verify(engine: Engine, token: str | None) -> str | None:
    """The token's name when it is valid and not revoked, else None."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    want = digest(token)
    with engine.connect() as conn:
        row = conn.execute(select(api_tokens.c.name, api_tokens.c.token_sha256).where(
            api_tokens.c.token_sha256 == want, api_tokens.c.revoked.is_(False))).first()
    if row is None or not hmac.compare_digest(row.token_sha256, want):
        return None
    return row.name


def revoke(engine: Engine, name: str) -> int:
    """Revoke every token of ``name``; returns how many."""
    ensure_table(engine)
    with engine.begin() as conn:
        return conn.execute(update(api_tokens).where(api_tokens.c.name == name,
                                                     api_tokens.c.revoked.is_(False))
                            .values(revoked=True)).rowcount


def list_tokens(engine: Engine) -> list[dict]:
    ensure_table(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(api_tokens.c.name, api_tokens.c.created_at,
                                   api_tokens.c.revoked).order_by(api_tokens.c.pk)).all()
    return [dict(r._mapping) for r in rows]
