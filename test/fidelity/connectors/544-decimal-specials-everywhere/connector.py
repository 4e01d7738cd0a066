# Prices parsed with json.loads(parse_float=Decimal) and decimal arithmetic: NaN, sNaN, -0, Infinity, huge and tiny
# exponents, trailing zeros, in every numeric type, BOOLEAN, STRING, DECIMAL (as the Decimal, refused, and as its
# str()), JSON (refused), undeclared (each alone and all in one column) and key-less.
import decimal
import json

from fivetran_connector_sdk import Connector, Operations as op

D = decimal.Decimal
VALUES = {
    "nan": D("NaN"), "snan": D("sNaN"), "neg_nan": D("-NaN"), "neg_zero": D("-0"), "neg_zero_scaled": D("-0E-7"),
    "inf": D("Infinity"), "neg_inf": D("-Infinity"), "huge": D("1E+5000"), "big": D("9.99E+20"), "tiny": D("1E-5000"),
    "trailing": D("1.000"), "exp": D("1.5E+3"), "long": D("12345678901234567890.123456789"),
    "computed": D("1") / D("3"), "half": D("2.5"), "int_like": D("7E+2"),
    "parsed": json.loads('{"p": 19.990}', parse_float=D)["p"],
}
COLUMNS = {"i": "INT", "s16": "SHORT", "l": "LONG", "f": "FLOAT", "dbl": "DOUBLE", "b": "BOOLEAN", "s": "STRING",
           "dec": {"type": "DECIMAL", "precision": 20, "scale": 4}, "j": "JSON"}


def update(configuration, state):
    outcomes = []
    n = 0
    for name, value in VALUES.items():
        for column in COLUMNS:
            n += 1
            try:
                op.upsert("typed", {"id": n, "value": name, "column": column, column: value})
                outcomes.append("ok")
            except Exception as e:
                outcomes.append("%s %s: %s: %s" % (name, column, type(e).__name__, str(e)[:200]))
        if value.is_finite() and value.adjusted() < 16:
            op.upsert("as_text", {"id": name, "amount": str(value)})
        op.upsert("keyless", {"value": value, "name": name})
        op.upsert("all_in_one", {"name": name, "value": value})
    op.upsert("one_row", {name: value for name, value in VALUES.items()} | {"id": 1})
    op.checkpoint({"done": len(VALUES)})
    for i, o in enumerate(outcomes):
        op.upsert("outcomes", {"i": i, "outcome": o})


def schema(configuration):
    return [
        {"table": "typed", "primary_key": ["id"], "columns": COLUMNS},
        {"table": "as_text", "primary_key": ["id"], "columns": {"amount": {"type": "DECIMAL", "precision": 38, "scale": 6}}},
        {"table": "all_in_one", "primary_key": ["name"]},
        {"table": "one_row", "primary_key": ["id"]},
        {"table": "outcomes", "primary_key": ["i"]},
    ]


connector = Connector(update=update, schema=schema)
