"""Typed settings kept inside the encrypted vault (one registry, one table).

QSettings is plaintext on disk, so it holds only window state (geometry, the UI language, the vault
folder, the file dialogs' last folders); everything else, including anything that could identify a
client or the RM's book, lives here.
Each setting declares its type, default and bounds; unknown keys are refused.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rm_desktop.domain.errors import ValidationError
from rm_desktop.i18n import t
from rm_desktop.services.audit import log as audit_log
from rm_desktop.services.settings import policy_rules

if TYPE_CHECKING:  # a read runs on the driver, with SQLAlchemy not loaded on the CLI's list (issue 19.2)
    from sqlalchemy.orm import Session, sessionmaker


@dataclass(frozen=True)
class SettingDef:
    key: str
    default: Any
    kind: type
    label_zh: str
    label_en: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple | None = None
    # For structured values: turns the value into its stored form or raises ValidationError.
    normalize: Callable[[Any], Any] | None = None
    # Runs in the same transaction as the write (e.g. re-tiering clients when the tiers change).
    after_set: Callable[[Session, Any], None] | None = None

    def label(self) -> str:
        return t(self.label_zh, self.label_en)

    def coerce(self, value: Any) -> Any:
        if self.normalize is not None:
            return self.normalize(value)
        try:
            if self.kind is bool and isinstance(value, str):
                value = value.strip().lower() in ("1", "true", "yes", "on", "是")
            value = self.kind(value)
        except (TypeError, ValueError):
            raise ValidationError(
                self.key, t("{} 的值无效：{}", "Invalid value for {}: {}").format(self.label(), value)
            ) from None
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise ValidationError(
                self.key,
                t("{} 应在 {} 到 {} 之间", "{} must be between {} and {}").format(
                    self.label(), self.minimum, self.maximum
                ),
            )
        if self.choices is not None and value not in self.choices:
            raise ValidationError(
                self.key,
                t("{} 只能是：{}", "{} must be one of: {}").format(self.label(), " / ".join(map(str, self.choices))),
            )
        return value


class FolderPath(str):
    """A folder as typed, or empty for none: surrounding spaces and quotes (Explorer's "copy as
    path") dropped, ``~`` expanded; a relative path is refused (it would depend on where the app
    was started)."""

    def __new__(cls, value: object = "") -> FolderPath:
        text = str(value).strip().strip('"').strip()
        if text and not os.path.isabs(os.path.expanduser(text)):
            raise ValueError(value)
        return super().__new__(cls, os.path.expanduser(text) if text else "")


# The vault's own settings: defined with nothing but this package.
_VAULT_SETTINGS = (
    SettingDef("idle_lock_minutes", 10, int, "空闲自动锁定（分钟）", "Lock after idle (minutes)", 1, 240),
    SettingDef("backups_kept", 10, int, "保留备份份数", "Backups to keep", 1, 100),
    # Retention (issue 18.5, services/privacy/retention): the IT policy's retention days win.
    SettingDef(
        "retention_client_days",
        1825,
        int,
        "客户关系结束后保留（天）",
        "Keep after the relationship ends (days)",
        1,
        36500,
    ),
    # The records of an ended relationship: listed in 到期保留 once past these (services/privacy/records).
    SettingDef(
        "retention_contact_days",
        1825,
        int,
        "往来记录保留（关系结束后，天）",
        "Keep contacts after it ends (days)",
        1,
        36500,
    ),
    SettingDef(
        "retention_plan_days",
        1825,
        int,
        "理财规划保留（关系结束后，天）",
        "Keep plans after it ends (days)",
        1,
        36500,
    ),
    SettingDef(
        "retention_complaint_days",
        1825,
        int,
        "投诉记录保留（关系结束后，天）",
        "Keep complaints after it ends (days)",
        1,
        36500,
    ),
    SettingDef("trash_empty_days", 30, int, "回收站自动清空（天）", "Empty the trash after (days)", 1, 36500),
    # Older entries are pruned at housekeeping behind an anchor (services/audit/reading.prune).
    SettingDef(
        "audit_retention_days", 3650, int, "审计日志保留（天）", "Keep audit log entries for (days)", 365, 36500
    ),
    SettingDef("backup_retention_days", 365, int, "备份最长保留（天）", "Delete backups older than (days)", 1, 36500),
    # Issue 18.2 (reveal with a reason) reads it; the IT policy may fix it (policy_rules).
    SettingDef(
        policy_rules.REVEAL_KEY,
        policy_rules.REVEAL_DEFAULT,
        str,
        "查看完整证件号、电话、资产时询问原因",
        "Ask the reason to reveal a full ID, phone or balance",
        choices=("always", "once_per_session", "never"),
    ),
    # A copy of each backup elsewhere (a USB stick, a network drive): not the vault itself,
    # which must stay on a local disk (services/vault/paths.location_warning).
    SettingDef(
        "backup_second_folder",
        "",
        FolderPath,
        "第二备份文件夹（每份备份另存一份，留空则不复制）",
        "Second backup folder (each backup is also copied there; empty for none)",
    ),
    SettingDef("backup_second_kept", 10, int, "第二备份文件夹保留份数", "Backups to keep there", 1, 100),
    SettingDef("clipboard_clear_seconds", 30, int, "剪贴板自动清除（秒）", "Clear clipboard after (seconds)", 5, 600),
    SettingDef("amount_unit", "万元", str, "金额单位", "Amount unit", choices=("元", "万元")),
)


def _area_settings() -> tuple[SettingDef, ...]:
    """The areas' settings, each with its area's parsers: imported on the first look-up of one
    of these keys or of the whole list (~45 ms of imports a CLI command reading only the
    vault's own settings never needs, issue 19.2)."""
    from rm_desktop.domain.reports import kpis as report_kpis
    from rm_desktop.services.clients import tiers as tier_settings
    from rm_desktop.services.complaints import settings as complaint_settings
    from rm_desktop.services.exchange import layout as exchange_layout
    from rm_desktop.services.reminders import settings as reminder_settings
    from rm_desktop.services.sales import settings as sales_settings
    from rm_desktop.services.settings import profile as rm_profile
    from rm_desktop.services.worklist import settings as worklist_settings

    return (
        # -- the RM's profile (issue 14.2): each checked by its one parser in services/settings/profile.py
        SettingDef("rm_name", "", str, "客户经理姓名", "RM name", normalize=rm_profile.BY_KEY["rm_name"].check),
        SettingDef("rm_phone", "", str, "客户经理电话", "RM phone", normalize=rm_profile.BY_KEY["rm_phone"].check),
        SettingDef("branch_name", "", str, "网点名称", "Branch name", normalize=rm_profile.BY_KEY["branch_name"].check),
        SettingDef("rm_title", "", str, "客户经理职务", "RM title", normalize=rm_profile.BY_KEY["rm_title"].check),
        SettingDef(
            "tiers",
            tier_settings.DEFAULT_TIERS_JSON,
            list,
            "客户分层标准",
            "Client tiers",
            normalize=tier_settings.normalize_tiers,
            after_set=tier_settings.apply_tiers,
        ),
        # -- reminders (issue 5): text kinds check themselves, see services/reminders/settings.py
        SettingDef(
            "reminder_maturity_offsets",
            reminder_settings.DEFAULT_MATURITY_OFFSETS,
            reminder_settings.DayOffsets,
            "产品到期提前提醒（天，逗号分隔）",
            "Maturity notices (days before, comma-separated)",
        ),
        SettingDef("reminder_red_after_days", 7, int, "逾期多少天后标红", "Overdue turns red after (days)", 1, 90),
        SettingDef(
            "reminder_festival_lead_days", 3, int, "节日问候提前（天）", "Festival greetings ahead (days)", 0, 30
        ),
        SettingDef(
            "reminder_festival_min_tier",
            reminder_settings.DEFAULT_GREETING_TIER,
            reminder_settings.TierCode,
            "节日问候名单起始层级",
            "Festival greeting list from tier",
        ),
        SettingDef(
            "reminder_notify_times",
            reminder_settings.DEFAULT_NOTIFY_TIMES,
            reminder_settings.ClockTimes,
            "提醒通知时间（逗号分隔，如 09:00,14:00）",
            "Reminder notification times (e.g. 09:00,14:00)",
        ),
        # Off: notifications say counts only. Windows keeps them in the notification center,
        # readable after the vault locks, so naming clients there is the user's choice.
        SettingDef(
            "reminder_notify_names",
            False,
            bool,
            "提醒通知中显示客户姓名（锁定后仍留在系统通知中心）",
            "Name clients in reminder notifications (they stay in the system's notification list after locking)",
        ),
        # -- worklist and churn signals (issue 15): weights refuse 0 and below, see services/worklist/settings.py
        SettingDef(
            "worklist_capacity",
            8,
            int,
            "每日工作清单条数（计划联系客户数）",
            "Daily plan size (clients to contact)",
            1,
            50,
        ),
        SettingDef(
            "worklist_kind_weights",
            worklist_settings.DEFAULT_KIND_WEIGHTS,
            worklist_settings.KindWeights,
            "工作清单事项权重（类别:权重，逗号分隔）",
            "Worklist kind weights (kind:weight, comma-separated)",
        ),
        SettingDef(
            "worklist_tier_weights",
            worklist_settings.DEFAULT_TIER_WEIGHTS,
            worklist_settings.TierWeights,
            "工作清单层级权重（层级代码:权重）",
            "Worklist tier weights (tier code:weight)",
        ),
        SettingDef(
            "worklist_outcome_days",
            90,
            int,
            "到期后询问资金去向的天数",
            "Ask for a maturity's outcome for (days)",
            7,
            730,
        ),
        SettingDef(
            "churn_aum_drop_percent", 30, int, "流失预警：资产下降达（%）", "Churn: AUM drop of at least (%)", 1, 100
        ),
        SettingDef("churn_lookback_days", 90, int, "流失预警：对比多少天前", "Churn: compare with (days ago)", 7, 730),
        SettingDef(
            "churn_no_contact_factor",
            1.5,
            float,
            "流失预警：未联系超过联系周期的倍数",
            "Churn: no contact for more than (× cadence)",
            1,
            10,
        ),
        SettingDef(
            "churn_lost_reasons",
            worklist_settings.DEFAULT_LOST_REASONS,
            worklist_settings.LostReasons,
            "客户流失原因（逗号分隔）",
            "Reasons a client is lost (comma-separated)",
        ),
        # -- complaints (issue 16.3): the follow-up deadline, fixed on each complaint at receipt
        SettingDef(
            complaint_settings.DEADLINE_KEY,
            48,
            int,
            "投诉回访时限（小时）",
            "Complaint follow-up deadline (hours)",
            complaint_settings.MIN_HOURS,
            complaint_settings.MAX_HOURS,
        ),
        # -- sales (issue 16): the pipeline board's per-stage probabilities, see services/sales/settings.py
        SettingDef(
            sales_settings.KEY,
            sales_settings.DEFAULT_STAGE_PROBABILITIES,
            sales_settings.StageProbabilities,
            "商机各阶段成交概率（阶段:百分比）",
            "Win chance by stage (stage:%)",
        ),
        # -- reports (issue 17.2): KPI targets, one parser in domain/reports/kpis
        SettingDef(
            report_kpis.FIELD,
            {},
            dict,
            "报告指标目标（指标=目标，逗号分隔）",
            "Report KPI targets (KPI=target, comma-separated)",
            normalize=report_kpis.normalize_targets,
        ),
        # -- exchange (issue 4): saved import column mappings, header signature → mapping JSON
        SettingDef(
            "import_mappings",
            {},
            dict,
            "已保存的导入列映射",
            "Saved import column mappings",
            normalize=exchange_layout.normalize_mappings,
        ),
    )


class _Registry(Mapping[str, SettingDef]):
    """Every setting by key, in the order above (the vault's own first, then the areas'); the
    areas' definitions are made on the first look-up of a key not among the vault's own, or on
    the first listing. An unknown key is refused only once every definition is made."""

    def __init__(self, ready: tuple[SettingDef, ...], later: Callable[[], tuple[SettingDef, ...]]):
        self._defs = {d.key: d for d in ready}
        self._later: Callable[[], tuple[SettingDef, ...]] | None = later
        self._lock = threading.Lock()  # the GUI's threads may make them at the same moment

    def _complete(self) -> dict[str, SettingDef]:
        if self._later is not None:
            with self._lock:
                if self._later is not None:
                    self._defs.update((d.key, d) for d in self._later())
                    self._later = None
        return self._defs

    def __getitem__(self, key: str) -> SettingDef:
        found = self._defs.get(key)
        return found if found is not None else self._complete()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._complete())

    def __len__(self) -> int:
        return len(self._complete())


REGISTRY: Mapping[str, SettingDef] = _Registry(_VAULT_SETTINGS, _area_settings)


_READ = "SELECT value FROM settings WHERE key = ?"


class Settings:
    """Read and write typed settings through short-lived sessions on the vault."""

    def __init__(self, session_factory: sessionmaker[Session]):
        self._sessions = session_factory

    def get(self, key: str) -> Any:
        definition = REGISTRY[key]
        # The driver's SQL, not session.get(Setting): the first ORM statement configures every
        # mapper (~20 ms), which a CLI command that only reads settings never needs (issue 19.2);
        # a session on the bare driver (services/vault/driver_vault) offers the same call.
        with self._sessions() as session:
            stored = session.connection().exec_driver_sql(_READ, (key,)).scalar()
        value = definition.default
        if stored is not None:
            try:
                value = definition.coerce(json.loads(stored))
            except (ValueError, ValidationError):
                pass  # a value from an older build that no longer fits: the default
        return policy_rules.effective(key, value)  # the IT policy wins over what the vault says

    def set(self, key: str, value: Any) -> Any:
        if key not in REGISTRY:
            raise ValidationError(key, t("没有这个设置项", "No such setting"))
        definition = REGISTRY[key]
        value = definition.coerce(value)
        if not policy_rules.check_set(key, value, definition.label()):
            return value  # the policy's own value: nothing to store
        from rm_desktop.storage.models import Setting

        with self._sessions.begin() as session:
            session.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
            if definition.after_set is not None:
                definition.after_set(session, value)
            audit_log.record(session, "settings_change", object=f"setting:{key}")  # the key, never the value
        return value

    def all(self) -> dict[str, Any]:
        return {key: self.get(key) for key in REGISTRY}
