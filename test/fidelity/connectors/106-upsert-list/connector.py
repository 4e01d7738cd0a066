# A list of rows given to op.upsert() (a common slip: one call per row is what the SDK takes): caught once for a
# declared table, then not caught for an undeclared one.
from fivetran_connector_sdk import Connector, Operations as op, Logging as log


def schema(configuration):
    return [{"table": "declared", "primary_key": ["id"]}]


def update(configuration, state):
    op.upsert("declared", {"id": 1, "v": "one"})
    op.checkpoint({"page": 1})
    try:
        op.upsert("declared", [{"id": 2, "v": "two"}])
    except Exception as e:
        log.warning("refused: %s: %s" % (type(e).__name__, e))
    op.upsert("declared", {"id": 3, "v": "three"})
    op.upsert("undeclared", [{"id": 4}, {"id": 5}])
    op.checkpoint({"page": 2})


connector = Connector(update=update, schema=schema)
