"""The Jinja environment: templates live in the top-level ``templates/``
folder (shipped inside the wheel as ``generator/templates``)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from .types import quote


class _BytecodeCache(jinja2.bccache.FileSystemBytecodeCache):
    """Compiled templates kept between runs, like ``__pycache__``: compiling
    the templates is a third of a small service's run. Keyed by template
    source (and Python version) by Jinja itself; written atomically, and any
    problem reading or writing it is a miss, never an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or half-written file: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            os.makedirs(self.directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    bucket.write_bytecode(f)
                os.replace(tmp, self._get_cache_filename(bucket))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    if os.environ.get("STUBWRIGHT_NO_TEMPLATE_CACHE"):
        return None
    from ..cache import default_cache_dir

    return _BytecodeCache(str(default_cache_dir() / f"templates-jinja{jinja2.__version__}"))


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
            bytecode_cache=_bytecode_cache(),
        )
        # the one way a doc-derived string becomes a Python string literal
        self.env.filters["pystr"] = quote

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)
