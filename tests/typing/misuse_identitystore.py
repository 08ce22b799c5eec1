"""Downstream use of the generated IdentityStore package (output/).

``correct`` must type-check clean; each line of ``misuse`` tagged
``# misuse: <case>`` must be rejected (mypy and pyright; pyright only for
``optional-key-unguarded``). The errors are snapshotted in
``snapshots/misuse_identitystore.{mypy,pyright}.txt``
(tests/test_typing_snapshots.py).

The IdentityStore API of these documents has no enums, so the Literal case
uses the service-name and paginator-name Literals of ``literals``.
"""

from __future__ import annotations

from types_boto3_identitystore import create_client
from types_boto3_identitystore.client import IdentityStoreClient
from types_boto3_identitystore.literals import IdentityStoreServiceName, PaginatorName
from types_boto3_identitystore.paginator import ListUsersPaginator
from types_boto3_identitystore.type_defs import NameTypeDef


def correct() -> list[str]:
    client = create_client(region_name="us-east-1")
    name: NameTypeDef = {"GivenName": "Ada", "FamilyName": "Lovelace"}
    user_id = client.create_user(IdentityStoreId="d-1", UserName="ada", Name=name, DisplayName="Ada")["UserId"]
    group_id = client.create_group(IdentityStoreId="d-1", DisplayName="admins")["GroupId"]
    client.create_group_membership(IdentityStoreId="d-1", GroupId=group_id, MemberId={"UserId": user_id})
    service: IdentityStoreServiceName = "identitystore"
    which: PaginatorName = "list_users"
    paginator: ListUsersPaginator = client.get_paginator("list_users")
    names = [service, which] + [u.get("UserName", "") for page in paginator.paginate(IdentityStoreId="d-1") for u in page["Users"]]
    try:
        client.describe_user(IdentityStoreId="d-1", UserId=user_id)
    except client.exceptions.ResourceNotFoundException as exc:
        names.append(str(exc.response.get("Error", {}).get("Code")))
    return names


def misuse(client: IdentityStoreClient) -> None:
    client.create_user(IdentityStoreId="d-1", Username="ada")  # misuse: wrong-argument-name
    client.describe_user(UserId="u-1")  # misuse: missing-required-argument
    client.create_group(IdentityStoreId="d-1", DisplayName=["admins"])  # misuse: wrong-argument-type
    service: IdentityStoreServiceName = "identity-store"  # misuse: enum-value-not-in-literal
    client.get_paginator("list_user")  # misuse: wrong-paginator-name
    page = client.list_users(IdentityStoreId="d-1")
    print(page["NextToken"])  # misuse: optional-key-unguarded
    print(page["Groups"])  # misuse: unknown-response-key
    client.get_user_id(IdentityStoreId="d-1", AlternateIdentifier={"UniqueAttribute": {"AttributePath": "userName"}})  # misuse: request-typeddict-missing-key
    try:
        print(service)
    except client.exceptions.UserNotFoundException:  # misuse: undeclared-exception
        raise
    client.get_paginator("list_groups").paginate(IdentityStoreId="d-1", MaxResults=5)  # misuse: paginate-wrong-argument
    create_client(region_name="us-east-1", profile="dev")  # misuse: create-client-unknown-argument
