"""The fields of a connector's setup form, as SDK 3.0.0 has them: TextField, DropdownField and ToggleField each
build a FormField, and refuse what the SDK refuses (a label that is not a string, an empty dropdown, a required
flag that is not an integer)."""
from dataclasses import dataclass
from typing import List, Optional

from . import _wire

PLAIN_TEXT = 0
PASSWORD = 1
HIDDEN = 2
_TEXT_KINDS = {"PlainText": PLAIN_TEXT, "Password": PASSWORD, "Hidden": HIDDEN}


@dataclass
class DropdownFieldParam:
    """One option of a DropdownField: `value` is what configuration.json holds; label and description only show."""

    value: object
    label: Optional[str] = None
    description: Optional[str] = None


@dataclass(frozen=True)
class DropdownOption:
    value: str
    label: str
    description: str


@dataclass
class FormField:
    """One field of the form; text_field, dropdown_options or toggle says which kind."""

    name: str
    label: str
    required: Optional[bool] = None
    description: Optional[str] = None
    placeholder: Optional[str] = None
    text_field: Optional[int] = None
    dropdown_options: Optional[List[DropdownOption]] = None
    toggle: bool = False


def _finish(field, description, placeholder=None):
    if description is not None:
        field.description = _wire.text(description, unset_if_none=False)
    if placeholder is not None:
        field.placeholder = _wire.text(placeholder, unset_if_none=False)
    return field


class TextField:
    """A text input; field_type is TextField.plain_text (default) or TextField.password."""

    plain_text = PLAIN_TEXT
    password = PASSWORD

    def __new__(cls, name, label, field_type=PLAIN_TEXT, *, description=None, required=False, placeholder=None):
        field = FormField(
            name=_wire.text(name),
            label=_wire.text(label),
            text_field=None if field_type is None else _wire.enum(field_type, _TEXT_KINDS),
            required=_wire.boolean(required),
        )
        return _finish(field, description, placeholder)


class DropdownField:
    """A choice among `fields` (DropdownFieldParam options)."""

    def __new__(cls, name, label, *, fields, description=None, required=False, placeholder=None):
        if not fields:
            raise ValueError("DropdownField '%s' must define at least one option in 'fields'." % (name,))
        # The options are checked before the field itself, as in the SDK.
        options = [
            DropdownOption(
                value=_wire.text(str(item.value)),
                label=_wire.text(str(item.value if item.label is None else item.label)),
                description=_wire.text("" if item.description is None else str(item.description)),
            )
            for item in fields
        ]
        field = FormField(name=_wire.text(name), label=_wire.text(label), dropdown_options=options,
                          required=_wire.boolean(required))
        return _finish(field, description, placeholder)


class ToggleField:
    """A true/false switch."""

    def __new__(cls, name, label, *, description=None, required=False):
        field = FormField(name=_wire.text(name), label=_wire.text(label), toggle=True, required=_wire.boolean(required))
        return _finish(field, description)
