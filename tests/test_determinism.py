"""The same documents give byte-identical trees, whatever the hash seed,
however often they are generated, and in whatever order they are given
(also when one service is merged from markdown pages and a reference page).
Every run here passes ``--no-cache``: a cached run would prove nothing."""

from __future__ import annotations

import hashlib
import os
import random
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
        [sys.executable, "-m", "generator", "generate", str(seed("001")), str(seed("003")), "-o", str(out), "-q", "--no-cache"],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(seed("001")), "-o", str(out), "-q", "--no-cache"],
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


#: one service from two families (older markdown pages + a reference text
#: page: input_docs/chime-sdk-identity) and one from the newer markdown pages
MERGE_SET = [
    ROOT / "input_docs" / "chime-sdk-identity" / "reference-botocore.txt",
    *sorted((ROOT / "input_docs" / "chime-sdk-identity" / "mypy-boto3-docs").glob("*.md")),
    *sorted((ROOT / "input_docs" / "identitystore" / "types-boto3-docs").glob("*.md")),
]


def _generate_files(out: Path, files: list[Path], hashseed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    args = [str(p.relative_to(ROOT)) for p in files if p.name.lower() != "readme.md"]
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "generate", *args, "-o", str(out), "-q", "--no-cache"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return _tree_digest(out)


def test_input_order_and_merge_set(tmp_path: Path) -> None:
    """Documents in path order, reversed, and shuffled (seeded), each with
    its own hash seed: the same bytes. The merge set makes the merge order
    matter if anything does."""
    forward = _generate_files(tmp_path / "forward", MERGE_SET, "0")
    backward = _generate_files(tmp_path / "backward", MERGE_SET[::-1], "7")
    shuffled = list(MERGE_SET)
    random.Random(20240607).shuffle(shuffled)
    assert shuffled not in (MERGE_SET, MERGE_SET[::-1])
    mixed = _generate_files(tmp_path / "mixed", shuffled, "4242")
    assert {p.split("/")[0] for p in forward} == {"mypy_boto3_chime_sdk_identity", "types_boto3_identitystore"}
    assert forward == backward == mixed


def test_parse_is_independent_of_document_order() -> None:
    """In process and without the cache or the CLI: the merged models (not
    only the rendered bytes) do not depend on the order of the documents."""
    from generator.pipeline import load

    forward, diags_forward = load(MERGE_SET)
    backward, diags_backward = load(MERGE_SET[::-1])
    assert forward == backward
    assert sorted(map(str, diags_forward)) == sorted(map(str, diags_backward))
