"""The self-test's checks that need no Qt: a throwaway vault, a client written and read back, the
schema at the migration head, and the data files that libraries read at run time.

``rm-desktop --self-test`` runs these and the GUI checks of ``rm_desktop/ui/shell/selftest.py``, one
printed line per check. They exist mostly for the frozen bundle: a data file PyInstaller did not
collect (a migration script, stdnum's region table, a keyring entry point) fails only when it is
first used, which on an office PC would be in front of the RM. Everything happens in a temporary
folder; the OS keyring is never read or written.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rm_desktop.i18n import t
from rm_desktop.security.keystore import NoKeyStore

if TYPE_CHECKING:
    from rm_desktop.services.vault.lifecycle import Vault

Check = Callable[[], str]  # returns a short detail; raises when the check fails

# A synthetic client: the resident ID is the well-known specimen number (valid check digit).
SAMPLE_NAME = "单田芳"
SAMPLE_ID = "11010519491231002X"
SAMPLE_AUM = Decimal("1234567.89")
SQLITE_PLAIN_MAGIC = b"SQLite format 3\x00"
# keyring finds its backends through entry points; the frozen app needs keyring's metadata.
KEYRING_BACKENDS = {"win32": "Windows", "darwin": "macOS"}


class CheckFailed(Exception):
    """A check found a wrong value (as opposed to crashing)."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def run_checks(checks: Iterable[tuple[str, Check]], emit: Callable[[str], None]) -> bool:
    """Run every check (a failure does not stop the others); one line each; True if all passed."""
    passed = failed = 0
    for name, check in checks:
        try:
            detail = check()
        except Exception as exc:  # noqa: BLE001 - each failure is reported, then the next check runs
            failed += 1
            emit(f"FAIL {name}: {type(exc).__name__}: {exc}")
        else:
            passed += 1
            emit(f"ok   {name}: {detail}")
    if failed:
        emit(
            t("自检失败：{} 项中有 {} 项未通过。", "self-test FAILED: {1} of {0} checks failed.").format(
                passed + failed, failed
            )
        )
    else:
        emit(t("自检通过（{} 项）。", "self-test passed ({} checks).").format(passed))
    return failed == 0


class CoreChecks:
    """The Qt-free checks, sharing one temporary vault (``vault`` is left open for the GUI checks)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="rm-desktop-selftest-"))
        self.root = self.folder / "vault"
        self.vault: Vault | None = None

    def checks(self) -> list[tuple[str, Check]]:
        return [
            ("vault", self.check_vault),
            ("encryption", self.check_encryption),
            ("migrations", self.check_migrations),
            ("client", self.check_client),
            ("id-regions", check_id_regions),
            ("phone-carriers", check_phone_carriers),
            ("pinyin", check_pinyin),
            ("lunar", check_lunar),
            ("builtin-scripts", check_builtin_scripts),
            ("keyring-backends", check_keyring_backends),
        ]

    def check_vault(self) -> str:
        from rm_desktop.services.vault import lifecycle as vs

        password = secrets.token_urlsafe(12)
        # The real Argon2id cost on purpose: the frozen cryptography build must manage it.
        vs.create_vault(self.root, password, remember=False, keystore=NoKeyStore()).lock()
        self.vault = vs.unlock(self.root, password, remember=False, keystore=NoKeyStore(), backup=True)
        expect(vs.latest_backup(self.root) is not None, t("解锁时没有写出备份", "no backup written at unlock"))
        return t(
            "已创建、锁定，并用主密码重新解锁；已写出备份",
            "created, locked, unlocked with the password; backup written",
        )

    def _open_vault(self):
        expect(self.vault is not None, t("档案库未打开", "the vault is not open"))
        return self.vault

    def check_encryption(self) -> str:
        vault = self._open_vault()
        with vault.paths.db.open("rb") as fh:
            head = fh.read(len(SQLITE_PLAIN_MAGIC))
        expect(head != SQLITE_PLAIN_MAGIC, t("数据库文件是明文 SQLite", "the database file is plain SQLite"))
        with vault.engine.connect() as conn:
            version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
        expect(bool(version), t("驱动不是 SQLCipher", "the driver is not SQLCipher"))
        return f"SQLCipher {version}"

    def check_migrations(self) -> str:
        from rm_desktop.storage import migrate

        vault = self._open_vault()
        head, current = migrate.head_revision(), migrate.current_revision(vault.engine)
        expect(current == head, t("数据库版本 {} 不是最新 {}", "schema at {} instead of head {}").format(current, head))
        scripts = sorted(Path(migrate.SCRIPT_LOCATION, "versions").glob("*.py"))
        return t("已升级到 {}（{} 个迁移脚本）", "upgraded to head {} ({} scripts)").format(head, len(scripts))

    def check_client(self) -> str:
        from rm_desktop.domain.pinyin import name_search_keys
        from rm_desktop.storage.models import Client

        vault = self._open_vault()
        full, initials = name_search_keys(SAMPLE_NAME)
        birth = dt.date(1949, 12, 31)
        with vault.sessions.begin() as session:
            client = Client(
                name=SAMPLE_NAME,
                id_number=SAMPLE_ID,
                birth_date=birth,
                aum=SAMPLE_AUM,
                name_pinyin=full,
                name_initials=initials,
            )
            session.add(client)
            session.flush()
            client_id = client.id
        with vault.sessions() as session:  # a fresh session: the row comes from the database
            back = session.get(Client, client_id)
            got = (back.name, back.id_number, back.birth_date, back.aum)
        expect(
            got == (SAMPLE_NAME, SAMPLE_ID, birth, SAMPLE_AUM),
            t("读回的客户不一致：{}", "the client read back differs: {}").format(got),
        )
        return t("写入并读回客户 #{}（金额 {}）", "wrote and read back client #{} (AUM {})").format(client_id, back.aum)

    def close(self) -> None:
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
        shutil.rmtree(self.folder, ignore_errors=True)


def check_id_regions() -> str:
    from rm_desktop.domain.identity import parse_resident_id, region_name

    info = parse_resident_id(SAMPLE_ID)
    region = region_name(SAMPLE_ID[:6])
    expect("北京" in region, t("stdnum 地区表不可用：{!r}", "stdnum's region table is missing: {!r}").format(region))
    expect(info.birth_date == dt.date(1949, 12, 31), repr(info.birth_date))
    return region


def check_phone_carriers() -> str:
    from rm_desktop.domain.phones import normalize_phone, phone_carrier

    name = phone_carrier(normalize_phone("13800138000"))
    expect(bool(name), t("phonenumbers 运营商数据缺失", "phonenumbers' carrier data is missing"))
    return name or ""


def check_pinyin() -> str:
    from rm_desktop.domain.pinyin import name_search_keys

    full, initials = name_search_keys(SAMPLE_NAME)
    expect(full.split()[0] == "shantianfang", repr(full))
    return f"{SAMPLE_NAME} → {full} / {initials}"


def check_lunar() -> str:
    from lunar_python import Solar

    lunar = Solar.fromYmd(2025, 1, 29).getLunar()
    expect((lunar.getMonth(), lunar.getDay()) == (1, 1), repr((lunar.getMonth(), lunar.getDay())))
    return f"2025-01-29 {lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


def check_builtin_scripts() -> str:
    from rm_desktop.domain.scripts.builtin import builtin_scripts

    count = len(builtin_scripts())
    expect(count > 0, t("没有内置话术", "no built-in scripts"))
    return t("{} 条内置话术", "{} built-in scripts").format(count)


def check_keyring_backends() -> str:
    """The backend for this OS must be registered and importable; its store is never touched.

    On Windows it must also be the one in use, keeping keys machine-local (not roaming)."""
    points = {ep.name: ep for ep in importlib.metadata.entry_points(group="keyring.backends")}
    wanted = KEYRING_BACKENDS.get(sys.platform, "SecretService")
    expect(
        wanted in points,
        t("keyring 找不到后端 {}（入口点：{}）", "keyring has no {} backend (entry points: {})").format(
            wanted, ", ".join(sorted(points)) or "-"
        ),
    )
    points[wanted].load()
    detail = t("{} 个后端，本机使用 {}", "{} backends, {} for this OS").format(len(points), wanted)
    if sys.platform == "win32":
        detail += "; " + _check_windows_keyring()
    return detail


def _check_windows_keyring() -> str:
    import keyring

    from rm_desktop.security import keystore

    keystore.configure_backend()
    backend = keyring.get_keyring()  # chosen, not discovered: no store is read or written
    name = type(backend).__name__
    override = os.environ.get(keystore.OVERRIDE_ENV)
    if override and not isinstance(backend, keystore.windows_backend_class()):
        return t("已由 {} 指定为 {}", "set to {1} by {0}").format(keystore.OVERRIDE_ENV, name)
    expect(
        isinstance(backend, keystore.windows_backend_class()),
        t(
            "正在使用的钥匙串后端是 {}，不是 Windows 凭据管理器", "the keyring in use is {}, not Credential Manager"
        ).format(name),
    )
    persist = getattr(backend, "persist", None)
    expect(
        persist == keystore.CRED_PERSIST_LOCAL_MACHINE,
        t("凭据保存方式为 {}，不是仅限本机", "credentials persist as {}, not local machine").format(persist),
    )
    return t("{}，仅限本机", "{}, local machine").format(name)
