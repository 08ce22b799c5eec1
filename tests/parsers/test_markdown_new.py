"""The reader of the newer types-boto3 markdown docs (mypy-boto3-builder 8.x),
on fragments and on the IdentityStore doc set in input_docs/ (seed 004 is
its client.md; the siblings were rendered by the builder, see
input_docs/README.md)."""

from __future__ import annotations

import textwrap

import pytest

from generator.diagnostics import Diagnostic, DiagnosticError, Level
from generator.merge import merge
from generator.model import (
    EnumRef,
    EnumShape,
    ExtraParam,
    ListType,
    MapType,
    ModelType,
    Paginator,
    ScalarKind,
    ScalarType,
    Service,
    ServiceError,
    SourceSpan,
    StructRef,
    Waiter,
)
from generator.parsers.detect import looks_like_markdown_new as looks_like
from generator.parsers.markdown_new import read_markdown_new
from tests.conftest import ROOT, seed

DOCS = ROOT / "input_docs" / "identitystore" / "types-boto3-docs"
STR = ScalarType(ScalarKind.STRING)
INT = ScalarType(ScalarKind.INTEGER)
BOOL = ScalarType(ScalarKind.BOOLEAN)
ANY = ScalarType(ScalarKind.ANY)
TIMESTAMP = ScalarType(ScalarKind.TIMESTAMP)

NOTE = """\
!!! note ""

    Auto-generated documentation for [Demo](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/demo-svc.html#demosvc)
    type annotations stubs module [types-boto3-demo-svc](https://pypi.org/project/types-boto3-demo-svc/).
"""


def page(title: str, body: str) -> str:
    crumb = f"> [Index](../README.md) > [Demo](./README.md) > {title}"
    return f"# {title}\n\n{crumb}\n\n{NOTE}\n" + textwrap.dedent(body).lstrip("\n")


def client_page(body: str) -> str:
    head = """
        ## DemoClient

        Type annotations and code completion for `#!python boto3.client("demo-svc")`.

        ## Methods

    """
    return page("DemoClient", textwrap.dedent(head) + textwrap.dedent(body))


def read(text: str, path: str = "demo.md") -> tuple[Service, list[Diagnostic]]:
    return read_markdown_new(path, text)


def codes(diags: list[Diagnostic]) -> list[str]:
    return [f"{d.level.value} {d.code}" for d in diags]


def members(service: Service, name: str) -> dict[str, tuple[ModelType, bool]]:
    return {m.name: (m.type, m.required) for m in service.struct(name).members}


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` line containing ``needle``."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[nth - 1]


# ---------------------------------------------------------------------------
# detection


def test_looks_like() -> None:
    assert looks_like(seed("004").read_text())
    assert not looks_like(seed("001").read_text())  # a reference page (text)
    assert not looks_like("# Title\n\nSome prose, no code.\n")
    assert not looks_like("```python\n# x method definition\n```\n")  # no title
    assert not looks_like((DOCS / "README.md").read_text())


def test_pages_it_does_not_read_raise() -> None:
    with pytest.raises(DiagnosticError) as info:
        read("# Notes\n\nplain text\n")
    assert info.value.diagnostic.code == "not-a-markdown-page"
    # the builder's service_resource.md has definitions but is not read
    text = page("DemoServiceResource", '```python\n# get_available_subresources method definition\n\ndef get_available_subresources(self) -> Sequence[str]:\n    ...\n```\n')
    with pytest.raises(DiagnosticError) as info:
        read(text)
    assert info.value.diagnostic.code == "not-a-markdown-page"
    assert info.value.diagnostic.level is Level.ERROR


# ---------------------------------------------------------------------------
# client page fragments

CREATE = """
    ### create\\_thing

    Creates a thing.

    Type annotations and code completion for `#!python boto3.client("demo-svc").create_thing` method.

    ```python
    # create_thing method definition

    def create_thing(
        self,
        *,
        Name: str,
        Size: int = ...,
        Tags: Sequence[Mapping[str, Sequence[TagTypeDef]]] = ...,  # (1)
        When: TimestampTypeDef,
        Shape: ShapeUnionTypeDef = ...,  # (2)
        Odd: Awaitable[int] = ...,
    ) -> CreateThingResponseTypeDef:  # (3)
        ...
    ```

    1. See `Sequence[Mapping[str, Sequence[TagTypeDef]]]`

    ```python
    # create_thing method usage example with argument unpacking

    kwargs: MakeThingRequestTypeDef = {  # (1)
        "Name": ...,
    }

    parent.create_thing(**kwargs)
    ```

    ### delete\\_thing

    ```python
    # delete_thing method definition

    def delete_thing(
        self,
        *,
        Name: str,
    ) -> Dict[str, Any]:
        ...
    ```

    ### stop\\_thing

    ```python
    # stop_thing method definition

    def stop_thing(
        self,
        *,
        Name: str,
    ) -> EmptyResponseMetadataTypeDef:
        ...
    ```

    ```python
    # stop_thing method usage example with argument unpacking

    kwargs: StopThingRequestRequestTypeDef = {  # (1)
        "Name": ...,
    }

    parent.stop_thing(**kwargs)
    ```

    ### describe\\_account

    ```python
    # describe_account method definition

    def describe_account(
        self,
    ) -> DescribeAccountResponseTypeDef:
        ...
    ```

    ### upload\\_file

    ```python
    # upload_file method definition

    def upload_file(
        self,
        Filename: str,
        Bucket: str,
        ExtraArgs: Optional[Dict[str, Any]] = None,
        Retries: int = 3,
    ) -> None:
        ...
    ```

    ### can\\_paginate

    ```python
    # can_paginate method definition

    def can_paginate(
        self,
        operation_name: str,
    ) -> bool:
        ...
    ```
"""


def test_client_operations() -> None:
    text = client_page(CREATE)
    service, diags = read(text)
    assert service.name == "Demo"
    assert service.client_id == "demo-svc"
    assert service.module_name == "types_boto3_demo_svc"
    assert service.origin == "markdown-new"
    assert service.sources == ("demo.md",)
    ops = {o.method_name: o for o in service.operations}
    assert list(ops) == ["create_thing", "delete_thing", "stop_thing", "describe_account"]
    create = ops["create_thing"]
    # the usage block names the request: the operation is named after it
    assert create.name == "MakeThing"
    assert create.input == StructRef("MakeThingRequest")
    assert create.output == StructRef("CreateThingResponse")
    assert create.doc == "Creates a thing."
    assert create.span == SourceSpan("demo.md", line_of(text, "### create\\_thing"))
    assert members(service, "MakeThingRequest") == {
        "Name": (STR, True),
        "Size": (INT, False),
        "Tags": (ListType(MapType(STR, ListType(StructRef("Tag")))), False),
        "When": (TIMESTAMP, True),
        "Shape": (StructRef("Shape"), False),  # XUnionTypeDef is X
        "Odd": (ANY, False),
    }
    shape = service.struct("MakeThingRequest")
    assert shape.span.line == line_of(text, "def create_thing(")
    assert [m.span.line for m in shape.members][:2] == [line_of(text, "Name: str,"), line_of(text, "Size: int = ...")]
    # Dict[str, Any]: a response structure without members; EmptyResponseMetadataTypeDef: none
    assert ops["delete_thing"].output == StructRef("DeleteThingResponse")
    assert service.struct("DeleteThingResponse").members == ()
    assert not ops["delete_thing"].returns_none
    assert ops["delete_thing"].name == "DeleteThing"  # no usage block: from the method name
    assert ops["delete_thing"].input == StructRef("DeleteThingRequest")
    assert ops["stop_thing"].output is None
    assert ops["stop_thing"].name == "StopThing"  # 8.0's XRequestRequestTypeDef
    assert ops["stop_thing"].input == StructRef("StopThingRequestRequest")
    assert ops["describe_account"].input is None
    assert ops["describe_account"].output == StructRef("DescribeAccountResponse")
    # explicit signatures are extra methods; builtins are skipped
    assert service.extra_methods == (
        (
            "upload_file",
            (
                ExtraParam(name="Filename", annotation=STR),
                ExtraParam(name="Bucket", annotation=STR),
                ExtraParam(name="ExtraArgs", default="...", annotation=MapType(STR, ANY)),
                ExtraParam(name="Retries", default="3", annotation=INT),
            ),
        ),
    )
    assert service.extra_returns == (("upload_file", ScalarType(ScalarKind.NONE)),)
    assert {s.name for s in service.structs} == {"MakeThingRequest", "DeleteThingRequest", "DeleteThingResponse", "StopThingRequestRequest"}
    odd = [d for d in diags if d.code == "unknown-annotation"]
    assert len(odd) == 1 and odd[0].level is Level.WARNING
    assert odd[0].span == SourceSpan("demo.md", line_of(text, "Odd: Awaitable"))
    assert codes(diags) == ["warning unknown-annotation", "info no-request-name"]


def test_client_exceptions_and_getters() -> None:
    text = page(
        "DemoClient",
        """
        ## DemoClient

        Type annotations and code completion for `#!python boto3.client("demo-svc")`.

        ## Exceptions

        ```python
        # Exceptions.exceptions usage example

        client = boto3.client("demo-svc")

        try:
            do_something(client)
        except (
            client.exceptions.BadThingException,
            client.exceptions.ClientError,
            client.exceptions.NotFoundException,
        ) as e:
            print(e)
        ```

        ## Methods

        ### get_paginator

        Type annotations and code completion for `#!python boto3.client("demo-svc").get_paginator` method with overloads.

        - `client.get_paginator("list_things")` -> [ListThingsPaginator](./paginators.md#listthingspaginator)
        - `client.get_paginator("list_all_the_things")` -> [ListAllPaginator](./paginators.md#listallpaginator)

        ### get_waiter

        ```python
        # get_waiter method definition

        @overload
        def get_waiter(self, waiter_name: Literal["thing_exists"]) -> ThingExistsWaiter:
            ...

        @overload
        def get_waiter(self, waiter_name: Literal["thing_gone"]) -> ThingGoneWaiter:
            ...
        ```
        """,
    )
    service, diags = read(text)
    assert diags == []
    assert service.errors == (
        ServiceError(name="BadThingException", span=SourceSpan("demo.md", line_of(text, "exceptions.BadThingException"))),
        ServiceError(name="NotFoundException", span=SourceSpan("demo.md", line_of(text, "exceptions.NotFoundException"))),
    )
    assert service.paginators == (
        Paginator(name="ListThings", method_name="list_things", span=SourceSpan("demo.md", line_of(text, '"list_things"'))),
        Paginator(name="ListAll", method_name="list_all_the_things", span=SourceSpan("demo.md", line_of(text, '"list_all_the_things"'))),
    )
    assert [(w.name, w.waiter_name) for w in service.waiters] == [("ThingExists", "thing_exists"), ("ThingGone", "thing_gone")]
    assert service.operations == ()


def test_unpack_kwargs_definition() -> None:
    service, diags = read(
        client_page(
            """
            ### put\\_thing

            ```python
            # put_thing method definition

            def put_thing(self, **kwargs: Unpack[PutThingRequestTypeDef]) -> PutThingResponseTypeDef:
                ...
            ```
            """
        )
    )
    assert diags == []
    (op,) = service.operations
    assert op.input == StructRef("PutThingRequest")
    assert service.structs == ()  # the type_defs page defines it


def test_bad_blocks_are_diagnostics() -> None:
    text = client_page(
        """
        ### make\\_thing

        ```python
        # make_thing method definition

        def make_thing(
            self,
            *,
            Name: str = = ...,
        ) -> None:
            ...
        ```

        ### other\\_thing

        No code here.
        """
    )
    service, diags = read(text)
    assert service.operations == ()
    assert [(d.level, d.code, d.span.line) for d in diags] == [
        (Level.WARNING, "bad-code-block", line_of(text, "Name: str = = ...")),
        (Level.WARNING, "missing-definition", line_of(text, "### make\\_thing")),
        (Level.WARNING, "missing-definition", line_of(text, "### other\\_thing")),
    ]


def test_unreadable_usage_example_is_only_a_note() -> None:
    # the builder prints ``def get_chime-sdk-identity_client()`` for hyphenated ids
    text = page(
        "DemoClient",
        """
        ## DemoClient

        ```python
        # DemoClient usage example

        from boto3.session import Session
        from types_boto3_demo_svc.client import DemoClient

        def get_demo-svc_client() -> DemoClient:
            return Session().client("demo-svc")
        ```

        ## Methods

        ### ping

        ```python
        # ping method definition

        def ping(self) -> None:
            ...
        ```
        """,
    )
    service, diags = read(text)
    assert codes(diags) == ["info unreadable-example"]
    assert diags[0].span.line == line_of(text, "def get_demo-svc_client")
    assert service.client_id == "demo-svc"  # from the note's boto3 link
    assert [(o.name, o.input, o.output) for o in service.operations] == [("Ping", None, None)]


# ---------------------------------------------------------------------------
# type_defs page fragments

TYPE_DEFS = '''
    ## TimestampTypeDef

    ```python
    # TimestampTypeDef definition

    TimestampTypeDef = Union[
        datetime.datetime,
        str,
    ]
    ```

    ## ShapeUnionTypeDef

    ```python
    # ShapeUnionTypeDef definition

    ShapeUnionTypeDef = Union[
        ShapeTypeDef,  # (1)
        ShapeOutputTypeDef,  # (2)
    ]
    ```

    ## ShapeTypeDef

    ```python
    # ShapeTypeDef TypedDict usage example

    from types_boto3_demo_svc.type_defs import ShapeTypeDef


    def get_value() -> ShapeTypeDef:
        return {
            "Sides": ...,
        }


    # ShapeTypeDef definition

    class ShapeTypeDef(TypedDict):
        Sides: int,
        Corners: NotRequired[Sequence[CornerTypeDef]],  # (1)
        Made: NotRequired[TimestampTypeDef],
    ```

    ## ShapeOutputTypeDef

    ```python
    # ShapeOutputTypeDef definition

    class ShapeOutputTypeDef(TypedDict):
        Sides: NotRequired[int],
        Corners: NotRequired[List[CornerOutputTypeDef]],  # (1)
        Made: NotRequired[datetime.datetime],
    ```

    ## CornerTypeDef

    ```python
    # CornerTypeDef definition

    class CornerTypeDef(TypedDict):
        Angle: float,
    ```

    ## CornerOutputTypeDef

    ```python
    # CornerOutputTypeDef definition

    class CornerOutputTypeDef(TypedDict):
        Angle: float,
    ```

    ## JobTypeDef

    ```python
    # JobTypeDef definition

    class JobTypeDef(TypedDict):
        Id: str,
    ```

    ## JobOutputTypeDef

    ```python
    # JobOutputTypeDef definition

    class JobOutputTypeDef(TypedDict):
        Key: str,
        Status: JobStatusType,  # (1)
    ```

    ## KeywordsTypeDef

    ```python
    # KeywordsTypeDef definition

    class KeywordsTypeDef(TypedDict):
        from: str,
        aws:SourceArn: NotRequired[str],  # (1)
        Shape: ShapeUnionTypeDef,
        Mode: NotRequired[Literal["fast", "slow"]],
    ```

    ## FunctionalTypeDef

    ```python
    # FunctionalTypeDef definition

    FunctionalTypeDef = TypedDict(
        "FunctionalTypeDef",
        {
            "class": str,
            "x-y": NotRequired[Mapping[str, Sequence[ShapeTypeDef]]],
            "Must": Required[bool],
        },
        total=False,
    )
    ```

    ## GetThingResponseTypeDef

    ```python
    # GetThingResponseTypeDef definition

    class GetThingResponseTypeDef(TypedDict):
        Shape: ShapeOutputTypeDef,  # (1)
        ResponseMetadata: ResponseMetadataTypeDef,  # (2)
        NextToken: NotRequired[str],
    ```

    ## ResponseMetadataTypeDef

    ```python
    # ResponseMetadataTypeDef definition

    class ResponseMetadataTypeDef(TypedDict):
        RequestId: str,
        HTTPStatusCode: int,
        HTTPHeaders: Dict[str, str],
        RetryAttempts: int,
        HostId: NotRequired[str],
    ```

    ## OldStyleTypeDef

    ```python
    # OldStyleTypeDef definition

    _RequiredOldStyleTypeDef = TypedDict("_RequiredOldStyleTypeDef", {"Id": str})
    _OptionalOldStyleTypeDef = TypedDict("_OptionalOldStyleTypeDef", {"Note": str}, total=False)

    class OldStyleTypeDef(_RequiredOldStyleTypeDef, _OptionalOldStyleTypeDef):
        pass
    ```
'''


def test_type_defs_page() -> None:
    text = page("Type definitions", TYPE_DEFS)
    service, diags = read(text, "type_defs.md")
    assert service.name == "Demo"
    assert service.client_id == "demo-svc"  # from the note's boto3 link
    assert service.module_name == "types_boto3_demo_svc"
    assert [s.name for s in service.structs] == [
        "Shape",
        "Corner",
        "Job",
        "JobOutput",  # different keys: not the output side of Job
        "Keywords",
        "Functional",
        "GetThingResponse",
        "OldStyle",
    ]
    # XTypeDef + XOutputTypeDef are one shape with the request side's flags
    assert members(service, "Shape") == {
        "Sides": (INT, True),
        "Corners": (ListType(StructRef("Corner")), False),
        "Made": (TIMESTAMP, False),
    }
    assert members(service, "JobOutput") == {"Key": (STR, True), "Status": (EnumRef("JobStatus"), True)}
    assert members(service, "Keywords") == {
        "from": (STR, True),
        "aws:SourceArn": (STR, False),
        "Shape": (StructRef("Shape"), True),
        "Mode": (EnumRef("KeywordsMode"), False),
    }
    assert service.enums == (EnumShape(name="KeywordsMode", values=("fast", "slow"), span=SourceSpan("type_defs.md", line_of(text, 'Literal["fast"'))),)
    assert members(service, "Functional") == {
        "class": (STR, False),
        "x-y": (MapType(STR, ListType(StructRef("Shape"))), False),
        "Must": (BOOL, True),
    }
    # ResponseMetadata is the renderer's
    assert members(service, "GetThingResponse") == {"Shape": (StructRef("Shape"), True), "NextToken": (STR, False)}
    assert members(service, "OldStyle") == {"Id": (STR, True), "Note": (STR, False)}
    shape = service.struct("Shape")
    assert shape.span == SourceSpan("type_defs.md", line_of(text, "class ShapeTypeDef(TypedDict):"))
    assert [m.span.line for m in shape.members] == [line_of(text, "Sides: int,"), line_of(text, "Corners: NotRequired[Sequence"), line_of(text, "Made: NotRequired[Timestamp")]
    assert members(service, "Functional") and service.struct("Functional").members[1].span.line == line_of(text, '"x-y":')
    assert codes(diags) == ["info output-variant"]
    assert diags[0].span.line == line_of(text, "class ShapeOutputTypeDef")
    assert "Sides" in diags[0].message


def test_output_with_same_keys_but_other_member_types_is_its_own_shape() -> None:
    # glue: CatalogPropertiesOutput is a botocore shape of its own whose member
    # is a DataLakeAccessPropertiesOutput (more keys), not the response side of
    # CatalogProperties; and a parent of it (CatalogInput) cannot fold either
    defs = ""
    for name, body in [
        ("LakeTypeDef", "Access: NotRequired[bool],"),
        ("LakeOutputTypeDef", "Access: NotRequired[bool],\n    Status: NotRequired[str],"),
        ("CatalogPropsTypeDef", "Lake: NotRequired[LakeTypeDef],\n    Custom: NotRequired[Mapping[str, str]],"),
        ("CatalogPropsOutputTypeDef", "Lake: NotRequired[LakeOutputTypeDef],\n    Custom: NotRequired[Dict[str, str]],"),
        ("CatalogTypeDef", "Props: NotRequired[CatalogPropsUnionTypeDef],\n    Tags: NotRequired[Sequence[TagTypeDef]],"),
        ("CatalogOutputTypeDef", "Props: NotRequired[CatalogPropsOutputTypeDef],\n    Tags: NotRequired[List[TagOutputTypeDef]],"),
        ("TagTypeDef", "Made: NotRequired[TimestampTypeDef],"),
        ("TagOutputTypeDef", "Made: NotRequired[datetime.datetime],"),
    ]:
        defs += f"\n## {name}\n\n```python\n# {name} definition\n\nclass {name}(TypedDict):\n    {body}\n```\n"
    defs += "\n## CatalogPropsUnionTypeDef\n\n```python\nCatalogPropsUnionTypeDef = Union[\n    CatalogPropsTypeDef,\n    CatalogPropsOutputTypeDef,\n]\n```\n"
    text = page("Type definitions", defs)
    service, diags = read(text, "type_defs.md")
    assert [s.name for s in service.structs] == ["Lake", "LakeOutput", "CatalogProps", "CatalogPropsOutput", "Catalog", "CatalogOutput", "Tag"]
    assert members(service, "CatalogPropsOutput")["Lake"] == (StructRef("LakeOutput"), False)
    assert members(service, "CatalogOutput") == {
        "Props": (StructRef("CatalogPropsOutput"), False),
        "Tags": (ListType(StructRef("Tag")), False),  # TagOutput folds: same member types
    }
    assert members(service, "Catalog")["Props"] == (StructRef("CatalogProps"), False)
    assert codes(diags) == ["info output-shape", "info output-shape"]
    assert diags[0].span.line == line_of(text, "class CatalogPropsOutputTypeDef")
    assert "Lake" in diags[0].message
    assert "Props" in diags[1].message


def test_unreadable_alias_and_duplicates() -> None:
    text = page(
        "Type definitions",
        """
        ```python
        # AttributeValueTypeDef definition

        AttributeValueTypeDef = Union[
            bytes,
            Frobnicate[int],
        ]

        class ItemTypeDef(TypedDict):
            Value: AttributeValueTypeDef,
            Other: Frobnicate[int],

        class ItemTypeDef(TypedDict):
            Value: str,
        ```
        """,
    )
    service, diags = read(text, "type_defs.md")
    assert members(service, "Item") == {"Value": (ANY, True), "Other": (ANY, True)}
    assert [(d.code, d.span.line) for d in diags] == [
        ("unknown-annotation", line_of(text, "AttributeValueTypeDef = Union[")),
        ("unknown-annotation", line_of(text, "Other: Frobnicate")),
        ("duplicate-definition", line_of(text, "class ItemTypeDef", 2)),
    ]


# ---------------------------------------------------------------------------
# literals, paginators, waiters fragments


def test_literals_page() -> None:
    text = page(
        "Literals",
        """
        ## ListThingsPaginatorName

        ```python
        # ListThingsPaginatorName definition
        ListThingsPaginatorName = Literal[
            "list_things",
        ]
        ```
        ## ThingExistsWaiterName

        ```python
        # ThingExistsWaiterName definition
        ThingExistsWaiterName = Literal[
            "thing_exists",
        ]
        ```
        ## SigningStatusType

        ```python
        # SigningStatusType usage example
        from types_boto3_demo_svc.literals import SigningStatusType

        def get_value() -> SigningStatusType:
            return "Failed"
        ```

        ```python
        # SigningStatusType definition
        SigningStatusType = Literal[
            "Failed",
            "InProgress",
            "Succeeded",
        ]
        ```
        ## UserTypeType

        ```python
        # UserTypeType definition
        UserTypeType = Literal["A", "B", "A"]
        ```
        ## DemoSvcServiceName

        ```python
        # DemoSvcServiceName definition
        DemoSvcServiceName = Literal[
            "demo-svc",
        ]
        ```
        ## ServiceName

        ```python
        # ServiceName definition
        ServiceName = Literal["accessanalyzer", "demo-svc"]
        RegionName = Literal["us-east-1"]
        PaginatorName = Literal["list_things"]
        WaiterName = Literal["thing_exists"]
        ResourceServiceName = Literal["dynamodb"]
        ```
        """,
    )
    service, diags = read(text, "literals.md")
    assert diags == []
    assert service.enums == (
        EnumShape(name="SigningStatus", values=("Failed", "InProgress", "Succeeded"), span=SourceSpan("literals.md", line_of(text, "SigningStatusType = Literal["))),
        EnumShape(name="UserType", values=("A", "B"), span=SourceSpan("literals.md", line_of(text, "UserTypeType = Literal["))),
    )
    assert service.paginators == (Paginator(name="ListThings", method_name="list_things", span=SourceSpan("literals.md", line_of(text, "ListThingsPaginatorName = "))),)
    assert service.waiters == (Waiter(name="ThingExists", waiter_name="thing_exists", span=SourceSpan("literals.md", line_of(text, "ThingExistsWaiterName = "))),)
    assert service.client_id == "demo-svc"
    assert service.structs == ()


PAGINATORS = """
    ## ListThingsPaginator

    Type annotations and code completion for `#!python boto3.client("demo-svc").get_paginator("list_things")`.

    ```python
    # ListThingsPaginator usage example with type annotations

    client = Session().client("demo-svc")  # (1)
    paginator: ListThingsPaginator = client.get_paginator("list_things")  # (2)
    for item in paginator.paginate(...):
        print(item)  # (3)
    ```

    ### paginate

    ```python
    # paginate method definition

    def paginate(
        self,
        *,
        Owner: str,
        Filters: Sequence[FilterTypeDef] = ...,  # (1)
        PaginationConfig: PaginatorConfigTypeDef = ...,  # (2)
    ) -> botocore.paginate.PageIterator[ListThingsResponseTypeDef]:  # (3)
        ...
    ```

    ```python
    # paginate method usage example with argument unpacking

    kwargs: ListThingsRequestPaginateTypeDef = {  # (1)
        "Owner": ...,
    }

    parent.paginate(**kwargs)
    ```
    ## ListOldPaginator

    ```python
    # paginate method definition

    def paginate(
        self,
        *,
        Owner: str,
    ) -> _PageIterator[ListOldResponseTypeDef]:
        ...
    ```
"""


def test_paginators_page() -> None:
    text = page("Paginators", PAGINATORS)
    service, diags = read(text, "paginators.md")
    first, second = service.paginators
    assert first == Paginator(
        name="ListThings",
        method_name="list_things",
        input=StructRef("ListThingsRequestPaginate"),
        output=StructRef("ListThingsResponse"),
        span=SourceSpan("paginators.md", line_of(text, "## ListThingsPaginator")),
    )
    assert members(service, "ListThingsRequestPaginate") == {
        "Owner": (STR, True),
        "Filters": (ListType(StructRef("Filter")), False),
        "PaginationConfig": (StructRef("PaginatorConfig"), False),
    }
    # no usage block, no getter call: names guessed, and said so
    assert (second.name, second.method_name, second.input, second.output) == (
        "ListOld",
        "list_old",
        StructRef("ListOldRequestPaginate"),
        StructRef("ListOldResponse"),
    )
    assert codes(diags) == ["warning missing-name", "info no-request-name"]


def test_waiters_page() -> None:
    # as the builder prints signer's waiter (async usage example included)
    text = page(
        "Waiters",
        """
        ## SuccessfulSigningJobWaiter

        Type annotations and code completion for `#!python boto3.client("signer").get_waiter("successful_signing_job")`.

        ```python
        # SuccessfulSigningJobWaiter usage example

        client = session.client("signer")  # (1)
        waiter: SuccessfulSigningJobWaiter = client.get_waiter("successful_signing_job")  # (2)
        await waiter.wait(...)
        ```

        ### wait

        ```python
        # wait method definition

        def wait(
            self,
            *,
            jobId: str,
            WaiterConfig: WaiterConfigTypeDef = ...,  # (1)
        ) -> None:
            ...
        ```

        ```python
        # wait method usage example with argument unpacking

        kwargs: DescribeSigningJobRequestWaitTypeDef = {  # (1)
            "jobId": ...,
        }

        parent.wait(**kwargs)
        ```
        """,
    )
    service, diags = read(text, "waiters.md")
    assert diags == []
    assert service.client_id == "signer"
    assert service.waiters == (
        Waiter(
            name="SuccessfulSigningJob",
            waiter_name="successful_signing_job",
            input=StructRef("DescribeSigningJobRequestWait"),
            span=SourceSpan("waiters.md", line_of(text, "## SuccessfulSigningJobWaiter")),
        ),
    )
    assert members(service, "DescribeSigningJobRequestWait") == {"jobId": (STR, True), "WaiterConfig": (StructRef("WaiterConfig"), False)}


def test_reading_is_deterministic() -> None:
    text = page("Type definitions", TYPE_DEFS)
    assert read(text) == read(text)


# ---------------------------------------------------------------------------
# the IdentityStore doc set: seed 004 and the pages rendered beside it


def read_doc(name: str) -> tuple[Service, list[Diagnostic]]:
    path = DOCS / name
    return read_markdown_new(f"identitystore/{name}", path.read_text())


def test_seed_is_the_client_page() -> None:
    assert (DOCS / "client.md").read_bytes() == seed("004").read_bytes()


def test_seed_004_client_page() -> None:
    path = seed("004")
    text = path.read_text()
    service, diags = read_markdown_new("004.md", text)
    assert diags == []
    assert (service.name, service.client_id, service.module_name) == ("IdentityStore", "identitystore", "types_boto3_identitystore")
    assert len(service.operations) == 19
    # one request per operation, and the five Dict[str, Any] (empty) responses
    assert len(service.structs) == 24
    assert sum(1 for s in service.structs if not s.members) == 5
    assert [e.name for e in service.errors] == [
        "AccessDeniedException",
        "ConflictException",
        "InternalServerException",
        "ResourceNotFoundException",
        "ServiceQuotaExceededException",
        "ThrottlingException",
        "ValidationException",
    ]
    assert [(p.name, p.method_name) for p in service.paginators] == [
        ("ListGroupMembershipsForMember", "list_group_memberships_for_member"),
        ("ListGroupMemberships", "list_group_memberships"),
        ("ListGroups", "list_groups"),
        ("ListUsers", "list_users"),
    ]
    assert service.waiters == ()
    assert service.extra_methods == ()
    assert service.enums == ()
    ops = {o.method_name: o for o in service.operations}
    assert "can_paginate" not in ops and "generate_presigned_url" not in ops
    empty = {s.name for s in service.structs if not s.members}
    assert sorted(m for m, o in ops.items() if o.output is not None and o.output.name in empty) == [
        "delete_group",
        "delete_group_membership",
        "delete_user",
        "update_group",
        "update_user",
    ]
    create = ops["create_user"]
    assert (create.name, create.input, create.output) == ("CreateUser", StructRef("CreateUserRequest"), StructRef("CreateUserResponse"))
    assert create.span == SourceSpan("004.md", 176)
    assert create.doc == "Creates a user within the specified identity store."
    assert ops["delete_group"].doc == "Delete a group within an identity store given <code>GroupId</code>."
    request = members(service, "CreateUserRequest")
    assert len(request) == 14
    assert request["IdentityStoreId"] == (STR, True)
    assert request["Name"] == (StructRef("Name"), False)
    assert request["Emails"] == (ListType(StructRef("Email")), False)
    assert [m.name for m in service.struct("CreateUserRequest").members if m.required] == ["IdentityStoreId"]
    timezone = service.struct("CreateUserRequest").members[-1]
    assert (timezone.name, timezone.span) == ("Timezone", SourceSpan("004.md", 202))
    assert text.splitlines()[201].strip() == "Timezone: str = ...,"
    assert members(service, "IsMemberInGroupsRequest") == {
        "IdentityStoreId": (STR, True),
        "MemberId": (StructRef("MemberId"), True),
        "GroupIds": (ListType(STR), True),
    }
    assert members(service, "UpdateGroupRequest")["Operations"] == (ListType(StructRef("AttributeOperation")), True)


def test_identitystore_type_defs() -> None:
    service, diags = read_doc("type_defs.md")
    assert diags == []
    assert (service.name, service.client_id, service.module_name) == ("IdentityStore", "identitystore", "types_boto3_identitystore")
    assert len(service.structs) == 52  # 53 sections less ResponseMetadataTypeDef
    assert not service.has_struct("ResponseMetadata")
    assert service.enums == () and service.operations == ()
    assert members(service, "Group") == {
        "GroupId": (STR, True),
        "IdentityStoreId": (STR, True),
        "DisplayName": (STR, False),
        "ExternalIds": (ListType(StructRef("ExternalId")), False),
        "Description": (STR, False),
    }
    assert members(service, "ListUsersResponse") == {"Users": (ListType(StructRef("User")), True), "NextToken": (STR, False)}
    assert members(service, "AttributeOperation") == {"AttributePath": (STR, True), "AttributeValue": (MapType(STR, ANY), False)}
    assert members(service, "PaginatorConfig") == {"MaxItems": (INT, False), "PageSize": (INT, False), "StartingToken": (STR, False)}
    group = service.struct("Group")
    assert group.span == SourceSpan("identitystore/type_defs.md", 464)
    assert group.members[0].span.line == 465
    # every reference on the page is defined on the page
    names = {s.name for s in service.structs}
    refs = {m.type.name for s in service.structs for m in s.members if isinstance(m.type, StructRef)}
    refs |= {m.type.item.name for s in service.structs for m in s.members if isinstance(m.type, ListType) and isinstance(m.type.item, StructRef)}
    assert refs <= names


def test_identitystore_type_defs_agree_with_the_client_page() -> None:
    client, _ = read_markdown_new("client.md", seed("004").read_text())
    type_defs, _ = read_doc("type_defs.md")
    for shape in (s for s in client.structs if s.members):
        assert members(client, shape.name) == members(type_defs, shape.name), shape.name
    for op in client.operations:
        # Dict[str, Any]: the client page's own empty response structure
        empty = op.output is not None and client.has_struct(op.output.name) and not client.struct(op.output).members
        assert op.output is None or empty or type_defs.has_struct(op.output.name), op.method_name


def test_identitystore_literals() -> None:
    service, diags = read_doc("literals.md")
    assert diags == []
    assert service.enums == ()  # IdentityStore has no enums; the global literals are skipped
    assert service.client_id == "identitystore"
    assert [(p.name, p.method_name) for p in service.paginators] == [
        ("ListGroupMembershipsForMember", "list_group_memberships_for_member"),
        ("ListGroupMemberships", "list_group_memberships"),
        ("ListGroups", "list_groups"),
        ("ListUsers", "list_users"),
    ]


def test_identitystore_paginators() -> None:
    service, diags = read_doc("paginators.md")
    assert diags == []
    assert service.client_id == "identitystore"
    assert [(p.name, p.method_name, p.input, p.output) for p in service.paginators] == [
        (
            "ListGroupMembershipsForMember",
            "list_group_memberships_for_member",
            StructRef("ListGroupMembershipsForMemberRequestPaginate"),
            StructRef("ListGroupMembershipsForMemberResponse"),
        ),
        ("ListGroupMemberships", "list_group_memberships", StructRef("ListGroupMembershipsRequestPaginate"), StructRef("ListGroupMembershipsResponse")),
        ("ListGroups", "list_groups", StructRef("ListGroupsRequestPaginate"), StructRef("ListGroupsResponse")),
        ("ListUsers", "list_users", StructRef("ListUsersRequestPaginate"), StructRef("ListUsersResponse")),
    ]
    assert members(service, "ListUsersRequestPaginate") == {
        "IdentityStoreId": (STR, True),
        "Filters": (ListType(StructRef("Filter")), False),
        "PaginationConfig": (StructRef("PaginatorConfig"), False),
    }
    assert service.paginators[0].span == SourceSpan("identitystore/paginators.md", 10)
    type_defs, _ = read_doc("type_defs.md")
    for shape in service.structs:
        assert members(service, shape.name) == members(type_defs, shape.name)


def test_identitystore_pages_merge_cleanly() -> None:
    pages = [read_doc(name)[0] for name in ("client.md", "literals.md", "paginators.md", "type_defs.md")]
    service, diags = merge(pages)
    assert diags == []  # no conflicts, nothing unresolved
    assert len(service.operations) == 19
    assert len(service.structs) == 57  # with the five empty responses of the client page
    assert all(p.input is not None and p.output is not None for p in service.paginators)
    assert len(service.errors) == 7


def test_overloaded_operation_reads_the_first_definition() -> None:
    text = client_page(
        """
        ### get\\_thing

        ```python
        # get_thing method definition

        @overload
        def get_thing(self, *, Id: str) -> GetThingResponseTypeDef:
            ...

        @overload
        def get_thing(self, *, Id: str, Full: Literal[True]) -> GetFullThingResponseTypeDef:
            ...
        ```

        ```python
        # get_thing method usage example with argument unpacking

        kwargs: GetThingRequestTypeDef = {  # (1)
            "Id": ...,
        }

        parent.get_thing(**kwargs)
        ```
        """
    )
    service, diags = read(text)
    (op,) = service.operations
    assert (op.name, op.input, op.output) == ("GetThing", StructRef("GetThingRequest"), StructRef("GetThingResponse"))
    assert members(service, "GetThingRequest") == {"Id": (STR, True)}
    assert [(d.level, d.code, d.span.line) for d in diags] == [(Level.INFO, "overloads", line_of(text, "def get_thing(", 2))]


def test_typeddict_printed_once_is_shared_with_its_printed_bytes() -> None:
    # dynamodb: the builder prints ONE AttributeValueTypeDef for both sides,
    # with `bytes` (not BlobTypeDef) and request-side containers; a TypedDict
    # with an XOutputTypeDef twin keeps reading `bytes` as a blob
    defs = ""
    for name, body in [
        ("AttributeValueTypeDef", "S: NotRequired[str],\n    B: NotRequired[bytes],\n    BS: NotRequired[Sequence[bytes]],"),
        ("RecordTypeDef", "Data: bytes,\n    Key: NotRequired[BlobTypeDef],"),
        ("RecordOutputTypeDef", "Data: bytes,\n    Key: NotRequired[bytes],"),
    ]:
        defs += f"\n## {name}\n\n```python\n# {name} definition\n\nclass {name}(TypedDict):\n    {body}\n```\n"
    service, diags = read(page("Type definitions", defs), "type_defs.md")
    assert not diags
    assert [s.name for s in service.structs] == ["AttributeValue", "Record"]
    value = service.struct("AttributeValue")
    assert value.shared
    bytes_ = ScalarType(ScalarKind.BYTES)
    assert members(service, "AttributeValue") == {"S": (STR, False), "B": (bytes_, False), "BS": (ListType(bytes_), False)}
    record = service.struct("Record")
    assert not record.shared
    blob = ScalarType(ScalarKind.BLOB)
    assert members(service, "Record") == {"Data": (blob, True), "Key": (blob, False)}
