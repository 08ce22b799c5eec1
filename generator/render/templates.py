"""The Jinja environment: templates live in the top-level ``templates/``
folder (shipped inside the wheel as ``generator/templates``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from .types import quote


def templates_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "templates"


class Templates:
    def __init__(self, root: Path | None = None) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(root or templates_dir())),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
        )
        # the one way a doc-derived string becomes a Python string literal
        self.env.filters["pystr"] = quote

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)
