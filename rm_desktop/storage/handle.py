"""What the services need of an open vault, as a type they can name without importing it.

``services.vault.lifecycle.Vault`` is the one real implementation; services, the CLI and the GUI
take a :class:`VaultHandle` so that a service module never imports the vault's life cycle (which
sits beside it, and imports the settings registry that imports services). The members are
read-only properties: the implementation may hold them as plain attributes or guard them (a
locked vault raises instead of answering).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # (names only: a module that takes a vault need not load SQLAlchemy, issue 19.1)
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker


class SettingsStore(Protocol):
    """Typed settings kept in the vault (``services.settings.registry.Settings``)."""

    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any) -> Any: ...


class VaultHandle(Protocol):
    """An unlocked vault as the services use it: sessions, the engine for bulk SQL, settings."""

    @property
    def engine(self) -> Engine: ...

    @property
    def sessions(self) -> sessionmaker[Session]: ...

    @property
    def settings(self) -> SettingsStore: ...
