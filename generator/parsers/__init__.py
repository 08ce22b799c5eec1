"""Document readers. Each turns one document into a model (or a partial
one) plus diagnostics; none of them knows about rendering."""

from __future__ import annotations

from dataclasses import replace

from ..diagnostics import Diagnostic, DiagnosticError, Level
from ..model import Service, SourceSpan
from . import reference_text
from .reference_build import build_service

MAX_BYTES = 50 * 1024 * 1024


def detect_format(text: str) -> str | None:
    if reference_text.looks_like(text):
        return "reference-text"
    try:
        from . import reference_html
    except ImportError:  # pragma: no cover - the HTML reader is optional until it lands
        return None
    if reference_html.looks_like(text):
        return "reference-html"
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
    fmt = detect_format(text)
    try:
        if fmt == "reference-text":
            page, diags = reference_text.read_text(path, text)
        elif fmt == "reference-html":
            from . import reference_html

            page, diags = reference_html.read_html(path, text)
        else:
            return None, [
                Diagnostic(
                    span,
                    Level.ERROR,
                    "unknown-format",
                    "not a document stubwright can read",
                    hint="expected an SDK reference page (text or HTML) of one service",
                )
            ]
        service, more = build_service(page)
        service = replace(service, origin=fmt)
    except DiagnosticError as exc:
        return None, [exc.diagnostic]
    except RecursionError:
        return None, [Diagnostic(span, Level.ERROR, "too-deep", "document nests too deeply to read")]
    return service, diags + more
