"""The hostile corpus (``tests/hostile/docs``, described in its README).

Every document, run through the command line like a user would, gives:

- exactly its expected diagnostics and exit code (the snapshot
  ``tests/hostile/expected/<name>.txt``; ``STUBWRIGHT_UPDATE_SNAPSHOTS=1``
  rewrites them: review the diff);
- when it fails: an output folder that already held a package is left
  byte for byte as it was;
- when it succeeds: Python that compiles, names that are plain ASCII, the
  hostile text only inside string literals (never in a name, an operator,
  a comment), none of it in ``pyproject.toml`` / ``README.md``, and, for
  all of them in one run, ``mypy --strict`` passes.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomllib

from generator.cli import main
from tests.conftest import ROOT, tool

HOSTILE = ROOT / "tests" / "hostile"
DOCS = HOSTILE / "docs"
EXPECTED = HOSTILE / "expected"
UPDATE = os.environ.get("STUBWRIGHT_UPDATE_SNAPSHOTS") == "1"
CASES = sorted(p for p in DOCS.iterdir() if not p.name.startswith((".", "_")))

#: text the documents smuggle in; it may only ever sit inside a string literal
SMUGGLED = ("__import__", "import os", "os.system", "{{", "{%", "{#", "\u200b", "\u202e", "\u2028", "\u2029")
#: names that would mean code from a document runs
FORBIDDEN_NAMES = frozenset({"__import__", "system", "eval", "exec", "os"})

SENTINEL = "types_boto3_sentinel"


@dataclass
class Outcome:
    code: int
    report: str  # the diagnostics as the snapshot holds them
    before: dict[str, bytes]
    after: dict[str, bytes]
    out: Path


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _report(code: int, stderr: str) -> str:
    """Exit code and the diagnostic lines (``path:line: level code: message``
    and their hints); the command line's own closing words are not part of it."""
    lines = [line[2:] for line in stderr.splitlines() if line.startswith("  ")]
    return "\n".join([f"exit {code}", *lines]) + "\n"


def _run(case: Path, out: Path) -> Outcome:
    """``stubwright generate <case> -o <out>`` in this process (fast), from
    the repository root so paths in messages are stable."""
    sentinel = out / SENTINEL / SENTINEL
    sentinel.mkdir(parents=True)
    (sentinel / "__init__.pyi").write_text("# a package generated earlier\n")
    (out / SENTINEL / "pyproject.toml").write_text('[project]\nname = "types-boto3-sentinel"\n')
    before = _tree(out)
    err = io.StringIO()
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["generate", case.relative_to(ROOT).as_posix(), "-o", str(out), "-q", "--no-cache"])
    finally:
        os.chdir(cwd)
    return Outcome(code, _report(code, err.getvalue()), before, _tree(out), out)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("hostile")
    return {case.name: _run(case, root / case.name) for case in CASES}


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 30
    formats = {"text-": 0, "html-": 0, "md-old-": 0, "md-new-": 0}
    for case in CASES:
        for prefix in formats:
            if case.name.startswith(prefix):
                formats[prefix] += 1
    assert all(n >= 5 for n in formats.values()), formats


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_expected_diagnostics(case: Path, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.name]
    snapshot = EXPECTED / f"{case.name}.txt"
    if UPDATE:
        snapshot.write_text(outcome.report, encoding="utf-8", newline="\n")
    assert snapshot.exists(), f"no snapshot for {case.name}: run with STUBWRIGHT_UPDATE_SNAPSHOTS=1 and review"
    assert outcome.report == snapshot.read_text(encoding="utf-8")
    assert "Traceback" not in outcome.report and "internal error" not in outcome.report


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_folder(case: Path, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case.name]
    assert outcome.code in (0, 2)
    kept = {k: v for k, v in outcome.after.items() if k.startswith(f"{SENTINEL}/")}
    assert kept == outcome.before, "the package already in the output folder was touched"
    if outcome.code != 0:
        assert outcome.after == outcome.before, "a failed run wrote something"
        return
    written = sorted({k.split("/")[0] for k in outcome.after} - {SENTINEL})
    assert len(written) == 1, written
    for rel, data in outcome.after.items():
        if rel.startswith(f"{SENTINEL}/"):
            continue
        text = data.decode("utf-8")
        if rel.endswith((".py", ".pyi")):
            _check_python(rel, text)
        elif rel != f"{written[0]}/{written[0]}/py.typed":
            found = [s for s in SMUGGLED if s in text]
            assert not found, f"{rel} carries document text {found}"
            if rel.endswith("pyproject.toml"):
                tomllib.loads(text)


def _check_python(rel: str, text: str) -> None:
    compile(text, rel, "exec", dont_inherit=True)  # also what ast.parse lets through (duplicate arguments)
    previous = ""
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        assert tok.type != tokenize.ERRORTOKEN, f"{rel}:{tok.start[0]}: {tok.string!r}"
        if tok.type == tokenize.STRING:
            continue
        found = [s for s in SMUGGLED if s in tok.string]
        assert not found, f"{rel}:{tok.start[0]}: document text {found} outside a string literal: {tok.line.strip()!r}"
        if tok.type == tokenize.NAME:
            assert tok.string.isascii(), f"{rel}:{tok.start[0]}: non-ASCII name {tok.string!r}"
            assert tok.string not in FORBIDDEN_NAMES, f"{rel}:{tok.start[0]}: {tok.line.strip()!r}"
            assert not (previous == "import" and tok.string == "os"), f"{rel}:{tok.start[0]}"
            previous = tok.string


def test_generated_packages_pass_mypy(outcomes: dict[str, Outcome], tmp_path: Path) -> None:
    """One mypy --strict run over every package the corpus generated."""
    projects = sorted(
        project
        for outcome in outcomes.values()
        if outcome.code == 0
        for project in outcome.out.iterdir()
        if project.name != SENTINEL
    )
    assert len(projects) >= 15
    args = [tool("mypy"), "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "cache")]
    for project in projects:
        args += ["-p", project.name]
    proc = subprocess.run(
        args,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "MYPYPATH": os.pathsep.join(str(p) for p in projects)},
    )
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]


# ---------------------------------------------------------------------------
# the pieces the corpus relies on, in process


def test_a_reader_crash_is_an_internal_error_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a reader names the document and says it is a bug; no traceback."""
    import generator.parsers as parsers

    def crash(path: str, text: str) -> object:
        raise ValueError("boom")

    monkeypatch.setattr(parsers, "FORMATS", tuple((name, looks, crash) for name, looks, _ in parsers.FORMATS))
    data = (ROOT / "tests" / "fixtures" / "seeds").glob("001_*.txt").__next__().read_bytes()
    service, diags = parsers.parse_document("page.txt", data)
    assert service is None
    assert [(d.level.value, d.code, d.span.line) for d in diags] == [("error", "internal-error", 1)]
    assert "ValueError: boom" in diags[0].message and "bug in stubwright" in diags[0].hint
    with pytest.raises(ValueError, match="boom"):
        parsers.parse_document("page.txt", data, strict=True)


def test_cli_turns_an_unexpected_exception_into_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import generator.cli as cli

    def crash(*args: object, **kwargs: object) -> object:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(cli, "generate", crash)
    code = cli.main(["generate", str(DOCS / "notes.txt"), "-o", str(tmp_path / "out"), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2
    assert "internal error" in err and "report" in err
    assert not (tmp_path / "out").exists()


def test_names_from_documents() -> None:
    from generator.naming import is_client_id, is_error_name, is_identifier, is_method_name, is_module_name, type_name

    assert is_identifier("Name") and is_identifier("_x1")
    for bad in ("from", "class", "Name\n", "Na\u200bme", "Ünicode", "x: int = 1", "", "1st"):
        assert not is_identifier(bad), bad
    assert not is_method_name("__init__") and not is_method_name("str") and not is_method_name("exceptions")
    assert is_method_name("create_thing")
    assert not is_error_name("None") and not is_error_name("type") and is_error_name("BadRequestException")
    assert is_client_id("chime-sdk-identity") and is_client_id("s3") and not is_client_id('a"b') and not is_client_id("A")
    assert is_module_name("types_boto3_s3") and not is_module_name("types_boto3_x/../y") and not is_module_name("import")
    assert type_name("Ünicode") == "Unicode" and type_name("ｆｕｌｌ") == "Full" and type_name("a b") == "AB"


@pytest.mark.parametrize(
    "prose",
    [
        'ends with a quote"',
        'three """ quotes """ and code\nimport os',
        "a backslash at the end \\",
        "\\N{BULLET} \\x00 \\u2028 escapes stay text",
        "{{ 7*7 }} {% include 'x' %} {# c #}",
        "zero\u200bwidth \u202eRTL \x00 NUL \x07 bell \u2028 line \u2029 paragraph",
        "'''single''' and \"\"\"double\"\"\"",
    ],
)
def test_docstring_escaper(prose: str) -> None:
    import ast

    from generator.render.text import docstring_body

    body = docstring_body(prose)
    source = f'"""{body}"""'
    node = ast.parse(source, mode="eval").body
    assert isinstance(node, ast.Constant) and isinstance(node.value, str)
    assert all(ch == "\n" or ch.isprintable() for ch in node.value), node.value
    assert node.value.replace("\n", " ").split() == prose.replace("\u2028", " ").replace("\u2029", " ").translate(
        {0x200B: None, 0x202E: None, 0x00: None, 0x07: None}
    ).split()


def test_thousands_of_enum_values_are_read() -> None:
    """ast gives up on ``'a'|'b'|...`` after a few thousand alternatives;
    the reader flattens the run and reads every value."""
    from generator.model import SourceSpan
    from generator.parsers.reference_build import _parse_block
    from generator.parsers.reference_page import SyntaxBlock

    values = [f"V{i}" for i in range(6000)]
    text = "{\n    'Mode': " + "|".join(repr(v) for v in values) + ",\n    'Name': 'a|b'\n}"
    raw, notes = _parse_block(SyntaxBlock(text=text, span=SourceSpan("x.txt", 10)), "value")
    assert notes == []
    assert [name for name, _ in raw.members] == ["Mode", "Name"]
    assert raw.members[0][1].values == tuple(values)
    assert raw.members[1][1].values == ("a|b",)
