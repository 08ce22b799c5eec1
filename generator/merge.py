"""Several documents of one service → one model.

The rules (see docs/merging.md):

1. Documents of one family combine first: reference pages (text, HTML) with
   each other, markdown pages (client, type_defs, literals, paginators,
   waiters; newer format before older) with each other. Within a family the
   first document (in path order) wins a disagreement.
2. Markdown gives names: reference-page structures are paired with
   markdown ones through the operations that use them (request with
   request, response with response, member with member) and take the
   markdown name.
3. Reference pages give structure: members only one side knows are kept;
   when both know a member, the reference page's type wins if the two
   disagree in kind, the markdown's name wins when both are named types,
   the markdown's required flag wins (it comes from the service model; the
   reference pages do not state it for responses), descriptions come from
   the reference page.
4. An operation, exception, paginator or waiter in one document only is
   kept.
5. Every disagreement is a ``merge-conflict`` warning naming both places.
6. A name no document defines becomes a permissive type (``Mapping[str,
   Any]`` / ``dict[str, Any]`` for a structure, ``str`` for a literal) with an
   ``unresolved-name`` warning saying which page is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .diagnostics import Diagnostic, Level
from .model import (
    EnumRef,
    EnumShape,
    EventStreamType,
    ListType,
    MapType,
    Member,
    ModelType,
    Operation,
    Paginator,
    ScalarKind,
    ScalarType,
    Service,
    ServiceError,
    SetType,
    SourceSpan,
    StructRef,
    StructShape,
    UnionType,
    Waiter,
    union_of,
)

REFERENCE = ("reference-text", "reference-html")
FAMILY_ORDER = {"markdown-new": 0, "markdown-old": 1, "reference-html": 0, "reference-text": 1}
PERMISSIVE = MapType(ScalarType(ScalarKind.STRING), ScalarType(ScalarKind.ANY))


def _warn(diags: list[Diagnostic], span: SourceSpan, message: str, code: str = "merge-conflict") -> None:
    diags.append(Diagnostic(span, Level.WARNING, code, message))


def _kind(t: ModelType) -> str:
    if isinstance(t, ScalarType):
        return "any" if t.kind is ScalarKind.ANY else t.kind.value
    return type(t).__name__


def _rename(t: ModelType, structs: dict[str, str], enums: dict[str, str]) -> ModelType:
    if isinstance(t, StructRef):
        return StructRef(structs.get(t.name, t.name))
    if isinstance(t, EnumRef):
        return EnumRef(enums.get(t.name, t.name))
    if isinstance(t, ListType):
        return ListType(_rename(t.item, structs, enums))
    if isinstance(t, MapType):
        return MapType(_rename(t.key, structs, enums), _rename(t.value, structs, enums))
    if isinstance(t, SetType):
        return SetType(_rename(t.item, structs, enums))
    if isinstance(t, UnionType):
        return UnionType(tuple(_rename(m, structs, enums) for m in t.members))
    if isinstance(t, EventStreamType):
        return EventStreamType(StructRef(structs.get(t.events.name, t.events.name)))
    return t


def _widens(a: ModelType, b: ModelType) -> bool:
    """``a`` is a union with a member of ``b``'s kind (the markdown's
    ``str | bytes`` against a reference page's ``str``)."""
    return isinstance(a, UnionType) and not isinstance(b, UnionType) and any(_kind(m) == _kind(b) for m in a.members)


class _Combiner:
    """Combines services, the first one (``primary``) winning conflicts of
    names, the ``structure`` one winning conflicts of type kinds."""

    def __init__(self, diags: list[Diagnostic]) -> None:
        self.diags = diags

    # -- members ---------------------------------------------------------------
    def member(self, a: Member, b: Member, owner: str, structure_first: bool) -> Member:
        """``a`` from the name-giving side, ``b`` from the other."""
        t = a.type
        ka, kb = _kind(a.type), _kind(b.type)
        if ka == "any" and kb != "any":
            t = b.type
        elif _widens(a.type, b.type) or _widens(b.type, a.type):
            t = a.type if isinstance(a.type, UnionType) else b.type
        elif ka != kb and kb != "any":
            if structure_first:
                t = b.type
            self._conflict(a, b, f"{owner}.{a.name}: type {ka} here, {kb} there; kept {_kind(t)}")
        elif isinstance(a.type, ListType | MapType) and isinstance(b.type, ListType | MapType):
            t = self._nested(a.type, b.type)
        required = a.required
        if a.required != b.required and not structure_first:
            self._conflict(a, b, f"{owner}.{a.name}: required here, not there (or the reverse); kept {required}")
        doc = b.doc if structure_first and b.doc else (a.doc or b.doc)
        return replace(a, type=t, required=required, doc=doc)

    def _nested(self, a: ModelType, b: ModelType) -> ModelType:
        if isinstance(a, ListType) and isinstance(b, ListType):
            return ListType(self._nested(a.item, b.item))
        if isinstance(a, MapType) and isinstance(b, MapType):
            return MapType(self._nested(a.key, b.key), self._nested(a.value, b.value))
        if _kind(a) == "any":
            return b
        return a

    def _conflict(self, a: Member, b: Member, message: str) -> None:
        self.diags.append(Diagnostic(a.span, Level.WARNING, "merge-conflict", f"{message} (other document: {b.span})"))

    def struct(self, a: StructShape, b: StructShape, structure_first: bool) -> StructShape:
        theirs = {m.name: m for m in b.members}
        members = []
        for m in a.members:
            members.append(self.member(m, theirs.pop(m.name), a.name, structure_first) if m.name in theirs else m)
        members += theirs.values()
        return replace(a, members=tuple(members), doc=a.doc or b.doc, union=a.union or b.union, shared=a.shared or b.shared)

    def enum(self, a: EnumShape, b: EnumShape) -> EnumShape:
        if set(a.values) != set(b.values):
            self.diags.append(
                Diagnostic(a.span, Level.WARNING, "merge-conflict", f"literal {a.name}: values differ from {b.span}; kept these {len(a.values)}")
            )
        return a


def _union_by_name(primary: Iterable[object], secondary: Iterable[object], key: str) -> list[object]:
    seen = {getattr(x, key) for x in primary}
    return [*primary, *(x for x in secondary if getattr(x, key) not in seen)]


def combine_family(services: Sequence[Service], diags: list[Diagnostic]) -> Service:
    """Documents of one family: same names mean the same thing."""
    combiner = _Combiner(diags)
    result = services[0]
    for other in services[1:]:
        structs = {s.name: s for s in result.structs}
        for shape in other.structs:
            structs[shape.name] = combiner.struct(structs[shape.name], shape, False) if shape.name in structs else shape
        enums = {e.name: e for e in result.enums}
        for e in other.enums:
            enums[e.name] = combiner.enum(enums[e.name], e) if e.name in enums else e
        ops = {o.method_name: o for o in result.operations}
        for op in other.operations:
            if op.method_name in ops:
                mine = ops[op.method_name]
                ops[op.method_name] = replace(
                    mine,
                    input=mine.input or op.input,
                    output=mine.output or op.output,
                    returns_none=mine.returns_none or op.returns_none,
                    exceptions=tuple(dict.fromkeys(mine.exceptions + op.exceptions)),
                    doc=mine.doc or op.doc,
                )
            else:
                ops[op.method_name] = op
        paginators = {p.name: p for p in result.paginators}
        for p in other.paginators:
            mine_p = paginators.get(p.name)
            paginators[p.name] = replace(mine_p, input=mine_p.input or p.input, output=mine_p.output or p.output) if mine_p else p
        waiters = {w.name: w for w in result.waiters}
        for w in other.waiters:
            mine_w = waiters.get(w.name)
            waiters[w.name] = replace(mine_w, input=mine_w.input or w.input) if mine_w else w
        result = replace(
            result,
            name=result.name or other.name,
            module_name=result.module_name or other.module_name,
            doc=result.doc or other.doc,
            structs=tuple(structs.values()),
            enums=tuple(enums.values()),
            operations=tuple(ops.values()),
            errors=tuple(_union_by_name(result.errors, other.errors, "name")),  # type: ignore[arg-type]
            paginators=tuple(paginators.values()),
            waiters=tuple(waiters.values()),
            extra_methods=tuple(sorted((dict(other.extra_methods) | dict(result.extra_methods)).items())),
            extra_returns=tuple(sorted((dict(other.extra_returns) | dict(result.extra_returns)).items(), key=lambda kv: kv[0])),
            aliases=tuple(sorted((dict(other.aliases) | dict(result.aliases)).items(), key=lambda kv: kv[0])),
            sources=result.sources + other.sources,
            _struct_index={},
        )
    return result


class _Pairing:
    """Finds which markdown name each reference-page shape carries."""

    def __init__(self, names: Service, shapes: Service) -> None:
        self.names = names
        self.shapes = shapes
        self.struct: dict[str, str] = {}  # reference name -> markdown name
        self.enum: dict[str, str] = {}
        self.md_struct: dict[str, str] = {}  # markdown name -> reference name

    def pair(self, md: ModelType | None, ref: ModelType | None) -> None:
        if md is None or ref is None:
            return
        if isinstance(md, StructRef) and isinstance(ref, StructRef):
            if md.name in self.md_struct:
                return
            self.md_struct[md.name] = ref.name
            self.struct.setdefault(ref.name, md.name)
            if self.names.has_struct(md.name) and self.shapes.has_struct(ref.name):
                theirs = {m.name: m for m in self.shapes.struct(ref.name).members}
                for m in self.names.struct(md.name).members:
                    if m.name in theirs:
                        self.pair(m.type, theirs[m.name].type)
        elif isinstance(md, EnumRef) and isinstance(ref, EnumRef):
            self.enum.setdefault(ref.name, md.name)
        elif isinstance(md, ListType) and isinstance(ref, ListType):
            self.pair(md.item, ref.item)
        elif isinstance(md, MapType) and isinstance(ref, MapType):
            self.pair(md.key, ref.key)
            self.pair(md.value, ref.value)
        elif isinstance(md, UnionType) and _widens(md, ref):
            self.pair(next(m for m in md.members if _kind(m) == _kind(ref)), ref)


def _final_names(names: Iterable[str], paired: dict[str, str], taken: set[str]) -> dict[str, str]:
    """Paired names map to the markdown name; the rest keep theirs, numbered
    when the markdown already uses it."""
    final = dict(paired)
    taken = set(taken)
    for original in names:
        if original in final:
            continue
        name, n = original, 2
        while name in taken:
            name, n = f"{original}{n}", n + 1
        final[original] = name
        taken.add(name)
    return final


def combine_names_and_shapes(names: Service, shapes: Service, diags: list[Diagnostic]) -> Service:
    """Markdown (``names``) + reference pages (``shapes``)."""
    pairing = _Pairing(names, shapes)
    ref_ops = {o.method_name: o for o in shapes.operations}
    for op in names.operations:
        if op.method_name in ref_ops:
            pairing.pair(op.input, ref_ops[op.method_name].input)
            pairing.pair(op.output, ref_ops[op.method_name].output)
    ref_pags = {p.name: p for p in shapes.paginators}
    for p in names.paginators:
        if p.name in ref_pags:
            pairing.pair(p.input, ref_pags[p.name].input)
            pairing.pair(p.output, ref_pags[p.name].output)
    ref_waiters = {w.name: w for w in shapes.waiters}
    for w in names.waiters:
        if w.name in ref_waiters:
            pairing.pair(w.input, ref_waiters[w.name].input)
    # reference-only shapes keep their synthesised names unless taken
    struct_names = _final_names(
        [s.name for s in shapes.structs], pairing.struct, {s.name for s in names.structs} | set(pairing.md_struct)
    )
    enum_names = _final_names(
        [e.name for e in shapes.enums], pairing.enum, {e.name for e in names.enums} | set(pairing.enum.values())
    )

    def renamed(shape: StructShape) -> StructShape:
        members = tuple(replace(m, type=_rename(m.type, struct_names, enum_names)) for m in shape.members)
        return replace(shape, members=members)

    combiner = _Combiner(diags)
    ref_structs = {s.name: renamed(s) for s in shapes.structs}
    structs: dict[str, StructShape] = {}
    for shape in names.structs:
        ref_name = pairing.md_struct.get(shape.name)
        other = ref_structs.get(ref_name) if ref_name else None
        structs[shape.name] = combiner.struct(shape, other, True) if other else shape
    for md_name, ref_name in pairing.md_struct.items():
        if md_name not in structs and ref_name in ref_structs:
            structs[md_name] = replace(ref_structs[ref_name], name=md_name)
    for ref_name, shape in ref_structs.items():
        final = struct_names[ref_name]
        if final not in structs:
            structs[final] = replace(shape, name=final)
    enums: dict[str, EnumShape] = {e.name: e for e in names.enums}
    for e in shapes.enums:
        final = enum_names[e.name]
        enums[final] = combiner.enum(replace(e, name=final), enums[final]) if final in enums else replace(e, name=final)

    operations: list[Operation] = []
    md_ops = {o.method_name: o for o in names.operations}
    for op in names.operations:
        ref = ref_ops.get(op.method_name)
        if ref is None:
            operations.append(op)
            continue
        operations.append(
            replace(
                op,
                name=ref.name if ref.name and op.name == "" else op.name,
                doc=ref.doc or op.doc,
                input=op.input or (StructRef(struct_names[ref.input.name]) if ref.input else None),
                output=op.output or (StructRef(struct_names[ref.output.name]) if ref.output else None),
                exceptions=tuple(dict.fromkeys(ref.exceptions + op.exceptions)),
            )
        )
    for ref in shapes.operations:
        if ref.method_name not in md_ops:
            operations.append(
                replace(
                    ref,
                    input=StructRef(struct_names[ref.input.name]) if ref.input else None,
                    output=StructRef(struct_names[ref.output.name]) if ref.output else None,
                )
            )
    def fix(ref: StructRef | None) -> StructRef | None:
        return StructRef(struct_names[ref.name]) if ref else None

    paginators: list[Paginator] = list(names.paginators)
    have = {p.name for p in paginators}
    paginators += [replace(p, input=fix(p.input), output=fix(p.output)) for p in shapes.paginators if p.name not in have]
    paginators = [
        replace(p, input=p.input or (fix(ref_pags[p.name].input) if p.name in ref_pags else None), output=p.output or (fix(ref_pags[p.name].output) if p.name in ref_pags else None))
        for p in paginators
    ]
    waiters: list[Waiter] = list(names.waiters)
    have = {w.name for w in waiters}
    waiters += [replace(w, input=fix(w.input)) for w in shapes.waiters if w.name not in have]
    errors: dict[str, ServiceError] = {err.name: err for err in shapes.errors}
    for err in names.errors:
        errors.setdefault(err.name, err)
    return Service(
        name=names.name or shapes.name,
        client_id=names.client_id or shapes.client_id,
        doc=shapes.doc or names.doc,
        module_name=names.module_name,
        operations=tuple(sorted(operations, key=lambda o: o.method_name)),
        structs=tuple(structs.values()),
        enums=tuple(enums.values()),
        errors=tuple(sorted(errors.values(), key=lambda e: e.name)),
        paginators=tuple(paginators),
        waiters=tuple(waiters),
        extra_methods=tuple(sorted(dict(shapes.extra_methods + names.extra_methods).items())),
        extra_returns=tuple(sorted(dict(shapes.extra_returns + names.extra_returns).items(), key=lambda kv: kv[0])),
        aliases=tuple(sorted(dict(shapes.aliases + names.aliases).items(), key=lambda kv: kv[0])),
        sources=names.sources + shapes.sources,
        origin="merged",
        span=names.span,
    )


def resolve_dangling(service: Service, diags: list[Diagnostic]) -> Service:
    """Replace references no document defines by permissive types."""
    structs = {s.name for s in service.structs}
    enums = {e.name for e in service.enums}
    reported: set[str] = set()

    aliases = dict(service.aliases)
    expanding: set[str] = set()

    def fix(t: ModelType, span: SourceSpan) -> ModelType:
        if isinstance(t, StructRef) and t.name not in structs and t.name in aliases and t.name not in expanding:
            # a name another page defines for a type (a union, say)
            expanding.add(t.name)
            try:
                return fix(aliases[t.name], span)
            finally:
                expanding.discard(t.name)
        if isinstance(t, StructRef) and t.name not in structs:
            if t.name not in reported:
                reported.add(t.name)
                _warn(diags, span, f"{t.name}TypeDef is named but no document defines it (type_defs.md missing?); typed as a plain mapping", "unresolved-name")
            return PERMISSIVE
        if isinstance(t, EnumRef) and t.name not in enums:
            if t.name not in reported:
                reported.add(t.name)
                _warn(diags, span, f"{t.name}Type is named but no document defines it (literals.md missing?); typed as str", "unresolved-name")
            return ScalarType(ScalarKind.STRING)
        if isinstance(t, ListType):
            return ListType(fix(t.item, span))
        if isinstance(t, MapType):
            return MapType(fix(t.key, span), fix(t.value, span))
        if isinstance(t, SetType):
            return SetType(fix(t.item, span))
        if isinstance(t, UnionType):
            return union_of(fix(m, span) for m in t.members)
        return t

    new_structs = tuple(
        replace(s, members=tuple(replace(m, type=fix(m.type, m.span)) for m in s.members)) for s in service.structs
    )

    def top(ref: StructRef | None, span: SourceSpan, what: str) -> StructRef | None:
        if ref is None or ref.name in structs:
            return ref
        if ref.name not in reported:
            reported.add(ref.name)
            _warn(diags, span, f"{ref.name}TypeDef ({what}) is named but no document defines it (type_defs.md missing?); typed as a plain mapping", "unresolved-name")
        return None

    ops = tuple(replace(o, input=top(o.input, o.span, "request"), output=top(o.output, o.span, "response")) for o in service.operations)
    pags = tuple(replace(p, input=top(p.input, p.span, "paginator request"), output=top(p.output, p.span, "paginator response")) for p in service.paginators)
    waiters = tuple(replace(w, input=top(w.input, w.span, "waiter request")) for w in service.waiters)
    extra = tuple(
        (name, tuple(p if p.annotation is None else replace(p, annotation=fix(p.annotation, service.span)) for p in params))
        for name, params in service.extra_methods
    )
    returns = tuple((name, fix(t, service.span)) for name, t in service.extra_returns)
    return replace(
        service,
        structs=new_structs,
        operations=ops,
        paginators=pags,
        waiters=waiters,
        extra_methods=extra,
        extra_returns=returns,
        _struct_index={},
    )


def merge(services: Sequence[Service]) -> tuple[Service, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    ordered = sorted(services, key=lambda s: (FAMILY_ORDER.get(s.origin, 9), s.sources))
    refs = [s for s in ordered if s.origin in REFERENCE]
    mds = [s for s in ordered if s.origin not in REFERENCE]
    ref: Service | None = combine_family(refs, diags) if refs else None
    md: Service | None = combine_family(mds, diags) if mds else None
    merged: Service
    if ref and md:
        merged = combine_names_and_shapes(md, ref, diags)
    elif ref or md:
        merged = ref or md  # type: ignore[assignment]
    else:
        raise ValueError("merge() needs at least one service")
    return resolve_dangling(merged, diags), diags
