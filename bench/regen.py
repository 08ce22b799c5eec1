"""Regeneration speed: a full generation against a no-op one (warm cache).

    python bench/regen.py [--services N] [--jobs N] [--format text|html] [--keep DIR]

Takes the N smallest services of the installed botocore (by the size of
their service model), renders their reference pages with
``tests.corpus.render_reference`` (cached in
``~/.cache/stubwright/corpus/<botocore-version>/reference/``; needs
``pip install -e '.[corpus]'``, i.e. Sphinx 7.3 and boto3; the first run
renders, which takes a few minutes for 100 services), copies them to a
scratch folder and times ``stubwright generate`` (a separate process, as a
user runs it) over them:

1. full: empty output/, empty cache;
2. no-op: the same again (warm cache, output/ current);
3. no-op without the cache (``--no-cache``: everything parsed and rendered,
   nothing written);
4. one document changed (its bytes: one service re-rendered, nothing written);
5. ``--check`` (warm cache).

Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def smallest_services(count: int) -> list[str]:
    """Services of the installed botocore, smallest service model first."""
    import botocore

    data = Path(botocore.__file__).parent / "data"
    sizes = []
    for service in sorted(p for p in data.iterdir() if p.is_dir()):
        versions = sorted(v for v in service.iterdir() if v.is_dir() and any(v.glob("service-2.json*")))
        if not versions:
            continue
        model = next(versions[-1].glob("service-2.json*"))
        raw = gzip.decompress(model.read_bytes()) if model.suffix == ".gz" else model.read_bytes()
        sizes.append((len(raw), service.name))
    return [name for _, name in sorted(sizes)[:count]]


def corpus(count: int, fmt: str) -> list[Path]:
    """The rendered pages of ``count`` services (rendering what is missing)."""
    from tests.corpus.render_reference import default_cache_dir

    folder = default_cache_dir() / "botocore"
    suffix = {"text": ".txt", "html": ".html"}[fmt]
    wanted = smallest_services(count + 20)  # a few spare, should one not render
    missing = [s for s in wanted[:count] if not (folder / f"{s}{suffix}").exists()]
    if missing:
        print(f"rendering {len(missing)} reference pages into {folder} (once)...", flush=True)
        for service in missing:
            proc = subprocess.run([sys.executable, "-m", "tests.corpus.render_reference", service], cwd=ROOT, capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"  {service}: could not render, skipped ({proc.stderr.strip().splitlines()[-1:]})")
    pages = [folder / f"{s}{suffix}" for s in wanted if (folder / f"{s}{suffix}").exists()]
    return pages[:count]


def snapshot(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def run(label: str, args: list[str], out: Path, rows: list[tuple[str, float, int, int]]) -> None:
    before = snapshot(out) if out.exists() else {}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator", "generate", *args], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 2: some services failed (--keep-going) or worse
        print(proc.stderr[-2000:], file=sys.stderr)
    after = snapshot(out) if out.exists() else {}
    written = sum(1 for k, v in after.items() if before.get(k) != v)
    rows.append((label, elapsed, written, proc.returncode))
    print(f"{label:<34} {elapsed:8.2f} s  {written:6d} files written  (exit {proc.returncode})", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/regen.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=100, help="how many services (default 100)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="stubwright --jobs (default: CPU count)")
    parser.add_argument("--format", choices=("text", "html"), default="text", help="reference pages as text (default) or HTML")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    try:
        pages = corpus(args.services, args.format)
    except ImportError as exc:
        print(f"bench: {exc}; install the corpus tools: .venv/bin/pip install -e '.[corpus]'", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="stubwright-bench-"))
    try:
        docs, out, cache = work / "docs", work / "output", work / "cache"
        for path in (docs, out, cache):
            shutil.rmtree(path, ignore_errors=True)
        docs.mkdir(parents=True)
        for page in pages:
            shutil.copyfile(page, docs / page.name)
        size = sum(p.stat().st_size for p in docs.iterdir())
        print(f"{len(pages)} services ({args.format} reference pages, {size / 2**20:.1f} MiB), --jobs {args.jobs}, in {work}")
        common = [str(docs), "-o", str(out), "-q", "--jobs", str(args.jobs), "--keep-going"]
        rows: list[tuple[str, float, int, int]] = []
        run("1. full (cold cache, empty output)", [*common, "--cache-dir", str(cache)], out, rows)
        run("2. no-op (warm cache)", [*common, "--cache-dir", str(cache)], out, rows)
        run("3. no-op without the cache", [*common, "--no-cache"], out, rows)
        first = sorted(docs.iterdir())[0]
        first.write_bytes(first.read_bytes() + b"\n")
        run(f"4. one document changed ({first.stem})", [*common, "--cache-dir", str(cache)], out, rows)
        run("5. --check (warm cache)", [str(docs), "-o", str(out), "-q", "--jobs", str(args.jobs), "--cache-dir", str(cache), "--check"], out, rows)
        files = len(snapshot(out))
        full, noop = rows[0][1], rows[1][1]
        print(f"output: {files} files in {len(list(out.iterdir()))} packages")
        print(f"no-op / full: {noop:.2f} s / {full:.2f} s = {100 * noop / full:.1f} %")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
