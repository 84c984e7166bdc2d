"""The Windows version resource (Properties > Details) for riskdesk.exe and riskdesk-cli.exe."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080904B0', [
      StringStruct('CompanyName', 'riskdesk'),
      StringStruct('FileDescription', 'riskdesk: council risk registers and committee papers'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'riskdesk'),
      StringStruct('LegalCopyright', 'MIT licence; bundled parts under their own licences (see licences)'),
      StringStruct('OriginalFilename', 'riskdesk.exe'),
      StringStruct('ProductName', 'riskdesk'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2057, 1200])])
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' as the four numbers Windows keeps: (0, 1, 0, 0); anything not a number counts 0."""
    parts = [int(part) if part.isdigit() else 0 for part in version.split(".")[:4]]
    return tuple(([*parts, 0, 0, 0, 0])[:4])  # type: ignore[return-value]


def write_version_file(version: str, target: Path) -> Path:
    """Write PyInstaller's version file for this version; returns its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(TEMPLATE.format(numbers=version_numbers(version), version=version), encoding="utf-8")
    return target
