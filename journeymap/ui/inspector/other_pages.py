"""Small inspector pages: one flow, and a summary when several objects are selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from journeymap.model import emotion_label
from journeymap.ui.commands.structure import RelabelFlowCommand
from journeymap.ui.inspector.base import Page
from journeymap.ui.inspector.editors import LineField, label_for
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.inspector.inspector import Inspector


class FlowPage(Page):
    """The label of one flow; Enter or leaving the field applies it as one step."""

    title = "Flow"

    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        self.label = LineField(self)
        label_for(self.label, "Flow label", "What the customer does to move on, e.g. 'clicks the ad'")
        self.label.setPlaceholderText("e.g. clicks the ad")
        self.label.editingFinished.connect(self._apply)
        self.add_row("Label", self.label)

    def _ends(self) -> tuple[str, str] | None:
        if self.target is None:
            return None
        ends = Ref("flow", self.target).flow_ends
        return ends if self.journey.has_flow(*ends) else None

    def _apply(self) -> None:
        ends = self._ends()
        if ends is None:
            return
        text = " ".join(self.label.text().split())
        if text != self.journey.flow(*ends).label:
            self.inspector.push(RelabelFlowCommand(self.journey, *ends, text))

    def refresh(self, fields: frozenset[str] | None) -> None:
        ends = self._ends()
        if ends is None:
            return
        source, target = (self.journey.touchpoint(t).name for t in ends)
        self.heading.setText(f"{source} → {target}")
        self.subheading.setText("Flow: customers move from one touchpoint to the next")
        self.label.show_value(self.journey.flow(*ends).label)


class SummaryPage(Page):
    """What is selected when it is more than one object."""

    title = "Several selected"

    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.form.addRow(self.summary)
        self.refs: tuple[Ref, ...] = ()

    def show_refs(self, refs: tuple[Ref, ...]) -> None:
        """Summarise these references."""
        self.refs = refs
        self.refresh(None)

    def refresh(self, fields: frozenset[str] | None) -> None:
        journey = self.journey
        stages = [r.id for r in self.refs if r.kind == "stage" and journey.has_stage(r.id)]
        tps = [journey.touchpoint(r.id) for r in self.refs if r.kind == "touchpoint" and journey.has_touchpoint(r.id)]
        flows = [r for r in self.refs if r.kind == "flow" and journey.has_flow(*r.flow_ends)]
        parts = [f"{n} {word}{'s' * (n != 1)}" for n, word in
                 ((len(stages), "stage"), (len(tps), "touchpoint"), (len(flows), "flow")) if n]
        self.heading.setText(", ".join(parts) + " selected" if parts else "Several selected")
        lines: list[str] = []
        if tps:
            names = ", ".join(tp.name for tp in tps[:6]) + ("…" if len(tps) > 6 else "")
            lines.append(names)
            rated = [tp.emotion for tp in tps if tp.emotion is not None]
            if rated:
                mean = sum(rated) / len(rated)
                lines.append(f"Average emotion: {mean:+.1f} ({emotion_label(round(mean))}), {len(rated)} rated")
            frictions = [tp.friction for tp in tps if tp.friction is not None]
            if frictions:
                lines.append(f"Highest friction: {max(frictions)} of 4")
            pains = sum(len(tp.pain_points) for tp in tps)
            ideas = sum(len(tp.opportunities) for tp in tps)
            lines.append(f"{pains} pain point{'s' * (pains != 1)}, {ideas} opportunit{'ies' if ideas != 1 else 'y'}")
        if stages:
            lines.append("Stages: " + ", ".join(journey.stage(s).name for s in stages))
        lines.append("Select one object to edit its fields.")
        self.summary.setText("\n".join(lines))
