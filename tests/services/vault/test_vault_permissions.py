"""The vault folder is its owner's only: mode 0700, and on Windows, outside the user's profile, a
protected DACL for the user and SYSTEM set through advapi32 (faked here at the ctypes calls)."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from rm_desktop.services.vault import lifecycle as vs
from rm_desktop.services.vault import permissions
from tests.conftest import FAST_KDF, PASSWORD

USER_SID = "S-1-5-21-1111-2222-3333-1001"


class FakeWindows:
    """advapi32 and kernel32 as far as permissions.py calls them; records every call."""

    def __init__(self, set_result: int = 0):
        self.calls: list[tuple[Any, ...]] = []
        self.set_result = set_result

    def dll(self, name: str) -> Any:
        fake = self

        class Dll:
            pass

        dll = Dll()
        for function in (
            "GetCurrentProcess",
            "OpenProcessToken",
            "GetTokenInformation",
            "ConvertSidToStringSidW",
            "LocalFree",
            "CloseHandle",
            "ConvertStringSecurityDescriptorToSecurityDescriptorW",
            "GetSecurityDescriptorDacl",
            "SetNamedSecurityInfoW",
        ):
            setattr(dll, function, _plain(getattr(fake, function)))
        return dll

    # kernel32
    def GetCurrentProcess(self) -> int:
        return -1

    def LocalFree(self, pointer: Any) -> None:
        self.calls.append(("LocalFree",))

    def CloseHandle(self, handle: Any) -> int:
        self.calls.append(("CloseHandle",))
        return 1

    # advapi32: the user's SID
    def OpenProcessToken(self, process: Any, access: int, token: Any) -> int:
        token._obj.value = 42
        return 1

    def GetTokenInformation(self, token: Any, kind: int, buffer: Any, size: Any, needed: Any) -> int:
        needed._obj.value = 16
        return 0 if buffer is None else 1

    def ConvertSidToStringSidW(self, sid: Any, text: Any) -> int:
        text._obj.value = USER_SID
        return 1

    # advapi32: the DACL
    def ConvertStringSecurityDescriptorToSecurityDescriptorW(self, sddl: str, revision: int, sd: Any, size: Any) -> int:
        self.calls.append(("Convert", sddl, revision))
        sd._obj.value = 0x1000
        return 1

    def GetSecurityDescriptorDacl(self, sd: Any, present: Any, dacl: Any, defaulted: Any) -> int:
        present._obj.value, dacl._obj.value = 1, 0x2000
        return 1

    def SetNamedSecurityInfoW(
        self, path: str, kind: int, info: int, owner: Any, group: Any, dacl: Any, sacl: Any
    ) -> int:
        self.calls.append(("SetNamedSecurityInfoW", path, kind, info, owner, group, dacl.value, sacl))
        return self.set_result

    def named(self, name: str) -> list[tuple[Any, ...]]:
        return [call for call in self.calls if call[0] == name]


def _plain(method: Any) -> Any:
    """A plain function (argtypes and restype can be set on it, as on a ctypes function)."""

    def function(*args: Any) -> Any:
        return method(*args)

    return function


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeWindows:
    fake = FakeWindows()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "Users" / "wang"))
    monkeypatch.setattr(permissions, "_dll", fake.dll)
    monkeypatch.setattr(permissions, "_last_error", lambda: 5)
    return fake


def test_outside_the_profile_the_folder_gets_an_owner_only_dacl(windows: FakeWindows, tmp_path: Path) -> None:
    folder = tmp_path / "Data" / "RM" / "vault"
    folder.mkdir(parents=True)
    assert permissions.restrict_to_owner(folder)
    sddl = f"D:P(A;OICI;FA;;;{USER_SID})(A;OICI;FA;;;SY)"
    assert windows.named("Convert") == [("Convert", sddl, 1)]
    protected_dacl = permissions.DACL_SECURITY_INFORMATION | permissions.PROTECTED_DACL_SECURITY_INFORMATION
    assert windows.named("SetNamedSecurityInfoW") == [
        ("SetNamedSecurityInfoW", os.path.abspath(folder), permissions.SE_FILE_OBJECT, protected_dacl)
        + (None, None, 0x2000, None)
    ]
    assert len(windows.named("LocalFree")) == 2 and windows.named("CloseHandle")  # descriptor, SID text; token


def test_inside_the_profile_the_inherited_acl_stays(windows: FakeWindows, tmp_path: Path) -> None:
    folder = tmp_path / "Users" / "WANG" / "AppData" / "Local" / "RM Desktop" / "vault"  # any case
    folder.mkdir(parents=True)
    assert permissions.restrict_to_owner(folder)
    assert windows.calls == []


def test_without_the_users_sid_owner_rights_stand_in(
    windows: FakeWindows, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(permissions, "current_user_sid", lambda: None)
    assert permissions.restrict_to_owner(tmp_path)
    assert windows.named("Convert") == [("Convert", "D:P(A;OICI;FA;;;OW)(A;OICI;FA;;;SY)", 1)]


def test_a_refused_acl_is_logged_not_raised(
    windows: FakeWindows, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    windows.set_result = 5  # ERROR_ACCESS_DENIED
    with caplog.at_level(logging.WARNING):
        assert not permissions.restrict_to_owner(tmp_path)
    assert "error 5" in caplog.text


def test_create_vault_restricts_its_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "existing"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    seen: list[Path] = []
    real = vs.restrict_to_owner
    monkeypatch.setattr(vs, "restrict_to_owner", lambda folder: seen.append(folder) or real(folder))
    vs.create_vault(root, PASSWORD, kdf=FAST_KDF, remember=False).lock()
    assert seen == [root]
    assert stat.S_IMODE(root.stat().st_mode) == 0o700  # POSIX: chmod 0700, also on a folder that existed
