"""The imports the seed documents show, used the way they show them."""

from __future__ import annotations

import boto3
from mypy_boto3_chime_sdk_identity.client import ChimeSDKIdentityClient, Exceptions
from mypy_boto3_cognito_identity.client import CognitoIdentityClient
from mypy_boto3_cognito_identity.paginator import ListIdentityPoolsPaginator
from types_boto3_identitystore.client import IdentityStoreClient
from types_boto3_identitystore.paginator import ListUsersPaginator
from types_boto3_identitystore.type_defs import CreateGroupRequestTypeDef, CreateGroupResponseTypeDef


def get_chime_client() -> ChimeSDKIdentityClient:
    return boto3.client("chime-sdk-identity")  # type: ignore[no-any-return]


def handle_error(exc: Exceptions) -> None:
    print(exc.BadRequestException)


def pools(client: CognitoIdentityClient) -> list[str]:
    paginator: ListIdentityPoolsPaginator = client.get_paginator("list_identity_pools")
    names = []
    for page in paginator.paginate(PaginationConfig={"PageSize": 60}):
        names += [pool.get("IdentityPoolName", "") for pool in page["IdentityPools"]]
    return names


def groups(client: IdentityStoreClient) -> str:
    kwargs: CreateGroupRequestTypeDef = {"IdentityStoreId": "d-123", "DisplayName": "admins"}
    created: CreateGroupResponseTypeDef = client.create_group(**kwargs)
    users: ListUsersPaginator = client.get_paginator("list_users")
    for page in users.paginate(IdentityStoreId="d-123"):
        for user in page["Users"]:
            print(user["UserId"])
    return created["GroupId"]
