"""Engines and sessions: the default SQLite location, connection settings, the schema-revision gate.

SQLite gets WAL, foreign keys, a busy timeout, a larger page cache and memory-mapped reads on every connection;
write transactions start with `BEGIN IMMEDIATE` so that writers queue instead of failing half-way. On every
database a write transaction first locks the audit chain head row, which serialises the hash chain and case numbering.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from netralitas.registry.errors import DatabaseLocked, DatabaseMissing
from netralitas.text import bi

ENV_DB = "NETRALITAS_DB"
BUSY_TIMEOUT_MS = 30_000
CACHE_KIB = 65_536
"""SQLite page cache per connection (64 MiB, allocated as used): filters and statistics re-read the case rows."""
MMAP_BYTES = 1 << 30
"""SQLite reads the file through a memory map up to 1 GiB instead of a read call per page."""
_WRITE = "netralitas_write"


def default_path() -> Path:
    """`$XDG_DATA_HOME/netralitas/registry.sqlite3`, or `~/.local/share/netralitas/registry.sqlite3`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "netralitas" / "registry.sqlite3"


def resolve_url(url: str | None) -> tuple[str, bool]:
    """The database URL to use (option, then `NETRALITAS_DB`, then the default) and whether it is the default."""
    chosen = url or os.environ.get(ENV_DB)
    if chosen:
        return (chosen if "://" in chosen else f"sqlite:///{Path(chosen).resolve()}"), False
    return f"sqlite:///{default_path()}", True


def is_sqlite(engine: Engine) -> bool:
    """Whether `engine` talks to SQLite."""
    return engine.dialect.name == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases or in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    """An engine for `url`, with the registry's connection settings."""
    if make_url(url).get_backend_name() == "postgresql" and "+" not in url.split("://", 1)[0]:
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if is_sqlite(engine):
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _locked(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "database is locked" in text or "database table is locked" in text


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reading; closed (its transaction rolled back) at the end, its objects still readable."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        except OperationalError as error:
            _raise_database(error)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction, serialised with every other writer; committed only if the block succeeds."""
    from netralitas.registry.models import AuditHead

    bind = engine.execution_options(**{_WRITE: True})
    with Session(bind, expire_on_commit=False) as session:
        try:
            session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
            yield session
            session.commit()
        except OperationalError as error:
            session.rollback()
            _raise_database(error)
        except BaseException:
            session.rollback()
            raise


def _raise_database(error: OperationalError) -> None:
    if _locked(error):
        raise DatabaseLocked(bi(
            f"basis data terkunci oleh penulis lain lebih dari {BUSY_TIMEOUT_MS // 1000} detik; tidak ada yang diubah",
            f"the database was locked by another writer for more than {BUSY_TIMEOUT_MS // 1000} s; nothing changed",
        )) from None
    raise DatabaseMissing(bi(f"basis data tidak dapat dipakai: {error.orig}",
                             f"the database cannot be used: {error.orig}")) from None
