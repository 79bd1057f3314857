<#
.SYNOPSIS
  Windows build: the PyInstaller one-folder bundle, its self-test, then the Inno Setup installer.

.DESCRIPTION
  Run from a checkout with the venv of the README's Windows section:
    powershell -ExecutionPolicy Bypass -File installer\build.ps1
  Output: dist\rm-desktop\ (the folder) and dist\rm-desktop-X.Y.Z-setup.exe (the installer for IT).
  The version comes from rm_desktop\__init__.py and is passed to both PyInstaller and ISCC.
  Needs Inno Setup 6 (ISCC.exe on PATH or in its default folder) unless -SkipInstaller is given.
#>
param(
    [string]$Python = "",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..").Path
Set-Location $Root
if (-not $Python) { $Python = Join-Path $Root ".venv\Scripts\python.exe" }

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

# The build tools at the versions pinned in requirements.lock (PyInstaller and its Windows helpers).
$pins = Select-String -Path requirements.lock -Pattern '^(pyinstaller|pyinstaller-hooks-contrib|altgraph|pefile|pywin32-ctypes)==' |
    ForEach-Object { $_.Line }
Invoke-Checked $Python (@("-m", "pip", "install", "-q") + $pins)

$Scripts = Split-Path $Python
Invoke-Checked (Join-Path $Scripts "pyside6-lrelease.exe") @("-silent", "resources\i18n\rm_desktop_en.ts", "-qm", "resources\i18n\rm_desktop_en.qm")

$Version = (& $Python installer\release_version.py).Trim()
$env:RM_DESKTOP_VERSION = $Version
Write-Host "Building RM Desktop $Version"
$watch = [Diagnostics.Stopwatch]::StartNew()
Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                         "--distpath", "dist", "--workpath", "build", "installer\rm_desktop.spec")
Write-Host ("PyInstaller took {0:N0} s" -f $watch.Elapsed.TotalSeconds)

# The GUI program has no console: wait for it and read its report file.
$proc = Start-Process -FilePath "dist\rm-desktop\rm-desktop.exe" -ArgumentList "--self-test" -Wait -PassThru
Get-Content (Join-Path $env:TEMP "rm-desktop-selftest.txt") -Encoding UTF8
if ($proc.ExitCode -ne 0) { throw "self-test failed (exit code $($proc.ExitCode))" }

$bytes = (Get-ChildItem "dist\rm-desktop" -Recurse -File | Measure-Object Length -Sum).Sum
Write-Host ("Bundle: dist\rm-desktop  {0:N0} MB" -f ($bytes / 1MB))

if ($SkipInstaller) { exit 0 }
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    $iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
              "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) { throw "ISCC.exe (Inno Setup 6) not found: install it, or pass -SkipInstaller" }
Invoke-Checked $iscc @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Root\dist\rm-desktop", "/DOutputDir=$Root\dist",
                       "installer\rm_desktop.iss")
Write-Host "Installer: dist\rm-desktop-$Version-setup.exe"
