"""The plain-text reference reader and the model builder, on fragments."""

from __future__ import annotations

import textwrap

from generator.diagnostics import Level
from generator.model import (
    EnumRef,
    EventStreamType,
    ListType,
    MapType,
    ScalarKind,
    ScalarType,
    Service,
    StructRef,
    UnionType,
)
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


def test_recursion_marker_resolves_to_the_structure_its_entry_names() -> None:
    """``{'... recursive ...'}`` stands for some enclosing structure: the
    nearest one, unless its entry says a list (the nearest one that is a
    list's item: logs ``LogFieldType.fields``) or its description names
    another (glue ``StatusDetails.RequestedChange`` is "A Table object")."""
    service, diags = build(
        """
        get_table(**kwargs)

        Gets.

        Request Syntax

        response = client.get_table(
            Name='string'
        )
        Parameters
          • Name (string) -- [REQUIRED] The name.

        Return type

        dict

        Returns

        Response Syntax

        {
            'Table': {
                'Name': 'string',
                'Status': {
                    'State': 'string',
                    'Details': {
                        'RequestedChange': {'... recursive ...'},
                        'Previous': {'... recursive ...'}
                    }
                }
            },
            'Fields': [
                {
                    'FieldName': 'string',
                    'FieldType': {
                        'Element': {'... recursive ...'},
                        'Fields': {'... recursive ...'}
                    }
                },
            ]
        }

        Response Structure
          • (dict) --
            • Table (dict) -- The table.
              • Name (string) -- Its name.
              • Status (dict) -- Its status.
                • State (string) -- The state.
                • Details (dict) -- A StatusDetails object.
                  • RequestedChange (dict) -- A Table object representing the requested changes.
                  • Previous (dict) -- The details before.
            • Fields (list) -- The fields.
              • (dict) -- A field.
                • FieldName (string) -- Its name.
                • FieldType (dict) -- Its type.
                  • Element (dict) -- For collections, the element type.
                  • Fields (list) -- For structures, the nested fields.
        """
    )
    assert [d for d in diags if not d.startswith("info")] == []
    details = members(service, "TableStatusDetails")
    assert details["RequestedChange"][0] == StructRef("Table")  # named by its description
    assert details["Previous"][0] == StructRef("TableStatusDetails")  # nothing named: the nearest
    field_type = members(service, "FieldType")
    assert field_type["Element"][0] == StructRef("FieldType")
    assert field_type["Fields"][0] == ListType(StructRef("Field"))  # a list: of the list's items


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


# --------------------------------------------------------------------------- constructs of real pages


def _header(client_id: str) -> str:
    return HEADER.replace("create_client('demo')", f"create_client('{client_id}')")


def build_as(client_id: str, body: str) -> tuple[Service, list[str]]:
    ref, diags = read_text("demo.txt", _header(client_id) + textwrap.dedent(body).lstrip("\n"))
    service, more = build_service(ref)
    return service, [f"{d.level.value} {d.code}" for d in diags + more]


def test_either_a_string_or_a_structure() -> None:
    """s3 ``copy_object``: botocore documents ``CopySource`` as
    ``'string' or {...}`` (type word ``str or dict``)."""
    service, diags = build(
        """
        copy_object(**kwargs)

        Creates a copy of an object.

        Request Syntax

        response = client.copy_object(
            Bucket='string',
            CopySource='string' or {'Bucket': 'string', 'Key': 'string', 'VersionId': 'string'},
            Key='string'
        )

        Parameters

          • Bucket (string) -- [REQUIRED] The name of the destination bucket.
          • CopySource (str or dict) -- [REQUIRED] The name of the source bucket, key name of the source object, and optional version ID of the source object. You can either provide this value as a string or a dictionary.
          • Key (string) -- [REQUIRED] The key of the destination object.

        Returns

        None
        """
    )
    assert diags == []
    request = members(service, "CopyObjectRequest")
    assert request["CopySource"] == (UnionType((ScalarType(ScalarKind.STRING), StructRef("CopySource"))), True)
    assert members(service, "CopySource") == {
        "Bucket": (ScalarType(ScalarKind.STRING), False),
        "Key": (ScalarType(ScalarKind.STRING), False),
        "VersionId": (ScalarType(ScalarKind.STRING), False),
    }


TOO_LARGE_RESPONSE = """
search(**kwargs)

Finds SageMaker resources that match a search query.

Request Syntax

response = client.search(
    Resource='TrainingJob'|'Experiment',
    NextToken='string'
)

Parameters

  • Resource (string) -- [REQUIRED] The name of the SageMaker resource to search for.
  • NextToken (string) -- If more than MaxResults resources match the specified SearchExpression, the response includes a NextToken.

Return type

dict

Returns

Response Syntax

# This section is too large to render.
# Please see the AWS API Documentation linked below.

AWS API Documentation

Response Structure

# This section is too large to render.
# Please see the AWS API Documentation linked below.

AWS API Documentation
"""


def test_a_response_too_large_to_render_is_an_unknown_response() -> None:
    """sagemaker ``search``: botocore prints a note (comments only) in place
    of the Response Syntax; the response is unknown, not an error."""
    service, diags = build(TOO_LARGE_RESPONSE)
    assert diags == ["warning syntax-not-shown"]
    (op,) = service.operations
    assert op.output == StructRef("SearchResponse")
    assert service.struct("SearchResponse").members == ()
    assert members(service, "SearchRequest")["Resource"][1] is True


def test_a_request_too_large_to_render_leaves_the_method_out() -> None:
    """lexv2-models ``create_intent``: the Request Syntax is the note."""
    body = TOO_LARGE_RESPONSE.replace(
        "response = client.search(\n    Resource='TrainingJob'|'Experiment',\n    NextToken='string'\n)",
        "# This section is too large to render.\n# Please see the AWS API Documentation linked below.",
    )
    service, diags = build(body)
    assert diags == ["warning syntax-not-shown"] and service.operations == ()


def test_a_block_that_is_not_only_comments_stays_an_error() -> None:
    body = TOO_LARGE_RESPONSE.replace("# This section is too large to render.", "x = 1\ny = 2")
    _, diags = build(body)
    assert "error bad-syntax-block" in diags


def test_event_stream_member() -> None:
    """logs ``start_live_tail``: ``EventStream({...})`` is an event stream."""
    service, diags = build(
        """
        start_live_tail(**kwargs)

        Starts a Live Tail streaming session.

        Request Syntax

        response = client.start_live_tail(
            logGroupIdentifiers=[
                'string',
            ]
        )

        Parameters

          • logGroupIdentifiers (list) -- [REQUIRED] An array where each item is a log group.
            • (string) --

        Return type

        dict

        Returns

        Response Syntax

        {
            'responseStream': EventStream({
                'sessionStart': {
                    'requestId': 'string'
                },
                'SessionTimeoutException': {
                    'message': 'string'
                }
            })
        }

        Response Structure

          • (dict) --
            • responseStream (EventStream) -- An object that includes the stream returned by your request.
              • sessionStart (dict) -- This object contains information about this Live Tail session.
                • requestId (string) -- The unique ID generated by CloudWatch Logs to identify this Live Tail session.
              • SessionTimeoutException (dict) -- This exception is returned in the stream when the session times out.
                • message (string) --
        """
    )
    assert diags == []
    response = members(service, "StartLiveTailResponse")
    assert response == {"responseStream": (EventStreamType(StructRef("ResponseStream")), True)}
    assert list(members(service, "ResponseStream")) == ["sessionStart", "SessionTimeoutException"]


def test_float_printed_as_ellipsis_takes_the_type_word() -> None:
    """ec2 ``MetricPoint.Value``: botocore prints some floats as ``...``."""
    service, diags = build(
        """
        get_metric(**kwargs)

        Gets.

        Request Syntax

        response = client.get_metric(
            Ratio=...
        )

        Parameters

          • Ratio (float) -- The ratio.

        Return type

        dict

        Returns

        Response Syntax

        {
            'Value': ...,
            'Other': ...
        }

        Response Structure

          • (dict) --
            • Value (float) -- The value.
            • Other (string) -- Said to be a string.
        """
    )
    assert diags == []
    assert members(service, "GetMetricRequest") == {"Ratio": (ScalarType(ScalarKind.FLOAT), False)}
    response = members(service, "GetMetricResponse")
    assert response["Value"] == (ScalarType(ScalarKind.FLOAT), True)
    assert response["Other"] == (ScalarType(ScalarKind.STRING), True)


RAW_FIELDS = """
get_spot_placement_scores(**kwargs)

Calculates the Spot placement score for a Region or Availability Zone based on the specified target capacity and compute requirements.

Request Syntax

response = client.get_spot_placement_scores(
    InstanceTypes=[
        'string',
    ],
    TargetCapacity=123,
    InstanceRequirementsWithMetadata={
        'ArchitectureTypes': [
            'i386'|'x86_64',
        ],
        'InstanceRequirements': {
            'VCpuCount': {
                'Min': 123,
                'Max': 123
            }
        }
    },
    DryRun=True|False
)
type InstanceTypes

list

param InstanceTypes

The instance types. We recommend that you specify at least three instance types.

  • (string) --
type TargetCapacity

integer

param TargetCapacity

[REQUIRED]

The target capacity.

type InstanceRequirementsWithMetadata

dict

param InstanceRequirementsWithMetadata

The attributes for the instance types.

  • ArchitectureTypes (list) --

    The architecture type.

    • (string) --
  • InstanceRequirements (dict) --

    The attributes for the instance types.

    • VCpuCount (dict) -- [REQUIRED]

      The minimum and maximum number of vCPUs.

      • Min (integer) -- [REQUIRED]

        The minimum number of vCPUs. To specify no minimum limit, specify 0.

      • Max (integer) --

        The maximum number of vCPUs.

type DryRun

boolean

param DryRun

Checks whether you have the required permissions for the action.

Return type

dict

Returns

Response Syntax

{
    'NextToken': 'string'
}

Response Structure

  • (dict) --
    • NextToken (string) -- The token to include in another request to get the next page of items.
"""


def test_raw_field_list_reads_as_parameters() -> None:
    """ec2 ``get_spot_placement_scores``: Sphinx left the field list
    unprocessed, ``type X`` / ``param X`` paragraphs in place of Parameters."""
    service, diags = build(RAW_FIELDS)
    assert diags == []
    request = members(service, "GetSpotPlacementScoresRequest")
    assert request["TargetCapacity"] == (ScalarType(ScalarKind.INTEGER), True)
    assert request["InstanceTypes"][1] is False and request["DryRun"][1] is False
    assert service.struct("GetSpotPlacementScoresRequest").members[0].doc.startswith("The instance types.")
    assert members(service, "InstanceRequirements")["VCpuCount"][1] is True
    assert members(service, "VCpuCount") == {
        "Min": (ScalarType(ScalarKind.INTEGER), True),
        "Max": (ScalarType(ScalarKind.INTEGER), False),
    }


POLICY = """
{method}(**kwargs)

Does it.

Request Syntax

response = client.{method}(
    Name='string'
)

Parameters

  • Name (string) -- The name.

Return type

dict

Returns

Response Syntax

{syntax}
"""


def test_top_level_response_keys_follow_the_policy() -> None:
    """generator/response_keys.py: required, except the keys responses
    leave out (pagination tokens, empty listings, a missing item)."""

    def response(client_id: str, method: str, syntax: str) -> dict[str, bool]:
        service, _ = build_as(client_id, POLICY.format(method=method, syntax=syntax))
        (op,) = service.operations
        assert op.output is not None
        return {m.name: m.required for m in service.struct(op.output).members}

    keys = "{'Things': ['string'], 'NextToken': 'string', 'nextToken': 'string', 'Marker': 'string', 'NextMarker': 'string'}"
    assert response("demo", "list_things", keys) == {
        "Things": True, "NextToken": False, "nextToken": False, "Marker": True, "NextMarker": True,
    }
    item = "{'Item': {'string': 'string'}, 'LastEvaluatedKey': {'string': 'string'}, 'ConsumedCapacity': {'TableName': 'string'}}"
    assert response("dynamodb", "get_item", item) == {"Item": False, "LastEvaluatedKey": False, "ConsumedCapacity": True}
    assert response("dynamodb", "query", item)["Item"] is True  # Item only for GetItem
    assert response("demo", "get_item", item) == {"Item": True, "LastEvaluatedKey": True, "ConsumedCapacity": True}
    listing = "{'Contents': [{'Key': 'string'}], 'CommonPrefixes': [{'Prefix': 'string'}], 'Name': 'string'}"
    assert response("s3", "list_objects_v2", listing) == {"Contents": False, "CommonPrefixes": False, "Name": True}
    execution = "{'executionArn': 'string', 'stopDate': datetime(2015, 1, 1), 'output': 'string', 'error': 'string'}"
    assert response("stepfunctions", "describe_execution", execution) == {
        "executionArn": True, "stopDate": False, "output": False, "error": False,
    }
    assert response("stepfunctions", "stop_execution", execution)["stopDate"] is True


def test_parameter_botocore_fills_in_is_a_note_not_a_contradiction() -> None:
    """s3 ``SSECustomerKeyMD5``: listed under Parameters with botocore's
    note, left out of the Request Syntax."""
    service, diags = build(
        """
        head_object(**kwargs)

        Retrieves metadata from an object without returning the object itself.

        Request Syntax

        response = client.head_object(
            Bucket='string',
            SSECustomerKey='string'
        )

        Parameters

          • Bucket (string) -- [REQUIRED] The name of the bucket.
          • SSECustomerKey (string) -- Specifies the customer-provided encryption key.
          • SSECustomerKeyMD5 (string) --

            Specifies the 128-bit MD5 digest of the encryption key according to RFC 1321.

            Please note that this parameter is automatically populated if it is not provided. Including this parameter is not required

        Returns

        None
        """
    )
    assert diags == ["info auto-populated-parameter"]
    assert list(members(service, "HeadObjectRequest")) == ["Bucket", "SSECustomerKey"]
