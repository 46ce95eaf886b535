"""Server settings from options and `NETRALITAS_*` environment variables (pydantic-settings).

Processes keep no state of their own beyond caches: sessions, users and cases live in the database, so several
workers (or hosts) behind one PostgreSQL serve the same application. Every process of one deployment must share
`NETRALITAS_SECRET_KEY`; `netralitas serve` generates one for its own workers when none is set.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "NETRALITAS_"


class Settings(BaseSettings):
    """How the server runs."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    db: str | None = Field(None, description="Database URL or SQLite file (default: the registry's SQLite file)")
    rules: Path | None = Field(None, description="Rulebook folder (default: the bundled rulebook)")
    host: str = Field("127.0.0.1", description="Address to bind (loopback unless deliberately changed)")
    port: int = Field(8000, ge=0, le=65535)
    workers: int = Field(1, ge=1, le=64)
    secret_key: str = Field(default_factory=lambda: secrets.token_urlsafe(32), min_length=16,
                            description="Key signing CSRF tokens; the same for every worker of a deployment")
    anonymous: bool = Field(True, description="Allow evaluation and rulebook views without signing in")
    max_body_bytes: int = Field(1_000_000, ge=1_000, description="Largest request body (batch excepted)")
    max_batch_bytes: int = Field(20_000_000, ge=1_000, description="Largest JSON Lines batch body")
    rate_limit: int = Field(600, ge=0, description="Requests per minute per client and process (0: no limit)")
    cookie_secure: bool = Field(True, description="Mark cookies Secure (browsers accept them on localhost too)")
    backend: str = Field("auto", pattern="^(auto|durable|python)$")
