"""The one escaper for documentation prose placed into generated code."""

from __future__ import annotations

import re
import unicodedata

MAX_DOC = 600


#: line and paragraph separators: breaks that ``str.splitlines`` and editors
#: see but Python's tokenizer does not (other control characters are dropped)
_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\t": " "})


def _printable(ch: str) -> bool:
    return ch == "\n" or not unicodedata.category(ch).startswith("C")


def docstring_body(text: str, *, limit: int = MAX_DOC) -> str:
    """Prose made safe to sit between triple double quotes.

    Backslashes are doubled, every double quote is escaped (so no run of
    three can close the string), line separators become newlines, control,
    format (zero-width, bidi), private-use and unassigned characters are
    dropped, and long text is cut at a paragraph or word boundary. Template
    syntax (``{{ }}``, ``{% %}``) is plain text here: values are placed by
    Jinja, never rendered by it."""
    text = "".join(ch for ch in text.translate(_BREAKS) if _printable(ch))
    text = re.sub(r"[ ]+", " ", text).strip()
    if len(text) > limit:
        cut = text.rfind("\n\n", 0, limit)
        if cut < limit // 3:
            cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > 0 else limit].rstrip() + " ..."
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return text


def first_sentence(text: str) -> str:
    para = text.strip().split("\n\n", 1)[0]
    match = re.match(r"(.+?[.!?])(\s|$)", para)
    return match.group(1) if match else para
