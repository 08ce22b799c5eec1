"""Check what botocore returns against the generated types, at run time.

Standalone (standard library and botocore only), so a fresh virtualenv can
run it beside ``workflow.py``:

- ``check_value(value, annotation)``: a value against an annotation of a
  runtime twin (``typing.get_type_hints(..., include_extras=True)``):
  TypedDicts (required keys present, no unknown keys, ``NotRequired``),
  ``list``/``dict``/``Sequence``/``Mapping``, ``Literal``, unions,
  ``datetime``, ``bytes``, ``StreamingBody``, scalars; recursively.
- ``StubIndex(module)``: what the installed ``.pyi`` files declare: the
  return TypedDict of each client method, the page TypedDict of each
  paginator, the keyword parameters, the ``Exceptions`` names. The checks
  use the very stubs the type checkers read, so nothing is restated by hand.
- ``ResponseChecker.attach(client, index)``: every response the client
  parses (each API call, each page a paginator fetches) is checked against
  the stub's return type of that method, through botocore's ``after-call``
  event.
- ``surface_problems(client, index)``: the stub's methods, parameters,
  paginators and exceptions exist in the botocore model the client runs.
"""

from __future__ import annotations

import ast
import datetime
import importlib
import importlib.util
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

#: a problem at a path (``$.Users[0].Name``) may be allowed with a reason:
#: (operation or TypedDict name, path pattern) → why the difference is not
#: a stub bug. ``*`` in a pattern matches one path segment.
Allowed = Mapping[tuple[str, str], str]

_NOT_REQUIRED = {getattr(typing, "NotRequired", None)} - {None}
_REQUIRED = {getattr(typing, "Required", None)} - {None}
try:  # the twins take these from typing_extensions before Python 3.11
    import typing_extensions

    _NOT_REQUIRED.add(typing_extensions.NotRequired)
    _REQUIRED.add(typing_extensions.Required)
except ImportError:  # pragma: no cover - 3.11+ without typing_extensions
    pass


def is_typeddict(annotation: object) -> bool:
    return isinstance(annotation, type) and hasattr(annotation, "__required_keys__") and hasattr(annotation, "__total__")


def _strip(annotation: object) -> tuple[object, bool | None]:
    """``NotRequired[X]`` → (X, False), ``Required[X]`` → (X, True), X → (X, None)."""
    origin = typing.get_origin(annotation)
    if origin in _NOT_REQUIRED:
        return typing.get_args(annotation)[0], False
    if origin in _REQUIRED:
        return typing.get_args(annotation)[0], True
    return annotation, None


def typeddict_fields(td: type) -> dict[str, tuple[object, bool]]:
    """Field → (annotation, required) from the evaluated hints; raises
    ``AssertionError`` when the class's ``__required_keys__`` disagrees
    (a runtime twin that would mislead other runtime tools)."""
    hints = typing.get_type_hints(td, include_extras=True)
    total = bool(getattr(td, "__total__", True))
    out: dict[str, tuple[object, bool]] = {}
    for name, hint in hints.items():
        inner, flag = _strip(hint)
        out[name] = (inner, total if flag is None else flag)
    declared = cast("frozenset[str]", vars(td)["__required_keys__"])
    derived = {n for n, (_, req) in out.items() if req}
    if set(declared) != derived:
        raise AssertionError(f"{td.__name__}: __required_keys__ {sorted(declared)} but hints say {sorted(derived)}")
    return out


def _name(annotation: object) -> str:
    return getattr(annotation, "__name__", None) or repr(annotation)


def check_value(value: object, annotation: object, path: str = "$") -> list[tuple[str, str]]:
    """``(path, message)`` for every way ``value`` does not fit ``annotation``."""
    annotation, _ = _strip(annotation)
    if annotation is Any or annotation is object:
        return []
    if annotation is None or annotation is type(None):
        return [] if value is None else [(path, f"expected None, got {type(value).__name__}")]
    if is_typeddict(annotation):
        return _check_typeddict(value, cast(type, annotation), path)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        if any(value == a and type(value) is type(a) for a in args):
            return []
        return [(path, f"{value!r} is not one of {list(args)!r}")]
    if origin is typing.Union or origin is types.UnionType:
        results = [check_value(value, a, path) for a in args]
        if any(not r for r in results):
            return []
        best = min(results, key=len)
        return best if len(args) == 1 else [(path, f"fits no member of {annotation}: {best[0][1]}")]
    if origin in (list, Sequence):
        if not isinstance(value, list if origin is list else (list, tuple)):
            return [(path, f"expected a list, got {type(value).__name__}")]
        items = cast("list[object]", value)
        return [p for i, item in enumerate(items) for p in check_value(item, args[0], f"{path}[{i}]")]
    if origin in (dict, Mapping):
        if not isinstance(value, dict):
            return [(path, f"expected a dict, got {type(value).__name__}")]
        entries = cast("dict[object, object]", value)
        out: list[tuple[str, str]] = []
        for key, item in entries.items():
            out += check_value(key, args[0], f"{path}.<key {key!r}>")
            out += check_value(item, args[1], f"{path}[{key!r}]")
        return out
    if origin is not None and isinstance(origin, type):  # IO[Any], ...
        return [] if isinstance(value, origin) else [(path, f"expected {origin.__name__}, got {type(value).__name__}")]
    if annotation is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif annotation is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif annotation is datetime.datetime:
        ok = isinstance(value, datetime.datetime)
    elif isinstance(annotation, type):
        ok = isinstance(value, annotation)
    else:
        return [(path, f"cannot check against {annotation!r}")]
    return [] if ok else [(path, f"expected {_name(annotation)}, got {type(value).__name__} {value!r:.60}")]


def _check_typeddict(value: object, td: type, path: str) -> list[tuple[str, str]]:
    if not isinstance(value, dict):
        return [(path, f"expected a dict for {td.__name__}, got {type(value).__name__}")]
    data = cast("dict[str, object]", value)
    fields = typeddict_fields(td)
    out: list[tuple[str, str]] = []
    for name, (_, required) in fields.items():
        if required and name not in data:
            out.append((f"{path}.{name}", f"required key of {td.__name__} missing"))
    for key, item in data.items():
        if key not in fields:
            out.append((f"{path}.{key}", f"unknown key for {td.__name__}"))
            continue
        out += check_value(item, fields[key][0], f"{path}.{key}")
    return out


# --------------------------------------------------------------------------- the stubs


@dataclass(frozen=True)
class Param:
    name: str
    required: bool


@dataclass
class StubIndex:
    """What the installed stub package ``module`` declares."""

    module: str
    client_class: str = ""
    #: method → name of its return TypedDict (in ``type_defs``)
    returns: dict[str, str] = field(default_factory=dict)
    #: method → its keyword parameters
    params: dict[str, list[Param]] = field(default_factory=dict)
    #: paginator name (``list_users``) → page TypedDict name
    pages: dict[str, str] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        spec = importlib.util.find_spec(self.module)
        if spec is None or not spec.submodule_search_locations:
            raise ImportError(f"{self.module} is not installed")
        folder = Path(next(iter(spec.submodule_search_locations)))
        client = ast.parse((folder / "client.pyi").read_text())
        classes = {n.name: n for n in client.body if isinstance(n, ast.ClassDef)}
        self.client_class = next(n for n in classes if n.endswith("Client"))
        paginator_classes: dict[str, str] = {}
        for node in classes[self.client_class].body:
            if not isinstance(node, ast.FunctionDef):
                continue
            if node.name == "get_paginator":
                literal = node.args.args[1].annotation
                if isinstance(literal, ast.Subscript) and isinstance(literal.slice, ast.Constant) and node.returns is not None:
                    paginator_classes[ast.unparse(node.returns)] = str(literal.slice.value)
                continue
            if node.returns is None or node.name.startswith("_") or node.name in ("get_waiter", "exceptions"):
                continue
            self.returns[node.name] = ast.unparse(node.returns)
            defaults = node.args.kw_defaults
            self.params[node.name] = [
                Param(a.arg, d is None) for a, d in zip(node.args.kwonlyargs, defaults, strict=True)
            ]
        self.exceptions = [
            n.target.id
            for n in classes["Exceptions"].body
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
        ]
        if (folder / "paginator.pyi").exists():
            tree = ast.parse((folder / "paginator.pyi").read_text())
            for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
                for node in cls.body:
                    if isinstance(node, ast.FunctionDef) and node.name == "paginate" and node.returns is not None:
                        ret = node.returns
                        assert isinstance(ret, ast.Subscript), ast.unparse(ret)  # PageIterator[X]
                        self.pages[paginator_classes[cls.name]] = ast.unparse(ret.slice)

    def type_def(self, name: str) -> type:
        td: object = getattr(importlib.import_module(f"{self.module}.type_defs"), name)
        assert is_typeddict(td), name
        return cast(type, td)


# --------------------------------------------------------------------------- the client


#: categories of a difference that is explained (anything else fails):
#: ``moto``: moto answers what AWS would not; ``docs``: the documents the
#: stubs were made from say something botocore does not do (a stub bug to
#: fix in the readers); ``policy``: a top-level response key the stubs
#: declare required by design (docs/design.md, "Required keys of
#: responses", as the published stubs do) that botocore's model has as
#: optional and the response left out
CATEGORIES = ("moto", "docs", "policy")

#: keys the design rule leaves optional in every service's responses
#: (generator/response_keys.py ANY_SERVICE; this file runs alone in a fresh
#: virtualenv, so it cannot import it): never "policy", a stub that requires
#: one says what its documents said
POLICY_OPTIONAL = frozenset({"NextToken", "nextToken", "PaginationToken"})


@dataclass
class Finding:
    where: str  # "identitystore.ListUsers $.Users[0].Name"
    message: str
    category: str = ""  # one of CATEGORIES, "" for a failure
    reason: str = ""


def _matches(pattern: str, path: str) -> bool:
    want, got = re.split(r"[.\[]", pattern), re.split(r"[.\[]", path)
    return len(want) == len(got) and all(w in ("*", "*]", g) for w, g in zip(want, got, strict=True))


@dataclass
class ResponseChecker:
    """Checks each response ``client`` parses against the stub's type."""

    index: StubIndex
    #: category → (operation or "*", path pattern) → reason
    allowed: Mapping[str, Allowed] = field(default_factory=lambda: dict[str, Allowed]())
    operations: set[str] = field(default_factory=set)
    responses: int = 0
    findings: list[Finding] = field(default_factory=list)
    used: set[tuple[str, str, str]] = field(default_factory=set)
    _api_to_method: dict[str, str] = field(default_factory=dict)
    _service: str = ""

    @classmethod
    def attach(cls, client: Any, index: StubIndex, allowed: Mapping[str, Allowed] | None = None) -> ResponseChecker:
        checker = cls(index, dict(allowed or {}))
        meta = client.meta
        mapping = cast("dict[str, str]", meta.method_to_api_mapping)
        checker._api_to_method = {api: method for method, api in mapping.items()}
        checker._service = cast(str, meta.service_model.service_name)
        service_id = cast(str, meta.service_model.service_id.hyphenize())
        register = cast("Callable[[str, Callable[..., None]], None]", meta.events.register)
        register(f"after-call.{service_id}", checker._after_call)
        return checker

    def _after_call(self, http_response: Any, parsed: Mapping[str, object], model: Any, **_: object) -> None:
        api = cast(str, model.name)
        if cast(int, http_response.status_code) >= 300:
            return  # an error: raised as an exception, checked where caught
        method = self._api_to_method[api]
        self.operations.add(f"{self._service}.{method}")
        returns = self.index.returns.get(method)
        if returns is None:
            self.add(api, "$", f"{method} is not in the stub")
            return
        if returns in ("dict[str, Any]", "None"):
            # a response structure without members (any dict), or a method the
            # documents say returns None: botocore gives only ResponseMetadata
            self.responses += 1
            extra = sorted(set(parsed) - {"ResponseMetadata"})
            if extra:
                self.add(api, "$", f"{method} returns {returns} but the response has {extra}")
            return
        shape = model.output_shape
        optional = set[str]()
        if shape is not None:
            optional = set(cast("dict[str, object]", shape.members)) - set(cast("list[str]", shape.required_members))
        self.check(api, parsed, self.index.type_def(returns), optional)

    def check(self, what: str, value: object, td: type, optional_in_model: set[str] | None = None) -> None:
        """Check one response (or page) ``value`` against ``td``;
        ``optional_in_model``: its top-level keys botocore's model has as
        optional (an absent one the stub requires is ``policy``)."""
        self.responses += 1
        for path, message in check_value(value, td):
            key = path.removeprefix("$.")
            if optional_in_model and key in optional_in_model and message.startswith("required key") and key not in POLICY_OPTIONAL:
                self.findings.append(Finding(f"{self._service}.{what} {path}", message, "policy", "optional in botocore's model"))
                continue
            self.add(what, path, message)

    def add(self, what: str, path: str, message: str) -> None:
        finding = Finding(f"{self._service}.{what} {path}", message)
        for category in CATEGORIES:
            for (w, p), reason in self.allowed.get(category, {}).items():
                if w in (what, "*") and _matches(p, path):
                    finding.category, finding.reason = category, reason
                    self.used.add((category, w, p))
                    break
            if finding.category:
                break
        self.findings.append(finding)

    def unused(self) -> list[str]:
        """Allow-list entries nothing matched: stale, remove them."""
        return [
            f"{category}: ({w!r}, {p!r})"
            for category, entries in self.allowed.items()
            for (w, p) in entries
            if (category, w, p) not in self.used
        ]

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if not f.category]


def surface_problems(client: Any, index: StubIndex) -> list[str]:
    """What the stub declares that the running botocore does not have: a
    method, a parameter, a required flag, a paginator, an exception."""
    out: list[str] = []
    model = client.meta.service_model
    mapping = cast("dict[str, str]", client.meta.method_to_api_mapping)
    for method, params in sorted(index.params.items()):
        api = mapping.get(method)
        if api is None:
            if method not in ("can_paginate", "close", "generate_presigned_url"):
                out.append(f"{method}: no such operation in botocore {model.api_version}")
            continue
        shape = model.operation_model(api).input_shape
        members = cast("dict[str, object]", shape.members) if shape is not None else {}
        required = set(cast("list[str]", shape.required_members)) if shape is not None else set[str]()
        for p in params:
            if p.name not in members:
                out.append(f"{method}({p.name}=): botocore has no such parameter")
            elif p.required != (p.name in required):
                out.append(f"{method}({p.name}=): required is {p.required} in the stub, {p.name in required} in botocore")
        for name in sorted(required - {p.name for p in params}):
            out.append(f"{method}({name}=): required by botocore, missing from the stub")
    for name in index.pages:
        if not client.can_paginate(name):
            out.append(f"get_paginator({name!r}): botocore cannot paginate it")
    for name in index.exceptions:
        if name == "ClientError":
            continue
        exc: object = getattr(client.exceptions, name, None)
        from botocore.exceptions import ClientError

        if not (isinstance(exc, type) and issubclass(exc, ClientError)):
            out.append(f"exceptions.{name}: botocore has no such modelled error")
    return out
