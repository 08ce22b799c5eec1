from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A console script of the test environment (mypy, basedpyright)."""
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed in the test environment")
    return found


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def chime_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ChimeSDKIdentity package generated from seed 001, written to disk."""
    out = tmp_path_factory.mktemp("out")
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(seed("001")), "-o", str(out), "-q"],
        check=True,
        cwd=ROOT,
    )
    return out / "types_boto3_chime_sdk_identity"
