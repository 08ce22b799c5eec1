"""The older mypy-boto3 markdown reader (builder 4.19–7.4): fragments, the
seeds 000/003 and the rendered doc sets in input_docs/*/mypy-boto3-docs/."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic, DiagnosticError, Level
from generator.model import (
    EnumRef,
    ExtraParam,
    ListType,
    MapType,
    ModelType,
    ScalarKind,
    ScalarType,
    Service,
    StructRef,
)
from generator.parsers.detect import looks_like_markdown_old as looks_like
from generator.parsers.markdown_old import operation_name, read_markdown_old

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
CHIME = ROOT / "input_docs" / "chime-sdk-identity" / "mypy-boto3-docs"
COGNITO = ROOT / "input_docs" / "cognito-identity" / "mypy-boto3-docs"

STR = ScalarType(ScalarKind.STRING)
INT = ScalarType(ScalarKind.INTEGER)
ANY = ScalarType(ScalarKind.ANY)


def header(title: str) -> str:
    return textwrap.dedent(
        f"""\
        # {title} for boto3 Demo module

        > [Index](..) > [Demo](.) > {title}

        Auto-generated documentation for
        [Demo](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/demo-svc.html#Demo)
        type annotations stubs module
        [mypy_boto3_demo_svc](https://pypi.org/project/mypy-boto3-demo-svc/).

        """
    )


HEADER_LINES = header("X").count("\n")


def client_page(methods: str, exceptions: str = "- `Exceptions.ClientError`\n") -> str:
    return (
        header("DemoClient")
        + textwrap.dedent(
            """\
            ## DemoClient

            Type annotations for `boto3.client("demo-svc")`

            ## Exceptions

            Exceptions:

            """
        )
        + exceptions
        + "\n## Methods\n\n"
        + textwrap.dedent(methods).lstrip("\n")
    )


def read(text: str, path: str = "demo.md") -> tuple[Service, list[Diagnostic]]:
    return read_markdown_old(path, text)


def codes(diags: list[Diagnostic]) -> list[str]:
    return [f"{d.level.value} {d.code}" for d in diags]


def members(service: Service, name: str) -> dict[str, tuple[ModelType, bool]]:
    return {m.name: (m.type, m.required) for m in service.struct(name).members}


def line_of(text: str, needle: str) -> int:
    return text.split("\n").index(needle) + 1


# ---------------------------------------------------------------------------
# client page fragments

CREATE_THING = """
### create\\_thing

Creates a thing.

Type annotations for `boto3.client("demo-svc").create_thing` method.

Boto3 documentation:
[Demo.Client.create_thing](https://example.invalid)

Arguments mapping described in
[CreateThingRequestRequestTypeDef](./type_defs.md#createthingrequestrequesttypedef).

Keyword-only arguments:

- `Name`: `str` *(required)*
- `Count`: `int`
- `Nested`:
  `Sequence`\\[`Mapping`\\[`str`, `Sequence`\\[[TagTypeDef](./type_defs.md#tagtypedef)\\]\\]\\]
  *(required)*
- `Mode`: [ModeType](./literals.md#modetype)
- `Inline`: `Literal['a', 'b']` (see [InlineType](./literals.md#inlinetype))
- `Legacy`: `Dict`\\[`str`, `List`\\[`str`\\]\\]
- `Forward`: [NodeTypeDef](#nodetypedef)
- `my\\_key`: `str`

Returns
[CreateThingResponseTypeDef](./type_defs.md#createthingresponsetypedef).
"""


def test_client_page_operation_request_and_response() -> None:
    text = client_page(CREATE_THING)
    service, diags = read(text)
    assert diags == []
    assert (service.name, service.client_id, service.module_name) == ("Demo", "demo-svc", "mypy_boto3_demo_svc")
    assert service.origin == "markdown-old"
    (op,) = service.operations
    assert op.method_name == "create_thing"
    assert op.name == "CreateThing"
    assert op.doc == "Creates a thing."
    assert op.input == StructRef("CreateThingRequestRequest")
    assert op.output == StructRef("CreateThingResponse")
    assert op.span.line == line_of(text, "### create\\_thing")
    # the request shape comes from the keyword-only list; the response is
    # left for type_defs.md
    assert [s.name for s in service.structs] == ["CreateThingRequestRequest"]
    got = members(service, "CreateThingRequestRequest")
    assert got["Name"] == (STR, True)
    assert got["Count"] == (INT, False)
    assert got["Nested"] == (ListType(MapType(STR, ListType(StructRef("Tag")))), True)
    assert got["Mode"] == (EnumRef("Mode"), False)
    assert got["Inline"] == (EnumRef("Inline"), False)
    assert got["Legacy"] == (MapType(STR, ListType(STR)), False)
    assert got["Forward"] == (StructRef("Node"), False)
    assert got["my_key"] == (STR, False)  # `\_` unescaped
    assert list(got) == ["Name", "Count", "Nested", "Mode", "Inline", "Legacy", "Forward", "my_key"]
    nested = next(m for m in service.struct("CreateThingRequestRequest").members if m.name == "Nested")
    assert nested.span.line == line_of(text, "- `Nested`:")
    assert service.struct("CreateThingRequestRequest").span.line == line_of(text, "Arguments mapping described in")


def test_exceptions_skip_client_error() -> None:
    text = client_page(
        "",
        exceptions="- `Exceptions.BadRequestException`\n- `Exceptions.ClientError`\n- `Exceptions.ThrottledClientException`\n",
    )
    service, diags = read(text)
    assert diags == []
    assert [e.name for e in service.errors] == ["BadRequestException", "ThrottledClientException"]
    assert service.errors[0].span.line == line_of(text, "- `Exceptions.BadRequestException`")


def test_returns_none_missing_and_untyped() -> None:
    text = client_page(
        """
        ### delete_thing

        Type annotations for `boto3.client("demo-svc").delete_thing` method.

        Arguments mapping described in
        [DeleteThingInputTypeDef](./type_defs.md#deletethinginputtypedef).

        Keyword-only arguments:

        - `ThingId`: `str` *(required)*

        ### tag_thing

        Type annotations for `boto3.client("demo-svc").tag_thing` method.

        Arguments mapping described in
        [TagThingInputTypeDef](./type_defs.md#tagthinginputtypedef).

        Keyword-only arguments:

        - `Tags`: `Dict`\\[`str`, `str`\\] *(required)*

        Returns `Dict`\\[`str`, `Any`\\].

        ### stop_thing

        Type annotations for `boto3.client("demo-svc").stop_thing` method.

        Returns None.

        ### list_things

        Returns a list of things.

        Type annotations for `boto3.client("demo-svc").list_things` method.

        Returns [ListThingsResultTypeDef](./type_defs.md#listthingsresulttypedef).
        """
    )
    service, diags = read(text)
    ops = {o.method_name: o for o in service.operations}
    assert ops["delete_thing"].output is None
    assert ops["delete_thing"].name == "DeleteThing"  # ...Input
    assert ops["delete_thing"].input == StructRef("DeleteThingInput")
    # Returns Dict[str, Any]: a response structure without members
    assert ops["tag_thing"].output == StructRef("TagThingResponse")
    assert service.struct("TagThingResponse").members == ()
    assert ops["stop_thing"].input is None and ops["stop_thing"].output is None
    assert ops["stop_thing"].name == "StopThing"
    # a description starting with "Returns" is the description
    assert ops["list_things"].doc == "Returns a list of things."
    assert ops["list_things"].output == StructRef("ListThingsResult")
    assert codes(diags) == []
    assert members(service, "TagThingInput") == {"Tags": (MapType(STR, STR), True)}


def test_overload_lists_give_paginators_and_waiters() -> None:
    text = client_page(
        """
        ### can_paginate

        Type annotations for `boto3.client("demo-svc").can_paginate` method.

        Arguments:

        - `operation_name`: `str` *(required)*

        Returns `bool`.

        ### get_paginator

        Type annotations for `boto3.client("demo-svc").get_paginator` method
        with overloads.

        - `client.get_paginator("list_identity_pools")` ->
          [ListIdentityPoolsPaginator](./paginators.md#listidentitypoolspaginator)
        - `client.get_paginator("describe_db_instances")` ->
          [DescribeDBInstancesPaginator](./paginators.md#describedbinstancespaginator)

        ### get_waiter

        Type annotations for `boto3.client("demo-svc").get_waiter` method with overloads.

        - `client.get_waiter("table_exists")` -> [TableExistsWaiter](./waiters.md#tableexistswaiter)
        """
    )
    service, diags = read(text)
    assert diags == []
    assert service.operations == ()
    assert service.extra_methods == ()
    assert [(p.name, p.method_name) for p in service.paginators] == [
        ("ListIdentityPools", "list_identity_pools"),
        ("DescribeDBInstances", "describe_db_instances"),
    ]
    assert service.paginators[0].input is None and service.paginators[0].output is None
    assert service.paginators[0].span.line == line_of(text, '- `client.get_paginator("list_identity_pools")` ->')
    assert [(w.name, w.waiter_name) for w in service.waiters] == [("TableExists", "table_exists")]


def test_explicit_argument_methods_are_extra_methods() -> None:
    text = client_page(
        """
        ### generate_presigned_url

        Type annotations for `boto3.client("demo-svc").generate_presigned_url` method.

        Arguments:

        - `ClientMethod`: `str` *(required)*
        - `Params`: `Mapping`\\[`str`, `Any`\\]

        Returns `str`.

        ### upload_file

        Upload a file.

        Type annotations for `boto3.client("demo-svc").upload_file` method.

        Arguments mapping described in
        [ClientUploadFileRequestTypeDef](./type_defs.md#clientuploadfilerequesttypedef).

        Arguments:

        - `Filename`: `str` *(required)*
        - `Callback`: `Callable`\\[`...`, `Any`\\]
        - `Config`: `TransferConfig`
        """
    )
    service, diags = read(text)
    assert diags == []  # the explicit parameters' types are not needed
    assert service.operations == ()
    assert service.structs == ()
    assert service.extra_methods == (
        (
            "upload_file",
            (
                ExtraParam(name="Filename", default=None, annotation=ScalarType(ScalarKind.STRING)),
                ExtraParam(name="Callback", default="...", annotation=ScalarType(ScalarKind.CALLABLE)),
                ExtraParam(name="Config", default="...", annotation=ScalarType(ScalarKind.TRANSFER_CONFIG)),
            ),
        ),
    )


def test_bad_lines_are_warnings() -> None:
    text = client_page(
        """
        ### put_thing

        Type annotations for `boto3.client("demo-svc").put_thing` method.

        Arguments mapping described in
        [PutThingRequestRequestTypeDef](./type_defs.md#putthingrequestrequesttypedef).

        Keyword-only arguments:

        - `Good`: `str` *(required)*
        - `Weird`: `Frobnicate`\\[`str`\\]
        - no name here
        - `Good`: `int`
        - `Broken`: `Sequence`\\[`str`
        """
    )
    service, diags = read(text)
    assert codes(diags) == [
        "warning unknown-annotation",
        "warning bad-member-line",
        "warning duplicate-parameter",
        "warning unknown-annotation",
    ]
    assert diags[0].span == service.struct("PutThingRequestRequest").members[1].span
    assert diags[1].span.line == line_of(text, "- no name here")
    got = members(service, "PutThingRequestRequest")
    assert got == {"Good": (STR, True), "Weird": (ANY, False), "Broken": (ANY, False)}
    assert all(str(d.span).startswith("demo.md:") for d in diags)


def test_duplicate_method_first_wins() -> None:
    section = """
    ### get_thing

    Type annotations for `boto3.client("demo-svc").get_thing` method.

    Returns [GetThingResponseTypeDef](./type_defs.md#getthingresponsetypedef).
    """
    service, diags = read(client_page(section + section))
    assert [o.method_name for o in service.operations] == ["get_thing"]
    assert codes(diags) == ["warning duplicate-method"]


def test_builder_7_escaped_headings_and_session_client() -> None:
    text = textwrap.dedent(
        """\
        # DemoClient for boto3 Demo module

        > [Index](../README.md) > [Demo](./README.md) > DemoClient

        Auto-generated documentation for [Demo](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/demo-svc.html#Demo)
        type annotations stubs module [mypy-boto3-demo-svc](https://pypi.org/project/mypy-boto3-demo-svc/).

        ## DemoClient

        Type annotations for `boto3.client("demo-svc")`

        ```python
        from boto3.session import Session
        from mypy_boto3_demo_svc.client import DemoClient

        def get_demo-svc_client() -> DemoClient:
            return Session().client("demo-svc")
        ```

        ## Methods

        ### get\\_thing\\_status

        Type annotations for `boto3.client("demo-svc").get_thing_status` method.

        Arguments mapping described in
        [GetThingStatusRequestRequestTypeDef](./type_defs.md#getthingstatusrequestrequesttypedef).

        Keyword-only arguments:

        - `ThingId`: `str` *(required)*

        Returns [EmptyResponseMetadataTypeDef](./type_defs.md#emptyresponsemetadatatypedef).
        """
    )
    assert looks_like(text)
    service, diags = read(text)
    assert diags == []
    assert service.module_name == "mypy_boto3_demo_svc"
    (op,) = service.operations
    assert (op.method_name, op.name, op.output) == ("get_thing_status", "GetThingStatus", None)


@pytest.mark.parametrize(
    ("method", "request_name", "expected"),
    [
        ("create_app_instance", "CreateAppInstanceRequestRequest", "CreateAppInstance"),
        ("create_identity_pool", "CreateIdentityPoolInput", "CreateIdentityPool"),
        ("create_identity_pool", "CreateIdentityPoolInputRequest", "CreateIdentityPool"),
        ("describe_db_instances", "DescribeDBInstancesMessageRequest", "DescribeDBInstances"),
        ("list_things", "ListThingsRequest", "ListThings"),
        ("update_identity_pool", "IdentityPool", "UpdateIdentityPool"),
        ("get_id", None, "GetId"),
    ],
)
def test_operation_name(method: str, request_name: str | None, expected: str) -> None:
    assert operation_name(method, request_name) == expected


# ---------------------------------------------------------------------------
# type_defs, literals, paginators, waiters, README fragments


def test_type_defs_page() -> None:
    text = header("Typed dictionaries") + textwrap.dedent(
        """\
        - [Typed dictionaries for boto3 Demo module](#typed-dictionaries-for-boto3-demo-module)
          - [TagTypeDef](#tagtypedef)

        ## TagTypeDef

        ```python
        from mypy_boto3_demo_svc.type_defs import TagTypeDef
        ```

        Required fields:

        - `Key`: `str`
        - `Value`: `str`

        ## GetThingResponseTypeDef

        ```python
        from mypy_boto3_demo_svc.type_defs import GetThingResponseTypeDef
        ```

        Required fields:

        - `Thing`: [ThingTypeDef](./type_defs.md#thingtypedef)
        - `Tags`: `List`\\[[TagTypeDef](./type_defs.md#tagtypedef)\\]
        - `ResponseMetadata`:
          [ResponseMetadataTypeDef](./type_defs.md#responsemetadatatypedef)

        Optional fields:

        - `NextToken`: `str`
        - `When`: `datetime`

        ## EmptyTypeDef

        ```python
        from mypy_boto3_demo_svc.type_defs import EmptyTypeDef
        ```

        ## ResponseMetadataTypeDef

        Required fields:

        - `RequestId`: `str`

        ## NotATypedDict

        - `Stray`: `str`
        """
    )
    service, diags = read(text)
    assert service.module_name == "mypy_boto3_demo_svc"
    assert service.client_id == "demo-svc"  # from the boto3 documentation link
    assert [s.name for s in service.structs] == ["Tag", "GetThingResponse", "Empty"]
    assert members(service, "Tag") == {"Key": (STR, True), "Value": (STR, True)}
    assert members(service, "GetThingResponse") == {
        "Thing": (StructRef("Thing"), True),
        "Tags": (ListType(StructRef("Tag")), True),
        "NextToken": (STR, False),
        "When": (ScalarType(ScalarKind.TIMESTAMP), False),
    }
    assert service.struct("Empty").members == ()
    assert service.struct("Tag").span.line == line_of(text, "## TagTypeDef")
    assert service.struct("Tag").members[1].span.line == line_of(text, "- `Value`: `str`")
    assert codes(diags) == ["warning unexpected-section"]
    assert diags[0].span.line == line_of(text, "## NotATypedDict")


def test_literals_page() -> None:
    text = header("Literals") + textwrap.dedent(
        """\
        ## AllowMessagesType

        ```python
        from mypy_boto3_demo_svc.literals import AllowMessagesType
        ```

        Values:

        - `ALL`
        - `NONE`

        ## ListThingsPaginatorName

        Values:

        - `list_things`

        ## ServiceName

        Values:

        - `demo-svc`

        ## FencedType

        ```python
        FencedType = Literal["x", "y"]
        ```
        """
    )
    service, diags = read(text)
    assert [(e.name, e.values) for e in service.enums] == [("AllowMessages", ("ALL", "NONE")), ("Fenced", ("x", "y"))]
    assert service.enums[0].span.line == line_of(text, "## AllowMessagesType")
    assert codes(diags) == ["info builder-literal"]


def test_paginators_page() -> None:
    text = header("Paginators") + textwrap.dedent(
        """\
        ## ListThingsPaginator

        Type annotations for
        `boto3.client("demo-svc").get_paginator("list_things")`.

        Arguments for `ListThingsPaginator.paginate` method:

        - `Owner`: `str` *(required)*
        - `PaginationConfig`:
          [PaginatorConfigTypeDef](./type_defs.md#paginatorconfigtypedef)

        `ListThingsPaginator.paginate` returns
        `_PageIterator`\\[[ListThingsResponseTypeDef](./type_defs.md#listthingsresponsetypedef)\\].

        ## ScanPaginator

        Type annotations for `boto3.client("demo-svc").get_paginator("scan")`.

        Arguments mapping described in [ScanInputScanPaginateTypeDef](./type_defs.md#x).

        Arguments for `ScanPaginator.paginate` method:

        - `TableName`: `str` *(required)*

        `ScanPaginator.paginate` returns
        `PageIterator`\\[[ScanOutputTypeDef](./type_defs.md#scanoutputtypedef)\\].
        """
    )
    service, diags = read(text)
    assert diags == []
    first, second = service.paginators
    assert (first.name, first.method_name) == ("ListThings", "list_things")
    assert first.input == StructRef("ListThingsRequestPaginate")
    assert first.output == StructRef("ListThingsResponse")
    assert first.span.line == line_of(text, "## ListThingsPaginator")
    assert members(service, "ListThingsRequestPaginate") == {
        "Owner": (STR, True),
        "PaginationConfig": (StructRef("PaginatorConfig"), False),
    }
    assert (second.name, second.method_name, second.input, second.output) == (
        "Scan",
        "scan",
        StructRef("ScanInputScanPaginate"),
        StructRef("ScanOutput"),
    )


def test_waiters_page() -> None:
    text = header("Waiters") + textwrap.dedent(
        """\
        ## TableExistsWaiter

        Type annotations for
        `boto3.client("demo-svc").get_waiter("table_exists")`.

        Arguments for `TableExistsWaiter.wait` method:

        - `TableName`: `str` *(required)*
        - `WaiterConfig`: [WaiterConfigTypeDef](./type_defs.md#waiterconfigtypedef)
        """
    )
    service, diags = read(text)
    assert diags == []
    (waiter,) = service.waiters
    assert (waiter.name, waiter.waiter_name, waiter.input) == (
        "TableExists",
        "table_exists",
        StructRef("TableExistsRequestWait"),
    )
    assert members(service, "TableExistsRequestWait") == {
        "TableName": (STR, True),
        "WaiterConfig": (StructRef("WaiterConfig"), False),
    }


def test_readme_page_gives_errors_only() -> None:
    text = header("Type annotations") + textwrap.dedent(
        """\
        ## DemoClient

        Type annotations for `boto3.client("demo-svc")` as [DemoClient](./client.md)

        ### Methods

        - [get_thing](./client.md#get_thing)

        ### Exceptions

        DemoClient [exceptions](./client.md#exceptions)

        - BadRequestException
        - ClientError
        """
    )
    service, diags = read(text)
    assert diags == []
    assert [e.name for e in service.errors] == ["BadRequestException"]
    assert service.operations == () and service.structs == ()


def test_not_a_page_raises() -> None:
    with pytest.raises(DiagnosticError) as info:
        read("# Something else\n\nhello\n")
    assert info.value.diagnostic.code == "not-a-markdown-page"
    assert info.value.diagnostic.level is Level.ERROR


def test_looks_like() -> None:
    assert looks_like(client_page(CREATE_THING))
    assert looks_like((SEEDS / "000_9b20419efdb0acb3.txt").read_text())
    assert looks_like((SEEDS / "003_e31c28875af4b9ae.txt").read_text())
    # the newer docs (seed 004) and the reference pages are other readers'
    assert not looks_like((SEEDS / "004_be0b26acfead97ad.txt").read_text())
    assert not looks_like((SEEDS / "001_f54451974e013c18.txt").read_text())
    assert not looks_like("# Demo\n\nplain text\n")


# ---------------------------------------------------------------------------
# the seeds


def test_seed_000_chime_sdk_identity_client() -> None:
    path = SEEDS / "000_9b20419efdb0acb3.txt"
    service, diags = read_markdown_old(str(path), path.read_text())
    assert diags == []
    assert (service.name, service.client_id, service.module_name) == (
        "ChimeSDKIdentity",
        "chime-sdk-identity",
        "mypy_boto3_chime_sdk_identity",
    )
    assert len(service.operations) == 16
    assert len(service.structs) == 16
    assert service.paginators == () and service.waiters == () and service.extra_methods == ()
    assert [e.name for e in service.errors] == [
        "BadRequestException",
        "ConflictException",
        "ForbiddenException",
        "ResourceLimitExceededException",
        "ServiceFailureException",
        "ServiceUnavailableException",
        "ThrottledClientException",
        "UnauthorizedClientException",
    ]
    ops = {o.method_name: o for o in service.operations}
    create = ops["create_app_instance"]
    assert (create.name, create.input, create.output) == (
        "CreateAppInstance",
        StructRef("CreateAppInstanceRequestRequest"),
        StructRef("CreateAppInstanceResponse"),
    )
    assert create.doc == "Creates an Amazon Chime SDK messaging `AppInstance` under an AWS account."
    assert create.span.line == 102
    assert members(service, "CreateAppInstanceRequestRequest") == {
        "Name": (STR, True),
        "ClientRequestToken": (STR, True),
        "Metadata": (STR, False),
        "Tags": (ListType(StructRef("Tag")), False),
    }
    assert members(service, "PutAppInstanceRetentionSettingsRequestRequest") == {
        "AppInstanceArn": (STR, True),
        "AppInstanceRetentionSettings": (StructRef("AppInstanceRetentionSettings"), True),
    }
    assert ops["delete_app_instance"].output is None
    assert ops["list_app_instances"].doc.startswith("Lists all Amazon Chime `AppInstance` s")
    assert "exceptions" not in ops and "can_paginate" not in ops and "generate_presigned_url" not in ops
    assert all(o.name == "".join(p.title() for p in o.method_name.split("_")) for o in service.operations)


def test_seed_003_cognito_identity_client() -> None:
    path = SEEDS / "003_e31c28875af4b9ae.txt"
    service, diags = read_markdown_old(str(path), path.read_text())
    assert (service.name, service.client_id, service.module_name) == (
        "CognitoIdentity",
        "cognito-identity",
        "mypy_boto3_cognito_identity",
    )
    assert len(service.operations) == 23
    assert len(service.structs) == 25  # and the empty responses of tag_resource / untag_resource
    assert len(service.errors) == 11
    assert [(p.name, p.method_name) for p in service.paginators] == [("ListIdentityPools", "list_identity_pools")]
    assert service.paginators[0].span.line == 628
    ops = {o.method_name: o for o in service.operations}
    assert ops["get_id"].name == "GetId"
    assert ops["get_id"].input == StructRef("GetIdInput")
    assert ops["get_id"].output == StructRef("GetIdResponseResponse")
    assert ops["update_identity_pool"].name == "UpdateIdentityPool"
    assert ops["update_identity_pool"].input == StructRef("IdentityPool")
    assert ops["describe_identity"].doc.startswith("Returns metadata related to the given identity")
    assert ops["describe_identity"].output == StructRef("IdentityDescriptionResponse")
    for untyped in ("delete_identity_pool", "set_identity_pool_roles"):
        assert ops[untyped].output is None
    for empty in ("tag_resource", "untag_resource"):  # Returns Dict[str, Any]: an empty response structure
        assert service.struct(ops[empty].output).members == ()
    assert diags == []
    assert members(service, "CreateIdentityPoolInput")["CognitoIdentityProviders"] == (
        ListType(StructRef("CognitoIdentityProvider")),
        False,
    )
    assert members(service, "SetIdentityPoolRolesInput") == {
        "IdentityPoolId": (STR, True),
        "Roles": (MapType(STR, STR), True),
        "RoleMappings": (MapType(STR, StructRef("RoleMapping")), False),
    }
    assert members(service, "GetOpenIdTokenForDeveloperIdentityInput")["Logins"] == (MapType(STR, STR), True)


# ---------------------------------------------------------------------------
# the rendered doc sets


def _read_dir(folder: Path) -> dict[str, tuple[Service, list[Diagnostic]]]:
    return {p.name: read_markdown_old(str(p), p.read_text()) for p in sorted(folder.glob("*.md"))}


def _refs(t: ModelType) -> set[str]:
    if isinstance(t, StructRef):
        return {t.name}
    if isinstance(t, ListType):
        return _refs(t.item)
    if isinstance(t, MapType):
        return _refs(t.key) | _refs(t.value)
    return set()


def _enum_refs(t: ModelType) -> set[str]:
    if isinstance(t, EnumRef):
        return {t.name}
    if isinstance(t, ListType):
        return _enum_refs(t.item)
    if isinstance(t, MapType):
        return _enum_refs(t.key) | _enum_refs(t.value)
    return set()


def test_seeds_are_the_rendered_client_pages() -> None:
    assert (CHIME / "client.md").read_bytes() == (SEEDS / "000_9b20419efdb0acb3.txt").read_bytes()
    assert (COGNITO / "client.md").read_bytes() == (SEEDS / "003_e31c28875af4b9ae.txt").read_bytes()


@pytest.mark.parametrize("folder", [CHIME, COGNITO], ids=["chime-sdk-identity", "cognito-identity"])
def test_rendered_doc_set_is_consistent(folder: Path) -> None:
    pages = _read_dir(folder)
    for name, (service, diags) in pages.items():
        assert [d for d in diags if d.level is not Level.INFO] == [], name
        assert service.module_name is not None and service.module_name.startswith("mypy_boto3_")
        assert service.client_id == pages["client.md"][0].client_id
        assert service.name == pages["client.md"][0].name
    client = pages["client.md"][0]
    type_defs = pages["type_defs.md"][0]
    literals = pages["literals.md"][0]
    # the client page's own: empty responses (``Returns Dict[str, Any]``)
    defined = {s.name for s in type_defs.structs} | {s.name for s in client.structs if not s.members}
    enums = {e.name for e in literals.enums}
    # every name the client page uses is defined by type_defs.md
    used: set[str] = set()
    used_enums: set[str] = set()
    for op in client.operations:
        used |= {r.name for r in (op.input, op.output) if r is not None}
    for shape in type_defs.structs + client.structs:
        for m in shape.members:
            used |= _refs(m.type)
            used_enums |= _enum_refs(m.type)
    assert used <= defined
    assert used_enums <= enums
    # the client page's request shapes agree with type_defs.md
    for shape in (s for s in client.structs if s.members):
        assert [(m.name, m.type, m.required) for m in shape.members] == [
            (m.name, m.type, m.required) for m in type_defs.struct(shape.name).members
        ], shape.name
    # ResponseMetadata is the renderer's
    assert "ResponseMetadata" not in defined
    assert all(m.name != "ResponseMetadata" for s in type_defs.structs for m in s.members)
    # the README lists the client page's exceptions
    assert [e.name for e in pages["README.md"][0].errors] == [e.name for e in client.errors]


def test_rendered_chime_type_defs_and_literals() -> None:
    pages = _read_dir(CHIME)
    type_defs = pages["type_defs.md"][0]
    assert len(type_defs.structs) == 39
    assert members(type_defs, "AppInstanceAdmin") == {
        "Admin": (StructRef("Identity"), False),
        "AppInstanceArn": (STR, False),
        "CreatedTimestamp": (ScalarType(ScalarKind.TIMESTAMP), False),
    }
    assert members(type_defs, "CreateAppInstanceResponse") == {"AppInstanceArn": (STR, True)}
    # the only literal of this API version is the builder's ServiceName
    assert pages["literals.md"][0].enums == ()
    assert "paginators.md" not in pages and "waiters.md" not in pages


def test_rendered_cognito_pages() -> None:
    pages = _read_dir(COGNITO)
    type_defs = pages["type_defs.md"][0]
    assert len(type_defs.structs) == 46
    assert members(type_defs, "RoleMapping") == {
        "Type": (EnumRef("RoleMappingType"), True),
        "AmbiguousRoleResolution": (EnumRef("AmbiguousRoleResolutionType"), False),
        "RulesConfiguration": (StructRef("RulesConfigurationType"), False),
    }
    literals = pages["literals.md"][0]
    assert [(e.name, e.values) for e in literals.enums] == [
        ("AmbiguousRoleResolutionType", ("AuthenticatedRole", "Deny")),
        ("ErrorCode", ("AccessDenied", "InternalServerError")),
        ("MappingRuleMatchType", ("Contains", "Equals", "NotEqual", "StartsWith")),
        ("RoleMappingType", ("Rules", "Token")),
    ]
    paginators = pages["paginators.md"][0]
    (pag,) = paginators.paginators
    assert (pag.name, pag.method_name) == ("ListIdentityPools", "list_identity_pools")
    assert pag.input == StructRef("ListIdentityPoolsRequestPaginate")
    assert pag.output == StructRef("ListIdentityPoolsResponseResponse")
    assert members(paginators, "ListIdentityPoolsRequestPaginate") == {
        "PaginationConfig": (StructRef("PaginatorConfig"), False)
    }
    # the page type is the client operation's response
    client = pages["client.md"][0]
    assert next(o for o in client.operations if o.method_name == "list_identity_pools").output == pag.output
    assert "PaginatorConfig" in {s.name for s in type_defs.structs}


def test_response_keys_these_builders_marked_required_follow_the_policy() -> None:
    """Builders before 8.x marked every key of a response required (a
    response TypedDict is the one with ``ResponseMetadata``); the keys
    responses leave out follow generator/response_keys.py."""
    text = header("Typed dictionaries").replace("demo-svc", "dynamodb") + textwrap.dedent(
        """\
        ## GetItemOutputTypeDef

        Required fields:

        - `Item`: `Dict`\\[`str`, `Any`\\]
        - `ConsumedCapacity`: `Dict`\\[`str`, `Any`\\]
        - `ResponseMetadata`:
          [ResponseMetadataTypeDef](./type_defs.md#responsemetadatatypedef)

        ## ScanOutputTypeDef

        Required fields:

        - `Items`: `List`\\[`Dict`\\[`str`, `Any`\\]\\]
        - `LastEvaluatedKey`: `Dict`\\[`str`, `Any`\\]
        - `NextToken`: `str`
        - `ResponseMetadata`:
          [ResponseMetadataTypeDef](./type_defs.md#responsemetadatatypedef)

        ## KeysAndAttributesTypeDef

        Required fields:

        - `Item`: `Dict`\\[`str`, `Any`\\]
        - `NextToken`: `str`
        """
    )
    service, _ = read(text)
    assert service.client_id == "dynamodb"
    required = {s.name: {m.name: m.required for m in s.members} for s in service.structs}
    assert required == {
        "GetItemOutput": {"Item": False, "ConsumedCapacity": True},
        "ScanOutput": {"Items": True, "LastEvaluatedKey": False, "NextToken": False},
        # not a response: the page's flags stand
        "KeysAndAttributes": {"Item": True, "NextToken": True},
    }
