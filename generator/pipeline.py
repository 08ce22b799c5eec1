"""parse → model → render → format → write, for a set of documents.

``generate`` reads documents and renders packages (in memory); the write
side (``plan_tree`` / ``apply_plan`` / ``write_tree``) brings ``output/``
up to date with as few file operations as possible:

- only files whose bytes change are written (unchanged files keep their
  mtime), files a package no longer has are removed;
- every package stubwright writes holds a manifest, ``.stubwright.json``
  (its files, the documents it came from, the generator version); only
  files a manifest lists are ever removed, and a whole package only when
  it has a manifest and every document it came from is within the paths of
  this run (so ``generate one-doc.txt`` never removes other packages);
- everything is staged in a temporary folder inside ``output/`` and then
  moved into place; an error anywhere undoes the moves already made, so a
  run changes all it should or nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypeVar

from . import __version__
from .cache import Cache, digest, fingerprint
from .diagnostics import Diagnostic, Level
from .model import Service, SourceSpan

if TYPE_CHECKING:
    from .render.package import Options
    from .render.templates import Templates

# The readers, the merger and the renderer (black, Jinja, BeautifulSoup) are
# imported where they are used: a run the cache answers needs none of them.

DOC_SUFFIXES = (".txt", ".html", ".htm", ".md")
#: the manifest of a generated package, in its root folder
MANIFEST = ".stubwright.json"


def _hidden(parts: Iterable[str]) -> bool:
    return any(part.startswith(("_", ".")) for part in parts)


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in DOC_SUFFIXES and path.name.lower() != "readme.md"


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Document files under ``paths`` in a stable order (README.md skipped)."""
    found: list[Path] = []
    diags: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if _hidden(child.relative_to(path).parts) or not child.is_file():
                    continue  # _older/ etc. hold documents kept for `diff`, not for generation
                if _is_document(child):
                    found.append(child)
        elif path.is_file():
            found.append(path)
        else:
            diags.append(Diagnostic(SourceSpan(str(path), 0), Level.ERROR, "no-such-file", "no such file or folder"))
    return sorted(set(found), key=lambda p: p.as_posix()), diags


def read_documents(paths: Iterable[Path]) -> tuple[list[tuple[Path, bytes]], list[Diagnostic]]:
    """The bytes of each document; one that cannot be read (permissions, a
    folder removed meanwhile, an I/O error) is an ``unreadable-file`` error
    naming it, not a traceback."""
    docs: list[tuple[Path, bytes]] = []
    diags: list[Diagnostic] = []
    for path in paths:
        try:
            docs.append((path, path.read_bytes()))
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            diags.append(
                Diagnostic(
                    SourceSpan(path.as_posix(), 0),
                    Level.ERROR,
                    "unreadable-file",
                    f"cannot read this file ({reason})",
                    hint="check that the file exists and that you may read it",
                )
            )
    return docs, diags


def load(paths: Iterable[Path]) -> tuple[list[Service], list[Diagnostic]]:
    """Parse every document and group them by the service they describe."""
    from .merge import merge
    from .parsers import parse_document

    by_service: dict[str, list[Service]] = {}
    docs, diags = read_documents(paths)
    for path, data in docs:
        service, more = parse_document(path.as_posix(), data)
        diags += more
        if service is not None:
            by_service.setdefault(service.client_id, []).append(service)
    services = []
    for _, group in sorted(by_service.items()):
        service, more = merge(group)
        diags += more
        services.append(service)
    return services, diags


# --------------------------------------------------------------------------- generate


@dataclass
class Group:
    """The documents of one service and the package they render to."""

    client_id: str
    documents: list[Path]
    #: the package folder under output/ (``None`` when it did not render)
    package: str | None = None
    files: dict[PurePosixPath, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: the rendered files came from the cache
    cached: bool = False
    #: documents nobody could read that may belong to this service
    #: (``--keep-going`` leaves its package as it was)
    blocked_by: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.blocked_by) or any(d.level is Level.ERROR for d in self.diagnostics)


@dataclass
class Result:
    #: the client ids of the services parsed and merged in this run (a group
    #: served by the cache is not parsed); the models stay in the workers
    parsed: list[str] = field(default_factory=list)
    #: every file of every group that rendered without error
    files: dict[PurePosixPath, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(d.level is Level.ERROR for d in self.diagnostics)

    def sources(self) -> dict[str, list[Path]]:
        """Package folder → the documents it came from."""
        return {g.package: g.documents for g in self.groups if g.package is not None}


_T = TypeVar("_T")
_R = TypeVar("_R")


class _Runner:
    """Runs tasks in this process (``jobs`` 1) or in a process pool made on
    first use. Results come back in task order, whatever ``jobs`` is."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.pool: Executor | None = None
        #: child processes that are not this runner's workers
        self.others: set[multiprocessing.process.BaseProcess] = set()

    def map(self, fn: Callable[[_T], _R], tasks: Sequence[_T], *, inline: bool = False) -> list[_R]:
        """``inline``: the caller knows the tasks are too small to pay for
        starting worker processes."""
        if self.jobs == 1 or len(tasks) <= 1 or inline:
            return [fn(task) for task in tasks]
        # workers start (fork, or spawn) while the tasks are submitted; one
        # started while Ctrl-C is ignored ignores it from birth, so a signal
        # cannot reach it before its initializer runs
        with _sigint_ignored():
            if self.pool is None:
                self.others = set(multiprocessing.active_children())
                self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_ignore_sigint)
            chunk = max(1, len(tasks) // (self.jobs * 4))
            results = self.pool.map(fn, tasks, chunksize=chunk)
        return list(results)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()

    def abort(self) -> None:
        """Ctrl-C or an error: stop the workers now, not after their tasks."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            workers = [c for c in multiprocessing.active_children() if c not in self.others]
            for child in workers:
                child.terminate()
            for child in workers:
                child.join(timeout=5)
            self.pool = None


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C is ignored inside (the main thread only: elsewhere signals
    cannot be set, and are not delivered)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ignore_sigint() -> None:
    """In a worker: a terminal's Ctrl-C reaches the whole process group; the
    main process handles it (stops the workers, leaves the output as it
    was), so a worker must not die of it with a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


#: up to this many bytes of documents to parse (~0.3 s of parsing, less than
#: starting the workers costs), parsing stays in this process
INLINE_PARSE_BYTES = 512 * 1024

_TEMPLATES: list[Templates] = []


def _templates() -> Templates:
    from .render.templates import Templates

    if not _TEMPLATES:
        _TEMPLATES.append(Templates())
    return _TEMPLATES[0]


def _parse_task(task: tuple[str, bytes]) -> tuple[Service | None, list[Diagnostic]]:
    from .parsers import parse_document

    return parse_document(*task)


#: a document of a group: parsed already, or its path and bytes
_Doc = tuple[str, bytes] | tuple[Service | None, list[Diagnostic]]


def _group_task(task: tuple[list[_Doc], Options]) -> tuple[str | None, str | None, dict[PurePosixPath, str], list[Diagnostic]]:
    """Parse what is not parsed yet, merge, render, format: one service."""
    from .merge import merge
    from .parsers import parse_document
    from .parsers.checks import check_service
    from .render.format import RenderError, format_source
    from .render.package import module_name_for, render_package

    docs, options = task
    diags: list[Diagnostic] = []
    services: list[Service] = []
    for doc in docs:
        if isinstance(doc[0], str):
            assert isinstance(doc[1], bytes)
            service, more = parse_document(doc[0], doc[1])
        else:
            service, more = doc
        diags += more
        if service is not None:
            services.append(service)
    if not services:
        return None, None, {}, diags
    merged, more = merge(services)
    diags += more
    # names that were fine in each document can clash once merged: check again
    checked, more = check_service(merged)
    diags += more
    if checked is None or any(d.level is Level.ERROR for d in diags):
        return merged.client_id, None, {}, diags
    merged = checked
    files: dict[PurePosixPath, str] = {}
    try:
        for rel, text in render_package(merged, options, _templates()).items():
            if rel.suffix in (".py", ".pyi"):
                text = format_source(rel.as_posix(), text)
            files[rel] = text
    except RenderError as exc:
        message = f"internal error rendering {merged.name}: {exc}"
        return merged.client_id, None, {}, [*diags, Diagnostic(merged.span, Level.ERROR, "render-failed", message)]
    return merged.client_id, module_name_for(merged, options), files, diags


def _options_key(options: Options) -> str:
    return json.dumps(dataclasses.asdict(options), sort_keys=True, default=str)


def _diag_to_json(d: Diagnostic) -> list[object]:
    return [d.span.path, d.span.line, d.level.value, d.code, d.message, d.hint]


def _group_from_cache(payload: Any) -> tuple[str, dict[PurePosixPath, str], list[Diagnostic]] | None:
    """A cached group, or ``None`` when the payload is not what we wrote."""
    try:
        package = payload["package"]
        files = {PurePosixPath(k): v for k, v in payload["files"].items()}
        diags = [Diagnostic(SourceSpan(p, int(ln)), Level(lv), c, m, h) for p, ln, lv, c, m, h in payload["diagnostics"]]
        ok = (
            isinstance(package, str)
            and all(isinstance(v, str) and _safe_relative(k) and k.parts[0] == package for k, v in files.items())
            and all(isinstance(x, str) for d in diags for x in (d.span.path, d.code, d.message, d.hint))
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return (package, files, diags) if ok else None


_CLIENT_ID_RE = re.compile(r"""\bclient\(\s*["']([a-z0-9][a-z0-9.-]*)["']""")


def _blocked_groups(path: Path, data: bytes, groups: Sequence[Group]) -> list[Group]:
    """The groups an unreadable document may belong to: the service its
    text names (``client('x')``), else every group with a document in its
    folder or below it, else none."""
    match = _CLIENT_ID_RE.search(data[:200_000].decode("utf-8", "replace"))
    if match:
        return [g for g in groups if g.client_id == match.group(1)]
    folder = path.parent
    return [g for g in groups if any(d.parent == folder or folder in d.parents for d in g.documents)]


def generate(paths: Sequence[Path], options: Options, *, cache: Cache | None = None, jobs: int = 1) -> Result:
    """Read, merge and render every service group of ``paths``.

    With a ``cache``, a document whose bytes were seen before is not parsed
    to find its service, and a group whose documents, options and generator
    are unchanged is not parsed, merged or rendered at all. ``jobs`` > 1
    spreads parsing and rendering over a process pool; the result is the
    same for any ``jobs``.
    """
    found, diags = discover(paths)
    result = Result(diagnostics=diags)
    fp = fingerprint() if cache is not None else ""
    docs, unreadable_files = read_documents(found)
    result.diagnostics += unreadable_files
    hashes = [hashlib.sha256(data).hexdigest() for _, data in docs]
    runner = _Runner(jobs)
    try:
        # 1. which service each document describes (the cache knows, or parse)
        client_ids: list[str | None] = [None] * len(docs)
        parsed: dict[int, tuple[Service | None, list[Diagnostic]]] = {}
        todo: list[int] = []
        for i, sha in enumerate(hashes):
            entry = cache.get("doc", digest(fp, "doc", sha)) if cache is not None else None
            if isinstance(entry, dict) and isinstance(entry.get("client_id"), str):
                client_ids[i] = entry["client_id"]
            else:
                todo.append(i)
        # a few small documents (one service's doc set) parse faster here than
        # the worker processes start and import the readers
        small = sum(len(docs[i][1]) for i in todo) <= INLINE_PARSE_BYTES
        tasks = [(docs[i][0].as_posix(), docs[i][1]) for i in todo]
        for i, outcome in zip(todo, runner.map(_parse_task, tasks, inline=small), strict=True):
            parsed[i] = outcome
            service = outcome[0]
            if service is not None:
                client_ids[i] = service.client_id
                if cache is not None:
                    cache.put("doc", digest(fp, "doc", hashes[i]), {"client_id": service.client_id})
        unreadable = [i for i, cid in enumerate(client_ids) if cid is None]
        for i in unreadable:
            result.diagnostics += parsed[i][1]
        members: dict[str, list[int]] = {}
        for i, cid in enumerate(client_ids):
            if cid is not None:
                members.setdefault(cid, []).append(i)
        groups = [Group(cid, [docs[i][0] for i in idx]) for cid, idx in sorted(members.items())]

        # 2. each group: from the cache, or parse what is left, merge, render
        options_key = _options_key(options)
        keys: dict[str, str] = {}
        work: list[tuple[Group, tuple[list[_Doc], Options]]] = []
        for group in groups:
            idx = members[group.client_id]
            key = digest(fp, "group", options_key, group.client_id, *(p for i in idx for p in (docs[i][0].as_posix(), hashes[i])))
            keys[group.client_id] = key
            hit = _group_from_cache(cache.get("group", key)) if cache is not None else None
            if hit is not None:
                group.package, group.files, group.diagnostics = hit
                group.cached = True
                continue
            task_docs: list[_Doc] = [parsed[i] if i in parsed else (docs[i][0].as_posix(), docs[i][1]) for i in idx]
            work.append((group, (task_docs, options)))
        for (group, _), (client_id, package, files, more) in zip(work, runner.map(_group_task, [t for _, t in work]), strict=True):
            group.package, group.files, group.diagnostics = package, files, more
            if client_id is not None:
                result.parsed.append(client_id)
            if cache is not None and package is not None and not group.failed:
                payload = {
                    "package": package,
                    "files": {rel.as_posix(): text for rel, text in sorted(files.items())},
                    "diagnostics": [_diag_to_json(d) for d in more],
                }
                cache.put("group", keys[group.client_id], payload)
    except BaseException:
        runner.abort()
        raise
    finally:
        runner.close()

    for i in unreadable:
        if any(d.level is Level.ERROR for d in parsed[i][1]):
            for group in _blocked_groups(docs[i][0], docs[i][1], groups):
                group.blocked_by.append(docs[i][0].as_posix())
    for d in unreadable_files:
        # nothing was read, so only its folder tells which packages it may belong to
        for group in _blocked_groups(Path(d.span.path), b"", groups):
            group.blocked_by.append(d.span.path)
    result.groups = groups
    for group in groups:
        result.diagnostics += group.diagnostics
        if not group.failed:
            result.files.update(group.files)
    result.files = dict(sorted(result.files.items()))
    return result


# --------------------------------------------------------------------------- write


class WriteError(Exception):
    """output/ cannot take the files (say, a folder where a file goes)."""


def _safe_relative(rel: PurePosixPath) -> bool:
    return bool(rel.parts) and not rel.is_absolute() and all(p not in ("", ".", "..") and "\\" not in p for p in rel.parts)


def _relpath(path: Path, start: Path) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(start))
    except ValueError:  # another drive
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def manifest_text(package: str, files: Iterable[PurePosixPath], sources: Iterable[Path], output: Path) -> str:
    """The manifest of ``package``: deterministic, paths relative to it
    (files) or to ``output`` (the documents it came from)."""
    data = {
        "generator": "stubwright",
        "version": __version__,
        "sources": sorted({_relpath(src, output) for src in sources}),
        "files": sorted(rel.relative_to(package).as_posix() for rel in files),
    }
    return json.dumps(data, indent=2) + "\n"


@dataclass(frozen=True)
class Manifest:
    files: tuple[PurePosixPath, ...]
    #: absolute, normalised paths of the documents
    sources: tuple[str, ...]


def read_manifest(package_dir: Path) -> Manifest | None:
    """The manifest of a package folder, ``None`` when there is none or it
    is not one stubwright wrote (then the folder is not ours to clean)."""
    try:
        data = json.loads((package_dir / MANIFEST).read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and data.get("generator") == "stubwright"):
            return None
        files = tuple(PurePosixPath(f) for f in data["files"] if isinstance(f, str))
        sources = tuple(
            os.path.normpath(os.path.join(os.path.abspath(package_dir.parent), s)) for s in data.get("sources", []) if isinstance(s, str)
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if len(files) != len(data["files"]) or not all(_safe_relative(f) and f.as_posix() != MANIFEST for f in files):
        return None
    return Manifest(files, sources)


def _in_scope(source: str, scope: Sequence[Path]) -> bool:
    """Would a run over ``scope`` read ``source`` (if it still existed)?"""
    for root in scope:
        top = os.path.abspath(root)
        if source == top:
            return True
        if source.startswith(top.rstrip(os.sep) + os.sep):
            rel = Path(os.path.relpath(source, top))
            if not _hidden(rel.parts) and _is_document(rel):
                return True
    return False


@dataclass
class Plan:
    """What bringing ``output`` up to date takes (paths relative to it)."""

    output: Path
    added: list[PurePosixPath] = field(default_factory=list)
    changed: list[PurePosixPath] = field(default_factory=list)
    removed: list[PurePosixPath] = field(default_factory=list)
    #: new bytes of the added and changed files
    contents: dict[PurePosixPath, bytes] = field(default_factory=dict)
    #: every package written (whether or not anything in it changed)
    packages: list[str] = field(default_factory=list)
    #: packages removed (their files are in ``removed``)
    removed_packages: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def lines(self) -> list[str]:
        """One line per changed file: ``added|changed|removed  path``."""
        out = [(rel, "added") for rel in self.added] + [(rel, "changed") for rel in self.changed] + [(rel, "removed") for rel in self.removed]
        return [f"{what:<8} {(self.output / rel).as_posix()}" for rel, what in sorted(out)]

    def summary(self) -> list[str]:
        """One line per package."""
        lines = []
        for name in sorted(set(self.packages) | set(self.removed_packages)):
            where = (self.output / name).as_posix()
            if name in self.removed_packages:
                gone = not (self.output / name).exists()
                lines.append(f"removed {where}" if gone else f"removed the generated files of {where} (other files kept)")
                continue
            counts = [
                (len([r for r in self.added if r.parts[0] == name]), "added"),
                (len([r for r in self.changed if r.parts[0] == name]), "changed"),
                (len([r for r in self.removed if r.parts[0] == name]), "removed"),
            ]
            detail = ", ".join(f"{n} {what}" for n, what in counts if n)
            lines.append(f"wrote {where} ({detail})" if detail else f"unchanged {where}")
        return lines


def plan_tree(
    output: Path,
    files: Mapping[PurePosixPath, str],
    *,
    sources: Mapping[str, Sequence[Path]] | None = None,
    scope: Sequence[Path] | None = None,
) -> Plan:
    """Compare ``files`` (plus a manifest per package) with ``output``.

    ``sources`` (package → documents) goes into the manifests. With a
    ``scope`` (the paths of the run), generated packages that are not in
    ``files`` and whose documents all lie within the scope are removed.
    """
    plan = Plan(output)
    by_package: dict[str, dict[PurePosixPath, bytes]] = {}
    for rel, text in files.items():
        if not _safe_relative(rel) or len(rel.parts) < 2:
            raise WriteError(f"refusing to write {rel}: not a path inside a package")
        by_package.setdefault(rel.parts[0], {})[rel] = text.encode("utf-8")
    for name, contents in sorted(by_package.items()):
        plan.packages.append(name)
        manifest = PurePosixPath(name, MANIFEST)
        contents[manifest] = manifest_text(name, contents, (sources or {}).get(name, ()), output).encode("utf-8")
        for rel, data in sorted(contents.items()):
            target = output.joinpath(*rel.parts)
            for parent in [output.joinpath(*rel.parts[:n]) for n in range(1, len(rel.parts))]:
                if parent.exists() and not parent.is_dir():
                    raise WriteError(f"cannot write {target}: {parent} is a file, not a folder")
            if target.is_dir() and not target.is_symlink():
                raise WriteError(f"cannot write {target}: a folder is in the way")
            if target.is_file() or target.is_symlink():
                try:
                    same = target.read_bytes() == data
                except OSError:
                    same = False
                if same:
                    continue
                plan.changed.append(rel)
            else:
                plan.added.append(rel)
            plan.contents[rel] = data
        old = read_manifest(output / name)
        if old is not None:
            for file in old.files:
                rel = PurePosixPath(name, *file.parts)
                if rel not in contents and _removable(output, rel):
                    plan.removed.append(rel)
    if scope is not None and output.is_dir():
        for child in sorted(output.iterdir(), key=lambda p: p.name):
            if child.name in by_package or child.name.startswith(".") or not child.is_dir() or child.is_symlink():
                continue
            old = read_manifest(child)
            if old is None or not old.sources or not all(_in_scope(src, scope) for src in old.sources):
                continue
            plan.removed_packages.append(child.name)
            for file in (*old.files, PurePosixPath(MANIFEST)):
                rel = PurePosixPath(child.name, *file.parts)
                if _removable(output, rel):
                    plan.removed.append(rel)
    plan.removed.sort()
    return plan


def _removable(output: Path, rel: PurePosixPath) -> bool:
    """A file (or link) that really lies inside ``output/<package>``."""
    target = output.joinpath(*rel.parts)
    if not (target.is_file() or target.is_symlink()):
        return False
    package = os.path.realpath(output / rel.parts[0])
    return os.path.realpath(target.parent).startswith(package.rstrip(os.sep) + os.sep) or os.path.realpath(target.parent) == package


def apply_plan(plan: Plan) -> None:
    """Make ``plan`` so: stage every new file, then move files into place
    (old versions aside); any error moves everything back."""
    if plan.empty:
        return
    output = plan.output
    output.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".stubwright-", dir=output))
    (staging / STAGING_OWNER).write_text(str(os.getpid()))
    try:
        for rel, data in sorted(plan.contents.items()):
            staged = staging.joinpath("new", *rel.parts)
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
        _write_swap_journal(plan, output, staging)
        # the swap is not interruptible: a Ctrl-C while files move would
        # leave a mix, or break the undo half-way (it takes milliseconds)
        with _sigint_ignored():
            _swap(plan, output, staging)
        _remove_empty_dirs(output, plan.removed)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(plan: Plan, output: Path, staging: Path) -> None:
    """Move the staged files into place, old ones aside; any error undoes it
    from the staging folder and its journal, as the next run would after a
    kill (``_roll_back``)."""
    try:
        for rel in sorted(plan.contents):
            target = output.joinpath(*rel.parts)
            for parent in reversed(target.parents):
                if parent != output and output in parent.parents and not parent.exists():
                    parent.mkdir()
            if _present(target):
                _move(target, staging.joinpath("old", *rel.parts))
            os.replace(staging.joinpath("new", *rel.parts), target)
        for rel in plan.removed:
            _move(output.joinpath(*rel.parts), staging.joinpath("old", *rel.parts))
    except BaseException:
        _roll_back(output, staging)
        raise


#: in a staging folder: what the swap is about to do, so that a run killed
#: in the middle of it (SIGKILL, power loss) can be rolled back by the next
SWAP_JOURNAL = "swap.json"
#: in a staging folder: the process id of the run it belongs to
STAGING_OWNER = "pid"


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _running_elsewhere(staging: Path) -> bool:
    """The staging folder belongs to a run still going on (another
    stubwright process writing to the same output): leave it alone."""
    try:
        pid = int((staging / STAGING_OWNER).read_text())
    except (OSError, ValueError):
        # no owner yet: a run that has only just made it, unless it is old
        try:
            return time.time() - staging.stat().st_mtime < 600
        except OSError:
            return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _write_swap_journal(plan: Plan, output: Path, staging: Path) -> None:
    """Before the first file moves: each file to write and whether it
    existed, each file to remove, each folder the swap may create."""
    new_dirs: set[str] = set()
    for rel in plan.contents:
        for parent in output.joinpath(*rel.parts).parents:
            if parent == output or output not in parent.parents or parent.exists():
                break
            new_dirs.add(parent.relative_to(output).as_posix())
    journal = {
        "files": [[rel.as_posix(), _present(output.joinpath(*rel.parts))] for rel in sorted(plan.contents)],
        "removed": [rel.as_posix() for rel in plan.removed],
        "dirs": sorted(new_dirs, key=lambda d: (-d.count("/"), d)),  # deepest first
    }
    temp = staging / (SWAP_JOURNAL + ".tmp")
    temp.write_text(json.dumps(journal))
    os.replace(temp, staging / SWAP_JOURNAL)


def recover_interrupted(output: Path) -> list[str]:
    """Undo what a killed run left in ``output``: each staging folder
    (``.stubwright-*``) is a run that did not finish. Killed while staging,
    it changed nothing; killed during the swap, its journal says what moved,
    and the previous files go back. Returns one line per folder handled."""
    notes: list[str] = []
    if not output.is_dir():
        return notes
    for staging in sorted(p for p in output.iterdir() if p.name.startswith(".stubwright-") and p.is_dir()):
        if _running_elsewhere(staging):
            continue
        restored = _roll_back(output, staging)
        shutil.rmtree(staging, ignore_errors=True)
        if restored:
            notes.append(f"an earlier run was killed while writing {output.as_posix()}: {restored} file(s) put back as they were")
    return notes


def _roll_back(output: Path, staging: Path) -> int:
    try:
        journal = json.loads((staging / SWAP_JOURNAL).read_text())
        files = [(PurePosixPath(rel), bool(existed)) for rel, existed in journal["files"]]
        removed = [PurePosixPath(rel) for rel in journal["removed"]]
        dirs = [PurePosixPath(d) for d in journal["dirs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return 0  # killed while staging (no journal yet): nothing in output/ moved
    if not all(_safe_relative(rel) for rel in [*[f for f, _ in files], *removed, *dirs]):
        return 0  # not a journal this code wrote: leave output/ alone
    restored = 0
    for rel, existed in files:
        target, old, new = output.joinpath(*rel.parts), staging.joinpath("old", *rel.parts), staging.joinpath("new", *rel.parts)
        with contextlib.suppress(OSError):
            if existed and _present(old):
                os.replace(old, target)  # moved aside (and maybe already replaced)
                restored += 1
            elif not existed and not _present(new) and _present(target):
                target.unlink()  # a new file already moved into place
                restored += 1
    for rel in removed:
        old = staging.joinpath("old", *rel.parts)
        with contextlib.suppress(OSError):
            if _present(old):
                _move(old, output.joinpath(*rel.parts))
                restored += 1
    for folder in dirs:
        with contextlib.suppress(OSError):
            output.joinpath(*folder.parts).rmdir()  # only when empty
    return restored


def _move(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dst)


def _remove_empty_dirs(output: Path, removed: Iterable[PurePosixPath]) -> None:
    folders = {output.joinpath(*rel.parts[:n]) for rel in removed for n in range(1, len(rel.parts))}
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: files stubwright did not write stay


def write_tree(
    output: Path,
    files: Mapping[PurePosixPath, str],
    *,
    sources: Mapping[str, Sequence[Path]] | None = None,
    scope: Sequence[Path] | None = None,
) -> Plan:
    """Bring the packages of ``files`` up to date under ``output`` (see
    ``plan_tree``; other files in ``output`` stay) and return what changed."""
    recover_interrupted(output)
    plan = plan_tree(output, files, sources=sources, scope=scope)
    apply_plan(plan)
    return plan
