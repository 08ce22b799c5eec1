"""The long fuzz run: ``python -m tests.fuzz.run [FORMAT...]`` (``make fuzz``).

Each reader gets ``FUZZ_SECONDS`` (default 600) of mutated real pages,
every seed page of its format (not only the small ones of the default
suite). Hypothesis runs in batches of ``FUZZ_BATCH`` examples, each batch
with a new random seed, until the time is up; a failing example is shrunk,
printed with its traceback, saved under ``.stubwright-fuzz/`` and the run
goes on. Batches last about 30 s (``FUZZ_BATCH`` caps their size), so a
run ends within a batch of its time. Prints the number of examples run per
reader; exits 1 when any example failed.
"""

from __future__ import annotations

import os
import random
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.fuzz.harness import FORMATS, ROOT, check_document, mutated_pages

WORK = ROOT / ".stubwright-fuzz"


def fuzz(fmt: str, seconds: float, batch: int) -> tuple[int, list[str]]:
    """Examples run and failures (one line each) for one reader."""
    count = 0
    failures: list[str] = []
    found: list[tuple[str, bytes, str]] = []
    stop = time.monotonic() + seconds
    database = DirectoryBasedExampleDatabase(str(WORK / "db" / fmt))
    rng = random.Random()
    size = min(batch, 20)  # the first batch measures how long an example takes
    while time.monotonic() < stop:
        started, before = time.monotonic(), count

        @seed(rng.getrandbits(64))
        @settings(
            max_examples=size,
            deadline=None,
            database=database,
            phases=(Phase.reuse, Phase.generate, Phase.shrink),
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )
        @given(mutated_pages(fmt))
        def run(case: tuple[str, bytes, str]) -> None:
            nonlocal count
            count += 1
            try:
                check_document(*case)
            except BaseException:
                found.append(case)
                raise

        try:
            run()
        except Exception as exc:
            case = found[-1] if found else ("?", b"", "")
            WORK.mkdir(exist_ok=True)
            saved = WORK / f"{fmt}-{len(failures) + 1}.bin"
            saved.write_bytes(case[1])
            where = traceback.extract_tb(exc.__traceback__)[-1]
            failures.append(f"{type(exc).__name__}: {str(exc)[:200]} at {Path(where.filename).name}:{where.lineno} (seed {case[0]}, saved {saved.relative_to(ROOT)})")
            traceback.print_exception(exc, limit=-8)
        found.clear()
        # batches of about 30 s (the time is only looked at between batches)
        per_example = (time.monotonic() - started) / max(1, count - before)
        size = max(5, min(batch, int(30 / max(per_example, 1e-3)), int((stop - time.monotonic()) / max(per_example, 1e-3)) + 1))
    return count, failures


def main(argv: list[str]) -> int:
    formats = argv or list(FORMATS)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        print(f"unknown format(s) {unknown}; choose from {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    seconds = float(os.environ.get("FUZZ_SECONDS", "600"))
    batch = int(os.environ.get("FUZZ_BATCH", "200"))
    total_failures = 0
    for fmt in formats:
        start = time.monotonic()
        count, failures = fuzz(fmt, seconds, batch)
        took = time.monotonic() - start
        print(f"fuzz {fmt}: {count} examples in {took:.0f} s, {len(failures)} failure(s)", flush=True)
        for line in failures:
            print(f"  {line}", flush=True)
        total_failures += len(failures)
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
