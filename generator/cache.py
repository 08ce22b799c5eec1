"""A content-addressed cache for ``stubwright generate``.

Two kinds of entries, each a small JSON file named by a SHA-256 key:

- ``doc``: which service a document describes (its client id), keyed on the
  document's bytes and the generator fingerprint, so that grouping the
  documents of a no-op run needs no parsing;
- ``group``: the rendered files and the diagnostics of one service group,
  keyed on the fingerprint, the options and the (path, bytes) of every
  document of the group.

The *fingerprint* stands for "the same generator": the stubwright version,
the bytes of its own sources and templates, and the versions of Python and
of the libraries that shape the output (black, Jinja, the parsers' readers).
A change to any of them is a different key, so a cache can never hand back
what another generator made. Every entry carries the digest of its payload
and is checked on reading: a damaged, truncated or edited entry is ignored
(and recomputed). Entries are written atomically; the folder is safe to
delete at any time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import __version__

#: bump when the layout of entries changes
FORMAT = 1
#: (import name, distribution) of the libraries whose behaviour shapes the output
LIBRARIES = (("black", "black"), ("jinja2", "jinja2"), ("markdown_it", "markdown-it-py"), ("bs4", "beautifulsoup4"))


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/stubwright`` (``~/.cache/stubwright`` when unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stubwright"


def digest(*parts: str | bytes) -> str:
    """SHA-256 of length-prefixed parts (so no two part lists collide)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _library_versions() -> Iterable[str]:
    """``name-version.dist-info`` beside each library (found without importing
    it or ``importlib.metadata``, which cost more than the rest of a no-op run);
    ``importlib.metadata`` when the layout is another."""
    for module, dist in LIBRARIES:
        spec = importlib.util.find_spec(module)
        found: list[str] = []
        if spec is not None and spec.origin:
            site = Path(spec.origin).parent.parent
            prefix = dist.replace("-", "_").lower() + "-"
            with contextlib.suppress(OSError):
                found = sorted(e.name for e in os.scandir(site) if e.name.lower().startswith(prefix) and e.name.endswith(".dist-info"))
        if found:
            yield from found
            continue
        from importlib import metadata

        try:
            yield f"{dist}=={metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            yield f"{dist}==?"


@functools.cache
def fingerprint() -> str:
    """The identity of this generator: version, own sources, templates, libraries."""
    from .render.templates import templates_dir

    package = Path(__file__).resolve().parent
    parts: list[str | bytes] = [f"stubwright {__version__}", f"python {sys.version_info[:2]}", *_library_versions()]
    sources = sorted(package.rglob("*.py")) + sorted(templates_dir().rglob("*.jinja"))
    for path in sources:
        parts += [path.name, path.read_bytes()]
    return digest(*parts)


def _canonical(payload: Any) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Cache:
    """Entries under ``root/generate-v<FORMAT>/<kind>/<key[:2]>/<key>.json``.

    ``read_only`` caches never write (``generate --check`` writes nothing).
    Reading or writing problems are never errors: the cache is an
    optimisation, and a miss only costs time.
    """

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self.hits = 0
        self.misses = 0

    def _path(self, kind: str, key: str) -> Path:
        return self.root / f"generate-v{FORMAT}" / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> Any | None:
        """The payload stored under ``key``, or ``None`` (missing or damaged)."""
        try:
            entry = json.loads(self._path(kind, key).read_bytes())
            ok = (
                isinstance(entry, dict)
                and entry.get("key") == key
                and entry.get("digest") == hashlib.sha256(_canonical(entry.get("payload"))).hexdigest()
            )
        except (OSError, ValueError, RecursionError):
            ok = False
        if not ok:
            self.misses += 1
            return None
        self.hits += 1
        return entry["payload"]

    def put(self, kind: str, key: str, payload: Any) -> None:
        if self.read_only:
            return
        path = self._path(kind, key)
        entry = {"key": key, "digest": hashlib.sha256(_canonical(payload)).hexdigest(), "payload": payload}
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(_canonical(entry))
            os.replace(tmp, path)
            tmp = None
        except OSError:
            pass  # a read-only or full disk only makes the next run slower
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
