"""Command line: ``stubwright generate [PATHS...] [-o OUTPUT] [--check]`` and
``stubwright diff OLD NEW``."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cache import Cache, default_cache_dir
from .diagnostics import Diagnostic, Level, format_report
from .diff import FORMATS, diff_paths
from .diff import format_report as format_diff
from .naming import is_module_name
from .pipeline import Result, WriteError, generate, plan_tree, recover_interrupted, write_tree
from .render.package import KWARGS_STYLES, Options, render_boto3_overloads

ISSUES_URL = "the stubwright issue tracker"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stubwright", description="Typed Python stubs from AWS SDK documentation.")
    parser.add_argument("--version", action="version", version=f"stubwright {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="generate stub packages from documents")
    gen.add_argument("paths", nargs="*", type=Path, default=[Path("input_docs")], help="documents or folders (default: input_docs)")
    gen.add_argument("-o", "--output", type=Path, default=Path("output"), help="output folder (default: output)")
    gen.add_argument("--kwargs-style", choices=KWARGS_STYLES, default="keyword", help="keyword-only parameters (default) or **kwargs: Unpack[...] like types-boto3 8.x")
    gen.add_argument("--module-name", help="Python package name (one service only)")
    gen.add_argument("--fail-on-warning", action="store_true", help="exit 2 when there are warnings")
    gen.add_argument("-q", "--quiet", action="store_true", help="print errors and warnings only")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 and list what would change when OUTPUT is stale, 0 when it is current")
    gen.add_argument("--keep-going", action="store_true", help="write the packages that generated; list the services that failed (exit 2)")
    gen.add_argument("-j", "--jobs", type=_jobs, default=os.cpu_count() or 1, help="processes for parsing and rendering (default: CPU count)")
    gen.add_argument("--cache-dir", type=Path, help=f"cache of parsed and rendered services (default: {default_cache_dir()})")
    gen.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    gen.add_argument("--boto3-overloads", action="store_true", help="also write stubwright_boto3_overloads: boto3-stubs whose boto3.client()/Session.client() return the generated clients")
    dif = sub.add_parser("diff", help="what changed for callers between two versions of the docs")
    dif.add_argument("old", type=Path, help="the older documents (a file or a folder)")
    dif.add_argument("new", type=Path, help="the newer documents (a file or a folder)")
    dif.add_argument("--format", choices=FORMATS, default="text", help="text (default), markdown (a changelog) or json")
    dif.add_argument("--fail-on-breaking", action="store_true", help="exit 1 when a change is breaking for callers")
    dif.add_argument("--docs", action="store_true", help="show changes to descriptions too")
    dif.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return parser


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run_generate(args: argparse.Namespace) -> int:
    if args.module_name is not None and not is_module_name(args.module_name):
        print(f"stubwright: --module-name {args.module_name!r} is not a Python package name", file=sys.stderr)
        return 2
    options = Options(kwargs_style=args.kwargs_style, module_name=args.module_name)
    cache = None if args.no_cache else Cache(args.cache_dir or default_cache_dir(), read_only=args.check)
    result = generate(args.paths, options, cache=cache, jobs=args.jobs)
    if args.boto3_overloads:
        result.files.update(render_boto3_overloads(result.files))
    shown = [d for d in result.diagnostics if not (args.quiet and d.level is Level.INFO)]
    if shown:
        print(format_report(shown), file=sys.stderr)
    try:
        if args.check:
            return _check(args, result)
        return _write(args, result)
    except WriteError as exc:
        print(f"stubwright: {exc}; nothing written", file=sys.stderr)
        return 2


def _failed(args: argparse.Namespace, diagnostics: list[Diagnostic]) -> bool:
    levels = (Level.ERROR, Level.WARNING) if args.fail_on_warning else (Level.ERROR,)
    return any(d.level in levels for d in diagnostics)


def _check(args: argparse.Namespace, result: Result) -> int:
    if _failed(args, result.diagnostics) or not result.groups:
        print("stubwright: cannot check: " + ("the documents have problems" if result.groups else "no documents found"), file=sys.stderr)
        return 2
    plan = plan_tree(args.output, result.files, sources=result.sources(), scope=args.paths)
    if plan.empty:
        if not args.quiet:
            print(f"{args.output.as_posix()} is current")
        return 0
    for line in plan.lines():
        print(line)
    print(
        f"stubwright: {args.output.as_posix()} is stale: {len(plan.added)} added, {len(plan.changed)} changed, "
        f"{len(plan.removed)} removed; run `stubwright generate` to update it",
        file=sys.stderr,
    )
    return 1


def _write(args: argparse.Namespace, result: Result) -> int:
    for note in recover_interrupted(args.output):
        print(f"stubwright: note: {note}", file=sys.stderr)
    failed = [g for g in result.groups if g.failed or _failed(args, g.diagnostics)]
    grouped = {id(d) for g in result.groups for d in g.diagnostics}
    unattributed = [d for d in result.diagnostics if id(d) not in grouped]
    if not result.groups and not _failed(args, result.diagnostics):
        print("stubwright: no documents found; nothing written", file=sys.stderr)
        return 2
    if not args.keep_going:
        if failed or _failed(args, result.diagnostics):
            print("stubwright: nothing written", file=sys.stderr)
            return 2
        plan = write_tree(args.output, result.files, sources=result.sources(), scope=args.paths)
        failures: list[str] = []
    else:
        # result.files holds no failed group's files, but may hold packages of no group
        left = {g.package for g in failed}
        files = {rel: text for rel, text in result.files.items() if rel.parts[0] not in left}
        sources = {name: docs for name, docs in result.sources().items() if name not in left}
        # a failure may hide a package that is still wanted: remove no package then
        clean = not failed and not _failed(args, unattributed)
        plan = write_tree(args.output, files, sources=sources, scope=args.paths if clean else None)
        failures = [f"{g.client_id} ({', '.join(d.as_posix() for d in g.documents)})" for g in failed]
        failures += sorted({d.span.path for d in unattributed if d.level is Level.ERROR})
    if not args.quiet:
        for line in plan.summary():
            print(line)
    if failures:
        print("stubwright: failed, left as they were: " + "; ".join(failures), file=sys.stderr)
        return 2
    return 0


def run_diff(args: argparse.Namespace) -> int:
    report = diff_paths([args.old], [args.new])
    shown = [d for d in report.diagnostics if d.level is Level.ERROR or (d.level is Level.WARNING and not args.quiet)]
    if shown:
        print(format_report(shown), file=sys.stderr)
    if any(d.level is Level.ERROR for d in report.diagnostics):
        print("stubwright: cannot compare: the documents have errors", file=sys.stderr)
        return 2
    if not report.names:
        print("stubwright: no documents found", file=sys.stderr)
        return 2
    sys.stdout.write(format_diff(report, args.format, docs=args.docs))
    return 1 if args.fail_on_breaking and report.breaking else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            return run_generate(args)
        if args.command == "diff":
            return run_diff(args)
    except Exception:
        print(
            "stubwright: internal error (a bug in stubwright, not in your documents); "
            f"please report it to {ISSUES_URL} with this trace:",
            file=sys.stderr,
        )
        traceback.print_exc()
        return 2
    return 2
