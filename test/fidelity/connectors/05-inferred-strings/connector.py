# Strings whose shape looks like another type, and columns whose values change type from row to row.
from fivetran_connector_sdk import Connector, Operations as op

SHAPES = [
    "123", "-7", "007", "1.5", ".5", "1e5", "2.5e-3", "NaN", "Infinity", "true", "F", "yes",
    "2024-01-02", "2024-02-30", "2024-01-02T03:04:05", "2024-01-02 03:04:05", "2024-01-02T03:04:05Z",
    "2024-01-02T03:04:05.123+05:30", "2024-01-02 03:04:05+05:30", "", " 12 ", "99999999999999999999",
]


def update(configuration, state):
    # One column per shape, so each one's inferred type shows on its own.
    for i, text in enumerate(SHAPES):
        op.upsert("shapes", {"id": i, "shape": text, f"only_{i}": text})
    # Widening: the column starts with one type and later rows need a wider one.
    widen = [
        ("int_then_float", [1, 2.5]),
        ("int_then_str", [1, "abc"]),
        ("bool_then_int", [True, 7]),
        ("date_then_ts", ["2024-01-01", "2024-01-01T10:00:00"]),
        ("ts_then_tz", ["2024-01-01T10:00:00", "2024-01-01T10:00:00Z"]),
        ("int_then_dict", [5, {"k": 1}]),
        ("float_then_bytes", [1.5, b"\x01"]),
    ]
    for n, (column, values) in enumerate(widen):
        for k, value in enumerate(values):
            op.upsert("widening", {"id": n * 10 + k, column: value})
    op.checkpoint({"shapes": len(SHAPES)})


connector = Connector(update=update)
