"""Schema version 5: alerts - current alerts, their versions and webhook deliveries."""
from alembic import op

from frontwatch.store import schema

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    schema.create_tables(op.get_bind(), schema.TABLES_V5)
