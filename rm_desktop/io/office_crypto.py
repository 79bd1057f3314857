"""Password-protected Excel files (ECMA-376 agile encryption, AES-256), entirely in memory.

Excel and WPS both open and write this format. Decrypted bytes never touch the disk: a client
list that arrived encrypted must not leave a plaintext copy in a temp folder.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# msoffcrypto (with cryptography's key formats and olefile, ~14 ms) is imported inside the
# functions that use it: a plain xlsx, the import's usual file, never reaches them (issue 19.5).


def encrypt_xlsx(plain_bytes: bytes, password: str) -> bytes:
    """The xlsx package ``plain_bytes`` encrypted with ``password`` (agile, AES-256)."""
    if not password:
        raise UserError(t("加密密码不能为空", "the encryption password cannot be empty"))
    from msoffcrypto import exceptions as office_errors
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    try:
        OOXMLFile(io.BytesIO(plain_bytes)).encrypt(password, out)
    except (office_errors.FileFormatError, office_errors.EncryptionError) as exc:
        raise UserError(
            t(
                "无法加密：内容不是有效的 xlsx 文件（{}）", "cannot encrypt: the content is not a valid xlsx file ({})"
            ).format(exc)
        ) from None
    return out.getvalue()


def is_encrypted_ooxml(data: bytes) -> bool:
    """True for an OLE2 container holding an encrypted OOXML package (xlsx/docx with a
    password to open), as opposed to a legacy .xls."""
    if not data.startswith(OLE2_MAGIC):
        return False
    import msoffcrypto

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).format == "ooxml")
    except Exception:  # noqa: BLE001 - olefile/msoffcrypto raise many kinds on junk; junk is not encrypted OOXML
        return False


class WrongPassword(UserError):
    """The password does not open the file (its verifier says so before anything is decrypted)."""


class DamagedFile(UserError):
    """The file is not a readable encrypted package: truncated, altered or corrupted. msoffcrypto
    reports a failed integrity check (the HMAC over the encrypted package) as InvalidKeyError,
    the same class as a wrong password, so the two are told apart by the step that failed."""


def _damaged(shown: str, password_ok: bool) -> DamagedFile:
    if password_ok:
        return DamagedFile(
            t(
                "“{}”已损坏或被改动（密码正确，但内容校验失败）：请让对方重新发送文件",
                '"{}" is damaged or was altered (the password is right but the content check failed): '
                "ask for the file again",
            ).format(shown)
        )
    return DamagedFile(
        t(
            "“{}”已损坏或不完整，或加密方式不受支持：请让对方重新发送文件",
            '"{}" is damaged, incomplete or uses an unsupported encryption: ask for the file again',
        ).format(shown)
    )


def decrypt_xlsx(encrypted_bytes: bytes, password: str | None, name: str = "") -> bytes:
    """The plain package inside an encrypted xlsx. No password or a wrong one → WrongPassword,
    a truncated or altered file → DamagedFile, both naming ``name``."""
    shown = name or t("该文件", "the file")
    if not password:
        raise WrongPassword(
            t("“{}”有打开密码，请提供密码", '"{}" is password-protected: give its password').format(shown)
        )
    from msoffcrypto import exceptions as office_errors
    from msoffcrypto.format.ooxml import OOXMLFile

    try:
        office = OOXMLFile(io.BytesIO(encrypted_bytes))
        encrypted = office.is_encrypted()
    except Exception:  # noqa: BLE001 - olefile/msoffcrypto report damage through assorted exceptions
        raise _damaged(shown, password_ok=False) from None
    if not encrypted:
        raise UserError(t("“{}”没有加密", '"{}" is not encrypted').format(shown))
    try:
        office.load_key(password=password, verify_password=True)
    except office_errors.InvalidKeyError:
        raise WrongPassword(t("“{}”的密码不正确", 'wrong password for "{}"').format(shown)) from None
    except Exception:  # noqa: BLE001 - a damaged EncryptionInfo stream
        raise _damaged(shown, password_ok=False) from None
    out = io.BytesIO()
    try:
        # The password was verified above: any failure from here on, the HMAC check's
        # InvalidKeyError and "not a zip" included, is damage to the encrypted package.
        office.decrypt(out, verify_integrity=True)
    except Exception:  # noqa: BLE001
        raise _damaged(shown, password_ok=True) from None
    return out.getvalue()


def is_encrypted_file(path: str | Path) -> bool:
    """True for a regular file that is an encrypted OOXML package (so a password must be asked
    before reading it). Anything else, a FIFO or device included, is False without being read
    (the reader refuses it with its own message)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            if handle.read(len(OLE2_MAGIC)) != OLE2_MAGIC:
                return False
            handle.seek(0)
            import msoffcrypto

            return bool(msoffcrypto.OfficeFile(handle).format == "ooxml")
    except Exception:  # noqa: BLE001 - unreadable or junk: not an encrypted package
        return False
