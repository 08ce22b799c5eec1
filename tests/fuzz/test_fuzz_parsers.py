"""A short fuzz run of each reader (part of the default suite); ``make
fuzz`` runs the long one (``tests/fuzz/run.py``)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz.harness import FORMATS, check_document, mutated_pages, seeds

SHORT = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


def test_every_format_has_seeds() -> None:
    assert all(seeds(True)[fmt] for fmt in FORMATS)
    assert all(len(seeds()[fmt]) >= 2 for fmt in FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_pages_never_crash(fmt: str) -> None:
    @SHORT
    @given(mutated_pages(fmt, small=True))
    def run(case: tuple[str, bytes, str]) -> None:
        check_document(*case)

    run()
