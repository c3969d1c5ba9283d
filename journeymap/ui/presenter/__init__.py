"""The presenter view: the map for a room, one stage at a time, with capture of the room's notes."""

from journeymap.ui.presenter.view import PresenterView

__all__ = ["PresenterView"]
