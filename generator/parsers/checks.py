"""The last gate between a document and the model: every name the renderer
will place in code is checked with ``generator.naming``.

Readers already take names from patterns that only match identifiers, so on
real documents this pass changes nothing. It exists for the documents that
are not real: a name that is not a plain ASCII identifier, a keyword used
as a method or exception name, a client id with quotes in it, the same
member listed twice, a literal without values. Each is repaired or dropped
with a diagnostic; nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from ..diagnostics import Diagnostic, Level
from ..model import (
    EnumRef,
    EventStreamType,
    ExtraParam,
    ListType,
    MapType,
    ModelType,
    ScalarKind,
    ScalarType,
    Service,
    ServiceError,
    SetType,
    SourceSpan,
    StructRef,
    StructShape,
    UnionType,
)
from ..naming import (
    is_client_id,
    is_error_name,
    is_method_name,
    is_module_name,
    is_parameter_name,
    is_service_name,
    is_type_name,
    type_name,
)

#: what ``ExtraParam.default`` may hold: the renderer places it as source
_DEFAULT_RE = re.compile(r"\.\.\.|None|True|False|-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")

T = TypeVar("T")


def _shown(text: str) -> str:
    """A name as a message shows it: repr, so hidden characters are seen."""
    return repr(text[:80])


class _Checker:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.diags: list[Diagnostic] = []

    def warn(self, span: SourceSpan, code: str, message: str, level: Level = Level.WARNING) -> None:
        if span.line <= 0 or span.path == "<unknown>":
            span = self.service.span
        self.diags.append(Diagnostic(span, level, code, message))

    def _unique(self, items: Iterable[T], key: Callable[[T], str], span: Callable[[T], SourceSpan], what: str, code: str) -> list[T]:
        seen: set[str] = set()
        out: list[T] = []
        for item in items:
            name = key(item)
            if name in seen:
                self.warn(span(item), code, f"{what} {_shown(name)} is listed twice; the first one is kept")
                continue
            seen.add(name)
            out.append(item)
        return out

    # -- the service ---------------------------------------------------------
    def run(self) -> tuple[Service | None, list[Diagnostic]]:
        s = self.service
        if s.client_id and not is_client_id(s.client_id):
            self.diags.append(
                Diagnostic(
                    s.span,
                    Level.ERROR,
                    "bad-client-id",
                    f"client id {_shown(s.client_id)} is not a botocore service name",
                    hint="a service name is lower-case letters, digits, '-' and '.' (chime-sdk-identity)",
                )
            )
            return None, self.diags
        if s.name and not is_service_name(s.name):
            fixed = type_name(s.name).lstrip("_") or "Service"
            if not is_service_name(fixed):
                fixed += "Service"  # Base → BaseService (BaseClient is botocore's)
            self.warn(s.span, "bad-name", f"service name {_shown(s.name)} cannot name the client class; using {fixed!r}")
            s = replace(s, name=fixed)
        if s.module_name is not None and not is_module_name(s.module_name):
            self.warn(s.span, "bad-name", f"package name {_shown(s.module_name)} is not a Python package name; ignored")
            s = replace(s, module_name=None)
        s = self._shapes(s)
        s = self._callables(s)
        return s, self.diags

    # -- structures and literals --------------------------------------------
    def _shapes(self, s: Service) -> Service:
        taken = {x.name for x in s.structs if is_type_name(x.name)}
        struct_names: dict[str, str] = {}
        structs: list[StructShape] = []
        for shape in self._unique(s.structs, lambda x: x.name, lambda x: x.span, "structure", "duplicate-definition"):
            if not is_type_name(shape.name):
                new = _claim(type_name(shape.name), taken)
                self.warn(shape.span, "bad-name", f"structure name {_shown(shape.name)} is not an identifier; renamed {new}")
                struct_names[shape.name] = new
                shape = replace(shape, name=new)
            structs.append(shape)
        taken = {x.name for x in s.enums if is_type_name(x.name)}
        enum_names: dict[str, str] = {}
        dropped: set[str] = set()
        enums = []
        for enum in self._unique(s.enums, lambda x: x.name, lambda x: x.span, "literal", "duplicate-definition"):
            values = tuple(dict.fromkeys(enum.values))
            if len(values) != len(enum.values):
                self.warn(enum.span, "duplicate-value", f"literal {enum.name}: a value is listed twice; kept once")
            if not values:
                self.warn(enum.span, "empty-literal", f"literal {_shown(enum.name)} has no values; typed as str")
                dropped.add(enum.name)
                continue
            if not is_type_name(enum.name):
                new = _claim(type_name(enum.name), taken)
                self.warn(enum.span, "bad-name", f"literal name {_shown(enum.name)} is not an identifier; renamed {new}")
                enum_names[enum.name] = new
                enum = replace(enum, name=new)
            enums.append(replace(enum, values=values))

        def fix(t: ModelType) -> ModelType:
            if isinstance(t, StructRef):
                return StructRef(struct_names.get(t.name, t.name))
            if isinstance(t, EnumRef):
                if t.name in dropped:
                    return ScalarType(ScalarKind.STRING)
                return EnumRef(enum_names.get(t.name, t.name))
            if isinstance(t, ListType):
                return ListType(fix(t.item))
            if isinstance(t, MapType):
                return MapType(fix(t.key), fix(t.value))
            if isinstance(t, SetType):
                return SetType(fix(t.item))
            if isinstance(t, UnionType):
                return UnionType(tuple(fix(m) for m in t.members))
            if isinstance(t, EventStreamType):
                return EventStreamType(StructRef(struct_names.get(t.events.name, t.events.name)))
            return t

        def ref(r: StructRef | None) -> StructRef | None:
            return None if r is None else StructRef(struct_names.get(r.name, r.name))

        renaming = bool(struct_names or enum_names or dropped)
        inputs = [*(o.input for o in s.operations), *(p.input for p in s.paginators), *(w.input for w in s.waiters)]
        requests = {struct_names.get(r.name, r.name) for r in inputs if r is not None}
        out_structs = []
        for shape in structs:
            members = self._unique(
                shape.members, lambda m: m.name, lambda m: m.span, f"{shape.name}: member", "duplicate-member"
            )
            if shape.name in requests and any(m.name == "self" for m in members):
                # botocore's methods take ``self`` first: no call can pass it
                self.warn(shape.span, "bad-name", f"{shape.name}: parameter 'self' cannot be passed to a client method; dropped")
                members = [m for m in members if m.name != "self"]
            if renaming:
                members = [replace(m, type=fix(m.type)) for m in members]
            if renaming or len(members) != len(shape.members):
                shape = replace(shape, members=tuple(members))
            out_structs.append(shape)
        s = replace(s, structs=tuple(out_structs), enums=tuple(enums))
        if renaming and (s.extra_methods or s.extra_returns):
            s = replace(
                s,
                extra_methods=tuple(
                    (name, tuple(p if p.annotation is None else replace(p, annotation=fix(p.annotation)) for p in params))
                    for name, params in s.extra_methods
                ),
                extra_returns=tuple((name, fix(t)) for name, t in s.extra_returns),
            )
        if struct_names:
            s = replace(
                s,
                operations=tuple(replace(o, input=ref(o.input), output=ref(o.output)) for o in s.operations),
                paginators=tuple(replace(p, input=ref(p.input), output=ref(p.output)) for p in s.paginators),
                waiters=tuple(replace(w, input=ref(w.input)) for w in s.waiters),
                errors=tuple(replace(e, shape=ref(e.shape)) for e in s.errors),
            )
        empty = {shape.name for shape in out_structs if not shape.members}
        if empty & requests:
            # a request this document defines without a single parameter:
            # the method takes none (``def op(self)``, not ``def op(self, *)``)
            def no_empty(r: StructRef | None) -> StructRef | None:
                return None if r is not None and r.name in empty else r

            s = replace(
                s,
                operations=tuple(replace(o, input=no_empty(o.input)) for o in s.operations),
                paginators=tuple(replace(p, input=no_empty(p.input)) for p in s.paginators),
                waiters=tuple(replace(w, input=no_empty(w.input)) for w in s.waiters),
            )
        return s

    # -- methods, paginators, waiters, exceptions -----------------------------
    def _callables(self, s: Service) -> Service:
        operations = []
        for op in self._unique(s.operations, lambda o: o.method_name, lambda o: o.span, "method", "duplicate-method"):
            if not is_method_name(op.method_name):
                self.warn(op.span, "bad-name", f"method name {_shown(op.method_name)} cannot be a client method; skipped")
                continue
            raised = tuple(e for e in op.exceptions if is_error_name(e))
            operations.append(op if len(raised) == len(op.exceptions) else replace(op, exceptions=raised))
        methods = {o.method_name for o in operations}
        extra: list[tuple[str, tuple[ExtraParam, ...]]] = []
        for name, params in self._unique(s.extra_methods, lambda x: x[0], lambda _: s.span, "method", "duplicate-method"):
            if not is_method_name(name) or name in methods:
                self.warn(s.span, "bad-name", f"method name {_shown(name)} cannot be a client method; skipped")
                continue
            extra.append((name, self._params(name, params)))
        paginators = []
        for pag in self._unique(s.paginators, lambda p: p.name, lambda p: p.span, "paginator", "duplicate-paginator"):
            if not is_type_name(pag.name):
                self.warn(pag.span, "bad-name", f"paginator name {_shown(pag.name)} is not an identifier; skipped")
                continue
            paginators.append(pag)
        waiters = []
        for waiter in self._unique(s.waiters, lambda w: w.name, lambda w: w.span, "waiter", "duplicate-waiter"):
            if not is_type_name(waiter.name):
                self.warn(waiter.span, "bad-name", f"waiter name {_shown(waiter.name)} is not an identifier; skipped")
                continue
            waiters.append(waiter)
        errors: list[ServiceError] = []
        for err in s.errors:
            if not is_error_name(err.name):
                self.warn(err.span, "bad-name", f"exception name {_shown(err.name)} cannot be an exception class; skipped")
                continue
            errors.append(err)
        return replace(
            s,
            operations=tuple(operations),
            extra_methods=tuple(extra),
            paginators=tuple(paginators),
            waiters=tuple(waiters),
            errors=tuple(self._unique(errors, lambda e: e.name, lambda e: e.span, "exception", "duplicate-definition")),
        )

    def _params(self, method: str, params: tuple[ExtraParam, ...]) -> tuple[ExtraParam, ...]:
        out: list[ExtraParam] = []
        seen: set[str] = set()
        for p in params:
            if not is_parameter_name(p.name) or p.name in seen:
                self.warn(self.service.span, "bad-name", f"{method}: parameter {_shown(p.name)} is not a usable parameter name; skipped")
                continue
            seen.add(p.name)
            if p.default is not None and _DEFAULT_RE.fullmatch(p.default) is None:
                p = replace(p, default="...")
            if out and out[-1].default is not None and p.default is None:
                p = replace(p, default="...")  # a required parameter after an optional one is not Python
            out.append(p)
        return tuple(out)


def _claim(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def check_service(service: Service) -> tuple[Service | None, list[Diagnostic]]:
    """``service`` with every name fit for code, and what was changed.
    ``None`` when the document cannot be used at all (an impossible client id)."""
    return _Checker(service).run()

