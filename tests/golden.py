"""Golden cases: ``tests/cases/<name>/input/`` → ``expected/``.

``python -m tests.golden`` regenerates every expected tree (review the diff);
``tests/test_golden.py`` compares them file by file.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path, PurePosixPath

from generator.pipeline import generate
from generator.render.package import Options

CASES = Path(__file__).parent / "cases"


def cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "input").is_dir())


def render_case(case: Path) -> dict[PurePosixPath, str]:
    """``options.json`` beside ``input/`` sets generator options."""
    options_file = case / "options.json"
    options = Options(**json.loads(options_file.read_text())) if options_file.exists() else Options()
    result = generate([case / "input"], options)
    if result.failed:
        raise RuntimeError(f"{case.name}: " + "; ".join(map(str, result.diagnostics)))
    return result.files


def main() -> int:
    for case in cases():
        expected = case / "expected"
        shutil.rmtree(expected, ignore_errors=True)
        for rel, text in render_case(case).items():
            target = expected.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        print(f"regenerated {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
