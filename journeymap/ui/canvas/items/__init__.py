"""Scene items of the canvas: one class per kind of thing drawn on the map."""
