"""``downstream``-marked tests build a virtualenv and install from the
network (minutes): they run with ``pytest -m downstream`` (or
``make downstream``), and are skipped otherwise."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "downstream: builds and installs the packages in a fresh virtualenv (slow)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "downstream" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with `pytest -m downstream` or `make downstream`")
    for item in items:
        if item.get_closest_marker("downstream") is not None:
            item.add_marker(skip)
