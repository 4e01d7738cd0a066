"""Prints, as one JSON list, every difference between the real SDK's core and the harness in a connector's decimal
context (356): Java's text of a float sent without a declared type (the core's java_float_text of a Single, the
harness's _values.float_text_in_context) and the core's rounding of a DECIMAL cell (stage_text, the harness's
_values.decimal_rounding_error), in seeded random contexts: precision, rounding, exponent limits, clamp and traps.
argv: the harness's folder, the seed. test/fidelity/cells.test.ts expects an empty list, and counts the checks."""
import decimal
import json
import random
import sys

from fivetran_connector_sdk_core.cells import Single, java_float_text, stage_text

sys.path.insert(0, sys.argv[1])
from fivetran_connector_sdk import _values  # noqa: E402

rnd = random.Random(int(sys.argv[2]))
ROUNDINGS = [decimal.ROUND_DOWN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN, decimal.ROUND_CEILING,
             decimal.ROUND_FLOOR, decimal.ROUND_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_05UP]
SIGNALS = [decimal.Inexact, decimal.Rounded, decimal.Clamped, decimal.Subnormal, decimal.Underflow, decimal.Overflow]
KINDS = [(6, 2), (10, 3), (38, 10), (3, 3), (5, 0)]


def outcome(f, *args):
    try:
        return ["ok", f(*args)]
    except Exception as e:  # noqa: B902 - any exception is compared by its type and text
        return ["raised", type(e).__name__, str(e)]


def value():
    pick = rnd.random()
    if pick < 0.4:
        return rnd.uniform(-1e4, 1e4)
    if pick < 0.7:
        return rnd.uniform(-1, 1) * 10 ** rnd.randint(-40, 40)
    return float(rnd.choice(["0.1", "2.675", "1e-9", "1234.5678", "-0.0", "7", "3.4e38", "1e-45", "nan", "inf"]))


def decimal_text():
    whole = str(rnd.randint(0, 10 ** rnd.randint(0, 6)))
    fraction = "".join(str(rnd.randint(0, 9)) for _ in range(rnd.randint(0, 6)))
    return rnd.choice(["", "-"]) + whole + ("." + fraction if fraction or rnd.random() < 0.2 else "")


differences = []
checks = 0
# How many checks raised, and how many floats got another text than the default context gives: the test wants both.
raised = 0
changed = 0
for _ in range(300):
    with decimal.localcontext() as context:
        context.prec = rnd.choice([1, 2, 3, 4, 6, 8, 12, 17, 28])
        context.rounding = rnd.choice(ROUNDINGS)
        if rnd.random() < 0.2:
            context.Emax, context.Emin = rnd.choice([(5, -5), (40, -40), (999999, -999999)])
        context.clamp = rnd.choice([0, 0, 1])
        for signal in SIGNALS:
            context.traps[signal] = rnd.random() < 0.3
        for _ in range(40):
            v = value()
            core = outcome(java_float_text, Single(repr(v)))
            ours = outcome(_values.float_text_in_context, v)
            checks += 1
            raised += core[0] == "raised"
            with decimal.localcontext(decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)):
                changed += core[0] == "ok" and core != outcome(java_float_text, Single(repr(v)))
            if core != ours:
                differences.append([str(context), repr(v), core, ours])
        for _ in range(40):
            cell, (precision, scale) = decimal_text(), rnd.choice(KINDS)
            core = outcome(stage_text, cell, "DECIMAL(%d,%d)" % (precision, scale))
            error = _values.decimal_rounding_error(cell, precision, scale)
            checks += 1
            raised += core[0] == "raised"
            if (core[0] == "raised") != (error is not None) or (error is not None and core[1:] != [type(error).__name__, str(error)]):
                differences.append([str(context), cell, precision, scale, core, None if error is None else str(error)])
print(json.dumps({"checks": checks, "raised": raised, "changed": changed, "differences": differences[:20]}))
