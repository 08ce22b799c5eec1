"""Which reader a document is for: regular expressions over its head only.

Kept apart from the readers so that telling the format imports neither
BeautifulSoup nor markdown-it: a run over markdown never loads the HTML
reader, and one over HTML never loads markdown-it (a tenth of a second
each of a single service's cold start).
"""

from __future__ import annotations

import re

#: a markdown-old page title: ``# ... for boto3 X module``
HEAD_TITLE_RE = re.compile(
    r"^#[ \t]+.+ for (?:boto3|aiobotocore|aioboto3) [A-Za-z][A-Za-z0-9]*(?: module)?[ \t]*$", re.M
)
#: a line of a newer-markdown code block that names what the block shows (builder templates)
MARKER_RE = re.compile(r"^# \S+ (?:method definition|definition|TypedDict usage example|Union usage example)\s*$", re.M)


def looks_like_reference_text(text: str) -> bool:
    """A reference page as text: a ``class X.Client`` line and how to make one."""
    head = text[:20000]
    return bool(
        re.search(r"^class\s+[A-Za-z0-9]+\.Client\s*$", head, re.M)
        and re.search(r"(session\.create_client|boto3\.client)\(", head)
    )


def looks_like_reference_html(text: str) -> bool:
    """An HTML page that documents an SDK client class."""
    head = text[:200000]
    return bool(
        re.search(r"<(?:html|body|dl|section|div)\b", head, re.I)
        and re.search(r"""id=["'][A-Za-z][A-Za-z0-9]*\.Client["']|class\s*</span>""", head)
        and re.search(r"(session|boto3)(<[^>]*>)*\.(<[^>]*>)*(create_client|client)\b", head)
    )


def looks_like_markdown_old(text: str) -> bool:
    """An old-style mypy-boto3 docs page: a ``# ... for boto3 X module``
    title and the "Auto-generated documentation" header, without the
    admonitions (``!!! note``) of the newer docs."""
    head = text[:6000]
    return (
        bool(HEAD_TITLE_RE.search(head))
        and "Auto-generated documentation for" in head
        and "type annotations stubs module" in head
        and "!!! note" not in head
    )


def looks_like_markdown_new(text: str) -> bool:
    """A page of the newer markdown docs: a ``# Title`` first, and python
    blocks marked the way the builder marks them (``# x method definition``,
    ``# XTypeDef definition``)."""
    head = text.lstrip("\ufeff \t\r\n")
    if not head.startswith("# ") or "```python" not in text:
        return False
    return bool(MARKER_RE.search(text))
