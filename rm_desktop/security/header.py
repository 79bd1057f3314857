"""The vault header: the random database key wrapped by the master password.

The database is encrypted with a random 32-byte key. The header file keeps that key wrapped:
Argon2id turns the password into a key-encryption key, AES-GCM seals the database key with
associated data. Version 1 authenticated ``format:1:vault_id`` only; version 2 (written by every
``wrap``: a new vault, and an old one when its password is next set) also authenticates the KDF
parameters, so a header whose costs were edited no longer opens. Version 1 headers still open.

The file is JSON so a damaged header can be told apart from a wrong password, and carries its
KDF parameters so they can be raised later without breaking old vaults. The parameters are
bounded on read (a header asking Argon2id for 1 TiB of memory or 10^9 passes would hang or kill
the unlock), and version 2 carries a SHA-256 over its fields. That checksum is deliberately not
keyed by the password: it tells accidental damage (a flipped bit in the salt, nonce or wrapped
key, a truncated copy) from a wrong password before any key is derived. Someone who edits the
file on purpose can recompute it; their change then fails AES-GCM and reads as a wrong password,
which gives them nothing, since the tag and the associated data still protect the key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t
from rm_desktop.security.hardening import scrub
from rm_desktop.storage.atomic import atomic_write_bytes

FORMAT = "rm-desktop-vault-header"
VERSION = 2
READABLE_VERSIONS = (1, 2)
KEY_BYTES = 32
NONCE_BYTES = 12
MIN_SALT_BYTES = 16
MAX_SALT_BYTES = 64
WRAPPED_BYTES = KEY_BYTES + 16  # AES-GCM: the key plus its 16-byte tag
# Bounds on read: above them the unlock would hang or exhaust memory (Argon2id's memory cost
# is in KiB; it needs at least 8 KiB per lane).
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_ITERATIONS = 64
MAX_LANES = 16
MAX_HEADER_BYTES = 64 * 1024  # a real header is ~400 bytes


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults take ~0.2 s on the 2-core reference machine (OWASP's 64 MiB)."""

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4

    def derive(self, password: str, salt: bytes) -> bytes:
        # cryptography (~13 ms to import) is loaded by the password's derivation, not with the
        # header: the keyring unlock at the GUI's start reads the header and never derives (issue 19.1).
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        kdf = Argon2id(
            salt=salt, length=KEY_BYTES, iterations=self.iterations, lanes=self.lanes, memory_cost=self.memory_kib
        )
        encoded = password.encode("utf-8")
        try:
            return kdf.derive(encoded)
        finally:
            scrub(encoded)  # the password's bytes; the str itself is the caller's (hardening.py)

    def in_bounds(self) -> bool:
        return (
            1 <= self.lanes <= MAX_LANES
            and 1 <= self.iterations <= MAX_ITERATIONS
            and 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB
        )


class WrongPassword(UserError):
    pass


class DamagedHeader(UserError):
    pass


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _integer(value: Any) -> int:
    """A JSON integer; bools, floats (1e300, Infinity) and strings are refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not an integer")
    return value


def _damaged(source: str, why_zh: str = "", why_en: str = "") -> DamagedHeader:
    why = t(f"（{why_zh}）", f" ({why_en})") if why_zh else ""
    return DamagedHeader(t("密钥头文件已损坏{}：{}", "The vault header file is damaged{}: {}").format(why, source))


@dataclass
class VaultHeader:
    vault_id: str
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    kdf: KdfParams = field(default_factory=KdfParams)
    version: int = VERSION

    @classmethod
    def create(
        cls, password: str, db_key: bytes | bytearray, kdf: KdfParams | None = None, vault_id: str | None = None
    ) -> VaultHeader:
        import uuid

        header = cls(vault_id or str(uuid.uuid4()), b"", b"", b"", kdf or KdfParams())
        header.wrap(password, db_key)
        return header

    def wrap(self, password: str, db_key: bytes | bytearray) -> None:
        """Seal ``db_key`` under ``password`` with a fresh salt and nonce, as the current VERSION
        (so an old version 1 header becomes version 2 when its password is next set)."""
        if len(db_key) != KEY_BYTES:
            raise ValueError("database key must be 32 bytes")
        if not self.kdf.in_bounds():
            raise ValueError("KDF parameters out of bounds")
        self.version = VERSION
        self.salt = os.urandom(16)
        self.nonce = os.urandom(NONCE_BYTES)
        kek = self.kdf.derive(password, self.salt)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            self.wrapped_key = AESGCM(kek).encrypt(self.nonce, db_key, self._aad())
        finally:
            scrub(kek)

    def unwrap(self, password: str) -> bytes:
        kek = self.kdf.derive(password, self.salt)
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            # bytes: the caller takes them into a bytearray at once (hardening.secret_from)
            return AESGCM(kek).decrypt(self.nonce, self.wrapped_key, self._aad())
        except InvalidTag:
            raise WrongPassword(t("主密码不正确，请重试。", "Wrong master password, please try again.")) from None
        finally:
            scrub(kek)

    def _aad(self) -> bytes:
        if self.version == 1:
            return f"{FORMAT}:1:{self.vault_id}".encode()
        kdf = self.kdf
        return (
            f"{FORMAT}:{self.version}:{self.vault_id}:argon2id:{kdf.memory_kib}:{kdf.iterations}:{kdf.lanes}".encode()
        )

    def _fields(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
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

    @staticmethod
    def _checksum(fields: dict[str, Any]) -> str:
        canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(canonical).hexdigest()

    def to_bytes(self) -> bytes:
        data = self._fields()
        if self.version >= 2:
            data["sha256"] = self._checksum(data)
        return json.dumps(data, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, raw: bytes, source: str = "") -> VaultHeader:
        if len(raw) > MAX_HEADER_BYTES:
            raise _damaged(source, "文件过大", "the file is too large")
        try:
            data = json.loads(raw.decode("utf-8"))
            version = data.get("version")
            if data.get("format") != FORMAT or isinstance(version, bool) or version not in READABLE_VERSIONS:
                raise ValueError("format")
            kdf = data["kdf"]
            header = cls(
                vault_id=str(data["vault_id"]),
                salt=base64.b64decode(data["salt"], validate=True),
                nonce=base64.b64decode(data["nonce"], validate=True),
                wrapped_key=base64.b64decode(data["wrapped_key"], validate=True),
                kdf=KdfParams(_integer(kdf["memory_kib"]), _integer(kdf["iterations"]), _integer(kdf["lanes"])),
                version=version,
            )
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError, RecursionError):
            raise _damaged(source) from None
        if version >= 2 and data.get("sha256") != cls._checksum(header._fields()):
            raise _damaged(source, "校验和不符", "checksum mismatch")
        header._check(source)
        return header

    def _check(self, source: str) -> None:
        """Lengths and KDF costs a genuine header has; anything else is damage, not a password."""
        if not (
            len(self.nonce) == NONCE_BYTES
            and MIN_SALT_BYTES <= len(self.salt) <= MAX_SALT_BYTES
            and len(self.wrapped_key) == WRAPPED_BYTES
        ):
            raise _damaged(source, "盐值、随机数或密钥长度不对", "wrong salt, nonce or key length")
        if not self.kdf.in_bounds():
            raise _damaged(
                source,
                f"密钥派生参数超出范围：内存 {self.kdf.memory_kib} KiB，迭代 {self.kdf.iterations}，"
                f"并行度 {self.kdf.lanes}",
                f"key derivation parameters out of range: memory {self.kdf.memory_kib} KiB, "
                f"iterations {self.kdf.iterations}, lanes {self.kdf.lanes}",
            )

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> VaultHeader:
        try:
            return cls.from_bytes(_read_small_file(path), str(path))
        except FileNotFoundError:
            raise DamagedHeader(
                t("找不到密钥头文件：{}", "The vault header file is missing: {}").format(path)
            ) from None
        except OSError as exc:
            raise DamagedHeader(
                t("无法读取密钥头文件 {}：{}", "Cannot read the vault header file {}: {}").format(
                    path, exc.strerror or exc
                )
            ) from None


def _read_small_file(path: Path) -> bytes:
    """The header's bytes: a regular file (a folder, FIFO or device in its place is refused
    before it is opened, so nothing blocks or streams forever), read up to MAX_HEADER_BYTES."""
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, t("这是一个文件夹，不是文件", "it is a folder, not a file"))
    if not stat.S_ISREG(mode):
        raise OSError(0, t("不是普通文件", "not a regular file"))
    with open(path, "rb") as handle:
        return handle.read(MAX_HEADER_BYTES + 1)
