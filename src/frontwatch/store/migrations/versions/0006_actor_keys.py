"""Schema version 6: party keys of actor1 and actor2 on events and canonical events.

``actor1_key``/``actor2_key`` (``nlp.actor_keys.actor_key``: "ISIL", "Daesh" and "Islamic State
group" share the key "isis") with an index each, so that an actor query finds every alias of the
party. The keys of the events already stored are computed from their records. Stores created at
version 6 already have the columns (0001/0002 build the current tables).
"""
from alembic import op
from sqlalchemy import Column, Text, inspect, select, update

from frontwatch.nlp.actor_keys import actor_key
from frontwatch.store import schema

revision = "0006"
down_revision = "0005"

COLUMNS = ("actor1_key", "actor2_key")


def _keys_of(record, fused: bool) -> dict:
    out = {}
    for role, column in (("actor1", "actor1_key"), ("actor2", "actor2_key")):
        actor = (record or {}).get(role)
        if fused:
            out[column] = actor_key(actor) if isinstance(actor, str) else None
        else:
            actor = actor if isinstance(actor, dict) else {}
            out[column] = actor_key(actor.get("name"), actor.get("text"))
    return out


def upgrade() -> None:
    conn = op.get_bind()
    for name, fused in (("events", False), ("fused_events", True)):
        have = {c["name"] for c in inspect(conn).get_columns(name)}
        added = [c for c in COLUMNS if c not in have]
        for column in added:
            op.add_column(name, Column(column, Text))
        indexes = {ix["name"] for ix in inspect(conn).get_indexes(name)}
        for column in COLUMNS:
            if f"ix_{name}_{column}" not in indexes:
                op.create_index(f"ix_{name}_{column}", name, [column])
        if not added:
            continue
        table = schema.metadata.tables[name]
        rows = conn.execute(select(table.c.pk, table.c.record)).all()
        for pk, record in rows:
            keys = _keys_of(record, fused)
            if any(keys.values()):
                conn.execute(update(table).where(table.c.pk == pk).values(**keys))
