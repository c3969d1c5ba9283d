"""Where the app keeps its settings (QSettings under one organisation and application name)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "journeymap"
APPLICATION = "journeymap"


def app_settings() -> QSettings:
    """The app's settings (recent files, window geometry and dock layout)."""
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
