"""Render the AWS SDK reference page of a service as Sphinx HTML and plain text.

Dev/test tooling: it gives the parsers real documents to read.  botocore's
(or boto3's) ``ServiceDocumenter`` writes the reST of a service as many files
(one per method, exception, paginator, waiter, resource...).  Every toctree is
replaced by the bodies of the documents it lists, so that one page per service
holds everything, in the order the AWS site shows it, and the client methods
are nested in the ``Client`` class, as on the older single-page site.  Sphinx
then renders that page, and ``html_to_text`` turns it into what a browser's
copy-paste gives.

    python -m tests.corpus.render_reference SERVICE [SERVICE ...]
        [--flavour botocore|boto3] [--out DIR] [--formats html,text[,rst]]
        [--gzip] [--resources] [--force]

writes ``DIR/<flavour>/<service>.html`` and ``.txt`` (``.rst``: the combined
reST; ``--gzip``: reproducible ``.gz`` files, as for the test fixtures;
``--resources``: boto3's resource pages are inlined too).  Without ``--out``,
pages go to ``~/.cache/stubwright/corpus/<botocore-version>/reference/`` and
services already rendered there are skipped (``--force`` renders them again).
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import io
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Literal

import botocore
import botocore.session

from .html_to_text import html_to_text

Flavour = Literal["botocore", "boto3"]
FORMATS = ("html", "text", "rst")
SUFFIX = {"html": ".html", "text": ".txt", "rst": ".rst"}

_TOCTREE = re.compile(r"^(?P<indent> *)\.\. toctree::\s*$")
_ADORNMENT = re.compile(r"^([=*\-~^#+])\1+\s*$")
# reST heading (overline and underline) for resource pages inlined in "Resources".
_SUBPAGE_ADORNMENT = "~"

SPHINX_CONFIG: dict[str, object] = {
    "project": "stubwright reference corpus",
    "html_theme": "basic",
    # Keep "Name (string) --" as the AWS pages show it, instead of an en dash.
    "smartquotes": False,
    "html_use_index": False,
    "html_domain_indices": False,
    "html_copy_source": False,
    "html_show_sourcelink": False,
    "html_permalinks": False,
    "language": "en",
    "html_sidebars": {"**": []},
}


def default_cache_dir() -> Path:
    return Path.home() / ".cache/stubwright/corpus" / botocore.__version__ / "reference"


# --------------------------------------------------------------------------- reST


def write_service_rst(service: str, flavour: Flavour, root: Path) -> Path:
    """Run the SDK's documenter; returns ``root/<service>.rst`` (sub-pages beside it)."""
    root.mkdir(parents=True, exist_ok=True)
    if flavour == "botocore":
        from botocore.docs.service import ServiceDocumenter

        session = botocore.session.get_session()
        documenter = _documenter(ServiceDocumenter, service, session, root)
    else:
        import boto3
        from boto3.docs.service import ServiceDocumenter as Boto3ServiceDocumenter

        boto3_session = boto3.Session(
            region_name="us-east-1", aws_access_key_id="foo", aws_secret_access_key="bar"
        )
        documenter = _documenter(Boto3ServiceDocumenter, service, boto3_session, root)
    path = root / f"{service}.rst"
    path.write_bytes(documenter.document_service())
    return path


def _documenter(cls: Any, service: str, session: object, root: Path) -> Any:
    """``cls(service, session, root)``; SDKs before botocore 1.29 (one page
    per service, no sub-pages) take no root folder."""
    params = inspect.signature(cls.__init__).parameters
    if len(params) > 3:
        return cls(service, session, str(root))
    return cls(service, session)


def _split_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """Drop the breadcrumb line and the page title; return (title, rest)."""
    i = 0
    if lines and lines[0].startswith(":doc:`"):
        i = 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if (
        i + 2 < len(lines)
        and _ADORNMENT.match(lines[i])
        and lines[i + 2].rstrip() == lines[i].rstrip()
    ):
        return lines[i + 1].strip(), lines[i + 3 :]
    return None, lines[i:]


def _indent(lines: list[str], indent: str) -> list[str]:
    return [indent + line if line.strip() else "" for line in lines]


def inline_toctrees(text: str, base: Path, *, with_resources: bool = True) -> str:
    """Replace each toctree of ``text`` (a page in ``base``) by the pages it lists."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = _TOCTREE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = match["indent"]
        entries: list[str] = []
        i += 1
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith(indent + " ")):
            entry = lines[i].strip()
            if entry and not entry.startswith(":"):
                entries.append(entry)
            i += 1
        for entry in entries:
            out.extend(_inline_page(base / f"{entry}.rst", indent, with_resources))
            out.append("")
    return "\n".join(out) + "\n"


def _inline_page(path: Path, indent: str, with_resources: bool) -> list[str]:
    title, body = _split_title(path.read_text(encoding="utf-8").splitlines())
    is_resource_index = path.name == "index.rst"
    if is_resource_index and not with_resources:
        return []
    body_text = inline_toctrees("\n".join(body), path.parent, with_resources=with_resources)
    body = body_text.splitlines()
    extra = ""
    if path.parent.name == "client":
        # A client method: nest it in the ``.. py:class:: X.Client`` directive.
        extra = "  "
    if is_resource_index and title:
        rule = _SUBPAGE_ADORNMENT * len(title)
        body = ["", rule, title, rule, "", *body]
    return _indent(body, indent + extra)


def combine_service_rst(service_rst: Path, *, with_resources: bool) -> str:
    """One reST page for the service: every toctree replaced by its pages."""
    text = inline_toctrees(
        service_rst.read_text(encoding="utf-8"),
        service_rst.parent,
        with_resources=with_resources,
    )
    # The methods are nested in the Client class: so is the sentence before them.
    return text.replace(
        "\nThese are the available methods:\n", "\n  These are the available methods:\n", 1
    )


# --------------------------------------------------------------------------- Sphinx


def build_html(rst: str, name: str, workdir: Path) -> str:
    """Render one reST page with Sphinx's html builder; returns the HTML page."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    src = workdir / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / f"{name}.rst").write_text(rst, encoding="utf-8")
    out = workdir / "html"
    warnings = io.StringIO()
    with patch_docutils(None), docutils_namespace():
        app = Sphinx(
            srcdir=str(src),
            confdir=None,
            outdir=str(out),
            doctreedir=str(workdir / "doctrees"),
            buildername="html",
            confoverrides={**SPHINX_CONFIG, "root_doc": name},
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build(force_all=True)
    return (out / f"{name}.html").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- CLI


def render_service(
    service: str,
    flavour: Flavour,
    out_dir: Path,
    formats: tuple[str, ...],
    *,
    with_resources: bool = False,
    compress: bool = False,
) -> dict[str, Path]:
    """Render one service into ``out_dir/<flavour>/<service>.<ext>``; returns the files."""
    target = out_dir / flavour
    target.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="stubwright-ref-") as tmp:
        work = Path(tmp)
        service_rst = write_service_rst(service, flavour, work / "rst")
        rst = combine_service_rst(service_rst, with_resources=with_resources)
        outputs["rst"] = rst
        if "html" in formats or "text" in formats:
            outputs["html"] = build_html(rst, service, work / "sphinx")
            outputs["text"] = html_to_text(outputs["html"])
    written: dict[str, Path] = {}
    for fmt in formats:
        path = output_path(out_dir, flavour, service, fmt, compress=compress)
        write_output(path, outputs[fmt], compress=compress)
        written[fmt] = path
    return written


def output_path(out_dir: Path, flavour: str, service: str, fmt: str, *, compress: bool) -> Path:
    return out_dir / flavour / f"{service}{SUFFIX[fmt]}{'.gz' if compress else ''}"


def write_output(path: Path, text: str, *, compress: bool) -> None:
    data = text.encode("utf-8")
    if compress:  # reproducible: no file name, no time stamp in the header
        with path.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as gz:
            gz.write(data)
    else:
        path.write_bytes(data)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.corpus.render_reference", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("services", nargs="+", metavar="SERVICE")
    parser.add_argument("--flavour", choices=("botocore", "boto3"), default="botocore")
    parser.add_argument(
        "--out",
        type=Path,
        help="default: ~/.cache/stubwright/corpus/<botocore-version>/reference",
    )
    parser.add_argument("--formats", default="html,text", help="comma list of html,text,rst")
    parser.add_argument(
        "--resources", action="store_true", help="boto3: inline the resource pages too"
    )
    parser.add_argument("--force", action="store_true", help="re-render cached services")
    parser.add_argument(
        "--gzip", action="store_true", help="write <file>.gz (reproducible), e.g. for fixtures"
    )
    args = parser.parse_args(argv)
    args.formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(args.formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown format(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    cached = args.out is None
    out_dir: Path = default_cache_dir() if cached else args.out
    for service in args.services:
        expected = [
            output_path(out_dir, args.flavour, service, f, compress=args.gzip)
            for f in args.formats
        ]
        if cached and not args.force and all(p.exists() for p in expected):
            print(f"{service}: cached in {out_dir / args.flavour}")
            continue
        start = time.perf_counter()
        written = render_service(
            service,
            args.flavour,
            out_dir,
            args.formats,
            with_resources=args.resources,
            compress=args.gzip,
        )
        elapsed = time.perf_counter() - start
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KiB" for p in written.values())
        print(f"{service}: {elapsed:.1f}s -> {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
