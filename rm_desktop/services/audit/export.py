"""``audit export FILE``: the whole log (this vault's chain and the received ones) as an
encrypted workbook, like a handover (ECMA-376 agile AES-256, the one file-password rule), with a
校验 sheet giving each chain's verdict and this vault's latest hash. The export is itself an
audit entry, written in the same transaction as the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rm_desktop.i18n import t
from rm_desktop.io.office_crypto import encrypt_xlsx
from rm_desktop.io.xlsx_safe import new_book
from rm_desktop.services.audit.actions import label
from rm_desktop.services.audit.reading import entries, latest_hash, verify, verify_received
from rm_desktop.services.exchange import layout as lay
from rm_desktop.services.exchange.exporting import add_sheet, book_bytes, check_file_password
from rm_desktop.services.export_controls import register as export_register
from rm_desktop.services.export_controls.purposes import ExportControl
from rm_desktop.services.settings import policy_rules
from rm_desktop.storage.atomic import atomic_write_bytes
from rm_desktop.storage.handle import VaultHandle

LOG_SHEET, CHECK_SHEET = "审计日志", "校验"
LOG_COLUMNS = (
    lay.Column("序号", "seq"),
    lay.Column("时间(UTC)", "at", True),
    lay.Column("操作代码", "action"),
    lay.Column("操作", "label"),
    lay.Column("对象", "object"),
    lay.Column("计数", "counts", True),
    lay.Column("来源", "origin"),
    lay.Column("前一哈希", "prev_hash", True),
    lay.Column("哈希", "hash", True),
)
CHECK_COLUMNS = (lay.Column("项目", "item"), lay.Column("数值", "value", True))


def check_password(password: str, again: str | None = None) -> None:
    check_file_password(password, again, t("审计日志文件密码", "the audit log file password"))


def export_log(
    vault: VaultHandle, path: str | Path, password: str, *, control: ExportControl | None = None
) -> dict[str, Any]:
    """Write the encrypted audit log file; returns its entry count, verdict, latest hash and
    register id. The log names clients only masked: the register counts no client fields."""
    import json

    policy_rules.check_export("audit", vault, encrypted=True)
    check_password(password)
    rows = entries(vault, limit=None)
    table = [
        [
            e.seq,
            e.at,
            e.action,
            label(e.action),
            e.object,
            json.dumps(e.counts, ensure_ascii=False),
            e.origin,
            e.prev_hash,
            e.hash,
        ]
        for e in reversed(rows)
    ]
    verdict = verify(vault)
    checks = [["本机链条", verdict.message()], ["最新哈希", latest_hash(vault)], ["记录数", str(len(rows))]]
    checks += [[f"接收自 {sender}", result.message()] for sender, result in verify_received(vault).items()]
    # Registered, marked (the 校验 sheet names the purpose and the register id) and audited in
    # one transaction: a failed write leaves no register row.
    with export_register.recorded_export(
        vault, "audit", control, "export_audit", fields=(), clients=0, file=Path(path).name, rows=len(rows)
    ) as mark:
        book = new_book()
        add_sheet(book, LOG_SHEET, LOG_COLUMNS, table)
        marked = [*checks, ["导出说明", mark.visible], ["导出登记", mark.hidden]]
        add_sheet(book, CHECK_SHEET, CHECK_COLUMNS, marked)
        book.properties.identifier = mark.hidden
        atomic_write_bytes(Path(path), encrypt_xlsx(book_bytes(book), password))
    return {"entries": len(rows), "ok": verdict.ok, "latest_hash": latest_hash(vault), "register": mark.register_id}
