"""Alembic migrations of the registry schema, run programmatically (`netralitas db upgrade`)."""
