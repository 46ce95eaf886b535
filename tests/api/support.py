"""A real registry (a SQLite file or PostgreSQL) with one user of every role, each with an API token; the ASGI test
client; the database fixture that runs the case-related API and browser tests on both."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from netralitas.api.settings import Settings
from netralitas.registry.accounts import Role, add_user, create_token, token_account
from netralitas.registry.db import make_engine
from netralitas.registry.migrate import upgrade
from netralitas.web.app import create_app
from tests.databases import MigratedPg, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "facts" / "examples"
PASSWORD = "kata-sandi-uji-123"
AGENCY_A = "Pemerintah Kabupaten Contoh"
AGENCY_B = "Pemerintah Kota Lain"
ACCOUNTS = ("users", "api_tokens")
"""The tables a cleaned PostgreSQL registry keeps (argon2 makes adding the users slow)."""
USERS = {"admin": (Role.ADMIN, None), "petugas": (Role.OFFICER, AGENCY_A), "petugas2": (Role.OFFICER, AGENCY_B),
         "supervisor": (Role.SUPERVISOR, None), "hukum": (Role.LEGAL, None)}


@dataclass
class Registry:
    """The database, its URL and a token per user."""

    url: str
    engine: Engine
    tokens: dict[str, str]

    def auth(self, user: str) -> dict[str, str]:
        """The Authorization header of `user`."""
        return {"Authorization": f"Bearer {self.tokens[user]}"}


def make_registry(url: str) -> Registry:
    """A migrated registry at `url` (empty, or just migrated) with every role."""
    engine = make_engine(url)
    upgrade(engine)
    tokens = {}
    for name, (role, agency) in USERS.items():
        add_user(engine, name, PASSWORD, role, agency, "test")
        tokens[name] = create_token(engine, name, "test", "test")
    return Registry(url, engine, tokens)


class PgRegistry:
    """The PostgreSQL registry of the test session: migrated and given its users once, emptied of cases (and
    sessions) for every test that asks for it."""

    def __init__(self, url: str) -> None:
        self.database = MigratedPg(url, keep=ACCOUNTS)
        self.registry: Registry | None = None

    def cleaned(self) -> Registry:
        """The registry, back to its users and nothing else.

        Other tests share the database (the registry tests migrate it afresh and add users of their own), so the
        kept accounts are checked: when one of this session's tokens no longer opens its account, the database
        is migrated afresh and the users added again.
        """
        migrated = self.database.clean()
        if not migrated and self.registry is not None and not _tokens_open(self.registry):
            self.database.migrate()
            migrated = True
        if migrated or self.registry is None:
            self.registry = make_registry(self.database.url)
        return self.registry


def _tokens_open(registry: Registry) -> bool:
    """Whether every user's token still opens that user's account."""
    for name, token in registry.tokens.items():
        account = token_account(registry.engine, token)
        if account is None or account.username != name:
            return False
    return True


def registry_on(request: pytest.FixtureRequest, folder: Path) -> Registry:
    """A registry with every role on the backend the test is parametrized with (see `every_database`), else a new
    SQLite file in `folder`."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return make_registry(sqlite_url(folder))
    shared: PgRegistry = request.getfixturevalue("pg_registry")
    return shared.cleaned()


def client(registry: Registry, **settings: Any) -> TestClient:
    """A test client over HTTPS (so Secure cookies are sent back)."""
    return TestClient(create_app(Settings(db=registry.url, **settings)), base_url="https://testserver")


def sample(name: str) -> dict[str, Any]:
    """A bundled sample incident as JSON data."""
    data: dict[str, Any] = json.loads(json.dumps(yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text()),
                                                 default=str))
    return data


def case_body(name: str = "camat-kades", **extra: Any) -> dict[str, Any]:
    """A case file around a sample incident."""
    return {"source": "public_report", "received_on": "2024-10-16", "account": "Camat mengumpulkan kepala desa",
            "incident": sample(name), **extra}
