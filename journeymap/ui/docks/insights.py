"""The Insights dock: friction hotspots, emotional lows, drops, channel switches, the
hardest path and warnings of the current journey, kept current while the map is edited.

`LiveInsights` listens to the journey's model events and recomputes the insights once
the edits pause (a short single-shot timer), so typing and dragging stay fluid. The
panel and the canvas heat map both follow its `updated` signal; the panel's instance
computes only while someone looks (the dock shown, or the heat map on, see
`LiveInsights.set_wanted`) and catches up when shown. Clicking an entry
selects its touchpoint or flow through the shared selection and asks the window to
centre it (`centre_requested`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHideEvent, QIcon, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from journeymap.analysis import Insights
from journeymap.model import Journey, emotion_label, friction_label
from journeymap.ui.docks.insight_icons import channel_pair_icon, drop_icon, severity_icon, warning_icon
from journeymap.ui.docks.live_insights import DEBOUNCE_MS, LiveInsights
from journeymap.ui.document import Document
from journeymap.ui.selection import Ref

#: How many entries a ranked section lists before "… and N more".
TOP_N = 8
#: A list that names everything it finds (channel breaks, the hardest path's steps, each
#: kind of warning) shows at most this many entries, then "… and N more": a map at the
#: loader's limits has tens of thousands of each, and a row (with its icon) per item took
#: the app's opening most of a minute.
MAX_LISTED = 200
_REFS_ROLE = Qt.ItemDataRole.UserRole
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: Warning keys of `analysis.Warnings` with their labels, in the order shown.
WARNING_LABELS: tuple[tuple[str, str], ...] = (
    ("dead_ends", "Dead ends (customers stop early)"),
    ("late_entries", "Late entries (appear from nowhere)"),
    ("isolated", "Not connected by any flow"),
    ("cycles", "Loops"),
    ("backward_flows", "Flows back to an earlier stage"),
    ("empty_stages", "Empty stages"),
    ("missing_channel", "No channel"),
    ("missing_emotion", "Emotion not rated"),
    ("missing_friction", "Friction not rated"),
)

#: What each section lists (its header's tooltip); the rules are in docs/insights.md.
SECTION_TIPS = {
    "hotspots": "Touchpoints by friction, highest first; equal friction: lower emotion first",
    "lows": "Touchpoints whose emotion is Negative or Very negative, lowest first",
    "drops": "Flows along which the emotion falls, steepest fall first",
    "switches": "Channel switches the customer feels: the next touchpoint is in another channel "
                "and has friction Medium or worse, or a negative emotion",
    "path": "The path from an entry to an exit with the most friction "
            "(ties: the lower emotion, then more channel switches)",
    "warnings": "Gaps and loose ends in the map",
}


def _name(journey: Journey, tp_id: str) -> str:
    return journey.touchpoint(tp_id).name if journey.has_touchpoint(tp_id) else tp_id


def _rating_text(friction: int | None, emotion: int | None) -> str:
    f = "not rated" if friction is None else f"{friction} ({friction_label(friction)})"
    e = "not rated" if emotion is None else f"{emotion:+d} ({emotion_label(emotion)})".replace("+0", "0")
    return f"Friction {f} · Emotion {e}"


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text: QTreeView asks a delegate for a row's height without the
    column's width, so a long name would get one line; this measures it at the width it has."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return hint
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        style = self.tree.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1
        width = self.tree.viewport().width() - depth * self.tree.indentation() - 2 * margin - 4
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            width -= self.tree.iconSize().width() + 2 * margin
        font = index.data(Qt.ItemDataRole.FontRole) or self.tree.font()
        box = QFontMetrics(font).boundingRect(QRect(0, 0, max(40, width), 100_000),
                                              int(Qt.TextFlag.TextWordWrap), str(text))
        return QSize(hint.width(), max(hint.height(), box.height() + 4))


class InsightsPanel(QTreeWidget):
    """The dock's contents: one section per kind of insight, entries naming touchpoints.

    `centre_requested(Ref)` asks the window to centre the map on a clicked entry.
    """

    centre_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Journey insights")
        self.setAccessibleDescription("Friction hotspots, emotional lows, drops, channel switches, "
                                      "the hardest path and warnings. Enter or a click shows it on the map.")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIconSize(QSize(40, 16))
        self.setIndentation(14)
        # Names are long ("Fills in the checkout form on her phone"): they wrap instead of
        # being cut off, and each entry's tooltip holds its full text too.
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformRowHeights(False)
        self.setItemDelegate(_WrappingDelegate(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document: Document | None = None
        self.live = LiveInsights(self, delay_ms, lazy=True)
        self.live.updated.connect(self._show)
        self._expanded: dict[str, bool] = {}
        self.itemClicked.connect(lambda item, _column: self.activate(item))
        self.itemActivated.connect(lambda item, _column: self.activate(item))
        self.itemExpanded.connect(lambda item: self._remember(item, True))
        self.itemCollapsed.connect(lambda item: self._remember(item, False))

    def set_document(self, document: Document | None) -> None:
        """Show the insights of another document (None: empty)."""
        self.document = document
        self.live.set_document(document)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Rewrap the entries to the new width."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Shown (the dock opened or its tab raised): bring the insights up to date."""
        super().showEvent(event)
        self.live.set_wanted("panel", True, now=False)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        """Hidden: stop recomputing for the panel (the heat map may still want them)."""
        super().hideEvent(event)
        self.live.set_wanted("panel", False)

    # ------------------------------------------------------------------ lookups (tests, scripts)
    def section(self, key: str) -> QTreeWidgetItem | None:
        """The top-level item of a section: 'hotspots', 'lows', 'drops', 'switches', 'path', 'warnings'."""
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item is not None and item.data(0, _KEY_ROLE) == key:
                return item
        return None

    def entries(self, key: str) -> list[QTreeWidgetItem]:
        """The entries of a section that point at something on the map."""
        section = self.section(key)
        if section is None:
            return []
        children = (section.child(i) for i in range(section.childCount()))
        return [c for c in children if c is not None and c.data(0, _REFS_ROLE)]

    @staticmethod
    def refs_of(item: QTreeWidgetItem) -> tuple[Ref, ...]:
        """What an entry points at (empty for headers and notes)."""
        return tuple(item.data(0, _REFS_ROLE) or ())

    # ------------------------------------------------------------------ clicking
    def activate(self, item: QTreeWidgetItem) -> None:
        """Select what `item` points at and ask for it to be centred on the map."""
        refs = self.refs_of(item)
        if not refs or self.document is None:
            return
        self.document.selection.set(refs)
        self.centre_requested.emit(refs[0])

    def _remember(self, item: QTreeWidgetItem, expanded: bool) -> None:
        key = item.data(0, _KEY_ROLE)
        if key:
            self._expanded[key] = expanded

    # ------------------------------------------------------------------ building
    def _place(self, item: QTreeWidgetItem | None) -> tuple[str, ...]:
        """Where an item sits, as the texts from its section down (survives a rebuild)."""
        texts: list[str] = []
        while item is not None:
            texts.insert(0, str(item.data(0, _KEY_ROLE) or item.text(0)))
            item = item.parent()
        return tuple(texts)

    def _find(self, place: tuple[str, ...]) -> QTreeWidgetItem | None:
        items = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        found: QTreeWidgetItem | None = None
        for text in place:
            found = next((i for i in items if i is not None and self._place(i)[-1] == text), None)
            if found is None:
                return None
            items = [found.child(i) for i in range(found.childCount())]
        return found

    def _show(self, insights: Insights | None) -> None:
        scroll = self.verticalScrollBar().value()
        current = self._place(self.currentItem()) if self.currentItem() is not None else ()
        self.setUpdatesEnabled(False)
        self.clear()
        if insights is not None and self.document is not None:
            journey = self.document.journey
            self._hotspots(insights, journey)
            self._lows(insights, journey)
            self._drops(insights, journey)
            self._switches(insights, journey)
            self._path(insights, journey)
            self._warnings(insights, journey)
        again = self._find(current) if current else None
        if again is not None:  # keyboard users keep their place while the map is edited
            self.setCurrentItem(again)
        self.setUpdatesEnabled(True)
        self.verticalScrollBar().setValue(scroll)

    def _section(self, key: str, title: str, count: int, *, expanded: bool = True,
                 parent: QTreeWidgetItem | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{title} · {count}" if count else title])
        item.setData(0, _KEY_ROLE, key)
        item.setToolTip(0, SECTION_TIPS.get(key, title))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if parent is None:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(0, font)
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        item.setExpanded(self._expanded.get(key, expanded))
        return item

    def _entry(self, parent: QTreeWidgetItem, text: str, refs: tuple[Ref, ...], tip: str,
               icon: QIcon | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, _REFS_ROLE, refs)
        item.setToolTip(0, tip)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, tip.replace("\n", ". "))
        if icon is not None:
            item.setIcon(0, icon)
        parent.addChild(item)
        return item

    def _note(self, parent: QTreeWidgetItem, text: str) -> None:
        item = QTreeWidgetItem([text])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setForeground(0, self.palette().placeholderText())
        parent.addChild(item)

    def _more(self, parent: QTreeWidgetItem, left: int) -> None:
        if left > 0:
            self._note(parent, f"… and {left} more")

    def _touchpoint(self, parent: QTreeWidgetItem, journey: Journey, tp_id: str, prefix: str = "",
                    detail: str = "") -> None:
        tp = journey.touchpoint(tp_id) if journey.has_touchpoint(tp_id) else None
        friction = tp.friction if tp is not None else None
        emotion = tp.emotion if tp is not None else None
        name = tp.name if tp is not None else tp_id
        where = f" in {journey.stage(tp.stage).name}" if tp is not None and journey.has_stage(tp.stage) else ""
        tip = f"{name}  (id: {tp_id}){where}\n{detail or _rating_text(friction, emotion)}"
        self._entry(parent, prefix + name, (Ref.touchpoint(tp_id),), tip, severity_icon(friction, emotion))

    def _hotspots(self, insights: Insights, journey: Journey) -> None:
        rated = [h for h in insights.hotspots if h.friction]
        section = self._section("hotspots", "Friction hotspots", len(rated))
        for h in rated[:TOP_N]:
            self._touchpoint(section, journey, h.touchpoint)
        self._more(section, len(rated) - TOP_N)
        if not rated:
            self._note(section, "No touchpoint has friction above None")

    def _lows(self, insights: Insights, journey: Journey) -> None:
        lows = insights.emotional_lows
        section = self._section("lows", "Emotional lows", len(lows))
        for low in lows[:TOP_N]:
            self._touchpoint(section, journey, low.touchpoint)
        self._more(section, len(lows) - TOP_N)
        if not lows:
            self._note(section, "No touchpoint feels negative")

    def _flow_entry(self, parent: QTreeWidgetItem, journey: Journey, source: str, target: str,
                    detail: str, icon: QIcon | None) -> None:
        text = f"{_name(journey, source)} → {_name(journey, target)}"
        tip = f"{text}  (flow {source} → {target})\n{detail}"
        self._entry(parent, text, (Ref.flow(source, target),), tip, icon)

    def _drops(self, insights: Insights, journey: Journey) -> None:
        falls = [d for d in insights.drops if d.change < 0]
        section = self._section("drops", "Steepest drops", len(falls), expanded=False)
        for d in falls[:TOP_N]:
            before = journey.touchpoint(d.source).emotion if journey.has_touchpoint(d.source) else None
            after = journey.touchpoint(d.target).emotion if journey.has_touchpoint(d.target) else None
            self._flow_entry(section, journey, d.source, d.target,
                             f"Emotion falls by {-d.change} ({emotion_label(before)} → {emotion_label(after)})",
                             drop_icon(before, after))
        self._more(section, len(falls) - TOP_N)
        if not falls:
            self._note(section, "Emotion never falls along a flow")

    def _switches(self, insights: Insights, journey: Journey) -> None:
        flagged = [c for c in insights.channel_switches if c.flagged]
        section = self._section("switches", "Channel breaks", len(flagged))
        for c in flagged[:MAX_LISTED]:
            target = journey.touchpoint(c.target) if journey.has_touchpoint(c.target) else None
            rating = _rating_text(target.friction, target.emotion) if target is not None else ""
            self._flow_entry(section, journey, c.source, c.target,
                             f"{c.source_channel} → {c.target_channel}; at the target: {rating}",
                             channel_pair_icon(c.source_channel, c.target_channel))
        self._more(section, len(flagged) - MAX_LISTED)
        others = len(insights.channel_switches) - len(flagged)
        if others:
            self._note(section, f"and {others} channel switch{'es that do' if others != 1 else ' that does'} not hurt")
        elif not flagged:
            self._note(section, "No channel switch hurts")

    def _path(self, insights: Insights, journey: Journey) -> None:
        worst = insights.worst_path()
        title = f"Hardest path · {len(worst.touchpoints)} steps" if worst else "Hardest path"
        section = self._section("path", title, 0, expanded=False)
        if worst is None:
            self._note(section, "No path from an entry to an exit yet")
            return
        lowest = "none rated" if worst.min_emotion is None else emotion_label(worst.min_emotion).lower()
        summary = (f"Friction {worst.friction} · lowest emotion {lowest} · "
                   f"{worst.channel_switches} channel switch{'es' if worst.channel_switches != 1 else ''}")
        refs = tuple(Ref.touchpoint(t) for t in worst.touchpoints if journey.has_touchpoint(t))
        tip = summary + (f"\n{worst.unrated_friction} touchpoints without a friction rating count 0"
                         if worst.unrated_friction else "") + "\nClick to select the whole path"
        self._entry(section, summary, refs, tip)
        for number, tp_id in enumerate(worst.touchpoints[:MAX_LISTED], start=1):
            self._touchpoint(section, journey, tp_id, prefix=f"{number}. ")
        self._more(section, len(worst.touchpoints) - MAX_LISTED)
        if insights.paths_truncated:
            self._note(section, "Only the first 1,000 paths were searched")

    def _warnings(self, insights: Insights, journey: Journey) -> None:
        w = insights.warnings
        lists = {key: getattr(w, key) for key, _label in WARNING_LABELS}
        total = sum(len(v) for v in lists.values())
        section = self._section("warnings", "Warnings", total)
        for key, label in WARNING_LABELS:
            found = lists[key]
            if not found:
                continue
            group = self._section(f"warnings/{key}", label, len(found), expanded=False, parent=section)
            group.setIcon(0, warning_icon())
            for value in found[:MAX_LISTED]:
                self._warning_entry(group, journey, key, value)
            self._more(group, len(found) - MAX_LISTED)
        if w.cycles_truncated:
            self._note(section, "Only the first 100 loops are listed")
        if not total:
            self._note(section, "Nothing to warn about")

    def _warning_entry(self, group: QTreeWidgetItem, journey: Journey, key: str,
                       value: str | tuple[str, ...]) -> None:
        if key == "cycles":
            ids: tuple[str, ...] = tuple(value)
            text = " → ".join(_name(journey, t) for t in (*ids, ids[0]))
            refs = tuple(Ref.touchpoint(t) for t in ids)
            self._entry(group, text, refs, f"{text}\n(ids: {', '.join(ids)})")
        elif key == "backward_flows":
            source, target = str(value[0]), str(value[1])
            self._flow_entry(group, journey, source, target, "Leads back into an earlier stage", None)
        elif key == "empty_stages":
            stage_id = str(value)
            name = journey.stage(stage_id).name if journey.has_stage(stage_id) else stage_id
            self._entry(group, name, (Ref.stage(stage_id),), f"{name}  (id: {stage_id})\nThis stage has no touchpoints")
        else:
            self._touchpoint(group, journey, str(value))
