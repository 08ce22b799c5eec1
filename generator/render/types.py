"""Type annotations as small objects that render themselves and know
their imports. Templates only place rendered strings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """``from module import name``; names that ``typing`` gained late are
    imported from ``typing_extensions`` before ``since``."""

    module: str
    name: str
    since: tuple[int, int] | None = None
    alias: str = ""

    def clause(self) -> str:
        return f"{self.name} as {self.alias}" if self.alias else self.name

    def fallback_module(self) -> str:
        return "typing_extensions"


class TypeAnnotation:
    """Base: ``render()`` gives the annotation's source text."""

    __slots__ = ()

    def render(self) -> str:
        raise NotImplementedError

    def imports(self) -> frozenset[Import]:
        return frozenset()

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True, slots=True)
class Name(TypeAnnotation):
    """A plain name, imported from somewhere or a builtin."""

    name: str
    source: Import | None = None

    def render(self) -> str:
        return self.name

    def imports(self) -> frozenset[Import]:
        return frozenset({self.source}) if self.source else frozenset()


@dataclass(frozen=True, slots=True)
class Subscript(TypeAnnotation):
    base: TypeAnnotation
    args: tuple[TypeAnnotation, ...]

    def render(self) -> str:
        return f"{self.base.render()}[{', '.join(a.render() for a in self.args)}]"

    def imports(self) -> frozenset[Import]:
        return self.base.imports().union(*(a.imports() for a in self.args))


@dataclass(frozen=True, slots=True)
class UnionType(TypeAnnotation):
    members: tuple[TypeAnnotation, ...]

    def render(self) -> str:
        return " | ".join(m.render() for m in self.members)

    def imports(self) -> frozenset[Import]:
        return frozenset().union(*(m.imports() for m in self.members))


@dataclass(frozen=True, slots=True)
class LiteralType(TypeAnnotation):
    """``Literal["A", "B"]``: values always go through ``repr``."""

    values: tuple[str, ...]

    def render(self) -> str:
        return f"Literal[{', '.join(quote(v) for v in self.values)}]"

    def imports(self) -> frozenset[Import]:
        return frozenset({Import("typing", "Literal")})


def quote(value: str) -> str:
    """A double-quoted Python string literal for any text (``repr`` based)."""
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


def collect_imports(annotations: Iterable[TypeAnnotation]) -> frozenset[Import]:
    return frozenset().union(*(a.imports() for a in annotations))


# common names
ANY = Name("Any", Import("typing", "Any"))
STR = Name("str")
INT = Name("int")
FLOAT = Name("float")
BOOL = Name("bool")
BYTES = Name("bytes")
NONE = Name("None")
DATETIME = Name("datetime", Import("datetime", "datetime"))
SEQUENCE = Name("Sequence", Import("collections.abc", "Sequence"))
MAPPING = Name("Mapping", Import("collections.abc", "Mapping"))
LIST = Name("list")
DICT = Name("dict")
TYPE = Name("type")
IO = Name("IO", Import("typing", "IO"))
NOT_REQUIRED = Name("NotRequired", Import("typing", "NotRequired", since=(3, 12)))
UNPACK = Name("Unpack", Import("typing", "Unpack", since=(3, 12)))
STREAMING_BODY = Name("StreamingBody", Import("botocore.response", "StreamingBody"))
BYTEARRAY = Name("bytearray")
SET = Name("set")
DECIMAL = Name("Decimal", Import("decimal", "Decimal"))
CALLABLE = Name("Callable", Import("collections.abc", "Callable"))
ELLIPSIS = Name("...")
BASE_CLIENT = Name("BaseClient", Import("botocore.client", "BaseClient"))
TRANSFER_CONFIG = Name("TransferConfig", Import("boto3.s3.transfer", "TransferConfig"))
