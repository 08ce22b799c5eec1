"""RefPage → model.Service.

The Request/Response Syntax blocks are Python-like literals, so they are
read with ``ast`` and give the *structure* (members, nesting, enum values,
scalar kinds). The Parameters / Response Structure lists walk the same tree
in pre-order and add what the syntax cannot show: ``[REQUIRED]`` and
descriptions. Entries are aligned to the tree by name, not indentation,
because copied text pages lose indentation.

Shapes are interned structurally (same members, same types, same required
flags → one shape) and named deterministically from where they first occur.
"""

from __future__ import annotations

import ast
import io
import itertools
import keyword
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..diagnostics import Diagnostic, DiagnosticError, Level
from ..model import (
    EnumRef,
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
    SourceSpan,
    StructRef,
    StructShape,
    UnionType,
    Waiter,
)
from ..naming import GENERIC_NAMES, class_name, is_identifier, is_method_name, pascal_from_snake, singular
from ..response_keys import top_level_required
from .pysource import parse_module
from .reference_page import Entry, RefMethod, RefPage, SyntaxBlock

#: hand-written client methods every client has; documented with explicit
#: signatures, rendered by the templates, not operations
BUILTIN_METHODS = frozenset({"can_paginate", "get_paginator", "get_waiter", "close", "generate_presigned_url"})
RECURSIVE_MARK = "... recursive ..."
MAX_DEPTH = 200
#: PaginationConfig/WaiterConfig structures get the names the published stubs use
CONFIG_NAMES = {"PaginationConfig": "PaginatorConfig", "WaiterConfig": "WaiterConfig"}

SCALAR_WORDS = {
    "string": ScalarKind.STRING,
    "integer": ScalarKind.INTEGER,
    "long": ScalarKind.INTEGER,
    "int": ScalarKind.INTEGER,
    "boolean": ScalarKind.BOOLEAN,
    "bool": ScalarKind.BOOLEAN,
    "float": ScalarKind.FLOAT,
    "double": ScalarKind.FLOAT,
    "datetime": ScalarKind.TIMESTAMP,
    "timestamp": ScalarKind.TIMESTAMP,
    "bytes": ScalarKind.BLOB,
    "blob": ScalarKind.BLOB,
}


# ---------------------------------------------------------------------------
# raw trees read from syntax blocks


@dataclass(slots=True, eq=False)
class Raw:
    kind: str  # struct | list | map | enum | scalar | recursive | document | eventstream | union
    line: int
    scalar: ScalarKind | None = None
    members: list[tuple[str, Raw]] = field(default_factory=list)
    item: Raw | None = None
    key: Raw | None = None
    values: tuple[str, ...] = ()
    #: the alternatives of a ``union`` (``'string' or {...}``)
    alts: list[Raw] = field(default_factory=list)
    required: bool = False
    required_known: bool = False
    doc: str = ""
    type_word: str = ""
    span: SourceSpan | None = None
    #: the shape name given to a structure once named (recursion targets it)
    name: str = ""


class _SyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _alternatives(node: ast.expr) -> list[ast.expr]:
    """``'A'|'B'|'C'`` → the three constants (left to right, without
    recursion: an enum may have thousands of values)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == ALT_CALL and not node.keywords:
        return [a for arg in node.args for a in _alternatives(arg)]
    out: list[ast.expr] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.BinOp) and isinstance(current.op, ast.BitOr):
            stack.append(current.right)
            stack.append(current.left)
        else:
            out.append(current)
    return out


#: what ``_flatten_alternatives`` wraps a long ``a|b|c`` run in
ALT_CALL = "stubwright_alternatives_"
_OPEN = {"(": ")", "[": "]", "{": "}"}
_SEPARATORS = frozenset({",", ":", "="})


def _flatten_alternatives(text: str) -> str | None:
    """``'A'|'B'|...`` runs → ``stubwright_alternatives_('A', 'B', ...)``.

    ``ast`` builds ``a|b|c`` as nested binary operations and gives up
    (RecursionError) after a few thousand; a call's arguments are a flat
    list. Works on tokens, so strings keep their ``|``; ``None`` when the
    text does not tokenize."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    # per bracket depth: index in ``out`` where the current run starts, and
    # whether it has a top-level '|'
    out: list[tokenize.TokenInfo | str] = []
    starts: list[list[int | bool]] = [[0, False]]

    def close_run() -> None:
        start, has_bar = starts[-1]
        if has_bar:
            out.insert(int(start), f"{ALT_CALL}(")
            out.append(")")

    for tok in tokens:
        if tok.type == tokenize.OP and tok.string in _OPEN:
            out.append(tok)
            starts.append([len(out), False])
        elif tok.type == tokenize.OP and tok.string in (")", "]", "}"):
            close_run()
            if len(starts) > 1:
                starts.pop()
            out.append(tok)
        elif (tok.type == tokenize.OP and tok.string in _SEPARATORS) or tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            close_run()
            out.append(tok)
            starts[-1] = [len(out), False]
        elif tok.type == tokenize.OP and tok.string == "|":
            starts[-1][1] = True
            out.append(",")
        else:
            out.append(tok)
    parts = []
    for t in out:
        if isinstance(t, str):
            parts.append(t)
        elif t.type in (tokenize.NL, tokenize.NEWLINE):
            parts.append("\n")  # keeps the line numbers
        elif t.type != tokenize.COMMENT:
            parts.append(t.string)
    return " ".join(parts)


def _is_alt(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == ALT_CALL


def _raw(node: ast.expr, depth: int = 0, notes: list[tuple[int, str, str]] | None = None) -> Raw:
    """The raw tree of a syntax-block value. ``notes`` collects what is odd
    but readable (``(line, code, message)``, lines relative to the block)."""
    if notes is None:
        notes = []
    if depth > MAX_DEPTH:
        raise _SyntaxError(node.lineno, f"nesting deeper than {MAX_DEPTH} levels")
    line = node.lineno
    alts = _alternatives(node)
    if len(alts) > 1:
        if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in alts):
            values = tuple(dict.fromkeys(a.value for a in alts if isinstance(a, ast.Constant) and isinstance(a.value, str)))
            return Raw("enum", line, values=values)
        if all(isinstance(a, ast.Constant) and isinstance(a.value, bool) for a in alts):
            return Raw("scalar", line, scalar=ScalarKind.BOOLEAN)
        if any(isinstance(a, ast.Constant) and isinstance(a.value, bytes) for a in alts):
            return Raw("scalar", line, scalar=ScalarKind.BLOB)  # b'bytes'|file
        return Raw("document", line, scalar=ScalarKind.DOCUMENT)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        # ``'string' or {'Bucket': 'string', ...}``: botocore's hand-written
        # syntax for a parameter that takes either form (s3 ``CopySource``)
        return Raw("union", line, alts=[_raw(v, depth + 1, notes) for v in node.values])
    if isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            return Raw("scalar", line, scalar=ScalarKind.BOOLEAN)
        if isinstance(value, int):
            return Raw("scalar", line, scalar=ScalarKind.INTEGER)
        if isinstance(value, float):
            return Raw("scalar", line, scalar=ScalarKind.FLOAT)
        if isinstance(value, bytes):
            return Raw("scalar", line, scalar=ScalarKind.BLOB)
        if isinstance(value, str):
            if value == "string":
                return Raw("scalar", line, scalar=ScalarKind.STRING)
            return Raw("enum", line, values=(value,))
        if value is None or value is Ellipsis:
            return Raw("scalar", line, scalar=ScalarKind.ANY)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "datetime":
            return Raw("scalar", line, scalar=ScalarKind.TIMESTAMP)
        if node.func.id == "StreamingBody":
            return Raw("scalar", line, scalar=ScalarKind.STREAMING)
        if node.func.id == "EventStream" and node.args:
            inner = _raw(node.args[0], depth + 1, notes)
            inner.kind = "eventstream" if inner.kind == "struct" else inner.kind
            return inner
    if isinstance(node, ast.Set) and len(node.elts) == 1:
        elt = node.elts[0]
        if isinstance(elt, ast.Constant) and elt.value == RECURSIVE_MARK:
            return Raw("recursive", line)
        if isinstance(elt, ast.Constant) and elt.value is Ellipsis:
            return Raw("document", line, scalar=ScalarKind.DOCUMENT)
    if isinstance(node, ast.List):
        if not node.elts:
            return Raw("list", line, item=Raw("scalar", line, scalar=ScalarKind.ANY))
        return Raw("list", line, item=_raw(node.elts[0], depth + 1, notes))
    if isinstance(node, ast.Dict):
        keys = node.keys
        if len(keys) == 1 and keys[0] is not None:
            k = keys[0]
            if (isinstance(k, ast.Constant) and k.value == "string") or isinstance(k, ast.BinOp) or _is_alt(k):
                key = _raw(k, depth + 1, notes)
                return Raw("map", line, key=key, item=_raw(node.values[0], depth + 1, notes))
        raw = Raw("struct", line)
        seen: set[str] = set()
        for key_node, v in zip(keys, node.values, strict=True):
            if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
                raise _SyntaxError(getattr(key_node, "lineno", line), "structure key is not a string")
            if key_node.value in seen:
                notes.append((key_node.lineno, "duplicate-member", f"key {key_node.value!r} is listed twice; the first one is kept"))
                continue
            seen.add(key_node.value)
            raw.members.append((key_node.value, _raw(v, depth + 1, notes)))
        return raw
    raise _SyntaxError(line, f"unrecognised value {ast.unparse(node)[:60]!r}")


#: SyntaxError messages that mean the block ends before its brackets close
_TRUNCATED_MESSAGES = ("was never closed", "unexpected EOF", "unterminated triple-quoted")
KEY_PLACEHOLDER = "stubwright_key_"


def _syntax_diagnostic(exc: SyntaxError, block: SyntaxBlock, source: str) -> Diagnostic:
    line = block.span.line + (exc.lineno or 1) - 1
    span = SourceSpan(block.span.path, line)
    message = exc.msg or "invalid syntax"
    last = len(source.rstrip().split("\n"))
    if "too many nested" in message:
        return Diagnostic(span, Level.ERROR, "too-deep", f"code block nests too deeply ({message})")
    if any(m in message for m in _TRUNCATED_MESSAGES) or (message.startswith("unterminated string") and (exc.lineno or 1) >= last):
        return Diagnostic(
            span, Level.ERROR, "truncated-syntax", f"code block ends before it is complete ({message}); the page looks truncated"
        )
    return Diagnostic(span, Level.ERROR, "bad-syntax-block", f"code block is not readable: {message}")


def _repair_keywords(source: str) -> tuple[str, dict[str, str]]:
    """``client.op(from='string')`` → ``client.op(stubwright_key_0='string')``:
    a parameter named like a Python keyword, read under a placeholder."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source, {}
    lines = source.split("\n")
    keys: dict[str, str] = {}
    edits: list[tuple[int, int, int, str]] = []
    for tok, nxt in itertools.pairwise(tokens):
        if tok.type == tokenize.NAME and keyword.iskeyword(tok.string) and nxt.type == tokenize.OP and nxt.string == "=":
            placeholder = f"{KEY_PLACEHOLDER}{len(keys)}"
            keys[placeholder] = tok.string
            edits.append((tok.start[0] - 1, tok.start[1], tok.end[1], placeholder))
    for row, start, end, text in reversed(edits):
        lines[row] = lines[row][:start] + text + lines[row][end:]
    return "\n".join(lines), keys


def _parse_source(block: SyntaxBlock) -> tuple[ast.Module, dict[str, str]]:
    """The block's statement; a parameter named like a keyword and a run of
    thousands of alternatives are read too (see the two helpers above)."""
    source = block.text.strip("\n")
    try:
        return parse_module(source), {}
    except RecursionError:
        flat = _flatten_alternatives(source)
        if flat is not None:
            try:
                return parse_module(flat), {}
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                pass
        raise DiagnosticError(Diagnostic(block.span, Level.ERROR, "too-deep", "code block nests too deeply")) from None
    except SyntaxError as exc:
        repaired, keys = _repair_keywords(source)
        if keys:
            try:
                return parse_module(repaired), keys
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                pass
        raise DiagnosticError(_syntax_diagnostic(exc, block, source)) from None
    except (ValueError, MemoryError) as exc:  # NUL characters
        raise DiagnosticError(
            Diagnostic(block.span, Level.ERROR, "bad-syntax-block", f"code block is not readable: {exc}")
        ) from None


class NotShown(Exception):
    """A syntax block that is only comments: the page does not show this
    structure (botocore writes ``# This section is too large to render.``
    in place of a huge one)."""


def _only_comments(text: str) -> bool:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    ignorable = (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER)
    return any(t.type == tokenize.COMMENT for t in tokens) and all(t.type in ignorable for t in tokens)


def _parse_block(block: SyntaxBlock, kind: str) -> tuple[Raw, list[Diagnostic]]:
    """Parse a Request Syntax (``kind='call'``) or Response Syntax block:
    its raw tree and the warnings about it. ``NotShown`` for a block of
    comments only."""
    tree, placeholders = _parse_source(block)
    if not tree.body and _only_comments(block.text):
        raise NotShown
    if len(tree.body) != 1:
        raise DiagnosticError(Diagnostic(block.span, Level.ERROR, "bad-syntax-block", "expected one statement in the code block"))
    stmt = tree.body[0]
    value = stmt.value if isinstance(stmt, (ast.Assign, ast.Expr)) else None
    notes: list[tuple[int, str, str]] = []
    try:
        if kind == "call":
            if not isinstance(value, ast.Call):
                raise _SyntaxError(1, "Request Syntax is not a call")
            raw = Raw("struct", 1)
            seen: set[str] = set()
            for kw in value.keywords:
                if kw.arg is None:
                    raise _SyntaxError(kw.value.lineno, "'**' in Request Syntax")
                name = placeholders.get(kw.arg, kw.arg)
                if name in seen:
                    notes.append((kw.lineno, "duplicate-parameter", f"parameter {name!r} is listed twice; the first one is kept"))
                    continue
                seen.add(name)
                raw.members.append((name, _raw(kw.value, 0, notes)))
        else:
            if value is None:
                raise _SyntaxError(1, "Response Syntax is not an expression")
            raw = _raw(value, 0, notes)
    except _SyntaxError as exc:
        span = SourceSpan(block.span.path, block.span.line + exc.line - 1)
        raise DiagnosticError(Diagnostic(span, Level.ERROR, "bad-syntax-block", str(exc))) from None
    except RecursionError:
        raise DiagnosticError(Diagnostic(block.span, Level.ERROR, "too-deep", "code block nests too deeply")) from None
    diags = [
        Diagnostic(SourceSpan(block.span.path, block.span.line + line - 1), Level.WARNING, code, message)
        for line, code, message in notes
    ]
    return raw, diags


# ---------------------------------------------------------------------------
# aligning Parameters / Response Structure entries to a raw tree


#: the ``(type)`` words of entries (botocore.docs.utils.py_type_name and the
#: hand-written methods' spellings), lower case; "X or Y" is two words
TYPE_WORDS = frozenset(
    {
        "string", "str", "character", "integer", "int", "long", "float", "double", "boolean", "bool",
        "datetime", "timestamp", "bytes", "blob", "dict", "list", "map", "structure", "document",
        "streamingbody", "botocore.response.streamingbody", "eventstream", "seekable file-like object",
        "file-like object", "object", "none", "function", "callable", "set", "tuple",
    }
)


def known_type_word(word: str) -> bool:
    parts = [p.strip().lower() for p in word.replace(" or ", "|").split("|")]
    return all(p in TYPE_WORDS for p in parts)


#: botocore's note on a parameter it fills in itself (and leaves out of the
#: Request Syntax): s3 ``SSECustomerKeyMD5``
AUTO_POPULATED = "this parameter is automatically populated if it is not provided"


class _Aligner:
    def __init__(self, entries: Sequence[Entry], diagnostics: list[Diagnostic], where: str, duplicate_code: str) -> None:
        self.entries = entries
        self.pos = 0
        self.diagnostics = diagnostics
        self.where = where
        self.duplicate_code = duplicate_code
        #: per open structure level: the names taken so far (a stray of one
        #: of them is that entry listed twice, not a contradiction) and the
        #: names still to come
        self.levels: list[tuple[set[str], set[str]]] = [(set(), set())]

    def _take(self, raw: Raw, entry: Entry, *, with_required: bool) -> None:
        if entry.type_word and not known_type_word(entry.type_word):
            label = entry.name or "item"
            self.diagnostics.append(
                Diagnostic(
                    entry.span,
                    Level.WARNING,
                    "unknown-type-word",
                    f"{self.where}: {label!r} has type word {entry.type_word[:40]!r}; the syntax block decides its type",
                )
            )
        raw.doc = entry.doc
        raw.span = entry.span
        raw.type_word = entry.type_word
        if with_required:
            raw.required = entry.required
            raw.required_known = True

    def _find(self, name: str) -> Entry | None:
        # the next entry should carry the name; a few stray entries before
        # it are reported and skipped
        for k in range(self.pos, min(self.pos + 4, len(self.entries))):
            if self.entries[k].name == name:
                for stray in self.entries[self.pos : k]:
                    self._stray(stray)
                self.pos = k + 1
                return self.entries[k]
        return None

    def _stray(self, entry: Entry) -> None:
        label = entry.name or f"({entry.type_word})"
        if entry.name and entry.name in self.levels[-1][0]:
            self.diagnostics.append(
                Diagnostic(
                    entry.span,
                    Level.WARNING,
                    self.duplicate_code,
                    f"{self.where}: {label!r} is listed twice; the first one is kept",
                )
            )
            return
        if AUTO_POPULATED in entry.doc:
            # botocore leaves a parameter it fills in itself out of the
            # Request Syntax and says so in the entry: nothing contradicts
            self.diagnostics.append(
                Diagnostic(
                    entry.span,
                    Level.INFO,
                    "auto-populated-parameter",
                    f"{self.where}: {label!r} is filled in by botocore and not in the syntax block; left out",
                )
            )
            return
        self.diagnostics.append(
            Diagnostic(
                entry.span,
                Level.WARNING,
                "structure-contradicts-syntax",
                f"{self.where}: entry {label!r} has no place in the syntax block",
            )
        )

    def _anonymous(self) -> Entry | None:
        if self.pos < len(self.entries) and not self.entries[self.pos].name:
            self.pos += 1
            return self.entries[self.pos - 1]
        return None

    def walk_members(self, raw: Raw, with_required: bool) -> None:
        taken, remaining = self.levels[-1]
        remaining.update(name for name, _ in raw.members)
        for name, child in raw.members:
            remaining.discard(name)
            entry = self._find(name)
            if entry is not None:
                self._take(child, entry, with_required=with_required)
                taken.add(name)
            self.levels.append((set(), set()))
            try:
                self.walk(child, with_required)
                self._trailing_duplicates()
            finally:
                self.levels.pop()

    def _trailing_duplicates(self) -> None:
        """Entries after a nested structure's last member that repeat one of
        its members (and no enclosing structure expects): listed twice."""
        taken, _ = self.levels[-1]
        while self.pos < len(self.entries):
            name = self.entries[self.pos].name
            if not name or name not in taken or any(name in rem for _, rem in self.levels[:-1]):
                return
            self._stray(self.entries[self.pos])
            self.pos += 1

    def walk(self, raw: Raw, with_required: bool) -> None:
        if raw.kind in ("struct", "eventstream"):
            self.walk_members(raw, with_required)
        elif raw.kind == "list" and raw.item is not None:
            entry = self._anonymous()
            if entry is not None:
                self._take(raw.item, entry, with_required=False)
            self.walk(raw.item, with_required)
        elif raw.kind == "map" and raw.item is not None:
            self._anonymous()
            entry = self._anonymous()
            if entry is not None:
                self._take(raw.item, entry, with_required=False)
            self.walk(raw.item, with_required)
        # a union (``'string' or {...}``) has no nested entries: botocore
        # documents it by hand, in the entry's text

    def finish(self) -> None:
        for entry in self.entries[self.pos :]:
            self._stray(entry)


# ---------------------------------------------------------------------------
# naming and interning


def _skey(raw: Raw, stack: list[Raw], loose: bool) -> object:
    """A structural key: equal keys mean the same shape."""
    if raw.kind == "scalar" or raw.kind == "document":
        return ("s", raw.scalar)
    if raw.kind == "enum":
        return ("e", tuple(sorted(raw.values)))
    if raw.kind == "list":
        assert raw.item is not None
        return ("l", _skey(raw.item, stack, loose))
    if raw.kind == "map":
        assert raw.item is not None and raw.key is not None
        return ("m", _skey(raw.key, stack, loose), _skey(raw.item, stack, loose))
    if raw.kind == "recursive":
        target = _recursion_target(raw, stack)
        return ("r", len(stack) - stack.index(target) if target is not None else 0, _marks_a_list(raw))
    if raw.kind == "union":
        return ("u", tuple(_skey(alt, stack, loose) for alt in raw.alts))
    stack.append(raw)
    try:
        members = tuple(
            (name, _skey(child, stack, loose), False if loose else child.required)
            for name, child in raw.members
        )
    finally:
        stack.pop()
    return (raw.kind, members)


_TOP_SUFFIX_RE = re.compile(r"(Request|Response)(Paginate|Wait|Paginator)?$")


def _rename(t: ModelType, renames: dict[str, str]) -> ModelType:
    if isinstance(t, EnumRef):
        return EnumRef(renames.get(t.name, t.name))
    if isinstance(t, ListType):
        return ListType(_rename(t.item, renames))
    if isinstance(t, MapType):
        return MapType(_rename(t.key, renames), _rename(t.value, renames))
    if isinstance(t, UnionType):
        return UnionType(tuple(_rename(m, renames) for m in t.members))
    return t


def _reached_as(stack: list[Raw], i: int) -> tuple[list[str], bool]:
    """The member names under which ``stack[i]`` sits in ``stack[i - 1]``
    (a list's key also by its singular and without ``List``: ``TableList``
    → ``Table``), and whether it is a list's item."""
    if i == 0:
        return [], False
    node = stack[i]
    for key, child in stack[i - 1].members:
        if child is node:
            return [key], False
        inner, through_list = child, False
        while inner.kind in ("list", "map") and inner.item is not None:
            through_list = through_list or inner.kind == "list"
            inner = inner.item
        if inner is node:
            return [key, singular(key), key.removesuffix("List")], through_list
    return [], False


def _marks_a_list(raw: Raw) -> bool:
    """A recursion marker whose entry says ``(list)``: it stands for a
    whole list of the structure, not for one."""
    return raw.type_word.strip().lower() == "list"


def _recursion_target(raw: Raw, stack: list[Raw]) -> Raw | None:
    """The enclosing structure botocore's ``{'... recursive ...'}`` stands for.

    The marker does not say which one. Its entry may: a ``(list)`` entry
    stands for a whole list, so for the nearest enclosing structure that is
    a list's item (logs ``LogFieldType.fields`` is the ``logFields`` list),
    and a description naming an enclosing structure ("A Table object
    representing the requested changes", glue ``StatusDetails``) names it.
    Otherwise, the nearest enclosing structure."""
    structs = [i for i, node in enumerate(stack) if node.kind == "struct"]
    if not structs:
        return None
    if _marks_a_list(raw):
        items = [i for i in structs if _reached_as(stack, i)[1]]
        return stack[items[-1]] if items else None
    doc = raw.doc[:400]
    if doc:
        for i in reversed(structs):
            names, _ = _reached_as(stack, i)
            if any(re.search(rf"\b{re.escape(n)}\s+(?:object|structure)\b", doc) for n in names if n):
                return stack[i]
    return stack[structs[-1]]


class _Namer:
    """Hands out unique names; the first claimant of a name keeps it."""

    def __init__(self, reserved: Sequence[str]) -> None:
        self.used: set[str] = set(reserved)
        #: the next number to try after a base name (linear, not quadratic,
        #: when thousands of shapes want the same name)
        self.next_number: dict[str, int] = {}

    def claim(self, candidates: Sequence[str]) -> str:
        for cand in candidates:
            if cand and cand not in self.used:
                self.used.add(cand)
                return cand
        base = candidates[-1] if candidates else "Shape"
        n = self.next_number.get(base, 2)
        while f"{base}{n}" in self.used:
            n += 1
        self.next_number[base] = n + 1
        self.used.add(f"{base}{n}")
        return f"{base}{n}"


@dataclass(slots=True)
class _Context:
    member: str  # the member (or synthesised) name this shape sits under
    parent: str  # the name of the enclosing structure


class ShapeBuilder:
    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        self.structs: dict[str, StructShape] = {}
        self.struct_names: dict[object, str] = {}
        self.loose_names: dict[object, str] = {}
        self.enum_names: dict[tuple[str, ...], str] = {}
        self.enum_values: dict[tuple[str, ...], tuple[tuple[str, ...], SourceSpan]] = {}
        self.enum_contexts: dict[tuple[str, ...], list[tuple[_Context, bool]]] = {}
        self.top_names: set[str] = set()
        self.struct_namer = _Namer(["ResponseMetadata", "EmptyResponseMetadata"])
        self.enum_namer = _Namer([])
        self.path = ""
        self.client_id = ""

    # -- entry points -------------------------------------------------
    def top_struct(self, raw: Raw, name: str, *, output: bool, operation: str = "") -> StructRef:
        """An operation's request or response: never merged with others.
        ``operation`` (the API name) decides a response's required keys."""
        final = self.struct_namer.claim([name])
        self.top_names.add(final)
        members = self._members(raw, final, [raw], output=output, top=True, operation=operation)
        self.structs[final] = StructShape(name=final, members=members, span=self._span(raw))
        return StructRef(final)

    # -- internals ------------------------------------------------------
    def _span(self, raw: Raw) -> SourceSpan:
        return raw.span or SourceSpan(self.path, raw.line)

    def _members(
        self, raw: Raw, owner: str, stack: list[Raw], *, output: bool, top: bool = False, operation: str = ""
    ) -> tuple[Member, ...]:
        members = []
        for name, child in raw.members:
            required = child.required
            if output:
                # reference pages never mark response keys: the policy of
                # generator/response_keys.py at the top, NotRequired below
                required = top and top_level_required(self.client_id, operation, name)
            members.append(
                Member(
                    name=name,
                    type=self._type(
                        child,
                        _Context(CONFIG_NAMES.get(name, name) if top else name, owner),
                        stack,
                        output=output,
                    ),
                    required=required,
                    doc=child.doc,
                    span=self._span(child),
                )
            )
        return tuple(members)

    def _type(self, raw: Raw, ctx: _Context, stack: list[Raw], *, output: bool) -> ModelType:
        if raw.kind in ("scalar", "document"):
            kind = raw.scalar or ScalarKind.ANY
            word = raw.type_word.lower()
            # the entry's type word is more precise than 'string' and than
            # botocore's bare ``...`` (some float members print as that)
            if kind in (ScalarKind.STRING, ScalarKind.ANY) and word in SCALAR_WORDS:
                kind = SCALAR_WORDS[word]
            if "streamingbody" in word.replace(" ", ""):
                kind = ScalarKind.STREAMING
            return ScalarType(kind)
        if raw.kind == "enum":
            return self._enum(raw, ctx)
        if raw.kind == "list":
            assert raw.item is not None
            return ListType(self._type(raw.item, _Context(singular(ctx.member), ctx.parent), stack, output=output))
        if raw.kind == "map":
            assert raw.item is not None and raw.key is not None
            return MapType(
                self._type(raw.key, _Context(ctx.member + "Key", ctx.parent), stack, output=output),
                self._type(raw.item, _Context(ctx.member + "Value", ctx.parent), stack, output=output),
            )
        if raw.kind == "union":
            return self._union(raw, ctx, stack, output=output)
        if raw.kind == "eventstream":
            return EventStreamType(self._struct(raw, ctx, stack, output=output))
        if raw.kind == "recursive":
            target = _recursion_target(raw, stack)
            if target is None or not target.name:
                self.diagnostics.append(Diagnostic(self._span(raw), Level.WARNING, "unresolved-recursion", "recursive structure without an enclosing structure; typed as Any"))
                return ScalarType(ScalarKind.ANY)
            ref = StructRef(target.name)
            return ListType(ref) if _marks_a_list(raw) else ref
        return self._struct(raw, ctx, stack, output=output)

    def _union(self, raw: Raw, ctx: _Context, stack: list[Raw], *, output: bool) -> ModelType:
        """``'string' or {...}``: either form; each alternative typed as
        usual (the structure named after the member)."""
        members: list[ModelType] = []
        for alt in raw.alts:
            t = self._type(alt, ctx, stack, output=output)
            for m in t.members if isinstance(t, UnionType) else (t,):
                if m not in members:
                    members.append(m)
        return members[0] if len(members) == 1 else UnionType(tuple(members))

    def _enum(self, raw: Raw, ctx: _Context) -> EnumRef:
        # named once every occurrence is known (see finish): the first
        # occurrence inside a named structure gives the most telling name
        key = tuple(sorted(raw.values))
        if key not in self.enum_names:
            self.enum_names[key] = f"\0enum{len(self.enum_names)}"
            self.enum_values[key] = (raw.values, self._span(raw))
        self.enum_contexts.setdefault(key, []).append((ctx, ctx.parent in self.top_names))
        return EnumRef(self.enum_names[key])

    def finish(self) -> tuple[tuple[StructShape, ...], tuple[EnumShape, ...]]:
        """Name the enums and return the shapes, in first-occurrence order."""
        renames: dict[str, str] = {}
        enums: list[EnumShape] = []
        for key, temp in self.enum_names.items():
            contexts = self.enum_contexts[key]
            ctx, _ = next((c for c in contexts if not c[1]), contexts[0])
            member = class_name(ctx.member)
            parent = _TOP_SUFFIX_RE.sub("", ctx.parent)
            candidates = [parent + member] if member in GENERIC_NAMES else [member, parent + member]
            name = self.enum_namer.claim(candidates)
            renames[temp] = name
            values, span = self.enum_values[key]
            enums.append(EnumShape(name=name, values=values, span=span))
        structs = tuple(
            replace(shape, members=tuple(replace(m, type=_rename(m.type, renames)) for m in shape.members))
            for shape in self.structs.values()
        )
        return structs, tuple(enums)

    def _struct(self, raw: Raw, ctx: _Context, stack: list[Raw], *, output: bool) -> StructRef:
        strict_key = _skey(raw, stack, loose=False)
        loose_key = _skey(raw, stack, loose=True)
        if output and loose_key in self.loose_names:
            return StructRef(self.loose_names[loose_key])
        if not output and strict_key in self.struct_names:
            return StructRef(self.struct_names[strict_key])
        member = class_name(ctx.member)
        parent = _TOP_SUFFIX_RE.sub("", ctx.parent)
        candidates = [parent + member] if member in GENERIC_NAMES else [member, parent + member]
        name = self.struct_namer.claim(candidates)
        raw.name = name
        if output:
            self.loose_names[loose_key] = name
        else:
            self.struct_names[strict_key] = name
            self.loose_names.setdefault(loose_key, name)
        stack.append(raw)
        try:
            members = self._members(raw, name, stack, output=output)
        finally:
            stack.pop()
        self.structs[name] = StructShape(name=name, members=members, doc=raw.doc, span=self._span(raw))
        return StructRef(name)


# ---------------------------------------------------------------------------
# the page


WAITER_OP_RE = re.compile(r"Client\.([a-z_][a-z0-9_]*)\(\)")


def _explicit_params(signature: str) -> tuple[ExtraParam, ...] | None:
    """``ClientMethod, Params=None, ExpiresIn=3600`` → params; ``**kwargs`` → None."""
    if signature.strip() in ("**kwargs", ""):
        return None  # an operation (``op()`` when it takes no parameters)
    try:
        node = parse_module(f"def f({signature}): pass").body[0]
    except SyntaxError:
        return None
    assert isinstance(node, ast.FunctionDef)
    args = node.args
    params: list[ExtraParam] = []
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for arg, default in zip(positional, defaults, strict=True):
        params.append(ExtraParam(name=arg.arg, default=_simple_default(default)))
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        params.append(ExtraParam(name=arg.arg, default=_simple_default(kw_default)))
    return tuple(p for p in params if is_identifier(p.name))


def _simple_default(node: ast.expr | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, bool)) and not isinstance(node.value, bool):
        return repr(node.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return repr(node.value)
    return "..."


class PageBuilder:
    def __init__(self, page: RefPage) -> None:
        self.page = page
        self.diagnostics: list[Diagnostic] = []
        self.shapes = ShapeBuilder(self.diagnostics)
        self.shapes.path = page.path
        self.shapes.client_id = page.client_id

    def _raw(self, block: SyntaxBlock | None, kind: str) -> Raw | None:
        """``NotShown`` passes through: what it means depends on the side."""
        if block is None:
            return None
        try:
            raw, notes = _parse_block(block, kind)
        except DiagnosticError as exc:
            self.diagnostics.append(exc.diagnostic)
            return None
        self.diagnostics.extend(notes)
        return raw

    def _not_shown(self, method: RefMethod, block: SyntaxBlock, what: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                block.span,
                Level.WARNING,
                "syntax-not-shown",
                f"{method.name}: the page does not show the {what} (its syntax block is only a comment, "
                "such as botocore's 'This section is too large to render')"
                + ("; the method is left out" if what == "request" else "; typed as an unknown response (dict[str, Any])"),
            )
        )

    def _request(self, method: RefMethod, name: str) -> StructRef | None:
        try:
            raw = self._raw(method.request, "call")
        except NotShown:
            assert method.request is not None
            self._not_shown(method, method.request, "request")
            raise
        if raw is None:
            if method.request is None and method.params:
                self.diagnostics.append(Diagnostic(method.span, Level.WARNING, "missing-syntax", f"{method.name}: Parameters listed but no Request Syntax block; parameters ignored"))
            return None
        aligner = _Aligner(method.params, self.diagnostics, f"{method.name} parameters", "duplicate-parameter")
        aligner.walk(raw, with_required=True)
        aligner.finish()
        if not raw.members:
            return None
        return self.shapes.top_struct(raw, name, output=False)

    def _response(self, method: RefMethod, name: str, operation: str) -> StructRef | None:
        if method.returns_none:
            return None
        try:
            raw = self._raw(method.response, "value")
        except NotShown:
            assert method.response is not None
            self._not_shown(method, method.response, "response")
            # no members: rendered as an unknown response, ``dict[str, Any]``
            return self.shapes.top_struct(Raw("struct", 1, span=method.response.span), name, output=True, operation=operation)
        if raw is None:
            if method.response is None and method.return_type.strip() == "dict":
                self.diagnostics.append(
                    Diagnostic(method.span, Level.WARNING, "missing-response", f"{method.name}: returns dict but the page has no Response Syntax; typed as an empty response")
                )
            return None
        if raw.kind != "struct":
            self.diagnostics.append(Diagnostic(method.response.span if method.response else method.span, Level.WARNING, "bad-response", f"{method.name}: Response Syntax is not a structure; ignored"))
            return None
        entries = list(method.response_entries)
        if entries and not entries[0].name:
            entries = entries[1:]
        aligner = _Aligner(entries, self.diagnostics, f"{method.name} response", "duplicate-member")
        aligner.walk(raw, with_required=False)
        aligner.finish()
        return self.shapes.top_struct(raw, name, output=True, operation=operation)

    def build(self) -> Service:
        page = self.page
        ops: list[tuple[RefMethod, str]] = []
        extra: list[tuple[str, tuple[ExtraParam, ...]]] = []
        for method in page.methods:
            if method.name in BUILTIN_METHODS:
                continue
            if not is_method_name(method.name):
                self.diagnostics.append(
                    Diagnostic(method.span, Level.WARNING, "bad-name", f"method name {method.name!r} cannot be a client method; skipped")
                )
                continue
            explicit = _explicit_params(method.signature)
            if explicit is not None:
                extra.append((method.name, explicit))
                continue
            ops.append((method, method.operation_name or pascal_from_snake(method.name)))
        inputs: dict[str, StructRef | None] = {}
        for pair in list(ops):
            try:
                inputs[pair[0].name] = self._request(pair[0], f"{pair[1]}Request")
            except NotShown:
                ops.remove(pair)
        pag_inputs = {}
        wait_inputs = {}
        unshown: set[str] = set()
        for cls in page.classes:
            if cls.method is None:
                continue
            try:
                if cls.kind == "paginator":
                    pag_inputs[cls.name] = self._request(cls.method, f"{cls.name}RequestPaginate")
                elif cls.kind == "waiter":
                    m = WAITER_OP_RE.search(cls.doc + "\n" + cls.method.doc)
                    base = pascal_from_snake(m.group(1)) if m else cls.name
                    wait_inputs[cls.name] = self._request(cls.method, f"{base}RequestWait")
            except NotShown:
                unshown.add(cls.name)
        outputs = {m.name: self._response(m, f"{op}Response", op) for m, op in ops}
        operations = tuple(
            Operation(
                method_name=m.name,
                name=op,
                doc=m.doc,
                input=inputs[m.name],
                output=outputs[m.name],
                exceptions=tuple(dict.fromkeys(name for name, _ in m.exceptions)),
                span=m.span,
            )
            for m, op in ops
        )
        by_method = {o.method_name: o for o in operations}
        paginators: list[Paginator] = []
        waiters: list[Waiter] = []
        errors: dict[str, ServiceError] = {}
        for cls in page.classes:
            if cls.name in unshown and cls.kind != "exception":
                continue
            if cls.kind == "exception":
                errors[cls.name] = ServiceError(name=cls.name, doc=cls.doc, span=cls.span)
            elif cls.kind == "paginator" and cls.method is not None:
                method_name = cls.key or _snake(cls.name)
                op = by_method.get(method_name)
                output = op.output if op else self._response(cls.method, f"{cls.name}ResponsePaginator", cls.name)
                paginators.append(Paginator(name=cls.name, method_name=method_name, doc=cls.doc, input=pag_inputs.get(cls.name), output=output, span=cls.span))
            elif cls.kind == "waiter" and cls.method is not None:
                waiters.append(Waiter(name=cls.name, waiter_name=cls.key or _snake(cls.name), doc=cls.doc, input=wait_inputs.get(cls.name), span=cls.span))
        for o in operations:
            for name in o.exceptions:
                errors.setdefault(name, ServiceError(name=name, span=o.span))
        for section, span in page.empty_sections:
            self.diagnostics.append(Diagnostic(span, Level.INFO, "empty-section", f"the page's {section!r} section lists nothing"))
        structs, enums = self.shapes.finish()
        return Service(
            name=page.service_name,
            client_id=page.client_id,
            doc=page.doc,
            operations=operations,
            structs=structs,
            enums=enums,
            errors=tuple(sorted(errors.values(), key=lambda e: e.name)),
            paginators=tuple(paginators),
            waiters=tuple(waiters),
            extra_methods=tuple(extra),
            sources=(page.path,),
            span=page.span,
        )


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def build_service(page: RefPage) -> tuple[Service, list[Diagnostic]]:
    builder = PageBuilder(page)
    return builder.build(), builder.diagnostics
