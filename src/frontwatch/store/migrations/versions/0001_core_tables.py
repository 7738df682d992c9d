"""Schema version 1: meta, sources, articles, events, places and their indexes."""
from alembic import op

from frontwatch.store import schema

revision = "0001"
down_revision = None


def upgrade() -> None:
    schema.create_tables(op.get_bind(), schema.TABLES_V1)
