"""Typed helpers that read settings from the environment.

A secret may also come from a file named by ``<NAME>_FILE`` (Docker/systemd credentials).
"""

from __future__ import annotations

import os
from pathlib import Path


def env_str(name: str, default: str | None = None) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    return default if value is None else int(value)


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def dev_field_encryption_key(var_dir: Path) -> str:
    """Return a development Fernet key, generated once and kept under ``var/``."""
    key_file = var_dir / "field-encryption.key"
    if not key_file.exists():
        from cryptography.fernet import Fernet

        var_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(Fernet.generate_key().decode("ascii"), encoding="ascii")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="ascii").strip()
