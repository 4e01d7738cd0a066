"""Prints, as one JSON document, what the real SDK's core gives for seeded random texts and floats: the type it sniffs
from a text (_text_type), the text it stages for a cell in a column of each type (stage_text), and Java's text of a
float (java_float_text). test/fidelity/cells.test.ts compares src/warehouse/cells.ts with it."""
import json
import random
import struct
import sys

from fivetran_connector_sdk_core.cells import Double, Single, _text_type, java_float_text, stage_text

rnd = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
# Characters the patterns and limits treat specially: digits of other scripts, Python's and JavaScript's spaces, signs,
# separators, exponent and boolean letters, underscores.
ALPHABET = list("0123456789-+.:eETtZz fFaAlLsSrRuUNIny_") + ["\u0660", "\uff11", "\u00a0", "\t", "\n", "\u2003", "\x1c",
                                                              "\ufeff", "\u00e9", "\U0001D7D9", "\x85"]
TEMPLATES = ["dddd-dd-dd", "dddd-dd-ddTdd:dd:dd", "dddd-dd-ddTdd:dd:ddZ", "dddd-dd-dd dd:dd:dd.ddd",
             "dddd-dd-ddTdd:dd:dd+dd:dd", "-ddddddddddddddddddd", "dd.dde+d", "d.d", "true", "False", "t", "NaN",
             "Infinity", "dd", "0.00d", "ddd.ddd"]
KINDS = ["BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE",
         "JSON", "VARCHAR", "DECIMAL(6,2)", "DECIMAL(38,10)", "DECIMAL(3,3)", "DECIMAL(5,0)"]


def text():
    if rnd.random() < 0.5:
        return "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 8)))
    chars = [str(rnd.randint(0, 9)) if c == "d" else c for c in rnd.choice(TEMPLATES)]
    for _ in range(rnd.randint(0, 2)):
        at = rnd.randint(0, max(len(chars) - 1, 0))
        edit = rnd.randint(0, 2)
        if edit == 0 and chars:
            chars[at] = rnd.choice(ALPHABET)
        elif edit == 1 and chars:
            del chars[at]
        else:
            chars.insert(at, rnd.choice(ALPHABET))
    return "".join(chars)


def floats():
    for _ in range(20000):
        value = struct.unpack("f", struct.pack("I", rnd.getrandbits(32)))[0]
        yield value
        yield struct.unpack("d", struct.pack("Q", rnd.getrandbits(64)))[0]
        # Few digits: ties at a float's shortest digits (2357719.25).
        yield float("%d.%s" % (rnd.randint(0, 10**7), rnd.choice(["5", "25", "125", "625", "0625"])))


texts = sorted({text() for _ in range(20000)})
out = {"kinds": KINDS, "texts": [[t, _text_type(t), [stage_text(t, k) for k in KINDS]] for t in texts], "floats": []}
for value in floats():
    if value != value or value in (float("inf"), float("-inf")):
        continue
    single, double = Single(repr(value)), Double(repr(value))
    single.text = double.text = repr(value)
    out["floats"].append([repr(value), java_float_text(single), java_float_text(double)])
json.dump(out, sys.stdout, ensure_ascii=False)
