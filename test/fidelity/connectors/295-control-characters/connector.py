# Text holding every kind of whitespace and control character, alone and around numbers, booleans and dates, in
# inferred columns (one column per character, so each column's type is read from it), in keys, in JSON and in the
# state; a checkpoint after each character.
from fivetran_connector_sdk import Connector, Operations as op

CHARS = [chr(c) for c in range(1, 32)] + ["\x7f", "\x85", "\xa0", "\u1680", "\u2000", "\u200b", "\u2028", "\u2029",
                                           "\u202f", "\u205f", "\u3000", "\ufeff", "\u180e"]


def update(configuration, state):
    for i, ch in enumerate(CHARS):
        name = "c%02d" % i
        op.upsert("around_int", {"id": i, name: ch + "12" + ch})
        op.upsert("around_float", {"id": i, name: "1.5" + ch})
        op.upsert("around_bool", {"id": i, name: ch + "true"})
        op.upsert("around_date", {"id": i, name: "2024-01-02" + ch})
        op.upsert("around_ts", {"id": i, name: ch + "2024-01-02T03:04:05Z"})
        op.upsert("alone", {"id": i, "v": ch, "doubled": ch * 2, "json": {"k" + ch: [ch]}})
        op.upsert("keys", {"k": "key" + ch, "code": i})
        op.upsert("loose", {"v": ch, "code": i})
        op.checkpoint({"chars": "".join(CHARS[:i + 1])})


def schema(configuration):
    return [{"table": "keys", "primary_key": ["k"]}]


connector = Connector(update=update, schema=schema)
