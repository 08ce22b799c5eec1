"""Reader for the older mypy-boto3 markdown docs (mypy-boto3-builder 4.19–7.4,
like seeds 000 and 003).

A service's doc set is a handful of pages, each read on its own:

- ``client.md``: one ``### method`` section per client method, with
  "Arguments mapping described in [XTypeDef]", a "Keyword-only arguments:"
  list of ``- `Name`: `type` *(required)*`` items and "Returns [YTypeDef].";
  the ``get_paginator`` / ``get_waiter`` sections list the overloads;
- ``type_defs.md``: one ``## XTypeDef`` section per TypedDict with
  "Required fields:" / "Optional fields:" lists;
- ``literals.md``: one ``## XType`` section per Literal with a "Values:" list;
- ``paginators.md`` / ``waiters.md``: one section per class with the
  argument list of ``paginate`` / ``wait`` (and what ``paginate`` returns);
- ``README.md``: the package index (only the exception names are kept).

Each page gives a partial ``Service``; references to shapes another page
defines stay unresolved (the merger resolves them). Types are spelled as
Python annotations whose pieces are inline code and links; they are turned
into model types by ``annotations.parse_annotation``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..diagnostics import Diagnostic, DiagnosticError, Level
from ..model import (
    EnumShape,
    ExtraParam,
    MapType,
    Member,
    ModelType,
    Operation,
    Paginator,
    ScalarKind,
    ScalarType,
    Service,
    ServiceError,
    SourceSpan,
    StructRef,
    StructShape,
    Waiter,
)
from ..naming import pascal_from_snake
from ..response_keys import top_level_required
from .annotations import AnnotationError, AnnotationTooDeep, parse_annotation, parse_literal_values
from .markdown_common import page_lines, truncated_fence, unclosed_fence

ORIGIN = "markdown-old"

#: hand-written client methods every client has: never operations
BUILTIN_METHODS = frozenset(
    {"can_paginate", "generate_presigned_url", "get_paginator", "get_waiter", "exceptions", "close"}
)
#: shapes the renderer defines itself
RESERVED_STRUCTS = frozenset({"ResponseMetadata", "EmptyResponseMetadata"})
#: request TypedDict suffixes the builders add after the operation name
REQUEST_SUFFIXES = ("RequestRequest", "InputRequest", "MessageRequest", "Request", "Input", "Message", "")
#: generic wrappers around a paginator's page type
ITERATORS = frozenset({"Iterator", "PageIterator", "_PageIterator", "AsyncIterator", "AioPageIterator", "Generator"})

TITLE_RE = re.compile(r"^(?P<what>.+?) for (?:boto3|aiobotocore|aioboto3) (?P<service>[A-Za-z][A-Za-z0-9]*) module$")
CLIENT_ID_RE = re.compile(
    r"""(?:boto3\.client|Session\(\)\.client|session\.create_client|\.client)\(\s*["']([a-z0-9][a-z0-9.\-]*)["']"""
)
DOC_LINK_ID_RE = re.compile(r"/reference/services/([a-z0-9][a-z0-9.\-]*)\.html")
MODULE_RE = re.compile(
    r"\bfrom\s+([a-z_][a-z0-9_]*)\.(?:client|type_defs|literals|paginator|paginators|waiter|waiters|service_resource)\s+import\b"
)
PYPI_NAME_RE = re.compile(r"\[((?:mypy|types)[-_](?:boto3|aiobotocore)[-_][a-z0-9_\-]+)\]\(https://pypi\.org/")
OVERLOAD_RE = re.compile(
    r"""^client\.get_(?P<kind>paginator|waiter)\(\s*["'](?P<key>[A-Za-z0-9_]+)["']\s*\)\s*->\s*(?P<cls>[A-Za-z_][A-Za-z0-9_]*)\s*$"""
)
GETTER_RE = re.compile(r"""\.get_(paginator|waiter)\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")
MAPPING_RE = re.compile(r"^Arguments mapping described in\s+([A-Za-z_][A-Za-z0-9_]*)\s*\.?$")
RETURNS_RE = re.compile(r"^Returns(?:\s+a\s+Coroutine\s+for)?\s+(?P<type>.*?)\s*\.?$", re.S)
PAGINATE_RETURNS_RE = re.compile(r"^\S+\.paginate\s+returns\s+(?P<type>.*?)\s*\.?$", re.S)
CLASS_ARGS_RE = re.compile(r"^Arguments for \S+\.(paginate|wait) method:$")
#: `Literal['a', 'b']` (see [XType](./literals.md#xtype)): the literal's name
INLINE_LITERAL_RE = re.compile(r"""Literal\[(?:'[^']*'|"[^"]*"|[^\]'"])*\]\s*\(see\s+([A-Za-z_][A-Za-z0-9_]*)\)""")
WRAPPED_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$", re.S)
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: a backslash escape of ASCII punctuation (``\_``), undone in names taken from code spans
ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
EXCEPTION_ITEM_RE = re.compile(r"^(?:[A-Za-z_][A-Za-z0-9_]*\.)?([A-Za-z_][A-Za-z0-9_]*)$")



# ---------------------------------------------------------------------------
# blocks: the page flattened to headings, paragraphs, list items and fences


@dataclass(frozen=True, slots=True)
class _Block:
    kind: str  # heading | para | item | fence
    line: int  # 1-based
    #: plain text: escapes undone, code spans bare, links replaced by their text
    text: str
    #: the text as prose: code spans keep their backticks
    doc: str = ""
    level: int = 0  # heading level
    children: tuple[Token, ...] = ()


def _plain(children: Sequence[Token], code_ticks: bool = False) -> str:
    out: list[str] = []
    for tok in children:
        if tok.type in ("text", "html_inline"):
            out.append(tok.content)
        elif tok.type == "code_inline":
            out.append(f"`{tok.content}`" if code_ticks else tok.content)
        elif tok.type == "softbreak":
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("\n")
        elif tok.type == "image":
            out.append(_plain(tok.children or (), code_ticks))
        # link_open/link_close, em/strong markers: nothing (their text is inside)
    return "".join(out)


def _blocks(text: str) -> tuple[list[_Block], int | None]:
    """The page's blocks, and the line of a code block it never closes."""
    md = MarkdownIt("commonmark")
    tokens = md.parse(text)
    unclosed = unclosed_fence(tokens, page_lines(text))
    blocks: list[_Block] = []
    heading_level = 0
    item_first = False  # the next paragraph is the first one of a list item
    in_item_para = False
    for tok in tokens:
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            continue
        if tok.type == "heading_close":
            heading_level = 0
            continue
        if tok.type == "list_item_open":
            item_first = True
            continue
        if tok.type == "paragraph_open":
            in_item_para = item_first
            item_first = False
            continue
        if tok.type in ("paragraph_close", "list_item_close"):
            in_item_para = False
            item_first = False
            continue
        if tok.type in ("fence", "code_block"):
            line = tok.map[0] + 1 if tok.map else 0
            blocks.append(_Block("fence", line, tok.content, doc=tok.info))
            continue
        if tok.type != "inline":
            continue
        children = tuple(tok.children or ())
        line = tok.map[0] + 1 if tok.map else 0
        kind = "heading" if heading_level else "item" if in_item_para else "para"
        blocks.append(
            _Block(
                kind,
                line,
                _plain(children).strip(),
                doc=_plain(children, code_ticks=True).strip(),
                level=heading_level,
                children=children,
            )
        )
    return blocks, unclosed


def _sections(blocks: Sequence[_Block], level: int) -> list[tuple[_Block, list[_Block]]]:
    """Split at headings of ``level`` (and stop at shallower ones): each
    heading with the blocks under it, up to the next heading of that level
    or a shallower one."""
    out: list[tuple[_Block, list[_Block]]] = []
    current: list[_Block] | None = None
    for block in blocks:
        if block.kind == "heading" and block.level <= level:
            if block.level == level:
                current = []
                out.append((block, current))
            else:
                current = None
            continue
        if current is not None:
            current.append(block)
    return out


# ---------------------------------------------------------------------------
# the reader


@dataclass(frozen=True, slots=True)
class _ClassSection:
    """What one ``## XPaginator`` / ``## XWaiter`` section says."""

    name: str  # the class name without its suffix
    key: str  # get_paginator("...") / get_waiter("...")
    input: StructRef | None
    shape: StructShape | None  # the argument list as a structure
    returns: str | None  # what paginate() returns, as printed
    returns_line: int


def _strip_suffix(name: str, suffix: str) -> str | None:
    if name.endswith(suffix) and len(name) > len(suffix):
        return name[: -len(suffix)]
    return None


def operation_name(method_name: str, request: str | None) -> str:
    """The API operation's name: from the request TypedDict when it is the
    operation's name plus a builder suffix (``CreateAppInstanceRequestRequest``
    → ``CreateAppInstance``, ``GetIdInput`` → ``GetId``), which keeps the
    API's capitals; else the method name in PascalCase."""
    pascal = pascal_from_snake(method_name)
    if request:
        for suffix in REQUEST_SUFFIXES:
            base = _strip_suffix(request, suffix) if suffix else request
            if base and base.lower() == pascal.lower():
                return base
    return pascal


class _Reader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.diagnostics: list[Diagnostic] = []
        #: return types of the hand-written methods, when the page states them
        self.extra_returns: dict[str, ModelType] = {}

    # -- helpers -----------------------------------------------------------
    def span(self, line: int) -> SourceSpan:
        return SourceSpan(self.path, max(line, 1))

    def warn(self, line: int, code: str, message: str, level: Level = Level.WARNING) -> None:
        self.diagnostics.append(Diagnostic(self.span(line), level, code, message))

    def annotation(self, text: str, line: int, what: str) -> ModelType:
        """A type annotation as the page prints it → a model type; an
        unreadable one is ``Any`` with a warning."""
        text = " ".join(text.split())
        text = INLINE_LITERAL_RE.sub(r"\1", text)
        if not text:
            self.warn(line, "unknown-annotation", f"{what} has no type annotation; using Any", Level.INFO)
            return ScalarType(ScalarKind.ANY)
        try:
            return parse_annotation(text).type
        except AnnotationTooDeep:
            self.warn(line, "too-deep", f"{what}: the annotation nests too deeply; using Any")
        except AnnotationError as exc:
            self.warn(line, "unknown-annotation", f"{what}: {exc}; using Any")
        return ScalarType(ScalarKind.ANY)

    def member(self, block: _Block, what: str) -> Member | None:
        """A ``- `Name`: `type` *(required)*`` list item."""
        children = [c for c in block.children if not (c.type == "text" and not c.content.strip())]
        name = _code_name(children[0]) if children else ""
        if not IDENT_RE.match(name):
            self.warn(block.line, "bad-member-line", f"{what}: expected '- `Name`: type', got {block.text[:80]!r}")
            return None
        rest = _plain(children[1:]).strip()
        required = _required(rest)
        rest = rest.rstrip().removesuffix("(required)").strip() if required else rest
        if rest.startswith(":"):
            rest = rest[1:].strip()
        elif rest:
            self.warn(block.line, "bad-member-line", f"{what}: expected ':' after `{name}`, got {block.text[:80]!r}")
            return None
        mtype = self.annotation(rest, block.line, f"{what} member {name!r}")
        return Member(name=name, type=mtype, required=required, span=self.span(block.line))

    def members(self, items: Iterable[_Block], what: str, duplicate: str = "duplicate-member") -> list[Member]:
        out: list[Member] = []
        seen: set[str] = set()
        for item in items:
            member = self.member(item, what)
            if member is None:
                continue
            if member.name in seen:
                noun = "parameter" if duplicate == "duplicate-parameter" else "member"
                self.warn(item.line, duplicate, f"{what}: {noun} {member.name!r} is listed twice; the first wins")
                continue
            seen.add(member.name)
            out.append(member)
        return out

    # -- page --------------------------------------------------------------
    def read(self) -> tuple[Service, list[Diagnostic]]:
        blocks, unclosed = _blocks(self.text)
        if unclosed is not None:
            self.diagnostics.append(truncated_fence(self.path, unclosed))
        title = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
        m = TITLE_RE.match(title.text) if title else None
        if title is None or m is None:
            raise DiagnosticError(
                Diagnostic(
                    self.span(title.line if title else 1),
                    Level.ERROR,
                    "not-a-markdown-page",
                    "no '# ... for boto3 X module' title: not a page of the older mypy-boto3 docs",
                )
            )
        what = m.group("what").strip()
        service = Service(
            name=m.group("service"),
            client_id=self._client_id(),
            module_name=self._module_name(),
            sources=(self.path,),
            origin=ORIGIN,
            span=self.span(title.line),
        )
        if not service.client_id:
            self.warn(title.line, "no-client-id", "the page names no boto3.client(...) nor a boto3 documentation link", Level.ERROR)
        if what.endswith("Client"):
            service = self._client_page(service, blocks)
        elif what == "Typed dictionaries":
            service = self._type_defs_page(service, blocks)
        elif what == "Literals":
            service = self._literals_page(service, blocks)
        elif what == "Paginators":
            service = self._paginators_page(service, blocks)
        elif what == "Waiters":
            service = self._waiters_page(service, blocks)
        elif what == "Type annotations":
            service = self._readme_page(service, blocks)
        else:
            self.warn(title.line, "unsupported-page", f"page {what!r} is not read (nothing of it is used)", Level.INFO)
        return service, self.diagnostics

    def _client_id(self) -> str:
        m = CLIENT_ID_RE.search(self.text)
        if m:
            return m.group(1)
        m = DOC_LINK_ID_RE.search(self.text[:20000])
        return m.group(1) if m else ""

    def _module_name(self) -> str | None:
        m = MODULE_RE.search(self.text)
        if m:
            return m.group(1)
        m = PYPI_NAME_RE.search(self.text[:20000])
        return m.group(1).replace("-", "_") if m else None

    # -- client.md -----------------------------------------------------------
    def _errors(self, items: Iterable[_Block]) -> list[ServiceError]:
        errors: list[ServiceError] = []
        seen: set[str] = set()
        for item in items:
            em = EXCEPTION_ITEM_RE.match(item.text)
            if not em:
                self.warn(item.line, "bad-exception-line", f"expected an exception name, got {item.text[:80]!r}")
                continue
            name = em.group(1)
            if name == "ClientError" or name in seen:
                continue
            seen.add(name)
            errors.append(ServiceError(name=name, span=self.span(item.line)))
        return errors

    def _client_page(self, service: Service, blocks: list[_Block]) -> Service:
        errors: list[ServiceError] = []
        operations: list[Operation] = []
        structs: dict[str, StructShape] = {}
        paginators: dict[str, Paginator] = {}
        waiters: dict[str, Waiter] = {}
        extra: dict[str, tuple[ExtraParam, ...]] = {}
        seen_methods: dict[str, int] = {}
        for head, body in _sections(blocks, 2):
            if head.text == "Exceptions":
                errors = self._errors(b for b in body if b.kind == "item")
                continue
            if head.text != "Methods":
                continue
            for mhead, mbody in _sections(body, 3):
                method = mhead.text.strip()
                if not IDENT_RE.match(method):
                    self.warn(mhead.line, "bad-method-heading", f"method heading {method!r} is not a method name")
                    continue
                self._overloads(mbody, paginators, waiters)
                if method in BUILTIN_METHODS:
                    continue
                if method in seen_methods:
                    self.warn(
                        mhead.line,
                        "duplicate-method",
                        f"method {method!r} is documented again (first at line {seen_methods[method]}); the first wins",
                    )
                    continue
                seen_methods[method] = mhead.line
                self._method(method, mhead, mbody, operations, structs, extra)
        return replace(
            service,
            operations=tuple(operations),
            structs=tuple(structs.values()),
            errors=tuple(errors),
            paginators=tuple(paginators.values()),
            waiters=tuple(waiters.values()),
            extra_methods=tuple(extra.items()),
            extra_returns=tuple(self.extra_returns.items()),
        )

    def _overloads(self, body: Iterable[_Block], paginators: dict[str, Paginator], waiters: dict[str, Waiter]) -> None:
        for block in body:
            if block.kind != "item":
                continue
            m = OVERLOAD_RE.match(" ".join(block.text.split()))
            if not m:
                continue
            key, cls = m.group("key"), m.group("cls")
            span = self.span(block.line)
            if m.group("kind") == "paginator":
                name = _strip_suffix(cls, "Paginator") or cls
                paginators.setdefault(name, Paginator(name=name, method_name=key, span=span))
            else:
                name = _strip_suffix(cls, "Waiter") or cls
                waiters.setdefault(name, Waiter(name=name, waiter_name=key, span=span))

    def _method(
        self,
        method: str,
        head: _Block,
        body: list[_Block],
        operations: list[Operation],
        structs: dict[str, StructShape],
        extra: dict[str, tuple[ExtraParam, ...]],
    ) -> None:
        doc: list[str] = []
        request: str | None = None
        request_line = 0
        mode = ""  # kw | explicit | "" (not in an argument list)
        explicit = False
        args: list[_Block] = []
        args_line = 0
        returns: str | None = None
        returns_line = 0
        past_doc = False
        for block in body:
            if block.kind == "para":
                text = " ".join(block.text.split())
                mm = MAPPING_RE.match(text)
                if mm:
                    request, request_line, past_doc, mode = mm.group(1), block.line, True, ""
                elif text in ("Keyword-only arguments:", "Arguments:"):
                    mode = "kw" if text.startswith("Keyword") else "explicit"
                    explicit = explicit or mode == "explicit"
                    args_line = args_line or block.line
                    past_doc = True
                elif text.startswith("Returns") and past_doc:
                    rm = RETURNS_RE.match(text)
                    returns, returns_line, past_doc, mode = (rm.group("type") if rm else ""), block.line, True, ""
                elif text.startswith(("Type annotations for", "Boto3 documentation", "Asynchronous method")):
                    past_doc, mode = True, ""
                elif not past_doc:
                    doc.append(block.doc)
                else:
                    mode = ""
            elif block.kind == "item":
                if mode:
                    args.append(block)
                elif not OVERLOAD_RE.match(" ".join(block.text.split())):
                    self.warn(
                        block.line,
                        "unexpected-line",
                        f"{method}: list item outside an argument list: {block.text[:80]!r}",
                        Level.INFO,
                    )
        span = self.span(head.line)
        if explicit:
            extra[method] = self._explicit_params(method, args)
            if returns is not None:
                text = " ".join(returns.split())
                self.extra_returns[method] = ScalarType(ScalarKind.NONE) if text == "None" else self.annotation(text, returns_line, f"{method}() return type")
            return
        if request is not None and not request.endswith("TypeDef"):
            self.warn(
                request_line, "bad-request-name", f"{method}: request mapping {request!r} is not a ...TypeDef name"
            )
        request_name = (_strip_suffix(request, "TypeDef") or request) if request else None
        op_name = operation_name(method, request_name)
        input_ref: StructRef | None = None
        if request_name or args:
            name = request_name or f"{op_name}Request"
            input_ref = StructRef(name)
            members = self.members(args, f"{method}()", "duplicate-parameter")
            shape = StructShape(
                name=name, members=tuple(members), span=self.span(request_line or args_line or head.line)
            )
            previous = structs.get(name)
            if previous is None:
                structs[name] = shape
            elif _signature(previous) != _signature(shape):
                self.warn(
                    shape.span.line,
                    "duplicate-struct",
                    f"{method}: request {name!r} differs from the one at line {previous.span.line}; the first wins",
                )
        output = self._output(method, returns, returns_line)
        if isinstance(output, MapType):
            # ``Dict[str, Any]``: the builder's response structure without members
            name = f"{op_name}Response"
            structs.setdefault(name, StructShape(name=name, members=(), span=self.span(returns_line)))
            output = StructRef(name)
        operations.append(
            Operation(
                method_name=method,
                name=op_name,
                doc="\n\n".join(doc),
                input=input_ref,
                output=output,
                span=span,
            )
        )

    def _explicit_params(self, method: str, args: Iterable[_Block]) -> tuple[ExtraParam, ...]:
        """A hand-written method's parameters: names and whether they are
        required (the page shows no defaults, so optional ones get ``...``)."""
        params: dict[str, ExtraParam] = {}
        for block in args:
            first = next((c for c in block.children if c.type != "text" or c.content.strip()), None)
            name = _code_name(first) if first is not None else ""
            if not IDENT_RE.match(name):
                self.warn(
                    block.line, "bad-member-line", f"{method}(): expected '- `name`: type', got {block.text[:80]!r}"
                )
                continue
            required = _required(block.text)
            member = self.member(block, f"{method}()")
            annotation = member.type if member is not None else None
            params.setdefault(name, ExtraParam(name=name, default=None if required else "...", annotation=annotation))
        return tuple(params.values())

    def _output(self, method: str, returns: str | None, line: int) -> StructRef | MapType | None:
        if returns is None:
            return None
        text = " ".join(returns.split())
        if text in ("None", ""):
            return None
        if text in ("EmptyResponseMetadataTypeDef",):
            return None
        mtype = self.annotation(text, line, f"{method}() return type")
        if isinstance(mtype, StructRef | MapType):
            return mtype
        self.warn(
            line,
            "untyped-output",
            f"{method}() returns {text!r}, not a TypedDict; recorded without an output",
            Level.INFO,
        )
        return None

    # -- type_defs.md --------------------------------------------------------
    def _type_defs_page(self, service: Service, blocks: list[_Block]) -> Service:
        structs: dict[str, StructShape] = {}
        for head, body in _sections(blocks, 2):
            name = _strip_suffix(head.text, "TypeDef")
            if name is None or not IDENT_RE.match(head.text):
                self.warn(head.line, "unexpected-section", f"section {head.text[:80]!r} is not a ...TypeDef")
                continue
            members: list[Member] = []
            mode: bool | None = None
            pending: list[tuple[_Block, bool]] = []
            for block in body:
                if block.kind == "para":
                    text = block.text.strip()
                    if text == "Required fields:":
                        mode = True
                    elif text == "Optional fields:":
                        mode = False
                    else:
                        mode = None
                elif block.kind == "item":
                    if mode is None:
                        self.warn(
                            block.line,
                            "unexpected-line",
                            f"{head.text}: field outside 'Required fields:'/'Optional fields:'",
                        )
                        continue
                    pending.append((block, mode))
            seen: set[str] = set()
            is_response = False
            for block, required in pending:
                member = self.member(block, head.text)
                if member is None:
                    continue
                if member.name in seen:
                    self.warn(
                        block.line,
                        "duplicate-member",
                        f"{head.text}: field {member.name!r} is listed twice; the first wins",
                    )
                    continue
                seen.add(member.name)
                if member.name == "ResponseMetadata":
                    is_response = True
                    continue  # the renderer adds it to responses
                members.append(replace(member, required=required))
            if is_response:
                # an operation's response: these builders marked every key
                # required, known wrong; the keys responses leave out follow
                # the policy of generator/response_keys.py
                op = name.removesuffix("Output").removesuffix("Response")
                members = [replace(m, required=m.required and top_level_required(service.client_id, op, m.name)) for m in members]
            if name in RESERVED_STRUCTS:
                continue
            if name in structs:
                self.warn(
                    head.line,
                    "duplicate-struct",
                    f"{head.text} is defined again (first at line {structs[name].span.line}); the first wins",
                )
                continue
            structs[name] = StructShape(name=name, members=tuple(members), span=self.span(head.line))
        return replace(service, structs=tuple(structs.values()))

    # -- literals.md ---------------------------------------------------------
    def _literals_page(self, service: Service, blocks: list[_Block]) -> Service:
        enums: dict[str, EnumShape] = {}
        skipped: list[str] = []
        for head, body in _sections(blocks, 2):
            literal = head.text.strip()
            name = _strip_suffix(literal, "Type")
            if not IDENT_RE.match(literal):
                self.warn(head.line, "unexpected-section", f"section {literal[:80]!r} is not a literal name")
                continue
            if name is None:
                skipped.append(literal)  # ServiceName, PaginatorName, ...: the builder's own
                continue
            values: list[str] = []
            in_values = False
            for block in body:
                if block.kind == "para":
                    in_values = block.text.strip() == "Values:"
                elif block.kind == "fence":
                    values.extend(self._fence_literal(block, literal))
                elif block.kind == "item":
                    code = [c for c in block.children if c.type == "code_inline"]
                    if not in_values or len(code) != 1:
                        self.warn(
                            block.line, "bad-literal-line", f"{literal}: expected '- `value`', got {block.text[:80]!r}"
                        )
                        continue
                    values.append(code[0].content)
            if name in enums:
                self.warn(
                    head.line,
                    "duplicate-enum",
                    f"{literal} is defined again (first at line {enums[name].span.line}); the first wins",
                )
                continue
            if not values:
                self.warn(head.line, "empty-literal", f"{literal} lists no values")
            enums[name] = EnumShape(name=name, values=tuple(dict.fromkeys(values)), span=self.span(head.line))
        if skipped:
            self.warn(1, "builder-literal", f"skipped the builder's own literals: {', '.join(skipped)}", Level.INFO)
        return replace(service, enums=tuple(enums.values()))

    def _fence_literal(self, block: _Block, literal: str) -> list[str]:
        """``XType = Literal["a", "b"]`` in a code block."""
        for raw in block.text.split("\n"):
            if "=" not in raw or "Literal[" not in raw:
                continue
            left, _, right = raw.partition("=")
            if left.strip() != literal:
                continue
            try:
                return list(parse_literal_values(right.strip()))
            except AnnotationError as exc:
                self.warn(block.line, "bad-literal-line", f"{literal}: {exc}")
        return []

    # -- paginators.md / waiters.md -----------------------------------------
    def _class_section(self, head: _Block, body: list[_Block], suffix: str, verb: str) -> _ClassSection:
        """One ``## XPaginator`` / ``## XWaiter`` section."""
        cls = head.text.strip()
        name = _strip_suffix(cls, suffix) or cls
        key = ""
        request: str | None = None
        args: list[_Block] = []
        args_line = 0
        in_args = False
        returns: str | None = None
        returns_line = 0
        for block in body:
            if block.kind == "para":
                text = " ".join(block.text.split())
                gm = GETTER_RE.search(text)
                if gm and not key and text.startswith("Type annotations for"):
                    key = gm.group(2)
                mm = MAPPING_RE.match(text)
                rm = PAGINATE_RETURNS_RE.match(text)
                if mm:
                    request = mm.group(1)
                    in_args = False
                elif CLASS_ARGS_RE.match(text) or text in ("Keyword-only arguments:", "Arguments:"):
                    in_args = True
                    args_line = block.line
                elif rm:
                    returns, returns_line = rm.group("type"), block.line
                    in_args = False
                else:
                    in_args = False
            elif block.kind == "item":
                if in_args:
                    args.append(block)
                else:
                    self.warn(
                        block.line,
                        "unexpected-line",
                        f"{cls}: list item outside the argument list: {block.text[:80]!r}",
                        Level.INFO,
                    )
        if not key:
            gm = GETTER_RE.search(" ".join(b.text for b in body if b.kind == "fence"))
            key = gm.group(2) if gm else ""
        if not key:
            self.warn(head.line, "no-key", f'{cls}: no get_{verb}("...") names it; using the class name in snake case')
            key = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
        shape: StructShape | None = None
        ref: StructRef | None = None
        if request or args:
            struct_name = (
                (_strip_suffix(request, "TypeDef") or request)
                if request
                else f"{name}Request{'Paginate' if verb == 'paginator' else 'Wait'}"
            )
            ref = StructRef(struct_name)
            shape = StructShape(
                name=struct_name,
                members=tuple(
                    self.members(args, f"{cls}.{'paginate' if verb == 'paginator' else 'wait'}()", "duplicate-parameter")
                ),
                span=self.span(args_line or head.line),
            )
        return _ClassSection(name, key, ref, shape, returns, returns_line)

    def _paginators_page(self, service: Service, blocks: list[_Block]) -> Service:
        paginators: dict[str, Paginator] = {}
        structs: dict[str, StructShape] = {}
        for head, body in _sections(blocks, 2):
            if not head.text.endswith("Paginator") or not IDENT_RE.match(head.text):
                self.warn(head.line, "unexpected-section", f"section {head.text[:80]!r} is not a ...Paginator")
                continue
            sec = self._class_section(head, body, "Paginator", "paginator")
            output: StructRef | None = None
            if sec.returns is not None:
                output = self._page_type(head.text, sec.returns, sec.returns_line)
            else:
                self.warn(head.line, "no-return-type", f"{head.text}: the page does not say what paginate() returns")
            if sec.name in paginators:
                self.warn(head.line, "duplicate-paginator", f"{head.text} is documented again; the first wins")
                continue
            paginators[sec.name] = Paginator(
                name=sec.name, method_name=sec.key, input=sec.input, output=output, span=self.span(head.line)
            )
            if sec.shape is not None:
                structs.setdefault(sec.shape.name, sec.shape)
        return replace(service, paginators=tuple(paginators.values()), structs=tuple(structs.values()))

    def _page_type(self, cls: str, returns: str, line: int) -> StructRef | None:
        text = " ".join(returns.split())
        wm = WRAPPED_RE.match(text)
        if wm and wm.group(1) in ITERATORS:
            text = wm.group(2)
        mtype = self.annotation(text, line, f"{cls}.paginate() page type")
        if isinstance(mtype, StructRef):
            return mtype
        self.warn(
            line,
            "untyped-output",
            f"{cls}.paginate() yields {text!r}, not a TypedDict; recorded without an output",
            Level.INFO,
        )
        return None

    def _waiters_page(self, service: Service, blocks: list[_Block]) -> Service:
        waiters: dict[str, Waiter] = {}
        structs: dict[str, StructShape] = {}
        for head, body in _sections(blocks, 2):
            if not head.text.endswith("Waiter") or not IDENT_RE.match(head.text):
                self.warn(head.line, "unexpected-section", f"section {head.text[:80]!r} is not a ...Waiter")
                continue
            sec = self._class_section(head, body, "Waiter", "waiter")
            if sec.name in waiters:
                self.warn(head.line, "duplicate-waiter", f"{head.text} is documented again; the first wins")
                continue
            waiters[sec.name] = Waiter(name=sec.name, waiter_name=sec.key, input=sec.input, span=self.span(head.line))
            if sec.shape is not None:
                structs.setdefault(sec.shape.name, sec.shape)
        return replace(service, waiters=tuple(waiters.values()), structs=tuple(structs.values()))

    # -- README.md -----------------------------------------------------------
    def _readme_page(self, service: Service, blocks: list[_Block]) -> Service:
        for _head, body in _sections(blocks, 2):
            for sub, sub_body in _sections(body, 3):
                if sub.text == "Exceptions":
                    errors = self._errors(b for b in sub_body if b.kind == "item")
                    return replace(service, errors=tuple(errors))
        return service


def _required(text: str) -> bool:
    """Ends with ``(required)`` (a regex with a leading ``\\s*`` would
    backtrack quadratically over long runs of spaces)."""
    return text.rstrip().endswith("(required)")


def _code_name(token: Token) -> str:
    """The name in a leading code span (``my\\_key`` → ``my_key``); "" if
    the token is not a code span."""
    if token.type != "code_inline":
        return ""
    return ESCAPE_RE.sub(r"\1", token.content.strip())


def _signature(shape: StructShape) -> list[tuple[str, ModelType, bool]]:
    return [(m.name, m.type, m.required) for m in shape.members]


def read_markdown_old(path: str, text: str) -> tuple[Service, list[Diagnostic]]:
    """Read one page of the older mypy-boto3 markdown docs."""
    return _Reader(path, text).read()
