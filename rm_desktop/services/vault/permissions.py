"""Who may open the vault folder: its owner only.

POSIX: mode 0700, and every folder and file in it 0700 / 0600 (:func:`restrict_vault_files`). Windows: a folder inside the user's profile (the default, under
%LOCALAPPDATA%) already inherits an ACL that keeps other users out; a folder elsewhere (``D:\\RM``,
a shared PC's ``C:\\Data``) inherits one that usually lets every local user read it. There the
folder gets an explicit, protected DACL (inheritance from above cut) granting full control to the
current user and SYSTEM only, inherited by everything created in it::

    D:P(A;OICI;FA;;;<the user's SID>)(A;OICI;FA;;;SY)

(When the user's SID cannot be read, the OWNER RIGHTS SID ``OW`` stands in for it.) Python 3.11's
``os.mkdir(mode=0o700)`` ignores the mode on Windows, hence the advapi32 calls through ctypes:
ConvertStringSecurityDescriptorToSecurityDescriptorW → GetSecurityDescriptorDacl →
SetNamedSecurityInfoW.
"""

from __future__ import annotations

import ctypes
import logging
import ntpath
import os
import stat
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SDDL_REVISION_1 = 1
SE_FILE_OBJECT = 1
DACL_SECURITY_INFORMATION = 0x00000004
PROTECTED_DACL_SECURITY_INFORMATION = 0x80000000
TOKEN_QUERY = 0x0008
TOKEN_USER = 1  # TOKEN_INFORMATION_CLASS.TokenUser
OWNER_RIGHTS = "OW"


def owner_only_sddl(user_sid: str) -> str:
    """Full control for ``user_sid`` and SYSTEM, on the folder and all it will hold; nothing inherited."""
    return f"D:P(A;OICI;FA;;;{user_sid})(A;OICI;FA;;;SY)"


def _dll(name: str) -> Any:
    return ctypes.WinDLL(name, use_last_error=True)  # type: ignore[attr-defined]


def _last_error() -> int:
    return int(ctypes.get_last_error())  # type: ignore[attr-defined]


def _declare(function: Any, argtypes: tuple[Any, ...], restype: Any) -> Any:
    function.argtypes, function.restype = argtypes, restype
    return function


def current_user_sid() -> str | None:
    """The SID of the user this process runs as ("S-1-5-21-…"), or None when it cannot be read."""
    from ctypes import wintypes

    advapi32, kernel32 = _dll("advapi32"), _dll("kernel32")
    handle, dword = wintypes.HANDLE, wintypes.DWORD
    get_process = _declare(kernel32.GetCurrentProcess, (), handle)
    open_token = _declare(advapi32.OpenProcessToken, (handle, dword, ctypes.POINTER(handle)), wintypes.BOOL)
    token_information = _declare(
        advapi32.GetTokenInformation,
        (handle, ctypes.c_int, ctypes.c_void_p, dword, ctypes.POINTER(dword)),
        wintypes.BOOL,
    )
    sid_to_string = _declare(
        advapi32.ConvertSidToStringSidW, (ctypes.c_void_p, ctypes.POINTER(wintypes.LPWSTR)), wintypes.BOOL
    )
    local_free = _declare(kernel32.LocalFree, (ctypes.c_void_p,), ctypes.c_void_p)
    close = _declare(kernel32.CloseHandle, (handle,), wintypes.BOOL)
    token = handle()
    if not open_token(get_process(), TOKEN_QUERY, ctypes.byref(token)):
        return None
    try:
        needed = dword()
        token_information(token, TOKEN_USER, None, 0, ctypes.byref(needed))  # asks for the size
        if not needed.value:
            return None
        buffer = ctypes.create_string_buffer(needed.value)
        if not token_information(token, TOKEN_USER, buffer, needed, ctypes.byref(needed)):
            return None
        sid = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p))[0]  # TOKEN_USER.User.Sid
        text = wintypes.LPWSTR()
        if not sid_to_string(sid, ctypes.byref(text)):
            return None
        try:
            return text.value
        finally:
            local_free(ctypes.cast(text, ctypes.c_void_p))
    finally:
        close(token)


def apply_sddl(folder: str, sddl: str) -> int:
    """Set ``folder``'s DACL (protected) from ``sddl``; 0 on success, else the Windows error code."""
    from ctypes import wintypes

    advapi32, kernel32 = _dll("advapi32"), _dll("kernel32")
    pointer = ctypes.c_void_p
    to_descriptor = _declare(
        advapi32.ConvertStringSecurityDescriptorToSecurityDescriptorW,
        (wintypes.LPCWSTR, wintypes.DWORD, ctypes.POINTER(pointer), ctypes.POINTER(wintypes.DWORD)),
        wintypes.BOOL,
    )
    get_dacl = _declare(
        advapi32.GetSecurityDescriptorDacl,
        (pointer, ctypes.POINTER(wintypes.BOOL), ctypes.POINTER(pointer), ctypes.POINTER(wintypes.BOOL)),
        wintypes.BOOL,
    )
    set_security = _declare(
        advapi32.SetNamedSecurityInfoW,
        (wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD, pointer, pointer, pointer, pointer),
        wintypes.DWORD,
    )
    local_free = _declare(kernel32.LocalFree, (pointer,), pointer)
    descriptor = pointer()
    if not to_descriptor(sddl, SDDL_REVISION_1, ctypes.byref(descriptor), None):
        return _last_error() or 1
    try:
        present, defaulted, dacl = wintypes.BOOL(), wintypes.BOOL(), pointer()
        if not get_dacl(descriptor, ctypes.byref(present), ctypes.byref(dacl), ctypes.byref(defaulted)):
            return _last_error() or 1
        information = DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION
        return int(set_security(folder, SE_FILE_OBJECT, information, None, None, dacl, None))
    finally:
        local_free(descriptor)


def inside_profile(folder: str, profile: str | None) -> bool:
    """Whether ``folder`` is ``profile`` or below it (Windows rules: any case, either slash)."""
    if not profile:
        return False
    folder, profile = ntpath.normcase(folder).rstrip("\\"), ntpath.normcase(profile).rstrip("\\")
    return folder == profile or folder.startswith(profile + "\\")


def restrict_to_owner(folder: Path) -> bool:
    """Make an existing ``folder`` private to the current user (see the module doc).

    Returns False when that failed (logged; the caller carries on: the vault is encrypted all
    the same), True otherwise, including where nothing was needed.
    """
    if sys.platform != "win32":
        try:
            os.chmod(folder, 0o700)
        except OSError as exc:
            log.warning("could not set the vault folder to mode 0700: %s", type(exc).__name__)
            return False
        return True
    path = os.path.abspath(folder)
    if inside_profile(path, os.environ.get("USERPROFILE")):
        return True  # the profile's own ACL already keeps other users out
    try:
        sddl = owner_only_sddl(current_user_sid() or OWNER_RIGHTS)
        error = apply_sddl(path, sddl)
    except OSError as exc:  # the DLLs or their functions missing
        log.warning("could not restrict the vault folder's ACL: %s", type(exc).__name__)
        return False
    if error:
        log.warning("could not restrict the vault folder's ACL (Windows error %d)", error)
        return False
    return True


def restrict_vault_files(root: Path) -> list[Path]:
    """POSIX: everything in the vault folder owner-only, folders 0700 and files 0600 or less (the folder
    itself, vault.db and its -wal/-shm, the header, backups, locks, logs), for a vault made by an
    older version or a copy whose modes came with it. New files are made so already: vault.db
    0600 before SQLite opens it (SQLite gives -wal/-shm the database's mode), the rest through
    mkstemp or an explicit mode. Links are not followed. Returns the paths changed; a file that
    cannot be changed is logged and skipped. Windows: the folder's inherited DACL covers its files
    (:func:`restrict_to_owner`)."""
    changed: list[Path] = []
    if sys.platform == "win32":
        return changed
    for folder, _dirs, files in os.walk(root):
        for path in [Path(folder)] + [Path(folder) / name for name in files]:
            try:
                mode = path.lstat().st_mode
                # Folders exactly 0700; a file keeps its owner's bits (0600, or 0400 if read-only).
                wanted = 0o700 if stat.S_ISDIR(mode) else stat.S_IMODE(mode) & 0o700
                if stat.S_ISLNK(mode) or stat.S_IMODE(mode) == wanted:
                    continue
                os.chmod(path, wanted)
                changed.append(path)
            except OSError as exc:
                log.warning("could not make %s owner-only: %s", path.name, type(exc).__name__)
    return changed
