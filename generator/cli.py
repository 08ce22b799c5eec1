"""Command line: ``stubwright generate [PATHS...] [-o OUTPUT]``."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .diagnostics import Level, format_report
from .pipeline import generate, write_tree
from .render.package import KWARGS_STYLES, Options

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
    return parser


def run_generate(args: argparse.Namespace) -> int:
    options = Options(kwargs_style=args.kwargs_style, module_name=args.module_name)
    result = generate(args.paths, options)
    shown = [d for d in result.diagnostics if not (args.quiet and d.level is Level.INFO)]
    if shown:
        print(format_report(shown), file=sys.stderr)
    warnings = any(d.level is Level.WARNING for d in result.diagnostics)
    if result.failed or (args.fail_on_warning and warnings):
        print("stubwright: nothing written", file=sys.stderr)
        return 2
    if not result.services:
        print("stubwright: no documents found; nothing written", file=sys.stderr)
        return 2
    written = write_tree(args.output, result.files)
    if not args.quiet:
        for path in written:
            print(f"wrote {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            return run_generate(args)
    except KeyboardInterrupt:
        print("stubwright: interrupted; output left as it was", file=sys.stderr)
        return 130
    except Exception:
        print(
            "stubwright: internal error (a bug in stubwright, not in your documents); "
            f"please report it to {ISSUES_URL} with this trace:",
            file=sys.stderr,
        )
        traceback.print_exc()
        return 2
    return 2
