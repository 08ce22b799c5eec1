"""Operations named like module-level names of the client module (glue's
``GetSession`` → ``get_session``) are methods like any other: the stubs
type-check and the runtime twin still creates clients."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import Member, Operation, Paginator, ScalarKind, ScalarType, Service, StructRef, StructShape
from generator.naming import is_method_name
from generator.pipeline import generate
from generator.render.package import Options, render_package
from generator.render.templates import Templates
from tests.conftest import ROOT, tool

CASE = ROOT / "tests" / "cases" / "chime_sdk_identity" / "input" / "reference-botocore.txt"
MODULE_LEVEL = ("get_session", "cast", "sys", "create_client")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = CASE.read_text(encoding="utf-8")
    start = text.index("delete_app_instance(**kwargs)\n")
    end = text.index("delete_app_instance_admin(**kwargs)\n")
    block = text[start:end]
    copies = "".join(block.replace("delete_app_instance", name) for name in MODULE_LEVEL)
    docs = tmp_path_factory.mktemp("docs")
    (docs / "reference-botocore.txt").write_text(text[:start] + copies + text[start:], encoding="utf-8")
    result = generate([docs], Options())
    assert not result.failed
    assert not [d for d in result.diagnostics if d.code == "bad-name"]
    out = tmp_path_factory.mktemp("out")
    for rel, content in result.files.items():
        target = out.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return out / "types_boto3_chime_sdk_identity"


def test_module_level_names_are_method_names() -> None:
    for name in MODULE_LEVEL:
        assert is_method_name(name), name
    for name in ("str", "overload", "waiter_names", "get_paginator", "datetime"):
        assert not is_method_name(name), name


def test_stub_methods_type_check(package: Path, tmp_path: Path) -> None:
    stub = (package / "types_boto3_chime_sdk_identity" / "client.pyi").read_text(encoding="utf-8")
    for name in MODULE_LEVEL:
        assert f"    def {name}(self, *, AppInstanceArn: str)" in stub
    proc = subprocess.run(
        [tool("mypy"), "--strict", "--cache-dir", str(tmp_path / "cache"), "-p", "types_boto3_chime_sdk_identity"],
        cwd=package,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_runtime_twin_imports_get_session_privately(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    twin = (package / "types_boto3_chime_sdk_identity" / "client.py").read_text(encoding="utf-8")
    assert "get_session as _get_session" in twin
    monkeypatch.syspath_prepend(str(package))
    for name in [m for m in sys.modules if m.startswith("types_boto3_chime_sdk_identity")]:
        monkeypatch.delitem(sys.modules, name)
    client_module = importlib.import_module("types_boto3_chime_sdk_identity.client")
    assert not hasattr(client_module, "get_session")
    client = client_module.create_client(region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="y")
    assert client.meta.service_model.service_name == "chime-sdk-identity"


def test_a_paginators_own_response_gets_response_metadata() -> None:
    # glue GetJobs: the page differs from the operation's response (its jobs
    # are read without some keys), so the paginator has its own response
    # TypedDict; the builder gives it ResponseMetadata like any response
    name = Member(name="Name", type=ScalarType(ScalarKind.STRING), required=False)
    service = Service(
        name="Demo",
        client_id="demo",
        operations=(Operation(method_name="get_jobs", name="GetJobs", output=StructRef("GetJobsResponse")),),
        structs=(
            StructShape(name="GetJobsResponse", members=(name, Member(name="NextToken", type=ScalarType(ScalarKind.STRING), required=False))),
            StructShape(name="GetJobsResponsePaginator", members=(name,)),
        ),
        paginators=(Paginator(name="GetJobs", method_name="get_jobs", output=StructRef("GetJobsResponsePaginator")),),
    )
    files = render_package(service, Options(), Templates())
    type_defs = next(text for rel, text in files.items() if rel.name == "type_defs.pyi")
    for cls in ("GetJobsResponseTypeDef", "GetJobsResponsePaginatorTypeDef"):
        body = type_defs.split(f"class {cls}(TypedDict):", 1)[1].split("\nclass ", 1)[0]
        assert "ResponseMetadata: ResponseMetadataTypeDef" in body, cls
