"""Typed settings of every area in one registry, stored in the vault.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["policy_rules", "profile", "registry", "tier_table"]
