"""Settings come from the environment and an optional file; placeholder secrets are refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from amana.core.config import Settings


def test_placeholder_secrets_are_refused_outside_demo_mode(monkeypatch):
    monkeypatch.delenv("AMANA_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="AMANA_SECRET_KEY"):
        Settings()
    with pytest.raises(ValidationError, match="AMANA_SECRET_KEY"):
        Settings(secret_key="change-me")
    assert Settings(demo_mode=True).demo_mode


def test_environment_and_settings_file(monkeypatch, tmp_path):
    settings_file = tmp_path / "amana.toml"
    settings_file.write_text(
        'secret_key = "' + "k" * 40 + '"\nport = 9000\nworkers = 3\n'
        'database_url = "postgresql+psycopg://amana@db/amana"\n'
    )
    monkeypatch.setenv("AMANA_SETTINGS_FILE", str(settings_file))
    monkeypatch.setenv("AMANA_PORT", "9100")
    monkeypatch.delenv("AMANA_DATABASE_URL", raising=False)
    monkeypatch.delenv("AMANA_SECRET_KEY", raising=False)
    settings = Settings()
    assert settings.port == 9100  # the environment wins over the file
    assert settings.workers == 3
    assert settings.database_url.startswith("postgresql")


def test_a_missing_settings_file_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("AMANA_SETTINGS_FILE", str(tmp_path / "absent.toml"))
    with pytest.raises(ValueError, match="not a readable file"):
        Settings(demo_mode=True)


def test_unknown_settings_are_refused(monkeypatch):
    with pytest.raises(ValidationError):
        Settings(demo_mode=True, databse_url="sqlite://")  # type: ignore[call-arg]
