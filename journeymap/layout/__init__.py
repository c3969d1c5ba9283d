"""Pure geometry of a journey map, shared by the canvas and every export."""
