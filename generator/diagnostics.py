"""Diagnostics are values: parsers return them, the CLI decides exit codes."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from .model import SourceSpan

#: where an internal error (a bug in stubwright) should be reported
REPORT_HINT = "this is a bug in stubwright, not in the document: please report it on the stubwright issue tracker with the document attached"


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    span: SourceSpan
    level: Level
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.span}: {self.level.value} {self.code}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class DiagnosticError(Exception):
    """Raised inside a parser to abandon a document; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.level is Level.ERROR for d in diagnostics)


def format_report(diagnostics: Iterable[Diagnostic]) -> str:
    """Group by file, sort by line, end with a summary count."""
    items = sorted(set(diagnostics), key=lambda d: (d.span.path, d.span.line, d.code, d.message))
    lines: list[str] = []
    current: str | None = None
    for diag in items:
        if diag.span.path != current:
            current = diag.span.path
            lines.append(f"{current}:")
        lines.append(f"  {diag}")
    counts = {level: sum(1 for d in items if d.level is level) for level in Level}
    lines.append(
        f"{counts[Level.ERROR]} error(s), {counts[Level.WARNING]} warning(s), "
        f"{counts[Level.INFO]} note(s)"
    )
    return "\n".join(lines)
