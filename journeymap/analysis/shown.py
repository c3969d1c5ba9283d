"""How much of the insights every presentation shows: the text and Markdown reports and the PDF page.

Kept apart from `outline` (which builds the reports) so the PDF page can share these
limits without importing the report builder.
"""

#: How many items each ranked section shows.
TOP = 5
#: How many ids a warning line or a path names before it says "and N more".
MAX_NAMED = 10
#: Shown in a table cell with nothing to show (as `journeymap info` does).
NONE = "–"
