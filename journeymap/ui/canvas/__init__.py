"""The journey canvas: scene, items, view and the gestures that edit the map."""

from journeymap.ui.canvas.qtfix import keep_none_alive

keep_none_alive()
