"""Turn a Sphinx HTML reference page into the plain text a browser's copy-paste gives.

The layout imitates text copied from the AWS SDK reference site (see the seed
pages, e.g. ``/work/shared/seeds/001_*``):

* each block (paragraph, heading, list item, signature, field name, ``<pre>``)
  starts a line; blank lines come from paragraph/heading/list "margins", and
  two margins that meet give one blank line, never two;
* list items start with ``•`` (``1.`` in ordered lists): a top-level list's
  bullets are indented by 2 spaces, an item's text by 2 more, and a nested
  list's bullets line up with its parent item's text (2 more spaces a level);
* ``<pre>`` is kept verbatim (indented like its context), with no blank line
  after it unless a paragraph follows;
* a "simple" list item (one paragraph, maybe followed by a list of simple
  items) has no blank line in or after it;
* a field list (``Parameters``, ``Return type``, ``Returns``, ``Raises``) has
  no blank line after a field name; when every field body is one paragraph
  (one-parameter methods: the seed's layout differs there), paragraphs lose
  their bottom margin: ``Return type`` / ``dict`` / ``Returns`` /
  ``Response Syntax`` / ``{`` follow one another with no blank line;
* the ``:`` Sphinx puts after field names (``span.colon``) and permalinks
  (``a.headerlink``) are dropped: the site added them by CSS only.

Sphinx writes ``<p>`` inside ``<p>`` (``Name (string) -- <p>[REQUIRED]</p>``);
as a browser does, the outer paragraph is closed before each inner block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul"]
)
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
LISTS = frozenset(("ul", "ol"))
DROPPED_TAGS = frozenset(("script", "style", "head", "title", "template", "noscript"))
DROPPED_CLASSES = frozenset(("headerlink", "colon"))
BULLET = "•"
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_SPLIT = "data-split"  # marks a <dd>/<li> whose paragraph held blocks
_COMPACT = "data-compact"  # marks a field list whose bodies are single paragraphs


@dataclass
class _Writer:
    """Collects lines; a pending gap (0 or 1 blank line) is written before the next text."""

    lines: list[str] = field(default_factory=list)
    gap: int = 0
    words: list[str] | None = None  # inline text of the line being written
    indent: int = 0
    marker: str | None = None  # list marker waiting for its item's first line

    def margin(self, lines: int) -> None:
        self.end_line()
        self.gap = max(self.gap, lines)

    def text(self, text: str) -> None:
        if self.words is None:
            self.words = []
        self.words.append(text)

    def end_line(self) -> None:
        if self.words is not None:
            text = "".join(self.words).strip()
            self.words = None
            if text:
                self._emit(text)

    def verbatim(self, text: str) -> None:
        self.end_line()
        for line in text.rstrip("\n").split("\n"):
            self._emit(line.rstrip())

    def _emit(self, text: str) -> None:
        if self.lines and self.gap:
            self.lines.append("")
        self.gap = 0
        lead = " " * self.indent
        if self.marker is not None:
            lead = " " * (self.indent - len(self.marker) - 1) + self.marker + " "
            self.marker = None
        self.lines.append(lead + text if text else "")


def _classes(tag: Tag) -> list[str]:
    return list(tag.get("class") or [])


def _is_block(node: object) -> bool:
    return isinstance(node, Tag) and node.name in BLOCK_TAGS


def _blocks(tag: Tag) -> list[Tag]:
    """Element children of ``tag`` that render as blocks."""
    return [c for c in tag.children if _is_block(c)]


def _items(list_tag: Tag) -> list[Tag]:
    return [c for c in list_tag.children if isinstance(c, Tag) and c.name == "li"]


def _mark_compact_field_lists(root: Tag) -> None:
    """Mark field lists whose every body is one paragraph (before ``<p>`` are split)."""
    for dl in root.find_all("dl", class_="field-list"):
        bodies = [_blocks(dd) for dd in dl.find_all("dd", recursive=False)]
        if all(len(b) == 1 and b[0].name == "p" for b in bodies):
            dl[_COMPACT] = "1"


def _split_nested_paragraphs(root: Tag, soup: BeautifulSoup) -> None:
    """Close a ``<p>`` before each block inside it, as a browser's parser does."""
    for p in list(root.find_all("p")):
        if not any(_is_block(child) for child in p.children):
            continue
        if p.parent is not None:
            p.parent[_SPLIT] = "1"
        pieces: list[Tag] = []
        run = soup.new_tag("p")
        for child in list(p.children):
            child.extract()
            if _is_block(child):
                if run.get_text().strip():
                    pieces.append(run)
                run = soup.new_tag("p")
                pieces.append(child)
            else:
                run.append(child)
        if run.get_text().strip():
            pieces.append(run)
        anchor = p
        for piece in pieces:
            anchor.insert_after(piece)
            anchor = piece
        p.decompose()


def _simple_item(li: Tag) -> bool:
    """One paragraph (or inline text), maybe followed by a list of simple items."""
    blocks = _blocks(li)
    if blocks and blocks[-1].name in LISTS and all(_simple_item(i) for i in _items(blocks[-1])):
        blocks = blocks[:-1]
    return len(blocks) <= 1 and all(b.name == "p" for b in blocks)


class _Renderer:
    def __init__(self) -> None:
        self.out = _Writer()
        self.simple = 0  # > 0 inside a simple list item: no blank lines
        self.compact = False  # inside a field list of single-paragraph bodies

    def render(self, node: Tag) -> None:
        for child in node.children:
            self.node(child)

    def block(self, node: Tag, top: int, bottom: int) -> None:
        self.out.margin(0 if self.simple else top)
        self.render(node)
        self.out.margin(0 if self.simple else bottom)

    def node(self, node: object) -> None:
        if isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            return
        if isinstance(node, NavigableString):
            text = _SPACES.sub(" ", str(node))
            if text.strip() or self.out.words:
                self.out.text(text)
            return
        if not isinstance(node, Tag) or node.name in DROPPED_TAGS:
            return
        if DROPPED_CLASSES.intersection(_classes(node)):
            return
        name = node.name
        if name == "br":
            self.out.end_line()
        elif name == "pre":
            self.out.margin(0)
            self.out.verbatim(node.get_text())
        elif name in LISTS:
            self.list(node)
        elif name == "dl":
            self.dl(node)
        elif name == "p":
            self.paragraph(node)
        elif name in HEADINGS:
            self.block(node, 1, 1)
        elif name in ("td", "th"):
            self.render(node)
            self.out.text("\t")
        elif name == "div" and "admonition" in _classes(node):
            self.block(node, 1, 1)
        elif name in BLOCK_TAGS:
            self.block(node, 0, 0)
        else:
            self.render(node)

    def paragraph(self, p: Tag) -> None:
        parent = p.parent
        siblings = _blocks(parent) if parent is not None else [p]
        first = siblings[0] is p
        in_item = parent is not None and parent.name == "li"
        if self.compact:
            top = 0 if first else 1
            bottom = 1 if in_item and siblings[-1] is p else 0
        else:
            top = 0 if first and in_item else 1
            bottom = 1
        self.block(p, top, bottom)

    def list(self, node: Tag) -> None:
        parent = node.parent
        nested = node.find_parent("li") is not None
        siblings = _blocks(parent) if parent is not None else [node]
        index = next((i for i, s in enumerate(siblings) if s is node), 0)
        after_list = index > 0 and siblings[index - 1].name in LISTS
        if nested:
            # A nested list follows its item's first line, or another list, closely.
            top = 0 if index == 1 or after_list else 1
        else:
            top = 0 if parent is not None and parent.name == "dd" and siblings[0] is node else 1
        self.out.margin(0 if self.simple else top)
        base = self.out.indent + (0 if nested else 2)
        start = int(str(node.get("start", 1)))
        for number, li in enumerate(_items(node), start):
            marker = f"{number}." if node.name == "ol" else BULLET
            self.out.margin(0)
            self.out.indent = base + len(marker) + 1
            self.out.marker = marker
            simple = _simple_item(li)
            self.simple += simple
            self.render(li)
            self.simple -= simple
        self.out.indent = base - (0 if nested else 2)
        self.out.margin(0)

    def dl(self, node: Tag) -> None:
        outer = self.compact
        self.compact = node.has_attr(_COMPACT)
        field_list = "field-list" in _classes(node)
        self.out.margin(0)
        for child in node.children:
            if not isinstance(child, Tag):
                continue
            if child.name == "dt":
                self.out.margin(0)
                self.render(child)
                self.out.margin(0 if field_list else 1)
            elif child.name == "dd":
                self.out.margin(0)
                self.render(child)
                self.out.margin(1 if self.compact and child.has_attr(_SPLIT) else 0)
            else:
                self.node(child)
        self.compact = outer


def main_content(soup: BeautifulSoup) -> Tag:
    """The page's body: Sphinx's ``div[role=main]`` (or ``div.body``), else ``<body>``."""
    for selector in ('[role="main"]', "div.body", "main", "body"):
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup


def html_to_text(html: str) -> str:
    """Plain text of the page's main content, laid out like a browser copy-paste."""
    soup = BeautifulSoup(html, "html.parser")
    root = main_content(soup)
    _mark_compact_field_lists(root)
    _split_nested_paragraphs(root, soup)
    renderer = _Renderer()
    renderer.render(root)
    renderer.out.end_line()
    return "\n".join(renderer.out.lines).rstrip() + "\n"
