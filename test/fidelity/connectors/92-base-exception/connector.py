from fivetran_connector_sdk import Connector, Operations as op

class StopSync(BaseException):
    pass

def update(configuration, state):
    op.upsert("items", {"id": 1})
    op.checkpoint({"cursor": 1})
    op.upsert("items", {"id": 2})
    raise StopSync("enough")

connector = Connector(update=update)
