"""SDK 3.1's `@action` decorator (Record & Replay), accepted so connectors that use it run under the embedded engine.

In the real SDK it marks a source-reading function whose inputs and results `fivetran debug` keeps in a fixture
(record) or serves from it (replay). Here the function runs as written: fivetran-connector-mcp records and replays
at the HTTP level instead (src/runner/harness/ftmcp_proof.py), decorated or not. See docs/recordings.md.
"""
import functools


def action(func=None, *args, **kwargs):
    """Usable bare (@action), called (@action(), @action("name"), @action(name=...)), or as a plain wrapper."""
    if func is None or isinstance(func, str):
        return lambda f: action(f)
    if not callable(func):
        raise TypeError("@action decorates a function, got " + type(func).__name__)

    @functools.wraps(func)
    def wrapper(*a, **k):
        return func(*a, **k)

    wrapper.__fivetran_action__ = True
    return wrapper
