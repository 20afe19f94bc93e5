"""Storage: one SQLite file per laptop through SQLAlchemy 2.0, schema owned by Alembic."""
