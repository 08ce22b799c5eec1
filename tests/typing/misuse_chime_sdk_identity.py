"""Downstream use of the generated ChimeSDKIdentity package (output/).

``correct`` must type-check clean; each line of ``misuse`` tagged
``# misuse: <case>`` must be rejected (mypy and pyright; pyright only for
``optional-key-unguarded``). The errors are snapshotted in
``snapshots/misuse_chime_sdk_identity.{mypy,pyright}.txt``
(tests/test_typing_snapshots.py).
"""

from __future__ import annotations

from mypy_boto3_chime_sdk_identity import create_client
from mypy_boto3_chime_sdk_identity.client import ChimeSDKIdentityClient
from mypy_boto3_chime_sdk_identity.literals import AllowMessagesType
from mypy_boto3_chime_sdk_identity.type_defs import TagTypeDef


def correct() -> str | None:
    client = create_client(region_name="us-east-1")
    tags: list[TagTypeDef] = [{"Key": "team", "Value": "chat"}]
    arn = client.create_app_instance(Name="app", ClientRequestToken="t-1", Tags=tags)["AppInstanceArn"]
    allow: AllowMessagesType = "NONE"
    client.update_app_instance_user_endpoint(AppInstanceUserArn=arn, EndpointId="e-1", AllowMessages=allow)
    user = client.describe_app_instance_user(AppInstanceUserArn=arn)["AppInstanceUser"]
    try:
        client.delete_app_instance(AppInstanceArn=arn)
    except client.exceptions.BadRequestException as exc:
        print(exc.response.get("Error", {}).get("Code"))
    return user.get("Name")


def misuse(client: ChimeSDKIdentityClient) -> None:
    client.create_app_instance(Nmae="app", ClientRequestToken="t-1")  # misuse: wrong-argument-name
    client.create_app_instance(Name="app")  # misuse: missing-required-argument
    client.create_app_instance(Name=1, ClientRequestToken="t-1")  # misuse: wrong-argument-type
    client.update_app_instance_user_endpoint(AppInstanceUserArn="a", EndpointId="e", AllowMessages="SOME")  # misuse: enum-value-not-in-literal
    client.get_paginator("list_app_instances")  # misuse: wrong-paginator-name
    user = client.describe_app_instance_user(AppInstanceUserArn="a")["AppInstanceUser"]
    print(user["Name"])  # misuse: optional-key-unguarded
    print(client.describe_app_instance(AppInstanceArn="a")["AppInstanceArn"])  # misuse: unknown-response-key
    tag: TagTypeDef = {"Key": "k"}  # misuse: request-typeddict-missing-key
    try:
        print(tag)
    except client.exceptions.NoSuchThingException:  # misuse: undeclared-exception
        raise
    client.get_waiter("app_instance_exists")  # misuse: wrong-waiter-name
    create_client(regoin_name="us-east-1")  # misuse: create-client-unknown-argument
