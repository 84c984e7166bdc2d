# Build riskdesk for Windows on a Windows machine: the two programs, the MSI, signed when a
# certificate is given, then install it silently for all users, smoke-test the installed programs,
# uninstall silently and check that nothing is left.
#   pwsh packaging/windows/build.ps1
# Needs uv and the WiX Toolset 5 (`dotnet tool install --global wix --version 5.0.2`).
# Signing (optional): WINDOWS_CERTIFICATE (the .pfx, base64) and WINDOWS_CERTIFICATE_PASSWORD in the
# environment (in CI, from the repository's secrets); without them the build is unsigned.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$Dist = Join-Path $Root "packaging\dist"
$Version = (uv run --quiet python -c "import riskdesk; print(riskdesk.__version__)").Trim()

function Invoke-Checked([scriptblock]$Step) {
    & $Step
    if ($LASTEXITCODE -ne 0) { throw "Failed ($LASTEXITCODE): $Step" }
}

Write-Host "== build riskdesk $Version"
Invoke-Checked { uv run --quiet --with pyinstaller pyinstaller --noconfirm --log-level WARN `
    --distpath $Dist --workpath (Join-Path $Root "packaging\build") packaging\riskdesk.spec }
Invoke-Checked { uv run --quiet python packaging\collect_licences.py (Join-Path $Dist "riskdesk\licences") }

$Certificate = $null
if ($env:WINDOWS_CERTIFICATE) {
    $Certificate = Join-Path $env:RUNNER_TEMP "riskdesk-signing.pfx"
    if (-not $env:RUNNER_TEMP) { $Certificate = Join-Path $env:TEMP "riskdesk-signing.pfx" }
    [IO.File]::WriteAllBytes($Certificate, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
}
function Sign-Files([string[]]$Files) {
    if (-not $Certificate) { Write-Host "   (not signed: no certificate given)"; return }
    $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
        Sort-Object FullName -Descending | Select-Object -First 1
    Invoke-Checked { & $signtool.FullName sign /f $Certificate /p $env:WINDOWS_CERTIFICATE_PASSWORD `
        /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /d riskdesk @Files }
}
Write-Host "== sign the programs"
Sign-Files @((Join-Path $Dist "riskdesk\riskdesk.exe"), (Join-Path $Dist "riskdesk\riskdesk-cli.exe"))

Write-Host "== smoke-test the built folder"
Invoke-Checked { python packaging\smoke.py (Join-Path $Dist "riskdesk") }

Write-Host "== MSI"
$Rtf = Join-Path $Root "packaging\build\licence.rtf"
$Text = (Get-Content (Join-Path $Dist "riskdesk\licences\README.txt") -Raw) -replace '\\', '\\' -replace "`r?`n", "\par`n"
Set-Content -Path $Rtf -Value "{\rtf1\ansi\deff0{\fonttbl{\f0 Segoe UI;}}\f0\fs18 $Text}" -Encoding ascii
$Msi = Join-Path $Dist "riskdesk-$Version-x64.msi"
Invoke-Checked { wix extension add -g WixToolset.UI.wixext/5.0.2 WixToolset.Util.wixext/5.0.2 }
Invoke-Checked { wix build packaging\windows\riskdesk.wxs -arch x64 -ext WixToolset.UI.wixext -ext WixToolset.Util.wixext `
    -d Version=$Version -d SourceDir=(Join-Path $Dist "riskdesk") -d IconFile=resources\icons\riskdesk.ico `
    -d LicenceRtf=$Rtf -o $Msi }
Sign-Files @($Msi)

Write-Host "== install silently for all users, smoke-test, uninstall silently"
$Log = Join-Path $Dist "install.log"
$p = Start-Process msiexec -ArgumentList "/i `"$Msi`" /qn ALLUSERS=1 /l*v `"$Log`"" -Wait -PassThru
if ($p.ExitCode -ne 0) { throw "silent install failed ($($p.ExitCode)); see $Log" }
$Installed = Join-Path ${env:ProgramFiles} "riskdesk"
Invoke-Checked { python packaging\smoke.py $Installed }
$OpenWith = Get-ItemProperty "Registry::HKEY_LOCAL_MACHINE\Software\Classes\.sqlite\OpenWithProgids" -ErrorAction Stop
if ($null -eq $OpenWith."riskdesk.register") { throw ".sqlite does not offer riskdesk under Open with" }
$p = Start-Process msiexec -ArgumentList "/x `"$Msi`" /qn /l*v `"$Log.uninstall`"" -Wait -PassThru
if ($p.ExitCode -ne 0) { throw "silent uninstall failed ($($p.ExitCode))" }
if (Test-Path $Installed) { throw "uninstall left $Installed behind" }
if (Test-Path "Registry::HKEY_LOCAL_MACHINE\Software\Classes\riskdesk.register") { throw "uninstall left the ProgID" }
if (Test-Path "Registry::HKEY_LOCAL_MACHINE\Software\riskdesk") { throw "uninstall left HKLM\Software\riskdesk" }
Write-Host "== $Msi built, installed, smoke-tested and uninstalled"
