"""Render a set of ``Import`` objects as sorted import lines."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .types import Import

_STDLIB = ("__future__", "collections", "datetime", "decimal", "sys", "typing", "typing_extensions", "types")


def _group(module: str) -> int:
    if module.startswith("."):
        return 2
    return 0 if module.split(".")[0] in _STDLIB else 1


def render_imports(imports: Iterable[Import], *, skip_module: str = "") -> str:
    plain: dict[str, set[str]] = defaultdict(set)  # module -> import clauses
    gated: dict[tuple[tuple[int, int], str], set[str]] = defaultdict(set)
    for imp in imports:
        if imp.module == skip_module:
            continue
        if imp.since is not None:
            gated[(imp.since, imp.module)].add(imp.clause())
        else:
            plain[imp.module].add(imp.clause())
    lines: list[str] = []
    previous_group = -1
    for module in sorted(plain, key=lambda m: (_group(m), m)):
        group = _group(module)
        if previous_group not in (-1, group):
            lines.append("")
        previous_group = group
        lines.append(f"from {module} import {', '.join(sorted(plain[module]))}")
    if gated:
        if "sys" not in plain:
            lines.insert(0, "import sys")
            if len(lines) > 1 and lines[1] and _group(lines[1].split()[1]) != 0:
                lines.insert(1, "")
        for (since, module), names in sorted(gated.items()):
            joined = ", ".join(sorted(names))
            lines += [
                "",
                f"if sys.version_info >= {since!r}:",
                f"    from {module} import {joined}",
                "else:",
                f"    from typing_extensions import {joined}",
            ]
    return "\n".join(lines)
