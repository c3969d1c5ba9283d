"""The facilitator's gestures through a real X server (Xvfb) with real input (xdotool):
`tools/real_input_check.py`, skipped with a clear message where those are not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "real_input_check.py"


@pytest.mark.skipif(shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
                    reason="the real-display check needs Xvfb and xdotool (apt-get install xvfb xdotool)")
def test_drag_a_channel_enter_in_the_middle_and_ctrl_y_on_a_real_display() -> None:
    done = subprocess.run([sys.executable, str(TOOL)], capture_output=True, text=True, timeout=150, check=False)
    assert done.returncode == 0 and "all checks hold" in done.stdout, done.stdout + done.stderr
