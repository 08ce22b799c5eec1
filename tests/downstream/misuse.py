"""The misuse samples (``tests/typing/misuse_*.py``): run mypy --strict and
pyright (strict) over them, check that every ``# misuse: <case>`` line is
rejected and nothing else is, and compare the errors with the snapshots in
``tests/typing/snapshots/``.

Used by ``tests/test_typing_snapshots.py`` (against ``output/``) and by
``python -m tests.downstream.run`` (against the packages installed in a fresh
virtualenv). ``python -m tests.downstream.misuse --update`` rewrites the
snapshots from the current ``output/`` (review the diff).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "tests" / "typing"
SNAPSHOTS = SAMPLES_DIR / "snapshots"
TAG_RE = re.compile(r"#\s*misuse:\s*([a-z][a-z-]*)\s*$")
#: cases only pyright rejects: mypy does not check reads of NotRequired keys
PYRIGHT_ONLY = frozenset({"optional-key-unguarded"})
TOOLS = ("mypy", "pyright")


def samples() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("misuse_*.py"))


def tags(sample: Path) -> dict[int, str]:
    """Line number → misuse case."""
    return {n: m.group(1) for n, line in enumerate(sample.read_text().splitlines(), 1) if (m := TAG_RE.search(line))}


@dataclass(frozen=True, order=True)
class Diag:
    sample: str  # file name
    line: int
    code: str
    message: str


def run_mypy(files: Sequence[Path], mypy: Sequence[str], *, mypypath: Sequence[Path] = (), python: str | None = None) -> list[Diag]:
    """``mypy`` is the command (``[".venv/bin/mypy"]``); ``mypypath``: package
    folders (output/), else installed packages of ``python`` are used."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "mypy.ini"
        config.write_text("[mypy]\n")  # not the repository's settings (python_version, files)
        cache = str(Path(tmp) / "cache")
        cmd = [*mypy, "--config-file", str(config), "--strict", "--no-error-summary", "--hide-error-context", "--no-pretty", "--cache-dir", cache]
        if python:
            cmd += ["--python-executable", python]
        env = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "PYTHONPATH")}
        if mypypath:
            env["MYPYPATH"] = os.pathsep.join(str(p) for p in mypypath)
        proc = subprocess.run([*cmd, *map(str, files)], capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"mypy failed: {proc.stdout}{proc.stderr}")
    out = []
    for line in proc.stdout.splitlines():
        m = re.match(r"^(.*?):(\d+): error: (.*?)(?:  \[([a-z-]+)\])?$", line)
        if m:
            out.append(Diag(Path(m.group(1)).name, int(m.group(2)), m.group(4) or "", m.group(3)))
    return sorted(out)


def run_pyright(files: Sequence[Path], pyright: str, python: str, *, extra_paths: Sequence[Path] = ()) -> list[Diag]:
    """basedpyright (strict, ``# type: ignore`` not honoured) over ``files``."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "pyrightconfig.json"
        config.write_text(
            json.dumps(
                {
                    "typeCheckingMode": "strict",
                    "enableTypeIgnoreComments": False,
                    "include": [str(f) for f in files],
                    "extraPaths": [str(p) for p in extra_paths],
                }
            )
        )
        proc = subprocess.run([pyright, "-p", str(config), "--pythonpath", python, "--outputjson"], capture_output=True, text=True)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"pyright failed: {proc.stdout}{proc.stderr}") from None
    out = [
        Diag(Path(d["file"]).name, d["range"]["start"]["line"] + 1, d.get("rule", ""), " / ".join(d["message"].splitlines()))
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    return sorted(out)


def snapshot(sample: Path, tool: str, diags: Sequence[Diag]) -> str:
    """One line per error, named by case (not line number, so editing a
    sample elsewhere does not churn the snapshot)."""
    cases = tags(sample)
    lines = [f"# {tool} on tests/typing/{sample.name}: the errors of each misuse case"]
    for d in sorted((d for d in diags if d.sample == sample.name), key=lambda d: (d.line, d.code, d.message)):
        where = cases.get(d.line, f"line {d.line} (not a misuse case)")
        lines.append(f"{where}: [{d.code}] {d.message}")
    return "\n".join(lines) + "\n"


def snapshot_path(sample: Path, tool: str) -> Path:
    return SNAPSHOTS / f"{sample.stem}.{tool}.txt"


@dataclass
class Outcome:
    #: tool → number of misuse cases it rejected
    rejected: dict[str, int] = field(default_factory=dict)
    cases: int = 0
    problems: list[str] = field(default_factory=list)


def evaluate(files: Sequence[Path], results: dict[str, list[Diag]], *, compare: bool = True) -> Outcome:
    """Every case rejected by each tool (mypy: not the PYRIGHT_ONLY ones,
    which it must accept), nothing else rejected, snapshots unchanged."""
    outcome = Outcome(rejected=dict.fromkeys(results, 0))
    for sample in files:
        cases = tags(sample)
        outcome.cases += len(cases)
        for tool, diags in results.items():
            hit = {d.line for d in diags if d.sample == sample.name}
            for line, case in cases.items():
                expect = not (tool == "mypy" and case in PYRIGHT_ONLY)
                if (line in hit) != expect:
                    what = "did not reject" if expect else "rejected (it should not)"
                    outcome.problems.append(f"{sample.name}:{line}: {tool} {what} misuse case {case!r}")
                elif line in hit:
                    outcome.rejected[tool] += 1
            for line in sorted(hit - set(cases)):
                outcome.problems.append(f"{sample.name}:{line}: {tool} rejected code that is not a misuse case")
            if compare:
                path = snapshot_path(sample, tool)
                want = path.read_text() if path.exists() else ""
                got = snapshot(sample, tool, diags)
                if got != want:
                    outcome.problems.append(
                        f"{path.relative_to(ROOT)} differs (update with `python -m tests.downstream.misuse --update` "
                        f"and review):\n--- expected\n{want}--- got\n{got}"
                    )
    return outcome


def overload_stubs(into: Path) -> Path:
    """The boto3 overloads rendered from output/, written as ``into/boto3``
    (how a search path, unlike site-packages, takes a stub package)."""
    from generator.render.package import render_boto3_overloads

    output = ROOT / "output"
    files = {
        PurePosixPath(p.relative_to(output).as_posix()): p.read_text(encoding="utf-8")
        for p in output.glob("*/pyproject.toml")
    }
    for rel, text in render_boto3_overloads(files).items():
        if rel.parts[1] == "boto3-stubs":
            target = into.joinpath("boto3", *rel.parts[2:])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return into


def check_output(python: str = sys.executable) -> tuple[dict[str, list[Diag]], Outcome]:
    """The samples against the packages in output/ (and the boto3
    overloads rendered from them), with this environment's mypy and
    basedpyright."""
    bin_dir = Path(python).parent
    packages = sorted(p for p in (ROOT / "output").iterdir() if p.is_dir() and not p.name.startswith("."))
    files = samples()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [overload_stubs(Path(tmp)), *packages]
        results = {
            "mypy": run_mypy(files, [str(bin_dir / "mypy")], mypypath=paths),
            "pyright": run_pyright(files, str(bin_dir / "basedpyright"), python, extra_paths=paths),
        }
    return results, evaluate(files, results)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="misuse samples: check, or --update the snapshots")
    parser.add_argument("--update", action="store_true", help="rewrite tests/typing/snapshots from output/")
    args = parser.parse_args(argv)
    results, outcome = check_output()
    if args.update:
        SNAPSHOTS.mkdir(parents=True, exist_ok=True)
        for sample in samples():
            for tool in TOOLS:
                snapshot_path(sample, tool).write_text(snapshot(sample, tool, results[tool]))
        outcome = evaluate(samples(), results)
    for problem in outcome.problems:
        print(problem)
    print(f"misuse cases: {outcome.cases}; rejected by mypy: {outcome.rejected['mypy']}, by pyright: {outcome.rejected['pyright']}")
    return 1 if outcome.problems else 0


if __name__ == "__main__":
    sys.exit(main())
