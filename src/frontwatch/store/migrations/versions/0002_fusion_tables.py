"""Schema version 2: fusion - canonical events, their reports and versions, control claims
and periods."""
from alembic import op

from frontwatch.store import schema

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    schema.create_tables(op.get_bind(), schema.TABLES_V2)
