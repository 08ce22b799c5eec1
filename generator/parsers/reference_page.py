"""The raw reading of one SDK reference page, before it becomes a model.

Both the plain-text reader (``reference_text``) and the Sphinx HTML reader
(``reference_html``) produce a ``RefPage``; ``reference_build`` turns it into
a ``generator.model.Service``. Keeping this seam means the two readers only
have to find sections and entries, never to interpret them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import SourceSpan


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One ``Name (type) -- description`` item of a Parameters or
    Response Structure list. ``name`` is empty for list items and map
    keys/values (``(dict) --``)."""

    name: str
    type_word: str
    required: bool
    doc: str
    span: SourceSpan
    depth: int = -1  # nesting depth when the format shows it (HTML), else -1


@dataclass(frozen=True, slots=True, kw_only=True)
class SyntaxBlock:
    """A Request Syntax / Response Syntax code block, verbatim."""

    text: str
    span: SourceSpan


@dataclass(frozen=True, slots=True, kw_only=True)
class RefMethod:
    """A method section: a client method, ``paginate`` or ``wait``."""

    name: str
    #: the text between the parentheses of the signature line
    signature: str
    span: SourceSpan
    doc: str = ""
    #: operation name when the page links it (``.../CreateAppInstance``)
    operation_name: str = ""
    request: SyntaxBlock | None = None
    params: tuple[Entry, ...] = ()
    returns_none: bool = False
    return_type: str = ""
    response: SyntaxBlock | None = None
    response_entries: tuple[Entry, ...] = ()
    exceptions: tuple[tuple[str, SourceSpan], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RefClass:
    """A ``class X.Paginator.Y`` / ``class X.Waiter.Y`` /
    ``class X.Client.exceptions.Y`` section."""

    kind: str  # "paginator" | "waiter" | "exception"
    name: str
    #: the name passed to get_paginator / get_waiter
    key: str = ""
    doc: str = ""
    method: RefMethod | None = None
    #: for exceptions: the parsed error response ("Syntax"/"Structure")
    error_syntax: SyntaxBlock | None = None
    error_entries: tuple[Entry, ...] = ()
    span: SourceSpan


@dataclass(frozen=True, slots=True, kw_only=True)
class RefPage:
    path: str
    flavour: str  # "botocore" | "boto3"
    service_name: str
    client_id: str
    doc: str = ""
    methods: tuple[RefMethod, ...] = ()
    classes: tuple[RefClass, ...] = ()
    #: sections the page announces but leaves empty ("Paginators" with no list)
    empty_sections: tuple[tuple[str, SourceSpan], ...] = field(default=())
    span: SourceSpan
