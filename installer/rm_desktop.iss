; RM Desktop installer for Windows (Inno Setup 6). installer\build.ps1 compiles it as
;   ISCC /DAppVersion=X.Y.Z /DSourceDir=<dist\rm-desktop> [/DSignToolName=rmsign /Srmsign=<signtool ...>] installer\rm_desktop.iss
; with the version read from rm_desktop\__init__.py (never written here; tests/architecture/test_installer.py checks).
;
; Install modes (Inno Setup's "administrative" and "non administrative" install mode):
; - for all users (the default; /ALLUSERS): Program Files\RM Desktop, the all-users Start menu, the
;   uninstall entry in HKLM. What software distribution running as SYSTEM gets.
; - for the current user (chosen in the first dialog, or /CURRENTUSER): %LOCALAPPDATA%\Programs\RM Desktop,
;   the user's Start menu, HKCU; needs no administrator rights.
; The vault (client data) is not part of the installation: it lives in each user's profile,
; %LOCALAPPDATA%\RMDesktop\RM Desktop\vault (or the folder chosen at first run). Uninstalling keeps it,
; unless the user answers Yes to the question at the end of an interactive per-user uninstall.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (installer\build.ps1 reads it from rm_desktop\__init__.py)
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\rm-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
; Simplified Chinese ships with recent Inno Setup releases only (earlier: "unofficial" translations).
#define HaveChinese FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")

[Setup]
AppId={{66A5D080-4B43-4D3B-887C-06F6DAD4C8CA}
AppName=RM Desktop
AppVersion={#AppVersion}
AppVerName=RM Desktop {#AppVersion}
AppPublisher=RM Desktop
VersionInfoVersion={#AppVersion}
; PrivilegesRequired is the mode used when nobody chooses: admin, so that a silent install by
; software distribution (SYSTEM) goes to Program Files; with "lowest" it would land in SYSTEM's own
; profile (the README still says to pass /ALLUSERS: see UsePreviousPrivileges below). The overrides
; (Inno Setup docs): "dialog" asks the user to choose ("Install for all users (recommended)" /
; "Install for me only", the latter without UAC), "dialog" implies "commandline", and /ALLUSERS or
; /CURRENTUSER on the command line skip the dialog.
; Setup's order (HandlePrivilegesRequiredOverrides): /ALLUSERS or /CURRENTUSER; else, with
; UsePreviousPrivileges (default yes), the mode of an installation found in only one of HKLM/HKCU
; (an earlier per-user one, say); else the dialog, unless /SUPPRESSMSGBOXES keeps the default. A
; silent Setup without /SUPPRESSMSGBOXES still shows that dialog.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
; {autopf}: Program Files in administrative install mode, %LOCALAPPDATA%\Programs ({userpf}) otherwise.
DefaultDirName={autopf}\RM Desktop
DisableDirPage=auto
DisableProgramGroupPage=yes
; rm_desktop/app.py APP_MUTEX creates both names: the session's for an install run by the user, the
; Global\ one for an install run by SYSTEM in session 0. While it exists Setup and Uninstall ask to
; close the app; with /SUPPRESSMSGBOXES they exit with code 1 and change nothing.
AppMutex=RMDesktop.App.66A5D080-4B43-4D3B-887C-06F6DAD4C8CA,Global\RMDesktop.App.66A5D080-4B43-4D3B-887C-06F6DAD4C8CA
; Tells Explorer to reload PATH after the "addtopath" task (install and uninstall).
ChangesEnvironment=yes
#ifdef SignToolName
; Signs Setup, its temporary self-copies and the uninstaller (build.ps1 defines the tool: signtool,
; SHA-256, RFC 3161 timestamp).
SignTool={#SignToolName}
#endif
OutputDir={#OutputDir}
OutputBaseFilename=rm-desktop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\rm-desktop.ico
UninstallDisplayIcon={app}\rm-desktop.exe
UninstallDisplayName=RM Desktop {#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes
ShowLanguageDialog=auto

[Languages]
#if HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppTitle=RM Desktop
english.CommandLine=Command line:
english.AddToPath=Add the command-line program rm-desktop-cli to PATH
english.DeleteVaultQuestion=RM Desktop has been removed. Your vault (encrypted client data and its backups) was kept:%n%n%1%nDelete the vault as well? This cannot be undone.
#if HaveChinese
chinesesimplified.AppTitle=客户经理桌面档案
chinesesimplified.CommandLine=命令行：
chinesesimplified.AddToPath=将命令行程序 rm-desktop-cli 加入 PATH 环境变量
chinesesimplified.DeleteVaultQuestion=客户经理桌面档案已卸载。您的档案库（加密的客户数据及其备份）已保留：%n%n%1%n是否同时删除档案库？删除后无法恢复。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
; The machine PATH for an all-users install, the user's PATH otherwise (AddToPath below).
Name: "addtopath"; Description: "{cm:AddToPath}"; GroupDescription: "{cm:CommandLine}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the libraries as a whole: files of the previous version must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\rm-desktop.exe"; Comment: "RM Desktop"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\rm-desktop.exe"; Tasks: desktopicon

[Run]
; postinstall entries run as the user who started Setup, not as the elevated account.
Filename: "{app}\rm-desktop.exe"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent

[Code]
const
  KeyringService = 'rm-desktop-vault';  { rm_desktop/security/keystore.py SERVICE }
  CRED_TYPE_GENERIC = 1;
  SettingsKey = 'Software\RMDesktop\RM Desktop';  { QSettings: window state, language, vault folder }
  MachineEnvironmentKey = 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment';
  UserEnvironmentKey = 'Environment';

function CredDeleteW(TargetName: String; CredType: DWORD; Flags: DWORD): BOOL;
  external 'CredDeleteW@advapi32.dll stdcall';

{ -- PATH (task "addtopath") ------------------------------------------------------------------ }

{ HKLM for an all-users install, HKCU for a per-user one: the same root the uninstall entry uses. }
function EnvironmentRoot(): Integer;
begin
  if IsAdminInstallMode() then
    Result := HKLM
  else
    Result := HKCU;
end;

function EnvironmentKey(): String;
begin
  if IsAdminInstallMode() then
    Result := MachineEnvironmentKey
  else
    Result := UserEnvironmentKey;
end;

function SamePathEntry(Entry, Dir: String): Boolean;
begin
  Result := CompareText(RemoveBackslashUnlessRoot(Trim(Entry)), RemoveBackslashUnlessRoot(Dir)) = 0;
end;

{ Path without the entries equal to Dir (case-insensitive, with or without a trailing backslash);
  Found tells whether there was one. Other entries are kept as they were. }
function PathWithout(Path, Dir: String; var Found: Boolean): String;
var
  Rest, Entry: String;
  P: Integer;
begin
  Result := '';
  Found := False;
  Rest := Path;
  while Rest <> '' do
  begin
    P := Pos(';', Rest);
    if P = 0 then
    begin
      Entry := Rest;
      Rest := '';
    end else
    begin
      Entry := Copy(Rest, 1, P - 1);
      Delete(Rest, 1, P);
    end;
    if (Trim(Entry) <> '') and SamePathEntry(Entry, Dir) then
      Found := True
    else if Entry <> '' then
    begin
      if Result <> '' then
        Result := Result + ';';
      Result := Result + Entry;
    end;
  end;
end;

procedure AddToPath(Dir: String);
var
  Path, Rest: String;
  Found: Boolean;
begin
  if not RegQueryStringValue(EnvironmentRoot(), EnvironmentKey(), 'Path', Path) then
    Path := '';
  Rest := PathWithout(Path, Dir, Found);
  if Found then
    Exit;
  if (Path <> '') and (Path[Length(Path)] <> ';') then
    Path := Path + ';';
  if not RegWriteExpandStringValue(EnvironmentRoot(), EnvironmentKey(), 'Path', Path + Dir) then
    Log('Could not add ' + Dir + ' to PATH');
end;

procedure RemoveFromPath(Dir: String);
var
  Path, Rest: String;
  Found: Boolean;
begin
  if not RegQueryStringValue(EnvironmentRoot(), EnvironmentKey(), 'Path', Path) then
    Exit;
  Rest := PathWithout(Path, Dir, Found);
  if Found and not RegWriteExpandStringValue(EnvironmentRoot(), EnvironmentKey(), 'Path', Rest) then
    Log('Could not remove ' + Dir + ' from PATH');
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep <> ssPostInstall then
    Exit;
  { An upgrade without the task ticked takes the folder off PATH again. }
  if WizardIsTaskSelected('addtopath') then
    AddToPath(ExpandConstant('{app}'))
  else
    RemoveFromPath(ExpandConstant('{app}'));
end;

{ -- the vault, at uninstall ------------------------------------------------------------------- }

function DefaultVaultDir(): String;
begin
  Result := ExpandConstant('{localappdata}\RMDesktop\RM Desktop\vault');
end;

{ The folder chosen at first run, as QSettings stored it ('' when the default is used). }
function ChosenVaultDir(): String;
begin
  if not RegQueryStringValue(HKCU, SettingsKey + '\vault', 'path', Result) then
    Result := '';
  StringChangeEx(Result, '/', '\', True);
  if CompareText(RemoveBackslashUnlessRoot(Result), DefaultVaultDir()) = 0 then
    Result := '';
end;

function IsVault(Dir: String): Boolean;
begin
  Result := (Dir <> '') and (FileExists(AddBackslash(Dir) + 'vault.header') or FileExists(AddBackslash(Dir) + 'vault.db'));
end;

{ The vault id from vault.header (JSON written with indent=1), '' if unreadable. }
function VaultId(Dir: String): String;
var
  Text: AnsiString;
  P: Integer;
begin
  Result := '';
  if LoadStringFromFile(AddBackslash(Dir) + 'vault.header', Text) then
  begin
    P := Pos('"vault_id": "', Text);
    if P > 0 then
      Result := Copy(Text, P + 13, 36);
  end;
end;

{ The "remember on this PC" key copy in Credential Manager, stored by the keyring package as
  target 'rm-desktop-vault' (the first vault) or '<vault id>@rm-desktop-vault' (further ones). }
procedure ForgetKey(Dir: String);
var
  Id: String;
begin
  Id := VaultId(Dir);
  if Id <> '' then
    CredDeleteW(Id + '@' + KeyringService, CRED_TYPE_GENERIC, 0);
  CredDeleteW(KeyringService, CRED_TYPE_GENERIC, 0);
end;

{ Only the vault's own files: a folder the user chose may hold other things. }
procedure DeleteVault(Dir: String; Whole: Boolean);
begin
  ForgetKey(Dir);
  Dir := AddBackslash(Dir);
  DelTree(Dir + 'backups', True, True, True);
  DeleteFile(Dir + 'vault.db');
  DeleteFile(Dir + 'vault.db-wal');
  DeleteFile(Dir + 'vault.db-shm');
  DeleteFile(Dir + 'vault.header');
  if Whole then
    DelTree(Dir, True, True, True)
  else
    RemoveDir(Dir);
end;

procedure OfferToDeleteVault();
var
  Chosen, Folders: String;
  HasDefault, HasChosen: Boolean;
begin
  Chosen := ChosenVaultDir();
  HasDefault := IsVault(DefaultVaultDir());
  HasChosen := IsVault(Chosen);
  if not (HasDefault or HasChosen) then
    Exit;
  Folders := '';
  if HasDefault then
    Folders := DefaultVaultDir() + #13#10;
  if HasChosen then
    Folders := Folders + Chosen + #13#10;
  if MsgBox(FmtMessage(CustomMessage('DeleteVaultQuestion'), [Folders]), mbConfirmation,
            MB_YESNO or MB_DEFBUTTON2) <> IDYES then
    Exit;
  if HasDefault then
  begin
    DeleteVault(DefaultVaultDir(), True);
    RemoveDir(ExpandConstant('{localappdata}\RMDesktop\RM Desktop'));
    RemoveDir(ExpandConstant('{localappdata}\RMDesktop'));
  end;
  if HasChosen then
    DeleteVault(Chosen, False);
  RegDeleteKeyIncludingSubkeys(HKCU, SettingsKey);
  RegDeleteKeyWithoutSubkeys(HKCU, 'Software\RMDesktop');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
  if CurUninstallStep <> usPostUninstall then
    Exit;
  (* A silent uninstall (IT tools) never deletes data, and neither does an all-users one. The vault,
     the app's settings (HKCU) and the key copy (Credential Manager) belong to each user's profile,
     while an all-users uninstall runs elevated: as SYSTEM, or as the administrator who answered
     UAC, whose %LOCALAPPDATA%, HKCU and credentials are not the RM's; a Yes there would miss the
     RM's vault or delete the administrator's own. So the question is asked only in an interactive
     per-user uninstall, where %LOCALAPPDATA% is the user's own. IsAdminInstallMode() is True
     whenever Uninstall runs with administrative privileges (Inno Setup docs), which also skips the
     rare per-user install made from an elevated Setup: keeping the data is the safe side. *)
  if UninstallSilent() or IsAdminInstallMode() then
    Exit;
  OfferToDeleteVault();
end;
