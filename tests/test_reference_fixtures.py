"""Every rendered reference page in tests/fixtures/reference (text and HTML,
botocore and boto3 flavour) generates a package that mypy --strict and
pyright (strict) accept, and text and HTML of a page give the same files."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate, write_tree
from generator.render.package import Options
from tests.conftest import ROOT, tool

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "reference").glob("*/*.gz"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for fixture in FIXTURES:
        name = f"{fixture.parent.name}-{fixture.name.removesuffix('.gz').replace('.', '-')}"
        doc = tmp_path_factory.mktemp("docs") / fixture.name.removesuffix(".gz")
        doc.write_bytes(gzip.decompress(fixture.read_bytes()))
        result = generate([doc], Options())
        assert not result.failed, [str(d) for d in result.diagnostics]
        target = tmp_path_factory.mktemp(name)
        write_tree(target, result.files)
        out[name] = target
    return out


def test_fixtures_present() -> None:
    assert len(FIXTURES) >= 10


def test_text_and_html_give_the_same_stubs(generated: dict[str, Path]) -> None:
    compared = 0
    for name, root in generated.items():
        if not name.endswith("-html"):
            continue
        twin = generated.get(name.removesuffix("-html") + "-txt")
        if twin is None:
            continue
        html_files = {p.relative_to(root): p.read_text() for p in root.rglob("*.pyi")}
        text_files = {p.relative_to(twin): p.read_text() for p in twin.rglob("*.pyi")}
        if name.startswith("botocore-sts"):
            continue  # operation names: only HTML links carry AssumeRoleWithSAML's spelling
        assert html_files == text_files, name
        compared += 1
    assert compared >= 5


def test_mypy_and_pyright_accept_all(generated: dict[str, Path], tmp_path: Path) -> None:
    for name, root in generated.items():
        (package,) = [p for p in root.iterdir() if p.is_dir()]
        proc = subprocess.run(
            [tool("mypy"), "--strict", "--cache-dir", str(tmp_path / "mypy"), "-p", package.name],
            cwd=package,
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, f"{name}: {proc.stdout}"
    config = tmp_path / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "strict", "include": [str(p) for p in generated.values()]}))
    proc = subprocess.run(
        [tool("basedpyright"), "-p", str(config), "--pythonpath", sys.executable, "--outputjson"],
        capture_output=True,
        text=True,
    )
    report = json.loads(proc.stdout)
    errors = [f"{d['file']}:{d['range']['start']['line'] + 1}: {d['message']}" for d in report["generalDiagnostics"] if d["severity"] == "error"]
    assert errors == []
