"""Document readers. Each turns one document into a model (or a partial
one) plus diagnostics; none of them knows about rendering."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..diagnostics import Diagnostic, DiagnosticError, Level
from ..model import Service, SourceSpan
from . import markdown_new, markdown_old, reference_html, reference_text
from .reference_build import build_service
from .reference_page import RefPage

MAX_BYTES = 50 * 1024 * 1024

Reader = Callable[[str, str], tuple[Service, list[Diagnostic]]]


def _reference(read: Callable[[str, str], tuple[RefPage, list[Diagnostic]]]) -> Reader:
    def reader(path: str, text: str) -> tuple[Service, list[Diagnostic]]:
        page, diags = read(path, text)
        service, more = build_service(page)
        return service, diags + more

    return reader


#: (format name, detector, reader), tried in this order
FORMATS: tuple[tuple[str, Callable[[str], bool], Reader], ...] = (
    ("reference-text", reference_text.looks_like, _reference(reference_text.read_text)),
    ("reference-html", reference_html.looks_like, _reference(reference_html.read_html)),
    ("markdown-old", markdown_old.looks_like, markdown_old.read_markdown_old),
    ("markdown-new", markdown_new.looks_like, markdown_new.read_markdown_new),
)


def detect_format(text: str) -> str | None:
    for name, looks_like, _ in FORMATS:
        if looks_like(text):
            return name
    return None


def parse_document(path: str, data: bytes) -> tuple[Service | None, list[Diagnostic]]:
    """Read one document. Never raises for bad input: problems come back
    as diagnostics and a ``None`` service."""
    span = SourceSpan(path, 1)
    if len(data) > MAX_BYTES:
        return None, [Diagnostic(span, Level.ERROR, "too-large", f"document is larger than {MAX_BYTES // 2**20} MiB")]
    if b"\x00" in data[:8192]:
        return None, [Diagnostic(span, Level.ERROR, "binary-document", "document is binary, not text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Diagnostic(span, Level.ERROR, "bad-encoding", f"document is not UTF-8 ({exc.reason} at byte {exc.start})")]
    if not text.strip():
        return None, [Diagnostic(span, Level.ERROR, "empty-document", "document is empty")]
    readers = {name: read for name, _, read in FORMATS}
    fmt = detect_format(text)
    if fmt is None:
        return None, [
            Diagnostic(
                span,
                Level.ERROR,
                "unknown-format",
                "not a document stubwright can read",
                hint="expected an SDK reference page (text or HTML) or a mypy-boto3 / types-boto3 markdown page",
            )
        ]
    try:
        service, diags = readers[fmt](path, text)
    except DiagnosticError as exc:
        return None, [exc.diagnostic]
    except RecursionError:
        return None, [Diagnostic(span, Level.ERROR, "too-deep", "document nests too deeply to read")]
    return replace(service, origin=fmt), diags
