# Calls a newcomer gets wrong: missing or extra arguments, keyword names guessed from other operations (`data=` for
# update and delete, `row=`, `table_name=`, `state=`), arguments in the wrong order, a row passed as keywords; each
# TypeError (or other refusal) caught and recorded with its message.
from fivetran_connector_sdk import Connector, Operations as op

CALLS = [
    ("upsert no data", lambda: op.upsert("t")),
    ("upsert extra positional", lambda: op.upsert("t", {"id": 1}, "extra", "more")),
    ("upsert row=", lambda: op.upsert("t", row={"id": 1})),
    ("upsert table_name=", lambda: op.upsert(table_name="t", data={"id": 1})),
    ("upsert swapped", lambda: op.upsert({"id": 1}, "t")),
    ("upsert row as keywords", lambda: op.upsert("t", id=1)),
    ("update data=", lambda: op.update(table="t", data={"id": 1})),
    ("update modified=", lambda: op.update(table="t", modified={"id": 2, "v": "m"})),
    ("delete data=", lambda: op.delete(table="t", data={"id": 1})),
    ("delete keys=", lambda: op.delete(table="t", keys={"id": 3})),
    ("delete no keys", lambda: op.delete("t")),
    ("truncate no table", lambda: op.truncate()),
    ("truncate table_name=", lambda: op.truncate(table_name="t")),
    ("checkpoint no state", lambda: op.checkpoint()),
    ("checkpoint two", lambda: op.checkpoint({}, {})),
    ("checkpoint data=", lambda: op.checkpoint(data={})),
    ("upsert None table", lambda: op.upsert(None, {"id": 1})),
    ("upsert int table", lambda: op.upsert(7, {"id": 1})),
    ("upsert bytes table", lambda: op.upsert(b"t", {"id": 1})),
    ("upsert schema int", lambda: op.upsert("t", {"id": 1}, schema=5)),
    ("update None row", lambda: op.update("t", None)),
    ("delete list", lambda: op.delete("t", [1])),
]


def update(configuration, state):
    op.upsert("t", {"id": 2, "v": "x"})
    op.upsert("t", {"id": 3, "v": "y"})
    for n, (name, call) in enumerate(CALLS):
        try:
            call()
            outcome = "ran"
        except Exception as e:
            outcome = type(e).__name__ + ": " + str(e)
        op.upsert("calls", {"n": n, "call": name, "outcome": outcome})
    op.checkpoint({"done": True})


connector = Connector(update=update)
