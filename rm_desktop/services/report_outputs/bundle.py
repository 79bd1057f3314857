"""The supervisor's bundle (issue 17.4): a period's reports of one RM in one encrypted file.

Encrypted like a handover (services/exchange/handover: ECMA-376 agile AES-256 through
io/office_crypto, the same password rule ``check_password``, the plaintext only in memory). The
package inside is a minimal OPC zip: ``[Content_Types].xml`` (what the encryption expects of a
package) and ``report-bundle.json``::

    {"format": "rm-desktop-report-bundle", "version": 1, "rm_name": ..., "branch": ...,
     "exported_at": "2026-12-31T17:30:00", "named": false, "reports": [as_dict(report), ...]}

The JSON is the exchange format (exchange.py documents a report's keys): a later branch server
takes the same objects. Without ``named`` every report is ``counts_only`` before it is written,
and read back the same way whatever the file claims.

Reading is hostile-input safe: size bounds before and after decryption, exactly the two members,
JSON depth and size bounded, every field checked; any failure is one UserError naming the file.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.domain.errors import UserError
from rm_desktop.domain.reports import Report, as_dict, counts_only
from rm_desktop.i18n import t
from rm_desktop.io.office_crypto import decrypt_xlsx, encrypt_xlsx, is_encrypted_ooxml
from rm_desktop.io.text_files import read_user_bytes
from rm_desktop.services.exchange.handover import check_password
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.report_outputs import marking
from rm_desktop.services.report_outputs.exchange import MAX_TEXT, report_from_dict
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

FORMAT = "rm-desktop-report-bundle"
VERSION = 1
MEMBER = "report-bundle.json"
MAX_FILE = 64 * 1024 * 1024  # a year of named monthly reports of a large book is a few MB
MAX_JSON = 256 * 1024 * 1024
MAX_DEPTH = 12  # as_dict nests 6 deep; deeper is not ours
MAX_REPORTS = 5000
MIN_PACKAGE = 4608
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="json" ContentType="application/json"/></Types>'
)


@dataclass(frozen=True)
class ReportBundle:
    name: str  # the file's name, for messages and the summary
    rm_name: str
    branch: str
    exported_at: dt.datetime
    named: bool
    reports: tuple[Report, ...]
    version: int = VERSION


def bundle_dict(reports: Sequence[Report], *, named: bool, now: dt.datetime) -> dict[str, object]:
    """The bundle's JSON object (the exchange format) for ``reports``."""
    shown = [r if named else counts_only(r) for r in reports]
    first = shown[0] if shown else None
    return {
        "format": FORMAT,
        "version": VERSION,
        "rm_name": first.rm_name if first else "",
        "branch": first.branch if first else "",
        "exported_at": now.replace(microsecond=0).isoformat(),
        "named": named,
        "reports": [as_dict(r) for r in shown],
    }


def export_bundle(
    reports: Sequence[Report],
    path: str | Path,
    password: str,
    *,
    named: bool = False,
    now: dt.datetime | None = None,
    vault: VaultHandle | None = None,
    control: ExportControl | None = None,
) -> int | None:
    """Write the encrypted bundle atomically. The password follows the handover's rule; the IT
    policy's gate may forbid reports (``password_required`` lets this encrypted file out). With
    a vault: registered and audited in one transaction, the JSON's ``export`` object holding the
    watermark line, the register mark and the audit chain's latest hash; its register id."""
    policy_rules.check_export("report", encrypted=True)
    check_password(password)
    if not reports:
        raise UserError(t("没有可导出的报告", "no reports to export"))
    body = bundle_dict(reports, named=named, now=now or dt.datetime.now())
    chain = marking.chain_hash(vault)
    shown = list(reports) if named else [counts_only(r) for r in reports]
    with (
        export_register.recorded_export(vault, "report", control, marking.ACTION, **marking.register_args(shown, path))
        if vault is not None
        else marking.unregistered()
    ) as mark:
        if mark is not None:  # readers take the keys they know: an older reader skips this one
            body["export"] = {"mark": mark.visible, "register": mark.hidden, "audit_chain": chain}
        data = json.dumps(body, ensure_ascii=False)
        atomic_write_bytes(Path(path), encrypt_xlsx(_package(data), password))
    return None if mark is None else mark.register_id


def _package(data: str, padding: int = 0) -> bytes:
    """The OPC zip, at least MIN_PACKAGE bytes: msoffcrypto's integrity check fails on an
    encrypted package under 4096 bytes (it lands in the OLE mini stream), so a small bundle (an
    empty day) is padded with a zip comment, which no reader takes as content."""
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr(MEMBER, data)
        zf.comment = b" " * padding
    plain = package.getvalue()
    return plain if len(plain) >= MIN_PACKAGE else _package(data, MIN_PACKAGE - len(plain))


def _refuse(name: str, zh: str, en: str) -> UserError:
    return UserError(t("“{}”不是有效的报告包：{}", '"{}" is not a valid report bundle: {}').format(name, t(zh, en)))


def _json_text(plain: bytes, name: str) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(plain)) as zf:
            infos = zf.infolist()
            if len(infos) != 2 or MEMBER not in zf.namelist():
                raise _refuse(name, "内容不是报告包", "its content is not a report bundle")
            info = zf.getinfo(MEMBER)
            if info.file_size > MAX_JSON:
                raise _refuse(name, "内容过大", "its content is too large")
            with zf.open(info) as member:  # read at most the bound: a member's stated size can lie
                data = member.read(MAX_JSON + 1)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise _refuse(name, "文件已损坏", "the file is damaged") from None
    if len(data) > MAX_JSON:
        raise _refuse(name, "内容过大", "its content is too large")
    return data


def _depth_ok(text: str) -> bool:
    """Bracket nesting at most MAX_DEPTH (strings skipped), checked before json.loads recurses."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            escaped, in_string = (False, True) if escaped else (ch == "\\", ch != '"')
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def _parse(data: bytes, name: str) -> dict[str, object]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse(name, "内容不是 UTF-8 文本", "its content is not UTF-8 text") from None
    if not _depth_ok(text):
        raise _refuse(name, "内容嵌套过深", "its content is nested too deeply")
    try:
        loaded = json.loads(text)
    except (ValueError, RecursionError):
        raise _refuse(name, "内容不是有效的 JSON", "its content is not valid JSON") from None
    if not isinstance(loaded, dict) or loaded.get("format") != FORMAT:
        raise _refuse(name, "内容不是报告包", "its content is not a report bundle")
    return loaded


def read_bundle(path: str | Path, password: str) -> ReportBundle:
    """Decrypt (in memory) and check a bundle. Wrong password, damaged or truncated file, another
    format or version, oversize content: one UserError naming the file."""
    name = Path(path).name
    raw = read_user_bytes(Path(path))
    if len(raw) > MAX_FILE:
        raise _refuse(name, "文件过大", "the file is too large")
    if not is_encrypted_ooxml(raw):
        raise _refuse(
            name,
            "文件没有加密或已损坏（报告包总是有密码的）",
            "it is not encrypted or is damaged (bundles always have a password)",
        )
    loaded = _parse(_json_text(decrypt_xlsx(raw, password, name), name), name)
    version = loaded.get("version")
    if version != VERSION:
        raise UserError(
            t(
                "“{}”是第 {} 版的报告包，本程序只能读取第 {} 版：请升级程序或让对方重新导出",
                '"{}" is a version {} report bundle; this program reads version {}: update it or ask for a new export',
            ).format(name, str(version)[:10], VERSION)
        )
    reports = loaded.get("reports")
    named = loaded.get("named")
    if not isinstance(reports, list) or not reports or len(reports) > MAX_REPORTS or not isinstance(named, bool):
        raise _refuse(name, "报告列表无效", "its list of reports is invalid")
    try:
        head = {key: loaded.get(key) for key in ("rm_name", "branch", "exported_at")}
        if not all(isinstance(v, str) and len(v) <= MAX_TEXT for v in head.values()):
            raise ValueError
        exported = dt.datetime.fromisoformat(str(head["exported_at"]))
        parsed = [report_from_dict(r, f"reports[{k}]") for k, r in enumerate(reports)]
    except ValueError:
        raise _refuse(name, "报告包的抬头无效", "its header is invalid") from None
    except UserError as exc:
        raise UserError(t("“{}”：{}", '"{}": {}').format(name, exc)) from None
    return ReportBundle(
        name,
        str(head["rm_name"]),
        str(head["branch"]),
        exported,
        named,
        tuple(r if named else counts_only(r) for r in parsed),
    )
