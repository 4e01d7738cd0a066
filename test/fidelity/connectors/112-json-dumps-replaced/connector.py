# The connector replaces json.dumps with one that writes compact JSON: a dict value is stored as that text.
import json

from fivetran_connector_sdk import Connector, Operations as op

_standard = json.dumps


def compact(value, **kwargs):
    return _standard(value, separators=(",", ":"), sort_keys=True)


json.dumps = compact


def update(configuration, state):
    for i in range(3):
        op.upsert("t", {"id": i, "doc": {"z": i, "a": [1.0, "x"]}, "tags": ["b", "a"]})
    op.checkpoint({"done": True})


connector = Connector(update=update)
