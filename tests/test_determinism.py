"""The same documents give byte-identical trees, whatever the hash seed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, seed


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _generate(out: Path, hashseed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(seed("001")), str(seed("003")), "-o", str(out), "-q"],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(seed("001")), "-o", str(out), "-q"],
        check=True,
        cwd=ROOT,
        env=env,
    )
    return _tree_digest(out)


def test_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    first = _generate(tmp_path / "a", "0")
    second = _generate(tmp_path / "b", "1")
    third = _generate(tmp_path / "a", "12345")  # over the previous output
    assert first and first == second == third
