"""The error handler Python gives sys.stdout when nothing forces one: what `fivetran debug`'s print() encodes with.

The runner starts every Python it runs for a connector with PYTHONIOENCODING=utf-8, so that Node reads its output as
UTF-8 whatever the locale; but that setting also makes the handler `strict`, where Python left to itself picks
`surrogateescape` under the C or POSIX locale, a locale it coerces to C.UTF-8, or UTF-8 mode (fidelity 430: a file
name listed with a lone surrogate prints there). Used by ftmcp_run.py for the harness's own stdout (the connector's
child processes get the user's own PYTHONIOENCODING, or none, and pick theirs alike, 519), and by the runner's probe
(src/runner/python.ts) for the real SDK's process.

Standard library only; runs on Python 3.9 to 3.13.
"""
import locale
import os

# The locales Python treats as C (PEP 538 coerces C and POSIX to one of the others).
_C_LIKE = ("C", "POSIX", "C.UTF-8", "C.utf8", "UTF-8")


def default_errors():
    """`surrogateescape` or `strict`, as CPython's config_get_stdio_errors() chooses: from UTF-8 mode asked for in the
    environment (as for `fivetran debug`), then the LC_CTYPE locale the interpreter set at start-up (the C locale when
    the one named is not installed)."""
    if os.environ.get("PYTHONUTF8") == "1":
        return "surrogateescape"
    try:
        current = locale.setlocale(locale.LC_CTYPE)
    except locale.Error:
        return "strict"
    return "surrogateescape" if current in _C_LIKE else "strict"
