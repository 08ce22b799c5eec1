"""Names: turning untrusted doc text into Python identifiers and
synthesising readable, deterministic type names."""

from __future__ import annotations

import builtins
import keyword
import re

_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WORD_RE = re.compile(r"[A-Za-z0-9]+")

#: names a TypedDict key must not take in class syntax: they would shadow
#: something the stub module uses (the published stubs make the same choice)
SHADOWING = frozenset(dir(builtins)) | frozenset(
    {"Any", "Literal", "Mapping", "NotRequired", "Sequence", "TypedDict", "Type", "Union", "datetime", "IO"}
)


def is_identifier(name: str) -> bool:
    return bool(_IDENT_RE.match(name)) and not keyword.iskeyword(name)


def safe_identifier(name: str) -> str:
    """A valid Python identifier for ``name``: keywords get a trailing
    underscore (``from`` → ``from_``), invalid characters become ``_``."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name) or "_"
    if cleaned[0].isdigit():
        cleaned = "_" + cleaned
    if keyword.iskeyword(cleaned) or keyword.issoftkeyword(cleaned):
        cleaned += "_"
    return cleaned


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
