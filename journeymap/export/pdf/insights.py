"""The insights page of the PDF (issue 5): hotspots, emotional lows, channel switches, hardest path.

`document.render_pdf` calls `insights_story` after the details pages and sets whatever
it returns on as many pages as needed, with the same running head and page labels.
Every number comes from `journeymap.analysis.compute_insights` (the rules are in
docs/insights.md), so the page agrees with `journeymap insights` and the app's dock.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeymap.analysis import Insights, compute_insights
from journeymap.analysis.shown import MAX_NAMED, NONE
from journeymap.export.pdf.textflow import Block, Gap, Keep
from journeymap.export.pdf.rich import Para
from journeymap.export.pdf.tables import Cell, TableStyles, column_widths, make_table, row, shorten, signed, text
from journeymap.layout import style
from journeymap.model import Journey, channel_label, emotion_label, friction_label

__all__ = ["MAX_FLAGGED", "MAX_PATH_STEPS", "TOP_HOTSPOTS", "TOP_LOWS", "insights_story"]

#: How many rows the hotspot and emotional-low tables show.
TOP_HOTSPOTS = 8
TOP_LOWS = 8
#: How many flagged channel switches are listed.
MAX_FLAGGED = 12
#: How many steps of the hardest path are named before the middle is elided.
MAX_PATH_STEPS = 40
#: Names are cut to this length on this page (the details pages show them whole);
#: shorter in running lists (warnings, paths), where many names share a paragraph.
NAME_LIMIT = 120
LISTED_NAME_LIMIT = 60
#: Width of the coloured bar beside a rating (the number and word carry the meaning).
BAR = 3.0
NBSP = "\u00a0"
#: Steps of the hardest path with at least this friction (3 = High) print in bold.
HARD_STEP = 3
#: A section (heading and table) no taller than this share of a page is never split.
KEEP_TOGETHER = 0.5


#: A coloured bar beside a rating: (column, row number from 1, colour).
Bar = tuple[int, int, str]


class _Page:
    """Builds the page's flowables for one journey, its insights, width and styles."""

    def __init__(self, journey: Journey, insights: Insights, width: float, st: TableStyles,
                 page_height: float) -> None:
        self.journey, self.insights, self.width, self.st = journey, insights, width, st
        self.page_height = page_height

    def name(self, tp_id: str, limit: int = NAME_LIMIT) -> str:
        """The touchpoint's name (one line, cut when very long), escaped; its id if it is gone."""
        tp = self.journey.touchpoint(tp_id) if self.journey.has_touchpoint(tp_id) else None
        return text(shorten(" ".join((tp.name if tp else tp_id).split()), limit))

    def stage(self, stage_id: str) -> str:
        """The stage's name, escaped."""
        name = self.journey.stage(stage_id).name if self.journey.has_stage(stage_id) else stage_id
        return text(shorten(" ".join(name.split()), NAME_LIMIT))

    def some(self, ids: Sequence[str]) -> str:
        """Up to MAX_NAMED touchpoint names, then 'and N more'."""
        shown = ", ".join(self.name(t, LISTED_NAME_LIMIT) for t in ids[:MAX_NAMED])
        return shown if len(ids) <= MAX_NAMED else f"{shown} <i>and {len(ids) - MAX_NAMED} more</i>"

    def chain(self, ids: Sequence[str], limit: int) -> str:
        """Touchpoint names joined by arrows; past `limit` the middle is elided."""
        arrow = " <b>→</b> "
        if len(ids) <= limit:
            return arrow.join(self.name(t, LISTED_NAME_LIMIT) for t in ids)
        head = arrow.join(self.name(t, LISTED_NAME_LIMIT) for t in ids[: limit - 1])
        return f"{head}{arrow}<i>… {len(ids) - limit} more …</i>{arrow}{self.name(ids[-1], LISTED_NAME_LIMIT)}"

    def para(self, markup: str) -> Para:
        return Para(markup, self.st.body)

    def section(self, title: str, intro: str) -> list[Block]:
        return [Gap(self.st.size * 1.4), Para(title, self.st.heading), self.para(intro)]

    def table(self, title: str, intro: str, headings: list[str], rows: list[list[Cell | Para]],
              plain: list[list[str]], weights: list[float], narrow: list[bool],
              bars: list[Bar]) -> list[Block]:
        # column_widths measures words split at any whitespace, no-break spaces too: measure
        # a rating as one word ('0' is wider than a space, so it never comes out too narrow).
        measured = [[cell.replace(NBSP, "0") for cell in column] for column in plain]
        widths = column_widths(headings, measured, weights, narrow, self.width, self.st)
        made = [row(cells, [(c, colour, BAR) for c, r, colour in bars if r == n]) for n, cells in enumerate(rows, 1)]
        body = make_table(headings, made, widths, self.st, stripes=range(2, len(rows) + 1, 2))
        head = self.section(title, intro)
        keep = self.page_height * KEEP_TOGETHER
        return [head[0], Keep([*head[1:], Gap(self.st.size * 0.5), body], keep)]

    @staticmethod
    def bar(column: int, row: int, color: str) -> Bar:
        return (column, row, color)

    # -- the sections ---------------------------------------------------------------

    def summary(self) -> list[Block]:
        i, j = self.insights, self.journey
        lines = [f"{len(i.stages)} stage(s), {len(i.hotspots)} touchpoint(s), {len(j.flows())} flow(s); "
                 f"{len(i.paths)} path(s) from an entry to an exit"
                 + (" (the search stopped early: there may be more)" if i.paths_truncated else "") + "."]
        if i.reach is not None:
            r = i.reach
            lines.append(f"<b>Reach:</b> an estimated <b>{r.share * 100:.0f}%</b> of the customers who start "
                         f"the main path ({len(r.path)} touchpoints) reach its end, from the drop-off measured "
                         f"at {len(r.drop_offs)} of them.")
        return [Para("Insights", self.st.heading), *(self.para(line) for line in lines)]

    def hotspots(self) -> list[Block]:
        rated = [h for h in self.insights.hotspots if h.friction]
        title = "Friction hotspots"
        if not rated:
            return self.section(title, "No touchpoint has friction rated above none.")
        shown = rated[:TOP_HOTSPOTS]
        intro = (f"{len(rated)} touchpoint(s) with friction above none, highest first "
                 f"(equal friction: lower emotion first); the top {len(shown)}:")
        rows: list[list[Cell | Para]] = []
        extra: list[Bar] = []
        for n, h in enumerate(shown, 1):
            rows.append([self.para(str(n)), Para(self.name(h.touchpoint), self.st.strong),
                         self.para(self.stage(h.stage)), self.para(_friction(h.friction)),
                         self.para(_emotion(h.emotion))])
            extra.append(self.bar(3, n, style.friction_color(h.friction or 0)))
            if h.emotion is not None:
                extra.append(self.bar(4, n, style.emotion_color(h.emotion)))
        plain = [[str(len(shown))], [h.name for h in shown], [self.stage(h.stage) for h in shown],
                 [_friction(h.friction) for h in shown], [_emotion(h.emotion) for h in shown]]
        return self.table(title, intro, ["#", "Touchpoint", "Stage", "Friction", "Emotion"], rows, plain,
                          [0.3, 3.0, 1.6, 1.0, 1.0], [True, False, False, True, True], extra)

    def lows(self) -> list[Block]:
        lows = self.insights.emotional_lows
        title = "Emotional lows"
        if not lows:
            return self.section(title, "No touchpoint is rated negative.")
        shown = lows[:TOP_LOWS]
        intro = f"{len(lows)} touchpoint(s) feel negative or worse, lowest first; the first {len(shown)}:"
        stages = [self.journey.touchpoint(e.touchpoint).stage for e in shown]
        rows: list[list[Cell | Para]] = []
        extra: list[Bar] = []
        for n, (e, stage_id) in enumerate(zip(shown, stages, strict=False), 1):
            friction = self.journey.touchpoint(e.touchpoint).friction
            rows.append([self.para(str(n)), Para(self.name(e.touchpoint), self.st.strong),
                         self.para(self.stage(stage_id)), self.para(_emotion(e.emotion)),
                         self.para(_friction(friction))])
            extra.append(self.bar(3, n, style.emotion_color(e.emotion)))
        plain = [[str(len(shown))], [e.name for e in shown], [self.stage(s) for s in stages],
                 [_emotion(e.emotion) for e in shown], [_friction(4)]]
        return self.table(title, intro, ["#", "Touchpoint", "Stage", "Emotion", "Friction"], rows, plain,
                          [0.3, 3.0, 1.6, 1.0, 1.0], [True, False, False, True, True], extra)

    def switches(self) -> list[Block]:
        switches = self.insights.channel_switches
        flagged = [s for s in switches if s.flagged]
        title = "Flagged channel switches"
        if not flagged:
            said = "No flow changes channel." if not switches else (
                f"{len(switches)} flow(s) change channel; none is flagged.")
            return self.section(title, said)
        shown = flagged[:MAX_FLAGGED]
        more = f"; the first {len(shown)}" if len(shown) < len(flagged) else ""
        intro = (f"{len(switches)} flow(s) change channel; {len(flagged)} are flagged because the customer "
                 f"feels the break (the target has friction 2 or more, or emotion −1 or lower){more}:")
        rows: list[list[Cell | Para]] = []
        plain: list[list[str]] = [[], [], [], []]
        for s in shown:
            channels = f"{channel_label(s.source_channel)} → {channel_label(s.target_channel)}"
            target = self.journey.touchpoint(s.target)
            why = f"{_friction(target.friction)}<br/>{_emotion(target.emotion)}"
            rows.append([Para(self.name(s.source), self.st.strong), Para(self.name(s.target), self.st.strong),
                         self.para(text(channels)), self.para(why)])
            for column, value in zip(
                plain, (self.name(s.source), self.name(s.target), channels, _emotion(-2)), strict=False
            ):
                column.append(value)
        return self.table(title, intro, ["From", "To", "Channels", "Target's friction, emotion"], rows, plain,
                          [2.0, 2.0, 1.6, 1.0], [False, False, False, True], [])

    def hardest_path(self) -> list[Block]:
        worst = self.insights.worst_path()
        title = "Hardest path"
        if worst is None:
            return self.section(title, "No path from an entry to an exit yet: draw flows to see the paths "
                                       "customers take.")
        low = "none rated" if worst.min_emotion is None else _emotion(worst.min_emotion)
        unrated = f" ({worst.unrated_friction} unrated, counted as 0)" if worst.unrated_friction else ""
        facts = (f"<b>Total friction {worst.friction}</b>{unrated} · lowest emotion <b>{low}</b> · "
                 f"<b>{worst.channel_switches}</b> channel switch(es) · {len(worst.touchpoints)} step(s)")
        intro = ("The path from an entry to an exit with the most friction (equal friction: lower emotion, "
                 f"then more channel switches); steps in <b>bold</b> have friction {HARD_STEP} or more.<br/>{facts}")
        rows, plain, extra = self.path_rows(worst.touchpoints)
        return self.table(title, intro, ["Stage", "Steps"], rows, plain, [1.0, 5.0], [False, False], extra)

    def path_rows(self, ids: Sequence[str]) -> tuple[list[list[Cell | Para]], list[list[str]], list[Bar]]:
        """The steps of a path as table rows, consecutive steps of one stage sharing a row."""
        numbered: list[tuple[int, str] | None] = list(enumerate(ids, 1))
        if len(ids) > MAX_PATH_STEPS:
            numbered = [*numbered[: MAX_PATH_STEPS - 1], None, numbered[-1]]
        groups: list[tuple[str | None, list[str]]] = []
        for item in numbered:
            if item is None:
                groups.append((None, [f"<i>… {len(ids) - MAX_PATH_STEPS} more step(s) …</i>"]))
                continue
            n, tp_id = item
            tp = self.journey.touchpoint(tp_id)
            step = f"{n}.{NBSP}{self.name(tp_id, LISTED_NAME_LIMIT)}"
            step = f"<b>{step}</b>" if (tp.friction or 0) >= HARD_STEP else step
            if groups and groups[-1][0] == tp.stage:
                groups[-1][1].append(step)
            else:
                groups.append((tp.stage, [step]))
        stage_ids = self.journey.stage_ids()
        rows: list[list[Cell | Para]] = []
        extra: list[Bar] = []
        for r, (stage_id, steps) in enumerate(groups, 1):
            rows.append([Para(self.stage(stage_id) if stage_id else "", self.st.strong),
                         self.para(" → ".join(steps))])
            if stage_id in stage_ids:
                index = stage_ids.index(stage_id)
                extra.append(self.bar(0, r, style.stage_color(self.journey.stage(stage_id), index)))
        plain = [[self.stage(g) for g, _ in groups if g], [""]]
        return rows, plain, extra

    def warnings(self) -> list[Block]:
        w = self.insights.warnings
        found: list[tuple[str, int, str]] = []
        for label, ids in (("Isolated (no flows)", w.isolated),
                           ("Dead ends (exits before the last stage)", w.dead_ends),
                           ("Late entries (entries after the first stage)", w.late_entries)):
            if ids:
                found.append((label, len(ids), self.some(ids)))
        if w.cycles:
            shortest = sorted(w.cycles, key=len)[:3]  # a short loop is usually a retry worth fixing
            loops = "<br/>".join("• " + self.chain([*c, c[0]], MAX_NAMED) for c in shortest)
            count = len(w.cycles)
            label = "Loops" + (" (search stopped early)" if w.cycles_truncated else "")
            found.append((label, count, ("The shortest:<br/>" if count > 3 else "") + loops))
        if w.empty_stages:
            empty = w.empty_stages
            names = ", ".join(self.stage(s) for s in empty[:MAX_NAMED])
            more = f" <i>and {len(empty) - MAX_NAMED} more</i>" if len(empty) > MAX_NAMED else ""
            found.append(("Empty stages", len(empty), names + more))
        if w.backward_flows:
            flows = w.backward_flows
            listed = "<br/>".join(f"{self.name(a, LISTED_NAME_LIMIT)} → {self.name(b, LISTED_NAME_LIMIT)}"
                                  for a, b in flows[:5])
            found.append(("Backward flows (into an earlier stage)", len(flows),
                          listed + (f"<br/><i>and {len(flows) - 5} more</i>" if len(flows) > 5 else "")))
        for label, ids in (("No channel", w.missing_channel), ("Emotion not rated", w.missing_emotion),
                           ("Friction not rated", w.missing_friction)):
            if ids:
                found.append((label, len(ids), self.some(ids)))
        if not found:
            return self.section("Warnings", "No warnings.")
        rows: list[list[Cell | Para]] = [[Para(text(label), self.st.strong), self.para(str(count)), self.para(names)]
                                  for label, count, names in found]
        plain = [[label for label, _, _ in found], ["Count"], [""]]
        return self.table("Warnings", f"{len(found)} kind(s) of problem in the map's structure or ratings:",
                          ["Warning", "Count", "Touchpoints"], rows, plain, [1.6, 0.4, 4.0],
                          [False, True, False], [])


def _emotion(value: int | None) -> str:
    """'−2 Very negative', kept on one line (no-break spaces) so the column fits it."""
    shown = NONE + " not rated" if value is None else f"{signed(value)} {emotion_label(value)}"
    return shown.replace(" ", NBSP)


def _friction(value: int | None) -> str:
    """'4 Blocking', kept on one line."""
    shown = NONE + " not rated" if value is None else f"{value} {friction_label(value)}"
    return shown.replace(" ", NBSP)


def insights_story(journey: Journey, width: float, styles: TableStyles, page_height: float = 1e9) -> list[Block]:
    """The blocks of the insights pages for a frame `width` × `page_height` points.

    A heading and summary (with reach when `drop_off` is measured), the top friction
    hotspots, emotional lows, flagged channel switches, the hardest path and warnings.
    Ratings print as number and word, coloured bars only repeat them; user text is escaped.
    """
    page = _Page(journey, compute_insights(journey), width, styles, page_height)
    return [*page.summary(), *page.hotspots(), *page.lows(), *page.switches(), *page.hardest_path(),
            *page.warnings()]
