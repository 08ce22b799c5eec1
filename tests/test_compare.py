"""The fidelity comparator (tools/fidelity): identical packages score 1.0,
names and spelling that do not change the types do not count, and every
kind of difference lowers the score and is listed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tools.fidelity.compare import Report, compare
from tools.fidelity.stubs import load_package

CLIENT = """
from collections.abc import Mapping
from typing import Any, Literal, overload
from botocore.client import BaseClient, ClientMeta
from botocore.errorfactory import BaseClientExceptions
from botocore.exceptions import ClientError as BotocoreClientError
from typing_extensions import Unpack
from .paginator import ListThingsPaginator
from .waiter import ThingExistsWaiter
from .type_defs import (
    CreateThingRequestTypeDef, CreateThingResponseTypeDef, EmptyResponseMetadataTypeDef,
    DeleteThingRequestTypeDef, ListThingsResponseTypeDef,
)

class Exceptions(BaseClientExceptions):
    ClientError: type[BotocoreClientError]
    NotFoundException: type[BotocoreClientError]

class ThingClient(BaseClient):
    meta: ClientMeta
    @property
    def exceptions(self) -> Exceptions: ...
    def create_thing(self, **kwargs: Unpack[CreateThingRequestTypeDef]) -> CreateThingResponseTypeDef: ...
    def delete_thing(self, **kwargs: Unpack[DeleteThingRequestTypeDef]) -> EmptyResponseMetadataTypeDef: ...
    def list_things(self) -> ListThingsResponseTypeDef: ...
    @overload
    def get_paginator(self, operation_name: Literal["list_things"]) -> ListThingsPaginator: ...
    @overload
    def get_waiter(self, waiter_name: Literal["thing_exists"]) -> ThingExistsWaiter: ...
"""

TYPE_DEFS = """
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Union
from typing_extensions import NotRequired, TypedDict
from .literals import ColorType, SizeType

TimestampTypeDef = Union[datetime, str]

class TagTypeDef(TypedDict):
    Key: str
    Value: NotRequired[str]

class PartTypeDef(TypedDict):
    Size: SizeType
    Tags: NotRequired[Sequence[TagTypeDef]]

class PartOutputTypeDef(TypedDict):
    Size: SizeType
    Tags: NotRequired[list[TagTypeDef]]

PartUnionTypeDef = Union[PartTypeDef, PartOutputTypeDef]

class CreateThingRequestTypeDef(TypedDict):
    Name: str
    Color: NotRequired[ColorType]
    Parts: NotRequired[Sequence[PartUnionTypeDef]]
    When: NotRequired[TimestampTypeDef]
    Labels: NotRequired[Mapping[str, str]]

class ResponseMetadataTypeDef(TypedDict):
    RequestId: str
    HTTPStatusCode: int

class EmptyResponseMetadataTypeDef(TypedDict):
    ResponseMetadata: ResponseMetadataTypeDef

class CreateThingResponseTypeDef(TypedDict):
    Parts: list[PartOutputTypeDef]
    Created: datetime
    ResponseMetadata: ResponseMetadataTypeDef

class DeleteThingRequestTypeDef(TypedDict):
    Name: str

class ListThingsRequestPaginateTypeDef(TypedDict):
    Prefix: NotRequired[str]

class ListThingsResponseTypeDef(TypedDict):
    Names: list[str]
    NextToken: NotRequired[str]
    ResponseMetadata: ResponseMetadataTypeDef

class ThingExistsRequestWaitTypeDef(TypedDict):
    Name: str
"""

LITERALS = """
from typing import Literal
ColorType = Literal["red", "green"]
SizeType = Literal["S", "M", "L"]
"""

PAGINATOR = """
from botocore.paginate import PageIterator, Paginator
from typing_extensions import Unpack
from .type_defs import ListThingsRequestPaginateTypeDef, ListThingsResponseTypeDef

class ListThingsPaginator(Paginator):
    def paginate(self, **kwargs: Unpack[ListThingsRequestPaginateTypeDef]) -> PageIterator[ListThingsResponseTypeDef]: ...
"""

WAITER = """
from botocore.waiter import Waiter
from typing_extensions import Unpack
from .type_defs import ThingExistsRequestWaitTypeDef

class ThingExistsWaiter(Waiter):
    def wait(self, **kwargs: Unpack[ThingExistsRequestWaitTypeDef]) -> None: ...
"""

FILES = {
    "client.pyi": CLIENT,
    "type_defs.pyi": TYPE_DEFS,
    "literals.pyi": LITERALS,
    "paginator.pyi": PAGINATOR,
    "waiter.pyi": WAITER,
}


def write(root: Path, name: str, edits: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    package = root / name / "types_boto3_thing"
    package.mkdir(parents=True)
    for file, text in FILES.items():
        for old, new in (edits or {}).get(file, []):
            assert old in text, old
            text = text.replace(old, new)
        (package / file).write_text(textwrap.dedent(text), encoding="utf-8")
    return root / name


def run(tmp_path: Path, edits: dict[str, list[tuple[str, str]]], **options: bool) -> Report:
    ref = write(tmp_path, "ref")
    gen = write(tmp_path, "gen", edits)
    return compare(load_package(ref), load_package(gen), **options)


def kinds(report: Report) -> set[tuple[str, str]]:
    return {(m.category, m.kind) for m in report.mismatches}


def test_identical_packages_score_one(tmp_path: Path) -> None:
    report = run(tmp_path, {}, names=True)
    assert report.score == 1.0
    assert report.mismatches == []
    cats = report.categories
    assert cats["methods"].total == 4  # exceptions, create/delete/list_things
    assert cats["parameters"].total == 6
    assert cats["returns"].total == 4
    assert cats["literals"].total == 2
    assert cats["exceptions"].total == 2
    assert cats["paginators"].total == 3  # class, Prefix, page type
    assert cats["waiters"].total == 2  # class, Name
    assert cats["typed_dicts"].total > 10


def test_renamed_typed_dicts_and_literals_still_score_one(tmp_path: Path) -> None:
    renames = [
        ("TagTypeDef", "LabelPairTypeDef"),
        ("PartTypeDef", "PieceTypeDef"),
        ("PartOutputTypeDef", "PieceOutputTypeDef"),
    ]
    edits = {
        "type_defs.pyi": [*renames, ("SizeType", "PartSizeType"), ("PartUnionTypeDef", "PieceUnionTypeDef")],
        "literals.pyi": [("SizeType", "PartSizeType")],
    }
    # every occurrence: renames go through str.replace on whole texts
    report = run(tmp_path, edits)
    assert report.score == 1.0, report.mismatches
    named = run(tmp_path / "names", edits, names=True)
    assert named.structural_score() == 1.0
    assert named.score < 1.0
    assert {m.kind for m in named.mismatches} == {"name"}
    assert any("LabelPairTypeDef" in m.detail for m in named.mismatches)
    assert any("PartSizeType" in m.detail for m in named.mismatches)


def test_unpack_and_explicit_keyword_only_compare_equal(tmp_path: Path) -> None:
    explicit = (
        "def create_thing(self, *, Name: str, Color: ColorType = ..., Parts: Sequence[PartTypeDef] = ..., "
        "When: TimestampTypeDef = ..., Labels: Mapping[str, str] = ...) -> CreateThingResponseTypeDef: ..."
    )
    edits = {
        "client.pyi": [
            (
                "def create_thing(self, **kwargs: Unpack[CreateThingRequestTypeDef]) -> CreateThingResponseTypeDef: ...",
                explicit,
            ),
            (
                "from collections.abc import Mapping",
                "from collections.abc import Mapping, Sequence\nfrom .literals import ColorType\nfrom .type_defs import PartTypeDef, TimestampTypeDef",
            ),
        ]
    }
    report = run(tmp_path, edits)
    assert report.mismatches == []
    assert report.score == 1.0


def test_union_alias_is_the_plain_typed_dict(tmp_path: Path) -> None:
    # Parts: Sequence[PartTypeDef] instead of Sequence[PartUnionTypeDef]
    edits = {
        "type_defs.pyi": [
            ("Parts: NotRequired[Sequence[PartUnionTypeDef]]", "Parts: NotRequired[Sequence[PartTypeDef]]")
        ]
    }
    assert run(tmp_path, edits).score == 1.0


def test_functional_typed_dict_and_total_false_compare_equal(tmp_path: Path) -> None:
    edits = {
        "type_defs.pyi": [
            (
                "class TagTypeDef(TypedDict):\n    Key: str\n    Value: NotRequired[str]\n",
                'TagTypeDef = TypedDict("TagTypeDef", {"Key": Required[str], "Value": str}, total=False)\n',
            ),
            (
                "from typing_extensions import NotRequired, TypedDict",
                "from typing_extensions import NotRequired, Required, TypedDict",
            ),
        ]
    }
    assert run(tmp_path, edits).score == 1.0


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            {"client.pyi": [("    def list_things(self) -> ListThingsResponseTypeDef: ...\n", "")]},
            {("methods", "missing")},
            id="missing-method",
        ),
        pytest.param(
            {
                "client.pyi": [
                    ("    def list_things(self)", "    def list_all(self) -> None: ...\n    def list_things(self)")
                ]
            },
            {("methods", "extra")},
            id="extra-method",
        ),
        pytest.param(
            {"type_defs.pyi": [("    Labels: NotRequired[Mapping[str, str]]\n", "")]},
            {("parameters", "missing")},
            id="missing-parameter",
        ),
        pytest.param(
            {"type_defs.pyi": [("    Color: NotRequired[ColorType]", "    Color: ColorType")]},
            {("parameters", "required")},
            id="required-flag",
        ),
        pytest.param(
            {
                "type_defs.pyi": [
                    ("    Labels: NotRequired[Mapping[str, str]]", "    Labels: NotRequired[Mapping[str, int]]")
                ]
            },
            {("parameters", "type")},
            id="parameter-type",
        ),
        pytest.param(
            {
                "type_defs.pyi": [
                    ("    Labels: NotRequired[Mapping[str, str]]", "    Labels: NotRequired[dict[str, str]]")
                ]
            },
            {("parameters", "sequence-vs-list")},
            id="mapping-vs-dict",
        ),
        pytest.param(
            {
                "type_defs.pyi": [
                    ("    Tags: NotRequired[Sequence[TagTypeDef]]", "    Tags: NotRequired[list[TagTypeDef]]")
                ]
            },
            {("typed_dicts", "sequence-vs-list")},
            id="sequence-vs-list",
        ),
        pytest.param(
            {"type_defs.pyi": [("    Created: datetime\n", "    Created: str\n")]},
            {("typed_dicts", "type")},
            id="nested-key-type",
        ),
        pytest.param(
            {"type_defs.pyi": [("    Value: NotRequired[str]\n", "")]},
            {("typed_dicts", "missing")},
            id="nested-key-missing",
        ),
        pytest.param(
            {
                "client.pyi": [
                    (
                        "def delete_thing(self, **kwargs: Unpack[DeleteThingRequestTypeDef]) -> EmptyResponseMetadataTypeDef",
                        "def delete_thing(self, **kwargs: Unpack[DeleteThingRequestTypeDef]) -> dict[str, Any]",
                    )
                ]
            },
            {("returns", "type")},
            id="return-type",
        ),
        pytest.param(
            {"literals.pyi": [('SizeType = Literal["S", "M", "L"]', 'SizeType = Literal["S", "M"]')]},
            {("literals", "literal-values")},
            id="literal-values",
        ),
        pytest.param(
            {"client.pyi": [("    NotFoundException: type[BotocoreClientError]\n", "")]},
            {("exceptions", "missing")},
            id="exception",
        ),
        pytest.param(
            {"paginator.pyi": [("PageIterator[ListThingsResponseTypeDef]", "PageIterator[dict[str, Any]]")]},
            {("paginators", "type")},
            id="paginator-page-type",
        ),
        pytest.param(
            {"type_defs.pyi": [("    Prefix: NotRequired[str]", "    Prefix: NotRequired[int]")]},
            {("paginators", "type")},
            id="paginate-parameter",
        ),
        pytest.param(
            {"waiter.pyi": [("class ThingExistsWaiter", "class ThingGoneWaiter")]},
            {("waiters", "missing"), ("waiters", "extra")},
            id="waiter-name",
        ),
    ],
)
def test_each_difference_lowers_the_score_and_is_listed(
    tmp_path: Path, edits: dict[str, list[tuple[str, str]]], expected: set[tuple[str, str]]
) -> None:
    report = run(tmp_path, edits)
    assert report.score < 1.0
    assert kinds(report) == expected
    for category, _ in expected:
        assert report.categories[category].score < 1.0


def test_a_nested_difference_is_counted_once(tmp_path: Path) -> None:
    # TagTypeDef is reached from a request and a response: one key, one mismatch
    report = run(tmp_path, {"type_defs.pyi": [("    Key: str\n", "    Key: int\n")]})
    assert [(m.category, m.kind, m.where) for m in report.mismatches] == [("typed_dicts", "type", "TagTypeDef.Key")]


def test_unstated_response_required_flags_are_counted_apart(tmp_path: Path) -> None:
    # a key of a nested response structure (PartOutput) loses its required flag
    edits = {
        "type_defs.pyi": [
            (
                "class PartOutputTypeDef(TypedDict):\n    Size: SizeType",
                "class PartOutputTypeDef(TypedDict):\n    Size: NotRequired[SizeType]",
            )
        ]
    }
    strict = run(tmp_path, edits)
    assert kinds(strict) == {("typed_dicts", "required")}
    lenient = run(tmp_path / "lenient", edits, unstated_response_required=True)
    assert lenient.score == 1.0
    apart = lenient.categories["response_required"]
    assert apart.total > apart.matched
    # top-level response keys are not unstated: still a mismatch
    top = {"type_defs.pyi": [("    Created: datetime\n", "    Created: NotRequired[datetime]\n")]}
    assert kinds(run(tmp_path / "top", top, unstated_response_required=True)) == {("typed_dicts", "required")}


def test_generated_package_layouts_are_found(tmp_path: Path) -> None:
    # output/<module>/<module>/client.pyi and <module>_package/<module>/client.pyi
    root = write(tmp_path, "out")
    assert load_package(root).client_class == "ThingClient"
    assert load_package(root / "types_boto3_thing").client_class == "ThingClient"


def test_reasons_explain_known_differences(tmp_path: Path) -> None:
    from tools.fidelity.reasons import Context, explain

    # the reference types an empty response structure dict[str, Any], the generated
    # package EmptyResponseMetadataTypeDef; the generated NextToken is required
    empty = "def delete_thing(self, **kwargs: Unpack[DeleteThingRequestTypeDef]) -> "
    ref = load_package(
        write(tmp_path, "ref", {"client.pyi": [(empty + "EmptyResponseMetadataTypeDef", empty + "dict[str, Any]")]})
    )
    gen = load_package(
        write(tmp_path, "gen", {"type_defs.pyi": [("    NextToken: NotRequired[str]\n", "    NextToken: str\n")]})
    )
    report = compare(ref, gen)
    ctx = Context("reference-text", "thing", ref, gen, tmp_path / "thing.txt")
    reasons = {m.category: explain("reference-text", "thing", m, ctx) for m in report.mismatches}
    assert set(reasons) == {"returns", "typed_dicts"}
    assert reasons["returns"] is not None and "empty-response" in reasons["returns"]
    assert reasons["typed_dicts"] is not None and "response-top-required" in reasons["typed_dicts"]


def test_too_large_parameters_are_found(tmp_path: Path) -> None:
    from tools.fidelity.reasons import _too_large_parameters

    page = tmp_path / "x.txt"
    page.write_text(
        "create_job(**kwargs)\n\nRequest Syntax\n\nresponse = client.create_job(\n    Name='string'\n)\n\n"
        "**Parameters**\n::\n\n    # This section is too large to render.\n\nReturn type\n\ndict\n\n"
        "get_job(**kwargs)\n\nParameters\n  • Name (string) -- [REQUIRED]\n\nReturns\n\n"
        "Response Syntax\n\n# This section is too large to render.\n",
        encoding="utf-8",
    )
    assert _too_large_parameters(page) == {"create_job"}
    assert _too_large_parameters(page.with_suffix(".html")) == {"create_job"}


def test_recursive_references_the_builder_cuts_are_a_choice(tmp_path: Path) -> None:
    from tools.fidelity.reasons import CHOICE, SETTLED, Context, explain
    from tools.fidelity.run import Outcome, ceilings

    tag = "class TagTypeDef(TypedDict):\n    Key: str\n"
    cut = (
        "    Parent: NotRequired[Mapping[str, Any]]\n"
        "    Children: NotRequired[Sequence[Mapping[str, Any]]]\n"
        "    Kids: NotRequired[Sequence[Mapping[str, Any]]]\n"
        "    Other: NotRequired[Mapping[str, Any]]\n"
    )
    kept = (
        "    Parent: NotRequired[TagTypeDef]\n"
        "    Children: NotRequired[Sequence[TagTypeDef]]\n"
        "    Kids: NotRequired[TagTypeDef]\n"
        "    Other: NotRequired[DeleteThingRequestTypeDef]\n"
    )
    ref = load_package(write(tmp_path, "ref", {"type_defs.pyi": [(tag, tag + cut)]}))
    gen = load_package(write(tmp_path, "gen", {"type_defs.pyi": [(tag, tag + kept)]}))
    report = compare(ref, gen)
    page = tmp_path / "thing.txt"

    def reasons() -> dict[str, str | None]:
        ctx = Context("reference-text", "thing", ref, gen, page)
        return {m.where.rpartition(".")[2]: explain("reference-text", "thing", m, ctx) for m in report.mismatches}

    page.write_text("  • Kids (list) --\n", encoding="utf-8")
    found = reasons()
    assert set(found) == {"Parent", "Children", "Kids", "Other"}
    # the key's own TypedDict is reached again: the builder's cut, kept on purpose
    assert found["Parent"] is not None and found["Parent"].startswith(f"[{CHOICE}] recursive-cut")
    assert found["Children"] is not None and found["Children"].startswith(f"[{CHOICE}] recursive-cut")
    # a list where stubwright has the structure, and the page says "(list)": left to be looked at
    assert found["Kids"] is None
    # no cycle: not this rule
    assert found["Other"] is None
    # the page says nothing of a list: the marker stood for the whole list
    page.write_text("nothing about it\n", encoding="utf-8")
    assert (reasons()["Kids"] or "").startswith("[doc] recursive-list")
    assert CHOICE in SETTLED

    # a choice counts as matched in the ceiling, like doc and builder reasons
    outcome = Outcome(
        "reference-text", "thing", "ok", report, 0.0, {}, reasons=[reasons()[m.where.rpartition(".")[2]] for m in report.mismatches]
    )
    ceiling, unexplained = ceilings([outcome], "reference-text")
    assert unexplained == 1  # Other
    assert ceiling == (report.matched + 3) / report.total


def test_a_recursion_marker_resolved_to_the_wrong_structure_is_a_gap(tmp_path: Path) -> None:
    # glue StatusDetails.RequestedChange is a Table (Table -> Status -> Details
    # -> RequestedChange); taking the marker for the nearest structure gives
    # StatusDetails itself: not the builder's cut, a wrong type
    from tools.fidelity.compare import Mismatch
    from tools.fidelity.reasons import Context, explain

    status = "class StatusDetailsTypeDef(TypedDict):\n    RequestedChange: NotRequired[StatusDetailsTypeDef]\n"
    gen = load_package(write(tmp_path, "gen", {"type_defs.pyi": [("class TagTypeDef", status + "\nclass TagTypeDef")]}))
    ref = load_package(write(tmp_path, "ref"))
    ctx = Context("reference-text", "glue", ref, gen, tmp_path / "glue.txt")
    if ctx.service_model is None:
        pytest.skip("botocore has no glue model here")
    assert ctx.member_target_keys("StatusDetailsTypeDef", "RequestedChange") >= {"Name", "DatabaseName"}  # a Table
    m = Mismatch("typed_dicts", "type", "StatusDetailsTypeDef.RequestedChange", "reference dict[str, Any], generated StatusDetailsTypeDef")
    assert (explain("reference-text", "glue", m, ctx) or "").startswith("[gap] recursion-target")
    # the markdown names the structure itself: no guess to check
    md = Context("markdown-old", "glue", ref, gen, tmp_path / "glue")
    assert (explain("markdown-old", "glue", m, md) or "").startswith("[choice] recursive-cut")
