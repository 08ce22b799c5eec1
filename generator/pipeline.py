"""parse → model → render → format → write, for a set of documents."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, Level
from .merge import merge
from .model import Service, SourceSpan
from .parsers import parse_document
from .render.format import RenderError, format_source
from .render.package import Options, render_package
from .render.templates import Templates

DOC_SUFFIXES = (".txt", ".html", ".htm", ".md")


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Document files under ``paths`` in a stable order (README.md skipped)."""
    found: list[Path] = []
    diags: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(("_", ".")) for part in child.relative_to(path).parts)
                if hidden or not child.is_file():
                    continue  # _older/ etc. hold documents kept for `diff`, not for generation
                if child.suffix.lower() in DOC_SUFFIXES and child.name.lower() != "readme.md":
                    found.append(child)
        elif path.is_file():
            found.append(path)
        else:
            diags.append(Diagnostic(SourceSpan(str(path), 0), Level.ERROR, "no-such-file", "no such file or folder"))
    return sorted(set(found), key=lambda p: p.as_posix()), diags


@dataclass
class Result:
    services: list[Service] = field(default_factory=list)
    files: dict[PurePosixPath, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(d.level is Level.ERROR for d in self.diagnostics)


def load(paths: Iterable[Path]) -> tuple[list[Service], list[Diagnostic]]:
    """Parse every document and group them by the service they describe."""
    by_service: dict[str, list[Service]] = {}
    diags: list[Diagnostic] = []
    for path in paths:
        service, more = parse_document(path.as_posix(), path.read_bytes())
        diags += more
        if service is not None:
            by_service.setdefault(service.client_id, []).append(service)
    services = []
    for _, group in sorted(by_service.items()):
        service, more = merge(group)
        diags += more
        services.append(service)
    return services, diags


def generate(paths: Sequence[Path], options: Options) -> Result:
    files, diags = discover(paths)
    result = Result(diagnostics=diags)
    services, more = load(files)
    result.diagnostics += more
    result.services = services
    templates = Templates()
    for service in services:
        try:
            for rel, text in render_package(service, options, templates).items():
                if rel.suffix in (".py", ".pyi"):
                    text = format_source(rel.as_posix(), text)
                result.files[rel] = text
        except RenderError as exc:
            result.diagnostics.append(
                Diagnostic(service.span, Level.ERROR, "render-failed", f"internal error rendering {service.name}: {exc}")
            )
    return result


def write_tree(output: Path, files: dict[PurePosixPath, str]) -> list[Path]:
    """Write packages under ``output``: each package is written complete to
    a temporary folder beside it and then swapped in, so an interruption
    never leaves a half-written package. Other files in ``output`` stay."""
    output.mkdir(parents=True, exist_ok=True)
    packages = sorted({rel.parts[0] for rel in files})
    staging = Path(tempfile.mkdtemp(prefix=".stubwright-", dir=output))
    try:
        for rel, text in sorted(files.items()):
            target = staging.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        written = []
        for name in packages:
            final = output / name
            old = staging / f"{name}.previous"
            if final.exists():
                os.replace(final, old)
            os.replace(staging / name, final)
            written.append(final)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
