# Two runs: the second continues from state, updates and truncates the first run's rows around an early write.
from fivetran_connector_sdk import Connector, Operations as op
def update(configuration, state):
    if not state.get("run"):
        for i in range(10):
            op.upsert("t", {"id": i, "v": "run1", "x": ""})
        op.checkpoint({"run": 1})
        return
    op.update("t", {"id": 1, "v": "run2 u1", "x": ""})
    op.delete("t", {"id": 2})
    op.truncate("t")
    op.update("t", {"id": 3, "v": "run2 u3", "x": ""})
    for i in range(4200):
        op.upsert("o", {"id": i})
    op.upsert("t", {"id": 1.0, "v": "run2 up1.0"})
    op.upsert("t", {"id": 11, "v": "run2 new", "x": ""})
    op.checkpoint({"run": 2})
connector = Connector(update=update)
