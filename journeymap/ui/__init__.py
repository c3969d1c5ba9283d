"""The PySide6 desktop application.

Importing any part of the UI first applies the guard against PySide6 6.12.0's
reference-counting bug on Python 3.11 (see `journeymap.ui.canvas.qtfix`);
pyproject.toml also excludes that release.
"""

from journeymap.ui.canvas.qtfix import keep_none_alive

keep_none_alive()
