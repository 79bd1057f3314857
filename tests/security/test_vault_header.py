"""The vault header (rm_desktop/security/header.py) read as an attacker or a bad disk would hand
it over: bounded KDF costs, checked lengths, a checksum telling damage from a wrong password,
the KDF parameters bound as associated data, and version 1 headers still opening."""

from __future__ import annotations

import base64
import json
import os
import threading

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from rm_desktop.security import header as hdr
from rm_desktop.security.header import DamagedHeader, VaultHeader, WrongPassword
from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import rekeying
from tests.conftest import FAST_KDF, PASSWORD

KEY = bytes(range(32))


def _fields(raw: bytes) -> dict:
    return json.loads(raw)


def _encode(data: dict, *, reseal: bool) -> bytes:
    """``data`` as a header file; ``reseal`` recomputes the checksum, as a deliberate editor would."""
    data = dict(data)
    data.pop("sha256", None)
    if reseal:
        data["sha256"] = VaultHeader._checksum(data)
    return json.dumps(data).encode()


@pytest.fixture
def header() -> VaultHeader:
    return VaultHeader.create(PASSWORD, KEY, FAST_KDF)


def test_new_headers_are_version_2_with_a_checksum_and_open(header):
    data = _fields(header.to_bytes())
    assert data["version"] == 2 and len(data["sha256"]) == 64
    assert VaultHeader.from_bytes(header.to_bytes()).unwrap(PASSWORD) == KEY


def _flip(b64: str) -> str:
    raw = bytearray(base64.b64decode(b64))
    raw[len(raw) // 2] ^= 0x04
    return base64.b64encode(bytes(raw)).decode()


@pytest.mark.parametrize("name", ["salt", "nonce", "wrapped_key"])
def test_a_flipped_bit_reads_as_damage_not_as_a_wrong_password(header, name):
    data = _fields(header.to_bytes())
    data[name] = _flip(data[name])
    with pytest.raises(DamagedHeader, match="校验和"):
        VaultHeader.from_bytes(_encode(data, reseal=False), "vault.header")
    # Resealed on purpose, the same flip gets past the checksum and AES-GCM refuses it.
    resealed = VaultHeader.from_bytes(_encode(data, reseal=True))
    with pytest.raises(WrongPassword):
        resealed.unwrap(PASSWORD)


def test_kdf_parameters_and_version_are_authenticated(header):
    kek = header.kdf.derive(PASSWORD, header.salt)
    # Without the KDF parameters in the associated data the key does not come out.
    with pytest.raises(InvalidTag):
        AESGCM(kek).decrypt(header.nonce, header.wrapped_key, f"{hdr.FORMAT}:2:{header.vault_id}".encode())
    # A version 2 header relabelled version 1 (no checksum to check) does not open either.
    downgraded = _fields(header.to_bytes()) | {"version": 1}
    with pytest.raises(WrongPassword):
        VaultHeader.from_bytes(_encode(downgraded, reseal=False)).unwrap(PASSWORD)


def _version_1(key: bytes, vault_id: str = "old-vault") -> bytes:
    """A header as release 1 wrote it: AAD format:1:vault_id, no checksum."""
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = FAST_KDF.derive(PASSWORD, salt)
    wrapped = AESGCM(kek).encrypt(nonce, key, f"{hdr.FORMAT}:1:{vault_id}".encode())
    kdf = {"name": "argon2id", "memory_kib": FAST_KDF.memory_kib, "iterations": 1, "lanes": 1}
    data = {"format": hdr.FORMAT, "version": 1, "vault_id": vault_id, "kdf": kdf}
    data |= {"salt": hdr._b64(salt), "nonce": hdr._b64(nonce), "wrapped_key": hdr._b64(wrapped)}
    return json.dumps(data, indent=1).encode()


def test_version_1_headers_open_and_become_version_2_when_the_password_is_set(vault_dir):
    vault = vs.create_vault(vault_dir, PASSWORD, kdf=FAST_KDF)
    key, vault_id = bytes(vault.key), vault.header.vault_id
    vault.lock()
    (vault_dir / "vault.header").write_bytes(_version_1(key, vault_id))
    vault = vs.unlock(vault_dir, PASSWORD)
    assert vault.header.version == 1
    rekeying.change_password(vault, PASSWORD, "a much newer password 77")
    vault.lock()
    assert _fields((vault_dir / "vault.header").read_bytes())["version"] == 2
    vs.unlock(vault_dir, "a much newer password 77").lock()


BAD_KDF = {
    "memory 0": {"memory_kib": 0},
    "memory negative": {"memory_kib": -1},
    "memory 1 TiB": {"memory_kib": 2**30},
    "memory below 8 KiB a lane": {"memory_kib": 31, "lanes": 4},
    "iterations 0": {"iterations": 0},
    "iterations 65": {"iterations": 65},
    "iterations 10**9": {"iterations": 10**9},
    "lanes 0": {"lanes": 0},
    "lanes 17": {"lanes": 17},
    "lanes negative": {"lanes": -4},
    "memory a string": {"memory_kib": "1024"},
    "memory a float": {"memory_kib": 1e300},
    "iterations true": {"iterations": True},
}
BAD_FIELDS = {
    'nonce ""': {"nonce": ""},
    "nonce 11 bytes": {"nonce": hdr._b64(b"n" * 11)},
    "salt 8 bytes": {"salt": hdr._b64(b"s" * 8)},
    "salt empty": {"salt": ""},
    "wrapped key 47 bytes": {"wrapped_key": hdr._b64(b"w" * 47)},
    "version 3": {"version": 3},
    "version true": {"version": True},
}


@pytest.mark.parametrize("resealed", [True, False], ids=["resealed", "as-is"])
@pytest.mark.parametrize("change", [*BAD_KDF.values(), *BAD_FIELDS.values()], ids=[*BAD_KDF, *BAD_FIELDS])
def test_out_of_bounds_headers_are_damage_before_any_key_is_derived(header, monkeypatch, change, resealed):
    monkeypatch.setattr(hdr.KdfParams, "derive", lambda *a: pytest.fail("derived a key from a bad header"))
    data = _fields(header.to_bytes())
    for name, value in change.items():
        target = data["kdf"] if name in ("memory_kib", "iterations", "lanes") else data
        target[name] = value
    with pytest.raises(DamagedHeader, match="vault.header"):
        VaultHeader.from_bytes(_encode(data, reseal=resealed), "vault.header")
    if "version" not in change:  # the same bounds hold for old headers, which have no checksum
        with pytest.raises(DamagedHeader):
            VaultHeader.from_bytes(_encode(data | {"version": 1}, reseal=False))


def test_a_folder_fifo_or_device_as_the_header_is_refused_without_blocking(tmp_path):
    folder = tmp_path / "folder.header"
    folder.mkdir()
    fifo = tmp_path / "fifo.header"
    os.mkfifo(fifo)
    device = tmp_path / "zero.header"
    device.symlink_to("/dev/zero")
    huge = tmp_path / "huge.header"
    huge.write_bytes(b" " * (hdr.MAX_HEADER_BYTES + 10))
    outcomes: list[str] = []

    def load_all() -> None:
        for path in (folder, fifo, device, huge, tmp_path / "missing.header"):
            try:
                VaultHeader.load(path)
            except DamagedHeader as exc:
                assert "\n" not in str(exc) and path.name in str(exc)
                outcomes.append(path.name)

    worker = threading.Thread(target=load_all, daemon=True)
    worker.start()
    worker.join(30)  # a FIFO opened for reading would block here forever
    assert outcomes == ["folder.header", "fifo.header", "zero.header", "huge.header", "missing.header"]
