"""For the tests of bulk sends written before consent (scripts, events): their clients agree to
marketing on every channel, so those tests go on testing what they test."""

from __future__ import annotations

from rm_desktop.domain.choices import CHANNELS
from rm_desktop.services.consent import store

EVERY_CHANNEL = {"marketing": "是", "channels": ",".join(CHANNELS.codes), "given_by": "书面"}


def consent_to_all(vault, client_ids) -> None:
    store.set_many(vault, client_ids, EVERY_CHANNEL)
