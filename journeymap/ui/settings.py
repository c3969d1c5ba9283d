"""Where the app keeps its settings (QSettings under one organisation and application name)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "journeymap"
APPLICATION = "journeymap"


def app_settings() -> QSettings:
    """The app's settings (recent files, window geometry and dock layout)."""
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


#: Keep the previous version of a file as `NAME.yaml.bak` on each save (on by default).
KEEP_BACKUP_KEY = "files/keepBackup"


def keep_backup() -> bool:
    """True when saving should keep the previous version as `NAME.yaml.bak`."""
    value = app_settings().value(KEEP_BACKUP_KEY, True)
    if isinstance(value, str):  # INI-style backends hand booleans back as text
        return value.strip().lower() not in ("false", "0", "no", "off")
    return bool(value)


def set_keep_backup(on: bool) -> None:
    """Turn `.bak` backups on or off."""
    app_settings().setValue(KEEP_BACKUP_KEY, bool(on))
