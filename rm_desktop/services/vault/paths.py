"""Where a vault lives: ``--vault DIR``, else env RM_DESKTOP_VAULT, else the per-user data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "RM Desktop"
APP_AUTHOR = "RMDesktop"


@dataclass(frozen=True)
class VaultPaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / "vault.db"

    @property
    def header(self) -> Path:
        return self.root / "vault.header"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    def exists(self) -> bool:
        return self.header.exists() or self.db.exists()

    def sidecars(self) -> list[Path]:
        return [self.db.with_name(self.db.name + suffix) for suffix in ("-wal", "-shm")]


def default_vault_dir() -> Path:
    # %LOCALAPPDATA% on Windows (not roaming: the vault must not follow the user to other PCs).
    return Path(user_data_dir(APP_NAME, APP_AUTHOR, roaming=False)) / "vault"


def resolve_vault_dir(option: str | os.PathLike | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get("RM_DESKTOP_VAULT")
    return Path(env).expanduser() if env else default_vault_dir()
