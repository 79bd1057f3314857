"""The scripts shipped with the app, loaded from ``builtin_scripts.json`` beside this module.

The wording lives in a data file so it can be reviewed (compliance, tone) without reading code.
Each entry has a stable ``builtin_id``: never renumber or reuse one, since user data may refer
to it. Packaging must include the JSON file (setuptools package-data ``*.json``; PyInstaller
needs it collected as data).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from rm_desktop.domain.scripts.model import ScriptTemplate
from rm_desktop.domain.scripts.share import template_from_dict

_DATA_FILE = "builtin_scripts.json"


@cache
def builtin_scripts() -> tuple[ScriptTemplate, ...]:
    """All shipped scripts, in file order (grouped by category)."""
    raw = resources.files(__package__).joinpath(_DATA_FILE).read_text(encoding="utf-8")
    scripts = []
    for row, item in enumerate(json.loads(raw), start=1):
        template = template_from_dict(item, row=row)  # same validation as shared files
        scripts.append(
            ScriptTemplate(
                template.name, template.category, template.channel, template.body, builtin_id=item["builtin_id"]
            )
        )
    return tuple(scripts)


def builtin_by_id(builtin_id: str) -> ScriptTemplate | None:
    """The shipped script with this id, or None (e.g. an id from a newer version)."""
    return next((s for s in builtin_scripts() if s.builtin_id == builtin_id), None)
