"""The text and Markdown reports: sections, names with ids, counts, escaping, long lists cut short."""

from __future__ import annotations

from journeymap.analysis import compute_insights
from journeymap.analysis.render import insights_to_markdown, insights_to_text
from journeymap.model import Journey


def journey() -> Journey:
    j = Journey("Renewing | a *policy*")
    j.add_stage("Notice", id="notice")
    j.add_stage("Renew", id="renew")
    j.add_stage("After", id="after")
    j.add_touchpoint("notice", "Letter\narrives", id="letter", channel="direct-mail", emotion=0, friction=0,
                     metrics={"drop_off": 0.1})
    j.add_touchpoint("renew", "Calls the *broker*", id="call", channel="phone", emotion=-2, friction=4,
                     pain_points=["On hold"], metrics={"csat": 2, "wait_minutes": 30})
    j.add_touchpoint("renew", "Pays online", id="pay", channel="website", emotion=1, friction=1, row=1)
    j.add_touchpoint("renew", "Gives up", id="give-up", channel="phone", emotion=-1, friction=2)
    for k in range(12):
        j.add_touchpoint("after", f"Note {k}", id=f"note-{k}")
    j.add_flow("letter", "call")
    j.add_flow("call", "pay")
    j.add_flow("call", "give-up")
    j.add_flow("give-up", "call")
    return j


def test_text_report_sections_and_lines() -> None:
    j = journey()
    text = insights_to_text(j, compute_insights(j))
    title = "Insights: Renewing | a *policy*"
    assert text.startswith(f"{title}\n{'=' * len(title)}\n")
    for heading in ("Friction hotspots", "Emotional lows", "Emotional drops", "Channel switches", "Paths",
                    "Stages", "Channel coverage", "Reach", "Warnings"):
        assert f"\n{heading}\n{'-' * len(heading)}\n" in text
    assert "3 stage(s), 16 touchpoint(s), 4 flow(s)." in text
    assert "  1. Calls the *broker* (call) in Renew: friction 4 (Blocking), emotion -2 (Very negative)\n" in text
    assert "  1. Letter arrives (letter) → Calls the *broker* (call): -2\n" in text  # newline in a name: one line
    assert "  - FLAGGED Letter arrives (letter) → Calls the *broker* (call): Direct mail → Phone\n" in text
    assert "  - Calls the *broker* (call) → Pays online (pay): Phone → Website\n" in text
    assert "  - Entries (1): Letter arrives (letter)\n  - Exits (1): Pays online (pay)\n" in text
    assert "Hardest path: friction 5 (0 unrated), lowest emotion -2, 2 channel switch(es): " \
           "Letter arrives (letter) → Calls the *broker* (call) → Pays online (pay)\n" in text
    assert "An estimated 90% of the customers who start the main path (row 0, 15 touchpoints)" in text
    assert "  - Isolated (no flows) (12): Note 0 (note-0), " in text and "Note 9 (note-9) and 2 more\n" in text
    assert "  - Loops (1), listed below\n" in text
    assert "  - Calls the *broker* (call) → Gives up (give-up) → Calls the *broker* (call)\n" in text


def test_text_tables_are_aligned() -> None:
    j = journey()
    lines = insights_to_text(j, compute_insights(j)).splitlines()
    start = lines.index("Stages") + 2
    header, rule, notice, renew, after = lines[start:start + 5]
    assert header.startswith("Stage   Touchpoints  Avg emotion  Max friction  Pain points")
    assert rule.startswith("------  -----------")
    assert notice.startswith("Notice  1            +0.0         0             0            Direct mail")
    assert "CSAT 2, wait_minutes 30" in renew
    assert after.startswith("After   12           –            –             0            –")


def test_markdown_report_escapes_free_text_and_marks_ids() -> None:
    j = journey()
    md = insights_to_markdown(j, compute_insights(j))
    assert md.startswith("# Insights: Renewing \\| a \\*policy\\*\n\n")
    assert "\n## Friction hotspots\n\n" in md
    assert "1. Calls the \\*broker\\* (`call`) in Renew: friction 4 (Blocking)" in md
    assert "| Stage | Touchpoints | Avg emotion | Max friction | Pain points | Channels | Metrics |\n" \
           "| --- | --- | --- | --- | --- | --- | --- |\n" in md
    assert "| Renew | 3 | -0.7 | 4 | 1 | Website, Phone | CSAT 2, wait\\_minutes 30 |" in md
    assert "| Direct mail | 1 | . | . |" in md
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_an_empty_journey_reads_well() -> None:
    j = Journey("Blank")
    j.add_stage("Only")
    text = insights_to_text(j, compute_insights(j))
    assert "No touchpoint has friction rated above none." in text
    assert "No touchpoint is rated negative." in text
    assert "No flow changes channel." in text
    assert "No entry or exit: draw flows to see the paths customers take." in text
    assert "No touchpoint has a channel." in text
    assert "No drop-off metric on the main path (row 0), so no estimate." in text
    assert "  - Empty stages (1): Only (only)\n" in text


def test_loop_from_the_last_step_still_gives_a_path() -> None:
    j = Journey("Loop")
    j.add_stage("S", id="s")
    for tp in ("a", "b", "c"):
        j.add_touchpoint("s", tp.upper(), id=tp)
    j.add_flow("a", "b")
    j.add_flow("b", "c")
    j.add_flow("c", "b")
    text = insights_to_text(j, compute_insights(j))
    assert "1 path(s) from an entry to an exit." in text
    assert "Exits (1): C (c)" in text
