"""A downstream program: the generated CognitoIdentity and IdentityStore
packages used the way their README shows, against a real botocore client.

    python workflow.py [--endpoint-url URL] [--json REPORT]

Without ``--endpoint-url`` it starts moto in server mode on 127.0.0.1 (a
free port) and talks to that over HTTP. Every response botocore parses is
checked against the TypedDict the stub declares for it (``runtime_check``);
pages are checked again against the paginator's page type; each typed
``client.exceptions.X`` is raised and caught for real. The same file passes
``mypy --strict`` and pyright (strict): what it does is also what the types
allow. Exit 1 on any difference not explained in ``ALLOWED``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError
from mypy_boto3_cognito_identity import create_client as create_cognito_client
from mypy_boto3_cognito_identity.client import CognitoIdentityClient
from mypy_boto3_cognito_identity.paginator import ListIdentityPoolsPaginator
from mypy_boto3_cognito_identity.type_defs import CognitoIdentityProviderTypeDef, IdentityPoolResponseTypeDef
from runtime_check import CATEGORIES, Allowed, Finding, ResponseChecker, StubIndex, surface_problems
from types_boto3_identitystore import create_client as create_identitystore_client
from types_boto3_identitystore.client import IdentityStoreClient
from types_boto3_identitystore.paginator import ListUsersPaginator
from types_boto3_identitystore.type_defs import EmailTypeDef, NameTypeDef, UserTypeDef

REGION = "us-east-1"
COGNITO = "mypy_boto3_cognito_identity"
IDENTITYSTORE = "types_boto3_identitystore"

#: differences that are explained, per package: category ("moto" or
#: "docs", see runtime_check.CATEGORIES) → (operation or "*", path) → why.
#: An entry nothing matches fails the run (it is stale).
_ITEM = (
    "builder 4.20 types ListIdentities' items as IdentityDescriptionResponseTypeDef, "
    "the DescribeIdentity response: ResponseMetadata and every key required; botocore's "
    "IdentityDescription has all members optional and list items carry no ResponseMetadata"
)
ALLOWED: dict[str, dict[str, Allowed]] = {
    COGNITO: {
        # moto leaves out AllowClassicFlow (it does not store it) and the
        # Logins/CreationDate/LastModifiedDate of listed identities; both
        # are optional in botocore's model, so they show as "policy"/"docs".
        # mypy-boto3-builder 4.20 lists every top-level response key as
        # required, pagination tokens too: the older-markdown reader applies
        # the design's policy (generator/response_keys.py), so NextToken is
        # optional and needs no entry
        "moto": {},
        "docs": {
            ("ListIdentities", "$.Identities[*].ResponseMetadata"): _ITEM,
            ("ListIdentities", "$.Identities[*].Logins"): _ITEM,
            ("ListIdentities", "$.Identities[*].CreationDate"): _ITEM,
            ("ListIdentities", "$.Identities[*].LastModifiedDate"): _ITEM,
        },
    },
    IDENTITYSTORE: {"moto": {}, "docs": {}},
}


@dataclass
class Report:
    operations: set[str] = field(default_factory=set)
    responses: int = 0
    pages: int = 0
    exceptions_caught: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: stub declarations botocore does not have, stale allow-list entries
    problems: list[str] = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        return [f"{f.where}: {f.message}" for f in self.findings if not f.category] + self.problems

    def explained(self, category: str) -> list[str]:
        return [f"{f.where}: {f.message} ({f.reason})" for f in self.findings if f.category == category]

    def as_json(self) -> dict[str, object]:
        return {
            "operations": sorted(self.operations),
            "responses": self.responses,
            "pages": self.pages,
            "exceptions_caught": self.exceptions_caught,
            **{category: self.explained(category) for category in CATEGORIES},
            "failures": self.failures,
        }


def page_type(checker: ResponseChecker, paginator: str) -> type:
    """The runtime TypedDict the stub's paginator yields as a page."""
    return checker.index.type_def(checker.index.pages[paginator])


# --------------------------------------------------------------------------- CognitoIdentity


def cognito_workflow(client: CognitoIdentityClient, checker: ResponseChecker, report: Report) -> None:
    providers: list[CognitoIdentityProviderTypeDef] = [
        {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", "ClientId": "app", "ServerSideTokenCheck": False}
    ]
    full: IdentityPoolResponseTypeDef = client.create_identity_pool(
        IdentityPoolName="stubwright_full",
        AllowUnauthenticatedIdentities=True,
        AllowClassicFlow=False,
        SupportedLoginProviders={"graph.facebook.com": "123456789"},
        DeveloperProviderName="login.stubwright",
        OpenIdConnectProviderARNs=["arn:aws:iam::123456789012:oidc-provider/example.com"],
        CognitoIdentityProviders=providers,
        SamlProviderARNs=["arn:aws:iam::123456789012:saml-provider/corp"],
        IdentityPoolTags={"team": "typing"},
    )
    pool_id: str = full["IdentityPoolId"]
    minimal = client.create_identity_pool(IdentityPoolName="stubwright_minimal", AllowUnauthenticatedIdentities=False)

    described = client.describe_identity_pool(IdentityPoolId=pool_id)
    assert described["IdentityPoolName"] == "stubwright_full"
    assert described["IdentityPoolTags"] == {"team": "typing"}
    for provider in described["CognitoIdentityProviders"]:
        assert provider.get("ClientId") == "app"
    client.update_identity_pool(
        IdentityPoolId=pool_id,
        IdentityPoolName="stubwright_full",
        AllowUnauthenticatedIdentities=True,
        IdentityPoolTags={"team": "typing", "stage": "e2e"},
    )

    paginator: ListIdentityPoolsPaginator = client.get_paginator("list_identity_pools")
    page_td = page_type(checker, "list_identity_pools")
    names: list[str] = []
    for page in paginator.paginate(PaginationConfig={"PageSize": 1}):
        checker.check("page:list_identity_pools", page, page_td)
        report.pages += 1
        names += [pool.get("IdentityPoolName", "") for pool in page["IdentityPools"]]
    assert {"stubwright_full", "stubwright_minimal"} <= set(names), names

    identity_ids = [client.get_id(IdentityPoolId=pool_id)["IdentityId"] for _ in range(2)]
    listed = client.list_identities(IdentityPoolId=pool_id, MaxResults=10)
    seen = {identity["IdentityId"] for identity in listed["Identities"]}
    assert set(identity_ids) <= seen, (identity_ids, seen)
    credentials = client.get_credentials_for_identity(IdentityId=identity_ids[0])["Credentials"]
    expires: datetime | None = credentials.get("Expiration")
    assert expires is None or isinstance(expires, datetime)
    token = client.get_open_id_token(IdentityId=identity_ids[0])
    assert token["Token"]

    client.delete_identity_pool(IdentityPoolId=minimal["IdentityPoolId"])
    client.delete_identity_pool(IdentityPoolId=pool_id)
    try:
        client.describe_identity_pool(IdentityPoolId=pool_id)
    except client.exceptions.ResourceNotFoundException as exc:
        _caught(report, exc, "ResourceNotFoundException")
    else:
        raise AssertionError("describe_identity_pool of a deleted pool did not raise")


# --------------------------------------------------------------------------- IdentityStore


def identitystore_workflow(client: IdentityStoreClient, checker: ResponseChecker, report: Report) -> None:
    # moto makes an identity store on first use of an id; on AWS the store
    # comes with IAM Identity Center (sso-admin list_instances gives its id)
    store = "d-1234567890"
    users: dict[str, str] = {}
    for login, given, family in [("alice", "Alice", "Liddell"), ("bob", "Bob", "Builder"), ("carol", "Carol", "Danvers")]:
        name: NameTypeDef = {"GivenName": given, "FamilyName": family, "Formatted": f"{given} {family}"}
        emails: list[EmailTypeDef] = [{"Value": f"{login}@example.com", "Type": "work", "Primary": True}]
        created = client.create_user(
            IdentityStoreId=store, UserName=login, Name=name, DisplayName=f"{given} {family}", Emails=emails, Title="Engineer"
        )
        users[login] = created["UserId"]
    admins = client.create_group(IdentityStoreId=store, DisplayName="admins", Description="can do everything")["GroupId"]
    readers = client.create_group(IdentityStoreId=store, DisplayName="readers")["GroupId"]
    membership = client.create_group_membership(IdentityStoreId=store, GroupId=admins, MemberId={"UserId": users["alice"]})
    client.create_group_membership(IdentityStoreId=store, GroupId=readers, MemberId={"UserId": users["alice"]})
    client.create_group_membership(IdentityStoreId=store, GroupId=readers, MemberId={"UserId": users["bob"]})

    alice = client.describe_user(IdentityStoreId=store, UserId=users["alice"])
    assert alice["UserName"] == "alice"
    assert alice["Name"].get("GivenName") == "Alice"
    assert [e.get("Value") for e in alice["Emails"]] == ["alice@example.com"]
    group = client.describe_group(IdentityStoreId=store, GroupId=admins)
    assert group.get("Description") == "can do everything"
    found = client.get_user_id(
        IdentityStoreId=store,
        # a document: any JSON value, here the user name; the docs type it
        # Mapping[str, Any] (as types-boto3 does), which rejects this call
        AlternateIdentifier={"UniqueAttribute": {"AttributePath": "userName", "AttributeValue": "bob"}},  # type: ignore[typeddict-item]
    )
    assert found["UserId"] == users["bob"]
    by_name = client.get_group_id(
        IdentityStoreId=store,
        AlternateIdentifier={"UniqueAttribute": {"AttributePath": "displayName", "AttributeValue": "readers"}},  # type: ignore[typeddict-item]
    )
    assert by_name["GroupId"] == readers

    paginator: ListUsersPaginator = client.get_paginator("list_users")
    page_td = page_type(checker, "list_users")
    listed: list[UserTypeDef] = []
    for page in paginator.paginate(IdentityStoreId=store, PaginationConfig={"PageSize": 2}):
        checker.check("page:list_users", page, page_td)
        report.pages += 1
        listed += page["Users"]
    assert sorted(u.get("UserName", "") for u in listed) == ["alice", "bob", "carol"]
    for groups_page in client.get_paginator("list_groups").paginate(IdentityStoreId=store):
        checker.check("page:list_groups", groups_page, page_type(checker, "list_groups"))
        report.pages += 1
        assert {g.get("DisplayName") for g in groups_page["Groups"]} == {"admins", "readers"}
    members = [
        m.get("MemberId", {}).get("UserId")
        for page in client.get_paginator("list_group_memberships").paginate(IdentityStoreId=store, GroupId=readers)
        for m in page["GroupMemberships"]
    ]
    report.pages += 1
    assert sorted(str(m) for m in members) == sorted([users["alice"], users["bob"]])
    of_alice = client.list_group_memberships_for_member(IdentityStoreId=store, MemberId={"UserId": users["alice"]})
    assert {m.get("GroupId") for m in of_alice["GroupMemberships"]} == {admins, readers}

    client.delete_group_membership(IdentityStoreId=store, MembershipId=membership["MembershipId"])
    for user_id in users.values():
        client.delete_user(IdentityStoreId=store, UserId=user_id)
    client.delete_group(IdentityStoreId=store, GroupId=admins)
    client.delete_group(IdentityStoreId=store, GroupId=readers)
    try:
        client.describe_user(IdentityStoreId=store, UserId=users["carol"])
    except client.exceptions.ResourceNotFoundException as exc:
        _caught(report, exc, "ResourceNotFoundException")
    else:
        raise AssertionError("describe_user of a deleted user did not raise")


def _caught(report: Report, exc: ClientError, expected: str) -> None:
    error = exc.response.get("Error", {})
    assert error.get("Code") == expected, exc.response
    assert isinstance(error.get("Message", ""), str)
    report.exceptions_caught.append(f"{exc.operation_name}: {expected}")


# --------------------------------------------------------------------------- main


@contextmanager
def moto_server() -> Generator[str, None, None]:
    """moto in server mode on 127.0.0.1, a free port; yields its URL."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    moto_server_module: Any = importlib.import_module("moto.server")
    server: Any = moto_server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def run(endpoint_url: str) -> Report:
    report = Report()
    cognito = create_cognito_client(
        region_name=REGION,
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        aws_session_token="testing",
    )
    identitystore = create_identitystore_client(
        region_name=REGION,
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        aws_session_token="testing",
    )
    flows: list[tuple[str, Any, Any]] = [
        (COGNITO, cognito, cognito_workflow),
        (IDENTITYSTORE, identitystore, identitystore_workflow),
    ]
    for module, client, flow in flows:
        index = StubIndex(module)
        report.problems += [f"{module}: {p}" for p in surface_problems(client, index)]
        checker = ResponseChecker.attach(client, index, ALLOWED[module])
        flow(client, checker, report)
        report.operations |= checker.operations
        report.responses += checker.responses
        report.findings += checker.findings
        report.problems += [f"{module}: stale allow-list entry {e}" for e in checker.unused()]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--endpoint-url", help="a running moto server (default: start one)")
    parser.add_argument("--json", type=Path, help="write the report here")
    args = parser.parse_args(argv)
    if args.endpoint_url:
        report = run(args.endpoint_url)
    else:
        with moto_server() as url:
            report = run(url)
    if args.json:
        args.json.write_text(json.dumps(report.as_json(), indent=2) + "\n")
    print(
        f"operations exercised: {len(report.operations)}; responses checked: {report.responses} (pages: {report.pages}); "
        f"typed exceptions caught: {len(report.exceptions_caught)}"
    )
    for category in CATEGORIES:
        found = [f for f in report.findings if f.category == category]
        for reason in sorted({f.reason for f in found}):
            print(f"  {category}: {reason}")
            for f in found:
                if f.reason == reason:
                    print(f"      {f.where}: {f.message}")
    for line in report.failures:
        print(f"  FAILED: {line}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())

