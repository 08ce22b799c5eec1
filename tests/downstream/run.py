"""``make downstream``: the generated packages as a user gets them.

    python -m tests.downstream.run [--build build/downstream] [--skip-coexistence]

1. generates the packages from input_docs/ (with ``--boto3-overloads``) and
   builds a wheel of each (``pip wheel``);
2. makes a clean virtualenv and installs the wheels, boto3, moto[server]
   and mypy (the same version as this environment's, for the snapshots);
3. runs ``tests/downstream/workflow.py`` there against moto in server mode
   (every response checked against its TypedDict);
4. ``mypy --strict`` and pyright (strict) over the workflow, with the
   installed packages;
5. the misuse samples (``tests/typing/misuse_*.py``) against the installed
   packages: every case rejected, errors equal to the snapshots;
6. ``stubtest`` for every package, the overloads against boto3;
7. coexistence: with types-boto3 and with boto3-stubs instead of the
   overloads package, ``boto3.client(...)`` still gives the stubwright
   clients whose module names those packages import;

and prints a summary (also written to ``<build>/summary.json``). Exit 1
when anything failed. Needs network access or a package index with
boto3, moto, mypy (and types-boto3, boto3-stubs for step 7).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
import venv
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from tests.downstream import misuse

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
OVERLOADS = "stubwright_boto3_overloads"
WORKFLOW_FILES = ("workflow.py", "runtime_check.py")

#: type-checks the coexistence step runs: (what is installed, sample)
COEXISTENCE = {
    "types-boto3": """\
from typing import assert_type
import boto3
from types_boto3_identitystore.client import IdentityStoreClient
assert_type(boto3.client("identitystore"), IdentityStoreClient)
assert_type(boto3.session.Session().client("identitystore"), IdentityStoreClient)
""",
    "boto3-stubs": """\
from typing import assert_type
import boto3
from mypy_boto3_chime_sdk_identity.client import ChimeSDKIdentityClient
from mypy_boto3_cognito_identity.client import CognitoIdentityClient
assert_type(boto3.client("chime-sdk-identity"), ChimeSDKIdentityClient)
assert_type(boto3.session.Session().client("cognito-identity"), CognitoIdentityClient)
""",
}


@dataclass
class Step:
    name: str
    ok: bool
    detail: str = ""
    seconds: float = 0.0


@dataclass
class Run:
    build: Path
    steps: list[Step] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)

    def step(self, name: str, ok: bool, detail: str = "", started: float = 0.0) -> bool:
        self.steps.append(Step(name, ok, detail.strip(), round(time.monotonic() - started, 1) if started else 0.0))
        mark = "ok  " if ok else "FAIL"
        print(f"[{mark}] {name}" + (f" ({self.steps[-1].seconds}s)" if started else ""), flush=True)
        if not ok and detail:
            print("       " + detail.strip().replace("\n", "\n       ")[:6000], flush=True)
        return ok


def mypy_config(run: Run) -> Path:
    """An empty mypy config: the build folder lies inside the repository,
    and mypy would otherwise take the repository's pyproject.toml
    (python_version, files) from a parent folder."""
    path = run.build / "mypy.ini"
    path.write_text("[mypy]\n")
    return path


def sh(cmd: Sequence[str | Path], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)


def build_packages(run: Run) -> list[Path] | None:
    """Generate into <build>/output and build one wheel per package."""
    started = time.monotonic()
    output, wheels = run.build / "output", run.build / "wheels"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(wheels, ignore_errors=True)
    proc = sh([BIN / "stubwright", "generate", ROOT / "input_docs", "-o", output, "--boto3-overloads", "--no-cache", "-q"])
    if not run.step("generate the packages from input_docs/ (--boto3-overloads)", proc.returncode == 0, proc.stderr, started):
        return None
    packages = sorted(p for p in output.iterdir() if p.is_dir() and not p.name.startswith("."))
    started = time.monotonic()
    proc = sh([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, *packages])
    built = sorted(wheels.glob("*.whl"))
    ok = proc.returncode == 0 and len(built) == len(packages)
    run.figures["wheels"] = [w.name for w in built]
    run.step(f"pip wheel: {len(built)} wheels", ok, proc.stdout + proc.stderr, started)
    return built if ok else None


def make_venv(run: Run, wheels: list[Path]) -> Path | None:
    started = time.monotonic()
    env_dir = run.build / "venv"
    shutil.rmtree(env_dir, ignore_errors=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    requirements = [*map(str, wheels), "boto3", "moto[server]>=5", f"mypy=={version('mypy')}"]
    proc = sh([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements])
    ok = run.step("clean virtualenv: the wheels, boto3, moto[server], mypy", proc.returncode == 0, proc.stdout + proc.stderr, started)
    if ok:
        listed = sh([python, "-m", "pip", "list", "--format", "json"])
        installed = {p["name"].lower(): p["version"] for p in json.loads(listed.stdout)}
        run.figures["installed"] = {k: installed[k] for k in sorted(installed) if "boto" in k or k in ("moto", "mypy", OVERLOADS.replace("_", "-"))}
    return python if ok else None


def workflow(run: Run, python: Path) -> None:
    work = run.build / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in WORKFLOW_FILES:
        shutil.copy(HERE / name, work / name)
    started = time.monotonic()
    proc = sh([python, "workflow.py", "--json", "report.json"], cwd=work)
    report_file = work / "report.json"
    report = json.loads(report_file.read_text()) if report_file.exists() else {}
    run.figures["workflow"] = report
    run.step("workflow against moto server (every response checked)", proc.returncode == 0, proc.stdout + proc.stderr, started)

    started = time.monotonic()
    mypy_proc = sh([python, "-m", "mypy", "--config-file", mypy_config(run), "--strict", "--no-error-summary", *WORKFLOW_FILES], cwd=work)
    run.step("mypy --strict on the workflow", mypy_proc.returncode == 0, mypy_proc.stdout + mypy_proc.stderr, started)
    started = time.monotonic()
    config = work / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "strict", "include": list(WORKFLOW_FILES), "reportUnnecessaryTypeIgnoreComment": "error"}))
    pyright = sh([BIN / "basedpyright", "-p", config, "--pythonpath", python], cwd=work)
    run.step("pyright (strict) on the workflow", pyright.returncode == 0, pyright.stdout, started)


def misuse_samples(run: Run, python: Path) -> None:
    started = time.monotonic()
    files = misuse.samples()
    results = {
        "mypy": misuse.run_mypy(files, [str(python), "-m", "mypy"], python=str(python)),
        "pyright": misuse.run_pyright(files, str(BIN / "basedpyright"), str(python)),
    }
    outcome = misuse.evaluate(files, results)
    run.figures["misuse"] = {"cases": outcome.cases, "rejected_by_mypy": outcome.rejected["mypy"], "rejected_by_pyright": outcome.rejected["pyright"]}
    ok = not outcome.problems
    run.step(
        f"misuse samples against the installed packages: {outcome.cases} cases, "
        f"mypy rejects {outcome.rejected['mypy']}, pyright {outcome.rejected['pyright']} (snapshots equal)",
        ok,
        "\n".join(outcome.problems),
        started,
    )


def stubtest(run: Run, python: Path) -> None:
    output = run.build / "output"
    packages = sorted(p for p in output.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != OVERLOADS)
    started = time.monotonic()
    allowlists = [a for p in packages for a in ("--allowlist", str(p / "stubtest_allowlist.txt"))]
    proc = sh([python, "-m", "mypy.stubtest", "--mypy-config-file", mypy_config(run), *(p.name for p in packages), *allowlists], cwd=run.build)
    entries = sum(1 for p in packages for line in (p / "stubtest_allowlist.txt").read_text().splitlines() if line and not line.startswith("#"))
    run.figures["stubtest_allowlist_entries"] = entries
    run.step(f"stubtest: {len(packages)} packages ({entries} allowlisted names, each group justified)", proc.returncode == 0, proc.stdout + proc.stderr, started)
    started = time.monotonic()
    proc = sh([python, "-m", "mypy.stubtest", "--mypy-config-file", mypy_config(run), "boto3", "--allowlist", output / OVERLOADS / "stubtest_allowlist.txt"], cwd=run.build)
    run.step("stubtest: the boto3 overloads against boto3", proc.returncode == 0, proc.stdout + proc.stderr, started)


def coexistence(run: Run, python: Path) -> None:
    """Swap the overloads package for types-boto3, then boto3-stubs."""
    work = run.build / "coexist"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    installed = OVERLOADS.replace("_", "-")
    for package, sample in COEXISTENCE.items():
        started = time.monotonic()
        swap = sh([python, "-m", "pip", "uninstall", "--quiet", "--yes", installed])
        swap_in = sh([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", package])
        installed = package
        (work / "sample.py").write_text(sample)
        proc = sh([python, "-m", "mypy", "--config-file", mypy_config(run), "--strict", "--no-error-summary", "sample.py"], cwd=work)
        detail = swap.stderr + swap_in.stdout + swap_in.stderr + proc.stdout + proc.stderr
        run.step(f"coexistence: with {package} (no extras), boto3.client() gives the stubwright client", proc.returncode == 0 and swap_in.returncode == 0, detail, started)
    sh([python, "-m", "pip", "uninstall", "--quiet", "--yes", installed])


def summary(run: Run) -> str:
    wf = run.figures.get("workflow", {})
    assert isinstance(wf, dict)
    mis = run.figures.get("misuse", {})
    assert isinstance(mis, dict)
    wheels = run.figures.get("wheels", [])
    assert isinstance(wheels, list)
    lines = [
        "",
        "downstream summary",
        f"  operations exercised against moto: {len(wf.get('operations', []))}",
        f"  responses checked against their TypedDict: {wf.get('responses', 0)} (paginator pages among them: {wf.get('pages', 0)})",
        f"  typed exceptions raised and caught: {len(wf.get('exceptions_caught', []))}",
        f"  explained differences: {len(wf.get('policy', []))} policy (top-level key required by design, optional in botocore), "
        f"{len(wf.get('docs', []))} docs (stub bugs from the documents), {len(wf.get('moto', []))} moto",
        f"  misuse cases: {mis.get('cases', 0)}; rejected by mypy: {mis.get('rejected_by_mypy', 0)}, by pyright: {mis.get('rejected_by_pyright', 0)}",
        f"  wheels built and installed: {len(wheels)}; "
        f"stubtest allowlist entries: {run.figures.get('stubtest_allowlist_entries', '-')}",
        f"  steps: {sum(s.ok for s in run.steps)} of {len(run.steps)} passed",
    ]
    lines += [f"  FAILED: {s.name}" for s in run.steps if not s.ok]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--build", type=Path, default=ROOT / "build" / "downstream", help="work folder (default: build/downstream)")
    parser.add_argument("--skip-coexistence", action="store_true", help="skip step 7 (installs types-boto3 and boto3-stubs)")
    args = parser.parse_args(argv)
    run = Run(args.build.resolve())
    run.build.mkdir(parents=True, exist_ok=True)
    wheels = build_packages(run)
    python = make_venv(run, wheels) if wheels else None
    if python is not None:
        workflow(run, python)
        misuse_samples(run, python)
        stubtest(run, python)
        if not args.skip_coexistence:
            coexistence(run, python)
    text = summary(run)
    print(text)
    data = {"steps": [vars(s) for s in run.steps], **run.figures}
    (run.build / "summary.json").write_text(json.dumps(data, indent=2, default=str) + "\n")
    return 0 if run.steps and all(s.ok for s in run.steps) else 1


if __name__ == "__main__":
    sys.exit(main())
