"""Touchpoints on the clipboard: JSON of their fields plus the plain-text names.

One path serves copy, cut, paste and duplicate: `touchpoints_to_data` →
`data_to_mime` / `mime_to_data` → `PasteTouchpointsCommand`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QMimeData

from journeymap.model import TOUCHPOINT_FIELDS, Journey
from journeymap.ui.canvas.mime import TOUCHPOINTS_MIME

FORMAT_VERSION = 1


def touchpoints_to_data(journey: Journey, tp_ids: Iterable[str]) -> dict[str, Any]:
    """The fields of some touchpoints (journey order) and the flows among them."""
    wanted = set(tp_ids)
    ordered = [t for t in journey.touchpoint_ids() if t in wanted]
    position = {tp_id: i for i, tp_id in enumerate(ordered)}
    items = []
    for tp_id in ordered:
        tp = journey.touchpoint(tp_id)
        data: dict[str, Any] = {}
        for f in fields(tp):
            if f.name in ("id", "stage"):
                continue
            value = getattr(tp, f.name)
            if isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = dict(value)
            data[f.name] = value
        items.append(data)
    flows = [
        [position[f.source], position[f.target], f.label]
        for f in journey.flows()
        if f.source in position and f.target in position
    ]
    return {"journeymap-touchpoints": FORMAT_VERSION, "touchpoints": items, "flows": flows}


def data_to_mime(data: Mapping[str, Any]) -> QMimeData:
    """Clipboard data: our JSON for journeymap, the names one per line for everything else."""
    mime = QMimeData()
    mime.setData(TOUCHPOINTS_MIME, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    mime.setText("\n".join(str(item["name"]) for item in data["touchpoints"]))
    return mime


def mime_to_data(mime: QMimeData | None) -> tuple[list[dict[str, Any]], list[tuple[int, int, str]]] | None:
    """Touchpoint field mappings and inner flows from the clipboard, or None if it holds none.

    Plain text pastes as one touchpoint per non-empty line. Unknown or invalid fields
    are dropped, so a clipboard from another version never breaks a paste.
    """
    if mime is None:
        return None
    if mime.hasFormat(TOUCHPOINTS_MIME):
        try:
            data = json.loads(bytes(mime.data(TOUCHPOINTS_MIME).data()).decode("utf-8"))
            raw_items = data["touchpoints"]
            raw_flows = data.get("flows", [])
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        cleaned = [_clean(item) if isinstance(item, dict) else None for item in raw_items]
        items = [item for item in cleaned if item is not None]
        if not items:
            return None
        if len(items) != len(cleaned):
            return items, []  # flow positions no longer match once items were dropped
        flows = []
        for flow in raw_flows:
            if (isinstance(flow, list) and len(flow) == 3 and all(isinstance(v, int) for v in flow[:2])
                    and 0 <= flow[0] < len(items) and 0 <= flow[1] < len(items) and flow[0] != flow[1]):
                flows.append((flow[0], flow[1], str(flow[2] or "")))
        return items, flows
    if mime.hasText():
        names = [line.strip() for line in mime.text().splitlines() if line.strip()]
        return ([{"name": name[:200]} for name in names[:200]], []) if names else None
    return None


def _clean(item: Mapping[str, Any]) -> dict[str, Any] | None:
    cleaned: dict[str, Any] = {}
    for key, value in item.items():
        validator = TOUCHPOINT_FIELDS.get(key)
        if validator is None:
            continue
        try:
            cleaned[key] = validator(value)
        except ValueError:
            continue
    return cleaned if "name" in cleaned else None
