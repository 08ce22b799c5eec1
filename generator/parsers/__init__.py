"""Document readers. Each turns one document into a model (or a partial
one) plus diagnostics; none of them knows about rendering."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..diagnostics import REPORT_HINT, Diagnostic, DiagnosticError, Level
from ..model import Service, SourceSpan
from .checks import check_service
from .detect import (
    looks_like_markdown_new,
    looks_like_markdown_old,
    looks_like_reference_html,
    looks_like_reference_text,
)
from .reference_page import RefPage

MAX_BYTES = 50 * 1024 * 1024

Reader = Callable[[str, str], tuple[Service, list[Diagnostic]]]


def _service_of(page: RefPage, diags: list[Diagnostic]) -> tuple[Service, list[Diagnostic]]:
    """A reference page (either reader's) → the service model."""
    from .reference_build import build_service

    service, more = build_service(page)
    return service, diags + more


def _read_reference_text(path: str, text: str) -> tuple[Service, list[Diagnostic]]:
    from .reference_text import read_text

    return _service_of(*read_text(path, text))


def _read_reference_html(path: str, text: str) -> tuple[Service, list[Diagnostic]]:
    from .reference_html import read_html

    return _service_of(*read_html(path, text))


def _read_markdown_old(path: str, text: str) -> tuple[Service, list[Diagnostic]]:
    from .markdown_old import read_markdown_old

    return read_markdown_old(path, text)


def _read_markdown_new(path: str, text: str) -> tuple[Service, list[Diagnostic]]:
    from .markdown_new import read_markdown_new

    return read_markdown_new(path, text)


#: (format name, detector, reader), tried in this order. A reader imports
#: its module (and BeautifulSoup or markdown-it) on first use only.
FORMATS: tuple[tuple[str, Callable[[str], bool], Reader], ...] = (
    ("reference-text", looks_like_reference_text, _read_reference_text),
    ("reference-html", looks_like_reference_html, _read_reference_html),
    ("markdown-old", looks_like_markdown_old, _read_markdown_old),
    ("markdown-new", looks_like_markdown_new, _read_markdown_new),
)


def detect_format(text: str) -> str | None:
    for name, looks_like, _ in FORMATS:
        if looks_like(text):
            return name
    return None


#: words every kind of SDK documentation uses; a page without any of them
#: is about something else
_SDK_MARKERS_RE = re.compile(r"boto3|botocore|aiobotocore|TypeDef|\.Client\b|create_client")
_HTML_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|section|table)\b", re.I)
_MARKDOWN_RE = re.compile(r"^(?:#{1,6}[ \t]+\S|```|~~~|[-*+][ \t]+\S|\[[^\]\n]+\]\([^)\n]*\))", re.M)


def _unknown(span: SourceSpan, text: str) -> Diagnostic:
    """Why a text document matched no reader: a web page or markdown page
    about something else, or something in a layout stubwright cannot read."""
    head = text[:200000]
    sdk = _SDK_MARKERS_RE.search(head) is not None
    kind = "an HTML page" if _HTML_RE.search(head[:20000]) else "a markdown page" if _MARKDOWN_RE.search(head) else ""
    if kind and not sdk:
        return Diagnostic(
            span,
            Level.ERROR,
            "not-documentation",
            f"{kind}, but not AWS SDK documentation (it never mentions boto3, botocore or a client)",
            hint="remove it from the inputs; stubwright reads SDK reference pages and mypy-boto3 / types-boto3 docs",
        )
    return Diagnostic(
        span,
        Level.ERROR,
        "unknown-format",
        f"not a document stubwright can read{f' ({kind} mentioning the SDK)' if kind and sdk else ''}",
        hint="expected an SDK reference page (text or HTML) or a mypy-boto3 / types-boto3 markdown page",
    )


def parse_document(path: str, data: bytes, *, strict: bool = False) -> tuple[Service | None, list[Diagnostic]]:
    """Read one document. Never raises for bad input: problems come back
    as diagnostics and a ``None`` service. An exception inside a reader is
    a bug in stubwright; it comes back as an ``internal-error`` diagnostic
    naming the document (``strict=True`` lets it propagate, for tests)."""
    try:
        return _parse_document(path, data)
    except Exception as exc:
        if strict:
            raise
        what = f"{type(exc).__name__}: {exc}"
        return None, [
            Diagnostic(
                SourceSpan(path, 1),
                Level.ERROR,
                "internal-error",
                f"stubwright failed while reading this document ({what[:200]})",
                hint=REPORT_HINT,
            )
        ]


def _parse_document(path: str, data: bytes) -> tuple[Service | None, list[Diagnostic]]:
    span = SourceSpan(path, 1)
    if len(data) > MAX_BYTES:
        return None, [Diagnostic(span, Level.ERROR, "too-large", f"document is larger than {MAX_BYTES // 2**20} MiB")]
    if b"\x00" in data:
        return None, [
            Diagnostic(
                span,
                Level.ERROR,
                "binary-document",
                "document is binary, not text (it contains NUL bytes)",
                hint="stubwright reads UTF-8 text: a saved page, not an archive or an image",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Diagnostic(
                SourceSpan(path, line),
                Level.ERROR,
                "bad-encoding",
                f"document is not UTF-8 ({exc.reason} at byte {exc.start})",
                hint="save the page as UTF-8",
            )
        ]
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        # Windows (CRLF) and old Mac (bare CR) line ends read like "\n" ones;
        # a bare CR counts as a line end in the line numbers, as in editors
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Diagnostic(span, Level.ERROR, "empty-document", "document is empty")]
    readers = {name: read for name, _, read in FORMATS}
    fmt = detect_format(text)
    if fmt is None:
        return None, [_unknown(span, text)]
    try:
        service, diags = readers[fmt](path, text)
    except DiagnosticError as exc:
        return None, [exc.diagnostic]
    except RecursionError:
        return None, [Diagnostic(span, Level.ERROR, "too-deep", "document nests too deeply to read")]
    if not service.client_id:
        # grouped with nothing and named after nothing: unusable
        if not any(d.code == "no-client-id" for d in diags):
            diags.append(
                Diagnostic(span, Level.ERROR, "no-client-id", "the document does not say which client it documents")
            )
        return None, [replace(d, level=Level.ERROR) if d.code == "no-client-id" else d for d in diags]
    checked, more = check_service(service)
    said = {(d.code, d.span) for d in diags}
    diags += [d for d in more if (d.code, d.span) not in said]
    if checked is None:
        return None, diags
    return replace(checked, origin=fmt), diags
