"""The client file's one chronological view (时间线): contacts, complaints and the other
features' entries, newest first.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py). A feature adds its entries by appending one provider to
``providers.PROVIDERS`` (see ``model.Provider``)."""

__all__ = ["model", "providers"]
