"""The start-up probe's keyring backend (benchmarks/_startup_probe.py): the "remember on this PC"
copy of the benchmark vault's key, in memory (benchmarks never write the machine's keyring).

keyring loads it by name from PYTHON_KEYRING_BACKEND (keyring's own setting, as IT would name a
backend) when the app first asks for the key, so keyring and the backend are imported where the
app imports them: in its early unlock thread, not by the probe before the app starts."""

from __future__ import annotations

import os

from keyring.backend import KeyringBackend

from rm_desktop.security.keystore import SERVICE


class ProbeKeyring(KeyringBackend):
    priority = 1  # as benchmarks/_common.MemoryKeyring: a usable backend

    def __init__(self) -> None:
        super().__init__()
        self.store = {(SERVICE, os.environ["RM_BENCH_VAULT_ID"]): os.environ["RM_BENCH_KEY"]}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)
