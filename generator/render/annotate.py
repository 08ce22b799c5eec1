"""Model types → type annotations, for the request or the response side.

Request side takes abstract types (``Sequence``, ``Mapping``,
``TimestampTypeDef``, ``BlobTypeDef``); response side gives concrete ones
(``list``, ``dict``, ``datetime``, ``bytes``, ``StreamingBody``), as the
published types-boto3 packages do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import (
    EnumRef,
    EventStreamType,
    ListType,
    MapType,
    ModelType,
    ScalarKind,
    ScalarType,
    Service,
    SetType,
    StructRef,
    UnionType,
)
from . import types as t
from .types import Import, Name, Subscript, TypeAnnotation

INPUT = "input"
OUTPUT = "output"

#: aliases type_defs.pyi always defines when used, and their definitions
TIMESTAMP_ALIAS = "TimestampTypeDef"
BLOB_ALIAS = "BlobTypeDef"
RESERVED = frozenset({TIMESTAMP_ALIAS, BLOB_ALIAS, "ResponseMetadataTypeDef", "EmptyResponseMetadataTypeDef"})


@dataclass(frozen=True, slots=True)
class Names:
    """Final Python names of the service's shapes."""

    #: struct name → TypedDict name used on the request side (and the response
    #: side when both sides render the same)
    struct_input: dict[str, str]
    #: struct name → TypedDict name used on the response side
    struct_output: dict[str, str]
    enum: dict[str, str]
    #: module of each exported name: "type_defs" | "literals"
    module_name: str
    #: structs without members: rendered as ``Mapping``/``dict[str, Any]``, no TypedDict
    empty: frozenset[str] = frozenset()


def typedef(name: str, module: str, here: str) -> Name:
    if module == here:
        return Name(name)
    return Name(name, Import(f".{module}", name))


def annotate(mt: ModelType, side: str, names: Names, here: str) -> TypeAnnotation:
    if isinstance(mt, ScalarType):
        return _scalar(mt.kind, side, here)
    if isinstance(mt, EnumRef):
        return typedef(names.enum[mt.name], "literals", here)
    if isinstance(mt, StructRef):
        if mt.name in names.empty:
            # a structure without members: any dict, as the published stubs
            return Subscript(t.MAPPING if side == INPUT else t.DICT, (t.STR, t.ANY))
        table = names.struct_input if side == INPUT else names.struct_output
        return typedef(table[mt.name], "type_defs", here)
    if isinstance(mt, UnionType):
        return t.UnionType(tuple(_value(m, side, names, here) for m in mt.members))
    if isinstance(mt, SetType):
        return Subscript(t.SET, (_value(mt.item, side, names, here),))
    if isinstance(mt, ListType):
        base = t.SEQUENCE if side == INPUT else t.LIST
        return Subscript(base, (annotate(mt.item, side, names, here),))
    if isinstance(mt, MapType):
        base = t.MAPPING if side == INPUT else t.DICT
        return Subscript(base, (annotate(mt.key, side, names, here), annotate(mt.value, side, names, here)))
    if isinstance(mt, EventStreamType):
        inner = annotate(mt.events, OUTPUT, names, here)
        return Subscript(Name("EventStream", Import("botocore.eventstream", "EventStream")), (inner,))
    raise TypeError(mt)


def _value(mt: ModelType, side: str, names: Names, here: str) -> TypeAnnotation:
    """A member of a union or the item of a set: a Python value, so a
    scalar is that value on either side (``bytes``, not every blob form);
    containers and structures follow the side."""
    if isinstance(mt, ScalarType) and mt.kind is not ScalarKind.DOCUMENT:
        return _scalar(mt.kind, OUTPUT, here)
    return annotate(mt, side, names, here)


def _scalar(kind: ScalarKind, side: str, here: str) -> TypeAnnotation:
    if kind is ScalarKind.STRING:
        return t.STR
    if kind is ScalarKind.INTEGER:
        return t.INT
    if kind is ScalarKind.FLOAT:
        return t.FLOAT
    if kind is ScalarKind.BOOLEAN:
        return t.BOOL
    if kind is ScalarKind.TIMESTAMP:
        return typedef(TIMESTAMP_ALIAS, "type_defs", here) if side == INPUT else t.DATETIME
    if kind is ScalarKind.BLOB:
        return typedef(BLOB_ALIAS, "type_defs", here) if side == INPUT else t.BYTES
    if kind is ScalarKind.STREAMING:
        return typedef(BLOB_ALIAS, "type_defs", here) if side == INPUT else t.STREAMING_BODY
    if kind is ScalarKind.DOCUMENT:
        return Subscript(t.MAPPING if side == INPUT else t.DICT, (t.STR, t.ANY))
    return _PYTHON_VALUES.get(kind, t.ANY)


_PYTHON_VALUES: dict[ScalarKind, TypeAnnotation] = {
    ScalarKind.BYTEARRAY: t.BYTEARRAY,
    ScalarKind.DECIMAL: t.DECIMAL,
    ScalarKind.BYTES: t.BYTES,
    ScalarKind.NONE: t.NONE,
    ScalarKind.FILE: Subscript(t.IO, (t.ANY,)),
    ScalarKind.CALLABLE: Subscript(t.CALLABLE, (t.ELLIPSIS, t.ANY)),
    ScalarKind.CLIENT: t.BASE_CLIENT,
    ScalarKind.TRANSFER_CONFIG: t.TRANSFER_CONFIG,
}


def _differs(mt: ModelType, service: Service, seen: set[str]) -> bool:
    """Whether ``mt`` renders differently on the two sides."""
    if isinstance(mt, ScalarType):
        return mt.kind in (ScalarKind.TIMESTAMP, ScalarKind.BLOB, ScalarKind.STREAMING, ScalarKind.DOCUMENT)
    if isinstance(mt, SetType):
        return not isinstance(mt.item, ScalarType) and _differs(mt.item, service, seen)
    if isinstance(mt, (ListType, MapType, EventStreamType)):
        return True
    if isinstance(mt, UnionType):
        # scalar members render the same on both sides
        return any(_differs(m, service, seen) for m in mt.members if not isinstance(m, ScalarType))
    if isinstance(mt, StructRef):
        if mt.name in seen:
            return False
        seen.add(mt.name)
        shape = service.struct(mt)
        return not shape.members or any(_differs(m.type, service, seen) for m in shape.members)
    return False


def _reach(mt: ModelType | None, service: Service, into: set[str]) -> None:
    if mt is None:
        return
    if isinstance(mt, StructRef):
        if mt.name in into:
            return
        into.add(mt.name)
        for m in service.struct(mt).members:
            _reach(m.type, service, into)
    elif isinstance(mt, (ListType, SetType)):
        _reach(mt.item, service, into)
    elif isinstance(mt, UnionType):
        for member_type in mt.members:
            _reach(member_type, service, into)
    elif isinstance(mt, MapType):
        _reach(mt.key, service, into)
        _reach(mt.value, service, into)
    elif isinstance(mt, EventStreamType):
        _reach(mt.events, service, into)


def sides(service: Service) -> tuple[set[str], set[str]]:
    """Names of the structs reachable from requests and from responses."""
    inputs: set[str] = set()
    outputs: set[str] = set()
    for op in service.operations:
        _reach(op.input, service, inputs)
        _reach(op.output, service, outputs)
    for pag in service.paginators:
        _reach(pag.input, service, inputs)
        _reach(pag.output, service, outputs)
    for waiter in service.waiters:
        _reach(waiter.input, service, inputs)
    for err in service.errors:
        _reach(err.shape, service, outputs)
    return inputs, outputs


def assign_names(service: Service, module_name: str) -> Names:
    inputs, outputs = sides(service)
    used: set[str] = set(RESERVED)

    def claim(base: str) -> str:
        name = base
        n = 2
        while name in used:
            name = f"{base[: -len('TypeDef')]}{n}TypeDef" if base.endswith("TypeDef") else f"{base}{n}"
            n += 1
        used.add(name)
        return name

    struct_input: dict[str, str] = {}
    struct_output: dict[str, str] = {}
    empty = frozenset(s.name for s in service.structs if not s.members)
    for shape in service.structs:
        if shape.name in empty:
            continue
        primary = claim(f"{shape.name}TypeDef")
        struct_input[shape.name] = primary
        struct_output[shape.name] = primary
    for shape in service.structs:
        if shape.name in empty:
            continue
        if shape.shared:
            continue  # the document prints one TypedDict for both sides
        if shape.name in inputs and shape.name in outputs and _differs(StructRef(shape.name), service, set()):
            struct_output[shape.name] = claim(f"{shape.name}OutputTypeDef")
    enum = {e.name: claim(f"{e.name}Type") for e in service.enums}
    return Names(struct_input=struct_input, struct_output=struct_output, enum=enum, module_name=module_name, empty=empty)
