"""Excel import (preview, duplicate matching, one-transaction write, rejects), export (archive and
lists) and the encrypted handover file.

``__all__`` names the modules other packages may import; the rest are this package's own
(tests/architecture/test_layers.py)."""

__all__ = ["exporting", "handover", "importing", "layout", "merge_plan", "rejects", "writing"]
