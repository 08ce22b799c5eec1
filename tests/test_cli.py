"""The command line: exit codes, messages with file:line, nothing half-written."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, seed


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=ROOT, capture_output=True, text=True)


def test_generate_writes_package(tmp_path: Path) -> None:
    proc = run("generate", str(seed("001")), "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    package = tmp_path / "types_boto3_chime_sdk_identity" / "types_boto3_chime_sdk_identity"
    assert {p.name for p in package.iterdir()} >= {"client.pyi", "client.py", "type_defs.pyi", "literals.pyi", "py.typed", "__init__.pyi"}
    assert (tmp_path / "types_boto3_chime_sdk_identity" / "pyproject.toml").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".stubwright-")]


def test_unknown_document_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("just some notes\nnothing to see\n")
    out = tmp_path / "out"
    proc = run("generate", str(seed("001")), str(bad), "-o", str(out))
    assert proc.returncode == 2
    assert f"{bad.as_posix()}:1: error unknown-format" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_truncated_syntax_block_names_the_line(tmp_path: Path) -> None:
    text = seed("001").read_text()
    cut = text.index("response = client.create_app_instance(")
    broken = tmp_path / "broken.txt"
    broken.write_text(text[: cut + 80])
    proc = run("generate", str(broken), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    line = text[:cut].count("\n") + 1
    assert f"broken.txt:{line}: error truncated-syntax" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_previous_output_untouched_on_failure(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", str(seed("001")), "-o", str(out)).returncode == 0
    client = out / "types_boto3_chime_sdk_identity" / "types_boto3_chime_sdk_identity" / "client.pyi"
    before = client.read_bytes()
    empty = tmp_path / "empty.html"
    empty.write_text("")
    proc = run("generate", str(seed("001")), str(empty), "-o", str(out))
    assert proc.returncode == 2
    assert "error empty-document" in proc.stderr
    assert client.read_bytes() == before


def test_fail_on_warning(tmp_path: Path) -> None:
    text = seed("001").read_text().replace("  • Metadata (string) -- The metadata of the AppInstance .", "  • Bogus (string) -- not in the syntax", 1)
    doc = tmp_path / "page.txt"
    doc.write_text(text)
    assert run("generate", str(doc), "-o", str(tmp_path / "a")).returncode == 0
    proc = run("generate", str(doc), "-o", str(tmp_path / "b"), "--fail-on-warning")
    assert proc.returncode == 2
    assert "warning structure-contradicts-syntax" in proc.stderr
    assert not (tmp_path / "b").exists()


# --------------------------------------------------------------------------- generate --check, diff


def _small_doc(tmp_path: Path) -> Path:
    doc = tmp_path / "docs" / "inspector-scan.txt"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_bytes(gzip.decompress((ROOT / "tests/fixtures/reference/botocore/inspector-scan.txt.gz").read_bytes()))
    return doc


def test_check_exit_codes(tmp_path: Path) -> None:
    doc = _small_doc(tmp_path)
    out = tmp_path / "out"
    cache = ["--cache-dir", str(tmp_path / "cache")]
    proc = run("generate", str(doc.parent), "-o", str(out), "--check", *cache)
    assert proc.returncode == 1, proc.stderr  # nothing there yet: stale
    assert "added" in proc.stdout and "types_boto3_inspector_scan/pyproject.toml" in proc.stdout
    assert not out.exists() and not (tmp_path / "cache").exists()  # --check writes nothing
    assert run("generate", str(doc.parent), "-o", str(out), "-q", *cache).returncode == 0
    proc = run("generate", str(doc.parent), "-o", str(out), "--check", *cache)
    assert (proc.returncode, proc.stdout.strip()) == (0, f"{out.as_posix()} is current")
    client = out / "types_boto3_inspector_scan" / "types_boto3_inspector_scan" / "client.pyi"
    client.write_text(client.read_text() + "# edited\n")
    (out / "types_boto3_inspector_scan" / "types_boto3_inspector_scan" / "literals.py").unlink()
    proc = run("generate", str(doc.parent), "-o", str(out), "--check", *cache)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"changed  {out.as_posix()}/types_boto3_inspector_scan/types_boto3_inspector_scan/client.pyi",
        f"added    {out.as_posix()}/types_boto3_inspector_scan/types_boto3_inspector_scan/literals.py",
    ]
    assert "1 added, 1 changed, 0 removed" in proc.stderr
    doc.unlink()  # the package is no longer produced: check says it would go
    (doc.parent / "other.txt").write_bytes(gzip.decompress((ROOT / "tests/fixtures/reference/botocore/sagemaker-runtime.txt.gz").read_bytes()))
    proc = run("generate", str(doc.parent), "-o", str(out), "--check", "--no-cache")
    assert proc.returncode == 1 and f"removed  {out.as_posix()}/types_boto3_inspector_scan/.stubwright.json" in proc.stdout
    (doc.parent / "broken.txt").write_text("just some notes\n")
    proc = run("generate", str(doc.parent), "-o", str(out), "--check", "--no-cache")
    assert proc.returncode == 2 and "error unknown-format" in proc.stderr
    assert client.read_text().endswith("# edited\n")  # still nothing written


def test_committed_output_passes_check() -> None:
    """output/ is what `make generate` makes of input_docs/ (regenerate and commit)."""
    proc = run("generate", "--check", "-q")  # --check only reads the cache
    assert proc.returncode == 0, "output/ is stale: run `make generate` and commit\n" + proc.stdout + proc.stderr


def test_diff_exit_codes(tmp_path: Path) -> None:
    old, new = seed("002"), seed("001")
    proc = run("diff", str(old), str(new), "--fail-on-breaking")
    assert proc.returncode == 0 and "8 changes, 0 breaking" in proc.stdout
    proc = run("diff", str(new), str(old), "--fail-on-breaking", "--format", "markdown")
    assert proc.returncode == 1 and "### Breaking changes" in proc.stdout
    bad = tmp_path / "bad.txt"
    bad.write_text("just some notes\n")
    proc = run("diff", str(old), str(bad))
    assert proc.returncode == 2 and "error unknown-format" in proc.stderr and proc.stdout == ""


def test_unreadable_file_is_a_diagnostic_not_a_traceback(tmp_path: Path, monkeypatch: object, capsys: object) -> None:
    """An OSError while reading a document (permissions, I/O) names the file,
    exits 2 and writes nothing. Root reads any file whatever its mode, so the
    failure is injected into Path.read_bytes."""
    import pytest

    from generator.cli import main

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    docs = tmp_path / "docs"
    docs.mkdir()
    good = docs / "chime.txt"
    good.write_bytes(seed("001").read_bytes())
    locked = docs / "locked.txt"
    locked.write_text("anything")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    code = main(["generate", str(docs), "-o", str(out), "--no-cache"])
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert code == 2
    assert f"{locked.as_posix()}:0: error unreadable-file: cannot read this file (Permission denied)" in err
    assert "Traceback" not in err and "internal error" not in err
    assert not out.exists()
    # with --keep-going the packages of that folder are still held back: the file may belong to them
    code = main(["generate", str(docs), "-o", str(out), "--no-cache", "--keep-going"])
    assert code == 2
    assert not out.exists() or not any(out.iterdir())


def test_carriage_return_line_ends_read_like_newlines(tmp_path: Path) -> None:
    """CRLF and bare-CR copies of a page give the same stubs as the original."""
    text = seed("001").read_bytes()
    outs = []
    for name, data in (("lf", text), ("crlf", text.replace(b"\n", b"\r\n")), ("cr", text.replace(b"\n", b"\r"))):
        (tmp_path / name / "docs").mkdir(parents=True)
        doc = tmp_path / name / "docs" / "chime.txt"  # the same relative path: the README names its sources
        doc.write_bytes(data)
        out = tmp_path / name / "out"
        proc = run("generate", str(doc), "-o", str(out), "--no-cache")
        assert proc.returncode == 0, proc.stderr
        outs.append(
            {
                p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*"))
                if p.is_file() and p.name != ".stubwright.json"
            }
        )
    assert outs[0] == outs[1] == outs[2]


def test_python_warnings_from_doc_code_blocks_do_not_reach_stderr(tmp_path: Path) -> None:
    """``1for`` or ``"\\d"`` in a page's code makes ``compile`` warn on
    stderr (``<unknown>:1: SyntaxWarning: invalid decimal literal``), naming
    no document; the readers parse without it (seen in the long fuzz run)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    text = seed("001").read_text()
    (docs / "ref.txt").write_text(text.replace("    Metadata='string',", "    Metadata=[1for x in '\\d'],", 1))
    md = seed("004").read_text()
    (docs / "new.md").write_text(md.replace("    ExpiresIn: int = 3600,", "    ExpiresIn: int = [1for x in '\\d'],", 1))
    assert "1for" in (docs / "ref.txt").read_text() and "1for" in (docs / "new.md").read_text()
    proc = run("generate", str(docs / "ref.txt"), str(docs / "new.md"), "-o", str(tmp_path / "out"), "--no-cache")
    assert "Warning" not in proc.stderr and "<unknown>" not in proc.stderr, proc.stderr
