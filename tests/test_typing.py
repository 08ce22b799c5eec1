"""Downstream typing tests: correct use passes, every misuse is rejected
by mypy (with the expected code) and by pyright (with the expected rule)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import tool

SAMPLES = Path(__file__).parent / "typing"
EXPECT_RE = re.compile(r"#\s*expect-pyright:\s*(report\w+)")


def test_mypy_accepts_use_and_rejects_misuse(chime_package: Path, tmp_path: Path) -> None:
    sample = SAMPLES / "chime_usage.py"
    proc = subprocess.run(
        [tool("mypy"), "--strict", "--warn-unused-ignores", "--cache-dir", str(tmp_path / "c"), str(sample)],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(chime_package), "PATH": ""},
    )
    # unused ignores would mean a misuse slipped through; other errors a false rejection
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pyright_rejects_each_misuse(chime_package: Path, tmp_path: Path) -> None:
    sample = SAMPLES / "chime_usage.py"
    config = tmp_path / "pyrightconfig.json"
    config.write_text(
        json.dumps(
            {
                "typeCheckingMode": "standard",
                "enableTypeIgnoreComments": False,
                "include": [str(sample)],
                "extraPaths": [str(chime_package)],
                "reportUnusedExpression": False,
            }
        )
    )
    proc = subprocess.run(
        [tool("basedpyright"), "-p", str(config), "--pythonpath", sys.executable, "--outputjson"],
        capture_output=True,
        text=True,
    )
    report = json.loads(proc.stdout)
    got = {
        (d["range"]["start"]["line"] + 1, d.get("rule", ""))
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }
    expected = {
        (number, m.group(1))
        for number, line in enumerate(sample.read_text().splitlines(), 1)
        if (m := EXPECT_RE.search(line))
    }
    assert len(expected) == 7
    assert got == expected


def test_seed_documented_imports_type_check(tmp_path: Path) -> None:
    output = Path(__file__).resolve().parent.parent / "output"
    proc = subprocess.run(
        [
            tool("mypy"),
            "--strict",
            "--warn-unused-ignores",
            "--ignore-missing-imports",
            "--cache-dir",
            str(tmp_path / "c"),
            str(SAMPLES / "seed_imports.py"),
        ],
        capture_output=True,
        text=True,
        env={"MYPYPATH": ":".join(str(p) for p in sorted(output.iterdir())), "PATH": ""},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
