"""The PySide6 desktop application.

Importing it changes no process state: the guard against PySide6 6.12.0's
reference-counting bug on Python 3.11 (`journeymap.runtime.guard_none_refcount`) is
applied where the application is made (`journeymap.ui.app.make_application`, and the
image export's `ensure_application`); pyproject.toml also excludes that release.
"""
