"""Reader for the newer types-boto3 markdown docs (mypy-boto3-builder ≥ 7.5
and 8.x, as published for mkdocs: ``client.md``, ``type_defs.md``,
``literals.md``, ``paginators.md``, ``waiters.md`` of one service).

One call reads ONE page and returns a partial ``Service``: what that page
defines, with references to what other pages define left unresolved (the
merger resolves them across pages, ``generator/merge.py``).

markdown-it finds the headings, paragraphs, list items and fenced code
blocks; every ```python block is parsed with ``ast``:

- client page: ``def method(self, *, A: str, B: int = ...) -> XTypeDef``
  blocks give an operation's request members (required = no default) and
  its response name; the usage block (``kwargs: XRequestTypeDef = {...}``)
  gives the request's name; the Exceptions block (``except
  (client.exceptions.X, ...)``) the errors; the ``get_paginator`` /
  ``get_waiter`` sections (a list of ``client.get_paginator("x")`` ->
  ``XPaginator`` items, or overload ``def`` blocks) the paginators/waiters.
- ``type_defs.md``: ``class XTypeDef(TypedDict)`` (``NotRequired[...]``,
  ``Required[...]``, ``total=False``, inheritance), the functional
  ``TypedDict("X", {...})`` form, and aliases (``XUnionTypeDef =
  Union[XTypeDef, XOutputTypeDef]``, ``TimestampTypeDef = Union[...]``).
- ``literals.md``: ``XType = Literal[...]``; the global literals
  (``ServiceName``, ``RegionName``, ...) are not API enums and are skipped,
  but ``<Service>ServiceName`` gives the client id and ``XPaginatorName`` /
  ``XWaiterName`` give paginator/waiter names.
- ``paginators.md`` / ``waiters.md``: ``def paginate(self, *, ...) ->
  PageIterator[XTypeDef]`` / ``def wait(self, *, ...) -> None`` with their
  usage blocks.

The docs print a few things that are not quite Python; a block that does
not parse is repaired line by line (line numbers kept) and parsed again:
TypedDict members end with a comma (``Key: str,``), a key may be a Python
keyword or not an identifier at all (``from: str,``), and the async docs
print ``await def``.

Names are the doc names minus ``TypeDef`` / ``Type``. The builder prints an
``XOutputTypeDef`` beside ``XTypeDef`` when a structure renders differently
on the response side; the two (same keys) are ONE shape ``X`` here, with the
request side's required flags (an ``output-variant`` note says when the
flags differ). Only when every member's type is the same too, once the
folded variants are read as their base: botocore has shapes of its own
named ``XOutput`` (glue ``CatalogPropertiesOutput`` points to
``DataLakeAccessPropertiesOutput`` where ``CatalogProperties`` points to
``DataLakeAccessProperties``); such a pair stays two shapes (an
``output-shape`` note). ``XUnionTypeDef`` is an alias of ``X``; on pages that do not
define it (client, paginators, waiters) a name ending in ``UnionTypeDef`` is
taken to be such an alias. ``ResponseMetadata`` members are dropped: the
renderer adds them to responses.

An operation whose definition returns ``Dict[str, Any]`` (the builder's
spelling of a response structure without members) gets an empty structure
``<Op>Response``; ``EmptyResponseMetadataTypeDef`` (no response structure)
gets ``output=None``, and ``-> None`` also sets ``returns_none``. The
parameters of hand-written methods (boto3's ``upload_file``, ...) keep
their types (``ExtraParam.annotation``), their return types
``Service.extra_returns``.
"""

from __future__ import annotations

import ast
import io
import keyword
import re
import textwrap
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urlparse

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..diagnostics import Diagnostic, DiagnosticError, Level
from ..model import (
    EnumShape,
    EventStreamType,
    ExtraParam,
    ListType,
    MapType,
    Member,
    ModelType,
    Operation,
    Paginator,
    ScalarKind,
    ScalarType,
    Service,
    ServiceError,
    SetType,
    SourceSpan,
    StructRef,
    StructShape,
    UnionType,
    Waiter,
    union_of,
)
from ..naming import pascal_from_snake, type_name
from .annotations import SCALARS, AnnotationError, AnnotationTooDeep, parse_annotation
from .detect import looks_like_markdown_new as looks_like
from .markdown_common import page_lines, truncated_fence, unclosed_fence
from .pysource import parse_expression, parse_module

ORIGIN = "markdown-new"
#: hand-written client methods every client has; rendered by the templates
BUILTIN_METHODS = frozenset({"can_paginate", "generate_presigned_url", "get_paginator", "get_waiter", "exceptions", "close"})
#: literals of every package that are not enums of the API
GLOBAL_LITERALS = frozenset({"ServiceName", "RegionName", "ResourceServiceName", "PaginatorName", "WaiterName"})
#: structures the renderer writes itself
RESERVED_STRUCTS = frozenset({"ResponseMetadata", "EmptyResponseMetadata"})
#: return annotations that mean "no response structure"
EMPTY_RESPONSES = frozenset({"EmptyResponseMetadataTypeDef", "None", "NoneType"})
#: stand-in names for TypedDict keys that are not identifiers (``from``)
KEY_PLACEHOLDER = "stubwright_key_"
PACKAGE_PREFIXES = ("types_boto3_", "mypy_boto3_", "types_aiobotocore_", "types_aioboto3_")
PAGE_TITLES = {"Type definitions": "type_defs", "Literals": "literals", "Paginators": "paginators", "Waiters": "waiters"}
#: a line of a code block that names what the block shows (builder templates)
TYPEDEF = "TypeDef"



# ---------------------------------------------------------------------------
# the page as a flat list of items under their headings


@dataclass(slots=True)
class _Item:
    kind: str  # paragraph | list_item | note | fence
    line: int  # 1-based page line (a fence: its first content line)
    h2: str
    h3: str
    text: str = ""  # paragraph text, or the fence's content
    codes: tuple[str, ...] = ()  # inline code spans
    links: tuple[tuple[str, str], ...] = ()  # (text, href)
    info: str = ""  # a fence's language
    h3_line: int = 0  # the line of the ``###`` heading it is under


@dataclass(slots=True)
class _Heading:
    level: int
    title: str
    line: int


def _inline_text(tok: Token, ticks: bool = False) -> str:
    out: list[str] = []
    for child in tok.children or ():
        if child.type in ("text", "html_inline"):
            out.append(child.content)
        elif child.type == "code_inline":
            out.append(f"`{child.content}`" if ticks else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out).strip()


def _inline_parts(tok: Token) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    codes: list[str] = []
    links: list[tuple[str, str]] = []
    href: str | None = None
    label: list[str] = []
    for child in tok.children or ():
        if child.type == "code_inline":
            codes.append(child.content)
            if href is not None:
                label.append(child.content)
        elif child.type == "link_open":
            value = child.attrs.get("href", "")
            href = value if isinstance(value, str) else ""
            label = []
        elif child.type == "link_close" and href is not None:
            links.append(("".join(label).strip(), href))
            href = None
        elif child.type == "text" and href is not None:
            label.append(child.content)
    return tuple(codes), tuple(links)


def _walk(text: str, nested: bool = False, unclosed: list[int] | None = None) -> tuple[list[_Heading], list[_Item]]:
    """Headings and items; the line of a code block the page never closes
    goes to ``unclosed``."""
    tokens = MarkdownIt("commonmark").parse(text)
    if unclosed is not None:
        line = unclosed_fence(tokens, page_lines(text))
        if line is not None:
            unclosed.append(line)
    headings: list[_Heading] = []
    items: list[_Item] = []
    h2 = h3 = ""
    h3_line = 0
    lists = 0
    for i, tok in enumerate(tokens):
        line = tok.map[0] + 1 if tok.map else 0
        if tok.type == "heading_open":
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 6
            title = _inline_text(tokens[i + 1]) if i + 1 < len(tokens) else ""
            headings.append(_Heading(level, title, line))
            if level <= 2:
                h2, h3, h3_line = (title if level == 2 else ""), "", 0
            elif level == 3:
                h3, h3_line = title, line
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif tok.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open":
            codes, links = _inline_parts(tok)
            kind = "list_item" if lists else "paragraph"
            items.append(_Item(kind, line, h2, h3, _inline_text(tok, ticks=True), codes, links, h3_line=h3_line))
        elif tok.type == "fence":
            info = tok.info.strip().split()[0] if tok.info.strip() else ""
            items.append(_Item("fence", line + 1, h2, h3, tok.content, info=info, h3_line=h3_line))
        elif tok.type == "code_block" and not nested:
            # the body of an admonition (``!!! note``): markdown indented by
            # four spaces, read again for its links
            _, inner = _walk(textwrap.dedent(tok.content), nested=True)
            for sub in inner:
                if sub.kind == "paragraph":
                    items.append(replace(sub, kind="note", line=line + sub.line - 1, h2=h2, h3=h3, h3_line=h3_line))
    return headings, items


# ---------------------------------------------------------------------------
# python blocks


@dataclass(slots=True)
class _Code:
    tree: ast.Module
    first: int  # page line of the block's first line
    keys: dict[str, str]  # placeholder -> the original TypedDict key

    def line(self, node: ast.AST) -> int:
        return self.first + getattr(node, "lineno", 1) - 1

    def key(self, name: str) -> str:
        return self.keys.get(name, name)


def _strip_trailing_comma(text: str) -> str:
    """``str,  # (1)`` → ``str  # (1)``; tokens, so commas in strings and
    comments stay."""
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(text + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        return text
    significant = [t for t in toks if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT)]
    if significant and significant[-1].type == tokenize.OP and significant[-1].string == ",":
        col = significant[-1].start[1]
        if significant[-1].start[0] == 1:
            return text[:col] + text[col + 1 :]
    return text


def _repair(source: str) -> tuple[str, dict[str, str]]:
    """Line-by-line fixes for what the docs print but Python rejects."""
    out: list[str] = []
    keys: dict[str, str] = {}
    in_class = False
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped.startswith("await def "):
            line = line.replace("await ", "", 1)
            stripped = stripped[len("await ") :]
        if not stripped or stripped.startswith("#"):
            out.append(line)
            continue
        if not line[0].isspace():
            in_class = stripped.startswith("class ")
            out.append(line)
            continue
        if in_class:
            indent = line[: len(line) - len(line.lstrip())]
            name, sep, rest = stripped.partition(": ")
            if not sep and stripped.endswith(":") and " " not in stripped:
                name, sep, rest = stripped[:-1], ":", ""
            if sep and name and not any(c in name for c in " \t()[]'\"#="):
                if not name.isidentifier() or keyword.iskeyword(name):
                    placeholder = f"{KEY_PLACEHOLDER}{len(keys)}"
                    keys[placeholder] = name
                    name = placeholder
                line = f"{indent}{name}: {_strip_trailing_comma(rest)}"
        out.append(line)
    return "\n".join(out), keys


# ---------------------------------------------------------------------------
# small AST helpers


def _base(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _str_const(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _calls(tree: ast.AST, attr: str) -> Iterator[tuple[str, ast.Call]]:
    """``x.<attr>("value")`` calls anywhere in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _base(node.func) == attr and node.args:
            value = _str_const(node.args[0])
            if value is not None:
                yield value, node


def _inline_code(code: str) -> ast.AST | None:
    """An inline code span (``#!python boto3.client("x").get_paginator("y")``)."""
    text = code.strip()
    if text.startswith("#!python"):
        text = text[len("#!python") :].strip()
    try:
        return parse_expression(text)
    except (SyntaxError, ValueError, RecursionError):
        return None


def _strip_suffix(name: str, suffix: str) -> str:
    return name[: -len(suffix)] if name.endswith(suffix) and len(name) > len(suffix) else name


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def _simple_default(node: ast.expr | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, (bool, int, float)):
        return repr(node.value)
    return "..."


def _bytes_as_blob(t: ModelType) -> ModelType:
    """The Python ``bytes`` read in a TypedDict member → a blob."""
    if isinstance(t, ScalarType) and t.kind is ScalarKind.BYTES:
        return ScalarType(ScalarKind.BLOB)
    if isinstance(t, ListType):
        return ListType(_bytes_as_blob(t.item))
    if isinstance(t, MapType):
        return MapType(_bytes_as_blob(t.key), _bytes_as_blob(t.value))
    if isinstance(t, SetType):
        return SetType(_bytes_as_blob(t.item))
    return t


def _rename(t: ModelType, fix: dict[str, ModelType]) -> ModelType:
    if isinstance(t, StructRef):
        return fix.get(t.name, t)
    if isinstance(t, ListType):
        return ListType(_rename(t.item, fix))
    if isinstance(t, MapType):
        return MapType(_rename(t.key, fix), _rename(t.value, fix))
    if isinstance(t, SetType):
        return SetType(_rename(t.item, fix))
    if isinstance(t, UnionType):
        return union_of(_rename(m, fix) for m in t.members)
    if isinstance(t, EventStreamType):
        target = fix.get(t.events.name, t.events)
        return EventStreamType(target) if isinstance(target, StructRef) else t
    return t


def _resolve_chains(fix: dict[str, ModelType]) -> dict[str, ModelType]:
    """An alias of an alias → the last one's target."""
    out: dict[str, ModelType] = {}
    for key, value in fix.items():
        seen = {key}
        while isinstance(value, StructRef) and value.name in fix and value.name not in seen:
            seen.add(value.name)
            value = fix[value.name]
        out[key] = value
    return out


def _struct_refs(t: ModelType) -> Iterator[str]:
    if isinstance(t, StructRef):
        yield t.name
    elif isinstance(t, ListType):
        yield from _struct_refs(t.item)
    elif isinstance(t, MapType):
        yield from _struct_refs(t.key)
        yield from _struct_refs(t.value)
    elif isinstance(t, SetType):
        yield from _struct_refs(t.item)
    elif isinstance(t, UnionType):
        for m in t.members:
            yield from _struct_refs(m)
    elif isinstance(t, EventStreamType):
        yield t.events.name


# ---------------------------------------------------------------------------
# the reader


@dataclass(slots=True)
class _RawStruct:
    name: str  # the doc name (XTypeDef)
    members: list[Member]
    bases: list[str]
    line: int


@dataclass(slots=True)
class _MethodInfo:
    fn: ast.FunctionDef | None = None
    fn_code: _Code | None = None
    request: str | None = None  # the usage block's request TypeDef name
    request_line: int = 0
    extra: list[tuple[ast.FunctionDef, _Code]] = field(default_factory=list)


class _Reader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        unclosed: list[int] = []
        self.headings, self.items = _walk(text, unclosed=unclosed)
        self.diagnostics.extend(truncated_fence(path, line) for line in unclosed)
        self.codes: dict[int, _Code | None] = {}
        self.structs: dict[str, StructShape] = {}
        self.enums: dict[str, EnumShape] = {}
        #: struct names (doc name minus TypeDef) → what they stand for
        self.aliases: dict[str, ModelType] = {}
        self.paginators: dict[str, Paginator] = {}
        self.waiters: dict[str, Waiter] = {}
        #: return types of the hand-written methods (``extra_methods``)
        self.extra_returns: list[tuple[str, ModelType]] = []
        self.client_id = ""

    # -- diagnostics -----------------------------------------------------------
    def span(self, line: int) -> SourceSpan:
        return SourceSpan(self.path, max(line, 1))

    def warn(self, line: int, code: str, message: str, level: Level = Level.WARNING) -> None:
        self.diagnostics.append(Diagnostic(self.span(line), level, code, message))

    # -- blocks --------------------------------------------------------------------
    def fences(self, items: Iterable[_Item] | None = None) -> Iterator[tuple[_Item, _Code]]:
        for item in self.items if items is None else items:
            if item.kind != "fence" or item.info not in ("python", "py", "py3", "python3"):
                continue
            code = self.parse(item)
            if code is not None:
                yield item, code

    def parse(self, item: _Item) -> _Code | None:
        key = id(item)
        if key in self.codes:
            return self.codes[key]
        code: _Code | None = None
        source = item.text
        try:
            try:
                code = _Code(parse_module(source), item.line, {})
            except SyntaxError:
                repaired, keys = _repair(source)
                code = _Code(parse_module(repaired), item.line, keys)
        except SyntaxError as exc:
            line = item.line + (exc.lineno or 1) - 1
            first = source.lstrip().split("\n", 1)[0].strip()
            if "too many nested" in (exc.msg or ""):
                self.warn(line, "too-deep", f"python block nests too deeply to read ({exc.msg})")
            elif first.startswith("#") and first.endswith(("usage example", "type checking example")) and item.h2 != "Exceptions":
                # an illustration the reader does not need (the builder prints
                # ``def get_chime-sdk-identity_client()`` for hyphenated ids)
                self.warn(line, "unreadable-example", f"usage example is not Python: {exc.msg}; ignored", Level.INFO)
            else:
                self.warn(line, "bad-code-block", f"python block is not readable: {exc.msg}")
        except (RecursionError, MemoryError):
            self.warn(item.line, "too-deep", "python block nests too deeply to read")
        except ValueError as exc:  # null bytes
            self.warn(item.line, "bad-code-block", f"python block is not readable: {exc}")
        self.codes[key] = code
        return code

    # -- types ---------------------------------------------------------------------
    def model_type(
        self, node: ast.expr | None, code: _Code, owner: str, member: str, *, bytes_value: bool = False
    ) -> tuple[ModelType, bool | None]:
        """The model type of an annotation, and ``True``/``False`` when it
        is wrapped in ``Required``/``NotRequired`` (``None`` otherwise).
        ``bytes_value``: see ``annotations.parse_annotation``."""
        line = code.line(node) if node is not None else code.first
        where = f"{owner}.{member}" if member else owner
        if node is None:
            self.warn(line, "unknown-annotation", f"{where} has no type annotation; typed as Any")
            return ScalarType(ScalarKind.ANY), None
        flag: bool | None = None
        while isinstance(node, ast.Subscript) and _base(node.value) in ("NotRequired", "Required"):
            if flag is None:
                flag = _base(node.value) == "Required"
            node = node.slice
        try:
            node = self.inline_literals(node, code, owner, member)
            return parse_annotation(ast.unparse(node), bytes_value=bytes_value).type, flag
        except AnnotationTooDeep:
            self.warn(line, "too-deep", f"{where}: annotation nests too deeply; typed as Any")
        except AnnotationError as exc:
            text = ast.unparse(node)
            self.warn(line, "unknown-annotation", f"{where}: cannot read {text[:80]!r} ({exc}); typed as Any")
        except RecursionError:
            self.warn(line, "too-deep", f"{where}: annotation nests too deeply; typed as Any")
        return ScalarType(ScalarKind.ANY), flag

    def inline_literals(self, node: ast.expr, code: _Code, owner: str, member: str) -> ast.expr:
        """``Literal["A", "B"]`` inside an annotation → an enum of this page."""
        reader = self
        count = 0

        class _Swap(ast.NodeTransformer):
            def visit_Subscript(self, sub: ast.Subscript) -> ast.AST:
                nonlocal count
                if _base(sub.value) != "Literal":
                    self.generic_visit(sub)
                    return sub
                elts = sub.slice.elts if isinstance(sub.slice, ast.Tuple) else [sub.slice]
                values = [_str_const(e) for e in elts]
                if not values or any(v is None for v in values):
                    return sub  # parse_annotation reports it
                count += 1
                base = type_name(f"{owner}{member[:1].upper()}{member[1:]}" + (str(count) if count > 1 else ""))
                name = reader.add_enum(base, tuple(v for v in values if v is not None), code.line(sub))
                return ast.Name(id=f"{name}Type", ctx=ast.Load())

        result = _Swap().visit(node)
        return result if isinstance(result, ast.expr) else node

    def add_enum(self, base: str, values: tuple[str, ...], line: int) -> str:
        values = tuple(dict.fromkeys(values))
        name = base
        n = 2
        while name in self.enums and self.enums[name].values != values:
            name, n = f"{base}{n}", n + 1
        if name not in self.enums:
            self.enums[name] = EnumShape(name=name, values=values, span=self.span(line))
        return name

    # -- service identity ----------------------------------------------------------
    def identity(self, kind: str) -> tuple[str, str, str | None]:
        name = ""
        if kind == "client" and self.headings and self.headings[0].title.endswith("Client"):
            name = _strip_suffix(self.headings[0].title, "Client")
        module: str | None = None
        client_id = self.client_id
        for item in self.items:
            if item.kind == "fence":
                continue
            for text, href in item.links:
                if not name and href == "./README.md" and text:
                    name = text
                if module is None and "pypi.org/project/" in href:
                    candidate = text.replace("-", "_")
                    if candidate.startswith(PACKAGE_PREFIXES):
                        module = candidate
            for code in item.codes:
                tree = _inline_code(code) if not client_id and ".client(" in code else None
                if tree is not None:
                    for value, _ in _calls(tree, "client"):
                        client_id = client_id or value
        for _, code_block in self.fences():
            for node in ast.walk(code_block.tree):
                if module is None and isinstance(node, ast.ImportFrom) and node.module:
                    top = node.module.split(".")[0]
                    if top.startswith(PACKAGE_PREFIXES):
                        module = top
            if not client_id:
                for value, _ in _calls(code_block.tree, "client"):
                    client_id = value
                    break
        if not client_id:
            client_id = self.client_id_from_links()
        return name, client_id, module

    def client_id_from_links(self) -> str:
        for item in self.items:
            for _, href in item.links:
                url = urlparse(href)
                if url.netloc.endswith("boto3.amazonaws.com") and "/reference/services/" in url.path:
                    tail = url.path.split("/reference/services/", 1)[1].split("/")[0]
                    if tail.endswith(".html"):
                        return tail[: -len(".html")]
        return ""

    # -- struct definitions (type_defs.md) -----------------------------------------
    def read_definitions(self) -> None:
        raw: dict[str, _RawStruct] = {}
        order: list[str] = []
        for _, code in self.fences():
            for stmt in code.tree.body:
                if isinstance(stmt, ast.ClassDef):
                    self.class_def(stmt, code, raw, order)
                elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                    target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else getattr(stmt, "target", None)
                    if isinstance(target, ast.Name) and stmt.value is not None:
                        self.assignment(target.id, stmt.value, code, raw, order)
        self.finish_structs(raw, order)

    def _add_raw(self, item: _RawStruct, raw: dict[str, _RawStruct], order: list[str]) -> None:
        if item.name in raw:
            self.warn(item.line, "duplicate-definition", f"{item.name} is defined twice on the page; the first one is kept")
            return
        raw[item.name] = item
        order.append(item.name)

    def class_def(self, cls: ast.ClassDef, code: _Code, raw: dict[str, _RawStruct], order: list[str]) -> None:
        bases = [_base(b) for b in cls.bases]
        if not any(b == "TypedDict" or b.endswith(TYPEDEF) for b in bases):
            return  # a usage example's class, not a TypedDict
        total = True
        for kw in cls.keywords:
            if kw.arg == "total" and isinstance(kw.value, ast.Constant):
                total = bool(kw.value.value)
        owner = _strip_suffix(cls.name, TYPEDEF)
        members: list[Member] = []
        seen: set[str] = set()
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                key = code.key(stmt.target.id)
                if key in seen:
                    self.warn(code.line(stmt), "duplicate-member", f"{cls.name}: key {key!r} is listed twice; the first one is kept")
                    continue
                seen.add(key)
                t, flag = self.model_type(stmt.annotation, code, owner, key, bytes_value=True)
                members.append(Member(name=key, type=t, required=total if flag is None else flag, span=self.span(code.line(stmt))))
            elif isinstance(stmt, ast.Pass) or (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
                continue
            else:
                self.warn(code.line(stmt), "bad-typeddict", f"{cls.name}: a statement that is not a key is ignored")
        self._add_raw(_RawStruct(cls.name, members, [b for b in bases if b != "TypedDict"], code.line(cls)), raw, order)

    def assignment(self, name: str, value: ast.expr, code: _Code, raw: dict[str, _RawStruct], order: list[str]) -> None:
        line = code.line(value)
        if isinstance(value, ast.Call) and _base(value.func) == "TypedDict":
            self.functional_typeddict(name, value, code, raw, order)
        elif isinstance(value, ast.Subscript) and _base(value.value) == "Literal":
            self.literal(name, value, code)
        elif name.endswith(TYPEDEF) and name not in SCALARS:
            alias = _strip_suffix(name, TYPEDEF)
            target, _ = self.model_type(value, code, alias, "")
            if alias in self.aliases:
                self.warn(line, "duplicate-definition", f"{name} is defined twice on the page; the first one is kept")
            else:
                self.aliases[alias] = target

    def functional_typeddict(self, name: str, call: ast.Call, code: _Code, raw: dict[str, _RawStruct], order: list[str]) -> None:
        total = True
        for kw in call.keywords:
            if kw.arg == "total" and isinstance(kw.value, ast.Constant):
                total = bool(kw.value.value)
        fields = call.args[1] if len(call.args) > 1 else None
        if not isinstance(fields, ast.Dict):
            self.warn(code.line(call), "bad-typeddict", f"{name}: TypedDict(...) without a dict of keys; ignored")
            return
        owner = _strip_suffix(name, TYPEDEF)
        members: list[Member] = []
        seen: set[str] = set()
        for key_node, value in zip(fields.keys, fields.values, strict=True):
            key = _str_const(key_node)
            if key is None:
                self.warn(code.line(value), "bad-typeddict", f"{name}: a key that is not a string is ignored")
                continue
            if key in seen:
                self.warn(code.line(value), "duplicate-member", f"{name}: key {key!r} is listed twice; the first one is kept")
                continue
            seen.add(key)
            t, flag = self.model_type(value, code, owner, key, bytes_value=True)
            members.append(Member(name=key, type=t, required=total if flag is None else flag, span=self.span(code.line(key_node) if key_node else code.line(value))))
        self._add_raw(_RawStruct(name, members, [], code.line(call)), raw, order)

    def finish_structs(self, raw: dict[str, _RawStruct], order: list[str]) -> None:
        resolved: dict[str, list[Member]] = {}

        def members_of(name: str, seen: frozenset[str]) -> list[Member]:
            if name in resolved:
                return resolved[name]
            item = raw[name]
            out: dict[str, Member] = {}
            for base in item.bases:
                if base in raw and base not in seen:
                    for m in members_of(base, seen | {name}):
                        out[m.name] = m
                elif base not in raw:
                    self.warn(item.line, "unknown-base", f"{name}: base {base} is not defined on the page; its keys are missing")
            for m in item.members:
                out[m.name] = m
            resolved[name] = list(out.values())
            return resolved[name]

        shapes: dict[str, StructShape] = {}
        for doc_name in order:
            if doc_name.startswith("_"):
                continue  # the builder's _RequiredX / _OptionalX halves
            name = _strip_suffix(doc_name, TYPEDEF)
            if name in RESERVED_STRUCTS:
                continue
            members = members_of(doc_name, frozenset())
            # a TypedDict printed without an XOutputTypeDef twin serves both
            # sides as printed (its ``bytes`` the Python value); one with a
            # twin is a shape the two sides render apart: its ``bytes`` is a blob
            base = _strip_suffix(name, "Output")
            twinned = f"{name}Output{TYPEDEF}" in raw or (base != name and f"{base}{TYPEDEF}" in raw)
            if twinned:
                members = [replace(m, type=_bytes_as_blob(m.type)) for m in members]
            shapes[name] = StructShape(
                name=name, members=tuple(members), shared=not twinned, span=self.span(raw[doc_name].line)
            )
        # XOutputTypeDef beside XTypeDef: one shape X when the keys are the
        # same and so is every member's type once the folded variants are read
        # as their base. botocore has shapes of its own named XOutput (glue
        # CatalogPropertiesOutput.DataLakeAccessProperties is a
        # DataLakeAccessPropertiesOutput, a shape with more keys), so equal keys
        # are not enough. Start from every pair with equal keys and drop the
        # pairs a member still tells apart until none changes (the largest
        # consistent folding, so recursive shapes fold too).
        folds: dict[str, str] = {}
        for name, shape in shapes.items():
            base = _strip_suffix(name, "Output")
            if base != name and base in shapes and {m.name for m in shape.members} == {m.name for m in shapes[base].members}:
                folds[name] = base
        apart: dict[str, str] = {}
        while True:
            fix = _resolve_chains({**{n: StructRef(b) for n, b in folds.items()}, **self.union_aliases(shapes)})
            changed = False
            for name, base in list(folds.items()):
                output_types = {m.name: _rename(m.type, fix) for m in shapes[name].members}
                differ = [m.name for m in shapes[base].members if _rename(m.type, fix) != output_types[m.name]]
                if differ:
                    apart[name] = differ[0]
                    del folds[name]
                    changed = True
            if not changed:
                break
        for name, member in apart.items():
            self.warn(
                shapes[name].span.line,
                "output-shape",
                f"{name}TypeDef is kept apart from {_strip_suffix(name, 'Output')}TypeDef: same keys, "
                f"but {member} is of another type",
                Level.INFO,
            )
        for name, base in folds.items():
            shape, mine = shapes[name], shapes[base]
            self.aliases.setdefault(name, StructRef(base))
            theirs = {m.name: m.required for m in shape.members}
            differ = sorted(m.name for m in mine.members if theirs[m.name] != m.required)
            if differ:
                self.warn(
                    shape.span.line,
                    "output-variant",
                    f"{name}TypeDef is read as {base}TypeDef (one shape); required flags differ for {', '.join(differ)}, kept {base}TypeDef's",
                    Level.INFO,
                )
            del shapes[name]
        self.structs.update(shapes)

    # -- literals --------------------------------------------------------------------
    def literal(self, name: str, value: ast.Subscript, code: _Code) -> None:
        line = code.line(value)
        elts = value.slice.elts if isinstance(value.slice, ast.Tuple) else [value.slice]
        values: list[str] = []
        for elt in elts:
            s = _str_const(elt)
            if s is None:
                self.warn(code.line(elt), "bad-literal", f"{name}: a value that is not a string is ignored")
            else:
                values.append(s)
        if name in GLOBAL_LITERALS:
            return
        if name.endswith("ServiceName"):
            if len(values) == 1 and not self.client_id:
                self.client_id = values[0]
            return
        if name.endswith("PaginatorName") and len(name) > len("PaginatorName"):
            if len(values) == 1:
                cls = _strip_suffix(name, "PaginatorName")
                self.paginators.setdefault(cls, Paginator(name=cls, method_name=values[0], span=self.span(line)))
            return
        if name.endswith("WaiterName") and len(name) > len("WaiterName"):
            if len(values) == 1:
                cls = _strip_suffix(name, "WaiterName")
                self.waiters.setdefault(cls, Waiter(name=cls, waiter_name=values[0], span=self.span(line)))
            return
        if name.endswith("Type") and len(name) > len("Type"):
            enum = name[: -len("Type")]
        else:
            enum = name
            self.warn(line, "literal-name", f"{name} does not end in 'Type'; read as enum {name}", Level.INFO)
        if enum in self.enums:
            self.warn(line, "duplicate-definition", f"{name} is defined twice on the page; the first one is kept")
            return
        self.enums[enum] = EnumShape(name=enum, values=tuple(dict.fromkeys(values)), span=self.span(line))

    # -- methods (client, paginators, waiters) -----------------------------------------
    def method_info(self, items: list[_Item], method: str) -> _MethodInfo:
        info = _MethodInfo()
        for _, code in self.fences(items):
            for stmt in code.tree.body:
                if isinstance(stmt, ast.FunctionDef) and stmt.name == method:
                    if info.fn is None:
                        info.fn, info.fn_code = stmt, code
                    else:
                        info.extra.append((stmt, code))
                elif (
                    isinstance(stmt, ast.AnnAssign)
                    and isinstance(stmt.target, ast.Name)
                    and stmt.target.id == "kwargs"
                    and _base(stmt.annotation).endswith(TYPEDEF)
                    and info.request is None
                ):
                    info.request = _base(stmt.annotation)
                    info.request_line = code.line(stmt)
        return info

    def request(self, fn: ast.FunctionDef, code: _Code, request_name: str | None, fallback: str) -> StructRef | None:
        """The request structure of a ``def`` (keyword-only parameters)."""
        name = _strip_suffix(request_name, TYPEDEF) if request_name else fallback
        if fn.args.kwarg is not None and fn.args.kwarg.annotation is not None:
            ann = fn.args.kwarg.annotation
            if isinstance(ann, ast.Subscript) and _base(ann.value) == "Unpack" and _base(ann.slice).endswith(TYPEDEF):
                return StructRef(_strip_suffix(_base(ann.slice), TYPEDEF))
        if not fn.args.kwonlyargs:
            return None
        members: list[Member] = []
        seen: set[str] = set()
        for arg, default in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True):
            if arg.arg in seen:
                self.warn(code.line(arg), "duplicate-parameter", f"{fn.name}: parameter {arg.arg!r} is listed twice; the first one is kept")
                continue
            seen.add(arg.arg)
            t, _ = self.model_type(arg.annotation, code, name, arg.arg)
            members.append(Member(name=arg.arg, type=t, required=default is None, span=self.span(code.line(arg))))
        if request_name is None:
            self.warn(code.line(fn), "no-request-name", f"{fn.name}: no usage block names the request; called {name}TypeDef", Level.INFO)
        shape = StructShape(name=name, members=tuple(members), span=self.span(code.line(fn)))
        if name in self.structs:
            self.warn(code.line(fn), "duplicate-definition", f"{name}TypeDef is the request of two methods; the first one is kept")
        else:
            self.structs[name] = shape
        return StructRef(name)

    def response(self, fn: ast.FunctionDef, code: _Code, *, paginator: bool, empty_name: str) -> StructRef | None:
        """The response structure; an empty one (``empty_name``) for
        ``Dict[str, Any]``, the builder's spelling of a response structure
        without members; ``None`` for no response structure."""
        node = fn.returns
        if node is None or (isinstance(node, ast.Constant) and node.value is None):
            return None
        if paginator and isinstance(node, ast.Subscript) and _base(node.value).endswith("Iterator"):
            node = node.slice
        if isinstance(node, ast.Subscript) and _base(node.value) in ("Dict", "dict", "Mapping"):
            if empty_name not in self.structs:
                self.structs[empty_name] = StructShape(name=empty_name, members=(), span=self.span(code.line(node)))
            return StructRef(empty_name)
        name = _base(node)
        if name in EMPTY_RESPONSES:
            return None
        if name.endswith(TYPEDEF) and name not in SCALARS:
            return StructRef(_strip_suffix(name, TYPEDEF))
        self.warn(code.line(node), "unknown-annotation", f"{fn.name} returns {ast.unparse(node)[:80]!r}, not a TypedDict; no response type")
        return None

    # -- client page ---------------------------------------------------------------------
    def read_client(self) -> tuple[list[Operation], list[ServiceError], list[tuple[str, tuple[ExtraParam, ...]]]]:
        sections: dict[str, list[_Item]] = {}
        lines: dict[str, int] = {}
        for heading in self.headings:
            if heading.level != 3:
                continue
            if heading.title not in lines:
                lines[heading.title] = heading.line
            elif heading.title.isidentifier() and heading.title not in ("get_paginator", "get_waiter"):
                self.warn(
                    heading.line,
                    "duplicate-method",
                    f"method {heading.title!r} is documented again (first at line {lines[heading.title]}); the first wins",
                )
        for item in self.items:
            if item.h3 and item.h3_line == lines.get(item.h3):
                sections.setdefault(item.h3, []).append(item)
        errors = self.read_exceptions([i for i in self.items if i.h2 == "Exceptions"])
        operations: list[Operation] = []
        extra: list[tuple[str, tuple[ExtraParam, ...]]] = []
        for method, line in lines.items():
            items = sections.get(method, [])
            if method in ("get_paginator", "get_waiter"):
                self.read_getters(method, items)
                continue
            if method in BUILTIN_METHODS:
                continue
            if not method.isidentifier():
                self.warn(line, "bad-method", f"section {method!r} is not a method name; skipped")
                continue
            info = self.method_info(items, method)
            if info.fn is None or info.fn_code is None:
                self.warn(line, "missing-definition", f"{method}: no method definition block; skipped")
                continue
            fn, code = info.fn, info.fn_code
            if info.extra:
                self.warn(code.line(info.extra[0][0]), "overloads", f"{method}: {len(info.extra) + 1} definitions; the first one is read", Level.INFO)
            positional = [a for a in fn.args.posonlyargs + fn.args.args if a.arg not in ("self", "cls")]
            if positional or fn.args.vararg is not None:
                extra.append((method, self.explicit_params(fn, code)))
                if isinstance(fn.returns, ast.Constant) and fn.returns.value is None:
                    self.extra_returns.append((method, ScalarType(ScalarKind.NONE)))
                elif fn.returns is not None:
                    self.extra_returns.append((method, self.model_type(fn.returns, code, method, "")[0]))
                continue
            op_name = pascal_from_snake(method)
            if info.request:
                stem = info.request
                for suffix in ("RequestRequestTypeDef", "RequestTypeDef"):
                    if stem.endswith(suffix) and len(stem) > len(suffix):
                        op_name = stem[: -len(suffix)]
                        break
            doc = "\n\n".join(i.text for i in items if i.kind == "paragraph" and not i.text.startswith(("Type annotations", "Asynchronous method")) and i.line < code.first)
            operations.append(
                Operation(
                    method_name=method,
                    name=op_name,
                    doc=doc,
                    input=self.request(fn, code, info.request, f"{op_name}Request"),
                    output=self.response(fn, code, paginator=False, empty_name=f"{op_name}Response"),
                    returns_none=isinstance(fn.returns, ast.Constant) and fn.returns.value is None,
                    span=self.span(line),
                )
            )
        return operations, errors, extra

    def explicit_params(self, fn: ast.FunctionDef, code: _Code) -> tuple[ExtraParam, ...]:
        args = fn.args
        positional = args.posonlyargs + args.args
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        pairs = [(a, d) for a, d in zip(positional, defaults, strict=True) if a.arg not in ("self", "cls")]
        pairs += list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
        return tuple(
            ExtraParam(
                name=a.arg,
                default=_simple_default(d),
                annotation=None if a.annotation is None else self.model_type(a.annotation, code, fn.name, a.arg)[0],
            )
            for a, d in pairs
        )

    def read_exceptions(self, items: list[_Item]) -> list[ServiceError]:
        errors: dict[str, ServiceError] = {}
        for _, code in self.fences(items):
            for node in ast.walk(code.tree):
                if not isinstance(node, ast.ExceptHandler) or node.type is None:
                    continue
                elts = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
                for elt in elts:
                    if isinstance(elt, ast.Attribute) and _base(elt.value) == "exceptions" and elt.attr != "ClientError":
                        errors.setdefault(elt.attr, ServiceError(name=elt.attr, span=self.span(code.line(elt))))
        return list(errors.values())

    def read_getters(self, method: str, items: list[_Item]) -> None:
        """``- `client.get_paginator("x")` -> [XPaginator](...)`` items, or
        ``def get_paginator(self, operation_name: Literal["x"]) -> XPaginator``."""
        suffix = "Paginator" if method == "get_paginator" else "Waiter"
        found: list[tuple[str, str, int]] = []
        for item in items:
            if item.kind != "list_item":
                continue
            key = ""
            for span_text in item.codes:
                tree = _inline_code(span_text)
                if tree is not None:
                    for value, _ in _calls(tree, method):
                        key = key or value
            cls = next((text for text, _ in item.links if text), "")
            if key:
                found.append((key, cls, item.line))
        for _, code in self.fences(items):
            for stmt in code.tree.body:
                if not (isinstance(stmt, ast.FunctionDef) and stmt.name == method):
                    continue
                key = ""
                for arg in stmt.args.posonlyargs + stmt.args.args:
                    ann = arg.annotation
                    if isinstance(ann, ast.Subscript) and _base(ann.value) == "Literal":
                        key = _str_const(ann.slice) or ""
                if key:
                    found.append((key, _base(stmt.returns) if stmt.returns is not None else "", code.line(stmt)))
        for key, cls, line in found:
            name = _strip_suffix(cls, suffix) if cls else pascal_from_snake(key)
            if suffix == "Paginator":
                self.paginators.setdefault(name, Paginator(name=name, method_name=key, span=self.span(line)))
            else:
                self.waiters.setdefault(name, Waiter(name=name, waiter_name=key, span=self.span(line)))

    # -- paginators / waiters pages ---------------------------------------------------------
    def read_classes(self, kind: str) -> None:
        suffix, method, getter = ("Paginator", "paginate", "get_paginator") if kind == "paginators" else ("Waiter", "wait", "get_waiter")
        by_h2: dict[str, list[_Item]] = {}
        for item in self.items:
            by_h2.setdefault(item.h2, []).append(item)
        for heading in self.headings:
            if heading.level != 2:
                continue
            items = by_h2.get(heading.title, [])
            info = self.method_info(items, method)
            if info.fn is None or info.fn_code is None:
                if heading.title.endswith(suffix):
                    self.warn(heading.line, "missing-definition", f"{heading.title}: no {method} definition block; skipped")
                continue
            cls = _strip_suffix(heading.title, suffix)
            key = ""
            for item in items:
                for text in item.codes:
                    tree = _inline_code(text) if getter in text else None
                    if tree is not None and not key:
                        key = next((value for value, _ in _calls(tree, getter)), "")
            if not key:
                for _, code in self.fences(items):
                    key = key or next((value for value, _ in _calls(code.tree, getter)), "")
            if not key:
                key = _snake(cls)
                self.warn(heading.line, "missing-name", f"{heading.title}: the page does not say its {getter} name; guessed {key!r}")
            fallback = f"{cls}RequestPaginate" if kind == "paginators" else f"{cls}RequestWait"
            request = self.request(info.fn, info.fn_code, info.request, fallback)
            span = self.span(heading.line)
            if kind == "paginators":
                output = self.response(info.fn, info.fn_code, paginator=True, empty_name=f"{cls}ResponsePaginate")
                self.paginators[cls] = Paginator(name=cls, method_name=key, input=request, output=output, span=span)
            else:
                self.waiters[cls] = Waiter(name=cls, waiter_name=key, input=request, span=span)

    # -- page ------------------------------------------------------------------------------------
    def kind(self) -> str:
        if not self.headings or self.headings[0].level != 1:
            raise DiagnosticError(Diagnostic(self.span(1), Level.ERROR, "not-a-markdown-page", "the page does not start with a '# Title' heading"))
        title = self.headings[0].title
        if title in PAGE_TITLES:
            return PAGE_TITLES[title]
        if title.endswith("Client") and len(title) > len("Client"):
            return "client"
        raise DiagnosticError(
            Diagnostic(
                self.span(self.headings[0].line),
                Level.ERROR,
                "not-a-markdown-page",
                f"not a client, type_defs, literals, paginators or waiters page: {title[:60]!r}",
                hint="README.md, usage.md and service_resource.md are not read",
            )
        )

    def union_aliases(self, structs: dict[str, StructShape]) -> dict[str, ModelType]:
        """The page's aliases, and ``XUnion`` → X for a reference to an
        ``XUnionTypeDef`` the page does not define."""
        fix = dict(self.aliases)
        for shape in structs.values():
            for m in shape.members:
                for ref in _struct_refs(m.type):
                    if ref not in fix and ref not in structs and ref.endswith("Union") and len(ref) > len("Union"):
                        fix[ref] = StructRef(ref[: -len("Union")])
        return fix

    def fix_references(self) -> None:
        """Aliases and Output variants → their shape, in every member."""
        fix = _resolve_chains(self.union_aliases(self.structs))
        for name, shape in list(self.structs.items()):
            members = tuple(
                replace(m, type=_rename(m.type, fix))
                for m in shape.members
                if not (m.name == "ResponseMetadata" and m.type == StructRef("ResponseMetadata"))
            )
            self.structs[name] = replace(shape, members=members)

    def read(self) -> Service:
        kind = self.kind()
        operations: list[Operation] = []
        errors: list[ServiceError] = []
        extra: list[tuple[str, tuple[ExtraParam, ...]]] = []
        if kind == "client":
            operations, errors, extra = self.read_client()
        elif kind in ("type_defs", "literals"):
            self.read_definitions()
        else:
            self.read_classes(kind)
        self.fix_references()
        name, client_id, module = self.identity(kind)
        if not client_id:
            self.warn(1, "no-client-id", "the page does not say which client it documents (no boto3.client(...) call or boto3 link)", Level.ERROR)
        if not name:
            self.warn(1, "no-service-name", "the page does not name its service (no breadcrumb link)")
        return Service(
            name=name,
            client_id=client_id,
            module_name=module,
            operations=tuple(operations),
            structs=tuple(self.structs.values()),
            enums=tuple(self.enums.values()),
            errors=tuple(errors),
            paginators=tuple(self.paginators.values()),
            waiters=tuple(self.waiters.values()),
            extra_methods=tuple(extra),
            extra_returns=tuple(self.extra_returns),
            aliases=tuple((k, v) for k, v in self.aliases.items() if not isinstance(v, StructRef) and k not in self.structs),
            sources=(self.path,),
            origin=ORIGIN,
            span=self.span(1),
        )


def read_markdown_new(path: str, text: str) -> tuple[Service, list[Diagnostic]]:
    """Read one page of the newer markdown docs. Raises ``DiagnosticError``
    (``not-a-markdown-page``) for a page it does not understand; problems
    inside a page come back as diagnostics."""
    text = text.lstrip("\ufeff")
    if not looks_like(text):
        raise DiagnosticError(
            Diagnostic(
                SourceSpan(path, 1),
                Level.ERROR,
                "not-a-markdown-page",
                "not a page of the types-boto3 markdown docs",
                hint="expected client.md, type_defs.md, literals.md, paginators.md or waiters.md",
            )
        )
    reader = _Reader(path, text)
    service = reader.read()
    return service, reader.diagnostics
