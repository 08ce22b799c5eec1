"""Python source from documents, parsed without a word on stderr.

The code blocks of a page are untrusted text: ``1abc`` or ``"\\d"`` in one
makes ``compile`` warn (``SyntaxWarning: invalid decimal literal``,
``invalid escape sequence``) on stderr, as ``<unknown>:5: ...``, with no
document named. What such a block means is the readers' business (they
report it as a diagnostic or read past it), so every reader parses through
these two functions, which silence those warnings. Errors still raise.
"""

from __future__ import annotations

import ast
import contextlib
import warnings
from collections.abc import Iterator


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def parse_module(source: str) -> ast.Module:
    with _quiet():
        return ast.parse(source, mode="exec")


def parse_expression(source: str) -> ast.Expression:
    with _quiet():
        return ast.parse(source, mode="eval")
