"""Why a difference remains.

Every mismatch of a fidelity run is matched against the rules below, in
order; the first that applies gives its reason. A reason has a class:

- ``doc``: the document does not carry the information (or states
  something else): no reader can do better from that document;
- ``builder``: the reference stubs add what no document states
  (mypy-boto3-builder's own type maps, boto3's runtime conversions); for a
  reader of the botocore pages this is a ``doc`` reason too;
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

from .compare import Mismatch
from .stubs import TD, Coll, Generic, MapT, StubPackage, Type, UnionT

DOC, BUILDER, GAP = "doc", "builder", "gap"
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


def _old_top_required(m: Mismatch, ctx: Context) -> bool:
    return _top_required(m, ctx) and "reference not required, generated required" in m.detail


def _too_large(m: Mismatch, ctx: Context) -> bool:
    if m.kind != "required" or "reference required, generated not required" not in m.detail:
        return False
    if m.category == "parameters":
        method = m.where.split("(", 1)[0].removeprefix("client.")
        return method in _too_large_parameters(ctx.docs)
    key = _ref_key(m)
    return key is not None and key[0] in ctx.undocumented_requests


def _paginator_metadata(m: Mismatch, _: Context) -> bool:
    return m.kind == "missing" and m.where.endswith(".ResponseMetadata") and "Paginator" in m.where


def _map_key_enum(m: Mismatch, _: Context) -> bool:
    """``Mapping[SomeType, X]`` / ``Mapping[Literal[...], X]`` against ``Mapping[str, X]``."""
    return m.kind == "type" and bool(
        re.search(r"reference (Mapping|dict)\[(\w+Type|Literal\[[^\]]*\]), .*generated (Mapping|dict)\[str, ", m.detail)
    )


def _recursive_cut(m: Mismatch, ctx: Context) -> bool:
    """The builder types a structure's reference to itself (directly or
    through a list) as ``dict[str, Any]``; stubwright keeps the recursion."""
    match = re.match(
        r"reference (?:Sequence|list)?\[?(?:Mapping|dict)\[str, Any\]\]?, generated (?:Sequence\[|list\[)?(\w+)\]?$",
        m.detail,
    )
    if m.kind != "type" or not match:
        return False
    key = _ref_key(m)
    gen = match.group(1)
    if key is None or gen not in ctx.gen.typed_dicts:
        return False
    # the generated TypedDict reaches the one the key belongs to: a cycle
    return not ctx.gen_typed_dict_is_empty(gen) and _cycle(ctx.gen, gen)


def _cycle(pkg: StubPackage, start: str) -> bool:
    seen: set[str] = set()
    stack = [n for key in pkg.typed_dicts[start].keys.values() for n in _tds(key.type)]
    while stack:
        name = stack.pop()
        if name == start:
            return True
        if name in seen or name not in pkg.typed_dicts:
            continue
        seen.add(name)
        stack.extend(n for key in pkg.typed_dicts[name].keys.values() for n in _tds(key.type))
    return False


def _float_ellipsis(m: Mismatch, _: Context) -> bool:
    return m.kind == "type" and m.detail == "reference float, generated Any"


def _event_stream(m: Mismatch, _: Context) -> bool:
    return (
        m.kind == "type" and m.detail.startswith("reference EventStream[") and "generated EventStream[" not in m.detail
    )


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


def _raw_field_list(m: Mismatch, ctx: Context) -> bool:
    return ctx.service == "ec2" and (
        "get_spot_placement_scores" in m.where
        or m.where.startswith(
            (
                "InstanceRequirementsRequestTypeDef",
                "MemoryMiBRequestTypeDef",
                "VCpuCountRangeRequestTypeDef",
                "GetSpotPlacementScoresResultTypeDef",
            )
        )
    )


def _get_session(m: Mismatch, _: Context) -> bool:
    return m.where == "client.get_session" and m.kind == "missing"


def _output_fold(m: Mismatch, ctx: Context) -> bool:
    """markdown-new: a TypedDict paired with a differently named one. The
    names come from the document, so the pairing went through a parent
    ``XOutputTypeDef`` that was read as X although one of its members points
    to a different shape (the key sets are equal)."""
    if m.category == "names":
        return m.detail.startswith("reference ") and "TypeDef" in m.detail
    return m.category == "typed_dicts" and "(generated " in m.where


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
        "(request side `Mapping[str, Any]`), stubwright `EmptyResponseMetadataTypeDef` or an empty TypedDict. "
        "The documents say it (`{}` Response Syntax on reference pages, `-> Dict[str, Any]` in markdown). "
        "Fix: readers keep an empty `StructShape` for it (markdown_new/markdown_old map `Dict[str, Any]` to "
        "`output=None` today); render/annotate.py renders a `StructRef` to a shape without members as "
        "`dict[str, Any]` / `Mapping[str, Any]` and type_defs emits no TypedDict for it.",
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
        "the markdown says `-> None` (ec2 `create_tags`/`delete_tags`); the readers fold it into 'no "
        "response' (`EmptyResponseMetadataTypeDef`). Fix: a model flag `Operation.returns_none` set by "
        "the markdown readers, rendered as `-> None`",
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
        GAP,
        MARKDOWN,
        "DynamoDB attribute values: the markdown prints the builder's union "
        "(`Union[AttributeValueTypeDef, bytes, bytearray, str, int, Decimal, set[int], ...]`); the model has "
        "no union type, so the annotation reader gives `Any`. Fix: a `UnionType` (or opaque annotation) "
        "in generator/model.py, read by parsers/annotations.py `_union`, rendered by render/annotate.py",
        _dynamodb_values,
    ),
    Rule(
        "s3-unions",
        BUILDER,
        REFERENCE,
        "the builder widens `SSECustomerKey` to `str | bytes` and `CopySource` to `str | CopySourceTypeDef` "
        "(its type maps); the page says 'string' / a dict",
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
        "the markdown says `Union[str, bytes]` / `Union[str, CopySourceTypeDef]`; the model has no union "
        "type (see dynamodb-values for the fix)",
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
        GAP,
        MARKDOWN,
        "boto3's injected S3 methods (`copy`, `upload_file`, `generate_presigned_post`, ...): the markdown "
        "types every parameter; the model keeps them as `ExtraParam` (name and default only) and the client "
        "template writes `Any`. Fix: `ExtraParam.annotation` (a model type, or the doc's annotation text) "
        "read by markdown_new/markdown_old, rendered in templates/client.pyi.jinja",
        _boto3_injected,
    ),
    Rule(
        "response-top-required",
        DOC,
        frozenset({"markdown-old", "markdown-old-4.20"}),
        "builders before 8.x marked every top-level response key required and the older markdown says so "
        "(`NextToken`, `Contents`, `LastEvaluatedKey`, ...); builder 8.x leaves the keys of its "
        "REQUIRED_ATTRIBUTE_MAP (`NextToken`, `nextToken`, `PaginationToken`, `Contents`, `Item`, "
        "`CommonPrefixes`, dynamodb `LastEvaluatedKey`, stepfunctions `DescribeExecution`...) NotRequired",
        _old_top_required,
    ),
    Rule(
        "response-top-required",
        GAP,
        REFERENCE,
        "top-level response keys: the page never states their flags; stubwright's rule (docs/design.md: "
        "all required but `Next...Token`/`Next...Marker`/`Marker`) differs from the builder's, which makes "
        "all required but `NextToken`, `nextToken`, `PaginationToken`, `Contents`, `Item`, `CommonPrefixes`, "
        "dynamodb `LastEvaluatedKey` and eleven stepfunctions `DescribeExecutionOutput` keys "
        "(mypy_boto3_builder/type_maps/required_attribute_map.py). Fix: use that list in "
        "parsers/reference_build.py (`PAGINATION_TOKEN_RE`) and docs/design.md",
        _top_required,
    ),
    Rule(
        "too-large",
        DOC,
        REFERENCE,
        "botocore replaces the Parameters list of this operation by 'This section is too large to render': "
        "the page gives the request's structure (Request Syntax) but no [REQUIRED] flag",
        _too_large,
    ),
    Rule(
        "paginator-response-metadata",
        GAP,
        MARKDOWN,
        "a paginator's own response TypedDict (`XResponsePaginatorTypeDef`) has `ResponseMetadata` in the "
        "builder's stubs; the readers drop `ResponseMetadata` and the renderer adds it to operation "
        "responses only. Fix: render/package.py `type_defs()`: count paginator outputs as responses",
        _paginator_metadata,
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
        GAP,
        ANY_FORMAT,
        "a structure that contains itself: the builder types the inner reference `dict[str, Any]` "
        "(`Mapping`/`Sequence[Mapping[str, Any]]` on requests), stubwright keeps the recursive TypedDict "
        "(more precise; mypy and pyright accept it). To match: render/annotate.py renders a reference to a "
        "structure from inside itself as a document",
        _recursive_cut,
    ),
    Rule(
        "float-ellipsis",
        GAP,
        REFERENCE,
        "botocore prints some float members as `...` in the syntax blocks and '(float)' in the lists; "
        "parsers/reference_build.py `_type` overrides a scalar by its type word only when the syntax said "
        "'string'. Fix: also when it is `...` (ScalarKind.ANY)",
        _float_ellipsis,
    ),
    Rule(
        "event-stream",
        GAP,
        REFERENCE,
        "an `EventStream({...})` response member: `_raw` marks it kind 'eventstream' but "
        "parsers/reference_build.py `_type` builds a plain structure. Fix: `if raw.kind == 'eventstream': "
        "return EventStreamType(self._struct(...))`",
        _event_stream,
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
    Rule(
        "raw-field-list",
        GAP,
        REFERENCE,
        "ec2 `get_spot_placement_scores`: Sphinx left this method's field list unprocessed, so the page shows "
        "'type X' / 'param X' / '[REQUIRED]' paragraphs (HTML: `<dt>type X</dt>` fields) instead of a "
        "Parameters list (and, in HTML, no Returns field the reader finds); the readers skip that layout. "
        "Fix: parsers/reference_text.py and reference_html.py read `type NAME` / `param NAME` fields as "
        "entries of the top-level parameters",
        _raw_field_list,
    ),
    Rule(
        "get-session",
        GAP,
        ANY_FORMAT,
        "glue's `GetSession` operation: generator/naming.py RESERVED_METHODS holds `get_session` because the "
        "runtime client module imports botocore's `get_session`; the method is skipped (warning bad-name). "
        "Fix: import it as `_get_session` in templates/client.pyi.jinja and drop it from RESERVED_METHODS",
        _get_session,
    ),
    Rule(
        "output-fold",
        GAP,
        frozenset({"markdown-new"}),
        "a TypedDict paired with a differently named one: its parent `XOutputTypeDef` was folded into X "
        "because the key sets are equal, although a member points to a different shape (glue "
        "`CatalogPropertiesOutput.DataLakeAccessProperties` -> `DataLakeAccessPropertiesOutput`, sagemaker "
        "`ClusterRestrictedInstanceGroupsConfigOutput.SharedEnvironmentConfig` -> "
        "`ClusterSharedEnvironmentConfigDetails`). Fix: "
        "parsers/markdown_new.py folds only when every member's type is equal after folding "
        "(iterate to a fixpoint)",
        _output_fold,
    ),
)


#: (pattern of the error a failed generation printed, reason)
FAILURES: tuple[tuple[str, str], ...] = (
    (
        "'string' or {",
        "[gap] copy-source-or: s3 `CopySource` is written `'string' or {'Bucket': 'string', ...}` in the Request "
        "Syntax (botocore's hand-written documentation of that parameter); `_raw` rejects it (bad-syntax-block) "
        "and the whole service fails. Fix: parsers/reference_build.py `_parse_source` reads `A or B` as "
        "alternatives (a `str | structure` member; with no union in the model, the structure, and a warning)",
    ),
    (
        "expected one statement in the code block",
        "[gap] too-large-syntax: a Response Syntax block that is only botocore's note '# This section is too "
        "large to render.' (comments, no statement) fails the whole service. Fix: parsers/reference_build.py "
        "`_parse_block` reads a block without statements as an unknown response (`dict[str, Any]`) with a "
        "warning; the page does not carry that response's structure (a doc reason for what remains)",
    ),
    (
        "leading zeros in decimal integer literals",
        "[gap] too-large-in-syntax-html: botocore's too-large note for the Parameters of glue `create_job` / "
        "`update_job` is indented into the Request Syntax literal block, so the HTML `<pre>` ends with "
        "'**Parameters** :: # This section is too large to render. `AWS API Documentation <...2017-03-31...>`_' "
        "and does not parse. Fix: parsers/reference_html.py cuts a syntax block at a line `**Parameters**` "
        "(reference_text.py already stops there)",
    ),
)


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
