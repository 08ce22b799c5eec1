"""Reader for SDK reference pages as plain text (a browser's copy of the
botocore/boto3 Sphinx page, like seeds 001/002).

It finds the sections and entries of the page and returns a ``RefPage``;
interpretation (types, names, shapes) is ``reference_build``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..diagnostics import Diagnostic, DiagnosticError, Level
from ..model import SourceSpan
from .reference_page import Entry, RefClass, RefMethod, RefPage, SyntaxBlock

CLIENT_CLASS_RE = re.compile(r"^class\s+([A-Za-z][A-Za-z0-9]*)\.Client\s*$")
CLIENT_LINE_RE = re.compile(
    r"""^\s*client\s*=\s*(session\.create_client|boto3\.client)\(\s*['"]([a-z0-9][a-z0-9.\-]*)['"]\s*\)\s*$"""
)
#: the same line with any argument: a client id the strict pattern refuses
LOOSE_CLIENT_LINE_RE = re.compile(r"""^\s*client\s*=\s*(?:session\.create_client|boto3\.client)\((.*)\)\s*$""")
# `print(response)` closes the shared examples (botocore/docs/sharedexample.py);
# it is code, not a method section
METHOD_RE = re.compile(r"^(?!print\()([a-z_][a-z0-9_]*)\((.*)\)\s*$")
CLASS_RE = re.compile(
    r"^class\s+[A-Za-z][A-Za-z0-9]*\.(Paginator|Waiter|Client\.exceptions)\.([A-Za-z_][A-Za-z0-9_]*)\s*$"
)
GETTER_RE = re.compile(r"""^\s*(?:paginator|waiter)\s*=\s*client\.get_(?:paginator|waiter)\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)""")
ENTRY_RE = re.compile(
    r"^(?P<indent>\s*)(?:[•*\-]\s+)?(?:(?P<name>[A-Za-z0-9_][A-Za-z0-9_.:\-]*)\s+)?\((?P<type>[^()]{1,80})\)\s+--(?:\s+(?P<rest>.*))?$"
)
EXCEPTION_ITEM_RE = re.compile(r"^\s*(?:[•*\-]\s+)?[A-Za-z0-9]+\.Client\.exceptions\.([A-Za-z_][A-Za-z0-9_]*)\s*$")
REQUIRED = "[REQUIRED]"
#: a field Sphinx left unprocessed (``type X`` / ``param X`` at the start of
#: a line, the field's body below): a Parameters list in raw form
RAW_FIELD_RE = re.compile(r"^(type|param) ([A-Za-z_][A-Za-z0-9_]*)\s*$")


def _entry(line: str) -> re.Match[str] | None:
    """``ENTRY_RE`` on the line without its indentation: the regex's own
    leading ``\\s*`` backtracks quadratically over a long run of spaces."""
    if "--" not in line:
        return None
    return ENTRY_RE.match(line.lstrip())


def _exception_item(line: str) -> re.Match[str] | None:
    if ".Client.exceptions." not in line:
        return None
    return EXCEPTION_ITEM_RE.match(line.strip())


#: marker lines that end a description or an entry list
MARKERS = frozenset(
    {
        "Request Syntax",
        "Parameters",
        "Return type",
        "Returns",
        "Response Syntax",
        "Response Structure",
        "Exceptions",
        "Example",
        "Examples",
        "Syntax",
        "Structure",
        "Raises OperationNotPageableError",
        "Raises",
    }
)
TOP_SECTIONS = frozenset({"Client Exceptions", "Paginators", "Waiters"})



class _Lines:
    """The page's lines with 1-based numbering and a cursor."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.pos = 0

    def span(self, index: int | None = None) -> SourceSpan:
        return SourceSpan(self.path, (self.pos if index is None else index) + 1)

    def at_end(self) -> bool:
        return self.pos >= len(self.lines)

    def peek(self) -> str:
        return self.lines[self.pos]


def _is_boundary(line: str) -> bool:
    """A line that starts a new method or class section or a top section."""
    if line != line.lstrip():
        return False
    stripped = line.strip()
    return bool(METHOD_RE.match(line)) or bool(CLASS_RE.match(line)) or stripped in TOP_SECTIONS


def _join_doc(lines: Sequence[str]) -> str:
    """Paragraphs separated by blank lines; whitespace inside folded."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in lines:
        text = raw.strip()
        if text.startswith("•"):
            text = "- " + text[1:].strip()
            if current:  # each list item is a paragraph of its own
                paragraphs.append(" ".join(current))
                current = []
        if not text:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(text)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p != "See also: AWS API Documentation")


def _scan_balanced(lines: _Lines, first: int) -> tuple[str, int]:
    """Collect lines from ``first`` until brackets balance; returns the text
    and the index after the last line. Quotes are honoured."""
    depth = 0
    quote = ""
    i = first
    out: list[str] = []
    started = False
    while i < len(lines.lines):
        line = lines.lines[i]
        out.append(line)
        escaped = False
        for ch in line:
            if quote:
                if escaped:
                    escaped = False
                elif ch == "\\":
                    escaped = True
                elif ch == quote:
                    quote = ""
            elif ch in "'\"":
                quote = ch
            elif ch in "([{":
                depth += 1
                started = True
            elif ch in ")]}":
                depth -= 1
        quote = ""  # literals never span lines in these blocks
        i += 1
        if started and depth <= 0:
            break
        if not started and i - first > 1:
            break
    else:
        if depth > 0:
            raise DiagnosticError(
                Diagnostic(
                    lines.span(first),
                    Level.ERROR,
                    "truncated-syntax",
                    "code block never closes its brackets (the page looks truncated)",
                )
            )
    return "\n".join(out), i


class TextReader:
    def __init__(self, path: str, text: str) -> None:
        self.src = _Lines(path, text)
        self.diagnostics: list[Diagnostic] = []

    # -- helpers ---------------------------------------------------------
    def _warn(self, index: int, code: str, message: str, level: Level = Level.WARNING) -> None:
        self.diagnostics.append(Diagnostic(self.src.span(index), level, code, message))

    def _skip_blank(self) -> None:
        while not self.src.at_end() and not self.src.peek().strip():
            self.src.pos += 1

    def _section_end(self, start: int) -> int:
        """Index of the next section boundary at or after ``start``."""
        lines = self.src.lines
        i = start
        while i < len(lines) and not _is_boundary(lines[i]):
            i += 1
        return i

    # -- page --------------------------------------------------------------
    def read(self) -> RefPage:
        lines = self.src.lines
        service = ""
        client_id = ""
        flavour = ""
        header_end = 0
        class_line = 0
        for i, line in enumerate(lines):
            m = CLIENT_CLASS_RE.match(line.strip())
            if m and not service:
                service = m.group(1)
                class_line = i
                continue
            m2 = CLIENT_LINE_RE.match(line)
            if m2 and service:
                flavour = "botocore" if m2.group(1).startswith("session") else "boto3"
                client_id = m2.group(2)
                header_end = i + 1
                break
            loose = LOOSE_CLIENT_LINE_RE.match(line) if service else None
            if loose:
                raise DiagnosticError(
                    Diagnostic(
                        self.src.span(i),
                        Level.ERROR,
                        "bad-client-id",
                        f"client id {loose.group(1)[:80]!r} is not a botocore service name in quotes",
                        hint="a service name is lower-case letters, digits, '-' and '.' (chime-sdk-identity)",
                    )
                )
        if not service or not client_id:
            raise DiagnosticError(
                Diagnostic(
                    self.src.span(0),
                    Level.ERROR,
                    "not-a-reference-page",
                    "no 'class X.Client' line followed by 'client = session.create_client(...)'",
                )
            )
        doc = _join_doc(
            [ln for ln in lines[class_line + 1 : header_end - 1] if ln.strip() != "import boto3"]
        )
        methods: dict[str, RefMethod] = {}
        classes: list[RefClass] = []
        empty: list[tuple[str, SourceSpan]] = []
        seen: dict[str, int] = {}
        i = header_end
        section = "client"
        while i < len(lines):
            line = lines[i]
            stripped = line.strip()
            if line == line.lstrip() and stripped in TOP_SECTIONS:
                section = stripped
                nxt = self._section_end(i + 1)
                if nxt >= len(lines) or not CLASS_RE.match(lines[nxt]):
                    body = [ln for ln in lines[i + 1 : nxt] if ln.strip()]
                    if nxt >= len(lines) or not any(CLASS_RE.match(x) for x in body):
                        empty.append((stripped, self.src.span(i)))
                i += 1
                continue
            cm = CLASS_RE.match(line) if line == line.lstrip() else None
            if cm:
                end = self._class_end(i + 1)
                classes.append(self._read_class(cm.group(1), cm.group(2), i + 1, end))
                i = end
                continue
            mm = METHOD_RE.match(line) if line == line.lstrip() else None
            if mm and section == "client":
                end = self._section_end(i + 1)
                name = mm.group(1)
                if name in seen:
                    self._warn(
                        i,
                        "duplicate-method",
                        f"method {name!r} is documented again (first at line {seen[name] + 1}); the later section wins",
                    )
                    del methods[name]  # the later section wins, in its place
                seen[name] = i
                methods[name] = self._read_method(name, mm.group(2), i, end)
                i = end
                continue
            i += 1
        self._check_tail(list(methods.values()), classes)
        return RefPage(
            path=self.src.path,
            flavour=flavour,
            service_name=service,
            client_id=client_id,
            doc=doc,
            methods=tuple(methods.values()),
            classes=tuple(classes),
            empty_sections=tuple(empty),
            span=self.src.span(class_line),
        )

    def _check_tail(self, methods: Sequence[RefMethod], classes: Sequence[RefClass]) -> None:
        """A page that stops inside a section: its last line is a part's
        marker (``Response Syntax``) with nothing under it, or its last
        section is a method that never got to ``Returns``."""
        lines = self.src.lines
        last = len(lines) - 1
        while last >= 0 and not lines[last].strip():
            last -= 1
        if last < 0:
            return
        tail = lines[last].strip()
        if tail in MARKERS and tail not in ("Example", "Examples"):
            self._truncated(last, f"the page ends with {tail!r} and nothing under it")
            return
        spans = [m.span.line - 1 for m in methods]
        spans += [c.method.span.line - 1 for c in classes if c.method is not None]
        spans += [c.span.line - 1 for c in classes]
        start = max(spans, default=-1)
        if start < 0:
            return
        method = next((m for m in methods if m.span.line - 1 == start), None)
        if method is None:
            method = next((c.method for c in classes if c.method is not None and c.method.span.line - 1 == start), None)
        if method is None or not _explicit_operation(method.signature):
            return
        if not any(lines[k].strip() in ("Returns", "Return type") for k in range(start + 1, last + 1)):
            self._truncated(last, f"the section of {method.name}() ends before its 'Returns' part")

    def _truncated(self, index: int, why: str) -> None:
        self.diagnostics.append(
            Diagnostic(
                self.src.span(index),
                Level.ERROR,
                "truncated-section",
                f"{why}: the page looks truncated",
                hint="copy the whole page again",
            )
        )

    def _class_end(self, start: int) -> int:
        """A class section holds one method (paginate/wait) whose own header
        is a METHOD_RE line: skip over it."""
        lines = self.src.lines
        i = start
        while i < len(lines):
            line = lines[i]
            if line == line.lstrip() and (
                CLASS_RE.match(line) or line.strip() in TOP_SECTIONS
            ):
                return i
            mm = METHOD_RE.match(line) if line == line.lstrip() else None
            if mm and mm.group(1) not in ("paginate", "wait"):
                return i
            i += 1
        return i

    def _read_class(self, kind_word: str, name: str, start: int, end: int) -> RefClass:
        lines = self.src.lines
        kind = {"Paginator": "paginator", "Waiter": "waiter"}.get(kind_word, "exception")
        key = ""
        method: RefMethod | None = None
        doc_lines: list[str] = []
        i = start
        while i < end:
            line = lines[i]
            gm = GETTER_RE.match(line)
            if gm:
                key = gm.group(1)
                i += 1
                continue
            mm = METHOD_RE.match(line) if line == line.lstrip() else None
            if mm and mm.group(1) in ("paginate", "wait"):
                method = self._read_method(mm.group(1), mm.group(2), i, end)
                break
            if kind == "exception" and line.strip() in ("Example", "Syntax", "Structure"):
                break
            doc_lines.append(line)
            i += 1
        error_syntax = None
        error_entries: tuple[Entry, ...] = ()
        if kind == "exception":
            j = i
            while j < end:
                stripped = lines[j].strip()
                if stripped == "Syntax":
                    block_start = self._next_nonblank(j + 1, end)
                    if block_start < end:
                        text, after = _scan_balanced(self.src, block_start)
                        error_syntax = SyntaxBlock(text=text, span=self.src.span(block_start))
                        j = after
                        continue
                if stripped == "Structure":
                    error_entries = tuple(self._read_entries(j + 1, end))
                    break
                j += 1
        return RefClass(
            kind=kind,
            name=name,
            key=key,
            doc=_join_doc(doc_lines),
            method=method,
            error_syntax=error_syntax,
            error_entries=error_entries,
            span=self.src.span(start - 1),
        )

    def _next_nonblank(self, i: int, end: int) -> int:
        while i < end and not self.src.lines[i].strip():
            i += 1
        return i

    # -- a method section ----------------------------------------------
    def _read_method(self, name: str, signature: str, start: int, end: int) -> RefMethod:
        lines = self.src.lines
        i = start + 1
        doc_lines: list[str] = []
        while i < end and lines[i].strip() not in MARKERS:
            doc_lines.append(lines[i])
            i += 1
        request = None
        params: list[Entry] = []
        returns_none = False
        return_type = ""
        response = None
        response_entries: list[Entry] = []
        exceptions: list[tuple[str, SourceSpan]] = []
        while i < end:
            marker = lines[i].strip()
            if marker == "Request Syntax":
                j = self._next_nonblank(i + 1, end)
                if j < end and lines[j].strip() not in MARKERS:
                    text, i = _scan_balanced(self.src, j)
                    request = SyntaxBlock(text=text, span=self.src.span(j))
                    continue
                self._warn(i, "empty-section", f"{name}: 'Request Syntax' has no code block")
            elif marker == "Parameters":
                stop = self._marker_after(i + 1, end)
                params = self._read_entries(i + 1, stop)
                i = stop
                continue
            elif not params and RAW_FIELD_RE.match(lines[i]):
                stop = self._marker_after(i + 1, end)
                params = self._read_raw_fields(i, stop)
                i = stop
                continue
            elif marker == "Return type":
                j = self._next_nonblank(i + 1, end)
                if j < end and lines[j].strip() not in MARKERS:
                    return_type = lines[j].strip()
                    i = j + 1
                    continue
            elif marker == "Returns":
                j = self._next_nonblank(i + 1, end)
                if j < end and lines[j].strip() == "None":
                    returns_none = True
                    i = j + 1
                    continue
            elif marker == "Response Syntax":
                j = self._next_nonblank(i + 1, end)
                if j < end and lines[j].strip() not in MARKERS:
                    text, i = _scan_balanced(self.src, j)
                    response = SyntaxBlock(text=text, span=self.src.span(j))
                    continue
                self._warn(i, "empty-section", f"{name}: 'Response Syntax' has no code block")
            elif marker == "Response Structure":
                stop = self._marker_after(i + 1, end)
                response_entries = self._read_entries(i + 1, stop)
                i = stop
                continue
            elif marker == "Exceptions":
                j = i + 1
                while j < end:
                    em = _exception_item(lines[j])
                    if em:
                        exceptions.append((em.group(1), self.src.span(j)))
                    elif lines[j].strip() in MARKERS:
                        break
                    j += 1
                i = j
                continue
            i += 1
        return RefMethod(
            name=name,
            signature=signature.strip(),
            span=self.src.span(start),
            doc=_join_doc(doc_lines),
            request=request,
            params=tuple(params),
            returns_none=returns_none,
            return_type=return_type,
            response=response,
            response_entries=tuple(response_entries),
            exceptions=tuple(exceptions),
        )

    def _marker_after(self, start: int, end: int) -> int:
        i = start
        while i < end and self.src.lines[i].strip() not in MARKERS:
            i += 1
        return i

    def _read_raw_fields(self, start: int, end: int) -> list[Entry]:
        """``type X`` / ``param X`` fields (each followed by its body): one
        entry per parameter, typed by its ``type`` field, then the entries
        nested in its body."""
        lines = self.src.lines
        heads = [k for k in range(start, end) if RAW_FIELD_RE.match(lines[k])]
        types: dict[str, str] = {}
        entries: list[Entry] = []
        for n, head in enumerate(heads):
            m = RAW_FIELD_RE.match(lines[head])
            assert m is not None
            body_end = heads[n + 1] if n + 1 < len(heads) else end
            body = range(head + 1, body_end)
            if m.group(1) == "type":
                types[m.group(2)] = " ".join(lines[k].strip() for k in body if lines[k].strip())
                continue
            first_entry = next((k for k in body if _entry(lines[k])), body_end)
            texts = [lines[k] for k in range(head + 1, first_entry)]
            required = any(t.strip().startswith(REQUIRED) for t in texts)
            texts = [t.replace(REQUIRED, "", 1) if t.strip().startswith(REQUIRED) else t for t in texts]
            entries.append(
                Entry(
                    name=m.group(2),
                    type_word=types.get(m.group(2), ""),
                    required=required,
                    doc=_join_doc(texts),
                    span=self.src.span(head),
                )
            )
            entries.extend(self._read_entries(first_entry, body_end))
        return entries

    def _read_entries(self, start: int, end: int) -> list[Entry]:
        """``Name (type) -- text`` items; following lines until the next item
        are its description, a ``[REQUIRED]`` among them marks it required."""
        lines = self.src.lines
        entries: list[Entry] = []
        for head, body in self._group_entries(start, end):
            m = _entry(lines[head])
            assert m is not None
            rest = (m.group("rest") or "").strip()
            texts = [rest, *(lines[k] for k in body)]
            required = any(t.strip().startswith(REQUIRED) for t in texts)
            texts = [t.replace(REQUIRED, "", 1) if t.strip().startswith(REQUIRED) else t for t in texts]
            entries.append(
                Entry(
                    name=m.group("name") or "",
                    type_word=m.group("type").strip(),
                    required=required,
                    doc=_join_doc(texts),
                    span=self.src.span(head),
                )
            )
        return entries

    def _group_entries(self, start: int, end: int) -> Iterator[tuple[int, list[int]]]:
        head: int | None = None
        body: list[int] = []
        for k in range(start, end):
            if _entry(self.src.lines[k]):
                if head is not None:
                    yield head, body
                head, body = k, []
            elif head is not None:
                body.append(k)
        if head is not None:
            yield head, body


def _explicit_operation(signature: str) -> bool:
    """``**kwargs`` (or nothing): an operation, documented with a Returns part."""
    return signature.strip() in ("**kwargs", "")


def read_text(path: str, text: str) -> tuple[RefPage, list[Diagnostic]]:
    reader = TextReader(path, text)
    page = reader.read()
    return page, reader.diagnostics
