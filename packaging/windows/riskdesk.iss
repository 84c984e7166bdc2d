; Inno Setup script: packs dist\riskdesk\ (from riskdesk.spec) into a per-user installer
; that needs no administrator rights, as council laptops are locked down.
[Setup]
AppName=riskdesk
AppVersion=0.1.0
DefaultDirName={localappdata}\Programs\riskdesk
DefaultGroupName=riskdesk
PrivilegesRequired=lowest
OutputBaseFilename=riskdesk-setup
Compression=lzma2
SolidCompression=yes

[Files]
Source: "..\dist\riskdesk\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\riskdesk"; Filename: "{app}\riskdesk.exe"
Name: "{userdesktop}\riskdesk"; Filename: "{app}\riskdesk.exe"; Tasks: desktopicon

[Tasks]
Name: desktopicon; Description: "Create a desktop shortcut"

[Registry]
Root: HKCU; Subkey: "Software\Classes\.sqlite\OpenWithProgids"; ValueType: string; ValueName: "riskdesk.register"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\riskdesk.register\shell\open\command"; ValueType: string; ValueData: """{app}\riskdesk.exe"" ""%1"""
