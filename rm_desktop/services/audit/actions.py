"""Every action the audit log records, with its label in both languages: the one list the
services write, the CLI validates ``--action`` against and the 审计日志 page filters by."""

from __future__ import annotations

from rm_desktop.domain.errors import UserError
from rm_desktop.i18n import t

# code → (zh, en). Codes are stored in the log: never rename one, only add.
ACTIONS: dict[str, tuple[str, str]] = {
    "unlock": ("解锁", "Unlock"),
    "lock": ("锁定", "Lock"),
    "password_change": ("修改主密码", "Password change"),
    "rekey": ("更换数据库密钥", "Re-key"),
    "restore": ("从备份恢复", "Restore"),
    "import": ("导入", "Import"),
    "export_archive": ("导出档案", "Archive export"),
    "export_list": ("导出名单", "List export"),
    "export_plan_pdf": ("导出规划PDF", "Plan PDF export"),
    "export_ics": ("导出日历", "Calendar export"),
    "export_audit": ("导出审计日志", "Audit log export"),
    "handover_out": ("移交导出", "Handover out"),
    "handover_in": ("移交接收", "Handover in"),
    "client_trash": ("删除到回收站", "Client to trash"),
    "client_restore": ("从回收站恢复", "Client restored from trash"),
    "trash_empty": ("清空回收站", "Trash emptied"),
    "search": ("搜索", "Search"),
    "copy": ("复制到剪贴板", "Copy to clipboard"),
    "print": ("打印", "Print"),
    "settings_change": ("修改设置", "Settings change"),
    "export_person": ("导出本人数据", "Personal data export"),
    "export_report": ("导出报告", "Report export"),  # services/report_outputs, with its register id
    "anonymise": ("匿名化客户", "Clients anonymised"),
    "retention_delete": ("到期删除客户", "Clients deleted past retention"),
    "trash_auto_empty": ("自动清空回收站", "Trash emptied automatically"),
    "backup_expire": ("删除过期备份", "Expired backups deleted"),
    "deletion_receipt": ("导出删除回执", "Deletion receipt export"),
    "consent_change": ("修改同意", "Consent change"),  # services/consent: which fields, never their values
    "reveal": ("查看完整信息", "Reveal"),  # a full ID, phone or balance shown, with the reason (services/reveals)
    "retention_records_delete": ("到期删除记录", "Records deleted past retention"),  # services/privacy/records
    "audit_prune": ("清理到期审计记录", "Audit log pruned past retention"),  # the pruned-through anchor
}

# The export actions: every one is written where its file is (tests/services/audit/
# test_audit_exports drives each). A new action whose entry names a file leaving the vault
# belongs here: the person's copy, the report files (PDF, xlsx, bundle, summary) and the
# deletion receipt (counts only, but a file all the same) too.
EXPORTS = (
    "export_archive",
    "export_list",
    "export_plan_pdf",
    "export_ics",
    "export_audit",
    "handover_out",
    "export_person",
    "export_report",
    "deletion_receipt",
)

# The keys an entry's counts hold (services/audit/log.canonical_counts) → (zh, en): the names
# the CLI's plain ``audit list`` prints them by, in this order; a newer version's key as is.
COUNT_LABELS: dict[str, tuple[str, str]] = {
    "clients": ("客户数", "clients"),
    "rows": ("行数", "rows"),
    "fields": ("字段", "fields"),
    "kind": ("类型", "kind"),
    "file": ("文件", "file"),
    "register": ("导出登记号", "register"),
    "reason": ("原因", "reason"),
    "note": ("说明", "note"),
    "anchor": ("对方审计链", "sender chain"),
}


def counts_line(counts: dict[str, object]) -> str:
    """An entry's counts as ``key=value`` pairs (a list joined by commas, a value with a space
    quoted so the pairs still split on spaces)."""
    order = [k for k in COUNT_LABELS if k in counts] + sorted(k for k in counts if k not in COUNT_LABELS)
    pairs = []
    for key in order:
        value = counts[key]
        text = ",".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)
        if not text or any(c.isspace() for c in text) or '"' in text:
            text = '"' + text.replace('"', '\\"') + '"'
        pairs.append(f"{t(*COUNT_LABELS[key]) if key in COUNT_LABELS else key}={text}")
    return " ".join(pairs)


def label(code: str) -> str:
    """The action's label in the current language; an unknown code (a newer version's) as is."""
    zh_en = ACTIONS.get(code)
    return code if zh_en is None else t(*zh_en)


def check_action(code: str) -> str:
    """``code`` if it is one of ACTIONS, else a UserError listing them (CLI ``--action``)."""
    if code not in ACTIONS:
        raise UserError(
            t("未知的审计操作“{}”，可选：{}", 'unknown audit action "{}"; one of: {}').format(code, ", ".join(ACTIONS))
        )
    return code
