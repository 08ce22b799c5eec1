"""Rendered text → checked and formatted source.

Black formats every file, but most of a generated module is already in
black's style: thousands of one-line ``Name: NotRequired[str]`` keys and
short imports, aliases and TypedDict classes that black would copy
unchanged. Formatting them costs most of a large service's generation time
(ec2: ~65 of ~80 s). So black is given a *skeleton* of the module: each
statement that is provably left alone by black (see ``_clean_simple`` and
``_clean_class``: one-line statements of the kinds the templates write,
within the line length, no trailing blanks, tabs or continuations) is
replaced by a placeholder of the same kind and indentation; everything else
(methods, long literals, long keys, docstrings of methods) is formatted by
black in place, with the blank lines between statements exactly as black
decides them, since a placeholder is the same kind of line as the statement
it stands for. The placeholders are then swapped back.

The result is byte-identical to black over the whole file:
tests/render/test_format.py checks it on every golden tree and on the stubs
of every fixture service; ``STUBWRIGHT_FULL_BLACK=1`` formats whole files
the slow way (``full=True``), to compare.
"""

from __future__ import annotations

import ast
import os
import re

import black
import black.parsing
from black.mode import TargetVersion

LINE_LENGTH = 100
#: the Python versions the packages declare (requires-python >= 3.10); fixed
#: rather than inferred from the text, so formatting never depends on which
#: syntax a file happens to use (black adds "magic" trailing commas only when
#: every target version allows them)
TARGET_VERSIONS = frozenset(v for v in TargetVersion if v.value >= 10)
_PLACEHOLDER = "_stubwright_chunk_{}_"
_PLACEHOLDER_RE = re.compile(r"^(\s*)(?:import |class |def |\"\"\")?(_stubwright_chunk_(\d+)_)\b")


class RenderError(Exception):
    """A template produced invalid Python: a generator bug, named by file."""


def format_source(path: str, text: str, *, full: bool | None = None) -> str:
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as exc:
        lines = text.splitlines()
        bad = lines[exc.lineno - 1] if exc.lineno and exc.lineno <= len(lines) else ""
        raise RenderError(f"{path}:{exc.lineno}: rendered code is not valid Python ({exc.msg}): {bad.strip()[:120]}") from None
    mode = black.Mode(target_versions=set(TARGET_VERSIONS), is_pyi=path.endswith(".pyi"), line_length=LINE_LENGTH)
    if full is None:
        full = os.environ.get("STUBWRIGHT_FULL_BLACK", "") not in ("", "0")
    try:
        if full or "_stubwright_chunk_" in text:
            return black.format_str(text, mode=mode)
        skeleton, chunks = _skeleton(text, tree, pyi=mode.is_pyi)
        if not chunks:
            return black.format_str(text, mode=mode)
        return _restore(black.format_str(skeleton, mode=mode), chunks)
    except black.parsing.InvalidInput as exc:  # pragma: no cover - ast.parse passed
        raise RenderError(f"{path}: black could not format the rendered code: {exc}") from None


# --------------------------------------------------------------------------- skeleton


def _lines_ok(lines: list[str], start: int, end: int) -> bool:
    """Lines ``start``..``end`` (1-based, inclusive) are within the line
    length, with no trailing blanks, tabs or backslash continuations."""
    for line in lines[start - 1 : end]:
        body = line.rstrip("\n")
        if len(body) > LINE_LENGTH or body != body.rstrip() or "\t" in body or body.endswith("\\"):
            return False
    return True


def _clean_simple(node: ast.stmt, lines: list[str]) -> bool:
    """A one-line import, assignment or annotated name black leaves alone."""
    if node.lineno != node.end_lineno:
        return False
    if isinstance(node, ast.AnnAssign):
        ok = isinstance(node.target, ast.Name) and node.value is None
    else:
        ok = isinstance(node, (ast.Import, ast.ImportFrom, ast.Assign))
    return ok and _lines_ok(lines, node.lineno, node.lineno)


def _clean_exploded(node: ast.stmt, lines: list[str]) -> bool:
    """``NAME = (`` / one element per line with its comma / ``)``: the
    exploded form black keeps as it is (the last comma is "magic"), when
    every line fits: ``__all__`` and the like."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return False
    value = node.value
    if not isinstance(value, (ast.Tuple, ast.List)) or len(value.elts) < 2 or node.end_lineno is None:
        return False
    opening, closing = ("(", ")") if isinstance(value, ast.Tuple) else ("[", "]")
    first = lines[node.lineno - 1]
    indent = first[: len(first) - len(first.lstrip(" "))]
    if node.end_lineno - node.lineno != len(value.elts) + 1:
        return False
    if first != f"{indent}{node.targets[0].id} = {opening}\n" or lines[node.end_lineno - 1] != f"{indent}{closing}\n":
        return False
    for offset, elt in enumerate(value.elts, start=1):
        if not (isinstance(elt, ast.Constant) and isinstance(elt.value, str)) or elt.lineno != node.lineno + offset:
            return False
        if lines[elt.lineno - 1] != f"{indent}    {quote_like_black(elt.value)},\n":
            return False
    return _lines_ok(lines, node.lineno, node.end_lineno)


def quote_like_black(value: str) -> str:
    """The literal black writes for a plain string (no quotes, backslashes
    or non-printable characters: anything else is left to black)."""
    if value.isprintable() and not any(c in value for c in "\"'\\"):
        return f'"{value}"'
    return "\x00"  # never equal to a rendered line: the statement goes to black


def _split_params(text: str) -> list[str] | None:
    """``a: int, b: Literal["x, y"] = ...`` → its parameters (commas inside
    brackets and strings do not split); None for text it does not follow."""
    params: list[str] = []
    depth = 0
    quote = ""
    start = 0
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif c == "," and depth == 0:
            params.append(text[start:i].strip())
            start = i + 1
        i += 1
    if quote or depth:
        return None
    params.append(text[start:].strip())
    return params if all(params) else None


_TOKEN_RE = re.compile(r"""\s*(\.\.\.|\*\*|[][(){},:=|.*]|"(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)""")


def _canonical_param(param: str) -> bool:
    """The parameter is spelled as black spells it: ``name: Ann[X, Y] = ...``,
    ``*``, ``**kwargs: Unpack[X]``, double-quoted strings, one space after
    commas and colons and around ``=`` and ``|``, none inside brackets."""
    tokens: list[str] = []
    pos = 0
    while pos < len(param):
        match = _TOKEN_RE.match(param, pos)
        if match is None:
            return False
        tokens.append(match.group(1))
        pos = match.end()
    if any(t.startswith("'") for t in tokens):
        return False  # black may requote it: leave it to black
    annotated = ":" in tokens
    out = ""
    for token in tokens:
        if token in (",", ":"):
            out += token + " "
        elif token == "=":
            out = out.rstrip() + (" = " if annotated else "=")
        elif token == "|":
            out = out.rstrip() + " | "
        elif token in ("]", ")", "}"):
            out = out.rstrip() + token
        else:
            out += token
    return out.strip() == param


def _layout_def(node: ast.stmt, lines: list[str]) -> str | None:
    """A method of a stub written on one line by the template, laid out as
    black lays it out; None unless it is the simple kind (no decorator or
    comment, ``-> R: ...`` or a one-line plain docstring as body).

    Black splits a ``def`` at its parameter list: the whole signature on one
    line if it fits; else ``def f(`` / the parameters on one line / ``) -> R:``
    if that fits; else one parameter per line, each with a comma."""
    if not isinstance(node, ast.FunctionDef) or node.decorator_list or len(node.body) != 1:
        return None
    header = lines[node.lineno - 1]
    indent = header[: len(header) - len(header.lstrip(" "))]
    body = node.body[0]
    stub = isinstance(body, ast.Expr) and isinstance(body.value, ast.Constant) and body.value.value is Ellipsis
    if stub:
        if body.lineno != node.lineno or not header.endswith(": ...\n"):
            return None
        signature = header[len(indent) : -len(" ...\n")]
        suffix, rest = " ...", ""
    else:
        if not _is_docstring(body) or body.lineno != node.lineno + 1 or body.end_lineno != body.lineno:
            return None
        doc = lines[body.lineno - 1]
        content = doc.strip()[3:-3]
        if (
            doc != f'{indent}    """{content}"""\n'
            or not content
            or content != content.strip()
            or content.endswith(('"', "\\"))
            or not content.isprintable()
            or not header.endswith(":\n")
        ):
            return None
        signature = header[len(indent) : -len("\n")]
        suffix, rest = "", doc
    if "#" in signature or not signature.startswith(f"def {node.name}(") or not signature.endswith(":"):
        return None
    signature = signature[:-1]
    returns = ""
    if node.returns is not None:
        if node.returns.lineno != node.lineno or node.returns.end_col_offset is None:
            return None
        returns = header[node.returns.col_offset : node.returns.end_col_offset]
        if not signature.endswith(f") -> {returns}"):
            return None
        signature = signature[: -len(f" -> {returns}")]
        returns = f" -> {returns}"
    if not signature.endswith(")"):
        return None
    params = _split_params(signature[len(f"def {node.name}(") : -1])
    if params is None or not all(_canonical_param(param) for param in params):
        return None
    head = f"{indent}def {node.name}("
    tail = f"{indent}){returns}:{suffix}"
    one_line = f"{head}{', '.join(params)}){returns}:{suffix}"
    if len(one_line) <= LINE_LENGTH:
        return f"{one_line}\n{rest}"
    if len(tail) > LINE_LENGTH:
        return None
    middle = f"{indent}    {', '.join(params)}"
    if len(middle) <= LINE_LENGTH:
        return f"{head}\n{middle}\n{tail}\n{rest}"
    exploded = [f"{indent}    {param}," for param in params]
    if any(len(line) > LINE_LENGTH for line in exploded):
        return None
    return "\n".join([head, *exploded, tail]) + "\n" + rest


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _clean_class(node: ast.ClassDef, lines: list[str]) -> bool:
    """A class with a one-line header, an optional docstring and only
    one-line annotated names (a TypedDict), all of it black-clean."""
    if node.decorator_list or not node.body or node.body[0].lineno == node.lineno:
        return False
    if node.end_lineno is None or not _lines_ok(lines, node.lineno, node.end_lineno):
        return False
    body = node.body[1:] if _is_docstring(node.body[0]) else node.body
    return bool(body) and all(isinstance(s, ast.AnnAssign) and _clean_simple(s, lines) for s in body)


def _placeholder(kind: ast.stmt, name: str, indent: str) -> str:
    """A line black treats as the same kind of line as ``kind``."""
    if isinstance(kind, (ast.Import, ast.ImportFrom)):
        return f"{indent}import {name}\n"
    if isinstance(kind, ast.AnnAssign):
        return f"{indent}{name}: int\n"
    if isinstance(kind, ast.ClassDef):
        return f"{indent}class {name}:\n{indent}    {name}: int\n"
    if isinstance(kind, ast.FunctionDef):
        if _is_docstring(kind.body[0]):
            return f'{indent}def {name}(self):\n{indent}    """{name}"""\n'
        return f"{indent}def {name}(self): ...\n"
    return f"{indent}{name} = 0\n"


def _skeleton(text: str, tree: ast.Module, *, pyi: bool) -> tuple[str, list[str]]:
    """The module with each black-clean statement (top level, or a key of a
    class body) replaced by a numbered placeholder; and the replaced texts.

    Consecutive clean statements of one kind become ONE placeholder when the
    blank lines between them are already the ones black writes there (0
    between imports, one-line assignments or keys; between classes 1 in a
    stub, 2 in a module): black's time grows with the lines it is given."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    # (first line, last line, statement, group) of each replaceable statement, in order
    spans: list[tuple[int, int, ast.stmt, str]] = []
    layouts: dict[int, str] = {}  # first line → the text black would write for that method
    last_end = 0
    for i, node in enumerate(tree.body):
        if node.lineno <= last_end:  # two statements on one line: leave the file to black
            return text, []
        last_end = node.end_lineno or node.lineno
        if i == 0 and _is_docstring(node):
            continue
        if isinstance(node, ast.ClassDef):
            if _clean_class(node, lines):
                spans.append((node.lineno, last_end, node, "class"))
                continue
            inner_end = node.lineno
            for child in node.body:
                if child.lineno <= inner_end:
                    break
                inner_end = child.end_lineno or child.lineno
                if isinstance(child, ast.AnnAssign) and _clean_simple(child, lines):
                    spans.append((child.lineno, child.lineno, child, f"key@{node.lineno}"))
                elif pyi and (laid_out := _layout_def(child, lines)) is not None:
                    spans.append((child.lineno, inner_end, child, "def"))
                    layouts[child.lineno] = laid_out
        elif _clean_simple(node, lines):
            group = "import" if isinstance(node, (ast.Import, ast.ImportFrom)) else type(node).__name__
            spans.append((node.lineno, node.lineno, node, group))
        elif _clean_exploded(node, lines):
            spans.append((node.lineno, last_end, node, "exploded"))
    # runs of statements of one group: (first line, last line, statement, text)
    merged: list[tuple[int, int, ast.stmt, str]] = []
    previous_group = ""
    for start, end, node, group in spans:
        text_of = layouts.get(start) or "".join(lines[start - 1 : end])
        if merged and group == previous_group and group not in ("exploded", "def"):
            gap = lines[merged[-1][1] : start - 1]
            if all(not line.strip() for line in gap):
                if group == "class":
                    # black writes exactly this many blank lines between two
                    # top-level classes with bodies, whatever was there
                    run_start, _, head, text_so_far = merged[-1]
                    merged[-1] = (run_start, end, head, text_so_far + "\n" * (1 if pyi else 2) + text_of)
                    continue
                if not gap:
                    run_start, _, head, text_so_far = merged[-1]
                    merged[-1] = (run_start, end, head, text_so_far + text_of)
                    continue
        merged.append((start, end, node, text_of))
        previous_group = group
    out: list[str] = []
    chunks: list[str] = []
    pos = 1
    for start, end, node, chunk in merged:
        out += lines[pos - 1 : start - 1]
        first = lines[start - 1]
        indent = first[: len(first) - len(first.lstrip(" "))]
        out.append(_placeholder(node, _PLACEHOLDER.format(len(chunks)), indent))
        chunks.append(chunk)
        pos = end + 1
    out += lines[pos - 1 :]
    return "".join(out), chunks


def _restore(formatted: str, chunks: list[str]) -> str:
    out: list[str] = []
    skip_body_of: str | None = None
    for line in formatted.splitlines(keepends=True):
        match = _PLACEHOLDER_RE.match(line)
        if match is None:
            out.append(line)
            skip_body_of = None
            continue
        name = match.group(2)
        if skip_body_of == name:  # the placeholder class's one key
            skip_body_of = None
            continue
        out.append(chunks[int(match.group(3))])
        skip_body_of = name if line.lstrip().startswith(("class ", "def ")) and not line.rstrip().endswith("...") else None
    return "".join(out)
