"""The Journey: one networkx graph of stages, touchpoints and flows, plus personas.

All reads go through typed accessors that return immutable records; all writes go
through mutation methods that validate their input (ValueError with a clear message)
and announce what changed with a typed event (see `journeymap.model.events`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from types import MappingProxyType

import networkx as nx

from journeymap.model import events as ev
from journeymap.model.entities import (
    PERSONA_FIELDS,
    STAGE_FIELDS,
    TOUCHPOINT_FIELDS,
    Flow,
    Persona,
    Stage,
    Touchpoint,
    clean_fields,
    clean_name,
    clean_text,
)
from journeymap.model.lanes import BLUEPRINT_LANES, DEFAULT_LANES, MAX_LANES, Lane, check_lanes, make_lane
from journeymap.model.limits import MAX_FLOWS, MAX_PERSONAS, MAX_STAGES, MAX_TOUCHPOINTS, check_count
from journeymap.model.text import check_id, normalise_text, unique_id

#: The templates `from_template` knows, for `journeymap new --template` and File ▸ New.
TEMPLATES = ("default", "blueprint", "blank")

_STAGE = "stage"
_TOUCHPOINT = "touchpoint"


@dataclass(frozen=True)
class RemovedTouchpoint:
    """What `remove_touchpoint` took away, so `restore_touchpoint` can put it back exactly."""

    touchpoint: Touchpoint
    index: int
    flows: tuple[tuple[Flow, int], ...]


@dataclass(frozen=True)
class RemovedLane:
    """What `remove_lane` took away, so `restore_lane` can put it back exactly."""

    config: tuple[Lane, ...] | None          # the lane list before (None: the default set)
    notes: tuple[tuple[str, tuple[str, ...]], ...]  # (touchpoint id, its notes in the lane)
    lane: Lane
    index: int


class RemovedPersona(NamedTuple):
    """What `remove_persona` took away; `restore_persona(*removed)` puts it back exactly."""

    persona: Persona
    position: int                               # its index in the persona list
    emotions: tuple[tuple[str, int], ...] = ()  # (touchpoint id, this persona's emotion there)


@dataclass(frozen=True)
class RemovedStage:
    """What `remove_stage` took away or moved, so `restore_stage` can undo it exactly."""

    stage: Stage
    index: int
    removed: tuple[RemovedTouchpoint, ...] = ()
    moved: tuple[tuple[str, int], ...] = ()  # (touchpoint id, its index in the removed stage)


class Journey(ev.Observable):
    """A customer journey map: personas, ordered stages, touchpoints in step order, flows."""

    def __init__(self, title: str = "Untitled journey", description: str = "") -> None:
        super().__init__()
        self._title = clean_name(title, "title")
        self._description = clean_text(description, "description")
        self._graph = nx.DiGraph()
        self._stage_order: list[str] = []
        self._steps: dict[str, list[str]] = {}
        self._flow_order: list[tuple[str, str]] = []
        self._flow_positions: dict[tuple[str, str], int] | None = None  # built on demand
        self._personas: list[Persona] = []
        self._lanes: tuple[Lane, ...] | None = None  # None: the default set (no `lanes:` in the file)

    # ------------------------------------------------------------------ journey fields
    @property
    def title(self) -> str:
        """The journey's title (never empty)."""
        return self._title

    @property
    def description(self) -> str:
        """Free text describing the journey (scope, research basis, as-is/to-be)."""
        return self._description

    def set_title(self, title: str) -> None:
        """Rename the journey."""
        self.update_journey(title=title)

    def set_description(self, description: str) -> None:
        """Change the journey's description."""
        self.update_journey(description=description)

    def update_journey(self, **fields: Any) -> None:
        """Set `title` and/or `description`; announces JourneyChanged when anything changed."""
        cleaned = clean_fields(
            {"title": lambda v: clean_name(v, "title"), "description": lambda v: clean_text(v, "description")},
            fields,
            "journey",
        )
        changed = {k for k, v in cleaned.items() if getattr(self, f"_{k}") != v}
        for key in changed:
            setattr(self, f"_{key}", cleaned[key])
        if changed:
            self._emit(ev.JourneyChanged(frozenset(changed)))

    # ------------------------------------------------------------------ ids
    def _all_ids(self) -> set[str]:
        return set(self._graph.nodes)

    def new_stage_id(self, name: str) -> str:
        """An unused id derived from `name`, for a new stage."""
        return unique_id(name, self._graph.nodes, "stage")

    def new_touchpoint_id(self, name: str) -> str:
        """An unused id derived from `name`, for a new touchpoint."""
        return unique_id(name, self._graph.nodes, "touchpoint")

    def new_persona_id(self, name: str) -> str:
        """An unused persona id derived from `name`."""
        return unique_id(name, {p.id for p in self._personas}, "persona")

    def _claim_id(self, wanted: str | None, name: str, fallback: str) -> str:
        if wanted is None:
            return unique_id(name, self._graph.nodes, fallback)
        check_id(wanted, f"{fallback} id")
        if wanted in self._graph:
            raise ValueError(f"id {wanted!r} is already used by a {self._kind(wanted)}")
        return wanted

    def _kind(self, node_id: str) -> str:
        return str(self._graph.nodes[node_id]["kind"])

    # ------------------------------------------------------------------ stages: read
    def stages(self) -> list[Stage]:
        """All stages in journey order."""
        return [self._graph.nodes[s]["record"] for s in self._stage_order]

    def stage_ids(self) -> list[str]:
        """Stage ids in journey order."""
        return list(self._stage_order)

    def has_stage(self, stage_id: str) -> bool:
        """True when `stage_id` names a stage."""
        return stage_id in self._steps

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id (ValueError if there is none)."""
        self._require_stage(stage_id)
        return self._graph.nodes[stage_id]["record"]  # type: ignore[no-any-return]

    def stage_index(self, stage_id: str) -> int:
        """Position of the stage, 0 = first."""
        self._require_stage(stage_id)
        return self._stage_order.index(stage_id)

    def _require_stage(self, stage_id: str) -> None:
        if stage_id not in self._steps:
            raise ValueError(f"there is no stage {stage_id!r}")

    # ------------------------------------------------------------------ stages: write
    def add_stage(self, name: str, *, index: int | None = None, id: str | None = None, **fields: Any) -> Stage:
        """Add a stage at `index` (default: last); `id` is derived from the name when omitted."""
        check_count(len(self._stage_order), 1, MAX_STAGES, "stages")
        cleaned = clean_fields(STAGE_FIELDS, {"name": name, **fields}, "stage")
        index = self._insert_index(index, len(self._stage_order), "stage")
        stage_id = self._claim_id(id, cleaned["name"], _STAGE)
        record = Stage(id=stage_id, **cleaned)
        self._graph.add_node(stage_id, kind=_STAGE, record=record)
        self._stage_order.insert(index, stage_id)
        self._steps[stage_id] = []
        self._emit(ev.StageAdded(stage_id, index))
        return record

    def update_stage(self, stage_id: str, **fields: Any) -> Stage:
        """Change a stage's name, description or color; announces only real changes."""
        old = self.stage(stage_id)
        cleaned = clean_fields(STAGE_FIELDS, fields, "stage")
        return self._replace(stage_id, old, cleaned, ev.StageChanged)  # type: ignore[return-value]

    def rename_stage(self, stage_id: str, name: str) -> Stage:
        """Give a stage a new display name (its id stays)."""
        return self.update_stage(stage_id, name=name)

    def recolor_stage(self, stage_id: str, color: str | None) -> Stage:
        """Set a stage's header colour ('#RRGGBB'), or None for the automatic one."""
        return self.update_stage(stage_id, color=color)

    def move_stage(self, stage_id: str, index: int) -> None:
        """Move a stage to position `index` in the journey."""
        old_index = self.stage_index(stage_id)
        if not 0 <= index < len(self._stage_order):
            raise ValueError(f"stage index {index} is out of range 0..{len(self._stage_order) - 1}")
        if index == old_index:
            return
        self._stage_order.pop(old_index)
        self._stage_order.insert(index, stage_id)
        self._emit(ev.StageMoved(stage_id, index, old_index))

    def remove_stage(
        self,
        stage_id: str,
        *,
        touchpoints: Literal["refuse", "delete", "move"] = "refuse",
        to: str | None = None,
    ) -> RemovedStage:
        """Remove a stage.

        A stage that still holds touchpoints needs a decision: `touchpoints="delete"`
        removes them (with their flows), `touchpoints="move"` moves them to stage `to`
        (default: the previous stage, or the next one for the first stage; they keep
        their order, at the end of a previous stage or the start of a next one). With
        the default "refuse", removing a non-empty stage raises ValueError.
        """
        stage = self.stage(stage_id)
        index = self._stage_order.index(stage_id)
        members = list(self._steps[stage_id])
        removed: list[RemovedTouchpoint] = []
        moved: list[tuple[str, int]] = []
        if members:
            if touchpoints == "refuse":
                raise ValueError(
                    f"stage {stage.name!r} holds {len(members)} touchpoint(s): "
                    "choose to delete them or move them to a neighbouring stage"
                )
            if touchpoints == "delete":
                for tp_id in reversed(members):
                    removed.append(self.remove_touchpoint(tp_id))
            elif touchpoints == "move":
                target = to if to is not None else self._neighbour(stage_id)
                if target is None:
                    raise ValueError("there is no other stage to move the touchpoints to")
                if target == stage_id:
                    raise ValueError("cannot move touchpoints into the stage being removed")
                self._require_stage(target)
                before = self._stage_order.index(target) < index
                for offset, tp_id in enumerate(members):
                    dest = len(self._steps[target]) if before else offset
                    moved.append((tp_id, offset))
                    self.move_touchpoint(tp_id, target, dest)
            else:
                raise ValueError(f"touchpoints must be 'refuse', 'delete' or 'move', not {touchpoints!r}")
        self._stage_order.remove(stage_id)
        del self._steps[stage_id]
        self._graph.remove_node(stage_id)
        self._emit(ev.StageRemoved(stage_id, index))
        return RemovedStage(stage, index, tuple(removed), tuple(moved))

    def restore_stage(self, removed: RemovedStage) -> None:
        """Undo `remove_stage`: the stage, its touchpoints, their flows and order come back."""
        s = removed.stage
        self.add_stage(s.name, index=removed.index, id=s.id, description=s.description, color=s.color)
        for tp_id, old_index in removed.moved:
            self.move_touchpoint(tp_id, s.id, old_index)
        for item in reversed(removed.removed):
            self.restore_touchpoint(item)

    def _neighbour(self, stage_id: str) -> str | None:
        i = self._stage_order.index(stage_id)
        if i > 0:
            return self._stage_order[i - 1]
        return self._stage_order[1] if len(self._stage_order) > 1 else None

    # ------------------------------------------------------------------ touchpoints: read
    def touchpoints(self, stage_id: str | None = None) -> list[Touchpoint]:
        """Touchpoints of one stage in step order, or of the whole journey in journey order."""
        nodes = self._graph.nodes
        return [nodes[t]["record"] for t in self.touchpoint_ids(stage_id)]

    def touchpoint_ids(self, stage_id: str | None = None) -> list[str]:
        """Touchpoint ids of one stage in step order, or of all stages in journey order."""
        if stage_id is not None:
            self._require_stage(stage_id)
            return list(self._steps[stage_id])
        return [t for s in self._stage_order for t in self._steps[s]]

    def touchpoint_count(self) -> int:
        """How many touchpoints the journey has."""
        return sum(len(steps) for steps in self._steps.values())

    def has_touchpoint(self, tp_id: str) -> bool:
        """True when `tp_id` names a touchpoint."""
        return tp_id in self._graph and self._graph.nodes[tp_id]["kind"] == _TOUCHPOINT

    def touchpoint(self, tp_id: str) -> Touchpoint:
        """The touchpoint with this id (ValueError if there is none)."""
        self._require_touchpoint(tp_id)
        return self._graph.nodes[tp_id]["record"]  # type: ignore[no-any-return]

    def touchpoint_position(self, tp_id: str) -> tuple[str, int]:
        """(stage id, step index) of a touchpoint."""
        stage_id = self.touchpoint(tp_id).stage
        return stage_id, self._steps[stage_id].index(tp_id)

    def _require_touchpoint(self, tp_id: str) -> None:
        if not self.has_touchpoint(tp_id):
            raise ValueError(f"there is no touchpoint {tp_id!r}")

    # ------------------------------------------------------------------ touchpoints: write
    def add_touchpoint(
        self, stage_id: str, name: str, *, index: int | None = None, id: str | None = None, **fields: Any
    ) -> Touchpoint:
        """Add a touchpoint to a stage at step `index` (default: last) with any fields."""
        self._require_stage(stage_id)
        # The graph's nodes are the stages and the touchpoints: counting them costs nothing.
        check_count(len(self._graph) - len(self._stage_order), 1, MAX_TOUCHPOINTS, "touchpoints")
        cleaned = clean_fields(TOUCHPOINT_FIELDS, {"name": name, **fields}, "touchpoint")
        self._check_references(cleaned)
        steps = self._steps[stage_id]
        index = self._insert_index(index, len(steps), "step")
        tp_id = self._claim_id(id, cleaned["name"], _TOUCHPOINT)
        record = Touchpoint(id=tp_id, stage=stage_id, **cleaned)
        self._graph.add_node(tp_id, kind=_TOUCHPOINT, record=record)
        steps.insert(index, tp_id)
        self._emit(ev.TouchpointAdded(tp_id, stage_id, index))
        return record

    def update_touchpoint(self, tp_id: str, **fields: Any) -> Touchpoint:
        """Set any touchpoint fields (see TOUCHPOINT_FIELDS); announces only real changes."""
        old = self.touchpoint(tp_id)
        cleaned = clean_fields(TOUCHPOINT_FIELDS, fields, "touchpoint")
        self._check_references(cleaned)
        return self._replace(tp_id, old, cleaned, ev.TouchpointChanged)  # type: ignore[return-value]

    def move_touchpoint(self, tp_id: str, stage_id: str, index: int) -> None:
        """Move a touchpoint to step `index` of `stage_id` (same or another stage)."""
        old_stage, old_index = self.touchpoint_position(tp_id)
        self._require_stage(stage_id)
        size = len(self._steps[stage_id]) - (1 if stage_id == old_stage else 0)
        if not 0 <= index <= size:
            raise ValueError(f"step index {index} is out of range 0..{size}")
        if stage_id == old_stage and index == old_index:
            return
        self._steps[old_stage].pop(old_index)
        self._steps[stage_id].insert(index, tp_id)
        if stage_id != old_stage:
            node = self._graph.nodes[tp_id]
            node["record"] = dataclasses.replace(node["record"], stage=stage_id)
        self._emit(ev.TouchpointMoved(tp_id, stage_id, index, old_stage, old_index))

    def remove_touchpoint(self, tp_id: str) -> RemovedTouchpoint:
        """Remove a touchpoint and its flows; returns what `restore_touchpoint` needs."""
        stage_id, index = self.touchpoint_position(tp_id)
        record = self.touchpoint(tp_id)
        positions = self._positions()
        edges = sorted([*self._graph.out_edges(tp_id), *self._graph.in_edges(tp_id)], key=positions.__getitem__)
        flows = [(self.flow(s, t), positions[s, t]) for s, t in edges]
        for flow, _ in reversed(flows):
            self.remove_flow(flow.source, flow.target)
        self._steps[stage_id].pop(index)
        self._graph.remove_node(tp_id)
        self._emit(ev.TouchpointRemoved(tp_id, stage_id, index))
        return RemovedTouchpoint(record, index, tuple(flows))

    def restore_touchpoint(self, removed: RemovedTouchpoint) -> None:
        """Undo `remove_touchpoint`: the touchpoint and its flows come back in place."""
        tp = removed.touchpoint
        fields = {f.name: getattr(tp, f.name) for f in dataclasses.fields(tp) if f.name not in ("id", "stage", "name")}
        self.add_touchpoint(tp.stage, tp.name, index=removed.index, id=tp.id, **fields)
        for flow, index in removed.flows:
            self.add_flow(flow.source, flow.target, flow.label, index=index)

    # ------------------------------------------------------------------ flows
    def flows(self) -> list[Flow]:
        """All flows in the order they were added (file order)."""
        edges = self._graph.edges
        return [edges[e]["record"] for e in self._flow_order]

    def has_flow(self, source: str, target: str) -> bool:
        """True when there is a flow from `source` to `target`."""
        return self._graph.has_edge(source, target)

    def flow(self, source: str, target: str) -> Flow:
        """The flow from `source` to `target` (ValueError if there is none)."""
        if not self._graph.has_edge(source, target):
            raise ValueError(f"there is no flow from {source!r} to {target!r}")
        return self._graph.edges[source, target]["record"]  # type: ignore[no-any-return]

    def flow_index(self, source: str, target: str) -> int:
        """Position of a flow in file order."""
        self.flow(source, target)
        return self._positions()[source, target]

    def _positions(self) -> dict[tuple[str, str], int]:
        # Rebuilt once after a flow is added or removed, so asking for the flows of
        # every touchpoint in turn costs O(flows), not O(touchpoints × flows).
        if self._flow_positions is None:
            self._flow_positions = {edge: i for i, edge in enumerate(self._flow_order)}
        return self._flow_positions

    def flows_from(self, tp_id: str) -> list[Flow]:
        """Flows leaving a touchpoint, in file order."""
        self._require_touchpoint(tp_id)
        return self._in_file_order(self._graph.out_edges(tp_id))

    def flows_to(self, tp_id: str) -> list[Flow]:
        """Flows arriving at a touchpoint, in file order."""
        self._require_touchpoint(tp_id)
        return self._in_file_order(self._graph.in_edges(tp_id))

    def _in_file_order(self, edges: Any) -> list[Flow]:
        positions = self._positions()
        ordered = sorted(edges, key=positions.__getitem__)
        return [self._graph.edges[e]["record"] for e in ordered]

    def add_flow(self, source: str, target: str, label: str = "", *, index: int | None = None) -> Flow:
        """Link two touchpoints. Branches and loops are allowed; duplicates and self-loops are not."""
        for end in (source, target):
            if not self.has_touchpoint(end):
                raise ValueError(f"a flow must link two touchpoints; there is no touchpoint {end!r}")
        if source == target:
            raise ValueError(f"a flow cannot lead from {source!r} to itself")
        if self._graph.has_edge(source, target):
            raise ValueError(f"there is already a flow from {source!r} to {target!r}")
        check_count(len(self._flow_order), 1, MAX_FLOWS, "flows")
        record = Flow(source, target, clean_text(label, "flow label"))
        index = self._insert_index(index, len(self._flow_order), "flow")
        self._graph.add_edge(source, target, record=record)
        self._flow_order.insert(index, (source, target))
        self._flow_positions = None
        self._emit(ev.FlowAdded(source, target, index))
        return record

    def relabel_flow(self, source: str, target: str, label: str) -> Flow:
        """Change the label of a flow ('' removes it)."""
        old = self.flow(source, target)
        new = dataclasses.replace(old, label=clean_text(label, "flow label"))
        if new != old:
            self._graph.edges[source, target]["record"] = new
            self._emit(ev.FlowChanged(source, target, frozenset({"label"})))
        return new

    def remove_flow(self, source: str, target: str) -> tuple[Flow, int]:
        """Remove a flow; returns it and its former index (for undo)."""
        record = self.flow(source, target)
        index = self._positions()[source, target]
        self._flow_order.pop(index)
        self._flow_positions = None
        self._graph.remove_edge(source, target)
        self._emit(ev.FlowRemoved(source, target, index))
        return record, index

    def flow_graph(self) -> nx.DiGraph:
        """A frozen copy of the flow graph for analysis.

        Nodes are touchpoint ids in journey order, with attributes stage, channel, emotion
        and friction; edges are flows in file order, with attribute label.
        """
        graph = nx.DiGraph()
        for tp in self.touchpoints():
            graph.add_node(tp.id, stage=tp.stage, channel=tp.channel, emotion=tp.emotion, friction=tp.friction)
        for flow in self.flows():
            graph.add_edge(flow.source, flow.target, label=flow.label)
        return nx.freeze(graph)

    # ------------------------------------------------------------------ personas
    def personas(self) -> list[Persona]:
        """Personas in order."""
        return list(self._personas)

    def persona(self, persona_id: str) -> Persona:
        """The persona with this id (ValueError if there is none)."""
        return self._personas[self._persona_index(persona_id)]

    def _persona_index(self, persona_id: str) -> int:
        for i, p in enumerate(self._personas):
            if p.id == persona_id:
                return i
        raise ValueError(f"there is no persona {persona_id!r}")

    def add_persona(self, name: str, *, index: int | None = None, id: str | None = None, **fields: Any) -> Persona:
        """Add a persona (goals, needs, frustrations are lists of texts)."""
        check_count(len(self._personas), 1, MAX_PERSONAS, "personas")
        cleaned = clean_fields(PERSONA_FIELDS, {"name": name, **fields}, "persona")
        if id is None:
            id = self.new_persona_id(cleaned["name"])
        check_id(id, "persona id")
        if any(p.id == id for p in self._personas):
            raise ValueError(f"persona id {id!r} is already used")
        index = self._insert_index(index, len(self._personas), "persona")
        record = Persona(id=id, **cleaned)
        self._personas.insert(index, record)
        self._emit(ev.PersonaAdded(id, index))
        return record

    def update_persona(self, persona_id: str, **fields: Any) -> Persona:
        """Change persona fields; announces only real changes."""
        i = self._persona_index(persona_id)
        old = self._personas[i]
        cleaned = clean_fields(PERSONA_FIELDS, fields, "persona")
        new = dataclasses.replace(old, **cleaned)
        changed = frozenset(k for k in cleaned if getattr(old, k) != getattr(new, k))
        if changed:
            self._personas[i] = new
            self._emit(ev.PersonaChanged(persona_id, changed))
        return new

    def remove_persona(self, persona_id: str) -> RemovedPersona:
        """Remove a persona and its per-touchpoint emotions; returns what `restore_persona` needs."""
        i = self._persona_index(persona_id)
        emotions: list[tuple[str, int]] = []
        for tp in self.touchpoints():
            if persona_id in tp.persona_emotions:
                emotions.append((tp.id, tp.persona_emotions[persona_id]))
                rest = {k: v for k, v in tp.persona_emotions.items() if k != persona_id}
                self.update_touchpoint(tp.id, persona_emotions=rest)
        record = self._personas.pop(i)
        self._emit(ev.PersonaRemoved(persona_id, i))
        return RemovedPersona(record, i, tuple(emotions))

    def restore_persona(self, persona: Persona, index: int, emotions: tuple[tuple[str, int], ...] = ()) -> None:
        """Undo `remove_persona`: the persona and its per-touchpoint emotions come back."""
        fields = {f.name: getattr(persona, f.name) for f in dataclasses.fields(persona) if f.name not in ("id", "name")}
        self.add_persona(persona.name, index=index, id=persona.id, **fields)
        for tp_id, emotion in emotions:
            tp = self.touchpoint(tp_id)
            # put the entry back in its place (persona order), so the saved file is the same
            entries = dict(tp.persona_emotions)
            entries[persona.id] = emotion
            order = {p.id: k for k, p in enumerate(self._personas)}
            ordered = dict(sorted(entries.items(), key=lambda kv: order.get(kv[0], len(order))))
            self.update_touchpoint(tp_id, persona_emotions=ordered)

    def set_persona_emotion(self, tp_id: str, persona_id: str, emotion: int | None) -> Touchpoint:
        """Set how persona `persona_id` feels at a touchpoint. A value equal to the main
        `emotion` (or None) removes the persona's entry: one truth, no copies."""
        self.persona(persona_id)
        tp = self.touchpoint(tp_id)
        entries = dict(tp.persona_emotions)
        if emotion is None or emotion == tp.emotion:
            entries.pop(persona_id, None)
        else:
            entries[persona_id] = emotion
        order = {p.id: k for k, p in enumerate(self._personas)}
        return self.update_touchpoint(
            tp_id, persona_emotions=dict(sorted(entries.items(), key=lambda kv: order[kv[0]]))
        )

    def as_persona(self, persona_id: str) -> Journey:
        """A copy in which every touchpoint's `emotion` is what persona `persona_id` feels
        (its own entry, else the main emotion) and no per-persona entries are left: the
        journey as that persona walks it, for insights and exports of one persona."""
        self.persona(persona_id)
        other = self.copy()
        for tp in self.touchpoints():
            if tp.persona_emotions:
                node = other._graph.nodes[tp.id]
                node["record"] = dataclasses.replace(tp, emotion=tp.emotion_of(persona_id),
                                                     persona_emotions=MappingProxyType({}))
        return other

    # ------------------------------------------------------------------ lanes
    def lanes(self) -> list[Lane]:
        """The rows under the cards, top to bottom (the default set unless the journey has its own)."""
        return list(self._lanes if self._lanes is not None else DEFAULT_LANES)

    def lane_config(self) -> tuple[Lane, ...] | None:
        """The journey's own lane list, or None when it shows the default set (no `lanes:` key)."""
        return self._lanes

    def has_lane(self, key: str) -> bool:
        """True when a lane with this key (see `Lane.key`) is on the map."""
        return any(lane.key == key for lane in self.lanes())

    def lane(self, key: str) -> Lane:
        """The lane with this key (ValueError if there is none)."""
        for lane in self.lanes():
            if lane.key == key:
                return lane
        raise ValueError(f"there is no lane {key!r}")

    def lane_index(self, key: str) -> int:
        """Position of a lane, 0 = top."""
        for i, lane in enumerate(self.lanes()):
            if lane.key == key:
                return i
        raise ValueError(f"there is no lane {key!r}")

    def text_lane_ids(self) -> list[str]:
        """The ids of the text lanes, top to bottom: the keys a touchpoint's notes may use."""
        return [lane.id for lane in self.lanes() if lane.is_text]

    def new_lane_id(self, name: str) -> str:
        """An unused text-lane id derived from `name`."""
        taken = {lane.key for lane in self.lanes()} | {"metric"}
        return unique_id(name, taken, "lane")

    def set_lane_config(self, config: tuple[Lane, ...] | list[Lane] | None) -> None:
        """Replace the lane list (None: back to the default set, as a file without `lanes:`).

        A text lane that still holds notes cannot be left out (remove it with `remove_lane`).
        """
        new: tuple[Lane, ...] | None = None
        if config is not None:
            for lane in config:
                if not isinstance(lane, Lane):
                    raise ValueError(f"lanes must be Lane records, not {lane!r}")
            new = tuple(make_lane(lane.kind, id=lane.id, name=lane.name, section=lane.section, metric=lane.metric)
                        for lane in config)
            check_lanes(new)
        kept = {lane.id for lane in (new if new is not None else DEFAULT_LANES) if lane.is_text}
        for tp in self.touchpoints():
            lost = [k for k in tp.lanes if k not in kept]
            if lost:
                raise ValueError(f"touchpoint {tp.id!r} still has notes in lane {lost[0]!r}")
        if new == self._lanes:
            return
        before = {lane.key: lane for lane in self.lanes()}
        self._lanes = new
        after = {lane.key: lane for lane in self.lanes()}
        keys = frozenset(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        self._emit(ev.LanesChanged(keys or frozenset(after)))

    def add_lane(self, lane: Lane, index: int | None = None) -> Lane:
        """Add a lane at `index` (default: last); built-ins at most once, text-lane ids unique."""
        lanes = self.lanes()
        index = self._insert_index(index, len(lanes), "lane")
        lanes.insert(index, lane)
        self.set_lane_config(lanes)
        return self.lanes()[index]

    def update_lane(self, key: str, *, name: str | None = None, section: str | None = None) -> Lane:
        """Rename a lane ('' gives a built-in its default name back) or move a text lane to
        another blueprint section."""
        i = self.lane_index(key)
        lanes = self.lanes()
        old = lanes[i]
        lanes[i] = dataclasses.replace(old, name=old.name if name is None else name,
                                       section=old.section if section is None else section)
        self.set_lane_config(lanes)
        return self.lanes()[i]

    def move_lane(self, key: str, index: int) -> None:
        """Move a lane to position `index`."""
        lanes = self.lanes()
        old_index = self.lane_index(key)
        if not 0 <= index < len(lanes):
            raise ValueError(f"lane index {index} is out of range 0..{len(lanes) - 1}")
        lanes.insert(index, lanes.pop(old_index))
        self.set_lane_config(lanes)

    def remove_lane(self, key: str) -> RemovedLane:
        """Remove a lane and, for a text lane, every touchpoint's notes in it."""
        config = self._lanes
        index = self.lane_index(key)
        lane = self.lanes()[index]
        notes: list[tuple[str, tuple[str, ...]]] = []
        if lane.is_text:
            for tp in self.touchpoints():
                if lane.id in tp.lanes:
                    notes.append((tp.id, tp.lanes[lane.id]))
                    self.update_touchpoint(tp.id, lanes={k: v for k, v in tp.lanes.items() if k != lane.id})
        lanes = self.lanes()
        lanes.pop(index)
        self.set_lane_config(lanes)
        return RemovedLane(config, tuple(notes), lane, index)

    def restore_lane(self, removed: RemovedLane) -> None:
        """Undo `remove_lane`: the lane list as it was and the notes in their places."""
        self.set_lane_config(removed.config)
        for tp_id, notes in removed.notes:
            self.set_notes(tp_id, removed.lane.id, notes)

    def set_notes(self, tp_id: str, lane_id: str, notes: tuple[str, ...] | list[str]) -> Touchpoint:
        """Set one touchpoint's notes in one text lane (empty removes them); the lanes keep their order."""
        tp = self.touchpoint(tp_id)
        entries = dict(tp.lanes)
        entries[lane_id] = tuple(notes)
        order = {lid: k for k, lid in enumerate(self.text_lane_ids())}
        ordered = dict(sorted(entries.items(), key=lambda kv: order.get(kv[0], len(order))))
        return self.update_touchpoint(tp_id, lanes=ordered)

    def _check_references(self, cleaned: Mapping[str, Any]) -> None:
        """Lane notes name text lanes, per-persona emotions name personas."""
        notes = cleaned.get("lanes")
        if notes:
            known = self.text_lane_ids()
            for lane_id in notes:
                if lane_id not in known:
                    raise ValueError(f"there is no text lane {lane_id!r} (text lanes: {', '.join(known) or 'none'})")
        emotions = cleaned.get("persona_emotions")
        if emotions:
            ids = {p.id for p in self._personas}
            for persona_id in emotions:
                if persona_id not in ids:
                    raise ValueError(f"there is no persona {persona_id!r}")

    # ------------------------------------------------------------------ helpers
    def check_room(
        self, *, stages: int = 0, touchpoints: int = 0, flows: int = 0, personas: int = 0, lanes: int = 0
    ) -> None:
        """Raise ValueError, saying why, when adding this many would pass a limit of `journeymap.model.limits`.

        For a caller that adds several at once (a paste) and must refuse all or none.
        """
        check_count(len(self._stage_order), stages, MAX_STAGES, "stages")
        check_count(len(self._graph) - len(self._stage_order), touchpoints, MAX_TOUCHPOINTS, "touchpoints")
        check_count(len(self._flow_order), flows, MAX_FLOWS, "flows")
        check_count(len(self._personas), personas, MAX_PERSONAS, "personas")
        check_count(len(self.lanes()), lanes, MAX_LANES, "lanes")

    def _replace(self, node_id: str, old: Any, cleaned: Mapping[str, Any], event: Any) -> Any:
        new = dataclasses.replace(old, **cleaned)
        changed = frozenset(k for k in cleaned if getattr(old, k) != getattr(new, k))
        if changed:
            self._graph.nodes[node_id]["record"] = new
            self._emit(event(node_id, changed))
        return new

    @staticmethod
    def _insert_index(index: int | None, size: int, what: str) -> int:
        if index is None:
            return size
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index <= size:
            raise ValueError(f"{what} index {index!r} is out of range 0..{size}")
        return index

    def copy(self) -> Journey:
        """An independent copy with the same content and no subscribers."""
        other = Journey(self._title, self._description)
        other._graph = self._graph.copy()  # records are immutable, so sharing them is safe
        other._stage_order = list(self._stage_order)
        other._steps = {k: list(v) for k, v in self._steps.items()}
        other._flow_order = list(self._flow_order)
        other._flow_positions = None
        other._personas = list(self._personas)
        other._lanes = self._lanes
        return other

    def _content(self) -> tuple[Any, ...]:
        return (
            self._title,
            self._description,
            self._personas,
            self._lanes,
            self.stages(),
            [self.touchpoints(s) for s in self._stage_order],
            self.flows(),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Journey):
            return NotImplemented
        return self._content() == other._content()

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[Touchpoint]:
        return iter(self.touchpoints())

    def __repr__(self) -> str:
        return (
            f"<Journey {self._title!r}: {len(self._stage_order)} stages, "
            f"{self.touchpoint_count()} touchpoints, {len(self._flow_order)} flows>"
        )

    # ------------------------------------------------------------------ templates
    @classmethod
    def from_template(cls, template: str = "default", title: str | None = None) -> Journey:
        """A new journey: 'default' has the six buying-cycle stages; 'blueprint' the same stages
        with the lanes of a service blueprint; 'blank' no stage."""
        from journeymap.model.vocabulary import DEFAULT_STAGES

        journey = cls(title or "Untitled journey")
        if template == "default":
            for name, description, color in DEFAULT_STAGES:
                journey.add_stage(name, description=description, color=color)
        elif template == "blueprint":
            for name, description, color in DEFAULT_STAGES:
                journey.add_stage(name, description=description, color=color)
            journey.set_lane_config(BLUEPRINT_LANES)
        elif template == "blank":
            pass
        else:
            raise ValueError(f"unknown template {template!r}: use one of {', '.join(TEMPLATES)}")
        return journey


def normalise(text: str) -> str:
    """Public shortcut to the model's text normalisation (strip, unify newlines)."""
    return normalise_text(text)
