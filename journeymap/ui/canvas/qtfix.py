"""A guard against a reference-counting bug of PySide6 6.12.0 on Python 3.11.

In that combination every Qt method that returns nothing (`painter.drawRect`,
`item.setPos`, ...) takes one reference from `None` instead of giving one back.
A canvas makes thousands of such calls per repaint, so `None`'s count soon reaches
zero and the interpreter aborts ("none_dealloc: deallocating None"). Python 3.12
and later make `None` immortal, so the bug is harmless there; on 3.11 we do what
3.12 does: give `None` a count so large it can never run out.
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL_BOOST = 1 << 40


def void_call_steals_none() -> bool:
    """True when a Qt method returning nothing drops a reference to None (the bug)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 4


def keep_none_alive() -> bool:
    """Apply the guard when this interpreter needs it; True when it was applied."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if getattr(sys, "_journeymap_none_guard", False) or not void_call_steals_none():
        return False
    # ob_refcnt is the first field of every CPython object (3.11 and earlier).
    ctypes.c_ssize_t.from_address(id(None)).value += _IMMORTAL_BOOST
    sys._journeymap_none_guard = True  # type: ignore[attr-defined]
    return True
