"""Release files: one version everywhere, the installer scripts' constants match the code,
``--self-test`` passes from source, and (slow, CI) the frozen Linux bundle passes it too."""

from __future__ import annotations

import configparser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

import rm_desktop
from rm_desktop import app
from rm_desktop.security.keystore import SERVICE
from rm_desktop.selftest import CheckFailed, expect, run_checks
from rm_desktop.services.vault.paths import APP_AUTHOR, APP_NAME

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
sys.path.insert(0, str(INSTALLER))
from bundle_filters import chinese_qt_catalogues_only, is_qt_catalogue  # noqa: E402
from release_version import read_version  # noqa: E402

ISS = (INSTALLER / "rm_desktop.iss").read_text(encoding="utf-8-sig")
BUILD_PS1 = (INSTALLER / "build.ps1").read_text(encoding="utf-8")
CHECKS = [
    "vault",
    "encryption",
    "migrations",
    "client",
    "id-regions",
    "phone-carriers",
    "pinyin",
    "lunar",
    "builtin-scripts",
    "keyring-backends",
    "translations",
    "icon",
    "look",  # app.qss and every action icon (the SVGs and QtSvg in the bundle)
    "main-window",
]


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RM_DESKTOP_", "PYTEST"))}
    env.update(QT_QPA_PLATFORM="offscreen", **extra)
    return env


def _assert_self_test_output(stdout: str) -> None:
    lines = stdout.splitlines()
    assert re.match(rf"rm-desktop {re.escape(rm_desktop.__version__)} self-test", lines[0])
    passed = [line.split(":")[0].removeprefix("ok").strip() for line in lines if line.startswith("ok ")]
    assert passed == CHECKS
    assert not [line for line in lines if line.startswith("FAIL")]
    assert lines[-1] == f"self-test passed ({len(CHECKS)} checks)."


# -- one version -------------------------------------------------------------------------------
def test_release_version_is_the_package_version():
    assert read_version() == rm_desktop.__version__
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "rm_desktop.__version__"}


def test_changelog_top_release_is_the_package_version():
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    assert releases and releases[0] == rm_desktop.__version__


def test_installer_scripts_take_the_version_from_the_build():
    """No version literal in the .iss or the spec: both get it from release_version.py."""
    spec = (INSTALLER / "rm_desktop.spec").read_text(encoding="utf-8")
    for text in (ISS, spec):
        assert not re.search(r"\d+\.\d+\.\d+", text)
    assert "#error" in ISS and "AppVersion={#AppVersion}" in ISS
    assert "read_version(ROOT)" in spec
    assert "/DAppVersion=$Version" in BUILD_PS1


def test_read_version_refuses_a_version_windows_cannot_store(tmp_path):
    (tmp_path / "rm_desktop").mkdir()
    (tmp_path / "rm_desktop" / "__init__.py").write_text('__version__ = "0.2"\n')
    with pytest.raises(ValueError, match="X.Y.Z"):
        read_version(tmp_path)


@pytest.mark.parametrize("module", ["rm_desktop.cli.main", "rm_desktop.app"])
def test_version_option(module):
    code = f"import sys; from {module} import main; sys.exit(main(['--version']))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_clean_env(), cwd=ROOT)
    assert result.returncode == 0 and result.stdout.strip() == f"rm-desktop {rm_desktop.__version__}"


# -- installer files agree with the code ---------------------------------------------------------
def _iss_section(name: str) -> str:
    match = re.search(rf"^\[{name}\]\n(.*?)(?=^\[\w+\]\n|\Z)", ISS.replace("\r\n", "\n"), re.M | re.S)
    assert match, name
    return match.group(1)


def _iss_directive(name: str) -> str:
    values = re.findall(rf"^{name}=(.*)$", _iss_section("Setup"), re.M)
    assert len(values) == 1, (name, values)
    return values[0].strip()


def test_inno_setup_script_installs_for_all_users_or_one_and_keeps_the_vault():
    # Administrative install mode unless someone chooses otherwise: SYSTEM's silent install must
    # not land in its own profile. Dialog for people, /ALLUSERS and /CURRENTUSER for tools.
    assert _iss_directive("PrivilegesRequired") == "admin"
    assert set(_iss_directive("PrivilegesRequiredOverridesAllowed").split()) == {"commandline", "dialog"}
    assert not re.search(r"^UsePreviousPrivileges=", ISS, re.M)  # default yes: an upgrade keeps its mode
    # "auto" constants follow the mode: Program Files / all users, or the user's own folders.
    assert _iss_directive("DefaultDirName") == r"{autopf}\RM Desktop"
    icons = _iss_section("Icons")
    assert re.search(r'^Name: "\{autoprograms\}.*rm-desktop\.exe', icons, re.M)
    assert re.search(r'^Name: "\{autodesktop\}.*Tasks: desktopicon', icons, re.M)
    outside_code = ISS.split("[Code]", 1)[0]
    for per_user in ("{localappdata}", "{userpf}", "{userprograms}", "{userdesktop}", "HKCU"):
        assert per_user not in "\n".join(line for line in outside_code.splitlines() if not line.startswith(";"))
    # The vault path, keyring service and QSettings key used by [Code] are the app's own.
    assert rf"{{localappdata}}\{APP_AUTHOR}\{APP_NAME}\vault" in ISS
    assert f"KeyringService = '{SERVICE}'" in ISS
    assert rf"SettingsKey = 'Software\{APP_AUTHOR}\{APP_NAME}'" in ISS
    # Deleting is opt-in: asked only in an interactive per-user uninstall, "No" is the default button.
    code = ISS.split("[Code]", 1)[1]
    assert "UninstallSilent() or IsAdminInstallMode()" in code
    assert "MB_DEFBUTTON2" in code and "IDYES" in code
    uninstall = code[code.index("procedure CurUninstallStepChanged") :]
    assert uninstall.index("IsAdminInstallMode()") < uninstall.index("OfferToDeleteVault();")


def test_inno_setup_code_comments_do_not_nest():
    """Pascal's { } comments end at the first }: a constant such as {app} inside one turns the rest
    of the comment into code, an error only ISCC (Windows) would report."""
    code = ISS.split("[Code]", 1)[1]
    code = re.sub(r"'[^'\n]*'", "''", code)  # string literals may hold constants
    code = re.sub(r"\(\*.*?\*\)", "", code, flags=re.S)
    for comment in re.findall(r"\{[^}]*\}", code):
        assert "{" not in comment[1:], comment


def test_app_mutex_is_the_installers():
    """Setup and Uninstall wait while the running app holds the mutex named in AppMutex."""
    assert _iss_directive("AppMutex").split(",") == [app.APP_MUTEX, "Global\\" + app.APP_MUTEX]
    assert not set(app.APP_MUTEX) & set("{},")  # no Inno constant, no list separator


def test_hold_app_mutex_is_a_no_op_off_windows(monkeypatch):
    monkeypatch.setattr(app, "_mutex_handles", [])
    assert app.hold_app_mutex("linux") == [] and app.hold_app_mutex("darwin") == []
    assert app._mutex_handles == []


def test_hold_app_mutex_creates_both_names_on_windows(monkeypatch):
    import ctypes
    from types import SimpleNamespace

    names: list[str] = []

    class CreateMutexW:  # takes argtypes/restype like a ctypes function
        def __call__(self, attributes, owner, name):
            assert attributes is None and owner is False  # default security, not owned
            names.append(name)
            return 0 if name.startswith("Global") and len(names) > 2 else 100 + len(names)

    kernel32 = SimpleNamespace(CreateMutexW=CreateMutexW())
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error: kernel32, raising=False)
    monkeypatch.setattr(app, "_mutex_handles", [])
    created = app.hold_app_mutex("win32")
    assert created == names == [app.APP_MUTEX, "Global\\" + app.APP_MUTEX]
    assert app._mutex_handles == [101, 102]  # kept open for the process's lifetime
    # A name that cannot be created (another user's Global\ one) is skipped, not an error.
    assert app.hold_app_mutex("win32") == [app.APP_MUTEX]


def test_inno_setup_can_put_the_cli_on_path():
    assert _iss_directive("ChangesEnvironment") == "yes"
    assert re.search(r'^Name: "addtopath";.*Flags: unchecked$', _iss_section("Tasks"), re.M)
    code = ISS.split("[Code]", 1)[1]
    # HKLM for an all-users install, HKCU for a per-user one.
    assert r"'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'" in code
    assert "UserEnvironmentKey = 'Environment'" in code
    assert re.search(r"if IsAdminInstallMode\(\) then\s+Result := HKLM\s+else\s+Result := HKCU", code)
    assert "RegWriteExpandStringValue" in code  # PATH stays REG_EXPAND_SZ
    install = code[code.index("procedure CurStepChanged") :]
    assert "WizardIsTaskSelected('addtopath')" in install and "AddToPath(ExpandConstant('{app}'))" in install
    uninstall = code[code.index("procedure CurUninstallStepChanged") :]
    assert re.search(r"usUninstall then\s+RemoveFromPath\(ExpandConstant\('\{app\}'\)\)", uninstall)


def test_build_script_signs_and_verifies_or_warns():
    ps1 = BUILD_PS1
    for parameter in ("CertThumbprint", "PfxPath", "PfxPasswordEnv", "TimestampUrl", "NoSign"):
        assert re.search(rf"\${parameter}\b", ps1.split(")\n$ErrorActionPreference", 1)[0]), parameter
    assert re.search(r'\$TimestampUrl = "https?://\S+"', ps1)
    # SHA-256 digests, RFC 3161 timestamp (/tr, /td), certificate by thumbprint or PFX.
    assert '@("/fd", "SHA256", "/tr", $TimestampUrl, "/td", "SHA256"' in ps1
    assert '@("/sha1", $CertThumbprint)' in ps1 and '"/f", (Resolve-Path $PfxPath).Path, "/p", $pfxPassword' in ps1
    assert "GetEnvironmentVariable($PfxPasswordEnv)" in ps1
    # No certificate is an error; unsigned only on request, and loudly.
    assert re.search(r"if \(-not \$CertThumbprint -and -not \$PfxPath\) \{\s+throw", ps1)
    assert re.search(r"if \(\$NoSign\) \{.*?Write-Warning \"UNSIGNED BUILD", ps1, re.S)
    # Order: PyInstaller, sign + verify the bundle, self-test, ISCC signing through SignTool, verify.
    steps = [
        '"-m", "PyInstaller"',
        "Invoke-Sign (@($programs) + $libraries)",
        '"--self-test"',
        '"/Srmsign=$command"',
        "Invoke-Checked $iscc",
        'Invoke-Checked $SignTool @("verify", "/pa", "/tw", "/q", $Setup)',
    ]
    positions = [ps1.index(step) for step in steps]
    assert positions == sorted(positions)
    assert 'Invoke-Checked $SignTool (@("sign", "/q") + $SignArgs + $batch)' in ps1
    assert 'Invoke-Checked $SignTool (@("verify", "/pa", "/tw", "/q") + $batch)' in ps1
    assert '"rm-desktop.exe", "rm-desktop-cli.exe"' in ps1
    # The .iss signs Setup and its uninstaller with the tool build.ps1 defines.
    assert re.search(
        r"^#ifdef SignToolName\s+(;.*\s+)*SignTool=\{#SignToolName\}\s+#endif", _iss_section("Setup"), re.M
    )
    assert '"/DSignToolName=rmsign"' in ps1


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", False),  # Linux, macOS
        ("PySide6\\translations\\qtbase_de.qm", False),  # Windows, as PyInstaller writes it there
        ("PySide6\\translations\\qt_ja.qm", False),
        ("pyside6/qt/translations/qt_help_fr.qm", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qt_zh_TW.qm", True),
        ("resources\\i18n\\rm_desktop_en.qm", True),  # the app's own
        ("resources/i18n/rm_desktop_en.qm", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/translations/README.txt", True),
    ],
)
def test_qt_catalogue_filter_takes_both_path_forms(dest, kept):
    toc = [(dest, "/src/" + dest, "DATA"), ("rm_desktop/x.json", "/src/x.json", "DATA")]
    assert chinese_qt_catalogues_only(toc) == (toc if kept else toc[1:])
    assert is_qt_catalogue(dest.replace("\\", "/")) == is_qt_catalogue(dest.replace("/", "\\"))


def test_desktop_file():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(INSTALLER / "rm-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "rm-desktop"
    assert desktop["Icon"] == "rm-desktop" and desktop["Name[zh_CN]"] == "客户经理桌面档案"
    assert desktop["Categories"].endswith(";")
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(INSTALLER / "rm-desktop.desktop")], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_icon_files():
    icons = ROOT / "resources" / "icons"
    assert (icons / "rm-desktop.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ico = (icons / "rm-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1) and count >= 5
    sides = set()
    for i in range(count):
        side, _h, _c, _r, _planes, _bits, size, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(ico)
        sides.add(side or 256)
    assert {16, 32, 48, 256} <= sides


def test_frozen_resources_dir(monkeypatch, tmp_path):
    from rm_desktop.ui.widgets import qt_i18n

    assert qt_i18n.I18N_DIR == ROOT / "resources" / "i18n" and qt_i18n.ICON_FILE.exists()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert qt_i18n._resources_dir() == tmp_path / "resources"


# -- the self-test -----------------------------------------------------------------------------
def test_run_checks_reports_each_failure_and_goes_on():
    lines: list[str] = []

    def broken() -> str:
        expect(1 + 1 == 3, "arithmetic")
        return "unreachable"

    ok = run_checks([("first", lambda: "fine"), ("second", broken), ("third", lambda: 1 / 0)], lines.append)
    assert not ok
    assert lines == [
        "ok   first: fine",
        f"FAIL second: {CheckFailed.__name__}: arithmetic",
        "FAIL third: ZeroDivisionError: division by zero",
        "自检失败：3 项中有 2 项未通过。",
    ]


def test_prepare_platform_goes_offscreen_only_without_a_display(monkeypatch):
    from rm_desktop.ui.shell.selftest import prepare_platform

    monkeypatch.setattr(sys, "platform", "linux")
    for env, expected in [
        ({}, "offscreen"),
        ({"DISPLAY": ":0"}, None),
        ({"WAYLAND_DISPLAY": "w"}, None),
        ({"QT_QPA_PLATFORM": "xcb"}, "xcb"),
    ]:
        prepare_platform(env)
        assert env.get("QT_QPA_PLATFORM") == expected


def test_self_test_from_source():
    result = subprocess.run(
        [sys.executable, "main.py", "--self-test", "--lang", "en"],
        capture_output=True,
        text=True,
        env=_clean_env(),
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_self_test_output(result.stdout)


# -- the frozen bundle (CI) ----------------------------------------------------------------------
# Longer than the default 120 s (pyproject): the build may take its subprocess timeout (1800 s), the
# frozen self-test 300 s and the two CLI steps 120 s each.
@pytest.mark.timeout(2400)
def test_frozen_linux_bundle_passes_its_self_test(tmp_path):
    """Builds with installer/build.sh (about 2-3 minutes on 2 cores) and runs the frozen programs
    from an unrelated folder. RM_DESKTOP_SKIP_BUNDLE=1 skips it for quick local runs."""
    if not sys.platform.startswith("linux"):
        pytest.skip("installer/build.sh builds the Linux bundle")
    if os.environ.get("RM_DESKTOP_SKIP_BUNDLE") == "1":
        pytest.skip("RM_DESKTOP_SKIP_BUNDLE=1")
    pytest.importorskip("PyInstaller", reason="pyinstaller is in requirements/build.txt; run `make test`")
    started = time.monotonic()
    build = subprocess.run(
        ["bash", str(INSTALLER / "build.sh"), str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=ROOT,
        env=_clean_env(PYTHON=sys.executable, RM_DESKTOP_BUILD_DIR=str(tmp_path / "work"), SKIP_SELF_TEST="1"),
    )
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
    print(f"\nbundle built in {time.monotonic() - started:.0f} s; {build.stdout.strip().splitlines()[-1]}")
    bundle = tmp_path / "dist" / "rm-desktop"
    internal = bundle / "_internal"
    assert (internal / "rm_desktop" / "storage" / "migrations" / "env.py").exists()
    assert (internal / "resources" / "i18n" / "rm_desktop_en.qm").exists()
    # PySide6-Essentials only, and none of the unused Qt modules or test tools.
    qt = {p.name for p in (internal / "PySide6").glob("Qt*.so")}
    assert {"QtCore.abi3.so", "QtGui.abi3.so", "QtWidgets.abi3.so"} <= qt
    assert not qt & {"QtQml.abi3.so", "QtQuick.abi3.so", "QtNetwork.abi3.so"}
    assert not [
        p for p in internal.iterdir() if p.name.startswith(("pytest", "_pytest", "hypothesis", "PySide6_Addons"))
    ]
    # Qt's own catalogues: the Chinese ones only (installer/bundle_filters.py).
    catalogues = [p.name for p in internal.rglob("*.qm") if is_qt_catalogue(str(p.relative_to(internal)))]
    assert catalogues and all("_zh_" in name for name in catalogues), catalogues

    runs = tmp_path / "run"
    runs.mkdir()
    frozen = subprocess.run(
        [str(bundle / "rm-desktop"), "--self-test", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=runs,
        env=_clean_env(HOME=str(runs)),
    )
    assert frozen.returncode == 0, frozen.stdout + frozen.stderr
    _assert_self_test_output(frozen.stdout)
    assert "(frozen," in frozen.stdout.splitlines()[0]

    # The CLI program shares the bundle; keyring's null backend keeps the developer's keyring untouched.
    cli = [str(bundle / "rm-desktop-cli"), "--vault", str(runs / "vault")]
    env = _clean_env(
        HOME=str(runs),
        RM_DESKTOP_PASSWORD="frozen cli 123",
        RM_DESKTOP_LANG="en",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    for args in (["init", "--no-remember"], ["verify", "--json"]):
        step = subprocess.run(cli + args, capture_output=True, text=True, timeout=120, cwd=runs, env=env)
        assert step.returncode == 0, step.stdout + step.stderr
    report = json.loads(step.stdout)
    assert report["ok"] is True and report["integrity_check"] == ["ok"] and report["revision"] == report["head"]
