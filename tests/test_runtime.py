"""The process-wide tweaks (journeymap.runtime): nothing changes on import, each is switchable off."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap

import pytest

from journeymap import runtime

BOOST = 1 << 39  # far below the guard's boost, far above any real count of None


def python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYMAP_NO_")}
    environment.update(env)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, env=environment)


def test_importing_the_ui_changes_no_process_state() -> None:
    result = python("""
        import gc, os, sys
        mask = os.umask(0o022); os.umask(mask)
        import journeymap.ui, journeymap.ui.app, journeymap.ui.main_window
        after = os.umask(0o022); os.umask(after)
        print(gc.isenabled(), gc.get_freeze_count(), sys.getrefcount(None) < (1 << 39), mask == after)
    """)
    assert result.stdout.split() == ["True", "0", "True", "True"], result.stderr


def test_the_none_guard_is_inert_on_a_pyside6_without_the_bug() -> None:
    import PySide6

    if PySide6.__version__ == "6.12.0" and sys.version_info < (3, 12):
        pytest.skip("this PySide6 has the bug")
    result = python("""
        import sys
        from journeymap import runtime
        print(runtime.void_call_steals_none(), runtime.guard_none_refcount(), sys.getrefcount(None) < (1 << 39))
    """)
    assert result.stdout.split() == ["False", "False", "True"], result.stderr


@pytest.mark.skipif(sys.implementation.name != "cpython" or sys.version_info >= (3, 12),
                    reason="None is immortal: the guard never applies")
def test_the_none_guard_applies_once_when_the_probe_finds_the_bug() -> None:
    result = python("""
        import sys
        from journeymap import runtime
        runtime.void_call_steals_none = lambda: True
        before = sys.getrefcount(None)
        print(runtime.guard_none_refcount(), runtime.guard_none_refcount(), sys.getrefcount(None) - before >= 1 << 40)
    """)
    assert result.stdout.split() == ["True", "False", "True"], result.stderr
    off = python("""
        from journeymap import runtime
        runtime.void_call_steals_none = lambda: True
        print(runtime.guard_none_refcount())
    """, JOURNEYMAP_NO_NONE_GUARD="1")
    assert off.stdout.split() == ["False"], off.stderr


def test_the_app_entry_point_applies_the_qt_tweaks(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    from journeymap.ui.app import make_application

    applied: list[str] = []
    monkeypatch.setattr(runtime, "guard_none_refcount", lambda: applied.append("guard") or False)
    make_application()
    assert applied == ["guard"]


def test_paused_gc_and_a_hold_restore_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gc.isenabled()
    with runtime.paused_gc():
        assert not gc.isenabled()
        with runtime.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    hold = runtime.GcHold()
    assert not gc.isenabled()
    hold.release()
    hold.release()
    assert gc.isenabled()
    gc.disable()
    try:
        runtime.GcHold().release()  # paused by someone else: stays paused
        assert not gc.isenabled()
    finally:
        gc.enable()
    monkeypatch.setenv(runtime.NO_GC_PAUSE, "1")
    with runtime.paused_gc():
        assert gc.isenabled()
    runtime.GcHold()
    assert gc.isenabled()


def test_loading_for_good_freezes_what_was_loaded_unless_switched_off() -> None:
    code = """
        import gc
        from journeymap import runtime
        with runtime.loading_for_good():
            paused = not gc.isenabled()
            import json
        print(paused, gc.isenabled(), gc.get_freeze_count() > 0)
    """
    assert python(code).stdout.split() == ["True", "True", "True"]
    assert python(code, JOURNEYMAP_NO_GC_PAUSE="1").stdout.split() == ["False", "True", "False"]


def test_exit_now_flushes_and_skips_teardown_unless_switched_off() -> None:
    code = """
        import atexit, sys
        from journeymap import runtime
        atexit.register(lambda: print("teardown"))
        print("written", end="")
        runtime.exit_now(3)
    """
    fast = python(code)
    assert (fast.returncode, fast.stdout) == (3, "written")
    slow = python(code, JOURNEYMAP_NO_FAST_EXIT="1")
    assert (slow.returncode, slow.stdout) == (3, "writtenteardown\n")


def test_the_umask_is_read_without_changing_it() -> None:
    result = python("""
        import os
        os.umask(0o027)
        from journeymap import runtime
        runtime.apply_cli()
        print(oct(runtime.current_umask()))
        os.umask(0o002)
        print(oct(runtime.current_umask()) if os.path.exists("/proc/self/status") else "0o2")
    """)
    assert result.stdout.split() == ["0o27", "0o2"], result.stderr


def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: object) -> None:
    result = python(f"""
        import os
        os.umask(0o077)
        from journeymap.io import atomic_write
        atomic_write({str(tmp_path)!r} + "/new.txt", b"x")
        print(oct(os.stat({str(tmp_path)!r} + "/new.txt").st_mode & 0o777))
    """)
    assert result.stdout.strip() == "0o600", result.stderr
