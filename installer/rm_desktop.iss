; RM Desktop installer for Windows (Inno Setup 6). installer\build.ps1 compiles it as
;   ISCC /DAppVersion=X.Y.Z /DSourceDir=<dist\rm-desktop> installer\rm_desktop.iss
; with the version read from rm_desktop\__init__.py (never written here; tests/test_installer.py checks).
;
; Per-user install without administrator rights into %LOCALAPPDATA%\Programs\RM Desktop, with a
; Start-menu entry. The vault (client data) is not part of the installation: it lives in
; %LOCALAPPDATA%\RMDesktop\RM Desktop\vault (or the folder chosen at first run). Uninstalling keeps
; it, unless the user answers Yes to the question at the end of an interactive uninstall.

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
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\RM Desktop
DisableDirPage=auto
DisableProgramGroupPage=yes
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
english.DeleteVaultQuestion=RM Desktop has been removed. Your vault (encrypted client data and its backups) was kept:%n%n%1%nDelete the vault as well? This cannot be undone.
#if HaveChinese
chinesesimplified.AppTitle=客户经理桌面档案
chinesesimplified.DeleteVaultQuestion=客户经理桌面档案已卸载。您的档案库（加密的客户数据及其备份）已保留：%n%n%1%n是否同时删除档案库？删除后无法恢复。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the libraries as a whole: files of the previous version must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:AppTitle}"; Filename: "{app}\rm-desktop.exe"; Comment: "RM Desktop"
Name: "{autodesktop}\{cm:AppTitle}"; Filename: "{app}\rm-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\rm-desktop.exe"; Description: "{cm:LaunchProgram,{cm:AppTitle}}"; Flags: nowait postinstall skipifsilent

[Code]
const
  KeyringService = 'rm-desktop-vault';  { rm_desktop/security/keystore.py SERVICE }
  CRED_TYPE_GENERIC = 1;
  SettingsKey = 'Software\RMDesktop\RM Desktop';  { QSettings: window state, language, vault folder }

function CredDeleteW(TargetName: String; CredType: DWORD; Flags: DWORD): BOOL;
  external 'CredDeleteW@advapi32.dll stdcall';

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

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Chosen, Folders: String;
  HasDefault, HasChosen: Boolean;
begin
  { A silent uninstall (IT tools) never deletes data. }
  if (CurUninstallStep <> usPostUninstall) or UninstallSilent() then
    Exit;
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
