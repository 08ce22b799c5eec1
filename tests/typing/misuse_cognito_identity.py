"""Downstream use of the generated CognitoIdentity package (output/).

``correct`` must type-check clean; each line of ``misuse`` tagged
``# misuse: <case>`` must be rejected (mypy and pyright; pyright only for
``optional-key-unguarded``). The errors are snapshotted in
``snapshots/misuse_cognito_identity.{mypy,pyright}.txt``
(tests/test_typing_snapshots.py).
"""

from __future__ import annotations

from mypy_boto3_cognito_identity import create_client
from mypy_boto3_cognito_identity.client import CognitoIdentityClient
from mypy_boto3_cognito_identity.paginator import ListIdentityPoolsPaginator
from mypy_boto3_cognito_identity.type_defs import RoleMappingTypeDef


def correct() -> list[str]:
    client = create_client(region_name="us-east-1", endpoint_url="http://127.0.0.1:5000")
    pool = client.create_identity_pool(IdentityPoolName="pool", AllowUnauthenticatedIdentities=False)
    mapping: RoleMappingTypeDef = {"Type": "Token", "AmbiguousRoleResolution": "Deny"}
    client.set_identity_pool_roles(
        IdentityPoolId=pool["IdentityPoolId"], Roles={"authenticated": "arn:aws:iam::1:role/a"}, RoleMappings={"p": mapping}
    )
    paginator: ListIdentityPoolsPaginator = client.get_paginator("list_identity_pools")
    names = [p.get("IdentityPoolName", "") for page in paginator.paginate() for p in page["IdentityPools"]]
    try:
        client.describe_identity_pool(IdentityPoolId="gone")
    except client.exceptions.ResourceNotFoundException as exc:
        names.append(str(exc.response.get("Error", {}).get("Message")))
    return names


def misuse(client: CognitoIdentityClient) -> None:
    client.create_identity_pool(IdentityPoolName="p", AllowUnauthenticatedIdentities=False, Tags={})  # misuse: wrong-argument-name
    client.create_identity_pool(IdentityPoolName="p")  # misuse: missing-required-argument
    client.create_identity_pool(IdentityPoolName="p", AllowUnauthenticatedIdentities="no")  # misuse: wrong-argument-type
    mapping: RoleMappingTypeDef = {"Type": "Tokens"}  # misuse: enum-value-not-in-literal
    client.get_paginator("list_identities")  # misuse: wrong-paginator-name
    pool = client.describe_identity_pool(IdentityPoolId="p")
    print(pool["CognitoIdentityProviders"][0]["ClientId"])  # misuse: optional-key-unguarded
    print(pool["IdentityPoolArn"])  # misuse: unknown-response-key
    client.set_identity_pool_roles(IdentityPoolId="p", Roles={}, RoleMappings={"p": {"AmbiguousRoleResolution": "Deny"}})  # misuse: request-typeddict-missing-key
    try:
        print(mapping)
    except client.exceptions.UserNotFoundException:  # misuse: undeclared-exception
        raise
    client.get_paginator("list_identity_pools").paginate(MaxResults=10)  # misuse: paginate-wrong-argument
    create_client(region="us-east-1")  # misuse: create-client-unknown-argument
