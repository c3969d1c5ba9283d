"""The inspector page shown when nothing is selected: the journey and its personas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from journeymap.ui.commands.fields import (
    AddPersonaCommand,
    RemovePersonaCommand,
    quoted,
)
from journeymap.ui.commands.renaming import RenamePersonaWithIdCommand, fresh_id
from journeymap.ui.inspector.base import Page, tool_button, with_side_buttons
from journeymap.ui.inspector.editors import LineField, TextArea, label_for
from journeymap.ui.inspector.lists import TextListEditor
from journeymap.ui.limits import no_room
from journeymap.ui.persona_focus import PersonaPicker

if TYPE_CHECKING:
    from journeymap.ui.inspector.inspector import Inspector

_PERSONA_LISTS = {"goals": "goal", "needs": "need", "frustrations": "frustration"}


def ask_remove_persona(parent: QWidget, name: str, entries: int) -> bool:
    """Ask before removing a persona with emotions of its own; True to remove it."""
    answer = QMessageBox.question(
        parent, "Remove persona",
        f"“{name}” feels differently from the main line at {entries} touchpoint{'s' if entries != 1 else ''}. "
        "Remove the persona and those emotions? (Undo brings them back.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Yes


class JourneyPage(Page):
    """Title and description of the journey, and its personas (add, edit, remove)."""

    title = "Journey"

    def __init__(self, inspector: Inspector) -> None:
        super().__init__(inspector)
        #: Asks before a persona with emotions of its own is removed; replace it in tests.
        self.ask_remove_persona = ask_remove_persona
        self.subheading.setText("Nothing selected: the journey as a whole")
        self._shown_persona: str | None = None
        self.title_field = LineField(self)
        label_for(self.title_field, "Title")
        self.title_field.edited.connect(lambda text: self._push_journey("title", text, self.title_field))
        self.add_row("Title", self.title_field)
        self.description = TextArea(self, lines=4)
        label_for(self.description, "Journey description", "Scope, research basis, as-is or to-be")
        self.description.edited.connect(lambda text: self._push_journey("description", text, self.description))
        self.add_row("Description", self.description, stacked=True)

        self.add_section("Personas")
        self.personas = QListWidget(self)
        self.personas.setAccessibleName("Personas")
        self.personas.setMaximumHeight(96)
        self.personas.currentRowChanged.connect(lambda _row: self._show_persona())
        self.add_persona_button = tool_button(self, "+", "Add persona", self.add_persona)
        self.remove_persona_button = tool_button(self, "−", "Remove persona", self.remove_persona)
        row = with_side_buttons(self.personas, [self.add_persona_button, self.remove_persona_button])
        holder = QWidget(self)
        holder.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(holder)
        self.focus_picker = PersonaPicker(self)
        self.add_row("Emotion line", self.focus_picker)

        self.persona_box = QWidget(self)
        persona_form = QFormLayout(self.persona_box)
        persona_form.setContentsMargins(0, 0, 0, 0)
        persona_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.persona_name = LineField(self.persona_box)
        label_for(self.persona_name, "Persona name")
        self.persona_name.edited.connect(lambda text: self._push_persona("name", text, self.persona_name))
        self.persona_name.editingFinished.connect(self._persona_name_committed)
        persona_form.addRow("Name", self.persona_name)
        self.persona_description = TextArea(self.persona_box, lines=3)
        label_for(self.persona_description, "Persona description", "Who they are: age, habits, context")
        self.persona_description.edited.connect(
            lambda text: self._push_persona("description", text, self.persona_description)
        )
        persona_form.addRow("Description", self.persona_description)
        self.persona_lists: dict[str, TextListEditor] = {}
        for field, noun in _PERSONA_LISTS.items():
            editor = TextListEditor(noun, self.persona_box)
            editor.changed.connect(lambda values, verb, field=field: self._push_persona_list(field, values, verb))
            self.persona_lists[field] = editor
            persona_form.addRow(field.capitalize(), editor)
        self.form.addRow(self.persona_box)

    # ------------------------------------------------------------------ edits
    def _push_journey(self, field: str, text: str, editor: LineField | TextArea) -> None:
        self.push("journey", field, text, editor=editor, session=(field, editor.session))

    def current_persona(self) -> str | None:
        """Id of the persona being edited, or None."""
        item = self.personas.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _push_persona(self, field: str, value: object, editor: LineField | TextArea) -> None:
        persona_id = self.current_persona()
        if persona_id is None:
            return
        message = self.inspector.push_field(
            "persona", persona_id, field, value, session=(persona_id, field, editor.session)
        )
        editor.set_error(message or None)
        self.show_error(message)

    def _persona_name_committed(self) -> None:
        """A persona made in this session takes its id from the name typed here (a step of its own)."""
        document, persona_id = self.inspector.document, self.current_persona()
        if document is None or persona_id is None or persona_id not in {p.id for p in self.journey.personas()}:
            return
        name = self.journey.persona(persona_id).name
        new_id = fresh_id(self.journey, "persona", persona_id, name, document.saved_ids)
        if new_id is not None:
            self.inspector.push(RenamePersonaWithIdCommand(
                self.journey, persona_id, name, new_id, text=f"Take the id of persona {quoted(name)} from its name"))
            self.select_persona(new_id)

    def _push_persona_list(self, field: str, values: tuple[str, ...], verb: str) -> None:
        persona_id = self.current_persona()
        if persona_id is None:
            return
        noun = _PERSONA_LISTS[field]
        who = quoted(self.journey.persona(persona_id).name)
        text = {
            "Add": f"Add {noun} to persona {who}",
            "Remove": f"Remove {noun} from persona {who}",
            "Edit": f"Edit {noun} of persona {who}",
            "Reorder": f"Reorder {field} of persona {who}",
        }[verb]
        self.show_error(self.inspector.push_field("persona", persona_id, field, values, text=text))

    def add_persona(self) -> None:
        """Add a persona after the current one, select it and start naming it."""
        row = self.personas.currentRow()
        index = row + 1 if row >= 0 else len(self.journey.personas())
        refused = no_room(self.journey, "Cannot add a persona", personas=1)
        if refused:
            self.refuse(refused)
            return
        command = AddPersonaCommand(self.journey, "New persona", index)
        self.inspector.push(command)
        self.select_persona(command.persona_id)
        self.persona_name.setFocus()
        self.persona_name.selectAll()

    def remove_persona(self) -> None:
        """Remove the persona being edited; when it feels differently somewhere, ask first
        (its emotions go with it; Undo brings them back)."""
        persona_id = self.current_persona()
        if persona_id is None:
            return
        entries = sum(1 for tp in self.journey.touchpoints() if persona_id in tp.persona_emotions)
        if entries and not self.ask_remove_persona(self, self.journey.persona(persona_id).name, entries):
            return
        self.inspector.push(RemovePersonaCommand(self.journey, persona_id))

    def select_persona(self, persona_id: str | None) -> None:
        """Edit this persona."""
        for row in range(self.personas.count()):
            if self.personas.item(row).data(Qt.ItemDataRole.UserRole) == persona_id:
                self.personas.setCurrentRow(row)
                return

    # ------------------------------------------------------------------ model → editors
    def refresh(self, fields: frozenset[str] | None) -> None:
        journey = self.journey
        self.heading.setText(journey.title)
        if fields is None or "title" in fields:
            self.title_field.show_value(journey.title)
        if fields is None or "description" in fields:
            self.description.show_value(journey.description)
        if fields is None or "personas" in fields:
            self._refresh_personas()

    def _refresh_personas(self) -> None:
        current = self.current_persona()
        personas = self.journey.personas()
        shown = [(self.personas.item(r).data(Qt.ItemDataRole.UserRole), self.personas.item(r).text())
                 for r in range(self.personas.count())]
        if shown != [(p.id, p.name) for p in personas]:
            self.personas.blockSignals(True)
            try:
                self.personas.clear()
                for persona in personas:
                    item = QListWidgetItem(persona.name)
                    item.setData(Qt.ItemDataRole.UserRole, persona.id)
                    self.personas.addItem(item)
            finally:
                self.personas.blockSignals(False)
            ids = [p.id for p in personas]
            if current in ids:
                self.select_persona(current)
            elif personas:
                self.personas.setCurrentRow(0)
        self._show_persona()

    def _show_persona(self) -> None:
        persona_id = self.current_persona()
        has = persona_id is not None
        self.persona_box.setVisible(has)
        self.remove_persona_button.setEnabled(has)
        if not has:
            return
        if persona_id != self._shown_persona:
            self._shown_persona = persona_id
            for child in self.persona_box.findChildren(QWidget):
                if hasattr(child, "new_session"):
                    child.new_session()
        assert persona_id is not None
        persona = self.journey.persona(persona_id)
        self.persona_name.show_value(persona.name)
        self.persona_description.show_value(persona.description)
        for field, editor in self.persona_lists.items():
            editor.show_values(getattr(persona, field))
