"""The inspector dock: edits the fields of the selected touchpoint, stage, flow or the journey."""

from journeymap.ui.inspector.inspector import Inspector

__all__ = ["Inspector"]
