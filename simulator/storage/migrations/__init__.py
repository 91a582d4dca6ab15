"""Alembic migrations for the record (simulator/storage/models.py), run by
simulator.storage.migrate; no alembic.ini is needed."""
