"""Schema version 3: full-text index over the evidence sentences (SQLite FTS5 table kept by
triggers; PostgreSQL tsvector column with a GIN index), filled for the stored events."""
from alembic import op

from frontwatch.store import fts

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    fts.install(op.get_bind())
