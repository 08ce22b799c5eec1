"""The plain-text reference reader and the model builder, on fragments."""

from __future__ import annotations

import textwrap

from generator.diagnostics import Level
from generator.model import EnumRef, ListType, MapType, ScalarKind, ScalarType, Service, StructRef
from generator.parsers.reference_build import build_service
from generator.parsers.reference_text import read_text

HEADER = """Demo

Client

class Demo.Client

A low-level client representing Demo

client = session.create_client('demo')

These are the available methods:

"""


def page(body: str) -> str:
    return HEADER + textwrap.dedent(body).lstrip("\n")


def build(body: str) -> tuple[Service, list[str]]:
    ref, diags = read_text("demo.txt", page(body))
    service, more = build_service(ref)
    return service, [f"{d.level.value} {d.code}" for d in diags + more]


def members(service: Service, name: str) -> dict[str, tuple[object, bool]]:
    return {m.name: (m.type, m.required) for m in service.struct(name).members}


NESTED = """
create_thing(**kwargs)

Creates a thing.

See also: AWS API Documentation

Request Syntax

response = client.create_thing(
    Name='string',
    Mode='FAST'|'SLOW',
    When=datetime(2015, 1, 1),
    Limits={
        'Max': 123,
        'Ratio': 123.0,
        'Enabled': True|False
    },
    Items=[
        {
            'Key': 'string',
            'Value': 'string'
        },
    ]
)
Parameters
  • Name (string) --

    [REQUIRED]

    The name.

  • Mode (string) -- How fast.
  • When (datetime) -- When.
  • Limits (dict) --

    [REQUIRED]

    The limits.

    • Max (integer) -- [REQUIRED]

      Upper bound.

    • Ratio (float) -- A ratio.
    • Enabled (boolean) -- On or off.
  • Items (list) --

    The items.

    • (dict) --

      An item.

      • Key (string) -- [REQUIRED]

        The key.

      • Value (string) -- The value.

Return type

dict

Returns

Response Syntax

{
    'Thing': {
        'Name': 'string',
        'Created': datetime(2015, 1, 1)
    },
    'NextToken': 'string'
}

Response Structure

  • (dict) --

    • Thing (dict) --

      The thing.

      • Name (string) --

        Its name.

      • Created (datetime) --

        Its birthday.

    • NextToken (string) --

      More.

Exceptions

  • Demo.Client.exceptions.BadRequestException
  • Demo.Client.exceptions.NotFoundException
"""


def test_nested_required_enums_datetime_and_lists_of_dicts() -> None:
    service, diags = build(NESTED)
    assert diags == []
    op = service.operations[0]
    assert (op.method_name, op.name, op.doc) == ("create_thing", "CreateThing", "Creates a thing.")
    assert op.exceptions == ("BadRequestException", "NotFoundException")
    request = members(service, "CreateThingRequest")
    assert request == {
        "Name": (ScalarType(ScalarKind.STRING), True),
        "Mode": (EnumRef("CreateThingMode"), False),  # generic member names get their owner's
        "When": (ScalarType(ScalarKind.TIMESTAMP), False),
        "Limits": (StructRef("Limits"), True),
        "Items": (ListType(StructRef("CreateThingItem")), False),
    }
    assert members(service, "Limits") == {
        "Max": (ScalarType(ScalarKind.INTEGER), True),
        "Ratio": (ScalarType(ScalarKind.FLOAT), False),
        "Enabled": (ScalarType(ScalarKind.BOOLEAN), False),
    }
    assert members(service, "CreateThingItem")["Key"] == (ScalarType(ScalarKind.STRING), True)
    assert service.enum("CreateThingMode").values == ("FAST", "SLOW")
    assert service.struct("Limits").members[0].span.line == page(NESTED).splitlines().index("    • Max (integer) -- [REQUIRED]") + 1


def test_response_keys_top_level_required_except_tokens_nested_optional() -> None:
    service, _ = build(NESTED)
    response = members(service, "CreateThingResponse")
    assert response == {"Thing": (StructRef("Thing"), True), "NextToken": (ScalarType(ScalarKind.STRING), False)}
    assert members(service, "Thing") == {
        "Name": (ScalarType(ScalarKind.STRING), False),
        "Created": (ScalarType(ScalarKind.TIMESTAMP), False),
    }
    assert service.struct("Thing").members[1].doc == "Its birthday."


def test_returns_none_and_missing_response_structure() -> None:
    service, diags = build(
        """
        delete_thing(**kwargs)

        Deletes.

        Request Syntax

        response = client.delete_thing(
            Name='string'
        )
        Parameters
        Name (string) --

        [REQUIRED]

        The name.

        Returns
        None

        get_thing(**kwargs)

        Gets.

        Request Syntax

        response = client.get_thing()

        Return type

        dict

        Returns

        Response Syntax

        {
            'Size': 123
        }

        """
    )
    assert diags == []
    delete, get = service.operations
    assert delete.output is None and delete.input == StructRef("DeleteThingRequest")
    assert members(service, "DeleteThingRequest") == {"Name": (ScalarType(ScalarKind.STRING), True)}
    assert get.input is None
    assert members(service, "GetThingResponse") == {"Size": (ScalarType(ScalarKind.INTEGER), True)}


def test_maps_blobs_streams_documents_and_recursion() -> None:
    service, diags = build(
        """
        put_item(**kwargs)

        Puts.

        Request Syntax

        response = client.put_item(
            Attributes={
                'string': 'string'
            },
            Modes={
                'A'|'B': 123
            },
            Body=b'bytes'|file,
            Doc={...}|[...]|123|123.4|'string'|True|None,
            Value={
                'S': 'string',
                'L': [
                    {'... recursive ...'},
                ],
                'M': {
                    'string': {'... recursive ...'}
                }
            }
        )
        Parameters
          • Attributes (dict) --
            • (string) --
              • (string) --
          • Body (bytes or seekable file-like object) -- The body.
          • Value (dict) -- A value.
            • S (string) -- A string.
            • L (list) -- A list.
              • (dict) --
            • M (dict) -- A map.
              • (string) --
                • (dict) --

        Return type

        dict

        Returns

        Response Syntax

        {
            'Payload': StreamingBody(),
            'Raw': b'bytes'
        }

        """
    )
    assert [d for d in diags if d.startswith("error")] == []
    request = members(service, "PutItemRequest")
    assert request["Attributes"][0] == MapType(ScalarType(ScalarKind.STRING), ScalarType(ScalarKind.STRING))
    assert request["Modes"][0] == MapType(EnumRef("ModesKey"), ScalarType(ScalarKind.INTEGER))
    assert request["Body"][0] == ScalarType(ScalarKind.BLOB)
    assert request["Doc"][0] == ScalarType(ScalarKind.DOCUMENT)
    value = members(service, "PutItemValue")
    assert value["L"][0] == ListType(StructRef("PutItemValue"))
    assert value["M"][0] == MapType(ScalarType(ScalarKind.STRING), StructRef("PutItemValue"))
    response = members(service, "PutItemResponse")
    assert response["Payload"][0] == ScalarType(ScalarKind.STREAMING)
    assert response["Raw"][0] == ScalarType(ScalarKind.BLOB)


def test_explicit_signatures_and_builtins() -> None:
    ref, _ = read_text(
        "demo.txt",
        page(
            """
            generate_presigned_url(ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None)

            Generate a presigned url given a client, its method, and arguments

            upload_file(Filename, Bucket, Key, ExtraArgs=None, Callback=None, Config=None)

            Upload a file.
            """
        ),
    )
    service, _ = build_service(ref)
    assert service.operations == ()
    assert [name for name, _ in service.extra_methods] == ["upload_file"]
    params = dict(service.extra_methods)["upload_file"]
    assert [(p.name, p.default) for p in params][:4] == [("Filename", None), ("Bucket", None), ("Key", None), ("ExtraArgs", "...")]


def test_paginators_waiters_and_client_exceptions() -> None:
    service, diags = build(
        """
        list_things(**kwargs)

        Lists.

        Request Syntax

        response = client.list_things(
            NextToken='string'
        )
        Parameters
        NextToken (string) -- Token.
        Return type
        dict
        Returns
        Response Syntax
        {
            'Things': [
                'string',
            ],
            'NextToken': 'string'
        }

        Client Exceptions

        Client exceptions are available on a client instance via the exceptions property.

        class Demo.Client.exceptions.NotFoundException

        Not there.

        Example

        try:
          ...
        except client.exceptions.NotFoundException as e:
          print(e.response)

        Paginators

        The available paginators are:

        class Demo.Paginator.ListThings

        paginator = client.get_paginator('list_things')

        paginate(**kwargs)

        Creates an iterator that will paginate through responses from Demo.Client.list_things().

        Request Syntax

        response_iterator = paginator.paginate(
            PaginationConfig={
                'MaxItems': 123,
                'PageSize': 123,
                'StartingToken': 'string'
            }
        )

        Return type
        dict
        Returns
        Response Syntax
        {
            'Things': [
                'string',
            ],
            'NextToken': 'string'
        }

        Waiters

        The available waiters are:

        class Demo.Waiter.ThingExists

        waiter = client.get_waiter('thing_exists')

        wait(**kwargs)

        Polls Demo.Client.list_things() every 5 seconds until a successful state is reached.

        Request Syntax

        waiter.wait(
            WaiterConfig={
                'Delay': 123,
                'MaxAttempts': 123
            }
        )

        Returns
        None
        """
    )
    assert [d for d in diags if not d.startswith("info")] == []
    assert [e.name for e in service.errors] == ["NotFoundException"]
    (pag,) = service.paginators
    assert (pag.name, pag.method_name, pag.output) == ("ListThings", "list_things", StructRef("ListThingsResponse"))
    assert members(service, pag.input.name if pag.input else "")["PaginationConfig"][0] == StructRef("PaginatorConfig")
    (waiter,) = service.waiters
    assert (waiter.name, waiter.waiter_name) == ("ThingExists", "thing_exists")
    assert waiter.input == StructRef("ListThingsRequestWait")
    assert members(service, "ListThingsRequestWait")["WaiterConfig"][0] == StructRef("WaiterConfig")


def test_duplicate_method_and_stray_entry_are_reported() -> None:
    _, diags = build(
        """
        get_thing(**kwargs)

        Request Syntax

        response = client.get_thing(
            Name='string'
        )
        Parameters
          • Name (string) -- A name.
          • Ghost (string) -- Not in the syntax.

        Returns
        None

        delete_thing(**kwargs)

        Returns
        None

        delete_thing(**kwargs)

        Returns
        None
        """
    )
    assert "warning structure-contradicts-syntax" in diags
    assert "warning duplicate-method" in diags


def test_bad_syntax_block_is_an_error_with_its_line() -> None:
    text = page(
        """
        get_thing(**kwargs)

        Request Syntax

        response = client.get_thing(
            Name=__import__('os').system('id')
        )

        Returns
        None
        """
    )
    ref, _ = read_text("demo.txt", text)
    _, diags = build_service(ref)
    (diag,) = [d for d in diags if d.level is Level.ERROR]
    assert diag.code == "bad-syntax-block"
    assert diag.span.line == text.splitlines().index("    Name=__import__('os').system('id')") + 1
