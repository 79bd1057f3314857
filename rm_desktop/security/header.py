"""The vault header: the random database key wrapped by the master password.

The database is encrypted with a random 32-byte key. The header file keeps that key wrapped:
Argon2id turns the password into a key-encryption key, AES-GCM seals the database key with the
vault id as associated data (a header copied onto another vault does not open it). Changing the
password re-wraps the same database key; nothing in the database changes.

The file is JSON so a damaged header can be told apart from a wrong password, and carries its
KDF parameters so they can be raised later without breaking old vaults.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.storage.atomic import atomic_write_bytes

FORMAT = "rm-desktop-vault-header"
VERSION = 1
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults take ~0.2 s on the 2-core reference machine (OWASP's 64 MiB)."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4

    def derive(self, password: str, salt: bytes) -> bytes:
        kdf = Argon2id(
            salt=salt, length=KEY_BYTES, iterations=self.iterations, lanes=self.lanes, memory_cost=self.memory_kib
        )
        return kdf.derive(password.encode("utf-8"))


class WrongPassword(UserError):
    pass


class DamagedHeader(UserError):
    pass


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass
class VaultHeader:
    vault_id: str
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    kdf: KdfParams = field(default_factory=KdfParams)

    @classmethod
    def create(
        cls, password: str, db_key: bytes, kdf: KdfParams | None = None, vault_id: str | None = None
    ) -> VaultHeader:
        header = cls(vault_id or str(uuid.uuid4()), b"", b"", b"", kdf or KdfParams())
        header.wrap(password, db_key)
        return header

    def wrap(self, password: str, db_key: bytes) -> None:
        """Seal ``db_key`` under ``password`` with a fresh salt and nonce."""
        if len(db_key) != KEY_BYTES:
            raise ValueError("database key must be 32 bytes")
        self.salt = os.urandom(16)
        self.nonce = os.urandom(12)
        kek = self.kdf.derive(password, self.salt)
        self.wrapped_key = AESGCM(kek).encrypt(self.nonce, bytes(db_key), self._aad())

    def unwrap(self, password: str) -> bytes:
        kek = self.kdf.derive(password, self.salt)
        try:
            return AESGCM(kek).decrypt(self.nonce, self.wrapped_key, self._aad())
        except InvalidTag:
            raise WrongPassword(t("主密码不正确，请重试。", "Wrong master password, please try again.")) from None

    def _aad(self) -> bytes:
        return f"{FORMAT}:{VERSION}:{self.vault_id}".encode()

    def to_bytes(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
            },
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }
        return json.dumps(data, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, source: str = "") -> VaultHeader:
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT or data.get("version") != VERSION:
                raise ValueError("format")
            kdf = data["kdf"]
            return cls(
                vault_id=str(data["vault_id"]),
                salt=base64.b64decode(data["salt"], validate=True),
                nonce=base64.b64decode(data["nonce"], validate=True),
                wrapped_key=base64.b64decode(data["wrapped_key"], validate=True),
                kdf=KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])),
            )
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
            raise DamagedHeader(
                t("密钥头文件已损坏：{}", "The vault header file is damaged: {}").format(source)
            ) from None

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> VaultHeader:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise DamagedHeader(
                t("找不到密钥头文件：{}", "The vault header file is missing: {}").format(path)
            ) from None
        return cls.from_bytes(raw, str(path))
