"""Mermaid's user-journey syntax, read the way Mermaid reads it, and text escaped for it.

Mermaid (mermaid-js/mermaid, v10/v11) turns a diagram into tokens in three steps,
mirrored here one for one so that we accept exactly what Mermaid accepts:

1. preprocessing (preprocess.ts): CR/CRLF become LF; a leading `---` front-matter block
   is cut off (its `title:` is the diagram title); `%%{...}%%` directives are removed;
   lines starting with `%%` are removed (comments.ts); leading whitespace is trimmed;
2. `encodeEntities` (mermaidAPI): `#name;` and `#123;` become placeholders, so that an
   entity code never reaches the grammar; the renderer shows them as `&name;`/`&#123;`;
3. the jison lexer of parser/journey.jison, as compiled in Mermaid's dist: case-insensitive
   keywords, the first rule that matches wins (not the longest), `#` and a token-starting
   `%` start a comment, `;` is invalid.

Line numbers always refer to the original file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from journeymap.io.errors import JourneyFileError
from journeymap.io.yaml_tree import Mapping, Scalar, parse_tree

# JavaScript's \s and "." differ from Python's: spell them out.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
WS = f"[{JS_SPACE}]"
_HWS = "[" + JS_SPACE.replace("\n", "").replace("\r", "") + "]"  # \s but not \n, \r
_DOT = "[^\n\r\u2028\u2029]"
_WORD = "[A-Za-z0-9_]"


def _ci(word: str) -> str:
    # A JavaScript /i regex without /u folds ASCII letters only (Python's re.I also folds ſ, K...).
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


_FRONT_MATTER = re.compile(rf"({_HWS}*)-{{3}}{WS}*[\n\r](.*?)[\n\r]\1-{{3}}{WS}*[\n\r]+", re.DOTALL)
_DIRECTIVE = re.compile(
    rf"%{{2}}{{{WS}*(?:{_WORD}+{WS}*:|{_WORD}+){WS}*(?:{_WORD}+|(?:(?!}}%{{2}}){_DOT}|\r?\n)*)?{WS}*(?:}}%{{2}})?"
)
_COMMENT_LINE = re.compile(rf"{WS}*%%(?!\{{)[^\n]+")
_SEGMENT_END = re.compile("(" + _DOT + "*)([\n\r\u2028\u2029]|\\Z)")
_ENTITY = re.compile(rf"#({_WORD}+);")
_NUMERIC, _NAMED, _CLOSE = "\ue000", "\ue001", "\ue002"
_PLACEHOLDER = re.compile(f"([{_NUMERIC}{_NAMED}])({_WORD}+){_CLOSE}")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)

#: the lexer rules of journey.jison in their order: (pattern, token kind or None to skip, next state)
_INITIAL: tuple[tuple[re.Pattern[str], str | None, str | None], ...] = tuple(
    (re.compile(pattern), kind, state)
    for pattern, kind, state in (
        (r"%(?!\{)[^\n]*", None, None),  # jison compiles the grammar's "\%%" to a single '%'

        (r"[^}]%%[^\n]*", None, None),
        (r"\n+", "NEWLINE", None),
        (f"{WS}+", None, None),
        (r"#[^\n]*", None, None),
        (_ci("journey") + r"(?![A-Za-z0-9_])", "JOURNEY", None),
        (_ci("title") + f"{WS}[^#\n;]+", "TITLE", None),
        (_ci("accTitle") + f"{WS}*:{WS}*", "ACC_TITLE", "acc_title"),
        (_ci("accDescr") + f"{WS}*:{WS}*", "ACC_DESCR", "acc_descr"),
        (_ci("accDescr") + f"{WS}*\\{{{WS}*", None, "acc_descr_multiline"),
        (_ci("section") + f"{WS}[^#:\n;]+", "SECTION", None),
        (r"[^#:\n;]+", "TASKNAME", None),
        (r":[^#\n;]+", "TASKDATA", None),
        (r":", "COLON", None),
        (r".", "INVALID", None),
    )
)
_REST_OF_LINE = re.compile(r"[^\n]*")
_CLOSE_BRACE = re.compile(r"\}")
_NOT_CLOSE_BRACE = re.compile(r"[^}]*")


@dataclass(frozen=True)
class Token:
    """One token of the journey grammar; `line` is the 1-based line in the original file."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class Source:
    """Preprocessed diagram text, ready for the lexer, with a map back to original lines."""

    text: str
    lines: tuple[int, ...]  # original line number of each line of `text`
    front_matter_title: str | None

    def line_of(self, offset: int) -> int:
        """Original 1-based line of a character offset in `text`."""
        index = self.text.count("\n", 0, offset)
        return self.lines[min(index, len(self.lines) - 1)]


class _LineCursor:
    """`Source.line_of` for offsets that only grow: counts each newline once (a file of many
    tokens would otherwise be counted from the start for every token)."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.offset = 0
        self.index = 0

    def line_of(self, offset: int) -> int:
        if offset < self.offset:  # never in the lexer; kept correct all the same
            self.offset, self.index = 0, 0
        self.index += self.source.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.source.lines[min(self.index, len(self.source.lines) - 1)]


def _blank_out(match: re.Match[str]) -> str:
    return "\n" * match.group(0).count("\n")


def _front_matter_title(body: str, indent: str, first_line: int, path: str) -> str | None:
    if indent:
        body = "\n".join(line[len(indent):] if line.startswith(indent) else line for line in body.split("\n"))
    try:
        root = parse_tree(body, path)
    except JourneyFileError as err:
        line = None if err.line is None else err.line + first_line - 1
        raise JourneyFileError(path, line, err.column, f"front matter: {err.message}") from None
    if not isinstance(root, Mapping):
        return None
    for key, value in root.pairs:
        if key.value == "title" and isinstance(value, Scalar):
            if value.plain and value.value in ("", "~", "null", "Null", "NULL", "false", "0"):
                return None
            return value.value
    return None


def preprocess(text: str, path: str) -> Source:
    """Apply Mermaid's preprocessing and entity encoding, keeping original line numbers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    title = None
    front = _FRONT_MATTER.match(text)
    if front:
        first_line = text.count("\n", 0, front.start(2)) + 1
        title = _front_matter_title(front.group(2), front.group(1), first_line, path)
        text = _blank_out(front) + text[front.end():]
    # Removed directives leave their newlines behind, so lines keep their numbers.
    text = _DIRECTIVE.sub(_blank_out, text)
    kept: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _COMMENT_LINE.match(line):
            # Mermaid's /^\s*%%.../gm also eats the blank lines just before a comment line.
            while kept and not kept[-1].strip(JS_SPACE):
                kept.pop()
                numbers.pop()
            continue
        kept.append(line)
        numbers.append(number)
    body = "\n".join(kept)
    stripped = body.lstrip(JS_SPACE)
    skipped = body[: len(body) - len(stripped)].count("\n")
    body = stripped
    if "style" in body or "classDef" in body:
        body = _SEGMENT_END.sub(lambda m: _style_hacks(m.group(1)) + m.group(2), body)
    body = _ENTITY.sub(_placeholder, body) + "\n"
    numbers = numbers[skipped:] or [numbers[-1] if numbers else 1]
    lines = (*numbers, numbers[-1])  # the "\n" Mermaid appends
    return Source(body, lines, title)


def _style_hacks(segment: str) -> str:
    """Mermaid's `/style.*:\\S*#.*;/` then `/classDef.*:\\S*#.*;/` on one line, each dropping the
    ';' that ends its match.

    A greedy match runs to the line's last ';', so each one only decides whether that ';'
    goes; this decides it in one pass, where the regexes backtrack quadratically on a
    long line of 'style' and ':' (a hostile file would hang the import).
    """
    for word in ("style", "classDef"):
        start = segment.find(word)
        last = segment.rfind(";")
        if start < 0 or last < 0:
            continue
        after_colon = False
        for char in segment[start + len(word):last]:
            if char == ":":
                after_colon = True
            elif char in JS_SPACE:
                after_colon = False
            elif char == "#" and after_colon:
                segment = segment[:last] + segment[last + 1:]
                break
    return segment


def _placeholder(match: re.Match[str]) -> str:
    inner = match.group(1)
    return (_NUMERIC if inner.isdigit() and inner.isascii() else _NAMED) + inner + _CLOSE


def tokenize(source: Source) -> Iterator[Token]:
    """The tokens of journey.jison's lexer; ends with one EOF token.

    The EOF token's text is the lexer state: "INITIAL" at a proper end, else the
    `accTitle:`, `accDescr:` or `accDescr {` that the input ended inside.
    """
    text, pos, state = source.text, 0, "INITIAL"
    line_of = _LineCursor(source).line_of
    while True:
        if state == "INITIAL":
            if pos >= len(text):
                yield Token("EOF", state, line_of(len(text)))
                return
            for pattern, kind, next_state in _INITIAL:  # noqa: B007 (the match found is read after the loop)
                match = pattern.match(text, pos)
                if match:
                    break
            assert match is not None  # "." matches anything but \n, and "\n+" comes first
            if kind is not None:
                yield Token(kind, match.group(0), line_of(pos))
            if next_state is not None:
                state = next_state
            pos = match.end()
        elif pos >= len(text):  # jison's own end of input, which the grammar does not accept here
            yield Token("EOF", state, line_of(len(text)))
            return
        elif state in ("acc_title", "acc_descr"):
            match = _REST_OF_LINE.match(text, pos)
            assert match is not None
            yield Token("ACC_TITLE_VALUE" if state == "acc_title" else "ACC_DESCR_VALUE", match.group(0), line_of(pos))
            pos, state = match.end(), "INITIAL"
        else:  # acc_descr_multiline
            if _CLOSE_BRACE.match(text, pos):
                pos, state = pos + 1, "INITIAL"
                continue
            match = _NOT_CLOSE_BRACE.match(text, pos)
            assert match is not None
            yield Token("ACC_DESCR_MULTILINE_VALUE", match.group(0), line_of(pos))
            pos = match.end()


def decode(text: str) -> str:
    """Text as Mermaid shows it: `<br>` is a line break, `#58;` a colon, `#quot;` a quote."""
    text = _LINE_BREAK.sub("\n", text)
    return _PLACEHOLDER.sub(_decoded_entity, text)


def _decoded_entity(match: re.Match[str]) -> str:
    kind, inner = match.group(1), match.group(2)
    return html.unescape(("&#" if kind == _NUMERIC else "&") + inner + ";")


# ---------------------------------------------------------------------------- writing

_KEYWORD_START = re.compile(
    _ci("journey") + "(?![A-Za-z0-9_])|" + _ci("title") + WS + "|" + _ci("section") + WS
    + "|" + _ci("accTitle") + f"{WS}*:|" + _ci("accDescr") + f"{WS}*[:{{]"
)


def escape(text: str, reserved: str, newline: str = "<br>") -> str:
    """`text` written so Mermaid's grammar reads it back unchanged and shows it as written.

    '#', ';' and '<' always become entity codes (`#35;`, `#59;`, `#60;`), as does every
    character of `reserved` (':' and ','); ':' also does on a line that mentions
    `style` or `classDef` (Mermaid's encodeEntities would otherwise eat its ';').
    A run of '%' never stays doubled (`%%` starts a comment); newlines become `newline`.
    """
    if "style" in text or "classDef" in text:
        reserved += ":"
    specials = set("#;<\n") | set(reserved)

    def one(match: re.Match[str]) -> str:
        char = match.group(0)
        if char == "\n":
            return newline
        return f"#{ord(char)};"

    pattern = "[" + re.escape("".join(sorted(specials))) + "]|%(?=%)"
    return re.sub(pattern, one, text)


def escape_task_name(name: str) -> str:
    """A task name: no ':', and no start that the lexer would take for a keyword or a comment."""
    text = escape(name, ":")
    if text.startswith("%") or _KEYWORD_START.match(text + ":"):  # the ':' before the score follows the name
        text = f"#{ord(text[0])};" + text[1:]
    return text
