"""Reader for SDK reference pages as Sphinx HTML (botocore's and boto3's
documentation, as Sphinx renders the reST their ``ServiceDocumenter`` writes).

It finds the sections and entries of the page and returns the same
``RefPage`` as the plain-text reader (``reference_text``); interpretation
(types, names, shapes) is ``reference_build``'s job.

The page is read with BeautifulSoup's ``html.parser`` builder, which keeps
the (invalid but common) ``<p>`` inside ``<p>`` nesting docutils writes and
records the source line of every tag, so spans point into the HTML file.
Both the current markup (``<section>``, ``<dl class="field-list">``) and
the older one (``<div class="section">``, ``<table class="field-list">``)
are understood.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString, Tag

from ..diagnostics import Diagnostic, DiagnosticError, Level
from ..model import SourceSpan
from .reference_page import Entry, RefClass, RefMethod, RefPage, SyntaxBlock

CLIENT_ID_RE = re.compile(r"^([A-Za-z][A-Za-z0-9]*)\.Client$")
CLIENT_SIG_RE = re.compile(r"^class\s+([A-Za-z][A-Za-z0-9]*)\.Client\s*$")
CLIENT_LINE_RE = re.compile(
    r"""^\s*client\s*=\s*(session\.create_client|boto3\.client)\(\s*['"]([a-z0-9][a-z0-9.\-]*)['"]\s*\)\s*$""",
    re.M,
)
LOOSE_CLIENT_LINE_RE = re.compile(r"""^\s*client\s*=\s*(?:session\.create_client|boto3\.client)\((.*)\)\s*$""", re.M)
CLASS_ID_RE = re.compile(
    r"^([A-Za-z][A-Za-z0-9]*)\.(Paginator|Waiter|Client\.exceptions)\.([A-Za-z_][A-Za-z0-9_]*)$"
)
CLASS_SIG_RE = re.compile(
    r"^class\s+([A-Za-z][A-Za-z0-9]*)\.(Paginator|Waiter|Client\.exceptions)\.([A-Za-z_][A-Za-z0-9_]*)\s*$"
)
METHOD_SIG_RE = re.compile(r"(?:^|\.)([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*$", re.S)
GETTER_RE = re.compile(
    r"""^\s*(?:paginator|waiter)\s*=\s*client\.get_(?:paginator|waiter)\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)""",
    re.M,
)
ENTRY_HEAD_RE = re.compile(
    r"^(?:(?P<name>[A-Za-z0-9_][A-Za-z0-9_.:\-]*)\s+)?\((?P<type>[^()]{1,80})\)\s*(?:--|\u2013|\u2014)(?:\s*(?P<rest>.*))?$",
    re.S,
)
EXCEPTION_RE = re.compile(r"[A-Za-z0-9]+\.Client\.exceptions\.([A-Za-z_][A-Za-z0-9_]*)\s*$")
OPERATION_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
WS_RE = re.compile(r"\s+")
HTML_OPEN_RE = re.compile(r"<html[\s>]", re.I)
HTML_CLOSE_RE = re.compile(r"</html\s*>", re.I)
REQUIRED = "[REQUIRED]"
#: the name of a field Sphinx left unprocessed (``type X`` / ``param X``)
RAW_FIELD_RE = re.compile(r"^(type|param) ([A-Za-z_][A-Za-z0-9_]*)$")
SEE_ALSO = "See also: AWS API Documentation"

#: paragraphs (``<p><strong>Request Syntax</strong></p>``) that open a part
#: of a method section; same set as the text reader's, plus "Examples"
MARKERS = frozenset(
    {
        "Request Syntax",
        "Response Syntax",
        "Response Structure",
        "Exceptions",
        "Example",
        "Examples",
        "Syntax",
        "Structure",
    }
)
TOP_SECTIONS = frozenset({"Client Exceptions", "Paginators", "Waiters"})
BLOCK_TAGS = frozenset(
    {
        "p", "ul", "ol", "dl", "dt", "dd", "li", "div", "pre", "table", "blockquote",
        "section", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure", "aside", "nav",
    }
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")



# ---------------------------------------------------------------------------
# small helpers over the soup


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value]


def _attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return " ".join(str(v) for v in value)


def _text(node: Tag | NavigableString) -> str:
    """Plain text with whitespace folded (``<code>`` loses its markup)."""
    return WS_RE.sub(" ", node.get_text()).strip()


def _children(tag: Tag) -> list[Tag]:
    return [c for c in tag.children if isinstance(c, Tag)]


def _is_block(tag: Tag) -> bool:
    return tag.name in BLOCK_TAGS


def _has_block_child(tag: Tag) -> bool:
    return any(_is_block(c) for c in _children(tag))


def _line(tag: Tag) -> int:
    node: Tag | None = tag
    while node is not None:
        if node.sourceline is not None:
            return node.sourceline
        node = node.parent
    return 1


@dataclass(frozen=True, slots=True)
class _Para:
    """A paragraph of inline content: a ``<p>``, or the run of inline nodes
    of a container (the ``Name (type) --`` head of a list item)."""

    text: str
    line: int
    hrefs: tuple[str, ...] = ()


def _inline(tag: Tag) -> list[Tag | NavigableString]:
    return [c for c in tag.children if isinstance(c, (Tag, NavigableString)) and not isinstance(c, Comment)]


def _para(nodes: Sequence[Tag | NavigableString], line: int) -> _Para | None:
    text = WS_RE.sub(" ", "".join(n.get_text() for n in nodes)).strip()
    if not text:
        return None
    hrefs: list[str] = []
    for n in nodes:
        if isinstance(n, Tag):
            if n.name == "a":
                hrefs.append(_attr(n, "href"))
            hrefs.extend(_attr(a, "href") for a in n.find_all("a") if isinstance(a, Tag))
    first = next((n for n in nodes if isinstance(n, Tag) and n.sourceline is not None), None)
    return _Para(text, first.sourceline if first is not None and first.sourceline else line, tuple(hrefs))


def _code_block(tag: Tag) -> Tag | None:
    """The ``<pre>`` of a ``highlight-*`` / ``literal-block`` container."""
    if tag.name == "pre":
        return tag
    if tag.name == "div" and any(c.startswith("highlight") or c == "literal-block-wrapper" for c in _classes(tag)):
        pre = tag.find("pre")
        return pre if isinstance(pre, Tag) else None
    return None


def _blocks(container: Tag) -> Iterator[_Para | Tag]:
    """The container's content in document order as paragraphs, ``<pre>``
    code blocks and other block elements (lists, field lists, nested
    objects). A ``<p>`` or plain ``<div>`` holding blocks is looked into."""
    run: list[Tag | NavigableString] = []
    for child in container.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            run.append(child)
            continue
        if not isinstance(child, Tag):
            continue
        if not _is_block(child):
            run.append(child)
            continue
        if run:
            p = _para(run, _line(container))
            run = []
            if p is not None:
                yield p
        code = _code_block(child)
        if code is not None:
            yield code
        elif child.name == "p" and not _has_block_child(child):
            p = _para(_inline(child), _line(child))
            if p is not None:
                yield _Para(p.text, _line(child), p.hrefs)
        elif child.name in ("p", "blockquote", "section", "figure", "aside") or (
            child.name == "div" and "py" not in _classes(child)
        ):
            yield from _blocks(child)
        else:
            yield child
    if run:
        p = _para(run, _line(container))
        if p is not None:
            yield p


#: a reST section title and literal-block marker (``**Parameters**`` then
#: ``::``) inside a code block
LEAKED_SECTION_RE = re.compile(r"^\*\*[A-Z][A-Za-z ]*\*\*[ \t]*\n(?:[ \t]*\n)*::[ \t]*$", re.M)


def _cut_leaked_section(text: str) -> str:
    """The Request Syntax without reST that leaked into its ``<pre>``.

    When botocore replaces a huge Parameters list by its note ('This
    section is too large to render'), the note's reST (``**Parameters**``,
    ``::``, the comment lines and the API link) is indented into the
    Request Syntax literal block, so Sphinx renders it inside the same
    ``<pre>``. The text layout ends the block where its brackets close and
    never sees it."""
    m = LEAKED_SECTION_RE.search(text)
    return text[: m.start()] if m else text


def _field_pairs(tag: Tag) -> Iterator[tuple[str, Tag]]:
    """``(name, body)`` of a docutils field list (``dl`` or old ``table``)."""
    if tag.name == "dl":
        name = ""
        for child in _children(tag):
            if child.name == "dt":
                name = _text(child).rstrip(":").strip()
            elif child.name == "dd" and name:
                yield name, child
                name = ""
    elif tag.name == "table":
        for row in tag.find_all("tr"):
            if not isinstance(row, Tag):
                continue
            th = row.find("th")
            td = row.find("td")
            if isinstance(th, Tag) and isinstance(td, Tag):
                yield _text(th).rstrip(":").strip(), td


def _is_field_list(tag: Tag) -> bool:
    return tag.name in ("dl", "table") and "field-list" in _classes(tag)


def _is_object(tag: Tag) -> bool:
    """A Sphinx object description (``<dl class="py method">``...)."""
    classes = _classes(tag)
    return tag.name == "dl" and any(c in classes for c in ("method", "class", "attribute", "function", "exception", "data"))


def _object_parts(dl: Tag) -> tuple[Tag, Tag] | None:
    kids = _children(dl)
    dt = next((k for k in kids if k.name == "dt"), None)
    dd = next((k for k in kids if k.name == "dd"), None)
    if dt is None or dd is None:
        return None
    return dt, dd


def _list_items(tag: Tag) -> list[Tag]:
    return [c for c in _children(tag) if c.name == "li"]


def _doc_join(paragraphs: Sequence[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p and p != SEE_ALSO)


def _operation_from(para: _Para) -> str:
    if not para.text.startswith("See also:"):
        return ""
    for href in para.hrefs:
        last = href.split("#")[0].split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        if OPERATION_RE.match(last):
            return last
    return ""


# ---------------------------------------------------------------------------
# the reader


@dataclass(slots=True)
class _MethodParts:
    doc: list[str]
    operation_name: str = ""
    request: SyntaxBlock | None = None
    params: tuple[Entry, ...] = ()
    returns_none: bool = False
    return_type: str = ""
    response: SyntaxBlock | None = None
    response_entries: tuple[Entry, ...] = ()
    exceptions: tuple[tuple[str, SourceSpan], ...] = ()
    marker: str = ""
    marker_line: int = 0
    #: the description ends at the first marker or field list
    doc_done: bool = False


class HtmlReader:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.soup = BeautifulSoup(text, "html.parser")
        for link in self.soup.find_all("a", class_="headerlink"):
            if isinstance(link, Tag):
                link.decompose()
        self.diagnostics: list[Diagnostic] = []

    # -- helpers ---------------------------------------------------------
    def _span(self, line: int) -> SourceSpan:
        return SourceSpan(self.path, line)

    def _warn(self, line: int, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self._span(line), Level.WARNING, code, message))

    def _not_a_page(self, message: str) -> DiagnosticError:
        return DiagnosticError(Diagnostic(self._span(1), Level.ERROR, "not-a-reference-page", message))

    # -- page --------------------------------------------------------------
    def _client_class(self) -> tuple[Tag, Tag, Tag, str] | None:
        for dl in self.soup.find_all("dl"):
            if not isinstance(dl, Tag) or not _is_object(dl):
                continue
            parts = _object_parts(dl)
            if parts is None:
                continue
            dt, dd = parts
            m = CLIENT_ID_RE.match(_attr(dt, "id")) or CLIENT_SIG_RE.match(_text(dt))
            if m:
                return dl, dt, dd, m.group(1)
        return None

    def read(self) -> RefPage:
        found = self._client_class()
        if found is None:
            raise self._not_a_page("no 'class X.Client' object description in the page")
        client_dl, client_dt, client_dd, service = found
        client_id = ""
        flavour = ""
        doc: list[str] = []
        for block in _blocks(client_dd):
            if isinstance(block, _Para):
                doc.append(block.text)
                continue
            if block.name == "pre":
                m = CLIENT_LINE_RE.search(block.get_text())
                if m:
                    flavour = "botocore" if m.group(1).startswith("session") else "boto3"
                    client_id = m.group(2)
                    break
                loose = LOOSE_CLIENT_LINE_RE.search(block.get_text())
                if loose:
                    raise DiagnosticError(
                        Diagnostic(
                            self._span(_line(block)),
                            Level.ERROR,
                            "bad-client-id",
                            f"client id {loose.group(1)[:80]!r} is not a botocore service name in quotes",
                            hint="a service name is lower-case letters, digits, '-' and '.' (chime-sdk-identity)",
                        )
                    )
            if _is_object(block):
                break
            if block.name in ("ul", "ol"):
                doc.extend("- " + _text(li) for li in _list_items(block))
        if not client_id:
            raise self._not_a_page(
                f"'class {service}.Client' is not followed by 'client = session.create_client(...)'"
                " or 'client = boto3.client(...)'"
            )

        methods: dict[str, RefMethod] = {}
        classes: list[RefClass] = []
        seen: dict[str, int] = {}
        for dl in self.soup.find_all("dl"):
            if not isinstance(dl, Tag) or not _is_object(dl) or dl is client_dl:
                continue
            parts = _object_parts(dl)
            if parts is None:
                continue
            dt, dd = parts
            ident = _attr(dt, "id")
            sig = _text(dt)
            cm = CLASS_ID_RE.match(ident) or CLASS_SIG_RE.match(sig)
            if "class" in _classes(dl) or "exception" in _classes(dl):
                if cm and cm.group(1) == service:
                    classes.append(self._read_class(cm.group(2), cm.group(3), dt, dd))
                continue
            if "method" not in _classes(dl) and "function" not in _classes(dl):
                continue
            owner = self._owner(dl)
            if owner is not None and owner is not client_dl:
                continue  # paginate / wait: read with their class
            if ident and not ident.startswith(f"{service}.Client."):
                continue
            mm = METHOD_SIG_RE.search(sig)
            if mm is None:
                self._warn(_line(dt), "unreadable-signature", f"method signature {sig[:60]!r} is not 'name(...)'")
                continue
            name = mm.group(1)
            line = _line(dt)
            if name in seen:
                self._warn(
                    line,
                    "duplicate-method",
                    f"method {name!r} is documented again (first at line {seen[name]}); the later section wins",
                )
                del methods[name]  # the later section wins, in its place
            seen[name] = line
            methods[name] = self._read_method(name, mm.group(2), dt, dd)

        empty: list[tuple[str, SourceSpan]] = []
        for heading in self.soup.find_all(HEADINGS):
            if not isinstance(heading, Tag):
                continue
            title = _text(heading)
            if title not in TOP_SECTIONS:
                continue
            container = heading.parent
            has_class = False
            if isinstance(container, Tag):
                has_class = any(
                    isinstance(dl, Tag) and _is_object(dl) and "class" in _classes(dl)
                    for dl in container.find_all("dl")
                )
            if not has_class:
                empty.append((title, self._span(_line(heading))))

        self._check_tail()
        return RefPage(
            path=self.path,
            flavour=flavour,
            service_name=service,
            client_id=client_id,
            doc=_doc_join(doc),
            methods=tuple(methods.values()),
            classes=tuple(classes),
            empty_sections=tuple(empty),
            span=self._span(_line(client_dt)),
        )

    def _check_tail(self) -> None:
        """A whole page (``<html>``) that never closes ``</html>`` was cut off."""
        if HTML_OPEN_RE.search(self.text[:20000]) and not HTML_CLOSE_RE.search(self.text[-20000:]):
            last = self.text.rstrip().count("\n") + 1
            self.diagnostics.append(
                Diagnostic(
                    self._span(last),
                    Level.ERROR,
                    "truncated-section",
                    "the page opens <html> but never closes it: the page looks truncated",
                    hint="save the whole page again",
                )
            )

    def _owner(self, dl: Tag) -> Tag | None:
        """The nearest enclosing object description that is a class."""
        for parent in dl.parents:
            if isinstance(parent, Tag) and _is_object(parent) and (
                "class" in _classes(parent) or "exception" in _classes(parent)
            ):
                return parent
        return None

    # -- classes -------------------------------------------------------------
    def _read_class(self, kind_word: str, name: str, dt: Tag, dd: Tag) -> RefClass:
        kind = {"Paginator": "paginator", "Waiter": "waiter"}.get(kind_word, "exception")
        key = ""
        method: RefMethod | None = None
        doc: list[str] = []
        error_syntax: SyntaxBlock | None = None
        error_entries: tuple[Entry, ...] = ()
        in_doc = True
        for block in _blocks(dd):
            if isinstance(block, _Para):
                if block.text in MARKERS:
                    in_doc = False
                elif in_doc:
                    doc.append(block.text)
                continue
            if block.name == "pre":
                gm = GETTER_RE.search(block.get_text())
                if gm:
                    key = gm.group(1)
                continue
            if not _is_object(block):
                if in_doc and block.name in ("ul", "ol"):
                    doc.extend("- " + _text(li) for li in _list_items(block))
                continue
            parts = _object_parts(block)
            if parts is None:
                continue
            mdt, mdd = parts
            in_doc = False
            msig = _text(mdt)
            mm = METHOD_SIG_RE.search(msig)
            if "method" in _classes(block) and mm and mm.group(1) in ("paginate", "wait"):
                method = self._read_method(mm.group(1), mm.group(2), mdt, mdd)
            elif kind == "exception" and "attribute" in _classes(block):
                error_syntax, error_entries = self._read_error(mdd)
        return RefClass(
            kind=kind,
            name=name,
            key=key,
            doc=_doc_join(doc),
            method=method,
            error_syntax=error_syntax,
            error_entries=error_entries,
            span=self._span(_line(dt)),
        )

    def _read_error(self, dd: Tag) -> tuple[SyntaxBlock | None, tuple[Entry, ...]]:
        syntax: SyntaxBlock | None = None
        entries: tuple[Entry, ...] = ()
        marker = ""
        for block in _blocks(dd):
            if isinstance(block, _Para):
                if block.text in MARKERS:
                    marker = block.text
                continue
            if block.name == "pre" and marker == "Syntax" and syntax is None:
                syntax = SyntaxBlock(text=block.get_text(), span=self._span(_line(block)))
            elif block.name in ("ul", "ol") and marker == "Structure":
                entries = tuple(self._read_list(block, 0))
                marker = ""
        return syntax, entries

    # -- a method section ----------------------------------------------
    def _read_method(self, name: str, signature: str, dt: Tag, dd: Tag) -> RefMethod:
        parts = _MethodParts(doc=[])
        self._method_blocks(name, dd, parts)
        if parts.marker in ("Request Syntax", "Response Syntax"):
            self._warn(parts.marker_line, "empty-section", f"{name}: {parts.marker!r} has no code block")
        return RefMethod(
            name=name,
            signature=WS_RE.sub(" ", signature).strip(),
            span=self._span(_line(dt)),
            doc=_doc_join(parts.doc),
            operation_name=parts.operation_name,
            request=parts.request,
            params=parts.params,
            returns_none=parts.returns_none,
            return_type=parts.return_type,
            response=parts.response,
            response_entries=parts.response_entries,
            exceptions=parts.exceptions,
        )

    def _set_marker(self, name: str, parts: _MethodParts, marker: str, line: int) -> None:
        if parts.marker in ("Request Syntax", "Response Syntax"):
            self._warn(parts.marker_line, "empty-section", f"{name}: {parts.marker!r} has no code block")
        parts.marker = marker
        parts.marker_line = line
        parts.doc_done = True

    def _method_blocks(self, name: str, container: Tag, parts: _MethodParts) -> None:
        for block in _blocks(container):
            if isinstance(block, _Para):
                if block.text in MARKERS:
                    self._set_marker(name, parts, block.text, block.line)
                elif not parts.doc_done:
                    op = _operation_from(block)
                    if op and not parts.operation_name:
                        parts.operation_name = op
                    parts.doc.append(block.text)
                continue
            if block.name == "pre":
                if parts.marker == "Request Syntax" and parts.request is None:
                    parts.request = SyntaxBlock(text=_cut_leaked_section(block.get_text()), span=self._span(_line(block)))
                    parts.marker = ""
                elif parts.marker == "Response Syntax" and parts.response is None:
                    parts.response = SyntaxBlock(text=block.get_text(), span=self._span(_line(block)))
                    parts.marker = ""
                elif not parts.doc_done:
                    parts.doc.append(block.get_text().strip("\n"))
                continue
            if block.name in ("ul", "ol"):
                if parts.marker == "Exceptions":
                    parts.exceptions = parts.exceptions + self._read_exceptions(block)
                elif parts.marker == "Response Structure":
                    parts.response_entries = tuple(self._read_list(block, 0))
                    parts.marker = ""
                elif not parts.doc_done:
                    parts.doc.extend("- " + _text(li) for li in _list_items(block))
                continue
            if _is_field_list(block):
                self._fields(name, block, parts)
                continue
            if _is_object(block):
                continue  # nested object descriptions are read on their own
            if not parts.doc_done:
                text = _text(block)
                if text:
                    parts.doc.append(text)

    def _fields(self, name: str, field_list: Tag, parts: _MethodParts) -> None:
        # ``type X`` / ``param X``: a field list Sphinx left unprocessed
        raw_types: dict[str, str] = {}
        raw_params: list[Entry] = []
        for field_name, body in _field_pairs(field_list):
            raw = RAW_FIELD_RE.match(field_name)
            if raw and raw.group(1) == "type":
                self._set_marker(name, parts, "", 0)
                raw_types[raw.group(2)] = _text(body)
            elif raw:
                self._set_marker(name, parts, "", 0)
                raw_params.extend(self._read_raw_param(raw.group(2), raw_types.get(raw.group(2), ""), body))
            elif field_name in ("Parameters", "Parameter"):
                self._set_marker(name, parts, "", 0)
                parts.params = tuple(self._read_param_body(body))
            elif field_name in ("Return type", "rtype"):
                self._set_marker(name, parts, "", 0)
                parts.return_type = _text(body)
            elif field_name in ("Returns", "returns"):
                self._set_marker(name, parts, "", 0)
                if _text(body) == "None":
                    parts.returns_none = True
                else:
                    self._method_blocks(name, body, parts)
            else:
                self._set_marker(name, parts, "", 0)  # Raises, Keyword Arguments...
        if raw_params and not parts.params:
            parts.params = tuple(raw_params)

    def _read_raw_param(self, name: str, type_word: str, body: Tag) -> list[Entry]:
        """A ``param X`` field: its description, ``[REQUIRED]`` among it,
        and the entries of its nested lists."""
        texts: list[str] = []
        children: list[Entry] = []
        for block in _blocks(body):
            if isinstance(block, _Para):
                texts.append(block.text)
            elif block.name in ("ul", "ol") and self._is_entry_list(block):
                children.extend(self._read_list(block, 1))
            elif block.name in ("ul", "ol"):
                texts.extend("- " + _text(li) for li in _list_items(block))
            elif not _is_object(block):
                texts.append(_text(block))
        required = any(t.startswith(REQUIRED) for t in texts)
        texts = [t[len(REQUIRED) :].strip() if t.startswith(REQUIRED) else t for t in texts]
        entry = Entry(
            name=name,
            type_word=type_word,
            required=required,
            doc=_doc_join(texts),
            span=self._span(_line(body)),
            depth=0,
        )
        return [entry, *children]

    def _read_exceptions(self, ul: Tag) -> tuple[tuple[str, SourceSpan], ...]:
        found: list[tuple[str, SourceSpan]] = []
        for li in _list_items(ul):
            m = EXCEPTION_RE.search(_text(li))
            if m:
                found.append((m.group(1), self._span(_line(li))))
            else:
                self._warn(_line(li), "unreadable-entry", f"exception item {_text(li)[:60]!r} is not 'X.Client.exceptions.Name'")
        return tuple(found)

    # -- entries ----------------------------------------------------------
    def _read_param_body(self, body: Tag) -> list[Entry]:
        """A Parameters field: a list of entries, or one entry inline."""
        blocks = list(_blocks(body))
        lists = [b for b in blocks if isinstance(b, Tag) and b.name in ("ul", "ol")]
        if blocks and isinstance(blocks[0], _Para) and ENTRY_HEAD_RE.match(blocks[0].text):
            return self._read_item(body, 0) or []
        entries: list[Entry] = []
        for block in lists:
            entries.extend(self._read_list(block, 0))
        return entries

    def _is_entry_list(self, ul: Tag) -> bool:
        items = _list_items(ul)
        if not items:
            return False
        head = next((b for b in _blocks(items[0]) if isinstance(b, _Para)), None)
        return head is not None and ENTRY_HEAD_RE.match(head.text) is not None

    def _read_list(self, ul: Tag, depth: int) -> list[Entry]:
        entries: list[Entry] = []
        for li in _list_items(ul):
            read = self._read_item(li, depth)
            if read is None:
                self._warn(_line(li), "unreadable-entry", f"list item {_text(li)[:60]!r} is not 'Name (type) -- text'")
                continue
            entries.extend(read)
        return entries

    def _read_item(self, item: Tag, depth: int) -> list[Entry] | None:
        """One ``Name (type) -- text`` item and, after it, the entries of
        its nested lists (pre-order)."""
        blocks = list(_blocks(item))
        head_index = next((k for k, b in enumerate(blocks) if isinstance(b, _Para)), None)
        if head_index is None:
            return None
        head = blocks[head_index]
        assert isinstance(head, _Para)
        m = ENTRY_HEAD_RE.match(head.text)
        if m is None:
            return None
        texts: list[str] = [(m.group("rest") or "").strip()]
        children: list[Entry] = []
        for block in blocks[head_index + 1 :]:
            if isinstance(block, _Para):
                texts.append(block.text)
            elif block.name == "pre":
                texts.append(block.get_text().strip("\n"))
            elif block.name in ("ul", "ol"):
                if self._is_entry_list(block):
                    children.extend(self._read_list(block, depth + 1))
                else:
                    texts.extend("- " + _text(li) for li in _list_items(block))
            elif not _is_object(block):
                texts.append(_text(block))
        required = any(t.startswith(REQUIRED) for t in texts)
        texts = [t[len(REQUIRED) :].strip() if t.startswith(REQUIRED) else t for t in texts]
        entry = Entry(
            name=m.group("name") or "",
            type_word=m.group("type").strip(),
            required=required,
            doc=_doc_join(texts),
            span=self._span(_line(item)),
            depth=depth,
        )
        return [entry, *children]


def read_html(path: str, text: str) -> tuple[RefPage, list[Diagnostic]]:
    try:
        reader = HtmlReader(path, text)
        page = reader.read()
    except RecursionError:
        raise DiagnosticError(
            Diagnostic(SourceSpan(path, 1), Level.ERROR, "too-deep", "the page nests its elements too deeply to read")
        ) from None
    return page, reader.diagnostics
