"""Encrypted xlsx (ECMA-376 agile): round trip in memory, wrong/missing passwords."""

from __future__ import annotations

import io
import tempfile

import openpyxl
import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.io.office_crypto import (
    DamagedFile,
    WrongPassword,
    decrypt_xlsx,
    encrypt_xlsx,
    is_encrypted_file,
    is_encrypted_ooxml,
)


@pytest.fixture(scope="module")
def plain() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "证件号码"])
    wb.active.append(["张三", "110105198503071230"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def locked(plain) -> bytes:
    return encrypt_xlsx(plain, "交接密码 2026")


def test_round_trip(plain, locked):
    assert locked.startswith(b"\xd0\xcf\x11\xe0") and plain[:200] not in locked
    assert is_encrypted_ooxml(locked) and not is_encrypted_ooxml(plain)
    assert decrypt_xlsx(locked, "交接密码 2026") == plain
    ws = openpyxl.load_workbook(io.BytesIO(decrypt_xlsx(locked, "交接密码 2026"))).active
    assert ws["B2"].value == "110105198503071230"


def test_agile_aes256(locked):
    import olefile

    info = olefile.OleFileIO(io.BytesIO(locked)).openstream("EncryptionInfo").read()
    assert info[:4] == b"\x04\x00\x04\x00"  # version 4.4 = agile
    assert b'keyBits="256"' in info and b'cipherAlgorithm="AES"' in info


def test_wrong_or_missing_password(locked):
    with pytest.raises(UserError, match="handover.xlsx.*密码不正确"):
        decrypt_xlsx(locked, "guess", "handover.xlsx")
    with pytest.raises(UserError, match="handover.xlsx.*提供密码"):
        decrypt_xlsx(locked, None, "handover.xlsx")


def test_plain_or_junk_input(plain):
    with pytest.raises(UserError, match="没有加密"):
        decrypt_xlsx(plain, "x", "plain.xlsx")
    with pytest.raises(UserError, match="junk.xlsx"):
        decrypt_xlsx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "x", "junk.xlsx")
    with pytest.raises(UserError):
        encrypt_xlsx(b"not a zip", "x")
    with pytest.raises(UserError):
        encrypt_xlsx(plain, "")


def test_nothing_is_written_to_temporary_files(plain, monkeypatch):
    def forbidden(*_args, **_kwargs):
        raise AssertionError("a temporary file was created")

    for name in ("NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, forbidden)
    locked = encrypt_xlsx(plain, "pw")
    assert decrypt_xlsx(locked, "pw") == plain


def test_a_truncated_or_altered_file_is_damaged_not_a_wrong_password():
    """msoffcrypto reports a failed integrity check (HMAC) as InvalidKeyError, like a wrong
    password: with the right password, every cut and every flipped byte in the encrypted package
    says "damaged", and the wrong password still says "wrong password"."""
    locked = encrypt_xlsx(_bigger(), "交接密码 2026")
    cuts = [len(locked) * k // 10 for k in range(1, 10)]
    for cut in cuts:
        with pytest.raises(DamagedFile, match="h.xlsx.*损坏"):
            decrypt_xlsx(locked[:cut], "交接密码 2026", "h.xlsx")
    altered = 0
    for pos in range(600, len(locked), max(1, len(locked) // 12)):  # 12 positions across the file
        flipped = bytearray(locked)
        flipped[pos] ^= 0x01
        try:
            decrypt_xlsx(bytes(flipped), "交接密码 2026", "h.xlsx")
        except DamagedFile as exc:
            assert "损坏" in str(exc) and "密码不正确" not in str(exc)
            altered += 1
        except WrongPassword:
            pytest.fail(f"a flipped byte at {pos} read as a wrong password")
    assert altered >= 9  # a few positions fall in unused sector slack and change nothing
    with pytest.raises(WrongPassword, match="密码不正确"):
        decrypt_xlsx(locked, "not the password", "h.xlsx")


def _bigger() -> bytes:
    """A workbook of a few sectors, so cuts and flips land in the encrypted package."""
    wb = openpyxl.Workbook()
    for i in range(400):
        wb.active.append([f"客户{i}", f"1101051985030{i:05d}", i * 1.5])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_is_encrypted_file_reads_only_regular_files(tmp_path, plain, locked):
    import os

    (tmp_path / "locked.xlsx").write_bytes(locked)
    (tmp_path / "plain.xlsx").write_bytes(plain)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # opening it for reading would block: it must not be opened at all
    assert is_encrypted_file(tmp_path / "locked.xlsx")
    for other in ("plain.xlsx", "fifo", "missing.xlsx", "."):
        assert not is_encrypted_file(tmp_path / other)
