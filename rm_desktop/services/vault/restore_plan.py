"""What a restore replaces with what, said before it runs (the CLI's output before its question,
the GUI's confirmation): the backup (date, clients, vault id), the state it replaces (clients, last
change), another vault's backup as such, and the password that opens the vault afterwards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rm_desktop.i18n import t


@dataclass(frozen=True)
class RestorePlan:
    """What a restore replaces with what. Counts are None where they cannot be read (no key at
    hand for the current state, or its pages are damaged)."""

    backup: Path
    made: dt.datetime
    backup_vault_id: str
    backup_clients: int
    current_vault_id: str | None
    current_clients: int | None
    current_changed: dt.datetime | None
    keeps_password: bool  # the current password opens the restored vault (same key as now)

    @property
    def other_vault(self) -> bool:
        return self.current_vault_id is not None and self.backup_vault_id != self.current_vault_id

    def lines(self) -> list[str]:
        unknown = t("未知（需要当前的密钥）", "unknown (needs the current key)")
        current = unknown if self.current_clients is None else str(self.current_clients)
        lines = [
            t("备份：{}（{} 制作，{} 位客户）", "Backup: {} (made {}, {} clients)").format(
                self.backup.name, f"{self.made:%Y-%m-%d %H:%M}", self.backup_clients
            ),
            t(
                "将替换当前数据：{} 位客户，最后修改于 {}", "It replaces the current data: {} clients, last changed {}"
            ).format(current, f"{self.current_changed:%Y-%m-%d %H:%M}")
            if self.current_changed
            else t("当前没有数据库文件，无可替换的数据。", "There is no database file now: nothing is replaced."),
        ]
        if self.other_vault:
            lines.append(
                t(
                    "注意：这是另一个档案库的备份（档案库编号 {}；本档案库为 {}）。",
                    "Note: this is a backup of another vault (vault id {}; this vault is {}).",
                ).format(self.backup_vault_id, self.current_vault_id)
            )
        lines.append(
            t("恢复后仍使用当前的主密码解锁。", "Afterwards the current master password opens the vault.")
            if self.keeps_password
            else t(
                "恢复后需使用该备份制作时（{}）有效的主密码解锁，即刚才输入、打开了此备份的密码。",
                "Afterwards the vault opens with the master password valid when the backup was made ({}): "
                "the one just entered, which opened this backup.",
            ).format(f"{self.made:%Y-%m-%d}")
        )
        lines.append(t("当前数据会先另存为一份备份。", "The current data is first saved as one more backup."))
        return lines
