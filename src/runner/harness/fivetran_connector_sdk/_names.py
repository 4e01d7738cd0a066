"""Fivetran's renaming of schema, table and column names, as the SDK's core applies it (docs/warehouse.md, "Names").
The harness renames every table and column it sends (the channel's table, shape and schema records), with the running
Python's Unicode tables, and uses the names in the SDK's error messages. (src/warehouse/names.ts renames only rows that
do not come from the harness: tests and tools.)
"""
import re
import unicodedata

_NON_WORD = re.compile(r"[^A-Za-z0-9_]")
_WORD_DASH_DOT = re.compile(r"[A-Za-z0-9_.\-]*")
_DROP_LEADING_UNDERSCORES = re.compile(r"_+([a-zA-Z][A-Za-z0-9_]*)")
_UNDERSCORES = re.compile(r"_+")

DEFAULT_SCHEMA = "tester"

# False once the runner said the warehouse keeps the source's names (`fivetran debug --naming source` made it): then
# nothing is renamed, and a source schema is the destination schema itself, as in the SDK's source naming.
_apply = [True]


def keep_source_names():
    _apply[0] = False


def _transliterate(name):
    if _WORD_DASH_DOT.fullmatch(name):
        return name
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def _single_underscore_case(name):
    out = []
    # The walk starts from a NUL, which is not a digit: a leading digit starts a new word ("1st" -> "_1_st").
    # Only ASCII word characters are left by now, so str.islower/isupper/isdigit agree with names.ts.
    previous = "\0"
    for c in name:
        if (previous.islower() and c.isupper()) or (previous.isdigit() != c.isdigit()):
            out.append("_")
        out.append(c.lower())
        previous = c
    return _UNDERSCORES.sub("_", "".join(out))


def column(name):
    if not _apply[0]:
        return name
    cased = _single_underscore_case(_NON_WORD.sub("_", _transliterate(name)))
    return "_" + cased if cased and not re.match(r"[A-Za-z0-9_]", cased[0]) else cased


def table(name):
    if not _apply[0]:
        return name
    safe = column(name)
    m = _DROP_LEADING_UNDERSCORES.fullmatch(safe)
    return m.group(1) if m else safe


def schema(declared):
    """The destination schema: tester, or tester_<declared> lower-cased with non-word characters as `_` (a schema
    is not split into words as a table is)."""
    if declared is None:
        return DEFAULT_SCHEMA
    if not _apply[0]:
        return declared
    return _NON_WORD.sub("_", DEFAULT_SCHEMA + "_" + declared).lower()
