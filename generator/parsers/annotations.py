"""Python type annotations as the markdown docs print them → model types.

Shared by both markdown readers. The text is parsed with ``ast`` (never
evaluated). Names the docs define elsewhere come back as references by
their doc name minus the suffix (``TagTypeDef`` → ``StructRef("Tag")``,
``AllowMessagesType`` → ``EnumRef("AllowMessages")``); the reader resolves
them against the type_defs/literals pages.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ..model import (
    EnumRef,
    EventStreamType,
    ListType,
    MapType,
    ModelType,
    ScalarKind,
    ScalarType,
    SetType,
    StructRef,
    UnionType,
)
from .pysource import parse_expression

SCALARS = {
    "str": ScalarKind.STRING,
    "int": ScalarKind.INTEGER,
    "float": ScalarKind.FLOAT,
    "bool": ScalarKind.BOOLEAN,
    "datetime": ScalarKind.TIMESTAMP,
    "TimestampTypeDef": ScalarKind.TIMESTAMP,
    "bytes": ScalarKind.BLOB,
    "BlobTypeDef": ScalarKind.BLOB,
    "StreamingBody": ScalarKind.STREAMING,
    "Any": ScalarKind.ANY,
    "object": ScalarKind.ANY,
}
#: Python values the docs name beside the API's types (boto3's own methods,
#: DynamoDB attribute values); the last part of a dotted name
#: (``decimal.Decimal``, ``boto3.s3.transfer.TransferConfig``)
PYTHON_VALUES = {
    "bytearray": ScalarKind.BYTEARRAY,
    "Decimal": ScalarKind.DECIMAL,
    "BaseClient": ScalarKind.CLIENT,
    "TransferConfig": ScalarKind.TRANSFER_CONFIG,
    "Callable": ScalarKind.CALLABLE,
}
LISTS = frozenset({"Sequence", "List", "list", "Iterable"})
MAPS = frozenset({"Mapping", "Dict", "dict"})
SETS = frozenset({"set", "Set", "AbstractSet", "frozenset"})
WRAPPERS = frozenset({"NotRequired", "Required", "Optional"})


class AnnotationError(ValueError):
    pass


class AnnotationTooDeep(AnnotationError):
    """The annotation nests deeper than a real one ever does."""


@dataclass(frozen=True, slots=True)
class Parsed:
    type: ModelType
    #: whether the annotation was wrapped in NotRequired[...] / Optional[...]
    optional: bool = False


def parse_annotation(text: str, *, bytes_value: bool = False) -> Parsed:
    """``Sequence[Mapping[str, TagTypeDef]]`` → ``ListType(MapType(...))``.

    ``bytes_value``: a ``bytes`` outside a union is the Python value
    (``ScalarKind.BYTES``), not a blob: the newer markdown prints a TypedDict
    member so when that TypedDict serves both sides (DynamoDB's
    ``AttributeValueTypeDef``: ``B: bytes``, where a request blob is
    ``BlobTypeDef``)."""
    cleaned = text.strip().replace("\\", "")
    try:
        node = parse_expression(cleaned).body
    except SyntaxError as exc:
        if "too many nested" in (exc.msg or ""):
            raise AnnotationTooDeep("type annotation nests too deeply") from None
        raise AnnotationError(f"not a type annotation: {text[:80]!r}") from exc
    except (RecursionError, MemoryError):
        raise AnnotationTooDeep("type annotation nests too deeply") from None
    except ValueError as exc:  # NUL characters
        raise AnnotationError(f"not a type annotation: {exc}") from None
    optional = False
    while isinstance(node, ast.Subscript) and _name(node.value) in WRAPPERS:
        optional = True
        node = node.slice
    return Parsed(_convert(node, 0, bytes_value), optional)


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value  # a quoted forward reference
    return ""


def _args(node: ast.Subscript) -> list[ast.expr]:
    return list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]


def _convert(node: ast.expr, depth: int, bytes_value: bool = False) -> ModelType:
    if depth > 100:
        raise AnnotationTooDeep("type annotation nests too deeply")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([node.left, node.right], depth)
    if isinstance(node, ast.Subscript):
        base = _name(node.value)
        args = _args(node)
        if base in LISTS and len(args) == 1:
            return ListType(_convert(args[0], depth + 1, bytes_value))
        if base in MAPS and len(args) == 2:
            return MapType(_convert(args[0], depth + 1, bytes_value), _convert(args[1], depth + 1, bytes_value))
        if base in SETS and len(args) == 1:
            return SetType(_convert(args[0], depth + 1, bytes_value))
        if base == "Callable":
            return ScalarType(ScalarKind.CALLABLE)
        if base == "Union":
            return _union(args, depth)
        if base == "Optional" and len(args) == 1:
            return _convert(args[0], depth + 1, bytes_value)
        if base == "Literal":
            raise AnnotationError("inline Literal: use parse_literal_values")
        if base == "EventStream" and len(args) == 1:
            inner = _convert(args[0], depth + 1)
            if isinstance(inner, StructRef):
                return EventStreamType(inner)
        if base == "IO":
            return ScalarType(ScalarKind.BLOB)
        raise AnnotationError(f"unknown generic {base!r}")
    name = _name(node)
    if bytes_value and name == "bytes":
        return ScalarType(ScalarKind.BYTES)
    if name in SCALARS:
        return ScalarType(SCALARS[name])
    if name in PYTHON_VALUES:
        return ScalarType(PYTHON_VALUES[name])
    if name.endswith("TypeDef") and len(name) > len("TypeDef"):
        return StructRef(name[: -len("TypeDef")])
    if name.endswith("Type") and len(name) > len("Type"):
        return EnumRef(name[: -len("Type")])
    if name in ("None", "NoneType"):
        return ScalarType(ScalarKind.ANY)
    raise AnnotationError(f"unknown type name {name or ast.unparse(node)!r}")


def _union(members: list[ast.expr], depth: int) -> ModelType:
    names = {_name(m) for m in members}
    if names == {"datetime", "str"}:
        return ScalarType(ScalarKind.TIMESTAMP)
    if "bytes" in names and ("IO" in {_name(m.value) for m in members if isinstance(m, ast.Subscript)} or "StreamingBody" in names):
        return ScalarType(ScalarKind.BLOB)
    converted: list[ModelType] = []
    for m in members:
        if isinstance(m, ast.Subscript) and _name(m.value) == "IO":
            t: ModelType = ScalarType(ScalarKind.FILE)  # a file object, beside other values
        elif (isinstance(m, ast.Constant) and m.value is None) or _name(m) in ("None", "NoneType"):
            t = ScalarType(ScalarKind.NONE)
        else:
            t = _convert(m, depth + 1)
        for part in t.members if isinstance(t, UnionType) else (t,):
            if part not in converted:
                converted.append(part)
    structs = [c for c in converted if isinstance(c, StructRef)]
    if structs and len(structs) == len(converted):
        # XTypeDef | XOutputTypeDef: one shape seen from both sides
        return structs[0]
    if ScalarType(ScalarKind.ANY) in converted:
        return ScalarType(ScalarKind.ANY)
    if len(converted) == 1:
        return converted[0]
    return UnionType(tuple(converted))


def parse_literal_values(text: str) -> tuple[str, ...]:
    """``Literal["A", "B"]`` → ``("A", "B")``."""
    try:
        node = parse_expression(text.strip()).body
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise AnnotationError(f"not a Literal: {text[:80]!r}") from exc
    if not (isinstance(node, ast.Subscript) and _name(node.value) == "Literal"):
        raise AnnotationError(f"not a Literal: {text[:80]!r}")
    values = []
    for arg in _args(node):
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise AnnotationError(f"Literal value is not a string: {ast.unparse(arg)[:40]!r}")
        values.append(arg.value)
    return tuple(values)
