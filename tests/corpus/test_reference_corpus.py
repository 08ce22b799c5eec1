"""Checks of the reference-page renderer and of the fixtures it made."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

pytest.importorskip("bs4")

from .html_to_text import html_to_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reference"
HTML_FIXTURES = sorted(FIXTURES.glob("*/*.html.gz"))


def _read(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


@pytest.mark.parametrize("html_path", HTML_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_text_fixture_is_the_html_fixture_converted(html_path: Path) -> None:
    text_path = html_path.with_name(html_path.name.replace(".html.gz", ".txt.gz"))
    assert html_to_text(_read(html_path)) == _read(text_path)


def test_fixtures_are_present() -> None:
    assert len(HTML_FIXTURES) >= 8


def test_layout_of_a_parameter_list() -> None:
    html = """<div class="body" role="main">
    <dl class="py method"><dt class="sig sig-object py" id="X.Client.op">
    <span class="sig-name descname"><span class="pre">op</span></span><span
    class="sig-paren">(</span><em class="sig-param">**kwargs</em><span
    class="sig-paren">)</span></dt>
    <dd><p>Does it.</p>
    <dl class="field-list simple">
    <dt class="field-odd">Parameters<span class="colon">:</span></dt>
    <dd class="field-odd"><ul class="simple">
    <li><p><strong>A</strong> (<em>string</em>) -- <p><strong>[REQUIRED]</strong></p>
    <p>The a.</p>
    </p></li>
    <li><p><strong>B</strong> (<em>list</em>) -- Bs.</p></li>
    <li><p><strong>C</strong> (<em>dict</em>) -- <p>The c.</p>
    <ul><li><p><strong>D</strong> <em>(string) --</em> <strong>[REQUIRED]</strong></p>
    <p>The d.</p></li></ul>
    </p></li>
    </ul></dd>
    <dt class="field-even">Return type<span class="colon">:</span></dt>
    <dd class="field-even"><p>dict</p></dd>
    </dl></dd></dl></div>"""
    assert html_to_text(html) == (
        "op(**kwargs)\n"
        "\n"
        "Does it.\n"
        "\n"
        "Parameters\n"
        "  • A (string) --\n"
        "\n"
        "    [REQUIRED]\n"
        "\n"
        "    The a.\n"
        "\n"
        "  • B (list) -- Bs.\n"
        "  • C (dict) --\n"
        "\n"
        "    The c.\n"
        "\n"
        "    • D (string) -- [REQUIRED]\n"
        "\n"
        "      The d.\n"
        "\n"
        "Return type\n"
        "\n"
        "dict\n"
    )


def test_render_a_small_service(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    from .render_reference import render_service

    written = render_service("inspector-scan", "botocore", tmp_path, ("html", "text"))
    text = written["text"].read_text(encoding="utf-8")
    assert "class inspectorscan.Client\n" in text
    assert "scan_sbom(**kwargs)\n" in text
    assert "  • sbom (document) --\n" in text
    html = written["html"].read_text(encoding="utf-8")
    assert '<dt class="sig sig-object py" id="inspectorscan.Client.scan_sbom">' in html
