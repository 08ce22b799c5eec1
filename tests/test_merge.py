"""Merging documents of one service (docs/merging.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.diagnostics import Diagnostic, Level
from generator.merge import merge
from generator.model import EnumRef, ListType, ScalarKind, ScalarType, Service, StructRef
from generator.parsers import parse_document
from tests.conftest import ROOT

CHIME = ROOT / "input_docs" / "chime-sdk-identity"


def read(path: Path, text: str | None = None) -> Service:
    service, diags = parse_document(path.as_posix(), text.encode() if text is not None else path.read_bytes())
    assert service is not None, diags
    return service


def members(service: Service, name: str) -> dict[str, tuple[object, bool]]:
    return {m.name: (m.type, m.required) for m in service.struct(name).members}


def chime_docs() -> list[Service]:
    return [read(CHIME / "mypy-boto3-docs" / name) for name in ("client.md", "type_defs.md", "literals.md")] + [
        read(CHIME / "reference-botocore.txt")
    ]


def test_markdown_names_with_reference_structures() -> None:
    merged, diags = merge(chime_docs())
    assert [d for d in diags if d.level is Level.WARNING] == []
    assert merged.module_name == "mypy_boto3_chime_sdk_identity"
    ops = {o.method_name: o for o in merged.operations}
    # the markdown's names
    assert ops["create_app_instance"].input == StructRef("CreateAppInstanceRequestRequest")
    assert ops["describe_app_instance_admin"].output == StructRef("DescribeAppInstanceAdminResponse")
    assert members(merged, "DescribeAppInstanceAdminResponse")["AppInstanceAdmin"][0] == StructRef("AppInstanceAdmin")
    assert members(merged, "AppInstanceAdmin")["Admin"][0] == StructRef("Identity")
    # operations only the newer reference page has are kept, with its structures
    assert ops["register_app_instance_user_endpoint"].input == StructRef("RegisterAppInstanceUserEndpointRequest")
    endpoint = members(merged, "RegisterAppInstanceUserEndpointRequest")
    assert endpoint["Type"] == (EnumRef("AppInstanceUserEndpointType"), True)
    assert merged.enum("AppInstanceUserEndpointType").values == ("APNS", "APNS_SANDBOX", "GCM")
    # descriptions come from the reference page
    assert ops["create_app_instance"].doc.startswith("Creates an Amazon Chime SDK messaging AppInstance under an AWS account.")
    assert members(merged, "CreateAppInstanceRequestRequest")["Tags"] == (ListType(StructRef("Tag")), False)
    assert {e.name for e in merged.errors} >= {"BadRequestException", "UnauthorizedClientException"}


def test_conflicting_type_keeps_the_reference_page_and_warns(tmp_path: Path) -> None:
    docs_dir = tmp_path / "mypy-boto3-docs"
    shutil.copytree(CHIME / "mypy-boto3-docs", docs_dir)
    doctored = docs_dir / "client.md"
    client = doctored.read_text()
    assert "- `Metadata`: `str`\n" in client
    doctored.write_text(client.replace("- `Metadata`: `str`\n", "- `Metadata`: `int`\n", 1))
    docs = [read(docs_dir / name) for name in ("client.md", "type_defs.md", "literals.md")]
    merged, diags = merge([*docs, read(CHIME / "reference-botocore.txt")])
    assert members(merged, "CreateAppInstanceRequestRequest")["Metadata"] == (ScalarType(ScalarKind.STRING), False)
    conflicts = [d for d in diags if d.code == "merge-conflict"]
    # one within the markdown family (client.md against type_defs.md: the
    # first in path order wins), one against the reference page (which wins
    # on type kinds)
    assert [(d.level, d.span.path) for d in conflicts] == [(Level.WARNING, doctored.as_posix())] * 2
    assert "type_defs.md" in conflicts[0].message and "kept integer" in conflicts[0].message
    assert "reference-botocore.txt" in conflicts[1].message and "kept string" in conflicts[1].message


def test_unresolved_names_become_permissive_with_a_warning() -> None:
    client_only = read(CHIME / "mypy-boto3-docs" / "client.md")
    merged, diags = merge([client_only])
    unresolved = [d for d in diags if d.code == "unresolved-name"]
    assert unresolved and all(isinstance(d, Diagnostic) and "type_defs.md" in d.message for d in unresolved)
    ops = {o.method_name: o for o in merged.operations}
    assert ops["describe_app_instance"].output is None
    tags = members(merged, "CreateAppInstanceRequestRequest")["Tags"][0]
    assert isinstance(tags, ListType) and not isinstance(tags.item, StructRef)
