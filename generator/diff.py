"""``stubwright diff OLD NEW``: what changed for callers between two versions
of a service's documents, compared at the model level.

Each side is read like ``generate`` reads its inputs (``discover`` →
``load``: one merged ``Service`` per client id), so any format and any mix
of formats works. Services are matched by client id, operations by method
name, paginators and waiters by their method names, exceptions by class
name. Structures are compared *structurally*, member by member, following
``StructRef``s into nested structures, list items and map values: the names
stubwright synthesises for nested structures and enums can differ between
two versions of the same API, so they are never compared. The rules that
classify a change as breaking are in ``docs/diff.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .model import (
    EnumRef,
    EventStreamType,
    ListType,
    MapType,
    Member,
    ModelType,
    ScalarKind,
    ScalarType,
    Service,
    StructRef,
    StructShape,
)
from .pipeline import discover, load

FORMATS = ("text", "markdown", "json")
REQUEST, RESPONSE = "request", "response"

#: subject kinds in report order
_SUBJECT_RANK = {"service": 0, "operation": 1, "method": 2, "paginator": 3, "waiter": 4, "exception": 5}
_SIDE_RANK = {"": 0, REQUEST: 1, RESPONSE: 2}
_EMPTY = StructShape(name="", members=())


@dataclass(frozen=True, slots=True)
class Change:
    """One change. ``message`` marks names with backticks (kept in
    Markdown, dropped in text and JSON)."""

    service: str
    #: ``operation create_app_instance``, ``paginator list_users``, ``exception X``, ``service``
    subject: str
    kind: str
    breaking: bool
    message: str
    #: ``request`` / ``response`` for changes inside an operation's structures
    side: str = ""
    #: ``Tags[].Key``: members joined by ``.``, ``[]`` a list item, ``{}`` a map value
    path: str = ""
    old: str | None = None
    new: str | None = None

    @property
    def is_doc(self) -> bool:
        return self.kind == "description-changed"

    def sort_key(self) -> tuple[object, ...]:
        what, _, name = self.subject.partition(" ")
        return (self.service, _SUBJECT_RANK.get(what, 9), name, _SIDE_RANK.get(self.side, 9), self.path, self.kind, self.message)


# --------------------------------------------------------------------------- types


def _plain(message: str) -> str:
    return message.replace("`", "")


def _doc(text: str) -> str:
    return " ".join(text.split())


def _values(values: Iterable[str]) -> str:
    return ", ".join(repr(v) for v in values)


class _Side:
    """One version of a service, with what comparing it needs."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.structs = {s.name: s for s in service.structs}
        self.enums = {e.name: e for e in service.enums}

    def struct(self, ref: StructRef | None) -> StructShape:
        if ref is None:
            return _EMPTY
        return self.structs.get(ref.name, _EMPTY)

    def enum_values(self, ref: EnumRef) -> tuple[str, ...]:
        shape = self.enums.get(ref.name)
        return shape.values if shape is not None else ()

    def show(self, t: ModelType, short: bool = False) -> str:
        """A type, spelled structurally (no synthesised names); ``short``
        abbreviates long ``Literal``s (for messages)."""
        if isinstance(t, ScalarType):
            return {
                ScalarKind.STRING: "str",
                ScalarKind.INTEGER: "int",
                ScalarKind.FLOAT: "float",
                ScalarKind.BOOLEAN: "bool",
                ScalarKind.TIMESTAMP: "datetime",
                ScalarKind.BLOB: "bytes",
                ScalarKind.STREAMING: "StreamingBody",
                ScalarKind.DOCUMENT: "document",
                ScalarKind.ANY: "Any",
            }[t.kind]
        if isinstance(t, ListType):
            return f"list[{self.show(t.item, short)}]"
        if isinstance(t, MapType):
            return f"dict[{self.show(t.key, short)}, {self.show(t.value, short)}]"
        if isinstance(t, EnumRef):
            values = self.enum_values(t)
            if short and len(values) > 6:
                return f"Literal[{_values(values[:4])}, ... {len(values)} values]"
            return f"Literal[{_values(values)}]"
        if isinstance(t, EventStreamType):
            return "event stream"
        return "structure"

    def signature(self, t: ModelType, depth: int = 0, stack: frozenset[str] = frozenset()) -> str:
        """A structural key of a type: equal for types a caller cannot tell apart."""
        if isinstance(t, StructRef):
            if t.name in stack or depth > 8:
                return "<recursive>"
            shape = self.struct(t)
            inner = stack | {t.name}
            members = sorted(f"{m.name}{'!' if m.required else '?'}:{self.signature(m.type, depth + 1, inner)}" for m in shape.members)
            return "{" + ",".join(members) + "}"
        if isinstance(t, ListType):
            return f"list[{self.signature(t.item, depth, stack)}]"
        if isinstance(t, MapType):
            return f"dict[{self.signature(t.key, depth, stack)},{self.signature(t.value, depth, stack)}]"
        if isinstance(t, EventStreamType):
            return f"events{self.signature(t.events, depth, stack)}"
        if isinstance(t, EnumRef):
            return f"enum({_values(sorted(self.enum_values(t)))})"
        return self.show(t)


_GRADUAL = (ScalarKind.ANY, ScalarKind.DOCUMENT)


def _accepts(wide: ModelType, wide_side: _Side, narrow: ModelType, narrow_side: _Side) -> bool:
    """Is every value of ``narrow`` also a value of ``wide`` (for types that
    are not both structures, lists or maps)?"""
    if isinstance(wide, ScalarType) and wide.kind in _GRADUAL:
        return True
    if isinstance(narrow, ScalarType) and narrow.kind in _GRADUAL:
        return True  # Any goes anywhere: the change is reported, not breaking
    if isinstance(narrow, EnumRef):
        if isinstance(wide, EnumRef):
            return set(narrow_side.enum_values(narrow)) <= set(wide_side.enum_values(wide))
        return isinstance(wide, ScalarType) and wide.kind is ScalarKind.STRING
    if isinstance(narrow, ScalarType) and isinstance(wide, ScalarType):
        return narrow.kind == wide.kind or (narrow.kind is ScalarKind.INTEGER and wide.kind is ScalarKind.FLOAT)
    return False


# --------------------------------------------------------------------------- compare


@dataclass
class _Differ:
    old: _Side
    new: _Side
    client_id: str
    changes: list[Change] = field(default_factory=list)

    def add(
        self, subject: str, kind: str, breaking: bool, message: str, *, side: str = "", path: str = "", old: str | None = None, new: str | None = None
    ) -> None:
        self.changes.append(Change(self.client_id, subject, kind, breaking, message, side, path, old, new))

    # -- structures ---------------------------------------------------------------
    def struct(self, a: StructShape, b: StructShape, side: str, subject: str, path: str, seen: frozenset[tuple[str, str]]) -> None:
        key = (a.name, b.name)
        if key in seen and a.name:
            return  # a recursive structure: its members are being compared already
        seen = seen | {key}
        request = side == REQUEST
        noun = "parameter" if request else "response key"
        old = {m.name: m for m in a.members}
        new = {m.name: m for m in b.members}
        removed = [m for m in a.members if m.name not in new]
        added = [m for m in b.members if m.name not in old]
        for r, n in self._renames(removed, added):
            removed.remove(r)
            added.remove(n)
            self.add(
                subject, f"{noun.replace(' ', '-')}-renamed", True,
                f"{noun} `{_join(path, r.name)}` removed and `{_join(path, n.name)}` added with the same type: a rename?",
                side=side, path=_join(path, r.name), old=r.name, new=n.name,
            )
        for m in removed:
            self.add(subject, f"{noun.replace(' ', '-')}-removed", True, f"{noun} `{_join(path, m.name)}` removed", side=side, path=_join(path, m.name), old=self.old.show(m.type))
        for m in added:
            if request:
                what = "required" if m.required else "optional"
                breaking = m.required
            else:
                what = "always present" if m.required else "not always present"
                breaking = False
            self.add(
                subject, f"{noun.replace(' ', '-')}-added", breaking,
                f"{noun} `{_join(path, m.name)}` added ({what}, `{self.new.show(m.type, short=True)}`)",
                side=side, path=_join(path, m.name), new=self.new.show(m.type),
            )
        for m in a.members:
            if m.name in new:
                self.member(m, new[m.name], side, subject, _join(path, m.name), seen)
        if _doc(a.doc) != _doc(b.doc) and path:
            self.add(subject, "description-changed", False, f"description of the structure of `{path}` changed", side=side, path=path, old=_doc(a.doc), new=_doc(b.doc))

    def _renames(self, removed: list[Member], added: list[Member]) -> list[tuple[Member, Member]]:
        """Removed and added members of the same type, where that type is
        unambiguous (one of each)."""
        old_sigs: dict[str, list[Member]] = {}
        new_sigs: dict[str, list[Member]] = {}
        for m in removed:
            old_sigs.setdefault(self.old.signature(m.type), []).append(m)
        for m in added:
            new_sigs.setdefault(self.new.signature(m.type), []).append(m)
        pairs = []
        for sig, olds in old_sigs.items():
            news = new_sigs.get(sig, [])
            if len(olds) == 1 and len(news) == 1:
                pairs.append((olds[0], news[0]))
        return pairs

    def member(self, a: Member, b: Member, side: str, subject: str, path: str, seen: frozenset[tuple[str, str]]) -> None:
        request = side == REQUEST
        noun = "parameter" if request else "response key"
        if a.required != b.required:
            if request:
                kind, breaking = ("parameter-required", True) if b.required else ("parameter-optional", False)
                text = "is now required" if b.required else "is now optional"
            else:
                kind, breaking = ("response-key-required", False) if b.required else ("response-key-optional", True)
                text = "is now always present" if b.required else "is no longer always present"
            self.add(subject, kind, breaking, f"{noun} `{path}` {text}", side=side, path=path)
        self.type(a.type, b.type, side, subject, path, seen)
        if _doc(a.doc) != _doc(b.doc):
            self.add(subject, "description-changed", False, f"description of {noun} `{path}` changed", side=side, path=path, old=_doc(a.doc), new=_doc(b.doc))

    def type(self, a: ModelType, b: ModelType, side: str, subject: str, path: str, seen: frozenset[tuple[str, str]]) -> None:
        noun = "parameter" if side == REQUEST else "response key"
        if isinstance(a, StructRef) and isinstance(b, StructRef):
            self.struct(self.old.struct(a), self.new.struct(b), side, subject, path, seen)
            return
        if isinstance(a, EventStreamType) and isinstance(b, EventStreamType):
            self.struct(self.old.struct(a.events), self.new.struct(b.events), side, subject, path, seen)
            return
        if isinstance(a, ListType) and isinstance(b, ListType):
            self.type(a.item, b.item, side, subject, f"{path}[]", seen)
            return
        if isinstance(a, MapType) and isinstance(b, MapType):
            self.type(a.key, b.key, side, subject, f"{path}{{key}}", seen)
            self.type(a.value, b.value, side, subject, f"{path}{{}}", seen)
            return
        if isinstance(a, EnumRef) and isinstance(b, EnumRef):
            before, after = self.old.enum_values(a), self.new.enum_values(b)
            added = [v for v in after if v not in before]
            removed = [v for v in before if v not in after]
            for kind, values, breaking in (("enum-value-added", added, False), ("enum-value-removed", removed, True)):
                if values:
                    what = f"value{'s' * (len(values) > 1)} {', '.join(f'`{v!r}`' for v in values)} {kind.rpartition('-')[2]}"
                    listed = _values(values)
                    self.add(subject, kind, breaking, f"{noun} `{path}`: {what}", side=side, path=path, **({"new": listed} if not breaking else {"old": listed}))
            return
        if isinstance(a, ScalarType) and isinstance(b, ScalarType) and a.kind == b.kind:
            return
        old_text, new_text = self.old.show(a), self.new.show(b)
        old_short, new_short = self.old.show(a, short=True), self.new.show(b, short=True)
        # a parameter's new type must take every value the old one took; a
        # response key's new type must give only values the old one could give
        breaking = not (_accepts(b, self.new, a, self.old) if side == REQUEST else _accepts(a, self.old, b, self.new))
        self.add(subject, "type-changed", breaking, f"{noun} `{path}`: type `{old_short}` → `{new_short}`", side=side, path=path, old=old_text, new=new_text)

    # -- top level ----------------------------------------------------------------
    def signature_text(self, shape: StructShape) -> str:
        required = [m.name for m in shape.members if m.required]
        optional = [m.name for m in shape.members if not m.required]
        parts = []
        if required:
            parts.append("required: " + ", ".join(f"`{n}`" for n in required))
        if optional:
            parts.append("optional: " + ", ".join(f"`{n}`" for n in optional))
        return "; ".join(parts) or "no parameters"

    def run(self) -> list[Change]:
        a, b = self.old.service, self.new.service
        if a.name != b.name:
            self.add("service", "client-renamed", True, f"client class `{a.name}Client` is now `{b.name}Client`", old=a.name, new=b.name)
        if a.module_name and b.module_name and a.module_name != b.module_name:  # pages that do not name it: no change
            self.add("service", "package-renamed", True, f"package `{a.module_name}` is now `{b.module_name}`", old=a.module_name, new=b.module_name)
        if _doc(a.doc) != _doc(b.doc):
            self.add("service", "description-changed", False, "description of the service changed", old=_doc(a.doc), new=_doc(b.doc))
        self.operations()
        self.methods()
        self.paginators()
        self.waiters()
        self.exceptions()
        return self.changes

    def operations(self) -> None:
        old = {o.method_name: o for o in self.old.service.operations}
        new = {o.method_name: o for o in self.new.service.operations}
        for name in sorted(old.keys() - new.keys()):
            self.add(f"operation {name}", "operation-removed", True, "removed")
        for name in sorted(new.keys() - old.keys()):
            shape = self.new.struct(new[name].input)
            self.add(f"operation {name}", "operation-added", False, f"added ({self.signature_text(shape)})")
        for name in sorted(old.keys() & new.keys()):
            a, b = old[name], new[name]
            subject = f"operation {name}"
            self.struct(self.old.struct(a.input), self.new.struct(b.input), REQUEST, subject, "", frozenset())
            self.struct(self.old.struct(a.output), self.new.struct(b.output), RESPONSE, subject, "", frozenset())
            if a.exceptions and b.exceptions:  # one format may not list them at all
                for error in sorted(set(b.exceptions) - set(a.exceptions)):
                    self.add(subject, "operation-exception-added", False, f"may now raise `{error}`", new=error)
                for error in sorted(set(a.exceptions) - set(b.exceptions)):
                    self.add(subject, "operation-exception-removed", False, f"no longer documents `{error}`", old=error)
            if _doc(a.doc) != _doc(b.doc):
                self.add(subject, "description-changed", False, "description changed", old=_doc(a.doc), new=_doc(b.doc))

    def methods(self) -> None:
        old = dict(self.old.service.extra_methods)
        new = dict(self.new.service.extra_methods)
        for name in sorted(old.keys() - new.keys()):
            self.add(f"method {name}", "method-removed", True, "removed")
        for name in sorted(new.keys() - old.keys()):
            self.add(f"method {name}", "method-added", False, "added")
        for name in sorted(old.keys() & new.keys()):
            a = {p.name: p for p in old[name]}
            b = {p.name: p for p in new[name]}
            for param in sorted(a.keys() - b.keys()):
                self.add(f"method {name}", "parameter-removed", True, f"parameter `{param}` removed", side=REQUEST, path=param)
            for param in sorted(b.keys() - a.keys()):
                required = b[param].default is None
                self.add(f"method {name}", "parameter-added", required, f"parameter `{param}` added ({'required' if required else 'optional'})", side=REQUEST, path=param)

    def paginators(self) -> None:
        old = {p.method_name: p for p in self.old.service.paginators}
        new = {p.method_name: p for p in self.new.service.paginators}
        for name in sorted(old.keys() - new.keys()):
            self.add(f"paginator {name}", "paginator-removed", True, "removed")
        for name in sorted(new.keys() - old.keys()):
            self.add(f"paginator {name}", "paginator-added", False, "added")
        for name in sorted(old.keys() & new.keys()):
            a, b = old[name], new[name]
            self.struct(self.old.struct(a.input), self.new.struct(b.input), REQUEST, f"paginator {name}", "", frozenset())
            self.struct(self.old.struct(a.output), self.new.struct(b.output), RESPONSE, f"paginator {name}", "", frozenset())

    def waiters(self) -> None:
        old = {w.waiter_name: w for w in self.old.service.waiters}
        new = {w.waiter_name: w for w in self.new.service.waiters}
        for name in sorted(old.keys() - new.keys()):
            self.add(f"waiter {name}", "waiter-removed", True, "removed")
        for name in sorted(new.keys() - old.keys()):
            self.add(f"waiter {name}", "waiter-added", False, "added")
        for name in sorted(old.keys() & new.keys()):
            self.struct(self.old.struct(old[name].input), self.new.struct(new[name].input), REQUEST, f"waiter {name}", "", frozenset())

    def exceptions(self) -> None:
        old = {e.name: e for e in self.old.service.errors}
        new = {e.name: e for e in self.new.service.errors}
        for name in sorted(old.keys() - new.keys()):
            self.add(f"exception {name}", "exception-removed", True, "removed")
        for name in sorted(new.keys() - old.keys()):
            self.add(f"exception {name}", "exception-added", False, "added")
        for name in sorted(old.keys() & new.keys()):
            if _doc(old[name].doc) != _doc(new[name].doc):
                self.add(f"exception {name}", "description-changed", False, "description changed", old=_doc(old[name].doc), new=_doc(new[name].doc))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def diff_services(old: Sequence[Service], new: Sequence[Service]) -> list[Change]:
    """Every change from ``old`` to ``new`` (services matched by client id),
    description changes included, in report order."""
    before = {s.client_id: s for s in old}
    after = {s.client_id: s for s in new}
    changes: list[Change] = []
    for cid in sorted(before.keys() - after.keys()):
        changes.append(Change(cid, "service", "service-removed", True, f"service `{cid}` ({before[cid].name}) removed"))
    for cid in sorted(after.keys() - before.keys()):
        ops = len(after[cid].operations)
        changes.append(Change(cid, "service", "service-added", False, f"service `{cid}` ({after[cid].name}) added, {ops} operations"))
    for cid in sorted(before.keys() & after.keys()):
        changes += _Differ(_Side(before[cid]), _Side(after[cid]), cid).run()
    return sorted(set(changes), key=Change.sort_key)


@dataclass
class Report:
    old: list[str]
    new: list[str]
    #: client id → service class name (the newer one when both have it)
    names: dict[str, str]
    changes: list[Change]
    diagnostics: list[Diagnostic]

    def shown(self, docs: bool) -> list[Change]:
        return [c for c in self.changes if docs or not c.is_doc]

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)


def diff_paths(old: Sequence[Path], new: Sequence[Path]) -> Report:
    """Read both sides as ``generate`` would and compare them."""
    sides: list[list[Service]] = []
    diags: list[Diagnostic] = []
    for paths in (old, new):
        files, more = discover(paths)
        diags += more
        services, more = load(files)
        diags += more
        sides.append(services)
    names = {s.client_id: s.name for side in sides for s in side}
    return Report(
        old=[p.as_posix() for p in old],
        new=[p.as_posix() for p in new],
        names=names,
        changes=diff_services(sides[0], sides[1]),
        diagnostics=diags,
    )


# --------------------------------------------------------------------------- output


def _symbol(change: Change) -> str:
    if change.kind.endswith("-added"):
        return "+"
    if change.kind.endswith("-removed"):
        return "-"
    return "~"


def _counts(changes: Sequence[Change]) -> str:
    breaking = sum(1 for c in changes if c.breaking)
    return f"{len(changes)} change{'s' * (len(changes) != 1)}, {breaking} breaking"


def _by_service(report: Report, docs: bool) -> list[tuple[str, list[Change]]]:
    out: dict[str, list[Change]] = {}
    for change in report.shown(docs):
        out.setdefault(change.service, []).append(change)
    return sorted(out.items())


def _hidden_note(report: Report, docs: bool) -> str:
    hidden = len(report.changes) - len(report.shown(docs))
    return f" ({hidden} description change{'s' * (hidden != 1)} not shown; --docs shows them)" if hidden else ""


def format_text(report: Report, *, docs: bool = False) -> str:
    lines: list[str] = []
    for cid, changes in _by_service(report, docs):
        lines.append(f"{cid} ({report.names.get(cid, '?')}): {_counts(changes)}")
        for c in changes:
            subject = "" if c.subject == "service" else f"{c.subject}: "
            lines.append(f"  {_symbol(c)} {subject}{_plain(c.message)}{'  [BREAKING]' if c.breaking else ''}")
            if c.is_doc:
                lines.append(f"      was: {c.old}")
                lines.append(f"      now: {c.new}")
    shown = report.shown(docs)
    if not shown:
        lines.append("no changes")
    lines.append(f"total: {_counts(shown)}{_hidden_note(report, docs)}")
    return "\n".join(lines) + "\n"


def format_markdown(report: Report, *, docs: bool = False) -> str:
    lines = ["# API changes", ""]
    for cid, changes in _by_service(report, docs):
        lines += [f"## {report.names.get(cid, cid)} (`{cid}`)", ""]
        for title, group in (("Breaking changes", [c for c in changes if c.breaking]), ("Other changes", [c for c in changes if not c.breaking])):
            if not group:
                continue
            lines += [f"### {title}", ""]
            for c in group:
                what, _, name = c.subject.partition(" ")
                subject = "" if c.subject == "service" else f"{what} `{name}`: "
                lines.append(f"- {subject}{c.message}")
                if c.is_doc:
                    lines.append(f"  - was: {c.old}")
                    lines.append(f"  - now: {c.new}")
            lines.append("")
    if not report.shown(docs):
        lines += ["No changes.", ""]
    lines.append(f"_{_counts(report.shown(docs))}{_hidden_note(report, docs)}_")
    return "\n".join(lines) + "\n"


def format_json(report: Report, *, docs: bool = False) -> str:
    shown = report.shown(docs)
    data = {
        "format": 1,
        "old": report.old,
        "new": report.new,
        "summary": {
            "changes": len(shown),
            "breaking": sum(1 for c in shown if c.breaking),
            "hidden_description_changes": len(report.changes) - len(shown),
        },
        "services": [
            {
                "client_id": cid,
                "name": report.names.get(cid),
                "changes": [{k: v for k, v in asdict(c).items() if k != "service"} | {"message": _plain(c.message)} for c in changes],
            }
            for cid, changes in _by_service(report, docs)
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def format_report(report: Report, fmt: str, *, docs: bool = False) -> str:
    return {"text": format_text, "markdown": format_markdown, "json": format_json}[fmt](report, docs=docs)
