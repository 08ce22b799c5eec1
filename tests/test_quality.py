"""The generator itself: mypy --strict, ruff, and the stage boundaries."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

from tests.conftest import ROOT, tool

GENERATOR = ROOT / "generator"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def test_parsers_never_import_rendering_and_renderers_never_parse() -> None:
    for path in (GENERATOR / "parsers").glob("*.py"):
        bad = {n for n in _imports(path) if "render" in n or n.split(".")[0] in ("jinja2", "black")}
        assert not bad, f"{path.name} imports {bad}"
    for path in (GENERATOR / "render").glob("*.py"):
        bad = {n for n in _imports(path) if "parsers" in n or n.split(".")[0] in ("bs4", "markdown_it")}
        assert not bad, f"{path.name} imports {bad}"


def test_mypy_strict_on_generator() -> None:
    proc = subprocess.run([tool("mypy"), "--no-incremental"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_ruff() -> None:
    proc = subprocess.run([tool("ruff"), "check", "generator", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
