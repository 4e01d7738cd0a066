# DECIMAL columns declared every way the SDK takes: precision and scale from configuration.json strings through
# int(), an IntEnum, precision 0 and 39 (clamped, with a warning), the largest unsigned 32-bit precision and scale,
# scale equal to precision, scale above it; the type written `decimal`, `Decimal`, `DECIMAL`; a plain-type column
# also given as a string in mixed case. Values at and past each width, as text, floats, ints and Decimals.
import enum
from decimal import Decimal

from fivetran_connector_sdk import Connector, Logging as log, Operations as op


class Digits(enum.IntEnum):
    MONEY = 18
    CENTS = 2


def schema(configuration):
    return [{"table": "prices", "primary_key": ["sku"], "columns": {
        "sku": "String",
        "list": {"type": "decimal", "precision": int(configuration["price_precision"]), "scale": int(configuration["price_scale"])},
        "money": {"type": "Decimal", "precision": Digits.MONEY, "scale": Digits.CENTS},
        "tiny": {"type": "DECIMAL", "precision": 0, "scale": 0},
        "wide": {"type": "DECIMAL", "precision": 39, "scale": 2},
        "huge": {"type": "DECIMAL", "precision": 4294967295, "scale": 4294967295},
        "frac": {"type": "DECIMAL", "precision": 3, "scale": 3},
        "upside": {"type": "DECIMAL", "precision": 4, "scale": 6},
    }}]


VALUES = ["0", "1", "-1", "0.5", "99.995", "-0.0005", "123456789.123456", "1e3", "0.999", "12345678901234567890123"]


def update(configuration, state):
    for i, text in enumerate(VALUES):
        for kind, value in (("text", text), ("float", float(text)), ("dec", Decimal(text))):
            row = {"sku": f"{kind}-{i}"}
            for col in ("list", "money", "tiny", "wide", "huge", "frac", "upside"):
                row[col] = value
            try:
                op.upsert("prices", row)
            except Exception as e:
                log.warning(f"{row['sku']}: {type(e).__name__}: {e}")
                op.upsert("refused", {"sku": row["sku"], "error": f"{type(e).__name__}: {e}"})
    op.checkpoint({"values": len(VALUES)})


connector = Connector(update=update, schema=schema)
