"""The Sphinx HTML reference reader: fragments with exact readings, and the
text/HTML twins of rendered pages, which must give the same model."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.diagnostics import DiagnosticError
from generator.model import EnumRef, ListType, ScalarKind, ScalarType, Service, SourceSpan, StructRef
from generator.naming import pascal_from_snake
from generator.parsers.detect import looks_like_reference_html as looks_like
from generator.parsers.reference_build import build_service
from generator.parsers.reference_html import read_html
from generator.parsers.reference_page import Entry, RefMethod, RefPage
from generator.parsers.reference_text import read_text
from tests.conftest import ROOT

PATH = "demo.html"
FIXTURES = ROOT / "tests" / "fixtures" / "reference"

HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Demo</title></head><body>
<div class="body" role="main">
<section id="demo">
<h1>Demo</h1>
<section id="client">
<h2>Client</h2>
<dl class="py class">
<dt class="sig sig-object py" id="Demo.Client">
<span class="property"><span class="k"><span class="pre">class</span></span><span class="w"> </span></span><span class="sig-prename descclassname"><span class="pre">Demo.</span></span><span class="sig-name descname"><span class="pre">Client</span></span></dt>
<dd><p>A low-level client representing Demo</p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span><span class="n">client</span> <span class="o">=</span> <span class="n">session</span><span class="o">.</span><span class="n">create_client</span><span class="p">(</span><span class="s1">'demo'</span><span class="p">)</span>
</pre></div>
</div>
<p>These are the available methods:</p>
"""
CLIENT_END = """</dd></dl>
</section>
"""
TAIL = """</section>
</div>
</body></html>
"""


def sig(name: str, params: str = "**kwargs", owner: str = "Demo.Client") -> str:
    """A method signature ``dt`` as Sphinx writes it."""
    parts = []
    for param in [p.strip() for p in params.split(",") if p.strip()]:
        if param.startswith("**"):
            inner = f'<span class="o"><span class="pre">**</span></span><span class="n"><span class="pre">{param[2:]}</span></span>'
        elif "=" in param:
            pname, default = param.split("=", 1)
            inner = (
                f'<span class="n"><span class="pre">{pname}</span></span><span class="o"><span class="pre">=</span></span>'
                f'<span class="default_value"><span class="pre">{default}</span></span>'
            )
        else:
            inner = f'<span class="n"><span class="pre">{param}</span></span>'
        parts.append(f'<em class="sig-param">{inner}</em>')
    return (
        f'<dt class="sig sig-object py" id="{owner}.{name}">\n'
        f'<span class="sig-name descname"><span class="pre">{name}</span></span><span class="sig-paren">(</span>'
        + ", ".join(parts)
        + '<span class="sig-paren">)</span></dt>\n'
    )


def page(methods: str = "", sections: str = "") -> str:
    return HEAD + methods + CLIENT_END + sections + TAIL


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """1-based line of the ``nth`` line containing ``needle``."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    return hits[nth]


def read(text: str) -> RefPage:
    ref, diags = read_html(PATH, text)
    assert diags == []
    return ref


def members(service: Service, name: str) -> dict[str, tuple[object, bool]]:
    return {m.name: (m.type, m.required) for m in service.struct(name).members}


CREATE_THING = (
    '<dl class="py method">\n'
    + sig("create_thing")
    + """<dd><p>Creates a <code class="docutils literal notranslate"><span class="pre">Thing</span></code>.</p>
<ul class="simple">
<li><p>Fast.</p></li>
<li><p>Cheap.</p></li>
</ul>
<p>See also: <a class="reference external" href="https://docs.aws.amazon.com/goto/WebAPI/demo-2020-01-01/CreateThing">AWS API Documentation</a></p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span><span class="n">response</span> <span class="o">=</span> <span class="n">client</span><span class="o">.</span><span class="n">create_thing</span><span class="p">(</span>
    <span class="n">Name</span><span class="o">=</span><span class="s1">'string'</span><span class="p">,</span>
    <span class="n">Mode</span><span class="o">=</span><span class="s1">'FAST'</span><span class="o">|</span><span class="s1">'SLOW'</span><span class="p">,</span>
    <span class="n">When</span><span class="o">=</span><span class="n">datetime</span><span class="p">(</span><span class="mi">2015</span><span class="p">,</span> <span class="mi">1</span><span class="p">,</span> <span class="mi">1</span><span class="p">),</span>
    <span class="n">Items</span><span class="o">=</span><span class="p">[</span>
        <span class="p">{</span>
            <span class="s1">'Key'</span><span class="p">:</span> <span class="s1">'string'</span><span class="p">,</span>
            <span class="s1">'Value'</span><span class="p">:</span> <span class="s1">'string'</span>
        <span class="p">},</span>
    <span class="p">]</span>
<span class="p">)</span>
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Parameters<span class="colon">:</span></dt>
<dd class="field-odd"><ul class="simple">
<li><p><strong>Name</strong> (<em>string</em>) -- <p><strong>[REQUIRED]</strong></p>
<p>The name.</p>
<p>Be <em>brief</em>.</p>
</p></li>
<li><p><strong>Mode</strong> (<em>string</em>) -- How fast.</p></li>
<li><p><strong>When</strong> (<em>datetime</em>) -- When.</p></li>
<li><p><strong>Items</strong> (<em>list</em>) -- <p>The items.</p>
<ul>
<li><p><em>(dict) --</em></p>
<p>An item.</p>
<ul>
<li><p><strong>Key</strong> <em>(string) --</em> <strong>[REQUIRED]</strong></p>
<p>The key.</p>
</li>
<li><p><strong>Value</strong> <em>(string) --</em></p>
<p>The value, one of:</p>
<ul class="simple">
<li><p>A</p></li>
<li><p>B</p></li>
</ul>
</li>
</ul>
</li>
</ul>
</p></li>
</ul>
</dd>
<dt class="field-even">Return type<span class="colon">:</span></dt>
<dd class="field-even"><p>dict</p>
</dd>
<dt class="field-odd">Returns<span class="colon">:</span></dt>
<dd class="field-odd"><p><p><strong>Response Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span><span class="p">{</span>
    <span class="s1">'Thing'</span><span class="p">:</span> <span class="p">{</span>
        <span class="s1">'Status'</span><span class="p">:</span> <span class="s1">'ACTIVE'</span><span class="o">|</span><span class="s1">'GONE'</span><span class="p">,</span>
        <span class="s1">'Created'</span><span class="p">:</span> <span class="n">datetime</span><span class="p">(</span><span class="mi">2015</span><span class="p">,</span> <span class="mi">1</span><span class="p">,</span> <span class="mi">1</span><span class="p">)</span>
    <span class="p">},</span>
    <span class="s1">'NextToken'</span><span class="p">:</span> <span class="s1">'string'</span>
<span class="p">}</span>
</pre></div>
</div>
<p><strong>Response Structure</strong></p>
<ul>
<li><p><em>(dict) --</em></p>
<ul>
<li><p><strong>Thing</strong> <em>(dict) --</em></p>
<p>The thing.</p>
<ul>
<li><p><strong>Status</strong> <em>(string) --</em></p>
<p>Its status.</p>
</li>
<li><p><strong>Created</strong> <em>(datetime) --</em></p>
<p>Its birthday.</p>
</li>
</ul>
</li>
<li><p><strong>NextToken</strong> <em>(string) --</em></p>
<p>More.</p>
</li>
</ul>
</li>
</ul>
</p>
</dd>
</dl>
<p><strong>Exceptions</strong></p>
<ul class="simple">
<li><p><a class="reference internal" href="#Demo.Client.exceptions.BadRequestException" title="Demo.Client.exceptions.BadRequestException"><code class="xref py py-class docutils literal notranslate"><span class="pre">Demo.Client.exceptions.BadRequestException</span></code></a></p></li>
<li><p><a class="reference internal" href="#Demo.Client.exceptions.NotFoundException" title="Demo.Client.exceptions.NotFoundException"><code class="xref py py-class docutils literal notranslate"><span class="pre">Demo.Client.exceptions.NotFoundException</span></code></a></p></li>
</ul>
</dd></dl>
"""
)


def test_method_parameters_nested_required_enum_datetime_list_of_dicts() -> None:
    text = page(CREATE_THING)
    (method,) = read(text).methods
    span = SourceSpan(PATH, line_of(text, 'id="Demo.Client.create_thing"'))
    assert method.name == "create_thing"
    assert method.signature == "**kwargs"
    assert method.span == span
    assert method.operation_name == "CreateThing"
    assert method.doc == "Creates a Thing.\n\n- Fast.\n\n- Cheap."
    assert method.request is not None
    assert method.request.span.line == line_of(text, "client</span><span class=\"o\">.</span><span class=\"n\">create_thing")
    assert method.request.text.startswith("response = client.create_thing(\n    Name='string',\n    Mode='FAST'|'SLOW',\n")
    assert method.request.text.endswith("    ]\n)\n")

    def at(needle: str) -> SourceSpan:
        return SourceSpan(PATH, line_of(text, needle))

    assert method.params == (
        Entry(name="Name", type_word="string", required=True, doc="The name.\n\nBe brief.", span=at("<strong>Name</strong>"), depth=0),
        Entry(name="Mode", type_word="string", required=False, doc="How fast.", span=at("<strong>Mode</strong>"), depth=0),
        Entry(name="When", type_word="datetime", required=False, doc="When.", span=at("<strong>When</strong>"), depth=0),
        Entry(name="Items", type_word="list", required=False, doc="The items.", span=at("<strong>Items</strong>"), depth=0),
        Entry(name="", type_word="dict", required=False, doc="An item.", span=at("<em>(dict) --</em>"), depth=1),
        Entry(name="Key", type_word="string", required=True, doc="The key.", span=at("<strong>Key</strong>"), depth=2),
        Entry(name="Value", type_word="string", required=False, doc="The value, one of:\n\n- A\n\n- B", span=at("<strong>Value</strong>"), depth=2),
    )
    assert method.return_type == "dict"
    assert method.returns_none is False
    assert method.response is not None and method.response.text.startswith("{\n    'Thing': {\n")
    assert [(e.name, e.type_word, e.required, e.doc, e.depth) for e in method.response_entries] == [
        ("", "dict", False, "", 0),
        ("Thing", "dict", False, "The thing.", 1),
        ("Status", "string", False, "Its status.", 2),
        ("Created", "datetime", False, "Its birthday.", 2),
        ("NextToken", "string", False, "More.", 1),
    ]
    assert method.exceptions == (
        ("BadRequestException", at('title="Demo.Client.exceptions.BadRequestException"')),
        ("NotFoundException", at('title="Demo.Client.exceptions.NotFoundException"')),
    )


def test_method_builds_the_same_model_as_the_text_reader_would() -> None:
    service, diags = build_service(read(page(CREATE_THING)))
    assert diags == []
    (op,) = service.operations
    assert (op.method_name, op.name, op.exceptions) == ("create_thing", "CreateThing", ("BadRequestException", "NotFoundException"))
    assert members(service, "CreateThingRequest") == {
        "Name": (ScalarType(ScalarKind.STRING), True),
        "Mode": (EnumRef("CreateThingMode"), False),
        "When": (ScalarType(ScalarKind.TIMESTAMP), False),
        "Items": (ListType(StructRef("CreateThingItem")), False),
    }
    assert members(service, "CreateThingItem") == {
        "Key": (ScalarType(ScalarKind.STRING), True),
        "Value": (ScalarType(ScalarKind.STRING), False),
    }
    assert members(service, "Thing") == {
        "Status": (EnumRef("ThingStatus"), False),
        "Created": (ScalarType(ScalarKind.TIMESTAMP), False),
    }
    assert members(service, "CreateThingResponse")["NextToken"] == (ScalarType(ScalarKind.STRING), False)
    assert {e.name: e.values for e in service.enums} == {"CreateThingMode": ("FAST", "SLOW"), "ThingStatus": ("ACTIVE", "GONE")}


RETURNS_NONE_AND_SYNTAX_ONLY = (
    '<dl class="py method">\n'
    + sig("delete_thing")
    + """<dd><p>Deletes.</p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>response = client.delete_thing(
    Name='string'
)
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Parameters<span class="colon">:</span></dt>
<dd class="field-odd"><p><strong>Name</strong> (<em>string</em>) -- <p><strong>[REQUIRED]</strong></p>
<p>The name.</p>
</p>
</dd>
<dt class="field-even">Returns<span class="colon">:</span></dt>
<dd class="field-even"><p>None</p>
</dd>
</dl>
</dd></dl>

<dl class="py method">
"""
    + sig("get_thing")
    + """<dd><p>Gets.</p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>response = client.get_thing()
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Return type<span class="colon">:</span></dt>
<dd class="field-odd"><p>dict</p>
</dd>
<dt class="field-even">Returns<span class="colon">:</span></dt>
<dd class="field-even"><p><p><strong>Response Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>{
    'Size': 123
}
</pre></div>
</div>
</p>
</dd>
</dl>
</dd></dl>
"""
)


def test_returns_none_and_method_without_response_structure() -> None:
    text = page(RETURNS_NONE_AND_SYNTAX_ONLY)
    delete, get = read(text).methods
    assert delete == RefMethod(
        name="delete_thing",
        signature="**kwargs",
        span=SourceSpan(PATH, line_of(text, 'id="Demo.Client.delete_thing"')),
        doc="Deletes.",
        request=delete.request,
        params=(
            Entry(
                name="Name",
                type_word="string",
                required=True,
                doc="The name.",
                span=SourceSpan(PATH, line_of(text, "<strong>Name</strong>")),
                depth=0,
            ),
        ),
        returns_none=True,
    )
    assert delete.request is not None and delete.request.text == "response = client.delete_thing(\n    Name='string'\n)\n"
    assert (get.returns_none, get.return_type, get.params, get.response_entries) == (False, "dict", (), ())
    assert get.response is not None and get.response.text == "{\n    'Size': 123\n}\n"
    assert get.response.span.line == line_of(text, "<pre><span></span>{")

    service, diags = build_service(read(text))
    assert diags == []
    delete_op, get_op = service.operations
    assert delete_op.output is None and members(service, "DeleteThingRequest") == {"Name": (ScalarType(ScalarKind.STRING), True)}
    assert get_op.input is None and members(service, "GetThingResponse") == {"Size": (ScalarType(ScalarKind.INTEGER), True)}


def test_explicit_signatures() -> None:
    methods = (
        '<dl class="py method">\n'
        + sig("generate_presigned_url", "ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None")
        + "<dd><p>Generate a presigned url given a client, its method, and arguments</p>\n"
        + '<dl class="field-list simple">\n<dt class="field-odd">Returns<span class="colon">:</span></dt>\n'
        + '<dd class="field-odd"><p>The presigned url</p>\n</dd>\n</dl>\n</dd></dl>\n'
        + '<dl class="py method">\n'
        + sig("close", "")
        + "<dd><p>Closes underlying endpoint connections.</p>\n</dd></dl>\n"
    )
    presign, close = read(page(methods)).methods
    assert (presign.name, presign.signature, presign.returns_none) == (
        "generate_presigned_url",
        "ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None",
        False,
    )
    assert presign.doc == "Generate a presigned url given a client, its method, and arguments"
    assert (close.name, close.signature) == ("close", "")


SECTIONS = """<section id="client-exceptions">
<h2>Client Exceptions</h2>
<p>Client exceptions are available on a client instance via the <code class="docutils literal notranslate"><span class="pre">exceptions</span></code> property.</p>
<dl class="py class">
<dt class="sig sig-object py" id="Demo.Client.exceptions.NotFoundException">
<span class="property"><span class="k"><span class="pre">class</span></span><span class="w"> </span></span><span class="sig-prename descclassname"><span class="pre">Demo.Client.exceptions.</span></span><span class="sig-name descname"><span class="pre">NotFoundException</span></span></dt>
<dd><p>Not there.</p>
<p><strong>Example</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>try:
  ...
except client.exceptions.NotFoundException as e:
  print(e.response)
</pre></div>
</div>
<dl class="py attribute">
<dt class="sig sig-object py" id="Demo.Client.exceptions.NotFoundException.response">
<span class="sig-name descname"><span class="pre">response</span></span></dt>
<dd><p>The parsed error response.</p>
<p><strong>Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>{
    'Message': 'string',
    'Error': {
        'Code': 'string',
        'Message': 'string'
    }
}
</pre></div>
</div>
<p><strong>Structure</strong></p>
<ul>
<li><p><em>(dict) --</em></p>
<p>Not there.</p>
<ul class="simple">
<li><p><strong>Message</strong> <em>(string) --</em></p></li>
<li><p><strong>Error</strong> <em>(dict) --</em> Normalized access to common exception attributes.</p>
<ul>
<li><p><strong>Code</strong> <em>(string) --</em> An identifier specifying the exception type.</p></li>
<li><p><strong>Message</strong> <em>(string) --</em> A descriptive message.</p></li>
</ul>
</li>
</ul>
</li>
</ul>
</dd></dl>
</dd></dl>
</section>
<section id="paginators">
<h2>Paginators</h2>
<p>The available paginators are:</p>
<dl class="py class">
<dt class="sig sig-object py" id="Demo.Paginator.ListThings">
<span class="property"><span class="k"><span class="pre">class</span></span><span class="w"> </span></span><span class="sig-prename descclassname"><span class="pre">Demo.Paginator.</span></span><span class="sig-name descname"><span class="pre">ListThings</span></span></dt>
<dd><div class="highlight-default notranslate"><div class="highlight"><pre><span></span><span class="n">paginator</span> <span class="o">=</span> <span class="n">client</span><span class="o">.</span><span class="n">get_paginator</span><span class="p">(</span><span class="s1">'list_things'</span><span class="p">)</span>
</pre></div>
</div>
<dl class="py method">
<dt class="sig sig-object py" id="Demo.Paginator.ListThings.paginate">
<span class="sig-name descname"><span class="pre">paginate</span></span><span class="sig-paren">(</span><em class="sig-param"><span class="o"><span class="pre">**</span></span><span class="n"><span class="pre">kwargs</span></span></em><span class="sig-paren">)</span></dt>
<dd><p>Creates an iterator that will paginate through responses from <a class="reference internal" href="#Demo.Client.list_things" title="Demo.Client.list_things"><code class="xref py py-meth docutils literal notranslate"><span class="pre">Demo.Client.list_things()</span></code></a>.</p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>response_iterator = paginator.paginate(
    PaginationConfig={
        'MaxItems': 123,
        'PageSize': 123,
        'StartingToken': 'string'
    }
)
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Parameters<span class="colon">:</span></dt>
<dd class="field-odd"><p><strong>PaginationConfig</strong> (<em>dict</em>) -- <p>A dictionary that provides parameters to control pagination.</p>
<ul>
<li><p><strong>MaxItems</strong> <em>(integer) --</em></p><p>The total number of items to return.</p></li>
<li><p><strong>PageSize</strong> <em>(integer) --</em></p><p>The size of each page.</p></li>
<li><p><strong>StartingToken</strong> <em>(string) --</em></p><p>Where to start.</p></li>
</ul>
</p>
</dd>
<dt class="field-even">Return type<span class="colon">:</span></dt>
<dd class="field-even"><p>dict</p>
</dd>
<dt class="field-odd">Returns<span class="colon">:</span></dt>
<dd class="field-odd"><p><p><strong>Response Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>{
    'Things': [
        'string',
    ],
    'NextToken': 'string'
}
</pre></div>
</div>
</p>
</dd>
</dl>
</dd></dl>
</dd></dl>
</section>
<section id="waiters">
<h2>Waiters</h2>
<p>The available waiters are:</p>
<dl class="py class">
<dt class="sig sig-object py" id="Demo.Waiter.ThingExists">
<span class="property"><span class="k"><span class="pre">class</span></span><span class="w"> </span></span><span class="sig-prename descclassname"><span class="pre">Demo.Waiter.</span></span><span class="sig-name descname"><span class="pre">ThingExists</span></span></dt>
<dd><div class="highlight-default notranslate"><div class="highlight"><pre><span></span>waiter = client.get_waiter('thing_exists')
</pre></div>
</div>
<dl class="py method">
<dt class="sig sig-object py" id="Demo.Waiter.ThingExists.wait">
<span class="sig-name descname"><span class="pre">wait</span></span><span class="sig-paren">(</span><em class="sig-param"><span class="o"><span class="pre">**</span></span><span class="n"><span class="pre">kwargs</span></span></em><span class="sig-paren">)</span></dt>
<dd><p>Polls <a class="reference internal" href="#Demo.Client.list_things" title="Demo.Client.list_things"><code class="xref py py-meth docutils literal notranslate"><span class="pre">Demo.Client.list_things()</span></code></a> every 5 seconds until a successful state is reached.</p>
<p>See also: <a class="reference external" href="https://docs.aws.amazon.com/goto/WebAPI/demo-2020-01-01/ListThings">AWS API Documentation</a></p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>waiter.wait(
    WaiterConfig={
        'Delay': 123,
        'MaxAttempts': 123
    }
)
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Returns<span class="colon">:</span></dt>
<dd class="field-odd"><p>None</p>
</dd>
</dl>
</dd></dl>
</dd></dl>
</section>
"""

LIST_THINGS = (
    '<dl class="py method">\n'
    + sig("list_things")
    + """<dd><p>Lists.</p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>response = client.list_things(
    NextToken='string'
)
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Parameters<span class="colon">:</span></dt>
<dd class="field-odd"><p><strong>NextToken</strong> (<em>string</em>) -- Token.</p>
</dd>
<dt class="field-even">Return type<span class="colon">:</span></dt>
<dd class="field-even"><p>dict</p>
</dd>
<dt class="field-odd">Returns<span class="colon">:</span></dt>
<dd class="field-odd"><p><p><strong>Response Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>{
    'Things': [
        'string',
    ],
    'NextToken': 'string'
}
</pre></div>
</div>
</p>
</dd>
</dl>
</dd></dl>
"""
)


def test_client_exceptions_paginators_and_waiters() -> None:
    text = page(LIST_THINGS, SECTIONS)
    ref = read(text)
    assert ref.empty_sections == ()
    error, paginator, waiter = ref.classes
    assert (error.kind, error.name, error.key, error.doc, error.method) == ("exception", "NotFoundException", "", "Not there.", None)
    assert error.span == SourceSpan(PATH, line_of(text, 'id="Demo.Client.exceptions.NotFoundException"'))
    assert error.error_syntax is not None and error.error_syntax.text.startswith("{\n    'Message': 'string',")
    assert [(e.name, e.type_word, e.depth) for e in error.error_entries] == [
        ("", "dict", 0),
        ("Message", "string", 1),
        ("Error", "dict", 1),
        ("Code", "string", 2),
        ("Message", "string", 2),
    ]
    assert (paginator.kind, paginator.name, paginator.key) == ("paginator", "ListThings", "list_things")
    assert paginator.method is not None
    assert (paginator.method.name, paginator.method.signature, paginator.method.return_type) == ("paginate", "**kwargs", "dict")
    assert paginator.method.doc == "Creates an iterator that will paginate through responses from Demo.Client.list_things()."
    assert [(e.name, e.type_word, e.depth) for e in paginator.method.params] == [
        ("PaginationConfig", "dict", 0),
        ("MaxItems", "integer", 1),
        ("PageSize", "integer", 1),
        ("StartingToken", "string", 1),
    ]
    assert (waiter.kind, waiter.name, waiter.key) == ("waiter", "ThingExists", "thing_exists")
    assert waiter.method is not None and waiter.method.returns_none
    assert waiter.method.operation_name == "ListThings"
    assert waiter.method.span == SourceSpan(PATH, line_of(text, 'id="Demo.Waiter.ThingExists.wait"'))
    # the client's own methods are not mixed with paginate / wait
    assert [m.name for m in ref.methods] == ["list_things"]

    service, diags = build_service(ref)
    assert [d for d in diags if d.level.value != "info"] == []
    assert [e.name for e in service.errors] == ["NotFoundException"]
    (pag,) = service.paginators
    assert (pag.name, pag.method_name, pag.output) == ("ListThings", "list_things", StructRef("ListThingsResponse"))
    (wait,) = service.waiters
    assert (wait.name, wait.waiter_name, wait.input) == ("ThingExists", "thing_exists", StructRef("ListThingsRequestWait"))


def test_empty_paginators_and_waiters_sections_are_recorded() -> None:
    sections = """<section id="paginators">
<h2>Paginators</h2>
<p>The available paginators are:</p>
</section>
<section id="waiters">
<h2>Waiters</h2>
</section>
"""
    text = page(LIST_THINGS, sections)
    ref = read(text)
    assert ref.empty_sections == (
        ("Paginators", SourceSpan(PATH, line_of(text, "<h2>Paginators</h2>"))),
        ("Waiters", SourceSpan(PATH, line_of(text, "<h2>Waiters</h2>"))),
    )


def test_page_header_boto3_flavour_and_spans() -> None:
    text = page(LIST_THINGS).replace(
        """<pre><span></span><span class="n">client</span> <span class="o">=</span> <span class="n">session</span><span class="o">.</span><span class="n">create_client</span><span class="p">(</span><span class="s1">'demo'</span><span class="p">)</span>""",
        "<pre><span></span>\nimport boto3\n\nclient = boto3.client('demo-service')",
    )
    ref = read(text)
    assert (ref.service_name, ref.client_id, ref.flavour) == ("Demo", "demo-service", "boto3")
    assert ref.doc == "A low-level client representing Demo"
    assert ref.span == SourceSpan(PATH, line_of(text, 'id="Demo.Client"'))
    assert read(page(LIST_THINGS)).flavour == "botocore"


def _browser_split(text: str) -> str:
    """The page as a browser serialises it: ``<p>`` closed before blocks."""
    text = re.sub(r"<p>(<strong>[A-Za-z]+</strong> \(<em>[a-z]+</em>\) -- )<p>", r"<p>\1</p><p>", text)
    text = text.replace("<dd class=\"field-odd\"><p><p>", "<dd class=\"field-odd\"><p></p><p>")
    return text.replace("</p>\n</p>", "</p>\n")


def _old_sphinx(text: str) -> str:
    """The markup of older Sphinx: table field lists, ``div.section``,
    permalinks in headings and signatures."""
    def table(match: re.Match[str]) -> str:
        rows = re.findall(r'<dt class="field-\w+">(.*?)<span class="colon">:</span></dt>\n<dd class="field-\w+">(.*?)</dd>', match.group(1), re.S)
        body = "".join(f'<tr class="field"><th class="field-name">{name}:</th><td class="field-body">{value}</td></tr>\n' for name, value in rows)
        return f'<table class="docutils field-list" frame="void" rules="none"><tbody valign="top">\n{body}</tbody></table>'

    text = re.sub(r'<dl class="field-list simple">\n(.*?)\n</dl>\n(?=</dd>|<p><strong>Exceptions)', table, text, flags=re.S)
    text = text.replace("<section", '<div class="section"').replace("</section>", "</div>")
    text = re.sub(r"<h2>([^<]+)</h2>", r'<h2>\1<a class="headerlink" href="#x" title="Permalink">¶</a></h2>', text)
    return text.replace("</span></dt>", '</span><a class="headerlink" href="#x">¶</a></dt>')


def _without_spans(ref: RefPage) -> object:
    def entries(es: tuple[Entry, ...]) -> tuple[object, ...]:
        return tuple((e.name, e.type_word, e.required, e.doc, e.depth) for e in es)

    def method(m: RefMethod | None) -> object:
        if m is None:
            return None
        return (
            m.name, m.signature, m.doc, m.operation_name, m.request and m.request.text, entries(m.params),
            m.returns_none, m.return_type, m.response and m.response.text, entries(m.response_entries),
            tuple(name for name, _ in m.exceptions),
        )  # fmt: skip

    return (
        ref.service_name, ref.client_id, ref.flavour, ref.doc, tuple(method(m) for m in ref.methods),
        tuple((c.kind, c.name, c.key, c.doc, method(c.method), c.error_syntax and c.error_syntax.text, entries(c.error_entries)) for c in ref.classes),
        tuple(name for name, _ in ref.empty_sections),
    )  # fmt: skip


@pytest.mark.parametrize("variant", [_browser_split, _old_sphinx])
def test_browser_saved_and_older_sphinx_markup_read_the_same(variant: object) -> None:
    assert callable(variant)
    text = page(CREATE_THING + RETURNS_NONE_AND_SYNTAX_ONLY + LIST_THINGS, SECTIONS)
    changed = variant(text)
    assert changed != text
    assert _without_spans(read(changed)) == _without_spans(read(text))


def test_not_a_reference_page() -> None:
    with pytest.raises(DiagnosticError) as info:
        read_html(PATH, "<html><body><p>Hello</p></body></html>")
    assert info.value.diagnostic.code == "not-a-reference-page"
    no_client_line = page(LIST_THINGS).replace("create_client", "make_client")
    with pytest.raises(DiagnosticError) as info:
        read_html(PATH, no_client_line)
    assert info.value.diagnostic.code == "not-a-reference-page"
    assert info.value.diagnostic.span == SourceSpan(PATH, 1)


def test_looks_like() -> None:
    assert looks_like(page(LIST_THINGS))
    assert not looks_like("<html><body><p>Hello</p></body></html>")
    assert not looks_like("class Demo.Client\n\nclient = session.create_client('demo')\n")


def test_unreadable_items_are_reported_not_fatal() -> None:
    broken = CREATE_THING.replace("<li><p><strong>Mode</strong> (<em>string</em>) -- How fast.</p></li>", "<li><p><strong>Mode</strong> How fast.</p></li>")
    text = page(broken)
    ref, diags = read_html(PATH, text)
    assert [m.name for m in ref.methods] == ["create_thing"]
    # one broken item of an entry list is reported and skipped, the rest is read
    assert [(d.code, d.span.line) for d in diags] == [("unreadable-entry", line_of(text, "<strong>Mode</strong>"))]
    assert "Mode" not in [e.name for e in ref.methods[0].params]


# ---------------------------------------------------------------------------
# rendered pages: the HTML and its text twin give one model


def _twin(html_path: Path) -> Path:
    """``x.html`` → ``x.txt``; ``x.html.gz`` → ``x.txt.gz``."""
    return html_path.with_name(html_path.name.replace(".html", ".txt", 1))


def _read(path: Path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")


def _pairs() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    found = [*FIXTURES.rglob("*.html"), *FIXTURES.rglob("*.html.gz")]
    return sorted(p for p in found if _twin(p).is_file())


def _model(service: Service) -> tuple[object, ...]:
    ops = tuple(
        (o.method_name, o.name, o.input, o.output, o.exceptions) for o in service.operations
    )
    structs = {s.name: tuple((m.name, m.type, m.required) for m in s.members) for s in service.structs}
    enums = {e.name: e.values for e in service.enums}
    errors = tuple(e.name for e in service.errors)
    paginators = tuple((p.name, p.method_name, p.input, p.output) for p in service.paginators)
    waiters = tuple((w.name, w.waiter_name, w.input) for w in service.waiters)
    header = (service.name, service.client_id, service.extra_methods)
    return header, ops, structs, enums, errors, paginators, waiters


PAIRS = _pairs()


@pytest.mark.parametrize("html_path", PAIRS or [None], ids=lambda p: "-".join(p.parts[-2:]) if p else "no-fixtures")
def test_html_and_text_twins_give_the_same_model(html_path: Path | None) -> None:
    if html_path is None:
        pytest.skip(f"no rendered reference pages under {FIXTURES} (python -m tests.corpus.render_reference)")
    text_path = _twin(html_path)
    html_page, html_diags = read_html(str(html_path), _read(html_path))
    text_page, text_diags = read_text(str(text_path), _read(text_path))
    assert [d for d in html_diags if d.level.value != "info"] == []
    assert [d for d in text_diags if d.level.value != "info"] == []

    # Only the HTML shows the operation name (the "See also" link); the text
    # reader spells it from the method name. They may differ in case only
    # (assume_role_with_saml → AssumeRoleWithSAML / AssumeRoleWithSaml).
    for method in html_page.methods:
        if method.operation_name:
            assert method.operation_name.lower() == pascal_from_snake(method.name).lower(), method.name
    comparable = replace(html_page, methods=tuple(replace(m, operation_name="") for m in html_page.methods))

    html_service, html_build = build_service(comparable)
    text_service, text_build = build_service(text_page)
    assert _model(html_service) == _model(text_service)
    assert sorted((d.code, d.message) for d in html_build) == sorted((d.code, d.message) for d in text_build)

    # and with the operation names it reads, the HTML model differs only there
    named, _ = build_service(html_page)
    renamed = {o.method_name for o, p in zip(named.operations, html_service.operations, strict=True) if o.name != p.name}
    assert renamed == {m.name for m in html_page.methods if m.operation_name and m.operation_name != pascal_from_snake(m.name)}


# --------------------------------------------------------------------------- constructs of real pages

#: glue ``create_job``: botocore's too-large note for the Parameters is
#: indented into the Request Syntax literal block, so it ends up in its <pre>
LEAKED_PARAMETERS = (
    '<dl class="py method">\n'
    + sig("create_job")
    + """<dd><p>Creates a new job definition.</p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>response = client.create_job(
    Name='string',
    MaintenanceWindow='string'
)


**Parameters**
::

    # This section is too large to render.
    # Please see the AWS API Documentation linked below.

`AWS API Documentation &lt;https://docs.aws.amazon.com/goto/WebAPI/glue-2017-03-31/CreateJob&gt;`_
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Return type<span class="colon">:</span></dt>
<dd class="field-odd"><p>dict</p>
</dd>
<dt class="field-even">Returns<span class="colon">:</span></dt>
<dd class="field-even"><p><p><strong>Response Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>{
    'Name': 'string'
}
</pre></div>
</div>
</p>
</dd>
</dl>
</dd></dl>
"""
)


def test_parameters_note_leaked_into_the_request_syntax() -> None:
    ref = read(page(LEAKED_PARAMETERS))
    (method,) = ref.methods
    assert method.request is not None and method.request.text.rstrip().endswith(")")
    assert "**Parameters**" not in method.request.text
    service, diags = build_service(ref)
    assert diags == []
    assert members(service, "CreateJobRequest") == {
        "Name": (ScalarType(ScalarKind.STRING), False),  # the page gives no flags
        "MaintenanceWindow": (ScalarType(ScalarKind.STRING), False),
    }
    assert members(service, "CreateJobResponse") == {"Name": (ScalarType(ScalarKind.STRING), True)}


def test_other_text_after_a_request_syntax_stays_an_error() -> None:
    broken = LEAKED_PARAMETERS.replace("**Parameters**\n::", "Parameters and more")
    _, diags = build_service(read(page(broken)))
    assert [(d.level.value, d.code) for d in diags] == [("error", "bad-syntax-block")]


#: ec2 ``get_spot_placement_scores``: a field list Sphinx left unprocessed
RAW_FIELDS = (
    '<dl class="py method">\n'
    + sig("get_spot_placement_scores")
    + """<dd><p>Calculates the Spot placement score.</p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>response = client.get_spot_placement_scores(
    InstanceTypes=[
        'string',
    ],
    TargetCapacity=123,
    InstanceRequirementsWithMetadata={
        'InstanceRequirements': {
            'VCpuCount': {
                'Min': 123,
                'Max': 123
            }
        }
    }
)
</pre></div>
</div>
<dl class="field-list">
<dt class="field-odd">type InstanceTypes<span class="colon">:</span></dt>
<dd class="field-odd"><p>list</p>
</dd>
<dt class="field-even">param InstanceTypes<span class="colon">:</span></dt>
<dd class="field-even"><p>The instance types.</p>
<ul class="simple">
<li><p><em>(string) --</em></p></li>
</ul>
</dd>
<dt class="field-odd">type TargetCapacity<span class="colon">:</span></dt>
<dd class="field-odd"><p>integer</p>
</dd>
<dt class="field-even">param TargetCapacity<span class="colon">:</span></dt>
<dd class="field-even"><p><strong>[REQUIRED]</strong></p>
<p>The target capacity.</p>
</dd>
<dt class="field-odd">type InstanceRequirementsWithMetadata<span class="colon">:</span></dt>
<dd class="field-odd"><p>dict</p>
</dd>
<dt class="field-even">param InstanceRequirementsWithMetadata<span class="colon">:</span></dt>
<dd class="field-even"><p>The attributes for the instance types.</p>
<ul>
<li><p><strong>InstanceRequirements</strong> <em>(dict) --</em></p>
<p>The attributes for the instance types.</p>
<ul>
<li><p><strong>VCpuCount</strong> <em>(dict) --</em> <strong>[REQUIRED]</strong></p>
<p>The minimum and maximum number of vCPUs.</p>
<ul>
<li><p><strong>Min</strong> <em>(integer) --</em> <strong>[REQUIRED]</strong></p>
<p>The minimum number of vCPUs.</p>
</li>
<li><p><strong>Max</strong> <em>(integer) --</em></p>
<p>The maximum number of vCPUs.</p>
</li>
</ul>
</li>
</ul>
</li>
</ul>
</dd>
<dt class="field-odd">rtype<span class="colon">:</span></dt>
<dd class="field-odd"><p>dict</p>
</dd>
<dt class="field-even">returns<span class="colon">:</span></dt>
<dd class="field-even"><p><strong>Response Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre><span></span>{
    'NextToken': 'string'
}
</pre></div>
</div>
<p><strong>Response Structure</strong></p>
<ul>
<li><p><em>(dict) --</em></p>
<ul>
<li><p><strong>NextToken</strong> <em>(string) --</em></p>
<p>The token to include in another request to get the next page of items.</p>
</li>
</ul>
</li>
</ul>
</dd>
</dl>
</dd></dl>
"""
)


def test_raw_field_list_reads_as_parameters_and_returns() -> None:
    service, diags = build_service(read(page(RAW_FIELDS)))
    assert diags == []
    request = members(service, "GetSpotPlacementScoresRequest")
    assert request["TargetCapacity"] == (ScalarType(ScalarKind.INTEGER), True)
    assert request["InstanceTypes"] == (ListType(ScalarType(ScalarKind.STRING)), False)
    assert service.struct("GetSpotPlacementScoresRequest").members[1].doc == "The target capacity."
    assert members(service, "InstanceRequirements")["VCpuCount"][1] is True
    assert members(service, "VCpuCount") == {
        "Min": (ScalarType(ScalarKind.INTEGER), True),
        "Max": (ScalarType(ScalarKind.INTEGER), False),
    }
    (op,) = service.operations
    assert op.output is not None
    assert members(service, op.output.name) == {"NextToken": (ScalarType(ScalarKind.STRING), False)}
