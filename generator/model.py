"""The operation model: what the documents say about one service.

Frozen dataclasses only. Parsers build it, renderers read it; neither
side mutates it (use ``dataclasses.replace`` to derive a new one).

Types inside the model are *model types* (``ScalarType``, ``ListType``,
``MapType``, ``EnumRef``, ``StructRef``): they describe the API, not
Python. How they are spelled in a stub (``Sequence`` vs ``list``,
``TimestampTypeDef`` vs ``datetime``) is decided by ``generator.render``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class SourceSpan:
    """Where a node came from: a document path and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


UNKNOWN_SPAN = SourceSpan("<unknown>", 0)


class ScalarKind(enum.Enum):
    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    TIMESTAMP = "timestamp"
    BLOB = "blob"
    STREAMING = "streaming"
    DOCUMENT = "document"
    ANY = "any"
    # Python values the markdown docs name beside the API's own types: the
    # members of a ``UnionType`` (DynamoDB attribute values as boto3 takes
    # them) and the parameters of boto3's hand-written methods
    BYTEARRAY = "bytearray"
    DECIMAL = "decimal"
    #: ``bytes`` as the document prints it in a TypedDict that serves both
    #: sides: the Python value on either side, not every blob form
    BYTES = "bytes"
    NONE = "none"
    #: a file object, ``IO[Any]``
    FILE = "file"
    #: a callback, ``Callable[..., Any]``
    CALLABLE = "callable"
    #: a botocore client
    CLIENT = "client"
    #: boto3's S3 ``TransferConfig``
    TRANSFER_CONFIG = "transfer-config"


@dataclass(frozen=True, slots=True)
class ScalarType:
    kind: ScalarKind


@dataclass(frozen=True, slots=True)
class ListType:
    item: ModelType


@dataclass(frozen=True, slots=True)
class MapType:
    key: ModelType
    value: ModelType


@dataclass(frozen=True, slots=True)
class EnumRef:
    """A reference to a named ``EnumShape`` of the service."""

    name: str


@dataclass(frozen=True, slots=True)
class StructRef:
    """A reference to a named ``StructShape`` of the service."""

    name: str


@dataclass(frozen=True, slots=True)
class EventStreamType:
    """An event stream whose events are members of the referenced structure."""

    events: StructRef


@dataclass(frozen=True, slots=True)
class SetType:
    """A Python ``set`` (DynamoDB's number, string and binary sets as boto3 takes them)."""

    item: ModelType


@dataclass(frozen=True, slots=True)
class UnionType:
    """A value of any one of ``members`` (at least two, none a union), as the
    markdown docs print it (``Union[str, bytes]``). Members are Python
    values: a scalar member is that value (``bytes``, not every blob form)."""

    members: tuple[ModelType, ...]


ModelType = ScalarType | ListType | MapType | SetType | UnionType | EnumRef | StructRef | EventStreamType


def union_of(types: Iterable[ModelType]) -> ModelType:
    """The union of ``types``: nested unions flattened, repeats dropped; a
    single type is itself."""
    members: list[ModelType] = []
    for t in types:
        for part in t.members if isinstance(t, UnionType) else (t,):
            if part not in members:
                members.append(part)
    if len(members) == 1:
        return members[0]
    return UnionType(tuple(members))


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    name: str
    type: ModelType
    required: bool
    doc: str = ""
    span: SourceSpan = UNKNOWN_SPAN


@dataclass(frozen=True, slots=True, kw_only=True)
class StructShape:
    name: str
    members: tuple[Member, ...]
    doc: str = ""
    #: a tagged union: exactly one member is set
    union: bool = False
    #: the document prints ONE TypedDict for both sides (no ``XOutputTypeDef``
    #: twin): rendered once, with its members as printed
    shared: bool = False
    span: SourceSpan = UNKNOWN_SPAN


@dataclass(frozen=True, slots=True, kw_only=True)
class EnumShape:
    name: str
    values: tuple[str, ...]
    span: SourceSpan = UNKNOWN_SPAN


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtraParam:
    """A positional-or-keyword parameter of a hand-written client method
    (``generate_presigned_url(ClientMethod, Params=None, ExpiresIn=3600)``)."""

    name: str
    default: str | None = None  # Python source of a simple default, or None when required
    #: the parameter's type, when the document states it
    annotation: ModelType | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Operation:
    """One API operation, exposed as ``client.<method_name>(**kwargs)``."""

    method_name: str
    #: the API's operation name (``CreateAppInstance``), exact when the doc links it
    name: str
    doc: str = ""
    #: the request structure; ``None`` for an operation without parameters
    input: StructRef | None = None
    #: the response structure; ``None`` when the doc shows no response
    #: (rendered ``EmptyResponseMetadataTypeDef``); a structure without
    #: members when the doc shows an empty one (rendered ``dict[str, Any]``)
    output: StructRef | None = None
    #: the doc says the method returns ``None`` (no response dict at all)
    returns_none: bool = False
    exceptions: tuple[str, ...] = ()
    span: SourceSpan = UNKNOWN_SPAN


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceError:
    """A modelled error class (``client.exceptions.BadRequestException``)."""

    name: str
    doc: str = ""
    #: the parsed error response shape, when the doc shows it
    shape: StructRef | None = None
    span: SourceSpan = UNKNOWN_SPAN


@dataclass(frozen=True, slots=True, kw_only=True)
class Paginator:
    """``client.get_paginator(method_name)``: pages of ``operation``'s output."""

    name: str  # class name, e.g. ListUsers
    method_name: str
    doc: str = ""
    input: StructRef | None = None
    output: StructRef | None = None
    span: SourceSpan = UNKNOWN_SPAN


@dataclass(frozen=True, slots=True, kw_only=True)
class Waiter:
    """``client.get_waiter(waiter_name)``."""

    name: str  # class name, e.g. TableExists
    waiter_name: str  # e.g. table_exists
    doc: str = ""
    input: StructRef | None = None
    span: SourceSpan = UNKNOWN_SPAN


@dataclass(frozen=True, slots=True, kw_only=True)
class Service:
    #: class prefix, e.g. ChimeSDKIdentity
    name: str
    #: the name passed to ``create_client``, e.g. chime-sdk-identity
    client_id: str
    doc: str = ""
    #: Python package name, when a document states it (mypy_boto3_chime_sdk_identity)
    module_name: str | None = None
    operations: tuple[Operation, ...] = ()
    structs: tuple[StructShape, ...] = ()
    enums: tuple[EnumShape, ...] = ()
    errors: tuple[ServiceError, ...] = ()
    paginators: tuple[Paginator, ...] = ()
    waiters: tuple[Waiter, ...] = ()
    #: hand-written client methods with explicit signatures, by name
    extra_methods: tuple[tuple[str, tuple[ExtraParam, ...]], ...] = ()
    #: the return types of ``extra_methods``, by name, when the doc states them
    extra_returns: tuple[tuple[str, ModelType], ...] = ()
    #: names a page defines for other types (``UniversalAttributeValueTypeDef
    #: = Union[...]``): a ``StructRef`` no structure answers (another page
    #: names it) stands for the type; resolved by the merger
    aliases: tuple[tuple[str, ModelType], ...] = ()
    sources: tuple[str, ...] = ()
    #: the format of the document it was read from ("reference-text", ...);
    #: "merged" once several documents are combined
    origin: str = ""
    span: SourceSpan = UNKNOWN_SPAN
    _struct_index: dict[str, StructShape] = field(
        default_factory=dict, compare=False, repr=False
    )

    def struct(self, ref: StructRef | str) -> StructShape:
        name = ref if isinstance(ref, str) else ref.name
        if not self._struct_index:
            self._struct_index.update({s.name: s for s in self.structs})
        return self._struct_index[name]

    def enum(self, ref: EnumRef | str) -> EnumShape:
        name = ref if isinstance(ref, str) else ref.name
        for shape in self.enums:
            if shape.name == name:
                return shape
        raise KeyError(name)

    def has_struct(self, name: str) -> bool:
        try:
            self.struct(name)
        except KeyError:
            return False
        return True
