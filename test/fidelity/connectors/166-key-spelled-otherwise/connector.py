# Updates and deletes that spell the key otherwise than the upsert did: "5" and 5.0 for a declared INT key, 5 for a
# declared STRING key "5", "5" for an undeclared int key, True for 1; and a declared LONG key fed "007".
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "int_key", "primary_key": ["id"], "columns": {"id": "INT"}},
            {"table": "str_key", "primary_key": ["id"], "columns": {"id": "STRING"}},
            {"table": "long_key", "primary_key": ["id"], "columns": {"id": "LONG"}},
            {"table": "loose_key", "primary_key": ["id"]}]


def update(configuration, state):
    for i in range(1, 8):
        op.upsert("int_key", {"id": i, "v": "i%d" % i})
        op.upsert("str_key", {"id": str(i), "v": "s%d" % i})
        op.upsert("loose_key", {"id": i, "v": "l%d" % i})
    op.upsert("long_key", {"id": "007", "v": "bond"})
    op.checkpoint({"step": 1})
    op.update("int_key", {"id": "5", "v": "by text"})
    op.delete("int_key", {"id": 6.0})
    op.update("str_key", {"id": 5, "v": "by int"})
    op.delete("str_key", {"id": 6})
    op.update("loose_key", {"id": "5", "v": "by text"})
    op.delete("loose_key", {"id": True})
    op.update("long_key", {"id": 7, "v": "by int"})
    op.checkpoint({"step": 2})


connector = Connector(update=update, schema=schema)
