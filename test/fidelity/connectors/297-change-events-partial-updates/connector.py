# A change-data-capture connector: a snapshot of 2,000 records with 24 fields, then 3,000 change events that each
# carry only the fields that changed (a seeded random subset of one to six), applied with op.update in one checkpoint.
import random
from fivetran_connector_sdk import Connector, Operations as op

FIELDS = ["f%02d" % i for i in range(24)]


def schema(configuration):
    return [{"table": "records", "primary_key": ["id"]}]


def update(configuration, state):
    rnd = random.Random(7)
    for i in range(2000):
        op.upsert("records", {"id": i, **{f: "%s-%d" % (f, i) for f in FIELDS}})
    op.checkpoint({"snapshot": True})
    for n in range(3000):
        changed = rnd.sample(FIELDS, rnd.randint(1, 6))
        op.update("records", {"id": rnd.randrange(2000), **{f: "%s-e%d" % (f, n) for f in changed}})
    op.checkpoint({"snapshot": True, "events": 3000})


connector = Connector(update=update, schema=schema)
