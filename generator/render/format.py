"""Rendered text → checked and formatted source."""

from __future__ import annotations

import ast

import black
import black.parsing


class RenderError(Exception):
    """A template produced invalid Python: a generator bug, named by file."""


def format_source(path: str, text: str) -> str:
    try:
        ast.parse(text, filename=path)
    except SyntaxError as exc:
        lines = text.splitlines()
        bad = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
        raise RenderError(f"{path}:{exc.lineno}: rendered code is not valid Python ({exc.msg}): {bad.strip()[:120]}") from None
    mode = black.Mode(is_pyi=path.endswith(".pyi"), line_length=100)
    try:
        return black.format_str(text, mode=mode)
    except black.parsing.InvalidInput as exc:  # pragma: no cover - ast.parse passed
        raise RenderError(f"{path}: black could not format the rendered code: {exc}") from None
