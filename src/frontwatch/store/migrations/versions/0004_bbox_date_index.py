"""Schema version 4: the map's query (bounding box + date range) answered from one index.

The (latitude, longitude) index of events and canonical events gains the date columns, so the
rows of a latitude band that fall outside the dates are skipped without reading the table.
Stores created at version 4 already have the new index (0001/0002 build the current tables).
"""
from alembic import op
from sqlalchemy import inspect

revision = "0004"
down_revision = "0003"

COLUMNS = ["latitude", "longitude", "date_start", "date_end"]


def upgrade() -> None:
    conn = op.get_bind()
    for table in ("events", "fused_events"):
        existing = {ix["name"] for ix in inspect(conn).get_indexes(table)}
        old, new = f"ix_{table}_latitude_longitude", f"ix_{table}_{'_'.join(COLUMNS)}"
        if old in existing:
            op.drop_index(old, table_name=table)
        if new not in existing:
            op.create_index(new, table, COLUMNS)
