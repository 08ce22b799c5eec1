"""The formatter hands black a skeleton (black-clean statements replaced by
placeholders) and must give exactly what black gives for the whole file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.merge import merge
from generator.parsers import parse_document
from generator.pipeline import _templates
from generator.render.format import RenderError, _skeleton, format_source
from generator.render.package import Options, render_package
from tests.conftest import ROOT, seed


def _raw_files(name: str, data: bytes, options: Options) -> dict[str, str]:
    """The files of one document's package as the templates render them, before black."""
    parsed, diags = parse_document(name, data)
    assert parsed is not None, [str(d) for d in diags]
    service, _ = merge([parsed])  # as the pipeline does: names no document defines get a type
    files = render_package(service, options, _templates())
    return {rel.as_posix(): text for rel, text in files.items() if rel.suffix in (".py", ".pyi")}


DOCS = [
    *sorted((ROOT / "tests" / "fixtures" / "reference").glob("*/*.gz")),
    seed("000"),
    seed("001"),
    seed("003"),
    seed("004"),
]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_skeleton_formatting_equals_black_on_whole_files(doc: Path) -> None:
    data = doc.read_bytes()
    if doc.suffix == ".gz":
        data = gzip.decompress(data)
    name = doc.name.removesuffix(".gz")
    checked = 0
    styles = (Options(), Options(kwargs_style="unpack")) if doc.suffix == ".txt" else (Options(),)
    for options in styles:
        for path, text in _raw_files(name, data, options).items():
            assert format_source(path, text, full=False) == format_source(path, text, full=True), path
            checked += 1
    assert checked >= 8


def _check(text: str, path: str = "m.pyi") -> str:
    got = format_source(path, text, full=False)
    assert got == format_source(path, text, full=True)
    return got


def test_blank_lines_black_would_change_are_changed() -> None:
    # two blank lines between classes in a stub (black wants one), none
    # between an import and a class, three between assignments
    text = (
        "from typing import TypedDict\n"
        "class A(TypedDict):\n    a: int\n\n\n"
        "class B(TypedDict):\n    b: int\n"
        "class C(TypedDict):\n    c: int\n"
        "X = 1\n\n\n\nY = 2\n"
    )
    _check(text)
    _check(text, "m.py")


def test_long_lines_and_methods_go_to_black() -> None:
    long_key = "    Key: NotRequired[Mapping[str, Sequence[" + "VeryLongName" * 6 + "TypeDef]]]\n"
    text = (
        "from typing import Any\n"
        "class A(TypedDict):\n"
        '    """Doc."""\n\n'
        "    a: int\n" + long_key + "    b: str\n"
        "class Client:\n"
        "    x: int\n"
        "    def f(self, *, A: int, B: str = ..., C: Sequence[Mapping[str, Any]] = ..., D: bool = ...) -> None: ...\n"
        "    y: int\n"
        'X = Literal["' + '", "'.join(f"value{i}" for i in range(40)) + '"]\n'
        "__all__ = (\n    \"A\",\n    \"Client\",\n)\n"
        "__all__ = (\n    'A',\n    'Client',\n)\n"
    )
    out = _check(text)
    assert "def f(\n" in out and "X = Literal[\n" in out


def test_methods_laid_out_like_black() -> None:
    params = ", ".join(f"P{i}: Sequence[str] = ..." for i in range(12))
    text = (
        "class Client:\n"
        "    def short(self) -> None: ...\n"
        "    def middle(self, *, Alpha: str, Beta: Mapping[str, Any] = ..., Gamma: bool = ...) -> ResponseTypeDef: ...\n"
        f"    def long(self, *, {params}) -> dict[str, Any]:\n"
        '        """Does it."""\n'
        "\n"
        '    def quoted(self, *, A: Literal["a, b", \'c)\'] = ..., B: int = ..., C: int = ..., D: int = ...) -> None:\n'
        '        """Quoted "words" inside and a trailing blank """\n'
        "\n"
        "    def odd(self,A:int) -> None: ...\n"
        "    @property\n"
        "    def exceptions(self) -> Exceptions: ...\n"
    )
    out = _check(text)
    assert "    def middle(\n        self, *, Alpha" in out
    assert "        P11: Sequence[str] = ...,\n    ) -> dict[str, Any]:\n" in out


def test_statements_sharing_a_line_and_placeholder_names_fall_back_to_black() -> None:
    _check("a = 1; b = 2\nc = 3\n")
    _check("_stubwright_chunk_0_ = 1\nx = 2\n")
    text = "class A:\n    a: int\nclass _stubwright_chunk_0_:\n    b: int\n"
    assert _check(text).count("class") == 2


def test_clean_statements_become_placeholders() -> None:
    import ast

    text = "import a\nimport b\n\nclass A(TypedDict):\n    a: int\n\nclass B(TypedDict):\n    b: int\n"
    skeleton, chunks = _skeleton(text, ast.parse(text), pyi=True)
    # the two imports are one placeholder, the two classes another
    assert len(chunks) == 2 and skeleton.count("_stubwright_chunk_") == 3


def test_invalid_python_is_a_render_error() -> None:
    with pytest.raises(RenderError, match=r"m\.pyi:1"):
        format_source("m.pyi", "def (:\n")
