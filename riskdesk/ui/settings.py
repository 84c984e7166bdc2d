"""Where the window keeps its habits: recent files, geometry, columns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "riskdesk"
APPLICATION = "riskdesk"
MAX_RECENT = 8


def app_settings() -> QSettings:
    """The user's settings for riskdesk (an INI file in the user's settings folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def recent_files() -> list[Path]:
    """Files opened lately, newest first, that still exist."""
    value = app_settings().value("recentFiles", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):  # nothing stored yet (or something unreadable)
        return []
    return [Path(str(text)) for text in value if Path(str(text)).exists()]


def remember_file(path: Path) -> None:
    """Put a file at the top of the recent list and remember it as the last one open."""
    settings = app_settings()
    text = str(Path(path).resolve())
    existing = [str(p) for p in recent_files() if str(p) != text]
    settings.setValue("recentFiles", [text, *existing][:MAX_RECENT])
    settings.setValue("lastFile", text)


def forget_last_file() -> None:
    """The user closed the file: start on the start page next time."""
    app_settings().remove("lastFile")


def last_file() -> Path | None:
    """The file open when riskdesk was last closed, if it is still there."""
    value = app_settings().value("lastFile", "")
    if value and Path(str(value)).exists():
        return Path(str(value))
    return None


def history_name() -> str:
    """The name written into the history for this user's changes (the computer account by default)."""
    from riskdesk.services.identity import default_user

    value = app_settings().value("user/historyName", "")
    return str(value).strip() or default_user()


def set_history_name(name: str) -> None:
    """Remember the name for the history; an empty name goes back to the computer account."""
    app_settings().setValue("user/historyName", name.strip())
