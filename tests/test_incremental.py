"""Regenerating over an existing output/: only what changes is written,
what is no longer produced is removed (only what stubwright wrote), the
cache is never stale, and ``--jobs`` does not change a byte."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

import generator.pipeline as pipeline
from generator.cache import Cache
from generator.pipeline import MANIFEST, generate, plan_tree, read_manifest, write_tree
from generator.render.package import Options
from tests.conftest import ROOT

REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "botocore"
#: small reference pages (fast to render), one service each
SERVICES = ("freetier", "inspector-scan")
PACKAGES = ("types_boto3_freetier", "types_boto3_inspector_scan")
OLD = 946684800  # 2000-01-01: an mtime no write can produce


def _docs(root: Path) -> Path:
    docs = root / "docs"
    for name in SERVICES:
        (docs / name).mkdir(parents=True, exist_ok=True)
        (docs / name / "reference.txt").write_bytes(gzip.decompress((REFERENCE / f"{name}.txt.gz").read_bytes()))
    return docs


def _run(docs: Path, out: Path, cache: Cache | None = None, options: Options | None = None) -> pipeline.Plan:
    result = generate([docs], options or Options(), cache=cache)
    assert not result.failed, [str(d) for d in result.diagnostics]
    return write_tree(out, result.files, sources=result.sources(), scope=[docs])


def _age(out: Path) -> None:
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def _state(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), int(p.stat().st_mtime)) for p in sorted(out.rglob("*")) if p.is_file()}


def _edit(doc: Path, old: str, new: str) -> None:
    text = doc.read_text(encoding="utf-8")
    assert old in text
    doc.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, tuple[bytes, int]]]:
    """Documents and a fresh output (no cache), aged; copy before changing."""
    root = tmp_path_factory.mktemp("built")
    docs = _docs(root)
    _run(docs, root / "out")
    _age(root / "out")
    return docs, root / "out", _state(root / "out")


def _copy(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> tuple[Path, Path]:
    docs, out, _ = built
    shutil.copytree(docs, tmp_path / "docs")
    shutil.copytree(out, tmp_path / "out")
    _age(tmp_path / "out")
    return tmp_path / "docs", tmp_path / "out"


def test_packages_carry_a_manifest(built: tuple[Path, Path, dict[str, tuple[bytes, int]]]) -> None:
    _, out, state = built
    for package in PACKAGES:
        manifest = json.loads((out / package / MANIFEST).read_text())
        listed = {f"{package}/{f}" for f in manifest["files"]}
        on_disk = {k for k in state if k.startswith(f"{package}/") and not k.endswith(MANIFEST)}
        assert listed == on_disk
        assert manifest["generator"] == "stubwright" and len(manifest["sources"]) == 1
        assert manifest["sources"][0].endswith("/reference.txt") and manifest["sources"][0].startswith("../")


def test_no_op_writes_nothing(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, out = _copy(built, tmp_path)
    before = _state(out)
    plan = _run(docs, out)
    assert plan.empty
    assert _state(out) == before


def test_touch_one_doc_changes_only_that_package(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, out = _copy(built, tmp_path)
    before = _state(out)
    _edit(docs / "freetier" / "reference.txt", "Returns a specific activity record", "Returns one activity record")
    plan = _run(docs, out)
    after = _state(out)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {(PurePosixPath(*r.parts)).as_posix() for r in plan.changed}
    assert changed and all(k.startswith("types_boto3_freetier/") for k in changed)
    assert "types_boto3_freetier/types_boto3_freetier/client.pyi" in changed
    for key in changed:  # new content, new mtime
        assert after[key][0] != before[key][0] and after[key][1] > OLD
    for key in set(after) - changed:  # same content, mtime untouched
        assert after[key] == before[key]
    assert set(after) == set(before) and not plan.added and not plan.removed


def test_deleted_doc_removes_its_package_only(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, out = _copy(built, tmp_path)
    (out / "notes.txt").write_text("mine")
    (out / "handmade").mkdir()
    (out / "handmade" / "x.py").write_text("x = 1\n")
    (out / "types_boto3_inspector_scan" / "build").mkdir()  # what `pip install` leaves
    (out / "types_boto3_inspector_scan" / "build" / "junk").write_text("")
    before = _state(out)
    (docs / "inspector-scan" / "reference.txt").unlink()
    plan = _run(docs, out)
    assert plan.removed_packages == ["types_boto3_inspector_scan"]
    after = _state(out)
    assert not [k for k in after if k.startswith("types_boto3_inspector_scan/") and "/build/" not in k]
    assert (out / "types_boto3_inspector_scan" / "build" / "junk").exists()  # not stubwright's: kept
    kept = "types_boto3_inspector_scan/build/junk"
    assert {k: v for k, v in before.items() if not k.startswith("types_boto3_inspector_scan/") or k == kept} == after
    # without leftovers, the folder goes too; a renamed document is the same service
    (docs / "freetier" / "reference.txt").rename(docs / "freetier" / "renamed.txt")
    plan = _run(docs, out)
    changed = [r.as_posix() for r in plan.changed]
    assert "types_boto3_freetier/.stubwright.json" in changed and all(r.startswith("types_boto3_freetier/") for r in changed)
    (out / "types_boto3_freetier" / "types_boto3_freetier" / "__pycache__").mkdir()
    shutil.rmtree(docs / "freetier")
    _run(docs, out)
    assert sorted(p.name for p in out.iterdir()) == ["handmade", "notes.txt", "types_boto3_freetier", "types_boto3_inspector_scan"]
    assert [p.relative_to(out).as_posix() for p in sorted(out.rglob("*")) if "freetier" in p.as_posix()] == [
        "types_boto3_freetier",
        "types_boto3_freetier/types_boto3_freetier",
        "types_boto3_freetier/types_boto3_freetier/__pycache__",
    ]


def test_a_run_over_other_paths_keeps_other_packages(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, out = _copy(built, tmp_path)
    before = _state(out)
    only = docs / "freetier"
    result = generate([only], Options())
    plan = write_tree(out, result.files, sources=result.sources(), scope=[only])
    assert plan.empty and _state(out) == before


def test_file_no_longer_produced_is_removed(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, out = _copy(built, tmp_path)
    result = generate([docs], Options())
    files = {rel: text for rel, text in result.files.items() if rel.name != "README.md"}
    plan = write_tree(out, files, sources=result.sources(), scope=[docs])
    assert sorted(r.as_posix() for r in plan.removed) == [f"{p}/README.md" for p in PACKAGES]
    assert not (out / PACKAGES[0] / "README.md").exists()
    assert "README.md" not in json.loads((out / PACKAGES[0] / MANIFEST).read_text())["files"]


def test_only_stubwright_packages_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "theirs").mkdir(parents=True)
    (out / "theirs" / "a.py").write_text("")
    (out / "evil").mkdir()
    (out / "evil" / MANIFEST).write_text(json.dumps({"generator": "stubwright", "files": ["../theirs/a.py"], "sources": ["../gone.txt"]}))
    assert read_manifest(out / "evil") is None
    plan = plan_tree(out, {}, scope=[tmp_path])
    assert plan.empty
    # a manifest whose documents lie outside this run's paths: kept
    (out / "other").mkdir()
    (out / "other" / "f.pyi").write_text("")
    (out / "other" / MANIFEST).write_text(json.dumps({"generator": "stubwright", "files": ["f.pyi"], "sources": ["../elsewhere/doc.txt"]}))
    assert plan_tree(out, {}, scope=[tmp_path / "docs"]).empty
    assert [r.as_posix() for r in plan_tree(out, {}, scope=[tmp_path / "elsewhere"]).removed] == ["other/.stubwright.json", "other/f.pyi"]


def test_an_error_while_applying_changes_nothing(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, out = _copy(built, tmp_path)
    before = _state(out)
    _edit(docs / "freetier" / "reference.txt", "Returns a specific activity record", "Returns one activity record")
    _edit(docs / "inspector-scan" / "reference.txt", "Amazon Inspector Scan is", "Inspector Scan is")
    (docs / "freetier" / "reference.txt").rename(docs / "freetier" / "ref2.txt")
    result = generate([docs], Options())
    plan = plan_tree(out, result.files, sources=result.sources(), scope=[docs])
    assert len(plan.changed) >= 3
    calls = {"n": 0}
    real = os.replace

    def flaky(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError("disk full")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.os, "replace", flaky)
    with pytest.raises(OSError, match="disk full"):
        pipeline.apply_plan(plan)
    monkeypatch.undo()
    assert _state(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".stubwright-")]


#: run in a child process: plan the change, then apply it with os.replace
#: ending the process (os._exit, as a SIGKILL would) at call number N
_KILLED_SWAP = """
import os, sys
from pathlib import Path
import generator.pipeline as pipeline
from generator.render.package import Options
docs, out, limit = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
result = pipeline.generate([docs], Options())
plan = pipeline.plan_tree(out, result.files, sources=result.sources(), scope=[docs])
print(len(plan.added), len(plan.changed), len(plan.removed), flush=True)
real, calls = os.replace, [0]
def replace(src, dst):
    calls[0] += 1
    if calls[0] > limit:
        os._exit(9)
    real(src, dst)
os.replace = replace
pipeline.apply_plan(plan)
"""


@pytest.mark.parametrize("limit", [0, 1, 2, 4, 9, 17, 33, 10_000])
def test_a_run_killed_during_the_swap_is_rolled_back_by_the_next(
    built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path, limit: int
) -> None:
    """SIGKILL or a power cut while files move: the next run finds the
    staging folder and its journal and puts the previous files back
    (added, changed and removed files alike) before doing anything else."""
    docs, out = _copy(built, tmp_path)
    before = {k: v for k, (v, _) in _state(out).items()}
    _edit(docs / "freetier" / "reference.txt", "Returns a specific activity record", "Returns one activity record")
    shutil.rmtree(docs / "inspector-scan")  # its package is removed
    (docs / "freetier" / "reference.txt").rename(docs / "freetier" / "ref2.txt")
    (docs / "acm").mkdir()  # a new package: files and folders added
    (docs / "acm" / "reference.txt").write_bytes(gzip.decompress((REFERENCE / "acm.txt.gz").read_bytes()))
    proc = subprocess.run([sys.executable, "-c", _KILLED_SWAP, str(docs), str(out), str(limit)], cwd=ROOT, capture_output=True, text=True)
    added, changed, removed = map(int, proc.stdout.split())
    assert added and changed and removed
    killed = proc.returncode == 9
    assert killed or limit == 10_000, proc.stderr
    staging = [p for p in out.iterdir() if p.name.startswith(".stubwright-")]
    assert bool(staging) == killed
    notes = pipeline.recover_interrupted(out)
    assert not [p for p in out.iterdir() if p.name.startswith(".stubwright-")]
    state = {k: v for k, (v, _) in _state(out).items()}
    if killed:
        assert state == before
        assert bool(notes) == (limit > 1)  # the journal is the first replace: files move from the second on
    else:
        assert state != before and not notes


# --------------------------------------------------------------------------- cache


def test_warm_cache_parses_nothing(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, out = _copy(built, tmp_path)
    cache = Cache(tmp_path / "cache")
    _run(docs, out, cache)

    def boom(*args: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr("generator.parsers.parse_document", boom)
    before = _state(out)
    result = generate([docs], Options(), cache=cache)
    assert [g.cached for g in result.groups] == [True, True] and result.parsed == []
    assert write_tree(out, result.files, sources=result.sources(), scope=[docs]).empty
    assert _state(out) == before


def test_cache_is_keyed_on_options_and_bytes(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, _ = _copy(built, tmp_path)
    cache = Cache(tmp_path / "cache")
    plain = generate([docs], Options(), cache=cache).files
    unpack = generate([docs], Options(kwargs_style="unpack"), cache=cache)
    assert not any(g.cached for g in unpack.groups) and unpack.files != plain
    _edit(docs / "freetier" / "reference.txt", "Returns a specific activity record", "Returns one activity record")
    again = generate([docs], Options(), cache=cache)
    assert [g.cached for g in again.groups] == [False, True]
    client = PurePosixPath("types_boto3_freetier/types_boto3_freetier/client.pyi")
    assert "Returns one activity record" in again.files[client] and "Returns one" not in plain[client]
    assert {k: v for k, v in again.files.items() if k.parts[0] != "types_boto3_freetier"} == {
        k: v for k, v in plain.items() if k.parts[0] != "types_boto3_freetier"
    }


def test_corrupt_cache_entries_are_ignored(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, _, _ = built
    cache_dir = tmp_path / "cache"
    expected = generate([docs], Options()).files
    generate([docs], Options(), cache=Cache(cache_dir))
    entries = sorted(cache_dir.rglob("*.json"))
    groups = [p for p in entries if "/group/" in p.as_posix()]
    docs_entries = [p for p in entries if "/doc/" in p.as_posix()]
    assert len(groups) == 2 and len(docs_entries) == 2
    groups[0].write_bytes(groups[0].read_bytes()[:100])  # truncated
    entry = json.loads(groups[1].read_text())  # valid JSON, edited payload
    first = sorted(entry["payload"]["files"])[0]
    entry["payload"]["files"][first] = "tampered"
    groups[1].write_text(json.dumps(entry))
    docs_entries[0].write_text('{"key": "x", "payload": {"client_id": "sts"}}')  # wrong key and digest
    docs_entries[1].write_bytes(b"\x00\xff garbage")
    cache = Cache(cache_dir)
    result = generate([docs], Options(), cache=cache)
    assert result.files == expected and not result.failed
    assert not any(g.cached for g in result.groups)
    # the damaged entries were written again, and now serve
    assert all(g.cached for g in generate([docs], Options(), cache=Cache(cache_dir)).groups)


@pytest.mark.parametrize("inline_parse_bytes", [0, 2**40], ids=["parse-in-workers", "parse-inline"])
def test_jobs_do_not_change_the_output(
    built: tuple[Path, Path, dict[str, tuple[bytes, int]]], inline_parse_bytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when the documents are parsed here (few bytes) and then
    rendered in the workers."""
    docs, _, _ = built
    one = generate([docs], Options(), jobs=1)
    monkeypatch.setattr(pipeline, "INLINE_PARSE_BYTES", inline_parse_bytes)
    two = generate([docs], Options(), jobs=2)
    assert one.files == two.files
    assert sorted(map(str, one.diagnostics)) == sorted(map(str, two.diagnostics))
    assert [g.package for g in one.groups] == [g.package for g in two.groups]


# --------------------------------------------------------------------------- CLI


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_cli_jobs_give_byte_identical_trees(built: tuple[Path, Path, dict[str, tuple[bytes, int]]]) -> None:
    docs, out, state = built  # made in this process, --jobs 1
    beside = out.parent / "out-jobs-2"  # beside it: the manifests name the documents alike
    proc = _cli("generate", str(docs), "-o", str(beside), "--jobs", "2", "--no-cache", "-q")
    assert proc.returncode == 0, proc.stderr
    assert {k: v for k, (v, _) in _state(beside).items()} == {k: v for k, (v, _) in state.items()}


def test_cli_keep_going(built: tuple[Path, Path, dict[str, tuple[bytes, int]]], tmp_path: Path) -> None:
    docs, out = _copy(built, tmp_path)
    before = _state(out)
    _edit(docs / "freetier" / "reference.txt", "Returns a specific activity record", "Returns one activity record")
    page = docs / "inspector-scan" / "reference.txt"
    text = page.read_text()
    page.write_text(text[: text.index("response = client.scan_sbom(") + 60])  # truncated syntax block
    cache = ["--cache-dir", str(tmp_path / "cache")]
    proc = _cli("generate", str(docs), "-o", str(out), *cache)
    assert proc.returncode == 2 and "nothing written" in proc.stderr
    assert _state(out) == before
    proc = _cli("generate", str(docs), "-o", str(out), *cache, "--keep-going")
    assert proc.returncode == 2, proc.stderr
    assert "left as they were:" in proc.stderr and "inspector-scan/reference.txt" in proc.stderr
    after = _state(out)
    assert {k for k in after if after[k] != before[k]} and all(
        k.startswith("types_boto3_freetier/") for k in after if after[k] != before[k]
    )
    assert {k: v for k, v in after.items() if k.startswith("types_boto3_inspector_scan/")} == {
        k: v for k, v in before.items() if k.startswith("types_boto3_inspector_scan/")
    }
