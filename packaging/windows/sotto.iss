; Inno Setup 6 script: Sotto's installer for Windows, made from the folder dist\Sotto that
; `make package` (packaging\build.py) builds on Windows, which also runs this script:
;   ISCC /DAppVersion=0.1.0 packaging\windows\sotto.iss
; Installs for the current user only (no administrator), adds a Start-menu entry, and
; uninstalls without touching the user's conversations unless the user says to delete them.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (packaging\build.py does)
#endif
#define AppName "Sotto"
#define AppExe "sotto.exe"
#define CliExe "sotto-cli.exe"
#define Root "..\.."
#define AppFolder Root + "\dist\Sotto"
#define IconsFolder Root + "\build\icons"

[Setup]
AppId={{5E0C7A8B-3F7D-4B8E-9D41-7C2B1A6F0D53}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Sotto contributors
AppCopyright=Copyright (c) Sotto contributors. MIT License.
; Per user: {autopf} is %LOCALAPPDATA%\Programs. The user's data lives elsewhere, in
; %LOCALAPPDATA%\Sotto (platformdirs' user_data_dir and user_cache_dir for "Sotto").
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile={#Root}\LICENSE
SetupIconFile={#IconsFolder}\sotto.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#AppFolder}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  DeleteData: Boolean;

function DataQuestion(): String;
begin
  Result := 'Also delete your Sotto conversations, settings and downloaded models from this computer?'
    + #13#10#13#10 + 'Choose No to keep them for a later installation of Sotto.';
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  ResultCode: Integer;
begin
  if CurUninstallStep = usUninstall then
  begin
    { Asked before the program's files go, and No unless the user says Yes (also when
      silent): Sotto itself then forgets everything, its key in the Credential Manager first. }
    DeleteData := SuppressibleMsgBox(DataQuestion(), mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES;
    if DeleteData then
      Exec(ExpandConstant('{app}\{#CliExe}'), 'forget-everything --include-models --yes', '',
        SW_HIDE, ewWaitUntilTerminated, ResultCode);
  end;
  if (CurUninstallStep = usPostUninstall) and DeleteData then
    { Whatever the command left: the data folder, with the cache folder inside it. }
    DelTree(ExpandConstant('{localappdata}\{#AppName}'), True, True, True);
end;
