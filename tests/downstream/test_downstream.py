"""Downstream use of the generated packages (issue 5).

Fast, in the default run (against output/ and this environment):
the runtime checker itself, honest runtime twins (``__required_keys__``),
stubtest of every package and of the boto3 overloads, the workflow against
moto in server mode, the workflow under mypy --strict and pyright.
The misuse samples and their snapshots: tests/test_typing_snapshots.py.

Slow (``pytest -m downstream``, ``make downstream``): all of it against the
packages built as wheels and installed into a fresh virtualenv
(tests/downstream/run.py).
"""

# no ``from __future__ import annotations``: the TypedDicts below must see
# their NotRequired at run time, as the runtime twins do

import datetime
import importlib
import json
import os
import subprocess
import sys
import tempfile
import types
from pathlib import Path, PurePosixPath
from typing import Literal, NotRequired, TypedDict

import pytest

from generator.render.package import OVERLOADS_PROJECT, read_client_package, render_boto3_overloads
from tests.conftest import ROOT, tool
from tests.downstream import misuse
from tests.downstream.runtime_check import check_value, is_typeddict, typeddict_fields

HERE = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PACKAGES = sorted(p for p in OUTPUT.iterdir() if p.is_dir() and not p.name.startswith("."))


def _env(*paths: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in paths)
    return env


@pytest.fixture(scope="module")
def overload_stubs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return misuse.overload_stubs(tmp_path_factory.mktemp("overloads"))


# --------------------------------------------------------------------------- the checker


class _Inner(TypedDict):
    When: datetime.datetime
    Kind: Literal["A", "B"]


class _Outer(TypedDict):
    Id: str
    Items: list[_Inner]
    Tags: dict[str, str]
    Count: NotRequired[int]


def test_checker_finds_every_kind_of_difference() -> None:
    Outer = _Outer
    good = {"Id": "x", "Items": [{"When": datetime.datetime.now(), "Kind": "A"}], "Tags": {"k": "v"}}
    assert check_value(good, Outer) == []
    assert check_value({**good, "Count": 3}, Outer) == []
    bad = {
        "Items": [{"When": "yesterday", "Kind": "C"}, "not a dict"],
        "Tags": {"k": 1},
        "Count": True,
        "Extra": 1,
    }
    found = dict(check_value(bad, Outer))
    assert found == {
        "$.Id": "required key of _Outer missing",
        "$.Items[0].When": "expected datetime, got str 'yesterday'",
        "$.Items[0].Kind": "'C' is not one of ['A', 'B']",
        "$.Items[1]": "expected a dict for _Inner, got str",
        "$.Tags['k']": "expected str, got int 1",
        "$.Count": "expected int, got bool True",
        "$.Extra": "unknown key for _Outer",
    }


def test_runtime_twins_know_their_required_keys() -> None:
    """Every TypedDict of every twin: ``__required_keys__`` is what its
    evaluated hints say (the twins evaluate annotations, so NotRequired is
    seen at run time), and every hint resolves."""
    checked = 0
    for package in PACKAGES:
        if not (package / package.name / "type_defs.py").exists():
            continue
        code = (
            "import importlib, json, sys\n"
            "from tests.downstream.runtime_check import is_typeddict, typeddict_fields\n"
            f"m = importlib.import_module('{package.name}.type_defs')\n"
            "tds = [v for v in vars(m).values() if is_typeddict(v) and v.__module__ == m.__name__]\n"
            "for td in tds: typeddict_fields(td)\n"
            "print(len(tds))\n"
        )
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(package, ROOT), cwd=ROOT)
        assert proc.returncode == 0, proc.stderr
        checked += int(proc.stdout)
    assert checked > 150


def test_runtime_twin_quotes_forward_references() -> None:
    """A recursive shape evaluates in the twin (quoted, NotRequired kept)."""
    from generator.render.package import Field, TypedDictDef, _runtime_defs

    node = TypedDictDef(
        "NodeTypeDef",
        (Field("Name", "str", True, "str"), Field("Children", "NotRequired[list[NodeTypeDef]]", False, "list[NodeTypeDef]")),
        functional=False,
        doc="",
    )
    (twin,) = _runtime_defs([node])
    assert [f.annotation for f in twin.fields] == ["str", 'NotRequired["list[NodeTypeDef]"]']
    module = types.ModuleType("stubwright_test_twin")
    source = "from typing import NotRequired, TypedDict\nclass NodeTypeDef(TypedDict):\n    Name: str\n    Children: " + twin.fields[1].annotation + "\n"
    sys.modules[module.__name__] = module
    try:
        exec(compile(source, "twin", "exec", dont_inherit=True), module.__dict__)
        td = module.NodeTypeDef
        assert td.__required_keys__ == {"Name"}
        found = check_value({"Name": "a", "Children": [{"Name": "b"}, {"Children": []}]}, td)
    finally:
        del sys.modules[module.__name__]
    assert found == [("$.Children[1].Name", "required key of NodeTypeDef missing")]


# --------------------------------------------------------------------------- stubtest


def test_stubtest_every_package_and_the_boto3_overloads(overload_stubs: Path, tmp_path: Path) -> None:
    """The runtime twins agree with the stubs (allowlists: each package's
    stubtest_allowlist.txt), and the overloads with the installed boto3."""
    pytest.importorskip("boto3")
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    files = {PurePosixPath(p.relative_to(OUTPUT).as_posix()): p.read_text() for p in OUTPUT.glob("*/pyproject.toml")}
    overloads = tmp_path / "overloads_allowlist.txt"
    overloads.write_text(render_boto3_overloads(files)[PurePosixPath(OVERLOADS_PROJECT, "stubtest_allowlist.txt")])
    allowlists = [str(p / "stubtest_allowlist.txt") for p in PACKAGES] + [str(overloads)]
    proc = subprocess.run(
        [
            sys.executable, "-m", "mypy.stubtest", "--mypy-config-file", str(tmp_path / "mypy.ini"),
            *(p.name for p in PACKAGES), "boto3", *(a for path in allowlists for a in ("--allowlist", path)),
        ],
        capture_output=True,
        text=True,
        env={**_env(*PACKAGES), "MYPYPATH": os.pathsep.join(map(str, [overload_stubs, *PACKAGES]))},
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_overloads_package_names_every_client_package() -> None:
    files = {PurePosixPath(p.relative_to(OUTPUT).as_posix()): p.read_text() for p in OUTPUT.glob("*/pyproject.toml")}
    infos = [read_client_package(text) for text in files.values()]
    assert all(infos) and len(infos) == len(PACKAGES)
    rendered = render_boto3_overloads(files)
    pyproject = rendered[PurePosixPath(OVERLOADS_PROJECT, "pyproject.toml")]
    for info in infos:
        assert info is not None
        assert f'"{info.distribution}=={info.version}"' in pyproject
        assert f'Literal["{info.client_id}"]' in rendered[PurePosixPath(OVERLOADS_PROJECT, "boto3-stubs", "__init__.pyi")]
    assert rendered[PurePosixPath(OVERLOADS_PROJECT, "boto3-stubs", "py.typed")] == "partial\n"
    assert render_boto3_overloads({}) == {}


def test_stubs_agree_with_the_botocore_model() -> None:
    """Every package (chime-sdk-identity too, which moto does not serve):
    the stub's operations, keyword parameters and their required flags,
    paginators and exceptions exist in this environment's botocore model."""
    code = (
        "import botocore.session, json, sys\n"
        "from tests.downstream.runtime_check import StubIndex, surface_problems\n"
        "session = botocore.session.get_session()\n"
        "out = {}\n"
        "for arg in sys.argv[1:]:\n"
        "    module, service = arg.split('=')\n"
        "    index = StubIndex(module)\n"
        "    client = session.create_client(service, region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x')\n"
        "    out[module] = [len(index.params), surface_problems(client, index)]\n"
        "print(json.dumps(out))\n"
    )
    infos = [read_client_package((p / "pyproject.toml").read_text()) for p in PACKAGES]
    args = [f"{info.module}={info.client_id}" for info in infos if info is not None]
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=_env(ROOT, *PACKAGES), cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert {m: problems for m, (_, problems) in result.items()} == {p.name: [] for p in PACKAGES}
    assert all(count >= 15 for count, _ in result.values())


# --------------------------------------------------------------------------- the workflow


def test_workflow_against_moto_server(tmp_path: Path) -> None:
    pytest.importorskip("moto.server", reason="moto[server] is a dev dependency: pip install -e '.[dev]'")
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, str(HERE / "workflow.py"), "--json", str(report)],
        capture_output=True,
        text=True,
        env=_env(HERE, *PACKAGES),
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(report.read_text())
    assert data["failures"] == []
    assert len(data["operations"]) >= 20
    assert data["responses"] >= 35
    assert len(data["exceptions_caught"]) == 2


def test_workflow_passes_mypy_strict_and_pyright(tmp_path: Path) -> None:
    """As a user has it: the two files side by side, the packages on the path."""
    names = ["workflow.py", "runtime_check.py"]
    for name in names:
        (tmp_path / name).write_text((HERE / name).read_text())
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    proc = subprocess.run(
        [tool("mypy"), "--config-file", "mypy.ini", "--strict", "--cache-dir", str(tmp_path / "c"), *names],
        capture_output=True,
        text=True,
        env={**_env(), "MYPYPATH": os.pathsep.join(map(str, PACKAGES))},
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    config = tmp_path / "pyrightconfig.json"
    config.write_text(
        json.dumps(
            {
                "typeCheckingMode": "strict",
                "include": names,
                "extraPaths": [str(p) for p in PACKAGES],
                "reportUnnecessaryTypeIgnoreComment": "error",
            }
        )
    )
    proc = subprocess.run(
        [tool("basedpyright"), "-p", str(config), "--pythonpath", sys.executable, "--outputjson"], capture_output=True, text=True, cwd=tmp_path
    )
    errors = [d for d in json.loads(proc.stdout)["generalDiagnostics"] if d["severity"] == "error"]
    assert errors == [], json.dumps(errors, indent=1)


# --------------------------------------------------------------------------- slow


@pytest.mark.downstream
def test_downstream_in_a_fresh_virtualenv() -> None:
    from tests.downstream import run

    with tempfile.TemporaryDirectory() as build:
        assert run.main(["--build", build]) == 0


def test_the_checker_is_importable_alone() -> None:
    """workflow.py imports runtime_check as a top-level module (a fresh
    virtualenv has no ``tests`` package)."""
    module = importlib.import_module("tests.downstream.runtime_check")
    assert is_typeddict(module.Finding) is False
    assert typeddict_fields is module.typeddict_fields
