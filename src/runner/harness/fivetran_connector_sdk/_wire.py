"""The checks SDK 3.0.0 makes of the values a connector gives its setup form (and of declared names): the same
exceptions, with the same messages, because a connector sees them. A string takes str or UTF-8 bytes but no lone
surrogate; an integer takes anything with __index__ within its range; None means "not set".
"""
import operator


def text(value, unset_if_none=True):
    if value is None and unset_if_none:
        return ""
    if isinstance(value, str):
        # Encoding is the check: a lone surrogate raises UnicodeEncodeError, as in the SDK.
        return value.encode("utf-8").decode("utf-8")
    if isinstance(value, bytes):
        return value.decode("utf-8")
    raise TypeError("bad argument type for built-in operation")


def integer(value, bits, signed, unset_if_none=True):
    if value is None and unset_if_none:
        return 0
    number = operator.index(value)
    low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    if not low <= number <= high:
        # The SDK names the given object when the number fits a C long (and is not negative in an unsigned
        # field), and the number otherwise.
        shown = value if -(1 << 63) <= number < (1 << 63) and (signed or number >= 0) else number
        raise ValueError("Value out of range: %s" % (shown,))
    return number


def boolean(value):
    if value is None:
        return None
    number = operator.index(value)
    if not -(1 << 63) <= number < (1 << 63):
        raise OverflowError("Python int too large to convert to C long")
    return bool(number)


def enum(value, names):
    if value is None:
        return 0
    if isinstance(value, str):
        if value in names:
            return names[value]
        raise ValueError('unknown enum label "%s"' % value.split("\0")[0])
    return integer(value, 32, True)
