# An inferred primary key column that widens twice in one checkpoint, with more than 4,096 operations (an early
# write) before each widening: whole numbers, then numbers with a fraction, then a word. Every key keeps the text of
# its value as sent ("7", not "7.0"). A second key column gets True, then 1 and 0, then "true" (it stays BIGINT):
# "true" goes with True, which came before 1, so key 1 holds "text".
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "ids", "primary_key": ["id"]}, {"table": "flags", "primary_key": ["flag"]}]


def update(configuration, state):
    for i in range(4200):
        op.upsert("ids", {"id": i, "v": "whole"})
    op.upsert("flags", {"flag": True, "v": "bool"})
    for i in range(4200):
        op.upsert("ids", {"id": i + 0.5, "v": "fraction"})
    op.upsert("flags", {"flag": 1, "v": "int"})
    op.upsert("flags", {"flag": 0, "v": "int"})
    op.upsert("ids", {"id": "word", "v": "text"})
    op.upsert("flags", {"flag": "true", "v": "text"})
    op.checkpoint({"done": True})


connector = Connector(update=update, schema=schema)
