"""One validated, immutable Settings object, read from the environment and an optional file.

Precedence, highest first: explicit arguments, ``AMANA_*`` environment variables, the TOML
file named by ``AMANA_SETTINGS_FILE``, defaults.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from sqlalchemy.engine import make_url

PLACEHOLDER_SECRETS = frozenset({"", "change-me", "changeme", "secret", "amana"})
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AMANA_", frozen=True, extra="forbid")

    database_url: str = Field(
        default="sqlite:///data/amana.db",
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db",
    )
    secret_key: SecretStr = Field(
        default=SecretStr(""),
        description="Keys the audit chain (HMAC); at least 32 characters outside demo mode",
    )
    demo_mode: bool = False
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    log_level: str = "INFO"
    log_json: bool = True
    public_base_url: str = Field(
        default="",
        pattern=r"^(https?://[^/?#\s@]+(/[^?#\s]*)?)?$",
        description="Where the public notices API is reached (https://host[/prefix]); its "
        "links are built from it. Unset: links follow the request in demo mode, else are "
        "path-absolute (never from the Host header)",
    )

    max_failed_logins: int = Field(default=5, ge=1, le=100)
    lockout_minutes: int = Field(default=15, ge=1)
    lockout_max_minutes: int = Field(
        default=24 * 60, ge=1, description="Ceiling of the doubling lockout of one address"
    )
    session_ttl_minutes: int = Field(default=8 * 60, ge=1)
    api_token_default_days: int = Field(default=365, ge=1)
    api_token_max_days: int = Field(default=365, ge=1, le=3650)
    auth_cache_seconds: float = Field(
        default=2.0,
        ge=0,
        le=60,
        description="How long a worker trusts a token it checked; revocations made in another "
        "worker take effect within this time (0: check every request)",
    )

    # Argon2id cost; the defaults are RFC 9106's second recommended option (64 MiB).
    password_time_cost: int = Field(default=3, ge=1)
    password_memory_kib: int = Field(default=64 * 1024, ge=8)
    password_parallelism: int = Field(default=4, ge=1)

    page_size_max: int = Field(default=500, ge=1)

    audit_checkpoint_file: Path | None = Field(
        default=None,
        description="Append-only file of signed audit checkpoints, outside the database; "
        "default: beside the SQLite file, or data/audit-checkpoints.jsonl",
    )
    audit_checkpoint_every: int = Field(default=100, ge=1, description="Entries between two")
    audit_checkpoint_seconds: float = Field(
        default=60.0, gt=0, description="Also when the last one is older than this"
    )

    screening_hit_threshold: float = Field(
        default=0.85,
        ge=0.5,
        le=1.0,
        description="Score from which the record's owner is notified of a hit",
    )
    screening_hit_window_minutes: int = Field(
        default=1440,
        ge=1,
        description="A bureau's repeated searches on one record count on its open hit for this "
        "long (from the hit's first search); the owner is told again after it",
    )
    screening_batch_limit: int = Field(default=10_000, ge=1)
    screening_poll_seconds: float = Field(default=0.2, gt=0, le=5)

    messaging_backbone: Literal["sqlite", "nats"] = Field(
        default="sqlite",
        description="sqlite: embedded (in-process push plus a tail of the store, one node); "
        "nats: JetStream carries deliveries between nodes sharing one database",
    )
    messaging_master_key: SecretStr = Field(
        default=SecretStr(""),
        description="Wraps message data keys and bureau signing keys; derived from "
        "AMANA_SECRET_KEY when empty",
    )
    nats_url: str = "nats://127.0.0.1:4222"
    nats_stream: str = Field(default="AMANA_MESSAGES", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    nats_subject_prefix: str = Field(default="amana.messages", pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    messaging_poll_seconds: float = Field(default=0.05, gt=0, le=5)
    messaging_urgent_ack_seconds: float = Field(
        default=15 * 60, gt=0, description="Urgent messages not acknowledged by then escalate"
    )
    messaging_escalation_poll_seconds: float = Field(default=5.0, gt=0, le=300)
    messaging_attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1)
    messaging_attachments_max: int = Field(default=10, ge=0, le=100)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        settings_file = os.environ.get("AMANA_SETTINGS_FILE")
        if settings_file:
            path = Path(settings_file)
            if not path.is_file():
                raise ValueError(f"AMANA_SETTINGS_FILE={settings_file!r} is not a readable file")
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    @model_validator(mode="after")
    def _refuse_placeholder_secret(self) -> Settings:
        secret = self.secret_key.get_secret_value()
        if self.demo_mode:
            return self
        if secret.lower() in PLACEHOLDER_SECRETS or len(secret) < MIN_SECRET_LENGTH:
            raise ValueError(
                "AMANA_SECRET_KEY must be set to a random value of at least "
                f"{MIN_SECRET_LENGTH} characters (e.g. `python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))'`); placeholders are refused outside demo mode"
            )
        return self

    @property
    def audit_key(self) -> bytes:
        return self.secret_key.get_secret_value().encode()

    @property
    def audit_checkpoint_path(self) -> Path:
        if self.audit_checkpoint_file is not None:
            return self.audit_checkpoint_file
        database = make_url(self.database_url).database if self.is_sqlite else None
        if database and database != ":memory:":
            return Path(database + ".checkpoints")
        return Path("data") / "audit-checkpoints.jsonl"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(**overrides: Any) -> Settings:
    return Settings(**overrides)
