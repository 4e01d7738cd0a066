# In one checkpoint: an update of key 9 and a delete of key 5 (whole numbers), then more than 4,096 operations (an
# early write), then upserts of 9.0 and 5.0. The SDK writes the checkpoint once, upserts before updates and deletes,
# in the FLOAT the keys end as: 9 and 9.0 are one key there, so the update changes the row upserted after it. Keys
# alike in memory (7 and 7) merge before the write, the upsert replacing the update.
from fivetran_connector_sdk import Connector, Operations as op


def schema(configuration):
    return [{"table": "t", "primary_key": ["id"]}, {"table": "other", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("t", {"id": 1, "v": "first"})
    op.update("t", {"id": 7, "v": "update of 7"})
    op.update("t", {"id": 9, "v": "update of 9"})
    op.delete("t", {"id": 5})
    for i in range(4200):
        op.upsert("other", {"id": i})
    op.upsert("t", {"id": 7, "v": "upsert of 7", "f": 1.5})
    op.upsert("t", {"id": 9.0, "v": "upsert of 9.0", "f": 1.5})
    op.upsert("t", {"id": 5.0, "v": "upsert of 5.0", "f": 1.5})
    op.checkpoint({"c": 1})


connector = Connector(update=update, schema=schema)
