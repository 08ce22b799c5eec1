"""``stubwright diff``: the golden 002 → 001 update of ChimeSDKIdentity, and
the classification rules (docs/diff.md) on edited models.

``python -m tests.test_diff`` rewrites the expected files of
``tests/cases_diff/*`` (review them against the documents)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from generator.diff import Change, diff_paths, diff_services, format_report
from generator.model import (
    EnumRef,
    EnumShape,
    ListType,
    Member,
    Paginator,
    ScalarKind,
    ScalarType,
    Service,
    ServiceError,
    StructRef,
    StructShape,
    Waiter,
)
from generator.pipeline import load
from tests.conftest import ROOT, seed

CASES = sorted(p for p in (ROOT / "tests" / "cases_diff").iterdir() if (p / "case.json").exists())
#: expected file → (format, --docs)
OUTPUTS = {"expected.txt": ("text", False), "expected.json": ("json", False), "expected-docs.md": ("markdown", True)}


def _render(case: Path) -> dict[str, str]:
    spec = json.loads((case / "case.json").read_text())
    report = diff_paths([Path(spec["old"])], [Path(spec["new"])])
    assert not [d for d in report.diagnostics if d.level.value == "error"]
    return {name: format_report(report, fmt, docs=docs) for name, (fmt, docs) in OUTPUTS.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the case names its documents relative to the repo
    for name, text in _render(case).items():
        assert text == (case / name).read_text(encoding="utf-8"), f"{case.name}/{name} differs; run `python -m tests.test_diff` and review"


def test_cli_prints_the_golden_text_and_json() -> None:
    case = ROOT / "tests" / "cases_diff" / "chime_002_001"
    spec = json.loads((case / "case.json").read_text())
    for fmt, expected in (("text", "expected.txt"), ("json", "expected.json")):
        proc = subprocess.run(
            [sys.executable, "-m", "generator", "diff", spec["old"], spec["new"], "--format", fmt, "--fail-on-breaking"],
            cwd=ROOT, capture_output=True, text=True,
        )
        assert proc.returncode == 0, proc.stderr  # adding operations breaks no caller
        assert proc.stdout == (case / expected).read_text(encoding="utf-8")


def test_seed_update_lists_exactly_the_new_operations() -> None:
    (old,), _ = load([seed("002")])
    (new,), _ = load([seed("001")])
    changes = diff_services([old], [new])
    added = sorted(c.subject for c in changes if c.kind == "operation-added")
    assert added == [
        "operation deregister_app_instance_user_endpoint",
        "operation describe_app_instance_user_endpoint",
        "operation list_app_instance_user_endpoints",
        "operation list_tags_for_resource",
        "operation register_app_instance_user_endpoint",
        "operation tag_resource",
        "operation untag_resource",
        "operation update_app_instance_user_endpoint",
    ]
    rest = [c for c in changes if c.kind != "operation-added"]
    assert {c.kind for c in rest} == {"description-changed"}
    assert {(c.subject, c.path) for c in rest} == {
        (f"operation {op}", path)
        for op in ("create_app_instance", "create_app_instance_user")
        for path in ("Tags[]", "Tags[].Key", "Tags[].Value")
    }


def test_the_reverse_update_is_breaking() -> None:
    (old,), _ = load([seed("002")])
    (new,), _ = load([seed("001")])
    removed = [c for c in diff_services([new], [old]) if c.kind == "operation-removed"]
    assert len(removed) == 8 and all(c.breaking for c in removed)


# --------------------------------------------------------------------------- rules

STR, INT, FLT = ScalarType(ScalarKind.STRING), ScalarType(ScalarKind.INTEGER), ScalarType(ScalarKind.FLOAT)


@pytest.fixture(scope="module")
def chime() -> Service:
    (service,), _ = load([seed("001")])
    return service


def _edit_struct(service: Service, name: str, **members: Member | None) -> Service:
    """Replace (or with ``None`` drop) members of a structure; new names are appended."""
    shape = service.struct(name)
    kept = [members.get(m.name, m) for m in shape.members]
    kept += [m for n, m in members.items() if m is not None and n not in {x.name for x in shape.members}]
    structs = tuple(replace(s, members=tuple(m for m in kept if m is not None)) if s.name == name else s for s in service.structs)
    return replace(service, structs=structs, _struct_index={})


def _member(service: Service, struct: str, name: str) -> Member:
    return next(m for m in service.struct(struct).members if m.name == name)


def _changes(old: Service, new: Service) -> list[tuple[str, str, str, bool]]:
    return [(c.subject, c.kind, c.path, c.breaking) for c in diff_services([old], [new]) if not c.is_doc]


def test_identical_models_have_no_changes(chime: Service) -> None:
    assert diff_services([chime], [chime]) == []


def test_parameters_added_removed_required(chime: Service) -> None:
    req = "UpdateAppInstanceUserEndpointRequest"
    name = _member(chime, req, "Name")
    new = _edit_struct(chime, req, Name=replace(name, required=True), Extra=Member(name="Extra", type=STR, required=False), Mandatory=Member(name="Mandatory", type=INT, required=True))
    new = _edit_struct(new, "CreateAppInstanceRequest", Metadata=None)
    op = "operation update_app_instance_user_endpoint"
    assert _changes(chime, new) == [
        ("operation create_app_instance", "parameter-removed", "Metadata", True),
        (op, "parameter-added", "Extra", False),
        (op, "parameter-added", "Mandatory", True),
        (op, "parameter-required", "Name", True),
    ]
    back = [(c[1], c[3]) for c in _changes(new, chime) if c[0] == op and c[2] == "Name"]
    assert back == [("parameter-optional", False)]


def test_rename_candidate_same_type(chime: Service) -> None:
    req = "DescribeAppInstanceUserEndpointRequest"
    endpoint = _member(chime, req, "EndpointId")
    new = _edit_struct(chime, req, EndpointId=None, EndpointIdentifier=replace(endpoint, name="EndpointIdentifier"))
    (change,) = diff_services([chime], [new])
    assert (change.kind, change.path, change.old, change.new, change.breaking) == ("parameter-renamed", "EndpointId", "EndpointId", "EndpointIdentifier", True)


def test_type_changes_follow_the_side(chime: Service) -> None:
    req, resp = "ListAppInstanceUserEndpointsRequest", "ListAppInstanceUserEndpointsResponse"
    max_results = _member(chime, req, "MaxResults")
    widened = _edit_struct(chime, req, MaxResults=replace(max_results, type=FLT))
    op = "operation list_app_instance_user_endpoints"
    assert _changes(chime, widened) == [(op, "type-changed", "MaxResults", False)]  # int → float: takes more
    assert _changes(widened, chime) == [(op, "type-changed", "MaxResults", True)]  # float → int: takes less
    token = _member(chime, resp, "NextToken")
    as_int = _edit_struct(chime, resp, NextToken=replace(token, type=INT))
    assert _changes(chime, as_int) == [(op, "type-changed", "NextToken", True)]


def test_enum_values_and_enum_to_string(chime: Service) -> None:
    enums = tuple(replace(e, values=(*e.values, "FCM")) if e.name == "AppInstanceUserEndpointType" else e for e in chime.enums)
    more = replace(chime, enums=enums)
    changes = _changes(chime, more)
    assert ("operation register_app_instance_user_endpoint", "enum-value-added", "Type", False) in changes
    assert ("operation describe_app_instance_user_endpoint", "enum-value-added", "AppInstanceUserEndpoint.Type", False) in changes
    assert all(kind == "enum-value-added" for _, kind, _, _ in changes)
    assert {kind for _, kind, _, breaking in _changes(more, chime) if breaking} == {"enum-value-removed"}
    req = "RegisterAppInstanceUserEndpointRequest"
    as_str = _edit_struct(chime, req, Type=replace(_member(chime, req, "Type"), type=STR))
    assert _changes(chime, as_str) == [("operation register_app_instance_user_endpoint", "type-changed", "Type", False)]
    assert _changes(as_str, chime) == [("operation register_app_instance_user_endpoint", "type-changed", "Type", True)]


def test_response_keys(chime: Service) -> None:
    resp = "RegisterAppInstanceUserEndpointResponse"
    new = _edit_struct(chime, resp, EndpointId=None, Created=Member(name="Created", type=ScalarType(ScalarKind.TIMESTAMP), required=False))
    new = _edit_struct(new, "DescribeAppInstanceResponse", AppInstance=replace(_member(chime, "DescribeAppInstanceResponse", "AppInstance"), required=False))
    assert _changes(chime, new) == [
        ("operation describe_app_instance", "response-key-optional", "AppInstance", True),
        ("operation register_app_instance_user_endpoint", "response-key-added", "Created", False),
        ("operation register_app_instance_user_endpoint", "response-key-removed", "EndpointId", True),
    ]


def test_synthesised_names_do_not_matter(chime: Service) -> None:
    """The same API with other names for its nested structures and enums."""
    structs = {s.name: f"X{s.name}" for s in chime.structs}
    enums = {e.name: f"Y{e.name}" for e in chime.enums}

    def ren(t: object) -> object:
        if isinstance(t, StructRef):
            return StructRef(structs[t.name])
        if isinstance(t, EnumRef):
            return EnumRef(enums[t.name])
        if isinstance(t, ListType):
            return ListType(ren(t.item))  # type: ignore[arg-type]
        return t

    renamed = replace(
        chime,
        structs=tuple(replace(s, name=structs[s.name], members=tuple(replace(m, type=ren(m.type)) for m in s.members)) for s in chime.structs),  # type: ignore[arg-type]
        enums=tuple(replace(e, name=enums[e.name]) for e in chime.enums),
        operations=tuple(replace(o, input=ren(o.input) if o.input else None, output=ren(o.output) if o.output else None) for o in chime.operations),  # type: ignore[arg-type]
        _struct_index={},
    )
    assert diff_services([chime], [renamed]) == []


def test_nested_member_changes_have_paths(chime: Service) -> None:
    attrs = "EndpointAttributes"
    new = _edit_struct(chime, attrs, VoipDeviceToken=replace(_member(chime, attrs, "VoipDeviceToken"), required=True))
    changes = _changes(chime, new)
    assert ("operation register_app_instance_user_endpoint", "parameter-required", "EndpointAttributes.VoipDeviceToken", True) in changes
    # the same structure on the response side: a key that is now always there
    assert ("operation describe_app_instance_user_endpoint", "response-key-required", "AppInstanceUserEndpoint.EndpointAttributes.VoipDeviceToken", False) in changes


def test_recursive_structures_terminate() -> None:
    node = StructShape(name="Node", members=(Member(name="Children", type=ListType(StructRef("Node")), required=False), Member(name="V", type=STR, required=True)))
    req = StructShape(name="OpRequest", members=(Member(name="Root", type=StructRef("Node"), required=True),))
    from generator.model import Operation

    old = Service(name="X", client_id="x", structs=(node, req), operations=(Operation(method_name="op", name="Op", input=StructRef("OpRequest")),))
    new_node = replace(node, members=(*node.members, Member(name="W", type=INT, required=False)))
    new = replace(old, structs=(new_node, req), _struct_index={})
    assert _changes(old, new) == [("operation op", "parameter-added", "Root.W", False)]


def test_exceptions_paginators_waiters_services() -> None:
    base = Service(name="X", client_id="x", errors=(ServiceError(name="AErr"),), paginators=(Paginator(name="ListA", method_name="list_a"),))
    new = replace(base, errors=(ServiceError(name="BErr"),), paginators=(), waiters=(Waiter(name="Ready", waiter_name="ready"),))
    assert _changes(base, new) == [
        ("paginator list_a", "paginator-removed", "", True),
        ("waiter ready", "waiter-added", "", False),
        ("exception AErr", "exception-removed", "", True),
        ("exception BErr", "exception-added", "", False),
    ]
    other = Service(name="Y", client_id="y")
    kinds = [(c.service, c.kind, c.breaking) for c in diff_services([base], [other])]
    assert kinds == [("x", "service-removed", True), ("y", "service-added", False)]


def test_enum_shape_missing_is_not_a_crash() -> None:
    req = StructShape(name="R", members=(Member(name="E", type=EnumRef("Gone"), required=True),))
    svc = Service(name="X", client_id="x", structs=(req,), enums=(EnumShape(name="Other", values=("A",)),))
    from generator.model import Operation

    svc = replace(svc, operations=(Operation(method_name="op", name="Op", input=StructRef("R")),))
    assert diff_services([svc], [svc]) == []


def test_ordering_is_deterministic(chime: Service) -> None:
    (old,), _ = load([seed("002")])
    first = diff_services([old], [chime])
    assert first == sorted(first, key=Change.sort_key)
    assert diff_services([old], [chime]) == first


def main() -> int:
    import os

    os.chdir(ROOT)
    for case in CASES:
        for name, text in _render(case).items():
            (case / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"regenerated {case}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
