"""Who may use the HTTP API and the web application: users with a role, API tokens and browser sessions.

Passwords are hashed with argon2 (argon2-cffi); API tokens and session ids are random and stored only as
their sha256, so a copy of the database lets no one sign in. Every account change is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, Engine, ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from netralitas.registry import audit
from netralitas.registry.db import read_session, write_session
from netralitas.registry.errors import RegistryError
from netralitas.registry.models import Base, UtcDateTime, now
from netralitas.text import LocalizedText, bi

TOKEN_PREFIX = "ntl_"
SESSION_HOURS = 12
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")
_HASHER = PasswordHasher()


class Role(StrEnum):
    """What a user may do (see `netralitas.api.security` for the rules)."""

    ADMIN = "admin"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    LEGAL = "legal"


ROLE_LABELS: dict[Role, LocalizedText] = {
    Role.ADMIN: bi("administrator", "administrator"),
    Role.OFFICER: bi("petugas", "officer"),
    Role.SUPERVISOR: bi("supervisor", "supervisor"),
    Role.LEGAL: bi("staf hukum", "legal staff"),
}


class AccountError(RegistryError):
    """A user or token request that cannot be carried out; nothing was changed."""


class User(Base):
    """A person who signs in."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)


class ApiToken(Base):
    """A bearer token for the HTTP API, stored as its sha256."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSession(Base):
    """A signed-in browser, stored as the sha256 of its cookie value."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


@dataclass(frozen=True)
class Account:
    """A signed-in user as the application sees them (no secrets)."""

    id: int
    username: str
    role: Role
    agency: str | None


def digest(secret: str) -> str:
    """The sha256 under which a token or session id is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _account(user: User) -> Account:
    return Account(user.id, user.username, Role(user.role), user.agency)


def add_user(engine: Engine, username: str, password: str, role: Role, agency: str | None, actor: str) -> Account:
    """Create a user; officers need their agency."""
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise AccountError(bi(f"nama pengguna '{username}' tidak sah: 2-100 huruf kecil, angka, '.', '_' atau '-'",
                              f"invalid username '{username}': 2-100 lower-case letters, digits, '.', '_' or '-'"))
    if len(password) < MIN_PASSWORD:
        raise AccountError(bi(f"kata sandi terlalu pendek: minimal {MIN_PASSWORD} karakter",
                              f"password too short: at least {MIN_PASSWORD} characters"))
    if role is Role.OFFICER and not (agency and agency.strip()):
        raise AccountError(bi("petugas harus terikat pada satu instansi (--agency)",
                              "an officer must belong to an agency (--agency)"))
    with write_session(engine) as session:
        if session.scalar(select(User.id).where(User.username == name)) is not None:
            raise AccountError(bi(f"pengguna '{name}' sudah ada", f"user '{name}' already exists"))
        user = User(username=name, password_hash=_HASHER.hash(password), role=role.value,
                    agency=agency.strip() if agency else None, active=True)
        session.add(user)
        session.flush()
        audit.append(session, actor, "user.add", None, {"username": name, "role": role.value, "agency": user.agency})
        return _account(user)


def authenticate(engine: Engine, username: str, password: str) -> Account | None:
    """The user with this name and password, or None (the same answer for an unknown name and a wrong password)."""
    with read_session(engine) as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower(), User.active.is_(True)))
        stored = user.password_hash if user is not None else _HASHER.hash("not-a-user-" + secrets.token_hex(4))
        try:
            _HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return _account(user) if user is not None else None


def create_token(engine: Engine, username: str, name: str, actor: str, days: int | None = None) -> str:
    """A new API token for `username` (shown once; only its hash is kept)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires = now() + dt.timedelta(days=days) if days else None
    with write_session(engine) as session:
        user = session.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None:
            raise AccountError(bi(f"pengguna '{username}' tidak ditemukan", f"user '{username}' not found"))
        session.add(ApiToken(user_id=user.id, name=name[:100] or "token", token_hash=digest(secret),
                             expires_at=expires))
        audit.append(session, actor, "token.create", None, {"username": user.username, "name": name})
    return secret


def _live(user: User | None) -> Account | None:
    return _account(user) if user is not None and user.active else None


def token_account(engine: Engine, secret: str) -> Account | None:
    """The user of a live API token, or None."""
    with read_session(engine) as session:
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(secret)))
        if row is None or row.revoked or (row.expires_at is not None and row.expires_at < now()):
            return None
        return _live(session.get(User, row.user_id))


def open_session(engine: Engine, account: Account) -> str:
    """A new browser session for `account`; the cookie value."""
    secret = secrets.token_urlsafe(32)
    with write_session(engine) as session:
        session.add(WebSession(user_id=account.id, token_hash=digest(secret),
                               expires_at=now() + dt.timedelta(hours=SESSION_HOURS)))
        audit.append(session, account.username, "session.open", None, {})
    return secret


def session_account(engine: Engine, secret: str) -> Account | None:
    """The user of a live browser session, or None."""
    with read_session(engine) as session:
        row = session.scalar(select(WebSession).where(WebSession.token_hash == digest(secret)))
        if row is None or row.expires_at < now():
            return None
        return _live(session.get(User, row.user_id))


def close_session(engine: Engine, secret: str, actor: str) -> None:
    """End a browser session (logging out)."""
    with write_session(engine) as session:
        session.execute(delete(WebSession).where(WebSession.token_hash == digest(secret)))
        audit.append(session, actor, "session.close", None, {})


def users(engine: Engine) -> list[Account]:
    """Every user, by name."""
    with read_session(engine) as session:
        return [_account(u) for u in session.scalars(select(User).order_by(User.username))]
