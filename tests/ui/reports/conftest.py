"""The report exports ask their purpose (issue 18.3) in a modal dialog: every test here has it answered
with the kind's default (tests/ui/conftest.purposes_asked)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _purpose_answered(purposes_asked: list[str]) -> list[str]:
    return purposes_asked
