# Text that came through a UTF-16 API as separate surrogate code units (decoded with "surrogatepass"): a proper
# pair is refused in text columns (it is not UTF-8) but json.dumps writes it as an escaped pair, which is valid
# JSON for the emoji; also a pair as a JSON key, next to the real emoji, in declared and undeclared JSON columns,
# key-less; and in the state, where json.dumps escapes it too.
from fivetran_connector_sdk import Connector, Operations as op

RAW = "\U0001F600 ok".encode("utf-16-le")
PAIRED = RAW.decode("utf-16-le", "surrogatepass").encode("utf-16-le", "surrogatepass").decode("utf-16-le")
SPLIT = "\ud83d\ude00 ok"  # the same emoji as two code units, as a careless decode leaves it
DOCS = [{"text": SPLIT}, {SPLIT: 1}, [SPLIT, PAIRED], {"emoji": PAIRED}, {"both": [PAIRED, SPLIT]}, SPLIT]


def update(configuration, state):
    for i, doc in enumerate(DOCS):
        for table, row in (("docs", {"id": i, "doc": doc}), ("loose", {"id": i, "doc": doc}), ("keyless", {"doc": doc, "n": i})):
            try:
                op.upsert(table, row)
                outcome = "ok"
            except Exception as e:
                outcome = "%s: %s" % (type(e).__name__, e)
            op.upsert("outcomes", {"i": 100 + i, "table": table, "outcome": outcome})
    for i, value in enumerate([SPLIT, PAIRED, "\ud83d", "\ude00\ud83d"]):
        for table in ("text", "loose_text"):
            try:
                op.upsert(table, {"id": i, "v": value})
                outcome = "ok"
            except Exception as e:
                outcome = "%s: %s" % (type(e).__name__, e)
            op.upsert("outcomes", {"i": i, "table": table, "outcome": outcome})
    op.checkpoint({"last": SPLIT, "keys": {SPLIT: PAIRED}})


def schema(configuration):
    return [
        {"table": "docs", "primary_key": ["id"], "columns": {"doc": "JSON"}},
        {"table": "text", "primary_key": ["id"], "columns": {"v": "STRING"}},
        {"table": "outcomes", "primary_key": ["i", "table"]},
    ]


connector = Connector(update=update, schema=schema)
