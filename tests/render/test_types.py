"""Annotation objects, imports and the escaper render exact strings."""

from __future__ import annotations

import ast

from generator.render import types as t
from generator.render.imports import render_imports
from generator.render.text import docstring_body
from generator.render.types import Import, LiteralType, Subscript, quote


def test_annotations_render_and_know_their_imports() -> None:
    ann = Subscript(t.SEQUENCE, (Subscript(t.MAPPING, (t.STR, Subscript(t.SEQUENCE, (t.DATETIME,)))),))
    assert ann.render() == "Sequence[Mapping[str, Sequence[datetime]]]"
    assert ann.imports() == {Import("collections.abc", "Sequence"), Import("collections.abc", "Mapping"), Import("datetime", "datetime")}
    assert t.UnionType((t.STR, t.BYTES)).render() == "str | bytes"


def test_literal_values_are_always_valid_string_literals() -> None:
    hostile = ['"]; import os; #', "it's", "back\\slash", "new\nline", "ALL"]
    rendered = LiteralType(tuple(hostile)).render()
    tree = ast.parse(rendered, mode="eval")
    assert isinstance(tree.body, ast.Subscript)
    values = [elt.value for elt in tree.body.slice.elts]  # type: ignore[attr-defined]
    assert values == hostile
    assert quote("ALL") == '"ALL"'


def test_imports_are_grouped_sorted_and_version_gated() -> None:
    text = render_imports(
        {
            Import(".type_defs", "BTypeDef"),
            Import(".type_defs", "ATypeDef"),
            Import("botocore.client", "BaseClient"),
            Import("typing", "Any"),
            Import("typing", "NotRequired", since=(3, 12)),
            Import("botocore.exceptions", "ClientError", alias="BotocoreClientError"),
        }
    )
    assert text == (
        "import sys\n"
        "from typing import Any\n"
        "\n"
        "from botocore.client import BaseClient\n"
        "from botocore.exceptions import ClientError as BotocoreClientError\n"
        "\n"
        "from .type_defs import ATypeDef, BTypeDef\n"
        "\n"
        "if sys.version_info >= (3, 12):\n"
        "    from typing import NotRequired\n"
        "else:\n"
        "    from typing_extensions import NotRequired"
    )


def test_docstrings_cannot_close_their_quotes() -> None:
    hostile = 'Ends here """\nimport os\nos.system("id")\n""" \\'
    body = docstring_body(hostile)
    tree = ast.parse(f'"""{body}"""')
    (stmt,) = tree.body
    assert isinstance(stmt, ast.Expr)
    assert isinstance(stmt.value, ast.Constant)
    assert "import os" in stmt.value.value
