"""Downstream code against the generated ChimeSDKIdentity stubs.

Lines marked ``# type: ignore[code]`` are misuse that mypy must reject with
that code (checked under --warn-unused-ignores); ``# expect-pyright: rule``
marks what pyright must report on that line. Everything else must pass.
"""

from __future__ import annotations

from datetime import datetime

from types_boto3_chime_sdk_identity import create_client
from types_boto3_chime_sdk_identity.client import ChimeSDKIdentityClient
from types_boto3_chime_sdk_identity.literals import AllowMessagesType
from types_boto3_chime_sdk_identity.type_defs import (
    DescribeAppInstanceUserEndpointResponseTypeDef,
    TagTypeDef,
)


def correct(client: ChimeSDKIdentityClient) -> str | None:
    tags: list[TagTypeDef] = [{"Key": "team", "Value": "chat"}]
    created = client.create_app_instance(Name="app", ClientRequestToken="t-1", Tags=tags)
    arn: str = created["AppInstanceArn"]
    client.register_app_instance_user_endpoint(
        AppInstanceUserArn=arn,
        Type="APNS",
        ResourceArn="arn:aws:mobiletargeting:1",
        EndpointAttributes={"DeviceToken": "token"},
        ClientRequestToken="t-2",
        AllowMessages="ALL",
    )
    endpoint: DescribeAppInstanceUserEndpointResponseTypeDef = client.describe_app_instance_user_endpoint(
        AppInstanceUserArn=arn, EndpointId="e-1"
    )
    details = endpoint["AppInstanceUserEndpoint"]
    created_at: datetime | None = details.get("CreatedTimestamp")
    allow: AllowMessagesType | None = details.get("AllowMessages")
    assert created_at is None or allow in ("ALL", "NONE", None)
    page = client.list_app_instance_users(AppInstanceArn=arn, MaxResults=10)
    for user in page["AppInstanceUsers"]:
        print(user.get("Name"))
    token = page.get("NextToken")
    client.delete_app_instance(AppInstanceArn=arn)
    try:
        client.describe_app_instance(AppInstanceArn=arn)
    except client.exceptions.BadRequestException as exc:
        print(exc.response)
    return token


def via_shim() -> ChimeSDKIdentityClient:
    return create_client(region_name="us-east-1")


def misuse(client: ChimeSDKIdentityClient) -> None:
    client.create_app_instance(Name="app")  # type: ignore[call-arg]  # expect-pyright: reportCallIssue
    client.create_app_instance(Name=1, ClientRequestToken="t")  # type: ignore[arg-type]  # expect-pyright: reportArgumentType
    client.update_app_instance_user_endpoint(AppInstanceUserArn="a", EndpointId="e", AllowMessages="SOME")  # type: ignore[arg-type]  # expect-pyright: reportArgumentType
    client.delete_app_instance(AppInstanceArn="a", Bogus=1)  # type: ignore[call-arg]  # expect-pyright: reportCallIssue
    response = client.describe_app_instance_user(AppInstanceUserArn="a")
    print(response["NoSuchKey"])  # type: ignore[typeddict-item]  # expect-pyright: reportGeneralTypeIssues
    print(response["AppInstanceUser"]["Name"])  # expect-pyright: reportTypedDictNotRequiredAccess
    tag: TagTypeDef = {"Key": "k"}  # type: ignore[typeddict-item]  # expect-pyright: reportAssignmentType
    print(tag)
