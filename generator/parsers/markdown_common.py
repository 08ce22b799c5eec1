"""What the two markdown readers share about the page itself (not its
annotations: see ``annotations``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token

from ..diagnostics import Diagnostic, Level
from ..model import SourceSpan


def page_lines(text: str) -> list[str]:
    """The page's lines as markdown-it counts them (``\\r\\n``, ``\\r`` and
    ``\\n`` all end a line)."""
    return re.split(r"\r\n|\r|\n", text)


def unclosed_fence(tokens: Sequence[Token], lines: Sequence[str]) -> int | None:
    """The 1-based line of a fenced code block that runs to the end of the
    page without its closing fence (a page cut off inside a code block).
    ``lines`` are ``page_lines`` of the parsed text."""
    last = len(lines)  # 1 + the index of the last line that is not blank
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    for tok in tokens:
        if tok.type != "fence" or not tok.map or not tok.markup:
            continue
        start, end = tok.map
        end = min(end, len(lines))
        if end < last:
            continue  # something follows it: markdown-it found its end
        closing = lines[end - 1].strip() if start < end - 1 else ""
        char = tok.markup[0]
        if not (len(closing) >= len(tok.markup) and set(closing) == {char}):
            return start + 1
    return None


def truncated_fence(path: str, line: int) -> Diagnostic:
    return Diagnostic(
        SourceSpan(path, line),
        Level.ERROR,
        "truncated-section",
        "this code block is never closed: the page looks truncated",
        hint="copy the whole page again",
    )
