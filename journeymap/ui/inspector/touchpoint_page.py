"""The inspector page for one touchpoint: every field a strategist annotates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QFormLayout, QLabel, QSpinBox, QWidget

from journeymap.model import EMOTIONS, FRICTIONS
from journeymap.ui.commands.fields import quoted
from journeymap.ui.commands.personas import SetPersonaEmotionCommand
from journeymap.ui.commands.renaming import RenameTouchpointWithIdCommand, fresh_id
from journeymap.ui.icons import emotion_icon
from journeymap.ui.inspector.base import Page
from journeymap.ui.inspector.choosers import (
    ChannelCombo,
    EvidenceCombo,
    ScalePicker,
    two_lines,
)
from journeymap.ui.inspector.editors import (
    LineField,
    TextArea,
    UndoRedoPassThrough,
    label_for,
)
from journeymap.ui.inspector.lists import TextListEditor
from journeymap.ui.inspector.metrics import MetricsEditor
from journeymap.ui.selection import Ref

if TYPE_CHECKING:
    from journeymap.ui.inspector.inspector import Inspector

_LIST_NOUNS = {"pain_points": "pain point", "opportunities": "opportunity"}


class TouchpointPage(Page):
    """Name, description, channel, emotion, friction, lane, pain points, opportunities,
    the notes of every text lane, owner, evidence and metrics of one touchpoint."""

    title = "Touchpoint"

    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        self.name = LineField(self)
        label_for(self.name, "Name")
        self.name.edited.connect(lambda text: self._push("name", text, self.name))
        self.name.editingFinished.connect(self._name_committed)
        self.add_row("Name", self.name)

        self.description = TextArea(self, lines=3)
        self.description.edited.connect(lambda text: self._push("description", text, self.description))
        self.add_row("Description", self.description, stacked=True)

        self.channel = ChannelCombo(self)
        self.channel.picked.connect(lambda value: self._push("channel", value, None, session=None))
        self.add_row("Channel", self.channel)

        self.emotion = ScalePicker(
            "Emotion", EMOTIONS, short=lambda v, label: two_lines(label), icon=emotion_icon, parent=self
        )
        self.emotion.picked.connect(self._push_emotion)
        self.add_row("Emotion", self.emotion, stacked=True)

        self.friction = ScalePicker(
            "Friction", FRICTIONS, short=lambda v, label: f"{v}\n{label}", parent=self
        )
        self.friction.picked.connect(lambda value: self._push("friction", value, None, session=None))
        self.add_row("Friction", self.friction, stacked=True)

        self.lists: dict[str, TextListEditor] = {}
        for field, noun in _LIST_NOUNS.items():
            editor = TextListEditor(noun, self)
            editor.changed.connect(lambda values, verb, field=field: self._push_list(field, values, verb))
            self.lists[field] = editor
            self.add_row("Pain points" if field == "pain_points" else "Opportunities", editor, stacked=True)

        # One list per text lane (Doing, Thinking, the blueprint lanes ...), rebuilt when the lanes change.
        self.notes_box = QWidget(self)
        self.notes_box.setAccessibleName("Lane notes")
        self._notes_layout = QFormLayout(self.notes_box)
        self._notes_layout.setContentsMargins(0, 0, 0, 0)
        self._notes_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.notes: dict[str, TextListEditor] = {}
        self._notes_shape: list[tuple[str, str]] = []
        self.form.addRow(self.notes_box)

        self.owner = LineField(self)
        label_for(self.owner, "Owner", "The team that owns this touchpoint")
        self.owner.setPlaceholderText("Team that owns it")
        self._owners = QStringListModel(self)
        completer = QCompleter(self._owners, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.owner.setCompleter(completer)
        completer.activated.connect(lambda text: self._push("owner", text, self.owner))
        self.owner.edited.connect(lambda text: self._push("owner", text, self.owner))
        self.add_row("Owner", self.owner)

        self.evidence = EvidenceCombo(self)
        label_for(self.evidence, "Evidence", "How sure are we? Assumption, anecdotal, observed or measured")
        self.evidence.picked.connect(lambda value: self._push("evidence", value, None, session=None))
        self.add_row("Evidence", self.evidence)

        self.row = QSpinBox(self)
        self.row.setRange(0, 99)
        self.row.setSpecialValueText("Main path")
        self.row.setPrefix("Alternative ")
        label_for(self.row, "Path lane", "0 = the main path; 1, 2… = lanes for alternative paths")
        self.row.installEventFilter(UndoRedoPassThrough(self))
        self.row.valueChanged.connect(self._on_row_changed)
        self._row_session = object()
        self._loading_row = False
        self.add_row("Path", self.row)

        self.add_section("Metrics")
        self.metrics = MetricsEditor(self)
        self.metrics.edited.connect(lambda value, session: self._push("metrics", value, None, session=session))
        self.metrics.invalid.connect(self.show_error)
        self.form.addRow(self.metrics)

    # ------------------------------------------------------------------ edits
    def _name_committed(self) -> None:
        """A touchpoint made in this session takes its id from the name typed here (a step of its own)."""
        document, tp_id = self.inspector.document, self.target
        if document is None or tp_id is None or not self.journey.has_touchpoint(tp_id):
            return
        name = self.journey.touchpoint(tp_id).name
        new_id = fresh_id(self.journey, "touchpoint", tp_id, name, document.saved_ids)
        if new_id is not None:
            self.inspector.push(RenameTouchpointWithIdCommand(
                self.journey, tp_id, name, new_id, text=f"Take the id of touchpoint {quoted(name)} from its name"))
            document.selection.set([Ref.touchpoint(new_id)])

    def _push(self, field: str, value: Any, editor: Any, *, session: object = "editor") -> None:
        if session == "editor":
            session = (field, editor.session)
        self.push("touchpoint", field, value, editor=editor, session=session)

    def _push_list(self, field: str, values: tuple[str, ...], verb: str) -> None:
        name = self.journey.touchpoint(self.target or "").name
        noun = _LIST_NOUNS[field]
        text = {
            "Add": f"Add {noun} to {quoted(name)}",
            "Remove": f"Remove {noun} from {quoted(name)}",
            "Edit": f"Edit {noun} of {quoted(name)}",
            "Reorder": f"Reorder {noun.replace('opportunity', 'opportunitie')}s of {quoted(name)}",
        }[verb]
        self.push("touchpoint", field, values, text=text)

    def _push_emotion(self, value: int | None) -> None:
        """The emotion buttons set the focused persona's emotion, or the main one."""
        document = self.inspector.document
        focus = document.persona_focus if document is not None else None
        tp = self.journey.touchpoint(self.target or "")
        if focus is not None and tp.emotion is not None and value is not None:
            if tp.emotion_of(focus) != value:
                self.inspector.push(SetPersonaEmotionCommand(self.journey, tp.id, focus, value))
            return
        self._push("emotion", value, None, session=None)

    def _push_notes(self, lane_id: str, values: tuple[str, ...], verb: str) -> None:
        tp = self.journey.touchpoint(self.target or "")
        lane = self.journey.lane(lane_id)
        notes = dict(tp.lanes)
        notes[lane_id] = values
        order = {key: k for k, key in enumerate(self.journey.text_lane_ids())}
        ordered = {k: v for k, v in sorted(notes.items(), key=lambda kv: order.get(kv[0], len(order))) if v}
        verbs = {"Add": "Add a note to", "Remove": "Remove a note from", "Edit": "Edit a note of",
                 "Reorder": "Reorder the notes of"}
        self.push("touchpoint", "lanes", ordered, text=f"{verbs[verb]} {lane.title} of {quoted(tp.name)}")

    def _sync_lanes(self) -> None:
        """One notes list per text lane of the journey, in lane order."""
        shape = [(lane.id, lane.title) for lane in self.journey.lanes() if lane.is_text]
        if shape == self._notes_shape:
            return
        self._notes_shape = shape
        while self._notes_layout.rowCount():
            self._notes_layout.removeRow(0)
        self.notes = {}
        for lane_id, title in shape:
            editor = TextListEditor("note", self.notes_box)
            editor.list.setAccessibleName(f"{title} notes")
            editor.changed.connect(lambda values, verb, lane_id=lane_id: self._push_notes(lane_id, values, verb))
            caption = QLabel(title, self.notes_box)
            caption.setBuddy(editor)
            self._notes_layout.addRow(caption, editor)
            self.notes[lane_id] = editor
        self.notes_box.setVisible(bool(shape))

    def _on_row_changed(self, value: int) -> None:
        if not self._loading_row:
            self._push("row", value, None, session=("row", id(self._row_session)))

    def new_sessions(self) -> None:
        super().new_sessions()
        self._row_session = object()

    # ------------------------------------------------------------------ model → editors
    def refresh(self, fields: frozenset[str] | None) -> None:
        tp_id = self.target
        if tp_id is None or not self.journey.has_touchpoint(tp_id):
            return
        tp = self.journey.touchpoint(tp_id)

        def wants(field: str) -> bool:
            return fields is None or field in fields

        self.heading.setText(tp.name)
        self.subheading.setText(f"Touchpoint in {self.journey.stage(tp.stage).name}")
        if wants("name"):
            self.name.show_value(tp.name)
        if wants("description"):
            self.description.show_value(tp.description)
        if wants("channel"):
            self.channel.show_value(tp.channel)
        if wants("emotion") or wants("persona_emotions"):
            document = self.inspector.document
            focus = document.persona_focus if document is not None else None
            self.emotion.show_value(tp.emotion_of(focus))
        if wants("friction"):
            self.friction.show_value(tp.friction)
        for field, editor in self.lists.items():
            if wants(field):
                editor.show_values(getattr(tp, field))
        if fields is None or "lanes" in fields or not fields:
            self._sync_lanes()
            for lane_id, notes_editor in self.notes.items():
                notes_editor.show_values(tp.notes(lane_id))
        if wants("owner"):
            self.owner.show_value(tp.owner)
            self.refresh_owners()
        if wants("evidence"):
            self.evidence.show_value(tp.evidence)
        if wants("row") and self.row.value() != tp.row:
            self._loading_row = True
            try:
                self.row.setValue(tp.row)
            finally:
                self._loading_row = False
        if wants("metrics"):
            self.metrics.show_value(tp.metrics)

    def refresh_owners(self) -> None:
        """Offer the owners already used anywhere in the journey."""
        owners = sorted({tp.owner for tp in self.journey.touchpoints() if tp.owner}, key=str.casefold)
        if owners != self._owners.stringList():
            self._owners.setStringList(owners)
