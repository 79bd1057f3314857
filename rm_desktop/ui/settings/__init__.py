"""The settings dialog.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["profile_form", "settings_dialog", "tier_editor"]
