"""Mutations of real pages for fuzzing the readers (hypothesis strategies)
and the property every mutated page must keep.

The property: ``parse_document`` returns (never raises: ``strict=True``
lets a reader's exception through so it fails the test), every diagnostic
formats, and a document that reads without errors merges and renders to
Python that compiles (``compile``, not black: the same check the pipeline's
``format_source`` starts with, and stricter, it also sees duplicate
arguments).
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from generator.diagnostics import Diagnostic, Level
from generator.merge import merge
from generator.parsers import detect_format, parse_document
from generator.render.package import KWARGS_STYLES, Options, render_package
from generator.render.templates import Templates

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ("reference-text", "reference-html", "markdown-old", "markdown-new")
SEED_GLOBS = ("tests/fixtures/seeds/*", "tests/fixtures/reference/*/*.gz", "input_docs/**/*.md", "input_docs/**/*.txt")
#: the short run (default test suite) keeps to pages this small
SMALL = 32 * 1024


@dataclass(frozen=True)
class Seed:
    path: str  # relative to the repository root
    data: bytes
    fmt: str


@cache
def seeds(small: bool = False) -> dict[str, tuple[Seed, ...]]:
    """Real pages by format (a format's seeds are what it detects)."""
    found: dict[str, list[Seed]] = {fmt: [] for fmt in FORMATS}
    paths = sorted({p for pattern in SEED_GLOBS for p in ROOT.glob(pattern) if p.is_file()})
    for path in paths:
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        fmt = detect_format(data.decode("utf-8", errors="replace"))
        if fmt is None or (small and len(data) > SMALL):
            continue
        rel = path.relative_to(ROOT).as_posix().removesuffix(".gz")
        found[fmt].append(Seed(rel, data, fmt))
    return {fmt: tuple(items) for fmt, items in found.items()}


# ---------------------------------------------------------------------------
# mutations: each takes the page's lines and a draw function

#: per format: (opener, closer) pairs for deep nesting, inserted inline
NESTING: dict[str, tuple[tuple[bytes, bytes], ...]] = {
    "reference-text": ((b"{'A': ", b"}"), (b"[", b"]"), (b"'A'|", b"'B'")),
    "reference-html": (
        (b"<div>", b"</div>"),
        (b"<ul><li><p><strong>A</strong> (<em>dict</em>) -- x</p>", b"</li></ul>"),
        (b"<blockquote><p>", b"</p></blockquote>"),
        (b"{'A': ", b"}"),
    ),
    "markdown-old": ((b"> ", b""), (b"Sequence\\[", b"\\]"), (b"- ", b"")),
    "markdown-new": ((b"Sequence[", b"]"), (b"> ", b""), (b"(", b")"), (b"Literal['a'] | ", b"int")),
}

#: lines that mean something to a reader
TOKENS: dict[str, tuple[bytes, ...]] = {
    "reference-text": (
        b"Request Syntax", b"Response Syntax", b"Response Structure", b"Parameters", b"Returns", b"Return type",
        b"Exceptions", b"Paginators", b"Waiters", b"Client Exceptions", b"create_thing(**kwargs)", b"class(**kwargs)",
        b"class X.Client", b"class Demo.Paginator.ListThings", b"class Demo.Client.exceptions.None", b"  \xe2\x80\xa2 (dict) --",
        b"  \xe2\x80\xa2 from (string) --", b"response = client.x(", b"{", b"}", b"[REQUIRED]", b"None",
    ),
    "reference-html": (
        b"<pre>", b"</pre>", b"<p><strong>Request Syntax</strong></p>", b"<p><strong>Response Syntax</strong></p>",
        b'<dl class="py method">', b"</dl>", b"<ul>", b"</ul>", b"<li>", b'<dl class="field-list">', b"</html>",
        b"<!--", b"<![CDATA[", b"<script>", b"&#0;", b"&#x110000;", b"<p><strong>A</strong> (<em>strnig</em>) -- x</p>",
    ),
    "markdown-old": (
        b"```", b"```python", b"## Methods", b"### create_thing", b"### class", b"Keyword-only arguments:",
        b"- `Name`: `str` *(required)*", b"- `from`: `int`", b"Returns `None`.", b"## XTypeDef", b"Required fields:",
        b"Values:", b"- `\"]; import os; #`", b"Arguments mapping described in [XTypeDef](./type_defs.md#xtypedef).",
    ),
    "markdown-new": (
        b"```", b"```python", b"# x method definition", b"def x(self, *, A: str, A: int) -> Dict[str, Any]:",
        b"class XTypeDef(TypedDict):", b"    from: str,", b'XType = Literal["a", 1]', b"### create\\_thing",
        b'X = TypedDict("X", {"a b": str, 1: int})', b"    ...", b"!!! note", b"## XPaginator",
        b'client = boto3.client("x\\"y")',
    ),
}

MUTATIONS = ("truncate", "delete", "duplicate", "swap", "bytes", "flip", "nest", "token", "splice", "indent")


def _mutate(draw: Callable[..., object], fmt: str, lines: list[bytes], pool: tuple[Seed, ...]) -> list[bytes]:
    op = draw(st.sampled_from(MUTATIONS))
    if not lines:
        lines = [b""]
    last = len(lines) - 1
    i = int(draw(st.integers(0, last)))  # type: ignore[call-overload]
    if op == "truncate":
        col = int(draw(st.integers(0, len(lines[i]))))  # type: ignore[call-overload]
        return [*lines[:i], lines[i][:col]]
    if op == "delete":
        k = int(draw(st.integers(1, 40)))  # type: ignore[call-overload]
        return lines[:i] + lines[i + k :]
    if op == "duplicate":
        k = int(draw(st.integers(1, 40)))  # type: ignore[call-overload]
        j = int(draw(st.integers(0, last)))  # type: ignore[call-overload]
        return lines[:j] + lines[i : i + k] + lines[j:]
    if op == "swap":
        j = int(draw(st.integers(0, last)))  # type: ignore[call-overload]
        lines = list(lines)
        lines[i], lines[j] = lines[j], lines[i]
        return lines
    if op == "bytes":
        col = int(draw(st.integers(0, len(lines[i]))))  # type: ignore[call-overload]
        blob = draw(st.binary(min_size=1, max_size=12))
        assert isinstance(blob, bytes)
        return [*lines[:i], lines[i][:col] + blob + lines[i][col:], *lines[i + 1 :]]
    if op == "flip":
        text = draw(st.text(min_size=1, max_size=4))
        assert isinstance(text, str)
        col = int(draw(st.integers(0, len(lines[i]))))  # type: ignore[call-overload]
        return [*lines[:i], lines[i][:col] + text.encode("utf-8", "surrogatepass") + lines[i][col + 1 :], *lines[i + 1 :]]
    if op == "nest":
        opener, closer = draw(st.sampled_from(NESTING[fmt]))  # type: ignore[misc]
        n = int(draw(st.sampled_from((20, 120, 300, 1000, 3000))))  # type: ignore[call-overload]
        col = int(draw(st.integers(0, len(lines[i]))))  # type: ignore[call-overload]
        if opener.endswith(b" ") and not closer:  # a line prefix: quotes, list items
            return [*lines[:i], opener * n + lines[i], *lines[i + 1 :]]
        return [*lines[:i], lines[i][:col] + opener * n + b"x" + closer * n + lines[i][col:], *lines[i + 1 :]]
    if op == "token":
        token = draw(st.sampled_from(TOKENS[fmt]))
        assert isinstance(token, bytes)
        return [*lines[:i], token, *lines[i:]]
    if op == "splice":
        other = draw(st.sampled_from(pool))
        assert isinstance(other, Seed)
        theirs = other.data.split(b"\n")
        a = int(draw(st.integers(0, len(theirs) - 1)))  # type: ignore[call-overload]
        k = int(draw(st.integers(1, 60)))  # type: ignore[call-overload]
        return lines[:i] + theirs[a : a + k] + lines[i:]
    # indent: copied text pages lose or gain indentation
    width = int(draw(st.integers(0, 12)))  # type: ignore[call-overload]
    return [*lines[:i], b" " * width + lines[i].lstrip(), *lines[i + 1 :]]


@st.composite
def mutated_pages(draw: Callable[..., object], fmt: str, small: bool = False) -> tuple[str, bytes, str]:
    """(path, bytes, kwargs style): a real page of ``fmt`` with 1-6 mutations."""
    pool = seeds(small)[fmt]
    seed = draw(st.sampled_from(pool))
    assert isinstance(seed, Seed)
    lines = seed.data.split(b"\n")
    for _ in range(int(draw(st.integers(1, 6)))):  # type: ignore[call-overload]
        lines = _mutate(draw, fmt, lines, pool)
    style = draw(st.sampled_from(KWARGS_STYLES))
    assert isinstance(style, str)
    return seed.path, b"\n".join(lines), style


# ---------------------------------------------------------------------------
# the property

_TEMPLATES: list[Templates] = []


def check_document(path: str, data: bytes, kwargs_style: str = "keyword") -> None:
    """Raises (AssertionError or the reader's/renderer's own exception) when
    the property does not hold."""
    service, diags = parse_document(path, data, strict=True)
    assert all(isinstance(d, Diagnostic) for d in diags)
    for d in diags:
        assert str(d).startswith(f"{d.span.path}:{d.span.line}: {d.level.value} {d.code}: ")
        assert d.code != "internal-error"
    if service is None:
        assert any(d.level is Level.ERROR for d in diags), "no service and no error"
        return
    if any(d.level is Level.ERROR for d in diags):
        return
    merged, more = merge([service])
    if any(d.level is Level.ERROR for d in more):
        return
    if not _TEMPLATES:
        _TEMPLATES.append(Templates())
    files = render_package(merged, Options(kwargs_style=kwargs_style), _TEMPLATES[0])
    for rel, text in files.items():
        if rel.suffix in (".py", ".pyi"):
            compile(text, rel.as_posix(), "exec", dont_inherit=True)
