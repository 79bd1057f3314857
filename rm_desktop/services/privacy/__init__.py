"""A person's rights over their data (issue 18, points 5 and 6): the copy of everything the vault
holds about one client (PIPL Art. 45), retention periods, the clients past them, anonymisation
and deletion, the trash and backups that expire, and the deletion receipt.

``__all__`` names the modules other packages may import (tests/architecture/test_layers.py)."""

__all__ = ["erasure", "housekeeping", "person_data", "person_export", "receipt", "records", "retention"]
