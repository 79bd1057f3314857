"""The vault's life cycle: create, unlock, lock, password and key changes, backups, restore, verify;
where a vault lives on disk.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["driver_vault", "integrity", "lifecycle", "maintenance", "paths", "rekeying"]
