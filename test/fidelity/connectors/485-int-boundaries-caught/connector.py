# SHORT/INT/LONG at and past their bounds, as ints, floats, text and bools; the op call's refusals are caught and
# kept in `refused`. Only values each type holds reach the warehouse.
from fivetran_connector_sdk import Connector, Operations as op

VALUES = {
    "s": [32767, -32768, "123", 12.0, True, "  7 ", "1e3", 12.5],
    "i": [2 ** 31 - 1, -2 ** 31, "2147483647", 1.0e9, False, "0x10", "-0"],
    "l": [2 ** 63 - 1, -2 ** 63, "9223372036854775807", 9.2e18, "+5", "1_000"],
}


def schema(configuration):
    return [{"table": "ints", "primary_key": ["n"], "columns": {"n": "INT", "s": "SHORT", "i": "INT", "l": "LONG"}},
            {"table": "refused", "primary_key": ["n"]}]


def update(configuration, state):
    n = 0
    for col, values in VALUES.items():
        for value in values:
            n += 1
            try:
                op.upsert("ints", {"n": n, col: value})
            except Exception as e:
                op.upsert("refused", {"n": n, "col": col, "sent": repr(value), "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"n": n})


connector = Connector(update=update, schema=schema)
