# Two truncates of one table in one checkpoint, with an early write (4,200 rows of another table) between them;
# updates, deletes and upserts of the same keys before, between and after them, cast-equal upserts at the end.
from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    for i in range(20):
        op.upsert("t", {"id": i, "v": "first"})
    op.checkpoint({"c": 1})
    op.update("t", {"id": 1, "v": "u1 before T1"})
    op.delete("t", {"id": 2})
    op.upsert("t", {"id": 3, "v": "up3 before T1"})
    op.truncate("t")
    op.update("t", {"id": 4, "v": "u4 after T1"})
    op.update("t", {"id": 5, "w": "u5 after T1"})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.update("t", {"id": 6, "v": "u6 between"})
    op.upsert("t", {"id": 7, "v": "up7 between"})
    op.update("t", {"id": 4, "w": "u4 between"})
    op.truncate("t")
    op.update("t", {"id": 8, "v": "u8 after T2"})
    op.upsert("t", {"id": 9.0, "v": "up9.0 after T2"})
    op.upsert("t", {"id": 1.0, "v": "up1.0 after T2"})
    op.upsert("t", {"id": 6.0, "v": "up6.0 after T2"})
    op.checkpoint({"c": 2})
connector = Connector(update=update)
