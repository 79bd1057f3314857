"""Password-protected Excel files (ECMA-376 agile encryption, AES-256), entirely in memory.

Excel and WPS both open and write this format. Decrypted bytes never touch the disk: a client
list that arrived encrypted must not leave a plaintext copy in a temp folder.
"""

from __future__ import annotations

import io

import msoffcrypto
from msoffcrypto import exceptions as office_errors
from msoffcrypto.format.ooxml import OOXMLFile

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def encrypt_xlsx(plain_bytes: bytes, password: str) -> bytes:
    """The xlsx package ``plain_bytes`` encrypted with ``password`` (agile, AES-256)."""
    if not password:
        raise UserError(t("加密密码不能为空", "the encryption password cannot be empty"))
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
    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).format == "ooxml")
    except Exception:  # noqa: BLE001 - olefile/msoffcrypto raise many kinds on junk; junk is not encrypted OOXML
        return False


def decrypt_xlsx(encrypted_bytes: bytes, password: str | None, name: str = "") -> bytes:
    """The plain package inside an encrypted xlsx. No/wrong password → UserError naming ``name``."""
    shown = name or t("该文件", "the file")
    if not password:
        raise UserError(t("“{}”有打开密码，请提供密码", '"{}" is password-protected: give its password').format(shown))
    try:
        office = OOXMLFile(io.BytesIO(encrypted_bytes))
        if not office.is_encrypted():
            raise UserError(t("“{}”没有加密", '"{}" is not encrypted').format(shown))
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out, verify_integrity=True)
    except office_errors.InvalidKeyError:
        raise UserError(t("“{}”的密码不正确", 'wrong password for "{}"').format(shown)) from None
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - msoffcrypto/olefile report damage through assorted exceptions
        raise UserError(
            t(
                "无法解密“{}”：文件已损坏或加密方式不受支持（{}）",
                'cannot decrypt "{}": the file is damaged or uses an unsupported encryption ({})',
            ).format(shown, type(exc).__name__)
        ) from None
    return out.getvalue()
