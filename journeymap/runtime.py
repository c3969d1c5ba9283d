"""Process-wide tweaks, in one place: what journeymap changes about the Python process, and why.

Importing this module changes nothing (it is stdlib only, so `journeymap --help` stays
instant); the entry points apply what they need:

- the command line, `journeymap.cli.console_main`, calls `apply_cli()` first;
- the desktop app (and the image export, which paints the canvas), calls `apply_qt()`
  where it makes its QApplication (`journeymap.ui.app.make_application`,
  `journeymap.ui.image_export.ensure_application`).

So `import journeymap.ui` leaves the process as it was. The tweaks, each switched off
by its environment variable (any non-empty value) for debugging:

- the cyclic GC paused while a file is read or written, a PDF rendered, a card dragged
  (`paused_gc`, `GcHold`; io, export, canvas), and during a command's imports, then
  `gc.freeze` (`loading_for_good`; cli): `JOURNEYMAP_NO_GC_PAUSE`;
- a one-shot command ends with `os._exit` after flushing (`exit_now`; cli):
  `JOURNEYMAP_NO_FAST_EXIT`;
- `None`'s reference count made unreachable on PySide6 6.12.0 + Python 3.11
  (`guard_none_refcount`; the app and image export): `JOURNEYMAP_NO_NONE_GUARD`.

The umask is read, never changed (`current_umask`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "GcHold",
    "apply_cli",
    "apply_qt",
    "current_umask",
    "exit_now",
    "guard_none_refcount",
    "loading_for_good",
    "paused_gc",
]

NO_GC_PAUSE = "JOURNEYMAP_NO_GC_PAUSE"
NO_FAST_EXIT = "JOURNEYMAP_NO_FAST_EXIT"
NO_NONE_GUARD = "JOURNEYMAP_NO_NONE_GUARD"


def _off(switch: str) -> bool:
    return bool(os.environ.get(switch))


# -- the cyclic garbage collector

@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block; re-enable it after, only if it was on.

    Reading or writing a journey, or rendering a PDF, allocates hundreds of thousands of
    small objects that live on (nodes, records, operators); each allocation burst
    triggers collections that walk every live object again, so the collector's time
    grows faster than the work (a third of a 5,000-touchpoint load, a fifth of a poster).
    None of these objects form cycles, and reference counting frees them as usual.
    """
    if _off(NO_GC_PAUSE):
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class GcHold:
    """The cyclic collector paused from now until `release()`, across event-loop turns.

    For a card drag: it allocates many small records per mouse move, none in a cycle,
    and on a big map a full collection takes a frame or more. `release` is idempotent
    and re-enables the collector only if this hold disabled it.
    """

    def __init__(self) -> None:
        self._reenable = not _off(NO_GC_PAUSE) and gc.isenabled()
        if self._reenable:
            gc.disable()

    def release(self) -> None:
        """Re-enable the collector if this hold paused it (once; later calls do nothing)."""
        if self._reenable:
            self._reenable = False
            gc.enable()


@contextmanager
def loading_for_good() -> Iterator[None]:
    """Pause the collector while importing what lives until the program ends, then freeze it.

    Imports create hundreds of thousands of objects that are never freed (modules,
    classes, functions); collections during an import walk them again and again, and
    `gc.freeze` keeps every later collection from walking them at all. For the
    commands of the CLI: about 40 ms of a 0.4 s export.
    """
    if _off(NO_GC_PAUSE):
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# -- ending a one-shot command

def exit_now(code: int) -> None:
    """End a one-shot command with `code` once stdout and stderr are flushed, skipping teardown.

    Everything the command wrote is closed by then (saves are atomic and fsynced);
    tearing down the interpreter's hundreds of thousands of objects would add a tenth
    to a small export. With `JOURNEYMAP_NO_FAST_EXIT` set it exits the usual way
    (`sys.exit`), running atexit handlers and finalizers.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`): nothing more to say
            stream.flush()
    if _off(NO_FAST_EXIT):
        sys.exit(code)
    os._exit(code)


# -- the umask, read without changing it

def _umask_from_proc() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return None


def _umask_by_setting() -> int:
    # Setting the umask is the only portable way to read it; it is process-wide, so a
    # file created by another thread in between would get the wrong mode. Done only at
    # start-up (import of this module, `apply_cli`), before any thread.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


_HAS_PROC_UMASK = _umask_from_proc() is not None
_START_UMASK = None if _HAS_PROC_UMASK else _umask_by_setting()


def current_umask() -> int:
    """The process's umask, for giving a new file the mode `open` would have given it.

    Read from `/proc/self/status` (Linux 4.7 and later), which changes nothing; elsewhere
    the value read once at start-up, before any thread (the umask is not changed later
    by journeymap).
    """
    if _HAS_PROC_UMASK:
        mask = _umask_from_proc()
        if mask is not None:
            return mask
    return _START_UMASK if _START_UMASK is not None else 0o022


def _snapshot_umask() -> None:
    global _START_UMASK
    if not _HAS_PROC_UMASK:
        _START_UMASK = _umask_by_setting()


# -- PySide6 6.12.0's reference-counting bug

_IMMORTAL_BOOST = 1 << 40


def void_call_steals_none() -> bool:
    """True when a Qt method returning nothing drops a reference to None (the bug). Imports PySide6."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 4


_none_guarded = False


def guard_none_refcount() -> bool:
    """Give `None` a reference count that cannot run out, when this PySide6 needs it; True if applied.

    With PySide6 6.12.0 on Python 3.11 every Qt method that returns nothing
    (`painter.drawRect`, `item.setPos`, …) takes one reference from `None` instead of
    giving one back. A canvas makes thousands of such calls per repaint, so `None`'s
    count soon reaches zero and the interpreter aborts ("none_dealloc: deallocating
    None"). Python 3.12 and later make `None` immortal; on 3.11 this does what 3.12
    does. Applied only when a probe shows the bug (so it is inert on every fixed
    release), at most once per process. pyproject excludes 6.12.0; the guard stays for
    installs that force it, as long as that release can be installed.
    """
    global _none_guarded
    if _none_guarded or _off(NO_NONE_GUARD):
        return False
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if not void_call_steals_none():
        return False
    import ctypes

    # ob_refcnt is the first field of every CPython object (3.11 and earlier).
    ctypes.c_ssize_t.from_address(id(None)).value += _IMMORTAL_BOOST
    _none_guarded = True
    return True


# -- what the entry points apply

def apply_cli() -> None:
    """What the command line applies before it runs anything: the umask read while single-threaded.

    The GC tweaks and the fast exit are used by the CLI itself (`loading_for_good`,
    `exit_now`), so they take effect only in a `journeymap` process.
    """
    _snapshot_umask()


def apply_qt() -> None:
    """What a process that runs Qt applies before it makes its application: the `None` guard."""
    guard_none_refcount()
