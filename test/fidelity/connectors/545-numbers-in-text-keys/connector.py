# An external id declared STRING that the API sends as a number on some pages and as text on others: 1e16 and
# "1e+16" are one key (str() of the float), -0.0 and "-0.0" one, True and "True" one, 1.0 not "1". Upserted,
# updated and deleted across the spellings; floats also in a JSON column and a DECIMAL key fed ints and text.
from fivetran_connector_sdk import Connector, Operations as op

PAGE_ONE = [1e16, -0.0, 0.0, 5e-324, 1.7976931348623157e308, float("nan"), float("inf"), 0.1 + 0.2, 1.0, 1, True,
            123456789012345678, 2.5e-5, 1e22, 100.0]
PAGE_TWO = ["1e+16", "-0.0", "0", "5e-324", "nan", "inf", "0.30000000000000004", "1", "True", "1.0",
            "123456789012345678", "2.5e-05", "1e+22", "100.0"]


def update(configuration, state):
    for i, v in enumerate(PAGE_ONE):
        op.upsert("accounts", {"external_id": v, "page": 1, "seen": i, "payload": v})
    op.checkpoint({"page": 1})
    for i, v in enumerate(PAGE_TWO):
        op.upsert("accounts", {"external_id": v, "page": 2, "seen": i, "payload": v})
    op.update("accounts", {"external_id": 2.5e-05, "page": 3})
    op.update("accounts", {"external_id": float("-inf"), "page": 3})
    op.delete("accounts", {"external_id": 0.0})
    op.delete("accounts", {"external_id": False})
    op.checkpoint({"page": 2})
    for i, v in enumerate([7, "7", "07", 7.0, "7.00", -0, "-0", 10**20, "1E+2", 100]):
        try:
            op.upsert("ledger", {"code": v, "seen": i})
        except Exception as e:
            op.upsert("errors", {"seen": i, "error": "%s: %s" % (type(e).__name__, e)})
    op.checkpoint({"page": 3})


def schema(configuration):
    return [
        {"table": "accounts", "primary_key": ["external_id"], "columns": {"external_id": "STRING", "payload": "JSON"}},
        {"table": "ledger", "primary_key": ["code"], "columns": {"code": {"type": "DECIMAL", "precision": 30, "scale": 2}}},
        {"table": "errors", "primary_key": ["seen"]},
    ]


connector = Connector(update=update, schema=schema)
