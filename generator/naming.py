"""Names: turning untrusted doc text into Python identifiers and
synthesising readable, deterministic type names.

This is the one place that decides whether text from a document may stand
in the generated code as a name. Parsers check every name they hand to the
model with the predicates below (``generator.parsers.checks`` is the last
gate); the renderer places model names verbatim and everything else through
``repr`` (``render.types.quote``) or the docstring escaper (``render.text``).
Names are plain ASCII: unicode identifiers are valid Python, but NFKC folds
look-alikes together and zero-width or bidi characters would hide in them.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata

_IDENT_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORD_RE = re.compile(r"[A-Za-z0-9]+")
#: what botocore accepts as a service name (``create_client("chime-sdk-identity")``)
_CLIENT_ID_RE = re.compile(r"[a-z0-9][a-z0-9.\-]*")
_MODULE_RE = re.compile(r"[a-z_][a-z0-9_]*")
_METHOD_RE = re.compile(r"[a-z_][a-z0-9_]*")

#: names a TypedDict key must not take in class syntax: they would shadow
#: something the stub module uses (the published stubs make the same choice)
SHADOWING = frozenset(dir(builtins)) | frozenset(
    {"Any", "Literal", "Mapping", "NotRequired", "Sequence", "TypedDict", "Type", "Union", "datetime", "IO"}
)

#: names an operation's method must not take, because the client class body
#: relies on them:
#:
#: - what the class (or botocore's ``BaseClient``) defines: a method would
#:   replace it (``waiter_names`` is a ``BaseClient`` property);
#: - what the class body's annotations and decorators use: ``def str(...)``
#:   in the class body makes every later ``str`` annotation point at the
#:   method (``overload`` decorates ``get_paginator``/``get_waiter``).
#:
#: Module-level names of the client module are not here: a method does not
#: shadow them outside the class body (``create_client``, ``cast`` and
#: ``sys`` are used only at module level, and the runtime twin imports
#: botocore's ``get_session`` as ``_get_session``; glue has a ``GetSession``
#: operation).
RESERVED_METHODS = frozenset(
    {
        "can_paginate", "close", "exceptions", "generate_presigned_url", "get_paginator", "get_waiter", "meta",
        "waiter_names", "bool", "bytes", "dict", "float", "int", "list", "object", "str", "type", "overload",
        "datetime",
    }
)

#: names the generated client module imports or defines: an exception class
#: attribute of that name (``class Exceptions: ClientError: ...``) is fine, a
#: shadowing one is not
CLIENT_MODULE_NAMES = frozenset(
    {"BaseClient", "ClientMeta", "BaseClientExceptions", "BotocoreClientError", "BotocoreSession", "Exceptions", "Mapping", "Literal", "overload"}
)


def is_identifier(name: str) -> bool:
    """An ASCII Python identifier that is not a keyword."""
    return _IDENT_RE.fullmatch(name) is not None and not keyword.iskeyword(name)


def is_type_name(name: str) -> bool:
    """A shape, enum, paginator or waiter name: the renderer appends a
    suffix (``TypeDef``, ``Type``, ``Paginator``...), so a keyword is fine,
    but the name must be plain ASCII word characters."""
    return _IDENT_RE.fullmatch(name) is not None


def is_service_name(name: str) -> bool:
    """The class prefix of a service (``ChimeSDKIdentity`` → ``ChimeSDKIdentityClient``,
    which must not be a name the client module imports: ``BaseClient``)."""
    return _IDENT_RE.fullmatch(name) is not None and not name.startswith("_") and f"{name}Client" not in CLIENT_MODULE_NAMES


def is_method_name(name: str) -> bool:
    """A client method: snake case like every botocore method (so it never
    shadows a type the class body's annotations use, ``Mapping``), not a
    dunder, not one of the names the client class defines or relies on."""
    return _METHOD_RE.fullmatch(name) is not None and is_identifier(name) and not name.startswith("__") and name not in RESERVED_METHODS


def is_parameter_name(name: str) -> bool:
    return is_identifier(name) and name != "self"


def is_error_name(name: str) -> bool:
    """An exception class attribute of ``Exceptions``."""
    return is_identifier(name) and not name.startswith("__") and name not in SHADOWING and name not in CLIENT_MODULE_NAMES


def is_client_id(text: str) -> bool:
    """A botocore service name (``chime-sdk-identity``)."""
    return _CLIENT_ID_RE.fullmatch(text) is not None and len(text) <= 100


def is_module_name(text: str) -> bool:
    """A top-level Python package name the docs state (``mypy_boto3_sts``)."""
    return _MODULE_RE.fullmatch(text) is not None and not keyword.iskeyword(text) and len(text) <= 100


def safe_identifier(name: str) -> str:
    """A valid Python identifier for ``name``: keywords get a trailing
    underscore (``from`` → ``from_``), invalid characters become ``_``."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name) or "_"
    if cleaned[0].isdigit():
        cleaned = "_" + cleaned
    if keyword.iskeyword(cleaned) or keyword.issoftkeyword(cleaned):
        cleaned += "_"
    return cleaned


def type_name(text: str) -> str:
    """A valid type name for any text: ``is_type_name`` names unchanged,
    anything else through ``class_name`` after folding accents and width
    (``"a b"`` → ``AB``, ``Ünicode`` → ``Unicode``)."""
    if is_type_name(text):
        return text
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return class_name(folded)


def class_name(text: str) -> str:
    """``user-profile`` → ``UserProfile``; keeps existing capitals."""
    words = _WORD_RE.findall(text)
    name = "".join(w[:1].upper() + w[1:] for w in words) or "Unnamed"
    if name[0].isdigit():
        name = "N" + name
    return name


def pascal_from_snake(name: str) -> str:
    """``create_app_instance`` → ``CreateAppInstance``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def singular(name: str) -> str:
    """A readable singular of a plural member name (``Tags`` → ``Tag``)."""
    for plural, single in (
        ("ies", "y"),
        ("sses", "ss"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("tuses", "tus"),
        ("iases", "ias"),
    ):
        if name.endswith(plural) and len(name) > len(plural) + 1:
            return name[: -len(plural)] + single
    if name.endswith("s") and not name.endswith("ss") and len(name) > 2:
        return name[:-1]
    return name + "Item"


#: member names too generic to name an enum or a structure on their own
GENERIC_NAMES = frozenset(
    {"Type", "Status", "State", "Name", "Value", "Key", "Mode", "Kind", "Code", "Format", "Action", "Source", "Target", "Level", "Unit", "Operator", "Option", "Options", "Config", "Configuration", "Settings", "Details", "Data", "Item", "Items", "Result", "Results", "Summary", "Info", "Attributes", "Metadata", "Filter", "Filters", "Condition", "Rule", "Rules", "Entry", "Entries", "Scope", "Role", "Policy", "Method", "Version", "Default", "Error", "Errors"}
)
