# Rows that are dict subclasses (OrderedDict, defaultdict, a custom dict) keep their column order and values.
import collections

from fivetran_connector_sdk import Connector, Operations as op


class Row(dict):
    pass


def update(configuration, state):
    op.upsert("t", collections.OrderedDict([("z", 1), ("id", 1), ("a", "x")]))
    d = collections.defaultdict(int)
    d["id"] = 2
    d["z"] = 5
    op.upsert("t", d)
    op.upsert("t", Row(id=3, a="row", extra=collections.OrderedDict(k=1)))
    op.checkpoint({})


connector = Connector(update=update)
