"""Downstream use of ``boto3.client()`` with the overloads package
(``stubwright generate --boto3-overloads``): no annotations needed.

``correct`` must type-check clean (``assert_type`` proves the client types
are exact, not ``Any``); each ``# misuse: <case>`` line must be rejected.
Snapshots: ``snapshots/misuse_boto3_overloads.{mypy,pyright}.txt``.
"""

from __future__ import annotations

from typing import Any, assert_type

import boto3
import boto3.session
from mypy_boto3_chime_sdk_identity.client import ChimeSDKIdentityClient
from mypy_boto3_cognito_identity.client import CognitoIdentityClient
from types_boto3_identitystore.client import IdentityStoreClient


def correct() -> None:
    assert_type(boto3.client("chime-sdk-identity"), ChimeSDKIdentityClient)
    assert_type(boto3.client("cognito-identity", region_name="us-east-1"), CognitoIdentityClient)
    session = boto3.session.Session(region_name="us-east-1")
    store = session.client("identitystore", endpoint_url="http://127.0.0.1:5000")
    assert_type(store, IdentityStoreClient)
    assert_type(boto3.Session().client("identitystore"), IdentityStoreClient)
    assert_type(boto3.client("s3"), Any)  # a service stubwright did not generate: as without stubs
    for page in store.get_paginator("list_users").paginate(IdentityStoreId="d-1"):
        print([user["UserId"] for user in page["Users"]])


def misuse() -> None:
    boto3.client("identitystore").list_users(IdentityStoreId="d-1", Bogus=1)  # misuse: wrong-argument-name
    boto3.session.Session().client("chime-sdk-identity").create_app_instance(Name="app")  # misuse: missing-required-argument
    boto3.client("cognito-identity").get_paginator("list_users")  # misuse: wrong-paginator-name
    boto3.client("identitystore", regoin_name="us-east-1")  # misuse: client-unknown-argument
    boto3.Session(region="us-east-1")  # misuse: session-unknown-argument
