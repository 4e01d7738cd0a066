"""The setup form a connector's configuration_form() returns, with its setup tests, as in SDK 3.0.0."""
from dataclasses import dataclass
from typing import List

from . import _wire
from .form_field import FormField


@dataclass(frozen=True)
class ConfigurationTest:
    name: str
    label: str


@dataclass(frozen=True)
class ConfigurationFormResponse:
    fields: List[FormField]
    tests: List[ConfigurationTest]


class ConfigurationForm:
    """Fields (add_field) and setup tests (add_test). A test is known by its function's __name__."""

    def __init__(self):
        self._fields = []
        self._tests = []  # (label, function)

    def add_field(self, field):
        if not isinstance(field, FormField):
            raise TypeError("field must be a form_field, got %s: %r" % (type(field).__name__, field))
        self._fields.append(field)
        return self

    def add_test(self, *, label, func):
        if not label:
            raise ValueError("label must not be empty for test function '%s'" % (getattr(func, "__name__", repr(func)),))
        if not callable(func):
            raise TypeError("func must be callable")
        if func.__name__ == "<lambda>":
            raise ValueError("anonymous lambda functions cannot be used as test functions; "
                             "assign the function to a named variable first")
        if any(f.__name__ == func.__name__ for _, f in self._tests):
            raise ValueError("a test function named '%s' is already registered; "
                             "each test function must have a unique name" % (func.__name__,))
        self._tests.append((label, func))
        return self

    def _get_test_function_by_name(self, name):
        for _, func in self._tests:
            if func.__name__ == name:
                return func
        return None

    def to_response(self):
        return ConfigurationFormResponse(
            fields=list(self._fields),
            tests=[ConfigurationTest(name=_wire.text(func.__name__), label=_wire.text(label)) for label, func in self._tests],
        )
