"""The window's side docks: the palette (stage templates, channels) and the structure tree."""

from journeymap.ui.docks.palette import PaletteWidget
from journeymap.ui.docks.structure import StructureTree

__all__ = ["PaletteWidget", "StructureTree"]
