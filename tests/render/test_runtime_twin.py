"""The runtime twins (.py beside each .pyi) must import and evaluate with
the package's runtime dependencies only (botocore), whatever the stubs name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.render.imports import render_imports
from generator.render.package import Field, TypedDictDef, _runtime_defs
from generator.render.types import Import


def test_boto3_names_are_optional_at_run_time(tmp_path: Path) -> None:
    imports = [Import("boto3.s3.transfer", "TransferConfig"), Import("botocore.response", "StreamingBody")]
    stub = render_imports(imports)
    runtime = render_imports(imports, runtime=True)
    assert "from boto3.s3.transfer import TransferConfig" in stub and "try:" not in stub
    assert "try:\n    from boto3.s3.transfer import TransferConfig\nexcept ImportError:" in runtime
    assert "    TransferConfig = object" in runtime
    # the block runs where boto3 is missing: a stand-in module raises ImportError
    (tmp_path / "boto3").mkdir()
    (tmp_path / "boto3" / "__init__.py").write_text("raise ImportError('no boto3 here')\n")
    code = runtime + "\nprint(TransferConfig is object, StreamingBody.__name__)\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["True", "StreamingBody"]


def test_event_streams_are_quoted_in_the_twin() -> None:
    payload = Field("Payload", "EventStream[SelectEventTypeDef]", True, "EventStream[SelectEventTypeDef]")
    other = Field("Body", "NotRequired[StreamingBody]", False, "StreamingBody")
    (d,) = _runtime_defs([TypedDictDef("OutputTypeDef", (payload, other), False, "")])
    assert d.fields[0].annotation == '"EventStream[SelectEventTypeDef]"'
    assert d.fields[1].annotation == "NotRequired[StreamingBody]"
