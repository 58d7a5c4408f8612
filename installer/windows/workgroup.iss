; Inno Setup script of the Windows installer (Inno Setup 6): installs the PyInstaller folder
; built by `make dist` (dist\workgroup\), adds a Start-menu entry, opens exchange bundles
; (.osb) and office cards (.wgcard) with the application, and uninstalls cleanly.
;
; The user's data — stores, keys, backups — lives in %LOCALAPPDATA%\Workgroup, outside the
; program's folder: the uninstaller removes the program and leaves the data where it is.
;
;     pyinstaller --noconfirm installer\workgroup.spec
;     iscc installer\windows\workgroup.iss

#define AppName "Workgroup"
#define AppVersion "0.1.0"
#define AppExe "workgroup-app.exe"

[Setup]
AppId={{8C2B7E8A-4E31-4C6B-9A5E-3D0F6F2A9B17}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The Workgroup authors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=workgroup-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\workgroup.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\workgroup\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Exchange bundles and office cards open in the application (its Exchange page).
Root: HKA; Subkey: "Software\Classes\.osb"; ValueType: string; ValueName: ""; ValueData: "Workgroup.Bundle"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Workgroup.Bundle"; ValueType: string; ValueName: ""; ValueData: "Workgroup exchange bundle"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Workgroup.Bundle\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Workgroup.Bundle\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.wgcard"; ValueType: string; ValueName: ""; ValueData: "Workgroup.Card"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Workgroup.Card"; ValueType: string; ValueName: ""; ValueData: "Workgroup office card"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Workgroup.Card\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\Workgroup.Card\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
