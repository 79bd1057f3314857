<#
.SYNOPSIS
  Windows build: the PyInstaller one-folder bundle, code signing, its self-test, then the signed
  Inno Setup installer.

.DESCRIPTION
  Run from a checkout with the venv of the README's Windows section:
    powershell -ExecutionPolicy Bypass -File installer\build.ps1 -CertThumbprint <SHA-1 thumbprint>
    powershell -ExecutionPolicy Bypass -File installer\build.ps1 -PfxPath C:\keys\codesign.pfx
    powershell -ExecutionPolicy Bypass -File installer\build.ps1 -NoSign     (unsigned, for tests only)
  Output: dist\rm-desktop\ (the folder) and dist\rm-desktop-X.Y.Z-setup.exe (the installer for IT).
  The version comes from rm_desktop\__init__.py and is passed to both PyInstaller and ISCC.
  Needs Inno Setup 6 (ISCC.exe on PATH or in its default folder) unless -SkipInstaller is given, and
  signtool.exe (Windows SDK) unless -NoSign is given.

  Signing uses the certificate IT provides, SHA-256 file digests and an RFC 3161 timestamp (SHA-256),
  so signatures stay valid after the certificate expires. Signed, in this order: rm-desktop.exe,
  rm-desktop-cli.exe and every .exe/.dll/.pyd of the bundle that carries no signature yet (WDAC checks
  each library it loads), right after PyInstaller and before the self-test; then the setup, its
  temporary self-copies and its uninstaller, through Inno Setup's SignTool directive while ISCC
  compiles. "signtool verify /pa /tw" checks every signed file (and fails on a missing timestamp).

.PARAMETER CertThumbprint
  SHA-1 thumbprint of a code-signing certificate in the certificate store (Cert:\CurrentUser\My, or
  Cert:\LocalMachine\My with -MachineStore), e.g. on a smart card or HSM. Preferred over -PfxPath.
.PARAMETER PfxPath
  A .pfx file with the certificate and its private key; its password comes from the environment
  variable named by -PfxPasswordEnv (default RM_DESKTOP_PFX_PASSWORD), never from the command line
  of this script. signtool still receives it as an argument (visible to local administrators in the
  process list while it runs); ISCC runs with /Q, so it is not printed.
.PARAMETER TimestampUrl
  RFC 3161 timestamp server (default http://timestamp.digicert.com); use the one of the CA that
  issued the certificate, or the bank's own.
.PARAMETER NoSign
  Build without signing, with a warning. Unsigned programs meet SmartScreen warnings and are blocked
  by AppLocker/WDAC publisher rules: for test PCs only.
#>
param(
    [string]$Python = "",
    [switch]$SkipInstaller,
    [string]$CertThumbprint = "",
    [switch]$MachineStore,
    [string]$PfxPath = "",
    [string]$PfxPasswordEnv = "RM_DESKTOP_PFX_PASSWORD",
    [string]$TimestampUrl = "http://timestamp.digicert.com",
    [string]$SignTool = "",
    [switch]$NoSign
)
$ErrorActionPreference = "Stop"
$Root = (Resolve-Path "$PSScriptRoot\..").Path
Set-Location $Root
if (-not $Python) { $Python = Join-Path $Root ".venv\Scripts\python.exe" }

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe failed with exit code $LASTEXITCODE" }
}

function Find-SignTool {
    $found = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
    if ($found) { return $found }
    # Windows SDK: ...\Windows Kits\10\bin\<version>\x64\signtool.exe, the newest first.
    Get-ChildItem (Join-Path ${env:ProgramFiles(x86)} "Windows Kits\10\bin") -Filter signtool.exe -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -eq "x64" } |
        Sort-Object { $v = $null; if ([version]::TryParse($_.Directory.Parent.Name, [ref]$v)) { $v } else { [version]"0.0" } } -Descending |
        Select-Object -First 1 -ExpandProperty FullName
}

# -- signing parameters, checked before the long build ---------------------------------------------
$SignArgs = @()
if ($NoSign) {
    if ($CertThumbprint -or $PfxPath) { throw "-NoSign contradicts -CertThumbprint/-PfxPath" }
    Write-Warning "UNSIGNED BUILD (-NoSign): SmartScreen will warn and AppLocker/WDAC publisher rules will block it. Do not hand it out to office PCs."
} else {
    if (-not $CertThumbprint -and -not $PfxPath) {
        throw "Code signing needs -CertThumbprint <thumbprint> or -PfxPath <file.pfx> (IT's code-signing certificate); pass -NoSign for an unsigned test build"
    }
    if ($CertThumbprint -and $PfxPath) { throw "Pass either -CertThumbprint or -PfxPath, not both" }
    if (-not $SignTool) { $SignTool = Find-SignTool }
    if (-not $SignTool -or -not (Test-Path $SignTool)) { throw "signtool.exe not found: install the Windows SDK's signing tools, or pass -SignTool <path>" }
    $SignArgs = @("/fd", "SHA256", "/tr", $TimestampUrl, "/td", "SHA256", "/d", "RM Desktop")
    if ($CertThumbprint) {
        # A thumbprint copied from the certificate dialog carries spaces and an invisible mark.
        $CertThumbprint = ($CertThumbprint -replace '[^0-9A-Fa-f]', '').ToUpperInvariant()
        $store = if ($MachineStore) { "LocalMachine" } else { "CurrentUser" }
        $cert = Get-Item "Cert:\$store\My\$CertThumbprint" -ErrorAction SilentlyContinue
        if (-not $cert) { throw "No certificate $CertThumbprint in Cert:\$store\My" }
        if (-not $cert.HasPrivateKey) { throw "Certificate $CertThumbprint has no private key on this PC" }
        $SignArgs += @("/sha1", $CertThumbprint)
        if ($MachineStore) { $SignArgs += "/sm" }
    } else {
        if (-not (Test-Path $PfxPath)) { throw "PFX file not found: $PfxPath" }
        $pfxPassword = [Environment]::GetEnvironmentVariable($PfxPasswordEnv)
        if (-not $pfxPassword) { throw "Set the PFX password in environment variable $PfxPasswordEnv" }
        $SignArgs += @("/f", (Resolve-Path $PfxPath).Path, "/p", $pfxPassword)
    }
}

# signtool sign + verify, in batches that keep the command line short.
function Invoke-Sign([string[]]$Files) {
    for ($i = 0; $i -lt $Files.Count; $i += 40) {
        $batch = $Files[$i..([Math]::Min($i + 39, $Files.Count - 1))]
        Invoke-Checked $SignTool (@("sign", "/q") + $SignArgs + $batch)
        Invoke-Checked $SignTool (@("verify", "/pa", "/tw", "/q") + $batch)
    }
}

# Inno Setup's SignTool command: $q is a quote, $f the file, $$ a dollar sign.
function ConvertTo-InnoArg([string]$Text) {
    $Text = $Text.Replace('$', '$$')
    if ($Text -match '\s') { return '$q' + $Text + '$q' }
    return $Text
}

# -- build ---------------------------------------------------------------------------------------------
# The build tools as pinned and hashed in requirements\build.txt (PyInstaller, pefile by its win32
# marker), beside the runtime set (pywin32-ctypes is there, for keyring); a no-op when already there.
Invoke-Checked $Python @("-m", "pip", "install", "-q", "--require-hashes", "-r", "requirements\runtime.txt",
                         "-r", "requirements\build.txt")

$Scripts = Split-Path $Python
Invoke-Checked (Join-Path $Scripts "pyside6-lrelease.exe") @("-silent", "resources\i18n\rm_desktop_en.ts", "-qm", "resources\i18n\rm_desktop_en.qm")

$Version = (& $Python installer\release_version.py).Trim()
$env:RM_DESKTOP_VERSION = $Version
Write-Host "Building RM Desktop $Version"
$watch = [Diagnostics.Stopwatch]::StartNew()
Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                         "--distpath", "dist", "--workpath", "build", "installer\rm_desktop.spec")
Write-Host ("PyInstaller took {0:N0} s" -f $watch.Elapsed.TotalSeconds)

$Bundle = Join-Path $Root "dist\rm-desktop"
if (-not $NoSign) {
    # Our two programs, then the libraries nobody signed (Python's and Qt's own keep their vendors' signatures).
    $programs = @("rm-desktop.exe", "rm-desktop-cli.exe") | ForEach-Object { Join-Path $Bundle $_ }
    $libraries = @(Get-ChildItem (Join-Path $Bundle "_internal") -Recurse -File -Include *.exe, *.dll, *.pyd |
        Where-Object { (Get-AuthenticodeSignature $_.FullName).Status -eq "NotSigned" } |
        ForEach-Object { $_.FullName })
    Invoke-Sign (@($programs) + $libraries)
    Write-Host ("Signed and verified: 2 programs and {0} libraries" -f $libraries.Count)
}

# The GUI program has no console: wait for it and read its report file.
$proc = Start-Process -FilePath "dist\rm-desktop\rm-desktop.exe" -ArgumentList "--self-test" -Wait -PassThru
Get-Content (Join-Path $env:TEMP "rm-desktop-selftest.txt") -Encoding UTF8
if ($proc.ExitCode -ne 0) { throw "self-test failed (exit code $($proc.ExitCode))" }

$bytes = (Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum
Write-Host ("Bundle: dist\rm-desktop  {0:N0} MB" -f ($bytes / 1MB))

if ($SkipInstaller) { exit 0 }
$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
    $iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
              "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) { throw "ISCC.exe (Inno Setup 6) not found: install it, or pass -SkipInstaller" }
$isccArgs = @("/Q", "/DAppVersion=$Version", "/DSourceDir=$Bundle", "/DOutputDir=$Root\dist")
if (-not $NoSign) {
    # rm_desktop.iss sets SignTool=rmsign when SignToolName is defined.
    $command = ((@((ConvertTo-InnoArg $SignTool), "sign", "/q") + ($SignArgs | ForEach-Object { ConvertTo-InnoArg $_ }) + '$f') -join " ")
    $isccArgs += @("/DSignToolName=rmsign", "/Srmsign=$command")
}
Invoke-Checked $iscc ($isccArgs + "installer\rm_desktop.iss")
$Setup = Join-Path $Root "dist\rm-desktop-$Version-setup.exe"
if ($NoSign) {
    Write-Warning "Installer NOT signed: $Setup"
} else {
    Invoke-Checked $SignTool @("verify", "/pa", "/tw", "/q", $Setup)
    Write-Host "Installer (signed and verified): $Setup"
}
