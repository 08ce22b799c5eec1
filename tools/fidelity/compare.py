"""Structural comparison of a generated stub package with a reference one.

What is compared (each a *category*, each made of *items*; an item matches
or it is a mismatch of one or more *kinds*):

- ``methods``: the client's method names (``close``, which both inherit
  from botocore's ``BaseClient``, is left out, and so are ``get_paginator``
  and ``get_waiter``: their overloads follow from the paginators and
  waiters, compared in their own categories).
- ``parameters``: each parameter of each client method both sides have,
  with ``**kwargs: Unpack[X]`` expanded into X's keys, so the Unpack style
  and explicit keyword-only parameters compare equal: present, required
  flag, type. Overloaded methods (``get_paginator``, ``get_waiter``) are
  covered by the paginator and waiter categories instead.
- ``returns``: each return type of those methods.
- ``typed_dicts``: every key of every TypedDict reached from the
  signatures, side by side (reference TypedDict against the generated one
  found in the same place), recursively: present, required flag, type.
  Names are ignored: a TypedDict is known by where it is used.
- ``literals``: every Literal reached, its value set (aliases resolved).
- ``exceptions``: the names in the client's ``Exceptions`` class.
- ``paginators`` / ``waiters``: class names, the parameters of
  ``paginate`` / ``wait`` and the paginator's page type.
- ``names`` (only with ``names=True``): the name of each paired TypedDict
  (including the request TypedDict of ``**kwargs``) and Literal alias.

Types are compared *shallowly* at each place: two TypedDicts (or two
Literals) in the same place match there and are paired for their own
comparison, so a difference deep inside a structure is counted once, at
its key, not at every signature that reaches it. ``Sequence`` against
``list`` (or ``Mapping`` against ``dict``) with equal item types is its own
kind, ``sequence-vs-list``. ``Union[XTypeDef, XOutputTypeDef]`` (the
builder's ``XUnionTypeDef``) is taken as ``X`` (``stubs._union``).

Reference pages never state which keys of a response are always present,
so with ``unstated_response_required=True`` a required flag that differs
on a key of a *nested* response TypedDict (one only reached below the top
level of a response, never from a request) is not a mismatch of
``typed_dicts`` but goes to the ``response_required`` category, which is
reported apart and left out of the score.

The score of a category is matched items / items; the overall score is
count-weighted: all matched items / all items of the scored categories
(``response_required`` never, ``names`` only with ``names=True``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from .stubs import TD, Coll, Generic, Lit, MapT, Method, Scalar, StubPackage, Type, UnionT

CATEGORIES = (
    "methods",
    "parameters",
    "returns",
    "typed_dicts",
    "literals",
    "exceptions",
    "paginators",
    "waiters",
    "names",
    "response_required",
)
#: reported, never scored
APART = ("response_required",)
#: ``close`` both sides get from botocore's BaseClient anyway; ``get_paginator``
#: and ``get_waiter`` are compared through the paginators and waiters they name
IGNORED_METHODS = frozenset({"close", "get_paginator", "get_waiter"})

INPUT = "input"
OUTPUT_TOP = "output-top"
OUTPUT_NESTED = "output-nested"

_SEVERITY = {None: 0, "sequence-vs-list": 1, "type": 2}


@dataclass(frozen=True, slots=True)
class Mismatch:
    category: str
    kind: str  # missing | extra | required | type | sequence-vs-list | literal-values | name
    where: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.category:<17} {self.kind:<16} {self.where}" + (f": {self.detail}" if self.detail else "")


@dataclass(slots=True)
class Tally:
    matched: int = 0
    total: int = 0

    @property
    def score(self) -> float:
        return self.matched / self.total if self.total else 1.0


@dataclass(slots=True)
class Report:
    names: bool
    categories: dict[str, Tally] = field(default_factory=lambda: {c: Tally() for c in CATEGORIES})
    mismatches: list[Mismatch] = field(default_factory=list)

    def scored(self) -> list[str]:
        return [c for c in CATEGORIES if c not in APART and (self.names or c != "names")]

    @property
    def matched(self) -> int:
        return sum(self.categories[c].matched for c in self.scored())

    @property
    def total(self) -> int:
        return sum(self.categories[c].total for c in self.scored())

    @property
    def score(self) -> float:
        return self.matched / self.total if self.total else 1.0

    def structural_score(self) -> float:
        cats = [c for c in self.scored() if c != "names"]
        total = sum(self.categories[c].total for c in cats)
        return sum(self.categories[c].matched for c in cats) / total if total else 1.0

    def add(self, other: Report) -> None:
        for name, tally in other.categories.items():
            self.categories[name].matched += tally.matched
            self.categories[name].total += tally.total
        self.mismatches.extend(other.mismatches)

    def table(self) -> str:
        lines = [f"{'category':<20} {'matched':>8} {'items':>8} {'score':>7}"]
        for name in CATEGORIES:
            tally = self.categories[name]
            if name == "names" and not self.names:
                continue
            note = "  (apart, not scored)" if name in APART else ""
            lines.append(f"{name:<20} {tally.matched:>8} {tally.total:>8} {tally.score:>7.3f}{note}")
        lines.append(f"{'overall':<20} {self.matched:>8} {self.total:>8} {self.score:>7.3f}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {
            "names": self.names,
            "score": self.score,
            "structural_score": self.structural_score(),
            "matched": self.matched,
            "total": self.total,
            "categories": {c: {"matched": t.matched, "total": t.total} for c, t in self.categories.items()},
            "mismatches": [
                {"category": m.category, "kind": m.kind, "where": m.where, "detail": m.detail} for m in self.mismatches
            ],
        }


class Comparator:
    def __init__(
        self, ref: StubPackage, gen: StubPackage, *, names: bool = False, unstated_response_required: bool = False
    ) -> None:
        self.ref = ref
        self.gen = gen
        self.names = names
        self.unstated = unstated_response_required
        self.report = Report(names=names)
        #: (reference TypedDict, generated TypedDict) → contexts it is reached in
        self.pairs: dict[tuple[str, str], set[str]] = {}
        self._queue: deque[tuple[str, str, str]] = deque()
        #: Literal pairs: (ref values, ref name, gen values, gen name) → first place seen
        self.literals: dict[tuple[frozenset[str], str | None, frozenset[str], str | None], str] = {}

    # -- recording ----------------------------------------------------------
    def _item(self, category: str, where: str, kinds: list[tuple[str, str]]) -> None:
        tally = self.report.categories[category]
        tally.total += 1
        if not kinds:
            tally.matched += 1
        for kind, detail in kinds:
            self.report.mismatches.append(Mismatch(category, kind, where, detail))

    def _presence(self, category: str, where: str, in_ref: bool, in_gen: bool) -> bool:
        if in_ref and in_gen:
            return True
        self._item(category, where, [("missing", "not generated")] if in_ref else [("extra", "not in the reference")])
        return False

    # -- types --------------------------------------------------------------
    def _pair(self, ref: str, gen: str, ctx: str) -> None:
        contexts = self.pairs.setdefault((ref, gen), set())
        if ctx not in contexts:
            contexts.add(ctx)
            self._queue.append((ref, gen, ctx))

    def cmp(self, r: Type, g: Type, ctx: str, where: str) -> str | None:
        """The worst difference between ``r`` and ``g`` at this place
        (``None``, ``sequence-vs-list`` or ``type``); pairs the TypedDicts
        and Literals met for their own comparison."""
        if isinstance(r, TD) and isinstance(g, TD):
            self._pair(r.name, g.name, ctx)
            return None
        if isinstance(r, Lit) and isinstance(g, Lit):
            self.literals.setdefault((r.values, r.name, g.values, g.name), where)
            return None
        if isinstance(r, Coll) and isinstance(g, Coll):
            inner = self.cmp(r.item, g.item, ctx, where)
            return _worst(inner, "sequence-vs-list" if r.kind != g.kind else None)
        if isinstance(r, MapT) and isinstance(g, MapT):
            inner = _worst(self.cmp(r.key, g.key, ctx, where), self.cmp(r.value, g.value, ctx, where))
            return _worst(inner, "sequence-vs-list" if r.kind != g.kind else None)
        if isinstance(r, UnionT) and isinstance(g, UnionT):
            rs, gs = sorted(r.members, key=_shape_key), sorted(g.members, key=_shape_key)
            if [_shape_key(m) for m in rs] != [_shape_key(m) for m in gs]:
                return "type"
            worst: str | None = None
            for rm, gm in zip(rs, gs, strict=True):
                worst = _worst(worst, self.cmp(rm, gm, ctx, where))
            return worst
        if isinstance(r, Generic) and isinstance(g, Generic):
            if r.base != g.base or len(r.args) != len(g.args):
                return "type"
            worst = None
            for ra, ga in zip(r.args, g.args, strict=True):
                worst = _worst(worst, self.cmp(ra, ga, ctx, where))
            return worst
        if isinstance(r, Scalar) and isinstance(g, Scalar):
            return None if r.name == g.name else "type"
        return "type"

    # -- signatures ---------------------------------------------------------
    def _signature(self, category: str, where: str, ref: Method, gen: Method) -> None:
        for name in sorted(set(ref.params) | set(gen.params)):
            place = f"{where}({name})"
            if not self._presence(category, place, name in ref.params, name in gen.params):
                continue
            rp, gp = ref.params[name], gen.params[name]
            kinds: list[tuple[str, str]] = []
            if rp.required != gp.required:
                kinds.append(("required", f"reference {_req(rp.required)}, generated {_req(gp.required)}"))
            kind = self.cmp(rp.type, gp.type, INPUT, place)
            if kind:
                kinds.append((kind, f"reference {rp.type}, generated {gp.type}"))
            self._item(category, place, kinds)
        if self.names and ref.unpacked and gen.unpacked:
            self._name_item(f"{where} **kwargs", ref.unpacked, gen.unpacked)

    def _returns(self, category: str, where: str, r: Type, g: Type) -> None:
        kind = self.cmp(r, g, OUTPUT_TOP, where)
        self._item(category, where, [(kind, f"reference {r}, generated {g}")] if kind else [])

    def _name_item(self, where: str, ref: str | None, gen: str | None) -> None:
        self._item("names", where, [] if ref == gen else [("name", f"reference {ref}, generated {gen}")])

    def methods(self) -> None:
        ref, gen = self.ref.methods, self.gen.methods
        for name in sorted((set(ref) | set(gen)) - IGNORED_METHODS):
            where = f"client.{name}"
            if not self._presence("methods", where, name in ref, name in gen):
                continue
            self._item("methods", where, [])
            if ref[name].overloaded or gen[name].overloaded:
                continue
            self._signature("parameters", where, ref[name], gen[name])
            self._returns("returns", where, ref[name].returns, gen[name].returns)

    def exceptions(self) -> None:
        for name in sorted(self.ref.exceptions | self.gen.exceptions):
            if self._presence(
                "exceptions", f"exceptions.{name}", name in self.ref.exceptions, name in self.gen.exceptions
            ):
                self._item("exceptions", f"exceptions.{name}", [])

    def helpers(self, category: str, ref: dict[str, Method], gen: dict[str, Method], method: str) -> None:
        for name in sorted(set(ref) | set(gen)):
            where = f"{name}.{method}"
            if not self._presence(category, name, name in ref, name in gen):
                continue
            self._item(category, name, [])
            self._signature(category, where, ref[name], gen[name])
            if method == "paginate":
                self._returns(category, f"{where} -> page", _page(ref[name].returns), _page(gen[name].returns))

    # -- TypedDicts ---------------------------------------------------------
    def _discover(self) -> None:
        """Pair every TypedDict reachable from the signatures, with the
        contexts (request, top-level response, nested response) it is in."""
        while self._queue:
            ref_name, gen_name, ctx = self._queue.popleft()
            r, g = self.ref.typed_dicts.get(ref_name), self.gen.typed_dicts.get(gen_name)
            if r is None or g is None:
                continue
            child = INPUT if ctx == INPUT else OUTPUT_NESTED
            for key in r.keys.keys() & g.keys.keys():
                self.cmp(r.keys[key].type, g.keys[key].type, child, f"{ref_name}.{key}")

    def typed_dicts(self) -> None:
        self._discover()
        done: set[tuple[str, str]] = set()
        while len(done) < len(self.pairs):
            for pair in sorted(self.pairs.keys() - done):
                done.add(pair)
                self._typed_dict_pair(*pair)
            self._discover()

    def _typed_dict_pair(self, ref_name: str, gen_name: str) -> None:
        contexts = self.pairs[(ref_name, gen_name)]
        r, g = self.ref.typed_dicts.get(ref_name), self.gen.typed_dicts.get(gen_name)
        label = ref_name if ref_name == gen_name else f"{ref_name} (generated {gen_name})"
        if r is None or g is None:
            self._item("typed_dicts", label, [("type", "not a TypedDict on one side")])
            return
        if self.names:
            self._name_item(f"TypedDict {ref_name}", ref_name, gen_name)
        unstated = self.unstated and contexts == {OUTPUT_NESTED}
        child = INPUT if INPUT in contexts else OUTPUT_NESTED
        for key in sorted(r.keys.keys() | g.keys.keys()):
            where = f"{label}.{key}"
            if not self._presence("typed_dicts", where, key in r.keys, key in g.keys):
                continue
            rk, gk = r.keys[key], g.keys[key]
            kinds: list[tuple[str, str]] = []
            kind = self.cmp(rk.type, gk.type, child, where)
            if kind:
                kinds.append((kind, f"reference {rk.type}, generated {gk.type}"))
            detail = f"reference {_req(rk.required)}, generated {_req(gk.required)}"
            if unstated:
                self._item("response_required", where, [] if rk.required == gk.required else [("required", detail)])
            elif rk.required != gk.required:
                kinds.append(("required", detail))
            self._item("typed_dicts", where, kinds)

    def literal_items(self) -> None:
        for (rv, rn, gv, gn), where in sorted(
            self.literals.items(), key=lambda kv: (sorted(kv[0][0]), str(kv[0][1]), str(kv[0][3]))
        ):
            label = rn or where
            kinds: list[tuple[str, str]] = []
            if rv != gv:
                missing, extra = sorted(rv - gv), sorted(gv - rv)
                kinds.append(("literal-values", f"missing {missing[:6]}, extra {extra[:6]}"))
            self._item("literals", f"Literal {label}", kinds)
            if self.names and rn is not None:
                self._name_item(f"Literal {label}", rn, gn)

    def run(self) -> Report:
        self.methods()
        self.exceptions()
        self.helpers("paginators", self.ref.paginators, self.gen.paginators, "paginate")
        self.helpers("waiters", self.ref.waiters, self.gen.waiters, "wait")
        self.typed_dicts()
        self.literal_items()
        return self.report


def _page(t: Type) -> Type:
    """The page type of ``PageIterator[X]`` (or X itself)."""
    if isinstance(t, Generic) and len(t.args) == 1:
        return t.args[0]
    return t


def _worst(a: str | None, b: str | None) -> str | None:
    return a if _SEVERITY[a] >= _SEVERITY[b] else b


def _req(flag: bool) -> str:
    return "required" if flag else "not required"


def _shape_key(t: Type) -> str:
    """A name-free description of ``t``'s outer shape, for pairing union members."""
    if isinstance(t, TD):
        return "TD"
    if isinstance(t, Lit):
        return "Literal"
    if isinstance(t, Scalar):
        return t.name
    if isinstance(t, Coll):
        return f"{t.kind}[{_shape_key(t.item)}]"
    if isinstance(t, MapT):
        return f"{t.kind}[{_shape_key(t.key)},{_shape_key(t.value)}]"
    if isinstance(t, Generic):
        return f"{t.base}[{','.join(_shape_key(a) for a in t.args)}]"
    return "Union[" + ",".join(sorted(_shape_key(m) for m in t.members)) + "]"


def compare(
    ref: StubPackage, gen: StubPackage, *, names: bool = False, unstated_response_required: bool = False
) -> Report:
    return Comparator(ref, gen, names=names, unstated_response_required=unstated_response_required).run()
