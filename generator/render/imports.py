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


#: packages the stubs may name but the runtime twins must not need: the
#: packages depend on botocore only, and boto3's classes (S3's TransferConfig)
#: are annotations there, not behaviour
OPTIONAL_AT_RUNTIME = ("boto3",)


def render_imports(imports: Iterable[Import], *, skip_module: str = "", runtime: bool = False) -> str:
    """Sorted ``from m import n`` lines; ``since`` imports gated on the
    Python version. With ``runtime``, an import from a package of
    OPTIONAL_AT_RUNTIME is tried, and its names fall back to ``object``
    (annotations only) when that package is not installed."""
    plain: dict[str, set[str]] = defaultdict(set)  # module -> import clauses
    gated: dict[tuple[tuple[int, int], str], set[str]] = defaultdict(set)
    optional: dict[str, set[Import]] = defaultdict(set)
    for imp in imports:
        if imp.module == skip_module:
            continue
        if runtime and imp.module.split(".")[0] in OPTIONAL_AT_RUNTIME:
            optional[imp.module].add(imp)
        elif imp.since is not None:
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
    for module, imps in sorted(optional.items()):
        clauses = sorted(imp.clause() for imp in imps)
        bound = sorted(imp.alias or imp.name for imp in imps)
        lines += [
            "",
            "try:",
            f"    from {module} import {', '.join(clauses)}",
            f"except ImportError:  # {module.split('.')[0]} is not a dependency: only annotations use these",
            *(f"    {name} = object" for name in bound),
        ]
    return "\n".join(lines)
