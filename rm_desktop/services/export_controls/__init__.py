"""Export controls (issue 18.3): every export's purpose from a closed list, the minimum client
fields that purpose needs, the export register (one row per file, in the export's own
transaction) and the watermark text stamped into the file (visible: RM, branch, time, purpose;
hidden: the register id).

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py)."""

__all__ = ["marks", "purposes", "register"]
