"""Unions, sets and the other Python values the markdown docs name
(DynamoDB attribute values, S3's ``str | bytes``, boto3's hand-written S3
methods), empty response structures and ``-> None``: from annotation text
to the rendered stubs, which must still type-check."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from generator.model import (
    ExtraParam,
    ListType,
    MapType,
    Member,
    Operation,
    ScalarKind,
    ScalarType,
    Service,
    SetType,
    StructRef,
    StructShape,
    UnionType,
    union_of,
)
from generator.parsers.annotations import parse_annotation
from generator.render.annotate import INPUT, OUTPUT, annotate, assign_names
from generator.render.package import Options, render_package
from generator.render.templates import Templates
from tests.conftest import tool

STR = ScalarType(ScalarKind.STRING)
BLOB = ScalarType(ScalarKind.BLOB)
ANY = ScalarType(ScalarKind.ANY)
NONE = ScalarType(ScalarKind.NONE)

DYNAMODB_UNION = (
    "Union[AttributeValueTypeDef, bytes, bytearray, str, int, decimal.Decimal, bool, set[int], "
    "set[decimal.Decimal], set[str], set[bytes], set[bytearray], Sequence[Any], Mapping[str, Any], None]"
)


def test_unions_are_read() -> None:
    assert parse_annotation("str | bytes").type == UnionType((STR, BLOB))
    assert parse_annotation("Union[str, CopySourceTypeDef]").type == UnionType((STR, StructRef("CopySource")))
    t = parse_annotation(DYNAMODB_UNION).type
    assert isinstance(t, UnionType)
    assert t.members[:3] == (StructRef("AttributeValue"), BLOB, ScalarType(ScalarKind.BYTEARRAY))
    assert SetType(ScalarType(ScalarKind.DECIMAL)) in t.members
    assert t.members[-3:] == (ListType(ANY), MapType(STR, ANY), NONE)
    # the special unions keep their meaning
    assert parse_annotation("Union[datetime, str]").type == ScalarType(ScalarKind.TIMESTAMP)
    assert parse_annotation("Union[str, bytes, IO[Any], StreamingBody]").type == BLOB
    assert parse_annotation("Union[FooTypeDef, FooOutputTypeDef]").type == StructRef("Foo")
    # a file object beside other values; boto3's own classes
    assert parse_annotation("Union[IO[Any], botocore.response.StreamingBody]").type == UnionType(
        (ScalarType(ScalarKind.FILE), ScalarType(ScalarKind.STREAMING))
    )
    assert parse_annotation("Callable[..., Any] | None").type == UnionType((ScalarType(ScalarKind.CALLABLE), NONE))
    assert parse_annotation("boto3.s3.transfer.TransferConfig").type == ScalarType(ScalarKind.TRANSFER_CONFIG)
    # Any swallows the rest; repeats go
    assert parse_annotation("str | Any").type == ANY
    assert union_of([STR, UnionType((STR, NONE))]) == UnionType((STR, NONE))


def _service(**extra: object) -> Service:
    value = parse_annotation(DYNAMODB_UNION).type
    structs = (
        StructShape(
            name="AttributeValue",
            members=(Member(name="S", type=STR, required=False), Member(name="B", type=BLOB, required=False)),
        ),
        StructShape(
            name="PutRequest",
            members=(
                Member(name="Item", type=MapType(STR, value), required=True),
                Member(name="Key", type=UnionType((STR, BLOB)), required=False),
                Member(name="Nothing", type=StructRef("Nothing"), required=False),
            ),
        ),
        StructShape(name="PutResponse", members=()),
        StructShape(name="Nothing", members=()),
        StructShape(name="CopySource", members=(Member(name="Bucket", type=STR, required=True),)),
    )
    return Service(
        name="Demo",
        client_id="demo",
        operations=(
            Operation(method_name="put", name="Put", input=StructRef("PutRequest"), output=StructRef("PutResponse")),
            Operation(method_name="tag", name="Tag", input=StructRef("PutRequest"), returns_none=True),
            Operation(method_name="stop", name="Stop"),
        ),
        structs=structs,
        extra_methods=(
            (
                "copy",
                (
                    ExtraParam(name="CopySource", annotation=StructRef("CopySource")),
                    ExtraParam(name="ExtraArgs", default="...", annotation=UnionType((MapType(STR, ANY), NONE))),
                    ExtraParam(name="Callback", default="...", annotation=UnionType((ScalarType(ScalarKind.CALLABLE), NONE))),
                    ExtraParam(name="Config", default="...", annotation=UnionType((ScalarType(ScalarKind.TRANSFER_CONFIG), NONE))),
                    ExtraParam(name="Untyped", default="..."),
                ),
            ),
        ),
        extra_returns=(("copy", NONE),),
        **extra,  # type: ignore[arg-type]
    )


def test_union_members_are_python_values() -> None:
    service = _service()
    names = assign_names(service, "demo")
    item = service.struct("PutRequest").members[0].type
    rendered = annotate(item, INPUT, names, "client")
    assert rendered.render() == (
        "Mapping[str, AttributeValueTypeDef | bytes | bytearray | str | int | Decimal | bool | set[int] | "
        "set[Decimal] | set[str] | set[bytes] | set[bytearray] | Sequence[Any] | Mapping[str, Any] | None]"
    )
    assert {(i.module, i.name) for i in rendered.imports()} >= {("decimal", "Decimal"), (".type_defs", "AttributeValueTypeDef")}
    # a scalar member is the value on either side; containers follow the side
    assert annotate(UnionType((STR, BLOB)), INPUT, names, "client").render() == "str | bytes"
    assert annotate(UnionType((ListType(ANY), NONE)), OUTPUT, names, "client").render() == "list[Any] | None"
    # a structure without members is any dict, and gets no name
    assert annotate(StructRef("Nothing"), INPUT, names, "client").render() == "Mapping[str, Any]"
    assert annotate(StructRef("Nothing"), OUTPUT, names, "client").render() == "dict[str, Any]"
    assert "Nothing" not in names.struct_input


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = render_package(_service(), Options(module_name="demo_values"), Templates())
    out = tmp_path_factory.mktemp("out")
    for rel, content in files.items():
        target = out.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return out / "demo_values"


def test_rendered_client(package: Path) -> None:
    client = (package / "demo_values" / "client.pyi").read_text()
    type_defs = (package / "demo_values" / "type_defs.pyi").read_text()
    assert "def put(self, *, Item: Mapping[str, AttributeValueTypeDef | bytes" in " ".join(client.split())
    flat = " ".join(client.split())
    assert ") -> dict[str, Any]:" in flat  # put: an empty response structure
    assert "def stop(self) -> EmptyResponseMetadataTypeDef:" in flat  # no response structure
    assert flat.count(") -> None:") >= 2  # tag (the doc says None) and copy
    assert "CopySource: CopySourceTypeDef," in flat
    assert "ExtraArgs: dict[str, Any] | None = ..." in flat
    assert "Callback: Callable[..., Any] | None = ..." in flat
    assert "Config: TransferConfig | None = ..." in flat
    assert "Untyped: Any = ..." in flat
    assert "from boto3.s3.transfer import TransferConfig" in client
    assert '"boto3-stubs"' in (package / "pyproject.toml").read_text()
    assert "PutResponseTypeDef" not in type_defs and "NothingTypeDef" not in type_defs
    assert "Nothing: NotRequired[Mapping[str, Any]]" in type_defs


def test_rendered_package_type_checks_and_imports(package: Path) -> None:
    mypy = tool("mypy")
    run = subprocess.run(
        # boto3 ships no types: the package depends on boto3-stubs for TransferConfig
        [mypy, "--strict", "--no-incremental", "--disable-error-code", "import-untyped", "-p", "demo_values"],
        cwd=package,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # the runtime twin evaluates the unions of type_defs
    check = "import demo_values.type_defs as t, typing; typing.get_type_hints(t.PutRequestTypeDef)"
    run = subprocess.run([sys.executable, "-c", check], cwd=package, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_shared_typeddict_renders_once_as_printed() -> None:
    # a TypedDict the document prints once (no XOutputTypeDef twin) and that
    # both sides reach: one name, its members as printed (`bytes`, `Sequence`)
    value_bytes = ScalarType(ScalarKind.BYTES)
    shared = StructShape(
        name="AttributeValue",
        members=(
            Member(name="B", type=value_bytes, required=False),
            Member(name="BS", type=ListType(value_bytes), required=False),
        ),
        shared=True,
    )
    item = Member(name="Item", type=MapType(STR, StructRef("AttributeValue")), required=True)
    service = Service(
        name="Demo",
        client_id="demo",
        operations=(Operation(method_name="get", name="Get", input=StructRef("GetRequest"), output=StructRef("GetResponse")),),
        structs=(
            shared,
            StructShape(name="GetRequest", members=(item,)),
            StructShape(name="GetResponse", members=(item,)),
        ),
    )
    names = assign_names(service, "demo")
    assert names.struct_input["AttributeValue"] == names.struct_output["AttributeValue"] == "AttributeValueTypeDef"
    type_defs = render_package(service, Options(module_name="demo_shared"), Templates())
    text = next(c for rel, c in type_defs.items() if rel.name == "type_defs.pyi")
    flat = " ".join(text.split())
    assert "B: NotRequired[bytes]" in flat
    assert "BS: NotRequired[Sequence[bytes]]" in flat
    assert "AttributeValueOutputTypeDef" not in text and "BlobTypeDef" not in text
    # without the mark, the sides split as before
    split = assign_names(replace(service, structs=(replace(shared, members=(Member(name="B", type=BLOB, required=False),), shared=False), *service.structs[1:])), "demo")
    assert split.struct_output["AttributeValue"] == "AttributeValueOutputTypeDef"
