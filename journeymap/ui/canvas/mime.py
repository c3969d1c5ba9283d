"""MIME types of what can be dragged onto the canvas or copied from it.

The palette dock drags `STAGE_MIME`, `CHANNEL_MIME` and `LANE_MIME`; the canvas accepts them.
Payloads are UTF-8 text.
"""

from __future__ import annotations

#: A stage template from the palette; payload: the template name ("Intent"), or "" for a custom stage.
STAGE_MIME = "application/x-journeymap-stage"

#: A channel from the palette; payload: the channel id ("email") or custom channel text.
CHANNEL_MIME = "application/x-journeymap-channel"

#: A lane template from the palette; payload: its label ("Doing", "Metric…"; see ui.lane_templates).
LANE_MIME = "application/x-journeymap-lane"

#: Touchpoints on the clipboard; payload: JSON {"touchpoints": [{field: value, ...}, ...]}.
TOUCHPOINTS_MIME = "application/x-journeymap-touchpoints"
