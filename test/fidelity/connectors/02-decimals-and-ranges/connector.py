# DECIMAL with several precisions and scales, and the ends of the integer ranges.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [
        {
            "table": "numbers",
            "primary_key": ["id"],
            "columns": {
                "id": "LONG",
                "money": {"type": "DECIMAL", "precision": 12, "scale": 2},
                "wide": {"type": "DECIMAL", "precision": 38, "scale": 10},
                "whole": {"type": "DECIMAL", "precision": 5, "scale": 0},
                "s": "SHORT",
                "i": "INT",
                "l": "LONG",
            },
        }
    ]


def update(configuration, state):
    rows = [
        {"id": 1, "money": "0.01", "wide": "12345678901234567890.0123456789", "whole": 99999, "s": -32768, "i": -2147483648, "l": -9223372036854775808},
        {"id": 2, "money": "-1234567890.99", "wide": "0", "whole": "-99999", "s": 32767, "i": 2147483647, "l": 9223372036854775807},
        {"id": 3, "money": 17, "wide": "1.5", "whole": "0", "s": 0, "i": 0, "l": 0},
        {"id": 4, "money": "3.14159", "wide": "-0.0000000001", "whole": 12, "s": 1.0, "i": 2.0, "l": 3.0},
        {"id": 5, "money": None, "wide": None, "whole": None, "s": None, "i": None, "l": None},
    ]
    for row in rows:
        op.upsert("numbers", row)
    op.checkpoint({"rows": len(rows)})


connector = Connector(update=update, schema=schema)
