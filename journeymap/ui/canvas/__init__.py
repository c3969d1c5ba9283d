"""The journey canvas: scene, items, view and the gestures that edit the map."""
