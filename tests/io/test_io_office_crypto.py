"""Encrypted xlsx (ECMA-376 agile): round trip in memory, wrong/missing passwords."""

from __future__ import annotations

import io
import tempfile

import openpyxl
import pytest

from rm_desktop.domain.errors import UserError
from rm_desktop.io.office_crypto import decrypt_xlsx, encrypt_xlsx, is_encrypted_ooxml


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
