"""``python -m tools.fidelity {compare,run}``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .compare import compare
from .stubs import load_package


def _compare(args: argparse.Namespace) -> int:
    report = compare(
        load_package(args.reference),
        load_package(args.generated),
        names=args.names,
        unstated_response_required=args.unstated_response_required,
    )
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=1)
        print()
        return 0
    print(report.table())
    shown = report.mismatches if args.max_mismatches < 0 else report.mismatches[: args.max_mismatches]
    if shown:
        print(
            f"\n{len(report.mismatches)} mismatches"
            + (f" (first {len(shown)})" if len(shown) < len(report.mismatches) else "")
            + ":"
        )
        for mismatch in shown:
            print(f"  {mismatch}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fidelity")
    sub = parser.add_subparsers(dest="command", required=True)
    cmp_ = sub.add_parser("compare", help="compare a generated package with a reference package")
    cmp_.add_argument("generated", type=Path)
    cmp_.add_argument("reference", type=Path)
    cmp_.add_argument("--names", action="store_true", help="also compare TypedDict and Literal names")
    cmp_.add_argument(
        "--unstated-response-required",
        action="store_true",
        help="count required flags of nested response keys apart (for reference-page input)",
    )
    cmp_.add_argument("--json", action="store_true")
    cmp_.add_argument("--max-mismatches", type=int, default=50, help="-1: all")
    run = sub.add_parser("run", help="the fidelity run over a set of services (see docs/fidelity.md)")
    from .run import add_arguments

    add_arguments(run)
    args = parser.parse_args(argv)
    if args.command == "compare":
        return _compare(args)
    from .run import main as run_main

    return run_main(args)


if __name__ == "__main__":
    sys.exit(main())
