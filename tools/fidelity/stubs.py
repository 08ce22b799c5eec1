"""Read a typed stub package with ``ast`` (nothing is imported) into a small
model the comparator walks: the client's methods, its exceptions, the
paginators and waiters, and every TypedDict / alias the package defines,
with type expressions normalised into ``Type`` nodes.

Both sides of a comparison go through this module: the package stubwright
generated and the reference stub package mypy-boto3-builder wrote.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- types


@dataclass(frozen=True, slots=True)
class Scalar:
    """A plain named type: ``str``, ``int``, ``datetime``, ``Any``, ``StreamingBody``..."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Lit:
    """A ``Literal[...]``; ``name`` is the alias it was reached through, if any."""

    values: frozenset[str]
    name: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        if self.name:
            return self.name
        shown = ", ".join(repr(v) for v in sorted(self.values)[:4])
        return f"Literal[{shown}{', ...' if len(self.values) > 4 else ''}]"


@dataclass(frozen=True, slots=True)
class TD:
    """A reference to a TypedDict of the package, by name."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Coll:
    """``Sequence[X]`` (kind ``Sequence``) or ``list[X]`` (kind ``list``)."""

    kind: str
    item: Type

    def __str__(self) -> str:
        return f"{self.kind}[{self.item}]"


@dataclass(frozen=True, slots=True)
class MapT:
    """``Mapping[K, V]`` (kind ``Mapping``) or ``dict[K, V]`` (kind ``dict``)."""

    kind: str
    key: Type
    value: Type

    def __str__(self) -> str:
        return f"{self.kind}[{self.key}, {self.value}]"


@dataclass(frozen=True, slots=True)
class UnionT:
    members: tuple[Type, ...]

    def __str__(self) -> str:
        return " | ".join(str(m) for m in self.members)


@dataclass(frozen=True, slots=True)
class Generic:
    """Any other subscripted type: ``EventStream[X]``, ``IO[Any]``, ``PageIterator[X]``."""

    base: str
    args: tuple[Type, ...]

    def __str__(self) -> str:
        return f"{self.base}[{', '.join(str(a) for a in self.args)}]"


Type = Scalar | Lit | TD | Coll | MapT | UnionT | Generic

#: spellings that mean the same thing
_SEQUENCE = {"Sequence": "Sequence", "List": "list", "list": "list"}
_MAPPING = {"Mapping": "Mapping", "Dict": "dict", "dict": "dict", "MutableMapping": "dict"}
_WRAPPERS = {"NotRequired", "Required", "ReadOnly", "Annotated", "Final"}
_TYPE_ALIAS = getattr(ast, "TypeAlias", None)


# --------------------------------------------------------------------------- package model


@dataclass(slots=True)
class Key:
    name: str
    type: Type
    required: bool


@dataclass(slots=True)
class TypedDictDef:
    name: str
    keys: dict[str, Key]


@dataclass(slots=True)
class Param:
    name: str
    type: Type
    required: bool


@dataclass(slots=True)
class Method:
    name: str
    #: parameters with ``**kwargs: Unpack[X]`` expanded into X's keys
    params: dict[str, Param]
    returns: Type
    #: the TypedDict that ``**kwargs`` unpacks, when the method has one
    unpacked: str | None = None
    overloaded: bool = False


@dataclass(slots=True)
class StubPackage:
    path: Path
    client_class: str = ""
    methods: dict[str, Method] = field(default_factory=dict)
    exceptions: set[str] = field(default_factory=set)
    paginators: dict[str, Method] = field(default_factory=dict)
    waiters: dict[str, Method] = field(default_factory=dict)
    typed_dicts: dict[str, TypedDictDef] = field(default_factory=dict)


# --------------------------------------------------------------------------- reading


def find_package_dir(path: Path) -> Path:
    """The folder holding ``client.pyi``: ``path`` itself or one/two levels down
    (``output/types_boto3_x`` or ``types_boto3_x_package/types_boto3_x``)."""
    if (path / "client.pyi").exists():
        return path
    for pattern in ("*/client.pyi", "*/*/client.pyi"):
        found = sorted(path.glob(pattern))
        if found:
            return found[0].parent
    raise FileNotFoundError(f"no client.pyi in or below {path}")


class _Loader:
    def __init__(self, package_dir: Path) -> None:
        self.dir = package_dir
        self.modules: dict[str, ast.Module] = {}
        for pyi in sorted(package_dir.glob("*.pyi")):
            self.modules[pyi.stem] = ast.parse(pyi.read_text(encoding="utf-8"), filename=str(pyi))
        #: module-level definitions of every module, by name
        self.classes: dict[str, ast.ClassDef] = {}
        self.aliases: dict[str, ast.expr] = {}
        self.functional: dict[str, ast.Call] = {}
        for tree in self.modules.values():
            for node in _walk_module(tree.body):
                self._define(node)
        self._resolving: set[str] = set()
        self._alias_cache: dict[str, Type] = {}

    def _define(self, node: ast.stmt) -> None:
        if isinstance(node, ast.ClassDef):
            self.classes.setdefault(node.name, node)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            value = node.value
            if isinstance(value, ast.Call) and _dotted(value.func).endswith("TypedDict"):
                self.functional.setdefault(name, value)
            else:
                self.aliases.setdefault(name, value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            if _dotted(node.annotation).endswith("TypeAlias"):
                self.aliases.setdefault(node.target.id, node.value)
        elif _TYPE_ALIAS is not None and isinstance(node, _TYPE_ALIAS) and isinstance(node.name, ast.Name):
            self.aliases.setdefault(node.name.id, node.value)  # ``type X = ...`` (Python 3.12)

    # -- TypedDicts ---------------------------------------------------------
    def is_typed_dict(self, name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name in self.functional:
            return True
        cls = self.classes.get(name)
        if cls is None or name in seen:
            return False
        for base in cls.bases:
            base_name = _dotted(base).rsplit(".", 1)[-1]
            if base_name == "TypedDict" or self.is_typed_dict(base_name, seen | {name}):
                return True
        return False

    def typed_dict(self, name: str) -> TypedDictDef:
        keys: dict[str, Key] = {}
        if name in self.functional:
            call = self.functional[name]
            total = _total(call.keywords)
            fields = call.args[1] if len(call.args) > 1 else None
            if isinstance(fields, ast.Dict):
                for k, v in zip(fields.keys, fields.values, strict=True):
                    if isinstance(k, ast.Constant) and isinstance(k.value, str):
                        keys[k.value] = self._key(k.value, v, total)
            return TypedDictDef(name, keys)
        cls = self.classes[name]
        total = _total(cls.keywords)
        for base in cls.bases:
            base_name = _dotted(base).rsplit(".", 1)[-1]
            if base_name != "TypedDict" and self.is_typed_dict(base_name):
                keys.update(self.typed_dict(base_name).keys)
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                keys[stmt.target.id] = self._key(stmt.target.id, stmt.annotation, total)
        return TypedDictDef(name, keys)

    def _key(self, name: str, annotation: ast.expr, total: bool) -> Key:
        annotation = _unquote(annotation)
        required = total
        while isinstance(annotation, ast.Subscript):
            wrapper = _dotted(annotation.value).rsplit(".", 1)[-1]
            if wrapper not in _WRAPPERS:
                break
            if wrapper == "NotRequired":
                required = False
            elif wrapper == "Required":
                required = True
            inner = annotation.slice
            annotation = inner.elts[0] if isinstance(inner, ast.Tuple) else inner
        return Key(name, self.type(annotation), required)

    # -- type expressions ---------------------------------------------------
    def type(self, node: ast.expr | None) -> Type:
        if node is None:
            return Scalar("Any")
        node = _unquote(node)
        if isinstance(node, ast.Constant):
            if node.value is None:
                return Scalar("None")
            if node.value is Ellipsis:
                return Scalar("...")
            return Scalar(repr(node.value))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return _union([self.type(node.left), self.type(node.right)])
        if isinstance(node, (ast.Name, ast.Attribute)):
            return self._named(_dotted(node).rsplit(".", 1)[-1])
        if isinstance(node, ast.Subscript):
            base = _dotted(node.value).rsplit(".", 1)[-1]
            args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
            if base == "Literal":
                values = frozenset(str(a.value) for a in args if isinstance(a, ast.Constant))
                return Lit(values)
            if base == "Union":
                return _union([self.type(a) for a in args])
            if base == "Optional":
                return _union([self.type(args[0]), Scalar("None")])
            if base in _WRAPPERS:
                return self.type(args[0])
            if base in _SEQUENCE and len(args) == 1:
                return Coll(_SEQUENCE[base], self.type(args[0]))
            if base in _MAPPING and len(args) == 2:
                return MapT(_MAPPING[base], self.type(args[0]), self.type(args[1]))
            return Generic(base, tuple(self.type(a) for a in args))
        return Scalar(ast.unparse(node))

    def _named(self, name: str) -> Type:
        canonical = {"List": "list", "Dict": "dict", "Type": "type", "Text": "str"}.get(name, name)
        if self.is_typed_dict(name):
            return TD(name)
        if name in self.aliases:
            if name in self._alias_cache:
                return self._alias_cache[name]
            if name in self._resolving:
                return Scalar(name)
            self._resolving.add(name)
            try:
                resolved = self.type(self.aliases[name])
            finally:
                self._resolving.discard(name)
            if isinstance(resolved, Lit):
                resolved = Lit(resolved.values, name)
            self._alias_cache[name] = resolved
            return resolved
        return Scalar(canonical)

    # -- functions ----------------------------------------------------------
    def method(self, fn: ast.FunctionDef | ast.AsyncFunctionDef) -> Method:
        params: dict[str, Param] = {}
        args = fn.args
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        for arg, default in zip(positional, defaults, strict=True):
            if arg.arg in ("self", "cls"):
                continue
            params[arg.arg] = Param(arg.arg, self.type(arg.annotation), default is None)
        for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            params[arg.arg] = Param(arg.arg, self.type(arg.annotation), kw_default is None)
        unpacked = None
        if args.kwarg is not None and args.kwarg.annotation is not None:
            ann = _unquote(args.kwarg.annotation)
            if isinstance(ann, ast.Subscript) and _dotted(ann.value).endswith("Unpack"):
                target = self.type(ann.slice)
                if isinstance(target, TD):
                    unpacked = target.name
                    for key in self.typed_dict(target.name).keys.values():
                        params[key.name] = Param(key.name, key.type, key.required)
            else:
                params["**" + args.kwarg.arg] = Param("**" + args.kwarg.arg, self.type(ann), False)
        return Method(fn.name, params, self.type(fn.returns), unpacked)


def _walk_module(body: Iterable[ast.stmt]) -> Iterable[ast.stmt]:
    """Module-level statements, looking into ``if``/``try`` blocks
    (``if TYPE_CHECKING:``, ``if sys.version_info >= ...``)."""
    for node in body:
        if isinstance(node, ast.If):
            yield from _walk_module(node.body)
            yield from _walk_module(node.orelse)
        elif isinstance(node, ast.Try):
            yield from _walk_module(node.body)
        else:
            yield node


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Subscript):
        return _dotted(node.value)
    return ""


def _unquote(node: ast.expr) -> ast.expr:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return node
    return node


def _total(keywords: list[ast.keyword]) -> bool:
    for kw in keywords:
        if kw.arg == "total" and isinstance(kw.value, ast.Constant):
            return bool(kw.value.value)
    return True


def _union(members: list[Type]) -> Type:
    flat: list[Type] = []
    for m in members:
        for part in m.members if isinstance(m, UnionT) else (m,):
            if part not in flat:
                flat.append(part)
    # Union[XTypeDef, XOutputTypeDef] (the builder's XUnionTypeDef) is X
    tds = [m for m in flat if isinstance(m, TD)]
    if len(tds) == len(flat) > 1:
        stems = {_variant_stem(m.name) for m in tds}
        if len(stems) == 1:
            plain = [m for m in tds if "OutputTypeDef" not in m.name]
            return plain[0] if plain else tds[0]
    if len(flat) == 1:
        return flat[0]
    return UnionT(tuple(flat))


def _variant_stem(name: str) -> str:
    return name.replace("OutputTypeDef", "TypeDef")


# --------------------------------------------------------------------------- entry point


def load_package(path: Path) -> StubPackage:
    package_dir = find_package_dir(path)
    loader = _Loader(package_dir)
    pkg = StubPackage(package_dir)
    client_mod = loader.modules.get("client")
    if client_mod is not None:
        for node in _walk_module(client_mod.body):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {_dotted(b).rsplit(".", 1)[-1] for b in node.bases}
            if "BaseClientExceptions" in bases:
                for stmt in node.body:
                    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                        pkg.exceptions.add(stmt.target.id)
            elif "BaseClient" in bases or "AioBaseClient" in bases:
                pkg.client_class = node.name
                for stmt in node.body:
                    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and not stmt.name.startswith("__"):
                        overloaded = any(_dotted(d).endswith("overload") for d in stmt.decorator_list)
                        if stmt.name in pkg.methods:
                            pkg.methods[stmt.name].overloaded = True
                            continue
                        method = loader.method(stmt)
                        method.overloaded = overloaded
                        pkg.methods[stmt.name] = method
    for module, attr, into in (("paginator", "paginate", pkg.paginators), ("waiter", "wait", pkg.waiters)):
        tree = loader.modules.get(module)
        if tree is None:
            continue
        for node in _walk_module(tree.body):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == attr:
                        into[node.name] = loader.method(stmt)
    for name in list(loader.classes) + list(loader.functional):
        if loader.is_typed_dict(name):
            pkg.typed_dicts[name] = loader.typed_dict(name)
    return pkg
