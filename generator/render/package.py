"""model.Service → the files of one stub package (path → text).

Each output file has one template; this module prepares the values the
templates place (rendered annotation strings, escaped docstrings) and the
imports each file needs, collected from the annotations it actually used.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .. import __version__
from ..model import Member, ModelType, Service, StructRef, StructShape
from ..naming import SHADOWING, is_identifier
from . import types as t
from .annotate import BLOB_ALIAS, INPUT, OUTPUT, TIMESTAMP_ALIAS, Names, annotate, assign_names, sides
from .format import format_source
from .imports import render_imports
from .templates import Templates
from .text import docstring_body, first_sentence
from .types import Import, LiteralType, Name, Subscript, TypeAnnotation, quote

KWARGS_STYLES = ("keyword", "unpack")


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    #: ``keyword``: ``def op(self, *, A: str, B: int = ...)``;
    #: ``unpack``: ``def op(self, **kwargs: Unpack[OpRequestTypeDef])``
    kwargs_style: str = "keyword"
    module_name: str | None = None


@dataclass(slots=True)
class _Module:
    """Collects the imports a module's rendered annotations need."""

    name: str
    imports: set[Import] = field(default_factory=set)

    def use(self, annotation: TypeAnnotation) -> str:
        self.imports |= annotation.imports()
        return annotation.render()

    def add(self, *imports: Import) -> None:
        self.imports.update(imports)

    def import_block(self, *, runtime: bool = False) -> str:
        return render_imports(self.imports, skip_module=f".{self.name}", runtime=runtime)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    annotation: str
    required: bool
    #: the annotation without ``NotRequired[...]``
    inner: str = ""


@dataclass(frozen=True, slots=True)
class TypedDictDef:
    name: str
    fields: tuple[Field, ...]
    functional: bool
    doc: str


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    params: tuple[str, ...]  # rendered "Name: type" / "Name: type = ..." / "**kwargs: ..."
    returns: str
    doc: str
    keyword_only: bool


def module_name_for(service: Service, options: Options) -> str:
    if options.module_name:
        return options.module_name
    if service.module_name:
        return service.module_name
    return "types_boto3_" + re.sub(r"[^a-z0-9]+", "_", service.client_id.lower()).strip("_")


def distribution_name(module: str) -> str:
    return module.replace("_", "-")


def package_version(digest: str) -> str:
    """``<stubwright version>+docs.<digest of the stubs>``: a PEP 440 local
    version, so equal versions mean the same API. (No document the readers
    take states the botocore version or API date it describes; when one
    does, that belongs in the public part.)"""
    return f"{__version__}+docs.{digest}"


def _doc(text: str) -> str:
    return docstring_body(first_sentence(text)) if text else ""


def _ordered(members: tuple[Member, ...]) -> list[Member]:
    """Required keys first, as the published stubs order them."""
    return [m for m in members if m.required] + [m for m in members if not m.required]


_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _sort_defs(defs: list[TypedDictDef]) -> list[TypedDictDef]:
    """Dependencies before dependants (alphabetical among equals) so the
    runtime twin can evaluate functional TypedDicts top to bottom."""
    by_name = {d.name: d for d in defs}
    deps = {d.name: {n for f in d.fields for n in _NAME_RE.findall(f.annotation)} for d in defs}
    done: set[str] = set()
    out: list[TypedDictDef] = []

    def visit(name: str, stack: set[str]) -> None:
        if name in done or name in stack or name not in by_name:
            return
        stack.add(name)
        for dep in sorted(deps[name]):
            visit(dep, stack)
        stack.discard(name)
        done.add(name)
        out.append(by_name[name])

    for name in sorted(by_name):
        visit(name, set())
    return out


#: typing names the runtime twin takes from ``typing`` from 3.11 on (the
#: stubs keep types-boto3's 3.12, which matters only to type checkers)
_RUNTIME_SINCE = {("typing", "TypedDict"): (3, 11), ("typing", "NotRequired"): (3, 11)}


def _runtime_import(imp: Import) -> Import:
    since = _RUNTIME_SINCE.get((imp.module, imp.name))
    if since is None or imp.since is None:
        return imp
    return Import(imp.module, imp.name, since, imp.alias)


#: classes the stubs subscript that are not generic at run time (botocore's
#: EventStream): the runtime twin quotes annotations that subscript them
_RUNTIME_UNSUBSCRIPTABLE_RE = re.compile(r"\bEventStream\[")


def _runtime_defs(defs: list[TypedDictDef]) -> list[TypedDictDef]:
    """The TypedDicts of the runtime twin: a field that names a TypedDict
    defined later (or its own, for recursive shapes) quotes that part,
    keeping ``NotRequired`` outside the quotes so it is still seen."""
    names = {d.name for d in defs}
    defined: set[str] = set()
    out = []
    for d in defs:
        fields = []
        for f in d.fields:
            inner = f.inner or f.annotation
            later = any(n in names and n not in defined for n in _NAME_RE.findall(inner))
            if later or _RUNTIME_UNSUBSCRIPTABLE_RE.search(inner):
                quoted = quote(inner)
                f = Field(f.name, quoted if f.required else f"NotRequired[{quoted}]", f.required, quoted)
            fields.append(f)
        out.append(TypedDictDef(name=d.name, fields=tuple(fields), functional=d.functional, doc=d.doc))
        defined.add(d.name)
    return out


class PackageRenderer:
    def __init__(self, service: Service, options: Options, templates: Templates) -> None:
        self.service = service
        self.options = options
        self.templates = templates
        self.module = module_name_for(service, options)
        self.names: Names = assign_names(service, self.module)
        self.inputs, self.outputs = sides(service)
        self.client_class = f"{service.name}Client"
        self.literal_names: list[str] = []  # set by literals()
        self.version = ""  # set by files()
        #: every import of the stub modules rendered so far
        self.stub_imports: set[Import] = set()
        self.common = {
            "module": self.module,
            "service": service.name,
            "client_id": service.client_id,
            "client_class": self.client_class,
            "service_doc": _doc(service.doc),
        }

    # -- shared -------------------------------------------------------------
    def _struct_ann(self, ref: StructRef, side: str, here: str) -> TypeAnnotation:
        return annotate(ref, side, self.names, here)

    def _op_method(self, name: str, input_ref: StructRef | None, returns: TypeAnnotation, doc: str, mod: _Module) -> Method:
        params: list[str] = []
        if input_ref is not None and self.service.struct(input_ref).members:
            shape = self.service.struct(input_ref)
            use_keyword = self.options.kwargs_style == "keyword" and all(
                is_identifier(m.name) and m.name != "self" for m in shape.members
            )
            if use_keyword:
                for member in _ordered(shape.members):
                    rendered = mod.use(annotate(member.type, INPUT, self.names, mod.name))
                    params.append(f"{member.name}: {rendered}" + ("" if member.required else " = ..."))
            else:
                unpack = Subscript(t.UNPACK, (self._struct_ann(input_ref, INPUT, mod.name),))
                params.append(f"**kwargs: {mod.use(unpack)}")
        # no parameters: `def op(self)`, never the invalid `def op(self, *)`
        keyword_only = bool(params) and not params[0].startswith("**")
        return Method(name=name, params=tuple(params), returns=mod.use(returns), doc=_doc(doc), keyword_only=keyword_only)

    def _response(self, ref: StructRef | None, here: str, returns_none: bool = False) -> TypeAnnotation:
        if returns_none:
            return t.NONE
        if ref is None:
            return Name("EmptyResponseMetadataTypeDef", Import(".type_defs", "EmptyResponseMetadataTypeDef"))
        # a response structure without members renders as ``dict[str, Any]``
        return self._struct_ann(ref, OUTPUT, here)

    def _extra_ann(self, mt: ModelType | None) -> TypeAnnotation:
        return t.ANY if mt is None else annotate(mt, OUTPUT, self.names, "client")

    def _render(
        self,
        template: str,
        mod: _Module,
        runtime: _Module | None = None,
        twin_context: dict[str, object] | None = None,
        **context: object,
    ) -> tuple[str, dict[str, object], dict[str, object]]:
        """Template name and the contexts of the stub and of its runtime
        twin (which differ in imports when ``runtime`` is given, and in the
        values of ``twin_context``)."""
        self.stub_imports |= mod.imports
        stub = {"imports": mod.import_block(), **self.common, **context, "runtime": False}
        twin = {**stub, **(twin_context or {}), "runtime": True}
        twin["imports"] = (runtime or mod).import_block(runtime=True)
        return template, stub, twin

    # -- modules ------------------------------------------------------------
    def literals(self) -> tuple[str, dict[str, object], dict[str, object]]:
        mod = _Module("literals")
        service = self.service
        literals = [(self.names.enum[e.name], mod.use(LiteralType(e.values))) for e in service.enums]
        literals.sort()
        literals.append((f"{service.name}ServiceName", mod.use(LiteralType((service.client_id,)))))
        if service.paginators:
            literals.append(("PaginatorName", mod.use(LiteralType(tuple(p.method_name for p in service.paginators)))))
        if service.waiters:
            literals.append(("WaiterName", mod.use(LiteralType(tuple(w.waiter_name for w in service.waiters)))))
        self.literal_names = [name for name, _ in literals]
        return self._render("literals.pyi.jinja", mod, literals=literals)

    def type_defs(self) -> tuple[str, dict[str, object], dict[str, object]]:
        mod = _Module("type_defs")
        service = self.service
        # what a call returns (an operation's response, a paginator's page:
        # the builder gives its own XResponsePaginatorTypeDef the key too)
        outputs = [op.output for op in service.operations] + [pag.output for pag in service.paginators]
        responses = {ref.name for ref in outputs if ref is not None}
        defs: list[TypedDictDef] = []
        for shape in service.structs:
            if shape.name in self.names.empty:
                continue  # rendered as ``dict[str, Any]`` where used
            primary = self.names.struct_input[shape.name]
            side = INPUT if shape.name in self.inputs or shape.name not in self.outputs else OUTPUT
            variants = [(primary, side)]
            if self.names.struct_output[shape.name] != primary:
                variants.append((self.names.struct_output[shape.name], OUTPUT))
            for name, variant_side in variants:
                extra = (Field("ResponseMetadata", "ResponseMetadataTypeDef", True),) if shape.name in responses and variant_side == OUTPUT else ()
                defs.append(self._typed_dict(shape, name, variant_side, mod, extra))
        used = {n for d in defs for f in d.fields for n in _NAME_RE.findall(f.annotation)}
        aliases: list[tuple[str, str]] = []
        if TIMESTAMP_ALIAS in used:
            aliases.append((TIMESTAMP_ALIAS, mod.use(t.UnionType((t.DATETIME, t.STR)))))
        if BLOB_ALIAS in used:
            blob = t.UnionType((t.STR, t.BYTES, Subscript(t.IO, (t.ANY,)), t.STREAMING_BODY))
            aliases.append((BLOB_ALIAS, mod.use(blob)))
        mod.add(Import("typing", "TypedDict", since=(3, 12)), Import("typing", "NotRequired", since=(3, 12)))
        ordered = _sort_defs(defs)
        # the twin evaluates its annotations (no ``from __future__ import
        # annotations``), so that ``__required_keys__`` and
        # ``get_type_hints`` see ``NotRequired``; it takes TypedDict and
        # NotRequired from ``typing`` where that has them (3.11), which
        # has no attributes beyond what typeshed declares for the version
        rt = _Module("type_defs")
        rt.add(*(_runtime_import(imp) for imp in mod.imports))
        return self._render(
            "type_defs.pyi.jinja",
            mod,
            rt,
            {"typed_dicts": _runtime_defs(ordered)},
            aliases=aliases,
            typed_dicts=ordered,
        )

    def _typed_dict(self, shape: StructShape, name: str, side: str, mod: _Module, extra: tuple[Field, ...]) -> TypedDictDef:
        fields = []
        for member in _ordered(shape.members):
            ann = annotate(member.type, side, self.names, mod.name)
            if not member.required:
                ann = Subscript(t.NOT_REQUIRED, (ann,))
            inner = ann.args[0].render() if isinstance(ann, Subscript) and ann.base is t.NOT_REQUIRED else ann.render()
            fields.append(Field(member.name, mod.use(ann), member.required, inner))
        if extra and not any(f.name == "ResponseMetadata" for f in fields):
            required = [f for f in fields if f.required]
            fields = required + list(extra) + [f for f in fields if not f.required]
        functional = any(not is_identifier(f.name) or f.name in SHADOWING for f in fields)
        return TypedDictDef(name=name, fields=tuple(fields), functional=functional, doc=_doc(shape.doc))

    def client(self) -> tuple[str, dict[str, object], dict[str, object]]:
        mod = _Module("client")
        rt = _Module("client")
        service = self.service
        base_imports = (
            Import("botocore.client", "BaseClient"),
            Import("botocore.client", "ClientMeta"),
            Import("botocore.config", "Config"),
            Import("botocore.errorfactory", "BaseClientExceptions"),
            Import("botocore.session", "Session", alias="BotocoreSession"),
            Import("typing", "Any"),
        )
        rt.add(*base_imports, Import("typing", "cast"), Import("botocore.session", "get_session", alias="_get_session"))
        mod.add(
            *base_imports,
            Import("botocore.exceptions", "ClientError", alias="BotocoreClientError"),
            Import("collections.abc", "Mapping"),
        )
        methods = [
            self._op_method(op.method_name, op.input, self._response(op.output, "client", op.returns_none), op.doc, mod)
            for op in sorted(service.operations, key=lambda o: o.method_name)
        ]
        extra = []
        returns = dict(service.extra_returns)
        for name, params in service.extra_methods:
            # hand-written methods take the types as the doc spells them
            # (``dict[str, Any]``, like a response), ``Any`` when it says none
            rendered = tuple(
                f"{p.name}: {mod.use(self._extra_ann(p.annotation))}" + ("" if p.default is None else f" = {p.default}")
                for p in params
            )
            ret = mod.use(self._extra_ann(returns.get(name)))
            extra.append(Method(name=name, params=rendered, returns=ret, doc="", keyword_only=False))
        paginators = [(p.method_name, f"{p.name}Paginator") for p in sorted(service.paginators, key=lambda p: p.method_name)]
        waiters = [(w.waiter_name, f"{w.name}Waiter") for w in sorted(service.waiters, key=lambda w: w.waiter_name)]
        for _, cls in paginators:
            mod.add(Import(".paginator", cls))
        for _, cls in waiters:
            mod.add(Import(".waiter", cls))
        if len(paginators) > 1 or len(waiters) > 1:
            mod.add(Import("typing", "overload"))
        if paginators or waiters:
            mod.add(Import("typing", "Literal"))
        # a service without paginators (waiters) takes no name at all
        if not paginators or not waiters:
            mod.add(Import("typing", "Never", since=(3, 11)))
        if not paginators:
            mod.add(Import("botocore.paginate", "Paginator"))
        if not waiters:
            mod.add(Import("botocore.waiter", "Waiter"))
        errors = sorted({e.name for e in service.errors} | {"ClientError"})
        return self._render(
            "client.pyi.jinja",
            mod,
            rt,
            errors=errors,
            methods=methods,
            extra_methods=extra,
            paginators=paginators,
            waiters=waiters,
        )

    def paginator(self) -> tuple[str, dict[str, object], dict[str, object]]:
        mod = _Module("paginator")
        rt = _Module("paginator")
        mod.add(Import("botocore.paginate", "Paginator"), Import("botocore.paginate", "PageIterator"), Import("typing", "TYPE_CHECKING"))
        rt.add(Import("botocore.paginate", "Paginator"), Import("typing", "TYPE_CHECKING"))
        classes = []
        for pag in sorted(self.service.paginators, key=lambda p: p.name):
            item = self._response(pag.output, "paginator")
            iterator = Subscript(Name("PageIterator", Import("botocore.paginate", "PageIterator")), (item,))
            method = self._op_method("paginate", pag.input, iterator, pag.doc, mod)
            rt.use(item)
            classes.append((f"{pag.name}Paginator", mod.use(item), method))
        return self._render("paginator.pyi.jinja", mod, rt, classes=classes)

    def waiter(self) -> tuple[str, dict[str, object], dict[str, object]]:
        mod = _Module("waiter")
        rt = _Module("waiter")
        mod.add(Import("botocore.waiter", "Waiter"))
        rt.add(Import("botocore.waiter", "Waiter"))
        classes = []
        for waiter in sorted(self.service.waiters, key=lambda w: w.name):
            method = self._op_method("wait", waiter.input, t.NONE, waiter.doc, mod)
            classes.append((f"{waiter.name}Waiter", method))
        return self._render("waiter.pyi.jinja", mod, rt, classes=classes)

    def files(self) -> dict[PurePosixPath, str]:
        modules = {"literals": self.literals(), "type_defs": self.type_defs(), "client": self.client()}
        if self.service.paginators:
            modules["paginator"] = self.paginator()
        if self.service.waiters:
            modules["waiter"] = self.waiter()
        init = _Module("__init__")
        modules["__init__"] = self._render(
            "__init__.pyi.jinja",
            init,
            paginators=sorted(f"{p.name}Paginator" for p in self.service.paginators),
            waiters=sorted(f"{w.name}Waiter" for w in self.service.waiters),
        )
        root = PurePosixPath(self.module)
        package = root / self.module
        out: dict[PurePosixPath, str] = {}
        for stem, (template, stub, twin) in modules.items():
            # the runtime twin comes from the same template: the same names,
            # real bodies (create_client), no stub-only methods
            out[package / f"{stem}.pyi"] = self.templates.render(template, **stub)
            out[package / f"{stem}.py"] = self.templates.render(template, **twin)
        out[package / "py.typed"] = ""
        # the version names the API it describes: a digest of the stubs
        digest = hashlib.sha256("".join(out[k] for k in sorted(out)).encode()).hexdigest()[:10]
        version = package_version(digest)
        self.version = version
        out[root / "pyproject.toml"] = self.templates.render(
            "pyproject.toml.jinja",
            **self.common,
            distribution=distribution_name(self.module),
            version=version,
            generator_version=__version__,
            # the stubs name boto3's own classes: type checkers need its stubs
            boto3_types=any(imp.module.split(".")[0] == "boto3" for imp in self.stub_imports),
        )
        service = self.service
        out[root / "README.md"] = self.templates.render(
            "README.md.jinja",
            **self.common,
            distribution=distribution_name(self.module),
            version=version,
            # the last two parts of each path: the same from any working folder
            sources=sorted({"/".join(PurePosixPath(s).parts[-2:]) for s in service.sources}),
            operations=len(service.operations),
            paginators=[(p.method_name, f"{p.name}Paginator") for p in sorted(service.paginators, key=lambda p: p.method_name)],
            waiters=[(w.waiter_name, f"{w.name}Waiter") for w in sorted(service.waiters, key=lambda w: w.waiter_name)],
            errors=sorted(e.name for e in service.errors),
        )
        out[root / "stubtest_allowlist.txt"] = self.templates.render(
            "stubtest_allowlist.txt.jinja",
            **self.common,
            operations=sorted({op.method_name for op in self.service.operations}),
            literals=self.literal_names,
        )
        return out


def render_package(service: Service, options: Options, templates: Templates) -> dict[PurePosixPath, str]:
    """All files of the package, keyed by path relative to ``output/``."""
    return PackageRenderer(service, options, templates).files()


#: the project folder (under output/) and distribution of the overloads package
OVERLOADS_PROJECT = "stubwright_boto3_overloads"


@dataclass(frozen=True, slots=True)
class ClientPackage:
    """What the overloads need of one generated client package: the
    ``[project]`` and ``[tool.stubwright]`` values of its pyproject.toml."""

    client_id: str
    module: str
    client_class: str
    distribution: str
    version: str


_TOML_LINE_RE = re.compile(r'^([A-Za-z_-]+) = "([^"\\]*)"$')


def read_client_package(pyproject: str) -> ClientPackage | None:
    """The values of a pyproject.toml that ``render_package`` wrote (a
    line reader for our own template, so it needs no TOML library on
    Python 3.10); ``None`` for any other file."""
    tables: dict[str, dict[str, str]] = {}
    table = ""
    for line in pyproject.splitlines():
        if line.startswith("[") and line.endswith("]"):
            table = line.strip("[]")
        elif m := _TOML_LINE_RE.match(line):
            tables.setdefault(table, {})[m.group(1)] = m.group(2)
    project, ours = tables.get("project", {}), tables.get("tool.stubwright", {})
    try:
        return ClientPackage(
            client_id=ours["client-id"],
            module=ours["module"],
            client_class=ours["client-class"],
            distribution=project["name"],
            version=project["version"],
        )
    except KeyError:
        return None


def render_boto3_overloads(
    files: Mapping[PurePosixPath, str], templates: Templates | None = None
) -> dict[PurePosixPath, str]:
    """The ``boto3-stubs`` package that types ``boto3.client("<id>")`` and
    ``Session.client("<id>")`` as the client of every package in ``files``
    (the rendered packages, keyed by path relative to ``output/``), ready to
    write. Its dependencies pin those packages' versions. Works from the
    files alone, so packages served by a cache count too."""
    templates = templates or Templates()
    entries = sorted(
        (
            info
            for rel, text in files.items()
            if len(rel.parts) == 2 and rel.name == "pyproject.toml" and rel.parts[0] != OVERLOADS_PROJECT
            if (info := read_client_package(text)) is not None
        ),
        key=lambda e: e.client_id,
    )
    if not entries:
        return {}
    root = PurePosixPath(OVERLOADS_PROJECT)
    stubs = root / "boto3-stubs"
    out: dict[PurePosixPath, str] = {}
    for name in ("__init__.pyi", "session.pyi"):
        path = stubs / name
        text = templates.render(f"boto3_overloads/{name}.jinja", services=entries)
        out[path] = format_source(path.as_posix(), text)
    # partial (PEP 561): boto3 modules not here are looked up as without it
    out[stubs / "py.typed"] = "partial\n"
    digest = hashlib.sha256("".join([out[k] for k in sorted(out)] + [e.version for e in entries]).encode()).hexdigest()[:10]
    context = {
        "module": OVERLOADS_PROJECT,
        "distribution": distribution_name(OVERLOADS_PROJECT),
        "version": package_version(digest),
        "generator_version": __version__,
        "services": entries,
    }
    out[root / "pyproject.toml"] = templates.render("boto3_overloads/pyproject.toml.jinja", **context)
    out[root / "README.md"] = templates.render("boto3_overloads/README.md.jinja", **context)
    out[root / "stubtest_allowlist.txt"] = templates.render("boto3_overloads/stubtest_allowlist.txt.jinja", **context)
    return out
