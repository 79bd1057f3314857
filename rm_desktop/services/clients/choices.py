"""The client file's closed lists, for the services and the GUI that import them from here.

They live in :mod:`rm_desktop.domain.choices`, below the import (io/) that checks ID types with
the same rules as the forms; this module names them for the callers above.
"""

from __future__ import annotations

from rm_desktop.domain.choices import (
    CHANNELS,
    HOLDING_STATUSES,
    ID_TYPES,
    INVERSE_KIND,
    PRODUCT_TYPES,
    PURPOSE_SUGGESTIONS,
    RELATION_KINDS,
    Choice,
    ChoiceSet,
)

__all__ = [
    "CHANNELS",
    "HOLDING_STATUSES",
    "ID_TYPES",
    "INVERSE_KIND",
    "PRODUCT_TYPES",
    "PURPOSE_SUGGESTIONS",
    "RELATION_KINDS",
    "Choice",
    "ChoiceSet",
]
