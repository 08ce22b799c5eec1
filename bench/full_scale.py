"""Full-scale benchmark: every service of the installed botocore, from each
document format, against mypy-boto3-builder on the same machine.

    python bench/full_scale.py [--formats markdown-new,reference-text,reference-html,markdown-old]
        [--reference-services 50] [--old-services dev|all] [--no-builder] [--jobs N] [--json FILE]

Per format, ONE ``stubwright generate`` process (as a user runs it: cold,
``--no-cache``, ``--keep-going``, ``--kwargs-style unpack``) over the doc set
of every service of that format, then ``mypy-boto3-builder --product
types-boto3-services`` over the same services (``-s all`` when the format
covers all of them). For each run: wall time, CPU time (user + system of
the whole process tree), peak RSS (the process tree, sampled from /proc
every 50 ms, and the largest single process from ``getrusage``), cores used
(CPU / wall), files and lines written.

Inputs (built on first use, cached; see tests/corpus/build.py):

- markdown-new: mypy-boto3-builder 8.x ``--product types-boto3-docs -s all``;
- reference-text / reference-html: the reference pages of the
  ``--reference-services`` largest services (by service model size;
  rendering all ~400 takes hours on 2 cores; ``0`` = all);
- markdown-old: builder 5.5.0 doc sets of the old corpus (botocore 1.21.65),
  for the dev set by default (builder 5.5.0 takes ~25 s per service), or
  ``--old-services all``.

Also: a single service cold (a fresh process, no cache) per format, the
median of three runs. Prints the figures and the targets; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import build as corpus_build  # noqa: E402
from tools.fidelity.run import DEV_SET, FORMATS  # noqa: E402

ALL_FORMATS = ("markdown-new", "reference-text", "reference-html", "markdown-old")
SINGLE = "sqs"  # the single-service cold start


@dataclass
class Figures:
    label: str
    services: int
    wall: float
    cpu: float
    peak_tree_rss_mib: float
    peak_process_rss_mib: float
    files: int
    lines: int
    exit_code: int

    @property
    def cores(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0


# --------------------------------------------------------------------------- measuring


def _tree_rss_kib(root_pid: int) -> tuple[int, int]:
    """RSS of ``root_pid`` and all its descendants, and the largest peak
    RSS (VmHWM) of any one of them (kB), from /proc."""
    total = largest = 0
    stack = [root_pid]
    seen: set[int] = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        largest = max(largest, int(line.split()[1]))
                    elif line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError):
            continue
    return total, largest


def measure(label: str, cmd: list[str], out: Path, services: int, env: dict[str, str] | None = None) -> Figures:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    peak = largest = 0
    done = threading.Event()

    def sample() -> None:
        # getrusage(RUSAGE_CHILDREN).ru_maxrss is the largest child of this
        # whole benchmark so far, not of this run: read each process's
        # VmHWM instead
        nonlocal peak, largest
        while not done.is_set():
            tree, one = _tree_rss_kib(proc.pid)
            peak, largest = max(peak, tree), max(largest, one)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0,):
        tail = "\n".join(stderr.strip().splitlines()[-5:])
        print(f"  [{label}] exit {proc.returncode}:\n{tail}", file=sys.stderr)
    files, lines = count_output(out)
    return Figures(label, services, wall, cpu, peak / 1024, largest / 1024, files, lines, proc.returncode)


def count_output(out: Path) -> tuple[int, int]:
    files = lines = 0
    for path in out.rglob("*"):
        if path.is_file():
            files += 1
            with path.open("rb") as fh:
                lines += sum(1 for _ in fh)
    return files, lines


# --------------------------------------------------------------------------- inputs


def model_sizes() -> dict[str, int]:
    import botocore

    data = Path(botocore.__file__).parent / "data"
    sizes: dict[str, int] = {}
    for service in sorted(p for p in data.iterdir() if p.is_dir()):
        models = sorted(service.rglob("service-2.json*"))
        if models:
            sizes[service.name] = models[-1].stat().st_size
    return sizes


def inputs(fmt: str, services: list[str], corpus: corpus_build.Corpus) -> list[Path]:
    spec = FORMATS[fmt]
    found = []
    for service in services:
        path = corpus.root / spec.docs.format(s=service)
        if path.exists():
            found.append(path)
    return found


def stubwright(label: str, paths: list[Path], jobs: int) -> Figures:
    with tempfile.TemporaryDirectory(prefix="stubwright-bench-") as tmp:
        out = Path(tmp) / "out"
        cmd = [
            sys.executable, "-m", "generator", "generate", *map(str, paths), "-o", str(out),
            "--kwargs-style", "unpack", "--no-cache", "--keep-going", "-q", "-j", str(jobs),
        ]  # fmt: skip
        return measure(label, cmd, out, len(paths))


def builder(label: str, corpus: corpus_build.Corpus, services: list[str] | None) -> Figures:
    venv = corpus_build.builder_venv(corpus.botocore, corpus.boto3).ensure()
    with tempfile.TemporaryDirectory(prefix="builder-bench-") as tmp:
        out = Path(tmp) / "out"
        selected = ["all"] if services is None else services
        cmd = [
            str(venv.bin / "python"), "-m", "mypy_boto3_builder", str(out),
            "--product", "types-boto3-services", "--no-smart-version", "-s", *selected,
        ]  # fmt: skip
        figures = measure(label, cmd, out, len(services) if services else 0)
        if services is None:
            figures.services = sum(1 for p in out.glob("*_package")) if out.exists() else 0
        return figures


def single_cold(fmt: str, corpus: corpus_build.Corpus) -> float | None:
    paths = inputs(fmt, [SINGLE], corpus)
    if not paths:
        return None
    times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory(prefix="stubwright-cold-") as tmp:
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "generator",
                    "generate",
                    str(paths[0]),
                    "-o",
                    tmp,
                    "--no-cache",
                    "-q",
                    "--kwargs-style",
                    "unpack",
                ],
                cwd=ROOT,
                capture_output=True,
                check=False,
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


# --------------------------------------------------------------------------- report


def table(rows: list[Figures]) -> str:
    head = "| run | services | wall s | CPU s | cores used | peak RSS tree MiB | largest process MiB | files | lines |"
    lines = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(
            f"| {r.label} | {r.services} | {r.wall:.1f} | {r.cpu:.1f} | {r.cores:.2f} | {r.peak_tree_rss_mib:.0f} | "
            f"{r.peak_process_rss_mib:.0f} | {r.files} | {r.lines} |"
            + ("" if r.exit_code == 0 else f" exit {r.exit_code}")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/full_scale.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--formats", default=",".join(ALL_FORMATS))
    parser.add_argument("--reference-services", type=int, default=50, help="the N largest services (0: all)")
    parser.add_argument("--old-services", choices=("dev", "all"), default="dev")
    parser.add_argument("--no-builder", action="store_true")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, default=corpus_build.CACHE / "bench-full.json")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]

    current = corpus_build.current_corpus()
    sizes = model_sizes()
    everything = sorted(corpus_build.available_services(current))
    largest = sorted(everything, key=lambda s: -sizes.get(s, 0))
    reference_set = sorted(largest if args.reference_services == 0 else largest[: args.reference_services])
    old = corpus_build.old_corpus()
    old_set = sorted(DEV_SET) if args.old_services == "dev" else corpus_build.available_services(old)
    print(f"botocore {current.botocore}: {len(everything)} services; cores: {os.cpu_count()}", flush=True)

    # inputs (cached after the first run)
    if "markdown-new" in formats:
        corpus_build.build(current, everything, {"markdown-new"}, jobs=args.jobs)
    ref_parts = {f for f in formats if f.startswith("reference-")}
    if ref_parts:
        corpus_build.build(current, reference_set, ref_parts, jobs=args.jobs)
    if "markdown-old" in formats:
        corpus_build.build(old, old_set, {"markdown-old", "stubs"}, jobs=args.jobs)

    rows: list[Figures] = []
    builder_rows: dict[str, Figures] = {}
    colds: dict[str, float | None] = {}
    plan = {
        "markdown-new": (current, everything, "all"),
        "reference-text": (current, reference_set, "reference"),
        "reference-html": (current, reference_set, "reference"),
        "markdown-old": (old, old_set, "old"),
    }
    for fmt in formats:
        corpus, services, group = plan[fmt]
        paths = inputs(fmt, services, corpus)
        print(f"{fmt}: stubwright over {len(paths)} services ...", flush=True)
        rows.append(stubwright(f"stubwright {fmt}", paths, args.jobs))
        print(table(rows[-1:]), flush=True)
        colds[fmt] = single_cold(fmt, corpus)
        if not args.no_builder and group not in builder_rows:
            selection = None if group == "all" else services
            print(f"builder ({group}: {'all' if selection is None else len(selection)} services) ...", flush=True)
            builder_rows[group] = builder(
                f"mypy-boto3-builder {corpus_build.BUILDER_NEW} types-boto3-services ({'-s all' if selection is None else group + ' set'}, botocore {corpus.botocore})",
                corpus,
                selection,
            )
            print(table([builder_rows[group]]), flush=True)

    print("\n## Figures\n")
    print(table(rows + list(builder_rows.values())))
    print("\n## Targets\n")
    for fmt, row in zip(formats, rows, strict=True):
        group = plan[fmt][2]
        ref = builder_rows.get(group)
        ratio = f"{row.wall / ref.wall:.2f}× the builder's wall time (target ≤ 0.33)" if ref else "builder not run"
        cold = colds.get(fmt)
        print(
            f"- {fmt}: {ratio}; peak RSS {row.peak_tree_rss_mib:.0f} MiB (target ≤ 1024); "
            f"cores used {row.cores:.2f} of {os.cpu_count()}; single service ({SINGLE}) cold "
            + (f"{cold:.2f} s (target ≤ 1)" if cold is not None else "n/a")
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "botocore": current.botocore,
                "cpus": os.cpu_count(),
                "reference_services": reference_set,
                "old_services": old_set,
                "rows": [asdict(r) | {"cores": r.cores} for r in rows + list(builder_rows.values())],
                "single_cold": colds,
            },
            indent=1,
        )
    )
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
