"""Ctrl-C at any moment of a run: the previous output stays as it was (or,
when the signal comes after the swap, the new one is complete), no
staging folder is left behind, and no Python traceback reaches the user,
from the main process or from the worker processes.

The signal goes to the whole process group, as a terminal's Ctrl-C does.
Where it lands is timing; the delays spread over parsing, rendering and
writing. (An exception in the middle of the swap itself is
tests/test_incremental.py::test_an_error_while_applying_changes_nothing.)
"""

from __future__ import annotations

import gzip
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "botocore"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")


def _state(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _generate(docs: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", str(docs), "-o", str(out), "--no-cache", "--jobs", "2", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the signal reaches the workers too
    )


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes], float]:
    """Documents (every reference fixture, text and HTML), the output of an
    earlier run with other options (every client changes), the state a
    complete run gives, and how long one takes."""
    root = tmp_path_factory.mktemp("interrupt")
    docs = root / "docs"
    for page in sorted(REFERENCE.glob("*.gz")):
        name = page.name.removesuffix(".gz")
        (docs / name.split(".")[0]).mkdir(parents=True, exist_ok=True)
        (docs / name.split(".")[0] / name).write_bytes(gzip.decompress(page.read_bytes()))
    before = root / "before"
    proc = _generate(docs, before, "--kwargs-style", "unpack")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    after = root / "after"
    shutil.copytree(before, after)
    start = time.monotonic()
    proc = _generate(docs, after)
    _, err = proc.communicate(timeout=300)
    took = time.monotonic() - start
    assert proc.returncode == 0, err
    assert _state(before) != _state(after)
    return docs, before, _state(before), _state(after), took


@pytest.mark.parametrize("fraction", [0.15, 0.35, 0.55, 0.75, 0.9])
def test_ctrl_c_leaves_the_previous_output_or_the_complete_new_one(
    trees: tuple[Path, Path, dict[str, bytes], dict[str, bytes], float], fraction: float
) -> None:
    docs, before, before_state, after_state, took = trees
    out = docs.parent / f"run-{fraction}"  # beside the others: the manifests name the documents alike
    shutil.copytree(before, out)
    proc = _generate(docs, out)
    time.sleep(took * fraction)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    state = _state(out)
    if state not in (before_state, after_state):
        from_before = sorted(k for k in state if state[k] == before_state.get(k) != after_state.get(k))
        from_after = sorted(k for k in state if state[k] == after_state.get(k) != before_state.get(k))
        neither = sorted(k for k in state if state[k] not in (before_state.get(k), after_state.get(k)))
        missing = sorted((set(before_state) | set(after_state)) - set(state))
        raise AssertionError(
            f"a mix of the previous and the new output (exit {proc.returncode}): previous {from_before[:5]}, "
            f"new {from_after[:5]}, neither {neither[:5]}, missing {missing[:5]}; stderr {err[-500:]}"
        )
    assert not [p for p in out.iterdir() if p.name.startswith(".stubwright-")]
    assert "Traceback" not in err, err
    if proc.returncode == 130:
        assert "interrupted" in err
    else:
        # finished: 0, or killed by the signal after the last write and
        # after the handler (-2, as any program ended by Ctrl-C)
        assert proc.returncode in (0, -signal.SIGINT), err
        assert state == after_state
