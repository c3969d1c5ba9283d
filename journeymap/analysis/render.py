"""Insights as a report for people: plain text for the terminal, Markdown for documents."""

from __future__ import annotations

import re

from journeymap.analysis.outline import Block, Heading, Items, Para, Style, Table, outline
from journeymap.analysis.report import Insights
from journeymap.model import Journey

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
# What starts a block when it leads a line: a list item (- + 1. 1)) or a setext underline (= -).
_LEADING_MARKER = re.compile(r"\A(?:([-+=])|([0-9]{1,9})([.)]))")


def escape_markdown(text: str) -> str:
    """Plain text as inline Markdown that renders as written, on one line.

    Markdown punctuation is backslash-escaped, '&' is written `&amp;` (so `&amp;` in a
    name stays `&amp;`), a leading list or underline marker is escaped, and each newline
    becomes `<br>`: wherever the text goes (a heading, a list item, a table cell), it can
    neither end that block nor start a new one.
    """
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))
    text = _LEADING_MARKER.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)
    return text.replace("\n", "<br>")


TEXT = Style(escape=lambda s: s, code=lambda s: s)
MARKDOWN = Style(escape=escape_markdown, code=lambda s: f"`{s}`")


def insights_to_text(journey: Journey, insights: Insights) -> str:
    """A plain-text report with underlined headings and aligned tables, for a terminal."""
    out: list[str] = []
    for block in outline(journey, insights, TEXT):
        if isinstance(block, Heading):
            if out:
                out.append("")
            out += [block.text, ("=" if block.level == 1 else "-") * len(block.text)]
        elif isinstance(block, Para):
            out.append(block.text)
        elif isinstance(block, Items):
            out += [f"  {k}. {line}" if block.numbered else f"  - {line}" for k, line in enumerate(block.lines, 1)]
        else:
            out += _text_table(block)
    return "\n".join(out) + "\n"


def _text_table(table: Table) -> list[str]:
    widths = [max(len(row[c]) for row in (table.header, *table.rows)) for c in range(len(table.header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=False)).rstrip()

    return [line(table.header), line(tuple("-" * w for w in widths)), *(line(r) for r in table.rows)]


def insights_to_markdown(journey: Journey, insights: Insights) -> str:
    """A Markdown report (headings, lists, pipe tables) to paste into a document or an issue."""
    out: list[str] = []
    for block in outline(journey, insights, MARKDOWN):
        out += _markdown(block)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _markdown(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + block.text]
    if isinstance(block, Para):
        return [block.text]
    if isinstance(block, Items):
        return [f"{k}. {line}" if block.numbered else f"- {line}" for k, line in enumerate(block.lines, 1)]
    rows = [block.header, tuple("---" for _ in block.header), *block.rows]
    return ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
