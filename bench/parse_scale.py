"""How the readers scale: synthetic pages of 1k/5k/10k operations and of
1/5/10 MB, in each of the four formats, read by ``parse_document`` (the
reader and the model built from it; no rendering).

    .venv/bin/python bench/parse_scale.py [--formats reference-text,...] [--repeat N]

Prints seconds and microseconds per byte; linear readers keep the µs/byte
column flat as pages grow. No assertions: it is a measurement. A page of
10,000 operations is 5-15 MB depending on the format, so the two halves
overlap.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.parsers import detect_format, parse_document

FORMATS = ("reference-text", "reference-html", "markdown-old", "markdown-new")
MB = 1024 * 1024


# --------------------------------------------------------------------------- reference text


def _text_op(i: int) -> str:
    return f"""put_thing_{i}(**kwargs)

Puts thing {i}. A description long enough to look like the real ones, with
two lines and a [link] or two.

See also: AWS API Documentation

Request Syntax

response = client.put_thing_{i}(
    Name='string',
    Mode='FAST'|'SLOW'|'MEDIUM_{i % 7}',
    Filters=[
        {{
            'Name': 'string',
            'Values': [
                'string',
            ]
        }},
    ],
    Settings={{
        'Type': 'A'|'B',
        'Limit{i % 13}': 123
    }}
)
Parameters
  • Name (string) --

    [REQUIRED]

    The name.

  • Mode (string) -- How fast.
  • Filters (list) --

    The filters.

      • (dict) --

        A filter.

          • Name (string) -- The filter's name.
          • Values (list) --

            The values.

              • (string) --
  • Settings (dict) --

    Settings.

      • Type (string) -- The type.
      • Limit{i % 13} (integer) -- The limit.
Return type

dict
Returns

Response Syntax

{{
    'ThingId': 'string',
    'Status': 'OK'|'FAILED',
    'NextToken': 'string'
}}

Response Structure

  • (dict) --

      • ThingId (string) -- The id.
      • Status (string) -- The status.
      • NextToken (string) -- The token.

"""


def reference_text(ops: int) -> str:
    head = (
        "Scale\n\nClient\n\nclass Scale.Client\n\nA low-level client representing Scale\n\n"
        "client = session.create_client('scale')\n\nThese are the available methods:\n\n"
    )
    return head + "".join(_text_op(i) for i in range(ops))


# --------------------------------------------------------------------------- reference HTML


def _li(name: str, word: str, text: str, children: str = "") -> str:
    nm = f"<strong>{name}</strong> " if name else ""
    return f"<li><p>{nm}(<em>{word}</em>) -- <p>{text}</p>\n{children}</p></li>\n"


def _html_op(i: int) -> str:
    params = (
        _li("Name", "string", "<strong>[REQUIRED]</strong> The name.")
        + _li("Mode", "string", "How fast.")
        + _li(
            "Filters",
            "list",
            "The filters.",
            "<ul>" + _li("", "dict", "A filter.", "<ul>" + _li("Name", "string", "Its name.") + _li("Values", "list", "Values.", "<ul>" + _li("", "string", "") + "</ul>") + "</ul>") + "</ul>",
        )
    )
    response = _li("", "dict", "", "<ul>" + _li("ThingId", "string", "The id.") + _li("Status", "string", "The status.") + "</ul>")
    return f"""<dl class="py method">
<dt class="sig sig-object py" id="Scale.Client.put_thing_{i}">
<span class="sig-name descname"><span class="pre">put_thing_{i}</span></span><span class="sig-paren">(</span><em class="sig-param"><span class="o"><span class="pre">**</span></span><span class="n"><span class="pre">kwargs</span></span></em><span class="sig-paren">)</span></dt>
<dd><p>Puts thing {i}. A description long enough to look like the real ones.</p>
<p>See also: <a class="reference external" href="https://docs.aws.amazon.com/goto/WebAPI/scale-2020-01-01/PutThing{i}">AWS API Documentation</a></p>
<p><strong>Request Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre>response = client.put_thing_{i}(
    Name=&#x27;string&#x27;,
    Mode=&#x27;FAST&#x27;|&#x27;SLOW&#x27;,
    Filters=[
        {{
            &#x27;Name&#x27;: &#x27;string&#x27;,
            &#x27;Values&#x27;: [
                &#x27;string&#x27;,
            ]
        }},
    ]
)
</pre></div>
</div>
<dl class="field-list simple">
<dt class="field-odd">Parameters<span class="colon">:</span></dt>
<dd class="field-odd"><ul class="simple">
{params}</ul>
</dd>
<dt class="field-even">Return type<span class="colon">:</span></dt>
<dd class="field-even"><p>dict</p>
</dd>
<dt class="field-odd">Returns<span class="colon">:</span></dt>
<dd class="field-odd"><p><strong>Response Syntax</strong></p>
<div class="highlight-default notranslate"><div class="highlight"><pre>{{
    &#x27;ThingId&#x27;: &#x27;string&#x27;,
    &#x27;Status&#x27;: &#x27;OK&#x27;|&#x27;FAILED&#x27;
}}
</pre></div>
</div>
<p><strong>Response Structure</strong></p>
<ul class="simple">
{response}</ul>
</dd>
</dl>
</dd></dl>
"""


def reference_html(ops: int) -> str:
    head = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Scale</title></head><body>
<div class="body" role="main">
<section id="scale">
<h1>Scale</h1>
<section id="client">
<h2>Client</h2>
<dl class="py class">
<dt class="sig sig-object py" id="Scale.Client">
<span class="property"><span class="pre">class</span> </span><span class="sig-prename descclassname"><span class="pre">Scale.</span></span><span class="sig-name descname"><span class="pre">Client</span></span></dt>
<dd><p>A low-level client representing Scale</p>
<div class="highlight-default notranslate"><div class="highlight"><pre>client = session.create_client(&#x27;scale&#x27;)
</pre></div>
</div>
<p>These are the available methods:</p>
"""
    return head + "".join(_html_op(i) for i in range(ops)) + "</dd></dl>\n</section>\n</section>\n</div>\n</body></html>\n"


# --------------------------------------------------------------------------- markdown (older)


def markdown_old(ops: int) -> str:
    head = """# ScaleClient for boto3 Scale module

> [Index](..) > [Scale](.) > ScaleClient

Auto-generated documentation for
[Scale](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/scale.html#Scale)
type annotations stubs module
[mypy_boto3_scale](https://pypi.org/project/mypy-boto3-scale/).

## ScaleClient

Type annotations for `boto3.client("scale")`

## Exceptions

- `Exceptions.ClientError`

## Methods

"""
    body = "".join(
        f"""### put_thing_{i}

Puts thing {i}. A description long enough to look like the real ones.

Type annotations for `boto3.client("scale").put_thing_{i}` method.

Keyword-only arguments:

- `Name`: `str` *(required)*
- `Mode`: `str`
- `Values`: `Sequence`\\[`str`\\]
- `Limits`: `Mapping`\\[`str`, `int`\\]

Returns `None`.

"""
        for i in range(ops)
    )
    return head + body


# --------------------------------------------------------------------------- markdown (newer)


def markdown_new(ops: int) -> str:
    head = """# ScaleClient

> [Index](../README.md) > [Scale](./README.md) > ScaleClient

!!! note ""

    Auto-generated documentation for [Scale](https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/scale.html#scale)
    type annotations stubs module [types-boto3-scale](https://pypi.org/project/types-boto3-scale/).

## ScaleClient

Type annotations and code completion for `#!python boto3.client("scale")`.

## Methods

"""
    body = "".join(
        f"""### put\\_thing\\_{i}

Puts thing {i}. A description long enough to look like the real ones.

```python
# put_thing_{i} method definition

def put_thing_{i}(
    self,
    *,
    Name: str,
    Mode: Literal["FAST", "SLOW"] = ...,
    Values: Sequence[str] = ...,
    Limits: Mapping[str, int] = ...,
) -> Dict[str, Any]:
    ...
```

"""
        for i in range(ops)
    )
    return head + body


MAKERS: dict[str, Callable[[int], str]] = {
    "reference-text": reference_text,
    "reference-html": reference_html,
    "markdown-old": markdown_old,
    "markdown-new": markdown_new,
}


def _time(fmt: str, text: str, repeat: int) -> float:
    data = text.encode("utf-8")
    assert detect_format(text) == fmt, fmt
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        service, diags = parse_document(f"scale.{fmt}", data)
        best = min(best, time.perf_counter() - start)
        assert service is not None, [str(d) for d in diags][:3]
    return best


def _ops_for_size(fmt: str, size: int) -> int:
    per_op = len(MAKERS[fmt](20).encode()) / 20
    return max(1, int(size / per_op))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per point")
    parser.add_argument("--ops", default="1000,5000,10000")
    parser.add_argument("--mb", default="1,5,10")
    args = parser.parse_args()
    print(f"{'format':<16} {'point':>10} {'operations':>10} {'bytes':>12} {'seconds':>9} {'us/byte':>8}")
    for fmt in args.formats.split(","):
        points = [(f"{n} ops", n) for n in map(int, args.ops.split(","))]
        points += [(f"{m} MB", _ops_for_size(fmt, m * MB)) for m in map(int, args.mb.split(","))]
        for label, ops in points:
            text = MAKERS[fmt](ops)
            seconds = _time(fmt, text, args.repeat)
            size = len(text.encode())
            print(f"{fmt:<16} {label:>10} {ops:>10} {size:>12} {seconds:>9.2f} {seconds / size * 1e6:>8.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
