"""The one escaper for documentation prose placed into generated code."""

from __future__ import annotations

import re
import unicodedata

MAX_DOC = 600


def _printable(ch: str) -> bool:
    return ch in "\n" or not unicodedata.category(ch).startswith("C")


def docstring_body(text: str, *, limit: int = MAX_DOC) -> str:
    """Prose made safe to sit between triple double quotes.

    Backslashes are doubled, every double quote is escaped (so no run of
    three can close the string), control and format characters dropped,
    and long text cut at a paragraph or word boundary."""
    text = "".join(ch for ch in text.replace("\t", " ") if _printable(ch))
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
