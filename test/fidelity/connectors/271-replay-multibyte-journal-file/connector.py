# A checkpoint written again whose records outgrow memory (64 KB) and go to a file: emoji, CJK, U+2028 and newlines
# in values, and a 1.2 M-character value (2.8 MB in UTF-8) in a key-less table, longer than a read of the file.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "nk"}]


def update(configuration, state):
    big = "漢字😀" * 400000
    for i in range(4200):
        op.upsert("t", {"id": i, "v": "日本語テキスト🎉 %d \u2028 é\n" % i + ("ß" * (i % 37))})
    op.upsert("nk", {"k": 1, "big": big})
    op.upsert("nk", {"k": 1, "big": big})
    for i in range(300):
        op.upsert("t", {"id": i + 0.5, "v": "😀" * (i + 1)})
    op.upsert("t", {"id": "キー", "v": "🙂 text key"})
    op.checkpoint({"c": "✓"})
    op.update("t", {"id": "3", "v": "updated 🚀"})
    op.checkpoint({"c": "✓✓"})


connector = Connector(update=update, schema=schema)
