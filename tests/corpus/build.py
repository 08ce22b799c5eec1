"""Build the fidelity corpus: for each service, every document format
stubwright reads, and the reference stubs mypy-boto3-builder writes, all
for ONE botocore version.

    python -m tests.corpus.build SERVICE [SERVICE ...] [--corpus current|old|all]
        [--parts reference-text,reference-html,markdown-new,markdown-old,stubs]
        [--jobs N] [--force]
    python -m tests.corpus.build --all ...       # every service of that botocore

Dev tooling only (``pip install -e '.[dev,corpus]'``); nothing here is
committed. Two corpus versions, each cached by its botocore version under
``~/.cache/stubwright/corpus/<botocore-version>/``:

``current``: the botocore of the running Python (this repo's ``.venv``)
    - ``reference/botocore/<service>.{txt,html}``: the reference page,
      rendered in this Python by ``render_reference`` (botocore.docs + Sphinx);
    - ``markdown-new/<service>/*.md``: mypy-boto3-builder 8.x
      ``--product types-boto3-docs``;
    - ``stubs/<service>/types_boto3_<module>/*.pyi``: mypy-boto3-builder 8.x
      ``--product types-boto3-services`` (the reference of the comparison);
    the builder runs in a Python 3.12 venv pinned to the SAME boto3/botocore
    (checked: the build stops if the versions differ).

``old``: boto3 1.18.45 / botocore 1.21.65, the API of the older markdown seeds
    - ``markdown-old-5.5.0/<service>/*.md`` (builder 5.5.0, ``Sequence`` /
      ``RequestRequestTypeDef`` spelling) and ``markdown-old-4.20.0/`` (builder
      4.20.0, ``List`` / ``Dict`` spelling; it skips services newer than
      itself), both ``--docs --skip-master`` in Python 3.10 venvs with
      ``click<8.1``: those builders break with newer botocore, which is why
      this corpus has its own version;
    - ``reference/botocore/<service>.{txt,html}``, rendered by
      ``render_reference`` in a Python 3.10 venv with that botocore;
    - ``stubs/``: builder 8.x for botocore 1.21.65 (Python 3.12; the old
      botocore's vendored ``six`` predates Python 3.12, so the venv's copy is
      replaced by a current ``six``, once, when the venv is made).

Venvs live under ``~/.cache/stubwright/venvs/`` and are made on first use
(Python interpreters: ``$STUBWRIGHT_PYTHON312`` / ``$STUBWRIGHT_PYTHON310``,
else ``~/.pyenv/versions/3.12.*`` / ``3.10.*``, else ``python3.12`` /
``python3.10`` on ``PATH``). Each builder runs once per batch of missing
services; the reference pages render ``--jobs`` services at a time.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(os.environ.get("STUBWRIGHT_CACHE", Path.home() / ".cache" / "stubwright"))
VENVS = CACHE / "venvs"
BUILDER_NEW = "8.12.0"
OLD_BOTO3, OLD_BOTOCORE = "1.18.45", "1.21.65"
OLD_BUILDERS = ("5.5.0", "4.20.0")
PARTS = ("reference-text", "reference-html", "markdown-new", "markdown-old", "stubs")
#: the markdown pages a doc set is made of (README.md, usage.md and
#: service_resource.md are prose or boto3 resources: no reader takes them)
MD_PAGES = ("client.md", "type_defs.md", "literals.md", "paginators.md", "waiters.md")


def log(message: str) -> None:
    print(f"[corpus] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- venvs


def _python(version: str) -> str:
    env = os.environ.get(f"STUBWRIGHT_PYTHON{version.replace('.', '')}")
    if env:
        return env
    found = sorted(glob.glob(str(Path.home() / f".pyenv/versions/{version}.*/bin/python")))
    if found:
        return found[-1]
    exe = shutil.which(f"python{version}")
    if exe:
        return exe
    raise SystemExit(f"corpus: no Python {version} found (set STUBWRIGHT_PYTHON{version.replace('.', '')})")


@dataclass(frozen=True)
class Venv:
    name: str
    python: str  # "3.12" / "3.10"
    requirements: tuple[str, ...]
    patch_six: bool = False

    @property
    def path(self) -> Path:
        return VENVS / self.name

    @property
    def bin(self) -> Path:
        return self.path / "bin"

    def ensure(self) -> Venv:
        marker = self.path / ".stubwright-ready"
        if marker.exists() and marker.read_text() == "\n".join(self.requirements):
            return self
        log(f"making venv {self.path} ({' '.join(self.requirements)})")
        shutil.rmtree(self.path, ignore_errors=True)
        subprocess.run([_python(self.python), "-m", "venv", str(self.path)], check=True)
        pip = [str(self.bin / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, *self.requirements], check=True)
        if self.patch_six:
            subprocess.run([*pip, "six>=1.16"], check=True)
            code = (
                "import pathlib, six, botocore.vendored as v; "
                "pathlib.Path(v.__file__).with_name('six.py').write_text(pathlib.Path(six.__file__).read_text())"
            )
            # importing botocore.vendored does not import the broken six
            subprocess.run([str(self.bin / "python"), "-c", code], check=True)
        marker.write_text("\n".join(self.requirements))
        return self

    def version_of(self, module: str) -> str:
        out = subprocess.run(
            [str(self.bin / "python"), "-c", f"import {module}; print({module}.__version__)"],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()


def builder_venv(botocore_version: str, boto3_version: str) -> Venv:
    return Venv(
        f"builder-{BUILDER_NEW}-botocore-{botocore_version}",
        "3.12",
        (f"mypy-boto3-builder=={BUILDER_NEW}", f"boto3=={boto3_version}", f"botocore=={botocore_version}"),
        patch_six=botocore_version == OLD_BOTOCORE,
    )


def old_builder_venv(version: str) -> Venv:
    mdformat = "mdformat==0.7.22" if version.startswith("5.") else "mdformat==1.0.0"
    return Venv(
        f"builder-{version}",
        "3.10",
        (
            f"mypy-boto3-builder=={version}",
            f"boto3=={OLD_BOTO3}",
            f"botocore=={OLD_BOTOCORE}",
            "click<8.1",
            mdformat,
            "black==21.12b0",
            "isort==5.13.2",
        ),
    )


def old_reference_venv() -> Venv:
    return Venv(
        f"refpages-botocore-{OLD_BOTOCORE}",
        "3.10",
        (f"boto3=={OLD_BOTO3}", f"botocore=={OLD_BOTOCORE}", "sphinx>=7.2,<7.4", "beautifulsoup4>=4.12"),
    )


# --------------------------------------------------------------------------- corpus versions


@dataclass(frozen=True)
class Corpus:
    """One corpus version: where it lives and how each part is made."""

    name: str  # current | old
    botocore: str
    boto3: str
    #: Python that renders the reference pages (None: this one)
    reference_venv: Venv | None

    @property
    def root(self) -> Path:
        return CACHE / "corpus" / self.botocore

    def reference(self, service: str, fmt: str) -> Path:
        return self.root / "reference" / "botocore" / f"{service}.{'txt' if fmt == 'text' else 'html'}"

    def markdown(self, part: str, service: str) -> Path:
        return self.root / part / service

    def stubs(self, service: str) -> Path:
        return self.root / "stubs" / service

    def markdown_parts(self) -> list[str]:
        return ["markdown-new"] if self.name == "current" else [f"markdown-old-{v}" for v in OLD_BUILDERS]


def current_corpus() -> Corpus:
    import boto3
    import botocore

    return Corpus("current", botocore.__version__, boto3.__version__, None)


def old_corpus() -> Corpus:
    return Corpus("old", OLD_BOTOCORE, OLD_BOTO3, old_reference_venv())


def corpus_named(name: str) -> Corpus:
    return current_corpus() if name == "current" else old_corpus()


def available_services(corpus: Corpus) -> list[str]:
    if corpus.name == "current":
        import botocore.session

        return sorted(botocore.session.get_session().get_available_services())
    venv = old_reference_venv().ensure()
    out = subprocess.run(
        [
            str(venv.bin / "python"),
            "-c",
            "import botocore.session as s; print('\\n'.join(s.get_session().get_available_services()))",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return sorted(out.stdout.split())


# --------------------------------------------------------------------------- parts


def module_of(service: str) -> str:
    return service.replace("-", "_")


def _run_builder(venv: Venv, args: list[str], services: Sequence[str], out: Path) -> None:
    cmd = [str(venv.bin / "python"), "-m", "mypy_boto3_builder", str(out), *args, "-s", *services]
    log(f"{venv.name}: {' '.join(args)} for {len(services)} service(s)")
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"corpus: {venv.name} failed ({proc.returncode})")
    log(f"{venv.name}: done in {time.perf_counter() - start:.1f}s")


def _check_versions(corpus: Corpus, venv: Venv) -> None:
    found = venv.version_of("botocore")
    if found != corpus.botocore:
        raise SystemExit(
            f"corpus: {venv.path} has botocore {found}, the {corpus.name} corpus is botocore {corpus.botocore}; "
            "the reference stubs, the markdown and the reference pages must come from the same botocore "
            "(pin this Python's botocore to the builder's, or remove the venv to rebuild it)"
        )


def build_stubs(corpus: Corpus, services: Sequence[str], force: bool) -> None:
    todo = [s for s in services if force or not any(corpus.stubs(s).glob("*/client.pyi"))]
    if not todo:
        return
    venv = builder_venv(corpus.botocore, corpus.boto3).ensure()
    _check_versions(corpus, venv)
    with tempfile.TemporaryDirectory(prefix="stubwright-stubs-") as tmp:
        _run_builder(venv, ["--product", "types-boto3-services", "--no-smart-version"], todo, Path(tmp))
        for service in todo:
            package = Path(tmp) / f"types_boto3_{module_of(service)}_package" / f"types_boto3_{module_of(service)}"
            target = corpus.stubs(service)
            shutil.rmtree(target, ignore_errors=True)
            if not package.is_dir():
                log(f"stubs: the builder wrote nothing for {service}")
                continue
            dest = target / package.name
            dest.mkdir(parents=True)
            for path in sorted(package.iterdir()):
                if path.suffix == ".pyi" or path.name == "py.typed":
                    shutil.copy2(path, dest / path.name)


def _copy_doc_set(src: Path, target: Path) -> bool:
    if not (src / "client.md").exists():
        return False
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for page in MD_PAGES:
        if (src / page).exists():
            shutil.copy2(src / page, target / page)
    return True


def _skipped(corpus: Corpus, part: str) -> tuple[Path, set[str]]:
    """Services a builder wrote nothing for (remembered: not asked again)."""
    path = corpus.root / part / ".skipped"
    return path, set(path.read_text().split()) if path.exists() else set()


def _remember_skipped(path: Path, services: set[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{s}\n" for s in sorted(services)))


def build_markdown_new(corpus: Corpus, services: Sequence[str], force: bool) -> None:
    part = "markdown-new"
    skipped_path, skipped = _skipped(corpus, part)
    todo = [s for s in services if force or not ((corpus.markdown(part, s) / "client.md").exists() or s in skipped)]
    if not todo:
        return
    venv = builder_venv(corpus.botocore, corpus.boto3).ensure()
    _check_versions(corpus, venv)
    with tempfile.TemporaryDirectory(prefix="stubwright-md-") as tmp:
        _run_builder(venv, ["--product", "types-boto3-docs", "--no-smart-version"], todo, Path(tmp))
        for service in todo:
            if not _copy_doc_set(Path(tmp) / f"types_boto3_{module_of(service)}", corpus.markdown(part, service)):
                log(f"{part}: the builder wrote nothing for {service} (skipped)")
                skipped.add(service)
    _remember_skipped(skipped_path, skipped)


def build_markdown_old(corpus: Corpus, services: Sequence[str], force: bool) -> None:
    for version in OLD_BUILDERS:
        part = f"markdown-old-{version}"
        skipped, known_skipped = _skipped(corpus, part)
        todo = [
            s
            for s in services
            if force or not ((corpus.markdown(part, s) / "client.md").exists() or s in known_skipped)
        ]
        if not todo:
            continue
        venv = old_builder_venv(version).ensure()
        with tempfile.TemporaryDirectory(prefix="stubwright-mdold-") as tmp:
            _run_builder(venv, ["--docs", "--skip-master"], todo, Path(tmp))
            for service in todo:
                if not _copy_doc_set(Path(tmp) / f"mypy_boto3_{module_of(service)}", corpus.markdown(part, service)):
                    log(f"{part}: builder {version} does not know {service} (skipped)")
                    known_skipped.add(service)
        _remember_skipped(skipped, known_skipped)


def build_reference(corpus: Corpus, services: Sequence[str], formats: Sequence[str], force: bool, jobs: int) -> None:
    todo = [s for s in services if force or not all(corpus.reference(s, f).exists() for f in formats)]
    if not todo:
        return
    python = sys.executable
    if corpus.reference_venv is not None:
        python = str(corpus.reference_venv.ensure().bin / "python")
    out = corpus.root / "reference"

    def render(service: str) -> None:
        cmd = [
            python,
            "-m",
            "tests.corpus.render_reference",
            service,
            "--out",
            str(out),
            "--formats",
            ",".join(formats),
        ]
        proc = subprocess.run(
            cmd, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
        )
        if proc.returncode != 0:
            log(f"reference: {service} failed:\n{proc.stderr[-3000:]}")
        else:
            log(f"reference: {proc.stdout.strip()}")

    log(f"reference pages ({corpus.name}, botocore {corpus.botocore}): {len(todo)} service(s), {jobs} at a time")
    # largest first, so that the long renders overlap the short ones
    todo.sort(key=lambda s: -_model_size(corpus, s))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(render, todo))


def _model_size(corpus: Corpus, service: str) -> int:
    if corpus.name != "current":
        return 0
    import botocore

    data = Path(botocore.__file__).parent / "data" / service
    return sum(p.stat().st_size for p in data.rglob("service-2.json*")) if data.exists() else 0


def write_manifest(corpus: Corpus) -> None:
    corpus.root.mkdir(parents=True, exist_ok=True)
    manifest = {
        "corpus": corpus.name,
        "botocore": corpus.botocore,
        "boto3": corpus.boto3,
        "stub_builder": BUILDER_NEW,
        "old_markdown_builders": list(OLD_BUILDERS) if corpus.name == "old" else [],
    }
    if corpus.name == "current":
        try:
            import sphinx

            manifest["sphinx"] = sphinx.__version__
        except ImportError:
            pass
    (corpus.root / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")


def build(corpus: Corpus, services: Sequence[str], parts: Iterable[str], *, force: bool = False, jobs: int = 2) -> None:
    parts = set(parts)
    write_manifest(corpus)
    if "stubs" in parts:
        build_stubs(corpus, services, force)
    if "markdown-new" in parts and corpus.name == "current":
        build_markdown_new(corpus, services, force)
    if "markdown-old" in parts and corpus.name == "old":
        build_markdown_old(corpus, services, force)
    formats = [f for f in ("text", "html") if f"reference-{f}" in parts]
    if formats:
        build_reference(corpus, services, formats, force, jobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("services", nargs="*", metavar="SERVICE")
    parser.add_argument("--all", action="store_true", help="every service of the corpus's botocore")
    parser.add_argument("--corpus", choices=("current", "old", "all"), default="current")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma list of {','.join(PARTS)}")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="reference pages rendered at once")
    parser.add_argument("--force", action="store_true", help="rebuild what is cached")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    if not args.services and not args.all:
        parser.error("name services, or --all")
    for name in ("current", "old") if args.corpus == "all" else (args.corpus,):
        corpus = corpus_named(name)
        services = available_services(corpus) if args.all else args.services
        if name == "old" and not args.all:
            known = set(available_services(corpus))
            services = [s for s in services if s in known]
        build(corpus, services, parts, force=args.force, jobs=args.jobs)
        log(f"{name} corpus: {corpus.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
