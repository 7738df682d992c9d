"""The store's Alembic migration scripts (``versions/``), run by ``store.migrate`` in the
transaction that opens a store: no alembic.ini or env.py is needed. Revision ``000N``
brings a store to schema version N."""
