# Table names a newcomer builds from data: empty, only spaces, only an underscore, only digits, with a slash, a quote,
# a backslash, a percent sign, a dot at each end, and names that normalise to one another; each refusal recorded.
from fivetran_connector_sdk import Connector, Operations as op


def update(configuration, state):
    names = ["", " ", "_", "123", "a/b", "it's", 'say "hi"', "back\\slash", "100%", ".hidden.", "Orders", "orders ",
             " ORDERS", "orders\t", "ordérs", "ORDERS!"]
    for i, t in enumerate(names):
        try:
            op.upsert(t, {"id": i, "name": repr(t)})
        except Exception as e:
            op.upsert("refused", {"id": i, "error": type(e).__name__ + ": " + str(e)})
    op.checkpoint({"done": 1})
    for i, t in enumerate(names):
        try:
            op.update(t, {"id": i, "name": "updated " + repr(t)})
            op.delete(t, {"id": 999})
        except Exception as e:
            op.upsert("refused", {"id": 100 + i, "error": type(e).__name__ + ": " + str(e)})
    op.checkpoint({"done": 2})


connector = Connector(update=update)
