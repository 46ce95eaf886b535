"""Schema revisions: upgrade programmatically, and refuse a database at another revision than this code's.

A fresh default database is created and migrated on first use; any other database is migrated only by
`netralitas db upgrade`. A database written by a newer netralitas (an unknown revision) is refused.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from netralitas.registry.db import make_engine, resolve_url, sqlite_file
from netralitas.registry.errors import DatabaseMissing, SchemaOutdated, SchemaTooNew
from netralitas.text import bi


def alembic_config() -> Config:
    """The Alembic configuration of the packaged migrations (no ini file needed)."""
    config = Config()
    config.set_main_option("script_location", "netralitas.registry:migrations")
    return config


def head_revision() -> str:
    """The schema revision this code expects."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Apply migrations up to `revision`; the revision before and after."""
    before = current_revision(engine)
    _refuse_unknown(before)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    after = current_revision(engine)
    assert after is not None
    return before, after


def _refuse_unknown(revision: str | None) -> None:
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    if revision not in {s.revision for s in script.walk_revisions()}:
        raise SchemaTooNew(bi(
            f"basis data berasal dari versi netralitas yang lebih baru (revisi {revision}); perbarui netralitas",
            f"the database was written by a newer netralitas (revision {revision}); upgrade netralitas",
        ))


def check(engine: Engine) -> None:
    """Refuse a database that is empty, older or newer than this code; change nothing."""
    revision = current_revision(engine)
    if revision is None:
        has_tables = bool(inspect(engine).get_table_names())
        raise DatabaseMissing(bi(
            "basis data belum berisi register perkara; jalankan `netralitas db upgrade`"
            + (" (basis data berisi tabel lain)" if has_tables else ""),
            "the database holds no case registry; run `netralitas db upgrade`"
            + (" (it holds other tables)" if has_tables else ""),
        ))
    _refuse_unknown(revision)
    if revision != head_revision():
        raise SchemaOutdated(bi(
            f"basis data pada revisi skema lama {revision} (kini {head_revision()}); jalankan `netralitas db upgrade`;"
            " tidak ada yang diubah",
            f"the database is at an older schema revision {revision} (now {head_revision()}); run"
            " `netralitas db upgrade`; nothing was changed",
        ))


def open_database(url: str | None = None) -> Engine:
    """An engine on a usable registry: the default file is created on first use, any other must exist and be current."""
    resolved, is_default = resolve_url(url)
    path = sqlite_file(resolved)
    if path is not None and not path.exists():
        if not is_default:
            raise DatabaseMissing(bi(f"berkas basis data {path} tidak ada; jalankan `netralitas db upgrade --db ...`"
                                     " untuk membuatnya",
                                     f"database file {path} does not exist; run `netralitas db upgrade --db ...` to"
                                     " create it"))
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(resolved)
        upgrade(engine)
        return engine
    engine = make_engine(resolved)
    check(engine)
    return engine
