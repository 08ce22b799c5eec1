"""Why a difference remains.

Every mismatch of a fidelity run is matched against the rules below, in
order; the first that applies gives its reason. A reason has a class:

- ``doc``: the document does not carry the information (or states
  something else): no reader can do better from that document;
- ``builder``: the reference stubs add what no document states
  (mypy-boto3-builder's own type maps, boto3's runtime conversions); for a
  reader of the botocore pages this is a ``doc`` reason too;
- ``choice``: stubwright deliberately differs, because its type is more
  precise and type checkers accept it (the text says why); not a gap, and
  not to be closed;
- ``gap``: stubwright could do it from the document and does not yet; the
  text says where and how to fix it.

A mismatch no rule explains is reported as an unexplained gap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .compare import Mismatch
from .stubs import TD, Coll, Generic, MapT, StubPackage, Type, UnionT

DOC, BUILDER, CHOICE, GAP = "doc", "builder", "choice", "gap"
#: the classes of differences that stay: what fixing every gap would reach counts them as matched
SETTLED = frozenset({DOC, BUILDER, CHOICE})
MARKDOWN = frozenset({"markdown-new", "markdown-old", "markdown-old-4.20"})
REFERENCE = frozenset({"reference-text", "reference-html", "reference-text-old", "reference-html-old"})
ANY_FORMAT = MARKDOWN | REFERENCE


@dataclass
class Context:
    """What a rule may look at besides the mismatch."""

    fmt: str
    service: str
    ref: StubPackage
    gen: StubPackage
    docs: Path

    @cached_property
    def top_responses(self) -> set[str]:
        """Reference TypedDicts that are an operation's (or a page's) response."""
        names: set[str] = set()
        for method in [*self.ref.methods.values(), *self.ref.paginators.values()]:
            t = method.returns
            if isinstance(t, Generic) and t.args:
                t = t.args[0]
            if isinstance(t, TD):
                names.add(t.name)
        return names

    @cached_property
    def undocumented_requests(self) -> set[str]:
        """Reference TypedDicts reached only from requests whose Parameters
        list botocore left out of the page ("This section is too large to
        render")."""
        methods = _too_large_parameters(self.docs)
        if not methods:
            return set()
        hidden = _reach(self.ref, [self.ref.methods[m].unpacked for m in methods if m in self.ref.methods])
        shown = _reach(self.ref, [m.unpacked for name, m in self.ref.methods.items() if name not in methods])
        return hidden - shown

    @cached_property
    def service_model(self) -> Any:
        """botocore's model of the service (the botocore of this venv, which
        built the current corpus), or None."""
        try:
            import botocore.session

            return botocore.session.get_session().get_service_model(self.service)
        except Exception:  # any failure: the rule does without it
            return None

    def member_target_keys(self, typed_dict: str, key: str) -> set[str] | None:
        """The member names of the structure that ``typed_dict``'s ``key``
        holds (through lists), by botocore's model; None when unknown."""
        model = self.service_model
        if model is None:
            return None
        base = typed_dict.removesuffix("TypeDef")
        names = [base] + [base.removesuffix(s) for s in ("Output", "Paginator", "Request", "Response") if base.endswith(s)]
        for name in names:
            try:
                shape = model.shape_for(name)
            except Exception:  # no such shape (botocore raises NoShapeFoundError)
                continue
            member = getattr(shape, "members", {}).get(key)
            if member is None:
                continue
            while member.type_name == "list":
                member = member.member
            return set(member.members) if member.type_name == "structure" else None
        return None

    def gen_typed_dict_is_empty(self, name: str) -> bool:
        td = self.gen.typed_dicts.get(name)
        return td is not None and not (set(td.keys) - {"ResponseMetadata"})


@dataclass(frozen=True)
class Rule:
    id: str
    cls: str
    formats: frozenset[str]
    text: str
    applies: Callable[[Mismatch, Context], bool] = field(compare=False)

    def reason(self) -> str:
        return f"[{self.cls}] {self.id}: {self.text}"


# --------------------------------------------------------------------------- helpers


def _reach(pkg: StubPackage, roots: Iterable[str | None]) -> set[str]:
    seen: set[str] = set()
    stack = [r for r in roots if r]
    while stack:
        name = stack.pop()
        if name in seen or name not in pkg.typed_dicts:
            continue
        seen.add(name)
        for key in pkg.typed_dicts[name].keys.values():
            stack.extend(_tds(key.type))
    return seen


def _tds(t: Type) -> list[str]:
    if isinstance(t, TD):
        return [t.name]
    if isinstance(t, Coll):
        return _tds(t.item)
    if isinstance(t, MapT):
        return _tds(t.key) + _tds(t.value)
    if isinstance(t, UnionT):
        return [n for m in t.members for n in _tds(m)]
    if isinstance(t, Generic):
        return [n for a in t.args for n in _tds(a)]
    return []


_METHOD_LINE = re.compile(r"^([a-z_][a-z0-9_]*)\(\*\*kwargs\)$|^[a-z_][a-z0-9_]*\(", re.M)


def _too_large_parameters(docs: Path) -> set[str]:
    """Client methods whose Parameters section the page replaces by "This
    section is too large to render" (read from the text page; an HTML page
    is read through its text twin, rendered from the same reST)."""
    text_path = docs.with_suffix(".txt") if docs.suffix == ".html" else docs
    if not text_path.is_file():
        return set()
    found: set[str] = set()
    current = None
    pending_parameters = False
    for line in text_path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([a-z_][a-z0-9_]*)\(\*\*kwargs\)$", line)
        if match:
            current = match.group(1)
            pending_parameters = False
            continue
        if line.strip() in ("**Parameters**", "Parameters"):
            pending_parameters = True
        elif line.strip() in ("Return type", "Returns", "Response Syntax"):
            pending_parameters = False
        elif pending_parameters and "too large to render" in line and current:
            found.add(current)
    return found


def _detail_has(*needles: str) -> Callable[[Mismatch, Context], bool]:
    return lambda m, _: any(n in m.detail for n in needles)


def _ref_key(m: Mismatch) -> tuple[str, str] | None:
    """``(reference TypedDict, key)`` of a typed_dicts mismatch."""
    if m.category != "typed_dicts":
        return None
    head, _, key = m.where.rpartition(".")
    return head.split(" ", 1)[0], key


# --------------------------------------------------------------------------- rules


def _empty_response(m: Mismatch, ctx: Context) -> bool:
    if m.kind != "type":
        return False
    match = re.match(r"reference (dict|Mapping)\[str, Any\], generated (\w+)$", m.detail)
    if not match:
        return False
    gen = match.group(2)
    return gen == "EmptyResponseMetadataTypeDef" or ctx.gen_typed_dict_is_empty(gen)


def _none_return(m: Mismatch, _: Context) -> bool:
    return m.category == "returns" and m.detail == "reference None, generated EmptyResponseMetadataTypeDef"


def _dynamodb_values(m: Mismatch, ctx: Context) -> bool:
    if ctx.service != "dynamodb":
        return False
    if "bytearray" in m.detail or "AttributeValueTypeDef" in m.detail:
        return True
    key = _ref_key(m)
    return key is not None and key[0] == "AttributeValueTypeDef"


def _s3_unions(m: Mismatch, ctx: Context) -> bool:
    return ctx.service == "s3" and bool(re.search(r"reference (str \| bytes|str \| CopySourceTypeDef)", m.detail))


_INJECTED = ("copy", "download_file", "download_fileobj", "upload_file", "upload_fileobj", "generate_presigned_post")


def _boto3_injected(m: Mismatch, ctx: Context) -> bool:
    return ctx.service == "s3" and any(
        m.where.startswith(f"client.{name}(") or m.where == f"client.{name}" for name in _INJECTED
    )


def _top_required(m: Mismatch, ctx: Context) -> bool:
    key = _ref_key(m)
    return m.kind == "required" and key is not None and key[0] in ctx.top_responses


def _too_large(m: Mismatch, ctx: Context) -> bool:
    if m.kind != "required" or "reference required, generated not required" not in m.detail:
        return False
    if m.category == "parameters":
        method = m.where.split("(", 1)[0].removeprefix("client.")
        return method in _too_large_parameters(ctx.docs)
    key = _ref_key(m)
    return key is not None and key[0] in ctx.undocumented_requests


_ENUM_KEY = re.compile(r"((?:Mapping|dict)\[)(\w+Type|Literal\[[^\]]*\])(, )")


def _map_key_enum(m: Mismatch, _: Context) -> bool:
    """``Mapping[SomeType, X]`` / ``Mapping[Literal[...], X]`` against
    ``Mapping[str, X]``, also inside another map (``dict[str, dict[FillingTypeType, str]]``)."""
    if m.kind != "type":
        return False
    if re.search(r"reference (Mapping|dict)\[(\w+Type|Literal\[[^\]]*\]), .*generated (Mapping|dict)\[str, ", m.detail):
        return True
    found = re.match(r"reference (.*), generated (.*)$", m.detail)
    if found is None or _ENUM_KEY.search(found.group(1)) is None:
        return False
    return _ENUM_KEY.sub(r"\1str\3", found.group(1)) == found.group(2)


_RECURSIVE = re.compile(
    r"reference (?P<ref_list>(?:Sequence|list)\[)?(?:Mapping|dict)\[str, Any\]\]?, "
    r"generated (?P<gen_list>(?:Sequence|list)\[)?(?P<gen>\w+)\]?$"
)


def _recursion(m: Mismatch, ctx: Context, *, wrong_target: bool = False) -> tuple[bool, bool] | None:
    """A key whose reference type is ``dict[str, Any]`` (or a list of it)
    where the generated one is a TypedDict that leads back to the key's own
    TypedDict: the builder cut a recursive reference. Gives whether the
    reference and the generated type are lists. On reference pages the
    reader resolves botocore's marker ``{'... recursive ...'}`` to the
    nearest enclosing structure, which may be the wrong one: the generated
    TypedDict's keys must be the target's (botocore's model) unless
    ``wrong_target``, which asks for the opposite."""
    match = _RECURSIVE.match(m.detail)
    key = _ref_key(m)
    if m.kind != "type" or not match or key is None:
        return None
    gen = match.group("gen")
    head = m.where.rpartition(".")[0]
    owner = re.search(r"\(generated (\w+)\)", head)
    owner_name = owner.group(1) if owner else key[0]
    if gen not in ctx.gen.typed_dicts or ctx.gen_typed_dict_is_empty(gen):
        return None
    if gen != owner_name and owner_name not in _reach(ctx.gen, [gen]):
        return None
    target = ctx.member_target_keys(key[0], key[1]) if ctx.fmt in REFERENCE else None
    wrong = target is not None and not set(ctx.gen.typed_dicts[gen].keys) <= target
    if wrong != wrong_target:
        return None
    return bool(match.group("ref_list")), bool(match.group("gen_list"))


def _recursive_cut(m: Mismatch, ctx: Context) -> bool:
    """The builder types a structure's reference to itself (directly or
    through other structures, or a list of them) as ``dict[str, Any]``;
    stubwright keeps the recursion. The same shape otherwise: a list on
    both sides or on neither."""
    found = _recursion(m, ctx)
    return found is not None and found[0] == found[1]


def _recursive_list(m: Mismatch, ctx: Context) -> bool:
    """A recursive reference the reference stubs type as a list, and
    stubwright as the structure itself: the page prints botocore's marker
    ``{'... recursive ...'}`` in place of the whole list. (When the page's
    entry says ``(list)`` this is not the reason: the rule leaves it
    unexplained, to be looked at.)"""
    found = _recursion(m, ctx)
    return found is not None and found[0] and not found[1]


def _list_entry_on_page(m: Mismatch, ctx: Context) -> bool:
    """The page's Parameters / Response Structure lists the key as ``(list)``
    (read from the text page; an HTML page through its text twin)."""
    text_path = ctx.docs.with_suffix(".txt") if ctx.docs.suffix == ".html" else ctx.docs
    key = m.where.rpartition(".")[2]
    if not text_path.is_file():
        return False
    return re.search(rf"^[\s•*-]*{re.escape(key)} \(list\) --", text_path.read_text(encoding="utf-8"), re.M) is not None


def _response_not_shown(m: Mismatch, ctx: Context) -> bool:
    """The whole response typed ``dict[str, Any]`` because the page shows
    no Response Syntax (a comment-only block)."""
    if m.kind != "type" or not m.detail.endswith("generated dict[str, Any]"):
        return False
    if m.category == "returns":
        method = m.where.removeprefix("client.")
    elif m.category == "paginators" and m.where.endswith(".paginate -> page"):
        name = m.where.split(".", 1)[0].removesuffix("Paginator")
        method = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
    else:
        return False
    return method in _responses_not_shown(ctx.docs)


def _responses_not_shown(docs: Path) -> set[str]:
    """Methods (and paginators, by method name) whose Response Syntax is
    only botocore's too-large note (read from the text page)."""
    text_path = docs.with_suffix(".txt") if docs.suffix == ".html" else docs
    if not text_path.is_file():
        return set()
    found: set[str] = set()
    current = ""
    lines = text_path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^([a-z_][a-z0-9_]*)\(\*\*kwargs\)$", line)
        if match and match.group(1) not in ("paginate", "wait"):
            current = match.group(1)
        getter = re.match(r"^paginator = client\.get_paginator\('([a-z0-9_]+)'\)", line)
        if getter:
            current = getter.group(1)
        if line.strip() == "Response Syntax":
            following = [x for x in lines[i + 1 : i + 4] if x.strip()]
            if following and following[0].startswith("# This section is too large to render"):
                found.add(current)
    return found


def _copy_source_keys(m: Mismatch, ctx: Context) -> bool:
    return ctx.service == "s3" and m.kind == "required" and m.where.startswith("CopySourceTypeDef.")


def _expires_string(m: Mismatch, ctx: Context) -> bool:
    return ctx.service == "s3" and m.kind == "extra" and m.where.endswith(".ExpiresString")


def _paginator_config(m: Mismatch, _: Context) -> bool:
    return m.kind == "missing" and m.where.startswith("PaginatorConfigTypeDef") and m.where.endswith(".PageSize")


def _hidden_params(m: Mismatch, ctx: Context) -> bool:
    return (
        ctx.service == "ec2"
        and m.kind == "missing"
        and m.where
        in (
            "client.copy_snapshot(DestinationRegion)",
            "client.copy_snapshot(PresignedUrl)",
        )
    )


def _literal_overlay(m: Mismatch, ctx: Context) -> bool:
    return m.kind == "literal-values" and (
        (ctx.service == "sqs" and "QueueAttributeFilterType" in m.where)
        or (ctx.service == "ec2" and "import_instance(Platform)" in m.where)
    )


#: (service, start of the place) → what the older markdown (builder 5.5.0) says instead;
#: each checked by hand against the corpus documents
OLD_MARKDOWN_SAYS = {
    (
        "cloudformation",
        "GetTemplateOutputTypeDef.TemplateBody",
    ): "`str` (builder 8.x maps it to `dict[str, Any]`: boto3 parses the template)",
    (
        "cloudformation",
        "Literal ResourceStatusType",
    ): "two more values (`UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`, `UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS`)",
    ("ec2", "client.create_tags(Resources)"): "`Sequence[Any]`",
    ("ec2", "client.delete_tags(Resources)"): "`Sequence[Any]`",
    ("ec2", "TagTypeDef.Key"): "`Key` required",
    ("lambda", "InvocationResponseTypeDef."): "every key optional, `Payload: IO[bytes]`",
    (
        "s3",
        "SelectObjectContentOutputTypeDef.Payload",
    ): "`SelectObjectContentEventStreamTypeDef`, without `EventStream[...]`",
}


def _old_markdown_says(m: Mismatch, ctx: Context) -> bool:
    if ctx.service == "s3" and m.kind == "extra" and m.where.endswith("SSECustomerKeyMD5)"):
        return True  # the older markdown lists the MD5 parameters botocore fills in itself
    return any(ctx.service == svc and m.where.startswith(place) for svc, place in OLD_MARKDOWN_SAYS)


RULES: tuple[Rule, ...] = (
    Rule(
        "older-markdown-says-otherwise",
        DOC,
        frozenset({"markdown-old", "markdown-old-4.20"}),
        "the older markdown states it differently from builder 8.x for the same botocore: "
        + "; ".join(f"{svc} `{place}`: {says}" for (svc, place), says in OLD_MARKDOWN_SAYS.items())
        + "; s3: it lists the `SSECustomerKeyMD5` / `CopySourceSSECustomerKeyMD5` parameters",
        _old_markdown_says,
    ),
    Rule(
        "empty-response",
        GAP,
        ANY_FORMAT,
        "an operation (or member) whose structure has no members: the builder writes `dict[str, Any]` "
        "(request side `Mapping[str, Any]`); the readers keep an empty `StructShape` (`{}` Response Syntax, "
        "`-> Dict[str, Any]`) and render/annotate.py renders it so. What remains here is a reader that "
        "loses the empty structure (folds it into `output=None`, `EmptyResponseMetadataTypeDef`)",
        _empty_response,
    ),
    Rule(
        "returns-none",
        DOC,
        REFERENCE,
        "the builder types ec2 `create_tags`/`delete_tags` as `-> None` (its own override); the page says "
        "'Returns: None', as it does for every operation without a response structure",
        _none_return,
    ),
    Rule(
        "returns-none-older-markdown",
        DOC,
        frozenset({"markdown-old", "markdown-old-4.20"}),
        "the builder types ec2 `create_tags`/`delete_tags` as `-> None`; the older markdown prints no return "
        "for them, as for every operation without a response structure",
        _none_return,
    ),
    Rule(
        "returns-none",
        GAP,
        frozenset({"markdown-new"}),
        "the markdown says `-> None` (ec2 `create_tags`/`delete_tags`): markdown_new sets "
        "`Operation.returns_none`, rendered `-> None`; a remaining one is a reader that misses it",
        _none_return,
    ),
    Rule(
        "dynamodb-values",
        BUILDER,
        REFERENCE,
        "DynamoDB attribute values: the builder types them as boto3's Python values "
        "(`UniversalAttributeValueTypeDef`: `AttributeValueTypeDef | bytes | str | int | Decimal | set[...] | ...`) "
        "and keeps one `AttributeValueTypeDef` for both sides; the botocore page documents the wire format "
        "(`{'S': 'string', ...}`)",
        _dynamodb_values,
    ),
    Rule(
        "dynamodb-values",
        DOC,
        frozenset({"markdown-old", "markdown-old-4.20"}),
        "DynamoDB attribute values: the older builder's markdown prints its union without "
        "`AttributeValueTypeDef` (`Union[bytes, bytearray, str, int, Decimal, ...]`) and uses it on the "
        "response side too, where builder 8.x writes `AttributeValueTypeDef`",
        _dynamodb_values,
    ),
    Rule(
        "dynamodb-values",
        GAP,
        frozenset({"markdown-new"}),
        "DynamoDB attribute values: the unions are read (`UnionType`); the builder prints one "
        "`AttributeValueTypeDef` for both sides, typed as on requests (`B: bytes`, `L: Sequence[Any]`): "
        "the reader reads a TypedDict member's `bytes` as the Python value and marks a TypedDict printed "
        "without an `XOutputTypeDef` twin `shared` (one name, members as printed); a remaining one is a "
        "shape the page prints otherwise",
        _dynamodb_values,
    ),
    Rule(
        "s3-unions",
        BUILDER,
        REFERENCE,
        "the builder widens `SSECustomerKey` / `CopySourceSSECustomerKey` to `str | bytes` (its type map); "
        "the page says 'string'",
        _s3_unions,
    ),
    Rule(
        "s3-unions",
        DOC,
        frozenset({"markdown-old", "markdown-old-4.20"}),
        "the older builder did not widen these: its markdown says `str` (`SSECustomerKey`) / `Any`",
        _s3_unions,
    ),
    Rule(
        "s3-unions",
        GAP,
        frozenset({"markdown-new"}),
        "the markdown says `Union[str, bytes]` / `Union[str, CopySourceTypeDef]`, read as a `UnionType`; "
        "a remaining one is an annotation the reader cannot read",
        _s3_unions,
    ),
    Rule(
        "boto3-injected",
        DOC,
        REFERENCE,
        "boto3's injected S3 transfer methods (`copy`, `upload_file`, ...): not on botocore's page",
        _boto3_injected,
    ),
    Rule(
        "boto3-injected",
        DOC,
        frozenset({"markdown-old", "markdown-old-4.20"}),
        "boto3's injected S3 methods: the older markdown types the parameters without `| None` "
        "(`ExtraArgs: Dict[str, Any]`, `Config: TransferConfig`) and prints no return type",
        _boto3_injected,
    ),
    Rule(
        "boto3-injected",
        GAP,
        frozenset({"markdown-new"}),
        "boto3's injected S3 methods (`copy`, `upload_file`, `generate_presigned_post`, ...): the markdown "
        "types every parameter (`ExtraParam.annotation`) and the return (`Service.extra_returns`); a "
        "remaining one is an annotation the reader cannot read",
        _boto3_injected,
    ),
    Rule(
        "response-top-required",
        DOC,
        frozenset({"markdown-old", "markdown-old-4.20"}),
        "builders before 8.x marked every top-level response key required and the older markdown says so; "
        "the reader applies stubwright's policy (generator/response_keys.py: `NextToken`, `nextToken`, "
        "`PaginationToken`, s3 `Contents`/`CommonPrefixes`, dynamodb `LastEvaluatedKey`/`Item`, "
        "stepfunctions `DescribeExecution` keys NotRequired, as builder 8.x), since their 'required' says "
        "nothing; where botocore's model marks a pagination token required (sagemaker `DescribeFeatureGroup`, "
        "`ListFeatureGroups` `NextToken`) builder 8.x follows the model, which the markdown does not tell apart",
        _top_required,
    ),
    Rule(
        "response-top-required",
        DOC,
        REFERENCE,
        "top-level response keys: the page never states their flags, so stubwright applies its policy "
        "(generator/response_keys.py, docs/design.md), which leaves out the same keys as the builder; the "
        "builder also follows botocore's model where it marks a pagination token required (sagemaker "
        "`DescribeFeatureGroupResponse.NextToken`), which the page does not say",
        _top_required,
    ),
    Rule(
        "response-not-shown",
        DOC,
        REFERENCE,
        "botocore prints '# This section is too large to render.' in place of this operation's Response "
        "Syntax and Response Structure (sagemaker `search` and its paginator): the page does not show the "
        "response, so it is typed `dict[str, Any]` (warning syntax-not-shown)",
        _response_not_shown,
    ),
    Rule(
        "copy-source-keys",
        DOC,
        REFERENCE,
        "s3 `CopySource`: the page writes the dict form only in the Request Syntax "
        "(`'string' or {'Bucket': ..., 'Key': ..., 'VersionId': ...}`) and lists no entries for its keys; "
        "only the prose says that `VersionId` may be omitted, so no key is marked [REQUIRED]",
        _copy_source_keys,
    ),
    Rule(
        "expires-string",
        BUILDER,
        REFERENCE,
        "s3 `get_object`/`head_object` `ExpiresString`: botocore adds it to the parsed response (a handler) "
        "and documents it on the page; the builder reads the service model, which does not have it",
        _expires_string,
    ),
    Rule(
        "too-large",
        DOC,
        REFERENCE,
        "botocore replaces the Parameters list of this operation by 'This section is too large to render': "
        "the page gives the request's structure (Request Syntax) but no [REQUIRED] flag. Nor does it carry "
        "the flags elsewhere: the rule counts only structures no other request uses (checked for glue "
        "`create_job`/`update_job`: their nested structures appear otherwise only in responses, whose "
        "Response Structure is too large as well and would give no flags anyway)",
        _too_large,
    ),
    Rule(
        "map-key-enum",
        DOC,
        REFERENCE,
        "a map whose keys are an enum: the page prints the key as 'string' and lists no values for it",
        _map_key_enum,
    ),
    Rule(
        "recursive-cut",
        CHOICE,
        ANY_FORMAT,
        "a structure that contains itself (directly or through others): the builder types the reference "
        "that closes the cycle `dict[str, Any]` (`Mapping`/`Sequence[Mapping[str, Any]]` on requests); "
        "stubwright keeps the recursive TypedDict, which says what the value holds, and mypy --strict and "
        "pyright (strict) accept it (the runtime twin quotes the forward reference, docs/design.md). The "
        "newer markdown prints the builder's `Dict[str, Any]`, so it does not occur there",
        _recursive_cut,
    ),
    Rule(
        "recursion-target",
        GAP,
        REFERENCE,
        "botocore's marker `{'... recursive ...'}` stands for a structure already being documented further "
        "out, not necessarily the nearest enclosing one, and the syntax does not say which. "
        "parsers/reference_build.py `_recursion_target` takes the one the entry's description names ('A "
        "Table object ...'), a list of the nearest list item for a `(list)` entry, else the nearest; a "
        "marker this still resolves to a structure botocore does not put there lands here. Fix: teach "
        "`_recursion_target` the clue the page gives, or type it `dict[str, Any]` with a warning (the "
        "builder's typing) when none does",
        lambda m, ctx: _recursion(m, ctx, wrong_target=True) is not None,
    ),
    Rule(
        "recursive-list",
        DOC,
        REFERENCE,
        "a recursive member that is a list of the enclosing structure (glue `Mapping.Children`): botocore "
        "prints the marker `{'... recursive ...'}` in place of the whole list, and the page lists no entry "
        "for it (the Response Structure is too large to render), so nothing says it is a list",
        lambda m, ctx: _recursive_list(m, ctx) and not _list_entry_on_page(m, ctx),
    ),
    Rule(
        "paginator-config",
        DOC,
        REFERENCE,
        "this paginator's page documents `PaginationConfig` without `PageSize` (the operation has no page "
        "size); the builder uses its one `PaginatorConfigTypeDef` for every paginator",
        _paginator_config,
    ),
    Rule(
        "hidden-parameters",
        DOC,
        REFERENCE,
        "botocore hides the parameters it fills in itself (ec2 `copy_snapshot` `DestinationRegion`, "
        "`PresignedUrl`) from the page; the builder lists them",
        _hidden_params,
    ),
    Rule(
        "literal-overlay",
        BUILDER,
        ANY_FORMAT - {"markdown-new"},
        "the builder's literal map changes these values (sqs `QueueAttributeFilterType` gets the message "
        "system attribute names; ec2 `import_instance` `Platform` is 'windows'); the document has botocore's",
        _literal_overlay,
    ),
)


#: (pattern of the error a failed generation printed, reason)
FAILURES: tuple[tuple[str, str], ...] = ()


def explain_failure(message: str) -> str:
    for pattern, reason in FAILURES:
        if pattern in message:
            return reason
    return "[gap] generation-failed: the generator stops with an error on this document (a reader gap)"


def explain(fmt: str, service: str, m: Mismatch, ctx: Context) -> str | None:
    for rule in RULES:
        if fmt in rule.formats and rule.applies(m, ctx):
            return rule.reason()
    return None


def explain_all(fmt: str, service: str, mismatches: Iterable[Mismatch], ctx: Context) -> list[str | None]:
    return [explain(fmt, service, m, ctx) for m in mismatches]
