"""Every golden case renders to exactly its committed expected tree, and
that tree passes mypy --strict and pyright (strict)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, tool
from tests.golden import cases, render_case

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_matches_expected_tree(case: Path) -> None:
    expected_root = case / "expected"
    produced = {rel.as_posix(): text for rel, text in render_case(case).items()}
    on_disk = {
        p.relative_to(expected_root).as_posix(): p.read_text(encoding="utf-8")
        for p in expected_root.rglob("*")
        if p.is_file()
    }
    assert sorted(produced) == sorted(on_disk), "file set differs; run `make golden` and review"
    for rel, text in produced.items():
        assert text == on_disk[rel], f"{rel} differs from the golden file; run `make golden` and review"


#: every golden tree, and the committed output/ of input_docs/
TREES = [c / "expected" for c in CASES] + [ROOT / "output"]
TREE_IDS = [c.name for c in CASES] + ["output"]


def _copy(tree: Path, tmp_path: Path) -> list[Path]:
    """Type-check a copy, so no checker cache lands in the golden tree."""
    shutil.copytree(tree, tmp_path / "tree", ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    return sorted(p for p in (tmp_path / "tree").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", TREES, ids=TREE_IDS)
def test_mypy_strict_passes(case: Path, tmp_path: Path) -> None:
    for package in _copy(case, tmp_path):
        proc = subprocess.run(
            [tool("mypy"), "--strict", "--cache-dir", str(tmp_path / "cache"), "-p", package.name],
            cwd=package,
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("case", TREES, ids=TREE_IDS)
def test_pyright_strict_passes(case: Path, tmp_path: Path) -> None:
    for package in _copy(case, tmp_path):
        config = tmp_path / "pyrightconfig.json"
        config.write_text(json.dumps({"typeCheckingMode": "strict", "include": [str(package)]}))
        proc = subprocess.run(
            [tool("basedpyright"), "-p", str(config), "--pythonpath", sys.executable, "--outputjson"],
            capture_output=True,
            text=True,
        )
        report = json.loads(proc.stdout)
        errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
        assert errors == [], json.dumps(errors, indent=1)[:4000]
        assert report["summary"]["filesAnalyzed"] >= 8


# That output/ is what `make generate` makes of input_docs/ is checked by
# tests/test_cli.py::test_committed_output_passes_check (`generate --check`).
