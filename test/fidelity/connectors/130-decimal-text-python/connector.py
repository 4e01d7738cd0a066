# Decimal text as Python's Decimal reads it, in a DECIMAL(6,2) column: the SDK's core rounds (or, too wide, nulls) text
# with digit-group underscores, full-width or Arabic-Indic digits and Unicode spaces around it, and loads its own
# ASCII result. Text that needs no rounding goes to the load as it is (every value here loads).
from fivetran_connector_sdk import Connector, Operations as op

VALUES = ["1_000.555", "\uff11.\uff12\uff13\uff14", "\uff11\uff12\uff13\uff14\uff15\uff16\uff17", "1_0e1_0",
          "+1_2.3_4_5", "\u0663.\u0661\u0664\u0661\u0665", "\u00a01.555\u2003", "\t-0.005\n", "1._5_5_5",
          "\u0661\u0662\u0663\u0664\u0665\u0666", " 99.994 ", "1.5e+0_1", "\u30001_2.345\u3000"]


def schema(configuration):
    return [{"table": "amounts", "primary_key": ["id"],
             "columns": {"id": "INT", "amount": {"type": "DECIMAL", "precision": 6, "scale": 2}}}]


def update(configuration, state):
    for i, v in enumerate(VALUES):
        op.upsert("amounts", {"id": i, "amount": v})
    op.checkpoint({})


connector = Connector(update=update, schema=schema)
